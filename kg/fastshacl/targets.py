"""Focus nodes in SPARQL: a shape's targets as a group that binds ?this, computed once per query.

sh:targetClass follows rdf:type/rdfs:subClassOf* in the data, as pySHACL does; the subclasses
are found from the class (a bounded walk), then their instances.
"""

from collections.abc import Sequence

from kg.fastshacl.model import Target
from kg.fastshacl.terms import sparql_term

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


FOCUS_HEAD = "{ SELECT DISTINCT ?this WHERE { "
"""How a focus group starts (ConstraintQuery.restricted_to puts its VALUES right after)."""


def focus_nodes(targets: Sequence[Target]) -> str:
    """A group pattern binding ?this to each focus node once."""
    branches = " UNION ".join(f"{{ {_pattern(t)} }}" for t in targets)
    return f"{FOCUS_HEAD}{branches} }} }}"


def _pattern(target: Target, variable: str = "?this") -> str:
    node = sparql_term(target.node)
    if target.kind == "class":
        return f"?fastshacl_class {_SUBCLASS_OF}* {node} . {variable} {_RDF_TYPE} ?fastshacl_class"
    if target.kind == "subjectsOf":
        return f"{variable} {node} ?fastshacl_object"
    raise ValueError(f"unknown target kind {target.kind!r}")
