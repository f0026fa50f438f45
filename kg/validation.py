"""SHACL validation with pySHACL, and a report that reads as sentences for an analyst."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg import resources
from kg.cards.located import Where
from kg.loading import read_graphs
from kg.namespaces import shorten
from kg.reasoning import infer

_SEVERITY: dict[Node | None, str] = {
    SH.Violation: "Violation",
    SH.Warning: "Warning",
    SH.Info: "Info",
}


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL validation result, with its terms written as prefixed names."""

    focus: str
    path: str
    message: str
    severity: str
    shape: str
    value: str
    where: str = ""
    """file:line:column of what made the focus node: the card entry, or the statement of the
    registry or a Turtle source that describes it."""

    def line(self) -> str:
        """The one-line form printed by `kg validate`: [place:] node, path, message."""
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.focus} {self.path}: {self.message}"


def load_shapes() -> Graph:
    """The project's SHACL shapes, from every *-shapes.ttl file beside the ontology."""
    return read_graphs(resources.shapes_files())


def shacl_report(data: Graph, shapes: Graph | None = None) -> Graph:
    """Validate `data` (asserted and inferred triples, with the ontology) against the shapes.

    The data must already hold its inferences (see kg.reasoning); pySHACL runs no inference of
    its own, so what is checked is exactly what queries see.
    """
    _, report, _ = pyshacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=True,
    )
    assert isinstance(report, Graph)
    return report


def validate(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """The violations of `data`, sorted; an empty list means the data conforms."""
    return report_violations(shacl_report(data, shapes))


def report_violations(
    report: Graph, origins: Mapping[URIRef, Where] | None = None
) -> list[Violation]:
    """The results of a SHACL validation report graph, sorted; `origins` maps nodes to the
    card entries that made them, so a violation can point to the card line."""
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        where = (origins or {}).get(focus) if isinstance(focus, URIRef) else None
        results.append(
            Violation(
                focus=_name(report.value(result, SH.focusNode)),
                path=_name(report.value(result, SH.resultPath)),
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=_SEVERITY.get(report.value(result, SH.resultSeverity), "Violation"),
                shape=_name(report.value(result, SH.sourceShape)),
                value=_name(report.value(result, SH.value)),
                where=str(where) if where else "",
            )
        )
    return sorted(results)


def _name(node: Node | None) -> str:
    return shorten(node) if node is not None else "-"


def violations_of_files(paths: list[Path], context: list[Path] | None = None) -> list[Violation]:
    """Validate data files with the ontology, the `context` files (such as the registry of
    actors) and the inferences they all entail."""
    data = read_graphs([*resources.ontology_files(), *(context or []), *paths])
    data += infer(data)
    return validate(data)
