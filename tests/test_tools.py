"""Lint. (The papermill route of running a notebook is tested in test_colab.py and test_parameters.py.)"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    done = subprocess.run(
        [str(BIN / "ruff"), "check", "course_utils", "tests", "notebooks", "project", "scripts", "benchmarks",
         "conftest.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
