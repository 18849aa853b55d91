"""Rows unique by a natural key that the app makes on demand, made offline on two laptops: an
appraisal (person, period) with its lines (appraisal, KPI), and a KPI target (KPI, person,
period). Their ids come from the key (``ids.keyed_id``), so both laptops make the *same* row and
the server merges the second creation field by field — with random ids its unique constraint
refused the second laptop's row, and the rep's self-assessment never reached the server.

How the server merges two makings of one row (``_Merge.plan``): a making's values are where the
row started, so an edit made after it stays over it whatever the clocks say, an empty value never
beats a filled one, and only two makings with two different values go by the clock (with an
inbox entry). Nobody's value is lost, so in the appraisal cases nobody gets an inbox entry."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, text

from minesales_desktop.ids import keyed_id
from minesales_desktop.services.appraisals import (
    open_appraisal,
    save_manager_review,
    save_self_assessment,
    set_manual_actuals,
)
from minesales_desktop.services.performance import kpi_targets
from tests.conftest import add_teamwork_kpi
from tests.sync.conftest import Laptop, ServerProcess, as_user

PERIOD = "2026Q3"
SELF_TEXT = "本季度完成了包钢、酒钢两家重点客户的年度长协。"
MANAGER_TEXT = "回款跟进及时,下季度加强新客户开发。"
# Stored values (scaled integers): a score of 85.00 / 90.00, a teamwork actual of 8.5000.
SELF_SCORE, MANAGER_SCORE, TEAMWORK_ACTUAL = 8500, 9000, 85000
# Between two offline steps whose order the test relies on: more than the error of a laptop's
# clock offset (half a round trip to the local server).
STEP = 0.05


# --- helpers ----------------------------------------------------------------------------------
def _rows(engine: Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def _rejections(laptop: Laptop) -> list[str]:
    return [
        f"{r.table}.{r.field} {r.value!r}: {r.reason}"
        for r in laptop.client.rejected_changes(include_dismissed=True)
    ]


def _inbox(*laptops: Laptop) -> list[str]:
    return [
        f"{lap.name}: {c.table}.{c.field} mine={c.mine!r} theirs={c.theirs!r}"
        for lap in laptops
        for c in lap.client.conflicts(include_resolved=True)
    ]


def _synced_cleanly(*laptops: Laptop) -> None:
    for laptop in laptops:
        assert _rejections(laptop) == [], f"{laptop.name}: the server refused a change"
        assert laptop.client.pending_count() == 0, laptop.name


def _everywhere(
    server: ServerProcess, laptops: list[Laptop], check: Callable[[Engine], Any]
) -> None:
    """``check`` on the server's database and on every laptop's."""
    engine = server.engine()
    try:
        for where, db in [("server", engine), *((lap.name, lap.engine) for lap in laptops)]:
            try:
                check(db)
            except AssertionError as exc:
                raise AssertionError(f"on {where}: {exc}") from None
    finally:
        engine.dispose()


# --- appraisals -------------------------------------------------------------------------------
def _department(server: ServerProcess, laptops) -> tuple[Laptop, Laptop, Laptop]:
    """The KPI set on the server (admin), then the rep's and the manager's laptops synced.

    Besides the default KPIs a MANUAL one, teamwork rated by the manager: before the rep submits,
    the manager's part of a DRAFT appraisal is the actuals of MANUAL KPIs (manager scores and
    comments come after the rep's submission)."""
    admin = laptops("admin")
    admin.sync()
    with as_user(admin) as (session, actor):
        add_teamwork_kpi(session, actor)
    admin.sync()
    rep, mgr = laptops("rep1", "reps-laptop"), laptops("mgr", "managers-laptop")
    for laptop in (rep, mgr):
        laptop.sync()
    return admin, rep, mgr


def _kpi_ids(engine: Engine) -> dict[str, str]:
    return dict(_rows(engine, "SELECT code, id FROM kpi_definitions WHERE active"))


def _offline_appraisal(rep: Laptop, mgr: Laptop, timeline: str) -> tuple[str | None, ...]:
    """Without a network, each on their own laptop, the rep and the manager open the rep's
    appraisal for the quarter and do their part, in the order ``timeline`` says. Returns the id
    each laptop made (rep's, manager's)."""
    rep_id = rep.user_id()
    codes = list(_kpi_ids(rep.engine))
    made: dict[str, str | None] = {}

    def opens(laptop: Laptop) -> Callable[[], None]:
        def step() -> None:
            with as_user(laptop) as (session, actor):
                made[laptop.name] = open_appraisal(session, actor, rep_id, PERIOD).id

        return step

    def rep_writes() -> None:  # self scores and the self-assessment, submitted to the manager
        with as_user(rep) as (session, actor):
            scores = dict.fromkeys(codes, "85")
            aid = made[rep.name] or ""
            save_self_assessment(session, actor, aid, scores, SELF_TEXT, submit=True)

    def mgr_writes() -> None:  # the rep's teamwork rating
        with as_user(mgr) as (session, actor):
            set_manual_actuals(session, actor, made[mgr.name] or "", {"TEAMWORK": "8.5"})

    steps = {
        "both-open-then-both-write": (opens(rep), opens(mgr), rep_writes, mgr_writes),
        "rep-done-before-manager-opens": (opens(rep), rep_writes, opens(mgr), mgr_writes),
        "manager-done-before-rep-opens": (opens(mgr), mgr_writes, opens(rep), rep_writes),
    }[timeline]
    for step in steps:
        step()
        time.sleep(STEP)
    return made[rep.name], made[mgr.name]


def _the_same_appraisal(rep: Laptop, made: tuple[str | None, ...]) -> str:
    """Both laptops made the appraisal under the id of its key; that id."""
    appraisal_id = keyed_id("appraisals", rep.user_id(), PERIOD)
    assert made == (appraisal_id, appraisal_id)
    return appraisal_id


def _appraisal_is(
    user_id: str,
    appraisal_id: str,
    row: tuple[str, str | None, str | None],
    lines: dict[str, tuple[Any, ...]],
) -> Callable[[Engine], None]:
    """A check: one appraisal of (user, period) with ``row`` = (status, self-assessment,
    manager's comments) and ``lines`` = KPI code → (line id, self score, actual, manager score),
    one line per KPI."""

    def check(db: Engine) -> None:
        found = _rows(
            db,
            "SELECT id, status, self_assessment, manager_comments FROM appraisals"
            " WHERE user_id = :u AND period = :p",
            u=user_id,
            p=PERIOD,
        )
        assert found == [(appraisal_id, *row)]
        stored = _rows(
            db,
            "SELECT k.code, l.id, l.self_score, l.actual, l.manager_score FROM appraisal_lines l"
            " JOIN kpi_definitions k ON k.id = l.kpi_id WHERE l.appraisal_id = :a",
            a=appraisal_id,
        )
        assert {r[0]: tuple(r[1:]) for r in stored} == lines
        assert len(stored) == len(lines)

    return check


def _submitted_lines(kpi_ids: dict[str, str], appraisal_id: str) -> dict[str, tuple[Any, ...]]:
    """The lines once both did their part: the rep's self scores, the manager's teamwork."""
    return {
        code: (
            keyed_id("appraisal_lines", appraisal_id, kid),
            SELF_SCORE,
            TEAMWORK_ACTUAL if code == "TEAMWORK" else None,
            None,
        )
        for code, kid in kpi_ids.items()
    }


@pytest.mark.parametrize("push", ["rep-first", "manager-first"])
def test_rep_and_manager_open_the_same_appraisal_offline(
    server: ServerProcess, laptops, push: str
) -> None:
    admin, rep, mgr = _department(server, laptops)
    rep_id = rep.user_id()
    made = _offline_appraisal(rep, mgr, "both-open-then-both-write")

    # Back on the network: each twice, to pick up the other's part.
    first, second = (rep, mgr) if push == "rep-first" else (mgr, rep)
    reports = [first.sync(), second.sync(), first.sync(), second.sync()]

    _synced_cleanly(rep, mgr)
    assert [r.rejected for r in reports] == [0, 0, 0, 0]
    appraisal_id = _the_same_appraisal(rep, made)
    # One appraisal for (rep, quarter), submitted, with the rep's text and self scores and the
    # manager's teamwork rating, on the server and on both laptops. (Their inboxes are checked
    # in test_making_the_same_appraisal_leaves_nothing_to_decide.)
    lines = _submitted_lines(_kpi_ids(admin.engine), appraisal_id)
    _everywhere(
        server, [rep, mgr], _appraisal_is(rep_id, appraisal_id, ("SELF", SELF_TEXT, None), lines)
    )

    # The workflow goes on from there: the manager reviews, the rep's laptop gets the review.
    with as_user(mgr) as (session, actor):
        scores = dict.fromkeys(_kpi_ids(mgr.engine), "90")
        save_manager_review(session, actor, appraisal_id, scores, MANAGER_TEXT, "", submit=True)
    mgr.sync()
    rep.sync()
    _synced_cleanly(rep, mgr)
    reviewed = {code: (*line[:3], MANAGER_SCORE) for code, line in lines.items()}
    _everywhere(
        server,
        [rep, mgr],
        _appraisal_is(rep_id, appraisal_id, ("MANAGER", SELF_TEXT, MANAGER_TEXT), reviewed),
    )


def test_making_the_same_appraisal_leaves_nothing_to_decide(server: ServerProcess, laptops) -> None:
    """Nobody's value was lost above, so nobody has an inbox entry: the second making's empty
    fields give way to the first maker's edits, and edits made after either making stay."""
    _, rep, mgr = _department(server, laptops)
    made = _offline_appraisal(rep, mgr, "both-open-then-both-write")
    for laptop in (rep, mgr, rep, mgr):
        laptop.sync()
    _synced_cleanly(rep, mgr)
    _the_same_appraisal(rep, made)
    assert _inbox(rep, mgr) == []


@pytest.mark.parametrize(
    "timeline", ["rep-done-before-manager-opens", "manager-done-before-rep-opens"]
)
def test_a_later_creation_keeps_the_other_laptops_edits(
    server: ServerProcess, laptops, timeline: str
) -> None:
    """The rep writes on Monday, the manager opens the appraisal on Tuesday, both offline (or the
    other way round): the second creation must not blank the first one's part."""
    admin, rep, mgr = _department(server, laptops)
    made = _offline_appraisal(rep, mgr, timeline)
    for laptop in (rep, mgr, rep, mgr):
        laptop.sync()
    _synced_cleanly(rep, mgr)
    appraisal_id = _the_same_appraisal(rep, made)
    lines = _submitted_lines(_kpi_ids(admin.engine), appraisal_id)
    _everywhere(
        server,
        [rep, mgr],
        _appraisal_is(rep.user_id(), appraisal_id, ("SELF", SELF_TEXT, None), lines),
    )
    assert _inbox(rep, mgr) == []


# --- KPI targets ------------------------------------------------------------------------------
def _targets(user_id: str) -> Callable[[Engine], dict[str, tuple[str, int]]]:
    def read(db: Engine) -> dict[str, tuple[str, int]]:
        rows = _rows(
            db,
            "SELECT k.code, t.id, t.target_value FROM kpi_targets t"
            " JOIN kpi_definitions k ON k.id = t.kpi_id"
            " WHERE t.user_id = :u AND t.period = :p AND NOT t.is_deleted",
            u=user_id,
            p=PERIOD,
        )
        assert len(rows) == len({r[0] for r in rows}), f"two targets for one KPI: {rows}"
        return {r[0]: (r[1], int(r[2])) for r in rows}

    return read


def test_manager_and_admin_set_the_same_target_offline(server: ServerProcess, laptops) -> None:
    """Targets are set from above: the rep's manager and an administrator may both set one, and
    both may do it offline. The same value on both is one target and nothing to decide; different
    values are one target too, the later value wins and the other is in its setter's inbox."""
    admin, rep, mgr = _department(server, laptops)
    rep_id = rep.user_id()
    kpis = _kpi_ids(admin.engine)

    with as_user(mgr) as (session, actor):
        kpi_targets.set_target(session, actor, kpis["SALES_VOLUME"], rep_id, PERIOD, "15000")
        kpi_targets.set_target(session, actor, kpis["SALES_REVENUE"], rep_id, PERIOD, "2000000")
    time.sleep(STEP)
    with as_user(admin) as (session, actor):
        kpi_targets.set_target(session, actor, kpis["SALES_VOLUME"], rep_id, PERIOD, "18000")
        kpi_targets.set_target(session, actor, kpis["SALES_REVENUE"], rep_id, "2026-q3", "2000000")

    reports = [mgr.sync(), admin.sync(), mgr.sync(), admin.sync(), rep.sync()]

    _synced_cleanly(mgr, admin, rep)
    assert [r.rejected for r in reports] == [0, 0, 0, 0, 0]
    volume_id = keyed_id("kpi_targets", kpis["SALES_VOLUME"], rep_id, PERIOD)
    revenue_id = keyed_id("kpi_targets", kpis["SALES_REVENUE"], rep_id, PERIOD)
    expected = {
        "SALES_VOLUME": (volume_id, 18000 * 10_000),  # Money: 4 decimal places, stored scaled
        "SALES_REVENUE": (revenue_id, 2_000_000 * 10_000),
    }
    read = _targets(rep_id)

    def check(db: Engine) -> None:
        assert read(db) == expected

    _everywhere(server, [mgr, admin, rep], check)
    # The manager's 15000 was overwritten by the administrator's later 18000: the manager's
    # laptop says so; the same revenue target on both is nothing to decide.
    inbox = [
        (lap.name, c.table, c.row_id, c.field, c.mine, c.theirs)
        for lap in (mgr, admin, rep)
        for c in lap.client.conflicts(include_resolved=True)
    ]
    assert inbox == [
        (mgr.name, "kpi_targets", volume_id, "target_value", 15000 * 10_000, 18000 * 10_000)
    ]
