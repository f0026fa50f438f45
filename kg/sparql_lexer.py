"""One reading of a SPARQL text: its tokens by the SPARQL 1.1 grammar, and the canonical text
that every engine reads as those same tokens.

SPARQL engines disagree at the edges of the grammar: Oxigraph ends a `#` comment at a bare
carriage return and rdflib does not; rdflib expands `\\u0022` before reading a query and
Oxigraph does not; Oxigraph's parser reads a keyword glued to the next word (`SERVICEx:y` is
`SERVICE x:y`) and a `<` after an operand as less-than even where the grammar's tokens say
IRI. A safety check made with one reading and a query run with another can be walked around.

So the project reads a query once, here, and never sends the text it was given to an engine:
it sends the canonical text, which holds the same tokens with

- no comments (each becomes one space),
- only spaces, tabs and line feeds between tokens (a carriage return becomes a line feed),
- every string in double quotes, on one line, with every quote, backslash and control
  character inside it escaped (a line feed that a long string held follows it as whitespace,
  so that line numbers stay the user's),

and refuses, with the line and column, what cannot be read the same way by every engine:

- `\\u` / `\\U` escapes (where they apply is read differently);
- characters that are neither SPARQL whitespace nor part of a token (form feed, U+2028...);
- an IRI holding `#` or `'` that does not start with `scheme://`: read as less-than by an
  engine, its `#` would start a comment;
- a prefixed name escaping `#` or `'`, or whose prefix holds SERVICE or FROM;
- a word that is not a SPARQL keyword or function (`trueSERVICE`).

The rules that use the tokens (no SERVICE, no updates, FROM only within the dataset) live in
kg.queries.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.errors import QueryError

# -- The terminals of the SPARQL 1.1 grammar (https://www.w3.org/TR/sparql11-query/#grammar) --

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"\\[tbnrf\\\"']"

# Alternatives in an order where no earlier one can take a token of a later one (a number
# before the '.' of punctuation, an IRI before '<', a variable before '?'), the cheap ones
# first: a flood of one-character tokens then costs no tries of the long name patterns. A
# language tag may end in SPARQL 1.2's base direction, --ltr or --rtl and nothing else, which
# Oxigraph reads (a word glued to it stays a word, and is refused).
_TOKEN = re.compile(
    rf"""
      (?P<ws>[ \t\r\n]+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''
                | \"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*\"\"\"
                | '(?:[^'\\\n\r]|{_ECHAR})*'
                | "(?:[^"\\\n\r]|{_ECHAR})*")
    | (?P<var>[?$]{_VARNAME})
    | (?P<number>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)
    | (?P<brackets>[{{}}()\[\]]+)
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[.,;*/+\-!=<>^|?])
    | (?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
    | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
    | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--(?:ltr|rtl)(?![A-Za-z0-9_]))?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SLASHED_NAME = re.compile(rf"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?/[A-Za-z_][A-Za-z0-9_]*")
"""A prefixed name with a slash, as in `id:treaty/new-start`: a common slip."""
_NAME_RUN = re.compile(r"[^\s{}()<>;,\[\]]+")
_ABSOLUTE_HIERARCHICAL = re.compile(r"^<[A-Za-z][A-Za-z0-9+.\-]*://")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_TO_ESCAPE = re.compile(r"[\"'\\\x00-\x1f\x7f]")

_QUERY_WORDS = """
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE ORDER BY
    ASC DESC LIMIT OFFSET VALUES UNDEF GROUP HAVING OPTIONAL GRAPH SERVICE SILENT BIND MINUS
    UNION FILTER A TRUE FALSE NOT IN EXISTS SEPARATOR LATERAL
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN
    UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY
    HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE
    IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE
    COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
    TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR HASLANG HASLANGDIR STRLANGDIR
"""
KEYWORDS = frozenset(_QUERY_WORDS.split())
"""The words a SPARQL 1.1 query (with Oxigraph's RDF 1.2 functions) may hold outside
strings, IRIs and names; any other word is refused, so that no engine can read a keyword
inside it."""

_UPDATE_WORDS = "INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH USING DATA"
UPDATE_KEYWORDS = frozenset(_UPDATE_WORDS.split())
"""Words that only SPARQL updates hold."""


class Token(NamedTuple):
    kind: str
    """iri, string, var, bnode, pname, lang, number, word, punct, or brackets: a run of
    brackets is one token (a flood of them costs one token, not one each)."""
    text: str
    """The token as the canonical text holds it."""
    offset: int
    """Where the token starts in the user's text."""
    start: int
    """Where the token starts in the canonical text."""

    @property
    def keyword(self) -> str:
        """The word in capitals (keywords are case-insensitive), or "" for other tokens."""
        return self.text.upper() if self.kind == "word" else ""


@dataclass(frozen=True)
class Reading:
    """A query as the project reads it: its tokens (whitespace and comments excluded) and the
    text that engines are given, which holds exactly those tokens on the user's lines."""

    source: str
    tokens: tuple[Token, ...]
    text: str

    def where(self, token: Token) -> str:
        """`line L, column C` of a token in the user's text."""
        return where(self.source, token.offset)


class LexicalError(QueryError):
    """A text that cannot be read as SPARQL tokens the same way by every engine."""


_SIMPLE = frozenset(("punct", "brackets", "var", "number", "bnode", "lang"))
"""Kinds of token the canonical text holds as written, with nothing to check."""


@lru_cache(maxsize=512)
def read(text: str) -> Reading:
    """The one reading of `text`, or LexicalError naming the line, the column and the fix.

    Remembered per text: dashboards and named queries send the same texts again and again."""
    tokens: list[Token] = []
    out: list[str] = []
    append_token, append_out = tokens.append, out.append
    position = written = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            raise LexicalError(_unreadable(text, position))
        kind, raw = match.lastgroup, match.group()
        if kind in _SIMPLE:
            append_token(Token(kind, raw, position, written))
            piece = raw
        elif kind == "ws":
            piece = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
        elif kind == "comment":
            piece = " "
        else:
            emitted, trailing = _canonical(kind or "", raw, text, position)
            if kind == "string" and out and out[-1].endswith('"'):
                emitted = " " + emitted  # "a""b" would read as "a" "b", but '"a""""' would not
                written += 1
            append_token(Token(kind or "", emitted.lstrip(), position, written))
            piece = emitted + trailing
        append_out(piece)
        written += len(piece)
        position = match.end()
    if position != len(text):
        raise LexicalError(_unreadable(text, position))
    return Reading(text, tuple(tokens), "".join(out))


def where(text: str, offset: int) -> str:
    """`line L, column C` of an offset, lines ending at a line feed or a carriage return as
    SPARQL's do."""
    before = text[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return f"line {len(breaks) + 1}, column {offset - line_start + 1}"


def _canonical(kind: str, raw: str, text: str, offset: int) -> tuple[str, str]:
    """A token as the canonical text writes it, and the whitespace that follows it there."""
    if kind == "string":
        value = string_value(raw)
        newlines = len(_LINE_BREAK.findall(raw))
        escaped = _TO_ESCAPE.sub(_escape, value)
        return f'"{escaped}"', "\n" * newlines
    if kind == "iri" and ("#" in raw or "'" in raw) and not _ABSOLUTE_HIERARCHICAL.match(raw):
        raise LexicalError(
            f"the IRI {raw} at {where(text, offset)} holds '#' or \"'\" but does not start "
            "with scheme:// (such as https://); some engines would read its '<' as less-than "
            "and its '#' as the start of a comment. Write the full IRI or a prefixed name"
        )
    prefix = raw.partition(":")[0].upper() if kind == "pname" else ""
    if "SERVICE" in prefix or "FROM" in prefix:
        raise LexicalError(
            f"the prefix of {raw} at {where(text, offset)} holds the keyword SERVICE or FROM, "
            "and some engines read it as that keyword followed by a name. Choose another prefix"
        )
    if kind == "pname" and ("\\#" in raw or "\\'" in raw):
        raise LexicalError(
            f"the prefixed name {raw} at {where(text, offset)} escapes '#' or \"'\"; some "
            "engines read that as a comment or a string. Write the full IRI in <...> instead"
        )
    if kind == "word" and raw.upper() not in KEYWORDS | UPDATE_KEYWORDS:
        ends_here = [
            m
            for m in _SLASHED_NAME.finditer(text, 0, offset + len(raw))
            if m.end() == offset + len(raw)
        ]
        if ends_here:
            slashed = ends_here[-1]
            name = _NAME_RUN.match(text, slashed.start())
            assert name is not None
            written = name.group()
            escaped = written.replace("/", "\\/")
            raise LexicalError(
                f"{written} at {where(text, slashed.start())}: a prefixed name cannot hold '/'; "
                f"write the name as kg's tables print it, or escape each slash ({escaped})"
            )
        raise LexicalError(
            f"{raw!r} at {where(text, offset)} is not a SPARQL keyword or function; some "
            "engines would read a keyword inside it. Separate the words with a space"
        )
    return raw, ""


def string_value(raw: str) -> str:
    """The text a string token stands for, its quotes gone and its escapes read."""
    quote = 3 if raw[:3] in ("'''", '"""') else 1
    return _UNESCAPE.sub(lambda m: _ESCAPES[m.group(1)], raw[quote:-quote])


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = {"\t": "t", "\b": "b", "\n": "n", "\r": "r", "\f": "f"}.get(char)
    if short:
        return "\\" + short
    if char in "\"'\\":
        return "\\" + char
    return char  # other control characters: SPARQL has no escape for them; kept as they are


def _unreadable(text: str, position: int) -> str:
    """Why the text cannot be read at `position`, and what to write instead."""
    place = where(text, position)
    line_end = _LINE_BREAK.search(text, position)
    chunk = text[position : line_end.start() if line_end else None]
    found = re.search(r"\\[uU]", chunk)
    if found is not None:
        escape = chunk[
            found.start() : found.start() + (6 if chunk[found.start() + 1] == "u" else 10)
        ]
        return (
            f"the escape {escape} at {where(text, position + found.start())}: write the "
            "character itself; SPARQL engines disagree on where \\u and \\U escapes apply"
        )
    char = text[position]
    if char in "\"'":
        return f"the string that opens at {place} is not closed on its line"
    if char == "<":
        return f"the IRI that opens at {place} holds a character IRIs cannot hold"
    if not char.isprintable() or char.isspace():
        return (
            f"the character U+{ord(char):04X} at {place} is not SPARQL whitespace (space, tab, "
            "line feed, carriage return); engines disagree on it. Replace it with a space"
        )
    return f"cannot read {char!r} at {place} as SPARQL"
