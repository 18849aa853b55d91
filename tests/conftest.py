"""Shared fixtures: a fresh, migrated SQLite file per test and a small department of users."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from minesales_desktop.db.engine import make_session_factory  # noqa: E402
from minesales_desktop.db.migrate import open_database  # noqa: E402
from minesales_desktop.i18n import install_language, remove_translations  # noqa: E402
from minesales_desktop.messages import set_language, set_translator  # noqa: E402
from minesales_desktop.models.enums import (  # noqa: E402
    KpiDirection,
    KpiSource,
    Role,
    ScoringRule,
)
from minesales_desktop.models.people import Team, User  # noqa: E402
from minesales_desktop.services.auth import Actor, actor_for, hash_password  # noqa: E402
from minesales_desktop.services.performance import (  # noqa: E402
    ensure_default_kpis,
    kpi_definitions,
)


@pytest.fixture(autouse=True)
def english_labels() -> Iterator[None]:
    """Tests read English messages and labels unless they ask for Chinese (set_language)."""
    set_language("en")
    yield
    app = QCoreApplication.instance()
    if app is not None:  # a test that installed a language (the English one too: its plurals)
        remove_translations(app)
    set_language("en")
    set_translator(None)


@pytest.fixture
def app_language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Switch the app's language as the app does at start-up (``install_language``); English
    again, and the locale as it was, when the test ends."""
    locale = QLocale()

    def install(language: str) -> None:
        assert install_language(qapp, language) == language

    yield install
    install_language(qapp, "en")
    QLocale.setDefault(locale)
    set_language("en")


@pytest.fixture
def chinese(app_language: Callable[[str], None]) -> None:
    """The app in Chinese (zh_CN), installed as the app installs it."""
    app_language("zh_CN")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "minesales.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = open_database(db_path)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    factory = make_session_factory(engine)
    with factory() as s:
        yield s


@contextmanager
def other_laptop(engine: Engine, tmp_path: Path, name: str = "other-laptop") -> Iterator[Session]:
    """A second laptop: a copy of this database as it is now (the same people and reference
    data, as sync gives them), in its own file; the session commits when the block ends."""
    copy = tmp_path / f"{name}.db"
    with engine.connect() as conn:
        conn.exec_driver_sql(f"VACUUM INTO '{copy}'")
    other = open_database(copy, backup=False)
    try:
        with make_session_factory(other)() as session:
            yield session
            session.commit()
    finally:
        other.dispose()


def add_teamwork_kpi(session: Session, actor: Actor) -> None:
    """The default KPIs plus a manual one the manager scores (``TEAMWORK``, 0–10), weighted 5 in
    place of training hours: an appraisal line whose actual a person enters."""
    ensure_default_kpis(session)
    kpi_definitions.create(
        session,
        actor,
        {
            "code": "TEAMWORK",
            "name_zh": "团队协作",
            "name_en": "Teamwork",
            "dimension_zh": "态度",
            "dimension_en": "Attitude",
            "definition_zh": "上级评价的团队协作分(0–10)",
            "definition_en": "Teamwork rated by the manager (0–10)",
            "weight": "0",
            "source": KpiSource.MANUAL,
            "direction": KpiDirection.HIGHER_BETTER,
            "scoring_rule": ScoringRule.LINEAR_CAP,
            "scoring_params": {"cap_pct": "100"},
            "sort_order": 99,
        },
    )
    kpi_definitions.set_weights(session, actor, {"TRAINING_HOURS": "0", "TEAMWORK": "5"})


@dataclass
class Department:
    team: Team
    other_team: Team
    admin: Actor
    manager: Actor
    rep: Actor
    rep2: Actor
    other_rep: Actor
    service: Actor


@pytest.fixture
def dept(session: Session) -> Department:
    """Two teams: manager 王经理 leads 李强 and 赵敏; 陈刚 is in the other team."""
    pw = hash_password("secret")
    team = Team(name="华北钢厂组", region="华北")
    other = Team(name="有色冶炼组", region="西南")
    session.add_all([team, other])
    session.flush()
    admin = User(login="admin", full_name="系统管理员", role=Role.ADMIN, password_hash=pw)
    manager = User(
        login="wangjl", full_name="王经理", role=Role.MANAGER, team_id=team.id, password_hash=pw
    )
    session.add_all([admin, manager])
    session.flush()
    rep = User(
        login="liqiang",
        full_name="李强",
        role=Role.REP,
        team_id=team.id,
        manager_id=manager.id,
        password_hash=pw,
    )
    rep2 = User(
        login="zhaomin",
        full_name="赵敏",
        role=Role.REP,
        team_id=team.id,
        manager_id=manager.id,
        password_hash=pw,
    )
    other_rep = User(
        login="chengang", full_name="陈刚", role=Role.REP, team_id=other.id, password_hash=pw
    )
    service = User(
        login="sunli", full_name="孙丽", role=Role.SERVICE, team_id=team.id, password_hash=pw
    )
    session.add_all([rep, rep2, other_rep, service])
    session.commit()
    return Department(
        team=team,
        other_team=other,
        admin=actor_for(admin),
        manager=actor_for(manager),
        rep=actor_for(rep),
        rep2=actor_for(rep2),
        other_rep=actor_for(other_rep),
        service=actor_for(service),
    )
