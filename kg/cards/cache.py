"""The compiled-card cache: one SQLite file beside the build, keyed by each card's digest.

SQLite rather than files: a cold build of 8,000 cards stored two files per card, and creating
those 16,000 files cost 6 to 8 CPU seconds on ext4, a tenth of the build; the same rows go
into SQLite in half a second. Each worker writes its cards a chunk at a time, in one
transaction, and WAL mode lets the other worker (or another build) read and write meanwhile.

The cache only saves time: a file that cannot be opened, read or written (read-only folder,
full disk, a file that is not a database) is left alone and the cards are compiled again.
"""

import json
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kg.cards.compiled import CardOutput

CACHE_FILE = "cards.sqlite"
_OLD_FILE = re.compile(r"[0-9a-f]{64}\.(?:nq|json)")
"""A card as the cache kept it before SQLite: two files named by its digest."""
_BUSY_SECONDS = 60.0
"""How long a writer waits for another's transaction (a chunk of cards) to end."""


class CardCache:
    """Compiled cards by digest. Open it in the process that uses it: a connection must not
    cross a fork."""

    def __init__(self, folder: Path):
        self.path = folder / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=_BUSY_SECONDS)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS card "
                "(digest TEXT PRIMARY KEY, info TEXT NOT NULL, nquads TEXT NOT NULL)"
            )
            self._db = db
        except (OSError, sqlite3.Error):
            pass

    def get(self, digest: str, path: Path) -> CardOutput | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT info, nquads FROM card WHERE digest = ?", (digest,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        info = json.loads(row[0])
        return CardOutput(
            key=path.stem,
            path=path,
            nquads=row[1],
            origins={k: (v[0], v[1]) for k, v in info["origins"].items()},
            declared=[(k, v) for k, v in info["declared"]],
            referenced=[(k, v) for k, v in info["referenced"]],
        )

    def put(self, entries: Iterable[tuple[str, CardOutput]]) -> None:
        """Store compiled cards, all in one transaction."""
        if self._db is None:
            return
        rows = [
            (
                digest,
                json.dumps(
                    {
                        "origins": output.origins,
                        "declared": output.declared,
                        "referenced": output.referenced,
                    }
                ),
                output.nquads,
            )
            for digest, output in entries
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO card VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def retain(self, digests: Iterable[str]) -> None:
        """Forget every card but these (a build's whole project), and the files of the cache's
        older layout: without this the cache would keep every version of every card."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (digest TEXT PRIMARY KEY)")
                self._db.execute("DELETE FROM kept")
                kept = ((digest,) for digest in digests)
                self._db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", kept)
                self._db.execute("DELETE FROM card WHERE digest NOT IN (SELECT digest FROM kept)")
        except sqlite3.Error:
            return
        for old in self.path.parent.iterdir():
            if _OLD_FILE.fullmatch(old.name):
                old.unlink(missing_ok=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
