"""Regenerate the README's lecture table from notebooks/ and benchmarks/results.json.

Usage: python scripts/update_readme.py [--check]
The table sits between the markers below; tests/test_readme.py fails when it has drifted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results.json"
START, END = "<!-- lecture-table:start -->", "<!-- lecture-table:end -->"
HEADLINE_FIELDS = 3
BUSY_LOAD = 2.5  # load above which a run shared the 2 cores (a run alone, or just after another, gives ~2)
BUSY_PEAK = 3.0  # the highest load sampled during a run alone is about 2.7 (BENCHMARKS.md)


def lecture_info(notebook: Path) -> tuple[str, str, str]:
    """Number, title and one-sentence summary from a notebook's title cell."""
    cells = json.loads(notebook.read_text())["cells"]
    text = "".join(cells[0]["source"])
    match = re.match(r"#\s*(\d+)\s*·\s*(.+)", text)
    if not match:
        raise ValueError(f"{notebook.name}: the first cell must start with '# NN · Title'")
    paragraph = next((p.strip() for p in text.split("\n\n")[1:] if p.strip() and not p.startswith("[![")), "")
    sentence = re.split(r"(?<=[.!?])\s", paragraph.replace("\n", " "))[0]
    return match.group(1), match.group(2).strip(), sentence


def headline(entry: dict) -> str:
    skip = {"wall_s", "cpu_s", "peak_rss_mb", "mode", "load_before", "load_max", "seed", "date", "machine",
            "notebook_version"}
    items = [(k, v) for k, v in entry.items() if k not in skip and isinstance(v, (int, float))][:HEADLINE_FIELDS]
    return ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in items)


def run_time(entry: dict) -> str:
    """Wall time of a full run; for a run measured while other jobs shared the cores, its CPU time too."""
    wall = f"{entry['wall_s'] / 60:.1f} min"
    load = max(entry.get("load_before", 0.0), entry.get("load_max") or 0.0)  # the highest load seen during the run
    shared = entry.get("load_before", 0.0) > BUSY_LOAD or (entry.get("load_max") or 0.0) > BUSY_PEAK
    if shared and "cpu_s" in entry:
        return f"{wall} on a shared machine (load {load:.0f}; {entry['cpu_s'] / 60:.1f} min CPU)"
    return wall


def _notebook_version(notebook: Path) -> str:
    """The hash benchmarks/run.py stores with each result (``notebook_version``)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.notebook_version(notebook)


def render_table() -> str:
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    rows = [
        "| # | Lecture | What it teaches | Full mode, 2-core CPU | Headline numbers (full mode) |",
        "|---|---|---|---|---|",
    ]
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        number, title, summary = lecture_info(notebook)
        entry = results.get(notebook.stem)
        if entry and entry.get("notebook_version") != _notebook_version(notebook):
            time, numbers = "not measured since the lecture last changed", ""
        else:
            time = run_time(entry) if entry else "not measured yet"
            numbers = headline(entry) if entry else ""
        rows.append(f"| {number} | [{title}](notebooks/{notebook.name}) | {summary} | {time} | {numbers} |")
    return "\n".join(rows)


def updated_readme(text: str) -> str:
    if START not in text or END not in text:
        raise ValueError(f"README.md lacks the markers {START} … {END}")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_table()}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the README's table is out of date")
    args = parser.parse_args()
    current = README.read_text()
    new = updated_readme(current)
    if args.check:
        sys.exit(0 if new == current else "README lecture table is out of date: run `make readme`")
    README.write_text(new)
    print("README lecture table updated")


if __name__ == "__main__":
    main()
