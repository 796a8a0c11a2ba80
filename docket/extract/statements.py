"""Statements: who said what, as direct quotes or reported speech, each part tied to its span.

Direct quotes are found from quote marks and attributed by the cue verb next to them: after the
quote (`“…,” said X`), before it (`X said, “…”`, `According to X, “…”`), or in the sentence just
before (`X stated:` / `“…,” he said. “…”`). Reported speech is a cue verb with a clausal complement
(`X insisted that …`), a parenthetical cue (`…, he added, …`), `according to X`, or one of a few
verbs whose object is the claim (`X condemned …`). A cue whose object only points back (`X admitted
as much`, `this was something X acknowledged`) takes the sentence before as its claim, and a naming
verb in the passive (`Y was branded by X as Z`) gives X's view Z (`statement_anaphora`). Pronoun
speakers take the nearest preceding name.
A quote with no cue near it (a title, a slogan, a scare quote) is not a statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from spacy.tokens import Doc, Token

from docket.extract import quotes as qm
from docket.extract.quotes import Quote, strip_span
from docket.extract.speakers import SENTENCE_END, STRIP, SpeakerFinder
from docket.extract.statement_anaphora import passive_view, referred_sentence
from docket.model import Document, Entity, Evidence, Statement, stable_id

Mode = Literal["speech", "belief"]
# A line opened by up to ~6 words of a name and a colon, then the claim (the rest of the line).
_COLON_LINE = re.compile(r"^[ \t]*([A-Z][^\n:“”\"]{1,60}?):[ \t]+(?=\S)[^\n]*", re.MULTILINE)


def extract_statements(doc: Document, parsed: Doc, entities: Sequence[Entity]) -> tuple[Statement, ...]:
    """The statements in `doc`, in text order; `parsed` is `nlp(doc.text)`, `entities` its entities."""
    return _Extractor(doc, parsed, entities).run()


class _Extractor(SpeakerFinder):
    def __init__(self, doc: Document, parsed: Doc, entities: Sequence[Entity]) -> None:
        super().__init__(doc, parsed, entities)
        self.out: dict[tuple[int, int], Statement] = {}
        self.used: set[int] = set()  # cue tokens already attributed to a quote
        self.cue_sentence_end: dict[int, tuple[int, Statement]] = {}  # sentence end -> direct statement
        title = doc.title.value or ""
        self.headline_end = len(title) if title and self.text.startswith(title) else 0

    def run(self) -> tuple[Statement, ...]:
        for q in self.quotes:
            self._direct(q)
        self._colon_lines()
        for t in self.parsed:
            # Only a verb or "according (to)" reports anything: skip the rest before the look-ups.
            if t.pos_ not in ("VERB", "AUX") and t.lower_ != "according":
                continue
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
        last = self.text[q.end - q.mark - 1] if q.end > q.mark else ""
        for t in words[:6]:
            if not qm.is_cue(t) or any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
                continue  # `“Sunday Futures,” Issa said Clinton is …`: the cue has its own claim
            subject = self._subject(t)
            if subject is None or subject.idx < q.end or self.quote_at(subject.idx) is not None:
                subject = self._named_between(words, t)  # `“…,” Ramos, 58, told AFP`: misparsed
            if subject is None:
                continue
            if t.i == words[0].i or last in ",!?—–-…":
                return t, subject, (_cue_start(t), t.idx + len(t))
        return None

    @staticmethod
    def _named_between(words: list[Token], cue: Token) -> Token | None:
        """The speaker of `“…,” X, 58, told …` when the parser hung the cue off the quote: the head
        of the words between the quote and the cue, if they are only a name (no verb among them)."""
        before = [w for w in words if w.i < cue.i]
        if not before or any(w.pos_ in ("VERB", "AUX") for w in before):
            return None
        inside = {w.i for w in before}
        heads = [w for w in before if w.head.i not in inside and w.pos_ in ("PROPN", "NOUN", "PRON")]
        return heads[0] if heads and heads[0].lower_ not in qm.NO_SPEAKER else None

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
            return c, subject, (c.idx if according else _cue_start(c), end)
        return None

    def _neighbour(self, q: Quote, content: tuple[int, int]) -> None:
        """A quote standing alone after `X said.` or after a quote whose cue trails it (`… he said. “…”`)."""
        k = len(self.text[: q.start].rstrip())
        if k == 0 or self.text[k - 1] not in SENTENCE_END | {qm.CLOSE, qm.STRAIGHT, "'"}:
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

    def _colon_lines(self) -> None:
        """`Graham: Trump's rhetoric is hateful` and transcript turns (`TAPPER: Do you think ...`): a line
        opened by a name and a colon. The name must be a person or organisation (or a transcript's
        capitals), not a place or a label (`Iran: ...` is a topic, `UPDATE: ...` a heading)."""
        for m in _COLON_LINE.finditer(self.text):
            if m.start() < self.headline_end:
                continue  # "MEK: The Opposition the Regime Wants to Silence" is a headline, not a quote
            ns, ne, colon = m.start(1), m.end(1), m.end(1)
            name = self.parsed.char_span(ns, ne, alignment_mode="expand")
            if name is None or len(name) > 6 or name[0].lower_ in qm.NOT_SPEAKER_LABELS:
                continue
            words = [t for t in name if not t.is_punct]
            shouted = all(t.text.isupper() and len(t.text) > 2 for t in words)
            named = any(t.ent_type_ in ("PERSON", "ORG") for t in words) and all(
                t.text[:1].isupper() for t in words
            )
            last = words[-1].lower_ if words else ""
            # "Poll: …", "Clinton camp: …", "Newspaper: …": a record or a body of people speaks too
            described = last in qm.INFO_SOURCES or last in qm.AGENTS or last == "camp"
            content = strip_span(self.text, colon + 1, m.end(), STRIP)
            if not (shouted or named or described) or len(self.text[slice(*content)].split()) < 3:
                continue
            colon_tok = self._token_at(colon)
            self._emit(name[-1], colon_tok, (colon, colon + 1), content, direct=False, source=(ns, ne))

    # -- reported speech --------------------------------------------------------------------------------

    def _reported(self, t: Token) -> None:
        according = qm.according_source(t)
        if according is not None:
            if according.lemma_.lower() in qm.NOT_SOURCES:
                return
            content = strip_span(self.text, *self._around(t.head, t), STRIP + ".")
            end = according.head.idx + len(according.head)
            self._emit(according, t, (t.idx, end), content, direct=False)
            return
        if qm.negated(t):
            return
        if not qm.is_cue(t):
            self._attitude(t)
            return
        ccomp = [c for c in t.children if c.dep_ == "ccomp" or (c.i > t.i and qm.has_that(c))]
        ccomp = [c for c in ccomp if c.i > t.i] or ccomp  # "X said that ..." over a misparsed heading
        if not ccomp and t.lemma_.lower() in qm.SAY_CUES:  # "said legalizing it could ...": a clause
            ccomp = [c for c in t.children if c.i > t.i and c.dep_ == "xcomp" and _has_clause(c)]
        preps = [
            c
            for c in t.children
            if c.dep_ == "prep" and c.i > t.i and c.lower_ in qm.PREP_CUES.get(t.lemma_, ()) and not _when(c)
        ]  # "On Twitter, X called Y Z": a prepositional phrase before the cue is no call *on* anyone
        objects = [c for c in t.children if c.dep_ == "dobj" and c.i > t.i]
        if ccomp:
            content = self._span_of(ccomp[0].left_edge.i, ccomp[-1].right_edge.i)
        elif (before := referred_sentence(t)) is not None:  # "admitted as much": the claim before
            content = self._span_of(before.start, before.end - 1)
        elif qm.aside(t):
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
            self._attitude(t)
            return
        subject = self._subject(t)
        if subject is None:
            return
        content = self._before_others(t, self._paragraph(t, content))
        end = t.idx + len(t)
        for c in [*preps[:1], *(c for c in t.children if c.dep_ == "prt")]:
            if c.i == t.i + 1:
                end = c.idx + len(c)  # "called for", "pointed out"
        mode: Mode = "belief" if t.lemma_.lower() in qm.BELIEF_CUES else "speech"  # "X believes that"
        self._emit(subject, t, (_cue_start(t), end), content, direct=False, mode=mode)

    def _attitude(self, t: Token) -> None:
        """`X endorsed Y`, `X wants to Y`, `X believes Y`, `X called Y Z`, `the poll shows Y`: a view
        attributed beyond a speech verb with a clause, kept only for a source that can hold one."""
        mode = qm.attitude(t)
        # Title case misleads the parser ("... Tehran Wants to Destroy"): a headline keeps its speech
        # cues ("Minister says ...") but not the wider attitude verbs.
        if mode is None or self.quote_at(t.idx) is not None or t.idx < self.headline_end:
            return
        lemma = t.lemma_.lower()
        after = [c for c in t.children if c.i > t.i]
        clause = [c for c in after if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if not clause:  # "…, new fundraising reports show.": the clause comes first, then a comma
            clause = [c for c in t.children if c.dep_ == "ccomp" and c.i < t.i and self._comma_between(c, t)]
        as_role = lemma in qm.VIEW_AS and any(c.dep_ == "prep" and c.lower_ == "as" for c in after)
        naming = lemma in qm.NAMING_CUES  # "called him “third-rate”", "described X as Y"
        objects = [
            c
            for c in after
            if (c.dep_ == "dobj" or (naming and c.dep_ == "oprd"))
            and c.lemma_.lower() not in qm.EMPTY_OBJECTS
        ]
        preps = [
            c
            for c in after
            if c.dep_ == "prep" and c.lower_ in qm.ATTITUDE_PREPS.get(lemma, ()) and not _when(c)
        ]  # "spoke on Tuesday about Y": Y, not Tuesday
        pobj = next((p for c in preps[:1] for p in c.children if p.dep_ == "pobj"), None)
        if clause and not (clause[0].dep_ == "xcomp" and lemma in qm.CLAUSE_ONLY):
            first = objects[0] if objects and objects[0].i < clause[0].i else clause[0]  # "urged them to"
            content = self._span_of(first.left_edge.i, clause[-1].right_edge.i)
        elif pobj is not None:
            content = self._span_of(pobj.left_edge.i, pobj.right_edge.i)
        elif objects and (lemma not in qm.CLAUSE_ONLY or as_role) and lemma not in qm.ADDRESSEE:
            comps = [
                c
                for c in after
                if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp")
                or ((naming or as_role) and c.lower_ == "as")
                or (lemma in qm.FOR_REASON and c.dep_ == "prep" and c.lower_ == "for")  # "thanked X for Y"
            ]
            content = self._span_of(objects[0].left_edge.i, max(c.right_edge.i for c in comps))
        elif (naming or as_role) and (view := passive_view(t)) is not None:  # "was branded by X as Y"
            content = self._span_of(view.left_edge.i, view.right_edge.i)
        else:
            return
        subject = self._subject(t)
        if subject is None or not qm.plausible_source(subject, t):
            return
        end = t.idx + len(t)
        for c in (*preps[:1], *(c for c in t.children if c.dep_ == "prt")):
            if c.i == t.i + 1:
                end = c.idx + len(c)  # "talked about", "backed off"
        content = self._before_others(t, self._paragraph(t, content))
        self._emit(subject, t, (_cue_start(t), end), content, direct=False, mode=mode)

    def _comma_between(self, clause: Token, cue: Token) -> bool:
        """Whether a comma ends the fronted `clause` before `cue` (`…, records show`)."""
        return any(t.text == "," for t in self.parsed[clause.right_edge.i + 1 : cue.i])

    def _before_others(self, cue: Token, span: tuple[int, int]) -> tuple[int, int]:
        """`span` cut before any quote already attributed inside it (`X said A and said, “B”`)."""
        cs, ce = span
        for st in self.out.values():
            parts = [p for p in (st.cue_span, st.content_span) if p is not None and cs < p.start < ce]
            if parts and st.cue_span is not None and st.cue_span.start != cue.idx:
                ce = min(ce, *(p.start for p in parts))
        cs, ce = strip_span(self.text, cs, ce, STRIP + ".")  # not the full stop
        while True:  # nor a conjunction left dangling by the cut
            words = self.text[cs:ce].rsplit(None, 1)
            if len(words) < 2 or words[1] not in ("and", "but", "or"):
                return cs, ce
            cs, ce = strip_span(self.text, cs, cs + len(words[0]), STRIP + ".")

    def _around(self, head: Token, hole: Token) -> tuple[int, int]:
        """The clause `head` heads minus the parenthetical `hole` (`…, he added, …`): the longer side."""
        cs, ce = self._span_of(head.left_edge.i, head.right_edge.i)
        hs, he = self._span_of(hole.left_edge.i, hole.right_edge.i)
        left, right = strip_span(self.text, cs, hs, STRIP), strip_span(self.text, he, ce, STRIP)
        return left if left[1] - left[0] > right[1] - right[0] else right

    # -- assembling -------------------------------------------------------------------------------------

    def _emit(
        self,
        subject: Token | None,
        cue: Token,
        cue_span: tuple[int, int],
        content: tuple[int, int],
        direct: bool,
        like: Statement | None = None,
        mode: Mode = "speech",
        source: tuple[int, int] | None = None,
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
            src = source or (self._source(subject, cue) if subject is not None else (0, 0))
            if src[1] <= src[0]:
                return None
            speaker, antecedent = self._speaker(subject, src)
            if not speaker.name.strip():
                return None  # no words name the speaker: the data model needs a name
            source, extra = Evidence.of(self.doc, *src), (antecedent,) if antecedent else ()
        parts = [p for p in (source, cue_span, (cs, ce)) if p is not None]
        starts = [p.start if isinstance(p, Evidence) else p[0] for p in parts]
        ends = [p.end if isinstance(p, Evidence) else p[1] for p in parts]
        lo = max(self._token_at(min(starts)).sent.start_char, self.text.rfind("\n", 0, min(starts)) + 1)
        hi = self._sentence_end(self._token_at(max(ends) - 1))
        para_end = self.text.find("\n", max(ends))
        hi = hi if para_end < 0 else min(hi, para_end)
        ms, me = strip_span(self.text, lo, max(hi, max(ends)), " \t\r\n")
        # the trim drops an unbalanced mark at the edge, which may open the content itself: keep every part
        main = Evidence.of(self.doc, min(ms, min(starts)), max(me, max(ends)))
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
            mode=mode,
        )
        self.out[(cs, ce)] = stmt
        return stmt


def _has_clause(t: Token) -> bool:
    """Whether a clause with its own subject lies under `t` (`legalizing it could put ...`)."""
    return any(d.dep_ in ("nsubj", "nsubjpass") for d in t.subtree if d.i != t.i)


def _when(prep: Token) -> bool:
    """A time phrase (`on Tuesday`, `in 2015`): never what a view is about."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _cue_start(cue: Token) -> int:
    """Where the cue's words begin: with its tense auxiliaries and a joining adverb (`has also said`,
    `is telling`), as PolNeAR marks them; never a modal or a negation (those cues are not taken)."""
    start = cue
    for c in reversed([c for c in cue.children if c.i < cue.i]):
        if c.i != start.i - 1:
            break
        tense = c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"  # not the `to` of `used the event to say`
        if not (tense or (c.dep_ == "advmod" and c.lower_ in _JOINING)):
            break
        start = c
    return start.idx


_JOINING = frozenset(("also", "later", "repeatedly", "again", "previously"))
