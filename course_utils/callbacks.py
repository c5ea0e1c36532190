"""Keras callbacks the image-generating lectures share: a sample grid and evaluator scores during training.

Import this module only in a notebook that already uses Keras: it imports Keras itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import keras
import numpy as np

from course_utils import metrics

#: ``sample(model, z, labels)`` -> uint8 digits (N, 28, 28); ``labels`` is None for unconditional models.
Sampler = Callable[[Any, np.ndarray, "np.ndarray | None"], np.ndarray]


class SampleMonitor(keras.callbacks.Callback):
    """After the first epoch and every ``every`` epochs: keep a grid of samples from fixed inputs and score samples.

    The grid (``grids[epoch]``, uint8 digits) comes from ``z_grid`` (and ``labels_grid``); the scores
    (``scores[epoch]``, the evaluator's recognisable rate, modes covered, Fréchet distance and, when
    ``labels_eval`` is given, conditional accuracy) from ``z_eval`` (and ``labels_eval``). One line per
    scored epoch is printed, starting with the training logs named in ``log_keys``.

    Args:
        sample: ``sample(model, z, labels)`` returning uint8 digits; ``model`` is the model being fitted.
        z_grid: latent codes of the grid, fixed for the whole run.
        z_eval: latent codes of the scored samples.
        every: score every ``every`` epochs (and after the first), >= 1.
        labels_grid: requested classes of the grid (conditional models), else None.
        labels_eval: requested classes of the scored samples (conditional models), else None.
        log_keys: names in the epoch's ``logs`` to print before the scores.
    """

    def __init__(self, sample: Sampler, z_grid: np.ndarray, z_eval: np.ndarray, every: int,
                 labels_grid: np.ndarray | None = None, labels_eval: np.ndarray | None = None,
                 log_keys: Sequence[str] = ()) -> None:
        super().__init__()
        if not isinstance(every, (int, np.integer)) or every < 1:
            raise ValueError(f"every must be a positive number of epochs, got {every!r}")
        for name, z, labels in (("grid", z_grid, labels_grid), ("eval", z_eval, labels_eval)):
            if len(z) == 0:
                raise ValueError(f"z_{name} is empty: give at least one latent code")
            if labels is not None and len(labels) != len(z):
                raise ValueError(f"labels_{name} has {len(labels)} entries for {len(z)} codes in z_{name}")
        self.sample, self.every, self.log_keys = sample, int(every), tuple(log_keys)
        self.z_grid, self.z_eval = np.asarray(z_grid, np.float32), np.asarray(z_eval, np.float32)
        self.labels_grid, self.labels_eval = labels_grid, labels_eval
        self.grids: dict[int, np.ndarray] = {}
        self.scores: dict[int, dict[str, float]] = {}

    def due(self, epoch: int) -> bool:
        """True after the first epoch and after every ``every``-th (``epoch`` counts from 0, as Keras does)."""
        return epoch == 0 or (epoch + 1) % self.every == 0

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Store the grid and the scores when this epoch is due, and print one line."""
        if not self.due(epoch):
            return
        logs = logs or {}
        self.grids[epoch + 1] = self.sample(self.model, self.z_grid, self.labels_grid)
        samples = self.sample(self.model, self.z_eval, self.labels_eval)
        scored = metrics.evaluate_samples(samples, labels=self.labels_eval)
        keys = ("conditional_accuracy",) * (self.labels_eval is not None) + (
            "recognisable_rate", "mode_coverage", "frechet_distance")
        self.scores[epoch + 1] = {key: scored[key] for key in keys}
        parts = [f"{key} {float(logs[key]):.3f}" for key in self.log_keys if key in logs]
        parts += [f"{key} {self.scores[epoch + 1][key]:.3g}" for key in keys]
        print(f"epoch {epoch + 1:3d}  " + "  ".join(parts))
