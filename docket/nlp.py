"""Loads the spaCy pipeline once per process. Extraction code receives parsed `Doc`s, never loads."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from docket.config import DEFAULT_MODEL
from docket.errors import ConfigError


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The English pipeline from its installed package; raises ConfigError when it is not installed."""
    try:
        return spacy.load(model)
    except OSError as e:  # spaCy raises OSError [E050] for a missing package
        raise ConfigError(
            f"the spaCy pipeline {model!r} is not installed; install the project's requirements "
            f"(pip install -r requirements.lock)"
        ) from e
