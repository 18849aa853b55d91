"""The sync window in Chinese, against a real sync server: what the server refuses and why
reads in Chinese, in the password prompt and in the rejected-changes list.

The Chinese translation is installed the way the app installs it (``install_language``) before
the window opens; the server, the laptop database and the window come from ``test_sync_ui``.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from minesales_desktop.ui.dialogs.sync_dialogs import PasswordDialog, RejectedChangesDialog
from tests.sync.conftest import PASSWORD
from tests.ui import test_sync_ui as sync_window

client_template = sync_window.client_template
sqlite_server_template = sync_window.sqlite_server_template
server = sync_window.server
db_path = sync_window.db_path
message_boxes = sync_window.message_boxes
open_window = sync_window.open_window


def test_wrong_password_and_a_refused_change_read_in_chinese(
    chinese: None,
    qtbot: Any,
    open_window: Any,
    engine: Engine,
    message_boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window("rep1")  # a rep may not change teams
    ctrl = window.sync
    assert ctrl.sync_action.text() == "立即同步(&S)"

    # The person mistypes the password once; the prompt comes back saying why, in Chinese.
    typed = iter(["wrong-password", PASSWORD])
    told: list[str] = []

    def exec_(dialog: PasswordDialog) -> int:
        told.append(dialog.message.text())
        dialog.password.setText(next(typed))
        dialog.submit()
        return int(dialog.result())

    monkeypatch.setattr(PasswordDialog, "exec", exec_)
    with engine.begin() as conn:
        conn.execute(text("UPDATE teams SET region = '东北' WHERE name = '华北钢厂组'"))
    window.ctx.tasks.data_changed.emit(frozenset({"teams"}))  # as a service write would
    outcomes: list[tuple[Any, Any]] = []
    ctrl.finished.connect(lambda result, error: outcomes.append((result, error)))
    ctrl.sync_action.trigger()
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=60_000)
    assert told == ["", "用户名或密码错误。"]
    assert str(outcomes[0][1]) == "用户名或密码错误。"
    result, error = outcomes[1]
    assert error is None and result.rejected == 1
    assert message_boxes == []

    # The status bar says how the sync went, and only that: the tab's summary on its left
    # stays hidden under the message (it used to come back and print over it).
    bar = window.statusBar()
    qtbot.wait(300)  # what Qt does after the message (it re-showed the summary)
    assert bar.currentMessage().startswith("同步完成：发送 1 条")
    assert not window.status_summary.isVisible()
    bar.clearMessage()
    assert window.status_summary.isVisible()

    # The refused change, listed with the server's reason worded in Chinese.
    qtbot.waitUntil(lambda: ctrl.inbox_button.text() == "1 个被拒绝", timeout=10_000)
    ctrl.inbox_button.click()  # the status-bar badge opens the list
    dialog = window.findChild(RejectedChangesDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "被拒绝的更改"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    reason = dialog.model.index(0, 3).data()
    assert reason == "只有管理员可以修改用户和团队"
    assert "原因：只有管理员可以修改用户和团队" in dialog.detail.text()
