"""The toy networks of the ring-of-Gaussians experiment (lectures 06 and 09).

The data are ``datasets.ring_of_gaussians`` and the score is ``metrics.ring_coverage``; this module only builds
the two small networks, so that both lectures train exactly the same generator and the same discriminator
(lecture 09 calls the latter its critic). Both end in a plain ``Dense`` unit: the discriminator returns a
*logit* (use ``from_logits=True`` or ``softplus`` losses) and the same network serves as a WGAN critic, which
must have neither a sigmoid nor a normalisation layer.

Import this module only in a notebook that already uses Keras: it imports Keras itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras

#: Size of the generator's noise vector in both lectures.
LATENT_DIM = 16
#: Units of each hidden layer in both lectures.
WIDTH = 128
#: Hidden layers of each network in both lectures.
DEPTH = 2


def _check_size(name: str, value: object) -> int:
    """``value`` as an int if it is a positive whole number, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {value!r}")
    return value


def _hidden(width: int, depth: int) -> list[keras.layers.Layer]:
    """``depth`` ReLU layers of ``width`` units."""
    return [keras.layers.Dense(width, activation="relu") for _ in range(depth)]


def build_ring_generator(
    latent_dim: int = LATENT_DIM, width: int = WIDTH, depth: int = DEPTH, name: str = "ring_generator"
) -> keras.Sequential:
    """The ring generator: noise (``latent_dim``) -> ``depth`` ReLU layers of ``width`` -> a point in the plane.

    Args:
        latent_dim: size of the noise vector z.
        width: units per hidden layer.
        depth: number of hidden layers.
        name: the model's name.
    Returns:
        An uncompiled ``keras.Sequential`` mapping (N, latent_dim) to (N, 2), with a linear output.
    """
    latent_dim, width, depth = (_check_size(k, v) for k, v in
                                (("latent_dim", latent_dim), ("width", width), ("depth", depth)))
    return keras.Sequential(
        [keras.Input((latent_dim,)), *_hidden(width, depth), keras.layers.Dense(2)], name=name
    )


def build_ring_discriminator(
    width: int = WIDTH,
    depth: int = DEPTH,
    input_layers: Sequence[keras.layers.Layer] = (),
    name: str = "ring_discriminator",
) -> keras.Sequential:
    """The ring discriminator (or WGAN critic): a point -> [``input_layers``] -> ``depth`` ReLU layers -> one score.

    The output is a single unbounded number: a logit for a GAN's discriminator (D(x) = sigmoid of it), or
    the critic's value in a WGAN. There is no sigmoid and no normalisation layer.

    Args:
        width: units per hidden layer.
        depth: number of hidden layers.
        input_layers: Keras layers applied to the (N, 2) points first, e.g. a minibatch standard-deviation layer
            (lecture 06's remedy for mode collapse). Pass fresh layer instances for every model.
        name: the model's name (lecture 09 uses "ring_critic").
    Returns:
        An uncompiled ``keras.Sequential`` mapping (N, 2) to (N, 1).
    """
    width, depth = _check_size("width", width), _check_size("depth", depth)
    if isinstance(input_layers, keras.layers.Layer):
        raise ValueError("input_layers must be a sequence of layers: wrap a single layer as [layer]")
    input_layers = list(input_layers)
    for layer in input_layers:
        if not isinstance(layer, keras.layers.Layer):
            raise ValueError(f"input_layers must hold Keras layers, got {type(layer).__name__}")
    return keras.Sequential(
        [keras.Input((2,)), *input_layers, *_hidden(width, depth), keras.layers.Dense(1)], name=name
    )
