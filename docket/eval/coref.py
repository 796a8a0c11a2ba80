"""Coreference metrics: MUC, B-cubed, CEAF-e, CoNLL F1, and cross-document link P/R/F1.

A clustering is any iterable of clusters, each an iterable of hashable mentions; a mention may sit in
one cluster only. The formulas are those of the CoNLL-2011/2012 reference scorer (Pradhan et al.
2014, "Scoring Coreference Partitions of Predicted Mentions: A Reference Implementation"), which
also defines them when key and response hold different mentions:

- MUC (Vilain et al. 1995): recall = sum over key clusters K of (|K| - |p(K)|) / sum of (|K| - 1),
  where p(K) is the partition of K by the response and a key mention the response lacks is a part
  of its own; precision swaps key and response.
- B-cubed (Bagga & Baldwin 1998): recall = sum over key clusters K and response clusters R of
  |K & R|^2 / |K|, divided by the number of key mentions; precision divides by |R| and the number
  of response mentions. A mention on one side only adds nothing to the numerator.
- CEAF-e (Luo 2005): phi4(K, R) = 2 |K & R| / (|K| + |R|); the best one-to-one alignment of key
  and response clusters (Kuhn-Munkres, below) gives the total similarity S; recall = S / number of
  key clusters, precision = S / number of response clusters.
- CoNLL F1: the mean of the MUC, B-cubed and CEAF-e F1.
- Cross-document links (pairwise): the pairs of coreferent mentions that lie in different
  documents; precision = correct response pairs / response pairs, recall = correct / key pairs.
  It ignores within-document links, which the four metrics above count too.

`on_gold_mentions` puts a system's answer into the "gold mentions" setting used for cross-document
coreference (e.g. on ECB+): only the key's mentions are scored; a system mention that matches no
key mention is dropped, and a key mention the system did not find is a singleton in the response
(it costs recall, never precision of other clusters).

Scores are fractions (0..1); 0 where a denominator is 0, as the reference scorer prints them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from math import comb

Mention = Hashable
Clusters = list[frozenset[Mention]]


@dataclass(frozen=True, slots=True)
class Score:
    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def clusters(clustering: Iterable[Iterable[Mention]]) -> Clusters:
    """Non-empty clusters as frozensets; raises ValueError when a mention is in two clusters."""
    out = [frozenset(c) for c in clustering]
    out = [c for c in out if c]
    seen: set[Mention] = set()
    for c in out:
        if seen & c:
            raise ValueError(f"mentions in more than one cluster: {sorted(map(str, seen & c))[:5]}")
        seen |= c
    return out


def from_labels(labels: Mapping[Mention, Hashable]) -> Clusters:
    """Clusters from a mention -> cluster label mapping."""
    grouped: dict[Hashable, set[Mention]] = defaultdict(set)
    for mention, label in labels.items():
        grouped[label].add(mention)
    return [frozenset(c) for c in grouped.values()]


def on_gold_mentions(
    key: Mapping[Mention, Hashable], response: Mapping[Mention, Hashable]
) -> tuple[Clusters, Clusters]:
    """Key and response clusterings over the key's mentions only (see the module docstring)."""
    labels: dict[Mention, Hashable] = {}
    for m in key:
        labels[m] = ("response", response[m]) if m in response else ("unmatched", m)
    return from_labels(key), from_labels(labels)


def _index(cs: Clusters) -> dict[Mention, int]:
    return {m: i for i, c in enumerate(cs) for m in c}


def _muc_side(a: Clusters, b: Clusters) -> tuple[int, int]:
    where = _index(b)
    num = den = 0
    for c in a:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Iterable[Iterable[Mention]], response: Iterable[Iterable[Mention]]) -> Score:
    k, r = clusters(key), clusters(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return Score(rn, rd, pn, pd)


def _overlaps(k: Clusters, r: Clusters) -> Counter[tuple[int, int]]:
    """|K_i & R_j| for every pair of clusters that share a mention."""
    where = _index(r)
    return Counter((i, where[m]) for i, c in enumerate(k) for m in c if m in where)


def b_cubed(key: Iterable[Iterable[Mention]], response: Iterable[Iterable[Mention]]) -> Score:
    k, r = clusters(key), clusters(response)
    common = _overlaps(k, r)
    rn = sum(n * n / len(k[i]) for (i, _), n in common.items())
    pn = sum(n * n / len(r[j]) for (_, j), n in common.items())
    return Score(rn, sum(map(len, k)), pn, sum(map(len, r)))


def ceaf_e(key: Iterable[Iterable[Mention]], response: Iterable[Iterable[Mention]]) -> Score:
    k, r = clusters(key), clusters(response)
    common = _overlaps(k, r)
    # Clusters that share no mention have similarity 0: align each connected group on its own.
    links: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for i, j in common:
        links["k", i].add(("r", j))
        links["r", j].add(("k", i))
    total, seen = 0.0, set()
    for start in links:
        if start in seen:
            continue
        group, todo = {start}, [start]
        while todo:
            for nxt in links[todo.pop()] - group:
                group.add(nxt)
                todo.append(nxt)
        seen |= group
        rows = sorted(i for side, i in group if side == "k")
        cols = sorted(j for side, j in group if side == "r")
        weights = [[2 * common[i, j] / (len(k[i]) + len(r[j])) for j in cols] for i in rows]
        total += max_assignment(weights)
    return Score(total, len(k), total, len(r))


def conll_f1(key: Iterable[Iterable[Mention]], response: Iterable[Iterable[Mention]]) -> float:
    k, r = clusters(key), clusters(response)
    return (muc(k, r).f1 + b_cubed(k, r).f1 + ceaf_e(k, r).f1) / 3


def _cross_pairs(mentions: Iterable[Mention], doc_of: Callable[[Mention], Hashable]) -> int:
    per_doc = Counter(doc_of(m) for m in mentions)
    return comb(sum(per_doc.values()), 2) - sum(comb(n, 2) for n in per_doc.values())


def cross_doc_links(
    key: Iterable[Iterable[Mention]],
    response: Iterable[Iterable[Mention]],
    doc_of: Callable[[Mention], Hashable],
) -> Score:
    """Pairwise P/R/F1 over coreference links between mentions of different documents."""
    k, r = clusters(key), clusters(response)
    where = _index(r)
    correct = 0
    for c in k:
        by_response: dict[int, list[Mention]] = defaultdict(list)
        for m in c:
            if m in where:
                by_response[where[m]].append(m)
        correct += sum(_cross_pairs(ms, doc_of) for ms in by_response.values())
    key_links = sum(_cross_pairs(c, doc_of) for c in k)
    response_links = sum(_cross_pairs(c, doc_of) for c in r)
    return Score(correct, key_links, correct, response_links)


def max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn-Munkres with
    potentials, O(n^2 m) for n <= m; a rectangular matrix leaves the extra rows or columns out)."""
    if not weights or not weights[0]:
        return 0.0
    w = weights if len(weights) <= len(weights[0]) else [list(col) for col in zip(*weights, strict=True)]
    n, m = len(w), len(w[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # owner[j]: the row (1-based) assigned to column j
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        low, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            row = w[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j], way[j] = cur, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sum(w[owner[j] - 1][j - 1] for j in range(1, m + 1) if owner[j])
