"""Build data/particles/ (train, test and the grader's answer key) from the course's simulator, byte for byte.

The rows come from ``course_utils.particles.simulate(N_TRAIN + N_TEST, SEED)``: the first N_TRAIN rows are the
training file (with labels), the rest the test file (labels replaced by a row key; the labels go to the answer
key that ``course_utils.grading`` reads). Files are gzipped CSV with fixed number formatting and gzip headers
without timestamps, so running this again reproduces the committed bytes (same NumPy version).

A cohort's own data: with ``--seed`` (any seed but the course's) the same simulator writes a new train file, test
file and answer key, so the answer key in the public repository is no use to that cohort's students. Hand out
``train.csv.gz`` and ``test.csv.gz`` only (students load them with ``particles.load_particles(folder)``); keep
``test_labels.csv.gz``, ``provenance.json`` and the seed private (the seed regenerates the key), and grade with
``python -m course_utils.grading SUBMISSIONS --key DIR/test_labels.csv.gz``.

Usage:
    python scripts/build_particles.py                  # writes data/particles/
    python scripts/build_particles.py --out-dir /tmp/x # writes elsewhere (the reproducibility test does this)
    python scripts/build_particles.py --seed 7311 --out-dir cohort-2027   # a cohort's private files
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_utils import particles  # noqa: E402

FLOAT_FORMAT = "%.6g"


def split_frames(frame: pd.DataFrame, n_train: int) -> dict[str, pd.DataFrame]:
    """The train file (with `id`), the test file (`row` key instead of `id`) and the answer key (`row`, `id`)."""
    test = frame.iloc[n_train:].reset_index(drop=True)
    rows = np.arange(len(test), dtype=np.int64)
    return {
        "train": frame.iloc[:n_train].reset_index(drop=True),
        "test": pd.concat([pd.Series(rows, name="row"), test.drop(columns="id")], axis=1),
        "test_labels": pd.DataFrame({"row": rows, "id": test["id"].to_numpy()}),
    }


def write_csv_gz(frame: pd.DataFrame, path: Path) -> str:
    """Write a gzipped CSV that is byte-identical across runs (no timestamp or name in the gzip header)."""
    text = frame.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n").encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as archive:
        archive.write(text)
    path.write_bytes(buffer.getvalue())
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="where to write the files (default: data/particles/, the course's bundled files; "
                             "required with --seed)")
    parser.add_argument("--seed", type=int, default=particles.DATA_SEED,
                        help=f"simulator seed (default {particles.DATA_SEED}, the bundled files); another seed makes a "
                             "cohort's private train/test/answer-key files")
    args = parser.parse_args()
    cohort = args.seed != particles.DATA_SEED
    if args.seed < 0:
        parser.error(f"--seed must be a whole number >= 0, got {args.seed}")
    if cohort and args.out_dir is None:
        parser.error("--seed needs --out-dir: a cohort's files must not overwrite the course's bundled data/particles/")
    args.out_dir = args.out_dir or ROOT / "data" / "particles"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    frame = particles.simulate(particles.N_TRAIN + particles.N_TEST, args.seed)
    files = {}
    for name, part in split_frames(frame, particles.N_TRAIN).items():
        path = args.out_dir / Path(particles.DATA_FILES[name]).name
        files[name] = {"file": particles.DATA_FILES[name], "rows": len(part), "columns": list(part.columns),
                       "sha256": write_csv_gz(part, path), "bytes": path.stat().st_size}
    provenance = {
        "content": "Simulated particle-identification tracks (a stand-in for the public pid-5M file), calibrated "
                   "to pid-5M's published statistics; see README.md",
        "generator": f"course_utils.particles.simulate(n={particles.N_TRAIN + particles.N_TEST}, "
                     f"seed={args.seed})",
        "split": f"first {particles.N_TRAIN} rows -> train, the remaining {particles.N_TEST} -> test",
        "float_format": FLOAT_FORMAT, "numpy": np.__version__, "pandas": pd.__version__,
        "files": files, "rebuild": particles.REBUILD,
    }
    (args.out_dir / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    for name, entry in files.items():
        print(f"wrote {args.out_dir / Path(entry['file']).name}: {entry['rows']} rows, sha256 {entry['sha256']}")
        if not cohort and entry["sha256"] != particles.DATA_SHA256[name]:
            print(f"NOTE: differs from course_utils.particles.DATA_SHA256[{name!r}]; update it.")


if __name__ == "__main__":
    main()
