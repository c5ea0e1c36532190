"""`make site`: the course website, a page per lecture from its executed notebook, offline.

What this proves, cheaply (no lecture is executed; executing all twelve in fast mode takes minutes): given an
executed notebook for every lecture in notebooks/, the builder writes a page for each, in lecture order, listed in
the front page's table (the README's) and in every page's side bar, that carries every figure of that execution
(the same PNG bytes, as files next to the page) and its printed output, that says which run it shows, renders its
math with the local MathJax and loads nothing from the network. The executions are stand-ins: lecture 02 is the
real notebook with its full code and text, with papermill's record of a finished fast-mode run and made-up outputs
(a few small PNGs and a printed line), kept as the builder's cache of fast-mode runs, as `make site FAST=1`
leaves it; the other lectures keep their real text (title, prose, math) and three code cells of made-up outputs,
as full-mode runs in the folder `make bench` fills. What it does not prove: that a lecture draws figures (nbval
runs every lecture; `make bench` leaves the real executions). Separately: how a run is compared with the lecture
(code, text), that failed, unfinished or missing runs and a missing MathJax stop the build naming the fix, that a
fast-mode run is made only for a lecture without a current one, and the make target's command line. Nothing here
needs npm or a network: the npm packages are stand-ins too (test_slides.py installs and checks the real ones).
"""

import base64
import copy
import functools
import hashlib
import importlib.util
import json
import re
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from test_slides import Loads  # what a page loads by itself: src, link href, style url()/@import, require lists

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
spec = importlib.util.spec_from_file_location("build_site", ROOT / "scripts" / "build_site.py")
build_site = importlib.util.module_from_spec(spec)
sys.modules["build_site"] = build_site  # the dataclass in it looks its module up
spec.loader.exec_module(build_site)
LECTURES = build_site.lectures()
REAL = "02_bayes_and_naive_bayes"  # the stand-in with the lecture's full code
VENDOR = ROOT / "build" / "slides-vendor"  # where `make site` keeps the npm packages


def png(key: str) -> bytes:
    """A small grey PNG whose pixels depend on key (so every stand-in figure has its own bytes)."""
    pixels = hashlib.sha256(key.encode()).digest()[:16]
    rows = b"".join(b"\x00" + pixels[i:i + 4] for i in range(0, 16, 4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def figure(key: str) -> dict:
    data = base64.b64encode(png(key)).decode()
    return {"output_type": "display_data", "data": {"image/png": data, "text/plain": "<Figure>"}, "metadata": {}}


def printed(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text + "\n"}


def finished(nb: dict, fast: bool) -> dict:
    """Mark a notebook as papermill leaves a finished run: parameters injected, every code cell completed."""
    nb = copy.deepcopy(nb)
    at = next((i + 1 for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", [])), 0)
    nb["cells"].insert(at, {"cell_type": "code", "execution_count": None, "metadata": {"tags": ["injected-parameters"]},
                            "outputs": [], "source": f"# Parameters\nFAST = {fast}\n", "id": "injected"})
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["metadata"]["papermill"] = {"status": "completed", "exception": False}
    nb["metadata"]["papermill"] = {"parameters": {"FAST": fast}, "exception": None, "duration": 93.0,
                                   "end_time": "2026-01-02T03:04:05.000000+00:00"}
    return nb


def stand_in(lecture: Path) -> tuple[dict, list[bytes], str]:
    """A finished run of a lecture with made-up outputs; return it, its figures' bytes and its printed line."""
    nb = json.loads(lecture.read_text())
    line = f"scorecard of {lecture.stem}: 0.{len(lecture.stem)}"
    if lecture.stem == REAL:
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        targets = [code[i] for i in (-1, -2, -3)]
    else:
        nb["cells"] = [c for c in nb["cells"]
                       if c["cell_type"] == "markdown" or "parameters" in c["metadata"].get("tags", [])]
        targets = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "id": f"fig{i}",
                    "source": f"plots.show_figure({i})"} for i in range(3)]
        nb["cells"][3:3] = targets
    figures = [f"{lecture.stem}/{i}" for i in range(len(targets))]
    for cell, key in zip(targets, figures, strict=True):
        cell["outputs"] = [figure(key)]
    targets[0]["outputs"].insert(0, printed(line))
    return finished(nb, fast=lecture.stem == REAL), [png(key) for key in figures], line


@pytest.fixture(scope="module")
def vendor(tmp_path_factory) -> Path:
    """Stand-ins for the npm packages the site copies, in their layout: the real MathJax and its configurations are
    checked by test_slides.py, whose decks copy them with the same function (offline_assets.copy_mathjax)."""
    root = tmp_path_factory.mktemp("node_modules")
    offline_assets = sys.modules["offline_assets"]
    files = [f"mathjax/{name}" for name in [*offline_assets.MATHJAX_FILES, "LICENSE"]] + ["requirejs/require.js"]
    for name in files:
        path = root / name
        if path.suffix != ".js" and path.name != "LICENSE":
            path = path / "part.js"  # a folder of MathJax's
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* stands in for {name} */\n")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory, vendor):
    """The site built from the stand-ins: 02 as a cached fast-mode run, the others as full-mode runs."""
    tmp = tmp_path_factory.mktemp("site")
    executed, runs, out = tmp / "bench", tmp / "site-runs", tmp / "site"
    executed.mkdir()
    runs.mkdir()
    expected = {}
    for lecture in LECTURES:
        nb, figures, line = stand_in(lecture)
        folder = runs if lecture.stem == REAL else executed
        (folder / lecture.name).write_text(json.dumps(nb))
        expected[lecture.stem] = figures, line

    def no_run(lecture, *_):
        raise AssertionError(f"{lecture.name} was executed, though its run is in the cache")

    original, build_site.run_fast = build_site.run_fast, no_run
    try:
        pages = build_site.build(executed, runs, out, vendor, fast=True, timeout=60)
    finally:
        build_site.run_fast = original
    return out, pages, expected


class Page(HTMLParser):
    """The links of a page's side bar, its pager and its body, its pictures, its banner and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.toc, self.current, self.pager, self.links, self.images = [], [], [], [], []
        self.banner, self.text, self._in = "", "", []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in ("nav", "div", "li") and classes:
            self._in.append(classes[0])
        elif tag in ("nav", "div", "li"):
            self._in.append("")
        if tag == "li" and "site-current" in classes:
            self.current.append(len(self.toc))
        if tag == "a" and attrs.get("href"):
            target = self.toc if "site-toc" in self._in else self.pager if "site-pager" in self._in else self.links
            target.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))

    def handle_endtag(self, tag):
        if tag in ("nav", "div", "li") and self._in:
            self._in.pop()

    def handle_data(self, data):
        self.text += data
        if "site-banner" in self._in:
            self.banner += data


@functools.cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text())
    return page


def test_every_lecture_has_a_page_with_its_figures_and_printed_output(site):
    out, pages, expected = site
    assert list(pages) == ["index.html"] + [f"{lecture.stem}.html" for lecture in LECTURES]
    for lecture in LECTURES:
        figures, line = expected[lecture.stem]
        page = parse(out / f"{lecture.stem}.html")
        shown = [src for src in page.images if not src.startswith("data:")]
        assert len(shown) == len(figures), f"{lecture.stem}: {len(shown)} pictures for {len(figures)} figures"
        assert all(src.startswith(f"{lecture.stem}_files/") for src in shown), shown
        assert sorted((out / unquote(src)).read_bytes() for src in shown) == sorted(figures), lecture.stem
        assert line in page.text, f"{lecture.stem}: the printed output is missing"
        title = build_site.update_readme.lecture_info(lecture)[1]
        assert f"{lecture.stem[:2]} · {title}" in page.text


def test_front_page_is_the_readme_lecture_table_linking_every_page_in_order(site):
    out, _, _ = site
    front = parse(out / "index.html")
    table = build_site.update_readme.render_table()
    assert re.findall(r"\]\(notebooks/([^)]+)\.ipynb\)", table) == [lecture.stem for lecture in LECTURES]
    assert [link for link in front.links if link.endswith(".html")] == [f"{lec.stem}.html" for lec in LECTURES]
    for row in table.splitlines()[2:]:
        summary = row.split(" | ")[2]
        assert summary[:50] in front.text, f"front page lacks the row: {row[:80]}"
    assert "exercise solutions included" in front.text
    assert "earlier version of their lecture" in front.text and "fast-mode runs" in front.text


def test_every_page_lists_the_lectures_in_order_and_links_its_neighbours(site):
    out, _, _ = site
    names = [f"{lecture.stem}.html" for lecture in LECTURES]
    for i, name in enumerate(["index.html"] + names):
        page = parse(out / name)
        assert page.toc == ["index.html"] + names, f"{name}: side bar {page.toc}"
        assert page.current == ([] if i == 0 else [i]), f"{name}: marks entry {page.current} as the current page"
        neighbours = ([] if i == 0 else ["index.html"] if i == 1 else [names[i - 2]]) + names[i:i + 1]
        assert page.pager == neighbours, f"{name}: pager {page.pager}"


def test_each_page_says_which_run_it_shows(site):
    out, _, _ = site
    for lecture in LECTURES:
        banner = " ".join(parse(out / f"{lecture.stem}.html").banner.split())
        assert "seed 42" in banner and "2026-01-02 03:04 UTC" in banner and "solutions are shown" in banner, banner
        if lecture.stem == REAL:
            assert banner.startswith("Fast-mode run") and "not the lecture's results" in banner, banner
            assert "earlier version" not in banner, "lecture 02's stand-in has the lecture's code"
        else:  # the stand-ins hold three made-up code cells, not the lecture's code
            assert banner.startswith("Full-mode run") and "earlier version of the lecture" in banner, banner


def test_math_is_left_to_the_local_mathjax(site):
    out, _, _ = site
    for name in ["index.html", "01_discriminative_vs_generative.html"]:
        html = (out / name).read_text()
        assert r"$p(x \mid y)$" in html, f"{name}: the math should reach MathJax as TeX"
        assert '<script src="assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe">' in html


def test_pages_load_nothing_from_the_network(site):
    """Every script, style sheet and picture a page loads is a file in the site folder (hyperlinks may go out)."""
    out, pages, _ = site
    for name in pages:
        html = (out / name).read_text()
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
        assert not [url for script in scripts for url in re.findall(r"https?://[^\s\"')]+", script)], \
            f"{name}: a script names a remote address (a dynamic import, such as mermaid's loader, would load it)"
        page = Loads()
        page.feed(html)
        loads = [url for url in page.loads if not url.startswith("data:")]
        assert any("MathJax.js" in url for url in loads) and {"assets/site.css", "assets/lab.css"} <= set(loads)
        for url in loads:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), f"{name} loads {url}"
            path = (out / unquote(parts.path)).resolve()
            assert path.is_file() and path.is_relative_to(out.resolve()), f"{name}: {url} is not in the site"
            if path.name == "MathJax.js":
                for config in re.search(r"config=([^&]+)", parts.query).group(1).split(","):
                    assert (path.parent / "config" / f"{config}.js").is_file(), f"MathJax config {config} missing"
    for css in (out / "assets").rglob("*.css"):
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text()):
            assert url.startswith("data:") or (css.parent / urlsplit(url).path).is_file(), f"{css}: {url}"


def lecture_run(tmp_path: Path, edit=None, fast: bool = False) -> Path:
    """A finished run of lecture 02 (no outputs), after edit(notebook) if given."""
    nb = finished(json.loads((ROOT / "notebooks" / f"{REAL}.ipynb").read_text()), fast=fast)
    if edit:
        edit(nb)
    path = tmp_path / f"{REAL}.ipynb"
    path.write_text(json.dumps(nb))
    return path


def first(nb: dict, kind: str, contains: str = "") -> dict:
    return next(c for c in nb["cells"] if c["cell_type"] == kind and contains in "".join(c["source"]))


def test_a_run_is_compared_with_the_lecture_as_benchmarks_version_a_result(tmp_path):
    lecture = ROOT / "notebooks" / f"{REAL}.ipynb"

    def state(edit=None):
        run = build_site.read_run(lecture_run(tmp_path, edit), lecture)
        return run.code_current, run.text_current

    assert state() == (True, True)

    def prose(nb):
        first(nb, "markdown", "## ")["source"] = "## Another heading\n"

    def code(nb):
        cell = first(nb, "code", "import")
        cell["source"] = "".join(cell["source"]) + "\nSEED = 7\n"

    def comment(nb):
        cell = first(nb, "code", "import")
        cell["source"] = "# a new comment\n" + "".join(cell["source"])

    def retarget(nb):  # `make retarget` rewrites every badge's address and the Colab install line
        title = nb["cells"][0]
        title["source"] = "".join(title["source"]).replace("/blob/", "/blob/elsewhere/")
        setup = first(nb, "code", "google.colab")
        setup["source"] = "".join(setup["source"]).replace("git+https://github.com/", "git+https://example.org/")

    assert state(prose) == (True, False)
    assert state(code) == (False, True)
    assert state(comment) == (True, True)
    assert state(retarget) == (True, True)


@pytest.mark.parametrize("damage, message", [
    (lambda nb: nb["metadata"]["papermill"].update(exception=True), "failed run"),
    (lambda nb: nb["metadata"]["papermill"].update(end_time=None), "unfinished"),
    (lambda nb: first(nb, "code", "import")["metadata"]["papermill"].update(status="running"), "unfinished"),
    (lambda nb: nb["metadata"].pop("papermill") and first(nb, "code", "import")["outputs"].append(
        {"output_type": "error", "ename": "KeyError", "evalue": "x", "traceback": []}), "ended in KeyError"),
])
def test_a_failed_or_unfinished_run_is_refused(tmp_path, damage, message):
    path = lecture_run(tmp_path, damage)
    with pytest.raises(ValueError, match=message) as error:
        build_site.read_run(path, ROOT / "notebooks" / f"{REAL}.ipynb")
    assert "make bench NOTEBOOKS=notebooks/02_bayes_and_naive_bayes.ipynb" in str(error.value)


def test_missing_runs_and_missing_mathjax_stop_the_build_naming_the_fix(tmp_path, vendor):
    executed = tmp_path / "bench"
    executed.mkdir()
    (executed / f"{REAL}.ipynb").write_bytes(lecture_run(tmp_path).read_bytes())
    with pytest.raises(FileNotFoundError) as error:
        build_site.build(executed, tmp_path / "runs", tmp_path / "site", vendor, fast=False, timeout=60)
    message = str(error.value)
    assert "make bench" in message and "make site FAST=1" in message
    assert all((lecture.stem == REAL) != (lecture.name in message) for lecture in LECTURES), message
    with pytest.raises(FileNotFoundError, match="no executed lectures in .*make bench"):
        build_site.build(tmp_path / "none", tmp_path / "runs", tmp_path / "site", vendor, fast=False, timeout=60)
    with pytest.raises(FileNotFoundError, match="mathjax/MathJax.js is missing: `make site` installs it"):
        build_site.build(executed, tmp_path / "runs", tmp_path / "site", tmp_path / "no-vendor", fast=True,
                         timeout=60)
    assert not (tmp_path / "site").exists(), "nothing is written (or run) before the inputs are checked"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("not a site")
    with pytest.raises(FileExistsError, match="was not built by this script"):
        build_site.prepare(tmp_path / "mine")


def test_a_fast_mode_run_is_made_only_for_a_lecture_without_a_current_one(tmp_path, monkeypatch):
    lecture = ROOT / "notebooks" / f"{REAL}.ipynb"
    runs, made = tmp_path / "runs", []

    def run_fast(lecture, runs, timeout):  # stands in for papermill: writes a finished fast-mode run
        made.append(lecture.name)
        runs.mkdir(exist_ok=True)
        (runs / lecture.name).write_bytes(lecture_run(tmp_path, fast=True).read_bytes())
        return runs / lecture.name

    monkeypatch.setattr(build_site, "run_fast", run_fast)
    assert build_site.find_run(lecture, tmp_path / "bench", runs, fast=False, timeout=60) is None
    assert build_site.find_run(lecture, tmp_path / "bench", runs, fast=True, timeout=60).fast
    assert build_site.find_run(lecture, tmp_path / "bench", runs, fast=True, timeout=60).fast
    assert made == [REAL + ".ipynb"], "the second build reuses the cached run"
    stale = json.loads((runs / lecture.name).read_text())
    first(stale, "code", "import")["source"] += "\nSEED = 7\n"
    (runs / lecture.name).write_text(json.dumps(stale))
    build_site.find_run(lecture, tmp_path / "bench", runs, fast=True, timeout=60)
    assert len(made) == 2, "a cached run of other code is made again"
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / lecture.name).write_bytes(lecture_run(tmp_path).read_bytes())
    assert not build_site.find_run(lecture, tmp_path / "bench", runs, fast=True, timeout=60).fast
    assert len(made) == 2, "a full-mode run is used when there is one"


def test_make_site_passes_its_folders_and_fast_to_the_builder():
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "-o",
         str((VENDOR / "node_modules" / ".package-lock.json").relative_to(ROOT)), "site", f"BIN={BIN}",
         "BENCH_DIR=runs/a", "SITE_DIR=out/b", "SITE_RUNS=cache/c", "FAST=1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    command = done.stdout.strip().splitlines()[-1]
    assert "scripts/build_site.py" in command
    for option in ("--executed runs/a", "--out-dir out/b", "--runs cache/c", "--fast", "--vendor build/slides-vendor"):
        assert option in command, command


def test_readme_explains_the_site_and_shows_a_page():
    readme = (ROOT / "README.md").read_text()
    assert "make site" in readme and "instructor notebooks, exercise solutions" in readme and "Why nbconvert" in readme
    assert "](docs/site.png)" in readme and (ROOT / "docs" / "site.png").is_file()
