"""Words of violence used as figures: an attack of words ("attacks on X in the media", "published
an attack on X", one named person attacking another without force, "a verbal beating", "a
tongue-lashing") or on an idea ("attacked democracy", "free speech is threatened", "they killed
journalism"), an explosion of feeling ("on the eve of a great explosion"), and a word that is part
of a name ("the Islamic Revolution"). `incident_triggers` drops these triggers.
"""

from __future__ import annotations

from spacy.tokens import Token

from docket.extract.incident_roles import lemma, roles

# Words that make an "attack" one of words, not of force: "a wave of attack and false accusations",
# "attacks on the group in the media", "tribunes attacking the regime's records".
_VERBAL = {
    "accusation", "criticism", "propaganda", "smear", "insult", "rhetoric", "slander", "media",
    "press", "speech", "sermon", "word", "statement", "article", "record", "reputation", "policy",
    "view", "remark", "comment", "tweet", "editorial", "narrative",
}  # fmt: skip
_PUBLISHED = {"publish", "write", "pen", "post", "tweet", "print", "air", "broadcast"}
# Words that make it one of force, whoever the attacker: "attacked the reporter with a knife".
_FORCE = {
    "knife", "gun", "weapon", "bomb", "fire", "shoot", "stab", "beat", "armed", "grenade", "explosive",
    "rocket", "missile", "acid", "injure", "wound", "kill", "dead", "club", "baton", "arson", "militia",
}  # fmt: skip


def in_name(t: Token) -> bool:
    """ "the Islamic Revolution", "Free Iran Rally": the word is part of a name, not an event."""
    if not t.text[:1].isupper() or t.is_sent_start:
        return False
    return t.ent_type_ in ("NORP", "ORG", "EVENT", "WORK_OF_ART", "FAC", "LAW") or any(
        c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.i < t.i for c in t.children
    )


# Civilian titles of people whose attacks on a person are, without force, attacks of words.
_SPEAKING_TITLES = {
    "imam", "cleric", "preacher", "minister", "president", "speaker", "senator", "mp", "mep",
    "spokesman", "spokeswoman", "spokesperson", "ayatollah", "commentator", "columnist", "editor",
}  # fmt: skip
_OTHER_CLAUSE = {"relcl", "advcl", "ccomp", "conj", "acl", "appos", "parataxis"}


def _phrase_lemmas(t: Token) -> set[str]:
    """Lemmas and lower-case forms of a word and its arguments, without the clauses, conjuncts and
    appositions hung on it (forms too: the lemmatiser makes "media" "medium")."""
    out, stack = set(), [t]
    while stack:
        x = stack.pop()
        out |= {lemma(x), x.lower_}
        stack.extend(c for c in x.children if c.dep_ not in _OTHER_CLAUSE)
    return out


def verbal_attack(t: Token) -> bool:
    """An attack of words: no force among its arguments, and words, or one person against another."""
    # Force is looked for in the attack's own arguments ("with a knife", "gunmen attacked"), not in
    # the whole sentence, where a "fire-at-will order" in another clause says nothing of this attack.
    own = _phrase_lemmas(t)
    if own & _FORCE:
        return False
    near = own | {lemma(c) for c in t.head.children if c.dep_ == "conj"}
    # "The attacks on X in the media aren't ...": the parser may hang "in the media" on the verb.
    for c in t.head.children:
        if c.dep_ == "prep" and c != t:
            near |= _phrase_lemmas(c)
    near |= {lemma(x) for c in t.children if c.dep_ == "conj" for x in c.subtree}
    if near & _VERBAL:
        return True
    if t.dep_ == "dobj" and lemma(t.head) in _PUBLISHED:
        return True  # "wrote a scathing attack on the union": a text
    # "the imam attacked the president": one named person against another, with no force, is speech.
    subj = [c for c in t.children if c.dep_ == "nsubj"]
    obj = [c for c in t.children if c.dep_ == "dobj"]
    return bool(
        subj
        and obj
        and any(x.ent_type_ == "PERSON" or x.lower_ in _SPEAKING_TITLES for x in subj[0].subtree)
        and (obj[0].ent_type_ in ("PERSON", "NORP") or (obj[0].pos_ == "PROPN" and not obj[0].ent_type_))
    )


# Ideas, rights and institutions of the mind that an attack can only be a figure against.
_IDEAS = {
    "freedom", "right", "democracy", "liberty", "expression", "speech", "independence", "sovereignty",
    "value", "principle", "constitution", "rule", "truth", "journalism", "dignity", "privacy", "justice",
    "pluralism", "autonomy", "integrity", "legitimacy", "credibility", "science", "tolerance", "equality",
    "decency", "idea", "identity", "history", "memory", "civility", "reason", "fact",
}  # fmt: skip


def against_an_idea(t: Token, nominal: bool) -> bool:
    """An attack on, a threat to or the killing of a freedom, a right or an idea ("the government
    attacked democracy", "freedom of expression is under attack", "free speech is threatened",
    "they killed journalism") is a figure: there is no one it was done to."""
    targets = roles(t, nominal)[1]
    if nominal and t.dep_ == "pobj" and t.head.lower_ == "under":  # "X is under attack"
        targets = [c for c in t.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not nominal and t.dep_ == "acomp":  # "X is more threatened": the parser's adjective
        targets = [c for c in t.head.children if c.dep_ == "nsubj"]
    return bool(targets) and all(lemma(x) in _IDEAS for x in targets)


_EXPLOSIONS = {"explode", "detonate", "explosion", "blast", "detonation"}
# What makes an explosion physical rather than a figure of speech ("on the eve of a great explosion").
_BLAST_SIGNS = {
    "bomb", "device", "ied", "grenade", "mine", "car", "vehicle", "suicide", "bomber", "explosive",
    "kill", "injure", "wound", "dead", "die", "casualty", "victim", "people", "police", "soldier",
    "damage", "destroy", "building", "market", "checkpoint", "station", "dynamite", "shrapnel",
}  # fmt: skip


def figurative_explosion(t: Token) -> bool:
    """An explosion with no device, casualty, damage, place or date in its sentence is a metaphor."""
    if lemma(t) not in _EXPLOSIONS:
        return False
    sent = t.sent
    if any(lemma(x) in _BLAST_SIGNS or x.lower_ in _BLAST_SIGNS for x in sent):
        return False
    return not any(x.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for x in t.subtree)


def of_words(t: Token) -> bool:
    """A lashing or a beating of words: "a verbal beating", "a tongue-lashing from the bench" (verbal
    harassment is harassment, so only violence is read so)."""
    doc = t.doc
    tongue = t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "tongue"
    return tongue or any(c.dep_ == "amod" and c.lower_ == "verbal" for c in t.children)
