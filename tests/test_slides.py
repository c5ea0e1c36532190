"""`make slides`: a reveal.js deck per lecture, built by nbconvert from the executed notebook (fast mode here)."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LECTURE = ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb"


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


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Slides:
    out = tmp_path_factory.mktemp("slides")
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "slides", f"BIN={BIN}",
         f"NOTEBOOKS={LECTURE.relative_to(ROOT)}", f"SLIDES_DIR={out}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COURSE_ARTIFACTS": str(out / "artifacts")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    html = (out / f"{LECTURE.stem}.slides.html").read_text()
    assert "Reveal.initialize" in html, "not a reveal.js deck"
    parser = Slides()
    parser.feed(html)
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
