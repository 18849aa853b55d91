"""The whole app as a person meets it: first start, sign-in, the six tabs, menus, backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from minesales_desktop.app import AppController
from minesales_desktop.paths import app_paths
from minesales_desktop.settings import Settings
from minesales_desktop.ui.dialogs.login import FirstRunDialog, LoginDialog
from minesales_desktop.ui.main_window import MainWindow


@pytest.fixture
def controller(qapp, tmp_path: Path):
    paths = app_paths(base=tmp_path / "app").ensure()
    ctl = AppController(qapp, paths, Settings(paths.settings_file), "en")
    yield ctl
    ctl.close_database()


def _wait(qtbot, ctl: AppController) -> None:
    qtbot.waitUntil(lambda: ctl.tasks is not None and ctl.tasks.idle(), timeout=15_000)


def test_first_start_creates_admin_then_signs_in(qtbot, controller, tmp_path, monkeypatch):
    """A new database asks for an administrator; the password is then checked offline."""
    seen: list[str] = []

    def first_run_exec(dialog: FirstRunDialog) -> int:
        dialog.full_name.setText("系统管理员")
        dialog.password.setText("s3cret")
        dialog.repeat.setText("different")
        dialog.submit()
        seen.append(dialog.message.text())
        dialog.repeat.setText("s3cret")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        return 1

    def login_exec(dialog: LoginDialog) -> int:
        dialog.password.setText("wrong")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10_000)
        seen.append(dialog.message.text())
        dialog.password.setText("s3cret")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10_000)
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", first_run_exec)
    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    assert controller.open(tmp_path / "new.db")
    assert seen == ["The two passwords differ.", "Wrong user name or password."]
    assert controller.actor is not None and controller.actor.login == "admin"


def test_window_has_six_tabs_menus_and_status(qtbot, controller, tmp_path):
    assert controller.open(tmp_path / "w.db", smoke=True)
    window = controller.show_window()
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    _wait(qtbot, controller)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Customers", "Pipeline", "Contracts", "Service tickets", "Performance", "Team",
    ]  # fmt: skip
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Sync", "&Help"]
    assert window.status_db.text() == "Database: w.db"  # the name; the path is the tooltip
    assert window.status_db.toolTip() == str(tmp_path / "w.db")
    assert "Administrator" in window.status_user.text()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _wait(qtbot, controller)
    assert controller.errors == []


def test_backup_from_the_file_menu(qtbot, controller, tmp_path, monkeypatch):
    assert controller.open(tmp_path / "b.db", smoke=True)
    window = controller.show_window()
    qtbot.addWidget(window)
    target = tmp_path / "copy.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if "Back up" in a.text()
    )
    action.trigger()
    _wait(qtbot, controller)
    assert target.exists() and target.stat().st_size > 0


def test_customer_search_box_is_reachable(qtbot, controller, tmp_path):
    assert controller.open(tmp_path / "s.db", smoke=True)
    window = controller.show_window()
    qtbot.addWidget(window)
    _wait(qtbot, controller)
    assert window.findChild(QLineEdit, "customer_search") is not None


def test_smoke_test_command_exits_zero(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "minesales_desktop", "--smoke-test", "--db", str(tmp_path / "x.db")],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    assert result.stdout.count(": ok") == 6


def test_unreadable_database_is_refused_with_a_message(qtbot, controller, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert not controller.open(junk)
    assert shown and "not a MineSales database" in shown[0]
    assert QApplication.instance() is not None
