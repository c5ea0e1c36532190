import os
import subprocess
import sys

import pytest

from course_utils import config


def test_is_fast_from_parameter_and_environment(monkeypatch):
    monkeypatch.delenv("COURSE_FAST", raising=False)
    assert config.is_fast(False) is False
    assert config.is_fast(True) is True
    monkeypatch.setenv("COURSE_FAST", "1")
    assert config.is_fast(False) is True
    monkeypatch.setenv("COURSE_FAST", "0")
    assert config.is_fast(False) is False


def test_is_fast_rejects_garbage(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "maybe")
    with pytest.raises(ValueError, match="COURSE_FAST"):
        config.is_fast(False)


def test_quiet_tensorflow_sets_defaults_without_overriding(monkeypatch):
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "1")
    monkeypatch.delenv("TF_NUM_INTEROP_THREADS", raising=False)
    config.quiet_tensorflow(log_level=2, threads=2)
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "2"
    assert os.environ["TF_NUM_INTRAOP_THREADS"] == "1"  # the harness's value wins
    assert os.environ["TF_NUM_INTEROP_THREADS"] == "2"


@pytest.mark.parametrize("kwargs", [{"log_level": 7}, {"threads": 0}])
def test_quiet_tensorflow_bad_input(kwargs):
    with pytest.raises(ValueError):
        config.quiet_tensorflow(**kwargs)


def test_import_has_no_side_effects():
    code = (
        "import os, sys; before = dict(os.environ); import course_utils.config, course_utils.datasets, "
        "course_utils.plots, course_utils.artifacts; "
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'imported TF'; "
        "assert dict(os.environ) == before, 'changed the environment'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_set_seed_makes_numpy_and_keras_reproducible():
    import keras
    import numpy as np

    config.set_seed(3)
    a = (np.random.rand(3), keras.random.normal((3,)).numpy())
    config.set_seed(3)
    b = (np.random.rand(3), keras.random.normal((3,)).numpy())
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize("seed", [-1, 1.5, "3"])
def test_set_seed_bad_input(seed):
    with pytest.raises(ValueError, match="seed"):
        config.set_seed(seed)


def test_in_colab_false_here():
    assert config.in_colab() is False


def test_paths(tmp_path, monkeypatch):
    assert config.project_root() is not None
    assert (config.data_dir() / "mnist").is_dir()
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path))
    path = config.artifacts_dir("03_autoencoders")
    assert path == tmp_path / "03_autoencoders" and path.is_dir()
    with pytest.raises(ValueError, match="stem"):
        config.artifacts_dir("notebooks/03_autoencoders.ipynb")


def test_badges_and_colab_command_use_the_one_repository_url():
    urls = config.badge_urls("notebooks/01_x.ipynb")
    slug = config.REPO_URL.removeprefix("https://github.com/")
    assert urls["colab"] == f"https://colab.research.google.com/github/{slug}/blob/{config.REPO_REF}/notebooks/01_x.ipynb"
    assert urls["source"] == f"{config.REPO_URL}/blob/{config.REPO_REF}/notebooks/01_x.ipynb"
    assert config.REPO_URL in config.colab_install_command()


@pytest.mark.parametrize("value, expected", [
    ("false", False), ("False", False), ("no", False), ("0", False), (0, False), ("off", False),
    ("true", True), ("True", True), ("yes", True), ("1", True), (1, True), (True, True),
])
def test_is_fast_reads_the_strings_papermill_injects(monkeypatch, value, expected):
    """`papermill -p FAST false` injects the string "false", which bool() reads as true: a full run ran fast."""
    monkeypatch.delenv("COURSE_FAST", raising=False)
    assert config.is_fast(value) is expected


@pytest.mark.parametrize("value", ["maybe", "", 2, -1, 0.5, None, [True]])
def test_is_fast_refuses_what_is_not_yes_or_no(monkeypatch, value):
    monkeypatch.delenv("COURSE_FAST", raising=False)
    with pytest.raises(ValueError, match=r"FAST = .* is not a yes/no value: use True or False"):
        config.is_fast(value)


def test_quiet_tensorflow_silences_the_cuda_probe_lines_of_a_cpu_machine():
    code = ("from course_utils import config; config.quiet_tensorflow(); import keras; import tensorflow as tf; "
            "import sys; print(float(tf.constant(2.0) * 3)); print('stderr still works', file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0 and done.stdout == "6.0\n", done.stderr
    assert done.stderr == "stderr still works\n", f"TensorFlow's start-up lines reached the student: {done.stderr!r}"


def test_stderr_is_restored_after_an_error(capfd):
    with pytest.raises(RuntimeError), config._stderr_silenced():
        os.write(2, b"hidden\n")
        raise RuntimeError("boom")
    os.write(2, b"shown\n")
    assert capfd.readouterr().err == "shown\n"
