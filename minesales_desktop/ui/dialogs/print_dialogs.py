"""Printing from the app: a batch of PDFs with a progress dialog, print preview, open the PDF.

The PDFs are made by ``documents.batch`` on the database worker (``TaskManager.run``) — the GUI
thread only shows progress and stays responsive; Cancel sets the ``Progress`` flag, the batch
removes what it wrote, and nothing is left half-written.

Print preview (``QPrintPreviewDialog``) shows the *same* PDF that would be saved, page by page, so
what the manager signs is what the preview showed. QtPdf is not part of PySide6-Essentials, so
pages are rasterised by pypdfium2 when it is installed (the packaged app ships it) or by poppler's
``pdftoppm`` (Linux), at the printer's resolution up to 300 dpi.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from minesales_desktop.documents.batch import BatchCancelled, BatchResult
from minesales_desktop.tasks import Cancelled, Progress, TaskManager

__all__ = [
    "BatchRunner",
    "PdfPages",
    "open_pdf",
    "print_preview_pdf",
    "render_pdf_pages",
]

PREVIEW_DPI = 150
MAX_PRINT_DPI = 300


# --- rendering PDF pages to images -----------------------------------------------------------
class PdfRenderError(RuntimeError):
    """Pages cannot be rendered here (no pypdfium2, no pdftoppm)."""


def _render_pdfium(pdf: Path, dpi: int) -> list[QImage]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images: list[QImage] = []
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels; ``data`` goes away
    finally:
        document.close()
    return images


def _render_pdftoppm(pdf: Path, dpi: int) -> list[QImage]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PdfRenderError("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="minesales-preview-") as folder:
        subprocess.run(
            [tool, "-png", "-r", str(dpi), str(pdf), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        files = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [QImage(str(f)) for f in files]


def render_pdf_pages(pdf: Path, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi``; ``PdfRenderError`` when no renderer exists."""
    try:
        return _render_pdfium(pdf, dpi)
    except ImportError:
        return _render_pdftoppm(pdf, dpi)


class PdfPages:
    """The rendered pages of one PDF, made once per resolution and reused by every repaint."""

    def __init__(self, pdf: Path) -> None:
        self.pdf = pdf
        self._cache: dict[int, list[QImage]] = {}

    def at(self, dpi: int) -> list[QImage]:
        dpi = max(72, min(MAX_PRINT_DPI, dpi))
        if dpi not in self._cache:
            self._cache[dpi] = render_pdf_pages(self.pdf, dpi)
        return self._cache[dpi]

    def paint(self, printer: QPrinter) -> int:
        """Draw every page onto ``printer`` (the preview or a real printer); returns the count."""
        images = self.at(printer.resolution())
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for i, image in enumerate(images):
                if i:
                    printer.newPage()
                page = printer.pageLayout().paintRectPixels(printer.resolution())
                target = QRectF(0, 0, page.width(), page.height())
                scaled = image.size().scaled(
                    target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                x = (target.width() - scaled.width()) / 2
                painter.drawImage(QRectF(x, 0, scaled.width(), scaled.height()), image)
        finally:
            painter.end()
        return len(images)


def print_preview_pdf(parent: QWidget | None, pdf: Path) -> QPrintPreviewDialog | None:
    """Open a print preview of ``pdf`` (A4, full page); printing from it prints the same pages.
    Returns the dialog (shown, not yet executed) or None after telling the user why not."""
    pages = PdfPages(pdf)
    try:
        pages.at(PREVIEW_DPI)
    except (PdfRenderError, OSError, subprocess.SubprocessError):
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("PrintDialogs", "Print preview"),
            QCoreApplication.translate(
                "PrintDialogs",
                "The print preview needs pypdfium2 or poppler's pdftoppm. Open the PDF instead "
                "and print it from the PDF viewer.",
            ),
        )
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setResolution(PREVIEW_DPI)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(pdf.name)
    dialog.paintRequested.connect(pages.paint)
    dialog._pages = pages  # type: ignore[attr-defined]  # keep the cache as long as the dialog
    return dialog


def open_pdf(path: Path) -> bool:
    """Open the PDF in the system's viewer; False when the desktop has none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.resolve())))


# --- batches with a progress dialog ------------------------------------------------------------
class BatchRunner(QObject):
    """Runs ``work(session, progress)`` on the database worker behind a ``QProgressDialog``.

    ``finished(BatchResult)`` when done, ``failed(str)`` with a message when refused or broken,
    ``cancelled()`` when the user cancelled. The performance tab calls e.g.::

        runner = BatchRunner(ctx.tasks, self, self.tr("Printing appraisal sheets"))
        runner.finished.connect(self._printed)
        runner.start(lambda s, p: run_appraisal_batch(args, p, session=s))
    """

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.progress = Progress()
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(self.tr("Preparing…"))
        self.dialog.setCancelButtonText(self.tr("Cancel"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setRange(0, 0)
        self.dialog.canceled.connect(self.cancel)
        self.progress.changed.connect(self._on_progress)
        self._done = False

    def start(self, work: Callable[[Any, Progress], BatchResult]) -> None:
        progress = self.progress

        def job(session: Any) -> BatchResult:
            # The task manager drops a job ending in ``tasks.Cancelled`` silently; turn it into
            # our own exception so the dialog hears about it and closes.
            try:
                return work(session, progress)
            except Cancelled as exc:
                raise BatchCancelled() from exc

        self._tasks.run(
            job,
            self._on_done,
            self._on_error,
            label=self.dialog.windowTitle(),
        )

    def cancel(self) -> None:
        if not self._done:
            self.progress.cancel()
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self._done = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()

    def _on_done(self, result: Any) -> None:
        self._close()
        if self.progress.cancelled:
            self.cancelled.emit()
        else:
            self.finished.emit(result)

    def _on_error(self, error: BaseException) -> None:
        self._close()
        if isinstance(error, Cancelled | BatchCancelled) or self.progress.cancelled:
            self.cancelled.emit()
            return
        self.failed.emit(str(error) or type(error).__name__)
