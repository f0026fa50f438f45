"""Check one card against a built graph: syntax, references and shapes, without a full build."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.build import DATASET_FILE
from kg.cards.compiler import KeyIndex, compile_card, declare_keys, read_card
from kg.errors import KgError
from kg.namespaces import INFERRED_GRAPH, source_graph
from kg.reasoning import infer
from kg.validation import Violation, report_violations, shacl_report


@dataclass(frozen=True)
class CardCheck:
    card: Path
    triples: int
    violations: list[Violation]


def check_card(card_path: Path, build_dir: Path) -> CardCheck:
    """Compile the card against the graph built in `build_dir` (replacing the card's own graph
    there, if it was built before) and validate the result. Never modifies the card."""
    built = read_build(build_dir)
    card = read_card(card_path)
    own = source_graph(card.key)
    known = Graph()
    for graph in built.graphs():
        if graph.identifier not in (own, INFERRED_GRAPH):
            known += graph
    index = KeyIndex.from_graph(known)
    declare_keys(card, index)
    compiled = compile_card(card, index)
    data = known + compiled.graph
    data += infer(data)
    report = shacl_report(data)
    return CardCheck(card_path, len(compiled.graph), report_violations(report, compiled.origins))


def read_build(build_dir: Path) -> Dataset:
    path = build_dir / DATASET_FILE
    if not path.is_file():
        raise KgError(f"no build found ({path} is missing); run `kg build` first", build_dir)
    dataset = Dataset()
    dataset.parse(path, format="trig")
    return dataset
