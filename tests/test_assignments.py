"""`make assignments`: the lectures as nbgrader assignments, put through nbgrader's whole round with three students.

The round (one module fixture, bounded in time): build the course from two lectures, `nbgrader generate_assignment`
and `release_assignment` into a private exchange; three students fetch both assignments, fill them in and submit
them (nbgrader's fetch and submit, called in-process); the instructor runs `collect`, `autograde` (the kernels in
fast mode) and `export` as commands. The
students: one solves every exercise with the instructor's solution, one solves exercise 1 and answers every other
exercise with the first plausible wrong answer of `tests/wrong_answers/`, one hands in the release untouched.
"""

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_assignments  # noqa: E402
import make_student  # noqa: E402
from exercise_harness import exercises, load_wrong_answers, replace_regions  # noqa: E402

LECTURES = ["01_discriminative_vs_generative", "02_bayes_and_naive_bayes"]  # the two cheapest lectures
STUDENTS = ["ada", "ben", "cy"]  # all solved, exercise 1 solved and wrong answers elsewhere, nothing done
NBGRADER_TIMEOUT = 600  # seconds for any one nbgrader command (autograde runs the lectures three times each)


def lecture(stem: str) -> Path:
    return ROOT / "notebooks" / f"{stem}.ipynb"


def nbgrader(*args: str, cwd: Path, env: dict) -> str:
    done = subprocess.run([str(BIN / "nbgrader"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=NBGRADER_TIMEOUT)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout + done.stderr


def as_student(action: str, stem: str, student: str, home: Path, exchange: Path) -> None:
    """What `nbgrader fetch_assignment` / `nbgrader submit` do (and the Assignments tab on the hub: tests/test_hub.py),
    called in this process with the student's settings, without the two seconds a command takes to start."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    config = Config()
    config.Exchange.root, config.Exchange.assignment_dir = str(exchange), str(home)
    config.CourseDirectory.course_id, config.CourseDirectory.root = make_assignments.COURSE_ID, str(home)
    config.CourseDirectory.assignment_id, config.CourseDirectory.student_id = stem, student
    exchange_class = {"fetch": ExchangeFetchAssignment, "submit": ExchangeSubmit}[action]
    exchange_class(coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config),
                   config=config).start()


def answers(stem: str, student: str) -> dict[int, str | None]:
    """The solution cell source each exercise gets from this student (None: left as released)."""
    nb = nbformat.read(lecture(stem), as_version=4)
    wrong = load_wrong_answers(stem)
    filled = {}
    for number, _, heading in exercises(nb.cells):
        source = nb.cells[heading + 1].source
        if student == "ada" or (student == "ben" and number == 1):
            filled[number] = replace_regions(source, None)
        elif student == "ben" and wrong.get(number):
            code = wrong[number][0][1]
            filled[number] = replace_regions(source, [code] if isinstance(code, str) else code)
        else:
            filled[number] = None
    return filled


def expected_score(stem: str, student: str) -> float:
    filled = answers(stem, student)
    correct = len(filled) if student == "ada" else (1 if student == "ben" else 0)
    return correct * make_assignments.POINTS_PER_EXERCISE


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The whole round; returns (course folder, {(student, assignment): score}, max scores, autograded folder)."""
    base = tmp_path_factory.mktemp("cohort")
    course_dir, exchange = base / "course", base / "exchange"
    exchange.mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NBGRADER_EXCHANGE": str(exchange),
           "COURSE_FAST": "1", "COURSE_ARTIFACTS": str(base / "artifacts")}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_assignments.py"), "--course-dir",
                           str(course_dir), "--generate", *[str(lecture(s)) for s in LECTURES]],
                          env=env, capture_output=True, text=True, timeout=NBGRADER_TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
    for stem in LECTURES:
        nbgrader("release_assignment", stem, cwd=course_dir, env=env)
    for student in STUDENTS:
        home = base / "home" / student
        home.mkdir(parents=True)
        for stem in LECTURES:
            as_student("fetch", stem, student, home, exchange)
            path = home / stem / f"{stem}.ipynb"
            nb = nbformat.read(path, as_version=4)
            for number, source in answers(stem, student).items():
                if source is not None:
                    heading = next(h for n, _, h in exercises(nb.cells) if n == number)
                    nb.cells[heading + 1].source = source
            nbformat.write(nb, path)
            as_student("submit", stem, student, home, exchange)
    for stem in LECTURES:
        nbgrader("collect", stem, cwd=course_dir, env=env)
        nbgrader("autograde", stem, cwd=course_dir, env=env)
    nbgrader("export", "--to", str(base / "grades.csv"), cwd=course_dir, env=env)
    with (base / "grades.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    scores = {(row["student_id"], row["assignment"]): float(row["score"]) for row in rows}
    maxima = {row["assignment"]: float(row["max_score"]) for row in rows}
    return course_dir, scores, maxima


@pytest.mark.parametrize("student", STUDENTS)
def test_each_student_gets_the_points_their_answers_earn(course, student):
    _, scores, maxima = course
    for stem in LECTURES:
        n_exercises = len(answers(stem, "ada"))
        assert maxima[stem] == n_exercises * make_assignments.POINTS_PER_EXERCISE
        assert scores[(student, stem)] == expected_score(stem, student), (
            f"{student} on {stem}: {scores[(student, stem)]} points, expected {expected_score(stem, student)}")


def test_the_release_asks_without_answering(course):
    course_dir, _, _ = course
    for stem in LECTURES:
        text = (course_dir / "release" / stem / f"{stem}.ipynb").read_text()
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        source = nbformat.read(course_dir / "source" / stem / f"{stem}.ipynb", as_version=4)
        released = nbformat.read(course_dir / "release" / stem / f"{stem}.ipynb", as_version=4)
        for number, _, heading in exercises(source.cells):
            check, kept = source.cells[heading + 2], released.cells[heading + 2]
            assert check.metadata["nbgrader"]["points"] == make_assignments.POINTS_PER_EXERCISE
            for block in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", check.source, re.DOTALL):
                assert block.strip() not in kept.source, f"{stem} exercise {number}: a hidden block is in the release"
            assert make_student.HIDDEN_NOTE in kept.source or "HIDDEN TESTS" not in check.source


def test_autograding_restored_the_hidden_tests(course):
    """The autograded copy of the student who solved everything ran the full checks, hidden lines included."""
    course_dir, _, _ = course
    for stem in LECTURES:
        graded = json.loads((course_dir / "autograded" / "ada" / stem / f"{stem}.ipynb").read_text())
        assert any("BEGIN HIDDEN TESTS" in "".join(c["source"]) for c in graded["cells"])


def test_every_lecture_and_the_project_become_assignments(tmp_path):
    notebooks = [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")), make_assignments.PROJECT]
    names = make_assignments.write_course(notebooks, tmp_path, "/srv/nbgrader/exchange")
    assert names == [nb.stem for nb in notebooks]
    for nb_path in notebooks:
        nb = nbformat.read(tmp_path / "source" / nb_path.stem / nb_path.name, as_version=4)
        graded = [c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        if nb_path == make_assignments.PROJECT:
            assert [(m["grade_id"], m["points"]) for m in graded] == [
                ("report_1", 10), ("report_2", 30), ("report_3", 20), ("report_4", 40), ("submission_check", 1)]
        else:
            assert len(graded) == len(exercises(nb.cells)) >= 3
            assert "/student/" in nb.cells[0].source and "/notebooks/" not in nb.cells[0].source
    # what `nbgrader generate_assignment` does to each source, with the course's own nbgrader_config.py
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    for nb_path in notebooks:
        nb = nbformat.read(tmp_path / "source" / nb_path.stem / nb_path.name, as_version=4)
        nb, resources = ClearSolutions(config=config).preprocess(nb, {})
        nb, _ = ClearHiddenTests(config=config).preprocess(nb, resources)
        text = nbformat.writes(nb)
        assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text, nb_path.name


def test_a_hidden_test_outside_a_check_cell_is_refused():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("### Exercise 1: double"),
        nbformat.v4.new_code_cell("def double(v):\n    ### BEGIN SOLUTION\n    return 2 * v\n    ### END SOLUTION"),
        nbformat.v4.new_code_cell("assert double(2) == 4"),
        nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS"),
    ])
    with pytest.raises(ValueError, match="not an exercise's check cell"):
        make_assignments.mark_exercises(nb, "toy.ipynb")


def test_the_hub_gives_students_the_course_id_of_the_assignments():
    students_config = (ROOT / "hub" / "jupyter" / "nbgrader_config.py").read_text()
    assert f'c.CourseDirectory.course_id = "{make_assignments.COURSE_ID}"' in students_config
