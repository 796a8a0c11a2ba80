"""How alike two incidents are, as evidence that they report one real-world event: `compare` adds
points for and against, each with its reason in plain words. `docket.resolve.events` joins on them.

* type: the same type +1.0; another type of the same group +0.6 (`TYPE_GROUPS`: killing ~ execution;
  attack ~ plot; arrest ~ detention ~ enforced disappearance ~ kidnapping; trial ~ death sentence ~
  prison sentence; every other type is a group of its own). Two groups are never one event.
* date: dates that cannot both hold (1988 and 1989; July and August 1988) are never one event. Dates
  that can (one contains the other) score by the coarser one: day +1.5, month +1.2, year +1.0, decade
  +0.3, less 0.2 when the precisions differ (1988 within the 1980s: +0.1). An undated report scores 0.
  A report's date is the event's date as its text gives it: a massacre of 1988 retold in 2020 stays
  in 1988; publication dates are never used.
* place: the same specific place (corpus entity, else name) +1.0; two places, or a place and a
  country, in one country +0.3; the same country only +0.2, since an incident's country may be its
  document's default; places in different countries -1.0, countries -0.5. When a report's place is
  only a country, the countries its sentence names count too ("The French bomb plot": France).
* participants: a shared perpetrator or victim (corpus entity) +0.8, two or more +1.2; named victims
  on both sides, none shared, -0.6; victims described alike ("peaceful demonstrators" / "peaceful
  protesters") +0.4, or sharing the head noun +0.2.
* figures (`docket.resolve.figures`): the same number (30,000 and "over 30,000"; "approximately
  1,500" and 1,500) +0.1 to +1.5, more for larger numbers: 1,000 and up +1.5, 100 +1.1, 12 +0.64,
  3 +0.34 (many events have a toll of 3, few one of 1,500; a dense corpus has many); numbers merely
  within a quarter of each other, or vague ones ("thousands"), +0.3; figures that cannot both hold -1.0.
* wording: rare words both sentences share (weighted by inverse frequency over all the incidents'
  sentences: "bomb"), up to +0.5.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from docket.extract.places import is_country, title_countries
from docket.model import Incident, Place
from docket.resolve import figures as fig

ToGlobal = Callable[[str | None], str | None]

TYPE_GROUPS: dict[str, str] = {
    "killing": "lethal", "execution": "lethal",
    "attack": "violence", "plot": "violence",
    "arrest": "custody", "detention": "custody", "enforced_disappearance": "custody", "kidnapping": "custody",
    "trial": "judicial", "death_sentence": "judicial", "prison_sentence": "judicial",
}  # fmt: skip

MIN_IDF = 1.5  # a word in more than 1 sentence of 4.5 says nothing about which event it is
_DATE_POINTS = {"day": 1.5, "month": 1.2, "year": 1.0, "decade": 0.3}
_KEY_LENGTH = {"decade": 3, "year": 4, "month": 7, "day": 10}  # "1980" (the 1980s) -> "198"
_PRECISION_OF_LENGTH = {3: "decade", 4: "year", 7: "month", 10: "day"}
_WORD = re.compile(r"[^\W\d_]+")
_END_PUNCTUATION = re.compile(r"[.,;:!?](?=\s|$)")  # "in Albania." names Albania

# Words that say nothing about which event a sentence tells: function words, reporting verbs, months
# (dates are compared as dates).
_STOP_WORDS = """
    about above according across after again against all almost along already also although among
    and another any are around because been before being below between both but can could did does
    doing down during each either even ever every few first following for from further had has have
    having her here hers herself him himself his how however into its itself just last least less
    like many may might more most much must near nearly neither never next none nor not now off once
    one only onto other others our ours out over own per rather same several she should since some
    still such than that the their theirs them themselves then there these they this those though
    three through thus too toward towards two under until upon very was were what whatever when
    where whether which while who whom whose why will with within without would yet you your said
    says say told tell stated reported according claimed added noted called year years month months
    day days time times today yesterday recent recently january february march april may june july
    august september october november december
"""
_STOP = frozenset(_STOP_WORDS.split())
_SYNONYMS = {"demonstrator": "protester", "protestor": "protester", "detainee": "prisoner"}


@dataclass(frozen=True, slots=True)
class Report:
    """An incident with what comparing it needs, computed once (`report`)."""

    incident: Incident
    doc: str
    start: int
    group: str
    when: str | None  # the date as a prefix key: "198" (1980s), "1988", "1988-07", "1988-07-14"
    place: Place | None  # entity is the corpus id
    place_key: str | None  # a specific place (not a country): corpus entity id, else its name
    country: str | None
    foreign: frozenset[str]  # for a country-only place: other countries its sentence names
    participants: dict[str, str]  # corpus entity id -> the words naming it
    named_victims: frozenset[str]
    victims: tuple[tuple[str, frozenset[str], str], ...]  # description, its words, its head noun
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    parts: tuple[tuple[float, str], ...]  # (points, why), in the order of the module notes
    # More than type, date and place agree (participants, figures, wording), or both dates are precise
    # to the day, or to the month at one specific place: a dense corpus holds many killings in Tehran
    # in 2019, and many arrests in one country in one month, that are not one event.
    corroborated: bool

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each piece of evidence with its points, in words ("same date: 1988 (+1.00)")."""
        return tuple(f"{why} ({points:+.2f})" for points, why in self.parts)

    @property
    def conflict(self) -> bool:
        """Some evidence speaks against one event."""
        return any(points < 0 for points, _ in self.parts)


def report(incident: Incident, to_global: ToGlobal) -> Report:
    """What comparing the incident needs, its entity ids mapped to corpus ids by `to_global`."""
    ev = incident.evidence
    text = "\n".join(e.text for e in ev)
    place, place_key, country, foreign = None, None, None, frozenset[str]()
    if incident.place:
        p = incident.place
        place, country = Place(to_global(p.entity), p.name, p.country), p.country
        if is_country(p.name):
            foreign = frozenset(title_countries(_END_PUNCTUATION.sub("", text))) - {country}
        else:
            place_key = place.entity or f"name:{p.name.casefold()}"
    participants: dict[str, str] = {}
    for who in (*incident.perpetrators, *incident.victims):
        if (gid := to_global(who.entity)) is not None:
            participants.setdefault(gid, who.name or "")
    named = frozenset(g for v in incident.victims if (g := to_global(v.entity)) is not None)
    described = []
    for v in incident.victims:
        words = [_SYNONYMS.get(w, w) for w in map(_singular, _words(v.description or ""))]
        if words:
            described.append((v.description or "", frozenset(words), words[-1]))
    return Report(
        incident=incident,
        doc=ev[0].doc if ev else "",
        start=min((e.start for e in ev), default=0),
        group=TYPE_GROUPS.get(incident.type, incident.type),
        when=_when(incident.date.value, incident.date.precision),
        place=place,
        place_key=place_key,
        country=country,
        foreign=foreign,
        participants=participants,
        named_victims=named,
        victims=tuple(described),
        words=frozenset(_words(text)),
    )


def _when(value: str | None, precision: str | None) -> str | None:
    if not value:
        return None
    precision = precision or _PRECISION_OF_LENGTH.get(len(value), "day")
    return value[: _KEY_LENGTH.get(precision, len(value))]


def nested(a: str, b: str) -> bool:
    """Whether two dates can both hold: one contains the other ("198" the 1980s contains "1988-07")."""
    return a.startswith(b) or b.startswith(a)


def coarser(when: str) -> list[str]:
    """The coarser date keys that contain `when`: "1988-07-19" -> "1988-07", "1988", "198"."""
    return [when[:n] for n in (7, 4, 3) if n < len(when)]


def _words(text: str) -> list[str]:
    return [w for w in (m.lower() for m in _WORD.findall(text)) if len(w) > 2 and w not in _STOP]


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def idf_of(reports: list[Report]) -> dict[str, float]:
    """Inverse frequency of each word over the distinct evidence sentences."""
    distinct = {r.words for r in reports}
    df = Counter(w for words in distinct for w in words)
    return {w: math.log(len(distinct) / n) for w, n in df.items()}


def compare(a: Report, b: Report, idf: dict[str, float]) -> Match | None:
    """Points for and against one event, with reasons; None when the two can never be one event."""
    if a.group != b.group or (a.when and b.when and not nested(a.when, b.when)):
        return None
    parts = [_type_points(a, b), *_date_points(a, b), *_place_points(a, b)]
    content = [*_participant_points(a, b), *_figure_points(a, b), *_wording_points(a, b, idf)]
    corroborated = _precise(a, b) or any(p > 0 for p, _ in content)
    parts += content
    return Match(round(sum(p for p, _ in parts), 2), tuple(parts), corroborated)


def _precise(a: Report, b: Report) -> bool:
    """Both dated to the day, or to the month at one specific place: enough without other evidence."""
    if a.when is None or b.when is None:
        return False
    shortest = min(len(a.when), len(b.when))
    return shortest >= 10 or (shortest >= 7 and a.place_key is not None and a.place_key == b.place_key)


def may_reach(a: Report, b: Report, score: float) -> bool:
    """Whether `compare` could give the pair `score` or more, corroborated: a cheap upper bound (no
    words built) that spares comparing most of the pairs blocking proposes."""
    if a.group != b.group or (a.when and b.when and not nested(a.when, b.when)):
        return False
    date = 0.0
    if a.when and b.when:
        coarse = a if len(a.when) <= len(b.when) else b
        precision = coarse.incident.date.precision or _PRECISION_OF_LENGTH.get(len(coarse.when or ""), "day")
        date = _DATE_POINTS.get(precision, 1.0) - (0.0 if a.when == b.when else 0.2)
    content = 0.0
    if not a.participants.keys().isdisjoint(b.participants.keys()):
        content += 1.2
    if a.victims and b.victims:
        content += 0.4
    if (
        a.incident.count is not None
        and b.incident.count is not None
        and fig.similar(a.incident.count, b.incident.count)
    ):
        content += 1.5
    if not a.words.isdisjoint(b.words):
        content += 0.5
    if not content and not _precise(a, b):
        return False
    same_place = a.place_key is not None and a.place_key == b.place_key
    return (1.0 if a.incident.type == b.incident.type else 0.6) + date + (
        1.0 if same_place else 0.3
    ) + content >= score


def _type_points(a: Report, b: Report) -> tuple[float, str]:
    x, y = a.incident.type, b.incident.type
    return (1.0, f"same type: {x}") if x == y else (0.6, f"related types: {x}, {y}")


def _date_points(a: Report, b: Report) -> list[tuple[float, str]]:
    if a.when is None or b.when is None:
        return [(0.0, "one report is undated")] if a.when or b.when else []
    coarse, fine = (a, b) if len(a.when) <= len(b.when) else (b, a)
    precision = coarse.incident.date.precision or _PRECISION_OF_LENGTH.get(len(coarse.when), "day")
    points = _DATE_POINTS.get(precision, 1.0)
    if coarse.when == fine.when:
        return [(points, f"same date: {coarse.incident.date.value}")]
    container = f"the {coarse.incident.date.value}s" if precision == "decade" else coarse.incident.date.value
    within = f"{fine.incident.date.value} is within {container} ({precision})"
    return [(round(max(points - 0.2, 0.1), 2), f"dates agree: {within}")]


def _place_points(a: Report, b: Report) -> list[tuple[float, str]]:
    if not (a.place and b.place):
        return []
    if a.place_key and b.place_key:
        if a.place_key == b.place_key:
            return [(1.0, f"same place: {a.place.name}")]
        if a.country and b.country:
            if a.country == b.country:
                return [(0.3, f"{a.place.name} and {b.place.name} are in one country, {a.country}")]
            return [(-1.0, f"{a.place.name} ({a.country}) and {b.place.name} ({b.country}) are apart")]
        return []
    if not (a.country and b.country):
        return []
    if a.place_key or b.place_key:  # a specific place and a country, perhaps the document's default
        s, c = (a, b) if a.place_key else (b, a)
        if s.country == c.country:
            return [(0.3, f"{s.place and s.place.name} is in {s.country}, the other report's country")]
        if s.country in c.foreign:
            return [(0.3, f"{s.place and s.place.name} is in {s.country}, which the other report names")]
        return [(-0.5, f"{s.place and s.place.name} ({s.country}) is not in {c.country}")]
    if a.foreign and b.foreign and not a.foreign & b.foreign:
        named = f"{', '.join(sorted(a.foreign))} / {', '.join(sorted(b.foreign))}"
        return [(-0.5, f"the sentences name different countries: {named}")]
    if a.country == b.country or a.country in b.foreign or b.country in a.foreign:
        same = a.country if a.country == b.country else f"{a.country}/{b.country}"
        return [(0.2, f"same country: {same}")]
    return [(-0.5, f"different countries: {a.country}, {b.country}")]


def _participant_points(a: Report, b: Report) -> list[tuple[float, str]]:
    parts = []
    shared = sorted(a.participants.keys() & b.participants.keys())
    if shared:
        names = ", ".join(a.participants[g] for g in shared[:3])
        parts.append((min(1.2, 0.4 + 0.4 * len(shared)), f"shared participants: {names}"))
    if a.named_victims and b.named_victims and not a.named_victims & b.named_victims:
        parts.append((-0.6, "different named victims"))
    best: tuple[float, str] | None = None
    for text_a, words_a, head_a in a.victims:
        for text_b, words_b, head_b in b.victims:
            alike = len(words_a & words_b) / len(words_a | words_b)
            points = 0.4 if alike >= 0.5 else 0.2 if head_a == head_b else 0.0
            if points and (best is None or points > best[0]):
                best = (points, f"victims described alike: {text_a!r} / {text_b!r}")
    return parts + ([best] if best else [])


def _figure_points(a: Report, b: Report) -> list[tuple[float, str]]:
    x, y = a.incident.count, b.incident.count
    if x is None or y is None:
        return []
    if not fig.agree(x, y):
        return [(-1.0, f"figures cannot both hold: {fig.describe(x)} / {fig.describe(y)}")]
    if not fig.similar(x, y):
        return []
    stated = fig.stated(x) or 0
    if fig.is_vague(x) or fig.is_vague(y) or stated != fig.stated(y):
        return [(0.3, f"similar figures: {fig.describe(x)} / {fig.describe(y)}")]
    points = round(min(1.5, 0.1 + math.log10(max(stated, 1)) / 2), 2)
    return [(points, f"the same figure: {fig.describe(x)} / {fig.describe(y)}")]


def _wording_points(a: Report, b: Report, idf: dict[str, float]) -> list[tuple[float, str]]:
    rare = [w for w in a.words & b.words if idf.get(w, 0.0) >= MIN_IDF]
    if not rare:
        return []
    points = round(min(0.5, 0.15 * sum(idf[w] for w in rare)), 2)
    return [(points, f"shared rare words: {', '.join(sorted(rare, key=lambda w: (-idf[w], w))[:4])}")]
