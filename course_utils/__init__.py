"""Small helpers for the generative-models course notebooks.

Modules: ``config`` (fast mode, seeding, TensorFlow settings, paths), ``datasets`` (bundled
offline data), ``plots`` (figures), ``artifacts`` (scorecards). Importing has no side effects.
"""

__version__ = "0.1.0"
