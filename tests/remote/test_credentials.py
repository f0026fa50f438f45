"""Credentials for a store that asks for them (issue 17): HTTP Basic before a real Oxigraph
server (basic_proxy.py, waitress in front of `oxigraph serve`, as Fuseki with its security on
would ask), read from the environment or a netrc file, never from the command line, never shown;
Digest computed as RFC 7616 says (Virtuoso's Digest is tested in test_virtuoso.py).
"""

import urllib.request
from pathlib import Path

import pytest
from basic_proxy import BasicAuthProxy
from remote_support import OxigraphServer, foundation_build
from test_queries import CASES, load_case

from kg.credentials import Credentials, credentials_for
from kg.errors import InputError
from kg.http_auth import challenges, digest_authorization
from kg.queries import named_queries

from conftest import kg

USER, PASSWORD = "analyst", "s3cret: with spaces and ünïcode"
GRAPHS = "https://w3id.org/actors-positions/graph/inferred"  # the first graph in name order
CREDENTIALS = {"KG_STORE_USER": USER, "KG_STORE_PASSWORD": PASSWORD}


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-basic") / "store")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxy(oxigraph):
    front = BasicAuthProxy(oxigraph.url, USER, PASSWORD)
    yield front
    front.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return foundation_build(tmp_path_factory.mktemp("basic") / "foundation")


@pytest.fixture(scope="module")
def pushed(proxy, built) -> str:
    proxy.seen.clear()
    done = kg("push", "--endpoint", f"{proxy.url}/store", "--build", str(built), env=CREDENTIALS)
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def no_credentials(tmp_path: Path) -> dict[str, str]:
    """An environment with no credentials: no variables, and a netrc file that is not there."""
    return {"KG_STORE_USER": "", "KG_STORE_PASSWORD": "", "NETRC": str(tmp_path / "netrc")}


def test_push_through_basic_authentication_sends_each_graph_once(pushed, proxy):
    assert "10 named graphs with 1,689 triples, and their merge (1,664 triples)" in pushed
    # one empty request asks for the challenge; then every graph goes once, with credentials
    assert proxy.seen[:2] == [("HEAD", "/store", False), ("HEAD", "/store", True)]
    assert proxy.seen[2:] == [("PUT", "/store", True)] * 11


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_through_basic_authentication(pushed, proxy, built, name):
    remote = kg(
        "query", name, "--format", "csv", "--endpoint", f"{proxy.url}/query", env=CREDENTIALS
    )
    here = kg(
        "query", name, "--format", "csv", "--build", str(built), "--project", str(built.parent)
    )
    assert (remote.returncode, remote.stderr) == (0, "")
    assert remote.stdout == here.stdout


def test_a_parameterised_query_with_credentials_from_a_netrc_file(pushed, proxy, built, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f'machine 127.0.0.1 login {USER} password "{PASSWORD}"\n')
    netrc.chmod(0o600)
    case = next(c for c in CASES if c.stem == "who-supports-which-format.us-russia-talks")
    name, params, table = load_case(case)
    options = [arg for param in params for arg in ("--param", param)]
    remote = kg(
        "query",
        name,
        *options,
        "--format",
        "csv",
        "--endpoint",
        f"{proxy.url}/query",
        env={**no_credentials(tmp_path), "NETRC": str(netrc)},
    )
    here = kg(
        "query",
        name,
        *options,
        "--format",
        "csv",
        "--build",
        str(built),
        "--project",
        str(built.parent),
    )
    assert (remote.returncode, remote.stderr) == (0, "")
    assert remote.stdout == here.stdout
    assert len(remote.stdout.splitlines()) == len(table)


def test_without_credentials_the_error_says_what_to_set(proxy, built, tmp_path):
    done = kg(
        "push",
        "--endpoint",
        f"{proxy.url}/store",
        "--build",
        str(built),
        env=no_credentials(tmp_path),
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot store graph <{GRAPHS}> at {proxy.url}/store: HTTP 401 Unauthorized; "
        "the store wants credentials (Basic): set KG_STORE_USER and KG_STORE_PASSWORD, or add "
        f"'machine 127.0.0.1 login USER password PASSWORD' to {tmp_path}/netrc\n"
    )
    query = kg(
        "query", "spokespeople", "--endpoint", f"{proxy.url}/query", env=no_credentials(tmp_path)
    )
    assert (query.returncode, query.stdout) == (2, "")
    assert query.stderr == (
        f"kg: error: cannot run the query 'spokespeople' at {proxy.url}/query: HTTP 401 "
        "Unauthorized; the store wants credentials (Basic): set KG_STORE_USER and "
        "KG_STORE_PASSWORD, or add 'machine 127.0.0.1 login USER password PASSWORD' to "
        f"{tmp_path}/netrc\n"
    )


def test_a_wrong_password_from_netrc_is_refused_and_never_shown(proxy, tmp_path):
    secret = "wrong-password-5d1e"
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {secret}\n")
    netrc.chmod(0o600)
    done = kg(
        "query",
        "spokespeople",
        "--endpoint",
        f"{proxy.url}/query",
        env={**no_credentials(tmp_path), "NETRC": str(netrc)},
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot run the query 'spokespeople' at {proxy.url}/query: HTTP 401 "
        f"Unauthorized; the store refused user '{USER}' from {netrc} (machine 127.0.0.1): "
        "check the user name and password there\n"
    )
    assert secret not in done.stderr


def test_a_scheme_kg_does_not_speak(oxigraph, tmp_path):
    front = BasicAuthProxy(oxigraph.url, USER, PASSWORD, challenge='Bearer realm="tokens"')
    try:
        done = kg("query", "spokespeople", "--endpoint", f"{front.url}/query", env=CREDENTIALS)
    finally:
        front.stop()
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot run the query 'spokespeople' at {front.url}/query: HTTP 401 "
        "Unauthorized; the store asks for Bearer authentication; kg answers Basic and Digest "
        "only: open the store to this host, or put it behind a proxy that asks for one of "
        "those\n"
    )


def test_credentials_in_the_url_are_refused_and_not_repeated(proxy):
    done = kg("query", "spokespeople", "--endpoint", f"http://{USER}:hunter2@127.0.0.1:1/query")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: the endpoint URL holds a user name or password (http://127.0.0.1:1/query "
        "without them); take them out of the command line and set KG_STORE_USER and "
        "KG_STORE_PASSWORD, or add 'machine 127.0.0.1 login USER password PASSWORD' to "
        f"{Path.home()}/.netrc (or the file $NETRC names)\n"
    )
    assert "hunter2" not in done.stderr


# -- Where credentials come from ---------------------------------------------------------------


def test_the_environment_comes_before_netrc(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login other password elsewhere\n")
    netrc.chmod(0o600)
    environ = {"KG_STORE_USER": "u", "KG_STORE_PASSWORD": "p", "NETRC": str(netrc)}
    assert credentials_for("store.example", environ) == Credentials(
        "u", "p", "KG_STORE_USER and KG_STORE_PASSWORD"
    )
    del environ["KG_STORE_USER"], environ["KG_STORE_PASSWORD"]
    assert credentials_for("store.example", environ) == Credentials(
        "other", "elsewhere", f"{netrc} (machine store.example)"
    )
    assert credentials_for("another.example", environ) is None


def test_netrc_default_entry_and_home(tmp_path):
    (tmp_path / ".netrc").write_text("default login anyone password anything\n")
    (tmp_path / ".netrc").chmod(0o600)
    found = credentials_for("store.example", {"HOME": str(tmp_path)})
    assert found == Credentials("anyone", "anything", f"{tmp_path}/.netrc (machine default)")


def test_the_password_is_never_in_a_repr_or_str():
    credentials = Credentials("u", "topsecret", "KG_STORE_USER and KG_STORE_PASSWORD")
    assert "topsecret" not in repr(credentials)
    assert str(credentials) == "user 'u' from KG_STORE_USER and KG_STORE_PASSWORD"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"KG_STORE_USER": "u"},
            "KG_STORE_USER is set but KG_STORE_PASSWORD is not: set both, or neither",
        ),
        (
            {"KG_STORE_PASSWORD": "p"},
            "KG_STORE_PASSWORD is set but KG_STORE_USER is not: set both, or neither",
        ),
    ],
)
def test_half_of_the_environment_is_an_error(environ, message):
    with pytest.raises(InputError) as error:
        credentials_for("store.example", environ)
    assert str(error.value) == message


def test_a_netrc_others_can_read_is_refused(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login u password p\n")
    netrc.chmod(0o644)
    with pytest.raises(InputError) as error:
        credentials_for("store.example", {"NETRC": str(netrc)})
    assert (
        str(error.value)
        == f"{netrc}: cannot read credentials: other users may read it; chmod 600 it"
    )


def test_a_broken_netrc_is_named_without_its_words(tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login u password p\nsecret-token-in-the-way\n")
    netrc.chmod(0o600)
    with pytest.raises(InputError) as error:
        credentials_for("store.example", {"NETRC": str(netrc)})
    assert str(error.value) == (
        f"{netrc}: cannot read credentials: it is not a netrc file ('machine HOST login USER "
        "password PASSWORD', one line per store)"
    )
    assert "secret-token" not in str(error.value)


# -- Digest ------------------------------------------------------------------------------------


RFC_7616 = {  # the example of RFC 7616, section 3.9.1
    "realm": "http-auth@example.org",
    "qop": "auth, auth-int",
    "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
}
CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"


@pytest.mark.parametrize(
    ("algorithm", "response"),
    [
        ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
        ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ],
)
def test_digest_answers_as_rfc_7616_says(algorithm, response):
    mufasa = Credentials("Mufasa", "Circle of Life", "the RFC")
    request = urllib.request.Request("http://www.example.org/dir/index.html")
    header = digest_authorization(mufasa, {**RFC_7616, "algorithm": algorithm}, request, 1, CNONCE)
    assert header == (
        'Digest username="Mufasa", realm="http-auth@example.org", '
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html", '
        f'response="{response}", cnonce="{CNONCE}", '
        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", qop=auth, nc=00000001, '
        f"algorithm={algorithm}"
    )


def test_challenges_are_read_from_each_header():
    found = challenges(
        ['Digest realm="SPARQL", nonce="abc", qop="auth", stale="true"', 'Basic realm="x"']
    )
    assert [(c.scheme, c.params, c.stale) for c in found] == [
        ("Digest", {"realm": "SPARQL", "nonce": "abc", "qop": "auth", "stale": "true"}, True),
        ("Basic", {"realm": "x"}, False),
    ]
