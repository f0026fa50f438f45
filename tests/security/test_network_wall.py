"""Issue 13, the second wall: a process that has cut its network (kg.offline) cannot reach
the listener even with a query that the check would refuse, run on the engine directly."""

import os
import subprocess
import sys

import psutil

from .listener import Listener

ENGINE_ALONE = """
import sys
import pyoxigraph as ox
from kg.offline import cut_network
if sys.argv[2] == "cut":
    reason = cut_network()
    assert reason is None, reason
try:
    list(ox.Store().query("SELECT * WHERE { SERVICE <" + sys.argv[1] + "> { ?s ?p ?o } }"))
except OSError as exc:
    print(type(exc).__name__, exc)
"""


def _run(url: str, mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_ALONE, url, mode],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_process_with_its_network_cut_reaches_nothing(listener: Listener):
    before = listener.connections()
    assert _run(listener.host + "sparql", "cut") == "OSError Network is unreachable (os error 101)"
    assert listener.connections() == before


def test_the_same_process_without_the_wall_reaches_the_listener(listener: Listener):
    """The control: the wall, not the listener, is what stopped the query above."""
    before = listener.connections()
    _run(listener.host + "sparql", "keep")
    assert listener.connections() == before + 1


def test_kg_serve_workers_run_without_network(server):
    """Each worker process of `kg serve` lives in a network namespace of its own."""
    workers = [
        child
        for child in psutil.Process(server.pid).children()
        if "spawn_main" in " ".join(child.cmdline())  # not multiprocessing's resource tracker
    ]
    namespaces = {os.readlink(f"/proc/{child.pid}/ns/net") for child in workers}
    assert len(workers) == len(namespaces) == 2
    assert os.readlink(f"/proc/{server.pid}/ns/net") not in namespaces
