"""A view ready to write: its name, its graph and, for the stances view, the evidence.

Writers take a Projection rather than a bare graph because the HTML page shows more than
a graph attribute can hold (each statement's quote, speaker, date and sources).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from kg.export.stances import Evidence


@dataclass(frozen=True)
class Projection:
    """A projected graph and what the drawn formats need besides it."""

    view: str
    graph: "nx.MultiDiGraph[str]"
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)
    """Per position IRI (the edge attribute `position`): its statements."""
    focus: str = ""
    """The node the HTML page starts from ('' : the busiest)."""
