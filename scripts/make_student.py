"""Write student copies of the lectures to student/ with nbgrader's own preprocessors.

Solutions between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are replaced by a stub that
raises ``NotImplementedError`` with a message saying what to do; the lines of a check cell between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` (those that would give the answer away) are left out, as
nbgrader leaves them out of an assignment's release (``make assignments``); every other cell stays as it is, except
the title cell's badges, which open the student copy (``student/NN_topic.ipynb`` in the repository) instead of the
instructor's notebook with its solutions. The delimiters include the ``###``, so prose
that merely names the markers is left alone. The copies in student/ are committed, so that the badges have
something to open; tests/test_student.py fails when they fall behind the lectures.

Usage: python scripts/make_student.py [--out-dir DIR] [NOTEBOOK ...]   (default: every lecture, student/)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

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
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


HIDDEN_NOTE = "# Hidden tests of this check stood here; they run when the exercise is autograded."


def announce_hidden_tests(nb: nbformat.NotebookNode) -> None:
    """Put HIDDEN_NOTE before every hidden-test region, so that a copy without the region says one was there."""
    for cell in nb.cells:
        if cell.cell_type != "code" or HIDDEN_BEGIN not in cell.source:
            continue
        lines = []
        for line in cell.source.split("\n"):
            if line.strip() == HIDDEN_BEGIN:
                lines.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
            lines.append(line)
        cell.source = "\n".join(lines)


def student_badges(nb: nbformat.NotebookNode, notebook: Path) -> None:
    """Point the title cell's badges at the student copy (``student/<name>``) instead of ``notebooks/<name>``."""
    title = nb.cells[0]
    for kind, url in config.badge_urls(f"notebooks/{notebook.name}").items():
        student_url = config.badge_urls(f"{STUDENT_FOLDER}/{notebook.name}")[kind]
        if url not in title.source:
            raise RuntimeError(f"{notebook}: the title cell has no {kind} badge linking {url}; run "
                               "scripts/retarget.py or fix the badge")
        title.source = title.source.replace(url, student_url)


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
    announce_hidden_tests(nb)
    try:
        nb, resources = ClearHiddenTests(enforce_metadata=False).preprocess(nb, resources)
    except RuntimeError as error:
        raise RuntimeError(f"{notebook}: {error} (every {HIDDEN_BEGIN} needs its own {HIDDEN_END} in the same cell)"
                           ) from error
    nb, resources = ClearOutput().preprocess(nb, resources)
    student_badges(nb, notebook)
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
