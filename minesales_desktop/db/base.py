"""The one declarative ``Base`` and the columns every synced record carries.

Naming convention: constraint and index names are deterministic so Alembic batch migrations on
SQLite can find and alter them by name.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from minesales_desktop.db.types import UTCDateTime
from minesales_desktop.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The department's own time (months, days, document numbers): China Standard Time has no DST,
#: so a fixed offset is exact (and needs no tz database on Windows).
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns of every record that travels between laptops and the central server.

    ``id`` is a UUIDv7 made on the device; ``is_deleted`` is the tombstone (rows are never removed
    while sync may still need to tell other devices); ``owner_id`` is the responsible user.
    """

    # Tables in a foreign-key cycle with ``users`` set this so PostgreSQL adds the FK afterwards.
    __owner_fk_use_alter__ = False

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    @declared_attr
    def owner_id(cls) -> Mapped[str | None]:  # noqa: N805 - SQLAlchemy declared_attr convention
        return mapped_column(
            String(36),
            ForeignKey("users.id", use_alter=cls.__owner_fk_use_alter__),
            index=True,
            nullable=True,
        )
