"""Law enforcement against suspects, beatings outside custody, headlines and new verbs: fictional
sentences for each rule (tests/test_incidents.py has the older ones)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import tagged_dates
from spacy.language import Language

from docket.extract.entities import extract_entities
from docket.extract.incidents import extract_incidents
from docket.model import Document, Incident


def _of(incidents: tuple[Incident, ...], kind: str) -> list[Incident]:
    return [i for i in incidents if i.type == kind]


@pytest.mark.parametrize(
    "text",
    [
        "Police in Zorvania arrested two suspects on Monday.",
        "Police arrested three men in connection with the murder of a shopkeeper in Ketlin.",
        "The gunmen were jailed for ten years by a court in Ketlin.",
        "Zorvanian police detained four people over the kidnapping of a farmer.",
        "Mara Velt was arrested and charged with murder last week.",
        "A Ketlin court jailed a factory owner for beating his workers.",
        "Ivo Brandt was jailed in Ketlin for raping two girls.",
        "Following the shopkeeper's murder, a judge ordered that two of his neighbours be arrested.",
        "Police said the gang members arrested last week led officers to a hideout in Ketlin.",
        "A Ketlin court approved the extradition of the murder suspect Ivo Brandt to Veland.",
        # the source of the report is not the person held
        "According to the journalist's family, police arrested the killer in Ketlin on Monday.",
    ],
)
def test_arrests_of_suspects_are_law_enforcement(run: Callable[..., tuple[Incident, ...]], text: str) -> None:
    held = [i for i in run(text) if i.type in ("arrest", "detention", "prison_sentence", "expulsion")]
    assert held and all(i.law_enforcement for i in held)


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested the journalist Mara Velt in Ketlin on Monday.",
        "The activist was arrested and charged with terrorism over a post about the killing of protesters.",
        "Security forces detained the lawyer Tomas Eker for spreading false news.",
        "Zorvania asked Veland to extradite the journalist Mara Velt, charged with insulting the president.",
    ],
)
def test_repression_stays_arbitrary_detention(run: Callable[..., tuple[Incident, ...]], text: str) -> None:
    held = [i for i in run(text) if i.type in ("arrest", "detention", "expulsion")]
    assert held and not any(i.law_enforcement for i in held)


def test_a_suspect_once_is_a_suspect_in_later_arrests(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Police arrested Dario Velt in connection with the killing of a shopkeeper. "
        "Velt was arrested again in Ketlin in March 2020."
    )
    arrests = _of(run(text), "arrest")
    assert len(arrests) >= 1 and all(i.law_enforcement for i in arrests)


@pytest.mark.parametrize(
    ("held", "suspects"),
    [
        ("Five other members were also arrested in Port Ellis.", True),
        ("A third arrest, on a charge of sedition, followed in Port Ellis.", False),
    ],
)
def test_an_arrest_naming_no_one_follows_the_documents_other_arrests(
    run: Callable[..., tuple[Incident, ...]], held: str, suspects: bool
) -> None:
    # Most arrests that hold someone are of suspects, so "five other members" are suspects too;
    # an arrest whose own sentence names a repressive charge stays repression.
    text = (
        "Police arrested Dario Velt over the kidnapping of a farmer near Ketlin. "
        f"His brother Ivo Velt was arrested over the same kidnapping on Sunday. {held}"
    )
    arrests = _of(run(text), "arrest")
    unnamed = [i for i in arrests if not any(v.name for v in i.victims)]
    assert len(arrests) == 3 and len(unnamed) == 1
    assert unnamed[0].law_enforcement is suspects


@pytest.mark.parametrize(
    ("held", "kind", "suspect"),
    [
        ("A court sentenced Ivo Brandt to 15 years in prison in 2018.", "prison_sentence", True),
        # a name shared with the author of a crime does not overrule the detention's own sentence
        ("In 2019 the blogger Ivo Brandt was detained for insulting the president.", "detention", False),
    ],
)
def test_the_named_author_of_a_crime_is_a_suspect_when_held(
    full: Callable[[str], tuple[Incident, ...]], held: str, kind: str, suspect: bool
) -> None:
    found = _of(full(f"Ivo Brandt kidnapped the reporter Ana Ruiz near Ketlin in 2015. {held}"), kind)
    assert found and all(i.law_enforcement is suspect for i in found)


def test_a_flogging_faced_is_undergone(full: Callable[[str], tuple[Incident, ...]]) -> None:
    # The parser makes "flogging" a gerund under "faced": the subject undergoes it, and "has not
    # faced" reports none.
    tortures = _of(full("Tomas Wrey, a blogger, faced flogging in Ketlin in 2015."), "torture")
    assert [v.name for i in tortures for v in i.victims] == ["Tomas Wrey"]
    assert not any(i.perpetrators for i in tortures)
    assert not _of(full("Tomas Wrey, a blogger, has not faced flogging since."), "torture")


def test_beating_outside_custody_is_an_attack(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _of(run("Riot police beat the marchers in Ketlin on Friday."), "attack")
    assert not _of(run("Riot police beat the marchers in Ketlin on Friday."), "torture")


def test_beating_in_custody_stays_torture(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _of(run("Guards beat the detainees in their cells at Ketlin prison."), "torture")


def _names(incidents: list[Incident]) -> set[str]:
    return {v.name for i in incidents for v in i.victims if v.name}


def test_headline_participle_is_passive(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Novelist Mara Velt arrested in Zorvania\n\nShe was taken from her home in Ketlin on Friday."
    arrests = _of(run(text), "arrest")
    assert "Mara Velt" in _names(arrests)
    assert not any(p.name == "Mara Velt" for i in arrests for p in i.perpetrators)


def test_by_agent_makes_a_passive(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Reporter Tomas Eker abducted by unknown men in Ketlin\n\nHis family has had no news since."
    kidnappings = _of(run(text), "kidnapping")
    assert "Tomas Eker" in _names(kidnappings)
    assert {p.name for i in kidnappings for p in i.perpetrators} == {"unknown men"}


def test_role_words_are_not_part_of_the_name(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Police in Ketlin arrested human rights lawyer Tomas Eker last week."
    assert "Tomas Eker" in _names(_of(run(text), "arrest"))


def test_a_day_is_not_a_victim(run: Callable[..., tuple[Incident, ...]]) -> None:
    (arrest,) = _of(run("Police arrested the novelist on Friday."), "arrest")
    assert all(v.description != "Friday" for v in arrest.victims)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen gunned down a village chief in Ketlin on Monday.", "killing"),
        ("An attacker stabbed the reporter to death outside her office.", "killing"),
        ("An attacker stabbed the reporter outside her office.", "attack"),
        ("Rebels held three engineers hostage for a month.", "kidnapping"),
    ],
)
def test_new_verbs(run: Callable[..., tuple[Incident, ...]], text: str, kind: str) -> None:
    assert _of(run(text), kind)


def test_named_members_of_a_victim_group(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Police arrested ten writers, including poet Mara Velt and blogger Tomas Eker, in Ketlin."
    assert {"Mara Velt", "Tomas Eker"} <= _names(_of(run(text), "arrest"))


def test_cardiac_arrest_is_no_arrest(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert not _of(run("The prisoner's family said he died of cardiac arrest in Ketlin."), "arrest")
    assert not _of(run("Doctors said the editor had died of a heart attack in his cell."), "attack")


def test_the_detention_of_someone_is_a_detention(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "The reporter Mara Velt endured a long detention. Envoys decried the detention of poet Tomas Eker."
    assert {"Mara Velt", "Tomas Eker"} <= _names(_of(run(text), "detention"))
    assert not _of(run("The detention centre in Ketlin was full."), "detention")
    text = "The law punishes officials responsible for arbitrary detention and torture in Ketlin."
    assert _of(run(text), "detention")


def test_held_for_a_crime_inside_the_phrase(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "A police officer in Ketlin was arrested for leading a kidnap ring."
    arrests = _of(run(text), "arrest")
    assert arrests and all(i.law_enforcement for i in arrests)


def test_rape_is_an_other_violation(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _of(run("Soldiers raped two women in Ketlin in March 2020."), "other")


# Victims (`incident_victims`, `incident_roles`): each rule on invented names, with docket's own
# entity stage, as the pipeline runs it.


@pytest.fixture
def full(nlp: Language, document: Callable[..., Document]) -> Callable[[str], tuple[Incident, ...]]:
    def go(text: str) -> tuple[Incident, ...]:
        doc = document(text)
        parsed = nlp(text)
        return extract_incidents(doc, parsed, extract_entities(doc, parsed), tagged_dates(doc, parsed))

    return go


def _all_names(incidents: tuple[Incident, ...]) -> set[str]:
    return {v.name for i in incidents for v in i.victims if v.name}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a surname spaCy leaves untagged, which the entity stage joined to the full name
        ("Sleman Alajo leads a union in Ketlin. Alajo was detained by soldiers on Monday.", {"Sleman Alajo"}),
        # "among those arrested were X and Y"; "one of those detained, X,"
        (
            "Among those arrested were Maria Lopez, a paralegal, and John Tremont, a union leader.",
            {"Maria Lopez", "John Tremont"},
        ),
        ("One of those detained in August, Andy Lorr, is an activist.", {"Andy Lorr"}),
        # the named members of a group, wherever the parser hangs the list in the clause
        (
            "At least a dozen writers were detained last year for their work, including novelist Kaku Rendi "
            "and poet Maykel Tosar.",
            {"Kaku Rendi", "Maykel Tosar"},
        ),
        ("Police arrested dissident voices such as Narin Molavi in Velmora.", {"Narin Molavi"}),
        # the defendant of a trial held
        ("Velmoran journalist Zhang Jialo went on trial on Wednesday for picking quarrels.", {"Zhang Jialo"}),
        ("The case against the Velmoran journalist Zhang Jialo went to trial in May.", {"Zhang Jialo"}),
        # a person's arrest is done to that person
        ("Maria Lopez’s arrest drew protests in Velmora.", {"Maria Lopez"}),
        # ... also when a feast, which NER calls an event, says when: "on" it names no party
        ("Two men were charged in Maria Lopez’s abduction on New Year’s Eve.", {"Maria Lopez"}),
        # "X faced harassment": X underwent it
        ("The journalist Maria Lopez has faced harassment by the police for years.", {"Maria Lopez"}),
        # a copula names the group an incident describes
        ("The arrested journalists are Ife Adran and Abi Ayeba.", {"Ife Adran", "Abi Ayeba"}),
        # a role word the trigger qualifies stands for its name
        ("Supporters visited imprisoned Velmoran poet Ravi Tamsen in Ketlin.", {"Ravi Tamsen"}),
        ("The family remembers Altab Ferro, a textile worker who was killed in 1978.", {"Altab Ferro"}),
        # who is missing: the subject of "went missing", the people "missing" qualifies
        ("The reporter Tomas Wrey went missing in Ketlin in May.", {"Tomas Wrey"}),
        (
            "The union voiced concern about three missing reporters, Mira Tosk, Tomas Wrey and Ivo Brannar.",
            {"Mira Tosk", "Tomas Wrey", "Ivo Brannar"},
        ),
        # a clause that tells a noun's content has its own subject
        ("The family received word that Tomas Verel was abducted at his farm.", {"Tomas Verel"}),
        # pronouns: the subject named before, one person or a pair
        ("Reporter Maro Telk covered the protests in Velmora. Police arrested him on Monday.", {"Maro Telk"}),
        (
            "Maro Telk and Ivo Brannar covered the protests in Velmora. They were arrested on Monday.",
            {"Maro Telk", "Ivo Brannar"},
        ),
    ],
)
def test_named_victims(full: Callable[[str], tuple[Incident, ...]], text: str, names: set[str]) -> None:
    assert names <= _all_names(full(text))


def test_a_possessor_state_stays_the_perpetrator(full: Callable[[str], tuple[Incident, ...]]) -> None:
    (arrest,) = _of(full("Maria Lopez’s arrest drew protests in Velmora."), "arrest")
    assert not arrest.perpetrators
    assert _all_names(full("Zorvania’s executions of dissidents drew protests.")) == set()


@pytest.mark.parametrize(
    "text",
    [
        # a pronoun object is not its own verb's subject, nor the person that subject stands for
        "Officer John Tremont said he beat him.",
        # a trial set for later has no defendant yet
        "The blogger Teo Marn is set to go on trial in January.",
    ],
)
def test_no_named_victim(full: Callable[[str], tuple[Incident, ...]], text: str) -> None:
    assert not _all_names(full(text))


def test_a_region_ner_calls_a_person_is_no_victim(nlp: Language, document: Callable[..., Document]) -> None:
    text = "Gunmen attacked two lorries near Udala, Dessa State, on Friday."
    assert "Dessa State" in {e.text for e in nlp(text).ents if e.label_ == "PERSON"}  # NER's mistake
    doc, parsed = document(text), nlp(text)
    entities = extract_entities(doc, parsed)
    types = {e.id: e.type for e in entities}
    victims = [
        v for i in extract_incidents(doc, parsed, entities, tagged_dates(doc, parsed)) for v in i.victims
    ]
    assert victims and all(types.get(v.entity or "") != "person" for v in victims)
    assert all(v.entity for v in victims if v.name == "Dessa State")


def test_places_are_not_members_of_a_group(full: Callable[[str], tuple[Incident, ...]]) -> None:
    text = (
        "Hundreds of people have been arrested, including journalists and political activists, "
        "in countries such as Zorvania and Ketlin."
    )
    (arrest,) = _of(full(text), "arrest")
    assert {v.description for v in arrest.victims} >= {"people", "journalists"}
    assert not _all_names((arrest,))


@pytest.mark.parametrize(
    ("text", "law"),
    [
        # what was done to the person held is no charge
        ("Mara Velt has been held in prison since May and was threatened with rape by guards.", False),
        # a crime a journalist exposed is the subject of the work, not the charge
        ("Tomas Eker was arrested for exposing a fraud at the ministry.", False),
        # the journalist is the victim of the crime, not the person held
        ("Three men were sentenced to prison for the murder of journalist Mara Velt.", True),
    ],
)
def test_charges_and_crimes(full: Callable[[str], tuple[Incident, ...]], text: str, law: bool) -> None:
    held = [i for i in full(text) if i.type in ("arrest", "detention", "prison_sentence")]
    assert held and all(i.law_enforcement == law for i in held)


def test_facing_charges_is_not_undergoing_the_crime(full: Callable[[str], tuple[Incident, ...]]) -> None:
    text = (
        "Human rights advocates protested the arrest of Dr. Maria Lopez, who is facing kidnapping and "
        "serious illegal detention charges in Ketlin."
    )
    incidents = full(text)
    assert "Maria Lopez" in _all_names(tuple(_of(incidents, "arrest")))
    assert not _all_names(tuple(_of(incidents, "kidnapping")))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Rights groups condemned the arrest and torture of three students in Ketlin.",
            {"arrest", "torture"},
        ),
        ("Witnesses described the beating and detention of Mara Velt.", {"torture", "detention"}),
    ],
)
def test_an_of_phrase_after_a_list_of_acts_is_each_ones(
    run: Callable[..., tuple[Incident, ...]], text: str, kinds: set[str]
) -> None:
    incs = [i for i in run(text) if i.type in kinds]
    assert {i.type for i in incs} == kinds
    assert all(i.victims for i in incs)


def test_an_of_phrase_inside_a_list_is_its_own_items(run: Callable[..., tuple[Incident, ...]]) -> None:
    # "looting of shops" names no victim of the torture listed after it
    incs = run("Their report lists looting of shops, beatings and torture in Ketlin.")
    assert not [v for i in incs for v in i.victims if "shops" in (v.description or "")]


@pytest.mark.parametrize(
    ("text", "silenced"),
    [
        ("Telegram and Signal were blocked across Zorvania in March.", True),
        ("Authorities shut down the newspaper in Ketlin in June.", True),
        ("The junta banned the opposition party after the vote.", True),
        ("The council blocked access to foreign news websites during the unrest in Ketlin.", True),
        # a road, a door or a border is no medium
        ("Farmers blocked road access to the port of Ketlin.", False),
        ("Police closed the road to the airport in Ketlin.", False),
        ("She shut the door of the office in Ketlin.", False),
    ],
)
def test_censorship_of_a_medium_or_a_body_is_a_harmful_act(
    run: Callable[..., tuple[Incident, ...]], text: str, silenced: bool
) -> None:
    assert bool(_of(run(text), "other")) is silenced


# Senses (`incident_senses`): a trigger word that reports no incident, or another type of one.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # no one underwent it
        ("No one was arrested after the attack on the Ketlin office.", "arrest"),
        # a thing detained or "arrested", not a person
        ("A cargo vessel detained in Ketlin harbour was released on Monday.", "detention"),
        ("The reforms helped arrest a decline in press freedom in Zorvania.", "arrest"),
        # an arrest sought, not made
        ("A judge issued a warrant for his arrest in Ketlin.", "arrest"),
        # half of a hyphenated modifier; a threat to an order, not to a person
        ("The doctor said the activist had a life-threatening injury.", "harassment"),
        ("Mara Velt was convicted of threatening public security in Ketlin.", "harassment"),
        # a practice abolished
        ("Zorvania abolished flogging as a punishment in 2020.", "torture"),
        # killed by a disease, or animals killed; a suicide
        ("The outbreak has killed more than 300 people in Ketlin.", "killing"),
        ("Soldiers burned the barns and killed the livestock.", "killing"),
        ("Zorvania is dying, and its president has killed it.", "killing"),
        ("He was found dead after he had hanged himself in Ketlin.", "execution"),
        # expected, not reported; a thing that disappears
        ("The activist is likely to be arrested on his return to Zorvania.", "arrest"),
        ("New surveillance measures are unlikely to disappear after the epidemic.", "enforced_disappearance"),
        # a picture
        ("Mug shot of Mara Velt after her release.", "attack"),
        # a bare crime noun named as a charge
        ("Prosecutors accused the doctor Mara Velt of kidnapping.", "kidnapping"),
        ("Two counts aggravated murder, unclassified felonies, Ketlin County.", "killing"),
        ("Kidnapping charges were filed against the two Ketlin men.", "kidnapping"),
        ("The convictions include crimes of kidnapping, torture and rape in Ketlin.", "torture"),
        ("The women were held with prisoners who had committed offences such as murder.", "killing"),
        ("Officials said he served nine years in prison in Ketlin for kidnapping.", "kidnapping"),
        ("He spent ten years in jail for murder before his release.", "killing"),
        ("The group of four stands accused of conspiracy related to kidnapping.", "kidnapping"),
        (  # counts of an indictment, however the parser hangs the count on the crime
            "Court records show Arvel Tonn was found guilty of:\n\n"
            "Two counts kidnapping (felony or flight), first-degree felonies, with a three-year gun"
            " specification on each count\n\n"
            "Two counts aggravated murder (while committing kidnapping felony or flight), unclassified"
            " felonies, with a three-year gun specification on each count\n\n"
            "Two counts aggravated murder (kidnapping terrorize serious physical harm), unclassified"
            " felonies",
            "kidnapping",
        ),
        # a death from illness
        ("The author died of cancer at 82.", "killing"),
        # a plot of land; a seizure of power
        ("The farmer's widow still owns three plots of land near Ketlin.", "plot"),
        ("Since the army's seizure of power in 2021, Veland has had no parliament.", "confiscation"),
        # done to animals only
        ("The videos document the torture of dogs at a Ketlin market.", "torture"),
        ("Workers at the Ketlin slaughterhouse beat the dog for the camera.", "attack"),
        ("The videos document the torture and slaughter of dogs at meat markets in Ketlin.", "killing"),
        ("The footage shows how butchers in Ketlin typically torture and kill the dogs.", "torture"),
        # a name for an act told elsewhere
        ("“We see this as harassment,” a Ketlin editor said of the raid.", "harassment"),
        ("“This is intimidation!” the editor told reporters in Ketlin.", "harassment"),
        # a condition: an act after an inverted auxiliary, an attempt under "if"
        ("Had he been arrested, Ravi Tamsen would have been the third editor held in Ketlin.", "arrest"),
        ("If the guards were planning to kill us, they would not have fed us in Ketlin.", "plot"),
        # the mutilated body of the dead: the killing is told, not a torture
        ("The mutilated body of the Ketlin reporter was found on Monday.", "torture"),
        # the death toll of an epidemic; a threat that hangs over someone
        (
            "The flu has reached every district of Ketlin and its death toll stands at 400.",
            "killing",
        ),
        ("A court case still hangs over the editor of the Ketlin paper.", "execution"),
        # a missing person with no dissent or custody in the sentence
        ("The girl went missing on her way to school in Ketlin.", "enforced_disappearance"),
        # plants killed; "apprehend" as to fear, with no one seized; an infinitive for a sentence
        ("The soldiers poisoned the wells and killed the olive groves of Ketlin.", "killing"),
        ("Wages would be cut after the sale, the dockers apprehended.", "arrest"),
        ("To flog them in the square as a lesson to the rest.", "torture"),
        # a truck or a march "hijacked" holds no one
        ("Bandits hijacked two fuel trucks on the Ketlin road.", "kidnapping"),
        # idioms: a remark, a retreat; the second half of a modifier ("search and seizure warrant")
        ("The senator took a parting shot at the Ketlin mayor.", "attack"),
        ("The governor beat a hasty retreat from the square.", "attack"),
        # a penalty a law or a charge provides; a rumour of a sentence
        ("Insulting the king is punishable by imprisonment in Zorvania.", "detention"),
        ("The offender is punishable by a period of imprisonment not exceeding 10 years.", "detention"),
        ("The offence carries a jail term of seven years.", "prison_sentence"),
        ("The director dismissed the rumour of Ivo Brandt's death sentence as untrue.", "death_sentence"),
        # contraband seized; officials summoned on business
        ("The raids led to the seizure of 2,050 kilogrammes of illicit drugs in Ketlin.", "confiscation"),
        ("The new chairman began by summoning the commanders of the agency in all the states.", "harassment"),
        ("Ketlin summoned the Zorvanian ambassador over the remarks.", "harassment"),
        # a lashing of words
        ("The judge fined three marshals after an hour-long tongue-lashing from the bench.", "torture"),
        ("Critics gave the minister a verbal beating over the budget.", "attack"),
        ("Beating the Drums of Revolt", "attack"),
        # a warrant executed is no one executed
        ("On Wednesday, police in Port Ellis executed five search warrants and recovered cash.", "execution"),
        ("The search warrant was executed at a house in Ketlin on Monday.", "execution"),
        # a term of office served is no prison term
        ("The governor, now serving a third term in office, signed the decree.", "detention"),
        ("Ivo Brandt served a term as mayor of Ketlin.", "detention"),
        ("The columnist published a scathing attack on the Ketlin union.", "attack"),
        # an attack on an idea or a right
        ("Freedom of expression is under attack in Zorvania.", "attack"),
        ("Critics said the Ketlin decree attacks the right to protest.", "attack"),
        ("Freedom of speech is more threatened in Zorvania than ever.", "harassment"),
        ("The ruling party has killed journalism in Zorvania, the editor said.", "killing"),
        ("The rapporteur warned that the Ketlin laws threatened minority rights.", "harassment"),
        ("The judge ruled that the search and seizure warrant was void.", "confiscation"),
    ],
)
def test_senses_that_report_no_incident(
    run: Callable[..., tuple[Incident, ...]], text: str, kind: str
) -> None:
    assert not _of(run(text), kind)


@pytest.mark.parametrize(
    ("text", "kind", "not_kind"),
    [
        # suspension is torture, not an execution
        ("Guards hung him from the ceiling for five days.", "torture", "execution"),
        # attempted or plotted violence
        ("The two men were jailed for the attempted murder of a Ketlin blogger.", "plot", "killing"),
        (
            "Officials sanctioned four agents behind a failed plot to kidnap a Zorvanian journalist.",
            "plot",
            "kidnapping",
        ),
        # planned, and so tried, whatever the act
        ("Guards planned to torture the reporter Ana Brisk in Ketlin.", "plot", "torture"),
        # "false imprisonment" is a crime of private persons
        ("Tomas Eker was charged with kidnapping and false imprisonment.", "kidnapping", "detention"),
        # a disappearance that is a criminal case is a kidnapping
        (
            "A Ketlin woman was arrested over the disappearance of her neighbour.",
            "kidnapping",
            "enforced_disappearance",
        ),
        (
            "Prosecutors are treating the disappearance of Ana Brel as a murder investigation.",
            "kidnapping",
            "enforced_disappearance",
        ),
        # "captivity" is the hostages' word
        (
            "The two engineers spent nine weeks in captivity before a ransom was paid.",
            "kidnapping",
            "detention",
        ),
    ],
)
def test_senses_of_another_type(
    run: Callable[..., tuple[Incident, ...]], text: str, kind: str, not_kind: str
) -> None:
    incidents = run(text)
    assert _of(incidents, kind) and not _of(incidents, not_kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # people who disappear, and the missing in a context of dissent or custody
        ("Two critics of the Zorvanian government have disappeared.", "enforced_disappearance"),
        ("The journalist Mara Velt went missing after her arrest in Ketlin.", "enforced_disappearance"),
        ("Tomas Eker, a union organiser, is still missing.", "enforced_disappearance"),
        ("The activist was held incommunicado for three weeks.", "enforced_disappearance"),
        (
            "Guards detained the poet Ivo Brandt at the border. His whereabouts are unknown.",
            "enforced_disappearance",
        ),
        # taken where no one may know ("whisked away to an undisclosed location")
        (
            "Plainclothes officers drove the blogger Tomas Wrey to an unknown location.",
            "enforced_disappearance",
        ),
        ("The poet Ivo Brandt was whisked away to an undisclosed location.", "enforced_disappearance"),
        (  # (the lemmatiser makes this "whereabouts" "whereabout")
            "The activist Tomas Wrey was detained on Monday. His whereabouts are unknown.",
            "enforced_disappearance",
        ),
        # hostages taken, and a plane or a bus hijacked with people aboard
        ("Gunmen took two aid workers hostage near Ketlin.", "kidnapping"),
        ("Four men hijacked a ferry with 60 passengers off Ketlin.", "kidnapping"),
        # deaths in custody or in violence, and the dead found
        ("The blogger died in police custody in Ketlin.", "killing"),
        ("Three protesters died when police fired on the crowd.", "killing"),
        ("The body of the journalist was found in a river near Ketlin.", "killing"),
        ("The reporter was found dead in his flat in Ketlin.", "killing"),
        ("The reporter Tomas Eker is serving a jail term of six years.", "detention"),
        ("The dissident Tomas Eker died last week in a penal colony.", "killing"),
        ("A girl of nine died after a healer carried out genital mutilation on her.", "killing"),
        # killed by the act: "beaten to death" is a killing as well as the beating
        ("Prison guards beat the inmate Tomas Eker to death in Ketlin.", "killing"),
        ("Witnesses said the farmer was shot to death at a roadblock.", "killing"),
        # a later item of the object of a predication about someone is reported as the first is
        ("The militia has burned farms and carried out abductions and summary executions.", "execution"),
        # mutilating the living is torture
        ("The militia mutilated two captured farmers near Ketlin.", "torture"),
        # a bare plural listed after a reported event
        (
            "Observers reported torture, arbitrary detention and enforced disappearances in Zorvania.",
            "enforced_disappearance",
        ),
        # a plural whose adjective counts the events reports them, where "many" may name a kind
        ("Most residents had left the camp in 2015 after numerous attacks.", "attack"),
        ("The court went on to hand down multiple death sentences that winter.", "death_sentence"),
        # an act named with its victim, and the subject of a pseudo-cleft
        ("The raid was an attack on Ana Brisk.", "attack"),
        ("What caused this is the protest organised by the Ketlin union.", "protest"),
        # under attack, a convoy is attacked
        ("The aid convoy came under attack near Ketlin.", "attack"),
        # an attack by the police's dogs is the police's
        ("Police dogs attacked the marchers in Ketlin.", "attack"),
        # a sentence carried out is one handed down
        ("Zorvania has often carried out death sentences by beheading.", "death_sentence"),
        # the seizure of property, the summons of a journalist
        ("Soldiers confiscated the farmers' land in Ketlin.", "confiscation"),
        ("Police summoned the journalist Mara Velt for questioning.", "harassment"),
        # what a report relates to is told with its victim
        ("The report relates to the kidnapping of the journalist Mara Velt.", "kidnapping"),
        # years of an act are no charge
        ("The Ketlin prisoner was released after eight years of torture.", "torture"),
        # acts that share people as their object are still done to people
        ("Soldiers tortured and killed the two farmers in Ketlin.", "torture"),
        ("The torture and murder of the journalist shocked Ketlin.", "killing"),
    ],
)
def test_new_reports(run: Callable[..., tuple[Incident, ...]], text: str, kind: str) -> None:
    assert _of(run(text), kind)


@pytest.mark.parametrize(
    ("text", "law"),
    [
        # impostors are suspects; "false"/"fake" is a charge of words only with news
        ("Fake police officers were arrested in Ketlin on Monday.", True),
        (
            "Ana Brel was detained by police in Ketlin and charged with kidnapping and false imprisonment.",
            True,
        ),
        ("Security forces detained the blogger Ana Brel for spreading fake news.", False),
        # theft, counts of a crime, and the accused
        ("A clerk was jailed for three years for stealing money from a friend.", True),
        (
            "Sit Lan was jailed for two years after she pleaded guilty on Monday to five counts of theft.",
            True,
        ),
        ("Police arrested the accused in Ketlin on Monday.", True),
        # the blogger attacked is the victim of the crime, not someone held
        ("A Ketlin court sentenced two men to ten years in prison for a hammer attack on a blogger.", True),
        # a detention the text calls unlawful is never law enforcement
        ("Dozens of suspects were detained unlawfully for weeks in Ketlin.", False),
    ],
)
def test_more_charges_and_crimes(run: Callable[..., tuple[Incident, ...]], text: str, law: bool) -> None:
    held = [i for i in run(text) if i.type in ("arrest", "detention", "prison_sentence")]
    assert held and all(i.law_enforcement == law for i in held)


@pytest.mark.parametrize(
    "text",
    [
        "The blogger Mara Velt is serving a ten-year sentence.",
        "Mara Velt was transferred to a prison in Ketlin.",
    ],
)
def test_serving_a_sentence_or_moved_to_prison_is_detention(
    full: Callable[[str], tuple[Incident, ...]], text: str
) -> None:
    held = _of(full(text), "detention")
    assert held and "Mara Velt" in [v.name for v in held[0].victims]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A court in Ketlin condemned the blogger Mara Velt to life in prison on Monday.", "prison_sentence"),
        ("The blogger Mara Velt was condemned to death by a revolutionary court.", "death_sentence"),
        ("A Ketlin court condemned the blogger Mara Velt to ten years in prison.", "prison_sentence"),
        # without a penalty, "condemn" denounces: no one is sentenced
        ("The union condemned the arrest of the blogger Mara Velt.", None),
        ("The drought condemned the blogger Mara Velt and her village to years of hunger.", None),
    ],
)
def test_condemned_to_a_penalty_is_a_sentence(
    full: Callable[[str], tuple[Incident, ...]], text: str, kind: str | None
) -> None:
    sentences = [i for i in full(text) if i.type in ("prison_sentence", "death_sentence")]
    assert [i.type for i in sentences] == ([kind] if kind else [])
    if kind:
        assert "Mara Velt" in [v.name for v in sentences[0].victims]
