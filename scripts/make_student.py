"""Write student copies of the lectures to build/student/ with nbgrader's own preprocessors.

Solutions between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are replaced by a stub that
raises ``NotImplementedError`` with a message saying what to do; check cells and every other cell stay
as they are. The delimiters include the ``###``, so prose that merely names the markers is left alone.

Usage: python scripts/make_student.py [--out-dir DIR] [NOTEBOOK ...]   (default: every lecture, build/student/)
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
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def student_copy(notebook: Path, out_dir: Path = OUT) -> Path:
    """Write the student copy of one instructor notebook and return its path."""
    nb = nbformat.read(notebook, as_version=4)
    resources: dict = {}
    clear = ClearSolutions(enforce_metadata=False, code_stub={"python": STUB},
                           begin_solution_delimeter=BEGIN, end_solution_delimeter=END)
    try:
        nb, resources = clear.preprocess(nb, resources)
    except RuntimeError as error:  # nbgrader's message lacks the notebook's name
        raise RuntimeError(f"{notebook}: {error} (every {BEGIN} needs its own {END} in the same cell)") from error
    nb, resources = ClearOutput().preprocess(nb, resources)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / notebook.name
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="instructor notebooks (default: every lecture)")
    parser.add_argument("--out-dir", type=Path, default=OUT, help="where the copies go (default: build/student)")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for notebook in notebooks:
        print(f"wrote {student_copy(notebook, args.out_dir)}")


if __name__ == "__main__":
    main()
