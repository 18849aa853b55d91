"""The quote PDF read back as a buyer would: pdftotext for the words, pdffonts for the font.

The worked example is the issue's DCE one: base 800 CNY/t; Fe 61.2 → 8 steps of 0.1 below 62 at
−1.5 = −12; SiO2 4.8 → 5 × −1.0 (4.0–4.5) + 3 × −2.0 (4.5–4.8) = −11; Al2O3 2.7 → 2 × −1.5 = −3;
P 0.09 → 2 × −1.0 = −2; 800 − 12 − 11 − 3 − 2 = 772 CNY/wmt. 50 000 wmt × 772 = 38 600 000.00,
VAT included at 13 %: net 38 600 000 / 1.13 = 34 159 292.04, VAT 4 440 707.96.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.documents.quote_pdf import (
    IndexSource,
    quote_document,
    render_quote_pdf,
)
from minesales_desktop.models.catalog import Product, QualitySpec
from minesales_desktop.models.enums import AnalyteBasis, ProductCategory, QuantityUnit
from minesales_desktop.services.catalog import index_quotes, price_indices
from minesales_desktop.services.customers import customers
from minesales_desktop.services.pricing import (
    PriceTermsError,
    dump_terms,
    load_template,
    load_terms,
)
from minesales_desktop.services.sales import opportunities, quotes

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) not installed",
)

ASSAY = {"Fe": "61.2", "SiO2": "4.8", "Al2O3": "2.7", "P": "0.09"}


def _text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return out.stdout


def _fonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def _squash(text: str) -> str:
    """Runs of spaces to one, so table columns read as sentences."""
    return re.sub(r"[ \t]+", " ", text)


def _dce_terms(**extra: Any) -> dict[str, Any]:
    data = dump_terms(load_template("dce_iron_ore"))
    data.update(extra)
    return data


@pytest.fixture
def world(session: Session, dept):
    fines = Product(
        code="FE61", name_zh="61%铁矿粉", name_en="61% Fe fines", hs_code="2601.11",
        category=ProductCategory.FE_FINES, unit=QuantityUnit.WMT,
    )  # fmt: skip
    session.add(fines)
    session.flush()
    specs = (
        ("Fe", "61.5", "60", "65", None, None),
        ("SiO2", "4.5", None, "6.5", None, "6.5"),
        ("Al2O3", "2.5", None, "3.5", None, "3.5"),
        ("P", "0.08", None, "0.10", None, "0.10"),
    )
    for order, (analyte, typical, low, high, rmin, rmax) in enumerate(specs):
        session.add(
            QualitySpec(
                product_id=fines.id, analyte=analyte, unit="%", basis=AnalyteBasis.DRY,
                typical=Decimal(typical), min_value=low and Decimal(low),
                max_value=high and Decimal(high), reject_min=rmin and Decimal(rmin),
                reject_max=rmax and Decimal(rmax), sort_order=order,
            )
        )  # fmt: skip
    steel = customers.create(
        session, dept.rep,
        {"code": "C1", "name_zh": "日照钢铁控股集团有限公司", "name_en": "Rizhao Steel Holding",
         "short_name": "日钢", "customer_type": "STEEL_MILL", "address": "山东省日照市岚山区"},
    )  # fmt: skip
    opp = opportunities.create(
        session, dept.rep,
        {"title": "2027年长协", "customer_id": steel.id, "product_id": fines.id,
         "quantity": "50000"},
    )  # fmt: skip
    session.commit()
    return {"product": fines, "customer": steel, "opp": opp}


def _quote(session: Session, dept, world, terms: dict[str, Any], **extra: Any):
    values = {
        "opportunity_id": world["opp"].id,
        "product_id": world["product"].id,
        "quantity": Decimal(50000),
        "quantity_unit": QuantityUnit.WMT,
        "tolerance_pct": Decimal(10),
        "tolerance_option": "SELLER",
        "incoterm": "DELIVERED",
        "port": "日照港 Rizhao",
        "currency": "CNY",
        "fx_rate": Decimal(1),
        "vat_rate": Decimal(13),
        "vat_included": True,
        "pricing_method": "INDEX",
        "price_terms": terms,
        "expected_assay": dict(ASSAY),
        "unit_price": Decimal("772.00"),
        "payment_method": "TT",
        "payment_terms": "90% 见提单电汇,尾款按最终化验结算",
        "valid_until": dt.date.today() + dt.timedelta(days=14),
        **extra,
    }
    dto = quotes.create(session, dept.rep, values)
    session.commit()
    return dto


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_dce_quote_pdf_shows_the_breakdown_and_embeds_a_cjk_font(
    session: Session, dept, world, tmp_path: Path, lang: str
) -> None:
    quote = _quote(session, dept, world, _dce_terms(quoted_index={"DCE_I": "800"}))
    pdf = render_quote_pdf(session, quote.id, lang, tmp_path / "q.pdf", company="华北矿业有限公司")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    text = _squash(_text(pdf))
    zh = lang.startswith("zh")
    # header
    assert "华北矿业有限公司" in text
    assert ("报价单" if zh else "Quotation") in text
    assert quote.quote_no in text
    assert ("第 1 版" if zh else "version 1") in text
    assert ("日照钢铁控股集团有限公司" if zh else "Rizhao Steel Holding") in text
    assert quote.valid_until.isoformat() in text
    # product and quality: typical, range, reject limit and what the quote is priced on
    assert "FE61" in text and ("61%铁矿粉" if zh else "61% Fe fines") in text
    assert re.search(r"SiO2 .*4\.5 .*≤ 6\.5 .*> 6\.5 .*4\.8", text)
    # quantity ± tolerance and option, Incoterm and port
    assert "50,000" in text and "10%" in text
    assert ("卖方选择" if zh else "Seller's option") in text
    assert ("到厂价" if zh else "Delivered to plant") in text and "日照港 Rizhao" in text
    # price: index as quoted, every line with its rule, subtotal, VAT, total and the lot
    assert "DCE_I 800.00 CNY/wmt" in text
    assert ("报价时取值" if zh else "(as quoted)") in text
    index_word = "指数 DCE_I" if zh else "Index DCE_I"
    rule_word = "累进" if zh else "cumulative"
    expected_lines = [
        rf"{index_word} .*800\.00 CNY/wmt",
        rf"Fe 61\.2% .*{rule_word}.*−12 .*-12\.00 CNY/wmt",
        rf"SiO2 4\.8% .*{rule_word}.*−11 .*-11\.00 CNY/wmt",
        rf"Al2O3 2\.7% .*{rule_word}.*−3 .*-3\.00 CNY/wmt",
        rf"P 0\.09% .*{rule_word}.*−2 .*-2\.00 CNY/wmt",
        rf"{'单价' if zh else 'Unit price'} .*772\.00 CNY/wmt",
        r"38,600,000\.00 CNY",
        r"34,159,292\.04 CNY",
        rf"{'增值税' if zh else 'VAT'} 13% .*4,440,707\.96 CNY",
        rf"{'合计' if zh else 'Total'} .*38,600,000\.00 CNY",
    ]
    for pattern in expected_lines:
        assert re.search(pattern, text), pattern
    assert "772.00" in text
    # payment and signatures
    assert ("电汇" if zh else "T/T") in text
    assert "90% 见提单电汇" in text
    assert ("买方" if zh else "Buyer") in text and ("卖方" if zh else "Seller") in text
    # the font: one embedded TrueType (subset) CJK font, and nothing else
    fonts = _fonts(pdf)
    assert fonts, "no fonts listed"
    for row in fonts:
        name, kind, emb = row[0], " ".join(row[1:-5]), row[-5]
        assert "TrueType" in kind, row
        assert emb == "yes", row
        assert "+" in name, row  # a subset tag: the glyphs are in the file
    assert any("WenQuanYi" in row[0] or "MicroHei" in row[0] or "YaHei" in row[0] for row in fonts)


def test_document_recomputes_exactly_and_records_where_the_index_came_from(
    session: Session, dept, world
) -> None:
    quote = _quote(session, dept, world, _dce_terms(quoted_index={"DCE_I": "800"}))
    doc = quote_document(session, quote.id)
    assert doc.index_source is IndexSource.QUOTE
    assert doc.index_values == (("DCE_I", Decimal("800")),)
    assert doc.unit_result is not None and doc.unit_result.unit_price == Decimal("772.00")
    assert doc.lot_result is not None and doc.lot_result.total == Decimal("38600000.00")
    assert not doc.recomputed_differs
    spec = {r.analyte: r for r in doc.specs}
    assert spec["SiO2"].typical == Decimal("4.5") and spec["SiO2"].expected == Decimal("4.8")


def test_a_quote_without_an_index_record_uses_the_published_quote_of_its_day(
    session: Session, dept, world, tmp_path: Path
) -> None:
    index = price_indices.create(
        session, dept.manager,
        {"code": "DCE_I", "name_zh": "大商所铁矿石", "name_en": "DCE iron ore", "currency": "CNY",
         "unit": "CNY/t"},
    )  # fmt: skip
    today = dt.date.today()
    index_quotes.set_quote(session, dept.manager, index.id, today - dt.timedelta(days=3), "790")
    index_quotes.set_quote(session, dept.manager, index.id, today - dt.timedelta(days=1), "800")
    index_quotes.set_quote(session, dept.manager, index.id, today + dt.timedelta(days=2), "900")
    session.commit()
    quote = _quote(session, dept, world, _dce_terms())  # as saved before issue 4 item 3
    doc = quote_document(session, quote.id)
    assert doc.index_source is IndexSource.CATALOG
    assert doc.index_values == (("DCE_I", Decimal("800.0000")),)
    assert dict(doc.index_dates) == {"DCE_I": today - dt.timedelta(days=1)}
    assert doc.unit_result is not None and doc.unit_result.unit_price == Decimal("772.00")
    text = _squash(_text(render_quote_pdf(session, quote.id, "en", tmp_path / "c.pdf")))
    assert "not recorded on the quote; published quote of" in text
    assert (today - dt.timedelta(days=1)).isoformat() in text
    assert "772.00" in text


def test_no_index_anywhere_still_prints_the_quote_and_says_why(
    session: Session, dept, world, tmp_path: Path
) -> None:
    quote = _quote(session, dept, world, _dce_terms())
    doc = quote_document(session, quote.id)
    assert doc.index_source is IndexSource.MISSING and doc.unit_result is None
    text = _squash(_text(render_quote_pdf(session, quote.id, "zh_CN", tmp_path / "m.pdf")))
    assert "无法重新计算价格明细" in text and "DCE_I:未记录,亦无公布价" in text
    assert "772.00" in text  # the price on the quote is still shown


def test_a_changed_price_is_flagged_not_hidden(session: Session, dept, world, tmp_path) -> None:
    quote = _quote(
        session, dept, world, _dce_terms(quoted_index={"DCE_I": "800"}),
        unit_price=Decimal("775.00"),
    )  # fmt: skip
    doc = quote_document(session, quote.id)
    assert doc.recomputed_differs
    text = _squash(_text(render_quote_pdf(session, quote.id, "en", tmp_path / "d.pdf")))
    assert "differs from the price recorded on the quote (775.00)" in text


def test_quoted_index_is_part_of_the_terms_format() -> None:
    """The record the quote editor writes: kept by dump/load, refused for an index not read."""
    terms = load_terms(_dce_terms(quoted_index={"DCE_I": "800"}))
    assert terms.quoted_index == (("DCE_I", Decimal("800")),)
    assert load_terms(dump_terms(terms)) == terms
    assert dump_terms(terms)["quoted_index"] == {"DCE_I": "800"}
    assert "quoted_index" not in dump_terms(load_template("dce_iron_ore"))
    with pytest.raises(PriceTermsError, match=r"quoted_index\.LME_CU: the terms read no index"):
        load_terms(_dce_terms(quoted_index={"LME_CU": "9000"}))
    with pytest.raises(PriceTermsError, match=r"quoted_index\.DCE_I: must be greater than 0"):
        load_terms(_dce_terms(quoted_index={"DCE_I": "0"}))


@pytest.mark.parametrize(
    ("terms", "assay", "total"),
    [
        # 50 000 wmt × 772 = 38 600 000 without VAT; the total adds 13 %: 43 618 000.00
        ({"vat": {"rate": "13", "included": False}}, {}, Decimal("43618000.00")),
        # priced per dry tonne, quoted on 50 000 wet tonnes at 8 % H2O: 46 000 dmt × 772
        ({"price_unit": "dmt"}, {"H2O": "8"}, Decimal("35512000.00")),
    ],
    ids=["vat-excluded", "wet-tonnes-dmt-price"],
)
def test_the_quote_keeps_the_lots_total_as_the_printed_quote_shows_it(
    session: Session, dept, world, terms: dict[str, Any], assay: dict[str, str], total: Decimal
) -> None:
    """The quote list's total (``Quote.total_amount``) is the lot's total the editor showed and
    the printed quote prints — not quantity × unit price, which here is 38 600 000.00."""
    quote = _quote(
        session, dept, world, _dce_terms(quoted_index={"DCE_I": "800"}, **terms),
        expected_assay={**ASSAY, **assay},
    )  # fmt: skip
    assert quote.quantity * quote.unit_price == Decimal("38600000.00")
    doc = quote_document(session, quote.id)
    assert doc.lot_result is not None and doc.lot_result.total == total
    assert quote.total_amount == total


@pytest.mark.parametrize(
    ("terms", "extra"),
    [
        # what an import may store: numbers the engine cannot read, no terms at all, terms
        # that are not a mapping — the quote saves; its total is quantity × unit price
        (
            _dce_terms(quoted_index={"DCE_I": "800"}),
            {"expected_assay": {"Fe": "61.2%", "抗碎": "≤20"}},
        ),
        ({}, {}),
        ([], {}),
        # terms settling in another currency than the quote's, or at another unit price
        (dump_terms(load_template("iron_ore_62fe_viu")), {}),
        (_dce_terms(quoted_index={"DCE_I": "800"}), {"unit_price": Decimal("780.00")}),
    ],
    ids=["unreadable-assay", "no-terms", "terms-not-a-mapping", "usd-terms", "typed-price"],
)
def test_a_quote_the_engine_cannot_price_at_its_own_price_keeps_quantity_times_price(
    session: Session, dept, world, terms: Any, extra: dict[str, Any]
) -> None:
    quote = _quote(session, dept, world, terms, **extra)
    assert quote.total_amount == quote.quantity * quote.unit_price
