"""The versioned quote editor: offer terms, price terms from a template, an expected assay and
the index value, with the price breakdown recomputed as the rep types.

Why the price is computed on the GUI thread: the engine is pure ``Decimal`` arithmetic with no
database (well under a millisecond per call), and a rep negotiating on the phone needs the answer
on every keystroke, not after a round trip through the worker. Only saving goes to the database,
through ``services.sales.quotes.create``, which makes the next version and supersedes the older
ones. The unit price saved is the engine's, and the terms saved are exactly the terms priced
(``dump_terms``), with the VAT and FX chosen here written into them, so a later reader (the quote
PDF, the contract draft) can price the same quote again.

The index value(s) the quote was priced at are saved too, as ``quoted_index`` in the saved
terms (a record the engine never reads by itself; see docs/pricing-terms.md), so the PDF and the
contract draft can reproduce the price to the cent without a new column.

A new quote starts from the catalogue: the latest published quote of each index the terms read
(the product's default index among them) and the product's typical quality as the expected assay.
They are fetched on the database worker and fill only fields the rep has not typed in; a new
version starts from the previous version's index value and assay instead.

Seams for what comes next (quote PDF, quote → contract draft): ``quote_saved(QuoteDTO)`` after a
save, and ``last_result`` / ``last_unit_result`` hold the ``PriceResult`` the rep saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.catalog import latest_quote, price_indices, products, quality_specs
from minesales_desktop.services.errors import ServiceError, ValidationError
from minesales_desktop.services.pipeline_overview import OpportunityCard, ProductChoice
from minesales_desktop.services.pricing import (
    ANALYTES,
    BreakdownLine,
    LineKind,
    PriceResult,
    PricingError,
    Terms,
    calculate_price,
    canonical_analyte,
    dump_terms,
    list_templates,
    load_template,
    load_terms,
)
from minesales_desktop.services.sales import QuoteDTO, quotes
from minesales_desktop.services.vocabulary import (
    Currency,
    Incoterm,
    PaymentMethod,
    PricingMethod,
    ProductCategory,
    QuantityUnit,
    ToleranceOption,
)
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.widgets.forms import ERROR_STYLE

AnyIndex = QModelIndex | QPersistentModelIndex
E = TypeVar("E", bound=Enum)
RATE_QUANTUM = Decimal("0.000001")

#: the template a new quote of a product category starts from
CATEGORY_TEMPLATES: dict[ProductCategory, str] = {
    ProductCategory.FE_FINES: "dce_iron_ore",
    ProductCategory.FE_LUMP: "dce_iron_ore",
    ProductCategory.FE_CONCENTRATE: "dce_iron_ore",
    ProductCategory.FE_PELLET: "iron_ore_62fe_viu",
    ProductCategory.CU_CONCENTRATE: "copper_concentrate_standard",
    ProductCategory.ZN_CONCENTRATE: "zinc_concentrate_tc_escalator",
    ProductCategory.PB_CONCENTRATE: "zinc_concentrate_tc_escalator",
    ProductCategory.THERMAL_COAL: "thermal_coal_5500_nar",
    ProductCategory.COKING_COAL: "pci_coal_tender",
    ProductCategory.PCI_COAL: "pci_coal_tender",
    ProductCategory.LIMESTONE: "cement_limestone",
    ProductCategory.AGGREGATE: "cement_limestone",
    ProductCategory.MANUFACTURED_SAND: "cement_limestone",
}

PRICING_METHODS: dict[str, PricingMethod] = {
    "fixed": PricingMethod.FIXED,
    "index": PricingMethod.INDEX,
    "grade_pro_rata": PricingMethod.FE_PRO_RATA,
    "value_in_use": PricingMethod.VALUE_IN_USE,
    "calorific_pro_rata": PricingMethod.CALORIFIC,
    "payable_metal": PricingMethod.PAYABLE_METAL,
    "metal_coefficient": PricingMethod.METAL_COEFFICIENT,
}


def terms_analytes(terms: Terms) -> list[str]:
    """The analytes the terms read, in the order a rep thinks of them: the paying grade or metals
    first, then the linear and tier adjustments (a ``Pb+Zn`` tier needs Pb and Zn)."""
    found: list[str] = []

    def add(name: str) -> None:
        for part in name.split("+"):
            if part not in found:
                found.append(part)

    price: Any = terms.price
    if hasattr(price, "analyte"):
        add(price.analyte)
    for metal in getattr(price, "metals", ()):
        add(metal.metal)
    for linear in terms.linear:
        add(linear.analyte)
    for tier in terms.tiers:
        add(tier.analyte)
    if terms.quantity_moisture is not None and "TM" not in found and "H2O" not in found:
        add("H2O")
    return found


def parse_decimal(text: str) -> Decimal | None:
    """User input → Decimal; '' → None; raises ValueError on anything else."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class MarketPrefill:
    """What the catalogue offers a new quote of one product."""

    product_id: str
    index_values: dict[str, tuple[Decimal, dt.date]]  # index code → (latest price, its day)
    typicals: dict[str, Decimal]  # analyte → typical value of the product's quality spec


def market_prefill(
    session: Any, product_id: str, index_names: Sequence[str], on: dt.date
) -> MarketPrefill:
    """Runs on the database worker: the latest published quote (on or before ``on``) of the
    product's default index and of every index named in ``index_names``, and the typical values
    of the product's quality specs."""
    product = products.get(session, product_id)
    wanted: list[tuple[str, str]] = []  # (code, index id)
    if product.default_index_id:
        default = price_indices.get(session, product.default_index_id)
        wanted.append((default.code, default.id))
    for name in index_names:
        if all(code != name for code, _ in wanted):
            found = price_indices.by_code(session, name)
            if found is not None:
                wanted.append((found.code, found.id))
    values: dict[str, tuple[Decimal, dt.date]] = {}
    for code, index_id in wanted:
        quote = latest_quote(session, index_id, on)
        if quote is not None:
            values[code] = (quote.price, quote.quote_date)
    typicals = {
        spec.analyte: spec.typical
        for spec in quality_specs.for_product(session, product_id)
        if spec.typical is not None
    }
    return MarketPrefill(product_id, values, typicals)


def plain_number(value: Decimal) -> str:
    """800.0000 → '800', 61.50 → '61.5' (what a rep would type)."""
    return format(value.normalize(), "f")


# --- item models ----------------------------------------------------------------------------------


class AssayModel(QAbstractTableModel):
    """The expected assay: editable analyte / value rows, plus the analyte's unit."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (self.tr("Analyte"), self.tr("Value"), self.tr("Unit"))
        return headers[section] if 0 <= section < len(headers) else None

    def _unit(self, analyte: str) -> str:
        try:
            return canonical_analyte(analyte).unit
        except KeyError:
            return ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < self.COLUMNS):
            return None
        analyte, value = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (analyte, value, self._unit(analyte))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            known = ANALYTES.get(analyte)
            return f"{known.zh} / {known.en}" if known else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor("#6b7785"))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() < 2:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(  # noqa: N802
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() > 1:
            return False
        if not (0 <= index.row() < len(self._rows)):
            return False
        text = "" if value is None else str(value).strip()
        if index.column() == 0:
            try:
                text = canonical_analyte(text).code if text else ""
            except KeyError:
                pass  # kept as typed; the breakdown says it is unknown
        self._rows[index.row()][index.column()] = text
        self.dataChanged.emit(index, self.index(index.row(), self.COLUMNS - 1))
        return True

    def insertRows(  # noqa: N802
        self,
        row: int,
        count: int,
        parent: AnyIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        if parent.isValid() or count < 1 or not (0 <= row <= len(self._rows)):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self._rows.insert(row, ["", ""])
        self.endInsertRows()
        return True

    def removeRows(  # noqa: N802
        self,
        row: int,
        count: int,
        parent: AnyIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        return True

    # --- Python side ---------------------------------------------------------------------------
    def set_values(self, values: Mapping[str, Any]) -> None:
        self.beginResetModel()
        self._rows = [[str(k), "" if v is None else str(v)] for k, v in values.items()]
        self.endResetModel()

    def set_value(self, analyte: str, value: str) -> None:
        for i, row in enumerate(self._rows):
            if row[0].lower() == analyte.lower():
                self.setData(self.index(i, 1), value)
                return
        self.insertRows(len(self._rows), 1)
        self.setData(self.index(len(self._rows) - 1, 0), analyte)
        self.setData(self.index(len(self._rows) - 1, 1), value)

    def ensure(self, analytes: Sequence[str]) -> None:
        """Rows for ``analytes`` (first, in this order); other rows typed by the rep stay."""
        present = {row[0].lower(): row for row in self._rows}
        ordered = [present.pop(a.lower(), [a, ""]) for a in analytes]
        rest = [row for key, row in present.items() if row[1] or key]
        self.beginResetModel()
        self._rows = ordered + [r for r in rest if r[0] or r[1]]
        self.endResetModel()

    def values(self) -> tuple[dict[str, Decimal], list[str]]:
        """(analyte → value, problems); empty rows are skipped."""
        out: dict[str, Decimal] = {}
        problems: list[str] = []
        for i, (analyte, text) in enumerate(self._rows, start=1):
            if not analyte and not text:
                continue
            if not analyte:
                problems.append(self.tr("Assay row %1: which analyte?").replace("%1", str(i)))
                continue
            try:
                value = parse_decimal(text)
            except ValueError:
                problems.append(
                    self.tr("Assay %1: '%2' is not a number")
                    .replace("%1", analyte)
                    .replace("%2", text)
                )
                continue
            if value is not None:
                out[analyte] = value
        return out, problems


@dataclass(frozen=True)
class BreakdownRow:
    """A line of the breakdown table, or a section heading (``kind`` None)."""

    kind: LineKind | None
    label: str
    rule: str
    amount: str
    unit: str
    applied: bool = True


class BreakdownModel(QAbstractTableModel):
    """The engine's lines, read-only; subtotals and totals bold, rejections red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BreakdownRow] = []

    @property
    def rows(self) -> list[BreakdownRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[BreakdownRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (self.tr("Item"), self.tr("Rule"), self.tr("Amount"), self.tr("Unit"))
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < 4):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, row.rule, row.amount, row.unit)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.rule or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (
            row.kind in (LineKind.SUBTOTAL, LineKind.TOTAL) or row.kind is None
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.kind is LineKind.REJECT:
                return QBrush(QColor("#b00020"))
            if not row.applied or row.kind is LineKind.NOTE:
                return QBrush(QColor("#8a94a0"))
            if row.kind is None:
                return QBrush(QColor("#2f4a6d"))
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.kind is None:
                return QBrush(QColor("#eef2f7"))
            if row.kind in (LineKind.SUBTOTAL, LineKind.TOTAL):
                return QBrush(QColor("#f7f9fb"))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


# --- the editor -----------------------------------------------------------------------------------


class QuoteEditor(QDialog):
    """A new quote version for one opportunity; prefilled from the previous version if any."""

    quote_saved = Signal(object)  # QuoteDTO of the version just saved

    def __init__(
        self,
        ctx: AppContext,
        opportunity: OpportunityCard,
        products: Sequence[ProductChoice],
        *,
        previous: QuoteDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opportunity = opportunity
        self.previous = previous
        self.products = list(products)
        self.terms: Terms | None = None
        self.last_result: PriceResult | None = None
        self.last_unit_result: PriceResult | None = None
        self.problems: list[str] = []
        self._loading = True
        self._index_edits: dict[str, QLineEdit] = {}
        self.market: MarketPrefill | None = None
        self._market_job: Any = None
        version = (previous.version + 1) if previous is not None else 1
        self.version = version
        self.setObjectName("quote_editor")
        self.setWindowTitle(
            self.tr("Quote %1 — version %2")
            .replace("%1", f"{opportunity.code} · {opportunity.customer_short}")
            .replace("%2", str(version))
        )
        self.resize(1400, 820)
        self._build()
        self._prefill()
        self._loading = False
        self.recalculate()
        self.finished.connect(self._cancel_market)
        self._request_market()

    # --- construction --------------------------------------------------------------------------
    def _line(self, name: str, placeholder: str = "", right: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        if right:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textChanged.connect(self.recalculate)
        return edit

    def _combo(self, name: str, pairs: Sequence[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for value, label in pairs:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.recalculate)
        return combo

    def _build(self) -> None:
        lang = self.ctx.language
        # offer
        self.product = self._combo(
            "quote_product", [(p.id, f"{p.code} · {p.name(lang)}") for p in self.products]
        )
        self.product.currentIndexChanged.connect(self._product_changed)
        self.quantity = self._line("quote_quantity", self.tr("tonnes"), right=True)
        self.unit = self._combo("quote_unit", [(u, u.label()) for u in QuantityUnit])
        self.tolerance = self._line("quote_tolerance", "10", right=True)
        self.tolerance_option = self._combo(
            "quote_tolerance_option", [(o, o.label()) for o in ToleranceOption]
        )
        self.incoterm = self._combo("quote_incoterm", [(i, i.label()) for i in Incoterm])
        self.port = self._line("quote_port", self.tr("e.g. 日照港 Rizhao"))
        # money
        self.currency = self._combo("quote_currency", [(c, c.value) for c in Currency])
        self.fx = self._line("quote_fx", self.tr("CNY per USD"), right=True)
        self.vat_rate = self._line("quote_vat_rate", "13", right=True)
        self.vat_included = QCheckBox(self.tr("Prices include VAT"))
        self.vat_included.setObjectName("quote_vat_included")
        self.vat_included.toggled.connect(self.recalculate)
        self.payment_method = self._combo(
            "quote_payment_method", [(m, m.label()) for m in PaymentMethod]
        )
        self.payment_terms = self._line(
            "quote_payment_terms", self.tr("e.g. 90% against documents, balance on final assay")
        )
        self.valid_until = QDateEdit()
        self.valid_until.setObjectName("quote_valid_until")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.valid_until.setMinimumDate(QDate.currentDate())
        self.notes = self._line("quote_notes", self.tr("What changed in this version"))
        # pricing
        self.template = QComboBox()
        self.template.setObjectName("quote_template")
        if self.previous is not None and self.previous.price_terms:
            self.template.addItem(
                self.tr("Terms of version %1").replace("%1", str(self.previous.version)),
                "__previous__",
            )
        for name in list_templates():
            try:
                label = load_template(name).name.render(self.ctx.language)
            except PricingError:
                label = name
            self.template.addItem(label, name)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.open_terms = QPushButton(self.tr("Open terms file…"))
        self.open_terms.setObjectName("quote_open_terms")
        self.open_terms.clicked.connect(self._open_terms_file)
        self.terms_info = QLabel()
        self.terms_info.setObjectName("quote_terms_info")
        self.terms_info.setWordWrap(True)
        self.terms_info.setStyleSheet("color: #4a5563;")
        self.index_box = QWidget()
        self.index_holder = QVBoxLayout(self.index_box)
        self.index_holder.setContentsMargins(0, 0, 0, 0)
        self.index_form: QWidget | None = None
        self.assay = AssayModel(self)
        self.assay.dataChanged.connect(self.recalculate)
        self.assay.rowsInserted.connect(self.recalculate)
        self.assay.rowsRemoved.connect(self.recalculate)
        self.assay.modelReset.connect(self.recalculate)
        self.assay_view = QTableView()
        self.assay_view.setObjectName("quote_assay")
        self.assay_view.setModel(self.assay)
        self.assay_view.verticalHeader().hide()
        self.assay_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.assay_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.assay_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.assay_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.assay_view.setMinimumHeight(150)
        self.assay_view.verticalHeader().setDefaultSectionSize(24)
        add_row = QPushButton(self.tr("Add analyte"))
        add_row.clicked.connect(lambda: self.assay.insertRows(self.assay.rowCount(), 1))
        remove_row = QPushButton(self.tr("Remove"))
        remove_row.clicked.connect(self._remove_assay_row)

        # breakdown side
        self.headline = QLabel()
        self.headline.setObjectName("quote_headline")
        self.headline.setStyleSheet("font-size: 15pt; font-weight: 600; color: #1f2933;")
        self.subline = QLabel()
        self.subline.setObjectName("quote_subline")
        self.subline.setStyleSheet("color: #4a5563;")
        self.message = QLabel()
        self.message.setObjectName("quote_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.breakdown = BreakdownModel(self)
        self.breakdown_view = QTableView()
        self.breakdown_view.setObjectName("quote_breakdown")
        self.breakdown_view.setModel(self.breakdown)
        self.breakdown_view.verticalHeader().hide()
        self.breakdown_view.setWordWrap(True)
        self.breakdown_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.breakdown_view.setAlternatingRowColors(False)
        self.breakdown_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.breakdown_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.save_error = QLabel()
        self.save_error.setObjectName("quote_save_error")
        self.save_error.setWordWrap(True)
        self.save_error.setStyleSheet(ERROR_STYLE)
        self.save_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save as version %1").replace("%1", str(self.version)))
        self.save_button.setObjectName("quote_save")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # layout: left = inputs, right = the breakdown
        offer = QGroupBox(self.tr("Offer"))
        grid = QGridLayout(offer)
        grid.addWidget(QLabel(self.tr("Product")), 0, 0)
        grid.addWidget(self.product, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Quantity")), 1, 0)
        qty_row = QHBoxLayout()
        qty_row.addWidget(self.quantity, 2)
        qty_row.addWidget(self.unit, 1)
        grid.addLayout(qty_row, 1, 1)
        grid.addWidget(QLabel(self.tr("Tolerance ± %")), 1, 2)
        tol_row = QHBoxLayout()
        tol_row.addWidget(self.tolerance, 1)
        tol_row.addWidget(self.tolerance_option, 2)
        grid.addLayout(tol_row, 1, 3)
        grid.addWidget(QLabel(self.tr("Incoterm")), 2, 0)
        grid.addWidget(self.incoterm, 2, 1)
        grid.addWidget(QLabel(self.tr("Port")), 2, 2)
        grid.addWidget(self.port, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        money = QGroupBox(self.tr("Currency, VAT and payment"))
        mgrid = QGridLayout(money)
        mgrid.addWidget(QLabel(self.tr("Currency")), 0, 0)
        mgrid.addWidget(self.currency, 0, 1)
        mgrid.addWidget(QLabel(self.tr("FX (CNY per USD)")), 0, 2)
        mgrid.addWidget(self.fx, 0, 3)
        mgrid.addWidget(QLabel(self.tr("VAT %")), 1, 0)
        mgrid.addWidget(self.vat_rate, 1, 1)
        mgrid.addWidget(self.vat_included, 1, 2, 1, 2)
        mgrid.addWidget(QLabel(self.tr("Payment")), 2, 0)
        mgrid.addWidget(self.payment_method, 2, 1)
        mgrid.addWidget(QLabel(self.tr("Valid until")), 2, 2)
        mgrid.addWidget(self.valid_until, 2, 3)
        mgrid.addWidget(QLabel(self.tr("Payment terms")), 3, 0)
        mgrid.addWidget(self.payment_terms, 3, 1, 1, 3)
        mgrid.addWidget(QLabel(self.tr("Notes")), 4, 0)
        mgrid.addWidget(self.notes, 4, 1, 1, 3)
        mgrid.setColumnStretch(1, 1)
        mgrid.setColumnStretch(3, 1)

        pricing = QGroupBox(self.tr("Price terms, index and expected assay"))
        play = QVBoxLayout(pricing)
        trow = QHBoxLayout()
        trow.addWidget(self.template, 1)
        trow.addWidget(self.open_terms)
        play.addLayout(trow)
        play.addWidget(self.terms_info)
        play.addWidget(self.index_box)
        play.addWidget(self.assay_view, 1)
        arow = QHBoxLayout()
        arow.addWidget(add_row)
        arow.addWidget(remove_row)
        arow.addStretch(1)
        play.addLayout(arow)

        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 6, 0)
        llay.addWidget(offer)
        llay.addWidget(money)
        llay.addWidget(pricing, 1)

        right = QFrame()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(6, 0, 0, 0)
        title = QLabel(self.tr("Price breakdown"))
        title.setStyleSheet("font-weight: 600; color: #4a5563;")
        rlay.addWidget(title)
        rlay.addWidget(self.headline)
        rlay.addWidget(self.subline)
        rlay.addWidget(self.message)
        rlay.addWidget(self.breakdown_view, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([560, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

    # --- prefill ---------------------------------------------------------------------------------
    def _select(self, combo: QComboBox, value: Any) -> None:
        i = combo.findData(value)
        if i >= 0:
            combo.setCurrentIndex(i)

    @staticmethod
    def _enum(combo: QComboBox, cls: type[E]) -> E:
        """Qt hands a str-enum back as a plain str; turn it into the member again."""
        return cls(combo.currentData())

    def _product(self) -> ProductChoice | None:
        pid = self.product.currentData()
        return next((p for p in self.products if p.id == pid), None)

    def _prefill(self) -> None:
        prev, opp = self.previous, self.opportunity
        self.valid_until.setDate(QDate.currentDate().addDays(14))
        if prev is not None:
            self._select(self.product, prev.product_id)
            self.quantity.setText(fmt.quantity(prev.quantity).replace(",", ""))
            self._select(self.unit, prev.quantity_unit)
            self.tolerance.setText(format(prev.tolerance_pct.normalize(), "f"))
            self._select(self.tolerance_option, prev.tolerance_option)
            self._select(self.incoterm, prev.incoterm)
            self.port.setText(prev.port or "")
            self._select(self.payment_method, prev.payment_method)
            self.payment_terms.setText(prev.payment_terms or "")
            self.assay.set_values(prev.expected_assay or {})
            if prev.currency is Currency.USD:
                self.fx.setText(format(prev.fx_rate.normalize(), "f"))
            self._template_changed()
            self._select(self.currency, prev.currency)
            self.vat_rate.setText(format(prev.vat_rate.normalize(), "f"))
            self.vat_included.setChecked(prev.vat_included)
            return
        self._select(self.product, opp.product_id)
        if opp.quantity is not None:
            self.quantity.setText(fmt.quantity(opp.quantity).replace(",", ""))
        self._select(self.unit, opp.quantity_unit)
        self.tolerance.setText("10")
        product = self._product()
        if product is not None:
            self._select(self.unit, product.unit)
            template = CATEGORY_TEMPLATES.get(product.category)
            if template is not None:
                self._select(self.template, template)
        self._template_changed()
        self._select(self.currency, opp.currency)
        self._select(self.payment_method, PaymentMethod.TT)
        domestic = opp.currency is Currency.CNY
        self._select(self.incoterm, Incoterm.DELIVERED if domestic else Incoterm.CFR)

    def _product_changed(self) -> None:
        product = self._product()
        if product is not None and not self._loading:
            self._select(self.unit, product.unit)
            self._request_market()

    # --- the catalogue's suggestions ------------------------------------------------------------
    def _request_market(self) -> None:
        """Ask the worker for the product's latest index quotes and typical quality."""
        product_id = self.product.currentData()
        if not product_id:
            return
        self._cancel_market()
        names = list(self._index_edits)
        today = dt.date.today()
        self._market_job = self.ctx.tasks.run(
            lambda session: market_prefill(session, product_id, names, today),
            self._market_loaded,
            lambda exc: None,  # suggestions only: the rep can always type the values
            label="quote prefill",
        )

    def _cancel_market(self) -> None:
        if self._market_job is not None:
            self._market_job.cancel()
            self._market_job = None

    def _market_loaded(self, market: MarketPrefill) -> None:
        self._market_job = None
        if market.product_id != self.product.currentData():
            return
        self.market = market
        self._apply_market()

    def _apply_market(self) -> None:
        """Fill what is still empty: index values always, the assay only on a first version
        (a new version keeps the assay of the previous one)."""
        market = self.market
        if market is None or market.product_id != self.product.currentData():
            return
        was_loading = self._loading
        self._loading = True
        for name, edit in self._index_edits.items():
            found = market.index_values.get(name)
            if found is not None and not edit.text().strip():
                price, day = found
                edit.setText(plain_number(price))
                edit.setToolTip(
                    self.tr("Latest published %1 quote, of %2")
                    .replace("%1", name)
                    .replace("%2", day.isoformat())
                )
        if self.previous is None:
            current, _ = self.assay.values()
            for name, typical in market.typicals.items():
                try:
                    analyte = canonical_analyte(name).code
                except KeyError:
                    continue  # an aggregate's crushing value or flakiness is no price input
                if analyte not in current:
                    self.assay.set_value(analyte, plain_number(typical))
        self._loading = was_loading
        self.recalculate()

    # --- terms -----------------------------------------------------------------------------------
    def set_template(self, name: str) -> None:
        """Choose a shipped template by name (as ``list_templates`` gives it)."""
        i = self.template.findData(name)
        if i < 0:
            raise KeyError(name)
        self.template.setCurrentIndex(i)
        self._template_changed()

    def _template_changed(self) -> None:
        name = self.template.currentData()
        try:
            if name == "__previous__" and self.previous is not None:
                terms = load_terms(self.previous.price_terms)
            else:
                terms = load_template(str(name))
        except PricingError as exc:
            self._show_terms_problem(str(exc))
            return
        self._use_terms(terms)

    def _open_terms_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open price terms"), "", self.tr("Price terms (*.json)")
        )
        if not path:
            return
        try:
            terms = load_terms(path)
        except PricingError as exc:
            self._show_terms_problem(str(exc))
            return
        self._use_terms(terms)

    def _show_terms_problem(self, text: str) -> None:
        self.terms = None
        self.terms_info.setText(text)
        self.terms_info.setStyleSheet(ERROR_STYLE)
        self.recalculate()

    def _use_terms(self, terms: Terms) -> None:
        """Adopt ``terms``: VAT and currency from them, an index field per index they read, and
        assay rows for every analyte they price on (values already typed are kept)."""
        was_loading = self._loading
        self._loading = True
        self.terms = terms
        description = terms.description.render(self.ctx.language) if terms.description else ""
        self.terms_info.setText(description)
        self.terms_info.setStyleSheet("color: #4a5563;")
        self.terms_info.setToolTip(terms.source)
        self._select(self.currency, Currency(terms.currency))
        self.vat_rate.setText(format(terms.vat.rate.normalize(), "f"))
        self.vat_included.setChecked(terms.vat.included)
        old = {name: edit.text() for name, edit in self._index_edits.items()}
        if self.index_form is not None:
            self.index_holder.removeWidget(self.index_form)
            self.index_form.deleteLater()
        self.index_form = QWidget()
        form = QFormLayout(self.index_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.index_holder.addWidget(self.index_form)
        self._index_edits = {}
        quoted = {name: plain_number(value) for name, value in terms.quoted_index}
        for name in terms.index_names():
            edit = self._line(f"quote_index_{name}", self.tr("value on the quote date"), True)
            edit.setText(old.get(name) or quoted.get(name, ""))
            self._index_edits[name] = edit
            form.addRow(
                self.tr("Index %1 (%2/%3)")
                .replace("%1", name)
                .replace("%2", terms.currency)
                .replace("%3", terms.price_unit),
                edit,
            )
        self.assay.ensure(terms_analytes(terms))
        self._loading = was_loading
        if self.market is not None and all(
            name in self.market.index_values for name in self._index_edits
        ):
            self._apply_market()
        elif not was_loading:
            self._request_market()
        self.recalculate()

    def set_index(self, name: str, value: str) -> None:
        self._index_edits[name].setText(value)

    def index_names(self) -> list[str]:
        return list(self._index_edits)

    # --- computing -------------------------------------------------------------------------------
    def _effective_terms(self, problems: list[str]) -> Terms | None:
        """The chosen terms with this quote's VAT and settlement currency written into them.

        Done through the documented JSON form (``dump_terms`` → edit → ``load_terms``) so the
        result is validated exactly like a terms file and is what gets saved."""
        if self.terms is None:
            problems.append(self.tr("Choose price terms."))
            return None
        data = dump_terms(self.terms)
        try:
            rate = parse_decimal(self.vat_rate.text())
        except ValueError:
            problems.append(self.tr("VAT: not a number."))
            return None
        data["vat"] = {
            "rate": str(self.terms.vat.rate if rate is None else rate),
            "included": self.vat_included.isChecked(),
        }
        quote_currency = self._enum(self.currency, Currency)
        data.pop("fx", None)
        if quote_currency.value != self.terms.currency:
            cny_per_usd = self._fx(problems)
            if cny_per_usd is None:
                return None
            settle = (
                cny_per_usd
                if self.terms.currency == Currency.USD.value
                else (Decimal(1) / cny_per_usd).quantize(RATE_QUANTUM, ROUND_HALF_UP)
            )
            data["fx"] = {"settlement_currency": quote_currency.value, "rate": str(settle)}
        try:
            return load_terms(data)
        except PricingError as exc:
            problems.append(str(exc))
            return None

    def _fx(self, problems: list[str]) -> Decimal | None:
        try:
            value = parse_decimal(self.fx.text())
        except ValueError:
            value = Decimal(-1)
        if value is None or value <= 0:
            problems.append(self.tr("Enter the FX rate (CNY per USD)."))
            return None
        return value

    def recalculate(self) -> None:
        """Price the quote as it stands and show the breakdown (pure computation, no database)."""
        if self._loading:
            return
        problems: list[str] = []
        usd = self._enum(self.currency, Currency) is Currency.USD or (
            self.terms is not None and self.terms.currency == Currency.USD.value
        )
        self.fx.setEnabled(usd)
        terms = self._effective_terms(problems)
        assay, assay_problems = self.assay.values()
        problems.extend(assay_problems)
        index: dict[str, Decimal] = {}
        for name, edit in self._index_edits.items():
            try:
                value = parse_decimal(edit.text())
            except ValueError:
                problems.append(self.tr("Index %1: not a number.").replace("%1", name))
                continue
            if value is None:
                problems.append(self.tr("Enter the %1 index value.").replace("%1", name))
            else:
                index[name] = value
        try:
            quantity = parse_decimal(self.quantity.text())
        except ValueError:
            quantity = None
            problems.append(self.tr("Quantity: not a number."))
        if quantity is None and not problems:
            problems.append(self.tr("Enter the quantity."))
        unit_result = result = None
        if terms is not None and not problems:
            try:
                unit_result = calculate_price(terms, assay, index=index)
                result = calculate_price(
                    terms,
                    assay,
                    index=index,
                    quantity=quantity,
                    quantity_is_dry=self._enum(self.unit, QuantityUnit) is QuantityUnit.DMT,
                )
            except PricingError as exc:
                problems.append(str(exc))
                unit_result = result = None
        self.problems = problems
        self.last_unit_result, self.last_result = unit_result, result
        self._show(unit_result, result, problems)

    def _show(
        self, unit_result: PriceResult | None, result: PriceResult | None, problems: list[str]
    ) -> None:
        lang = self.ctx.language
        if problems or unit_result is None or result is None:
            self.message.setText("\n".join(problems))
            self.message.setVisible(bool(problems))
            self.headline.setText(self.tr("No price yet"))
            self.subline.setText("")
            self.breakdown.set_rows([])
            self.save_button.setEnabled(False)
            return
        rows: list[BreakdownRow] = [
            BreakdownRow(None, self.tr("Per %1").replace("%1", unit_result.price_unit), "", "", "")
        ]
        rows += [self._row(line, lang) for line in unit_result.lines]
        quantity = result.quantity
        if quantity is not None:
            lot = self.tr("Lot of %1 %2").replace("%1", fmt.quantity(quantity))
            rows.append(BreakdownRow(None, lot.replace("%2", result.price_unit), "", "", ""))
            first_lot = next(
                (i for i, line in enumerate(result.lines) if line.kind is LineKind.QUANTITY),
                len(result.lines),
            )
            rows += [self._row(line, lang) for line in result.lines[first_lot:]]
        self.breakdown.set_rows(rows)
        self.breakdown_view.resizeRowsToContents()
        vat = self.tr("incl. VAT") if unit_result.vat_included else self.tr("excl. VAT")
        self.headline.setText(
            f"{fmt.money(unit_result.unit_price)} {unit_result.currency}/{unit_result.price_unit}"
            f"  ({vat})"
        )
        total = result.total
        self.subline.setText(
            self.tr("Total %1 %2 for %3 %4")
            .replace("%1", fmt.money(total) if total is not None else "—")
            .replace("%2", result.currency)
            .replace("%3", fmt.quantity(quantity))
            .replace("%4", result.price_unit)
        )
        if result.rejected:
            reasons = "; ".join(t.render(lang) for t in result.rejections)
            self.message.setText(
                self.tr("The expected assay is beyond a reject limit: %1").replace("%1", reasons)
            )
            self.message.show()
            self.save_button.setEnabled(False)
        else:
            self.message.hide()
            self.save_button.setEnabled(True)

    @staticmethod
    def _row(line: BreakdownLine, lang: str) -> BreakdownRow:
        label, rule, amount = line.render(lang)
        if line.amount is not None:
            amount = fmt.money(line.amount) if line.kind is not LineKind.QUANTITY else amount
        return BreakdownRow(line.kind, label, rule, amount, line.unit, line.applied)

    # --- saving ----------------------------------------------------------------------------------
    def quote_values(self) -> dict[str, Any]:
        """What ``quotes.create`` receives; only valid after a successful recalculation."""
        assert self.last_result is not None and self.last_unit_result is not None
        terms = self._effective_terms([])
        assert terms is not None
        # the index value(s) priced here travel with the terms (a record, never an input)
        terms = replace(terms, quoted_index=self.last_unit_result.index_values)
        assay, _ = self.assay.values()
        currency = self._enum(self.currency, Currency)
        fx_rate = self._fx([]) if currency is Currency.USD else Decimal(1)
        qdate = self.valid_until.date()
        return {
            "opportunity_id": self.opportunity.id,
            "product_id": self.product.currentData(),
            "quantity": parse_decimal(self.quantity.text()),
            "quantity_unit": self._enum(self.unit, QuantityUnit),
            "tolerance_pct": parse_decimal(self.tolerance.text()) or Decimal(0),
            "tolerance_option": self._enum(self.tolerance_option, ToleranceOption),
            "incoterm": self._enum(self.incoterm, Incoterm),
            "port": self.port.text().strip() or None,
            "currency": currency,
            "fx_rate": fx_rate,
            "vat_rate": terms.vat.rate,
            "vat_included": terms.vat.included,
            "pricing_method": PRICING_METHODS.get(terms.price.mode, PricingMethod.FIXED),
            "price_terms": dump_terms(terms),
            "expected_assay": {k: str(v) for k, v in assay.items()},
            "unit_price": self.last_result.unit_price,
            "payment_method": self._enum(self.payment_method, PaymentMethod),
            "payment_terms": self.payment_terms.text().strip() or None,
            "valid_until": dt.date(qdate.year(), qdate.month(), qdate.day()),
            "notes": self.notes.text().strip() or None,
        }

    def save(self) -> None:
        self.recalculate()
        if self.problems or self.last_result is None or not self.save_button.isEnabled():
            return
        try:
            values = self.quote_values()
        except ValueError:
            self._refused(ValidationError({"tolerance_pct": self.tr("Must be a number.")}))
            return
        actor = self.ctx.actor
        self.save_button.setEnabled(False)
        self.save_error.hide()
        self.ctx.tasks.run(
            lambda session: quotes.create(session, actor, values),
            self._saved,
            self._refused,
            writes=("quotes", "opportunities"),
            label="save quote",
        )

    def _saved(self, quote: QuoteDTO) -> None:
        self.saved_quote = quote
        self.quote_saved.emit(quote)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            text = "\n".join(f"• {self._field_name(k)}: {v}" for k, v in exc.errors.items())
        elif isinstance(exc, ServiceError):
            text = str(exc)
        else:
            raise exc
        self.save_error.setText(self.tr("Not saved:") + "\n" + text)
        self.save_error.show()

    def _field_name(self, field: str) -> str:
        names = {
            "opportunity_id": self.tr("Opportunity"),
            "product_id": self.tr("Product"),
            "quantity": self.tr("Quantity"),
            "tolerance_pct": self.tr("Tolerance"),
            "fx_rate": self.tr("FX"),
            "vat_rate": self.tr("VAT"),
            "unit_price": self.tr("Unit price"),
            "valid_until": self.tr("Valid until"),
        }
        return names.get(field, field)

    def _remove_assay_row(self) -> None:
        index = self.assay_view.currentIndex()
        if index.isValid():
            self.assay.removeRows(index.row(), 1)
