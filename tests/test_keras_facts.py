"""Facts about Keras that the lectures state in prose, measured on the installed version."""

import numpy as np


def _traces_of_train_step(prebuild: bool) -> int:
    """Fit a small compiled model for two epochs; count how often fit() traced its train_step."""
    import keras

    class CountingModel(keras.Sequential):
        traces = 0

        def train_step(self, data):  # the Python body runs once per trace, not once per step
            CountingModel.traces += 1
            return super().train_step(data)

    keras.utils.set_random_seed(0)
    model = CountingModel([keras.Input((8,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(8)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    if prebuild:
        model.optimizer.build(model.trainable_variables)
    x = np.random.default_rng(0).normal(size=(64, 8)).astype("float32")
    model.fit(x, x, epochs=2, batch_size=16, verbose=0)
    return CountingModel.traces


def test_building_the_optimizer_first_saves_a_second_trace_of_the_first_step():
    """Lecture 03: Adam's slots created inside the first traced step make TensorFlow trace it twice."""
    assert _traces_of_train_step(prebuild=False) == 2
    assert _traces_of_train_step(prebuild=True) == 1
