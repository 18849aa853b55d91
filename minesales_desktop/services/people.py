"""Users and teams: who works in the department, in which team, under which manager."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.messages import translate
from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import Team, User
from minesales_desktop.services.auth import MIN_PASSWORD_LENGTH, Actor, hash_password
from minesales_desktop.services.crud import EntityService
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.validation import check_email, check_phone

_LOGIN = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class TeamDTO:
    id: str
    name: str
    region: str | None
    description: str | None


@dataclass(frozen=True)
class UserDTO:
    id: str
    login: str
    full_name: str
    full_name_en: str | None
    employee_no: str | None
    role: Role
    team_id: str | None
    manager_id: str | None
    position: str | None
    territory: str | None
    phone: str | None
    email: str | None
    active: bool
    hired_on: dt.date | None


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied(
            translate("Permissions", "Only an administrator can manage users and teams.")
        )


class TeamService(EntityService[Team, TeamDTO]):
    model = Team
    dto = TeamDTO
    kind = "teams"
    editable = ("name", "region", "description")
    sortable = ("name", "created_at")
    default_sort = "name"
    filterable = ()

    def can_modify(self, session: Session, actor: Actor, row: Team) -> bool:
        return actor.is_admin

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> TeamDTO:
        _require_admin(actor)
        return super().create(session, actor, values)

    def delete_blockers(self, session: Session, row: Team) -> list[str]:
        members = session.scalar(
            select(func.count()).where(User.team_id == row.id, User.is_deleted.is_(False))
        )
        if members:
            return [translate("People", "The team still has {n} member(s).").format(n=members)]
        return []


teams = TeamService()


class UserService(EntityService[User, UserDTO]):
    model = User
    dto = UserDTO
    kind = "users"
    editable = (
        "login", "full_name", "full_name_en", "employee_no", "role", "team_id", "manager_id",
        "position", "territory", "phone", "email", "active", "hired_on",
    )  # fmt: skip
    sortable = ("login", "full_name", "role", "created_at")
    default_sort = "login"
    filterable = ("role", "team_id", "manager_id", "active")

    def can_modify(self, session: Session, actor: Actor, row: User) -> bool:
        return actor.is_admin

    def check(self, session: Session, values: dict[str, Any], row: User | None) -> dict[str, str]:
        errors: dict[str, str] = {}
        login = values.get("login")
        if login is not None and not _LOGIN.match(login):
            errors["login"] = translate(
                "Validation",
                "2–64 lower-case letters, digits or . _ -, starting with a letter.",
            )
        for field, check in (("phone", check_phone), ("email", check_email)):
            if values.get(field):
                message = check(values[field])
                if message:
                    errors[field] = message
        team_id = values.get("team_id")
        if team_id and session.get(Team, team_id) is None:
            errors["team_id"] = translate("Validation", "No such team.")
        manager_id = values.get("manager_id")
        if manager_id:
            manager = session.get(User, manager_id)
            if manager is None or manager.role not in (Role.MANAGER, Role.ADMIN):
                errors["manager_id"] = translate("Validation", "The manager must be a manager.")
            elif row is not None and manager_id == row.id:
                errors["manager_id"] = translate("Validation", "Nobody is their own manager.")
        if values.get("role") in (Role.REP, Role.SERVICE) and not team_id:
            errors["team_id"] = translate("Validation", "Reps and service staff belong to a team.")
        return errors

    def create_with_password(
        self, session: Session, actor: Actor, values: Mapping[str, Any], password: str
    ) -> UserDTO:
        _require_admin(actor)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValidationError(
                {
                    "password": translate("Auth", "At least {n} characters.").format(
                        n=MIN_PASSWORD_LENGTH
                    )
                }
            )
        dto = self.create(session, actor, values)
        row = self.load(session, dto.id)
        row.password_hash = hash_password(password)
        row.owner_id = row.id
        session.flush()
        return dto

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> UserDTO:
        _require_admin(actor)
        return super().create(session, actor, {"active": True, **values})

    def by_login(self, session: Session, login: str) -> UserDTO | None:
        row = session.scalar(select(User).where(User.login == login, User.is_deleted.is_(False)))
        return self.to_dto(session, row) if row is not None else None

    def team_members(self, session: Session, team_id: str) -> list[UserDTO]:
        rows = session.scalars(
            self.query(session, team_id=team_id, active=True).order_by(User.login)
        ).all()
        return [self.to_dto(session, r) for r in rows]

    def reps_visible_to(self, session: Session, actor: Actor) -> list[UserDTO]:
        """Whose figures an actor may look at: admins everyone, managers their team, others
        themselves."""
        stmt = self.query(session, active=True).order_by(User.login)
        if actor.role is Role.MANAGER:
            stmt = stmt.where(
                (User.team_id == actor.team_id)
                | (User.manager_id == actor.user_id)
                | (User.id == actor.user_id)
            )
        elif actor.role is not Role.ADMIN:
            stmt = stmt.where(User.id == actor.user_id)
        return [self.to_dto(session, r) for r in session.scalars(stmt)]


users = UserService()


def bootstrap_admin(session: Session, login: str, full_name: str, password: str) -> UserDTO:
    """The first user of a new database: an administrator (first start of the app)."""
    if session.scalar(select(func.count()).select_from(User)):
        raise ValidationError(
            {"login": translate("People", "The database already has users; sign in instead.")}
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            {
                "password": translate("Auth", "At least {n} characters.").format(
                    n=MIN_PASSWORD_LENGTH
                )
            }
        )
    row = User(login=login, full_name=full_name, role=Role.ADMIN, active=True)
    errors = users.check(session, {"login": login, "role": Role.ADMIN}, None)
    if errors:
        raise ValidationError(errors)
    row.password_hash = hash_password(password)
    session.add(row)
    session.flush()
    row.owner_id = row.id
    session.flush()
    return users.to_dto(session, row)
