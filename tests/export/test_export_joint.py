"""Issue 15: a joint position (two holders, one position) is one row, in the stances page as in
the who-supports-which-format query; each holder still draws its own edge."""

import re
from functools import cache

from export_support import chromium, scratch

from kg.dataset import load_dataset
from kg.export import export
from kg.export.stances import stances_view
from kg.export.terms import node_id
from kg.namespaces import ID
from kg.project import Project, init_project
from kg.queries import named_queries, run
from kg.results import rows

REGISTRY = """
<russia> a ap:State ; rdfs:label "Russia"@en .
<china> a ap:State ; rdfs:label "China"@en .
<united-states> a ap:State ; rdfs:label "United States"@en .
<joint-ministers> a ap:Organisation ; rdfs:label "Foreign ministers of Russia and China"@en .
"""

CARD = """\
source:
  label: A joint statement
  date: 2026-02-06
statements:
  joint:
    speaker: joint-ministers
    on-behalf-of: [russia, china]
    date: 2026-02-06
    quote: We both oppose these talks.
positions:
  - holder: [russia, china]
    stance: opposes
    target: format/trilateral-talks
    evidence: joint
formats:
  format/trilateral-talks:
    label: Trilateral talks
    participants: [united-states, russia, china]
"""

POSITION = "https://w3id.org/actors-positions/id/position/china+russia/opposes/trilateral-talks"


@cache
def project() -> Project:
    root = scratch("kg-joint-") / "joint"
    init_project(root)
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write(REGISTRY)
    (root / "sources" / "joint-statement.yaml").write_text(CARD, encoding="utf-8")
    return Project(root)


def test_the_query_shows_a_joint_position_as_one_row_with_its_holders_joined():
    query = named_queries()["who-supports-which-format"]
    header, body = rows(run(query, load_dataset(project())))
    shown = [dict(zip(header, row, strict=True)) for row in body]
    assert [(r["holderLabel"], r["stanceLabel"], r["evidenceCount"]) for r in shown] == [
        ("China; Russia", "opposes", "1")
    ]


def test_each_holder_draws_an_edge_that_names_both():
    view = stances_view(load_dataset(project()))
    edges = [d for _, _, d in view.edges(data=True)]
    assert [(d["holders"], d["position"]) for d in edges] == [("China; Russia", POSITION)] * 2


def test_the_page_lists_a_joint_position_once():
    out = scratch("kg-joint-page-") / "stances.html"
    export(load_dataset(project()), "stances", "html", out)
    issue = node_id(ID["format/trilateral-talks"])
    dom = chromium(out, "--dump-dom", fragment=f"#node={issue}")
    details = re.search(r'<section id="details">(.*?)</section>', dom, re.DOTALL)[1]
    rows_shown = re.findall(r"<button[^>]*>(.*?)</button>", details)
    assert rows_shown == ["China; Russia \u2014 opposes \u2014 Trilateral talks"]
