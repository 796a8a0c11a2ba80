"""parse_count: the table of figures as news reports write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.extract.counts import find_count, parse_count, words_to_int


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier", "written"),
    [
        ("approximately 1,500", 1500, None, None, "approximately", "approximately 1,500"),
        ("1,500", 1500, None, None, None, "1,500"),
        ("over 30,000", None, 30000, None, "over", "over 30,000"),
        ("more than 30,000", None, 30000, None, "more than", "more than 30,000"),
        ("at least 12", None, 12, None, "at least", "at least 12"),
        ("up to 500", None, None, 500, "up to", "up to 500"),
        ("as many as 100,000 expatriates", None, None, 100000, "as many as", "as many as 100,000"),
        ("between 200 and 300", None, 200, 300, "between", "between 200 and 300"),
        ("200-300 people", None, 200, 300, None, "200-300"),
        ("three or four", None, 3, 4, None, "three or four"),
        ("thousands", None, 2000, None, "thousands", "thousands"),
        ("hundreds of detainees", None, 200, None, "hundreds", "hundreds"),
        ("dozens", None, 24, None, "dozens", "dozens"),
        ("scores of villagers", None, 40, None, "scores", "scores"),
        ("tens of thousands", None, 20000, None, "tens of thousands", "tens of thousands"),
        ("several", None, 3, None, "several", "several"),
        ("several hundred", None, 300, None, "several", "several hundred"),
        ("three", 3, None, None, None, "three"),
        ("twenty-five", 25, None, None, None, "twenty-five"),
        ("a dozen", 12, None, None, None, "a dozen"),
        ("one hundred and twenty", 120, None, None, None, "one hundred and twenty"),
        ("1.5 million", 1500000, None, None, None, "1.5 million"),
        ("25 Sunni prisoners", 25, None, None, None, "25"),
        ("a couple", 2, None, None, None, "a couple"),
        ("some 40 farmers", 40, None, None, "some", "some 40"),
    ],
)
def test_counts_table(
    text: str, value: int | None, low: int | None, high: int | None, qualifier: str | None, written: str
) -> None:
    count = parse_count(text)
    assert count is not None
    assert (count.value, count.low, count.high, count.qualifier, count.text) == (
        value,
        low,
        high,
        qualifier,
        written,
    )


@pytest.mark.parametrize("text", ["", "many", "numerous people", "2.5", "the prisoners"])
def test_counts_none(text: str) -> None:
    assert parse_count(text) is None


def test_counts_find_count_gives_span() -> None:
    text = "police held over 300 students"
    found = find_count(text)
    assert found is not None
    count, start, end = found
    assert text[start:end] == count.text == "over 300"


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_digits_round_trip(n: int) -> None:
    assert words_to_int(f"{n:,}") == n
    count = parse_count(f"about {n:,} people")
    assert count is not None and count.value == n and isinstance(count.value, int)
