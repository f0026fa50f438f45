"""Direct quotes: the words an article puts in quotation marks.

Straight ("...") and curly ("...") double quotes; single quotes ('...' or '...') only where
no double quote is open and the marks cannot be apostrophes. A quote inside a quote stays part
of the outer one. A quote left open at the end of a paragraph runs on when the next paragraph
opens with a quotation mark (the convention of news copy).
"""

import re
from dataclasses import dataclass

from kg.draft.article import Article

_OPEN_DOUBLE = "\u201c\u201e"
_CLOSE_DOUBLE = "\u201d"
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"


@dataclass(frozen=True)
class Piece:
    paragraph: int
    """1-based."""
    start: int
    """Offset of the first quoted letter in the paragraph."""
    end: int


@dataclass(frozen=True)
class Quote:
    pieces: tuple[Piece, ...]
    text: str
    """The quoted words, without the marks; the pieces joined with a space."""
    marks: str
    """'double' or 'single'."""

    @property
    def paragraph(self) -> int:
        return self.pieces[0].paragraph

    @property
    def last(self) -> Piece:
        return self.pieces[-1]


def find_quotes(article: Article) -> list[Quote]:
    quotes: list[Quote] = []
    pending: list[Piece] = []  # a quote running over paragraphs
    for p, text in enumerate(article.paragraphs, 1):
        spans, open_at = _double_spans(text)
        if pending:
            if spans and spans[0][0] <= 1 and text[:1] in '"\u201c':
                first, *spans = spans
                pending.append(Piece(p, *first))
                quotes.append(_quote(article, pending, "double"))
                pending = []
            elif open_at == 1 and text[:1] in '"\u201c':
                pending.append(Piece(p, 1, len(text)))
                continue
            else:  # never closed: take what was open as a quote of its own
                quotes.append(_quote(article, pending, "double"))
                pending = []
        for start, end in spans:
            quotes.append(_quote(article, [Piece(p, start, end)], "double"))
        if open_at is not None:
            pending = [Piece(p, open_at, len(text))]
            continue
        for start, end in _single_spans(text, spans):
            quotes.append(_quote(article, [Piece(p, start, end)], "single"))
    if pending:
        quotes.append(_quote(article, pending, "double"))
    return [q for q in quotes if q.text]


def _quote(article: Article, pieces: list[Piece], marks: str) -> Quote:
    text = " ".join(article.paragraphs[x.paragraph - 1][x.start : x.end].strip() for x in pieces)
    return Quote(tuple(pieces), trim(text), marks)


def trim(text: str) -> str:
    """Quoted words without the punctuation news copy puts inside the closing mark: the comma
    before an attribution, a lone final full stop."""
    text = text.strip().rstrip(",;: ").strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def _double_spans(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """(start, end) of each closed double quote, and where a quote left open starts."""
    spans = []
    open_at: int | None = None
    for i, c in enumerate(text):
        if open_at is None and (c in _OPEN_DOUBLE or c == '"'):
            open_at = i + 1
        elif open_at is not None and (c in _CLOSE_DOUBLE or c == '"'):
            spans.append((open_at, i))
            open_at = None
        elif open_at is None and c in _CLOSE_DOUBLE:
            continue  # a stray closing mark
    return spans, open_at


_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[:\u2014\u2013-]))[\u2018'](?=\S)(.+?)(?<=\S)[\u2019'](?![\w])"
)


def _single_spans(text: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for match in _SINGLE.finditer(text):
        start, end = match.start(1), match.end(1)
        if any(s - 1 <= start <= e for s, e in doubles):
            continue
        spans.append((start, end))
    return spans


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the quoted spans (and their marks) blanked out, offsets kept."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start - 1), min(len(chars), end + 1)):
            chars[i] = " "
    return "".join(chars)
