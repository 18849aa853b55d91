"""The monthly / quarterly / yearly sales report PDF (销售报告): tables and matplotlib charts.

Why charts are PNG images at 150 dpi rather than vector: ReportLab cannot place a matplotlib SVG
without an extra library, and a 150 dpi raster prints crisply on A4 while keeping the file small.
The charts are drawn in the same embedded CJK font as the text (``charts.new_figure`` registers
it), so Chinese labels never turn into boxes.

The figures come from ``services.report_data.sales_report_data``; this module only lays them out.
All wording is data (``TEXTS``), chosen by ``lang``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from minesales_desktop.documents.appraisal_sheet import (
    CONTENT_WIDTH,
    DASH,
    HEAD_BG,
    RULE,
    TOTAL_BG,
    DocStyles,
    SectionInfo,
    SectionStart,
    doc_styles,
    fmt_number,
    fmt_pct,
    language_key,
    para,
    write_pdf_atomically,
)
from minesales_desktop.documents.charts import (
    BAR_GOOD,
    BAR_LOW,
    BAR_WARN,
    draw_team_ranking,
    new_figure,
)
from minesales_desktop.documents.pdf_fonts import register_pdf_font
from minesales_desktop.models.enums import PeriodType
from minesales_desktop.services.kpi_engine import CHINA_TZ, DEFAULT_GRADE_BANDS
from minesales_desktop.services.report_data import AmountRow, SalesReportData

__all__ = ["SECTION_KEYS", "TEXTS", "report_flowables", "write_sales_report_pdf"]

CHART_DPI = 150
MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1000)
PLAN_COLOUR = "#b0bec5"
ACTUAL_COLOUR = "#1f5f8b"
LINE_COLOUR = "#e07b39"

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title_MONTH": "销售月度报告",
        "title_QUARTER": "销售季度报告",
        "title_YEAR": "销售年度报告",
        "department": "销售部(全部团队)",
        "team": "团队:{team}",
        "generated": "生成时间 {when}",
        "page": "第 {page} 页 / 共 {pages} 页",
        "continued": "(续)",
        "s_summary": "一、经营概况",
        "s_sales": "二、销量与销售额",
        "s_price": "三、实现价格与指数对比",
        "s_collection": "四、回款与应收账龄",
        "s_process": "五、销售过程:商机、转化与丢单",
        "s_service": "六、售后服务:异议、满意度与拜访",
        "s_ranking": "七、绩效考核排名",
        "figure": "指标",
        "value": "本期",
        "plan": "计划",
        "completion": "完成率",
        "previous": "上年同期",
        "growth": "同比",
        "volume": "销量(吨)",
        "revenue": "销售额(元,不含税)",
        "collection_rate": "回款率",
        "overdue_ratio": "逾期应收占比",
        "win_rate": "赢单率",
        "cycle": "平均销售周期(天)",
        "satisfaction": "平均满意度(1–5)",
        "claims": "受理工单数",
        "trend_title": "近 12 个月销售额与销量",
        "revenue_m": "销售额(百万元)",
        "volume_kt": "销量(千吨)",
        "by_team": "按团队(对比计划)",
        "by_rep": "按销售代表(对比计划)",
        "by_rep_chart": "销售额:实际与计划(百万元)",
        "by_product": "按产品",
        "by_customer": "前 {n} 名客户(按销售额,共 {total} 家有开票)",
        "by_region": "按地区(省份,前 {n} 名)",
        "name": "名称",
        "team_col": "团队",
        "rep": "销售代表",
        "product": "产品",
        "customer": "客户",
        "region": "省份",
        "plan_volume": "计划销量",
        "plan_revenue": "计划销售额",
        "actual": "实际",
        "currency": "币种",
        "quantity": "结算数量",
        "realized": "实现价格",
        "index": "基准指数",
        "index_avg": "指数均价",
        "ratio": "实现价/指数",
        "quotes": "报价天数",
        "price_note": "实现价格 = 本期最终发票结算单价按数量加权平均;币种不同时不计算比值。",
        "no_rows": "本期无数据。",
        "opening_ar": "期初应收",
        "invoiced": "本期开票(含税)",
        "collected": "本期回款",
        "receivables": "期末应收",
        "overdue": "期末逾期",
        "unallocated": "未分配回款及贷项",
        "ageing": "账龄",
        "amount": "金额(元)",
        "ageing_chart": "期末应收账龄(百万元)",
        "pipeline": "在手商机(截至 {day})",
        "stage": "阶段",
        "count": "数量",
        "value_cny": "金额(人民币)",
        "value_usd": "金额(美元)",
        "weighted_cny": "加权(人民币)",
        "weighted_usd": "加权(美元)",
        "funnel": "阶段转化(本期关闭的商机)",
        "reached": "到达数",
        "conversion": "转入下一阶段",
        "funnel_chart": "本期关闭商机的阶段漏斗",
        "won_lost": "本期赢单 {won} 个,丢单 {lost} 个,赢单率 {rate},平均销售周期 {cycle} 天。",
        "lost_reasons": "丢单原因",
        "reason": "原因",
        "share": "占比",
        "lost_chart": "丢单原因分布",
        "claims_table": "售后工单(本期受理)",
        "ticket_type": "类型",
        "received": "受理",
        "claimed": "索赔金额(元)",
        "settled": "结算金额(元)",
        "resolved": "本期解决",
        "timeliness": "及时率",
        "satisfaction_chart": "回访满意度分布(共 {n} 次)",
        "score": "评分",
        "visits": "次数",
        "activities_chart": "本期客户跟进记录(按类型)",
        "ranking_chart": "考核总分排名",
        "rank": "名次",
        "total_score": "总分",
        "grade": "等级",
        "unscored": "未计分指标",
        "total_score_axis": "总分",
        "ranking_note": "排名按本期各销售代表的考核总分(按当前数据计算,未确认的考核可能变化)。",
        "total": "合计",
    },
    "en": {
        "title_MONTH": "Monthly Sales Report",
        "title_QUARTER": "Quarterly Sales Report",
        "title_YEAR": "Yearly Sales Report",
        "department": "Sales department (all teams)",
        "team": "Team: {team}",
        "generated": "Generated {when}",
        "page": "Page {page} of {pages}",
        "continued": " (continued)",
        "s_summary": "1. Summary",
        "s_sales": "2. Volume and revenue",
        "s_price": "3. Realized price against index",
        "s_collection": "4. Collection and receivables ageing",
        "s_process": "5. Sales process: pipeline, conversion, lost deals",
        "s_service": "6. After-sales: claims, satisfaction and visits",
        "s_ranking": "7. KPI ranking",
        "figure": "Figure",
        "value": "This period",
        "plan": "Plan",
        "completion": "Completion",
        "previous": "Same period last year",
        "growth": "YoY",
        "volume": "Volume (t)",
        "revenue": "Revenue (CNY, excl. VAT)",
        "collection_rate": "Collection rate",
        "overdue_ratio": "Overdue ratio",
        "win_rate": "Win rate",
        "cycle": "Average sales cycle (days)",
        "satisfaction": "Average satisfaction (1–5)",
        "claims": "Service tickets received",
        "trend_title": "Revenue and volume, last 12 months",
        "revenue_m": "Revenue (CNY million)",
        "volume_kt": "Volume (kt)",
        "by_team": "By team (against plan)",
        "by_rep": "By rep (against plan)",
        "by_rep_chart": "Revenue: actual and plan (CNY million)",
        "by_product": "By product",
        "by_customer": "Top {n} customers by revenue (of {total} invoiced)",
        "by_region": "By region (province, top {n})",
        "name": "Name",
        "team_col": "Team",
        "rep": "Rep",
        "product": "Product",
        "customer": "Customer",
        "region": "Province",
        "plan_volume": "Plan volume",
        "plan_revenue": "Plan revenue",
        "actual": "Actual",
        "currency": "Currency",
        "quantity": "Settled quantity",
        "realized": "Realized price",
        "index": "Index",
        "index_avg": "Index mean",
        "ratio": "Realized ÷ index",
        "quotes": "Quote days",
        "price_note": (
            "Realized price = quantity-weighted mean unit price of the period's final invoices; "
            "no ratio when the currencies differ."
        ),
        "no_rows": "No data in this period.",
        "opening_ar": "Opening receivables",
        "invoiced": "Invoiced (gross)",
        "collected": "Collected",
        "receivables": "Receivables at period end",
        "overdue": "Overdue at period end",
        "unallocated": "Unallocated payments and credits",
        "ageing": "Ageing",
        "amount": "Amount (CNY)",
        "ageing_chart": "Receivables ageing at period end (CNY million)",
        "pipeline": "Open pipeline (as of {day})",
        "stage": "Stage",
        "count": "Count",
        "value_cny": "Value (CNY)",
        "value_usd": "Value (USD)",
        "weighted_cny": "Weighted (CNY)",
        "weighted_usd": "Weighted (USD)",
        "funnel": "Stage conversion (opportunities closed in the period)",
        "reached": "Reached",
        "conversion": "On to next stage",
        "funnel_chart": "Funnel of the opportunities closed in the period",
        "won_lost": (
            "Won {won}, lost {lost} in the period; win rate {rate}; average sales cycle "
            "{cycle} days."
        ),
        "lost_reasons": "Lost reasons",
        "reason": "Reason",
        "share": "Share",
        "lost_chart": "Lost reasons",
        "claims_table": "Service tickets received in the period",
        "ticket_type": "Type",
        "received": "Received",
        "claimed": "Claimed (CNY)",
        "settled": "Settled (CNY)",
        "resolved": "Resolved",
        "timeliness": "In time",
        "satisfaction_chart": "Return-visit satisfaction ({n} visits)",
        "score": "Score",
        "visits": "Visits",
        "activities_chart": "Customer follow-ups logged, by kind",
        "ranking_chart": "Total KPI score ranking",
        "rank": "Rank",
        "total_score": "Total score",
        "grade": "Grade",
        "unscored": "Unscored KPIs",
        "total_score_axis": "Total score",
        "ranking_note": (
            "Ranked by each rep's total KPI score for the period (current figures; appraisals "
            "not yet confirmed may still change)."
        ),
        "total": "Total",
    },
}

SECTION_KEYS = (
    "s_summary",
    "s_sales",
    "s_price",
    "s_collection",
    "s_process",
    "s_service",
    "s_ranking",
)


def _millions(value: Decimal) -> float:
    return float(value / MILLION)


def _png(figure: Figure, width_mm: float = 165) -> Image:
    """The figure as a PNG image flowable ``width_mm`` wide, keeping its aspect ratio."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI)
    buffer.seek(0)
    reader = ImageReader(buffer)
    px_w, px_h = reader.getSize()
    width = width_mm * mm
    return Image(buffer, width=width, height=width * px_h / px_w)


def _style_axes(ax: Any) -> None:
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="x" if ax.get_ylabel() == "" else "y", color="#d0d0d0", linewidth=0.5)
    ax.set_axisbelow(True)


def _no_data(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#607080")
    ax.set_xticks([])
    ax.set_yticks([])


# --- charts ---------------------------------------------------------------------------------
def _trend_chart(data: SalesReportData, lang: str) -> Figure:
    t = TEXTS[language_key(lang)]
    fig = new_figure(7.2, 2.9)
    ax = fig.add_subplot()
    labels = [m.label(lang) for m in data.months]
    x = list(range(len(labels)))
    ax.bar(x, [_millions(m.revenue_cny) for m in data.months], color=ACTUAL_COLOUR, width=0.6)
    ax.set_ylabel(t["revenue_m"], fontsize=8)
    ax.set_xticks(x, labels=labels, fontsize=7.5)
    ax.tick_params(axis="y", labelsize=7.5)
    ax2 = ax.twinx()
    ax2.plot(x, [float(m.volume_t / THOUSAND) for m in data.months], color=LINE_COLOUR, marker="o")
    ax2.set_ylabel(t["volume_kt"], fontsize=8, color=LINE_COLOUR)
    ax2.tick_params(axis="y", labelsize=7.5, colors=LINE_COLOUR)
    ax2.set_ylim(bottom=0)
    ax.set_title(t["trend_title"], fontsize=9.5)
    ax.spines["top"].set_visible(False)
    ax2.spines["top"].set_visible(False)
    ax.grid(axis="y", color="#d0d0d0", linewidth=0.5)
    ax.set_axisbelow(True)
    return fig


def _plan_chart(rows: Sequence[AmountRow], lang: str) -> Figure:
    t = TEXTS[language_key(lang)]
    fig = new_figure(7.2, max(2.2, 0.32 * len(rows) + 1.0))
    ax = fig.add_subplot()
    if not rows:
        _no_data(ax, t["no_rows"])
        return fig
    y = list(range(len(rows)))
    plan = [_millions(r.plan_revenue_cny or Decimal(0)) for r in rows]
    actual = [_millions(r.revenue_cny) for r in rows]
    ax.barh([v + 0.2 for v in y], plan, height=0.38, color=PLAN_COLOUR, label=t["plan"])
    ax.barh([v - 0.2 for v in y], actual, height=0.38, color=ACTUAL_COLOUR, label=t["actual"])
    ax.set_yticks(y, labels=[r.label(lang) for r in rows], fontsize=8)
    ax.invert_yaxis()
    top = max([*plan, *actual, 1.0])
    ax.set_xlim(0, top * 1.2)
    for pos, row, value in zip(y, rows, actual, strict=True):
        ax.text(value + top * 0.01, pos - 0.2, fmt_pct(row.revenue_completion_pct), va="center",
                fontsize=7)  # fmt: skip
    ax.legend(fontsize=7.5, loc="lower right", frameon=False)
    ax.set_title(t["by_rep_chart"], fontsize=9.5)
    ax.tick_params(axis="x", labelsize=7.5)
    _style_axes(ax)
    return fig


def _hbar_chart(
    labels: Sequence[str], values: Sequence[float], title: str, empty: str, colour: str
) -> Figure:
    fig = new_figure(7.2, max(2.0, 0.28 * len(labels) + 0.9))
    ax = fig.add_subplot()
    if not labels:
        _no_data(ax, empty)
        return fig
    y = list(range(len(labels)))
    ax.barh(y, values, color=colour, height=0.6)
    ax.set_yticks(y, labels=list(labels), fontsize=8)
    ax.invert_yaxis()
    top = max([*values, 1.0])
    ax.set_xlim(0, top * 1.15)
    for pos, value in zip(y, values, strict=True):
        ax.text(value + top * 0.01, pos, f"{value:,.1f}", va="center", fontsize=7)
    ax.set_title(title, fontsize=9.5)
    ax.tick_params(axis="x", labelsize=7.5)
    _style_axes(ax)
    return fig


def _funnel_chart(data: SalesReportData, lang: str) -> Figure:
    t = TEXTS[language_key(lang)]
    rows = data.process.funnel
    fig = new_figure(7.2, 2.6)
    ax = fig.add_subplot()
    if not rows or rows[0].reached == 0:
        _no_data(ax, t["no_rows"])
        return fig
    y = list(range(len(rows)))
    values = [r.reached for r in rows]
    ax.barh(y, values, color=ACTUAL_COLOUR, height=0.6)
    ax.set_yticks(y, labels=[r.stage.label(lang) for r in rows], fontsize=8)
    ax.invert_yaxis()
    top = max(values)
    ax.set_xlim(0, top * 1.25)
    for pos, row in zip(y, rows, strict=True):
        note = f"{row.reached}"
        if row.conversion_pct is not None:
            note += f"  → {fmt_pct(row.conversion_pct, 1)}"
        ax.text(row.reached + top * 0.01, pos, note, va="center", fontsize=7)
    ax.set_title(t["funnel_chart"], fontsize=9.5)
    ax.tick_params(axis="x", labelsize=7.5)
    _style_axes(ax)
    return fig


def _service_chart(data: SalesReportData, lang: str) -> Figure:
    t = TEXTS[language_key(lang)]
    service = data.service
    fig = new_figure(7.2, 2.5)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.5])
    scores = ["1", "2", "3", "4", "5"]
    shades = [BAR_LOW, BAR_LOW, BAR_WARN, BAR_GOOD, BAR_GOOD]
    left.bar(scores, list(service.satisfaction_counts), color=shades, width=0.6)
    left.set_xlabel(t["score"], fontsize=8)
    left.set_title(t["satisfaction_chart"].format(n=service.return_visits), fontsize=9)
    left.tick_params(labelsize=7.5)
    kinds = [k for k, n in service.activities if n > 0]
    counts = [n for _, n in service.activities if n > 0]
    if kinds:
        right.barh(list(range(len(kinds))), counts, color=ACTUAL_COLOUR, height=0.6)
        right.set_yticks(list(range(len(kinds))), labels=[k.label(lang) for k in kinds])
        right.invert_yaxis()
        right.tick_params(labelsize=7.5)
    else:
        _no_data(right, t["no_rows"])
    right.set_title(t["activities_chart"], fontsize=9)
    for ax in (left, right):
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    return fig


@dataclass(frozen=True)
class _Ranked:
    label: str
    total_score: Decimal
    grade: str


def _ranking_chart(data: SalesReportData, lang: str) -> Figure:
    t = TEXTS[language_key(lang)]
    fig = new_figure(7.2, max(2.2, 0.3 * len(data.ranking) + 1.0))
    members = [_Ranked(r.name(lang), r.total_score, r.grade) for r in data.ranking]
    bands = [(b.grade, b.floor) for b in DEFAULT_GRADE_BANDS]
    draw_team_ranking(fig, members, band_floors=bands, title=t["ranking_chart"])
    if fig.axes:
        fig.axes[0].set_xlabel(t["total_score_axis"], fontsize=8)
        fig.axes[0].tick_params(labelsize=7.5)
    return fig


# --- tables ---------------------------------------------------------------------------------
def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    styles: DocStyles,
    *,
    numeric_from: int = 1,
    total_last: bool = False,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A ruled table of text: first column(s) left, numbers right, header repeated on a new page."""
    data: list[list[Any]] = [[para(h, styles.head) for h in header]]
    for row in rows:
        data.append(
            [
                para(cell, styles.cell if i < numeric_from else styles.cell_right)
                for i, cell in enumerate(row)
            ]
        )
    scale = width / (sum(widths_mm) * mm)
    table = Table(data, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1)
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_last and rows:
        commands.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), TOTAL_BG))
    table.setStyle(TableStyle(commands))
    return table


def _money(value: Decimal | None) -> str:
    return fmt_number(value, 2)


def _tonnes(value: Decimal | None) -> str:
    return fmt_number(value, 3) if value is not None else DASH


def _plan_rows(rows: Sequence[AmountRow], lang: str) -> list[list[str]]:
    return [
        [
            r.label(lang),
            _tonnes(r.volume_t),
            _tonnes(r.plan_volume_t),
            fmt_pct(r.volume_completion_pct),
            _money(r.revenue_cny),
            _money(r.plan_revenue_cny),
            fmt_pct(r.revenue_completion_pct),
        ]
        for r in rows
    ]


def _subheading(text: str, styles: DocStyles) -> Paragraph:
    return Paragraph(html.escape(text), styles.label)


def _summary(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    c, p, s = data.collection, data.process, data.service
    total = data.total
    rows = [
        [
            t["volume"],
            _tonnes(total.volume_t),
            _tonnes(total.plan_volume_t),
            fmt_pct(total.volume_completion_pct),
            _tonnes(data.previous_year.volume_t),
            fmt_pct(data.volume_growth_pct),
        ],
        [
            t["revenue"],
            _money(total.revenue_cny),
            _money(total.plan_revenue_cny),
            fmt_pct(total.revenue_completion_pct),
            _money(data.previous_year.revenue_cny),
            fmt_pct(data.revenue_growth_pct),
        ],
        [t["collection_rate"], fmt_pct(c.collection_rate_pct), DASH, DASH, DASH, DASH],
        [t["overdue_ratio"], fmt_pct(c.overdue_ratio_pct), DASH, DASH, DASH, DASH],
        [t["win_rate"], fmt_pct(p.win_rate_pct), DASH, DASH, DASH, DASH],
        [t["cycle"], fmt_number(p.average_cycle_days), DASH, DASH, DASH, DASH],
        [t["satisfaction"], fmt_number(s.average_satisfaction), DASH, DASH, DASH, DASH],
        [t["claims"], fmt_number(sum(r.received for r in s.claims)), DASH, DASH, DASH, DASH],
    ]
    header = [t["figure"], t["value"], t["plan"], t["completion"], t["previous"], t["growth"]]
    return [_table(header, rows, (40, 32, 30, 17, 30, 15), styles)]


def _sales(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    plan_header = [
        t["name"],
        t["volume"],
        t["plan_volume"],
        t["completion"],
        t["revenue"],
        t["plan_revenue"],
        t["completion"],
    ]
    widths = (24, 24, 22, 15, 29, 25, 15)
    out: list[Flowable] = [_png(_trend_chart(data, lang)), Spacer(1, 4)]
    team_rows = _plan_rows(data.by_team, lang)
    out += [_subheading(t["by_team"], styles), _table(plan_header, team_rows, widths, styles)]
    out += [Spacer(1, 6), _png(_plan_chart(data.by_rep, lang))]
    rep_rows = _plan_rows(data.by_rep, lang) + _plan_rows([data.total], lang)
    out += [
        _subheading(t["by_rep"], styles),
        _table(plan_header, rep_rows, widths, styles, total_last=True),
        Spacer(1, 6),
    ]
    products = data.by_product
    out.append(
        _png(
            _hbar_chart(
                [r.label(lang) for r in products],
                [_millions(r.revenue_cny) for r in products],
                f"{t['by_product']} — {t['revenue_m']}",
                t["no_rows"],
                ACTUAL_COLOUR,
            )
        )
    )
    simple = [t["product"], t["volume"], t["revenue"]]
    out += [
        _subheading(t["by_product"], styles),
        _table(
            simple,
            [[r.label(lang), _tonnes(r.volume_t), _money(r.revenue_cny)] for r in products],
            (70, 50, 60),
            styles,
        ),
        Spacer(1, 6),
    ]
    n = len(data.by_customer)
    out += [
        CondPageBreak(50 * mm),
        _subheading(t["by_customer"].format(n=n, total=data.customers_with_revenue), styles),
        _table(
            [t["customer"], t["volume"], t["revenue"]],
            [[r.label(lang), _tonnes(r.volume_t), _money(r.revenue_cny)] for r in data.by_customer],
            (80, 45, 55),
            styles,
        ),
        Spacer(1, 6),
    ]
    regions = data.by_region[:10]
    out.append(
        _png(
            _hbar_chart(
                [r.label(lang) for r in regions],
                [_millions(r.revenue_cny) for r in regions],
                f"{t['by_region'].format(n=len(regions))} — {t['revenue_m']}",
                t["no_rows"],
                "#3f7f5f",
            )
        )
    )
    out += [
        _subheading(t["by_region"].format(n=len(regions)), styles),
        _table(
            [t["region"], t["volume"], t["revenue"]],
            [[r.label(lang), _tonnes(r.volume_t), _money(r.revenue_cny)] for r in regions],
            (70, 50, 60),
            styles,
        ),
    ]
    return out


def _prices(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    if not data.prices:
        return [para(t["no_rows"], styles.body)]
    header = [
        t["product"],
        t["currency"],
        t["quantity"],
        t["realized"],
        t["index"],
        t["index_avg"],
        t["ratio"],
    ]
    rows = [
        [
            r.product(lang),
            r.currency.value,
            _tonnes(r.quantity),
            _money(r.realized_price),
            f"{r.index_code} ({r.index_unit})" if r.index_code else DASH,
            _money(r.index_average),
            fmt_pct(r.ratio_pct),
        ]
        for r in data.prices
    ]
    return [
        _table(header, rows, (38, 14, 28, 22, 34, 22, 20), styles, numeric_from=2),
        Spacer(1, 2),
        para(t["price_note"], styles.small),
    ]


def _collection(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    c = data.collection
    summary = [
        [t["opening_ar"], _money(c.opening_receivables_cny)],
        [t["invoiced"], _money(c.invoiced_gross_cny)],
        [t["collected"], _money(c.collected_cny)],
        [t["collection_rate"], fmt_pct(c.collection_rate_pct)],
        [t["receivables"], _money(c.receivables_cny)],
        [t["overdue"], _money(c.overdue_cny)],
        [t["overdue_ratio"], fmt_pct(c.overdue_ratio_pct)],
    ]
    ageing = [[b.label(lang), _money(b.amount_cny)] for b in c.ageing]
    ageing.append([t["unallocated"], _money(c.unallocated_cny)])
    ageing.append([t["receivables"], _money(c.receivables_cny)])
    chart = _hbar_chart(
        [b.label(lang) for b in c.ageing],
        [_millions(b.amount_cny) for b in c.ageing],
        t["ageing_chart"],
        t["no_rows"],
        BAR_WARN,
    )
    half = CONTENT_WIDTH / 2 - 4
    side = Table(
        [
            [
                _table([t["figure"], t["amount"]], summary, (50, 38), styles, width=half),
                _table(
                    [t["ageing"], t["amount"]],
                    ageing,
                    (50, 38),
                    styles,
                    total_last=True,
                    width=half,
                ),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2] * 2,
    )
    side.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [_png(chart), Spacer(1, 4), side]


def _process(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    p = data.process
    pipeline = [
        [
            r.stage.label(lang),
            str(r.count),
            _money(r.value_cny),
            _money(r.value_usd),
            _money(r.weighted_cny),
            _money(r.weighted_usd),
        ]
        for r in p.pipeline
    ]
    out: list[Flowable] = [
        _subheading(t["pipeline"].format(day=p.pipeline_as_of.isoformat()), styles),
        _table(
            [
                t["stage"],
                t["count"],
                t["value_cny"],
                t["value_usd"],
                t["weighted_cny"],
                t["weighted_usd"],
            ],
            pipeline,
            (26, 14, 36, 32, 36, 32),
            styles,
        ),
        Spacer(1, 6),
        _png(_funnel_chart(data, lang)),
        para(
            t["won_lost"].format(
                won=p.won,
                lost=p.lost,
                rate=fmt_pct(p.win_rate_pct),
                cycle=fmt_number(p.average_cycle_days),
            ),
            styles.body,
        ),
        Spacer(1, 6),
    ]
    reasons = p.lost_reasons
    out.append(
        KeepTogether(
            [
                _png(
                    _hbar_chart(
                        [r.label(lang) for r in reasons],
                        [float(r.count) for r in reasons],
                        t["lost_chart"],
                        t["no_rows"],
                        BAR_LOW,
                    ),
                    width_mm=150,
                ),
                _subheading(t["lost_reasons"], styles),
                _table(
                    [t["reason"], t["count"], t["share"]],
                    [[r.label(lang), str(r.count), fmt_pct(r.share_pct)] for r in reasons],
                    (80, 40, 40),
                    styles,
                ),
            ]
        )
    )
    return out


def _service(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    rows = [
        [
            r.ticket_type.label(lang),
            str(r.received),
            _money(r.claimed_cny),
            _money(r.settled_cny),
            str(r.resolved),
            fmt_pct(r.timeliness_pct),
        ]
        for r in data.service.claims
    ]
    return [
        _subheading(t["claims_table"], styles),
        _table(
            [
                t["ticket_type"],
                t["received"],
                t["claimed"],
                t["settled"],
                t["resolved"],
                t["timeliness"],
            ],
            rows,
            (34, 18, 38, 38, 20, 20),
            styles,
        ),
        Spacer(1, 6),
        _png(_service_chart(data, lang)),
    ]


def _ranking(data: SalesReportData, lang: str, styles: DocStyles) -> list[Flowable]:
    t = TEXTS[language_key(lang)]
    rows = [
        [
            str(r.rank),
            r.name(lang),
            r.team_name,
            fmt_number(r.total_score, 2),
            r.grade or DASH,
            str(r.unscored),
        ]
        for r in data.ranking
    ]
    return [
        _png(_ranking_chart(data, lang)),
        _table(
            [t["rank"], t["rep"], t["team_col"], t["total_score"], t["grade"], t["unscored"]],
            rows,
            (14, 40, 40, 28, 20, 28),
            styles,
            numeric_from=3,
        ),
        Spacer(1, 2),
        para(t["ranking_note"], styles.small),
    ]


def report_title(period_type: PeriodType, lang: str) -> str:
    return TEXTS[language_key(lang)][f"title_{period_type.value}"]


def report_flowables(
    data: SalesReportData,
    *,
    lang: str,
    styles: DocStyles,
    company: str = "",
    section_key: int = 0,
) -> list[Flowable]:
    """The whole report as platypus flowables (charts drawn now)."""
    t = TEXTS[language_key(lang)]
    title = report_title(data.period.kind, lang)
    scope = t["team"].format(team=data.team_name) if data.team_name else t["department"]
    when = data.generated_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    period = data.period.label(lang)
    info = SectionInfo(
        key=section_key,
        running_head=f"{title}{t['continued']} — {period} — {scope}",
        footer_left=company or title,
        footer_right=t["generated"].format(when=when),
        page_format=t["page"],
    )
    subtitle = " · ".join(x for x in (company, period, scope) if x)
    story: list[Flowable] = [
        SectionStart(info),
        Paragraph(html.escape(f"{title} — {period}"), styles.title),
        Paragraph(html.escape(subtitle), styles.subtitle),
    ]
    sections = (
        ("s_summary", _summary),
        ("s_sales", _sales),
        ("s_price", _prices),
        ("s_collection", _collection),
        ("s_process", _process),
        ("s_service", _service),
        ("s_ranking", _ranking),
    )
    for key, build in sections:
        # The heading stays with the section's first table or chart, never alone at a page foot.
        body = build(data, lang, styles)
        story.append(CondPageBreak(40 * mm))
        story.append(KeepTogether([Paragraph(html.escape(t[key]), styles.heading), *body[:1]]))
        story += body[1:]
        story.append(Spacer(1, 4))
    return story


def write_sales_report_pdf(
    data: SalesReportData,
    out: Path,
    *,
    lang: str = "zh_CN",
    company: str = "",
) -> Path:
    """Write the report PDF for ``data`` to ``out`` (atomically); returns ``out``."""
    styles = doc_styles(lang)
    story = report_flowables(data, lang=lang, styles=styles, company=company)
    title = report_title(data.period.kind, lang)
    return write_pdf_atomically(
        out,
        story,
        title=f"{title} — {data.period.label(lang)}",
        author=company,
        subject=title,
    )
