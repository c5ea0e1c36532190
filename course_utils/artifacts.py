"""Scorecards: a notebook's headline numbers, printed and written to ``artifacts/<notebook>/``."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from course_utils import config

SCORECARD_FILE = "scorecard.json"
SAMPLES_FILE = "samples.npz"


def _clean(name: str, value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ValueError(f"scorecard field {name!r} is {value}: a scorecard holds finite numbers only")
        return float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _clean(f"{name}.{k}", v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_clean(f"{name}[{i}]", v) for i, v in enumerate(value)]
    raise ValueError(f"scorecard field {name!r} has type {type(value).__name__}; use numbers, strings, lists or dicts")


def write_scorecard(
    notebook: str,
    scores: Mapping[str, Any],
    samples: np.ndarray | None = None,
    labels: np.ndarray | None = None,
) -> Path:
    """Print a notebook's scorecard and write it (and optional samples) under ``artifacts/<notebook>/``.

    Args:
        notebook: the notebook's file stem, e.g. ``"04_variational_autoencoders"``.
        scores: field name -> number (or string / small list / dict).
        samples: optional generated samples, saved to ``samples.npz`` as given.
        labels: optional labels of the samples (class-conditional models).
    Returns:
        Path of the scorecard JSON.
    """
    if not scores:
        raise ValueError("scores is empty: a scorecard needs at least one number")
    clean = {str(k): _clean(str(k), v) for k, v in scores.items()}
    out = config.artifacts_dir(notebook)
    if samples is not None:
        arrays = {"samples": np.asarray(samples)}
        if labels is not None:
            if len(labels) != len(samples):
                raise ValueError(f"got {len(labels)} labels for {len(samples)} samples")
            arrays["labels"] = np.asarray(labels)
        np.savez_compressed(out / SAMPLES_FILE, **arrays)
    elif labels is not None:
        raise ValueError("labels given without samples")
    path = out / SCORECARD_FILE
    path.write_text(json.dumps(clean, indent=2) + "\n")
    width = max(len(k) for k in clean)
    print(f"Scorecard · {notebook}")
    for key, value in clean.items():
        shown = f"{value:.4f}" if isinstance(value, float) else value
        print(f"  {key:<{width}}  {shown}")
    return path


def read_scorecard(notebook: str) -> dict[str, Any]:
    """Read ``artifacts/<notebook>/scorecard.json`` written by a previous run of that notebook."""
    path = config.artifacts_dir(notebook) / SCORECARD_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: run notebooks/{notebook}.ipynb first")
    return json.loads(path.read_text())
