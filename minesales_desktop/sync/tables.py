"""What sync knows about the schema: which tables travel, how each one is scoped, how values look.

Wire values are the values *as SQLite stores them* (the laptop's triggers capture exactly that):
integers (money and quantities are ScaledDecimal, i.e. scaled integers — exact, never floats),
text (enum codes, JSON documents as text), ``YYYY-MM-DD`` dates, ``YYYY-MM-DD HH:MM:SS.ffffff`` UTC
datetimes and 0/1 booleans. The laptop writes them back verbatim; the server (SQLite or
PostgreSQL) converts them to and from its column types with ``decode``/``encode`` below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    column,
    table,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine

import minesales_desktop.models  # noqa: F401 - registers every table
from minesales_desktop.db.base import Base
from minesales_desktop.db.types import ExactJSON, ScaledDecimal, UTCDateTime

SYNC_MIXIN_COLUMNS = frozenset({"id", "created_at", "updated_at", "is_deleted", "owner_id"})

#: Records that are only ever added (history, timeline, money received): they never conflict.
APPEND_ONLY = frozenset(
    {
        "activities",
        "payments",
        "stage_changes",
        "ownership_changes",
        "contract_status_changes",
        "ticket_status_changes",
    }
)

#: Local fields: columns *derived* on each laptop from other data, never synced. The customer
#: search keys are a function of the customer's names, code and USCC and of its contacts' phones
#: (``services.customers.refresh_customer_search_keys``); they were ≈ 30 % of the bytes of a push
#: of new customers. They are never captured (the triggers leave them out), never sent, never
#: accepted from the wire (``TableCodec.columns`` leaves them out, ``decode_row`` drops them); a
#: laptop recomputes them whenever it applies server data that changes their inputs
#: (``sync.changes.refreshing_local_fields``). Every laptop computes the same function from the
#: same rows, so replicas still agree. The server stores them as "" (it never searches).
LOCAL_FIELDS: dict[str, frozenset[str]] = {
    "customers": frozenset({"name_pinyin", "name_initials", "search_text"}),
}

#: Fields that follow other fields (timestamps): last writer wins, no inbox entry. ``created_at``
#: differs only when two laptops made the same keyed row (``ids.keyed_id``): which laptop's
#: creation time stays is no question for a person. The local fields stay listed: log entries
#: written before they became local (migration 0005) still carry them, and such an entry must
#: not count as a concurrent edit of the row.
SILENT_FIELDS = frozenset({"updated_at", "created_at"}).union(*LOCAL_FIELDS.values())

#: Fields only their owner (and an administrator) may read or write.
PRIVATE_FIELDS = frozenset({("users", "password_hash")})

#: Tables only an administrator may change; a user may change a few fields of their own row.
ADMIN_TABLES = frozenset({"users", "teams"})
SELF_SERVICE_USER_FIELDS = frozenset(
    {"password_hash", "phone", "email", "full_name_en", "updated_at"}
)
#: Company-wide reference data only managers (and admins) change.
MANAGER_TABLES = frozenset(
    {
        "kpi_definitions",
        "kpi_targets",
        "products",
        "quality_specs",
        "price_indices",
        "index_quotes",  # the prices contracts are settled on
        "credit_profiles",  # credit limits, checked when a contract is approved
    }
)

#: How a row reaches the customer whose owner decides who may see it: (fk column, parent table)
#: hops ending at ``customers``. A NULL link means a shared, company-wide record.
CUSTOMER_PATHS: dict[str, tuple[tuple[str, str], ...]] = {
    "customers": (),
    "contacts": (("customer_id", "customers"),),
    "activities": (("customer_id", "customers"),),
    "follow_up_plans": (("customer_id", "customers"),),
    "opportunities": (("customer_id", "customers"),),
    "contracts": (("customer_id", "customers"),),
    "credit_profiles": (("customer_id", "customers"),),
    "invoices": (("customer_id", "customers"),),
    "payments": (("customer_id", "customers"),),
    "service_tickets": (("customer_id", "customers"),),
    "return_visits": (("customer_id", "customers"),),
    "risk_records": (("customer_id", "customers"),),
    "quotes": (("opportunity_id", "opportunities"), ("customer_id", "customers")),
    "stage_changes": (("opportunity_id", "opportunities"), ("customer_id", "customers")),
    "contract_reviews": (("contract_id", "contracts"), ("customer_id", "customers")),
    "contract_status_changes": (("contract_id", "contracts"), ("customer_id", "customers")),
    "shipments": (("contract_id", "contracts"), ("customer_id", "customers")),
    "weight_certificates": (
        ("shipment_id", "shipments"),
        ("contract_id", "contracts"),
        ("customer_id", "customers"),
    ),
    "assays": (
        ("shipment_id", "shipments"),
        ("contract_id", "contracts"),
        ("customer_id", "customers"),
    ),
    "assay_results": (
        ("assay_id", "assays"),
        ("shipment_id", "shipments"),
        ("contract_id", "contracts"),
        ("customer_id", "customers"),
    ),
    "ticket_status_changes": (("ticket_id", "service_tickets"), ("customer_id", "customers")),
}

#: Personal records: visible to the person, their team's manager and admins.
USER_PATHS: dict[str, tuple[tuple[str, str], ...]] = {
    "kpi_targets": (("user_id", "users"),),
    "appraisals": (("user_id", "users"),),
    "appraisal_lines": (("appraisal_id", "appraisals"), ("user_id", "users")),
}

INSERT_FIELD = "*"
REVOKE_FIELD = "~revoke"
SCOPE_NODE = "~scope"  # node id of the entries the server writes when scopes change
SERVER_NODE = "server"  # node id of changes made on the server itself (server-user, adopt)


def is_synced_table(tbl: Table) -> bool:
    return SYNC_MIXIN_COLUMNS <= set(tbl.columns.keys()) and not tbl.name.startswith("sync_")


@cache
def synced_tables() -> dict[str, Table]:
    """Every synced table by name, parents before children (foreign-key order)."""
    return {t.name: t for t in Base.metadata.sorted_tables if is_synced_table(t)}


def root_kind(tbl: str) -> str:
    """``customer``, ``user`` or ``global``: what decides who may see a row of ``tbl``."""
    if tbl in CUSTOMER_PATHS:
        return "customer"
    if tbl in USER_PATHS:
        return "user"
    return "global"


def root_path(tbl: str) -> tuple[tuple[str, str], ...]:
    return CUSTOMER_PATHS.get(tbl) or USER_PATHS.get(tbl) or ()


# --- values -----------------------------------------------------------------------------------
SQLITE_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class ColumnCodec:
    """Converts one column between the wire (SQLite storage) form and a DB-neutral Python value.

    ``storage_type`` is the plain SQLAlchemy type underneath any TypeDecorator, so the server
    reads and writes exactly what is stored (scaled integers, UTC-naive datetimes, codes).
    """

    name: str
    kind: str  # int | str | bool | date | datetime
    storage_type: TypeEngine[Any]
    nullable: bool

    def decode(self, value: Any) -> Any:
        """Wire value → Python value for the storage type (raises ValueError if malformed)."""
        if value is None:
            return None
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.name}: expected an integer")
            return value
        if self.kind == "str":
            if not isinstance(value, str):
                raise ValueError(f"{self.name}: expected text")
            return value
        if self.kind == "bool":
            if value in (0, 1, True, False):
                return bool(value)
            raise ValueError(f"{self.name}: expected 0 or 1")
        if not isinstance(value, str):
            raise ValueError(f"{self.name}: expected an ISO date")
        try:
            if self.kind == "date":
                return dt.date.fromisoformat(value[:10])
            parsed = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{self.name}: {exc} ({value!r})") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
        return parsed

    def encode(self, value: Any) -> Any:
        """Python value from the storage type → wire value (what SQLite would store)."""
        if value is None:
            return None
        if self.kind == "bool":
            return 1 if value else 0
        if self.kind == "int":
            return int(value)
        if self.kind == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if self.kind == "datetime":
            if isinstance(value, dt.datetime):
                if value.tzinfo is not None:
                    value = value.astimezone(dt.UTC).replace(tzinfo=None)
                return value.strftime(SQLITE_DATETIME_FORMAT)
            return str(value)
        return str(value)


def _codec_for(col: Column[Any]) -> ColumnCodec:
    t = col.type
    kind: str
    storage: TypeEngine[Any]
    if isinstance(t, ScaledDecimal):
        kind, storage = "int", BigInteger()
    elif isinstance(t, UTCDateTime | DateTime):
        kind, storage = "datetime", DateTime()
    elif isinstance(t, Date):
        kind, storage = "date", Date()
    elif isinstance(t, Boolean):
        kind, storage = "bool", Boolean()
    elif isinstance(t, ExactJSON):
        kind, storage = "str", Text()
    elif isinstance(t, SAEnum):
        kind, storage = "str", String()
    elif isinstance(t, Integer):
        kind, storage = "int", BigInteger()
    elif isinstance(t, String | Text):
        kind, storage = "str", Text()
    else:  # pragma: no cover - a new column type must be taught to sync
        raise TypeError(f"sync does not know how to carry {col.table}.{col.name}: {t!r}")
    return ColumnCodec(col.name, kind, storage, bool(col.nullable))


@dataclass(frozen=True)
class TableCodec:
    name: str
    columns: dict[str, ColumnCodec]  # every synced column: all but ``id`` and the local fields
    storage: TableClause  # the table with plain storage types (local fields too), for Core
    local: dict[str, Any]  # local field → what a raw INSERT puts there (recomputed later)

    def decode_row(self, values: dict[str, Any]) -> dict[str, Any]:
        """Wire row → storage values. Local fields (an older peer may send them) are dropped;
        any other unknown field raises ValueError."""
        out: dict[str, Any] = {}
        for key, value in values.items():
            codec = self.columns.get(key)
            if codec is None:
                if key in self.local:
                    continue
                raise ValueError(f"{self.name} has no field {key}")
            out[key] = codec.decode(value)
        return out

    def with_local(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` plus the fill value of every local field it lacks, for a raw INSERT (the
        local columns are NOT NULL with only a Python-side default)."""
        if not self.local:
            return values
        return {**values, **{k: v for k, v in self.local.items() if k not in values}}

    def encode_row(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: self.columns[k].encode(v) for k, v in values.items() if k in self.columns}


@cache
def codec(tbl: str) -> TableCodec:
    sa_table = synced_tables()[tbl]
    local_names = LOCAL_FIELDS.get(tbl, frozenset())
    every = {c.name: _codec_for(c) for c in sa_table.columns if c.name != "id"}
    if not local_names <= every.keys():  # pragma: no cover - a renamed column
        raise TypeError(f"{tbl} has no column {sorted(local_names - every.keys())}")
    storage = table(
        tbl,
        column("id", String()),
        *[column(name, c.storage_type) for name, c in every.items()],
    )
    columns = {name: c for name, c in every.items() if name not in local_names}
    local = {name: _local_fill(sa_table.columns[name]) for name in every if name in local_names}
    return TableCodec(tbl, columns, storage, local)


def _local_fill(col: Column[Any]) -> Any:
    """The value a raw INSERT gives a local column: its Python-side scalar default, else NULL."""
    default = col.default
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    if not col.nullable:  # pragma: no cover - a new local field needs a default
        raise TypeError(f"local field {col.table}.{col.name} is NOT NULL without a default")
    return None
