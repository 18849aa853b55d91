"""Sync dialogs: server settings, the password prompt, the conflict inbox and rejected changes.

The inbox and the rejected list are non-modal: a person can keep them open while working and
they refresh when a sync or a resolution changes them (``data_changed`` with the ``sync`` kind).
Their data and actions go through the database worker (``services.sync_service``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services import sync_service
from minesales_desktop.services.sync_service import SYNC_KIND, ConflictView, RejectedView
from minesales_desktop.settings import SYNC_LOGIN, SYNC_SERVER_URL, Settings
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.format import date

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


# --- settings and password --------------------------------------------------------------------
def valid_server_url(url: str) -> bool:
    scheme, sep, rest = url.partition("://")
    return bool(sep) and scheme in ("http", "https") and bool(rest.strip("/"))


class SyncSettingsDialog(QDialog):
    """Server URL and login. The password is never stored: it is asked when syncing."""

    def __init__(
        self,
        settings: Settings,
        default_login: str,
        bound_server: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync settings"))
        self.setMinimumWidth(460)
        self._settings = settings
        self._bound_server = (bound_server or "").rstrip("/")
        self.server = QLineEdit(settings.get(SYNC_SERVER_URL) or self._bound_server)
        self.server.setObjectName("sync_server")
        self.server.setPlaceholderText(self.tr("e.g. https://sync.example.com:8765"))
        self.login = QLineEdit(settings.get(SYNC_LOGIN) or default_login)
        self.login.setObjectName("sync_login")
        note = QLabel(
            self.tr(
                "The password is asked when you sync and is never saved to disk; you may keep "
                "it in memory until you close MineSales."
            )
        )
        note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("sync_settings_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("User name"), self.login)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.server.textChanged.connect(self._check_binding)
        self._check_binding()

    def _check_binding(self) -> None:
        url = self.server.text().strip().rstrip("/")
        if self._bound_server and url and url != self._bound_server:
            self.message.setText(
                self.tr(
                    "This database syncs with %1. To sync with another server, start a new "
                    "database (File → New database…)."
                ).replace("%1", self._bound_server)
            )
        else:
            self.message.clear()

    def submit(self) -> None:
        url = self.server.text().strip().rstrip("/")
        login = self.login.text().strip()
        if not valid_server_url(url):
            self.message.setText(
                self.tr("Enter the server address, starting with https:// or http://.")
            )
            self.server.setFocus()
            return
        if not login:
            self.message.setText(self.tr("Enter your user name on the sync server."))
            self.login.setFocus()
            return
        self._settings.set(SYNC_SERVER_URL, url)
        self._settings.set(SYNC_LOGIN, login)
        self.accept()


class PasswordDialog(QDialog):
    """Asks for the sync password; it may be kept in memory for this session, never on disk."""

    def __init__(
        self,
        server_url: str,
        login: str,
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync — sign in"))
        self.setMinimumWidth(400)
        intro = QLabel(
            self.tr("Sign in to %1 as %2.").replace("%1", server_url).replace("%2", login)
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("sync_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember until I close MineSales"))
        self.remember.setObjectName("sync_remember")
        self.remember.setChecked(True)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setVisible(bool(message))
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sync"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("Enter your password."))
            self.message.show()
            return
        self.accept()


# --- list models ------------------------------------------------------------------------------
class _ListModel(QAbstractTableModel, Generic[T]):
    """A small read-only table over a list of DTOs (the inbox is short; no paging needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(self.columns())
        self.items: list[T] = []

    def columns(self) -> Sequence[tuple[str, Callable[[T], str]]]:
        raise NotImplementedError

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()][1](self.items[index.row()])
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section][0]
        return None


class ConflictModel(_ListModel[ConflictView]):
    def columns(self) -> Sequence[tuple[str, Callable[[ConflictView], str]]]:
        return [
            (self.tr("Record"), lambda c: c.record),
            (self.tr("Field"), lambda c: c.field),
            (self.tr("Mine"), lambda c: c.mine),
            (self.tr("Theirs (kept)"), lambda c: c.theirs),
            (self.tr("Changed by"), lambda c: c.their_user),
            (self.tr("Their change"), lambda c: date(c.their_time)),
            (self.tr("My change"), lambda c: date(c.my_time)),
        ]


class RejectedModel(_ListModel[RejectedView]):
    def columns(self) -> Sequence[tuple[str, Callable[[RejectedView], str]]]:
        return [
            (self.tr("Record"), lambda r: r.record),
            (self.tr("Field"), lambda r: r.field),
            (self.tr("My value"), lambda r: r.value),
            (self.tr("Reason"), lambda r: r.reason),
            (self.tr("Changed"), lambda r: date(r.made_at)),
            (self.tr("Rejected"), lambda r: date(r.rejected_at)),
        ]


# --- inbox dialogs ----------------------------------------------------------------------------
def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class _SyncListDialog(QDialog):
    """Shared shape: a table, a detail line for the selected row, action buttons, Close."""

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.db_path = db_path
        self.resize(980, 420)
        self.detail = QLabel()
        self.detail.setObjectName("sync_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("sync_message")
        self.message.setStyleSheet("color: #b3261e;")
        tasks.data_changed.connect(self._data_changed)

    def _layout(self, view: QTableView) -> None:
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        self.buttons.addStretch(1)
        self.buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())

    def _data_changed(self, kinds: frozenset[str]) -> None:
        if SYNC_KIND in kinds and self.isVisible():
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(str(exc))

    def reload(self) -> None:
        raise NotImplementedError

    def _selection_changed(self) -> None:
        raise NotImplementedError


class ConflictInboxDialog(_SyncListDialog):
    """冲突收件箱: each field two people changed at once; the server kept one value (theirs)."""

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(tasks, db_path, parent)
        self.setWindowTitle(self.tr("Conflict inbox"))
        intro = QLabel(
            self.tr(
                "You and someone else changed the same field while apart. The server kept "
                "their value; keep it, or put yours back (it is sent at the next sync)."
            )
        )
        intro.setWordWrap(True)
        # Shown while the list holds notices (a quote or a lot the server numbered anew):
        # nothing to choose there, only to read and close.
        self.notices = QLabel(
            self.tr(
                "A quote number or lot number entry is a notice: while apart, you and someone "
                "else made a quote version, or drew a lot, under the same number, and the server "
                "moved yours on to the next one. Nothing to choose: read it and close it with "
                "Noted."
            )
        )
        self.notices.setObjectName("conflict_notices")
        self.notices.setWordWrap(True)
        self.notices.setVisible(False)
        self.model = ConflictModel(self)
        self.view = _table(self.model, "conflict_table")
        self.keep_mine = QPushButton(self.tr("Keep &mine"))
        self.keep_mine.setObjectName("keep_mine")
        self.keep_theirs = QPushButton(self.tr("Keep &theirs"))
        self.keep_theirs.setObjectName("keep_theirs")
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.buttons.addWidget(self.keep_mine)
        self.buttons.addWidget(self.keep_theirs)
        self._layout(self.view)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, intro)
        layout.insertWidget(1, self.notices)
        self.empty.setText(self.tr("No conflicts. Everything you changed was kept."))
        self._selection_changed()

    def reload(self) -> None:
        path = self.db_path
        self.tasks.run(
            lambda _s: sync_service.list_conflicts(path), self._loaded, self._failed,
            label="sync: conflicts",
        )  # fmt: skip

    def _loaded(self, items: list[ConflictView]) -> None:
        current = self.current()
        self.model.set_items(items)
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.notices.setVisible(any(c.renumbered for c in items))
        row = 0
        if current is not None:
            row = next((i for i, c in enumerate(items) if c.id == current.id), 0)
        if items:
            self.view.selectRow(row)
            self.view.resizeColumnsToContents()
            for column in (2, 3):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 220))
        self._selection_changed()

    def current(self) -> ConflictView | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        item = self.current()
        self.keep_mine.setEnabled(item is not None and item.keepable)
        self.keep_theirs.setEnabled(item is not None)
        # An entry for reading only (a notice, a pulled change that could not be applied):
        # closing it puts nothing back.
        read_only = item is not None and not item.keepable
        self.keep_theirs.setText(self.tr("&Noted") if read_only else self.tr("Keep &theirs"))
        if item is None:
            self.detail.clear()
            return
        if item.renumbered and item.table == "shipments":  # a notice: nothing to choose
            template = self.tr(
                "%1 — %2\nYour lot was numbered %3; %4 drew a lot with that number first (%5), "
                "so the server numbered yours %6. Correct any shipping papers that carry the old "
                "number."
            )
        elif item.renumbered:
            template = self.tr(
                "%1 — %2\nYou made it as %3; %4 made that version first (%5), so the "
                "server numbered yours %6. Tell the customer if they have the old number."
            )
        elif item.kind == "apply":
            template = self.tr(
                "%1 — %2\nThis change by %4 (%5) could not be applied here: it clashes with "
                "data on this computer (%3), most often a change of yours not yet sent. Once the "
                "server has decided about yours, the next sync asks it for this record once "
                "more; if it clashes again, it stays here for you to check.\nTheirs: %6"
            )
        else:
            template = self.tr("%1 — %2\nMine: %3\nTheirs (%4, %5): %6")
        self.detail.setText(
            template.replace("%1", item.record)
            .replace("%2", item.field)
            .replace("%3", item.mine)
            .replace("%4", item.their_user)
            .replace("%5", date(item.their_time))
            .replace("%6", item.theirs)
        )

    def resolve(self, keep: str) -> None:
        item = self.current()
        if item is None:
            return
        self.message.clear()
        path, conflict_id = self.db_path, item.id
        which: Any = "mine" if keep == "mine" else "theirs"
        writes = sync_service.kinds_for_tables({item.table}) if which == "mine" else {SYNC_KIND}
        self.tasks.run(
            lambda _s: sync_service.resolve_conflict(path, conflict_id, which),
            None,
            self._failed,
            writes=writes,
            label="sync: resolve conflict",
        )


class RejectedChangesDialog(_SyncListDialog):
    """被拒绝的更改: changes the server refused, with its reason; the laptop holds the server's
    value again. Dismiss once read."""

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(tasks, db_path, parent)
        self.setWindowTitle(self.tr("Rejected changes"))
        intro = QLabel(
            self.tr(
                "The server refused these changes; this computer shows the server's value "
                "again. Ask your manager if a change should be made."
            )
        )
        intro.setWordWrap(True)
        self.model = RejectedModel(self)
        self.view = _table(self.model, "rejected_table")
        self.dismiss = QPushButton(self.tr("&Dismiss"))
        self.dismiss.setObjectName("dismiss_rejected")
        self.dismiss.clicked.connect(self.dismiss_current)
        self.buttons.addWidget(self.dismiss)
        self._layout(self.view)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, intro)
        self.empty.setText(self.tr("No rejected changes."))
        self._selection_changed()

    def reload(self) -> None:
        path = self.db_path
        self.tasks.run(
            lambda _s: sync_service.list_rejected(path), self._loaded, self._failed,
            label="sync: rejected",
        )  # fmt: skip

    def _loaded(self, items: list[RejectedView]) -> None:
        self.model.set_items(items)
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)
        if items:
            self.view.selectRow(0)
            self.view.resizeColumnsToContents()
        self._selection_changed()

    def current(self) -> RejectedView | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        item = self.current()
        self.dismiss.setEnabled(item is not None)
        if item is None:
            self.detail.clear()
            return
        self.detail.setText(
            self.tr("%1 — %2: %3\nReason: %4")
            .replace("%1", item.record)
            .replace("%2", item.field)
            .replace("%3", item.value)
            .replace("%4", item.reason)
        )

    def dismiss_current(self) -> None:
        item = self.current()
        if item is None:
            return
        self.message.clear()
        path, op_id = self.db_path, item.op_id
        self.tasks.run(
            lambda _s: sync_service.dismiss_rejected(path, op_id),
            None,
            self._failed,
            writes=(SYNC_KIND,),
            label="sync: dismiss rejected",
        )
