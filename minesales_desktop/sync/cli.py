"""``minesales serve``, ``minesales server-user`` and ``minesales sync``.

``register(subparsers)`` adds the three subcommands to the main parser; each handler returns an
exit status: 0 done, 1 sync could not finish (server unreachable — try again later), 2 a user
error, reported in one sentence on stderr and never as a traceback. ``sync`` says it in the
language of ``--lang`` (English without it); its closing counts are always English, for scripts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from minesales_desktop.messages import translate

EXIT_OK = 0
EXIT_UNAVAILABLE = 1
EXIT_USAGE = 2
PASSWORD_ENV = "MINESALES_PASSWORD"


def _url(value: str) -> str:
    """A database URL, or a path to a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("serve", help="run the central sync server")
    p.add_argument("--db", required=True, help="database URL (postgresql+psycopg://…) or file")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tls-cert", type=Path, help="certificate file (PEM) to serve HTTPS")
    p.add_argument("--tls-key", type=Path, help="private key file (PEM) for --tls-cert")
    p.add_argument("--token-hours", type=float, default=12.0, help="sign-in lifetime (12)")
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser("server-user", help="manage accounts on the sync server")
    sub = p.add_subparsers(dest="server_user_command", metavar="ACTION", required=True)
    q = sub.add_parser("add", help=f"add an account (password from {PASSWORD_ENV} or a prompt)")
    q.add_argument("--db", required=True, help="server database URL or file")
    q.add_argument("--login", required=True)
    q.add_argument("--name", required=True, help="full name, e.g. 张伟")
    q.add_argument("--role", required=True, choices=["REP", "MANAGER", "SERVICE", "ADMIN"])
    q.add_argument("--team", help="team name (created if new)")
    q.set_defaults(func=cmd_server_user_add)
    q = sub.add_parser("disable", help="disable an account (its tokens stop working)")
    q.add_argument("--db", required=True)
    q.add_argument("--login", required=True)
    q.set_defaults(func=cmd_server_user_disable)
    q = sub.add_parser("passwd", help=f"set a password ({PASSWORD_ENV} or a prompt)")
    q.add_argument("--db", required=True)
    q.add_argument("--login", required=True)
    q.set_defaults(func=cmd_server_user_passwd)
    q = sub.add_parser("list", help="list accounts")
    q.add_argument("--db", required=True)
    q.set_defaults(func=cmd_server_user_list)

    p = subparsers.add_parser("sync", help="sync a local database with the server (headless)")
    p.add_argument("--db", required=True, type=Path, help="path of the local SQLite database")
    p.add_argument("--server", required=True, help="server URL, e.g. https://sync.example:8765")
    p.add_argument("--user", required=True, help="login on the server")
    p.add_argument("--cafile", help="CA certificate to trust for a self-signed server")
    # Also after the command (``minesales sync --lang zh_CN …``); SUPPRESS keeps a --lang given
    # before the command when this one is not given.
    p.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default=argparse.SUPPRESS,
        help="language of the messages (zh_CN or en; English without it)",
    )
    p.set_defaults(func=cmd_sync)


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    print(message, file=sys.stderr)
    return status


def _password(prompt: str) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise ValueError(
            translate("Sync", "No password: set {variable} or run in a terminal.").format(
                variable=PASSWORD_ENV
            )
        )
    return getpass.getpass(prompt)


def _speak(language: str | None) -> None:
    """Word what ``sync`` says in ``language`` (``--lang``). Without it the messages stay in
    English, like the other commands' messages that IT and scripts read."""
    if language is None or language == "en":
        return
    import subprocess

    from PySide6.QtCore import QTranslator

    from minesales_desktop.i18n import TRANSLATIONS_DIR, compile_translations
    from minesales_desktop.messages import set_language, set_translator

    try:
        compile_translations()  # a development checkout: a missing or stale .qm
    except (OSError, subprocess.CalledProcessError):
        pass  # the .qm that is there (a built app ships it) or none: English then
    translator = QTranslator()  # no QCoreApplication needed to look texts up
    if translator.load(str(TRANSLATIONS_DIR / f"minesales_{language}.qm")):
        set_translator(lambda context, text: translator.translate(context, text) or text)
    set_language(language)


def _store(db: str, *, serving: bool = False) -> Any:
    from minesales_desktop.db.migrate import MigrationError
    from minesales_desktop.sync.server.store import Store

    store = Store(_url(db), background_checkpoints=serving)
    try:
        store.prepare()
    except MigrationError as exc:
        store.dispose()
        raise ValueError(str(exc)) from None
    except Exception as exc:  # connection refused, bad URL, not a database …
        store.dispose()
        raise ValueError(f"Cannot open the server database {db}: {exc}") from None
    return store


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from minesales_desktop.sync.server.app import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        return _fail("--tls-cert and --tls-key go together.")
    for f in (args.tls_cert, args.tls_key):
        if f is not None and not f.exists():
            return _fail(f"No such file: {f}.")
    try:
        store = _store(args.db, serving=True)
    except ValueError as exc:
        return _fail(str(exc))
    app = create_app(store, token_ttl=dt.timedelta(hours=args.token_hours))
    scheme = "https" if args.tls_cert else "http"
    print(f"MineSales sync server on {scheme}://{args.host}:{args.port}", flush=True)
    # What start-up made lives as long as the server: keep it out of the garbage collector's
    # full passes (two of them cost ~0.25 s during a push of 10 000 customers).
    gc.collect()
    gc.freeze()
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="warning",
            ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
            ssl_keyfile=str(args.tls_key) if args.tls_key else None,
        )
    except OSError as exc:
        return _fail(f"Cannot serve on {args.host}:{args.port}: {exc}.")
    finally:
        store.dispose()
    return EXIT_OK


def cmd_server_user_add(args: argparse.Namespace) -> int:
    from minesales_desktop.sync.server.auth import UserAdminError, add_user

    try:
        password = _password(f"Password for {args.login}: ")
        store = _store(args.db)
    except ValueError as exc:
        return _fail(str(exc))
    try:
        add_user(store, args.login, args.name, args.role, password, args.team)
    except UserAdminError as exc:
        return _fail(str(exc))
    finally:
        store.dispose()
    print(f"added {args.login} ({args.role})")
    return EXIT_OK


def cmd_server_user_disable(args: argparse.Namespace) -> int:
    from minesales_desktop.sync.server.auth import UserAdminError, disable_user

    try:
        store = _store(args.db)
    except ValueError as exc:
        return _fail(str(exc))
    try:
        disable_user(store, args.login)
    except UserAdminError as exc:
        return _fail(str(exc))
    finally:
        store.dispose()
    print(f"disabled {args.login}")
    return EXIT_OK


def cmd_server_user_passwd(args: argparse.Namespace) -> int:
    from minesales_desktop.sync.server.auth import UserAdminError, set_user_password

    try:
        password = _password(f"New password for {args.login}: ")
        store = _store(args.db)
    except ValueError as exc:
        return _fail(str(exc))
    try:
        set_user_password(store, args.login, password)
    except UserAdminError as exc:
        return _fail(str(exc))
    finally:
        store.dispose()
    print(f"password of {args.login} changed")
    return EXIT_OK


def cmd_server_user_list(args: argparse.Namespace) -> int:
    from minesales_desktop.sync.server.auth import list_users

    try:
        store = _store(args.db)
    except ValueError as exc:
        return _fail(str(exc))
    try:
        for u in list_users(store):
            state = "active" if u.active else "disabled"
            print(f"{u.login}\t{u.full_name}\t{u.role}\t{u.team or '-'}\t{state}")
    finally:
        store.dispose()
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from minesales_desktop.db.migrate import MigrationError, open_database
    from minesales_desktop.sync.client import (
        Credentials,
        SyncClient,
        SyncError,
        SyncUnavailable,
    )

    _speak(getattr(args, "lang", None))
    if not args.db.exists():
        return _fail(translate("Sync", "No database at {path}.").format(path=args.db))
    if not args.server.startswith(("http://", "https://")):
        return _fail(
            translate(
                "Sync", "{server} is not a server address (http://HOST:PORT or https://…)."
            ).format(server=args.server)
        )
    try:
        prompt = translate("Sync", "Password for {user} on {server}: ")
        password = _password(prompt.format(user=args.user, server=args.server))
        engine = open_database(args.db)
    except (ValueError, MigrationError) as exc:
        return _fail(str(exc))
    try:
        with SyncClient(
            engine,
            args.server,
            Credentials(args.user, password),
            verify=args.cafile or True,
        ) as client:
            report = client.sync()
            conflicts = len(client.conflicts())
            rejected = len(client.rejected_changes())
            pending = client.pending_count()
    except SyncUnavailable as exc:
        return _fail(str(exc), EXIT_UNAVAILABLE)
    except SyncError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    print(
        f"pushed {report.pushed} (applied {report.applied}, merged {report.merged}, "
        f"conflicts {report.conflicts}, rejected {report.rejected}); pulled {report.pulled}; "
        f"{report.round_trips} round trips, {report.bytes_up} B up, {report.bytes_down} B down, "
        f"{report.seconds:.2f} s"
    )
    print(
        f"pending {pending}; open conflicts {conflicts} ({report.inbox} new);"
        f" rejected changes {rejected}"
    )
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m minesales_desktop.sync.cli serve …``) until and besides
    the wiring into ``minesales``."""
    parser = argparse.ArgumentParser(prog="minesales-sync")
    parser.add_argument(
        "--lang", choices=["zh_CN", "en"], default=None, help="language of sync messages"
    )
    register(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
