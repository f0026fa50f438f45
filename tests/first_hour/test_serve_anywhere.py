"""`kg serve` answers wherever the user stands, from the build `kg query` answers from."""

from pathlib import Path

from SPARQLWrapper import JSON, SPARQLWrapper

from kg.serve.load import running_server
from tests.conftest import kg
from tests.remote.remote_support import OxigraphServer


def _states(base_url: str) -> list[str]:
    client = SPARQLWrapper(f"{base_url}/sparql")
    client.setQuery("SELECT ?label WHERE { ?s a ap:State ; rdfs:label ?label } ORDER BY ?label")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    return [row["label"]["value"] for row in rows]


def test_serve_outside_a_project_serves_the_embedded_data_kg_query_answers_from(
    user_cache: Path, elsewhere: Path
):
    env = {"XDG_CACHE_HOME": str(user_cache)}
    queried = kg(
        "query", "--sparql", "SELECT (COUNT(*) AS ?n) { ?s a ap:State }", cwd=elsewhere, env=env
    )
    with running_server(None, cwd=elsewhere, env=env) as running:
        states = _states(running.base_url)
    assert running.said.splitlines()[0].startswith("kg: serving ")  # built before, by kg query
    assert states == ["China", "France", "Germany", "Russia", "United Kingdom", "United States"]
    assert queried.stdout.splitlines()[2] == str(len(states))


def test_serve_in_a_new_project_builds_it_first_and_says_so(tmp_path: Path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert kg("init", "mine", cwd=tmp_path, env=env).returncode == 0
    project = tmp_path / "mine"
    with running_server(None, cwd=project, env=env) as running:
        assert _states(running.base_url) == []
    assert running.said.splitlines()[0] == (
        f"kg: built {project / 'build'}/ to answer from (there was no current build)"
    )
    assert (project / "build" / "manifest.json").is_file()


def test_push_outside_a_project_pushes_the_build_kg_query_answers_from(
    user_cache: Path, elsewhere: Path, tmp_path: Path
):
    """And `kg query --endpoint` then answers there as `kg query` does here."""
    env = {"XDG_CACHE_HOME": str(user_cache)}
    build = user_cache / "actors-positions-kg" / "embedded-build"
    server = OxigraphServer(tmp_path / "store")
    try:
        pushed = kg("push", "--endpoint", f"{server.url}/store", cwd=elsewhere, env=env)
        remote = kg("query", "spokespeople", "--endpoint", f"{server.url}/query", cwd=elsewhere)
    finally:
        server.stop()
    assert (pushed.returncode, pushed.stderr) == (0, "")
    assert pushed.stdout.startswith(f"pushed {build}/dataset.trig to {server.url}/store: ")
    here = kg("query", "spokespeople", cwd=elsewhere, env=env)
    assert (remote.returncode, remote.stdout) == (0, here.stdout)
