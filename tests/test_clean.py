"""Clean: noise removal that leaves the article's sentences byte-for-byte, and metadata with its method.

Every article here is fictional (names, places, organisations); the seed test reads ../shared at run time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.clean import clean, clean_text
from docket.config import Settings
from docket.errors import InputError
from docket.ingest import read_inputs
from docket.model import Found, RawDocument

TITLE = "Protesters Detained in Marenport After Night of Unrest"
P1 = "Police in Marenport detained at least 40 people on Monday night, according to the Valdorian League."
P2 = "“They came without warning,” said Tomas Verel, a shopkeeper who saw the arrests — “dozens of them.”"
P3 = (
    "The league said the detainees were held at the Osterkamp station for two days without access to lawyers."
)
P4 = "The interior ministry did not respond to requests for comment."

SCRAPED = f"""Thursday, 4 April 2024
Valdoria Times
Home > World > Valdoria > Protests in Marenport
{TITLE}

{TITLE.upper()}
By Ilsa Brandt | March 12, 2024
Marenport, Valdoria, Protests, Human Rights

{P1}
{P2}   \t

{P3.replace("two days without", "two days" + TITLE + " without")}
{P4}



Source » valdoria-times
Share this:
Comments
Exit mobile version
"""


def _txt(text: str, ref: str = "a.txt", encoding: str = "utf-8") -> RawDocument:
    return RawDocument(ref, "txt", text.encode(encoding))


def test_clean_removes_scraping_noise_and_keeps_sentences() -> None:
    doc = clean(_txt(SCRAPED))
    assert doc.text == f"{TITLE}\n\n{P1}\n{P2}\n\n{P3}\n{P4}"
    assert doc.title == Found(TITLE, "first-line")
    assert doc.author == Found("Ilsa Brandt", "byline")
    assert doc.published == Found("2024-03-12", "byline")
    assert doc.page_date == Found("2024-04-04", "header-date")
    assert doc.outlet == Found("valdoria-times", "source-line")  # the source line beats the site name


def test_clean_document_id_is_sha256_of_original_bytes_and_deterministic() -> None:
    raw = _txt(SCRAPED, "r.txt")
    first, second = clean(raw), clean(raw)
    assert first == second
    assert first.id == hashlib.sha256(SCRAPED.encode()).hexdigest()
    assert first.ref == "r.txt"


def test_clean_page_date_above_headline_is_not_publication() -> None:
    crumbs = f"Home Valdoria News Now Opposition & Resistance {TITLE}"
    text = f"Saturday, March 6, 2021\n{crumbs}\n\n{TITLE}\n\n{P1}\n"
    doc = clean(_txt(text))
    assert doc.page_date == Found("2021-03-06", "header-date")
    assert doc.published == Found()
    assert doc.text == f"{TITLE}\n\n{P1}"  # the breadcrumb trail ending in the headline is gone too


def test_clean_site_name_lines_on_top_give_the_outlet() -> None:
    doc = clean(_txt(f"Osterkamp Herald\n\nWorld News\n\n\n{TITLE}\n\n{P1}\n\n{P4}\n"))
    assert doc.outlet == Found("Osterkamp Herald", "site-line")
    assert doc.title == Found(TITLE, "first-line")
    assert doc.text == f"{TITLE}\n\n{P1}\n\n{P4}"


def test_clean_published_line_is_an_explicit_cue() -> None:
    doc = clean(_txt(f"{TITLE}\nPublished June 3, 2020\n{P1}\n"))
    assert doc.published == Found("2020-06-03", "published-line")
    assert doc.page_date == Found()
    assert doc.text == f"{TITLE}\n\n{P1}"


def test_clean_never_guesses_publication_from_body_dates() -> None:
    doc = clean(_txt(f"{TITLE}\n\nOn June 3, 2020, {P1[0].lower()}{P1[1:]}\n\n{P4}\n"))
    assert doc.published == Found()
    assert doc.page_date == Found()


@pytest.mark.parametrize(
    "link",
    [
        "ALSO READ| Man arrested in Osterkamp for attacking a guard",
        "Read more: Valdorian police detain 12 students after campus vigil",
        "Related – Marenport court jails union leader for two years",
    ],
)
def test_clean_drops_a_link_to_another_story(link: str) -> None:
    # A promoted headline is another article's claim: read here, it would become an incident.
    doc = clean(_txt(f"{TITLE}\n\n{P1}\n\n{link}\n\n{P4}\n"))
    assert doc.text == f"{TITLE}\n\n{P1}\n\n{P4}"
    # a sentence that opens with the same words is the article's own
    own = "Also read the league's statement: it names every detainee held in Osterkamp."
    assert own in clean(_txt(f"{TITLE}\n\n{P1}\n{own}\n")).text


def test_clean_body_line_starting_with_by_is_not_a_byline() -> None:
    body = "By Valdorian standards, the sentences handed down on Friday were unusually harsh for students."
    doc = clean(_txt(f"{TITLE}\n\n{P1}\n{body}\n"))
    assert body in doc.text.split("\n")
    assert doc.author == Found()


def test_clean_text_without_headline_has_no_title_and_is_untouched() -> None:
    text = f"{P1}\n\n{P2}\n\n{P3}"
    doc = clean(_txt(text))
    assert doc.text == text
    assert doc.title == Found()


def test_clean_short_title_is_not_cut_from_the_body() -> None:
    cleaned = clean_text(
        "Marenport Raids\n\nThe Marenport Raids were condemned by the league on Monday night."
    )
    assert (
        cleaned.text == "Marenport Raids\n\nThe Marenport Raids were condemned by the league on Monday night."
    )
    # a long title quoted with spaces and quote marks around it stays: only a pasted-in title is cut
    quoted = f"Critics called the headline “{TITLE}” misleading, the league said on Tuesday."
    assert quoted in clean_text(f"{TITLE}\n\n{quoted}").text


def test_clean_glued_headline_at_paragraph_start_is_cut() -> None:
    cleaned = clean_text(f"{TITLE}\n\n{TITLE}{P1}\n")
    assert cleaned.text == f"{TITLE}\n\n{P1}"


def test_clean_keeps_legacy_encoded_names() -> None:
    text = f"Zoë Marchetti Détenue à Montclair Après la Manifestation\n\n{P1} Zoë Marchetti was among them.\n"
    doc = clean(_txt(text, encoding="cp1252"))
    assert "Zoë Marchetti was among them." in doc.text
    assert doc.title.value == "Zoë Marchetti Détenue à Montclair Après la Manifestation"


def test_clean_utf16_with_bom_and_crlf() -> None:
    doc = clean(_txt(f"{TITLE}\r\n\r\n{P1}\r\n{P2}\r\n", encoding="utf-16"))
    assert doc.text == f"{TITLE}\n\n{P1}\n{P2}"


def test_clean_too_short_is_no_article_text() -> None:
    with pytest.raises(InputError) as err:
        clean(_txt("Comments\nShare this:\nToo short.\n"))
    assert err.value.reason == "no article text (only 10 characters after cleaning, at least 40 needed)"
    clean(_txt("Too short, but allowed here.\n"), Settings(min_text_chars=5))


def test_clean_undecodable_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot decode"):
        clean(RawDocument("odd.txt", "txt", bytes(range(128, 256)) * 3))


HTML = f"""<html><head><title>Curfew Imposed in Lorvath | The Osterkamp Herald</title>
<meta charset="utf-8"><meta name="author" content="Mira Castellan">
<meta property="og:site_name" content="The Osterkamp Herald">
<meta property="article:published_time" content="2023-09-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> &gt; <a href="/world">World</a></nav>
<article><h1>Curfew Imposed in Lorvath</h1><p>{P1}</p><p>{P2}</p>
<p>At least 12 people were detained on 3 September 2023, the Lorvath Legal Aid Society said.</p></article>
<footer><p>Share this:</p><p>© 2023 The Osterkamp Herald. All rights reserved.</p></footer></body></html>"""


def test_clean_html_article_and_metadata() -> None:
    doc = clean(RawDocument("p.html", "html", HTML.encode()))
    assert doc.text.split("\n\n") == [
        "Curfew Imposed in Lorvath",
        P1,
        P2,
        "At least 12 people were detained on 3 September 2023, the Lorvath Legal Aid Society said.",
    ]
    assert doc.title == Found("Curfew Imposed in Lorvath", "html-meta")
    assert doc.author == Found("Mira Castellan", "html-meta")
    assert doc.outlet == Found("The Osterkamp Herald", "html-meta")
    assert doc.published == Found("2023-09-14", "html-meta")


def test_clean_html_without_date_metadata_does_not_guess_one() -> None:
    html = HTML.replace('<meta property="article:published_time" content="2023-09-14T08:00:00Z">', "")
    assert clean(RawDocument("p.html", "html", html.encode())).published == Found()


def test_clean_html_declared_legacy_charset() -> None:
    html = HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Verel", "Verèl")
    doc = clean(RawDocument("p.html", "html", html.encode("cp1252")))
    assert "Tomas Verèl" in doc.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body></body></html>",
    ],
)
def test_clean_html_without_article_is_rejected(html: str) -> None:
    with pytest.raises(InputError) as err:
        clean(RawDocument("empty.html", "html", html.encode()))
    assert err.value.reason.startswith("no article text found in the HTML")


def test_clean_jsonl_given_fields_override_detection() -> None:
    record = {
        "id": "r1",
        "text": SCRAPED,
        "title": "Given Title",
        "author": "Given Author",
        "outlet": "Given Outlet",
        "published": "2024-03-11T09:00:00Z",
        "url": "https://news.example/r1",
    }
    line = json.dumps(record).encode()
    doc = clean(RawDocument("r1", "jsonl", line, tuple(sorted(record.items()))))
    assert doc.id == hashlib.sha256(line).hexdigest()
    assert doc.title == Found("Given Title", "given")
    assert doc.author == Found("Given Author", "given")
    assert doc.outlet == Found("Given Outlet", "given")
    assert doc.published == Found("2024-03-11", "given")
    assert doc.page_date == Found("2024-04-04", "header-date")
    assert doc.url == "https://news.example/r1"
    assert P1 in doc.text and "Ilsa Brandt" not in doc.text


def test_clean_jsonl_html_record(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"html": HTML, "author": "Given Author"}) + "\n")
    [raw] = read_inputs([path])
    assert isinstance(raw, RawDocument)
    doc = clean(raw)
    assert doc.ref == f"{path}:1"
    assert doc.author == Found("Given Author", "given")
    assert doc.title == Found("Curfew Imposed in Lorvath", "html-meta")
    assert P2 in doc.text


@pytest.mark.seeds
def test_clean_seeds(seeds_dir: Path) -> None:
    raws = list(read_inputs([seeds_dir]))
    assert len(raws) == 5 and all(isinstance(r, RawDocument) for r in raws)
    docs = {Path(r.ref).name[:3]: clean(r) for r in raws if isinstance(r, RawDocument)}

    assert docs["003"].page_date == Found("2021-03-06", "header-date")
    assert docs["003"].published == Found()
    assert docs["002"].author == Found("Mahmoud Hakamian", "byline")
    assert docs["000"].outlet == Found("ncr-iran", "source-line")
    title_002 = docs["002"].title.value
    assert title_002 and docs["002"].text.count(title_002) == 1  # only the headline line itself
    assert "massacre of political prisoners" in docs["002"].text

    for raw in raws:
        assert isinstance(raw, RawDocument)
        doc = docs[Path(raw.ref).name[:3]]
        lines = doc.text.split("\n")
        assert not {"Exit mobile version", "Comments", "Source » ncr-iran"} & set(lines)
        assert doc.text == doc.text.strip() and "\n\n\n" not in doc.text
        title = doc.title.value
        for original in raw.data.decode("utf-8").split("\n"):
            prose = original.rstrip()
            if len(prose.split()) < 12 or not (len(prose) > 200 or prose.endswith((".", "?", "!", "”", '"'))):
                continue  # headlines, captions, breadcrumbs, bylines, tag lines, chrome: not article prose
            if title and title in prose:
                prose = prose.replace(title, "")  # the pasted-in headline is the one cut inside a line
            assert prose in lines, f"{raw.ref}: paragraph changed or lost: {prose[:60]!r}"


@given(
    st.lists(
        st.text(alphabet="abcXYZ .,»>|:“”\t0123456789", max_size=60)
        | st.sampled_from(["Comments", "By Ann Lee", "Source » x", "March 6, 2021", TITLE, P1, P4]),
        max_size=12,
    )
)
def test_clean_text_only_removes_lines(lines: list[str]) -> None:
    cleaned = clean_text("\n".join(lines))
    title = cleaned.title.value
    originals = {line.rstrip() for line in lines}
    for out in cleaned.text.split("\n"):
        cut = {o.replace(title, f) for o in originals for f in ("", " ")} if title else set()
        assert out == "" or out in originals or out in cut
