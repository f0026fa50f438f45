"""Synthetic projects: a registry of invented actors and a corpus of realistic source cards,
of any size and deterministic for a seed, optionally with a known number of injected errors
of each kind. For benchmarks (the build at 10k, 100k, 1M triples) and for tests that need to
know exactly which errors a build must report.
"""

from kg.synth.generate import synth_project
from kg.synth.inject import ERROR_KINDS, ErrorKind, parse_error_counts
from kg.synth.manifest import COMPILE, MANIFEST_FILE, SHAPE, Injection, SynthManifest

__all__ = [
    "COMPILE",
    "ERROR_KINDS",
    "MANIFEST_FILE",
    "SHAPE",
    "ErrorKind",
    "Injection",
    "SynthManifest",
    "parse_error_counts",
    "synth_project",
]
