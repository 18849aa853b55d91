"""A realistic, reproducible demo department (issue 2, item 6): the data every benchmark, screenshot
and manual test stands on.

Why it is built the way it is:

* **Reproducible.** Same seed and same ``as_of`` give a byte-identical database
  (``sqlite3 a.db .dump``). Every random choice comes from ``random.Random`` streams derived from
  the seed, every time from ``as_of``, every id from :class:`~minesales_desktop.ids.IdFactory`
  (KPI targets, index quotes, training attendance and credit profiles: from their key,
  :func:`~minesales_desktop.ids.keyed_id`, as the app makes them);
  no row relies on a column default (``new_id``/``utcnow``); rows go in in generation order.
  Random walks use only ``random()`` and basic arithmetic (no ``gauss``/``log``), so they do not
  depend on the platform's libm either.
* **Consistent.** The records tell one story: stage history ends at the opportunity's stage, a WON
  deal has a signed contract, shipments never exceed quantity + tolerance, dry tonnes are wet
  tonnes less moisture, invoice status matches its payments, tickets walk their status chain.
  ``tests/unit/test_demo_data.py`` checks these rules so the demo never teaches a wrong picture.
* **Fast at 100 000 customers.** Rows are plain dicts inserted with Core ``insert(table)`` in
  chunks inside one transaction. Most customers at that scale are prospects or dormant with a few
  contacts and activities; the deal-bearing customers grow with ``N ** 0.25`` so the transactional
  volume stays bounded per rep. Pinyin keys are computed per name part (city, trade name, suffix)
  and cached, because pypinyin per full name would dominate the run time.
* **Fictitious.** Company names are assembled from real cities, generic trade-name characters and
  industry suffixes (a short list of famous trade names is excluded); people are invented; ports,
  provinces, price indices and analytes are real because reps must recognise them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, Table, bindparam, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from minesales_desktop import models as m
from minesales_desktop.db.base import Base
from minesales_desktop.ids import IdFactory, keyed_id
from minesales_desktop.models.enums import (
    ActionStatus,
    ActivityKind,
    ActivityOutcome,
    AnalyteBasis,
    AssayParty,
    CertificateParty,
    ContractStatus,
    ContractType,
    CreditRating,
    CreditSecurity,
    Currency,
    CustomerStatus,
    CustomerTier,
    CustomerType,
    DealType,
    DecisionRole,
    FeedbackCategory,
    FeedbackStatus,
    FollowUpStatus,
    Incoterm,
    InvoiceKind,
    InvoiceStatus,
    LeadSource,
    LostReason,
    MeetingKind,
    PaymentMethod,
    PeriodType,
    PricingMethod,
    Priority,
    ProductCategory,
    QuantityUnit,
    QuoteStatus,
    ReviewDecision,
    ReviewDepartment,
    RiskCategory,
    RiskStatus,
    Role,
    ShipmentStatus,
    Stage,
    TicketStatus,
    TicketType,
    ToleranceOption,
    TrainingKind,
    TransportMode,
)
from minesales_desktop.services.auth import hash_password
from minesales_desktop.services.kpi_catalog import ensure_default_kpis
from minesales_desktop.services.pricing import calculate_price, load_terms
from minesales_desktop.services.quote_pricing import priced_assay
from minesales_desktop.services.validation import USCC_CHARSET, uscc_check_char
from minesales_desktop.textsearch import SEPARATOR, full_pinyin, normalize, pinyin_initials

__all__ = [
    "DEFAULT_AS_OF",
    "DemoCancelled",
    "DemoOptions",
    "DemoSummary",
    "DemoUser",
    "DatabaseNotEmpty",
    "run",
    "summarize",
]

DEFAULT_AS_OF = dt.date(2026, 11, 27)
HISTORY_DAYS = 730  # two years of activity, deals and service before ``as_of``
CHINA = dt.timezone(dt.timedelta(hours=8))
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_CHUNK_CUSTOMERS = 5000  # customers generated and flushed per step
_INSERT_CHUNK = 5000  # rows per executemany

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


# --- public API ---------------------------------------------------------------------------------
class DemoCancelled(Exception):
    """Raised when ``cancelled()`` returns true; the transaction is rolled back, nothing is kept."""


class DatabaseNotEmpty(ValueError):
    """Demo data goes into a fresh database only: mixing it with real records would corrupt both."""


@dataclass(frozen=True)
class DemoOptions:
    """What to build. ``as_of`` is the demo's "today": history runs two years back from it."""

    customers: int = 2000
    seed: int = 1
    as_of: dt.date = DEFAULT_AS_OF
    password: str = "demo"


@dataclass(frozen=True)
class DemoUser:
    login: str
    full_name: str
    role: Role
    team: str | None


@dataclass(frozen=True)
class DemoSummary:
    """Row counts per table plus a few figures, for the CLI and the README."""

    counts: Mapping[str, int]
    users: tuple[DemoUser, ...]
    figures: Mapping[str, str]
    password: str | None = None

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def format(self) -> str:
        lines = [
            "Sign in (all users share one password"
            + (f": {self.password!r})" if self.password else ")")
        ]
        for u in self.users:
            team = f"  {u.team}" if u.team else ""
            lines.append(f"  {u.login:<14} {u.full_name:<8} {u.role.label_zh}{team}")
        lines.append("Figures")
        width = max((len(k) for k in self.figures), default=0)
        for key, value in self.figures.items():
            lines.append(f"  {key:<{width}}  {value}")
        lines.append(f"Rows ({self.total_rows} in all)")
        for name, count in self.counts.items():
            lines.append(f"  {name:<24} {count:>9}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def run(
    engine: Engine,
    options: DemoOptions,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> DemoSummary:
    """Fill the (migrated, empty) database behind ``engine`` with the demo department.

    Everything is written in one transaction: on :class:`DemoCancelled` or any error nothing is
    kept. Raises :class:`DatabaseNotEmpty` if the database already has users.
    """
    if options.customers < 1:
        raise ValueError("customers must be at least 1")
    with Session(engine) as session:
        with session.begin():
            if session.scalar(select(func.count()).select_from(m.User)):
                raise DatabaseNotEmpty(
                    "the database already holds users; demo data needs a fresh database"
                )
            conn = session.connection()
            sqlite = conn.dialect.name == "sqlite"
            cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar() if sqlite else None
            if sqlite:
                # A larger page cache keeps the index B-trees of 100 000 customers in memory
                # during the load; the pooled connection gets its usual size back afterwards.
                conn.exec_driver_sql("PRAGMA cache_size=-131072")
            try:
                builder = _Builder(session, options, progress, cancelled)
                with _capture_paused(session):
                    builder.build()
                summary = summarize(session)
                builder.check_cancelled()
            finally:
                if cache_size is not None:
                    conn.exec_driver_sql(f"PRAGMA cache_size={int(cache_size)}")
        builder.done()
    return DemoSummary(summary.counts, summary.users, summary.figures, options.password)


def _domain_tables(session: Session) -> list[Table]:
    """The synced domain tables present in this database (not the sync bookkeeping)."""
    present = set(inspect(session.connection()).get_table_names())
    return [t for t in Base.metadata.sorted_tables if t.name in present and "is_deleted" in t.c]


def summarize(session: Session) -> DemoSummary:
    """Counts per table and a few figures of whatever database ``session`` is bound to."""
    counts: dict[str, int] = {}
    for table in _domain_tables(session):
        counts[table.name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
    teams = dict(session.execute(select(m.Team.id, m.Team.name)).all())
    role_order = {Role.ADMIN: 0, Role.MANAGER: 1, Role.REP: 2, Role.SERVICE: 3}
    users = sorted(
        (
            DemoUser(login, name, role, teams.get(team_id) if team_id else None)
            for login, name, role, team_id in session.execute(
                select(m.User.login, m.User.full_name, m.User.role, m.User.team_id)
            )
        ),
        key=lambda u: (role_order.get(u.role, 9), u.team or "", u.login),
    )
    figures: dict[str, str] = {}

    def grouped(column: Any, model: Any) -> str:
        rows = session.execute(
            select(column, func.count()).select_from(model).group_by(column).order_by(column)
        )
        return ", ".join(f"{k} {n}" for k, n in rows) or "-"

    figures["customers by status"] = grouped(m.Customer.status, m.Customer)
    figures["customers by type"] = grouped(m.Customer.customer_type, m.Customer)
    figures["opportunities by stage"] = grouped(m.Opportunity.stage, m.Opportunity)
    figures["contracts by status"] = grouped(m.Contract.status, m.Contract)
    figures["tickets by status"] = grouped(m.ServiceTicket.status, m.ServiceTicket)
    shipped = session.scalar(
        select(func.sum(m.Shipment.quantity_wmt)).where(m.Shipment.bl_date.is_not(None))
    )
    figures["tonnes shipped"] = f"{shipped or 0:,.0f}"
    for cur in (Currency.CNY, Currency.USD):
        invoiced = session.scalar(
            select(func.sum(m.Invoice.amount_total)).where(
                m.Invoice.currency == cur, m.Invoice.status != InvoiceStatus.CANCELLED
            )
        ) or Decimal(0)
        paid = session.scalar(
            select(func.sum(m.Payment.amount)).where(m.Payment.currency == cur)
        ) or Decimal(0)
        figures[f"receivables {cur.value}"] = f"{invoiced - paid:,.2f}"
    latest = session.scalar(select(func.max(m.IndexQuote.quote_date)))
    if latest is not None:
        overdue = session.scalar(
            select(func.count())
            .select_from(m.Invoice)
            .where(
                m.Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID]),
                m.Invoice.due_on < latest,
            )
        )
        figures["overdue invoices"] = str(overdue or 0)
        open_plans = session.scalar(
            select(func.count())
            .select_from(m.FollowUpPlan)
            .where(m.FollowUpPlan.status == FollowUpStatus.OPEN, m.FollowUpPlan.due_date < latest)
        )
        figures["overdue follow-ups"] = str(open_plans or 0)
    return DemoSummary(counts, tuple(users), figures)


def _capture_paused(session: Session) -> AbstractContextManager[None]:
    """Sync change capture is off during the load, when this schema has it.

    A demo database starts with an empty outbox: its rows are the already-synced baseline, not
    700 000 edits to push (``sync/changes.py``).
    """
    conn = session.connection()
    if not inspect(conn).has_table("sync_state"):
        return nullcontext()
    # Imported by name: the sync module is optional for this generator.
    changes = importlib.import_module("minesales_desktop.sync.changes")
    paused: AbstractContextManager[None] = changes.capture_paused(conn)
    return paused


# --- reference data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _City:
    province: str
    name: str
    en: str
    adcode: str
    area: str  # telephone area code
    lat: float
    lon: float
    port: str
    types: str  # S steel, C copper, Z zinc/lead, P power, M cement, K coking, T trader, B build


_CITIES: tuple[_City, ...] = tuple(
    _City(*row)
    for row in (
        ("河北", "唐山", "Tangshan", "130200", "0315", 39.63, 118.18, "曹妃甸港", "SPMKB"),
        ("河北", "邯郸", "Handan", "130400", "0310", 36.61, 114.49, "天津港", "SKPMB"),
        ("河北", "石家庄", "Shijiazhuang", "130100", "0311", 38.04, 114.51, "天津港", "SPMTB"),
        ("河北", "承德", "Chengde", "130800", "0314", 40.95, 117.96, "京唐港", "SB"),
        ("河北", "秦皇岛", "Qinhuangdao", "130300", "0335", 39.94, 119.60, "秦皇岛港", "SPT"),
        ("河北", "沧州", "Cangzhou", "130900", "0317", 38.30, 116.84, "黄骅港", "SPMB"),
        ("河北", "邢台", "Xingtai", "130500", "0319", 37.07, 114.50, "天津港", "SKMB"),
        ("北京", "北京", "Beijing", "110000", "010", 39.90, 116.41, "天津港", "TPB"),
        ("天津", "天津", "Tianjin", "120000", "022", 39.13, 117.20, "天津港", "STPB"),
        ("山西", "太原", "Taiyuan", "140100", "0351", 37.87, 112.55, "天津港", "SKPB"),
        ("山西", "长治", "Changzhi", "140400", "0355", 36.20, 113.12, "天津港", "SKP"),
        ("山西", "临汾", "Linfen", "141000", "0357", 36.09, 111.52, "天津港", "SKM"),
        ("山西", "吕梁", "Lüliang", "141100", "0358", 37.52, 111.14, "天津港", "K"),
        ("山西", "晋中", "Jinzhong", "140700", "0354", 37.69, 112.75, "天津港", "KMP"),
        ("内蒙古", "包头", "Baotou", "150200", "0472", 40.66, 109.84, "天津港", "SPZ"),
        ("内蒙古", "赤峰", "Chifeng", "150400", "0476", 42.26, 118.89, "锦州港", "CZP"),
        ("内蒙古", "巴彦淖尔", "Bayannur", "150800", "0478", 40.74, 107.39, "天津港", "ZCP"),
        ("内蒙古", "鄂尔多斯", "Ordos", "150600", "0477", 39.61, 109.78, "黄骅港", "PKB"),
        ("辽宁", "鞍山", "Anshan", "210300", "0412", 41.11, 122.99, "营口港", "SMB"),
        ("辽宁", "本溪", "Benxi", "210500", "0414", 41.29, 123.77, "营口港", "SM"),
        ("辽宁", "营口", "Yingkou", "210800", "0417", 40.67, 122.24, "营口港", "STP"),
        ("辽宁", "大连", "Dalian", "210200", "0411", 38.91, 121.61, "大连港", "TPB"),
        ("辽宁", "沈阳", "Shenyang", "210100", "024", 41.81, 123.43, "营口港", "PMB"),
        ("上海", "上海", "Shanghai", "310000", "021", 31.23, 121.47, "上海港", "TPB"),
        ("江苏", "苏州", "Suzhou", "320500", "0512", 31.30, 120.59, "张家港港", "SPTB"),
        ("江苏", "无锡", "Wuxi", "320200", "0510", 31.49, 120.31, "江阴港", "SPB"),
        ("江苏", "常州", "Changzhou", "320400", "0519", 31.81, 119.97, "江阴港", "SMB"),
        ("江苏", "南京", "Nanjing", "320100", "025", 32.06, 118.80, "南京港", "SPMTB"),
        ("江苏", "连云港", "Lianyungang", "320700", "0518", 34.60, 119.22, "连云港", "STP"),
        ("江苏", "南通", "Nantong", "320600", "0513", 31.98, 120.89, "南通港", "PMB"),
        ("江苏", "徐州", "Xuzhou", "320300", "0516", 34.26, 117.28, "连云港", "SKPMB"),
        ("浙江", "宁波", "Ningbo", "330200", "0574", 29.87, 121.54, "宁波舟山港", "SPTB"),
        ("浙江", "杭州", "Hangzhou", "330100", "0571", 30.27, 120.16, "宁波舟山港", "TPMB"),
        ("浙江", "湖州", "Huzhou", "330500", "0572", 30.89, 120.09, "宁波舟山港", "MB"),
        ("浙江", "嘉兴", "Jiaxing", "330400", "0573", 30.75, 120.76, "宁波舟山港", "PB"),
        ("安徽", "马鞍山", "Ma'anshan", "340500", "0555", 31.67, 118.51, "马鞍山港", "SMB"),
        ("安徽", "铜陵", "Tongling", "340700", "0562", 30.94, 117.81, "芜湖港", "CZM"),
        ("安徽", "芜湖", "Wuhu", "340200", "0553", 31.35, 118.43, "芜湖港", "MSB"),
        ("福建", "福州", "Fuzhou", "350100", "0591", 26.07, 119.30, "福州港(罗源湾)", "SPT"),
        ("福建", "三明", "Sanming", "350400", "0598", 26.26, 117.64, "福州港(罗源湾)", "SM"),
        ("福建", "厦门", "Xiamen", "350200", "0592", 24.48, 118.09, "厦门港", "TPB"),
        ("江西", "鹰潭", "Yingtan", "360600", "0701", 28.26, 117.07, "九江港", "CZ"),
        ("江西", "上饶", "Shangrao", "361100", "0793", 28.45, 117.94, "九江港", "CM"),
        ("江西", "九江", "Jiujiang", "360400", "0792", 29.71, 116.00, "九江港", "SMCP"),
        ("山东", "日照", "Rizhao", "371100", "0633", 35.42, 119.53, "日照港", "STPMB"),
        ("山东", "青岛", "Qingdao", "370200", "0532", 36.07, 120.38, "青岛港", "TPB"),
        ("山东", "济南", "Jinan", "370100", "0531", 36.65, 117.12, "青岛港", "SPMB"),
        ("山东", "临沂", "Linyi", "371300", "0539", 35.10, 118.36, "岚山港", "SKMB"),
        ("山东", "烟台", "Yantai", "370600", "0535", 37.46, 121.45, "烟台港", "CTPZ"),
        ("山东", "淄博", "Zibo", "370300", "0533", 36.81, 118.05, "青岛港", "KPM"),
        ("山东", "潍坊", "Weifang", "370700", "0536", 36.71, 119.16, "青岛港", "PMK"),
        ("河南", "郑州", "Zhengzhou", "410100", "0371", 34.75, 113.63, "连云港", "MPB"),
        ("河南", "安阳", "Anyang", "410500", "0372", 36.10, 114.39, "天津港", "SKP"),
        ("河南", "济源", "Jiyuan", "419001", "0391", 35.07, 112.60, "连云港", "ZC"),
        ("湖北", "武汉", "Wuhan", "420100", "027", 30.59, 114.31, "阳逻港(武汉)", "SPTB"),
        ("湖北", "黄石", "Huangshi", "420200", "0714", 30.20, 115.04, "黄石港", "CSM"),
        ("湖北", "鄂州", "Ezhou", "420700", "0711", 30.39, 114.89, "阳逻港(武汉)", "SM"),
        ("湖南", "株洲", "Zhuzhou", "430200", "0731", 27.83, 113.13, "城陵矶港(岳阳)", "ZM"),
        ("湖南", "郴州", "Chenzhou", "431000", "0735", 25.77, 113.01, "广州港", "ZCM"),
        ("湖南", "湘潭", "Xiangtan", "430300", "0731", 27.83, 112.94, "城陵矶港(岳阳)", "SPM"),
        ("湖南", "娄底", "Loudi", "431300", "0738", 27.70, 111.99, "城陵矶港(岳阳)", "SK"),
        ("广东", "湛江", "Zhanjiang", "440800", "0759", 21.27, 110.36, "湛江港", "SPT"),
        ("广东", "韶关", "Shaoguan", "440200", "0751", 24.81, 113.60, "广州港", "SZM"),
        ("广东", "广州", "Guangzhou", "440100", "020", 23.13, 113.26, "广州港", "TPMB"),
        ("广东", "深圳", "Shenzhen", "440300", "0755", 22.54, 114.06, "深圳港", "TB"),
        ("广东", "东莞", "Dongguan", "441900", "0769", 23.02, 113.75, "广州港", "PMB"),
        ("广西", "防城港", "Fangchenggang", "450600", "0770", 21.69, 108.35, "防城港", "SCPT"),
        ("广西", "柳州", "Liuzhou", "450200", "0772", 24.33, 109.42, "防城港", "SMK"),
        ("广西", "北海", "Beihai", "450500", "0779", 21.48, 109.12, "北海港", "SP"),
        ("广西", "贵港", "Guigang", "450800", "0775", 23.11, 109.60, "钦州港", "MB"),
        ("重庆", "重庆", "Chongqing", "500000", "023", 29.56, 106.55, "果园港(重庆)", "SPMB"),
        ("四川", "攀枝花", "Panzhihua", "510400", "0812", 26.58, 101.72, "防城港", "SPK"),
        ("四川", "成都", "Chengdu", "510100", "028", 30.57, 104.07, "防城港", "TPMB"),
        ("云南", "昆明", "Kunming", "530100", "0871", 24.88, 102.83, "防城港", "SCZPM"),
        ("云南", "曲靖", "Qujing", "530300", "0874", 25.49, 103.80, "防城港", "ZKP"),
        ("云南", "红河", "Honghe", "532500", "0873", 23.36, 103.37, "防城港", "ZC"),
        ("云南", "楚雄", "Chuxiong", "532300", "0878", 25.05, 101.53, "防城港", "C"),
        ("陕西", "汉中", "Hanzhong", "610700", "0916", 33.07, 107.02, "连云港", "ZS"),
        ("陕西", "西安", "Xi'an", "610100", "029", 34.34, 108.94, "连云港", "TPMB"),
        ("陕西", "渭南", "Weinan", "610500", "0913", 34.50, 109.51, "连云港", "ZKP"),
        ("甘肃", "金昌", "Jinchang", "620300", "0935", 38.52, 102.19, "天津港", "CZ"),
        ("甘肃", "兰州", "Lanzhou", "620100", "0931", 36.06, 103.83, "天津港", "SCPM"),
        ("甘肃", "白银", "Baiyin", "620400", "0943", 36.55, 104.14, "天津港", "CZ"),
        ("甘肃", "嘉峪关", "Jiayuguan", "620200", "0937", 39.77, 98.29, "天津港", "S"),
    )
)

_TYPE_LETTER = {
    CustomerType.STEEL_MILL: "S",
    CustomerType.CU_SMELTER: "C",
    CustomerType.ZN_PB_SMELTER: "Z",
    CustomerType.POWER_PLANT: "P",
    CustomerType.CEMENT_PLANT: "M",
    CustomerType.COKING_PLANT: "K",
    CustomerType.TRADER: "T",
    CustomerType.CONSTRUCTION: "B",
}
_TYPE_WEIGHTS = {
    CustomerType.STEEL_MILL: 28,
    CustomerType.CU_SMELTER: 8,
    CustomerType.ZN_PB_SMELTER: 7,
    CustomerType.POWER_PLANT: 15,
    CustomerType.CEMENT_PLANT: 12,
    CustomerType.COKING_PLANT: 8,
    CustomerType.TRADER: 12,
    CustomerType.CONSTRUCTION: 10,
}
# (Chinese suffix, short-name word, English suffix) per customer type.
_SUFFIXES: dict[CustomerType, tuple[tuple[str, str, str], ...]] = {
    CustomerType.STEEL_MILL: (
        ("钢铁有限公司", "钢铁", "Iron & Steel Co., Ltd."),
        ("特钢有限公司", "特钢", "Special Steel Co., Ltd."),
        ("钢铁集团有限公司", "钢铁", "Iron & Steel Group Co., Ltd."),
    ),
    CustomerType.CU_SMELTER: (
        ("铜业有限公司", "铜业", "Copper Co., Ltd."),
        ("冶炼有限公司", "冶炼", "Smelting Co., Ltd."),
    ),
    CustomerType.ZN_PB_SMELTER: (
        ("锌业有限公司", "锌业", "Zinc Co., Ltd."),
        ("有色金属冶炼有限公司", "有色", "Nonferrous Smelting Co., Ltd."),
    ),
    CustomerType.POWER_PLANT: (
        ("热电有限公司", "热电", "Thermal Power Co., Ltd."),
        ("发电有限责任公司", "发电", "Power Generation Co., Ltd."),
    ),
    CustomerType.CEMENT_PLANT: (
        ("水泥有限公司", "水泥", "Cement Co., Ltd."),
        ("建材有限公司", "建材", "Building Materials Co., Ltd."),
    ),
    CustomerType.COKING_PLANT: (
        ("焦化有限公司", "焦化", "Coking Co., Ltd."),
        ("煤化工有限公司", "煤化", "Coal Chemical Co., Ltd."),
    ),
    CustomerType.TRADER: (
        ("矿产贸易有限公司", "矿产", "Mineral Trading Co., Ltd."),
        ("国际贸易有限公司", "国贸", "International Trading Co., Ltd."),
        ("供应链管理有限公司", "供应链", "Supply Chain Management Co., Ltd."),
    ),
    CustomerType.CONSTRUCTION: (
        ("建设工程有限公司", "建设", "Construction Engineering Co., Ltd."),
        ("路桥建设有限公司", "路桥", "Road & Bridge Construction Co., Ltd."),
    ),
}
# Generic trade-name characters (no polyphones that pypinyin may read ambiguously).
_TRADE_CHARS = (
    "鑫盛恒泰隆昌华宏远通达源丰瑞祥德信和金海嘉永兴旺聚汇腾锦"
    "润安宝富诚鼎晟弘川峰正合益新凯越吉顺利广荣胜"
)
# Combinations that are the trade names of well-known companies: never generated.
_BANNED_TRADE_NAMES = frozenset(
    "金川 宏达 华润 新兴 永兴 德胜 荣盛 信达 海信 正大 华信 广汇 华源 盛和 鼎信 安泰 金鼎 宝丰 "
    "富宝 凯盛 海螺 华峰 恒源 金海 通达 华新 宝钢 汇源 和信 中信 华宝 广安".split()
)

_SURNAMES = (
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("胡", "hu"),
    ("朱", "zhu"),
    ("高", "gao"),
    ("林", "lin"),
    ("何", "he"),
    ("郭", "guo"),
    ("马", "ma"),
    ("罗", "luo"),
    ("梁", "liang"),
    ("宋", "song"),
    ("郑", "zheng"),
    ("谢", "xie"),
    ("韩", "han"),
    ("唐", "tang"),
    ("冯", "feng"),
    ("于", "yu"),
    ("董", "dong"),
    ("萧", "xiao"),
    ("程", "cheng"),
    ("袁", "yuan"),
    ("邓", "deng"),
    ("许", "xu"),
    ("傅", "fu"),
    ("彭", "peng"),
)
_GIVEN = (
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀英", "xiuying"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂英", "guiying"),
    ("建华", "jianhua"),
    ("志强", "zhiqiang"),
    ("海燕", "haiyan"),
    ("文", "wen"),
    ("斌", "bin"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("凯", "kai"),
    ("鹏", "peng"),
    ("红梅", "hongmei"),
    ("国庆", "guoqing"),
    ("建军", "jianjun"),
    ("晓东", "xiaodong"),
    ("丹", "dan"),
    ("亮", "liang"),
    ("峰", "feng"),
    ("玉兰", "yulan"),
    ("春生", "chunsheng"),
    ("立新", "lixin"),
)
# The department (fixed names so that manuals can say "sign in as zhangwei").
_STAFF_NAMES = (
    ("张伟", "Zhang Wei"),
    ("王芳", "Wang Fang"),
    ("李强", "Li Qiang"),
    ("刘洋", "Liu Yang"),
    ("陈静", "Chen Jing"),
    ("杨磊", "Yang Lei"),
    ("赵敏", "Zhao Min"),
    ("黄勇", "Huang Yong"),
    ("周婷", "Zhou Ting"),
    ("吴刚", "Wu Gang"),
    ("徐丽", "Xu Li"),
    ("孙浩", "Sun Hao"),
    ("马超", "Ma Chao"),
    ("朱琳", "Zhu Lin"),
    ("胡军", "Hu Jun"),
    ("郭鹏", "Guo Peng"),
    ("何欣", "He Xin"),
    ("高峰", "Gao Feng"),
    ("林涛", "Lin Tao"),
    ("罗娜", "Luo Na"),
    ("郑宇", "Zheng Yu"),
    ("梁斌", "Liang Bin"),
    ("谢晨", "Xie Chen"),
    ("宋佳", "Song Jia"),
)
_TEAMS = (
    (
        "华北钢厂组",
        "华北、东北、西北",
        "钢厂与焦化厂:铁矿石、球团、喷吹煤、熔剂石灰石",
        (CustomerType.STEEL_MILL, CustomerType.COKING_PLANT),
    ),
    (
        "有色冶炼组",
        "全国",
        "铜、铅锌冶炼厂与贸易商:铜精矿、锌精矿",
        (CustomerType.CU_SMELTER, CustomerType.ZN_PB_SMELTER, CustomerType.TRADER),
    ),
    (
        "电力建材组",
        "华东、华南、华中",
        "电厂、水泥厂与建筑企业:动力煤、石灰石、骨料、机制砂",
        (CustomerType.POWER_PLANT, CustomerType.CEMENT_PLANT, CustomerType.CONSTRUCTION),
    ),
)
_MOBILE_PREFIXES = (
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "182",
    "183",
    "187",
    "188",
    "147",
    "178",
    "198",
    "130",
    "131",
    "132",
    "155",
    "156",
    "185",
    "186",
    "166",
    "176",
    "133",
    "153",
    "180",
    "181",
    "189",
    "177",
    "173",
    "199",
)


@dataclass(frozen=True)
class _Index:
    code: str
    name_zh: str
    name_en: str
    publisher: str
    currency: Currency
    unit: str
    base: float
    vol: float  # typical daily move, as a fraction


_INDICES = (
    _Index(
        "FE62_CFR",
        "62%品位铁矿石价格指数(CFR青岛)",
        "Iron ore 62% Fe fines index, CFR Qingdao",
        "Platts IODEX(示例数据)",
        Currency.USD,
        "USD/dmt",
        101.0,
        0.016,
    ),
    _Index(
        "DCE_I",
        "大商所铁矿石主力合约结算价",
        "DCE iron ore futures, most-active settlement",
        "大连商品交易所 DCE(示例数据)",
        Currency.CNY,
        "CNY/t",
        790.0,
        0.017,
    ),
    _Index(
        "SMM_CU",
        "SMM 1#电解铜现货均价",
        "SMM #1 copper cathode spot average",
        "上海有色网 SMM(示例数据)",
        Currency.CNY,
        "CNY/t",
        76000.0,
        0.010,
    ),
    _Index(
        "SMM_ZN",
        "SMM 0#锌锭现货均价",
        "SMM #0 zinc ingot spot average",
        "上海有色网 SMM(示例数据)",
        Currency.CNY,
        "CNY/t",
        23600.0,
        0.011,
    ),
    _Index(
        "CCI5500",
        "CCI 5500大卡动力煤价格指数(秦皇岛港平仓)",
        "CCI 5500 kcal thermal coal index, FOB Qinhuangdao",
        "中国煤炭市场网 CCI(示例数据)",
        Currency.CNY,
        "CNY/t",
        830.0,
        0.008,
    ),
    _Index(
        "PCI_TS",
        "唐山低挥发分喷吹煤市场价",
        "Tangshan low-vol PCI coal market price",
        "我的钢铁网 Mysteel(示例数据)",
        Currency.CNY,
        "CNY/t",
        1060.0,
        0.009,
    ),
)


@dataclass(frozen=True)
class _Spec:
    analyte: str
    unit: str
    basis: AnalyteBasis
    typical: str
    min_value: str | None
    max_value: str | None
    reject_min: str | None = None
    reject_max: str | None = None
    places: int = 2  # how assays report it
    spread: float = 0.0  # typical lot-to-lot variation (absolute)


@dataclass(frozen=True)
class _Product:
    code: str
    name_zh: str
    name_en: str
    short: str
    category: ProductCategory
    unit: QuantityUnit
    index: str | None
    hs: str
    currency: Currency
    method: PricingMethod
    price: float  # indicative price (or coefficient/differential basis) in ``currency``
    lot: tuple[int, int]  # tonnes per lot
    specs: tuple[_Spec, ...]
    grade: tuple[str, str] | None = None  # (analyte, base) for pro-rata/metal pricing


#: Index-priced products quoted at a premium or discount to their index (lump, concentrate, PCI).
_INDEX_PREMIUM = {"FE-L63": Decimal(8), "FE-C66": Decimal(45), "CO-PCI": Decimal(-20)}

_AR, _AD, _DRY = AnalyteBasis.AR, AnalyteBasis.AD, AnalyteBasis.DRY
_PRODUCTS = (
    _Product(
        "FE-F62",
        "62%铁矿粉",
        "Iron ore fines Fe 62%",
        "62%粉矿",
        ProductCategory.FE_FINES,
        QuantityUnit.DMT,
        "FE62_CFR",
        "2601110000",
        Currency.USD,
        PricingMethod.FE_PRO_RATA,
        0.0,
        (60000, 170000),
        (
            _Spec("Fe", "%", _DRY, "62.00", "60.50", None, "58.00", None, 2, 0.5),
            _Spec("SiO2", "%", _DRY, "4.00", None, "5.50", None, "7.00", 2, 0.4),
            _Spec("Al2O3", "%", _DRY, "2.30", None, "2.80", None, "3.50", 2, 0.2),
            _Spec("P", "%", _DRY, "0.090", None, "0.120", None, "0.150", 3, 0.01),
            _Spec("S", "%", _DRY, "0.020", None, "0.050", None, None, 3, 0.005),
            _Spec("H2O", "%", _AR, "8.50", None, "10.00", None, None, 2, 0.6),
        ),
        ("Fe", "62"),
    ),
    _Product(
        "FE-F58",
        "58%低品铁矿粉",
        "Iron ore fines Fe 58%",
        "58%粉矿",
        ProductCategory.FE_FINES,
        QuantityUnit.DMT,
        "FE62_CFR",
        "2601110000",
        Currency.USD,
        PricingMethod.VALUE_IN_USE,
        0.0,
        (60000, 130000),
        (
            _Spec("Fe", "%", _DRY, "58.00", "56.50", None, "55.00", None, 2, 0.5),
            _Spec("SiO2", "%", _DRY, "5.80", None, "7.00", None, "8.50", 2, 0.4),
            _Spec("Al2O3", "%", _DRY, "2.80", None, "3.30", None, None, 2, 0.2),
            _Spec("P", "%", _DRY, "0.050", None, "0.080", None, None, 3, 0.008),
            _Spec("H2O", "%", _AR, "9.50", None, "11.00", None, None, 2, 0.6),
        ),
        ("Fe", "62"),
    ),
    _Product(
        "FE-L63",
        "63%铁矿块矿",
        "Iron ore lump Fe 63%",
        "63%块矿",
        ProductCategory.FE_LUMP,
        QuantityUnit.DMT,
        "FE62_CFR",
        "2601110000",
        Currency.USD,
        PricingMethod.INDEX,
        0.0,
        (60000, 130000),
        (
            _Spec("Fe", "%", _DRY, "62.80", "61.50", None, None, None, 2, 0.4),
            _Spec("SiO2", "%", _DRY, "3.60", None, "4.50", None, None, 2, 0.3),
            _Spec("Al2O3", "%", _DRY, "1.50", None, "2.00", None, None, 2, 0.15),
            _Spec("P", "%", _DRY, "0.080", None, "0.100", None, None, 3, 0.008),
            _Spec("H2O", "%", _AR, "4.00", None, "5.50", None, None, 2, 0.4),
        ),
    ),
    _Product(
        "FE-C66",
        "66%铁精粉",
        "Iron ore concentrate Fe 66%",
        "66%铁精粉",
        ProductCategory.FE_CONCENTRATE,
        QuantityUnit.DMT,
        "DCE_I",
        "2601110000",
        Currency.CNY,
        PricingMethod.INDEX,
        0.0,
        (2000, 8000),
        (
            _Spec("Fe", "%", _DRY, "66.00", "65.00", None, "63.00", None, 2, 0.35),
            _Spec("SiO2", "%", _DRY, "5.50", None, "7.00", None, None, 2, 0.4),
            _Spec("Al2O3", "%", _DRY, "0.80", None, "1.20", None, None, 2, 0.1),
            _Spec("P", "%", _DRY, "0.030", None, "0.050", None, None, 3, 0.005),
            _Spec("S", "%", _DRY, "0.100", None, "0.300", None, None, 3, 0.02),
            _Spec("H2O", "%", _AR, "9.00", None, "10.00", None, None, 2, 0.5),
        ),
    ),
    _Product(
        "FE-P65",
        "65%氧化球团",
        "Iron ore pellets Fe 65%",
        "65%球团",
        ProductCategory.FE_PELLET,
        QuantityUnit.WMT,
        None,
        "2601120000",
        Currency.CNY,
        PricingMethod.FIXED,
        1080.0,
        (2000, 8000),
        (
            _Spec("Fe", "%", _DRY, "65.00", "64.00", None, None, None, 2, 0.3),
            _Spec("SiO2", "%", _DRY, "4.50", None, "5.50", None, None, 2, 0.3),
            _Spec("Al2O3", "%", _DRY, "0.60", None, "1.00", None, None, 2, 0.1),
            _Spec("P", "%", _DRY, "0.020", None, "0.040", None, None, 3, 0.004),
            _Spec("S", "%", _DRY, "0.010", None, "0.030", None, None, 3, 0.003),
            _Spec("H2O", "%", _AR, "1.00", None, "2.00", None, None, 2, 0.2),
        ),
    ),
    _Product(
        "CU-C20",
        "铜精矿 Cu20%",
        "Copper concentrate Cu 20%",
        "铜精矿",
        ProductCategory.CU_CONCENTRATE,
        QuantityUnit.DMT,
        "SMM_CU",
        "2603000010",
        Currency.CNY,
        PricingMethod.METAL_COEFFICIENT,
        0.88,
        (1000, 5000),
        (
            _Spec("Cu", "%", _DRY, "20.00", "18.00", None, "16.00", None, 2, 0.6),
            _Spec("As", "%", _DRY, "0.200", None, "0.400", None, "0.500", 3, 0.05),
            _Spec("S", "%", _DRY, "30.00", None, None, None, None, 2, 1.0),
            _Spec("Au", "g/t", _DRY, "2.50", None, None, None, None, 2, 0.4),
            _Spec("Ag", "g/t", _DRY, "80.0", None, None, None, None, 1, 10.0),
            _Spec("H2O", "%", _AR, "9.00", None, "12.00", None, None, 2, 0.6),
        ),
        ("Cu", "20"),
    ),
    _Product(
        "ZN-C48",
        "锌精矿 Zn48%",
        "Zinc concentrate Zn 48%",
        "锌精矿",
        ProductCategory.ZN_CONCENTRATE,
        QuantityUnit.DMT,
        "SMM_ZN",
        "2608000001",
        Currency.CNY,
        PricingMethod.PAYABLE_METAL,
        1900.0,
        (1000, 6000),
        (
            _Spec("Zn", "%", _DRY, "48.00", "45.00", None, "42.00", None, 2, 0.8),
            _Spec("Pb", "%", _DRY, "1.50", None, "2.50", None, None, 2, 0.2),
            _Spec("Fe", "%", _DRY, "8.00", None, "12.00", None, None, 2, 0.6),
            _Spec("SiO2", "%", _DRY, "3.00", None, "5.00", None, None, 2, 0.3),
            _Spec("As", "%", _DRY, "0.200", None, "0.400", None, None, 3, 0.04),
            _Spec("H2O", "%", _AR, "10.00", None, "12.00", None, None, 2, 0.6),
        ),
        ("Zn", "48"),
    ),
    _Product(
        "CO-T55",
        "5500大卡动力煤",
        "Thermal coal NAR 5500",
        "5500动力煤",
        ProductCategory.THERMAL_COAL,
        QuantityUnit.T,
        "CCI5500",
        "2701129000",
        Currency.CNY,
        PricingMethod.CALORIFIC,
        0.0,
        (3000, 20000),
        (
            _Spec("NAR", "kcal/kg", _AR, "5500", "5300", None, "5000", None, 0, 60.0),
            _Spec("TM", "%", _AR, "12.00", None, "15.00", None, "18.00", 1, 0.8),
            _Spec("Ash", "%", _AD, "18.00", None, "22.00", None, None, 2, 1.0),
            _Spec("VM", "%", _AD, "28.00", "24.00", None, None, None, 2, 1.0),
            _Spec("St", "%", _DRY, "0.60", None, "1.00", None, "1.50", 2, 0.08),
        ),
        ("NAR", "5500"),
    ),
    _Product(
        "CO-T50",
        "5000大卡动力煤",
        "Thermal coal NAR 5000",
        "5000动力煤",
        ProductCategory.THERMAL_COAL,
        QuantityUnit.T,
        "CCI5500",
        "2701129000",
        Currency.CNY,
        PricingMethod.CALORIFIC,
        0.0,
        (3000, 20000),
        (
            _Spec("NAR", "kcal/kg", _AR, "5000", "4800", None, "4500", None, 0, 60.0),
            _Spec("TM", "%", _AR, "15.00", None, "18.00", None, None, 1, 0.8),
            _Spec("Ash", "%", _AD, "22.00", None, "26.00", None, None, 2, 1.0),
            _Spec("VM", "%", _AD, "30.00", "25.00", None, None, None, 2, 1.0),
            _Spec("St", "%", _DRY, "0.80", None, "1.20", None, None, 2, 0.08),
        ),
        ("NAR", "5500"),
    ),
    _Product(
        "CO-PCI",
        "低挥发分喷吹煤",
        "Low-vol PCI coal",
        "喷吹煤",
        ProductCategory.PCI_COAL,
        QuantityUnit.T,
        "PCI_TS",
        "2701190000",
        Currency.CNY,
        PricingMethod.INDEX,
        0.0,
        (2000, 8000),
        (
            _Spec("VM", "%", _AD, "12.00", None, "14.00", None, None, 2, 0.6),
            _Spec("Ash", "%", _AD, "10.00", None, "11.50", None, None, 2, 0.4),
            _Spec("St", "%", _DRY, "0.50", None, "0.70", None, None, 2, 0.05),
            _Spec("FC", "%", _AD, "76.00", "74.00", None, None, None, 2, 0.8),
            _Spec("TM", "%", _AR, "9.00", None, "11.00", None, None, 1, 0.6),
        ),
    ),
    _Product(
        "CO-K",
        "主焦煤",
        "Coking coal (prime)",
        "主焦煤",
        ProductCategory.COKING_COAL,
        QuantityUnit.T,
        None,
        "2701121000",
        Currency.CNY,
        PricingMethod.FIXED,
        1620.0,
        (2000, 8000),
        (
            _Spec("Ash", "%", _AD, "10.00", None, "11.00", None, None, 2, 0.4),
            _Spec("VM", "%", _AD, "24.00", "20.00", "28.00", None, None, 2, 0.8),
            _Spec("St", "%", _DRY, "0.80", None, "1.00", None, None, 2, 0.06),
            _Spec("TM", "%", _AR, "10.00", None, "12.00", None, None, 1, 0.6),
        ),
    ),
    _Product(
        "LS-F52",
        "冶金熔剂石灰石 CaO≥52%",
        "Flux limestone CaO 52%+",
        "熔剂石灰石",
        ProductCategory.LIMESTONE,
        QuantityUnit.T,
        None,
        "2521000000",
        Currency.CNY,
        PricingMethod.FIXED,
        96.0,
        (1000, 6000),
        (
            _Spec("CaO", "%", _DRY, "53.00", "52.00", None, None, None, 2, 0.4),
            _Spec("MgO", "%", _DRY, "1.50", None, "2.50", None, None, 2, 0.2),
            _Spec("SiO2", "%", _DRY, "1.20", None, "2.00", None, None, 2, 0.2),
            _Spec("S", "%", _DRY, "0.030", None, "0.060", None, None, 3, 0.005),
            _Spec("H2O", "%", _AR, "2.00", None, "3.00", None, None, 2, 0.3),
        ),
    ),
    _Product(
        "LS-C48",
        "水泥用石灰石 CaO≥48%",
        "Cement-grade limestone CaO 48%+",
        "水泥灰岩",
        ProductCategory.LIMESTONE,
        QuantityUnit.T,
        None,
        "2521000000",
        Currency.CNY,
        PricingMethod.FIXED,
        55.0,
        (1000, 8000),
        (
            _Spec("CaO", "%", _DRY, "49.00", "48.00", None, None, None, 2, 0.5),
            _Spec("MgO", "%", _DRY, "2.50", None, "3.00", None, None, 2, 0.25),
            _Spec("SiO2", "%", _DRY, "4.00", None, "6.00", None, None, 2, 0.4),
            _Spec("H2O", "%", _AR, "2.00", None, "3.00", None, None, 2, 0.3),
        ),
    ),
    _Product(
        "AG-5315",
        "5-31.5mm碎石骨料",
        "Crushed aggregate 5–31.5 mm",
        "碎石骨料",
        ProductCategory.AGGREGATE,
        QuantityUnit.T,
        None,
        "2517100000",
        Currency.CNY,
        PricingMethod.FIXED,
        92.0,
        (1000, 5000),
        (
            _Spec("Mud", "%", _DRY, "0.50", None, "1.00", None, None, 2, 0.1),
            _Spec("Crush", "%", _DRY, "12.00", None, "16.00", None, None, 1, 1.0),
            _Spec("Flaky", "%", _DRY, "5.00", None, "8.00", None, None, 1, 0.8),
            _Spec("H2O", "%", _AR, "1.00", None, "2.00", None, None, 2, 0.2),
        ),
    ),
    _Product(
        "AG-MS",
        "机制砂(中砂)",
        "Manufactured sand (medium)",
        "机制砂",
        ProductCategory.MANUFACTURED_SAND,
        QuantityUnit.T,
        None,
        "2505900000",
        Currency.CNY,
        PricingMethod.FIXED,
        78.0,
        (1000, 4000),
        (
            _Spec("FM", "-", _DRY, "2.70", "2.30", "3.00", None, None, 2, 0.1),
            _Spec("MB", "g/kg", _DRY, "1.00", None, "1.40", None, None, 2, 0.15),
            _Spec("Powder", "%", _DRY, "8.00", None, "10.00", None, None, 1, 0.8),
            _Spec("H2O", "%", _AR, "4.00", None, "6.00", None, None, 2, 0.5),
        ),
    ),
)
_PRODUCTS_FOR_TYPE: dict[CustomerType, tuple[tuple[str, int], ...]] = {
    CustomerType.STEEL_MILL: (
        ("FE-F62", 30),
        ("FE-F58", 10),
        ("FE-L63", 10),
        ("FE-C66", 18),
        ("FE-P65", 10),
        ("CO-PCI", 12),
        ("LS-F52", 10),
    ),
    CustomerType.CU_SMELTER: (("CU-C20", 1),),
    CustomerType.ZN_PB_SMELTER: (("ZN-C48", 1),),
    CustomerType.POWER_PLANT: (("CO-T55", 60), ("CO-T50", 40)),
    CustomerType.CEMENT_PLANT: (("LS-C48", 60), ("CO-T50", 30), ("CO-T55", 10)),
    CustomerType.COKING_PLANT: (("CO-K", 70), ("CO-PCI", 30)),
    CustomerType.TRADER: (
        ("FE-F62", 35),
        ("FE-F58", 15),
        ("CU-C20", 20),
        ("ZN-C48", 10),
        ("CO-T55", 20),
    ),
    CustomerType.CONSTRUCTION: (("AG-5315", 60), ("AG-MS", 40)),
}
_VESSELS = (
    "Cape Harmony",
    "Pacific Fortune",
    "Ocean Pioneer",
    "Great Wisdom",
    "Star Aurora",
    "Golden Bay",
    "Sea Phoenix",
    "Orient Grace",
    "Silver Horizon",
    "Blue Majesty",
    "Iron Crown",
    "Coral Spirit",
    "Jade Voyager",
    "Northern Light",
    "Southern Cross",
)
_OVERSEAS_LOAD = ("黑德兰港(澳大利亚)", "丹皮尔港(澳大利亚)", "萨尔达尼亚港(南非)")
_DOMESTIC_LOAD = ("京唐港", "曹妃甸港", "矿区专用线(迁安)", "矿区专用线(赤峰)", "矿区堆场")
_COMPETITORS = (
    "某澳洲矿商",
    "某巴西矿商",
    "本地民营选矿厂",
    "某大型贸易商",
    "周边煤矿",
    "某国企贸易公司",
    "邻省石料厂",
)


# --- small helpers ------------------------------------------------------------------------------
def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _ms(t: dt.datetime) -> int:
    return (t - _EPOCH) // dt.timedelta(milliseconds=1)


def _dec(value: float, places: int) -> Decimal:
    """A float rounded to ``places`` decimals as an exact Decimal (format rounds correctly)."""
    return Decimal(f"{value:.{places}f}")


def _q(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _noise(rng: random.Random) -> float:
    """Roughly standard-normal noise from three uniforms (pure arithmetic: platform-independent)."""
    return (rng.random() + rng.random() + rng.random() - 1.5) * 2.0


_T = TypeVar("_T")


def _weighted(rng: random.Random, items: Sequence[tuple[_T, float]]) -> _T:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``day`` at a Beijing wall-clock time, as an aware UTC datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA).astimezone(dt.UTC)


def _work_time(rng: random.Random, day: dt.date) -> dt.datetime:
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 50)
    return _local(day, minutes // 60, minutes % 60) + dt.timedelta(seconds=rng.randint(0, 59))


def _workday(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A random date in [first, last], moved off weekends where the range allows."""
    if last <= first:
        return first
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    if day.weekday() >= 5:
        monday = day + dt.timedelta(days=7 - day.weekday())
        friday = day - dt.timedelta(days=day.weekday() - 4)
        day = monday if monday <= last else friday if friday >= first else day
    return day


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    out = []
    y, mth = first.year, first.month
    while (y, mth) <= (last.year, last.month):
        out.append((y, mth))
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    return out


@dataclass
class _Person:
    id: str
    login: str
    name: str
    role: Role
    team: int | None
    factor: float = 1.0  # how big a book the rep carries


@dataclass
class _Walk:
    """A published price series: sorted dates and prices, looked up by "last quote on or before"."""

    dates: list[dt.date]
    prices: list[Decimal]

    def at(self, day: dt.date) -> Decimal:
        lo, hi = 0, len(self.dates)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.dates[mid] <= day:
                lo = mid + 1
            else:
                hi = mid
        return self.prices[max(lo - 1, 0)]


@dataclass
class _DealCustomer:
    id: str
    code: str
    short: str
    ctype: CustomerType
    city: _City
    tier: CustomerTier
    status: CustomerStatus
    owner: _Person
    created: dt.datetime
    contacts: list[str]
    lead_only: bool
    usd: bool  # buys seaborne cargoes in USD


@dataclass
class _Lead:
    stage: Stage
    changes: list[tuple[Stage | None, Stage, dt.datetime]] = field(default_factory=list)


# --- the builder --------------------------------------------------------------------------------
class _Builder:
    def __init__(
        self,
        session: Session,
        options: DemoOptions,
        progress: ProgressFn | None,
        cancelled: CancelledFn | None,
    ) -> None:
        self.session = session
        self.conn = session.connection()
        self.opt = options
        self.seed = options.seed
        self.ids = IdFactory(options.seed)
        self.progress_fn = progress
        self.cancelled_fn = cancelled
        self.today = options.as_of
        self.now = _local(options.as_of, 18, 0)
        self.start = options.as_of - dt.timedelta(days=HISTORY_DAYS)
        self.rollout = _local(self.start - dt.timedelta(days=30), 9, 0)
        self.buf: dict[Table, list[dict[str, Any]]] = {}
        self.step = 0
        n = options.customers
        self.chunks = max(1, math.ceil(n / _CHUNK_CUSTOMERS))
        self.steps = self.chunks + 7  # phases announced by ``tick``
        self.pinyin: dict[str, tuple[str, str]] = {}
        self.seq: dict[str, int] = {}
        self.usccs: set[str] = set()
        self.people: list[_Person] = []
        self.reps: list[_Person] = []
        self.team_managers: list[_Person] = []
        self.service: list[_Person] = []
        self.director: _Person | None = None
        self.admin: _Person | None = None
        self.products: dict[str, tuple[_Product, str]] = {}
        self.walks: dict[str, _Walk] = {}
        self.fx: _Walk | None = None
        self.deal_customers: list[_DealCustomer] = []
        self.customers_by_rep: dict[str, int] = {}
        self.team_ids: list[str] = []
        self.names: set[str] = set()
        # per-customer receivables, filled while invoicing, used for credit profiles and risks
        self.exposure: dict[str, tuple[Decimal, Decimal]] = {}
        # what each rep actually shipped and sold (CNY), so KPI targets are reachable
        self.rep_tonnes: dict[str, Decimal] = {}
        self.rep_revenue: dict[str, Decimal] = {}
        self.rep_activities: dict[str, int] = {}
        # so that even a small demo shows every stage and every contract status
        self.stages_seen: set[Stage] = set()
        self.pending_contracts = 0

    # -- plumbing ---------------------------------------------------------------------------
    def rng(self, name: str) -> random.Random:
        """An independent stream per part, so changing one part leaves the others' data alone."""
        return random.Random(f"minesales-demo-{self.seed}-{name}")

    def tick(self, what: str) -> None:
        """Announce the next phase (``done`` counts the phases finished) and honour cancel."""
        self.check_cancelled()
        if self.progress_fn is not None:
            self.progress_fn(min(self.step, self.steps), self.steps, what)
        self.step += 1

    def check_cancelled(self) -> None:
        if self.cancelled_fn is not None and self.cancelled_fn():
            raise DemoCancelled("demo data generation was cancelled")

    def new(
        self,
        model: Any,
        created: dt.datetime,
        owner: str | None,
        updated: dt.datetime | None = None,
        *,
        row_id: str | None = None,
        **fields: Any,
    ) -> str:
        """Buffer one row with every synced column set explicitly; returns its id.

        ``row_id`` is for rows the app keys by their natural key (``ids.keyed_id``); the next
        UUIDv7 is drawn all the same, so every other id of a seed stays what it was."""
        created = min(created, self.now)
        upd = created if updated is None else min(max(updated, created), self.now)
        made = self.ids.make(_ms(created))
        row_id = row_id or made
        row = {
            "id": row_id,
            "created_at": created,
            "updated_at": upd,
            "is_deleted": False,
            "owner_id": owner,
        }
        row.update(fields)
        self.buf.setdefault(model.__table__, []).append(row)
        return row_id

    def flush(self) -> None:
        """Insert every buffered row, parents before children (metadata order), in chunks."""
        for table in Base.metadata.sorted_tables:
            rows = self.buf.pop(table, None)
            if not rows:
                continue
            keys = list(rows[0])
            for row in rows:
                if len(row) != len(keys):
                    raise AssertionError(f"{table.name}: rows with different columns")
            for i in range(0, len(rows), _INSERT_CHUNK):
                self.conn.execute(insert(table), rows[i : i + _INSERT_CHUNK])
        assert not self.buf, f"tables outside metadata: {list(self.buf)}"

    def next_no(self, prefix: str, year: int, width: int) -> str:
        key = f"{prefix}{year}"
        self.seq[key] = self.seq.get(key, 0) + 1
        return f"{prefix}{year}-{self.seq[key]:0{width}d}"

    def keys(self, text: str) -> tuple[str, str]:
        """(full pinyin, initials) of one name part, cached."""
        hit = self.pinyin.get(text)
        if hit is None:
            hit = (full_pinyin(text), pinyin_initials(text))
            self.pinyin[text] = hit
        return hit

    # -- orchestration ----------------------------------------------------------------------
    def build(self) -> None:
        self.tick("people and teams")
        self.build_people()
        self.tick("products, quality specs and price indices")
        self.build_catalog()
        self.build_customers()
        self.tick("opportunities, quotes, contracts, shipments, invoices")
        self.build_deals()
        self.tick("training, meetings and feedback")
        self.build_team_life()
        self.tick("KPI targets")
        self.build_kpis()
        self.tick("risk register")
        self.build_risks()
        self.flush()
        self.tick("counting rows")
        assert self.step == self.steps, (self.step, self.steps)

    def done(self) -> None:
        if self.progress_fn is not None:
            self.progress_fn(self.steps, self.steps, "done")

    # -- people -----------------------------------------------------------------------------
    def build_people(self) -> None:
        rng = self.rng("people")
        names = list(_STAFF_NAMES)
        first = names.pop(0)  # 张伟 is always a rep: manuals and tests sign in as zhangwei
        rng.shuffle(names)
        n_reps = rng.randint(9, 12)
        salt = hashlib.sha256(f"minesales-demo-salt-{self.seed}".encode()).digest()[:16]
        # One hash for all: every demo user has the same password, and argon2 is deliberately
        # slow (~0.1 s per hash). The salt comes from the seed so the file is reproducible.
        pw_hash = hash_password(self.opt.password, salt=salt)
        created = self.rollout
        hired_base = self.start - dt.timedelta(days=400)

        def person(
            login: str,
            name: str,
            en: str,
            role: Role,
            team: int | None,
            manager: _Person | None,
            position: str,
            territory: str | None,
        ) -> _Person:
            uid = self.ids.make(_ms(created) + len(self.people))
            p = _Person(uid, login, name, role, team)
            admin_id = self.admin.id if self.admin else uid
            employee_no = f"MS{1001 + len(self.people):04d}"
            self.buf.setdefault(_table(m.User), []).append(
                {
                    "id": uid,
                    "created_at": created,
                    "updated_at": created,
                    "is_deleted": False,
                    "owner_id": admin_id,
                    "login": login,
                    "full_name": name,
                    "full_name_en": en,
                    "employee_no": employee_no,
                    "role": role,
                    "team_id": None,
                    "manager_id": manager.id if manager else None,
                    "position": position,
                    "territory": territory,
                    "phone": self.mobile(rng),
                    "email": f"{login}@minesales.example",
                    "password_hash": pw_hash,
                    "active": True,
                    "hired_on": hired_base - dt.timedelta(days=rng.randint(0, 3000)),
                }
            )
            self.people.append(p)
            return p

        self.admin = person(
            "admin", "系统管理员", "Administrator", Role.ADMIN, None, None, "信息化专员", None
        )
        self.director = person(
            "manager", "王建国", "Wang Jianguo", Role.MANAGER, None, None, "销售部总监", "全国"
        )
        team_ids: list[str] = []
        for t, (tname, region, desc, _types) in enumerate(_TEAMS):
            team_ids.append(self.ids.make(_ms(created) + 100 + t))
            zh, en = names.pop()
            mgr = person(
                _login(en, self.people),
                zh,
                en,
                Role.MANAGER,
                t,
                self.director,
                f"{tname}组长",
                region,
            )
            mgr.factor = 0.5
            self.team_managers.append(mgr)
            self.buf.setdefault(_table(m.Team), []).append(
                {
                    "id": team_ids[t],
                    "created_at": created,
                    "updated_at": created,
                    "is_deleted": False,
                    "owner_id": None,
                    "name": tname,
                    "region": region,
                    "description": desc,
                }
            )
        for r in range(n_reps):
            zh, en = first if r == 0 else names.pop()
            team = r % len(_TEAMS)
            rep = person(
                _login(en, self.people),
                zh,
                en,
                Role.REP,
                team,
                self.team_managers[team],
                "销售代表" if r % 4 else "高级销售代表",
                _TEAMS[team][1],
            )
            rep.factor = 1.3 if r % 4 == 0 else 0.8 + 0.1 * (r % 3)
            self.reps.append(rep)
        for s in range(rng.randint(2, 3)):
            zh, en = names.pop()
            self.service.append(
                person(
                    _login(en, self.people),
                    zh,
                    en,
                    Role.SERVICE,
                    None,
                    self.director,
                    "售后服务主管" if s == 0 else "售后服务专员",
                    None,
                )
            )
        # teams are inserted first (metadata order) without an owner, set once the users exist
        users = self.buf[_table(m.User)]
        for row, p in zip(users, self.people, strict=True):
            row["team_id"] = team_ids[p.team] if p.team is not None else None
        self.flush()
        self.conn.execute(
            update(_table(m.Team))
            .where(_table(m.Team).c.id == bindparam("tid"))
            .values(owner_id=bindparam("oid"), updated_at=bindparam("upd")),
            # updated_at is given explicitly, else the column's onupdate would stamp the clock
            [
                {"tid": team_ids[i], "oid": mgr.id, "upd": created}
                for i, mgr in enumerate(self.team_managers)
            ],
        )
        self.team_ids = team_ids

    def mobile(self, rng: random.Random) -> str:
        return rng.choice(_MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"

    # -- catalog ----------------------------------------------------------------------------
    def build_catalog(self) -> None:
        assert self.admin is not None
        admin = self.admin.id
        at = self.rollout
        index_ids: dict[str, str] = {}
        first_quote = self.start - dt.timedelta(days=31)
        n_days = (self.today - first_quote).days + 1
        days = [first_quote + dt.timedelta(days=i) for i in range(n_days)]
        workdays = [d for d in days if d.weekday() < 5]
        for idx in _INDICES:
            index_ids[idx.code] = self.new(
                m.PriceIndex,
                at,
                admin,
                code=idx.code,
                name_zh=idx.name_zh,
                name_en=idx.name_en,
                publisher=idx.publisher,
                currency=idx.currency,
                unit=idx.unit,
                description="示例数据:按种子生成的随机游走,非真实行情。"
                "Demo data: a seeded random walk, not real market prices.",
            )
            walk_rng = self.rng(f"walk-{idx.code}")
            price = idx.base * (1 + 0.08 * _noise(walk_rng))
            prices: list[Decimal] = []
            for _ in workdays:
                pull = 0.02 * (idx.base / price - 1)  # mean reversion keeps two years plausible
                price *= 1 + pull + idx.vol * _noise(walk_rng)
                prices.append(_dec(price, 2))
            self.walks[idx.code] = _Walk(workdays, prices)
            for d, price_d in zip(workdays, prices, strict=True):
                stamp = _local(d, 17, 30)
                self.new(
                    m.IndexQuote,
                    stamp,
                    admin,
                    row_id=keyed_id("index_quotes", index_ids[idx.code], d.isoformat()),
                    index_id=index_ids[idx.code],
                    quote_date=d,
                    price=price_d,
                )
        fx_rng = self.rng("walk-fx")
        rate, fx_prices = 7.18, []
        for _ in workdays:
            rate *= 1 + 0.02 * (7.18 / rate - 1) + 0.0015 * _noise(fx_rng)
            fx_prices.append(_dec(rate, 4))
        self.fx = _Walk(workdays, fx_prices)
        for order, p in enumerate(_PRODUCTS):
            pid = self.new(
                m.Product,
                at,
                admin,
                code=p.code,
                name_zh=p.name_zh,
                name_en=p.name_en,
                category=p.category,
                unit=p.unit,
                default_index_id=index_ids[p.index] if p.index else None,
                hs_code=p.hs,
                active=True,
                description=f"{p.name_zh} / {p.name_en}",
            )
            self.products[p.code] = (p, pid)
            for s_order, s in enumerate(p.specs):
                self.new(
                    m.QualitySpec,
                    at + dt.timedelta(seconds=order),
                    admin,
                    product_id=pid,
                    analyte=s.analyte,
                    unit=s.unit,
                    basis=s.basis,
                    typical=Decimal(s.typical),
                    min_value=_opt(s.min_value),
                    max_value=_opt(s.max_value),
                    reject_min=_opt(s.reject_min),
                    reject_max=_opt(s.reject_max),
                    sort_order=s_order,
                )
        self.flush()

    # -- customers --------------------------------------------------------------------------
    def build_customers(self) -> None:
        """Plan all customers (cheap tuples), then generate and insert them in chunks."""
        rng = self.rng("customers")
        n = self.opt.customers
        n_reps = len(self.reps)
        n_active = min(round(0.3 * n), round(8 * n_reps * n**0.25))
        n_active = max(n_active, min(n, 3))
        tiers = [
            _weighted(
                rng,
                (
                    (CustomerTier.A, 5),
                    (CustomerTier.B, 15),
                    (CustomerTier.C, 40),
                    (CustomerTier.D, 40),
                ),
            )
            for _ in range(n)
        ]
        weight = {
            CustomerTier.A: 8.0,
            CustomerTier.B: 4.0,
            CustomerTier.C: 1.5,
            CustomerTier.D: 0.5,
        }
        # weighted sampling without replacement (Efraimidis–Spirakis) of the active customers
        keys = sorted(
            range(n), key=lambda i: rng.random() ** (1.0 / weight[tiers[i]]), reverse=True
        )
        active = set(keys[:n_active])
        statuses: list[CustomerStatus] = []
        for i in range(n):
            if i in active:
                statuses.append(CustomerStatus.ACTIVE)
            else:
                statuses.append(
                    _weighted(
                        rng,
                        (
                            (CustomerStatus.PROSPECT, 55),
                            (CustomerStatus.DORMANT, 44),
                            (CustomerStatus.BLACKLISTED, 1),
                        ),
                    )
                )
        prospects = [i for i in range(n) if statuses[i] is CustomerStatus.PROSPECT]
        n_leads = min(len(prospects), round(2 * n_reps * n**0.25))
        leads = set(rng.sample(prospects, n_leads))
        types = list(_TYPE_WEIGHTS.items())
        cities_for = {t: [c for c in _CITIES if _TYPE_LETTER[t] in c.types] for t in _TYPE_WEIGHTS}
        team_of = {t: k for k, team in enumerate(_TEAMS) for t in team[3]}
        reps_of = {k: [r for r in self.reps if r.team == k] for k in range(len(_TEAMS))}
        import_day = self.start - dt.timedelta(days=180)
        span_all = (self.today - import_day).days
        plans = []
        for i in range(n):
            status = statuses[i]
            if status is CustomerStatus.ACTIVE:
                lo, hi = 0, min(span_all - 60, 540)
            elif status is CustomerStatus.PROSPECT:
                lo, hi = 0, span_all - 1
            else:
                lo, hi = 0, span_all - 300
            days = 0 if rng.random() < 0.35 else rng.randint(lo, max(lo, hi))
            created = _work_time(rng, import_day + dt.timedelta(days=days))
            ctype: CustomerType = _weighted(rng, types)
            city = rng.choice(cities_for[ctype])
            team_reps = reps_of[team_of[ctype]]
            owner = _weighted(rng, [(r, r.factor) for r in team_reps])
            plans.append((created, i, status, tiers[i], ctype, city, owner, i in leads))
        plans.sort(key=lambda p: (p[0], p[1]))  # codes follow the order customers were entered
        for chunk in range(self.chunks):
            lo = chunk * _CHUNK_CUSTOMERS
            part = plans[lo : lo + _CHUNK_CUSTOMERS]
            self.tick(f"customers {lo + 1}–{lo + len(part)} of {n}, contacts, activities")
            crng = self.rng(f"customers-{chunk}")
            for k, plan in enumerate(part):
                self.make_customer(crng, lo + k + 1, *plan)
            self.flush()

    def company_name(
        self, rng: random.Random, ctype: CustomerType, city: _City, used: set[str]
    ) -> tuple[str, str, str, str, str]:
        """(name_zh, short, name_en, trade name, suffix) — fictitious, built from parts."""
        for attempt in range(200):
            a, b = rng.sample(_TRADE_CHARS, 2)
            trade = a + b
            if trade in _BANNED_TRADE_NAMES:
                continue
            suffix, short_word, en_suffix = rng.choice(_SUFFIXES[ctype])
            name = city.name + trade + suffix
            if name in used and attempt < 199:
                continue
            used.add(name)
            trade_en = self.keys(trade)[0].capitalize()
            return name, trade + short_word, f"{city.en} {trade_en} {en_suffix}", trade, suffix
        raise AssertionError("unreachable")

    def make_customer(
        self,
        rng: random.Random,
        number: int,
        created: dt.datetime,
        _i: int,
        status: CustomerStatus,
        tier: CustomerTier,
        ctype: CustomerType,
        city: _City,
        owner: _Person,
        lead: bool,
    ) -> None:
        name, short, name_en, trade, suffix = self.company_name(rng, ctype, city, self.names)
        code = f"C{number:06d}"
        uscc = self.uscc(rng, city)
        cid = self.ids.make(_ms(created))
        # contacts
        n_contacts = (
            rng.choice((2, 2, 3, 3, 3))
            if status is CustomerStatus.ACTIVE or lead
            else rng.choice((1, 1, 1, 2, 2, 3))
        )
        roles = [
            DecisionRole.PURCHASER,
            DecisionRole.DECISION_MAKER,
            DecisionRole.TECHNICAL,
            DecisionRole.FINANCE,
            DecisionRole.INFLUENCER,
            DecisionRole.USER,
        ]
        phones_by_id: dict[str, list[str]] = {}
        contact_ids: list[str] = []
        domain = f"{self.keys(trade)[0]}{self.keys(suffix[:2])[0]}.com.cn"
        for k in range(n_contacts):
            role = roles[k] if k < 2 or rng.random() < 0.5 else rng.choice(roles[2:])
            zh, py_sur, py_given = _person_name(rng)
            dept, title = _CONTACT_ROLE[role]
            mobile = self.mobile(rng)
            landline = (
                f"{city.area}-{rng.randint(2, 8)}{rng.randint(0, 999_999):06d}"
                if rng.random() < 0.35
                else None
            )
            handle = rng.random()
            wechat = (
                None
                if handle < 0.25
                else mobile
                if handle < 0.5
                else f"{py_sur}{py_given}{rng.randint(60, 99)}"
                if handle < 0.8
                else f"wxid_{rng.getrandbits(40):010x}"
            )
            email = f"{py_given}.{py_sur}@{domain}" if rng.random() < 0.5 else None
            c_created = created + dt.timedelta(minutes=2 + 3 * k)
            contact_ids.append(
                self.new(
                    m.Contact,
                    c_created,
                    owner.id,
                    customer_id=cid,
                    name=zh,
                    title=rng.choice(title),
                    department=dept,
                    decision_role=role,
                    phone=landline,
                    mobile=mobile,
                    wechat=wechat,
                    email=email,
                    is_primary=k == 0,
                    notes=None,
                )
            )
            phones_by_id[contact_ids[-1]] = [p for p in (landline, mobile) if p]
        # Contact-id order, as services.customers computes it on every laptop.
        phones = [p for kid in sorted(phones_by_id) for p in phones_by_id[kid]]
        py_name = "".join(self.keys(part)[0] for part in (city.name, trade, suffix))
        ini_name = "".join(self.keys(part)[1] for part in (city.name, trade, suffix))
        short_word = short[len(trade) :]
        py_short = self.keys(trade)[0] + self.keys(short_word)[0]
        ini_short = self.keys(trade)[1] + self.keys(short_word)[1]
        search = _search_text(
            name, py_name, ini_name, code, short, py_short, ini_short, name_en, uscc, phones
        )
        updated = created + dt.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
        street = rng.choice(_STREETS)
        self.buf.setdefault(_table(m.Customer), []).append(
            {
                "id": cid,
                "created_at": created,
                "updated_at": min(updated, self.now),
                "is_deleted": False,
                "owner_id": owner.id,
                "code": code,
                "name_zh": name,
                "name_en": name_en,
                "short_name": short,
                "uscc": uscc,
                "customer_type": ctype,
                "province": city.province,
                "city": city.name,
                "address": f"{city.province}{'' if city.province == city.name else city.name}"
                f"{street}{rng.randint(1, 399)}号",
                "port": city.port,
                "tier": tier,
                "status": status,
                "website": f"www.{domain}" if rng.random() < 0.3 else None,
                "notes": _CUSTOMER_NOTES[status] if rng.random() < 0.3 else None,
                "name_pinyin": py_name,
                "name_initials": ini_name,
                "search_text": search,
            }
        )
        self.customers_by_rep[owner.id] = self.customers_by_rep.get(owner.id, 0) + 1
        if status is CustomerStatus.ACTIVE or lead:
            usd = (
                ctype in (CustomerType.STEEL_MILL, CustomerType.TRADER)
                and (city.port in _SEA_PORTS)
                and rng.random() < 0.6
            )
            self.deal_customers.append(
                _DealCustomer(
                    cid,
                    code,
                    short,
                    ctype,
                    city,
                    tier,
                    status,
                    owner,
                    created,
                    contact_ids,
                    lead,
                    usd,
                )
            )
            if status is CustomerStatus.ACTIVE and rng.random() < 0.05:
                self.reassign(rng, cid, owner, created)
        else:
            self.light_activities(rng, cid, status, owner, created, contact_ids, city)

    def uscc(self, rng: random.Random, city: _City) -> str:
        while True:
            org = "".join(rng.choice(USCC_CHARSET) for _ in range(9))
            first17 = "91" + city.adcode + org
            code = first17 + uscc_check_char(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def reassign(self, rng: random.Random, cid: str, owner: _Person, created: dt.datetime) -> None:
        others = [r for r in self.reps if r.team == owner.team and r is not owner]
        if not others:
            return
        day = _workday(rng, max(created.date(), self.start), self.today - dt.timedelta(days=30))
        at = _work_time(rng, day)
        assert owner.team is not None
        self.new(
            m.OwnershipChange,
            at,
            owner.id,
            entity_type="customer",
            entity_id=cid,
            from_user_id=rng.choice(others).id,
            to_user_id=owner.id,
            changed_by_id=self.team_managers[owner.team].id,
            changed_at=at,
            reason=rng.choice(_REASSIGN_REASONS),
        )

    def light_activities(
        self,
        rng: random.Random,
        cid: str,
        status: CustomerStatus,
        owner: _Person,
        created: dt.datetime,
        contacts: list[str],
        city: _City,
    ) -> None:
        """A prospect's or dormant customer's few touches, and the follow-up plan they leave."""
        first = max(created.date(), self.start)
        if status is CustomerStatus.PROSPECT:
            last = self.today
            k = _weighted(rng, ((0, 30), (1, 35), (2, 25), (3, 10)))
        else:
            last = self.today - dt.timedelta(days=200)
            k = _weighted(rng, ((0, 35), (1, 35), (2, 20), (3, 10)))
        if last < first or k == 0:
            return
        times = sorted(_work_time(rng, _workday(rng, first, last)) for _ in range(k))
        times = [max(t, created + dt.timedelta(hours=1)) for t in times]
        kinds = (
            (ActivityKind.PHONE, 35),
            (ActivityKind.WECHAT, 30),
            (ActivityKind.VISIT, 20),
            (ActivityKind.EMAIL, 10),
            (ActivityKind.MEETING, 5),
        )
        acts = [
            self.activity(
                rng,
                cid,
                owner,
                t,
                _weighted(rng, kinds),
                rng.choice(contacts),
                None,
                city,
                "prospect",
            )
            for t in times
        ]
        self.plans_for(rng, cid, owner, acts, status)

    # -- activities and plans ---------------------------------------------------------------
    def activity(
        self,
        rng: random.Random,
        cid: str,
        owner: _Person,
        at: dt.datetime,
        kind: ActivityKind,
        contact: str | None,
        opp: str | None,
        city: _City,
        topic: str,
    ) -> tuple[str, dt.datetime, dt.date | None, str | None, str | None]:
        if topic in ("prospect", "care"):
            onsite = kind in (ActivityKind.VISIT, ActivityKind.SITE_VISIT, ActivityKind.MEETING)
            topic = f"{topic}-{'onsite' if onsite else 'remote'}"
        subject, next_action = rng.choice(_ACTIVITY_TEXT[topic])
        outcome = _weighted(
            rng,
            (
                (ActivityOutcome.POSITIVE, 40),
                (ActivityOutcome.NEUTRAL, 40),
                (ActivityOutcome.NEGATIVE, 10),
                (ActivityOutcome.NO_CONTACT, 10),
            ),
        )
        if kind in (
            ActivityKind.VISIT,
            ActivityKind.EMAIL,
            ActivityKind.MEETING,
            ActivityKind.SITE_VISIT,
        ):
            outcome = ActivityOutcome.POSITIVE if outcome is ActivityOutcome.NO_CONTACT else outcome
        has_next = rng.random() < 0.75
        next_date = (
            at.astimezone(CHINA).date()
            + dt.timedelta(days=rng.choice((1, 2, 3, 5, 7, 7, 10, 14, 21)))
            if has_next
            else None
        )
        lat = lon = None
        if kind in (ActivityKind.VISIT, ActivityKind.SITE_VISIT):
            lat = _dec(city.lat + 0.08 * (rng.random() - 0.5), 6)
            lon = _dec(city.lon + 0.08 * (rng.random() - 0.5), 6)
        notes = f"{kind.label_zh}:{subject}。{_OUTCOME_NOTE[outcome]}"
        self.rep_activities[owner.id] = self.rep_activities.get(owner.id, 0) + 1
        aid = self.new(
            m.Activity,
            at,
            owner.id,
            at + dt.timedelta(minutes=rng.randint(5, 90)),
            customer_id=cid,
            contact_id=contact,
            opportunity_id=opp,
            kind=kind,
            occurred_at=at,
            subject=subject,
            notes=notes,
            outcome=outcome,
            next_action=next_action if has_next else None,
            next_action_date=next_date,
            latitude=lat,
            longitude=lon,
        )
        return aid, at, next_date, next_action if has_next else None, opp

    def plans_for(
        self,
        rng: random.Random,
        cid: str,
        owner: _Person,
        acts: list[tuple[str, dt.datetime, dt.date | None, str | None, str | None]],
        status: CustomerStatus,
    ) -> None:
        """Each activity's next action becomes a plan, done by the next activity (or still open).

        The last plan of a live customer stays OPEN: due today, overdue, or ahead; a dormant
        customer's is cancelled.
        """
        acts = sorted(acts, key=lambda a: a[1])
        for k, (_aid, at, next_date, next_action, opp) in enumerate(acts):
            if next_date is None or next_action is None:
                continue
            later = acts[k + 1] if k + 1 < len(acts) else None
            kind = _weighted(
                rng, ((ActivityKind.PHONE, 40), (ActivityKind.VISIT, 30), (ActivityKind.WECHAT, 30))
            )
            if later is not None:
                self.new(
                    m.FollowUpPlan,
                    at,
                    owner.id,
                    later[1],
                    customer_id=cid,
                    opportunity_id=opp,
                    action=next_action,
                    kind=kind,
                    due_date=next_date,
                    status=FollowUpStatus.DONE,
                    done_at=later[1],
                    done_activity_id=later[0],
                )
                continue
            stale = (self.today - next_date).days > 30 and rng.random() < 0.9
            if stale or status in (CustomerStatus.DORMANT, CustomerStatus.BLACKLISTED):
                # nobody leaves a plan open for months: it was called off
                cancelled_at = _work_time(rng, next_date + dt.timedelta(days=rng.randint(1, 30)))
                self.new(
                    m.FollowUpPlan,
                    at,
                    owner.id,
                    cancelled_at,
                    customer_id=cid,
                    opportunity_id=opp,
                    action=next_action,
                    kind=kind,
                    due_date=next_date,
                    status=FollowUpStatus.CANCELLED,
                    done_at=None,
                    done_activity_id=None,
                )
                continue
            due = next_date
            age = (self.today - at.astimezone(CHINA).date()).days
            if age <= 10 and rng.random() < 0.35:
                due = self.today  # some plans are due today
            self.new(
                m.FollowUpPlan,
                at,
                owner.id,
                at,
                customer_id=cid,
                opportunity_id=opp,
                action=next_action,
                kind=kind,
                due_date=due,
                status=FollowUpStatus.OPEN,
                done_at=None,
                done_activity_id=None,
            )

    # -- deals ------------------------------------------------------------------------------
    def build_deals(self) -> None:
        """Opportunities with their whole life for the deal-bearing customers."""
        for k, cust in enumerate(self.deal_customers):
            rng = self.rng(f"deals-{cust.code}")
            self.customer_deals(rng, cust)
            if k % 250 == 249:
                self.check_cancelled()
                self.flush()
        self.flush()
        self.build_service_extras()
        self.flush()

    def customer_deals(self, rng: random.Random, cust: _DealCustomer) -> None:
        acts: list[tuple[str, dt.datetime, dt.date | None, str | None, str | None]] = []
        first = max(cust.created + dt.timedelta(days=3), self.rollout + dt.timedelta(days=30))
        if cust.lead_only:
            n_opps = 1
        else:
            lo, hi = {
                CustomerTier.A: (3, 6),
                CustomerTier.B: (2, 4),
                CustomerTier.C: (1, 3),
                CustomerTier.D: (1, 2),
            }[cust.tier]
            n_opps = rng.randint(lo, hi)
        credit = self.credit_terms(rng, cust)
        won_any = False
        span = max(1, (self.now - first).days - 2)
        starts = sorted(
            first + dt.timedelta(days=rng.randint(0, span), minutes=rng.randint(0, 600))
            for _ in range(n_opps)
        )
        if cust.lead_only:
            starts = [self.now - dt.timedelta(days=rng.randint(2, 100), hours=rng.randint(0, 9))]
        for start in starts:
            start = _work_time(rng, start.astimezone(CHINA).date())
            if start > self.now - dt.timedelta(hours=2):
                start = self.now - dt.timedelta(hours=3)
            won = self.opportunity(rng, cust, start, won_any, credit, acts)
            won_any = won_any or won
        if not cust.lead_only:
            # relationship touches between deals: roughly every five to eight weeks
            day = first.astimezone(CHINA).date()
            kinds = (
                (ActivityKind.PHONE, 30),
                (ActivityKind.WECHAT, 30),
                (ActivityKind.VISIT, 25),
                (ActivityKind.MEETING, 5),
                (ActivityKind.SITE_VISIT, 5),
                (ActivityKind.EMAIL, 5),
            )
            while True:
                day += dt.timedelta(days=rng.randint(30, 60))
                if day > self.today:
                    break
                at = _work_time(rng, _workday(rng, day, day + dt.timedelta(days=2)))
                if at > self.now:
                    break
                acts.append(
                    self.activity(
                        rng,
                        cust.id,
                        cust.owner,
                        at,
                        _weighted(rng, kinds),
                        rng.choice(cust.contacts),
                        None,
                        cust.city,
                        "care",
                    )
                )
        self.plans_for(rng, cust.id, cust.owner, acts, CustomerStatus.ACTIVE)
        if not cust.lead_only:
            self.credit_profile(rng, cust, credit)

    def credit_terms(self, rng: random.Random, cust: _DealCustomer) -> dict[str, Any]:
        limit_range = {
            CustomerTier.A: (50, 200),
            CustomerTier.B: (20, 60),
            CustomerTier.C: (5, 20),
            CustomerTier.D: (1, 5),
        }[cust.tier]
        limit = Decimal(rng.randint(*limit_range)) * Decimal(1_000_000)
        if cust.usd:
            limit = _q(limit / Decimal(7), -5)
        days = rng.choice((0, 30, 30, 45, 60, 90)) if not cust.usd else rng.choice((0, 0, 30))
        return {"limit": limit, "days": days}

    def credit_profile(
        self, rng: random.Random, cust: _DealCustomer, credit: dict[str, Any]
    ) -> None:
        open_ar, overdue = self.exposure.get(cust.id, (Decimal(0), Decimal(0)))
        base = {CustomerTier.A: 88, CustomerTier.B: 78, CustomerTier.C: 68, CustomerTier.D: 58}
        score = base[cust.tier] + rng.randint(-8, 8)
        if overdue > 0:
            score -= rng.randint(10, 25)
        if cust.status is CustomerStatus.BLACKLISTED:
            score = rng.randint(5, 25)
        score = max(0, min(100, score))
        rating = next(r for s, r in _RATINGS if score >= s)
        reviewed = _workday(
            rng, self.today - dt.timedelta(days=330), self.today - dt.timedelta(days=5)
        )
        at = _work_time(rng, reviewed)
        security = (
            CreditSecurity.LC
            if cust.usd
            else _weighted(
                rng,
                (
                    (CreditSecurity.NONE, 50),
                    (CreditSecurity.BANK_GUARANTEE, 15),
                    (CreditSecurity.PARENT_GUARANTEE, 15),
                    (CreditSecurity.DEPOSIT, 10),
                    (CreditSecurity.CREDIT_INSURANCE, 10),
                ),
            )
        )
        note = None
        if overdue > 0:
            note = f"存在逾期应收 {overdue:,.2f},已暂停新增赊销额度,按周跟踪回款。"
        elif open_ar > credit["limit"]:
            note = "应收余额接近或超过额度,新合同需总经理特批。"
        self.new(
            m.CreditProfile,
            at,
            cust.owner.id,
            row_id=keyed_id("credit_profiles", cust.id),
            customer_id=cust.id,
            score=score,
            rating=rating,
            credit_limit=credit["limit"],
            currency=Currency.USD if cust.usd else Currency.CNY,
            credit_days=credit["days"],
            security=security,
            reviewed_on=reviewed,
            notes=note,
        )

    def pick_product(self, rng: random.Random, cust: _DealCustomer) -> _Product:
        options = _PRODUCTS_FOR_TYPE[cust.ctype]
        if cust.usd:
            options = tuple(o for o in options if self.products[o[0]][0].currency is Currency.USD)
        elif cust.ctype in (CustomerType.STEEL_MILL, CustomerType.TRADER):
            options = (
                tuple(o for o in options if self.products[o[0]][0].currency is Currency.CNY)
                or options
            )
        return self.products[_weighted(rng, options)][0]

    def opportunity(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        start: dt.datetime,
        repeat: bool,
        credit: dict[str, Any],
        acts: list[tuple[str, dt.datetime, dt.date | None, str | None, str | None]],
    ) -> bool:
        product = self.pick_product(rng, cust)
        pid = self.products[product.code][1]
        seaborne = product.currency is Currency.USD
        deal_type = self.deal_type(rng, cust, seaborne)
        tender = deal_type is DealType.TENDER
        # quantity: one cargo / lot series
        lot_lo, lot_hi = product.lot
        n_lots = (
            rng.choice((1, 1, 1, 2))
            if deal_type is DealType.SPOT
            else rng.randint(2, 4)
            if seaborne
            else rng.randint(2, 8)
        )
        lot = rng.randint(lot_lo // 1000, lot_hi // 1000) * 1000
        quantity = Decimal(lot * n_lots)
        # the stage it ends in today
        age = (self.now - start).days
        final = self.final_stage(rng, age, tender, cust.lead_only)
        if not cust.lead_only:
            missing = [
                s for s in Stage if s not in self.stages_seen and (tender or s is not Stage.AWARDED)
            ]
            if missing and final in self.stages_seen and len(self.stages_seen) < len(Stage):
                final = missing[0]
            self.stages_seen.add(final)
        path = self.stage_path(rng, final, tender, repeat)
        times = self.stage_times(rng, start, len(path))
        owner = cust.owner
        assert owner.team is not None
        manager = self.team_managers[owner.team]
        year = start.astimezone(CHINA).year
        code = self.next_no("SJ", year, 5)
        price = self.indicative_price(rng, product, start.astimezone(CHINA).date())
        currency = product.currency
        est = _q(price * quantity, 2)
        opp_id = self.ids.make(_ms(times[0]))
        stage = path[-1]
        lost_reason = lost_note = competitor = None
        if stage is Stage.LOST:
            lost_reason = _weighted(
                rng,
                (
                    (LostReason.PRICE, 40),
                    (LostReason.COMPETITOR, 20),
                    (LostReason.SPEC, 15),
                    (LostReason.LOGISTICS, 10),
                    (LostReason.CREDIT, 10),
                    (LostReason.OTHER, 5),
                ),
            )
            lost_note = _LOST_NOTES[lost_reason]
            if lost_reason in (LostReason.PRICE, LostReason.COMPETITOR):
                competitor = rng.choice(_COMPETITORS)
        closed_at = times[-1] if stage in (Stage.WON, Stage.LOST) else None
        if closed_at is not None:
            expected = closed_at.astimezone(CHINA).date()
        else:
            expected = self.today + dt.timedelta(days=rng.randint(7, 90))
        bid_deadline = None
        if tender:
            if Stage.QUOTED in path:
                bid_deadline = times[path.index(Stage.QUOTED)] + dt.timedelta(
                    days=rng.randint(1, 5)
                )
                bid_deadline = _local(bid_deadline.astimezone(CHINA).date(), 9, 30)
            else:
                bid_deadline = _local(self.today + dt.timedelta(days=rng.randint(-2, 25)), 9, 30)
        qty_wan = f"{quantity / 10000:.1f}".rstrip("0").rstrip(".")
        title = f"{cust.short} {product.short} {qty_wan}万吨 {deal_type.label_zh}"
        source = (
            LeadSource.EXISTING
            if repeat
            else LeadSource.TENDER_NOTICE
            if tender
            else _weighted(
                rng,
                (
                    (LeadSource.REFERRAL, 25),
                    (LeadSource.EXHIBITION, 15),
                    (LeadSource.COLD_CALL, 30),
                    (LeadSource.INBOUND, 30),
                ),
            )
        )
        self.buf.setdefault(_table(m.Opportunity), []).append(
            {
                "id": opp_id,
                "created_at": times[0],
                "updated_at": times[-1],
                "is_deleted": False,
                "owner_id": owner.id,
                "code": code,
                "title": title,
                "customer_id": cust.id,
                "product_id": pid,
                "deal_type": deal_type,
                "source": source,
                "quantity": quantity,
                "quantity_unit": product.unit,
                "currency": currency,
                "estimated_value": est,
                "stage": stage,
                "probability": _PROBABILITY[stage],
                "stage_entered_at": times[-1],
                "expected_close": expected,
                "bid_deadline": bid_deadline,
                "lost_reason": lost_reason,
                "lost_note": lost_note,
                "competitor": competitor,
                "closed_at": closed_at,
                "notes": f"{cust.city.province}{cust.city.name},{product.name_zh},"
                f"{'海运' if seaborne else '国内'}",
            }
        )
        prev: Stage | None = None
        for st, t in zip(path, times, strict=True):
            by = manager.id if st in (Stage.WON, Stage.LOST) and rng.random() < 0.3 else owner.id
            self.new(
                m.StageChange,
                t,
                owner.id,
                opportunity_id=opp_id,
                from_stage=prev,
                to_stage=st,
                changed_by_id=by,
                changed_at=t,
                note=_STAGE_NOTES[st],
            )
            if st is not Stage.LOST or rng.random() < 0.5:
                kind = _STAGE_ACTIVITY[st]
                at = t - dt.timedelta(minutes=rng.randint(20, 240))
                acts.append(
                    self.activity(
                        rng,
                        cust.id,
                        owner,
                        max(at, start),
                        kind,
                        rng.choice(cust.contacts),
                        opp_id,
                        cust.city,
                        st.value.lower(),
                    )
                )
            prev = st
        # quotes
        terms = self.deal_terms(rng, cust, product, deal_type, credit)
        quote_ids = self.quotes(rng, cust, product, pid, opp_id, code, path, times, quantity, terms)
        # contract
        if stage is Stage.WON:
            self.contract(
                rng,
                cust,
                product,
                pid,
                opp_id,
                quote_ids[-1],
                deal_type,
                quantity,
                n_lots,
                terms,
                times[-1],
                won=True,
            )
        elif stage in (Stage.NEGOTIATION, Stage.AWARDED) and quote_ids and rng.random() < 0.6:
            self.contract(
                rng,
                cust,
                product,
                pid,
                opp_id,
                quote_ids[-1],
                deal_type,
                quantity,
                n_lots,
                terms,
                times[-1],
                won=False,
            )
        elif (
            stage is Stage.LOST
            and lost_reason is LostReason.CREDIT
            and quote_ids
            and prev is Stage.LOST
            and len(path) >= 4
        ):
            self.contract(
                rng,
                cust,
                product,
                pid,
                opp_id,
                quote_ids[-1],
                deal_type,
                quantity,
                n_lots,
                terms,
                times[-1],
                won=False,
                rejected=True,
            )
        return stage is Stage.WON

    def deal_type(self, rng: random.Random, cust: _DealCustomer, seaborne: bool) -> DealType:
        if (
            cust.ctype
            in (CustomerType.POWER_PLANT, CustomerType.CONSTRUCTION, CustomerType.CEMENT_PLANT)
            and rng.random() < 0.5
        ):
            return DealType.TENDER
        if seaborne:
            return _weighted(
                rng,
                (
                    (DealType.SPOT, 60),
                    (DealType.TERM, 30),
                    (DealType.TENDER, 5),
                    (DealType.OFFTAKE, 5),
                ),
            )
        if cust.tier in (CustomerTier.A, CustomerTier.B) and rng.random() < 0.35:
            return DealType.TERM
        if cust.ctype is CustomerType.TRADER and rng.random() < 0.1:
            return DealType.OFFTAKE
        return _weighted(rng, ((DealType.DOMESTIC, 70), (DealType.SPOT, 20), (DealType.TENDER, 10)))

    def final_stage(self, rng: random.Random, age: int, tender: bool, lead_only: bool) -> Stage:
        if lead_only:
            return _weighted(rng, ((Stage.LEAD, 55), (Stage.QUALIFIED, 35), (Stage.LOST, 10)))
        if age < 30:
            options: list[tuple[Stage, float]] = [
                (Stage.LEAD, 30),
                (Stage.QUALIFIED, 25),
                (Stage.SAMPLE, 10),
                (Stage.QUOTED, 20),
                (Stage.NEGOTIATION, 10),
                (Stage.LOST, 5),
            ]
        elif age < 120:
            options = [
                (Stage.LEAD, 5),
                (Stage.QUALIFIED, 10),
                (Stage.SAMPLE, 8),
                (Stage.QUOTED, 15),
                (Stage.NEGOTIATION, 15),
                (Stage.WON, 30),
                (Stage.LOST, 17),
            ]
        else:
            options = [
                (Stage.WON, 50),
                (Stage.LOST, 40),
                (Stage.QUOTED, 4),
                (Stage.NEGOTIATION, 4),
                (Stage.QUALIFIED, 2),
            ]
        if tender:
            options.append((Stage.AWARDED, 12 if age < 120 else 2))
        return _weighted(rng, options)

    def stage_path(
        self, rng: random.Random, final: Stage, tender: bool, repeat: bool
    ) -> list[Stage]:
        """The stages an opportunity went through to reach ``final`` (a legal forward path)."""
        full = [Stage.LEAD, Stage.QUALIFIED]
        if final is Stage.SAMPLE or (not repeat and rng.random() < 0.35):
            full.append(Stage.SAMPLE)
        full.append(Stage.QUOTED)
        if not tender or rng.random() < 0.3:
            full.append(Stage.NEGOTIATION)
        if tender:
            full.append(Stage.AWARDED)
        full.append(Stage.WON)
        if final is Stage.LOST:
            upto = rng.randint(1, len(full) - 2)  # lost after LEAD, before WON
            return full[: upto + 1] + [Stage.LOST]
        if final not in full:  # e.g. NEGOTIATION on a tender path without it
            full.insert(full.index(Stage.AWARDED) if Stage.AWARDED in full else -1, final)
        return full[: full.index(final) + 1]

    def stage_times(self, rng: random.Random, start: dt.datetime, n: int) -> list[dt.datetime]:
        gaps = [rng.randint(2, 25) * 86400 + rng.randint(0, 28800) for _ in range(n - 1)]
        room = (self.now - start).total_seconds() - 3600
        total = sum(gaps)
        if total > room:
            gaps = [max(60, int(g * room / total)) for g in gaps]
        times = [start]
        for g in gaps:
            times.append(times[-1] + dt.timedelta(seconds=g))
        return [
            min(t, self.now - dt.timedelta(minutes=5 * (n - i))) if i else t
            for i, t in enumerate(times)
        ]

    def indicative_price(self, rng: random.Random, product: _Product, day: dt.date) -> Decimal:
        """The price the rep would quote that day, in the product's currency per unit."""
        if product.index is None:
            return _dec(product.price * (1 + 0.06 * _noise(rng)), 2)
        idx = self.walks[product.index].at(day)
        method = product.method
        if method is PricingMethod.FE_PRO_RATA:
            return _q(idx * Decimal("62.00") / Decimal(62) - Decimal(rng.randint(0, 300)) / 100, 2)
        if method is PricingMethod.VALUE_IN_USE:
            return _q(idx - Decimal(4) * Decimal("4.00") - Decimal(rng.randint(0, 300)) / 100, 2)
        if method is PricingMethod.CALORIFIC:
            assert product.grade is not None
            nar = Decimal(product.specs[0].typical)
            return _q(idx * nar / Decimal(product.grade[1]) + Decimal(rng.randint(-15, 10)), 2)
        if method is PricingMethod.METAL_COEFFICIENT:
            return _q(idx * Decimal("0.20") * Decimal("0.88"), 2)
        if method is PricingMethod.PAYABLE_METAL:
            return _q(idx * Decimal("0.48") * Decimal("0.85") - Decimal("1900"), 2)
        # INDEX: index ± differential (lump premium, concentrate premium, PCI discount)
        return _q(idx + _INDEX_PREMIUM.get(product.code, Decimal(0)), 2)

    def deal_terms(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        product: _Product,
        deal_type: DealType,
        credit: dict[str, Any],
    ) -> dict[str, Any]:
        seaborne = product.currency is Currency.USD
        if seaborne:
            incoterm = _weighted(rng, ((Incoterm.CFR, 70), (Incoterm.CIF, 20), (Incoterm.FOB, 10)))
            payment = PaymentMethod.LC if rng.random() < 0.85 else PaymentMethod.TT
            tolerance, option = Decimal(10), ToleranceOption.SELLER
        else:
            incoterm = _weighted(
                rng,
                (
                    (Incoterm.DELIVERED, 40),
                    (Incoterm.FCA, 20),
                    (Incoterm.EXW, 25),
                    (Incoterm.DAP, 15),
                ),
            )
            payment = _weighted(
                rng,
                (
                    (PaymentMethod.TT, 55),
                    (PaymentMethod.BANK_ACCEPTANCE, 30),
                    (PaymentMethod.CASH, 10),
                    (PaymentMethod.LC, 5),
                ),
            )
            tolerance = Decimal(5)
            option = ToleranceOption.BUYER if rng.random() < 0.3 else ToleranceOption.SELLER
        days = 0 if payment in (PaymentMethod.LC, PaymentMethod.CASH) else max(credit["days"], 15)
        provisional = Decimal(rng.choice((80, 90, 90, 95)))
        return {
            "incoterm": incoterm,
            "payment": payment,
            "tolerance": tolerance,
            "option": option,
            "credit_days": days,
            "provisional": provisional,
            "port": (
                None
                if incoterm in (Incoterm.EXW, Incoterm.FCA)
                else rng.choice(_OVERSEAS_LOAD)
                if incoterm is Incoterm.FOB
                else cust.city.port
            ),
            "vat": Decimal(0) if seaborne else Decimal(13),
            "transport": (
                TransportMode.VESSEL
                if seaborne
                else _weighted(
                    rng,
                    (
                        (TransportMode.RAIL, 45),
                        (TransportMode.TRUCK, 40),
                        (TransportMode.BARGE, 5),
                        (TransportMode.VESSEL, 10),
                    ),
                )
            ),
            "payment_terms": _payment_text(payment, days, provisional),
        }

    def price_terms(
        self,
        product: _Product,
        quote_no: str,
        diff: Decimal,
        terms: dict[str, Any],
        unit_price: Decimal,
        concession: int = 0,
    ) -> dict[str, Any]:
        """The quote's terms in the pricing engine's JSON format (``pricing/terms.py``)."""
        index = {"name": product.index, "qp": {"type": "month_of_bl"}} if product.index else None
        method = product.method
        price: dict[str, Any]
        if method is PricingMethod.FIXED or index is None:
            price = {"mode": "fixed", "value": str(unit_price)}
        elif method is PricingMethod.FE_PRO_RATA:
            price = {
                "mode": "grade_pro_rata",
                "index": index,
                "analyte": "Fe",
                "base": "62",
                "differential": str(diff),
            }
        elif method is PricingMethod.VALUE_IN_USE:
            price = {
                "mode": "value_in_use",
                "index": index,
                "analyte": "Fe",
                "base": "62",
                "per_1pct": "4.00",
                "differential": str(diff),
            }
        elif method is PricingMethod.CALORIFIC:
            price = {
                "mode": "calorific_pro_rata",
                "index": index,
                "analyte": "NAR",
                "base": "5500",
                "differential": str(diff),
            }
        elif method is PricingMethod.METAL_COEFFICIENT:
            # a concession lowers the coefficient (计价系数) half a point a step
            coefficient = Decimal("0.88") - Decimal("0.005") * concession
            price = {
                "mode": "metal_coefficient",
                "metals": [{"metal": "Cu", "index": index, "coefficient": str(coefficient)}],
            }
        elif method is PricingMethod.PAYABLE_METAL:
            # a concession raises the treatment charge 20 a step
            price = {
                "mode": "payable_metal",
                "metals": [{"metal": "Zn", "index": index, "payable_pct": "85"}],
                "tc": {"value": str(Decimal(1900) + 20 * concession)},
            }
        else:
            premium = _INDEX_PREMIUM.get(product.code, Decimal(0))
            price = {"mode": "index", "index": index, "differential": str(premium + diff)}
        unit = {QuantityUnit.DMT: "dmt", QuantityUnit.WMT: "wmt", QuantityUnit.T: "t"}
        out: dict[str, Any] = {
            "format_version": 1,
            "code": quote_no,
            "name": {"zh": product.name_zh, "en": product.name_en},
            "currency": product.currency.value,
            "price_unit": unit[product.unit],
            "price": price,
            "invoice": {"provisional_pct": str(terms["provisional"])},
        }
        # Always written: terms without VAT would get the engine's default 13 % on top (an
        # export quote at 0 % would be priced 13 % higher than the row says).
        out["vat"] = {"rate": str(terms["vat"]), "included": bool(terms["vat"])}
        return out

    def engine_price(
        self,
        product: _Product,
        price_terms: dict[str, Any],
        expected: dict[str, str],
        quantity: Decimal,
        day: dt.date,
    ) -> tuple[Decimal, Decimal]:
        """(unit price, lot total) as the app prices the quote: the pricing engine on the terms,
        the expected assay and the index of the day, recorded in the terms (``quoted_index``)
        as the quote editor records it. So the list, the quote editor and the printed quote
        show the same numbers (``services.quote_pricing``)."""
        index: dict[str, Decimal] = {}
        if product.index is not None:
            index[product.index] = self.walks[product.index].at(day)
            price_terms["quoted_index"] = {k: str(v) for k, v in index.items()}
        terms = load_terms(price_terms)
        lot = calculate_price(
            terms,
            priced_assay(expected),
            index=index,
            quantity=quantity,
            quantity_is_dry=product.unit is QuantityUnit.DMT,
        )
        assert lot.total is not None
        return lot.unit_price, _q(lot.total, 2)

    def quotes(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        product: _Product,
        pid: str,
        opp_id: str,
        opp_code: str,
        path: list[Stage],
        times: list[dt.datetime],
        quantity: Decimal,
        terms: dict[str, Any],
    ) -> list[str]:
        final = path[-1]
        if Stage.QUOTED not in path:
            if final in (Stage.QUALIFIED, Stage.SAMPLE) and rng.random() < 0.3:
                t = times[-1] + dt.timedelta(hours=rng.randint(1, 48))
                if t < self.now:
                    return [
                        self.quote(
                            rng,
                            cust,
                            product,
                            pid,
                            opp_id,
                            opp_code,
                            1,
                            QuoteStatus.DRAFT,
                            t,
                            quantity,
                            terms,
                            0,
                        )
                    ]
            return []
        qi = path.index(Stage.QUOTED)
        q_at = max(
            times[qi] - dt.timedelta(hours=rng.randint(1, 20)),
            times[qi - 1] + (times[qi] - times[qi - 1]) / 2,
        )
        end = times[-1] if final not in (Stage.QUOTED, Stage.NEGOTIATION) else self.now
        versions = 1 + (rng.randint(0, 2) if Stage.NEGOTIATION in path else 0)
        stamps = [q_at]
        for _ in range(versions - 1):
            nxt = stamps[-1] + dt.timedelta(days=rng.randint(2, 10))
            if nxt >= end:
                break
            stamps.append(nxt)
        if final in (Stage.WON, Stage.AWARDED):
            last_status = QuoteStatus.ACCEPTED
        elif final is Stage.LOST:
            last_status = QuoteStatus.REJECTED
        else:
            last_status = QuoteStatus.SENT
        ids = []
        for v, at in enumerate(stamps, start=1):
            status = last_status if v == len(stamps) else QuoteStatus.SUPERSEDED
            ids.append(
                self.quote(
                    rng, cust, product, pid, opp_id, opp_code, v, status, at, quantity, terms, v - 1
                )
            )
        return ids

    def quote(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        product: _Product,
        pid: str,
        opp_id: str,
        opp_code: str,
        version: int,
        status: QuoteStatus,
        at: dt.datetime,
        quantity: Decimal,
        terms: dict[str, Any],
        concession: int,
    ) -> str:
        day = at.astimezone(CHINA).date()
        assert self.fx is not None
        fx = self.fx.at(day) if product.currency is Currency.USD else Decimal(1)
        base = self.indicative_price(rng, product, day)
        step = Decimal("0.5") if product.currency is Currency.USD else Decimal(5)
        diff = _q(Decimal(rng.randint(-4, 4)) * step / 2 - step * concession, 2)
        if product.method is PricingMethod.FIXED:
            diff = Decimal(0)
            base = _q(base - step * concession, 2)
        unit_price = _q(base + diff, 2)
        quote_no = f"BJ{opp_code[2:]}-V{version}"
        expected = {s.analyte: s.typical for s in product.specs}
        price_terms = self.price_terms(product, quote_no, diff, terms, unit_price, concession)
        unit_price, total = self.engine_price(product, price_terms, expected, quantity, day)
        updated = (
            at + dt.timedelta(hours=rng.randint(1, 30))
            if status in (QuoteStatus.ACCEPTED, QuoteStatus.REJECTED, QuoteStatus.SUPERSEDED)
            else at
        )
        return self.new(
            m.Quote,
            at,
            cust.owner.id,
            updated,
            opportunity_id=opp_id,
            quote_no=quote_no,
            version=version,
            status=status,
            product_id=pid,
            quantity=quantity,
            quantity_unit=product.unit,
            tolerance_pct=terms["tolerance"],
            tolerance_option=terms["option"],
            incoterm=terms["incoterm"],
            port=terms["port"],
            currency=product.currency,
            fx_rate=fx,
            vat_rate=terms["vat"],
            vat_included=bool(terms["vat"]),
            pricing_method=product.method,
            price_terms=price_terms,
            expected_assay=expected,
            unit_price=unit_price,
            total_amount=total,
            payment_method=terms["payment"],
            payment_terms=terms["payment_terms"],
            valid_until=day + dt.timedelta(days=rng.choice((3, 7, 7, 15, 30))),
            notes=None if version == 1 else f"第{version}版:根据客户反馈调整升贴水",
        )

    # -- contracts --------------------------------------------------------------------------
    def contract(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        product: _Product,
        pid: str,
        opp_id: str,
        quote_id: str,
        deal_type: DealType,
        quantity: Decimal,
        n_lots: int,
        terms: dict[str, Any],
        decided: dt.datetime,
        *,
        won: bool,
        rejected: bool = False,
    ) -> None:
        owner = cust.owner
        assert owner.team is not None and self.director is not None
        manager = self.team_managers[owner.team]
        # the quote row (already buffered) is the source of price terms
        quote = next(r for r in reversed(self.buf[_table(m.Quote)]) if r["id"] == quote_id)
        floor: dt.datetime = quote["created_at"]
        signed: dt.datetime | None = None
        if won:
            # signed before the WON move (the gate), drafted after the accepted quote
            signed = decided - dt.timedelta(hours=rng.randint(2, 30))
            chain_start = signed - dt.timedelta(days=rng.randint(3, 12))
            if chain_start <= floor or signed >= decided:
                chain_start = floor + (decided - floor) * 0.2
                signed = floor + (decided - floor) * 0.9
        elif rejected:
            # the review refused the credit terms, which is why the deal was lost
            chain_start = max(
                decided - dt.timedelta(days=rng.randint(4, 12)), floor + (decided - floor) * 0.2
            )
        else:
            # a contract still being drafted or reviewed was started within the last weeks,
            # even when the negotiation itself has dragged on for months
            recent = _work_time(rng, self.today - dt.timedelta(days=rng.randint(3, 30)))
            chain_start = max(decided + dt.timedelta(hours=rng.randint(2, 72)), recent)
            if chain_start > self.now - dt.timedelta(hours=1):
                chain_start = decided + (self.now - decided) * 0.5
        ctype = {
            DealType.SPOT: ContractType.SPOT,
            DealType.TENDER: ContractType.TENDER,
            DealType.TERM: ContractType.TERM,
            DealType.OFFTAKE: ContractType.FRAME,
            DealType.DOMESTIC: ContractType.SPOT if n_lots <= 3 else ContractType.FRAME,
        }[deal_type]
        # status chain up to signature
        chain: list[tuple[ContractStatus, dt.datetime]] = [(ContractStatus.DRAFT, chain_start)]
        if won:
            assert signed is not None
            review_at = chain_start + (signed - chain_start) / 4
            approve_at = chain_start + (signed - chain_start) * 3 / 4
            chain += [
                (ContractStatus.IN_REVIEW, review_at),
                (ContractStatus.APPROVED, approve_at),
                (ContractStatus.SIGNED, signed),
            ]
        else:
            if rejected:
                span = decided - chain_start
                chain += [
                    (ContractStatus.IN_REVIEW, chain_start + span * 0.3),
                    (ContractStatus.TERMINATED, chain_start + span * 0.9),
                ]
            else:
                target = _weighted(
                    rng,
                    (
                        (ContractStatus.DRAFT, 35),
                        (ContractStatus.IN_REVIEW, 40),
                        (ContractStatus.APPROVED, 25),
                    ),
                )
                if self.pending_contracts < 3:  # the first three show each pending status
                    target = (
                        ContractStatus.IN_REVIEW,
                        ContractStatus.APPROVED,
                        ContractStatus.DRAFT,
                    )[self.pending_contracts]
                self.pending_contracts += 1
                span = self.now - chain_start
                if target is not ContractStatus.DRAFT:
                    chain.append((ContractStatus.IN_REVIEW, chain_start + span * 0.3))
                if target is ContractStatus.APPROVED:
                    chain.append((ContractStatus.APPROVED, chain_start + span * 0.7))
        sign_day = (signed or chain_start).astimezone(CHINA).date()
        months = {
            ContractType.SPOT: rng.randint(1, 2),
            ContractType.TENDER: rng.randint(3, 12),
            ContractType.TERM: rng.randint(6, 12),
            ContractType.FRAME: 12,
        }[ctype]
        start_date = sign_day + dt.timedelta(days=rng.randint(3, 15))
        end_date = start_date + dt.timedelta(days=30 * months)
        unit_price: Decimal = quote["unit_price"]
        total = _q(unit_price * quantity, 2)
        cid = self.ids.make(_ms(chain_start))
        year = chain_start.astimezone(CHINA).year
        contract_no = self.next_no("MSHT", year, 4)
        lots: list[dict[str, Any]] = []
        status_now = chain[-1][0]
        if won:
            lots = self.plan_lots(
                rng, product, quantity, terms["tolerance"], n_lots, start_date, end_date
            )
            shipped = [lot for lot in lots if lot["bl"] is not None and lot["bl_at"] <= self.now]
            terminated = rng.random() < 0.06 and len(lots) > 1
            if shipped:
                first_bl = shipped[0]["bl_at"] - dt.timedelta(days=rng.randint(1, 4))
                chain.append((ContractStatus.EXECUTING, max(first_bl, signed or first_bl)))
            if terminated and shipped:
                cut = rng.randint(1, len(lots) - 1)
                stop_at = lots[cut - 1]["bl_at"] + dt.timedelta(days=rng.randint(5, 20))
                if stop_at < self.now:
                    lots = lots[:cut]
                    chain.append((ContractStatus.TERMINATED, stop_at))
            elif terminated and not shipped and rng.random() < 0.5:
                stop_at = (signed or chain_start) + dt.timedelta(days=rng.randint(5, 30))
                if stop_at < self.now:
                    lots = []
                    chain.append((ContractStatus.TERMINATED, stop_at))
            last = chain[-1][0]
            if (
                last is ContractStatus.EXECUTING
                and lots
                and all(
                    lot["bl"] is not None and lot["bl_at"] <= self.now - dt.timedelta(days=50)
                    for lot in lots
                )
            ):
                done_at = lots[-1]["bl_at"] + dt.timedelta(days=rng.randint(50, 70))
                if done_at < self.now:
                    chain.append((ContractStatus.COMPLETED, done_at))
            status_now = chain[-1][0]
        approved = [t for s, t in chain if s is ContractStatus.APPROVED]
        fx = quote["fx_rate"]
        override = None
        if (
            approved
            and cust.tier in (CustomerTier.C, CustomerTier.D)
            and total * fx > Decimal(20_000_000)
        ):
            override = "客户为重点开发对象,交易采用信用证/预付款方式,经总经理特批超信用额度。"
        terminated_reason = None
        if status_now is ContractStatus.TERMINATED:
            terminated_reason = (
                "合同评审未通过:客户信用额度不足,财务部不同意赊销。"
                if rejected
                else rng.choice(_TERMINATION_REASONS)
            )
        updated = chain[-1][1]
        self.buf.setdefault(_table(m.Contract), []).append(
            {
                "id": cid,
                "created_at": chain_start,
                "updated_at": min(updated, self.now),
                "is_deleted": False,
                "owner_id": owner.id,
                "contract_no": contract_no,
                "customer_id": cust.id,
                "opportunity_id": opp_id,
                "quote_id": quote_id,
                "product_id": pid,
                "contract_type": ctype,
                "status": status_now,
                "start_date": start_date,
                "end_date": end_date,
                "quantity": quantity,
                "quantity_unit": product.unit,
                "tolerance_pct": terms["tolerance"],
                "tolerance_option": terms["option"],
                "incoterm": terms["incoterm"],
                "port": terms["port"],
                "currency": product.currency,
                "fx_rate": fx,
                "vat_rate": terms["vat"],
                "vat_included": bool(terms["vat"]),
                "pricing_method": product.method,
                "price_terms": quote["price_terms"],
                "unit_price": unit_price,
                "total_value": total,
                "payment_method": terms["payment"],
                "provisional_pct": terms["provisional"],
                "credit_days": terms["credit_days"],
                "signed_on": signed.astimezone(CHINA).date() if signed else None,
                "approved_by_id": (
                    self.director.id if total * fx > Decimal(50_000_000) else manager.id
                )
                if approved
                else None,
                "approved_at": approved[0] if approved else None,
                "credit_override_reason": override,
                "terminated_reason": terminated_reason,
                "notes": None,
            }
        )
        prev: ContractStatus | None = None
        for st, t in chain:
            by = manager.id if st in (ContractStatus.APPROVED,) else owner.id
            self.new(
                m.ContractStatusChange,
                t,
                owner.id,
                contract_id=cid,
                from_status=prev,
                to_status=st,
                changed_by_id=by,
                changed_at=t,
                note=_CONTRACT_NOTES[st],
            )
            prev = st
        self.reviews(rng, cid, owner, manager, chain, rejected)
        if lots:
            self.shipments(
                rng, cust, product, cid, contract_no, lots, terms, unit_price, chain_start, fx
            )

    def reviews(
        self,
        rng: random.Random,
        cid: str,
        owner: _Person,
        manager: _Person,
        chain: list[tuple[ContractStatus, dt.datetime]],
        rejected: bool,
    ) -> None:
        times = {s: t for s, t in chain}
        submitted = times.get(ContractStatus.IN_REVIEW)
        if submitted is None:
            return
        assert self.director is not None
        end = times.get(ContractStatus.APPROVED) or times.get(ContractStatus.TERMINATED)
        all_steps = (
            (ReviewDepartment.SALES, manager.id, "价格与升贴水符合本月定价指引。"),
            (ReviewDepartment.FINANCE, None, "信用额度内,付款方式可接受。(财务部 刘会计)"),
            (ReviewDepartment.LEGAL, None, "采用公司标准合同文本,无实质性修改。(法务部)"),
            (ReviewDepartment.QUALITY, None, "质量指标与化验方法符合国标。(质检部)"),
            (ReviewDepartment.MANAGEMENT, self.director.id, "同意。"),
        )
        with_quality = rng.random() < 0.5
        steps = [s for s in all_steps if with_quality or s[0] is not ReviewDepartment.QUALITY]
        reject_at = 1 if rejected else None  # finance refuses the credit terms
        for k, (dept, reviewer, comment) in enumerate(steps, start=1):
            if end is not None:
                t = submitted + (end - submitted) * k / (len(steps) + 1)
                decision = ReviewDecision.APPROVED
                if reject_at is not None and k - 1 == reject_at:
                    decision = ReviewDecision.REJECTED
                    comment = "客户存在逾期应收且信用额度已用满,不同意赊销条款。"
                elif reject_at is not None and k - 1 > reject_at:
                    break
            else:
                span = self.now - submitted
                t = submitted + span * k / (len(steps) + 2)
                decision = (
                    ReviewDecision.APPROVED
                    if k <= 2 and rng.random() < 0.6
                    else (ReviewDecision.PENDING)
                )
            pending = decision is ReviewDecision.PENDING
            self.new(
                m.ContractReview,
                submitted,
                owner.id,
                None if pending else t,
                contract_id=cid,
                step_no=k,
                department=dept,
                reviewer_id=reviewer,
                decision=decision,
                comment=None if pending else comment,
                decided_at=None if pending else t,
            )
            if pending:
                # later steps wait for this one
                for k2 in range(k + 1, len(steps) + 1):
                    dept2, reviewer2, _c = steps[k2 - 1]
                    self.new(
                        m.ContractReview,
                        submitted,
                        owner.id,
                        contract_id=cid,
                        step_no=k2,
                        department=dept2,
                        reviewer_id=reviewer2,
                        decision=ReviewDecision.PENDING,
                        comment=None,
                        decided_at=None,
                    )
                return

    def plan_lots(
        self,
        rng: random.Random,
        product: _Product,
        quantity: Decimal,
        tolerance: Decimal,
        n_lots: int,
        start: dt.date,
        end: dt.date,
    ) -> list[dict[str, Any]]:
        """Lot sizes and B/L dates; the total stays within quantity ± tolerance."""
        factor = 1 + (tolerance / 100) * _dec(rng.uniform(-0.9, 0.9), 4)
        target = quantity * factor
        weights = [0.8 + 0.4 * rng.random() for _ in range(n_lots)]
        total_w = sum(weights)
        span = max((end - start).days, 1)
        lots: list[dict[str, Any]] = []
        for k, w in enumerate(weights):
            qty = _q(target * _dec(w / total_w, 6), 3, ROUND_DOWN)
            day = start + dt.timedelta(days=int(span * (k + 0.5) / n_lots) + rng.randint(-3, 3))
            bl_at = _work_time(rng, day)
            lots.append({"qty": qty, "bl": day, "bl_at": bl_at})
        cap = quantity * (1 + tolerance / 100)
        assert sum((lot["qty"] for lot in lots), Decimal(0)) <= cap
        return lots

    def shipments(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        product: _Product,
        contract_id: str,
        contract_no: str,
        lots: list[dict[str, Any]],
        terms: dict[str, Any],
        unit_price: Decimal,
        not_before: dt.datetime,
        fx: Decimal,
    ) -> None:
        owner = cust.owner
        mode: TransportMode = terms["transport"]
        moisture_spec = next((s for s in product.specs if s.analyte in ("H2O", "TM")), None)
        for k, lot in enumerate(lots, start=1):
            bl_at: dt.datetime = lot["bl_at"]
            age = (self.now - bl_at).days
            if bl_at > self.now + dt.timedelta(days=10):
                status = ShipmentStatus.PLANNED
            elif bl_at > self.now:
                status = ShipmentStatus.LOADING
            elif age < 10:
                status = ShipmentStatus.SHIPPED
            elif age < 45:
                status = ShipmentStatus.DELIVERED
            else:
                status = ShipmentStatus.SETTLED
            created = max(min(bl_at - dt.timedelta(days=rng.randint(10, 25)), self.now), not_before)
            shipped = status not in (ShipmentStatus.PLANNED, ShipmentStatus.LOADING)
            if mode is TransportMode.VESSEL:
                vessel = f"MV {rng.choice(_VESSELS)}"
            elif mode is TransportMode.RAIL:
                vessel = f"{rng.randint(10, 99)}0{rng.randint(10, 99)}次列车"
            elif mode is TransportMode.TRUCK:
                vessel = f"汽运 {rng.randint(20, 400)} 车次"
            else:
                vessel = f"驳船 苏货{rng.randint(1000, 9999)}"
            seaborne = product.currency is Currency.USD
            load_port = rng.choice(_OVERSEAS_LOAD) if seaborne else rng.choice(_DOMESTIC_LOAD)
            transit = rng.randint(12, 22) if seaborne else rng.randint(1, 5)
            sid = self.new(
                m.Shipment,
                created,
                owner.id,
                bl_at if shipped else created,
                contract_id=contract_id,
                lot_no=f"LOT-{k:02d}",
                transport_mode=mode,
                vessel_or_vehicle=vessel,
                load_port=load_port,
                discharge_port=cust.city.port
                if mode in (TransportMode.VESSEL, TransportMode.BARGE)
                else None,
                bl_date=lot["bl"] if shipped else None,
                quantity_wmt=lot["qty"],
                status=status,
                notes=None,
            )
            if not shipped:
                continue
            bl_day: dt.date = lot["bl"]
            wet: Decimal = lot["qty"]
            rid = owner.id
            self.rep_tonnes[rid] = self.rep_tonnes.get(rid, Decimal(0)) + wet
            self.rep_revenue[rid] = self.rep_revenue.get(rid, Decimal(0)) + wet * unit_price * fx
            h2o = _spec_value(rng, moisture_spec, 2) if moisture_spec else Decimal("1.00")
            self.certificate(
                sid,
                owner.id,
                CertificateParty.LOAD_PORT,
                bl_at,
                bl_day,
                wet,
                h2o,
                "中国检验认证集团 CCIC" if seaborne else "矿方计量站",
            )
            self.assay(
                rng,
                sid,
                owner.id,
                AssayParty.SELLER,
                bl_at,
                bl_day,
                product,
                "SGS 通标标准技术服务" if seaborne else "矿山化验室",
            )
            delivered = status in (ShipmentStatus.DELIVERED, ShipmentStatus.SETTLED)
            arrive_day = bl_day + dt.timedelta(days=transit)
            arrive_at = bl_at + dt.timedelta(days=transit)
            shortage = False
            if delivered and arrive_at < self.now:
                loss = Decimal(rng.randint(0, 40)) / 10000
                if rng.random() < 0.05:
                    loss = Decimal(rng.randint(60, 150)) / 10000
                    shortage = True
                d_wet = _q(wet * (1 - loss), 3)
                d_h2o = _q(h2o + _dec(0.3 * _noise(rng), 2), 2)
                self.certificate(
                    sid,
                    owner.id,
                    CertificateParty.DISCHARGE_PORT,
                    arrive_at,
                    arrive_day,
                    d_wet,
                    max(d_h2o, Decimal("0.10")),
                    "必维国际检验 BV" if seaborne else "买方计量站",
                )
                self.assay(
                    rng,
                    sid,
                    owner.id,
                    AssayParty.BUYER,
                    arrive_at,
                    arrive_day,
                    product,
                    "华测检测 CTI" if seaborne else "买方化验室",
                )
                if shortage and rng.random() < 0.5:
                    self.certificate(
                        sid,
                        owner.id,
                        CertificateParty.UMPIRE,
                        arrive_at + dt.timedelta(days=7),
                        arrive_day + dt.timedelta(days=7),
                        _q(wet * (1 - loss / 2), 3),
                        h2o,
                        "中国检验认证集团 CCIC",
                    )
            else:
                d_wet = wet
            settled = status is ShipmentStatus.SETTLED
            if settled:
                self.assay(
                    rng,
                    sid,
                    owner.id,
                    AssayParty.SETTLEMENT,
                    arrive_at + dt.timedelta(days=10),
                    arrive_day + dt.timedelta(days=10),
                    product,
                    "买卖双方结果平均",
                )
                if rng.random() < 0.05:
                    self.assay(
                        rng,
                        sid,
                        owner.id,
                        AssayParty.UMPIRE,
                        arrive_at + dt.timedelta(days=15),
                        arrive_day + dt.timedelta(days=15),
                        product,
                        "中国检验认证集团 CCIC(仲裁)",
                    )
            qty_inv = (
                d_wet if product.unit is not QuantityUnit.DMT else _q(d_wet * (1 - h2o / 100), 3)
            )
            self.invoices(
                rng,
                cust,
                contract_id,
                sid,
                product,
                bl_at,
                qty_inv,
                unit_price,
                terms,
                settled,
                arrive_at,
            )
            # after-sales claims on this lot
            if delivered and arrive_at < self.now:
                kind = None
                if shortage:
                    kind = TicketType.WEIGHT_SHORTAGE
                elif rng.random() < 0.05:
                    kind = TicketType.QUALITY_CLAIM
                elif rng.random() < 0.02:
                    kind = _weighted(
                        rng, ((TicketType.DELIVERY_DELAY, 2), (TicketType.DOCUMENT_ERROR, 1))
                    )
                if kind is not None:
                    value = qty_inv * unit_price
                    self.ticket(
                        rng,
                        cust,
                        kind,
                        arrive_at + dt.timedelta(days=rng.randint(1, 8)),
                        contract_id,
                        sid,
                        value,
                        product.currency,
                        contract_no,
                    )

    def certificate(
        self,
        sid: str,
        owner: str,
        party: CertificateParty,
        at: dt.datetime,
        day: dt.date,
        wet: Decimal,
        h2o: Decimal,
        issuer: str,
    ) -> None:
        dry = _q(wet * (1 - h2o / 100), 3)
        self.new(
            m.WeightCertificate,
            at,
            owner,
            shipment_id=sid,
            party=party,
            issuer=issuer,
            issued_on=day,
            wet_tonnes=wet,
            moisture_pct=h2o,
            dry_tonnes=dry,
        )

    def assay(
        self,
        rng: random.Random,
        sid: str,
        owner: str,
        party: AssayParty,
        at: dt.datetime,
        day: dt.date,
        product: _Product,
        lab: str,
    ) -> None:
        aid = self.new(m.Assay, at, owner, shipment_id=sid, party=party, lab=lab, assayed_on=day)
        for s in product.specs:
            self.new(
                m.AssayResult,
                at,
                owner,
                assay_id=aid,
                analyte=s.analyte,
                value=_spec_value(rng, s, s.places),
                unit=s.unit,
            )

    def invoices(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        contract_id: str,
        sid: str,
        product: _Product,
        bl_at: dt.datetime,
        qty: Decimal,
        unit_price: Decimal,
        terms: dict[str, Any],
        settled: bool,
        arrive_at: dt.datetime,
    ) -> None:
        vat_rate: Decimal = terms["vat"]
        pct: Decimal = terms["provisional"]
        issued_at = bl_at + dt.timedelta(days=rng.randint(1, 5))
        if issued_at > self.now:
            return
        billed = _q(qty * unit_price * pct / 100, 2)
        self.invoice(
            rng,
            cust,
            contract_id,
            sid,
            product,
            InvoiceKind.PROVISIONAL,
            issued_at,
            qty,
            unit_price,
            billed,
            vat_rate,
            terms,
        )
        if settled:
            final_at = arrive_at + dt.timedelta(days=rng.randint(25, 40))
            if final_at > self.now:
                return
            final_price = _q(unit_price * (1 + _dec(0.012 * _noise(rng), 4)), 2)
            balance = _q(qty * final_price, 2) - billed
            if balance > 0:
                self.invoice(
                    rng,
                    cust,
                    contract_id,
                    sid,
                    product,
                    InvoiceKind.FINAL,
                    final_at,
                    qty,
                    final_price,
                    balance,
                    vat_rate,
                    terms,
                )

    def invoice(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        contract_id: str,
        sid: str,
        product: _Product,
        kind: InvoiceKind,
        at: dt.datetime,
        qty: Decimal,
        price: Decimal,
        billed: Decimal,
        vat_rate: Decimal,
        terms: dict[str, Any],
    ) -> None:
        """One invoice; ``billed`` is in contract prices, which include VAT when VAT applies."""
        owner = cust.owner.id
        total = billed
        net = _q(billed / (1 + vat_rate / 100), 2)
        vat = total - net
        day = at.astimezone(CHINA).date()
        credit_days: int = terms["credit_days"]
        due = day + dt.timedelta(days=credit_days if credit_days else 7)
        method: PaymentMethod = terms["payment"]
        cancelled = rng.random() < 0.01
        number = self.next_no("FP", day.year, 6)
        payments: list[tuple[dt.date, Decimal]] = []
        if not cancelled:
            overdue_days = (self.today - due).days
            if overdue_days < 0:  # not due yet
                roll = rng.random()
                if roll < 0.25:
                    waited = rng.randint(0, max(0, (self.today - day).days))
                    pay_day = day + dt.timedelta(days=waited)
                    payments.append((pay_day, total))
                elif roll < 0.35:
                    part = _q(total * _dec(rng.uniform(0.3, 0.7), 2), 2)
                    payments.append((self.pay_day(rng, day, due), part))
            else:
                roll = rng.random()
                if roll < 0.07 and overdue_days < 240:
                    pass  # overdue, nothing paid
                elif roll < 0.13 and overdue_days < 300:
                    part = _q(total * _dec(rng.uniform(0.3, 0.8), 2), 2)
                    payments.append((self.pay_day(rng, day, due), part))
                else:
                    if method is PaymentMethod.BANK_ACCEPTANCE or rng.random() < 0.15:
                        first_part = _q(total * _dec(rng.uniform(0.4, 0.6), 2), 2)
                        payments.append((self.pay_day(rng, day, due), first_part))
                        payments.append(
                            (
                                self.pay_day(rng, day, due + dt.timedelta(days=10)),
                                total - first_part,
                            )
                        )
                    else:
                        payments.append((self.pay_day(rng, day, due), total))
        paid = sum((p for _, p in payments), Decimal(0))
        status = (
            InvoiceStatus.CANCELLED
            if cancelled
            else InvoiceStatus.PAID
            if paid == total
            else InvoiceStatus.PARTLY_PAID
            if paid > 0
            else InvoiceStatus.ISSUED
        )
        last_pay = max((d for d, _ in payments), default=day)
        updated = _local(last_pay, 16, 0) if payments else at
        iid = self.new(
            m.Invoice,
            at,
            owner,
            updated,
            invoice_no=number,
            contract_id=contract_id,
            shipment_id=sid,
            customer_id=cust.id,
            kind=kind,
            status=status,
            issued_on=day,
            due_on=due,
            currency=product.currency,
            quantity=qty,
            unit_price=price,
            amount_net=net,
            vat_amount=vat,
            amount_total=total,
            notes="发票信息有误,已作废重开" if cancelled else None,
        )
        for k, (pay_day, amount) in enumerate(sorted(payments)):
            pay_at = _local(pay_day, 10, 0) + dt.timedelta(minutes=rng.randint(0, 400) + k)
            self.new(
                m.Payment,
                pay_at,
                owner,
                customer_id=cust.id,
                contract_id=contract_id,
                invoice_id=iid,
                received_on=pay_day,
                amount=amount,
                currency=product.currency,
                method=method,
                reference=f"{_PAY_REF[method]}{pay_day:%Y%m%d}{rng.randint(100000, 999999)}",
            )
        if cancelled:
            self.invoice(
                rng,
                cust,
                contract_id,
                sid,
                product,
                kind,
                at + dt.timedelta(hours=rng.randint(2, 48)),
                qty,
                price,
                billed,
                vat_rate,
                terms,
            )
            return
        open_ar, overdue = self.exposure.get(cust.id, (Decimal(0), Decimal(0)))
        outstanding = total - paid
        self.exposure[cust.id] = (
            open_ar + outstanding,
            overdue + (outstanding if due < self.today else Decimal(0)),
        )

    def pay_day(self, rng: random.Random, issued: dt.date, due: dt.date) -> dt.date:
        day = due + dt.timedelta(days=rng.randint(-10, 12))
        return min(max(day, issued), self.today)

    # -- service ----------------------------------------------------------------------------
    def ticket(
        self,
        rng: random.Random,
        cust: _DealCustomer,
        kind: TicketType,
        received: dt.datetime,
        contract_id: str | None,
        sid: str | None,
        value: Decimal,
        currency: Currency,
        contract_no: str | None,
        forced: TicketStatus | None = None,
    ) -> None:
        received = _work_time(rng, received.astimezone(CHINA).date())
        if received > self.now - dt.timedelta(hours=1):
            return
        priority = _weighted(
            rng,
            ((Priority.LOW, 15), (Priority.NORMAL, 50), (Priority.HIGH, 25), (Priority.URGENT, 10)),
        )
        sla_hours = {
            Priority.URGENT: 24,
            Priority.HIGH: 48,
            Priority.NORMAL: 72,
            Priority.LOW: 120,
        }[priority]
        sla_due = received + dt.timedelta(hours=sla_hours)
        lead = self.service[0]
        assignee = rng.choice(self.service)
        chain_states = list(TicketStatus)
        gaps = [
            rng.randint(1, 8) * 3600,
            rng.randint(4, 40) * 3600,
            rng.randint(12, 200) * 3600,
            rng.randint(24, 120) * 3600,
            rng.randint(2, 72) * 3600,
        ]
        times = [received]
        for g in gaps:
            times.append(times[-1] + dt.timedelta(seconds=g))
        if forced is not None:
            keep = chain_states.index(forced) + 1
            times = times[:keep]
            room = (self.now - received).total_seconds() - 600
            last = (times[-1] - received).total_seconds()
            if last > room and last > 0:
                times = [received + (t - received) * (room / last) for t in times]
        else:
            times = [t for t in times if t <= self.now]
            # a few older tickets are still stuck short of closing
            if len(times) == len(chain_states) and rng.random() < 0.04:
                times = times[: rng.randint(3, 5)]
        status = chain_states[len(times) - 1]
        at = {chain_states[k]: t for k, t in enumerate(times)}
        claimed = settled = None
        if kind in (TicketType.QUALITY_CLAIM, TicketType.WEIGHT_SHORTAGE) and value > 0:
            claimed = _q(value * _dec(rng.uniform(0.004, 0.02), 4), 2)
            if TicketStatus.RESOLVED in at:
                settled = _q(claimed * _dec(rng.uniform(0.3, 0.9), 2), 2)
        title, description = _TICKET_TEXT[kind]
        year = received.astimezone(CHINA).year
        number = self.next_no("SH", year, 4)
        resolved_at = at.get(TicketStatus.RESOLVED)
        closed_at = at.get(TicketStatus.CLOSED)
        assigned = TicketStatus.ASSIGNED in at
        tid = self.new(
            m.ServiceTicket,
            received,
            assignee.id if assigned else lead.id,
            times[-1],
            ticket_no=number,
            customer_id=cust.id,
            contract_id=contract_id,
            shipment_id=sid,
            ticket_type=kind,
            priority=priority,
            status=status,
            title=f"{cust.short}:{title}" + (f"({contract_no})" if contract_no else ""),
            description=description,
            claimed_amount=claimed,
            settled_amount=settled,
            currency=currency,
            received_at=received,
            sla_due=sla_due,
            assignee_id=assignee.id if assigned else None,
            resolution=_RESOLUTIONS[kind] if resolved_at else None,
            resolved_at=resolved_at,
            closed_at=closed_at,
        )
        prev: TicketStatus | None = None
        for st, t in zip(chain_states, times, strict=False):
            by = lead.id if st in (TicketStatus.RECEIVED, TicketStatus.ASSIGNED) else assignee.id
            self.new(
                m.TicketStatusChange,
                t,
                by,
                ticket_id=tid,
                from_status=prev,
                to_status=st,
                changed_by_id=by,
                changed_at=t,
                note=_TICKET_NOTES[st],
            )
            prev = st
        if closed_at is not None:
            late = resolved_at is not None and resolved_at > sla_due
            score = _weighted(
                rng,
                ((5, 20), (4, 40), (3, 25), (2, 10), (1, 5))
                if late
                else ((5, 45), (4, 40), (3, 10), (2, 4), (1, 1)),
            )
            self.new(
                m.ReturnVisit,
                closed_at,
                assignee.id,
                ticket_id=tid,
                customer_id=cust.id,
                visited_at=closed_at - dt.timedelta(minutes=rng.randint(10, 120)),
                visited_by_id=assignee.id,
                satisfaction=score,
                comment=_SATISFACTION_TEXT[score],
            )

    def build_service_extras(self) -> None:
        """Complaints without a lot, periodic return visits, and one fresh ticket per status."""
        rng = self.rng("service")
        actives = [c for c in self.deal_customers if not c.lead_only]
        if not actives or not self.service:
            return
        for cust in actives:
            if rng.random() < 0.08:
                day = _workday(rng, max(cust.created.date(), self.start), self.today)
                self.ticket(
                    rng,
                    cust,
                    _weighted(
                        rng,
                        (
                            (TicketType.COMPLAINT, 3),
                            (TicketType.DOCUMENT_ERROR, 1),
                            (TicketType.DELIVERY_DELAY, 1),
                        ),
                    ),
                    _work_time(rng, day),
                    None,
                    None,
                    Decimal(0),
                    Currency.CNY,
                    None,
                )
            # 回访: a satisfaction call roughly twice a year
            day = max(cust.created.date(), self.start) + dt.timedelta(days=rng.randint(20, 180))
            while day < self.today:
                at = _work_time(rng, day)
                if at < self.now:
                    agent = rng.choice(self.service)
                    score = _weighted(rng, ((5, 40), (4, 40), (3, 14), (2, 4), (1, 2)))
                    self.new(
                        m.ReturnVisit,
                        at,
                        agent.id,
                        ticket_id=None,
                        customer_id=cust.id,
                        visited_at=at,
                        visited_by_id=agent.id,
                        satisfaction=score,
                        comment=_SATISFACTION_TEXT[score],
                    )
                day += dt.timedelta(days=rng.randint(150, 210))
        for k, status in enumerate(TicketStatus):
            cust = actives[rng.randrange(len(actives))]
            received = self.now - dt.timedelta(days=1 + 2 * k, hours=rng.randint(0, 6))
            self.ticket(
                rng,
                cust,
                TicketType.COMPLAINT if k % 2 else TicketType.DOCUMENT_ERROR,
                received,
                None,
                None,
                Decimal(0),
                Currency.CNY,
                None,
                forced=status,
            )

    # -- training, meetings, feedback -------------------------------------------------------
    def build_team_life(self) -> None:
        rng = self.rng("team")
        assert self.director is not None
        staff = self.reps + self.team_managers
        # trainings: about twice a month
        day = self.start + dt.timedelta(days=rng.randint(3, 10))
        while day < self.today - dt.timedelta(days=1):
            day = _workday(rng, day, day + dt.timedelta(days=3))
            title, kind, provider, hours, exam = rng.choice(_TRAININGS)
            at = _local(day, 9, 0)
            organiser = self.director.id
            tid = self.new(
                m.Training,
                at - dt.timedelta(days=7),
                organiser,
                at,
                title=title,
                kind=kind,
                provider=provider,
                held_on=day,
                hours=Decimal(hours),
                description=f"{title}({kind.label_zh},{hours}学时)",
            )
            for p in staff:
                attended = rng.random() < 0.88
                score = (
                    _dec(min(100.0, 62 + 30 * rng.random() + 4 * _noise(rng)), 1)
                    if attended and exam
                    else None
                )
                self.new(
                    m.TrainingAttendance,
                    at,
                    organiser,
                    at + dt.timedelta(hours=hours),
                    row_id=keyed_id("training_attendance", tid, p.id),
                    training_id=tid,
                    user_id=p.id,
                    attended=attended,
                    hours=Decimal(hours) if attended else Decimal(0),
                    exam_score=score,
                )
            day += dt.timedelta(days=rng.randint(11, 19))
        # weekly team meetings (Monday morning), a monthly department meeting, monthly 1:1s
        monday = self.start + dt.timedelta(days=(7 - self.start.weekday()) % 7)
        week = 0
        while monday <= self.today:
            for t, mgr in enumerate(self.team_managers):
                held = _local(monday, 8, 30) + dt.timedelta(minutes=15 * t)
                if held > self.now:
                    continue
                mid = self.new(
                    m.Meeting,
                    held,
                    mgr.id,
                    held + dt.timedelta(hours=2),
                    kind=MeetingKind.TEAM,
                    title=f"{_TEAMS[t][0]}周例会(第{week + 1}周)",
                    held_at=held,
                    team_id=self.team_ids[t],
                    with_user_id=None,
                    minutes=rng.choice(_MINUTES),
                )
                members = [r for r in self.reps if r.team == t]
                for _ in range(rng.randint(1, 3)):
                    self.action_item(rng, mid, mgr, rng.choice(members), held)
            if monday.day <= 7:
                held = _local(monday + dt.timedelta(days=4), 14, 0)
                if held <= self.now:
                    mid = self.new(
                        m.Meeting,
                        held,
                        self.director.id,
                        held + dt.timedelta(hours=3),
                        kind=MeetingKind.TEAM,
                        title=f"销售部{monday:%Y年%m月}月度经营分析会",
                        held_at=held,
                        team_id=None,
                        with_user_id=None,
                        minutes="回顾上月销量、回款与逾期应收;分析指数走势与库存;"
                        "布置本月重点客户拜访与投标计划。",
                    )
                    for _ in range(rng.randint(2, 4)):
                        self.action_item(
                            rng, mid, self.director, rng.choice(self.team_managers), held
                        )
                for rep in self.reps:
                    assert rep.team is not None
                    mgr = self.team_managers[rep.team]
                    held = _work_time(
                        rng,
                        _workday(
                            rng, monday + dt.timedelta(days=7), monday + dt.timedelta(days=14)
                        ),
                    )
                    if held > self.now:
                        continue
                    mid = self.new(
                        m.Meeting,
                        held,
                        mgr.id,
                        held + dt.timedelta(hours=1),
                        kind=MeetingKind.ONE_TO_ONE,
                        title=f"{mgr.name}与{rep.name}月度面谈",
                        held_at=held,
                        team_id=self.team_ids[rep.team],
                        with_user_id=rep.id,
                        minutes=rng.choice(_ONE_TO_ONE),
                    )
                    self.action_item(rng, mid, mgr, rep, held)
            monday += dt.timedelta(days=7)
            week += 1
        # the suggestion box
        authors = self.reps + self.service
        for _ in range(30 + 2 * len(authors)):
            author = rng.choice(authors)
            at = _work_time(rng, _workday(rng, self.start, self.today))
            if at > self.now:
                continue
            category, title, content = rng.choice(_FEEDBACK)
            age = (self.now - at).days
            status = (
                FeedbackStatus.NEW
                if age < 7
                else _weighted(rng, ((FeedbackStatus.UNDER_REVIEW, 1), (FeedbackStatus.NEW, 1)))
                if age < 21
                else _weighted(
                    rng,
                    (
                        (FeedbackStatus.ACCEPTED, 3),
                        (FeedbackStatus.DECLINED, 2),
                        (FeedbackStatus.DONE, 5),
                    ),
                )
            )
            answered = status in (
                FeedbackStatus.ACCEPTED,
                FeedbackStatus.DECLINED,
                FeedbackStatus.DONE,
            )
            answer_at = at + dt.timedelta(days=rng.randint(2, 14)) if answered else None
            self.new(
                m.Feedback,
                at,
                author.id,
                answer_at,
                author_id=author.id,
                category=category,
                title=title,
                content=content,
                status=status,
                answer=_FEEDBACK_ANSWER[status] if answered else None,
                answered_by_id=self.director.id if answered else None,
                answered_at=answer_at,
            )

    def action_item(
        self, rng: random.Random, mid: str, chair: _Person, who: _Person, held: dt.datetime
    ) -> None:
        due = held.astimezone(CHINA).date() + dt.timedelta(days=rng.choice((3, 7, 7, 14, 30)))
        if due >= self.today:
            status = ActionStatus.OPEN
        else:
            status = _weighted(
                rng, ((ActionStatus.DONE, 85), (ActionStatus.OPEN, 10), (ActionStatus.CANCELLED, 5))
            )
        done_at = (
            _work_time(rng, due - dt.timedelta(days=rng.randint(0, 2)))
            if status is ActionStatus.DONE
            else None
        )
        if done_at is not None:
            done_at = max(done_at, held + dt.timedelta(hours=1))
        self.new(
            m.MeetingActionItem,
            held,
            chair.id,
            done_at,
            meeting_id=mid,
            description=f"{who.name}:{rng.choice(_ACTIONS)}",
            assignee_id=who.id,
            due_on=due,
            status=status,
            done_at=done_at,
        )

    # -- KPI --------------------------------------------------------------------------------
    def build_kpis(self) -> None:
        """The default KPI set, then targets per rep for every month, quarter and year."""
        rng = self.rng("kpi")
        ensure_default_kpis(self.session, self.ids, self.rollout)
        kpis = dict(
            self.session.execute(
                select(m.KpiDefinition.code, m.KpiDefinition.id).order_by(
                    m.KpiDefinition.sort_order
                )
            ).all()
        )
        assert self.director is not None
        months = _months(self.start, dt.date(self.today.year, 12, 1))
        quarters = sorted({(y, (mm - 1) // 3 + 1) for y, mm in months})
        years = sorted({y for y, _ in months})
        for rep in self.reps:
            assert rep.team is not None
            mgr = self.team_managers[rep.team]
            months_shipped = HISTORY_DAYS / 30.4
            tonnes = float(self.rep_tonnes.get(rep.id, Decimal(0))) / months_shipped
            revenue = float(self.rep_revenue.get(rep.id, Decimal(0))) / months_shipped / 1.13
            base: dict[str, float] = {
                "SALES_VOLUME": max(tonnes, 5000.0),
                "SALES_REVENUE": max(revenue, 5_000_000.0),
                "NEW_CUSTOMERS": max(1, round(1.5 * rep.factor)),
                "FOLLOW_UPS": max(20.0, self.rep_activities.get(rep.id, 0) / months_shipped),
                "TRAINING_HOURS": 4,
            }
            fixed = {
                "COLLECTION_RATE": "95",
                "OVERDUE_RATIO": "5",
                "SATISFACTION": "4.5",
                "CLAIM_TIMELINESS": "90",
                "DATA_TIMELINESS": "95",
            }
            periods: list[tuple[PeriodType, str, int, dt.date]] = []
            periods += [
                (PeriodType.MONTH, f"{y}-{mm:02d}", 1, dt.date(y, mm, 1)) for y, mm in months
            ]
            periods += [
                (PeriodType.QUARTER, f"{y}Q{q}", 3, dt.date(y, 3 * q - 2, 1)) for y, q in quarters
            ]
            periods += [(PeriodType.YEAR, str(y), 12, dt.date(y, 1, 1)) for y in years]
            for ptype, period, n_months, first_day in periods:
                noise = 0.1 * _noise(rng)
                set_on = max(first_day - dt.timedelta(days=5), self.start - dt.timedelta(days=20))
                at = _work_time(rng, set_on)
                for code, kid in kpis.items():
                    self.new(
                        m.KpiTarget,
                        at,
                        mgr.id,
                        row_id=keyed_id("kpi_targets", kid, rep.id, period),
                        kpi_id=kid,
                        user_id=rep.id,
                        period_type=ptype,
                        period=period,
                        target_value=_kpi_target(code, base, fixed, n_months, noise),
                    )

    # -- risk -------------------------------------------------------------------------------
    def build_risks(self) -> None:
        rng = self.rng("risk")
        assert self.director is not None
        actives = [c for c in self.deal_customers if not c.lead_only]
        overdue = [c for c in actives if self.exposure.get(c.id, (0, 0))[1] > 0]
        n = max(6, min(40, len(actives) // 25))
        for k in range(n):
            category, title, mitigation = _RISKS[k % len(_RISKS)]
            cust = None
            if category is RiskCategory.CUSTOMER and overdue:
                cust = overdue[k % len(overdue)]
            elif category in (RiskCategory.CONTRACT, RiskCategory.QUALITY) and actives:
                cust = rng.choice(actives)
            at = _work_time(rng, _workday(rng, self.start, self.today - dt.timedelta(days=3)))
            status = _weighted(
                rng, ((RiskStatus.OPEN, 3), (RiskStatus.MITIGATING, 4), (RiskStatus.CLOSED, 3))
            )
            exposure = None
            currency = Currency.CNY
            if cust is not None:
                exposure = self.exposure.get(cust.id, (Decimal(0), Decimal(0)))[1] or None
                currency = Currency.USD if cust.usd else Currency.CNY
                if exposure is None:
                    exposure = Decimal(rng.randint(5, 80)) * Decimal(100_000)
            owner = cust.owner.id if cust else self.director.id
            self.new(
                m.RiskRecord,
                at,
                owner,
                at + dt.timedelta(days=rng.randint(0, 60)),
                title=f"{cust.short}:{title}" if cust else title,
                category=category,
                customer_id=cust.id if cust else None,
                contract_id=None,
                likelihood=rng.randint(1, 5),
                impact=rng.randint(2, 5),
                exposure_amount=exposure,
                currency=currency,
                mitigation=mitigation,
                status=status,
                review_on=None
                if status is RiskStatus.CLOSED
                else self.today + dt.timedelta(days=rng.randint(-10, 60)),
            )


# --- text and small data helpers ----------------------------------------------------------------
_SEA_PORTS = frozenset(
    c.port
    for c in _CITIES
    if c.province
    in ("河北", "天津", "辽宁", "山东", "江苏", "浙江", "上海", "福建", "广东", "广西")
)

_RATINGS = (
    (90, CreditRating.AAA),
    (80, CreditRating.AA),
    (70, CreditRating.A),
    (60, CreditRating.BBB),
    (50, CreditRating.BB),
    (40, CreditRating.B),
    (25, CreditRating.C),
    (0, CreditRating.D),
)

_PROBABILITY = {
    Stage.LEAD: Decimal(10),
    Stage.QUALIFIED: Decimal(20),
    Stage.SAMPLE: Decimal(30),
    Stage.QUOTED: Decimal(40),
    Stage.NEGOTIATION: Decimal(60),
    Stage.AWARDED: Decimal(80),
    Stage.WON: Decimal(100),
    Stage.LOST: Decimal(0),
}
_STAGE_ACTIVITY = {
    Stage.LEAD: ActivityKind.PHONE,
    Stage.QUALIFIED: ActivityKind.VISIT,
    Stage.SAMPLE: ActivityKind.SITE_VISIT,
    Stage.QUOTED: ActivityKind.EMAIL,
    Stage.NEGOTIATION: ActivityKind.MEETING,
    Stage.AWARDED: ActivityKind.MEETING,
    Stage.WON: ActivityKind.VISIT,
    Stage.LOST: ActivityKind.PHONE,
}
_STAGE_NOTES = {
    Stage.LEAD: "新建商机",
    Stage.QUALIFIED: "已确认需求量、品位要求和交货期",
    Stage.SAMPLE: "安排送样/小批量试用",
    Stage.QUOTED: "已发送正式报价",
    Stage.NEGOTIATION: "进入价格与条款谈判",
    Stage.AWARDED: "收到中标通知书",
    Stage.WON: "合同已签订,赢单",
    Stage.LOST: "丢单,已记录原因",
}
_CONTRACT_NOTES = {
    ContractStatus.DRAFT: "根据报价起草合同",
    ContractStatus.IN_REVIEW: "提交合同评审",
    ContractStatus.APPROVED: "评审通过",
    ContractStatus.SIGNED: "双方签字盖章",
    ContractStatus.EXECUTING: "首批发运,合同执行中",
    ContractStatus.COMPLETED: "全部发运结算完毕",
    ContractStatus.TERMINATED: "合同终止",
}
_TERMINATION_REASONS = (
    "客户高炉检修,双方协商提前终止剩余数量。",
    "市场价格大幅波动,经协商终止未执行部分。",
    "港口限载导致后续船期无法安排,协商终止。",
    "客户资金紧张,为控制风险终止后续发运。",
)
_TICKET_NOTES = {
    TicketStatus.RECEIVED: "受理客户反馈",
    TicketStatus.ASSIGNED: "分派售后专员",
    TicketStatus.IN_PROGRESS: "开始调查处理",
    TicketStatus.RESOLVED: "处理完毕,待回访",
    TicketStatus.RETURN_VISIT: "安排回访",
    TicketStatus.CLOSED: "回访完成,关闭工单",
}
_TICKET_TEXT = {
    TicketType.QUALITY_CLAIM: ("质量异议", "买方化验结果低于合同指标,要求按扣款条款处理。"),
    TicketType.WEIGHT_SHORTAGE: ("短重异议", "卸货港水尺计重与装港重量差异超过合理损耗。"),
    TicketType.DELIVERY_DELAY: ("延迟交货", "船期/车皮延误,客户生产计划受影响。"),
    TicketType.DOCUMENT_ERROR: ("单据错误", "发票/质检单信息与合同不一致,需更正。"),
    TicketType.COMPLAINT: ("客户投诉", "客户对对接响应速度和沟通方式不满意。"),
}
_RESOLUTIONS = {
    TicketType.QUALITY_CLAIM: "经仲裁化验确认,按合同扣款条款给予价格折让。",
    TicketType.WEIGHT_SHORTAGE: "复核装卸港计重记录,双方按均值结算并补偿差额。",
    TicketType.DELIVERY_DELAY: "协调物流追加运力,调整后续船期并书面致歉。",
    TicketType.DOCUMENT_ERROR: "已作废原单据并重新开具,快递寄出。",
    TicketType.COMPLAINT: "销售经理上门沟通,明确对接人与响应时限。",
}
_SATISFACTION_TEXT = {
    1: "非常不满意,处理太慢。",
    2: "不太满意,希望改进沟通。",
    3: "一般,问题已解决。",
    4: "满意,处理及时。",
    5: "非常满意,感谢跟进。",
}
_OUTCOME_NOTE = {
    ActivityOutcome.POSITIVE: "客户反馈积极。",
    ActivityOutcome.NEUTRAL: "客户态度一般,需持续跟进。",
    ActivityOutcome.NEGATIVE: "客户暂无意向或对价格有异议。",
    ActivityOutcome.NO_CONTACT: "未联系上,改日再联系。",
}
_STREETS = ("工业园区", "经济开发区", "临港产业园", "高新技术开发区", "循环经济园区")
_REASSIGN_REASONS = ("区域调整", "原负责人调岗", "客户要求更换对接人", "团队工作量平衡")
_ACTIVITY_TEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "prospect-remote": (
        ("首次联系,了解原料采购情况", "发送公司简介与产品规格书"),
        ("发送产品规格书与化验报告", "确认是否收到资料"),
        ("了解客户现有供应商与结算方式", "下月再次联系"),
        ("询问年度招标计划", "关注招标公告"),
    ),
    "prospect-onsite": (
        ("展会交流,交换名片", "预约上门拜访"),
        ("上门拜访采购部,了解年度用量", "整理客户需求,评估合作可能"),
        ("参观客户原料场,了解配矿结构", "提交合作方案"),
    ),
    "care-remote": (
        ("例行回访,了解生产与库存情况", "跟进下月采购计划"),
        ("沟通近期指数走势", "发送本周市场周报"),
        ("与客户财务核对往来账", "确认回款计划"),
    ),
    "care-onsite": (
        ("拜访客户采购负责人,维护关系", "邀请参加年度客户交流会"),
        ("到厂了解使用效果与质量反馈", "反馈质检部门"),
        ("陪同技术人员走访烧结/生产车间", "整理技术交流纪要"),
    ),
    "lead": (("获悉采购需求线索,电话初步沟通", "确认需求量与品位要求"),),
    "qualified": (("拜访客户,确认需求量、品位与交货期", "准备报价或送样方案"),),
    "sample": (("现场送样并跟踪试用效果", "收集试用报告"),),
    "quoted": (("邮件发送正式报价单", "电话跟进客户对报价的反馈"),),
    "negotiation": (("与客户商务谈判价格与付款条款", "内部评审让价空间"),),
    "awarded": (("参加中标后合同谈判会", "起草合同提交评审"),),
    "won": (("合同签订,拜访客户落实发运计划", "安排首批发运"),),
    "lost": (("电话了解丢单原因", "半年后再次跟进"),),
}
_CONTACT_ROLE = {
    DecisionRole.DECISION_MAKER: ("总经理办公室", ("总经理", "副总经理", "分管采购副总")),
    DecisionRole.PURCHASER: ("采购部", ("采购经理", "原料采购员", "供应部部长")),
    DecisionRole.TECHNICAL: ("技术质量部", ("质检科长", "化验室主任", "工艺工程师")),
    DecisionRole.FINANCE: ("财务部", ("财务经理", "主管会计")),
    DecisionRole.INFLUENCER: ("生产部", ("原料处处长", "生产副厂长")),
    DecisionRole.USER: ("生产车间", ("车间主任", "调度长")),
}
_CUSTOMER_NOTES = {
    CustomerStatus.PROSPECT: "潜在客户,需确认年度需求量。",
    CustomerStatus.ACTIVE: "重点维护,关注回款节奏。",
    CustomerStatus.DORMANT: "近一年无交易,定期保持联系。",
    CustomerStatus.BLACKLISTED: "历史逾期严重,暂停交易。",
}
_LOST_NOTES = {
    LostReason.PRICE: "客户接受了更低的报价,我方价格高出约2%。",
    LostReason.SPEC: "客户要求的硅、铝指标我方产品无法稳定满足。",
    LostReason.LOGISTICS: "港口/铁路运力紧张,无法满足交货期。",
    LostReason.CREDIT: "客户要求延长账期,超出信用政策。",
    LostReason.COMPETITOR: "竞争对手提供长协优惠及更长账期。",
    LostReason.OTHER: "客户项目延期,采购计划取消。",
}
_PAY_REF = {
    PaymentMethod.LC: "LC",
    PaymentMethod.TT: "TT",
    PaymentMethod.BANK_ACCEPTANCE: "BA",
    PaymentMethod.CASH: "XH",
}
_TRAININGS = (
    ("铁矿石定价与指数基础", TrainingKind.INTERNAL, "销售部", 3, True),
    ("铜精矿计价系数与TC/RC", TrainingKind.INTERNAL, "销售部", 3, True),
    ("动力煤发热量与质量指标", TrainingKind.INTERNAL, "质检部", 2, True),
    ("合同评审与信用风险管理", TrainingKind.INTERNAL, "财务部", 2, True),
    ("商务谈判技巧", TrainingKind.EXTERNAL, "外部培训机构", 8, False),
    ("客户拜访与CRM录入规范", TrainingKind.INTERNAL, "销售部", 2, True),
    ("国际贸易术语 Incoterms 2020", TrainingKind.EXTERNAL, "中国国际贸易促进委员会", 6, True),
    ("信用证实务与单据审核", TrainingKind.EXTERNAL, "合作银行国际业务部", 4, True),
    ("矿区安全生产与入场规定", TrainingKind.INTERNAL, "安全环保部", 2, True),
    ("售后异议处理流程", TrainingKind.INTERNAL, "售后服务部", 2, False),
    ("大宗商品期货与套期保值", TrainingKind.EXTERNAL, "期货公司研究所", 6, False),
    ("数据分析与销售报表", TrainingKind.INTERNAL, "信息化部", 3, True),
)
_MINUTES = (
    "回顾上周拜访与跟进完成情况;梳理在谈商机与投标节点;提醒逾期应收客户。",
    "分析本周指数走势与港口库存;讨论重点客户报价策略;安排本周发运。",
    "检查跟进计划完成率;复盘丢单原因;布置客户回访任务。",
    "通报质量异议处理进展;讨论合同评审意见;确认月度销量进度。",
)
_ONE_TO_ONE = (
    "回顾本月KPI完成情况,讨论重点客户推进计划与个人提升方向。",
    "复盘近期丢单原因,明确下月拜访与回款目标。",
    "讨论客户分配与区域调整,确认培训需求。",
)
_ACTIONS = (
    "跟进逾期应收并提交回款计划",
    "完成重点客户季度拜访",
    "提交投标文件初稿",
    "整理竞争对手报价信息",
    "更新CRM中的联系人信息",
    "准备客户交流会材料",
    "复核合同质量条款",
    "安排样品送检",
    "与物流确认下月船期",
)
_FEEDBACK = (
    (FeedbackCategory.PROCESS, "合同评审时间过长", "建议小额现货合同简化评审步骤,由组长直接审批。"),
    (FeedbackCategory.TOOLS, "离线时无法查看最新指数", "希望同步时自动下载最近一个月的指数报价。"),
    (FeedbackCategory.PRODUCT, "块矿粉末含量偏高", "多家钢厂反映块矿含粉率偏高,建议加强筛分。"),
    (FeedbackCategory.CUSTOMER, "重点客户对接人变动", "客户采购负责人更换,需要重新建立关系。"),
    (FeedbackCategory.TOOLS, "希望支持拍照上传化验单", "现场拍照上传化验单可减少单据错误。"),
    (FeedbackCategory.PROCESS, "回访流程建议", "建议工单关闭后由销售代表和售后共同回访。"),
    (FeedbackCategory.OTHER, "培训安排建议", "希望增加期货与套期保值方面的培训。"),
)
_FEEDBACK_ANSWER = {
    FeedbackStatus.ACCEPTED: "建议已采纳,将在下季度实施。",
    FeedbackStatus.DECLINED: "经讨论暂不采纳,原因已在部门会上说明。",
    FeedbackStatus.DONE: "已落实,感谢建议。",
}
_RISKS = (
    (RiskCategory.CUSTOMER, "逾期应收回收风险", "暂停赊销,按周催收,必要时启动法律程序。"),
    (RiskCategory.MARKET, "铁矿石指数大幅波动", "长协采用月均价计价,控制现货敞口。"),
    (RiskCategory.CONTRACT, "合同质量条款与实际品位不符", "签约前由质检部复核指标与扣款条款。"),
    (RiskCategory.LOGISTICS, "港口压港导致滞期费", "提前锁定船期,合同中明确滞期责任。"),
    (RiskCategory.QUALITY, "精矿砷含量波动", "加强装港化验频次,超标批次单独堆存。"),
    (RiskCategory.COMPLIANCE, "贸易商资质与背景审查", "新客户开户前完成工商与涉诉查询。"),
)


def _kpi_target(
    code: str, base: Mapping[str, float], fixed: Mapping[str, str], n_months: int, noise: float
) -> Decimal:
    """A rep's target: ratios are department-wide; volumes scale with the period and the rep."""
    if code in fixed:
        return Decimal(fixed[code])
    value = base[code] * n_months * (1 + noise)
    if code == "SALES_REVENUE":
        return _dec(round(value, -5), 0)
    if code == "SALES_VOLUME":
        return _dec(round(value, -2), 0)
    return _dec(round(value), 0)


def _login(en: str, people: Iterable[_Person]) -> str:
    base = en.lower().replace(" ", "").replace("'", "")
    taken = {p.login for p in people}
    login, k = base, 2
    while login in taken:
        login, k = f"{base}{k}", k + 1
    return login


def _person_name(rng: random.Random) -> tuple[str, str, str]:
    sur, py_sur = rng.choice(_SURNAMES)
    given, py_given = rng.choice(_GIVEN)
    return sur + given, py_sur, py_given


def _opt(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _spec_value(rng: random.Random, spec: _Spec, places: int) -> Decimal:
    """An assay result near the typical value, kept inside the reject limits."""
    typical = float(spec.typical)
    value = typical + spec.spread * _noise(rng) * 0.6
    lo = float(spec.reject_min) if spec.reject_min else 0.0
    hi = float(spec.reject_max) if spec.reject_max else (100.0 if spec.unit == "%" else 1e9)
    value = min(max(value, lo, 0.001), hi)
    return _dec(value, places)


def _payment_text(method: PaymentMethod, days: int, provisional: Decimal) -> str:
    if method is PaymentMethod.LC:
        return f"100%不可撤销即期信用证;凭提单、品质重量证书议付;暂定价按{provisional}%开立。"
    if method is PaymentMethod.TT:
        return f"货到验收后{days}天内电汇支付{provisional}%暂定货款,最终结算后多退少补。"
    if method is PaymentMethod.BANK_ACCEPTANCE:
        return f"6个月银行承兑汇票支付,发票日后{days}天内交付;暂定价比例{provisional}%。"
    return "款到发货,现汇结算。"


def _search_text(
    name_zh: str,
    py_name: str,
    ini_name: str,
    code: str,
    short: str,
    py_short: str,
    ini_short: str,
    name_en: str,
    uscc: str,
    phones: Iterable[str],
) -> str:
    """The same haystack as :func:`textsearch.customer_search_text`, from cached pinyin parts.

    ``tests/unit/test_demo_data.py`` checks it equals the real function for every customer.
    """
    parts = [
        normalize(name_zh),
        py_name,
        ini_name,
        normalize(code),
        normalize(short),
        py_short,
        ini_short,
        normalize(name_en),
        normalize(uscc),
    ]
    for phone in phones:
        digits = "".join(ch for ch in phone if ch.isdigit())
        if digits:
            parts.append(digits)
            if digits.startswith("86") and len(digits) == 13:
                parts.append(digits[2:])
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return SEPARATOR.join(seen)
