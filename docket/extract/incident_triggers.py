"""Incident triggers: the words that report an event, and the tests that drop non-events.

A trigger is a token (verb or noun) whose lemma, with its dependents, names an incident type.
`find_triggers` returns the ones that report something that happened: negated, hypothetical,
intended and generic mentions are dropped (`incident_mood` decides which), and so are words that
are part of a name ("the Islamic Revolution"), attacks of words ("attacks on X in the media",
"published an attack on X", "a verbal beating"), attacks on, threats to or the killing of an idea
("attacked democracy", "killed journalism") and figurative explosions (`incident_figures` tells
these), "a parting shot", "beat a retreat" and a term of office served. Scheduled trials
("expected to go on trial") are kept although not yet held.
A violent act under "attempt/try/plot to" becomes a `plot`; "held incommunicado", "secretly
detained", "a secret arrest" and "held in secret detention" are an enforced disappearance (the
fate and place of the person held are hidden), "took X hostage", "in captivity" (the hostages'
word), a hostage-taking and a hijacked plane, ship or bus a kidnapping; sexual violence
("sexually assaulted", "sexual abuse", "molested") is OHCHR's "other"; a bare plural listed
after a reported event ("torture, arbitrary detention and enforced disappearances") is reported
with it.
`incident_senses` reads the word's arguments for the senses that report no incident or another
one ("a vessel detained in port", "hung him from the ceiling") and finds deaths reported as
killings and people reported missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from docket.extract.incident_figures import (
    against_an_idea,
    figurative_explosion,
    in_name,
    of_words,
    verbal_attack,
)
from docket.extract.incident_mood import classifies, generic, irrealis, negated, tried
from docket.extract.incident_roles import UNDERGO, first_conjunct, lemma, prep_objects, someone
from docket.extract.incident_senses import death, missing, no_one, reading
from docket.extract.incident_words import NOUNS, SEXUAL_NOUNS, SEXUAL_VERBS, VERBS

# A trial is reported when it is stood, held or dated, not when "trial" is just a word.
_TRIAL_HEADS = {"go", "stand", "put", "face", "bring", "begin", "open", "start", "hold", "set"}
# What police disperse or break up: an assembly and the people in it.
_GATHERINGS = {
    "protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "crowd", "gathering",
    "meeting", "march", "marcher", "sit-in", "vigil", "assembly", "strike", "striker", "picket", "mourner",
}  # fmt: skip
_COURTS = {"court", "chamber", "tribunal", "division"}
# Holding someone hidden: "held incommunicado", "secretly detained", "in secret detention".
_HIDDEN = {"incommunicado", "secret", "secretly"}
# "arbitrary detention", "incommunicado detention": the violation named, not a place or a practice
_UNLAWFUL_HOLDING = {"arbitrary", "unlawful", "illegal", "incommunicado", "secret", "indefinite", "prolonged"}
_TAKEN = {"take", "whisk", "move", "transfer", "drive", "lead", "bundle", "carry", "transport"}
_PLACES = {"location", "destination", "place", "site"}
_UNDISCLOSED = {"unknown", "undisclosed", "secret"}
_CUSTODY = {"prison", "jail", "detention", "custody", "captivity", "solitary"}
_CUSTODY_VERBS = {"remain", "be", "hold", "keep", "languish", "spend", "put", "throw", "place", "lock"}
# Moved into custody: "transferred to Evin prison", "sent to jail".
_TRANSFER_VERBS = {"transfer", "move", "send"}
_SERVED = {"sentence", "term"}
_MANDATES = {
    "presidential", "parliamentary", "legislative", "second", "third", "fourth", "fifth", "consecutive",
    "office", "senate", "first", "full",
}  # fmt: skip
_SEATS = {"office", "power", "parliament", "congress", "government", "senate"}
_SENTENCE_NOUNS = {"sentence", "penalty"}
_CONDEMNED_TO = {"prison", "jail", "imprisonment", "life", "term", "labour", "labor"}
# A beating is torture when the person beaten is held ("beaten in custody", "beat the detainees");
# elsewhere (a crowd, a reporter in the street) it is an assault: annotators do not call it torture.
_HELD = {
    "custody", "prison", "jail", "detention", "detain", "arrest", "interrogate", "interrogation",
    "cell", "captivity", "prisoner", "detainee", "inmate", "torture", "station", "captor", "abduct",
    "kidnap", "kidnapper", "abductor", "hostage",
}  # fmt: skip
_CRAFT = {
    "plane", "flight", "aircraft", "airliner", "jet", "jetliner", "airline", "airlines", "ship", "vessel",
    "ferry", "bus", "passenger", "boat", "tanker",
}  # fmt: skip
_BEAT = {"beat", "beating"}
_BEAT_IDIOMS = {
    "retreat", "odds", "deadline", "record", "drum", "path", "heat", "rush", "traffic", "expectation",
}  # fmt: skip
# A shot that is a remark, an injection or a chance: "a parting shot", "a flu shot", "a long shot".
_NOT_GUNSHOTS = {"parting", "cheap", "long", "big", "booster", "flu", "vaccine", "screen"}
_LAND = {"land", "ground", "farmland", "soil", "burial", "grave", "garden", "vegetable", "building"}
_NOT_VICTIM_OBJECTS = {  # "execute a plan", "a search warrant was executed": the object is no person
    "attack", "plan", "order", "operation", "strategy", "plot", "policy", "program", "programme",
    "project", "task", "mission", "deal", "will", "power", "control", "opportunity", "moment",
    "initiative", "idea", "fire", "responsibility", "decision", "crackdown", "warrant", "search",
    "raid", "contract", "mandate", "judgment", "judgement", "agreement", "directive", "instruction",
    "command", "scheme", "manoeuvre", "maneuver", "transaction", "trade", "move", "step",
}  # fmt: skip
# Censorship, OHCHR's "other": silencing a medium or a body ("blocked Facebook", "banned the
# party", "shut down the paper"), not a road or a border.
_SILENCING = {"block", "ban", "censor", "shut", "close", "suspend", "outlaw", "jam", "shutter"}
_SILENCING_NOUNS = {"closure", "shutdown", "blackout", "ban", "suspension", "blocking"}
_OUTLETS = {
    "newspaper", "paper", "daily", "magazine", "station", "channel", "broadcaster", "radio",
    "television", "tv", "outlet", "website", "site", "internet", "facebook", "twitter", "whatsapp",
    "instagram", "youtube", "telegram", "platform", "account", "blog", "media", "publication",
    "party", "ngo", "union", "newsroom", "broadcast", "network", "messenger",
    # what is censored: "censored the report", "censors news of the war"
    "content", "post", "news", "report", "article", "book", "film", "coverage", "information",
}  # fmt: skip
_SEIZE_OBJECTS = {"property", "home", "house", "land", "asset", "passport", "belonging", "farm", "business"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A reporting token: its type, the token, and whether it is nominal."""

    type: str
    token: Token
    nominal: bool


def _type_of(t: Token) -> tuple[str, bool] | None:
    """The incident type a token names with its dependents, and whether it is a noun."""
    lem, low = lemma(t), t.lower_
    if missing(t):
        return "enforced_disappearance", False
    if death(t):
        return "killing", t.pos_ == "NOUN"
    if low == "shot" and t.i > 0 and t.doc[t.i - 1].lower_ in _NOT_GUNSHOTS:
        return None  # the parser makes "parting shot" a noun and a verb
    if lem in ("hijack", "hijacking"):
        # a plane or a ship with people aboard is a hostage-taking; a truck, a protest or a
        # rebellion "hijacked" is not
        craft = any(lemma(x) in _CRAFT or x.lower_ in _CRAFT for x in t.sent)
        return ("kidnapping", t.pos_ == "NOUN") if craft else None
    if t.pos_ in ("VERB", "AUX") or (t.tag_.startswith("VB") and t.pos_ != "NOUN"):
        kids = {lemma(c) for c in t.children}  # built past the cheap tests: this runs on every token
        if lem == "sentence":
            tail = {lemma(x) for c in t.children if c.dep_ == "prep" for x in c.subtree}
            return ("death_sentence", False) if "death" in tail else ("prison_sentence", False)
        if lem == "condemn":  # only "condemned to death / to life in prison": else it denounces
            to = [x for c in t.children if c.dep_ == "prep" and c.lower_ == "to" for x in c.children]
            if any(lemma(x) == "death" for x in to):
                return "death_sentence", False
            penalty = any(  # "to ten years", not "condemned millions to years of hunger"
                lemma(x) in _CONDEMNED_TO
                or (lemma(x) in ("year", "month") and any(c.like_num for c in x.children))
                for x in to
                if x.dep_ == "pobj"
            )
            return ("prison_sentence", False) if penalty else None
        if lem == "shoot":
            return ("killing", False) if "dead" in kids else ("attack", False)
        if lem == "open" and "fire" in kids:
            return "attack", False
        if lem == "beat" and any(
            c.dep_ == "dobj" and {lemma(c), c.lower_.removesuffix("s")} & _BEAT_IDIOMS for c in t.children
        ):
            return None  # "beat a hasty retreat", "beat the deadline"
        if low in ("rape", "raped", "rapes", "raping"):
            return "other", False  # the lemmatiser makes "raped" "rap"
        if lem in SEXUAL_VERBS and ("sexually" in kids or lem == "molest"):
            return "other", False
        if lem == "gun" and "down" in kids:
            return "killing", False  # "gunned down"
        if lem == "stab":
            tail = {lemma(x) for c in t.children if c.dep_ == "prep" for x in c.subtree}
            return ("killing", False) if "death" in tail else ("attack", False)
        if lem == "hold" and "hostage" in {lemma(x) for x in t.subtree}:
            return "kidnapping", False  # "held hostage"
        if lem in ("hold", "keep", "detain", "arrest") and kids & _HIDDEN:
            return "enforced_disappearance", False  # cut off from all contact: fate and place unknown
        if lem in _TAKEN and any(
            lemma(p) in _PLACES and {lemma(a) for a in p.children} & _UNDISCLOSED
            for x in (t, *(c for c in t.children if c.lower_ == "away"))  # "whisked away to"
            for p in prep_objects(x, ("to",))
        ):
            return "enforced_disappearance", False  # "taken to an unknown location": whereabouts hidden
        if lem == "take" and "hostage" in kids | {lemma(x) for c in t.children for x in c.children}:
            return "kidnapping", False  # "took an employee hostage", "taken as hostages"
        if lem == "seize" and kids & _SEIZE_OBJECTS:
            return "confiscation", False
        if _dispersed(t):
            return "other", False  # "police broke up the protest": an assembly stopped
        if lem in _SILENCING and _silenced(t):
            return "other", False  # censorship: "blocked Facebook", "shut down the newspaper"
        if lem == "arrest" and t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "re":
            return "arrest", False
        if lem in _CUSTODY_VERBS or lem in _TRANSFER_VERBS:
            into = ("in", "into", "behind") + (("to",) if lem in _TRANSFER_VERBS else ())
            for c in t.children:
                held = [x for x in c.children if lemma(x) in _CUSTODY or x.lower_ == "bars"]
                if c.dep_ == "prep" and c.lower_ in into and held:
                    # "captivity" is the word for hostages ("held for weeks in captivity")
                    if lemma(held[0]) == "captivity":
                        return "kidnapping", False
                    if {x.lower_ for x in held[0].children} & _HIDDEN:
                        return "enforced_disappearance", False  # "held in secret detention"
                    return "detention", False
        if lem == "serve" and any(
            c.dep_ == "dobj" and lemma(c) in _SERVED and not _term_of_office(c) for c in t.children
        ):
            return "detention", False  # "is serving a ten-year sentence": held now
        if (
            lem == "try"
            and any(c.dep_ == "auxpass" for c in t.children)
            and not any(c.dep_ == "xcomp" for c in t.children)
        ):
            return "trial", False
        if lem in ("demonstrate", "march") and (
            t.dep_ == "relcl" or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "mark") for c in t.children)
        ):
            return None  # "demonstrated animosity", "all demonstrate that ...": to show, not to protest
        if lem in VERBS:
            kind = VERBS[lem]
            if lem in ("execute", "attack") and any(
                c.dep_ in ("dobj", "nsubjpass") and lemma(c) in _NOT_VICTIM_OBJECTS for c in t.children
            ):
                return None
            if lem == "threaten" and any(c.dep_ == "xcomp" for c in t.children):
                return None  # "threatened to ..." is a threat of something else, judged there
            return kind, False
        return None
    if t.pos_ not in ("NOUN", "PROPN") or t.ent_type_ in ("DATE", "TIME", "PERSON", "ORG"):
        return None
    kids = {lemma(c) for c in t.children}
    if lem == "toll" and "death" in kids:
        return "killing", True
    if lem == "taking" and "hostage" in kids:
        return "kidnapping", True  # "the 2008 hostage-taking of X"
    if lem in _SENTENCE_NOUNS and (kids & {"death", "capital"}):
        return ("death_sentence", True) if lem == "sentence" else None
    if lem in ("sentence", "term") and kids & {"prison", "jail", "custodial"}:
        # "a five-year prison sentence", "jail terms"; not one served (held: `_served`) nor a law's
        # maximum ("a law allowing jail terms of up to ten years")
        words = [x.lower_ for x in t.subtree]
        if lemma(t.head) == "serve" or ("up", "to") in pairwise(words):
            return None
        return "prison_sentence", True
    if lem == "trial":
        if t.dep_ == "compound" and lemma(t.head) in _COURTS:
            return None  # "the Regional Trial Court ordered his release": a kind of court
        if t.dep_ == "pobj" and lemma(t.head.head) in _TRIAL_HEADS:
            return "trial", True
        if _on_trial(t):
            return "trial", True
        if any(c.dep_ == "compound" and lemma(c) == "trial" for c in t.head.children) or (
            t.dep_ == "compound" and lemma(t.head) == "date"
        ):
            return "trial", True
        if t.dep_ in ("nsubj", "nsubjpass") and lemma(t.head) in _TRIAL_HEADS:
            return "trial", True
        return None
    if lem == "arrest" and kids & {"cardiac", "heart", "respiratory"}:
        return None  # "died of cardiac arrest"
    if lem == "attack" and kids & {"heart", "panic", "asthma", "anxiety"}:
        return None  # "died of a heart attack"
    of = {lemma(p) for p in prep_objects(t)}
    if lem in _SILENCING_NOUNS and (of | kids) & _OUTLETS:
        return "other", True  # "the closure of the newspaper", "an internet shutdown"
    if lem == "seizure" and of & {"power", "control", "government", "throne"}:
        return None  # "the army's seizure of power": a coup, told by its own words
    if lem == "plot" and (of | kids) & _LAND:
        return None  # "sold a plot of land", "a burial plot"
    if lem == "detention" and not _detention_told(t):
        return None  # "detention centre" is a place, "detention without trial" a practice
    if lem in ("detention", "imprisonment") and lemma(t.head.head) in _CUSTODY_VERBS:
        return None  # "remain in detention": the verb is the trigger
    if lem in ("arrest", "detention") and kids & _HIDDEN:
        return "enforced_disappearance", True  # "his secret arrest", "in incommunicado detention"
    if lem == "execution" and "mock" in kids:
        return "torture", True
    if (
        lem == "disappearance"
        and not (kids & {"enforced", "forced", "enforce", "force"})
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    ):
        return None
    if (t.dep_ == "compound" or (t.dep_ == "conj" and t.head.dep_ in ("compound", "nmod"))) and lem != "plot":
        return None  # "protest movements", "search and seizure warrant": a modifier, not the event
    if lem in SEXUAL_NOUNS and ("sexual" in kids or lem == "molestation"):
        return "other", True
    if lem in NOUNS:
        return NOUNS[lem], True
    return None


def _on_trial(t: Token) -> bool:
    """ "journalists on trial", "X remained on trial": people, not "a report on the trial" nor a
    figure ("journalism is on trial"), nor "no officer has been placed on trial"."""
    if t.dep_ != "pobj" or t.head.lower_ != "on" or any(c.dep_ in ("det", "poss") for c in t.children):
        return False
    owner = t.head.head
    held = (
        [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
        if owner.pos_ in ("VERB", "AUX")
        else [owner]
    )
    return any(someone(h) and not no_one([h]) for h in held)


def _term_of_office(term: Token) -> bool:
    """ "serving her third term in office", "a term as mayor": a mandate, not a prison term."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "as")
        or (c.dep_ == "prep" and c.lower_ in ("in", "of") and any(lemma(x) in _SEATS for x in c.children))
        or (c.dep_ in ("amod", "compound") and lemma(c) in _MANDATES)
        for c in term.children
    )


def _detention_told(t: Token) -> bool:
    """ "in detention" (custody), "the detention of X", "his detention", "faced brief detentions"."""
    if t.dep_ == "pobj" and t.head.lower_ in ("in", "into"):
        return True
    if any(c.dep_ == "poss" for c in t.children):
        return True  # someone's detention: "since their detention in 2015", "Velt's detention"
    if t.dep_ == "dobj" and lemma(t.head) in UNDERGO:
        return True
    return any(
        (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "amod" and c.lower_ in _UNLAWFUL_HOLDING)
        for x in (t, *t.conjuncts)  # "the beating and detention of X"
        for c in x.children
    )


def _done_to(t: Token) -> list[Token]:
    """What a verb is done to: its objects and passive subjects, with their conjuncts."""
    return [x for c in t.children if c.dep_ in ("dobj", "nsubjpass") for x in (c, *c.conjuncts)]


def _dispersed(t: Token) -> bool:
    """ "dispersed the protesters", "the rally was broken up": a gathering, not "dispersed the
    funds" or "broke up with her"."""
    if not (
        lemma(t) == "disperse"
        or (lemma(t) == "break" and any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children))
    ):
        return False
    return any(lemma(x) in _GATHERINGS or x.lower_ in _GATHERINGS for x in _done_to(t))


def _silenced(t: Token) -> bool:
    """What is blocked, banned or shut is a medium or a body: the object, or the passive subject."""
    if lemma(t) == "shut" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children):
        return False  # "shut the door"; "shut down the paper"
    done_to = _done_to(t)
    # "blocked access to the BBC": access to a medium, not "road access to the city"
    reached = [y for x in done_to if lemma(x) == "access" for y in x.subtree if y != x]
    return any(lemma(x) in _OUTLETS or x.lower_ in _OUTLETS for x in done_to + reached) or any(
        y.ent_type_ == "ORG" for y in reached
    )


def _held(t: Token) -> bool:
    return any(lemma(x) in _HELD or x.lower_ in _HELD for x in t.sent)


def _listed(t: Token) -> bool:
    """A bare plural in a list whose first item is a reported event ("reports of torture, arbitrary
    detention and enforced disappearances"): the list reports them all."""
    first = first_conjunct(t)
    found = _type_of(first) if first != t else None
    return found is not None and found[1] and not generic(first)


def find_triggers(parsed: Doc) -> list[Trigger]:
    """Every token that reports an incident, after dropping negated, hypothetical and generic ones."""
    out: list[Trigger] = []
    for t in parsed:
        found = _type_of(t)
        if found is None:
            continue
        kind, nominal = found
        if (kind := reading(t, kind, nominal)) is None:
            continue
        if lemma(t) in _BEAT and kind == "torture" and not _held(t):
            kind = "attack"
        if in_name(t) or (kind == "attack" and (verbal_attack(t) or figurative_explosion(t))):
            continue
        if kind in ("attack", "torture") and of_words(t):  # "a verbal beating", "a tongue-lashing"
            continue
        if kind in ("attack", "harassment", "killing") and against_an_idea(t, nominal):  # "killed journalism"
            continue
        if kind != "trial" and irrealis(t, nominal) and not (kind == "plot" and tried(t, nominal)):
            continue  # "could plot" is dropped, but "planned to kill" was tried
        if negated(t, nominal) or classifies(t, nominal) or (nominal and generic(t) and not _listed(t)):
            continue
        out.append(Trigger(kind, t, nominal))
    return out
