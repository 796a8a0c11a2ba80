"""Joins the entities of many documents into corpus entities, and says why (a merge log).

Two document entities become one corpus entity by these rules, tried in this order:

1. **Same name**: they share a name key (`name_key`: case, accents, "the", possessives, spaces and
   hyphens folded; honorifics such as "Mr." or "Ayatollah" and, for people, roles such as "Supreme
   Leader" stripped; for organisations, a legal form dropped and British spellings folded as well,
   `docket.resolve.orgs.plain_name`: "Acme Inc." = "Acme"): their names, or an alias the text taught
   (an acronym, "also known as"). Persons join on full names only.
2. **Acronym**: an all-capitals name ("UN", "U.S.") is the initials of one long name only in the
   corpus ("United Nations").
3. **Qualifier**: two organisation names that write a leading name the corpus joined in two ways
   ("U.S. Air Force" = "United States Air Force").
4. **Transliteration variant**: two spellings of one name (`docket.resolve.names.variant`:
   Mojahedin / Mujahedin, Larijani / Larijni, Pourmohammadi / Pour-Mohammadi). Two people's full
   names must agree on the first name as well as the rest; a shared surname is never enough.
5. **Short name**: a one-word organisation name is the distinctive word of one organisation's name
   only ("Mojahedin" in "People’s Mujahedin Organization of Iran", "Samen" in "Samen Bank"), and is
   no organisation's own name: none in the corpus bears it with a legal form ("Acme Inc." makes
   "Acme" a company's name, never short for "Acme Corps").
6. **Lone surname**: a surname alone joins a full name only when the corpus has exactly one person of
   that surname (or a variant of it) and the surname's own document names no other person of it.
7. **Role** (when the documents' texts are given): a role ("the Supreme Leader") names a person only
   in a document that ties the two ("Supreme Leader Ali Khamenei"), and only if that document ties
   the role to one person; the role's mentions there become the person's.

A lone first name ("Steve") joins no one: a first name is shared by too many people.
Places never join people or organisations, and rules 3 to 5 join entities of one type only. Every
join is a `Merge` (what joined what, why, with a score) on `Resolution.merges` and on its corpus
entity. A reviewer undoes one with `resolve_entities(..., forbid=[merge])` (or a pair of document
entity ids or names): no corpus entity will hold both sides again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from docket.extract.name_spans import name_key as _name_key
from docket.model import Entity, EntityType, Evidence, stable_id
from docket.resolve import names, orgs

TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "other")
# How much each rule's evidence weighs (a variant's score is its spelling similarity).
SAME_NAME, PLAIN_NAME, SURNAME, ROLE = 1.0, 0.95, 0.9, 0.9
name_key = lru_cache(maxsize=names.CACHE)(_name_key)


@dataclass(frozen=True, slots=True)
class Merge:
    """One join: `source` joined `target` (document entity ids; for a role, `source` is the role's
    words) in the corpus entity `entity`, for `reason` (plain words), with `score` (0..1)."""

    entity: str
    source: str
    target: str
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    members: tuple[str, ...]  # the document entity ids joined here
    merges: tuple[Merge, ...] = ()  # how they were joined, in the order the joins were made


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: list[ResolvedEntity]
    ids: dict[str, str]  # document entity id -> corpus entity id
    merges: list[Merge] = field(default_factory=list)  # every join, by corpus entity id

    def global_id(self, local_id: str | None) -> str | None:
        return None if local_id is None else self.ids.get(local_id)


Forbid = Iterable[Merge | tuple[str, str]]


class _Joiner:
    """Union-find over document entities that logs each join and refuses those a reviewer undid:
    no group may hold an entity matching one side of a forbidden pair and one matching the other."""

    def __init__(self, ents: list[Entity], forbid: Forbid) -> None:
        self.ents = ents
        self.parent = list(range(len(ents)))
        self.log: list[tuple[int, int, str, float]] = []  # (source, target, reason, score)
        self.pairs = [(m.source, m.target) if isinstance(m, Merge) else (m[0], m[1]) for m in forbid]
        keys = [(name_key(a), name_key(b)) for a, b in self.pairs]
        self.tags: dict[int, set[tuple[int, int]]] = defaultdict(set)  # root -> (pair, side)
        for i, e in enumerate(ents):
            own = name_key(e.name) if self.pairs else ""
            for k, pair in enumerate(self.pairs):
                sides = [s for s in (0, 1) if pair[s] == e.id or (own and keys[k][s] == own)]
                if len(sides) == 1:
                    self.tags[i].add((k, sides[0]))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def allowed(self, a: int, b: int) -> bool:
        ta, tb = self.tags.get(self.find(a), set()), self.tags.get(self.find(b), set())
        return not any((k, 1 - side) in tb for k, side in ta)

    def join(self, source: int, target: int, reason: str, score: float) -> bool:
        ra, rb = self.find(source), self.find(target)
        if ra == rb or not self.allowed(ra, rb):
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        if gone in self.tags:
            self.tags[keep] |= self.tags.pop(gone)
        self.log.append((source, target, reason, round(score, 3)))
        return True

    def role_forbidden(self, i: int, words: str) -> bool:
        """A reviewer undid this role for this entity: a pair of (the entity, the role's words)."""
        e, key = self.ents[i], name_key(words)
        return any(
            (_matches(a, e) and name_key(b) == key) or (_matches(b, e) and name_key(a) == key)
            for a, b in self.pairs
        )


def _matches(side: str, e: Entity) -> bool:
    return side == e.id or (bool(name_key(side)) and name_key(side) == name_key(e.name))


def resolve_entities(
    entities: Iterable[Entity],
    *,
    forbid: Forbid = (),
    texts: Mapping[str, str] | None = None,
    join: Iterable[tuple[str, str]] = (),
) -> Resolution:
    """Corpus entities from document entities, deterministic whatever the input order.

    `forbid`: merges (or pairs of document entity ids or names) a reviewer undid; they are never
    made again. `texts`: document id -> clean text, for the role rule (without it roles are not read).
    `join`: pairs of document entity ids a reviewer merged, joined before any rule (unless `forbid`
    keeps them apart; a pair naming an entity not given is ignored).
    """
    ents = sorted(entities, key=lambda e: e.id)
    j = _Joiner(ents, forbid)
    _join_forced(ents, j, join)
    _join_same_names(ents, j)
    orgs.join_acronyms(ents, j, _forms)
    orgs.join_qualified(ents, j, _forms)
    _join_variants(ents, j)
    orgs.join_short_names(ents, j, _forms)
    _join_surnames(ents, j)
    roles: dict[int, list[RoleExtra]] = defaultdict(list)
    for extra in _join_roles(ents, j, texts or {}):
        roles[j.find(extra[0])].append(extra)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ents)):
        members[j.find(i)].append(i)
    resolved: list[ResolvedEntity] = []
    corpus_id: dict[int, str] = {}
    taken: set[str] = set()
    for root, group in sorted(members.items(), key=lambda kv: ents[kv[1][0]].id):
        r = _merge([ents[i] for i in group], roles.get(root, []))
        if r.id in taken:  # two entities of one name the rules kept apart stay apart
            r = replace(r, id=stable_id("ent", r.type, name_key(r.name), r.members[0]))
        taken.add(r.id)
        corpus_id[root] = r.id
        resolved.append(r)
    log: dict[str, list[Merge]] = defaultdict(list)
    for source, target, reason, score in j.log:
        gid = corpus_id[j.find(target)]
        log[gid].append(Merge(gid, ents[source].id, ents[target].id, reason, score))
    for root, extras in sorted(roles.items()):
        gid = corpus_id[root]
        log[gid] += [Merge(gid, words, ents[person].id, reason, ROLE) for person, words, reason, _ in extras]
    resolved = [replace(r, merges=tuple(log.get(r.id, ()))) for r in resolved]
    resolved.sort(key=lambda r: r.id)
    ids = {local: r.id for r in resolved for local in r.members}
    return Resolution(resolved, ids, [m for r in resolved for m in r.merges])


REVIEWER = "joined by a reviewer"


def _join_forced(ents: list[Entity], j: _Joiner, join: Iterable[tuple[str, str]]) -> None:
    index = {e.id: i for i, e in enumerate(ents)}
    for a, b in sorted(join):
        if a in index and b in index:
            j.join(index[a], index[b], REVIEWER, 1.0)


def _forms(e: Entity) -> tuple[str, ...]:
    """The entity's names without titles; a person with a full name keeps full names only."""
    return _forms_of(e.type, e.name, e.aliases)


@lru_cache(maxsize=names.CACHE)
def _forms_of(etype: EntityType, name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    person = etype == "person"
    forms = [f if etype == "place" else names.strip_titles(f, person=person) for f in (name, *aliases)]
    if person and len(forms[0].split()) >= 2:
        forms = [f for f in forms if len(f.split()) >= 2]  # surnames alone are not keys
    if etype == "organization":  # "Acme Inc." is also "Acme", "Defence" also "Defense"
        forms += [orgs.plain_name(f) for f in forms]
    return tuple(dict.fromkeys(f for f in forms if name_key(f)))


def _same_name(e: Entity, form: str, h: Entity, hform: str) -> tuple[str, float]:
    """ "same name: Tehran", "same name: US = U.S.", "same name or alias: MEK = MEK (alias of B)",
    "same name once legal forms and spellings are folded: Acme Inc. = Acme", with the score."""
    if name_key(form) == name_key(e.name) and name_key(hform) == name_key(h.name):
        reason = f"same name: {form}" if form == hform else f"same name: {form} = {hform}"
        return reason, SAME_NAME
    if all(name_key(f) == name_key(orgs.plain_name(x.name)) for f, x in ((form, e), (hform, h))):
        return f"same name once legal forms and spellings are folded: {e.name} = {h.name}", PLAIN_NAME
    pairs = ((form, e), (hform, h))
    shown = [f if name_key(f) == name_key(x.name) else f"{f} (alias of {x.name})" for f, x in pairs]
    return f"same name or alias: {shown[0]} = {shown[1]}", SAME_NAME


def _join_same_names(ents: list[Entity], j: _Joiner) -> None:
    holders: dict[str, list[tuple[int, str]]] = {}  # key -> one (entity, form) per group holding it
    for i, e in enumerate(ents):
        for form in _forms(e):  # the name first, so a join says "same name" when it can
            key = f"{orgs.space(e)}:{name_key(form)}"
            reps = holders.setdefault(key, [])
            joined = False
            for h, hform in list(reps):
                if e.type != ents[h].type and (_plain_only(e, form) or _plain_only(ents[h], hform)):
                    continue  # "Dell Inc." is a company: its "Dell" is no one else's
                reason, score = _same_name(e, form, ents[h], hform)
                joined |= j.join(i, h, reason, score) or j.find(i) == j.find(h)
            if not joined:
                reps.append((i, form))


def _plain_only(e: Entity, form: str) -> bool:
    """The form is an organisation's name only once its legal form is dropped (or spelling folded)."""
    if e.type != "organization":
        return False
    return all(name_key(form) != name_key(names.strip_titles(f, person=False)) for f in (e.name, *e.aliases))


def _join_variants(ents: list[Entity], j: _Joiner) -> None:
    """Spellings of one name (rule 4), compared within blocks of one type and consonant skeleton."""
    blocks: dict[tuple[str, int, str], dict[str, list[tuple[int, str]]]] = defaultdict(dict)
    for i, e in enumerate(ents):
        person = e.type == "person"
        for form in _forms(e):
            words = min(len(form.split()), 2) if person else 0
            block = (e.type, words, names.block_key(form, person=person))
            blocks[block].setdefault(name_key(form), []).append((i, form))
    for (_, words, _), by_key in sorted(blocks.items()):
        keys = sorted(by_key)
        for a, key_a in enumerate(keys):
            for key_b in keys[a + 1 :]:
                fa, fb = by_key[key_a][0][1], by_key[key_b][0][1]
                v = names.person_variant(fa, fb) if words == 2 else names.variant(fa, fb)
                if v is None:
                    continue
                reason = f"transliteration variant: {fb} ~ {fa}, {v.how} (score {v.score:.2f})"
                targets = [h for h, _ in orgs.one_per_group(j, by_key[key_a]).values()]
                for ib, _ in by_key[key_b]:
                    for h in targets:
                        if j.join(ib, h, reason, v.score) or j.find(ib) == j.find(h):
                            break


def _join_surnames(ents: list[Entity], j: _Joiner) -> None:
    """A lone surname joins the corpus's one person of that surname (rule 6)."""
    # surname block -> surname key -> (surname, the full names ending with it)
    full: dict[str, dict[str, tuple[str, list[int]]]] = defaultdict(dict)
    for i, e in enumerate(ents):
        parts = names.person_parts(e.name) if e.type == "person" else None
        if parts is None:
            continue
        for surname in dict.fromkeys((parts[1].split()[-1], parts[1])):
            block = full[names.consonant_key(names.roman_key(surname))]
            block.setdefault(name_key(surname), (surname, []))[1].append(i)
    found: dict[str, tuple[list[tuple[int, tuple[str, names.Variant]]], set[str]]] = {}
    for i, e in enumerate(ents):
        lone = names.strip_titles(e.name, person=True)
        if e.type != "person" or len(lone.split()) != 1:
            continue
        if name_key(lone) not in found:
            holders: list[tuple[int, tuple[str, names.Variant]]] = []
            for surname, members in full.get(names.consonant_key(names.roman_key(lone)), {}).values():
                v = names.variant(lone, surname)
                holders += [(h, (surname, v)) for h in members] if v is not None else []
            docs = {ents[h].doc for h, _ in holders}
            found[name_key(lone)] = (list(orgs.one_per_group(j, holders).values()), docs)
        holders, docs = found[name_key(lone)]
        groups = orgs.one_per_group(j, holders)
        # In its own document, a full name of this surname exists: the surname is someone else's
        # there (or the document would have joined them), so it stays apart.
        if len(groups) != 1 or e.doc in docs:
            continue
        h, (surname, v) = next(iter(groups.values()))
        reason = f"lone surname: {lone} names one person only in the corpus, {ents[h].name}"
        reason += "" if name_key(surname) == name_key(lone) else f" (spelled {surname}: {v.how})"
        j.join(i, h, reason, SURNAME * v.score)


RoleExtra = tuple[int, str, str, list[Evidence]]  # (person, role words, reason, mentions)


def _join_roles(ents: list[Entity], j: _Joiner, texts: Mapping[str, str]) -> list[RoleExtra]:
    """Rule 7: roles a document ties to one person. Document entities named by the role join the
    person; the role's other mentions in that document become the person's (returned)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        by_doc[e.doc].append(i)
    extras: list[RoleExtra] = []
    for doc in sorted(by_doc):
        text = texts.get(doc)
        if text is None:
            continue
        people = [i for i in by_doc[doc] if ents[i].type == "person" and names.person_parts(ents[i].name)]
        index = {ents[i].id: i for i in people}
        spans = [(m.start, m.end, ents[i].id) for i in people for m in ents[i].mentions]
        ties: dict[str, list[names.RoleTie]] = defaultdict(list)
        for tie in names.role_ties(text, spans):
            ties[tie.role].append(tie)
        taken = [(m.start, m.end) for i in by_doc[doc] for m in ents[i].mentions]
        for role, found in sorted(ties.items()):
            holders = sorted({index[t.entity] for t in found})
            if len(role.split()) < 2 or len(holders) != 1:
                continue  # a one-word role ("leader") is too vague; two people: which one?
            person, tie = holders[0], found[0]
            tied = f"{text[tie.start : tie.end]} {ents[person].name}"
            for i in by_doc[doc]:
                if i != person and names.role_key(ents[i].name) == role:
                    reason = f"role tied to the name in its document: {ents[i].name} = {ents[person].name}"
                    reason += f" (“{tied}”)"
                    j.join(i, person, reason, ROLE)
            spots = names.role_mentions(text, tie, taken)
            words = text[spots[0][0] : spots[0][1]] if spots else ""
            if spots and not j.role_forbidden(person, words):
                evidence = [Evidence(doc, s, e, text[s:e]) for s, e in spots]
                reason = (
                    f"role tied to the name in its document: “{words}” = {ents[person].name} (“{tied}”), "
                    f"{len(spots)} mention{'s' if len(spots) > 1 else ''}"
                )
                extras.append((person, words, reason, evidence))
    return extras


def _merge(group: list[Entity], roles: list[RoleExtra]) -> ResolvedEntity:
    weight: Counter[EntityType] = Counter()
    counts: Counter[str] = Counter()
    for e in group:
        weight[e.type] += len(e.mentions)
        counts[e.name] += len(e.mentions)
    etype = min(weight, key=lambda t: (-weight[t], TYPE_ORDER.index(t)))
    name = min(counts, key=lambda n: (-len(n.split()), n.isupper(), -counts[n], n))
    seen = {name_key(name)}
    aliases = []
    forms = {f for e in group for f in (e.name, *e.aliases)} | {words for _, words, _, _ in roles}
    for form in sorted(forms):
        if name_key(form) not in seen:
            seen.add(name_key(form))
            aliases.append(form)
    found = [m for e in group for m in e.mentions] + [m for _, _, _, ms in roles for m in ms]
    return ResolvedEntity(
        id=stable_id("ent", etype, name_key(name)),
        type=etype,
        name=name,
        aliases=tuple(aliases),
        mentions=tuple(sorted(set(found), key=lambda m: (m.doc, m.start, m.end))),
        members=tuple(sorted(e.id for e in group)),
    )
