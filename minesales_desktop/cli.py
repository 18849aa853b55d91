"""The ``minesales`` command: the desktop app and the subcommands IT and power users script.

Every subcommand prints one readable sentence on stderr and exits with status 2 when the user
gave something wrong (a missing file, a damaged backup, invalid input) — never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from minesales_desktop import APP_NAME, __version__
from minesales_desktop.messages import set_language

EXIT_OK = 0
EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report to the user in one sentence (exit status 2)."""


def _db_arg(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", required=required, type=Path, help="path of the SQLite database")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minesales",
        description=f"{APP_NAME} {__version__} — offline CRM for mining sales (矿业销售管理)."
        " Without a COMMAND it opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=["zh_CN", "en"], default=None, help="language of labels and messages"
    )
    parser.add_argument("--db", type=Path, help="open the app on this database file")
    parser.add_argument(
        "--portable", action="store_true", help="keep data and settings beside the executable"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open every tab offscreen (a new database unless --db), exit 0 if all is well",
    )
    parser.add_argument("--screenshots", type=Path, help="with --smoke-test: save tab images here")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("migrate", help="back up the database, then upgrade it to this version")
    _db_arg(p)

    p = sub.add_parser("backup", help="copy the database consistently (safe while it is open)")
    _db_arg(p)
    p.add_argument("--to", type=Path, help="backup file (default: backups/ beside the database)")

    p = sub.add_parser(
        "restore", help="replace the database with a backup (the app must be closed)"
    )
    _db_arg(p)
    p.add_argument("--from", dest="source", required=True, type=Path, help="the backup file")

    p = sub.add_parser("demo-data", help="build a realistic, reproducible demo department")
    _db_arg(p)
    p.add_argument("--customers", type=int, default=2000, help="number of customers (2000)")
    p.add_argument("--seed", type=int, default=1, help="random seed: same seed, same database")
    p.add_argument("--as-of", help="the demo's 'today' (YYYY-MM-DD; default fixed)")
    p.add_argument("--force", action="store_true", help="replace an existing database file")

    p = sub.add_parser("summary", help="print what the database holds")
    _db_arg(p)

    p = sub.add_parser("search", help="search customers by name, pinyin, code, USCC or phone")
    _db_arg(p)
    p.add_argument("query", help="e.g. 包钢, bg, baogang, C000123, 138…")
    p.add_argument("--limit", type=int, default=20)

    p = sub.add_parser("user", help="manage users of a local database")
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    q = user_sub.add_parser("list", help="list users")
    _db_arg(q)
    q = user_sub.add_parser("add", help="add a user (password from MINESALES_PASSWORD or a prompt)")
    _db_arg(q)
    q.add_argument("--login", required=True)
    q.add_argument("--name", required=True, help="full name, e.g. 张伟")
    q.add_argument("--role", required=True, choices=["REP", "MANAGER", "SERVICE", "ADMIN"])
    q.add_argument("--team", help="team name (reps and service staff)")
    q.add_argument("--admin", default="admin", help="login of the administrator doing this")
    q = user_sub.add_parser("passwd", help="set a user's password (MINESALES_PASSWORD or prompt)")
    _db_arg(q)
    q.add_argument("--login", required=True)

    from minesales_desktop.sync.cli import register as register_sync

    register_sync(sub)
    from minesales_desktop.documents.cli import register as register_documents

    register_documents(sub)

    sub.add_parser(
        "price",
        help="price a lot under price terms and print the breakdown",
        add_help=False,
        prefix_chars="\0",  # everything after 'price' belongs to the pricing CLI
    )
    return parser


# --- commands ---------------------------------------------------------------------------------
def _open(db: Path, *, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from minesales_desktop.db.migrate import MigrationError, open_database

    if must_exist and not db.exists():
        raise CliError(f"No database at {db}.")
    try:
        return open_database(db)
    except MigrationError as exc:
        raise CliError(str(exc)) from None


def cmd_migrate(args: argparse.Namespace) -> int:
    from minesales_desktop.db.migrate import current_revision

    existed = args.db.exists()
    engine = _open(args.db, must_exist=False)
    try:
        verb = "is at" if existed else "created at"
        print(f"{args.db} {verb} schema {current_revision(engine)}")
    finally:
        engine.dispose()
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from minesales_desktop.db.backup import backup_file, check_backup

    if not args.db.exists():
        raise CliError(f"No database at {args.db}.")
    try:
        check_backup(args.db)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    target = backup_file(args.db, args.to)
    print(f"Backed up {args.db} to {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from minesales_desktop.db.backup import restore_file

    try:
        saved = restore_file(args.source, args.db)
    except ValueError as exc:
        raise CliError(f"Nothing was changed: {exc}") from None
    print(f"Restored {args.db} from {args.source}")
    if saved is not None:
        print(f"The database it replaced was kept as {saved}")
    return EXIT_OK


def _progress_printer() -> Callable[[int, int, str], None]:
    last = [0.0]

    def report(done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if now - last[0] > 0.5 or done == total:
            last[0] = now
            print(f"  [{done:>3}/{total}] {what}", file=sys.stderr, flush=True)

    return report


def cmd_demo_data(args: argparse.Namespace) -> int:
    import datetime as dt

    from minesales_desktop.demo_data import DemoOptions, run

    if args.customers < 1:
        raise CliError("--customers must be at least 1.")
    if args.db.exists() and args.db.stat().st_size > 0:
        if not args.force:
            raise CliError(f"{args.db} already exists; use --force to replace it.")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    options = DemoOptions(customers=args.customers, seed=args.seed)
    if args.as_of:
        try:
            options = DemoOptions(
                customers=args.customers, seed=args.seed, as_of=dt.date.fromisoformat(args.as_of)
            )
        except ValueError:
            raise CliError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD).") from None
    engine = _open(args.db, must_exist=False)
    started = time.perf_counter()
    try:
        summary = run(engine, options, progress=_progress_printer())
    finally:
        engine.dispose()
    print(f"Demo database {args.db} built in {time.perf_counter() - started:.1f} s")
    print(summary.format())
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from minesales_desktop.db.engine import make_session_factory
    from minesales_desktop.demo_data import summarize

    engine = _open(args.db)
    try:
        with make_session_factory(engine)() as session:
            print(f"{APP_NAME} {__version__} — {args.db}")
            print(summarize(session).format())
    finally:
        engine.dispose()
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from minesales_desktop.db.engine import make_session_factory
    from minesales_desktop.services.crud import PageRequest
    from minesales_desktop.services.customers import customers

    engine = _open(args.db)
    try:
        with make_session_factory(engine)() as session:
            started = time.perf_counter()
            page = customers.search(session, args.query, PageRequest(limit=args.limit))
            elapsed = (time.perf_counter() - started) * 1000
            for c in page.items:
                print(
                    f"{c.code:<10} {c.name_zh}  [{c.customer_type.label()}, {c.province or ''}"
                    f" {c.city or ''}]  {c.owner_name}"
                )
            print(f"{page.total} match(es) in {elapsed:.1f} ms")
    finally:
        engine.dispose()
    return EXIT_OK


def _password_from_env_or_prompt(prompt: str) -> str:
    password = os.environ.get("MINESALES_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliError("Set MINESALES_PASSWORD or run in a terminal to be asked.")
        password = getpass.getpass(prompt)
    return password


def cmd_user(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from minesales_desktop.db.engine import make_session_factory, transaction
    from minesales_desktop.models.people import Team, User
    from minesales_desktop.services.auth import actor_for, set_password
    from minesales_desktop.services.people import users

    engine = _open(args.db)
    factory = make_session_factory(engine)
    try:
        if args.user_command == "list":
            with factory() as session:
                for u in session.scalars(
                    select(User).where(User.is_deleted.is_(False)).order_by(User.login)
                ):
                    team = session.get(Team, u.team_id) if u.team_id else None
                    state = "" if u.active else "  (disabled)"
                    print(
                        f"{u.login:<14} {u.full_name:<8} {u.role.label():<8} "
                        f"{team.name if team else ''}{state}"
                    )
            return EXIT_OK
        with transaction(factory) as session:
            if args.user_command == "add":
                admin = users.by_login(session, args.admin)
                if admin is None:
                    raise CliError(f"No user {args.admin!r} to act as administrator.")
                team_id = None
                if args.team:
                    team = session.scalar(select(Team).where(Team.name == args.team))
                    if team is None:
                        raise CliError(f"No team named {args.team!r}.")
                    team_id = team.id
                password = _password_from_env_or_prompt(f"Password for {args.login}: ")
                admin_row = session.get(User, admin.id)
                assert admin_row is not None
                created = users.create_with_password(
                    session,
                    actor_for(admin_row),
                    {"login": args.login, "full_name": args.name, "role": args.role,
                     "team_id": team_id},
                    password,
                )  # fmt: skip
                print(f"Added {created.login} ({created.role.label()})")
            else:
                target = users.by_login(session, args.login)
                if target is None:
                    raise CliError(f"No user {args.login!r}.")
                target_row = session.get(User, target.id)
                assert target_row is not None
                password = _password_from_env_or_prompt(f"New password for {args.login}: ")
                set_password(session, actor_for(target_row), target.id, password)
                print(f"Password of {args.login} changed")
    finally:
        engine.dispose()
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "migrate": cmd_migrate,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "demo-data": cmd_demo_data,
    "summary": cmd_summary,
    "search": cmd_search,
    "user": cmd_user,
}


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # ``price`` has its own parser (its options look like ours); hand it everything after it.
    if "price" in args_list:
        index = args_list.index("price")
        if all(a.startswith("--lang") or a in ("zh_CN", "en") for a in args_list[:index]):
            from minesales_desktop.pricing_cli import price_command

            forwarded = args_list[index + 1 :]
            before = args_list[:index]
            if "--lang" in before and before.index("--lang") + 1 < len(before):
                forwarded += ["--lang", before[before.index("--lang") + 1]]
            forwarded += [a for a in before if a.startswith("--lang=")]
            return price_command(forwarded)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.lang:
        set_language(args.lang)
    if args.command is None:
        from minesales_desktop.app import run_gui

        if args.smoke_test and args.db is None:
            import tempfile

            args.db = Path(tempfile.mkdtemp(prefix="minesales-smoke-")) / "smoke.db"
        return run_gui(args)
    from minesales_desktop.services.errors import ServiceError

    try:
        handler = COMMANDS.get(args.command) or args.func
        return int(handler(args))
    except (CliError, ServiceError) as exc:
        print(f"minesales {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
