"""The sales report's charts, drawn into any matplotlib ``Figure``: the PDF (``sales_report``
saves each one as a PNG) and the performance tab's "Report charts" page (a Qt canvas per chart)
draw the same charts from the same ``SalesReportData``, so what a manager reads on screen is
what the printed report shows.

``report_charts(data, lang)`` lists them in the report's order, each with the size it has in the
PDF and a ``draw(figure)`` that clears the figure and draws into it. Drawing is matplotlib only
(no pyplot, no Qt) in the CJK font of ``charts.new_figure``.

The report's wording (``TEXTS``) lives here, below ``sales_report``, because the charts and the
report's tables share it (titles, "Plan", "No data in this period.").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from matplotlib.figure import Figure

from minesales_desktop.documents.appraisal_sheet import fmt_pct, language_key
from minesales_desktop.documents.charts import (
    BAR_GOOD,
    BAR_LOW,
    BAR_WARN,
    draw_team_ranking,
    new_figure,
)
from minesales_desktop.services.kpi_engine import DEFAULT_GRADE_BANDS
from minesales_desktop.services.report_data import AmountRow, SalesReportData

__all__ = [
    "CHART_KEYS",
    "TEXTS",
    "TOP_REGIONS",
    "ReportChart",
    "report_chart",
    "report_charts",
]

MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1000)
PLAN_COLOUR = "#b0bec5"
ACTUAL_COLOUR = "#1f5f8b"
LINE_COLOUR = "#e07b39"
REGION_COLOUR = "#3f7f5f"
CHART_WIDTH_IN = 7.2
TOP_REGIONS = 10  # the region chart and table show the ten provinces with most revenue

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


def _millions(value: Decimal) -> float:
    return float(value / MILLION)


def _style_axes(ax: Any) -> None:
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="x" if ax.get_ylabel() == "" else "y", color="#d0d0d0", linewidth=0.5)
    ax.set_axisbelow(True)


def _no_data(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#607080")
    ax.set_xticks([])
    ax.set_yticks([])


# --- the charts: each clears ``fig`` and draws into it ---------------------------------------
def _draw_trend(fig: Figure, data: SalesReportData, lang: str) -> None:
    t = TEXTS[language_key(lang)]
    fig.clear()
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


def _draw_plan(fig: Figure, rows: Sequence[AmountRow], lang: str) -> None:
    t = TEXTS[language_key(lang)]
    fig.clear()
    ax = fig.add_subplot()
    if not rows:
        _no_data(ax, t["no_rows"])
        return
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


def _draw_hbar(
    fig: Figure,
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    empty: str,
    colour: str,
) -> None:
    fig.clear()
    ax = fig.add_subplot()
    if not labels:
        _no_data(ax, empty)
        return
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


def _draw_funnel(fig: Figure, data: SalesReportData, lang: str) -> None:
    t = TEXTS[language_key(lang)]
    rows = data.process.funnel
    fig.clear()
    ax = fig.add_subplot()
    if not rows or rows[0].reached == 0:
        _no_data(ax, t["no_rows"])
        return
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


def _draw_service(fig: Figure, data: SalesReportData, lang: str) -> None:
    t = TEXTS[language_key(lang)]
    service = data.service
    fig.clear()
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


@dataclass(frozen=True)
class _Ranked:
    label: str
    total_score: Decimal
    grade: str


def _draw_ranking(fig: Figure, data: SalesReportData, lang: str) -> None:
    t = TEXTS[language_key(lang)]
    members = [_Ranked(r.name(lang), r.total_score, r.grade) for r in data.ranking]
    bands = [(b.grade, b.floor) for b in DEFAULT_GRADE_BANDS]
    draw_team_ranking(fig, members, band_floors=bands, title=t["ranking_chart"])
    if fig.axes:
        fig.axes[0].set_xlabel(t["total_score_axis"], fontsize=8)
        fig.axes[0].tick_params(labelsize=7.5)


# --- the list ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportChart:
    """One chart of the report: a stable ``key``, its size in the PDF (inches; the height grows
    with the number of bars) and ``draw(figure)``, which clears the figure and draws the chart."""

    key: str
    width_in: float
    height_in: float
    draw: Callable[[Figure], None]

    def figure(self) -> Figure:
        """A new figure of the PDF's size with the chart drawn in it."""
        fig = new_figure(self.width_in, self.height_in)
        self.draw(fig)
        return fig


CHART_KEYS = (
    "trend",
    "by_rep",
    "by_product",
    "by_region",
    "ageing",
    "funnel",
    "lost_reasons",
    "service",
    "ranking",
)


def _hbar_height(count: int) -> float:
    return max(2.0, 0.28 * count + 0.9)


def report_charts(data: SalesReportData, lang: str) -> tuple[ReportChart, ...]:
    """Every chart of the report for ``data`` in ``lang`` ('zh_CN' or 'en'), in the report's
    order (``CHART_KEYS``)."""
    t = TEXTS[language_key(lang)]
    w = CHART_WIDTH_IN
    products = data.by_product
    regions = data.by_region[:TOP_REGIONS]
    ageing = data.collection.ageing
    reasons = data.process.lost_reasons
    hbar = _draw_hbar
    return (
        ReportChart("trend", w, 2.9, partial(_draw_trend, data=data, lang=lang)),
        ReportChart(
            "by_rep",
            w,
            max(2.2, 0.32 * len(data.by_rep) + 1.0),
            partial(_draw_plan, rows=data.by_rep, lang=lang),
        ),
        ReportChart(
            "by_product",
            w,
            _hbar_height(len(products)),
            partial(
                hbar,
                labels=[r.label(lang) for r in products],
                values=[_millions(r.revenue_cny) for r in products],
                title=f"{t['by_product']} — {t['revenue_m']}",
                empty=t["no_rows"],
                colour=ACTUAL_COLOUR,
            ),
        ),
        ReportChart(
            "by_region",
            w,
            _hbar_height(len(regions)),
            partial(
                hbar,
                labels=[r.label(lang) for r in regions],
                values=[_millions(r.revenue_cny) for r in regions],
                title=f"{t['by_region'].format(n=len(regions))} — {t['revenue_m']}",
                empty=t["no_rows"],
                colour=REGION_COLOUR,
            ),
        ),
        ReportChart(
            "ageing",
            w,
            _hbar_height(len(ageing)),
            partial(
                hbar,
                labels=[b.label(lang) for b in ageing],
                values=[_millions(b.amount_cny) for b in ageing],
                title=t["ageing_chart"],
                empty=t["no_rows"],
                colour=BAR_WARN,
            ),
        ),
        ReportChart("funnel", w, 2.6, partial(_draw_funnel, data=data, lang=lang)),
        ReportChart(
            "lost_reasons",
            w,
            _hbar_height(len(reasons)),
            partial(
                hbar,
                labels=[r.label(lang) for r in reasons],
                values=[float(r.count) for r in reasons],
                title=t["lost_chart"],
                empty=t["no_rows"],
                colour=BAR_LOW,
            ),
        ),
        ReportChart("service", w, 2.5, partial(_draw_service, data=data, lang=lang)),
        ReportChart(
            "ranking",
            w,
            max(2.2, 0.3 * len(data.ranking) + 1.0),
            partial(_draw_ranking, data=data, lang=lang),
        ),
    )


def report_chart(key: str, data: SalesReportData, lang: str) -> ReportChart:
    """The chart ``key`` (one of ``CHART_KEYS``) of the report for ``data``."""
    for chart in report_charts(data, lang):
        if chart.key == key:
            return chart
    raise KeyError(key)
