"""Run the endpoint: a pool of query workers over the build's store, behind waitress.

waitress is a pure-Python production WSGI server: it buffers each request before the
application sees it, bounds request sizes, and serves many clients from a few threads. The
threads only wait for query workers, so a few are enough to keep every worker busy.
"""

import json
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from waitress.server import BaseWSGIServer, create_server

from kg.build import STORE_DIR
from kg.errors import InputError
from kg.previous import MANIFEST_FILE
from kg.project import EMBEDDED, Project
from kg.queries import named_queries
from kg.serve.app import Endpoint, Limits
from kg.serve.pool import WorkerPool
from kg.wording import counted

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class Serving:
    """What the server says once it is ready."""

    query_url: str
    page_url: str
    triples: int
    graphs: int
    workers: int

    def summary(self) -> str:
        return (
            f"kg: serving {self.triples:,} triples in {self.graphs} named graphs with "
            f"{counted(self.workers, 'query worker')}\n"
            f"SPARQL endpoint: {self.query_url}\n"
            f"query page:      {self.page_url}"
        )


def serve(
    build_dir: Path,
    project: Project = EMBEDDED,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: Limits | None = None,
    workers: int | None = None,
    memory_limit_mb: int | None = 2048,
    on_ready: Callable[[Serving], None] = lambda serving: print(serving.summary(), flush=True),
) -> None:
    """Serve the build in `build_dir` as it is, until interrupted (Ctrl-C or SIGTERM): the
    caller chooses it, as `kg serve` does with kg.answering, which says whether it is current."""
    limits = limits or Limits()
    store = build_dir / STORE_DIR
    try:
        manifest = json.loads((build_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError("no build here; run `kg build` first", build_dir) from None
    if not store.is_dir():
        raise InputError("the build has no store folder; run `kg build` again", build_dir)
    queries = named_queries(project.queries_dir)
    size = workers or max(2, os.cpu_count() or 1)
    pool = WorkerPool(store, size, memory_limit_mb * 2**20 if memory_limit_mb else None)
    try:
        server = create_server(
            Endpoint(pool, queries, limits),
            host=host,
            port=port,
            # Threads only wait for workers: enough for several clients' running and waiting
            # queries (kg.serve.fairness caps each client's), so none can hold them all.
            threads=16 * size,
            # waitress reads a body before the application sees it: it cuts off what is far too
            # large at once, and the application answers what is a little too large in words.
            max_request_body_size=8 * limits.max_body_bytes,
            # Headers (the URL of a GET among them) up to the same size, so that a long URL
            # reaches the application and gets its 414; only beyond this does waitress say 431.
            max_request_header_size=8 * limits.max_body_bytes,
            channel_timeout=max(30, int(limits.timeout) + 5),
            ident="kg serve",
            clear_untrusted_proxy_headers=True,
        )
        assert isinstance(server, BaseWSGIServer)  # one host: one socket
        bound_host, bound_port = server.getsockname()[:2]
        base = f"http://{_url_host(str(bound_host))}:{bound_port}"
        if host not in LOOPBACK:
            print(
                f"kg serve: warning: listening on {host}; anyone who reaches this machine "
                "can query the graph",
                file=sys.stderr,
            )
        signal.signal(signal.SIGTERM, _stop)
        if pool.no_network_wall:
            print(
                f"kg serve: warning: query workers keep network access ({pool.no_network_wall}); "
                "SERVICE is still refused by the query check, which is then the only wall",
                file=sys.stderr,
            )
        on_ready(
            Serving(
                query_url=f"{base}/sparql",
                page_url=f"{base}/",
                triples=manifest["assertedTriples"] + manifest["inferredTriples"],
                graphs=manifest["graphs"],
                workers=size,
            )
        )
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        pool.close()


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
