"""The demo department: reproducible byte for byte, and consistent with the rules of the domain.

One small database (300 customers) is built once per module and checked from many angles; the
reproducibility test builds a second one (through the real CLI when it has ``demo-data``) and
compares the SQL dumps.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from minesales_desktop import models as m
from minesales_desktop.db.base import Base
from minesales_desktop.db.migrate import open_database
from minesales_desktop.demo_data import (
    DEFAULT_AS_OF,
    DatabaseNotEmpty,
    DemoCancelled,
    DemoOptions,
    run,
    summarize,
)
from minesales_desktop.documents.quote_pdf import IndexSource, quote_document
from minesales_desktop.ids import keyed_id
from minesales_desktop.models.enums import (
    ContractStatus,
    DealType,
    FollowUpStatus,
    InvoiceStatus,
    QuoteStatus,
    ReviewDecision,
    Role,
    Stage,
    TicketStatus,
)
from minesales_desktop.services.auth import verify_password
from minesales_desktop.services.validation import check_phone, check_uscc
from minesales_desktop.textsearch import customer_search_text

N = 300
SEED = 7
OPTIONS = DemoOptions(customers=N, seed=SEED)
NOW = dt.datetime(
    DEFAULT_AS_OF.year, DEFAULT_AS_OF.month, DEFAULT_AS_OF.day, 10, 0, tzinfo=dt.UTC
)  # 18:00 in Beijing on the demo's "today"
SIGNED_OR_LATER = {ContractStatus.SIGNED, ContractStatus.EXECUTING, ContractStatus.COMPLETED}


def _build(path: Path, options: DemoOptions = OPTIONS) -> Path:
    engine = open_database(path)
    try:
        run(engine, options)
    finally:
        engine.dispose()
    return path


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("demo") / "a.db")


@pytest.fixture(scope="module")
def engine(demo_path: Path) -> Iterator[Engine]:
    eng = open_database(demo_path, backup=False)
    yield eng
    eng.dispose()


@pytest.fixture()
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


def _all(session: Session, model: Any) -> list[Any]:
    return list(session.scalars(select(model)))


def _cli_has_demo_data() -> bool:
    cli = Path(__file__).resolve().parents[2] / "minesales_desktop" / "cli.py"
    return cli.exists() and '"demo-data"' in cli.read_text(encoding="utf-8")


# --- reproducibility and integrity ------------------------------------------------------------
def test_same_seed_gives_an_identical_dump(demo_path: Path, tmp_path: Path) -> None:
    second = tmp_path / "b.db"
    if _cli_has_demo_data():
        # the way a user builds it: python -m minesales_desktop demo-data ...
        subprocess.run(
            [
                sys.executable,
                "-m",
                "minesales_desktop",
                "demo-data",
                "--db",
                str(second),
                "--customers",
                str(N),
                "--seed",
                str(SEED),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    else:
        _build(second)
    first_dump, second_dump = _dump(demo_path), _dump(second)
    assert len(first_dump) > 10_000
    assert first_dump == second_dump


def test_another_seed_gives_another_department(tmp_path: Path) -> None:
    a = _dump(_build(tmp_path / "a.db", DemoOptions(customers=40, seed=1)))
    b = _dump(_build(tmp_path / "b.db", DemoOptions(customers=40, seed=2)))
    assert a != b


def test_foreign_keys_and_constraints_hold(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # integrity_check also verifies CHECK and NOT NULL constraints on every row
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "sync_outbox" in tables:  # the demo is baseline data: nothing waits to be pushed
            assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,)
            assert conn.execute("SELECT capture FROM sync_state").fetchone() == (1,)
    finally:
        conn.close()


def test_every_row_has_explicit_ordered_times(session: Session) -> None:
    present = set(inspect(session.connection()).get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in present or "is_deleted" not in table.c:
            continue  # only synced records carry created/updated stamps
        bad = session.scalar(
            select(func.count()).select_from(table).where(table.c.updated_at < table.c.created_at)
        )
        assert bad == 0, table.name
        latest = session.scalar(select(func.max(table.c.updated_at)))
        if latest is not None:
            assert latest <= NOW, table.name


def test_summary_counts_and_logins(session: Session) -> None:
    summary = summarize(session)
    assert summary.counts["customers"] == N
    assert all(
        summary.counts[t] > 0 for t in summary.counts if t not in ("appraisals", "appraisal_lines")
    ), summary.counts
    text = summary.format()
    for login in ("admin", "manager", "zhangwei"):
        assert login in text


# --- people -----------------------------------------------------------------------------------
def test_department_people_and_passwords(session: Session) -> None:
    users = {u.login: u for u in _all(session, m.User)}
    assert users["admin"].role is Role.ADMIN
    assert users["manager"].role is Role.MANAGER
    assert users["zhangwei"].role is Role.REP
    reps = [u for u in users.values() if u.role is Role.REP]
    assert 8 <= len(reps) <= 12
    assert all(u.team_id and u.manager_id for u in reps)
    teams = _all(session, m.Team)
    assert {t.name for t in teams} == {"华北钢厂组", "有色冶炼组", "电力建材组"}
    assert all(t.owner_id for t in teams)
    assert any(u.role is Role.SERVICE for u in users.values())
    assert verify_password(users["zhangwei"].password_hash, OPTIONS.password)
    assert not verify_password(users["zhangwei"].password_hash, "wrong")


# --- customers --------------------------------------------------------------------------------
def test_customers_have_valid_unique_codes_usccs_and_phones(session: Session) -> None:
    customers = _all(session, m.Customer)
    assert len({c.code for c in customers}) == N
    assert len({c.uscc for c in customers}) == N
    for c in customers:
        assert check_uscc(c.uscc) is None, c.uscc
        assert c.name_zh.endswith("公司") and c.short_name and c.name_en
        assert c.province and c.city and c.port
    contacts = _all(session, m.Contact)
    per_customer: dict[str, int] = defaultdict(int)
    for k in contacts:
        per_customer[k.customer_id] += 1
        assert k.mobile and check_phone(k.mobile) is None, k.mobile
        if k.phone:
            assert check_phone(k.phone) is None, k.phone
    assert set(per_customer.values()) <= {1, 2, 3}
    assert len(per_customer) == N
    statuses = {c.status.value for c in customers}
    assert {"PROSPECT", "ACTIVE", "DORMANT"} <= statuses


def test_search_keys_match_the_textsearch_function(session: Session) -> None:
    phones: dict[str, list[str]] = defaultdict(list)
    for k in session.scalars(select(m.Contact).order_by(m.Contact.id)):
        phones[k.customer_id] += [p for p in (k.phone, k.mobile) if p]
    for c in _all(session, m.Customer):
        expected = customer_search_text(
            code=c.code,
            name_zh=c.name_zh,
            name_en=c.name_en,
            short_name=c.short_name,
            uscc=c.uscc,
            phones=phones[c.id],
        )
        assert (c.name_pinyin, c.name_initials, c.search_text) == expected


def test_follow_up_plans_due_today_overdue_and_done(session: Session) -> None:
    plans = _all(session, m.FollowUpPlan)
    today = DEFAULT_AS_OF
    open_plans = [p for p in plans if p.status is FollowUpStatus.OPEN]
    assert any(p.due_date == today for p in open_plans)
    assert any(p.due_date < today for p in open_plans)
    done = [p for p in plans if p.status is FollowUpStatus.DONE]
    assert len(done) > len(plans) / 2
    assert all(p.done_activity_id and p.done_at for p in done)


# --- pipeline ---------------------------------------------------------------------------------
def test_opportunities_at_every_stage_with_consistent_history(session: Session) -> None:
    opps = _all(session, m.Opportunity)
    assert {o.stage for o in opps} == set(Stage)
    changes: dict[str, list[m.StageChange]] = defaultdict(list)
    for ch in session.scalars(select(m.StageChange).order_by(m.StageChange.changed_at)):
        changes[ch.opportunity_id].append(ch)
    quotes: dict[str, list[m.Quote]] = defaultdict(list)
    for q in session.scalars(select(m.Quote).order_by(m.Quote.version)):
        quotes[q.opportunity_id].append(q)
    quoted_stages = {Stage.QUOTED, Stage.NEGOTIATION, Stage.AWARDED, Stage.WON}
    for o in opps:
        history = changes[o.id]
        assert history[0].from_stage is None and history[0].to_stage is Stage.LEAD
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_stage is before.to_stage
        assert history[-1].to_stage is o.stage
        assert o.stage_entered_at == history[-1].changed_at
        if o.stage is Stage.LOST:
            assert o.lost_reason is not None and o.closed_at is not None
        if o.stage is Stage.WON:
            assert o.closed_at is not None
        if o.deal_type is DealType.TENDER:
            assert o.bid_deadline is not None
        reached = {ch.to_stage for ch in history}
        if reached & quoted_stages:  # the gate: no QUOTED without a quote
            assert quotes[o.id], o.code
        versions = quotes[o.id]
        assert [q.version for q in versions] == list(range(1, len(versions) + 1))
        assert all(q.status is QuoteStatus.SUPERSEDED for q in versions[:-1])
    assert any(o.deal_type is DealType.TENDER for o in opps)


def test_quote_terms_are_valid_pricing_terms(session: Session) -> None:
    from minesales_desktop.pricing.terms import load_terms

    for q in session.scalars(select(m.Quote).limit(200)):
        terms = load_terms(json.loads(json.dumps(q.price_terms, default=str)))
        # the row's VAT is the terms' (terms without VAT would get the engine's 13 % on top)
        assert (terms.vat.rate, terms.vat.included) == (q.vat_rate, q.vat_included), q.quote_no
        # Priced as the app prices a quote: the printed quote, priced again from the stored
        # terms (with the index of the day they record), shows the same unit price and total.
        doc = quote_document(session, q.id)
        assert doc.index_source in (IndexSource.QUOTE, IndexSource.NONE), q.quote_no
        assert doc.unit_result is not None and doc.lot_result is not None, doc.problem
        assert doc.lot_result.unit_price == q.unit_price, q.quote_no
        assert doc.lot_result.total == q.total_amount, q.quote_no


# --- contracts --------------------------------------------------------------------------------
def test_contracts_statuses_history_reviews_and_won_gate(session: Session) -> None:
    contracts = _all(session, m.Contract)
    assert {c.status for c in contracts} == set(ContractStatus)
    history: dict[str, list[m.ContractStatusChange]] = defaultdict(list)
    for ch in session.scalars(
        select(m.ContractStatusChange).order_by(m.ContractStatusChange.changed_at)
    ):
        history[ch.contract_id].append(ch)
    reviews: dict[str, list[m.ContractReview]] = defaultdict(list)
    for r in session.scalars(select(m.ContractReview).order_by(m.ContractReview.step_no)):
        reviews[r.contract_id].append(r)
    for c in contracts:
        chain = history[c.id]
        assert chain[0].from_status is None and chain[0].to_status is ContractStatus.DRAFT
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.from_status is before.to_status
        assert chain[-1].to_status is c.status
        reached = {ch.to_status for ch in chain}
        decisions = [r.decision for r in reviews[c.id]]
        if ContractStatus.APPROVED in reached:
            assert c.approved_by_id and c.approved_at
            assert decisions and all(d is ReviewDecision.APPROVED for d in decisions)
        if c.status is ContractStatus.IN_REVIEW:
            assert ReviewDecision.PENDING in decisions
        if ContractStatus.SIGNED in reached:
            assert c.signed_on is not None
    won = session.scalars(select(m.Opportunity).where(m.Opportunity.stage == Stage.WON))
    by_opp = {c.opportunity_id: c for c in contracts}
    for o in won:  # the gate: no WON without a signed contract
        contract = by_opp[o.id]
        assert contract.signed_on is not None
        assert o.closed_at is not None and contract.signed_on <= o.closed_at.date() + dt.timedelta(
            days=1
        )
    assert any(ReviewDecision.REJECTED in [r.decision for r in rs] for rs in reviews.values())


def test_shipments_stay_within_quantity_and_tolerance(session: Session) -> None:
    shipped: dict[str, Decimal] = defaultdict(Decimal)
    for s in _all(session, m.Shipment):
        shipped[s.contract_id] += s.quantity_wmt
    for c in _all(session, m.Contract):
        cap = c.quantity * (1 + c.tolerance_pct / 100)
        assert shipped[c.id] <= cap, c.contract_no
        if c.status is ContractStatus.COMPLETED:
            assert shipped[c.id] >= c.quantity * (1 - c.tolerance_pct / 100)
        if c.status in (ContractStatus.DRAFT, ContractStatus.IN_REVIEW, ContractStatus.APPROVED):
            assert shipped[c.id] == 0


def test_weight_certificates_dry_is_wet_less_moisture(session: Session) -> None:
    certs = _all(session, m.WeightCertificate)
    assert certs
    for w in certs:
        expected = (w.wet_tonnes * (1 - w.moisture_pct / 100)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP
        )
        assert w.dry_tonnes == expected


def test_assays_have_results_for_the_product_specs(session: Session) -> None:
    specs: dict[str, set[str]] = defaultdict(set)
    for s in _all(session, m.QualitySpec):
        specs[s.product_id].add(s.analyte)
    product_of_shipment = dict(
        session.execute(
            select(m.Shipment.id, m.Contract.product_id).join(
                m.Contract, m.Contract.id == m.Shipment.contract_id
            )
        ).all()
    )
    results: dict[str, set[str]] = defaultdict(set)
    for r in _all(session, m.AssayResult):
        results[r.assay_id].add(r.analyte)
    for a in _all(session, m.Assay):
        assert results[a.id] == specs[product_of_shipment[a.shipment_id]]


def test_invoice_status_matches_payments(session: Session) -> None:
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for p in _all(session, m.Payment):
        assert p.invoice_id is not None
        paid[p.invoice_id] += p.amount
    invoices = _all(session, m.Invoice)
    kinds = {i.kind.value for i in invoices}
    assert {"PROVISIONAL", "FINAL"} <= kinds
    overdue = 0
    for inv in invoices:
        assert inv.amount_total == inv.amount_net + inv.vat_amount
        assert inv.due_on >= inv.issued_on
        got = paid[inv.id]
        if inv.status is InvoiceStatus.PAID:
            assert got == inv.amount_total
        elif inv.status is InvoiceStatus.PARTLY_PAID:
            assert 0 < got < inv.amount_total
        else:
            assert got == 0
            if inv.status is InvoiceStatus.ISSUED and inv.due_on < DEFAULT_AS_OF:
                overdue += 1
    assert overdue > 0
    assert any(i.status is InvoiceStatus.PARTLY_PAID for i in invoices)


def test_credit_profiles_for_every_active_customer(session: Session) -> None:
    active = set(session.scalars(select(m.Customer.id).where(m.Customer.status == "ACTIVE")))
    profiles = {p.customer_id for p in _all(session, m.CreditProfile)}
    assert active == profiles
    assert _all(session, m.RiskRecord)


# --- service, team, KPI -----------------------------------------------------------------------
def test_tickets_in_every_status_with_history_and_return_visits(session: Session) -> None:
    tickets = _all(session, m.ServiceTicket)
    assert {t.status for t in tickets} == set(TicketStatus)
    history: dict[str, list[m.TicketStatusChange]] = defaultdict(list)
    for ch in session.scalars(
        select(m.TicketStatusChange).order_by(m.TicketStatusChange.changed_at)
    ):
        history[ch.ticket_id].append(ch)
    visits = {v.ticket_id: v for v in _all(session, m.ReturnVisit) if v.ticket_id}
    order = list(TicketStatus)
    for t in tickets:
        chain = [ch.to_status for ch in history[t.id]]
        assert chain == order[: order.index(t.status) + 1]
        if t.status is TicketStatus.CLOSED:
            assert 1 <= visits[t.id].satisfaction <= 5
            assert t.closed_at and t.resolved_at
    assert any(v.ticket_id is None for v in _all(session, m.ReturnVisit))


def test_team_life_and_kpi_targets(session: Session) -> None:
    assert _all(session, m.Training) and _all(session, m.MeetingActionItem)
    scores = [a.exam_score for a in _all(session, m.TrainingAttendance) if a.exam_score]
    assert scores and all(Decimal(0) <= s <= Decimal(100) for s in scores)
    kpis = _all(session, m.KpiDefinition)
    reps = session.scalars(select(m.User.id).where(m.User.role == Role.REP)).all()
    targets = _all(session, m.KpiTarget)
    periods = {(t.user_id, t.kpi_id, t.period) for t in targets}
    for rep in reps:
        for kpi in kpis:
            for period in (
                f"{DEFAULT_AS_OF:%Y-%m}",
                f"{DEFAULT_AS_OF.year}Q4",
                str(DEFAULT_AS_OF.year),
            ):
                assert (rep, kpi.id, period) in periods


def test_index_quotes_cover_two_years_with_two_decimals(session: Session) -> None:
    for index in _all(session, m.PriceIndex):
        quotes = session.scalars(
            select(m.IndexQuote).where(m.IndexQuote.index_id == index.id)
        ).all()
        days = [q.quote_date for q in quotes]
        assert min(days) <= DEFAULT_AS_OF - dt.timedelta(days=730)
        assert max(days) <= DEFAULT_AS_OF
        assert all(q.price == q.price.quantize(Decimal("0.01")) and q.price > 0 for q in quotes)


def test_rows_the_app_keys_carry_the_ids_of_their_keys(session: Session) -> None:
    """Rows the app makes under the id of their natural key (``ids.keyed_id``) have it in the
    demo too: a laptop that makes such a row again for the same key makes this one."""
    quotes = _all(session, m.IndexQuote)
    attended = _all(session, m.TrainingAttendance)
    profiles = _all(session, m.CreditProfile)
    targets = _all(session, m.KpiTarget)
    assert quotes and attended and profiles and targets
    for q in quotes:
        assert q.id == keyed_id("index_quotes", q.index_id, q.quote_date.isoformat())
    for a in attended:
        assert a.id == keyed_id("training_attendance", a.training_id, a.user_id)
    for p in profiles:
        assert p.id == keyed_id("credit_profiles", p.customer_id)
    for t in targets:
        assert t.id == keyed_id("kpi_targets", t.kpi_id, t.user_id, t.period)


# --- the run() contract -----------------------------------------------------------------------
def test_progress_is_reported_and_cancel_rolls_back(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "c.db")
    calls: list[tuple[int, int, str]] = []
    try:
        with pytest.raises(DemoCancelled):
            run(
                engine,
                DemoOptions(customers=30),
                progress=lambda d, t, w: calls.append((d, t, w)),
                cancelled=lambda: len(calls) >= 3,
            )
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(m.User)) == 0
            assert s.scalar(select(func.count()).select_from(m.Customer)) == 0
        calls.clear()
        run(engine, DemoOptions(customers=30), progress=lambda d, t, w: calls.append((d, t, w)))
        done = [c[0] for c in calls]
        assert done == sorted(done) and calls[-1][0] == calls[-1][1]
        with pytest.raises(DatabaseNotEmpty):
            run(engine, DemoOptions(customers=30))
    finally:
        engine.dispose()
