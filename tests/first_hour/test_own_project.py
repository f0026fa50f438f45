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


def test_a_misspelt_term_in_the_registry_fails_the_build_and_keeps_the_last(project, tmp_path):
    """A class or property the ontology lacks matches no shape: the build used to conform
    and the actor was simply not one."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert kg("build", cwd=project, env=env).returncode == 0
    before = (project / "build" / "dataset.trig").read_bytes()
    registry = project / "registry.ttl"
    lines = len(registry.read_text().split("\n"))
    with registry.open("a", encoding="utf-8") as out:
        out.write('<iran> a ap:Stat ; rdfs:label "Iran"@en .\n')
        out.write("<iran> ap:speker <united-nations> ; ap:xyzzy <russia> .\n")
    done = kg("build", cwd=project, env=env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: {registry}:{lines}: ap:Stat is not a term of the ontology, so nothing "
        "would read it; did you mean ap:State? (`kg docs` lists the terms)\n"
        f"{registry}:{lines + 1}: ap:speker is not a term of the ontology, so nothing would "
        "read it; did you mean ap:speaker? (`kg docs` lists the terms)\n"
        f"{registry}:{lines + 1}: ap:xyzzy is not a term of the ontology, so nothing would read "
        "it; check its spelling (`kg docs` lists the terms)\n"
    )
    assert (project / "build" / "dataset.trig").read_bytes() == before
    other = tmp_path / "other.ttl"
    other.write_text(
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "<urn:x> a <https://w3id.org/actors-positions/ontology#Stat> .\n"
    )
    checked = kg("validate", str(other), cwd=tmp_path, env=env)
    assert (checked.returncode, checked.stderr) == (
        2,
        f"kg: error: {other}:2: ap:Stat is not a term of the ontology, so nothing would read it; "
        "did you mean ap:State? (`kg docs` lists the terms)\n",
    )


def test_files_saved_with_a_byte_order_mark_are_read(project, tmp_path):
    """Windows editors may put a byte order mark before UTF-8 text: a registry saved so failed
    with "bad turtle syntax" at line 1, and a query file was refused for its U+FEFF."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    registry = project / "registry.ttl"
    registry.write_text(
        registry.read_text(encoding="utf-8") + '<iran> a ap:State ; rdfs:label "Iran"@en .\n',
        encoding="utf-8-sig",
    )
    new = kg("new-card", "--date", "2026-03-02", "--publisher", "Wire", cwd=project, env=env)
    card = Path(new.stdout.removeprefix("wrote ").strip())
    card.write_text(card.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert registry.read_bytes()[:3] == card.read_bytes()[:3] == b"\xef\xbb\xbf"
    built = kg("build", cwd=project, env=env)
    assert (built.returncode, built.stderr) == (0, "")
    assert built.stdout.startswith(f"built {project}/build/dataset.trig: 1 card, 4 named graphs")
    query = project / "iran.rq"
    query.write_text("SELECT ?label WHERE { id:iran rdfs:label ?label }\n", encoding="utf-8-sig")
    by_file = kg("query", str(query), "--format", "csv", cwd=project, env=env)
    by_stdin = kg(
        "query", "-", "--format", "csv", cwd=project, env=env, stdin="\ufeffASK { id:iran ?p ?o }"
    )
    assert (by_file.returncode, by_file.stdout, by_file.stderr) == (0, "label\nIran\n", "")
    assert (by_stdin.returncode, by_stdin.stdout, by_stdin.stderr) == (0, "ask\ntrue\n", "")
