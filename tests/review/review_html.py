"""Reading the rendered pages back with the standard library's HTML parser."""

from html.parser import HTMLParser

# fmt: off
BLOCK = {
    "p", "div", "dt", "dd", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "section", "table",
    "pre", "br", "summary", "details", "header", "footer", "main", "nav", "ul", "dl", "text",
    "tspan",
}
"""Elements a browser shows apart from their neighbours: their text is kept apart too."""
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
}
# fmt: on


class Page(HTMLParser):
    """Every tag with its attributes, the whole text, and the text of each element with an id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.by_id: dict[str, list[str]] = {}
        self.texts: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.style = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.handle_data(" ")
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        ident = attributes.get("id")
        if ident is not None:
            self.by_id[ident] = []
        self._open.append((tag, ident))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self.handle_data(" ")
        while self._open:
            opened, _ = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "style" and data.strip():
            self.style += data
        self.texts.append(data)
        for _, ident in self._open:
            if ident is not None:
                self.by_id[ident].append(data)

    def text(self, ident: str | None = None) -> str:
        """The text of the page (or of one element), with white space collapsed."""
        parts = self.texts if ident is None else self.by_id[ident]
        return " ".join("".join(parts).split())
