"""Request and answer bodies: what ``protocol.decompress`` takes and what it refuses."""

from __future__ import annotations

import gzip
import json

import pytest
import zstandard

from minesales_desktop.sync.client import OutOp, push_body
from minesales_desktop.sync.protocol import (
    compress,
    decompress,
    derived_op_id,
    op_id,
    parse_push,
)

BODY = '{"ops":[{"t":"customers","v":"鞍钢集团"}]}'.encode() * 500


@pytest.mark.parametrize("encoding", ["zstd", "gzip", "identity"])
def test_a_body_comes_back_as_sent(encoding: str) -> None:
    assert decompress(compress(BODY, encoding), encoding) == BODY


def test_a_streamed_zstd_body_without_a_declared_size_is_read_too() -> None:
    stream = zstandard.ZstdCompressor().compressobj()
    body = stream.compress(BODY) + stream.flush()
    assert zstandard.frame_content_size(body) == -1
    assert decompress(body, "zstd") == BODY


@pytest.mark.parametrize("streamed", [False, True])
def test_a_body_that_inflates_past_the_limit_is_refused(streamed: bool) -> None:
    """A bomb is refused whether or not its frame declares its size (a declared size over the
    limit is never allocated; an undeclared one is read up to the limit and no further)."""
    if streamed:
        stream = zstandard.ZstdCompressor().compressobj()
        body = stream.compress(b"0" * 100_000) + stream.flush()
    else:
        body = compress(b"0" * 100_000, "zstd")
    with pytest.raises(ValueError, match="body too large"):
        decompress(body, "zstd", limit=50_000)
    with pytest.raises(ValueError, match="body too large"):
        decompress(gzip.compress(b"0" * 100_000), "gzip", limit=50_000)


@pytest.mark.parametrize("body", [b"", b"not zstd at all", compress(BODY, "zstd")[:20]])
def test_a_body_that_is_not_zstd_is_refused_with_a_reason(body: bytes) -> None:
    with pytest.raises(ValueError, match="not valid zstd"):
        decompress(body, "zstd")


def _ops(row_ids: list[str]) -> list[OutOp]:
    ops = []
    for k, row_id in enumerate(row_ids, start=1):
        value = json.dumps({"name_zh": f"鞍钢{k}", "notes": 'a "quoted"\nline'}, ensure_ascii=False)
        ops.append(OutOp(k, derived_op_id("customers", row_id, 1000 + k), "customers", row_id,
                         "*", value, 1000 + k, 0))  # fmt: skip
        ops.append(OutOp(k + 100, f"{2000 + k:016x}abcdef", "customers", row_id, "address",
                         None if k % 2 else json.dumps("鞍山 2号楼"), 2000 + k, 7))  # fmt: skip
    return ops


@pytest.mark.parametrize(
    "row_ids",
    [
        ["0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"],
        # not what the app makes, but a row id is the laptop's data: quoted, not broken
        ["0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", 'odd "id"\\ 客户'],
    ],
)
def test_a_push_body_reads_back_as_the_outbox_ops(row_ids: list[str]) -> None:
    """What the server parses out of a push body is each outbox op as it was captured: a new row
    without an op id (derived again on the server), a field op with its own, values as stored."""
    ops = _ops(row_ids)
    batch = parse_push(push_body("n" * 32, "0006", "b" * 32, ops, after="a" * 32, session=4))
    assert (batch.node, batch.schema, batch.batch, batch.after, batch.session) == (
        "n" * 32, "0006", "b" * 32, "a" * 32, 4,
    )  # fmt: skip
    assert batch.pull is None, "only the last batch asks for a page"
    last = parse_push(push_body("n" * 32, "0006", "c" * 32, ops, after="b" * 32, pull=(17, 250)))
    assert (last.after, last.pull, last.ops) == ("b" * 32, (17, 250), batch.ops)
    assert [tuple(w) for w in batch.ops] == [
        (
            "" if op.f == "*" else op.i,  # a new row's id is derived on the server when needed
            op.t, op.r, op.f, None if op.raw is None else json.loads(op.raw), op.h, op.b,
        )
        for op in ops
    ]  # fmt: skip
    assert [op_id(w) for w in batch.ops] == [op.i for op in ops], "the ids the laptop holds"
