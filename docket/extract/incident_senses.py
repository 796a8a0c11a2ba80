"""Senses of a trigger word that report no incident, or another type of one, told by its arguments.

`incident_triggers` finds a word that can report an incident ("arrest", "hang", "disappearance");
`reading` looks at what it is said of and returns the type it reports there, or None:
- the second half of a hyphenated modifier ("life-threatening injury", "pre-trial detention") and
  "a shot of X" (a picture) report nothing;
- no one undergoes it ("no one was arrested", "nobody was killed"), it is expected, not reported
  ("likely to be arrested"), or what is threatened is an order ("threatening public security");
- what is arrested or detained is a thing ("a vessel detained in port", "arrest a decline"), or the
  arrest is sought, not made ("a warrant for his arrest"), or "apprehend" seizes no one ("..., the
  workers apprehended": they feared); "false imprisonment" is the crime of a private person
  holding someone: a kidnapping;
- a practice abolished or banned ("abolished flogging", "a ban on torture") is no event, nor is a
  penalty a law or a charge provides ("punishable by imprisonment", "carries a maximum sentence");
- officials summoned ("summoned the ambassador") are not harassed, and contraband seized ("the
  seizure of illicit drugs") is nobody's property confiscated;
- hanging from the ceiling or by the wrists is torture by suspension, not an execution; a killing
  of oneself (suicide), by a disease or a disaster, of animals or plants, or by animals, is no
  violation; mutilating a body is done to the dead (the finding of the body tells the killing);
- an attempted or failed act of violence is a plot ("attempted murder", "a plot to kidnap X"), and a
  bare crime noun named as a charge, a count or a kind of offence ("accused of kidnapping", "two
  counts kidnapping", "crimes of rape": `incident_charges`) no event of its own: it says what
  someone is held for, the event is told elsewhere if at all;
- "disappear" said of a thing ("measures unlikely to disappear") is no disappearance; one that
  someone is arrested or charged over, or that is treated as a murder, is a crime of private
  persons: a kidnapping, not an enforced disappearance (an act of a state, OHCHR SDG 16.10.1).
`death` finds the deaths news reports as killings (in custody, in violence, bodies found) and
`missing` the people reported missing ("went missing", "whereabouts unknown") where the sentence
tells of dissent or custody, which is how news reports enforced disappearances.
"""

from __future__ import annotations

from spacy.tokens import Token

from docket.extract.incident_charges import PENALTY_TYPES, charge, counted, crime_case, penalty_in_law
from docket.extract.incident_mood import VIOLENT, attempted, violent
from docket.extract.incident_roles import WHEREABOUTS, act_to_death, lemma, prep_objects, roles, someone

_NOBODY = {"nobody", "none", "noone", "no-one"}
# What a state can detain or "arrest" that is not a person: ships and cargo, a trend one halts.
_THINGS = {
    "ship", "vessel", "boat", "tanker", "trawler", "cargo", "shipment", "consignment", "freighter",
    "aircraft", "plane", "jet", "truck", "lorry", "container", "goods", "decline", "deterioration",
    "slide", "trend", "spread", "growth", "fall", "rise", "record", "momentum", "erosion", "drop",
    "situation", "decay", "slump", "downturn", "inflation", "process", "descent",
}  # fmt: skip
# Names the tagger gives ships and objects ("The Ben Nevis was detained").
_THING_ENTS = {"WORK_OF_ART", "PRODUCT", "FAC", "LAW", "MONEY"}
# Nouns under which an arrest is sought, not done: "a warrant for his arrest", "calls for the arrest".
_SOUGHT = {
    "warrant", "order", "call", "demand", "request", "appeal", "petition", "motion", "plea", "application",
}  # fmt: skip
# A practice abolished or banned is a practice, not an event: "abolished flogging", "a ban on torture".
_ABOLISH = {"abolish", "ban", "outlaw", "prohibit", "criminalize", "criminalise", "abolition", "prohibition"}
_ABOLISH_FORMS = {w + end for w in _ABOLISH for end in ("", "s", "es", "ed", "ned", "ing", "ning")}
# Goods whose seizure is police work, not a taking of property: "seized weapons and drugs".
_CONTRABAND = {
    "drug", "narcotic", "cocaine", "heroin", "cannabis", "marijuana", "methamphetamine", "weapon",
    "arm", "ammunition", "rifle", "gun", "firearm", "explosive", "contraband", "counterfeit",
}  # fmt: skip
# Those a superior or a state summons in the course of business: "summoned the ambassador".
_SUBORDINATES = {
    "commander", "ambassador", "envoy", "diplomat", "official", "minister", "governor", "chief",
    "head", "director", "staff", "manager", "employee", "officer",
}  # fmt: skip
# What is threatened when no one is: "threatening public security", "threatens the peace".
_ORDER = {
    "security", "order", "peace", "stability", "unity", "sovereignty", "integrity", "safety", "economy",
    "existence", "future", "democracy", "freedom", "interest", "health", "system", "state", "regime",
}  # fmt: skip
# Hanging by a body part or from a fixture is a form of torture (suspension); from a tree it kills.
_SUSPENDED_FROM = {
    "ceiling", "hand", "wrist", "arm", "foot", "feet", "leg", "ankle", "thumb", "hook", "bar", "beam",
    "door", "window", "pipe", "rod", "pole",
}  # fmt: skip
# A thing that hangs over, around or about someone kills no one ("hanged over a killing" does).
_HANG_ABOUT = {"over", "around", "about", "out", "up", "onto"}
_SELF = {"himself", "herself", "themselves", "myself", "yourself", "ourselves", "oneself"}
# Agents that kill without being anyone: diseases and disasters.
_NATURAL = {
    "virus", "coronavirus", "covid", "covid-19", "pandemic", "epidemic", "outbreak", "disease", "cancer",
    "illness", "earthquake", "quake", "flood", "flooding", "storm", "hurricane", "typhoon", "cyclone",
    "tsunami", "landslide", "famine", "drought", "heatwave", "malaria", "cholera", "ebola", "measles",
    "infection", "flu", "influenza", "accident", "crash", "avalanche", "mudslide", "tornado",
}  # fmt: skip
_ANIMALS = {
    "livestock", "cattle", "cow", "dog", "cat", "animal", "whale", "dolphin", "elephant", "rhino",
    "rhinoceros", "lion", "tiger", "bird", "fish", "sheep", "goat", "pig", "horse", "poultry", "chicken",
    "wildlife", "shark", "bear", "wolf", "deer", "puppy", "kitten", "donkey", "camel", "seal", "monkey",
}  # fmt: skip
_PLANTS = {"orchard", "tree", "crop", "forest", "plant", "vineyard", "grove", "harvest", "vegetation"}
# Endings of nouns for people, to tell who disappears from what ("two intellectuals disappeared").
_PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "ee", "man", "men", "woman", "women")
# What makes a death a killing in the news: custody, or violence in the same sentence.
_CUSTODY = {"custody", "cell", "detention", "prison", "jail", "captivity", "detain", "arrest", "penal"}
_VIOLENCE = {
    "injure", "injury", "wound", "shoot", "shot", "gunshot", "bullet", "beat", "beating", "torture",
    "clash", "crackdown", "raid", "attack", "stab", "fire", "gunfire", "assault", "violence", "lynch",
    "mutilation", "mutilate",
}  # fmt: skip
_BODY = {"body", "corpse", "remains"}
_FATAL_ACTS = {"stab", "attack", "wound", "injure", "assault", "hit", "strike", "run", "poison"}
_TO_DEATH = {
    "beat", "torture", "stone", "burn", "hack", "club", "kick", "shoot", "batter", "starve", "flog",
    "whip", "lynch", "crush", "bludgeon", "strangle", "choke", "lash", "bash",
}  # fmt: skip
_PREDICATE = {"oprd", "acomp", "xcomp", "ccomp", "advcl"}
_FOUND = {"find", "discover", "recover", "dump", "exhume", "retrieve", "dig", "uncover"}
# A missing person is a disappeared one when the sentence tells of dissent or custody.
_DISSENT_OR_CUSTODY = {
    "journalist", "activist", "critic", "lawyer", "defender", "blogger", "reporter", "dissident",
    "opposition", "organizer", "organiser", "unionist", "photographer", "campaigner", "protester",
    "demonstrator", "editor", "writer", "poet", "detention", "detain", "arrest", "custody", "soldier",
    "military", "army", "intelligence", "prison", "jail",
}  # fmt: skip
# Adjectives that make what follows an expectation: "likely to be arrested", "unlikely to disappear".
_EXPECTED = {"likely", "unlikely", "bound", "due", "poised", "about", "set"}
_MISSING_HEADS = {"go", "be", "remain", "report", "declare", "list", "become", "stay"}


def _nobody(t: Token) -> bool:
    return t.lower_ in _NOBODY or (
        t.lower_ == "one" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
    )


def _undergoers(t: Token, nominal: bool) -> list[Token]:
    """Who or what undergoes `t`: its own passive subject or object first (the parser makes "the
    fact that no one was arrested" an acl of "fact"), then the patients `roles` finds; for a
    participle after a noun, the noun just before it too ("owners of a ship detained in port")."""
    own = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")] if not nominal else []
    found = own or roles(t, nominal)[1]
    if not nominal and t.dep_ == "acl" and not own:
        left = t.i - 1
        while left > t.sent.start and t.doc[left].pos_ == "ADV":
            left -= 1
        if t.doc[left].pos_ in ("NOUN", "PROPN") and _thing(t.doc[left]):
            found = [t.doc[left]]  # the thing it follows, not the noun the parser hung it on
    return found


def _contraband(t: Token, undergoers: list[Token]) -> bool:
    """Seized goods that are contraband: "seized weapons", "drug seizures", "the seizure of 2 tonnes
    of illicit drugs" (the measure's "of" names the goods)."""
    goods = [*undergoers, *(c for c in t.children if c.dep_ == "compound")]
    goods = [g for x in goods for g in (prep_objects(x, ("of",)) or [x])]
    return bool(goods) and all(lemma(g) in _CONTRABAND for g in goods)


def _subordinate(t: Token) -> bool:
    """An official summoned on business; "Commanders", tagged a proper noun, keeps its plural."""
    return lemma(t) in _SUBORDINATES or t.lower_.removesuffix("s") in _SUBORDINATES


def _thing(t: Token) -> bool:
    return lemma(t) in _THINGS or t.ent_type_ in _THING_ENTS


def no_one(patients: list[Token]) -> bool:
    """ "No one was arrested", "none of them were detained": an absence, not an event."""
    return bool(patients) and all(
        _nobody(p) or any(c.dep_ == "det" and c.lower_ == "no" for c in p.children) for p in patients
    )


def _sought(t: Token, nominal: bool) -> bool:
    """ "a warrant for his arrest", "issued a warrant for the arrest of X", "the order to arrest X":
    an arrest sought, not one made."""
    head = t.head
    if nominal and t.dep_ == "pobj" and head.lower_ == "for":
        owner = head.head  # the noun, or the verb whose subject or object the noun is
        nouns = [owner] + [c for c in owner.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        return any(n.pos_ == "NOUN" and lemma(n) in _SOUGHT for n in nouns)
    return not nominal and t.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN" and lemma(head) in _SOUGHT


def _abolished(t: Token) -> bool:
    """ "Saudi Arabia abolishes flogging", "flogging has been abolished", "the abolition of torture"."""
    if t.dep_ in ("dobj", "nsubjpass") and lemma(t.head) in _ABOLISH:
        return True
    if t.i > 0 and t.doc[t.i - 1].lower_ in _ABOLISH_FORMS:
        return True  # "Kingdom abolishes flogging": the parser takes a headline's verb for a noun
    return t.dep_ == "pobj" and t.head.lower_ in ("of", "on") and lemma(t.head.head) in _ABOLISH


def _suspended(t: Token) -> bool:
    """ "hung him from the ceiling", "hanged by his wrists", "hung upside down"."""
    for c in t.children:
        if c.dep_ == "advmod" and c.lower_ == "upside":
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in ("from", "by")
            and any(lemma(p) in _SUSPENDED_FROM or p.lower_ in _SUSPENDED_FROM for p in c.children)
        ):
            return True
    return False


def _not_by_or_to_people(t: Token, nominal: bool) -> bool:
    """Killed by a disease or a disaster, only animals (or plants, `_to_animals`) or "it" killed,
    or animals killing; "killed herself" is a suicide."""
    if any(c.dep_ == "dobj" and c.lower_ in _SELF for c in t.children):
        return True
    if lemma(t) == "toll":  # "the flu's death toll rose to 400": the sentence's cause
        return any(lemma(x) in _NATURAL or x.lower_ in _NATURAL for x in t.sent)
    agents, patients = roles(t, nominal)
    if agents and all(lemma(a) in _ANIMALS for a in agents):
        return True  # "wolves try to kill them"
    if patients and all(p.lower_ in ("it", "itself") and p.head == t for p in patients):
        return True  # "Buhari has killed it": a country, a plan, a bill; no one
    causes = [
        *agents,
        *(p for c in t.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children),
    ]
    words = {w for x in causes for y in (x, *x.children) if y.dep_ in ("compound", "amod") or y == x
             for w in (lemma(y), y.lower_)}  # fmt: skip
    if words & _NATURAL:
        return True
    return _to_animals(t, patients)


def _to_animals(t: Token, patients: list[Token]) -> bool:
    """Done only to animals or plants ("the torture of dogs", "killed the cattle"). Not by them: a
    police dog's attack is the police's. An act with no object of its own shares its conjuncts'
    ("torture and kill the dogs", "the torture and slaughter of dogs")."""
    kinds = [*patients, *(c for c in t.children if c.dep_ == "compound")]
    if not kinds:
        kinds = [
            x
            for c in t.conjuncts
            for x in (*c.children, *prep_objects(c, ("of",)))
            if x.dep_ in ("dobj", "compound", "pobj")
        ]
    return bool(kinds) and all(lemma(p) in _ANIMALS | _PLANTS for p in kinds)


def _a_person(t: Token) -> bool:
    """`someone`, a number ("three were taken") or a noun that ends like one ("-ist", "-er")."""
    return someone(t) or t.like_num or (t.pos_ == "NOUN" and lemma(t).endswith(_PERSON_SUFFIXES))


def _who_disappears(t: Token) -> list[Token]:
    """The subject of "disappear", climbing "unlikely to disappear" to the clause that has one."""
    who = roles(t, False)[1]
    node = t
    for _ in range(3):
        if who or node.head == node or node.dep_ not in ("xcomp", "acomp", "ccomp", "conj", "advcl"):
            break
        node = node.head
        who = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
    if t.dep_ in ("acl", "amod"):
        who = [t.head]  # "forcibly disappeared activists"
    return [
        w.head.head if w.lower_ in ("that", "which", "who") and w.head.dep_ == "relcl" else w for w in who
    ]


def _thing_disappears(t: Token) -> bool:
    """ "measures unlikely to disappear", "make history and culture disappear"."""
    who = _who_disappears(t)
    return bool(who) and not any(_a_person(w) for w in who)


def _modifier(t: Token) -> bool:
    """The second half of a hyphenated modifier: "life-threatening", "anti-torture", "pre-trial"."""
    doc = t.doc
    # not "re-arrest", nor "hostage-taking", where the first half is part of the act
    return (
        t.i >= 2
        and doc[t.i - 1].text == "-"
        and not doc[t.i - 1].whitespace_
        and doc[t.i - 2].lower_ not in ("re", "hostage")
        and t.dep_ in ("amod", "compound", "acomp", "advmod", "nmod")
    )


def reading(t: Token, kind: str, nominal: bool) -> str | None:
    """The incident type trigger `t` (found as `kind`) reports here, or None (module docstring)."""
    if _modifier(t):
        return None
    if lemma(t) == "shoot" and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return None  # "a shot of the crowd", "mug shot of X": a picture
    undergoers = _undergoers(t, nominal)
    if kind == "harassment" and undergoers and all(lemma(p) in _ORDER for p in undergoers):
        return None  # "convicted of threatening public security": an order, not a person
    if lemma(t) == "summon" and undergoers and all(_subordinate(p) for p in undergoers):
        return None  # "summoning the commanders of the agency", "summoned the ambassador": business
    if kind in PENALTY_TYPES and nominal and penalty_in_law(t):
        return None  # "punishable by imprisonment", "the charge carries a maximum sentence"
    if kind == "confiscation" and _contraband(t, undergoers):
        return None  # "the seizure of 2 tonnes of illicit drugs": police work, no one's property
    if kind not in ("protest", "trial") and no_one(undergoers):
        return None
    if kind != "trial" and t.dep_ == "xcomp" and t.head.pos_ == "ADJ" and lemma(t.head) in _EXPECTED:
        return None
    if kind in ("arrest", "detention"):
        held = [x for p in undergoers for x in (p, *p.conjuncts)]  # "the ship and its crew"
        if held and all(_thing(p) for p in held):
            return None
        if kind == "arrest" and _sought(t, nominal):
            return None
        if lemma(t) == "apprehend" and not undergoers:
            return None  # "..., the workers apprehended": feared, with no one seized
        if nominal and any(c.dep_ == "amod" and c.lower_ == "false" for c in t.children):
            return "kidnapping"  # "false imprisonment": the crime of holding someone, a private act
    if _abolished(t):
        return None
    if kind == "execution" and lemma(t) == "hang":
        if t.lower_ != "hanged" and any(
            c.dep_ in ("prep", "prt") and c.lower_ in _HANG_ABOUT for c in t.children
        ):
            return None  # "a case hanging over the editor", "hung around the square"; "hanged" kills
        if _suspended(t):
            return "torture"
    if kind in ("killing", "execution") and _not_by_or_to_people(t, nominal):
        return None
    if kind in ("torture", "attack") and _to_animals(t, undergoers):
        return None
    if lemma(t) in ("mutilate", "mutilation") and undergoers and all(lemma(p) in _BODY for p in undergoers):
        return None  # "the mutilated body of X": done to the dead (the killing is told by "body")
    if violent(t, kind) and attempted(t, nominal):
        return "plot"
    if kind in VIOLENT and (counted(t) or (nominal and charge(t))):
        return None
    if kind == "enforced_disappearance":
        if not nominal and _thing_disappears(t):
            return None
        if crime_case(t):
            return "kidnapping"
    return kind


def _fatally(t: Token) -> bool:
    """ "fatally" on the act, or just after it where the parser hangs it elsewhere ("accused of
    attacking opponents, often fatally, during their rule")."""
    if any(c.lower_ == "fatally" for c in t.children):
        return True
    after = t.doc[t.i + 1 : min(t.i + 6, t.sent.end)]
    return any(
        x.lower_ == "fatally" and (x.head.pos_ not in ("VERB", "AUX") or x.head.i < t.i) for x in after
    )


def death(t: Token) -> bool:
    """A death reported as a killing: "died in custody" (or in a penal colony), "died of his
    injuries", "died after genital mutilation", "three people died as police fired on
    protesters", "was found dead", "the body of X was found", "beaten to death", "fatally shot"."""
    lem = lemma(t)
    if lem == "die" and t.pos_ == "VERB":
        words = {lemma(x) for x in t.sent} | {x.lower_ for x in t.sent}
        return bool(words & (_CUSTODY | _VIOLENCE))
    # "X was found dead": the passive verb, whose subject is the victim; "they found him dead": the
    # adjective (the finder is no perpetrator)
    if lem == "find" and any(c.dep_ == "nsubjpass" for c in t.children):
        return any(lemma(c) == "dead" and c.dep_ in _PREDICATE for c in t.children)
    if lem == "dead" and lemma(t.head) == "find" and t.dep_ in _PREDICATE:
        return not any(c.dep_ == "nsubjpass" for c in t.head.children)
    # "fatally shot", "attacked opponents, often fatally": the act killed
    if lem in _TO_DEATH | _FATAL_ACTS and t.pos_ == "VERB" and _fatally(t):
        return True
    # "beaten to death", "shot to death": the act killed ("stabbed to death" is read at "stab")
    if (act := act_to_death(t)) is not None and lemma(act) in _TO_DEATH:
        return True
    if lem in _BODY and t.pos_ == "NOUN" and lemma(t.head) in _FOUND and t.dep_ in ("nsubjpass", "dobj"):
        return not any(lemma(y) in _ANIMALS for c in t.children if c.dep_ == "prep" for y in c.subtree)
    return False


def missing(t: Token) -> bool:
    """ "X went missing", "is still missing", "was reported missing", "missing reporters", "whose
    whereabouts are unknown", in a sentence that tells of dissent or custody (module docstring),
    or after one when a pronoun names who ("He was detained on Monday. His whereabouts are
    unknown.")."""
    if t.lower_ == "missing":
        reported = (
            t.dep_ in ("acomp", "oprd", "xcomp", "advmod", "advcl", "dobj")
            and lemma(t.head) in _MISSING_HEADS
        )
        # "is still missing", which the parser reads as a progressive of "miss" with no object
        reported = reported or (
            any(c.dep_ == "aux" and lemma(c) == "be" for c in t.children)
            and not any(c.dep_ == "dobj" for c in t.children)
        )
        # "three missing reporters": a person of dissent named missing
        reported = reported or (t.dep_ == "amod" and lemma(t.head) in _DISSENT_OR_CUSTODY)
    elif t.lower_ in WHEREABOUTS:
        reported = any(c.lower_ == "unknown" for c in (*t.children, *t.head.children))
    else:
        return False
    context = list(t.sent)
    # "Their whereabouts are unknown": a pronoun's people are those of the sentence before
    if any(x.pos_ == "PRON" for x in t.subtree) and t.sent.start > 0:
        context += list(t.doc[t.sent.start - 1].sent)
    return reported and any(lemma(x) in _DISSENT_OR_CUSTODY for x in context)
