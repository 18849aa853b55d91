"""Customer search on the 100 000-customer demo database: prints milliseconds per query.

    .venv/bin/python bench/search_bench.py [--db PATH] [--customers N] [--repeat R]

Builds the demo database first if PATH does not exist (``minesales demo-data`` with seed 1).
Goal (DESIGN.md §7): under 50 ms for a page of results with its total count, both for a name
fragment and for pinyin initials. Figures, not pass/fail: timing lives here, not in the tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.db.migrate import open_database
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers

QUERIES = [
    ("name fragment (2 CJK chars)", "钢铁"),
    ("name fragment (3 CJK chars)", "有色金"),
    ("name fragment (4 CJK chars)", "矿业有限"),
    ("pinyin initials (2)", "bg"),
    ("pinyin initials (4)", "hbgt"),
    ("full pinyin", "gangtie"),
    ("customer code", "C012345"),
    ("phone fragment", "1380"),
    ("no match", "zzzzqqq"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("/tmp/minesales-bench-100k.db"))
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} with {args.customers} customers …", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "minesales_desktop", "demo-data", "--db", str(args.db),
             "--customers", str(args.customers), "--seed", "1"],
            check=True,
        )  # fmt: skip
        print(f"built in {time.perf_counter() - started:.1f} s")
    engine = open_database(args.db)
    factory = make_session_factory(engine)
    with factory() as session:
        total = customers.search(session, "", PageRequest(limit=1)).total
        print(f"{total} customers in {args.db}")
        print(f"{'query':<32} {'text':<10} {'matches':>8} {'median ms':>10} {'max ms':>8}")
        for label, query in QUERIES:
            times = []
            page = None
            for _ in range(args.repeat):
                started = time.perf_counter()
                page = customers.search(session, query, PageRequest(limit=50, sort="name_pinyin"))
                times.append((time.perf_counter() - started) * 1000)
            assert page is not None
            print(
                f"{label:<32} {query:<10} {page.total:>8} {statistics.median(times):>10.1f}"
                f" {max(times):>8.1f}"
            )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
