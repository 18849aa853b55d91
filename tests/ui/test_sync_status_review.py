"""What a review of the sync status bar found, against a real sync server on 127.0.0.1.

- the "Sync finished" message fits the status bar at the window's minimum width (1100 px), in
  English and Chinese; the whole account is its tooltip, the counts are the red badge's;
- the toolbar button shows "Sync now" / "立即同步", not the menu's mnemonic "(S)";
- a later sync clears the earlier "Sync finished" message; a sign-in cancelled after a wrong
  password leaves an error state that says the sync did not happen;
- the offline countdown is worded in minutes from a minute on;
- a server name that does not exist is, on a sync the person started, an error that points to
  the settings (not an endless retry); an automatic retry keeps retrying;
- why the server could not be reached is worded in Chinese, never in the network's raw words.

The window, server and laptop database come from ``test_sync_ui``; only the modal password prompt
and message boxes are patched (they would block offscreen).
"""

from __future__ import annotations

import socket
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QLabel, QStatusBar, QToolBar
from sqlalchemy import Engine, text

from minesales_desktop.services import sync_service
from minesales_desktop.services.sync_service import RetryPolicy
from minesales_desktop.settings import SYNC_SERVER_URL
from minesales_desktop.sync import reasons
from minesales_desktop.ui.dialogs.sync_dialogs import PasswordDialog, SyncSettingsDialog
from minesales_desktop.ui.main_window import MainWindow
from tests.sync.conftest import (
    NO_SUCH_HOST,
    PASSWORD,
    ServerProcess,
    free_port,
)
from tests.ui import test_sync_ui as sync_window

client_template = sync_window.client_template
sqlite_server_template = sync_window.sqlite_server_template
server = sync_window.server
db_path = sync_window.db_path
prompts = sync_window.prompts
message_boxes = sync_window.message_boxes
open_window = sync_window.open_window
no_such_host = sync_window.sync_fixtures.no_such_host

SHOTS = Path(tempfile.gettempdir()) / "minesales-sync-shots"  # to look at, not asserted
SHOTS.mkdir(exist_ok=True)
QUICK = RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.02, timeout=2)


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, app_language: Callable[[str], None]) -> str:
    """The app's language, installed as the app installs it (before the window opens)."""
    app_language(request.param)
    return str(request.param)


def _message_width(bar: QStatusBar) -> int:
    """The width QStatusBar gives its temporary message: from its left margin (6 px) to 2 px
    before the first visible permanent widget (``QStatusBarPrivate::messageRect``)."""
    window = bar.window()
    assert isinstance(window, MainWindow)
    ctrl = window.sync
    widgets = [
        window.busy,
        ctrl.progress_bar,
        ctrl.cancel_button,
        ctrl.state_label,
        ctrl.inbox_button,
        ctrl.pending_label,
        ctrl.last_label,
        window.status_user,
        window.status_db,
    ]
    first = min(w.x() for w in widgets if w.isVisible())
    return first - 2 - 6


def _fits(bar: QStatusBar, message: str) -> bool:
    return bar.fontMetrics().horizontalAdvance(message) <= _message_width(bar)


def _shown_whole(qtbot: Any, label: QLabel) -> bool:
    """Once the bar has laid itself out again: the label has the width its text needs."""
    qtbot.wait(50)
    return label.isVisible() and label.width() >= label.sizeHint().width()


def _sync(qtbot: Any, window: MainWindow) -> tuple[Any, Any]:
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.sync.sync_action.trigger()
    return blocker.args[0], blocker.args[1]


def _answers(monkeypatch: pytest.MonkeyPatch, answers: list[str | None]) -> list[str]:
    """The password prompt answers each time with the next password (None: Cancel), not
    remembering it; returns what the prompt said each time."""
    told: list[str] = []

    def exec_(dialog: PasswordDialog) -> int:
        told.append(dialog.message.text())
        answer = answers.pop(0)
        if answer is None:
            dialog.reject()
        else:
            dialog.remember.setChecked(False)
            dialog.password.setText(answer)
            dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(PasswordDialog, "exec", exec_)
    return told


# --- 1. the finished message at 1100 px ---------------------------------------------------------
def test_finished_message_fits_the_status_bar_at_the_minimum_width(
    language: str,
    qtbot: Any,
    open_window: Any,
    engine: Engine,
    prompts: list[str],
    message_boxes: list[str],
) -> None:
    window = open_window("rep1")  # a rep may not change teams: the sync has a rejected change
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.width() == 1100)
    ctrl = window.sync
    with engine.begin() as conn:
        conn.execute(text("UPDATE teams SET region = '东北' WHERE name = '华北钢厂组'"))
    window.ctx.tasks.data_changed.emit(frozenset({"teams"}))  # as a service write would
    qtbot.waitUntil(lambda: ctrl.status is not None and ctrl.status.pending == 1)

    result, error = _sync(qtbot, window)
    assert error is None and result.rejected == 1
    badge = "1 rejected" if language == "en" else "1 个被拒绝"
    qtbot.waitUntil(lambda: ctrl.inbox_button.text() == badge, timeout=10_000)
    qtbot.wait(50)  # the bar lays its widgets out again
    bar = window.statusBar()
    message = bar.currentMessage()
    if language == "en":
        assert message == f"Sync finished: {result.pushed} sent, {result.pulled} received"
        rest = " — 0 new in the conflict inbox, 1 rejected: see the Sync menu"
    else:
        assert message == f"同步完成：发送 {result.pushed} 条，接收 {result.pulled} 条"
        assert "—" not in message
        rest = ctrl.tr(" — %1 new in the conflict inbox, %2 rejected: see the Sync menu")
        rest = rest.replace("%1", "0").replace("%2", "1")
        assert "请查看" in rest
    # The whole account: the message's tooltip, and the "Last sync" label's.
    assert bar.toolTip() == message + rest
    assert ctrl.last_label.toolTip() == message + rest
    assert _fits(bar, message), (message, _message_width(bar))
    bar.grab().save(str(SHOTS / f"status_review_{language}_1100_finished.png"))

    # The review's numbers: the short message still fits, the whole account did not.
    big = ctrl.tr("Sync finished: %1 sent, %2 received").replace("%1", "1234")
    big = big.replace("%2", "5678")
    assert _fits(bar, big)
    whole = big + ctrl.tr(" — %1 new in the conflict inbox, %2 rejected: see the Sync menu")
    assert not _fits(bar, whole.replace("%1", "12").replace("%2", "3"))
    bar.showMessage(big, 15000)
    qtbot.wait(20)
    bar.grab().save(str(SHOTS / f"status_review_{language}_1100_big.png"))
    assert bar.toolTip() == ""  # another message: no longer the sync's account
    assert message_boxes == []


# --- 2. the toolbar button ---------------------------------------------------------------------
def test_toolbar_button_shows_no_mnemonic(
    language: str, qtbot: Any, open_window: Any, prompts: list[str]
) -> None:
    window = open_window("mgr")
    ctrl = window.sync
    toolbar = window.findChild(QToolBar, "sync_toolbar")
    assert toolbar is not None
    button = toolbar.widgetForAction(ctrl.sync_action)
    if language == "en":
        assert ctrl.sync_action.text() == "&Sync now"
        assert button.text() == "Sync now"
    else:
        assert ctrl.sync_action.text() == "立即同步(&S)"  # the menu keeps its mnemonic
        assert button.text() == "立即同步"
    assert "(S)" not in button.text() and "&" not in button.text()
    toolbar.grab().save(str(SHOTS / f"status_review_{language}_toolbar.png"))


# --- 3. the stale message, the cancelled sign-in -----------------------------------------------
def test_a_new_sync_clears_the_old_message_and_a_cancelled_sign_in_is_an_error(
    qtbot: Any,
    open_window: Any,
    server: ServerProcess,
    message_boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window("mgr")
    window.resize(window.minimumSize())
    ctrl = window.sync
    ctrl.retry_policy = QUICK
    bar = window.statusBar()
    told = _answers(monkeypatch, [PASSWORD, PASSWORD, "wrong-password", None])

    result, error = _sync(qtbot, window)
    assert error is None and bar.currentMessage().startswith("Sync finished: ")

    # Offline: the earlier "Sync finished" goes as soon as the sync starts, and stays gone.
    port = server.port
    server.stop()
    with qtbot.waitSignal(ctrl.finished, timeout=30_000) as offline:
        ctrl.sync_action.trigger()
        assert ctrl.state == "syncing" and bar.currentMessage() == ""
    assert isinstance(offline.args[1], sync_service.SyncUnavailable)
    assert ctrl.state == "offline" and bar.currentMessage() == "" and bar.toolTip() == ""
    ctrl.cancel_button.click()
    assert ctrl.state == "cancelled"

    # A wrong password, then Cancel on the prompt that says so: the sync did not happen, and the
    # label says so (it used to go blank, as if all was well).
    server.start(port=port)
    result, error = _sync(qtbot, window)
    assert isinstance(error, sync_service.AuthFailed)
    assert told == ["", "", "", "Wrong user name or password."] and not ctrl.running
    assert ctrl.state == "error"
    assert ctrl.state_label.text() == "Not synced: signing in was cancelled"
    assert ctrl.state_label.toolTip() == "Wrong user name or password."
    assert not ctrl._retry_timer.isActive() and bar.currentMessage() == ""
    assert _shown_whole(qtbot, ctrl.state_label)
    assert message_boxes == []
    bar.grab().save(str(SHOTS / "status_review_en_sign_in_cancelled.png"))


# --- 4 and 6. the countdown, the reason in Chinese ---------------------------------------------
def test_offline_countdown_in_minutes_and_the_reason_in_the_users_language(
    language: str,
    qtbot: Any,
    open_window: Any,
    server: ServerProcess,
    prompts: list[str],
    message_boxes: list[str],
) -> None:
    window = open_window("mgr")
    window.resize(window.minimumSize())
    ctrl = window.sync
    ctrl.retry_policy = QUICK
    ctrl.retry_delays_s = (873,)
    server.stop()  # refused: nothing listens on the port any more

    result, error = _sync(qtbot, window)
    assert isinstance(error, sync_service.SyncUnavailable)
    assert ctrl.state == "offline" and ctrl._retry_timer.isActive()
    tip = ctrl.state_label.toolTip()
    if language == "en":
        assert ctrl.state_label.text() == "Offline — will retry in about 15 min"
        assert tip == (
            f"The sync server at {server.url} cannot be reached (the connection was refused;"
            " the server may not be running)."
        )
    else:
        assert ctrl.state_label.text() == "离线 — 约 15 分钟后重试"
        assert tip == f"无法连接同步服务器 {server.url}（连接被拒绝，服务器可能未在运行）。"
    assert "Errno" not in tip and "refused" not in tip.replace("was refused", "")
    assert _shown_whole(qtbot, ctrl.state_label)
    window.statusBar().grab().save(str(SHOTS / f"status_review_{language}_offline_minutes.png"))

    # Under a minute, seconds.
    ctrl.cancel_button.click()
    ctrl.retry_delays_s = (45,)
    _sync(qtbot, window)
    assert ctrl.state_label.text() == (
        "Offline — will retry in 45 s" if language == "en" else "离线 — 45 秒后重试"
    )
    ctrl.cancel_button.click()
    assert message_boxes == []


def test_countdown_words_minutes_from_one_minute_on(qtbot: Any, open_window: Any) -> None:
    ctrl = open_window("mgr").sync
    assert ctrl._retry_text(59.4) == "Offline — will retry in 59 s"
    assert ctrl._retry_text(1) == "Offline — will retry in 1 s"
    assert ctrl._retry_text(60) == "Offline — will retry in about 1 min"
    assert ctrl._retry_text(900) == "Offline — will retry in about 15 min"


# --- 5. a server name that does not exist ------------------------------------------------------
def test_a_server_name_not_found_is_offline_with_a_hint_and_retried(
    qtbot: Any, open_window: Any, no_such_host: str, prompts: list[str], message_boxes: list[str]
) -> None:
    """Off the network or the VPN, Windows and macOS say "no such host" just as for a mistyped
    address: the window stays offline and retries, and its tooltip names both causes; the
    network's own words are not shown."""
    window = open_window("mgr")
    ctrl = window.sync
    window.ctx.settings.set(SYNC_SERVER_URL, no_such_host)
    result, error = _sync(qtbot, window)
    assert isinstance(error, sync_service.SyncUnavailable)
    assert error.cause == reasons.NAME_NOT_FOUND
    assert ctrl.state == "offline" and ctrl._retry_timer.isActive()
    assert ctrl.state_label.toolTip() == (
        f"The sync server at {no_such_host} cannot be reached (no server with this name was"
        " found; check the server address in the sync settings, the network or the VPN)."
    )
    assert message_boxes == [] and "Name or service" not in ctrl.state_label.toolTip()
    assert _shown_whole(qtbot, ctrl.state_label)
    window.statusBar().grab().save(str(SHOTS / "status_review_en_dns.png"))
    ctrl.cancel_button.click()


def test_a_server_name_not_found_reads_in_chinese_and_is_fixed_in_the_settings(
    chinese: None,
    qtbot: Any,
    open_window: Any,
    no_such_host: str,
    server: ServerProcess,
    prompts: list[str],
    message_boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window("mgr")
    window.resize(window.minimumSize())
    ctrl = window.sync
    window.ctx.settings.set(SYNC_SERVER_URL, no_such_host)
    result, error = _sync(qtbot, window)
    assert ctrl.state == "offline"
    assert ctrl.state_label.toolTip() == (
        f"无法连接同步服务器 {no_such_host}（找不到此名称的服务器，请检查同步设置中的服务器地址、"
        "网络或 VPN）。"
    )
    assert message_boxes == []
    assert _shown_whole(qtbot, ctrl.state_label)
    window.statusBar().grab().save(str(SHOTS / "status_review_zh_CN_dns.png"))

    # The person corrects the address: the next sync works.
    def corrected(dialog: SyncSettingsDialog) -> int:
        dialog.server.setText(server.url)
        dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(SyncSettingsDialog, "exec", corrected)
    ctrl.settings_action.trigger()
    result, error = _sync(qtbot, window)
    assert error is None and ctrl.state == "idle"
    assert window.statusBar().currentMessage().startswith("同步完成：")


# --- 6. every common cause, from the network's real errors -------------------------------------
def _network_error(url: str, timeout: float = 2.0) -> httpx.TransportError:
    with pytest.raises(httpx.TransportError) as caught:
        httpx.Client(timeout=timeout).post(url, content=b"{}")
    return caught.value


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield int(listener.getsockname()[1])


def test_why_the_server_cannot_be_reached_reads_in_chinese(
    chinese: None, server: ServerProcess, silent_port: int, no_such_host: str
) -> None:
    cases = {
        reasons.REFUSED: (
            _network_error(f"http://127.0.0.1:{free_port()}/sync/hello"),
            "连接被拒绝，服务器可能未在运行",
        ),
        reasons.NAME_NOT_FOUND: (
            _network_error(f"{NO_SUCH_HOST}/sync/hello"),
            "找不到此名称的服务器，请检查同步设置中的服务器地址、网络或 VPN",
        ),
        # https to a server that speaks plain HTTP: the TLS handshake fails
        reasons.TLS_FAILED: (
            _network_error(f"https://127.0.0.1:{server.port}/sync/hello"),
            "安全连接失败，服务器证书可能不受信任",
        ),
        reasons.TIMED_OUT: (
            _network_error(f"http://127.0.0.1:{silent_port}/sync/hello", timeout=0.3),
            "服务器未及时响应",
        ),
    }
    for cause, (error, words) in cases.items():
        raw = str(error)
        message = reasons.server_unreachable("https://sync.example.cn", error)
        assert message == f"无法连接同步服务器 https://sync.example.cn（{words}）。", raw
        assert reasons.network_cause(error) == cause
        assert raw not in message and "Errno" not in message

    # No route out (the laptop's network is down): the OS error as httpx chains it.
    try:
        try:
            raise OSError(101, "Network is unreachable")
        except OSError as exc:
            raise httpx.ConnectError("[Errno 101] Network is unreachable") from exc
    except httpx.ConnectError as down:
        message = reasons.server_unreachable("https://sync.example.cn", down)
        cause = reasons.network_cause(down)
    assert message == "无法连接同步服务器 https://sync.example.cn（本机没有网络连接）。"
    assert cause == reasons.NETWORK_UNREACHABLE
    # A name server that cannot be asked is a lost connection, not a wrong address.
    lookup = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert reasons.network_cause(lookup) == reasons.NAME_LOOKUP_FAILED
    assert "无法解析服务器名称" in reasons.server_unreachable("https://x.cn", lookup)
    # Anything else: a plain "network error", the raw words only in the log.
    other = reasons.server_unreachable("https://x.cn", httpx.RemoteProtocolError("boom"))
    assert other == "无法连接同步服务器 https://x.cn（网络错误）。"


# --- the database's own account, from the window ----------------------------------------------
def test_the_window_warns_about_another_login_and_the_sync_as_it_is_refused(
    qtbot: Any,
    open_window: Any,
    server: ServerProcess,
    db_path: Path,
    prompts: list[str],
    message_boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings opened from the window know the login the database syncs as (its first
    sync): typing another one warns, and a sync as that login is refused with nothing sent or
    changed (``BoundElsewhere``), the window in its error state, no retry."""
    window = open_window("mgr")
    ctrl = window.sync
    window.ctx.settings.set(SYNC_SERVER_URL, server.url)
    result, error = _sync(qtbot, window)
    assert error is None and ctrl.status is not None and ctrl.status.bound_login == "mgr"
    warned: list[str] = []

    def other_login(dialog: SyncSettingsDialog) -> int:
        dialog.login.setText("rep1")
        warned.append(dialog.message.text())
        dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(SyncSettingsDialog, "exec", other_login)
    ctrl.settings_action.trigger()
    assert warned and warned[0].startswith("This database syncs as mgr. A sync as rep1 will be")
    cursor = _cursor(db_path)
    result, error = _sync(qtbot, window)
    assert isinstance(error, sync_service.SyncError) and result is None
    assert "This database syncs as mgr, not as rep1" in str(error)
    assert ctrl.state == "error" and not ctrl._retry_timer.isActive()
    assert _cursor(db_path) == cursor > 0


def _cursor(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT cursor FROM sync_state").fetchone()[0])
