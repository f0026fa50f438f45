"""The build: compile, load, reason, validate, and write the dataset, its report and its index.

The data goes into Oxigraph (kg.store), which holds one named graph per source and, as its
default graph, their merge; the inferences are materialised there by SPARQL updates. Cards
come from a content-addressed cache when unchanged (kg.cards.batch).

Outputs go to a temporary folder beside the target, which replaces the target only once
everything is written and the data conforms: a failed build leaves the previous one untouched.
"""

import gc
import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from kg import __version__, resources
from kg.atomic import replace_folder, staging_folder
from kg.cards.batch import CardOutput, compile_all
from kg.cards.compiler import KeyIndex
from kg.fastshacl import validate_store
from kg.namespaces import (
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    expand,
    source_graph,
)
from kg.progress import Progress
from kg.project import EMBEDDED, Project
from kg.sources import Sources, read_sources
from kg.store import graph_of, materialise, merge_named_graphs, nquads
from kg.validation import Violation, validate

DATASET_FILE = "dataset.trig"
REPORT_FILE = "shacl-report.ttl"
REPORT_TEXT_FILE = "shacl-report.txt"
MANIFEST_FILE = "manifest.json"
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
) -> BuildResult:
    """Build the project's dataset into `out_dir`, replacing it only if the data conforms."""
    progress = progress or Progress(enabled=False)
    out_dir = out_dir.resolve()
    staging = staging_folder(out_dir)
    try:
        result = _build_in(staging, out_dir, project, validator or fast_validator, progress)
        # Oxigraph closes an on-disk store when the object is freed. pySHACL leaves reference
        # cycles that can keep frames, and a store with them, alive: free them before the move.
        gc.collect()
        if result.written:
            replace_folder(staging, out_dir)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
        outputs = compile_all(sources.cards, keys, _cache(out_dir), advance)
    with progress.stage("load"):
        asserted = _load(store, sources, outputs)
    with progress.stage("reason"):
        inferred = materialise(store, sources.ontology)
    with progress.stage("index"):
        index = _write_index(staging / STORE_DIR, store)
    with progress.stage("write"):
        _write_dataset(staging, store)  # from memory: three times as fast as from the index
        del store  # frees the in-memory copy before validation
    with progress.stage("validate"):
        violations = _locate(validator(index), outputs)
    result = BuildResult(
        out_dir=out_dir,
        graphs=2 + len(sources.turtle) + len(outputs) + (1 if inferred else 0),
        asserted_triples=asserted,
        inferred_triples=inferred,
        violations=violations,
        written=not violations,
        cards=len(outputs),
    )
    if result.written:
        _write_reports(staging, project, result)
    return result


def _write_index(path: Path, store: ox.Store) -> ox.Store:
    """The on-disk store that the build validates and `kg query`, `kg serve` and
    `kg check-card` open. The caller must drop it before its folder moves (see build)."""
    index = ox.Store(str(path))
    index.bulk_extend(store.quads_for_pattern(None, None, None, None))  # streams: less memory
    index.flush()
    return index


def _load(store: ox.Store, sources: Sources, outputs: list[CardOutput]) -> int:
    """Load every source into its named graph, then the merge into the default graph; return
    the asserted triples. A card's N-Quads are dropped once loaded: the store has them."""
    graphs = [(ONTOLOGY_GRAPH, sources.ontology), (REGISTRY_GRAPH, sources.registry)]
    graphs += [(source_graph(key), graph) for key, graph in sources.turtle.items()]
    asserted = 0
    for name, graph in graphs:
        store.bulk_load(nquads(graph, name), format=ox.RdfFormat.N_QUADS)
        asserted += len(graph)
    for output in outputs:
        store.bulk_load(output.nquads, format=ox.RdfFormat.N_QUADS)
        asserted += output.nquads.count("\n")
        output.nquads = ""
    merge_named_graphs(store)
    return asserted


def _locate(violations: list[Violation], outputs: list[CardOutput]) -> list[Violation]:
    """Point each violation on a card's node to the card line that made it."""
    by_node = {iri: output for output in outputs for iri in output.origins}
    located = []
    for violation in violations:
        iri = expand(violation.focus)
        output = by_node.get(str(iri)) if iri else None
        where = output.where(str(iri)) if output else None
        located.append(violation if where is None else _with_where(violation, str(where)))
    return sorted(located)


def _with_where(violation: Violation, where: str) -> Violation:
    return replace(violation, where=where)


def _write_dataset(staging: Path, store: ox.Store) -> None:
    with (staging / DATASET_FILE).open("w", encoding="utf-8") as dataset:
        dataset.writelines(trig(store))


def _write_reports(staging: Path, project: Project, result: BuildResult) -> None:
    """The (empty) SHACL report and the manifest, which makes the build current."""
    (staging / REPORT_FILE).write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n"
        "[] a sh:ValidationReport ;\n    sh:conforms true .\n",
        encoding="utf-8",
    )
    (staging / REPORT_TEXT_FILE).write_text("", encoding="utf-8")
    manifest = {
        "kg": __version__,
        "inputs": input_digests(project),
        "graphs": result.graphs,
        "assertedTriples": result.asserted_triples,
        "inferredTriples": result.inferred_triples,
    }
    (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def trig(store: ox.Store) -> Iterator[str]:
    """The named graphs as TriG, graph by graph: graphs in name order, triples sorted and
    grouped by subject, so that the same data gives the same bytes and a diff of two builds
    shows what changed."""
    for name in sorted(str(g.value) for g in store.named_graphs()):
        dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        assert dumped is not None
        lines = sorted(dumped.decode("utf-8").splitlines())
        body: list[str] = []
        subject = None
        for line in lines:
            s, p, rest = line[:-2].split(" ", 2)  # "<s> <p> o ." -> s, p, o
            if s == subject:
                body[-1] += " ;"
                body.append(f"    {p} {rest}")
            else:
                if body:
                    body[-1] += " ."
                body.append(f"{s} {p} {rest}")
                subject = s
        if body:
            body[-1] += " ."
        yield f"<{name}> {{\n" + "\n".join(body) + "\n}\n\n"


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
        manifest.get("kg") == __version__ and manifest.get("inputs") == input_digests(project)
    )


def input_digests(project: Project) -> dict[str, str]:
    """SHA-256 of every input of a build, by path: a build is current while these match."""
    paths = [*resources.ontology_files(), *resources.shapes_files(), project.registry_file]
    paths += project.turtle_sources() + project.cards()
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def _cache(out_dir: Path) -> Path:
    """The card cache lives beside the build, so that swapping builds keeps it."""
    return out_dir.with_name(f".{out_dir.name}.cache")
