"""scripts/exercise_harness.py: exercise runs catch weak checks and lectures that need an exercise's result."""

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("exercise_harness", ROOT / "scripts" / "exercise_harness.py")
harness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(harness)

SOLUTION = "def double(v):\n    ### BEGIN SOLUTION\n    return 2 * v\n    ### END SOLUTION\n"
CHECK = 'assert double(3) == 6, "double(3) must be 6"\n'


def run_harness(check: str = CHECK, wrong: list | None = None, solution: str = SOLUTION) -> str:
    """Call the inserted harness function in this process; return what it printed."""
    scope: dict = {}
    exec(harness.HARNESS, scope)
    answers = [(name, harness.replace_regions(solution, [code])) for name, code in (wrong or [])]
    stub = harness.replace_regions(solution, ["pass"])
    scope["_exercise_harness"](1, "double", harness.replace_regions(solution, None), stub, check,
                               harness.without_hidden_tests(check), answers, {})
    return stub


def test_solution_passes_and_stub_and_wrong_answers_fail(capsys):
    stub = run_harness(wrong=[("adds two", "return v + 2")])
    assert stub == "def double(v):\n    pass\n"
    assert "rejects the stub and 1 wrong answer" in capsys.readouterr().out


@pytest.mark.parametrize("check, wrong, message", [
    ("assert True\n", [], "accepts the untouched stub"),
    ('assert double(0) == 0, "zero"\n', [("triples", "return v * 3")], "accepts the wrong answer 'triples'"),
    (CHECK, [("typo", "return w")], "crashed"),
    ("assert double(3) == 7\n", [], "rejects the solution"),
])
def test_a_weak_or_wrong_check_is_reported(check, wrong, message):
    with pytest.raises(AssertionError, match=re.escape(message)):
        run_harness(check, wrong)


def test_hidden_tests_are_what_a_student_copy_leaves_out():
    check = ('assert callable(double)\n### BEGIN HIDDEN TESTS\nassert double(3) == 6\n### END HIDDEN TESTS\n'
             'print("checked")')
    assert harness.without_hidden_tests(check) == 'assert callable(double)\nprint("checked")'
    with pytest.raises(ValueError, match="has no"):
        harness.without_hidden_tests("### BEGIN HIDDEN TESTS\nassert True\n")
    with pytest.raises(ValueError, match="without a"):
        harness.without_hidden_tests("assert True\n### END HIDDEN TESTS\n")


def test_a_visible_check_that_needs_a_hidden_name_is_reported():
    """A student copy's check must still run on a right answer: no visible line may use a hidden name."""
    check = '### BEGIN HIDDEN TESTS\nexpected = 6\n### END HIDDEN TESTS\nassert double(3) == expected\n'
    with pytest.raises(AssertionError, match="without its hidden tests"):
        run_harness(check)


def test_regions_keep_their_indentation_and_count():
    source = ("a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\n"
              "if a:\n    ### BEGIN SOLUTION\n    c = 3\n    ### END SOLUTION\n")
    assert harness.replace_regions(source, ["b = 0", "c = 0\nd = 0"]) == "a = 1\nb = 0\nif a:\n    c = 0\n    d = 0\n"
    assert harness.replace_regions(source, None) == "a = 1\nb = 2\nif a:\n    c = 3\n"
    with pytest.raises(ValueError, match="1 replacement"):
        harness.replace_regions(source, ["x = 1"])
    with pytest.raises(ValueError, match="has no"):
        harness.solution_regions("### BEGIN SOLUTION\nx = 1\n")


def lecture(tmp_path: Path, after: str) -> Path:
    cells = [nbformat.v4.new_code_cell("x = 2"), nbformat.v4.new_markdown_cell("### Exercise 1: double it"),
             nbformat.v4.new_code_cell(SOLUTION), nbformat.v4.new_code_cell(CHECK), nbformat.v4.new_code_cell(after)]
    path = tmp_path / "99_toy.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    (tmp_path / "wrong").mkdir()
    (tmp_path / "wrong" / "99_toy.py").write_text('WRONG_ANSWERS = {1: [("adds two", "return v + 2")]}\n')
    return path


def execute(nb: nbformat.NotebookNode, where: Path) -> None:
    NotebookClient(nb, timeout=60, startup_timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(where)}}).execute()


def test_an_exercise_run_reaches_the_end_and_a_stranding_lecture_fails(tmp_path):
    good = harness.exercise_run(lecture(tmp_path, "print(x + 1)"), tmp_path / "wrong")
    assert good.cells[4].source == "def double(v):\n    pass\n" and "_exercise_harness(1" in good.cells[3].source
    execute(good, tmp_path)
    assert "rejects the stub and 1 wrong answer" in good.cells[3].outputs[0]["text"]
    (tmp_path / "wrong" / "99_toy.py").unlink()
    (tmp_path / "wrong").rmdir()
    stranding = harness.exercise_run(lecture(tmp_path, "print(double(x) + 1)"), tmp_path / "wrong")
    with pytest.raises(CellExecutionError, match="NoneType"):  # the stubbed double() returns None
        execute(stranding, tmp_path)


def test_wrong_answers_name_real_exercises(tmp_path):
    path = lecture(tmp_path, "pass")
    (tmp_path / "wrong" / "99_toy.py").write_text('WRONG_ANSWERS = {2: [("x", "return 0")]}\n')
    with pytest.raises(ValueError, match=r"no exercise numbered \[2\]"):
        harness.exercise_run(path, tmp_path / "wrong")
    (tmp_path / "wrong" / "99_toy.py").write_text('WRONG_ANSWERS = {1: ["return 0"]}\n')
    with pytest.raises(ValueError, match="each wrong answer is"):
        harness.exercise_run(path, tmp_path / "wrong")


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_every_exercise_has_a_plausible_wrong_answer(nb):
    """CONVENTIONS item 7: a test feeds every check at least one plausible wrong answer (the stub is not enough)."""
    numbers = [number for number, _, _ in harness.exercises(nbformat.read(nb, as_version=4).cells)]
    wrong = harness.load_wrong_answers(nb.stem)
    missing = [number for number in numbers if not wrong.get(number)]
    assert not missing, f"{nb.name}: add wrong answers for exercises {missing} to tests/wrong_answers/{nb.stem}.py"
