"""Long PDF work as ``run_*(args, progress, session=…)`` functions (CONVENTIONS 4).

Why functions and not widgets: the same batch runs from the performance tab (on the database
worker, with a progress dialog), from the CLI (progress on stderr) and from the bench. They never
touch Qt: ``progress`` is anything with ``report(done, total, text)`` and ``cancelled``
(``tasks.Progress`` is one; its ``report`` raises ``tasks.Cancelled`` after a cancel). Every PDF is
written to a temporary file and moved into place, and a cancelled or failed batch removes the PDFs
it already wrote, so a batch either delivers everything asked for or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.documents.appraisal_sheet import language_key, write_appraisal_pdf
from minesales_desktop.documents.sales_report import write_sales_report_pdf
from minesales_desktop.messages import translate
from minesales_desktop.models.enums import Role
from minesales_desktop.models.people import Team, User
from minesales_desktop.services.appraisals import AppraisalDTO, appraisal_sheet
from minesales_desktop.services.errors import NotFoundError, ValidationError
from minesales_desktop.services.performance import Period
from minesales_desktop.services.report_data import sales_report_data

__all__ = [
    "AppraisalBatchArgs",
    "BatchCancelled",
    "BatchResult",
    "ProgressSink",
    "ReportArgs",
    "appraisees",
    "run_appraisal_batch",
    "run_sales_report",
]

APPRAISED_ROLES = (Role.REP, Role.MANAGER)


class ProgressSink(Protocol):
    """What a batch needs of a progress reporter (``tasks.Progress`` fits)."""

    def report(self, done: int, total: int, text: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


class BatchCancelled(Exception):
    """The user cancelled; whatever the batch had written is removed."""


class _Silent:
    cancelled = False

    def report(self, done: int, total: int, text: str = "") -> None:
        return None


@dataclass(frozen=True)
class AppraisalBatchArgs:
    """Which sheets to print and where.

    Exactly one of ``user_ids``, ``team_name`` or ``everyone``. ``out`` ending in ``.pdf`` gets
    one combined PDF; otherwise it is a folder that gets one PDF per person."""

    period: str
    out: Path
    lang: str = "zh_CN"
    user_ids: tuple[str, ...] = ()
    team_name: str | None = None
    everyone: bool = False
    company: str = ""
    printed_on: dt.date | None = None

    @property
    def combined(self) -> bool:
        return self.out.suffix.lower() == ".pdf"


@dataclass(frozen=True)
class ReportArgs:
    period: str
    out: Path
    lang: str = "zh_CN"
    team_name: str | None = None
    company: str = ""


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]
    sheets: int = 0


def _safe(text: str) -> str:
    """A file-name-safe version of a person's name or login (Chinese characters are kept)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "sheet"


def _team_by_name(session: Session, name: str) -> Team:
    team = session.scalar(select(Team).where(Team.name == name, Team.is_deleted.is_(False)))
    if team is None:
        raise NotFoundError(
            translate("Documents", "There is no team named “{name}”.").format(name=name)
        )
    return team


def appraisees(
    session: Session,
    *,
    user_ids: Sequence[str] = (),
    team_name: str | None = None,
    everyone: bool = False,
) -> list[str]:
    """The ids of the active reps and managers to print, in a stable order (team, then name)."""
    stmt = select(User.id).where(
        User.is_deleted.is_(False), User.active.is_(True), User.role.in_(APPRAISED_ROLES)
    )
    if user_ids:
        stmt = stmt.where(User.id.in_(list(user_ids)))
    elif team_name is not None:
        stmt = stmt.where(User.team_id == _team_by_name(session, team_name).id)
    elif not everyone:
        raise ValidationError(
            {"who": translate("Documents", "Choose one person, one team or everyone.")}
        )
    stmt = stmt.order_by(User.team_id, User.full_name, User.login)
    found = list(session.scalars(stmt))
    if user_ids:
        order = {uid: i for i, uid in enumerate(user_ids)}
        found.sort(key=lambda uid: order.get(uid, len(order)))
    return found


def _check_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None


def run_appraisal_batch(
    args: AppraisalBatchArgs,
    progress: ProgressSink | None = None,
    *,
    session: Session,
) -> BatchResult:
    """Print the chosen people's appraisal sheets for one period: one combined PDF or one PDF
    per person. Reads only; raises ``BatchCancelled`` (or the progress' own cancel exception)
    after removing what it wrote."""
    sink: ProgressSink = progress or _Silent()
    period = _check_period(args.period)
    ids = appraisees(
        session, user_ids=args.user_ids, team_name=args.team_name, everyone=args.everyone
    )
    if not ids:
        raise ValidationError(
            {"who": translate("Documents", "Nobody to appraise: the choice has no active reps.")}
        )
    total = len(ids) + 1
    written: list[Path] = []
    sheets: list[AppraisalDTO] = []
    try:
        for i, uid in enumerate(ids):
            if sink.cancelled:
                raise BatchCancelled()
            sheet = appraisal_sheet(session, uid, period, company=args.company)
            sink.report(i, total, sheet.appraisee.name(args.lang))
            if args.combined:
                sheets.append(sheet)
                continue
            who = sheet.appraisee
            target = args.out / (
                f"{period.text}_{_safe(who.employee_no or who.login)}_{_safe(who.full_name)}"
                f"_{language_key(args.lang)}.pdf"
            )
            written.append(
                write_appraisal_pdf(
                    [sheet],
                    target,
                    lang=args.lang,
                    company=args.company,
                    printed_on=args.printed_on,
                )
            )
        if args.combined:
            if sink.cancelled:
                raise BatchCancelled()
            sink.report(len(ids), total, args.out.name)
            written.append(
                write_appraisal_pdf(
                    sheets, args.out, lang=args.lang, company=args.company,
                    printed_on=args.printed_on,
                )
            )  # fmt: skip
        sink.report(total, total, "")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return BatchResult(files=tuple(written), sheets=len(ids))


def run_sales_report(
    args: ReportArgs,
    progress: ProgressSink | None = None,
    *,
    session: Session,
) -> BatchResult:
    """The sales report of one period (the department, or one team) as one PDF."""
    sink: ProgressSink = progress or _Silent()
    period = _check_period(args.period)
    team_id = _team_by_name(session, args.team_name).id if args.team_name else None
    sink.report(0, 3, translate("Documents", "Adding up the period’s records…"))
    data = sales_report_data(session, period, team_id=team_id)
    if sink.cancelled:
        raise BatchCancelled()
    sink.report(1, 3, translate("Documents", "Drawing charts and tables…"))
    path = write_sales_report_pdf(data, args.out, lang=args.lang, company=args.company)
    if sink.cancelled:
        path.unlink(missing_ok=True)
        raise BatchCancelled()
    sink.report(3, 3, "")
    return BatchResult(files=(path,))
