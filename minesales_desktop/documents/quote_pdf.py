"""The printed quote (报价单), A4, in Chinese or English, with the price breakdown line by line.

What a buyer's purchasing department checks on a commodity quote, in the order they check it:
who offers what to whom (header), the product and the quality it is priced on (spec table with
the expected assay), how much and where (quantity ± tolerance, Incoterm, port), the price and how
it was made (terms, index, every adjustment with the rule that made it, VAT, total, the lot), how
it is paid, and who signs.

Why the price is recomputed rather than printed from the quote row: the breakdown is the
argument for the price, and it must be exactly the engine's. The quote keeps the terms it was
priced with (VAT and FX written into them) and, since issue 4, the index value(s) it was priced
at (``quoted_index`` in the terms); with the expected assay that reproduces the price to the
cent. A quote saved before that (or imported) has no index record: the catalog's published quote
of the index on the quote's date is used and the PDF says so. If the recomputation does not match
the stored unit price, the PDF says that too rather than hiding it.

``quote_document`` gathers everything on the database worker (a plain dataclass, no ORM rows
escape); ``write_quote_pdf`` draws it; ``render_quote_pdf`` does both. The texts are data chosen
by ``lang`` (like the appraisal sheet), so a rep with a Chinese UI can send an English quote.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from minesales_desktop.documents.appraisal_sheet import (
    CONTENT_WIDTH,
    DASH,
    HEAD_BG,
    LABEL_BG,
    RULE,
    TOTAL_BG,
    DocStyles,
    SectionInfo,
    SectionStart,
    doc_styles,
    fmt_number,
    language_key,
    para,
    write_pdf_atomically,
)
from minesales_desktop.documents.pdf_fonts import register_pdf_font
from minesales_desktop.messages import translate
from minesales_desktop.models.catalog import Product, QualitySpec
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import AnalyteBasis, Currency, QuoteStatus
from minesales_desktop.models.people import User
from minesales_desktop.models.sales import Opportunity, Quote
from minesales_desktop.services.errors import ValidationError
from minesales_desktop.services.kpi_engine import CHINA_TZ
from minesales_desktop.services.pricing import (
    ANALYTES,
    BreakdownLine,
    LineKind,
    PriceResult,
    Terms,
)
from minesales_desktop.services.quote_pricing import (
    IndexSource,
    decimal_assay,
    price_quote,
    quote_day,
)
from minesales_desktop.services.sales import QuoteDTO, quotes

__all__ = [
    "IndexSource",
    "QuoteDocument",
    "SpecRow",
    "TEXTS",
    "quote_document",
    "quote_flowables",
    "render_quote_pdf",
    "write_quote_pdf",
]

PENALTY_INK = colors.HexColor("#8a1020")
NOTE_INK = colors.HexColor("#6b7785")

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "报价单",
        "quote_no": "报价单号",
        "version": "第 {version} 版",
        "status": "状态",
        "customer": "客户",
        "customer_code": "客户编号",
        "address": "地址",
        "date": "报价日期",
        "valid_until": "有效期至",
        "opportunity": "商机",
        "rep": "销售代表",
        "s_product": "一、产品与质量指标",
        "product": "产品",
        "hs_code": "海关编码",
        "col_analyte": "指标",
        "col_unit": "单位",
        "col_basis": "基准",
        "col_typical": "典型值",
        "col_range": "合同范围",
        "col_reject": "拒收限",
        "col_expected": "本报价预期化验",
        "no_specs": "本产品未登记质量指标;按下表预期化验计价。",
        "s_delivery": "二、数量与交货",
        "quantity": "数量",
        "quantity_value": "{quantity} {unit},溢短装 ±{tolerance}%({option})",
        "incoterm": "贸易术语",
        "port": "港口/交货地点",
        "s_price": "三、价格",
        "terms": "计价条款",
        "index": "指数",
        "index_recorded": "{name} {value} {unit}(报价时取值)",
        "index_catalog": "{name} {value} {unit}(报价未记录指数取值,采用 {date} 公布价)",
        "index_missing": "{name}:未记录,亦无公布价",
        "currency": "币种/汇率",
        "currency_cny": "人民币(CNY)",
        "currency_fx": "{currency},汇率 {rate} 人民币/{currency}",
        "vat": "增值税",
        "vat_included": "税率 {rate}%,价格含税",
        "vat_excluded": "税率 {rate}%,价格不含税",
        "unit_price": "单价",
        "total": "总金额",
        "col_item": "项目",
        "col_rule": "计算依据",
        "col_amount": "金额",
        "per_unit": "每 {unit} 价格",
        "lot": "按报价数量 {quantity} {unit} 计",
        "no_breakdown": "无法重新计算价格明细:{reason}。单价按报价记录为 {price}。",
        "differs": (
            "注意:按条款重新计算的单价 {recomputed} 与报价记录的单价 {stored} 不一致;"
            "明细为重新计算结果。"
        ),
        "rejected": "预期化验超出拒收限:{reasons}",
        "lot_problem": "未能按数量计算总金额:{reason}",
        "s_payment": "四、付款条件",
        "payment_method": "付款方式",
        "payment_terms": "付款约定",
        "provisional": "暂定发票",
        "provisional_value": "暂定价值的 {pct}%,尾款按最终化验结算",
        "s_notes": "备注",
        "validity_note": (
            "本报价有效期至 {date};价格按上述计价条款及实际化验结果结算。指数价以结算时"
            "对应计价期的公布价为准。"
        ),
        "s_signatures": "确认",
        "seller": "卖方",
        "buyer": "买方",
        "signature": "授权代表签字:",
        "seal": "盖章:",
        "sign_date": "日期:",
        "page": "第 {page} 页 / 共 {pages} 页",
        "printed": "打印日期 {date}",
        "superseded_mark": "已被新版本替代",
        "rejected_mark": "已拒绝",
    },
    "en": {
        "title": "Quotation",
        "quote_no": "Quote no.",
        "version": "version {version}",
        "status": "Status",
        "customer": "Customer",
        "customer_code": "Customer code",
        "address": "Address",
        "date": "Date",
        "valid_until": "Valid until",
        "opportunity": "Opportunity",
        "rep": "Sales rep",
        "s_product": "1. Product and quality",
        "product": "Product",
        "hs_code": "HS code",
        "col_analyte": "Analyte",
        "col_unit": "Unit",
        "col_basis": "Basis",
        "col_typical": "Typical",
        "col_range": "Contract range",
        "col_reject": "Reject",
        "col_expected": "Expected (priced on)",
        "no_specs": "No quality specification is registered; priced on the expected assay below.",
        "s_delivery": "2. Quantity and delivery",
        "quantity": "Quantity",
        "quantity_value": "{quantity} {unit} ± {tolerance}% at {option}",
        "incoterm": "Incoterm",
        "port": "Port / place",
        "s_price": "3. Price",
        "terms": "Price terms",
        "index": "Index",
        "index_recorded": "{name} {value} {unit} (as quoted)",
        "index_catalog": (
            "{name} {value} {unit} (not recorded on the quote; published quote of {date})"
        ),
        "index_missing": "{name}: not recorded and no published quote",
        "currency": "Currency / FX",
        "currency_cny": "CNY",
        "currency_fx": "{currency}, FX {rate} CNY per {currency}",
        "vat": "VAT",
        "vat_included": "{rate}%, prices include VAT",
        "vat_excluded": "{rate}%, prices exclude VAT",
        "unit_price": "Unit price",
        "total": "Total",
        "col_item": "Item",
        "col_rule": "Rule",
        "col_amount": "Amount",
        "per_unit": "Per {unit}",
        "lot": "For the quoted {quantity} {unit}",
        "no_breakdown": (
            "The breakdown cannot be recomputed: {reason}. The unit price recorded on the quote "
            "is {price}."
        ),
        "differs": (
            "Note: the unit price recomputed from the terms ({recomputed}) differs from the price "
            "recorded on the quote ({stored}); the breakdown shows the recomputation."
        ),
        "rejected": "The expected assay is beyond a reject limit: {reasons}",
        "lot_problem": "The total for the quantity could not be computed: {reason}",
        "s_payment": "4. Payment",
        "payment_method": "Payment method",
        "payment_terms": "Payment terms",
        "provisional": "Provisional invoice",
        "provisional_value": "{pct}% of the provisional value; balance on the final assay",
        "s_notes": "Notes",
        "validity_note": (
            "This quotation is valid until {date}. Prices settle under the terms above on the "
            "actual assay; index prices are those published for the quotational period."
        ),
        "s_signatures": "Acceptance",
        "seller": "Seller",
        "buyer": "Buyer",
        "signature": "Authorised signature:",
        "seal": "Company seal:",
        "sign_date": "Date:",
        "page": "Page {page} of {pages}",
        "printed": "Printed on {date}",
        "superseded_mark": "SUPERSEDED",
        "rejected_mark": "REJECTED",
    },
}


@dataclass(frozen=True)
class SpecRow:
    """One analyte: the product's spec (if any) and the value this quote is priced on."""

    analyte: str
    unit: str
    basis: AnalyteBasis | None
    typical: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    reject_min: Decimal | None
    reject_max: Decimal | None
    expected: Decimal | None


@dataclass(frozen=True)
class QuoteDocument:
    """Everything the printed quote shows, gathered in one transaction."""

    quote: QuoteDTO
    quote_date: dt.date  # the day it was made, China time
    opportunity_code: str
    opportunity_title: str
    customer_code: str
    customer_name_zh: str
    customer_name_en: str | None
    customer_address: str | None
    product_code: str
    product_name_zh: str
    product_name_en: str
    hs_code: str | None
    rep_name: str
    rep_name_en: str | None
    rep_phone: str | None
    rep_email: str | None
    specs: tuple[SpecRow, ...]
    terms: Terms | None
    index_source: IndexSource
    index_values: tuple[tuple[str, Decimal], ...]
    index_dates: tuple[tuple[str, dt.date], ...] = ()  # catalog quotes: the publication day
    unit_result: PriceResult | None = None
    lot_result: PriceResult | None = None
    problem: str | None = None  # why there is no breakdown
    lot_problem: str | None = None  # why there is no total for the quantity
    missing_index: tuple[str, ...] = field(default=())

    def customer_name(self, lang: str) -> str:
        if language_key(lang) == "en" and self.customer_name_en:
            return self.customer_name_en
        return self.customer_name_zh

    def product_name(self, lang: str) -> str:
        return self.product_name_zh if language_key(lang) == "zh" else self.product_name_en

    def rep(self, lang: str) -> str:
        if language_key(lang) == "en" and self.rep_name_en:
            return f"{self.rep_name_en} ({self.rep_name})"
        return self.rep_name

    @property
    def recomputed_differs(self) -> bool:
        return self.unit_result is not None and self.unit_result.unit_price != self.quote.unit_price


# --- gathering ------------------------------------------------------------------------------------
def _spec_rows(specs: Sequence[QualitySpec], assay: dict[str, Decimal]) -> tuple[SpecRow, ...]:
    rows = [
        SpecRow(
            s.analyte,
            s.unit,
            s.basis,
            s.typical,
            s.min_value,
            s.max_value,
            s.reject_min,
            s.reject_max,
            assay.get(s.analyte),
        )
        for s in specs
    ]
    known = {s.analyte for s in specs}
    for analyte, value in assay.items():
        if analyte not in known:
            unit = ANALYTES[analyte].unit if analyte in ANALYTES else ""
            rows.append(SpecRow(analyte, unit, None, None, None, None, None, None, value))
    return tuple(rows)


def quote_document(session: Session, quote_id: str) -> QuoteDocument:
    """Read the quote and everything around it, and price it again from its stored terms."""
    row = session.get(Quote, quote_id)
    if row is None or row.is_deleted:
        raise ValidationError({"quote_id": translate("Validation", "No such quote.")})
    quote = quotes.to_dto(session, row)
    opportunity = session.get(Opportunity, row.opportunity_id)
    assert opportunity is not None
    customer = session.get(Customer, opportunity.customer_id)
    assert customer is not None
    product = session.get(Product, row.product_id)
    assert product is not None
    rep = session.get(User, row.owner_id) if row.owner_id else None
    specs = [s for s in product.specs if not s.is_deleted]
    specs.sort(key=lambda s: (s.sort_order, s.analyte))
    assay = decimal_assay(row.expected_assay)
    quote_date = quote_day(quote.created_at)

    doc = QuoteDocument(
        quote=quote,
        quote_date=quote_date,
        opportunity_code=opportunity.code,
        opportunity_title=opportunity.title,
        customer_code=customer.code,
        customer_name_zh=customer.name_zh,
        customer_name_en=customer.name_en,
        customer_address=customer.address,
        product_code=product.code,
        product_name_zh=product.name_zh,
        product_name_en=product.name_en,
        hs_code=product.hs_code,
        rep_name=rep.full_name if rep else "",
        rep_name_en=rep.full_name_en if rep else None,
        rep_phone=rep.phone if rep else None,
        rep_email=rep.email if rep else None,
        specs=_spec_rows(specs, assay),
        terms=None,
        index_source=IndexSource.MISSING,
        index_values=(),
    )
    pricing = price_quote(
        session,
        row.price_terms,
        row.expected_assay,
        quote.quantity,
        quote.quantity_unit,
        quote_date,
    )
    return replace(
        doc,
        terms=pricing.terms,
        index_source=pricing.index_source,
        index_values=pricing.index_values,
        index_dates=pricing.index_dates,
        unit_result=pricing.unit_result,
        lot_result=pricing.lot_result,
        problem=pricing.problem,
        lot_problem=pricing.lot_problem,
        missing_index=pricing.missing_index,
    )


# --- drawing --------------------------------------------------------------------------------------
def _money(value: Decimal | None) -> str:
    return fmt_number(value, 2)


def _opt(value: Decimal | None) -> str:
    return DASH if value is None else fmt_number(value)


def _range(low: Decimal | None, high: Decimal | None) -> str:
    if low is None and high is None:
        return DASH
    if low is None:
        return f"≤ {fmt_number(high)}"
    if high is None:
        return f"≥ {fmt_number(low)}"
    return f"{fmt_number(low)} – {fmt_number(high)}"


def _reject(low: Decimal | None, high: Decimal | None) -> str:
    parts = []
    if low is not None:
        parts.append(f"< {fmt_number(low)}")
    if high is not None:
        parts.append(f"> {fmt_number(high)}")
    return " / ".join(parts) or DASH


Command = tuple[object, ...]


def _grid(
    rows: list[list[Flowable | str]],
    widths: Sequence[float],
    *,
    repeat: int = 0,
    commands: Sequence[Command] = (),
) -> Table:
    """A ruled table of Paragraph cells; ``commands`` add to the common style."""
    table = Table(rows, colWidths=list(widths), repeatRows=repeat)
    style: list[Command] = [
        # plain-string cells too: no reference to a non-embedded Helvetica in the PDF
        ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        *commands,
    ]
    table.setStyle(TableStyle(style))
    return table


@dataclass(frozen=True)
class _Styles:
    doc: DocStyles
    company: ParagraphStyle
    title: ParagraphStyle
    headline: ParagraphStyle
    section: ParagraphStyle
    cell_bold: ParagraphStyle
    penalty: ParagraphStyle
    muted: ParagraphStyle
    warning: ParagraphStyle
    amount: ParagraphStyle
    amount_bold: ParagraphStyle
    amount_negative: ParagraphStyle


def _styles(lang: str) -> _Styles:
    doc = doc_styles(lang)
    cell = doc.cell
    return _Styles(
        doc=doc,
        company=ParagraphStyle("q_company", parent=doc.title, fontSize=13, leading=17),
        title=ParagraphStyle("q_title", parent=doc.title, fontSize=19, leading=24, spaceAfter=1),
        headline=ParagraphStyle(
            "q_headline", parent=doc.body, fontSize=11, leading=15, alignment=TA_RIGHT
        ),
        section=ParagraphStyle(
            "q_section",
            parent=doc.heading,
            fontSize=10.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=3,
            textColor=colors.HexColor("#1f3b5c"),
        ),
        cell_bold=ParagraphStyle("q_cell_bold", parent=cell, fontSize=8, leading=10.4),
        penalty=ParagraphStyle("q_penalty", parent=cell, textColor=PENALTY_INK),
        muted=ParagraphStyle("q_muted", parent=cell, textColor=NOTE_INK),
        warning=ParagraphStyle(
            "q_warning",
            parent=doc.body,
            textColor=PENALTY_INK,
            borderColor=PENALTY_INK,
            borderWidth=0.5,
            borderPadding=(3, 4, 4, 4),
            leftIndent=4,
            rightIndent=4,
            spaceBefore=4,
            spaceAfter=6,
        ),
        amount=ParagraphStyle("q_amount", parent=cell, alignment=TA_RIGHT),
        amount_bold=ParagraphStyle(
            "q_amount_bold", parent=cell, alignment=TA_RIGHT, fontSize=8, leading=10.4
        ),
        amount_negative=ParagraphStyle(
            "q_amount_negative", parent=cell, alignment=TA_RIGHT, textColor=PENALTY_INK
        ),
    )


def _status_mark(quote: QuoteDTO, t: dict[str, str]) -> str:
    if quote.status is QuoteStatus.SUPERSEDED:
        return t["superseded_mark"]
    if quote.status is QuoteStatus.REJECTED:
        return t["rejected_mark"]
    return ""


def _header(doc: QuoteDocument, lang: str, s: _Styles, company: str) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    q = doc.quote
    out: list[Flowable] = []
    if company:
        out.append(para(company, s.company))
    out.append(para(t["title"], s.title))
    out.append(
        para(
            f"{q.quote_no} · {t['version'].format(version=q.version)}",
            s.doc.subtitle,
        )
    )

    def lab(key: str) -> Paragraph:
        return para(t[key], s.doc.label)

    def val(text: str | None) -> Paragraph:
        return para(text or DASH, s.doc.value)

    rep = "\n".join(x for x in (doc.rep(lang), doc.rep_phone, doc.rep_email) if x)
    rows: list[list[Flowable | str]] = [
        [lab("customer"), val(doc.customer_name(lang)), lab("quote_no"), val(q.quote_no)],
        [lab("customer_code"), val(doc.customer_code), lab("date"), val(str(doc.quote_date))],
        [lab("address"), val(doc.customer_address), lab("valid_until"), val(str(q.valid_until))],
        [
            lab("opportunity"),
            val(f"{doc.opportunity_code} · {doc.opportunity_title}"),
            lab("rep"),
            val(rep),
        ],
    ]
    label_w = 24 * mm
    half = CONTENT_WIDTH / 2
    out.append(
        _grid(
            rows,
            [label_w, half - label_w, label_w, half - label_w],
            commands=[
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("BACKGROUND", (2, 0), (2, -1), LABEL_BG),
            ],
        )
    )
    return out


def _product_section(doc: QuoteDocument, lang: str, s: _Styles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    zh = language_key(lang) == "zh"
    out: list[Flowable] = [para(t["s_product"], s.section)]
    product = f"{doc.product_code} · {doc.product_name(lang)}"
    if doc.hs_code:
        product += f"   ({t['hs_code']} {doc.hs_code})"
    out.append(
        para(f"{t['product']}:{product}" if zh else f"{t['product']}: {product}", s.doc.body)
    )
    out.append(Spacer(1, 2 * mm))
    if not any(r.basis is not None for r in doc.specs):
        out.append(para(t["no_specs"], s.doc.small))
    head = [
        para(t[k], s.doc.head)
        for k in (
            "col_analyte",
            "col_unit",
            "col_basis",
            "col_typical",
            "col_range",
            "col_reject",
            "col_expected",
        )
    ]
    rows: list[list[Flowable | str]] = [list(head)]
    for r in doc.specs:
        known = ANALYTES.get(r.analyte)
        name = r.analyte
        if known is not None:
            name = f"{r.analyte} {known.zh}" if zh else f"{r.analyte} ({known.en})"
        rows.append(
            [
                para(name, s.doc.cell),
                para(r.unit, s.doc.cell_center),
                para(r.basis.label(lang) if r.basis is not None else DASH, s.doc.cell_center),
                para(_opt(r.typical), s.amount),
                para(_range(r.min_value, r.max_value), s.doc.cell_center),
                para(_reject(r.reject_min, r.reject_max), s.doc.cell_center),
                para(_opt(r.expected), s.amount_bold),
            ]
        )
    widths = [38 * mm, 14 * mm, 20 * mm, 20 * mm, 32 * mm, 28 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    out.append(
        _grid(
            rows,
            widths,
            repeat=1,
            commands=[
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("BACKGROUND", (-1, 1), (-1, -1), TOTAL_BG),
            ],
        )
    )
    return out


def _kv_table(rows: list[tuple[str, str]], s: _Styles) -> Table:
    label_w = 30 * mm
    data: list[list[Flowable | str]] = [
        [para(k, s.doc.label), para(v or DASH, s.doc.value)] for k, v in rows
    ]
    return _grid(
        data,
        [label_w, CONTENT_WIDTH - label_w],
        commands=[("BACKGROUND", (0, 0), (0, -1), LABEL_BG)],
    )


def _delivery_section(doc: QuoteDocument, lang: str, s: _Styles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    q = doc.quote
    quantity = t["quantity_value"].format(
        quantity=fmt_number(q.quantity),
        unit=q.quantity_unit.label(lang),
        tolerance=fmt_number(q.tolerance_pct),
        option=q.tolerance_option.label(lang),
    )
    return [
        para(t["s_delivery"], s.section),
        _kv_table(
            [
                (t["quantity"], quantity),
                (t["incoterm"], q.incoterm.label(lang)),
                (t["port"], q.port or DASH),
            ],
            s,
        ),
    ]


def _index_text(doc: QuoteDocument, lang: str) -> str:
    t = TEXTS[language_key(lang)]
    if doc.index_source is IndexSource.NONE or doc.terms is None:
        return DASH
    unit = f"{doc.terms.currency}/{doc.terms.price_unit}"
    dates = dict(doc.index_dates)
    parts: list[str] = []
    for name, value in doc.index_values:
        if doc.index_source is IndexSource.QUOTE:
            parts.append(t["index_recorded"].format(name=name, value=_money(value), unit=unit))
        else:
            day = dates.get(name)
            parts.append(
                t["index_catalog"].format(
                    name=name,
                    value=_money(value),
                    unit=unit,
                    date=day.isoformat() if day else DASH,
                )
            )
    parts += [t["index_missing"].format(name=name) for name in doc.missing_index]
    return "; ".join(parts)


def _currency_text(doc: QuoteDocument, lang: str) -> str:
    t = TEXTS[language_key(lang)]
    q = doc.quote
    if q.currency is Currency.CNY:
        return t["currency_cny"]
    return t["currency_fx"].format(currency=q.currency.value, rate=fmt_number(q.fx_rate))


def _line_row(line: BreakdownLine, lang: str, s: _Styles) -> list[Flowable | str]:
    label, rule, amount = line.render(lang)
    if line.amount is not None:
        amount = fmt_number(line.amount) if line.kind is LineKind.QUANTITY else _money(line.amount)
    strong = line.kind in (LineKind.SUBTOTAL, LineKind.TOTAL)
    if line.kind is LineKind.REJECT:
        label_style = s.penalty
    elif not line.applied or line.kind is LineKind.NOTE:
        label_style = s.muted
    else:
        label_style = s.cell_bold if strong else s.doc.cell
    amount_style = s.amount_bold if strong else s.amount
    if line.amount is not None and line.amount < 0 and line.kind is LineKind.ADJUSTMENT:
        amount_style = s.amount_negative
    rule_style = s.muted if not line.applied else s.doc.cell
    return [
        para(label, label_style),
        para(rule, rule_style),
        para(amount, amount_style),
        para(line.unit, s.doc.cell_center),
    ]


def _ordered(lines: Sequence[BreakdownLine], order: dict[str, int]) -> list[BreakdownLine]:
    """Each run of adjustment lines in the order of the product's spec table (Fe, SiO2, Al2O3,
    P…): stored terms come back with their tier tables sorted by name (ExactJSON sorts keys),
    and a buyer reads the breakdown against the spec table above it."""
    out: list[BreakdownLine] = []
    run: list[BreakdownLine] = []

    def flush() -> None:
        run.sort(key=lambda line: order.get(line.analyte or "", len(order)))
        out.extend(run)
        run.clear()

    for line in lines:
        if line.kind is LineKind.ADJUSTMENT and line.analyte is not None:
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def _breakdown_part(caption: str, lines: Sequence[BreakdownLine], lang: str, s: _Styles) -> Table:
    t = TEXTS[language_key(lang)]
    head = [para(t[k], s.doc.head) for k in ("col_item", "col_rule", "col_amount", "col_unit")]
    rows: list[list[Flowable | str]] = [head, [para(caption, s.cell_bold), "", "", ""]]
    commands: list[Command] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("SPAN", (0, 1), (-1, 1)),
        ("BACKGROUND", (0, 1), (-1, 1), LABEL_BG),
    ]
    for line in lines:
        if line.kind in (LineKind.SUBTOTAL, LineKind.TOTAL):
            commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), TOTAL_BG))
        rows.append(_line_row(line, lang, s))
    widths = [40 * mm, CONTENT_WIDTH - 40 * mm - 30 * mm - 18 * mm, 30 * mm, 18 * mm]
    return _grid(rows, widths, repeat=1, commands=commands)


def _breakdown(doc: QuoteDocument, lang: str, s: _Styles) -> list[Flowable]:
    """The per-unit breakdown, then the quoted lot (kept on one page, never split)."""
    t = TEXTS[language_key(lang)]
    unit_result, lot = doc.unit_result, doc.lot_result
    if unit_result is None:
        return []
    order = {r.analyte: i for i, r in enumerate(doc.specs)}
    per_unit = t["per_unit"].format(unit=unit_result.price_unit)
    out: list[Flowable] = [_breakdown_part(per_unit, _ordered(unit_result.lines, order), lang, s)]
    if lot is not None and lot.quantity is not None:
        first = next(
            (i for i, line in enumerate(lot.lines) if line.kind is LineKind.QUANTITY),
            len(lot.lines),
        )
        caption = t["lot"].format(quantity=fmt_number(lot.quantity), unit=lot.price_unit)
        out.append(Spacer(1, 2 * mm))
        out.append(KeepTogether([_breakdown_part(caption, lot.lines[first:], lang, s)]))
    return out


def _price_section(doc: QuoteDocument, lang: str, s: _Styles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    q = doc.quote
    terms_text = DASH
    if doc.terms is not None:
        terms_text = doc.terms.name.render(lang)
        if doc.terms.description is not None:
            terms_text += "\n" + doc.terms.description.render(lang)
    # the VAT the breakdown below applies (the editor writes the quote's VAT into the terms)
    priced = doc.unit_result
    vat_rate = priced.vat_rate if priced is not None else q.vat_rate
    vat_included = priced.vat_included if priced is not None else q.vat_included
    vat_key = "vat_included" if vat_included else "vat_excluded"
    out: list[Flowable] = [
        para(t["s_price"], s.section),
        _kv_table(
            [
                (t["terms"], terms_text),
                (t["index"], _index_text(doc, lang)),
                (t["currency"], _currency_text(doc, lang)),
                (t["vat"], t[vat_key].format(rate=fmt_number(vat_rate))),
            ],
            s,
        ),
        Spacer(1, 3 * mm),
    ]
    unit_price = doc.unit_result.unit_price if doc.unit_result is not None else q.unit_price
    unit = doc.unit_result.unit if doc.unit_result is not None else q.currency.value
    total = doc.lot_result.total if doc.lot_result is not None else None
    total_currency = doc.lot_result.currency if doc.lot_result is not None else q.currency.value
    parts = [f"{t['unit_price']} {_money(unit_price)} {unit}"]
    if total is not None:
        parts.append(f"{t['total']} {_money(total)} {total_currency}")
    gap = "&nbsp;" * 6
    out.append(Paragraph(gap.join(html.escape(x, quote=False) for x in parts), s.headline))
    out.append(Spacer(1, 2 * mm))
    if doc.problem is not None or doc.unit_result is None:
        reason = doc.problem or DASH
        if doc.missing_index:
            reason = "; ".join(t["index_missing"].format(name=n) for n in doc.missing_index)
        price = f"{_money(q.unit_price)} {q.currency.value}"
        out.append(para(t["no_breakdown"].format(reason=reason, price=price), s.warning))
        return out
    if doc.recomputed_differs:
        out.append(
            para(
                t["differs"].format(
                    recomputed=_money(doc.unit_result.unit_price), stored=_money(q.unit_price)
                ),
                s.warning,
            )
        )
    if doc.unit_result.rejected:
        reasons = "; ".join(x.render(lang) for x in doc.unit_result.rejections)
        out.append(para(t["rejected"].format(reasons=reasons), s.warning))
    out += _breakdown(doc, lang, s)
    notes = [n.render(lang) for n in doc.unit_result.notes]
    for note in notes:
        out.append(para(f"· {note}", s.doc.small))
    if doc.lot_problem:
        out.append(para(t["lot_problem"].format(reason=doc.lot_problem), s.warning))
    return out


def _payment_section(doc: QuoteDocument, lang: str, s: _Styles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    q = doc.quote
    rows = [
        (t["payment_method"], q.payment_method.label(lang)),
        (t["payment_terms"], q.payment_terms or DASH),
    ]
    if doc.terms is not None and doc.terms.invoice is not None:
        pct = fmt_number(doc.terms.invoice.provisional_pct)
        rows.append((t["provisional"], t["provisional_value"].format(pct=pct)))
    out: list[Flowable] = [para(t["s_payment"], s.section), _kv_table(rows, s)]
    notes = t["validity_note"].format(date=q.valid_until.isoformat())
    if q.notes:
        notes = f"{q.notes}\n{notes}"
    out += [para(t["s_notes"], s.section), para(notes, s.doc.body)]
    return out


def _signatures(doc: QuoteDocument, lang: str, s: _Styles, company: str) -> Flowable:
    t = TEXTS[language_key(lang)]

    def block(title: str, party: str) -> list[Flowable]:
        return [
            para(f"{title}: {party}" if party else title, s.doc.value),
            Spacer(1, 5 * mm),
            para(t["signature"] + " " + "_" * 22, s.doc.value),
            Spacer(1, 5 * mm),
            para(t["seal"], s.doc.value),
            Spacer(1, 9 * mm),
            para(t["sign_date"] + " " + "_" * 22, s.doc.value),
        ]

    half = CONTENT_WIDTH / 2
    table = Table(
        [[block(t["seller"], company), block(t["buyer"], doc.customer_name(lang))]],
        colWidths=[half, half],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEAFTER", (0, 0), (0, 0), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return KeepTogether([para(t["s_signatures"], s.section), table])


def quote_flowables(
    doc: QuoteDocument, lang: str, *, company: str = "", printed: dt.date | None = None
) -> list[Flowable]:
    """The story of one quote (a batch may put several into one PDF)."""
    t = TEXTS[language_key(lang)]
    s = _styles(lang)
    q = doc.quote
    day = printed or dt.datetime.now(CHINA_TZ).date()
    info = SectionInfo(
        key=hash(q.id),
        running_head=f"{t['title']} {q.quote_no} · {doc.customer_name(lang)}",
        footer_left=" · ".join(x for x in (company, q.quote_no) if x),
        footer_right=t["printed"].format(date=day.isoformat()),
        page_format=t["page"],
        watermark=_status_mark(q, t),
    )
    story: list[Flowable] = [SectionStart(info)]
    story += _header(doc, lang, s, company)
    story += _product_section(doc, lang, s)
    story += _delivery_section(doc, lang, s)
    story += _price_section(doc, lang, s)
    story += _payment_section(doc, lang, s)
    story.append(_signatures(doc, lang, s, company))
    return story


def write_quote_pdf(
    doc: QuoteDocument,
    lang: str,
    out_path: Path | str,
    *,
    company: str = "",
    printed: dt.date | None = None,
) -> Path:
    """Draw ``doc`` into ``out_path`` (written atomically) and return the path."""
    t = TEXTS[language_key(lang)]
    story = quote_flowables(doc, lang, company=company, printed=printed)
    return write_pdf_atomically(
        Path(out_path),
        story,
        title=f"{t['title']} {doc.quote.quote_no}",
        author=company or doc.rep_name,
        subject=doc.customer_name(lang),
    )


def render_quote_pdf(
    session: Session, quote_id: str, lang: str, out_path: Path | str, company: str = ""
) -> Path:
    """The quote PDF of ``quote_id`` in ``lang`` ('zh_CN'/'zh' or 'en') at ``out_path``."""
    return write_quote_pdf(quote_document(session, quote_id), lang, out_path, company=company)
