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
import json
import threading
from typing import Any, Literal

import zstandard
from pydantic import BaseModel, ConfigDict, Field, model_validator

from minesales_desktop import __version__

#: Bumped when the message format changes incompatibly (2: answers by position, new-row ops
#: without an op id).
PROTOCOL_VERSION = 2
#: The most ops one push batch may carry.
MAX_BATCH_OPS = 500
#: Default number of log entries the server scans per pull page.
DEFAULT_PULL_LIMIT = 2000

APP_VERSION = __version__
ZSTD_LEVEL = 3
#: Push bodies (up to 500 ops, ~375 KB of JSON) are worth a stronger level: ~12 % smaller than
#: level 3 for ~5 ms more per batch (see docs/sync-protocol.md, "Where the bytes go").
PUSH_ZSTD_LEVEL = 9

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


def derived_op_id(t: str, r: str, h: Any) -> str:
    """The op id of a new-row op sent without one: a new row is captured once per insert, and
    (table, row id, stamp) is unique forever (stamps only grow on a node; row ids are UUIDs). 32
    hex characters, so it never equals a laptop's random 24-character op id."""
    return hashlib.sha256(f"{t}\x1f{r}\x1f{h}".encode()).hexdigest()[:32]


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


class PushRequest(_Msg):
    node: str
    schema_: str = Field(alias="schema")
    batch: str = Field(description="batch id: a replay returns the stored answer")
    ops: list[Op] = Field(max_length=MAX_BATCH_OPS)

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class OpResult(_Msg):
    i: str | None = Field(default=None, description="op id (kept in the server's stored answer)")
    p: int | None = Field(default=None, description="position of the op in the batch (wire)")
    s: OpStatus
    seq: int | None = Field(default=None, description="log sequence of an applied change")
    won: bool | None = Field(default=None, description="conflict: did this op win")
    k: str | None = Field(default=None, description="conflict kind: value | delete")
    reason: str | None = None
    cur: Any = Field(default=None, description="server value after a lost/rejected op")
    has_cur: bool = Field(default=False, description="whether the row exists on the server")
    th: int | None = Field(default=None, description="their stamp (conflict)")
    tu: str | None = Field(default=None, description="their user id (conflict)")
    tn: str | None = Field(default=None, description="their node (conflict)")


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


def expand_reply(reply: PushReply) -> list[OpResult]:
    """Every result of a wire answer in op order (position ``p`` set); raises ValueError if the
    answer does not cover each of its ``n`` positions exactly once."""
    out: list[OpResult | None] = [None] * reply.n
    for p0, count, seq0 in reply.a:
        for j in range(count):
            if not 0 <= p0 + j < reply.n or out[p0 + j] is not None:
                raise ValueError("push answer: bad applied run")
            # model_construct: the ints were validated with the reply; 500 validations per batch
            # were a tenth of the client's time.
            out[p0 + j] = OpResult.model_construct(p=p0 + j, s="applied", seq=seq0 + j)
    for r in reply.results:
        if r.p is None or not 0 <= r.p < reply.n or out[r.p] is not None:
            raise ValueError("push answer: bad result position")
        out[r.p] = r
    if any(r is None for r in out):
        raise ValueError("push answer: an op has no result")
    return [r for r in out if r is not None]


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


class ErrorReply(_Msg):
    error: str
    message: str
    update_to: str | None = None


# --- bodies -----------------------------------------------------------------------------------
# A ZstdCompressor is not thread-safe (the server answers from a thread pool; laptops in one
# process push from several threads): one per thread and level.
_local = threading.local()


def _compressor(level: int) -> zstandard.ZstdCompressor:
    cache: dict[int, zstandard.ZstdCompressor] | None = getattr(_local, "zc", None)
    if cache is None:
        cache = _local.zc = {}
    found = cache.get(level)
    if found is None:
        found = cache[level] = zstandard.ZstdCompressor(level=level)
    return found


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def compress(data: bytes, encoding: str, *, strong: bool = False) -> bytes:
    """``strong``: zstd level ``PUSH_ZSTD_LEVEL`` instead of ``ZSTD_LEVEL`` (push bodies)."""
    if encoding == "zstd":
        return _compressor(PUSH_ZSTD_LEVEL if strong else ZSTD_LEVEL).compress(data)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=6, mtime=0)
    if encoding in ("", "identity"):
        return data
    raise ValueError(f"unsupported content encoding {encoding!r}")


def decompress(data: bytes, encoding: str, *, limit: int = 256 * 1024 * 1024) -> bytes:
    """Decompress a body, refusing bombs larger than ``limit``."""
    if encoding == "zstd":
        out = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    elif encoding == "gzip":
        out = gzip.decompress(data)
    elif encoding in ("", "identity"):
        out = data
    else:
        raise ValueError(f"unsupported content encoding {encoding!r}")
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
