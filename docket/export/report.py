"""The HTML report: one self-contained file (inline CSS, inline SVG, no scripts) a reader can open,
share or print. Every value from the corpus is escaped by Jinja2's autoescape; the only markup not
written in the template is the chart, generated here with every label escaped.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from docket.export.colours import TYPE_COLOURS
from docket.export.eventview import build_events, timeline_events
from docket.export.jsonl import ResolutionLike, Resolver, default_resolver
from docket.export.timeline import timeline_svg
from docket.model import Document, Evidence, Incident, Statement
from docket.store import Store
from docket.taxonomy import INCIDENT_TYPES

TEMPLATES = Path(__file__).with_name("templates")
UNDATED = "undated"
TOP_ENTITIES = 15
CONTEXT_CHARS = 240  # at most this much text either side of an evidence span, when no sentence ends sooner


def stats(store: Store, resolve: Resolver | None = None) -> dict[str, Any]:
    """Figures about the corpus, as `docket stats` prints them.

    Keys: documents, rejected, entities (joined across documents), incidents, incidents_by_type
    {type: n} (most first), top_entities [(name, type, mentions)] (most mentioned first), statements,
    speakers (how many distinct speakers).
    """
    resolution = (resolve or default_resolver(store))(store.entities())
    return _stats(store, resolution, store.incidents(), store.statements())


def _stats(
    store: Store, resolution: ResolutionLike, incidents: list[Incident], statements: list[Statement]
) -> dict[str, Any]:
    counts = store.counts()
    by_type = Counter(i.type for i in incidents)
    top = sorted(resolution.entities, key=lambda e: (-len(e.mentions), e.name, e.id))[:TOP_ENTITIES]
    return {
        "documents": counts["documents"],
        "rejected": counts["rejections"],
        "entities": len(resolution.entities),
        "incidents": len(incidents),
        "incidents_by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "top_entities": [(e.name, e.type, len(e.mentions)) for e in top],
        "statements": len(statements),
        "speakers": len(_speakers(statements, resolution)),
    }


@dataclass
class SpeakerGroup:
    id: str | None  # the global entity id, or None when the speaker is only a name
    name: str
    statements: list[Statement]


def _speakers(statements: list[Statement], resolution: ResolutionLike) -> list[SpeakerGroup]:
    """Statements grouped by speaker: by joined entity where known, else by the words used."""
    names = {e.id: e.name for e in resolution.entities}
    groups: dict[str, SpeakerGroup] = {}
    for s in statements:
        gid = _global(resolution, s.speaker.entity)
        key = f"entity:{gid}" if gid else "name:" + " ".join(s.speaker.name.casefold().split())
        group = groups.setdefault(key, SpeakerGroup(gid, names.get(gid or "", s.speaker.name), []))
        group.statements.append(s)
    return sorted(groups.values(), key=lambda g: (-len(g.statements), g.name.casefold(), g.id or ""))


def _global(resolution: ResolutionLike, local: str | None) -> str | None:
    if local is None:
        return None
    try:
        return resolution.global_id(local)
    except KeyError:  # the interface allows either None or KeyError for an id it never saw
        return None


# -- evidence in context -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class Excerpt:
    """The sentence around an evidence span, split so the template can wrap the span in <mark>."""

    before: str
    marked: str
    after: str


def excerpt(text: str, ev: Evidence, limit: int = CONTEXT_CHARS) -> Excerpt:
    """The sentence(s) holding `ev`, cut to `limit` characters either side."""
    lo = max(0, ev.start - limit)
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, ev.start):
        start = m.end()
    if _ENDS_SENTENCE.search(ev.text):  # the span itself closes its sentence
        return Excerpt(_cut(lo, start) + text[start : ev.start].lstrip(), ev.text, "")
    m = _SENTENCE_END.search(text, ev.end, min(len(text), ev.end + limit))
    end = m.start() + len(m.group().rstrip()) if m else min(len(text), ev.end + limit)
    after = text[ev.end : end] + ("…" if not m and end < len(text) else "")
    return Excerpt(_cut(lo, start) + text[start : ev.start].lstrip(), text[ev.start : ev.end], after)


def _cut(lo: int, start: int) -> str:
    return "…" if start == lo and lo > 0 else ""


# -- the chart -----------------------------------------------------------------------------------


def chart_svg(incidents: list[Incident]) -> Markup:
    """Stacked bars of incidents per year, one colour per type, undated incidents in the last column."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for i in incidents:
        value = i.date.value or ""
        table[value[:4] if value[:4].isdigit() else UNDATED][i.type] += 1
    if not table:
        return Markup('<p class="empty">No incidents to chart.</p>')
    years = sorted(y for y in table if y != UNDATED)
    if years and int(years[-1]) - int(years[0]) <= 60:  # a continuous axis, unless the span is absurd
        years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    columns = years + ([UNDATED] if UNDATED in table else [])
    types = [t for t in INCIDENT_TYPES if any(table[c][t] for c in columns)]
    types += sorted({t for c in columns for t in table[c]} - set(types))  # unknown types still show
    peak = max(sum(table[c].values()) for c in columns)
    step = _nice_step(peak)
    top = step * -(-peak // step)

    # Over many years, every fifth year is labelled (each bar keeps its year in a tooltip).
    label_every = 1 if len(columns) <= 16 else 5
    # Bars narrow as columns multiply, so decades of years still fit a printed page.
    bar = max(8, min(26, 640 // len(columns) - 6))
    gap, left, plot_h, bottom, legend_w = max(3, bar // 3), 40, 200, 56, 190
    width = left + len(columns) * (bar + gap) + gap + legend_w
    height = max(plot_h + bottom + 12, 24 + 18 * len(types))
    y0 = 12 + plot_h

    def y(v: float) -> float:
        return y0 - v / top * plot_h

    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="Incidents by type and year">',
        "<title>Incidents by type and year</title>",
    ]
    for v in range(0, top + 1, step):
        parts.append(f'<line x1="{left}" x2="{left + len(columns) * (bar + gap) + gap}" y1="{y(v):.1f}" '
                     f'y2="{y(v):.1f}" class="grid"/>')  # fmt: skip
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">{v}</text>')
    for n, col in enumerate(columns):
        x = left + gap + n * (bar + gap)
        base = 0
        for t in types:
            k = table[col][t]
            if not k:
                continue
            parts.append(
                f'<rect x="{x}" y="{y(base + k):.1f}" width="{bar}" height="{y(base) - y(base + k):.1f}" '
                f'fill="{TYPE_COLOURS.get(t, "#777777")}"><title>{e(col)}: {k} {e(t)}</title></rect>'
            )
            base += k
        if col == UNDATED or int(col) % label_every == 0:
            cx, cy = x + bar / 2, y0 + 10
            parts.append(
                f'<text x="{cx}" y="{cy}" class="tick" text-anchor="end" '
                f'transform="rotate(-60 {cx} {cy})">{e(col)}</text>'
            )
    lx = left + len(columns) * (bar + gap) + gap + 16
    for n, t in enumerate(types):
        ly = 14 + 18 * n
        total = sum(table[c][t] for c in columns)
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{TYPE_COLOURS.get(t, "#777777")}"/>'
        )
        parts.append(f'<text x="{lx + 18}" y="{ly + 10}" class="legend">{e(_label(t))} ({total})</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if peak / step <= 6:
            return step
    return 10 ** len(str(peak // 6))


def _label(incident_type: str) -> str:
    return incident_type.replace("_", " ")


# -- the page ------------------------------------------------------------------------------------


def _source(doc: Document | None, doc_id: str | None) -> dict[str, str | None]:
    if doc is None:
        return {"title": None, "outlet": None, "published": None, "ref": doc_id or "?", "url": None}
    url = doc.url if doc.url and doc.url.lower().startswith(("http://", "https://")) else None
    return {
        "title": doc.title.value,
        "outlet": doc.outlet.value,
        "published": doc.published.value,
        "ref": doc.ref,
        "url": url,  # only web links: a scraped "javascript:" URL must not become a live link
    }


def report_context(store: Store, resolve: Resolver | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain values (the template escapes them)."""
    docs = {d.id: d for d in store.documents()}
    resolution = (resolve or default_resolver(store, docs.values()))(store.entities())
    incidents = store.incidents()
    statements = store.statements()

    def evidence(evs: tuple[Evidence, ...]) -> list[dict[str, Any]]:
        out = []
        for ev in evs:
            doc = docs.get(ev.doc)
            ex = excerpt(doc.text, ev) if doc else Excerpt("", ev.text, "")
            out.append({"excerpt": ex, "source": _source(doc, ev.doc)})
        return out

    def when(i: Incident) -> tuple[int, str, str]:
        return (0 if i.date.value else 1, i.date.value or "", i.id)

    join, forbid = store.review.pairs("event")  # the reviewers' merges and splits of events
    events = build_events(docs, incidents, resolution, join=join, forbid=forbid)
    return {
        "stats": _stats(store, resolution, incidents, statements),
        "chart": chart_svg(incidents),
        # Safe markup: timeline_svg escapes every text it draws.
        "timeline": Markup(timeline_svg(timeline_events(events.events), title="Events by date")),
        "events": len(events.events),
        "label": _label,
        "incidents": [
            {"incident": i, "mapping": INCIDENT_TYPES.get(i.type), "evidence": evidence(i.evidence)}
            for i in sorted(incidents, key=when)
        ],
        "speakers": [
            {
                "name": g.name,
                "statements": [{"statement": s, "evidence": evidence(s.evidence)} for s in g.statements],
            }
            for g in _speakers(statements, resolution)
        ],
        "rejections": store.rejections(),
    }


def render_report(store: Store, resolve: Resolver | None = None) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # the template's name ends in .j2, which select_autoescape would not match
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2").render(**report_context(store, resolve))


def write_report(store: Store, path: str | Path, resolve: Resolver | None = None) -> Path:
    """Write the report to `path` (one HTML file, nothing else needed to view it); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(store, resolve), encoding="utf-8")
    return path
