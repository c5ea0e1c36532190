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
