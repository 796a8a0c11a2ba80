"""Crime words that name a charge, not an event the sentence reports: "accused of kidnapping",
"two counts aggravated murder", "facing kidnapping charges", "arrested over the disappearance of X";
and penalties a law or a charge provides, not handed down ("punishable by imprisonment"). The
event such a word names, if any, is told elsewhere in the story.
"""

from __future__ import annotations

from spacy.tokens import Token

from docket.extract.incident_roles import first_conjunct, lemma

# Words that name a charge, and those that hold a crime as one.
_CHARGE_NOUNS = {"charge", "count", "accusation", "allegation", "case", "indictment"}
_COUNTS = {"count", "charge", "felony", "misdemeanor", "misdemeanour", "offence", "offense"}
_KINDS = _COUNTS | {"crime"}  # what a crime noun is a kind of: "crimes of rape", "offences including murder"
_CHARGING = {
    "accuse", "charge", "convict", "guilty", "suspect", "suspicion", "sentence", "hang", "execute",
    "jail", "imprison", "arrest", "detain", "indict", "acquit", "try", "prosecute", "case", "count",
    "conviction", "accusation", "allegation", "indictment", "serve", "spend", "prison",
}  # fmt: skip
# Penalties, and what a law or a charge does with one: "punishable by", "carries a sentence".
PENALTY_TYPES = {"prison_sentence", "detention", "death_sentence"}
_PRESCRIBE = {"punishable", "punish", "permit", "provide", "prescribe", "carry", "stipulate", "entail"}
_RELATING = {"relate", "related", "relating", "pertain", "pertaining"}  # what a charge or a law is about
# Acts a person is held for ("arrested over the disappearance") and what a crime is treated as.
_CHARGED = {
    "arrest", "detain", "charge", "convict", "accuse", "suspect", "sentence", "jail", "guilty", "connection",
}  # fmt: skip
_HELD_FOR = {"over", "in", "for", "with", "of"}
_CRIME_NAMES = {"murder", "homicide", "kidnapping", "abduction", "crime", "criminal", "manslaughter"}


def counted(t: Token) -> bool:
    """A crime named as a count of an indictment, however the parser hangs the count: "two counts
    kidnapping", "kidnapping felonies", "while committing kidnapping felony", or in apposition to
    a crime so named ("two counts aggravated murder (kidnapping ...)")."""
    if any(lemma(c) == "count" or (c.dep_ == "dobj" and lemma(c) in _COUNTS) for c in t.children):
        return True
    if lemma(t.head) in _COUNTS and t.dep_ in ("compound", "dobj"):
        return True
    return t.dep_ == "appos" and any(lemma(c) == "count" for c in t.head.children)


def charge(t: Token) -> bool:
    """A bare crime noun named as a charge or a kind of crime: "accused of kidnapping", "convicted of
    murder", "hanged a man for murder", "served nine years in prison for kidnapping", "facing
    kidnapping charges", "offences such as murder" (the event it names, if any, is told elsewhere)."""
    node = first_conjunct(t)
    # "for the murder and abduction of X": one event, told with its victim, whatever the conjunct
    for x in (node, *node.conjuncts):
        if any(c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "prep" and c.lower_ in ("of", "against"))
               for c in x.children):  # fmt: skip
            return False
    if (
        node.dep_ == "pobj"
        and node.head.lower_ in ("of", "including", "as")
        and lemma(node.head.head) in _KINDS
    ):
        return True  # "crimes of kidnapping, torture, rape", "offences such as murder": kinds of crime
    if node.dep_ == "pobj" and node.head.lower_ == "to" and lemma(node.head.head) in _RELATING:
        return True  # "conspiracy related to kidnapping", "sections pertaining to kidnapping"
    if node.dep_ == "dobj" and lemma(node.head) == "face":
        return any(lemma(c) in _CHARGE_NOUNS for c in (*node.conjuncts, *node.children))
    if node.dep_ != "pobj" or node.head.lower_ not in ("of", "with", "for"):
        return False
    owner = node.head.head
    if owner.dep_ in ("dobj", "nsubjpass") and owner.pos_ in ("NOUN", "PROPN", "PRON"):
        owner = owner.head  # "hanged a man for murder"
    return lemma(owner) in _CHARGING


def crime_case(t: Token) -> bool:
    """ "arrested over the disappearance of X", "charged ... in the disappearance", "in connection
    with", "treating the disappearance as a murder investigation"."""
    node = t
    for _ in range(6):
        if node.head == node:
            return False
        head = node.head
        if node.dep_ == "dobj" and lemma(head) == "treat":
            return any(
                c.dep_ == "prep" and c.lower_ == "as" and any(lemma(y) in _CRIME_NAMES for y in c.subtree)
                for c in (*head.children, *node.children)
            )
        if node.dep_ == "prep" and node.lower_ in _HELD_FOR and lemma(head) in _CHARGED:
            return True
        node = head
    return False


def penalty_in_law(t: Token) -> bool:
    """A penalty a law or a charge provides, not one handed down: "punishable by a period of
    imprisonment", "the code punishes indecency with imprisonment", "the offence carries a jail
    term"."""
    node = t
    for _ in range(4):
        if node.dep_ not in ("pobj", "prep", "dobj", "nsubjpass") or node.head == node:
            return False
        node = node.head
        if any(c.dep_ == "prt" for c in node.children):
            return False  # "carried out death sentences", "carrying out a prison sentence": done
        # "is punishable by": the parser may hang "by" on the copula beside the adjective
        acomp = [c for c in node.children if c.dep_ == "acomp"]
        if any(lemma(x) in _PRESCRIBE for x in (node, *acomp)):
            return True
    return False
