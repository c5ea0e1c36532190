"""The project notebook students are given: the marking scheme, the report's skeleton, a baseline, the submission.

`make test` also runs it end to end in fast mode under nbval (its baseline trains and its submission is checked).
"""

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "project" / "particle_identification_project.ipynb"
CELLS = json.loads(PROJECT.read_text())["cells"]
TEXT = ["".join(c["source"]) for c in CELLS]


def test_the_rubric_covers_the_four_headings_and_sums_to_100():
    rubric = next(t for t in TEXT if t.startswith("## How the report is marked"))
    rows = [line for line in rubric.splitlines() if re.match(r"\| \d · ", line)]
    weights = [int(re.search(r"\| (\d+) % \|", row).group(1)) for row in rows]
    assert weights == [10, 30, 20, 40]
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 5 and all(len(c) > 20 for c in cells[2:]), f"what earns marks, weak, strong: {row}"


def test_the_report_skeleton_has_a_section_per_heading_with_prompts_and_room_to_work():
    headings = [t.splitlines()[0] for t in TEXT if re.match(r"## \d · ", t)]
    assert [re.search(r"\((\d+) %", h).group(1) for h in headings] == ["10", "30", "20", "40"]
    for index, text in enumerate(TEXT):
        if re.match(r"## [1-3] · ", text):
            assert "Replace this text" in text and CELLS[index + 1]["cell_type"] == "code"


def test_parameters_are_checked_and_the_submission_is_checked_before_handing_in():
    tagged = [c for c in CELLS if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    declared = [s.targets[0].id for s in ast.parse("".join(tagged[0]["source"])).body]
    derived = TEXT[CELLS.index(tagged[0]) + 1]
    call = next(n for n in ast.walk(ast.parse(derived)) if isinstance(n, ast.Call)
                and ast.unparse(n.func) == "parameters.check")
    assert [k.arg for k in call.keywords] == declared
    assert "grading.check_submission(submission_path, test)" in TEXT[-2]


def test_no_solutions_and_no_outputs_are_shipped():
    assert not any("BEGIN SOLUTION" in t for t in TEXT)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in CELLS if c["cell_type"] == "code")


def test_the_title_cell_states_the_licences():
    from course_utils import config

    assert config.licence_url() in TEXT[0] and "CC BY 4.0" in TEXT[0] and "MIT" in TEXT[0]
