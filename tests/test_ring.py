"""course_utils.ring: the toy networks of the ring-of-Gaussians experiment (lectures 06 and 09)."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def keras():
    """Keras, imported by the first test that needs it (seconds that collecting the tests should not spend)."""
    return pytest.importorskip("keras")


@pytest.fixture(scope="module")
def ring(keras):
    from course_utils import ring

    return ring


def test_generator_maps_noise_to_points_in_the_plane(keras, ring):
    generator = ring.build_ring_generator()
    assert generator.name == "ring_generator"
    assert generator.input_shape == (None, ring.LATENT_DIM) and generator.output_shape == (None, 2)
    dense = [layer for layer in generator.layers if isinstance(layer, keras.layers.Dense)]
    assert [layer.units for layer in dense] == [ring.WIDTH] * ring.DEPTH + [2]
    assert dense[-1].activation is keras.activations.linear, "the output point must be unbounded"
    points = keras.ops.convert_to_numpy(generator(np.zeros((3, ring.LATENT_DIM), np.float32)))
    assert points.shape == (3, 2) and np.isfinite(points).all()


def test_generator_sizes_are_configurable(keras, ring):
    generator = ring.build_ring_generator(latent_dim=4, width=8, depth=3, name="small")
    dense = [layer for layer in generator.layers if isinstance(layer, keras.layers.Dense)]
    assert generator.name == "small" and generator.input_shape == (None, 4)
    assert [layer.units for layer in dense] == [8, 8, 8, 2]
    assert generator.count_params() == (4 * 8 + 8) + 2 * (8 * 8 + 8) + (8 * 2 + 2)


def test_discriminator_returns_one_unbounded_score(keras, ring):
    discriminator = ring.build_ring_discriminator()
    assert discriminator.name == "ring_discriminator"
    assert discriminator.input_shape == (None, 2) and discriminator.output_shape == (None, 1)
    dense = [layer for layer in discriminator.layers if isinstance(layer, keras.layers.Dense)]
    assert [layer.units for layer in dense] == [ring.WIDTH] * ring.DEPTH + [1]
    assert dense[-1].activation is keras.activations.linear, "a logit / critic score, no sigmoid"
    assert all(isinstance(layer, keras.layers.Dense) for layer in discriminator.layers), "no normalisation layers"
    scores = keras.ops.convert_to_numpy(discriminator(np.full((2, 2), 50.0, np.float32)))
    assert scores.shape == (2, 1) and np.isfinite(scores).all()


def test_discriminator_applies_input_layers_first_and_serves_as_a_critic(keras, ring):
    extra = keras.layers.Lambda(lambda x: keras.ops.concatenate([x, x[:, :1]], axis=1))
    critic = ring.build_ring_discriminator(width=8, depth=1, input_layers=[extra], name="ring_critic")
    assert critic.name == "ring_critic" and critic.layers[0] is extra
    assert critic.layers[1].kernel.shape == (3, 8), "the first hidden layer sees the extra feature"
    assert critic.output_shape == (None, 1)


@pytest.mark.parametrize("kwargs, match", [
    ({"latent_dim": 0}, "latent_dim must be a positive whole number"),
    ({"width": 12.5}, "width must be a positive whole number"),
    ({"depth": -1}, "depth must be a positive whole number"),
    ({"latent_dim": True}, "latent_dim must be a positive whole number"),
])
def test_generator_rejects_bad_sizes(ring, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ring.build_ring_generator(**kwargs)


@pytest.mark.parametrize("kwargs, match", [
    ({"width": 0}, "width must be a positive whole number"),
    ({"depth": "2"}, "depth must be a positive whole number"),
    ({"input_layers": [np.zeros(2)]}, "input_layers must hold Keras layers, got ndarray"),
])
def test_discriminator_rejects_bad_arguments(ring, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ring.build_ring_discriminator(**kwargs)


def test_discriminator_asks_for_a_list_when_given_one_layer(keras, ring):
    with pytest.raises(ValueError, match=r"wrap a single layer as \[layer\]"):
        ring.build_ring_discriminator(input_layers=keras.layers.Dense(2))
