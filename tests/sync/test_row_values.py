"""The server's check of a whole new row as laptops send it (``store._RowCodec``): a row in
storage form is taken as it is, anything else goes column by column and is refused with the
column's name — the fast checks (a row at once, a batch's rows at once) must never let through
what the column-by-column one refuses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from minesales_desktop.sync.server.store import _row_codec
from minesales_desktop.sync.tables import codec

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import sync_floor  # noqa: E402

BAD: dict[str, list[Any]] = {
    "str": [1, 1.5, True, ["x"], {"a": 1}],
    "int": ["1", 1.5, True, False, [1]],
    "bool": [2, -1, "1", 1.0, True, "yes"],
    "datetime": [1, "2026-11-27", "2026-11-27T10:00:00", "2026-13-01 10:00:00.000000",
                 "2026-11-27 10:00:00.00000x", "２０２６-11-27 10:00:00.000000"],
    "date": [1, "2026-02-30", "20261127", "2026-11-27 10:00"],
}  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    ops = sync_floor.add_ops(3, "0193a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b")
    return [dict(op["v"], _t=op["t"]) for op in ops]


def test_a_row_as_laptops_send_it_is_taken_as_it_is(rows: list[dict[str, Any]]) -> None:
    by_table: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        values = {k: v for k, v in row.items() if k != "_t"}
        assert _row_codec(row["_t"], True).convert(values) is values
        by_table.setdefault(row["_t"], []).append(values)
    for tbl, values_list in by_table.items():  # and all of a batch's rows at once
        assert _row_codec(tbl, True).plain_rows(values_list)


@pytest.mark.parametrize("tbl", ["customers", "contacts", "payments", "shipments", "quotes"])
def test_a_value_not_in_storage_form_never_passes_as_it_is(tbl: str) -> None:
    """Each column, each odd value: the whole-row check gives what the column's own converter
    gives — refused with the column's name, or stored in storage form (``True`` → 1, a date
    → its ISO text) — never the value as it came."""
    rc = _row_codec(tbl, True)
    columns = codec(tbl).columns
    good: dict[str, Any] = {}
    for name, c in columns.items():  # a row that passes: None where allowed, else a sample
        good[name] = {"str": None, "int": None, "bool": 0, "datetime": None, "date": None}[c.kind]
    assert rc._plain(good) is good
    assert rc.plain_rows([good, dict(good)])
    refused = 0
    for name, c in columns.items():
        for bad in BAD[c.kind]:
            row = {**good, name: bad}
            # The check of many rows at once (``plain_rows``) lets none of them through either.
            assert not rc.plain_rows([good, row, dict(good)]), (name, bad)
            try:
                expected = rc.field(name, bad)
            except ValueError:
                with pytest.raises(ValueError, match=name):
                    rc.convert(row)
                refused += 1
                continue
            got = rc.convert(row)[name]
            assert (type(got), got) == (type(expected), expected), (name, bad)
            assert (type(got), got) != (type(bad), bad), (name, bad)
    assert refused >= len(columns) * 2


def test_a_missing_or_extra_column_goes_column_by_column(rows: list[dict[str, Any]]) -> None:
    row = {k: v for k, v in rows[0].items() if k != "_t"}
    rc = _row_codec(rows[0]["_t"], True)
    partial = dict(row)
    partial.pop("notes")
    assert rc._plain(partial) is None
    assert not rc.plain_rows([row, partial])
    assert not rc.plain_rows([row, {**row, "bogus": 1}])
    assert rc.convert(partial) == partial  # a partial row is fine, and converted by name
    with pytest.raises(ValueError, match="bogus"):
        rc.convert({**partial, "bogus": 1})
