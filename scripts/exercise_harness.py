"""Exercise runs: every lecture as a student who skips its exercises runs it, with every check cell put to the test.

For each lecture this writes a copy (by default to ``build/exercise-runs/``) in which, for every exercise:

- the solution cell runs with each region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` replaced by
  ``pass``: a stub that does nothing, which is what a student who skips the exercise has;
- the check cell is left out of the lecture's flow;
- a cell inserted before the solution runs, each time in a throwaway copy of the kernel's namespace, the real
  solution then the check (which must pass), the real solution then the check's visible part, without its
  ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions (what a student's copy keeps: it must pass too), the
  stub then the check (which must fail), and every plausible wrong answer listed in
  ``tests/wrong_answers/<notebook stem>.py`` then the check (which must raise AssertionError).

``make test`` runs the copies under nbval, so one kernel run per lecture shows that the lecture reaches its last
cell when every exercise is left undone, that every check accepts the solution and rejects the stub and the wrong
answers. A solution that changes an object in place (trains an existing model further, say) would leak into the
lecture's flow; solutions here only define new names.

Usage: python scripts/exercise_harness.py [--out-dir DIR] [NOTEBOOK ...]   (default: every lecture)
"""

from __future__ import annotations

import argparse
import runpy
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "exercise-runs"
WRONG_DIR = ROOT / "tests" / "wrong_answers"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"

HARNESS = '''\
# Exercise harness (inserted by scripts/exercise_harness.py; not part of the lecture)
def _exercise_harness(number, title, solution, stub, check, visible, wrong, namespace):
    """Run solution, stub and wrong answers, each with the check, in throwaway copies of the namespace."""
    import contextlib
    import io

    def run(code, what, checks=check):
        scope = dict(namespace)
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"<exercise {number}: {what}>", "exec"), scope)
            exec(compile(checks, f"<exercise {number}: check after {what}>", "exec"), scope)

    try:
        run(solution, "solution")
    except Exception as error:
        raise AssertionError(f"Exercise {number} ({title}): the check rejects the solution: {error!r}") from error
    try:
        run(solution, "solution, visible part of the check", checks=visible)
    except Exception as error:
        raise AssertionError(f"Exercise {number} ({title}): the student copy's check (without its hidden tests) "
                             f"rejects the solution: {error!r}") from error
    try:
        run(stub, "stub")
    except Exception:
        pass
    else:
        raise AssertionError(f"Exercise {number} ({title}): the check accepts the untouched stub")
    for name, code in wrong:
        try:
            run(code, f"wrong answer {name!r}")
        except AssertionError:
            continue
        except Exception as error:
            raise AssertionError(f"Exercise {number} ({title}): wrong answer {name!r} crashed ({error!r}) "
                                 "instead of failing an assert of the check: fix the wrong answer or the check")
        raise AssertionError(f"Exercise {number} ({title}): the check accepts the wrong answer {name!r}")
    print(f"Exercise {number}: the check passes the solution and rejects the stub and {len(wrong)} wrong answer(s)")
'''


def solution_regions(source: str) -> list[tuple[int, int, str]]:
    """(begin line, end line, indentation) of each solution region of a cell, in order.

    Raises:
        ValueError: when a region is not closed, or a marker stands alone.
    """
    regions, begin, lines = [], None, source.splitlines()
    for number, line in enumerate(lines):
        if line.strip() == BEGIN:
            if begin is not None:
                raise ValueError(f"two {BEGIN} without an {END} between them: {lines[begin]!r}")
            begin = number
        elif line.strip() == END:
            if begin is None:
                raise ValueError(f"{END} without a {BEGIN} before it")
            regions.append((begin, number, lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]))
            begin = None
    if begin is not None:
        raise ValueError(f"{BEGIN} on line {begin + 1} has no {END}")
    return regions


def replace_regions(source: str, replacements: list[str] | None) -> str:
    """The cell's code with each solution region replaced (None: keep the solution, drop only the markers).

    Each replacement is dedented, then indented like its region's ``### BEGIN SOLUTION`` line.
    """
    lines, regions = source.splitlines(), solution_regions(source)
    if replacements is not None and len(replacements) != len(regions):
        raise ValueError(f"{len(replacements)} replacement(s) for {len(regions)} solution region(s)")
    out, start = [], 0
    for index, (begin, end, indent) in enumerate(regions):
        out += lines[start:begin]
        body = lines[begin + 1 : end] if replacements is None else textwrap.dedent(replacements[index]).splitlines()
        out += [indent + line if line.strip() and replacements is not None else line for line in body]
        start = end + 1
    out += lines[start:]
    return "\n".join(out) + "\n"


def without_hidden_tests(source: str) -> str:
    """A check cell as a student's copy has it: the lines between the hidden-test markers (and the markers) left out.

    Raises:
        ValueError: when a region is not closed, is nested, or an end marker stands alone.
    """
    kept, inside = [], False
    for line in source.split("\n"):
        if line.strip() == HIDDEN_BEGIN:
            if inside:
                raise ValueError(f"a {HIDDEN_BEGIN} inside another hidden-test region")
            inside = True
        elif line.strip() == HIDDEN_END:
            if not inside:
                raise ValueError(f"{HIDDEN_END} without a {HIDDEN_BEGIN} before it")
            inside = False
        elif not inside:
            kept.append(line)
    if inside:
        raise ValueError(f"{HIDDEN_BEGIN} has no {HIDDEN_END}")
    return "\n".join(kept)


def load_wrong_answers(stem: str, wrong_dir: Path = WRONG_DIR) -> dict[int, list[tuple[str, str | list[str]]]]:
    """The plausible wrong answers of one lecture: ``{exercise number: [(name, code or codes per region)]}``."""
    path = wrong_dir / f"{stem}.py"
    if not path.exists():
        return {}
    table = runpy.run_path(str(path)).get("WRONG_ANSWERS")
    if not isinstance(table, dict):
        raise ValueError(f"{path}: define WRONG_ANSWERS = {{exercise number: [(name, code), ...]}}")
    for number, entries in table.items():
        if not isinstance(number, int) or not isinstance(entries, list):
            raise ValueError(f"{path}: key {number!r} must be an exercise number with a list of (name, code)")
        for entry in entries:
            ok = isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str)
            if not ok or not isinstance(entry[1], (str, list)):
                raise ValueError(f"{path}: exercise {number}: each wrong answer is (name, code or [code per region])")
    return table


def exercises(cells: list) -> list[tuple[int, str, int]]:
    """(exercise number, title, index of the heading cell) for each ``### Exercise N: ...`` markdown cell."""
    found = []
    for index, cell in enumerate(cells):
        text = cell.source.lstrip()
        if cell.cell_type == "markdown" and text.startswith("### Exercise"):
            heading = text.splitlines()[0].removeprefix("### Exercise").strip()
            number, _, title = heading.partition(":")
            if not number.strip().isdigit():
                raise ValueError(f"cell {index}: an exercise heading reads '### Exercise N: title', got {text[:60]!r}")
            found.append((int(number), title.strip(), index))
    return found


def exercise_run(notebook: Path, wrong_dir: Path = WRONG_DIR) -> nbformat.NotebookNode:
    """The exercise-run copy of one lecture (see the module docstring)."""
    nb = nbformat.read(notebook, as_version=4)
    wrong = load_wrong_answers(notebook.stem, wrong_dir)
    found = exercises(nb.cells)
    unknown = set(wrong) - {number for number, _, _ in found}
    if unknown:
        raise ValueError(f"{wrong_dir / (notebook.stem + '.py')}: no exercise numbered {sorted(unknown)} in {notebook}")
    cells = list(nb.cells)
    for number, title, heading in reversed(found):
        solution, check = cells[heading + 1], cells[heading + 2]
        if BEGIN not in solution.source or solution.cell_type != "code" or check.cell_type != "code":
            raise ValueError(f"{notebook}: Exercise {number} needs a solution cell and then a check cell")
        regions = solution_regions(solution.source)
        stub = replace_regions(solution.source, ["pass"] * len(regions))
        answers = [(name, replace_regions(solution.source, [code] if isinstance(code, str) else code))
                   for name, code in wrong.get(number, [])]
        call = (f"_exercise_harness({number}, {title!r}, solution={replace_regions(solution.source, None)!r},\n"
                f"    stub={stub!r},\n    check={check.source!r},\n"
                f"    visible={without_hidden_tests(check.source)!r},\n    wrong={answers!r}, namespace=globals())\n")
        cells[heading + 1] = nbformat.v4.new_code_cell(stub, metadata=solution.metadata)
        cells[heading + 2] = nbformat.v4.new_code_cell(f"# The check of Exercise {number} ran in the harness cell.",
                                                       metadata=check.metadata)
        cells.insert(heading + 1, nbformat.v4.new_code_cell(call))
    cells.insert(0, nbformat.v4.new_code_cell(HARNESS))
    nb.cells = cells
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="lectures (default: every notebook in notebooks/)")
    parser.add_argument("--out-dir", type=Path, default=OUT, help="where the copies go (default: build/exercise-runs)")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if not args.notebooks:  # a full set replaces the previous one
        for stale in args.out_dir.glob("*.ipynb"):
            stale.unlink()
    for notebook in notebooks:
        path = args.out_dir / notebook.name
        nbformat.write(exercise_run(notebook), path)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
