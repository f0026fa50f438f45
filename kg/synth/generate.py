"""`synth_project`: a whole synthetic project, registry, cards and manifest, from a seed."""

import random
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError
from kg.project import init_project, refuse_unless_new
from kg.synth.corpus import make_corpus
from kg.synth.doc import render
from kg.synth.inject import check_errors, inject
from kg.synth.manifest import SynthManifest
from kg.synth.registry import registry_text
from kg.synth.world import make_world


def synth_project(
    out: Path, cards: int, seed: int, errors: Mapping[str, int] | None = None
) -> SynthManifest:
    """Write a project of `cards` synthetic cards into the new folder `out`, with the
    requested number of injected errors of each kind (see ERROR_KINDS), and return what it
    holds. The same arguments always give byte-identical files."""
    if cards < 1:
        raise KgError("a synthetic project needs at least one card")
    requested = check_errors(errors, cards)
    refuse_unless_new(out)  # before the work of generating
    rng = random.Random(seed)
    world = make_world(rng, cards)
    corpus = make_corpus(rng, world, cards)
    # A stream of its own, so that asking for errors leaves every other card as it was.
    pending = inject(random.Random(f"synth-errors-{seed}"), world, corpus, requested)
    texts = [(doc.name, render(doc)) for doc in corpus.docs]
    project = init_project(out)
    project.registry_file.write_text(registry_text(world, seed), encoding="utf-8")
    for name, text in texts:
        (project.sources_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    actors = list(world.actors.values())
    counts = corpus.counts
    manifest = SynthManifest(
        seed=seed,
        cards=cards,
        actors=len(actors),
        states=sum(1 for a in actors if a.kind == "state"),
        persons=sum(1 for a in actors if a.kind == "person"),
        organisations=sum(1 for a in actors if a.kind == "organisation"),
        offices=len(world.offices),
        channels=len(world.channels),
        treaties=len(world.kinds("treaty")),
        weapon_categories=len(world.categories),
        formats=len(world.kinds("format")),
        proposals=len(world.kinds("proposal")),
        policies=len(world.kinds("policy")),
        events=len(world.kinds("event")),
        statements=counts.statements,
        positions=counts.positions,
        conditional_positions=counts.conditional_positions,
        position_changes=counts.position_changes,
        reported_speech=counts.reported_speech,
        joint_positions=counts.joint_positions,
        office_terms=counts.office_terms,
        treaty_events=len(world.kinds("treaty-event")),
        limits=counts.limits,
        injections=[p.injection() for p in pending],
    )
    manifest.write(out)
    return manifest
