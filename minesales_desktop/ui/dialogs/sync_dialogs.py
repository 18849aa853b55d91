"""Sync dialogs: server settings, the password prompt, the conflict inbox and rejected changes.

The inbox and the rejected list are non-modal: a person can keep them open while working and
they refresh when a sync or a resolution changes them (``data_changed`` with the ``sync`` kind).
Their data and actions go through the database worker (``services.sync_service``).
"""

from __future__ import annotations

import html
import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
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
    QScrollArea,
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


def _fill(template: str, *values: str) -> str:
    """``%1``, ``%2`` … replaced in one pass (a value holding "%2" stays as it is)."""
    return re.sub(
        r"%(\d)",
        lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values) else m[0],
        template,
    )


# --- settings and password --------------------------------------------------------------------
def _valid_host(host: str) -> bool:
    """A host name (letters, digits, hyphens, dots; underscores too, as Docker and Windows
    name computers: ``sync_server``) or an IP address."""
    if ":" in host:  # an IPv6 address, written in brackets in the address
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    labels = host.rstrip(".").split(".")
    return all(
        label and not label.startswith("-") and not label.endswith("-")
        and all(ch.isalnum() or ch in "-_" for ch in label)
        for label in labels
    )  # fmt: skip


def server_url_problem(url: str) -> str | None:
    """What is wrong with a sync server address, in the user's words; ``None`` when it will do:
    http or https, a host name or IP address, no spaces, a port from 1 to 65535 if any."""
    url = url.strip()
    if not url:
        return QCoreApplication.translate(
            "SyncSettingsDialog", "Enter the server address, starting with https:// or http://."
        )
    if any(ch.isspace() for ch in url):
        return QCoreApplication.translate(
            "SyncSettingsDialog",
            "The server address cannot contain spaces: check what was typed or pasted.",
        )
    if any(ch in url for ch in "：／。"):  # typed with a Chinese input method on
        return QCoreApplication.translate(
            "SyncSettingsDialog",
            "Type the server address with half-width punctuation (: / .), not full-width "
            "(： ／ 。).",
        )
    scheme, sep, _rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return QCoreApplication.translate(
            "SyncSettingsDialog", "The server address must start with https:// or http://."
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        host, parts = "", None
    if parts is not None and "@" in parts.netloc:
        # A password in the address would be saved in the settings file.
        return QCoreApplication.translate(
            "SyncSettingsDialog",
            "Leave the user name and password out of the server address: enter the user name "
            "below; the password is asked when you sync.",
        )
    if not host:
        return QCoreApplication.translate(
            "SyncSettingsDialog",
            "Enter the server's name or IP address after %1, e.g. %1sync.example.com.",
        ).replace("%1", f"{scheme.lower()}://")
    if not _valid_host(host):
        return QCoreApplication.translate(
            "SyncSettingsDialog",
            "“%1” is not a server name: use letters, digits, hyphens, underscores and dots only.",
        ).replace("%1", host)
    assert parts is not None
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or parts.netloc.endswith(":"):
        return QCoreApplication.translate(
            "SyncSettingsDialog", "The port (the number after the colon) must be from 1 to 65535."
        )
    if parts.query or parts.fragment:
        return QCoreApplication.translate(
            "SyncSettingsDialog", "The server address cannot contain “?” or “#”."
        )
    return None


def valid_server_url(url: str) -> bool:
    return server_url_problem(url) is None


def same_server_address(first: str, second: str) -> bool:
    """Whether two addresses name the same place: scheme and host in any case, a trailing
    slash or not (``HTTPS://Host:8765/`` is ``https://host:8765``); the path keeps its case."""

    def key(url: str) -> tuple[str, ...]:
        url = url.strip()
        try:
            parts = urlsplit(url)
        except ValueError:
            return (url.rstrip("/"),)
        return (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query)

    return key(first) == key(second)


def _field_lines(fields: Sequence[tuple[str, str]]) -> str:
    """A whole record's (label, value) pairs, one indented line each (a refused new record, a
    pulled one that could not be applied)."""
    line = QCoreApplication.translate("SyncDialogs", "\n    %1: %2")
    return "".join(_fill(line, label, value) for label, value in fields)


def _plain_label(text: str = "") -> QLabel:
    """A label for text that may hold values from the database (typed by anyone): shown as it
    is, never read as HTML ("<b>x" is not bold)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is: Qt reads a tooltip that looks like HTML as HTML,
    so the text goes in escaped, as rich text that keeps its spaces and line breaks (and wraps
    a long one)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


class SyncSettingsDialog(QDialog):
    """Server URL and login. The password is never stored: it is asked when syncing.

    A database syncs with one server as one user (``sync_state``): the sync refuses another
    server or another login, and changes nothing. Another address is allowed (the same server
    may move), so the dialog warns rather than refuses."""

    def __init__(
        self,
        settings: Settings,
        default_login: str,
        bound_server: str | None = None,
        parent: QWidget | None = None,
        *,
        bound_login: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync settings"))
        self.setMinimumWidth(460)
        self._settings = settings
        self._bound_server = (bound_server or "").rstrip("/")
        self._bound_login = (bound_login or "").strip()
        self.server = QLineEdit(settings.get(SYNC_SERVER_URL) or self._bound_server)
        self.server.setObjectName("sync_server")
        self.server.setPlaceholderText(self.tr("e.g. https://sync.example.com:8765"))
        self.login = QLineEdit(settings.get(SYNC_LOGIN) or self._bound_login or default_login)
        self.login.setObjectName("sync_login")
        note = QLabel(
            self.tr(
                "The password is asked when you sync and is never saved to disk; you may keep "
                "it in memory until you close MineSales."
            )
        )
        note.setWordWrap(True)
        self.message = _plain_label()  # it quotes the address and login typed
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
        self.login.textChanged.connect(self._check_binding)
        self._check_binding()

    def binding_warnings(self) -> list[str]:
        """Why a sync with these settings may be refused (another server, another login)."""
        warnings = []
        url = self.server.text().strip().rstrip("/")
        if self._bound_server and url and not same_server_address(url, self._bound_server):
            warnings.append(
                _fill(
                    self.tr(
                        "This database syncs with %1. If %2 is the same server at a new address, "
                        "that is fine. If it is a different server, the sync will be refused and "
                        "nothing on this computer changes: to sync with another server, start a "
                        "new database (File → New database…)."
                    ),
                    self._bound_server,
                    url,
                )
            )
        login = self.login.text().strip()
        if self._bound_login and login and login != self._bound_login:
            warnings.append(
                _fill(
                    self.tr(
                        "This database syncs as %1. A sync as %2 will be refused and nothing on "
                        "this computer changes: sign in as %1, or use a database of your own "
                        "for %2."
                    ),
                    self._bound_login,
                    login,
                )
            )
        return warnings

    def _check_binding(self) -> None:
        self._say("\n".join(self.binding_warnings()))

    def _say(self, text: str) -> None:
        """Show a warning or a problem; the dialog grows (or shrinks back) to its lines."""
        self.message.setText(text)
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = self.width()
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.resize(width, max(height, layout.totalMinimumSize().height()))

    def submit(self) -> None:
        url = self.server.text().strip().rstrip("/")
        login = self.login.text().strip()
        problem = server_url_problem(self.server.text())
        if problem is not None:
            self._say(problem)
            self.server.setFocus()
            return
        if not login:
            self._say(self.tr("Enter your user name on the sync server."))
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
        intro = _plain_label(_fill(self.tr("Sign in to %1 as %2."), server_url, login))
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("sync_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember until I close MineSales"))
        self.remember.setObjectName("sync_remember")
        self.remember.setChecked(True)
        self.message = _plain_label(message)
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](self.items[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of an elided cell
            return plain_tooltip(self._columns[index.column()][1](self.items[index.row()]))
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
    """One row per inbox entry; what the value columns hold depends on the kind of entry."""

    def columns(self) -> Sequence[tuple[str, Callable[[ConflictView], str]]]:
        return [
            (self.tr("Record"), lambda c: c.record),
            (self.tr("Field"), self._field),
            (self.tr("Yours"), self._mine),
            (self.tr("Server's"), self._theirs),
            (self.tr("Changed by"), lambda c: c.their_user),
            (self.tr("Their change"), lambda c: date(c.their_time)),
            (self.tr("My change"), lambda c: date(c.my_time)),
        ]

    def _field(self, item: ConflictView) -> str:
        return self.tr("(whole record)") if item.kind == "delete" else item.field

    def _mine(self, item: ConflictView) -> str:
        if item.kind == "delete":
            return self.tr("Deleted")
        if item.kind == "apply":  # ``mine`` is what the database said, told in the detail
            return "—"
        return item.mine

    def _theirs(self, item: ConflictView) -> str:
        if item.kind == "delete":
            return self.tr("Changed, so kept")
        if item.kind == "apply":
            return self.tr("Not applied here: %1").replace("%1", item.theirs)
        return item.theirs


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
    view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text is in the tooltip
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, caps: Mapping[int, int], narrow: Sequence[int] = ()) -> None:
    """Columns as wide as their contents, some (``caps``: column → most digit widths) capped;
    if that still overflows the view, the ``narrow`` ones — long texts — narrow further (elided,
    full text in the tooltip) so that the short ones — who and when — stay in sight. The last
    column is left to stretch over what remains."""
    model = view.model()
    count = model.columnCount() if model is not None else 0
    if not count:
        return
    view.resizeColumnsToContents()
    digit = view.fontMetrics().horizontalAdvance("0")
    widths = [view.columnWidth(c) for c in range(count)]
    for column, cap in caps.items():
        widths[column] = min(widths[column], cap * digit)
    excess = sum(widths) - view.viewport().width()
    if excess > 0:
        floor = 8 * digit
        give = {c: max(widths[c] - floor, 0) for c in narrow}
        total = sum(give.values())
        for column, room in give.items():
            if total:
                widths[column] -= min(room, -(-excess * room // total))
    for column, width in enumerate(widths[:-1]):
        view.setColumnWidth(column, width)
    # Sizing every column to its contents took the last one out of its stretch: put it back.
    header = view.horizontalHeader()
    if header.stretchLastSection():
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)


def _initial_size(parent: QWidget | None, width: int, height: int) -> QSize:
    """``width`` × ``height``, but never more than the screen the dialog opens on has free."""
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    frame = 16  # the window frame around the dialog's own size
    return QSize(min(width, free.width() - frame), min(height, free.height() - 2 * frame))


class _SyncListDialog(QDialog):
    """Shared shape: a table, a detail pane for the selected row, action buttons, Close.

    The columns fit the dialog's width each time the list loads or the dialog is resized,
    until the person drags a column edge: then their widths stay."""

    DEFAULT_SIZE = QSize(1200, 460)
    view: QTableView
    # Long-text columns and their widest width, in digit widths (see ``fit_columns``).
    COLUMN_CAPS: Mapping[int, int] = {}
    # The long-text columns, narrowed further when the dialog is too narrow for all.
    NARROW: Sequence[int] = ()
    # How long a resize rests before the columns fit its width again.
    FIT_DELAY_MS = 100

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.db_path = db_path
        self.resize(_initial_size(parent, self.DEFAULT_SIZE.width(), self.DEFAULT_SIZE.height()))
        self.detail = _plain_label()  # record names and values, as anyone typed them
        self.detail.setObjectName("sync_detail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A refused new record lists all its fields: the pane scrolls rather than grows.
        self.detail_area = QScrollArea()
        self.detail_area.setObjectName("sync_detail_area")
        self.detail_area.setWidget(self.detail)
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QHBoxLayout()
        self.message = _plain_label()
        self.message.setObjectName("sync_message")
        self.message.setStyleSheet("color: #b3261e;")
        self._fitting = False
        self.columns_set_by_hand = False
        # Fitting measures every cell: while an edge is dragged, once it rests (not per pixel).
        self._fit_later = QTimer(self)
        self._fit_later.setSingleShot(True)
        self._fit_later.setInterval(self.FIT_DELAY_MS)
        self._fit_later.timeout.connect(self.fit_columns)
        tasks.data_changed.connect(self._data_changed)

    def _layout(self, view: QTableView) -> None:
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        self.buttons.addStretch(1)
        self.buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail_area)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        view.horizontalHeader().sectionResized.connect(self._section_resized)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        # The last column stretches with the view: only a drag of another edge is the user's.
        if not self._fitting and column < self.view.horizontalHeader().count() - 1:
            self.columns_set_by_hand = True

    def fit_columns(self) -> None:
        if self.columns_set_by_hand or not self.view.model().rowCount():
            return
        self._fitting = True
        try:
            fit_columns(self.view, self.COLUMN_CAPS, self.NARROW)
        finally:
            self._fitting = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.isVisible():
            self._fit_later.start()  # restarted by each resize of a drag
            self._size_detail()

    def show_detail(self, text: str) -> None:
        self.detail.setText(text)
        self._size_detail()

    def _size_detail(self) -> None:
        """The detail pane as tall as its text, up to nine lines; a longer text scrolls."""
        if not self.detail.text():
            self.detail_area.setFixedHeight(0)
            return
        width = max(self.detail_area.viewport().width(), 200)
        needed = self.detail.heightForWidth(width)
        if needed < 0:
            needed = self.detail.sizeHint().height()
        most = self.detail.fontMetrics().lineSpacing() * 9
        self.detail_area.setFixedHeight(min(needed, most) + 2)

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
    """冲突收件箱: what the server decided when two people changed the same record while apart
    (a value, a delete against an edit), and notices: what each entry means and what the
    buttons do depend on its kind."""

    # Record, Field, Yours, Server's, Changed by
    COLUMN_CAPS = {0: 36, 1: 16, 2: 28, 3: 28, 4: 16}
    NARROW = (0, 2, 3)

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(tasks, db_path, parent)
        self.setWindowTitle(self.tr("Conflict inbox"))
        intro = QLabel(
            self.tr(
                "While you were apart, you and someone else changed the same records. Each entry "
                "says what the server kept; choose what stays (your choice is sent at the next "
                "sync)."
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
        self.empty.setText(self.tr("No conflicts to review."))
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
            self.fit_columns()
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
        if item is not None and item.kind == "delete":
            # "Mine" is my delete: keeping it deletes the record again; "theirs" keeps it.
            self.keep_mine.setText(self.tr("&Delete anyway"))
            self.keep_theirs.setText(self.tr("&Keep the record"))
        else:
            self.keep_mine.setText(self.tr("Keep &mine"))
            self.keep_theirs.setText(self.tr("&Noted") if read_only else self.tr("Keep &theirs"))
        if item is None:
            self.show_detail("")
            return
        self.show_detail(self._explain(item))

    def _explain(self, item: ConflictView) -> str:
        """The selected entry in words: what happened, what the server kept, what the
        buttons do."""
        if item.kind == "delete":
            # The entry does not say which of the record's fields they changed (the server
            # sends only that the delete lost), so the detail names who and when.
            return _fill(
                self.tr(
                    "%1\nYou deleted this record (%2), but %3 changed it while you were apart "
                    "(%4), so the server kept it, with their change.\nDelete anyway: it is "
                    "deleted here and for everyone at the next sync. Keep the record: it stays "
                    "as it is now."
                ),
                item.record,
                date(item.my_time),
                item.their_user,
                date(item.their_time),
            )
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
            template = self.tr(
                "%1 — %2\nMine: %3\nTheirs (%4, %5): %6\nThe server kept theirs. Keep mine "
                "puts yours back (it is sent at the next sync)."
            )
        # a whole new record: what it holds, field by field
        theirs = _field_lines(item.fields) if item.fields else item.theirs
        return _fill(
            template,
            item.record,
            item.field,
            item.mine,
            item.their_user,
            date(item.their_time),
            theirs,
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
    """被拒绝的更改: changes the server refused, with its reason. A refused change to a record:
    the laptop holds the server's value again; a refused new record: it was taken off the laptop,
    and the detail lists what it held so it can be entered again. Dismiss once read."""

    # Record, Field, My value, Reason
    COLUMN_CAPS = {0: 36, 1: 16, 2: 24, 3: 44}
    NARROW = (0, 2, 3)

    def __init__(self, tasks: TaskManager, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(tasks, db_path, parent)
        self.setWindowTitle(self.tr("Rejected changes"))
        intro = QLabel(
            self.tr(
                "The server refused these changes. A refused change to a record: this computer "
                "shows the server's value again. A refused new record: it was removed from this "
                "computer; select it to see what it held, to enter it again. Ask your manager if "
                "a change should be made."
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
            self.fit_columns()
        self._selection_changed()

    def current(self) -> RejectedView | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        item = self.current()
        self.dismiss.setEnabled(item is not None)
        if item is None:
            self.show_detail("")
            return
        if item.is_new_record:  # gone from this computer: the detail lists what it held
            held = _field_lines(item.fields)
            self.show_detail(
                _fill(
                    self.tr(
                        "%1 — a new record the server refused.\nReason: %2\nIt was removed "
                        "from this computer. Once the reason is dealt with, enter it again.%3"
                    ),
                    item.record,
                    item.reason,
                    _fill(self.tr("\nWhat it held:%1"), held) if held else "",
                )
            )
            return
        self.show_detail(
            _fill(
                self.tr("%1 — %2: %3\nReason: %4"),
                item.record,
                item.field,
                item.value,
                item.reason,
            )
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
