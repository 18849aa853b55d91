"""The batch progress dialog over the database worker, cancelling it, the print preview's page
rendering, and "open PDF" — on a real database and real PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy.orm import Session

from minesales_desktop.documents.appraisal_sheet import write_appraisal_pdf
from minesales_desktop.documents.batch import AppraisalBatchArgs, run_appraisal_batch
from minesales_desktop.services.appraisals import appraisal_sheet
from minesales_desktop.ui.dialogs import print_dialogs
from minesales_desktop.ui.dialogs.print_dialogs import BatchRunner, PdfPages, open_pdf
from tests.conftest import Department
from tests.unit.test_kpi_engine import Q3, Quarter
from tests.unit.test_report_data import build_report_quarter


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    return build_report_quarter(session, dept)


@pytest.fixture
def ready(session: Session, dept: Department, quarter: Quarter) -> Department:
    session.commit()
    return dept


def test_batch_runs_on_the_worker_and_reports_the_files(qtbot, tasks, ready, tmp_path: Path):
    args = AppraisalBatchArgs(period="2026Q3", out=tmp_path / "sheets", everyone=True)
    runner = BatchRunner(tasks, None, "Printing appraisal sheets")
    seen: list[tuple[int, int]] = []
    runner.progress.changed.connect(lambda done, total, _text: seen.append((done, total)))
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        runner.start(lambda s, p: run_appraisal_batch(args, p, session=s))
    result = blocker.args[0]
    assert len(result.files) == 4 and all(f.is_file() for f in result.files)
    assert seen and seen[-1][0] == seen[-1][1]
    assert not runner.dialog.isVisible()


def test_cancel_removes_what_was_written(qtbot, tasks, ready, tmp_path: Path):
    args = AppraisalBatchArgs(period="2026Q3", out=tmp_path / "sheets", everyone=True)
    runner = BatchRunner(tasks, None, "Printing")
    runner.cancel()  # pressed before the worker even started
    with qtbot.waitSignal(runner.cancelled, timeout=60_000):
        runner.start(lambda s, p: run_appraisal_batch(args, p, session=s))
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_refused_batch_says_why(qtbot, tasks, ready, tmp_path: Path):
    args = AppraisalBatchArgs(period="2026Q9", out=tmp_path / "x.pdf", everyone=True)
    runner = BatchRunner(tasks, None, "Printing")
    with qtbot.waitSignal(runner.failed, timeout=30_000) as blocker:
        runner.start(lambda s, p: run_appraisal_batch(args, p, session=s))
    assert "Not a period" in blocker.args[0]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_preview_paints_every_pdf_page(qtbot, session: Session, ready, tmp_path: Path):
    sheet = appraisal_sheet(session, ready.rep.user_id, Q3)
    pdf = write_appraisal_pdf([sheet], tmp_path / "sheet.pdf", lang="zh_CN")
    pages = PdfPages(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    assert pages.paint(printer) >= 1
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    dialog = print_dialogs.print_preview_pdf(None, pdf)
    assert dialog is not None
    qtbot.addWidget(dialog)


def test_open_pdf_asks_the_desktop(monkeypatch, tmp_path: Path):
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-1.4")
    assert open_pdf(target)
    assert opened == [str(target.resolve())]
