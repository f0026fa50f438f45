"""kg.answering through `kg query --build DIR`: a folder without a build is built first and the
command says so; a build the user names is never built over: an older one answers as it is,
with a warning."""

from conftest import kg

ASK = "ASK { channel:press-briefing a ap:Channel }"
TRUE = "ask\n----\ntrue\n(1 row)\n"


def test_a_named_folder_is_built_first_then_answers_quietly(tmp_path):
    project, out = tmp_path / "talks", tmp_path / "out"
    assert kg("init", str(project)).returncode == 0
    first = kg("query", "--project", str(project), "--build", str(out), "--sparql", ASK)
    assert (first.returncode, first.stdout) == (0, TRUE)
    assert first.stderr == f"kg: built {out}/ to answer from (there was no current build)\n"
    again = kg("query", "--project", str(project), "--build", str(out), "--sparql", ASK)
    assert (again.returncode, again.stdout, again.stderr) == (0, TRUE, "")


def test_an_older_build_answers_as_it_is_and_says_so(tmp_path):
    project, out = tmp_path / "talks", tmp_path / "out"
    assert kg("init", str(project)).returncode == 0
    assert kg("build", "--project", str(project), "--out", str(out)).returncode == 0
    registry = project / "registry.ttl"
    registry.write_text(registry.read_text().replace('"press briefing"@en', '"briefing"@en'))
    label = "SELECT ?label WHERE { channel:press-briefing rdfs:label ?label }"
    done = kg("query", "--project", str(project), "--build", str(out), "--sparql", label)
    assert (done.returncode, done.stdout) == (0, "label\n--------------\npress briefing\n(1 row)\n")
    assert done.stderr == (
        f"kg: warning: {out}/ is not a build of the project's current inputs; answering from it "
        "as it is (`kg build` brings it up to date)\n"
    )
