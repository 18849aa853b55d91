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
from minesales_desktop.documents.pdf_fonts import register_pdf_font
from minesales_desktop.documents.report_charts import TEXTS, TOP_REGIONS, report_chart
from minesales_desktop.models.enums import PeriodType
from minesales_desktop.services.kpi_engine import CHINA_TZ
from minesales_desktop.services.report_data import AmountRow, SalesReportData

__all__ = ["SECTION_KEYS", "TEXTS", "report_flowables", "write_sales_report_pdf"]

CHART_DPI = 150

SECTION_KEYS = (
    "s_summary",
    "s_sales",
    "s_price",
    "s_collection",
    "s_process",
    "s_service",
    "s_ranking",
)


def _png(figure: Figure, width_mm: float = 165) -> Image:
    """The figure as a PNG image flowable ``width_mm`` wide, keeping its aspect ratio."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI)
    buffer.seek(0)
    reader = ImageReader(buffer)
    px_w, px_h = reader.getSize()
    width = width_mm * mm
    return Image(buffer, width=width, height=width * px_h / px_w)


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
    out: list[Flowable] = [_png(report_chart("trend", data, lang).figure()), Spacer(1, 4)]
    team_rows = _plan_rows(data.by_team, lang)
    out += [_subheading(t["by_team"], styles), _table(plan_header, team_rows, widths, styles)]
    out += [Spacer(1, 6), _png(report_chart("by_rep", data, lang).figure())]
    rep_rows = _plan_rows(data.by_rep, lang) + _plan_rows([data.total], lang)
    out += [
        _subheading(t["by_rep"], styles),
        _table(plan_header, rep_rows, widths, styles, total_last=True),
        Spacer(1, 6),
    ]
    products = data.by_product
    out.append(_png(report_chart("by_product", data, lang).figure()))
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
    regions = data.by_region[:TOP_REGIONS]
    out.append(_png(report_chart("by_region", data, lang).figure()))
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
    chart = report_chart("ageing", data, lang).figure()
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
        _png(report_chart("funnel", data, lang).figure()),
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
                _png(report_chart("lost_reasons", data, lang).figure(), width_mm=150),
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
        _png(report_chart("service", data, lang).figure()),
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
        _png(report_chart("ranking", data, lang).figure()),
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
