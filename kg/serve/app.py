"""The SPARQL 1.1 Protocol, read-only, as a WSGI application (https://www.w3.org/TR/sparql11-protocol/).

Paths:
  /                   the query page (YASGUI; a plain form without JavaScript)
  /static/PATH        the query page's scripts and style sheets (kg/serve/static/)
  /sparql             the query endpoint: GET ?query=, POST form-encoded or application/sparql-query
  /queries            the named queries, with their questions and parameters (JSON)
  /queries/NAME       a named query's answer; its parameters as ?name=value
  /queries/NAME.rq    its SPARQL text

The application checks what it can before any query runs (methods, sizes, updates) and hands
the query to a worker process (kg.serve.pool), which checks and runs it within the time limit.
"""

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from kg.errors import QueryError
from kg.queries import NamedQuery, given_twice, no_such_parameter, parameter_value
from kg.serve.fairness import ClientShares, TooManyQueries
from kg.serve.page import (
    TERMS_QUERY,
    Terms,
    content_security_policy,
    index_page,
    query_page_policy,
    terms_from_json,
)
from kg.serve.pool import Busy, TimedOut, WorkerLost, WorkerPool
from kg.serve.static import static_response
from kg.serve.worker import Answer, Job
from kg.wording import counted

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
WAITING_PER_CLIENT = 8
"""Queries of one client that may wait for its turn (kg.serve.fairness); more get 429."""
_ANSWER_KEYS = ("format", "output")
"""What a URL may give besides a named query's parameters: the answer's format (see _job)."""


@dataclass(frozen=True)
class Limits:
    """What one request may cost. The defaults suit an analyst's laptop and a team server."""

    timeout: float = 10.0
    """Seconds from a request's arrival to its answer; a query still running is stopped."""
    max_rows: int = 10_000
    """Rows (or triples) of an answer; more are cut, and the answer says so (KG-Truncated)."""
    max_body_bytes: int = 1 << 20
    """Bytes of a POST body."""
    max_url_bytes: int = 16 << 10
    """Bytes of a GET request's path and query string; longer gets 414 (send it by POST)."""

    def describe(self) -> str:
        return (
            f"answers within {self.timeout:g} s, at most {self.max_rows:,} rows, "
            f"queries up to {self.max_body_bytes:,} bytes by POST and {self.max_url_bytes:,} "
            "by GET, no updates"
        )


class Endpoint:
    """The WSGI application over a pool of query workers."""

    def __init__(self, pool: WorkerPool, queries: dict[str, NamedQuery], limits: Limits):
        self.pool = pool
        self.queries = queries
        self.limits = limits
        self.shares = ClientShares(running=max(1, pool.size - 1), waiting=WAITING_PER_CLIENT)
        self._policy = content_security_policy()
        self._terms: Terms | None = None

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        arrival = time.monotonic()
        request = Request(environ)
        request.max_content_length = self.limits.max_body_bytes
        request.max_form_memory_size = self.limits.max_body_bytes
        try:
            response = self._dispatch(request, arrival + self.limits.timeout)
        except RequestEntityTooLarge:
            response = _text(
                413,
                f"the request body is larger than {self.limits.max_body_bytes:,} bytes; "
                "send a shorter query",
            )
        except HTTPException as exc:  # werkzeug's own, e.g. a malformed form body
            response = _text(exc.code or 400, exc.description or exc.name)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.mimetype == "text/html":  # the query page sets its own
            response.headers.setdefault("Content-Security-Policy", self._policy)
        else:  # the data is public and read-only: web tools such as YASGUI may query it
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response(environ, start_response)

    def _dispatch(self, request: Request, deadline: float) -> Response:
        url_bytes = len(request.path.encode("utf-8")) + len(request.query_string)
        if url_bytes > self.limits.max_url_bytes:
            return _text(
                414,
                f"the URL is {url_bytes:,} bytes, more than {self.limits.max_url_bytes:,}; "
                "send a long query by POST",
            )
        path = request.path.rstrip("/") or "/"
        if request.method == "OPTIONS":
            return _preflight()
        if request.method not in ("GET", "HEAD", "POST"):
            return _text(405, f"{request.method} is not allowed; this endpoint is read-only")
        if path == "/":
            return self._page(request, deadline)
        if path.startswith("/static/"):
            found = static_response(request, path.removeprefix("/static/"))
            if found is not None:
                return found
        if path == "/sparql":
            return self._sparql(request, deadline)
        if path == "/queries":
            return self._list(request)
        if path.startswith("/queries/"):
            return self._named(request, path.removeprefix("/queries/"), deadline)
        return _text(
            404, f"nothing at {request.path}; the endpoint is at /sparql, a query page at /"
        )

    def _page(self, request: Request, deadline: float) -> Response:
        body = index_page(
            list(self.queries.values()),
            self.limits.describe(),
            request.script_root,
            self._page_terms(deadline),
        )
        response = Response(body, content_type="text/html; charset=utf-8")
        response.headers["Content-Security-Policy"] = query_page_policy()
        return response

    def _page_terms(self, deadline: float) -> Terms:
        """The graph's classes and properties, for the page's completion: asked of the store
        once, at the first page; without them (a busy or failing worker) the page still works."""
        if self._terms is None:
            job = Job(TERMS_QUERY, accept="application/sparql-results+json", max_rows=100_000)
            try:
                answer = self.pool.run(job, deadline)
            except (TimedOut, Busy, WorkerLost):
                return Terms()
            if answer.status != 200:
                return Terms()
            self._terms = terms_from_json(answer.body)
        return self._terms

    def _sparql(self, request: Request, deadline: float) -> Response:
        if request.mimetype == UPDATE_TYPE or "update" in request.values:
            return _text(403, "this endpoint is read-only: SPARQL updates are not accepted")
        if request.method == "POST" and request.mimetype == QUERY_TYPE:
            queries = [request.get_data(as_text=True)]
        elif request.method == "POST" and request.mimetype != FORM_TYPE:
            return _text(
                415,
                f"a POST body must be {QUERY_TYPE} or {FORM_TYPE} (with query=...); "
                f"this one is {request.mimetype or 'untyped'}",
            )
        else:
            queries = request.values.getlist("query")
        if len(queries) != 1 or not queries[0].strip():
            return _text(
                400,
                "give exactly one query: GET /sparql?query=..., or POST it as "
                f"{QUERY_TYPE} or as query=... in a form (the page at / has a form)",
            )
        job = self._job(
            request,
            query=queries[0],
            default_graphs=tuple(request.values.getlist("default-graph-uri")),
            named_graphs=tuple(request.values.getlist("named-graph-uri")),
        )
        return self._answer(job, request, deadline)

    def _list(self, request: Request) -> Response:
        listing = [
            {
                "name": q.name,
                "title": q.title,
                "question": q.question,
                "parameters": list(q.parameters),
                "returns": q.returns,
                "url": f"{request.script_root}/queries/{q.name}",
                "sparql": f"{request.script_root}/queries/{q.name}.rq",
            }
            for q in self.queries.values()
        ]
        body = json.dumps({"queries": listing}, indent=1, ensure_ascii=False) + "\n"
        return Response(body, content_type="application/json; charset=utf-8")

    def _named(self, request: Request, name: str, deadline: float) -> Response:
        query = self.queries.get(name.removesuffix(".rq"))
        if query is None:
            return _text(404, f"no named query {name!r}; /queries lists them")
        if name.endswith(".rq"):
            return Response(query.text, content_type=f"{QUERY_TYPE}; charset=utf-8")
        unknown = [k for k in request.values if k not in (*query.parameters, *_ANSWER_KEYS)]
        if unknown:  # a misspelt parameter would be ignored: every row, not those asked for
            return _text(400, no_such_parameter(query, unknown[0]))
        twice = [p for p in query.parameters if len(request.values.getlist(p)) > 1]
        if twice:
            return _text(400, given_twice(twice[0]))
        try:
            bindings = {
                p: parameter_value(p, request.values[p].strip())
                for p in query.parameters
                if request.values.get(p, "").strip()  # an empty field of a form: not given
            }
        except QueryError as exc:
            return _text(400, str(exc))
        job = self._job(
            request, query=query.text, bindings=bindings, origin=query.name, title=query.title
        )
        return self._answer(job, request, deadline)

    def _job(self, request: Request, **fields: object) -> Job:
        name = request.values.get("format") or request.values.get("output") or ""
        return Job(
            accept=request.headers.get("Accept", ""),
            format_name=name,
            max_rows=self.limits.max_rows,
            root=request.script_root,
            limits=self.limits.describe(),
            **fields,  # type: ignore[arg-type]
        )

    def _answer(self, job: Job, request: Request, deadline: float) -> Response:
        try:
            with self.shares.turn(request.remote_addr or "", deadline):
                answer = self.pool.run(job, deadline)
        except TooManyQueries:
            response = _text(
                429,
                f"you already have {counted(self.shares.running, 'query', 'queries')} running "
                f"and {self.shares.waiting} waiting; wait for their answers before sending more",
            )
            response.headers["Retry-After"] = "1"
            return response
        except TimedOut:
            return _text(
                503,
                f"the query ran longer than the limit of {self.limits.timeout:g} s and was "
                "stopped; narrow it (bind more variables, add a LIMIT) and try again",
            )
        except Busy:
            response = _text(
                503,
                f"every query worker stayed busy for {self.limits.timeout:g} s; try again shortly",
            )
            response.headers["Retry-After"] = "1"
            return response
        except WorkerLost as lost:
            return _text(
                500,
                f"the query's worker ended while answering: {lost.how()}; narrow or rewrite "
                "the query",
            )
        return _response(answer)


def _response(answer: Answer) -> Response:
    response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    for name, value in answer.headers:
        response.headers[name] = value
    response.headers["Vary"] = "Accept"
    return response


def _text(status: int, message: str) -> Response:
    return _response(Answer.text(status, message))


def _preflight() -> Response:
    """CORS preflight: browsers ask before POSTing application/sparql-query from elsewhere."""
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Max-Age"] = "86400"
    return response
