"""Writing SVG by hand: every text and attribute escaped, nothing XML cannot carry.

The SVG exports are drawn here rather than through a plotting library: a grid of cells and a
few bars need no dependency, and a hand-written file is easy to check (a test reads it back
with an XML parser).
"""

import datetime
from xml.sax.saxutils import escape, quoteattr

from kg.export.xmltext import xml_text

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = 6.6
"""The width of an average character at 11 px, for sizing label columns."""


def attrs(**values: object) -> str:
    """Attributes, escaped (a trailing _ is dropped and _ becomes -: class_, data_actor)."""
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(xml_text(str(value)))}"
        for name, value in values.items()
        if value is not None
    )


def text(content: str, **values: object) -> str:
    return f"<text{attrs(**values)}>{escape(xml_text(content))}</text>"


def title(content: str) -> str:
    """A tooltip: what a viewer shows on hover."""
    return f"<title>{escape(xml_text(content))}</title>"


def document(width: float, height: float, body: list[str], heading: str) -> bytes:
    """A standalone SVG file with a white background."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg"{attrs(width=round(width), height=round(height))}'
        f"{attrs(viewBox=f'0 0 {round(width)} {round(height)}', font_family=FONT, font_size=11)}>"
        f"\n{title(heading)}\n"
        f'<rect width="100%" height="100%" fill="#ffffff"/>\n'
    )
    return (head + "\n".join(body) + "\n</svg>\n").encode("utf-8")


def text_width(content: str, size: float = 11) -> float:
    return len(content) * CHAR_WIDTH * size / 11


def day_number(day: str) -> int:
    """A day (YYYY-MM-DD, or a year or month alone) as a number of days, for an axis."""
    parts = [*day.split("T")[0].split("-"), "01", "01"][:3]
    try:
        return datetime.date(int(parts[0]), int(parts[1]), int(parts[2])).toordinal()
    except ValueError:
        return datetime.date(int(parts[0]), 1, 1).toordinal()
