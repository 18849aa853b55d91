"""KPI definitions, weights, targets and the Period value object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.messages import current_language, set_language
from minesales_desktop.models.enums import PeriodType, ScoringRule
from minesales_desktop.models.performance import KpiDefinition, KpiTarget
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.performance import (
    DEFAULT_KPIS,
    Period,
    ensure_default_kpis,
    kpi_definitions,
    kpi_targets,
    validate_scoring_params,
)
from tests.conftest import Department


@pytest.fixture(autouse=True)
def english_labels() -> Iterator[None]:
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- Period -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "canonical", "kind"),
    [
        ("2026-10", "2026-10", PeriodType.MONTH),
        ("2026-1", "2026-01", PeriodType.MONTH),
        (" 202602 ", "2026-02", PeriodType.MONTH),
        ("2026年3月", "2026-03", PeriodType.MONTH),
        ("2026Q3", "2026Q3", PeriodType.QUARTER),
        ("2026q1", "2026Q1", PeriodType.QUARTER),
        ("2026-Q4", "2026Q4", PeriodType.QUARTER),
        ("2026年第2季度", "2026Q2", PeriodType.QUARTER),
        ("2026", "2026", PeriodType.YEAR),
        ("2026年", "2026", PeriodType.YEAR),
    ],
)
def test_period_parse_normalises(text: str, canonical: str, kind: PeriodType) -> None:
    period = Period.parse(text)
    assert period.text == canonical == str(period)
    assert period.kind is kind
    assert Period.parse(period.text) == period


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-13",
        "2026-00",
        "2026Q0",
        "2026Q5",
        "26Q3",
        "2026Q",
        "20263",
        "abc",
        "2026-10-01",
        "1800",
        "Q3 2026",
        "2026 H1",
    ],
)
def test_period_parse_refuses_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match="Not a period"):
        Period.parse(text)


def test_period_bounds_quarter_ends_and_leap_years() -> None:
    q1 = Period.parse("2024Q1")
    assert (q1.start, q1.end) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    q2, q3, q4 = Period.parse("2026Q2"), Period.parse("2026Q3"), Period.parse("2026Q4")
    assert (q2.start, q2.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert (q3.start, q3.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Period.parse("2024-02").end == dt.date(2024, 2, 29)  # leap year
    assert Period.parse("2026-02").end == dt.date(2026, 2, 28)
    assert Period.parse("2000-02").end == dt.date(2000, 2, 29)  # divisible by 400
    assert Period.parse("2100-02").end == dt.date(2100, 2, 28)  # divisible by 100 only
    year = Period.parse("2026")
    assert (year.start, year.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert q3.contains(dt.date(2026, 9, 30)) and not q3.contains(dt.date(2026, 10, 1))


def test_period_labels_and_neighbours() -> None:
    assert Period.parse("2026Q3").label("zh_CN") == "2026年第3季度"
    assert Period.parse("2026Q3").label("en") == "2026 Q3"
    assert Period.parse("2026-10").label("zh_CN") == "2026年10月"
    assert Period.parse("2026-10").label("en") == "Oct 2026"
    assert Period.parse("2026").label("zh_CN") == "2026年"
    assert Period.parse("2026Q3").label() == "2026 Q3"  # the current language (en here)
    assert Period.parse("2026Q3").previous_year_same() == Period.parse("2025Q3")
    assert Period.parse("2024-02").previous_year_same().end == dt.date(2023, 2, 28)
    assert Period.parse("2026").previous_year_same().text == "2025"
    assert Period.parse("2026Q1").previous().text == "2025Q4"
    assert Period.parse("2026-01").previous().text == "2025-12"
    assert Period.parse("2026-07").previous().text == "2026-06"
    assert Period.containing(PeriodType.QUARTER, dt.date(2026, 8, 15)).text == "2026Q3"
    assert Period.containing(PeriodType.MONTH, dt.date(2026, 12, 31)).text == "2026-12"


# --- scoring params -----------------------------------------------------------------------------
def test_scoring_params_per_rule() -> None:
    assert validate_scoring_params(ScoringRule.LINEAR_CAP, {"cap_pct": 120}) == (
        {"cap_pct": "120"},
        None,
    )
    assert validate_scoring_params(ScoringRule.LINEAR_CAP, {})[1] == (
        "Linear scoring needs a cap (cap_pct)."
    )
    assert "between 100 and 200" in (
        validate_scoring_params(ScoringRule.LINEAR_CAP, {"cap_pct": "90"})[1] or ""
    )
    assert "Unknown parameter" in (
        validate_scoring_params(ScoringRule.LINEAR_CAP, {"cap": "120"})[1] or ""
    )
    tiers = {"tiers": [["4.5", 100], ["4.0", "90"], [0, 0]]}
    assert validate_scoring_params(ScoringRule.TIERED, tiers)[0] == {
        "tiers": [["4.5", "100"], ["4.0", "90"], ["0", "0"]]
    }
    message = validate_scoring_params(ScoringRule.TIERED, {"tiers": [["3", 60], ["4", 90]]})[1]
    assert message == "Tier thresholds must be in descending order (tier 2: 4)."
    assert "Tier 1: the score" in (
        validate_scoring_params(ScoringRule.TIERED, {"tiers": [["3", 160]]})[1] or ""
    )
    assert "needs tiers" in (validate_scoring_params(ScoringRule.TIERED, {"tiers": []})[1] or "")
    assert "deduct_per_point" in (validate_scoring_params(ScoringRule.DEDUCTION, {})[1] or "")
    assert validate_scoring_params(
        ScoringRule.DEDUCTION, '{"deduct_per_point": 1.5, "free_pct": 5}'
    ) == ({"deduct_per_point": "1.5", "free_pct": "5"}, None)
    assert "not valid JSON" in (validate_scoring_params(ScoringRule.DEDUCTION, "{oops")[1] or "")


# --- KPI definitions ----------------------------------------------------------------------------
KPI = {
    "code": "quote_speed",
    "name_zh": "报价及时率",
    "name_en": "Quote timeliness",
    "dimension_zh": "基础管理",
    "dimension_en": "Discipline",
    "definition_zh": "24小时内报价 ÷ 询价",
    "definition_en": "Quotes within 24 h ÷ enquiries",
    "unit": "%",
    "weight": "0",
    "scoring_rule": "LINEAR_CAP",
    "scoring_params": {"cap_pct": 100},
}


def test_default_kpis_and_create(session: Session, dept: Department) -> None:
    assert ensure_default_kpis(session) == len(DEFAULT_KPIS)
    assert ensure_default_kpis(session) == 0
    assert kpi_definitions.weights_total(session) == Decimal(100)
    kpi = kpi_definitions.create(session, dept.manager, KPI)
    assert kpi.code == "QUOTE_SPEED"
    assert kpi.scoring_params == {"cap_pct": "100"}
    assert kpi_definitions.by_code(session, "quote_speed") == kpi
    with pytest.raises(ValidationError, match="Already used by another record: QUOTE_SPEED"):
        kpi_definitions.create(session, dept.manager, {**KPI, "code": "Quote_Speed"})


def test_kpi_refusals_write_nothing(session: Session, dept: Department) -> None:
    before = _count(session, KpiDefinition)
    with pytest.raises(PermissionDenied, match="Only a manager or an administrator"):
        kpi_definitions.create(session, dept.rep, KPI)
    with pytest.raises(ValidationError) as err:
        kpi_definitions.create(
            session,
            dept.admin,
            {**KPI, "code": "1BAD-CODE", "weight": "100.5", "scoring_rule": "TIERED"},
        )
    assert set(err.value.errors) == {"code", "weight", "scoring_params"}
    assert err.value.errors["weight"] == "Must be between 0 and 100."
    assert err.value.errors["scoring_params"] == "Unknown parameter(s) for Tiered levels: cap_pct."
    with pytest.raises(ValidationError, match="At most 2 decimal places"):
        kpi_definitions.create(session, dept.admin, {**KPI, "weight": "1.005"})
    assert _count(session, KpiDefinition) == before


def test_set_weights_must_total_100(session: Session, dept: Department) -> None:
    ensure_default_kpis(session)
    session.commit()
    with pytest.raises(ValidationError, match="add up to 105; they must add up to exactly 100"):
        kpi_definitions.set_weights(session, dept.manager, {"SALES_VOLUME": 25})
    with pytest.raises(ValidationError, match="add up to 99.5;"):
        kpi_definitions.set_weights(session, dept.manager, {"SALES_VOLUME": "19.5"})
    with pytest.raises(ValidationError, match="No such KPI: NOPE"):
        kpi_definitions.set_weights(session, dept.manager, {"NOPE": 5})
    with pytest.raises(ValidationError, match="between 0 and 100"):
        kpi_definitions.set_weights(session, dept.manager, {"SALES_VOLUME": 101})
    with pytest.raises(PermissionDenied):
        kpi_definitions.set_weights(session, dept.rep, {"SALES_VOLUME": 20})
    assert kpi_definitions.by_code(session, "SALES_VOLUME").weight == Decimal(20)  # type: ignore[union-attr]

    result = kpi_definitions.set_weights(
        session, dept.manager, {"sales_volume": 25, "SALES_REVENUE": "10"}
    )
    weights = {k.code: k.weight for k in result}
    assert weights["SALES_VOLUME"] == Decimal(25) and weights["SALES_REVENUE"] == Decimal(10)
    assert kpi_definitions.weights_total(session) == Decimal(100)
    # An inactive KPI's weight does not count.
    training = kpi_definitions.by_code(session, "TRAINING_HOURS")
    assert training is not None
    kpi_definitions.update(session, dept.manager, training.id, {"active": False})
    with pytest.raises(ValidationError, match="add up to 95;"):
        kpi_definitions.set_weights(session, dept.manager, {})
    kpi_definitions.set_weights(session, dept.manager, {"DATA_TIMELINESS": 10})
    assert kpi_definitions.weights_total(session) == Decimal(100)


# --- targets ------------------------------------------------------------------------------------
def test_targets_upsert_normalise_and_refuse(session: Session, dept: Department) -> None:
    ensure_default_kpis(session)
    volume = kpi_definitions.by_code(session, "SALES_VOLUME")
    assert volume is not None
    target = kpi_targets.set_target(
        session, dept.manager, volume.id, dept.rep.user_id, "2026q3", "150000"
    )
    assert (target.period, target.period_type) == ("2026Q3", PeriodType.QUARTER)
    again = kpi_targets.set_target(
        session, dept.manager, volume.id, dept.rep.user_id, "2026-Q3", "160000"
    )
    assert again.id == target.id and again.target_value == Decimal("160000.0000")
    assert _count(session, KpiTarget) == 1
    row = session.get(KpiTarget, target.id)
    assert row is not None and row.owner_id == dept.rep.user_id
    assert [t.id for t in kpi_targets.for_user(session, dept.rep.user_id, "2026Q3")] == [target.id]

    before = _count(session, KpiTarget)
    with pytest.raises(ValidationError, match="Not a period: '2026Q5'"):
        kpi_targets.set_target(session, dept.manager, volume.id, dept.rep.user_id, "2026Q5", 1)
    with pytest.raises(ValidationError, match="May not be negative"):
        kpi_targets.set_target(session, dept.manager, volume.id, dept.rep.user_id, "2026-10", -1)
    with pytest.raises(ValidationError, match="2026-10 is a Monthly period, not Quarterly"):
        kpi_targets.create(
            session,
            dept.manager,
            {
                "kpi_id": volume.id,
                "user_id": dept.rep.user_id,
                "period": "2026-10",
                "period_type": "QUARTER",
                "target_value": "1",
            },
        )
    with pytest.raises(ValidationError, match="already has a target for this KPI in 2026Q3"):
        kpi_targets.create(
            session,
            dept.manager,
            {
                "kpi_id": volume.id,
                "user_id": dept.rep.user_id,
                "period": "2026Q3",
                "target_value": "1",
            },
        )
    with pytest.raises(ValidationError, match="Targets are for sales reps and managers"):
        kpi_targets.set_target(session, dept.admin, volume.id, dept.service.user_id, "2026", 1)
    # Targets are set from above: not by the rep, not by another team's manager.
    with pytest.raises(PermissionDenied, match="Only the person's manager"):
        kpi_targets.set_target(session, dept.rep, volume.id, dept.rep.user_id, "2026", 1)
    with pytest.raises(PermissionDenied):
        kpi_targets.set_target(session, dept.manager, volume.id, dept.other_rep.user_id, "2026", 1)
    assert _count(session, KpiTarget) == before

    # A deleted target is revived, not duplicated (the unique key covers tombstones).
    kpi_targets.delete(session, dept.manager, target.id)
    revived = kpi_targets.set_target(
        session, dept.manager, volume.id, dept.rep.user_id, "2026Q3", "10"
    )
    assert revived.id == target.id and revived.target_value == Decimal("10.0000")
    with pytest.raises(ValidationError, match="target\\(s\\) use this KPI"):
        kpi_definitions.delete(session, dept.manager, volume.id)


def test_a_new_target_is_keyed_by_kpi_person_and_period(session: Session, dept: Department) -> None:
    """Two managers (or a manager and an admin) who set the same target offline make the same
    row: its id comes from (KPI, person, period), whichever way it is made. Targets made before
    keep their ids."""
    ensure_default_kpis(session)
    volume = kpi_definitions.by_code(session, "SALES_VOLUME")
    revenue = kpi_definitions.by_code(session, "SALES_REVENUE")
    assert volume is not None and revenue is not None
    rep = dept.rep.user_id
    by_set = kpi_targets.set_target(session, dept.manager, volume.id, rep, "2026-q3", "150000")
    assert by_set.id == keyed_id("kpi_targets", volume.id, rep, "2026Q3")
    by_admin = kpi_targets.set_target(session, dept.admin, volume.id, rep, "2026Q3", "1")
    assert by_admin.id == by_set.id
    by_create = kpi_targets.create(
        session,
        dept.manager,
        {"kpi_id": volume.id, "user_id": rep, "period": "2026-10", "target_value": "50000"},
    )
    assert by_create.id == keyed_id("kpi_targets", volume.id, rep, "2026-10")
    made = session.get(KpiTarget, by_create.id)
    assert made is not None and (made.period, made.owner_id) == ("2026-10", rep)

    # Made before keyed ids: found by its key and kept.
    legacy = KpiTarget(
        id=new_id(),
        kpi_id=revenue.id,
        user_id=rep,
        period_type=PeriodType.YEAR,
        period="2026",
        target_value=Decimal(1),
        owner_id=rep,
    )
    session.add(legacy)
    session.flush()
    assert kpi_targets.set_target(session, dept.manager, revenue.id, rep, "2026", "9").id == (
        legacy.id
    )

    # A target stays in its period (its id is its key): moving it is refused and changes nothing.
    with pytest.raises(ValidationError) as refused:
        kpi_targets.update(session, dept.manager, by_set.id, {"period": "2026Q4"})
    assert "period" in refused.value.errors
    assert session.get(KpiTarget, by_set.id).period == "2026Q3"  # type: ignore[union-attr]
    again = kpi_targets.set_target(session, dept.manager, volume.id, rep, "2026Q3", "7")
    assert again.id == by_set.id
    assert again.period == "2026Q3" and _count(session, KpiTarget) == 3
