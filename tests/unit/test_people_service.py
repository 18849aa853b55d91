"""Users and teams: only administrators manage them; sign-in checks argon2 hashes offline."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import set_password, sign_in
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.people import bootstrap_admin, teams, users


def test_first_start_makes_an_admin_who_can_sign_in(session: Session) -> None:
    admin = bootstrap_admin(session, "admin", "系统管理员", "s3cret!")
    session.commit()
    assert admin.role is Role.ADMIN
    actor = sign_in(session, "admin", "s3cret!")
    assert actor.user_id == admin.id and actor.is_admin
    stored = session.scalar(select(User.password_hash).where(User.login == "admin"))
    assert stored is not None and stored.startswith("$argon2id$") and "s3cret" not in stored
    with pytest.raises(ValidationError, match="already has users"):
        bootstrap_admin(session, "admin2", "第二个", "whatever")


def test_wrong_password_and_unknown_user_get_the_same_answer(session: Session, dept) -> None:
    with pytest.raises(PermissionDenied) as wrong:
        sign_in(session, "liqiang", "nope")
    with pytest.raises(PermissionDenied) as unknown:
        sign_in(session, "nobody", "secret")
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."
    assert sign_in(session, " liqiang ", "secret").role is Role.REP


def test_disabled_user_cannot_sign_in(session: Session, dept) -> None:
    users.update(session, dept.admin, dept.rep.user_id, {"active": False})
    session.commit()
    with pytest.raises(PermissionDenied):
        sign_in(session, "liqiang", "secret")


def test_only_admin_manages_users(session: Session, dept) -> None:
    values = {"login": "newrep", "full_name": "新人", "role": "REP", "team_id": dept.team.id}
    with pytest.raises(PermissionDenied):
        users.create_with_password(session, dept.manager, values, "pass1234")
    created = users.create_with_password(session, dept.admin, values, "pass1234")
    session.commit()
    assert sign_in(session, "newrep", "pass1234").user_id == created.id
    with pytest.raises(PermissionDenied):
        users.update(session, dept.rep, created.id, {"full_name": "改名"})


def test_user_validation_writes_nothing(session: Session, dept) -> None:
    before = session.scalar(select(func.count()).select_from(User))
    with pytest.raises(ValidationError) as err:
        users.create_with_password(
            session,
            dept.admin,
            {"login": "Bad Login", "full_name": "x", "role": "REP", "phone": "123",
             "manager_id": dept.rep.user_id},
            "pass1234",
        )  # fmt: skip
    assert set(err.value.errors) == {"login", "phone", "manager_id", "team_id"}
    with pytest.raises(ValidationError, match="Already used"):
        users.create_with_password(
            session, dept.admin, {"login": "liqiang", "full_name": "重名", "role": "ADMIN"}, "pw12"
        )
    with pytest.raises(ValidationError, match="At least 4"):
        users.create_with_password(
            session, dept.admin, {"login": "short", "full_name": "短", "role": "ADMIN"}, "pw"
        )
    session.rollback()
    assert session.scalar(select(func.count()).select_from(User)) == before


def test_password_change_rules(session: Session, dept) -> None:
    with pytest.raises(PermissionDenied):
        set_password(session, dept.rep, dept.rep2.user_id, "newpass")
    set_password(session, dept.rep, dept.rep.user_id, "newpass")
    set_password(session, dept.admin, dept.rep2.user_id, "other1")
    session.commit()
    assert sign_in(session, "liqiang", "newpass")
    assert sign_in(session, "zhaomin", "other1")


def test_who_a_manager_may_look_at(session: Session, dept) -> None:
    seen = {u.login for u in users.reps_visible_to(session, dept.manager)}
    assert seen == {"wangjl", "liqiang", "zhaomin", "sunli"}
    assert {u.login for u in users.reps_visible_to(session, dept.rep)} == {"liqiang"}
    assert len(users.reps_visible_to(session, dept.admin)) == 6


def test_team_with_members_cannot_be_deleted(session: Session, dept) -> None:
    with pytest.raises(ValidationError, match="still has 4 member"):
        teams.delete(session, dept.admin, dept.team.id)
    with pytest.raises(PermissionDenied):
        teams.create(session, dept.manager, {"name": "新组"})
    empty = teams.create(session, dept.admin, {"name": "新组"})
    teams.delete(session, dept.admin, empty.id)
