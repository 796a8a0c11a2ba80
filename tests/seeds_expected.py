"""What a careful reader finds in the five seed articles (../shared/corpus/seeds), written as checks.

Each entry names a seed by its number prefix and describes a fact by the fields a reader would
check; a field left out is not checked. Strings match case-insensitively as substrings of the
exported value (a name, description, cue). The articles carry no publication date, so relative
dates ("last November", "July 17") have no value, by design.

Every fact listed here is found: the known misses of earlier sessions (two statements told before
their cue, a view in the passive, a counted plural, an attack at a site named the sentence before)
were read and moved up.
"""

from __future__ import annotations

from typing import Any

Fact = dict[str, Any]

INCIDENTS: list[Fact] = [
    # 000: the November 2019 crackdown, as the MEK determined it
    {"seed": "000", "type": "killing", "count": 1500, "qualifier": "approximately",
     "perpetrator": "Revolutionary Guards", "category": "state", "victim": "peaceful demonstrators",
     "attributed_to": "MEK", "cue": "determined", "date": None},
    {"seed": "000", "type": "arrest", "count_low": 2000, "qualifier": "thousands"},
    {"seed": "000", "type": "detention"},
    {"seed": "000", "type": "death_sentence"},
    {"seed": "000", "type": "killing", "date": "1988", "count": 30000, "victim": "political prisoners"},
    {"seed": "000", "type": "arrest", "date": "2013", "place": "Tehran", "country": "IR",
     "perpetrator": "security forces", "victim": "Hassan Sadeghi"},
    {"seed": "000", "type": "arrest", "date": "2013", "victim": "Fatemeh Mosanna"},
    {"seed": "000", "type": "execution", "date": "2010-12", "victim": "Ali Saremi"},
    {"seed": "000", "type": "prison_sentence", "victim": "Ali Saremi"},
    {"seed": "000", "type": "execution", "date": "2011-01", "victim": "Jafar Kazemi"},
    {"seed": "000", "type": "execution", "date": "2011-01", "victim": "Mohammad Haj-Aqai"},
    {"seed": "000", "type": "detention", "victim": "son"},
    {"seed": "000", "type": "confiscation", "category": "state"},
    {"seed": "000", "type": "protest", "date": "2018-01"},
    # 001: the June 2018 bomb plot against the rally near Paris; arrests of relatives
    {"seed": "001", "type": "arrest", "date": "2018-06", "country": "FR", "victim": "Iranian-Belgian couple",
     "perpetrator": "European authorities", "category": "other_state"},
    {"seed": "001", "type": "plot", "date": "2018"},
    {"seed": "001", "type": "arrest", "victim": "Assadollah Assadi"},
    {"seed": "001", "type": "trial", "place": "Belgium"},
    {"seed": "001", "type": "killing", "date": "1988", "count_low": 30000, "qualifier": "over",
     "perpetrator": "clerical regime", "victim": "political prisoners"},
    {"seed": "001", "type": "harassment"},
    {"seed": "001", "type": "protest", "date": "2019-07", "place": "Sweden"},
    # 002: the 1988 massacre and the regime's answer to the movement for justice
    {"seed": "002", "type": "killing", "date": "1988", "victim": "political prisoners"},
    {"seed": "002", "type": "execution", "count": 25, "victim": "Sunni prisoners"},
    {"seed": "002", "type": "protest", "date": "1999-07"},
    {"seed": "002", "type": "protest", "date": "2009"},
    {"seed": "002", "type": "attack", "place": "Tehran"},
    # 003: one year after the November 2019 crackdown
    {"seed": "003", "type": "protest", "date": "2019-11"},
    {"seed": "003", "type": "killing", "count": 1500},
    {"seed": "003", "type": "attack", "perpetrator": "IRGC", "category": "state", "victim": "crowds"},
    {"seed": "003", "type": "torture"},
    {"seed": "003", "type": "killing", "date": "1988", "count_low": 30000, "qualifier": "over"},
    {"seed": "003", "type": "killing", "victim": "innocent prisoners", "attributed_to": "Pourmohammadi"},
    {"seed": "003", "type": "plot", "date": "2018-06", "place": "Paris", "country": "FR"},
    {"seed": "003", "type": "arrest", "victim": "diplomat"},
    {"seed": "003", "type": "trial"},
    # 004: the opposition Tehran wants to destroy
    {"seed": "004", "type": "killing", "count": 1500, "victim": "peaceful protesters"},
    {"seed": "004", "type": "killing", "date": "1988", "count": 30000, "victim": "political prisoners"},
    {"seed": "004", "type": "expulsion", "date": "2018", "victim": "Iranian diplomats"},
    {"seed": "004", "type": "plot", "date": "2018", "place": "Paris"},
    {"seed": "004", "type": "plot", "date": "2018", "victim": "community", "place": "Albania", "country": "AL"},
    {"seed": "004", "type": "attack", "victim": "political opponents"},
    {"seed": "004", "type": "death_sentence"},  # "the imposition of multiple death sentences"
    # 000: "numerous attacks, sieges, ..." on "the compound", named Camp Ashraf the sentence before
    {"seed": "000", "type": "attack", "place": "Camp Ashraf"},
]  # fmt: skip

STATEMENTS: list[Fact] = [
    {"seed": "000", "speaker": "MEK", "cue": "determined", "direct": False, "content": "killed approximately 1,500"},
    {"seed": "000", "speaker": "Khamenei", "cue": "said", "content": "planned for months"},
    {"seed": "000", "speaker": "Tehran", "cue": "insisted", "content": "little more than"},
    {"seed": "001", "speaker": "Maryam Rajavi", "cue": "said", "direct": True, "content": "epicenters for espionage"},
    {"seed": "001", "speaker": "NCRI", "cue": "appealed", "content": "UN-led inquiry"},
    {"seed": "002", "speaker": "Ali Larijni", "cue": "said", "direct": True, "content": "mother of terrorism"},
    {"seed": "002", "speaker": "Fars", "cue": "reported", "content": "declaring war"},
    {"seed": "002", "speaker": "Fars news agency", "cue": "said", "direct": True, "content": "creeping coup"},
    {"seed": "002", "speaker": "a regime official", "cue": "said", "direct": True, "content": "Samen"},
    {"seed": "002", "speaker": "Khamenei", "cue": "according to", "direct": True, "content": "executioners for martyrs"},
    {"seed": "002", "speaker": "Assadollah Imani", "cue": "said", "direct": True, "content": "repressed in 1988"},
    {"seed": "002", "speaker": "Alamolhoda", "cue": "said", "direct": True, "content": "defending the MEK"},
    {"seed": "002", "speaker": "Mizan news agency", "cue": "said", "direct": True, "content": "audio file"},
    {"seed": "002", "speaker": "Rajavi", "cue": "said", "direct": True, "content": "very important document"},
    {"seed": "002", "speaker": "Maryam Rajavi", "cue": "called for", "content": "justice for the victims"},
    {"seed": "002", "speaker": "Khomeini", "cue": "explained", "direct": True, "content": "give up this country"},
    {"seed": "003", "speaker": "Michèle Alliot-Marie", "cue": "say", "direct": True, "content": "I deplore"},
    {"seed": "003", "speaker": "Ivan Štefanec", "cue": "stated", "content": "continuation of the 1988 massacre"},
    {"seed": "003", "speaker": "Štefanec", "cue": "concluded", "direct": True, "content": "Human rights should come first"},
    {"seed": "003", "speaker": "Stanislav Polčák", "cue": "said", "direct": True, "content": "two sides of the same coin"},
    {"seed": "003", "speaker": "Pourmohammadi", "cue": "declared", "content": "God’s command"},
    {"seed": "004", "speaker": "clerical leaders", "cue": "claimed", "content": "cult"},
    # claims told in the sentence before the cue ("admitted as much", "This was something that ...")
    {"seed": "000", "speaker": "Khamenei", "cue": "admitted", "direct": False, "content": "response to a movement"},
    {"seed": "000", "speaker": "Amnesty International", "cue": "acknowledged", "content": "visiting the compound"},
    # a view told in the passive: "has been expressly identified by ... as the driving force"
    {"seed": "004", "speaker": "Khamenei", "cue": "identified", "content": "driving force"},
]  # fmt: skip

DATES: list[Fact] = [
    {"seed": "000", "text": "December 2010", "value": "2010-12", "precision": "month"},
    {"seed": "000", "text": "January 2011", "value": "2011-01", "precision": "month"},
    {"seed": "000", "text": "2013", "value": "2013", "precision": "year"},
    {"seed": "000", "text": "the beginning of 2018", "value": "2018", "precision": "year"},
    {"seed": "000", "text": "November 2019", "value": "2019-11", "precision": "month"},
    {"seed": "000", "text": "last November", "value": None},
    {"seed": "001", "text": "June of that year", "value": "2018-06", "precision": "month"},
    {"seed": "001", "text": "the summer of 1988", "value": "1988", "precision": "year"},
    {"seed": "001", "text": "July 17", "value": None},
    {"seed": "002", "text": "July 9, 1999", "value": "1999-07-09", "precision": "day"},
    {"seed": "002", "text": "July 1999", "value": "1999-07", "precision": "month"},
    {"seed": "002", "text": "the 80s", "value": "1980", "precision": "decade"},
    {"seed": "003", "text": "November 14, 2019", "value": "2019-11-14", "precision": "day"},
    {"seed": "003", "text": "June 2018", "value": "2018-06", "precision": "month"},
    {"seed": "003", "text": "January 2018", "value": "2018-01", "precision": "month"},
    {"seed": "004", "text": "1988", "value": "1988", "precision": "year"},
]  # fmt: skip

# One entity of the export must carry all these names (as its name or aliases).
ALIASES: list[list[str]] = [
    ["MEK", "PMOI", "People’s Mojahedin Organization of Iran", "Mujahedin-e-Khalq"],
    ["IRGC", "Revolutionary Guards", "Islamic Revolutionary Guard Corps"],
    ["NCRI", "National Council of Resistance of Iran"],
    ["Ali Khamenei", "Khamenei"],
    ["Ali Saremi", "Saremi"],
    ["Maryam Rajavi", "Rajavi"],
    ["Ivan Štefanec", "Štefanec"],
    ["Michèle Alliot-Marie", "Alliot-Marie"],
]
# Names a careful reader keeps apart: no entity may carry two of them.
DISTINCT: list[list[str]] = [["Khomeini", "Ahmad Khomeini"], ["Hassan Sadeghi", "Gholam Hossein Sadeghi"]]
