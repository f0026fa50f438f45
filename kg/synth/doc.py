"""A card as a small tree of entries, written out as YAML with plain string formatting.

yaml.dump is far too slow for thousands of cards and cannot say on which line it wrote what;
this renderer is fast and records, on every entry, the line of the entry and of each field, so
an injected error can name the line the compiler will report.
"""

import json
import re
from dataclasses import dataclass, field

from kg.cards.fields import SECTIONS

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ,.;'()/&%-]*$")
_EMPTY = {"", "~", "null", "Null", "NULL"}
_ORDER = list(SECTIONS)  # sections are written in the order of the field table


@dataclass(frozen=True)
class Text:
    """Free text: written plain when YAML reads it back unchanged, else double-quoted."""

    value: str


@dataclass(frozen=True)
class Flow:
    """Keys written inline, `[a, b]`, or as one plain scalar when there is one."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """Texts written one `- item` per line, or as one scalar when there is one."""

    items: tuple[Text, ...]


@dataclass
class Entry:
    """A mapping of fields: a keyed entry (`key:` above it), a list item or a nested mapping.

    `line` and `column` (where the entry starts, as the compiler sees it) and `at` (field
    name -> line and column of its value) are filled in by `render`.
    """

    fields: "dict[str, Value]"
    key: str | None = None
    line: int = 0
    column: int = 0
    at: dict[str, tuple[int, int]] = field(default_factory=dict)


# A str is written verbatim: keys, dates and numbers, which never need quoting.
Value = str | Text | Flow | Block | Entry | list[Entry]


@dataclass
class CardDoc:
    """One card: its file name (the key), a comment, and its sections in writing order.

    Every section is a list of entries: `source` holds one, keyed sections hold entries with a
    key, list sections (positions, office-terms) entries without.
    """

    name: str
    comment: list[str]
    sections: dict[str, list[Entry]]

    def section(self, name: str) -> list[Entry]:
        return self.sections.setdefault(name, [])

    def keyed(self, name: str, key: str) -> Entry | None:
        return next((e for e in self.sections.get(name, []) if e.key == key), None)


def quote(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly `text`."""
    if (
        _PLAIN.match(text)
        and text == text.strip()
        and text not in _EMPTY
        and ": " not in text
        and " #" not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def render(doc: CardDoc) -> str:
    """The YAML text of `doc`; fills in the line of every entry and field."""
    out: list[str] = [f"# {line}" if line else "#" for line in doc.comment]
    if out:
        out.append("")
    for name in sorted(doc.sections, key=_ORDER.index):
        entries = doc.sections[name]
        if not entries:
            continue
        out.append(f"{name}:")
        if name == "source":
            _fields(out, entries[0], "  ", "  ")
        elif entries[0].key is not None:
            for entry in entries:
                out.append(f"  {entry.key}:")
                entry.line, entry.column = len(out), 3
                _fields(out, entry, "    ", "    ")
        else:
            for entry in entries:
                _fields(out, entry, "  - ", "    ")
        out.append("")
    return "\n".join(out[:-1] if out and out[-1] == "" else out) + "\n"


def _fields(out: list[str], entry: Entry, first: str, rest: str) -> None:
    """Write the fields of `entry`, the first one after `first` (such as '  - '), the others
    after `rest`; nested mappings and lists go two spaces deeper than `rest`."""
    if not entry.key:
        entry.line, entry.column = len(out) + 1, len(first) + 1
    deeper = rest + "  "
    for i, (name, value) in enumerate(entry.fields.items()):
        prefix = first if i == 0 else rest
        head = f"{prefix}{name}:"
        entry.at[name] = (len(out) + 1, len(head) + 2)
        if isinstance(value, str):
            out.append(f"{head} {value}")
        elif isinstance(value, Text):
            out.append(f"{head} {quote(value.value)}")
        elif isinstance(value, Flow):
            items = value.items
            out.append(f"{head} {items[0]}" if len(items) == 1 else f"{head} [{', '.join(items)}]")
        elif isinstance(value, Block):
            if len(value.items) == 1:
                out.append(f"{head} {quote(value.items[0].value)}")
            else:
                out.append(head)
                out.extend(f"{deeper}- {quote(t.value)}" for t in value.items)
        elif isinstance(value, Entry):
            out.append(head)
            _fields(out, value, deeper, deeper)
        else:
            out.append(head)
            for item in value:
                _fields(out, item, deeper + "- ", deeper + "  ")
