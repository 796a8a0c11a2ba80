"""The coreference metrics of `docket.eval.coref` against hand-computed textbook examples."""

from __future__ import annotations

import itertools
import random

import pytest

from docket.eval.coref import (
    b_cubed,
    ceaf_e,
    clusters,
    conll_f1,
    cross_doc_links,
    max_assignment,
    muc,
    on_gold_mentions,
)

# Pradhan et al. 2014, section 3: a key and a response with mentions on one side only (e; h, i).
KEY = [set("abc"), set("defg")]
RESPONSE = [set("ab"), set("cd"), set("fghi")]


def test_pradhan_2014_example() -> None:
    m = muc(KEY, RESPONSE)
    assert (m.recall, m.precision) == pytest.approx((2 / 5, 2 / 5))
    b = b_cubed(KEY, RESPONSE)
    assert b.recall == pytest.approx((4 / 3 + 1 / 3 + 1 / 4 + 4 / 4) / 7)  # 0.4167
    assert b.precision == pytest.approx((4 / 2 + 1 / 2 + 1 / 2 + 4 / 4) / 8)  # 0.5
    c = ceaf_e(KEY, RESPONSE)
    assert c.recall == pytest.approx((4 / 5 + 4 / 8) / 2)  # 0.65
    assert c.precision == pytest.approx((4 / 5 + 4 / 8) / 3)  # 0.4333
    assert conll_f1(KEY, RESPONSE) == pytest.approx((m.f1 + b.f1 + c.f1) / 3)


# The reference scorer's test cases (conll/reference-coreference-scorers, test/TestCases.README).
TC_KEY = [{"a"}, set("bc"), set("def")]


def test_reference_scorer_missing_mentions() -> None:  # TC-A-2
    response = [{"a"}, set("de")]
    b = b_cubed(TC_KEY, response)
    assert (b.recall, b.precision) == pytest.approx((7 / 18, 1.0))
    assert b.f1 == pytest.approx(0.5599, abs=1e-4)
    m = muc(TC_KEY, response)
    assert (m.recall, m.precision, m.f1) == pytest.approx((1 / 3, 1.0, 0.5))
    c = ceaf_e(TC_KEY, response)
    assert (c.recall, c.precision, c.f1) == pytest.approx((0.6, 0.9, 0.72))


@pytest.mark.parametrize(
    ("response", "recall", "precision"),
    [
        ([{"a"}, set("bcx"), set("defy"), {"z"}], 0.88571, 0.66429),  # TC3: false-alarm mentions
        ([{"a"}, set("bcx"), set("dy"), {"z"}], 0.73333, 0.55),  # TC4: missing and false-alarm
    ],
)
def test_reference_scorer_ceaf_e(response: list[set[str]], recall: float, precision: float) -> None:
    c = ceaf_e(TC_KEY, response)
    assert (c.recall, c.precision) == pytest.approx((recall, precision), abs=1e-5)


def test_perfect_response_scores_one() -> None:
    for metric in (muc, b_cubed, ceaf_e):
        s = metric(TC_KEY, TC_KEY)
        assert (s.recall, s.precision, s.f1) == (1.0, 1.0, 1.0)
    assert conll_f1(TC_KEY, TC_KEY) == 1.0


def test_bagga_baldwin_1998_muc_cannot_tell_the_two_errors_apart() -> None:
    key = [set(range(1, 6)), {6, 7}, set(range(8, 13))]
    merge_small = [set(range(1, 6)), set(range(6, 13))]
    merge_large = [set(range(1, 6)) | set(range(8, 13)), {6, 7}]
    assert muc(key, merge_small).precision == muc(key, merge_large).precision == pytest.approx(0.9)
    assert b_cubed(key, merge_small).precision == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert b_cubed(key, merge_large).precision == pytest.approx((10 * 5 / 10 + 2) / 12)
    assert b_cubed(key, merge_small).recall == b_cubed(key, merge_large).recall == 1.0


def test_all_singletons() -> None:
    key = [set("ab"), {"c"}]
    singletons = [{"a"}, {"b"}, {"c"}]
    assert muc(key, singletons).f1 == 0.0  # no link found; precision 0/0 is 0
    b = b_cubed(key, singletons)
    assert (b.recall, b.precision) == pytest.approx((2 / 3, 1.0))
    c = ceaf_e(key, singletons)
    assert (c.recall, c.precision) == pytest.approx(((2 / 3 + 1) / 2, (2 / 3 + 1) / 3))


def test_a_mention_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError):
        clusters([{"a", "b"}, {"b"}])


def test_on_gold_mentions_drops_extra_and_adds_missed_as_singletons() -> None:
    key = {"a": 1, "b": 1, "c": 2, "d": 2}
    response = {"a": "x", "b": "x", "c": "x", "z": "x"}  # z is no key mention; d was not found
    k, r = on_gold_mentions(key, response)
    assert sorted(map(sorted, k)) == [["a", "b"], ["c", "d"]]
    assert sorted(map(sorted, r)) == [["a", "b", "c"], ["d"]]
    b = b_cubed(k, r)
    assert (b.recall, b.precision) == pytest.approx(
        ((1 + 1 + 0.5 + 0.5) / 4, (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    )


def test_cross_doc_links_ignore_pairs_within_a_document() -> None:
    doc = {"a1": 1, "a2": 1, "b1": 2, "c1": 3, "c2": 3}
    key = [{"a1", "a2", "b1"}, {"c1", "c2"}]  # cross-doc key links: a1-b1, a2-b1
    response = [{"a1", "b1", "c1"}, {"a2"}, {"c2"}]  # a1-b1 right; a1-c1, b1-c1 wrong
    s = cross_doc_links(key, response, doc.__getitem__)
    assert (s.recall_num, s.recall_den, s.precision_den) == (1, 2, 3)
    assert s.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def _brute(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][j] for i, j in enumerate(p)) for p in itertools.permutations(range(m), n))
    return max(sum(weights[i][j] for j, i in enumerate(p)) for p in itertools.permutations(range(n), m))


def test_max_assignment_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        assert max_assignment(w) == pytest.approx(_brute(w))
    assert max_assignment([]) == 0.0
