"""The machinery every aggregate's service shares: coerce, validate, save, tombstone, page.

An ``EntityService`` knows its model, its DTO and which fields a user may edit. Input arrives as a
mapping of field → value (from a form, the CLI or a CSV import, so strings are welcome) and is
coerced by the column's own type: ``ScaledDecimal`` columns get exact Decimals (too many decimals
is refused, never rounded), enumerations accept their code or either label, dates accept ISO text.
All errors of one call are collected and raised together as ``ValidationError`` before anything is
written, so a refused call leaves the database as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Boolean, Column, Date, Integer, String, UniqueConstraint, func, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from minesales_desktop.db.base import Base, utcnow
from minesales_desktop.db.types import ExactJSON, ScaledDecimal, UTCDateTime
from minesales_desktop.ids import new_id
from minesales_desktop.messages import translate
from minesales_desktop.models.enums import LabeledEnum, Role
from minesales_desktop.models.people import OwnershipChange, User
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError

M = TypeVar("M", bound=Base)
D = TypeVar("D")
T = TypeVar("T")

# Columns no caller ever sets directly.
SYSTEM_FIELDS = frozenset({"id", "created_at", "updated_at", "is_deleted"})


@dataclass(frozen=True)
class PageRequest:
    offset: int = 0
    limit: int = 50
    sort: str | None = None
    descending: bool = False


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


def required_message() -> str:
    return translate("Validation", "Required.")


class _Coercer:
    """Turns user input into the Python value a column stores, or an error message."""

    @staticmethod
    def coerce(column: Column[Any], value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                value = None
        if value is None:
            return None, None
        col_type = column.type
        if isinstance(col_type, ScaledDecimal):
            if isinstance(value, float):
                value = repr(value)
            try:
                dec = (
                    Decimal(str(value).replace(",", ""))
                    if not isinstance(value, Decimal)
                    else value
                )
            except InvalidOperation:
                return None, translate("Validation", "Must be a number.")
            if not dec.is_finite():
                return None, translate("Validation", "Must be a number.")
            if dec != dec.quantize(Decimal(1).scaleb(-col_type.scale)):
                return None, translate("Validation", "At most {n} decimal places.").format(
                    n=col_type.scale
                )
            return dec, None
        if isinstance(col_type, SAEnum) and col_type.enum_class is not None:
            enum_cls = col_type.enum_class
            if isinstance(value, enum_cls):
                return value, None
            assert issubclass(enum_cls, LabeledEnum)
            try:
                return enum_cls.parse(str(value)), None
            except ValueError:
                return None, translate("Validation", "Must be one of: {choices}.").format(
                    choices=", ".join(m.label() for m in enum_cls)
                )
        if isinstance(col_type, UTCDateTime):
            if isinstance(value, dt.datetime):
                if value.tzinfo is None:
                    value = value.replace(tzinfo=dt.UTC)
                return value, None
            try:
                parsed = dt.datetime.fromisoformat(str(value))
            except ValueError:
                return None, translate("Validation", "Not a date and time (YYYY-MM-DD HH:MM).")
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)), None
        if isinstance(col_type, Date):
            if isinstance(value, dt.datetime):
                return value.date(), None
            if isinstance(value, dt.date):
                return value, None
            try:
                return dt.date.fromisoformat(str(value)), None
            except ValueError:
                return None, translate("Validation", "Not a date (YYYY-MM-DD).")
        if isinstance(col_type, Boolean):
            if isinstance(value, bool):
                return value, None
            text = str(value).lower()
            if text in ("1", "true", "yes", "y", "是"):
                return True, None
            if text in ("0", "false", "no", "n", "否"):
                return False, None
            return None, translate("Validation", "Must be yes or no.")
        if isinstance(col_type, Integer):
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                return None, translate("Validation", "Must be a whole number.")
            if number != number.to_integral_value():
                return None, translate("Validation", "Must be a whole number.")
            return int(number), None
        if isinstance(col_type, ExactJSON):
            return value, None
        if isinstance(col_type, String):
            text = str(value)
            if col_type.length is not None and len(text) > col_type.length:
                return None, translate("Validation", "At most {n} characters.").format(
                    n=col_type.length
                )
            return text, None
        return value, None


class EntityService(Generic[M, D]):
    """CRUD for one model. Subclasses set the class attributes and add domain rules in ``check``.

    ``dto_factory`` builds the DTO from a row; by default every DTO field is read off the row by
    name, so a DTO may hold any subset of the model's attributes.
    """

    model: ClassVar[type[Any]]
    dto: ClassVar[Callable[..., Any]]
    kind: ClassVar[str]
    editable: ClassVar[tuple[str, ...]]
    sortable: ClassVar[tuple[str, ...]] = ("created_at", "updated_at")
    default_sort: ClassVar[str] = "created_at"
    filterable: ClassVar[tuple[str, ...]] = ("owner_id",)
    tracks_ownership: ClassVar[bool] = False

    # --- hooks ---------------------------------------------------------------------------------
    def check(self, session: Session, values: dict[str, Any], row: M | None) -> dict[str, str]:
        """Domain rules over the complete set of values; returns field → message."""
        return {}

    def before_save(self, session: Session, row: M, actor: Actor) -> None:
        """Keep derived columns (search keys, totals) in step with the edited ones."""

    def delete_blockers(self, session: Session, row: M) -> list[str]:
        """Reasons the row may not be deleted (e.g. open contracts)."""
        return []

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {}

    def to_dto(self, session: Session, row: M) -> D:
        names = [f.name for f in dataclasses.fields(self.dto)]  # type: ignore[arg-type]
        result: D = self.dto(**{name: getattr(row, name) for name in names})
        return result

    # --- permissions ---------------------------------------------------------------------------
    def can_modify(self, session: Session, actor: Actor, row: M) -> bool:
        return can_modify_owned(session, actor, getattr(row, "owner_id", None))

    def _require_modify(self, session: Session, actor: Actor, row: M) -> None:
        if not self.can_modify(session, actor, row):
            raise PermissionDenied(
                translate("Permissions", "You may only change your own records or your team's.")
            )

    # --- reading -------------------------------------------------------------------------------
    def _live(self) -> Select[Any]:
        return select(self.model).where(self.model.is_deleted.is_(False))

    def load(self, session: Session, entity_id: str) -> M:
        row: M | None = session.get(self.model, entity_id)
        if row is None or row.is_deleted:  # type: ignore[attr-defined]
            raise NotFoundError(
                translate("Errors", "The record no longer exists (it may have been deleted).")
            )
        return row

    def get(self, session: Session, entity_id: str) -> D:
        return self.to_dto(session, self.load(session, entity_id))

    def query(self, session: Session, **filters: Any) -> Select[Any]:
        stmt = self._live()
        for name, value in filters.items():
            if value is None:
                continue
            if name not in self.filterable:
                raise ValueError(f"cannot filter {self.kind} by {name}")
            column = getattr(self.model, name)
            if isinstance(value, list | tuple | set | frozenset):
                stmt = stmt.where(column.in_(list(value)))
            else:
                stmt = stmt.where(column == value)
        return stmt

    def list(self, session: Session, page: PageRequest | None = None, **filters: Any) -> Page[D]:
        return self.page(session, self.query(session, **filters), page or PageRequest())

    def page(self, session: Session, stmt: Select[Any], page: PageRequest) -> Page[D]:
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        sort = page.sort or self.default_sort
        if sort not in self.sortable:
            raise ValueError(f"cannot sort {self.kind} by {sort}")
        column = getattr(self.model, sort)
        order = column.desc() if page.descending else column.asc()
        rows = session.scalars(
            stmt.order_by(order, self.model.id).offset(page.offset).limit(page.limit)
        ).all()
        return Page(
            items=[self.to_dto(session, r) for r in rows],
            total=int(total or 0),
            offset=page.offset,
            limit=page.limit,
        )

    # --- writing -------------------------------------------------------------------------------
    def _coerce(
        self, values: Mapping[str, Any], errors: dict[str, str], *, creating: bool
    ) -> dict[str, Any]:
        table = self.model.__table__
        clean: dict[str, Any] = {}
        for name, raw in values.items():
            if name not in self.editable:
                raise ValueError(f"{self.kind}.{name} is not editable here")
            value, message = _Coercer.coerce(table.c[name], raw)
            if message:
                errors[name] = message
            else:
                clean[name] = value
        return clean

    def _required_missing(self, merged: Mapping[str, Any]) -> dict[str, str]:
        errors: dict[str, str] = {}
        for column in self.model.__table__.columns:
            name = column.name
            if name in SYSTEM_FIELDS or name not in self.editable or column.nullable:
                continue
            if merged.get(name) is None and column.default is None:
                errors[name] = required_message()
        return errors

    def _unique_clashes(
        self, session: Session, merged: Mapping[str, Any], row_id: str | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        table = self.model.__table__
        for constraint in table.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            cols = [c.name for c in constraint.columns]
            if any(merged.get(c) is None for c in cols):
                continue
            stmt = select(self.model.id).where(*(getattr(self.model, c) == merged[c] for c in cols))
            if row_id is not None:
                stmt = stmt.where(self.model.id != row_id)
            if session.scalar(stmt.limit(1)) is not None:
                errors[cols[-1]] = translate(
                    "Validation", "Already used by another record: {value}"
                ).format(value=merged[cols[-1]])
        return errors

    def _current_values(self, row: M) -> dict[str, Any]:
        return {c.name: getattr(row, c.key) for c in self.model.__table__.columns}

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> D:
        errors: dict[str, str] = {}
        base = {**self.defaults(session, actor)}
        if "owner_id" in self.editable and values.get("owner_id") in (None, ""):
            base["owner_id"] = actor.user_id
        clean = self._coerce({**base, **values}, errors, creating=True)
        merged = {**clean}
        errors.update({k: v for k, v in self._required_missing(merged).items() if k not in errors})
        if not errors:
            errors.update(self.check(session, merged, None))
        if not errors:
            errors.update(self._unique_clashes(session, merged, None))
        if errors:
            raise ValidationError(errors)
        row = self.model(**clean)
        row.id = new_id()
        if getattr(row, "owner_id", None) is None and hasattr(row, "owner_id"):
            row.owner_id = actor.user_id
        session.add(row)
        with session.no_autoflush:  # derived columns first, so no half-made row is flushed
            self.before_save(session, row, actor)
        session.flush()
        return self.to_dto(session, row)

    def update(
        self, session: Session, actor: Actor, entity_id: str, changes: Mapping[str, Any]
    ) -> D:
        row = self.load(session, entity_id)
        self._require_modify(session, actor, row)
        if "owner_id" in changes and changes["owner_id"] != getattr(row, "owner_id", None):
            raise ValueError("use reassign() to change the owner, so the change is recorded")
        errors: dict[str, str] = {}
        clean = self._coerce(changes, errors, creating=False)
        merged = {**self._current_values(row), **clean}
        errors.update({k: v for k, v in self._required_missing(merged).items() if k not in errors})
        if not errors:
            errors.update(self.check(session, merged, row))
        if not errors:
            errors.update(self._unique_clashes(session, merged, entity_id))
        if errors:
            raise ValidationError(errors)
        for name, value in clean.items():
            setattr(row, name, value)
        with session.no_autoflush:
            self.before_save(session, row, actor)
        session.flush()
        return self.to_dto(session, row)

    def delete(self, session: Session, actor: Actor, entity_id: str) -> None:
        """Tombstone the row: it disappears from lists but sync can still tell other devices."""
        row = self.load(session, entity_id)
        self._require_modify(session, actor, row)
        blockers = self.delete_blockers(session, row)
        if blockers:
            raise ValidationError({"id": " ".join(blockers)})
        row.is_deleted = True  # type: ignore[attr-defined]
        row.updated_at = utcnow()  # type: ignore[attr-defined]
        session.flush()

    def reassign(
        self, session: Session, actor: Actor, entity_id: str, new_owner_id: str, reason: str = ""
    ) -> D:
        """Give the record to another user (managers only); the change goes into history."""
        if not self.tracks_ownership:
            raise ValueError(f"{self.kind} has no responsible owner")
        if not actor.is_manager:
            raise PermissionDenied(
                translate("Permissions", "Only a manager can reassign responsibility.")
            )
        row = self.load(session, entity_id)
        new_owner = session.get(User, new_owner_id)
        if new_owner is None or new_owner.is_deleted or not new_owner.active:
            raise ValidationError({"owner_id": translate("Validation", "No such active user.")})
        old_owner: str | None = row.owner_id  # type: ignore[attr-defined]
        if old_owner == new_owner_id:
            return self.to_dto(session, row)
        session.add(
            OwnershipChange(
                entity_type=self.kind,
                entity_id=entity_id,
                from_user_id=old_owner,
                to_user_id=new_owner_id,
                changed_by_id=actor.user_id,
                changed_at=utcnow(),
                reason=reason or None,
                owner_id=new_owner_id,
            )
        )
        row.owner_id = new_owner_id  # type: ignore[attr-defined]
        session.flush()
        return self.to_dto(session, row)


def can_modify_owned(session: Session, actor: Actor, owner_id: str | None) -> bool:
    """Admins change anything; managers their team's records; others their own."""
    if actor.role is Role.ADMIN or owner_id is None or owner_id == actor.user_id:
        return True
    if actor.role is Role.MANAGER:
        owner = session.get(User, owner_id)
        return owner is not None and (
            owner.manager_id == actor.user_id
            or (actor.team_id is not None and owner.team_id == actor.team_id)
        )
    return False


def ownership_history(session: Session, entity_id: str) -> Sequence[OwnershipChange]:
    return session.scalars(
        select(OwnershipChange)
        .where(OwnershipChange.entity_id == entity_id)
        .order_by(OwnershipChange.changed_at)
    ).all()
