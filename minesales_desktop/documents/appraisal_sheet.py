"""The printed sales staff appraisal sheet (销售人员绩效考核表), A4, in Chinese or English.

Why ReportLab platypus rather than a drawn page: the sheet has text of any length (definitions,
self-assessment, manager comments, improvement plan) that must wrap and flow onto further pages
with the table header repeated, and the signature block must never be split from itself.

One PDF may hold many sheets (a team printed in one go); each sheet is its own signed document,
so its page numbers ("第 x 页 / 共 y 页", "Page x of y") count its own pages only. That is done by
``SectionCanvas``: a zero-size ``SectionStart`` flowable at the top of each sheet tells the canvas
which sheet the following pages belong to, and the canvas draws the footers once all pages are
known (the ReportLab "page x of y" recipe, per section).

A confirmed appraisal prints from its frozen snapshot (``appraisals.appraisal_sheet`` returns it);
anything else prints the current figures and is marked as a draft on every page.

The document texts are data (``TEXTS``), chosen by the ``lang`` parameter rather than by the
app's translator, so a manager with a Chinese UI can print an English sheet.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from minesales_desktop.documents.pdf_fonts import register_pdf_font
from minesales_desktop.models.enums import AppraisalStatus, KpiDirection
from minesales_desktop.services.appraisals import AppraisalDTO, AppraisalLineDTO
from minesales_desktop.services.kpi_engine import CHINA_TZ

__all__ = [
    "DASH",
    "TEXTS",
    "DocStyles",
    "SectionCanvas",
    "SectionInfo",
    "SectionStart",
    "appraisal_flowables",
    "doc_styles",
    "fmt_number",
    "fmt_pct",
    "language_key",
    "para",
    "write_appraisal_pdf",
    "write_pdf_atomically",
]

DASH = "—"  # what a figure without a value prints (no target, no data)
PAGE = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X
INK = colors.HexColor("#1f2d3d")
RULE = colors.HexColor("#7b8794")
HEAD_BG = colors.HexColor("#e4e9ef")
LABEL_BG = colors.HexColor("#f3f5f8")
TOTAL_BG = colors.HexColor("#eef3e8")

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "company": "公司",
        "name": "姓名",
        "employee_no": "工号",
        "team": "所属团队",
        "position": "岗位",
        "territory": "负责区域",
        "period": "考核期间",
        "appraiser": "考核人",
        "status": "考核状态",
        "printed": "打印日期",
        "draft_note": "未确认:按打印时的业务数据计算,数据可能变化",
        "confirmed_note": "已确认({date}),按确认时冻结的数据打印",
        "col_no": "序号",
        "col_dimension": "考核维度",
        "col_kpi": "考核指标",
        "col_definition": "指标定义",
        "col_weight": "权重",
        "col_target": "目标",
        "col_actual": "实际",
        "col_completion": "完成率",
        "col_self": "自评",
        "col_manager": "上级评分",
        "col_weighted": "加权得分",
        "total": "合计",
        "grade": "考核等级",
        "grade_bands": "等级标准:{bands}",
        "total_score": "总分",
        "footnote": (
            "完成率 = 实际 ÷ 目标 × 100%(越低越好的指标为 目标 ÷ 实际);加权得分 = 上级评分"
            "(未评分时为系统计分)× 权重 ÷ 100。“—”表示无目标或无数据。"
        ),
        "self_assessment": "自我评价",
        "manager_comments": "上级评语",
        "improvement_plan": "改进计划",
        "signatures": "签字确认",
        "appraisee": "被考核人",
        "direct_manager": "直接上级",
        "department_head": "部门负责人",
        "hr": "人力资源",
        "signature": "签字:",
        "date": "日期:",
        "page": "第 {page} 页 / 共 {pages} 页",
        "draft_mark": "草稿 · 未确认",
        "continued": "(续)",
    },
    "en": {
        "company": "Company",
        "name": "Name",
        "employee_no": "Employee no.",
        "team": "Team",
        "position": "Position",
        "territory": "Territory",
        "period": "Period",
        "appraiser": "Appraiser",
        "status": "Status",
        "printed": "Printed on",
        "draft_note": "Not confirmed: figures as of printing; they may still change",
        "confirmed_note": "Confirmed on {date}; printed from the frozen figures",
        "col_no": "No.",
        "col_dimension": "Dimension",
        "col_kpi": "KPI",
        "col_definition": "Definition",
        "col_weight": "Weight",
        "col_target": "Target",
        "col_actual": "Actual",
        "col_completion": "Completion",
        "col_self": "Self",
        "col_manager": "Manager",
        "col_weighted": "Weighted",
        "total": "Total",
        "grade": "Grade",
        "grade_bands": "Grade bands: {bands}",
        "total_score": "Total score",
        "footnote": (
            "Completion = actual ÷ target × 100 % (lower-is-better KPIs: target ÷ actual). "
            "Weighted = manager score (the system score until there is one) × weight ÷ 100. "
            "“—” means no target or no data."
        ),
        "self_assessment": "Self-assessment",
        "manager_comments": "Manager comments",
        "improvement_plan": "Improvement plan",
        "signatures": "Signatures",
        "appraisee": "Appraisee",
        "direct_manager": "Direct manager",
        "department_head": "Department head",
        "hr": "HR",
        "signature": "Signature:",
        "date": "Date:",
        "page": "Page {page} of {pages}",
        "draft_mark": "DRAFT · NOT CONFIRMED",
        "continued": " (continued)",
    },
}

UNIT_LABELS: dict[str, tuple[str, str]] = {
    "t": ("吨", "t"),
    "CNY": ("元", "CNY"),
    "%": ("%", "%"),
    "h": ("小时", "h"),
}


def language_key(lang: str) -> str:
    """'zh_CN', 'zh' → 'zh'; anything else → 'en'."""
    return "zh" if lang.lower().startswith("zh") else "en"


# --- formatting ---------------------------------------------------------------------------------
def fmt_number(value: Decimal | int | None, places: int | None = None) -> str:
    """Grouped digits; ``places`` fixed, or (None) as stored without trailing zeros; "—" for
    no value."""
    if value is None:
        return DASH
    number = Decimal(value)
    if places is not None:
        return f"{number:,.{places}f}"
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_pct(value: Decimal | None, places: int = 2) -> str:
    return DASH if value is None else f"{value:,.{places}f}%"


def _fmt_weight(value: Decimal) -> str:
    return fmt_number(value)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: escaped, line breaks kept."""
    safe = html.escape(text or "", quote=False).replace("\n", "<br/>")
    return Paragraph(safe, style)


# --- styles ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocStyles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    boxed: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    grade: ParagraphStyle
    font: str


def doc_styles(lang: str) -> DocStyles:
    """Paragraph styles in the embedded CJK font; Chinese text wraps between any two characters
    (``wordWrap='CJK'``), English at spaces."""
    font = register_pdf_font().name
    wrap = "CJK" if language_key(lang) == "zh" else None

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": font,
            "fontSize": size,
            "leading": size * 1.32,
            "textColor": INK,
        }
        if wrap:
            base["wordWrap"] = wrap
        base.update(kw)
        return ParagraphStyle(name, **base)

    return DocStyles(
        title=style("title", 17, alignment=TA_CENTER, leading=22, spaceAfter=2),
        subtitle=style("subtitle", 9.5, alignment=TA_CENTER, textColor=RULE, spaceAfter=6),
        heading=style("heading", 11, spaceBefore=5, spaceAfter=3),
        body=style("body", 9),
        boxed=style(
            "boxed",
            9,
            leading=13,
            borderColor=RULE,
            borderWidth=0.5,
            borderPadding=(5, 6, 6, 6),
            leftIndent=6,
            rightIndent=6,
            spaceBefore=4,
            spaceAfter=8,
        ),
        small=style("small", 7.2, textColor=colors.HexColor("#4a5563")),
        label=style("label", 8.5, textColor=colors.HexColor("#3d4a5c")),
        value=style("value", 9),
        cell=style("cell", 7.5, leading=9.6, alignment=TA_LEFT),
        cell_center=style("cell_center", 7.5, leading=9.6, alignment=TA_CENTER),
        cell_right=style("cell_right", 7, leading=9.6, alignment=TA_RIGHT),
        head=style("head", 7, leading=8.8, alignment=TA_CENTER),
        grade=style("grade", 11, leading=13, alignment=TA_CENTER),
        font=font,
    )


# --- per-section page numbers ------------------------------------------------------------------
@dataclass(frozen=True)
class SectionInfo:
    """What the page furniture of one section (one sheet, or one report) shows."""

    key: int
    running_head: str  # printed at the top of the second and later pages
    footer_left: str
    footer_right: str
    page_format: str  # "第 {page} 页 / 共 {pages} 页"
    watermark: str = ""  # drawn across every page of a draft


class SectionStart(Flowable):  # type: ignore[misc]  # ReportLab has no type stubs
    """Zero-size marker: the pages from here on belong to ``info``'s section."""

    def __init__(self, info: SectionInfo) -> None:
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._section_info = self.info


class SectionCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type stubs
    """A canvas that keeps every page until ``save`` so it can print "page x of y" per
    section, the running head of continued pages and the draft watermark."""

    def __init__(self, *args: Any, font_name: str = "Helvetica", **kwargs: Any) -> None:
        # The initial font is written into every page; make it ours so no non-embedded
        # Helvetica is referenced by the PDF.
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = font_name
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []
        self._section_info: SectionInfo | None = None
        self._font_name = font_name

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for state in self._saved_pages:
            info = state.get("_section_info")
            key = info.key if info is not None else -1
            counts[key] = counts.get(key, 0) + 1
        seen: dict[int, int] = {}
        for state in self._saved_pages:
            self.__dict__.update(state)
            info = self._section_info
            key = info.key if info is not None else -1
            seen[key] = seen.get(key, 0) + 1
            if info is not None:
                self._furniture(info, seen[key], counts[key])
            super().showPage()
        super().save()

    def _furniture(self, info: SectionInfo, page: int, pages: int) -> None:
        width, height = PAGE
        self.saveState()
        if info.watermark:
            self.setFillColor(colors.HexColor("#b71c1c"))
            self.setFillAlpha(0.10)
            self.setFont(self._font_name, 46)
            self.translate(width / 2, height / 2)
            self.rotate(35)
            self.drawCentredString(0, 0, info.watermark)
            self.rotate(-35)
            self.translate(-width / 2, -height / 2)
            self.setFillAlpha(1)
        self.setFillColor(RULE)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.setFont(self._font_name, 7.5)
        y = MARGIN_BOTTOM - 9 * mm
        self.line(MARGIN_X, y + 3.6 * mm, width - MARGIN_X, y + 3.6 * mm)
        room = width / 2 - MARGIN_X - 22 * mm  # what the centred page number leaves free
        self.drawString(MARGIN_X, y, self._fit(info.footer_left, room, 7.5))
        self.drawCentredString(width / 2, y, info.page_format.format(page=page, pages=pages))
        self.drawRightString(width - MARGIN_X, y, info.footer_right)
        if page > 1 and info.running_head:
            head = self._fit(info.running_head, width - 2 * MARGIN_X, 7.5)
            top = height - MARGIN_TOP + 4 * mm
            self.drawString(MARGIN_X, top, head)
            self.line(MARGIN_X, top - 1.6 * mm, width - MARGIN_X, top - 1.6 * mm)
        self.restoreState()

    def _fit(self, text: str, room: float, size: float) -> str:
        """``text`` shortened with "…" until it fits ``room`` points."""
        if self.stringWidth(text, self._font_name, size) <= room:
            return text
        while text and self.stringWidth(text + "…", self._font_name, size) > room:
            text = text[:-1]
        return text + "…"


def write_pdf_atomically(
    out: Path,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str = "",
) -> Path:
    """Build the PDF into a temporary file beside ``out`` and move it into place, so a failure or a
    cancelled batch never leaves half a PDF behind (DESIGN §7: never half-write)."""
    font = register_pdf_font().name
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="MineSales Desktop",
        )
        maker: Callable[..., Canvas] = partial(SectionCanvas, font_name=font)
        doc.build(story, canvasmaker=maker)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a printed sheet is an ordinary file
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out


# --- the sheet ------------------------------------------------------------------------------------
def _unit(line: AppraisalLineDTO, lang: str) -> str:
    zh, en = UNIT_LABELS.get(line.unit, (line.unit, line.unit))
    return zh if language_key(lang) == "zh" else en


def _status_text(sheet: AppraisalDTO, lang: str) -> str:
    t = TEXTS[language_key(lang)]
    label = sheet.status.label(lang)
    if sheet.status is AppraisalStatus.CONFIRMED and sheet.frozen:
        when = (
            sheet.confirmed_at.astimezone(CHINA_TZ).date().isoformat() if sheet.confirmed_at else ""
        )
        return f"{label} — " + t["confirmed_note"].format(date=when)
    return f"{label} — " + t["draft_note"]


def _person_name(sheet: AppraisalDTO, lang: str) -> str:
    """张伟 on a Chinese sheet; "Zhang Wei (张伟)" on an English one, so HR can match it."""
    who = sheet.appraisee
    if language_key(lang) == "zh" or not who.full_name_en:
        return who.full_name
    return f"{who.full_name_en} ({who.full_name})"


def _info_table(
    sheet: AppraisalDTO, lang: str, styles: DocStyles, company: str, printed: str
) -> Table:
    t = TEXTS[language_key(lang)]
    who = sheet.appraisee
    appraiser = sheet.appraiser.name(lang) if sheet.appraiser is not None else ""

    def lab(key: str) -> Paragraph:
        return para(t[key], styles.label)

    def val(text: str | None) -> Paragraph:
        return para(text or "", styles.value)

    rows = [
        [lab("company"), val(company), lab("period"), val(sheet.period_label(lang))],
        [lab("name"), val(_person_name(sheet, lang)), lab("employee_no"), val(who.employee_no)],
        [lab("team"), val(who.team_name), lab("position"), val(who.position)],
        [lab("territory"), val(who.territory), lab("appraiser"), val(appraiser)],
        [lab("status"), val(_status_text(sheet, lang)), "", ""],
    ]
    widths = [24 * mm, CONTENT_WIDTH / 2 - 24 * mm, 24 * mm, CONTENT_WIDTH / 2 - 24 * mm]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("BACKGROUND", (2, 0), (2, -2), LABEL_BG),
                ("SPAN", (1, -1), (-1, -1)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# Column widths (mm) of No | Dimension | KPI | Definition | Weight | Target | Actual | Completion |
# Self | Manager | Weighted, per language: each adds up to the A4 content width (182 mm). Target
# and actual fit a full CNY amount (1,459,232,895.39) on one line; English needs wider word
# columns because it only breaks at spaces.
KPI_COLUMNS_MM: dict[str, tuple[float, ...]] = {
    "zh": (7, 13, 20, 37.5, 9, 22, 22, 14, 9.5, 14, 14),
    "en": (6, 18, 20, 33.5, 10.5, 22, 22, 15.5, 9, 12.5, 13),
}


def _bands_text(sheet: AppraisalDTO) -> str:
    """'A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E < 60' from the bands the sheet was graded with."""
    parts: list[str] = []
    above: Decimal | None = None
    for band in sheet.grade_bands:
        if band.floor > 0 or above is None:
            parts.append(f"{band.grade} ≥ {fmt_number(band.floor)}")
        else:
            parts.append(f"{band.grade} < {fmt_number(above)}")
        above = band.floor
    return ", ".join(parts)


def _kpi_table(sheet: AppraisalDTO, lang: str, styles: DocStyles) -> Table:
    t = TEXTS[language_key(lang)]
    head_keys = (
        "col_no",
        "col_dimension",
        "col_kpi",
        "col_definition",
        "col_weight",
        "col_target",
        "col_actual",
        "col_completion",
        "col_self",
        "col_manager",
        "col_weighted",
    )
    rows: list[list[Any]] = [[para(t[k], styles.head) for k in head_keys]]
    for line in sheet.lines:
        unit = _unit(line, lang)
        kpi = line.name(lang) + (f"({unit})" if unit and language_key(lang) == "zh" else "")
        if unit and language_key(lang) != "zh":
            kpi += f" ({unit})"
        if line.direction is KpiDirection.LOWER_BETTER:
            kpi += " ↓"
        rows.append(
            [
                para(str(line.no), styles.cell_center),
                para(line.dimension(lang), styles.cell),
                para(kpi, styles.cell),
                para(line.definition(lang), styles.cell),
                para(_fmt_weight(line.weight), styles.cell_right),
                para(fmt_number(line.target), styles.cell_right),
                para(fmt_number(line.actual), styles.cell_right),
                para(fmt_pct(line.completion_pct), styles.cell_right),
                para(fmt_number(line.self_score), styles.cell_right),
                para(fmt_number(line.manager_score), styles.cell_right),
                para(fmt_number(line.weighted_score, 2), styles.cell_right),
            ]
        )
    total_row: list[Any] = [para(t["total"], styles.cell_center), "", "", ""]
    total_row += [para(_fmt_weight(sheet.total_weight), styles.cell_right)]
    total_row += ["", "", "", "", ""]
    total_row += [para(fmt_number(sheet.total_score, 2), styles.cell_right)]
    rows.append(total_row)
    bands = _bands_text(sheet)
    grade_row: list[Any] = [para(t["grade"], styles.cell_center), "", "", ""]
    grade_row += [Paragraph(html.escape(sheet.grade or DASH), styles.grade)]
    grade_row += [para(t["grade_bands"].format(bands=bands), styles.cell), "", "", "", "", ""]
    rows.append(grade_row)
    widths = [w * mm for w in KPI_COLUMNS_MM[language_key(lang)]]
    table = Table(rows, colWidths=widths, repeatRows=1)
    last = len(rows) - 1
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
                ("SPAN", (0, last - 1), (3, last - 1)),
                ("SPAN", (5, last - 1), (9, last - 1)),
                ("SPAN", (0, last), (3, last)),
                ("SPAN", (5, last), (10, last)),
                ("BACKGROUND", (0, last - 1), (-1, last), TOTAL_BG),
            ]
        )
    )
    return table


def _text_block(title: str, text: str | None, styles: DocStyles) -> list[Flowable]:
    """A heading and the text in a ruled box; an empty box to write in when there is none. The
    text is a Paragraph, so a long one splits across pages line by line."""
    heading = Paragraph(html.escape(title), styles.heading)
    if text and text.strip():
        return [CondPageBreak(24 * mm), heading, para(text.strip(), styles.boxed)]
    box = Table([[""]], colWidths=[CONTENT_WIDTH], rowHeights=[13 * mm])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return [KeepTogether([heading, box, Spacer(1, 4)])]


def _signature_block(lang: str, styles: DocStyles) -> Flowable:
    t = TEXTS[language_key(lang)]
    rows = [
        [
            para(t[role], styles.value),
            para(t["signature"], styles.label),
            "",
            para(t["date"], styles.label),
            "",
        ]
        for role in ("appraisee", "direct_manager", "department_head", "hr")
    ]
    widths = [34 * mm, 20 * mm, 62 * mm, 16 * mm, CONTENT_WIDTH - 132 * mm]
    table = Table(rows, colWidths=widths, rowHeights=[9 * mm] * len(rows))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_pdf_font().name),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (2, 0), (2, -1), 0.6, INK),
                ("LINEBELOW", (4, 0), (4, -1), 0.6, INK),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    heading = Paragraph(html.escape(t["signatures"]), styles.heading)
    return KeepTogether([heading, table])


def appraisal_flowables(
    sheet: AppraisalDTO,
    *,
    lang: str,
    styles: DocStyles,
    section_key: int = 0,
    company: str = "",
    printed_on: dt.date | None = None,
) -> list[Flowable]:
    """Everything one sheet prints, starting with its ``SectionStart``."""
    t = TEXTS[language_key(lang)]
    day = (printed_on or dt.datetime.now(CHINA_TZ).date()).isoformat()
    company_name = company or sheet.company
    title = sheet.sheet_title(lang)
    name = _person_name(sheet, lang)
    draft = not (sheet.status is AppraisalStatus.CONFIRMED and sheet.frozen)
    info = SectionInfo(
        key=section_key,
        running_head=f"{title}{t['continued']} — {name} — {sheet.period_label(lang)}",
        footer_left=company_name or title,
        footer_right=f"{t['printed']} {day}",
        page_format=t["page"],
        watermark=t["draft_mark"] if draft else "",
    )
    story: list[Flowable] = [
        SectionStart(info),
        Paragraph(html.escape(title), styles.title),
        *([Paragraph(html.escape(company_name), styles.subtitle)] if company_name else []),
        Spacer(1, 2),
        _info_table(sheet, lang, styles, company_name, day),
        Spacer(1, 6),
        _kpi_table(sheet, lang, styles),
        Spacer(1, 3),
        para(t["footnote"], styles.small),
    ]
    story += _text_block(t["self_assessment"], sheet.self_assessment, styles)
    story += _text_block(t["manager_comments"], sheet.manager_comments, styles)
    story += _text_block(t["improvement_plan"], sheet.improvement_plan, styles)
    story.append(Spacer(1, 4))
    story.append(_signature_block(lang, styles))
    return story


def write_appraisal_pdf(
    sheets: Sequence[AppraisalDTO],
    out: Path,
    *,
    lang: str = "zh_CN",
    company: str = "",
    printed_on: dt.date | None = None,
) -> Path:
    """One PDF holding the given sheets, each starting on a new page with its own page numbers.

    Raises ``CjkFontNotFound`` (a message naming what to install) when no CJK font exists."""
    if not sheets:
        raise ValueError("no appraisal sheets to print")
    styles = doc_styles(lang)
    story: list[Flowable] = []
    for i, sheet in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story += appraisal_flowables(
            sheet,
            lang=lang,
            styles=styles,
            section_key=i,
            company=company,
            printed_on=printed_on,
        )
    first = sheets[0]
    title = first.sheet_title(lang)
    if len(sheets) == 1:
        subject = f"{_person_name(first, lang)} — {first.period_label(lang)}"
    else:
        subject = first.period_label(lang)
    return write_pdf_atomically(
        out, story, title=f"{title} — {subject}", author=company or first.company, subject=subject
    )
