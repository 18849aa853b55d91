"""Worked examples for every pricing mode, each computed by hand in the comments.

Rounding (see the engine docstring): every price line to 0.01 half-up, tonnes to 0.001, amounts
to 0.01; the unit price is the sum of the rounded lines.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from typing import Any

import pytest

from minesales_desktop.services.pricing import (
    LineKind,
    PriceResult,
    PricingInputError,
    Terms,
    calculate_price,
    load_template,
    load_terms,
    settle_final_invoice,
)


def make_terms(**fields: Any) -> Terms:
    data: dict[str, Any] = {
        "format_version": 1,
        "code": "test",
        "name": {"zh": "测试", "en": "Test"},
        "currency": "CNY",
        "price_unit": "t",
        "price": {"mode": "fixed", "value": "100.00"},
        "vat": {"rate": "0"},
    }
    data.update(fields)
    return load_terms(data)


def amounts(result: PriceResult, *kinds: LineKind) -> list[D | None]:
    wanted = kinds or (LineKind.BASE, LineKind.ADJUSTMENT)
    return [line.amount for line in result.lines if line.kind in wanted]


def line(result: PriceResult, analyte: str) -> Any:
    return next(x for x in result.lines if x.analyte == analyte and x.kind is LineKind.ADJUSTMENT)


DCE_TIERS = {
    "Fe": {
        "base": "62",
        "bands": [
            {"from": "60", "to": "62", "step": "0.1", "amount": "-1.5"},
            {"from": "62", "to": "65", "step": "0.1", "amount": "1.0"},
        ],
    },
    "SiO2": {
        "base": "4.0",
        "bands": [
            {"from": "4.0", "to": "4.5", "step": "0.1", "amount": "-1.0"},
            {"from": "4.5", "to": "6.5", "step": "0.1", "amount": "-2.0"},
        ],
        "reject_above": "6.5",
    },
    "Al2O3": {
        "base": "2.5",
        "bands": [
            {"from": "2.5", "to": "3.0", "step": "0.1", "amount": "-1.5"},
            {"from": "3.0", "to": "3.5", "step": "0.1", "amount": "-3.0"},
        ],
    },
    "P": {
        "base": "0.07",
        "bands": [{"from": "0.07", "to": "0.10", "step": "0.01", "amount": "-1.0"}],
    },
}
DCE_ASSAY = {"Fe": D("61.2"), "SiO2": D("4.8"), "Al2O3": D("2.7"), "P": D("0.09")}


# --- the issue's DCE example ------------------------------------------------------------------


def test_dce_worked_example_from_the_issue() -> None:
    terms = make_terms(price={"mode": "index", "index": "DCE_I"}, price_unit="wmt", tiers=DCE_TIERS)
    result = calculate_price(terms, DCE_ASSAY, index=D("800"))
    # Fe 61.2: 62 − 61.2 = 0.8 → 8 steps of 0.1 in the 60–62 band × −1.5      = −12
    # SiO2 4.8: 4.0–4.5 → 5 steps × −1.0 = −5; 4.5–4.8 → 3 steps × −2.0 = −6 → −11 (cumulative)
    # Al2O3 2.7: 2.5–2.7 → 2 steps × −1.5                                       =  −3
    # P 0.09: 0.07–0.09 → 2 steps of 0.01 × −1.0                               =  −2
    # 800 − 12 − 11 − 3 − 2 = 772
    assert amounts(result) == [D("800.00"), D("-12.00"), D("-11.00"), D("-3.00"), D("-2.00")]
    assert result.unit_price == D("772.00")
    assert result.base_price == D("800.00")
    assert not result.rejected
    assert line(result, "SiO2").code == "tier.cumulative"
    assert "4.0–4.5: 5 × −1.0 + 4.5–4.8: 3 × −2.0" in line(result, "SiO2").rule.en


def test_dce_template_with_quantity_and_vat_included() -> None:
    result = calculate_price(
        load_template("dce_iron_ore"), DCE_ASSAY, index=D("800"), quantity=D("1000")
    )
    # price per wet tonne, so 1000 wmt settle as they are: 1000 × 772.00 = 772000.00 (incl. VAT)
    # net = 772000.00 / 1.13 = 683185.8407 → 683185.84; VAT = 772000.00 − 683185.84 = 88814.16
    assert result.unit_price == D("772.00")
    assert result.quantity == D("1000")
    assert (result.net_amount, result.vat_amount, result.total) == (
        D("683185.84"),
        D("88814.16"),
        D("772000.00"),
    )
    # per tonne: 772.00 / 1.13 = 683.1858 → 683.19, VAT 88.81
    assert (result.unit_price_net, result.unit_vat) == (D("683.19"), D("88.81"))


# --- fixed, index, quotational periods ------------------------------------------------------


def test_fixed_price_vat_exclusive() -> None:
    terms = make_terms(vat={"rate": "13", "included": False})
    result = calculate_price(terms, {}, quantity=D("12.345"))
    # 12.345 t × 100.00 = 1234.50; VAT 1234.50 × 13% = 160.485 → 160.49; total 1394.99
    assert (result.net_amount, result.vat_amount, result.total) == (
        D("1234.50"),
        D("160.49"),
        D("1394.99"),
    )
    assert amounts(result, LineKind.TOTAL) == [D("1394.99")]


def test_default_vat_is_13_percent_exclusive() -> None:
    data = {
        "format_version": 1,
        "code": "v",
        "name": "v",
        "currency": "CNY",
        "price_unit": "t",
        "price": {"mode": "fixed", "value": "50"},
    }
    result = calculate_price(load_terms(data), {})
    # 50 × 13% = 6.50 → 56.50 incl. VAT
    assert (result.vat_rate, result.unit_vat, result.unit_price_gross) == (
        D("13"),
        D("6.50"),
        D("56.50"),
    )


def test_index_plus_differential() -> None:
    terms = make_terms(
        currency="USD",
        price={"mode": "index", "index": "IODEX62", "differential": "-2.75"},
    )
    result = calculate_price(terms, {}, index=D("105.30"))
    # 105.30 − 2.75 = 102.55
    assert amounts(result) == [D("105.30"), D("-2.75")]
    assert result.unit_price == D("102.55")


QUOTES = {
    dt.date(2024, 6, 28): D("99.00"),
    dt.date(2024, 7, 1): D("100.00"),
    dt.date(2024, 7, 2): D("101.00"),
    dt.date(2024, 7, 3): D("102.05"),
    dt.date(2024, 7, 4): D("103.00"),
    dt.date(2024, 8, 1): D("110.00"),
    dt.date(2024, 8, 30): D("111.01"),
}


def _qp_price(qp: dict[str, Any], bl: dt.date, quotes: dict[dt.date, D] = QUOTES) -> D:
    terms = make_terms(price={"mode": "index", "index": {"name": "IDX", "qp": qp}})
    return calculate_price(terms, {}, quotes={"IDX": quotes}, bl_date=bl).unit_price


def test_qp_last_n_quotes_before_bl() -> None:
    # B/L 2024-07-04 (its own quote excluded):
    # 100.00 + 101.00 + 102.05 = 303.05 / 3 = 101.0166… → 101.02
    assert _qp_price({"type": "quotes_before_bl", "n": 3}, dt.date(2024, 7, 4)) == D("101.02")
    # including the B/L date: 101.00 + 102.05 + 103.00 = 306.05 / 3 = 102.0166… → 102.02
    qp = {"type": "quotes_before_bl", "n": 3, "include_bl_date": True}
    assert _qp_price(qp, dt.date(2024, 7, 4)) == D("102.02")


def test_qp_calendar_days_before_bl() -> None:
    # 7 days before B/L 2024-07-04 = 2024-06-27 … 2024-07-03: 99 + 100 + 101 + 102.05 = 402.05 / 4
    # = 100.5125 → 100.51
    assert _qp_price({"type": "days_before_bl", "n": 7}, dt.date(2024, 7, 4)) == D("100.51")


def test_qp_month_of_bl_and_month_after() -> None:
    # July 2024: 100 + 101 + 102.05 + 103 = 406.05 / 4 = 101.5125 → 101.51
    assert _qp_price({"type": "month_of_bl"}, dt.date(2024, 7, 20)) == D("101.51")
    # M+1 = August: 110.00 + 111.01 = 221.01 / 2 = 110.505 → 110.51 (half-up)
    assert _qp_price({"type": "month_after_bl", "n": 1}, dt.date(2024, 7, 20)) == D("110.51")


def test_qp_month_after_crosses_the_year_end() -> None:
    quotes = {dt.date(2025, 2, 3): D("90.00"), dt.date(2025, 2, 4): D("91.00")}
    # B/L 2024-12-15, M+2 = February 2025: (90 + 91) / 2 = 90.50
    assert _qp_price({"type": "month_after_bl", "n": 2}, dt.date(2024, 12, 15), quotes) == D(
        "90.50"
    )


def test_qp_without_quotes_is_refused_with_the_period() -> None:
    with pytest.raises(
        PricingInputError, match=r"IDX: no quotes in the quotational period.*2024-09"
    ):
        _qp_price({"type": "month_after_bl", "n": 2}, dt.date(2024, 7, 20))
    with pytest.raises(
        PricingInputError, match="last 9 quotes before B/L 2024-07-04, only 4 given"
    ):
        _qp_price({"type": "quotes_before_bl", "n": 9}, dt.date(2024, 7, 4))


def test_direct_index_value_wins_over_quotes() -> None:
    terms = make_terms(
        price={"mode": "index", "index": {"name": "IDX", "qp": {"type": "month_of_bl"}}}
    )
    result = calculate_price(
        terms, {}, index=D("123.45"), quotes={"IDX": QUOTES}, bl_date=dt.date(2024, 7, 9)
    )
    assert result.unit_price == D("123.45")
    assert result.index_values == (("IDX", D("123.45")),)


# --- iron ore: Fe pro-rata and value-in-use ---------------------------------------------------


def test_fe_pro_rata_with_differential_after() -> None:
    terms = make_terms(
        currency="USD",
        price_unit="dmt",
        price={
            "mode": "grade_pro_rata",
            "index": "IODEX62",
            "analyte": "Fe",
            "base": "62",
            "differential": "-1.00",
        },
    )
    result = calculate_price(terms, {"Fe": D("61.5")}, index=D("110.00"))
    # 110.00 × 61.5 / 62 = 109.1129… → 109.11; − 1.00 = 108.11
    assert amounts(result) == [D("109.11"), D("-1.00")]
    assert result.unit_price == D("108.11")


def test_fe_pro_rata_with_differential_before() -> None:
    terms = make_terms(
        currency="USD",
        price_unit="dmt",
        price={
            "mode": "grade_pro_rata",
            "value": "110.00",
            "analyte": "Fe",
            "base": "62",
            "differential": "-1.00",
            "differential_before_pro_rata": True,
        },
    )
    result = calculate_price(terms, {"Fe": D("61.5")})
    # (110.00 − 1.00) × 61.5 / 62 = 108.1209… → 108.12
    assert result.unit_price == D("108.12")


def test_value_in_use_template_with_impurities_and_provisional_invoice() -> None:
    result = calculate_price(
        load_template("iron_ore_62fe_viu"),
        {"Fe": D("61.0"), "SiO2": D("5.2"), "Al2O3": D("2.5"), "P": D("0.10")},
        index=D("105.30"),
        quantity=D("170000"),
        moisture=D("8.5"),
    )
    # index 105.30, differential −1.50
    # Fe VIU: (61.0 − 62.0) × 3.00 per 1%          = −3.00
    # SiO2: (5.2 − 4.5) / 1 × −1.50                 = −1.05
    # Al2O3: (2.5 − 2.3) / 1 × −3.00                = −0.60
    # P: (0.10 − 0.09) / 0.01 × −0.50               = −0.50
    # 105.30 − 1.50 − 3.00 − 1.05 − 0.60 − 0.50 = 98.65 USD/dmt
    assert amounts(result) == [
        D("105.30"),
        D("-1.50"),
        D("-3.00"),
        D("-1.05"),
        D("-0.60"),
        D("-0.50"),
    ]
    assert result.unit_price == D("98.65")
    # 170000 wmt × (100 − 8.5) / 100 = 155550.000 dmt; × 98.65 = 15345007.50; no VAT (export)
    assert result.quantity == D("155550.000")
    assert result.total == D("15345007.50")
    # provisional invoice 90 % × 15345007.50 = 13810506.75
    assert result.provisional_invoice == D("13810506.75")


def test_linear_adjustment_both_sides_gives_a_credit_below_base() -> None:
    terms = make_terms(
        linear=[{"analyte": "SiO2", "base": "4.5", "per": "1", "amount": "-1.5", "apply": "both"}]
    )
    # (3.5 − 4.5) / 1 × −1.5 = +1.50
    assert calculate_price(terms, {"SiO2": D("3.5")}).unit_price == D("101.50")
    above_only = make_terms(
        linear=[{"analyte": "SiO2", "base": "4.5", "per": "1", "amount": "-1.5", "apply": "above"}]
    )
    assert calculate_price(above_only, {"SiO2": D("3.5")}).unit_price == D("100.00")


# --- tier tables --------------------------------------------------------------------------------


def test_tier_bonus_above_base_pro_rata() -> None:
    terms = make_terms(tiers={"Fe": DCE_TIERS["Fe"]})
    # Fe 63.25: 63.25 − 62 = 1.25 → 12.5 steps × +1.0 = +12.50
    assert calculate_price(terms, {"Fe": D("63.25")}).unit_price == D("112.50")


def test_whole_difference_bands_of_the_limestone_template() -> None:
    terms = load_template("cement_limestone")

    def price(cao: str, mgo: str = "3.0") -> D:
        return calculate_price(terms, {"CaO": D(cao), "MgO": D(mgo)}).unit_price

    # CaO 47.5 lies in the 46–48 band: whole difference 50 − 47.5 = 2.5 × −5 = −12.50 → 55.50
    assert price("47.5") == D("55.50")
    # CaO 48 exactly: below the base a band includes its lower edge → 48–50 band: 2 × −3 = −6 → 62
    assert price("48") == D("62.00")
    # CaO 49: 1 × −3 = −3 → 65.00; CaO 52: bonus 2 × +1 = +2 → 70.00
    assert (price("49"), price("52")) == (D("65.00"), D("70.00"))
    # CaO 47.5 and MgO 3.7: MgO 0.7 above 3.0 = 1.4 steps of 0.5, whole steps only → 1 × −2
    # 68 − 12.50 − 2 = 53.50
    assert price("47.5", "3.7") == D("53.50")


def test_part_step_counts_and_percent_of_price_in_the_pci_template() -> None:
    result = calculate_price(
        load_template("pci_coal_tender"), {"Ash": D("11.2"), "St": D("0.62"), "TM": D("11.5")}
    )
    # Ash 11.2: 1.2 / 0.5 = 2.4 steps, a part step counts → 3 × −15 = −45
    # St 0.62: 0.12 / 0.1 = 1.2 → 2 × −10 = −20
    # TM 11.5 (moisture price adjustment): 1.5 steps × −1 % × 1350.00 = −20.25
    # 1350 − 45 − 20 − 20.25 = 1264.75 (incl. VAT)
    assert amounts(result) == [D("1350.00"), D("-45.00"), D("-20.00"), D("-20.25")]
    assert result.unit_price == D("1264.75")
    # 1264.75 / 1.13 = 1119.2477… → 1119.25 net, VAT 145.50
    assert (result.unit_price_net, result.unit_vat) == (D("1119.25"), D("145.50"))


def test_worst_aggregation_applies_only_the_largest_penalty() -> None:
    terms = make_terms(
        tiers=DCE_TIERS, tier_aggregation="worst", price={"mode": "fixed", "value": "800"}
    )
    assay = {"Fe": D("62.5"), "SiO2": D("4.8"), "Al2O3": D("2.7"), "P": D("0.09")}
    result = calculate_price(terms, assay)
    # Fe bonus +5 (5 steps × 1.0) always counts; penalties SiO2 −11, Al2O3 −3, P −2 → only −11
    # 800 + 5 − 11 = 794
    assert result.unit_price == D("794.00")
    assert [x.applied for x in result.lines if x.kind is LineKind.ADJUSTMENT] == [
        True,
        True,
        False,
        False,
    ]
    assert "only the worst penalty counts (SiO2)" in line(result, "P").rule.en


def test_reject_limit_flags_the_lot_and_caps_the_table() -> None:
    result = calculate_price(
        load_template("dce_iron_ore"), {**DCE_ASSAY, "SiO2": D("6.8")}, index=D("800")
    )
    # SiO2 6.8 > reject 6.5: rejected; the table adjusts only to 6.5: 5 × −1 + 20 × −2 = −45
    assert result.rejected
    assert result.rejections[0].en == "SiO2 6.8 is above the reject limit 6.5"
    assert result.rejections[0].zh == "SiO2 6.8 高于拒收限 6.5"
    assert line(result, "SiO2").amount == D("-45.00")
    assert any(x.kind is LineKind.REJECT for x in result.lines)


def test_value_beyond_the_table_without_reject_limit_is_noted() -> None:
    terms = make_terms(tiers={"Fe": DCE_TIERS["Fe"]})
    result = calculate_price(terms, {"Fe": D("66")})
    # bonus only up to 65: 30 steps × +1.0 = +30
    assert result.unit_price == D("130.00")
    assert not result.rejected
    assert result.notes[0].en == "Fe 66 is outside the table (65); adjusted only up to 65"


def test_combined_analyte_is_the_sum_of_its_parts() -> None:
    terms = make_terms(
        tiers={
            "Pb+Zn": {
                "base": "3",
                "bands": [{"from": "3", "to": None, "step": "1", "amount": "-1.5"}],
            }
        }
    )
    # Pb 2.0 + Zn 2.5 = 4.5 → 1.5 × −1.5 = −2.25
    assert calculate_price(terms, {"Pb": D("2.0"), "Zn": D("2.5")}).unit_price == D("97.75")


# --- concentrates -------------------------------------------------------------------------------

CU_ASSAY = {
    "Cu": D("25.0"),
    "Au": D("3.0"),
    "Ag": D("80"),
    "As": D("0.35"),
    "Pb": D("2.0"),
    "Zn": D("2.5"),
}
CU_INDEX = {"LME_CU": D("9000"), "LBMA_AU": D("2000"), "LBMA_AG": D("25")}


def test_copper_concentrate_payable_metal_less_tc_rc() -> None:
    result = calculate_price(
        load_template("copper_concentrate_standard"),
        CU_ASSAY,
        index=CU_INDEX,
        quantity=D("10000"),
        moisture=D("9"),
    )
    # Cu 25.0 %: lesser of 25.0 × 96.5 % = 24.125 and 25.0 − 1.0 = 24.0 → 24.0 %
    #   0.240 × 9000 USD/t                                          = 2160.00
    # Au 3.0 g/t: lesser of 2.7 and 3.0 − 1 = 2.0 → 2.0 g/t
    #   2.0 / 31.1034768 g/toz × 2000 = 128.60298… → 128.60
    # Ag 80 g/t: lesser of 72 and 80 − 30 = 50 → 50 g/t
    #   50 / 31.1034768 × 25 = 40.18843… → 40.19
    # TC 80.00
    # RC Cu: 0.24 t × 1000 / 0.45359237 kg/lb = 529.1094… lb × 0.08 = 42.3288 → 42.33
    # RC Au: 2.0 / 31.1034768 = 0.064301 toz × 5.00 = 0.3215 → 0.32
    # RC Ag: 50 / 31.1034768 = 1.607537 toz × 0.40 = 0.6430 → 0.64
    # As 0.35: 0.15 above 0.2 = 1.5 steps × −2.00 = −3.00
    # Pb+Zn 4.5: 1.5 above 3.0 = 1.5 × −1.50 = −2.25
    # 2160.00 + 128.60 + 40.19 − 80.00 − 42.33 − 0.32 − 0.64 − 3.00 − 2.25 = 2200.25
    assert amounts(result) == [
        D("2160.00"),
        D("128.60"),
        D("40.19"),
        D("-80.00"),
        D("-42.33"),
        D("-0.32"),
        D("-0.64"),
        D("-3.00"),
        D("-2.25"),
    ]
    assert result.unit_price == D("2200.25")
    # 10000 wmt × 91 % = 9100.000 dmt × 2200.25 = 20022275.00; provisional 90 % = 18020047.50
    assert (result.quantity, result.total) == (D("9100.000"), D("20022275.00"))
    assert result.provisional_invoice == D("18020047.50")


def test_final_invoice_balance_due() -> None:
    terms = load_template("copper_concentrate_standard")
    provisional = calculate_price(
        terms, CU_ASSAY, index=CU_INDEX, quantity=D("10000"), moisture=D("9")
    )
    assert provisional.provisional_invoice is not None
    final = calculate_price(
        terms,
        CU_ASSAY,
        index={**CU_INDEX, "LME_CU": D("9100")},
        quantity=D("10000"),
        moisture=D("9"),
    )
    # final Cu price 9100: 0.24 × 9100 = 2184.00 (+24.00) → 2224.25 × 9100.000 = 20240675.00
    # balance = 20240675.00 − 18020047.50 = 2220627.50
    settlement = settle_final_invoice(final, provisional.provisional_invoice)
    assert final.total == D("20240675.00")
    assert settlement.balance_due == D("2220627.50")
    assert [x.amount for x in settlement.lines] == [
        D("20240675.00"),
        D("-18020047.50"),
        D("2220627.50"),
    ]


def test_payable_percentage_wins_when_it_deducts_more() -> None:
    terms = load_template("copper_concentrate_standard")
    result = calculate_price(terms, {**CU_ASSAY, "Cu": D("30.0")}, index=CU_INDEX)
    # Cu 30.0: lesser of 30 × 96.5 % = 28.95 and 30 − 1 = 29.0 → 28.95 % × 9000 = 2605.50
    assert result.lines[0].amount == D("2605.50")


@pytest.mark.parametrize(
    ("lme", "tc"),
    [
        # at 2800: 250 + (2800 − 2500) × 0.08 = 274.00
        ("2800", "274.00"),
        # at 3200: 250 + 500 × 0.08 + 200 × 0.05 = 300.00
        ("3200", "300.00"),
        # at 2300: 250 − 200 × 0.03 = 244.00
        ("2300", "244.00"),
        # at 1800: de-escalation stops at 2000: 250 − 500 × 0.03 = 235.00
        ("1800", "235.00"),
        # at the basis: 250.00
        ("2500", "250.00"),
    ],
)
def test_zinc_tc_escalator(lme: str, tc: str) -> None:
    result = calculate_price(
        load_template("zinc_concentrate_tc_escalator"),
        {"Zn": D("50"), "Ag": D("150"), "Fe": D("9.0"), "SiO2": D("2.5")},
        index={"LME_ZN": D(lme), "LBMA_AG": D("25")},
    )
    tc_line = next(x for x in result.lines if x.code == "price.tc")
    assert tc_line.amount == -D(tc)


def test_zinc_concentrate_worked_example() -> None:
    result = calculate_price(
        load_template("zinc_concentrate_tc_escalator"),
        {"Zn": D("50"), "Ag": D("150"), "Fe": D("9.0"), "SiO2": D("2.5")},
        index={"LME_ZN": D("2800"), "LBMA_AG": D("25")},
    )
    # Zn: lesser of 50 × 85 % = 42.5 and 50 − 8 = 42 → 0.42 × 2800 = 1176.00
    # Ag: lesser of 150 × 70 % = 105 and 150 − 93.3 = 56.7 g/t
    #     → 56.7 / 31.1034768 × 25 = 45.5737 → 45.57
    # TC 274.00; Fe 9.0: 1 step × −1.50; SiO2 2.5 below base 3.0 → 0
    # 1176.00 + 45.57 − 274.00 − 1.50 = 946.07
    assert amounts(result) == [D("1176.00"), D("45.57"), D("-274.00"), D("-1.50"), D("0.00")]
    assert result.unit_price == D("946.07")


def test_tc_cap() -> None:
    data = load_template("zinc_concentrate_tc_escalator")
    from minesales_desktop.services.pricing import dump_terms

    raw = dump_terms(data)
    raw["price"]["tc"]["cap"] = "260"
    result = calculate_price(
        load_terms(raw),
        {"Zn": D("50"), "Ag": D("150"), "Fe": D("8"), "SiO2": D("3")},
        index={"LME_ZN": D("2800"), "LBMA_AG": D("25")},
    )
    # the escalated 274.00 is capped at 260.00: 1176.00 + 45.57 − 260.00 = 961.57
    assert result.unit_price == D("961.57")


def test_domestic_coefficient_by_grade_band() -> None:
    terms = load_template("domestic_copper_concentrate_coefficient")
    result = calculate_price(
        terms,
        {"Cu": D("21.5"), "Au": D("2.0"), "As": D("0.2")},
        index={"SMM_CU": D("70000"), "SGE_AU": D("480")},
    )
    # Cu 21.5 % is in the 20–22 band → 0.87: 70000 × 0.87 × 21.5 % = 13093.50
    # Au 2.0 g/t × 480 CNY/g × 0.80 = 768.00; As within 0.3 → 0
    # 13093.50 + 768.00 = 13861.50 CNY/dmt (incl. VAT)
    assert amounts(result) == [D("13093.50"), D("768.00"), D("0.00")]
    assert result.unit_price == D("13861.50")
    # at 22.0 % the next band applies: 70000 × 0.88 × 22 % = 13552.00
    at_edge = calculate_price(
        terms,
        {"Cu": D("22.0"), "Au": D("0"), "As": D("0.2")},
        index={"SMM_CU": D("70000"), "SGE_AU": D("480")},
    )
    assert at_edge.lines[0].amount == D("13552.00")
    with pytest.raises(PricingInputError, match="Cu 15.0 is outside the coefficient table"):
        calculate_price(
            terms,
            {"Cu": D("15.0"), "Au": D("0"), "As": D("0")},
            index={"SMM_CU": D("70000"), "SGE_AU": D("480")},
        )


# --- coal ---------------------------------------------------------------------------------------


def test_thermal_coal_calorific_pro_rata_and_quantity_moisture() -> None:
    result = calculate_price(
        load_template("thermal_coal_5500_nar"),
        {"NAR": D("5300"), "St": D("0.8"), "TM": D("14")},
        index=D("850"),
        quantity=D("50000"),
    )
    # 850 × 5300 / 5500 = 819.0909… → 819.09; St 0.8: 2 steps × −5 = −10 → 809.09 CNY/t
    assert amounts(result) == [D("819.09"), D("-10.00")]
    assert result.unit_price == D("809.09")
    # TM 14 % > 12 %: 50000 × (100 − 14) / (100 − 12) = 48863.6363… → 48863.636 t
    # 48863.636 × 809.09 = 39535079.2512… → 39535079.25 (incl. VAT)
    # net 39535079.25 / 1.13 = 34986795.796… → 34986795.80; VAT 4548283.45
    assert result.quantity == D("48863.636")
    assert (result.total, result.net_amount, result.vat_amount) == (
        D("39535079.25"),
        D("34986795.80"),
        D("4548283.45"),
    )


def test_coal_moisture_within_basis_keeps_the_tonnes() -> None:
    result = calculate_price(
        load_template("thermal_coal_5500_nar"),
        {"NAR": D("5500"), "St": D("0.5"), "TM": D("11")},
        index=D("850"),
        quantity=D("50000"),
    )
    assert result.quantity == D("50000")
    assert result.total == D("42500000.00")  # 50000 × 850.00


def test_coal_below_the_reject_calorific_value() -> None:
    result = calculate_price(
        load_template("thermal_coal_5500_nar"), {"NAR": D("4900"), "St": D("0.5")}, index=D("850")
    )
    assert result.rejected
    assert "NAR 4900 is below the reject limit 5000" in result.rejections[0].en


def test_gar_assay_for_a_nar_price_is_named() -> None:
    with pytest.raises(PricingInputError, match="NAR is needed .* GAR was given"):
        calculate_price(
            load_template("thermal_coal_5500_nar"),
            {"GAR": D("5800"), "St": D("0.5")},
            index=D("850"),
        )


# --- tonnes, FX -----------------------------------------------------------------------------------


def test_dry_quantity_for_a_wet_price() -> None:
    terms = make_terms(price_unit="wmt")
    result = calculate_price(terms, {}, quantity=D("920"), quantity_is_dry=True, moisture=D("8"))
    # 920 dmt × 100 / (100 − 8) = 1000.000 wmt × 100.00 = 100000.00
    assert (result.quantity, result.total) == (D("1000.000"), D("100000.00"))


def test_moisture_from_the_assay() -> None:
    terms = make_terms(price_unit="dmt")
    result = calculate_price(terms, {"H2O": D("7.25")}, quantity=D("1000"))
    # 1000 × (100 − 7.25) / 100 = 927.500 dmt
    assert result.quantity == D("927.500")


def test_fx_conversion_to_cny_then_vat() -> None:
    terms = make_terms(
        currency="USD",
        price={"mode": "fixed", "value": "98.65"},
        fx={"settlement_currency": "CNY"},
        vat={"rate": "13", "included": False},
    )
    result = calculate_price(terms, {}, fx_rate=D("7.1234"), quantity=D("1000"))
    # 98.65 USD × 7.1234 = 702.723410 → 702.72 CNY/t; 1000 t → 702720.00; VAT 91353.60
    assert result.currency == "CNY"
    assert result.unit_price == D("702.72")
    assert (result.net_amount, result.vat_amount, result.total) == (
        D("702720.00"),
        D("91353.60"),
        D("794073.60"),
    )
    with pytest.raises(PricingInputError, match="USD→CNY rate"):
        calculate_price(terms, {})


# --- input errors and the result's shape ---------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"assay": {"Fe": D("61")}}, "assay: SiO2 is needed by the SiO2 tier table but not given"),
        ({"index": None}, "index DCE_I: no value given"),
        ({"index": {"IODEX": D("1")}}, "index IODEX: the terms do not use it"),
        ({"assay": {**DCE_ASSAY, "Fe": 61.2}}, "assay Fe: must be an exact number"),
        ({"assay": {**DCE_ASSAY, "Xx": D("1")}}, "assay: unknown analyte 'Xx'"),
        ({"quantity": D("-1")}, "quantity must be greater than 0"),
    ],
)
def test_input_errors_name_the_problem(kwargs: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {"assay": DCE_ASSAY, "index": D("800")}
    args.update(kwargs)
    assay = args.pop("assay")
    with pytest.raises(PricingInputError) as info:
        calculate_price(load_template("dce_iron_ore"), assay, **args)
    assert message in str(info.value)


def test_dmt_price_needs_moisture_for_wet_tonnes() -> None:
    with pytest.raises(PricingInputError, match="moisture: needed to turn wet tonnes into dry"):
        calculate_price(make_terms(price_unit="dmt"), {}, quantity=D("10"))


def test_several_indices_need_names() -> None:
    with pytest.raises(PricingInputError, match="several indices"):
        calculate_price(load_template("copper_concentrate_standard"), CU_ASSAY, index=D("9000"))


def test_result_to_dict_is_json_with_decimal_strings_and_both_languages() -> None:
    result = calculate_price(
        load_template("dce_iron_ore"), DCE_ASSAY, index=D("800"), quantity=D("1000")
    )
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["unit_price"] == "772.00"
    assert data["total"] == "772000.00"
    fe = data["lines"][1]
    assert fe["code"] == "tier.cumulative"
    assert fe["amount"] == "-12.00"
    assert fe["label"]["en"] == "Fe 61.2%"
    assert "累进" in fe["rule"]["zh"]
    for item in data["lines"]:
        assert "{" not in item["rule"]["en"] + item["rule"]["zh"] + item["label"]["zh"]


def test_results_are_frozen() -> None:
    result = calculate_price(make_terms(), {})
    with pytest.raises(AttributeError):
        result.unit_price = D(1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        result.lines[0].amount = D(1)  # type: ignore[misc]
