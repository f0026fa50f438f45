"""Any SPARQL 1.1 store as backend: push a build over the Graph Store Protocol, query it over the
SPARQL Protocol (Oxigraph server, Apache Jena Fuseki, GraphDB, QLever...).

Push sends each named graph of the build with an HTTP PUT, which replaces the graph, so that
pushing again gives the same store; then the merge of all graphs, as a set, to the default
graph, which is what queries read (as in the embedded store, see kg.store.load_graph).

Queries get the same safety check and prefixes as embedded ones (kg.queries.run). Remote
stores take no pre-bound variables, so parameters are written into the query as a VALUES
block at the start of its WHERE group. HTTP goes through the standard library (urllib), which
sends no credentials and honours the usual *_proxy variables.
"""

import io
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from kg import __version__
from kg.errors import InputError, KgError
from kg.queries import safe_query, with_prologue
from kg.sparql_values import inline_bindings, query_form
from kg.store import to_rdflib

DATASET_FILE = "dataset.trig"  # as kg.build writes it; not imported, to keep kg.build unloaded
TIMEOUT = 60.0
"""Seconds to wait for a server to accept a connection or send the next bytes of an answer."""

STORE_URL_HELP = (
    "the store's Graph Store Protocol URL "
    "(Oxigraph: http://HOST:PORT/store; Fuseki: http://HOST:PORT/DATASET/data)"
)
QUERY_URL_HELP = (
    "the store's SPARQL query URL "
    "(Oxigraph: http://HOST:PORT/query; Fuseki: http://HOST:PORT/DATASET/sparql)"
)

_NTRIPLES = "application/n-triples"
_RESULTS_JSON = "application/sparql-results+json"


class RemoteError(KgError):
    """A SPARQL store that cannot be reached, or that refuses a request."""


@dataclass(frozen=True)
class PushResult:
    """What a push sent: `graphs` named graphs holding `triples` triples in all, and their merge
    (`default_triples`, each triple once) as the default graph."""

    source: Path
    endpoint: str
    graphs: int
    triples: int
    default_triples: int
    seconds: float

    def summary(self) -> str:
        return (
            f"pushed {self.source} to {self.endpoint}: {self.graphs} named graphs with "
            f"{self.triples} triples, and their merge ({self.default_triples} triples) as the "
            f"default graph, in {self.seconds:.2f} s"
        )


def push(build_dir: Path, endpoint: str, *, timeout: float = TIMEOUT) -> PushResult:
    """PUT every named graph of the build, then their merge as the default graph, to a
    Graph Store Protocol endpoint (https://www.w3.org/TR/sparql11-http-rdf-update/)."""
    started = time.perf_counter()
    _check_url(endpoint, STORE_URL_HELP)
    source = build_dir / DATASET_FILE
    graphs, merge = _read_build(source)
    separator = "&" if "?" in endpoint else "?"
    for sent, (name, triples) in enumerate(graphs.items()):
        url = f"{endpoint}{separator}graph={urllib.parse.quote(name, safe='')}"
        _put(url, triples, f"cannot store graph <{name}> at {endpoint}", timeout, _partly(sent))
    url = f"{endpoint}{separator}default"
    _put(url, merge, f"cannot store the default graph at {endpoint}", timeout, _partly(len(graphs)))
    return PushResult(
        source=source,
        endpoint=endpoint,
        graphs=len(graphs),
        triples=sum(len(triples) for triples in graphs.values()),
        default_triples=len(merge),
        seconds=time.perf_counter() - started,
    )


def _read_build(path: Path) -> tuple[dict[str, list[ox.Triple]], list[ox.Triple]]:
    """The named graphs of a build, by name in name order, and their merge as a set."""
    if not path.is_file():
        raise InputError(
            "no build here; run `kg build` first (or name the build folder with --build)", path
        )
    graphs: dict[str, list[ox.Triple]] = {}
    merge: dict[ox.Triple, None] = {}
    try:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
            elif isinstance(quad.graph_name, ox.BlankNode):
                raise InputError(
                    f"a graph is named by a blank node ({quad.graph_name}), which no store can "
                    "address; build again with `kg build`",
                    path,
                )
            merge[quad.triple] = None
    except (SyntaxError, OSError) as exc:
        raise InputError(
            f"cannot read the build ({exc}); build again with `kg build`", path
        ) from None
    return dict(sorted(graphs.items())), list(merge)


def _partly(sent: int) -> str:
    """What a failed push leaves behind: PUT replaces graphs, so pushing again repairs it."""
    if not sent:
        return ""
    return f" (the store now holds {sent} of the build's named graphs; push again once fixed)"


def _put(url: str, triples: list[ox.Triple], what: str, timeout: float, partly: str) -> None:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    request = urllib.request.Request(url, data=body, method="PUT", headers=_headers(_NTRIPLES))
    _send(request, what, STORE_URL_HELP, timeout, partly)


def query_remote(
    endpoint: str,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    origin: str | None = None,
    timeout: float = TIMEOUT,
) -> Result:
    """Run a query at a SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/)
    and return its answer as an rdflib Result, which renders as an embedded answer does."""
    _check_url(endpoint, QUERY_URL_HELP)
    # The text sent is the one checked: the canonical text, its prologue and its VALUES block
    # (made of checked terms) are read once more as a whole before it leaves.
    text = with_prologue(inline_bindings(safe_query(text, origin or "query"), bindings))
    text = safe_query(text, origin or "query")
    what = f"the query {origin!r}" if origin else "the query"
    form = query_form(text)
    graph_answer = form in ("CONSTRUCT", "DESCRIBE")
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
        method="POST",
        headers=_headers(
            "application/x-www-form-urlencoded", _NTRIPLES if graph_answer else _RESULTS_JSON
        ),
    )
    content_type, body = _send(request, f"cannot run {what} at {endpoint}", QUERY_URL_HELP, timeout)
    media = content_type.partition(";")[0].strip().lower()
    expected = (_NTRIPLES, "text/plain") if graph_answer else (_RESULTS_JSON, "application/json")
    if media not in expected:
        raise RemoteError(
            f"{endpoint} answered {what} with {media or 'no content type'}, not {expected[0]}; "
            f"check that the URL is {QUERY_URL_HELP}"
        )
    try:
        return (
            _graph_result(body) if graph_answer else Result.parse(io.BytesIO(body), format="json")
        )
    except (ValueError, KeyError, TypeError, SyntaxError) as exc:
        raise RemoteError(
            f"{endpoint} answered {what} with a malformed {expected[0]} document ({exc}); "
            f"check that the URL is {QUERY_URL_HELP}"
        ) from None


def _graph_result(body: bytes) -> Result:
    graph = Graph()
    for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    result = Result("CONSTRUCT")
    result.graph = graph
    return result


# -- HTTP -----------------------------------------------------------------------------------------


def _check_url(endpoint: str, url_help: str) -> None:
    """Only http(s): urllib would also read file: and ftp: URLs."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(
            f"the endpoint {endpoint!r} is not an http:// or https:// URL; give {url_help}"
        )


def _headers(content_type: str, accept: str | None = None) -> dict[str, str]:
    headers = {"User-Agent": f"kg/{__version__}", "Content-Type": content_type}
    return {**headers, "Accept": accept} if accept else headers


def _send(
    request: urllib.request.Request, what: str, url_help: str, timeout: float, partly: str = ""
) -> tuple[str, bytes]:
    """The answer's content type and body; any failure as a RemoteError that says what to do."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        excerpt = _excerpt(exc)
        fix = _fix(exc.code, url_help, request.get_method())
        raise RemoteError(f"{what}: HTTP {exc.code} {exc.reason}{excerpt}; {fix}{partly}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout(what, timeout, partly) from None
        reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
        raise RemoteError(
            f"{what}: cannot connect ({reason.lower()}); check that the server runs and that the "
            f"URL is {url_help}{partly}"
        ) from None
    except TimeoutError:
        raise _timeout(what, timeout, partly) from None
    except OSError as exc:  # a connection reset or closed halfway
        raise RemoteError(
            f"{what}: the connection failed ({exc}); check that the server runs{partly}"
        ) from None


def _timeout(what: str, timeout: float, partly: str) -> RemoteError:
    return RemoteError(
        f"{what}: no answer within {timeout:g} s; check that the server runs and is not "
        f"overloaded{partly}"
    )


def _excerpt(error: urllib.error.HTTPError, limit: int = 200) -> str:
    """The start of the server's explanation, on one line."""
    try:
        body = error.read()
    except OSError:
        return ""
    text = " ".join(body.decode("utf-8", "replace").split())
    if not text:
        return ""
    return f': "{text[:limit]}..."' if len(text) > limit else f': "{text}"'


def _fix(status: int, url_help: str, method: str) -> str:
    if status in (404, 405):
        return f"check that the URL is {url_help}"
    if status in (401, 403):
        return "the server wants credentials, which kg does not send: open the store to this host"
    if status >= 500:
        return "the server failed; see its log"
    if method == "PUT":
        return "the store refused the data; see its message"
    return "the store refused the query; fix it where the store's message points"
