"""The words that name incidents: verb and noun lemmas with the incident type each names.
`incident_triggers` reads them with their dependents; other readings ask whether a word is one."""

# Verb lemma -> incident type.
VERBS = {
    "kill": "killing", "massacre": "killing", "murder": "killing", "slay": "killing",
    "assassinate": "killing", "slaughter": "killing", "behead": "killing",
    "execute": "execution", "hang": "execution",
    "arrest": "arrest", "apprehend": "arrest", "rearrest": "arrest", "re-arrest": "arrest",
    "detain": "detention", "imprison": "detention", "jail": "detention", "incarcerate": "detention",
    "abduct": "kidnapping", "kidnap": "kidnapping",
    "torture": "torture", "beat": "torture", "flog": "torture", "whip": "torture", "lash": "torture",
    "mutilate": "torture",
    "harass": "harassment", "summon": "harassment", "intimidate": "harassment",
    "threaten": "harassment",
    "confiscate": "confiscation", "expropriate": "confiscation",
    "protest": "protest", "demonstrate": "protest", "rally": "protest",
    "attack": "attack", "bomb": "attack", "shell": "attack", "raid": "attack", "storm": "attack",
    "explode": "attack", "detonate": "attack", "dynamite": "attack", "ambush": "attack",
    "plot": "plot", "conspire": "plot",
    "expel": "expulsion", "deport": "expulsion", "extradite": "expulsion",  # sent to another state
    "disappear": "enforced_disappearance",
    "rape": "other",  # sexual violence: OHCHR "other" (docket has no type of its own for it yet)
}  # fmt: skip
# Noun lemma -> incident type.
NOUNS = {
    "killing": "killing", "massacre": "killing", "murder": "killing", "assassination": "killing",
    "bloodshed": "killing", "slaughter": "killing",
    "execution": "execution", "hanging": "execution",
    "arrest": "arrest", "detention": "detention", "imprisonment": "detention",
    "disappearance": "enforced_disappearance",
    "kidnapping": "kidnapping", "abduction": "kidnapping",
    "torture": "torture", "flogging": "torture", "beating": "torture", "lashing": "torture",
    "mutilation": "torture",
    "harassment": "harassment", "intimidation": "harassment",
    "confiscation": "confiscation", "seizure": "confiscation",
    "protest": "protest", "uprising": "protest", "demonstration": "protest", "rally": "protest",
    "attack": "attack", "bombing": "attack", "airstrike": "attack", "shelling": "attack",
    "explosion": "attack", "blast": "attack", "detonation": "attack", "ambush": "attack",
    "plot": "plot", "expulsion": "expulsion", "deportation": "expulsion", "extradition": "expulsion",
    "trial": "trial", "rape": "other",
}  # fmt: skip
# Sexual violence, OHCHR "other", named by a word that alone names no incident or another one:
# "sexually assaulted her", "molested", "sexual abuse", "sexual violence against detainees".
SEXUAL_VERBS = {"assault", "abuse", "molest"}  # with "sexually", except "molest"
SEXUAL_NOUNS = {"assault", "abuse", "violence", "exploitation", "molestation"}  # with "sexual"
