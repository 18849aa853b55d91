"""A matplotlib canvas in a widget, drawing the charts of ``documents/charts.py``.

The same drawing functions make the PDF charts, so the tab and the printed report agree. If no
CJK font is installed the widget says what to install instead of drawing boxes for Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.backend_bases import Event
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from minesales_desktop.documents.charts import (
    CompletionLine,
    RankedMember,
    draw_kpi_completion,
    draw_team_ranking,
)
from minesales_desktop.documents.fonts import CjkFontNotFound, register_matplotlib_font


class KpiChart(QWidget):
    """One canvas; ``show_completion`` or ``show_ranking`` redraws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_chart")
        self.draw_count = 0  # how many times the canvas really rendered (tests, diagnostics)
        self.message = QLabel()
        self.message.setObjectName("chart_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.figure = Figure(figsize=(5, 4), dpi=100, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setParent(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(320, 260)
        self.canvas.mpl_connect("draw_event", self._drawn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.canvas, 1)
        try:
            register_matplotlib_font()
        except CjkFontNotFound as exc:
            self.message.setText(str(exc))
            self.message.show()

    def _drawn(self, event: Event) -> None:
        self.draw_count += 1

    def show_completion(
        self, lines: Sequence[CompletionLine], title: str, lang: str | None = None
    ) -> None:
        if self.message.isVisible():
            return
        draw_kpi_completion(self.figure, lines, title=title, lang=lang)
        self._redraw()

    def show_ranking(
        self,
        members: Sequence[RankedMember],
        band_floors: Sequence[tuple[str, Decimal]],
        title: str,
    ) -> None:
        if self.message.isVisible():
            return
        draw_team_ranking(self.figure, members, band_floors=band_floors, title=title)
        self._redraw()

    def _redraw(self) -> None:
        # Deferred to the event loop and coalesced: a burst of updates renders once.
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def clear(self) -> None:
        self.figure.clear()
        self._redraw()
