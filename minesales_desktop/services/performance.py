"""KPI definitions, their weights, targets per rep and period, and the ``Period`` value object.

Only definitions and targets live here; the KPI engine that computes actuals from the records and
the appraisal workflow come later and build on ``Period`` and on the rules checked here:

- a KPI's scoring parameters must fit its rule, so the engine never meets a KPI it cannot score;
- the weights of the active KPIs add up to exactly 100, or an appraisal sheet would not total 100 —
  weights are therefore changed together with ``set_weights``, which refuses any other sum;
- a target belongs to one KPI, one person and one period written the canonical way ('2026-10',
  '2026Q3', '2026'), so the engine can find it by text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Self

from sqlalchemy import func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.messages import current_language, translate
from minesales_desktop.models.enums import (
    KpiDirection,
    KpiSource,
    PeriodType,
    Role,
    ScoringRule,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.performance import AppraisalLine, KpiDefinition, KpiTarget
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import EntityService, can_modify_owned, required_message
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.kpi_catalog import DEFAULT_KPIS, ensure_default_kpis
from minesales_desktop.services.validation import check_not_negative, check_range

__all__ = [
    "DEFAULT_KPIS",
    "KpiDefinitionDTO",
    "KpiDefinitionService",
    "KpiTargetDTO",
    "KpiTargetService",
    "Period",
    "ensure_default_kpis",
    "kpi_definitions",
    "kpi_targets",
    "validate_scoring_params",
]

WEIGHT_TOTAL = Decimal(100)


# --- periods ----------------------------------------------------------------------------------
_MONTH_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})\s*-?\s*[Qq]\s*(\d)$|^(\d{4})\s*年\s*第?\s*(\d)\s*季度$")
_YEAR_RE = re.compile(r"^(\d{4})\s*年?$")
MIN_YEAR = 1990
MAX_YEAR = 2100
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _bad_period(text: str) -> ValueError:
    return ValueError(
        translate(
            "Performance",
            "Not a period: {text!r}. Write a month as 2026-10, a quarter as 2026Q3 or a year as "
            "2026.",
        ).format(text=text)
    )


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year — the unit every target and appraisal is kept in.

    ``number`` is the month (1–12) or quarter (1–4), and 0 for a year. Pure: no database, no
    clock, so the KPI engine and the PDF sheets can rely on it everywhere.
    """

    kind: PeriodType
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        limits = {PeriodType.MONTH: (1, 12), PeriodType.QUARTER: (1, 4), PeriodType.YEAR: (0, 0)}
        low, high = limits[self.kind]
        if not (MIN_YEAR <= self.year <= MAX_YEAR) or not (low <= self.number <= high):
            raise _bad_period(f"{self.kind.value} {self.year} {self.number}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """'2026-10' (also 2026-1, 202610, 2026年10月), '2026Q3' (also 2026-Q3, 2026 q3,
        2026年第3季度) or '2026' (also 2026年). Anything else raises ``ValueError`` with a message
        fit to show the user."""
        raw = (text or "").strip()
        match = _MONTH_RE.match(raw)
        try:
            if match:
                year, month = (
                    (match.group(1), match.group(2)) if match.group(1) else match.groups()[2:]
                )
                return cls(PeriodType.MONTH, int(year), int(month))
            match = _QUARTER_RE.match(raw)
            if match:
                year, quarter = (
                    (match.group(1), match.group(2)) if match.group(1) else match.groups()[2:]
                )
                return cls(PeriodType.QUARTER, int(year), int(quarter))
            match = _YEAR_RE.match(raw)
            if match:
                return cls(PeriodType.YEAR, int(match.group(1)))
        except ValueError:
            raise _bad_period(text) from None
        raise _bad_period(text)

    @classmethod
    def containing(cls, kind: PeriodType, day: dt.date) -> Self:
        """The month, quarter or year that ``day`` falls in."""
        if kind is PeriodType.MONTH:
            return cls(kind, day.year, day.month)
        if kind is PeriodType.QUARTER:
            return cls(kind, day.year, (day.month - 1) // 3 + 1)
        return cls(kind, day.year)

    @property
    def text(self) -> str:
        """The canonical text stored in ``kpi_targets.period`` and ``appraisals.period``."""
        if self.kind is PeriodType.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind is PeriodType.QUARTER:
            return f"{self.year:04d}Q{self.number}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.text

    @property
    def _first_month(self) -> int:
        if self.kind is PeriodType.MONTH:
            return self.number
        if self.kind is PeriodType.QUARTER:
            return 3 * (self.number - 1) + 1
        return 1

    @property
    def _last_month(self) -> int:
        if self.kind is PeriodType.MONTH:
            return self.number
        if self.kind is PeriodType.QUARTER:
            return 3 * self.number
        return 12

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self._first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive: 2024-02 ends on the 29th)."""
        last = self._last_month
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def label(self, lang: str | None = None) -> str:
        """2026年10月 / Oct 2026; 2026年第3季度 / 2026 Q3; 2026年 / 2026."""
        zh = (lang or current_language()).startswith("zh")
        if self.kind is PeriodType.MONTH:
            return (
                f"{self.year}年{self.number}月"
                if zh
                else f"{_MONTH_ABBR[self.number - 1]} {self.year}"
            )
        if self.kind is PeriodType.QUARTER:
            return f"{self.year}年第{self.number}季度" if zh else f"{self.year} Q{self.number}"
        return f"{self.year}年" if zh else f"{self.year}"

    def previous_year_same(self) -> Self:
        """The same month/quarter/year one year earlier (同比 — year-on-year comparison)."""
        return type(self)(self.kind, self.year - 1, self.number)

    def previous(self) -> Self:
        """The period just before (环比 — period-on-period comparison)."""
        if self.kind is PeriodType.YEAR:
            return type(self)(self.kind, self.year - 1)
        count = 12 if self.kind is PeriodType.MONTH else 4
        if self.number == 1:
            return type(self)(self.kind, self.year - 1, count)
        return type(self)(self.kind, self.year, self.number - 1)


# --- scoring parameters -----------------------------------------------------------------------
# The keys each rule reads; anything else is refused so a typo ('cap' for 'cap_pct') is caught now
# rather than silently ignored by the engine. The engine issue may add keys here.
_PARAM_KEYS: dict[ScoringRule, frozenset[str]] = {
    ScoringRule.LINEAR_CAP: frozenset({"cap_pct"}),
    ScoringRule.TIERED: frozenset({"tiers"}),
    ScoringRule.DEDUCTION: frozenset({"deduct_per_point", "free_pct"}),
}


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def validate_scoring_params(
    rule: ScoringRule, params: Any
) -> tuple[dict[str, Any] | None, str | None]:
    """Check ``params`` for ``rule``; return them normalised (numbers as Decimal text, as the
    default catalogue stores them) or a message saying what is wrong.

    LINEAR_CAP needs ``cap_pct`` (100–200: the most a KPI can score, in % of full marks).
    TIERED needs ``tiers``: [[threshold, score], …] with thresholds strictly descending and
    scores 0–100. DEDUCTION needs ``deduct_per_point`` > 0 and may have ``free_pct`` ≥ 0.
    """
    if isinstance(params, str):
        try:
            params = json.loads(params, parse_float=Decimal) if params.strip() else {}
        except json.JSONDecodeError:
            return None, translate("Performance", "The scoring parameters are not valid JSON.")
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        return None, translate("Performance", "The scoring parameters must be a set of values.")
    unknown = sorted(set(params) - _PARAM_KEYS[rule])
    if unknown:
        return None, translate("Performance", "Unknown parameter(s) for {rule}: {keys}.").format(
            rule=rule.label(), keys=", ".join(unknown)
        )
    if rule is ScoringRule.LINEAR_CAP:
        cap = _number(params.get("cap_pct"))
        if cap is None:
            return None, translate("Performance", "Linear scoring needs a cap (cap_pct).")
        if cap < 100 or cap > 200:
            return None, translate("Performance", "The cap must be between 100 and 200 %.")
        return {"cap_pct": str(cap)}, None
    if rule is ScoringRule.DEDUCTION:
        per_point = _number(params.get("deduct_per_point"))
        if per_point is None:
            return None, translate(
                "Performance",
                "Deduction scoring needs the points deducted per point (deduct_per_point).",
            )
        if per_point <= 0:
            return None, translate("Performance", "The deduction per point must be above zero.")
        result: dict[str, Any] = {"deduct_per_point": str(per_point)}
        if params.get("free_pct") is not None:
            free = _number(params.get("free_pct"))
            if free is None or free < 0:
                return None, translate(
                    "Performance", "The free allowance (free_pct) must be a number ≥ 0."
                )
            result["free_pct"] = str(free)
        return result, None
    tiers = params.get("tiers")
    if not isinstance(tiers, list | tuple) or not tiers:
        return None, translate(
            "Performance", "Tiered scoring needs tiers: [[threshold, score], …], highest first."
        )
    normalised: list[list[str]] = []
    previous: Decimal | None = None
    for n, tier in enumerate(tiers, start=1):
        pair = list(tier) if isinstance(tier, list | tuple) else []
        threshold = _number(pair[0]) if len(pair) == 2 else None
        score = _number(pair[1]) if len(pair) == 2 else None
        if threshold is None or score is None:
            return None, translate(
                "Performance", "Tier {n} must be a pair [threshold, score] of numbers."
            ).format(n=n)
        if score < 0 or score > 100:
            return None, translate("Performance", "Tier {n}: the score must be 0–100.").format(n=n)
        if previous is not None and threshold >= previous:
            return None, translate(
                "Performance", "Tier thresholds must be in descending order (tier {n}: {value})."
            ).format(n=n, value=threshold)
        previous = threshold
        normalised.append([str(threshold), str(score)])
    return {"tiers": normalised}, None


# --- KPI definitions --------------------------------------------------------------------------
_KPI_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _require_manager(actor: Actor, what: str) -> None:
    if not actor.is_manager:
        raise PermissionDenied(what)


def _kpi_manager_only() -> str:
    return translate("Permissions", "Only a manager or an administrator can change KPIs.")


@dataclass(frozen=True)
class KpiDefinitionDTO:
    id: str
    code: str
    name_zh: str
    name_en: str
    dimension_zh: str
    dimension_en: str
    definition_zh: str
    definition_en: str
    unit: str
    direction: KpiDirection
    weight: Decimal
    source: KpiSource
    scoring_rule: ScoringRule
    scoring_params: dict[str, Any]
    active: bool
    sort_order: int

    def name(self, lang: str | None = None) -> str:
        return self.name_zh if (lang or current_language()).startswith("zh") else self.name_en


class KpiDefinitionService(EntityService[KpiDefinition, KpiDefinitionDTO]):
    model = KpiDefinition
    dto = KpiDefinitionDTO
    kind = "kpi_definitions"
    editable = (
        "code",
        "name_zh",
        "name_en",
        "dimension_zh",
        "dimension_en",
        "definition_zh",
        "definition_en",
        "unit",
        "direction",
        "weight",
        "source",
        "scoring_rule",
        "scoring_params",
        "active",
        "sort_order",
    )
    sortable = ("sort_order", "code", "weight", "created_at")
    default_sort = "sort_order"
    filterable = ("active", "source", "scoring_rule")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "direction": KpiDirection.HIGHER_BETTER,
            "source": KpiSource.MANUAL,
            "active": True,
            "sort_order": 0,
            "unit": "",
        }

    def can_modify(self, session: Session, actor: Actor, row: KpiDefinition) -> bool:
        return actor.is_manager

    def _required_missing(self, merged: Mapping[str, Any]) -> dict[str, str]:
        errors = super()._required_missing(merged)
        errors.pop("unit", None)  # counts ("new customers") have no unit: '' is a real value
        return errors

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> KpiDefinitionDTO:
        _require_manager(actor, _kpi_manager_only())
        return super().create(session, actor, values)

    def _coerce(
        self, values: Mapping[str, Any], errors: dict[str, str], *, creating: bool
    ) -> dict[str, Any]:
        clean = super()._coerce(values, errors, creating=creating)
        if isinstance(clean.get("code"), str):
            clean["code"] = clean["code"].upper()
        if "unit" in values and clean.get("unit") is None and "unit" not in errors:
            clean["unit"] = ""
        return clean

    def check(
        self, session: Session, values: dict[str, Any], row: KpiDefinition | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        code = values.get("code")
        if code and not _KPI_CODE.match(code):
            errors["code"] = translate(
                "Performance", "Upper-case letters, digits and _ only, starting with a letter."
            )
        weight = values.get("weight")
        if weight is not None:
            message = check_range(weight, 0, 100)
            if message:
                errors["weight"] = message
        rule = values.get("scoring_rule")
        if rule is not None:
            _, message = validate_scoring_params(rule, values.get("scoring_params"))
            if message:
                errors["scoring_params"] = message
        return errors

    def before_save(self, session: Session, row: KpiDefinition, actor: Actor) -> None:
        normalised, _ = validate_scoring_params(row.scoring_rule, row.scoring_params)
        if normalised is not None and normalised != row.scoring_params:
            row.scoring_params = normalised

    def delete_blockers(self, session: Session, row: KpiDefinition) -> list[str]:
        reasons: list[str] = []
        targets = session.scalar(
            select(func.count()).where(KpiTarget.kpi_id == row.id, KpiTarget.is_deleted.is_(False))
        )
        lines = session.scalar(
            select(func.count()).where(
                AppraisalLine.kpi_id == row.id, AppraisalLine.is_deleted.is_(False)
            )
        )
        if targets:
            reasons.append(
                translate("Performance", "{n} target(s) use this KPI.").format(n=targets)
            )
        if lines:
            reasons.append(
                translate("Performance", "{n} appraisal line(s) use this KPI.").format(n=lines)
            )
        if reasons:
            reasons.append(translate("Performance", "Make it inactive instead."))
        return reasons

    def by_code(self, session: Session, code: str) -> KpiDefinitionDTO | None:
        row = session.scalar(
            self._live().where(KpiDefinition.code == code.strip().upper()).limit(1)
        )
        return self.to_dto(session, row) if row is not None else None

    def active(self, session: Session) -> list[KpiDefinitionDTO]:
        """The active KPIs in sheet order (what an appraisal is made of)."""
        rows = session.scalars(
            self._live()
            .where(KpiDefinition.active.is_(True))
            .order_by(KpiDefinition.sort_order, KpiDefinition.code)
        ).all()
        return [self.to_dto(session, r) for r in rows]

    def weights_total(self, session: Session) -> Decimal:
        """The sum of the active KPIs' weights, in SQL (100 when the set is consistent)."""
        total = session.scalar(
            select(func.sum(KpiDefinition.weight)).where(
                KpiDefinition.is_deleted.is_(False), KpiDefinition.active.is_(True)
            )
        )
        return Decimal(total) if total is not None else Decimal("0.00")

    def set_weights(
        self, session: Session, actor: Actor, weights: Mapping[str, Decimal | str | int]
    ) -> list[KpiDefinitionDTO]:
        """Change several weights at once (code → weight). Refused, with nothing written, unless
        the active KPIs' weights then add up to exactly 100; the message shows the actual sum."""
        _require_manager(actor, _kpi_manager_only())
        rows = {r.code: r for r in session.scalars(self._live()).all()}
        errors: dict[str, str] = {}
        new: dict[str, Decimal] = {}
        for raw_code, raw_weight in weights.items():
            code = raw_code.strip().upper()
            if code not in rows:
                errors[raw_code] = translate("Performance", "No such KPI: {code}").format(
                    code=raw_code
                )
                continue
            errors_one: dict[str, str] = {}
            value = self._coerce({"weight": raw_weight}, errors_one, creating=False).get("weight")
            message = errors_one.get("weight") or (
                required_message() if value is None else check_range(value, 0, 100)
            )
            if message or value is None:
                errors[code] = message or required_message()
                continue
            new[code] = value
        if errors:
            raise ValidationError(errors)
        total = sum(
            (new.get(code, row.weight) for code, row in rows.items() if row.active),
            Decimal("0.00"),
        )
        if total != WEIGHT_TOTAL:
            raise ValidationError(
                {
                    "weight": translate(
                        "Performance",
                        "The weights of the active KPIs add up to {total}; they must add up to "
                        "exactly 100.",
                    ).format(total=_plain(total))
                }
            )
        for code, value in new.items():
            if rows[code].weight != value:
                rows[code].weight = value
        session.flush()
        return self.active(session)


def _plain(value: Decimal) -> str:
    """100.50 → '100.5', 95.00 → '95' (how people write a weight)."""
    return format(value.normalize(), "f")


kpi_definitions = KpiDefinitionService()


# --- KPI targets ------------------------------------------------------------------------------
@dataclass(frozen=True)
class KpiTargetDTO:
    id: str
    kpi_id: str
    user_id: str
    period_type: PeriodType
    period: str
    target_value: Decimal


_TARGET_ROLES = (Role.REP, Role.MANAGER)


def _may_set_targets_for(session: Session, actor: Actor, user_id: str | None) -> bool:
    """Targets are set from above: an admin for anyone, a manager for the team (never oneself)."""
    if actor.is_admin:
        return True
    return (
        actor.role is Role.MANAGER
        and user_id != actor.user_id
        and can_modify_owned(session, actor, user_id)
    )


class KpiTargetService(EntityService[KpiTarget, KpiTargetDTO]):
    model = KpiTarget
    dto = KpiTargetDTO
    kind = "kpi_targets"
    editable = ("kpi_id", "user_id", "period_type", "period", "target_value")
    sortable = ("period", "created_at")
    default_sort = "period"
    filterable = ("kpi_id", "user_id", "period_type", "period")

    def can_modify(self, session: Session, actor: Actor, row: KpiTarget) -> bool:
        return _may_set_targets_for(session, actor, row.user_id)

    def _require_may_set(self, session: Session, actor: Actor, user_id: Any) -> None:
        if not _may_set_targets_for(session, actor, user_id if isinstance(user_id, str) else None):
            raise PermissionDenied(
                translate("Permissions", "Only the person's manager can set their targets.")
            )

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> KpiTargetDTO:
        self._require_may_set(session, actor, values.get("user_id"))
        return super().create(session, actor, values)

    def _coerce(
        self, values: Mapping[str, Any], errors: dict[str, str], *, creating: bool
    ) -> dict[str, Any]:
        clean = super()._coerce(values, errors, creating=creating)
        text = clean.get("period")
        if isinstance(text, str):
            try:
                period = Period.parse(text)
            except ValueError as exc:
                errors["period"] = str(exc)
                clean.pop("period")
            else:
                clean["period"] = period.text
                given = clean.get("period_type")
                if given is None and "period_type" not in errors:
                    clean["period_type"] = period.kind
                elif given is not None and given is not period.kind:
                    errors["period_type"] = translate(
                        "Performance", "{period} is a {actual} period, not {given}."
                    ).format(
                        period=period.text,
                        actual=period.kind.label(),
                        given=given.label(),
                    )
        return clean

    def check(
        self, session: Session, values: dict[str, Any], row: KpiTarget | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        kpi = session.get(KpiDefinition, values.get("kpi_id")) if values.get("kpi_id") else None
        if kpi is None or kpi.is_deleted:
            errors["kpi_id"] = translate("Validation", "No such KPI.")
        user = session.get(User, values.get("user_id")) if values.get("user_id") else None
        if user is None or user.is_deleted or not user.active:
            errors["user_id"] = translate("Validation", "No such active user.")
        elif user.role not in _TARGET_ROLES:
            errors["user_id"] = translate("Performance", "Targets are for sales reps and managers.")
        period, period_type = values.get("period"), values.get("period_type")
        if period and period_type is not None and Period.parse(period).kind is not period_type:
            errors["period_type"] = translate(
                "Performance", "{period} is not a {given} period."
            ).format(period=period, given=period_type.label())
        target = values.get("target_value")
        if target is not None:
            message = check_not_negative(target)
            if message:
                errors["target_value"] = message
        if row is not None and (
            values.get("user_id") != row.user_id or values.get("kpi_id") != row.kpi_id
        ):
            errors["user_id"] = translate(
                "Performance", "A target cannot be moved to another person or KPI."
            )
        if row is not None and values.get("period") not in (None, row.period):
            # Its id is its key (``_target_id``): another laptop that sets the old period's
            # target makes that id again, and would change this row instead.
            errors["period"] = translate(
                "Performance",
                "A target stays in its period: delete it and set one for the other period.",
            )
        if not errors:
            clash = session.scalar(
                select(KpiTarget.id).where(
                    KpiTarget.kpi_id == values["kpi_id"],
                    KpiTarget.user_id == values["user_id"],
                    KpiTarget.period == values["period"],
                    KpiTarget.id != (row.id if row is not None else ""),
                )
            )
            if clash is not None:
                errors["period"] = translate(
                    "Performance", "This person already has a target for this KPI in {period}."
                ).format(period=values["period"])
        return errors

    def before_save(self, session: Session, row: KpiTarget, actor: Actor) -> None:
        # The person a target is for owns it, so sync gives it to their laptop.
        row.owner_id = row.user_id
        state = sa_inspect(row)
        if state.transient or state.pending:  # a new target (create, set_target): its keyed id
            row.id = _target_id(session, row.kpi_id, row.user_id, row.period)

    def set_target(
        self,
        session: Session,
        actor: Actor,
        kpi_id: str,
        user_id: str,
        period: str,
        target_value: Decimal | str | int,
    ) -> KpiTargetDTO:
        """Create or change the target of one KPI for one person and period (upsert).

        A tombstoned target of the same key is revived: the unique key covers deleted rows too.
        """
        self._require_may_set(session, actor, user_id)
        errors: dict[str, str] = {}
        clean = self._coerce(
            {"kpi_id": kpi_id, "user_id": user_id, "period": period, "target_value": target_value},
            errors,
            creating=True,
        )
        errors.update({k: v for k, v in self._required_missing(clean).items() if k not in errors})
        if errors:
            raise ValidationError(errors)
        row = session.scalar(
            select(KpiTarget).where(
                KpiTarget.kpi_id == clean["kpi_id"],
                KpiTarget.user_id == clean["user_id"],
                KpiTarget.period == clean["period"],
            )
        )
        if row is not None and not row.is_deleted:
            return self.update(session, actor, row.id, {"target_value": clean["target_value"]})
        check_errors = self.check(session, dict(clean), row)
        if row is not None:
            check_errors.pop("period", None)  # the clash is the tombstone we are reviving
        if check_errors:
            raise ValidationError(check_errors)
        if row is None:
            row = KpiTarget(**clean)  # its id, keyed: before_save
            session.add(row)
        else:
            row.target_value = clean["target_value"]
            row.period_type = clean["period_type"]
            row.is_deleted = False
            row.updated_at = utcnow()
        self.before_save(session, row, actor)
        session.flush()
        return self.to_dto(session, row)

    def for_user(self, session: Session, user_id: str, period: str) -> list[KpiTargetDTO]:
        """One person's targets for one period (any accepted spelling of the period)."""
        text = Period.parse(period).text
        rows = session.scalars(
            self._live()
            .join(KpiDefinition, KpiDefinition.id == KpiTarget.kpi_id)
            .where(KpiTarget.user_id == user_id, KpiTarget.period == text)
            .order_by(KpiDefinition.sort_order, KpiDefinition.code)
        ).all()
        return [self.to_dto(session, r) for r in rows]


def _target_id(session: Session, kpi_id: str, user_id: str, period: str) -> str:
    """The id of a new target: keyed by (KPI, person, period) — ``ids.keyed_id`` — so two
    managers (or a manager and an admin) who set the same target offline make the same row, and
    the server merges their two values (one wins, the other goes to the conflict inbox) instead
    of refusing the second row. Callers look the key up first (tombstones included) and reuse a
    row they find, so targets made before keyed ids keep their ids. ``check`` refuses to move a
    target to another period (or person, or KPI), so an id never ends on a row of another key;
    should the id be taken all the same (a database edited by hand), a random one is used."""
    wanted = keyed_id("kpi_targets", kpi_id, user_id, period)
    with session.no_autoflush:
        taken = session.get(KpiTarget, wanted) is not None
    return new_id() if taken else wanted


kpi_targets = KpiTargetService()
