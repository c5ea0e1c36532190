"""Build the course website, a static HTML page per lecture with the outputs of its full-mode run: `make site`.

Nothing is executed for a page that has a run: each lecture's page is the notebook that ``make bench`` executed
in full mode at seed 42 (``build/bench/NN_topic.ipynb``), converted by nbconvert's HTML exporter as it was run
(its prose, code, printed numbers, scorecard and figures). The figures are written next to the page
(``NN_topic_files/``). The front page is the README's lecture table (``scripts/update_readme.py`` renders it),
its links pointing at the pages; every page has the lectures in order in a side bar and links to the previous and
next one. The instructor notebooks are shown, exercise solutions included.

Every page says which run it shows: mode, seed, when it finished, and whether the lecture's code or text changed
since (the code compared as ``benchmarks/run.py`` versions a result: without comments, fast-mode blocks and the
Colab install). A failed or unfinished run (papermill records both) is refused.

A lecture without a run stops the build with a message naming ``make bench``, unless ``--fast`` (``make site
FAST=1``): then it is executed in fast mode with papermill into ``build/site-runs/``, reused there while the
lecture is unchanged, and its page says that its numbers are fast mode's.

The pages need no network: MathJax 2.7.7 and require.js are copied into ``assets/`` from the npm packages
``make slides`` installs (``build/slides-vendor/``, versions pinned in ``slides/package-lock.json``), and the
badges of the title cells (remote pictures) become text links. The output folder works as it is, copied anywhere.

Usage: python scripts/build_site.py [--executed DIR] [--runs DIR] [--fast] [--out-dir DIR] [--vendor DIR]
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from offline_assets import MATHJAX_URL, VENDOR, copy, copy_mathjax, text_links  # noqa: E402  (as the decks)


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_readme = _load("update_readme", ROOT / "scripts" / "update_readme.py")  # the lecture table, titles
bench = _load("bench_run", ROOT / "benchmarks" / "run.py")  # which code a run executed

NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "build" / "bench"
RUNS = ROOT / "build" / "site-runs"
OUT_DIR = ROOT / "build" / "site"
TEMPLATE = ROOT / "site" / "page.html.j2"
STYLE = ROOT / "site" / "site.css"
ASSETS = "assets"
MARKER = ".course-site"  # marks a folder this script built (and may therefore empty before a rebuild)
LINK_TARGET = re.compile(r"\]\([^)]*\)")  # a markdown link's address: retargeting badges edits no prose


@dataclass
class Run:
    """An executed lecture: where it is, its mode and seed, when it finished, and how it compares to the lecture."""

    path: Path
    fast: bool
    seed: str
    finished: str
    minutes: float | None
    code_current: bool
    text_current: bool


def lectures(folder: Path = NOTEBOOKS) -> list[Path]:
    """The lectures in order (NN_topic.ipynb)."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no lecture (NN_topic.ipynb) in {folder}")
    return found


def _cells(nb: dict) -> list[dict]:
    """A notebook's cells without the one papermill injects with the run's parameters."""
    return [c for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]


def _code(nb: dict) -> list[str]:
    return [bench.without_comments(bench.full_mode_code("".join(c["source"])))
            for c in _cells(nb) if c["cell_type"] == "code"]


def _text(nb: dict) -> list[str]:
    return [LINK_TARGET.sub("]()", "".join(c["source"])) for c in _cells(nb) if c["cell_type"] == "markdown"]


def check_finished(nb: dict, path: Path) -> None:
    """Refuse a run that failed, did not finish (still running, or interrupted) or was never executed."""
    rerun = f"rerun it (`make bench NOTEBOOKS=notebooks/{path.name}`, or delete it and use `make site FAST=1`)"
    papermill = nb.get("metadata", {}).get("papermill")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if papermill is not None:
        if papermill.get("exception"):
            failed = next((i for i, c in enumerate(code) if c["metadata"].get("papermill", {}).get("exception")), "?")
            raise ValueError(f"{path} is a failed run (code cell {failed} raised): {rerun}")
        waiting = [i for i, c in enumerate(code) if c["metadata"].get("papermill", {}).get("status") != "completed"]
        if not papermill.get("end_time") or waiting:
            raise ValueError(f"{path} is unfinished (still running, or interrupted; {len(waiting)} of {len(code)} "
                             f"code cells not run): wait for it or {rerun}")
    elif not any(c.get("execution_count") for c in code):
        raise ValueError(f"{path} was never executed: {rerun}")
    for i, cell in enumerate(code):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors and "raises-exception" not in cell["metadata"].get("tags", []):
            raise ValueError(f"{path}: code cell {i} ended in {errors[0].get('ename')}: {rerun}")


def read_run(path: Path, lecture: Path) -> Run:
    """Read an executed copy of a lecture, refusing failed or unfinished runs."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a readable notebook ({error}): rerun `make bench "
                         f"NOTEBOOKS=notebooks/{lecture.name}`") from error
    check_finished(nb, path)
    papermill = nb.get("metadata", {}).get("papermill", {})
    parameters = papermill.get("parameters", {})
    defaults = next(("".join(c["source"]) for c in nb["cells"]
                     if "parameters" in c.get("metadata", {}).get("tags", [])), "")
    seed = parameters.get("SEED") or (re.search(r"^SEED\s*=\s*(\d+)", defaults, re.M) or [None, "?"])[1]
    fast = str(parameters.get("FAST", False)).strip().lower() in ("true", "1", "yes", "on")
    duration = papermill.get("duration")
    current = json.loads(lecture.read_text(encoding="utf-8"))
    return Run(path=path, fast=fast, seed=str(seed), finished=(papermill.get("end_time") or "")[:16].replace("T", " "),
               minutes=duration / 60 if duration else None,
               code_current=_code(nb) == _code(current), text_current=_text(nb) == _text(current))


def run_fast(lecture: Path, runs: Path, timeout: int) -> Path:
    """Execute a lecture in fast mode with papermill into runs/ (its figures and scorecard in runs/artifacts)."""
    runs.mkdir(parents=True, exist_ok=True)
    out = runs / lecture.name
    env = dict(os.environ, COURSE_FAST="1", COURSE_ARTIFACTS=str(runs / "artifacts"), TF_CPP_MIN_LOG_LEVEL="2")
    command = [sys.executable, "-m", "papermill", str(lecture), str(out), "-p", "FAST", "True",
               "--cwd", str(lecture.parent), "--no-progress-bar", "--execution-timeout", str(timeout)]
    print(f"  running {lecture.name} in fast mode (no run in the executions folder) ...", flush=True)
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{lecture.name} failed in fast mode; see {out}\n{done.stderr[-2000:]}")
    return out


def find_run(lecture: Path, executed: Path, runs: Path, fast: bool, timeout: int) -> Run | None:
    """The full-mode run of a lecture in executed/; with fast, else a fast-mode run (cached in runs/, or made)."""
    path = executed / lecture.name
    if path.is_file():
        return read_run(path, lecture)
    if not fast:
        return None
    cached = runs / lecture.name
    if cached.is_file():
        try:
            run = read_run(cached, lecture)
            if run.fast and run.code_current and run.text_current:
                return run
        except ValueError:
            pass  # an unfinished or failed cached run: make it again
    return read_run(run_fast(lecture, runs, timeout), lecture)


def banner(run: Run, lecture: Path) -> str:
    """What a page shows: which run, and whether the lecture changed since."""
    rebuild = f"<code>make bench NOTEBOOKS=notebooks/{lecture.name}</code> then <code>make site</code>"
    took = f", {run.minutes:.1f} min" if run.minutes is not None else ""
    when = f"finished {run.finished} UTC{took}" if run.finished else "time not recorded"
    lines = [f"{'Fast' if run.fast else 'Full'}-mode run, seed {html.escape(run.seed)} ({when}) "
             "of the instructor notebook: exercise solutions are shown."]
    if run.fast:
        lines.append("Fast mode trains on little data for few epochs: its numbers and figures are not the "
                     f"lecture's results. For the full-mode page: {rebuild}.")
    if not run.code_current:
        lines.append("This run is of an earlier version of the lecture: its code has changed since, so the "
                     f"notebook now may print other numbers and the text may differ. To refresh: {rebuild}.")
    elif not run.text_current:
        lines.append("The lecture's text has been edited since this run (its code has not): this page shows the "
                     f"text as it was run. To refresh: {rebuild}.")
    kind = "site-banner" + ("" if run.code_current and run.text_current and not run.fast else " site-warning")
    return f'<div class="{kind}">' + "".join(f"<p>{line}</p>" for line in lines) + "</div>"


def exporter() -> HTMLExporter:
    """nbconvert's lab HTML exporter: local MathJax and require.js, figures written as files next to the page."""
    c = Config()
    c.HTMLExporter.mathjax_url = f"{ASSETS}/{MATHJAX_URL}"
    c.HTMLExporter.require_js_url = f"{ASSETS}/require.js"
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.preprocessors = ["nbconvert.preprocessors.ExtractOutputPreprocessor"]
    return HTMLExporter(config=c, template_file=str(TEMPLATE))


def write_page(nb: nbformat.NotebookNode, name: str, out_dir: Path, site: dict,
               html_exporter: HTMLExporter) -> tuple[Path, list[str]]:
    """Convert one notebook to out_dir/name.html with its figures in out_dir/name_files/; return the page and them."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = text_links(cell.source)
    resources = {"metadata": {"name": site["title"]}, "unique_key": name, "output_files_dir": f"{name}_files",
                 "site": site}
    body, resources = html_exporter.from_notebook_node(nb, resources=resources)
    for filename, data in resources.get("outputs", {}).items():
        (out_dir / filename).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / filename).write_bytes(data)
    page = out_dir / f"{name}.html"
    page.write_text(body, encoding="utf-8")
    return page, sorted(resources.get("outputs", {}))


def readme_intro() -> tuple[str, str]:
    """The README's title and first paragraph."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    title = re.match(r"#\s+(.+)", text).group(1).strip()
    paragraph = text.split("\n\n")[1].strip()
    return title, paragraph


def front_page(runs: dict[str, Run]) -> nbformat.NotebookNode:
    """The README's title, first paragraph and lecture table, its links pointing at the pages."""
    title, intro = readme_intro()
    table = re.sub(r"\]\(notebooks/([^)]+)\.ipynb\)", r"](\1.html)", update_readme.render_table())
    seeds = sorted({run.seed for run in runs.values()})
    about = (f"Each page is an instructor notebook (exercise solutions included) as it ran, at seed "
             f"{', '.join(seeds)}: its text, code, printed numbers, scorecards and figures, with nothing to "
             "install or run. The pages come from the full-mode runs of `make bench` unless listed below; the "
             "table's times and headline numbers come from `benchmarks/results.json`. Each page says which run "
             "it shows.")
    earlier = [name[:2] for name, run in runs.items() if not run.code_current]
    fast = [name[:2] for name, run in runs.items() if run.fast]
    notes = []
    if earlier:
        notes.append(f"Pages of runs made on an earlier version of their lecture: {', '.join(earlier)}.")
    if fast:
        notes.append(f"Pages from fast-mode runs (not the lectures' results): {', '.join(fast)}.")
    cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\n{intro}\n\n{about}"),
             nbformat.v4.new_markdown_cell(f"## Lectures\n\n{table}" + "".join(f"\n\n{n}" for n in notes))]
    return nbformat.v4.new_notebook(cells=cells)


def check_vendor(vendor: Path) -> None:
    """Refuse, naming the fix, a vendor folder without the npm packages the pages load."""
    for package in ("mathjax/MathJax.js", "requirejs/require.js"):
        if not (vendor / package).is_file():
            raise FileNotFoundError(f"{vendor / package} is missing: `make site` installs it once with npm (the "
                                    "packages pinned in slides/package-lock.json, as for `make slides`), or pass "
                                    "--vendor")


def copy_assets(vendor: Path, out_dir: Path, html_exporter: HTMLExporter) -> None:
    """MathJax and require.js from the npm packages, JupyterLab's and the site's style sheets, into out_dir/assets."""
    assets = out_dir / ASSETS
    copy_mathjax(vendor, assets)
    copy(vendor / "requirejs" / "require.js", assets / "require.js")
    copy(STYLE, assets / "site.css")
    env = html_exporter.environment  # JupyterLab's style sheets, as the lab template would inline them in every page
    lab = "".join(env.loader.get_source(env, f"static/{name}")[0] for name in ("index.css", "theme-light.css"))
    (assets / "lab.css").write_text(lab, encoding="utf-8")


def prepare(out_dir: Path) -> None:
    """Empty a folder this script built before (never anything else), so a removed lecture leaves no page."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).is_file():
            raise FileExistsError(f"{out_dir} is not empty and was not built by this script: choose another "
                                  "--out-dir or remove it")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / MARKER).write_text("built by scripts/build_site.py; emptied on every build\n")


def build(executed: Path, runs: Path, out_dir: Path, vendor: Path, fast: bool, timeout: int,
          notebooks: Path = NOTEBOOKS) -> dict[str, list[str]]:
    """Build the site; return each page's file name and the figures written for it."""
    order = lectures(notebooks)
    if not fast and not executed.is_dir():
        raise FileNotFoundError(f"no executed lectures in {executed}: run `make bench` (every lecture in full mode), "
                                "or `make site FAST=1` to build the pages from fast-mode runs")
    missing = [lecture.name for lecture in order if not (executed / lecture.name).is_file()]
    if missing and not fast:
        raise FileNotFoundError(
            f"{executed} holds no full-mode run of {', '.join(missing)}: run `make bench NOTEBOOKS=\""
            + " ".join(f"notebooks/{name}" for name in missing)
            + "\"`, or `make site FAST=1` to build their pages from fast-mode runs")
    check_vendor(vendor)  # before any lecture runs
    found = {lecture.stem: find_run(lecture, executed, runs, fast, timeout) for lecture in order}
    prepare(out_dir)
    html_exporter = exporter()  # one for all pages: its templates are compiled once
    copy_assets(vendor, out_dir, html_exporter)
    toc = [{"href": f"{lecture.stem}.html", "number": update_readme.lecture_info(lecture)[0],
            "title": update_readme.lecture_info(lecture)[1], "current": False} for lecture in order]
    course = readme_intro()[0]
    pages: dict[str, list[str]] = {}

    def site(current: int | None, title: str, note: str = "") -> dict:
        entries = [dict(entry, current=i == current) for i, entry in enumerate(toc)]
        previous = toc[current - 1] if current else None
        following = toc[current + 1] if current is not None and current + 1 < len(toc) else None
        if current is None:
            following = toc[0]
        return {"course": course, "toc": entries, "previous": previous, "next": following, "banner": note,
                "title": title, "home": current is None}

    page, figures = write_page(front_page(found), "index", out_dir, site(None, course), html_exporter)
    pages[page.name] = figures
    for i, lecture in enumerate(order):
        run = found[lecture.stem]
        nb = nbformat.read(run.path, as_version=4)
        title = f"{toc[i]['number']} · {toc[i]['title']}"
        page, figures = write_page(nb, lecture.stem, out_dir, site(i, title, banner(run, lecture)), html_exporter)
        pages[page.name] = figures
        state = ("fast" if run.fast else "full") + " mode" + ("" if run.code_current else ", an earlier version")
        print(f"wrote {page} ({state}, {len(figures)} figures)", flush=True)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--executed", type=Path, default=EXECUTED, help="full-mode runs, NN_topic.ipynb (make bench)")
    parser.add_argument("--runs", type=Path, default=RUNS, help="where --fast keeps its fast-mode runs")
    parser.add_argument("--fast", action="store_true", help="run lectures that have no full-mode run in fast mode")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="the site (emptied and rebuilt)")
    parser.add_argument("--vendor", type=Path, default=VENDOR, help="the npm packages (node_modules folder)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds a cell of a fast-mode run may take")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        pages = build(args.executed, args.runs, args.out_dir, args.vendor, args.fast, args.timeout)
    except (FileNotFoundError, FileExistsError, ValueError) as error:
        raise SystemExit(f"make site: {error}") from None
    size = sum(f.stat().st_size for f in args.out_dir.rglob("*") if f.is_file())
    print(f"{len(pages)} pages in {args.out_dir} ({size / 2**20:.1f} MiB) in {time.perf_counter() - start:.0f} s; "
          f"open {args.out_dir / 'index.html'}")


if __name__ == "__main__":
    main()
