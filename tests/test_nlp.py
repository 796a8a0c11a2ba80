"""The pipeline as docket loads it."""

from __future__ import annotations


def test_nlp_blank_line_ends_a_sentence(nlp):
    text = "Police Detain Teacher in Port Avarel\n\nSecurity forces arrested Marta Ellison on Monday."
    sents = [s.text.strip() for s in nlp(text).sents if s.text.strip()]
    assert sents[0] == "Police Detain Teacher in Port Avarel"
    assert sents[-1] == "Security forces arrested Marta Ellison on Monday."


def test_nlp_single_newline_does_not_split(nlp):
    # Hard-wrapped wire text: a single newline inside a sentence is no boundary.
    text = "Security forces arrested Marta Ellison\nand Tobias Renn on Monday."
    assert len([s for s in nlp(text).sents if s.text.strip()]) == 1
