"""What a query worker does: check a query, run it on the build's store, write the answer.

A worker is a separate process with the build's on-disk store open read-only. Everything a
query costs (parsing, the safety check, evaluation, writing the answer) happens here, so the
server can end any query at its time limit by killing the worker, whatever it was doing:
Oxigraph's `Store.query` has no time limit of its own.
"""

import resource
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection

import pyoxigraph as ox
from rdflib.term import Node

from kg.deep_stack import on_deep_stack
from kg.errors import QueryError
from kg.lookup import check_bindings, resolve_names
from kg.namespaces import PREFIXES
from kg.offline import cut_network
from kg.queries import own_syntax_error, safe_query, syntax_error
from kg.serve import formats
from kg.serve.formats import Format, NotAcceptable
from kg.sparql_values import bound_in_text
from kg.store import to_oxigraph

READY = "ready"
"""A worker's first message, with None or the reason its network could not be cut."""


@dataclass(frozen=True)
class Job:
    """A query to answer, with what the request asked of its dataset and its format."""

    query: str
    accept: str = ""
    format_name: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: Mapping[str, Node] = field(default_factory=dict)
    max_rows: int = 10_000
    origin: str = "query"
    """"query" for a query sent to /sparql, else the named query's name."""
    title: str = ""
    """The named query's title (for HTML answers)."""
    root: str = ""
    """Where the endpoint is mounted (for the links of HTML answers)."""
    limits: str = ""
    """The endpoint's limits in words (for HTML answers)."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def text(cls, status: int, message: str) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


HtmlWriter = Callable[[Job, "formats.Table | list[ox.Triple] | bool", bool], bytes]


def execute(store: ox.Store, graphs: frozenset[str], job: Job, html: HtmlWriter) -> Answer:
    """Answer a job; a refused or malformed query gives 400, an unacceptable format 406."""
    text = engine_text = ""
    try:
        text = safe_query(job.query, job.origin, graphs)
        for iri in (*job.default_graphs, *job.named_graphs):
            if iri not in graphs:
                raise QueryError(
                    f"{job.origin}: <{iri}> (default-graph-uri or named-graph-uri) is not a "
                    "graph of this dataset; name only the dataset's own graphs"
                )
        # a named query's parameters, as `kg query --param` takes them: `holder=china` is
        # id:china, and a name of nothing gets "did you mean" (not an empty answer)
        bindings, _ = resolve_names(store, job.bindings)
        check_bindings(store, bindings, job.origin)
        engine_text, bindings = bound_in_text(text, bindings)
        answer = store.query(
            engine_text,
            prefixes=PREFIXES,
            substitutions={ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()},
            default_graph=[ox.NamedNode(g) for g in job.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in job.named_graphs] or None,
        )
        return _write(answer, job, html, text)
    except QueryError as exc:
        return Answer.text(400, str(exc))
    except SyntaxError as exc:
        message = own_syntax_error(text, engine_text, exc)
        return Answer.text(400, str(syntax_error(job.origin, job.query, message)))
    except NotAcceptable as exc:
        return Answer.text(406, str(exc))
    except RuntimeError as exc:  # the engine's own refusal, e.g. an unbound SERVICE variable
        return Answer.text(400, f"{job.origin}: the query engine stopped: {exc}")
    except OSError as exc:  # a connection the worker cannot open, or the store failing
        return Answer.text(503, f"{job.origin}: the query engine could not finish: {exc}")


def _write(answer: object, job: Job, html: HtmlWriter, text: str) -> Answer:
    content: formats.Table | list[ox.Triple] | ox.QueryBoolean
    if isinstance(answer, ox.QueryTriples):
        fmt = formats.negotiate(formats.GRAPH_FORMATS, job.accept, job.format_name)
        content, truncated = formats.capped_triples(answer, job.max_rows)
    else:
        fmt = formats.negotiate(formats.SOLUTION_FORMATS, job.accept, job.format_name)
        if isinstance(answer, ox.QueryBoolean):
            content, truncated = answer, False
        else:
            assert isinstance(answer, ox.QuerySolutions)
            content = formats.solutions_table(answer, job.max_rows, text)
            truncated = content.truncated
    if fmt is formats.HTML:
        body = html(
            job, bool(content) if isinstance(content, ox.QueryBoolean) else content, truncated
        )
    elif isinstance(content, ox.QueryBoolean):
        body = formats.write_boolean(content, fmt)
    elif isinstance(content, list):
        body = formats.write_triples(content, fmt)
    else:
        body = formats.write_solutions(content, fmt)
    return _answer(fmt, body, truncated)


def _answer(fmt: Format, body: bytes, truncated: bool) -> Answer:
    headers = (("KG-Truncated", "true"),) if truncated else ()
    return Answer(200, fmt.content_type, body, headers)


def main(connection: Connection, store_path: str, memory_limit: int | None) -> None:
    """The worker process: cut its network, open the store, say it is ready (and whether the
    network could be cut), then answer jobs until the pipe closes."""
    no_wall = cut_network()  # first, while the process has one thread
    from kg.serve.page import results_page  # Jinja2, loaded in the worker only

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    if memory_limit:
        # A query that would take more heap than this fails to allocate and ends the worker,
        # which the server replaces; the machine keeps its memory.
        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
    store = ox.Store.read_only(store_path)
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    connection.send((READY, no_wall))
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(on_deep_stack(partial(execute, store, graphs, job, results_page)))
