"""Perpetrator categories: who an agent phrase names, by a lexicon (first rule that matches wins).

1. "-backed", "backed by", "supported by", "proxy" -> non_state_with_state_support;
2. UN, NATO, peacekeepers, "international" bodies -> international;
3. state words (regime, government, authorities, forces, police, army, judiciary, court, ministry,
   guards, IRGC, intelligence, officials, mullahs, death squads, agents, ...) -> state, or
   other_state when a nationality word in the phrase is not the incident's country ("Belgian
   police" arresting someone in France; "European authorities"; `incidents` takes a sentence
   that names no place to be in the forces' own country);
4. armed-group words (militants, gunmen, rebels, terrorists, gang, bandits, militia, a terror group,
   goons, thugs, pirates, ...) -> non_state; a group named with a state word ("Islamic State",
   "IS") is matched before rule 3;
5. private persons and firms ("a Connecticut man", "her employers", "the company", "a convicted
   killer") -> non_state: whoever acts without being the state or an armed group;
6. anything else -> unknown.
"""

from __future__ import annotations

import re

from docket.extract.places import country_of_demonym

_SUPPORTED = re.compile(r"-backed\b|\bbacked by\b|\bsupported by\b|\bsponsored\b|\bprox(y|ies)\b", re.I)
_INTERNATIONAL = re.compile(
    r"\b(united nations|UN|NATO|peacekeep\w*|international (coalition|forces)|interpol|african union)\b"
)
_STATE = re.compile(
    r"\b(regime|government|authorit(y|ies)|(security|armed) forces|forces|police|policemen|army|military|"
    r"soldiers?|troops|judiciary|judges?|courts?|tribunal|ministry|minist(er|ers)|guards?|IRGC|Basij|"
    r"intelligence|officials?|officers?|clerical|mullahs|death squads?|agents?|operatives?|prosecutors?|"
    r"state|president|supreme leader|leaders?|rulers?|interrogators?|jailers?|prison guards|"
    r"diplomats?|embassy|commanders?|navy|gendarmerie|junta|administration|cabinet)\b",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(militants?|gunmen|rebels?|insurgents?|terrorists?|gangs?|bandits?|militias?|jihadists?|"
    r"kidnappers?|attackers?|assailants?|mob|extremists?|armed (group|men)|fighters|islamic state|"
    r"al-qaeda|al-shabaab|boko haram|taliban|cartels?|terror (groups?|cells?|outfits?|networks?)|"
    r"goons?|thugs?|vigilantes?|hitm[ae]n|pirates?)\b",
    re.I,
)
# Armed groups whose names hold a state word ("an Islamic State commander"): matched before it.
_STATE_NAMED_GROUP = re.compile(r"\b(?i:islamic state|isis|isil|daesh)\b|\bIS\b")
# Private persons and firms: the head nouns of agents who are neither the state nor an armed group.
# Not "men": "unidentified men" who seize an activist are as often agents of the state.
_PRIVATE = re.compile(
    r"\b(man|woman|husband|wife|father|mother|brother|relatives?|family|neighbou?rs?|employers?|employees|"
    r"company|companies|firms?|corporations?|business(man|men|woman)|landlords?|private citizens?|convicts?|"
    r"criminals?|suspects?|(serial )?killers?|offenders?|murderers?|rapists?|abusers?|individuals?)\b",
    re.I,
)
_MULTINATIONAL = {"european", "western", "foreign", "international", "arab"}


def category(phrase: str, incident_country: str | None) -> str:
    """The perpetrator category of an agent phrase (see the module docstring)."""
    if _SUPPORTED.search(phrase):
        return "non_state_with_state_support"
    if _INTERNATIONAL.search(phrase):
        return "international"
    if _STATE_NAMED_GROUP.search(phrase):
        return "non_state"
    if _STATE.search(phrase):
        words = re.findall(r"[A-Za-z]+", phrase.lower())
        if any(w in _MULTINATIONAL for w in words):
            return "other_state"
        for w in words:
            code = country_of_demonym(w)
            if code and incident_country and code != incident_country:
                return "other_state"
        return "state"
    if _NON_STATE.search(phrase) or _PRIVATE.search(phrase):
        return "non_state"
    return "unknown"


def is_armed_group(phrase: str) -> bool:
    """Whether a non-state agent phrase names an armed group (rule 4) rather than a private party."""
    return bool(_NON_STATE.search(phrase) or _STATE_NAMED_GROUP.search(phrase))
