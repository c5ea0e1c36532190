"""`make strip` leaves valid notebooks (nbformat validates them), and `make hooks` installs the same as a git filter."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat

OUTPUT = "an output to strip\n"  # a unique text: the lectures never contain it
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed",
                           *args, f"BIN={BIN}"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_strip_removes_outputs_and_run_metadata_and_keeps_a_valid_notebook(tmp_path):
    notebook = json.loads((ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code.update(execution_count=3, outputs=[{"output_type": "stream", "name": "stdout", "text": [OUTPUT]}])
    code["metadata"]["execution"] = {"iopub.status.busy": "2026-11-27T10:00:00"}
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    copy = tmp_path / "copy.ipynb"
    copy.write_text(json.dumps(notebook))
    done = make("strip", f"STRIP_FILES={copy}")
    assert done.returncode == 0, done.stderr
    stripped = nbformat.read(copy, as_version=4)
    nbformat.validate(stripped)
    assert stripped.metadata.kernelspec.display_name, "nbformat needs kernelspec.display_name"
    assert "widgets" not in stripped.metadata
    assert all(c.outputs == [] and c.execution_count is None and "execution" not in c.metadata
               for c in stripped.cells if c.cell_type == "code")


def test_hooks_install_the_strip_filter_in_a_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-local", "--depth", "1", f"file://{ROOT}", str(clone)],
                   check=True, capture_output=True, timeout=120)
    done = make("hooks", cwd=clone)
    assert done.returncode == 0, done.stderr
    def config(key: str) -> str:
        return subprocess.run(["git", "config", key], cwd=clone, capture_output=True, text=True).stdout

    assert "nbstripout" in config("filter.nbstripout.clean")
    assert config("filter.nbstripout.extrakeys").split() == ["metadata.widgets", "cell.metadata.execution"]
    # git runs the filter on notebooks, and the filter strips what make strip strips
    attributes = subprocess.run(["git", "check-attr", "filter", "notebooks/02_bayes_and_naive_bayes.ipynb"],
                                cwd=clone, capture_output=True, text=True).stdout
    assert attributes.strip().endswith("filter: nbstripout")
    content = json.loads((clone / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    code = next(c for c in content["cells"] if c["cell_type"] == "code")
    code.update(execution_count=1, outputs=[{"output_type": "stream", "name": "stdout", "text": [OUTPUT]}])
    cleaned = subprocess.run(config("filter.nbstripout.clean").strip() + " --extra-keys '"
                             + config("filter.nbstripout.extrakeys").strip() + "'", shell=True, cwd=clone,
                             input=json.dumps(content), capture_output=True, text=True, check=True).stdout
    assert "an output to strip" not in cleaned and nbformat.reads(cleaned, as_version=4).cells
