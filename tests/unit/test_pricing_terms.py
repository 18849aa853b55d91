"""The price-terms format: every shipped template round-trips, and bad terms name the field."""

from __future__ import annotations

import copy
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from minesales_desktop.services.pricing import (
    PriceTermsError,
    dump_terms,
    list_templates,
    load_template,
    load_terms,
    parse_terms_json,
    template_text,
)

EXPECTED_TEMPLATES = {
    "cement_limestone",
    "copper_concentrate_standard",
    "dce_iron_ore",
    "domestic_copper_concentrate_coefficient",
    "iron_ore_62fe_viu",
    "pci_coal_tender",
    "thermal_coal_5500_nar",
    "zinc_concentrate_tc_escalator",
}


def base() -> dict[str, Any]:
    return {
        "format_version": 1,
        "code": "t",
        "name": {"zh": "测试", "en": "Test"},
        "currency": "CNY",
        "price_unit": "wmt",
        "price": {"mode": "index", "index": "DCE_I"},
        "tiers": {
            "SiO2": {
                "base": "4.0",
                "bands": [
                    {"from": "4.0", "to": "4.5", "step": "0.1", "amount": "-1.0"},
                    {"from": "4.5", "to": "6.5", "step": "0.1", "amount": "-2.0"},
                ],
            }
        },
    }


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(PriceTermsError) as info:
        load_terms(data)
    return str(info.value)


def test_every_template_is_shipped_and_round_trips() -> None:
    assert set(list_templates()) == EXPECTED_TEMPLATES
    for name in list_templates():
        terms = load_template(name)
        dumped = dump_terms(terms)
        assert load_terms(dumped) == terms
        # the dump is plain JSON and reads back through the file path too
        assert parse_terms_json(json.dumps(dumped, ensure_ascii=False)) == terms
        assert dumped["format_version"] == 1
        # numbers in templates are written as exact strings, never floats
        assert not _has_float(json.loads(template_text(name), parse_float=float)), name


def test_load_from_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(base()), encoding="utf-8")
    assert load_terms(path).code == "t"
    assert load_terms(str(path)) == load_terms(base())


def test_json_numbers_are_read_exactly(tmp_path: Path) -> None:
    text = json.dumps(base()).replace('"-1.0"', "-1.0").replace('"0.1"', "0.1")
    terms = parse_terms_json(text)
    assert terms.tiers[0].bands[0].amount == D("-1.0")
    assert terms.tiers[0].bands[0].step == D("0.1")  # would be 0.1000000000000000055… as float


def test_the_issue_overlap_message() -> None:
    data = base()
    data["tiers"]["SiO2"]["bands"][0]["to"] = "4.6"
    assert refused(data) == "tiers.SiO2.bands[1]: overlaps band 0 (4.0–4.6 vs 4.5–6.5)"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["tiers"]["SiO2"]["bands"].reverse(),
            "tiers.SiO2.bands[1]: bands must be in ascending order",
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][1].update({"from": "4.6"}),
            "tiers.SiO2.bands[1]: leaves a gap after band 0 (4.0–4.5 then 4.6–6.5)",
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][0].update({"to": "3.9"}),
            "tiers.SiO2.bands[0]: 'from' 4.0 must be below 'to' 3.9",
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][0].update({"step": "-0.1"}),
            "tiers.SiO2.bands[0].step: must be greater than 0, got -0.1",
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][0].update({"stp": "0.1"}),
            "tiers.SiO2.bands[0].stp: unknown field",
        ),
        (
            lambda d: d["tiers"]["SiO2"].update({"base": "3.5"}),
            "tiers.SiO2.bands[0]: basis mismatch: the bands above the base must start at the "
            "base 3.5",
        ),
        (
            lambda d: d["tiers"]["SiO2"].update({"base": "4.2"}),
            "tiers.SiO2.bands[0]: band 4.0–4.5 straddles the base 4.2",
        ),
        (
            lambda d: d["tiers"].update({"Si02": d["tiers"].pop("SiO2")}),
            "tiers.Si02: unknown analyte 'Si02' (did you mean SiO2?)",
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][0].update({"amount": "abc"}),
            'tiers.SiO2.bands[0].amount: "abc" is not a number',
        ),
        (
            lambda d: d["tiers"]["SiO2"]["bands"][0].update({"amount": 0.1}),
            "tiers.SiO2.bands[0].amount: 0.1 is a float; write exact numbers as strings",
        ),
        (
            lambda d: d["tiers"]["SiO2"].update({"method": "progressive"}),
            "tiers.SiO2.method: unknown value 'progressive'",
        ),
        (
            lambda d: d["tiers"]["SiO2"].update({"reject_above": "3"}),
            "tiers.SiO2.reject_above: 3 is below the base 4.0",
        ),
        (lambda d: d.pop("price"), "price: missing price"),
        (
            lambda d: d.update({"price": {"mode": "fixed"}}),
            "price.value: missing price: a fixed price needs 'value'",
        ),
        (
            lambda d: d.update({"price": {"mode": "index"}}),
            "price.index: missing index",
        ),
        (
            lambda d: d.update({"price": {"mode": "grade_pro_rata", "base": "62"}}),
            "price: missing price: give 'value' (a fixed price) or 'index'",
        ),
        (
            lambda d: d.update({"price": {"mode": "auction", "value": "1"}}),
            "price.mode: unknown value 'auction'",
        ),
        (
            lambda d: d.update({"price": {"mode": "fixed", "value": "-5"}}),
            "price.value: must be greater than 0, got -5",
        ),
        (lambda d: d.pop("format_version"), "format_version: missing"),
        (
            lambda d: d.update({"format_version": 7}),
            "format_version: 7 is newer than this program reads (1)",
        ),
        (lambda d: d.update({"currency": "rmb"}), "currency: must be a 3-letter ISO code"),
        (lambda d: d.update({"price_unit": "kg"}), "price_unit: unknown value 'kg'"),
        (
            lambda d: d.update(
                {"linear": [{"analyte": "Fee", "base": "1", "per": "1", "amount": "1"}]}
            ),
            "linear[0].analyte: unknown analyte 'Fee'",
        ),
        (lambda d: d.update({"vat": {"rate": "113"}}), "vat.rate: is a percentage"),
        (lambda d: d.update({"colour": "red"}), "colour: unknown field"),
        (
            lambda d: d.update({"quantity_moisture": {"base": "12"}, "price_unit": "dmt"}),
            "quantity_moisture: basis mismatch",
        ),
    ],
)
def test_bad_terms_name_the_field(change: Any, message: str) -> None:
    data = copy.deepcopy(base())
    change(data)
    assert message in refused(data)


def test_calorific_basis_mismatch() -> None:
    data = copy.deepcopy(load_template_dict("thermal_coal_5500_nar"))
    data["tiers"]["GAR"] = {"base": "5800", "reject_below": "5300"}
    assert "tiers.GAR: basis mismatch: GAR adjustment but the price is on NAR basis" in refused(
        data
    )
    data = copy.deepcopy(load_template_dict("thermal_coal_5500_nar"))
    data["price"]["analyte"] = "Ash"
    assert "price.analyte: basis mismatch: Ash is not a calorific value" in refused(data)


def test_concentrate_basis_mismatches() -> None:
    data = load_template_dict("copper_concentrate_standard")
    data["price_unit"] = "wmt"
    assert "price_unit: basis mismatch: payable-metal terms are per dmt" in refused(data)
    data = load_template_dict("copper_concentrate_standard")
    data["price"]["metals"][1]["rc"]["per"] = "lb"
    assert "price.metals[1].rc.per: basis mismatch: RC per lb does not fit Au" in refused(data)
    data = load_template_dict("copper_concentrate_standard")
    data["price"]["metals"][1]["price_per"] = "t"
    assert "price.metals[1].price_per: unknown value 't'; expected one of toz, g" in refused(data)
    data = load_template_dict("zinc_concentrate_tc_escalator")
    data["price"]["tc"]["escalator"]["metal"] = "Cu"
    assert "price.tc.escalator.metal: Cu is not one of the payable metals" in refused(data)
    data = load_template_dict("copper_concentrate_standard")
    data["price"]["metals"][0]["payable_pct"] = "101"
    assert "price.metals[0].payable_pct: must be at most 100" in refused(data)


def test_coefficient_table_must_be_contiguous() -> None:
    data = load_template_dict("domestic_copper_concentrate_coefficient")
    data["price"]["metals"][0]["coefficient_table"][1]["from"] = "18.5"
    assert "price.metals[0].coefficient_table[1]: leaves a gap after band 0 (18–18.5)" in refused(
        data
    )


def test_malformed_json_and_duplicate_keys(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 1,\n "code": "x"\n "name": "y"}', encoding="utf-8")
    with pytest.raises(PriceTermsError) as info:
        load_terms(bad)
    assert str(info.value) == f"{bad}: not valid JSON: Expecting ',' delimiter at line 3 column 2"
    dup = tmp_path / "dup.json"
    dup.write_text('{"format_version": 1, "code": "a", "code": "b"}', encoding="utf-8")
    with pytest.raises(PriceTermsError, match="the key 'code' appears twice"):
        load_terms(dup)
    with pytest.raises(PriceTermsError, match="cannot read the file"):
        load_terms(tmp_path / "missing.json")


def test_price_terms_error_is_a_value_error_with_path() -> None:
    data = base()
    data["tiers"]["SiO2"]["bands"][0]["to"] = "4.6"
    with pytest.raises(ValueError) as info:
        load_terms(data)
    assert isinstance(info.value, PriceTermsError)
    assert info.value.path == "tiers.SiO2.bands[1]"


def test_analyte_names_are_canonicalised() -> None:
    data = base()
    data["tiers"] = {"sio2": data["tiers"]["SiO2"]}
    assert load_terms(data).tiers[0].analyte == "SiO2"


def _has_float(value: object) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def load_template_dict(name: str) -> dict[str, Any]:
    return dump_terms(load_template(name))
