"""parameters.check: wrong values, papermill's values against fast mode, unwritable outputs, the one line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from papermill.translators import PythonTranslator

from course_utils import parameters

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GOOD = dict(FAST=False, SEED=42, N_TRAIN=8000, EPOCHS=30, BATCH_SIZE=64, LEARNING_RATE=0.001,
            LATENT_SIZES=[2, 16], ABLATION_EPOCHS=0, RETRAIN_ALPHAS=[], VAL_FRACTION=0.25)


@pytest.fixture(autouse=True)
def _outputs(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path / "artifacts"))


def test_good_values_print_one_line_of_what_runs(capsys):
    line = parameters.check("04_variational_autoencoders", injected={}, **GOOD)
    assert capsys.readouterr().out == line + "\n" and "\n" not in line
    assert line.startswith("Full mode") and "SEED=42" in line and "EPOCHS=30" in line and "N_TRAIN=8000" in line
    assert line.endswith(str(Path(os.environ["COURSE_ARTIFACTS"]) / "04_variational_autoencoders"))
    assert parameters.check("x", injected={}, **dict(GOOD, FAST=True)).startswith("Fast mode")


@pytest.mark.parametrize("name, value, accepted", [
    ("EPOCHS", 0, "whole number >= 1"),
    ("EPOCHS", -3, "whole number >= 1"),
    ("EPOCHS", 2.5, "whole number >= 1"),
    ("EPOCHS", True, "whole number >= 1"),
    ("BATCH_SIZE", "yes", "whole number >= 1"),
    ("N_TRAIN", "8000", "whole number >= 1"),
    ("SEED", -1, "whole number >= 0"),
    ("FAST", "false", "True or False"),
    ("LEARNING_RATE", 0, "number > 0"),
    ("LEARNING_RATE", float("nan"), "number > 0"),
    ("VAL_FRACTION", 1.0, "strictly between 0 and 1"),
    ("LATENT_SIZES", [], "non-empty list"),
    ("LATENT_SIZES", [2, 0], "non-empty list"),
    ("LATENT_SIZES", 16, "non-empty list"),
    ("ABLATION_EPOCHS", -1, ">= 0"),
    ("RETRAIN_ALPHAS", [1.5], "from 0 to 1"),
])
def test_a_wrong_value_is_named_with_what_it_accepts(name, value, accepted):
    with pytest.raises(ValueError, match=rf"^{name} = .* is not valid: {name} takes .*{accepted}"):
        parameters.check("x", injected={}, **dict(GOOD, **{name: value}))


def test_an_unknown_parameter_is_refused():
    with pytest.raises(ValueError, match="N_EPOCHS is not a parameter the course knows"):
        parameters.check("x", injected={}, **dict(GOOD, N_EPOCHS=3))


def test_papermill_values_are_read_from_its_injected_cell():
    cell = PythonTranslator.codify({"FAST": "false", "EPOCHS": 50, "LATENT_SIZES": [2, 4]})
    assert cell.startswith(parameters.PAPERMILL_MARKER)
    read = parameters.papermill_values(["", "FAST = False\nEPOCHS = 30\n", cell, "print(EPOCHS)"])
    assert read == {"FAST": "false", "EPOCHS": 50, "LATENT_SIZES": [2, 4]}
    assert parameters.papermill_values(["FAST = False", "# a comment\nEPOCHS = 3"]) == {}


def test_fast_mode_refuses_a_papermill_value_it_would_replace():
    with pytest.raises(ValueError, match=r"papermill was given EPOCHS = 50, but fast mode sets EPOCHS = 4 itself: "
                                         r"drop -p EPOCHS, or run in full mode"):
        parameters.check("x", injected={"FAST": True, "EPOCHS": 50}, **dict(GOOD, FAST=True, EPOCHS=4))
    # values fast mode leaves alone, and FAST itself in papermill's string form, are fine
    parameters.check("x", injected={"FAST": "true", "SEED": 1, "BATCH_SIZE": 64}, **dict(GOOD, FAST=True, SEED=1))


def test_a_papermill_value_the_lecture_does_not_have_is_refused():
    with pytest.raises(ValueError, match="papermill was given EPOCH = 5, which is not a parameter of this lecture"):
        parameters.check("x", injected={"EPOCH": 5}, **GOOD)


def test_unwritable_outputs_are_refused_before_any_work(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COURSE_ARTIFACTS", str(blocker))
    with pytest.raises(PermissionError, match="COURSE_ARTIFACTS"):
        parameters.check("x", injected={}, **GOOD)


def test_every_parameter_of_every_lecture_is_known():
    import ast

    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        cell = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
        values = {s.targets[0].id: ast.literal_eval(s.value) for s in ast.parse("".join(cell["source"])).body}
        parameters.check(notebook.stem, injected={}, **values)  # every shipped default is valid


def test_a_papermill_run_stops_at_the_parameters_with_the_message(tmp_path):
    """Through papermill itself: its injected cell is found, and fast mode refuses a value it would replace."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from course_utils import config, parameters"),
        nbformat.v4.new_code_cell("FAST = False\nSEED = 42\nEPOCHS = 30", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("FAST = config.is_fast(FAST)\nif FAST:\n    EPOCHS = 4\n"
                                  "parameters.check('x', FAST=FAST, SEED=SEED, EPOCHS=EPOCHS)"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(notebook, tmp_path / "in.ipynb")
    env = dict(os.environ, COURSE_FAST="0", COURSE_ARTIFACTS=str(tmp_path / "artifacts"))
    done = subprocess.run([str(BIN / "papermill"), str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"),
                           "-p", "FAST", "true", "-p", "EPOCHS", "50"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode != 0, "papermill ran through"
    assert "papermill was given EPOCHS = 50, but fast mode sets EPOCHS = 4 itself" in done.stderr, done.stderr[-2000:]
