"""The rewritten push path (raw SQL per batch, value-less whole-row log entries, orjson bodies,
stored answers in the new format, the pipelined client) against real server processes."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, text

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.migrate import head_revision, open_database
from minesales_desktop.demo_data import DemoOptions
from minesales_desktop.demo_data import run as build_demo
from minesales_desktop.models.sync import SyncBatch, SyncOp
from minesales_desktop.sync import hlc
from minesales_desktop.sync.client import Credentials, SyncClient, SyncUnavailable
from minesales_desktop.sync.protocol import (
    OpResult,
    PushReply,
    StoredReply,
    compact_reply,
    compress,
    derived_op_id,
    dumps,
    expand_reply,
)
from minesales_desktop.sync.server.store import FAULT_ENV
from minesales_desktop.sync.tables import codec, synced_tables
from tests.sync.conftest import (
    FAST_RETRY,
    PASSWORD,
    Laptop,
    ServerProcess,
    converged,
    new_contact,
    new_customer,
    server_rows,
    server_state,
    table_state,
)
from tests.sync.test_robustness import CuttingProxy

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
WHEN = "2026-01-01 00:00:00.000000"
BAD_DATETIME = "2026-13-45 99:99:99.999999"


# --- helpers ----------------------------------------------------------------------------------
def server_counts(server: ServerProcess) -> tuple[Any, ...]:
    """What any write to the server would change."""
    return server_rows(
        server,
        "SELECT (SELECT coalesce(max(seq), 0) FROM sync_log), (SELECT count(*) FROM sync_log),"
        " (SELECT count(*) FROM sync_batches), (SELECT count(*) FROM sync_ops),"
        " (SELECT count(*) FROM customers), (SELECT count(*) FROM contacts),"
        " (SELECT count(*) FROM payments)",
    )[0]


def log_of(server: ServerProcess, row_ids: set[str]) -> list[tuple[Any, ...]]:
    """(seq, tbl, row_id, field, value, node_id) of the log entries of these rows, by seq."""
    rows = server_rows(
        server, "SELECT seq, tbl, row_id, field, value, node_id FROM sync_log ORDER BY seq"
    )
    return [r for r in rows if r[2] in row_ids]


def star_counts(server: ServerProcess, row_ids: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _seq, _tbl, row_id, fld, _value, _node in log_of(server, row_ids):
        if fld == "*":
            counts[row_id] = counts.get(row_id, 0) + 1
    return counts


def user_id(server: ServerProcess, login: str) -> str:
    return str(server_rows(server, "SELECT id FROM users WHERE login = :l", l=login)[0][0])


def wire_row(tbl: str, **values: Any) -> dict[str, Any]:
    """A whole row as a laptop sends it: every synced column (None where not given)."""
    row: dict[str, Any] = dict.fromkeys(codec(tbl).columns)
    assert set(values) <= set(row), set(values) - set(row)
    row.update(values)
    return row


def customer_values(code: str, owner: str | None, **more: Any) -> dict[str, Any]:
    values = {
        "code": code,
        "name_zh": f"客户{code}",
        "customer_type": "STEEL_MILL",
        "tier": "A",
        "status": "ACTIVE",
        "created_at": WHEN,
        "updated_at": WHEN,
        "is_deleted": 0,
        "owner_id": owner,
    }
    values.update(more)
    return wire_row("customers", **values)


def contact_values(customer_id: str, name: str, **more: Any) -> dict[str, Any]:
    values = {
        "customer_id": customer_id,
        "name": name,
        "is_primary": 0,
        "created_at": WHEN,
        "updated_at": WHEN,
        "is_deleted": 0,
    }
    values.update(more)
    return wire_row("contacts", **values)


def payment_values(customer_id: str, amount: Any, **more: Any) -> dict[str, Any]:
    values = {
        "customer_id": customer_id,
        "received_on": "2026-02-01",
        "amount": amount,
        "currency": "CNY",
        "method": "TT",
        "created_at": WHEN,
        "updated_at": WHEN,
        "is_deleted": 0,
    }
    values.update(more)
    return wire_row("payments", **values)


def new_row_op(t: str, r: str, values: dict[str, Any], h: int, b: int = 0) -> dict[str, Any]:
    """A new-row op as protocol 3 sends it: no op id (the server derives it)."""
    return {"t": t, "r": r, "f": "*", "v": values, "h": h, "b": b}


def field_op(i: str, t: str, r: str, f: str, v: Any, h: int, b: int = 0) -> dict[str, Any]:
    return {"i": i, "t": t, "r": r, "f": f, "v": v, "h": h, "b": b}


class Stamps:
    """Distinct stamps a minute in the past: never clamped by the server, so a replay carries
    the stamp the server recorded the first time."""

    def __init__(self) -> None:
        self.next = hlc.pack(hlc.wall_ms() - 60_000)

    def __call__(self) -> int:
        self.next += 1
        return self.next


class RawPusher:
    """Push requests built by hand (as test_robustness does), signed in as ``login``."""

    def __init__(self, server: ServerProcess, login: str, node: str) -> None:
        signed = httpx.post(
            server.url + "/auth/token", content=dumps({"login": login, "password": PASSWORD})
        )
        assert signed.status_code == 200, signed.text
        self.url = server.url + "/sync/push"
        self.user_id = signed.json()["user_id"]
        self.node = node
        self.headers = {
            "Authorization": f"Bearer {signed.json()['token']}",
            "Content-Encoding": "zstd",
        }

    def post_body(self, body: bytes, encoding: str = "zstd") -> httpx.Response:
        headers = {**self.headers, "Content-Encoding": encoding}
        return httpx.post(self.url, content=body, headers=headers, timeout=30)

    def post(self, batch: str, ops: list[dict[str, Any]]) -> httpx.Response:
        request = {"node": self.node, "schema": head_revision(), "batch": batch, "ops": ops}
        return self.post_body(compress(dumps(request), "zstd"))

    def push(self, batch: str, ops: list[dict[str, Any]]) -> dict[str, Any]:
        r = self.post(batch, ops)
        assert r.status_code == 200, r.text
        answer: dict[str, Any] = r.json()
        return answer


def keep_protocol2_answer(server: ServerProcess, raw: RawPusher, reply: StoredReply) -> None:
    """Store a batch's answer as a protocol-2 server kept it: every result with its op id, each
    op id in sync_ops."""
    engine = server.engine()
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(SyncBatch).values(
                    batch_id=reply.batch,
                    node_id=raw.node,
                    user_id=raw.user_id,
                    response=reply.model_dump_json(exclude_defaults=True),
                    created_at=dt.datetime.now(dt.UTC),
                )
            )
            conn.execute(
                insert(SyncOp), [{"op_id": r.i, "batch_id": reply.batch} for r in reply.results]
            )
    finally:
        engine.dispose()


def results_of(answer: dict[str, Any]) -> list[OpResult]:
    """Every result of a wire answer, in op order (the way the laptop reads it)."""
    return expand_reply(PushReply.model_validate(answer))


def open_laptop(path: Path, server: ServerProcess, login: str, password: str = PASSWORD) -> Laptop:
    engine = make_engine(path)
    client = SyncClient(engine, server.url, Credentials(login, password), retry=FAST_RETRY)
    return Laptop(path.stem, path, engine, client, login)


def point_at(laptop: Laptop, server: ServerProcess) -> None:
    laptop.client.server_url = server.url
    laptop.client.http.base_url = httpx.URL(server.url)


def test_derived_op_ids_are_what_every_server_version_derives() -> None:
    """A new row's op id is derived on the server (protocol 3): an op re-sent after a server
    upgrade must get the id the older server stored, or it would be applied twice."""
    row = "0193a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b"
    stamp = 7_262_512_345_678_901
    assert derived_op_id("customers", row, stamp) == "0019cd376c8a8435b031ab93e548bbcd"
    for t, r, h in [("contacts", str(uuid.uuid4()), n * 977) for n in range(50)]:
        digest = hashlib.sha256(f"{t}\x1f{r}\x1f{h}".encode()).digest()[:8].hex()
        assert derived_op_id(t, r, h) == f"{h:016x}{digest}"


# --- 1. new-row ops replayed in a new batch ---------------------------------------------------
def test_new_row_ops_replayed_in_a_new_batch_are_answered_not_applied_again(
    server: ServerProcess,
) -> None:
    """Protocol 3 keeps no sync_ops row for a new-row op: a replay in another batch must be
    recognised by the row's own insert entry and answered with the original sequence."""
    raw = RawPusher(server, "mgr", node="replaynode")
    owner = user_id(server, "rep1")
    stamp = Stamps()
    ops: list[dict[str, Any]] = []
    row_ids: set[str] = set()
    for n in range(4):
        cid, kid = str(uuid.uuid4()), str(uuid.uuid4())
        row_ids |= {cid, kid}
        ops.append(new_row_op("customers", cid, customer_values(f"RP{n}", owner), stamp()))
        ops.append(new_row_op("contacts", kid, contact_values(cid, f"联系人{n}"), stamp()))
    first_customer = ops[0]["r"]
    edit = field_op("replay-edit-1", "customers", first_customer, "notes", "改过", stamp())
    first = raw.push("replay-b1", [*ops, edit])
    first_results = results_of(first)
    assert [r.s for r in first_results] == ["applied"] * (len(ops) + 1)
    seqs = [r.seq for r in first_results]
    assert len(set(seqs)) == len(seqs)

    # The same ops in a new batch (as after restoring a backup), in another order, with a
    # fresh new row among them; the field op is known by its op id (sync_ops).
    fresh_id = str(uuid.uuid4())
    fresh = new_row_op("customers", fresh_id, customer_values("RPX", owner), stamp())
    replay = [*reversed(ops), edit, fresh]
    again = results_of(raw.push("replay-b2", replay))
    assert [r.s for r in again] == ["applied"] * len(replay), [r.reason for r in again]
    assert [r.seq for r in again[: len(ops)]] == list(reversed(seqs[: len(ops)])), (
        "a replayed new-row op is answered with the sequence of its first application"
    )
    assert again[len(ops)].seq == seqs[-1], "a known field op gets its earlier result"
    assert again[-1].seq is not None and again[-1].seq > max(s for s in seqs if s is not None)

    # A replay of that batch as a whole (a third batch with only replays, too).
    only_replays = results_of(raw.push("replay-b3", ops[2:6]))
    assert [(r.s, r.seq) for r in only_replays] == [("applied", s) for s in seqs[2:6]]
    assert raw.push("replay-b1", [*ops, edit]) == first, "a known batch id: the stored answer"

    row_ids.add(fresh_id)
    assert star_counts(server, row_ids) == dict.fromkeys(row_ids, 1), "one '*' entry per row"
    fields = [e for e in log_of(server, row_ids) if e[3] != "*"]
    assert [(e[2], e[3]) for e in fields] == [(first_customer, "notes")], (
        "nothing was merged over the rows a second time"
    )
    held = server_rows(server, "SELECT id FROM customers UNION ALL SELECT id FROM contacts")
    assert sorted(r[0] for r in held if r[0] in row_ids) == sorted(row_ids), "each row once"
    notes = server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=first_customer)
    assert notes == [("改过",)]


def test_op_ids_are_kept_where_a_replay_needs_them(server: ServerProcess) -> None:
    """A new row applied as sent keeps no op id (its insert entry, with the op's stamp, stands
    for it); nor does a refusal of an op whose row is not on the server (a refused new row and
    an edit of it): nothing of them is there, and sent again they are weighed again, together.
    A new row stamped ahead of the server's clock (clamped: its entry holds the server's stamp,
    also among edits of rows that exist) and an applied edit keep theirs. Replayed in another
    batch, nothing is applied twice; once the refusal's cause is gone, the refused row and its
    edit go in together (never the row applied while its edit is answered "the record does not
    exist", which would make the laptop take the row back)."""
    raw = RawPusher(server, "rep1", node="keptnode")
    owner = raw.user_id
    stamp = Stamps()
    plain, ahead, clash, among = (str(uuid.uuid4()) for _ in range(4))
    ahead_stamp = hlc.pack(hlc.wall_ms() + 3_600_000)  # an hour ahead of the server's clock
    ops = [
        new_row_op("customers", plain, customer_values("KP1", owner), stamp()),
        new_row_op("customers", ahead, customer_values("KP2", owner), ahead_stamp),
        field_op("kept-edit-1", "customers", plain, "notes", "改过", stamp()),
    ]
    first = results_of(raw.push("kept-b1", ops))
    assert [r.s for r in first] == ["applied"] * 3, [r.reason for r in first]
    # A clamped new row among edits of rows that exist (the bulk path's mixed run).
    mixed = [
        field_op("kept-edit-3", "customers", ahead, "notes", "已有", stamp()),
        new_row_op("customers", among, customer_values("KP3", owner), ahead_stamp + 1),
    ]
    mixed_first = results_of(raw.push("kept-b1m", mixed))
    assert [r.s for r in mixed_first] == ["applied"] * 2
    refused_op = new_row_op("customers", clash, customer_values("KP1", owner), stamp())
    refused_edit = field_op("kept-edit-x", "customers", clash, "notes", "新的", stamp())
    refused = results_of(raw.push("kept-b2", [refused_op, refused_edit]))  # the same code
    assert [(r.s, r.has_cur) for r in refused] == [("rejected", False)] * 2
    assert refused[0].reason

    for row in (ahead, among):
        (entry_stamp,) = server_rows(
            server, "SELECT hlc FROM sync_log WHERE row_id = :r AND field = '*'", r=row
        )[0]
        assert entry_stamp < ahead_stamp, "the server clamped the stamp it recorded"
    kept = {r[0] for r in server_rows(server, "SELECT op_id FROM sync_ops")}
    plain_id, ahead_id, among_id, clash_id = (
        derived_op_id("customers", op["r"], op["h"])
        for op in (ops[0], ops[1], mixed[1], refused_op)
    )
    assert plain_id not in kept, "a new row applied as sent: its insert entry stands for it"
    assert not {clash_id, "kept-edit-x"} & kept, "refused with their row not on the server"
    assert {ahead_id, among_id, "kept-edit-1", "kept-edit-3"} <= kept

    before = server_counts(server)
    log_before = log_of(server, {plain, ahead, clash, among})
    replay = [refused_edit, refused_op, mixed[1], ops[2], ops[1], ops[0], mixed[0]]
    again = results_of(raw.push("kept-b3", replay))
    assert [(r.s, r.seq) for r in again[2:]] == [
        ("applied", mixed_first[1].seq), ("applied", first[2].seq), ("applied", first[1].seq),
        ("applied", first[0].seq), ("applied", mixed_first[0].seq),
    ], "each applied op answered with its first sequence"  # fmt: skip
    # The refused row and its edit are weighed again: refused again, the code still taken.
    assert [(r.s, r.reason, r.has_cur) for r in again[:2]] == [
        (refused[1].s, refused[1].reason, False), (refused[0].s, refused[0].reason, False),
    ]  # fmt: skip
    assert log_of(server, {plain, ahead, clash, among}) == log_before, "nothing applied twice"
    after = server_counts(server)
    assert after[:2] == before[:2] and after[4:] == before[4:], "no row, no log entry more"

    # The code is free again: sent once more (a laptop restored from a backup), the refused row
    # and its edit both go in; a replay after that gets those answers.
    renamed = field_op("kept-edit-2", "customers", plain, "code", "KP9", stamp())
    assert [r.s for r in results_of(raw.push("kept-b4", [renamed]))] == ["applied"]
    now = results_of(raw.push("kept-b5", [refused_op, refused_edit]))
    assert [r.s for r in now] == ["applied", "applied"], [r.reason for r in now]
    later = results_of(raw.push("kept-b6", [refused_edit, refused_op, ops[0]]))
    assert [(r.s, r.seq) for r in later] == [
        ("applied", now[1].seq), ("applied", now[0].seq), ("applied", first[0].seq),
    ]  # fmt: skip
    assert star_counts(server, {clash}) == {clash: 1}
    notes = server_rows(server, "SELECT notes FROM customers WHERE id = :r", r=clash)
    assert notes == [("新的",)]


def test_a_new_row_answered_under_protocol_2_keeps_that_answer_on_replay(
    server: ServerProcess,
) -> None:
    """A protocol-2 laptop's new row was answered under protocol 2's id (kept in sync_ops),
    here as renumbered; replayed after the laptop's update without an id, it gets that kept
    answer — not a plain "applied" from the row's insert entry, which has the op's stamp too."""
    raw = RawPusher(server, "rep1", node="p2node")
    stamp = Stamps()
    cid = str(uuid.uuid4())
    op = new_row_op("customers", cid, customer_values("L2", raw.user_id), stamp())
    (made,) = results_of(raw.push("p2-made", [op]))
    assert made.s == "applied" and made.seq is not None
    legacy_id = hashlib.sha256(f"customers\x1f{cid}\x1f{op['h']}".encode()).hexdigest()[:32]
    kept = StoredReply(
        batch="p2-renumbered",
        server_ms=hlc.wall_ms(),
        results=[
            OpResult(i=legacy_id, s="merged", k="renumbered", seq=made.seq, cur="L2-2",
                     has_cur=True),
        ],
    )  # fmt: skip
    keep_protocol2_answer(server, raw, kept)
    (again,) = results_of(raw.push("p2-replay", [op]))
    assert (again.s, again.k, again.seq, again.cur) == ("merged", "renumbered", made.seq, "L2-2")


@pytest.mark.parametrize("ahead_ms", [0, 2000])
def test_restored_laptop_backup_replays_its_new_rows_in_a_new_batch(
    server: ServerProcess, laptops, tmp_path: Path, ahead_ms: int
) -> None:
    """A laptop restored from a backup taken before its push sends the same new rows again, under
    a new batch id: each is answered applied, the server holds it once and logs nothing more,
    the laptop converges. ``ahead_ms``: the laptop's stamps run that far ahead of the server's
    clock (a badly measured offset), so the server clamped the stamps it recorded."""
    a = laptops("mgr", name="orig", clock=lambda: hlc.wall_ms() - ahead_ms)
    a.sync()
    owner = a.user_id("rep1")
    made: set[str] = set()
    for n in range(5):
        cid = new_customer(a, f"BK{n}", owner=owner, notes=f"备注{n}")
        made |= {cid, new_contact(a, cid, f"人{n}")}
    backup = tmp_path / "restored.db"
    src, dst = sqlite3.connect(a.path), sqlite3.connect(backup)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    first = a.sync()
    assert first.applied == len(made)
    log_before = log_of(server, made)
    assert len(log_before) == len(made)

    b = open_laptop(backup, server, "mgr")
    try:
        assert b.client.node_id() == a.client.node_id()
        report = b.sync()
        assert report.pushed == len(made)
        assert {o.status for o in report.outcomes} == {"applied"}, [
            (o.table, o.status, o.reason) for o in report.outcomes
        ]
        assert b.client.pending_count() == 0
        assert b.client.rejected_changes() == [] and b.client.conflicts() == []
        assert b.sql("SELECT count(*) FROM sync_outbox") == [(0,)]
        extra = [e[1:4] for e in log_of(server, made) if e not in log_before]
        assert extra == [], (
            f"the replayed new rows were applied again: {len(extra)} more log entries"
            f" (stamps {ahead_ms} ms ahead of the server's clock)"
        )
        assert star_counts(server, made) == dict.fromkeys(made, 1)
        a.sync()
        converged(server, a, b)
    finally:
        b.close()


@SQLITE_ONLY
def test_the_learned_clock_offset_is_not_skewed_by_sign_in_or_retries(
    server: ServerProcess, laptops
) -> None:
    """Laptop and server share this host's clock, so the offset a hello measures must be about
    zero (at most half the hello's own round trip). A sign-in before the hello, and the backoff
    of a retried request, are not part of that round trip: here each takes a retry after a 1 s
    pause (a bad link), which must not make the laptop stamp half a second into the future."""
    a = laptops("mgr")
    offsets: dict[str, int] = {}
    proxy = CuttingProxy(server.port)
    try:
        a.client.server_url = f"http://127.0.0.1:{proxy.port}"
        a.client.http.base_url = httpx.URL(a.client.server_url)
        a.client.sleep = lambda _s: time.sleep(1.0)
        for case in ("sign-in retried, then hello", "hello retried"):
            proxy.arm(0, "up")  # the first request (sign-in, then hello) is cut once
            report = a.sync()
            assert report.retries == 1, case
            offsets[case] = a.sql("SELECT clock_offset_ms FROM sync_state")[0][0]
        assert proxy.cuts == 2
    finally:
        proxy.close()
    a.sync()
    offsets["plain hello"] = a.sql("SELECT clock_offset_ms FROM sync_state")[0][0]
    skewed = {k: v for k, v in offsets.items() if abs(v) > 200}
    assert not skewed, (
        f"same clock, yet the laptop learned an offset of {skewed} ms (all: {offsets}): its"
        " stamps run that far ahead of the server's clock. SyncClient._hello reads `sent`"
        " before _post, which may first sign in (an argon2 check, ~0.25 s: ~120 ms of skew on"
        " every sync that signs in) and retry with backoff (up to 30 s between attempts)"
    )


# --- 2. whole-row entries without a value ------------------------------------------------------
def test_whole_row_entries_carry_no_value_and_pulls_send_the_row_as_it_is(
    server: ServerProcess, laptops
) -> None:
    a = laptops("mgr")
    a.sync()
    owner = a.user_id("rep1")
    cid = new_customer(a, "V1", owner=owner, notes="第一版", city="包头")
    kid = new_contact(a, cid, "张三")
    a.sync()
    a.sql(
        "UPDATE customers SET notes = '第二版', updated_at = '2026-03-01 08:00:00.000000'"
        " WHERE id = :id",
        id=cid,
    )
    a.sql("UPDATE contacts SET mobile = '13800000000' WHERE id = :id", id=kid)
    a.sync()
    # First syncs after both pushes: one pulls everything in one page, one entry by entry.
    b = laptops("admin")
    c = laptops("mgr", pull_limit=1)
    b.sync()
    c.sync()
    converged(server, a, b, c)
    for lap in (b, c):
        assert lap.sql(
            "SELECT code, notes, city, updated_at FROM customers WHERE id = :id", id=cid
        ) == [("V1", "第二版", "包头", "2026-03-01 08:00:00.000000")], lap.name
        assert lap.sql("SELECT name, mobile FROM contacts WHERE id = :id", id=kid) == [
            ("张三", "13800000000")
        ], lap.name
    entries = log_of(server, {cid, kid})
    assert sorted((e[2], e[3], e[4]) for e in entries if e[3] == "*") == sorted(
        [(cid, "*", None), (kid, "*", None)]
    ), "a whole-row entry keeps no copy of the row"
    assert {(e[3], e[4]) for e in entries if e[3] != "*"} >= {
        ("notes", '"第二版"'),
        ("mobile", '"13800000000"'),
    }
    with_value = server_rows(
        server, "SELECT count(*) FROM sync_log WHERE field = '*' AND value IS NOT NULL"
    )
    assert with_value == [(0,)], "staff accounts (record_change, adopt) are value-less too"


def test_new_rows_entries_are_numbered_in_op_order_with_their_stamps(
    server: ServerProcess,
) -> None:
    """A batch of new rows gets one value-less whole-row entry each, numbered on from the log's
    head in op order, with the op's own stamp (the server's clock where the op's was ahead),
    table and row id as sent — also ids that JSON must escape — and stamps as integers (SQLite
    writes these entries from one JSON parameter, PostgreSQL with ``executemany``)."""
    raw = RawPusher(server, "rep1", node="entriesnode")
    owner = raw.user_id
    stamp = Stamps()
    (head,) = server_rows(server, "SELECT coalesce(max(seq), 0) FROM sync_log")[0]
    odd = 'c"引号\\反斜杠/' + uuid.uuid4().hex[:12]  # a quote, a backslash, Chinese
    ids = [str(uuid.uuid4()), odd, str(uuid.uuid4())]
    ahead = hlc.pack(hlc.wall_ms() + 86_400_000)  # a day ahead of the server's clock
    sent = [stamp(), ahead, stamp(), stamp()]
    ops = [
        new_row_op("customers", ids[0], customer_values("EN1", owner), sent[0]),
        new_row_op("customers", ids[1], customer_values("EN2", owner), sent[1]),
        new_row_op("contacts", ids[2], contact_values(ids[1], "王五"), sent[2]),
        new_row_op("customers", ids[0][:-1] + "x", customer_values("EN3", owner), sent[3]),
    ]
    before = hlc.pack(hlc.wall_ms())
    answer = results_of(raw.push("entries-b1", ops))
    after = hlc.pack(hlc.wall_ms() + 1)
    assert [r.s for r in answer] == ["applied"] * 4, [r.reason for r in answer]
    assert [r.seq for r in answer] == [head + 1, head + 2, head + 3, head + 4]
    entries = server_rows(
        server,
        "SELECT seq, tbl, row_id, field, value, hlc, node_id, user_id, audience, conflict"
        " FROM sync_log WHERE seq > :h ORDER BY seq",
        h=head,
    )
    expected = [
        (head + n + 1, op["t"], op["r"], "*", None, op["h"], "entriesnode", owner, None, None)
        for n, op in enumerate(ops)
    ]
    clamped = entries[1][5]
    assert before <= clamped <= after < ahead, "the stamp ahead is the server's clock"
    expected[1] = (*expected[1][:5], clamped, *expected[1][6:])
    assert entries == expected
    assert all(type(e[0]) is int and type(e[5]) is int for e in entries)
    assert server_rows(server, "SELECT name FROM contacts WHERE customer_id = :c", c=odd) == [
        ("王五",)
    ]


def test_a_new_row_before_the_row_it_refers_to_is_rejected_as_op_by_op(
    server: ServerProcess,
) -> None:
    """Ops are weighed in batch order: a contact sent before its new customer refers to a row
    the server does not have yet and is rejected, as it would be alone; the customer and the
    rest of the batch of new rows go in. (The bulk path writes a run's rows table by table,
    customers first; such a batch must not become one run.)"""
    raw = RawPusher(server, "rep1", node="orderednode")
    owner = raw.user_id
    stamp = Stamps()
    cid, kid, other, other_kid = (str(uuid.uuid4()) for _ in range(4))
    ops = [
        new_row_op("customers", other, customer_values("OR1", owner), stamp()),
        new_row_op("contacts", other_kid, contact_values(other, "赵六"), stamp()),
        new_row_op("contacts", kid, contact_values(cid, "钱七"), stamp()),
        new_row_op("customers", cid, customer_values("OR2", owner), stamp()),
    ]
    results = results_of(raw.push("ordered-b1", ops))
    assert [r.s for r in results] == ["applied", "applied", "rejected", "applied"]
    assert (results[2].reason or "").startswith("it refers to a record the server does not have")
    assert server_rows(
        server, "SELECT id FROM contacts WHERE id IN (:a, :b)", a=kid, b=other_kid
    ) == [(other_kid,)]
    assert {r[0] for r in server_rows(server, "SELECT id FROM customers")} >= {cid, other}


def test_server_started_on_existing_rows_hands_them_out_whole(
    server: ServerProcess, laptops
) -> None:
    """Rows put in the tables behind the server's back (no log entry) are adopted at start and
    pulled with every value."""
    server.stop()
    owner = user_id(server, "rep1")
    cid, kid, pid = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    wire = {
        "customers": (
            cid,
            customer_values(
                "AD1", owner, name_en="Baotou Steel", notes="老客户", website="https://x.cn"
            ),
        ),
        "contacts": (kid, contact_values(cid, "王五", mobile="13900000000", is_primary=1)),
        "payments": (pid, payment_values(cid, 123456789012345, reference="TT-1")),
    }
    engine = server.engine()
    try:
        with engine.begin() as conn:
            for tbl, (row_id, values) in wire.items():
                tc = codec(tbl)
                stored = tc.with_local(tc.decode_row({k: v for k, v in values.items()}))
                conn.execute(insert(tc.storage).values(id=row_id, **stored))
    finally:
        engine.dispose()
    server.start()
    adopted = log_of(server, {cid, kid, pid})
    assert sorted((e[1], e[3], e[4], e[5]) for e in adopted) == sorted(
        (tbl, "*", None, "server") for tbl in wire
    ), "adopted once each, as value-less whole-row entries"
    server.stop()
    server.start()  # a second start adopts nothing again
    assert len(log_of(server, {cid, kid, pid})) == 3

    lap = laptops("mgr")
    lap.sync()
    for tbl, (row_id, values) in wire.items():
        got = table_state(lap.engine, [tbl])[tbl]
        mine = [v for r, v in got if r == row_id]
        assert mine == [tuple(sorted(values.items()))], f"{tbl} pulled with every value"
    converged(server, lap, tables=["customers", "contacts", "payments"])


def test_demo_database_served_as_is_reaches_a_laptop_whole(
    client_template: Path, tmp_path: Path
) -> None:
    """`minesales serve --db demo.db`: the demo is baseline data, adopted at start."""
    demo = tmp_path / "demo.db"
    engine = open_database(demo)
    try:
        summary = build_demo(engine, DemoOptions(customers=2, seed=11, password="demo-pass-1"))
    finally:
        engine.dispose()
    server = ServerProcess(f"sqlite:///{demo}", tmp_path / "demo-server.log").start()
    lap: Laptop | None = None
    try:
        rows = sum(summary.counts[t] for t in synced_tables() if t in summary.counts)
        assert server_rows(server, "SELECT count(*) FROM sync_log") == [(rows,)]
        assert server_rows(
            server, "SELECT count(*) FROM sync_log WHERE field <> '*' OR value IS NOT NULL"
        ) == [(0,)]
        path = tmp_path / "demo-laptop.db"
        path.write_bytes(client_template.read_bytes())
        lap = open_laptop(path, server, "admin", "demo-pass-1")
        report = lap.sync()
        assert report.pulled == rows
        tables = [t for t in synced_tables() if summary.counts.get(t)]
        converged(server, lap, tables=tables)
    finally:
        if lap is not None:
            lap.close()
        server.stop()


# --- 3. malformed values and bodies -------------------------------------------------------------
def test_malformed_values_are_rejected_alone_with_their_reason(server: ServerProcess) -> None:
    raw = RawPusher(server, "mgr", node="badvalues")
    owner = user_id(server, "rep1")
    stamp = Stamps()
    base_id, pay_id = str(uuid.uuid4()), str(uuid.uuid4())
    setup = raw.push(
        "bad-setup",
        [
            new_row_op("customers", base_id, customer_values("BV0", owner), stamp()),
            new_row_op("payments", pay_id, payment_values(base_id, 100), stamp()),
        ],
    )
    assert [r.s for r in results_of(setup)] == ["applied", "applied"]
    before = server_state(server)

    def batch(
        suffix: str, duplicate_code: bool
    ) -> tuple[list[dict[str, Any]], dict[int, str], set[str]]:
        """A batch with good and malformed ops: position → what the reason must name."""
        good_c, good_k, good_p = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        bad = [str(uuid.uuid4()) for _ in range(6)]
        bool_row = customer_values(f"B0{suffix}", owner, is_deleted="yes")
        datetime_row = customer_values(f"B1{suffix}", owner, created_at=BAD_DATETIME)
        unknown_column_row = {**customer_values(f"B3{suffix}", owner), "bogus_colour": "红"}
        ops = [
            new_row_op("customers", good_c, customer_values(f"G{suffix}", owner), stamp()),
            new_row_op("customers", bad[0], bool_row, stamp()),
            new_row_op("customers", bad[1], datetime_row, stamp()),
            new_row_op("payments", bad[2], payment_values(base_id, 1.5), stamp()),
            new_row_op("customers", bad[3], unknown_column_row, stamp()),
            new_row_op("widgets", bad[4], {"name": "x"}, stamp()),
            new_row_op("contacts", good_k, contact_values(good_c, f"好人{suffix}"), stamp()),
            field_op(f"good-notes-{suffix}", "customers", base_id, "notes", f"好{suffix}", stamp()),
            field_op(f"bad-bool-{suffix}", "customers", base_id, "is_deleted", "yes", stamp()),
            field_op(f"bad-col-{suffix}", "customers", base_id, "bogus_colour", "红", stamp()),
            field_op(f"bad-dt-{suffix}", "customers", base_id, "updated_at", BAD_DATETIME, stamp()),
            field_op(f"bad-amt-{suffix}", "payments", pay_id, "amount", 1.5, stamp()),
            field_op(f"bad-tbl-{suffix}", "widgets", base_id, "name", "x", stamp()),
            new_row_op("payments", good_p, payment_values(good_c, 250), stamp()),
        ]
        if duplicate_code:  # the database refuses it: the batch is redone op by op
            bad.append(str(uuid.uuid4()))
            ops.append(new_row_op("customers", bad[-1], customer_values("BV0", owner), stamp()))
        named = {
            1: "is_deleted",
            2: "created_at",
            3: "amount",
            4: "bogus_colour",
            5: "widgets",
            8: "is_deleted",
            9: "bogus_colour",
            10: "updated_at",
            11: "amount",
            12: "widgets",
        }
        if duplicate_code:
            named[len(ops) - 1] = "already"
        return ops, named, set(bad)

    unnamed: list[str] = []
    no_cur: list[str] = []
    # A refused field op of a row the server has: the answer carries the server's value, which
    # the laptop takes back (§6). Without it the laptop deletes the row (client._revert).
    server_values = {8: 0, 10: WHEN, 11: 100}
    for suffix, duplicate_code in (("a", False), ("b", True)):
        ops, named, bad_rows = batch(suffix, duplicate_code)
        results = results_of(raw.push(f"bad-batch-{suffix}", ops))
        for p, result in enumerate(results):
            where = f"batch {suffix}, op {p} ({ops[p]['t']}.{ops[p]['f']})"
            if p in named:
                assert result.s == "rejected" and result.reason, (where, result)
                if named[p] not in result.reason:
                    unnamed.append(f"{where}: {result.reason!r} does not name {named[p]}")
                if p in server_values and (result.cur, result.has_cur) != (server_values[p], True):
                    no_cur.append(f"{where}: cur={result.cur!r}, has_cur={result.has_cur}")
            else:
                assert result.s == "applied" and result.seq is not None, (where, result)
        assert not server_rows(
            server,
            "SELECT id FROM customers WHERE code LIKE :c",
            c=f"B_{suffix}",
        ), "no rejected new row exists on the server"
        held = server_rows(server, "SELECT id FROM customers UNION ALL SELECT id FROM payments")
        assert not bad_rows & {r[0] for r in held}, "no rejected new row exists on the server"
        assert not log_of(server, bad_rows), "no rejected new row is in the log"

    after = server_state(server)
    base_before = dict(next(v for r, v in before["customers"] if r == base_id))
    base_after = dict(next(v for r, v in after["customers"] if r == base_id))
    assert base_after == {**base_before, "notes": "好b"}, "only the good field op changed it"
    pay_after = dict(next(v for r, v in after["payments"] if r == pay_id))
    assert pay_after["amount"] == 100
    assert len(after["customers"]) == len(before["customers"]) + 2
    assert len(after["contacts"]) == len(before["contacts"]) + 2
    assert len(after["payments"]) == len(before["payments"]) + 2
    assert not unnamed, (
        "a refusal must say which column is wrong (the _RowCodec docstring promises the"
        " column's name; a malformed date or datetime gives only Python's message):\n"
        + "\n".join(unnamed)
    )
    assert not no_cur, (
        "a malformed field op of an existing row is answered without the server's value"
        " (cur/has_cur), so the laptop reverts it by deleting the row and its subtree:\n"
        + "\n".join(no_cur)
    )


@SQLITE_ONLY
def test_malformed_bodies_are_refused_and_change_nothing(server: ServerProcess) -> None:
    raw = RawPusher(server, "mgr", node="badbodies")
    owner = user_id(server, "rep1")
    stamp = Stamps()
    before = server_counts(server)
    cid = str(uuid.uuid4())
    good_op = new_row_op("customers", cid, customer_values("BB1", owner), stamp())

    def body(obj: Any) -> bytes:
        return compress(dumps(obj), "zstd")

    schema = head_revision()
    refused = {
        "not JSON": compress(b"{not json at all", "zstd"),
        "a JSON list": body([1, 2, 3]),
        "ops not a list": body({"node": "n", "schema": schema, "batch": "x1", "ops": {}}),
        "stamp as text": body(
            {"node": "n", "schema": schema, "batch": "x2", "ops": [dict(good_op, h="1")]}
        ),
        "field op without id": body(
            {"node": "n", "schema": schema, "batch": "x3", "ops": [dict(good_op, f="notes")]}
        ),
        "field op with an empty id": body(
            {"node": "n", "schema": schema, "batch": "x5", "ops": [dict(good_op, f="notes", i="")]}
        ),
        "new row with an empty id": body(
            {"node": "n", "schema": schema, "batch": "x6", "ops": [dict(good_op, i="")]}
        ),
        # Longer than the server keeps (32): PostgreSQL would refuse them after the work.
        "a node id of 33": body({"node": "n" * 33, "schema": schema, "batch": "x7", "ops": []}),
        "a batch id of 33": body({"node": "n", "schema": schema, "batch": "b" * 33, "ops": []}),
        "an after of 33": body(
            {"node": "n", "schema": schema, "batch": "x8", "after": "a" * 33, "ops": [good_op]}
        ),
        # A NUL: SQLite's JSON functions cut a text there (a log entry under a shorter row
        # id), PostgreSQL refuses it in any text.
        "a row id with a NUL": body(
            {"node": "n", "schema": schema, "batch": "x10", "ops": [dict(good_op, r=cid + "\x00x")]}
        ),
        "a node id with a NUL": body(
            {"node": "n\x00", "schema": schema, "batch": "x11", "ops": [good_op]}
        ),
        "an op id with a NUL": body(
            {"node": "n", "schema": schema, "batch": "x12", "ops": [dict(good_op, i="i\x00")]}
        ),
        "an op id of 33": body(
            {"node": "n", "schema": schema, "batch": "x9", "ops": [dict(good_op, i="i" * 33)]}
        ),
    }
    for what, data in refused.items():
        r = raw.post_body(data)
        assert r.status_code == 400, (what, r.status_code, r.text)
        assert r.json()["error"] == "bad_request", what
    too_many = [
        new_row_op("customers", str(uuid.uuid4()), customer_values(f"TM{n}", owner), stamp())
        for n in range(501)
    ]
    r = raw.post("x4", too_many)
    assert r.status_code == 413 and r.json()["error"] == "batch_too_large", r.text
    assert server_counts(server) == before, "nothing changed on the server"
    # The refused batch ids were not stored: the same id with a good body is applied.
    ok = results_of(raw.push("x2", [good_op]))
    assert [r.s for r in ok] == ["applied"]
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=cid) == [("BB1",)]


def test_values_the_database_cannot_hold_are_rejected_alone(
    server: ServerProcess, backend: str
) -> None:
    """PostgreSQL checks what SQLite does not: a text longer than its column (a name, a short
    name), a row id longer than 36 characters. Such a new row or edit is rejected alone with its
    reason (the laptop shows it and keeps the value); the rest of its batch goes in, and a later
    batch goes on. A SQLite server keeps them as the laptop does."""
    raw = RawPusher(server, "rep1", node="toolong")
    owner = raw.user_id
    stamp = Stamps()
    good, long_name, long_id, edited = (str(uuid.uuid4()) for _ in range(4))
    long_id = long_id + "-x"  # 38 characters
    kid = str(uuid.uuid4())
    ops = [
        new_row_op("customers", good, customer_values("TL1", owner), stamp()),
        new_row_op(
            "customers", long_name, customer_values("TL2", owner, name_zh="长" * 201), stamp()
        ),
        new_row_op("customers", long_id, customer_values("TL3", owner), stamp()),
        new_row_op("contacts", kid, contact_values(good, "李四"), stamp()),
        new_row_op("customers", edited, customer_values("TL4", owner), stamp()),
        field_op("tl-edit-1", "customers", edited, "short_name", "短" * 51, stamp()),
        field_op("tl-edit-2", "customers", good, "notes", "照常", stamp()),
    ]
    results = results_of(raw.push("tl-b1", ops))
    on_pg = backend == "postgresql"
    refused = {2, 3, 6} if on_pg else set()
    assert [r.s for r in results] == [
        "rejected" if n in refused else "applied" for n in range(1, 8)
    ], [r.reason for r in results]
    for n in refused:
        reason = results[n - 1].reason or ""
        assert reason.startswith("a value is longer than its field allows ("), reason
    stored = {r[0] for r in server_rows(server, "SELECT id FROM customers")}
    assert {good, edited} <= stored
    assert (long_name in stored, long_id in stored) == (not on_pg, not on_pg)
    assert server_rows(
        server,
        "SELECT short_name, notes FROM customers WHERE id IN (:a, :b) ORDER BY code",
        a=good,
        b=edited,
    ) == [(None, "照常"), (None if on_pg else "短" * 51, None)]
    assert server_rows(server, "SELECT name FROM contacts WHERE id = :k", k=kid) == [("李四",)]
    later = results_of(
        raw.push("tl-b2", [field_op("tl-edit-3", "customers", good, "city", "包头", stamp())])
    )
    assert [r.s for r in later] == ["applied"]


@SQLITE_ONLY
def test_a_body_that_is_not_valid_zstd_or_gzip_is_a_bad_request(server: ServerProcess) -> None:
    raw = RawPusher(server, "mgr", node="badcodec")
    before = server_counts(server)
    for encoding in ("zstd", "gzip"):
        r = raw.post_body(b"this is not compressed at all", encoding)
        assert r.status_code == 400, (
            f"a corrupt {encoding} body must be answered 400 bad_request, not"
            f" {r.status_code} (protocol.decompress raises a non-ValueError that"
            " app.push does not catch)"
        )
        assert r.json()["error"] == "bad_request"
    assert server_counts(server) == before


@SQLITE_ONLY
def test_laptop_with_malformed_local_values_is_refused_and_converges(
    server: ServerProcess, laptops
) -> None:
    """Raw SQL on the laptop can store anything SQLite accepts; the trigger captures it. The
    server refuses those ops; the laptop keeps them in the rejected list and takes the server's
    values back (docs/sync-protocol.md §6), while the good edits of the same batch go through."""
    a = laptops("mgr")
    b = laptops("admin")
    a.sync()
    cid = new_customer(a, "LM1", owner=a.user_id("rep1"))
    kid = new_contact(a, cid, "赵六")
    a.sync()
    a.sql("UPDATE customers SET is_deleted = 'yes', notes = '好的修改' WHERE id = :id", id=cid)
    a.sql(
        "UPDATE contacts SET created_at = :d, title = '经理' WHERE id = :id", d=BAD_DATETIME, id=kid
    )
    a.sql(
        "INSERT INTO payments (id, customer_id, received_on, amount, currency, method,"
        " created_at, updated_at, is_deleted) VALUES ('pay-bad', :c, '2026-02-01', 1.5, 'CNY',"
        " 'TT', :w, :w, 0)",
        c=cid,
        w=WHEN,
    )
    report = a.sync()
    assert report.rejected == 3, [(o.table, o.field, o.reason) for o in report.outcomes]
    reasons = {(r.table, r.field): r.reason for r in a.client.rejected_changes()}
    assert set(reasons) == {
        ("customers", "is_deleted"),
        ("contacts", "created_at"),
        ("payments", "*"),
    }
    assert "is_deleted" in reasons[("customers", "is_deleted")]
    assert "amount" in reasons[("payments", "*")]
    assert a.client.pending_count() == 0
    b.sync()
    assert a.sql("SELECT count(*) FROM customers WHERE id = :id", id=cid) == [(1,)], (
        "a refused field op must not delete the row on the laptop: the server keeps it, so the"
        " answer needs the server's value (cur/has_cur) to revert to"
    )
    converged(server, a, b)
    assert b.sql("SELECT notes, is_deleted FROM customers WHERE id = :id", id=cid) == [
        ("好的修改", 0)
    ]
    assert b.sql("SELECT title FROM contacts WHERE id = :id", id=kid) == [("经理",)]
    assert a.sql("SELECT count(*) FROM payments WHERE id = 'pay-bad'") == [(0,)]


# --- 4. protocol-2 stored answers ------------------------------------------------------------
def test_protocol_2_stored_answers_are_still_replayed(server: ServerProcess) -> None:
    raw = RawPusher(server, "mgr", node="oldnode")
    owner = user_id(server, "rep1")
    stamp = Stamps()
    cid = str(uuid.uuid4())
    made = results_of(
        raw.push(
            "p2-setup",
            [
                new_row_op("customers", cid, customer_values("P2", owner, city="包头"), stamp()),
                field_op("p2-setup-notes", "customers", cid, "notes", "原来的", stamp()),
                field_op("p2-setup-addr", "customers", cid, "address", "原地址", stamp()),
            ],
        )
    )
    s0 = made[1].seq
    assert s0 is not None
    row_before = server_state(server)["customers"]
    log_before = log_of(server, {cid})

    # What a protocol-2 server stored for a batch whose answer the laptop never received.
    legacy = StoredReply(
        batch="p2-old-batch",
        server_ms=hlc.wall_ms() - 86_400_000,
        results=[
            OpResult(i="p2-op-a", s="applied", seq=s0),
            OpResult(i="p2-op-b", s="applied", seq=s0 + 1),
            OpResult(
                i="p2-op-c",
                s="conflict",
                won=False,
                k="value",
                cur="包头",
                has_cur=True,
                th=hlc.pack(hlc.wall_ms() - 90_000),
                tu=raw.user_id,
                tn="othernode",
            ),
            OpResult(i="p2-op-d", s="rejected", reason="only a manager may change products"),
            OpResult(i="p2-op-e", s="merged", seq=s0 + 1),
            OpResult(i="p2-op-f", s="conflict", won=True, k="value", seq=s0),
        ],
    )
    keep_protocol2_answer(server, raw, legacy)
    old_ops = [
        field_op("p2-op-a", "customers", cid, "notes", "旧批次 a", stamp()),
        field_op("p2-op-b", "customers", cid, "address", "旧批次 b", stamp()),
        field_op("p2-op-c", "customers", cid, "city", "旧批次 c", stamp()),
        field_op("p2-op-d", "customers", cid, "province", "旧批次 d", stamp()),
        field_op("p2-op-e", "customers", cid, "port", "旧批次 e", stamp()),
        field_op("p2-op-f", "customers", cid, "website", "旧批次 f", stamp()),
    ]
    replayed = raw.push(legacy.batch, old_ops)
    assert replayed == compact_reply(legacy).model_dump(mode="json", exclude_none=True)
    assert [(r.s, r.seq, r.reason, r.cur, r.won) for r in results_of(replayed)] == [
        (r.s, r.seq, r.reason, r.cur, r.won) for r in legacy.results
    ]

    # Known op ids of the old batch in a new batch get their old results; a new op is applied.
    fresh = field_op("p2-op-new", "customers", cid, "tier", "B", stamp())
    mixed = [old_ops[3], fresh, old_ops[0], old_ops[2], old_ops[1], old_ops[5], old_ops[4]]
    answer = raw.push("p2-new-batch", mixed)
    got = results_of(answer)
    order = [3, None, 0, 2, 1, 5, 4]
    for p, k in enumerate(order):
        if k is None:
            assert got[p].s == "applied" and got[p].seq is not None and got[p].seq > s0 + 1
            continue
        old = legacy.results[k]
        assert (got[p].s, got[p].seq, got[p].reason, got[p].cur, got[p].has_cur, got[p].won) == (
            old.s,
            old.seq,
            old.reason,
            old.cur,
            old.has_cur,
            old.won,
        ), f"op {old.i}"
        assert (got[p].th, got[p].tu, got[p].tn, got[p].k) == (old.th, old.tu, old.tn, old.k)
    assert raw.push("p2-new-batch", mixed) == answer, "the new-format stored answer replays"
    # ... and an op id stored in the new format is found in a later batch too.
    later = results_of(raw.push("p2-later", [fresh, old_ops[2]]))
    assert (later[0].s, later[0].seq) == ("applied", got[1].seq)
    assert later[1].s == "conflict" and later[1].cur == "包头"

    after = {r: dict(v) for r, v in server_state(server)["customers"]}
    before = {r: dict(v) for r, v in row_before}
    assert after[cid] == {**before[cid], "tier": "B"}, "no old op was applied again"
    assert [e for e in log_of(server, {cid}) if e not in log_before] == [
        (got[1].seq, "customers", cid, "tier", '"B"', raw.node)
    ]


# --- 5. an interrupted pipelined push ---------------------------------------------------------
CUSTOMER_INSERT = (
    "INSERT INTO customers (id, code, name_zh, customer_type, tier, status, created_at,"
    " updated_at, is_deleted, name_pinyin, name_initials, search_text, owner_id, notes)"
    " VALUES (:id, :code, :name, 'STEEL_MILL', 'B', 'ACTIVE', :w, :w, 0, '', '', '', :owner,"
    " :notes)"
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_interrupted_pipelined_push_resumes_without_loss_or_duplicates(
    server: ServerProcess, laptops
) -> None:
    # One batch at a time: the test decides which batch the dying server commits (with batches
    # in flight, those already on their way to the stopped server race its restart).
    a = laptops("mgr", window=1)
    a.sync()
    owner = a.user_id("rep1")
    rows = [
        {
            "id": str(uuid.uuid4()),
            "code": f"PP{n:05d}",
            "name": f"管线客户{n}",
            "w": WHEN,
            "owner": owner,
            "notes": f"第{n}个",
        }
        for n in range(3000)
    ]
    with a.engine.begin() as conn:
        conn.execute(text(CUSTOMER_INSERT), rows)
    made = {r["id"] for r in rows}
    assert a.client.pending_count() == 3000

    # 1. Cancelled after the first answer, with the next batch already taken (never sent).
    stop: list[int] = []

    def note(progress: Any) -> None:
        if progress.phase == "push" and progress.done >= 500:
            stop.append(progress.done)

    cancelled = a.sync(progress=note, cancelled=lambda: bool(stop))
    assert cancelled.cancelled
    assert a.client.pending_count() == 2500, "the first answer was applied, nothing else"

    # 2. The server commits a batch and dies before answering, while the laptop has taken the
    # batch after it; the sync fails.
    armed: list[int] = []

    def die_after_next_commit(progress: Any) -> None:
        if progress.phase == "push" and progress.done >= 1000 and not armed:
            armed.append(progress.done)
            server.stop()
            server.start(env={FAULT_ENV: "exit-after-push-commit"})
            point_at(a, server)

    with pytest.raises(SyncUnavailable):
        a.sync(progress=die_after_next_commit)
    assert armed, "the fault was armed mid-push"
    assert server.proc is not None and server.proc.wait(10) == 70
    on_server = server_rows(server, "SELECT count(*) FROM customers WHERE code LIKE 'PP%'")
    assert on_server == [(3000 - a.client.pending_count() + 500,)], (
        "the unanswered batch was committed"
    )

    # 3. Back up: everything resumes, nothing twice.
    server.start(env={FAULT_ENV: ""})
    point_at(a, server)
    report = a.sync()
    assert report.rejected == 0 and report.conflicts == 0
    assert a.client.pending_count() == 0
    assert a.sql("SELECT count(*) FROM sync_outbox") == [(0,)]
    assert a.client.rejected_changes() == []
    held = server_rows(server, "SELECT id FROM customers WHERE code LIKE 'PP%'")
    assert sorted(r[0] for r in held) == sorted(made), "every row exactly once"
    counts = star_counts(server, made)
    assert set(counts) == made and set(counts.values()) == {1}, "one '*' entry per row"
    seqs = [r[0] for r in server_rows(server, "SELECT seq FROM sync_log ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1)), "the log has no gaps"
    converged(server, a, tables=["customers"])


@SQLITE_ONLY
def test_an_edit_made_while_its_op_is_on_the_way_is_not_lost(
    server: ServerProcess, laptops
) -> None:
    """The laptop reads batch N + 1 while N is in flight. A field edited after its op was read
    into a batch (sent, or about to be) replaces that op in the outbox; the answer to the old op
    must not acknowledge the new value, which is pushed later: the replicas end with it."""
    a = laptops("mgr", batch_size=2)
    b = laptops("admin")
    a.sync()
    owner = a.user_id("rep1")
    ids = [new_customer(a, f"ED{n}", owner=owner) for n in range(4)]
    a.sync()
    for n, cid in enumerate(ids):  # four field ops: two batches of two
        a.sql("UPDATE customers SET notes = :v WHERE id = :id", v=f"旧{n}", id=cid)
    edited: list[int] = []

    def edit_mid_push(progress: Any) -> None:
        # Batch 1 (ids 0, 1) is answered, its answer may be being applied; batch 2 (ids 2, 3)
        # has been read and is about to be sent.
        if progress.phase == "push" and progress.done >= 2 and not edited:
            edited.append(progress.done)
            for n in (0, 2):
                a.sql("UPDATE customers SET notes = :v WHERE id = :id", v=f"新{n}", id=ids[n])

    a.sync(progress=edit_mid_push)
    assert edited == [2]
    a.sync()  # the new values go now, if they did not go in the same sync
    b.sync()
    assert a.client.pending_count() == 0
    converged(server, a, b)
    notes = [b.sql("SELECT notes FROM customers WHERE id = :id", id=cid)[0][0] for cid in ids]
    assert notes == ["新0", "旧1", "新2", "旧3"], "the later edits won everywhere"


# --- 6. field ops on rows read narrow ---------------------------------------------------------
def test_concurrent_edits_of_one_customer_converge_with_the_right_inbox_values(
    server: ServerProcess, laptops
) -> None:
    a, b = laptops("mgr"), laptops("admin")
    a.sync()
    cid = new_customer(
        a, "NR1", owner=a.user_id("rep1"), notes="原备注", address="原地址", city="原城市"
    )
    a.sync()
    b.sync()
    for lap in (a, b):  # a hello without a sign-in: an offset unskewed by it (see above)
        lap.sync()
    # `address`: a first, b later (b's push wins over a's applied value: a's inbox at a pull).
    a.sql("UPDATE customers SET address = 'A 的地址' WHERE id = :id", id=cid)
    time.sleep(0.05)
    # `notes`: b first, a later (a pushes first; b's push loses: its answer carries a's value).
    b.sql(
        "UPDATE customers SET notes = 'B 的备注', address = 'B 的地址', province = '内蒙古',"
        " updated_at = '2026-04-01 00:00:00.000000' WHERE id = :id",
        id=cid,
    )
    time.sleep(0.05)
    a.sql(
        "UPDATE customers SET notes = 'A 的备注', city = '包头',"
        " updated_at = '2026-04-02 00:00:00.000000' WHERE id = :id",
        id=cid,
    )
    # A new row edited before it was ever pushed: insert and field op in one batch.
    cid2 = new_customer(a, "NR2", owner=a.user_id("rep1"))
    a.sql("UPDATE customers SET notes = '新建后改' WHERE id = :id", id=cid2)
    a.sync()
    pushed = b.sync()
    assert pushed.conflicts == 2, [(o.field, o.status, o.won) for o in pushed.outcomes]
    a.sync()
    b.sync()
    converged(server, a, b)
    assert a.sql(
        "SELECT notes, address, city, province, updated_at FROM customers WHERE id = :id", id=cid
    ) == [("A 的备注", "B 的地址", "包头", "内蒙古", "2026-04-02 00:00:00.000000")]
    assert b.sql("SELECT notes FROM customers WHERE id = :id", id=cid2) == [("新建后改",)]

    lost_b = [(c.field, c.kind, c.mine, c.theirs, c.their_user_name) for c in b.client.conflicts()]
    assert lost_b == [("notes", "value", "B 的备注", "A 的备注", "王经理")], (
        "the losing push files its own value and the server's (from the answer's cur)"
    )
    lost_a = [(c.field, c.kind, c.mine, c.theirs, c.their_user_name) for c in a.client.conflicts()]
    assert lost_a == [("address", "value", "A 的地址", "B 的地址", "系统管理员")], (
        "the overwritten value reaches its author through the log entry's x"
    )


def test_an_edit_that_revives_a_deleted_row_reaches_the_editing_laptop(
    server: ServerProcess, laptops
) -> None:
    """A deletes a customer while B edits it offline; A syncs first. B's edit brings the row
    back on the server (``is_deleted = 0``, flagged for A) — and B, which pulls A's older delete
    after pushing, must end with the row alive too: its own revival comes back to it. (Found by
    the property test: B kept ``is_deleted = 1``, the server and A had 0.)"""
    a = laptops("mgr")
    b = laptops("admin")
    a.sync()
    cid = new_customer(a, f"RV-{uuid.uuid4().hex[:6]}", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    a.sql("UPDATE customers SET is_deleted = 1 WHERE id = :id", id=cid)
    b.sql("UPDATE customers SET notes = '还在合作' WHERE id = :id", id=cid)
    a.sync()  # the delete first
    report = b.sync()  # the edit revives the row; B then pulls the (older) delete
    assert report.conflicts == 1
    a.sync()
    assert b.sql("SELECT is_deleted, notes FROM customers WHERE id = :id", id=cid) == [
        (0, "还在合作")
    ]
    converged(server, a, b, tables=["customers"])


# --- 7. review fixes: scope grants, private fields, canonical dates --------------------------
def test_a_scope_grant_hands_out_rows_as_they_were_at_the_grant(
    server: ServerProcess, laptops
) -> None:
    """The admin gives customer C (with contact X) to rep3, then moves X to customer D, which
    rep3 cannot see, and changes X's phone; rep3 syncs only after both. The grant is addressed
    to rep3 by name and not filtered at pull, so it must carry X as it was at the grant (under C,
    the old phone), never X as it is at pull time (under D, the new phone): today rep3 gets X as
    granted, and X's later changes not at all (X is no longer under a customer rep3 sees). When C
    goes back to rep1, the revoke drops C's subtree from rep3's laptop: X with it, as it is under
    C there. (Before the fix the grant was value-less: X came under D with the new phone, and the
    revoke left it behind.)"""
    admin = laptops("admin")
    admin.sync()
    rep1_id, rep3_id = admin.user_id("rep1"), admin.user_id("rep3")
    c = new_customer(admin, "GR-C", owner=rep1_id)
    d = new_customer(admin, "GR-D", owner=rep1_id)
    x = new_contact(admin, c, "张三")
    admin.sql("UPDATE contacts SET phone = '010-1111' WHERE id = :id", id=x)
    admin.sync()

    admin.sql("UPDATE customers SET owner_id = :o WHERE id = :id", o=rep3_id, id=c)
    admin.sync()  # the grant: C's subtree (C and X) for rep3
    admin.sql("UPDATE contacts SET customer_id = :d, phone = '010-2222' WHERE id = :id", d=d, id=x)
    admin.sync()
    assert server_rows(server, "SELECT customer_id, phone FROM contacts WHERE id = :i", i=x) == [
        (d, "010-2222")
    ]

    rep3 = laptops("rep3")
    rep3.sync()  # its first sync, after the grant and the move
    assert rep3.sql("SELECT id FROM customers") == [(c,)], "rep3 holds C, never D"
    held = rep3.sql("SELECT customer_id, phone FROM contacts WHERE id = :id", id=x)
    assert held in ([], [(c, "010-1111")]), (
        f"rep3 received contact X as it is now ({held}), not as it was when it was granted:"
        " moved to a customer rep3 may not see, with a phone changed after it left C"
    )
    assert rep3.sql("SELECT count(*) FROM contacts WHERE phone = '010-2222'") == [(0,)]

    admin.sql("UPDATE customers SET owner_id = :o WHERE id = :id", o=rep1_id, id=c)
    admin.sync()  # the revoke
    rep3.sync()
    assert rep3.sql("SELECT count(*) FROM customers") == [(0,)]
    assert rep3.sql("SELECT customer_id, phone FROM contacts WHERE id = :id", id=x) == [], (
        "after the revoke rep3 still holds contact X (it pointed at D, so it was not under C)"
    )
    assert rep3.sql("SELECT count(*) FROM contacts") == [(0,)]


def test_a_rejected_whole_row_op_on_another_users_row_does_not_return_the_password_hash(
    server: ServerProcess,
) -> None:
    """A rep sends a whole ``users`` row for the admin (built by hand): it is refused, and the
    answer's ``cur`` (the server's row, for the laptop to revert to) has no password hash —
    nor has the stored answer a replay of the batch returns."""
    raw = RawPusher(server, "rep1", node="nosyhash")
    admin_id = user_id(server, "admin")
    hashes = server_rows(server, "SELECT password_hash FROM users WHERE id = :i", i=admin_id)
    admin_hash = hashes[0][0]
    assert admin_hash
    stamp = Stamps()
    row = wire_row(
        "users",
        login="admin",
        full_name="篡改",
        role="REP",
        password_hash="not-a-real-hash",
        active=1,
        created_at=WHEN,
        updated_at=WHEN,
        is_deleted=0,
    )
    ops = [
        new_row_op("users", admin_id, row, stamp()),
        field_op("hash-field-op", "users", admin_id, "password_hash", "x", stamp()),
    ]
    r = raw.post("steal-hash", ops)
    assert r.status_code == 200, r.text
    answer = r.json()
    results = {res["p"]: res for res in answer["results"]}
    assert set(results) == {0, 1}, answer
    whole, field = results[0], results[1]
    assert whole["s"] == "rejected" and whole.get("has_cur") is True, whole
    cur = whole.get("cur")
    assert isinstance(cur, dict) and cur["login"] == "admin" and cur["full_name"] == "系统管理员"
    assert "password_hash" not in cur, "another user's password hash was handed out as cur"
    assert field["s"] == "rejected" and field.get("cur") is None, field
    assert admin_hash not in r.text
    assert admin_hash not in raw.post("steal-hash", ops).text, "nor in the stored answer"
    assert server_rows(server, "SELECT password_hash FROM users WHERE id = :i", i=admin_id) == [
        (admin_hash,)
    ]


@SQLITE_ONLY
def test_the_sqlite_fast_path_normalises_dates_and_datetimes_not_in_storage_form(
    server: ServerProcess, laptops
) -> None:
    """A whole row in storage form is stored as sent (SQLite: the wire value is the storage
    value), but a datetime of storage length with an offset, or an ISO week date of date length,
    is not in storage form: it must be stored, logged and pulled normalised, as the per-column
    path (a row without every column, a field op) stores it — UTC ``YYYY-MM-DD HH:MM:SS.ffffff``
    and ``YYYY-MM-DD``. (Before the fix both were taken by their length and stored as sent; the
    per-column check of a datetime had the same shortcut.)"""
    odd_datetime = "2026-01-01 08:00:00.1+0800"  # 26 characters, ' ' at 10, '.' at 19
    week_date = "2026-W01-1"  # 10 characters
    assert len(odd_datetime) == 26 and len(week_date) == 10
    utc = "2026-01-01 00:00:00.100000"
    monday = "2025-12-29"
    raw = RawPusher(server, "mgr", node="oddstamps")
    owner = user_id(server, "rep1")
    stamp = Stamps()
    fast_c, fast_p = str(uuid.uuid4()), str(uuid.uuid4())
    slow_c, slow_p = str(uuid.uuid4()), str(uuid.uuid4())
    # Every column: the fast path. One column left out: the per-column path.
    slow_customer = customer_values("DT2", owner, created_at=odd_datetime)
    del slow_customer["website"]
    slow_payment = payment_values(slow_c, 200, received_on=week_date)
    del slow_payment["reference"]
    ops = [
        new_row_op(
            "customers", fast_c, customer_values("DT1", owner, created_at=odd_datetime), stamp()
        ),
        new_row_op("payments", fast_p, payment_values(fast_c, 100, received_on=week_date), stamp()),
        new_row_op("customers", slow_c, slow_customer, stamp()),
        new_row_op("payments", slow_p, slow_payment, stamp()),
        field_op("dt-field-1", "customers", fast_c, "updated_at", odd_datetime, stamp()),
    ]
    assert [r.s for r in results_of(raw.push("odd-dates", ops))] == ["applied"] * len(ops)

    customers = server_rows(
        server,
        "SELECT id, created_at, updated_at FROM customers WHERE id IN (:a, :b)",
        a=fast_c,
        b=slow_c,
    )
    assert sorted(customers) == sorted([(fast_c, utc, utc), (slow_c, utc, WHEN)]), (
        "a datetime not in storage form was stored as sent"
    )
    payments = server_rows(
        server, "SELECT id, received_on FROM payments WHERE id IN (:a, :b)", a=fast_p, b=slow_p
    )
    assert sorted(payments) == sorted([(fast_p, monday), (slow_p, monday)]), (
        "a date not in storage form was stored as sent"
    )
    logged = [(e[2], e[3], e[4]) for e in log_of(server, {fast_c}) if e[3] != "*"]
    assert logged == [(fast_c, "updated_at", f'"{utc}"')]

    lap = laptops("admin")
    lap.sync()
    assert lap.sql("SELECT created_at FROM customers WHERE id = :i", i=fast_c) == [(utc,)]
    assert lap.sql("SELECT received_on FROM payments WHERE id = :i", i=fast_p) == [(monday,)]
    converged(server, lap, tables=["customers", "payments"])
