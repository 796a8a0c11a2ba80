"""Name keys for joining entities across documents (docket/resolve/names.py): honorifics, romanisation
variants, acronyms, short organisation names and roles tied to a name. Fictional names throughout."""

from __future__ import annotations

import pytest

from docket.resolve.names import (
    acronym_letters,
    block_key,
    consonant_key,
    distinctive_words,
    initials_of,
    is_lone_org_name,
    person_variant,
    role_key,
    role_mentions,
    role_ties,
    roman_key,
    strip_titles,
    variant,
)
from docket.resolve.orgs import drop_legal_form, plain_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mojahedin", "Mujahedin"),  # o / u
        ("Mujahideen", "Mojahedin"),  # ee / i, e / i
        ("Pourkazemi", "Pour-Kazemi"),  # hyphen
        ("Pour Kazemi", "Pourkazemi"),  # space
        ("Rouhanfar", "Ruhanfar"),  # ou / u
        ("Sadeghi", "Sadeqi"),  # gh / q
        ("Khalq", "Halq"),  # kh / h
        ("Mousavand", "Musawand"),  # w / v
        ("Hosseinzadeh", "Husaynzade"),  # ei / ay, doubled letters, final h
        ("Mohammad", "Mohammed"),  # a vowel apart
        ("Velkani", "Velkni"),  # a vowel dropped (Larijani / Larijni)
        ("Mujahedin-e-Kestrav", "Mojahedin Kestrav"),  # the ezafe
        ("Tehran", "Teheran"),
    ],
)
def test_variants_of_one_name(a: str, b: str) -> None:
    v = variant(a, b)
    assert v is not None, (roman_key(a), roman_key(b))
    assert 0.8 <= v.score <= 1.0
    assert block_key(a, person=False) == block_key(b, person=False)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hassan", "Hossein"),  # the long vowel ei differs
        ("Mohammad", "Mohammadi"),  # the final i makes another name
        ("Sudan", "Sedan"),  # short names a vowel apart are not guessed at
        ("Jan", "Jon"),
        ("Iran", "Iraq"),
        ("Saremi", "Karimi"),
        ("Rajavi", "Rajabi"),
        ("Khamenei", "Khomeini"),
    ],
)
def test_different_names_are_not_variants(a: str, b: str) -> None:
    assert variant(a, b) is None


def test_variant_score_and_reason() -> None:
    v = variant("Velkni", "Velkani")
    assert v is not None and v.score == pytest.approx(0.923, abs=0.001)
    assert "same consonants" in v.how
    same = variant("Mojahedin", "Mujahedin")
    assert same is not None and same.score == 1.0 and "mujahedin" in same.how


def test_keys() -> None:
    assert roman_key("Sayyed Ghasemi") == roman_key("Seyed Qasemi")
    assert consonant_key(roman_key("Hossein")) != consonant_key(roman_key("Hassan"))
    assert consonant_key("") == ""


def test_person_variant_needs_the_first_names_to_agree() -> None:
    v = person_variant("Ali Velkani", "Ali Velkni")
    assert v is not None and "surname" in v.how and v.score > 0.9
    assert person_variant("Mohammad Tavana", "Mohammed Tavana") is not None
    assert person_variant("Ali Velkani", "Sadegh Velkani") is None  # same surname, other first name
    assert person_variant("Hassan Sadeghi", "Hossein Sadeqi") is None
    assert person_variant("Velkani", "Ali Velkani") is None  # a lone surname is not a full name


def test_strip_titles() -> None:
    assert strip_titles("Mr. Tavana", person=True) == "Tavana"
    assert strip_titles("Dr. Shirin Tavana", person=True) == "Shirin Tavana"
    assert strip_titles("Ayatollah Javad Nourbakhsh", person=False) == "Javad Nourbakhsh"
    assert strip_titles("President Arash Velkani", person=False) == "Arash Velkani"
    assert strip_titles("Supreme Leader Arash Velkani", person=True) == "Arash Velkani"
    assert strip_titles("Supreme Court", person=False) == "Supreme Court"  # an institution keeps its name
    assert strip_titles("President", person=True) == "President"  # one word always remains


def test_acronyms_and_initials() -> None:
    assert acronym_letters("U.S.") == "US" and acronym_letters("KWU") == "KWU"
    assert acronym_letters("Kestrava") is None and acronym_letters("A") is None
    assert initials_of("United Nations") == "UN"
    assert initials_of("Kestrava Workers Union") == "KWU"
    assert initials_of("UN") is None and initials_of("Kestrava") is None


def test_distinctive_words_of_organisations() -> None:
    assert distinctive_words("People’s Mojahedin Organization of Kestrava") == ["mojahedin"]
    assert distinctive_words("Mujahedin-e-Kestrav") == ["mujahedin"]
    assert distinctive_words("Samen Bank") == ["samen"]
    assert distinctive_words("Islamic Revolutionary Guard Corps") == []  # generic words only
    assert distinctive_words("Kata’ib Velkan") == []  # no generic head after it
    assert is_lone_org_name("Mojahedin") and not is_lone_org_name("KWU")
    assert not is_lone_org_name("Council") and not is_lone_org_name("National")


def test_roles_tied_by_the_document() -> None:
    text = (
        "The regime’s Supreme Leader Arash Velkani spoke. Shirin Tavana, the Foreign Minister, left. "
        "Later the Supreme Leader said more, and the regime’s Supreme Leader agreed with Supreme Leader "
        "Farid Kamali."
    )
    arash = text.index("Arash Velkani")
    shirin = text.index("Shirin Tavana")
    mentions = [(arash, arash + 13, "arash"), (shirin, shirin + 13, "shirin")]
    ties = {(t.role, t.entity, t.words) for t in role_ties(text, mentions)}
    assert ties == {
        ("supreme leader", "arash", "Supreme Leader"),
        ("foreign minister", "shirin", "Foreign Minister"),
    }
    tie = next(t for t in role_ties(text, mentions) if t.entity == "arash")
    spots = role_mentions(text, tie, [(m[0], m[1]) for m in mentions])
    # "the Supreme Leader", "the regime’s Supreme Leader"; not the tie, nor the one before another name
    assert [text[s:e] for s, e in spots] == ["Supreme Leader", "Supreme Leader"]
    assert all(text[:s].endswith(("the ", "’s ")) for s, _ in spots)
    assert role_key("the regime’s Supreme Leader") == "supreme leader" == role_key("former Supreme Leader")
    assert role_key("Tavana") == "" and role_key("said the minister") == ""


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Kestrel Inc.", "Kestrel"),
        ("Kestrel, Inc.", "Kestrel"),
        ("Vantor Holdings Pty Ltd", "Vantor Holdings"),
        ("Brannock & Co.", "Brannock"),
        ("Corvell S.A.", "Corvell"),
        ("Halden N.V.", "Halden"),
        ("Dorna AG", "Dorna"),
        ("Velmar GmbH", "Velmar"),
        ("Orvane Group plc", "Orvane Group"),
        ("Kestrel Defence Organisation", "Kestrel Defense Organization"),
        ("The Company", "The Company"),  # nothing distinctive would remain
        ("National Co.", "National Co."),
        ("Kestrel co", "Kestrel co"),  # lower case: a word, not a legal form
        ("Kestrel", "Kestrel"),
    ],
)
def test_plain_names_of_organisations(name: str, plain: str) -> None:
    assert plain_name(name) == plain
    assert drop_legal_form("Kestrel Defence Ltd") == "Kestrel Defence"  # spelling kept as written
