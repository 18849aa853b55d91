"""``appraisal-pdf`` and ``report`` run as real processes: they write the PDFs, and refuse bad
input with exit status 2 and one sentence on stderr (never a traceback)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.conftest import Department
from tests.unit.test_appraisal_sheet import pdftext
from tests.unit.test_kpi_engine import Quarter
from tests.unit.test_report_data import build_report_quarter

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    return build_report_quarter(session, dept)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minesales_desktop.documents.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def db(session: Session, dept: Department, quarter: Quarter, db_path: Path) -> Path:
    session.commit()
    session.close()
    return db_path


def test_one_rep_sheet_in_english(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "liqiang.pdf"
    done = run("appraisal-pdf", "--db", str(db), "--period", "2026Q3", "--rep", "liqiang",
               "--lang", "en", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.is_file() and str(out) in done.stdout
    assert "Sales Staff Performance Appraisal" in pdftext(out)


def test_a_team_combined_and_everyone_one_file_each(db: Path, tmp_path: Path) -> None:
    combined = tmp_path / "team.pdf"
    done = run("appraisal-pdf", "--db", str(db), "--period", "2026Q3", "--team", "华北钢厂组",
               "--out", str(combined))  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdftext(combined)
    assert "李强" in text and "赵敏" in text and "陈刚" not in text

    folder = tmp_path / "all"
    done = run("appraisal-pdf", "--db", str(db), "--period", "2026-09", "--all",
               "--lang", "zh_CN", "--out", str(folder))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(list(folder.glob("*.pdf"))) == 4  # 王经理, 李强, 赵敏, 陈刚


def test_yearly_report(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = run("report", "--db", str(db), "--period", "2026", "--lang", "zh_CN", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "销售年度报告" in pdftext(out)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["appraisal-pdf", "--period", "2026Q5", "--all"], "Not a period"),
        (["appraisal-pdf", "--period", "2026Q3", "--rep", "nobody"], "nobody"),
        (["appraisal-pdf", "--period", "2026Q3", "--team", "无此组"], "无此组"),
        (["report", "--period", "13", "--team", "华北钢厂组"], "Not a period"),
        (["report", "--period", "2026", "--team", "无此组"], "无此组"),
    ],
)
def test_bad_input_exits_2_with_one_sentence(
    db: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    out = tmp_path / "x.pdf"
    done = run(*args[:1], "--db", str(db), *args[1:], "--out", str(out))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".~*"))  # no temporary PDF left behind


def test_missing_database(tmp_path: Path) -> None:
    done = run("report", "--db", str(tmp_path / "none.db"), "--period", "2026",
               "--out", str(tmp_path / "r.pdf"))  # fmt: skip
    assert done.returncode == 2 and "No database" in done.stderr
    assert not (tmp_path / "none.db").exists()
