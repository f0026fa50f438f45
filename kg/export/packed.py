"""The HTML page's data, packed: a table is columns rather than records, and each text is
written once.

A 2,000-card stances page held 8,525 edge records that repeated the same labels, sources and
quotes, with their evidence, in 25.7 MB. Packed, a text column holds indices into one list of
texts (`strings`), and a column that repeats another is written as the other's name.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any


class Texts:
    """Each distinct text once, in first-seen order; a text's number is its place."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, value: str) -> int:
        number = self._numbers.get(value)
        if number is None:
            number = self._numbers[value] = len(self.values)
            self.values.append(value)
        return number

    def all(self, values: Iterable[str]) -> list[int]:
        return [self(v) for v in values]


def table(
    records: Sequence[Mapping[str, Any]], names: Sequence[str], texts: Texts
) -> dict[str, Any]:
    """The columns `names` of `records`: {"count", "columns", "text": the text columns, "same":
    column -> the earlier column it repeats}. Numbers, booleans and lists stay as they are."""
    columns: dict[str, list[Any]] = {}
    text: list[str] = []
    same: dict[str, str] = {}
    for name in names:
        values = [record[name] for record in records]
        if not values or not all(isinstance(v, str) for v in values):
            columns[name] = values
            continue
        numbers = texts.all(values)
        twin = next((n for n in text if columns[n] == numbers), None)
        if twin is not None:
            same[name] = twin
        else:
            columns[name] = numbers
            text.append(name)
    return {"count": len(records), "columns": columns, "text": text, "same": same}
