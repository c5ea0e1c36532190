"""Classifier inputs built from the particle-detector tracks of lectures 115 and 16.

A track has a momentum ``p`` (GeV/c), a polar angle ``theta`` (rad), a measured speed ``beta`` and three
responses that read exactly 0 when they were not measured (``nphe``, ``ein``, ``eout``). ``features`` turns a
frame of tracks into model inputs: log-scaled responses with the zeros as ``NaN`` (missing), plus two features
from physics, the squared-mass estimate m² = p²(1/β² - 1) and the calorimeter energy over momentum E/p.
``BOOSTED_TREES`` holds the settings of lecture 15's boosted-tree study, which lecture 16 reuses for its
train-on-generated test, so the two lectures cannot drift apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ZEROABLE = ("nphe", "ein", "eout")  # responses for which 0 means "not measured"
INPUT_COLUMNS = ("p", "theta", "beta", *ZEROABLE)
BASE_FEATURES = ("log_p", "theta", "beta", *(f"log_{column}" for column in ZEROABLE))
PHYSICS_FEATURES = ("m2", "e_over_p")
BOOSTED_TREES = {  # HistGradientBoostingClassifier settings of lecture 15's Study 3 (add max_iter, random_state)
    "learning_rate": 0.05,
    "l2_regularization": 1.0,  # caps a leaf's Newton step where a few rare tracks sit (lecture 15 measures why)
    "early_stopping": True,  # on an internal 10 % of the data the trees are fitted on
}


def _check_tracks(frame: pd.DataFrame) -> None:
    """Raise a ValueError naming the problem if `frame` is not a frame of detector tracks."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"features() needs a pandas DataFrame of tracks, got {type(frame).__name__}")
    missing = [column for column in INPUT_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"the tracks lack the columns {missing}; features() needs {list(INPUT_COLUMNS)} "
                         "(as in particles.load_particles() or particles.simulate())")
    values = frame[list(INPUT_COLUMNS)]
    if not all(pd.api.types.is_numeric_dtype(dtype) for dtype in values.dtypes):
        raise ValueError(f"the columns {list(INPUT_COLUMNS)} must be numeric, got {dict(values.dtypes.astype(str))}")
    if values.isna().to_numpy().any():
        raise ValueError("the tracks contain NaN; a response that was not measured is 0, not NaN")
    for column in ("p", "beta"):
        if not (frame[column] > 0).all():
            raise ValueError(f"every track needs {column} > 0 (log p and 1/β² are taken), "
                             f"got a minimum of {frame[column].min()!r}")
    if (values[list(ZEROABLE)] < 0).to_numpy().any():
        raise ValueError(f"the responses {list(ZEROABLE)} must be >= 0 (0 = not measured)")


def features(frame: pd.DataFrame, physics: bool = True) -> pd.DataFrame:
    """Model inputs of a frame of tracks: log-scaled responses with zeros as NaN, plus m² and E/p.

    Args:
        frame: tracks with (at least) the columns p, theta, beta, nphe, ein, eout; other columns are ignored.
        physics: also return the physics features m2 = p²(1/β² - 1) (negative when the measured β exceeds 1)
            and e_over_p = (ein + eout) / p (NaN when neither calorimeter measured energy).

    Returns:
        DataFrame with the frame's index and the columns BASE_FEATURES (+ PHYSICS_FEATURES if physics).
    """
    _check_tracks(frame)
    out = pd.DataFrame({"log_p": np.log(frame["p"]), "theta": frame["theta"], "beta": frame["beta"]},
                       index=frame.index)
    for column in ZEROABLE:
        out[f"log_{column}"] = np.log(frame[column].where(frame[column] > 0))
    if physics:
        out["m2"] = frame["p"] ** 2 * (1 / frame["beta"] ** 2 - 1)
        energy = frame["ein"] + frame["eout"]
        out["e_over_p"] = (energy / frame["p"]).where(energy > 0)
    return out
