"""The text of an article, as paragraphs: from plain text or from HTML.

Plain text: paragraphs are separated by blank lines; a text without blank lines has one
paragraph a line. HTML: the text of the title, headings, paragraphs and list items, read with
the standard library's parser (scripts, styles and navigation are skipped).
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "title", "div", "br", "tr"}
_SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg"}


@dataclass(frozen=True)
class Article:
    """Paragraphs of an article; `headline` is the first paragraph when it reads as a title
    (short, without a closing full stop)."""

    paragraphs: tuple[str, ...]

    @property
    def has_headline(self) -> bool:
        if len(self.paragraphs) < 2:
            return False
        first = self.paragraphs[0].strip()
        return len(first.split()) <= 20 and not re.search(r"[.:]$", first)

    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def read_article(path: str | Path, text: str | None = None) -> Article:
    """Read ARTICLE (a file, or `text` already read, such as standard input)."""
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError(
                "no such file; give an article as a text or HTML file, or -", path
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the article ({exc}); save it as UTF-8", path) from None
    article = parse_article(text)
    if not article.paragraphs:
        raise InputError("the article has no text", path)
    return article


def parse_article(text: str) -> Article:
    """Paragraphs of a text, or of an HTML page when it looks like one."""
    if re.search(r"<(html|body|p|div|article)\b", text[:5000], re.IGNORECASE):
        return Article(tuple(_clean(p) for p in _html_blocks(text) if _clean(p)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return Article(tuple(c for p in parts if (c := _clean(p))))


_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML cannot hold (https://yaml.org/spec/1.1/#id868524): control characters, such as
the NUL of a damaged page, left out of the draft so that the card it writes reads back."""


def _clean(text: str) -> str:
    text = _UNPRINTABLE.sub("", text)
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    # pages often lose the space between two sentences: "end of the day.Russian negotiators"
    return re.sub(r"(?<=[a-z]{2}[.!?])(?=[A-Z\"\u201c][a-z])", " ", text)


class _Blocks(HTMLParser):
    """The text blocks of a page, each with the tag it is in ("" for loose text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.current: list[str] = []
        self.tag = ""
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.flush()
            self.tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush()
            self.tag = ""

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        block = "".join(self.current)
        self.current = []
        if block.strip():
            self.blocks.append((self.tag, block))


def _html_blocks(text: str) -> list[str]:
    """The page's blocks, its headline first: the <h1>, else the <title> without the site's
    name after a '|' (a <title> often holds both, and the <h1> is the article's own)."""
    parser = _Blocks()
    parser.feed(text)
    parser.close()
    parser.flush()
    tagged = parser.blocks
    headings = [block for tag, block in tagged if tag == "h1"]
    titles = [block.rsplit("|", 1)[0] for tag, block in tagged if tag == "title"]
    head = headings[:1] or titles[:1]
    seen: set[str] = set()
    blocks = []
    for block in head + [b for tag, b in tagged if tag != "title" and b not in headings[:1]]:
        key = _clean(block)
        if key not in seen:
            seen.add(key)
            blocks.append(block)
    return blocks
