"""What a self-contained page is made of: the package's page files, put inline, and the
hashes its Content-Security-Policy names them by (kg.export.html, kg.export.matrix_page)."""

import base64
import hashlib
from functools import cache
from importlib import resources


@cache
def asset(folder: str, name: str) -> str:
    """A page file shipped in kg.export's `folder` (page/, matrix_page/, vendor/)."""
    return resources.files("kg.export").joinpath(folder, name).read_text(encoding="utf-8")


def inline_script(source: str, name: str) -> str:
    """A script's text, checked: '</script' or '<!--' inside it would break the page."""
    lowered = source.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} cannot be put inline: it contains '</script' or '<!--'")
    return source


def csp_hash(source: str) -> str:
    """The script's SHA-256 as a Content-Security-Policy source ('sha256-...')."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"
