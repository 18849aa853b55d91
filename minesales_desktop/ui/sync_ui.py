"""Sync in the main window: the Sync menu and toolbar button, the status-bar widgets, the worker.

Where the sync runs, and why not on the database worker
    A sync is mostly waiting for a satellite link (each request may take up to a minute, and the
    client backs off up to 30 s between attempts). On the single database worker that would
    freeze every tab for the whole sync. So each sync runs on a short-lived thread of its own,
    and the ``SyncClient`` uses its own engine on the same SQLite file. That is safe because the
    file is in WAL mode (readers never wait for a writer), every connection has a 5 s busy
    timeout, the client opens its write transactions with ``BEGIN IMMEDIATE`` (two writers queue
    instead of deadlocking on a lock upgrade), and those transactions are short: one push answer
    (≤ 500 ops) or one pulled page, never spanning a network round trip. The GUI's worker thus
    waits at most for one such transaction. The inbox and the rejected list are quick local
    reads and writes, so they do go through the database worker like every other operation.

Offline
    When the server cannot be reached (after the client's own retries), the status bar says
    "Offline — will retry in …" and a timer tries again with a growing delay (30 s … 15 min).
    Automatic attempts never open a dialog; only a sync the person started may show one
    message (wrong password, please update). "Sync now" retries at once; Cancel stops both the
    running sync and the scheduled retry. A server name that does not resolve is offline too
    (off the network or the VPN, Windows and macOS say "no such host" as for a mistyped
    address): it retries, and the tooltip names the address, the network and the VPN.

The status bar at the window's narrowest
    A finished sync leaves a short message ("Sync finished: 7 sent, 3 received"), short enough
    for the bar at the window's minimum width; what went to the conflict inbox or was rejected is
    counted by the red badge, and the whole account of the sync is the message's tooltip (and
    the "Last sync" label's, once the message has gone).

The password
    Asked when a sync needs it, never written anywhere. "Remember until I close MineSales" keeps
    it in this object's memory; otherwise it is kept only while a retry is scheduled.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStatusBar,
    QStyle,
    QToolBar,
    QToolButton,
)

from minesales_desktop.services import sync_service
from minesales_desktop.services.sync_service import (
    SYNC_KIND,
    AuthFailed,
    RetryPolicy,
    SyncError,
    SyncResult,
    SyncSession,
    SyncStatus,
    SyncTarget,
    SyncUnavailable,
    UpdateRequired,
)
from minesales_desktop.settings import SYNC_LOGIN, SYNC_SERVER_URL
from minesales_desktop.tasks import Progress
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.sync_dialogs import (
    ConflictInboxDialog,
    PasswordDialog,
    RejectedChangesDialog,
    SyncSettingsDialog,
)
from minesales_desktop.ui.format import date

log = logging.getLogger(__name__)

# Seconds between automatic attempts while offline (the last one repeats).
RETRY_DELAYS_S = (30, 60, 120, 300, 600, 900)


class SyncRun(QObject):
    """One sync on a thread of its own; ``done(run, result, error)`` arrives on the GUI thread."""

    done = Signal(object, object, object)

    def __init__(self, session: SyncSession, interactive: bool, lifeline: _Lifeline) -> None:
        super().__init__()
        self.session = session
        self.lifeline = lifeline
        self.interactive = interactive
        self.progress = Progress()
        self.worker_thread = threading.Thread(target=self._work, name="sync", daemon=True)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self.progress.cancel()

    def _work(self) -> None:
        try:
            result = self.session.run(self.progress)
        except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the GUI
            self.done.emit(self, None, exc)
        else:
            self.done.emit(self, result, None)
        finally:
            self.lifeline.run_ended(self)


class _Lifeline:
    """What must be cleaned up when the window goes, even after this controller's C++ half is
    deleted: running syncs are cancelled and the signed-in session (password, token, sockets)
    is closed — by the last run's thread if one is still finishing."""

    def __init__(self) -> None:
        self.runs: list[SyncRun] = []
        self.session: SyncSession | None = None
        self.closed = False

    def shutdown(self, wait_s: float = 0.0) -> None:
        self.closed = True
        for run in list(self.runs):
            run.cancel()
            if wait_s and run.worker_thread.is_alive():
                run.worker_thread.join(wait_s)
        if not any(run.worker_thread.is_alive() for run in self.runs):
            self.close_session()

    def run_ended(self, run: SyncRun) -> None:
        """Called on the run's thread when it ends."""
        if self.closed and not any(r.worker_thread.is_alive() for r in self.runs if r is not run):
            self.close_session()

    def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()


class SyncController(QObject):
    """Owns the sync actions, the status-bar widgets and the running sync of one window."""

    # "idle" | "syncing" | "offline" | "error" | "cancelled"
    state_changed = Signal(str)
    # a sync ended: (SyncResult or None, exception or None)
    finished = Signal(object, object)
    status_refreshed = Signal(object)

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.retry_policy: RetryPolicy | None = None  # the client's default: 6 tries, ≤ 30 s
        self.retry_delays_s: tuple[float, ...] = RETRY_DELAYS_S
        self.state = "idle"
        self.status: SyncStatus | None = None
        self.run: SyncRun | None = None
        self._life = _Lifeline()  # the running syncs and the session (it holds the password)
        self._remember = False
        self._retry_count = 0
        self._last_error = ""
        self._state_text = ""  # what the state label says in the "error" state
        self._message = ""  # the status-bar message of the last finished sync
        self._status_loading = False
        self._status_dirty = False
        self._inbox: ConflictInboxDialog | None = None
        self._rejected: RejectedChangesDialog | None = None

        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._auto_retry)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_state)

        self._build_actions()
        self._build_widgets()
        ctx.tasks.data_changed.connect(self._data_changed)
        life = self._life  # not self: these slots run when this object may be gone
        self.destroyed.connect(lambda *_: life.shutdown())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda: life.shutdown(3.0))
        self._show_state()
        self.refresh_status()

    # --- building -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        icon = self.window.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        self.sync_action = QAction(icon, self.tr("&Sync now"), self)
        self.sync_action.setObjectName("sync_now")
        # The toolbar button's own text: the menu's "&Sync now" would show its mnemonic there
        # (Chinese menus write it as "(S)" after the text).
        self.sync_action.setIconText(self.tr("Sync now"))
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.setToolTip(self.tr("Send your changes and receive others' (Ctrl+Shift+Y)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.settings_action = QAction(self.tr("Sync s&ettings…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.inbox_action = QAction(self.tr("&Conflict inbox…"), self)
        self.inbox_action.triggered.connect(self.open_conflicts)
        self.rejected_action = QAction(self.tr("&Rejected changes…"), self)
        self.rejected_action.triggered.connect(self.open_rejected)
        self.cancel_action = QAction(self.tr("Cancel s&ync"), self)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel)

    def menu(self) -> QMenu:
        menu = QMenu(self.tr("&Sync"), self.window)
        menu.setObjectName("sync_menu")
        menu.addAction(self.sync_action)
        menu.addAction(self.cancel_action)
        menu.addSeparator()
        menu.addAction(self.inbox_action)
        menu.addAction(self.rejected_action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        return menu

    def toolbar(self) -> QToolBar:
        bar = QToolBar(self.tr("Sync"), self.window)
        bar.setObjectName("sync_toolbar")  # saveState() needs a name
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.sync_action)
        return bar

    def _build_widgets(self) -> None:
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("sync_progress")
        self.progress_bar.setMaximumWidth(110)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.state_label = QLabel()
        self.state_label.setObjectName("sync_state")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("sync_pending")
        self.last_label = QLabel()
        self.last_label.setObjectName("sync_last")
        self.inbox_button = QToolButton()
        self.inbox_button.setObjectName("sync_inbox_button")
        self.inbox_button.setAutoRaise(True)
        self.inbox_button.setStyleSheet("color: #b3261e;")
        self.inbox_button.clicked.connect(self._open_attention)
        self.inbox_button.hide()

    def add_status_widgets(self, bar: QStatusBar) -> None:
        bar.messageChanged.connect(self._message_changed)
        for widget in (
            self.progress_bar,
            self.cancel_button,
            self.state_label,
            self.inbox_button,
            self.pending_label,
            self.last_label,
        ):
            bar.addPermanentWidget(widget)

    # --- status ---------------------------------------------------------------------------------
    def _message_changed(self, message: str) -> None:
        """The bar's tooltip is the finished sync's whole account while its message shows."""
        if not message or message != self._message:
            self.window.statusBar().setToolTip("")

    def _clear_message(self) -> None:
        bar = self.window.statusBar()
        if self._message and bar.currentMessage() == self._message:
            bar.clearMessage()
        self._message = ""

    def _data_changed(self, _kinds: frozenset[str]) -> None:
        self.refresh_status()  # every write may add pending changes

    def refresh_status(self) -> None:
        if self._status_loading:
            self._status_dirty = True
            return
        self._status_loading = True
        self.ctx.tasks.run(
            sync_service.sync_status, self._status_loaded, self._status_failed,
            label="sync: status",
        )  # fmt: skip

    def _status_loaded(self, status: SyncStatus) -> None:
        self._status_loading = False
        self.status = status
        self.pending_label.setText(
            self.tr("Pending changes: %1").replace("%1", str(status.pending))
        )
        if status.last_sync is None:
            self.last_label.setText(self.tr("Never synced"))
        else:
            self.last_label.setText(self.tr("Last sync: %1").replace("%1", date(status.last_sync)))
        attention = []
        if status.open_conflicts:
            attention.append(self.tr("%n conflict(s)", "", status.open_conflicts))
        if status.open_notices:
            attention.append(self.tr("%n notice(s)", "", status.open_notices))
        if status.open_rejected:
            attention.append(self.tr("%n rejected", "", status.open_rejected))
        self.inbox_button.setText(" · ".join(attention))
        self.inbox_button.setVisible(bool(attention))
        self.status_refreshed.emit(status)
        if self._status_dirty:
            self._status_dirty = False
            self.refresh_status()

    def _status_failed(self, exc: BaseException) -> None:
        self._status_loading = False
        log.warning("sync status unavailable: %s", exc)

    def _set_state(self, state: str, text: str = "") -> None:
        """``text``: what the label says in the "error" state (default: "Sync failed")."""
        self.state = state
        self._state_text = text
        running = state == "syncing"
        self.sync_action.setEnabled(not running)
        self.cancel_action.setEnabled(state in ("syncing", "offline"))
        self.cancel_button.setVisible(state in ("syncing", "offline"))
        self.progress_bar.setVisible(running)
        if state == "offline":
            self._tick.start()
        else:
            self._tick.stop()
        self._show_state()
        self.state_changed.emit(state)

    def _show_state(self) -> None:
        label = self.state_label
        if self.state == "offline":
            label.setText(
                self._retry_text(self._retry_timer.remainingTime() / 1000)
                if self._retry_timer.isActive()
                else self.tr("Offline")
            )
            label.setToolTip(self._last_error)
        elif self.state == "error":
            label.setText(self._state_text or self.tr("Sync failed"))
            label.setToolTip(self._last_error)
        elif self.state == "cancelled":
            label.setText(self.tr("Sync cancelled"))
            label.setToolTip("")
        elif self.state == "syncing":
            label.setToolTip("")
        else:
            label.setText("" if self._server_url() else self.tr("Sync not set up"))
            label.setToolTip("")

    def _retry_text(self, seconds: float) -> str:
        """The countdown: whole minutes from a minute on (the delays grow to 15 minutes)."""
        whole = max(0, round(seconds))
        if whole >= 60:
            return self.tr("Offline — will retry in about %n min", "", max(1, round(whole / 60)))
        return self.tr("Offline — will retry in %n s", "", whole)

    # --- running a sync -------------------------------------------------------------------------
    def _server_url(self) -> str:
        return self.ctx.settings.get(SYNC_SERVER_URL)

    def _login(self) -> str:
        bound = self.status.bound_login if self.status else None
        return self.ctx.settings.get(SYNC_LOGIN) or bound or self.ctx.actor.login

    @property
    def running(self) -> bool:
        return self.run is not None

    def sync_now(self) -> None:
        """A sync the person asked for (menu, toolbar, shortcut): may ask and may explain."""
        if self.running:
            return
        self._retry_timer.stop()
        self._start(interactive=True)

    def _auto_retry(self) -> None:
        if not self.running:
            self._start(interactive=False)

    def _start(self, interactive: bool, message: str = "") -> None:
        if not self._server_url() and not (interactive and self.open_settings()):
            self._set_state("idle")
            return
        self._clear_message()  # "Sync finished" of an earlier sync would read as this one's
        target = SyncTarget(Path(self.ctx.db_path), self._server_url(), self._login())
        if self._life.session is not None and self._life.session.target != target:
            self._forget_password()  # another server or login: sign in afresh
        if self._life.session is None:
            if not interactive:
                self._set_state("idle")
                return
            dialog = PasswordDialog(target.server_url, target.login, message, self.window)
            if not dialog.exec():
                if message:  # asked again after a refused sign-in: this sync did not happen
                    self._set_state("error", self.tr("Not synced: signing in was cancelled"))
                else:
                    self._set_state("idle")
                return
            self._remember = dialog.remember.isChecked()
            # Kept until the sync ends (with its retries), or for the session if remembered.
            self._life.session = SyncSession(
                target, dialog.password.text(), retry=self.retry_policy
            )
        run = SyncRun(self._life.session, interactive, self._life)
        run.progress.changed.connect(self._progress)
        run.done.connect(self._done)  # bound: dropped if this object goes
        self.run = run
        self._life.runs.append(run)
        self.progress_bar.setRange(0, 0)
        self.state_label.setText(self.tr("Syncing: contacting the server…"))
        self._set_state("syncing")
        run.start()

    def cancel(self) -> None:
        self._retry_timer.stop()
        if self.run is not None:
            self.run.cancel()
            self.state_label.setText(self.tr("Cancelling…"))
        elif self.state == "offline":
            self._forget_password_unless_remembered()
            self._set_state("cancelled")

    def _progress(self, done: int, total: int, phase: str) -> None:
        if self.run is None or self.run.progress.cancelled:
            return
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)
        if phase == "push":
            text = self.tr("Syncing: sending changes %1 of %2").replace("%1", str(done))
            text = text.replace("%2", str(total))
        elif phase == "pull":
            text = self.tr("Syncing: receiving changes (%1)").replace("%1", str(done))
        elif phase == "done":
            text = self.tr("Syncing: finishing…")
        else:
            text = self.tr("Syncing: contacting the server…")
        self.state_label.setText(text)

    def _done(self, run: SyncRun, result: SyncResult | None, error: BaseException | None) -> None:
        if run in self._life.runs:
            self._life.runs.remove(run)
        if run is not self.run:
            return
        self.run = None
        changed = result.kinds if result is not None else getattr(error, "changed_kinds", None)
        self.ctx.tasks.data_changed.emit(frozenset(changed or {SYNC_KIND}))
        if result is not None:
            self._succeeded(result)
        elif isinstance(error, SyncUnavailable):
            # A name that does not resolve is offline too: off the network or the VPN, Windows
            # and macOS say "no such host" as they do for a mistyped address (the tooltip names
            # both); the retries go on.
            self._offline(error)
        else:
            assert error is not None
            self._failed(run, error)
        self.finished.emit(result, error)

    def _succeeded(self, result: SyncResult) -> None:
        self._retry_count = 0
        self._last_error = ""
        self._forget_password_unless_remembered()
        if result.cancelled:
            self._set_state("cancelled")
            return
        self._set_state("idle")
        text = self.tr("Sync finished: %1 sent, %2 received").replace("%1", str(result.pushed))
        text = text.replace("%2", str(result.pulled))
        full = text
        if result.inbox or result.rejected:
            # What the person will find in the Sync menu: a push conflict this laptop won files
            # nothing here (the other laptop gets the entry); a notice at pull files one.
            full += self.tr(" — %1 new in the conflict inbox, %2 rejected: see the Sync menu")
            full = full.replace("%1", str(result.inbox)).replace("%2", str(result.rejected))
        # The short text is the message (the badge counts the inbox and the rejected changes);
        # the whole account is its tooltip, and the "Last sync" label's once it has gone.
        self._message = text
        bar = self.window.statusBar()
        bar.showMessage(text, 15000)
        bar.setToolTip(full)
        self.last_label.setToolTip(full)

    def _offline(self, error: SyncError) -> None:
        self._last_error = str(error)
        delays = self.retry_delays_s or RETRY_DELAYS_S
        delay = delays[min(self._retry_count, len(delays) - 1)]
        self._retry_count += 1
        self._retry_timer.start(int(delay * 1000))
        self._set_state("offline")

    def _failed(self, run: SyncRun, error: BaseException) -> None:
        self._retry_timer.stop()
        self._retry_count = 0
        self._last_error = self._explain(error)
        if isinstance(error, AuthFailed):
            self._forget_password()
            self._set_state("error")
            if run.interactive:  # ask again, saying why; an automatic retry just stops
                self._start(True, str(error))
            return
        self._forget_password_unless_remembered()
        self._set_state("error")
        if not isinstance(error, SyncError):
            log.error("sync failed", exc_info=error)
        if not run.interactive:
            return
        if isinstance(error, UpdateRequired):
            title = self.tr("Please update MineSales")
        else:
            title = self.tr("Sync failed")
        QMessageBox.warning(
            self.window,
            title,
            self._last_error + "\n\n" + self.tr("Nothing was lost; your changes are still here."),
        )

    def _explain(self, error: BaseException) -> str:
        """What to tell the person: a sync error is worded in their language already (the sync
        client translates its messages); anything else is a fault, shown with its own words."""
        if isinstance(error, SyncError):
            return str(error)
        return self.tr("Sync stopped because of an unexpected error: %1").replace("%1", str(error))

    def _forget_password_unless_remembered(self) -> None:
        if not self._remember:
            self._forget_password()

    def _forget_password(self) -> None:
        if self.run is None:
            self._life.close_session()

    # --- dialogs --------------------------------------------------------------------------------
    def open_settings(self) -> bool:
        bound = self.status.bound_server if self.status else None
        login = self.status.bound_login if self.status else None
        dialog = SyncSettingsDialog(
            self.ctx.settings, self._login(), bound, self.window, bound_login=login
        )
        accepted = bool(dialog.exec())
        if accepted:
            self._forget_password()  # a different server or login needs its own password
            if self.state == "error" and not self.running:
                self._set_state("idle")  # the error was about the settings just changed, maybe
            else:
                self._show_state()
        return accepted

    def open_conflicts(self) -> ConflictInboxDialog:
        if self._inbox is None:
            self._inbox = ConflictInboxDialog(self.ctx.tasks, Path(self.ctx.db_path), self.window)
        self._show_dialog(self._inbox)
        return self._inbox

    def open_rejected(self) -> RejectedChangesDialog:
        if self._rejected is None:
            self._rejected = RejectedChangesDialog(
                self.ctx.tasks, Path(self.ctx.db_path), self.window
            )
        self._show_dialog(self._rejected)
        return self._rejected

    def _show_dialog(self, dialog: Any) -> Any:
        dialog.reload()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _open_attention(self) -> None:
        if self.status is not None and not (self.status.open_conflicts or self.status.open_notices):
            self.open_rejected()
        else:
            self.open_conflicts()


__all__ = ["SyncController", "SyncRun", "RETRY_DELAYS_S"]
