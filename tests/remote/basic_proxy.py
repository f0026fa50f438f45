"""A front that asks for HTTP Basic credentials, before a real `oxigraph serve` on loopback, as
Fuseki with its security on or a store behind nginx would: waitress serving a small WSGI
reverse proxy in a thread. Requests with the right credentials are passed on unchanged
(method, path, query, body, content type, accept); others get 401 with a Basic challenge.
"""

import base64
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from remote_support import free_port
from waitress.server import create_server

REALM = "kg-test-store"


class BasicAuthProxy:
    """`url` asks for `user`/`password` and forwards to `upstream` (a base URL)."""

    def __init__(
        self, upstream: str, user: str, password: str, challenge: str = f'Basic realm="{REALM}"'
    ) -> None:
        self.upstream = upstream
        self.challenge = challenge
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.seen: list[tuple[str, str, bool]] = []
        """(method, path, whether credentials came) of each request, for the tests."""
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.server = create_server(self.app, host="127.0.0.1", port=port, threads=2)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        authorization = environ.get("HTTP_AUTHORIZATION")
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        self.seen.append((method, path, authorization is not None))
        if authorization != self.expected:
            start_response(
                "401 Unauthorized",
                [
                    ("WWW-Authenticate", self.challenge),
                    ("Content-Type", "text/plain"),
                ],
            )
            return [b"credentials needed"]
        query = environ.get("QUERY_STRING", "")
        url = f"{self.upstream}{path}" + (f"?{query}" if query else "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else None
        headers = {
            name: environ[key]
            for name, key in (("Content-Type", "CONTENT_TYPE"), ("Accept", "HTTP_ACCEPT"))
            if environ.get(key)
        }
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, reason = answer.status, answer.reason
                kept = [(k, v) for k, v in answer.headers.items() if k.lower() == "content-type"]
                content = answer.read()
        except urllib.error.HTTPError as error:
            status, reason = error.code, error.reason
            kept = [(k, v) for k, v in error.headers.items() if k.lower() == "content-type"]
            content = error.read()
        start_response(f"{status} {reason}", kept)
        return [content]

    def stop(self) -> None:
        self.server.close()
        self.thread.join(10)
