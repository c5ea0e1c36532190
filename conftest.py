"""Environment for everything pytest runs, notebooks under nbval included.

The notebook kernels inherit this process's environment: fast mode on, TensorFlow quiet,
one TensorFlow thread per pytest-xdist worker (two workers share the two cores), and figures and
scorecards in build/test-artifacts/, so a test run never overwrites a full run's artifacts/.
"""

import os
from pathlib import Path

os.environ["COURSE_FAST"] = "1"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_NUM_INTRAOP_THREADS"] = "1"
os.environ["TF_NUM_INTEROP_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"  # BLAS in NumPy / scikit-learn: one thread per worker too
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ.setdefault("COURSE_ARTIFACTS", str(Path(__file__).resolve().parent / "build" / "test-artifacts"))
