"""The appraisal workflow: DRAFT → SELF → MANAGER → CONFIRMED, who may do what, and the frozen
snapshot that later edits to the records never change."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.models.enums import (
    AppraisalStatus,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.performance import Appraisal, AppraisalLine
from minesales_desktop.services.appraisals import (
    appraisal_sheet,
    appraisal_sheets,
    confirm_appraisal,
    find_appraisal,
    get_appraisal,
    open_appraisal,
    return_to_rep,
    save_manager_review,
    save_self_assessment,
    set_manual_actuals,
)
from minesales_desktop.services.errors import (
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from minesales_desktop.services.kpi_engine import kpi_report, parse_grade_bands
from minesales_desktop.services.performance import (
    ensure_default_kpis,
    kpi_definitions,
    kpi_targets,
)
from tests.conftest import Department, add_teamwork_kpi, other_laptop
from tests.unit.test_kpi_engine import Q3, Quarter, build_quarter

D = Decimal
CODES = (
    "SALES_VOLUME",
    "SALES_REVENUE",
    "COLLECTION_RATE",
    "OVERDUE_RATIO",
    "NEW_CUSTOMERS",
    "FOLLOW_UPS",
    "SATISFACTION",
    "CLAIM_TIMELINESS",
    "TRAINING_HOURS",
    "DATA_TIMELINESS",
)


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    ensure_default_kpis(session)
    q = build_quarter(session, dept.rep.user_id)
    for code, value in (("SALES_VOLUME", "15000"), ("SALES_REVENUE", "2000000")):
        kpi = kpi_definitions.by_code(session, code)
        assert kpi is not None
        kpi_targets.set_target(session, dept.manager, kpi.id, dept.rep.user_id, Q3.text, value)
    session.commit()
    return q


def _all(score: str) -> dict[str, str]:
    return dict.fromkeys(CODES, score)


def _to_manager_step(session: Session, dept: Department) -> str:
    opened = open_appraisal(session, dept.rep, dept.rep.user_id, Q3)
    save_self_assessment(
        session, dept.rep, opened.id or "", _all("85"), "完成了主要客户的开发。", submit=True
    )
    save_manager_review(
        session,
        dept.manager,
        opened.id or "",
        _all("80"),
        "回款需要加强。",
        "每周跟进逾期应收。",
        submit=True,
    )
    session.commit()
    return opened.id or ""


def test_the_whole_workflow(session: Session, dept: Department, quarter: Quarter):
    draft = open_appraisal(session, dept.rep, dept.rep.user_id, "2026Q3", company="华北矿业")
    assert draft.status is AppraisalStatus.DRAFT and draft.may_edit_self
    assert not draft.may_review and not draft.may_confirm
    assert draft.appraiser is not None and draft.appraiser.full_name == "王经理"
    assert [ln.code for ln in draft.lines] == list(CODES)
    assert draft.total_weight == 100
    # Opening twice gives the same appraisal.
    assert open_appraisal(session, dept.manager, dept.rep.user_id, Q3).id == draft.id
    aid = draft.id or ""

    # The rep saves part of the self scores; submitting needs all of them and the text.
    partial = save_self_assessment(session, dept.rep, aid, {"SALES_VOLUME": "95"}, None)
    assert partial.lines[0].self_score == D("95") and partial.status is AppraisalStatus.DRAFT
    with pytest.raises(TransitionRefused) as refused:
        save_self_assessment(session, dept.rep, aid, {}, "  ", submit=True)
    assert "self score" in str(refused.value) and "self-assessment" in str(refused.value)
    with pytest.raises(ValidationError) as bad:
        save_self_assessment(
            session, dept.rep, aid, {"SALES_VOLUME": "121", "SATISFACTION": "x"}, None
        )
    assert set(bad.value.errors) == {"SALES_VOLUME", "SATISFACTION"}
    assert "0 to 120" in bad.value.errors["SALES_VOLUME"]
    self_done = save_self_assessment(
        session, dept.rep, aid, _all("85"), "完成了主要客户的开发。", submit=True
    )
    assert self_done.status is AppraisalStatus.SELF and not self_done.may_edit_self
    # Once submitted, the rep can no longer change it.
    with pytest.raises(TransitionRefused):
        save_self_assessment(session, dept.rep, aid, _all("99"), "改一下")

    # The manager scores; submitting needs every score and the comments.
    as_manager = get_appraisal(session, dept.manager, aid)
    assert as_manager.may_review and not as_manager.may_confirm
    with pytest.raises(TransitionRefused) as refused:
        save_manager_review(session, dept.manager, aid, {"SALES_VOLUME": "90"}, "", "", submit=True)
    assert "manager score" in str(refused.value) and "comments" in str(refused.value)
    reviewed = save_manager_review(
        session,
        dept.manager,
        aid,
        {**_all("80"), "SALES_VOLUME": "110"},
        "回款需要加强。",
        "每周跟进逾期应收。",
        submit=True,
    )
    assert reviewed.status is AppraisalStatus.MANAGER and reviewed.may_confirm
    # Weighted from the manager's scores: 110 × 20 % + 80 × 80 % = 22 + 64 = 86 → B.
    assert reviewed.total_score == D("86.00") and reviewed.grade == "B"

    confirmed = confirm_appraisal(session, dept.manager, aid, company="华北矿业")
    session.commit()
    assert confirmed.status is AppraisalStatus.CONFIRMED and confirmed.frozen
    assert confirmed.confirmed_at is not None
    assert not (confirmed.may_review or confirmed.may_confirm or confirmed.may_edit_self)
    # Every printed field is there.
    assert confirmed.company == "华北矿业"
    assert confirmed.appraisee.full_name == "李强" and confirmed.appraisee.team_name == "华北钢厂组"
    assert confirmed.appraiser is not None and confirmed.appraiser.full_name == "王经理"
    assert confirmed.period_label_zh == "2026年第3季度" and confirmed.period_label_en == "2026 Q3"
    assert confirmed.sheet_title("zh_CN") == "销售人员绩效考核表(季度)"
    assert confirmed.self_assessment == "完成了主要客户的开发。"
    assert confirmed.manager_comments == "回款需要加强。"
    assert confirmed.improvement_plan == "每周跟进逾期应收。"
    volume = confirmed.lines[0]
    assert (volume.no, volume.dimension_zh, volume.name_zh, volume.definition_zh) == (
        1,
        "业绩",
        "销售量",
        "考核期内发运的吨数(按提单日期)",
    )
    assert (volume.weight, volume.target, volume.actual, volume.completion_pct) == (
        D("20.00"),
        D("15000.0000"),
        D("17500.500"),
        D("116.67"),
    )
    assert (volume.self_score, volume.manager_score, volume.weighted_score) == (
        D("85"),
        D("110"),
        D("22.00"),
    )
    # The row and its lines hold the figures too.
    row = session.get(Appraisal, aid)
    assert row is not None and (row.total_score, row.grade) == (D("86.00"), "B")
    stored = session.scalars(select(AppraisalLine).where(AppraisalLine.appraisal_id == aid)).all()
    assert len(stored) == 10 and all(ln.weighted_score is not None for ln in stored)
    # Frozen for good.
    with pytest.raises(TransitionRefused, match="confirmed"):
        save_manager_review(session, dept.manager, aid, _all("10"), "x", "y")
    with pytest.raises(TransitionRefused):
        return_to_rep(session, dept.manager, aid)


def test_confirmed_appraisal_is_unchanged_after_the_records_are_edited(
    session: Session, dept: Department, quarter: Quarter
):
    aid = _to_manager_step(session, dept)
    confirm_appraisal(session, dept.manager, aid, company="华北矿业")
    session.commit()
    before = get_appraisal(session, dept.manager, aid)
    live_before = kpi_report(session, dept.manager, dept.rep.user_id, Q3)

    # Edit the records behind the figures: an invoice amount, a payment, a target, a weight,
    # the rep's name and team.
    quarter.i1.amount_net = D("1500000")
    quarter.i1.amount_total = D("1695000")
    quarter.p3.amount = D("1")
    volume_kpi = kpi_definitions.by_code(session, "SALES_VOLUME")
    assert volume_kpi is not None
    kpi_targets.set_target(session, dept.manager, volume_kpi.id, dept.rep.user_id, Q3.text, "30000")
    kpi_definitions.set_weights(session, dept.manager, {"SALES_VOLUME": "10", "FOLLOW_UPS": "20"})
    user = session.get(User, dept.rep.user_id)
    assert user is not None
    user.full_name = "李强强"
    session.commit()

    live_after = kpi_report(session, dept.manager, dept.rep.user_id, Q3)
    revenue = {ln.code: ln.actual for ln in live_after.lines}["SALES_REVENUE"]
    assert (
        revenue
        == D("2170000.00")
        != {ln.code: ln.actual for ln in live_before.lines}["SALES_REVENUE"]
    )
    after = get_appraisal(session, dept.manager, aid)
    assert after == before
    assert after.appraisee.full_name == "李强"
    assert {ln.code: ln.actual for ln in after.lines}["SALES_REVENUE"] == D("1670000.00")
    assert after.lines[0].weight == D("20.00") and after.lines[0].target == D("15000.0000")
    # The sheet for printing reads the same snapshot, without an actor.
    sheet = appraisal_sheet(session, dept.rep.user_id, Q3)
    assert sheet.lines == before.lines and sheet.total_score == before.total_score
    assert sheet.company == "华北矿业"


def test_permissions(session: Session, dept: Department, quarter: Quarter):
    # Nobody opens someone else's appraisal unless they are that person's manager.
    with pytest.raises(PermissionDenied):
        open_appraisal(session, dept.rep2, dept.rep.user_id, Q3)
    with pytest.raises(PermissionDenied):
        open_appraisal(session, dept.other_rep, dept.rep.user_id, Q3)
    aid = open_appraisal(session, dept.rep, dept.rep.user_id, Q3).id or ""
    # Only the appraisee writes the self part — not even the manager.
    with pytest.raises(PermissionDenied):
        save_self_assessment(session, dept.manager, aid, _all("90"), "代写")
    with pytest.raises(PermissionDenied):
        find_appraisal(session, dept.rep2, dept.rep.user_id, Q3)
    save_self_assessment(session, dept.rep, aid, _all("90"), "自评", submit=True)
    # The rep cannot do the manager step, nor can a colleague or another team's rep.
    for actor in (dept.rep, dept.rep2, dept.other_rep, dept.service):
        with pytest.raises(PermissionDenied, match="manager"):
            save_manager_review(session, actor, aid, _all("100"), "好", "", submit=True)
    with pytest.raises(PermissionDenied):
        confirm_appraisal(session, dept.rep, aid)
    # Confirming needs the manager step first.
    with pytest.raises(TransitionRefused, match="Manager review"):
        confirm_appraisal(session, dept.manager, aid)
    # An admin may act as the manager.
    save_manager_review(session, dept.admin, aid, _all("70"), "可以", "", submit=True)
    done = confirm_appraisal(session, dept.admin, aid)
    assert done.appraiser is not None and done.appraiser.full_name == "系统管理员"
    assert done.grade == "C"


def test_a_manager_does_not_review_their_own_appraisal(session: Session, dept: Department):
    ensure_default_kpis(session)
    aid = open_appraisal(session, dept.manager, dept.manager.user_id, Q3).id or ""
    save_self_assessment(session, dept.manager, aid, _all("90"), "自评", submit=True)
    with pytest.raises(PermissionDenied):
        save_manager_review(session, dept.manager, aid, _all("100"), "自己给自己打分", "")
    reviewed = save_manager_review(session, dept.admin, aid, _all("95"), "好", "", submit=True)
    assert reviewed.status is AppraisalStatus.MANAGER


def test_return_to_rep_keeps_the_input(session: Session, dept: Department, quarter: Quarter):
    aid = open_appraisal(session, dept.rep, dept.rep.user_id, Q3).id or ""
    save_self_assessment(session, dept.rep, aid, _all("90"), "自评", submit=True)
    with pytest.raises(PermissionDenied):
        return_to_rep(session, dept.rep, aid)
    back = return_to_rep(session, dept.manager, aid)
    assert back.status is AppraisalStatus.DRAFT
    assert back.lines[0].self_score == D("90") and back.self_assessment == "自评"
    again = save_self_assessment(
        session, dept.rep, aid, {"SALES_VOLUME": "80"}, "改了", submit=True
    )
    assert again.status is AppraisalStatus.SELF and again.lines[0].self_score == D("80")


def test_manual_kpi_takes_the_managers_actual(session: Session, dept: Department):
    add_teamwork_kpi(session, dept.manager)
    teamwork = kpi_definitions.by_code(session, "TEAMWORK")
    assert teamwork is not None
    kpi_targets.set_target(session, dept.manager, teamwork.id, dept.rep.user_id, "2026Q3", "10")
    aid = open_appraisal(session, dept.rep, dept.rep.user_id, Q3).id or ""
    with pytest.raises(PermissionDenied):
        set_manual_actuals(session, dept.rep, aid, {"TEAMWORK": "10"})
    with pytest.raises(ValidationError) as refused:
        set_manual_actuals(session, dept.manager, aid, {"SALES_VOLUME": "99999"})
    assert "computed from the records" in refused.value.errors["SALES_VOLUME"]
    dto = set_manual_actuals(session, dept.manager, aid, {"TEAMWORK": "8.5"})
    line = {ln.code: ln for ln in dto.lines}["TEAMWORK"]
    # 8.5 ÷ 10 = 85 % → 85 points × 5 % = 4.25.
    assert (line.actual, line.completion_pct, line.system_score, line.weighted_score) == (
        D("8.5000"),
        D("85.00"),
        D("85.00"),
        D("4.25"),
    )
    # The KPI tab shows the manager's actual too.
    report = kpi_report(session, dept.rep, dept.rep.user_id, Q3)
    assert {ln.code: ln.actual for ln in report.lines}["TEAMWORK"] == D("8.5000")
    # Training is now weighted 0 → still listed, contributes nothing.
    assert {ln.code: ln.weight for ln in dto.lines}["TRAINING_HOURS"] == 0


def test_grade_bands_in_force_at_confirmation_are_kept(
    session: Session, dept: Department, quarter: Quarter
):
    aid = _to_manager_step(session, dept)
    strict = parse_grade_bands("A:95, B:85, C:0")
    done = confirm_appraisal(session, dept.manager, aid, bands=strict)
    assert (done.total_score, done.grade) == (D("80.00"), "C")
    # Read later with the default bands: the frozen grade stays.
    assert get_appraisal(session, dept.manager, aid).grade == "C"
    assert get_appraisal(session, dept.manager, aid).grade_bands == strict


def test_sheets_for_printing_without_an_actor(session: Session, dept: Department, quarter: Quarter):
    aid = _to_manager_step(session, dept)
    confirm_appraisal(session, dept.manager, aid, company="华北矿业")
    sheets = appraisal_sheets(
        session, "2026Q3", [dept.rep.user_id, dept.rep2.user_id], company="华北矿业"
    )
    assert [s.appraisee.full_name for s in sheets] == ["李强", "赵敏"]
    assert sheets[0].frozen and sheets[0] == appraisal_sheet(session, dept.rep.user_id, Q3)
    preview = sheets[1]
    assert preview.id is None and preview.status is AppraisalStatus.DRAFT
    assert preview.company == "华北矿业" and len(preview.lines) == 10
    assert all(ln.actual is None or ln.actual == 0 for ln in preview.lines)


# --- keyed ids: two laptops that open the same appraisal offline make the same rows -------------
def _line_ids(session: Session, appraisal_id: str) -> dict[str, str]:
    rows = session.execute(
        select(AppraisalLine.kpi_id, AppraisalLine.id).where(
            AppraisalLine.appraisal_id == appraisal_id
        )
    ).all()
    return {kpi_id: line_id for kpi_id, line_id in rows}


def test_two_laptops_opening_the_same_appraisal_make_the_same_rows(
    session: Session, dept: Department, engine: Engine, tmp_path: Path
):
    """The rep's laptop and the manager's laptop (the same people and KPIs, as sync gives them)
    each open the rep's 2026Q3 appraisal without a network: the same appraisal id and the same
    line ids on both, so the server gets one row, not two that its unique constraints refuse."""
    ensure_default_kpis(session)
    session.commit()
    with other_laptop(engine, tmp_path, "managers-laptop") as other:
        theirs = open_appraisal(other, dept.manager, dept.rep.user_id, Q3)
        assert theirs.id is not None
        their_lines = _line_ids(other, theirs.id)
    mine = open_appraisal(session, dept.rep, dept.rep.user_id, "2026-Q3")
    session.commit()

    assert mine.id == theirs.id == keyed_id("appraisals", dept.rep.user_id, "2026Q3")
    assert _line_ids(session, mine.id) == their_lines
    assert len(their_lines) == len(CODES)
    for kpi_id, line_id in their_lines.items():
        assert line_id == keyed_id("appraisal_lines", mine.id, kpi_id)
    # Another person or period: other ids.
    other_period = open_appraisal(session, dept.rep, dept.rep.user_id, "2026Q4")
    other_person = open_appraisal(session, dept.rep2, dept.rep2.user_id, Q3)
    assert len({mine.id, other_period.id, other_person.id}) == 3
    assert not set(_line_ids(session, other_period.id or "").values()) & set(their_lines.values())


def test_an_appraisal_made_before_keyed_ids_keeps_its_ids(session: Session, dept: Department):
    """Rows made with random ids are found by their key and reused, never made again with a
    keyed id (no migration needed); a line added to such an appraisal later is keyed by the
    appraisal's id as it is."""
    ensure_default_kpis(session)
    legacy = Appraisal(
        id=new_id(),
        user_id=dept.rep.user_id,
        period_type=Q3.kind,
        period=Q3.text,
        status=AppraisalStatus.DRAFT,
        owner_id=dept.rep.user_id,
    )
    session.add(legacy)
    session.flush()
    volume = kpi_definitions.by_code(session, "SALES_VOLUME")
    assert volume is not None
    old_line = AppraisalLine(
        id=new_id(),
        appraisal_id=legacy.id,
        kpi_id=volume.id,
        sort_order=1,
        weight=volume.weight,
        owner_id=dept.rep.user_id,
    )
    session.add(old_line)
    session.commit()

    opened = open_appraisal(session, dept.manager, dept.rep.user_id, Q3)
    assert opened.id == legacy.id != keyed_id("appraisals", dept.rep.user_id, Q3.text)
    lines = _line_ids(session, legacy.id)
    assert lines[volume.id] == old_line.id
    assert {k: v for k, v in lines.items() if k != volume.id} == {
        k: keyed_id("appraisal_lines", legacy.id, k) for k in lines if k != volume.id
    }
    assert session.scalar(select(func.count()).select_from(Appraisal)) == 1

    # A tombstoned appraisal is revived under its id, not made again.
    legacy.is_deleted = True
    session.commit()
    assert open_appraisal(session, dept.rep, dept.rep.user_id, Q3).id == legacy.id
