"""HTTP Basic and Digest authentication for the requests kg sends to one SPARQL store.

Credentials are sent only once the store has asked for them (a 401 with WWW-Authenticate), and
then with every later request of the same push or query, so that a push sends each graph once
rather than once refused and once again (urllib's own handlers answer each 401 anew).

Digest follows RFC 7616 (MD5 and SHA-256, qop=auth or none), computed here: the standard
library's handler knows neither SHA-256 nor passwords outside ASCII.
"""

import base64
import hashlib
import os
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from kg.credentials import Credentials

SCHEMES = ("Digest", "Basic")
"""The schemes kg answers, the stronger first: a store that offers both gets Digest."""


@dataclass(frozen=True)
class Challenge:
    """A scheme the store asked for, with its parameters (realm, nonce, qop...)."""

    scheme: str
    params: dict[str, str]

    @property
    def stale(self) -> bool:
        """A Digest nonce that expired: the credentials were right, send them again."""
        return self.params.get("stale", "").lower() == "true"


def challenges(headers: Iterable[str]) -> list[Challenge]:
    """The challenges of a 401's WWW-Authenticate headers, one per header (as Virtuoso, Jena
    and waitress apps send them); schemes kg does not answer are kept, by name."""
    found = []
    for header in headers:
        scheme, _, rest = header.strip().partition(" ")
        items = urllib.request.parse_http_list(rest)
        params = urllib.request.parse_keqv_list([i for i in items if "=" in i])
        found.append(Challenge(scheme.capitalize(), {k.lower(): v for k, v in params.items()}))
    return found


class Authenticator:
    """Answers a store's challenges with one user's credentials, for one push or query."""

    def __init__(self, credentials: Credentials | None) -> None:
        self.credentials = credentials
        self.challenge: Challenge | None = None
        self._count = 0  # Digest: requests sent with the current nonce

    @property
    def sending(self) -> bool:
        """Whether requests now carry credentials."""
        return self.challenge is not None

    def sign(self, request: urllib.request.Request) -> None:
        """Add the Authorization header, once the store has asked for credentials."""
        if self.challenge is None or self.credentials is None:
            return
        if self.challenge.scheme == "Basic":
            pair = f"{self.credentials.user}:{self.credentials.password}".encode()
            value = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            self._count += 1
            value = digest_authorization(
                self.credentials, self.challenge.params, request, self._count
            )
        # Unredirected: a redirect to another host does not carry the credentials along.
        request.add_unredirected_header("Authorization", value)

    def accept(self, offered: list[Challenge]) -> bool:
        """Take a 401's challenges; True when the request is worth sending again: kg has
        credentials, answers one of the schemes, and has not yet had these refused (a stale
        Digest nonce is no refusal)."""
        if self.credentials is None:
            return False
        usable = [c for c in offered if c.scheme == "Basic" or _digest_answerable(c)]
        chosen = next((c for s in SCHEMES for c in usable if c.scheme == s), None)
        if chosen is None or (self.challenge is not None and not chosen.stale):
            return False
        self.challenge, self._count = chosen, 0
        return True


def offered_schemes(offered: list[Challenge]) -> str:
    """The schemes of a 401, for messages: 'Digest', 'Basic or Digest', 'Negotiate'..."""
    names = sorted({c.scheme for c in offered})
    return " or ".join(names) if names else "an unnamed scheme"


_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


def _digest_answerable(challenge: Challenge) -> bool:
    """A Digest challenge kg can answer: a realm, a nonce, MD5 or SHA-256, qop auth or none."""
    params = challenge.params
    qop = params.get("qop")
    return (
        challenge.scheme == "Digest"
        and "realm" in params
        and "nonce" in params
        and params.get("algorithm", "MD5").upper() in _HASHES
        and (qop is None or "auth" in [q.strip() for q in qop.split(",")])
    )


def digest_authorization(
    credentials: Credentials,
    params: dict[str, str],
    request: urllib.request.Request,
    count: int,
    cnonce: str | None = None,
) -> str:
    """The Authorization header answering a Digest challenge (RFC 7616, section 3.4)."""
    algorithm = params.get("algorithm", "MD5").upper()

    def h(text: str) -> str:
        return _HASHES[algorithm](text.encode("utf-8")).hexdigest()

    uri = request.selector  # the request target, as urllib sends it
    realm, nonce = params["realm"], params["nonce"]
    ha1 = h(f"{credentials.user}:{realm}:{credentials.password}")
    ha2 = h(f"{request.get_method()}:{uri}")
    quoted = {"username": credentials.user, "realm": realm, "nonce": nonce, "uri": uri}
    plain = {}
    if params.get("qop") is None:
        quoted["response"] = h(f"{ha1}:{nonce}:{ha2}")
    else:
        cnonce = cnonce or os.urandom(8).hex()
        plain = {"qop": "auth", "nc": f"{count:08x}"}
        quoted["response"] = h(f"{ha1}:{nonce}:{plain['nc']}:{cnonce}:auth:{ha2}")
        quoted["cnonce"] = cnonce
    if "opaque" in params:
        quoted["opaque"] = params["opaque"]
    if "algorithm" in params:
        plain["algorithm"] = params["algorithm"]
    words = [f'{k}="{_escape(v)}"' for k, v in quoted.items()]
    return "Digest " + ", ".join(words + [f"{k}={v}" for k, v in plain.items()])


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
