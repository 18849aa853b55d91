"""Printing from the performance tab: one appraisal sheet (save, or print preview), a batch of
sheets for a team, and the sales report.

- ``PerformancePrinter`` is what the tab's toolbar calls. It asks where to save (and in which
  language — the screen's by default, the other one on request), makes the PDFs on the database
  worker (``documents.batch``, the same code as the CLI) and opens them or offers to.
- ``BatchSheetsDialog`` and ``SalesReportDialog`` are the small forms for a batch and a report.

Who may print what is decided on the worker, by the services, every time: one sheet goes through
``find_appraisal`` (the appraisee themself, their manager, an admin); a batch prints the people
``selectable_people`` offers the signed-in user, ordered by ``appraisees``; a report's scope is a
team ``selectable_people`` offers, or the whole department for an admin. ``documents.batch``
itself checks nothing (the CLI is run by whoever holds the database file).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.documents.batch import (
    AppraisalBatchArgs,
    BatchResult,
    ReportArgs,
    appraisees,
    run_appraisal_batch,
    run_sales_report,
)
from minesales_desktop.messages import translate
from minesales_desktop.services.appraisals import find_appraisal
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.kpi_engine import (
    PeopleChoiceDTO,
    PersonDTO,
    TeamChoiceDTO,
    selectable_people,
)
from minesales_desktop.services.performance import Period
from minesales_desktop.services.report_data import SalesReportData, sales_report_data
from minesales_desktop.settings import COMPANY_NAME
from minesales_desktop.tasks import Progress
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs import print_dialogs
from minesales_desktop.ui.dialogs.print_dialogs import BatchRunner

__all__ = [
    "BatchChoice",
    "BatchSheetsDialog",
    "PerformancePrinter",
    "ReportChoice",
    "SalesReportDialog",
    "document_language",
    "load_report_data",
    "printable_people",
]


def document_language(ui_language: str) -> str:
    """The PDF language that goes with the screen's: 'zh_CN' or 'en'."""
    return "zh_CN" if ui_language.lower().startswith("zh") else "en"


# Words in suggested file names, in the document's language (the name travels with the PDF).
FILE_WORDS = {
    "zh": {
        "sheets": "绩效考核表",
        "report": "销售报告",
        "everyone": "全部",
        "department": "销售部",
    },
    "en": {
        "sheets": "appraisal_sheets",
        "report": "sales_report",
        "everyone": "all",
        "department": "department",
    },
}


def _words(lang: str) -> dict[str, str]:
    return FILE_WORDS["zh" if lang.lower().startswith("zh") else "en"]


def _file_part(text: str) -> str:
    """A piece of a file name: no path separators or characters Windows refuses."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or c.isspace() else c for c in text)
    return cleaned.strip("_") or "minesales"


# --- the work on the database worker (plain Python, no widgets) -----------------------------------
def _permission_denied() -> PermissionDenied:
    return PermissionDenied(
        translate("Permissions", "You may only print your own sheet, or your team's as manager.")
    )


def _offered_team(choices: PeopleChoiceDTO, team_id: str) -> TeamChoiceDTO:
    for team in choices.teams:
        if team.team_id == team_id:
            return team
    raise _permission_denied()


def printable_people(session: Any, actor: Actor, team_id: str | None) -> list[str]:
    """The ids whose sheets ``actor`` may print: everyone ``selectable_people`` offers them
    (``team_id`` None) or the members of one team it offers, in ``appraisees`` order (team,
    then name)."""
    choices = selectable_people(session, actor)
    visible = {p.user_id for p in choices.people}
    if team_id is None:
        ordered = appraisees(session, everyone=True)
    else:
        ordered = appraisees(session, team_name=_offered_team(choices, team_id).name)
    return [uid for uid in ordered if uid in visible]


def _report_team_name(session: Any, actor: Actor, team_id: str | None) -> str | None:
    """The team a report is about, after checking ``actor`` may see it (the whole department:
    admins only)."""
    if team_id is None:
        if not actor.is_admin:
            raise _permission_denied()
        return None
    return _offered_team(selectable_people(session, actor), team_id).name


def load_report_data(
    session: Any, actor: Actor, period: Period, team_id: str | None
) -> SalesReportData:
    """The figures of the report charts page, for the scope ``actor`` may see."""
    _report_team_name(session, actor, team_id)
    return sales_report_data(session, period, team_id=team_id)


def _one_sheet(
    actor: Actor, user_id: str, period: Period, out: Path, lang: str, company: str
) -> Callable[[Any], Path]:
    def job(session: Any) -> Path:
        find_appraisal(session, actor, user_id, period)  # PermissionDenied for others' sheets
        args = AppraisalBatchArgs(
            period=period.text, out=out, lang=lang, user_ids=(user_id,), company=company
        )
        return run_appraisal_batch(args, session=session).files[0]

    return job


# --- what the dialogs return --------------------------------------------------------------------
@dataclass(frozen=True)
class BatchChoice:
    """A batch of sheets: whose (a team, or None: everyone one may print), which period, one
    combined PDF (``out`` is that file) or one PDF per person (``out`` is a folder)."""

    period: Period
    team_id: str | None
    combined: bool
    out: Path
    lang: str
    scope_label: str = ""


@dataclass(frozen=True)
class ReportChoice:
    period: Period
    team_id: str | None
    out: Path
    lang: str


# --- dialogs ------------------------------------------------------------------------------------
class _PrintSetupDialog(QDialog):
    """Period, language and "save to" rows shared by the batch and the report dialogs."""

    def __init__(
        self,
        ui_language: str,
        periods: Sequence[Period],
        current: Period,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.ui_language = ui_language
        self.form = QFormLayout()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("print_period")
        offered = list(periods) if current in periods else [current, *periods]
        for period in offered:
            self.period_combo.addItem(period.label(ui_language), period.text)
        self.period_combo.setCurrentIndex(self.period_combo.findData(current.text))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("print_language")
        self.language_combo.addItem(self.tr("Chinese (中文)"), "zh_CN")
        self.language_combo.addItem(self.tr("English"), "en")
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(document_language(ui_language))
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("print_path")
        self.path_edit.setMinimumWidth(460)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("print_browse")
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.path_row = path_row
        self.error = QLabel()
        self.error.setObjectName("print_error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def period(self) -> Period:
        return Period.parse(str(self.period_combo.currentData()))

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def browse(self) -> None:
        raise NotImplementedError

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _pdf_path(self) -> Path | None:
        path = self._path()
        if path is None:
            self._refuse(self.tr("Choose where to save the PDF."))
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if path.is_dir():
            self._refuse(self.tr("%1 is a folder; give a file name.").replace("%1", str(path)))
            return None
        return path

    def _save_file(self, title: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, self.path_edit.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.path_edit.setText(path)


class BatchSheetsDialog(_PrintSetupDialog):
    """Whose sheets (a whole team, or everyone one may print), one combined PDF or one PDF per
    person in a folder, the period, the language."""

    def __init__(
        self,
        ui_language: str,
        choices: PeopleChoiceDTO,
        periods: Sequence[Period],
        current: Period,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui_language, periods, current, parent)
        self.setObjectName("batch_sheets_dialog")
        self.setWindowTitle(self.tr("Batch appraisal sheets"))
        self.folder = folder
        self.who_combo = QComboBox()
        self.who_combo.setObjectName("batch_who")
        self._team_names = {team.team_id: team.name for team in choices.teams}
        for team in choices.teams:
            self.who_combo.addItem(self.tr("Whole team: %1").replace("%1", team.name), team.team_id)
        self.who_combo.addItem(
            self.tr("Everyone I may see (%1 people)").replace("%1", str(len(choices.people))),
            None,
        )
        self.combined_radio = QRadioButton(self.tr("One combined PDF"))
        self.combined_radio.setObjectName("batch_combined")
        self.per_person_radio = QRadioButton(self.tr("One PDF per person, in a folder"))
        self.per_person_radio.setObjectName("batch_per_person")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.combined_radio)
        self.mode_group.addButton(self.per_person_radio)
        self.combined_radio.setChecked(True)
        modes = QVBoxLayout()
        modes.setSpacing(2)
        modes.addWidget(self.combined_radio)
        modes.addWidget(self.per_person_radio)
        self.form.addRow(self.tr("Period"), self.period_combo)
        self.form.addRow(self.tr("Sheets of"), self.who_combo)
        self.form.addRow(self.tr("Output"), modes)
        self.form.addRow(self.tr("Save to"), self.path_row)
        self.form.addRow(self.tr("Language"), self.language_combo)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Print"))
        self._finish_layout()
        self._default = ""
        self._suggest()
        for signal in (
            self.who_combo.currentIndexChanged,
            self.period_combo.currentIndexChanged,
            self.language_combo.currentIndexChanged,
        ):
            signal.connect(lambda _=0: self._suggest())
        self.mode_group.buttonToggled.connect(lambda *_: self._suggest())

    @property
    def combined(self) -> bool:
        return self.combined_radio.isChecked()

    def _suggest(self) -> None:
        """A file or folder name from the choices, unless the user typed their own."""
        if self.path_edit.text() not in ("", self._default):
            return
        words = _words(self.language)
        team = self.who_combo.currentData()
        who = self._team_names.get(str(team), "") if team else words["everyone"]
        name = _file_part(f"{self.period.text}_{who}_{words['sheets']}")
        self._default = str(self.folder / (f"{name}.pdf" if self.combined else name))
        self.path_edit.setText(self._default)

    def browse(self) -> None:
        if self.combined:
            self._save_file(self.tr("Save the appraisal sheets as"))
            return
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the appraisal sheets"), str(self.folder)
        )
        if path:
            self.path_edit.setText(path)

    def choice(self) -> BatchChoice | None:
        """What was chosen, or None (with the reason shown) when it cannot be printed."""
        if self.combined:
            out = self._pdf_path()
            if out is None:
                return None
        else:
            folder = self._path()
            if folder is None:
                self._refuse(self.tr("Choose a folder for the PDFs."))
                return None
            if folder.suffix.lower() == ".pdf" or folder.is_file():
                self._refuse(
                    self.tr("%1 is a file; choose a folder for one PDF per person.").replace(
                        "%1", str(folder)
                    )
                )
                return None
            out = folder
        team = self.who_combo.currentData()
        return BatchChoice(
            period=self.period,
            team_id=str(team) if team else None,
            combined=self.combined,
            out=out,
            lang=self.language,
            scope_label=self.who_combo.currentText(),
        )

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()


class SalesReportDialog(_PrintSetupDialog):
    """The report's period, scope (the department or one team), language and file."""

    def __init__(
        self,
        ui_language: str,
        scopes: Sequence[tuple[str, str | None]],
        periods: Sequence[Period],
        current: Period,
        folder: Path,
        *,
        team_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui_language, periods, current, parent)
        self.setObjectName("sales_report_dialog")
        self.setWindowTitle(self.tr("Sales report"))
        self.folder = folder
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("report_scope")
        for label, scope in scopes:
            self.scope_combo.addItem(label, scope)
        self.scope_combo.setCurrentIndex(max(self.scope_combo.findData(team_id), 0))
        self.form.addRow(self.tr("Period"), self.period_combo)
        self.form.addRow(self.tr("Scope"), self.scope_combo)
        self.form.addRow(self.tr("Save to"), self.path_row)
        self.form.addRow(self.tr("Language"), self.language_combo)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make report"))
        self._finish_layout()
        self._default = ""
        self._suggest()
        for signal in (
            self.scope_combo.currentIndexChanged,
            self.period_combo.currentIndexChanged,
            self.language_combo.currentIndexChanged,
        ):
            signal.connect(lambda _=0: self._suggest())

    def _suggest(self) -> None:
        if self.path_edit.text() not in ("", self._default):
            return
        words = _words(self.language)
        scope = self.scope_combo.currentText() if self.scope_combo.currentData() else ""
        name = _file_part(f"{self.period.text}_{scope or words['department']}_{words['report']}")
        self._default = str(self.folder / f"{name}.pdf")
        self.path_edit.setText(self._default)

    def browse(self) -> None:
        self._save_file(self.tr("Save the sales report as"))

    def choice(self) -> ReportChoice | None:
        out = self._pdf_path()
        if out is None:
            return None
        scope = self.scope_combo.currentData()
        return ReportChoice(
            period=self.period,
            team_id=str(scope) if scope else None,
            out=out,
            lang=self.language,
        )

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()


# --- the controller the tab calls ---------------------------------------------------------------
class PerformancePrinter(QObject):
    """The performance tab's printing. ``printed(tuple[Path, ...])`` after PDFs were written,
    ``failed(str)`` when refused or broken (also shown to the user), ``cancelled()`` after a
    cancelled batch (which leaves nothing behind)."""

    printed = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    preview_opened = Signal(object)  # the QPrintPreviewDialog, before it runs

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        self.runner: BatchRunner | None = None
        self.message: QMessageBox | None = None

    @property
    def lang(self) -> str:
        return document_language(self.ctx.language)

    def _company(self) -> str:
        return self.ctx.settings.get(COMPANY_NAME)

    def _fail(self, title: str, text: str) -> None:
        self.failed.emit(text)
        QMessageBox.warning(self.widget, title, text)

    # --- one sheet -----------------------------------------------------------------------------
    def sheet_filters(self) -> dict[str, str]:
        """File-type label → language of the PDF (like the quote export)."""
        return {
            self.tr("PDF in Chinese (*.pdf)"): "zh_CN",
            self.tr("PDF in English (*.pdf)"): "en",
        }

    def export_sheet(self, person: PersonDTO, period: Period) -> None:
        """Ask where to save the sheet of ``person`` for ``period``, write it, open it."""
        filters = self.sheet_filters()
        selected = next(label for label, lang in filters.items() if lang == self.lang)
        name = _file_part(f"{period.text}_{person.name(self.ctx.language)}.pdf")
        path, chosen = QFileDialog.getSaveFileName(
            self.widget,
            self.tr("Save the appraisal sheet of %1").replace("%1", person.name(self.ctx.language)),
            str(self.folder / name),
            ";;".join(filters),
            selected,
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        self.write_sheet(person, period, out, filters.get(chosen, self.lang))

    def write_sheet(self, person: PersonDTO, period: Period, out: Path, lang: str) -> None:
        self.folder = out.parent
        self.ctx.tasks.run(
            _one_sheet(self.ctx.actor, person.user_id, period, out, lang, self._company()),
            self._sheet_written,
            lambda exc: self._fail(self.tr("Appraisal sheet"), str(exc)),
            label="appraisal sheet PDF",
        )

    def _sheet_written(self, path: Path) -> None:
        self.printed.emit((path,))
        self.open(path)

    def open(self, path: Path) -> None:
        if not print_dialogs.open_pdf(path):
            self._fail(
                self.tr("Open PDF"),
                self.tr("No PDF viewer could be started. The file is at %1").replace(
                    "%1", str(path)
                ),
            )

    # --- print preview ---------------------------------------------------------------------------
    def preview_sheet(self, person: PersonDTO, period: Period, lang: str | None = None) -> None:
        """Render the sheet to a temporary PDF on the worker, then show the print preview; the
        user prints from there. The temporary PDF goes when the preview closes."""
        folder = Path(tempfile.mkdtemp(prefix="minesales-preview-"))
        name = _file_part(f"{period.text}_{person.name(self.ctx.language)}.pdf")

        def failed(exc: BaseException) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self._fail(self.tr("Print preview"), str(exc))

        self.ctx.tasks.run(
            _one_sheet(
                self.ctx.actor,
                person.user_id,
                period,
                folder / name,
                lang or self.lang,
                self._company(),
            ),
            lambda pdf: self._show_preview(pdf, folder),
            failed,
            label="appraisal sheet preview",
        )

    def _show_preview(self, pdf: Path, folder: Path) -> None:
        try:
            dialog = print_dialogs.print_preview_pdf(self.widget, pdf)
            if dialog is None:
                return
            dialog.setWindowTitle(self.tr("Print preview — %1").replace("%1", pdf.stem))
            self.preview_opened.emit(dialog)
            dialog.exec()
            dialog.deleteLater()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # --- a batch of sheets -----------------------------------------------------------------------
    def batch_sheets(
        self, choices: PeopleChoiceDTO, periods: Sequence[Period], current: Period
    ) -> None:
        dialog = BatchSheetsDialog(
            self.ctx.language, choices, periods, current, self.folder, parent=self.widget
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            choice = dialog.choice()
            if choice is not None:
                self.start_batch(choice)
        dialog.deleteLater()

    def start_batch(self, choice: BatchChoice) -> BatchRunner:
        """Print the chosen sheets with a progress dialog (Cancel removes what was written)."""
        self.folder = choice.out.parent if choice.combined else choice.out
        made_folder = not choice.combined and not choice.out.exists()
        actor, company = self.ctx.actor, self._company()

        def work(session: Any, progress: Progress) -> BatchResult:
            ids = printable_people(session, actor, choice.team_id)
            if not ids:
                raise ValidationError(
                    {"who": translate("Documents", "Nobody to print: the choice has no reps.")}
                )
            args = AppraisalBatchArgs(
                period=choice.period.text,
                out=choice.out,
                lang=choice.lang,
                user_ids=tuple(ids),
                company=company,
            )
            return run_appraisal_batch(args, progress, session=session)

        def tidy() -> None:
            # The batch removes its PDFs; a folder it made for them goes too if left empty.
            if made_folder and choice.out.is_dir() and not any(choice.out.iterdir()):
                choice.out.rmdir()

        def cancelled() -> None:
            tidy()
            self.cancelled.emit()

        def failed(text: str) -> None:
            tidy()
            self._fail(self.tr("Batch appraisal sheets"), text)

        runner = BatchRunner(self.ctx.tasks, self.widget, self.tr("Printing appraisal sheets"))
        runner.finished.connect(lambda result: self._batch_done(choice, result))
        runner.failed.connect(failed)
        runner.cancelled.connect(cancelled)
        self._keep(runner)
        runner.start(work)
        return runner

    def _keep(self, runner: BatchRunner) -> None:
        """Hold the runner (and its progress dialog) until the next one replaces it."""
        if self.runner is not None:
            self.runner.dialog.deleteLater()
            self.runner.deleteLater()
        self.runner = runner

    def _batch_done(self, choice: BatchChoice, result: BatchResult) -> None:
        self.printed.emit(result.files)
        if self.message is not None:
            self.message.deleteLater()
        box = QMessageBox(self.widget)
        box.setObjectName("batch_done")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Batch appraisal sheets"))
        if choice.combined:
            box.setText(
                self.tr("%1 appraisal sheet(s) printed into one PDF:\n%2")
                .replace("%1", str(result.sheets))
                .replace("%2", str(choice.out))
            )
            target = choice.out
        else:
            box.setText(
                self.tr("%1 appraisal sheet(s) printed, one PDF per person, into\n%2")
                .replace("%1", str(result.sheets))
                .replace("%2", str(choice.out))
            )
            box.setDetailedText("\n".join(f.name for f in result.files))
            target = choice.out
        open_button = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        open_button.setObjectName("batch_open")
        box.addButton(QMessageBox.StandardButton.Close)
        if choice.combined:
            open_button.clicked.connect(lambda: self.open(target))
        else:
            open_button.clicked.connect(lambda: self.open_folder(target))
        self.message = box
        box.open()

    def open_folder(self, folder: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder.resolve()))):
            self._fail(
                self.tr("Open folder"),
                self.tr("No file manager could be started. The PDFs are in %1").replace(
                    "%1", str(folder)
                ),
            )

    def open_button(self) -> QPushButton | None:
        if self.message is None:
            return None
        found = self.message.findChild(QPushButton, "batch_open")
        return found if isinstance(found, QPushButton) else None

    # --- the sales report ------------------------------------------------------------------------
    def sales_report(
        self,
        scopes: Sequence[tuple[str, str | None]],
        periods: Sequence[Period],
        current: Period,
        team_id: str | None = None,
    ) -> None:
        dialog = SalesReportDialog(
            self.ctx.language,
            scopes,
            periods,
            current,
            self.folder,
            team_id=team_id,
            parent=self.widget,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            choice = dialog.choice()
            if choice is not None:
                self.start_report(choice)
        dialog.deleteLater()

    def start_report(self, choice: ReportChoice) -> BatchRunner:
        """Make the report PDF with a progress dialog, then open it."""
        self.folder = choice.out.parent
        actor, company = self.ctx.actor, self._company()

        def work(session: Any, progress: Progress) -> BatchResult:
            team_name = _report_team_name(session, actor, choice.team_id)
            args = ReportArgs(
                period=choice.period.text,
                out=choice.out,
                lang=choice.lang,
                team_name=team_name,
                company=company,
            )
            return run_sales_report(args, progress, session=session)

        def done(result: BatchResult) -> None:
            self.printed.emit(result.files)
            self.open(result.files[0])

        runner = BatchRunner(self.ctx.tasks, self.widget, self.tr("Making the sales report"))
        runner.finished.connect(done)
        runner.failed.connect(lambda text: self._fail(self.tr("Sales report"), text))
        runner.cancelled.connect(self.cancelled.emit)
        self._keep(runner)
        runner.start(work)
        return runner
