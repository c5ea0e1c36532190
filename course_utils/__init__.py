"""Small helpers for the generative-models course notebooks.

Modules: ``config`` (fast mode, seeding, TensorFlow settings, paths), ``datasets`` (bundled
offline data), ``plots`` (figures), ``artifacts`` (scorecards), ``metrics`` (the evaluator's
sample scores), ``callbacks`` (the GAN lectures' sample-grid callback), ``ring`` (the toy
networks of the ring of Gaussians), ``particles`` (the detector simulator), ``particle_features``
(classifier inputs from detector responses) and ``grading`` (the project's grader).
Importing the package has no side effects; ``callbacks`` and ``ring`` import Keras when imported.
"""

__version__ = "0.1.0"
