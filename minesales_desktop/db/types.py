"""Column types that keep money, quantities and times exact on SQLite and PostgreSQL.

SQLite has no decimal type: a NUMERIC column silently becomes a binary float. Money and quantities
are therefore stored as integers scaled by a fixed power of ten (``ScaledDecimal``) — exact,
summable in SQL, and identical on PostgreSQL. A value with more decimals than the column keeps is
refused, never rounded behind the caller's back: rounding is a business rule of the service.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as ``BIGINT`` = value × 10^scale."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale
        self._quantum = Decimal(1).scaleb(-scale)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("floats are not accepted for exact decimal columns; use Decimal")
        dec = value if isinstance(value, Decimal) else Decimal(value)
        if not dec.is_finite():
            raise ValueError(f"not a finite number: {dec}")
        scaled = dec * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{dec} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(self._quantum)

    def coerce_compared_value(self, op: Any, value: Any) -> Any:
        return self


# The scales used across the domain (decimal places kept exactly).
Money = ScaledDecimal(4)  # amounts and unit prices; 4 places covers USD/dmtu and CNY/t
Quantity = ScaledDecimal(3)  # tonnes to the kilogram
Percent = ScaledDecimal(4)  # grades, moisture, tolerance, probability, VAT rate
Rate = ScaledDecimal(6)  # FX rates
Score = ScaledDecimal(2)  # KPI scores and weights
Coordinate = ScaledDecimal(7)  # GPS degrees (~1 cm)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite stores naive ISO text)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError("expected a datetime")
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware (UTC) datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def _json_default(obj: object) -> str:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    raise TypeError(f"cannot store {type(obj).__name__} in a JSON column")


class ExactJSON(TypeDecorator[Any]):
    """JSON as text with Decimals kept exact: written as strings, floats read back as Decimal."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value, parse_float=Decimal)
