"""What the conflict inbox and the rejected-changes list say about a record, in human terms.

``services.sync_service`` words every entry: a label for every field of every synced table (in
Chinese too), amounts and tonnes as the app's screens show them, records named without
ambiguous id fragments (a refused new record by its own values), the database's refusals as a
sentence naming the field, and times in local time. Real SQLite files made as the app makes
them: a small demo department (read only), or a fresh database per test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from minesales_desktop.db.migrate import open_database
from minesales_desktop.db.types import Money, Percent, Quantity, Rate, ScaledDecimal
from minesales_desktop.demo_data import DemoOptions, run
from minesales_desktop.i18n import TRANSLATIONS_DIR
from minesales_desktop.ids import new_id
from minesales_desktop.models.contracts import Contract, Shipment, WeightCertificate
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.risk import CreditProfile
from minesales_desktop.models.sales import Opportunity, StageChange
from minesales_desktop.services import sync_service
from minesales_desktop.services.customers import contacts, customers
from minesales_desktop.services.sync_service import (
    database_refusal,
    describe_record,
    display_value,
    field_label,
    number_kind,
    table_label,
)
from minesales_desktop.sync.client import _refuse_queued_rows
from minesales_desktop.sync.hlc import pack
from minesales_desktop.sync.reasons import database_words, duplicate_value_reason
from minesales_desktop.sync.tables import INSERT_FIELD, LOCAL_FIELDS, synced_tables

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A small demo department (20 customers with contracts, lots, weights, credit)."""
    engine = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    run(engine, DemoOptions(customers=20, seed=3))
    yield engine
    engine.dispose()


@pytest.fixture
def scratch(demo: Engine) -> Iterator[Connection]:
    """A connection to the demo database whose writes are all rolled back."""
    with demo.connect() as conn:
        outer = conn.begin()
        yield conn
        outer.rollback()


def _refused_words(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> str:
    """What SQLite says when it refuses ``sql`` (in a savepoint, undone)."""
    savepoint = conn.begin_nested()
    try:
        conn.exec_driver_sql(sql, params)
    except IntegrityError as exc:
        return database_words(exc)
    finally:
        if savepoint.is_active:
            savepoint.rollback()
    raise AssertionError(f"SQLite accepted {sql}")


# --- 1. labels --------------------------------------------------------------------------------
def test_every_column_of_every_synced_table_has_a_label_in_chinese(chinese: None) -> None:
    missing: list[str] = []
    untranslated: list[str] = []
    for tbl, sa_table in synced_tables().items():
        if not CJK.search(table_label(tbl)):
            untranslated.append(f"table {tbl}: {table_label(tbl)!r}")
        for col in sa_table.columns.keys():
            if col in sync_service.unlabelled_columns(tbl):
                continue
            source = sync_service.field_label_source(tbl, col)
            if source is None:
                missing.append(f"{tbl}.{col}")
                continue
            shown = field_label(tbl, col)
            if shown == source or not CJK.search(shown):
                untranslated.append(f"{tbl}.{col}: {shown!r}")
    assert missing == []
    assert untranslated == []
    # only the row id and the laptop-only search keys go without a label
    unlabelled = {c for t in synced_tables() for c in sync_service.unlabelled_columns(t)}
    assert unlabelled == {"id"} | set().union(*LOCAL_FIELDS.values())
    # the fields the review found in English in the Chinese inbox
    assert [
        field_label("quotes", "unit_price"),
        field_label("contracts", "total_value"),
        field_label("contracts", "signed_on"),
        field_label("opportunities", "estimated_value"),
        field_label("opportunities", "lost_reason"),
        field_label("activities", "occurred_at"),
        field_label("credit_profiles", "credit_days"),
        field_label("credit_profiles", "rating"),
        field_label("contracts", "incoterm"),
        field_label("quotes", "vat_rate"),
        field_label("shipments", "bl_date"),
        field_label("weight_certificates", "wet_tonnes"),
        field_label("contacts", "is_primary"),
        field_label("service_tickets", "ticket_no"),
        field_label("invoices", "invoice_no"),
        field_label("activities", "created_at"),
    ] == [
        "单价", "合同金额", "签订日期", "预计金额", "丢单原因", "时间", "信用期（天）",
        "信用评级", "贸易术语", "增值税 %", "提单日期", "湿吨 (wmt)", "主要联系人", "工单号",
        "发票号", "创建时间",
    ]  # fmt: skip
    # one column name, two meanings: each table's own word
    assert field_label("contacts", "title") == "职务"
    assert field_label("meetings", "title") == "标题"


def test_field_labels_are_the_words_of_the_apps_own_forms() -> None:
    """A label whose English is also a form's (``Unit price`` in the contract form) has the
    Chinese that form has, so a field reads the same in the inbox as where it was typed."""
    elsewhere: dict[str, set[str]] = defaultdict(set)
    ours: dict[str, str] = {}
    for context in ET.parse(TRANSLATIONS_DIR / "minesales_zh_CN.ts").getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, chinese = message.findtext("source") or "", message.findtext("translation")
            if name == "SyncLabels":
                ours[source] = chinese or ""
            elif chinese:
                elsewhere[source].add(chinese)
    labels = set(sync_service.FIELD_LABELS.values()) | set(sync_service.TABLE_FIELD_LABELS.values())
    shared = sorted(s for s in labels if s in elsewhere)
    assert len(shared) > 60  # most labels are words some form already uses
    # "Name" of a team or product is 名称 (a contact's is "Full name", 姓名, as in its form)
    differ = [s for s in shared if ours[s] not in elsewhere[s] and s != "Name"]
    assert differ == []
    assert field_label("contacts", "name") == "Full name"


# --- 2. amounts and quantities ----------------------------------------------------------------
def test_money_quantities_and_percentages_read_as_on_screen(demo: Engine) -> None:
    with Session(demo) as session:
        contract = session.scalars(select(Contract).order_by(Contract.total_value.desc())).first()
        certificate = session.scalars(select(WeightCertificate)).first()
        assert contract is not None and certificate is not None
        total, price, tonnes, vat = (
            contract.total_value,
            contract.unit_price,
            contract.quantity,
            contract.vat_rate,
        )
        wet, moisture = certificate.wet_tonnes, certificate.moisture_pct
    with demo.connect() as conn:
        raw = conn.execute(
            text("SELECT total_value, unit_price, quantity, vat_rate FROM contracts WHERE id = :i"),
            {"i": contract.id},
        ).one()
        raw_wet, raw_moisture = conn.execute(
            text("SELECT wet_tonnes, moisture_pct FROM weight_certificates WHERE id = :i"),
            {"i": certificate.id},
        ).one()
        assert total > 1_000_000
        shown_total = display_value(conn, "contracts", "total_value", raw[0])
        assert shown_total == f"{total:,.2f}" and shown_total.count(",") >= 2
        assert display_value(conn, "contracts", "unit_price", raw[1]) == f"{price:,.2f}"
        assert display_value(conn, "contracts", "quantity", raw[2]) == (
            f"{tonnes:,.3f}".rstrip("0").rstrip(".")
        )
        assert display_value(conn, "contracts", "vat_rate", raw[3]) == f"{vat.normalize():f}%"
        assert display_value(conn, "weight_certificates", "wet_tonnes", raw_wet) == (
            f"{wet:,.3f}".rstrip("0").rstrip(".")
        )
        assert display_value(conn, "weight_certificates", "moisture_pct", raw_moisture) == (
            f"{moisture.normalize():f}%"
        )
        # the review's figure: 7 000 000 stored as 7000000.0000
        assert display_value(conn, "contracts", "total_value", 70_000_000_000) == "7,000,000.00"
        assert display_value(conn, "shipments", "quantity_wmt", 55_000_500) == "55,000.5"
        assert display_value(conn, "opportunities", "probability", 600_000) == "60%"
        # a KPI target is a count or an amount as the KPI says: a plain number, not money
        assert display_value(conn, "kpi_targets", "target_value", 120_000) == "12"


def test_every_decimal_the_column_keeps_is_shown(demo: Engine) -> None:
    """Money keeps 4 places (USD/dmtu unit prices), FX rates 6, coordinates 7: a value shows all
    of its significant decimals, so two different values never read the same; one with no
    more than 2 keeps the app's money format."""
    with demo.connect() as conn:

        def shown(tbl: str, fld: str, value: int) -> str:
            return display_value(conn, tbl, fld, value)

        assert shown("quotes", "unit_price", 981_250) == "98.125"  # stored 98.1250
        assert shown("quotes", "unit_price", 981_200) == "98.12"
        assert shown("contracts", "unit_price", 980_000) == "98.00"
        assert shown("contracts", "total_value", 12_345_678_901_234) == "1,234,567,890.1234"
        assert shown("invoices", "amount_total", 10_000_000_5) == "10,000.0005"
        assert shown("quotes", "fx_rate", 7_123_456) == "7.123456"
        assert shown("quotes", "fx_rate", 7_123_500) == "7.1235"
        assert shown("contracts", "fx_rate", 7_000_010) == "7.00001"
        assert shown("activities", "latitude", 406_571_234) == "40.6571234"
        assert shown("weight_certificates", "dry_tonnes", 1_234_567_891) == "1,234,567.891"
        assert shown("opportunities", "probability", 125_000) == "12.50%"
        assert shown("contracts", "tolerance_pct", 12_345) == "1.2345%"
        # a grade is a number in its own unit (%, g/t): not money, not "%"
        assert shown("assay_results", "value", 624_567) == "62.4567"
        assert shown("quality_specs", "min_value", 5) == "0.0005"


def test_a_conflict_over_the_third_decimal_of_a_price_shows_both_values(
    engine: Engine, db_path: Path
) -> None:
    _file_conflict(engine, "quotes", "unit_price", "value", "981250", "981200")
    [entry] = sync_service.list_conflicts(db_path)
    assert (entry.mine, entry.theirs) == ("98.125", "98.12")


def test_how_a_number_is_shown_follows_the_columns_scale_not_its_type_object() -> None:
    # a column declared with a type of its own (not the shared ``Money`` object) is still money
    assert number_kind("quotes", "unit_price", ScaledDecimal(4)) == "money"
    assert number_kind("quotes", "unit_price", Money.copy()) == "money"
    assert number_kind("quotes", "quantity", ScaledDecimal(3)) == "quantity"
    assert number_kind("quotes", "fx_rate", ScaledDecimal(6)) == "number"
    assert number_kind("quotes", "vat_rate", ScaledDecimal(4)) == "percent"
    assert number_kind("kpi_targets", "target_value", Money) == "number"


def test_every_percent_like_column_of_the_synced_tables_is_classified() -> None:
    """``Percent`` has money's scale: a percentage or a grade column that the service does not
    know would read as money ("62.50"). This fails on a new one until it is listed."""
    unknown: list[str] = []
    wrong: list[str] = []
    for tbl, sa_table in synced_tables().items():
        for col in sa_table.columns:
            if not isinstance(col.type, ScaledDecimal):
                continue
            kind = number_kind(tbl, col.name, col.type)
            name = col.name
            percent_like = (
                name.endswith(("_pct", "_percent", "_ratio", "_share"))
                or name in ("probability", "discount")
                or (name.endswith("_rate") and col.type is not Rate)
            )
            if col.type is Percent:
                grade = (tbl, name) in sync_service._GRADE_COLUMNS
                if kind != "percent" and not grade:
                    unknown.append(f"{tbl}.{name}")
                if grade and kind != "number":
                    wrong.append(f"{tbl}.{name}: {kind}")
            if percent_like and kind != "percent":
                unknown.append(f"{tbl}.{name}")
            if col.type is Money and kind != "money":
                assert (tbl, name) in sync_service._KPI_FIGURES, f"{tbl}.{name}: {kind}"
            if col.type is Quantity and kind != "quantity":
                wrong.append(f"{tbl}.{name}: {kind}")
    assert unknown == [], "add to _PERCENT_COLUMNS or _GRADE_COLUMNS in services/sync_service.py"
    assert wrong == []
    # every listed column is one of a synced table (a rename would leave a stale entry)
    columns = {(t, c) for t, sa in synced_tables().items() for c in sa.columns.keys()}
    assert sync_service._GRADE_COLUMNS <= columns
    assert sync_service._PERCENT_COLUMNS <= {c for _, c in columns}


# --- 3. which record ----------------------------------------------------------------------------
def test_records_are_named_by_their_customer_not_by_an_id_fragment(
    chinese: None, demo: Engine
) -> None:
    with Session(demo) as session:
        profile = session.scalars(select(CreditProfile)).first()
        lot = session.scalars(select(Shipment)).first()
        assert profile is not None and lot is not None
        customer = session.get(Customer, profile.customer_id)
        lot_customer = session.get(Customer, session.get(Contract, lot.contract_id).customer_id)
        assert customer is not None and lot_customer is not None
        names = (customer.name_zh, lot_customer.name_zh, lot.lot_no)
    with demo.connect() as conn:
        assert (
            describe_record(conn, "credit_profiles", profile.id)
            == f"{names[0]} · 信用档案 {profile.id[-6:]}"
        )
        assert describe_record(conn, "shipments", lot.id) == f"{names[1]} · 发运 {names[2]}"
        # nothing names it: the end of the id, which differs between records made together
        first, second = new_id(), new_id()
        assert first[:8] == second[:8]  # a UUIDv7 starts with its time
        one = describe_record(conn, "index_quotes", first)
        other = describe_record(conn, "index_quotes", second)
        assert one == f"指数价 {first[-6:]}" and one != other


def test_two_unnamed_records_of_one_customer_read_apart(chinese: None, demo: Engine) -> None:
    """Two stage changes of one opportunity have the customer as parent and no name of their
    own: the end of each id tells them apart."""
    with Session(demo) as session:
        changes = session.scalars(
            select(StageChange).order_by(StageChange.opportunity_id, StageChange.id)
        ).all()
        by_opportunity: dict[str, list[str]] = defaultdict(list)
        for change in changes:
            by_opportunity[change.opportunity_id].append(change.id)
        opportunity, (first, second, *_) = next(
            (o, ids) for o, ids in by_opportunity.items() if len(ids) >= 2
        )
        customer = session.get(Customer, session.get(Opportunity, opportunity).customer_id)
        assert customer is not None
    with demo.connect() as conn:
        one = describe_record(conn, "stage_changes", first)
        other = describe_record(conn, "stage_changes", second)
    label = table_label("stage_changes")
    assert one == f"{customer.name_zh} · {label} {first[-6:]}"
    assert other == f"{customer.name_zh} · {label} {second[-6:]}"
    assert one != other and CJK.search(label)


def _new_customer(session: Session, actor: Any, code: str, name: str) -> str:
    dto = customers.create(
        session, actor, {"code": code, "name_zh": name, "customer_type": "STEEL_MILL"}
    )
    session.commit()
    return dto.id


def test_a_refused_new_record_is_named_and_listed_from_its_own_values(
    chinese: None, engine: Engine, db_path: Path, session: Session, dept: Any
) -> None:
    """The server refused a new customer (its code is taken there) and a new contact of a
    customer this laptop has: both rows are gone from here; the list names them from the
    values that were sent, lists those values, and says why in terms of the field."""
    kept = _new_customer(session, dept.rep, "BT-001", "包头钢铁")
    refused = _new_customer(session, dept.rep, "C-AS-002", "鞍山钢铁集团")
    contact = contacts.create(
        session, dept.rep, {"customer_id": kept, "name": "张伟", "mobile": "139-1234-5678"}
    )
    session.commit()
    with engine.begin() as conn:
        # what a database that has another C-AS-002 says (the server's; here this one's)
        clash = _refused_words(conn, "UPDATE customers SET code = 'C-AS-002' WHERE id = ?", (kept,))
        assert clash == "UNIQUE constraint failed: customers.code"
        # refused as the client refuses new rows (rejected list; the row and its subtree go)
        _refuse_queued_rows(conn, "customers", [refused], duplicate_value_reason(clash))
        _refuse_queued_rows(
            conn, "contacts", [contact.id], "outside your rights: you may not see this record"
        )
        left = conn.exec_driver_sql("SELECT count(*) FROM customers WHERE id = ?", (refused,))
        assert left.scalar() == 0

    shown = {(r.table, r.field): r for r in sync_service.list_rejected(db_path)}
    customer = shown[("customers", "（新记录）")]
    assert customer.record == "客户 鞍山钢铁集团 (C-AS-002)"
    assert customer.reason == "编码 已被另一条记录使用"
    assert customer.value == "（整条记录）"
    fields = dict(customer.fields)
    assert fields["编码"] == "C-AS-002" and fields["中文名称"] == "鞍山钢铁集团"
    assert fields["客户类型"] == "钢厂" and fields["负责人"] == "李强"
    assert not any(CJK.search(label) is None for label, _ in customer.fields)
    assert not {"创建时间", "最后修改时间", "已删除"} & set(fields)
    person = shown[("contacts", "（新记录）")]
    assert person.record == "包头钢铁 · 联系人 张伟"
    assert dict(person.fields)["手机"] == "139-1234-5678"
    assert dict(person.fields)["客户"] == "包头钢铁"
    # a field change keeps the field and its value, and lists nothing
    assert all(r.fields == () for r in shown.values() if r.field != "（新记录）")


# --- 4. what the database refused -------------------------------------------------------------
def test_database_refusals_name_the_field(chinese: None, scratch: Connection) -> None:
    conn = scratch
    a, b = conn.exec_driver_sql("SELECT id, code FROM customers ORDER BY code LIMIT 2").all()
    unique = _refused_words(conn, "UPDATE customers SET code = ? WHERE id = ?", (b[1], a[0]))
    assert unique == "UNIQUE constraint failed: customers.code"
    assert database_refusal(unique, here=True) == "编码 与本机已有的记录相同"
    assert database_refusal(unique, here=False) == "编码 已被另一条记录使用"
    # as a server's reason quotes it
    assert database_refusal(duplicate_value_reason(unique), here=False) == "编码 已被另一条记录使用"

    lot, other = conn.exec_driver_sql(
        "SELECT s.id, o.lot_no FROM shipments s JOIN shipments o"
        " ON o.contract_id = s.contract_id AND o.id <> s.id LIMIT 1"
    ).one()
    pair = _refused_words(conn, "UPDATE shipments SET lot_no = ? WHERE id = ?", (other, lot))
    assert pair == "UNIQUE constraint failed: shipments.contract_id, shipments.lot_no"
    assert database_refusal(pair, here=False) == "批次号 已被另一条记录使用"  # within its contract

    missing = _refused_words(conn, "UPDATE customers SET name_zh = NULL WHERE id = ?", (a[0],))
    assert missing == "NOT NULL constraint failed: customers.name_zh"
    assert database_refusal(missing, here=False) == "中文名称 为必填项"

    tier = _refused_words(conn, "UPDATE customers SET tier = 'Z' WHERE id = ?", (a[0],))
    assert tier.startswith("CHECK constraint failed:")
    assert database_refusal(tier, here=True) == "本机不接受 客户分级 的值"
    score = _refused_words(conn, "UPDATE credit_profiles SET score = 200")
    assert (
        database_refusal(score, here=False, tbl="credit_profiles") == "服务器不接受 信用评分 的值"
    )

    link = _refused_words(conn, "UPDATE contacts SET customer_id = 'gone' WHERE rowid = 1")
    assert link == "FOREIGN KEY constraint failed"  # SQLite names no column …
    assert (  # … the entry's field does
        database_refusal(link, here=True, tbl="contacts", fld="customer_id")
        == "客户 引用的记录不在本机上"
    )
    assert (
        database_refusal(link, here=True, tbl="contacts", fld=INSERT_FIELD)
        == "它引用的记录不在本机上"
    )

    # nothing known is named: the caller keeps the database's words
    outbox = "UNIQUE constraint failed: sync_outbox.tbl, sync_outbox.row_id, sync_outbox.field"
    assert database_refusal(outbox, here=True) is None
    assert database_refusal("database is locked", here=True) is None


def test_postgresql_words_name_the_field_too(chinese: None) -> None:
    """The server may run on PostgreSQL; its words (first line) name a constraint or column."""
    assert (
        database_refusal(
            'duplicate key value violates unique constraint "uq_customers_uscc"', here=False
        )
        == "统一社会信用代码 已被另一条记录使用"
    )
    assert (
        database_refusal(
            'null value in column "name_zh" of relation "customers" violates not-null constraint',
            here=False,
        )
        == "中文名称 为必填项"
    )
    assert (
        database_refusal(
            'insert or update on table "contacts" violates foreign key constraint'
            ' "fk_contacts_customer_id_customers"',
            here=False,
        )
        == "客户 引用的记录在服务器上不存在"
    )


def _file_conflict(engine: Engine, tbl: str, fld: str, kind: str, mine: str, theirs: str) -> None:
    stamp = pack(1_795_000_000_000)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_conflicts (id, tbl, row_id, field, kind, mine_value,"
                " theirs_value, mine_hlc, theirs_hlc, theirs_user_id, theirs_node, mine_won,"
                " detected_at) VALUES (:id, :tbl, :r, :f, :k, :m, :t, :h, :h, NULL,"
                " 'other-laptop', 0, '2026-11-27 08:00:00.000000')"
            ),
            {"id": new_id(), "tbl": tbl, "r": new_id(), "f": fld, "k": kind, "m": mine,
             "t": theirs, "h": stamp},
        )  # fmt: skip


def test_an_apply_entry_says_which_field_clashed(
    engine: Engine, db_path: Path, session: Session, dept: Any
) -> None:
    """A pulled new customer whose USCC a customer here already has: the entry names the
    pulled customer by its values and says the USCC is the same, not SQLite's sentence."""
    uscc = "91150200MA0N12345X"
    here = _new_customer(session, dept.rep, "BT-001", "包头钢铁")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE customers SET uscc = ? WHERE id = ?", (uscc, here))
        words = _refused_words(
            conn,
            "INSERT INTO customers (id, code, name_zh, uscc, customer_type, tier, status,"
            " created_at, updated_at) VALUES (?, 'BT-9', '包钢集团', ?, 'STEEL_MILL', 'B',"
            " 'ACTIVE', '2026-11-27 08:00:00', '2026-11-27 08:00:00')",
            (new_id(), uscc),
        )
    assert words == "UNIQUE constraint failed: customers.uscc"
    row = json.dumps({"code": "BT-9", "name_zh": "包钢集团", "uscc": uscc, "tier": "B"})
    _file_conflict(engine, "customers", INSERT_FIELD, "apply", json.dumps(words), row)
    [entry] = sync_service.list_conflicts(db_path)
    assert entry.mine == "USCC is the same as a record already on this computer"
    assert entry.record == "Customer 包钢集团 (BT-9)"
    assert entry.field == "(new record)"
    # What the pulled record holds, for the person to check (not "(whole record)").
    assert dict(entry.fields) == {
        "Code": "BT-9",
        "Name (Chinese)": "包钢集团",
        "USCC": uscc,
        "Tier": "B – major",
    }


# --- 5. local time ----------------------------------------------------------------------------
@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock on China Standard Time (UTC+8)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")
def test_times_show_in_local_time(beijing: None, demo: Engine) -> None:
    assert os.environ["TZ"] == "Asia/Shanghai"
    with demo.connect() as conn:
        assert (
            display_value(conn, "activities", "occurred_at", "2026-11-20 02:30:00.000000")
            == "2026-11-20 10:30"
        )
        raw = conn.exec_driver_sql("SELECT occurred_at FROM activities LIMIT 1").scalar()
        local = dt.datetime.fromisoformat(raw).replace(tzinfo=dt.UTC)
        expected = local.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
        shown = display_value(conn, "activities", "occurred_at", raw)
        assert shown == expected and "UTC" not in shown
        # a date is a date: no time, no shift
        assert display_value(conn, "contracts", "signed_on", "2026-11-20") == "2026-11-20"
