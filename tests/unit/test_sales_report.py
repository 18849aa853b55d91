"""The sales report PDF: every section heading, the charts (as images), the embedded CJK font,
in zh and en; matplotlib draws without "Glyph missing" warnings (warnings are errors)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.documents.sales_report import SECTION_KEYS, TEXTS, write_sales_report_pdf
from minesales_desktop.services.report_data import sales_report_data
from tests.conftest import Department
from tests.unit.test_appraisal_sheet import assert_embedded_truetype, pdftext, squash
from tests.unit.test_kpi_engine import Q3, Quarter
from tests.unit.test_report_data import build_report_quarter

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfimages")), reason="needs poppler-utils"
)


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    return build_report_quarter(session, dept)


def image_count(pdf: Path) -> int:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    return sum(1 for line in out.stdout.splitlines()[2:] if re.match(r"\s*\d+", line))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_report_has_every_section_and_its_charts(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path, lang: str
) -> None:
    data = sales_report_data(session, Q3)
    pdf = write_sales_report_pdf(data, tmp_path / "report.pdf", lang=lang, company="华北矿业集团")
    assert_embedded_truetype(pdf)
    text = squash(pdftext(pdf))
    t = TEXTS["zh" if lang == "zh_CN" else "en"]
    assert squash(t["title_QUARTER"]) in text
    for key in SECTION_KEYS:
        assert squash(t[key]) in text, key
    assert squash(Q3.label(lang)) in text
    assert "李强" in text
    # Trend, rep plan, product, region, ageing, funnel, lost reasons, service, ranking.
    assert image_count(pdf) >= 9


def test_an_empty_period_still_prints(
    session: Session, dept: Department, quarter: Quarter, tmp_path: Path
) -> None:
    data = sales_report_data(session, "2030-01")
    pdf = write_sales_report_pdf(data, tmp_path / "empty.pdf", lang="zh_CN")
    text = pdftext(pdf)
    assert "销售月度报告" in text
    assert "—" in text
