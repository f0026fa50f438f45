"""In a project of your own, commands work on it wherever you stand inside it, as git finds
its repository: `kg init` then `cd` then `kg build` built the embedded New START data instead."""

from pathlib import Path

import pytest

from tests.conftest import kg

COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    done = kg("init", str(tmp_path / "mine"))
    assert done.returncode == 0, done.stderr
    return tmp_path / "mine"


def test_kg_build_in_a_project_folder_builds_that_project(project, tmp_path):
    done = kg("build", cwd=project, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"built {project}/build/dataset.trig: 0 cards, 3 named graphs")
    assert sorted(p.name for p in project.iterdir()) == [
        ".build.cache",  # the compiled cards, for the next build
        "build",
        "queries",
        "registry.ttl",
        "sources",
    ]


def test_a_query_below_the_project_folder_answers_from_its_build(project, tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert kg("build", cwd=project, env=env).returncode == 0
    done = kg("query", "--sparql", COUNT, "--format", "csv", cwd=project / "sources", env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "graphs\n3\n", "")
    # the embedded data has many more graphs: the project was not mistaken for it
    embedded = kg("query", "--sparql", COUNT, "--format", "csv", cwd=tmp_path, env=env)
    assert embedded.returncode == 0 and embedded.stdout != "graphs\n3\n"


def test_project_names_a_project_from_anywhere(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = kg("build", "--project", str(project), cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert (project / "build" / "dataset.trig").is_file()
    assert not (elsewhere / "build").exists()


def test_a_folder_with_a_registry_but_no_sources_is_not_a_project(tmp_path):
    (tmp_path / "registry.ttl").write_text("# not a project\n")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = kg("query", "--sparql", "ASK { id:russia a ap:State }", cwd=tmp_path, env=env)
    assert (done.returncode, done.stdout) == (0, "ask\n----\ntrue\n(1 row)\n")
