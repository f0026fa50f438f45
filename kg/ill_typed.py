"""Literals whose text does not fit their datatype ("x"^^xsd:integer, "2026-13-01"^^xsd:date).

SPARQL and RDF allow them, and kg prints them as they are written. rdflib, converting one to a
Python value, logs a warning with a whole traceback on stderr, which would reach a user of
`kg query` or the log of `kg serve` for a query that is not wrong. Only that warning is dropped.
"""

import logging

_WARNING = "Failed to convert Literal lexical form to value"


class _DropIllTyped(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_WARNING)


def install() -> None:
    """Drop rdflib's warning of an ill-typed literal (once per process; idempotent)."""
    logger = logging.getLogger("rdflib.term")
    if not any(isinstance(f, _DropIllTyped) for f in logger.filters):
        logger.addFilter(_DropIllTyped())
