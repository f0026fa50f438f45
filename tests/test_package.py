"""After `pip install`, `kg` works from any folder: the ontology, queries and data ship inside."""

import os
import subprocess
import sys
import zipfile

import kg

from conftest import ROOT


def test_public_api_is_complete():
    public = {name for name in vars(kg) if not name.startswith("_") and name != "annotations"}
    modules = {name for name in public if type(getattr(kg, name)).__name__ == "module"}
    assert sorted(public - modules) == sorted(n for n in kg.__all__ if n != "__version__")


def test_installed_wheel_runs_from_another_folder(tmp_path):
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in (
        "kg/_resources/ontology/core.ttl",
        "kg/_resources/ontology/stances.ttl",
        "kg/_resources/ontology/cameo.ttl",
        "kg/_resources/ontology/plover.ttl",
        "kg/_resources/ontology/catalog-v001.xml",
        "kg/_resources/queries/who-supports-which-format.rq",
        "kg/_resources/data/registry.ttl",
        "kg/_resources/data/sources/new-start-lapse-article.yaml",
        "kg/serve/templates/index.html",
        "kg/export/matrix_page/page.js",
    ):
        assert packaged in names
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", target, wheel], check=True, capture_output=True
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--out", "out"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "the data conforms to the shapes" in done.stdout
    located = subprocess.run(
        [sys.executable, "-c", "import kg.resources as r; print(r.ONTOLOGY_DIR)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.strip() == str(target / "kg" / "_resources" / "ontology")
