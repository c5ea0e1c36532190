"""`make slides` and `make student-slides`: a reveal.js deck per lecture, built from the executed notebook (fast mode
here), that loads nothing from the network: instructor decks from notebooks/, student decks from student/."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LECTURE = ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB_MESSAGE = "Exercise not done yet"


class Slides(HTMLParser):
    """Text of each top-level <section> (one per slide) inside reveal.js's <div class="slides">."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[str] = []
        self.code_cells = 0
        self.outputs = 0
        self.figures = 0
        self._in_deck = False
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "slides" in classes:
            self._in_deck = True
        elif self._in_deck and tag == "section":
            self._depth += 1
            if self._depth == 1:
                self.slides.append("")
        elif self._in_deck and tag == "div" and "jp-CodeCell" in classes:
            self.code_cells += 1
        elif self._in_deck and tag == "div" and "jp-OutputArea-output" in classes:
            self.outputs += 1
        elif self._in_deck and tag == "img" and (dict(attrs).get("src") or "").startswith("data:image/png"):
            self.figures += 1

    def handle_endtag(self, tag):
        if self._in_deck and tag == "section":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth >= 1:
            self.slides[-1] += data


class Loads(HTMLParser):
    """Every address a page loads by itself, and all its text.

    A page loads the src of its tags (script, img, iframe, ...), the href of its <link>s, what its style blocks
    name in url() and @import, and what its scripts name in require([...]) and in `import ... from`. An <a href>
    is a hyperlink, followed only when clicked (the badges' Colab and GitHub links, the licence), so it may be
    remote; so may an address in a comment of the inlined CSS or JavaScript, which nothing loads.
    """

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.text = ""
        self._block: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "a" and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag in ("script", "style"):
            self._block = tag

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._block = None

    def handle_data(self, data):
        self.text += data
        if self._block == "style":
            self.loads += re.findall(r"""url\(\s*['"]?([^'")]+)""", re.sub(r"/\*.*?\*/", "", data, flags=re.S))
        elif self._block == "script":
            for files in re.findall(r"require\(\s*(?:\{[^}]*\},\s*)?\[([^\]]*)\]", data):
                self.loads += re.findall(r"""["']([^"']+)["']""", files)
            self.loads += re.findall(r"""\bimport\s+[\w{}\s,*]+\s+from\s+["']([^"']+)["']""", data)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Lecture 02's instructor deck in OUT/instructor and its student deck in OUT/student."""
    out = tmp_path_factory.mktemp("slides")
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "slides", "student-slides", f"BIN={BIN}",
         f"NOTEBOOKS={LECTURE.relative_to(ROOT)}", f"SLIDES_DIR={out / 'instructor'}",
         f"STUDENT_SLIDES_DIR={out / 'student'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COURSE_ARTIFACTS": str(out / "artifacts")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def deck_html(built: Path, kind: str) -> str:
    html = (built / kind / f"{LECTURE.stem}.slides.html").read_text()
    assert "Reveal.initialize" in html, "not a reveal.js deck"
    return html


@pytest.fixture(scope="module")
def deck(built) -> Slides:
    parser = Slides()
    parser.feed(deck_html(built, "instructor"))
    return parser


def headings() -> list[str]:
    """The title and every ## section of the lecture, in order."""
    cells = json.loads(LECTURE.read_text())["cells"]
    return [re.sub(r"^#+ ", "", "".join(c["source"]).splitlines()[0]) for c in cells
            if c["cell_type"] == "markdown" and re.match(r"#{1,2} ", "".join(c["source"]))]


def test_one_slide_for_the_title_and_each_section(deck):
    expected = headings()
    assert len(expected) >= 4 and expected[0].startswith("02 · ")
    assert len(deck.slides) == len(expected), f"{len(deck.slides)} slides for {len(expected)} title + sections"
    for slide, heading in zip(deck.slides, expected, strict=True):
        assert heading in slide, f"slide for '{heading}' starts with {slide.strip()[:80]!r}"


def test_slides_come_from_the_executed_notebook(deck):
    assert deck.code_cells > 0
    assert deck.outputs >= deck.code_cells // 2, f"{deck.outputs} outputs for {deck.code_cells} code cells: not run?"
    assert deck.figures >= 1, "the lecture's figures should be in the deck"
    assert "Traceback" not in "".join(deck.slides)


def test_rise_extension_is_registered_in_jupyterlab():
    """Live presenting: RISE for JupyterLab (jupyterlab-rise) is installed and enabled."""
    done = subprocess.run([str(BIN / "jupyter"), "labextension", "list"], capture_output=True, text=True, timeout=120)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in (done.stdout + done.stderr).splitlines()]
    rise = [line for line in lines if "jupyterlab-rise" in line]
    assert rise, "jupyterlab-rise is not installed: `make lab` installs it (pyproject.toml dependencies)"
    assert "enabled" in rise[0] and "OK" in rise[0], rise[0]


@pytest.mark.parametrize("kind", ["instructor", "student"])
def test_decks_load_nothing_from_the_network(built, kind):
    """Every script, style sheet, font and picture is a file inside the deck's folder, named by a relative path."""
    folder = built / kind
    page = Loads()
    page.feed(deck_html(built, kind))
    loads = [url for url in page.loads if not url.startswith("data:")]
    assert any("reveal.js" in url for url in loads) and any("MathJax.js" in url for url in loads), loads
    for url in loads:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), f"{kind} deck loads {url}"
        path = (folder / unquote(parts.path)).resolve()
        assert path.is_file() and path.is_relative_to(folder.resolve()), f"{kind} deck: {url} is not in {folder}"
        if path.name == "MathJax.js":  # ?config=A,B: MathJax then loads config/A.js and config/B.js
            for config in re.search(r"config=([^&]+)", parts.query).group(1).split(","):
                assert (path.parent / "config" / f"{config}.js").is_file(), f"MathJax config {config} not copied"
    for css in (folder / "assets").rglob("*.css"):  # the copies of reveal.js's theme and of the fonts
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text()):
            assert url.startswith("data:") or not urlsplit(url).scheme, f"{css} loads {url}"
            assert url.startswith("data:") or (css.parent / urlsplit(url).path).is_file(), f"{css}: {url} missing"


def solution_lines() -> list[str]:
    """Lines of lecture 02's solutions that occur nowhere else in the lecture (so a deck shows them only as answers)."""
    inside, outside = [], []
    for cell in json.loads(LECTURE.read_text())["cells"]:
        solution = False
        for line in "".join(cell["source"]).splitlines():
            if line.strip() in (BEGIN, END):
                solution = line.strip() == BEGIN
            elif line.strip():
                (inside if solution else outside).append(line.strip())
    return [line for line in inside if line not in outside and len(line) >= 12]


def test_student_deck_has_no_solution_code(built):
    answers = solution_lines()
    assert len(answers) >= 5, answers
    instructor, student = Loads(), Loads()
    instructor.feed(deck_html(built, "instructor"))
    student.feed(deck_html(built, "student"))
    instructor_lines = {line.strip() for line in instructor.text.splitlines()}
    student_lines = {line.strip() for line in student.text.splitlines()}
    assert all(line in instructor_lines for line in answers), "the instructor deck shows every solution"
    left = [line for line in answers if line in student_lines]
    assert not left, f"solution code in the student deck: {left}"
    assert student.text.count(STUB_MESSAGE) >= 5, "the student deck shows each exercise's stub"
    assert "Traceback" not in student.text, "the stubs' errors are left out of the student deck"


def test_no_lecture_draws_a_mermaid_diagram():
    """The decks' template leaves out mermaid's loader (slides/offline.html.j2): a diagram would need a local copy."""
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        assert not any("```mermaid" in "".join(c["source"]) for c in cells), f"{notebook.name} draws a mermaid diagram"
