"""Plotting helpers: image grids, training histories, ring-of-Gaussians runs, graphs of Bayesian networks, and
saving figures as PNG."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_utils import config, metrics


def _as_images(images: Any) -> np.ndarray:
    array = np.asarray(images)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim == 2 and array.shape[1] == 784:
        array = array.reshape(-1, 28, 28)
    if array.ndim not in (3, 4) or len(array) == 0:
        raise ValueError(
            "images must be a non-empty batch shaped (N, H, W), (N, H, W, 1), (N, H, W, 3) or (N, 784); "
            f"got {array.shape}"
        )
    if not np.isfinite(array.astype(float)).all():
        raise ValueError("images contain NaN or inf: check the model output before plotting")
    return array


def image_grid(
    images: Any,
    ncols: int = 10,
    titles: Sequence[str] | None = None,
    row_labels: Sequence[str] | None = None,
    cell_size: float = 1.0,
    suptitle: str | None = None,
) -> Figure:
    """Draw a batch of images in a grid, row by row.

    The grid is one picture (the images tiled with thin gaps) on one set of axes: a hundred images draw and save
    in a fraction of a second, where a subplot per image took seconds.

    Args:
        images: (N, H, W[, C]) or (N, 784); uint8 in [0, 255] or floats (any range, shown with a
            per-grid min/max, so [-1, 1] tanh outputs and [0, 1] sigmoid outputs both work).
        ncols: images per row.
        titles: optional one title per image, drawn above it.
        row_labels: optional one label per row, drawn at the left.
        cell_size: inches per image.
        suptitle: optional figure title.
    Returns:
        The matplotlib figure.
    """
    array = _as_images(images)
    if ncols < 1:
        raise ValueError(f"ncols must be >= 1, got {ncols}")
    if titles is not None and len(titles) != len(array):
        raise ValueError(f"got {len(titles)} titles for {len(array)} images")
    ncols = min(ncols, len(array))
    nrows = math.ceil(len(array) / ncols)
    if row_labels is not None and len(row_labels) != nrows:
        raise ValueError(f"got {len(row_labels)} row labels for {nrows} rows")
    vmin, vmax = (0.0, 255.0) if array.dtype == np.uint8 else (float(array.min()), float(array.max()))
    unit = np.clip((array.astype(np.float32) - vmin) / max(vmax - vmin, 1e-12), 0.0, 1.0)
    height, width = unit.shape[1:3]
    gap = max(1, width // 14)  # a thin gap between images
    top = height // 3 if titles is not None else 0  # room for a title above each image
    cell_h, cell_w = top + height + gap, width + gap
    rgba = np.zeros((nrows * cell_h, ncols * cell_w, 4), np.float32)  # transparent where there is no image
    for index, image in enumerate(unit):
        row, col = divmod(index, ncols)
        y, x = row * cell_h + top, col * cell_w
        rgba[y:y + height, x:x + width, :3] = image[..., None] if image.ndim == 2 else image[..., :3]
        rgba[y:y + height, x:x + width, 3] = 1.0
    fig, ax = plt.subplots(figsize=(ncols * cell_size, nrows * cell_size * cell_h / cell_w))
    ax.imshow(rgba, interpolation="nearest")
    ax.set_frame_on(False)
    ax.set_xticks([])
    if row_labels is not None:
        ax.set_yticks([row * cell_h + top + height / 2 for row in range(nrows)], list(row_labels), fontsize=9)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_yticks([])
    if titles is not None:
        for index, title in enumerate(titles):
            row, col = divmod(index, ncols)
            ax.text(col * cell_w + width / 2, row * cell_h + top - 1, title, ha="center", va="bottom", fontsize=8)
    if suptitle:
        ax.set_title(suptitle)
    fig.tight_layout()
    return fig


def plot_history(history: Any, keys: Sequence[str] | None = None, title: str | None = None) -> Figure:
    """Plot training curves, one panel per metric (with its ``val_`` twin if present).

    Args:
        history: a Keras ``History`` or a mapping of metric name to per-epoch values.
        keys: metrics to draw; default all that have no ``val_`` prefix.
        title: optional figure title.
    """
    logs: Mapping[str, Sequence[float]] = getattr(history, "history", history)
    if not isinstance(logs, Mapping) or not logs:
        raise ValueError("history must be a Keras History or a non-empty dict of metric -> values")
    keys = list(keys) if keys is not None else [k for k in logs if not k.startswith("val_")]
    missing = [k for k in keys if k not in logs]
    if missing:
        raise ValueError(f"history has no {missing}; it has {sorted(logs)}")
    fig, axes = plt.subplots(1, len(keys), figsize=(4 * len(keys), 3), squeeze=False)
    for ax, key in zip(axes.flat, keys, strict=True):
        epochs = np.arange(1, len(logs[key]) + 1)
        ax.plot(epochs, logs[key], marker=".", label=key)
        if f"val_{key}" in logs:
            ax.plot(epochs, logs[f"val_{key}"], marker=".", label=f"val_{key}")
        ax.set_xlabel("epoch")
        ax.set_title(key)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def ring_runs(runs: Mapping[str, Mapping[int, Any]], ring: Any, limit: float = 3.0) -> Figure:
    """Scatter plots of 2-D GAN samples over the ring of Gaussians: one row per run, one column per snapshot.

    Args:
        runs: run name -> {training step: (N, 2) samples}, e.g. ``{"vanilla GAN": {500: points, ...}}``.
        ring: (M, 2) real points, drawn in black under every panel (the first 2,000).
        limit: half-width of each panel's square view.

    Each panel's title carries ``metrics.ring_coverage`` of its samples: modes covered and the share of
    high-quality (HQ) samples.
    """
    real = np.asarray(ring, np.float64)
    if not runs or any(not snapshots for snapshots in runs.values()):
        raise ValueError("runs must map each run name to a non-empty {step: (N, 2) samples} dict")
    if real.ndim != 2 or real.shape[1] != 2:
        raise ValueError(f"ring must be (M, 2) points, got shape {real.shape}")
    ncols = max(len(snapshots) for snapshots in runs.values())
    fig, axes = plt.subplots(len(runs), ncols, figsize=(2.2 * ncols, 2.3 * len(runs)), squeeze=False)
    for row, (name, snapshots) in enumerate(runs.items()):
        for col, (step, points) in enumerate(snapshots.items()):
            cover = metrics.ring_coverage(points)  # also checks the shape and finiteness of the samples
            points = np.asarray(points)
            ax = axes[row, col]
            ax.scatter(real[:2000, 0], real[:2000, 1], s=3, c="k")
            ax.scatter(points[:, 0], points[:, 1], s=3, c="C1", alpha=0.3)
            title = f"step {step}: {cover['modes_covered']} modes, {cover['high_quality_share']:.0%} HQ"
            ax.set_title(title, fontsize=8)
            ax.set(xlim=(-limit, limit), ylim=(-limit, limit), xticks=[], yticks=[], aspect="equal")
        axes[row, 0].set_ylabel(name)
        for ax in axes[row, len(snapshots):]:
            ax.axis("off")
    fig.tight_layout()
    return fig


def graphical_model(
    ax: Any,
    positions: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    observed: Sequence[str] = (),
    title: str | None = None,
) -> Any:
    """Draw a Bayesian network on ``ax``: a circle per node (observed ones shaded, the usual convention), an arrow
    per edge from parent to child.

    Args:
        ax: a Matplotlib axes.
        positions: node label (plain text or Matplotlib mathtext such as ``"$z_1$"``) -> (x, y) centre.
        edges: (parent, child) pairs; both must be nodes of ``positions``.
        observed: the nodes to shade.
        title: the panel's title.

    Returns:
        ``ax``, with its axes hidden and equal aspect.
    """
    if not positions:
        raise ValueError("positions is empty: give every node an (x, y) centre")
    unknown = sorted(({node for edge in edges for node in edge} | set(observed)) - set(positions))
    if unknown:
        raise ValueError(f"nodes without a position: {unknown}; add them to positions")
    radius = 0.3
    for parent, child in edges:
        (x0, y0), (x1, y1) = positions[parent], positions[child]
        length = math.hypot(x1 - x0, y1 - y0)
        if length <= 2 * radius:
            raise ValueError(f"nodes {parent!r} and {child!r} overlap: place their centres further apart")
        dx, dy = (x1 - x0) / length * radius, (y1 - y0) / length * radius
        ax.annotate("", xy=(x1 - dx, y1 - dy), xytext=(x0 + dx, y0 + dy),
                    arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2})
    for node, (x, y) in positions.items():
        ax.add_patch(plt.Circle((x, y), radius, facecolor="0.8" if node in observed else "white", edgecolor="black"))
        ax.text(x, y, node, ha="center", va="center", fontsize=10)
    xs, ys = zip(*positions.values(), strict=True)
    ax.set(xlim=(min(xs) - 0.6, max(xs) + 0.6), ylim=(min(ys) - 0.6, max(ys) + 0.6), aspect="equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def save_figure(fig: Figure, notebook: str, name: str) -> Path:
    """Save a figure as ``artifacts/<notebook>/<name>.png`` (for looking at a full run) and return the path."""
    if not name or "/" in name:
        raise ValueError(f"name must be a plain file name without '/', got {name!r}")
    path = config.artifacts_dir(notebook) / f"{name.removesuffix('.png')}.png"
    fig.savefig(path, dpi=100, bbox_inches="tight")
    return path
