"""Statements: who said what, as direct quotes or reported speech, each part tied to its span.

Direct quotes are found from quote marks and attributed by the cue verb next to them: after the
quote (`“…,” said X`), before it (`X said, “…”`, `According to X, “…”`), or in the sentence just
before (`X stated:` / `“…,” he said. “…”`). Reported speech is a cue verb with a clausal complement
(`X insisted that …`), a parenthetical cue (`…, he added, …`), `according to X`, or one of a few
verbs whose object is the claim (`X condemned …`). Pronoun speakers take the nearest preceding name.
A quote with no cue near it (a title, a slogan, a scare quote) is not a statement.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from docket.extract import quotes as qm
from docket.extract.linking import EntityIndex
from docket.extract.quotes import Quote, strip_span
from docket.model import Document, Entity, EntityRef, Evidence, Statement, stable_id

SENTENCE_END = frozenset(".!?")
_STRIP = " \t\r\n\xa0,;:—–-"


def extract_statements(doc: Document, parsed: Doc, entities: Sequence[Entity]) -> tuple[Statement, ...]:
    """The statements in `doc`, in text order; `parsed` is `nlp(doc.text)`, `entities` its entities."""
    return _Extractor(doc, parsed, entities).run()


class _Extractor:
    def __init__(self, doc: Document, parsed: Doc, entities: Sequence[Entity]) -> None:
        self.doc, self.parsed, self.text = doc, parsed, doc.text
        self.index = EntityIndex(entities)
        self.quotes = qm.find_quotes(doc.text)
        self._qstarts = [q.start for q in self.quotes]
        self._idx = [t.idx for t in parsed]
        self.out: dict[tuple[int, int], Statement] = {}
        self.used: set[int] = set()  # cue tokens already attributed to a quote
        self.cue_sentence_end: dict[int, tuple[int, Statement]] = {}  # sentence end -> direct statement
        self.mentions = {
            kind: self._mentions(entities, types, labels)
            for kind, types, labels in (
                ("person", {"person"}, {"PERSON"}),
                ("group", {"organization", "place"}, {"ORG", "GPE", "NORP"}),
            )
        }

    def run(self) -> tuple[Statement, ...]:
        for q in self.quotes:
            self._direct(q)
        for t in self.parsed:
            if t.i not in self.used and self.quote_at(t.idx) is None:
                self._reported(t)
        return tuple(sorted(self.out.values(), key=lambda s: (s.evidence[-1].start, s.content_span.start)))

    # -- direct quotes ----------------------------------------------------------------------------------

    def _direct(self, q: Quote) -> None:
        cs, ce = strip_span(self.text, *q.inner)
        if ce - cs < 1:
            return
        found = self._tail(q) or self._lead(q)
        if found:
            cue, subject, cue_span = found
            self.used.add(cue.i)
            stmt = self._emit(subject, cue, cue_span, (cs, ce), direct=True)
            if stmt is not None and cue.idx > q.start:  # a trailing cue may carry on to the next quote
                self.cue_sentence_end[self._sentence_end(cue)] = (cue.i, stmt)
            return
        self._neighbour(q, (cs, ce))

    def _tail(self, q: Quote) -> tuple[Token, Token, tuple[int, int]] | None:
        """`“…,” said X` / `“…,” X concluded.`: a cue and its subject just after the closing mark."""
        toks = []
        for t in self._tokens_from(q.end):
            if t.text in SENTENCE_END or "\n" in t.text or self.quote_at(t.idx) is not None or len(toks) > 8:
                break
            toks.append(t)
        words = [t for t in toks if not t.is_punct and not t.is_space]
        last = self.text[q.end - 2] if q.end >= 2 else ""
        for t in words[:6]:
            if not qm.is_cue(t):
                continue
            subject = self._subject(t)
            if subject is None or subject.idx < q.end or self.quote_at(subject.idx) is not None:
                continue
            if t.i == words[0].i or last in ",!?—–-…":
                return t, subject, (t.idx, t.idx + len(t))
        return None

    def _lead(self, q: Quote) -> tuple[Token, Token, tuple[int, int]] | None:
        """`X said, “…”`, `X said: “…”`, `According to X, “…”`: a cue governing the words before the mark."""
        before = self._tokens_before(q.start)
        if not before:
            return None
        last = next((t for t in before if not t.is_space), before[0])
        for c in before:
            if c.text in SENTENCE_END or self.quote_at(c.idx) is not None:
                break
            if "\n" in c.text and self.text[: q.start].rstrip()[-1:] != ":":
                break  # a paragraph break ends the lead unless a colon introduces the quote
            according = qm.according_source(c)
            if not (according or qm.is_cue(c)) or qm.negated(c):
                continue
            between = self.parsed[c.i + 1 : last.i + 1]
            if not all(t.is_punct or t.is_space or c.is_ancestor(t) for t in between):
                continue
            if last.i != c.i and last.text not in {",", ":", "—", "–", "-"} and not last.is_space:
                return None  # `said the group was “a cult”`: a partial quote inside reported speech
            subject = according or self._subject(c)
            if subject is None or self.quote_at(subject.idx) is not None:
                continue
            end = according.head.idx + len(according.head) if according else c.idx + len(c)
            return c, subject, (c.idx, end)
        return None

    def _neighbour(self, q: Quote, content: tuple[int, int]) -> None:
        """A quote standing alone after `X said.` or after a quote whose cue trails it (`… he said. “…”`)."""
        k = len(self.text[: q.start].rstrip())
        if k == 0 or self.text[k - 1] not in SENTENCE_END | {qm.CLOSE, qm.STRAIGHT}:
            return
        prev = self.cue_sentence_end.get(k) or self.cue_sentence_end.get(k + 1)
        if prev is not None and len(self.text[slice(*content)].split()) >= 3:  # a sentence, not a title
            cue = self.parsed[prev[0]]
            if self._emit(None, cue, (cue.idx, cue.idx + len(cue)), content, direct=True, like=prev[1]):
                self.cue_sentence_end[q.end] = prev  # and on to the quote after this one
            return
        if "\n" in self.text[k : q.start]:
            return
        sent = self._token_at(k - 1).sent
        for t in reversed(list(sent)):
            if qm.is_cue(t) and not qm.negated(t) and self.quote_at(t.idx) is None:
                if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children):
                    return
                subject = self._subject(t)
                if subject is not None:
                    self._emit(subject, t, (t.idx, t.idx + len(t)), content, direct=True)
                return

    # -- reported speech --------------------------------------------------------------------------------

    def _reported(self, t: Token) -> None:
        according = qm.according_source(t)
        if according is not None:
            if according.lemma_.lower() in qm.NOT_SOURCES:
                return
            content = strip_span(self.text, *self._around(t.head, t), _STRIP + ".")
            end = according.head.idx + len(according.head)
            self._emit(according, t, (t.idx, end), content, direct=False)
            return
        if not qm.is_cue(t) or qm.negated(t):
            return
        ccomp = [c for c in t.children if c.dep_ == "ccomp" or (c.i > t.i and qm.has_that(c))]
        ccomp = [c for c in ccomp if c.i > t.i] or ccomp  # "X said that ..." over a misparsed heading
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in qm.PREP_CUES.get(t.lemma_, ())]
        objects = [c for c in t.children if c.dep_ == "dobj" and c.i > t.i]
        if ccomp:
            content = self._span_of(ccomp[0].left_edge.i, ccomp[-1].right_edge.i)
        elif t.dep_ == "parataxis" or (t.dep_ == "advcl" and any(c.lower_ == "as" for c in t.children)):
            content = self._around(t.head, t)
        elif preps and any(c.dep_ == "pobj" for c in preps[0].children):
            pobj = next(c for c in preps[0].children if c.dep_ == "pobj")
            rest = [c for c in t.children if c.i > pobj.i and c.dep_ in ("xcomp", "prep", "advcl", "ccomp")]
            content = self._span_of(
                pobj.left_edge.i, max([pobj.right_edge.i, *(c.right_edge.i for c in rest)])
            )
        elif t.lemma_ in qm.OBJECT_CUES and objects:
            comps = [c for c in t.children if c.i > t.i and c.dep_ in ("dobj", "prep", "oprd", "xcomp")]
            content = self._span_of(objects[0].left_edge.i, max(c.right_edge.i for c in comps))
        else:
            return
        subject = self._subject(t)
        if subject is None:
            return
        content = self._before_others(t, self._paragraph(t, content))
        end = t.idx + len(t)
        for c in [*preps[:1], *(c for c in t.children if c.dep_ == "prt")]:
            if c.i == t.i + 1:
                end = c.idx + len(c)  # "called for", "pointed out"
        self._emit(subject, t, (t.idx, end), content, direct=False)

    def _before_others(self, cue: Token, span: tuple[int, int]) -> tuple[int, int]:
        """`span` cut before any quote already attributed inside it (`X said A and said, “B”`)."""
        cs, ce = span
        for st in self.out.values():
            parts = [p for p in (st.cue_span, st.content_span) if p is not None and cs < p.start < ce]
            if parts and st.cue_span is not None and st.cue_span.start != cue.idx:
                ce = min(ce, *(p.start for p in parts))
        cs, ce = strip_span(self.text, cs, ce, _STRIP + ".")  # not the full stop
        while True:  # nor a conjunction left dangling by the cut
            words = self.text[cs:ce].rsplit(None, 1)
            if len(words) < 2 or words[1] not in ("and", "but", "or"):
                return cs, ce
            cs, ce = strip_span(self.text, cs, cs + len(words[0]), _STRIP + ".")

    def _around(self, head: Token, hole: Token) -> tuple[int, int]:
        """The clause `head` heads minus the parenthetical `hole` (`…, he added, …`): the longer side."""
        cs, ce = self._span_of(head.left_edge.i, head.right_edge.i)
        hs, he = self._span_of(hole.left_edge.i, hole.right_edge.i)
        left, right = strip_span(self.text, cs, hs, _STRIP), strip_span(self.text, he, ce, _STRIP)
        return left if left[1] - left[0] > right[1] - right[0] else right

    # -- speakers ---------------------------------------------------------------------------------------

    def _subject(self, verb: Token) -> Token | None:
        """Who does the saying: the subject, climbing through `to say`, `and added`, `by stating`."""
        for _ in range(4):
            for c in verb.children:
                if c.dep_ == "nsubj":
                    if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                        return verb.head
                    return None if c.lower_ in qm.NO_SPEAKER else c
                if c.dep_ == "agent":
                    return next((p for p in c.children if p.dep_ == "pobj"), None)
            if any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
                return None  # "it was revealed that ...": nobody is named
            if verb.dep_ in ("xcomp", "conj", "pcomp", "prep") or (
                verb.dep_ == "advcl" and verb.tag_ == "VBG"
            ):
                verb = verb.head
            else:
                return None
        return None

    def _source(self, subject: Token, cue: Token) -> tuple[int, int]:
        """The words naming the speaker, roles and appositions included; not the cue or a relative clause."""
        lo, hi = subject.left_edge.i, subject.right_edge.i
        if lo <= cue.i <= hi:
            lo, hi = (cue.i + 1, hi) if cue.i < subject.i else (lo, cue.i - 1)
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
        return self._paragraph(cue, strip_span(self.text, *self._span_of(lo, max(lo, hi)), _STRIP))

    def _paragraph(self, t: Token, span: tuple[int, int]) -> tuple[int, int]:
        """`span` clipped to the paragraph of `t`: the parser sometimes joins a heading to a sentence."""
        start = self.text.rfind("\n", 0, t.idx) + 1
        end = self.text.find("\n", t.idx)
        end = len(self.text) if end < 0 else end
        return strip_span(self.text, max(span[0], start), min(span[1], end), _STRIP)

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
        ent = next((e for e in self.parsed.ents if e.start <= subject.i < e.end), None)
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
        s, e = strip_span(self.text, lo, hi, _STRIP)
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
        for ent in self.parsed.ents:
            if ent.label_ in labels and not any(s < ent.end_char and ent.start_char < e for s, e in taken):
                spans.add((ent.start_char, ent.end_char))
        return sorted(spans)

    # -- assembling -------------------------------------------------------------------------------------

    def _emit(
        self,
        subject: Token | None,
        cue: Token,
        cue_span: tuple[int, int],
        content: tuple[int, int],
        direct: bool,
        like: Statement | None = None,
    ) -> Statement | None:
        cs, ce = content
        if ce - cs < 2 or any(cs < e and s < ce for s, e in self.out):
            return None  # nothing said, or already part of another statement
        for q in self.quotes:  # a partial quote the parse cut short ends at its closing mark
            if cs <= q.start < ce < q.end and not direct:
                ce = q.end
        q = self.quote_at(cs)
        if not direct and q is not None and (cs, ce) == (q.start, q.end):
            direct, (cs, ce) = True, strip_span(self.text, *q.inner)  # reported form of a whole quote
        if like is not None:
            speaker, source, extra = like.speaker, like.source_span, like.evidence[:-1]
        else:
            src = self._source(subject, cue) if subject is not None else (0, 0)
            if src[1] <= src[0]:
                return None
            speaker, antecedent = self._speaker(subject, src)
            source, extra = Evidence.of(self.doc, *src), (antecedent,) if antecedent else ()
        parts = [p for p in (source, cue_span, (cs, ce)) if p is not None]
        starts = [p.start if isinstance(p, Evidence) else p[0] for p in parts]
        ends = [p.end if isinstance(p, Evidence) else p[1] for p in parts]
        lo = max(self._token_at(min(starts)).sent.start_char, self.text.rfind("\n", 0, min(starts)) + 1)
        hi = self._sentence_end(self._token_at(max(ends) - 1))
        para_end = self.text.find("\n", max(ends))
        hi = hi if para_end < 0 else min(hi, para_end)
        main = Evidence.of(self.doc, *strip_span(self.text, lo, max(hi, max(ends)), " \t\r\n"))
        extra = tuple(e for e in extra if not (main.start <= e.start and e.end <= main.end))
        stmt = Statement(
            id=stable_id("stmt", self.doc.id, cs, ce),
            speaker=speaker,
            cue=self.text[cue_span[0] : cue_span[1]],
            content=self.text[cs:ce],
            direct=direct,
            evidence=(*extra, main),
            source_span=source,
            cue_span=Evidence.of(self.doc, *cue_span),
            content_span=Evidence.of(self.doc, cs, ce),
        )
        self.out[(cs, ce)] = stmt
        return stmt

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
        while end < len(self.text) and self.text[end] in qm.CLOSE + qm.STRAIGHT:
            end += 1  # the closing mark after `.` belongs to the sentence
        return end
