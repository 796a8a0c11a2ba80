"""Law enforcement against suspects of a crime: arrests, detentions, charges, trials, sentences
and extraditions of people held for a killing, a kidnapping, a robbery ("police arrested two
suspects in connection with the murder", "the gunmen were jailed", "the extradition of the murder
suspect"). docket records them, but they are not arbitrary detention: OHCHR SDG 16.10.1 counts a
detention when the person held is the victim of repression.

An incident is law enforcement when its sentence says the people held are suspects (or gunmen,
kidnappers, culprits, impostors, ...), or holds them for a crime ("over the killing of",
"following the murder", "charged with murder", "in connection with the abduction", "pleaded
guilty to five counts of theft"), and nothing in it makes the charge a repressive one (terrorism,
propaganda, insulting the leader, spreading false news), the person held a journalist, activist
or lawyer, or calls the detention unlawful ("detained unlawfully", "arbitrary arrest"). The named
people held in such an incident are suspects in the document's other arrests too, as are the
named authors of a crime the document tells ("X kidnapped the reporter" ... "X was sentenced to
15 years"), unless that arrest's own sentence makes it repression.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from docket.extract.incident_roles import lemma

# Incident types that are acts of law enforcement when their victims are suspects (an expulsion:
# a suspect extradited or deported).
LEGAL_TYPES = {"arrest", "detention", "prison_sentence", "death_sentence", "trial", "expulsion"}
_SUSPECTS = {
    "suspect", "culprit", "perpetrator", "offender", "assailant", "gunman", "gunmen", "attacker",
    "killer", "murderer", "kidnapper", "abductor", "bandit", "militant", "robber", "criminal",
    "thief", "rapist", "trafficker", "fraudster", "smuggler", "accomplice", "fugitive", "hijacker",
    "terrorist", "insurgent", "cultist", "gangster", "burglar", "arsonist", "poacher", "dealer",
    "defendant", "mastermind", "convict", "allegedly", "alleged", "impostor", "imposter",
    "impersonator", "kingpin", "ringleader", "syndicate", "paedophile", "pedophile", "molester", "gang",
}  # fmt: skip
# People held who only pose as what they are called: "fake officers", "bogus soldiers".
_POSING = {"fake", "bogus", "sham", "phony", "phoney", "counterfeit"}
_CRIMES = {
    "murder", "killing", "kill", "kidnapping", "kidnap", "abduction", "rape", "robbery", "fraud",
    "theft", "assault", "trafficking", "smuggling", "homicide", "manslaughter", "arson", "lynching",
    "shooting", "stabbing", "bombing", "burglary", "battery", "hijacking", "extortion", "poaching",
    "death", "disappearance", "attack", "crime", "kidnap-for-ransom", "scam", "embezzlement",
    "bribery", "ring", "hijack", "massacre", "beheading", "steal", "stealing", "rob", "defraud",
    "swindle", "extort", "embezzle", "impersonation", "impersonate", "felony", "molestation", "sextortion",
    "carjacking", "cybercrime", "beat", "beating", "torture", "abuse", "harassment", "harass",
    "raping",  # the lemmatiser makes "raping" "rap"
}  # fmt: skip
# Prepositions and verbs that hold someone *for* a crime ("in connection with", "charged with").
_FOR = {"over", "for", "with", "in", "of", "after", "following"}
_CHARGE_HEADS = {
    "charge", "convict", "accuse", "suspect", "guilty", "indict", "sentence", "try", "book", "suspicion",
    "count", "plead",
}  # fmt: skip
_EXPOSE = {
    "expose", "report", "investigate", "uncover", "cover", "document", "reveal", "denounce",
    "criticize", "criticise", "protest", "publish", "write", "condemn",
}  # fmt: skip
# Charges and people that make a detention repression whatever the words around it.
_REPRESSION = {
    "terrorism", "propaganda", "insult", "insulting", "sedition", "seditious", "blasphemy", "treason",
    "espionage", "spying", "subversion", "extremism", "defamation", "protest", "protester",
    "demonstrator", "journalist", "activist", "lawyer", "defender", "blogger", "reporter", "dissident",
    "opposition", "critic", "unionist", "rumour", "rumor", "anti-state",
}  # fmt: skip
# "false news", "fake information": a charge of words. "False imprisonment" is a crime, and "fake
# officers" are impostors, so "false" and "fake" are repression only with words like these.
_FALSE = {"false", "fake"}
_WORDS = {
    "news", "information", "report", "statement", "claim", "story", "content", "video", "allegation",
    "data", "broadcast", "publication", "article", "post", "message", "narrative", "account", "rumour",
}  # fmt: skip
# The text itself calling the detention unlawful: "detained unlawfully", "arbitrary arrest".
_UNLAWFULLY = {"arbitrarily", "unlawfully", "wrongfully", "wrongly", "unjustly"}
_UNLAWFUL = {"arbitrary", "unlawful", "wrongful", "unjust"}
_HOLDING = {"arrest", "detain", "detention", "imprison", "imprisonment", "jail", "hold", "custody"}


def _called_unlawful(sent: Span) -> bool:
    """ "detained unlawfully", "the arbitrary arrest of": the text itself calls the detention unlawful."""
    return any((t.lower_ in _UNLAWFULLY or t.lower_ in _UNLAWFUL) and lemma(t.head) in _HOLDING for t in sent)


def _reported(t: Token) -> bool:
    """A crime someone exposed or reported on ("arrested for exposing a fraud", "for reporting on
    the killings") is the subject of their work, not their charge."""
    return t.dep_ in ("dobj", "pobj") and (
        lemma(t.head) in _EXPOSE or (t.head.dep_ == "prep" and lemma(t.head.head) in _EXPOSE)
    )


def _held_for_crime(sent: Span) -> bool:
    """A crime word as the object of "over/for/in connection with" or of a charge ("charged with
    murder", "convicted of kidnapping", "the murder case")."""
    for t in sent:
        if (lemma(t) not in _CRIMES and t.lower_ not in _CRIMES) or _reported(t):
            continue
        head = t.head
        # "over the killing of", "for killing a journalist"; "with" only after a charge or "in
        # connection": "threatened with rape" says what was done to the person held.
        if (
            t.dep_ in ("pobj", "pcomp")
            and head.lower_ in _FOR
            and (head.lower_ != "with" or lemma(head.head) in _CHARGE_HEADS | {"connection"})
        ):
            return True
        if t.dep_ == "compound" and lemma(head) in ("case", "charge", "probe", "investigation", "trial"):
            return True  # "the murder case", "murder charges"
        if t.dep_ == "pobj" and head.dep_ == "prep" and lemma(head.head) in _CHARGE_HEADS:
            return True
    # "arrested for leading a kidnap ring", "jailed over a mask scam", "pleaded guilty to five counts
    # of theft": the crime inside the phrase, whatever the parser made of its words
    for t in sent:
        crimes = (x for x in t.subtree if lemma(x) in _CRIMES and not _reported(x))
        if (
            t.dep_ == "prep"
            and (
                t.lower_ in ("for", "over") or (t.lower_ in _FOR | {"to"} and lemma(t.head) in _CHARGE_HEADS)
            )
            and any(crimes)
        ):
            return True
    # "arrested for allegedly posing as officers": held for what they are said to have done
    return any(
        t.dep_ == "pcomp"
        and t.head.lower_ in ("for", "over")
        and any(c.lower_ == "allegedly" for c in t.children)
        for t in sent
    )


def _words_of(held: list[Token]) -> set[str]:
    """The lemmas and forms of the phrases that name the people held."""
    return {w for h in held for x in h.subtree for w in (lemma(x), x.lower_)}


def repression_told(sent: Span, held: list[Token]) -> bool:
    """Whether `sent` makes the detention of `held` repression: a repressive charge, a journalist,
    activist or lawyer held, a charge of false news, or the detention called unlawful."""
    # The victim of the crime is no one held: "sentenced for the murder of journalist X" is no
    # repression of a journalist, so the crime's "of"/"on" phrase is left out of the sentence's words.
    crime = {
        x.i
        for t in sent
        if lemma(t) in _CRIMES and not _reported(t)
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "against")  # "a hammer attack on a blogger"
        for x in c.subtree
    }
    # Nor is the source of the report: "according to lawyer X, Italy asked for the extradition".
    source = {x.i for t in sent if t.lower_ == "according" for x in t.subtree}
    words = {w for t in sent if t.i not in crime | source for w in (lemma(t), t.lower_)}
    held_words = _words_of(held)
    false_news = any(t.lower_ in _FALSE and lemma(t.head) in _WORDS for t in sent)
    return bool(held_words & _REPRESSION or words & _REPRESSION or false_news or _called_unlawful(sent))


def suspects_held(sent: Span, held: list[Token]) -> bool:
    """Whether `sent` says that `held` are held as suspects of a crime (module docstring); the
    incident is law enforcement when this holds and `repression_told` does not."""
    held_words = _words_of(held)
    posing = any(c.dep_ in ("amod", "compound") and c.lower_ in _POSING for h in held for c in h.children)
    # "arrested the accused": the participle as a noun, with its article
    accused = any(h.lower_ == "accused" and any(c.dep_ == "det" for c in h.children) for h in held)
    return bool(held_words & _SUSPECTS) or posing or accused or _held_for_crime(sent)


def same_people(names: set[str], other: set[str]) -> bool:
    """Whether two sets of victim names share a person, by a shared last word ("Yazeed" and
    "Ibraheem Yazeed")."""
    last = {n.split()[-1].lower() for n in names if n.split()}
    return bool(last & {n.split()[-1].lower() for n in other if n.split()})
