"""Issue 18: the matrix's colours keep for and against apart for colour-blind readers, and no
cell relies on colour alone (every stance has a code, every polarity a sign)."""

import itertools

import pytest

from kg.export.palette import CODES, SIGNS, STANCE_PALETTE, code, ink
from kg.export.style import STANCE_COLOURS
from kg.namespaces import shorten

# Viénot, Brettel and Mollon (1999): dichromat simulation in linear RGB.
SIMULATIONS = {
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
}


def linear(colour: str) -> tuple[float, ...]:
    values = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values)


def seen(colour: str, matrix) -> tuple[float, ...]:
    rgb = linear(colour)
    return tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)


def lightness(rgb: tuple[float, ...]) -> float:
    """Relative luminance."""
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def test_every_stance_of_the_scheme_has_a_fill_a_code_and_a_sign(dataset):
    from rdflib.namespace import SKOS

    from kg.namespaces import STANCE

    scheme = {shorten(s) for s in dataset.subjects(SKOS.inScheme, STANCE.scheme)}
    assert scheme == set(STANCE_PALETTE) == set(STANCE_COLOURS) == set(CODES)
    assert len(set(CODES.values())) == len(CODES)
    assert set(SIGNS) == {"positive", "negative", "neutral"}
    assert code("stance:Opposes", "opposes", "negative") == "\u2212OPP"


FOR = ["stance:Supports", "stance:ConditionallySupports", "stance:CommitsTo", "stance:Demands"]
AGAINST = ["stance:Opposes", "stance:Rejects", "stance:RefusesToParticipate", "stance:Regrets"]


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_for_and_against_stay_apart_without_red_green_vision(vision):
    """As a protanope or deuteranope sees them, every colour for is bluer than every colour
    against: the blue-orange axis survives where green-red collapses."""
    matrix = SIMULATIONS[vision]
    for positive, negative in itertools.product(FOR, AGAINST):
        p, n = seen(STANCE_PALETTE[positive], matrix), seen(STANCE_PALETTE[negative], matrix)
        blueness_p = p[2] - (p[0] + p[1]) / 2
        blueness_n = n[2] - (n[0] + n[1]) / 2
        assert blueness_p > blueness_n, (vision, positive, negative)
    # The stances page's green and red, seen the same way, fall on the same (yellow) side of
    # the axis, told apart by lightness alone: the reason for this palette.
    for colour in (STANCE_COLOURS["stance:Supports"], STANCE_COLOURS["stance:Opposes"]):
        rgb = seen(colour, matrix)
        assert rgb[2] - (rgb[0] + rgb[1]) / 2 < 0


def test_the_code_is_readable_on_its_fill():
    for colour in STANCE_PALETTE.values():
        background = lightness(linear(colour))
        text = lightness(linear(ink(colour)))
        contrast = (max(background, text) + 0.05) / (min(background, text) + 0.05)
        assert contrast >= 3, colour  # WCAG's minimum for large and bold text
