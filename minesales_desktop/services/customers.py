"""Customers, contacts, the activity timeline and follow-up plans.

Search: one box takes a Chinese or English name fragment, full pinyin, pinyin initials ("bg" finds
包钢), a code, a USCC or a contact's phone. Fragments of three or more characters go through the
FTS5 trigram index made in migration 0002; shorter ones scan the one narrow ``search_text``
column. Either way the database does the work and only one page of rows comes back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    String,
    bindparam,
    column,
    func,
    select,
    table,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from minesales_desktop.db.base import utcnow
from minesales_desktop.messages import translate
from minesales_desktop.models.contracts import Contract
from minesales_desktop.models.customers import Activity, Contact, Customer, FollowUpPlan
from minesales_desktop.models.enums import (
    ActivityKind,
    ActivityOutcome,
    ContractStatus,
    CustomerStatus,
    CustomerTier,
    CustomerType,
    DecisionRole,
    FollowUpStatus,
    TicketStatus,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.service import ServiceTicket
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import (
    D,
    EntityService,
    M,
    Page,
    PageRequest,
    can_modify_owned,
)
from minesales_desktop.services.errors import ValidationError
from minesales_desktop.services.validation import (
    check_date_order,
    check_email,
    check_phone,
    check_range,
    check_uscc,
)
from minesales_desktop.textsearch import customer_search_text, normalize_query

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-./]*$")


# --- customers --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CustomerDTO:
    id: str
    code: str
    name_zh: str
    name_en: str | None
    short_name: str | None
    uscc: str | None
    customer_type: CustomerType
    province: str | None
    city: str | None
    address: str | None
    port: str | None
    tier: CustomerTier
    status: CustomerStatus
    website: str | None
    notes: str | None
    owner_id: str | None
    owner_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


def _user_name(session: Session, user_id: str | None) -> str:
    if user_id is None:
        return ""
    user = session.get(User, user_id)
    return user.full_name if user is not None else ""


def _customer_phones(session: Session, customer_id: str) -> list[str]:
    """The phones of a customer's live contacts in contact-id order (UUIDv7: creation order).

    The order is part of ``search_text``: every laptop recomputes the search keys itself (they
    are local fields, never synced), so all must fold the phones in the same order.
    """
    phones: list[str] = []
    for phone, mobile in session.execute(
        select(Contact.phone, Contact.mobile)
        .where(Contact.customer_id == customer_id, Contact.is_deleted.is_(False))
        .order_by(Contact.id)
    ):
        phones.extend(p for p in (phone, mobile) if p)
    return phones


def refresh_search_keys(session: Session, customer: Customer) -> None:
    """Set a customer's search keys from its (unsaved) values and its contacts in the database.

    ``refresh_customer_search_keys`` is the same computation on a Core connection.
    """
    pinyin, initials, haystack = customer_search_text(
        code=customer.code,
        name_zh=customer.name_zh,
        name_en=customer.name_en,
        short_name=customer.short_name,
        uscc=customer.uscc,
        phones=_customer_phones(session, customer.id) if customer.id else [],
    )
    customer.name_pinyin = pinyin
    customer.name_initials = initials
    customer.search_text = haystack


#: The columns the search keys are computed from (besides the customer's own id): a change of
#: any of them must be followed by ``refresh_customer_search_keys`` of the customers concerned.
SEARCH_KEY_COLUMNS: dict[str, frozenset[str]] = {
    "customers": frozenset({"code", "name_zh", "name_en", "short_name", "uscc"}),
    "contacts": frozenset({"phone", "mobile", "is_deleted", "customer_id"}),
}

# A bare table clause, not ``Customer.__table__``: a Core UPDATE of the mapped table would also
# set ``updated_at`` (its ``onupdate``), and recomputing search keys must change nothing else.
_CUSTOMER_KEYS = table(
    "customers",
    column("id", String()),
    column("code", String()),
    column("name_zh", String()),
    column("name_en", String()),
    column("short_name", String()),
    column("uscc", String()),
    column("name_pinyin", String()),
    column("name_initials", String()),
    column("search_text", String()),
)
_CONTACT_PHONES = table(
    "contacts",
    column("id", String()),
    column("customer_id", String()),
    column("phone", String()),
    column("mobile", String()),
    column("is_deleted", Boolean()),
)
_CHUNK = 500


def refresh_customer_search_keys(conn: Connection, customer_ids: Iterable[str]) -> int:
    """Recompute the search keys of these customers from the database (Core, no ORM session);
    returns how many rows changed. Unknown ids are skipped.

    The sync client calls it after applying server data (the keys are local fields, see
    ``sync.tables.LOCAL_FIELDS``); it gives byte for byte what ``refresh_search_keys`` gives.
    Only rows whose keys differ are written (each write also updates the FTS index).
    """
    ids = sorted(set(customer_ids))
    c, k = _CUSTOMER_KEYS.c, _CONTACT_PHONES.c
    changed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        phones: dict[str, list[str]] = {}
        for customer_id, phone, mobile in conn.execute(
            select(k.customer_id, k.phone, k.mobile)
            .where(k.customer_id.in_(chunk), k.is_deleted.is_(False))
            .order_by(k.customer_id, k.id)
        ):
            phones.setdefault(customer_id, []).extend(p for p in (phone, mobile) if p)
        updates: list[dict[str, str]] = []
        for row in conn.execute(
            select(
                c.id,
                c.code,
                c.name_zh,
                c.name_en,
                c.short_name,
                c.uscc,
                c.name_pinyin,
                c.name_initials,
                c.search_text,
            ).where(c.id.in_(chunk))
        ):
            keys = customer_search_text(
                code=row.code,
                name_zh=row.name_zh,
                name_en=row.name_en,
                short_name=row.short_name,
                uscc=row.uscc,
                phones=phones.get(row.id, []),
            )
            if keys != (row.name_pinyin, row.name_initials, row.search_text):
                updates.append({"b_id": row.id, "p": keys[0], "i": keys[1], "s": keys[2]})
        if updates:
            conn.execute(
                update(_CUSTOMER_KEYS)
                .where(c.id == bindparam("b_id"))
                .values(
                    name_pinyin=bindparam("p"),
                    name_initials=bindparam("i"),
                    search_text=bindparam("s"),
                ),
                updates,
            )
            changed += len(updates)
    return changed


class CustomerService(EntityService[Customer, CustomerDTO]):
    model = Customer
    dto = CustomerDTO
    kind = "customers"
    editable = (
        "code",
        "name_zh",
        "name_en",
        "short_name",
        "uscc",
        "customer_type",
        "province",
        "city",
        "address",
        "port",
        "tier",
        "status",
        "website",
        "notes",
        "owner_id",
    )
    sortable = (
        "code",
        "name_zh",
        "name_pinyin",
        "customer_type",
        "province",
        "city",
        "tier",
        "status",
        "created_at",
        "updated_at",
    )
    default_sort = "code"
    filterable = ("customer_type", "province", "tier", "status", "owner_id")
    tracks_ownership = True

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"tier": CustomerTier.C, "status": CustomerStatus.PROSPECT}

    def check(
        self, session: Session, values: dict[str, Any], row: Customer | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        code = values.get("code")
        if code and not _CODE.match(code):
            errors["code"] = translate(
                "Validation", "Letters, digits and - _ . / only, starting with a letter or digit."
            )
        uscc = values.get("uscc")
        if uscc:
            values["uscc"] = uscc.upper()
            message = check_uscc(uscc)
            if message:
                errors["uscc"] = message
        if values.get("code"):
            values["code"] = values["code"].upper()
        return errors

    def _coerce(self, values: Any, errors: dict[str, str], *, creating: bool) -> dict[str, Any]:
        clean = super()._coerce(values, errors, creating=creating)
        # Codes and USCCs are compared upper-case, so the uniqueness check sees what is stored.
        for name in ("code", "uscc"):
            if isinstance(clean.get(name), str):
                clean[name] = clean[name].upper()
        return clean

    def before_save(self, session: Session, row: Customer, actor: Actor) -> None:
        refresh_search_keys(session, row)

    def delete_blockers(self, session: Session, row: Customer) -> list[str]:
        reasons: list[str] = []
        open_contracts = session.scalar(
            select(func.count()).where(
                Contract.customer_id == row.id,
                Contract.is_deleted.is_(False),
                Contract.status.not_in([ContractStatus.COMPLETED, ContractStatus.TERMINATED]),
            )
        )
        if open_contracts:
            reasons.append(
                translate("Customers", "The customer has {n} open contract(s).").format(
                    n=open_contracts
                )
            )
        open_tickets = session.scalar(
            select(func.count()).where(
                ServiceTicket.customer_id == row.id,
                ServiceTicket.is_deleted.is_(False),
                ServiceTicket.status != TicketStatus.CLOSED,
            )
        )
        if open_tickets:
            reasons.append(
                translate("Customers", "The customer has {n} open service ticket(s).").format(
                    n=open_tickets
                )
            )
        return reasons

    def to_dto(self, session: Session, row: Customer) -> CustomerDTO:
        return CustomerDTO(
            id=row.id,
            code=row.code,
            name_zh=row.name_zh,
            name_en=row.name_en,
            short_name=row.short_name,
            uscc=row.uscc,
            customer_type=row.customer_type,
            province=row.province,
            city=row.city,
            address=row.address,
            port=row.port,
            tier=row.tier,
            status=row.status,
            website=row.website,
            notes=row.notes,
            owner_id=row.owner_id,
            owner_name=_user_name(session, row.owner_id),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def search_query(self, session: Session, query: str, **filters: Any) -> Select[Any]:
        stmt = self.query(session, **filters)
        q = normalize_query(query)
        if not q:
            return stmt
        if len(q) >= 3 and session.get_bind().dialect.name == "sqlite":
            phrase = '"' + q.replace('"', '""') + '"'
            return stmt.where(
                text(
                    "customers.rowid IN (SELECT rowid FROM customer_search_fts"
                    " WHERE customer_search_fts MATCH :phrase)"
                ).bindparams(phrase=phrase)
            )
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return stmt.where(Customer.search_text.like(f"%{escaped}%", escape="\\"))

    def search(
        self, session: Session, query: str, page: PageRequest | None = None, **filters: Any
    ) -> Page[CustomerDTO]:
        """One page of customers matching ``query`` (any name form, code, USCC or phone)."""
        return self.page(
            session, self.search_query(session, query, **filters), page or PageRequest()
        )

    def search_ids(
        self, session: Session, query: str, page: PageRequest, **filters: Any
    ) -> tuple[list[str], int]:
        """Ids only (for lazy table models that fetch rows as they scroll into view)."""
        stmt = self.search_query(session, query, **filters)
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        sort = page.sort or self.default_sort
        if sort not in self.sortable:
            raise ValueError(f"cannot sort customers by {sort}")
        column = getattr(Customer, sort)
        ids_stmt = (
            stmt.with_only_columns(Customer.id)
            .order_by(column.desc() if page.descending else column.asc(), Customer.id)
            .offset(page.offset)
            .limit(page.limit)
        )
        return list(session.scalars(ids_stmt)), int(total or 0)


customers = CustomerService()


# --- contacts ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContactDTO:
    id: str
    customer_id: str
    name: str
    title: str | None
    department: str | None
    decision_role: DecisionRole | None
    phone: str | None
    mobile: str | None
    wechat: str | None
    email: str | None
    is_primary: bool
    notes: str | None


def _customer_owner(session: Session, customer_id: str | None) -> str | None:
    if customer_id is None:
        return None
    customer = session.get(Customer, customer_id)
    return customer.owner_id if customer is not None else None


def _check_customer(session: Session, customer_id: Any) -> dict[str, str]:
    customer = session.get(Customer, customer_id) if customer_id else None
    if customer is None or customer.is_deleted:
        return {"customer_id": translate("Validation", "No such customer.")}
    return {}


class _CustomerChildService(EntityService[M, D]):
    """Records that belong to a customer: whoever may change the customer may change them."""

    def can_modify(self, session: Session, actor: Actor, row: M) -> bool:
        owner_id: str | None = getattr(row, "owner_id", None)
        customer_id: str | None = getattr(row, "customer_id", None)
        return can_modify_owned(session, actor, owner_id) or can_modify_owned(
            session, actor, _customer_owner(session, customer_id)
        )

    def check(self, session: Session, values: dict[str, Any], row: M | None) -> dict[str, str]:
        return _check_customer(session, values.get("customer_id"))


class ContactService(_CustomerChildService[Contact, ContactDTO]):
    model = Contact
    dto = ContactDTO
    kind = "contacts"
    editable = (
        "customer_id",
        "name",
        "title",
        "department",
        "decision_role",
        "phone",
        "mobile",
        "wechat",
        "email",
        "is_primary",
        "notes",
        "owner_id",
    )
    sortable = ("name", "created_at", "updated_at")
    default_sort = "name"
    filterable = ("customer_id", "owner_id")

    def check(
        self, session: Session, values: dict[str, Any], row: Contact | None
    ) -> dict[str, str]:
        errors = super().check(session, values, row)
        for field in ("phone", "mobile"):
            if values.get(field):
                message = check_phone(values[field])
                if message:
                    errors[field] = message
        if values.get("email"):
            message = check_email(values["email"])
            if message:
                errors["email"] = message
        if row is not None and values.get("customer_id") != row.customer_id:
            errors["customer_id"] = translate(
                "Validation", "A contact cannot be moved to another customer."
            )
        return errors

    def before_save(self, session: Session, row: Contact, actor: Actor) -> None:
        session.flush()  # the new phone must be visible to the customer's search keys
        customer = session.get(Customer, row.customer_id)
        if customer is not None:
            refresh_search_keys(session, customer)

    def delete(self, session: Session, actor: Actor, entity_id: str) -> None:
        super().delete(session, actor, entity_id)
        row = self.load_any(session, entity_id)
        customer = session.get(Customer, row.customer_id)
        if customer is not None:
            refresh_search_keys(session, customer)
            session.flush()

    def load_any(self, session: Session, entity_id: str) -> Contact:
        row = session.get(Contact, entity_id)
        assert row is not None
        return row


contacts = ContactService()


# --- activities -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActivityDTO:
    id: str
    customer_id: str
    contact_id: str | None
    opportunity_id: str | None
    kind: ActivityKind
    occurred_at: dt.datetime
    subject: str
    notes: str | None
    outcome: ActivityOutcome | None
    next_action: str | None
    next_action_date: dt.date | None
    latitude: Decimal | None
    longitude: Decimal | None
    owner_id: str | None


class ActivityService(_CustomerChildService[Activity, ActivityDTO]):
    """The timeline. Logging an activity can close a follow-up and schedule the next one."""

    model = Activity
    dto = ActivityDTO
    kind = "activities"
    editable = (
        "customer_id",
        "contact_id",
        "opportunity_id",
        "kind",
        "occurred_at",
        "subject",
        "notes",
        "outcome",
        "next_action",
        "next_action_date",
        "latitude",
        "longitude",
        "owner_id",
    )
    sortable = ("occurred_at", "created_at")
    default_sort = "occurred_at"
    filterable = ("customer_id", "owner_id", "kind", "opportunity_id")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"occurred_at": utcnow()}

    def check(
        self, session: Session, values: dict[str, Any], row: Activity | None
    ) -> dict[str, str]:
        errors = super().check(session, values, row)
        contact_id = values.get("contact_id")
        if contact_id:
            contact = session.get(Contact, contact_id)
            if contact is None or contact.customer_id != values.get("customer_id"):
                errors["contact_id"] = translate(
                    "Validation", "The contact does not belong to this customer."
                )
        occurred = values.get("occurred_at")
        next_date = values.get("next_action_date")
        if occurred and next_date and next_date < occurred.date():
            errors["next_action_date"] = translate(
                "Validation", "The next action cannot be before the activity."
            )
        if next_date and not values.get("next_action"):
            errors["next_action"] = translate("Validation", "Say what the next action is.")
        lat, lon = values.get("latitude"), values.get("longitude")
        if (lat is None) != (lon is None):
            errors["latitude"] = translate("Validation", "Give both latitude and longitude.")
        lat_error = check_range(lat, -90, 90) if lat is not None else None
        lon_error = check_range(lon, -180, 180) if lon is not None else None
        if lat_error:
            errors["latitude"] = lat_error
        if lon_error:
            errors["longitude"] = lon_error
        return errors

    def log(
        self,
        session: Session,
        actor: Actor,
        values: dict[str, Any],
        *,
        complete_plan_id: str | None = None,
    ) -> ActivityDTO:
        """Record an activity; optionally mark a follow-up plan done by it; if it names a next
        action with a date, that becomes the customer's new follow-up plan."""
        dto = self.create(session, actor, values)
        if complete_plan_id:
            follow_ups.complete(session, actor, complete_plan_id, activity_id=dto.id)
        if dto.next_action and dto.next_action_date:
            follow_ups.create(
                session,
                actor,
                {
                    "customer_id": dto.customer_id,
                    "opportunity_id": dto.opportunity_id,
                    "action": dto.next_action,
                    "kind": dto.kind,
                    "due_date": dto.next_action_date,
                },
            )
        return dto


activities = ActivityService()


# --- follow-up plans --------------------------------------------------------------------------
@dataclass(frozen=True)
class FollowUpDTO:
    id: str
    customer_id: str
    opportunity_id: str | None
    action: str
    kind: ActivityKind
    due_date: dt.date
    status: FollowUpStatus
    done_at: dt.datetime | None
    done_activity_id: str | None
    owner_id: str | None


class FollowUpService(_CustomerChildService[FollowUpPlan, FollowUpDTO]):
    model = FollowUpPlan
    dto = FollowUpDTO
    kind = "follow_ups"
    editable = ("customer_id", "opportunity_id", "action", "kind", "due_date", "owner_id")
    sortable = ("due_date", "created_at")
    default_sort = "due_date"
    filterable = ("customer_id", "owner_id", "status")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"kind": ActivityKind.VISIT}

    def before_save(self, session: Session, row: FollowUpPlan, actor: Actor) -> None:
        if row.status is None:
            row.status = FollowUpStatus.OPEN

    def complete(
        self, session: Session, actor: Actor, plan_id: str, *, activity_id: str | None = None
    ) -> FollowUpDTO:
        row = self.load(session, plan_id)
        self._require_modify(session, actor, row)
        if row.status is not FollowUpStatus.OPEN:
            raise ValidationError(
                {"status": translate("FollowUps", "This follow-up is already closed.")}
            )
        row.status = FollowUpStatus.DONE
        row.done_at = utcnow()
        row.done_activity_id = activity_id
        session.flush()
        return self.to_dto(session, row)

    def cancel(self, session: Session, actor: Actor, plan_id: str) -> FollowUpDTO:
        row = self.load(session, plan_id)
        self._require_modify(session, actor, row)
        if row.status is not FollowUpStatus.OPEN:
            raise ValidationError(
                {"status": translate("FollowUps", "This follow-up is already closed.")}
            )
        row.status = FollowUpStatus.CANCELLED
        session.flush()
        return self.to_dto(session, row)

    def due(
        self, session: Session, owner_id: str | None, on: dt.date, page: PageRequest | None = None
    ) -> Page[FollowUpDTO]:
        """Open plans due on or before ``on`` (overdue first) — the start-up reminder."""
        stmt = self.query(session, owner_id=owner_id, status=FollowUpStatus.OPEN).where(
            FollowUpPlan.due_date <= on
        )
        return self.page(session, stmt, page or PageRequest(sort="due_date", limit=200))

    def week(self, session: Session, owner_id: str, monday: dt.date) -> list[FollowUpDTO]:
        """The rep's plans from Monday to Sunday of one week, by due date."""
        message = check_date_order(monday, monday + dt.timedelta(days=6))
        assert message is None
        rows = session.scalars(
            self.query(session, owner_id=owner_id)
            .where(FollowUpPlan.due_date.between(monday, monday + dt.timedelta(days=6)))
            .order_by(FollowUpPlan.due_date, FollowUpPlan.id)
        ).all()
        return [self.to_dto(session, r) for r in rows]


follow_ups = FollowUpService()
