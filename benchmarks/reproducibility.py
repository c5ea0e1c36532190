"""Does the same seed give the same numbers? Train a small DCGAN twice per setting, in fresh processes, and compare.

Each run trains the same convolutional GAN (lecture 08's shape, smaller) on the bundled digits for a fixed number of
steps with ``config.set_seed(42)``, then reports a checksum of the generator's weights, the largest weight
difference to the first run of the default setting, and the wall time. Settings: TensorFlow's defaults (threads
as the machine gives them), one thread per op pool, ``tf.config.experimental.enable_op_determinism()``, and the
defaults again while two busy processes share the cores (as when a benchmark shares the machine).

Usage: python benchmarks/reproducibility.py [--steps 300] [--repeats 2]   (run it on a quiet machine)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SETTINGS = {
    "default": {},
    "one thread": {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"},
    "op determinism": {"COURSE_OP_DETERMINISM": "1"},
    "default, two busy processes beside it": {"_LOAD": "2"},  # the machine shared, as under a test suite
}


def worker(steps: int, out: Path) -> None:
    """One training run; writes the generator's weights and the time to ``out`` (an .npz file)."""
    from course_utils import config

    config.quiet_tensorflow()
    import keras
    import tensorflow as tf
    from keras import layers

    from course_utils import datasets

    if os.environ.get("COURSE_OP_DETERMINISM") == "1":
        tf.config.experimental.enable_op_determinism()
    config.set_seed(42)
    (x, _), _ = datasets.load_mnist()
    x = (x[:4096].astype("float32") / 127.5 - 1.0)[..., None]
    generator = keras.Sequential([
        keras.Input((32,)), layers.Dense(7 * 7 * 32), layers.LeakyReLU(0.2), layers.Reshape((7, 7, 32)),
        layers.Conv2DTranspose(32, 4, strides=2, padding="same"), layers.BatchNormalization(), layers.LeakyReLU(0.2),
        layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh"),
    ])
    discriminator = keras.Sequential([
        keras.Input((28, 28, 1)), layers.Conv2D(32, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Conv2D(64, 4, strides=2, padding="same"), layers.LeakyReLU(0.2), layers.Flatten(), layers.Dense(1),
    ])
    g_opt, d_opt = keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5)
    bce = keras.losses.BinaryCrossentropy(from_logits=True)
    dataset = tf.data.Dataset.from_tensor_slices(x).shuffle(4096, seed=42).repeat().batch(64).take(steps)

    @tf.function
    def train_step(real):
        z = tf.random.normal((tf.shape(real)[0], 32), seed=None)
        with tf.GradientTape() as d_tape, tf.GradientTape() as g_tape:
            fake = generator(z, training=True)
            real_logits, fake_logits = discriminator(real, training=True), discriminator(fake, training=True)
            d_loss = bce(tf.ones_like(real_logits), real_logits) + bce(tf.zeros_like(fake_logits), fake_logits)
            g_loss = bce(tf.ones_like(fake_logits), fake_logits)
        d_opt.apply_gradients(zip(d_tape.gradient(d_loss, discriminator.trainable_weights),
                                  discriminator.trainable_weights, strict=True))
        g_opt.apply_gradients(zip(g_tape.gradient(g_loss, generator.trainable_weights), generator.trainable_weights,
                                  strict=True))

    start = time.perf_counter()
    for real in dataset:
        train_step(real)
    seconds = time.perf_counter() - start
    weights = np.concatenate([w.numpy().ravel() for w in generator.weights])
    np.savez(out, weights=weights, seconds=seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.steps, args.worker)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, env in SETTINGS.items():
            runs = []
            busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                    for _ in range(int(env.get("_LOAD", "0")))]
            try:
                for repeat in range(args.repeats):
                    out = Path(tmp) / f"{len(rows)}-{repeat}.npz"
                    subprocess.run([sys.executable, __file__, "--steps", str(args.steps), "--worker", str(out)],
                                   env=dict(os.environ, **env), check=True)
                    with np.load(out) as data:
                        runs.append((data["weights"], float(data["seconds"])))
            finally:
                for process in busy:
                    process.kill()
            first = rows[0]["weights"] if rows else runs[0][0]  # compared with the first default run
            rows.append({
                "setting": name, "weights": runs[0][0],
                "checksums": [hashlib.sha256(w.tobytes()).hexdigest()[:12] for w, _ in runs],
                "max_weight_difference": max(float(np.abs(w - first).max()) for w, _ in runs),
                "seconds": [round(s, 1) for _, s in runs],
            })
            print(json.dumps({k: v for k, v in rows[-1].items() if k != "weights"}), flush=True)
    print(f"\n| setting | its reruns identical | largest weight difference to the first default run | "
          f"seconds per run ({args.steps} steps) |")
    print("|---|---|---|---|")
    for row in rows:
        same = len(set(row["checksums"])) == 1
        print(f"| {row['setting']} | {'yes' if same else 'no'} | {row['max_weight_difference']:.2e} | "
              f"{', '.join(map(str, row['seconds']))} |")


if __name__ == "__main__":
    main()
