"""Server accounts and bearer tokens.

Passwords are argon2id hashes (the same ``services.auth`` functions the laptop uses offline). A
token is 32 random bytes; only its SHA-256 is stored, with an expiry, so a copy of the server
database does not hand out working tokens. Every request re-reads the user, so disabling an
account takes effect at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import Team, User
from minesales_desktop.models.sync import SyncToken
from minesales_desktop.services.auth import MIN_PASSWORD_LENGTH, hash_password, verify_password
from minesales_desktop.sync.server.rawsql import RawSql
from minesales_desktop.sync.server.scopes import Viewer
from minesales_desktop.sync.server.store import Store

DEFAULT_TOKEN_TTL = dt.timedelta(hours=12)


class AuthError(Exception):
    """``code`` is ``unauthorized`` or ``token_expired``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class UserAdminError(Exception):
    """A server-user command that cannot be done (one sentence for the CLI)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime
    viewer: Viewer


#: Password checks at a time. An argon2 check takes 64 MB for its few tens of milliseconds;
#: 50 laptops signing in at once (a morning at the office) took the server past 1 GB.
_VERIFYING = threading.BoundedSemaphore(2)


def issue_token(store: Store, login: str, password: str, ttl: dt.timedelta) -> IssuedToken:
    # The password is checked (argon2: tens of milliseconds) before the write queue is joined.
    with Session(store.reader) as session:
        user = session.scalar(
            select(User).where(User.login == login.strip(), User.is_deleted.is_(False))
        )
        if user is None or not user.active:
            raise AuthError("unauthorized", "Wrong user name or password.")
        with _VERIFYING:
            matches = verify_password(user.password_hash, password)
        if not matches:
            raise AuthError("unauthorized", "Wrong user name or password.")
        viewer = Viewer(user.id, user.role.value, user.team_id, True)
    token = secrets.token_urlsafe(32)
    now = _now()
    expires = now + ttl
    with store.write_lock(), store.writer.begin() as conn:
        conn.execute(delete(SyncToken).where(SyncToken.expires_at < now - dt.timedelta(days=1)))
        conn.execute(
            insert(SyncToken).values(
                token_hash=_hash(token), user_id=viewer.user_id, expires_at=expires, created_at=now
            )
        )
    return IssuedToken(token, expires, viewer)


def viewer_for_token(store: Store, token: str) -> Viewer:
    with store.reader.connect() as conn:  # every request: the driver's cursor (``RawSql``)
        found = RawSql(conn).rows(
            "SELECT t.expires_at, u.id, u.role, u.team_id, u.active, u.is_deleted"
            " FROM sync_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
            (_hash(token),),
        )
    row = found[0] if found else None
    if row is None:
        raise AuthError("unauthorized", "Please sign in again.")
    expires = row[0]
    if isinstance(expires, str):
        expires = dt.datetime.fromisoformat(expires)
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    if expires <= _now():
        raise AuthError("token_expired", "The sign-in has expired; please sign in again.")
    if not row[4] or row[5]:
        raise AuthError("unauthorized", "This account is disabled.")
    return Viewer(row[1], str(row[2]), row[3], True)


def expire_all_tokens(store: Store) -> None:
    """Make every token expired now (administration, and the token-expiry tests)."""
    with store.write_lock(), store.writer.begin() as conn:
        conn.execute(update(SyncToken).values(expires_at=_now() - dt.timedelta(seconds=1)))


# --- server-user add|disable|passwd|list ------------------------------------------------------
@dataclass(frozen=True)
class UserInfo:
    login: str
    full_name: str
    role: str
    team: str | None
    active: bool


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserAdminError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


def add_user(
    store: Store,
    login: str,
    full_name: str,
    role: str,
    password: str,
    team: str | None = None,
) -> str:
    """Create a server account (and its team if new); returns the user id."""
    _check_password(password)
    try:
        role_enum = Role.parse(role)
    except ValueError as exc:
        raise UserAdminError(str(exc)) from None
    with store.writing() as w, Session(bind=w.conn) as session:
        if session.scalar(select(User).where(User.login == login)) is not None:
            raise UserAdminError(f"A user with login {login!r} already exists.")
        team_id = None
        if team:
            found = session.scalar(select(Team).where(Team.name == team))
            if found is None:
                found = Team(name=team)
                session.add(found)
                session.flush()
                store.record_change(w, "teams", found.id, None)
            team_id = found.id
        user = User(
            login=login,
            full_name=full_name,
            role=role_enum,
            team_id=team_id,
            password_hash=hash_password(password),
            active=True,
        )
        session.add(user)
        session.flush()
        store.record_change(w, "users", user.id, None)
        return user.id


def _set_user_fields(store: Store, login: str, **fields: object) -> None:
    with store.writing() as w, Session(bind=w.conn) as session:
        user = session.scalar(select(User).where(User.login == login))
        if user is None:
            raise UserAdminError(f"No user with login {login!r}.")
        from minesales_desktop.sync.server.scopes import load_viewers

        before = load_viewers(w.conn)
        for key, value in fields.items():
            setattr(user, key, value)
        session.flush()
        store.record_change(w, "users", user.id, None)
        if "active" in fields:
            store.rescope_user(w, user.id, before)


def disable_user(store: Store, login: str) -> None:
    _set_user_fields(store, login, active=False)


def set_user_password(store: Store, login: str, password: str) -> None:
    _check_password(password)
    _set_user_fields(store, login, password_hash=hash_password(password))


def list_users(store: Store) -> list[UserInfo]:
    with Session(store.reader) as session:
        rows = session.execute(
            select(User, Team.name).outerjoin(Team, Team.id == User.team_id).order_by(User.login)
        ).all()
        return [
            UserInfo(u.login, u.full_name, u.role.value, team_name, bool(u.active))
            for u, team_name in rows
        ]
