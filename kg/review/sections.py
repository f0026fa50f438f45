"""The sections of a Turtle file: terms grouped under `# -- Name ---` banners.

The ontology files group their terms by topic (after W3C ORG); the documentation keeps that
order and those headings, so a reader finds a term's neighbours next to it.
"""

import re
from pathlib import Path

from rdflib import URIRef

_BANNER = re.compile(r"^#\s*--\s*(?P<name>[^-].*?)\s*-*\s*$")
_PREFIX = re.compile(r"^@prefix\s+(?P<prefix>[\w-]*):\s*<(?P<ns>[^>]*)>", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?P<prefix>[\w-]*):(?P<local>[\w.-]*[\w-])(?=\s|$)")


def sections(path: Path) -> dict[URIRef, tuple[str, int]]:
    """Each term that starts a statement at the left margin: its section and its position."""
    found: dict[URIRef, tuple[str, int]] = {}
    namespaces: dict[str, str] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if banner := _BANNER.match(line):
            section = banner["name"]
        elif prefix := _PREFIX.match(line):
            namespaces[prefix["prefix"]] = prefix["ns"]
        elif (subject := _SUBJECT.match(line)) and subject["prefix"] in namespaces:
            term = URIRef(namespaces[subject["prefix"]] + subject["local"])
            found.setdefault(term, (section, len(found)))
    return found
