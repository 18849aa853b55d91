"""The printed appraisal sheet, checked on real PDFs with poppler (pdftotext, pdffonts): the CJK
font is embedded TrueType, every KPI row and signature label is there in zh and en, long texts
flow onto page 2 with per-sheet page numbers, confirmed sheets print their frozen figures."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.documents.appraisal_sheet import TEXTS, fmt_number, write_appraisal_pdf
from minesales_desktop.services.appraisals import (
    appraisal_sheet,
    confirm_appraisal,
    open_appraisal,
    save_manager_review,
    save_self_assessment,
)
from minesales_desktop.services.performance import ensure_default_kpis, kpi_definitions, kpi_targets
from tests.conftest import Department
from tests.unit.test_kpi_engine import Q3, Quarter, build_quarter

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="needs poppler-utils"
)


def pdftext(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-raw"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", out.stdout).group(1))  # type: ignore[union-attr]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    ensure_default_kpis(session)
    q = build_quarter(session, dept.rep.user_id)
    for code, value in (("SALES_VOLUME", "15000"), ("SALES_REVENUE", "2000000")):
        kpi = kpi_definitions.by_code(session, code)
        assert kpi is not None
        kpi_targets.set_target(session, dept.manager, kpi.id, dept.rep.user_id, Q3.text, value)
    session.commit()
    return q


def assert_embedded_truetype(pdf: Path) -> None:
    fonts = pdffonts(pdf)
    assert fonts, "no fonts at all"
    for row in fonts:
        # name type [type2] encoding emb sub uni object ID — every font embedded (emb = yes).
        assert "TrueType" in row, row
        assert row[-5] == "yes", f"not embedded: {row}"
    assert any("WenQuanYi" in row[0] or "YaHei" in row[0] or "SimSun" in row[0] for row in fonts)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_sheet_has_header_every_kpi_and_signatures(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path, lang: str
) -> None:
    sheet = appraisal_sheet(session, dept.rep.user_id, Q3, company="华北矿业集团")
    pdf = write_appraisal_pdf([sheet], tmp_path / "sheet.pdf", lang=lang, company="华北矿业集团")
    assert_embedded_truetype(pdf)
    text = squash(pdftext(pdf))
    key = "zh" if lang == "zh_CN" else "en"
    t = TEXTS[key]
    assert squash(sheet.sheet_title(lang)) in text
    expected = "销售人员绩效考核表" if key == "zh" else "SalesStaffPerformanceAppraisal"
    assert expected in text
    for label in ("company", "name", "employee_no", "team", "period", "appraiser"):
        assert squash(t[label]) in text, label
    for col in ("col_dimension", "col_kpi", "col_weight", "col_target", "col_actual"):
        assert squash(t[col]) in text, col
    for line in sheet.lines:
        assert squash(line.name(lang)) in text, line.code
    for role in ("appraisee", "direct_manager", "department_head", "hr", "signature", "date"):
        assert squash(t[role]) in text, role
    # The figures of the hand-built quarter: 17 500.5 t shipped, 1 670 000.00 CNY invoiced.
    assert "17,500.5" in text and "1,670,000" in text
    # A draft prints the current figures and says so on every page.
    assert squash(t["draft_note"]) in text
    total = pages(pdf)
    for n in range(1, total + 1):
        assert squash(t["page"].format(page=n, pages=total)) in text


def test_long_comments_flow_onto_page_two_with_page_numbers(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path
) -> None:
    opened = open_appraisal(session, dept.rep, dept.rep.user_id, Q3)
    long_text = "本季度重点跟进唐山、日照两地钢厂的长协续签,完成铁精粉新客户开发。" * 75
    save_self_assessment(session, dept.rep, opened.id or "", {}, long_text)
    session.commit()
    sheet = appraisal_sheet(session, dept.rep.user_id, Q3)
    pdf = write_appraisal_pdf([sheet], tmp_path / "long.pdf", lang="zh_CN")
    assert pages(pdf) == 2
    assert "第1页/共2页" in squash(pdftext(pdf, 1))
    page2 = squash(pdftext(pdf, 2))
    assert "第2页/共2页" in page2
    # The text continues on page 2 and the signature block is there whole.
    assert "长协续签" in page2
    for role in ("被考核人", "直接上级", "部门负责人", "人力资源"):
        assert role in page2


def test_each_sheet_of_a_team_pdf_counts_its_own_pages(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path
) -> None:
    sheets = [appraisal_sheet(session, uid, Q3) for uid in (dept.rep.user_id, dept.rep2.user_id)]
    pdf = write_appraisal_pdf(sheets, tmp_path / "team.pdf", lang="zh_CN")
    assert pages(pdf) == 2
    assert "第1页/共1页" in squash(pdftext(pdf, 1))
    assert "第1页/共1页" in squash(pdftext(pdf, 2))
    assert "李强" in pdftext(pdf, 1) and "赵敏" in pdftext(pdf, 2)


def test_a_rep_with_no_data_prints_dashes(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path
) -> None:
    sheet = appraisal_sheet(session, dept.rep2.user_id, Q3)
    pdf = write_appraisal_pdf([sheet], tmp_path / "empty.pdf", lang="zh_CN")
    text = pdftext(pdf)
    # Collection rate, satisfaction, claim timeliness … have nothing to divide by: "—".
    assert text.count("—") >= 10
    assert "销售量" in text


def test_confirmed_sheet_prints_the_frozen_figures(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path
) -> None:
    codes = [ln.code for ln in appraisal_sheet(session, dept.rep.user_id, Q3).lines]
    opened = open_appraisal(session, dept.rep, dept.rep.user_id, Q3)
    aid = opened.id or ""
    save_self_assessment(session, dept.rep, aid, dict.fromkeys(codes, "80"), "自评", submit=True)
    save_manager_review(
        session, dept.manager, aid, dict.fromkeys(codes, "85"), "表现良好", "加强回款",
        submit=True,
    )  # fmt: skip
    confirm_appraisal(session, dept.manager, aid)
    session.commit()
    # Edit a record after confirmation: the printed sheet must not change.
    quarter.p3.amount = Decimal("1")
    session.commit()
    sheet = appraisal_sheet(session, dept.rep.user_id, Q3)
    assert sheet.frozen
    pdf = write_appraisal_pdf([sheet], tmp_path / "confirmed.pdf", lang="zh_CN")
    text = squash(pdftext(pdf))
    assert squash(TEXTS["zh"]["draft_note"]) not in text
    assert "已确认" in text
    assert "表现良好" in text and "加强回款" in text
    collection = next(ln for ln in sheet.lines if ln.code == "COLLECTION_RATE")
    assert collection.actual == Decimal("59.25")
    assert "59.25" in text


def test_fmt_number_is_exact_and_dashes_none() -> None:
    assert fmt_number(None) == "—"
    assert fmt_number(Decimal("1670000.00")) == "1,670,000"
    assert fmt_number(Decimal("17500.500")) == "17,500.5"
    assert fmt_number(Decimal("0.005"), 2) == "0.01" or fmt_number(Decimal("0.005"), 2) == "0.00"


def test_an_unusable_font_file_names_what_to_install(tmp_path: Path) -> None:
    from minesales_desktop.documents.pdf_fonts import CjkFontNotFound, register_pdf_font

    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    with pytest.raises(CjkFontNotFound, match="fonts-wqy-microhei"):
        register_pdf_font(broken)
