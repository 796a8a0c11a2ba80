"""The part of the FollowTheMoney schema docket's FtM export uses, to validate it in tests without the
`followthemoney` package (which needs PyICU, a compiled library).

Taken from the schema YAML of followthemoney 4.11.2 (`followthemoney/schema/*.yaml`, MIT licence): each
schema's parents, whether it is abstract, its required properties, and its own properties with their
type (`entity:RANGE` for references). `schema(name)` resolves inheritance as FtM does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# name: (extends, abstract, required, "property=type ...")
_SCHEMATA: dict[str, tuple[str, bool, str, str]] = {
    "Thing": (
        "",
        True,
        "name",
        "name=name alias=name previousName=name weakAlias=name country=country summary=text notes=text "
        "description=text sourceUrl=url publisher=string publisherUrl=url alephUrl=url wikipediaUrl=url "
        "wikidataId=identifier keywords=string topics=topic address=address addressEntity=entity:Address "
        "program=string programId=identifier proof=entity:Document riskSource=entity:Thing indexText=text "
        "createdAt=date modifiedAt=date retrievedAt=date",
    ),
    "Analyzable": (
        "",
        True,
        "",
        "detectedLanguage=language detectedCountry=country namesMentioned=name peopleMentioned=name "
        "companiesMentioned=name ibanMentioned=identifier ipMentioned=ip locationMentioned=address "
        "phoneMentioned=phone emailMentioned=email",
    ),
    "Document": (
        "Thing Analyzable",
        False,
        "fileName",
        "contentHash=checksum title=string author=string generator=string crawler=string fileSize=number "
        "fileName=string extension=string encoding=string bodyText=text messageId=string "
        "mimeType=mimetype language=language translatedLanguage=language translatedText=text date=date "
        "authoredAt=date publishedAt=date parent=entity:Folder ancestors=entity:Folder "
        "processingStatus=string processingError=string processingAgent=string processedAt=date",
    ),
    "Article": (
        "Document",
        False,
        "",
        "",
    ),
    "LegalEntity": (
        "Thing",
        False,
        "name",
        "abbreviation=name email=email phone=phone website=url legalForm=string incorporationDate=date "
        "dissolutionDate=date taxStatus=string status=string sector=string classification=string "
        "registrationNumber=identifier idNumber=identifier taxNumber=identifier licenseNumber=identifier "
        "vatCode=identifier jurisdiction=country mainCountry=country opencorporatesUrl=url "
        "bvdId=identifier sayariId=identifier brightQueryId=identifier brightQueryOrgId=identifier "
        "uscCode=identifier icijId=string okpoCode=identifier innCode=identifier ogrnCode=identifier "
        "okvedCode=identifier leiCode=identifier dunsCode=identifier uniqueEntityId=identifier "
        "npiCode=identifier swiftBic=identifier parent=entity:LegalEntity",
    ),
    "Person": (
        "LegalEntity",
        False,
        "name",
        "title=string firstName=string secondName=string middleName=string fatherName=string "
        "motherName=string lastName=string nameSuffix=string birthDate=date birthPlace=string "
        "birthCountry=country deathDate=date position=string biography=text nationality=country "
        "citizenship=country passportNumber=identifier socialSecurityNumber=identifier gender=gender "
        "ethnicity=string height=number weight=number eyeColor=string hairColor=string appearance=string "
        "religion=string political=string profession=string education=string spokenLanguage=language",
    ),
    "Organization": (
        "LegalEntity",
        False,
        "name",
        "cageCode=identifier permId=identifier imoNumber=identifier giiNumber=identifier",
    ),
    "Address": (
        "Thing",
        False,
        "",
        "full=address remarks=string postOfficeBox=string street=string street2=string city=string "
        "postalCode=string region=string state=string latitude=number longitude=number osmId=identifier "
        "googlePlaceId=identifier",
    ),
    "Interval": (
        "",
        True,
        "",
        "startDate=date endDate=date date=date summary=text description=text recordId=string "
        "sourceUrl=url proof=entity:Document publisher=string publisherUrl=url alephUrl=url "
        "namesMentioned=name indexText=text modifiedAt=date retrievedAt=date",
    ),
    "Event": (
        "Interval Analyzable Thing",
        False,
        "name",
        "location=address important=string organizer=entity:LegalEntity involved=entity:LegalEntity",
    ),
}


@dataclass(frozen=True)
class Schema:
    name: str
    abstract: bool
    ancestors: frozenset[str]  # itself and every schema it extends, directly or not
    required: frozenset[str]
    properties: dict[str, str]  # name -> type, `entity:RANGE` for references

    def is_a(self, other: str) -> bool:
        return other in self.ancestors


@cache
def schema(name: str) -> Schema:
    """The schema with every inherited property; KeyError for a schema not listed here."""
    extends, abstract, required, props = _SCHEMATA[name]
    parents = [schema(p) for p in extends.split()]
    properties: dict[str, str] = {}
    for p in parents:
        properties.update(p.properties)
    properties.update(dict(item.split("=", 1) for item in props.split()))
    return Schema(
        name,
        abstract,
        frozenset({name}).union(*(p.ancestors for p in parents)),
        frozenset(required.split()).union(*(p.required for p in parents)),
        properties,
    )


# Value checks by property type, for the types docket writes (as FtM's types would clean them).
_CHECKS = {
    "date": re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    "country": re.compile(r"^[a-z]{2}$"),
    "url": re.compile(r"^https?://\S+$"),
}
MAX_LENGTH = {
    "name": 384,
    "string": 1024,
    "address": 1024,
    "url": 4096,
    "text": 65000,
    "date": 32,
    "country": 16,
}


def value_problem(kind: str, value: object) -> str | None:
    """Why `value` is not a valid value of the property type `kind`, or None."""
    if not isinstance(value, str) or not value.strip():
        return f"{value!r} is not a non-empty string"
    if len(value) > MAX_LENGTH.get(kind.split(":")[0], 1024):
        return f"{kind} value of {len(value)} characters is too long"
    check = _CHECKS.get(kind)
    if check and not check.match(value):
        return f"{value!r} is not a valid {kind}"
    return None
