"""The main window: six working tabs, the menus, and a status bar that says where you are.

Database-level actions (new/open database, restore) need the database closed, so they are
handed to the ``AppController`` through signals; everything else runs on the task manager.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop import APP_NAME, APP_NAME_ZH, __version__
from minesales_desktop.services.maintenance import backup_file
from minesales_desktop.settings import CURRENT_TAB, WINDOW_GEOMETRY, WINDOW_STATE
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.settings_dialog import SettingsDialog
from minesales_desktop.ui.sync_ui import SyncController
from minesales_desktop.ui.tabs.base import BaseTab


@dataclass(frozen=True)
class TabSpec:
    """A main-window tab, built the first time it is shown: the window opens without importing
    matplotlib, ReportLab or the other tabs' code (start-up time on a field laptop)."""

    module: str
    class_name: str
    title: str  # the tab's own ``title()`` source text, translated in the class's context

    def load(self) -> type[BaseTab]:
        cls: type[BaseTab] = getattr(importlib.import_module(self.module), self.class_name)
        assert issubclass(cls, BaseTab)
        return cls

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.class_name, self.title)


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec("minesales_desktop.ui.tabs.customers_tab", "CustomersTab", "Customers"),
    TabSpec("minesales_desktop.ui.tabs.pipeline_tab", "PipelineTab", "Pipeline"),
    TabSpec("minesales_desktop.ui.tabs.contracts_tab", "ContractsTab", "Contracts"),
    TabSpec("minesales_desktop.ui.tabs.tickets_tab", "TicketsTab", "Service tickets"),
    TabSpec("minesales_desktop.ui.tabs.performance_tab", "PerformanceTab", "Performance"),
    TabSpec("minesales_desktop.ui.tabs.team_tab", "TeamTab", "Team"),
)


class MainWindow(QMainWindow):
    new_database_requested = Signal(Path)
    open_database_requested = Signal(Path)
    restore_requested = Signal(Path)
    language_changed = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"{APP_NAME_ZH} {APP_NAME} — {ctx.db_path.name}")
        self.setMinimumSize(QSize(1100, 700))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self._pages: dict[int, BaseTab] = {}
        self._summaries: dict[int, str] = {}
        for spec in TAB_SPECS:
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, spec.translated_title())
        self.setCentralWidget(self.tabs)
        self.sync = SyncController(ctx, self)  # Sync menu, toolbar, status widgets, worker
        self.addToolBar(self.sync.toolbar())
        self._build_menus()
        self._build_status_bar()
        ctx.tasks.error.connect(self._task_error)
        ctx.tasks.busy_changed.connect(self._busy)
        self.tabs.currentChanged.connect(self._tab_changed)
        geometry = ctx.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = ctx.settings.get(WINDOW_STATE)
        if state:
            self.restoreState(state)
        start = ctx.settings.get(CURRENT_TAB)
        self.tabs.setCurrentIndex(start if 0 <= start < len(TAB_SPECS) else 0)
        self._tab_changed(self.tabs.currentIndex())

    # --- menus ----------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New database…"), self._new_database))
        file_menu.addAction(
            self._action(
                self.tr("&Open database…"), self._open_database, QKeySequence.StandardKey.Open
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Back up database…"), self._backup, "Ctrl+B"))
        file_menu.addAction(self._action(self.tr("&Restore from backup…"), self._restore))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Settings…"), self._settings, "Ctrl+,"))
        file_menu.addAction(self._action(self.tr("Sign &out"), self.sign_out_requested.emit))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                self.tr("&Quit"), QApplication.closeAllWindows, QKeySequence.StandardKey.Quit
            )
        )
        view_menu = bar.addMenu(self.tr("&View"))
        for index, spec in enumerate(TAB_SPECS):
            view_menu.addAction(
                self._action(
                    spec.translated_title(),
                    lambda _=False, i=index: self.tabs.setCurrentIndex(i),
                    f"Ctrl+{index + 1}",
                )
            )
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                self.tr("&Refresh"), self._refresh_current, QKeySequence.StandardKey.Refresh
            )
        )
        bar.addMenu(self.sync.menu())
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About"), self._about))
        help_menu.addAction(self._action(self.tr("Open &log folder"), self._open_logs))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # The file name only (a Windows profile path takes half the bar and cut the sync
        # message short); the whole path is the tooltip.
        db_path = Path(self.ctx.db_path)
        self.status_db = QLabel(self.tr("Database: %1").replace("%1", db_path.name))
        self.status_db.setToolTip(str(db_path))
        self.status_db.setObjectName("status_db")
        actor = self.ctx.actor
        self.status_user = QLabel(
            self.tr("User: %1 (%2)")
            .replace("%1", actor.full_name)
            .replace("%2", actor.role.label())
        )
        self.status_user.setObjectName("status_user")
        self.status_summary = QLabel()
        self.status_summary.setObjectName("status_summary")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        bar.addWidget(self.status_summary, 1)
        # A temporary message (a finished sync, an export) takes the summary's place. Qt hides
        # the summary for it but may show it again while the message stays (then both texts
        # print over each other), so the summary is hidden and shown here, explicitly.
        bar.messageChanged.connect(lambda message: self.status_summary.setVisible(not message))
        bar.addPermanentWidget(self.busy)
        self.sync.add_status_widgets(bar)
        bar.addPermanentWidget(self.status_user)
        bar.addPermanentWidget(self.status_db)

    # --- behaviour ------------------------------------------------------------------------------
    def page(self, index: int) -> BaseTab:
        """The tab at ``index``, built now if it has not been shown yet."""
        existing = self._pages.get(index)
        if existing is not None:
            return existing
        page = TAB_SPECS[index].load()(self.ctx, self)
        holder = self.tabs.widget(index)
        assert holder is not None
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(page)
        page.summary_changed.connect(lambda text, i=index: self._summary(i, text))
        self._pages[index] = page
        return page

    def page_of(self, cls: type[BaseTab]) -> BaseTab:
        for index, spec in enumerate(TAB_SPECS):
            if spec.class_name == cls.__name__:
                return self.page(index)
        raise KeyError(cls.__name__)

    @property
    def tab_pages(self) -> list[BaseTab]:
        """Every tab, building those not shown yet (smoke test, screenshots)."""
        return [self.page(i) for i in range(len(TAB_SPECS))]

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(TAB_SPECS):
            self.page(index).activated()
            self.status_summary.setText(self._summaries.get(index, ""))

    def _summary(self, index: int, text: str) -> None:
        self._summaries[index] = text
        if index == self.tabs.currentIndex():
            self.status_summary.setText(text)

    def _refresh_current(self) -> None:
        self.page(self.tabs.currentIndex()).refresh()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def _task_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME_ZH, message)

    def _new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database"), str(self.ctx.paths.data_dir), self.tr("Database (*.db)")
        )
        if path:
            self.new_database_requested.emit(Path(path))

    def _open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), str(self.ctx.db_path.parent), self.tr("Database (*.db)")
        )
        if path:
            self.open_database_requested.emit(Path(path))

    def _backup(self) -> None:
        default = self.ctx.db_path.parent / "backups" / f"{self.ctx.db_path.stem}-backup.db"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up database"), str(default), self.tr("Database (*.db)")
        )
        if not path:
            return
        source = self.ctx.db_path
        self.ctx.tasks.run(
            lambda _session: backup_file(source, Path(path)),
            lambda target: self.statusBar().showMessage(
                self.tr("Backed up to %1").replace("%1", str(target)), 8000
            ),
            self._backup_failed,
            label="backup",
        )

    def _backup_failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Backup failed"), str(exc))

    def _restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from backup"), str(self.ctx.db_path.parent / "backups"),
            self.tr("Database (*.db)"),
        )  # fmt: skip
        if not path:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the current database with this backup? The current database is kept "
                "as a backup of its own."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(Path(path))

    def _settings(self) -> None:
        dialog = SettingsDialog(self.ctx.settings, self.ctx.language, self)
        if dialog.exec() and dialog.language != self.ctx.language:
            self.language_changed.emit(dialog.language)

    def _about(self) -> None:
        from PySide6 import __version__ as pyside_version

        QMessageBox.about(
            self,
            self.tr("About %1").replace("%1", APP_NAME_ZH),
            self.tr(
                "<h3>%1 %2</h3><p>Version %3</p><p>Offline-first CRM for the sales department "
                "of a mining company.</p><p>Database: %4<br>Logs: %5</p><p>Qt for Python %6</p>"
            )
            .replace("%1", APP_NAME_ZH)
            .replace("%2", APP_NAME)
            .replace("%3", __version__)
            .replace("%4", str(self.ctx.db_path))
            .replace("%5", str(self.ctx.paths.log_dir))
            .replace("%6", pyside_version),
        )

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.log_dir)))

    def save_state(self) -> None:
        self.ctx.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.ctx.settings.set(WINDOW_STATE, bytes(self.saveState().data()))
        self.ctx.settings.set(CURRENT_TAB, self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)


__all__ = ["MainWindow", "TAB_SPECS", "TabSpec"]
