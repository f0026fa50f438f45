"""The terms of our namespaces a SPARQL text mentions, as ap:Xxx, stance:Xxx or full IRIs.

Queries are text, not RDF; reading the terms out of them lets the lint find a misspelt term in
a query and lets the competency-question report link each question to the terms it uses.
"""

import re

from rdflib import URIRef

from kg.namespaces import AP, STANCE

_NAMESPACES = {"ap": str(AP), "stance": str(STANCE)}
_LOCAL = r"[A-Za-z_][\w-]*"
_PREFIXED = re.compile(rf"(?<![\w?$:-])(ap|stance):({_LOCAL})")
_FULL = re.compile("<(" + "|".join(re.escape(ns) for ns in _NAMESPACES.values()) + f")({_LOCAL})>")


def terms_mentioned(text: str) -> list[URIRef]:
    """Our terms in `text`, each once, in order of first mention (comments included)."""
    found: dict[URIRef, None] = {}
    for match in sorted(
        [*_PREFIXED.finditer(text), *_FULL.finditer(text)], key=lambda m: m.start()
    ):
        namespace = _NAMESPACES.get(match[1], match[1])
        found[URIRef(namespace + match[2].rstrip("-"))] = None
    return list(found)
