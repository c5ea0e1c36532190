"""Colab's route: the course installed as a wheel, one lecture opened alone in an empty directory, run in fast mode.

Colab already has TensorFlow, NumPy, pandas and Jupyter, and the setup cell pip-installs the course package
(`config.colab_install_command()`). Here a fresh virtual environment outside the checkout stands in for
Colab: the project environment's site-packages is appended to its path (Colab's preinstalled stack; its
`.pth` files, the editable install of the course included, are not processed), and the course itself comes
only from the wheel built from this checkout.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest

from course_utils import config

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb"
PROBE = """import json, sys
import course_utils
from course_utils import config
print("COLAB-PROBE " + json.dumps({"prefix": sys.prefix, "package": course_utils.__file__,
                                   "data": str(config.data_dir()), "root": str(config.project_root())}))"""


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_install_command_names_the_package_and_the_one_repository_url():
    name = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
    command = config.colab_install_command()
    assert command.startswith(f'pip install -q "{name} @ git+{config.REPO_URL}@{config.REPO_REF}"')


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The course's wheel, built from a copy of the files a fresh clone has (no stale build/ directory)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("course_utils", "data"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, source], timeout=600)
    (path,) = out.glob("generative_models_course-*.whl")
    return path


def test_wheel_ships_the_package_and_its_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "course_utils/config.py" in names
    data = {n.removeprefix("course_utils/data/") for n in names if n.startswith("course_utils/data/")}
    for path in (ROOT / "data").rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            assert str(path.relative_to(ROOT / "data")) in data, f"data/{path.relative_to(ROOT / 'data')} not in wheel"


def test_a_lecture_opened_alone_runs_from_the_installed_wheel(wheel, tmp_path):
    venv = tmp_path / "colab-venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (purelib / "colab_preinstalled.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--force-reinstall",
         wheel], timeout=300)

    work = tmp_path / "colab"  # an empty directory with nothing but the lecture, as on Colab
    work.mkdir()
    notebook = nbformat.read(LECTURE, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))  # reports where the kernel found the course
    nbformat.write(notebook, work / LECTURE.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    run([python, "-m", "papermill", LECTURE.name, "out.ipynb", "-p", "FAST", "True", "-k", "python3"],
        cwd=work, env=env, timeout=600)

    cells = nbformat.read(work / "out.ipynb", as_version=4).cells
    injected = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "FAST = True" in injected[0].source, "papermill did not inject -p FAST True"
    outputs = [o for c in cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type == "stream" and o.text.startswith("Fast mode") for o in outputs), "not in fast mode"
    probe = next(o.text for o in outputs if o.output_type == "stream" and "COLAB-PROBE" in o.text)
    found = json.loads(probe.split("COLAB-PROBE ", 1)[1])
    assert Path(found["prefix"]) == venv, f"the kernel ran in {found['prefix']}, not the fresh environment"
    assert Path(found["package"]).is_relative_to(purelib), f"course_utils came from {found['package']}"
    assert Path(found["data"]) == purelib / "course_utils" / "data" and found["root"] == "None"
    assert (work / "artifacts" / LECTURE.stem / "scorecard.json").is_file(), "artifacts go to ./artifacts"


def test_badges_and_install_lines_point_at_the_release_tag_and_at_files_that_exist():
    """What Colab opens and installs: the tag of this version, and files this tree holds (the tag's tree)."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert config.REPO_REF == f"v{version}", (
        f"REPO_REF is {config.REPO_REF}, the version is {version}: run `make retarget REF=v{version}`")
    slug = config.REPO_URL.removeprefix("https://github.com/")
    prefixes = (f"https://colab.research.google.com/github/{slug}/blob/{config.REPO_REF}/",
                f"{config.REPO_URL}/blob/{config.REPO_REF}/")
    notebooks = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("student/*.ipynb"), *ROOT.glob("project/*.ipynb")])
    assert len(notebooks) >= 23
    for path in notebooks:
        text = "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text())["cells"])
        repository_links = re.findall(r"\]\((https://[^)\s]+)\)", text)  # markdown links: badges, licence
        assert sum(slug in link for link in repository_links) >= 3, f"{path.name}: badges and licence link missing"
        for link in repository_links:
            if slug not in link:
                continue
            prefix = next((p for p in prefixes if link.startswith(p)), None)
            assert prefix, f"{path.relative_to(ROOT)}: {link} does not point at {config.REPO_REF}"
            assert (ROOT / link.removeprefix(prefix)).is_file(), f"{path.relative_to(ROOT)}: {link} opens no file"
        install = re.findall(r"git\+(https://[^@\"]+)@([^\"\s]+)\"", text)
        assert install == [(config.REPO_URL, config.REPO_REF)], f"{path.relative_to(ROOT)}: install line {install}"
