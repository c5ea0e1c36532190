"""Every lecture notebook follows ../shared/CONVENTIONS.md (opening cells, parameters, clean git state)."""

import ast
import json
import re
from pathlib import Path

import pytest

from course_utils import config

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [nb.stem for nb in NOTEBOOKS]


def load(nb: Path) -> list[dict]:
    return json.loads(nb.read_text())["cells"]


def src(cell: dict) -> str:
    return "".join(cell["source"])


def test_there_are_notebooks_with_lecture_names():
    assert NOTEBOOKS, "notebooks/ is empty"
    for nb in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", nb.name), f"{nb.name}: name it NN_topic.ipynb"
    numbers = [int(nb.name[:2]) for nb in NOTEBOOKS]
    assert len(set(numbers)) == len(numbers) and min(numbers) >= 1, f"each lecture needs its own number: {numbers}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_title_cell_and_badges(nb):
    cell = load(nb)[0]
    text = src(cell)
    assert cell["cell_type"] == "markdown"
    assert text.startswith(f"# {nb.name[:2]} · "), f"{nb.name}: first cell must start '# {nb.name[:2]} · Title'"
    urls = config.badge_urls(f"notebooks/{nb.name}")
    links = re.findall(r"\]\((https://[^)\s]+)\)", text)
    assert urls["colab"] in links, f"{nb.name}: Colab badge must link {urls['colab']}"
    assert urls["source"] in links, f"{nb.name}: source badge must link {urls['source']}"
    assert config.licence_url() in links and "CC BY 4.0" in text and "MIT" in text, (
        f"{nb.name}: the title cell needs the licence line (text and figures CC BY 4.0, code MIT, a link to "
        f"{config.licence_url()})")
    for link in links:
        if "/blob/" in link and link != config.licence_url():
            assert link.endswith(f"/notebooks/{nb.name}"), f"{nb.name}: badge points elsewhere: {link}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_opening_cells_in_order(nb):
    cells = load(nb)
    kinds = [c["cell_type"] for c in cells[:6]]
    assert kinds == ["markdown", "markdown", "markdown", "code", "code", "code"], f"{nb.name}: opening cells {kinds}"
    assert "## Learning objectives" in src(cells[1]) and "Read first" in src(cells[1])
    assert src(cells[2]).startswith("## Setup")
    setup = src(cells[3])
    install = f"%{config.colab_install_command()}"
    assert install in setup, f"{nb.name}: setup cell must run {install}"
    assert 'if "google.colab" in sys.modules' in setup
    quiet = setup.index("config.quiet_tensorflow()")
    for lib in ("import tensorflow", "import keras", "from keras", "from tensorflow"):
        if lib in setup:
            assert setup.index(lib) > quiet, f"{nb.name}: quiet TensorFlow before '{lib}'"
    assert f'NOTEBOOK = "{nb.stem}"' in setup, f"{nb.name}: setup cell must define NOTEBOOK = \"{nb.stem}\""
    assert "parameters" in cells[4]["metadata"].get("tags", []), f"{nb.name}: 5th cell must be tagged 'parameters'"
    derived = src(cells[5])
    assert "config.is_fast(FAST)" in derived and "config.set_seed(SEED)" in derived
    calls = [node for node in ast.walk(ast.parse(derived)) if isinstance(node, ast.Call)
             and ast.unparse(node.func) == "parameters.check"]
    assert len(calls) == 1, f"{nb.name}: the derived-configuration cell must call parameters.check once"
    given = [keyword.arg for keyword in calls[0].keywords]
    declared = [statement.targets[0].id for statement in ast.parse(src(cells[4])).body]
    assert given == declared, f"{nb.name}: parameters.check must get every parameter, in order: {declared}"
    assert [ast.unparse(arg) for arg in calls[0].args] == ["NOTEBOOK"]
    assert derived.index("parameters.check") > derived.index("if FAST"), "check after fast mode has set its values"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_parameters_cell_holds_literals_only(nb):
    cells = load(nb)
    tagged = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, f"{nb.name}: exactly one cell must be tagged 'parameters'"
    tree = ast.parse(src(tagged[0]))
    names = set()
    for statement in tree.body:
        assert isinstance(statement, ast.Assign) and len(statement.targets) == 1, (
            f"{nb.name}: parameters cell may only hold NAME = literal lines: {ast.unparse(statement)}"
        )
        ast.literal_eval(statement.value)  # raises on anything derived
        names.add(statement.targets[0].id)
    assert {"FAST", "SEED"} <= names, f"{nb.name}: parameters must include FAST and SEED"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_outputs_stripped_and_metadata_clean(nb):
    notebook = json.loads(nb.read_text())
    assert set(notebook["metadata"]) <= {"kernelspec", "language_info"}, f"{nb.name}: run `make strip`"
    kernelspec = notebook["metadata"].get("kernelspec", {})
    assert {"display_name", "name"} <= set(kernelspec), f"{nb.name}: nbformat needs kernelspec display_name and name"
    for cell in notebook["cells"]:
        assert set(cell["metadata"]) <= {"slideshow", "tags", "nbgrader"}, f"{nb.name}: stray cell metadata"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{nb.name}: run `make strip`"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_no_control_characters(nb):
    """A generator script that wrote "\\beta" as "\beta" leaves a backspace in the cell: LaTeX then renders "eta"."""
    for number, cell in enumerate(load(nb)):
        tab = "\\x09" if cell["cell_type"] == "markdown" else ""  # "\theta" written unescaped becomes a tab + "heta"
        for match in re.finditer(rf"[\x00-\x08{tab}\x0b-\x1f]", src(cell)):
            context = src(cell)[max(match.start() - 20, 0) : match.start() + 20]
            where = f"{nb.name} cell {number}: control character {match.group()!r} in {context!r}"
            pytest.fail(f"{where}; escape the backslash")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_slideshow_metadata(nb):
    for cell in load(nb):
        slide = cell["metadata"].get("slideshow", {}).get("slide_type")
        assert slide in {"slide", "subslide", "fragment", "-", "skip", "notes"}, f"{nb.name}: cell lacks slide metadata"
        if cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", src(cell)):
            assert slide == "slide", f"{nb.name}: '{src(cell).splitlines()[0]}' should be a slide"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_exercises_have_solutions_and_checks(nb):
    cells = load(nb)
    starts = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and src(c).startswith("### Exercise")]
    assert len(starts) >= 3, f"{nb.name}: needs at least 3 exercises, has {len(starts)}"
    for i in starts:
        solution, check = cells[i + 1], cells[i + 2]
        title = src(cells[i]).splitlines()[0]
        assert "### BEGIN SOLUTION" in src(solution) and "### END SOLUTION" in src(solution), f"{nb.name}: {title}"
        assert check["cell_type"] == "code" and "assert " in src(check), f"{nb.name}: {title} needs a check cell"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_scorecard_summary_references(nb):
    cells = load(nb)
    text = [src(c) for c in cells]
    assert any("artifacts.write_scorecard(NOTEBOOK" in t for t in text), f"{nb.name}: needs a scorecard cell"
    headings = [t.splitlines()[0] for t in text if t.startswith("## ")]
    assert headings[-2:] == ["## Summary", "## References"], f"{nb.name}: end with ## Summary then ## References"


WORKSHOP_WORDS = [  # CONVENTIONS "Claims": the course's own workshop vocabulary never reaches a student
    r"\bissues?\b",
    r"\bdone[- ]when\b",
    r"\b(?:quality|full[- ]mode|fast[- ]mode|accuracy|score|issue|our|the lecture's) (?:target|bar)s?\b",
    r"\b(?:clears?|cleared|raises?|meets?|misses|below|above|under|over) (?:the|a|our|this) (?:quality )?bar\b",
]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_no_workshop_words(nb):
    """No "issue", "target", "done-when" or "bar" of the course's workshop in anything a student reads."""
    for number, cell in enumerate(load(nb)):
        for pattern in WORKSHOP_WORDS:
            for match in re.finditer(pattern, src(cell), re.IGNORECASE):
                context = src(cell)[max(match.start() - 40, 0) : match.end() + 40].replace("\n", " ")
                where = f"{nb.name} cell {number}: workshop word {match.group()!r} in {context!r}"
                pytest.fail(f"{where}; say what it means")


def test_workshop_word_patterns_catch_examples():
    caught = ["see issue 11", "Done when: ...", "full-mode target: accuracy", "quality bar of 0.80", "clears the bar"]
    kept = ["the input is its own target: fit(x, x)", "no targets: the images", "error bar: bootstrap",
            "label smoothing target 0.9", "$u\\bar d$",
            "the '/' bar moves", "a proton target, e p"]
    for text in caught:
        assert any(re.search(p, text, re.IGNORECASE) for p in WORKSHOP_WORDS), text
    for text in kept:
        assert not any(re.search(p, text, re.IGNORECASE) for p in WORKSHOP_WORDS), text
