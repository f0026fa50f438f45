"""Result messages: the one sh:message of a shape, and pySHACL's templates of SPARQL
constraints ({?var} and {$var})."""

import re
from collections.abc import Mapping

from rdflib import Literal
from rdflib.term import Node

from kg.fastshacl.errors import UnsupportedShapeError
from kg.fastshacl.model import Report
from kg.namespaces import shorten


def fill(template: str, bindings: Mapping[str, Node]) -> str:
    """The message pySHACL writes (_format_sparql_based_result_message): each bound variable
    replaces {?name} and {$name}, in the order given, by re.sub with str() of its value."""
    for name, value in bindings.items():
        template = re.sub(f"{{[?$]{name}}}", str(value), template)
    return template


def one_message(report: Report) -> str:
    """The one sh:message of a shape, as report_violations reads it (the lexical form)."""
    if len(report.messages) != 1:
        raise UnsupportedShapeError(
            f"{shorten(report.shape)} has {len(report.messages)} sh:message values: the fast "
            "SHACL validator needs exactly one (pySHACL's generic messages depend on the data "
            "graph's prefixes, and of several messages report_violations picks one at random)"
        )
    return str(report.messages[0])


def sparql_template(report: Report, messages: tuple[Literal, ...], node: object) -> str | None:
    """pySHACL gives a SPARQL constraint's results its own messages and the shape's; with
    none there is no message (""), with several report_violations would pick one at random."""
    templates = [m for m in messages if m not in report.messages] + list(report.messages)
    if len(templates) > 1:
        raise UnsupportedShapeError(
            f"{shorten(node)}: its results would carry {len(templates)} messages; the fast "
            "SHACL validator needs at most one"
        )
    return str(templates[0].value) if templates else None
