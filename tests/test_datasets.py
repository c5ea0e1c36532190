import json
import shutil
import time

import numpy as np
import pytest

from course_utils import config, datasets


def test_bundled_mnist_shapes_and_types():
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (8000, 28, 28) and x_test.shape == (2000, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert y_train.shape == (8000,) and y_test.shape == (2000,)
    assert x_train.max() == 255 and x_train.min() == 0


def test_bundled_mnist_is_stratified_real_digits():
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    train_share = np.bincount(y_train, minlength=10) / len(y_train)
    test_share = np.bincount(y_test, minlength=10) / len(y_test)
    assert np.abs(train_share - test_share).max() < 0.002
    assert set(np.unique(y_train)) == set(range(10))
    # real digits: ink covers roughly 10-25% of the pixels, centred in the frame
    ink = (x_train > 127).mean()
    assert 0.08 < ink < 0.25
    assert x_train[:, :4, :].mean() < 2 and x_train[:, 10:18, 10:18].mean() > 60
    # no image appears in both splits
    train_hashes = {img.tobytes() for img in x_train}
    assert not any(img.tobytes() in train_hashes for img in x_test)


def test_provenance_matches_checksum():
    provenance = json.loads((config.data_dir() / "mnist" / "provenance.json").read_text())
    assert provenance["sha256"] == datasets.MNIST_SHA256
    assert provenance["package"] == "mnist" and provenance["version"] == "1.1.0"
    assert provenance["license"] == "MIT" and provenance["integrity"].startswith("sha512-")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(config.data_dir() / "mnist", tmp_path / "mnist")
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    return tmp_path / "mnist" / "mnist_bundled.npz"


def test_missing_file_names_file_and_rebuild_command(data_copy):
    data_copy.unlink()
    with pytest.raises(FileNotFoundError, match=r"mnist_bundled\.npz.*scripts/build_mnist\.py"):
        datasets.load_mnist()


def test_truncated_file_is_rejected(data_copy):
    data_copy.write_bytes(data_copy.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r"mnist_bundled\.npz.*corrupt.*scripts/build_mnist\.py"):
        datasets.load_mnist()


def test_altered_file_is_rejected(data_copy):
    raw = bytearray(data_copy.read_bytes())
    raw[5000] ^= 0xFF
    data_copy.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="corrupt or altered"):
        datasets.load_mnist()


def test_unknown_source():
    with pytest.raises(ValueError, match="'bundled' or 'full'"):
        datasets.load_mnist(source="kaggle")


def test_full_source_falls_back_offline_quickly(monkeypatch, capsys):
    def offline(timeout_s):
        raise OSError("URL fetch failure: no network")

    monkeypatch.setattr(datasets, "_load_keras_mnist", offline)
    start = time.monotonic()
    (x_train, _), _ = datasets.load_mnist(source="full")
    assert time.monotonic() - start < 10
    assert x_train.shape == (8000, 28, 28)
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "bundled" in out[0] and "URL fetch failure" in out[0]


def test_full_source_uses_keras_when_available(monkeypatch):
    fake = ((np.zeros((60000, 28, 28), np.uint8), np.zeros(60000, np.uint8)),
            (np.zeros((10000, 28, 28), np.uint8), np.zeros(10000, np.uint8)))
    monkeypatch.setattr(datasets, "_load_keras_mnist", lambda timeout_s: fake)
    (x_train, _), (x_test, _) = datasets.load_mnist(source="full")
    assert len(x_train) == 60000 and len(x_test) == 10000


def test_sha256_of(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert datasets.sha256_of(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_a_download_that_never_finishes_falls_back_at_the_deadline(monkeypatch, capsys):
    """The deadline covers the whole download, not each socket read (a trickling link kept it alive forever)."""
    def trickling(timeout_s):
        time.sleep(30)

    monkeypatch.setattr(datasets, "_load_keras_mnist", trickling)
    start = time.monotonic()
    (x_train, _), _ = datasets.load_mnist(source="full", timeout_s=0.5)
    assert time.monotonic() - start < 5 and x_train.shape == (8000, 28, 28)
    assert "longer than 0.5 s" in capsys.readouterr().out


@pytest.mark.parametrize("timeout_s", [None, 0, -1, float("inf"), float("nan"), "10", True])
def test_a_timeout_that_is_not_a_positive_number_is_refused(timeout_s):
    with pytest.raises(ValueError, match="timeout_s must be a positive, finite number"):
        datasets.load_mnist(source="full", timeout_s=timeout_s)
