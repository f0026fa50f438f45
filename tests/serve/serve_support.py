"""Talking to a real `kg serve`: requests, replies, and what every attack test checks after."""

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

import psutil

TIMEOUT = 2.0
"""The test server's time limit per query, in seconds."""
MAX_ROWS = 100
"""The test server's row cap; the embedded data has 1,285 triples, every named query < 20 rows."""


@dataclass
class Reply:
    status: int
    headers: Message
    """Case-insensitive, as HTTP header names are."""
    body: bytes
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    base: str
    pid: int

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    def request(
        self,
        path: str,
        *,
        params: dict[str, str] | list[tuple[str, str]] | None = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> Reply:
        """One HTTP request with the standard library; errors are replies too."""
        url = self.base + path
        if params is not None:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                body = answer.read()
                status, answer_headers = answer.status, answer.headers
        except urllib.error.HTTPError as error:
            body, status, answer_headers = error.read(), error.code, error.headers
        return Reply(status, answer_headers, body, time.monotonic() - start)

    def query(self, text: str, accept: str = "text/csv", **params: str) -> Reply:
        return self.request("/sparql", params={"query": text, **params}, headers={"Accept": accept})

    def workers(self) -> set[int]:
        return {child.pid for child in psutil.Process(self.pid).children()}


STATES = "SELECT ?state WHERE { ?state a ap:State ; skos:exactMatch ?item } ORDER BY ?state"
"""The states with a verified Wikidata item: the three of the treaty story."""
STATES_CSV = (
    "state\r\n"
    "https://w3id.org/actors-positions/id/china\r\n"
    "https://w3id.org/actors-positions/id/russia\r\n"
    "https://w3id.org/actors-positions/id/united-states\r\n"
)


def assert_still_answers(server: Server) -> None:
    """After an attack: a normal query gets its exact answer, promptly."""
    reply = server.query(STATES)
    assert (reply.status, reply.text) == (200, STATES_CSV)
