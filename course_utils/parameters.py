"""The check every notebook runs on its parameters before any work: types, ranges, and what papermill passed.

A lecture's ``parameters`` cell holds literals (``FAST``, ``SEED``, epochs, sizes); papermill can replace them
(``papermill NB OUT -p EPOCHS 5``) by a cell it injects after that one, and fast mode then replaces some of
them by small values. :func:`check` runs after both, in the derived-configuration cell, and

- refuses a value of the wrong type or range (``EPOCHS = 0``, ``BATCH_SIZE = "yes"``) with an error that names
  the parameter and what it accepts, instead of a failure deep inside Keras later;
- refuses a parameter given to papermill that fast mode replaces (``-p FAST True -p EPOCHS 50``), and one the
  lecture does not have (``-p EPOCH 5``): fast mode sets its own sizes, full mode takes every value as given;
- checks that the notebook can write its outputs before it trains for minutes;
- prints one line saying what will run.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

from course_utils import config

#: Where papermill's injected cell starts: its first line.
PAPERMILL_MARKER = "# Parameters"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) and math.isfinite(value)


def _sequence_of(check: Callable[[object], bool], allow_empty: bool) -> Callable[[object], bool]:
    def accepts(value: object) -> bool:
        return isinstance(value, (list, tuple)) and (allow_empty or len(value) > 0) and all(map(check, value))
    return accepts


def _count(value: object) -> bool:
    return _is_int(value) and value >= 1


def _unit(value: object) -> bool:
    return _is_number(value) and 0 <= value <= 1


_KINDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "yes/no": (lambda v: isinstance(v, bool), "True or False"),
    "count": (_count, "a whole number >= 1"),
    "count or zero": (lambda v: _is_int(v) and v >= 0, "a whole number >= 0 (0 skips it)"),
    "seed": (lambda v: _is_int(v) and v >= 0, "a whole number >= 0"),
    "digit": (lambda v: _is_int(v) and 0 <= v <= 9, "a digit class, 0 to 9"),
    "positive": (lambda v: _is_number(v) and v > 0, "a number > 0"),
    "non-negative": (lambda v: _is_number(v) and v >= 0, "a number >= 0"),
    "unit": (_unit, "a number from 0 to 1"),
    "fraction": (lambda v: _is_number(v) and 0 < v < 1, "a number strictly between 0 and 1"),
    "counts": (_sequence_of(_count, allow_empty=False), "a non-empty list of whole numbers >= 1, e.g. [2, 16]"),
    "units": (_sequence_of(_unit, allow_empty=False), "a non-empty list of numbers from 0 to 1, e.g. [0.0, 0.5]"),
    "units or none": (_sequence_of(_unit, allow_empty=True), "a list of numbers from 0 to 1, possibly empty"),
    "folder": (lambda v: isinstance(v, str), "a folder path as a string (\"\" for the course's bundled files)"),
}

#: Every parameter of the course's lectures and what it accepts. A new parameter is added here.
PARAMETERS: dict[str, str] = {
    "FAST": "yes/no", "SEED": "seed", "HELD_OUT_SEED": "seed", "HELD_OUT_DIGIT": "digit",
    **dict.fromkeys([
        "N_PCA", "N_SIZES", "N_REPEATS", "N_EVAL", "N_OUTLIERS", "SAMPLES_PER_CLASS", "N_SHOWN", "N_SAMPLES",
        "N_TRAIN", "N_TEST", "N_ROWS", "N_HELD_OUT", "N_GENERATED", "N_MC", "N_PER_DIGIT", "N_MONITOR", "N_POOL",
        "N_MOVED", "N_BOOTSTRAP", "N_TIMING_LARGE", "EPOCHS", "CONV_EPOCHS", "WIDE_EPOCHS", "SWEEP_EPOCHS",
        "EPOCHS_RESIZE", "EPOCHS_VANILLA", "GAN_EPOCHS", "STEPS_1D", "STEPS_RING", "STEPS_LINE", "KERAS2_ROUNDS",
        "N_CRITIC", "PIX2PIX_EPOCHS", "CYCLE_EPOCHS", "FEW_LABEL_EPOCHS", "CGAN_EPOCHS", "N_LABELLED",
        "FVSBN_EPOCHS", "FILTERS", "N_COMPLETED", "SAMPLED_ROWS", "RING_EPOCHS", "COUPLINGS", "DIFFUSION_STEPS",
        "N_CHAINS", "N_TABLE", "AE_EPOCHS", "FM_STEPS", "GUIDED_STEPS", "FLOW_EPOCHS",
        "EVAL_EVERY", "BATCH_SIZE", "LATENT_DIM", "WIDE_DIM", "WIDTH", "HGB_MAX_ITER", "N_SEQUENCES", "SEQUENCE_LENGTH",
    ], "count"),
    "ABLATION_EPOCHS": "count or zero", "INFO_EPOCHS": "count", "WARMUP_EPOCHS": "count or zero",
    **dict.fromkeys(["LEARNING_RATE", "L1_WEIGHT", "ALPHA", "BETA", "BETA_HIGH", "NOISE_STD", "VAR_FLOOR"], "positive"),
    **dict.fromkeys(["MISMATCH_WEIGHT", "CYCLE_WEIGHT", "INFO_WEIGHT", "GP_WEIGHT"], "non-negative"),
    "SHRINKAGE": "unit",
    "VAL_FRACTION": "fraction", "DECAY_FRACTION": "fraction", "EMA_DECAY": "fraction",
    "LATENT_SIZES": "counts", "KNN_NEIGHBOURS": "counts", "ALPHAS": "units", "RETRAIN_ALPHAS": "units or none",
    "DATA_FOLDER": "folder",
}


def papermill_values(cell_sources: list[str]) -> dict[str, object]:
    """The values papermill injected, read from the sources of the cells run so far (IPython's ``In``).

    Papermill injects one cell whose first line is ``# Parameters``, of literal assignments; the last such cell
    wins. Returns an empty dict when the notebook was not run by papermill.
    """
    values: dict[str, object] = {}
    for source in cell_sources:
        if not source.lstrip().startswith(PAPERMILL_MARKER):
            continue
        values = {}
        for node in ast.parse(source).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    values[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    values[node.targets[0].id] = ast.unparse(node.value)
    return values


def _cells_run_so_far() -> list[str]:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no cells, no papermill
        return []
    shell = get_ipython()
    return list(shell.user_ns.get("In", [])) if shell is not None else []


def check(notebook: str, injected: Mapping[str, object] | None = None, **values: object) -> str:
    """Check a notebook's parameters (after fast mode has set its own) and say in one line what will run.

    Args:
        notebook: the notebook's stem; its outputs folder (``artifacts/<stem>/``) must be writable.
        injected: what papermill passed; by default read from the cells run so far (:func:`papermill_values`).
        **values: every parameter of the notebook's parameters cell, by name, as the notebook will use it.

    Returns:
        The one line, also printed: mode, seed, every other parameter, and where outputs go.

    Raises:
        ValueError: naming the parameter and what it accepts, for a wrong value, an unknown name, or a parameter
            given to papermill that fast mode replaces.
        PermissionError: when the outputs folder cannot be written.
    """
    if "FAST" not in values or "SEED" not in values:
        raise ValueError("pass at least FAST and SEED (and every other parameter of the parameters cell)")
    for name, value in values.items():
        if name not in PARAMETERS:
            raise ValueError(f"{name} is not a parameter the course knows: add it to "
                             f"course_utils.parameters.PARAMETERS with what it accepts")
        accepts, description = _KINDS[PARAMETERS[name]]
        if not accepts(value):
            raise ValueError(f"{name} = {value!r} is not valid: {name} takes {description}")
    injected = papermill_values(_cells_run_so_far()) if injected is None else injected
    fast = values["FAST"]
    for name, given in injected.items():
        if name not in values:
            raise ValueError(f"papermill was given {name} = {given!r}, which is not a parameter of this lecture; its "
                             f"parameters are {', '.join(values)}")
        if fast and name != "FAST" and given != values[name]:
            raise ValueError(f"papermill was given {name} = {given!r}, but fast mode sets {name} = {values[name]!r} "
                             f"itself: drop -p {name}, or run in full mode (-p FAST False, {config.FAST_ENV} unset), "
                             "where every parameter is yours to set")
    outputs = config.artifacts_dir(notebook)
    mode = (f"Fast mode (small data, few epochs; FAST = False and {config.FAST_ENV} unset for the full run)" if fast
            else "Full mode (the lecture's real schedule)")
    rest = ", ".join(f"{name}={value!r}" for name, value in values.items() if name not in ("FAST", "SEED"))
    line = f"{mode}, SEED={values['SEED']}: {rest}; outputs in {outputs}"
    print(line)
    return line
