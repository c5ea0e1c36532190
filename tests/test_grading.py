"""The particle-ID grader: correct scores, and a clear ValueError for every malformed submission."""

import gzip
import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score

from course_utils import config, grading, particles

CODES = list(particles.PDG_CODES)


@pytest.fixture(scope="module")
def key():
    rng = np.random.default_rng(0)
    return rng.choice(CODES, size=2000, p=[0.01, 0.55, 0.05, 0.39])


def frame(predicted, rows=None):
    rows = np.arange(len(predicted)) if rows is None else rows
    return pd.DataFrame({"row": rows, "id": predicted})


def test_perfect_submission_scores_one(key):
    report = grading.grade(key.copy(), key=key)
    assert report.accuracy == 1.0 and report.macro_f1 == 1.0
    assert all(v == 1.0 for v in report.precision.values()) and all(v == 1.0 for v in report.recall.values())
    np.testing.assert_array_equal(np.diag(report.confusion), [np.sum(key == c) for c in CODES])
    assert report.confusion.sum() == report.n == len(key)


def test_constant_pion_submission_scores_the_pion_share(key):
    report = grading.grade(np.full(len(key), 211), key=key)
    assert report.accuracy == pytest.approx(np.mean(key == 211))
    assert report.recall[211] == 1.0 and report.recall[2212] == 0.0 and report.precision[-11] == 0.0
    assert report.macro_f1 < 0.25
    assert (report.confusion[:, CODES.index(211)] == [np.sum(key == c) for c in CODES]).all()


def test_scores_match_scikit_learn(key):
    rng = np.random.default_rng(1)
    predicted = np.where(rng.random(len(key)) < 0.7, key, rng.choice(CODES, size=len(key)))
    report = grading.grade(frame(predicted), key=key)
    np.testing.assert_array_equal(report.confusion, confusion_matrix(key, predicted, labels=CODES))
    assert report.macro_f1 == pytest.approx(f1_score(key, predicted, labels=CODES, average="macro"))
    assert list(report.precision.values()) == pytest.approx(precision_score(key, predicted, labels=CODES, average=None))
    assert list(report.recall.values()) == pytest.approx(recall_score(key, predicted, labels=CODES, average=None))
    text = report.summary()
    assert "macro-F1" in text and "positron" in text and "confusion" in text


def test_csv_path_and_integral_floats_are_accepted(key, tmp_path):
    path = tmp_path / "submission.csv"
    frame(key).to_csv(path, index=False)
    assert grading.grade(path, key=key).accuracy == 1.0
    assert grading.grade(str(path), key=key).accuracy == 1.0
    assert grading.grade(key.astype(float), key=key).accuracy == 1.0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda k: k[:-1], r"1,999 predictions but the test file has 2,000"),
        (lambda k: frame(k[:-5]), r"1,995 rows but the test file has 2,000"),
        (lambda k: np.where(k == 321, 999, k), r"unknown labels \[999\]"),
        (lambda k: np.array([CODES.index(c) for c in k]), r"unknown labels \[0, 1, 2, 3\].*class indices"),
        (lambda k: np.where(k == 211, np.nan, k.astype(float)), r"missing values \(NaN\)"),
        (lambda k: frame(np.where(k == 211, np.nan, k)), r"column `id` has .* missing values"),
        (lambda k: k + 0.5, r"non-integer labels"),
        (lambda k: np.array([particles.SPECIES_NAMES[c] for c in k]), r"non-integer labels.*positron|non-integer"),
        (lambda k: pd.DataFrame({"id": k}), r"missing \['row'\]"),
        (lambda k: pd.DataFrame({"row": np.arange(len(k)), "label": k}), r"missing \['id'\], extra \['label'\]"),
        (lambda k: frame(k).assign(proba=0.5), r"extra \['proba'\]"),
        (lambda k: frame(k, rows=np.arange(len(k))[::-1]), r"rows are not in test-file order; sort by `row`"),
        (lambda k: frame(k, rows=np.r_[0, np.arange(len(k) - 1)]), r"rows \[0\] appear more than once"),
        (lambda k: frame(k, rows=np.arange(len(k)) + 1), r"row keys must be exactly 0\.\.1999"),
        (lambda k: frame(k, rows=np.r_[np.nan, np.arange(1, len(k))]), r"`row` must hold .* integer row keys"),
        (lambda k: np.stack([k, k]), r"must be 1-D"),
    ],
)
def test_malformed_submissions_raise_clear_errors(key, make, message):
    with pytest.raises(ValueError, match=message):
        grading.grade(make(key), key=key)


def test_score_checks_its_inputs(key):
    assert grading.score(key, key).accuracy == 1.0
    with pytest.raises(ValueError, match=r"unknown labels \[13\]"):
        grading.score(key, np.where(key == 211, 13, key))
    with pytest.raises(ValueError, match="one length"):
        grading.score(key, key[:-1])


def test_missing_submission_file(key, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        grading.grade(tmp_path / "nope.csv", key=key)


def test_default_key_is_the_bundled_answer_key():
    _, test = particles.load_particles()
    key = grading.load_answer_key()
    assert len(key) == len(test) == particles.N_TEST and set(np.unique(key)) == set(CODES)
    report = grading.grade(pd.DataFrame({"row": test["row"], "id": key}))
    assert report.accuracy == 1.0
    constant = grading.grade(np.full(len(test), 211))
    assert constant.accuracy == pytest.approx(np.mean(key == 211)) and constant.macro_f1 < 0.25


def test_altered_answer_key_is_rejected(tmp_path, monkeypatch):
    shutil.copytree(config.data_dir() / "particles", tmp_path / "particles")
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    path = tmp_path / "particles" / "test_labels.csv.gz"
    path.write_bytes(path.read_bytes()[:-4])
    with pytest.raises(ValueError, match=r"test_labels\.csv\.gz.*corrupt.*scripts/build_particles\.py"):
        grading.grade(np.full(particles.N_TEST, 211))


def test_macro_f1_averages_only_classes_that_occur():
    """Two classes, all correct: macro-F1 is 1, not 0.5 (classes in neither truth nor prediction do not count)."""
    key = np.array([211, 2212, 211, 2212])
    report = grading.score(key, key)
    assert report.accuracy == 1.0 and report.macro_f1 == 1.0
    assert np.isnan(report.f1[-11]) and np.isnan(report.recall[321]) and report.f1[211] == 1.0
    predicted = np.array([211, 211, 211, -11])
    assert grading.score(key, predicted).macro_f1 == pytest.approx(
        f1_score(key, predicted, average="macro", zero_division=0))


def test_a_series_with_a_shuffled_index_is_refused(key):
    with pytest.raises(ValueError, match="index is not 0..N-1"):
        grading.grade(pd.Series(key, index=np.arange(len(key))[::-1]), key=key)
    assert grading.grade(pd.Series(key), key=key).accuracy == 1.0


def test_infinite_labels_are_named(key):
    predicted = key.astype(float)
    predicted[3] = np.inf
    with pytest.raises(ValueError, match=r"non-integer labels, e.g. \[inf\] at positions \[3\]"):
        grading.grade(predicted, key=key)


@pytest.mark.parametrize("content, match", [
    (b"", "is empty"),
    (gzip.compress(b"row,id\n0,211\n", mtime=0), "gzip-compressed"),
    ("row,id\n0,211\n".encode("utf-16"), "not readable as a CSV file"),
], ids=["empty", "gzip", "utf-16"])
def test_unreadable_files_name_the_path_and_the_fix(key, tmp_path, content, match):
    path = tmp_path / "submission.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=match) as raised:
        grading.grade(path, key=key)
    assert str(path) in str(raised.value) and "to_csv" in str(raised.value)


def test_a_folder_is_not_a_submission(key, tmp_path):
    with pytest.raises(ValueError, match="is a folder"):
        grading.grade(tmp_path, key=key)
