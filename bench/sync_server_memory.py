"""Sync server memory while it serves many laptops at once (DESIGN §8: < 300 MB for 50 clients).

    .venv/bin/python bench/sync_server_memory.py [--clients 50] [--records 200] [--rounds 2]

One `minesales serve` process on a SQLite file on 127.0.0.1 with one REP account per laptop.
Every laptop (a fresh laptop database each) first syncs empty, then inserts --records customers
with a contact each and syncs; all laptops sync at the same time (one thread each, in this
process), --rounds times, the later rounds with a one-field edit of every customer. Meanwhile
the server's resident memory is read from /proc every 50 ms. Prints the server's RSS after
start, its peak (VmHWM) and its RSS at the end, with the time each round took. A benchmark:
figures, not pass/fail; not in CI. Everything it makes is removed at the end.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sync_bench as sb  # noqa: E402 - the bench's server, records and process helpers

from minesales_desktop.db.engine import make_engine  # noqa: E402
from minesales_desktop.db.migrate import open_database  # noqa: E402
from minesales_desktop.sync.client import Credentials, RetryPolicy, SyncClient  # noqa: E402
from minesales_desktop.sync.server.auth import add_user  # noqa: E402
from minesales_desktop.sync.server.store import Store  # noqa: E402


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--records", type=int, default=200, help="customers per laptop")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="minesales-sync-memory-"))
    procs = sb.Processes()
    try:
        server_db = work / "server.db"
        store = Store(f"sqlite:///{server_db}")
        store.prepare()
        logins = [f"rep{i:02d}" for i in range(args.clients)]
        for login in logins:
            add_user(store, login, f"销售{login}", "REP", sb.PASSWORD, team="华北钢厂组")
        store.dispose()
        template = work / "laptop-template.db"
        open_database(template).dispose()
        server = sb.MineSalesServer(procs, server_db, work / "server.log")
        pid = server.proc.pid
        url = f"http://127.0.0.1:{server.port}"
        start_rss = rss_kb(pid)
        laptops = []
        for login in logins:
            path = work / f"{login}.db"
            shutil.copyfile(template, path)
            engine = make_engine(path)
            retry = RetryPolicy(attempts=8, first_delay=0.1, max_delay=1.0, timeout=120)
            client = SyncClient(engine, url, Credentials(login, sb.PASSWORD), retry=retry)
            laptops.append((login, engine, client))
        peak = [start_rss]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], rss_kb(pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(lambda lap: lap[2].sync(), laptops))  # sign in, first pull
            for n, (_login, engine, client) in enumerate(laptops):
                customers, contacts = sb.make_records(args.records, 100 + n, client.user_id or "")
                for c in customers:
                    c["code"] = f"M{n:02d}-{c['code']}"
                sb.insert_records(engine, customers, contacts)
            for rnd in range(args.rounds):
                if rnd:
                    for _login, engine, _client in laptops:
                        with engine.begin() as conn:
                            conn.execute(text(f"UPDATE customers SET notes = 'round {rnd}'"))
                started = time.perf_counter()
                reports = list(pool.map(lambda lap: lap[2].sync(), laptops))
                took = time.perf_counter() - started
                pushed = sum(r.pushed for r in reports)
                print(
                    f"round {rnd + 1}: {args.clients} laptops synced at once, {pushed:,} ops"
                    f" pushed in {took:.1f} s; server RSS now {rss_kb(pid) / 1024:.0f} MB",
                    flush=True,
                )
        done.set()
        watcher.join()
        end_rss = rss_kb(pid)
        hwm = rss_kb(pid, "VmHWM")
        print(
            f"sync server memory, {args.clients} clients: after start {start_rss / 1024:.0f} MB,"
            f" peak {max(peak[0], hwm) / 1024:.0f} MB (VmHWM), at the end {end_rss / 1024:.0f} MB"
        )
        for _login, engine, client in laptops:
            client.close()
            engine.dispose()
    finally:
        procs.stop_all()
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
