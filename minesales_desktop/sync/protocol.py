"""The wire protocol shared by the laptop client and the server: messages, versions, compression.

Every body is JSON compressed with zstd (gzip accepted too); see ``docs/sync-protocol.md`` for the
measurements behind that choice. Keys are short because the same few appear 10 000 times in a push
and a satellite link bills by the byte; compression removes most but not all of the repetition.

Values inside ops are SQLite storage values (see ``sync.tables``): money travels as a scaled
integer, never as a float.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import orjson
import zstandard
from pydantic import BaseModel, ConfigDict, Field, model_validator

from minesales_desktop import __version__

#: Bumped when the message format changes incompatibly (2: answers by position, new-row ops
#: without an op id; 3: the customer search keys are local fields, never on the wire).
PROTOCOL_VERSION = 3
#: The most ops one push batch may carry.
MAX_BATCH_OPS = 500
#: The longest node, batch and op id the server can keep (``sync_log.node_id``,
#: ``sync_batches.batch_id``, ``sync_ops.op_id``: 32 characters; the app's node and batch ids
#: are 32 hex digits, its op ids 28 characters, derived ones 32).
MAX_ID_LENGTH = 32
#: Push batches a server of this version takes in flight from one laptop (``HelloReply.window``):
#: the laptop sends the next batch without waiting for the answer to the last one, so on a
#: satellite link (~600 ms a round trip) the link stays busy instead of idling a round trip per
#: batch, and on a fast one the laptop's work overlaps the server's. Each batch names the one it
#: follows (``PushRequest.after``) and the server applies them in that order.
PUSH_WINDOW = 3
#: How long the server holds a batch whose predecessor has not arrived (a cut request the laptop
#: is re-sending) before it answers 409 ``out_of_order``; below the laptop's request timeout.
ORDER_WAIT_S = 30.0
#: Default number of log entries the server scans per pull page.
DEFAULT_PULL_LIMIT = 2000

APP_VERSION = __version__
#: Every body, push bodies too. Level 6 made a push ~8 % smaller (136 instead of 148 B per new
#: customer + contact) but cost the laptop ~1.3 ms per batch, on a core the server shares in the
#: bench; without the search keys a push is well under Anki's bytes at level 3 already
#: (docs/sync-protocol.md, "Where the bytes go").
ZSTD_LEVEL = 3

OpStatus = Literal["applied", "merged", "conflict", "rejected"]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TokenRequest(_Msg):
    login: str
    password: str


class TokenResponse(_Msg):
    token: str
    expires_at: str = Field(description="ISO UTC time after which the token is refused")
    user_id: str
    role: str


class Hello(_Msg):
    node: str = Field(description="the laptop's node id (one per install)")
    schema_: str = Field(alias="schema", description="the laptop's database schema revision")
    protocol: int = PROTOCOL_VERSION
    app_version: str = APP_VERSION
    cursor: int = Field(description="last server sequence the laptop has pulled")
    client_ms: int = Field(description="the laptop's clock, Unix ms, when it sent this")

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class HelloReply(_Msg):
    server_ms: int
    head: int = Field(description="the newest server sequence")
    pull: bool = Field(description="whether there is anything to pull after the cursor")
    user_id: str
    role: str
    window: int = Field(
        default=1,
        description="push batches the laptop may have in flight at once (servers before this"
        " field: 1); each names the batch it follows (PushRequest.after)",
    )
    session: int | None = Field(
        default=None,
        description="this sync's number for the laptop's node (servers before this field: none);"
        " the laptop sends it with each push (PushRequest.session), and once a newer sync of"
        " the node has said hello, a push of an older one is refused (409 superseded)",
    )


_sha256 = hashlib.sha256


def derived_op_id(t: str, r: str, h: Any) -> str:
    """The op id of a new-row op sent without one: a new row is captured once per insert, and
    (table, row id, stamp) is unique forever (stamps only grow on a node; row ids are UUIDs).
    32 hex characters, so it never equals a laptop's 24-character op id: the stamp first (16),
    then 16 of a hash of the rest. Ids that grow with time keep the server's op-id index
    appending instead of writing a random page per op (protocol 3; protocol 2 hashed all)."""
    digest = _sha256(f"{t}\x1f{r}\x1f{h}".encode()).hexdigest()[:16]  # = digest()[:8].hex()
    return "%016x%s" % (int(h) & 0xFFFFFFFFFFFFFFFF, digest)  # noqa: UP031 - the fast one


class Op(_Msg):
    i: str = Field(
        description="op id (unique forever); a new row ('*') may omit it: derived_op_id(t, r, h)"
    )
    t: str = Field(description="table")
    r: str = Field(description="row id")
    f: str = Field(description="field, or '*' for a new row (v is then an object)")
    v: Any = Field(default=None, description="the stored value")
    h: int = Field(description="hybrid-logical-clock stamp")
    b: int = Field(description="base: the server sequence the edit was made on")

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("i") is None and data.get("f") == "*":
            return {
                **data,
                "i": derived_op_id(str(data.get("t")), str(data.get("r")), data.get("h")),
            }
        return data


class PullAsk(_Msg):
    """The first pull page asked for with a push batch (``PushRequest.pull``)."""

    cursor: int = Field(ge=0)
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1)


class PushRequest(_Msg):
    node: str
    schema_: str = Field(alias="schema")
    batch: str = Field(description="batch id: a replay returns the stored answer")
    after: str | None = Field(
        default=None,
        description="the batch of this laptop this one follows (batches in flight, HelloReply"
        ".window): the server applies it only once that batch is stored",
    )
    session: int | None = Field(
        default=None,
        description="the session of this sync's hello (HelloReply.session): a push of a sync"
        " older than the node's newest hello is refused, 409 superseded",
    )
    pull: PullAsk | None = Field(
        default=None,
        description="on the last batch of a push: the first page after this cursor comes back"
        " with the answer (PushReply.page), read once the batch is stored — one round trip"
        " less per sync; a server that does not know it answers without a page",
    )
    ops: list[Op] = Field(max_length=MAX_BATCH_OPS)

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class WireOp(NamedTuple):
    """One pushed op as the server handles it (the validated form of ``Op``). ``i`` is ""
    for a new row sent without an op id (``op_id`` derives it)."""

    i: str
    t: str
    r: str
    f: str
    v: Any
    h: int
    b: int


def op_id(op: WireOp) -> str:
    """The op's id: its own, or for a new row sent without one, ``derived_op_id``."""
    return op.i or derived_op_id(op.t, op.r, op.h)


@dataclass(frozen=True, slots=True)
class PushBatch:
    """A validated push request (``PushRequest``, read by ``parse_push``)."""

    node: str
    schema: str
    batch: str
    ops: list[WireOp]
    after: str | None = None
    session: int | None = None
    pull: tuple[int, int] | None = None  # (cursor, limit): ``PushRequest.pull``


class BatchTooLarge(ValueError):
    pass


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if type(value) is not str:
        raise ValueError(f"{key}: expected text")
    return value


def parse_push(data: bytes) -> PushBatch:
    """Read and validate a push body (the JSON of ``PushRequest``) without building a pydantic
    model per op: 500 ``Op`` validations were a fifth of the server's time per batch. The checks
    are the model's: text ids, integer stamps and bases, at most ``MAX_BATCH_OPS`` ops, an op id
    on every op but new rows. A new row sent without one gets ``i = ""``: its id is
    ``derived_op_id``, worked out by ``op_id`` only where the server needs it (most new rows are
    answered and forgotten without it: ``store._BatchPush``). Raises ValueError
    (``BatchTooLarge`` for too many ops) with a message for the 400 answer."""
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if type(obj) is not dict:
        raise ValueError("a push must be a JSON object")
    node, schema, batch = _text(obj, "node"), _text(obj, "schema"), _text(obj, "batch")
    after = obj.get("after")
    if after is not None and type(after) is not str:
        raise ValueError("after: expected text")
    if max(len(node), len(batch), len(after or "")) > MAX_ID_LENGTH:
        raise ValueError(f"node, batch and after: at most {MAX_ID_LENGTH} characters")
    if "\x00" in f"{node}{batch}{after or ''}":
        raise ValueError("node, batch and after: no NUL character")
    session = obj.get("session")
    if session is not None and type(session) is not int:
        raise ValueError("session: expected an integer")
    pull = obj.get("pull")
    if pull is not None:
        if type(pull) is not dict:
            raise ValueError("pull: expected an object")
        cursor, limit = pull.get("cursor"), pull.get("limit", DEFAULT_PULL_LIMIT)
        if type(cursor) is not int or type(limit) is not int or cursor < 0 or limit < 1:
            raise ValueError("pull: cursor and limit must be integers (cursor ≥ 0, limit ≥ 1)")
        pull = (cursor, limit)
    raw = obj.get("ops")
    if type(raw) is not list:
        raise ValueError("ops: expected a list")
    if len(raw) > MAX_BATCH_OPS:
        raise BatchTooLarge(f"a batch may carry {MAX_BATCH_OPS} ops, not {len(raw)}")
    ops: list[WireOp] = []
    make = tuple.__new__  # WireOp(...) without its __new__'s keyword handling: 500 per batch
    for n, o in enumerate(raw):
        if type(o) is not dict:
            raise ValueError(f"ops[{n}]: expected an object")
        t, r, f, h, b, i = o.get("t"), o.get("r"), o.get("f"), o.get("h"), o.get("b"), o.get("i")
        if type(t) is not str or type(r) is not str or type(f) is not str:
            raise ValueError(f"ops[{n}]: t, r and f must be text")
        if "\x00" in r:  # no id has one; SQLite's JSON functions would cut it there
            raise ValueError(f"ops[{n}]: r must not contain a NUL character")
        if type(h) is not int or type(b) is not int:
            raise ValueError(f"ops[{n}]: h and b must be integers")
        if i is None:
            if f != "*":
                raise ValueError(f"ops[{n}]: an op id (i) is required")
            i = ""  # derived when the server needs it (``op_id``)
        elif type(i) is not str or not i or len(i) > MAX_ID_LENGTH or "\x00" in i:
            raise ValueError(f"ops[{n}]: i must be text, 1 to {MAX_ID_LENGTH} characters, no NUL")
        ops.append(make(WireOp, (i, t, r, f, o.get("v"), h, b)))
    return PushBatch(node, schema, batch, ops, after, session, pull)


class OpResult(_Msg):
    i: str | None = Field(default=None, description="op id (kept in the server's stored answer)")
    p: int | None = Field(default=None, description="position of the op in the batch (wire)")
    s: OpStatus
    seq: int | None = Field(default=None, description="log sequence of an applied change")
    won: bool | None = Field(default=None, description="conflict: did this op win")
    k: str | None = Field(
        default=None,
        description="conflict kind: value | delete; renumbered: a merged new row taken under the"
        " next free version (th/tu/tn: who made the version it gave way to)",
    )
    reason: str | None = None
    cur: Any = Field(default=None, description="server value after a lost/rejected op")
    has_cur: bool = Field(default=False, description="whether the row exists on the server")
    th: int | None = Field(default=None, description="their stamp (conflict)")
    tu: str | None = Field(default=None, description="their user id (conflict)")
    tn: str | None = Field(default=None, description="their node (conflict)")
    lf: list[str] | None = Field(
        default=None, description="a lost whole row: the fields it lost (what its laptop files)"
    )


class StoredReply(_Msg):
    """The server's stored answer to a batch: every result, in op order, with its op id (a known
    op id in a later batch is answered from here). Also the protocol-1 answer format."""

    batch: str
    results: list[OpResult]
    server_ms: int


class PushReply(_Msg):
    """The answer on the wire. Results are by position in the batch: runs of plainly applied ops
    with consecutive sequences are ``a: [[position, count, first seq], …]``; every other result
    is in ``results`` with its position ``p`` (no op ids: the client knows its batch)."""

    batch: str
    n: int = Field(description="number of ops in the batch")
    a: list[list[int]] = Field(default_factory=list, description="applied runs [p, count, seq]")
    results: list[OpResult] = Field(default_factory=list)
    server_ms: int
    page: PullReply | None = Field(
        default=None, description="the pull page the batch asked for (PushRequest.pull)"
    )


def compact_reply(stored: StoredReply) -> PushReply:
    """The wire answer for a stored answer (see ``PushReply``)."""
    runs: list[list[int]] = []
    others: list[OpResult] = []
    for p, r in enumerate(stored.results):
        extra = (r.won, r.k, r.reason, r.cur, r.th, r.tu, r.tn)
        if r.s == "applied" and r.seq is not None and not r.has_cur and extra == (None,) * 7:
            assert r.seq is not None
            last = runs[-1] if runs else None
            if last is not None and last[0] + last[1] == p and last[2] + last[1] == r.seq:
                last[1] += 1
            else:
                runs.append([p, 1, r.seq])
        else:
            others.append(r.model_copy(update={"i": None, "p": p}))
    return PushReply(
        batch=stored.batch,
        n=len(stored.results),
        a=runs,
        results=others,
        server_ms=stored.server_ms,
    )


def _plain_seq(result: int | OpResult) -> int | None:
    """The sequence of a plainly applied result (an int, or an OpResult with nothing else)."""
    if type(result) is int:
        return result
    assert isinstance(result, OpResult)
    r = result
    if r.s == "applied" and r.seq is not None and not r.has_cur:
        if (r.won, r.k, r.reason, r.cur, r.th, r.tu, r.tn) == (None,) * 7:
            return r.seq
    return None


def reply_wire(batch: str, results: Sequence[int | OpResult], server_ms: int) -> dict[str, Any]:
    """The wire answer (``PushReply`` as JSON data) for a batch's results in op order; an int is
    a plainly applied op's sequence (the server's bulk path makes no OpResult for those)."""
    runs: list[list[int]] = []
    others: list[dict[str, Any]] = []
    for p, r in enumerate(results):
        seq = r if type(r) is int else _plain_seq(r)
        if seq is None:
            assert isinstance(r, OpResult)
            data = r.model_dump(mode="json", exclude_none=True, exclude={"i"})
            data["p"] = p
            others.append(data)
            continue
        last = runs[-1] if runs else None
        if last is not None and last[0] + last[1] == p and last[2] + last[1] == seq:
            last[1] += 1
        else:
            runs.append([p, 1, seq])
    return {"batch": batch, "n": len(results), "a": runs, "results": others, "server_ms": server_ms}


def stored_reply(wire: dict[str, Any], op_ids: Sequence[str]) -> bytes:
    """What the server keeps for a batch: the wire answer plus the op ids in order (a replayed
    batch gets the answer; a known op id in a later batch gets its own result:
    ``stored_results``)."""
    return orjson.dumps({**wire, "ops": list(op_ids)})


def replay_wire(stored: str | bytes) -> dict[str, Any]:
    """The wire answer of a stored batch (also the protocol-1/2 stored format, ``StoredReply``)."""
    data = orjson.loads(stored)
    if "ops" in data:
        data.pop("ops")
        return dict(data)
    legacy = compact_reply(StoredReply.model_validate(data))
    return legacy.model_dump(mode="json", exclude_none=True)


def stored_results(stored: str | bytes) -> dict[str, int | OpResult]:
    """op id → its result, from a stored batch answer (either format)."""
    data = orjson.loads(stored)
    if "ops" not in data:
        return {r.i: r for r in StoredReply.model_validate(data).results if r.i}
    ids: list[str] = data["ops"]
    out: dict[str, int | OpResult] = {}
    for p0, count, seq0 in data.get("a", []):
        for j in range(count):
            out[ids[p0 + j]] = seq0 + j
    for r in data.get("results", []):
        out[ids[r["p"]]] = OpResult.model_validate({**r, "p": None})
    out.pop("", None)  # new rows answered without keeping their id (``_BatchPush.run``)
    return out


def reply_results(reply: PushReply) -> list[int | OpResult]:
    """Every result of a wire answer in op order: an int is a plainly applied op's sequence
    (no OpResult is built for those: 500 per batch were a tenth of the client's time). Raises
    ValueError if the answer does not cover each of its ``n`` positions exactly once."""
    out: list[int | OpResult | None] = [None] * reply.n
    for run in reply.a:
        if len(run) != 3:
            raise ValueError("push answer: bad applied run")
        p0, count, seq0 = run
        if p0 < 0 or count < 1 or p0 + count > reply.n or any(out[p0 : p0 + count]):
            raise ValueError("push answer: bad applied run")
        out[p0 : p0 + count] = range(seq0, seq0 + count)
    for r in reply.results:
        if r.p is None or not 0 <= r.p < reply.n or out[r.p] is not None:
            raise ValueError("push answer: bad result position")
        out[r.p] = r
    if any(r is None for r in out):
        raise ValueError("push answer: an op has no result")
    return [r for r in out if r is not None]


def expand_reply(reply: PushReply) -> list[OpResult]:
    """Every result of a wire answer in op order, as OpResults (position ``p`` set)."""
    out: list[OpResult] = []
    for p, r in enumerate(reply_results(reply)):
        out.append(
            r if isinstance(r, OpResult) else OpResult.model_construct(p=p, s="applied", seq=r)
        )
    return out


class PullRequest(_Msg):
    node: str
    schema_: str = Field(alias="schema")
    cursor: int
    limit: int = DEFAULT_PULL_LIMIT

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class Change(_Msg):
    s: int = Field(description="server sequence")
    t: str
    r: str
    f: str = Field(description="field, '*' for a whole row, '~revoke' to drop a scope root")
    v: Any = None
    h: int
    u: str | None = Field(default=None, description="user who made the change")
    x: dict[str, Any] | None = Field(
        default=None, description="the value this change overwrote in a concurrent edit"
    )


class PullReply(_Msg):
    changes: list[Change]
    cursor: int
    more: bool


PushReply.model_rebuild()  # ``page`` names PullReply, defined after it


class ResendRequest(_Msg):
    """Rows this laptop could not apply when it pulled them — the pulled row clashed with one of
    its own edits still queued (two reps gave one USCC to two customers), and the server has
    since refused or taken back that edit. The cursor went past them: the server logs them again
    for this user, as they are now (as a grant does), and the next pull brings them."""

    node: str
    schema_: str = Field(alias="schema")
    rows: list[tuple[str, str]] = Field(min_length=1, max_length=MAX_BATCH_OPS)

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class ResendReply(_Msg):
    logged: int = Field(description="rows logged again (those the user may see and that exist)")


class ErrorReply(_Msg):
    error: str
    message: str
    update_to: str | None = None


# --- bodies -----------------------------------------------------------------------------------
# A ZstdCompressor is not thread-safe (the server answers from a thread pool; laptops in one
# process push from several threads): one per thread.
_local = threading.local()


def _compressor() -> zstandard.ZstdCompressor:
    found: zstandard.ZstdCompressor | None = getattr(_local, "zc", None)
    if found is None:
        found = _local.zc = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    return found


def _decompressor() -> zstandard.ZstdDecompressor:
    found: zstandard.ZstdDecompressor | None = getattr(_local, "zd", None)
    if found is None:
        found = _local.zd = zstandard.ZstdDecompressor()
    return found


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "zstd":
        return _compressor().compress(data)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=6, mtime=0)
    if encoding in ("", "identity"):
        return data
    raise ValueError(f"unsupported content encoding {encoding!r}")


def decompress(data: bytes, encoding: str, *, limit: int = 256 * 1024 * 1024) -> bytes:
    """Decompress a body, refusing bombs larger than ``limit`` (it never inflates more than
    ``limit`` + 1 bytes) and bodies that are not what they say: ValueError either way."""
    try:
        if encoding == "zstd":
            declared = zstandard.frame_content_size(data)  # -1: the frame does not say
            if 0 <= declared <= limit:  # what one-shot compressors write: inflate at once
                out = _decompressor().decompress(data)
            else:
                with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
                    out = reader.read(limit + 1)
        elif encoding == "gzip":
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as reader:
                out = reader.read(limit + 1)
        elif encoding in ("", "identity"):
            out = data
        else:
            raise ValueError(f"unsupported content encoding {encoding!r}")
    except (zstandard.ZstdError, OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"the body is not valid {encoding} ({exc})") from None
    if len(out) > limit:
        raise ValueError("body too large")
    return out


def pick_encoding(accept: str) -> str:
    accepted = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if "zstd" in accepted:
        return "zstd"
    if "gzip" in accepted:
        return "gzip"
    return "identity"
