"""Any SPARQL 1.1 store as backend: push a build over the Graph Store Protocol, query it over the
SPARQL Protocol (Oxigraph server, Apache Jena Fuseki, GraphDB, QLever...).

Push sends each named graph of the build with an HTTP PUT, which replaces the graph, so that
pushing again gives the same store; then the merge of all graphs, as a set, to the default
graph, which is what queries read (as in the embedded store, see kg.store.load_graph).

Queries get the same safety check and prefixes as embedded ones (kg.queries.run). Remote
stores take no pre-bound variables, so parameters are written into the query as a VALUES
block at the start of its WHERE group. HTTP goes through the standard library (urllib), which
honours the usual *_proxy variables; a store that asks for credentials gets them with HTTP Basic
or Digest (kg.http_auth), from the environment or a netrc file (kg.credentials).

Virtuoso keeps no default graph of its own (its default graph is the union of every graph,
its system graphs included, each triple once per graph that holds it), so for it the merge goes
to a named graph (`default_graph`), which queries then name as their default graph (the
SPARQL Protocol's default-graph-uri).
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.plugins.sparql.results.jsonresults import JSONResult
from rdflib.query import Result
from rdflib.term import Node

from kg import __version__
from kg.credentials import credentials_for, where_to_set
from kg.errors import InputError, KgError, QueryError
from kg.http_auth import Authenticator, Challenge, challenges, offered_schemes
from kg.queries import safe_query, with_prologue
from kg.sparql_values import inline_bindings, query_form
from kg.store import DIRECTIONAL_LITERAL, TRIPLE_TERM, as_result
from kg.wording import counted

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
    default_graph: str | None = None
    """The named graph that holds the merge, for a store without a default graph of its own."""

    def summary(self) -> str:
        where = f"the graph <{self.default_graph}>" if self.default_graph else "the default graph"
        return (
            f"pushed {self.source} to {self.endpoint}: {counted(self.graphs, 'named graph')} "
            f"with {counted(self.triples, 'triple')}, and their merge "
            f"({counted(self.default_triples, 'triple')}) as "
            f"{where}, in {self.seconds:.2f} s"
        )


def push(
    build_dir: Path,
    endpoint: str,
    *,
    default_graph: str | None = None,
    timeout: float = TIMEOUT,
) -> PushResult:
    """PUT every named graph of the build, then their merge as the default graph (or as the
    named graph `default_graph`), to a Graph Store Protocol endpoint
    (https://www.w3.org/TR/sparql11-http-rdf-update/)."""
    started = time.perf_counter()
    _check_url(endpoint, STORE_URL_HELP)
    if default_graph is not None:
        _check_graph_name(default_graph)
    source = build_dir / DATASET_FILE
    graphs, merge = _read_build(source)
    if default_graph in graphs:
        raise RemoteError(
            f"the build has a graph named <{default_graph}>; give the merge another name"
        )
    session = _Session(endpoint)
    separator = "&" if "?" in endpoint else "?"
    for sent, (name, triples) in enumerate(graphs.items()):
        url = f"{endpoint}{separator}graph={urllib.parse.quote(name, safe='')}"
        what = f"cannot store graph <{name}> at {endpoint}"
        session.put(url, triples, what, timeout, _partly(sent))
    if default_graph is None:
        url, what = f"{endpoint}{separator}default", f"cannot store the default graph at {endpoint}"
    else:
        url = f"{endpoint}{separator}graph={urllib.parse.quote(default_graph, safe='')}"
        what = f"cannot store the merge as graph <{default_graph}> at {endpoint}"
    session.put(url, merge, what, timeout, _partly(len(graphs)))
    return PushResult(
        source=source,
        endpoint=endpoint,
        graphs=len(graphs),
        triples=sum(len(triples) for triples in graphs.values()),
        default_triples=len(merge),
        seconds=time.perf_counter() - started,
        default_graph=default_graph,
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


def query_remote(
    endpoint: str,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    origin: str | None = None,
    default_graph: str | None = None,
    timeout: float = TIMEOUT,
) -> Result:
    """Run a query at a SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/)
    and return its answer as an rdflib Result, which renders as an embedded answer does.
    `default_graph` names the graph the query reads as its default graph (where the push put
    the merge)."""
    _check_url(endpoint, QUERY_URL_HELP)
    if default_graph is not None:
        _check_graph_name(default_graph)
    # The text sent is the one checked: the canonical text, its prologue and its VALUES block
    # (made of checked terms) are read once more as a whole before it leaves.
    text = with_prologue(inline_bindings(safe_query(text, origin or "query"), bindings))
    text = safe_query(text, origin or "query")
    what = f"the query {origin!r}" if origin else "the query"
    graph_answer = query_form(text) in ("CONSTRUCT", "DESCRIBE")
    form = {"query": text}
    if default_graph is not None:
        form["default-graph-uri"] = default_graph
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        method="POST",
        headers=_headers(
            "application/x-www-form-urlencoded", _NTRIPLES if graph_answer else _RESULTS_JSON
        ),
    )
    headers, body = _Session(endpoint).send(
        request, f"cannot run {what} at {endpoint}", QUERY_URL_HELP, timeout
    )
    if headers.get("X-SQL-State", "").strip().upper() == "S1TAT":
        # Virtuoso's "anytime" answer: what it found before its time limit, with status 200.
        raise RemoteError(
            f"{endpoint} cut its answer to {what} at its time limit, so the rows would be "
            "incomplete; raise the store's limit (Virtuoso: MaxQueryExecutionTime in its INI "
            "file) or ask for less (--param)"
        )
    media = headers.get("Content-Type", "").partition(";")[0].strip().lower()
    expected = (_NTRIPLES, "text/plain") if graph_answer else (_RESULTS_JSON, "application/json")
    if media not in expected:
        raise RemoteError(
            f"{endpoint} answered {what} with {media or 'no content type'}, not {expected[0]}; "
            f"check that the URL is {QUERY_URL_HELP}"
        )
    try:
        if graph_answer:
            return as_result(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        # rdflib's reader, not Oxigraph's: it takes Virtuoso's blank nodes (nodeID://b1)
        return JSONResult(_without_rdf12_terms(json.loads(body)))
    except (ValueError, KeyError, TypeError, AttributeError, SyntaxError) as exc:
        raise RemoteError(
            f"{endpoint} answered {what} with a malformed {expected[0]} document ({exc}); "
            f"check that the URL is {QUERY_URL_HELP}"
        ) from None


def _without_rdf12_terms(answer: dict[str, Any]) -> dict[str, Any]:
    """A SPARQL JSON answer, refused if it holds an RDF 1.2 term: rdflib has none, and would
    stop at a triple term and silently drop a text's base direction."""
    for binding in answer.get("results", {}).get("bindings", []):
        for term in binding.values():
            if term["type"] == "triple":
                raise QueryError(TRIPLE_TERM)
            if "its:dir" in term:
                raise QueryError(DIRECTIONAL_LITERAL)
    return answer


# -- HTTP -----------------------------------------------------------------------------------------


def _check_url(endpoint: str, url_help: str) -> None:
    """Only http(s): urllib would also read file: and ftp: URLs. No credentials in the URL:
    a command line is seen by the machine's other users and kept in the shell's history."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.username is not None or parts.password is not None:
        bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        raise RemoteError(
            f"the endpoint URL holds a user name or password ({bare} without them); take them "
            f"out of the command line and {where_to_set(parts.hostname or '')}"
        )
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(
            f"the endpoint {endpoint!r} is not an http:// or https:// URL; give {url_help}"
        )


def _check_graph_name(name: str) -> None:
    parts = urllib.parse.urlsplit(name)
    if not parts.scheme or any(c in name for c in '<>" {}|\\^`') or not name.isprintable():
        raise RemoteError(
            f"the default graph {name!r} is not an absolute IRI; give one such as "
            "https://w3id.org/actors-positions/graph/merge"
        )


def _headers(content_type: str, accept: str | None = None) -> dict[str, str]:
    headers = {"User-Agent": f"kg/{__version__}", "Content-Type": content_type}
    return {**headers, "Accept": accept} if accept else headers


class _Session:
    """The requests of one push or query to one store; it answers the store's 401 with
    credentials (looked up only then) and keeps sending them once accepted."""

    def __init__(self, endpoint: str) -> None:
        self.host = urllib.parse.urlsplit(endpoint).hostname or ""
        self.auth: Authenticator | None = None
        self.offered: list[Challenge] = []  # the schemes of the last 401
        self.status = 0  # of the last HTTP error
        self.probed = False

    def put(
        self, url: str, triples: list[ox.Triple], what: str, timeout: float, partly: str
    ) -> None:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        request = urllib.request.Request(url, data=body, method="PUT", headers=_headers(_NTRIPLES))
        if not self.probed:
            self.probed = True
            self._probe(url, what, timeout, partly)
        self.send(request, what, STORE_URL_HELP, timeout, partly)

    def _probe(self, url: str, what: str, timeout: float, partly: str) -> None:
        """Ask for the store's challenge with an empty request (HEAD) before sending a graph,
        so that a store that wants credentials does not get the graph twice (or close the
        connection halfway through it). Any other answer is left to the PUT."""
        request = urllib.request.Request(url, method="HEAD", headers=_headers(_NTRIPLES))
        try:
            self.send(request, what, STORE_URL_HELP, timeout, partly)
        except RemoteError:
            if self.status == 401:
                raise  # no credentials, or refused ones: the PUT would fail the same way
            # any other answer (HEAD not allowed...) is left to the PUT

    def send(
        self,
        request: urllib.request.Request,
        what: str,
        url_help: str,
        timeout: float,
        partly: str = "",
    ) -> tuple[Message, bytes]:
        """The answer's headers and body; any failure as a RemoteError that says what to do."""
        attempt = 0
        while True:
            attempt += 1  # a third 401 (a stale nonce again and again) is the last
            if self.auth is not None:
                self.auth.sign(request)
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return response.headers, response.read()
            except urllib.error.HTTPError as exc:
                self.status = exc.code
                if exc.code == 401 and attempt < 3 and self._answer(exc):
                    exc.close()
                    continue
                raise self._refused(exc, what, url_help, request.get_method(), partly) from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise _timeout(what, timeout, partly) from None
                reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
                raise RemoteError(
                    f"{what}: cannot connect ({reason.lower()}); check that the server runs and "
                    f"that the URL is {url_help}{partly}"
                ) from None
            except TimeoutError:
                raise _timeout(what, timeout, partly) from None
            except OSError as exc:  # a connection reset or closed halfway
                raise RemoteError(
                    f"{what}: the connection failed ({exc}); check that the server runs{partly}"
                ) from None

    def _answer(self, error: urllib.error.HTTPError) -> bool:
        """Whether a 401 is worth answering with credentials (found now, on the first one)."""
        if self.auth is None:
            self.auth = Authenticator(credentials_for(self.host))
        self.offered = challenges(error.headers.get_all("WWW-Authenticate") or [])
        return self.auth.accept(self.offered)

    def _refused(
        self, error: urllib.error.HTTPError, what: str, url_help: str, method: str, partly: str
    ) -> RemoteError:
        status = f"{what}: HTTP {error.code} {error.reason}"
        if error.code in (401, 403):
            return RemoteError(f"{status}; {self._credentials_fix(error.code, method)}{partly}")
        explanation = _explanation(error)
        fix = _fix(error.code, url_help, method, explanation)
        return RemoteError(f"{status}{_excerpt(explanation)}; {fix}{partly}")

    def _credentials_fix(self, status: int, method: str) -> str:
        """What to do about a 401 or 403: which credentials to set, or what they lack. The
        server's own text is left out: it could echo what was sent."""
        credentials = self.auth.credentials if self.auth else None
        sent = self.auth is not None and self.auth.sending
        if status == 403:
            if sent:
                right = "write graphs" if method in ("PUT", "HEAD") else "run queries"
                return (
                    f"the store knows {credentials} but does not let that user {right} there; "
                    "give the user that right on the store (Virtuoso: SPARQL_UPDATE) or use "
                    "another one"
                )
            return (
                "the store refuses this request without credentials: "
                f"{where_to_set(self.host)}; or open the store to this host"
            )
        schemes = offered_schemes(self.offered)
        if credentials is None:
            return f"the store wants credentials ({schemes}): {where_to_set(self.host)}"
        if not sent:
            return (
                f"the store asks for {schemes} authentication; kg answers Basic and Digest "
                "only: open the store to this host, or put it behind a proxy that asks for one "
                "of those"
            )
        return f"the store refused {credentials}: check the user name and password there"


def _timeout(what: str, timeout: float, partly: str) -> RemoteError:
    return RemoteError(
        f"{what}: no answer within {timeout:g} s; check that the server runs and is not "
        f"overloaded{partly}"
    )


def _explanation(error: urllib.error.HTTPError) -> str:
    """The server's explanation of an error status, on one line."""
    try:
        body = error.read()
    except OSError:
        return ""
    return " ".join(body.decode("utf-8", "replace").split())


def _excerpt(text: str, limit: int = 200) -> str:
    if not text:
        return ""
    return f': "{text[:limit]}..."' if len(text) > limit else f': "{text}"'


VIRTUOSO_ROW_LIMIT = "SR319"
"""Virtuoso 7's error for a row too wide for its temporary tables: it sorts an answer only when
each row, every column together, is under about 4,070 bytes (docs/serve.md, "Virtuoso")."""


def _fix(status: int, url_help: str, method: str, explanation: str) -> str:
    if status in (404, 405):
        return f"check that the URL is {url_help}"
    if VIRTUOSO_ROW_LIMIT in explanation:
        return (
            "some rows of the answer, every column together, are too wide for the store to "
            "sort (Virtuoso 7: about 4 KB; long joined words do it); ask for less (--param), "
            "or ask the embedded engine (without --endpoint)"
        )
    if status >= 500:
        return "the server failed; see its log"
    if method == "PUT":
        return "the store refused the data; see its message"
    return "the store refused the query; fix it where the store's message points"
