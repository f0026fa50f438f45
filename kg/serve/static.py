"""The query page's own files (kg/serve/static/): YASGUI, vendored, and the page's script.

Served at /static/PATH from a list made once: only files that ship in the folder, with a
content type by suffix, never a path built from the request. The page names each file with a
digest of its content (`?v=...`), so a browser may keep it for a year: a changed file has a
new URL.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from werkzeug.wrappers import Request, Response

CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    "LICENSE": "text/plain; charset=utf-8",
}
CACHE_CONTROL = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    digest: str
    """The first 16 hex digits of the content's SHA-256: the URL's version and the ETag."""


@cache
def static_files() -> dict[str, StaticFile]:
    """Every file the page may load, by its path under /static/."""
    found: dict[str, StaticFile] = {}
    folders = [("", resources.files("kg.serve").joinpath("static"))]
    while folders:
        under, folder = folders.pop()
        for entry in folder.iterdir():
            path = under + entry.name
            if entry.is_dir():
                folders.append((path + "/", entry))
                continue
            suffix = "LICENSE" if entry.name == "LICENSE" else "." + entry.name.rpartition(".")[2]
            if suffix not in CONTENT_TYPES:
                continue  # README.md: notes for maintainers, not for browsers
            body = entry.read_bytes()
            found[path] = StaticFile(
                body, CONTENT_TYPES[suffix], hashlib.sha256(body).hexdigest()[:16]
            )
    return found


def static_url(root: str, path: str) -> str:
    """The URL the page loads `path` from: under the endpoint's root, versioned by content."""
    return f"{root}/static/{path}?v={static_files()[path].digest}"


def static_response(request: Request, path: str) -> Response | None:
    """The file at /static/`path` (200, or 304 when the browser has it), or None if unknown."""
    found = static_files().get(path)
    if found is None:
        return None
    response = Response(found.body, content_type=found.content_type)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.set_etag(found.digest)
    return response.make_conditional(request)
