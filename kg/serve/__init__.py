"""A read-only SPARQL 1.1 Protocol endpoint over a build: `kg serve`.

kg.serve.app speaks the protocol; kg.serve.pool runs each query in a worker process that is
killed at the time limit; kg.serve.worker checks, runs and writes one query; kg.serve.formats
negotiates and writes the answer; kg.serve.page draws the pages for people, and
kg.serve.static serves the query page's files (YASGUI, vendored); kg.serve.server puts them
behind waitress.
"""

from kg.serve.app import Endpoint, Limits
from kg.serve.server import Serving, serve

__all__ = ["Endpoint", "Limits", "Serving", "serve"]
