"""`make student`: nbgrader replaces each solution by a stub; everything else stays; a copy stops at its first stub."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from course_utils import config

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [nb.stem for nb in NOTEBOOKS]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB_MESSAGE = "Exercise not done yet"
HIDDEN_NOTE = "# Hidden tests of this check stood here; they run when the exercise is autograded."
CHEAP_LECTURE = "02_bayes_and_naive_bayes.ipynb"


def src(cell: dict) -> str:
    return "".join(cell["source"])


def make(target: str, **variables: str) -> subprocess.CompletedProcess:
    """Run a Makefile target with this interpreter's tools, without re-installing the environment."""
    args = [f"{key}={value}" for key, value in variables.items()]
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", target, f"BIN={BIN}", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student")
    done = make("student", STUDENT_DIR=str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def first_solution(notebook_cells: list[dict]) -> int:
    """Index of the first exercise's solution cell: the first cell with a solution region or its stub."""
    return next(i for i, c in enumerate(notebook_cells) if BEGIN in src(c) or STUB_MESSAGE in src(c))


def student_title(nb: Path) -> str:
    """The instructor's title cell with its badges opening the student copy (student/NN_topic.ipynb)."""
    text = src(cells(nb)[0])
    for kind, url in config.badge_urls(f"notebooks/{nb.name}").items():
        text = text.replace(url, config.badge_urls(f"student/{nb.name}")[kind])
    return text


def without_solutions(source: str) -> list[str]:
    """The lines of an instructor cell outside its solution regions."""
    kept, inside = [], False
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif not inside:
            kept.append(line)
    return kept


def as_student_sees(source: str) -> str:
    """A check cell in a student copy: each hidden-test region replaced by the note that one stood there."""
    lines, inside = [], False
    for line in source.split("\n"):
        if line.strip() == "### BEGIN HIDDEN TESTS":
            lines.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
            inside = True
        elif line.strip() == "### END HIDDEN TESTS":
            inside = False
        elif not inside:
            lines.append(line)
    return "\n".join(lines)


def test_every_lecture_gets_a_student_copy(student_dir):
    assert sorted(p.name for p in student_dir.glob("*.ipynb")) == [nb.name for nb in NOTEBOOKS]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_solutions_are_stubbed_and_every_other_cell_kept(nb, student_dir):
    teacher, student = cells(nb), cells(student_dir / nb.name)
    assert len(student) == len(teacher), f"{nb.name}: the student copy must keep every cell"
    stubs = 0
    for i, (t, s) in enumerate(zip(teacher, student, strict=True)):
        assert s["cell_type"] == t["cell_type"] and s["metadata"].get("slideshow") == t["metadata"].get("slideshow")
        if s["cell_type"] == "code":
            assert s["outputs"] == [] and s["execution_count"] is None, f"{nb.name} cell {i}: outputs left"
        if BEGIN not in src(t):
            expected = student_title(nb) if i == 0 else as_student_sees(src(t))  # badges and hidden tests change
            assert src(s) == expected, f"{nb.name} cell {i}: a cell without a solution changed"
            assert "HIDDEN TESTS" not in src(s), f"{nb.name} cell {i}: a hidden-test marker is left"
            continue
        assert "BEGIN SOLUTION" not in src(s) and "END SOLUTION" not in src(s), f"{nb.name} cell {i}: markers left"
        stub_lines = [line for line in src(s).splitlines() if "raise NotImplementedError" in line]
        assert stub_lines and all(STUB_MESSAGE in line for line in stub_lines), f"{nb.name} cell {i}: no clear stub"
        kept = [line for line in src(s).splitlines() if "YOUR CODE HERE" not in line and line not in stub_lines]
        assert kept == without_solutions(src(t)), f"{nb.name} cell {i}: solution code is left, or code around it lost"
        stubs += 1
    assert stubs >= 3, f"{nb.name}: {stubs} stubbed solutions, expected one per exercise (at least 3)"


def test_the_committed_student_copies_are_up_to_date(student_dir):
    """The badges of student copies open student/ in the repository, so student/ must hold today's copies."""
    stale = [nb.name for nb in NOTEBOOKS if not (ROOT / "student" / nb.name).is_file()
             or (ROOT / "student" / nb.name).read_bytes() != (student_dir / nb.name).read_bytes()]
    extra = sorted({p.name for p in (ROOT / "student").glob("*.ipynb")} - {nb.name for nb in NOTEBOOKS})
    assert not stale and not extra, f"student/ is behind the lectures ({stale}, extra {extra}): run `make student`"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_student_badges_open_the_student_copy(nb, student_dir):
    title = src(cells(student_dir / nb.name)[0])
    for kind, url in config.badge_urls(f"student/{nb.name}").items():
        assert url in title, f"{nb.name}: the student copy's {kind} badge must open {url}"
    assert f"/notebooks/{nb.name}" not in title, f"{nb.name}: a badge of the student copy opens the solutions"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_check_cells_are_kept(nb, student_dir):
    teacher, student = cells(nb), cells(student_dir / nb.name)
    for i, cell in enumerate(teacher):
        if cell["cell_type"] == "markdown" and re.search(r"^### Exercise", src(cell), re.MULTILINE):
            check, full = src(student[i + 2]), src(teacher[i + 2])
            assert check == as_student_sees(full), f"{nb.name}: check cell {i + 2}"
            assert "assert " in full, f"{nb.name}: check cell {i + 2} has no assert"
            for hidden in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", full, re.DOTALL):
                assert hidden.strip() not in check, f"{nb.name}: check cell {i + 2} keeps a hidden test"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_nothing_before_the_first_exercise_changes(nb, student_dir):
    """The first stub is in the first exercise; every earlier cell is the instructor's (which nbval runs)."""
    teacher, student = cells(nb), cells(student_dir / nb.name)
    first = first_solution(teacher)
    assert STUB_MESSAGE in src(student[first]), f"{nb.name}: first solution cell {first} has no stub"
    assert any(c["cell_type"] == "markdown" and "### Exercise" in src(c) for c in teacher[:first]), (
        f"{nb.name}: the first solution cell ({first}) must follow an exercise heading")
    assert src(student[0]) == student_title(nb), f"{nb.name}: the title cell differs beyond its badges"
    for i in range(1, first):
        assert src(student[i]) == src(teacher[i]), f"{nb.name}: cell {i} before the first exercise differs"


def test_student_copy_runs_until_the_first_stub(student_dir, tmp_path, monkeypatch):
    """Run a student copy as a student would (fast mode): the first error is the first exercise's stub."""
    monkeypatch.setenv("COURSE_FAST", "1")
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path / "artifacts"))  # the kernel inherits the environment
    nb = nbformat.read(student_dir / CHEAP_LECTURE, as_version=4)
    client = NotebookClient(nb, timeout=300, startup_timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(student_dir)}})
    with pytest.raises(CellExecutionError) as raised:
        client.execute()
    assert raised.value.ename == "NotImplementedError" and STUB_MESSAGE in raised.value.evalue, str(raised.value)
    failed = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and any(o.output_type == "error" for o in c.outputs)]
    first = first_solution(nb.cells)
    # a stub inside a function body raises when the function is first called: in its cell or in the check cell
    assert failed in ([first], [first + 1]), f"first failing cell {failed}, expected the first exercise (cell {first})"
    ran = [c for c in nb.cells[:first] if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in ran), "every cell before the first exercise must have run"
