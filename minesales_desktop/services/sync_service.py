"""Sync for the desktop window: one call per thing a person does, plain values in, DTOs out.

The UI never sees an engine or a ``SyncClient``; it calls these functions with the database path
(and, for a sync, the server, login and password):

- ``sync_status(session)`` — pending changes, last sync, open conflicts and rejected changes: a
  quick read the UI runs on the single database worker after every write;
- ``SyncSession(target, password).run(progress)`` — one whole sync, run on a thread of its own
  (see ``ui/sync_ui.py`` for why not on the database worker); it reports progress, honours
  cancellation and says which kinds of records changed so every view can refresh; the session
  is kept while the password is, so later syncs reuse the sign-in (``run_sync`` is the
  one-shot form);
- ``list_conflicts`` / ``resolve_conflict`` / ``list_rejected`` / ``dismiss_rejected`` — the
  conflict inbox (冲突收件箱) and the rejected changes (被拒绝的更改), described in human terms
  (customer name, field label, enumeration labels, amounts), not as table/row/column ids.

Every function that touches the file goes through the sync client, which opens its own
connections with ``BEGIN IMMEDIATE`` and a busy timeout; WAL lets the GUI's worker keep reading
while it writes, and its write transactions are short (one push answer or one pulled page).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Protocol

from sqlalchemy import Connection, Table, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.types import ScaledDecimal
from minesales_desktop.messages import QT_TRANSLATE_NOOP, translate
from minesales_desktop.models.enums import LabeledEnum
from minesales_desktop.sync.changes import RENUMBERED_KIND
from minesales_desktop.sync.client import (
    READ_ONLY_CONFLICTS,
    AuthFailed,
    ConflictItem,
    Credentials,
    OpOutcome,
    RejectedItem,
    RetryPolicy,
    SyncCancelled,
    SyncClient,
    SyncError,
    SyncProgress,
    SyncUnavailable,
    UpdateRequired,
    last_sync,
    pending_count,
)
from minesales_desktop.sync.protocol import PullReply
from minesales_desktop.sync.reasons import rejection_reason
from minesales_desktop.sync.tables import (
    CUSTOMER_PATHS,
    INSERT_FIELD,
    REVOKE_FIELD,
    USER_PATHS,
    synced_tables,
)

__all__ = [
    "AuthFailed",
    "ConflictView",
    "RejectedView",
    "RetryPolicy",
    "SYNC_KIND",
    "SyncError",
    "SyncResult",
    "SyncSession",
    "SyncStatus",
    "SyncTarget",
    "SyncUnavailable",
    "UpdateRequired",
    "dismiss_rejected",
    "kinds_for_tables",
    "list_conflicts",
    "list_rejected",
    "resolve_conflict",
    "run_sync",
    "sync_status",
]

# The ``data_changed`` kind for the sync bookkeeping itself (outbox, inbox, rejected list).
SYNC_KIND = "sync"
# Kinds the views use that are not table names.
_KIND_ALIASES = {"follow_up_plans": "follow_ups"}
_CONTEXT = "SyncLabels"


# --- status -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_sync: dt.datetime | None
    last_attempt: dt.datetime | None
    last_error: str | None
    open_conflicts: int  # inbox entries to decide (lost values, deletes)
    open_rejected: int
    open_notices: int  # inbox entries only to read (a quote or lot the server renumbered)
    bound_server: str | None  # the server this database synced with first (its cursor is theirs)
    bound_login: str | None


def _utc(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def sync_status(session: Session) -> SyncStatus:
    """What the status bar shows; cheap enough to run after every write."""
    conn = session.connection()
    state = conn.execute(
        text(
            "SELECT last_attempt_at, last_error, server_url, user_login FROM sync_state"
            " WHERE id = 1"
        )
    ).first()
    conflicts, notices = conn.execute(
        text(
            "SELECT coalesce(sum(kind <> :k), 0), coalesce(sum(kind = :k), 0)"
            " FROM sync_conflicts WHERE resolved_at IS NULL"
        ),
        {"k": RENUMBERED_KIND},
    ).one()
    rejected = conn.execute(
        text("SELECT count(*) FROM sync_rejected WHERE dismissed = 0")
    ).scalar_one()
    return SyncStatus(
        pending=pending_count(conn),
        last_sync=last_sync(conn),
        last_attempt=_utc(state[0]) if state else None,
        last_error=state[1] if state else None,
        open_conflicts=int(conflicts),
        open_rejected=int(rejected),
        open_notices=int(notices),
        bound_server=state[2] if state else None,
        bound_login=state[3] if state else None,
    )


# --- one sync ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncTarget:
    db_path: Path
    server_url: str
    login: str


class ProgressSink(Protocol):
    """What ``run_sync`` reports to: ``tasks.Progress`` fits (report may raise when cancelled)."""

    @property
    def cancelled(self) -> bool: ...

    def report(self, done: int, total: int, text: str = "") -> None: ...


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    applied: int
    conflicts: int
    rejected: int
    pulled: int
    inbox: int  # entries this sync filed in the conflict inbox
    cancelled: bool
    seconds: float
    round_trips: int
    retries: int
    kinds: frozenset[str]  # kinds of records that changed on this laptop (for data_changed)


def kinds_for_tables(tables: set[str] | frozenset[str]) -> frozenset[str]:
    """The ``data_changed`` kinds for changes to these tables (plus the sync bookkeeping)."""
    kinds = {SYNC_KIND}
    for tbl in tables:
        kinds.add(tbl)
        if tbl in _KIND_ALIASES:
            kinds.add(_KIND_ALIASES[tbl])
    return frozenset(kinds)


class _TrackingClient(SyncClient):
    """Remembers which tables the pulled pages touched, so only those views refresh.

    ``SyncReport`` counts pulled changes but does not say where they went; hooking the page step
    is the least intrusive way to learn it (a revoke drops a whole customer subtree)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.touched: set[str] = set()

    def _apply_page(self, node: str, page: PullReply) -> list[OpOutcome]:
        refused = super()._apply_page(node, page)
        for change in page.changes:
            self.touched.add(change.t)
            if change.f == REVOKE_FIELD:
                self.touched.update(CUSTOMER_PATHS)
        # A new row of this laptop's refused at pull goes with its subtree (a customer's
        # contacts, activities …).
        for outcome in refused:
            self.touched.add(outcome.table)
            if outcome.table == "customers":
                self.touched.update(CUSTOMER_PATHS)
            elif outcome.table == "users":
                self.touched.update(USER_PATHS)
        return refused


class _Cancellable:
    """Interruptible back-off sleep: Cancel must not wait out a 30-second retry delay."""

    def __init__(self, progress: ProgressSink) -> None:
        self.progress = progress
        self.wake = threading.Event()

    def sleep(self, seconds: float) -> None:
        deadline = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)
        while not self.progress.cancelled:
            left = (deadline - dt.datetime.now(dt.UTC)).total_seconds()
            if left <= 0:
                return
            self.wake.wait(min(left, 0.1))
        raise SyncCancelled(translate("Sync", "Sync was cancelled."))

    def notify(self, step: SyncProgress) -> None:
        if self.progress.cancelled:
            return  # the client stops at its next check; a cancelled report() would raise
        try:
            # The phase is the text: the UI words it in the user's language.
            self.progress.report(step.done, step.total or 0, step.phase)
        except Exception:
            if not self.progress.cancelled:
                raise


class SyncSession:
    """One signed-in sync connection, reused for every sync while the password is held.

    Reusing the client keeps its bearer token, so a later sync is one round trip (``hello``)
    instead of two (sign-in + ``hello``) — what a satellite link pays for — and the clock offset
    is measured on a round trip without the sign-in in it. Use from one thread at a time.
    """

    def __init__(
        self, target: SyncTarget, password: str, *, retry: RetryPolicy | None = None
    ) -> None:
        self.target = target
        self._progress: ProgressSink | None = None
        engine = make_engine(target.db_path)  # only its URL is used: the client opens its own
        try:
            self._client = _TrackingClient(
                engine,
                target.server_url,
                Credentials(target.login, password),
                retry=retry,
                sleep=self._sleep,
            )
        finally:
            engine.dispose()

    def _sleep(self, seconds: float) -> None:
        if self._progress is None:
            threading.Event().wait(seconds)
        else:
            _Cancellable(self._progress).sleep(seconds)

    def run(self, progress: ProgressSink) -> SyncResult:
        """One whole sync; raises ``SyncError`` subclasses (nothing is lost: whatever was pushed
        or pulled before a failure stays done and the next sync resumes). A raised error carries
        ``changed_kinds``: what was pulled before it, for ``data_changed``."""
        client = self._client
        client.touched = set()
        self._progress = progress
        waiter = _Cancellable(progress)
        try:
            report = client.sync(progress=waiter.notify, cancelled=lambda: progress.cancelled)
        except SyncError as exc:
            # Pages pulled before the failure are committed: say which views are stale.
            exc.changed_kinds = kinds_for_tables(client.touched)  # type: ignore[attr-defined]
            raise
        finally:
            self._progress = None
        tables = set(client.touched)
        # Ops that did not take effect were put back to the server's value on this laptop, and
        # merged ones may have taken part of the server's row (a renumbered quote's version).
        tables.update(
            o.table for o in report.outcomes if o.status in ("conflict", "rejected", "merged")
        )
        return SyncResult(
            pushed=report.pushed,
            applied=report.applied + report.merged,
            conflicts=report.conflicts,
            rejected=report.rejected,
            pulled=report.pulled,
            inbox=report.inbox,
            cancelled=report.cancelled,
            seconds=report.seconds,
            round_trips=report.round_trips,
            retries=report.retries,
            kinds=kinds_for_tables(tables),
        )

    def close(self) -> None:
        """Forget the token and the password and close the connections."""
        self._client.close()
        self._client.credentials = Credentials(self.target.login, "")
        self._client.token = None


def run_sync(
    target: SyncTarget,
    password: str,
    progress: ProgressSink,
    *,
    retry: RetryPolicy | None = None,
) -> SyncResult:
    """One sync with a connection of its own (headless use; the window keeps a ``SyncSession``)."""
    session = SyncSession(target, password, retry=retry)
    try:
        return session.run(progress)
    finally:
        session.close()


# --- inbox and rejected list ------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    kind: str  # value | delete | apply | renumbered
    record: str  # e.g. "鞍山钢铁 · Customer" or "鞍山钢铁 · Contact 张伟"
    field: str  # a field label, e.g. "Notes"
    mine: str
    theirs: str
    their_user: str
    their_time: dt.datetime
    my_time: dt.datetime
    detected_at: dt.datetime

    @property
    def keepable(self) -> bool:
        """Whether "keep mine" applies (not to entries for reading only)."""
        return self.kind not in READ_ONLY_CONFLICTS

    @property
    def renumbered(self) -> bool:
        """A notice: the server took this new record under the next free version."""
        return self.kind == RENUMBERED_KIND


@dataclass(frozen=True)
class RejectedView:
    op_id: str
    table: str
    record: str
    field: str
    value: str
    reason: str
    made_at: dt.datetime
    rejected_at: dt.datetime


@contextmanager
def _local_client(db_path: Path) -> Iterator[SyncClient]:
    """A client for work that needs no server (the inbox, the rejected list)."""
    engine = make_engine(db_path)
    client = SyncClient(engine, "http://offline.invalid", Credentials("", ""))
    try:
        yield client
    finally:
        client.close()
        engine.dispose()


def list_conflicts(db_path: Path) -> list[ConflictView]:
    with _local_client(db_path) as client:
        items = client.conflicts()
        with client.db.connect() as conn:
            return [_conflict_view(conn, item) for item in items]


def resolve_conflict(db_path: Path, conflict_id: str, keep: Literal["mine", "theirs"]) -> None:
    """Keep mine: the losing value is written back as a local edit, pushed at the next sync.
    Keep theirs: the server's value (already on this laptop) stays; the entry is closed."""
    with _local_client(db_path) as client:
        client.resolve_conflict(conflict_id, keep)


def list_rejected(db_path: Path) -> list[RejectedView]:
    with _local_client(db_path) as client:
        items = client.rejected_changes()
        with client.db.connect() as conn:
            return [_rejected_view(conn, item) for item in items]


def dismiss_rejected(db_path: Path, op_id: str) -> None:
    with _local_client(db_path) as client:
        client.dismiss_rejected(op_id)


def _conflict_view(conn: Connection, item: ConflictItem) -> ConflictView:
    if item.kind == "delete":
        mine = translate("SyncLabels", "(deleted)")
    elif item.kind == "apply":  # not a value of mine: what the database said (the clash)
        mine = str(item.mine)
    else:
        mine = display_value(conn, item.table, item.field, item.mine)
    return ConflictView(
        id=item.id,
        table=item.table,
        kind=item.kind,
        record=describe_record(conn, item.table, item.row_id),
        field=field_label(item.table, item.field),
        mine=mine,
        theirs=display_value(conn, item.table, item.field, item.theirs),
        their_user=item.their_user_name or translate("SyncLabels", "another user"),
        their_time=item.their_time,
        my_time=item.my_time,
        detected_at=item.detected_at,
    )


def _rejected_view(conn: Connection, item: RejectedItem) -> RejectedView:
    return RejectedView(
        op_id=item.op_id,
        table=item.table,
        record=describe_record(conn, item.table, item.row_id),
        field=field_label(item.table, item.field),
        value=display_value(conn, item.table, item.field, item.value),
        reason=rejection_reason(
            item.reason,
            table_label=table_label,
            field_label=lambda fld: field_label(item.table, fld),
            status_label=lambda status: display_value(conn, "contracts", "status", status),
        ),
        made_at=item.made_at,
        rejected_at=item.rejected_at,
    )


# --- human terms ------------------------------------------------------------------------------
TABLE_LABELS: dict[str, str] = {
    "teams": QT_TRANSLATE_NOOP("SyncLabels", "Team"),
    "users": QT_TRANSLATE_NOOP("SyncLabels", "User"),
    "appraisals": QT_TRANSLATE_NOOP("SyncLabels", "Appraisal"),
    "appraisal_lines": QT_TRANSLATE_NOOP("SyncLabels", "Appraisal line"),
    "customers": QT_TRANSLATE_NOOP("SyncLabels", "Customer"),
    "contacts": QT_TRANSLATE_NOOP("SyncLabels", "Contact"),
    "activities": QT_TRANSLATE_NOOP("SyncLabels", "Activity"),
    "follow_up_plans": QT_TRANSLATE_NOOP("SyncLabels", "Follow-up"),
    "feedback": QT_TRANSLATE_NOOP("SyncLabels", "Feedback"),
    "kpi_definitions": QT_TRANSLATE_NOOP("SyncLabels", "KPI"),
    "kpi_targets": QT_TRANSLATE_NOOP("SyncLabels", "KPI target"),
    "meetings": QT_TRANSLATE_NOOP("SyncLabels", "Meeting"),
    "meeting_action_items": QT_TRANSLATE_NOOP("SyncLabels", "Action item"),
    "ownership_changes": QT_TRANSLATE_NOOP("SyncLabels", "Reassignment"),
    "price_indices": QT_TRANSLATE_NOOP("SyncLabels", "Price index"),
    "index_quotes": QT_TRANSLATE_NOOP("SyncLabels", "Index price"),
    "trainings": QT_TRANSLATE_NOOP("SyncLabels", "Training"),
    "training_attendance": QT_TRANSLATE_NOOP("SyncLabels", "Training attendance"),
    "products": QT_TRANSLATE_NOOP("SyncLabels", "Product"),
    "quality_specs": QT_TRANSLATE_NOOP("SyncLabels", "Quality spec"),
    "opportunities": QT_TRANSLATE_NOOP("SyncLabels", "Opportunity"),
    "quotes": QT_TRANSLATE_NOOP("SyncLabels", "Quote"),
    "stage_changes": QT_TRANSLATE_NOOP("SyncLabels", "Stage change"),
    "contracts": QT_TRANSLATE_NOOP("SyncLabels", "Contract"),
    "contract_reviews": QT_TRANSLATE_NOOP("SyncLabels", "Contract review"),
    "contract_status_changes": QT_TRANSLATE_NOOP("SyncLabels", "Contract status change"),
    "credit_profiles": QT_TRANSLATE_NOOP("SyncLabels", "Credit profile"),
    "risk_records": QT_TRANSLATE_NOOP("SyncLabels", "Risk"),
    "shipments": QT_TRANSLATE_NOOP("SyncLabels", "Shipment"),
    "weight_certificates": QT_TRANSLATE_NOOP("SyncLabels", "Weight certificate"),
    "assays": QT_TRANSLATE_NOOP("SyncLabels", "Assay"),
    "assay_results": QT_TRANSLATE_NOOP("SyncLabels", "Assay result"),
    "invoices": QT_TRANSLATE_NOOP("SyncLabels", "Invoice"),
    "payments": QT_TRANSLATE_NOOP("SyncLabels", "Payment"),
    "service_tickets": QT_TRANSLATE_NOOP("SyncLabels", "Service ticket"),
    "return_visits": QT_TRANSLATE_NOOP("SyncLabels", "Return visit"),
    "ticket_status_changes": QT_TRANSLATE_NOOP("SyncLabels", "Ticket status change"),
}

FIELD_LABELS: dict[str, str] = {
    INSERT_FIELD: QT_TRANSLATE_NOOP("SyncLabels", "(new record)"),
    "is_deleted": QT_TRANSLATE_NOOP("SyncLabels", "Deleted"),
    "owner_id": QT_TRANSLATE_NOOP("SyncLabels", "Owner"),
    "code": QT_TRANSLATE_NOOP("SyncLabels", "Code"),
    "name": QT_TRANSLATE_NOOP("SyncLabels", "Name"),
    "name_zh": QT_TRANSLATE_NOOP("SyncLabels", "Name (Chinese)"),
    "name_en": QT_TRANSLATE_NOOP("SyncLabels", "Name (English)"),
    "short_name": QT_TRANSLATE_NOOP("SyncLabels", "Short name"),
    "full_name": QT_TRANSLATE_NOOP("SyncLabels", "Full name"),
    "uscc": QT_TRANSLATE_NOOP("SyncLabels", "USCC"),
    "customer_type": QT_TRANSLATE_NOOP("SyncLabels", "Customer type"),
    "province": QT_TRANSLATE_NOOP("SyncLabels", "Province"),
    "city": QT_TRANSLATE_NOOP("SyncLabels", "City"),
    "address": QT_TRANSLATE_NOOP("SyncLabels", "Address"),
    "port": QT_TRANSLATE_NOOP("SyncLabels", "Discharge port"),
    "tier": QT_TRANSLATE_NOOP("SyncLabels", "Tier"),
    "status": QT_TRANSLATE_NOOP("SyncLabels", "Status"),
    "website": QT_TRANSLATE_NOOP("SyncLabels", "Website"),
    "notes": QT_TRANSLATE_NOOP("SyncLabels", "Notes"),
    "title": QT_TRANSLATE_NOOP("SyncLabels", "Title"),
    "department": QT_TRANSLATE_NOOP("SyncLabels", "Department"),
    "decision_role": QT_TRANSLATE_NOOP("SyncLabels", "Decision role"),
    "phone": QT_TRANSLATE_NOOP("SyncLabels", "Phone"),
    "mobile": QT_TRANSLATE_NOOP("SyncLabels", "Mobile"),
    "wechat": QT_TRANSLATE_NOOP("SyncLabels", "WeChat"),
    "email": QT_TRANSLATE_NOOP("SyncLabels", "E-mail"),
    "description": QT_TRANSLATE_NOOP("SyncLabels", "Description"),
    "subject": QT_TRANSLATE_NOOP("SyncLabels", "Subject"),
    "outcome": QT_TRANSLATE_NOOP("SyncLabels", "Outcome"),
    "next_action": QT_TRANSLATE_NOOP("SyncLabels", "Next action"),
    "next_action_date": QT_TRANSLATE_NOOP("SyncLabels", "Next action date"),
    "action": QT_TRANSLATE_NOOP("SyncLabels", "Action"),
    "due_date": QT_TRANSLATE_NOOP("SyncLabels", "Due date"),
    "stage": QT_TRANSLATE_NOOP("SyncLabels", "Stage"),
    "probability": QT_TRANSLATE_NOOP("SyncLabels", "Probability"),
    "expected_close": QT_TRANSLATE_NOOP("SyncLabels", "Expected close"),
    "quantity": QT_TRANSLATE_NOOP("SyncLabels", "Quantity"),
    "currency": QT_TRANSLATE_NOOP("SyncLabels", "Currency"),
    "amount": QT_TRANSLATE_NOOP("SyncLabels", "Amount"),
    "credit_limit": QT_TRANSLATE_NOOP("SyncLabels", "Credit limit"),
    "priority": QT_TRANSLATE_NOOP("SyncLabels", "Priority"),
    "contract_no": QT_TRANSLATE_NOOP("SyncLabels", "Contract no."),
    "start_date": QT_TRANSLATE_NOOP("SyncLabels", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("SyncLabels", "End date"),
    "role": QT_TRANSLATE_NOOP("SyncLabels", "Role"),
    "team_id": QT_TRANSLATE_NOOP("SyncLabels", "Team"),
    "customer_id": QT_TRANSLATE_NOOP("SyncLabels", "Customer"),
    "contract_id": QT_TRANSLATE_NOOP("SyncLabels", "Contract"),
    "kind": QT_TRANSLATE_NOOP("SyncLabels", "Type"),
    "region": QT_TRANSLATE_NOOP("SyncLabels", "Region"),
    "quote_no": QT_TRANSLATE_NOOP("SyncLabels", "Quote number"),
    "lot_no": QT_TRANSLATE_NOOP("SyncLabels", "Lot number"),
    "version": QT_TRANSLATE_NOOP("SyncLabels", "Version"),
}

#: Columns that name a record, best first.
_NAME_COLUMNS = (
    "name_zh",
    "full_name",
    "name",
    "title",
    "subject",
    "contract_no",
    "ticket_no",
    "invoice_no",
    "quote_no",
    "lot_no",
    "code",
    "login",
    "action",
    "analyte",
    "period",
)


def table_label(tbl: str) -> str:
    source = TABLE_LABELS.get(tbl)
    return translate(_CONTEXT, source) if source else tbl.replace("_", " ").capitalize()


def field_label(tbl: str, fld: str) -> str:
    if fld == REVOKE_FIELD:
        return translate("SyncLabels", "(access removed)")
    source = FIELD_LABELS.get(fld)
    if source:
        return translate(_CONTEXT, source)
    return fld.removesuffix("_id").replace("_", " ").capitalize()


def _row(conn: Connection, tbl: str, row_id: str, columns: list[str]) -> dict[str, Any] | None:
    sa_table = synced_tables().get(tbl)
    if sa_table is None or not columns:
        return None
    # Raw storage values (codes, scaled integers): nothing is converted or validated on read.
    cols = ", ".join(f'"{c}"' for c in columns)
    row = conn.exec_driver_sql(f'SELECT {cols} FROM "{tbl}" WHERE id = ?', (row_id,)).first()
    return None if row is None else dict(zip(columns, row, strict=True))


def _record_name(conn: Connection, tbl: str, row_id: str) -> str | None:
    sa_table = synced_tables().get(tbl)
    if sa_table is None:
        return None
    names = [c for c in _NAME_COLUMNS if c in sa_table.columns]
    row = _row(conn, tbl, row_id, names)
    if row is None:
        return None
    for name in names:
        if row[name] not in (None, ""):
            return str(row[name])
    return None


def _customer_of(conn: Connection, tbl: str, row_id: str) -> str | None:
    """The id of the customer a row belongs to, following its foreign keys."""
    current_tbl, current_id = tbl, row_id
    for fk, parent in CUSTOMER_PATHS.get(tbl, ()):
        row = _row(conn, current_tbl, current_id, [fk])
        if row is None or row[fk] is None:
            return None
        current_tbl, current_id = parent, str(row[fk])
    return current_id if current_tbl == "customers" and tbl != "customers" else None


def describe_record(conn: Connection, tbl: str, row_id: str) -> str:
    """``鞍山钢铁 · Contact 张伟``, ``Customer 鞍山钢铁``, or the table and a short id."""
    label = table_label(tbl)
    name = _record_name(conn, tbl, row_id)
    own = f"{label} {name}" if name else f"{label} {row_id[:8]}"
    customer_id = _customer_of(conn, tbl, row_id)
    if customer_id is not None:
        customer = _record_name(conn, "customers", customer_id)
        if customer:
            return f"{customer} · {own}"
    return own


def _column(tbl: str, fld: str) -> Any:
    sa_table: Table | None = synced_tables().get(tbl)
    if sa_table is None or fld not in sa_table.columns:
        return None
    return sa_table.columns[fld]


def display_value(conn: Connection, tbl: str, fld: str, value: Any) -> str:
    """A stored (wire) value as a person reads it: labels for codes, amounts, names for links."""
    if value is None or value == "":
        return translate("SyncLabels", "(empty)")
    if fld == INSERT_FIELD or isinstance(value, dict):
        return translate("SyncLabels", "(whole record)")
    col = _column(tbl, fld)
    if col is None:
        return str(value)
    kind = col.type
    if isinstance(kind, ScaledDecimal) and isinstance(value, int):
        return f"{Decimal(value).scaleb(-kind.scale):f}"
    if isinstance(kind, SAEnum) and isinstance(kind.enum_class, type):
        enum_class = kind.enum_class
        if issubclass(enum_class, LabeledEnum):
            try:
                return enum_class(str(value)).label()
            except ValueError:
                return str(value)
    if fld == "is_deleted" or str(kind).upper() == "BOOLEAN":
        if value in (1, True):
            return translate("SyncLabels", "Yes")
        return translate("SyncLabels", "No")
    if col.foreign_keys:
        target = next(iter(col.foreign_keys)).column.table.name
        name = _record_name(conn, target, str(value))
        if name:
            return name
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == " ":
        return value[:16] + " UTC"
    return str(value)
