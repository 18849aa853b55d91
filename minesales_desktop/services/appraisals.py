"""The appraisal workflow (绩效考核) per person and period, and the appraisal sheet's data.

Status is the last step completed::

    DRAFT ──(the rep: self scores + self-assessment, submit)──► SELF
    SELF ──(the rep's manager: manager scores + comments + improvement plan, submit)──► MANAGER
    MANAGER ──(the manager: confirm)──► CONFIRMED      (frozen for good)
    SELF / MANAGER ──(the manager: return to the rep)──► DRAFT

Who: the appraisee writes the self part, nobody else; "the rep's manager" is the user in
``users.manager_id`` or a manager of the rep's team, never the appraisee themself; an
administrator may do the manager's part too. Everyone who may see someone's KPIs may see their
appraisal (``kpi_engine.visible_to``).

Until confirmation an appraisal shows live figures: targets, actuals, completion and system
scores come from the KPI engine each time it is read; only the people's input (self and manager
scores, texts, manager-entered actuals of MANUAL KPIs) is stored on the lines. Confirmation
writes every figure into the lines and a snapshot of everything the printed sheet shows into
``Appraisal.snapshot``; from then on the DTO is read from the snapshot alone, so later edits to
invoices, payments or any other record never change a confirmed appraisal.

Weighted score of a line = (manager score, else the system score while there is none yet) ×
weight ÷ 100, rounded half up to 0.01; the total is their sum; the grade comes from the bands
in force at confirmation (kept in the snapshot).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.ids import keyed_id
from minesales_desktop.messages import current_language, translate
from minesales_desktop.models.enums import (
    AppraisalStatus,
    KpiDirection,
    KpiSource,
    PeriodType,
    Role,
    ScoringRule,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.performance import Appraisal, AppraisalLine
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.errors import (
    NotFoundError,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from minesales_desktop.services.kpi_engine import (
    DEFAULT_GRADE_BANDS,
    GradeBand,
    KpiLineDTO,
    KpiReportDTO,
    PersonDTO,
    build_reports,
    grade_for,
    person,
    round2,
    visible_to,
    weighted,
)
from minesales_desktop.services.performance import Period, kpi_definitions

__all__ = [
    "AppraisalDTO",
    "AppraisalLineDTO",
    "appraisal_sheet",
    "appraisal_sheets",
    "confirm_appraisal",
    "find_appraisal",
    "get_appraisal",
    "may_review",
    "open_appraisal",
    "return_to_rep",
    "save_manager_review",
    "save_self_assessment",
    "set_manual_actuals",
]

SNAPSHOT_VERSION = 1
ZERO = Decimal(0)
_SHEET_TITLES = {
    PeriodType.MONTH: ("销售人员绩效考核表(月度)", "Sales Staff Performance Appraisal (Monthly)"),
    PeriodType.QUARTER: (
        "销售人员绩效考核表(季度)",
        "Sales Staff Performance Appraisal (Quarterly)",
    ),
    PeriodType.YEAR: ("销售人员绩效考核表(年度)", "Sales Staff Performance Appraisal (Yearly)"),
}


# --- DTOs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AppraisalLineDTO:
    """One row of the sheet: No. | Dimension | KPI | Definition | Weight | Target | Actual |
    Completion | Self | Manager | Weighted (plus the system score and growth for the screen)."""

    no: int
    kpi_id: str
    code: str
    dimension_zh: str
    dimension_en: str
    name_zh: str
    name_en: str
    definition_zh: str
    definition_en: str
    rule_zh: str
    rule_en: str
    unit: str
    direction: KpiDirection
    source: KpiSource
    scoring_rule: ScoringRule
    weight: Decimal
    target: Decimal | None
    actual: Decimal | None
    completion_pct: Decimal | None
    system_score: Decimal | None
    max_score: Decimal
    self_score: Decimal | None
    manager_score: Decimal | None
    weighted_score: Decimal | None
    growth_pct: Decimal | None

    def name(self, lang: str | None = None) -> str:
        return self.name_zh if (lang or current_language()).startswith("zh") else self.name_en

    def dimension(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.dimension_zh if zh else self.dimension_en

    def definition(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.definition_zh if zh else self.definition_en

    @property
    def final_score(self) -> Decimal | None:
        return self.manager_score if self.manager_score is not None else self.system_score


@dataclass(frozen=True)
class AppraisalDTO:
    """Everything the printed 销售人员绩效考核表 shows, and the workflow state.

    ``id`` is None for a sheet previewed before anyone opened an appraisal. The ``may_*`` flags
    say what the person who asked may do now; they are not part of the snapshot."""

    id: str | None
    status: AppraisalStatus
    period: str
    period_type: PeriodType
    period_label_zh: str
    period_label_en: str
    company: str
    appraisee: PersonDTO
    appraiser: PersonDTO | None
    lines: tuple[AppraisalLineDTO, ...]
    total_score: Decimal
    grade: str
    grade_bands: tuple[GradeBand, ...]
    self_assessment: str | None
    manager_comments: str | None
    improvement_plan: str | None
    confirmed_at: dt.datetime | None
    frozen: bool
    may_edit_self: bool = False
    may_review: bool = False
    may_confirm: bool = False
    may_return: bool = False

    def period_label(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.period_label_zh if zh else self.period_label_en

    def sheet_title(self, lang: str | None = None) -> str:
        zh, en = _SHEET_TITLES[self.period_type]
        return zh if (lang or current_language()).startswith("zh") else en

    @property
    def total_weight(self) -> Decimal:
        return sum((ln.weight for ln in self.lines), ZERO)


# --- permissions ------------------------------------------------------------------------------
def may_review(session: Session, actor: Actor, appraisee: User) -> bool:
    """The rep's manager (users.manager_id, or a manager of the rep's team) or an admin; never
    the appraisee themself."""
    if appraisee.id == actor.user_id:
        return False
    if actor.is_admin:
        return True
    return actor.role is Role.MANAGER and (
        appraisee.manager_id == actor.user_id
        or (actor.team_id is not None and appraisee.team_id == actor.team_id)
    )


def _not_reviewer() -> PermissionDenied:
    return PermissionDenied(
        translate(
            "Permissions",
            "Only the person's manager can score, comment on and confirm their appraisal.",
        )
    )


def _user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.is_deleted:
        raise NotFoundError(translate("Performance", "No such person."))
    return user


def _require_visible(session: Session, actor: Actor, user: User) -> None:
    if not visible_to(session, actor, user):
        raise PermissionDenied(
            translate(
                "Permissions", "You may only see your own appraisal, or your team's as manager."
            )
        )


def _load(session: Session, appraisal_id: str) -> Appraisal:
    row = session.get(Appraisal, appraisal_id)
    if row is None or row.is_deleted:
        raise NotFoundError(
            translate("Errors", "The record no longer exists (it may have been deleted).")
        )
    return row


def _require_status(row: Appraisal, allowed: Sequence[AppraisalStatus], doing: str) -> None:
    if row.status in allowed:
        return
    if row.status is AppraisalStatus.CONFIRMED:
        raise TransitionRefused(
            translate("Performance", "The appraisal is confirmed and can no longer be changed.")
        )
    raise TransitionRefused(
        translate("Performance", "Cannot {doing} now: the appraisal is at “{status}”.").format(
            doing=doing, status=row.status.label()
        ),
        [
            translate("Performance", "the appraisal at “{status}”").format(status=s.label())
            for s in allowed
        ],
    )


# --- lines ------------------------------------------------------------------------------------
def _sync_lines(session: Session, row: Appraisal) -> dict[str, AppraisalLine]:
    """One live line per active KPI (weight and order as defined now); lines of KPIs no longer
    active are tombstoned. Returns kpi id → line.

    A missing line gets the id of its key (appraisal, KPI) — ``ids.keyed_id`` — so every laptop
    that fills in the same appraisal offline makes the same lines. Lines found (tombstones
    included) are reused whatever their id, so lines made before keyed ids keep theirs."""
    kpis = kpi_definitions.active(session)
    existing = {
        ln.kpi_id: ln
        for ln in session.scalars(select(AppraisalLine).where(AppraisalLine.appraisal_id == row.id))
    }
    wanted = {k.id for k in kpis}
    for order, kpi in enumerate(kpis, start=1):
        line = existing.get(kpi.id)
        if line is None:
            line = AppraisalLine(
                # Keyed: the rep's and the manager's laptop make the same line (ids.keyed_id).
                id=keyed_id("appraisal_lines", row.id, kpi.id),
                appraisal_id=row.id,
                kpi_id=kpi.id,
                sort_order=order,
                weight=kpi.weight,
                owner_id=row.user_id,
            )
            session.add(line)
            existing[kpi.id] = line
        else:
            if line.is_deleted:
                line.is_deleted = False
                line.updated_at = utcnow()
            if line.sort_order != order:
                line.sort_order = order
            if line.weight != kpi.weight:
                line.weight = kpi.weight
    for kpi_id, line in existing.items():
        if kpi_id not in wanted and not line.is_deleted:
            line.is_deleted = True
            line.updated_at = utcnow()
    session.flush()
    return {k: v for k, v in existing.items() if k in wanted}


def _score_value(raw: Any, top: Decimal) -> tuple[Decimal | None, str | None]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    try:
        value = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip())
    except InvalidOperation:
        return None, translate("Validation", "Must be a number.")
    if not value.is_finite():
        return None, translate("Validation", "Must be a number.")
    if value != value.quantize(Decimal("0.01")):
        return None, translate("Validation", "At most {n} decimal places.").format(n=2)
    if value < 0 or value > top:
        return None, translate("Performance", "A score from 0 to {top}.").format(
            top=format(top.normalize(), "f")
        )
    return value, None


def _apply_scores(
    session: Session,
    row: Appraisal,
    scores: Mapping[str, Any],
    attribute: str,
) -> None:
    """Write self or manager scores given by KPI code; every error is collected first."""
    live = _live_dto(session, row, "", DEFAULT_GRADE_BANDS)
    by_code = {ln.code: ln for ln in live.lines}
    lines = _sync_lines(session, row)
    errors: dict[str, str] = {}
    clean: dict[str, Decimal | None] = {}
    for code, raw in scores.items():
        line = by_code.get(code.strip().upper())
        if line is None:
            errors[code] = translate("Performance", "No such KPI: {code}").format(code=code)
            continue
        value, message = _score_value(raw, line.max_score)
        if message:
            errors[line.code] = message
        else:
            clean[line.kpi_id] = value
    if errors:
        raise ValidationError(errors)
    for kpi_id, value in clean.items():
        setattr(lines[kpi_id], attribute, value)


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


# --- building the DTO ---------------------------------------------------------------------------
def _line(kpi_line: KpiLineDTO, stored: AppraisalLine | None) -> AppraisalLineDTO:
    self_score = stored.self_score if stored is not None else None
    manager_score = stored.manager_score if stored is not None else None
    final = manager_score if manager_score is not None else kpi_line.score
    return AppraisalLineDTO(
        no=kpi_line.no,
        kpi_id=kpi_line.kpi_id,
        code=kpi_line.code,
        dimension_zh=kpi_line.dimension_zh,
        dimension_en=kpi_line.dimension_en,
        name_zh=kpi_line.name_zh,
        name_en=kpi_line.name_en,
        definition_zh=kpi_line.definition_zh,
        definition_en=kpi_line.definition_en,
        rule_zh=kpi_line.rule_zh,
        rule_en=kpi_line.rule_en,
        unit=kpi_line.unit,
        direction=kpi_line.direction,
        source=kpi_line.source,
        scoring_rule=kpi_line.scoring_rule,
        weight=kpi_line.weight,
        target=kpi_line.target,
        actual=kpi_line.actual,
        completion_pct=kpi_line.completion_pct,
        system_score=kpi_line.score,
        max_score=kpi_line.max_score,
        self_score=self_score,
        manager_score=manager_score,
        weighted_score=weighted(final, kpi_line.weight),
        growth_pct=kpi_line.growth_pct,
    )


def _live_dto(
    session: Session,
    row: Appraisal | None,
    company: str,
    bands: Sequence[GradeBand],
    *,
    user_id: str | None = None,
    period: Period | None = None,
    report: KpiReportDTO | None = None,
) -> AppraisalDTO:
    """The appraisal as it stands, figures computed from the records now (or taken from
    ``report`` when the caller computed many at once)."""
    uid = row.user_id if row is not None else user_id
    when = Period.parse(row.period) if row is not None else period
    assert uid is not None and when is not None
    if report is None:
        report = build_reports(session, when, [uid], bands=bands)[0]
    stored: dict[str, AppraisalLine] = {}
    if row is not None:
        stored = {
            ln.kpi_id: ln
            for ln in session.scalars(
                select(AppraisalLine).where(
                    AppraisalLine.appraisal_id == row.id, AppraisalLine.is_deleted.is_(False)
                )
            )
        }
    lines = tuple(_line(kl, stored.get(kl.kpi_id)) for kl in report.lines)
    total = sum((ln.weighted_score or ZERO for ln in lines), ZERO).quantize(Decimal("0.01"))
    appraisee = person(session, uid)
    appraiser_id = row.appraiser_id if row is not None else None
    appraiser_id = appraiser_id or appraisee.manager_id
    return AppraisalDTO(
        id=row.id if row is not None else None,
        status=row.status if row is not None else AppraisalStatus.DRAFT,
        period=when.text,
        period_type=when.kind,
        period_label_zh=when.label("zh_CN"),
        period_label_en=when.label("en"),
        company=company,
        appraisee=appraisee,
        appraiser=person(session, appraiser_id) if appraiser_id else None,
        lines=lines,
        total_score=total,
        grade=grade_for(total, bands),
        grade_bands=tuple(bands),
        self_assessment=row.self_assessment if row is not None else None,
        manager_comments=row.manager_comments if row is not None else None,
        improvement_plan=row.improvement_plan if row is not None else None,
        confirmed_at=None,
        frozen=False,
    )


def _dto(
    session: Session,
    row: Appraisal,
    company: str,
    bands: Sequence[GradeBand],
    actor: Actor | None = None,
    report: KpiReportDTO | None = None,
) -> AppraisalDTO:
    if row.status is AppraisalStatus.CONFIRMED and row.snapshot:
        frozen: AppraisalDTO = _decode(AppraisalDTO, row.snapshot["appraisal"])
        dto = replace(frozen, id=row.id, status=row.status)
    else:
        dto = _live_dto(session, row, company, bands, report=report)
    if actor is None:
        return dto
    appraisee = _user(session, row.user_id)
    reviewer = may_review(session, actor, appraisee)
    status = row.status
    return replace(
        dto,
        may_edit_self=status is AppraisalStatus.DRAFT and actor.user_id == row.user_id,
        may_review=reviewer and status in (AppraisalStatus.SELF, AppraisalStatus.MANAGER),
        may_confirm=reviewer and status is AppraisalStatus.MANAGER,
        may_return=reviewer and status in (AppraisalStatus.SELF, AppraisalStatus.MANAGER),
    )


# --- snapshot (de)serialisation -----------------------------------------------------------------
def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode_as(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode_as(inner, raw)
    if origin is tuple:
        return tuple(_decode_as(typing.get_args(hint)[0], v) for v in raw)
    if hint is Decimal:
        return Decimal(str(raw))
    if hint is dt.datetime:
        return dt.datetime.fromisoformat(raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decode(hint, raw)
    return raw


def _decode(cls: type[Any], data: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {
        f.name: _decode_as(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)
        if f.name in data
    }
    return cls(**values)


# --- the workflow -----------------------------------------------------------------------------
def _find_row(session: Session, user_id: str, period: Period) -> Appraisal | None:
    return session.scalar(
        select(Appraisal).where(Appraisal.user_id == user_id, Appraisal.period == period.text)
    )


def find_appraisal(
    session: Session,
    actor: Actor,
    user_id: str,
    period: Period | str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO | None:
    """Someone's appraisal for a period, or None when nobody has opened one yet."""
    when = period if isinstance(period, Period) else Period.parse(period)
    _require_visible(session, actor, _user(session, user_id))
    row = _find_row(session, user_id, when)
    if row is None or row.is_deleted:
        return None
    return _dto(session, row, company, bands, actor)


def get_appraisal(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    row = _load(session, appraisal_id)
    _require_visible(session, actor, _user(session, row.user_id))
    return _dto(session, row, company, bands, actor)


def open_appraisal(
    session: Session,
    actor: Actor,
    user_id: str,
    period: Period | str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """The appraisal of a person for a period, made (DRAFT) if there is none yet. The appraisee
    themself or their manager may open it."""
    when = period if isinstance(period, Period) else Period.parse(period)
    user = _user(session, user_id)
    if user.role not in (Role.REP, Role.MANAGER):
        raise ValidationError(
            {"user_id": translate("Performance", "Appraisals are for sales reps and managers.")}
        )
    if actor.user_id != user_id and not may_review(session, actor, user):
        raise PermissionDenied(
            translate("Permissions", "Only the person or their manager can start their appraisal.")
        )
    row = _find_row(session, user_id, when)
    if row is None:
        row = Appraisal(
            # Keyed by (person, period): the rep and the manager may each open it offline on
            # their own laptop; both make this same row, which the server merges
            # (ids.keyed_id). A row already here, keyed or not, was found above and is reused.
            id=keyed_id("appraisals", user_id, when.text),
            user_id=user_id,
            period_type=when.kind,
            period=when.text,
            status=AppraisalStatus.DRAFT,
            appraiser_id=user.manager_id,
            owner_id=user_id,  # the appraisee's laptop gets it by sync
        )
        session.add(row)
        session.flush()
    elif row.is_deleted:
        row.is_deleted = False
        row.status = AppraisalStatus.DRAFT
        row.updated_at = utcnow()
    if row.status is not AppraisalStatus.CONFIRMED:
        _sync_lines(session, row)
    return _dto(session, row, company, bands, actor)


def save_self_assessment(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    scores: Mapping[str, Any],
    self_assessment: str | None,
    *,
    submit: bool = False,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """The appraisee's self scores (KPI code → score, 0 … the line's maximum) and
    self-assessment. ``submit`` hands it to the manager (DRAFT → SELF) and needs a self score on
    every line and the self-assessment text."""
    row = _load(session, appraisal_id)
    if actor.user_id != row.user_id:
        raise PermissionDenied(
            translate("Permissions", "Only the person appraised can write their self-assessment.")
        )
    _require_status(
        row, (AppraisalStatus.DRAFT,), translate("Performance", "change the self-assessment")
    )
    _apply_scores(session, row, scores, "self_score")
    row.self_assessment = _text(self_assessment)
    session.flush()
    if submit:
        missing: list[str] = []
        live = _live_dto(session, row, company, bands)
        unscored = [ln.name() for ln in live.lines if ln.self_score is None]
        if unscored:
            missing.append(
                translate("Performance", "a self score for: {kpis}").format(
                    kpis=", ".join(unscored)
                )
            )
        if not row.self_assessment:
            missing.append(translate("Performance", "the self-assessment"))
        if missing:
            raise TransitionRefused(
                translate("Performance", "Cannot submit the self-assessment yet. Missing:"),
                missing,
            )
        row.status = AppraisalStatus.SELF
        row.updated_at = utcnow()
        session.flush()
    return _dto(session, row, company, bands, actor)


def _require_reviewer(session: Session, actor: Actor, row: Appraisal) -> User:
    appraisee = _user(session, row.user_id)
    if not may_review(session, actor, appraisee):
        raise _not_reviewer()
    return appraisee


def set_manual_actuals(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    actuals: Mapping[str, Any],
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """The manager enters the actual of MANUAL KPIs (KPI code → value; empty clears it), at any
    step before confirmation."""
    row = _load(session, appraisal_id)
    _require_reviewer(session, actor, row)
    _require_status(
        row,
        (AppraisalStatus.DRAFT, AppraisalStatus.SELF, AppraisalStatus.MANAGER),
        translate("Performance", "enter actuals"),
    )
    _apply_manual_actuals(session, row, actuals)
    return _dto(session, row, company, bands, actor)


def _apply_manual_actuals(session: Session, row: Appraisal, actuals: Mapping[str, Any]) -> None:
    if not actuals:
        return
    kpis = {k.code: k for k in kpi_definitions.active(session)}
    lines = _sync_lines(session, row)
    errors: dict[str, str] = {}
    clean: dict[str, Decimal | None] = {}
    for raw_code, raw in actuals.items():
        code = raw_code.strip().upper()
        kpi = kpis.get(code)
        if kpi is None:
            errors[raw_code] = translate("Performance", "No such KPI: {code}").format(code=raw_code)
            continue
        if kpi.source is not KpiSource.MANUAL:
            errors[code] = translate(
                "Performance", "{kpi} is computed from the records; its actual is not typed in."
            ).format(kpi=kpi.name())
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            clean[kpi.id] = None
            continue
        try:
            value = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip())
        except InvalidOperation:
            errors[code] = translate("Validation", "Must be a number.")
            continue
        if not value.is_finite():
            errors[code] = translate("Validation", "Must be a number.")
        elif value != value.quantize(Decimal("0.0001")):
            errors[code] = translate("Validation", "At most {n} decimal places.").format(n=4)
        else:
            clean[kpi.id] = value
    if errors:
        raise ValidationError(errors)
    for kpi_id, entered in clean.items():
        lines[kpi_id].actual = entered
    session.flush()


def save_manager_review(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    scores: Mapping[str, Any],
    manager_comments: str | None,
    improvement_plan: str | None,
    *,
    manual_actuals: Mapping[str, Any] | None = None,
    submit: bool = False,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """The manager's scores (KPI code → score), comments and improvement plan, after the rep's
    self-assessment. ``submit`` (SELF → MANAGER) needs a manager score on every line and the
    comments; the manager may keep editing until confirming."""
    row = _load(session, appraisal_id)
    _require_reviewer(session, actor, row)
    _require_status(
        row,
        (AppraisalStatus.SELF, AppraisalStatus.MANAGER),
        translate("Performance", "score as manager"),
    )
    _apply_manual_actuals(session, row, manual_actuals or {})
    _apply_scores(session, row, scores, "manager_score")
    row.manager_comments = _text(manager_comments)
    row.improvement_plan = _text(improvement_plan)
    row.appraiser_id = actor.user_id
    session.flush()
    if submit:
        _require_manager_complete(session, row, company, bands)
        row.status = AppraisalStatus.MANAGER
        row.updated_at = utcnow()
        session.flush()
    return _dto(session, row, company, bands, actor)


def _require_manager_complete(
    session: Session, row: Appraisal, company: str, bands: Sequence[GradeBand]
) -> AppraisalDTO:
    live = _live_dto(session, row, company, bands)
    missing: list[str] = []
    unscored = [ln.name() for ln in live.lines if ln.manager_score is None]
    if unscored:
        missing.append(
            translate("Performance", "a manager score for: {kpis}").format(kpis=", ".join(unscored))
        )
    if not row.manager_comments:
        missing.append(translate("Performance", "the manager's comments"))
    if missing:
        raise TransitionRefused(
            translate("Performance", "Cannot finish the manager review yet. Missing:"), missing
        )
    return live


def return_to_rep(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """The manager sends the appraisal back to the rep to redo the self part (→ DRAFT); scores
    and texts are kept."""
    row = _load(session, appraisal_id)
    _require_reviewer(session, actor, row)
    _require_status(
        row,
        (AppraisalStatus.SELF, AppraisalStatus.MANAGER),
        translate("Performance", "return it to the person"),
    )
    row.status = AppraisalStatus.DRAFT
    row.updated_at = utcnow()
    session.flush()
    return _dto(session, row, company, bands, actor)


def confirm_appraisal(
    session: Session,
    actor: Actor,
    appraisal_id: str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """MANAGER → CONFIRMED: every figure is written into the lines and the whole sheet (company,
    people, period, lines, total, grade, bands, texts) frozen into the snapshot."""
    row = _load(session, appraisal_id)
    _require_reviewer(session, actor, row)
    _require_status(row, (AppraisalStatus.MANAGER,), translate("Performance", "confirm"))
    lines = _sync_lines(session, row)
    live = _require_manager_complete(session, row, company, bands)
    now = utcnow()
    for ln in live.lines:
        stored = lines[ln.kpi_id]
        stored.weight = ln.weight
        stored.target = ln.target
        stored.actual = ln.actual
        stored.completion_pct = ln.completion_pct
        stored.self_score = ln.self_score
        stored.manager_score = ln.manager_score
        stored.weighted_score = ln.weighted_score
    frozen = replace(
        live,
        status=AppraisalStatus.CONFIRMED,
        confirmed_at=now,
        frozen=True,
        appraiser=person(session, row.appraiser_id or actor.user_id),
    )
    row.status = AppraisalStatus.CONFIRMED
    row.total_score = round2(frozen.total_score)
    row.grade = frozen.grade
    row.confirmed_at = now
    row.updated_at = now
    row.snapshot = {"version": SNAPSHOT_VERSION, "appraisal": _encode(frozen)}
    session.flush()
    return _dto(session, row, company, bands, actor)


# --- sheets for printing (no actor: batch printing and the CLI) -------------------------------
def appraisal_sheet(
    session: Session,
    user_id: str,
    period: Period | str,
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> AppraisalDTO:
    """What the sheet of one person and period prints: the frozen snapshot once confirmed,
    otherwise the live figures with whatever scores and texts have been entered (a DRAFT
    preview with ``id`` None when no appraisal was opened). No permission check."""
    when = period if isinstance(period, Period) else Period.parse(period)
    _user(session, user_id)
    row = _find_row(session, user_id, when)
    if row is None or row.is_deleted:
        return _live_dto(session, None, company, bands, user_id=user_id, period=when)
    return _dto(session, row, company, bands)


def appraisal_sheets(
    session: Session,
    period: Period | str,
    user_ids: Sequence[str],
    *,
    company: str = "",
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> list[AppraisalDTO]:
    """``appraisal_sheet`` for several people, in the order given. The live figures of all of
    them come from one pass of the KPI engine (a dozen queries in all, not per person), so a
    department's batch stays fast."""
    when = period if isinstance(period, Period) else Period.parse(period)
    rows = {
        r.user_id: r
        for r in session.scalars(
            select(Appraisal).where(
                Appraisal.user_id.in_(list(user_ids)),
                Appraisal.period == when.text,
                Appraisal.is_deleted.is_(False),
            )
        )
    }
    live_ids = [
        uid
        for uid in user_ids
        if uid not in rows or rows[uid].status is not AppraisalStatus.CONFIRMED
    ]
    reports = {r.person.user_id: r for r in build_reports(session, when, live_ids, bands=bands)}
    sheets: list[AppraisalDTO] = []
    for uid in user_ids:
        row = rows.get(uid)
        if row is None:
            sheets.append(
                _live_dto(
                    session, None, company, bands, user_id=uid, period=when, report=reports[uid]
                )
            )
        else:
            sheets.append(_dto(session, row, company, bands, report=reports.get(uid)))
    return sheets
