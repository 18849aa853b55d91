"""Customers, contacts, activities and follow-ups against a real SQLite file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.customers import Activity, Contact, Customer, FollowUpPlan
from minesales_desktop.models.enums import CustomerStatus, CustomerTier, FollowUpStatus
from minesales_desktop.models.people import OwnershipChange
from minesales_desktop.services.crud import PageRequest, ownership_history
from minesales_desktop.services.customers import activities, contacts, customers, follow_ups
from minesales_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from minesales_desktop.services.validation import uscc_check_char


def _uscc(body: str) -> str:
    return body + uscc_check_char(body)


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _make(session: Session, actor, code: str, name: str, **extra):
    values = {"code": code, "name_zh": name, "customer_type": "STEEL_MILL", **extra}
    dto = customers.create(session, actor, values)
    session.commit()
    return dto


def test_create_sets_defaults_owner_and_search_keys(session: Session, dept) -> None:
    c = _make(
        session,
        dept.rep,
        "bt-001",
        "包头稀钢有限公司",
        short_name="包钢",
        uscc=_uscc("91150200114125210"),
        province="内蒙古",
    )
    assert c.code == "BT-001", "codes are stored upper-case"
    assert c.tier is CustomerTier.C and c.status is CustomerStatus.PROSPECT
    assert c.owner_id == dept.rep.user_id and c.owner_name == "李强"
    row = session.get(Customer, c.id)
    assert row is not None
    assert row.name_pinyin == "baotouxigangyouxiangongsi"
    assert row.name_initials == "btxgyxgs"


@pytest.mark.parametrize(
    "query",
    [
        "包钢",
        "bg",
        "BG",
        "baogang",
        "btxg",
        "稀钢",
        "baotouxi",
        "bt-001",
        "Baotou",
        "13912345678",
        "139 1234 5678",
        "1234",
    ],
)
def test_search_finds_by_every_key(session: Session, dept, query: str) -> None:
    c = _make(
        session,
        dept.rep,
        "BT-001",
        "包头稀钢有限公司",
        short_name="包钢",
        name_en="Baotou Rare Steel Co.",
    )
    _make(session, dept.rep, "RZ-002", "日照港通矿业有限公司")
    contacts.create(
        session, dept.rep, {"customer_id": c.id, "name": "王五", "mobile": "139-1234-5678"}
    )
    session.commit()
    page = customers.search(session, query)
    assert [x.code for x in page.items] == ["BT-001"]
    assert page.total == 1


def test_search_is_paged_sorted_and_filtered(session: Session, dept) -> None:
    for i in range(30):
        _make(
            session,
            dept.rep if i % 2 else dept.rep2,
            f"S{i:03d}",
            f"测试钢铁{i:02d}号",
            province="河北" if i % 3 else "山东",
            tier="A" if i < 5 else "C",
        )
    page = customers.search(session, "钢铁", PageRequest(offset=10, limit=10, sort="code"))
    assert page.total == 30
    assert [c.code for c in page.items] == [f"S{i:03d}" for i in range(10, 20)]
    desc = customers.search(session, "gangtie", PageRequest(limit=3, sort="code", descending=True))
    assert [c.code for c in desc.items] == ["S029", "S028", "S027"]
    hebei_a = customers.search(session, "", PageRequest(limit=100), province="河北", tier="A")
    assert {c.code for c in hebei_a.items} == {"S001", "S002", "S004"}
    mine = customers.search(session, "", PageRequest(limit=100), owner_id=dept.rep.user_id)
    assert mine.total == 15
    ids, total = customers.search_ids(session, "cs", PageRequest(limit=5, sort="code"))
    assert total == 30 and len(ids) == 5


def test_search_treats_like_wildcards_literally(session: Session, dept) -> None:
    _make(session, dept.rep, "A_1", "百分之百%钢")
    _make(session, dept.rep, "AB1", "普通钢")
    assert customers.search(session, "%").total == 1
    assert customers.search(session, "a_").total == 1


def test_validation_collects_every_problem_and_writes_nothing(session: Session, dept) -> None:
    _make(session, dept.rep, "DUP-1", "已有客户")
    before = _count(session, Customer)
    with pytest.raises(ValidationError) as err:
        customers.create(
            session,
            dept.rep,
            {"code": "bad code!", "name_zh": "", "customer_type": "bakery", "tier": "Z"},
        )
    # Field formats first; rules that need well-formed values (the code pattern) come next.
    assert set(err.value.errors) == {"name_zh", "customer_type", "tier"}
    with pytest.raises(ValidationError) as err:
        customers.create(
            session,
            dept.rep,
            {"code": "bad code!", "name_zh": "某钢厂", "customer_type": "STEEL_MILL"},
        )
    assert set(err.value.errors) == {"code"}
    with pytest.raises(ValidationError, match="check digit") as err:
        customers.create(
            session,
            dept.rep,
            {
                "code": "OK-1",
                "name_zh": "某钢厂",
                "customer_type": "STEEL_MILL",
                "uscc": "91350100M000100Y44",
            },
        )
    with pytest.raises(ValidationError, match="Already used") as err:
        customers.create(
            session, dept.rep, {"code": "dup-1", "name_zh": "重复编码", "customer_type": "TRADER"}
        )
    assert err.value.errors == {"code": "Already used by another record: DUP-1"}
    session.rollback()
    assert _count(session, Customer) == before


def test_unique_uscc(session: Session, dept) -> None:
    code = _uscc("91110000600037341")
    _make(session, dept.rep, "U1", "甲钢铁", uscc=code)
    with pytest.raises(ValidationError, match="Already used"):
        customers.create(
            session,
            dept.rep,
            {
                "code": "U2",
                "name_zh": "乙钢铁",
                "customer_type": "STEEL_MILL",
                "uscc": code.lower(),
            },
        )


def test_update_validates_and_refreshes_search(session: Session, dept) -> None:
    c = _make(session, dept.rep, "UP-1", "旧名称钢铁")
    updated = customers.update(session, dept.rep, c.id, {"name_zh": "新名称冶炼", "tier": "B"})
    session.commit()
    assert updated.tier is CustomerTier.B
    assert customers.search(session, "xmcyl").total == 1
    assert customers.search(session, "旧名称").total == 0
    with pytest.raises(ValidationError):
        customers.update(session, dept.rep, c.id, {"name_zh": "  "})
    session.rollback()
    assert customers.get(session, c.id).name_zh == "新名称冶炼"


def test_permissions_follow_responsibility(session: Session, dept) -> None:
    c = _make(session, dept.rep, "P-1", "权限测试钢铁")
    with pytest.raises(PermissionDenied):
        customers.update(session, dept.other_rep, c.id, {"tier": "A"})
    # The rep's manager (same team) may edit; an admin may edit anything.
    customers.update(session, dept.manager, c.id, {"tier": "A"})
    customers.update(session, dept.admin, c.id, {"tier": "B"})
    with pytest.raises(PermissionDenied):
        contacts.create(session, dept.rep, {"customer_id": c.id, "name": "甲"}) and contacts.update(
            session,
            dept.other_rep,
            contacts.list(session, customer_id=c.id).items[0].id,
            {"title": "x"},
        )


def test_reassignment_is_manager_only_and_recorded(session: Session, dept) -> None:
    c = _make(session, dept.rep, "R-1", "换人钢铁")
    with pytest.raises(PermissionDenied):
        customers.reassign(session, dept.rep, c.id, dept.rep2.user_id, "休假")
    moved = customers.reassign(session, dept.manager, c.id, dept.rep2.user_id, "区域调整")
    session.commit()
    assert moved.owner_id == dept.rep2.user_id
    history = ownership_history(session, c.id)
    assert [(h.from_user_id, h.to_user_id, h.reason) for h in history] == [
        (dept.rep.user_id, dept.rep2.user_id, "区域调整")
    ]
    with pytest.raises(ValueError, match="reassign"):
        customers.update(session, dept.manager, c.id, {"owner_id": dept.rep.user_id})
    assert _count(session, OwnershipChange) == 1


def test_delete_is_a_tombstone_and_hides_the_customer(session: Session, dept) -> None:
    c = _make(session, dept.rep, "D-1", "待删除钢铁")
    customers.delete(session, dept.rep, c.id)
    session.commit()
    assert session.get(Customer, c.id).is_deleted  # type: ignore[union-attr]
    assert customers.search(session, "待删除").total == 0
    with pytest.raises(NotFoundError):
        customers.get(session, c.id)


def test_contacts_validate_phone_and_email(session: Session, dept) -> None:
    c = _make(session, dept.rep, "K-1", "联系人钢铁")
    with pytest.raises(ValidationError) as err:
        contacts.create(
            session,
            dept.rep,
            {"customer_id": c.id, "name": "张三", "mobile": "12345", "email": "zhang@"},
        )
    assert set(err.value.errors) == {"mobile", "email"}
    session.rollback()
    assert _count(session, Contact) == 0
    k = contacts.create(
        session,
        dept.rep,
        {"customer_id": c.id, "name": "张三", "decision_role": "决策者", "mobile": "13800138000"},
    )
    assert k.decision_role is not None and k.decision_role.value == "DECISION_MAKER"
    contacts.delete(session, dept.rep, k.id)
    session.commit()
    assert customers.search(session, "13800138000").total == 0


def test_logging_a_visit_closes_the_plan_and_schedules_the_next(session: Session, dept) -> None:
    c = _make(session, dept.rep, "F-1", "跟进钢铁")
    today = dt.date.today()
    plan = follow_ups.create(
        session,
        dept.rep,
        {"customer_id": c.id, "action": "送样", "due_date": today - dt.timedelta(days=2)},
    )
    due = follow_ups.due(session, dept.rep.user_id, today)
    assert [p.id for p in due.items] == [plan.id]
    activities.log(
        session,
        dept.rep,
        {
            "customer_id": c.id,
            "kind": "SITE_VISIT",
            "subject": "现场看样",
            "next_action": "报价",
            "next_action_date": today + dt.timedelta(days=3),
            "latitude": "40.6574",
            "longitude": "109.8403",
        },
        complete_plan_id=plan.id,
    )
    session.commit()
    done = session.get(FollowUpPlan, plan.id)
    assert done is not None and done.status is FollowUpStatus.DONE and done.done_activity_id
    assert follow_ups.due(session, dept.rep.user_id, today).total == 0
    monday = today - dt.timedelta(days=today.weekday())
    week = follow_ups.week(session, dept.rep.user_id, monday + dt.timedelta(days=7))
    week += follow_ups.week(session, dept.rep.user_id, monday)
    assert [p.action for p in week if p.status is FollowUpStatus.OPEN] == ["报价"]
    act = session.scalar(select(Activity))
    assert act is not None and act.latitude == Decimal("40.6574")


def test_activity_rules(session: Session, dept) -> None:
    c = _make(session, dept.rep, "A-1", "活动钢铁")
    other = _make(session, dept.rep, "A-2", "别家钢铁")
    k = contacts.create(session, dept.rep, {"customer_id": other.id, "name": "外人"})
    with pytest.raises(ValidationError) as err:
        activities.log(
            session,
            dept.rep,
            {
                "customer_id": c.id,
                "contact_id": k.id,
                "kind": "PHONE",
                "subject": "电话",
                "occurred_at": "2026-05-10T09:00:00",
                "next_action_date": "2026-05-01",
                "latitude": "91",
            },
        )
    assert set(err.value.errors) == {"contact_id", "next_action_date", "next_action", "latitude"}
    session.rollback()
    assert _count(session, Activity) == 0 and _count(session, FollowUpPlan) == 0


def test_decimal_places_are_refused_not_rounded(session: Session, dept) -> None:
    c = _make(session, dept.rep, "G-1", "坐标钢铁")
    with pytest.raises(ValidationError, match="At most 7 decimal places"):
        activities.create(
            session,
            dept.rep,
            {
                "customer_id": c.id,
                "kind": "VISIT",
                "subject": "x",
                "latitude": "40.123456789",
                "longitude": "109.1",
            },
        )
