"""The reference tables of docs/cards.md, made from the field table and the stance scheme, so
the documentation cannot drift from what the compiler accepts.

    python -m kg.cards.reference docs/cards.md   # rewrite the tables in place
"""

import re
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from kg import resources
from kg.cards import fields as F
from kg.loading import read_graphs
from kg.namespaces import AP, STANCE

_KIND_TEXT = {
    F.TEXT: "text",
    F.EN_TEXT: "text (in the card's language)",
    F.DATE: "date YYYY-MM-DD",
    F.YEAR: "year YYYY",
    F.COUNT: "whole number",
    F.DURATION: "ISO 8601 duration (P5Y)",
    F.URL: "http(s) address",
    F.LANGUAGE: "language tag (en)",
    F.ACTOR: "actor key",
    F.OFFICE: "office key",
    F.CHANNEL: "channel key",
    F.CATEGORY: "weapon-category key",
    F.ISSUE: "issue key (treaty/, proposal/, format/, policy/, event/)",
    F.TREATY: "treaty key",
    F.STATEMENT: "statement key of this card",
    F.EVIDENCE: "statement key of this card, or statement-key/words-key",
    F.STATEMENT_REF: "card key/statement key of another card",
    F.WORDS: "text, or texts keyed by a short name",
    F.STANCE: "stance (see below)",
    F.SOURCE_KIND: "source kind",
    F.EVENT_KIND: "event kind",
    F.CONDITION: "condition (see below), or the key of another card's",
}


def field_tables() -> str:
    parts = []
    for section in [*F.SECTIONS.values(), _CONDITION]:
        shape = "keyed entries" if section.keyed else "a list" if section.name != "source" else ""
        parts.append(f"#### `{section.name}`\n\n{section.doc}" + (f" ({shape})" if shape else ""))
        rows = ["| field | value | required | meaning |", "|---|---|---|---|"]
        for field in section.fields:
            value = _KIND_TEXT[field.kind] + (", or a list" if field.many else "")
            rows.append(
                f"| `{field.name}` | {value} | {'yes' if field.required else ''} | {field.doc} |"
            )
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


_CONDITION = F.Section(
    "condition",
    "condition",
    "Inside a position: what must happen for conditional support to become support.",
    F.CONDITION_FIELDS,
    keyed=False,
)


def stance_table(ontology: Graph | None = None) -> str:
    graph = ontology if ontology is not None else read_graphs(resources.ontology_files())
    rows = ["| stance | polarity | definition |", "|---|---|---|"]
    for concept in sorted(graph.subjects(SKOS.inScheme, STANCE.scheme), key=str):
        name = re.sub(r"(?<!^)(?=[A-Z])", "-", str(concept)[len(STANCE) :]).lower()
        polarity = graph.value(concept, AP.polarity)
        rows.append(f"| `{name}` | {polarity} | {graph.value(concept, SKOS.definition)} |")
    return "\n".join(rows) + "\n"


TABLES = {"fields": field_tables, "stances": stance_table}


def refresh(text: str) -> str:
    """`text` with every generated table between its markers made anew."""
    for name, make in TABLES.items():
        start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        text = f"{before}{start}{make()}{end}{after}"
    return text


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(refresh(path.read_text(encoding="utf-8")), encoding="utf-8")
