"""course_utils.callbacks: the sample-grid callback of the GAN lectures."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def callbacks():
    """course_utils.callbacks, imported by the first test that needs it: importing Keras takes seconds, which
    collecting the tests should not spend in every pytest worker."""
    pytest.importorskip("keras")
    from course_utils import callbacks

    return callbacks


def blank_digits(model, z, labels):
    """A stand-in sampler: one mid-grey 28x28 digit per code."""
    return np.full((len(z), 28, 28), 128, np.uint8)


def test_sample_monitor_keeps_grids_and_scores_on_due_epochs(callbacks, capsys):
    monitor = callbacks.SampleMonitor(blank_digits, np.zeros((4, 2)), np.zeros((500, 2)), every=3, log_keys=("d_loss",))
    for epoch in range(6):
        monitor.on_epoch_end(epoch, {"d_loss": 0.5})
    assert sorted(monitor.grids) == [1, 3, 6] and sorted(monitor.scores) == [1, 3, 6]
    assert monitor.grids[3].shape == (4, 28, 28) and monitor.grids[3].dtype == np.uint8
    assert set(monitor.scores[1]) == {"recognisable_rate", "mode_coverage", "frechet_distance"}
    assert "d_loss 0.500" in capsys.readouterr().out


def test_sample_monitor_scores_conditional_accuracy_with_labels(callbacks):
    labels = np.arange(500) % 10
    monitor = callbacks.SampleMonitor(blank_digits, np.zeros((10, 2)), np.zeros((500, 2)), every=1,
                                      labels_grid=np.arange(10), labels_eval=labels)
    monitor.on_epoch_end(0, {})
    assert 0.0 <= monitor.scores[1]["conditional_accuracy"] <= 1.0


@pytest.mark.parametrize("kwargs, match", [
    ({"every": 0}, "positive"),
    ({"every": 2, "z_eval": np.zeros((0, 2))}, "z_eval is empty"),
    ({"every": 2, "labels_grid": np.arange(3)}, "labels_grid has 3 entries for 4 codes"),
])
def test_sample_monitor_rejects_bad_arguments(callbacks, kwargs, match):
    arguments = {"z_grid": np.zeros((4, 2)), "z_eval": np.zeros((8, 2))} | kwargs
    with pytest.raises(ValueError, match=match):
        callbacks.SampleMonitor(blank_digits, **arguments)
