"""A quote or a lot the server renumbered (two laptops made the same version or lot offline,
``tests/sync/test_quote_versions.py``, ``tests/sync/test_lot_numbers.py``) reads as a notice in
the conflict inbox: the number the rep made, the one it has now, who made it first — and
nothing to put back."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from minesales_desktop.sync.changes import RENUMBERED_KIND
from minesales_desktop.sync.hlc import pack
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.dialogs.sync_dialogs import ConflictInboxDialog


def _inbox_with_notice(
    qtbot: Any,
    engine: Engine,
    db_path: Path,
    tasks: TaskManager,
    tbl: str,
    fld: str,
    mine: str,
    theirs: str,
    kind: str = RENUMBERED_KIND,
) -> ConflictInboxDialog:
    """The inbox, opened as the Sync menu opens it, on one renumbering notice as the sync
    client files it (``_record_renumbered``), selected."""
    stamp = pack(1_795_000_000_000)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value,"
                " theirs_value, mine_hlc, theirs_hlc, theirs_user_id, theirs_node, mine_won,"
                " detected_at) VALUES (:id, :tbl, :r, :f, :k, :m, :t, :h, :h, NULL,"
                " 'other-laptop', 0, '2026-11-27 08:00:00.000000')"
            ),
            {
                "id": str(uuid.uuid4()),
                "tbl": tbl,
                "r": str(uuid.uuid4()),
                "f": fld,
                "k": kind,
                "m": f'"{mine}"',
                "t": theirs if theirs.startswith("{") else f'"{theirs}"',
                "h": stamp,
            },
        )
    dialog = ConflictInboxDialog(tasks, db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload()  # as the Sync menu opens it (``sync_ui``)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    dialog.view.selectRow(0)
    return dialog  # fmt: skip


def test_a_renumbered_quote_is_a_notice_in_the_inbox(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    dialog = _inbox_with_notice(
        qtbot, engine, db_path, tasks, "quotes", "quote_no",
        "OPP-2611-000001-Q2", "OPP-2611-000001-Q3",
    )  # fmt: skip
    detail = dialog.detail.text()
    assert "You made it as OPP-2611-000001-Q2" in detail
    assert "numbered yours OPP-2611-000001-Q3" in detail
    assert not dialog.keep_mine.isEnabled() and dialog.keep_theirs.isEnabled()
    assert dialog.keep_theirs.text() == "&Noted" and dialog.notices.isVisibleTo(dialog)
    dialog.keep_theirs.click()  # read: the entry closes, the number stays
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    assert not dialog.notices.isVisibleTo(dialog) and dialog.keep_theirs.text() == "Keep &theirs"


def test_a_renumbered_lot_reads_as_a_lot_notice(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    dialog = _inbox_with_notice(
        qtbot, engine, db_path, tasks, "shipments", "lot_no", "HT-2026-007-L01", "HT-2026-007-L02"
    )
    assert dialog.model.index(0, 1).data() == "Lot number"
    detail = dialog.detail.text()
    assert "Your lot was numbered HT-2026-007-L01" in detail
    assert "numbered yours HT-2026-007-L02" in detail and "shipping papers" in detail
    assert not dialog.keep_mine.isEnabled() and dialog.keep_theirs.text() == "&Noted"


def test_a_pulled_change_that_could_not_be_applied_says_what_happens_next(
    qtbot: Any, engine: Engine, db_path: Path, tasks: TaskManager
) -> None:
    """An ``apply`` entry (a pulled row that clashed with data here, most often an edit not
    yet sent): read-only, and it says the next sync asks the server for the record once more
    (``SyncClient._ask_again``)."""
    clash = "another record already has this value (UNIQUE constraint failed: customers.uscc)"
    row = '{"code": "BT-1", "name_zh": "包头钢铁", "uscc": "91150200MA0N12345X"}'
    dialog = _inbox_with_notice(
        qtbot, engine, db_path, tasks, "customers", "*", clash, row, "apply"
    )
    detail = dialog.detail.text()
    assert "could not be applied here" in detail and clash not in detail
    # the database's words, as the field they name (``sync_service.database_refusal``)
    assert "USCC is the same as a record already on this computer" in detail
    assert "asks it for this record once more" in detail
    # the pulled record's values, field by field (not "(whole record)")
    assert detail.endswith(
        "Theirs: \n    Code: BT-1\n    Name (Chinese): 包头钢铁\n    USCC: 91150200MA0N12345X"
    )
    assert not dialog.keep_mine.isEnabled() and dialog.keep_theirs.text() == "&Noted"
    dialog.resize(720, 420)
    dialog.grab().save(str(db_path.parent / "inbox_apply.png"))
