"""One contract's whole picture: terms, review, lots, invoices and payments.

The panel is what a manager reads before approving and what a rep reads on the phone with the
customer's buyer, so it answers their questions in the order they ask them: what was agreed (price
terms in words, not JSON), where the contract stands (status, who reviewed what, what is drawn and
what remains), and what is owed. The stored price terms are the pricing engine's JSON
(``docs/pricing-terms.md``); ``describe_price_terms`` turns them into a few readable lines
(method, base or index with its quotational period, adjustments, tier tables summarised per
analyte). It reads the JSON defensively: a contract whose terms are empty or from an older
program still shows, with what could be read.

The panel only displays a ``ContractDetail`` read on the worker; it never touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.messages import current_language
from minesales_desktop.services.contract_overview import ContractDetail, LotLine
from minesales_desktop.services.contracts import (
    InvoiceDTO,
    PaymentDTO,
    ReviewDTO,
    StatusChangeDTO,
)
from minesales_desktop.services.vocabulary import (
    ContractStatus,
    InvoiceStatus,
    ReviewDecision,
)
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.item_models.paged import Column, RowsTableModel

OVERDUE_COLOR = QColor("#f8d7da")
REJECTED_COLOR = QColor("#f8d7da")
APPROVED_COLOR = QColor("#e3f1e6")
MUTED = "color: #5f6368;"

#: Background and text colour of each status badge: grey drafts, amber review, blue approved and
#: signed, green running and done, red terminated.
STATUS_COLORS: dict[ContractStatus, tuple[str, str]] = {
    ContractStatus.DRAFT: ("#eceff1", "#37474f"),
    ContractStatus.IN_REVIEW: ("#fff3cd", "#7a5a00"),
    ContractStatus.APPROVED: ("#dbe9f9", "#174ea6"),
    ContractStatus.SIGNED: ("#d2e3fc", "#174ea6"),
    ContractStatus.EXECUTING: ("#d7f0dd", "#1e6b34"),
    ContractStatus.COMPLETED: ("#e6f4ea", "#137333"),
    ContractStatus.TERMINATED: ("#f8d7da", "#a50e0e"),
}


def status_badge_style(status: ContractStatus) -> str:
    background, color = STATUS_COLORS[status]
    return (
        f"background: {background}; color: {color}; border-radius: 9px;"
        " padding: 2px 10px; font-weight: bold;"
    )


# --- price terms in words ---------------------------------------------------------------------
def _num(value: Any) -> str:
    """A number from the terms as written (they are exact strings or Decimals), normalised."""
    if value is None:
        return "—"
    try:
        dec = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return fmt.number(dec) if dec == dec.to_integral_value() else format(dec.normalize(), "f")


def _signed(value: Any) -> str:
    text = _num(value)
    return text if text.startswith("-") or text in ("—", "0") else f"+{text}"


def _localized(value: Any) -> str:
    if isinstance(value, Mapping):
        zh, en = value.get("zh"), value.get("en")
        first, second = (zh, en) if current_language().startswith("zh") else (en, zh)
        return str(first or second or "")
    return "" if value is None else str(value)


def _qp_text(qp: Any) -> str:
    if not isinstance(qp, Mapping):
        return ""
    kind, n = qp.get("type", "direct"), qp.get("n")
    texts = {
        "direct": QCoreApplication.translate("ContractDetail", "quote of the B/L date"),
        "month_of_bl": QCoreApplication.translate("ContractDetail", "average of the B/L month (M)"),
        "month_after_bl": QCoreApplication.translate("ContractDetail", "average of month M+%1"),
        "quotes_before_bl": QCoreApplication.translate(
            "ContractDetail", "average of the last %1 quotes before B/L"
        ),
        "days_before_bl": QCoreApplication.translate(
            "ContractDetail", "average of the %1 days before B/L"
        ),
    }
    return texts.get(str(kind), str(kind)).replace("%1", str(n or 1))


def _index_text(index: Any) -> str:
    """``DCE_I`` or ``IODEX62 (average of month M+1)``."""
    if isinstance(index, Mapping):
        name = str(index.get("name", "?"))
        qp = _qp_text(index.get("qp"))
        return f"{name} ({qp})" if qp else name
    return str(index) if index else ""


def _reference(price: Mapping[str, Any]) -> str:
    """A price mode's reference price: its index with QP, or the fixed value."""
    if price.get("index"):
        return _index_text(price["index"])
    if price.get("value") is not None:
        return _num(price["value"])
    return "?"


def _price_lines(price: Mapping[str, Any], unit: str) -> list[tuple[str, str]]:
    mode = str(price.get("mode", ""))
    diff = price.get("differential")
    diff_text = f" {_signed(diff)}" if diff not in (None, "0", 0) else ""
    lines: list[tuple[str, str]] = []
    methods = {
        "fixed": QCoreApplication.translate("ContractDetail", "Fixed price"),
        "index": QCoreApplication.translate("ContractDetail", "Index ± differential"),
        "grade_pro_rata": QCoreApplication.translate("ContractDetail", "Grade pro-rata"),
        "value_in_use": QCoreApplication.translate("ContractDetail", "Value in use"),
        "calorific_pro_rata": QCoreApplication.translate(
            "ContractDetail", "Calorific-value pro-rata"
        ),
        "payable_metal": QCoreApplication.translate("ContractDetail", "Payable metal less TC/RC"),
        "metal_coefficient": QCoreApplication.translate(
            "ContractDetail", "Metal price × coefficient (计价系数)"
        ),
    }
    lines.append(
        (QCoreApplication.translate("ContractDetail", "Method"), methods.get(mode, mode or "—"))
    )
    if mode == "fixed":
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Base price"),
                f"{_num(price.get('value'))} {unit}",
            )
        )
    elif mode == "index":
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Base price"),
                f"{_reference(price)}{diff_text} {unit}",
            )
        )
    elif mode in ("grade_pro_rata", "calorific_pro_rata"):
        default = "NAR" if mode == "calorific_pro_rata" else "Fe"
        analyte = str(price.get("analyte", default))
        formula = f"{_reference(price)} × {analyte} / {_num(price.get('base'))}{diff_text}"
        lines.append(
            (QCoreApplication.translate("ContractDetail", "Base price"), f"{formula} {unit}")
        )
    elif mode == "value_in_use":
        analyte = str(price.get("analyte", "Fe"))
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Base price"),
                f"{_reference(price)}{diff_text} {unit}",
            )
        )
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Value in use"),
                QCoreApplication.translate("ContractDetail", "%1 per 1 % %2 from %3")
                .replace("%1", _signed(price.get("per_1pct")))
                .replace("%2", analyte)
                .replace("%3", _num(price.get("base"))),
            )
        )
    elif mode == "payable_metal":
        for metal in price.get("metals") or []:
            if not isinstance(metal, Mapping):
                continue
            parts = [_reference(metal)]
            if metal.get("payable_pct") is not None:
                parts.append(
                    QCoreApplication.translate("ContractDetail", "%1 % payable").replace(
                        "%1", _num(metal["payable_pct"])
                    )
                )
            if metal.get("min_deduction") is not None:
                parts.append(
                    QCoreApplication.translate("ContractDetail", "min. deduction %1").replace(
                        "%1", _num(metal["min_deduction"])
                    )
                )
            rc = metal.get("rc")
            if isinstance(rc, Mapping):
                parts.append(f"RC {_num(rc.get('amount'))}/{rc.get('per', 't')}")
            lines.append((str(metal.get("metal", "?")), ", ".join(parts)))
        tc = price.get("tc")
        if isinstance(tc, Mapping):
            text = f"{_num(tc.get('value'))} {unit}"
            if tc.get("escalator"):
                text += " · " + QCoreApplication.translate("ContractDetail", "with escalator")
            lines.append((QCoreApplication.translate("ContractDetail", "Treatment charge"), text))
    elif mode == "metal_coefficient":
        for metal in price.get("metals") or []:
            if not isinstance(metal, Mapping):
                continue
            if metal.get("coefficient") is not None:
                coefficient = _num(metal["coefficient"])
            else:
                bands = metal.get("coefficient_table") or []
                coefficient = QCoreApplication.translate(
                    "ContractDetail", "coefficient by grade (%1 bands)"
                ).replace("%1", str(len(bands)))
            lines.append(
                (str(metal.get("metal", "?")), f"{_reference(metal)} × {coefficient} × grade")
            )
    return lines


def _tier_text(table: Mapping[str, Any]) -> str:
    """``base 4.0; −1.0 per 0.1 from 4.0 to 4.5, −2.0 per 0.1 from 4.5 to 6.5; reject above 6.5``"""
    parts = [
        QCoreApplication.translate("ContractDetail", "base %1").replace(
            "%1", _num(table.get("base"))
        )
    ]
    bands: list[str] = []
    percent = table.get("amount_type") == "percent"
    for band in table.get("bands") or []:
        if not isinstance(band, Mapping):
            continue
        amount = _signed(band.get("amount")) + (" %" if percent else "")
        low = _num(band.get("from")) if band.get("from") is not None else "…"
        high = _num(band.get("to")) if band.get("to") is not None else "…"
        bands.append(
            QCoreApplication.translate("ContractDetail", "%1 per %2 from %3 to %4")
            .replace("%1", amount)
            .replace("%2", _num(band.get("step")))
            .replace("%3", low)
            .replace("%4", high)
        )
    if bands:
        method = (
            QCoreApplication.translate("ContractDetail", "whole difference")
            if table.get("method") == "whole_difference"
            else QCoreApplication.translate("ContractDetail", "cumulative")
        )
        parts.append(f"{method}: " + ", ".join(bands))
    if table.get("reject_above") is not None:
        parts.append(
            QCoreApplication.translate("ContractDetail", "reject above %1").replace(
                "%1", _num(table["reject_above"])
            )
        )
    if table.get("reject_below") is not None:
        parts.append(
            QCoreApplication.translate("ContractDetail", "reject below %1").replace(
                "%1", _num(table["reject_below"])
            )
        )
    return "; ".join(parts)


def describe_price_terms(terms: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The stored price terms as (caption, text) lines a person reads in a few seconds."""
    if not terms:
        return []
    lines: list[tuple[str, str]] = []
    name = _localized(terms.get("name"))
    if name:
        code = terms.get("code")
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Terms"),
                f"{name} [{code}]" if code else name,
            )
        )
    currency = str(terms.get("currency", ""))
    per = str(terms.get("price_unit", ""))
    unit = f"{currency}/{per}".strip("/")
    price = terms.get("price")
    if isinstance(price, Mapping):
        lines += _price_lines(price, unit)
    for adjustment in terms.get("linear") or []:
        if not isinstance(adjustment, Mapping):
            continue
        applies = {
            "above": QCoreApplication.translate("ContractDetail", "above"),
            "below": QCoreApplication.translate("ContractDetail", "below"),
        }.get(
            str(adjustment.get("apply", "both")),
            QCoreApplication.translate("ContractDetail", "either side of"),
        )
        lines.append(
            (
                str(adjustment.get("analyte", "?")),
                QCoreApplication.translate("ContractDetail", "%1 per %2 %3 %4")
                .replace("%1", _signed(adjustment.get("amount")))
                .replace("%2", _num(adjustment.get("per")))
                .replace("%3", applies)
                .replace("%4", _num(adjustment.get("base"))),
            )
        )
    tiers = terms.get("tiers")
    if isinstance(tiers, Mapping):
        for analyte, table in tiers.items():
            if isinstance(table, Mapping):
                lines.append((str(analyte), _tier_text(table)))
        if tiers and terms.get("tier_aggregation") == "worst":
            lines.append(
                (
                    QCoreApplication.translate("ContractDetail", "Penalties"),
                    QCoreApplication.translate("ContractDetail", "only the worst penalty applies"),
                )
            )
    moisture = terms.get("quantity_moisture")
    if isinstance(moisture, Mapping):
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Moisture"),
                QCoreApplication.translate(
                    "ContractDetail", "settlement tonnes adjusted to %1 % moisture"
                ).replace("%1", _num(moisture.get("base"))),
            )
        )
    vat = terms.get("vat")
    if isinstance(vat, Mapping):
        included = (
            QCoreApplication.translate("ContractDetail", "included")
            if vat.get("included")
            else QCoreApplication.translate("ContractDetail", "excluded")
        )
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "VAT"),
                f"{_num(vat.get('rate'))} % {included}",
            )
        )
    fx = terms.get("fx")
    if isinstance(fx, Mapping):
        text = str(fx.get("settlement_currency", ""))
        if fx.get("rate") is not None:
            text += " @ " + _num(fx["rate"])
        lines.append((QCoreApplication.translate("ContractDetail", "Settlement"), text))
    invoice = terms.get("invoice")
    if isinstance(invoice, Mapping) and invoice.get("provisional_pct") is not None:
        lines.append(
            (
                QCoreApplication.translate("ContractDetail", "Provisional invoice"),
                f"{_num(invoice['provisional_pct'])} %",
            )
        )
    return lines


# --- the panel --------------------------------------------------------------------------------
def _table(model: RowsTableModel, name: str, min_height: int = 96) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setMinimumHeight(min_height)
    return table


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(MUTED)
    return label


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ContractDetailPanel(QWidget):
    """Shows a ``ContractDetail``; ``show_detail(None)`` clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contract_detail")
        self.detail: ContractDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        layout.setSpacing(6)

        self.heading = _value_label("detail_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        status_row = QHBoxLayout()
        self.status_badge = QLabel()
        self.status_badge.setObjectName("detail_status")
        status_row.addWidget(self.status_badge)
        self.status_line = _value_label("detail_status_line")
        self.status_line.setStyleSheet(MUTED)
        status_row.addWidget(self.status_line, 1)
        layout.addLayout(status_row)

        self.notice = _value_label("detail_notice")
        self.notice.setStyleSheet("color: #8a6d3b;")
        self.notice.hide()
        layout.addWidget(self.notice)

        layout.addWidget(self._build_balance())

        self.sections = QTabWidget()
        self.sections.setObjectName("detail_sections")
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._build_terms_page(), self.tr("Terms"))
        self.sections.addTab(self._build_review_page(), self.tr("Review"))
        self.sections.addTab(self._build_lots_page(), self.tr("Lots"))
        self.sections.addTab(self._build_money_page(), self.tr("Invoices && payments"))
        layout.addWidget(self.sections, 1)

    # --- building ------------------------------------------------------------------------------
    def _build_balance(self) -> QWidget:
        box = QFrame()
        box.setObjectName("balance_box")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.balance: dict[str, QLabel] = {}
        captions = [
            ("contracted", self.tr("Contracted")),
            ("shipped", self.tr("Shipped")),
            ("remaining", self.tr("Remaining")),
            ("drawable", self.tr("Still drawable")),
        ]
        for column, (key, text) in enumerate(captions):
            grid.addWidget(_caption(text), 0, column)
            value = _value_label(f"balance_{key}")
            bold = value.font()
            bold.setBold(True)
            value.setFont(bold)
            self.balance[key] = value
            grid.addWidget(value, 1, column)
        self.progress = QProgressBar()
        self.progress.setObjectName("balance_progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        grid.addWidget(self.progress, 2, 0, 1, len(captions))
        return box

    def _scroll(self, inner: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _build_terms_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts: dict[str, QLabel] = {}
        rows = [
            ("customer", self.tr("Customer")),
            ("product", self.tr("Product")),
            ("type", self.tr("Type")),
            ("period", self.tr("Period")),
            ("quantity", self.tr("Quantity")),
            ("delivery", self.tr("Delivery")),
            ("price", self.tr("Unit price")),
            ("value", self.tr("Contract value")),
            ("payment", self.tr("Payment terms")),
            ("approval", self.tr("Approval")),
            ("notes", self.tr("Notes")),
        ]
        for key, caption in rows:
            label = _value_label(f"fact_{key}")
            self.facts[key] = label
            facts.addRow(_caption(caption), label)
        v.addLayout(facts)
        self.terms_box = QGroupBox(self.tr("Price terms"))
        self.terms_box.setObjectName("price_terms_box")
        self.terms_form = QFormLayout(self.terms_box)
        self.terms_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.terms_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        v.addWidget(self.terms_box)
        v.addStretch(1)
        return self._scroll(page)

    def _build_review_page(self) -> QWidget:
        def decided(r: ReviewDTO) -> str:
            return fmt.date(r.decided_at)

        self.reviews_model = RowsTableModel(
            [
                Column(self.tr("Round"), lambda r: r.round),
                Column(self.tr("Department"), lambda r: r.department),
                Column(self.tr("Reviewer"), lambda r: r.reviewer_name),
                Column(self.tr("Decision"), lambda r: r.decision),
                Column(self.tr("When"), decided),
                Column(self.tr("Comment"), lambda r: r.comment, tooltip=lambda r: r.comment or ""),
            ],
            highlight=self._review_color,
            parent=self,
        )
        self.history_model = RowsTableModel(
            [
                Column(self.tr("When"), lambda h: h.changed_at),
                Column(self.tr("Change"), self._change_text),
                Column(self.tr("By"), lambda h: h.changed_by_name),
                Column(self.tr("Note"), lambda h: h.note, tooltip=lambda h: h.note or ""),
            ],
            parent=self,
        )
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        self.reviews_table = _table(self.reviews_model, "reviews_table")
        self.history_table = _table(self.history_model, "history_table")
        v.addWidget(_caption(self.tr("Review steps (合同评审), every round")))
        v.addWidget(self.reviews_table, 3)
        v.addWidget(_caption(self.tr("Status history")))
        v.addWidget(self.history_table, 2)
        return page

    def _build_lots_page(self) -> QWidget:
        self.lots_model = RowsTableModel(
            [
                Column(self.tr("Lot"), lambda lot: lot.shipment.lot_no),
                Column(self.tr("B/L date"), lambda lot: lot.shipment.bl_date),
                Column(self.tr("Vessel / vehicle"), self._transport_text, tooltip=self._route_tip),
                Column(
                    self.tr("Quantity"),
                    lambda lot: fmt.quantity(lot.shipment.quantity_wmt),
                    align_right=True,
                ),
                Column(self.tr("Status"), lambda lot: lot.shipment.status),
                Column(
                    self.tr("H₂O %"),
                    self._moisture_text,
                    align_right=True,
                    tooltip=self._weights_tooltip,
                ),
                Column(
                    self.tr("Dry (dmt)"),
                    self._dry_text,
                    align_right=True,
                    tooltip=self._weights_tooltip,
                ),
                Column(self.tr("Assays"), self._assays_text, tooltip=self._assays_tooltip),
            ],
            parent=self,
        )
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        self.lots_table = _table(self.lots_model, "lots_table")
        v.addWidget(self.lots_table)
        return page

    def _build_money_page(self) -> QWidget:
        def money(value: Decimal) -> str:
            return fmt.money(value)

        self.invoices_model = RowsTableModel(
            [
                Column(self.tr("Invoice no."), lambda i: i.invoice_no, tooltip=self._invoice_tip),
                Column(self.tr("Kind"), lambda i: i.kind),
                Column(self.tr("Due"), lambda i: i.due_on, tooltip=self._invoice_tip),
                Column(self.tr("Total"), lambda i: money(i.amount_total), align_right=True),
                Column(
                    self.tr("Open"),
                    lambda i: money(i.open_amount),
                    align_right=True,
                    tooltip=self._invoice_tip,
                ),
                Column(self.tr("Status"), lambda i: i.status),
            ],
            highlight=self._invoice_color,
            parent=self,
        )
        self.payments_model = RowsTableModel(
            [
                Column(self.tr("Received"), lambda p: p.received_on),
                Column(self.tr("Amount"), lambda p: money(p.amount), align_right=True),
                Column(self.tr("Method"), lambda p: p.method),
                Column(self.tr("Invoice"), self._payment_invoice),
                Column(self.tr("Reference"), lambda p: p.reference),
            ],
            parent=self,
        )
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 6, 4, 4)
        self.receivables = _value_label("receivables_summary")
        v.addWidget(self.receivables)
        self.invoices_table = _table(self.invoices_model, "invoices_table")
        self.payments_table = _table(self.payments_model, "payments_table")
        v.addWidget(_caption(self.tr("Invoices")))
        v.addWidget(self.invoices_table, 3)
        v.addWidget(_caption(self.tr("Payments (回款)")))
        v.addWidget(self.payments_table, 2)
        return page

    # --- cell texts ----------------------------------------------------------------------------
    def _change_text(self, line: StatusChangeDTO) -> str:
        if line.from_status is None:
            return line.to_status.label()
        return f"{line.from_status.label()} → {line.to_status.label()}"

    @staticmethod
    def _review_color(review: ReviewDTO) -> QColor | None:
        if review.decision is ReviewDecision.REJECTED:
            return REJECTED_COLOR
        if review.decision is ReviewDecision.APPROVED:
            return APPROVED_COLOR
        return None

    def _invoice_color(self, invoice: InvoiceDTO) -> QColor | None:
        detail = self.detail
        if detail is None or invoice.status is InvoiceStatus.CANCELLED:
            return None
        if invoice.open_amount > 0 and invoice.due_on < detail.as_of:
            return OVERDUE_COLOR
        return None

    def _invoice_tip(self, invoice: InvoiceDTO) -> str:
        return (
            self.tr("Issued %1, due %2 · net %3 + VAT %4 = %5 · paid %6")
            .replace("%1", fmt.date(invoice.issued_on))
            .replace("%2", fmt.date(invoice.due_on))
            .replace("%3", fmt.money(invoice.amount_net))
            .replace("%4", fmt.money(invoice.vat_amount))
            .replace("%5", fmt.money(invoice.amount_total))
            .replace("%6", fmt.money(invoice.paid))
        )

    def _payment_invoice(self, payment: PaymentDTO) -> str:
        if payment.invoice_id is None:
            return self.tr("(on account)")
        detail = self.detail
        numbers = {i.id: i.invoice_no for i in detail.invoices} if detail else {}
        return numbers.get(payment.invoice_id, "")

    @staticmethod
    def _transport_text(lot: LotLine) -> str:
        s = lot.shipment
        return s.vessel_or_vehicle or s.transport_mode.label()

    @staticmethod
    def _route_tip(lot: LotLine) -> str:
        s = lot.shipment
        route = " → ".join(p for p in (s.load_port or "", s.discharge_port or "") if p)
        return " · ".join(p for p in (s.transport_mode.label(), route) if p)

    @staticmethod
    def _moisture_text(lot: LotLine) -> str:
        """The latest weight certificate's moisture (the tooltip lists every certificate)."""
        return f"{_num(lot.weights[-1].moisture_pct)}" if lot.weights else ""

    @staticmethod
    def _dry_text(lot: LotLine) -> str:
        return fmt.quantity(lot.weights[-1].dry_tonnes) if lot.weights else ""

    def _weights_tooltip(self, lot: LotLine) -> str:
        return "\n".join(
            self.tr("%1 %2: %3 wmt, H₂O %4 %, %5 dmt")
            .replace("%1", fmt.date(w.issued_on))
            .replace("%2", " · ".join(p for p in (w.party.label(), w.issuer or "") if p))
            .replace("%3", fmt.quantity(w.wet_tonnes))
            .replace("%4", _num(w.moisture_pct))
            .replace("%5", fmt.quantity(w.dry_tonnes))
            for w in lot.weights
        )

    @staticmethod
    def _assays_text(lot: LotLine) -> str:
        if not lot.assays:
            return ""
        latest = lot.assays[-1]
        return " · ".join(f"{name} {_num(value)}" for name, value in latest.results.items())

    def _assays_tooltip(self, lot: LotLine) -> str:
        lines = []
        for assay in lot.assays:
            values = ", ".join(
                f"{name} {_num(value)} {assay.units.get(name, '')}".rstrip()
                for name, value in assay.results.items()
            )
            who = " · ".join(p for p in (assay.party.label(), assay.lab or "") if p)
            lines.append(f"{fmt.date(assay.assayed_on)} {who}: {values}")
        return "\n".join(lines)

    # --- showing -------------------------------------------------------------------------------
    def product_name(self, detail: ContractDetail) -> str:
        if current_language().startswith("zh"):
            return detail.product_name_zh
        return detail.product_name_en or detail.product_name_zh

    def show_detail(self, detail: ContractDetail | None) -> None:
        self.detail = detail
        if detail is None:
            for model in (
                self.reviews_model,
                self.history_model,
                self.lots_model,
                self.invoices_model,
                self.payments_model,
            ):
                model.set_rows([])
            return
        c = detail.contract
        self.heading.setText(f"{c.contract_no} · {detail.customer_name}")
        self.status_badge.setText(c.status.label())
        self.status_badge.setStyleSheet(status_badge_style(c.status))
        bits = [self.tr("Owner: %1").replace("%1", detail.owner_name or "—")]
        if c.signed_on:
            bits.append(self.tr("signed %1").replace("%1", fmt.date(c.signed_on)))
        self.status_line.setText(" · ".join(bits))
        notice = ""
        if c.status is ContractStatus.TERMINATED and c.terminated_reason:
            notice = self.tr("Terminated: %1").replace("%1", c.terminated_reason)
        elif not detail.may_modify and c.status not in (
            ContractStatus.COMPLETED,
            ContractStatus.TERMINATED,
        ):
            notice = self.tr("You can view this contract but not change it.")
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._show_balance(detail)
        self._show_facts(detail)
        self._show_terms(detail)
        self.reviews_model.set_rows(list(reversed(detail.reviews)))
        self.history_model.set_rows(list(reversed(detail.history)))
        self.lots_model.set_rows(detail.lots)
        self.invoices_model.set_rows(detail.invoices)
        self.payments_model.set_rows(detail.payments)
        self._show_receivables(detail)
        for table in (
            self.reviews_table,
            self.history_table,
            self.lots_table,
            self.invoices_table,
            self.payments_table,
        ):
            table.resizeColumnsToContents()
            header = table.horizontalHeader()
            for column in range(header.count() - 1):
                header.resizeSection(column, min(header.sectionSize(column) + 8, 260))

    def _show_balance(self, detail: ContractDetail) -> None:
        b = detail.balance
        unit = b.unit.label()
        self.balance["contracted"].setText(f"{fmt.quantity(b.contracted)} {unit}")
        self.balance["shipped"].setText(f"{fmt.quantity(b.shipped)} {unit}")
        self.balance["remaining"].setText(f"{fmt.quantity(b.remaining)} {unit}")
        drawable = self.balance["drawable"]
        if b.over_maximum > 0:
            drawable.setText(
                self.tr("Over the maximum by %1 %2").replace("%1", fmt.quantity(b.over_maximum))
                .replace("%2", unit)
            )  # fmt: skip
            drawable.setStyleSheet("color: #b00020;")
            drawable.setToolTip(
                self.tr(
                    "More was shipped than the quantity plus the tolerance allows. Lots drawn on "
                    "two computers while apart are each checked on their own computer only: "
                    "agree the excess with the customer, or amend the contract."
                )
            )
        else:
            drawable.setText(f"{fmt.quantity(b.drawable)} {unit} (±{_num(b.tolerance_pct)} %)")
            drawable.setStyleSheet("")
            drawable.setToolTip(
                self.tr("The most that may still be shipped: up to the quantity plus the tolerance")
            )
        share = (b.shipped / b.contracted * 1000) if b.contracted else Decimal(0)
        self.progress.setValue(int(min(share, Decimal(1000))))
        self.progress.setToolTip(
            self.tr("Minimum %1, maximum %2 with the tolerance")
            .replace("%1", fmt.quantity(b.minimum))
            .replace("%2", fmt.quantity(b.maximum))
        )

    def _show_facts(self, detail: ContractDetail) -> None:
        c = detail.contract
        currency = c.currency.value
        unit = c.quantity_unit.label()
        delivery = c.incoterm.label() + (f" · {c.port}" if c.port else "")
        fx = "" if c.fx_rate == 1 else " · " + self.tr("FX %1").replace("%1", _num(c.fx_rate))
        vat = self.tr("VAT %1 % included") if c.vat_included else self.tr("VAT %1 % excluded")
        price = (
            f"{fmt.money(c.unit_price)} {currency}/{unit} · {vat.replace('%1', _num(c.vat_rate))}"
        )
        payment = self.tr("%1 · provisional %2 % · %3 credit days")
        payment = (
            payment.replace("%1", c.payment_method.label())
            .replace("%2", _num(c.provisional_pct))
            .replace("%3", str(c.credit_days))
        )
        if c.approved_at is not None:
            approval = (
                self.tr("Approved by %1 on %2")
                .replace("%1", detail.approved_by_name)
                .replace("%2", fmt.date(c.approved_at))
            )
            if c.credit_override_reason:
                approval += "\n" + self.tr("Credit override: %1").replace(
                    "%1", c.credit_override_reason
                )
        else:
            approval = "—"
        quantity = (
            f"{fmt.quantity(c.quantity)} {unit} ±{_num(c.tolerance_pct)} % "
            f"({c.tolerance_option.label()})"
        )
        values = {
            "customer": f"{detail.customer_name} ({detail.customer_code})",
            "product": self.product_name(detail),
            "type": c.contract_type.label(),
            "period": f"{fmt.date(c.start_date)} – {fmt.date(c.end_date)}",
            "quantity": quantity,
            "delivery": delivery,
            "price": price + fx,
            "value": f"{fmt.money(c.total_value)} {currency}",
            "payment": payment,
            "approval": approval,
            "notes": c.notes or "—",
        }
        for key, text in values.items():
            self.facts[key].setText(text)

    def _show_terms(self, detail: ContractDetail) -> None:
        while self.terms_form.rowCount():
            self.terms_form.removeRow(0)
        c = detail.contract
        lines = describe_price_terms(c.price_terms)
        if not lines:
            lines = [
                (
                    self.tr("Method"),
                    c.pricing_method.label()
                    + " · "
                    + self.tr("no detailed terms recorded; the unit price applies"),
                )
            ]
        for caption, text in lines:
            value = _value_label("terms_line")
            value.setText(text)
            self.terms_form.addRow(_caption(caption), value)

    def _show_receivables(self, detail: ContractDetail) -> None:
        r = detail.receivables
        currency = r.currency.value
        text = (
            self.tr("Invoiced %1 · paid %2 · open %3 %4")
            .replace("%1", fmt.money(r.invoiced))
            .replace("%2", fmt.money(r.paid))
            .replace("%3", fmt.money(r.open))
            .replace("%4", currency)
        )
        if r.overdue > 0:
            text += "\n" + (
                self.tr("Overdue %1 %2 (oldest %3 days past due)")
                .replace("%1", fmt.money(r.overdue))
                .replace("%2", currency)
                .replace("%3", str(r.oldest_overdue_days))
            )
            self.receivables.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.receivables.setStyleSheet("font-weight: bold;")
        self.receivables.setText(text)


def lot_choices(detail: ContractDetail) -> Sequence[tuple[str, str]]:
    """(shipment id, "lot · quantity") for the invoice form's lot choice."""
    return [
        (lot.shipment.id, f"{lot.shipment.lot_no} · {fmt.quantity(lot.shipment.quantity_wmt)}")
        for lot in detail.lots
    ]
