"""The server's change store: field-level merge of pushed ops, the gap-free log, pulls by cursor.

Ordering and the sequence-gap race
    Every write transaction (a push batch, a server-side change) first takes one lock — a
    transaction-scoped advisory lock on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite — and then
    numbers its log entries ``max(seq) + 1, …``. Commits are therefore serialised and a number is
    only ever handed out after every smaller one is committed: a reader can never see seq 11
    while seq 10 is still in flight (which is what goes wrong with a plain PostgreSQL
    ``SEQUENCE``: numbers are taken at insert time and commit out of order). A rolled-back batch
    takes its numbers with it, so the sequence has no gaps either.

Idempotency
    The answer to each batch is stored in the same transaction as its effects. A replayed batch id
    gets the stored answer; an op id seen before (in any batch) gets its earlier result.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.migrate import current_revision, head_revision, upgrade
from minesales_desktop.ids import new_id
from minesales_desktop.models.enums import ContractStatus, Role
from minesales_desktop.models.sync import SyncBatch, SyncLogEntry, SyncOp
from minesales_desktop.sync import hlc
from minesales_desktop.sync.protocol import Change, OpResult, PullReply, PushReply, PushRequest
from minesales_desktop.sync.server.scopes import (
    Viewer,
    load_viewers,
    sees_customer,
    visible_root_set,
    visible_rows,
)
from minesales_desktop.sync.tables import (
    ADMIN_TABLES,
    APPEND_ONLY,
    CUSTOMER_PATHS,
    INSERT_FIELD,
    MANAGER_TABLES,
    PRIVATE_FIELDS,
    REVOKE_FIELD,
    SCOPE_NODE,
    SELF_SERVICE_USER_FIELDS,
    SERVER_NODE,
    SILENT_FIELDS,
    USER_PATHS,
    codec,
    root_path,
    synced_tables,
)

LOCK_KEY = 0x4D53594E  # "MSYN": the one advisory lock every server write takes
USER_SCOPE_FIELDS = frozenset({"team_id", "role", "active", "is_deleted"})
CONTRACT_ORDER = [
    ContractStatus.DRAFT.value,
    ContractStatus.IN_REVIEW.value,
    ContractStatus.APPROVED.value,
    ContractStatus.SIGNED.value,
    ContractStatus.EXECUTING.value,
    ContractStatus.COMPLETED.value,
]
FAULT_ENV = "MINESALES_SYNC_FAULT"  # test-only fault injection, see tests/sync


def make_server_engines(url: str) -> tuple[Engine, Engine]:
    """(writer, reader) engines. On SQLite the writer begins every transaction IMMEDIATE so two
    writers never deadlock upgrading a read lock; readers stay deferred and never block."""
    writer = make_engine(url, pool_pre_ping=True)
    if writer.dialect.name != "sqlite":
        return writer, writer

    @event.listens_for(writer, "connect")
    def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(writer, "begin")
    def _begin_immediate(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    reader = make_engine(url)
    return writer, reader


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class LogRow:
    seq: int
    field: str
    value: str | None
    hlc: int
    node: str
    user: str | None


class LogWriter:
    """Appends log entries inside one locked write transaction, numbering them gap-free."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        last = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_log")).scalar_one()
        self.next_seq = int(last) + 1

    def append(
        self,
        tbl: str,
        row_id: str,
        field: str,
        value: Any,
        stamp: int,
        node: str,
        user: str | None,
        *,
        audience: list[str] | None = None,
        conflict: dict[str, Any] | None = None,
    ) -> int:
        seq = self.next_seq
        self.next_seq += 1
        self.conn.execute(
            insert(SyncLogEntry).values(
                seq=seq,
                tbl=tbl,
                row_id=row_id,
                field=field,
                value=None if field == REVOKE_FIELD and value is None else _json(value),
                hlc=stamp,
                node_id=node,
                user_id=user,
                audience=None if audience is None else _json(sorted(audience)),
                conflict=None if conflict is None else _json(conflict),
            )
        )
        return seq


def read_row(conn: Connection, tbl: str, row_id: str) -> dict[str, Any] | None:
    """The row's storage values (plain Python values), or None."""
    storage = codec(tbl).storage
    found = conn.execute(select(storage).where(storage.c.id == row_id)).mappings().first()
    if found is None:
        return None
    return {k: v for k, v in found.items() if k != "id"}


class Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Store:
    """Everything the HTTP layer asks of the central database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.writer, self.reader = make_server_engines(url)

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

    # --- setup ------------------------------------------------------------------------------
    def prepare(self) -> int:
        """Upgrade the schema to head, switch laptop-side capture off, adopt existing rows."""
        if current_revision(self.writer) != head_revision():
            upgrade(self.writer)
        with self.writer.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(text("UPDATE sync_state SET capture = 0 WHERE id = 1"))
        return self.adopt_existing_rows()

    @contextmanager
    def writing(self) -> Iterator[LogWriter]:
        with self.writer.begin() as conn:
            yield LogWriter(conn)

    def adopt_existing_rows(self) -> int:
        """Put rows that are in the tables but not in the log (a demo database, rows made before
        sync) into the log as whole-row entries, so laptops pull them like any other change."""
        adopted = 0
        stamp = hlc.server_now()
        with self.writing() as w:
            for tbl in synced_tables():
                tc = codec(tbl)
                storage = tc.storage
                known = select(SyncLogEntry.row_id).where(SyncLogEntry.tbl == tbl)
                rows = w.conn.execute(
                    select(storage).where(storage.c.id.not_in(known)).order_by(storage.c.id)
                ).mappings()
                for row in rows.all():
                    values = tc.encode_row({k: v for k, v in row.items() if k != "id"})
                    w.append(tbl, row["id"], INSERT_FIELD, values, stamp, SERVER_NODE, None)
                    adopted += 1
        return adopted

    # --- server-side changes (server-user, admin tools) ---------------------------------------
    def record_change(self, w: LogWriter, tbl: str, row_id: str, user_id: str | None) -> None:
        """Log the current state of a row changed on the server itself (whole row)."""
        row = read_row(w.conn, tbl, row_id)
        assert row is not None
        w.append(
            tbl,
            row_id,
            INSERT_FIELD,
            codec(tbl).encode_row(row),
            hlc.server_now(),
            SERVER_NODE,
            user_id,
        )

    # --- hello ------------------------------------------------------------------------------
    def head(self) -> int:
        with self.reader.connect() as conn:
            head = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_log")).scalar_one()
            return int(head)

    def anything_to_pull(self, node: str, cursor: int) -> bool:
        with self.reader.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM sync_log WHERE seq > :c AND node_id <> :n LIMIT 1"),
                {"c": cursor, "n": node},
            ).first()
            return found is not None

    # --- push -------------------------------------------------------------------------------
    def push(self, viewer: Viewer, req: PushRequest) -> tuple[PushReply, bool]:
        """Apply one batch; returns (answer, replayed)."""
        with self.writing() as w:
            stored = w.conn.execute(
                select(SyncBatch.response).where(SyncBatch.batch_id == req.batch)
            ).scalar_one_or_none()
            if stored is not None:
                return PushReply.model_validate_json(stored), True
            viewers = load_viewers(w.conn)
            results: list[OpResult] = []
            for op in req.ops:
                prior = w.conn.execute(
                    select(SyncOp.batch_id).where(SyncOp.op_id == op.i)
                ).scalar_one_or_none()
                if prior is not None:
                    results.append(self._prior_result(w.conn, prior, op.i))
                    continue
                results.append(_Merge(self, w, viewer, viewers, req.node, op).run())
                w.conn.execute(insert(SyncOp).values(op_id=op.i, batch_id=req.batch))
            reply = PushReply(batch=req.batch, results=results, server_ms=hlc.wall_ms())
            w.conn.execute(
                insert(SyncBatch).values(
                    batch_id=req.batch,
                    node_id=req.node,
                    user_id=viewer.user_id,
                    response=reply.model_dump_json(exclude_defaults=True),
                    created_at=_now(),
                )
            )
        if os.environ.get(FAULT_ENV) == "exit-after-push-commit":
            os._exit(70)  # the batch is committed, the answer is never sent
        return reply, False

    def _prior_result(self, conn: Connection, batch_id: str, op_id: str) -> OpResult:
        stored = conn.execute(
            select(SyncBatch.response).where(SyncBatch.batch_id == batch_id)
        ).scalar_one()
        for result in PushReply.model_validate_json(stored).results:
            if result.i == op_id:
                return result
        return OpResult(i=op_id, s="rejected", reason="duplicate op id")  # pragma: no cover

    # --- pull -------------------------------------------------------------------------------
    def pull(self, viewer: Viewer, node: str, cursor: int, limit: int) -> PullReply:
        limit = max(1, min(limit, 5000))
        with self.reader.connect() as conn:
            viewers = load_viewers(conn)
            rows = conn.execute(
                text(
                    "SELECT seq, tbl, row_id, field, value, hlc, node_id, user_id, audience,"
                    " conflict FROM sync_log WHERE seq > :c ORDER BY seq LIMIT :n"
                ),
                {"c": cursor, "n": limit},
            ).all()
            candidates = [
                (r[1], r[2]) for r in rows if r[8] is None and r[6] != node and not viewer.is_admin
            ]
            visible = visible_rows(conn, viewer, viewers, candidates) if candidates else set()
        changes: list[Change] = []
        for seq, tbl, row_id, fld, value, stamp, origin, user, audience, conflict in rows:
            if audience is not None:
                if viewer.user_id not in json.loads(audience):
                    continue
            elif origin == node:
                continue
            elif not viewer.is_admin and (tbl, row_id) not in visible:
                continue
            decoded = None if value is None else json.loads(value)
            if tbl == "users" and row_id != viewer.user_id:
                if fld == "password_hash":
                    continue
                if fld == INSERT_FIELD and isinstance(decoded, dict):
                    decoded.pop("password_hash", None)
            changes.append(
                Change(
                    s=seq,
                    t=tbl,
                    r=row_id,
                    f=fld,
                    v=decoded,
                    h=stamp,
                    u=user,
                    x=None if conflict is None else json.loads(conflict),
                )
            )
        new_cursor = int(rows[-1][0]) if rows else cursor
        return PullReply(changes=changes, cursor=new_cursor, more=len(rows) == limit)

    # --- scope changes ----------------------------------------------------------------------
    def snapshot(self, w: LogWriter, kind: str, root_id: str, audience: list[str]) -> None:
        """Re-send every row under a scope root to the users who just gained it."""
        stamp = hlc.server_now()
        root_tbl = "customers" if kind == "customer" else "users"
        paths = CUSTOMER_PATHS if kind == "customer" else USER_PATHS
        for tbl in synced_tables():
            if tbl not in paths:
                continue
            path = root_path(tbl)
            tc = codec(tbl)
            if not path:
                if root_tbl != tbl:
                    continue
                sql = 'SELECT id FROM "customers" WHERE id = :root'
            else:
                inner = ":root"
                for i in range(len(path) - 1, 0, -1):
                    inner = f'SELECT id FROM "{path[i - 1][1]}" WHERE "{path[i][0]}" IN ({inner})'
                sql = f'SELECT id FROM "{tbl}" WHERE "{path[0][0]}" IN ({inner})'
            ids = [r[0] for r in w.conn.execute(text(sql), {"root": root_id})]
            for row_id in ids:
                row = read_row(w.conn, tbl, row_id)
                if row is not None:
                    w.append(
                        tbl,
                        row_id,
                        INSERT_FIELD,
                        tc.encode_row(row),
                        stamp,
                        SCOPE_NODE,
                        None,
                        audience=audience,
                    )

    def revoke(self, w: LogWriter, kind: str, root_id: str, audience: list[str]) -> None:
        root_tbl = "customers" if kind == "customer" else "users"
        w.append(
            root_tbl,
            root_id,
            REVOKE_FIELD,
            None,
            hlc.server_now(),
            SCOPE_NODE,
            None,
            audience=audience,
        )

    def rescope_customer(
        self, w: LogWriter, customer_id: str, old_owner: str | None, new_owner: str | None
    ) -> None:
        viewers = load_viewers(w.conn)
        before = {v for v, vw in viewers.items() if sees_customer(vw, old_owner, viewers)}
        after = {v for v, vw in viewers.items() if sees_customer(vw, new_owner, viewers)}
        if after - before:
            self.snapshot(w, "customer", customer_id, sorted(after - before))
        if before - after:
            self.revoke(w, "customer", customer_id, sorted(before - after))

    def rescope_user(self, w: LogWriter, user_id: str, viewers_before: dict[str, Viewer]) -> None:
        viewers_after = load_viewers(w.conn)
        teams = {
            t
            for t in (
                viewers_before.get(user_id, Viewer(user_id, "", None)).team_id,
                viewers_after.get(user_id, Viewer(user_id, "", None)).team_id,
            )
            if t is not None
        }
        affected = (
            {user_id}
            | {v for v, vw in viewers_after.items() if vw.team_id in teams and vw.sees_team}
            | {v for v, vw in viewers_before.items() if vw.team_id in teams and vw.sees_team}
        )
        gained: dict[tuple[str, str], list[str]] = {}
        lost: dict[tuple[str, str], list[str]] = {}
        for v in sorted(affected):
            b = viewers_before.get(v)
            a = viewers_after.get(v)
            set_b = visible_root_set(w.conn, b, viewers_before) if b and b.active else set()
            set_a = visible_root_set(w.conn, a, viewers_after) if a and a.active else set()
            for root in set_a - set_b:
                gained.setdefault(root, []).append(v)
            for root in set_b - set_a:
                lost.setdefault(root, []).append(v)
        for (kind, root_id), users in sorted(gained.items()):
            self.snapshot(w, kind, root_id, users)
        for (kind, root_id), users in sorted(lost.items()):
            self.revoke(w, kind, root_id, users)


class _Merge:
    """Field-level merge of one op against the server's row and log (see docs/sync-protocol.md)."""

    def __init__(
        self,
        store: Store,
        w: LogWriter,
        viewer: Viewer,
        viewers: dict[str, Viewer],
        node: str,
        op: Any,
    ) -> None:
        self.store = store
        self.w = w
        self.conn = w.conn
        self.viewer = viewer
        self.viewers = viewers
        self.node = node
        self.op = op
        self.stamp = hlc.clamp_to_server(int(op.h))

    # results
    def _cur(self, existing: dict[str, Any] | None) -> tuple[Any, bool]:
        if existing is None:
            return None, False
        tc = codec(self.op.t)
        if self.op.f == INSERT_FIELD:
            return tc.encode_row(existing), True
        return tc.columns[self.op.f].encode(existing.get(self.op.f)), True

    def _rejected(self, reason: str, existing: dict[str, Any] | None) -> OpResult:
        cur, has = self._cur(existing)
        return OpResult(i=self.op.i, s="rejected", reason=reason, cur=cur, has_cur=has)

    def run(self) -> OpResult:
        op = self.op
        if op.t not in synced_tables():
            return OpResult(i=op.i, s="rejected", reason=f"unknown table {op.t}")
        tc = codec(op.t)
        try:
            if op.f == INSERT_FIELD:
                if not isinstance(op.v, dict):
                    raise ValueError("a new row must be an object")
                values = tc.decode_row(op.v)
            elif op.f in tc.columns:
                values = {op.f: tc.columns[op.f].decode(op.v)}
            else:
                raise ValueError(f"{op.t} has no field {op.f}")
        except ValueError as exc:
            return OpResult(i=op.i, s="rejected", reason=f"malformed change: {exc}")
        existing = read_row(self.conn, op.t, op.r)
        try:
            self._check_rights(existing, values)
        except Rejected as exc:
            return self._rejected(exc.reason, existing)
        if existing is None:
            if op.f != INSERT_FIELD:
                return self._rejected("the record does not exist on the server", None)
            return self._insert(values)
        return self._merge(existing, values)

    # rights
    def _check_rights(self, existing: dict[str, Any] | None, values: dict[str, Any]) -> None:
        v, tbl, row_id = self.viewer, self.op.t, self.op.r
        if not v.active:
            raise Rejected("your account is disabled")
        if tbl in ADMIN_TABLES and not v.is_admin:
            own = tbl == "users" and row_id == v.user_id and existing is not None
            if not (own and set(values) <= SELF_SERVICE_USER_FIELDS):
                raise Rejected("only an administrator may change users and teams")
        for fld in values:
            if (tbl, fld) in PRIVATE_FIELDS and row_id != v.user_id and not v.is_admin:
                raise Rejected(f"you may not change {fld} of another user")
        if tbl in MANAGER_TABLES and v.role not in (Role.MANAGER.value, Role.ADMIN.value):
            raise Rejected(f"only a manager may change {tbl}")
        if tbl == "contracts" and "status" in values:
            new = str(values["status"])
            old = None if existing is None else str(existing["status"])
            manager = v.role in (Role.MANAGER.value, Role.ADMIN.value)
            if old is not None and old != new:
                if old in (ContractStatus.COMPLETED.value, ContractStatus.TERMINATED.value):
                    raise Rejected(f"the contract is {old}; its status cannot change")
                if (
                    new in CONTRACT_ORDER
                    and CONTRACT_ORDER.index(new) < CONTRACT_ORDER.index(old)
                    and not (old == ContractStatus.IN_REVIEW.value and new == "DRAFT")
                ):
                    raise Rejected(f"a contract's status cannot move backwards ({old} → {new})")
            if new == ContractStatus.APPROVED.value and old != new and not manager:
                raise Rejected("approving a contract needs the manager role")
        if existing is not None and not self._visible():
            raise Rejected("outside your rights: you may not see this record")

    def _visible(self) -> bool:
        if self.viewer.is_admin:
            return True
        key = (self.op.t, self.op.r)
        return key in visible_rows(self.conn, self.viewer, self.viewers, [key])

    # insert
    def _insert(self, values: dict[str, Any]) -> OpResult:
        tc = codec(self.op.t)
        nested = self.conn.begin_nested()
        try:
            self.conn.execute(insert(tc.storage).values(id=self.op.r, **values))
            if not self._visible():
                nested.rollback()
                return self._rejected("outside your rights: you could not see this record", None)
        except IntegrityError as exc:
            nested.rollback()
            return self._rejected(_integrity_reason(exc), None)
        nested.commit()
        row = read_row(self.conn, self.op.t, self.op.r)
        assert row is not None
        seq = self.w.append(
            self.op.t,
            self.op.r,
            INSERT_FIELD,
            tc.encode_row(row),
            self.stamp,
            self.node,
            self.viewer.user_id,
        )
        return OpResult(i=self.op.i, s="applied", seq=seq)

    # merge into an existing row
    def _log_since(self) -> list[LogRow]:
        rows = self.conn.execute(
            text(
                "SELECT seq, field, value, hlc, node_id, user_id FROM sync_log"
                " WHERE tbl = :t AND row_id = :r AND seq > :b AND node_id <> :scope"
                " AND node_id <> :me ORDER BY seq"
            ),
            {
                "t": self.op.t,
                "r": self.op.r,
                "b": int(self.op.b),
                "scope": SCOPE_NODE,
                "me": self.node,
            },
        ).all()
        return [LogRow(int(r[0]), r[1], r[2], int(r[3]), r[4], r[5]) for r in rows]

    def _merge(self, existing: dict[str, Any], values: dict[str, Any]) -> OpResult:
        op, tbl = self.op, self.op.t
        tc = codec(tbl)
        others = self._log_since()
        append_only = tbl in APPEND_ONLY
        writes: dict[str, Any] = {}
        conflicts: dict[str, dict[str, Any]] = {}
        status = "merged" if others else "applied"
        lost: LogRow | None = None
        kind = "value"
        for fld, value in values.items():
            if fld == "is_deleted" and value and not existing["is_deleted"] and not append_only:
                edits = [
                    e for e in others if e.field not in SILENT_FIELDS and e.field != "is_deleted"
                ]
                if edits:
                    lost, kind = edits[-1], "delete"
                    continue
            last = next((e for e in reversed(others) if e.field in (fld, INSERT_FIELD)), None)
            if last is None:
                writes[fld] = value
                continue
            mine_wins = hlc.wins(self.stamp, self.node, last.hlc, last.node)
            if append_only or fld in SILENT_FIELDS:
                if mine_wins:
                    writes[fld] = value
                continue
            if mine_wins:
                writes[fld] = value
                conflicts[fld] = {
                    "k": "value",
                    "n": last.node,
                    "u": last.user,
                    "h": last.hlc,
                    "v": tc.columns[fld].encode(existing.get(fld)),
                }
            else:
                lost, kind = last, "value"
        # An edit of a row someone else deleted meanwhile brings the row back, and says so.
        if (
            existing["is_deleted"]
            and "is_deleted" not in values
            and any(f not in SILENT_FIELDS for f in writes)
            and not append_only
        ):
            deletes = [e for e in others if e.field == "is_deleted" and e.value == "1"]
            if deletes:
                writes["is_deleted"] = False
                d = deletes[-1]
                conflicts["is_deleted"] = {
                    "k": "delete",
                    "n": d.node,
                    "u": d.user,
                    "h": d.hlc,
                    "v": 1,
                }
        seq: int | None = None
        if writes:
            nested = self.conn.begin_nested()
            try:
                self.conn.execute(
                    update(tc.storage).where(tc.storage.c.id == op.r).values(**writes)
                )
                if not self._visible():
                    nested.rollback()
                    return self._rejected(
                        "outside your rights: the change would move the record out of your view",
                        existing,
                    )
            except IntegrityError as exc:
                nested.rollback()
                return self._rejected(_integrity_reason(exc), existing)
            nested.commit()
            viewers_before = self.viewers
            for fld, value in writes.items():
                seq = self.w.append(
                    tbl,
                    op.r,
                    fld,
                    tc.columns[fld].encode(value),
                    self.stamp,
                    self.node,
                    self.viewer.user_id,
                    conflict=conflicts.get(fld),
                )
            if tbl == "customers" and "owner_id" in writes:
                if existing.get("owner_id") != writes["owner_id"]:
                    self.store.rescope_customer(
                        self.w, op.r, existing.get("owner_id"), writes["owner_id"]
                    )
            if tbl == "users" and USER_SCOPE_FIELDS & set(writes):
                self.store.rescope_user(self.w, op.r, viewers_before)
                self.viewers.clear()
                self.viewers.update(load_viewers(self.conn))
        if lost is not None:
            after = read_row(self.conn, tbl, op.r)
            cur, has = self._cur(after)
            return OpResult(
                i=op.i,
                s="conflict",
                won=False,
                k=kind,
                seq=seq,
                cur=cur,
                has_cur=has,
                th=lost.hlc,
                tu=lost.user,
                tn=lost.node,
            )
        if conflicts and any(c["k"] == "value" for c in conflicts.values()):
            return OpResult(i=op.i, s="conflict", won=True, k="value", seq=seq)
        if conflicts:
            return OpResult(i=op.i, s="conflict", won=True, k="delete", seq=seq)
        if seq is None:
            after = read_row(self.conn, tbl, op.r)
            cur, has = self._cur(after)
            return OpResult(i=op.i, s="merged", cur=cur, has_cur=has)
        return OpResult(i=op.i, s=status, seq=seq)  # type: ignore[arg-type]


def _integrity_reason(exc: IntegrityError) -> str:
    message = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
    lowered = message.lower()
    if "unique" in lowered or "duplicate" in lowered:
        return f"another record already has this value ({message})"
    if "foreign key" in lowered:
        return f"it refers to a record the server does not have ({message})"
    if "check" in lowered:
        return f"a value is out of range ({message})"
    if "not null" in lowered or "null value" in lowered:
        return f"a required value is missing ({message})"
    return f"the database refused it ({message})"


def new_batch_id() -> str:
    return new_id().replace("-", "")
