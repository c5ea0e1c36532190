"""The evaluator-based sample-quality metrics behave as a student would expect."""

import json

import numpy as np
import pytest
from scipy import ndimage

from course_utils import config, datasets, metrics


@pytest.fixture(scope="module")
def mnist():
    return datasets.load_mnist()


def test_evaluator_accuracy_on_bundled_test_split(mnist):
    _, (x_test, y_test) = mnist
    probabilities, features = metrics.classify(x_test)
    assert probabilities.shape == (2000, 10) and features.shape == (2000, 128)
    assert metrics.conditional_accuracy(probabilities, y_test) >= 0.98
    provenance = json.loads((config.data_dir() / "evaluator" / "provenance.json").read_text())
    assert provenance["sha256"] == metrics.EVALUATOR_SHA256 and provenance["test_accuracy"] >= 0.98


def test_real_digits_score_high(mnist):
    (x_train, y_train), _ = mnist
    scores = metrics.evaluate_samples(x_train[-2000:], labels=y_train[-2000:])
    assert scores["recognisable_rate"] > 0.95
    assert scores["mode_coverage"] == 10
    assert scores["conditional_accuracy"] > 0.97
    assert scores["frechet_distance"] < 2 * scores["fd_real_train_floor"] + 1
    assert scores["fd_real_train_floor"] < scores["fd_naive_gaussian"]


def test_noise_and_blank_images_score_low():
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, (500, 28, 28), dtype=np.uint8)
    blank = np.zeros((500, 28, 28), np.uint8)
    for images in (noise, blank):
        probabilities, _ = metrics.classify(images)
        assert metrics.recognisable_rate(probabilities) < 0.5
        assert metrics.mode_coverage(probabilities) <= 3
    noise_scores = metrics.evaluate_samples(noise)
    assert noise_scores["frechet_distance"] > noise_scores["fd_naive_gaussian"]


def test_a_one_digit_generator_covers_one_mode(mnist):
    (x_train, y_train), _ = mnist
    sevens = x_train[y_train == 7][:500]
    probabilities, _ = metrics.classify(sevens)
    assert metrics.mode_coverage(probabilities) == 1
    assert metrics.class_histogram(probabilities)[7] > 0.95


def test_frechet_distance_of_a_set_with_itself_is_zero():
    features = np.random.default_rng(1).normal(size=(300, 16))
    assert metrics.frechet_distance(features, features) == pytest.approx(0.0, abs=1e-6)
    shifted = features + 1.0
    assert metrics.frechet_distance(features, shifted) == pytest.approx(16.0, rel=1e-6)


def test_frechet_distance_matches_closed_form_for_diagonal_gaussians():
    rng = np.random.default_rng(2)
    a = rng.normal(0, 1, (20000, 3))
    b = rng.normal(0, 2, (20000, 3))
    assert metrics.frechet_distance(a, b) == pytest.approx(3 * (1 - 2) ** 2, rel=0.05)


def test_metric_helpers_on_handmade_probabilities():
    probabilities = np.eye(10)[[0, 0, 1, 2]] * 0.95 + 0.005
    assert metrics.recognisable_rate(probabilities) == 1.0
    assert metrics.recognisable_rate(np.full((4, 10), 0.1)) == 0.0
    assert metrics.mode_coverage(probabilities) == 3
    assert metrics.conditional_accuracy(probabilities, [0, 1, 1, 2]) == 0.75


@pytest.mark.parametrize(
    "images, match",
    [
        (np.zeros((4, 32, 32)), "28×28"),
        (np.zeros((0, 28, 28)), "28×28"),
        (np.full((2, 28, 28), np.nan), "NaN"),
        (np.full((2, 28, 28), -1.0), r"\(x \+ 1\) / 2"),
    ],
)
def test_bad_images_are_rejected(images, match):
    with pytest.raises(ValueError, match=match):
        metrics.to_unit_images(images)


def test_bad_labels_and_features():
    probabilities = np.full((3, 10), 0.1)
    with pytest.raises(ValueError, match="3 samples"):
        metrics.conditional_accuracy(probabilities, [1, 2])
    with pytest.raises(ValueError, match="0..9"):
        metrics.conditional_accuracy(probabilities, [1, 2, 11])
    with pytest.raises(ValueError, match="same D"):
        metrics.frechet_distance(np.zeros((5, 3)), np.zeros((5, 4)))


def test_naive_gaussian_samples_are_balanced_uint8():
    images, labels = metrics.naive_gaussian_samples(n=100, seed=0)
    assert images.shape == (100, 28, 28) and images.dtype == np.uint8
    assert np.bincount(labels).tolist() == [10] * 10


def test_corrupt_evaluator_weights_are_rejected(tmp_path, monkeypatch):
    (tmp_path / "evaluator").mkdir()
    weights = (config.data_dir() / metrics.EVALUATOR_FILE).read_bytes()
    (tmp_path / metrics.EVALUATOR_FILE).write_bytes(weights[:-100])
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    metrics.load_evaluator.cache_clear()
    try:
        with pytest.raises(ValueError, match="train_evaluator.py"):
            metrics.load_evaluator()
    finally:
        metrics.load_evaluator.cache_clear()


def test_ring_coverage_of_the_true_distribution_and_of_a_collapsed_one():
    real = datasets.ring_of_gaussians(4000, seed=0)
    assert real.shape == (4000, 2) and real.dtype == np.float32
    full = metrics.ring_coverage(real)
    assert full["modes_covered"] == 8 and full["high_quality_share"] > 0.98
    collapsed = real[np.arctan2(real[:, 1], real[:, 0]) > 2.5]  # only the mode at 180 degrees
    assert metrics.ring_coverage(collapsed)["modes_covered"] == 1
    spread = np.random.default_rng(0).uniform(-3, 3, (4000, 2))
    assert metrics.ring_coverage(spread)["high_quality_share"] < 0.05


def test_ring_bad_input():
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        metrics.ring_coverage(np.zeros((5, 3)))
    with pytest.raises(ValueError, match="NaN"):
        metrics.ring_coverage(np.full((5, 2), np.nan))
    with pytest.raises(ValueError, match="std > 0"):
        datasets.ring_of_gaussians(10, std=0)


def test_stored_reference_distances_match_a_fresh_computation():
    features = metrics.compute_held_out_features()
    stored_features = metrics.held_out_features()
    assert stored_features.shape == features.shape == (2000, 128)
    # equal on the machine that wrote them with TensorFlow's default threads; other thread counts and CPUs round
    # the convolutions differently in the last bits
    assert np.allclose(stored_features, features, rtol=0, atol=1e-4), "run scripts/train_evaluator.py --references-only"
    stored = metrics.reference_distances(500)
    fresh = metrics.compute_reference_distances(500, features)  # the cheapest count; all are under one checksum
    for key in ("fd_real_train_floor", "fd_naive_gaussian"):
        assert fresh[key] == pytest.approx(stored[key], rel=0.01), f"{key}: rerun scripts/train_evaluator.py"
    floors = [metrics.reference_distances(n)["fd_real_train_floor"] for n in metrics.FD_COUNTS]
    assert floors == sorted(floors, reverse=True) and floors[-1] < 10, f"the floor shrinks with the count: {floors}"
    assert all(metrics.reference_distances(n)["fd_naive_gaussian"] > 100 for n in metrics.FD_COUNTS)


def test_an_fd_is_computed_only_at_the_counts_its_references_exist_for(mnist):
    (x_train, _), _ = mnist
    for n in (100, 999, 2500):
        with pytest.raises(ValueError, match="depends on their number"):
            metrics.evaluate_samples(x_train[:n])
    scores = metrics.evaluate_samples(x_train[:500])
    assert scores["n_samples"] == 500 and scores["fd_real_train_floor"] == metrics.reference_distances(500)[
        "fd_real_train_floor"]


def test_tanh_to_uint8_maps_the_tanh_range_to_pixels():
    images = metrics.tanh_to_uint8(np.stack([np.full(784, -1.0), np.full(784, 1.0), np.full(784, 1.2)]))
    assert images.shape == (3, 28, 28) and images.dtype == np.uint8
    assert images[0].max() == 0 and images[1].min() == 255 and images[2].min() == 255  # clipped
    assert metrics.tanh_to_uint8(np.zeros((2, 28, 28, 1)))[0, 0, 0] == 128  # the midpoint, rounded
    with pytest.raises(ValueError, match="28×28"):
        metrics.tanh_to_uint8(np.zeros((2, 100)))
    with pytest.raises(ValueError, match="diverged"):
        metrics.tanh_to_uint8(np.full((1, 784), np.nan))


def test_the_reference_digits_themselves_are_refused(mnist):
    """Scoring the held-out digits against themselves gives FD 0 (a subset: a flattering FD); say so instead."""
    _, (x_test, _) = mnist
    for images in (x_test, x_test[:500]):
        with pytest.raises(ValueError, match="reference digits"):
            metrics.evaluate_samples(images)


def test_binarised_uint8_digits_are_refused(mnist):
    (x_train, _), _ = mnist
    binary = (x_train[:100] > 127).astype(np.uint8)
    with pytest.raises(ValueError, match="binarised"):
        metrics.classify(binary)
    assert metrics.classify(binary.astype(np.float32))[0].shape == (100, 10), "0/1 floats are valid [0, 1] images"
    assert metrics.to_unit_images(np.zeros((2, 28, 28), np.uint8)).max() == 0, "a blank uint8 batch is still valid"


@pytest.mark.parametrize("images, match", [
    (np.zeros((2, 28, 28, 3), np.float32), "one-channel"),
    (np.zeros((3, 1568), np.float32), "one-channel"),
    (np.zeros((0, 784), np.float32), "non-empty"),
    (np.full((2, 28, 28), 200, np.uint8), "dtype uint8"),
    (np.full((2, 28, 28), 200.0), r"not the \[-1, 1\]"),
])
def test_tanh_to_uint8_refuses_what_is_not_a_tanh_batch(images, match):
    with pytest.raises(ValueError, match=match):
        metrics.tanh_to_uint8(images)


def test_conditional_accuracy_refuses_nan_labels():
    probabilities = np.eye(10)[[0, 1, 2]]
    for labels in ([0, np.nan, 2], [0, 1.5, 2]):
        with pytest.raises(ValueError, match="integer digits"):
            metrics.conditional_accuracy(probabilities, labels)
    assert metrics.conditional_accuracy(probabilities, np.array([0.0, 1.0, 2.0])) == 1.0


@pytest.mark.parametrize("kwargs, match", [
    ({"min_count": 0}, "min_count"),
    ({"modes": 0}, "modes"),
    ({"std": -0.02}, "positive"),
    ({"radius": 0.0}, "positive"),
])
def test_ring_coverage_refuses_meaningless_settings(kwargs, match):
    far = np.full((100, 2), 50.0)
    with pytest.raises(ValueError, match=match):
        metrics.ring_coverage(far, **kwargs)


def test_the_stored_held_out_features_are_under_a_checksum(tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(config.data_dir() / "evaluator", data / "evaluator")
    stored = data / metrics.HELD_OUT_FEATURES_FILE
    stored.write_bytes(stored.read_bytes()[:-10])  # truncated
    monkeypatch.setattr(config, "data_dir", lambda: data)
    metrics.held_out_features.cache_clear()
    try:
        with pytest.raises(ValueError, match="--references-only"):
            metrics.held_out_features()
        stored.unlink()
        with pytest.raises(FileNotFoundError, match="--references-only"):
            metrics.held_out_features()
    finally:
        metrics.held_out_features.cache_clear()


def test_the_stored_reference_distances_are_under_a_checksum(tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(config.data_dir() / "evaluator", data / "evaluator")
    provenance = data / metrics.PROVENANCE_FILE
    provenance.write_text(provenance.read_text().replace("178.7161", "17.7161"))
    monkeypatch.setattr(config, "data_dir", lambda: data)
    metrics.reference_distances.cache_clear()
    try:
        with pytest.raises(ValueError, match="corrupt or altered"):
            metrics.reference_distances()
    finally:
        metrics.reference_distances.cache_clear()


def test_sharpness_of_flat_stripes_and_blurred_digits():
    flat = np.full((2, 28, 28), 100, np.uint8)
    assert metrics.sharpness(flat) == 0.0
    stripes = np.zeros((1, 28, 28), np.float32)
    stripes[:, :, ::2] = 1.0  # columns alternate 1, 0: every horizontal step differs by 1, no vertical one
    assert metrics.sharpness(stripes) == pytest.approx(0.5)
    _, (x_test, _) = datasets.load_mnist()
    blurred = np.stack([ndimage.uniform_filter(image.astype(np.float32), 3) for image in x_test[:50]])
    blurred = blurred.round().astype(np.uint8)
    assert metrics.sharpness(blurred) < metrics.sharpness(x_test[:50])


def test_sharpness_refuses_images_of_the_wrong_shape():
    with pytest.raises(ValueError, match="28×28"):
        metrics.sharpness(np.zeros((3, 14, 14), np.uint8))


def test_a_uniform_model_of_8_bit_pixels_scores_8_bits_per_dim():
    discrete = np.full(5, 784 * np.log(1 / 256))  # every grey level equally likely, 784 pixels
    assert metrics.bits_per_dim(discrete, 784) == pytest.approx(8.0)
    continuous = np.zeros(5)  # density 1 on [0, 1)^784, each grey level 1/256 wide
    assert metrics.bits_per_dim(continuous, 784, bin_width=1 / 256) == pytest.approx(8.0)
    binary = np.full(3, 784 * np.log(0.5))  # a fair coin per pixel of a binarised digit
    assert metrics.bits_per_dim(binary, 784) == pytest.approx(1.0)


def test_bits_per_dim_refuses_meaningless_input():
    with pytest.raises(ValueError, match="num_dims"):
        metrics.bits_per_dim([0.0], 0)
    with pytest.raises(ValueError, match="bin_width"):
        metrics.bits_per_dim([0.0], 784, bin_width=0.0)
    with pytest.raises(ValueError, match="empty"):
        metrics.bits_per_dim([], 784)
    with pytest.raises(ValueError, match="NaN or inf"):
        metrics.bits_per_dim([0.0, -np.inf], 784)


def test_dequantize_fills_each_grey_level_s_bin(mnist):
    images = mnist[0][0][:200]
    values = metrics.dequantize(images, np.random.default_rng(0))
    assert values.dtype == np.float32 and values.shape == images.shape
    assert (values >= 0).all() and (values < 1).all()
    assert np.array_equal(np.floor(values.astype(np.float64) * 256), images), "each value stays in its level's bin"
    fractions = values.astype(np.float64) * 256 - images
    assert 0.45 < fractions.mean() < 0.55 and fractions.std() > 0.25, "the noise is uniform over the bin"
    again = metrics.dequantize(images, np.random.default_rng(0))
    assert np.array_equal(values, again), "the same generator seed gives the same noise"


@pytest.mark.parametrize(("images", "match"), [
    (np.full((2, 28, 28), 0.5), "whole grey levels"),
    (np.full((2, 28, 28), 256), "whole grey levels"),
    (np.full((2, 28, 28), -1), "whole grey levels"),
    (np.array([], dtype=np.uint8), "non-empty"),
])
def test_dequantize_refuses_what_is_not_8_bit(images, match):
    with pytest.raises(ValueError, match=match):
        metrics.dequantize(images, np.random.default_rng(0))


def test_dequantize_needs_a_generator():
    with pytest.raises(ValueError, match="default_rng"):
        metrics.dequantize(np.zeros((1, 28, 28), np.uint8), 0)
