"""Regression gate on HRDsAttack: the first dev documents through `docket eval`, scored with the
paper's metrics. Floors sit a few points under what was measured, so noise does not trip them but a
real drop does; raise one when accuracy improves (one line)."""

from __future__ import annotations

from docket.eval import evaluate
from docket.eval.harness import run_records
from docket.eval.hrdsattack import Prediction, gold_of, predict, same

LIMIT = 40  # dev documents: about 20 s on one core
FLOORS = {
    "violation type F1": 69.0,  # measured 71.83 (67.12 before the session-11 lead and readings)
    "victim name exact F1": 57.0,  # measured 59.20 (58.06 before the session-16 name readings)
    "country (given)": 73.0,  # measured 77.14
    "year (given)": 67.0,  # measured 70.59 (64.71 before the session-16 date readings)
    "month (given)": 73.0,  # measured 76.92 (73.08 before the session-16 date readings)
    "perpetrator type (given)": 76.0,  # measured 78.95 (76.32 before the session-9 forces reading)
}


def _predict_one(text: str, title: str, published: str = "2021-05-10") -> Prediction:
    """The prediction for one invented story, built as `docket eval` builds the dataset's."""
    record = {"id": "r", "text": text, "published": published, "title": title}
    return predict(run_records([record], workers=1), "r", published, title)


def test_accuracy_hrdsattack_floors() -> None:
    report = evaluate("hrdsattack", split="dev", limit=LIMIT, workers=1)
    assert report.documents == LIMIT
    assert not report.below(FLOORS), f"incident accuracy under its floors: {report.below(FLOORS)}"


def test_hrdsattack_gold_labels_read_as_the_annotators_meant() -> None:
    # Nationalities and misspellings name a country; a country name beats a city spelt like it.
    assert same("country", "Pakistani", "Pakistan") and same("country", "Nigeia", "Nigeria")
    assert same("country", "Columbia", "Colombia") and not same("country", "Columbia", "United States")
    assert same("country", "Bosnia", "Bosnia and Herzegovina")
    assert not same("country", "Niger", "Nigeria") and not same("country", "Africa", "South Africa")
    sample = {"Input.GLOBALEVENTID": 1, "Input.title": "", "Input.article_interface": ""}
    merged = {"violation_types": ["killing"], "victims": [], "month": "Novermber", "year": "2021"}
    assert gold_of({"sample": sample, "merged_sample": merged}, "d").values["month"] == "November"


def test_hrdsattack_undated_story_takes_its_first_recent_month() -> None:
    # The beating is undated; the story's first date (two months before publication) dates it,
    # unless that date lies more than two years back, when the publication month stands.
    text = (
        "Teachers march in Veland\n\nOn 3 March{year}, thousands of teachers marched in Port Ellis"
        " against low pay. The union said police beat the teacher Ana Ruiz at the march."
    )
    records = [
        {"id": f"r{n}", "text": text.format(year=year), "published": "2021-05-10", "title": "Teachers march"}
        for n, year in enumerate(("", " 2017"))
    ]
    exported = run_records(records, workers=1)
    recent, old = (predict(exported, r["id"], r["published"], r["title"]).values for r in records)
    assert (recent["year"], recent["month"]) == ("2021", "March")
    assert (old["year"], old["month"]) == ("2021", "May")


def test_hrdsattack_news_of_the_day_is_about_the_act_dated_by_month_and_year() -> None:
    # The plea is dated by "Thursday" alone; the abduction it is about, by month and year.
    text = (
        "Veland gang member pleads guilty\n\nA gang member pleaded guilty on Thursday in Port Ellis"
        " to the abduction of the journalist Ana Ruiz. Gunmen abducted Ruiz in May 2018 and held"
        " her for a month."
    )
    values = _predict_one(text, "Veland gang member pleads guilty").values
    assert (values["year"], values["month"]) == ("2018", "May")
    # A day the story names by its month ("on May 6") is the day's own news, and stands.
    dated = _predict_one(text.replace("on Thursday", "on May 6"), "Veland gang member pleads guilty").values
    assert (dated["year"], dated["month"], dated["day"]) == ("2021", "May", "6")


def test_hrdsattack_decade_names_no_year() -> None:
    # "the 1970s" dates the first shooting to a decade, which is no year: the year comes from
    # the next incident that names one.
    text = (
        "Veland charges former guard over killings\n\nPolice in Port Ellis shot dead three strikers"
        " during the unrest of the 1970s, prosecutors said. Soldiers killed the union leader Ana"
        " Ruiz in May 1978."
    )
    values = _predict_one(text, "Veland charges guard").values
    assert (values["year"], values["month"]) == ("1978", "May")


def test_hrdsattack_attack_told_with_a_graver_act_is_its_means() -> None:
    # The storming is how the pupils were abducted: the story is labelled by the abduction. An attack
    # told on its own still counts.
    text = (
        "Gunmen abduct pupils in Veland\n\nGunmen stormed a school in Port Ellis on Friday, abducting"
        " 40 pupils.{more}"
    )
    more = " A week earlier, gunmen attacked a police post near the town."
    title = "Gunmen abduct pupils"
    records = [
        {"id": f"r{n}", "text": text.format(more=m), "published": "2021-05-10", "title": title}
        for n, m in enumerate(("", more))
    ]
    exported = run_records(records, workers=1)
    means, own = (predict(exported, r["id"], r["published"], r["title"]).violation_types for r in records)
    assert means == {"kidnapping"}
    assert own == {"kidnapping", "other"}


def test_hrdsattack_a_named_killing_counts_wherever_it_is_told() -> None:
    # The arrests lead; the killing, told in a later paragraph, counts when it names whom it
    # killed, not when it names no one and gives no toll.
    text = (
        "Police arrest teachers in Veland\n\nPolice arrested twelve teachers in Port Ellis on Monday."
        " Officers detained the union secretary on Tuesday.\n\n{killing}"
    )
    killings = (
        "Soldiers killed the union leader Ana Ruiz in May 2019.",
        "Years ago, someone was killed there.",
    )
    records = [
        {
            "id": f"r{n}",
            "text": text.format(killing=k),
            "published": "2021-05-10",
            "title": "Police arrest teachers",
        }
        for n, k in enumerate(killings)
    ]
    exported = run_records(records, workers=1)
    named, unnamed = (predict(exported, r["id"], r["published"], r["title"]).violation_types for r in records)
    assert named == {"arbitrary detention", "killing"}
    assert unnamed == {"arbitrary detention"}


def test_hrdsattack_lead_is_the_headline_and_the_first_paragraph_telling_an_incident() -> None:
    # A caption opens the body and tells nothing; the next paragraph is the lead, and all it tells
    # counts. An abduction told once, in a later paragraph, is background.
    text = (
        "Veland police hold editor\n\nPhoto: the Port Ellis court house, seen from the harbour."
        "\n\nPolice detained the editor Ana Ruiz in Port Ellis on Monday. Officers beat her in the"
        " station, and a guard threatened her family.\n\nIn 2015, gunmen abducted a union leader in"
        " the north of Veland."
    )
    types = _predict_one(text, "Veland police hold editor").violation_types
    assert types == {"arbitrary detention", "torture", "other"}
