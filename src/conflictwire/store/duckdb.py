"""The embedded DuckDB store: one database file, one connection, transactions per batch.

DuckDB writes committed transactions to its write-ahead log before returning, so a process
killed mid-run leaves the file with every committed batch and none of the open one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy

from ..errors import StoreError
from ..merge import DEFAULT_MERGE, MergeOptions
from .sql import SqlStore

_BATCH_VIEW = "conflictwire_batch"
_PROBE_VIEW = "conflictwire_probe"



@contextmanager
def transaction(conn: Any) -> Iterator[None]:
    """One DuckDB transaction on `conn`: committed when the block ends, rolled back if it raises."""
    conn.begin()
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()

class DuckDBStore(SqlStore):
    """A Store in a DuckDB file (or in memory, for tests, with path ":memory:")."""

    engine = "duckdb"

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        upgrade: bool = True,
        merge_options: MergeOptions = DEFAULT_MERGE,
    ) -> None:
        path = str(path)
        super().__init__(f"duckdb:///{path}" if path != ":memory:" else "duckdb:///:memory:",
                         merge_options=merge_options)
        self.path = path
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no database at {path}")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {path}: {_first_line(exc)}") from exc
        try:
            self._check_schema(upgrade=upgrade and not read_only)
            if upgrade and read_only:  # cannot migrate, so refuse to read an old schema
                self._require_current()
        except BaseException:
            self._conn.close()
            raise

    def _run(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        try:
            cursor = self._conn.execute(sql, list(params))
            if cursor.description is None:
                return [], []
            return [d[0] for d in cursor.description], cursor.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {_first_line(exc)}") from exc

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple],
                conflict: str = "DO NOTHING") -> None:
        """Bulk insert through a registered column view: DuckDB binds thousands of `?`
        parameters slowly (about 100 ms for 200 event rows), a scan of arrays in ~5 ms."""
        if not rows:
            return
        arrays = {c: numpy.array(values, dtype=object)
                  for c, values in zip(columns, zip(*rows, strict=True), strict=True)}
        names = ", ".join(columns)
        with self._lock:
            self._conn.register(_BATCH_VIEW, arrays)
            try:
                self._run(f"INSERT INTO {table} ({names}) SELECT {names} FROM {_BATCH_VIEW} "
                          f"ON CONFLICT ({columns[0]}) {conflict}")
            finally:
                self._conn.unregister(_BATCH_VIEW)

    def _probe(self, sql: str, columns: Sequence[tuple[str, str]],
               rows: Sequence[tuple]) -> list[tuple]:
        """`SqlStore._probe` through a registered array view instead of thousands of `?`."""
        if not rows:
            return []
        arrays = {name: numpy.array(values, dtype=object)
                  for (name, _), values in zip(columns, zip(*rows, strict=True), strict=True)}
        casts = ", ".join(f"CAST({name} AS {t}) AS {name}" for name, t in columns)
        with self._lock:
            self._conn.register(_PROBE_VIEW, arrays)
            try:
                _, found = self._run(sql.format(
                    probe=f"(SELECT {casts} FROM {_PROBE_VIEW}) AS q"))
            finally:
                self._conn.unregister(_PROBE_VIEW)
        return found

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
