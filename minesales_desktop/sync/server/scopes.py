"""Who may see which rows: reps their own customers (and everything under them) plus shared
records; managers and after-sales staff their team; administrators everything.

A row's *scope root* is the customer (or, for KPI targets and appraisals, the person) it belongs
to, found by following foreign keys (``tables.CUSTOMER_PATHS``/``USER_PATHS``). Visibility is
decided by the root's current owner, so reassigning a customer moves its whole subtree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, text

from minesales_desktop.models.enums import Role
from minesales_desktop.sync.server.rawsql import RawSql, quote
from minesales_desktop.sync.tables import root_kind, root_path

#: Rows whose column values are already known (the rows a push batch read or inserted), so
#: resolving scope roots need not read them again: (table, id) → {column: value}.
Known = Mapping[tuple[str, str], Mapping[str, Any]]

CHUNK = 500

GLOBAL = ("global", "")
#: The roles' values, read once (an enum member's ``.value`` is a property lookup each time).
_ADMIN = Role.ADMIN.value
_MANAGER = Role.MANAGER.value
_TEAM_ROLES = (Role.MANAGER.value, Role.SERVICE.value)


@dataclass(frozen=True)
class Viewer:
    user_id: str
    role: str
    team_id: str | None
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == _ADMIN

    @property
    def sees_team(self) -> bool:
        return self.role in _TEAM_ROLES


def load_viewers(conn: Connection) -> dict[str, Viewer]:
    """Every user as a viewer (the users table is small: one department)."""
    rows = RawSql(conn).rows("SELECT id, role, team_id, active, is_deleted FROM users")
    return {r[0]: Viewer(r[0], str(r[1]), r[2], bool(r[3]) and not bool(r[4])) for r in rows}


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _lookup(
    conn: Connection, tbl: str, col: str, ids: set[str], known: Known | None = None
) -> dict[str, Any]:
    """id → the row's ``col`` for those of ``ids`` that exist (``known`` rows are not read)."""
    out: dict[str, Any] = {}
    rest = ids
    if known:
        rest = set()
        for row_id in ids:
            row = known.get((tbl, row_id))
            if row is not None and (col == "id" or col in row):
                out[row_id] = row_id if col == "id" else row[col]
            else:
                rest.add(row_id)
    if rest:
        sql = RawSql(conn)
        statement = f"SELECT id, {quote(col)} FROM {quote(tbl)} WHERE {sql.in_ids('id')}"
        for chunk in _chunks(sorted(rest)):
            for row_id, value in sql.rows(statement, (sql.ids(chunk),)):
                out[row_id] = value
    return out


def resolve_roots(
    conn: Connection, tbl: str, ids: Iterable[str], known: Known | None = None
) -> dict[str, tuple[str, str]]:
    """Row id → (root kind, root id). Rows that do not exist are left out."""
    wanted = set(ids)
    kind = root_kind(tbl)
    if kind == "global":
        return {i: GLOBAL for i in wanted}
    path = root_path(tbl)
    if not path:  # the root table itself
        found = _lookup(conn, tbl, "id", wanted, known)
        return {i: (kind, i) for i in found}
    current: dict[str, str | None] = {i: i for i in wanted}
    cur_tbl = tbl
    missing: set[str] = set()
    for fk, parent in path:
        step = _lookup(conn, cur_tbl, fk, {v for v in current.values() if v is not None}, known)
        nxt: dict[str, str | None] = {}
        for orig, v in current.items():
            if v is None:
                nxt[orig] = None
            elif v in step:
                nxt[orig] = step[v]
            else:
                missing.add(orig)
        current = nxt
        cur_tbl = parent
    out: dict[str, tuple[str, str]] = {}
    for orig, v in current.items():
        if orig in missing:
            continue
        out[orig] = GLOBAL if v is None else (kind, v)
    return out


def customer_owners(
    conn: Connection, ids: Iterable[str], known: Known | None = None
) -> dict[str, str | None]:
    return _lookup(conn, "customers", "owner_id", set(ids), known)


def sees_customer(viewer: Viewer, owner_id: str | None, viewers: dict[str, Viewer]) -> bool:
    if viewer.is_admin or owner_id is None or owner_id == viewer.user_id:
        return True
    if viewer.sees_team and viewer.team_id is not None:
        owner = viewers.get(owner_id)
        return owner is not None and owner.team_id == viewer.team_id
    return False


def sees_user(viewer: Viewer, user_id: str, viewers: dict[str, Viewer]) -> bool:
    if viewer.is_admin or user_id == viewer.user_id:
        return True
    if viewer.role == _MANAGER and viewer.team_id is not None:
        other = viewers.get(user_id)
        return other is not None and other.team_id == viewer.team_id
    return False


def sees_root(
    viewer: Viewer,
    root: tuple[str, str],
    viewers: dict[str, Viewer],
    owners: dict[str, str | None],
) -> bool:
    kind, root_id = root
    if kind == "global":
        return True
    if kind == "user":
        return sees_user(viewer, root_id, viewers)
    if root_id not in owners:
        return False
    return sees_customer(viewer, owners[root_id], viewers)


@cache
def _root_of(tbl: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    return root_kind(tbl), root_path(tbl)


def visible_rows(
    conn: Connection,
    viewer: Viewer,
    viewers: dict[str, Viewer],
    rows: Iterable[tuple[str, str]],
    known: Known | None = None,
) -> set[tuple[str, str]]:
    """Which of the (table, id) pairs the viewer may see now. ``known``: rows whose current
    values the caller holds (they must be exactly what the database has now).

    A pair whose whole way to its root (and the root customer's owner) is in ``known`` is
    decided here without a query (a push batch's new rows: ~all of them); the others as a set
    (``_visible_rows_read``). Each pair's answer depends on that pair alone, so splitting them
    does not change any answer."""
    if viewer.is_admin:
        return set(rows)
    if not known:
        return _visible_rows_read(conn, viewer, viewers, rows, known)
    out: set[tuple[str, str]] = set()
    rest: list[tuple[str, str]] = []
    me = viewer.user_id
    for key in rows:
        tbl, row_id = key
        kind, path = _root_of(tbl)
        if kind == "global":
            out.add(key)
            continue
        v: str | None = row_id
        if path:
            cur_tbl = tbl
            unknown = False
            for fk, parent in path:
                if v is None:
                    break
                row = known.get((cur_tbl, v))
                if row is None or fk not in row:
                    unknown = True
                    break
                v = row[fk]
                cur_tbl = parent
            if unknown:
                rest.append(key)  # a step not known: read
                continue
        elif known.get(key) is None:
            rest.append(key)
            continue
        if v is None:
            out.add(key)  # a global root (a null foreign key on the way)
        elif kind == "user":
            if sees_user(viewer, v, viewers):
                out.add(key)
        else:
            root = known.get(("customers", v))
            if root is None or "owner_id" not in root:
                rest.append(key)
                continue
            owner = root["owner_id"]
            if owner == me or owner is None or sees_customer(viewer, owner, viewers):
                out.add(key)  # (the first two: what ``sees_customer`` decides first)
    if rest:
        out |= _visible_rows_read(conn, viewer, viewers, rest, known)
    return out


def _visible_rows_read(
    conn: Connection,
    viewer: Viewer,
    viewers: dict[str, Viewer],
    rows: Iterable[tuple[str, str]],
    known: Known | None = None,
) -> set[tuple[str, str]]:
    """``visible_rows``, resolving the pairs table by table (``known`` rows, then queries)."""
    by_table: dict[str, set[str]] = {}
    for tbl, row_id in rows:
        by_table.setdefault(tbl, set()).add(row_id)
    roots: dict[tuple[str, str], tuple[str, str]] = {}
    for tbl, ids in by_table.items():
        if viewer.is_admin:
            roots.update({(tbl, i): GLOBAL for i in ids})
            continue
        for row_id, root in resolve_roots(conn, tbl, ids, known).items():
            roots[(tbl, row_id)] = root
    owners = customer_owners(conn, {r[1] for r in roots.values() if r[0] == "customer"}, known)
    return {key for key, root in roots.items() if sees_root(viewer, root, viewers, owners)}


def visible_root_set(
    conn: Connection, viewer: Viewer, viewers: dict[str, Viewer]
) -> set[tuple[str, str]]:
    """Every customer and person root the viewer may see (used when a user's role/team moves)."""
    out: set[tuple[str, str]] = set()
    for cid, owner in conn.execute(text("SELECT id, owner_id FROM customers")):
        if sees_customer(viewer, owner, viewers):
            out.add(("customer", cid))
    for uid in viewers:
        if sees_user(viewer, uid, viewers):
            out.add(("user", uid))
    return out
