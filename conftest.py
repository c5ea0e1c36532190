"""Environment for everything pytest runs, notebooks under nbval included.

The notebook kernels inherit this process's environment: fast mode on, TensorFlow quiet and
one TensorFlow thread per pytest-xdist worker (two workers share the two cores).
"""

import os

os.environ["COURSE_FAST"] = "1"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_NUM_INTRAOP_THREADS"] = "1"
os.environ["TF_NUM_INTEROP_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"  # BLAS in NumPy / scikit-learn: one thread per worker too
os.environ["OPENBLAS_NUM_THREADS"] = "1"
