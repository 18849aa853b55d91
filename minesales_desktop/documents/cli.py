"""``minesales appraisal-pdf`` and ``minesales report``: the printed documents from a script.

``register(subparsers)`` adds both commands to the main ``minesales`` parser, each with
``func=`` set to a handler that returns the exit status. A user error (no such database, rep or
team; a period that is not one; no Chinese font) prints one sentence on stderr and returns 2 —
never a traceback — and no half-written PDF is left behind.

Run on its own (``python -m minesales_desktop.documents.cli …``) it behaves the same, which is
how the tests drive it as a real process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_USAGE = 2

__all__ = ["cmd_appraisal_pdf", "cmd_report", "main", "register"]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, type=Path, help="path of the SQLite database")
    parser.add_argument(
        "--period", required=True, help="a month 2026-10, a quarter 2026Q3 or a year 2026"
    )
    # SUPPRESS: keep a --lang given before the command (minesales --lang en report …).
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default=argparse.SUPPRESS,
        help="language of the document (default zh_CN)",
    )
    parser.add_argument("--out", required=True, type=Path, help="the PDF file (or folder)")
    parser.add_argument("--company", default="", help="company name printed on the document")


def register(subparsers: Any) -> None:
    """Add ``appraisal-pdf`` and ``report`` to ``minesales``' sub-command parsers."""
    p = subparsers.add_parser(
        "appraisal-pdf",
        help="print appraisal sheets (销售人员绩效考核表) as PDF",
        description="Print appraisal sheets. --out ending in .pdf: one PDF (a team or everyone "
        "combined, each sheet with its own page numbers); otherwise a folder that gets one "
        "PDF per person.",
    )
    _common(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--rep", metavar="LOGIN", help="one person, by login")
    who.add_argument("--team", metavar="NAME", help="every rep and manager of a team")
    who.add_argument("--all", action="store_true", help="the whole department")
    p.set_defaults(func=cmd_appraisal_pdf)

    p = subparsers.add_parser(
        "report", help="print the monthly / quarterly / yearly sales report as PDF"
    )
    _common(p)
    p.add_argument("--team", metavar="NAME", help="one team only (default: the department)")
    p.set_defaults(func=cmd_report)


class _UserError(Exception):
    """One sentence for the user; exit status 2."""


def _stderr_progress() -> Callable[[int, int, str], None]:
    last = [0.0]

    def report(done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if now - last[0] > 0.5 or done == total:
            last[0] = now
            print(f"  [{done:>3}/{total}] {text}", file=sys.stderr, flush=True)

    return report


class _CliProgress:
    cancelled = False

    def __init__(self) -> None:
        self._print = _stderr_progress()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._print(done, total, text)


def _run(
    command: str, args: argparse.Namespace, work: Callable[[Any, str], list[Path]]
) -> int:  # fmt: skip
    """Open the database, run ``work(session, lang)``, turn every user error into one line."""
    from minesales_desktop.db.engine import make_session_factory
    from minesales_desktop.db.migrate import MigrationError, open_database
    from minesales_desktop.documents.fonts import CjkFontNotFound
    from minesales_desktop.messages import set_language
    from minesales_desktop.services.errors import ServiceError

    lang = getattr(args, "lang", None) or "zh_CN"
    set_language(lang)
    engine = None
    try:
        if not args.db.is_file():
            raise _UserError(f"No database at {args.db}.")
        try:
            engine = open_database(args.db)
        except MigrationError as exc:
            raise _UserError(str(exc)) from None
        with make_session_factory(engine)() as session:
            files = work(session, lang)
        for path in files:
            print(path)
        return EXIT_OK
    except (_UserError, CjkFontNotFound) as exc:
        message = str(exc)
    except ServiceError as exc:
        message = _service_message(exc)
    except OSError as exc:
        message = f"Cannot write {exc.filename or args.out}: {exc.strerror or exc}."
    except KeyboardInterrupt:
        message = "Interrupted; no PDF was left half-written."
    finally:
        if engine is not None:
            engine.dispose()
    print(f"minesales {command}: {message}", file=sys.stderr)
    return EXIT_USAGE


def _service_message(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if isinstance(errors, dict) and errors:
        return " ".join(str(v) for v in errors.values())
    return str(exc)


def cmd_appraisal_pdf(args: argparse.Namespace) -> int:
    """``minesales appraisal-pdf``: exit 0 and the written paths on stdout, or 2 and a sentence."""

    def work(session: Any, lang: str) -> list[Path]:
        from sqlalchemy import select

        from minesales_desktop.documents.batch import AppraisalBatchArgs, run_appraisal_batch
        from minesales_desktop.models.people import User

        user_ids: tuple[str, ...] = ()
        if args.rep:
            uid = session.scalar(
                select(User.id).where(User.login == args.rep, User.is_deleted.is_(False))
            )
            if uid is None:
                raise _UserError(f"There is no user with the login “{args.rep}”.")
            user_ids = (uid,)
        batch = AppraisalBatchArgs(
            period=args.period,
            out=args.out,
            lang=lang,
            user_ids=user_ids,
            team_name=args.team,
            everyone=bool(args.all),
            company=args.company,
        )
        if not batch.combined and args.out.exists() and not args.out.is_dir():
            raise _UserError(f"{args.out} is a file; give a folder or a name ending in .pdf.")
        result = run_appraisal_batch(batch, _CliProgress(), session=session)
        return list(result.files)

    return _run("appraisal-pdf", args, work)


def cmd_report(args: argparse.Namespace) -> int:
    """``minesales report``: one PDF; exit 0, or 2 and a sentence."""

    def work(session: Any, lang: str) -> list[Path]:
        from minesales_desktop.documents.batch import ReportArgs, run_sales_report

        if args.out.suffix.lower() != ".pdf":
            raise _UserError(f"--out {args.out} should be a file name ending in .pdf.")
        result = run_sales_report(
            ReportArgs(
                period=args.period,
                out=args.out,
                lang=lang,
                team_name=args.team,
                company=args.company,
            ),
            _CliProgress(),
            session=session,
        )
        return list(result.files)

    return _run("report", args, work)


def main(argv: Sequence[str] | None = None) -> int:
    """The two commands on their own (tests; until ``minesales`` wires ``register``)."""
    parser = argparse.ArgumentParser(prog="minesales")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
