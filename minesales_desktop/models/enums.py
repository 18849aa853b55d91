"""Every vocabulary of the domain, each member with its stored code and its zh and en labels.

Labels are data (not Qt strings) because the same words appear in the UI, the PDFs, the CLI and
the sync server; the glossary in ``shared/GLOSSARY.md`` is the source of the wording.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from sqlalchemy import Enum as SAEnum

from minesales_desktop.messages import current_language


class LabeledEnum(StrEnum):
    """A string enum whose members are declared as ``CODE = ("CODE", "English", "中文")``."""

    label_en: str
    label_zh: str

    def __new__(cls, value: str, en: str = "", zh: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label_en = en or value
        obj.label_zh = zh or obj.label_en
        return obj

    def label(self, lang: str | None = None) -> str:
        """The label in ``lang`` (default: the language the user chose)."""
        language = lang or current_language()
        return self.label_zh if language.startswith("zh") else self.label_en

    @classmethod
    def parse(cls, value: str) -> Self:
        """The member for a code or for either label (case-insensitive for codes)."""
        for member in cls:
            if value in (member.value, member.label_en, member.label_zh):
                return member
            if value.upper() == member.value:
                return member
        raise ValueError(f"{value!r} is not one of {', '.join(m.value for m in cls)}")


class _ColumnNamedEnum(SAEnum):
    """An Enum whose CHECK constraint is named after its column, not its vocabulary: a table
    with two columns of one vocabulary (from_stage, to_stage) would otherwise get two
    constraints of one name, which PostgreSQL refuses."""

    cache_ok = True

    def _set_table(self, column: Any, table: Any) -> None:
        self.name = column.name
        super()._set_table(column, table)  # type: ignore[no-untyped-call]


def enum_type(enum_cls: type[LabeledEnum]) -> SAEnum:
    """Stored as its code in a VARCHAR with a CHECK constraint (portable to PostgreSQL)."""
    return _ColumnNamedEnum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls) + 4,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        name=_snake(enum_cls.__name__),
    )


def _snake(name: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


# --- people -----------------------------------------------------------------------------------
class Role(LabeledEnum):
    REP = ("REP", "Sales rep", "销售代表")
    MANAGER = ("MANAGER", "Sales manager", "销售经理")
    SERVICE = ("SERVICE", "After-sales", "售后服务")
    ADMIN = ("ADMIN", "Administrator", "系统管理员")


# --- customers --------------------------------------------------------------------------------
class CustomerType(LabeledEnum):
    STEEL_MILL = ("STEEL_MILL", "Steel mill", "钢厂")
    CU_SMELTER = ("CU_SMELTER", "Copper smelter", "铜冶炼厂")
    ZN_PB_SMELTER = ("ZN_PB_SMELTER", "Zinc/lead smelter", "铅锌冶炼厂")
    POWER_PLANT = ("POWER_PLANT", "Power plant", "电厂")
    CEMENT_PLANT = ("CEMENT_PLANT", "Cement plant", "水泥厂")
    COKING_PLANT = ("COKING_PLANT", "Coking plant", "焦化厂")
    TRADER = ("TRADER", "Trader", "贸易商")
    CONSTRUCTION = ("CONSTRUCTION", "Construction", "建筑企业")


class CustomerTier(LabeledEnum):
    A = ("A", "A – key account", "A – 重点客户")
    B = ("B", "B – major", "B – 主要客户")
    C = ("C", "C – regular", "C – 一般客户")
    D = ("D", "D – occasional", "D – 零星客户")


class CustomerStatus(LabeledEnum):
    PROSPECT = ("PROSPECT", "Prospect", "潜在客户")
    ACTIVE = ("ACTIVE", "Active", "活跃")
    DORMANT = ("DORMANT", "Dormant", "休眠")
    BLACKLISTED = ("BLACKLISTED", "Blacklisted", "黑名单")


class DecisionRole(LabeledEnum):
    DECISION_MAKER = ("DECISION_MAKER", "Decision maker", "决策者")
    INFLUENCER = ("INFLUENCER", "Influencer", "影响者")
    PURCHASER = ("PURCHASER", "Purchaser", "采购执行")
    TECHNICAL = ("TECHNICAL", "Technical / QA", "技术/质检")
    FINANCE = ("FINANCE", "Finance", "财务")
    USER = ("USER", "User", "使用者")


class ActivityKind(LabeledEnum):
    VISIT = ("VISIT", "Visit", "拜访")
    SITE_VISIT = ("SITE_VISIT", "Site visit", "现场拜访")
    PHONE = ("PHONE", "Phone call", "电话")
    WECHAT = ("WECHAT", "WeChat", "微信")
    MEETING = ("MEETING", "Meeting", "会议")
    RETURN_VISIT = ("RETURN_VISIT", "Return visit", "回访")
    EMAIL = ("EMAIL", "Email", "邮件")


class ActivityOutcome(LabeledEnum):
    POSITIVE = ("POSITIVE", "Positive", "积极")
    NEUTRAL = ("NEUTRAL", "Neutral", "一般")
    NEGATIVE = ("NEGATIVE", "Negative", "消极")
    NO_CONTACT = ("NO_CONTACT", "No contact", "未联系上")


class FollowUpStatus(LabeledEnum):
    OPEN = ("OPEN", "Open", "待办")
    DONE = ("DONE", "Done", "已完成")
    CANCELLED = ("CANCELLED", "Cancelled", "已取消")


# --- catalog ----------------------------------------------------------------------------------
class ProductCategory(LabeledEnum):
    FE_FINES = ("FE_FINES", "Iron ore fines", "铁矿石粉矿")
    FE_LUMP = ("FE_LUMP", "Iron ore lump", "铁矿石块矿")
    FE_CONCENTRATE = ("FE_CONCENTRATE", "Iron ore concentrate", "铁精粉")
    FE_PELLET = ("FE_PELLET", "Iron ore pellets", "球团矿")
    CU_CONCENTRATE = ("CU_CONCENTRATE", "Copper concentrate", "铜精矿")
    ZN_CONCENTRATE = ("ZN_CONCENTRATE", "Zinc concentrate", "锌精矿")
    PB_CONCENTRATE = ("PB_CONCENTRATE", "Lead concentrate", "铅精矿")
    THERMAL_COAL = ("THERMAL_COAL", "Thermal coal", "动力煤")
    COKING_COAL = ("COKING_COAL", "Coking coal", "焦煤")
    PCI_COAL = ("PCI_COAL", "PCI coal", "喷吹煤")
    LIMESTONE = ("LIMESTONE", "Limestone", "石灰石")
    AGGREGATE = ("AGGREGATE", "Aggregate", "骨料")
    MANUFACTURED_SAND = ("MANUFACTURED_SAND", "Manufactured sand", "机制砂")


class QuantityUnit(LabeledEnum):
    T = ("T", "t", "吨")
    WMT = ("WMT", "wmt", "湿吨")
    DMT = ("DMT", "dmt", "干吨")


class AnalyteBasis(LabeledEnum):
    AR = ("AR", "As received", "收到基")
    AD = ("AD", "Air dried", "空气干燥基")
    DRY = ("DRY", "Dry", "干基")


class Currency(LabeledEnum):
    CNY = ("CNY", "CNY", "人民币")
    USD = ("USD", "USD", "美元")


# --- sales ------------------------------------------------------------------------------------
class Stage(LabeledEnum):
    LEAD = ("LEAD", "Lead", "线索")
    QUALIFIED = ("QUALIFIED", "Qualified", "需求确认")
    SAMPLE = ("SAMPLE", "Sample/trial", "样品/试用")
    QUOTED = ("QUOTED", "Quoted", "报价")
    NEGOTIATION = ("NEGOTIATION", "Negotiation", "谈判")
    AWARDED = ("AWARDED", "Awarded", "中标")
    WON = ("WON", "Won", "赢单")
    LOST = ("LOST", "Lost", "丢单")


class DealType(LabeledEnum):
    SPOT = ("SPOT", "Spot cargo", "现货")
    TENDER = ("TENDER", "Tender", "招标")
    TERM = ("TERM", "Term contract", "长协")
    OFFTAKE = ("OFFTAKE", "Offtake", "包销")
    DOMESTIC = ("DOMESTIC", "Domestic sale", "内贸")


class LeadSource(LabeledEnum):
    EXISTING = ("EXISTING", "Existing customer", "老客户")
    REFERRAL = ("REFERRAL", "Referral", "转介绍")
    TENDER_NOTICE = ("TENDER_NOTICE", "Tender notice", "招标公告")
    EXHIBITION = ("EXHIBITION", "Exhibition", "展会")
    COLD_CALL = ("COLD_CALL", "Cold call", "陌生拜访")
    INBOUND = ("INBOUND", "Inbound enquiry", "客户来询")


class LostReason(LabeledEnum):
    PRICE = ("PRICE", "Price", "价格")
    SPEC = ("SPEC", "Specification", "质量指标")
    LOGISTICS = ("LOGISTICS", "Logistics", "物流")
    CREDIT = ("CREDIT", "Credit", "信用")
    COMPETITOR = ("COMPETITOR", "Competitor", "竞争对手")
    OTHER = ("OTHER", "Other", "其他")


class QuoteStatus(LabeledEnum):
    DRAFT = ("DRAFT", "Draft", "草稿")
    SENT = ("SENT", "Sent", "已发送")
    ACCEPTED = ("ACCEPTED", "Accepted", "已接受")
    REJECTED = ("REJECTED", "Rejected", "已拒绝")
    SUPERSEDED = ("SUPERSEDED", "Superseded", "已替代")


class Incoterm(LabeledEnum):
    FOB = ("FOB", "FOB", "FOB 离岸价")
    CFR = ("CFR", "CFR", "CFR 成本加运费")
    CIF = ("CIF", "CIF", "CIF 到岸价")
    FCA = ("FCA", "FCA", "FCA 货交承运人")
    DAP = ("DAP", "DAP", "DAP 目的地交货")
    EXW = ("EXW", "EXW (ex-mine)", "EXW 矿山交货")
    DELIVERED = ("DELIVERED", "Delivered to plant", "到厂价")


class PricingMethod(LabeledEnum):
    FIXED = ("FIXED", "Fixed price", "固定价")
    INDEX = ("INDEX", "Index ± differential", "指数价±升贴水")
    FE_PRO_RATA = ("FE_PRO_RATA", "Fe pro-rata", "铁品位比例计价")
    VALUE_IN_USE = ("VALUE_IN_USE", "Value in use", "使用价值计价")
    PAYABLE_METAL = ("PAYABLE_METAL", "Payable metal less TC/RC", "计价金属扣加工费")
    METAL_COEFFICIENT = ("METAL_COEFFICIENT", "Metal price coefficient", "计价系数")
    CALORIFIC = ("CALORIFIC", "Calorific-value pro-rata", "发热量比例计价")


class PaymentMethod(LabeledEnum):
    LC = ("LC", "Letter of credit (L/C)", "信用证")
    TT = ("TT", "T/T", "电汇")
    BANK_ACCEPTANCE = ("BANK_ACCEPTANCE", "Bank acceptance", "银行承兑汇票")
    CASH = ("CASH", "Cash", "现汇")


class ToleranceOption(LabeledEnum):
    SELLER = ("SELLER", "Seller's option", "卖方选择")
    BUYER = ("BUYER", "Buyer's option", "买方选择")


# --- contracts --------------------------------------------------------------------------------
class ContractType(LabeledEnum):
    SPOT = ("SPOT", "Spot", "现货合同")
    TERM = ("TERM", "Term", "长期合同")
    FRAME = ("FRAME", "Frame agreement", "框架协议")
    TENDER = ("TENDER", "Tender award", "招标合同")


class ContractStatus(LabeledEnum):
    DRAFT = ("DRAFT", "Draft", "草稿")
    IN_REVIEW = ("IN_REVIEW", "In review", "评审中")
    APPROVED = ("APPROVED", "Approved", "已审批")
    SIGNED = ("SIGNED", "Signed", "已签订")
    EXECUTING = ("EXECUTING", "Executing", "执行中")
    COMPLETED = ("COMPLETED", "Completed", "已完成")
    TERMINATED = ("TERMINATED", "Terminated", "已终止")


class ReviewDecision(LabeledEnum):
    PENDING = ("PENDING", "Pending", "待评审")
    APPROVED = ("APPROVED", "Approved", "同意")
    REJECTED = ("REJECTED", "Rejected", "不同意")


class ReviewDepartment(LabeledEnum):
    SALES = ("SALES", "Sales", "销售部")
    FINANCE = ("FINANCE", "Finance", "财务部")
    LEGAL = ("LEGAL", "Legal", "法务部")
    QUALITY = ("QUALITY", "Quality", "质检部")
    LOGISTICS = ("LOGISTICS", "Logistics", "物流部")
    MANAGEMENT = ("MANAGEMENT", "Management", "总经理办公室")


class TransportMode(LabeledEnum):
    VESSEL = ("VESSEL", "Vessel", "海运")
    RAIL = ("RAIL", "Rail", "铁路")
    TRUCK = ("TRUCK", "Truck", "汽运")
    BARGE = ("BARGE", "Barge", "内河驳船")


class ShipmentStatus(LabeledEnum):
    PLANNED = ("PLANNED", "Planned", "计划")
    LOADING = ("LOADING", "Loading", "装货中")
    SHIPPED = ("SHIPPED", "Shipped", "已发运")
    DELIVERED = ("DELIVERED", "Delivered", "已到货")
    SETTLED = ("SETTLED", "Settled", "已结算")


class CertificateParty(LabeledEnum):
    LOAD_PORT = ("LOAD_PORT", "Load port", "装货港")
    DISCHARGE_PORT = ("DISCHARGE_PORT", "Discharge port", "卸货港")
    UMPIRE = ("UMPIRE", "Umpire", "仲裁")


class AssayParty(LabeledEnum):
    SELLER = ("SELLER", "Seller", "卖方")
    BUYER = ("BUYER", "Buyer", "买方")
    UMPIRE = ("UMPIRE", "Umpire", "仲裁")
    SETTLEMENT = ("SETTLEMENT", "Settlement", "结算")


class InvoiceKind(LabeledEnum):
    PROVISIONAL = ("PROVISIONAL", "Provisional invoice", "暂定发票")
    FINAL = ("FINAL", "Final invoice", "最终发票")
    DEBIT_NOTE = ("DEBIT_NOTE", "Debit note", "借项通知")
    CREDIT_NOTE = ("CREDIT_NOTE", "Credit note", "贷项通知")


class InvoiceStatus(LabeledEnum):
    ISSUED = ("ISSUED", "Issued", "已开具")
    PARTLY_PAID = ("PARTLY_PAID", "Partly paid", "部分回款")
    PAID = ("PAID", "Paid", "已回款")
    CANCELLED = ("CANCELLED", "Cancelled", "已作废")


# --- risk -------------------------------------------------------------------------------------
class CreditRating(LabeledEnum):
    AAA = ("AAA", "AAA", "AAA")
    AA = ("AA", "AA", "AA")
    A = ("A", "A", "A")
    BBB = ("BBB", "BBB", "BBB")
    BB = ("BB", "BB", "BB")
    B = ("B", "B", "B")
    C = ("C", "C", "C")
    D = ("D", "D", "D")


class CreditSecurity(LabeledEnum):
    NONE = ("NONE", "None", "无")
    LC = ("LC", "Letter of credit", "信用证")
    BANK_GUARANTEE = ("BANK_GUARANTEE", "Bank guarantee", "银行保函")
    PARENT_GUARANTEE = ("PARENT_GUARANTEE", "Parent guarantee", "母公司担保")
    DEPOSIT = ("DEPOSIT", "Deposit", "保证金")
    CREDIT_INSURANCE = ("CREDIT_INSURANCE", "Credit insurance", "信用保险")


class RiskCategory(LabeledEnum):
    MARKET = ("MARKET", "Market risk", "市场风险")
    CUSTOMER = ("CUSTOMER", "Customer risk", "客户风险")
    CONTRACT = ("CONTRACT", "Contract risk", "合同风险")
    QUALITY = ("QUALITY", "Quality risk", "质量风险")
    LOGISTICS = ("LOGISTICS", "Logistics risk", "物流风险")
    COMPLIANCE = ("COMPLIANCE", "Compliance risk", "合规风险")


class RiskStatus(LabeledEnum):
    OPEN = ("OPEN", "Open", "未关闭")
    MITIGATING = ("MITIGATING", "Mitigating", "应对中")
    CLOSED = ("CLOSED", "Closed", "已关闭")


# --- service ----------------------------------------------------------------------------------
class TicketType(LabeledEnum):
    QUALITY_CLAIM = ("QUALITY_CLAIM", "Quality claim", "质量异议")
    WEIGHT_SHORTAGE = ("WEIGHT_SHORTAGE", "Weight shortage", "短重")
    DELIVERY_DELAY = ("DELIVERY_DELAY", "Delivery delay", "延迟交货")
    DOCUMENT_ERROR = ("DOCUMENT_ERROR", "Document error", "单据错误")
    COMPLAINT = ("COMPLAINT", "Complaint", "投诉")


class TicketStatus(LabeledEnum):
    RECEIVED = ("RECEIVED", "Received", "已受理")
    ASSIGNED = ("ASSIGNED", "Assigned", "已分派")
    IN_PROGRESS = ("IN_PROGRESS", "In progress", "处理中")
    RESOLVED = ("RESOLVED", "Resolved", "已解决")
    RETURN_VISIT = ("RETURN_VISIT", "Return visit", "回访")
    CLOSED = ("CLOSED", "Closed", "已关闭")


class Priority(LabeledEnum):
    LOW = ("LOW", "Low", "低")
    NORMAL = ("NORMAL", "Normal", "中")
    HIGH = ("HIGH", "High", "高")
    URGENT = ("URGENT", "Urgent", "紧急")


# --- team -------------------------------------------------------------------------------------
class TrainingKind(LabeledEnum):
    INTERNAL = ("INTERNAL", "Internal", "内部培训")
    EXTERNAL = ("EXTERNAL", "External", "外部培训")


class MeetingKind(LabeledEnum):
    TEAM = ("TEAM", "Team meeting", "团队会议")
    ONE_TO_ONE = ("ONE_TO_ONE", "One-to-one", "一对一")


class ActionStatus(LabeledEnum):
    OPEN = ("OPEN", "Open", "待办")
    DONE = ("DONE", "Done", "已完成")
    CANCELLED = ("CANCELLED", "Cancelled", "已取消")


class FeedbackStatus(LabeledEnum):
    NEW = ("NEW", "New", "新建")
    UNDER_REVIEW = ("UNDER_REVIEW", "Under review", "处理中")
    ACCEPTED = ("ACCEPTED", "Accepted", "已采纳")
    DECLINED = ("DECLINED", "Declined", "未采纳")
    DONE = ("DONE", "Done", "已完成")


class FeedbackCategory(LabeledEnum):
    PROCESS = ("PROCESS", "Process", "流程")
    PRODUCT = ("PRODUCT", "Product / quality", "产品/质量")
    CUSTOMER = ("CUSTOMER", "Customer", "客户")
    TOOLS = ("TOOLS", "Tools / CRM", "工具/系统")
    OTHER = ("OTHER", "Other", "其他")


# --- performance ------------------------------------------------------------------------------
class PeriodType(LabeledEnum):
    MONTH = ("MONTH", "Monthly", "月度")
    QUARTER = ("QUARTER", "Quarterly", "季度")
    YEAR = ("YEAR", "Yearly", "年度")


class KpiDirection(LabeledEnum):
    HIGHER_BETTER = ("HIGHER_BETTER", "Higher is better", "越高越好")
    LOWER_BETTER = ("LOWER_BETTER", "Lower is better", "越低越好")


class KpiSource(LabeledEnum):
    AUTO = ("AUTO", "Computed from records", "系统自动计算")
    MANUAL = ("MANUAL", "Entered by manager", "手工录入")


class ScoringRule(LabeledEnum):
    LINEAR_CAP = ("LINEAR_CAP", "Linear with cap", "线性计分(封顶)")
    TIERED = ("TIERED", "Tiered levels", "分档计分")
    DEDUCTION = ("DEDUCTION", "Deduction", "扣分制")


class AppraisalStatus(LabeledEnum):
    DRAFT = ("DRAFT", "Draft", "草稿")
    SELF = ("SELF", "Self-assessment", "自评")
    MANAGER = ("MANAGER", "Manager review", "上级评分")
    CONFIRMED = ("CONFIRMED", "Confirmed", "已确认")


def labels(enum_cls: type[LabeledEnum], lang: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs in declaration order, for combo boxes and reports."""
    return [(m.value, m.label(lang)) for m in enum_cls]


def all_enums() -> list[type[LabeledEnum]]:
    found: list[type[LabeledEnum]] = []
    for value in globals().values():
        if isinstance(value, type) and issubclass(value, LabeledEnum) and value is not LabeledEnum:
            found.append(value)
    return found


__all__: list[Any] = [name for name in dir() if not name.startswith("_")]
