"""Train the MNIST evaluator CNN on the bundled training digits and commit its weights to data/.

Usage: python scripts/train_evaluator.py [--epochs 20] [--references-only]
Writes data/evaluator/evaluator_weights.npz, held_out_features.npz (the evaluator's features of the held-out digits,
which every FD is measured against) and provenance.json (test accuracy, sha256, and the reference Fréchet distances
at each sample count of metrics.FD_COUNTS); paste the three printed checksums into course_utils/metrics.py
(EVALUATOR_SHA256, HELD_OUT_FEATURES_SHA256, PROVENANCE_SHA256).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from build_mnist import write_npz  # noqa: E402

from course_utils import datasets, metrics  # noqa: E402

SEED = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--references-only", action="store_true",
                        help="keep the weights; recompute only the held-out features and the reference FDs")
    args = parser.parse_args()
    if args.references_only:
        write_references()
        return
    keras.utils.set_random_seed(SEED)
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    x_train = x_train[..., None].astype("float32") / 255
    x_test = x_test[..., None].astype("float32") / 255

    evaluator = metrics.build_evaluator()
    augment = keras.Sequential([keras.layers.RandomRotation(0.04), keras.layers.RandomTranslation(0.08, 0.08),
                                keras.layers.RandomZoom(0.08)])
    inputs = keras.Input((28, 28, 1))
    trainer = keras.Model(inputs, evaluator(augment(inputs))[0])
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=args.epochs * (len(x_train) // 64))
    trainer.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy", metrics=["accuracy"])
    trainer.fit(x_train, y_train, batch_size=64, epochs=args.epochs, verbose=2)

    probabilities = evaluator.predict(x_test, verbose=0)[0]
    accuracy = float((probabilities.argmax(1) == y_test).mean())
    out = ROOT / "data" / metrics.EVALUATOR_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    write_npz(out, {f"w{i:02d}": w for i, w in enumerate(evaluator.get_weights())})
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    provenance = {
        "file": metrics.EVALUATOR_FILE, "sha256": sha, "architecture": "course_utils.metrics.build_evaluator",
        "trained_on": "bundled MNIST training split (8,000 digits), with small rotations/shifts/zooms",
        "epochs": args.epochs, "seed": SEED, "keras": keras.__version__,
        "test_accuracy": round(accuracy, 4), "test_set": "bundled MNIST test split (2,000 digits)",
        "rebuild": metrics.EVALUATOR_REBUILD,
    }
    metrics.load_evaluator.cache_clear()
    (out.parent / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    print(f"test accuracy {accuracy:.4f}; wrote {out.relative_to(ROOT)} sha256 {sha}: set EVALUATOR_SHA256 to it")
    write_references()


def write_references() -> None:
    """Store the held-out digits' features and the reference FDs at each count of metrics.FD_COUNTS; print checksums."""
    metrics.load_evaluator.cache_clear()
    metrics.held_out_features.cache_clear()
    features = metrics.compute_held_out_features()
    features_path = ROOT / "data" / metrics.HELD_OUT_FEATURES_FILE
    write_npz(features_path, {"features": features.astype(np.float32)})  # classify's float32 outputs, exactly
    print(f"wrote {features_path.relative_to(ROOT)}: set HELD_OUT_FEATURES_SHA256 in course_utils/metrics.py to "
          f"{hashlib.sha256(features_path.read_bytes()).hexdigest()}")
    path = ROOT / "data" / metrics.PROVENANCE_FILE
    provenance = json.loads(path.read_text())
    provenance["reference_distances"] = {
        str(n): {k: round(v, 4) for k, v in metrics.compute_reference_distances(n, features).items()}
        for n in metrics.FD_COUNTS}
    path.write_text(json.dumps(provenance, indent=2) + "\n")
    print(f"reference FDs {provenance['reference_distances']}; set PROVENANCE_SHA256 in course_utils/metrics.py to "
          f"{hashlib.sha256(path.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
