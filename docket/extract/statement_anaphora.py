"""Statements whose claim is not under the cue: it is told in the sentence before ("The governor
admitted as much", "This was something the Red Cross acknowledged"), or, in the passive, the view
is the `as` phrase ("The party has been identified by the minister as the force behind the strikes").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extract.linking import doc_text

_DEMONSTRATIVES = {"this", "that"}
# "This was something (that) X acknowledged": a noun that only stands for the claim before.
_PLACEHOLDERS = {"something", "what", "fact", "point", "thing"}


def referred_sentence(cue: Token) -> Span | None:
    """The sentence before the cue's, in its paragraph, when the cue's object only points back to
    it: "admitted as much", "said so", "confirmed this", "this was something X acknowledged"."""
    if not _points_back(cue):
        return None
    sent = cue.sent
    if sent.start == 0:
        return None
    before = cue.doc[sent.start - 1].sent
    if "\n" in doc_text(cue.doc)[before.start_char : sent.start_char]:
        return None  # another paragraph tells another thing
    return before


def _points_back(cue: Token) -> bool:
    for c in cue.children:
        if c.lower_ == "much" and c.dep_ in ("dobj", "advmod") and any(a.lower_ == "as" for a in c.children):
            return True  # "admitted as much"
        if c.dep_ == "dobj" and c.i > cue.i and c.lower_ in _DEMONSTRATIVES and not list(c.children):
            return True  # "confirmed this" (not "confirmed this claim")
        if c.lower_ == "so" and c.i == cue.i + 1 and c.dep_ in ("advmod", "dobj"):
            return True  # "said so"
    if cue.dep_ != "relcl" or cue.head.lower_ not in _PLACEHOLDERS or cue.head.dep_ != "attr":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in (*_DEMONSTRATIVES, "it") for c in cue.head.head.children)


def passive_view(cue: Token) -> Token | None:
    """The `as` phrase's object of a passive view with its holder named ("has been identified by X
    as the force behind ..."), else None."""
    if not any(c.dep_ == "agent" for c in cue.children):
        return None
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > cue.i:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None
