import json

import numpy as np
import pytest

from course_utils import artifacts


@pytest.fixture(autouse=True)
def artifacts_root(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path))
    return tmp_path


def test_write_and_read_scorecard(artifacts_root, capsys):
    scores = {"recognisable_rate": np.float32(0.5), "mode_coverage": np.int64(10), "note": "ok", "hist": [1, 2]}
    path = artifacts.write_scorecard("04_vae", scores)
    assert path == artifacts_root / "04_vae" / "scorecard.json"
    assert json.loads(path.read_text()) == {"recognisable_rate": 0.5, "mode_coverage": 10, "note": "ok", "hist": [1, 2]}
    assert artifacts.read_scorecard("04_vae")["mode_coverage"] == 10
    assert "recognisable_rate" in capsys.readouterr().out


def test_samples_and_labels_are_saved(artifacts_root):
    samples = np.zeros((5, 28, 28), np.uint8)
    artifacts.write_scorecard("05_cvae", {"a": 1}, samples=samples, labels=np.arange(5))
    with np.load(artifacts_root / "05_cvae" / "samples.npz", allow_pickle=False) as data:
        assert data["samples"].shape == (5, 28, 28) and list(data["labels"]) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "scores, kwargs, match",
    [
        ({}, {}, "empty"),
        ({"fd": float("nan")}, {}, "finite"),
        ({"model": object()}, {}, "type"),
        ({"a": 1}, {"samples": np.zeros((3, 2)), "labels": np.zeros(2)}, "labels for 3 samples"),
        ({"a": 1}, {"labels": np.zeros(2)}, "without samples"),
    ],
)
def test_bad_scorecards(scores, kwargs, match):
    with pytest.raises(ValueError, match=match):
        artifacts.write_scorecard("x", scores, **kwargs)


def test_read_missing_scorecard_says_which_notebook_to_run():
    with pytest.raises(FileNotFoundError, match="notebooks/09_wgan.ipynb"):
        artifacts.read_scorecard("09_wgan")


@pytest.mark.parametrize("stem", ["..", ".", "../x", "a/b", "04_vae.ipynb", "", "~"])
def test_a_scorecard_stays_inside_the_artifacts_folder(stem, artifacts_root):
    with pytest.raises(ValueError, match="notebook stem"):
        artifacts.write_scorecard(stem, {"a": 1})
    assert list(artifacts_root.parent.glob("scorecard.json")) == []


def test_a_tilde_in_course_artifacts_means_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COURSE_ARTIFACTS", "~/course-out")
    path = artifacts.write_scorecard("04_vae", {"a": 1})
    assert path == tmp_path / "home" / "course-out" / "04_vae" / "scorecard.json"


def test_an_unwritable_artifacts_folder_is_named_with_the_fix(tmp_path, monkeypatch):
    """A file where the folder should be fails for root too (root ignores read-only permission bits)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("COURSE_ARTIFACTS", str(blocker))
    with pytest.raises(PermissionError, match="set COURSE_ARTIFACTS to a folder you can write to") as raised:
        artifacts.write_scorecard("04_vae", {"a": 1})
    assert str(blocker) in str(raised.value)
