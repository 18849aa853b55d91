"""What every main-window tab has in common.

A tab loads lazily the first time it is shown, refreshes itself when ``data_changed`` names a
kind of record it shows, and can report a one-line summary (counts) for the status bar.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from minesales_desktop.ui.context import AppContext


class BaseTab(QWidget):
    #: kinds of records (the ``writes`` of tasks) that make this tab refresh
    kinds: ClassVar[frozenset[str]] = frozenset()
    #: one line for the status bar ("12 345 customers", …)
    summary_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False
        ctx.tasks.data_changed.connect(self._data_changed)

    def title(self) -> str:
        raise NotImplementedError

    def activated(self) -> None:
        """Called when the tab becomes visible; loads on first show."""
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _data_changed(self, kinds: frozenset[str]) -> None:
        if self._loaded and kinds & self.kinds:
            self.refresh()

    def show_refusal(self, exc: BaseException) -> None:
        """A refused action: say why, in a message box (the default for actions)."""
        QMessageBox.warning(self, self.title(), str(exc))
