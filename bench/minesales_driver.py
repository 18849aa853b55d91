"""Runs a MineSales laptop's sync client for ``bench/sync_bench.py``, in a process of its own.

The bench starts it as a subprocess (like ``anki_driver.py`` for Anki) so that the client's
process holds nothing but the client: no bench records, no proxy threads. JSON lines: one
command per line on stdin, one answer per line on stdout.

    {"cmd": "open", "db": PATH, "url": URL, "login": L, "password": P}
    {"cmd": "sync"}        one ``SyncClient.sync()``, timed: {"seconds", "report": {...}}
    {"cmd": "pending"}     {"pending": number of ops in the outbox}
    {"cmd": "quit"}

The bench writes the laptop's records into the same database file itself (not timed).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from typing import Any

from minesales_desktop.db.engine import make_engine
from minesales_desktop.sync.client import Credentials, RetryPolicy, SyncClient


def main() -> int:
    client: SyncClient | None = None
    for line in sys.stdin:
        msg: dict[str, Any] = json.loads(line)
        cmd = msg["cmd"]
        answer: dict[str, Any] = {"ok": True}
        try:
            if cmd == "open":
                engine = make_engine(msg["db"])
                retry = RetryPolicy(attempts=6, first_delay=0.05, max_delay=0.5, timeout=120)
                credentials = Credentials(msg["login"], msg["password"])
                client = SyncClient(engine, msg["url"], credentials, retry=retry)
            elif cmd == "sync":
                assert client is not None
                started = time.perf_counter()
                report = client.sync()
                answer["seconds"] = time.perf_counter() - started
                answer["report"] = {
                    f.name: getattr(report, f.name)
                    for f in dataclasses.fields(report)
                    if f.name != "outcomes"
                }
            elif cmd == "pending":
                assert client is not None
                answer["pending"] = client.pending_count()
            elif cmd == "quit":
                if client is not None:
                    client.close()
                print(json.dumps(answer), flush=True)
                return 0
            else:
                raise ValueError(f"unknown command {cmd!r}")
        except Exception as exc:  # noqa: BLE001 - reported to the bench, which stops
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
