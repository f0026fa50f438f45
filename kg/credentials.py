"""Where `kg push` and `kg query --endpoint` find the user name and password a SPARQL store asks
for: the environment (KG_STORE_USER and KG_STORE_PASSWORD), else a netrc file (the one $NETRC
names, else ~/.netrc) matched by the store's host, as curl and pip read it.

Never from the command line, where other users of the machine and the shell's history see
it. The password is held by a `Credentials` that never shows it: not in its repr, not in any
message (see `where_to_set` for the one that says what to set).
"""

import netrc
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

USER_VARIABLE = "KG_STORE_USER"
PASSWORD_VARIABLE = "KG_STORE_PASSWORD"
NETRC_VARIABLE = "NETRC"


@dataclass(frozen=True)
class Credentials:
    """A user name and password for one store, and where they were found (for messages)."""

    user: str
    password: str = field(repr=False)
    source: str
    """Where they came from: 'KG_STORE_USER and KG_STORE_PASSWORD', or '~/.netrc (machine H)'."""

    def __str__(self) -> str:
        return f"user {self.user!r} from {self.source}"


def credentials_for(host: str, environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The credentials for `host`: the environment's, else the netrc file's entry for the host
    (or its `default` entry); None when neither has any."""
    environ = os.environ if environ is None else environ
    # An empty variable counts as unset, as `VAR= kg ...` unsets it for one command.
    user, password = environ.get(USER_VARIABLE) or None, environ.get(PASSWORD_VARIABLE) or None
    if user is not None or password is not None:
        if user is None or password is None:
            missing = USER_VARIABLE if not user else PASSWORD_VARIABLE
            given = PASSWORD_VARIABLE if not user else USER_VARIABLE
            raise InputError(f"{given} is set but {missing} is not: set both, or neither")
        return Credentials(user, password, f"{USER_VARIABLE} and {PASSWORD_VARIABLE}")
    return _from_netrc(host, environ)


def netrc_path(environ: Mapping[str, str] | None = None) -> Path:
    """The netrc file read: the one $NETRC names, else ~/.netrc."""
    environ = os.environ if environ is None else environ
    named = environ.get(NETRC_VARIABLE)
    return Path(named) if named else Path(environ.get("HOME") or Path.home()) / ".netrc"


def where_to_set(host: str, environ: Mapping[str, str] | None = None) -> str:
    """What to set so that kg sends credentials to `host`."""
    environ = os.environ if environ is None else environ
    also = "" if environ.get(NETRC_VARIABLE) else " (or the file $NETRC names)"
    return (
        f"set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or add "
        f"'machine {host} login USER password PASSWORD' to {netrc_path(environ)}{also}"
    )


def _from_netrc(host: str, environ: Mapping[str, str]) -> Credentials | None:
    path = netrc_path(environ)
    if not path.is_file():
        return None
    try:
        if path.stat().st_mode & 0o077:
            raise InputError("cannot read credentials: other users may read it; chmod 600 it", path)
        entries = netrc.netrc(str(path))
    except netrc.NetrcParseError:
        # Neither exc.msg, which quotes the token it stumbled on (a password, may be), nor
        # exc.lineno, which is at times the line after.
        raise InputError(
            "cannot read credentials: it is not a netrc file "
            "('machine HOST login USER password PASSWORD', one line per store)",
            path,
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read credentials ({exc.strerror})", path) from None
    found = entries.authenticators(host)
    if found is None:
        return None
    login, _, password = found
    if not login or not password:
        raise InputError(
            f"the entry for {host} needs both a login and a password "
            f"('machine {host} login USER password PASSWORD')",
            path,
        )
    machine = host if host in entries.hosts else "default"
    return Credentials(login, password, f"{path} (machine {machine})")
