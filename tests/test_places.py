"""country_of: countries, everyday names and cities to ISO 3166-1 alpha-2."""

from __future__ import annotations

import time

import pytest

from docket.extract.places import country_of, country_of_demonym, is_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iran", "IR"), ("Russia", "RU"), ("the United States", "US"), ("US", "US"), ("U.S.", "US"),
        ("Britain", "GB"), ("UK", "GB"), ("France", "FR"), ("Belgium", "BE"), ("Albania", "AL"),
        ("Paris", "FR"), ("Tehran", "IR"), ("Baghdad", "IQ"), ("Shiraz", "IR"), ("Mashhad", "IR"),
        ("Berlin", "DE"), ("Kabul", "AF"), ("Texas", "US"), ("Georgia", "GE"), ("Tehran’s", "IR"),
        ("Côte d'Ivoire", "CI"), ("São Paulo", "BR"),
    ],
)  # fmt: skip
def test_places_country_of(name: str, code: str) -> None:
    assert country_of(name) == code


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
