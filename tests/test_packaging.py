"""pyproject.toml and environment.yml list the same dependencies; the project files exist."""

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"] + project["optional-dependencies"]["lab"]
              + project["optional-dependencies"]["dev"]}
    listed = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        item = line.strip()
        if item.startswith("- ") and not item.endswith(":"):
            requirement = item[2:].strip()
            if requirement in ("pip", "-e .") or requirement.startswith("python"):
                continue
            listed[_name(requirement)] = requirement.replace(" ", "")
    assert listed == wanted, "environment.yml and pyproject.toml list different dependencies or versions"
    assert "- -e ." in (ROOT / "environment.yml").read_text(), "environment.yml must install the course package"


def test_runtime_dependencies_are_the_course_stack():
    deps = {_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    assert deps == {"tensorflow", "numpy", "matplotlib", "pandas", "scikit-learn"}, "Colab installs these: no more"


def test_project_layout():
    for path in ["notebooks", "course_utils", "data", "tests", "environment.yml", "README.md", "pyproject.toml",
                 "Makefile", ".ci/run", "conftest.py", ".github/workflows/test.yml"]:
        assert (ROOT / path).exists(), f"{path} is missing"
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab:", "test:", "bench:", "student:", "slides:", "browser-check:"):
        assert target in makefile
    assert "make test" in (ROOT / ".ci/run").read_text()
    assert ".ci/run" in (ROOT / ".github/workflows/test.yml").read_text()


def test_every_data_folder_ships_in_the_wheel():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for folder in sorted(p for p in (ROOT / "data").iterdir() if p.is_dir()):
        package = f"course_utils.data.{folder.name}"
        assert package in project["packages"], f"add {package} to [tool.setuptools] packages in pyproject.toml"
        assert package in project["package-data"], f"add {package} to [tool.setuptools.package-data]"


def test_readme_documents_the_teaching_workflows():
    readme = (ROOT / "README.md").read_text()
    for text in ("make lab", "make student", "make slides", "make browser-check", "Alt+R", "### BEGIN SOLUTION",
                 "Open in Colab", "LAB_DIR=student", "make retarget"):
        assert text in readme, f"the README should explain `{text}`"
    for image in ("docs/jupyterlab.png", "docs/rise.png"):
        assert f"]({image})" in readme and (ROOT / image).is_file(), f"{image}: run `make browser-check`"


def test_the_ci_matrix_spans_the_supported_pythons():
    """requires-python is the range TensorFlow has wheels for; CI runs its lowest and highest, and 3.11."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    low, high = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", spec).groups()
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    versions = re.search(r"python-version: \[([^\]]+)\]", workflow).group(1)
    matrix = sorted(int(v.strip().strip('"').split(".")[1]) for v in versions.split(","))
    assert matrix[0] == int(low) and matrix[-1] == int(high) - 1 and 11 in matrix, f"matrix {matrix}, {spec}"
    makefile = (ROOT / "Makefile").read_text()
    assert f"(3, {low}) <= sys.version_info[:2] <= (3, {int(high) - 1})" in makefile, "make refuses other Pythons"
