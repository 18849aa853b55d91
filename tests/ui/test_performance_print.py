"""Printing from the performance tab, driven like a person on a real SQLite file, offscreen: the
selected rep's sheet as a PDF (read back with pdftotext), a team's sheets one PDF per person or
one combined PDF, cancelling a batch, the print preview, the sales report, and the "Report
charts" page drawing the report's charts for the chosen period. Dialogs that would block are
patched; nothing is opened for real."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sqlalchemy.orm import Session

from minesales_desktop.documents import batch
from minesales_desktop.documents.report_charts import CHART_KEYS
from minesales_desktop.services.vocabulary import PeriodType
from minesales_desktop.ui.dialogs import performance_print
from minesales_desktop.ui.dialogs.performance_print import (
    BatchChoice,
    BatchSheetsDialog,
    SalesReportDialog,
)
from minesales_desktop.ui.tabs.performance_tab import PerformanceTab
from tests.conftest import Department
from tests.unit.test_appraisal_sheet import pdftext, squash
from tests.unit.test_kpi_engine import Q3, Quarter
from tests.unit.test_report_data import build_report_quarter

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")), reason="needs poppler-utils"
)

TEAM = ("李强", "王经理", "赵敏")  # the team in print order: by name (code point order)


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    return build_report_quarter(session, dept)


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """What would have been opened in the system's PDF viewer or file manager."""
    seen: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: seen.append(Path(url.toLocalFile())) or True
    )
    return seen


@pytest.fixture
def warnings_shown(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a, **k: seen.append(text)
    )
    return seen


def open_tab(qtbot, make_ctx, wait_idle, actor, language: str = "en") -> PerformanceTab:
    tab = PerformanceTab(make_ctx(actor, language))
    qtbot.addWidget(tab)
    tab.resize(1400, 820)
    tab.show()
    tab.activated()
    wait_idle()
    tab.select_period(PeriodType.QUARTER, Q3.text)
    wait_idle()
    return tab


def fill_dialog(monkeypatch, cls: type[QDialog], fill: Callable[[QDialog], None]) -> None:
    """Make ``cls.exec`` act like a person filling the form and pressing OK."""

    def exec_(self: QDialog) -> int:
        fill(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(cls, "exec", exec_)


def test_rep_saves_their_own_sheet_and_it_opens(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch, opened
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    asked: list[str] = []

    def save_as(_parent, _title, suggested, filters, selected):
        asked.append(suggested)
        assert selected == "PDF in English (*.pdf)"  # the screen's language by default
        return str(tmp_path / "my sheet"), "PDF in English (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert tab.sheet_pdf_action.isEnabled()
    with qtbot.waitSignal(tab.printer.printed, timeout=60_000) as blocker:
        tab.sheet_pdf_action.trigger()
    (pdf,) = blocker.args[0]
    assert pdf == tmp_path / "my sheet.pdf" and pdf.is_file()
    assert asked and Path(asked[0]).name == "2026Q3_李强.pdf"
    assert opened == [pdf.resolve()]

    text = squash(pdftext(pdf))
    assert "李强" in text and "SalesStaffPerformanceAppraisal" in text
    assert tab.report is not None and len(tab.report.lines) == 10
    for line in tab.report.lines:  # every KPI row shown in the tab is on the sheet
        assert squash(line.name("en")) in text, line.code
    assert "17,500.5" in text  # the quarter's shipped tonnes, as on screen


def test_the_sheet_in_chinese_when_chosen(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch, opened
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a: (str(tmp_path / "sheet.pdf"), "PDF in Chinese (*.pdf)"),
    )
    with qtbot.waitSignal(tab.printer.printed, timeout=60_000) as blocker:
        tab.export_sheet()
    text = squash(pdftext(blocker.args[0][0]))
    assert "销售人员绩效考核表" in text and "李强" in text and "回款率" in text


def test_sheet_actions_need_one_person(qtbot, make_ctx, wait_idle, dept, quarter):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    assert tab.sheet_pdf_action.isEnabled()
    tab.select_team(dept.team.id)
    wait_idle()
    assert not tab.sheet_pdf_action.isEnabled() and not tab.preview_action.isEnabled()
    assert "Batch sheets" in tab.sheet_pdf_action.toolTip()


def test_a_rep_gets_no_batch_no_report_and_no_report_charts(
    qtbot, make_ctx, wait_idle, dept, quarter, monkeypatch
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    assert not tab.batch_action.isVisible() and not tab.batch_action.isEnabled()
    assert not tab.report_action.isVisible() and not tab.report_action.isEnabled()
    assert tab.report_charts is None and tab.pages.count() == 1
    monkeypatch.setattr(BatchSheetsDialog, "exec", lambda self: pytest.fail("offered a batch"))
    tab.batch_sheets()  # e.g. a stale shortcut: nothing happens


def test_batch_one_pdf_per_person_for_the_team(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch, opened
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    folder = tmp_path / "sheets"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, BatchSheetsDialog)
        assert dialog.who_combo.currentText() == f"Whole team: {dept.team.name}"
        assert dialog.period.text == Q3.text and dialog.language == "en"
        dialog.per_person_radio.setChecked(True)
        assert not dialog.path_edit.text().endswith(".pdf")  # the suggestion became a folder
        dialog.path_edit.setText(str(folder))

    fill_dialog(monkeypatch, BatchSheetsDialog, fill)
    assert tab.batch_action.isVisible() and tab.batch_action.isEnabled()
    with qtbot.waitSignal(tab.printer.printed, timeout=60_000) as blocker:
        tab.batch_action.trigger()
    files = blocker.args[0]
    assert sorted(files) == sorted(folder.glob("*.pdf")) and len(files) == len(TEAM)
    for pdf, name in zip(files, TEAM, strict=True):
        text = pdftext(pdf)
        assert f"Name {name}" in text and name in pdf.name  # one sheet, of that person
        assert "陈刚" not in text  # the other team's rep is not the manager's to print

    box = tab.printer.message
    assert box is not None and "3 appraisal sheet(s)" in box.text() and str(folder) in box.text()
    button = tab.printer.open_button()
    assert button is not None
    button.click()
    assert opened == [folder.resolve()]


def test_batch_one_combined_pdf_for_the_team(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch, opened
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    out = tmp_path / "team"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, BatchSheetsDialog)
        dialog.combined_radio.setChecked(True)
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
        dialog.path_edit.setText(str(out))  # ".pdf" is added

    fill_dialog(monkeypatch, BatchSheetsDialog, fill)
    with qtbot.waitSignal(tab.printer.printed, timeout=60_000) as blocker:
        tab.batch_sheets()
    assert blocker.args[0] == (out.with_suffix(".pdf"),)
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["team.pdf"]
    text = pdftext(out.with_suffix(".pdf"))
    assert "销售人员绩效考核表" in text
    for name in TEAM:
        assert name in text
    tab.printer.open_button().click()
    assert opened == [out.with_suffix(".pdf").resolve()]


def test_cancel_removes_what_the_batch_had_written(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    folder = tmp_path / "new folder"
    written: list[Path] = []
    real_write = batch.write_appraisal_pdf

    def write_then_cancel(*args, **kwargs):
        path = real_write(*args, **kwargs)
        written.append(path)
        assert path.is_file()
        tab.printer.runner.cancel()  # the user presses Cancel after the first PDF
        return path

    monkeypatch.setattr(batch, "write_appraisal_pdf", write_then_cancel)
    choice = BatchChoice(Q3, dept.team.id, combined=False, out=folder, lang="en")
    with qtbot.waitSignal(tab.printer.cancelled, timeout=60_000):
        runner = tab.printer.start_batch(choice)
    assert len(written) == 1
    assert not list(tmp_path.rglob("*.pdf"))
    assert not folder.exists()  # the folder the batch made is gone too
    assert not runner.dialog.isVisible()


def test_a_manager_cannot_batch_another_team(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, warnings_shown
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    choice = BatchChoice(Q3, dept.other_team.id, combined=True, out=tmp_path / "x.pdf", lang="en")
    with qtbot.waitSignal(tab.printer.failed, timeout=30_000) as blocker:
        tab.printer.start_batch(choice)
    assert "your team" in blocker.args[0]
    assert warnings_shown == [blocker.args[0]]
    assert not list(tmp_path.rglob("*.pdf"))


def test_print_preview_has_the_sheet_pages(
    qtbot, make_ctx, wait_idle, dept, quarter, monkeypatch, tmp_path
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.rep, "zh_CN")
    seen: dict[str, object] = {}

    def exec_(dialog: QPrintPreviewDialog) -> int:
        # What the preview (and Print in it) paints: every page of the sheet's PDF.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setResolution(72)
        dialog.paintRequested.emit(printer)
        seen["pages"] = len(dialog._pages.at(72))
        seen["pdf"] = dialog._pages.pdf
        seen["exists"] = dialog._pages.pdf.is_file()
        seen["title"] = dialog.windowTitle()
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    with qtbot.waitSignal(tab.printer.preview_opened, timeout=60_000) as blocker:
        tab.preview_action.trigger()
    assert isinstance(blocker.args[0], QPrintPreviewDialog)
    assert seen["pages"] >= 1 and seen["exists"] and "李强" in str(seen["title"])
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(rf"Pages:\s+{seen['pages']}\n", info)
    qtbot.waitUntil(lambda: not seen["pdf"].exists(), timeout=5000)  # temporary PDF removed


def test_sales_report_for_the_team_opens(
    qtbot, make_ctx, wait_idle, dept, quarter, tmp_path, monkeypatch, opened
):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    out = tmp_path / "report.pdf"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SalesReportDialog)
        # A manager's report covers their team; only an admin may take the whole department.
        assert [dialog.scope_combo.itemText(i) for i in range(dialog.scope_combo.count())] == [
            dept.team.name
        ]
        dialog.path_edit.setText(str(out))

    fill_dialog(monkeypatch, SalesReportDialog, fill)
    with qtbot.waitSignal(tab.printer.printed, timeout=60_000):
        tab.report_action.trigger()
    assert opened == [out.resolve()]
    text = squash(pdftext(out))
    assert "QuarterlySalesReport" in text and squash(dept.team.name) in text
    assert "李强" in text and "陈刚" not in text


def test_report_charts_page_draws_the_chosen_period(qtbot, make_ctx, wait_idle, dept, quarter):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.admin, "zh_CN")
    view = tab.report_charts
    assert view is not None
    scopes = [view.scope_combo.itemData(i) for i in range(view.scope_combo.count())]
    assert scopes[0] is None  # the department, for an admin
    assert set(scopes[1:]) == {dept.team.id, dept.other_team.id}
    tab.pages.setCurrentWidget(view)
    wait_idle()
    assert "2026年第3季度" in view.status.text()

    def trend_months() -> list[str]:
        ax = view.figures["trend"].axes[0]
        return [t.get_text() for t in ax.get_xticklabels()]

    for key in CHART_KEYS:
        view.canvases[key].draw()  # now, not later: a missing glyph warns, warnings are errors
        assert view.figures[key].axes, key
    assert trend_months()[-1] == "9月" and len(trend_months()) == 12
    ranking = view.figures["ranking"].axes[0]
    assert "李强" in [t.get_text() for t in ranking.get_yticklabels()]
    assert view.canvases["by_rep"].height() >= 220

    # Another period redraws for it; another scope too.
    tab.select_period(PeriodType.QUARTER, "2026Q2")
    wait_idle()
    for key in CHART_KEYS:
        view.canvases[key].draw()
    assert trend_months()[-1] == "6月"
    view.select_scope(dept.other_team.id)
    wait_idle()
    assert dept.other_team.name in view.status.text()
    ranking = view.figures["ranking"].axes[0]
    assert "李强" not in [t.get_text() for t in ranking.get_yticklabels()]


def test_report_charts_load_only_when_shown(qtbot, make_ctx, wait_idle, dept, quarter):
    tab = open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    view = tab.report_charts
    assert view is not None and not view.figures["trend"].axes  # not loaded behind the KPIs
    assert performance_print.document_language("zh_CN") == "zh_CN"
    tab.pages.setCurrentWidget(view)
    wait_idle()
    assert view.figures["trend"].axes
