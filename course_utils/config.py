"""Run-time configuration for the notebooks: fast mode, seeds, TensorFlow settings, paths.

Nothing here runs at import time; each notebook calls these functions explicitly.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import os
import re
import sys
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

import numpy as np

#: The course's public repository: the one place its URL is kept (badges, Colab install).
REPO_URL = "https://github.com/generative-models-course/generative-models"
#: The release tag the badges and the Colab install point at: ``v`` + the version in pyproject.toml, so Colab
#: installs a fixed release, not a moving branch. ``scripts/retarget.py`` changes both constants and every link.
REPO_REF = "v0.1.0"

FAST_ENV = "COURSE_FAST"
_PACKAGE_DIR = Path(__file__).resolve().parent


_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def as_bool(name: str, value: object) -> bool:
    """A yes/no parameter as a bool, from a bool, 0/1 or the strings papermill injects (``-p FAST false``).

    Raises:
        ValueError: naming the parameter and the accepted values, for anything else.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{name} = {value!r} is not a yes/no value: use True or False "
                     f"(papermill: -p {name} True; also accepted: {', '.join(_TRUE + _FALSE)})")


def is_fast(fast: object = False) -> bool:
    """Return True when fast mode is on: ``fast`` is true or ``COURSE_FAST=1`` is set.

    Args:
        fast: the notebook's ``FAST`` parameter: a bool, 0/1, or a string such as "false" that papermill
            injects for ``-p FAST false`` (any other value raises a ValueError naming FAST).
    """
    env = os.environ.get(FAST_ENV, "").strip().lower()
    if env not in ("", "0", "1", "true", "false"):
        raise ValueError(f"{FAST_ENV}={env!r} is not understood: set it to 1 (fast) or 0 (full).")
    return as_bool("FAST", fast) or env in ("1", "true")


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null (C++ code writes there directly, past sys.stderr), then restore it."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


class _QuietTensorFlowImport(importlib.abc.MetaPathFinder):
    """Silences the lines TensorFlow's C++ core prints while it first loads (CUDA probes on a CPU-only machine)."""

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name != "tensorflow":
            return None
        sys.meta_path.remove(self)  # used once: the real finders locate TensorFlow
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            with _stderr_silenced():
                load(module)
                module.config.list_physical_devices()  # probe the devices now, while the probe's lines go nowhere

        spec.loader.exec_module = exec_module
        return spec


def quiet_tensorflow(log_level: int = 2, threads: int | None = None) -> None:
    """Quiet TensorFlow's C++ logs and optionally fix its thread counts; call before importing it.

    With ``log_level`` 2 or 3, the lines TensorFlow prints while it loads on a machine without a GPU ("Could not
    find cuda drivers", "failed call to cuInit") are silenced too: TensorFlow's first import runs with the
    process's standard error pointed at /dev/null. Values already in the environment win (the test harness sets
    its own).

    Args:
        log_level: ``TF_CPP_MIN_LOG_LEVEL`` (2 hides info and warnings, 3 also errors).
        threads: intra- and inter-op threads; None leaves TensorFlow's default.
    """
    if not 0 <= log_level <= 3:
        raise ValueError(f"log_level must be 0..3, got {log_level}")
    if "tensorflow" in sys.modules:
        print("Note: TensorFlow was imported before quiet_tensorflow(); restart the kernel for it to apply.")
    elif log_level >= 2 and not any(isinstance(f, _QuietTensorFlowImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietTensorFlowImport())
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", str(log_level))
    if threads is not None:
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        os.environ.setdefault("TF_NUM_INTRAOP_THREADS", str(threads))
        os.environ.setdefault("TF_NUM_INTEROP_THREADS", str(threads))


def set_seed(seed: int) -> None:
    """Seed Python and NumPy, and Keras/TensorFlow when the notebook has imported Keras.

    Lectures that never import Keras stay free of TensorFlow's start-up time and memory.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)  # seeds Python, NumPy and the backend
        return
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed)


def in_colab() -> bool:
    """Return True when running inside Google Colab."""
    return "google.colab" in sys.modules


def project_root() -> Path | None:
    """The course checkout containing this package, or None when installed elsewhere (Colab)."""
    root = _PACKAGE_DIR.parent
    return root if (root / "notebooks").is_dir() and (root / "data").is_dir() else None


def data_dir() -> Path:
    """Directory of the bundled data: ``data/`` of the checkout, else the copy inside the package."""
    root = project_root()
    return root / "data" if root is not None else _PACKAGE_DIR / "data"


def artifacts_dir(notebook: str) -> Path:
    """Directory for a notebook's outputs (``artifacts/<stem>/``), created if missing.

    ``COURSE_ARTIFACTS`` overrides the root; otherwise the checkout's ``artifacts/`` or
    ``./artifacts`` when the package is installed elsewhere.
    """
    if not isinstance(notebook, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", notebook):
        raise ValueError(f"notebook must be a notebook stem like '01_discriminative_vs_generative' (letters, digits, "
                         f"_ and -), got {notebook!r}")
    base = os.environ.get("COURSE_ARTIFACTS")
    root = project_root()
    base_path = Path(base).expanduser() if base else (root / "artifacts" if root is not None else Path("artifacts"))
    path = base_path / notebook
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise PermissionError(f"cannot write the notebook's outputs to {path} ({error.strerror}); make it writable "
                              "or set COURSE_ARTIFACTS to a folder you can write to") from error
    return path


def badge_urls(notebook_path: str) -> dict[str, str]:
    """Colab and source URLs for a notebook path relative to the repository root."""
    slug = REPO_URL.removeprefix("https://github.com/")
    return {
        "colab": f"https://colab.research.google.com/github/{slug}/blob/{REPO_REF}/{notebook_path}",
        "source": f"{REPO_URL}/blob/{REPO_REF}/{notebook_path}",
    }


def licence_url() -> str:
    """The URL of LICENSE-CONTENT.md, which each notebook's title cell links (it says what each licence covers)."""
    return f"{REPO_URL}/blob/{REPO_REF}/LICENSE-CONTENT.md"


def colab_install_command() -> str:
    """The pip command a notebook's setup cell runs on Colab to install the course."""
    return f'pip install -q "generative-models-course @ git+{REPO_URL}@{REPO_REF}"'
