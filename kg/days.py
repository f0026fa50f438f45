"""Days as people give them to kg: YYYY-MM-DD, and a day of the calendar.

Dates are compared as text (xsd:date strings, and the --as-of of the views), which orders them
only when every one is written so; and 2026-02-30 would be taken for a day after 2026-02-28.
"""

import datetime
import re

_WRITTEN = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_day(text: str) -> bool:
    """Whether `text` is a day written YYYY-MM-DD (not 2026-2-5, not 2026-02-30)."""
    if not _WRITTEN.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
