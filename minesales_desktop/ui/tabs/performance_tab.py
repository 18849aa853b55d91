"""The performance tab (绩效): KPIs computed from the records for a month, quarter or year —
target, actual, completion, score — with a chart, and the appraisal of that person and period.

A rep sees themself; a manager picks anyone of the team or the whole team; an admin anyone. All
figures come from ``services/kpi_engine`` on the database worker; nothing here is computed.

The toolbar prints (``ui/dialogs/performance_print.py``): the appraisal sheet of the person shown
as a PDF or in a print preview; for managers and admins a batch of sheets and the sales report. A
second page, "Report charts", shows the sales report's charts for the period (managers and admins:
the report covers a team or the department, not one rep).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.appraisals import AppraisalDTO, find_appraisal, open_appraisal
from minesales_desktop.services.kpi_engine import (
    DEFAULT_GRADE_BANDS,
    KpiLineDTO,
    KpiReportDTO,
    PeopleChoiceDTO,
    PersonDTO,
    TeamReportDTO,
    kpi_report,
    selectable_people,
    team_report,
)
from minesales_desktop.services.performance import Period
from minesales_desktop.services.report_data import SalesReportData
from minesales_desktop.services.vocabulary import AppraisalStatus, PeriodType, Role
from minesales_desktop.settings import COMPANY_NAME
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.appraisal_dialogs import AppraisalDialog, score_text, value_text
from minesales_desktop.ui.dialogs.performance_print import PerformancePrinter, load_report_data
from minesales_desktop.ui.format import number, percent
from minesales_desktop.ui.item_models.paged import Column, RowsTableModel
from minesales_desktop.ui.tabs.base import BaseTab
from minesales_desktop.ui.widgets.kpi_chart import KpiChart
from minesales_desktop.ui.widgets.report_charts_view import ReportChartsView

# How many periods back the period list offers.
PERIODS_BACK = {PeriodType.MONTH: 24, PeriodType.QUARTER: 12, PeriodType.YEAR: 6}
GOOD = QColor("#e8f5e9")
LOW = QColor("#ffebee")


@dataclass(frozen=True)
class _Ranked:
    label: str
    total_score: Decimal
    grade: str


def periods_back(kind: PeriodType, today: dt.date) -> list[Period]:
    """The current period and the ones before it, newest first."""
    current = Period.containing(kind, today)
    out = [current]
    for _ in range(PERIODS_BACK[kind] - 1):
        out.append(out[-1].previous())
    return out


class PerformanceTab(BaseTab):
    kinds: ClassVar[frozenset[str]] = frozenset(
        {
            "appraisals",
            "appraisal_lines",
            "kpi_definitions",
            "kpi_targets",
            "shipments",
            "invoices",
            "payments",
            "contracts",
            "activities",
            "follow_up_plans",
            "service_tickets",
            "return_visits",
            "training_attendance",
            "trainings",
            "users",
        }
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("performance_tab")
        self.lang = ctx.language
        self.bands = DEFAULT_GRADE_BANDS
        self.report: KpiReportDTO | None = None
        self.team: TeamReportDTO | None = None
        self.appraisal: AppraisalDTO | None = None
        self.appraisal_dialog: AppraisalDialog | None = None
        self._choices: PeopleChoiceDTO | None = None
        self.printer = PerformancePrinter(ctx, self)
        self._charts_shown: tuple[str, str | None] | None = None  # (period, team) on screen

        # --- the picker row -------------------------------------------------------------------
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("person")
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("period_type")
        for kind in PeriodType:
            self.kind_combo.addItem(kind.label(self.lang), kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(PeriodType.QUARTER))
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("period")
        self.period_combo.setMinimumContentsLength(12)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refresh")
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Person")))
        picker.addWidget(self.person_combo)
        picker.addSpacing(12)
        picker.addWidget(QLabel(self.tr("Period")))
        picker.addWidget(self.kind_combo)
        picker.addWidget(self.period_combo)
        picker.addWidget(self.refresh_button)
        picker.addStretch(1)
        picker.addWidget(self._build_print_toolbar())

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)

        # --- the KPI table --------------------------------------------------------------------
        lang = self.lang
        columns: list[Column[KpiLineDTO]] = [
            Column(self.tr("No."), lambda ln: str(ln.no), align_right=True),
            Column(self.tr("Dimension"), lambda ln: ln.dimension(lang)),
            Column(self.tr("KPI"), lambda ln: ln.name(lang), tooltip=self._line_tooltip),
            Column(self.tr("Weight"), lambda ln: number(ln.weight), align_right=True),
            Column(self.tr("Target"), lambda ln: value_text(ln.target), align_right=True),
            Column(self.tr("Actual"), lambda ln: value_text(ln.actual), align_right=True),
            Column(self.tr("Unit"), lambda ln: ln.unit),
            Column(
                self.tr("Completion"), lambda ln: percent(ln.completion_pct, 2), align_right=True
            ),
            Column(self.tr("Score"), lambda ln: score_text(ln.score), align_right=True),
            Column(self.tr("Weighted"), lambda ln: score_text(ln.weighted_score), align_right=True),
            Column(
                self.tr("YoY growth"),
                lambda ln: "" if ln.code not in _GROWTH else percent(ln.growth_pct, 2),
                align_right=True,
            ),
        ]
        self.model = RowsTableModel(columns, highlight=_completion_colour, parent=self)
        self.table = QTableView()
        self.table.setObjectName("kpi_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        # --- team members (team view only) --------------------------------------------------
        member_columns: list[Column[KpiReportDTO]] = [
            Column(self.tr("Name"), lambda r: r.person.name(lang)),
            Column(self.tr("Total"), lambda r: score_text(r.total_score), align_right=True),
            Column(self.tr("Grade"), lambda r: r.grade),
            Column(
                self.tr("Appraisal"),
                lambda r: (
                    AppraisalStatus(r.appraisal_status).label(lang)
                    if r.appraisal_status
                    else self.tr("not started")
                ),
            ),
        ]
        self.members_model = RowsTableModel(member_columns, parent=self)
        self.members_table = QTableView()
        self.members_table.setObjectName("members_table")
        self.members_table.setModel(self.members_model)
        self.members_table.verticalHeader().hide()
        self.members_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.members_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.members_table.horizontalHeader().setStretchLastSection(True)
        self.members_table.doubleClicked.connect(self._member_opened)
        self.members_box = QGroupBox(self.tr("Team members (double-click to open)"))
        members_layout = QVBoxLayout(self.members_box)
        members_layout.addWidget(self.members_table)
        self.members_box.hide()

        self.chart = KpiChart()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.members_box, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 540])

        # --- the appraisal box ----------------------------------------------------------------
        self.appraisal_box = QGroupBox(self.tr("Appraisal"))
        self.appraisal_status = QLabel()
        self.appraisal_status.setObjectName("appraisal_status")
        self.appraisal_button = QPushButton()
        self.appraisal_button.setObjectName("open_appraisal")
        box_layout = QHBoxLayout(self.appraisal_box)
        box_layout.addWidget(self.appraisal_status, 1)
        box_layout.addWidget(self.appraisal_button)

        kpi_page = QWidget()
        kpi_layout = QVBoxLayout(kpi_page)
        kpi_layout.addWidget(self.summary)
        kpi_layout.addWidget(self.splitter, 1)
        kpi_layout.addWidget(self.appraisal_box)
        self.pages = QTabWidget()
        self.pages.setObjectName("performance_pages")
        self.pages.setDocumentMode(True)
        self.pages.setTabBarAutoHide(True)  # a rep has the KPI page only
        self.pages.addTab(kpi_page, self.tr("KPIs"))
        # The report is about a team or the department, so only managers and admins get it.
        self.report_charts: ReportChartsView | None = None
        if ctx.actor.is_manager:
            self.report_charts = ReportChartsView()
            self.pages.addTab(self.report_charts, self.tr("Report charts"))
            self.report_charts.scope_changed.connect(lambda: self.refresh_charts())
            self.pages.currentChanged.connect(lambda _=0: self.refresh_charts())

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.pages, 1)

        self._fill_periods()
        self.person_combo.currentIndexChanged.connect(lambda _=0: self._person_changed())
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.period_combo.currentIndexChanged.connect(lambda _=0: self._period_changed())
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.appraisal_button.clicked.connect(self.open_appraisal)
        self._show_appraisal(None)
        self._update_print_actions()

    def title(self) -> str:
        return self.tr("Performance")

    def _build_print_toolbar(self) -> QToolBar:
        self.print_toolbar = QToolBar()
        self.print_toolbar.setObjectName("print_toolbar")
        self.print_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def action(name: str, text: str, tip: str, slot: Any) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setToolTip(tip)
            act.setProperty("base_tip", tip)
            act.triggered.connect(slot)
            self.print_toolbar.addAction(act)
            return act

        self.sheet_pdf_action = action(
            "sheet_pdf",
            self.tr("Appraisal sheet PDF…"),
            self.tr("Save the appraisal sheet of the person and period shown as a PDF and open it"),
            self.export_sheet,
        )
        self.preview_action = action(
            "sheet_preview",
            self.tr("Print preview…"),
            self.tr("Show the appraisal sheet as it will print, and print it from there"),
            self.preview_sheet,
        )
        self.manager_separator = self.print_toolbar.addSeparator()
        self.batch_action = action(
            "batch_sheets",
            self.tr("Batch sheets…"),
            self.tr("Print the sheets of a whole team: one combined PDF or one PDF per person"),
            self.batch_sheets,
        )
        self.report_action = action(
            "sales_report",
            self.tr("Sales report…"),
            self.tr("The monthly, quarterly or yearly sales report with its charts, as a PDF"),
            self.sales_report,
        )
        # A rep prints their own sheet; batches and the report are for managers and admins.
        manager = self.ctx.actor.is_manager
        self.batch_action.setVisible(manager)
        self.batch_action.setEnabled(manager)
        self.report_action.setVisible(manager)
        self.report_action.setEnabled(manager)
        self.manager_separator.setVisible(manager)
        return self.print_toolbar

    def _update_print_actions(self) -> None:
        """The sheet actions need one person picked (not a whole team)."""
        person = self.selected_person() is not None
        for act in (self.sheet_pdf_action, self.preview_action):
            act.setEnabled(person)
            tip = str(act.property("base_tip"))
            if not person:
                tip += "\n" + self.tr("Pick one person; for a whole team use Batch sheets…")
            act.setToolTip(tip)

    # --- choices ------------------------------------------------------------------------------
    def _fill_periods(self) -> None:
        kind = PeriodType(self.kind_combo.currentData())  # Qt hands back the plain code
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in periods_back(kind, dt.date.today()):
            self.period_combo.addItem(period.label(self.lang), period.text)
        self.period_combo.setCurrentIndex(0)
        self.period_combo.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_periods()
        self.refresh_figures()
        self.refresh_charts()

    def select_period(self, kind: PeriodType, text: str) -> None:
        """Pick a period type and a period the way a person does in the combos."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        index = self.period_combo.findData(Period.parse(text).text)
        if index < 0:  # older than the list: add it
            period = Period.parse(text)
            self.period_combo.addItem(period.label(self.lang), period.text)
            index = self.period_combo.count() - 1
        self.period_combo.setCurrentIndex(index)

    def select_person(self, user_id: str) -> None:
        index = self.person_combo.findData(f"person:{user_id}")
        if index >= 0:
            self.person_combo.setCurrentIndex(index)

    def select_team(self, team_id: str) -> None:
        index = self.person_combo.findData(f"team:{team_id}")
        if index >= 0:
            self.person_combo.setCurrentIndex(index)

    @property
    def period(self) -> Period:
        return Period.parse(self.period_combo.currentData())

    def offered_periods(self) -> list[Period]:
        """The periods of the picked type the period list offers, newest first."""
        combo = self.period_combo
        return [Period.parse(combo.itemData(i)) for i in range(combo.count())]

    def selected_person(self) -> PersonDTO | None:
        """The person picked (None while a whole team is picked or nothing is loaded)."""
        kind, _, ident = str(self.person_combo.currentData() or "").partition(":")
        if kind != "person" or self._choices is None:
            return None
        return next((p for p in self._choices.people if p.user_id == ident), None)

    def selected_team_id(self) -> str | None:
        kind, _, ident = str(self.person_combo.currentData() or "").partition(":")
        return ident if kind == "team" else None

    def _person_changed(self) -> None:
        self._update_print_actions()
        self.refresh_figures()

    def _period_changed(self) -> None:
        self.refresh_figures()
        self.refresh_charts()

    def _refresh_clicked(self) -> None:
        self._charts_shown = None
        self.refresh_figures()
        self.refresh_charts()

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the people one may pick, then the figures (and the report charts)."""
        self._charts_shown = None
        actor = self.ctx.actor
        self.ctx.tasks.run(
            lambda s: selectable_people(s, actor), self._choices_loaded, label="people"
        )

    def _choices_loaded(self, choices: PeopleChoiceDTO) -> None:
        current = self.person_combo.currentData()
        self._choices = choices
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for p in choices.people:
            label = p.name(self.lang)
            if p.user_id == self.ctx.actor.user_id:
                label = self.tr("%1 (me)").replace("%1", label)
            elif p.role is Role.MANAGER:
                label = f"{label} · {p.role.label(self.lang)}"
            self.person_combo.addItem(label, f"person:{p.user_id}")
        for team in choices.teams:
            self.person_combo.addItem(
                self.tr("Whole team: %1").replace("%1", team.name), f"team:{team.team_id}"
            )
        index = self.person_combo.findData(current) if current else -1
        self.person_combo.setCurrentIndex(max(index, 0))
        self.person_combo.blockSignals(False)
        self.person_combo.setEnabled(self.person_combo.count() > 1)
        self._update_print_actions()
        if self.report_charts is not None:
            self.report_charts.set_scopes(self.report_scopes())
        self.refresh_figures()
        self.refresh_charts()

    def refresh_figures(self) -> None:
        choice = self.person_combo.currentData()
        if not choice or self.period_combo.currentData() is None:
            return
        actor, period, bands = self.ctx.actor, self.period, self.bands
        company = self.ctx.settings.get(COMPANY_NAME)
        kind, _, ident = str(choice).partition(":")  # "person:<id>" or "team:<id>"

        if kind == "team":

            def load_team(s: Any) -> TeamReportDTO:
                return team_report(s, actor, ident, period, bands=bands)

            # The newest choice of person or team is the one shown (one key for both).
            self.ctx.tasks.run_latest(
                f"performance figures {id(self)}",
                load_team,
                self._team_loaded,
                self._load_failed,
                label="performance figures",
            )
            return

        def load(s: Any) -> tuple[KpiReportDTO, AppraisalDTO | None]:
            report = kpi_report(s, actor, ident, period, bands=bands)
            appraisal = find_appraisal(s, actor, ident, period, company=company, bands=bands)
            return report, appraisal

        self.ctx.tasks.run_latest(
            f"performance figures {id(self)}",
            load,
            lambda result: self._person_loaded(*result),
            self._load_failed,
            label="performance figures",
        )

    def _load_failed(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))
        self.report = self.team = None
        self.model.set_rows([])
        self.chart.clear()

    def _person_loaded(self, report: KpiReportDTO, appraisal: AppraisalDTO | None) -> None:
        self.report, self.team = report, None
        self.members_box.hide()
        self.model.set_rows(report.lines)
        name = report.person.name(self.lang)
        self.summary.setText(self._summary_text(name, report.period_label(self.lang), report))
        self.chart.show_completion(
            report.lines,
            self.tr("%1 · %2").replace("%1", name).replace("%2", report.period_label(self.lang)),
            self.lang,
        )
        self._show_appraisal(appraisal)
        self.summary_changed.emit(
            self.tr("%1: total %2, grade %3")
            .replace("%1", name)
            .replace("%2", score_text(report.total_score))
            .replace("%3", report.grade)
        )

    def _team_loaded(self, team: TeamReportDTO) -> None:
        self.team, self.report = team, None
        self.model.set_rows(team.lines)
        self.members_model.set_rows(team.members)
        self.members_box.show()
        label = team.period_label(self.lang)
        self.summary.setText(self._summary_text(team.team_name, label, team))
        ranked = [_Ranked(m.person.name(self.lang), m.total_score, m.grade) for m in team.members]
        floors = [(b.grade, b.floor) for b in self.bands]
        self.chart.show_ranking(
            ranked,
            floors,
            self.tr("%1 · %2 — total score by person")
            .replace("%1", team.team_name)
            .replace("%2", label),
        )
        self.appraisal = None
        self.appraisal_box.hide()
        self.summary_changed.emit(
            self.tr("%1: %2 people")
            .replace("%1", team.team_name)
            .replace("%2", str(len(team.members)))
        )

    def _summary_text(self, name: str, period: str, report: KpiReportDTO | TeamReportDTO) -> str:
        text = (
            self.tr("<b>%1</b> · %2 — total score <b>%3</b> · grade <b>%4</b>")
            .replace("%1", name)
            .replace("%2", period)
            .replace("%3", score_text(report.total_score))
            .replace("%4", report.grade or "—")
        )
        unscored = [ln for ln in report.lines if ln.score is None]
        if unscored:
            text += " · " + self.tr(
                "%1 KPI(s) without a score yet (no target or nothing to measure: —)"
            ).replace("%1", str(len(unscored)))
        return text

    def _line_tooltip(self, line: KpiLineDTO) -> str:
        return f"{line.definition(self.lang)}\n\n{line.rule(self.lang)}"

    def _member_opened(self, index: QModelIndex) -> None:
        member = self.members_model.row_object(index.row())
        if member is not None:
            self.select_person(member.person.user_id)

    # --- the appraisal --------------------------------------------------------------------------
    def _show_appraisal(self, appraisal: AppraisalDTO | None) -> None:
        self.appraisal = appraisal
        report = self.report
        self.appraisal_box.setVisible(report is not None)
        if report is None:
            return
        if appraisal is None:
            self.appraisal_status.setText(
                self.tr("No appraisal for %1 yet.").replace("%1", report.period_label(self.lang))
            )
            mine = report.person.user_id == self.ctx.actor.user_id
            may_start = mine or (
                self.ctx.actor.is_manager and report.person.role in (Role.REP, Role.MANAGER)
            )
            self.appraisal_button.setText(
                self.tr("Start self-assessment…") if mine else self.tr("Start appraisal…")
            )
            self.appraisal_button.setEnabled(may_start)
            return
        status = appraisal.status.label(self.lang)
        if appraisal.frozen:
            text = self.tr("Appraisal: %1 — total %2, grade %3 (frozen)")
        else:
            text = self.tr("Appraisal: %1 — total so far %2, grade %3")
        self.appraisal_status.setText(
            text.replace("%1", status)
            .replace("%2", score_text(appraisal.total_score))
            .replace("%3", appraisal.grade or "—")
        )
        if appraisal.may_edit_self:
            self.appraisal_button.setText(self.tr("Self-assessment…"))
        elif appraisal.may_review or appraisal.may_confirm:
            self.appraisal_button.setText(self.tr("Manager review…"))
        else:
            self.appraisal_button.setText(self.tr("View appraisal…"))
        self.appraisal_button.setEnabled(True)

    def open_appraisal(self) -> None:
        """Open (or start) the appraisal of the person and period shown, in a dialog."""
        report = self.report
        if report is None:
            return
        actor, period, bands = self.ctx.actor, self.period, self.bands
        company = self.ctx.settings.get(COMPANY_NAME)
        user_id = report.person.user_id
        if self.appraisal is not None and self.appraisal.id is not None:
            self._open_dialog(self.appraisal)
            return
        self.ctx.tasks.run(
            lambda s: open_appraisal(s, actor, user_id, period, company=company, bands=bands),
            self._open_dialog,
            self.show_refusal,
            writes=("appraisals", "appraisal_lines"),
            label="open appraisal",
        )

    def _open_dialog(self, appraisal: AppraisalDTO) -> None:
        self._show_appraisal(appraisal)
        dialog = AppraisalDialog(
            self.ctx,
            appraisal,
            company=self.ctx.settings.get(COMPANY_NAME),
            bands=self.bands,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _=0: self._dialog_closed(dialog))
        self.appraisal_dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: AppraisalDialog) -> None:
        if self.appraisal_dialog is dialog:
            self.appraisal_dialog = None
        self.refresh_figures()

    # --- printing -------------------------------------------------------------------------------
    def export_sheet(self) -> None:
        """Save the appraisal sheet of the person and period shown as a PDF, then open it."""
        person = self.selected_person()
        if person is not None:
            self.printer.export_sheet(person, self.period)

    def preview_sheet(self) -> None:
        """The print preview of that sheet; the user prints from it."""
        person = self.selected_person()
        if person is not None:
            self.printer.preview_sheet(person, self.period)

    def batch_sheets(self) -> None:
        if self._choices is not None and self.ctx.actor.is_manager:
            self.printer.batch_sheets(self._choices, self.offered_periods(), self.period)

    def sales_report(self) -> None:
        if self._choices is not None and self.ctx.actor.is_manager:
            team = self.selected_team_id()
            if team is None and self.report_charts is not None:
                team = self.report_charts.team_id
            self.printer.sales_report(
                self.report_scopes(), self.offered_periods(), self.period, team_id=team
            )

    def report_scopes(self) -> list[tuple[str, str | None]]:
        """What a report may cover: the department (admins) and the teams one may see."""
        scopes: list[tuple[str, str | None]] = []
        if self.ctx.actor.is_admin:
            scopes.append((self.tr("Sales department (all teams)"), None))
        if self._choices is not None:
            scopes += [(team.name, team.team_id) for team in self._choices.teams]
        return scopes

    # --- the report charts page -------------------------------------------------------------------
    def refresh_charts(self) -> None:
        """Load the report's figures for the period and scope, when the page is on screen and
        does not show them already."""
        view = self.report_charts
        if view is None or self.pages.currentWidget() is not view or not view.has_scope:
            return
        if self.period_combo.currentData() is None:
            return
        actor, period, team_id = self.ctx.actor, self.period, view.team_id
        key = (period.text, team_id)
        if key == self._charts_shown:
            return
        self._charts_shown = key
        view.show_loading(self.tr("Adding up %1…").replace("%1", period.label(self.lang)))
        self.ctx.tasks.run_latest(  # the period and team chosen last are the ones shown
            f"report charts {id(self)}",
            lambda s: load_report_data(s, actor, period, team_id),
            self._charts_loaded,
            self._charts_failed,
            label="report charts",
        )

    def _charts_loaded(self, data: SalesReportData) -> None:
        if self.report_charts is None:
            return
        scope = data.team_name or self.tr("Sales department (all teams)")
        self.report_charts.show_report(
            data,
            self.lang,
            self.tr("%1 · %2 — the charts of the sales report")
            .replace("%1", data.period.label(self.lang))
            .replace("%2", scope),
        )

    def _charts_failed(self, exc: BaseException) -> None:
        if self.report_charts is None:
            return
        self._charts_shown = None
        self.report_charts.show_error(str(exc))


_GROWTH = frozenset({"SALES_VOLUME", "SALES_REVENUE"})


def _completion_colour(line: KpiLineDTO) -> QColor | None:
    if line.completion_pct is None:
        return None
    if line.completion_pct >= 100:
        return GOOD
    return LOW if line.completion_pct < 80 else None
