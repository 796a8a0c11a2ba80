"""The scoring of `docket eval meantime-crossdoc`: coreference metrics over gold mentions, the mention
sets scored (settings) and the same-head-lemma baseline.

What each setting and metric means: `docket.eval.crossdoc`'s docstring, "Metrics" and "Settings".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping

from docket.eval import coref
from docket.eval.crossdoc_gold import GoldMention, Key

BASELINE = "same head lemma"
Scores = dict[str, float]  # metric -> fraction

SCOPES: dict[str, Callable[[GoldMention], bool]] = {
    "entity": lambda m: m.kind == "entity",
    "entity named": lambda m: m.kind == "entity" and m.named,
    "event": lambda m: m.kind == "event",
}
# The three mention sets scored (`docket.eval.crossdoc`'s docstring, "Settings"): the first is the
# like-for-like headline.
FOUND, BACKOFF, ALL = "[found]", "[all+backoff]", "[all]"
F1S = ("B3 F1", "MUC F1", "CEAF-e F1", "CoNLL F1", "cross-doc link F1")


def scores(key: Mapping[Key, Hashable], response: Mapping[Key, Hashable]) -> Scores:
    k, r = coref.on_gold_mentions(key, response)
    muc, b3, ceaf = coref.muc(k, r), coref.b_cubed(k, r), coref.ceaf_e(k, r)
    cross = coref.cross_doc_links(k, r, lambda m: m[0])
    return {
        "B3 P": b3.precision, "B3 R": b3.recall, "B3 F1": b3.f1, "MUC F1": muc.f1, "CEAF-e F1": ceaf.f1,
        "CoNLL F1": (muc.f1 + b3.f1 + ceaf.f1) / 3,
        "cross-doc link P": cross.precision, "cross-doc link R": cross.recall, "cross-doc link F1": cross.f1,
    }  # fmt: skip


def backoff(gold: list[GoldMention], response: Mapping[Key, str]) -> dict[Key, str]:
    """docket's labels, and one for every gold mention docket missed, by the baseline's key: the
    docket entity holding most of the found mentions of its head lemma (ties: the first label),
    else a cluster of that lemma's missed mentions."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in gold:
        if m.key in response:
            votes[m.lemma][response[m.key]] += 1
    out: dict[Key, str] = {}
    for m in gold:
        if m.key in response:
            out[m.key] = response[m.key]
        elif votes.get(m.lemma):
            out[m.key] = min(votes[m.lemma].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            out[m.key] = f"lemma:{m.lemma}"
    return out


def score_settings(
    gold: list[GoldMention], response: Mapping[Key, str]
) -> dict[str, tuple[Scores, Scores, int]]:
    """For one scope: setting -> (docket's scores, the baseline's, how many gold mentions)."""
    found = [m for m in gold if m.key in response]
    key_found, key_all = {m.key: m.cluster for m in found}, {m.key: m.cluster for m in gold}
    ours = {m.key: response[m.key] for m in found}
    lemmas = {m.key: m.lemma for m in gold}
    base_all = scores(key_all, lemmas)
    return {
        FOUND: (scores(key_found, ours), scores(key_found, lemmas), len(found)),
        BACKOFF: (scores(key_all, backoff(gold, response)), base_all, len(gold)),
        ALL: (scores(key_all, ours), base_all, len(gold)),
    }


def scope_note(scope: str, gold: list[GoldMention], response: Mapping[Key, str]) -> str:
    """Counts, and the reference of every mention alone, on all gold mentions and on those found."""
    clusters = coref.from_labels({m.key: m.cluster for m in gold})
    spread = sum(len({m[0] for m in c}) > 1 for c in clusters)
    alone = scores({m.key: m.cluster for m in gold}, {})
    found = {m.key: m.cluster for m in gold if m.key in response}
    alone_found = scores(found, {})
    return (
        f"{scope}: {len(gold)} gold mentions in {len(clusters)} clusters, {spread} of them in more than one "
        f"document; docket found {len(found)} of the mentions ({100 * len(found) / max(len(gold), 1):.1f}%) "
        f"in {len(coref.from_labels(found))} gold clusters; every mention alone scores CoNLL F1 "
        f"{100 * alone['CoNLL F1']:.2f} on all of them and {100 * alone_found['CoNLL F1']:.2f} on those found"
    )
