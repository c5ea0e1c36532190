import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import plots  # noqa: E402


def test_image_grid_layout_and_labels():
    images = np.random.default_rng(0).integers(0, 256, (23, 28, 28), dtype=np.uint8)
    fig = plots.image_grid(images, ncols=10, row_labels=["a", "b", "c"], suptitle="t")
    (ax,) = fig.axes
    (picture,) = ax.images
    tile = picture.get_array()
    gap = 2  # 28 // 14
    assert tile.shape == (3 * (28 + gap), 10 * (28 + gap), 4)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["a", "b", "c"] and ax.get_title() == "t"
    shown = tile[..., 3] == 1
    assert shown.sum() == 23 * 28 * 28, "23 images, the rest of the last row and the gaps transparent"
    # image 12 (row 1, column 2) is where it should be, grey levels scaled from 0-255 to 0-1
    np.testing.assert_allclose(tile[30:58, 60:88, 0], images[12] / 255, atol=1e-6)
    plt.close(fig)


def test_image_grid_titles_go_above_their_images():
    images = np.zeros((3, 28, 28))
    fig = plots.image_grid(images, ncols=2, titles=["x", "y", "z"])
    texts = {t.get_text(): t.get_position() for t in fig.axes[0].texts}
    assert set(texts) == {"x", "y", "z"}
    assert texts["y"][0] > texts["x"][0] and texts["z"][1] > texts["x"][1]  # y: next column, z: next row (down)
    assert fig.axes[0].images[0].get_array().shape[1] == 2 * 30, "ncols=2: two images per row"
    plt.close(fig)


@pytest.mark.parametrize("shape", [(4, 784), (4, 28, 28, 1), (4, 8, 8, 3)])
def test_image_grid_accepts_common_shapes(shape):
    fig = plots.image_grid(np.random.default_rng(0).uniform(-1, 1, shape), ncols=2)
    tile = fig.axes[0].images[0].get_array()
    side = 28 if len(shape) == 2 else shape[1]
    assert tile.shape[:2] == (2 * (side + max(1, side // 14)),) * 2
    assert tile[..., :3].min() >= 0 and tile[..., :3].max() <= 1
    plt.close(fig)


@pytest.mark.parametrize(
    "images, kwargs, match",
    [
        (np.zeros((0, 28, 28)), {}, "non-empty"),
        (np.zeros((28, 28)), {}, "shaped"),
        (np.full((2, 28, 28), np.nan), {}, "NaN"),
        (np.zeros((2, 28, 28)), {"titles": ["one"]}, "titles"),
        (np.zeros((2, 28, 28)), {"ncols": 0}, "ncols"),
        (np.zeros((2, 28, 28)), {"ncols": 1, "row_labels": ["x"]}, "row labels"),
    ],
)
def test_image_grid_bad_input(images, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.image_grid(images, **kwargs)


def test_plot_history_panels_and_validation():
    fig = plots.plot_history({"loss": [3, 2, 1], "val_loss": [3, 2.5, 2], "acc": [0.1, 0.5, 0.9]})
    assert len(fig.axes) == 2
    assert len(fig.axes[0].lines) == 2
    plt.close(fig)


def test_plot_history_accepts_keras_history_object():
    class History:
        history = {"loss": [1.0, 0.5]}

    fig = plots.plot_history(History())
    assert len(fig.axes) == 1
    plt.close(fig)


@pytest.mark.parametrize("history, keys", [({}, None), ({"loss": [1]}, ["acc"]), ([1, 2], None)])
def test_plot_history_bad_input(history, keys):
    with pytest.raises(ValueError):
        plots.plot_history(history, keys=keys)


def test_save_figure_writes_png(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path))
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    path = plots.save_figure(fig, "01_x", "line")
    assert path == tmp_path / "01_x" / "line.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        plots.save_figure(fig, "01_x", "a/b")
    plt.close(fig)


def test_ring_runs_one_row_per_run_with_coverage_titles():
    angles = 2 * np.pi * np.arange(8) / 8
    centres = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    full = np.repeat(centres, 50, axis=0)  # every mode hit exactly
    collapsed = np.repeat(centres[:1], 400, axis=0)
    fig = plots.ring_runs({"good": {100: full, 200: full}, "collapsed": {100: collapsed}}, ring=full)
    axes = np.array(fig.axes).reshape(2, 2)
    assert axes[0, 0].get_title() == "step 100: 8 modes, 100% HQ"
    assert axes[1, 0].get_title() == "step 100: 1 modes, 100% HQ"
    assert axes[0, 0].get_ylabel() == "good" and not axes[1, 1].axison  # the missing snapshot is blank
    plt.close(fig)


@pytest.mark.parametrize(
    ("runs", "ring", "match"),
    [
        ({}, np.zeros((4, 2)), "non-empty"),
        ({"run": {}}, np.zeros((4, 2)), "non-empty"),
        ({"run": {1: np.zeros((4, 2))}}, np.zeros((4, 3)), "ring must be"),
        ({"run": {1: np.zeros((4, 3))}}, np.zeros((4, 2)), "expected \\(N, 2\\)"),
    ],
)
def test_ring_runs_bad_input(runs, ring, match):
    with pytest.raises(ValueError, match=match):
        plots.ring_runs(runs, ring)
    plt.close("all")


def test_graphical_model_draws_a_node_per_position_an_arrow_per_edge_and_shades_the_observed():
    fig, ax = plt.subplots()
    positions = {"c": (1, 1), "a": (0, 0), "b": (2, 0)}
    plots.graphical_model(ax, positions, [("c", "a"), ("c", "b"), ("a", "b")], observed=["a", "b"], title="t")
    circles = [p for p in ax.patches if isinstance(p, plt.Circle)]
    assert len(circles) == 3 and sorted(t.get_text() for t in ax.texts if t.get_text()) == ["a", "b", "c"]
    assert sum(1 for c in circles if c.get_facecolor()[:3] != (1.0, 1.0, 1.0)) == 2, "a and b are observed"
    assert len([t for t in ax.texts if type(t).__name__ == "Annotation"]) == 3, "one arrow per edge"
    assert ax.get_title() == "t"
    plt.close(fig)


@pytest.mark.parametrize("positions, edges, observed, match", [
    ({}, [], (), "positions is empty"),
    ({"a": (0, 0)}, [("a", "b")], (), "without a position"),
    ({"a": (0, 0)}, [], ["x"], "without a position"),
    ({"a": (0, 0), "b": (0.1, 0)}, [("a", "b")], (), "overlap"),
])
def test_graphical_model_bad_input(positions, edges, observed, match):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=match):
        plots.graphical_model(ax, positions, edges, observed)
    plt.close(fig)
