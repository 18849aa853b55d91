"""What a rep does with a saved quote: send it as a PDF, and turn it into a contract draft.

- ``ContractDraftDialog``: the few things a quote does not say (contract number, type, period,
  payment method, provisional %) on a ``FormDialog``; saving calls
  ``services.contracts.contracts.create_from_quote`` on the database worker, which copies the
  quote's terms (product, quantity ± tolerance, Incoterm, port, currency, FX, VAT, price terms,
  unit price). The write announces ``contracts``, so the contracts tab shows the new draft.
- ``QuotePdfExport``: asks where to save (the file-type choice is the language: a rep with a
  Chinese screen may owe an English buyer an English quote), renders ``documents.quote_pdf`` on
  the database worker, and offers to open the file.

Both are driven by the pipeline tab (``ui/tabs/pipeline_tab.py``) on the quote selected in the
opportunity panel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from minesales_desktop.documents.quote_pdf import render_quote_pdf
from minesales_desktop.services.contracts import ContractDTO, contracts
from minesales_desktop.services.pricing import PricingError, load_terms
from minesales_desktop.services.sales import QuoteDTO
from minesales_desktop.services.vocabulary import ContractType, PaymentMethod, QuoteStatus
from minesales_desktop.settings import COMPANY_NAME
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs import print_dialogs
from minesales_desktop.ui.widgets.forms import Field, FormDialog

__all__ = [
    "ContractDraftDialog",
    "QuotePdfExport",
    "can_make_contract",
    "draft_defaults",
]

# A spot contract runs about a quarter unless the rep says otherwise.
DEFAULT_PERIOD_DAYS = 90


def can_make_contract(quote: QuoteDTO, latest_version: int) -> bool:
    """Only the current offer becomes a contract: the latest version, not superseded (or
    rejected by the buyer)."""
    return quote.version == latest_version and quote.status not in (
        QuoteStatus.SUPERSEDED,
        QuoteStatus.REJECTED,
    )


def draft_defaults(quote: QuoteDTO, today: dt.date | None = None) -> dict[str, Any]:
    """The form's starting values: the quote's payment method, its terms' provisional %."""
    start = today or dt.date.today()
    provisional = Decimal(100)
    try:
        invoice = load_terms(quote.price_terms).invoice
    except PricingError:
        invoice = None
    if invoice is not None:
        provisional = invoice.provisional_pct
    return {
        "contract_no": None,
        "contract_type": ContractType.SPOT,
        "start_date": start,
        "end_date": start + dt.timedelta(days=DEFAULT_PERIOD_DAYS),
        "payment_method": quote.payment_method,
        "provisional_pct": provisional,
    }


class ContractDraftDialog(FormDialog):
    """Quote → contract draft: a small form; everything else is copied from the quote."""

    def __init__(self, ctx: AppContext, quote: QuoteDTO, parent: QWidget | None = None) -> None:
        actor = ctx.actor
        # The labels are made before the QDialog exists, so self.tr is not available yet.
        fields = [
            Field(
                "contract_no",
                QCoreApplication.translate("ContractDraftDialog", "Contract no."),
                placeholder=QCoreApplication.translate(
                    "ContractDraftDialog", "Leave empty to number it automatically"
                ),
            ),
            Field(
                "contract_type",
                QCoreApplication.translate("ContractDraftDialog", "Type"),
                "choice",
                enum=ContractType,
                required=True,
            ),
            Field(
                "start_date",
                QCoreApplication.translate("ContractDraftDialog", "Start"),
                "date",
                required=True,
            ),
            Field(
                "end_date",
                QCoreApplication.translate("ContractDraftDialog", "End"),
                "date",
                required=True,
            ),
            Field(
                "payment_method",
                QCoreApplication.translate("ContractDraftDialog", "Payment method"),
                "choice",
                enum=PaymentMethod,
                required=True,
            ),
            Field(
                "provisional_pct",
                QCoreApplication.translate("ContractDraftDialog", "Provisional invoice %"),
                "decimal",
                required=True,
            ),
        ]
        quote_id = quote.id

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            return contracts.create_from_quote(session, actor, quote_id, values)

        super().__init__(
            ctx.tasks,
            QCoreApplication.translate(
                "ContractDraftDialog", "Contract draft from quote %1"
            ).replace("%1", quote.quote_no),
            fields,
            save,
            writes=("contracts",),
            values=draft_defaults(quote),
            parent=parent,
        )
        self.quote = quote
        self.setObjectName("contract_draft_dialog")
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText(self.tr("Make draft"))
        save_button.setObjectName("contract_draft_save")


class QuotePdfExport(QObject):
    """Save one quote as a PDF: choose the file (and language), render on the worker, offer to
    open it. ``exported(Path)`` or ``failed(str)`` tell the caller how it went."""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.last_path: Path | None = None
        self.message: QMessageBox | None = None

    def filters(self) -> dict[str, str]:
        """File-type label → language of the PDF."""
        return {
            self.tr("PDF in Chinese (*.pdf)"): "zh_CN",
            self.tr("PDF in English (*.pdf)"): "en",
        }

    def choose(self, quote: QuoteDTO) -> tuple[Path, str] | None:
        """Where to save and in which language; None when the rep cancels."""
        filters = self.filters()
        wanted = "zh_CN" if self.ctx.language.lower().startswith("zh") else "en"
        selected = next(label for label, lang in filters.items() if lang == wanted)
        folder = (
            self.last_path.parent
            if self.last_path is not None
            else Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                or Path.home()
            )
        )
        name = f"{quote.quote_no}.pdf"
        path, chosen = QFileDialog.getSaveFileName(
            self.widget,
            self.tr("Export quote %1").replace("%1", quote.quote_no),
            str(folder / name),
            ";;".join(filters),
            selected,
        )
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        return out, filters.get(chosen, wanted)

    def export(self, quote: QuoteDTO) -> None:
        choice = self.choose(quote)
        if choice is not None:
            self.write(quote, *choice)

    def write(self, quote: QuoteDTO, path: Path, lang: str) -> None:
        """Render ``quote`` into ``path`` on the database worker."""
        company = self.ctx.settings.get(COMPANY_NAME)
        quote_id = quote.id
        self.ctx.tasks.run(
            lambda session: render_quote_pdf(session, quote_id, lang, path, company=company),
            self._done,
            self._failed,
            label="quote PDF",
        )

    def _done(self, path: Path) -> None:
        self.last_path = path
        self.exported.emit(path)
        box = QMessageBox(self.widget)
        box.setObjectName("quote_pdf_saved")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Quote PDF"))
        box.setText(self.tr("Saved %1").replace("%1", str(path)))
        open_button = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        open_button.setObjectName("quote_pdf_open")
        box.addButton(QMessageBox.StandardButton.Close)
        open_button.clicked.connect(lambda: self.open(path))
        self.message = box
        box.open()

    def open(self, path: Path) -> None:
        if not print_dialogs.open_pdf(path):
            self.failed.emit(
                self.tr("No PDF viewer could be started. The file is at %1").replace(
                    "%1", str(path)
                )
            )

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(self.tr("The quote PDF was not made: %1").replace("%1", str(exc)))

    def open_button(self) -> QPushButton | None:
        if self.message is None:
            return None
        found = self.message.findChild(QPushButton, "quote_pdf_open")
        return found if isinstance(found, QPushButton) else None
