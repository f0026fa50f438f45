"""YAML read into plain values that remember where they came from (line and column).

PyYAML's composer gives every node its position; this walks the node tree into `Scalar`,
`Mapping` and `Sequence` values carrying 1-based line and column, so that every error about
a card can point at the exact place. Scalars stay strings: the card compiler decides what a
value means (a date, a year, a key), not YAML's implicit typing.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

# libyaml's parser when PyYAML was built with it (4x faster), else the pure-Python one; the
# base loader, as no implicit typing is wanted (the compiler reads every scalar as text).
_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_DEFAULT_TAGS = {
    yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The base loader, whose tags are always the default ones: it has no implicit resolvers,
    yet its (Python) resolver looks for them at every node, a fifth of reading a card."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]


_LOADER = _Loader


class Where(NamedTuple):
    """A place in a card file. (A tuple: cards have hundreds of thousands of them.)"""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Scalar:
    text: str
    where: Where
    quoted: bool = False


class CutScalar(Scalar):
    """A scalar not quoted and followed on its line by ` #`: YAML read the rest of the line
    as a comment, which the writer may have meant as part of the text (a hashtag). (A class of
    its own: a field more would cost every one of a large project's million scalars.)"""


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping; `keys` holds where each key was written."""

    items: dict[str, "Value"]
    keys: dict[str, Where]
    where: Where


@dataclass(frozen=True)
class Sequence:
    items: list["Value"]
    where: Where


Value = Scalar | Mapping | Sequence


@dataclass
class CardSyntaxError(Exception):
    where: Where
    message: str
    others: list[tuple[Where, str]] = field(default_factory=list)


def read_yaml(path: Path, text: str) -> Value | None:
    """Parse one YAML document; None for an empty file. Raises CardSyntaxError."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Where(path, mark.line + 1, mark.column + 1) if mark else Where(path, 1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        fix = _fix(problem, text, where)
        raise CardSyntaxError(where, f"YAML syntax error: {problem}{context}{fix}") from None
    except yaml.YAMLError as exc:
        raise CardSyntaxError(Where(path, 1, 1), f"YAML syntax error: {exc}") from None
    if node is None:
        return None
    duplicates: list[tuple[Where, str]] = []
    # the lines with a ` #` that may end a plain scalar, by number from 0
    commented = (
        {i: line for i, line in enumerate(text.split("\n")) if " #" in line or "\t#" in line}
        if " #" in text or "\t#" in text
        else {}
    )
    value = _convert(node, path, duplicates, commented)
    if duplicates:
        first, *rest = duplicates
        raise CardSyntaxError(first[0], first[1], rest)
    return value


def _fix(problem: str, text: str, where: Where) -> str:
    """The fix for YAML's most common complaints about a hand-written card, or ""."""
    lines = text.split("\n")
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    if "tab character" in problem or line[where.column - 1 : where.column] == "\t":
        return "; indent with spaces: YAML does not allow tabs"
    if "mapping values are not allowed" in problem:
        return '; a value holding ": " must be put in double quotes, as in label: "Talks: next"'
    return ""


def _where(node: yaml.Node, path: Path) -> Where:
    mark = node.start_mark
    # tuple.__new__ rather than Where(...): the same tuple without a Python call, for the
    # million places a large project's cards hold
    return _new_where(Where, (path, mark.line + 1, mark.column + 1))


_new_where = tuple.__new__


def _convert(
    node: yaml.Node,
    path: Path,
    duplicates: list[tuple[Where, str]],
    commented: dict[int, str],
) -> Value:
    where = _where(node, path)
    if type(node) is yaml.ScalarNode:  # the common case first
        quoted = node.style in _QUOTED
        if commented and not quoted:
            end = node.end_mark
            line = commented.get(end.line)
            if line is not None and _COMMENT.match(line, end.column):
                return CutScalar(node.value, where)
        return Scalar(node.value, where, quoted)
    if isinstance(node, yaml.MappingNode):
        items: dict[str, Value] = {}
        keys: dict[str, Where] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_where = _where(key_node, path)
            if key in items:
                duplicates.append(
                    (key_where, f"duplicate key {key!r} (first given at line {keys[key].line})")
                )
                continue
            items[key] = _convert(value_node, path, duplicates, commented)
            keys[key] = key_where
        return Mapping(items, keys, where)
    assert isinstance(node, yaml.SequenceNode)
    return Sequence([_convert(v, path, duplicates, commented) for v in node.value], where)


_QUOTED = frozenset(("'", '"', "|", ">"))
_COMMENT = re.compile(r"[ \t]+#")
