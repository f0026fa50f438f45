"""The build: compile, load, reason, validate, and write the dataset, its report and its index.

The data goes into Oxigraph (kg.store), which holds one named graph per source and, as its
default graph, their merge; the inferences are materialised there by SPARQL updates. Cards
come from a content-addressed cache when unchanged (kg.cards.batch).

Outputs go to a temporary folder beside the target, which replaces the target only once
everything is written and the data conforms: a failed build leaves the previous one untouched.
"""

import gc
import hashlib
import itertools
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg import __version__, resources, trig
from kg.atomic import refuse_to_replace, replace_folder, staging_folder
from kg.cards.batch import compile_all
from kg.cards.compiled import CardOutput
from kg.cards.compiler import CardError, CardErrors, KeyIndex
from kg.duplicates import Duplicate, groups_of, probable_duplicates
from kg.fastshacl import validate_store
from kg.fastshacl.compiler import compile_shapes
from kg.fastshacl.incremental import validate_changes
from kg.namespaces import (
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    expand,
    shorten,
    source_graph,
)
from kg.previous import MANIFEST_FILE, CardKeys, Previous, Record, previous_build
from kg.progress import Progress
from kg.project import EMBEDDED, Project
from kg.sources import Sources, read_sources, refuse_clashes
from kg.store import Rules, graph_of, materialise, nquads
from kg.turtle_places import placed
from kg.update import replace_graphs
from kg.validation import Violation, load_shapes, validate

DATASET_FILE = "dataset.trig"
REPORT_FILE = "shacl-report.ttl"
REPORT_TEXT_FILE = "shacl-report.txt"
STORE_DIR = "store"

Validator = Callable[[ox.Store], list[Violation]]


@dataclass(frozen=True)
class BuildResult:
    """What a build did; `written` is False when the data did not conform."""

    out_dir: Path
    graphs: int
    asserted_triples: int
    inferred_triples: int
    violations: list[Violation]
    written: bool
    cards: int = 0
    updated: int | None = None
    """Cards compiled again when the build updated the previous one; None if built afresh."""
    removed: int = 0
    """Cards gone since the previous build, when the build updated it."""
    warnings: tuple[str, ...] = ()
    """Probable duplicate statements that no card links (kg.duplicates), each with both card
    lines: they do not fail the build. An update looks among the speakers and days of the
    statements its changed cards describe."""

    @property
    def conforms(self) -> bool:
        return not self.violations


def reference_validator(store: ox.Store) -> list[Violation]:
    """pySHACL on the store's default graph (the merge of all graphs): the reference."""
    return validate(graph_of(store))


def fast_validator(store: ox.Store) -> list[Violation]:
    """The shapes as SPARQL over the store (kg.fastshacl), reporting what pySHACL reports.

    The store's terms are taken as they are: the reference validator reads them back from the
    store too, and the card compiler writes only datatypes Oxigraph keeps unchanged."""
    return validate_store(store, trust_store_literals=True, merged_default_graph=True)


VALIDATORS: dict[str, Validator] = {"fast": fast_validator, "pyshacl": reference_validator}


def build(
    out_dir: Path,
    project: Project = EMBEDDED,
    *,
    validator: Validator | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
) -> BuildResult:
    """Build the project's dataset into `out_dir`, replacing it only if the data conforms.

    When `out_dir` holds a build of the same project in which only some cards differ (see
    kg.previous), that build is updated instead: only the changed cards are compiled, their
    graphs replaced and what they touch revalidated; the outputs are the same bytes a build
    from scratch writes. `fresh` always builds from scratch; so does the pySHACL validator,
    which validates everything by design."""
    progress = progress or Progress(enabled=False)
    validator = validator or fast_validator
    out_dir = out_dir.resolve()
    refuse_to_replace(out_dir, _is_a_build, "the build")
    digests = input_digests(project, _inputs_record(out_dir))
    previous = None
    if not fresh and validator is fast_validator:
        previous = previous_build(out_dir, project, digests)
    staging = staging_folder(out_dir)
    try:
        if previous is None:
            result = _build_in(staging, out_dir, project, validator, progress)
        else:
            result = _update_in(staging, out_dir, project, previous, progress)
        # Oxigraph closes an on-disk store when the object is freed. pySHACL leaves reference
        # cycles that can keep frames, and a store with them, alive: free them before the move.
        gc.collect()
        if result.written:
            _write_reports(staging, digests, result)
            replace_folder(staging, out_dir)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _is_a_build(folder: Path) -> bool:
    """Whether `folder` holds a build of kg (its manifest says so), made by this version or
    another: what else it holds (`make run`'s pages) is the build's too."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "kg" in manifest


def _build_in(
    staging: Path, out_dir: Path, project: Project, validator: Validator, progress: Progress
) -> BuildResult:
    """Build into `staging`. Loading and reasoning run in memory (Oxigraph's in-memory store
    loads twice and updates four times as fast as its on-disk one); validation runs on the
    on-disk index written from it, where the shapes' queries run two to five times as fast
    at a million triples (kg bench)."""
    store = ox.Store()
    sources = read_sources(project)
    with progress.stage("compile", total=len(sources.cards)) as advance:
        keys = KeyIndex.from_graph(sources.known())
        record = Record(keys.copy())
        outputs = compile_all(sources.cards, keys, _cache(out_dir), advance, prune=True)
    with progress.stage("load"):
        asserted = _load(store, sources, outputs)
    with progress.stage("reason"):
        inferred = materialise(store, sources.ontology, merged=False)
    with progress.stage("index"):
        index = _write_index(staging / STORE_DIR, store)
    with progress.stage("write"):
        # from memory: three times as fast as from the index
        record.blocks = trig.write(staging / DATASET_FILE, store)
        del store  # frees the in-memory copy before validation
    _record_cards(record, outputs).write(staging)
    with progress.stage("validate"):
        violations = _locate(validator(index), outputs, project)
    warnings = () if violations else _warnings(probable_duplicates(index), outputs)
    return BuildResult(
        out_dir=out_dir,
        graphs=2 + len(sources.turtle) + len(outputs) + (1 if inferred else 0),
        asserted_triples=asserted,
        inferred_triples=inferred,
        violations=violations,
        written=not violations,
        cards=len(outputs),
        warnings=warnings,
    )


def _update_in(
    staging: Path, out_dir: Path, project: Project, previous: Previous, progress: Progress
) -> BuildResult:
    """Update the previous build into `staging`: a checkpoint of its index (hard links, so
    instant) takes the changed cards' graphs, and the dataset file is patched (kg.trig)."""
    refuse_clashes(project, previous.changed, project.turtle_sources())
    record, cache = previous.record, _cache(out_dir)
    new = sum(1 for path in previous.changed if str(path) not in record.cards)
    with progress.stage("compile", total=len(previous.changed)) as advance:
        keys = previous.keys()
        outputs, errors = _compile(previous.changed, keys, cache, advance)
        # Only now does `keys` hold what the changed cards declare: a key gone for good breaks
        # the unchanged cards that refer to it, as in a fresh build.
        broken, more_errors = _compile(previous.suspects(keys), keys, cache)
        if errors or more_errors:
            raise CardErrors(errors + more_errors)
        outputs += broken
    with progress.stage("update"):
        ox.Store.read_only(str(out_dir / STORE_DIR)).backup(str(staging / STORE_DIR))
        index = ox.Store(str(staging / STORE_DIR))
        graphs: dict[str, str | None] = {str(source_graph(p.stem)): None for p in previous.removed}
        graphs |= {str(source_graph(output.key)): output.nquads for output in outputs}
        changes = replace_graphs(index, Rules.of(graph_of(index, ONTOLOGY_GRAPH)), graphs)
        index.flush()
    with progress.stage("write"):
        edits = {str(INFERRED_GRAPH): (changes.inferred_added, changes.inferred_removed)}
        dataset, before = staging / DATASET_FILE, out_dir / DATASET_FILE
        record.blocks = trig.patch(before, record.blocks, dataset, index, graphs, edits)
    for path in previous.removed:
        record.replace(str(path), None)
    _record_cards(record, outputs).write(staging)
    with progress.stage("validate"):
        found = validate_changes(
            index, compile_shapes(load_shapes()), changes.added, changes.removed
        )
        holders = _holders(index, found, outputs, previous, keys, cache)
        violations = _locate(found, outputs + holders, project)
    warnings: tuple[str, ...] = ()
    if not violations:
        duplicates = probable_duplicates(index, groups_of(index, graphs))
        warnings = _warnings(
            duplicates, outputs + _owners(duplicates, outputs, previous, keys, cache)
        )
    inferred_triples = (
        previous.inferred_triples + len(changes.inferred_added) - len(changes.inferred_removed)
    )
    inferred_graph = (inferred_triples > 0) - (previous.inferred_triples > 0)
    return BuildResult(
        out_dir=out_dir,
        graphs=previous.graphs + new - len(previous.removed) + inferred_graph,
        asserted_triples=previous.asserted_triples + changes.asserted,
        inferred_triples=inferred_triples,
        violations=violations,
        written=not violations,
        cards=previous.cards,
        updated=len(outputs),
        removed=len(previous.removed),
        warnings=warnings,
    )


def _compile(
    cards: list[Path], keys: KeyIndex, cache: Path, advance: Callable[[int], None] | None = None
) -> tuple[list[CardOutput], list[CardError]]:
    try:
        return compile_all(cards, keys, cache, advance), []
    except CardErrors as failed:
        return [], failed.errors


def _holders(
    index: ox.Store,
    violations: list[Violation],
    outputs: list[CardOutput],
    previous: Previous,
    keys: KeyIndex,
    cache: Path,
) -> list[CardOutput]:
    """The unchanged cards (from the cache) whose graphs describe a node with a violation,
    so that _locate can point into them too."""
    known = {iri for output in outputs for iri in output.origins}
    nodes = {str(iri) for v in violations if (iri := expand(v.focus)) and str(iri) not in known}
    if not nodes:
        return []
    cards = {str(source_graph(Path(path).stem)): Path(path) for path in previous.unchanged()}
    holders = {
        cards[quad.graph_name.value]
        for node in nodes
        for quad in index.quads_for_pattern(ox.NamedNode(node), None, None, None)
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value in cards
    }
    return compile_all(sorted(holders), keys, cache)


def _owners(
    duplicates: list[Duplicate],
    outputs: list[CardOutput],
    previous: Previous,
    keys: KeyIndex,
    cache: Path,
) -> list[CardOutput]:
    """The unchanged cards (from the cache) that record a statement of a duplicate pair, so
    that the warning can name their lines too."""
    compiled = {output.key for output in outputs}
    wanted = {
        card
        for d in duplicates
        for iri in (d.statement, d.other)
        if (card := _card_of(iri)) and card not in compiled
    }
    if not wanted:
        return []
    # by name first: a Path for each of a large project's cards costs a tenth of a second
    paths = [Path(path) for path in previous.unchanged() if _stem(path) in wanted]
    return compile_all(sorted(paths), keys, cache)


def _stem(path: str) -> str:
    """Path(path).stem, without making a Path."""
    return os.path.splitext(os.path.basename(path))[0]


def _card_of(statement: str) -> str | None:
    """The key of the card that records a statement: statement/<card>/<key>."""
    parts = statement.removeprefix(str(ID)).split("/")
    return parts[1] if len(parts) == 3 and parts[0] == "statement" else None


WARNINGS_SHOWN = 20
"""Warnings printed at most; the rest are counted."""


def _warnings(duplicates: list[Duplicate], outputs: list[CardOutput]) -> tuple[str, ...]:
    """One sentence per probable duplicate: both card lines, the speaker, the day, the words
    and how to link them."""
    by_card = {output.key: output for output in outputs}

    def where(iri: str) -> str:
        output = by_card.get(_card_of(iri) or "")
        at = output.where(iri) if output else None
        return str(at) if at else shorten(URIRef(iri))

    found = []
    for d in duplicates:
        link = d.statement.removeprefix(str(ID) + "statement/")
        found.append(
            f"{where(d.statement)} and {where(d.other)}: probable duplicate statements "
            f'({shorten(URIRef(d.speaker))}, {d.date}: "{d.words}" and "{d.other_words}"); '
            f"if they are one speech act, give the second 'same-as: {link}' instead of its "
            "speaker and date"
        )
    return tuple(found)


def _write_index(path: Path, store: ox.Store) -> ox.Store:
    """The on-disk store that the build validates and `kg query`, `kg serve` and
    `kg check-card` open: the named graphs of `store` and, as its default graph, their merge
    (the in-memory store holds the named graphs only: 40% less memory). The caller must
    drop it before its folder moves (see build)."""
    index = ox.Store(str(path))
    quads = iter(store.quads_for_pattern(None, None, None, None))
    for first in quads:
        batch = itertools.chain([first], itertools.islice(quads, INDEX_BATCH - 1))
        index.bulk_extend(_with_merge(batch))
    index.flush()
    return index


INDEX_BATCH = 300_000
"""Quads per bulk load of the index: RocksDB's bulk loader holds a whole load in memory. For a
million-triple build, 3.0 GB peak RSS in one batch, 1.45 GB in batches of 300k, for about 1 s
more (scripts/index_batches.py)."""


def _with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and its triple in the default graph (the store keeps a set: a triple that
    several graphs hold is stored there once)."""
    default = ox.DefaultGraph()
    for quad in quads:
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object, default)


def _load(store: ox.Store, sources: Sources, outputs: list[CardOutput]) -> int:
    """Load every source into its named graph; return the asserted triples. A card's N-Quads
    are dropped once loaded: the store has them. (In memory, `load` is faster than
    `bulk_load`: 2.2 s against 3.6 s for 8,000 cards.)"""
    graphs = [(ONTOLOGY_GRAPH, sources.ontology), (REGISTRY_GRAPH, sources.registry)]
    graphs += [(source_graph(key), graph) for key, graph in sources.turtle.items()]
    asserted = 0
    for name, graph in graphs:
        store.load(nquads(graph, name), format=ox.RdfFormat.N_QUADS)
        asserted += len(graph)
    for output in outputs:
        store.load(output.nquads, format=ox.RdfFormat.N_QUADS)
        asserted += output.nquads.count("\n")
        output.nquads = ""
    return asserted


def _locate(
    violations: list[Violation], outputs: list[CardOutput], project: Project
) -> list[Violation]:
    """Point each violation to the line that made its node: the card entry, or else the
    statement of the registry or a Turtle source that describes it."""
    by_node = {iri: output for output in outputs for iri in output.origins}
    located = []
    for violation in violations:
        iri = expand(violation.focus)
        output = by_node.get(str(iri)) if iri else None
        where = output.where(str(iri)) if output else None
        located.append(violation if where is None else _with_where(violation, str(where)))
    return sorted(placed(located, project.turtle_files()))


def _with_where(violation: Violation, where: str) -> Violation:
    return replace(violation, where=where)


def _record_cards(record: Record, outputs: list[CardOutput]) -> Record:
    for output in outputs:
        record.replace(str(output.path), CardKeys(output.declared, output.referenced))
    return record


def _write_reports(staging: Path, digests: dict[str, str], result: BuildResult) -> None:
    """The (empty) SHACL report and the manifest, which makes the build current."""
    (staging / REPORT_FILE).write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n"
        "[] a sh:ValidationReport ;\n    sh:conforms true .\n",
        encoding="utf-8",
    )
    (staging / REPORT_TEXT_FILE).write_text("", encoding="utf-8")
    manifest = {
        "kg": __version__,
        "inputs": digests,
        "graphs": result.graphs,
        "assertedTriples": result.asserted_triples,
        "inferredTriples": result.inferred_triples,
    }
    (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def current_store(out_dir: Path, project: Project) -> ox.Store | None:
    """The build's store, read-only, if `out_dir` holds a build of exactly the project's current
    inputs; None if there is no build or any input changed since."""
    if not is_current(out_dir, project):
        return None
    return ox.Store.read_only(str(out_dir / STORE_DIR))


def is_current(out_dir: Path, project: Project) -> bool:
    """Whether `out_dir` holds a build of exactly the project's current inputs."""
    try:
        manifest = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        manifest.get("kg") == __version__
        and manifest.get("inputs") == input_digests(project, _inputs_record(out_dir))
    )


def input_digests(project: Project, known: Path | None = None) -> dict[str, str]:
    """SHA-256 of every input of a build, by path: a build is current while these match.

    `known` is a file of earlier digests, with each file's size and modification time when it
    was read; it is brought up to date. As in git's index, a file whose size and time have
    not changed, and whose time is older than that file by a safe margin (so that an edit in
    the same tick of the clock would have changed it), is not read again."""
    paths = [*resources.ontology_files(), *resources.shapes_files(), project.registry_file]
    paths += project.turtle_sources() + project.cards()
    try:
        record = json.loads(known.read_text(encoding="utf-8")) if known else {}
        trusted_before, earlier = record["written"] - _CLOCK_MARGIN, record["files"]
    except (OSError, ValueError, KeyError, TypeError):
        trusted_before, earlier = 0, {}
    files: dict[str, list[int | str]] = {}
    for path in paths:
        stat, seen = path.stat(), earlier.get(str(path))
        same = seen is not None and seen[:2] == [stat.st_size, stat.st_mtime_ns]
        if not (same and stat.st_mtime_ns < trusted_before):
            seen = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()]
        files[str(path)] = seen
    if known is not None and files != earlier:
        temporary = known.with_name(f".{known.name}.{os.getpid()}.tmp")
        try:
            known.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"written": time.time_ns(), "files": files}), "utf-8")
            temporary.replace(known)
        except OSError:
            pass  # a read-only place: the digests are right, only the next call is slower
    return {path: str(seen[2]) for path, seen in files.items()}


_CLOCK_MARGIN = 2_000_000_000
"""Nanoseconds: file times are set from a coarse clock (a few milliseconds a tick)."""


def _inputs_record(out_dir: Path) -> Path:
    """The inputs' digests with their sizes and times (see input_digests), with the cache."""
    return _cache(out_dir) / "inputs.json"


def _cache(out_dir: Path) -> Path:
    """The card cache lives beside the build, so that swapping builds keeps it."""
    return out_dir.with_name(f".{out_dir.name}.cache")
