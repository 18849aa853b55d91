"""The composition root of the desktop app: open the database, sign in, show the window.

The ``AppController`` owns what lives longer than one window: the engine and its single database
worker. Opening another database, restoring a backup or switching language closes the window and
builds a new one, so no screen ever holds state from a database that is gone.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from minesales_desktop import APP_NAME, APP_NAME_ZH, __version__
from minesales_desktop.db.backup import restore_file
from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.db.migrate import MigrationError, open_database
from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import User
from minesales_desktop.paths import AppPaths, app_paths
from minesales_desktop.services.auth import Actor, actor_for
from minesales_desktop.settings import LANGUAGE, LAST_DATABASE, LAST_LOGIN, Settings

log = logging.getLogger(__name__)
STARTED = time.perf_counter()


def _has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def _first_admin(session: Session) -> Actor | None:
    user = session.scalar(
        select(User)
        .where(User.role == Role.ADMIN, User.active.is_(True), User.is_deleted.is_(False))
        .order_by(User.created_at)
        .limit(1)
    )
    return actor_for(user) if user is not None else None


def _not_openable(path: Path) -> str:
    """Why ``path`` cannot be opened as a MineSales database ('' if it can, or is new)."""
    if not path.exists() or path.stat().st_size == 0:
        return ""
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return f"{path} is not a MineSales database (not an SQLite file)."
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        return f"{path} is not a MineSales database ({exc})."
    return ""


class AppController:
    def __init__(self, app: object, paths: AppPaths, settings: Settings, language: str) -> None:
        from PySide6.QtWidgets import QApplication

        assert isinstance(app, QApplication)
        self.app = app
        self.paths = paths
        self.settings = settings
        self.language = language
        self.engine: Engine | None = None
        self.tasks: object | None = None
        self.window: object | None = None
        self.db_path: Path | None = None
        self.actor: Actor | None = None
        self.errors: list[str] = []

    # --- database ----------------------------------------------------------------------------
    def open(self, db_path: Path, *, actor: Actor | None = None, smoke: bool = False) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from minesales_desktop.tasks import TaskManager

        self.close_database()
        try:
            engine = open_database(db_path)
        except MigrationError as exc:
            log.error("cannot open %s: %s", db_path, exc)
            self.errors.append(str(exc))
            if not smoke:
                QMessageBox.critical(None, APP_NAME_ZH, str(exc))
            return False
        self.engine = engine
        self.db_path = db_path
        factory = make_session_factory(engine)
        self.tasks = TaskManager(factory)
        self.settings.set(LAST_DATABASE, str(db_path))
        with factory() as session:  # before any window exists: no GUI to stall
            has_users = _has_users(session)
            admin = _first_admin(session) if smoke else None
        if smoke:
            if not has_users:
                from minesales_desktop.ids import new_id
                from minesales_desktop.services.people import bootstrap_admin

                with factory() as session:
                    bootstrap_admin(session, "admin", "Administrator", new_id())
                    session.commit()
                    admin = _first_admin(session)
            self.actor = actor or admin
            return self.actor is not None
        if not has_users and not self._first_run():
            return False
        self.actor = actor or self._sign_in()
        return self.actor is not None

    def _first_run(self) -> bool:
        from minesales_desktop.tasks import TaskManager
        from minesales_desktop.ui.dialogs.login import FirstRunDialog

        assert isinstance(self.tasks, TaskManager)
        dialog = FirstRunDialog(self.tasks)
        if not dialog.exec():
            return False
        self.settings.set(LAST_LOGIN, dialog.created_login)
        return True

    def _sign_in(self) -> Actor | None:
        from minesales_desktop.tasks import TaskManager
        from minesales_desktop.ui.dialogs.login import LoginDialog

        assert isinstance(self.tasks, TaskManager)
        dialog = LoginDialog(self.tasks, str(self.db_path), self.settings.get(LAST_LOGIN))
        if not dialog.exec() or dialog.actor is None:
            return None
        self.settings.set(LAST_LOGIN, dialog.actor.login)
        return dialog.actor

    def close_database(self) -> None:
        from minesales_desktop.tasks import TaskManager

        self.close_window()
        if isinstance(self.tasks, TaskManager):
            self.tasks.shutdown()
        self.tasks = None
        if self.engine is not None:
            self.engine.dispose()
        self.engine = None

    # --- window ---------------------------------------------------------------------------------
    def show_window(self, *, remind: bool = False) -> object:
        from minesales_desktop.tasks import TaskManager
        from minesales_desktop.ui.context import AppContext
        from minesales_desktop.ui.main_window import MainWindow

        assert isinstance(self.tasks, TaskManager) and self.actor and self.db_path
        ctx = AppContext(
            tasks=self.tasks,
            actor=self.actor,
            settings=self.settings,
            paths=self.paths,
            db_path=self.db_path,
            language=self.language,
        )
        window = MainWindow(ctx)
        window.new_database_requested.connect(self._switch_database)
        window.open_database_requested.connect(self._switch_database)
        window.restore_requested.connect(self._restore)
        window.language_changed.connect(self._change_language)
        window.sign_out_requested.connect(self._sign_out)
        window.show()
        self.window = window
        if remind:
            self._remind(window)
        return window

    def _remind(self, window: object) -> None:
        """Start-up reminder of overdue and due-today follow-ups (only when there are any)."""
        from minesales_desktop.ui.dialogs.reminders import FollowUpReminderDialog
        from minesales_desktop.ui.main_window import MainWindow
        from minesales_desktop.ui.tabs.customers_tab import CustomersTab

        assert isinstance(window, MainWindow)
        tab = window.page_of(CustomersTab)
        assert isinstance(tab, CustomersTab)
        dialog = FollowUpReminderDialog.show_if_due(window.ctx, window)

        def open_customer(customer_id: str) -> None:
            window.tabs.setCurrentWidget(tab)
            tab.show_customer(customer_id)

        def log_visit(item: object) -> None:
            window.tabs.setCurrentWidget(tab)
            tab._log_for_item(item)  # type: ignore[arg-type]

        dialog.customer_requested.connect(open_customer)
        dialog.log_requested.connect(log_visit)

    def _stop_sync(self) -> None:
        """A background sync has its own connection to the file: end it before the file is
        replaced (restore) or closed."""
        from minesales_desktop.ui.main_window import MainWindow

        if isinstance(self.window, MainWindow):
            self.window.sync._life.shutdown(30.0)

    def close_window(self) -> None:
        from minesales_desktop.ui.main_window import MainWindow

        if isinstance(self.window, MainWindow):
            self.window.save_state()
            self.window.hide()
            self.window.deleteLater()
        self.window = None

    def _switch_database(self, path: Path) -> None:
        """Open another database; if it cannot be opened (or sign-in is cancelled), go back to
        the one that was open rather than leave the user with no window."""
        from PySide6.QtWidgets import QMessageBox

        problem = _not_openable(path)
        if problem:
            QMessageBox.warning(None, APP_NAME_ZH, problem)
            return
        previous, actor = self.db_path, self.actor
        if self.open(path):
            self.show_window(remind=True)
        elif previous is not None and self.open(previous, actor=actor):
            self.show_window()
        else:
            self.app.quit()

    def _restore(self, backup: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert self.db_path is not None
        db_path, actor = self.db_path, self.actor
        self._stop_sync()
        self.close_database()
        try:
            saved = restore_file(backup, db_path)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(None, APP_NAME_ZH, str(exc))
            saved = None
        if self.open(db_path):
            self.show_window()
            if saved is not None:
                QMessageBox.information(None, APP_NAME_ZH, f"{backup} → {db_path}\n{saved}")
        else:
            self.app.quit()
        del actor

    def _change_language(self, language: str) -> None:
        from minesales_desktop.i18n import install_language

        self.language = install_language(self.app, language)
        self.settings.set(LANGUAGE, self.language)
        self.close_window()
        self.show_window()

    def _sign_out(self) -> None:
        self.close_window()
        self.actor = self._sign_in()
        if self.actor is None:
            self.app.quit()
        else:
            self.show_window(remind=True)


def smoke_test(controller: AppController, db_path: Path, screenshots: Path | None) -> int:
    """Open every tab, wait for its data, optionally save screenshots; 0 if nothing failed."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    from minesales_desktop.tasks import TaskManager
    from minesales_desktop.ui.main_window import MainWindow

    if not controller.open(db_path, smoke=True):
        print(f"smoke test: cannot open {db_path}: {controller.errors}", file=sys.stderr)
        return 1
    window = controller.show_window()
    assert isinstance(window, MainWindow) and isinstance(controller.tasks, TaskManager)
    tasks = controller.tasks
    tasks.error.connect(controller.errors.append)

    def settle(limit_ms: int = 60_000) -> None:
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < limit_ms:
            QCoreApplication.processEvents()
            if tasks.idle():
                QCoreApplication.processEvents()
                if tasks.idle():
                    return
            time.sleep(0.005)

    settle()
    usable_ms = (time.perf_counter() - STARTED) * 1000
    print(f"window usable after {usable_ms:.0f} ms")
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.page(index)
        settle()
        name = type(page).__name__.removesuffix("Tab").lower()
        print(f"tab {index + 1} {name}: ok")
        if screenshots is not None:
            window.grab().save(str(screenshots / f"{index + 1}-{name}-{controller.language}.png"))
    controller.close_database()
    if controller.errors:
        print("smoke test failed:\n" + "\n".join(controller.errors), file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


def run_gui(args: argparse.Namespace) -> int:
    if args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from minesales_desktop.i18n import install_language
    from minesales_desktop.logging_setup import (
        enable_crash_log,
        install_excepthook,
        route_qt_messages,
        setup_logging,
    )

    paths = app_paths(portable=args.portable).ensure()
    setup_logging(paths.log_dir)
    enable_crash_log(paths.crash_log)
    log.info("%s %s starting (portable=%s)", APP_NAME, __version__, paths.portable)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME_ZH)
    app.setApplicationVersion(__version__)
    route_qt_messages()
    settings = Settings(paths.settings_file)
    language = install_language(app, args.lang or settings.language)
    if args.lang:
        settings.set(LANGUAGE, language)
    controller = AppController(app, paths, settings, language)

    def show_error(text: str) -> None:
        controller.errors.append(text.strip().splitlines()[-1])
        if not args.smoke_test:
            QMessageBox.critical(
                None,
                APP_NAME_ZH,
                QApplication.translate(
                    "App", "Something went wrong; the details are in the log file."
                )
                + "\n\n"
                + text.strip().splitlines()[-1],
            )

    install_excepthook(show_error)
    db_path = args.db or Path(settings.get(LAST_DATABASE) or paths.default_database)
    if args.smoke_test:
        return smoke_test(controller, Path(db_path), args.screenshots)
    if not controller.open(Path(db_path)):
        return 1
    controller.show_window(remind=True)
    code = app.exec()
    controller.close_database()
    return int(code)
