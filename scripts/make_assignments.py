"""Build the course's nbgrader assignments from the lectures and the project (``make assignments``).

Writes a course folder (default ``build/course/``) laid out as nbgrader expects:

- ``nbgrader_config.py``: the course id, the exchange folder, the course's solution stub, execution timeouts;
- ``source/<stem>/<stem>.ipynb``: one assignment per lecture, named after its stem, and one for the project, with
  nbgrader's cell metadata added here (the lectures themselves carry none, so they stay the single source):

  * each exercise's solution cell is an "Autograded answer" (grade id ``exercise<N>``): nbgrader replaces its
    ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` regions with the stub ``make student`` uses;
  * the check cell right after it is an "Autograder tests" cell (grade id ``exercise<N>_check``) worth
    ``POINTS_PER_EXERCISE``; its ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions (the lines that would
    give the answer away) are left out of the student's copy and put back when nbgrader autogrades;
  * the project's four report sections (``## 1 · ... (10 %)`` and so on) are manually graded answers worth the
    percentage their heading gives, and the cell that runs the grader's format check on ``submission.csv`` is an
    autograded test worth ``SUBMISSION_POINTS``;
  * title badges open the student copy (``student/``), never the notebook with the solutions;

- with ``--generate``, ``release/<stem>/`` through ``nbgrader generate_assignment`` (solutions stubbed, hidden
  tests removed, outputs cleared, checksums recorded in the course's ``gradebook.db``).

Usage: python scripts/make_assignments.py [--course-dir DIR] [--exchange DIR] [--generate] [NOTEBOOK ...]
       (default: every lecture and the project)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from exercise_harness import BEGIN, HIDDEN_BEGIN, exercises  # noqa: E402  (the harness's reading of an exercise)
from make_student import STUB, announce_hidden_tests, student_badges  # noqa: E402  (the same stub and badges as the student copies)

COURSE = ROOT / "build" / "course"
COURSE_ID = "generative-models"
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"  # nbgrader's own default: where a JupyterHub's exchange usually lives
POINTS_PER_EXERCISE = 1
SUBMISSION_POINTS = 1
PROJECT = ROOT / "project" / "particle_identification_project.ipynb"
SUBMISSION_CHECK = "grading.check_submission("
REPORT_HEADING = re.compile(r"^## (\d) · .*\((\d+) %", re.MULTILINE)

CONFIG = '''\
# nbgrader's configuration for this course; written by scripts/make_assignments.py (`make assignments`), do not edit.
# Run nbgrader's commands from this folder (the course root). Set NBGRADER_EXCHANGE to move the exchange folder.
import os

c = get_config()  # noqa: F821  (nbgrader provides it)
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", {exchange!r})
c.ClearSolutions.code_stub = {{"python": {stub!r}}}
# The markers with their "###": prose that names them (a lecture explaining its exercises) is not a region.
c.ClearSolutions.begin_solution_delimeter = "### BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "### END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "### BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "### END HIDDEN TESTS"
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# Autograding runs each submission from top to bottom. A full-mode lecture trains for minutes (its longest cell
# takes up to about 5 minutes on two CPU cores); with COURSE_FAST=1 in the environment it runs in fast mode
# (seconds to a minute), and every check cell holds in fast mode too.
c.Execute.timeout = 900
c.Execute.startup_timeout = 120
'''


def nbgrader_metadata(grade_id: str, *, solution: bool, grade: bool, points: float | None = None) -> dict:
    """The ``nbgrader`` cell metadata of one cell (schema 3): what nbgrader's "Create assignment" toolbar writes."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


def mark_exercises(nb: nbformat.NotebookNode, name: str) -> int:
    """Add nbgrader metadata to every exercise's solution and check cells; return the number of exercises."""
    found = exercises(nb.cells)
    for number, _, heading in found:
        solution, check = nb.cells[heading + 1], nb.cells[heading + 2]
        if solution.cell_type != "code" or BEGIN not in solution.source or check.cell_type != "code":
            raise ValueError(f"{name}: Exercise {number} needs a solution cell and then a check cell")
        solution.metadata["nbgrader"] = nbgrader_metadata(f"exercise{number}", solution=True, grade=False)
        check.metadata["nbgrader"] = nbgrader_metadata(f"exercise{number}_check", solution=False, grade=True,
                                                       points=POINTS_PER_EXERCISE)
    hidden = [i for i, cell in enumerate(nb.cells) if HIDDEN_BEGIN in cell.source
              and not cell.metadata.get("nbgrader", {}).get("grade")]
    if hidden:
        raise ValueError(f"{name}: cells {hidden} have hidden tests but are not an exercise's check cell")
    return len(found)


def mark_project(nb: nbformat.NotebookNode) -> list[tuple[str, int]]:
    """Report sections -> manually graded answers (points from their headings); the submission check -> autograded.

    A report section's cell keeps its heading and prompt; nbgrader adds "YOUR ANSWER HERE" below them in the
    student's copy (a solution region appended here, empty in the source: the project has no model answer).
    """
    sections = []
    for cell in nb.cells:
        match = REPORT_HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if match:
            section, points = match.group(1), int(match.group(2))
            cell.source = cell.source.rstrip() + f"\n\n{BEGIN}\n### END SOLUTION"
            cell.metadata["nbgrader"] = nbgrader_metadata(f"report_{section}", solution=True, grade=True,
                                                          points=points)
            sections.append((f"report_{section}", points))
    checks = [cell for cell in nb.cells if cell.cell_type == "code" and SUBMISSION_CHECK in cell.source]
    if [points for _, points in sections] != [10, 30, 20, 40] or len(checks) != 1:
        raise ValueError(f"{PROJECT.name}: expected four report sections marked 10/30/20/40 % and one cell running "
                         f"{SUBMISSION_CHECK}...), found {sections} and {len(checks)}")
    if any(line.lstrip().startswith(("chosen", "submission =")) for line in checks[0].source.splitlines()):
        raise ValueError(f"{PROJECT.name}: the submission check cell must hold only the check (nbgrader restores "
                         "its source when autograding, so a student's code there would be lost)")
    checks[0].metadata["nbgrader"] = nbgrader_metadata("submission_check", solution=False, grade=True,
                                                       points=SUBMISSION_POINTS)
    return [*sections, ("submission_check", SUBMISSION_POINTS)]


def source_notebook(notebook: Path) -> nbformat.NotebookNode:
    """The nbgrader source version of one lecture (or of the project)."""
    nb = nbformat.read(notebook, as_version=4)
    if notebook.resolve() == PROJECT.resolve():
        mark_project(nb)  # its badges already open the project notebook, which holds no solutions
        return nb
    if mark_exercises(nb, notebook.name) == 0:
        raise ValueError(f"{notebook.name}: no exercises, so no assignment")
    announce_hidden_tests(nb)
    student_badges(nb, notebook)
    return nb


def write_course(notebooks: list[Path], course_dir: Path, exchange: str) -> list[str]:
    """Write nbgrader_config.py and source/ for these notebooks; return the assignment names."""
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(CONFIG.format(course_id=COURSE_ID, exchange=exchange, stub=STUB))
    names = []
    for notebook in notebooks:
        folder = course_dir / "source" / notebook.stem
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        nbformat.write(source_notebook(notebook), folder / notebook.name)
        names.append(notebook.stem)
    return names


def tool_env(nbgrader: str) -> dict[str, str]:
    """The environment with nbgrader's own folder first on PATH: nbgrader runs ``alembic`` from there."""
    return {**os.environ, "PATH": os.pathsep.join([str(Path(nbgrader).parent), os.environ.get("PATH", "")])}


def generate(course_dir: Path, names: list[str], nbgrader: str = "nbgrader") -> None:
    """``nbgrader generate_assignment`` for each assignment: release/<name>/ and the gradebook's records."""
    for name in names:
        done = subprocess.run([nbgrader, "generate_assignment", name, "--force"], cwd=course_dir,
                              capture_output=True, text=True, env=tool_env(nbgrader))
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{done.stdout}{done.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="lectures or the project (default: all of them)")
    parser.add_argument("--course-dir", type=Path, default=COURSE, help="the nbgrader course root (build/course)")
    parser.add_argument("--exchange", default=DEFAULT_EXCHANGE,
                        help=f"nbgrader's exchange folder for nbgrader_config.py (default {DEFAULT_EXCHANGE})")
    parser.add_argument("--generate", action="store_true", help="also run nbgrader generate_assignment (release/)")
    args = parser.parse_args()
    notebooks = args.notebooks or [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")), PROJECT]
    missing = [str(nb) for nb in notebooks if not nb.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    names = write_course(notebooks, args.course_dir, args.exchange)
    print(f"wrote {args.course_dir / 'nbgrader_config.py'} and source/ for {len(names)} assignment(s)")
    if args.generate:
        generate(args.course_dir, names, str(Path(sys.executable).parent / "nbgrader"))
        print(f"generated {args.course_dir / 'release'}/ for {', '.join(names)}")


if __name__ == "__main__":
    main()
