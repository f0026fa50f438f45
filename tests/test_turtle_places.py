"""Where a Turtle file describes each node: the line and column where the first statement with
that node as its subject begins, however the statement is written."""

from pathlib import Path

from rdflib import URIRef

from kg.cards.located import Where
from kg.turtle_places import placed, subject_places
from kg.validation import Violation

ID = "https://w3id.org/actors-positions/id/"

TURTLE = '''\
@base <https://w3id.org/actors-positions/id/> .
PREFIX ap: <https://w3id.org/actors-positions/ontology#>
@prefix id: <https://w3id.org/actors-positions/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

# a comment line
<russia> a ap:State ;
    rdfs:label "Russia"@en .
  id:china a ap:State ; rdfs:comment """two
lines""" . <united-states> a ap:State .
<format/talks> ap:participant [ rdfs:label "a blank node" ] , <russia> .
<russia> rdfs:comment "described again" .
<http://example.org/elsewhere> rdfs:seeAlso <russia> .
'''


def test_each_subject_is_placed_where_its_first_statement_begins(tmp_path: Path) -> None:
    path = tmp_path / "registry.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    assert subject_places([path]) == {
        URIRef(ID + "russia"): Where(path, 7, 1),
        URIRef(ID + "china"): Where(path, 9, 3),
        URIRef(ID + "united-states"): Where(path, 10, 12),
        URIRef(ID + "format/talks"): Where(path, 11, 1),
        URIRef("http://example.org/elsewhere"): Where(path, 13, 1),
    }


def test_the_first_file_to_describe_a_node_places_it_and_unreadable_files_are_skipped(
    tmp_path: Path,
) -> None:
    first, second, broken = tmp_path / "a.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    first.write_text(f"<{ID}iran> a <{ID}x> .\n", encoding="utf-8")
    second.write_text(f"\n<{ID}iran> a <{ID}y> .\n<{ID}iraq> a <{ID}y> .\n", encoding="utf-8")
    broken.write_text(f"<{ID}oman> a .\n", encoding="utf-8")
    assert subject_places([first, second, broken, tmp_path / "missing.ttl"]) == {
        URIRef(ID + "iran"): Where(first, 1, 1),
        URIRef(ID + "iraq"): Where(second, 3, 1),
    }


def test_a_byte_order_mark_does_not_shift_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "registry.ttl"
    path.write_text(f"<{ID}iran> a <{ID}x> .\n", encoding="utf-8-sig")
    assert subject_places([path]) == {URIRef(ID + "iran"): Where(path, 1, 1)}


def test_a_violation_without_a_place_is_placed_at_the_statement_describing_its_node(
    tmp_path: Path,
) -> None:
    path = tmp_path / "registry.ttl"
    path.write_text(f"\n<{ID}iran> a <{ID}x> .\n", encoding="utf-8")

    def violation(focus: str, where: str = "") -> Violation:
        return Violation(focus, "ap:p", "m", "Violation", "aps:S", "-", where)

    given = [
        violation("id:iran"),
        violation("id:iran", "card.yaml:3:5"),  # a card's place is kept
        violation("id:iraq"),  # no file describes it
    ]
    assert placed(given, [path]) == [
        violation("id:iran", f"{path}:2:1"),
        violation("id:iran", "card.yaml:3:5"),
        violation("id:iraq"),
    ]
