"""Read models for the contracts screen: list rows, one contract's whole picture, the credit check
shown before approving, and the choices the contract forms offer.

The list needs, per row, the customer's and product's names, the owner, and how much has been
shipped and remains — five tables. ``contracts.list`` speaks in ids and ``contract_balance`` is one
query per contract; a page of 200 rows would cost hundreds of queries. ``contract_rows`` does it in
one SQL statement: joins for the names and a correlated sum over the shipments index for the
shipped quantity, so only the rows of the page are summed (unless the user sorts by shipped or
remaining, which must look at every contract anyway). Filters and sorting run in SQL, so the list
stays fast on the 100 000-customer demo database.

The detail panel shows records owned by several services (reviews, history, lots with weights and
assays, invoices, payments). ``contract_detail`` reads them in one transaction — one worker round
trip, and sections that agree with each other.

Everything here reads; moves and edits stay with ``services.contracts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from minesales_desktop.db.types import Quantity
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract, Shipment
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    ContractStatus,
    Currency,
    InvoiceKind,
    InvoiceStatus,
    PricingMethod,
    QuantityUnit,
    Role,
)
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.catalog import ProductDTO, products
from minesales_desktop.services.contracts import (
    STATUS_PATH,
    AssayDTO,
    ContractBalanceDTO,
    ContractDTO,
    ExposureDTO,
    InvoiceDTO,
    PaymentDTO,
    ReviewDTO,
    ShipmentDTO,
    StatusChangeDTO,
    WeightCertificateDTO,
    assays,
    contract_balance,
    contracts,
    invoices,
    payments,
    shipments,
    weight_certificates,
)
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.people import users
from minesales_desktop.services.pricing import dump_terms, list_templates, load_template
from minesales_desktop.services.risk import MissingRate, credit_profiles

# Enough for a department; the owner filter and the product choice are combo boxes.
MAX_USERS = 500
MAX_PRODUCTS = 500
# A frame agreement has tens of lots; more than this is not read into the panel.
DETAIL_LIMIT = 500


# --- list rows --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContractRow:
    """One line of the contract list."""

    id: str
    contract_no: str
    customer_id: str
    customer_name: str
    customer_code: str
    product_name_zh: str
    product_name_en: str
    quantity: Decimal
    quantity_unit: QuantityUnit
    shipped: Decimal
    total_value: Decimal
    currency: Currency
    status: ContractStatus
    signed_on: dt.date | None
    end_date: dt.date
    owner_id: str | None
    owner_name: str

    @property
    def remaining(self) -> Decimal:
        """Still to ship to reach the contracted quantity (as ``ContractBalanceDTO.remaining``)."""
        return max(self.quantity - self.shipped, Decimal(0))


def _shipped_column() -> ColumnElement[Decimal]:
    """Σ live shipments of the outer query's contract (uses the index on contract_id)."""
    total = (
        select(func.coalesce(func.sum(Shipment.quantity_wmt), 0))
        .where(Shipment.contract_id == Contract.id, Shipment.is_deleted.is_(False))
        .correlate(Contract)
        .scalar_subquery()
    )
    return type_coerce(total, Quantity)


def _status_order() -> ColumnElement[int]:
    """Statuses sort along their life (draft first, terminated last), not alphabetically."""
    order = list(STATUS_PATH) + [ContractStatus.TERMINATED]
    return case({s: i for i, s in enumerate(order)}, value=Contract.status, else_=len(order))


def _filters(
    session: Session,
    *,
    status: ContractStatus | Sequence[ContractStatus] | None,
    query: str,
    owner_id: str | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Contract.is_deleted.is_(False)]
    if isinstance(status, ContractStatus):
        conditions.append(Contract.status == status)
    elif status is not None:
        conditions.append(Contract.status.in_(list(status)))
    if owner_id is not None:
        conditions.append(Contract.owner_id == owner_id)
    text = query.strip()
    if text:
        matching = customers.search_query(session, text).with_only_columns(Customer.id)
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(
            or_(
                Contract.customer_id.in_(matching),
                Contract.contract_no.like(f"%{escaped}%", escape="\\"),
            )
        )
    return conditions


#: What the list can be sorted by (the table's sort keys).
SORT_KEYS = (
    "contract_no",
    "customer",
    "product",
    "quantity",
    "shipped",
    "remaining",
    "total_value",
    "status",
    "signed_on",
    "owner",
    "created_at",
)


def contract_rows(
    session: Session,
    page: PageRequest | None = None,
    *,
    status: ContractStatus | Sequence[ContractStatus] | None = None,
    query: str = "",
    owner_id: str | None = None,
) -> Page[ContractRow]:
    """One page of the contract list. ``query`` matches the customer (any name form, code, USCC,
    phone — the customers tab's search) or the contract number; default order: newest first."""
    request = page or PageRequest(sort="created_at", descending=True)
    conditions = _filters(session, status=status, query=query, owner_id=owner_id)
    total = session.scalar(select(func.count()).select_from(Contract).where(*conditions))
    shipped = _shipped_column()
    remaining = case((Contract.quantity > shipped, Contract.quantity - shipped), else_=0)
    keys: dict[str, Any] = {
        "contract_no": Contract.contract_no,
        "customer": Customer.name_zh,
        "product": Product.code,
        "quantity": Contract.quantity,
        "shipped": shipped,
        "remaining": remaining,
        "total_value": Contract.total_value,
        "status": _status_order(),
        "signed_on": Contract.signed_on,
        "owner": User.full_name,
        "created_at": Contract.created_at,
    }
    sort = request.sort or "created_at"
    if sort not in keys:
        raise ValueError(f"cannot sort contracts by {sort}")
    key = keys[sort]
    stmt = (
        select(
            Contract.id,
            Contract.contract_no,
            Contract.customer_id,
            Customer.name_zh,
            Customer.code,
            Product.name_zh,
            Product.name_en,
            Contract.quantity,
            Contract.quantity_unit,
            shipped,
            Contract.total_value,
            Contract.currency,
            Contract.status,
            Contract.signed_on,
            Contract.end_date,
            Contract.owner_id,
            User.full_name,
        )
        .join(Customer, Customer.id == Contract.customer_id)
        .join(Product, Product.id == Contract.product_id)
        .outerjoin(User, User.id == Contract.owner_id)
        .where(*conditions)
        .order_by(key.desc() if request.descending else key.asc(), Contract.id)
        .offset(request.offset)
        .limit(request.limit)
    )
    items = [
        ContractRow(
            id=r[0],
            contract_no=r[1],
            customer_id=r[2],
            customer_name=r[3],
            customer_code=r[4],
            product_name_zh=r[5],
            product_name_en=r[6],
            quantity=r[7],
            quantity_unit=r[8],
            shipped=r[9],
            total_value=r[10],
            currency=r[11],
            status=r[12],
            signed_on=r[13],
            end_date=r[14],
            owner_id=r[15],
            owner_name=r[16] or "",
        )  # fmt: skip
        for r in session.execute(stmt)
    ]
    return Page(items=items, total=int(total or 0), offset=request.offset, limit=request.limit)


def status_counts(
    session: Session, *, query: str = "", owner_id: str | None = None
) -> dict[ContractStatus, int]:
    """Contracts per status under the same customer and owner filters (for the status chips)."""
    conditions = _filters(session, status=None, query=query, owner_id=owner_id)
    counts = {s: 0 for s in ContractStatus}
    grouped = session.execute(
        select(Contract.status, func.count()).where(*conditions).group_by(Contract.status)
    )
    for status, count in grouped:
        counts[status] = int(count)
    return counts


# --- one contract -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LotLine:
    """A shipment (lot) with its weight certificates and assays."""

    shipment: ShipmentDTO
    weights: list[WeightCertificateDTO]
    assays: list[AssayDTO]


@dataclass(frozen=True)
class ContractReceivables:
    """What the customer owes on this contract today (in the contract's currency)."""

    currency: Currency
    invoiced: Decimal
    paid: Decimal
    open: Decimal
    overdue: Decimal
    oldest_overdue_days: int


@dataclass(frozen=True)
class ContractDetail:
    contract: ContractDTO
    customer_name: str
    customer_code: str
    product_name_zh: str
    product_name_en: str
    owner_name: str
    approved_by_name: str
    balance: ContractBalanceDTO
    reviews: list[ReviewDTO]
    history: list[StatusChangeDTO]
    lots: list[LotLine]
    invoices: list[InvoiceDTO]
    payments: list[PaymentDTO]
    receivables: ContractReceivables
    #: whether the signed-in user may change this contract (the screen disables actions if not)
    may_modify: bool
    as_of: dt.date


def _name(session: Session, user_id: str | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.full_name if user is not None else ""


def _receivables(
    contract: ContractDTO,
    invoice_list: Sequence[InvoiceDTO],
    payment_list: Sequence[PaymentDTO],
    as_of: dt.date,
) -> ContractReceivables:
    """Open and overdue amounts of the contract's invoices; money on account lowers what is
    open (as in ``risk.receivables``) but no invoice's overdue amount."""
    live = [i for i in invoice_list if i.status is not InvoiceStatus.CANCELLED]
    invoiced = sum(
        (-i.amount_total if i.kind is InvoiceKind.CREDIT_NOTE else i.amount_total for i in live),
        Decimal(0),
    )
    paid = sum((p.amount for p in payment_list), Decimal(0))
    overdue_invoices = [i for i in live if i.open_amount > 0 and i.due_on < as_of]
    overdue = sum((i.open_amount for i in overdue_invoices), Decimal(0))
    oldest = max(((as_of - i.due_on).days for i in overdue_invoices), default=0)
    return ContractReceivables(
        currency=contract.currency,
        invoiced=invoiced,
        paid=paid,
        open=invoiced - paid,
        overdue=overdue,
        oldest_overdue_days=oldest,
    )


def contract_detail(
    session: Session, actor: Actor, contract_id: str, as_of: dt.date | None = None
) -> ContractDetail:
    """The detail panel of one contract, read in one transaction."""
    row = contracts.load(session, contract_id)
    contract = contracts.to_dto(session, row)
    customer = customers.get(session, contract.customer_id)
    product = products.get(session, contract.product_id)
    request = PageRequest(limit=DETAIL_LIMIT)
    lots: list[LotLine] = []
    for lot in shipments.list(session, request, contract_id=contract_id).items:
        weights = weight_certificates.list(session, request, shipment_id=lot.id).items
        lab = assays.list(session, request, shipment_id=lot.id).items
        lots.append(LotLine(shipment=lot, weights=list(weights), assays=list(lab)))
    invoice_list = invoices.list(session, request, contract_id=contract_id).items
    payment_list = payments.list(session, request, contract_id=contract_id).items
    today = as_of or dt.date.today()
    return ContractDetail(
        contract=contract,
        customer_name=customer.name_zh,
        customer_code=customer.code,
        product_name_zh=product.name_zh,
        product_name_en=product.name_en,
        owner_name=_name(session, contract.owner_id),
        approved_by_name=_name(session, contract.approved_by_id),
        balance=contract_balance(session, contract_id),
        reviews=contracts.reviews(session, contract_id),
        history=contracts.history(session, contract_id),
        lots=lots,
        invoices=list(invoice_list),
        payments=list(payment_list),
        receivables=_receivables(contract, invoice_list, payment_list, today),
        may_modify=contracts.can_modify(session, actor, row),
        as_of=today,
    )


# --- the credit check before approving --------------------------------------------------------
@dataclass(frozen=True)
class CreditCheckDTO:
    """What ``contracts.approve`` will compare, shown to the manager before they approve.

    ``problem`` is set when the limit cannot be compared (no credit profile, or no exchange rate
    known); approving then needs an override reason, exactly as when the limit is exceeded."""

    contract_id: str
    has_profile: bool
    currency: Currency | None
    credit_limit: Decimal | None
    exposure: ExposureDTO | None
    problem: str | None

    @property
    def over_by(self) -> Decimal:
        """How far the exposure exceeds the limit (0 when within it or not comparable)."""
        if self.exposure is None or self.credit_limit is None:
            return Decimal(0)
        return max(self.exposure.total - self.credit_limit, Decimal(0))

    @property
    def needs_override(self) -> bool:
        return self.problem is not None or self.over_by > 0


def credit_check(
    session: Session, contract_id: str, as_of: dt.date | None = None
) -> CreditCheckDTO:
    """Exposure (open AR + open contracts + this one) against the customer's credit limit."""
    contract = contracts.get(session, contract_id)
    profile = credit_profiles.for_customer(session, contract.customer_id)
    if profile is None:
        return CreditCheckDTO(contract_id, False, None, None, None, None)
    try:
        exposure = contracts.credit_check(session, contract_id, as_of)
    except MissingRate as err:
        return CreditCheckDTO(
            contract_id, True, profile.currency, profile.credit_limit, None, str(err)
        )
    return CreditCheckDTO(contract_id, True, profile.currency, profile.credit_limit, exposure, None)


# --- choices for the forms --------------------------------------------------------------------
@dataclass(frozen=True)
class OwnerChoice:
    id: str
    full_name: str


def owner_choices(session: Session) -> list[OwnerChoice]:
    """Who can own contracts: active reps and managers, by name (the manager's owner filter)."""
    page = users.list(
        session,
        PageRequest(limit=MAX_USERS, sort="full_name"),
        role=[Role.REP, Role.MANAGER],
        active=True,
    )
    return [OwnerChoice(u.id, u.full_name) for u in page.items]


def product_choices(session: Session) -> list[ProductDTO]:
    """Active products for the contract form, by code."""
    page = products.list(session, PageRequest(limit=MAX_PRODUCTS, sort="code"), active=True)
    return list(page.items)


#: The pricing method a contract gets from the price mode of its terms.
PRICE_MODE_METHODS: dict[str, PricingMethod] = {
    "fixed": PricingMethod.FIXED,
    "index": PricingMethod.INDEX,
    "grade_pro_rata": PricingMethod.FE_PRO_RATA,
    "value_in_use": PricingMethod.VALUE_IN_USE,
    "payable_metal": PricingMethod.PAYABLE_METAL,
    "metal_coefficient": PricingMethod.METAL_COEFFICIENT,
    "calorific_pro_rata": PricingMethod.CALORIFIC,
}


@dataclass(frozen=True)
class TermsTemplate:
    """A shipped price-terms template a new contract can start from (when not made from a quote).

    ``terms`` is the JSON the contract stores; ``pricing_method`` follows its price mode."""

    code: str
    name_zh: str
    name_en: str
    pricing_method: PricingMethod
    terms: dict[str, Any]


def terms_templates() -> list[TermsTemplate]:
    """The shipped templates, validated by the pricing engine (so a contract never stores terms
    it cannot price)."""
    result: list[TermsTemplate] = []
    for code in list_templates():
        terms = load_template(code)
        dumped = dump_terms(terms)
        mode = str(dumped.get("price", {}).get("mode", "fixed"))
        result.append(
            TermsTemplate(
                code=code,
                name_zh=terms.name.zh,
                name_en=terms.name.en,
                pricing_method=PRICE_MODE_METHODS.get(mode, PricingMethod.FIXED),
                terms=dumped,
            )
        )
    return result
