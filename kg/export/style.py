"""One look for every drawn export: colour by stance, shape by kind.

The HTML page and the Graphviz file draw the same graph; both take their colours and shapes
from here, so a legend read in one holds in the other. Colours lean green for stances towards
the target, red for stances against it and grey for neither (the stance's ap:polarity).
"""

from collections.abc import Iterable, Mapping

STANCE_COLOURS: dict[str, str] = {
    "stance:Supports": "#1a9850",
    "stance:ConditionallySupports": "#91cf60",
    "stance:CommitsTo": "#2c7bb6",
    "stance:Demands": "#7b3294",
    "stance:Opposes": "#d73027",
    "stance:Rejects": "#a50026",
    "stance:RefusesToParticipate": "#f46d43",
    "stance:Regrets": "#fdae61",
    "stance:DefersToOthers": "#878787",
    "stance:Noncommittal": "#bababa",
}
"""Edge colour of each stance of the scheme."""

POLARITY_COLOURS = {"positive": "#1a9850", "negative": "#d73027", "neutral": "#878787"}
"""Edge colour of a stance outside the scheme, by its polarity."""

OTHER_EDGE = "#6b7280"

RELATION_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#e15759",
    "#bab0ac",
    "#ff9da7",
)
"""Edge colours of the views without stances, given to the edge labels in sorted order."""

KIND_COLOURS: dict[str, str] = {
    "state": "#1f4e79",
    "person": "#4f81bd",
    "organisation": "#7f9fcf",
    "office": "#9bbb59",
    "negotiation format": "#e69f00",
    "proposal": "#f0c040",
    "treaty": "#8c564b",
    "policy": "#c49c94",
    "event": "#d62728",
    # Kinds the full view shows besides.
    "position": "#e377c2",
    "statement": "#17becf",
    "source": "#bcbd22",
    "condition": "#9467bd",
    "stance": "#2ca02c",
    "office term": "#c5e0a5",
    "class": "#636363",
    "property": "#bdbdbd",
}
OTHER_NODE = "#a0a0a0"

# Shape names of Cytoscape.js and of Graphviz for each kind.
KIND_SHAPES: dict[str, tuple[str, str]] = {
    "state": ("hexagon", "hexagon"),
    "person": ("ellipse", "ellipse"),
    "organisation": ("round-rectangle", "box"),
    "office": ("tag", "cds"),
    "negotiation format": ("diamond", "diamond"),
    "proposal": ("rhomboid", "parallelogram"),
    "treaty": ("rectangle", "note"),
    "policy": ("barrel", "cylinder"),
    "event": ("triangle", "triangle"),
}
OTHER_SHAPE = ("ellipse", "ellipse")


def edge_colour(stance: str, polarity: str) -> str:
    """The colour of an edge: its stance's, else its polarity's, else a neutral grey."""
    return STANCE_COLOURS.get(stance) or POLARITY_COLOURS.get(polarity, OTHER_EDGE)


def relation_colours(labels: set[str]) -> dict[str, str]:
    """A colour for each relation label (the palette repeats beyond ten labels)."""
    return {
        label: RELATION_COLOURS[i % len(RELATION_COLOURS)] for i, label in enumerate(sorted(labels))
    }


def edge_colours(edges: Iterable[tuple[str, Mapping[str, object]]]) -> dict[str, str]:
    """Edge key to colour: by stance when the edges carry one, else by the edge's label."""
    edges = list(edges)
    if any(attrs.get("stance") for _, attrs in edges):
        return {
            key: edge_colour(str(attrs.get("stance", "")), str(attrs.get("polarity", "")))
            for key, attrs in edges
        }
    relations = relation_colours({str(attrs.get("label", "")) for _, attrs in edges})
    return {key: relations[str(attrs.get("label", ""))] for key, attrs in edges}


def node_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_NODE)


def cytoscape_shape(kind: str) -> str:
    return KIND_SHAPES.get(kind, OTHER_SHAPE)[0]


def graphviz_shape(kind: str) -> str:
    return KIND_SHAPES.get(kind, OTHER_SHAPE)[1]
