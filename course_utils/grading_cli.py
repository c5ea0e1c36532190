"""The grader's command line: an instructor grades one submission, or a cohort's folder of them, against a key.

``--key`` is the answer key of the cohort's own test file, written by
``python scripts/build_particles.py --seed N --out-dir DIR``; without it, the course's bundled key::

    python -m course_utils.grading submission.csv --key DIR/test_labels.csv.gz      # one report
    python -m course_utils.grading submissions/ --key DIR/test_labels.csv.gz --out scores.csv   # one row each
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from course_utils import particles
from course_utils.grading import grade, load_answer_key, load_key


def grade_folder(folder: str | Path, key: np.ndarray | None = None) -> pd.DataFrame:
    """One row per submission file in ``folder`` (``*.csv`` and ``*.csv.gz``, sorted by name).

    Columns: ``submission`` (the file name), ``accuracy``, ``macro_f1``, the recall of each species, and ``error``:
    empty for a graded file, else the reason it could not be graded (its scores are then empty).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of submissions")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith((".csv", ".csv.gz")))
    if not files:
        raise ValueError(f"{folder} holds no submission files (*.csv or *.csv.gz)")
    key = load_answer_key() if key is None else key
    rows = []
    for path in files:
        row: dict[str, object] = {"submission": path.name}
        try:
            report = grade(path, key=key)
        except (ValueError, OSError) as error:
            row["error"] = str(error)
        else:
            row.update(accuracy=report.accuracy, macro_f1=report.macro_f1, error="")
            row.update({f"recall_{particles.SPECIES_NAMES[c]}": v for c, v in report.recall.items()})
        rows.append(row)
    columns = ["submission", "accuracy", "macro_f1"] + [f"recall_{particles.SPECIES_NAMES[c]}"
                                                        for c in particles.PDG_CODES] + ["error"]
    return pd.DataFrame(rows).reindex(columns=columns)


def main(argv: list[str] | None = None) -> int:
    """Command line: grade one submission (print its report) or a folder (write or print one table)."""
    parser = argparse.ArgumentParser(prog="python -m course_utils.grading", description=__doc__.splitlines()[0])
    parser.add_argument("submission", type=Path, help="a submission CSV (row,id), or a folder of them")
    parser.add_argument("--key", type=Path, help="the answer key (row,id); default: the course's bundled test file")
    parser.add_argument("--out", type=Path, help="folder mode: write the table of scores to this CSV file")
    args = parser.parse_args(argv)
    try:
        key = load_key(args.key) if args.key else None
        if args.submission.is_dir():
            table = grade_folder(args.submission, key=key)
            if args.out:
                table.to_csv(args.out, index=False)
                print(f"wrote {args.out}: {len(table)} submissions, {(table['error'] != '').sum()} not graded")
            else:
                print(table.drop(columns="error").to_string(index=False, float_format="%.4f"))
            for name, error in zip(table["submission"], table["error"], strict=True):
                if error:
                    print(f"not graded: {name}: {error}", file=sys.stderr)
            return 1 if (table["error"] != "").any() else 0
        print(grade(args.submission, key=key).summary())
        return 0
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
