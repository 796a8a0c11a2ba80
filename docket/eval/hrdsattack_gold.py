"""HRDsAttack's data as docket reads it: each article as a build record, its gold labels normalised
as the paper's code does (`docket.eval.hrdsattack` says how, and maps and scores them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from docket.extract.places import closest_country, country_of, country_of_demonym, is_country

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


class _Paragraphs(HTMLParser):
    """Text of each block element; inline markup and entities folded into it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []


def html_to_text(html: str) -> str:
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks)


@dataclass
class Gold:
    id: str
    violation_types: set[str]
    victims: list[str]
    values: dict[str, str | None]  # FIELDS -> normalised gold value


def _none(value: Any) -> str | None:
    if value is None or str(value).strip().lower() in ("n/a", "n//a", "none", ""):
        return None
    return str(value).strip()


def _number(value: Any) -> str | None:
    """`str(int(float(x)))` as the paper's code does; what is not a number stays as written."""
    value = _none(value)
    try:
        return str(int(float(value))) if value is not None else None
    except ValueError:
        return value


def gold_of(item: dict[str, Any], doc_id: str) -> Gold:
    g = item["merged_sample"]
    month = _none(g.get("month"))
    if month is not None and not month.strip().isdigit():
        # Typed by hand: "Decenmber" and "Ocober" the paper's code corrects, "Novermber" as well.
        near = process.extractOne(month.strip().title(), MONTHS, scorer=fuzz.ratio, score_cutoff=80)
        month = near[0] if near else month
    if month is not None:
        try:
            if 1 <= int(float(month)) <= 12:
                month = MONTHS[int(float(month)) - 1]
        except ValueError:
            pass
    year, day = g.get("year"), g.get("date")
    event = item["sample"].get("Input.GLOBALEVENTID")
    if event == 1004122033:  # the paper's code corrects these three annotations by hand
        day, year, month = "09", "2021", "September"
    elif event == 885531401:
        day, year = "13", "1839"
    elif event == 876209412:
        month, year = "March", "2015"
    types = set(g["violation_types"])
    if len(types) > 1:
        types.discard("unknown")
    values = {
        "perpetrator type": g.get("perpetrator_type"), "country": _none(g.get("country")),
        "region": _none(g.get("region")), "city": _none(g.get("city")), "year": _number(year),
        "month": month, "day": _number(day),
    }  # fmt: skip
    victims = [v["victim_name"] for v in g["victims"] if v.get("victim_name")]
    return Gold(doc_id, types, victims, values)


def record_of(item: dict[str, Any], doc_id: str) -> dict[str, str]:
    s = item["sample"]
    title = " ".join((s.get("Input.title") or "").split())
    body = html_to_text(s["Input.article_interface"])
    return {
        "id": doc_id,
        "title": title,
        "text": f"{title}\n\n{body}" if title else body,  # the article as published: headline first
        "published": str(s.get("Input.publish_date") or "")[:10],
    }


def gold_country(label: str) -> str | None:
    """The country an annotator's label names: a country name first ("Columbia" is a city as well),
    then a nationality ("Pakistani"), a misspelt country ("Nigeia"), a city or region."""
    if is_country(label):
        return country_of(label)
    return country_of_demonym(label) or closest_country(label) or country_of(label)


def load(data: Path, split: str, limit: int | None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((data / f"{split}.json").read_text(encoding="utf-8"))
    return items[:limit] if limit else items
