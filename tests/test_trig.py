"""The dataset file in blocks: a patched file must be byte for byte the file written afresh."""

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import trig

EX = "http://example.org/"
GRAPHS = [f"{EX}graph/{name}" for name in ("a", "inferred", "z")]


def quad(s: int, p: int, o: int | str, graph: str) -> ox.Quad:
    value = ox.Literal(o) if isinstance(o, str) else ox.NamedNode(f"{EX}n{o}")
    return ox.Quad(ox.NamedNode(f"{EX}n{s}"), ox.NamedNode(f"{EX}p{p}"), value, ox.NamedNode(graph))


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut often, so that a few hundred subjects make dozens of blocks to split and merge."""
    monkeypatch.setattr(trig, "CUT_EVERY", 4)


def test_the_file_is_trig_of_every_named_graph_sorted_and_cut_into_blocks(
    tmp_path: Path, small_blocks: None
):
    store = ox.Store()
    store.extend([quad(s, s % 3, s + 1, GRAPHS[s % 3]) for s in range(200)])
    store.add(quad(1, 1, 'a "quoted"\nline', GRAPHS[1]))
    store.add(ox.Quad(ox.NamedNode(f"{EX}n1"), ox.NamedNode(f"{EX}p1"), ox.NamedNode(f"{EX}x")))
    table = trig.write(tmp_path / "d.trig", store)
    data = (tmp_path / "d.trig").read_bytes()

    named = {q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert set(ox.parse(data, format=ox.RdfFormat.TRIG)) == named
    assert [b.graph for b in table] == sorted(b.graph for b in table)
    assert len(table) > 20, "small_blocks cuts a graph into many blocks"
    assert b"".join(data[b.offset : b.offset + b.length] for b in table) == data
    for block in table:
        text = data[block.offset : block.offset + block.length].decode()
        assert text.startswith(f"<{block.graph}> {{\n{block.first} ")
        assert text.endswith(" .\n}\n\n")
    subject_grouped = f'<{EX}n1> <{EX}p1> "a \\"quoted\\"\\nline" ;\n    <{EX}p1> <{EX}n2> .\n'
    assert subject_grouped in data.decode()


@pytest.mark.parametrize("seed", range(8))
def test_a_patched_file_is_the_file_written_afresh(tmp_path: Path, small_blocks: None, seed: int):
    rng = random.Random(seed)
    store = ox.Store()
    store.extend(
        quad(rng.randrange(300), rng.randrange(3), rng.randrange(300), rng.choice(GRAPHS))
        for _ in range(900)
    )
    old = tmp_path / "0.trig"
    table = trig.write(old, store)
    for round_ in range(1, 6):
        edited, replaced = GRAPHS[1], {rng.choice([GRAPHS[0], GRAPHS[2], f"{EX}graph/new"])}
        removed = rng.sample(list(store.quads_for_pattern(None, None, None, _g(edited))), 25)
        # a whole subject too, so that a block loses its first subject and joins the one before
        first = rng.choice(table).first
        removed += [q for q in store.quads_for_pattern(_n(first), None, None, _g(edited))]
        added = [
            quad(rng.randrange(400), rng.randrange(3), rng.randrange(400), edited)
            for _ in range(25)
        ]
        added = [q for q in added if q not in store]
        for q in set(removed):
            store.remove(q)
        store.extend(added)
        for name in replaced:
            if store.contains_named_graph(_g(name)):
                store.remove_graph(_g(name))
            store.extend(quad(rng.randrange(300), 0, rng.randrange(9), name) for _ in range(40))
        new = tmp_path / f"{round_}.trig"
        changes = ([q.triple for q in added], [q.triple for q in set(removed)])
        table = trig.patch(old, table, new, store, replaced, {edited: changes})
        fresh = tmp_path / f"{round_}-fresh.trig"
        assert table == trig.write(fresh, store)
        assert new.read_bytes() == fresh.read_bytes()
        old = new


def test_a_graph_emptied_or_created_by_a_patch(tmp_path: Path):
    store = ox.Store()
    store.extend([quad(1, 1, 2, GRAPHS[0]), quad(3, 1, 4, GRAPHS[2])])
    table = trig.write(tmp_path / "a.trig", store)
    store.remove(quad(1, 1, 2, GRAPHS[0]))
    store.add(quad(5, 1, 6, GRAPHS[1]))
    edits = {
        GRAPHS[0]: ([], [quad(1, 1, 2, GRAPHS[0]).triple]),
        GRAPHS[1]: ([quad(5, 1, 6, GRAPHS[1]).triple], []),
    }
    table = trig.patch(tmp_path / "a.trig", table, tmp_path / "b.trig", store, set(), edits)
    assert (tmp_path / "b.trig").read_text() == (
        f"<{GRAPHS[1]}> {{\n<{EX}n5> <{EX}p1> <{EX}n6> .\n}}\n\n"
        f"<{GRAPHS[2]}> {{\n<{EX}n3> <{EX}p1> <{EX}n4> .\n}}\n\n"
    )
    assert [(b.graph, b.first, b.offset) for b in table] == [
        (GRAPHS[1], f"<{EX}n5>", 0),
        (GRAPHS[2], f"<{EX}n3>", table[0].length),
    ]


def _g(name: str) -> ox.NamedNode:
    return ox.NamedNode(name)


def _n(term: str) -> ox.NamedNode:
    return ox.NamedNode(term[1:-1])
