"""Sample-quality metrics for generated MNIST digits, all computed with one evaluator CNN.

The evaluator is a small CNN trained on the bundled training digits by
``python scripts/train_evaluator.py``; its weights ship in ``data/evaluator/`` with a checksum.
Metrics: recognisable rate, mode coverage, conditional accuracy and the Fréchet distance in the
evaluator's feature space, with two references (real-vs-real floor, naive Gaussian generator); and, for models
with a likelihood, bits per dimension and the dequantisation they need.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import Any

import numpy as np

from course_utils import config, datasets

EVALUATOR_FILE = "evaluator/evaluator_weights.npz"
#: sha256 of the committed evaluator weights (``scripts/train_evaluator.py`` writes them).
EVALUATOR_SHA256 = "9cf409045f139345e7009f801e512be046599dd7318bd5a5efaa36e4fcde20f1"
EVALUATOR_REBUILD = "python scripts/train_evaluator.py"
PROVENANCE_FILE = "evaluator/provenance.json"
#: sha256 of the evaluator's provenance, which stores the reference FDs every scorecard prints.
PROVENANCE_SHA256 = "0ca5959fad08c9c7df77914376f75c9bc2d9c0b3bceca5e7430fcff531864893"
HELD_OUT_FEATURES_FILE = "evaluator/held_out_features.npz"
#: sha256 of the evaluator's features of the held-out digits, stored because computing them costs every lecture a few
#: seconds (``scripts/train_evaluator.py --references-only`` writes them).
HELD_OUT_FEATURES_SHA256 = "8e103dca4f5424f0edb93f0d1f9b07f6c849625ae3af4de3604b9830611da073"
FEATURE_LAYER = "features"
N_REFERENCE = 2000


def build_evaluator() -> Any:
    """The evaluator architecture: two conv blocks, a 128-unit feature layer, softmax over 10 digits."""
    import keras
    from keras import layers

    inputs = keras.Input((28, 28, 1))
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.3)(x)
    features = layers.Dense(128, activation="relu", name=FEATURE_LAYER)(x)
    outputs = layers.Dense(10, activation="softmax", name="probabilities")(layers.Dropout(0.3)(features))
    return keras.Model(inputs, [outputs, features], name="mnist_evaluator")


@lru_cache(maxsize=1)
def load_evaluator() -> Any:
    """The trained evaluator (checksum-verified, offline, cached); outputs (probabilities, features)."""
    path = datasets.verified_path(EVALUATOR_FILE, EVALUATOR_SHA256, EVALUATOR_REBUILD)
    model = build_evaluator()
    with np.load(path, allow_pickle=False) as data:
        model.set_weights([data[f"w{i:02d}"] for i in range(len(data.files))])
    return model


def to_unit_images(images: Any) -> np.ndarray:
    """Check and convert a batch of 28×28 digits to float32 (N, 28, 28, 1) in [0, 1].

    Accepts uint8 in [0, 255] or floats in [0, 1], shaped (N, 28, 28), (N, 28, 28, 1) or (N, 784).
    """
    array = np.asarray(images)
    if array.ndim == 2 and array.shape[1] == 784:
        array = array.reshape(-1, 28, 28)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 3 or array.shape[1:] != (28, 28) or len(array) == 0:
        raise ValueError(f"expected a non-empty batch of 28×28 digits, got shape {array.shape}")
    if array.dtype == np.uint8:
        if array.max() == 1:  # only 0s and 1s: a binarised digit would be read as a blank image
            raise ValueError("uint8 images hold only 0 and 1: binarised digits; pass them as floats in [0, 1] "
                             "(images.astype('float32')) or as pixels 0/255 (images * 255)")
        return (array.astype(np.float32) / 255.0)[..., None]
    array = array.astype(np.float32)
    if not np.isfinite(array).all():
        raise ValueError("images contain NaN or inf: the generator diverged")
    if array.min() < -0.01 or array.max() > 1.01:
        raise ValueError(
            f"float images must lie in [0, 1], got [{array.min():.2f}, {array.max():.2f}]; "
            "rescale tanh outputs with (x + 1) / 2 or pass uint8 pixels"
        )
    return np.clip(array, 0.0, 1.0)[..., None]


def tanh_to_uint8(images: Any) -> np.ndarray:
    """Generator outputs in [-1, 1] (a ``tanh`` layer) -> uint8 digits (N, 28, 28) in [0, 255].

    Accepts floats shaped (N, 784), (N, 28, 28) or (N, 28, 28, 1); values slightly outside [-1, 1] are clipped.
    """
    raw = np.asarray(images)
    shape_ok = raw.ndim == 2 and raw.shape[1] == 784 or raw.ndim in (3, 4) and raw.shape[1:3] == (28, 28)
    if not shape_ok or raw.ndim == 4 and raw.shape[3] != 1 or len(raw) == 0:
        raise ValueError(f"expected a non-empty batch of 28×28 one-channel images (N, 784), (N, 28, 28) or "
                         f"(N, 28, 28, 1), got shape {raw.shape}")
    if not np.issubdtype(raw.dtype, np.floating):
        raise ValueError(f"expected float generator outputs in [-1, 1], got dtype {raw.dtype}; uint8 pixels need "
                         "no conversion")
    array = raw.astype(np.float32)
    if not np.isfinite(array).all():
        raise ValueError("images contain NaN or inf: the generator diverged")
    if array.min() < -1.5 or array.max() > 1.5:
        raise ValueError(f"values span [{array.min():.2f}, {array.max():.2f}], not the [-1, 1] of a tanh layer; "
                         "pixels in [0, 255] need no conversion, [0, 1] images go to the metrics as they are")
    return np.rint(np.clip((array + 1) / 2, 0, 1) * 255).astype(np.uint8).reshape(-1, 28, 28)


def classify(images: Any, batch_size: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Evaluator class probabilities (N, 10) and features (N, 128) for a batch of digits."""
    outputs = load_evaluator().predict(to_unit_images(images), batch_size=batch_size, verbose=0)
    return np.asarray(outputs[0], np.float64), np.asarray(outputs[1], np.float64)


def recognisable_rate(probabilities: np.ndarray, threshold: float = 0.9) -> float:
    """Share of samples whose most likely class has probability ≥ ``threshold``."""
    return float((np.asarray(probabilities).max(axis=1) >= threshold).mean())


def class_histogram(probabilities: np.ndarray) -> np.ndarray:
    """Share of samples predicted as each digit (length 10, sums to 1)."""
    predicted = np.asarray(probabilities).argmax(axis=1)
    return np.bincount(predicted, minlength=10) / len(predicted)


def mode_coverage(probabilities: np.ndarray, min_share: float = 0.05) -> int:
    """Number of digit classes holding at least ``min_share`` of the samples (10 = all modes)."""
    return int((class_histogram(probabilities) >= min_share).sum())


def conditional_accuracy(probabilities: np.ndarray, labels: Any) -> float:
    """Share of samples the evaluator classifies as the class they were asked to be."""
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(probabilities):
        raise ValueError(f"got {len(labels)} labels for {len(probabilities)} samples")
    numeric = labels.astype(np.float64) if labels.dtype.kind in "biuf" else np.full(len(labels), np.nan)
    if not np.isfinite(numeric).all() or (numeric != np.round(numeric)).any():
        raise ValueError("labels must be integer digits 0..9, with no NaN (one requested class per sample)")
    if labels.min() < 0 or labels.max() > 9:
        raise ValueError("labels must be digits 0..9")
    return float((np.asarray(probabilities).argmax(axis=1) == labels).mean())


def sharpness(images: Any) -> float:
    """Mean absolute difference between neighbouring pixels (across and down), for digits scaled to [0, 1].

    Blurred digits score lower than real ones (about 0.07 for the held-out test digits); a constant image scores 0.
    """
    units = to_unit_images(images)[..., 0]
    return float((np.abs(np.diff(units, axis=1)).mean() + np.abs(np.diff(units, axis=2)).mean()) / 2)


def bits_per_dim(log_likelihood: Any, num_dims: int, bin_width: float = 1.0) -> float:
    """Bits per dimension of 8-bit data from each example's log-likelihood in nats (lower is better).

    Args:
        log_likelihood: log p(x) of each example, in nats: a discrete model's log-probability of its 256 grey
            levels, or a continuous density's log-density of dequantised pixels (:func:`dequantize`).
        num_dims: numbers per example (784 for a 28×28 digit).
        bin_width: the width of one grey level in the units the density was fitted in: 1 for a discrete model
            (its probability is already the mass of the level), 1/256 for a density on pixels / 256 in [0, 1).

    Returns:
        ``-mean(log_likelihood) / (num_dims · ln 2) - log2(bin_width)``: 8.0 for a uniform model of 8-bit pixels.
    """
    if isinstance(num_dims, bool) or not isinstance(num_dims, (int, np.integer)) or num_dims < 1:
        raise ValueError(f"num_dims must be the number of values per example (784 for a digit), got {num_dims!r}")
    if not (isinstance(bin_width, (int, float, np.floating)) and np.isfinite(bin_width) and bin_width > 0):
        raise ValueError(f"bin_width must be a positive width (1 for a discrete model, 1/256 for pixels / 256), "
                         f"got {bin_width!r}")
    values = np.asarray(log_likelihood, np.float64).reshape(-1)
    if values.size == 0:
        raise ValueError("log_likelihood is empty: pass one log-likelihood per example")
    if not np.isfinite(values).all():
        raise ValueError("log_likelihood contains NaN or inf: a model that gives a test example probability 0 "
                         "(or diverged) has no finite bits per dimension")
    return float(-values.mean() / (num_dims * np.log(2.0)) - np.log2(bin_width))


def dequantize(images: Any, rng: np.random.Generator) -> np.ndarray:
    """Uniform dequantisation: 8-bit pixels x -> (x + u) / 256 with u ~ U[0, 1), float32 in [0, 1).

    A continuous density fitted on these values bounds the discrete model's log-likelihood from below
    (Theis et al. 2016), so its bits per dimension (``bin_width=1/256``) compare with a discrete model's.
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    values = np.asarray(images)
    if values.size == 0 or not (np.issubdtype(values.dtype, np.integer) or np.issubdtype(values.dtype, np.floating)):
        raise ValueError(f"images must be a non-empty array of 8-bit grey levels, got dtype {values.dtype} "
                         f"and shape {values.shape}")
    if not np.isfinite(values).all() or (values != np.round(values)).any() or values.min() < 0 or values.max() > 255:
        raise ValueError("images must hold whole grey levels from 0 to 255 (uint8 digits as loaded), not pixels "
                         "already scaled to [0, 1] or dequantised")
    noise = rng.random(values.shape)
    return ((values.astype(np.float64) + noise) / 256.0).astype(np.float32)


def frechet_distance(features_a: np.ndarray, features_b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two feature sets (0 for identical sets)."""
    a, b = np.asarray(features_a, np.float64), np.asarray(features_b, np.float64)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1] or min(len(a), len(b)) < 2:
        raise ValueError(f"need two (N, D) feature sets with the same D and N ≥ 2, got {a.shape} and {b.shape}")
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    # tr sqrt(A B) = sum of sqrt(eigenvalues of A^1/2 B A^1/2), a symmetric PSD matrix
    eigval, eigvec = np.linalg.eigh(cov_a)
    sqrt_a = (eigvec * np.sqrt(np.clip(eigval, 0, None))) @ eigvec.T
    cross = np.sqrt(np.clip(np.linalg.eigvalsh(sqrt_a @ cov_b @ sqrt_a), 0, None)).sum()
    value = float(((a.mean(0) - b.mean(0)) ** 2).sum() + np.trace(cov_a) + np.trace(cov_b) - 2 * cross)
    return max(value, 0.0)


def naive_gaussian_samples(n: int = 1000, seed: int = 0, shrinkage: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Samples of lecture 01's naive generator: one full-covariance Gaussian per digit on raw pixels.

    Returns uint8 images (n, 28, 28) and their labels, ``n // 10`` per digit.
    """
    (x_train, y_train), _ = datasets.load_mnist()
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for digit in range(10):
        x = x_train[y_train == digit].reshape(-1, 784) / 255.0
        cov = (1 - shrinkage) * np.cov(x, rowvar=False) + shrinkage * np.diag(x.var(0) + 1e-3)
        draws = rng.multivariate_normal(x.mean(0), cov, size=n // 10, method="cholesky")
        images.append(np.rint(np.clip(draws, 0, 1) * 255).astype(np.uint8).reshape(-1, 28, 28))
        labels.append(np.full(n // 10, digit))
    return np.concatenate(images), np.concatenate(labels)


#: Sample counts at which the course computes a Fréchet distance. The FD shrinks as samples grow (real training
#: digits against the held-out ones: about 61 at 100, 15 at 500, 6 at 1,000, 3.5 at 2,000), so every FD is taken
#: at one of these counts and printed beside the two references at the same count.
FD_COUNTS = (500, 1000, 2000)


def compute_held_out_features() -> np.ndarray:
    """Evaluator features (2,000 × 128) of the held-out test digits, computed afresh."""
    _, (x_test, _) = datasets.load_mnist()
    return classify(x_test)[1]


@lru_cache(maxsize=1)
def held_out_features() -> np.ndarray:
    """Evaluator features of the held-out test digits, the set every FD is measured against (stored, checksummed)."""
    rebuild = f"{EVALUATOR_REBUILD} --references-only"
    path = datasets.verified_path(HELD_OUT_FEATURES_FILE, HELD_OUT_FEATURES_SHA256, rebuild)
    with np.load(path, allow_pickle=False) as data:
        return data["features"].astype(np.float64)


@lru_cache(maxsize=1)
def _held_out_images() -> frozenset[bytes]:
    """The held-out test digits as [0, 1] floats, one bytes key per image, to recognise them among scored images."""
    _, (x_test, _) = datasets.load_mnist()
    return frozenset(row.tobytes() for row in to_unit_images(x_test))


def reference_features(test_features: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Evaluator features of the held-out test digits (stored, unless given) and of as many training digits."""
    (x_train, _), _ = datasets.load_mnist()
    return held_out_features() if test_features is None else test_features, classify(x_train[:N_REFERENCE])[1]


def compute_reference_distances(n: int, test_features: np.ndarray | None = None) -> dict[str, float]:
    """FD to the held-out digits of ``n`` real training digits (the floor) and of ``n`` naive-generator samples.

    ``test_features``: the held-out digits' features when they are being recomputed (default: the stored ones).
    """
    if n not in FD_COUNTS:
        raise ValueError(f"reference distances exist for {FD_COUNTS} samples, not {n}")
    test_features, train_features = reference_features(test_features)
    naive = classify(naive_gaussian_samples(n)[0])[1]
    return {
        "fd_real_train_floor": frechet_distance(train_features[:n], test_features),
        "fd_naive_gaussian": frechet_distance(naive, test_features),
    }


@cache
def reference_distances(n: int = 2000) -> dict[str, float]:
    """The two reference FDs at ``n`` samples, as stored (under a checksum) beside the evaluator weights."""
    provenance = config.data_dir() / PROVENANCE_FILE
    if provenance.is_file():
        provenance = datasets.verified_path(PROVENANCE_FILE, PROVENANCE_SHA256, EVALUATOR_REBUILD)
        stored = json.loads(provenance.read_text()).get("reference_distances", {}).get(str(n), {})
        if set(stored) == {"fd_real_train_floor", "fd_naive_gaussian"}:
            return {key: float(value) for key, value in stored.items()}
    return compute_reference_distances(n)


def evaluate_samples(images: Any, labels: Any = None) -> dict[str, Any]:
    """The scorecard numbers of a batch of 500, 1,000 or 2,000 generated digits (``labels``: requested classes).

    The Fréchet distance and its two references are computed at the batch's size (``n_samples``).
    """
    units = to_unit_images(images)
    n = len(units)
    if n not in FD_COUNTS:
        raise ValueError(f"got {n} samples: score exactly {', '.join(f'{c:,}' for c in FD_COUNTS)} samples, because "
                         "the Fréchet distance depends on their number (real digits: about 61 at 100, 15 at 500, "
                         "3.5 at 2,000) and is only comparable at equal counts")
    shared = len({row.tobytes() for row in units} & _held_out_images())
    if shared:
        raise ValueError(f"{shared} of these {n} digits are the evaluator's reference digits (the held-out test "
                         "split), which flatters the FD (all of them give 0); score generated digits, or real "
                         "training digits")
    probabilities, features = classify(units)
    scores: dict[str, Any] = {
        "recognisable_rate": recognisable_rate(probabilities),
        "mode_coverage": mode_coverage(probabilities),
    }
    if labels is not None:
        scores["conditional_accuracy"] = conditional_accuracy(probabilities, labels)
    scores["frechet_distance"] = frechet_distance(features, held_out_features())
    scores.update(reference_distances(n))
    scores["class_histogram"] = [round(float(v), 4) for v in class_histogram(probabilities)]
    scores["n_samples"] = int(n)
    return scores


def ring_coverage(
    points: Any, modes: int = 8, radius: float = 2.0, std: float = 0.02, min_count: int | None = None
) -> dict[str, float]:
    """Mode coverage of 2-D samples against ``datasets.ring_of_gaussians`` (Metz et al. 2017 style).

    A sample is high quality when it lies within 3 standard deviations of a mode's centre; a mode is
    covered when it holds at least ``min_count`` high-quality samples (default: 1% of the samples, at least 1).

    Returns:
        ``{"modes_covered": int, "high_quality_share": float}``.
    """
    if isinstance(modes, bool) or not isinstance(modes, (int, np.integer)) or modes < 1:
        raise ValueError(f"modes must be a positive number of Gaussians, got {modes!r}")
    if not (np.isfinite(radius) and radius > 0 and np.isfinite(std) and std > 0):
        raise ValueError(f"radius and std must be positive, got radius={radius!r}, std={std!r}")
    if min_count is not None and (not isinstance(min_count, (int, np.integer)) or min_count < 1):
        raise ValueError(f"min_count must be at least 1 high-quality sample per mode (or None), got {min_count!r}")
    points = np.asarray(points, np.float64)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
        raise ValueError(f"expected (N, 2) points, got shape {points.shape}")
    if not np.isfinite(points).all():
        raise ValueError("points contain NaN or inf: the generator diverged")
    angles = 2 * np.pi * np.arange(modes) / modes
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    distances = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)
    nearest, close = distances.argmin(axis=1), distances.min(axis=1) <= 3 * std
    threshold = max(1, int(0.01 * len(points))) if min_count is None else min_count
    counts = np.bincount(nearest[close], minlength=modes)
    return {"modes_covered": int((counts >= threshold).sum()), "high_quality_share": float(close.mean())}
