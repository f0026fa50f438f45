"""The library face of the exports: names, errors, results, atomic and repeatable writes."""

import os
import tempfile
from pathlib import Path

import pytest
from export_support import embedded

import kg.export
from kg.errors import KgError
from kg.export import FORMATS, VIEWS, export, write_page


def test_public_api_is_complete():
    assert all(hasattr(kg.export, name) for name in kg.export.__all__)
    for name in (
        "VIEWS",
        "FORMATS",
        "ExportResult",
        "export",
        "write_page",
        "stances_view",
        "actors_view",
        "full_view",
    ):
        assert name in kg.export.__all__
    assert list(VIEWS) == ["stances", "actors", "full"]
    assert list(FORMATS) == ["graphml", "gexf", "cytoscape", "dot", "csv", "html"]


def test_unknown_view_or_format_names_the_choices(tmp_path):
    with pytest.raises(KgError) as error:
        export(embedded(), "people", "graphml", tmp_path / "x.graphml")
    assert str(error.value) == "unknown view 'people'; choose one of: stances, actors, full"
    with pytest.raises(KgError) as error:
        export(embedded(), "stances", "pdf", tmp_path / "x.pdf")
    assert str(error.value) == (
        "unknown format 'pdf'; choose one of: graphml, gexf, cytoscape, dot, csv, html"
    )
    assert list(tmp_path.iterdir()) == []


def test_result_says_what_was_written(tmp_path):
    result = export(embedded(), "stances", "graphml", tmp_path / "stances.graphml")
    assert (result.view, result.format, result.nodes, result.edges) == (
        "stances",
        "graphml",
        11,
        11,
    )
    assert result.path == tmp_path / "stances.graphml"
    assert result.paths == (result.path,)
    assert result.bytes == result.path.stat().st_size
    assert result.summary() == (
        f"wrote {result.path}: the stances view as graphml, 11 nodes and 11 edges, "
        f"{result.bytes:,} bytes"
    )


def test_csv_writes_two_files(tmp_path):
    result = export(embedded(), "actors", "csv", tmp_path / "actors.csv")
    assert result.paths == (tmp_path / "actors.nodes.csv", tmp_path / "actors.edges.csv")
    assert result.bytes == sum(p.stat().st_size for p in result.paths)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.edges.csv", "actors.nodes.csv"]


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_data_gives_the_same_bytes(tmp_path, view, fmt):
    first = export(embedded(), view, fmt, tmp_path / "a" / f"out{FORMATS[fmt].suffix}")
    again = export(embedded(), view, fmt, tmp_path / "b" / f"out{FORMATS[fmt].suffix}")
    for one, other in zip(first.paths, again.paths, strict=True):
        assert one.read_bytes() == other.read_bytes()


def test_writes_replace_atomically_and_leave_no_temporary_file(tmp_path):
    target = tmp_path / "stances.dot"
    target.write_text("old")
    export(embedded(), "stances", "dot", target)
    assert target.read_text(encoding="utf-8").startswith('digraph "stances" {')
    assert [p.name for p in tmp_path.iterdir()] == ["stances.dot"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "stances.dot"
    target.write_text("previous")

    def broken_replace(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device", str(destination))

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KgError) as error:
        export(embedded(), "stances", "dot", target)
    assert str(error.value) == f"{target}: cannot write the export (No space left on device)"
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["stances.dot"]


def test_a_file_that_cannot_be_made_is_named_as_the_user_named_it(tmp_path, monkeypatch):
    """The message named the temporary file beside the target (/dir/.stances.dot.x1y2.tmp)."""
    target = tmp_path / "stances.dot"

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(13, "Permission denied", str(tmp_path / ".stances.dot.x1y2.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(KgError) as error:
        export(embedded(), "stances", "dot", target)
    assert str(error.value) == f"{target}: cannot write the export (Permission denied)"
    assert list(tmp_path.iterdir()) == []


def test_write_page_puts_the_stances_page_in_the_build_folder(tmp_path):
    result = write_page(embedded(), tmp_path / "build")
    assert result.path == tmp_path / "build" / "stances.html"
    assert (result.view, result.format, result.nodes, result.edges) == ("stances", "html", 11, 11)
    assert result.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.summary().endswith("bytes; open it in a browser (it works offline)")
