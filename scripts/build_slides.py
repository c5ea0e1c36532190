"""Build a reveal.js deck per lecture that works with no network: `make slides` and `make student-slides`.

nbconvert executes each notebook and writes ``NN_topic.slides.html`` into the output folder. Next to the decks,
``assets/`` holds copies of everything a deck loads: reveal.js (with its speaker-notes plugin and theme), MathJax,
require.js, jQuery and the theme's two web fonts, taken from the npm packages that ``make slides`` installs,
at the versions pinned in ``slides/package-lock.json``, into ``build/slides-vendor/``. The decks name them by
relative paths, so the output folder works as it is when copied elsewhere (a USB stick) and opened offline.
In the title cell, each badge (a remote picture inside a link) becomes a plain text link.

``--student`` builds the decks of the student copies: each exercise stub raises ``NotImplementedError`` and its
check cell then fails, so these two cells may raise (any other error stops the build, as for the lectures) and
their error outputs are left out of the deck. A notebook that still holds ``### BEGIN SOLUTION`` is refused.

Usage: python scripts/build_slides.py --out-dir DIR [--student] [--vendor DIR] NOTEBOOK ...
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_student import BEGIN, STUB  # noqa: E402  (the stub the student copies carry)
from offline_assets import MATHJAX_URL, VENDOR, copy, copy_mathjax, text_links  # noqa: E402  (shared with the site)

TEMPLATE = ROOT / "slides" / "offline.html.j2"
ASSETS = "assets"  # folder next to the decks
REVEAL_FILES = ["dist/reveal.js", "dist/reveal.css", "plugin/notes"]  # plus dist/theme/<theme>.css
FONT_PACKAGES = {"News Cycle": "news-cycle", "Lato": "lato"}  # web-font family -> @fontsource package
REMOTE_IMPORT = re.compile(r"@import url\((https?://[^)]*?family=([^:&)]+):?([^&)]*)[^)]*)\);")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
STUB_RAISE = STUB.splitlines()[-1]


def font_imports(match: re.Match, vendor: Path, assets: Path) -> str:
    """Replace a web-font @import by @imports of local copies of the same weights (latin subset)."""
    family = match.group(2).replace("+", " ")
    if family not in FONT_PACKAGES:
        raise ValueError(f"the reveal.js theme imports the web font {family!r}: add its @fontsource package to "
                         "slides/package.json and FONT_PACKAGES in scripts/build_slides.py")
    package = FONT_PACKAGES[family]
    lines = []
    for weight in (match.group(3) or "400").split(","):
        name = f"latin-{weight.replace('italic', '')}{'-italic' if 'italic' in weight else ''}.css"
        css = vendor / "@fontsource" / package / name
        copy(css, assets / "fonts" / package / name)
        for url in CSS_URL.findall(css.read_text()):
            copy(css.parent / url, assets / "fonts" / package / url)
        lines.append(f"@import url(../../../fonts/{package}/{name});")  # from assets/reveal.js/dist/theme/
    return "\n".join(lines)


def copy_assets(vendor: Path, out_dir: Path, theme: str) -> None:
    """Copy what the decks load into out_dir/assets; the theme's web fonts become local copies."""
    assets = out_dir / ASSETS
    copy_mathjax(vendor, assets)
    for name in REVEAL_FILES:
        copy(vendor / "reveal.js" / name, assets / "reveal.js" / name)
    copy(vendor / "reveal.js" / "LICENSE", assets / "reveal.js" / "LICENSE")
    copy(vendor / "requirejs" / "require.js", assets / "require.js")
    copy(vendor / "jquery" / "dist" / "jquery.min.js", assets / "jquery.min.js")
    themes = vendor / "reveal.js" / "dist" / "theme"
    theme_css = REMOTE_IMPORT.sub(lambda m: font_imports(m, vendor, assets), (themes / f"{theme}.css").read_text())
    for url in CSS_URL.findall(theme_css):
        if re.match(r"[a-z]+:", url) and not url.startswith("data:"):
            raise ValueError(f"the reveal.js theme {theme!r} loads {url}: give it a local copy")
        if not url.startswith(("data:", "../../../fonts/")):  # fonts/: the copies font_imports made
            copy(themes / url, assets / "reveal.js" / "dist" / "theme" / url)
    (assets / "reveal.js" / "dist" / "theme").mkdir(parents=True, exist_ok=True)
    (assets / "reveal.js" / "dist" / "theme" / f"{theme}.css").write_text(theme_css)


def exporter() -> SlidesExporter:
    """nbconvert's slides exporter, every script and style sheet named by a path inside the output folder."""
    c = Config()
    c.SlidesExporter.reveal_url_prefix = f"{ASSETS}/reveal.js"
    c.HTMLExporter.mathjax_url = f"{ASSETS}/{MATHJAX_URL}"
    c.HTMLExporter.require_js_url = f"{ASSETS}/require.js"
    c.HTMLExporter.jquery_url = f"{ASSETS}/jquery.min.js"
    c.TemplateExporter.exclude_input_prompt = True  # --no-prompt
    c.TemplateExporter.exclude_output_prompt = True
    return SlidesExporter(config=c, template_file=str(TEMPLATE))


def mark_exercises(nb: nbformat.NotebookNode) -> list[int]:
    """Tag each exercise stub and the check cell after it 'raises-exception'; return their indices."""
    marked = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and STUB_RAISE in cell.source:
            marked += [i, i + 1]
    for i in marked:
        nb.cells[i].metadata.setdefault("tags", []).append("raises-exception")
    return marked


def build(notebook: Path, out_dir: Path, student: bool, timeout: int) -> Path:
    """Execute one notebook and write its deck; return the deck's path."""
    nb = nbformat.read(notebook, as_version=4)
    if student and any(BEGIN in cell.source for cell in nb.cells):
        raise ValueError(f"{notebook} holds solutions ({BEGIN}): build student decks from student/ copies")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = text_links(cell.source)
    marked = mark_exercises(nb) if student else []
    ExecutePreprocessor(timeout=timeout).preprocess(nb, {"metadata": {"path": str(notebook.parent)}})
    for i in marked:
        nb.cells[i].outputs = [out for out in nb.cells[i].outputs if out.output_type != "error"]
    html, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    deck = out_dir / f"{notebook.stem}.slides.html"
    deck.write_text(html, encoding="utf-8")
    return deck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out-dir", type=Path, required=True, help="where the decks and assets/ go")
    parser.add_argument("--student", action="store_true", help="decks of student copies (exercise stubs may raise)")
    parser.add_argument("--vendor", type=Path, default=VENDOR, help="the npm packages (node_modules folder)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds a cell may run")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    copy_assets(args.vendor, args.out_dir, exporter().reveal_theme)
    for notebook in args.notebooks:
        deck = build(notebook, args.out_dir, args.student, args.timeout)
        print(f"wrote {deck} ({deck.stat().st_size // 1024} KiB)", flush=True)


if __name__ == "__main__":
    main()
