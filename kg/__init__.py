"""A knowledge graph of actors and their positions on treaties, proposals and negotiation formats.

The library behind the `kg` command: each stage of the pipeline is one function.
"""

import importlib.metadata as _metadata

try:
    __version__ = _metadata.version("actors-positions-kg")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"

from kg import ill_typed, sparql_cache
from kg.build import BuildResult, build
from kg.dataset import load_dataset
from kg.errors import InputError, KgError, QueryError
from kg.project import Project
from kg.queries import NamedQuery, named_queries, run
from kg.reasoning import infer
from kg.validation import Violation, validate

__all__ = [
    "BuildResult",
    "InputError",
    "KgError",
    "NamedQuery",
    "Project",
    "QueryError",
    "Violation",
    "__version__",
    "build",
    "infer",
    "load_dataset",
    "named_queries",
    "run",
    "validate",
]

sparql_cache.install()  # rdflib parses each SPARQL text once (see kg.sparql_cache)
ill_typed.install()  # no traceback on stderr for a literal such as "x"^^xsd:integer
