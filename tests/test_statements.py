"""Statements: direct quotes and reported speech over fictional sentences, then the seed articles."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from docket.extract.quotes import find_quotes, strip_span
from docket.extract.speakers import possessed
from docket.extract.statements import extract_statements
from docket.model import Document, Entity, EntityType, Evidence, Statement, stable_id

Names = dict[str, EntityType]


def entities_for(doc: Document, names: Names) -> list[Entity]:
    """Entities built by hand: every occurrence of each name (and its last word) is a mention."""
    out = []
    for name, kind in names.items():
        forms = {name, name.split()[-1]}
        spans: set[tuple[int, int]] = set()
        for form in sorted(forms, key=len, reverse=True):
            i = doc.text.find(form)
            while i >= 0:
                if not any(s <= i < e for s, e in spans):
                    spans.add((i, i + len(form)))
                i = doc.text.find(form, i + 1)
        mentions = tuple(Evidence.of(doc, s, e) for s, e in sorted(spans))
        out.append(Entity(stable_id("ent", doc.id, name), doc.id, kind, name, (), mentions))
    return out


def entities_from_parse(doc: Document, parsed: object) -> list[Entity]:
    """Entities the way a simple extractor would make them: one per distinct spaCy entity text."""
    kinds: dict[str, EntityType] = {"PERSON": "person", "ORG": "organization", "GPE": "place"}
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for ent in parsed.ents:  # type: ignore[attr-defined]
        if ent.label_ in kinds:
            groups.setdefault((ent.text, ent.label_), []).append(
                Evidence.of(doc, ent.start_char, ent.end_char)
            )
    return [
        Entity(stable_id("ent", doc.id, text), doc.id, kinds[label], text, (), tuple(ms))
        for (text, label), ms in groups.items()
    ]


Run = Callable[..., tuple[Document, list[Entity], tuple[Statement, ...]]]


@pytest.fixture
def run(nlp: Language, document: Callable[..., Document]) -> Run:
    def go(text: str, names: Names | None = None) -> tuple[Document, list[Entity], tuple[Statement, ...]]:
        doc = document(text)
        entities = entities_for(doc, names or {})
        statements = extract_statements(doc, nlp(text), entities)
        for s in statements:
            check_spans(doc, s)
        return doc, entities, statements

    return go


def check_spans(doc: Document, s: Statement) -> None:
    for e in (*s.evidence, s.source_span, s.cue_span, s.content_span):
        assert e is not None and doc.text[e.start : e.end] == e.text
    assert s.content_span is not None and s.content_span.text == s.content
    assert s.cue_span is not None and s.cue_span.text == s.cue
    assert s.id == stable_id("stmt", doc.id, s.content_span.start, s.content_span.end)
    main = s.evidence[-1]
    assert main.start <= s.content_span.start and s.content_span.end <= main.end
    assert main.start <= s.cue_span.start and s.cue_span.end <= main.end


def entity_id(entities: Sequence[Entity], name: str) -> str:
    return next(e.id for e in entities if e.name == name)


def who(s: Statement) -> tuple[str, str | None, str]:
    return s.speaker.name, s.speaker.entity, s.cue


def only(statements: tuple[Statement, ...]) -> Statement:
    assert len(statements) == 1, [(s.speaker.name, s.cue, s.content) for s in statements]
    return statements[0]


# -- direct quotes ---------------------------------------------------------------------------------------


def test_statements_quote_then_said_name(run: Run) -> None:
    text = "“The wells in Darrow were poisoned twice this year,” said Teodor Vasko, a farmer from the valley."
    _doc, ents, sts = run(text, {"Teodor Vasko": "person"})
    s = only(sts)
    assert (s.speaker.name, s.speaker.entity) == ("Teodor Vasko", entity_id(ents, "Teodor Vasko"))
    assert (s.cue, s.direct) == ("said", True)
    assert s.content == "The wells in Darrow were poisoned twice this year"
    assert s.source_span is not None and s.source_span.text.startswith("Teodor Vasko, a farmer")


def test_statements_quote_then_name_concluded(run: Run) -> None:
    text = "The hearing lasted an hour. “Justice cannot wait another decade,” Marta Quill concluded."
    _doc, ents, sts = run(text, {"Marta Quill": "person"})
    s = only(sts)
    assert who(s) == ("Marta Quill", entity_id(ents, "Marta Quill"), "concluded")
    assert s.content == "Justice cannot wait another decade"


def test_statements_quote_then_description(run: Run) -> None:
    text = "“The prisoners were moved at night to avoid the press,” said a ministry official."
    s = only(run(text)[2])
    assert (s.speaker.name, s.speaker.entity, s.cue, s.direct) == ("a ministry official", None, "said", True)
    assert s.content == "The prisoners were moved at night to avoid the press"


def test_statements_quote_then_news_agency(run: Run) -> None:
    text = "“The protesters were paid by foreign enemies of the republic,” said the Velt news agency."
    _doc, ents, sts = run(text, {"Velt": "organization"})
    s = only(sts)
    assert (s.speaker.name, s.speaker.entity) == ("the Velt news agency", entity_id(ents, "Velt"))


def test_statements_said_comma_straight_quotes(run: Run) -> None:
    text = 'At the rally, Governor Ilse Brandt said, "We will not let the villages of Ormond burn again."'
    _doc, ents, sts = run(text, {"Ilse Brandt": "person"})
    s = only(sts)
    assert who(s) == ("Ilse Brandt", entity_id(ents, "Ilse Brandt"), "said")
    assert s.content == "We will not let the villages of Ormond burn again."
    assert s.direct


def test_statements_colon_role_and_honorific_are_not_the_name(run: Run) -> None:
    text = (
        "The ban must end. As once Mrs. Velma Trask, the chair of the Orlan Forum said: “Our members are "
        "arrested for reading books. Their families are threatened in the street.”"
    )
    _doc, ents, sts = run(text, {"Velma Trask": "person"})
    s = only(sts)
    assert who(s) == ("Velma Trask", entity_id(ents, "Velma Trask"), "said")
    assert (
        s.content
        == "Our members are arrested for reading books. Their families are threatened in the street."
    )
    assert s.source_span is not None and "the chair of the Orlan Forum" in s.source_span.text


def test_statements_used_the_event_to_say(run: Run) -> None:
    text = (
        "Petra Lindqvist, a former senator and Minister of Justice of Norvale, used the event to say, "
        "“I deplore the silence of our governments. It betrays the values we hold dear.”"
    )
    s = only(run(text, {"Petra Lindqvist": "person"})[2])
    assert (s.speaker.name, s.cue) == ("Petra Lindqvist", "say")
    assert s.content == "I deplore the silence of our governments. It betrays the values we hold dear."


def test_statements_according_to_with_quote(run: Run) -> None:
    text = "According to Colonel Arvid Maro, “The border villages were emptied by order of the council.”"
    _doc, ents, sts = run(text, {"Arvid Maro": "person"})
    s = only(sts)
    assert (s.speaker.name, s.speaker.entity, s.cue, s.direct) == (
        "Arvid Maro",
        entity_id(ents, "Arvid Maro"),
        "According to",
        True,
    )
    assert s.content == "The border villages were emptied by order of the council."


def test_statements_pronoun_takes_previous_subject(run: Run) -> None:
    text = (
        "Czech MEP Stanislav Orlik underscored the scale of the abuse in his remarks to the Halden Forum. "
        "“We treat torture and terrorism as separate issues, but they are two sides of one coin,” he said."
    )
    _doc, ents, sts = run(text, {"Stanislav Orlik": "person", "Halden Forum": "organization"})
    s = only(sts)
    assert who(s) == ("Stanislav Orlik", entity_id(ents, "Stanislav Orlik"), "said")
    assert s.source_span is not None and s.source_span.text == "he"
    assert s.evidence[0].text.startswith("Czech MEP Stanislav Orlik underscored")  # the antecedent's sentence


def test_statements_speaker_in_previous_sentence_with_colon(run: Run) -> None:
    text = "Judge Amara Fenwick stated:\n\n“The detainees were held without charge for eleven months.”"
    s = only(run(text, {"Amara Fenwick": "person"})[2])
    assert (s.speaker.name, s.cue, s.direct) == ("Amara Fenwick", "stated", True)
    assert s.content == "The detainees were held without charge for eleven months."


def test_statements_quote_over_several_paragraphs(run: Run) -> None:
    text = (
        "Rights lawyer Jonas Albrecht said:\n“The first arrests came in March.\n“By June every editor in "
        "Kessel was in prison.”\nThe ministry did not reply."
    )
    s = only(run(text, {"Jonas Albrecht": "person"})[2])
    assert s.speaker.name == "Jonas Albrecht"
    assert s.content == "The first arrests came in March.\n“By June every editor in Kessel was in prison."


def test_statements_quote_after_cued_quote_continues_the_speaker(run: Run) -> None:
    text = "“They burned the school,” Lena Sorvik said. “Then they came back for the clinic.”"
    sts = run(text, {"Lena Sorvik": "person"})[2]
    assert [(s.speaker.name, s.cue, s.content) for s in sts] == [
        ("Lena Sorvik", "said", "They burned the school"),
        ("Lena Sorvik", "said", "Then they came back for the clinic."),
    ]


# -- reported speech -------------------------------------------------------------------------------------


def test_statements_partial_quote_inside_reported_speech_is_one_statement(run: Run) -> None:
    text = (
        "Governor Ilse Brandt said that the militia had “planned for weeks” to attack the villages of Ormond."
    )
    s = only(run(text, {"Ilse Brandt": "person"})[2])
    assert (s.speaker.name, s.cue, s.direct) == ("Ilse Brandt", "said", False)
    assert s.content == "that the militia had “planned for weeks” to attack the villages of Ormond"


def test_statements_insisted_that_with_scare_quote(run: Run) -> None:
    text = (
        "For years, Velmora had insisted that the Sable Front was little more than a “cult” with no support."
    )
    _doc, ents, sts = run(text, {"Velmora": "place", "Sable Front": "organization"})
    s = only(sts)
    assert who(s) == ("Velmora", entity_id(ents, "Velmora"), "had insisted")  # the verb group, as PolNeAR
    assert s.content == "that the Sable Front was little more than a “cult” with no support"


def test_statements_determined_that_organisation(run: Run) -> None:
    text = (
        "After the uprising, the Sable Front ultimately determined that in a matter of days, the Iron Guard "
        "had killed approximately 900 peaceful demonstrators."
    )
    _doc, ents, sts = run(text, {"Sable Front": "organization", "Iron Guard": "organization"})
    s = only(sts)
    assert who(s) == ("Sable Front", entity_id(ents, "Sable Front"), "determined")
    assert s.content.startswith("that in a matter of days") and s.content.endswith("peaceful demonstrators")


def test_statements_stated_that_with_title_and_two_clauses(run: Run) -> None:
    text = (
        "Slovakian MEP Ivan Morek explicitly stated that the arrests are “the continuation of the 1991 "
        "purge,” and that they have accelerated because “the regime is afraid.”"
    )
    s = only(run(text, {"Ivan Morek": "person"})[2])
    assert (s.speaker.name, s.cue, s.direct) == ("Ivan Morek", "stated", False)
    assert s.content == (
        "that the arrests are “the continuation of the 1991 purge,” and that they have accelerated because "
        "“the regime is afraid.”"
    )


def test_statements_according_to_without_quotes(run: Run) -> None:
    text = "According to the Halden Rights Council, forty people were detained in Morrow last week."
    _doc, ents, sts = run(text, {"Halden Rights Council": "organization"})
    s = only(sts)
    assert (s.speaker.entity, s.cue, s.direct) == (
        entity_id(ents, "Halden Rights Council"),
        "According to",
        False,
    )
    assert "Halden Rights Council" in s.speaker.name
    assert s.content == "forty people were detained in Morrow last week"


def test_statements_parenthetical_cue_resolves_pronoun(run: Run) -> None:
    text = (
        "Ambassador Greta Holm spoke at length about the camps. "
        "Under these conditions, she added, the courts of Varna cannot function."
    )
    sts = run(text, {"Greta Holm": "person"})[2]
    s = next(s for s in sts if s.cue == "added")
    assert (s.speaker.name, s.direct) == ("Greta Holm", False)
    assert s.content == "the courts of Varna cannot function"


# -- attributions beyond speech verbs --------------------------------------------------------------------


def test_statements_belief_and_intention_are_attributed_with_their_mode(run: Run) -> None:
    text = (
        "Lawyer Petra Sand believes the detainees were moved to Karst. "
        "The Halden Rights Council wants the camp closed by March."
    )
    sts = run(text, {"Petra Sand": "person", "Halden Rights Council": "organization"})[2]
    by_cue = {s.cue: s for s in sts}
    assert by_cue["believes"].content == "the detainees were moved to Karst"
    assert (by_cue["believes"].speaker.name, by_cue["believes"].mode) == ("Petra Sand", "belief")
    assert by_cue["wants"].content.startswith("the camp closed")
    assert by_cue["wants"].mode == "belief"


def test_statements_public_acts_on_an_object_are_speech(run: Run) -> None:
    text = "Mayor Ilona Brandt condemned the raids and endorsed Tomas Vey for the council."
    sts = run(text, {"Ilona Brandt": "person", "Tomas Vey": "person"})[2]
    s = next(s for s in sts if s.cue == "endorsed")
    assert (s.speaker.name, s.mode, s.direct) == ("Ilona Brandt", "speech", False)
    assert s.content.startswith("Tomas Vey")


def test_statements_attitude_needs_a_source_that_can_hold_a_view(run: Run) -> None:
    text = "It wanted the keys. The old wall shows deep cracks. The guards found themselves alone."
    assert run(text)[2] == ()


def test_statements_name_colon_line(run: Run) -> None:
    text = "Petra Sand: The courts of Varna no longer function\nUPDATE: The camp was closed on Monday."
    s = only(run(text, {"Petra Sand": "person"})[2])
    assert (s.speaker.name, s.cue, s.source_span.text if s.source_span else None) == (
        "Petra Sand",
        ":",
        "Petra Sand",
    )
    assert s.content == "The courts of Varna no longer function"


def test_statements_poll_shows(run: Run) -> None:
    text = "A new survey shows that most residents of Morrow distrust the police."
    s = only(run(text)[2])
    assert (s.cue, s.content) == ("shows", "that most residents of Morrow distrust the police")


def test_statements_negated_and_passive_cues_are_not_statements(run: Run) -> None:
    text = (
        "The minister did not say that the camp was closed. "
        "It was soon revealed that the prisoners had been moved to Karst."
    )
    assert run(text)[2] == ()


# -- not statements --------------------------------------------------------------------------------------


def test_statements_titles_slogans_and_scare_quotes_are_not_statements(run: Run) -> None:
    text = (
        "The Orlan Forum released a report under the title “Broken Gates” in which it listed the abuses. "
        "The summit will be broadcast under the title, “Free Varna Summit.” "
        "Crowds chanted slogans such as “down with the tyrant.” "
        "The agency has used its “friendly reporter” to spread lies, and officials described the group as a "
        "“sect.”"
    )
    # no quote here is a statement; "officials described the group as a sect" is their view (reported)
    assert [(s.speaker.name, s.cue, s.direct) for s in run(text)[2]] == [("officials", "described", False)]


def test_statements_no_duplicates(run: Run) -> None:
    text = (
        "Teodor Vasko said, “We were beaten in the yard,” and he added that the guards laughed. "
        "“Nobody came to help us,” Vasko said."
    )
    sts = run(text, {"Teodor Vasko": "person"})[2]
    spans = [(s.content_span.start, s.content_span.end) for s in sts if s.content_span]
    assert len(spans) == len(set(spans)) == len({s.id for s in sts})
    assert {s.content for s in sts} >= {"We were beaten in the yard", "Nobody came to help us"}


# -- quote marks -----------------------------------------------------------------------------------------


def test_find_quotes_pairs_curly_straight_and_paragraph_continuations() -> None:
    text = 'He said “one” and "two". “Three.\n“Four.” Then “stray\n\nend.'
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["“one”", '"two"', "“Three.\n“Four.”"]


def test_strip_span_keeps_a_closing_mark_that_pairs() -> None:
    text = "that they are “the continuation,”"
    s, e = strip_span(text, 0, len(text))
    assert text[s:e] == "that they are “the continuation,”"
    text = "the continuation,” and"
    assert text[slice(*strip_span(text, 0, 18))] == "the continuation"


@given(st.text(alphabet='ab “”"\n ,.', max_size=60))
def test_find_quotes_returns_ordered_disjoint_marked_spans(text: str) -> None:
    quotes = find_quotes(text)
    for q in quotes:
        assert text[q.start] in '“"' and text[q.end - 1] in '”"'
    assert all(a.end <= b.start for a, b in itertools.pairwise(quotes))


_PIECES = [
    piece
    for group in (
        ("Marta Quill said,", "“The camp was closed,”", "he said.", "According to the Orlan Forum,"),
        ("the guards insisted that", '"nobody was hurt"', "“cult”", "\n\n", "She added:"),
        ("The report “Broken Gates” was published.", "said a ministry official.", "”", "“"),
    )
    for piece in group
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_statements_hold_their_invariants_on_any_arrangement(
    nlp: Language, document: Callable[..., Document], pieces: list[str]
) -> None:
    text = " ".join(pieces) + " The end."
    doc = document(text)
    statements = extract_statements(doc, nlp(text), entities_for(doc, {"Marta Quill": "person"}))
    for s in statements:
        check_spans(doc, s)
    assert len({s.id for s in statements}) == len(statements)


# -- seeds -----------------------------------------------------------------------------------------------


def seed(
    nlp: Language, seeds_dir: Path, document: Callable[..., Document], prefix: str
) -> tuple[Statement, ...]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    doc = document(path.read_text(encoding="utf-8"), ref=path.name)
    parsed = nlp(doc.text)
    statements = extract_statements(doc, parsed, entities_from_parse(doc, parsed))
    for s in statements:
        check_spans(doc, s)
    return statements


def find(statements: tuple[Statement, ...], start_of_content: str) -> Statement:
    hits = [s for s in statements if s.content.startswith(start_of_content)]
    assert len(hits) == 1, [(s.speaker.name, s.content[:40]) for s in statements]
    return hits[0]


@pytest.mark.seeds
def test_statements_seed_003(nlp: Language, seeds_dir: Path, document: Callable[..., Document]) -> None:
    sts = seed(nlp, seeds_dir, document, "003")
    s = find(sts, "I deplore what is going on in Iran today")
    assert (s.speaker.name, s.cue, s.direct) == ("Michèle Alliot-Marie", "say", True)
    assert s.content.endswith("remaining silent on these issues.")
    s = find(sts, "Human rights should come first")
    assert (s.speaker.name, s.cue, s.direct) == ("Štefanec", "concluded", True) and s.speaker.entity
    s = find(sts, "We usually deal with human rights violations")
    assert (s.speaker.name, s.cue) == ("Stanislav Polčák", "said") and s.speaker.entity
    s = find(sts, "that recent and ongoing Iranian human rights violations")
    assert (s.speaker.name, s.cue, s.direct) == ("Ivan Štefanec", "stated", False)
    assert not any(s.content.strip("“”.") in ("Trampling Humanity", "grouplet", "appeasement") for s in sts)


@pytest.mark.seeds
def test_statements_seed_002(nlp: Language, seeds_dir: Path, document: Callable[..., Document]) -> None:
    sts = seed(nlp, seeds_dir, document, "002")
    s = find(sts, "Now it’s you (the United States)")
    assert (s.speaker.name, s.cue, s.direct) == ("Ali Larijni", "said", True)
    assert find(sts, "Today, we are faced with such a problem").speaker.name == "Alamolhoda"
    assert find(sts, "This is a very important document").speaker.name == "Rajavi"
    s = find(sts, "Some satellite channels linked to MEK")
    assert who(s) == ("a regime official", None, "said")
    s = find(sts, "We’ve recently been hearing some tribunes")
    assert (s.speaker.name, s.cue, s.direct) == ("Khamenei", "According to", True)
    assert find(sts, "The audio file was released").speaker.name == "the Judiciary’s Mizan news agency"


@pytest.mark.seeds
def test_statements_seed_001(nlp: Language, seeds_dir: Path, document: Callable[..., Document]) -> None:
    sts = seed(nlp, seeds_dir, document, "001")
    s = find(sts, "The Iranian regime’s representations are epicenters")
    assert (s.speaker.name, s.cue, s.direct) == ("Maryam Rajavi", "said", True) and s.speaker.entity
    assert s.content.endswith("shut down its embassies in other countries.")
    assert not any("Free Iran Global Summit" in s.content for s in sts)


@pytest.mark.seeds
def test_statements_seed_000(nlp: Language, seeds_dir: Path, document: Callable[..., Document]) -> None:
    sts = seed(nlp, seeds_dir, document, "000")
    s = find(sts, "that the MEK had “planned for months”")
    assert (s.speaker.name, s.cue, s.direct) == ("Khamenei", "said", False)
    s = find(sts, "that in a matter of just several days")
    assert (s.speaker.name, s.cue) == ("MEK", "determined")
    assert s.content.endswith("approximately 1,500 peaceful demonstrators")
    assert find(sts, "that the MEK was little more than a “cult”").speaker.name == "Tehran"
    s = find(sts, "that hardly any Iranian activists were speaking")
    assert (s.speaker.name, s.cue) == ("Tehran", "stating")  # "They": the earlier main clause's subject
    assert not any(
        s.content.strip("“”.") in ("cult", "death to the dictator", "friendly journalist") for s in sts
    )


# -- rules found by error analysis on PolNeAR train ------------------------------------------------------


def test_statements_double_single_quote_marks(run: Run) -> None:
    text = "''We will rebuild the bridge,'' said Mara Velkin.\n\nOlan Petrie said, ''It will take a year.''"
    sts = run(text, {"Mara Velkin": "person", "Olan Petrie": "person"})[2]
    assert [(s.speaker.name, s.content, s.direct) for s in sts] == [
        ("Mara Velkin", "We will rebuild the bridge", True),
        ("Olan Petrie", "It will take a year.", True),
    ]


def test_statements_they_takes_the_main_clause_subject_of_the_sentence_before(run: Run) -> None:
    text = (
        "Velmoria had insisted that the Dravin Front was a cult. "
        "They further backed the claim by stating that hardly anyone knew the group."
    )
    sts = run(text, {"Velmoria": "place", "Dravin Front": "organization"})[2]
    assert find(sts, "that hardly anyone knew").speaker.name == "Velmoria"


def test_statements_heading_joined_to_the_sentence_is_not_the_speaker(run: Run) -> None:
    s = only(run("9:30 p.m.\n\nOlan Petrie says he may move to the coast.", {"Olan Petrie": "person"})[2])
    assert (s.speaker.name, s.content) == ("Olan Petrie", "he may move to the coast")


def test_statements_trailing_cue_hung_off_the_quote(run: Run) -> None:
    text = "“We were wrong from the beginning,” Tavi Ramund, 58, told reporters on Monday."
    s = only(run(text, {"Tavi Ramund": "person"})[2])
    assert (s.speaker.name, s.cue, s.source_span.text) == ("Tavi Ramund", "told", "Tavi Ramund, 58")


def test_statements_cue_with_its_own_clause_is_not_the_quote_cue(run: Run) -> None:
    text = "On “Sunday Futures,” Darrell Issa said the senator’s judgment is in question."
    s = only(run(text, {"Darrell Issa": "person"})[2])
    assert (s.speaker.name, s.content) == ("Darrell Issa", "the senator’s judgment is in question")


def test_statements_say_with_a_gerund_clause(run: Run) -> None:
    s = only(run("He said legalizing it could put thousands of people to work.")[2])
    assert s.content == "legalizing it could put thousands of people to work"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Senator Grell called both Marten and Oswin “reckless” on Friday.", "Marten and Oswin “reckless”"),
        ("Ilse Varga described the dam plan as “a fantasy”.", "the dam plan as “a fantasy”"),
        ("Farmers see the dam as a threat to the valley.", "the dam as a threat to the valley"),
        ("Moore thanked the mayor for “stepping up”.", "the mayor for “stepping up”"),
        ("Obama spoke at the hall on Tuesday about rights denied to victims.", "rights denied to victims"),
    ],
)
def test_statements_views_with_an_object_and_its_role(run: Run, text: str, content: str) -> None:
    assert only(run(text)[2]).content.endswith(content)


def test_statements_knowing_someone_as_is_no_view(run: Run) -> None:
    assert run("He knew her as a child.")[2] == ()


def test_statements_time_phrase_before_a_call_is_not_its_content(run: Run) -> None:
    s = only(run("On Twitter, Jeb Bush called Ovid Trask “unhinged.”", {"Jeb Bush": "person"})[2])
    assert "Twitter" not in s.content and s.content.startswith("Ovid Trask")


def test_statements_fronted_clause_then_a_record_shows(run: Run) -> None:
    s = only(run("The fund paid $2 million to the firm, new records show.")[2])
    assert (s.speaker.name, s.cue, s.content) == (
        "new records",
        "show",
        "The fund paid $2 million to the firm",
    )


def test_statements_heading_line_with_a_described_source(run: Run) -> None:
    s = only(run("Poll: Varga leads in the north\n\nThe count went on.")[2])
    assert (s.speaker.name, s.cue, s.content) == ("Poll", ":", "Varga leads in the north")


def test_statements_shouted_is_a_cue(run: Run) -> None:
    s = only(run("“They stole the country,” the man shouted.")[2])
    assert (s.speaker.name, s.cue) == ("the man", "shouted")


def test_statements_cue_takes_its_auxiliaries_and_a_joining_adverb(run: Run) -> None:
    s = only(run("Ilse Varga has also said that the dam will fail.", {"Ilse Varga": "person"})[2])
    assert (s.cue, s.content) == ("has also said", "that the dam will fail")
    s = only(run("Ilse Varga used the event to say that the dam will fail.", {"Ilse Varga": "person"})[2])
    assert s.cue == "say"


def test_statements_heading_taken_for_the_subject_gives_way_to_the_name(run: Run) -> None:
    text = "___.\n\n2:40 p.m.\n\nOlan Petrie’s campaign manager says he is “gratified” by the ruling."
    s = only(run(text, {"Olan Petrie": "person"})[2])
    assert s.speaker.name == "Olan Petrie’s campaign manager"


def test_statements_headline_with_colon_is_not_a_claim(nlp):
    from conftest import make_document

    from docket.model import Found

    text = "Velmora Monitor: The Group the Council Wants to Silence\n\nThe council met on Monday."
    doc = make_document(text)
    doc = type(doc)(doc.id, doc.ref, doc.text, title=Found(text.split("\n")[0], "first-line"))
    assert extract_statements(doc, nlp(text), []) == ()


def test_statements_conditional_cue_reports_nothing(nlp, document):
    text = "The pressure would grow if the council acknowledged that the elections were rigged."
    doc = document(text)
    assert not [s for s in extract_statements(doc, nlp(text), []) if s.cue.endswith("acknowledged")]


@pytest.mark.parametrize(
    ("second", "cue"),
    [
        ("Governor Ilona Brandt admitted as much on Friday.", "admitted"),
        ("That was something the Halden Rights Council acknowledged in May.", "acknowledged"),
        ("Governor Ilona Brandt confirmed this in a letter.", "confirmed"),
    ],
)
def test_statements_claim_told_in_the_sentence_before(run: Run, second: str, cue: str) -> None:
    text = f"The camp guards had been ordered to burn the records. {second}"
    names: Names = {"Ilona Brandt": "person", "Halden Rights Council": "organization"}
    s = only(run(text, names)[2])
    assert (s.cue, s.content) == (cue, "The camp guards had been ordered to burn the records")
    assert s.speaker.name in names


def test_statements_claim_before_must_be_in_the_same_paragraph(run: Run) -> None:
    text = "The camp guards had been ordered to burn the records.\n\nGovernor Ilona Brandt admitted as much."
    assert run(text, {"Ilona Brandt": "person"})[2] == ()


def test_statements_passive_view_with_its_holder(run: Run) -> None:
    text = "The union has been branded by Minister Tomas Vey as a front for foreign agents."
    s = only(run(text, {"Tomas Vey": "person"})[2])
    view = ("Tomas Vey", "has been branded", "a front for foreign agents")
    assert (s.speaker.name, s.cue, s.content) == view


@pytest.mark.parametrize("name_dep", ["appos", "nsubj"])
def test_statements_possessive_subject_speaks_through_the_named_person(nlp: Language, name_dep: str) -> None:
    # Parses the model gives some sentences of this shape: "council" is taken for the subject and
    # the name hangs on it as an apposition, or stands beside it as a second subject.
    words = ["The", "council", "’s", "chair", "Reza", "Tabrizi", "admitted", "it", "."]
    heads = [1, 6, 1, 5, 5, 1 if name_dep == "appos" else 6, 6, 6, 6]
    deps = ["det", "nsubj", "case", "compound", "compound", name_dep, "ROOT", "dobj", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert possessed(doc[1]).text == "Tabrizi"
    assert possessed(doc[5]).text == "Tabrizi"  # a subject with no possessive is itself


def test_statements_an_aside_has_no_object_of_its_own(run: Run) -> None:
    said = "The camp will close in May, as the ministry noted on Monday."
    assert only(run(said)[2]).content == "The camp will close in May"
    told = "The camp, Mara Velt told reporters, will close in May."
    assert only(run(told, {"Mara Velt": "person"})[2]).speaker.name == "Mara Velt"
    # "as X continues its purge" tells what X does, not what X says
    text = "As the council continues its purge of the courts, Veland's judges are leaving the country."
    assert run(text)[2] == ()
    text = "As reporters have continued to film the camps, the council's denials have sounded weaker."
    assert run(text)[2] == ()


def test_statements_feeling_a_state_is_no_view(run: Run) -> None:
    text = "After the vote the minister felt the pressure of the street."
    assert run(text)[2] == ()
    held = only(run("Mara Velt feels that the trial was unfair.", {"Mara Velt": "person"})[2])
    assert (held.content, held.mode) == ("that the trial was unfair", "belief")
