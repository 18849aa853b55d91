"""The appraisal screen (绩效考核): self scores and self-assessment by the rep; manager scores,
comments and improvement plan by the manager; confirm.

What may be edited follows the appraisal's ``may_*`` flags, which the service computed for the
signed-in user; the service checks again on every save, so a refused step (a rep trying the
manager's part) comes back as a message in the banner and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.appraisals import (
    AppraisalDTO,
    AppraisalLineDTO,
    confirm_appraisal,
    return_to_rep,
    save_manager_review,
    save_self_assessment,
)
from minesales_desktop.services.errors import ServiceError, ValidationError
from minesales_desktop.services.kpi_engine import DEFAULT_GRADE_BANDS, GradeBand
from minesales_desktop.services.vocabulary import KpiSource
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.format import number, percent

ERROR_STYLE = "color: #b00020;"
EDITABLE = QColor("#fffde7")
WRITES = ("appraisals", "appraisal_lines")

# Table columns.
(
    COL_NO,
    COL_DIMENSION,
    COL_KPI,
    COL_WEIGHT,
    COL_TARGET,
    COL_ACTUAL,
    COL_COMPLETION,
    COL_SYSTEM,
    COL_SELF,
    COL_MANAGER,
    COL_WEIGHTED,
) = range(11)


def value_text(value: Decimal | None) -> str:
    """A figure on screen; nothing to show is "—" (never an empty cell or a 0)."""
    return "—" if value is None else number(value)


def score_text(value: Decimal | None) -> str:
    """Scores always with two decimals (100.00, 4.50), so a column of them lines up."""
    return "—" if value is None else f"{value:,.2f}"


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class AppraisalDialog(QDialog):
    """One appraisal; ``saved`` holds the latest DTO after a successful save."""

    def __init__(
        self,
        ctx: AppContext,
        appraisal: AppraisalDTO,
        *,
        company: str = "",
        bands: tuple[GradeBand, ...] = DEFAULT_GRADE_BANDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appraisal_dialog")
        self.ctx = ctx
        self.company = company
        self.bands = bands
        self.appraisal = appraisal
        self.setMinimumSize(1000, 640)
        lang = ctx.language

        self.banner = QLabel()
        self.banner.setObjectName("appraisal_banner")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.header = QLabel()
        self.header.setObjectName("appraisal_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)

        self.table = QTableWidget(0, 11)
        self.table.setObjectName("appraisal_lines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Dimension"),
                self.tr("KPI"),
                self.tr("Weight"),
                self.tr("Target"),
                self.tr("Actual"),
                self.tr("Completion"),
                self.tr("System score"),
                self.tr("Self score"),
                self.tr("Manager score"),
                self.tr("Weighted"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KPI, QHeaderView.ResizeMode.Stretch)

        self.self_text = QPlainTextEdit()
        self.self_text.setObjectName("self_assessment")
        self.comments = QPlainTextEdit()
        self.comments.setObjectName("manager_comments")
        self.plan = QPlainTextEdit()
        self.plan.setObjectName("improvement_plan")
        for edit in (self.self_text, self.comments, self.plan):
            edit.setMaximumHeight(70)
        texts = QFormLayout()
        texts.addRow(self.tr("Self-assessment"), self.self_text)
        texts.addRow(self.tr("Manager comments"), self.comments)
        texts.addRow(self.tr("Improvement plan"), self.plan)

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submit")
        self.return_button = QPushButton(self.tr("Return to rep"))
        self.return_button.setObjectName("return_to_rep")
        self.confirm_button = QPushButton(self.tr("Confirm and freeze"))
        self.confirm_button.setObjectName("confirm")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        for button in (self.save_button, self.submit_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        self.return_button.clicked.connect(self.return_to_rep)
        self.confirm_button.clicked.connect(self.confirm)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(texts)
        layout.addWidget(self.buttons)
        self._lang = lang
        self.populate(appraisal)

    # --- showing ------------------------------------------------------------------------------
    @property
    def self_mode(self) -> bool:
        return self.appraisal.may_edit_self

    @property
    def manager_mode(self) -> bool:
        return self.appraisal.may_review

    def populate(self, appraisal: AppraisalDTO) -> None:
        self.appraisal = appraisal
        a, lang = appraisal, self._lang
        self.setWindowTitle(f"{a.sheet_title(lang)} — {a.appraisee.name(lang)}")
        appraiser = a.appraiser.name(lang) if a.appraiser else "—"
        frozen = self.tr(" (frozen)") if a.frozen else ""
        self.header.setText(
            f"<b>{a.sheet_title(lang)}</b><br>"
            + self.tr("Appraisee: %1 · Employee no.: %2 · Team: %3 · Period: %4")
            .replace("%1", a.appraisee.name(lang))
            .replace("%2", a.appraisee.employee_no or "—")
            .replace("%3", a.appraisee.team_name or "—")
            .replace("%4", a.period_label(lang))
            + "<br>"
            + self.tr("Appraiser: %1 · Status: %2%3 · Total: %4 · Grade: %5")
            .replace("%1", appraiser)
            .replace("%2", a.status.label(lang))
            .replace("%3", frozen)
            .replace("%4", score_text(a.total_score))
            .replace("%5", a.grade or "—")
        )
        self.table.setRowCount(len(a.lines))
        for row, line in enumerate(a.lines):
            self._fill_row(row, line)
        self.self_text.setPlainText(a.self_assessment or "")
        self.comments.setPlainText(a.manager_comments or "")
        self.plan.setPlainText(a.improvement_plan or "")
        self.self_text.setReadOnly(not self.self_mode)
        self.comments.setReadOnly(not self.manager_mode)
        self.plan.setReadOnly(not self.manager_mode)
        editable = self.self_mode or self.manager_mode
        self.save_button.setVisible(editable)
        self.submit_button.setVisible(editable)
        self.submit_button.setText(
            self.tr("Submit to manager") if self.self_mode else self.tr("Finish review")
        )
        self.return_button.setVisible(a.may_return)
        self.confirm_button.setVisible(a.may_confirm)

    def _item(self, text: str, *, editable: bool = False, right: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
            item.setBackground(QBrush(EDITABLE))
        item.setFlags(flags)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fill_row(self, row: int, line: AppraisalLineDTO) -> None:
        lang = self._lang
        manual = line.source is KpiSource.MANUAL and self.manager_mode
        manager_score = line.manager_score
        if manager_score is None and self.manager_mode:
            manager_score = line.system_score  # a starting point the manager adjusts
        kpi = self._item(line.name(lang), right=False)
        kpi.setToolTip(
            f"{line.definition(lang)}\n\n{line.rule_zh if lang.startswith('zh') else line.rule_en}"
        )
        cells = {
            COL_NO: self._item(str(line.no)),
            COL_DIMENSION: self._item(line.dimension(lang), right=False),
            COL_KPI: kpi,
            COL_WEIGHT: self._item(number(line.weight)),
            COL_TARGET: self._item(value_text(line.target)),
            COL_ACTUAL: self._item(
                _plain(line.actual) if manual else value_text(line.actual), editable=manual
            ),
            COL_COMPLETION: self._item(percent(line.completion_pct, 2)),
            COL_SYSTEM: self._item(score_text(line.system_score)),
            COL_SELF: self._item(
                _plain(line.self_score) if self.self_mode else score_text(line.self_score),
                editable=self.self_mode,
            ),
            COL_MANAGER: self._item(
                _plain(manager_score) if self.manager_mode else score_text(manager_score),
                editable=self.manager_mode,
            ),
            COL_WEIGHTED: self._item(score_text(line.weighted_score)),
        }
        for column, item in cells.items():
            self.table.setItem(row, column, item)

    # --- saving -------------------------------------------------------------------------------
    def _column_values(self, column: int) -> dict[str, str]:
        values: dict[str, str] = {}
        for row, line in enumerate(self.appraisal.lines):
            item = self.table.item(row, column)
            values[line.code] = item.text().strip() if item is not None else ""
        return values

    def _run(self, fn: Callable[[Any], AppraisalDTO], *, close_after: bool) -> None:
        self._set_busy(True)

        def done(result: AppraisalDTO) -> None:
            self._set_busy(False)
            self.banner.hide()
            self.populate(result)
            if close_after:
                self.accept()

        self.ctx.tasks.run(fn, done, self._refused, writes=WRITES, label=self.windowTitle())

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.save_button,
            self.submit_button,
            self.confirm_button,
            self.return_button,
        ):
            button.setEnabled(not busy)

    def save(self, *, submit: bool) -> None:
        actor, aid = self.ctx.actor, self.appraisal.id or ""
        company, bands = self.company, self.bands
        if self.manager_mode:
            scores = self._column_values(COL_MANAGER)
            manual_codes = {ln.code for ln in self.appraisal.lines if ln.source is KpiSource.MANUAL}
            manual = {
                code: text
                for code, text in self._column_values(COL_ACTUAL).items()
                if code in manual_codes
            }
            comments = self.comments.toPlainText()
            plan = self.plan.toPlainText()

            def review(s: Any) -> AppraisalDTO:
                return save_manager_review(
                    s,
                    actor,
                    aid,
                    scores,
                    comments,
                    plan,
                    manual_actuals=manual,
                    submit=submit,
                    company=company,
                    bands=bands,
                )

            self._run(review, close_after=submit)
        else:
            scores = self._column_values(COL_SELF)
            text = self.self_text.toPlainText()
            self._run(
                lambda s: save_self_assessment(
                    s, actor, aid, scores, text, submit=submit, company=company, bands=bands
                ),
                close_after=submit,
            )

    def ask_confirm(self) -> bool:
        """Confirming freezes the appraisal for good: ask first (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Confirm this appraisal? Its figures, scores and grade are then frozen and can "
                "no longer be changed."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm(self) -> None:
        if not self.ask_confirm():
            return
        actor, aid = self.ctx.actor, self.appraisal.id or ""
        company, bands = self.company, self.bands
        self._run(
            lambda s: confirm_appraisal(s, actor, aid, company=company, bands=bands),
            close_after=False,
        )

    def return_to_rep(self) -> None:
        actor, aid = self.ctx.actor, self.appraisal.id or ""
        company, bands = self.company, self.bands
        self._run(
            lambda s: return_to_rep(s, actor, aid, company=company, bands=bands),
            close_after=True,
        )

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            names = {ln.code: ln.name(self._lang) for ln in self.appraisal.lines}
            self.banner.setText(
                "\n".join(f"{names.get(code, code)}: {msg}" for code, msg in exc.errors.items())
            )
            self.banner.show()
        elif isinstance(exc, ServiceError):
            self.banner.setText(str(exc))
            self.banner.show()
        else:
            raise exc
