"""One colour per incident type, shared by every chart so a type looks the same everywhere."""

from __future__ import annotations

from docket.taxonomy import INCIDENT_TYPES

# Colour-blind-friendly hues (Okabe-Ito and Tol), cycled over the incident types in taxonomy order.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
    "#882255", "#44AA99", "#999933", "#AA4499", "#332288", "#DDCC77", "#117733", "#88CCEE", "#661100",
]  # fmt: skip
TYPE_COLOURS = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(INCIDENT_TYPES)}
UNKNOWN_COLOUR = "#777777"


def colour_of(incident_type: str) -> str:
    return TYPE_COLOURS.get(incident_type, UNKNOWN_COLOUR)
