"""SPARQL text as tokens, enough to find the groups, filters and binds of a sh:select.

A token keeps its place in the text, so that a rewritten query is cut from the original text
(comments and layout kept) rather than printed anew.
"""

import re
from dataclasses import dataclass
from typing import NoReturn

from kg.fastshacl.errors import UnsupportedShapeError

TOKENS = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
      |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>(?:[A-Za-z_][A-Za-z0-9_\-.]*)?:(?:[A-Za-z0-9_\-:%.]*[A-Za-z0-9_\-:%])?
      |[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].;,=<>!+\-*/^|?])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A lexical token of SPARQL: its kind (a group name of TOKENS) and place in the text."""

    kind: str
    text: str
    start: int
    end: int

    def word(self) -> str:
        """The keyword (upper case) a name token spells, or "" for other tokens."""
        return self.text.upper() if self.kind == "name" else ""


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` without spaces and comments, ending with an empty "end" token."""
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = TOKENS.match(text, position)
        if match is None:
            _unreadable(text, f"the character {text[position]!r}")
        kind = match.lastgroup or ""
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group(), match.start(), match.end()))
        position = match.end()
    tokens.append(Token("end", "", len(text), len(text)))
    return tokens


def matching(tokens: list[Token], index: int, text: str) -> int:
    """The index of the bracket that closes the one at `index`."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    opening = tokens[index].text
    closing = pairs[opening]
    depth = 0
    for position in range(index, len(tokens)):
        if tokens[position].text == opening:
            depth += 1
        elif tokens[position].text == closing:
            depth -= 1
            if depth == 0:
                return position
    _unreadable(text, f"an unbalanced {opening}")


def _unreadable(text: str, what: str) -> NoReturn:
    raise UnsupportedShapeError(
        f"the fast SHACL validator cannot read this SPARQL ({what}): {text.strip()[:200]}"
    )
