"""The day a statement was made, from the words near its attribution, resolved against the
publication date: weekdays ("on Thursday"), "yesterday", "today", and days of a month
("on February 4", "Feb. 4", "September 22, 2025"). What cannot be resolved for sure ("last
week", "earlier this week", a day without a publication date to place it) is left out, and the
note says so: a draft never guesses a date.
"""

import datetime
import re
from dataclasses import dataclass

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_OF_MONTH = re.compile(
    rf"\b(?:on\s+)?({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:(last|this|next)\s+|on\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE
)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|this morning|this afternoon)\b", re.I)
_VAGUE = re.compile(
    r"\b(last week|earlier this week|this week|last month|earlier this month|this month|"
    r"recently|last year|days ago|the other day|in (?:" + _MONTH + r")\b(?!\.?\s+\d))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dating:
    """The day found, or None, and a note saying how (or why it was left out)."""

    day: datetime.date | None
    note: str | None
    words: str | None = None


def _weekday_name(day: datetime.date) -> str:
    return day.strftime("%A")


def resolve_date(text: str, published: datetime.date | None) -> Dating:
    """The day `text` (the words around an attribution) gives, against `published`."""
    pub = f"a report of {_weekday_name(published)} {published}" if published else None
    match = _DAY_OF_MONTH.search(text)
    if match:
        words = match.group(0).strip()
        month = _MONTHS[match.group(1).lower().rstrip(".")]
        day_number = int(match.group(2))
        if match.group(3):
            year = int(match.group(3))
            how = "the article gives the day in full"
        elif published is None:
            return Dating(
                None,
                f"'{words}' has no year and no publication date (--date) to place it; left out",
                words,
            )
        else:
            year = published.year
            how = f"'{words}' in {pub}: the same year, {{day}}"
            try:
                if datetime.date(year, month, day_number) > published:
                    return Dating(
                        None,
                        f"'{words}' falls after the publication date "
                        f"{published}: a day to come, or of another year; left out",
                        words,
                    )
            except ValueError:
                pass
        try:
            day = datetime.date(year, month, day_number)
            return Dating(day, how.format(day=day), words)
        except ValueError:
            return Dating(None, f"'{words}' is not a day of the calendar; left out", words)
    match = _WEEKDAY.search(text)
    if match:
        words = match.group(0).strip()
        if match.group(1) and match.group(1).lower() == "next":
            return Dating(
                None, f"'{words}' is a day to come, not the day of the words; left out", words
            )
        if published is None:
            return Dating(
                None,
                f"'{words}' without a publication date (--date) to count from; left out",
                words,
            )
        target = _WEEKDAYS.index(match.group(2).lower())
        back = (published.weekday() - target) % 7
        if match.group(1) and match.group(1).lower() == "last" and back == 0:
            back = 7
        day = published - datetime.timedelta(back)
        relation = "the same day" if back == 0 else f"the {match.group(2).title()} before it"
        return Dating(day, f"'{words}' in {pub}: {relation}, {day}", words)
    match = _RELATIVE.search(text)
    if match:
        words = match.group(0)
        if published is None:
            return Dating(
                None,
                f"'{words}' without a publication date (--date) to count from; left out",
                words,
            )
        back = 1 if words.lower() == "yesterday" else 0
        day = published - datetime.timedelta(back)
        return Dating(day, f"'{words}' in {pub}: {day}", words)
    match = _VAGUE.search(text)
    if match:
        return Dating(None, f"'{match.group(0)}' names no single day; left out", match.group(0))
    return Dating(None, None)
