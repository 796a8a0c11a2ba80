"""Cross-document event consolidation: incidents that report the same real-world event become one
`Event`, with every report's figure side by side (`docket.resolve.figures`) and the reasons for each
join. How alike two incidents are is `docket.resolve.matching`.

**Joining** goes best pair first: a pair scoring `JOIN` (2.5) joins its two events if more than
type, date and place agree (a participant, a figure, rare words), or both dates are precise to the
day, or to the month at one specific place; and, when either event holds more than one report, if
the two are alike as wholes (average link, `_cohesive`: their pairs from different documents score
`COHESION` on average, so a vague report cannot chain two events alike in nothing else); unless the
joined event would hold (a) two dates that cannot both hold, (b) an undated
report and a dated one without a `STRONG` (3.0) link, or (c) two incidents of one document that are
not strongly alike: their own score must reach `STRONG`, or reach `SAME_DOCUMENT` (1.5) with both
dated and nothing against them (an article's "1988 massacre" and its "the 80s" killing of 30,000).
Every incident ends in exactly one event; one that matches nothing is an event of its own. The
event's date is its most precise report's (all of them can hold, by (a)); its place the most reported
specific place, else country.

**Blocking** keeps the cost about linear: dated incidents are compared within their type group and
date key, and with the coarser dates that contain it (1988-07 with 1988 and the 1980s); an undated
incident only with incidents sharing a figure (within `SIMILAR_RATIO`), a participant or a specific
place, since without one of these a pair cannot reach `JOIN`. Blocks of up to `MAX_BLOCK` incidents
are compared in full, so small corpora lose no pair that could join. A larger block is compared by
sorted neighbourhood in three orders (by place, by figure, by participant): each incident meets the
`WINDOW` incidents after it in each, so a rare pair alike only in ways the orders miss can be lost.
Of the pairs proposed, only those that could reach `JOIN` (`may_reach`, a cheap bound) are compared,
and only the matches that may join are kept.

**Reviewers** overrule the joining with pairs of incident ids (`docket.store.review`): a `join` pair
is joined first, whatever the constraints above (a link of score 0, "joined by a reviewer"); a
`forbid` pair is never in one event, however alike (nor through other reports: no event holds both).
A pair naming an incident not given is ignored.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from docket.model import Document, Event, EventDate, EventLink, Incident, Place, ReportedFigure, stable_id
from docket.resolve import figures as fig
from docket.resolve.matching import (
    Match,
    Report,
    ToGlobal,
    coarser,
    compare,
    idf_of,
    may_reach,
    nested,
    report,
)
from docket.taxonomy import INCIDENT_TYPES

JOIN = 2.5
STRONG = 3.0
SAME_DOCUMENT = 1.5
MAX_BLOCK = 20  # blocks up to this size are compared in full
WINDOW = 6  # above it, each report meets the next WINDOW reports in each of three orders
COHESION = JOIN  # the mean score of two events' pairs of reports, for them to join
COHESION_SAMPLE = 8  # reports of each event compared for it (the first by id)
REVIEWER = "joined by a reviewer"


def consolidate_events(
    incidents: Iterable[Incident],
    documents: Iterable[Document],
    to_global: ToGlobal,
    *,
    join: Iterable[tuple[str, str]] = (),
    forbid: Iterable[tuple[str, str]] = (),
) -> list[Event]:
    """Every incident in exactly one event; events by date (undated first), then id. `join` and
    `forbid`: pairs of incident ids a reviewer merged or split (module notes)."""
    reports = sorted((report(i, to_global) for i in incidents), key=lambda r: r.incident.id)
    idf = idf_of(reports)
    links: dict[tuple[int, int], Match] = {}  # only the pairs that may join: the rest are not kept
    for i, j in sorted(_candidate_pairs(reports)):
        m = compare(reports[i], reports[j], idf) if may_reach(reports[i], reports[j], JOIN) else None
        if m is not None and m.score >= JOIN and m.corroborated:
            links[(i, j)] = m
    index = {r.incident.id: n for n, r in enumerate(reports)}

    def known(pairs: Iterable[tuple[str, str]]) -> list[tuple[int, int]]:
        found = {tuple(sorted((index[a], index[b]))) for a, b in pairs if a in index and b in index}
        return sorted((x, y) for x, y in found if x != y)

    groups, reasons = _cluster(reports, links, idf, known(join), known(forbid))
    docs = {d.id: d for d in documents}
    events = [_event([reports[i] for i in members], reasons[root], docs) for root, members in groups.items()]
    return sorted(events, key=lambda e: (e.date.value or "", e.id))


def _candidate_pairs(reports: list[Report]) -> set[tuple[int, int]]:
    """The pairs worth comparing (see the module notes on blocking), as index pairs (low, high)."""
    by_when: dict[tuple[str, str], list[int]] = defaultdict(list)
    within: dict[tuple[str, str], list[int]] = defaultdict(list)  # the reports a coarser date contains
    distinctive: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.when:
            by_when[(r.group, r.when)].append(i)
            for container in coarser(r.when):
                within[(r.group, container)].append(i)
        for key in _distinctive_keys(r):
            distinctive[(r.group, key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, block in by_when.items():
        pairs |= _pairs_between(block, block, reports)
        if inside := within.get(key):
            pairs |= _pairs_between(block, inside, reports)
    for block in distinctive.values():
        if undated := [i for i in block if reports[i].when is None]:
            pairs |= _pairs_between(undated, block, reports)
    return pairs


def _distinctive_keys(r: Report) -> list[str]:
    keys = [f"ent:{g}" for g in r.participants]
    if r.place_key:
        keys.append(f"place:{r.place_key}")
    if r.incident.count and (n := fig.stated(r.incident.count)):
        # Similar figures differ by at most one bucket; each report sits in its bucket and the next.
        bucket = math.floor(math.log(n) / math.log(fig.SIMILAR_RATIO))
        keys += [f"fig:{bucket}", f"fig:{bucket + 1}"]
    return keys


def _pairs_between(left: list[int], right: list[int], reports: list[Report]) -> set[tuple[int, int]]:
    """Pairs of one report of `left` and another of `right`: all of them when both are small, else
    the near ones in each of three orders (sorted neighbourhood), so each report meets a bounded few."""
    if len(left) <= MAX_BLOCK and len(right) <= MAX_BLOCK:
        return {(min(i, j), max(i, j)) for i in left for j in right if i != j}
    lefts, rights = set(left), set(right)
    out = set()
    for order in (_by_place, _by_figure, _by_participant):
        ordered = sorted(lefts | rights, key=lambda i: order(reports[i]))
        for pos, i in enumerate(ordered):
            for j in ordered[pos + 1 : pos + 1 + WINDOW]:
                if (i in lefts and j in rights) or (i in rights and j in lefts):
                    out.add((min(i, j), max(i, j)))
    return out


def _figure_of(r: Report) -> int:
    return (fig.stated(r.incident.count) or 0) if r.incident.count else -1


def _by_place(r: Report) -> tuple[str, int, str]:
    return (r.place_key or r.country or "", _figure_of(r), r.incident.id)


def _by_figure(r: Report) -> tuple[str, int, str]:
    return (r.country or "", _figure_of(r), r.incident.id)


def _by_participant(r: Report) -> tuple[str, str]:
    return (min(r.participants, default=""), r.incident.id)


def _cluster(
    reports: list[Report],
    links: dict[tuple[int, int], Match],
    idf: dict[str, float],
    join: Iterable[tuple[int, int]] = (),
    forbid: Iterable[tuple[int, int]] = (),
) -> tuple[dict[int, list[int]], dict[int, list[EventLink]]]:
    """Joins, best pair first, under the constraints in the module notes; a reviewer's `join` pairs
    first, and never two reports of a `forbid` pair in one event. `links`: the pairs that may join.

    Each event keeps what the constraints read (its most precise date, its reports by document, the
    reports it may not hold), and a join moves the smaller event into the larger, so a join costs
    about the size of the smaller event: linear overall, whatever the size of the events."""
    n = len(reports)
    parent = list(range(n))
    members = {i: [i] for i in range(n)}
    finest = {i: r.when for i, r in enumerate(reports)}  # all of an event's dates are prefixes of it
    dated = {i: r.when is not None for i, r in enumerate(reports)}
    by_doc = {i: {r.doc: [i]} for i, r in enumerate(reports)}
    reasons: dict[int, list[EventLink]] = {i: [] for i in range(n)}
    apart: dict[int, set[int]] = {}  # root -> reports it may not hold (only for roots with some)
    for x, y in forbid:
        apart.setdefault(x, set()).add(y)
        apart.setdefault(y, set()).add(x)
    scores: dict[tuple[int, int], Match | None] = dict(links)

    def match(x: int, y: int) -> Match | None:
        pair = (min(x, y), max(x, y))
        if pair not in scores:
            scores[pair] = compare(reports[pair[0]], reports[pair[1]], idf)
        return scores[pair]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def may_join(a: int, b: int, score: float) -> bool:
        fa, fb = finest[a], finest[b]
        if fa is not None and fb is not None and not nested(fa, fb):
            return False
        if dated[a] != dated[b] and score < STRONG:
            return False
        small, large = sorted((by_doc[a], by_doc[b]), key=len)
        for doc in small.keys() & large.keys():
            for x in small[doc]:
                for y in large[doc]:
                    if not _alike_in_one_document(reports[x], reports[y], match(x, y)):
                        return False
        return _cohesive(members[a], members[b], reports, match)

    def unite(a: int, b: int, link: EventLink) -> None:
        keep, gone = (a, b) if (len(members[a]), b) > (len(members[b]), a) else (b, a)
        parent[gone] = keep
        members[keep] += members.pop(gone)
        if finest[keep] is None or len(finest[gone] or "") > len(finest[keep] or ""):
            finest[keep] = finest[gone]
        dated[keep] = dated[keep] or dated.pop(gone)
        finest.pop(gone, None)
        dated.pop(gone, None)
        if gone in apart:
            apart.setdefault(keep, set()).update(apart.pop(gone))
        for doc, xs in by_doc.pop(gone).items():
            by_doc[keep].setdefault(doc, []).extend(xs)
        reasons[keep] += [*reasons.pop(gone), link]

    def kept_apart(a: int, b: int) -> bool:
        return any(find(x) == b for x in apart.get(a, ())) or any(find(x) == a for x in apart.get(b, ()))

    for i, j in join:
        a, b = find(i), find(j)
        if a != b and not kept_apart(a, b):
            unite(a, b, EventLink((reports[i].incident.id, reports[j].incident.id), 0.0, (REVIEWER,)))
    for neg_score, i, j in sorted((-m.score, i, j) for (i, j), m in links.items()):
        a, b = find(i), find(j)
        if a == b or kept_apart(a, b) or not may_join(a, b, -neg_score):
            continue
        m = links[(i, j)]
        unite(a, b, EventLink((reports[i].incident.id, reports[j].incident.id), m.score, m.reasons))
    return members, reasons


def _cohesive(
    left: list[int], right: list[int], reports: list[Report], match: Callable[[int, int], Match | None]
) -> bool:
    """Whether two events are alike as wholes, not only through their best pair (average link): the
    mean score of their reports' pairs from different documents (up to `COHESION_SAMPLE` reports of
    each; pairs within a document have their own rule) reaches `COHESION`. Single link alone chains:
    a report dated only to the year, placed only in the country, joins events alike in nothing else."""
    if len(left) == 1 and len(right) == 1:
        return True
    total, pairs = 0.0, 0
    ys = sorted(right)[:COHESION_SAMPLE]
    for x in sorted(left)[:COHESION_SAMPLE]:
        for y in ys:
            if reports[x].doc == reports[y].doc:
                continue
            if (m := match(x, y)) is None:
                return False
            total, pairs = total + m.score, pairs + 1
    return not pairs or total / pairs >= COHESION


def _alike_in_one_document(x: Report, y: Report, match: Match | None) -> bool:
    if match is None:
        return False
    both_dated = x.when is not None and y.when is not None
    return match.score >= STRONG or (match.score >= SAME_DOCUMENT and both_dated and not match.conflict)


def _event(reports: list[Report], links: list[EventLink], docs: dict[str, Document]) -> Event:
    reports = sorted(reports, key=lambda r: (r.doc, r.start, r.incident.id))
    ids = tuple(r.incident.id for r in reports)
    types = Counter(r.incident.type for r in reports)
    rank = {t: n for n, t in enumerate(INCIDENT_TYPES)}
    kind = min(types, key=lambda t: (-types[t], rank.get(t, len(rank)), t))
    dated = [r for r in reports if r.when]
    most_precise = max(dated, key=lambda r: len(r.when or ""), default=None)
    date = most_precise.incident.date if most_precise else None
    outlets = {(docs[r.doc].outlet.value if r.doc in docs else None) or f"document {r.doc}" for r in reports}
    figures = tuple(_figure(r, docs.get(r.doc)) for r in reports if r.incident.count)
    return Event(
        id=stable_id("evt", *sorted(ids)),
        type=kind,
        date=EventDate(date.value, date.precision) if date else EventDate(None, None),
        place=_event_place(reports),
        incidents=ids,
        figures=figures,
        outlets=len(outlets),
        contradictions=fig.contradictions(figures),
        reasons=tuple(sorted(links, key=lambda k: (-k.score, k.incidents))),
    )


def _event_place(reports: list[Report]) -> Place | None:
    """The most reported specific place, else the most reported country."""
    for specific in (True, False):
        places = [r.place for r in reports if r.place and bool(r.place_key) == specific]
        if places:
            counts = Counter((p.entity, p.name, p.country) for p in places)
            entity, name, country = min(counts, key=lambda k: (-counts[k], k[1], k[0] or ""))
            return Place(entity, name, country)
    return None


def _figure(r: Report, doc: Document | None) -> ReportedFigure:
    count = r.incident.count
    assert count is not None
    outlet = doc.outlet.value if doc else None
    claimants = [a.name for a in r.incident.attributed_to]
    title = (doc.title.value or doc.ref) if doc else None
    claimant = "; ".join(claimants) if claimants else outlet or title or r.doc
    return ReportedFigure(
        r.incident.id,
        r.doc,
        outlet,
        count.value,
        count.low,
        count.high,
        count.qualifier,
        claimant,
        count.text,
    )
