"""How long printing takes on the 100 000-customer demo database (DESIGN §7; never pass/fail).

Prints the time for the whole department's quarterly appraisal sheets (goal < 10 s) — once as
one combined PDF, once as one PDF per person — and for one yearly sales report (goal < 15 s).
The demo database is copied first: the bench never writes to it.

    .venv/bin/python bench/appraisal_bench.py [--db /tmp/demo100k.db] [--quarter 2026Q3]
                                              [--year 2026] [--lang zh_CN]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from minesales_desktop.db.engine import make_engine, make_session_factory
from minesales_desktop.documents.batch import (
    AppraisalBatchArgs,
    ReportArgs,
    run_appraisal_batch,
    run_sales_report,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=Path("/tmp/demo100k.db"))
    parser.add_argument("--quarter", default="2026Q3")
    parser.add_argument("--year", default="2026")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    if not args.db.is_file():
        print(f"No demo database at {args.db} (make one: minesales demo-data --customers 100000)")
        return 2
    with tempfile.TemporaryDirectory(prefix="minesales-bench-") as folder:
        work = Path(folder)
        copy = work / "demo.db"
        shutil.copyfile(args.db, copy)
        engine = make_engine(copy)
        factory = make_session_factory(engine)
        company = "华北矿业集团有限公司"
        try:
            with factory() as session:  # warm up: imports, font registration, page cache
                run_appraisal_batch(
                    AppraisalBatchArgs(args.quarter, work / "warm.pdf", args.lang,
                                       team_name=None, everyone=True, company=company),
                    session=session,
                )  # fmt: skip
            for label, out in (
                ("combined PDF", work / "dept.pdf"),
                ("one PDF each", work / "each"),
            ):
                with factory() as session:
                    started = time.perf_counter()
                    result = run_appraisal_batch(
                        AppraisalBatchArgs(
                            args.quarter, out, args.lang, everyone=True, company=company
                        ),
                        session=session,
                    )
                    elapsed = time.perf_counter() - started
                print(
                    f"department quarterly sheets {args.quarter} ({label}): {result.sheets} "
                    f"sheets, {len(result.files)} file(s) in {elapsed:.2f} s (goal < 10 s)"
                )
            with factory() as session:
                started = time.perf_counter()
                run_sales_report(
                    ReportArgs(args.year, work / "report.pdf", args.lang, company=company),
                    session=session,
                )
                elapsed = time.perf_counter() - started
            size = (work / "report.pdf").stat().st_size // 1024
            print(f"yearly sales report {args.year}: {elapsed:.2f} s, {size} KB (goal < 15 s)")
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
