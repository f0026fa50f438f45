"""The query check's cost, side by side: rdflib's parser (the check before issue 13) and the
project's one reading (kg.sparql_lexer + kg.queries.safe_query), on the same texts, in one run.

    .venv/bin/python scripts/check_speed.py [--repeat 3]

Prints a Markdown table of medians and ratios. The texts are the largest a served query may be
(1 MiB by POST) and smaller ones: a named query, VALUES blocks of 309 KB and 879 KB, 600 KB of
nested parentheses, and 1 MiB of one-character tokens.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import QueryError
from kg.queries import named_queries, safe_query
from kg.sparql_lexer import read


def texts() -> dict[str, str]:
    values = " ".join(f"<http://example.org/item/{i}>" for i in range(10_000))
    pairs = " ".join(f'(<http://example.org/item/{i}> "label {i}")' for i in range(19_000))
    return {
        "named query who-supports-which-format": named_queries()["who-supports-which-format"].text,
        "VALUES block, 309 KB": f"SELECT * WHERE {{ VALUES ?x {{ {values} }} }}",
        "VALUES block, 879 KB": f"SELECT * WHERE {{ VALUES (?x ?y) {{ {pairs} }} }}",
        "nested parentheses, 600 KB": "ASK { FILTER(" + "(" * 300_000 + "1" + ")" * 300_000 + ") }",
        "one-character tokens, 1 MiB": "ASK { FILTER(1" + " +1" * 262_000 + ") }",
    }


def rdflib_check(text: str) -> None:
    try:
        parseQuery(text)
    except (ParseException, RecursionError):
        pass


def one_reading(text: str) -> None:
    read.cache_clear()  # time the reading, not the cache
    try:
        safe_query(text)
    except QueryError:
        pass


def median(check: Callable[[str], None], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        check(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    sys.setrecursionlimit(10_000)
    print("| text | bytes | rdflib parser (before) | one reading (now) | ratio |")
    print("|---|---|---|---|---|")
    for name, text in texts().items():
        before = median(rdflib_check, text, repeat)
        now = median(one_reading, text, repeat)
        print(
            f"| {name} | {len(text.encode()):,} | {before:.3f} s | {now * 1000:.1f} ms | "
            f"{before / now:,.0f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
