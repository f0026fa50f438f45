"""Colours and marks of the matrix and the timeline, readable without colour vision.

Polarity decides the hue family, as in kg.export.style (towards the issue, against it,
neither), but on a blue-orange axis instead of green-red: blue and orange stay apart for
readers with protanopia, deuteranopia and tritanopia alike (ColorBrewer's PuOr and Okabe-Ito
families), and a grey stays grey. Within a family, lightness tells the stances apart. Colour is
never the only signal: every cell also prints the polarity sign and a three-letter code.
"""

STANCE_PALETTE: dict[str, str] = {
    "stance:Supports": "#08519c",
    "stance:ConditionallySupports": "#6baed6",
    "stance:CommitsTo": "#3182bd",
    "stance:Demands": "#54278f",
    "stance:Opposes": "#d94801",
    "stance:Rejects": "#7f2704",
    "stance:RefusesToParticipate": "#fd8d3c",
    "stance:Regrets": "#fdd0a2",
    "stance:DefersToOthers": "#969696",
    "stance:Noncommittal": "#d9d9d9",
}
"""Fill of each stance of the scheme (the same stances kg.export.style colours)."""

POLARITY_PALETTE = {"positive": "#2171b5", "negative": "#e6550d", "neutral": "#bdbdbd"}
"""Fill of a stance outside the scheme, by its polarity."""

OTHER_FILL = "#ffffff"

SIGNS = {"positive": "+", "negative": "\u2212", "neutral": "\u00b7"}
"""Printed before the code: plus for, minus against, a middle dot for neither."""

CODES: dict[str, str] = {
    "stance:Supports": "SUP",
    "stance:ConditionallySupports": "CON",
    "stance:CommitsTo": "COM",
    "stance:Demands": "DEM",
    "stance:Opposes": "OPP",
    "stance:Rejects": "REJ",
    "stance:RefusesToParticipate": "REF",
    "stance:Regrets": "REG",
    "stance:DefersToOthers": "DEF",
    "stance:Noncommittal": "NON",
}
"""A three-letter code per stance, printed in each cell."""

MARKS = {
    "conditional": ("c", "conditional: held on a condition"),
    "joint": ("j", "joint: held together with another actor"),
    "superseded": ("s", "superseded: a later position replaced an earlier one here"),
}
"""The letters added to a cell's code, and what they mean (the legend's words)."""


def fill(stance: str, polarity: str) -> str:
    return STANCE_PALETTE.get(stance) or POLARITY_PALETTE.get(polarity, OTHER_FILL)


def ink(background: str) -> str:
    """Black or white text, whichever reads better on `background` (#rrggbb)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.45 else "#ffffff"


def code(stance: str, label: str, polarity: str) -> str:
    """The cell's text for a stance: sign and code (+SUP); the label's start if unknown."""
    return SIGNS.get(polarity, "") + CODES.get(stance, label[:3].upper())
