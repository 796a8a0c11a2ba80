"""Incident extraction: fictional sentences for each rule, then the seed articles end to end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_document, tagged_dates, tagged_entities
from spacy.language import Language

from docket.extract.dates import extract_dates
from docket.extract.incidents import extract_incidents
from docket.extract.perpetrators import is_armed_group
from docket.model import Document, EntityRef, Evidence, Found, Incident, Statement


def _one(incidents: tuple[Incident, ...], kind: str) -> Incident:
    found = [i for i in incidents if i.type == kind]
    assert len(found) == 1, [(i.type, i.evidence[0].text) for i in incidents]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Soldiers killed 40 villagers in Norvath last week.", "killing"),
        ("The authorities executed Daren Holt in March 2015.", "execution"),
        ("A court sentenced Mira Tosk to death in 2019.", "death_sentence"),
        ("Mira Tosk was sentenced to five years in prison in 2019.", "prison_sentence"),
        ("Three activists are expected to go on trial in Velmora.", "trial"),
        ("Police arrested Daren Holt in Velmora in 2020.", "arrest"),
        ("Officers detained twelve students at the university.", "detention"),
        ("The journalist Ana Perel was forcibly disappeared by agents in 2014.", "enforced_disappearance"),
        ("Gunmen abducted 30 schoolgirls from a village in 2021.", "kidnapping"),
        ("Ivo Brandt took part in the 2008 hostage-taking of the reporter Ana Ruiz.", "kidnapping"),
        ("Guards tortured the prisoner Tomas Wrey for days.", "torture"),
        ("Intelligence agents harassed the family of Tomas Wrey in 2018.", "harassment"),
        ("The authorities confiscated the family's home in 2017.", "confiscation"),
        ("Thousands of workers joined protests in Velmora in May 2019.", "protest"),
        ("Militants attacked a police station in Norvath in 2016.", "attack"),
        ("The men were charged over a bomb plot against a rally in Velmora in 2018.", "plot"),
        ("The government expelled four Zorvanian diplomats in 2018.", "expulsion"),
        ("Two men were hanged over the killing of a guard in Velmora.", "execution"),
    ],
)
def test_incidents_each_type(run: Callable[..., tuple[Incident, ...]], text: str, kind: str) -> None:
    assert kind in {i.type for i in run(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The police did not arrest anyone at the rally site.",
        "The new law could conceivably result in large numbers of executions.",
        "Politically motivated executions in Zorvania are common.",
        "The world must do everything to halt the planned executions.",
        "No arrests were made after the meeting.",
        "If the guards tortured him, they would be punished.",
        "Under the decree, the police have the right to detain marchers for a day.",
        "Border guards are authorised to arrest anyone crossing at night.",
        # what a law makes possible is no event, and the ruling's date dates none
        "On 4 May 2021, the court held that laws enabling the detention of vendors violate the charter.",
        "The opinion found that laws permitting the warrantless arrest of a vagrant violate the charter.",
        "Most parties in the Veland parliament oppose executions.",
        "Most parties in the Veland parliament oppose torture.",
        "Rights groups in Velmora campaign against torture.",
        "The special rapporteur on torture visited Velmora.",
        "Denying prisoners their medicine is a form of torture.",
        "A police unit was sent to Norvath to arrest the organisers.",
        "Troops ringed the square in order to detain the marchers.",
    ],
)
def test_incidents_negated_hypothetical_generic_yield_nothing(
    run: Callable[..., tuple[Incident, ...]], text: str
) -> None:
    kinds = ("arrest", "detention", "execution", "torture")
    assert [i.type for i in run(text) if i.type in kinds] == []


def test_incidents_act_enabled_by_a_circumstance_happened(run: Callable[..., tuple[Incident, ...]]) -> None:
    # Only a law's "enabling" makes an act a possibility; a blackout's tells what it allowed.
    assert "killing" in {i.type for i in run("The blackout enabled soldiers to kill protesters in Ketlin.")}


@pytest.mark.parametrize(
    "text",
    [
        # what one is free of is a kind of act, not one done
        "Reporters in Velmora deserve a newsroom free of intimidation.",
        "The Velmora charter gives everyone the right to be free from torture.",
        # a trial court is a kind of court; a case not yet gone to trial has had none
        "The appeals court upheld the trial court's ruling against Daren Holt.",
        "The second case against Mira Tosk has not yet gone to trial.",
    ],
)
def test_incidents_an_absence_or_a_court_is_no_event(
    run: Callable[..., tuple[Incident, ...]], text: str
) -> None:
    assert run(text) == ()


def test_incidents_a_case_gone_to_trial_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert "trial" in {i.type for i in run("The case against Mira Tosk went to trial in May.")}


def test_incidents_people_on_trial_are_tried(run: Callable[..., tuple[Incident, ...]]) -> None:
    tried = [
        i for i in run("Three reporters are on trial in Velmora for covering the coup.") if i.type == "trial"
    ]
    assert [v.description for i in tried for v in i.victims] == ["reporters"]
    # a figure of speech, and a trial no one has had
    assert run("Journalism in Velmora is on trial.") == ()
    assert run("No police officer in Velmora has been placed on trial.") == ()


def test_incidents_a_gathering_dispersed_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    stopped = run("Riot police dispersed the marchers in Velmora on Monday.")
    assert [v.description for i in stopped if i.type == "other" for v in i.victims] == ["marchers"]
    broken = run("Police broke up the vigil for Tomas Wrey.")
    assert "other" in {i.type for i in broken}
    assert run("The owner of the firm dispersed the funds to his sons.") == ()
    # tried, it is still a dispersal, not a plot (which is tried violence)
    tried = run("Riot police tried to disperse the marchers in Velmora with tear gas.")
    assert [i.type for i in tried] == ["other"]


def test_incidents_acts_one_is_notorious_for_are_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    # a bare plural is a kind of act ("oppose executions"), but those a unit is notorious or
    # blamed for are claimed to be its own
    assert "arrest" in {i.type for i in run("The Velmora unit is notorious for arbitrary arrests.")}
    assert "killing" in {i.type for i in run("Rights groups blamed the army for killings in Norvath.")}


def test_incidents_fatally_shot_is_a_killing(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert {i.type for i in run("Police fatally shot the student Tomas Wrey in Velmora.")} == {"killing"}
    assert {i.type for i in run("Police shot the student Tomas Wrey in Velmora.")} == {"attack"}
    # "fatally" after the act, where the parser hangs it on another word
    text = (
        "Velmora has a long history of violence, with the cadre accused of attacking rivals, often"
        " fatally, in the north."
    )
    assert "killing" in {i.type for i in run(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Agents secretly detained the blogger Tomas Wrey in May.",
        "Mira Tosk has been held in incommunicado detention since May.",
        "Tomas Wrey wrote about the governor before his secret arrest in May.",
    ],
)
def test_incidents_secret_detention_is_a_disappearance(
    run: Callable[..., tuple[Incident, ...]], text: str
) -> None:
    assert {i.type for i in run(text)} == {"enforced_disappearance"}


@pytest.mark.parametrize(
    "text",
    [
        "A court found the editor Ana Perel guilty of accusing her boss of sexually assaulting her in 2012.",
        "Guards sexually abused women held at the Port Ellis prison in 2019.",
        "Former detainees described sexual violence against women in the Norvath camp.",
        "The officer molested two girls at the Port Ellis police station.",
    ],
)
def test_incidents_sexual_violence_is_reported(run: Callable[..., tuple[Incident, ...]], text: str) -> None:
    # OHCHR files sexual violence under "other"; "assault" or "abuse" alone names no such act.
    assert "other" in {i.type for i in run(text)}


def test_incidents_sexual_assault_tried_is_a_plot(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "A prison officer in Velmora tried to sexually assault a colleague in May."
    assert {i.type for i in run(text)} == {"plot"}


def test_incidents_someones_detention_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    # "detention" alone may be a place or a practice ("detention centre"); someone's is an event.
    held = _one(run("Since their detention in 2015, the ten reporters have had no lawyer."), "detention")
    assert held.date.value == "2015"
    named = _one(run("Mara Velt's detention drew protests."), "detention")
    assert [v.name for v in named.victims] == ["Mara Velt"]


def test_incidents_a_power_used_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    # A power granted is no event ("the right to detain"); a power used is one.
    assert "detention" in {i.type for i in run("The governor used his power to jail the editor Tomas Wrey.")}


def test_incidents_a_kind_undergone_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert "torture" in {i.type for i in run("Mira Tosk said she suffered many forms of torture in Velmora.")}
    assert "arrest" in {i.type for i in run("A woman on house arrest accused the officer Tomas Verel.")}


def test_incidents_a_clause_of_its_own_is_not_under_the_first_ones_verb(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    # "wanted" governs its own clause, not the one joined to it with a subject of its own
    text = "Tomas Wrey wanted to stand for mayor, but now he is in prison on false charges."
    assert "detention" in {i.type for i in run(text)}
    assert run("Officers wanted to question Tomas Wrey and to detain his brother.") == ()


def test_incidents_calling_an_arrest_a_name_is_no_call_for_one(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    assert "arrest" in {i.type for i in run("Rights groups called the arrest of Tomas Wrey an outrage.")}
    assert run("Rights groups called for the arrest of the officer Tomas Wrey.") == ()


def test_incidents_a_purpose_fulfilled_is_reported(run: Callable[..., tuple[Incident, ...]]) -> None:
    # An infinitive of purpose is no event ("sent to arrest them"), but what came next is
    # ("only to be arrested"), and one taken to prison "to serve" a sentence serves it.
    assert "arrest" in {i.type for i in run("Daren Holt came home, only to be arrested at the door.")}
    served = run("Mira Tosk entered Velmora prison in 2015 to serve a six-year term.")
    assert "detention" in {i.type for i in served}


def test_incidents_mock_execution_is_torture(run: Callable[..., tuple[Incident, ...]]) -> None:
    types = {i.type for i in run("The detainees described mock executions carried out by the guards.")}
    assert "execution" not in types
    assert "torture" in types


def test_incidents_perpetrator_victims_count_place_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(
        run("In 2013, security forces in Velmora arrested a young couple, Daren Holt and Mira Tosk."),
        "arrest",
    )
    assert inc.date.value == "2013" and inc.date.text == "2013"
    assert inc.perpetrators and inc.perpetrators[0].name == "security forces"
    assert inc.perpetrators[0].category == "state"
    assert {v.name for v in inc.victims} == {"Daren Holt", "Mira Tosk"}
    assert all(v.description == "young couple" for v in inc.victims)
    assert inc.place is not None and inc.place.name == "Velmora"
    assert inc.attributed_to == ()
    assert inc.evidence[0].text.startswith("In 2013") and inc.evidence[0].text.endswith("Tosk.")


def test_incidents_count_with_qualifier(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("The army killed approximately 1,200 peaceful marchers in the capital."), "killing")
    assert inc.count is not None and inc.count.value == 1200 and inc.count.qualifier == "approximately"
    assert inc.count.text == "approximately 1,200"
    assert inc.victims[0].description == "peaceful marchers"
    assert inc.perpetrators[0].category == "state"


def test_incidents_passive_agent_and_vague_count(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("Over 400 miners were detained by the Norvath police in June 2012."), "detention")
    assert inc.count is not None and inc.count.low == 400 and inc.count.qualifier == "over"
    assert inc.perpetrators[0].name == "Norvath police"
    assert inc.date.value == "2012-06"
    arrest = _one(run("Thousands were arrested in the weeks that followed."), "arrest")
    assert arrest.count is not None and arrest.count.low == 2000


def test_incidents_death_toll(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("The militia opened fire on crowds, and the death toll rose to 310."), "killing")
    assert inc.count is not None and inc.count.value == 310


def test_incidents_nominal_trigger_with_year_and_possessor(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("Survivors still remember the junta’s 1977 massacre of 900 farm workers."), "killing")
    assert inc.date.value == "1977"
    assert inc.count is not None and inc.count.value == 900
    assert inc.perpetrators[0].category == "state"


def test_incidents_attributed_to_reporting_verb(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "The Velmora Monitor determined that the Border Guard had killed 85 fishermen."
    inc = _one(run(text), "killing")
    assert [(a.name, a.cue) for a in inc.attributed_to] == [("Velmora Monitor", "determined")]
    according = _one(run("According to the Velmora Monitor, police arrested 20 students in 2019."), "arrest")
    assert [a.cue for a in according.attributed_to] == ["according to"]


def test_incidents_attributed_to_statement_speaker(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Mira Tosk said that guards had beaten her brother."
    start = text.index("guards")
    doc_text_evidence = Evidence("x", start, len(text) - 1, text[start:-1])
    st = Statement(
        "s1", EntityRef(None, "Mira Tosk"), "said", text[start:-1], False, (), None, None, doc_text_evidence
    )
    incs = run(text, (st,))
    assert incs, "the beating is an incident"
    assert ("Mira Tosk", "said") in {(a.name, a.cue) for i in incs for a in i.attributed_to}


def test_incidents_other_state_and_backed(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Zorvania's rulers face protests in Zorvania. "
        "In 2018, Belgian police arrested two Zorvanian agents at the border with France."
    )
    inc = _one(run(text), "arrest")
    assert inc.perpetrators[0].category == "other_state"
    backed = _one(run("Zorvania-backed militants attacked a camp in Norvath in 2019."), "attack")
    assert backed.perpetrators[0].category == "non_state_with_state_support"


def test_incidents_forces_of_a_named_state_are_its_own_where_no_place_is_named(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    # no place in the sentence: "Belgian police" act for their own state, and the incident
    # keeps the story's country (forces act abroad too)
    text = (
        "Farm workers in India marched against the new farm law. Belgian police arrested a nurse on Monday."
    )
    inc = _one(run(text), "arrest")
    assert inc.perpetrators[0].category == "state"
    assert inc.place is not None and inc.place.country == "IN"


def test_incidents_repeated_mentions_merge(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "In 1979 the junta massacred 5,000 political prisoners. "
        "The weather was cold that year. "
        "Nobody has been held accountable for the 1979 massacre. "
        "Families still mourn the victims of the massacre."
    )
    killings = [i for i in run(text) if i.type == "killing"]
    assert len(killings) == 1
    assert len(killings[0].evidence) == 3
    assert killings[0].count is not None and killings[0].count.value == 5000


def test_incidents_distinct_events_stay_apart(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Police executed Daren Holt in March 2015. Guards executed Mira Tosk in May 2016."
    executions = [i for i in run(text) if i.type == "execution"]
    assert len(executions) == 2
    assert executions[0].id != executions[1].id


def test_incidents_bound_date_is_not_the_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("Tomas Wrey was arrested again sometime after his release in 2007."), "arrest")
    assert inc.date.value is None


def test_incidents_lasting_state_dates_from_its_since(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _one(run("The teacher Ana Ruiz has been detained since 2016."), "detention").date.value == "2016"


def _with_docket_dates(nlp: Language, doc: Document) -> tuple[Incident, ...]:
    """Incidents of a text with docket's own dates (the `run` fixture takes spaCy's)."""
    parsed = nlp(doc.text)
    return extract_incidents(doc, parsed, tagged_entities(doc, parsed), extract_dates(doc, parsed))


def test_incidents_told_over_a_range_date_from_its_start(
    nlp: Language, document: Callable[..., Document]
) -> None:
    # The date is another act's, so the nearest mention dates the detention: docket's dates split
    # the range, and "September 2021" is nearer, but what a range tells began at its start.
    text = (
        "Between June 2020 and September 2021, researchers interviewed 33 Velandan victims and"
        " witnesses about torture and arbitrary detention."
    )
    assert _one(_with_docket_dates(nlp, document(text)), "detention").date.value == "2020-06"


def test_incidents_vague_word_beside_a_year_is_not_the_date(
    nlp: Language, document: Callable[..., Document]
) -> None:
    # docket's dates (not spaCy's) find "recently", a mention without a value: the year it frames
    # is the date.
    text = "As recently as 2014, the authorities executed the poet Ana Ruiz in Port Ellis."
    assert _one(_with_docket_dates(nlp, document(text)), "execution").date.value == "2014"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # a date fronted before an act dates the acts conjoined to it
        (
            "In 2013, the nurse Mara Velt was kidnapped, tortured, and enslaved by the militia.",
            "torture",
            "2013",
        ),
        ("In March 2013, militiamen kidnapped and tortured the nurse Mara Velt.", "torture", "2013-03"),
        # ... unless it has a date of its own, or is told as coming later
        ("Police arrested the teacher Ana Ruiz in 2013 and tortured her in 2015.", "torture", "2015"),
        ("In 2013, police arrested the teacher Ana Ruiz and later tortured her.", "torture", None),
        # a participle clause happens with its act; an act done in the course of another takes its date
        (
            "Gunmen stormed a school in Ketlin in May 2021, killing one student and kidnapping dozens.",
            "killing",
            "2021-05",
        ),
        ("The reporter Mara Velt was killed in an October 2017 car bomb blast.", "killing", "2017-10"),
        # a court's act is not done in the course of the crime it punishes
        (
            "Dan Velt was sentenced to 22 years in prison for his role in the 1972 murder of a police chief.",
            "prison_sentence",
            None,
        ),
    ],
)
def test_incidents_date_another_act_owns(
    run: Callable[..., tuple[Incident, ...]], text: str, kind: str, value: str | None
) -> None:
    assert _one(run(text), kind).date.value == value


def test_incidents_date_of_another_clause_is_not_the_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Police arrested the teacher Ana Ruiz under a decree of the council, which governed Veland "
        "from 1961 to 1969."
    )
    assert _one(run(text), "arrest").date.value is None
    assert _one(run("Police arrested the teacher Ana Ruiz in 1967."), "arrest").date.value == "1967"
    text = "After the teacher Ana Ruiz was imprisoned, her wife kept his letters of March 1994."
    assert _one(run(text), "detention").date.value is None


def test_incidents_year_of_a_law_is_not_the_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The year names the law or report, not the arrest; on the event's own noun it dates it.
    text = "The teacher Ana Ruiz was arrested under a 1971 ordinance on public gatherings."
    assert _one(run(text), "arrest").date.value is None
    text = "Police detained the teacher Ana Ruiz under the Public Order Act 2004, the union said."
    assert _one(run(text), "detention").date.value is None
    assert _one(run("The 1971 massacre in Port Ellis killed forty strikers."), "killing").date.value == "1971"
    text = "The teacher Ana Ruiz was arrested during the 2019 strike wave."
    assert _one(run(text), "arrest").date.value == "2019"


def test_incidents_when_clause_in_another_tense_is_no_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The parser hangs the "when" clause on the present-tense verb; a past event is not its date.
    text = (
        "The arrest of the teacher Ana Ruiz comes amid a purge of the unions and raises doubts about other "
        "pledged liberties when the province joined Veland in 1992."
    )
    assert _one(run(text), "arrest").date.value is None
    text = "The teacher Ana Ruiz was arrested when she returned to Veland in May 2016."
    assert _one(run(text), "arrest").date.value == "2016-05"


def test_incidents_course_on_a_conjoined_verb_dates_each(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The parser hangs "during a demonstration" on the last verb; the shooting happened there too.
    text = (
        "Soldiers shot and killed two men and wounded several others during a demonstration in "
        "Port Ellis on 4 May 2021."
    )
    incidents = run(text)
    assert _one(incidents, "protest").date.value == "2021-05"
    assert _one(incidents, "killing").date.value == "2021-05"
    assert _one(incidents, "attack").date.value == "2021-05"
    # Told as coming after, an act does not share the course's date.
    text = "Soldiers arrested two men during a demonstration on 4 May 2021 and later tortured them."
    assert _one(run(text), "torture").date.value is None


def test_incidents_date_after_coordinated_nouns_dates_each(
    nlp: Language, document: Callable[..., Document]
) -> None:
    # The parser hangs the date on the first noun; it closes the whole coordination.
    text = (
        "Tomas Wrey and another alleged co-conspirator have been indicted on first-degree murder "
        "charges for their role in Ana Ruiz's kidnapping and killing on New Year's Eve."
    )
    incidents = _with_docket_dates(nlp, document(text, published="2021-03-01"))
    assert _one(incidents, "kidnapping").date.value == "2020-12-31"
    assert _one(incidents, "killing").date.value == "2020-12-31"


def test_incidents_date_after_coordinated_verbs_dates_each(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The parser hangs the date on the last verb; the verbs share one subject and one time.
    text = "The blogger Ana Ruiz was kidnapped and beaten by members of an armed group in March 2018."
    assert _one(run(text), "kidnapping").date.value == "2018-03"
    # A court's act came later than the arrest; a clause with its own subject tells another thing.
    text = "The poet Ana Ruiz was arrested and sentenced to ten years in prison in March 2019."
    assert _one(run(text), "arrest").date.value is None
    text = "Thousands were tortured in Ketlin, and police arrested 400 more in March 2019."
    assert _one(run(text), "torture").date.value is None


def test_incidents_tally_as_of_a_date_is_not_dated(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The date closes the count; the killings happened over the months before it.
    text = "As of 4 May 2021, soldiers had killed 946 people in Ketlin, the monitors said."
    assert _one(run(text), "killing").date.value is None


def test_incidents_in_which_clause_takes_its_events_date(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The killings happened in the attack: its year is theirs, not the acquittal's Wednesday.
    text = (
        "A court acquitted Tomas Wrey on Wednesday of helping gunmen storm the Port Ellis mall in a "
        "2013 attack in which at least 67 people were killed."
    )
    assert _one(run(text), "killing").date.value == "2013"


def test_incidents_date_of_a_purpose_clause_dates_the_act(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The journey the arrest interrupted was made to visit her parents in May 2016.
    text = (
        "The teacher Ana Ruiz was arrested at the Port Ellis airport while taking her son to see "
        "her parents in May 2016."
    )
    assert _one(run(text), "arrest").date.value == "2016-05"
    # A fronted infinitive frames the sentence: its year names the book, not the arrest.
    text = "To sum up the memoir of Ana Ruiz (2019), she is a teacher who was arrested for her poems."
    assert _one(run(text), "arrest").date.value is None


def test_incidents_a_region_of_the_story_country_is_not_a_city_abroad(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    # "Delta" is a Canadian city to the gazetteer and a Nigerian state: a Nigerian story means the state
    text = (
        "Gunmen kidnapped three farmers in Delta on Monday. Nigeria has seen a wave of abductions, "
        "and the police in Nigeria have arrested 40 suspects in Lagos and Abuja."
    )
    kidnapping = _one(run(text), "kidnapping")
    assert kidnapping.place is not None
    assert (kidnapping.place.name, kidnapping.place.country) == ("Delta", "NG")
    text = "Gunmen kidnapped three farmers in Delta on Monday, police in British Columbia said."
    assert _one(run(text), "kidnapping").place.country == "CA"


def test_incidents_a_dateline_abroad_is_not_the_place(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "(Nairobi) – Ugandan police arrested a teacher at a school in Kampala last week, his family said."
    assert _one(run(text), "arrest").place.country == "UG"
    # a local paper files where it happened, though the sentence names a street
    text = "(Kampala) – Police have detained two students from a college on Wickham Road, rights groups said."
    assert _one(run(text), "detention").place.name == "Kampala"


def test_incidents_the_site_named_before(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Tomas Eker spent years at Camp Orlo, a settlement of exiles in Veland. "
        "The compound was emptied after numerous attacks by militias."
    )
    assert _one(run(text), "attack").place.name == "Camp Orlo"
    # a site spoken of without a named one before it is no place
    text = "The talks were held in Norvath. The compound was emptied after numerous attacks by militias."
    assert _one(run(text), "attack").place is None


# --- the seed articles ------------------------------------------------------------------------


@pytest.fixture
def seed(seeds_dir: Path, run: Callable[..., tuple[Incident, ...]]) -> Callable[[str], tuple[Incident, ...]]:
    def go(prefix: str) -> tuple[Incident, ...]:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        return run(path.read_text(encoding="utf-8"))

    return go


def _find(incidents: tuple[Incident, ...], kind: str, **want: object) -> Incident:
    for i in incidents:
        if i.type != kind:
            continue
        if "date" in want and i.date.value != want["date"]:
            continue
        if "victim" in want and want["victim"] not in {v.name for v in i.victims}:
            continue
        if "count" in want and (i.count is None or want["count"] not in (i.count.value, i.count.low)):
            continue
        return i
    raise AssertionError(f"no {kind} {want} in {[(i.type, i.date.value, i.count) for i in incidents]}")


@pytest.mark.seeds
def test_incidents_seed_000(seed: Callable[[str], tuple[Incident, ...]]) -> None:
    incs = seed("000")
    killing = _find(incs, "killing", count=1500)
    assert killing.count is not None and killing.count.qualifier == "approximately"
    assert {p.category for p in killing.perpetrators} == {"state"}
    assert {p.name for p in killing.perpetrators} & {"Revolutionary Guards", "IRGC"}
    assert [v.description for v in killing.victims] == ["peaceful demonstrators"]
    assert [(a.name, a.cue) for a in killing.attributed_to] == [("MEK", "determined")]
    arrest = _find(incs, "arrest", victim="Hassan Sadeghi")
    assert arrest.date.value == "2013" and arrest.place is not None and arrest.place.country == "IR"
    assert "Fatemeh Mosanna" in {v.name for v in arrest.victims}
    saremi = _find(incs, "execution", date="2010-12")
    assert any(v.name and "Saremi" in v.name for v in saremi.victims)
    later = _find(incs, "execution", date="2011-01")
    assert {v.name for v in later.victims} >= {"Jafar Kazemi", "Mohammad Haj-Aqai"}
    massacre = _find(incs, "killing", date="1988")
    assert massacre.count is not None and massacre.count.value == 30000
    assert not any(i.type == "execution" and "planned" in i.evidence[0].text for i in incs)


@pytest.mark.seeds
def test_incidents_seed_001(seed: Callable[[str], tuple[Incident, ...]]) -> None:
    incs = seed("001")
    arrest = next(i for i in incs if i.type == "arrest" and "Iranian-Belgian" in i.evidence[0].text)
    assert arrest.place is not None and arrest.place.country == "FR"
    assert arrest.perpetrators[0].category == "other_state"
    massacre = _find(incs, "killing", date="1988")
    assert massacre.count is not None and massacre.count.low == 30000 and massacre.count.qualifier == "over"
    assert massacre.perpetrators[0].category == "state"
    assert any(i.type == "plot" for i in incs)
    # "could conceivably result in large numbers of deaths ... execution ... torture": hypothetical
    assert not any("conceivably" in e.text for i in incs for e in i.evidence if i.type != "arrest")


@pytest.mark.seeds
def test_incidents_seed_003(seed: Callable[[str], tuple[Incident, ...]]) -> None:
    incs = seed("003")
    _find(incs, "killing", count=1500)
    assert any(i.type == "torture" for i in incs)
    massacre = _find(incs, "killing", date="1988")
    assert massacre.count is not None and massacre.count.low == 30000
    plot = _find(incs, "plot", date="2018-06")
    assert plot.place is not None and plot.place.country == "FR"


@pytest.mark.seeds
def test_incidents_seed_004(seed: Callable[[str], tuple[Incident, ...]]) -> None:
    incs = seed("004")
    killing = _find(incs, "killing", count=1500)
    assert [v.description for v in killing.victims] == ["peaceful protesters"]
    massacre = _find(incs, "killing", date="1988")
    assert massacre.count is not None and massacre.count.value == 30000
    expulsion = _find(incs, "expulsion")
    assert [v.description for v in expulsion.victims] == ["Iranian diplomats"]
    _find(incs, "plot", date="2018")


def test_incidents_another_is_a_new_event(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "In 2018 agents plotted to bomb a rally in Velmora. "
        "Another plot in 2018 targeted a community of dissidents in Norvath."
    )
    assert len([i for i in run(text) if i.type == "plot"]) == 2


def test_incidents_own_voice_mention_clears_attribution(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The document states the massacre itself; a later quote that repeats it does not make it a claim.
    text = (
        "In 1994, soldiers massacred 300 villagers in Norvath. "
        "The Velmora Monitor stated that the 1994 massacre in Norvath remains unpunished."
    )
    inc = _one(run(text), "killing")
    assert len(inc.evidence) == 2
    assert inc.attributed_to == ()
    only_claimed = _one(run(text.split(". ")[1]), "killing")
    assert [a.cue for a in only_claimed.attributed_to] == ["stated"]


def test_incidents_inside_a_statement_take_dates_from_its_content(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    text = "In a 2016 interview, Daren Holt recalled that he had executed prisoners in Norvath in 1994."
    start = text.index("that he")
    content = Evidence("x", start, len(text) - 1, text[start:-1])
    st = Statement(
        "s1", EntityRef(None, "Daren Holt"), "recalled", content.text, False, (), None, None, content
    )
    inc = _one(run(text, (st,)), "execution")
    assert inc.date.value == "1994"
    undated = text.replace(" in 1994", "")
    start = undated.index("that he")
    content = Evidence("x", start, len(undated) - 1, undated[start:-1])
    st = Statement(
        "s1", EntityRef(None, "Daren Holt"), "recalled", content.text, False, (), None, None, content
    )
    assert _one(run(undated, (st,)), "execution").date.value is None  # 2016 dates the interview


@pytest.mark.parametrize(
    "text",
    [
        "A wave of attack and false accusations against the Velmora Monitor followed the speech.",
        "The attacks on the Velmora Monitor in the state media have not stopped.",
        "In Norvath, the preacher Daren Holt attacked Mira Tosk for her views.",
        "Commentators attacking the minister's record were silenced.",
    ],
)
def test_incidents_attacks_of_words_are_not_attacks(
    run: Callable[..., tuple[Incident, ...]], text: str
) -> None:
    assert not [i for i in run(text) if i.type == "attack"]


def test_incidents_attack_with_force_stays(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _one(run("Daren Holt attacked Mira Tosk with a knife in Norvath in 2019."), "attack")


def test_incidents_trigger_inside_a_name_is_no_event(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "The ideals of the Glorious Revolution still shape Velmora's politics."
    assert not [i for i in run(text) if i.type == "protest"]


@pytest.mark.parametrize(
    ("text", "protests"),
    [
        ("Hundreds of students demonstrated in Velmora in May 2019.", 1),
        ("The arrests demonstrate that the Border Guard will stop at nothing.", 0),
        ("The Velmora Monitor has long demonstrated its independence.", 0),
        ("It is the hostility that the ministers have demonstrated towards the press.", 0),
    ],
)
def test_incidents_demonstrate_as_show_is_no_protest(
    run: Callable[..., tuple[Incident, ...]], text: str, protests: int
) -> None:
    assert len([i for i in run(text) if i.type == "protest"]) == protests


def test_incidents_unplaced_incident_takes_the_documents_country(nlp: Language) -> None:
    text = "Police arrested the journalist Daren Holt on Monday. Nigerian activists condemned the arrest."
    doc = make_document(text)
    parsed = nlp(text)
    arrest = extract_incidents(doc, parsed, tagged_entities(doc, parsed), tagged_dates(doc, parsed))[0]
    assert arrest.type == "arrest" and arrest.place is not None and arrest.place.country == "NG"
    assert arrest.place.entity is None and arrest.place.name == "Nigeria"


def test_incidents_placed_where_their_target_is(nlp: Language) -> None:
    text = (
        "Sudan's government has long hunted its critics abroad. Sudan denies it.\n\n"
        "That year a second bomb plot targeted a camp of exiles in Kenya, many of whose families had "
        "fled Uganda in fear of Sudan-backed militias."
    )
    doc = make_document(text)
    parsed = nlp(text)
    incidents = extract_incidents(doc, parsed, tagged_entities(doc, parsed), tagged_dates(doc, parsed))
    plot = next(i for i in incidents if i.type == "plot")
    assert plot.place is not None and plot.place.country == "KE"


def test_incidents_title_names_the_country(nlp: Language) -> None:
    text = "Police arrested the journalist Daren Holt on Monday."
    doc = replace(make_document(text), title=Found("Journalist arrested in Kenya", "given"))
    parsed = nlp(text)
    arrest = extract_incidents(doc, parsed, tagged_entities(doc, parsed), tagged_dates(doc, parsed))[0]
    assert arrest.place is not None and arrest.place.country == "KE"
    # With no place, nationality or title, nothing is guessed.
    bare = extract_incidents(
        make_document(text), parsed, tagged_entities(doc, parsed), tagged_dates(doc, parsed)
    )[0]
    assert bare.place is None


def test_incidents_ids_are_unique_within_a_sentence(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Police arrested Daren Holt in Velmora in 2019, and soldiers arrested Mira Tosk in Norvath in 2021."
    )
    incs = [i for i in run(text) if i.type == "arrest"]
    assert len(incs) == 2
    assert len({i.id for i in incs}) == 2


def test_incidents_caption_with_date_names_one_event(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Norland, March 2016 protests\n\nThe ministry raised fuel prices that week."
    protest = _one(run(text), "protest")
    assert protest.date.value == "2016-03"
    # a bare plural in running prose stays generic
    assert not [i for i in run("Protests are common in Norland.") if i.type == "protest"]


@pytest.mark.parametrize(
    ("text", "attacks"),
    [
        ("A car bomb exploded near the market in Norvath on Friday, killing six people.", 1),
        ("Militants detonated a device at a checkpoint outside Velmora in 2020.", 1),
        ("The blast destroyed the station in Kestrava.", 1),
        ("Analysts say the country is on the eve of a great explosion.", 0),
        ("Her speech set off an explosion of anger online.", 0),
    ],
)
def test_incidents_explosions_are_attacks_metaphors_are_not(
    run: Callable[..., tuple[Incident, ...]], text: str, attacks: int
) -> None:
    assert len([i for i in run(text) if i.type == "attack"]) == attacks


def test_incidents_private_and_armed_perpetrators(run: Callable[..., tuple[Incident, ...]]) -> None:
    man = _one(run("A Velmora man kidnapped the lawyer Ana Brisk in Norvath in 2019."), "kidnapping")
    assert [(p.name, p.category) for p in man.perpetrators] == [("Velmora man", "non_state")]
    gunmen = _one(run("Gunmen kidnapped the lawyer Ana Brisk in Norvath in 2019."), "kidnapping")
    assert [p.category for p in gunmen.perpetrators] == ["non_state"]
    # an armed group named with a state word, and one named by what it does
    for agent in ("An Islamic State commander", "A terror group", "Party goons"):
        inc = _one(run(f"{agent} kidnapped the lawyer Ana Brisk in Norvath in 2019."), "kidnapping")
        assert [p.category for p in inc.perpetrators] == ["non_state"], agent
    assert not is_armed_group("Velmora man") and is_armed_group("Gunmen")
    police = _one(run("Police arrested the lawyer Ana Brisk in Norvath in 2019."), "arrest")
    assert [p.category for p in police.perpetrators] == ["state"]


def test_incidents_placed_in_the_one_country_their_sentence_names(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    text = (
        "Velmora Kest moved to London in 1990. "
        "In 1978 Velmora Kest was imprisoned for four weeks during Argentina's war against its own people."
    )
    inc = _one(run(text), "detention")
    assert inc.place is not None and inc.place.country == "AR"
    # A country another incident of the sentence owns is that incident's: the main country stands.
    text = (
        "Ana Brisk writes from Peru for Peru's press. "
        "In 1978 Ana Brisk was imprisoned after soldiers killed her brother in Argentina."
    )
    place = _one(run(text), "detention").place
    assert place is not None and place.country == "PE", place


def test_incidents_of_victims_of_the_other_sex_stay_apart(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Gunmen kidnapped over 300 girls from a school in Norvath. "
        "In December 2020, bandits kidnapped more than 300 schoolboys from a school in Velmora."
    )
    assert len([i for i in run(text) if i.type == "kidnapping"]) == 2
    same = "Gunmen kidnapped 300 girls in Norvath. The 300 girls were taken from their dormitory."
    assert len([i for i in run(same) if i.type == "kidnapping"]) == 1


def test_incidents_who_dies_in_custody_is_the_victim(run: Callable[..., tuple[Incident, ...]]) -> None:
    inc = _one(run("The activist John Miller died in prison in Norvath in 2019."), "killing")
    assert not inc.perpetrators and [v.name for v in inc.victims] == ["John Miller"]
