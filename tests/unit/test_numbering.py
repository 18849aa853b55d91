"""Document numbers carry the month as the department lives it (China time), not UTC."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.models import Contract
from minesales_desktop.services import numbering


@pytest.mark.parametrize(
    ("utc", "month"),
    [
        (dt.datetime(2026, 11, 30, 15, 59, tzinfo=dt.UTC), "2611"),  # 23:59 on 30 Nov in China
        (dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC), "2612"),  # 00:00 on 1 Dec in China
        (dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.UTC), "2701"),  # 07:00 on 1 Jan in China
    ],
)
def test_the_month_of_a_number_is_the_month_in_china(
    session: Session, monkeypatch: pytest.MonkeyPatch, utc: dt.datetime, month: str
) -> None:
    monkeypatch.setattr(numbering, "utcnow", lambda: utc)
    number = numbering.new_document_number(session, "HT", Contract.contract_no)
    assert re.fullmatch(rf"HT-{month}-[0-9A-F]{{6}}", number), number


def test_a_given_month_is_kept(session: Session) -> None:
    number = numbering.new_document_number(session, "ST", Contract.contract_no, month="202610")
    assert number.startswith("ST-202610-")
