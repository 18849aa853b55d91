"""Offline sign-in: passwords checked against argon2id hashes stored on the laptop."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.messages import translate
from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import User
from minesales_desktop.services.errors import PermissionDenied, ValidationError

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 4


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """An argon2id hash; ``salt`` only for reproducible demo databases."""
    return _hasher.hash(password, salt=salt)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Actor:
    """Who is doing something: every write is made on behalf of a signed-in user."""

    user_id: str
    role: Role
    team_id: str | None = None
    full_name: str = ""
    login: str = ""

    @property
    def is_manager(self) -> bool:
        return self.role in (Role.MANAGER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        role=user.role,
        team_id=user.team_id,
        full_name=user.full_name,
        login=user.login,
    )


def sign_in(session: Session, login: str, password: str) -> Actor:
    """The actor for valid credentials; ``PermissionDenied`` otherwise (same message either way,
    so a wrong login cannot be told from a wrong password)."""
    user = session.scalar(
        select(User).where(User.login == login.strip(), User.is_deleted.is_(False))
    )
    if user is None or not user.active or not verify_password(user.password_hash, password):
        raise PermissionDenied(translate("Auth", "Wrong user name or password."))
    return actor_for(user)


def set_password(session: Session, actor: Actor, user_id: str, new_password: str) -> None:
    if actor.user_id != user_id and not actor.is_admin:
        raise PermissionDenied(
            translate("Auth", "Only an administrator can set another user's password.")
        )
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            {
                "password": translate("Auth", "At least {n} characters.").format(
                    n=MIN_PASSWORD_LENGTH
                )
            }
        )
    user = session.get(User, user_id)
    if user is None:
        raise ValidationError({"user": translate("Auth", "No such user.")})
    user.password_hash = hash_password(new_password)
