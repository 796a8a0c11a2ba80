"""Joins the entities of many documents into corpus entities.

Two document entities are one corpus entity when they share a name key (`name_key`: case, accents,
"the", possessives, spaces and hyphens folded): their names, or an alias the text taught (an acronym,
"also known as"). Persons join on full names only. A lone surname joins a full name only when the
corpus has exactly one person of that surname and the surname's own document names no other person
of that surname. Places never join people or organisations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from docket.extract.entities import name_key
from docket.model import Entity, EntityType, Evidence, stable_id

TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "other")


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    members: tuple[str, ...]  # the document entity ids joined here


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: list[ResolvedEntity]
    ids: dict[str, str]  # document entity id -> corpus entity id

    def global_id(self, local_id: str | None) -> str | None:
        return None if local_id is None else self.ids.get(local_id)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _keys(e: Entity) -> set[str]:
    space = "place" if e.type == "place" else "agent"
    forms = [e.name, *e.aliases]
    if e.type == "person" and len(e.name.split()) >= 2:
        forms = [f for f in forms if len(f.split()) >= 2]  # surnames alone are not keys
    return {f"{space}:{k}" for k in map(name_key, forms) if k}


def resolve_entities(entities: Iterable[Entity]) -> Resolution:
    """Corpus entities from document entities, deterministic whatever the input order."""
    ents = sorted(entities, key=lambda e: e.id)
    uf = _UnionFind(len(ents))
    first_holder: dict[str, int] = {}
    for i, e in enumerate(ents):
        for key in sorted(_keys(e)):
            if key in first_holder:
                uf.union(first_holder[key], i)
            else:
                first_holder[key] = i
    _join_surnames(ents, uf)

    members: dict[int, list[Entity]] = defaultdict(list)
    for i, e in enumerate(ents):
        members[uf.find(i)].append(e)
    resolved: list[ResolvedEntity] = []
    taken: set[str] = set()
    for group in sorted(members.values(), key=lambda g: g[0].id):
        r = _merge(group)
        if r.id in taken:  # two entities of one name the rules kept apart stay apart
            r = replace(r, id=stable_id("ent", r.type, name_key(r.name), r.members[0]))
        taken.add(r.id)
        resolved.append(r)
    resolved.sort(key=lambda r: r.id)
    ids = {local: r.id for r in resolved for local in r.members}
    return Resolution(resolved, ids)


def _join_surnames(ents: list[Entity], uf: _UnionFind) -> None:
    full_by_surname: dict[str, set[int]] = defaultdict(set)  # surname key -> roots of full names
    surnames_by_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for i, e in enumerate(ents):
        parts = e.name.split()
        if e.type == "person" and len(parts) >= 2:
            full_by_surname[name_key(parts[-1])].add(uf.find(i))
            surnames_by_doc[e.doc][name_key(parts[-1])] += 1
    for i, e in enumerate(ents):
        if e.type != "person" or len(e.name.split()) != 1:
            continue
        key = name_key(e.name)
        roots = {uf.find(r) for r in full_by_surname.get(key, ())}
        # In its own document, a different full name of this surname exists: the surname is not theirs.
        if len(roots) == 1 and not surnames_by_doc[e.doc][key]:
            uf.union(next(iter(roots)), i)


def _merge(group: list[Entity]) -> ResolvedEntity:
    weight: Counter[EntityType] = Counter()
    names: Counter[str] = Counter()
    for e in group:
        weight[e.type] += len(e.mentions)
        names[e.name] += len(e.mentions)
    etype = min(weight, key=lambda t: (-weight[t], TYPE_ORDER.index(t)))
    name = min(names, key=lambda n: (-len(n.split()), n.isupper(), -names[n], n))
    seen = {name_key(name)}
    aliases = []
    for form in sorted({f for e in group for f in (e.name, *e.aliases)}):
        if name_key(form) not in seen:
            seen.add(name_key(form))
            aliases.append(form)
    mentions = tuple(sorted((m for e in group for m in e.mentions), key=lambda m: (m.doc, m.start, m.end)))
    return ResolvedEntity(
        id=stable_id("ent", etype, name_key(name)),
        type=etype,
        name=name,
        aliases=tuple(aliases),
        mentions=mentions,
        members=tuple(sorted(e.id for e in group)),
    )
