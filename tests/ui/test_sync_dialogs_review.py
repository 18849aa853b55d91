"""The sync dialogs after the user review: the server address checked case by case, a warning
for another server or another login, the inbox and rejected list readable at their opening size,
delete-against-edit conflicts in their own words, and a refused new record's contents shown.

Dialogs are real widgets offscreen on a real laptop database; the delete conflicts and the
refused new record come from a real server process and two laptops (``tests/sync``)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from sqlalchemy import Engine, text

from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.settings import SYNC_LOGIN, SYNC_SERVER_URL, Settings
from minesales_desktop.sync.client import pending_count
from minesales_desktop.sync.hlc import pack
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.dialogs import sync_dialogs
from minesales_desktop.ui.dialogs.sync_dialogs import (
    ConflictInboxDialog,
    PasswordDialog,
    RejectedChangesDialog,
    SyncSettingsDialog,
    same_server_address,
    server_url_problem,
)
from tests.sync.conftest import Laptop, ServerProcess, new_customer, server_rows
from tests.ui import test_sync_ui as sync_window

client_template = sync_window.client_template
sqlite_server_template = sync_window.sqlite_server_template
server = sync_window.server
laptops = sync_window.laptops

SHOTS = Path("/tmp/s12")
LONG_NAME = "内蒙古包头钢铁（集团）有限责任公司稀土钢板材分公司"
MINE_NOTE = "客户要求 2027 年起改为季度定价，已与采购部张总口头确认，待合同评审后书面确认"
THEIR_NOTE = "年度长协，价格按普氏 62% 指数月均价结算，升贴水按品位每 1% 调整"


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _tip_text(tip: str) -> str:
    """What a tooltip shows: Qt reads it as rich text when it looks like HTML."""
    assert QtGui.Qt.mightBeRichText(tip)  # so Qt shows what the document shows, not the markup
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


# --- settings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "Enter the server address, starting with https:// or http://."),
        ("sync.example.com", "must start with https:// or http://"),
        ("ftp://sync.example.com", "must start with https:// or http://"),
        ("http://exa mple .com", "cannot contain spaces"),
        ("https://sync.example.com:99999", "must be from 1 to 65535"),
        ("https://sync.example.com:0", "must be from 1 to 65535"),
        ("https://sync.example.com:http", "must be from 1 to 65535"),
        ("http://", "Enter the server's name or IP address after http://"),
        ("https://:8765", "Enter the server's name or IP address after https://"),
        ("https://sync!example.com", "“sync!example.com” is not a server name"),
        ("https://-sync.example.com", "use letters, digits, hyphens, underscores and dots"),
        ("https://sync..example.com", "is not a server name"),
        ("https：//sync.example.com", "half-width punctuation"),
        ("https://mgr:secret@sync.example.com", "Leave the user name and password out"),
        ("https://sync.example.com/?next=1", "cannot contain “?” or “#”"),
    ],
)
def test_a_wrong_server_address_is_refused_with_what_is_wrong(
    qtbot: Any, settings: Settings, url: str, problem: str
) -> None:
    dialog = SyncSettingsDialog(settings, "mgr")
    qtbot.addWidget(dialog)
    dialog.server.setText(url)
    dialog.submit()
    assert dialog.result() == 0
    assert problem in dialog.message.text()
    assert settings.get(SYNC_SERVER_URL) == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://sync.example.com:8765",
        "http://127.0.0.1:1",
        "http://[::1]:65535",
        "https://同步.矿业.cn/minesales",
        "HTTPS://Sync.Example.com",
        "http://sync_server:8765",  # a Docker service or NetBIOS name
        "https://mine_sales.corp.local",
    ],
)
def test_a_good_server_address_is_saved(qtbot: Any, settings: Settings, url: str) -> None:
    assert server_url_problem(url) is None
    dialog = SyncSettingsDialog(settings, "mgr")
    qtbot.addWidget(dialog)
    dialog.server.setText(url + "/")
    dialog.submit()
    assert dialog.result() == 1
    assert settings.get(SYNC_SERVER_URL) == url


def test_another_login_or_server_is_warned_about_but_a_new_address_is_allowed(
    qtbot: Any, settings: Settings
) -> None:
    bound = "https://sync.example.com:8765"
    dialog = SyncSettingsDialog(settings, "rep1", bound, bound_login="rep1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.server.text() == bound and dialog.login.text() == "rep1"
    assert dialog.message.text() == ""

    dialog.login.setText("rep2")
    warning = dialog.message.text()
    assert warning.startswith("This database syncs as rep1. A sync as rep2 will be refused")
    assert "nothing on this computer changes" in warning
    dialog.login.setText(" rep1 ")  # what the sync compares: the login without spaces
    assert dialog.message.text() == ""

    dialog.server.setText("https://sync2.example.com")
    warning = dialog.message.text()
    assert "This database syncs with " + bound in warning
    assert "If https://sync2.example.com is the same server at a new address" in warning
    assert "If it is a different server, the sync will be refused" in warning
    dialog.login.setText("rep2")
    assert len(dialog.binding_warnings()) == 2
    assert dialog.message.text().count("This database syncs") == 2
    _shot(dialog, "settings_warnings_en")

    # A server that moved is the same server at a new address: the settings take it.
    dialog.login.setText("rep1")
    dialog.submit()
    assert dialog.result() == 1
    assert settings.get(SYNC_SERVER_URL) == "https://sync2.example.com"
    assert settings.get(SYNC_LOGIN) == "rep1"


def test_the_bound_address_in_another_case_or_with_a_slash_is_not_another_server(
    qtbot: Any, settings: Settings
) -> None:
    assert same_server_address("HTTPS://Sync.Example.com:8765/", "https://sync.example.com:8765")
    assert same_server_address("http://sync_server:8765", "HTTP://SYNC_SERVER:8765//")
    assert not same_server_address("https://host/MineSales", "https://host/minesales")
    assert not same_server_address("http://host:8765", "https://host:8765")
    dialog = SyncSettingsDialog(settings, "rep1", "https://sync.example.com:8765/")
    qtbot.addWidget(dialog)
    dialog.show()
    for same in (
        "HTTPS://Sync.Example.com:8765/",
        "https://SYNC.example.com:8765",
        " https://sync.example.com:8765/ ",
    ):
        dialog.server.setText(same)
        assert dialog.message.text() == "", same
    dialog.server.setText("https://sync.example.com:8766")
    assert "This database syncs with https://sync.example.com:8765." in dialog.message.text()
    # a path is the server's own: its case is not ignored
    bound = SyncSettingsDialog(settings, "rep1", "https://sync.example.com/MineSales")
    qtbot.addWidget(bound)
    bound.server.setText("https://Sync.Example.com/MineSales/")
    assert bound.message.text() == ""
    bound.server.setText("https://sync.example.com/minesales")
    assert "If https://sync.example.com/minesales is the same server" in bound.message.text()


def test_a_database_never_synced_warns_about_nothing(qtbot: Any, settings: Settings) -> None:
    dialog = SyncSettingsDialog(settings, "rep1")  # as the window opens it before a first sync
    qtbot.addWidget(dialog)
    dialog.server.setText("https://any.example.com")
    dialog.login.setText("anyone")
    assert dialog.message.text() == ""


# --- the inbox and the rejected list at their opening size ------------------------------------
def _customer(engine: Engine) -> str:
    cid = str(uuid.uuid4())
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (id, code, name_zh, customer_type, tier, status,"
                " created_at, updated_at, is_deleted, name_pinyin, name_initials, search_text)"
                " VALUES (:id, 'C-BT-001', :n, 'STEEL_MILL', 'A', 'ACTIVE',"
                " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0, '', '', '')"
            ),
            {"id": cid, "n": LONG_NAME},
        )
    return cid


def _file_conflict(
    engine: Engine, tbl: str, row_id: str, fld: str, kind: str, mine: str, theirs: str
) -> None:
    """An inbox entry as the sync client files it (``SyncClient._record_conflict``)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value,"
                " theirs_value, mine_hlc, theirs_hlc, theirs_user_id, theirs_node, mine_won,"
                " detected_at) VALUES (:id, :t, :r, :f, :k, :m, :th, :mh, :thh, NULL,"
                " 'other-laptop', 0, '2026-11-29 08:00:00.000000')"
            ),
            {
                "id": str(uuid.uuid4()),
                "t": tbl,
                "r": row_id,
                "f": fld,
                "k": kind,
                "m": mine,
                "th": theirs,
                "mh": pack(1_795_000_000_000),
                "thh": pack(1_795_000_600_000),
            },
        )


def _open_inbox(qtbot: Any, tasks: TaskManager, db_path: Path, rows: int) -> ConflictInboxDialog:
    """The inbox as the Sync menu opens it (reload, then show), once its ``rows`` are in."""
    dialog = ConflictInboxDialog(tasks, db_path)
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == rows, timeout=10_000)
    return dialog


def _assert_short_columns_in_sight(view: Any, short: list[int], capped: dict[int, int]) -> None:
    width = view.viewport().width()
    for column in short:
        right = view.columnViewportPosition(column) + view.columnWidth(column)
        assert 0 <= view.columnViewportPosition(column) and right <= width, (column, right, width)
    assert not view.horizontalScrollBar().isVisible()
    digit = view.fontMetrics().horizontalAdvance("0")
    for column, cap in capped.items():
        assert view.columnWidth(column) <= cap * digit, column


def test_the_inbox_opens_wide_with_who_and_when_in_sight(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    cid = _customer(engine)
    _file_conflict(engine, "customers", cid, "notes", "value", f'"{MINE_NOTE}"', f'"{THEIR_NOTE}"')
    _file_conflict(engine, "customers", cid, "city", "value", '"包头市"', '"呼和浩特"')
    clash = "another record already has this value (UNIQUE constraint failed: customers.uscc)"
    _file_conflict(engine, "customers", cid, "*", "apply", f'"{clash}"', '{"code": "BT-1"}')
    dialog = ConflictInboxDialog(tasks, db_path)
    qtbot.addWidget(dialog)
    # Never wider than the screen has room for (the offscreen screen is 800 px wide).
    free = dialog.screen().availableGeometry()
    assert dialog.width() == min(1200, free.width() - 16)
    dialog.reload()  # as the Sync menu opens it: reload, then show
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=10_000)
    qtbot.wait(20)
    view = dialog.view
    _assert_short_columns_in_sight(view, [4, 5, 6], {0: 36, 1: 16, 2: 28, 3: 28})
    notes = next(r for r in range(3) if dialog.model.index(r, 1).data() == "Notes")
    # Elided on screen, whole in the tooltip.
    tip = _tip_text(dialog.model.index(notes, 2).data(Qt.ItemDataRole.ToolTipRole))
    assert tip == MINE_NOTE and view.columnWidth(2) < view.fontMetrics().horizontalAdvance(tip)
    record_tip = dialog.model.index(notes, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert _tip_text(record_tip).endswith(LONG_NAME)
    _shot(dialog, "inbox_default_en")

    # On a wide screen, at 1200 px: the record column no longer takes a third of the width
    # (once the resize rests: the columns are fitted once per drag, not per pixel).
    dialog.resize(1200, 460)
    qtbot.waitUntil(lambda: view.columnWidth(0) < view.viewport().width() / 4, timeout=2_000)
    _assert_short_columns_in_sight(view, [4, 5, 6], {0: 36})
    _shot(dialog, "inbox_1200_en")

    # A reload (after a sync or a resolution) fits them again.
    _file_conflict(engine, "customers", cid, "address", "value", '"包头市昆都仑区"', '"包头"')
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    _assert_short_columns_in_sight(view, [4, 5, 6], {0: 36})
    assert not dialog.columns_set_by_hand

    # A column the person drags keeps its width when the dialog is resized.
    view.setColumnWidth(0, 400)
    dialog.resize(1100, 460)
    qtbot.wait(dialog.FIT_DELAY_MS * 3)
    assert view.columnWidth(0) == 400 and dialog.columns_set_by_hand


def test_dragging_the_dialogs_edge_fits_the_columns_once_it_rests(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting measures every cell of every row: a drag's many resizes fit the columns once."""
    cid = _customer(engine)
    for n in range(300):
        _file_conflict(engine, "customers", cid, "notes", "value", f'"{MINE_NOTE} {n}"', '"x"')
    dialog = _open_inbox(qtbot, tasks, db_path, 300)
    qtbot.wait(dialog.FIT_DELAY_MS * 2)
    fits: list[int] = []
    real = sync_dialogs.fit_columns
    monkeypatch.setattr(
        sync_dialogs, "fit_columns", lambda view, *a: (fits.append(view.width()), real(view, *a))
    )
    for width in range(700, 780, 4):  # a drag: 20 resizes, each an event of its own
        dialog.resize(width, 460)
        qtbot.wait(5)
    assert fits == []  # not per pixel
    qtbot.waitUntil(lambda: len(fits) == 1, timeout=2_000)
    qtbot.wait(dialog.FIT_DELAY_MS * 2)
    assert len(fits) == 1 and fits[0] == dialog.view.width()
    _assert_short_columns_in_sight(dialog.view, [4, 5, 6], {0: 36, 1: 16, 2: 28, 3: 28})


def test_the_column_texts_fit_each_kind_of_entry(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    """No "Theirs (kept)" over an entry whose server value was not applied."""
    cid = _customer(engine)
    _file_conflict(engine, "customers", cid, "city", "value", '"包头市"', '"呼和浩特"')
    clash = "another record already has this value (UNIQUE constraint failed: customers.uscc)"
    _file_conflict(engine, "customers", cid, "*", "apply", f'"{clash}"', '"BT-1"')
    dialog = _open_inbox(qtbot, tasks, db_path, 2)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers[2:4] == ["Yours", "Server's"]
    rows = {
        dialog.model.index(r, 1).data(): [dialog.model.index(r, c).data() for c in (2, 3)]
        for r in range(2)
    }
    assert rows["City"] == ["包头市", "呼和浩特"]
    assert rows["(new record)"] == ["—", "Not applied here: (whole record)"]
    dialog.view.selectRow(next(r for r in range(2) if dialog.model.index(r, 1).data() == "City"))
    assert "The server kept theirs" in dialog.detail.text()
    assert dialog.keep_mine.text() == "Keep &mine" and dialog.keep_theirs.text() == "Keep &theirs"


def test_the_rejected_list_keeps_its_times_in_sight(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    cid = _customer(engine)
    reason = (
        "outside your rights: only the record's owner, their manager or an administrator may"
        " change the notes of a customer another team manages"
    )
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_rejected (op_id, tbl, row_id, field, value, reason, hlc,"
                " rejected_at, dismissed) VALUES (:o, 'customers', :r, 'notes', :v, :reason,"
                " :h, '2026-11-29 08:00:00.000000', 0)"
            ),
            {"o": str(uuid.uuid4()), "r": cid, "v": f'"{MINE_NOTE}"', "reason": reason,
             "h": pack(1_795_000_000_000)},
        )  # fmt: skip
    dialog = RejectedChangesDialog(tasks, db_path)
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtbot.wait(20)
    _assert_short_columns_in_sight(dialog.view, [4, 5], {0: 36, 3: 44})
    tip = _tip_text(dialog.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole))
    assert tip == dialog.model.items[0].reason
    assert _tip_text(dialog.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)) == MINE_NOTE
    assert not dialog.model.items[0].is_new_record
    # An ordinary refused change reads as before: the server's value is back.
    assert dialog.detail.text().startswith(f"Customer {LONG_NAME} — Notes: ")
    assert "Reason: " in dialog.detail.text() and "removed" not in dialog.detail.text()
    _shot(dialog, "rejected_default_en")


# --- values that look like HTML ---------------------------------------------------------------
HTML_NAME = "<b>包钢</b>"


def _rejected(engine: Engine, row_id: str, field: str, value: str, reason: str) -> None:
    """A rejected change as the sync client files it (``SyncClient`` on a refused op)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_rejected (op_id, tbl, row_id, field, value, reason, hlc,"
                " rejected_at, dismissed) VALUES (:o, 'customers', :r, :f, :v, :reason,"
                " :h, '2026-11-29 08:00:00.000000', 0)"
            ),
            {"o": str(uuid.uuid4()), "r": row_id, "f": field, "v": value, "reason": reason,
             "h": pack(1_795_000_000_000)},
        )  # fmt: skip


def _plain_everywhere(dialog: Any, *values: str) -> None:
    """Every label that shows one of ``values`` shows it as text, not as HTML."""
    showing = [w for w in dialog.findChildren(QLabel) if any(v in w.text() for v in values)]
    assert showing
    for label in showing:
        assert QtGui.Qt.mightBeRichText(label.text())  # as AutoText, Qt would have read it as HTML
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_values_that_look_like_html_are_shown_as_typed(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager, settings: Settings
) -> None:
    cid = _customer(engine)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET name_zh = :n WHERE id = :i"), {"n": HTML_NAME, "i": cid}
        )
    _file_conflict(engine, "customers", cid, "notes", "value", '"a<b c"', '"<i>年度长协</i>"')
    inbox = _open_inbox(qtbot, tasks, db_path, 1)
    detail = inbox.detail.text()
    assert f"Customer {HTML_NAME} — Notes\nMine: a<b c\n" in detail
    assert detail.endswith(": <i>年度长协</i>\nThe server kept theirs. Keep mine puts yours back "
                           "(it is sent at the next sync).")  # fmt: skip
    _plain_everywhere(inbox, HTML_NAME, "a<b c")
    tips = [inbox.model.index(0, c).data(Qt.ItemDataRole.ToolTipRole) for c in range(4)]
    assert [_tip_text(t) for t in tips] == [
        f"Customer {HTML_NAME}",
        "Notes",
        "a<b c",
        "<i>年度长协</i>",
    ]
    _shot(inbox, "inbox_html_values_en")

    # a refused new record: the flag, not the field's label, says so; what it held, as typed
    _rejected(engine, str(uuid.uuid4()), "*",
              '{"code": "H-1", "name_zh": "<b>新客户", "city": "<u>包头"}',
              "outside your rights: you may not see this record")  # fmt: skip
    _rejected(engine, cid, "city", '"<u>呼和浩特"', "outside your rights: you may not see this")
    rejected = RejectedChangesDialog(tasks, db_path)
    qtbot.addWidget(rejected)
    rejected.reload()
    rejected.show()
    qtbot.waitUntil(lambda: rejected.model.rowCount() == 2, timeout=10_000)
    new_record = next(r for r in range(2) if rejected.model.items[r].is_new_record)
    rejected.view.selectRow(new_record)
    held = rejected.detail.text()
    assert "a new record the server refused" in held
    assert "\n    City: <u>包头" in held and "Customer <b>新客户 (H-1)" in held
    _plain_everywhere(rejected, "<u>包头")
    _shot(rejected, "rejected_html_values_en")
    rejected.view.selectRow(1 - new_record)
    assert rejected.detail.text().startswith(f"Customer {HTML_NAME} — City: <u>呼和浩特\n")
    assert not rejected.model.items[1 - new_record].is_new_record

    # what a person typed in the settings and the sign-in
    dialog = SyncSettingsDialog(settings, "rep1", "https://sync.example.com", bound_login="rep1")
    qtbot.addWidget(dialog)
    dialog.login.setText("<b>rep2")
    _plain_everywhere(dialog, "<b>rep2")
    sign_in = PasswordDialog("https://sync.example.com", "<b>rep1", "Wrong <i>password</i>")
    qtbot.addWidget(sign_in)
    _plain_everywhere(sign_in, "<b>rep1", "<i>password")


# --- delete against edit, from a real server --------------------------------------------------
def _inbox_on(qtbot: Any, laptop: Laptop, rows: int) -> tuple[ConflictInboxDialog, TaskManager]:
    tasks = TaskManager(make_session_factory(laptop.engine))
    return _open_inbox(qtbot, tasks, laptop.path, rows), tasks


def _select(dialog: ConflictInboxDialog, record: str) -> None:
    rows = dialog.model.rowCount()
    dialog.view.selectRow(next(r for r in range(rows) if record in dialog.model.index(r, 0).data()))


def test_a_delete_that_lost_to_an_edit_reads_as_such_and_delete_anyway_deletes(
    qtbot: Any, laptops: Any, server: ServerProcess
) -> None:
    editor, deleter = laptops("mgr"), laptops("admin")
    editor.sync()
    first = new_customer(editor, "D1", owner=editor.user_id("rep1"), name_zh="酒泉钢铁")
    second = new_customer(editor, "D2", owner=editor.user_id("rep1"), name_zh="攀钢集团")
    editor.sync()
    deleter.sync()
    # 王经理 edits 酒泉钢铁 while the admin deletes it (the edit reaches the server first), and
    # the admin deletes 攀钢集团 while 王经理 edits it (the delete reaches the server first).
    editor.sql("UPDATE customers SET notes = '仍在合作' WHERE id = :id", id=first)
    deleter.sql("UPDATE customers SET is_deleted = 1 WHERE id = :id", id=first)
    deleter.sql("UPDATE customers SET is_deleted = 1 WHERE id = :id", id=second)
    editor.sql("UPDATE customers SET notes = '已拜访' WHERE id = :id", id=second)
    editor.sync()
    deleter.sync()
    editor.sync()
    deleter.sync()

    dialog, tasks = _inbox_on(qtbot, deleter, 2)
    try:
        assert {c.kind for c in dialog.model.items} == {"delete"}
        _select(dialog, "酒泉钢铁")
        row = dialog.view.currentIndex().row()
        cells = [dialog.model.index(row, c).data() for c in range(5)]
        assert cells == ["Customer 酒泉钢铁", "(whole record)", "Deleted", "Changed, so kept",
                         "王经理"]  # fmt: skip
        detail = dialog.detail.text()
        assert detail.startswith("Customer 酒泉钢铁\nYou deleted this record (")
        assert "but 王经理 changed it while you were apart" in detail
        assert "so the server kept it, with their change" in detail
        assert "Delete anyway: it is deleted here and for everyone at the next sync" in detail
        assert "Mine:" not in detail and "Theirs" not in detail
        assert dialog.keep_mine.text() == "&Delete anyway" and dialog.keep_mine.isEnabled()
        assert dialog.keep_theirs.text() == "&Keep the record"
        _shot(dialog, "inbox_delete_en")

        # Delete anyway: deleted here at once, and for everyone after the next sync.
        dialog.keep_mine.click()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        assert deleter.sql("SELECT is_deleted FROM customers WHERE id = :i", i=first) == [(1,)]
        with deleter.engine.connect() as conn:
            assert pending_count(conn) == 1
        # The remaining entry is a delete too: the buttons keep its words.
        assert dialog.keep_mine.text() == "&Delete anyway"
        assert "攀钢集团" in dialog.detail.text()
        # Keep the record: it stays, nothing to send.
        dialog.keep_theirs.click()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
        assert deleter.sql("SELECT is_deleted FROM customers WHERE id = :i", i=second) == [(0,)]
        assert dialog.empty.isVisibleTo(dialog) and not dialog.view.isVisibleTo(dialog)
        assert dialog.empty.text() == "No conflicts to review."
        _shot(dialog, "inbox_empty_en")
        assert dialog.detail.text() == "" and not dialog.keep_mine.isEnabled()
        assert dialog.keep_mine.text() == "Keep &mine"
    finally:
        dialog.close()
        tasks.shutdown()

    deleter.sync()
    editor.sync()
    assert server_rows(
        server, "SELECT code, is_deleted FROM customers WHERE code IN ('D1', 'D2') ORDER BY code"
    ) == [("D1", 1), ("D2", 0)]
    assert editor.sql("SELECT is_deleted FROM customers WHERE id = :i", i=first) == [(1,)]


# --- a refused new record ---------------------------------------------------------------------
def test_a_refused_new_record_says_it_was_removed_and_what_it_held(
    qtbot: Any, laptops: Any
) -> None:
    first, second = laptops("mgr"), laptops("admin")
    first.sync()
    second.sync()
    owner = first.user_id("rep1")
    new_customer(first, "DUP-1", owner=owner, name_zh="酒钢宏兴")
    first.sync()
    # The admin, not yet pulled, makes another customer under the same code: refused.
    mine = new_customer(second, "DUP-1", owner=owner, name_zh="酒泉钢铁", city="嘉峪关")
    report = second.sync()
    assert report.rejected == 1
    assert second.sql("SELECT count(*) FROM customers WHERE id = :i", i=mine) == [(0,)]

    tasks = TaskManager(make_session_factory(second.engine))
    dialog = RejectedChangesDialog(tasks, second.path)
    qtbot.addWidget(dialog)
    try:
        dialog.reload()
        dialog.show()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        item = dialog.model.items[0]
        assert item.is_new_record
        detail = dialog.detail.text()
        assert "a new record the server refused" in detail
        assert (
            "It was removed from this computer. Once the reason is dealt with, enter it again."
            in detail
        )
        assert "shows the server's value again" not in detail
        assert "Reason: " + item.reason in detail
        # What it held, to enter it again (the service lists the record's fields).
        assert "\nWhat it held:" in detail
        for label, value in item.fields:
            assert f"\n    {label}: {value}" in detail
        held = dict(item.fields)
        assert held["Code"] == "DUP-1" and held["City"] == "嘉峪关"
        assert "酒泉钢铁" in held.values()
        assert dialog.detail_area.height() > 0
        _shot(dialog, "rejected_new_record_en")
    finally:
        dialog.close()
        tasks.shutdown()


# --- Chinese ----------------------------------------------------------------------------------
def test_the_dialogs_read_in_chinese_with_one_form_of_address(
    chinese: None, qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager, settings: Settings
) -> None:
    cid = _customer(engine)
    _file_conflict(engine, "customers", cid, "is_deleted", "delete", "1", "0")
    _file_conflict(engine, "customers", cid, "notes", "value", f'"{MINE_NOTE}"', f'"{THEIR_NOTE}"')
    dialog = _open_inbox(qtbot, tasks, db_path, 2)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers[2:4] == ["你的值", "服务器的值"]
    dialog.view.selectRow(next(r for r in range(2) if dialog.model.items[r].kind == "delete"))
    assert dialog.keep_mine.text() == "仍然删除(&D)"
    assert dialog.keep_theirs.text() == "保留该记录(&K)"
    detail = dialog.detail.text()
    assert "你删除了这条记录" in detail and "因此服务器保留了这条记录及其修改" in detail
    _shot(dialog, "inbox_delete_zh_CN")
    texts = [w.text() for w in dialog.findChildren(type(dialog.detail))] + [detail]
    dialog.view.selectRow(next(r for r in range(2) if dialog.model.items[r].kind == "value"))
    assert dialog.keep_mine.text() == "保留本地(&M)"
    texts.append(dialog.detail.text())
    _shot(dialog, "inbox_value_zh_CN")

    settings_dialog = SyncSettingsDialog(
        settings, "rep1", "https://sync.example.com", bound_login="rep1"
    )
    qtbot.addWidget(settings_dialog)
    settings_dialog.show()
    settings_dialog.server.setText("https://sync2.example.com")
    settings_dialog.login.setText("rep2")
    warning = settings_dialog.message.text()
    assert "此数据库以 rep1 的身份同步。以 rep2 的身份同步将被拒绝，本机不会有任何更改" in warning
    assert "如果 https://sync2.example.com 是同一服务器的新地址" in warning
    texts.append(warning)
    _shot(settings_dialog, "settings_warnings_zh_CN")
    settings_dialog.server.setText("https://sync.example.com:99999")
    settings_dialog.submit()
    assert settings_dialog.message.text() == "端口（冒号后面的数字）必须在 1 到 65535 之间。"
    assert not [t for t in texts if "您" in t]
    assert any("你" in t for t in texts)
