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
import pyarrow as pa

from ..errors import StoreError
from ..settings import MergeSettings
from .sql import SqlStore

_BATCH_VIEW = "conflictwire_batch"
_PROBE_VIEW = "conflictwire_probe"
_ARROW_TYPES = {"VARCHAR": pa.string(), "TEXT": pa.string(), "INTEGER": pa.int32(),
                "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
                "TIMESTAMP": pa.timestamp("us"), "BOOLEAN": pa.bool_()}



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
        merge_options: MergeSettings | None = None,
    ) -> None:
        path = str(path)
        super().__init__(f"duckdb:///{path}" if path != ":memory:" else "duckdb:///:memory:",
                         merge_options=merge_options)
        self.path = path
        self.read_only = read_only
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> SQL type
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
        """Bulk insert through a registered Arrow table: DuckDB binds thousands of `?`
        parameters slowly (about 100 ms for 200 event rows), and converts Arrow columns far
        faster than Python objects one by one."""
        if not rows:
            return
        types = self._column_types(table)
        names = ", ".join(columns)
        with self._lock:
            self._conn.register(_BATCH_VIEW, _columns(columns, [types[c] for c in columns], rows))
            try:
                self._run(f"INSERT INTO {table} ({names}) SELECT {names} FROM {_BATCH_VIEW} "
                          f"ON CONFLICT ({columns[0]}) {conflict}")
            finally:
                self._conn.unregister(_BATCH_VIEW)

    def _probe(self, sql: str, columns: Sequence[tuple[str, str]],
               rows: Sequence[tuple]) -> list[tuple]:
        """`SqlStore._probe` through a registered column view instead of thousands of `?`."""
        if not rows:
            return []
        view = _columns([n for n, _ in columns], [t for _, t in columns], rows)
        casts = ", ".join(f"CAST({name} AS {t}) AS {name}" for name, t in columns)
        with self._lock:
            self._conn.register(_PROBE_VIEW, view)
            try:
                _, found = self._run(sql.format(
                    probe=f"(SELECT {casts} FROM {_PROBE_VIEW}) AS q"))
            finally:
                self._conn.unregister(_PROBE_VIEW)
        return found

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            _, rows = self._run("SELECT column_name, data_type FROM information_schema.columns "
                                "WHERE table_name = ?", [table])
            self._types[table] = {name: kind.upper() for name, kind in rows}
        return self._types[table]

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _columns(names: Sequence[str], types: Sequence[str], rows: Sequence[tuple]) -> Any:
    """`rows` as columns DuckDB can scan: an Arrow table of the columns' SQL types, or, when
    a value does not fit its Arrow type (a float in an integer column), Python object arrays
    that DuckDB converts itself."""
    values = list(zip(*rows, strict=True))
    try:
        return pa.table([pa.array(v, type=_ARROW_TYPES.get(t)) for v, t in zip(values, types,
                                                                                 strict=True)],
                        names=list(names))
    except (pa.ArrowException, OverflowError):
        return {n: numpy.array(v, dtype=object) for n, v in zip(names, values, strict=True)}


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
