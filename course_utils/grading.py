"""Grade a particle-identification submission against the hidden labels of the course's test file.

A submission is a CSV path or DataFrame with columns ``row,id`` (``row`` = the test file's row key, ``id`` = the
predicted PDG code), or a 1-D array of predicted PDG codes in test-file order. Anything malformed raises a
``ValueError`` that says what is wrong and how to fix it, never a silently wrong score.

From the command line: ``python -m course_utils.grading SUBMISSION --key KEY`` (see ``grading_cli``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from course_utils import datasets, particles

SUBMISSION_COLUMNS = ("row", "id")


@dataclass(frozen=True, eq=False)
class GradeReport:
    """Scores of one submission; the confusion matrix has rows = true, columns = predicted, in PDG_CODES order."""

    accuracy: float
    macro_f1: float
    precision: dict[int, float]
    recall: dict[int, float]
    f1: dict[int, float]
    confusion: np.ndarray
    n: int

    def summary(self) -> str:
        """A plain-text table: accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix."""
        names = [particles.SPECIES_NAMES[code] for code in particles.PDG_CODES]
        lines = [f"accuracy {self.accuracy:.4f}   macro-F1 {self.macro_f1:.4f}   ({self.n:,} tracks)", "",
                 f"{'class':<10}{'precision':>10}{'recall':>8}{'F1':>8}"]
        for code, name in zip(particles.PDG_CODES, names, strict=True):
            lines.append(f"{name:<10}{self.precision[code]:>10.3f}{self.recall[code]:>8.3f}{self.f1[code]:>8.3f}")
        lines += ["", "confusion (rows: true, columns: predicted)", f"{'':<10}" + "".join(f"{n:>10}" for n in names)]
        for name, row in zip(names, self.confusion, strict=True):
            lines.append(f"{name:<10}" + "".join(f"{v:>10,}" for v in row))
        return "\n".join(lines)


def _labels(values: object, what: str) -> np.ndarray:
    """Predicted labels as int64 PDG codes, or a ValueError naming NaNs, non-integers or unknown codes."""
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{what} must be 1-D (one PDG code per test track); got shape {array.shape}")
    missing = np.flatnonzero(pd.isna(array))
    if missing.size:
        raise ValueError(f"{what} has {missing.size} missing values (NaN), first at positions "
                         f"{missing[:5].tolist()}; predict a PDG code for every test track")
    numeric = pd.to_numeric(pd.Series(array, dtype=object), errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(numeric) | (numeric != np.round(numeric)) | (array.dtype == bool))
    if bad.size:
        raise ValueError(f"{what} has non-integer labels, e.g. {array[bad[:3]].tolist()} at positions "
                         f"{bad[:3].tolist()}; labels must be integer PDG codes {particles.PDG_CODES} "
                         "(map names to codes with {name: code for code, name in SPECIES_NAMES.items()})")
    codes = numeric.astype(np.int64)
    unknown = sorted(set(np.unique(codes).tolist()) - set(particles.PDG_CODES))
    if unknown:
        hint = " (these look like class indices: map index i to PDG_CODES[i])" if set(unknown) <= {0, 1, 2, 3} else ""
        raise ValueError(f"{what} has unknown labels {unknown}{hint}; allowed PDG codes are {particles.PDG_CODES}")
    return codes


def _from_frame(frame: pd.DataFrame, n: int) -> np.ndarray:
    """Predicted codes from a ``row,id`` frame, after checking its columns, row keys and order."""
    columns = [str(c) for c in frame.columns]
    missing = [c for c in SUBMISSION_COLUMNS if c not in columns]
    extra = [c for c in columns if c not in SUBMISSION_COLUMNS]
    if missing or extra or len(columns) != len(set(columns)):
        raise ValueError(f"submission must have exactly the columns {list(SUBMISSION_COLUMNS)}; missing {missing}, "
                         f"extra {extra}, got {columns}. Build it as pd.DataFrame({{'row': test['row'], 'id': pred}})")
    if len(frame) != n:
        raise ValueError(f"submission has {len(frame):,} rows but the test file has {n:,}; predict every test track")
    rows = frame["row"].to_numpy()
    if pd.isna(frame["row"]).any() or not np.issubdtype(rows.dtype, np.number) or (rows != np.round(rows)).any():
        raise ValueError("column `row` must hold the test file's integer row keys 0..N-1, with no NaNs")
    duplicated = np.unique(rows[pd.Series(rows).duplicated().to_numpy()])
    if duplicated.size:
        raise ValueError(f"rows {duplicated[:5].tolist()} appear more than once; give one prediction per test row")
    if set(rows.astype(np.int64).tolist()) != set(range(n)):
        raise ValueError(f"row keys must be exactly 0..{n - 1} (the test file's `row` column); some are missing "
                         "or out of range")
    if (rows != np.arange(n)).any():
        raise ValueError("rows are not in test-file order; sort by `row` (submission.sort_values('row'))")
    return _labels(frame["id"], "column `id`")


def _read_csv(path: Path) -> pd.DataFrame:
    """A submission file as a frame, or a ValueError naming the file and how to write a readable one."""
    how = "write it with frame.to_csv(path, index=False): plain UTF-8 text with a header line `row,id`"
    if path.read_bytes()[:2] == b"\x1f\x8b" and not path.name.endswith(".gz"):
        raise ValueError(f"{path} is gzip-compressed but named {path.suffix or 'without .gz'}; name it {path.name}.gz "
                         f"or {how}")
    try:
        return pd.read_csv(path)
    except pd.errors.EmptyDataError as error:
        raise ValueError(f"{path} is empty; {how}") from error
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise ValueError(f"{path} is not readable as a CSV file ({type(error).__name__}); {how}") from error


def load_key(path: str | Path) -> np.ndarray:
    """True PDG codes from an answer-key file (``row,id`` in row order, as ``scripts/build_particles.py`` writes)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"answer key {path} does not exist; write a cohort's key with "
                                f"{particles.REBUILD} --seed N --out-dir DIR (it is DIR/test_labels.csv.gz)")
    try:
        key = pd.read_csv(path)
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError, OSError) as error:
        raise ValueError(f"answer key {path} is not readable as a CSV file ({type(error).__name__})") from error
    if list(key.columns) != list(SUBMISSION_COLUMNS) or (key["row"].to_numpy() != np.arange(len(key))).any():
        raise ValueError(f"{path} is not a row,id answer key in row order. Rebuild it with: {particles.REBUILD}")
    return _labels(key["id"].to_numpy(), f"answer key {path}")


def load_answer_key() -> np.ndarray:
    """True PDG codes of the test file, in row order (the grader's key: students should not open it)."""
    return load_key(datasets.verified_path(particles.DATA_FILES["test_labels"], particles.DATA_SHA256["test_labels"],
                                           particles.REBUILD))


def score(y_true: np.ndarray, y_pred: np.ndarray) -> GradeReport:
    """Accuracy, macro-F1, per-class precision/recall/F1 and confusion matrix of two arrays of PDG codes.

    Use it on a validation split of the training file; ``grade`` scores the test file. Macro-F1 averages the
    classes that occur in ``y_true`` or ``y_pred`` (as scikit-learn does); a class in neither gets NaN scores.
    """
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError(f"y_true and y_pred must be non-empty and of one length, got {len(y_true)} and {len(y_pred)}")
    codes = np.array(particles.PDG_CODES)
    order = np.argsort(codes)  # codes[order] is sorted, so order[searchsorted(...)] indexes PDG_CODES
    true_index, pred_index = (order[np.searchsorted(codes[order], y)] for y in (y_true, y_pred))
    k = codes.size
    confusion = np.bincount(true_index * k + pred_index, minlength=k * k).reshape(k, k)
    hits = np.diag(confusion).astype(float)
    precision = np.divide(hits, confusion.sum(0), out=np.zeros(k), where=confusion.sum(0) > 0)
    recall = np.divide(hits, confusion.sum(1), out=np.zeros(k), where=confusion.sum(1) > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=precision + recall > 0)
    present = (confusion.sum(0) + confusion.sum(1)) > 0  # a class in neither truth nor prediction has no F1
    precision, recall, f1 = (np.where(present, v, np.nan) for v in (precision, recall, f1))
    return GradeReport(accuracy=float(hits.sum() / len(y_true)), macro_f1=float(f1[present].mean()),
                       precision=_per_class(precision), recall=_per_class(recall), f1=_per_class(f1),
                       confusion=confusion, n=len(y_true))


def _per_class(values: np.ndarray) -> dict[int, float]:
    return {int(code): float(v) for code, v in zip(particles.PDG_CODES, values, strict=True)}


def grade(submission: str | Path | pd.DataFrame | pd.Series | np.ndarray | list,
          key: np.ndarray | None = None) -> GradeReport:
    """Score a submission of predicted PDG codes for the test file.

    Args:
        submission: a CSV path or DataFrame with columns ``row,id``, or a 1-D array (or Series with the default
            index) of PDG codes in test-file order.
        key: true PDG codes in test-file order; by default the course's hidden answer key.
    Returns:
        A ``GradeReport`` (print ``report.summary()`` for a table).
    """
    key = load_answer_key() if key is None else _labels(key, "key")
    if isinstance(submission, (str, Path)):
        path = Path(submission)
        if path.is_dir():
            raise ValueError(f"{path} is a folder; give the path of the submission's CSV file inside it")
        if not path.is_file():
            raise FileNotFoundError(f"submission file {path} does not exist; write it with frame.to_csv(path, "
                                    "index=False)")
        submission = _read_csv(path)
    if isinstance(submission, pd.Series) and not submission.index.equals(pd.RangeIndex(len(submission))):
        raise ValueError("submission is a pandas Series whose index is not 0..N-1, so its order is unclear; pass "
                         "pd.DataFrame({'row': test['row'], 'id': predictions}), or series.to_numpy() if it is "
                         "already in test-file order")
    if isinstance(submission, pd.DataFrame):
        predicted = _from_frame(submission, len(key))
    else:
        predicted = _labels(submission, "submission")
        if len(predicted) != len(key):
            raise ValueError(f"submission has {len(predicted):,} predictions but the test file has {len(key):,} "
                             "rows; predict every test track, in test-file order")
    return score(key, predicted)



def check_submission(submission: str | Path | pd.DataFrame, test: pd.DataFrame) -> str:
    """Check a submission's format against the test file it answers, without the answer key (a student's last step).

    Args:
        submission: the ``row,id`` CSV file (or frame) to hand in.
        test: the test file as loaded (its ``row`` column is the key each prediction must name).
    Returns:
        One line to read before handing in: how many predictions and the predicted share of each species.
    Raises:
        ValueError: the same reasons the grader would refuse the file for.
    """
    if "row" not in test.columns:
        raise ValueError("test must be the test file as loaded (with its `row` column), e.g. from load_particles()")
    if isinstance(submission, (str, Path)):
        path = Path(submission)
        if not path.is_file():
            raise FileNotFoundError(f"submission file {path} does not exist; write it with frame.to_csv(path, "
                                    "index=False)")
        submission = _read_csv(path)
    if (test["row"].to_numpy() != np.arange(len(test))).any():
        raise ValueError("the test file's `row` column is not 0..N-1 in order: reload it, do not shuffle it")
    predicted = _from_frame(submission, len(test))
    shares = ", ".join(f"{name} {np.mean(predicted == code):.1%}" for code, name in particles.SPECIES_NAMES.items())
    return f"ready to hand in: {len(predicted):,} predictions for {len(test):,} test tracks; predicted {shares}"


if __name__ == "__main__":  # python -m course_utils.grading: the instructor's command line
    from course_utils.grading_cli import main

    sys.exit(main())
