"""Lint, and the papermill route of running a notebook."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    done = subprocess.run(
        [str(BIN / "ruff"), "check", "course_utils", "tests", "notebooks", "scripts", "benchmarks", "conftest.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_papermill_runs_a_notebook_in_fast_mode(tmp_path):
    notebook = ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb"
    out = tmp_path / "out.ipynb"
    env = dict(os.environ, COURSE_FAST="0", COURSE_ARTIFACTS=str(tmp_path / "artifacts"))  # only -p FAST True
    subprocess.run(
        [str(BIN / "papermill"), str(notebook), str(out), "-p", "FAST", "True", "--cwd", str(notebook.parent)],
        env=env, check=True, capture_output=True, timeout=600,
    )
    cells = json.loads(out.read_text())["cells"]
    injected = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and "FAST = True" in "".join(injected[0]["source"])
    text = json.dumps([c.get("outputs", []) for c in cells])
    assert "Fast mode" in text, "the notebook did not switch to fast mode from -p FAST True"
    assert (tmp_path / "artifacts" / notebook.stem / "scorecard.json").is_file()
