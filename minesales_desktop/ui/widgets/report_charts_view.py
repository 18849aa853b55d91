"""The sales report's charts on screen: the "Report charts" page of the performance tab.

It draws ``documents.report_charts`` — the very functions the report PDF uses — one canvas per
chart, in the report's order, two columns when there is room. Each canvas is as tall as the chart
is in the PDF (a chart with many reps is taller), so nothing is squeezed; the page scrolls.

The widget only draws: the tab loads ``SalesReportData`` on the database worker and hands it to
``show_report``. The scope (the department or one team) is picked here; the period is the tab's.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.documents.charts import new_figure
from minesales_desktop.documents.fonts import CjkFontNotFound, register_matplotlib_font
from minesales_desktop.documents.report_charts import CHART_KEYS, report_charts
from minesales_desktop.services.report_data import SalesReportData

# Screen pixels per inch of the PDF's chart size: the charts keep the report's proportions.
PIXELS_PER_INCH = 100
# Below this width one column, else two (a chart narrower than ~560 px crowds its labels).
TWO_COLUMNS_FROM = 1180


class ReportChartsView(QWidget):
    """A scope picker, a status line and the report's charts. ``scope_changed`` when the user
    picks another scope; ``show_report(data, lang)`` draws."""

    scope_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_charts_view")
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("report_scope")
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QLabel()
        self.status.setObjectName("report_charts_status")
        self.status.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Scope")))
        header.addWidget(self.scope_combo)
        header.addSpacing(12)
        header.addWidget(self.status, 1)

        self.figures: dict[str, Figure] = {}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        self.heights: dict[str, int] = {}  # each chart's height in the PDF, in pixels
        self.draw_count = 0  # canvases really rendered (tests, diagnostics)
        self._columns = 0
        self._grid_host = QWidget()
        self._grid_host.setObjectName("report_charts_grid")
        self.grid = QGridLayout(self._grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self._grid_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)

        self.font_missing = ""
        try:
            register_matplotlib_font()
        except CjkFontNotFound as exc:
            self.font_missing = str(exc)
            self.status.setText(self.font_missing)
        else:
            for key in CHART_KEYS:
                self._add_canvas(key)
            self._arrange(1)
        self.scope_combo.currentIndexChanged.connect(lambda _=0: self.scope_changed.emit())

    def _add_canvas(self, key: str) -> None:
        figure = new_figure(7.2, 2.5)
        canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        canvas.setObjectName(f"report_chart_{key}")
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        canvas.setMinimumWidth(420)
        canvas.mpl_connect("draw_event", self._drawn)
        self.heights[key] = int(2.5 * PIXELS_PER_INCH)
        self.figures[key] = figure
        self.canvases[key] = canvas

    def _drawn(self, _event: object) -> None:
        self.draw_count += 1

    def _arrange(self, columns: int) -> None:
        """Lay the canvases out in ``columns`` columns, in the report's order."""
        if columns == self._columns:
            return
        self._columns = columns
        for canvas in self.canvases.values():
            self.grid.removeWidget(canvas)
        for i, key in enumerate(CHART_KEYS):
            self.grid.addWidget(self.canvases[key], i // columns, i % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.grid.setRowStretch(len(CHART_KEYS), 1)
        self._apply_heights()

    def _apply_heights(self) -> None:
        """Each chart as tall as in the PDF; side by side, the shorter grows to its neighbour's
        height (constrained layout spreads it) rather than floating in a gap."""
        columns = max(self._columns, 1)
        for start in range(0, len(CHART_KEYS), columns):
            row = CHART_KEYS[start : start + columns]
            height = max(self.heights[key] for key in row)
            for key in row:
                self.canvases[key].setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.canvases:
            self._arrange(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)

    # --- scope -------------------------------------------------------------------------------
    def set_scopes(self, scopes: Sequence[tuple[str, str | None]]) -> None:
        """``(label, team id)`` pairs; a team id of None is the whole department. The current
        choice is kept when it is still offered; no ``scope_changed`` is emitted."""
        current = self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        for label, team_id in scopes:
            self.scope_combo.addItem(label, team_id)
        index = self.scope_combo.findData(current) if current is not None else -1
        self.scope_combo.setCurrentIndex(max(index, 0))
        self.scope_combo.blockSignals(False)
        self.scope_combo.setEnabled(self.scope_combo.count() > 1)

    @property
    def has_scope(self) -> bool:
        return self.scope_combo.count() > 0

    @property
    def team_id(self) -> str | None:
        """The chosen team, or None for the whole department."""
        data = self.scope_combo.currentData()
        return str(data) if data else None

    def select_scope(self, team_id: str | None) -> None:
        index = self.scope_combo.findData(team_id)
        if index >= 0:
            self.scope_combo.setCurrentIndex(index)

    # --- showing -----------------------------------------------------------------------------
    def show_loading(self, text: str) -> None:
        if not self.font_missing:
            self.status.setText(text)

    def show_error(self, text: str) -> None:
        self.status.setText(text)
        for key, figure in self.figures.items():
            figure.clear()
            self.canvases[key].draw_idle()  # type: ignore[no-untyped-call]

    def show_report(self, data: SalesReportData, lang: str, caption: str) -> None:
        """Draw every chart of ``data`` in ``lang``; ``caption`` goes in the status line."""
        if self.font_missing:
            return
        self.status.setText(caption)
        for chart in report_charts(data, lang):
            self.heights[chart.key] = round(chart.height_in * PIXELS_PER_INCH)
            chart.draw(self.figures[chart.key])
        self._apply_heights()
        for canvas in self.canvases.values():
            # Deferred to the event loop, one canvas at a time, so the GUI stays responsive.
            canvas.draw_idle()  # type: ignore[no-untyped-call]
