"""The registry.ttl of a synthetic project, in the layout of the real one: actors, offices,
channels, treaties and weapon categories, and the formats and proposals the registry holds."""

from kg.synth.world import Issue, World

HEADER = """\
# Registry of a synthetic project, made by `kg synth --seed {seed}`. Every name in it is
# invented; none stands for a real state, person or treaty.
#
# The key of a node is its IRI without the id: namespace, as in any project.

@base <https://w3id.org/actors-positions/id/> .
@prefix ap:      <https://w3id.org/actors-positions/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""


def _banner(title: str) -> str:
    return f"\n# -- {title} " + "-" * (89 - len(title) - 6) + "\n\n"


def _text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def _refs(keys: tuple[str, ...]) -> str:
    return ", ".join(f"<{k}>" for k in keys)


def registry_text(world: World, seed: int) -> str:
    """The Turtle text of the registry."""
    parts = [HEADER.format(seed=seed)]
    actors = list(world.actors.values())
    for title, kind in (("States", "state"), ("Persons", "person")):
        parts.append(_banner(title))
        ap_class = "ap:State" if kind == "state" else "ap:Person"
        parts.extend(
            f"<{a.key}> a {ap_class} ; rdfs:label {_text(a.label)} .\n"
            for a in actors
            if a.kind == kind
        )
    parts.append(_banner("Organisations"))
    parts.extend(
        f"<{a.key}> a ap:Organisation ; rdfs:label {_text(a.label)} ;\n"
        f"    org:subOrganizationOf <{a.parent}> .\n"
        for a in actors
        if a.kind == "organisation"
    )
    parts.append(_banner("Offices"))
    parts.extend(
        f"<{o.key}> a ap:Office ; rdfs:label {_text(o.label)} ;\n    org:postIn <{o.post_in}> .\n"
        for o in world.offices.values()
    )
    parts.append(_banner("Channels"))
    parts.extend(
        f"<{k}> a ap:Channel ; rdfs:label {_text(label)} .\n" for k, label in world.channels
    )
    parts.append(_banner("Treaties and weapon categories"))
    for treaty in world.kinds("treaty"):
        assert treaty.short_name is not None
        parts.append(
            f"<{treaty.key}> a ap:Treaty ;\n    rdfs:label {_text(treaty.label)} ;\n"
            f"    ap:shortName {_text(treaty.short_name)} .\n"
        )
    parts.extend(
        f"<{k}> a ap:WeaponCategory ; rdfs:label {_text(label)} .\n"
        for k, label in world.categories
    )
    parts.append(_banner("Negotiation formats and proposals"))
    parts.extend(_issue(i) for i in world.issues.values() if i.in_registry and i.kind != "treaty")
    return "".join(parts)


def _issue(issue: Issue) -> str:
    cls = "ap:NegotiationFormat" if issue.kind == "format" else "ap:Proposal"
    lines = [
        f"<{issue.key}> a {cls}",
        f"rdfs:label {_text(issue.label)}",
        f"dcterms:description {_text(issue.description)}",
    ]
    if issue.participants:
        lines.append(f"ap:participant {_refs(issue.participants + issue.requires)}")
    if issue.proposed_by:
        lines.append(f"ap:proposedBy {_refs(issue.proposed_by)}")
    if issue.proposed_on:
        lines.append(f'ap:proposedOn "{issue.proposed_on}"^^xsd:date')
    if issue.concerns:
        lines.append(f"ap:concerns {_refs(issue.concerns)}")
    return " ;\n    ".join(lines) + " .\n"
