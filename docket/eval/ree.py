"""Role-filler scoring shared by the MUC-4 and WikiEvents evaluations.

`ceaf_ree` is GRIT's CEAF-REE (Du, Rush & Cardie, EACL 2021, `eval.py` in
github.com/xinyadu/grit_doc_event_entity), re-implemented: per document and role, gold entities are
clusters of mentions, predicted entities are clusters too, and a predicted cluster scores 1 against a
gold cluster when *every* predicted mention is one of the gold cluster's mentions (`phi_strict`),
after GRIT's normalisation (lower case, no punctuation, no articles, single spaces). The best
one-to-one alignment gives the matched count; precision divides it by the predicted clusters, recall
by the gold ones. GRIT aligns with scipy's Hungarian solver; with 0/1 scores a maximum bipartite
matching gives the same total, so no scipy is needed.

`head` gives the head-noun variant (the older MUC-4 convention of Patwardhan & Riloff, and
WikiEvents' "head F1"): two mentions match when their head words are equal.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation)
# A noun phrase's head comes before its post-modifiers: "members of the FMLN" -> members.
_POSTMOD = re.compile(
    r"[,(;:\u2014\u2013]|\s(?:of|in|at|on|from|with|who|whom|which|that|near|for|to|by|and|or|as)\s"
)
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def normalize(s: str) -> str:
    """GRIT's `normalize_string`: lower case, drop punctuation, articles and extra spaces."""
    s = "".join(ch for ch in s.lower() if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", s).split())


def head(s: str) -> str:
    """The head word of a mention: the last word before any post-modifier ("the guerrilla column"
    -> column, "members of the FMLN" -> members, "Vyacheslav Gladkikh" -> gladkikh)."""
    low = _POSSESSIVE.sub("", f" {s.lower()} ")
    core = _POSTMOD.split(low, maxsplit=1)[0]
    words = normalize(core).split() or normalize(low).split()
    return words[-1] if words else ""


Match = Callable[[str, str], bool]


def exact(pred: str, gold: str) -> bool:
    return normalize(pred) == normalize(gold)


def same_head(pred: str, gold: str) -> bool:
    h = head(pred)
    return bool(h) and h == head(gold)


def _phi(gold: Sequence[str], pred: Sequence[str], match: Match) -> bool:
    # phi_strict: the predicted cluster is (under `match`) a subset of the gold cluster.
    return all(any(match(p, g) for g in gold) for p in pred)


def max_matching(edges: list[list[int]], n_right: int) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths); edges[i] lists the right
    vertices left vertex i may take."""
    owner = [-1] * n_right

    def augment(i: int, seen: list[bool]) -> bool:
        for j in edges[i]:
            if not seen[j]:
                seen[j] = True
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, [False] * n_right) for i in range(len(edges)))


def ceaf_ree(
    pred: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], match: Match = exact
) -> tuple[int, int, int]:
    """(matched, predicted clusters, gold clusters) for one document and role."""
    pred = [c for c in pred if c]
    gold = [c for c in gold if c]
    edges = [[j for j, p in enumerate(pred) if _phi(g, p, match)] for g in gold]
    return max_matching(edges, len(pred)), len(pred), len(gold)


class Tally:
    """Sums of matched / predicted / gold counts, for micro P/R/F1."""

    __slots__ = ("gold", "matched", "pred")

    def __init__(self) -> None:
        self.matched = 0
        self.pred = 0
        self.gold = 0

    def add(self, counts: tuple[int, int, int]) -> None:
        self.matched += counts[0]
        self.pred += counts[1]
        self.gold += counts[2]

    def prf(self) -> tuple[float, float, float]:
        from docket.eval.harness import prf

        return prf(self.matched, self.pred - self.matched, self.gold - self.matched)
