"""An instructor's route: a cohort's private files, then grading from the command line (one file or a folder)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from course_utils import grading, grading_cli, particles

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cohort")
    subprocess.run([sys.executable, ROOT / "scripts" / "build_particles.py", "--seed", "7311", "--out-dir", out],
                   check=True, capture_output=True, timeout=300)
    return out


def write(path: Path, ids: np.ndarray) -> Path:
    pd.DataFrame({"row": np.arange(len(ids)), "id": ids}).to_csv(path, index=False)
    return path


def test_a_cohort_gets_its_own_files_that_students_can_load(cohort):
    train, test = particles.load_particles(cohort)
    bundled_train, bundled_test = particles.load_particles()
    assert train.shape == bundled_train.shape and test.shape == bundled_test.shape
    assert not np.allclose(test["p"].to_numpy(), bundled_test["p"].to_numpy()), "same tracks as the public file"
    key = grading.load_key(cohort / "test_labels.csv.gz")
    assert len(key) == len(test) and set(np.unique(key)) == set(particles.PDG_CODES)
    public = grading.load_answer_key()
    assert grading.score(key, public).accuracy < 0.6, "the public answer key must be no use for a cohort's test file"


def test_seed_without_an_output_folder_is_refused():
    done = subprocess.run([sys.executable, ROOT / "scripts" / "build_particles.py", "--seed", "5"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--seed needs --out-dir" in done.stderr


def test_load_particles_names_a_folder_without_the_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="train.csv.gz"):
        particles.load_particles(tmp_path)


def test_one_submission_prints_its_report(cohort, tmp_path):
    key = grading.load_key(cohort / "test_labels.csv.gz")
    submission = write(tmp_path / "alice.csv", key)
    done = subprocess.run([sys.executable, "-m", "course_utils.grading", submission, "--key",
                           cohort / "test_labels.csv.gz"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("accuracy 1.0000   macro-F1 1.0000") and "confusion" in done.stdout


@pytest.mark.parametrize("content, message", [
    ("row,id\n0,211\n", "submission has 1 rows but the test file has"),
    ("row,pdg\n0,211\n", "submission must have exactly the columns"),
    ("", "is empty"),
])
def test_a_malformed_submission_exits_non_zero_with_the_reason(cohort, tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    assert grading_cli.main([str(path), "--key", str(cohort / "test_labels.csv.gz")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and message in error


def test_a_missing_or_malformed_key_is_named(tmp_path, capsys):
    submission = write(tmp_path / "s.csv", np.full(3, 211))
    assert grading_cli.main([str(submission), "--key", str(tmp_path / "nope.csv")]) == 2
    assert "answer key" in capsys.readouterr().err
    (tmp_path / "key.csv").write_text("row,label\n0,211\n")
    assert grading_cli.main([str(submission), "--key", str(tmp_path / "key.csv")]) == 2
    assert "is not a row,id answer key" in capsys.readouterr().err


def test_a_folder_gives_one_table_of_every_student(cohort, tmp_path, capsys):
    key = grading.load_key(cohort / "test_labels.csv.gz")
    folder = tmp_path / "submissions"
    folder.mkdir()
    write(folder / "alice.csv", key)
    everyone_a_pion = np.full(len(key), 211)
    write(folder / "bob.csv", everyone_a_pion)
    (folder / "carol.csv").write_text("row,id\n0,211\n")
    (folder / "notes.txt").write_text("not a submission")
    out = tmp_path / "scores.csv"
    assert grading_cli.main([str(folder), "--key", str(cohort / "test_labels.csv.gz"), "--out", str(out)]) == 1
    assert "not graded: carol.csv: submission has 1 rows" in capsys.readouterr().err
    table = pd.read_csv(out)
    assert table["submission"].tolist() == ["alice.csv", "bob.csv", "carol.csv"]
    assert table.loc[0, "accuracy"] == 1.0 and pd.isna(table.loc[0, "error"])
    assert table.loc[1, "accuracy"] == pytest.approx(np.mean(key == 211))
    assert table.loc[1, "recall_pion"] == 1.0 and table.loc[1, "recall_kaon"] == 0.0
    assert pd.isna(table.loc[2, "accuracy"]) and "submission has 1 rows" in table.loc[2, "error"]


def test_an_empty_folder_is_refused(tmp_path, capsys):
    assert grading_cli.main([str(tmp_path)]) == 2
    assert "holds no submission files" in capsys.readouterr().err


def test_a_student_checks_a_submission_without_the_key(tmp_path):
    test = pd.DataFrame({"row": np.arange(4), "p": [1.0, 2.0, 3.0, 4.0]})
    good = write(tmp_path / "good.csv", np.array([211, 211, 321, -11]))
    line = grading.check_submission(good, test)
    assert line.startswith("ready to hand in: 4 predictions for 4 test tracks")
    assert "pion 50.0%" in line and "kaon 25.0%" in line and "proton 0.0%" in line
    with pytest.raises(ValueError, match="submission has 3 rows but the test file has 4"):
        grading.check_submission(write(tmp_path / "short.csv", np.array([211, 211, 321])), test)
    with pytest.raises(ValueError, match="unknown labels"):
        grading.check_submission(write(tmp_path / "names.csv", np.array([0, 1, 2, 3])), test)
    with pytest.raises(FileNotFoundError, match="to_csv"):
        grading.check_submission(tmp_path / "missing.csv", test)
    with pytest.raises(ValueError, match="`row` column"):
        grading.check_submission(good, test.drop(columns="row"))
