"""Where a push's time goes on the server, and how low it can go with this schema (issue 6).

    .venv/bin/python bench/sync_floor.py [--records 10000] [--repeat 3]

About a minute. Prints, for the workload of ``bench/sync_bench.py`` (N new customers with a
contact each, as 2N ``*`` ops in batches of 500; then N one-field updates), three figures side
by side, each the best of --repeat runs on a fresh server database (SQLite, as ``serve`` runs
it: WAL, laptop-only indexes dropped, WAL checkpoints on a thread of their own):

1. *SQLite alone*: only the statements the server must run for the adds — the rows, one log
   entry per row, one op id per op, one commit per batch — with every value prepared in advance
   (multi-row INSERTs of ready tuples, as the server sends them: ``RawSql.many``). No Python
   per op is timed. This is the floor for this schema and this SQLite, whatever the Python
   around it does.
2. *Store.push in process*: the real server code (``parse_push`` + ``Store.push``: value checks,
   rights and visibility, merge planning, stored answers) on the same bodies, without HTTP.
3. What ``bench/sync_bench.py`` adds on top (HTTP, the laptop's client, the proxy) is not
   measured here: run it for the end-to-end figures and the Anki comparison.

Process CPU time and wall time are both printed: the checkpoint thread's work counts as CPU but
not (much) as wall. A benchmark: figures, not pass/fail; not in CI.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import sync_bench as sb  # noqa: E402

from minesales_desktop.db.migrate import head_revision  # noqa: E402
from minesales_desktop.sync import hlc  # noqa: E402
from minesales_desktop.sync.protocol import (  # noqa: E402
    compress,
    decompress,
    derived_op_id,
    dumps,
    parse_push,
)
from minesales_desktop.sync.server.auth import add_user  # noqa: E402
from minesales_desktop.sync.server.rawsql import _values_clause, multi_row_inserts  # noqa: E402
from minesales_desktop.sync.server.scopes import Viewer, load_viewers  # noqa: E402
from minesales_desktop.sync.server.store import Store  # noqa: E402
from minesales_desktop.sync.tables import LOCAL_FIELDS  # noqa: E402

BATCH = 500
LOCAL = LOCAL_FIELDS["customers"]


def new_server(work: Path) -> tuple[Store, Viewer, Path]:
    db = work / "server.db"
    store = Store(f"sqlite:///{db}", background_checkpoints=True)
    store.prepare()
    add_user(store, sb.LOGIN, "李强", "REP", sb.PASSWORD, "华北钢厂组")
    with store.reader.connect() as conn:
        viewer = next(v for v in load_viewers(conn).values() if v.role == "REP")
    return store, viewer, db


def add_ops(n: int, owner: str) -> list[dict[str, Any]]:
    customers, contacts = sb.make_records(n, 1, owner)
    stamp = hlc.pack(hlc.wall_ms())
    ops: list[dict[str, Any]] = []
    for pair in zip(customers, contacts, strict=True):
        for tbl, row in zip(("customers", "contacts"), pair, strict=True):
            values = {k: v for k, v in row.items() if k != "id" and k not in LOCAL}
            ops.append({"t": tbl, "r": row["id"], "f": "*", "v": values, "h": stamp, "b": 0})
            stamp += 1
    return ops


def insert_rows(con: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """As the server writes several rows (``RawSql.many``): multi-row INSERTs."""
    values = _values_clause(sql)
    assert values is not None
    limit = con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    for statement, params in multi_row_inserts(sql, values, rows, limit):
        con.execute(statement, params)


def sqlite_alone(work: Path, n: int) -> dict[str, float]:
    """The adds' statements only, values prepared beforehand; seconds per statement kind."""
    store, viewer, db = new_server(work)
    store.dispose()
    ops = add_ops(n, viewer.user_id)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA cache_size=-8192")
    con.execute("PRAGMA wal_autocheckpoint=0")  # as served: checkpoints are off the commit
    seq = int(con.execute("SELECT coalesce(max(seq), 0) + 1 FROM sync_log").fetchone()[0])
    spent = dict.fromkeys(("rows", "log", "op ids", "commit"), 0.0)
    for start in range(0, len(ops), BATCH):
        batch = ops[start : start + BATCH]
        by_table: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        for op in batch:
            cols = ("id", *op["v"])
            by_table.setdefault((op["t"], cols), []).append((op["r"], *op["v"].values()))
        log = []
        for op in batch:
            log.append((seq, op["t"], op["r"], "*", None, op["h"], "n1", viewer.user_id))
            seq += 1
        op_ids = [(derived_op_id(op["t"], op["r"], op["h"]), f"b{start}") for op in batch]
        con.execute("BEGIN IMMEDIATE")
        t0 = time.perf_counter()
        for (tbl, cols), rows in by_table.items():
            marks = ", ".join("?" for _ in cols)
            insert_rows(con, f"INSERT INTO {tbl} ({', '.join(cols)}) VALUES ({marks})", rows)
        t1 = time.perf_counter()
        insert_rows(
            con,
            "INSERT INTO sync_log (seq, tbl, row_id, field, value, hlc, node_id, user_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            log,
        )
        t2 = time.perf_counter()
        insert_rows(con, "INSERT INTO sync_ops (op_id, batch_id) VALUES (?, ?)", op_ids)
        t3 = time.perf_counter()
        con.execute("COMMIT")
        t4 = time.perf_counter()
        spent["rows"] += t1 - t0
        spent["log"] += t2 - t1
        spent["op ids"] += t3 - t2
        spent["commit"] += t4 - t3
    con.close()
    return spent


def store_push(work: Path, n: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(cpu, wall) of the adds and of the updates through parse_push + Store.push."""
    store, viewer, _db = new_server(work)
    schema = head_revision()

    def bodies(ops: list[dict[str, Any]]) -> list[bytes]:
        return [
            compress(
                dumps({"node": "n1", "schema": schema, "batch": uuid.uuid4().hex,
                       "ops": ops[i : i + BATCH]}),
                "zstd",
            )
            for i in range(0, len(ops), BATCH)
        ]  # fmt: skip

    def run(prepared: list[bytes]) -> tuple[float, float]:
        cpu, wall = time.process_time(), time.perf_counter()
        for body in prepared:
            store.push(viewer, parse_push(decompress(body, "zstd")))
        return time.process_time() - cpu, time.perf_counter() - wall

    try:
        ops = add_ops(n, viewer.user_id)
        adds = run(bodies(ops))
        with store.reader.connect() as conn:
            head = int(conn.exec_driver_sql("SELECT max(seq) FROM sync_log").scalar_one())
        stamp = max(op["h"] for op in ops) + 1
        updates = []
        for op in ops[::2]:  # the customers
            updates.append({
                "i": f"{stamp:016x}{secrets.token_hex(6)}", "t": "customers", "r": op["r"],
                "f": "address", "v": f"{op['v']['address']} 2号楼", "h": stamp, "b": head,
            })  # fmt: skip
            stamp += 1
        return adds, run(bodies(updates))
    finally:
        store.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000, help="customers (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is shown (3)")
    args = parser.parse_args()
    n = args.records
    alone: list[dict[str, float]] = []
    pushed: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for _ in range(args.repeat):
        for collect, fn in ((alone, sqlite_alone), (pushed, store_push)):
            work = Path(tempfile.mkdtemp(prefix="minesales-sync-floor-"))
            try:
                collect.append(fn(work, n))  # type: ignore[arg-type]
            finally:
                shutil.rmtree(work, ignore_errors=True)
    batches = -(-2 * n // BATCH)
    best = min(alone, key=lambda d: sum(d.values()))
    print(f"Server push floor, {n:,} customers + contacts ({2 * n:,} ops, {batches} batches of"
          f" ≤{BATCH}); best of {args.repeat}")  # fmt: skip
    print()
    print("| what | adds | per batch | updates |")
    print("|---|---|---|---|")
    parts = ", ".join(f"{k} {v * 1000 / batches:.1f} ms" for k, v in best.items())
    total = sum(best.values())
    print(f"| SQLite alone (wall) | {total:.2f} s | {total * 1000 / batches:.1f} ms: {parts} | – |")
    adds_cpu = min(p[0][0] for p in pushed)
    adds_wall = min(p[0][1] for p in pushed)
    upd_cpu = min(p[1][0] for p in pushed)
    upd_wall = min(p[1][1] for p in pushed)
    print(f"| Store.push in process (wall) | {adds_wall:.2f} s |"
          f" {adds_wall * 1000 / batches:.1f} ms | {upd_wall:.2f} s |")  # fmt: skip
    print(f"| Store.push in process (CPU) | {adds_cpu:.2f} s |"
          f" {adds_cpu * 1000 / batches:.1f} ms | {upd_cpu:.2f} s |")  # fmt: skip
    print()
    print("End to end (HTTP, client, proxy) and the Anki comparison: bench/sync_bench.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
