"""The `kg` command line: each command parses its options, calls one library function, and
turns library errors into a message on stderr and a non-zero exit."""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.build import DATASET_FILE, build
from kg.dataset import load_dataset
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, KgError
from kg.project import EMBEDDED
from kg.queries import named_queries, parse_parameters, resolve, run
from kg.results import FORMATS, render
from kg.validation import validate, violations_of_files

Handler = Callable[[argparse.Namespace], int]


def cmd_build(args: argparse.Namespace) -> int:
    result = build(Path(args.out))
    for violation in result.violations:
        print(violation.line(), file=sys.stderr)
    if not result.written:
        print(
            f"kg: build failed: {len(result.violations)} violation(s); "
            f"{args.out}/ was left unchanged",
            file=sys.stderr,
        )
        return EXIT_VIOLATIONS
    print(
        f"built {args.out}/{DATASET_FILE}: {result.graphs} named graphs, "
        f"{result.asserted_triples} asserted and {result.inferred_triples} inferred triples; "
        "the data conforms to the shapes"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    if args.files:
        context = [] if args.alone else [EMBEDDED.registry_file]
        violations = violations_of_files([Path(f) for f in args.files], context=context)
    else:
        from kg.dataset import union

        violations = validate(union(load_dataset()))
    for violation in violations:
        print(violation.line())
    if violations:
        print(f"kg: {len(violations)} violation(s)", file=sys.stderr)
        return EXIT_VIOLATIONS
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    query = resolve(args.query)
    bindings = parse_parameters(args.param, query)
    result = run(query, load_dataset(), bindings)
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    sys.stdout.write(render(result, args.format, columns))
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    for query in named_queries().values():
        params = " ".join(f"?{p}" for p in query.parameters) or "no parameters"
        print(f"{query.name}\n    {query.question}\n    parameters: {params}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per library entry point."""
    top = argparse.ArgumentParser(
        prog="kg",
        description="Build, validate and query the actors-and-positions knowledge graph.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, summary: str, example: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    sub = command(
        "build",
        cmd_build,
        "Load, reason and validate the data; write the dataset (TriG, one named graph per "
        "source, plus the ontology and the inferences) and the SHACL report. Exit 0 only if "
        "the data conforms; a failed build leaves the previous one untouched.",
        "kg build --out build",
    )
    sub.add_argument("--out", default="build", metavar="DIR", help="output folder (default: build)")

    sub = command(
        "validate",
        cmd_validate,
        "Check data against the SHACL shapes and print each violation on one line "
        "(node, path, message). Exit 1 on violations, 2 on unreadable input.",
        "kg validate data/sources/new-start-lapse-article.ttl",
    )
    sub.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="Turtle files to check with the ontology and the registry "
        "(default: the whole embedded dataset)",
    )
    sub.add_argument(
        "--alone",
        action="store_true",
        help="check the files with the ontology only, without the registry of actors",
    )

    sub = command(
        "query",
        cmd_query,
        "Run a named query (see `kg queries`) or a .rq file over the dataset.",
        "kg query who-supports-which-format --param target=id:format/us-russia-talks",
    )
    sub.add_argument("query", metavar="NAME|FILE.rq", help="a query name or a path to a .rq file")
    sub.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter the query declares; VALUE is id:..., <iri>, YYYY-MM-DD or text",
    )
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (for people), csv or json (SPARQL 1.1 result formats); default: table",
    )
    sub.add_argument(
        "--columns",
        metavar="A,B,...",
        help="table output only: show these columns, in this order (names as the header shows)",
    )

    command(
        "queries",
        cmd_queries,
        "List the named queries with the question each answers and its parameters.",
        "kg queries",
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    return code
