"""The Sync menu, status bar, conflict inbox and rejected changes, against a real sync server.

Each test starts ``minesales … serve`` on 127.0.0.1 (the sync tests' fixtures), opens the main
window on a laptop database that has synced once, and drives the window like a person: edits
through the app's services, Sync now from the menu, the inbox buttons. No client is mocked;
only the modal password prompt and message boxes are patched (they would block offscreen).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolBar
from sqlalchemy import Engine, select, text

from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.models.people import User
from minesales_desktop.services import sync_service
from minesales_desktop.services.auth import actor_for
from minesales_desktop.services.customers import customers
from minesales_desktop.services.sync_service import RetryPolicy, SyncTarget
from minesales_desktop.settings import SYNC_LOGIN, SYNC_SERVER_URL
from minesales_desktop.tasks import Progress
from minesales_desktop.ui.dialogs.sync_dialogs import (
    ConflictInboxDialog,
    PasswordDialog,
    RejectedChangesDialog,
    SyncSettingsDialog,
)
from minesales_desktop.ui.main_window import MainWindow
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import FAST_RETRY, PASSWORD, ServerProcess

# The sync tests' fixtures, reused (a laptop template database, the server's staff accounts,
# and ``laptops`` for a second person's computer).
client_template = sync_fixtures.client_template
sqlite_server_template = sync_fixtures.sqlite_server_template
laptops = sync_fixtures.laptops

SHOTS = Path("/tmp/minesales-sync-shots")


@pytest.fixture
def server(sqlite_server_template: Path, tmp_path: Path) -> Iterator[ServerProcess]:
    path = tmp_path / "server.db"
    shutil.copyfile(sqlite_server_template, path)
    proc = ServerProcess(f"sqlite:///{path}", tmp_path / "server.log").start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.fixture
def db_path(client_template: Path, tmp_path: Path) -> Path:
    """The window's database: a migrated laptop file (overrides the fresh-database fixture)."""
    path = tmp_path / "minesales.db"
    shutil.copyfile(client_template, path)
    return path


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The password prompt answers like a person would; returns what it was told."""
    seen: list[str] = []

    def exec_(dialog: PasswordDialog) -> int:
        seen.append(dialog.message.text())
        dialog.password.setText(PASSWORD)
        dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(PasswordDialog, "exec", exec_)
    return seen


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(
            QMessageBox,
            name,
            lambda *args, _n=name, **kw: shown.append(f"{_n}: {args[2] if len(args) > 2 else ''}"),
        )
    return shown


@pytest.fixture
def open_window(
    qtbot: Any, server: ServerProcess, db_path: Path, engine: Engine, make_ctx: Any, wait_idle: Any
) -> Callable[[str], MainWindow]:
    """``open_window(login)``: the laptop syncs once (users, teams, its customers), then the
    person signs in as ``login`` and the main window opens, set up for this server."""

    def make(login: str) -> MainWindow:
        first = sync_service.run_sync(
            SyncTarget(db_path, server.url, login), PASSWORD, Progress(), retry=FAST_RETRY
        )
        assert not first.cancelled and "users" in first.kinds
        with make_session_factory(engine)() as session:
            user = session.scalars(select(User).where(User.login == login)).one()
            actor = actor_for(user)
        ctx = make_ctx(actor)
        ctx.settings.set(SYNC_SERVER_URL, server.url)
        ctx.settings.set(SYNC_LOGIN, login)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.sync.retry_policy = FAST_RETRY
        window.show()
        wait_idle()
        qtbot.waitUntil(lambda: window.sync.status is not None)
        return window

    return make


def _menu_action(window: MainWindow, text: str) -> Any:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Sync")
    return next(a for a in menu.actions() if a.text() == text)


def _sync_from_menu(qtbot: Any, window: MainWindow) -> Any:
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        _menu_action(window, "&Sync now").trigger()
    result, error = blocker.args
    assert error is None, error
    return result


def _wait_pending(qtbot: Any, window: MainWindow, count: int) -> None:
    qtbot.waitUntil(
        lambda: window.sync.pending_label.text() == f"Pending changes: {count}", timeout=10_000
    )


def _create_customer(window: MainWindow, code: str, name: str, wait_idle: Any) -> str:
    actor = window.ctx.actor
    values = {
        "code": code,
        "name_zh": name,
        "customer_type": "STEEL_MILL",
        "tier": "A",
        "status": "ACTIVE",
    }
    made: list[Any] = []
    window.ctx.tasks.run(
        lambda s: customers.create(s, actor, values), made.append, writes=("customers",)
    )
    wait_idle()
    return str(made[0].id)


def _edit_customer(window: MainWindow, cid: str, changes: dict[str, Any], wait_idle: Any) -> None:
    actor = window.ctx.actor
    window.ctx.tasks.run(
        lambda s: customers.update(s, actor, cid, changes), None, writes=("customers",)
    )
    wait_idle()


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


# --- tests ------------------------------------------------------------------------------------
def test_sync_now_from_the_menu_pushes_a_local_edit(
    qtbot: Any,
    open_window: Any,
    server: ServerProcess,
    prompts: list[str],
    message_boxes: list[str],
    wait_idle: Any,
) -> None:
    window = open_window("mgr")
    ctrl = window.sync
    assert ctrl.pending_label.text() == "Pending changes: 0"
    assert ctrl.last_label.text().startswith("Last sync: ")
    before = ctrl.status.last_sync
    assert window.findChild(QToolBar, "sync_toolbar") is not None

    # A write anywhere in the app refreshes the pending count (data_changed).
    refreshed_kinds: list[frozenset[str]] = []
    window.ctx.tasks.data_changed.connect(refreshed_kinds.append)
    _create_customer(window, "C-SYNC-1", "唐山钢铁", wait_idle)
    _wait_pending(qtbot, window, 1)

    result = _sync_from_menu(qtbot, window)
    assert result.pushed == 1 and result.applied == 1
    _wait_pending(qtbot, window, 0)
    assert ctrl.status.last_sync is not None and ctrl.status.last_sync > before
    assert ctrl.state == "idle" and ctrl.state_label.text() == ""
    assert "Sync finished: 1 sent" in window.statusBar().currentMessage()
    assert prompts == [""] and message_boxes == []
    assert any("sync" in kinds for kinds in refreshed_kinds)

    engine = server.engine()
    try:
        with engine.connect() as conn:
            names = conn.execute(text("SELECT name_zh FROM customers WHERE code = 'C-SYNC-1'"))
            assert names.scalars().all() == ["唐山钢铁"]
    finally:
        engine.dispose()

    # The password is remembered for the session only: a second sync does not ask again.
    _sync_from_menu(qtbot, window)
    assert prompts == [""]
    _shot(window, "main-window-synced")


def test_unreachable_server_shows_offline_and_retries_without_a_dialog_storm(
    qtbot: Any,
    open_window: Any,
    server: ServerProcess,
    prompts: list[str],
    message_boxes: list[str],
) -> None:
    window = open_window("mgr")
    ctrl = window.sync
    ctrl.retry_policy = RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.02, timeout=2)
    ctrl.retry_delays_s = (0.4,)
    states: list[str] = []
    ctrl.state_changed.connect(states.append)
    port = server.port
    server.stop()  # the satellite link is down

    with qtbot.waitSignal(ctrl.finished, timeout=30_000) as first:
        ctrl.sync_action.trigger()
    assert isinstance(first.args[1], sync_service.SyncUnavailable)
    assert ctrl.state == "offline"
    assert ctrl.state_label.text().startswith("Offline — will retry in ")
    assert "cannot be reached" in ctrl.state_label.toolTip()
    assert not ctrl.cancel_button.isHidden()
    _shot(window.statusBar(), "status-offline")

    # Automatic retries run on their own: no password prompt, no message box.
    for _ in range(2):
        with qtbot.waitSignal(ctrl.finished, timeout=30_000) as again:
            pass
        assert isinstance(again.args[1], sync_service.SyncUnavailable)
    assert states.count("syncing") == 3 and ctrl.state == "offline"
    assert prompts == [""] and message_boxes == []

    # The link comes back: the next automatic retry succeeds and the state clears.
    server.start(port=port)
    with qtbot.waitSignal(ctrl.finished, timeout=30_000) as back:
        pass
    assert back.args[1] is None and ctrl.state == "idle"
    assert ctrl.cancel_button.isHidden() and ctrl.state_label.text() == ""
    assert prompts == [""] and message_boxes == []

    # Cancel stops a scheduled retry.
    server.stop()
    ctrl.retry_delays_s = (30,)
    with qtbot.waitSignal(ctrl.finished, timeout=30_000):
        ctrl.sync_action.trigger()
    assert ctrl.state == "offline"
    ctrl.cancel_button.click()
    assert ctrl.state == "cancelled" and ctrl.state_label.text() == "Sync cancelled"
    qtbot.wait(100)
    assert not ctrl.running and message_boxes == []


def test_conflict_from_two_laptops_in_the_inbox_keep_theirs_and_keep_mine(
    qtbot: Any,
    open_window: Any,
    laptops: Any,
    engine: Engine,
    prompts: list[str],
    message_boxes: list[str],
    wait_idle: Any,
    qtmodeltester: Any,
) -> None:
    window = open_window("mgr")
    other = laptops("admin")  # 系统管理员 on another computer
    cid = _create_customer(window, "C-CONF-1", "包头钢铁", wait_idle)
    _sync_from_menu(qtbot, window)
    # A second sync reuses the sign-in, so its hello measures the clock offset on a round trip
    # without the (slow, argon2) sign-in in it; edits below are stamped with that offset.
    _sync_from_menu(qtbot, window)
    other.sync()

    # Offline, both change the same two fields; the other laptop edits later, so it wins.
    _edit_customer(window, cid, {"notes": "我的备注", "city": "包头"}, wait_idle)
    qtbot.wait(200)
    other.sql("UPDATE customers SET notes = '他们的备注', city = '呼和浩特' WHERE id = :id", id=cid)
    other.sync()
    result = _sync_from_menu(qtbot, window)
    assert result.conflicts == 2 and result.inbox == 2
    # The message stays short (it must fit the bar); the tooltip gives the whole account.
    assert window.statusBar().currentMessage() == (
        f"Sync finished: {result.pushed} sent, {result.pulled} received"
    )
    assert (
        window.statusBar()
        .toolTip()
        .endswith(" — 2 new in the conflict inbox, 0 rejected: see the Sync menu")
    )
    qtbot.waitUntil(lambda: window.sync.inbox_button.text() == "2 conflict(s)")
    assert not window.sync.inbox_button.isHidden()

    _menu_action(window, "&Conflict inbox…").trigger()
    dialog = window.findChild(ConflictInboxDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(dialog.model)
    rows = {
        dialog.model.index(r, 1).data(): [
            dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())
        ]
        for r in range(2)
    }
    assert set(rows) == {"Notes", "City"}
    assert rows["Notes"][:5] == ["Customer 包头钢铁", "Notes", "我的备注", "他们的备注",
                                 "系统管理员"]  # fmt: skip
    assert rows["City"][2:4] == ["包头", "呼和浩特"]
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers[:5] == ["Record", "Field", "Yours", "Server's", "Changed by"]
    _shot(dialog, "conflict-inbox")

    def local(field: str) -> str:
        with engine.connect() as conn:
            return str(
                conn.execute(
                    text(f"SELECT {field} FROM customers WHERE id = :i"), {"i": cid}
                ).scalar_one()
            )

    # Keep theirs on Notes: the server's value stays here, nothing to send.
    dialog.view.selectRow(next(r for r in range(2) if dialog.model.index(r, 1).data() == "Notes"))
    assert "Mine: 我的备注" in dialog.detail.text()
    dialog.keep_theirs.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert local("notes") == "他们的备注"
    _wait_pending(qtbot, window, 0)

    # Keep mine on City: my value comes back as a local edit and goes out at the next sync.
    dialog.view.selectRow(0)
    dialog.keep_mine.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    assert local("city") == "包头"
    _wait_pending(qtbot, window, 1)
    assert dialog.empty.text().startswith("No conflicts")
    qtbot.waitUntil(lambda: window.sync.inbox_button.isHidden())
    _sync_from_menu(qtbot, window)
    _wait_pending(qtbot, window, 0)
    other.sync()
    assert other.sql("SELECT notes, city FROM customers WHERE id = :id", id=cid) == [
        ("他们的备注", "包头")
    ]

    # A renumbering notice (as the sync client files it) is counted apart from conflicts, and
    # the badge opens the inbox on it.
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value,"
                " theirs_value, mine_hlc, theirs_hlc, mine_won, detected_at) VALUES ('n1',"
                " 'quotes', 'q1', 'quote_no', 'renumbered', '\"Q2\"', '\"Q3\"', 1, 2, 0,"
                " '2026-11-27 08:00:00.000000')"
            )
        )
    window.ctx.tasks.data_changed.emit(frozenset({"sync"}))
    qtbot.waitUntil(lambda: window.sync.inbox_button.text() == "1 notice(s)")
    window.sync.inbox_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.isVisible() and dialog.keep_theirs.text() == "&Noted"
    assert message_boxes == []


def test_rejected_change_listed_with_its_reason_and_dismissed(
    qtbot: Any,
    open_window: Any,
    engine: Engine,
    prompts: list[str],
    message_boxes: list[str],
    qtmodeltester: Any,
) -> None:
    window = open_window("rep1")  # a rep may not change teams
    with engine.begin() as conn:
        conn.execute(text("UPDATE teams SET region = '东北' WHERE name = '华北钢厂组'"))
    window.ctx.tasks.data_changed.emit(frozenset({"teams"}))  # as a service write would
    _wait_pending(qtbot, window, 1)

    result = _sync_from_menu(qtbot, window)
    assert result.rejected == 1
    _wait_pending(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.sync.inbox_button.text() == "1 rejected")
    with engine.connect() as conn:  # the laptop holds the server's value again
        region = conn.execute(text("SELECT region FROM teams WHERE name = '华北钢厂组'"))
        assert region.scalar_one() != "东北"

    window.sync.inbox_button.click()  # the status-bar badge opens the list
    dialog = window.findChild(RejectedChangesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[:4] == [
        "Team 华北钢厂组",
        "Region",
        "东北",
        "only an administrator may change users and teams",
    ]
    assert "Reason: only an administrator" in dialog.detail.text()
    _shot(dialog, "rejected-changes")

    dialog.dismiss.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: window.sync.inbox_button.isHidden())
    assert message_boxes == []


def test_settings_dialog_checks_the_address_and_never_stores_a_password(
    qtbot: Any, open_window: Any, server: ServerProcess
) -> None:
    window = open_window("mgr")
    dialog = SyncSettingsDialog(window.ctx.settings, "mgr", server.url, window)
    qtbot.addWidget(dialog)
    dialog.server.setText("sync.example.com")
    dialog.submit()
    assert dialog.result() == 0
    assert "https://" in dialog.message.text()
    dialog.server.setText("https://other.example.com:8765")
    assert "This database syncs with" in dialog.message.text()
    dialog.show()
    _shot(dialog, "sync-settings")
    dialog.server.setText(server.url + "/")
    dialog.login.setText("mgr")
    dialog.submit()
    assert dialog.result() == 1
    assert window.ctx.settings.get(SYNC_SERVER_URL) == server.url
    settings_text = Path(window.ctx.paths.settings_file).read_text(encoding="utf-8")
    assert PASSWORD not in settings_text and "password" not in settings_text.lower()

    prompt = PasswordDialog(server.url, "mgr", "", window)
    qtbot.addWidget(prompt)
    prompt.show()
    _shot(prompt, "sync-password")
