"""The fast path reports exactly what pySHACL reports, on generated corpora with injected errors.

pySHACL is the reference. The same generated project is validated three ways: the build with
the fast validator (SHACL as SPARQL over Oxigraph), the build with pySHACL over the same store,
and pySHACL over the rdflib dataset assembled without Oxigraph at all.
"""

import pytest

from kg.build import build, fast_validator, reference_validator
from kg.dataset import load_dataset, union
from kg.project import Project
from kg.synth import ERROR_KINDS, SHAPE, synth_project
from kg.validation import validate

SHAPE_ERRORS = {name: 1 for name, kind in ERROR_KINDS.items() if kind.level == SHAPE}


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_path_reports_exactly_what_pyshacl_reports(tmp_path, seed):
    root = tmp_path / "corpus"
    manifest = synth_project(root, cards=60, seed=seed, errors=SHAPE_ERRORS)
    project = Project(root)
    fast = build(tmp_path / "fast", project, validator=fast_validator)
    reference = build(tmp_path / "reference", project, validator=reference_validator)
    assert not fast.written and not reference.written
    assert manifest.expected_violations >= len(SHAPE_ERRORS)  # every kind fired at least once
    assert len(fast.violations) == manifest.expected_violations
    assert fast.violations == reference.violations
    without_oxigraph = validate(union(load_dataset(project)))
    key = [(v.focus, v.path, v.shape, v.severity, v.message, v.value) for v in fast.violations]
    assert key == [
        (v.focus, v.path, v.shape, v.severity, v.message, v.value) for v in without_oxigraph
    ]
