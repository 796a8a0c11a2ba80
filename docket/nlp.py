"""Loads the spaCy pipeline once per process. Extraction code receives parsed `Doc`s, never loads."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from docket.config import DEFAULT_MODEL
from docket.errors import ConfigError


@Language.component("docket_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence. Without this the parser joins a headline, which has no final
    full stop, to the first sentence under it, and parses both wrongly."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            # Left free, the parser sometimes cuts the new paragraph after its first word.
            if tok.i + 2 < len(doc):
                doc[tok.i + 2].is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The English pipeline from its installed package; raises ConfigError when it is not installed."""
    try:
        nlp = spacy.load(model)
    except OSError as e:  # spaCy raises OSError [E050] for a missing package
        raise ConfigError(
            f"the spaCy pipeline {model!r} is not installed; install the project's requirements "
            f"(pip install -r requirements.lock)"
        ) from e
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("docket_paragraphs", before="parser")
    _add_english_words(nlp)
    return nlp


ENGLISH_WORDS = "docket_english_words"


def _add_english_words(nlp: Language) -> None:
    """Puts the lemmatizer's word index (WordNet's nouns, verbs, adjectives, adverbs) in the vocab,
    where extraction code that holds only a parsed Doc can ask whether a word is English."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(ENGLISH_WORDS):
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return
    words = nlp.vocab.lookups.add_table(ENGLISH_WORDS)
    for listed in lookups.get_table("lemma_index").values():
        for word in listed:
            words[word] = True
