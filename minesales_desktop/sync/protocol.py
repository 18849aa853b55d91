"""The wire protocol shared by the laptop client and the server: messages, versions, compression.

Every body is JSON compressed with zstd (gzip accepted too); see ``docs/sync-protocol.md`` for the
measurements behind that choice. Keys are short because the same few appear 10 000 times in a push
and a satellite link bills by the byte; compression removes most but not all of the repetition.

Values inside ops are SQLite storage values (see ``sync.tables``): money travels as a scaled
integer, never as a float.
"""

from __future__ import annotations

import gzip
import json
from typing import Any, Literal

import zstandard
from pydantic import BaseModel, ConfigDict, Field

from minesales_desktop import __version__

#: Bumped when the message format changes incompatibly.
PROTOCOL_VERSION = 1
#: The most ops one push batch may carry.
MAX_BATCH_OPS = 500
#: Default number of log entries the server scans per pull page.
DEFAULT_PULL_LIMIT = 2000

APP_VERSION = __version__
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


class Op(_Msg):
    i: str = Field(description="op id (unique forever)")
    t: str = Field(description="table")
    r: str = Field(description="row id")
    f: str = Field(description="field, or '*' for a new row (v is then an object)")
    v: Any = Field(default=None, description="the stored value")
    h: int = Field(description="hybrid-logical-clock stamp")
    b: int = Field(description="base: the server sequence the edit was made on")


class PushRequest(_Msg):
    node: str
    schema_: str = Field(alias="schema")
    batch: str = Field(description="batch id: a replay returns the stored answer")
    ops: list[Op] = Field(max_length=MAX_BATCH_OPS)

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class OpResult(_Msg):
    i: str
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


class PushReply(_Msg):
    batch: str
    results: list[OpResult]
    server_ms: int


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
_zc = zstandard.ZstdCompressor(level=ZSTD_LEVEL)


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "zstd":
        return _zc.compress(data)
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
