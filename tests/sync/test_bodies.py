"""Request and answer bodies: what ``protocol.decompress`` takes and what it refuses."""

from __future__ import annotations

import gzip

import pytest
import zstandard

from minesales_desktop.sync.protocol import compress, decompress

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
