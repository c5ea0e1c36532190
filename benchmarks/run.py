"""Run notebooks in full mode with papermill and record wall time, peak memory and scorecards.

Usage:
    python benchmarks/run.py notebooks/01_discriminative_vs_generative.ipynb ...
    python benchmarks/run.py notebooks/08_dcgan.ipynb --seeds 1 2 3   # one entry per seed

Writes benchmarks/results.json (entries keyed by notebook stem, or ``stem@seed=N``; earlier
entries are kept) and regenerates BENCHMARKS.md from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
REPORT = ROOT / "BENCHMARKS.md"
OUT_DIR = ROOT / "build" / "bench"


def machine() -> str:
    """One line describing this machine: CPU model and its widest vector unit, cores, memory, Python.

    Hosts that all call themselves "AMD EPYC" differ in speed: lecture 08's DCGAN trained at 845 images/s in the
    runs of 2026-11-21 and at 329 images/s on 2026-11-27 with the same training step, while TensorFlow 2.20 and
    2.21 time that step alike on one host (116-126 ms per batch of 32, one thread). The vector unit tells such
    hosts apart.
    """
    cpu, vector = platform.processor() or platform.machine(), "unknown vector unit"
    try:
        info = Path("/proc/cpuinfo").read_text()
        for line in info.splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                vector = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 2**20:.0f} GiB"
    except OSError:
        memory = "unknown memory"
    system = f"{platform.system()}, Python {platform.python_version()}"
    return f"{cpu} ({vector}), {os.cpu_count()} cores, {memory}, {system}"


FAST_BLOCK = re.compile(r"^(?P<indent>[ \t]*)if FAST:[ \t]*(#.*)?$")
COLAB_BLOCK = re.compile(r"^(?P<indent>[ \t]*)if \"google\.colab\" in sys\.modules:[ \t]*(#.*)?$")


def full_mode_code(source: str) -> str:
    """A code cell's source without the bodies of its ``if FAST:`` blocks and of its Colab-only blocks (``if
    "google.colab" in sys.modules:``, the install line): the lines a full-mode run here can execute.

    Only the block form (the ``if`` alone on its line, with an optional comment) is left out, with every following
    line indented deeper; anything else that mentions FAST (``x = 1 if FAST else 2``, ``if not FAST:``) is kept.
    """
    kept, block_indent = [], None
    for line in source.splitlines():
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue  # inside a fast-mode block
        block_indent = None
        match = FAST_BLOCK.match(line) or COLAB_BLOCK.match(line)
        if match:
            block_indent = len(match["indent"])
            continue
        kept.append(line)
    return "\n".join(kept)


def without_comments(source: str) -> str:
    """Python source with its ``#`` comments and then-empty lines removed: a comment changes no number a run produces.

    Source that does not tokenize as Python (an IPython magic, say) is returned unchanged.
    """
    lines = source.splitlines()
    try:
        comments = [token.start for token in tokenize.generate_tokens(io.StringIO(source).readline)
                    if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return source
    for row, col in comments:
        lines[row - 1] = lines[row - 1][:col].rstrip()
    return "\n".join(line for line in lines if line.strip())


def notebook_version(notebook: Path) -> str:
    """A short hash of the code a full-mode run executes: a result belongs to the computation it was measured on.

    Markdown and ``#`` comments are left out (editing the prose changes no number a run produces), and so are the
    bodies of ``if FAST:`` and Colab-only blocks (neither runs in a full-mode run here): none of these edits makes
    a full-mode result earlier.
    """
    cells = json.loads(notebook.read_text())["cells"]
    code = [without_comments(full_mode_code("".join(cell["source"]))) for cell in cells if cell["cell_type"] == "code"]
    content = json.dumps(code)
    return hashlib.sha256(content.encode()).hexdigest()[:12]


def run_one(notebook: Path, seed: int | None, artifacts: Path) -> dict:
    """Execute one notebook in this process (called in a fresh child) and measure it."""
    import papermill

    version = notebook_version(notebook)  # before the run: the file may change while it trains
    parameters: dict = {"FAST": False}
    if seed is not None:
        parameters["SEED"] = seed
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    suffix = "" if seed is None else f"@seed={seed}"
    load_before = os.getloadavg()[0]
    loads = [load_before]
    done = threading.Event()

    def watch_load() -> None:  # runs started together all see a quiet machine at the start
        while not done.wait(5.0):
            loads.append(os.getloadavg()[0])

    watcher = threading.Thread(target=watch_load, daemon=True)
    watcher.start()
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook), str(OUT_DIR / f"{notebook.stem}{suffix}.ipynb"),
            parameters=parameters, cwd=str(notebook.parent), progress_bar=False,
        )
    finally:
        done.set()
        watcher.join()
    wall = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    scorecard_path = artifacts / notebook.stem / "scorecard.json"
    scorecard = json.loads(scorecard_path.read_text()) if scorecard_path.is_file() else {}
    entry = {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(peak_kb / 1024), "mode": "full",
             "load_before": round(load_before, 2), "load_max": round(max(loads), 2)}
    if seed is not None:
        entry["seed"] = seed
    entry.update({"date": dt.date.today().isoformat(), "machine": machine(), "notebook_version": version})
    entry.update(scorecard)
    return entry


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


SKIP = {"wall_s", "cpu_s", "peak_rss_mb", "mode", "load_before", "load_max", "seed", "date", "machine",
        "notebook_version"}


def version_cell(key: str, entry: dict) -> str:
    """'current' when the entry was measured on the notebook as it is now, else 'earlier'."""
    notebook = ROOT / "notebooks" / f"{key.split('@')[0]}.ipynb"
    if not notebook.is_file():
        return "removed"
    return "current" if entry.get("notebook_version") == notebook_version(notebook) else "earlier"


def load_cell(entry: dict) -> str:
    """'start / max' 1-minute load averages of a run (older entries recorded only the start)."""
    if "load_before" not in entry:
        return "n/a"
    peak = f"{entry['load_max']:.1f}" if "load_max" in entry else "n/a"
    return f"{entry['load_before']:.1f} / {peak}"


#: The image generators compared side by side: (notebook stem, scorecard field prefix, model, field of the training's
#: CPU-seconds, field of the CPU-seconds per 1,000 sampled digits). A field a lecture does not record shows as "n/a".
MODELS = [
    ("04_variational_autoencoders", "", "VAE (04)", None, None),
    ("08_dcgan", "", "DCGAN, weight-averaged generator (08)", "train_cpu_seconds", "sample_cpu_seconds_per_1000"),
    ("12_normalizing_flows", "", "RealNVP, T = 1 (12)", None, None),
    ("13_diffusion_models", "", "DDPM, pixel U-Net, 100 ancestral steps (13)", "train_cpu_seconds",
     "sample_cpu_seconds_per_1000"),
    ("14_flow_matching", "pixel_", "rectified flow, pixel U-Net, 20 Euler steps (14)", "pixel_train_cpu_seconds",
     "pixel_sample_cpu_seconds_per_1000"),
    ("14_flow_matching", "", "latent flow matching, 30 Euler steps (14)", "latent_train_cpu_seconds",
     "latent_sample_cpu_seconds_per_1000"),
]


def models_table(results: dict) -> list[str]:
    """One row per image generator and seed: its sample scores and, where recorded, its CPU-seconds."""
    lines = [
        "## Image generators side by side",
        "",
        "One row per model and seed, from the rows above (`MODELS` in `benchmarks/run.py`): the evaluator's scores of "
        "the model's scorecard samples, and the CPU-seconds of its training and of sampling 1,000 digits where the "
        "lecture records them. Compare Fréchet distances at equal sample counts only; rows measured on different "
        "machines (see each row's `machine` in `results.json`) differ in speed.",
        "",
        "| model | seed | version | samples | recognisable | classes | Fréchet distance | training CPU (s) "
        "| sampling CPU per 1,000 (s) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for stem, prefix, model, train_field, sample_field in MODELS:
        for key in sorted(k for k in results if k.split("@")[0] == stem):
            entry = results[key]
            if f"{prefix}frechet_distance" not in entry:
                continue
            seed = entry.get("seed", 42)
            samples = entry.get(f"{prefix}n_samples", "n/a")
            cells = [_fmt(entry[f"{prefix}{name}"]) if f"{prefix}{name}" in entry else "n/a"
                     for name in ("recognisable_rate", "mode_coverage", "frechet_distance")]
            times = [_fmt(entry[field]) if field and field in entry else "n/a" for field in (train_field, sample_field)]
            row = [model, str(seed), version_cell(key, entry), str(samples), *cells, *times]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def write_report(results: dict) -> None:
    """Regenerate BENCHMARKS.md from all results."""
    machines = sorted({entry.get("machine", "?") for entry in results.values()})
    dates = sorted({entry.get("date", "?") for entry in results.values()})
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {'; '.join(machines)}  ",
        f"Date: {', '.join(dates)}  ",
        "Command: `make bench` (full mode: `papermill NB OUT -p FAST False`, one notebook per fresh process; "
        "peak RSS is the largest process, i.e. the notebook's kernel; CPU time is the kernel's user + system time; "
        "load is the 1-minute load average when the run started and the highest one sampled every 5 s during it "
        "(older rows: start only). One full run alone peaks at about 2.7; well above that another job shared "
        "the 2 cores and the wall time is inflated).",
        "Raw numbers: `benchmarks/results.json`.",
        "",
        "Version: `current` when the row was measured on the notebook's code as it is now (a hash of its code cells), "
        "`earlier` when the notebook changed since; an earlier row's numbers describe that earlier version.",
        "",
        "| notebook | version | mode | wall time (s) | CPU time (s) | load (start / max) | peak RSS (MB) "
        "| headline numbers (scorecard) |",
        "|---|---|---|---:|---:|---:|---:|---|",
    ]
    for key in sorted(results):
        entry = results[key]
        numbers = "; ".join(f"{k} = {_fmt(v)}" for k, v in entry.items() if k not in SKIP)
        cpu = f"{entry['cpu_s']:.0f}" if "cpu_s" in entry else "n/a"
        load = load_cell(entry)
        wall, rss = f"{entry['wall_s']:.0f}", entry["peak_rss_mb"]
        version = version_cell(key, entry)
        lines.append(f"| {key} | {version} | {entry['mode']} | {wall} | {cpu} | {load} | {rss} | {numbers} |")
    lines += [""] + models_table(results)
    REPORT.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description="Full-mode notebook benchmarks.")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--seeds", nargs="+", type=int, help="run each notebook once per seed")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report-only", action="store_true", help="only regenerate BENCHMARKS.md from results.json")
    args = parser.parse_args()
    if args.report_only:
        write_report(json.loads(RESULTS.read_text()))
        return
    if args.one:  # child process: run one notebook and print its entry
        print(json.dumps(run_one(args.one.resolve(), args.seed, args.artifacts)))
        return
    if not args.notebooks:
        parser.error("name at least one notebook, e.g. notebooks/01_discriminative_vs_generative.ipynb")
    missing = [str(nb) for nb in args.notebooks if not nb.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    for notebook in args.notebooks:
        for seed in args.seeds or [None]:
            key = notebook.stem if seed is None else f"{notebook.stem}@seed={seed}"
            artifacts = ROOT / "artifacts" if seed is None else ROOT / "artifacts" / "seeds" / f"seed={seed}"
            env = dict(os.environ, COURSE_FAST="0", COURSE_ARTIFACTS=str(artifacts), TF_CPP_MIN_LOG_LEVEL="2")
            command = [sys.executable, __file__, "--one", str(notebook), "--artifacts", str(artifacts)]
            if seed is not None:
                command += ["--seed", str(seed)]
            print(f"running {key} in full mode ...", flush=True)
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                sys.stderr.write(done.stderr[-3000:])
                raise SystemExit(f"{key} failed; see build/bench/{key}.ipynb")
            entry = json.loads(done.stdout.strip().splitlines()[-1])
            (OUT_DIR / f"{key}.json").write_text(json.dumps(entry, indent=2) + "\n")  # a copy per run
            print(f"  {entry['wall_s']:.0f} s, {entry['peak_rss_mb']} MB", flush=True)
            results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}  # other runs may have written
            results[key] = entry
            RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")  # fields in scorecard order
            write_report(results)


if __name__ == "__main__":
    main()
