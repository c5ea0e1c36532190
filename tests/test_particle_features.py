"""course_utils.particle_features: the classifier inputs of lectures 115 and 16."""

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from course_utils import particle_features, particles


def tracks(**changes) -> pd.DataFrame:
    """Three hand-made tracks: a positron with a shower, a pion with nothing measured but β, a slow proton."""
    frame = pd.DataFrame({"id": [-11, 211, 2212], "p": [1.0, 2.0, 0.5], "theta": [0.3, 0.9, 0.2],
                          "beta": [1.01, 0.99, 0.5], "nphe": [20, 0, 0], "ein": [0.2, 0.0, 0.03],
                          "eout": [0.05, 0.0, 0.0]})
    return frame.assign(**changes)


def test_columns_and_values():
    out = particle_features.features(tracks())
    assert list(out.columns) == [*particle_features.BASE_FEATURES, *particle_features.PHYSICS_FEATURES]
    assert np.allclose(out["log_p"], np.log([1.0, 2.0, 0.5]))
    assert np.allclose(out["m2"], [1.0 * (1 / 1.01**2 - 1), 4.0 * (1 / 0.99**2 - 1), 0.25 * 3.0])
    assert out.loc[0, "m2"] < 0, "β > 1 gives a negative m² (the sign is kept)"
    assert np.isclose(out.loc[0, "e_over_p"], 0.25) and np.isclose(out.loc[2, "e_over_p"], 0.06)


def test_zeros_become_missing():
    out = particle_features.features(tracks())
    assert out.loc[1, ["log_nphe", "log_ein", "log_eout", "e_over_p"]].isna().all(), "nothing measured: all NaN"
    assert np.isclose(out.loc[0, "log_nphe"], np.log(20)) and np.isnan(out.loc[2, "log_eout"])
    assert out[["log_p", "theta", "beta", "m2"]].notna().all().all()


def test_base_only_and_index_kept():
    frame = tracks().set_index(pd.Index([7, 3, 5]))
    out = particle_features.features(frame, physics=False)
    assert list(out.columns) == list(particle_features.BASE_FEATURES)
    assert list(out.index) == [7, 3, 5]


def test_simulated_tracks():
    frame = particles.simulate(500, seed=0)
    out = particle_features.features(frame)
    assert out.shape == (500, 8) and np.isfinite(out[["log_p", "theta", "beta", "m2"]]).all().all()
    protons = frame["id"].to_numpy() == 2212
    assert abs(np.sqrt(np.median(out["m2"][protons])) / particles.MASSES[2212] - 1) < 0.05


@pytest.mark.parametrize(("bad", "message"), [
    (np.zeros((3, 6)), "pandas DataFrame"),
    (tracks().drop(columns=["eout"]), "lack the columns"),
    (tracks(p=[1.0, 0.0, 0.5]), "p > 0"),
    (tracks(beta=[1.0, -0.5, 0.5]), "beta > 0"),
    (tracks(ein=[0.2, np.nan, 0.0]), "NaN"),
    (tracks(nphe=[1, -3, 0]), ">= 0"),
    (tracks(theta=["a", "b", "c"]), "numeric"),
])
def test_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        particle_features.features(bad)


def test_boosted_tree_settings_fit_simulated_tracks():
    """The shared settings of lecture 15's tree study are valid scikit-learn parameters and learn the species."""
    frame = particles.simulate(3000, seed=1)
    model = HistGradientBoostingClassifier(**particle_features.BOOSTED_TREES, max_iter=30, random_state=0)
    model.fit(particle_features.features(frame), frame["id"])
    assert model.get_params()["l2_regularization"] == particle_features.BOOSTED_TREES["l2_regularization"]
    assert np.mean(model.predict(particle_features.features(frame)) == frame["id"]) > 0.9
