"""The forms of a contract's life: draft it, review it, approve it, sign it, draw lots against it,
bill it, collect on it, close it.

Each is a ``FormDialog`` that saves through one ``services.contracts`` call on the database worker
and stays open when the service refuses: a ``ValidationError`` lands under its field (a lot beyond
the tolerance shows the service's sentence with what may still be drawn under the quantity), a
refused move (``TransitionRefused``, ``PermissionDenied``) is shown at the top with the service's
list of what is missing. The dialogs never second-guess the rules; the one check made here is the
approval's override reason, because the manager has just been shown the overrun and the form can
say what is needed before a round trip.

A form that writes several records (a lot with its weight certificate and assay) does it in one
worker call, i.e. one transaction: if any part is refused, nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QTimer
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from minesales_desktop.messages import current_language
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.catalog import ProductDTO
from minesales_desktop.services.contract_overview import (
    ContractDetail,
    CreditCheckDTO,
    TermsTemplate,
)
from minesales_desktop.services.contracts import (
    ContractDTO,
    assays,
    contracts,
    invoices,
    payments,
    shipments,
    weight_certificates,
)
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customers import CustomerDTO, customers
from minesales_desktop.services.errors import ValidationError
from minesales_desktop.services.vocabulary import (
    AssayParty,
    CertificateParty,
    ContractType,
    Currency,
    Incoterm,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
    PricingMethod,
    QuantityUnit,
    ReviewDecision,
    ReviewDepartment,
    ShipmentStatus,
    ToleranceOption,
    TransportMode,
)
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.widgets.forms import Field, FormDialog

# How many customers the picker lists for one search; typing more narrows it.
CUSTOMER_MATCHES = 30
# Wait for a pause in typing before searching, so every keystroke does not cost a query.
SEARCH_DELAY_MS = 250
# A new contract's default period.
DEFAULT_PERIOD = dt.timedelta(days=90)


def _heading(dialog: FormDialog, text: str, name: str = "contract_heading") -> QLabel:
    """A read-only line at the top of a form saying which contract the action is about."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    layout = dialog.form.layout()
    assert isinstance(layout, QFormLayout)
    layout.insertRow(0, label)
    return label


def contract_heading(detail: ContractDetail) -> str:
    c = detail.contract
    return f"{c.contract_no} · {detail.customer_name} · {c.status.label()}"


def balance_text(detail: ContractDetail) -> str:
    """Remaining and drawable quantity, in the words the shipment refusal uses."""
    b = detail.balance
    unit = b.unit.label()
    return (
        QCoreApplication.translate(
            "ContractDialogs",
            "Remaining %1 %2 · may still draw %3 %2 (maximum %4 with ±%5 %, shipped %6)",
        )
        .replace("%1", fmt.quantity(b.remaining))
        .replace("%2", unit)
        .replace("%3", fmt.quantity(b.drawable))
        .replace("%4", fmt.quantity(b.maximum))
        .replace("%5", fmt.number(b.tolerance_pct))
        .replace("%6", fmt.quantity(b.shipped))
    )


def parse_assay(text: str | None) -> dict[str, str]:
    """``"Fe=61.5, SiO2 4.2; Al2O3: 2.3"`` → analyte → value text (the service checks values).

    Raises ``ValueError`` naming the part it cannot read."""
    results: dict[str, str] = {}
    if not text:
        return results
    for part in text.replace(";", ",").replace("，", ",").split(","):
        chunk = part.strip()
        if not chunk:
            continue
        for sep in ("=", ":", " "):
            if sep in chunk:
                name, value = chunk.split(sep, 1)
                break
        else:
            raise ValueError(chunk)
        name, value = name.strip(), value.strip().rstrip("%").strip()
        if not name or not value:
            raise ValueError(chunk)
        results[name] = value
    return results


# --- new contract / edit draft ----------------------------------------------------------------
class ContractFormDialog(FormDialog):
    """A new DRAFT contract (customer found by search), or the terms of a draft edited."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        products: Sequence[ProductDTO],
        templates: Sequence[TermsTemplate],
        contract: ContractDTO | None = None,
        customer_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        zh = current_language().startswith("zh")
        product_choices = [(p.id, f"{p.code} · {p.name_zh if zh else p.name_en}") for p in products]
        keep = self.tr("(keep the current terms)") if contract else self.tr("(none: unit price)")
        template_choices: list[tuple[Any, str]] = [(None, keep)] + [
            (t.code, t.name_zh if zh else t.name_en) for t in templates
        ]
        fields = [
            Field("customer_id", self.tr("Customer"), "choice", choices=[], required=True),
            Field("product_id", self.tr("Product"), "choice", choices=product_choices,
                  required=True),
            Field("contract_no", self.tr("Contract no."),
                  placeholder=self.tr("empty: numbered automatically")),
            Field("contract_type", self.tr("Type"), "choice", enum=ContractType, required=True),
            Field("start_date", self.tr("Start"), "date", required=True),
            Field("end_date", self.tr("End"), "date", required=True),
            Field("quantity", self.tr("Quantity"), "decimal", required=True),
            Field("quantity_unit", self.tr("Unit"), "choice", enum=QuantityUnit,
                  optional_choice=True),
            Field("tolerance_pct", self.tr("Tolerance ± %"), "decimal", required=True),
            Field("tolerance_option", self.tr("Tolerance option"), "choice",
                  enum=ToleranceOption),
            Field("incoterm", self.tr("Incoterm"), "choice", enum=Incoterm),
            Field("port", self.tr("Port / place")),
            Field("currency", self.tr("Currency"), "choice", enum=Currency),
            Field("fx_rate", self.tr("FX rate (CNY per unit)"), "decimal"),
            Field("terms_template", self.tr("Price terms"), "choice", choices=template_choices),
            Field("pricing_method", self.tr("Pricing method"), "choice", enum=PricingMethod),
            Field("unit_price", self.tr("Unit price"), "decimal", required=True),
            Field("vat_rate", self.tr("VAT %"), "decimal"),
            Field("vat_included", self.tr("Price includes VAT"), "bool"),
            Field("payment_method", self.tr("Payment"), "choice", enum=PaymentMethod),
            Field("provisional_pct", self.tr("Provisional invoice %"), "decimal"),
            Field("credit_days", self.tr("Credit days"),
                  placeholder=self.tr("empty: from the customer's credit profile")),
            Field("notes", self.tr("Notes"), "multiline"),
        ]  # fmt: skip
        by_code = {t.code: t for t in templates}
        contract_id = contract.id if contract else None

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            code = values.pop("terms_template", None)
            if code:
                template = by_code[code]
                values["price_terms"] = template.terms
                values["pricing_method"] = template.pricing_method
            if contract_id is None:
                return contracts.create(session, actor, values)
            values.pop("customer_id", None)
            return contracts.update(session, actor, contract_id, values)

        today = dt.date.today()
        if contract is None:
            initial: dict[str, Any] = {
                "contract_type": ContractType.SPOT,
                "start_date": today,
                "end_date": today + DEFAULT_PERIOD,
                "tolerance_pct": Decimal(10),
                "tolerance_option": ToleranceOption.SELLER,
                "incoterm": Incoterm.DELIVERED,
                "currency": Currency.CNY,
                "fx_rate": Decimal(1),
                "pricing_method": PricingMethod.FIXED,
                "vat_rate": Decimal(13),
                "vat_included": True,
                "payment_method": PaymentMethod.TT,
                "provisional_pct": Decimal(100),
            }
            title = self.tr("New contract")
        else:
            initial = {
                name: getattr(contract, name)
                for name in (
                    "product_id", "contract_no", "contract_type", "start_date", "end_date",
                    "quantity", "quantity_unit", "tolerance_pct", "tolerance_option", "incoterm",
                    "port", "currency", "fx_rate", "pricing_method", "unit_price", "vat_rate",
                    "vat_included", "payment_method", "provisional_pct", "credit_days", "notes",
                )
            }  # fmt: skip
            title = self.tr("Edit draft contract %1").replace("%1", contract.contract_no)
        super().__init__(
            tasks, title, fields, save, writes=("contracts",), values=initial, parent=parent
        )
        self.setObjectName("contract_form_dialog")
        self.setMinimumWidth(600)
        self.resize(640, 760)
        self._search_generation = 0
        self.customer_combo = self._combo("customer_id")
        self.template_combo = self._combo("terms_template")
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self._templates = by_code
        layout = self.form.layout()
        assert isinstance(layout, QFormLayout)
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.matches = QLabel()
        self.matches.setObjectName("customer_matches")
        if contract is None:
            self.search.setPlaceholderText(
                self.tr("Name, pinyin initials, code, USCC or phone — then pick below")
            )
            self.search.setClearButtonEnabled(True)
            layout.insertRow(0, self.tr("Find customer"), self.search)
            layout.insertRow(1, "", self.matches)
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(SEARCH_DELAY_MS)
            self._timer.timeout.connect(self.run_search)
            self.search.textChanged.connect(self._timer.start)
            self.search.setFocus()
        else:
            self.customer_combo.addItem(customer_text, contract.customer_id)
            self.customer_combo.setEnabled(False)
            self.search.hide()
            self.matches.hide()

    def _combo(self, name: str) -> QComboBox:
        widget = self.form.editors[name].widget
        assert isinstance(widget, QComboBox)
        return widget

    def _template_changed(self) -> None:
        """The pricing method follows the chosen terms (the service stores what they say)."""
        template = self._templates.get(self.template_combo.currentData())
        method = self._combo("pricing_method")
        if template is not None:
            method.setCurrentIndex(max(method.findData(template.pricing_method), 0))
        method.setEnabled(template is None)

    def run_search(self) -> None:
        query = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        request = PageRequest(limit=CUSTOMER_MATCHES)

        def found(page: Page[CustomerDTO]) -> None:
            if generation == self._search_generation:
                self._show_customers(page)

        self._tasks.run(
            lambda s: customers.search(s, query, request), found, label="contract customer search"
        )

    def _show_customers(self, page: Page[CustomerDTO]) -> None:
        combo = self.customer_combo
        combo.clear()
        for customer in page.items:
            combo.addItem(f"{customer.name_zh} ({customer.code})", customer.id)
        if page.total > len(page.items):
            text = self.tr("%1 found; the first %2 are listed — type more to narrow")
            text = text.replace("%1", str(page.total)).replace("%2", str(len(page.items)))
        elif page.total:
            text = self.tr("%1 found").replace("%1", str(page.total))
        else:
            text = self.tr("No customer matches")
        self.matches.setText(text)


# --- review and approval ----------------------------------------------------------------------
class ReviewDialog(FormDialog):
    """A department's decision in the current review round (a rejection needs a comment)."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        detail: ContractDetail,
        departments: Sequence[ReviewDepartment],
        parent: QWidget | None = None,
    ) -> None:
        contract_id = detail.contract.id
        fields = [
            Field("department", self.tr("Department"), "choice",
                  choices=[(d, d.label()) for d in departments], required=True),
            Field("decision", self.tr("Decision"), "choice",
                  choices=[(d, d.label()) for d in (ReviewDecision.APPROVED,
                                                     ReviewDecision.REJECTED)],
                  required=True),
            Field("comment", self.tr("Comment"), "multiline",
                  placeholder=self.tr("Required when rejecting: what must change")),
        ]  # fmt: skip

        def save(session: Any, values: dict[str, Any]) -> Any:
            return contracts.record_review(
                session,
                actor,
                contract_id,
                values["department"],
                values["decision"],
                values.get("comment"),
            )

        super().__init__(
            tasks,
            self.tr("Record review decision"),
            fields,
            save,
            writes=("contracts",),
            parent=parent,
        )
        self.setObjectName("review_dialog")
        _heading(self, contract_heading(detail))


class ApproveDialog(FormDialog):
    """The manager's approval, with the credit check the service will apply shown first.

    Over the limit (or with nothing to compare against) the override reason is required; it is
    kept on the contract and in its history."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        detail: ContractDetail,
        check: CreditCheckDTO,
        parent: QWidget | None = None,
    ) -> None:
        contract_id = detail.contract.id
        self.check = check
        fields = [
            Field("override_reason", self.tr("Override reason"), "multiline",
                  required=check.needs_override,
                  placeholder=self.tr("Why approve although the credit check fails")),
            Field("note", self.tr("Note"), "multiline"),
        ]  # fmt: skip

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            return contracts.approve(
                session,
                actor,
                contract_id,
                values.get("override_reason"),
                note=values.get("note"),
            )

        super().__init__(
            tasks, self.tr("Approve contract"), fields, save, writes=("contracts",), parent=parent
        )
        self.setObjectName("approve_dialog")
        self.setMinimumWidth(560)
        self.credit_label = _heading(self, self.credit_text(check), "credit_check")
        self.credit_label.setStyleSheet(
            "color: #b00020; font-weight: bold;" if check.needs_override else "color: #1e6b34;"
        )
        _heading(self, contract_heading(detail))
        if not check.needs_override:
            self.form.editors["override_reason"].widget.setEnabled(False)

    def credit_text(self, check: CreditCheckDTO) -> str:
        if not check.has_profile:
            return self.tr(
                "Credit check: the customer has no credit profile. Approving needs an override "
                "reason."
            )
        if check.exposure is None:
            return self.tr("Credit check: %1 Approving needs an override reason.").replace(
                "%1", check.problem or ""
            )
        e = check.exposure
        cur = e.currency.value
        lines = [
            self.tr("Credit check (%1)").replace("%1", cur),
            self.tr("Open receivables %1 + open contracts %2 + this contract %3")
            .replace("%1", fmt.money(e.open_receivables))
            .replace("%2", fmt.money(e.open_contracts))
            .replace("%3", fmt.money(e.this_contract)),
            self.tr("Exposure %1 against a credit limit of %2")
            .replace("%1", fmt.money(e.total))
            .replace("%2", fmt.money(check.credit_limit)),
        ]
        if check.over_by > 0:
            lines.append(
                self.tr("Over the limit by %1 %2: approving needs an override reason.")
                .replace("%1", fmt.money(check.over_by))
                .replace("%2", cur)
            )
        else:
            lines.append(self.tr("Within the limit."))
        return "\n".join(lines)

    def submit(self) -> None:
        """An overrun without a reason is answered here, next to the field, before any write."""
        if self.check.needs_override and not self.form.values().get("override_reason"):
            self.form.show_errors(
                {"override_reason": self.tr("Required: say why the credit check is overridden.")}
            )
            return
        super().submit()


class SignDialog(FormDialog):
    def __init__(
        self, tasks: TaskManager, actor: Actor, detail: ContractDetail, parent: QWidget | None
    ) -> None:
        contract_id = detail.contract.id
        fields = [
            Field("signed_on", self.tr("Signed on"), "date", required=True),
            Field("note", self.tr("Note"), "multiline"),
        ]

        required = self.tr("Required.")

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            signed_on = values.get("signed_on")
            if signed_on is None:
                raise ValidationError({"signed_on": required})
            return contracts.sign(session, actor, contract_id, signed_on, values.get("note"))

        super().__init__(
            tasks, self.tr("Sign contract"), fields, save, writes=("contracts",), parent=parent
        )
        self.setObjectName("sign_dialog")
        _heading(self, contract_heading(detail))
        widget = self.form.editors["signed_on"].widget
        assert isinstance(widget, QDateEdit)
        widget.setMaximumDate(QDate.currentDate())


class CompleteDialog(FormDialog):
    """Completion; closing short of the minimum quantity needs a reason (kept in history)."""

    def __init__(
        self, tasks: TaskManager, actor: Actor, detail: ContractDetail, parent: QWidget | None
    ) -> None:
        contract_id = detail.contract.id
        short = detail.balance.short_of_minimum
        fields = [
            Field("force_reason", self.tr("Reason to close short"), "multiline",
                  required=short > 0,
                  placeholder=self.tr("Only needed when less than the minimum was shipped")),
        ]  # fmt: skip

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            return contracts.complete(
                session, actor, contract_id, force_reason=values.get("force_reason")
            )

        super().__init__(
            tasks, self.tr("Complete contract"), fields, save, writes=("contracts",), parent=parent
        )
        self.setObjectName("complete_dialog")
        _heading(self, balance_text(detail), "balance_heading")
        _heading(self, contract_heading(detail))


class TerminateDialog(FormDialog):
    def __init__(
        self, tasks: TaskManager, actor: Actor, detail: ContractDetail, parent: QWidget | None
    ) -> None:
        contract_id = detail.contract.id
        fields = [Field("reason", self.tr("Reason"), "multiline", required=True)]

        def save(session: Any, values: dict[str, Any]) -> ContractDTO:
            return contracts.terminate(session, actor, contract_id, values.get("reason") or "")

        super().__init__(
            tasks, self.tr("Terminate contract"), fields, save, writes=("contracts",), parent=parent
        )
        self.setObjectName("terminate_dialog")
        _heading(self, contract_heading(detail))


# --- lots, invoices, payments -----------------------------------------------------------------
def _remap(errors: Mapping[str, str], names: Mapping[str, str], default: str) -> dict[str, str]:
    """Service field names → this form's field names (a weight certificate's ``wet_tonnes`` is
    the lot's quantity here; an assay's ``results.Fe`` is the assay line)."""
    out: dict[str, str] = {}
    for key, message in errors.items():
        target = names.get(key) or (default if key.startswith("results") else key)
        out[target] = f"{out[target]} {message}" if target in out else message
    return out


class ShipmentDialog(FormDialog):
    """A lot drawn against the contract, optionally with its load-port weight certificate
    (moisture) and the seller's assay, all in one transaction."""

    def __init__(
        self, tasks: TaskManager, actor: Actor, detail: ContractDetail, parent: QWidget | None
    ) -> None:
        contract_id = detail.contract.id
        unit = detail.balance.unit.label()
        fields = [
            Field("lot_no", self.tr("Lot no."), placeholder=self.tr("empty: next in sequence")),
            Field("quantity_wmt", self.tr("Quantity (%1)").replace("%1", unit), "decimal",
                  required=True),
            Field("transport_mode", self.tr("Transport"), "choice", enum=TransportMode),
            Field("vessel_or_vehicle", self.tr("Vessel / vehicle")),
            Field("load_port", self.tr("Load port")),
            Field("discharge_port", self.tr("Discharge port")),
            Field("bl_date", self.tr("B/L date"), "date"),
            Field("status", self.tr("Status"), "choice", enum=ShipmentStatus),
            Field("moisture_pct", self.tr("Moisture H₂O %"), "decimal",
                  placeholder=self.tr("optional: records the load-port weight certificate")),
            Field("assay", self.tr("Assay"),
                  placeholder=self.tr("optional, e.g. Fe=61.5, SiO2=4.2, Al2O3=2.3")),
            Field("notes", self.tr("Notes"), "multiline"),
        ]  # fmt: skip
        unreadable = self.tr("Cannot read “%1”: write analyte=value, separated by commas.")

        def save(session: Any, values: dict[str, Any]) -> Any:
            moisture = values.pop("moisture_pct", None)
            assay_text = values.pop("assay", None)
            try:
                results = parse_assay(assay_text)
            except ValueError as err:
                raise ValidationError({"assay": unreadable.replace("%1", str(err))}) from err
            lot = shipments.add_shipment(session, actor, contract_id, values)
            day = lot.bl_date or dt.date.today()
            try:
                if moisture is not None:
                    weight_certificates.create(
                        session,
                        actor,
                        {
                            "shipment_id": lot.id,
                            "party": CertificateParty.LOAD_PORT,
                            "issued_on": day,
                            "wet_tonnes": lot.quantity_wmt,
                            "moisture_pct": moisture,
                        },
                    )
                if results:
                    assays.add_assay(
                        session,
                        actor,
                        {"shipment_id": lot.id, "party": AssayParty.SELLER, "assayed_on": day},
                        results,
                    )
            except ValidationError as err:
                raise ValidationError(
                    _remap(err.errors, {"wet_tonnes": "quantity_wmt"}, "assay")
                ) from err
            return lot

        super().__init__(
            tasks,
            self.tr("Add shipment (lot)"),
            fields,
            save,
            writes=("contracts", "shipments"),
            values={"transport_mode": TransportMode.VESSEL, "status": ShipmentStatus.PLANNED},
            parent=parent,
        )
        self.setObjectName("shipment_dialog")
        self.setMinimumWidth(560)
        self.balance_label = _heading(self, balance_text(detail), "balance_heading")
        _heading(self, contract_heading(detail))


class InvoiceDialog(FormDialog):
    """Provisional, final, debit or credit note; VAT, total and due date come from the contract."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        detail: ContractDetail,
        lots: Sequence[tuple[str, str]],
        parent: QWidget | None,
    ) -> None:
        contract_id = detail.contract.id
        c = detail.contract
        vat = self.tr("incl. VAT") if c.vat_included else self.tr("excl. VAT")
        fields = [
            Field("kind", self.tr("Kind"), "choice", enum=InvoiceKind, required=True),
            Field("shipment_id", self.tr("Lot"), "choice", choices=list(lots),
                  optional_choice=True),
            Field("issued_on", self.tr("Issued on"), "date", required=True),
            Field("quantity", self.tr("Quantity"), "decimal"),
            Field("unit_price", self.tr("Unit price (%1)").replace("%1", vat), "decimal"),
            Field("amount_net", self.tr("Net amount (excl. VAT)"), "decimal",
                  placeholder=self.tr("or give quantity and unit price")),
            Field("notes", self.tr("Notes"), "multiline"),
        ]  # fmt: skip

        def save(session: Any, values: dict[str, Any]) -> Any:
            return invoices.create(session, actor, {**values, "contract_id": contract_id})

        super().__init__(
            tasks,
            self.tr("Add invoice"),
            fields,
            save,
            writes=("contracts", "invoices"),
            values={
                "kind": InvoiceKind.PROVISIONAL,
                "unit_price": c.unit_price,
            },
            parent=parent,
        )
        self.setObjectName("invoice_dialog")
        terms = (
            self.tr("%1 · VAT %2 % · due %3 days after issue")
            .replace("%1", c.currency.value)
            .replace("%2", fmt.number(c.vat_rate))
            .replace("%3", str(c.credit_days))
        )
        _heading(self, terms, "invoice_terms")
        _heading(self, contract_heading(detail))


class PaymentDialog(FormDialog):
    """Money received against an open invoice, or on account of the contract."""

    def __init__(
        self, tasks: TaskManager, actor: Actor, detail: ContractDetail, parent: QWidget | None
    ) -> None:
        contract_id = detail.contract.id
        currency = detail.contract.currency.value
        open_invoices = [
            (
                i.id,
                self.tr("%1 · open %2")
                .replace("%1", i.invoice_no)
                .replace("%2", f"{fmt.money(i.open_amount)} {currency}"),
            )
            for i in detail.invoices
            if i.status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
            and i.kind is not InvoiceKind.CREDIT_NOTE
        ]
        fields = [
            Field("invoice_id", self.tr("Invoice"), "choice", choices=open_invoices,
                  optional_choice=True),
            Field("received_on", self.tr("Received on"), "date", required=True),
            Field("amount", self.tr("Amount (%1)").replace("%1", currency), "decimal",
                  required=True),
            Field("method", self.tr("Method"), "choice", enum=PaymentMethod),
            Field("reference", self.tr("Bank reference")),
        ]  # fmt: skip

        def save(session: Any, values: dict[str, Any]) -> Any:
            return payments.create(session, actor, {**values, "contract_id": contract_id})

        super().__init__(
            tasks,
            self.tr("Record payment"),
            fields,
            save,
            writes=("contracts", "payments"),
            values={"method": detail.contract.payment_method},
            parent=parent,
        )
        self.setObjectName("payment_dialog")
        combo = self.form.editors["invoice_id"].widget
        assert isinstance(combo, QComboBox)
        combo.setItemText(0, self.tr("(on account, no invoice)"))
        if open_invoices:
            combo.setCurrentIndex(1)
        _heading(self, contract_heading(detail))
