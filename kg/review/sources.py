"""What the lint reviews: the ontology, the shapes, the project's data and its queries.

Everything goes into one plain graph, so that each check is a single SPARQL query. Queries are
text; the terms they mention enter the graph as `<urn:kg:query:NAME> dcterms:references TERM`,
so a misspelt term in a query is found like one in the data.
"""

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg import resources
from kg.dataset import load_asserted, union
from kg.errors import InputError
from kg.loading import read_graph
from kg.namespaces import ONTOLOGY_GRAPH, bind_prefixes
from kg.project import EMBEDDED, Project
from kg.queries import named_queries
from kg.review.mentions import terms_mentioned


def review_graph(
    project: Project = EMBEDDED,
    files: Iterable[Path] = (),
    ontology: Iterable[Path] | None = None,
    shapes: Iterable[Path] | None = None,
) -> Graph:
    """The ontology, the shapes, the project's asserted data (no inferences: a reviewer judges
    what was written) and the terms its named queries mention, plus `files`.

    `ontology` and `shapes` replace the tool's own files (to review a changed copy)."""
    ontology = resources.ontology_files() if ontology is None else list(ontology)
    graph = union(load_asserted(project, ontology), exclude=(ONTOLOGY_GRAPH,))
    for path in [
        *ontology,
        *(resources.shapes_files() if shapes is None else shapes),
    ]:
        read_graph(path, into=graph)
    for query in named_queries(project.queries_dir).values():
        add_query_mentions(graph, query.name, query.text)
    return read_sources(files, into=graph)


def read_sources(paths: Iterable[Path], into: Graph | None = None) -> Graph:
    """Read Turtle or N-Triples files as RDF, and .rq files as the terms they mention."""
    graph = into if into is not None else bind_prefixes(Graph())
    for path in paths:
        if path.suffix == ".rq":
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise InputError(f"cannot read the query file ({exc.strerror})", path) from None
            except UnicodeDecodeError:
                raise InputError("the query file is not UTF-8 text", path) from None
            add_query_mentions(graph, path.stem, text)
        else:
            read_graph(path, into=graph)
    return graph


def query_iri(name: str) -> URIRef:
    """The name of a query file in lint reports."""
    return URIRef(f"urn:kg:query:{name}")


def add_query_mentions(graph: Graph, name: str, text: str) -> None:
    for term in terms_mentioned(text):
        graph.add((query_iri(name), DCTERMS.references, term))
