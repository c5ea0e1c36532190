"""Write student copies of the lectures to student/ with nbgrader's own preprocessors.

Solutions between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are replaced by a stub that
raises ``NotImplementedError`` with a message saying what to do; check cells and every other cell stay
as they are, except the title cell's badges, which open the student copy (``student/NN_topic.ipynb`` in the
repository) instead of the instructor's notebook with its solutions. The delimiters include the ``###``, so prose
that merely names the markers is left alone. The copies in student/ are committed, so that the badges have
something to open; tests/test_student.py fails when they fall behind the lectures.

Usage: python scripts/make_student.py [--out-dir DIR] [NOTEBOOK ...]   (default: every lecture, student/)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearOutput, ClearSolutions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_utils import config  # noqa: E402  (this checkout's config, not an installed copy)

OUT = ROOT / "student"
STUDENT_FOLDER = "student"  # where the copies live in the repository: their badges point there
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
    title = nb.cells[0]
    for kind, url in config.badge_urls(f"notebooks/{notebook.name}").items():
        student_url = config.badge_urls(f"{STUDENT_FOLDER}/{notebook.name}")[kind]
        if url not in title.source:
            raise RuntimeError(f"{notebook}: the title cell has no {kind} badge linking {url}; run "
                               "scripts/retarget.py or fix the badge")
        title.source = title.source.replace(url, student_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / notebook.name
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="instructor notebooks (default: every lecture)")
    parser.add_argument("--out-dir", type=Path, default=OUT, help="where the copies go (default: student/)")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for notebook in notebooks:
        print(f"wrote {student_copy(notebook, args.out_dir)}")


if __name__ == "__main__":
    main()
