"""Dates from the words near an attribution, against the publication day; never a guess."""

import datetime

import pytest

from kg.draft.dates import resolve_date

FRIDAY = datetime.date(2026, 2, 6)


@pytest.mark.parametrize(
    ("words", "day", "note"),
    [
        (
            "said on Thursday",
            datetime.date(2026, 2, 5),
            "'on Thursday' in a report of Friday 2026-02-06: the Thursday before it, 2026-02-05",
        ),
        (
            "said Friday",
            FRIDAY,
            "'Friday' in a report of Friday 2026-02-06: the same day, 2026-02-06",
        ),
        (
            "said last Friday",
            datetime.date(2026, 1, 30),
            "'last Friday' in a report of Friday 2026-02-06: the Friday before it, 2026-01-30",
        ),
        (
            "told reporters yesterday",
            datetime.date(2026, 2, 5),
            "'yesterday' in a report of Friday 2026-02-06: 2026-02-05",
        ),
        (
            "said on February 4",
            datetime.date(2026, 2, 4),
            "'on February 4' in a report of Friday 2026-02-06: the same year, 2026-02-04",
        ),
        ("said on Sept. 22, 2025", datetime.date(2025, 9, 22), "the article gives the day in full"),
        ("said last week", None, "'last week' names no single day; left out"),
        ("said earlier this week", None, "'earlier this week' names no single day; left out"),
        ("said in July", None, "'in July' names no single day; left out"),
        (
            "will say on Feb. 10",
            None,
            "'on Feb. 10' falls after the publication date "
            "2026-02-06: a day to come, or of another year; left out",
        ),
        (
            "will meet next Monday",
            None,
            "'next Monday' is a day to come, not the day of the words; left out",
        ),
        ("said", None, None),
    ],
)
def test_resolve(words, day, note):
    dating = resolve_date(words, FRIDAY)
    assert (dating.day, dating.note) == (day, note)


def test_without_a_publication_date_only_full_dates_resolve():
    assert resolve_date("said on Thursday", None).day is None
    assert resolve_date("said on Thursday", None).note == (
        "'on Thursday' without a publication date (--date) to count from; left out"
    )
    assert resolve_date("said on February 4", None).day is None
    assert resolve_date("said on February 4, 2026", None).day == datetime.date(2026, 2, 4)
