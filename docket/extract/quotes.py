"""Quote marks, cue and title word lists, and name cleaning: the helpers `statements` builds on. No I/O."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from docket.extract.linking import doc_text

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
DOUBLE_SINGLE = "''"  # the archive style of some papers (NYT): ''We will win,'' she said.
_Test = Callable[[str, int], bool]


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that name a role rather than a person: dropped from the front of a speaker's name.
TITLES = _words(
    """mr mrs ms miss dr prof professor sir dame lord lady sen senator rep representative gov governor
    president vice-president president-elect premier minister secretary chancellor king queen prince
    princess sheikh ayatollah hojatoleslam imam mullah cleric general gen col colonel lt lieutenant
    capt captain maj major commander chief judge justice speaker leader chairman chairwoman chair
    chairperson director spokesman spokeswoman spokesperson ambassador envoy mep mp congressman
    congresswoman councillor councilor mayor deputy founder ceo official officer adviser advisor
    attorney lawyer prosecutor rapporteur commissioner pope bishop father rev reverend activist
    journalist"""
)

# Verbs that report speech or a claim when they take a clause ("X warned that ...").
CUES = _words(
    """say state tell announce declare claim warn admit deny insist report reveal recall acknowledge
    determine argue conclude add stress underscore condemn accuse explain confirm allege note write
    tweet ask suggest assert maintain contend emphasize emphasise comment reply respond remark observe
    testify predict promise vow pledge threaten urge demand find estimate agree complain concede
    disclose mention speculate charge affirm reiterate repeat boast caution inform counter retort
    highlight assure believe anticipate call appeal continue joke quip lament muse recount shout yell
    scream chant exclaim whisper"""
)
# Pure speech verbs: a clause under them is what was said, however the parser attached it.
SAY_CUES = _words("say state claim argue insist add note write assert contend maintain tell explain")
OBJECT_CUES = _words("condemn denounce criticize criticise accuse blame deny")  # object = claim
PREP_CUES = {"call": {"for", "on"}, "appeal": {"for"}, "warn": {"of", "against", "about"}}
# Attributions beyond speech verbs (PolNeAR's sense: a source's statements *and* inner states). Each
# maps a lemma to its mode; they need a source that can hold a view (`_plausible`), since "the wall
# shows cracks" or "the storm threatened the camp" attribute nothing.
ACT_CUES = _words(  # public acts whose object is the claim or its target ("endorsed X", "blasted X")
    """criticize criticise praise blast slam endorse reject dismiss defend thank congratulate mock
    question challenge cite mention discuss address tout echo dispute applaud welcome hail ridicule
    ask answer promise vow pledge urge encourage propose recommend request demand refuse decline offer
    call support back oppose favor favour tweet announce acknowledge recognize recognise express laud
    decry deride rebuke fault describe label dub brand identify"""
)
# Praise and blame whose reason is part of the view: "thanked Obama for taking these steps".
FOR_REASON = _words("thank praise criticize criticise blame fault applaud commend congratulate slam blast")
# "call X Y", "describe X as Y": X and Y are the view
NAMING_CUES = _words("call describe label dub brand identify")
BELIEF_CUES = _words(  # inner states: what a source thinks, knows, wants or fears
    """think believe feel know doubt suspect assume realize realise understand consider remember
    worry wonder see view regard want wish hope expect fear plan intend prefer like love hate seek
    aim anticipate"""
)
EVIDENCE_CUES = _words("show indicate suggest find reveal")  # a poll or report as the source
# Belief verbs that take almost anything as an object ("knew him", "saw the wall"): clause only.
VIEW_AS = _words("see view regard consider")  # ... but "voters see X as Y" is a view of X
CLAUSE_ONLY = _words("think know understand remember see view regard realize realise consider feel")
ATTITUDE_PREPS = {
    "talk": {"about"}, "speak": {"about", "of", "on"}, "focus": {"on"}, "refer": {"to"},
    "comment": {"on"}, "complain": {"about"}, "worry": {"about"}, "joke": {"about"},
    "insist": {"on"}, "hope": {"for"}, "push": {"for"}, "argue": {"for", "against"},
    "advocate": {"for"}, "vote": {"for", "against"}, "think": {"about", "of"}, "respond": {"to"},
    "react": {"to"},
}  # fmt: skip
INFO_SOURCES = _words(
    """poll polls survey surveys study studies report reports data analysis numbers figures results
    research polling record records document documents email emails evidence investigation review
    audit footage video"""
)
AGENTS = _words(  # common nouns that name people or bodies able to hold a view
    """people voters supporters critics opponents democrats republicans americans campaign campaigns
    administration government officials official leaders members member delegates residents
    citizens activists advocates experts analysts observers group groups party parties committee
    aides aide staff staffers team candidate candidates nominee donors allies rivals police
    authorities agency ministry court judges lawmakers legislators senators politicians voter
    conservatives liberals progressives republican democrat women men workers students parents
    protesters demonstrators family families organizers organisation organization organizations
    organisations union unions company companies network newspaper editors reporters host anchor
    moderator panel pollsters strategists consultants insiders sources source"""
)
ADDRESSEE = _words("tell inform assure remind warn brief")  # their object is who is told, not what
NOT_SPEAKER_LABELS = _words(  # "UPDATE: ...", "Photo: ...": a label before a colon, not a speaker
    """update updated watch read related source sources photo photos image images editor note video
    audio credit listen see also more click follow tags category posted filed by via q a question
    answer breaking exclusive live full transcript disclaimer warning"""
)
# Objects that carry no claim: "found himself", "asked a question", "offered his thoughts".
EMPTY_OBJECTS = _words("himself herself themselves itself myself ourselves yourself question questions")
PERSONAL = _words("he she him her")
GROUP = _words("it they them")
NO_SPEAKER = _words("you one there")
MODALS = _words("can could may might must should would will shall")
CONDITIONS = _words("if unless whether")
NAME_LABELS = _words("PERSON ORG GPE NORP FAC LOC")
NOT_SOURCES = _words("plan plans law laws schedule rule rules tradition custom")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start` is the opening mark's offset, `end` the offset just past the closing mark."""

    start: int
    end: int
    mark: int = 1  # characters in each quote mark: 2 for `''`

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.mark, self.end - self.mark

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def find_quotes(text: str) -> list[Quote]:
    """Every balanced quotation, curly or straight, outermost only, in text order.

    A quotation may run over several paragraphs: by convention an unclosed paragraph is continued by
    one that opens with a quote mark. Anything unbalanced is dropped rather than guessed at.
    """
    quotes = (
        _pairs(text, _CURLY, _is_curly_open, _is_curly_close)
        + _pairs(text, _STRAIGHT, _is_straight_open, _is_straight_close)
        + _pairs(text, _DOUBLE_SINGLE, _is_double_single_open, _is_double_single_close, 2)
    )
    quotes.sort(key=lambda q: (q.start, -q.end))
    out: list[Quote] = []
    for q in quotes:  # nested quotes (straight inside curly) belong to the outer one
        if not out or q.start >= out[-1].end:
            out.append(q)
    return out


def _is_curly_open(text: str, i: int) -> bool:
    return text[i] == OPEN


def _is_curly_close(text: str, i: int) -> bool:
    return text[i] == CLOSE


def _is_straight_open(text: str, i: int) -> bool:
    # An opening straight quote follows a space or bracket and precedes a word.
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return text[i] == STRAIGHT and (before.isspace() or before in "([—–-/") and not after.isspace()


def _is_straight_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return text[i] == STRAIGHT and not before.isspace()


def _is_double_single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    return (
        text.startswith(DOUBLE_SINGLE, i) and (before.isspace() or before in "([—–-/") and after not in " '"
    )


def _is_double_single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return text.startswith(DOUBLE_SINGLE, i) and not before.isspace() and before != "'"


# Where each style's tests can hold (its marks' first characters) and where a paragraph ends: `_pairs`
# jumps between these instead of testing every character.
_CURLY = re.compile(f"[\n{OPEN}{CLOSE}]")
_STRAIGHT = re.compile(f"[\n{STRAIGHT}]")
_DOUBLE_SINGLE = re.compile(f"[\n{DOUBLE_SINGLE[0]}]")


def _pairs(text: str, stops: re.Pattern[str], is_open: _Test, is_close: _Test, width: int = 1) -> list[Quote]:
    out: list[Quote] = []
    opened: int | None = None
    i = 0
    while (stop := stops.search(text, i)) is not None:
        i = stop.start()
        c = text[i]
        if c == "\n" and opened is not None:
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and is_open(text, j):
                i = j + width  # the next paragraph continues the quotation
                continue
            opened = None  # an unclosed quotation ends with its paragraph: unbalanced, dropped
        elif opened is None and is_open(text, i):
            opened = i
            i += width - 1
        elif opened is not None and is_close(text, i):
            out.append(Quote(opened, i + width, width))
            opened = None
            i += width - 1
        elif opened is not None and is_open(text, i):
            opened = i  # a second opening mark: the first was stray
            i += width - 1
        i += 1
    return out


def strip_span(text: str, start: int, end: int, chars: str = " \t\r\n\xa0,;:") -> tuple[int, int]:
    """Trims `chars` and unbalanced quote marks from both ends, keeping quote marks that pair up.

    Reported speech often ends inside a partial quote (`are “the continuation ...,”`): the closing mark
    belongs to the content, the comma does not.
    """
    while True:
        s, e = start, end
        while start < end and text[start] in chars:
            start += 1
        while end > start and text[end - 1] in chars:
            end -= 1
        inner = text[start:end]
        if end > start and text[end - 1] in CLOSE + STRAIGHT and not _balanced_at_end(inner):
            end -= 1
        if end > start and text[start] in OPEN + STRAIGHT and not _balanced_at_start(inner):
            start += 1
        if (s, e) == (start, end):
            return start, end


def _balanced_at_end(span: str) -> bool:
    if span.endswith(CLOSE):
        return span.count(OPEN) >= span.count(CLOSE)
    return span.count(STRAIGHT) % 2 == 0


def _balanced_at_start(span: str) -> bool:
    if span.startswith(OPEN):
        return span.count(CLOSE) >= span.count(OPEN)
    return span.count(STRAIGHT) % 2 == 0


def clean_name(toks: list[Token], person: bool) -> str:
    """A name without roles: `Slovakian MEP Ivan Štefanec` -> `Ivan Štefanec`, `Mrs. X Y` -> `X Y`."""
    original = toks
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks = toks[:-1]
    titles = [i for i, t in enumerate(toks) if t.lower_.rstrip(".") in TITLES]
    if titles and any(t.pos_ == "PROPN" for t in toks[titles[-1] + 1 :]):
        toks = toks[titles[-1] + 1 :]
    while toks and (
        toks[0].pos_ in ("DET", "PUNCT", "ADP")
        or (person and (toks[0].ent_type_ == "NORP" or toks[0].pos_ == "ADJ"))
    ):
        toks = toks[1:]
    toks = toks or original
    return doc_text(toks[0].doc)[toks[0].idx : toks[-1].idx + len(toks[-1])]


def hypothetical(t: Token) -> bool:
    """A cue under a modal ("could say") or in a condition ("if the world acknowledged"): nothing said yet."""
    return any(
        (c.dep_ == "aux" and c.lower_ in MODALS) or (c.dep_ == "mark" and c.lower_ in CONDITIONS)
        for c in t.children
    )


def is_cue(t: Token) -> bool:
    """A verb that reports speech or a claim, not hypothetically."""
    lemma = t.lemma_.lower()
    if lemma == "point":  # only "pointed out"
        lemma = "say" if any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children) else lemma
    return t.pos_ in ("VERB", "AUX") and lemma in CUES and not hypothetical(t)


def attitude(t: Token) -> Literal["speech", "belief"] | None:
    """The mode (`speech` or `belief`) of a verb attributing a view beyond speech, else None."""
    lemma = t.lemma_.lower()
    known = lemma in ACT_CUES or lemma in EVIDENCE_CUES or lemma in BELIEF_CUES or lemma in ATTITUDE_PREPS
    if t.pos_ != "VERB" or not known or hypothetical(t):  # the word lists first: they cost least
        return None
    if lemma in ACT_CUES or lemma in EVIDENCE_CUES:
        return "speech"
    if lemma in BELIEF_CUES:
        return "belief"
    preps = ATTITUDE_PREPS.get(lemma, set())
    if any(c.dep_ == "prep" and c.lower_ in preps for c in t.children):
        return "speech"  # "talked about", "pushed for": only with their preposition
    return None


def aside(cue: Token) -> bool:
    """A cue told beside its claim: "…, he added, …", "…, as the report noted", "…, X told CNN, …";
    with an object or complement of its own it tells something else ("as the council continues its
    purge", "as reporters have continued to film the camps")."""
    if not (cue.dep_ == "parataxis" or (cue.dep_ == "advcl" and any(c.lower_ == "as" for c in cue.children))):
        return False
    own = [c for c in cue.children if c.dep_ in ("dobj", "xcomp", "oprd")]
    return not own or (cue.lemma_.lower() in ADDRESSEE and all(c.dep_ == "dobj" for c in own))


def plausible_source(t: Token, cue: Token) -> bool:
    """Whether `t` can hold the view `cue` attributes: a noun or name, a person pronoun (not `it`);
    for `show`/`indicate` only a record (poll, report, data) or a person or body of people."""
    lower, lemma = t.lower_, t.lemma_.lower()
    if cue.lemma_.lower() in EVIDENCE_CUES:  # "the wall shows cracks": only a record or a person shows
        if lower in INFO_SOURCES or lemma in INFO_SOURCES:
            return True
    elif t.pos_ in ("NOUN", "PROPN"):
        return True  # PolNeAR: any named or described source (a bill "seeks", a union "backs") holds a view
    if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN":
        return True
    if t.pos_ == "PRON":
        return lower in ("he", "she", "they", "we", "i", "you", "who")
    return lower in AGENTS or lemma in AGENTS or lower.rstrip(".") in TITLES or lemma in TITLES


def negated(t: Token) -> bool:
    """ "did not say that ...": no claim is reported."""
    return any(c.dep_ == "neg" for c in t.children)


def according_source(t: Token) -> Token | None:
    """The source of `according to X` when `t` is `according`, else None."""
    if t.lower_ != "according":
        return None
    to = next((c for c in t.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def has_that(clause: Token) -> bool:
    """A clause opened by `that`, whatever dependency the parser gave it (`said in a statement that`)."""
    return clause.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    )
