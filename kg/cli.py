"""The `kg` command line: each command parses its options, calls one library function, and
turns library errors into a message on stderr and a non-zero exit."""

import argparse
import difflib
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from kg import __version__
from kg.answering import AnsweringStore, answering_store
from kg.build import DATASET_FILE, VALIDATORS, WARNINGS_SHOWN, build
from kg.cards.check import check_card
from kg.cards.compiler import CardErrors
from kg.cards.template import new_card
from kg.checked import check_files, check_project
from kg.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_VIOLATIONS,
    InputError,
    KgError,
    QueryError,
)
from kg.lookup import (
    GROUPS,
    check_bindings,
    identifiers,
    refuse_plain_names,
    resolve_names,
    spelling_notes,
    text_notes,
)
from kg.lookup import table as identifier_table
from kg.offline import cut_network
from kg.progress import Progress
from kg.project import EMBEDDED, Project, init_project, project_at
from kg.queries import NamedQuery, catalogue, named_queries, parse_parameters, resolve, run
from kg.results import FORMATS, is_empty, render
from kg.validation import Violation
from kg.wording import counted

Handler = Callable[[argparse.Namespace], int]


def _project(args: argparse.Namespace) -> Project:
    return project_at(args.project)


def _build_dir(args: argparse.Namespace) -> Path:
    """--out / --build, else build/ inside a project, or ./build for the embedded one."""
    given = getattr(args, "out", None) or getattr(args, "build", None)
    if given:
        return Path(given)
    return _project_build(args)


def _project_build(args: argparse.Namespace) -> Path:
    """build/ inside a project, or ./build for the embedded one."""
    project = _project(args)
    return Path("build") if project == EMBEDDED else project.root / "build"


def _print_notes(notes: Iterable[str]) -> None:
    """How kg read what the user gave (a plain name, an older spelling): on stderr."""
    for note in notes:
        print(f"kg: note: {note}", file=sys.stderr)


def _print_violations(violations: list[Violation], stream: TextIO | None = None) -> None:
    for violation in violations:
        print(violation.line(), file=stream or sys.stdout)


def cmd_build(args: argparse.Namespace) -> int:
    out = _build_dir(args)
    progress = Progress()
    result = build(
        out,
        _project(args),
        validator=VALIDATORS[args.validator],
        progress=progress,
        fresh=args.fresh,
    )
    _print_violations(result.violations, sys.stderr)
    if not result.written:
        print(
            f"kg: build failed: {counted(len(result.violations), 'violation')}; "
            f"{out}/ was left unchanged",
            file=sys.stderr,
        )
        return EXIT_VIOLATIONS
    how = "built" if result.updated is None else "updated"
    print(
        f"{how} {out}/{DATASET_FILE}: {counted(result.cards, 'card')}, "
        f"{counted(result.graphs, 'named graph')}, "
        f"{result.asserted_triples:,} asserted and {result.inferred_triples:,} inferred triples; "
        "the data conforms to the shapes"
    )
    _print_warnings(result.warnings, sys.stderr)
    if result.updated == result.removed == 0:
        print("(an update of the previous build: no card changed; --fresh builds anew)")
    elif result.updated is not None:
        print(
            f"(an update of the previous build: {result.updated} of {result.cards} cards compiled "
            f"again, {result.removed} removed, only what they touch validated again; "
            "--fresh builds anew)"
        )
    return EXIT_OK


def _print_warnings(warnings: tuple[str, ...], stream: TextIO) -> None:
    """Warnings do not fail the build; past WARNINGS_SHOWN they are counted."""
    for warning in warnings[:WARNINGS_SHOWN]:
        print(f"warning: {warning}", file=stream)
    if len(warnings) > WARNINGS_SHOWN:
        print(
            f"warning: and {len(warnings) - WARNINGS_SHOWN} more probable duplicate statements; "
            "`kg query duplicate-statements` lists them all",
            file=stream,
        )


def cmd_validate(args: argparse.Namespace) -> int:
    project = _project(args)
    files = [Path(f) for f in args.files]
    if cards := [f for f in files if f.suffix == ".yaml"]:
        raise InputError("this is a source card; check it with `kg check-card`", cards[0])
    if files:
        checked = check_files(files, context=[] if args.alone else [project.registry_file])
    else:
        checked = check_project(project)
    _print_violations(checked.violations)
    if checked.violations:
        print(f"kg: {counted(len(checked.violations), 'violation')}", file=sys.stderr)
        return EXIT_VIOLATIONS
    print(checked.summary())
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    project = _project(args)
    query = _query_of(args, project)
    bindings = parse_parameters(args.param, query)
    _print_notes(spelling_notes(args.param))
    if args.default_graph and not args.endpoint:
        raise QueryError("--default-graph names a graph of a remote store; give --endpoint too")
    columns = None
    if args.columns is not None:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        if not columns:
            raise QueryError("--columns names no column; give them as the header shows them")
    if args.endpoint:
        from kg.remote import query_remote  # urllib: loaded only to reach a remote store

        refuse_plain_names(bindings, query.name)
        result = query_remote(
            args.endpoint,
            query.text,
            bindings,
            origin=query.name,
            default_graph=args.default_graph,
        )
    else:
        cut_network()  # the second wall: this process runs the query and needs no network
        answering = _answering(args, project)
        bindings, notes = resolve_names(answering.store, bindings)  # holder=china
        _print_notes(notes)
        check_bindings(answering.store, bindings, query.name)  # did you mean ...?
        result = run(query, answering.store, bindings)
        if is_empty(result):
            _print_notes(text_notes(answering.store, bindings))  # h=russia, meant as id:russia
    sys.stdout.write(render(result, args.format, columns))
    return EXIT_OK


def _query_of(args: argparse.Namespace, project: Project) -> NamedQuery:
    """The query named, in a file, on standard input (`-`) or inline (--sparql)."""
    if args.sparql is not None:
        if args.query:
            raise QueryError("give either a query (name, file or -) or --sparql, not both")
        return NamedQuery.from_text(args.sparql, "query", header=False)
    if args.query == "-":
        return NamedQuery.from_text(_stdin(), "stdin", header=False)
    if not args.query:
        raise QueryError(
            "give a named query (`kg queries` lists them), a query file, - to read standard "
            "input, or --sparql 'SELECT ...'"
        )
    return resolve(args.query, project.queries_dir)


def _stdin() -> str:
    """Standard input, without the byte order mark some editors put before UTF-8 text."""
    return sys.stdin.read().removeprefix("\ufeff")


def _answering(
    args: argparse.Namespace, project: Project, build_dir: Path | None = None
) -> AnsweringStore:
    """The build that answers (kg.answering), saying on stderr when it was built now or is
    older than the project's inputs."""
    build_dir = build_dir if build_dir is not None else _build_dir(args)
    answering = answering_store(project, build_dir, given=bool(args.build))
    if answering.built_now:
        print(
            f"kg: built {answering.build_dir}/ to answer from (there was no current build)",
            file=sys.stderr,
        )
    elif answering.stale:
        print(
            f"kg: warning: {answering.build_dir}/ is not a build of the project's current "
            "inputs; answering from it as it is (`kg build` brings it up to date)",
            file=sys.stderr,
        )
    return answering


def cmd_ids(args: argparse.Namespace) -> int:
    answering = _answering(args, _project(args))
    sys.stdout.write(identifier_table(identifiers(answering.store, args.group, args.match)))
    return EXIT_OK


def _offered_build(args: argparse.Namespace, project: Project) -> Path:
    """The build `kg serve` and `kg push` offer: the one `kg query` answers from, made now if
    there is none; or the one named with --build, as it is (it may be another project's)."""
    return Path(args.build) if args.build else _answering(args, project).build_dir


def cmd_push(args: argparse.Namespace) -> int:
    from kg.remote import push  # urllib: loaded only to reach a remote store

    build_dir = _offered_build(args, _project(args))
    print(push(build_dir, args.endpoint, default_graph=args.default_graph).summary())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    # networkx: imported only when exporting
    from kg.export import (
        RENDERERS,
        VIEWS,
        ExportResult,
        ViewOptions,
        ViewResult,
        export,
        export_view,
    )

    if args.view not in VIEWS and args.view not in RENDERERS:
        raise KgError(
            f"unknown view {args.view!r}; choose one of: {', '.join([*VIEWS, *RENDERERS])}"
        )
    if args.view in RENDERERS and args.focus:
        raise KgError(
            "--focus is for the graph views; the matrix and timeline take --target or --holder"
        )
    if args.view not in RENDERERS and (args.as_of or args.target or args.holder):
        raise KgError("--as-of, --target and --holder are for --view matrix and timeline")
    project = _project(args)
    _refuse_export_target(Path(args.out), project, f"{args.view}.{args.to}")
    # The build answers, as for `kg query` (one is made when there is none); --out is the file.
    build_dir = Path(args.build) if args.build else _project_build(args)
    answering = _answering(args, project, build_dir)
    if args.view in RENDERERS:  # drawn from the answers of who-supports-which-format
        options = ViewOptions(args.as_of or "", args.target or "", args.holder or "")
        result: ViewResult | ExportResult = export_view(
            answering.store, args.view, args.to, Path(args.out), options
        )
    else:
        result = export(answering.store, args.view, args.to, Path(args.out), focus=args.focus)
    _print_notes(result.notes)
    print(result.summary())
    return EXIT_OK


def _refuse_export_target(out: Path, project: Project, name: str) -> None:
    """Refuse a folder, and a file of the project's own (the registry, a card, a query),
    which an export would overwrite."""
    if out.is_dir():
        raise KgError(f"--out names a folder; give the file to write, such as {out / name}", out)
    inputs = (project.sources_dir.resolve(), project.queries_dir.resolve())
    if out.resolve() == project.registry_file.resolve() or any(
        out.resolve().is_relative_to(folder) for folder in inputs
    ):
        raise KgError("this is one of the project's inputs; write the export elsewhere", out)


def cmd_synth(args: argparse.Namespace) -> int:
    from kg.synth import MANIFEST_FILE as SYNTH_MANIFEST
    from kg.synth import parse_error_counts, synth_project

    out = Path(args.out)
    manifest = synth_project(out, args.cards, args.seed, parse_error_counts(args.errors))
    print(
        f"wrote {out}/: {manifest.cards} cards, {manifest.actors} actors, "
        f"{manifest.formats} formats, {manifest.proposals} proposals; "
        f"{counted(len(manifest.injections), 'injected error')}, listed in {out}/{SYNTH_MANIFEST}\n"
        f"next: kg build --project {out}   (expected exit code {manifest.expected_exit})"
    )
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from kg.review import render_docs

    result = render_docs(Path(args.out), _project(args))
    print(f"wrote {len(result.pages)} files to {result.out_dir}/ (open index.html in a browser)")
    for name in result.flagged:
        print(f"kg: the question {name!r} has no answer on the current data", file=sys.stderr)
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from kg.review import lint, load_profile, review_graph

    files = [Path(f) for f in args.files]
    if args.alone and not files:
        raise InputError("--alone needs the files to lint")
    source = files if args.alone else review_graph(_project(args), files=files)
    profile = load_profile(Path(args.profile)) if args.profile else load_profile()
    report = lint(source, profile)
    if args.format == "tsv":  # the rows alone on stdout, for tools; the count for people
        sys.stdout.write(report.tsv())
        print(f"kg: {report.summary()}", file=sys.stderr)
    else:
        sys.stdout.write(report.table())  # ends with the count
    return EXIT_VIOLATIONS if report.errors else EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from kg.bench import bench, check_sizes
    from kg.synth import parse_error_counts

    try:
        sizes = check_sizes([int(n) for n in args.cards.split(",")], args.naive_limit)
    except ValueError:
        message = f"--cards takes sizes in cards, like 80,800,8000, not {args.cards!r}"
        raise InputError(message) from None
    errors = parse_error_counts(args.errors)
    out = Path(args.out) if args.out else None
    if out and not out.parent.is_dir():
        raise InputError(f"-o {out}: the folder {out.parent} does not exist")
    if out and out.is_dir():  # found before minutes of measuring, not after
        raise InputError(f"-o {out}: a folder; give the file to write, such as {out}/bench.md")
    chunks: list[str] = []

    def emit(text: str) -> None:
        chunks.append(text)
        print(text, flush=True)

    try:
        if args.serve:
            from kg.serve.load import bench_serving

            build = Path(args.build) if args.build else None
            bench_serving(build, args.clients, args.requests, emit)
        else:
            bench(sizes, args.seed, args.naive_limit, args.repeat, errors, emit)
    except KgError as error:
        chunks.append(f"Stopped: {error}")
        raise
    finally:
        if out and chunks:  # the tables of every size measured, even when a later one failed
            command = " ".join(["kg", "bench", *sys.argv[2:]])
            out.write_text(f"Command: `{command}`\n\n" + "\n".join(chunks))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import Limits, serve  # waitress and werkzeug: loaded only to serve

    limits = Limits(timeout=args.timeout, max_rows=args.max_rows)
    project = _project(args)
    named_queries(project.queries_dir)  # a query file it cannot serve stops it before a build
    serve(
        _offered_build(args, project),
        project,
        host=args.host,
        port=args.port,
        limits=limits,
        workers=args.workers,
        memory_limit_mb=args.max_memory or None,
    )
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    queries, broken = catalogue(_project(args).queries_dir)
    for query in queries.values():
        params = " ".join(f"?{p}" for p in query.parameters) or "no parameters"
        print(f"{query.name}\n    {query.asked}\n    parameters: {params}")
    for error in broken.values():
        print(f"kg: error: {error}", file=sys.stderr)
    return EXIT_BAD_INPUT if broken else EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    project = init_project(Path(args.dir))
    print(
        f"created {project.root}/: registry.ttl, sources/, queries/\n"
        f"next: cd {shlex.quote(str(project.root))} && kg new-card --date YYYY-MM-DD "
        "--publisher NAME --title TEXT --url URL"
    )
    return EXIT_OK


def cmd_new_card(args: argparse.Namespace) -> int:
    path = new_card(
        _project(args),
        args.date,
        url=args.url,
        title=args.title,
        publisher=args.publisher,
        key=args.key,
    )
    print(f"wrote {path}")
    return EXIT_OK


def cmd_check_card(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if Path(args.card).suffix in (".ttl", ".nt"):
        raise InputError("this is RDF, not a source card; check it with `kg validate`", args.card)
    try:
        checked = check_card(Path(args.card), _build_dir(args), _project(args))
    except CardErrors as exc:
        exc.consequence = "the card was not checked against the shapes"
        raise
    _print_violations(checked.violations)
    elapsed = time.perf_counter() - started
    for review in checked.reviews:
        print(f"warning: {review}", file=sys.stderr)
    if checked.violations:
        print(f"kg: {counted(len(checked.violations), 'violation')}", file=sys.stderr)
        return EXIT_VIOLATIONS
    left = f"; {counted(len(checked.reviews), 'review mark')} left" if checked.reviews else ""
    print(f"{args.card}: ok ({checked.triples:,} triples, checked in {elapsed:.2f} s){left}")
    return EXIT_OK


def cmd_draft(args: argparse.Namespace) -> int:
    from kg.draft import draft_article, evaluate_files  # pysbd, rapidfuzz: loaded to draft

    if args.evaluate:
        if args.article:
            raise InputError("give either ARTICLE to draft or --evaluate DRAFT REVIEWED")
        draft, reviewed = (Path(p) for p in args.evaluate)
        sys.stdout.write(evaluate_files(draft, reviewed, proposals=args.proposals).table())
        return EXIT_OK
    if not args.article:
        raise InputError(
            "give the article to draft (a text or HTML file, or - for standard "
            "input), or --evaluate DRAFT REVIEWED"
        )
    result = draft_article(
        _project(args), args.article, url=args.url, date=args.date, publisher=args.publisher
    )
    print(result.summary())
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse, saying which command or option was probably meant (`kg quer`, `--params`),
    and listing the commands when none is given."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._commands().get(getattr(parsed, "command", "") or "", self)
            options = [o for o in command._option_string_actions if o.startswith("--")]
            hints = [_closest(e.partition("=")[0], options) for e in extras if e.startswith("-")]
            hint = "; ".join(h for h in hints if h)
            self.error(
                f"unrecognized arguments: {' '.join(extras)}" + (f" ({hint})" if hint else "")
            )
        return parsed

    def error(self, message: str) -> NoReturn:
        if message == "the following arguments are required: COMMAND":
            self.print_help(sys.stderr)
            self.exit(EXIT_BAD_INPUT)
        choice = re.match(
            r"(?:argument \S+: )?invalid choice: '([^']*)' \(choose from (.*)\)$", message
        )
        if choice:
            hint = _closest(choice[1], re.findall(r"'([^']*)'", choice[2]))
            message += f" ({hint})" if hint else ""
        super().error(message)

    def _commands(self) -> dict[str, argparse.ArgumentParser]:
        subparsers = self._subparsers._group_actions if self._subparsers else []
        return next((dict(a.choices) for a in subparsers if isinstance(a.choices, dict)), {})


def _closest(given: str, known: list[str]) -> str:
    close = difflib.get_close_matches(given, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per library entry point."""
    top = _Parser(
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
        if name not in ("init", "synth", "bench"):
            sub.add_argument(
                "--project",
                metavar="DIR",
                help="a project folder made by `kg init` (default: the project this folder is "
                "in, else the embedded New START data)",
            )
        return sub

    sub = command(
        "build",
        cmd_build,
        "Compile the cards, reason and validate; write the dataset (TriG, one named graph per "
        "source, plus the ontology and the inferences) and the SHACL report. Exit 0 only if "
        "the data conforms; a failed build leaves the previous one untouched. When only some "
        "cards changed since the previous build, that build is updated: only those cards are "
        "compiled and what they touch revalidated, giving the same outputs as a fresh build.",
        "kg build --out build",
    )
    sub.add_argument(
        "--fresh",
        action="store_true",
        help="build from scratch even if the previous build could be updated",
    )
    sub.add_argument(
        "--out", metavar="DIR", help="output folder (default: build, or DIR/build with --project)"
    )
    sub.add_argument(
        "--validator",
        choices=list(VALIDATORS),
        default="fast",
        help="fast: the shapes as SPARQL over the store (default); pyshacl: the reference, "
        "slower by two orders of magnitude on large graphs, same report",
    )

    sub = command(
        "validate",
        cmd_validate,
        "Check Turtle data against the SHACL shapes and print each violation on one line "
        "(node, path, message). Exit 1 on violations, 2 on unreadable input.",
        "kg validate extra-actors.ttl",
    )
    sub.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="Turtle files to check with the ontology and the registry "
        "(default: the whole dataset of the project)",
    )
    sub.add_argument(
        "--alone",
        action="store_true",
        help="check the files with the ontology only, without the registry of actors",
    )

    sub = command(
        "query",
        cmd_query,
        "Run a named query (see `kg queries`) or your own SPARQL (a file, standard input or "
        "--sparql) over the dataset.",
        "kg query who-supports-which-format --param target=format:us-russia-talks\n"
        "  kg query --sparql 'SELECT ?state WHERE { ?state a ap:State }'\n"
        "  echo 'ASK { id:russia a ap:State }' | kg query -",
    )
    sub.add_argument(
        "query",
        nargs="?",
        metavar="NAME|FILE|-",
        help="a named query, a file of SPARQL (the header of named queries is optional), "
        "or - to read the query from standard input",
    )
    sub.add_argument(
        "--sparql", metavar="TEXT", help="the query itself, instead of a name or a file"
    )
    sub.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter the query declares; VALUE is an identifier as kg prints it "
        "(id:russia, format:us-russia-talks, <iri>; `kg ids` lists them), YYYY-MM-DD or text",
    )
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (for people); csv or json (SPARQL 1.1 result formats) for SELECT and ASK; "
        "turtle or ntriples for the graph a CONSTRUCT or DESCRIBE answers; default: table",
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="answer from this build (default: as `kg build`; for the embedded data, a cache "
        "build when ./build is not current); a folder without a build is built first, and an "
        "older build answers as it is, with a warning",
    )
    sub.add_argument(
        "--columns",
        metavar="A,B,...",
        help="table output only: show these columns, in this order (names as the header shows "
        "them; a labelled column x may also be called xLabel)",
    )
    sub.add_argument(
        "--endpoint",
        metavar="URL",
        help="run the query at this SPARQL store instead of the local build: its SPARQL query "
        "URL (Oxigraph: http://HOST:PORT/query; Fuseki: http://HOST:PORT/DATASET/sparql; "
        "Virtuoso: http://HOST:8890/sparql). A store that asks for credentials gets them from "
        "KG_STORE_USER and KG_STORE_PASSWORD, or from ~/.netrc (docs/serve.md)",
    )
    sub.add_argument(
        "--default-graph",
        metavar="IRI",
        help="with --endpoint: read this named graph as the default graph (where `kg push "
        "--default-graph IRI` put the merge; Virtuoso)",
    )

    sub = command(
        "ids",
        cmd_ids,
        "List identifiers, as a query takes them, with their names and kinds: actors, issues "
        "(treaties, proposals, formats, policies, events), sources, statements, positions, "
        "stances, or all of them; from the current build, as `kg query` answers.",
        "kg ids actors --match russia",
    )
    sub.add_argument(
        "group",
        nargs="?",
        default="all",
        choices=list(GROUPS),
        help="what to list (default: all)",
    )
    sub.add_argument(
        "--match",
        metavar="TEXT",
        help="only identifiers whose id, name or kind holds TEXT (case aside)",
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="list from this build when it is current (default: as `kg query`)",
    )

    sub = command(
        "push",
        cmd_push,
        "Load the build into any SPARQL 1.1 store over the Graph Store Protocol: each named "
        "graph is replaced (HTTP PUT), and the default graph gets the merge of all graphs, "
        "which queries read. Then query it with `kg query NAME --endpoint QUERY-URL`.",
        "kg push --endpoint http://127.0.0.1:7878/store",
    )
    sub.add_argument(
        "--endpoint",
        metavar="URL",
        required=True,
        help="the store's Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store; "
        "Fuseki: http://HOST:PORT/DATASET/data; Virtuoso: "
        "http://HOST:8890/sparql-graph-crud-auth). A store that asks for credentials gets them "
        "from KG_STORE_USER and KG_STORE_PASSWORD, or from ~/.netrc (docs/serve.md)",
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="the build to push, as it is (default: the build `kg query` answers from, made "
        "now if there is none)",
    )
    sub.add_argument(
        "--default-graph",
        metavar="IRI",
        help="put the merge into this named graph instead of the store's default graph, for a "
        "store that keeps no default graph of its own (Virtuoso); query it with "
        "`kg query --endpoint URL --default-graph IRI`",
    )

    sub = command(
        "export",
        cmd_export,
        "Write a view of the graph for Gephi, yEd, Cytoscape, Graphviz, a spreadsheet or a "
        "browser (csv writes FILE.nodes.csv and FILE.edges.csv; html works offline). The "
        "matrix (actors by issues) and the timeline are drawn from the answers of "
        "who-supports-which-format on the current build, as `kg query` answers.",
        "kg export --view stances --to html -o build/stances.html\n"
        "  kg export --view matrix --to svg --as-of 2026-01-01 -o matrix.svg\n"
        "  kg export --view timeline --to svg --target proposal:one-year-limits -o t.svg",
    )
    sub.add_argument(
        "--view",
        default="stances",
        help="stances (who stands where), actors (who speaks for whom), full (every "
        "triple), matrix (actors by issues, a cell per stance) or timeline (stances over "
        "time); default: stances",
    )
    sub.add_argument(
        "--to",
        required=True,
        help="graphml, gexf, cytoscape, dot, csv or html; the matrix: html, svg or csv; the "
        "timeline: html or svg",
    )
    sub.add_argument("-o", "--out", required=True, metavar="FILE", help="the file to write")
    sub.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="matrix and timeline: the positions held on that day (default: the current ones)",
    )
    sub.add_argument(
        "--target",
        metavar="ISSUE",
        help="timeline: of this issue, as kg prints it (format:us-russia-talks); default: "
        "every issue someone holds a position on",
    )
    sub.add_argument("--holder", metavar="ACTOR", help="timeline: of this actor (id:russia)")
    sub.add_argument(
        "--focus",
        metavar="ID",
        help="html: the actor or issue the page starts from, as kg prints it "
        "(id:russia, format:us-russia-talks); default: the busiest",
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="the build to read (default: the project's build/, made first when it is "
        "missing or older than the cards, as for `kg query`)",
    )

    command(
        "queries",
        cmd_queries,
        "List the named queries (the tool's and the project's) with their questions.",
        "kg queries",
    )

    sub = command(
        "init",
        cmd_init,
        "Start a project of your own: a folder with a registry, sources/ and queries/.",
        "kg init ~/kg-iran-talks",
    )
    sub.add_argument("dir", metavar="DIR", help="the new project folder (must not exist)")

    sub = command(
        "docs",
        cmd_docs,
        "Write the ontology's documentation as HTML pages to browse offline: every term with "
        "its definition and an example from the data, the shapes as sentences, a class "
        "diagram, the answers to the competency questions (questions without an answer "
        "flagged) and the lint report.",
        "kg docs -o site",
    )
    sub.add_argument(
        "-o", "--out", required=True, metavar="DIR", help="the folder to write (replaced whole)"
    )

    sub = command(
        "lint",
        cmd_lint,
        "Run the ontology quality checks (queries/quality/) over the ontology, shapes, data and "
        "queries, plus FILES. Exit 1 on any ERROR, 2 on unreadable input.",
        "kg lint extension.ttl",
    )
    sub.add_argument(
        "files", nargs="*", metavar="FILE", help="extra .ttl, .nt or .rq files to review"
    )
    sub.add_argument(
        "--alone",
        action="store_true",
        help="lint only the files, without the ontology and the data",
    )
    sub.add_argument(
        "--profile",
        metavar="FILE",
        help="a severity profile (default: queries/quality/profile.tsv)",
    )
    sub.add_argument(
        "--format", choices=("table", "tsv"), default="table", help="table (default) or tsv"
    )

    sub = command(
        "synth",
        cmd_synth,
        "Write a synthetic project of realistic source cards, for benchmarks and tests; "
        "optionally with a known number of injected errors of each kind (an unknown kind is "
        "refused with the list). The same seed gives the same files.",
        "kg synth --cards 800 --seed 1 -o /tmp/synth --errors unknown-actor=2 "
        "statement-after-source=3",
    )
    sub.add_argument("--cards", type=int, required=True, metavar="N", help="how many cards")
    sub.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    sub.add_argument("-o", "--out", required=True, metavar="DIR", help="a new, empty folder")
    sub.add_argument(
        "--errors", nargs="*", default=[], metavar="KIND=COUNT", help="errors to inject"
    )

    sub = command(
        "bench",
        cmd_bench,
        "Benchmark the naive pipeline (rdflib, owlrl, pySHACL) against the project's own "
        "(cached compiler, Oxigraph, SPARQL reasoning, SHACL as SPARQL) on generated corpora: "
        "median time and peak memory per stage, ratios, and a check that both report the same "
        "violations and query answers. Not a test: run it on a quiet machine.",
        "kg bench --cards 80,800,8000 -o benchmark.md",
    )
    sub.add_argument(
        "--cards", default="80,800,8000", metavar="N,N,...", help="corpus sizes, in cards"
    )
    sub.add_argument("--seed", type=int, default=1, metavar="S", help="corpus seed (default 1)")
    sub.add_argument(
        "--naive-limit",
        type=int,
        default=1_000,
        metavar="CARDS",
        help="above this many cards, extrapolate the naive pipeline from the two largest sizes "
        "at or below it instead of running it (default 1000)",
    )
    sub.add_argument("--repeat", type=int, default=3, help="runs per stage, for the median")
    sub.add_argument(
        "--errors", nargs="*", default=[], metavar="KIND=COUNT", help="errors to inject"
    )
    sub.add_argument("-o", "--out", metavar="FILE", help="also write the tables to FILE")
    sub.add_argument(
        "--serve",
        action="store_true",
        help="instead: load-test `kg serve` on loopback (latency percentiles per named query, "
        "throughput, errors)",
    )
    sub.add_argument(
        "--clients", type=int, default=20, metavar="N", help="--serve: concurrent clients"
    )
    sub.add_argument(
        "--requests", type=int, default=2000, metavar="N", help="--serve: requests in all"
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="--serve: the build to serve (default: a fresh build of the embedded data)",
    )

    sub = command(
        "serve",
        cmd_serve,
        "Serve the build as a read-only SPARQL 1.1 endpoint (GET and POST, JSON, XML, CSV, TSV, "
        "Turtle, N-Triples), with the named queries at /queries and a query page at /. Each "
        "query runs in a worker process that is stopped at the time limit. Ctrl-C stops.",
        "kg serve --port 7878   (then: curl 'http://127.0.0.1:7878/queries/position-changes')",
    )
    sub.add_argument(
        "--build",
        metavar="DIR",
        help="the build to serve, as it is (default: the build `kg query` answers from, made "
        "now if there is none)",
    )
    sub.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it to "
        "the network)",
    )
    sub.add_argument(
        "--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)"
    )
    sub.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time limit per query, from arrival to answer (default 10)",
    )
    sub.add_argument(
        "--max-rows",
        type=int,
        default=10_000,
        metavar="N",
        help="rows (or triples) per answer; longer answers are cut and say so (default 10000)",
    )
    sub.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="query worker processes, each answering one query at a time (default: the "
        "number of CPUs, at least 2)",
    )
    sub.add_argument(
        "--max-memory",
        type=int,
        default=2048,
        metavar="MiB",
        help="heap a query worker may take; a query that needs more fails (default 2048; "
        "0: no limit)",
    )

    sub = command(
        "new-card",
        cmd_new_card,
        "Write a commented template card for a source into the project's sources/, named "
        "publisher-date-slug.yaml after its publisher, day and title.",
        'kg new-card --publisher TASS --date 2025-10-05 --title "Trump on Putin\'s offer" '
        "--url https://tass.com/world/2025407",
    )
    sub.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="its publication day")
    sub.add_argument("--publisher", metavar="TEXT", help="who published it, such as TASS")
    sub.add_argument("--title", metavar="TEXT", help="its title, when it has one")
    sub.add_argument("--url", help="the source's address, when it has one")
    sub.add_argument(
        "--key",
        help="the card's file name without .yaml (default: publisher, date and the first words "
        "of the title)",
    )

    sub = command(
        "check-card",
        cmd_check_card,
        "Check one card (YAML syntax, fields, references, shapes) against the project's registry "
        "as it is on disk and the other cards of the last build, without building. Exit 1 on "
        "violations, 2 on card errors. Never modifies the card.",
        "kg check-card data/sources/new-start-lapse-article.yaml",
    )
    sub.add_argument("card", metavar="FILE", help="the card to check")
    sub.add_argument(
        "--build", metavar="DIR", help="the build to check against (default: as `kg build`)"
    )

    sub = command(
        "draft",
        cmd_draft,
        "Draft a card from a news article: its quotes and reported speech as statements with "
        "speaker, office and date, and the positions their words suggest, each marked "
        "`review:` with where it comes from and why. Writes a new card into sources/, never "
        "overwriting; `kg check-card` warns until the marks are gone. With --evaluate, "
        "compare a draft with the card a person reviewed.",
        "kg draft article.txt --date 2026-02-06 --publisher TASS --url https://tass.com/x\n"
        "  kg draft --evaluate data/sources/tass-2026-02-06.yaml reviewed.yaml",
    )
    sub.add_argument(
        "article", nargs="?", metavar="ARTICLE", help="a text or HTML file, or - for standard input"
    )
    sub.add_argument("--url", help="the article's address")
    sub.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="its publication day: 'on Thursday' and 'yesterday' are counted from it (without "
        "it they are left out)",
    )
    sub.add_argument("--publisher", metavar="NAME", help="who published it, such as TASS")
    sub.add_argument(
        "--evaluate",
        nargs=2,
        metavar=("DRAFT", "REVIEWED"),
        help="instead: compare a draft card with a reviewed card and print a table",
    )
    sub.add_argument(
        "--proposals",
        action="store_true",
        help="--evaluate: count the commented-out '#? ' proposals of the draft too",
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except CardErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(
            f"kg: {counted(len(exc.errors), 'error')} in source cards; {exc.consequence}",
            file=sys.stderr,
        )
        return exc.exit_code
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `kg query ... | head`: the reader has all it wanted
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # the system refused a file: a name too long, a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kg: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a defect of kg: a sentence, never a traceback
        print(
            f"kg: internal error ({type(exc).__name__}: {exc}); this is a defect of kg, not of "
            "your input: please report it with the command you ran",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return code
