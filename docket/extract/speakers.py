"""Who is speaking: the subject of a cue, the words naming it, and a pronoun's antecedent.

The base of the statement extractor (`statements.py`): it holds the parsed document, its quotes
and entities, and the offset helpers every rule shares. No I/O.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from docket.extract import quotes as qm
from docket.extract.linking import EntityIndex
from docket.extract.quotes import Quote, strip_span
from docket.model import Document, Entity, EntityRef, Evidence

SENTENCE_END = frozenset(".!?")
STRIP = " \t\r\n\xa0,;:—–-"


class SpeakerFinder:
    def __init__(self, doc: Document, parsed: Doc, entities: Sequence[Entity]) -> None:
        self.doc, self.parsed, self.text = doc, parsed, doc.text
        self.index = EntityIndex(entities)
        self.quotes = qm.find_quotes(doc.text)
        self._qstarts = [q.start for q in self.quotes]
        self._idx = [t.idx for t in parsed]
        self.ents = parsed.ents  # spaCy builds the tuple anew on every access
        self.mentions = {
            kind: self._mentions(entities, types, labels)
            for kind, types, labels in (
                ("person", {"person"}, {"PERSON"}),
                ("group", {"organization", "place"}, {"ORG", "GPE", "NORP"}),
            )
        }

    # -- speakers ---------------------------------------------------------------------------------------

    def _subject(self, verb: Token) -> Token | None:
        """Who does the saying: the subject, climbing through `to say`, `and added`, `by stating`."""
        for _ in range(4):
            # one in the verb's paragraph first: a heading the parser joined to the sentence
            # (`9:30 p.m.` over `Trump says`) is a second subject across a line break
            for c in sorted(verb.children, key=lambda c: self._breaks(c, verb)):
                named: list[Token] = []
                if c.dep_ == "nsubj" and self._breaks(c, verb):
                    # a heading taken for the subject (`2:40 p.m.` / `Trump's manager says`): the name
                    # the parser hung on it in the verb's own paragraph, if any
                    named = [a for a in c.children if a.dep_ == "appos" and not self._breaks(a, verb)]
                    if not named:
                        continue
                    c = named[0]
                if c.dep_ == "nsubj" or named:
                    if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                        return verb.head
                    return None if c.lower_ in qm.NO_SPEAKER else possessed(c)
                if c.dep_ == "agent":
                    return next((p for p in c.children if p.dep_ == "pobj"), None)
            if any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
                return None  # "it was revealed that ...": nobody is named
            if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head  # "the campaign called ...": a finite verb misparsed as a modifier
            if verb.dep_ in ("xcomp", "conj", "pcomp", "prep") or (
                verb.dep_ == "advcl" and verb.tag_ == "VBG"
            ):
                verb = verb.head
            else:
                return None
        return None

    def _breaks(self, a: Token, b: Token) -> bool:
        """Whether a line break falls between tokens `a` and `b`."""
        lo, hi = sorted((a.idx, b.idx))
        return "\n" in self.text[lo:hi]

    def _source(self, subject: Token, cue: Token) -> tuple[int, int]:
        """The words naming the speaker, roles and appositions included; not the cue or a relative clause."""
        lo, hi = subject.left_edge.i, subject.right_edge.i
        if lo <= cue.i <= hi:
            lo, hi = (cue.i + 1, hi) if cue.i < subject.i else (lo, cue.i - 1)
        while lo < hi and self.parsed[lo].is_punct:
            lo += 1  # a closing quote mark the parser hung on the name (`…,” Ramos told`)
        gap = self.parsed[hi + 1 : cue.i]
        if (
            hi < cue.i
            and len(gap) > 1
            and gap[0].text == ","
            and not any(t.pos_ in ("VERB", "AUX") for t in gap)
        ):
            hi = cue.i - 1  # "X, the chair of Y said": an apposition the parser left unattached
        if cue.dep_ == "relcl" and cue.head.i == subject.i:
            hi = min(hi, cue.left_edge.i - 1)  # "the voices inside Iran who call for ...": the voices
        return self._paragraph(cue, strip_span(self.text, *self._span_of(lo, max(lo, hi)), STRIP))

    def _paragraph(self, t: Token, span: tuple[int, int]) -> tuple[int, int]:
        """`span` clipped to the paragraph of `t`: the parser sometimes joins a heading to a sentence."""
        start = self.text.rfind("\n", 0, t.idx) + 1
        end = self.text.find("\n", t.idx)
        end = len(self.text) if end < 0 else end
        return strip_span(self.text, max(span[0], start), min(span[1], end), STRIP)

    def _speaker(self, subject: Token, source: tuple[int, int]) -> tuple[EntityRef, Evidence | None]:
        """The speaker's name and entity; for a pronoun, the nearest preceding name (and its sentence)."""
        if subject.pos_ == "PRON" and subject.lower_ in qm.PERSONAL | qm.GROUP:
            kind = "person" if subject.lower_ in qm.PERSONAL else "group"
            found = self._antecedent(subject, kind)
            if found is None:
                return EntityRef(None, subject.text), None
            s, e = found
            span = self.parsed.char_span(s, e, alignment_mode="expand")
            name = qm.clean_name(list(span), kind == "person") if span is not None else self.text[s:e]
            sent = self._token_at(s).sent
            where = self._paragraph(self._token_at(s), (sent.start_char, sent.end_char))
            return self.index.ref(s, e, name), Evidence.of(self.doc, *where)
        mention = next((m for m, _ in self.index.within(*source) if m.start <= subject.idx < m.end), None)
        ent = next((e for e in self.ents if e.start <= subject.i < e.end), None)
        if mention is not None or subject.pos_ == "PROPN":
            if mention is not None:
                toks = list(self.parsed.char_span(mention.start, mention.end, alignment_mode="expand") or [])
            elif ent is not None and ent.label_ in qm.NAME_LABELS:
                toks = list(ent)
            else:
                j = subject.i
                while j > 0 and (self.parsed[j - 1].pos_ == "PROPN" or self.parsed[j - 1].text == "-"):
                    j -= 1
                toks = list(self.parsed[j : subject.i + 1])
            toks = [t for t in toks if source[0] <= t.idx < source[1]] or [subject]
            if any(c.dep_ == "conj" for c in subject.children):  # "the NCRI and its supporters"
                return self.index.ref(
                    toks[0].idx, toks[-1].idx + len(toks[-1]), self.text[slice(*source)]
                ), None
            name = qm.clean_name(
                toks, subject.ent_type_ == "PERSON" or (ent is not None and ent.label_ == "PERSON")
            )
            return self.index.ref(toks[0].idx, toks[-1].idx + len(toks[-1]), name), None
        # A description ("a regime official"): the head with its modifiers, linked only through its name
        # words ("the Fars news agency" -> Fars), never through a possessor ("the regime's officials").
        lo = max(subject.left_edge.idx, source[0])
        hi = subject.idx + len(subject)
        for c in subject.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                hi = c.right_edge.idx + len(c.right_edge)
        s, e = strip_span(self.text, lo, hi, STRIP)
        core = [c for c in subject.lefts if c.dep_ == "compound"]
        ks = core[0].left_edge.idx if core else subject.idx
        entity = self.index.at(ks, subject.idx + len(subject))
        return EntityRef(entity.id if entity else None, self.text[s:e]), None

    def _antecedent(self, pronoun: Token, kind: str) -> tuple[int, int] | None:
        """The nearest preceding name of the right kind outside quotes, a sentence subject preferred."""
        mentions = self.mentions[kind]
        sent = pronoun.sent
        limit = pronoun.idx
        for _ in range(4):
            lo = bisect.bisect_left(mentions, (sent.start_char, 0))
            cands = [m for m in mentions[lo:] if m[0] < limit and self.quote_at(m[0]) is None]
            subjects = [m for m in cands if self._token_at(m[1] - 1).dep_ in ("nsubj", "nsubjpass")]
            if subjects and sent.start != pronoun.sent.start:
                # In an earlier sentence the main clause's subject carries on ("Tehran insisted that
                # the MEK was a cult. They further claimed ..."): not one inside its complement.
                depth = {m: len(list(self._token_at(m[1] - 1).ancestors)) for m in subjects}
                top = min(depth.values())
                subjects = [m for m in subjects if depth[m] == top]
            if subjects or (cands and kind == "person"):  # "it"/"they" only take a subject: too vague else
                return subjects[-1] if subjects else cands[-1]
            if sent.start == 0:
                return None
            sent = self.parsed[sent.start - 1].sent
            limit = sent.end_char
        return None

    def _mentions(
        self, entities: Sequence[Entity], types: set[str], labels: set[str]
    ) -> list[tuple[int, int]]:
        spans = {(m.start, m.end) for e in entities if e.type in types for m in e.mentions}
        taken = sorted(spans)
        for ent in self.ents:
            if ent.label_ in labels and not any(s < ent.end_char and ent.start_char < e for s, e in taken):
                spans.add((ent.start_char, ent.end_char))
        return sorted(spans)

    # -- small helpers ----------------------------------------------------------------------------------

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self._qstarts, offset) - 1
        return self.quotes[i] if i >= 0 and self.quotes[i].contains(offset) else None

    def _token_at(self, offset: int) -> Token:
        i = bisect.bisect_right(self._idx, offset) - 1
        return self.parsed[max(i, 0)]

    def _tokens_from(self, offset: int) -> list[Token]:
        t = self._token_at(offset)
        start = t.i if t.idx >= offset else t.i + 1
        return list(self.parsed[start : start + 14])

    def _tokens_before(self, offset: int) -> list[Token]:
        """Up to 60 tokens before `offset`, nearest first; spaces only where they break a line."""
        t = self._token_at(max(offset - 1, 0))
        end = t.i if t.idx >= offset else t.i + 1
        return [
            self.parsed[i]
            for i in range(end - 1, max(end - 60, 0) - 1, -1)
            if not self.parsed[i].is_space or "\n" in self.parsed[i].text
        ]

    def _span_of(self, lo: int, hi: int) -> tuple[int, int]:
        return strip_span(self.text, self.parsed[lo].idx, self.parsed[hi].idx + len(self.parsed[hi]))

    def _sentence_end(self, t: Token) -> int:
        end = t.sent.end_char
        while end < len(self.text) and self.text[end] in qm.CLOSE + qm.STRAIGHT + "'":
            end += 1  # the closing mark after `.` belongs to the sentence
        return end


def possessed(subject: Token) -> Token:
    """The name a possessive subject was meant to modify: "The regime's leader X said" parsed with
    "regime" as the subject and X hung on it as an apposition, or as the verb's second subject."""
    if not any(c.dep_ == "case" for c in subject.children):
        return subject
    after = [c for c in subject.children if c.dep_ == "appos"]
    after += [c for c in subject.head.children if c.dep_ == "nsubj" and c.i > subject.i]
    return after[0] if after else subject
