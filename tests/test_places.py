"""country_of: countries, everyday names and cities to ISO 3166-1 alpha-2."""

from __future__ import annotations

import time

import pytest

from docket.extract.places import (
    country_name,
    country_of,
    country_of_demonym,
    is_country,
    is_region,
    is_region_of,
    region_countries,
    title_countries,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iran", "IR"), ("Russia", "RU"), ("the United States", "US"), ("US", "US"), ("U.S.", "US"),
        ("Britain", "GB"), ("UK", "GB"), ("France", "FR"), ("Belgium", "BE"), ("Albania", "AL"),
        ("Paris", "FR"), ("Tehran", "IR"), ("Baghdad", "IQ"), ("Shiraz", "IR"), ("Mashhad", "IR"),
        ("Berlin", "DE"), ("Kabul", "AF"), ("Texas", "US"), ("Georgia", "GE"), ("Tehran’s", "IR"),
        ("Côte d'Ivoire", "CI"), ("São Paulo", "BR"),
        # a big city's other name, even where a small town bears it as its own
        ("Bombay", "IN"), ("Kiev", "UA"), ("Basra", "IQ"), ("Calcutta", "IN"),
        # a province named for its city; a demonym NER took for a place; a strip of land
        ("Van Province", "TR"), ("Kuwaiti", "KW"), ("Gaza Strip", "PS"),
        # a US state beats a small foreign town of its name
        ("Florida", "US"), ("Montana", "US"), ("Virginia", "US"),
    ],
)  # fmt: skip
def test_places_country_of(name: str, code: str) -> None:
    assert country_of(name) == code


def test_places_region_of_a_country() -> None:
    assert is_region_of("Delta", "NG") and is_region_of("Cross River State", "NG")
    assert not is_region_of("Delta", "CA") and not is_region_of("Paris", "US")


@pytest.mark.parametrize("name", ["", "Zorvania", "Velmora Flats", "Camp Nowhere"])
def test_places_unknown_is_none(name: str) -> None:
    assert country_of(name) is None


def test_places_countries_and_demonyms() -> None:
    assert is_country("Iran") and not is_country("Paris")
    assert country_of_demonym("Belgian") == "BE"
    assert country_of_demonym("European") is None


def test_places_lookups_are_fast_after_first_use() -> None:
    country_of("Paris")
    start = time.perf_counter()
    for _ in range(1000):
        country_of("Mashhad")
    assert time.perf_counter() - start < 0.5


def test_places_plural_demonyms_and_country_names() -> None:
    assert country_of_demonym("Nigerians") == "NG" and country_of_demonym("Zimbabwean") == "ZW"
    assert country_of_demonym("Swiss") == "CH"
    assert country_name("IR") == "Iran" and country_name("PS") == "Palestine"


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("Over 300 Girls Kidnapped In Nigeria’s Zamfara State", ["NG"]),
        ("Fears mount as jailed Belarusian blogger resumes hunger strike", ["BY"]),
        ("UN: Belarus’ executions violate international obligations", ["BY"]),
        ("South Korea mastermind jailed", ["KR"]),
        ("Journalists arrested in Ethiopia | The Guardian Nigeria News", ["ET"]),
        ("Police arrest five speech therapists", []),
    ],
)
def test_places_title_countries(title: str, codes: list[str]) -> None:
    assert title_countries(title) == codes


def test_first_level_regions_one_country_names() -> None:
    # States and provinces news names without their country: "kidnapped in Zamfara".
    assert country_of("Kerala") == "IN"
    assert country_of("Ogun State") == "NG"
    assert country_of("Balochistan") == "PK"
    # Cities and countries come first; a name many countries give a region stays unknown.
    assert country_of("Niger") == "NE"
    assert country_of("Northern") is None


def test_region_countries_read_regions_named_with_their_kind() -> None:
    text = "Gunmen struck in Mariga, Niger state, and the Kaduna State police said the Islamic State did not."
    assert region_countries(text) == ["NG", "NG"]
    assert region_countries("The Free State of Velmora and the Islamic State") == []


def test_places_region_or_city() -> None:
    # States and provinces are regions unless a big city bears their name; countries are neither.
    assert is_region("Zamfara") and is_region("Connecticut") and is_region("Niger State")
    assert not is_region("Lagos") and not is_region("Tehran") and not is_region("Maubin")
    assert not is_region("Nigeria")
