"""Change capture on the laptop (SQLite triggers → ``sync_outbox``) and applying server changes.

Capture is done by triggers, not ORM events, because *every* write must be captured in the same
transaction as the change — also writes by the CLI, imports, raw SQL or a DB browser. The triggers
need no Python function on the connection: the hybrid-logical-clock stamp is computed in SQL from
SQLite's clock plus the server offset learned at the last sync (``sync_state.clock_offset_ms``), and
the base sequence is the pull cursor at the time of the change.

- INSERT → one op with field ``*`` and a JSON object of every column.
- UPDATE → one op per changed column (``old.x IS NOT new.x``); a later edit of the same field that
  has not been put in a push batch yet replaces the earlier op (upsert on the pending index).
- DELETE (rows are normally tombstoned, but a raw DELETE must not vanish) → ``is_deleted = 1``.

Local fields (``tables.LOCAL_FIELDS``: the customer search keys) are left out of all three: they
are derived on each laptop, and ``refreshing_local_fields`` recomputes them when server data that
they depend on is applied.

Every trigger is guarded by ``sync_state.capture``: the sync client sets it to 0 inside its own
transactions while applying what it pulled, and bulk loaders (the demo-data generator) wrap their
load in ``capture_paused`` so 100 000 demo customers count as already-synced baseline data.

A migration that recreates a synced table (Alembic batch mode on SQLite copies the table and drops
its triggers) must call ``install_capture_triggers`` again at its end.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, UniqueConstraint, text
from sqlalchemy.exc import IntegrityError

from minesales_desktop.services.customers import (
    SEARCH_KEY_COLUMNS,
    refresh_customer_search_keys,
)
from minesales_desktop.services.numbering import LOT_INFIX, counted
from minesales_desktop.sync.hlc import SQLITE_NOW_MS
from minesales_desktop.sync.tables import (
    INSERT_FIELD,
    LOCAL_FIELDS,
    REVOKE_FIELD,
    SYNC_MIXIN_COLUMNS,
    codec,
    root_path,
    synced_tables,
)

TRIGGER_PREFIXES = ("sync_ai_", "sync_au_", "sync_ad_")
MAX_JSON_OBJECT_COLUMNS = 60  # json_object() takes 2 args per column; SQLite allows 127 args

_CAPTURE_ON = "(SELECT capture FROM sync_state WHERE id = 1) = 1"
_NEXT_HLC = (
    "UPDATE sync_state SET hlc = max(hlc + 1, "
    f"({SQLITE_NOW_MS} + clock_offset_ms) * 65536) WHERE id = 1;"
)
#: An op id: the stamp (16 hex digits), then 6 random bytes (the fields of one UPDATE share a
#: stamp). 28 characters that grow with time: the server's op-id index (``sync_ops``) appends
#: instead of writing a random page per op, and the random part on the wire is half as long as
#: the 12 random bytes of protocol 2. Derived new-row ids (``protocol.derived_op_id``) have 32.
_OP_ID = "printf('%016x', s.hlc) || lower(hex(randomblob(6)))"
#: A later edit of a field whose op is not acknowledged yet replaces that op — with a new op id,
#: so that the answer to the old op (it may be on its way) cannot acknowledge the new value.
_UPSERT = (
    "ON CONFLICT (tbl, row_id, field) WHERE batch_id IS NULL "
    "DO UPDATE SET value = excluded.value, hlc = excluded.hlc, op_id = excluded.op_id"
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _synced_table_columns(conn: Connection) -> dict[str, list[str]]:
    """Synced tables *as they are in this database* (not as the models say): a migration must
    install triggers matching its own schema."""
    names = [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    out: dict[str, list[str]] = {}
    for name in names:
        if name.startswith(("sync_", "sqlite_", "alembic_", "customer_search_fts")):
            continue
        cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({_q(name)})")]
        if SYNC_MIXIN_COLUMNS <= set(cols):
            out[name] = cols
    return out


def capture_trigger_sql(
    tbl: str, columns: Sequence[str], local: Iterable[str] | None = None
) -> list[str]:
    """CREATE TRIGGER statements capturing inserts, updates and deletes of ``tbl``.

    ``local`` names columns never captured (default: the table's ``LOCAL_FIELDS``). The update
    trigger fires only for statements that set a captured column (``UPDATE OF``), so recomputing
    local fields does not even run it.
    """
    skip = set(LOCAL_FIELDS.get(tbl, ()) if local is None else local)
    fields = [c for c in columns if c != "id" and c not in skip]
    if len(fields) > MAX_JSON_OBJECT_COLUMNS:  # pragma: no cover - guard for future tables
        raise ValueError(f"{tbl} has too many columns for one json_object()")
    t = _lit(tbl)
    obj = ", ".join(f"{_lit(c)}, new.{_q(c)}" for c in fields)
    of = ", ".join(_q(c) for c in fields)
    insert = (
        f"CREATE TRIGGER sync_ai_{tbl} AFTER INSERT ON {_q(tbl)} WHEN {_CAPTURE_ON} BEGIN "
        f"{_NEXT_HLC} "
        "INSERT INTO sync_outbox (op_id, tbl, row_id, field, value, hlc, base_seq) "
        f"SELECT {_OP_ID}, {t}, new.id, '*', json_object({obj}), s.hlc, s.cursor "
        f"FROM sync_state AS s WHERE s.id = 1 {_UPSERT}; END"
    )
    changed = " UNION ALL ".join(
        f"SELECT {_lit(c)} AS f, json_quote(new.{_q(c)}) AS v WHERE old.{_q(c)} IS NOT new.{_q(c)}"
        for c in fields
    )
    update = (
        f"CREATE TRIGGER sync_au_{tbl} AFTER UPDATE OF {of} ON {_q(tbl)} WHEN {_CAPTURE_ON} BEGIN "
        f"{_NEXT_HLC} "
        "INSERT INTO sync_outbox (op_id, tbl, row_id, field, value, hlc, base_seq) "
        f"SELECT {_OP_ID}, {t}, new.id, c.f, c.v, s.hlc, s.cursor "
        f"FROM ({changed}) AS c JOIN sync_state AS s ON s.id = 1 WHERE true {_UPSERT}; END"
    )
    delete = (
        f"CREATE TRIGGER sync_ad_{tbl} AFTER DELETE ON {_q(tbl)} WHEN {_CAPTURE_ON} BEGIN "
        f"{_NEXT_HLC} "
        "INSERT INTO sync_outbox (op_id, tbl, row_id, field, value, hlc, base_seq) "
        f"SELECT {_OP_ID}, {t}, old.id, 'is_deleted', '1', s.hlc, s.cursor "
        f"FROM sync_state AS s WHERE s.id = 1 AND old.is_deleted = 0 {_UPSERT}; END"
    )
    return [insert, update, delete]


def drop_capture_triggers(conn: Connection) -> None:
    names = [
        r[0]
        for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        if str(r[0]).startswith(TRIGGER_PREFIXES)
    ]
    for name in names:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}")


def install_capture_triggers(
    conn: Connection, local: Mapping[str, Iterable[str]] | None = None
) -> int:
    """(Re)create the capture triggers of every synced table; returns how many tables.

    Local fields (``local``, default ``LOCAL_FIELDS``; a downgrade past migration 0005 passes
    ``{}``) are not captured. Only on SQLite: the server (SQLite or PostgreSQL) records its
    changes in ``sync_log`` itself and never captures.
    """
    if conn.dialect.name != "sqlite":
        return 0
    skip = LOCAL_FIELDS if local is None else local
    drop_capture_triggers(conn)
    tables = _synced_table_columns(conn)
    for tbl, cols in tables.items():
        for statement in capture_trigger_sql(tbl, cols, skip.get(tbl, ())):
            conn.exec_driver_sql(statement)
    return len(tables)


# --- the capture switch -----------------------------------------------------------------------
def set_capture(conn: Connection, enabled: bool) -> None:
    """Switch capture on or off *in this connection's transaction* (committed with it)."""
    conn.execute(text("UPDATE sync_state SET capture = :c WHERE id = 1"), {"c": int(enabled)})


@contextmanager
def capture_paused(conn: Connection) -> Iterator[None]:
    """Writes inside the block are not captured for sync (bulk loads, applying pulled changes).

    Use it inside one transaction: ``with engine.begin() as conn, capture_paused(conn): ...``.
    Other connections cannot write meanwhile (SQLite has one writer), so nothing else is missed.
    """
    set_capture(conn, False)
    try:
        yield
    finally:
        set_capture(conn, True)


# --- applying changes from the server on the laptop -------------------------------------------
@dataclass
class Pending:
    """What the outbox holds, loaded once per page: local edits must not be overwritten."""

    unresolved: set[tuple[str, str, str]] = field(default_factory=set)  # (tbl, row, field)
    acked: dict[tuple[str, str, str], int] = field(default_factory=dict)  # → server seq

    @classmethod
    def load(cls, conn: Connection, held: Mapping[int, tuple[str, int]] | None = None) -> Pending:
        """``held``: acknowledgements the sync client holds in memory, not yet written
        (``SyncClient._apply_push``): outbox id → (op id, server seq). Such an op counts as
        acknowledged at that seq — unless its row holds another op id now (the field was
        edited again since: that edit is queued)."""
        p = cls()
        for tbl, row_id, fld, acked, k, op_id in conn.exec_driver_sql(
            "SELECT tbl, row_id, field, acked_seq, id, op_id FROM sync_outbox"
        ):
            key = (tbl, row_id, fld)
            if acked is None and held:
                found = held.get(k)
                if found is not None and found[0] == op_id:
                    acked = found[1]
            if acked is None:
                p.unresolved.add(key)
            else:
                p.acked[key] = max(int(acked), p.acked.get(key, 0))
        return p

    def keeps_local(self, tbl: str, row_id: str, fld: str, seq: int) -> bool:
        """True if the laptop's own value of this field must stay (pending, or newer)."""
        if (tbl, row_id, fld) in self.unresolved:
            return True
        if (tbl, row_id, INSERT_FIELD) in self.unresolved:
            return True
        newest = max(
            self.acked.get((tbl, row_id, fld), 0), self.acked.get((tbl, row_id, INSERT_FIELD), 0)
        )
        return newest > seq

    def forget(self, tbl: str, row_id: str) -> None:
        """The row's queued ops left the outbox (refused on the laptop itself)."""
        self.unresolved = {key for key in self.unresolved if key[:2] != (tbl, row_id)}


def row_exists(conn: Connection, tbl: str, row_id: str) -> bool:
    found = conn.exec_driver_sql(f"SELECT 1 FROM {_q(tbl)} WHERE id = ?", (row_id,)).first()
    return found is not None


def write_fields(conn: Connection, tbl: str, row_id: str, values: dict[str, Any]) -> None:
    """Write wire values verbatim (they are SQLite storage values); local fields and unknown
    keys are ignored."""
    cols = codec(tbl).columns
    values = {k: v for k, v in values.items() if k in cols}
    if not values:
        return
    assignments = ", ".join(f"{_q(k)} = ?" for k in values)
    conn.exec_driver_sql(
        f"UPDATE {_q(tbl)} SET {assignments} WHERE id = ?", (*values.values(), row_id)
    )


def insert_row(conn: Connection, tbl: str, row_id: str, values: dict[str, Any]) -> None:
    """Insert a row from wire values; local fields get their fill value (recomputed later)."""
    tc = codec(tbl)
    values = tc.with_local({k: v for k, v in values.items() if k in tc.columns})
    names = ", ".join(["id", *(_q(k) for k in values)])
    marks = ", ".join("?" for _ in range(len(values) + 1))
    conn.exec_driver_sql(
        f"INSERT INTO {_q(tbl)} ({names}) VALUES ({marks})", (row_id, *values.values())
    )


def apply_row(
    conn: Connection, tbl: str, row_id: str, values: dict[str, Any], seq: int, pending: Pending
) -> bool:
    """Apply server values to one row, keeping fields the laptop still has to push.

    Returns False if the row is missing locally and ``values`` is not a whole row.
    """
    keep = {k: v for k, v in values.items() if not pending.keeps_local(tbl, row_id, k, seq)}

    def apply() -> bool:
        if row_exists(conn, tbl, row_id):
            write_fields(conn, tbl, row_id, keep)
            return True
        if not _is_whole_row(tbl, values):
            return False
        insert_row(conn, tbl, row_id, values)
        return True

    spec = RENUMBERED.get(tbl)
    if spec is None or spec.key not in keep:
        return apply()
    nested = conn.begin_nested()
    try:
        done = apply()
    except IntegrityError:
        nested.rollback()
        if not make_room(conn, tbl, row_id, values):
            raise
        return apply()
    nested.commit()
    return done


def renumbered_no(number: str, old: int, new: int) -> str:
    """A document number whose trailing version ``old`` becomes ``new`` (``…-Q3`` → ``…-Q4``);
    a number that does not end in its version stays as it is."""
    head = number.rstrip("0123456789")
    tail = number[len(head) :]
    if tail and int(tail) == old:
        return f"{head}{str(new).zfill(len(tail))}"  # "…-001" → "…-002", as it was written
    return number


@dataclass(frozen=True)
class Counter:
    """A per-parent counter two laptops can both take offline: the next quote version of an
    opportunity (``version``, with its number ``…-Q2``), the next lot number the app gives a
    contract's shipment (``<contract no>-L03``: the digits after the parent's own number and
    ``series`` are the counter). The server keeps both rows and gives the one it gets second
    the next free value (``sync.server.store``); the laptops follow (``make_room``). A number
    outside the counter (a lot number typed by hand: a B/L number, another contract's number)
    is never renumbered: a clash is refused as before."""

    parent: str  # the parent's column: rows of one parent count together
    number: str  # the document number
    version: str | None = None  # an integer version column, if the counter has one
    # Without a version: (parent table, its number column, the text after it) that start the
    # numbers the app makes, e.g. ("contracts", "contract_no", "-L") → "HT-2026-007-L".
    series: tuple[str, str, str] | None = None

    @property
    def key(self) -> str:
        """The column of the parent's unique key that two laptops' rows clash on."""
        return self.version or self.number

    def series_sql(self) -> str | None:
        """The query (one parameter: the parent's id) for the parent's number, if needed."""
        if self.series is None:
            return None
        table, column, _after = self.series
        return f'SELECT "{column}" FROM "{table}" WHERE id = ?'

    def prefix(self, parent_number: Any) -> str | None:
        """The start of the counted numbers of a parent whose number is ``parent_number``;
        "" for a version counter (every row counts); None if the parent has no number."""
        if self.series is None:
            return ""
        return None if parent_number is None else f"{parent_number}{self.series[2]}"

    def rank(self, values: Mapping[str, Any], prefix: str) -> int | None:
        """The counter's value in a row: its version, or the digits after ``prefix`` (None:
        a number outside the counter, never renumbered)."""
        if self.version is not None:
            version = values.get(self.version)
            return None if version is None else int(version)
        return counted(values.get(self.number), prefix)

    def stored(self, version: Any, number: Any) -> dict[str, Any]:
        """A row's counter columns as read back: its number, and its version if it has one."""
        row = {self.number: number}
        if self.version is not None:
            row[self.version] = version
        return row

    def aside(self, value: Any, row_id: str) -> Any:
        """Where a row holding key value ``value`` steps aside while an answer is applied
        (``client._park_renumbered``): a negative version, or a number of its own id."""
        return -int(value) if self.version is not None else f"~{row_id}"

    def moved(self, values: Mapping[str, Any], new: int, prefix: str) -> dict[str, Any]:
        """``values`` with the counter set to ``new`` (the version and the number, or the
        number alone; zero padding kept)."""
        old = self.rank(values, prefix)
        out = dict(values)
        if self.version is not None:
            out[self.version] = new
        number = values.get(self.number)
        if isinstance(number, str) and old is not None:
            out[self.number] = renumbered_no(number, old, new)
        return out


#: Per-parent counters two laptops can both take offline (``Counter``), by table.
RENUMBERED: dict[str, Counter] = {
    "quotes": Counter("opportunity_id", "quote_no", "version"),
    "shipments": Counter("contract_id", "lot_no", series=("contracts", "contract_no", LOT_INFIX)),
}
#: The answer's ``k`` for a new row taken under another number, and the laptop's inbox kind.
RENUMBERED_KIND = "renumbered"


def number_fits(tbl: str, values: Mapping[str, Any]) -> bool:
    """Whether a renumbered row's number still fits its column (``…-L99`` → ``…-L100`` may
    not: PostgreSQL refuses a longer one, SQLite would keep it)."""
    column = RENUMBERED[tbl].number
    length = getattr(synced_tables()[tbl].c[column].type, "length", None)
    number = values.get(column)
    return length is None or not isinstance(number, str) or len(number) <= length


def make_room(conn: Connection, tbl: str, row_id: str, values: Mapping[str, Any]) -> bool:
    """Before the laptop writes the server's ``values`` to a row of a renumbered table
    (``RENUMBERED``): if another local row of the same parent holds that version (or lot
    number), this laptop's own rows of the parent from that value on that the server has not
    taken yet (their new-row op still queued) move up past the highest, in their order — the
    server renumbers each when it gets it, behind the row written here, so their order never
    flips (a moved row the server takes as it was sent, its number being free there, gets that
    number back when the answer comes: ``client._apply_push``). Capture is paused while server
    data is applied: their queued ops keep the values they were made with. True if rows moved;
    False if the clashing row is not such a row (then nothing moves)."""
    spec = RENUMBERED.get(tbl)
    if spec is None:
        return False
    parent = values.get(spec.parent)
    if parent is None:
        found = conn.exec_driver_sql(
            f"SELECT {_q(spec.parent)} FROM {_q(tbl)} WHERE id = ?", (row_id,)
        ).first()
        parent = None if found is None else found[0]
    if parent is None:
        return False
    series_sql = spec.series_sql()
    prefix = spec.prefix(
        None if series_sql is None else conn.exec_driver_sql(series_sql, (parent,)).scalar()
    )
    rank = None if prefix is None else spec.rank(values, prefix)
    if prefix is None or rank is None:
        return False
    # "Queued" read from the outbox itself: the sync client never holds the ack of a new row
    # of a renumbered table in memory (``SyncClient._apply_push`` writes those answers).
    queued = (
        f"EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tbl = ? AND o.row_id = {_q(tbl)}.id"
        f" AND o.field = ? AND o.acked_seq IS NULL)"
    )
    version = _q(spec.version) if spec.version else "NULL"
    found_rows = conn.exec_driver_sql(
        f"SELECT id, {version}, {_q(spec.number)}, {queued} FROM {_q(tbl)}"
        f" WHERE {_q(spec.parent)} = ?",
        (tbl, INSERT_FIELD, parent),
    ).all()
    siblings = []  # (rank, id, row values, own and queued)
    for other, v, number, own in found_rows:
        row = spec.stored(v, number)
        n = spec.rank(row, prefix)
        if n is not None:
            siblings.append((n, other, row, bool(own)))
    key = values.get(spec.key)
    clash = any(
        own and other != row_id and row[spec.key] == key for _n, other, row, own in siblings
    )
    if not clash:
        return False
    top = max(n for n, *_rest in siblings)
    moving = sorted(
        (n, other, row) for n, other, row, own in siblings if own and other != row_id and n >= rank
    )
    sets = [spec.number] + ([spec.version] if spec.version else [])
    moves = [(spec.moved(row, new, prefix), other) for new, (_n, other, row) in
             enumerate(moving, start=top + 1)]  # fmt: skip
    if not all(number_fits(tbl, moved) for moved, _other in moves):
        return False
    for moved, other in moves:
        conn.exec_driver_sql(
            f"UPDATE {_q(tbl)} SET {', '.join(f'{_q(c)} = ?' for c in sets)} WHERE id = ?",
            (*(moved[c] for c in sets), other),
        )
    return True


@cache
def unique_keys(tbl: str) -> tuple[tuple[str, ...], ...]:
    """The column sets of a synced table that no two rows may share, from the models: its
    unique constraints (``customers.uscc``; composite ones such as shipments' (contract, lot
    number)) and unique indexes. A partial or expression index is left out: equal values need
    not clash there."""
    table = synced_tables()[tbl]
    keys = [
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    for index in table.indexes:
        partial = any(
            index.dialect_kwargs.get(f"{dialect}_where") is not None
            for dialect in ("sqlite", "postgresql")
        )
        if index.unique and not partial and len(index.expressions) == len(index.columns):
            keys.append(tuple(c.name for c in index.columns))
    return tuple(dict.fromkeys(key for key in keys if key))


def queued_rows_holding(
    conn: Connection,
    tbl: str,
    row_id: str,
    values: Mapping[str, Any],
    seq: int,
    pending: Pending,
) -> list[str]:
    """Other local rows of ``tbl`` that hold a unique value (``unique_keys``) which the
    server's ``values`` would give row ``row_id`` — as ``apply_row`` writes them: over the
    local row, a field the laptop keeps stays as it is here — and that the server cannot have:
    their new-row op is still in the outbox, never acknowledged. A clash with such a row is
    one the server settles the other way round when it gets this laptop's row: refused, as
    the server holds the pulled one (``client.SyncClient._refuse_queued_clashes``). Rows
    whose new-row op was acknowledged never count: the server has them."""
    keys = unique_keys(tbl)
    if not keys:
        return []
    columns = list(dict.fromkeys(c for key in keys for c in key))
    found = conn.exec_driver_sql(
        f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(tbl)} WHERE id = ?", (row_id,)
    ).first()
    if found is not None:
        after = dict(zip(columns, found, strict=True))
        after.update(
            (k, v) for k, v in values.items() if not pending.keeps_local(tbl, row_id, k, seq)
        )
    elif _is_whole_row(tbl, dict(values)):
        after = dict(values)
    else:
        return []  # apply_row writes nothing
    # "Queued" read from the outbox itself: the sync client writes the acks it holds in memory
    # before a page is applied change by change, the only way here.
    queued = (
        "EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tbl = ? AND o.row_id = t.id"
        " AND o.field = ? AND o.acked_seq IS NULL)"
    )
    holding: list[str] = []
    for key in keys:
        if any(after.get(c) is None for c in key):
            continue  # NULLs never clash
        same = " AND ".join(f"t.{_q(c)} = ?" for c in key)
        holding.extend(
            str(r[0])
            for r in conn.exec_driver_sql(
                f"SELECT t.id FROM {_q(tbl)} AS t WHERE {same} AND t.id <> ? AND {queued}",
                (*(after[c] for c in key), row_id, tbl, INSERT_FIELD),
            )
        )
    return list(dict.fromkeys(holding))


def _is_whole_row(tbl: str, values: dict[str, Any]) -> bool:
    required = [n for n, c in codec(tbl).columns.items() if not c.nullable]
    return all(n in values for n in required)


# --- local fields -----------------------------------------------------------------------------
#: Changes that alter the inputs of the customer search keys (the only local fields so far):
#: a whole row, or a customer's names, code and USCC, or a contact's phones, tombstone, customer.
SEARCH_KEY_INPUTS: dict[str, frozenset[str]] = {
    tbl: frozenset({INSERT_FIELD, *cols}) for tbl, cols in SEARCH_KEY_COLUMNS.items()
}
_CHUNK = 500


def _contact_customers(conn: Connection, contact_ids: Sequence[str]) -> set[str]:
    """The customers these contacts (those present locally) belong to right now."""
    out: set[str] = set()
    for start in range(0, len(contact_ids), _CHUNK):
        chunk = contact_ids[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        out.update(
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT customer_id FROM contacts WHERE id IN ({marks})", tuple(chunk)
            )
            if r[0] is not None
        )
    return out


def refresh_local_fields(conn: Connection, customer_ids: Iterable[str]) -> int:
    """Recompute the local fields (search keys) of these customers; returns rows changed."""
    return refresh_customer_search_keys(conn, customer_ids)


@contextmanager
def refreshing_local_fields(
    conn: Connection, changes: Iterable[tuple[str, str, str]]
) -> Iterator[set[str]]:
    """Around applying ``changes`` ((table, row id, field) each): recompute afterwards the local
    fields of every customer whose inputs they touch, in the same transaction.

    A contact's customer is looked up before *and* after, so a contact moved from customer A to
    B refreshes both (and a contact dropped locally still refreshes its customer). Yields the set
    of customer ids (filled in on exit). If the block raises, nothing is refreshed.
    """
    customers: set[str] = set()
    contacts: set[str] = set()
    for tbl, row_id, fld in changes:
        if fld not in SEARCH_KEY_INPUTS.get(tbl, ()):
            continue
        (customers if tbl == "customers" else contacts).add(row_id)
    contact_ids = sorted(contacts)
    customers |= _contact_customers(conn, contact_ids)
    yield customers
    customers |= _contact_customers(conn, contact_ids)
    if customers:
        refresh_local_fields(conn, customers)


def subtree_rows(conn: Connection, root_tbl: str, root_id: str) -> list[tuple[str, str]]:
    """(table, id) of every local row under scope root ``root_tbl``/``root_id``; parents first."""
    rows: list[tuple[str, str]] = []
    for tbl in synced_tables():
        path = root_path(tbl)
        if tbl == root_tbl:
            # A customer goes with its subtree; a person (users row) stays: users are global.
            if root_tbl == "customers" and row_exists(conn, tbl, root_id):
                rows.append((tbl, root_id))
            continue
        if not path or path[-1][1] != root_tbl:
            continue
        # Nested IN-subqueries along the path, innermost at the root.
        sql = "?"
        for i in range(len(path) - 1, 0, -1):
            fk = path[i][0]
            sql = f"SELECT id FROM {_q(path[i - 1][1])} WHERE {_q(fk)} IN ({sql})"
        sql = f"SELECT id FROM {_q(tbl)} WHERE {_q(path[0][0])} IN ({sql})"
        rows.extend((tbl, r[0]) for r in conn.exec_driver_sql(sql, (root_id,)))
    return rows


def drop_subtree(conn: Connection, root_tbl: str, root_id: str) -> int:
    """Remove a revoked scope root and everything under it from the laptop (children first)."""
    rows = subtree_rows(conn, root_tbl, root_id)
    for tbl, row_id in reversed(rows):
        conn.exec_driver_sql(f"DELETE FROM {_q(tbl)} WHERE id = ?", (row_id,))
    return len(rows)


def decode_value(raw: str | None) -> Any:
    """An outbox/log value (JSON text) as a Python value."""
    return None if raw is None else json.loads(raw)


def encode_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


__all__ = [
    "INSERT_FIELD",
    "REVOKE_FIELD",
    "Pending",
    "apply_row",
    "capture_paused",
    "capture_trigger_sql",
    "decode_value",
    "drop_subtree",
    "encode_value",
    "install_capture_triggers",
    "queued_rows_holding",
    "refresh_local_fields",
    "refreshing_local_fields",
    "set_capture",
    "subtree_rows",
    "unique_keys",
]
