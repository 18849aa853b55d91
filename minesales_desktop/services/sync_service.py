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
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

from sqlalchemy import CheckConstraint, Connection, Table, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session
from sqlalchemy.schema import ColumnCollectionConstraint

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.types import Money, Quantity, ScaledDecimal, UTCDateTime
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
    LOCAL_FIELDS,
    PRIVATE_FIELDS,
    REVOKE_FIELD,
    USER_PATHS,
    synced_tables,
)

# The app's own number and time formats, so a value reads in the inbox as on every screen.
# ``ui.format`` is plain Python (no Qt; ``ui/__init__`` is empty): importing it here loads no UI.
from minesales_desktop.ui.format import date as local_time
from minesales_desktop.ui.format import money, number, quantity

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
    "database_refusal",
    "describe_record",
    "dismiss_rejected",
    "display_value",
    "field_label",
    "kinds_for_tables",
    "list_conflicts",
    "list_rejected",
    "number_kind",
    "record_fields",
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
    # A pulled new record that could not be applied (``field`` is "(new record)"): what it
    # holds, as (field label, value) pairs (``record_fields``); empty for a change of a field.
    fields: tuple[tuple[str, str], ...] = ()

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
    # A refused new record (``field`` is "(new record)"): what it held, as (field label, value)
    # pairs in the record's column order, empty ones left out — the record itself is gone from
    # this laptop, so this is the only place left to read it. Empty for a refused field change.
    fields: tuple[tuple[str, str], ...] = ()
    # The change was a whole new record (not one field): the server refused it and it was taken
    # off this laptop.
    is_new_record: bool = False


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


def _whole_row(field: str, value: Any) -> dict[str, Any] | None:
    """The values of a whole new record (an insert's value: a dict, or its JSON text)."""
    if field != INSERT_FIELD:
        return None
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def _conflict_view(conn: Connection, item: ConflictItem) -> ConflictView:
    if item.kind == "delete":
        mine = translate("SyncLabels", "(deleted)")
    elif item.kind == "apply":  # not a value of mine: what the database said (the clash)
        words = str(item.mine)
        mine = database_refusal(words, here=True, tbl=item.table, fld=item.field) or words
    else:
        mine = display_value(conn, item.table, item.field, item.mine)
    row = _whole_row(item.field, item.theirs)  # a pulled new record: its values name it
    return ConflictView(
        id=item.id,
        table=item.table,
        kind=item.kind,
        record=describe_record(conn, item.table, item.row_id, row),
        field=field_label(item.table, item.field),
        mine=mine,
        theirs=display_value(conn, item.table, item.field, item.theirs),
        their_user=item.their_user_name or translate("SyncLabels", "another user"),
        their_time=item.their_time,
        my_time=item.my_time,
        detected_at=item.detected_at,
        fields=record_fields(conn, item.table, row) if row is not None else (),
    )


def _rejected_view(conn: Connection, item: RejectedItem) -> RejectedView:
    row = _whole_row(item.field, item.value)  # a refused new record: gone from this laptop
    return RejectedView(
        op_id=item.op_id,
        table=item.table,
        record=describe_record(conn, item.table, item.row_id, row),
        field=field_label(item.table, item.field),
        value=display_value(conn, item.table, item.field, item.value),
        reason=_rejected_reason(conn, item),
        made_at=item.made_at,
        rejected_at=item.rejected_at,
        fields=record_fields(conn, item.table, row) if row is not None else (),
        is_new_record=item.field == INSERT_FIELD,
    )


def _rejected_reason(conn: Connection, item: RejectedItem) -> str:
    """The server's reason in the user's language; a refusal of the server's database that
    names a field is worded with the field's label, not the database's own words."""
    worded = database_refusal(item.reason, here=False, tbl=item.table, fld=item.field)
    if worded is not None:
        return worded
    return rejection_reason(
        item.reason,
        table_label=table_label,
        field_label=lambda fld: field_label(item.table, fld),
        status_label=lambda status: display_value(conn, "contracts", "status", status),
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

# Columns that never appear as a field of their own, so they need no label: the row id (a
# record is named by its name, code or parent, ``describe_record``) and the local fields
# (customer search keys, ``LOCAL_FIELDS``: never sent, received or refused). ``created_at`` and
# ``updated_at`` do carry labels: they never make a conflict (``SILENT_FIELDS``) but they are
# part of a refused new record's values.
TECHNICAL_COLUMNS = frozenset({"id"})

# Field labels by column name, worded as the app's forms word the same field (the same English
# source gives the same Chinese everywhere); a link to another record is labelled as that kind
# of record ("Customer", "Product").
FIELD_LABELS: dict[str, str] = {
    INSERT_FIELD: QT_TRANSLATE_NOOP("SyncLabels", "(new record)"),
    # every synced record
    "is_deleted": QT_TRANSLATE_NOOP("SyncLabels", "Deleted"),
    "owner_id": QT_TRANSLATE_NOOP("SyncLabels", "Owner"),
    "created_at": QT_TRANSLATE_NOOP("SyncLabels", "Created"),
    "updated_at": QT_TRANSLATE_NOOP("SyncLabels", "Last changed"),
    # names, codes, text
    "code": QT_TRANSLATE_NOOP("SyncLabels", "Code"),
    "name": QT_TRANSLATE_NOOP("SyncLabels", "Name"),
    "name_zh": QT_TRANSLATE_NOOP("SyncLabels", "Name (Chinese)"),
    "name_en": QT_TRANSLATE_NOOP("SyncLabels", "Name (English)"),
    "short_name": QT_TRANSLATE_NOOP("SyncLabels", "Short name"),
    "full_name": QT_TRANSLATE_NOOP("SyncLabels", "Full name"),
    "title": QT_TRANSLATE_NOOP("SyncLabels", "Title"),
    "description": QT_TRANSLATE_NOOP("SyncLabels", "Description"),
    "subject": QT_TRANSLATE_NOOP("SyncLabels", "Subject"),
    "notes": QT_TRANSLATE_NOOP("SyncLabels", "Notes"),
    "note": QT_TRANSLATE_NOOP("SyncLabels", "Note"),
    "comment": QT_TRANSLATE_NOOP("SyncLabels", "Comment"),
    "reason": QT_TRANSLATE_NOOP("SyncLabels", "Reason"),
    "status": QT_TRANSLATE_NOOP("SyncLabels", "Status"),
    "kind": QT_TRANSLATE_NOOP("SyncLabels", "Type"),
    "category": QT_TRANSLATE_NOOP("SyncLabels", "Category"),
    "priority": QT_TRANSLATE_NOOP("SyncLabels", "Priority"),
    "active": QT_TRANSLATE_NOOP("SyncLabels", "Active"),
    "sort_order": QT_TRANSLATE_NOOP("SyncLabels", "Sort order"),
    "unit": QT_TRANSLATE_NOOP("SyncLabels", "Unit"),
    # links to other records
    "team_id": QT_TRANSLATE_NOOP("SyncLabels", "Team"),
    "customer_id": QT_TRANSLATE_NOOP("SyncLabels", "Customer"),
    "contact_id": QT_TRANSLATE_NOOP("SyncLabels", "Contact"),
    "opportunity_id": QT_TRANSLATE_NOOP("SyncLabels", "Opportunity"),
    "quote_id": QT_TRANSLATE_NOOP("SyncLabels", "Quote"),
    "contract_id": QT_TRANSLATE_NOOP("SyncLabels", "Contract"),
    "product_id": QT_TRANSLATE_NOOP("SyncLabels", "Product"),
    "shipment_id": QT_TRANSLATE_NOOP("SyncLabels", "Shipment"),
    "assay_id": QT_TRANSLATE_NOOP("SyncLabels", "Assay"),
    "invoice_id": QT_TRANSLATE_NOOP("SyncLabels", "Invoice"),
    "ticket_id": QT_TRANSLATE_NOOP("SyncLabels", "Service ticket"),
    "meeting_id": QT_TRANSLATE_NOOP("SyncLabels", "Meeting"),
    "training_id": QT_TRANSLATE_NOOP("SyncLabels", "Training"),
    "appraisal_id": QT_TRANSLATE_NOOP("SyncLabels", "Appraisal"),
    "kpi_id": QT_TRANSLATE_NOOP("SyncLabels", "KPI"),
    "index_id": QT_TRANSLATE_NOOP("SyncLabels", "Price index"),
    "default_index_id": QT_TRANSLATE_NOOP("SyncLabels", "Default price index"),
    "done_activity_id": QT_TRANSLATE_NOOP("SyncLabels", "Activity"),
    "user_id": QT_TRANSLATE_NOOP("SyncLabels", "Person"),
    # people and teams
    "login": QT_TRANSLATE_NOOP("SyncLabels", "User name"),
    "full_name_en": QT_TRANSLATE_NOOP("SyncLabels", "English name"),
    "employee_no": QT_TRANSLATE_NOOP("SyncLabels", "Employee no."),
    "role": QT_TRANSLATE_NOOP("SyncLabels", "Role"),
    "manager_id": QT_TRANSLATE_NOOP("SyncLabels", "Direct manager"),
    "position": QT_TRANSLATE_NOOP("SyncLabels", "Position"),
    "territory": QT_TRANSLATE_NOOP("SyncLabels", "Territory"),
    "password_hash": QT_TRANSLATE_NOOP("SyncLabels", "Password"),
    "hired_on": QT_TRANSLATE_NOOP("SyncLabels", "Hired on"),
    "region": QT_TRANSLATE_NOOP("SyncLabels", "Region"),
    # customers and contacts
    "uscc": QT_TRANSLATE_NOOP("SyncLabels", "USCC"),
    "customer_type": QT_TRANSLATE_NOOP("SyncLabels", "Customer type"),
    "province": QT_TRANSLATE_NOOP("SyncLabels", "Province"),
    "city": QT_TRANSLATE_NOOP("SyncLabels", "City"),
    "address": QT_TRANSLATE_NOOP("SyncLabels", "Address"),
    "port": QT_TRANSLATE_NOOP("SyncLabels", "Discharge port"),
    "tier": QT_TRANSLATE_NOOP("SyncLabels", "Tier"),
    "website": QT_TRANSLATE_NOOP("SyncLabels", "Website"),
    "department": QT_TRANSLATE_NOOP("SyncLabels", "Department"),
    "decision_role": QT_TRANSLATE_NOOP("SyncLabels", "Decision role"),
    "phone": QT_TRANSLATE_NOOP("SyncLabels", "Phone"),
    "mobile": QT_TRANSLATE_NOOP("SyncLabels", "Mobile"),
    "wechat": QT_TRANSLATE_NOOP("SyncLabels", "WeChat"),
    "email": QT_TRANSLATE_NOOP("SyncLabels", "E-mail"),
    "is_primary": QT_TRANSLATE_NOOP("SyncLabels", "Primary contact"),
    # visits and follow-ups
    "occurred_at": QT_TRANSLATE_NOOP("SyncLabels", "When"),
    "outcome": QT_TRANSLATE_NOOP("SyncLabels", "Outcome"),
    "next_action": QT_TRANSLATE_NOOP("SyncLabels", "Next action"),
    "next_action_date": QT_TRANSLATE_NOOP("SyncLabels", "Next action date"),
    "latitude": QT_TRANSLATE_NOOP("SyncLabels", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("SyncLabels", "Longitude"),
    "action": QT_TRANSLATE_NOOP("SyncLabels", "Action"),
    "due_date": QT_TRANSLATE_NOOP("SyncLabels", "Due date"),
    "due_on": QT_TRANSLATE_NOOP("SyncLabels", "Due date"),
    "done_at": QT_TRANSLATE_NOOP("SyncLabels", "Done at"),
    # pipeline
    "deal_type": QT_TRANSLATE_NOOP("SyncLabels", "Deal type"),
    "source": QT_TRANSLATE_NOOP("SyncLabels", "Source"),
    "stage": QT_TRANSLATE_NOOP("SyncLabels", "Stage"),
    "probability": QT_TRANSLATE_NOOP("SyncLabels", "Probability"),
    "stage_entered_at": QT_TRANSLATE_NOOP("SyncLabels", "In stage since"),
    "expected_close": QT_TRANSLATE_NOOP("SyncLabels", "Expected close"),
    "estimated_value": QT_TRANSLATE_NOOP("SyncLabels", "Estimated value"),
    "bid_deadline": QT_TRANSLATE_NOOP("SyncLabels", "Bid deadline"),
    "lost_reason": QT_TRANSLATE_NOOP("SyncLabels", "Lost reason"),
    "lost_note": QT_TRANSLATE_NOOP("SyncLabels", "Lost note"),
    "competitor": QT_TRANSLATE_NOOP("SyncLabels", "Competitor"),
    "closed_at": QT_TRANSLATE_NOOP("SyncLabels", "Closed at"),
    "from_stage": QT_TRANSLATE_NOOP("SyncLabels", "From stage"),
    "to_stage": QT_TRANSLATE_NOOP("SyncLabels", "To stage"),
    "changed_by_id": QT_TRANSLATE_NOOP("SyncLabels", "Changed by"),
    "changed_at": QT_TRANSLATE_NOOP("SyncLabels", "Changed at"),
    # quotes and contracts
    "quote_no": QT_TRANSLATE_NOOP("SyncLabels", "Quote number"),
    "version": QT_TRANSLATE_NOOP("SyncLabels", "Version"),
    "contract_no": QT_TRANSLATE_NOOP("SyncLabels", "Contract no."),
    "contract_type": QT_TRANSLATE_NOOP("SyncLabels", "Contract type"),
    "quantity": QT_TRANSLATE_NOOP("SyncLabels", "Quantity"),
    "quantity_unit": QT_TRANSLATE_NOOP("SyncLabels", "Quantity unit"),
    "tolerance_pct": QT_TRANSLATE_NOOP("SyncLabels", "Tolerance ± %"),
    "tolerance_option": QT_TRANSLATE_NOOP("SyncLabels", "Tolerance option"),
    "incoterm": QT_TRANSLATE_NOOP("SyncLabels", "Incoterm"),
    "currency": QT_TRANSLATE_NOOP("SyncLabels", "Currency"),
    "fx_rate": QT_TRANSLATE_NOOP("SyncLabels", "FX rate"),
    "vat_rate": QT_TRANSLATE_NOOP("SyncLabels", "VAT %"),
    "vat_included": QT_TRANSLATE_NOOP("SyncLabels", "VAT included"),
    "pricing_method": QT_TRANSLATE_NOOP("SyncLabels", "Pricing method"),
    "price_terms": QT_TRANSLATE_NOOP("SyncLabels", "Price terms"),
    "expected_assay": QT_TRANSLATE_NOOP("SyncLabels", "Expected assay"),
    "unit_price": QT_TRANSLATE_NOOP("SyncLabels", "Unit price"),
    "total_amount": QT_TRANSLATE_NOOP("SyncLabels", "Total amount"),
    "total_value": QT_TRANSLATE_NOOP("SyncLabels", "Contract value"),
    "payment_method": QT_TRANSLATE_NOOP("SyncLabels", "Payment method"),
    "payment_terms": QT_TRANSLATE_NOOP("SyncLabels", "Payment terms"),
    "provisional_pct": QT_TRANSLATE_NOOP("SyncLabels", "Provisional invoice %"),
    "credit_days": QT_TRANSLATE_NOOP("SyncLabels", "Credit days"),
    "valid_until": QT_TRANSLATE_NOOP("SyncLabels", "Valid until"),
    "start_date": QT_TRANSLATE_NOOP("SyncLabels", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("SyncLabels", "End date"),
    "signed_on": QT_TRANSLATE_NOOP("SyncLabels", "Signed on"),
    "approved_by_id": QT_TRANSLATE_NOOP("SyncLabels", "Approved by"),
    "approved_at": QT_TRANSLATE_NOOP("SyncLabels", "Approved at"),
    "credit_override_reason": QT_TRANSLATE_NOOP("SyncLabels", "Override reason"),
    "terminated_reason": QT_TRANSLATE_NOOP("SyncLabels", "Termination reason"),
    "step_no": QT_TRANSLATE_NOOP("SyncLabels", "Step"),
    "reviewer_id": QT_TRANSLATE_NOOP("SyncLabels", "Reviewer"),
    "decision": QT_TRANSLATE_NOOP("SyncLabels", "Decision"),
    "decided_at": QT_TRANSLATE_NOOP("SyncLabels", "Decided at"),
    "from_status": QT_TRANSLATE_NOOP("SyncLabels", "From status"),
    "to_status": QT_TRANSLATE_NOOP("SyncLabels", "To status"),
    # delivery, quality, invoices, payments
    "lot_no": QT_TRANSLATE_NOOP("SyncLabels", "Lot number"),
    "transport_mode": QT_TRANSLATE_NOOP("SyncLabels", "Transport"),
    "vessel_or_vehicle": QT_TRANSLATE_NOOP("SyncLabels", "Vessel / vehicle"),
    "load_port": QT_TRANSLATE_NOOP("SyncLabels", "Load port"),
    "discharge_port": QT_TRANSLATE_NOOP("SyncLabels", "Discharge port"),
    "bl_date": QT_TRANSLATE_NOOP("SyncLabels", "B/L date"),
    "quantity_wmt": QT_TRANSLATE_NOOP("SyncLabels", "Quantity (wmt)"),
    "party": QT_TRANSLATE_NOOP("SyncLabels", "Party"),
    "issuer": QT_TRANSLATE_NOOP("SyncLabels", "Issuer"),
    "wet_tonnes": QT_TRANSLATE_NOOP("SyncLabels", "Wet tonnes (wmt)"),
    "moisture_pct": QT_TRANSLATE_NOOP("SyncLabels", "Moisture H₂O %"),
    "dry_tonnes": QT_TRANSLATE_NOOP("SyncLabels", "Dry tonnes (dmt)"),
    "lab": QT_TRANSLATE_NOOP("SyncLabels", "Laboratory"),
    "assayed_on": QT_TRANSLATE_NOOP("SyncLabels", "Assayed on"),
    "analyte": QT_TRANSLATE_NOOP("SyncLabels", "Analyte"),
    "value": QT_TRANSLATE_NOOP("SyncLabels", "Value"),
    "basis": QT_TRANSLATE_NOOP("SyncLabels", "Basis"),
    "typical": QT_TRANSLATE_NOOP("SyncLabels", "Typical"),
    "min_value": QT_TRANSLATE_NOOP("SyncLabels", "Minimum"),
    "max_value": QT_TRANSLATE_NOOP("SyncLabels", "Maximum"),
    "reject_min": QT_TRANSLATE_NOOP("SyncLabels", "Reject below"),
    "reject_max": QT_TRANSLATE_NOOP("SyncLabels", "Reject above"),
    "hs_code": QT_TRANSLATE_NOOP("SyncLabels", "HS code"),
    "publisher": QT_TRANSLATE_NOOP("SyncLabels", "Publisher"),
    "quote_date": QT_TRANSLATE_NOOP("SyncLabels", "Price date"),
    "price": QT_TRANSLATE_NOOP("SyncLabels", "Price"),
    "invoice_no": QT_TRANSLATE_NOOP("SyncLabels", "Invoice no."),
    "issued_on": QT_TRANSLATE_NOOP("SyncLabels", "Issued on"),
    "amount": QT_TRANSLATE_NOOP("SyncLabels", "Amount"),
    "amount_net": QT_TRANSLATE_NOOP("SyncLabels", "Net amount (excl. VAT)"),
    "vat_amount": QT_TRANSLATE_NOOP("SyncLabels", "VAT amount"),
    "amount_total": QT_TRANSLATE_NOOP("SyncLabels", "Total (incl. VAT)"),
    "received_on": QT_TRANSLATE_NOOP("SyncLabels", "Received on"),
    "method": QT_TRANSLATE_NOOP("SyncLabels", "Payment method"),
    "reference": QT_TRANSLATE_NOOP("SyncLabels", "Reference"),
    # credit and risk
    "credit_limit": QT_TRANSLATE_NOOP("SyncLabels", "Credit limit"),
    "score": QT_TRANSLATE_NOOP("SyncLabels", "Credit score"),
    "rating": QT_TRANSLATE_NOOP("SyncLabels", "Credit rating"),
    "security": QT_TRANSLATE_NOOP("SyncLabels", "Security"),
    "reviewed_on": QT_TRANSLATE_NOOP("SyncLabels", "Reviewed on"),
    "likelihood": QT_TRANSLATE_NOOP("SyncLabels", "Likelihood"),
    "impact": QT_TRANSLATE_NOOP("SyncLabels", "Impact"),
    "exposure_amount": QT_TRANSLATE_NOOP("SyncLabels", "Exposure amount"),
    "mitigation": QT_TRANSLATE_NOOP("SyncLabels", "Mitigation"),
    "review_on": QT_TRANSLATE_NOOP("SyncLabels", "Review on"),
    # after-sales
    "ticket_no": QT_TRANSLATE_NOOP("SyncLabels", "Ticket no."),
    "ticket_type": QT_TRANSLATE_NOOP("SyncLabels", "Ticket type"),
    "claimed_amount": QT_TRANSLATE_NOOP("SyncLabels", "Claimed amount"),
    "settled_amount": QT_TRANSLATE_NOOP("SyncLabels", "Settled amount"),
    "received_at": QT_TRANSLATE_NOOP("SyncLabels", "Received at"),
    "sla_due": QT_TRANSLATE_NOOP("SyncLabels", "SLA due"),
    "assignee_id": QT_TRANSLATE_NOOP("SyncLabels", "Assignee"),
    "resolution": QT_TRANSLATE_NOOP("SyncLabels", "Resolution"),
    "resolved_at": QT_TRANSLATE_NOOP("SyncLabels", "Resolved at"),
    "visited_at": QT_TRANSLATE_NOOP("SyncLabels", "Visited at"),
    "visited_by_id": QT_TRANSLATE_NOOP("SyncLabels", "Visited by"),
    "satisfaction": QT_TRANSLATE_NOOP("SyncLabels", "Satisfaction"),
    # team: meetings, trainings, feedback, reassignments
    "held_at": QT_TRANSLATE_NOOP("SyncLabels", "Held at"),
    "with_user_id": QT_TRANSLATE_NOOP("SyncLabels", "With"),
    "minutes": QT_TRANSLATE_NOOP("SyncLabels", "Minutes"),
    "provider": QT_TRANSLATE_NOOP("SyncLabels", "Provider"),
    "held_on": QT_TRANSLATE_NOOP("SyncLabels", "Date"),
    "hours": QT_TRANSLATE_NOOP("SyncLabels", "Hours"),
    "attended": QT_TRANSLATE_NOOP("SyncLabels", "Attended"),
    "exam_score": QT_TRANSLATE_NOOP("SyncLabels", "Exam score"),
    "author_id": QT_TRANSLATE_NOOP("SyncLabels", "Author"),
    "content": QT_TRANSLATE_NOOP("SyncLabels", "Content"),
    "answer": QT_TRANSLATE_NOOP("SyncLabels", "Answer"),
    "answered_by_id": QT_TRANSLATE_NOOP("SyncLabels", "Answered by"),
    "answered_at": QT_TRANSLATE_NOOP("SyncLabels", "Answered at"),
    "entity_type": QT_TRANSLATE_NOOP("SyncLabels", "Record type"),
    "entity_id": QT_TRANSLATE_NOOP("SyncLabels", "Record"),
    "from_user_id": QT_TRANSLATE_NOOP("SyncLabels", "Previous owner"),
    "to_user_id": QT_TRANSLATE_NOOP("SyncLabels", "New owner"),
    # performance
    "period_type": QT_TRANSLATE_NOOP("SyncLabels", "Period type"),
    "period": QT_TRANSLATE_NOOP("SyncLabels", "Period"),
    "appraiser_id": QT_TRANSLATE_NOOP("SyncLabels", "Appraiser"),
    "self_assessment": QT_TRANSLATE_NOOP("SyncLabels", "Self-assessment"),
    "manager_comments": QT_TRANSLATE_NOOP("SyncLabels", "Manager comments"),
    "improvement_plan": QT_TRANSLATE_NOOP("SyncLabels", "Improvement plan"),
    "total_score": QT_TRANSLATE_NOOP("SyncLabels", "Total score"),
    "grade": QT_TRANSLATE_NOOP("SyncLabels", "Grade"),
    "confirmed_at": QT_TRANSLATE_NOOP("SyncLabels", "Confirmed at"),
    "snapshot": QT_TRANSLATE_NOOP("SyncLabels", "Score snapshot"),
    "dimension_zh": QT_TRANSLATE_NOOP("SyncLabels", "Dimension (Chinese)"),
    "dimension_en": QT_TRANSLATE_NOOP("SyncLabels", "Dimension (English)"),
    "definition_zh": QT_TRANSLATE_NOOP("SyncLabels", "Definition (Chinese)"),
    "definition_en": QT_TRANSLATE_NOOP("SyncLabels", "Definition (English)"),
    "direction": QT_TRANSLATE_NOOP("SyncLabels", "Direction"),
    "weight": QT_TRANSLATE_NOOP("SyncLabels", "Weight"),
    "scoring_rule": QT_TRANSLATE_NOOP("SyncLabels", "Scoring rule"),
    "scoring_params": QT_TRANSLATE_NOOP("SyncLabels", "Scoring parameters"),
    "target": QT_TRANSLATE_NOOP("SyncLabels", "Target"),
    "target_value": QT_TRANSLATE_NOOP("SyncLabels", "Target"),
    "actual": QT_TRANSLATE_NOOP("SyncLabels", "Actual"),
    "completion_pct": QT_TRANSLATE_NOOP("SyncLabels", "Completion"),
    "self_score": QT_TRANSLATE_NOOP("SyncLabels", "Self score"),
    "manager_score": QT_TRANSLATE_NOOP("SyncLabels", "Manager score"),
    "weighted_score": QT_TRANSLATE_NOOP("SyncLabels", "Weighted score"),
}

# Where one column name means another thing in one table (as that table's form words it).
TABLE_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("contacts", "name"): QT_TRANSLATE_NOOP("SyncLabels", "Full name"),
    ("contacts", "title"): QT_TRANSLATE_NOOP("SyncLabels", "Job title"),
    ("users", "active"): QT_TRANSLATE_NOOP("SyncLabels", "In service"),
    ("appraisals", "user_id"): QT_TRANSLATE_NOOP("SyncLabels", "Appraisee"),
    ("feedback", "content"): QT_TRANSLATE_NOOP("SyncLabels", "Suggestion"),
    ("kpi_definitions", "source"): QT_TRANSLATE_NOOP("SyncLabels", "Data source"),
    ("quotes", "port"): QT_TRANSLATE_NOOP("SyncLabels", "Port / place"),
    ("contracts", "port"): QT_TRANSLATE_NOOP("SyncLabels", "Port / place"),
    ("service_tickets", "assignee_id"): QT_TRANSLATE_NOOP("SyncLabels", "Assigned to"),
    ("weight_certificates", "issued_on"): QT_TRANSLATE_NOOP("SyncLabels", "Certificate date"),
}

# Columns that name a record, best first.
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


def unlabelled_columns(tbl: str) -> frozenset[str]:
    """The columns of ``tbl`` that are never shown as a field (``TECHNICAL_COLUMNS``)."""
    return TECHNICAL_COLUMNS | LOCAL_FIELDS.get(tbl, frozenset())


def field_label_source(tbl: str, fld: str) -> str | None:
    """The English source of a field's label, or None if it has none."""
    return TABLE_FIELD_LABELS.get((tbl, fld)) or FIELD_LABELS.get(fld)


def field_label(tbl: str, fld: str) -> str:
    if fld == REVOKE_FIELD:
        return translate("SyncLabels", "(access removed)")
    source = field_label_source(tbl, fld)
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


def _name_columns(tbl: str) -> list[str]:
    sa_table = synced_tables().get(tbl)
    return [] if sa_table is None else [c for c in _NAME_COLUMNS if c in sa_table.columns]


def _record_name(conn: Connection, tbl: str, row_id: str) -> str | None:
    names = _name_columns(tbl)
    row = _row(conn, tbl, row_id, names)
    if row is None:
        return None
    for name in names:
        if row[name] not in (None, ""):
            return str(row[name])
    return None


def _name_in_values(tbl: str, values: dict[str, Any]) -> str | None:
    """A new record's name from its own values, with its code beside it when it has both
    ("鞍山钢铁集团 (C-AS-002)"): the code tells two like-named records apart."""
    for name in _name_columns(tbl):
        if values.get(name) in (None, ""):
            continue
        text = str(values[name])
        code = values.get("code")
        if name != "code" and code not in (None, "") and "code" in _name_columns(tbl):
            text = f"{text} ({code})"
        return text
    return None


def _parent_name(
    conn: Connection, tbl: str, row_id: str, values: dict[str, Any] | None
) -> str | None:
    """The name of the customer a row belongs to (``CUSTOMER_PATHS``) or, for a personal record
    (``USER_PATHS``), of the person; the first link is read from ``values`` when given (a row
    that is not on this laptop)."""
    for paths, root in ((CUSTOMER_PATHS, "customers"), (USER_PATHS, "users")):
        hops = paths.get(tbl)
        if not hops:
            continue
        current_tbl, current_id = tbl, row_id
        for step, (fk, parent) in enumerate(hops):
            if step == 0 and values is not None:
                link = values.get(fk)
            else:
                row = _row(conn, current_tbl, current_id, [fk])
                link = None if row is None else row[fk]
            if link is None:
                break
            current_tbl, current_id = parent, str(link)
        else:
            if current_tbl == root:
                return _record_name(conn, root, current_id)
    return None


def describe_record(
    conn: Connection, tbl: str, row_id: str, values: dict[str, Any] | None = None
) -> str:
    """``鞍山钢铁 · Contact 张伟``, ``包头钢铁 · Credit profile 3f9a2c``, ``Customer 鞍山钢铁``.

    ``values``: the record's own values, used when the row is not on this laptop (a refused new
    record, a pulled one that could not be applied). A record without a name of its own shows
    part of its id, after its parent's name when it has one (two stage changes of one
    customer: ``包头钢铁 · Stage change 3f9a2c``) — the *last* six characters: a
    UUIDv7 begins with its creation time, so records made within a minute of each other share
    their first eight."""
    label = table_label(tbl)
    if values is not None and _row(conn, tbl, row_id, ["id"]) is None:  # not on this laptop
        name = _name_in_values(tbl, values)
        parent = _parent_name(conn, tbl, row_id, values)
    else:
        name = _record_name(conn, tbl, row_id)
        parent = _parent_name(conn, tbl, row_id, None)
    own = f"{label} {name or row_id[-6:]}"
    return f"{parent} · {own}" if parent else own


# Columns a refused new record's field list leaves out: bookkeeping nobody typed.
_NOT_LISTED = frozenset({"id", "created_at", "updated_at", "is_deleted"})


def record_fields(
    conn: Connection, tbl: str, values: dict[str, Any]
) -> tuple[tuple[str, str], ...]:
    """A whole record's values as (field label, value as shown) pairs, in column order,
    without empty values and bookkeeping columns."""
    sa_table = synced_tables().get(tbl)
    if sa_table is None:
        return ()
    hidden = _NOT_LISTED | unlabelled_columns(tbl)
    return tuple(
        (field_label(tbl, name), display_value(conn, tbl, name, values[name]))
        for name in sa_table.columns.keys()
        if name not in hidden and values.get(name) not in (None, "")
    )


def _column(tbl: str, fld: str) -> Any:
    sa_table: Table | None = synced_tables().get(tbl)
    if sa_table is None or fld not in sa_table.columns:
        return None
    return sa_table.columns[fld]


# Money-typed columns that hold KPI figures (visits, tonnes or amounts, by KPI): plain numbers.
_KPI_FIGURES = frozenset(
    {("kpi_targets", "target_value"), ("appraisal_lines", "target"), ("appraisal_lines", "actual")}
)
# Columns that are a percentage, shown with "%" (``tests/unit/test_sync_labels.py`` fails on a
# percent-like column of a synced table that is in neither this list nor ``_GRADE_COLUMNS``).
_PERCENT_COLUMNS = frozenset(
    {
        "probability",
        "tolerance_pct",
        "vat_rate",
        "provisional_pct",
        "moisture_pct",
        "completion_pct",
    }
)
# Columns of the ``Percent`` type that are a grade in its own unit (%, g/t, ppm, by analyte):
# plain numbers. They share ``Money``'s scale, so without this list they would read as money.
_GRADE_COLUMNS = frozenset(
    {
        ("assay_results", "value"),
        ("quality_specs", "typical"),
        ("quality_specs", "min_value"),
        ("quality_specs", "max_value"),
        ("quality_specs", "reject_min"),
        ("quality_specs", "reject_max"),
    }
)

NumberKind = Literal["money", "quantity", "percent", "number"]


def number_kind(tbl: str, fld: str, kind: Any) -> NumberKind:
    """How a column of type ``kind`` is shown. By the type's scale, not by which type object
    the column holds (a column declared with a ``ScaledDecimal(4)`` of its own is money too);
    ``Percent`` has money's scale, so percentages and grades are told apart by column."""
    if fld in _PERCENT_COLUMNS:
        return "percent"
    scale = kind.scale if isinstance(kind, ScaledDecimal) else None
    if scale == Money.scale and (tbl, fld) not in _KPI_FIGURES | _GRADE_COLUMNS:
        return "money"
    if scale == Quantity.scale:
        return "quantity"
    return "number"


def _places(amount: Decimal) -> int:
    """The decimal places ``amount`` needs: trailing zeros dropped (98.1250 → 3)."""
    exponent = amount.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _number_text(tbl: str, fld: str, amount: Decimal) -> str:
    """A stored decimal as the app's screens show it (``ui.format``), but with every decimal the
    column keeps that is not zero: the two sides of a conflict over a unit price of 98.125 and
    98.12 must not both read 98.12, nor FX rates of 7.123456 and 7.1235 both 7.1235."""
    col = _column(tbl, fld)
    shown = number_kind(tbl, fld, None if col is None else col.type)
    places = _places(amount)
    if shown == "money":
        return money(amount, max(places, 2))
    if shown == "quantity":
        return quantity(amount)  # tonnes to the kilogram: all three places the column keeps
    # ``number`` shows 2 to 4 places; beyond 4 (rates, coordinates) the same format, all of them
    text = number(amount) if places <= 4 else money(amount, places)
    return f"{text}%" if shown == "percent" else text


def _is_wire_datetime(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T"


def display_value(conn: Connection, tbl: str, fld: str, value: Any) -> str:
    """A stored (wire) value as a person reads it: labels for codes, amounts as the app shows
    them, names for links, times in local time."""
    if value is None or value == "":
        return translate("SyncLabels", "(empty)")
    if fld == INSERT_FIELD or isinstance(value, dict):
        return translate("SyncLabels", "(whole record)")
    if (tbl, fld) in PRIVATE_FIELDS:
        return translate("SyncLabels", "(not shown)")
    col = _column(tbl, fld)
    if col is None:
        return str(value)
    kind = col.type
    if isinstance(kind, ScaledDecimal) and isinstance(value, int) and not isinstance(value, bool):
        return _number_text(tbl, fld, Decimal(value).scaleb(-kind.scale))
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
    if isinstance(kind, UTCDateTime) or _is_wire_datetime(value):
        try:
            moment = _utc(value)
        except (TypeError, ValueError):
            return str(value)
        return local_time(moment)  # stored in UTC, shown in local time as everywhere else
    return str(value)


# --- what the database refused ----------------------------------------------------------------
RefusalKind = Literal["unique", "foreign_key", "not_null", "check"]

# The database's own words for a refused write: SQLite (the laptop, a small server) and
# PostgreSQL (the server), first line only (``reasons.database_words``).
_DATABASE_WORDS: tuple[tuple[RefusalKind, re.Pattern[str]], ...] = (
    ("unique", re.compile(r"UNIQUE constraint failed: (?P<columns>.+)")),
    ("not_null", re.compile(r"NOT NULL constraint failed: (?P<columns>.+)")),
    ("check", re.compile(r"CHECK constraint failed: (?P<constraint>.+)")),
    ("foreign_key", re.compile(r"FOREIGN KEY constraint failed")),
    (
        "unique",
        re.compile(r'duplicate key value violates unique constraint "(?P<constraint>[^"]+)"'),
    ),
    (
        "not_null",
        re.compile(
            r'null value in column "(?P<column>[^"]+)" of relation "(?P<table>[^"]+)"'
            r" violates not-null constraint"
        ),
    ),
    (
        "foreign_key",
        re.compile(
            r'insert or update on table "(?P<table>[^"]+)" violates foreign key constraint'
            r' "(?P<constraint>[^"]+)"'
        ),
    ),
    (
        "check",
        re.compile(
            r'new row for relation "(?P<table>[^"]+)" violates check constraint'
            r' "(?P<constraint>[^"]+)"'
        ),
    ),
)

# How a reason quotes the database (``store._integrity_reason``,
# ``reasons.duplicate_value_reason``).
_QUOTED_DATABASE = re.compile(
    r"(?:another record already has this value|it refers to a record the server does not have"
    r"|a value is out of range|a required value is missing|the database refused it)"
    r" \((?P<words>.*)\)",
    re.S,
)

# (kind, on this computer?) → the sentence naming the field(s)
_REFUSALS: dict[tuple[RefusalKind, bool], str] = {
    ("unique", True): QT_TRANSLATE_NOOP(
        "SyncLabels", "{field} is the same as a record already on this computer"
    ),
    ("unique", False): QT_TRANSLATE_NOOP("SyncLabels", "{field} is already used by another record"),
    ("foreign_key", True): QT_TRANSLATE_NOOP(
        "SyncLabels", "{field} refers to a record that is not on this computer"
    ),
    ("foreign_key", False): QT_TRANSLATE_NOOP(
        "SyncLabels", "{field} refers to a record the server does not have"
    ),
    ("not_null", True): QT_TRANSLATE_NOOP("SyncLabels", "{field} is required but has no value"),
    ("not_null", False): QT_TRANSLATE_NOOP("SyncLabels", "{field} is required"),
    ("check", True): QT_TRANSLATE_NOOP(
        "SyncLabels", "{field} has a value this computer does not accept"
    ),
    ("check", False): QT_TRANSLATE_NOOP(
        "SyncLabels", "{field} has a value the server does not accept"
    ),
}
# A foreign key SQLite refused names no column: the sentence without the field.
_UNNAMED_LINK = {
    True: QT_TRANSLATE_NOOP("SyncLabels", "it refers to a record that is not on this computer"),
    False: QT_TRANSLATE_NOOP("SyncLabels", "it refers to a record the server does not have"),
}


def _columns_named(sa_table: Table, expression: str) -> list[str]:
    """The columns of ``sa_table`` an SQL expression names, in the table's order."""
    words = set(re.findall(r"\w+", expression))
    return [c for c in sa_table.columns.keys() if c in words]


@cache
def _named_constraints() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Constraint and unique index names of the synced tables → (table, columns)."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for tbl, sa_table in synced_tables().items():
        for constraint in sa_table.constraints:
            if not isinstance(constraint, ColumnCollectionConstraint):
                continue
            if not isinstance(constraint.name, str):
                continue
            columns = tuple(c.name for c in constraint.columns)
            if not columns and isinstance(constraint, CheckConstraint):
                # a CHECK over an expression (score BETWEEN 0 AND 100): the columns it names
                columns = tuple(_columns_named(sa_table, str(constraint.sqltext)))
            found[constraint.name] = (tbl, columns)
        for index in sa_table.indexes:
            if index.unique and isinstance(index.name, str):
                found[index.name] = (tbl, tuple(c.name for c in index.columns))
    return found


def _refused_columns(
    kind: RefusalKind, parts: dict[str, str], tbl: str | None, fld: str | None
) -> tuple[str, list[str]] | None:
    """The synced table and columns the database's words name (None: nothing known)."""
    tables = synced_tables()
    if "columns" in parts:  # SQLite: "customers.code" or "quotes.opportunity_id, quotes.version"
        pairs = [p.strip().partition(".") for p in parts["columns"].split(",")]
        names = {t for t, _, _ in pairs}
        if len(names) != 1 or any(not c for _, _, c in pairs):
            index = re.fullmatch(r"index '(?P<name>[^']+)'", parts["columns"].strip())
            if index is None:
                return None
            parts = {"constraint": index["name"]}  # a unique index over an expression
        else:
            table = names.pop()
            columns = [c for _, _, c in pairs]
            if table not in tables or not all(c in tables[table].columns for c in columns):
                return None
            return table, columns
    if "column" in parts:
        table, column = parts["table"], parts["column"]
        if table not in tables or column not in tables[table].columns:
            return None
        return table, [column]
    if "constraint" in parts:
        known = _named_constraints().get(parts["constraint"].strip())
        if known is not None and known[1]:
            return known[0], list(known[1])
        if kind == "check" and tbl in tables:
            # an older SQLite quotes the expression, not the name: the columns it names
            columns = _columns_named(tables[tbl], parts["constraint"])
            if columns:
                return tbl, columns
        return None
    if kind == "foreign_key" and tbl in tables:  # SQLite names no column
        link = tables[tbl].columns.get(fld) if fld else None
        return tbl, [fld] if fld and link is not None and link.foreign_keys else []
    return None


def database_refusal(
    words: str, *, here: bool, tbl: str | None = None, fld: str | None = None
) -> str | None:
    """A write the database refused (a UNIQUE, FOREIGN KEY, NOT NULL or CHECK constraint),
    as a sentence naming the field by its label, in the user's language — or None when the
    words name nothing known (the caller keeps them).

    ``words``: the database's words ("UNIQUE constraint failed: contacts.mobile"), as such or
    quoted in a server's reason ("another record already has this value (…)"). ``here``: this
    laptop's database refused (a pulled change, an ``apply`` inbox entry) rather than the
    server's (a rejected change). ``tbl``/``fld``: the record and field of the entry, for words
    that name no column (SQLite's foreign key failure)."""
    quoted = _QUOTED_DATABASE.fullmatch(words.strip())
    text = (quoted["words"] if quoted else words).strip()
    text = text.splitlines()[0] if text else ""
    for kind, pattern in _DATABASE_WORDS:
        found = pattern.match(text)
        if found is None:
            continue
        parts = {k: v for k, v in found.groupdict().items() if v is not None}
        field = None if fld in (None, INSERT_FIELD, REVOKE_FIELD) else fld
        refused = _refused_columns(kind, parts, tbl, field)
        if refused is None:
            return None
        table, columns = refused
        if not columns:
            return translate(_CONTEXT, _UNNAMED_LINK[here])
        # A key within a parent (a lot number per contract): the parent link goes without
        # saying, the other columns are the field.
        own = [c for c in columns if not _column(table, c).foreign_keys]
        shown = own if own and len(own) < len(columns) else columns
        label = " + ".join(field_label(table, c) for c in shown)
        return translate(_CONTEXT, _REFUSALS[(kind, here)]).format(field=label)
    return None
