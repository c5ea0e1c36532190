"""Write student copies of the lectures to build/student/ with nbgrader's own preprocessors.

Solutions between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are replaced by a stub that
raises ``NotImplementedError`` with a message saying what to do; check cells stay.

Usage: python scripts/make_student.py [NOTEBOOK ...]   (default: every lecture)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearOutput, ClearSolutions

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "student"
STUB = (
    "# YOUR CODE HERE\n"
    'raise NotImplementedError("Exercise not done yet: replace this line with your solution, then run the check cell.")'
)


def student_copy(notebook: Path, out_dir: Path = OUT) -> Path:
    """Write the student copy of one instructor notebook and return its path."""
    nb = nbformat.read(notebook, as_version=4)
    resources: dict = {}
    clear = ClearSolutions(enforce_metadata=False, code_stub={"python": STUB})
    nb, resources = clear.preprocess(nb, resources)
    nb, resources = ClearOutput().preprocess(nb, resources)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / notebook.name
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for notebook in notebooks:
        print(f"wrote {student_copy(notebook).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
