"""Properties of the pricing engine checked on generated inputs (hypothesis)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from minesales_desktop.services.pricing import (
    LineKind,
    add_vat,
    calculate_price,
    dry_to_wet,
    dump_terms,
    load_template,
    load_terms,
    remove_vat,
    wet_to_dry,
)

CENT = D("0.01")
cents = st.integers(min_value=0, max_value=10**11).map(lambda n: D(n) * CENT)
vat_rates = st.sampled_from([D(0), D(3), D(6), D(9), D(13), D("13.5")])
FAST = settings(max_examples=200, deadline=None, database=None)
DCE = load_template("dce_iron_ore")


def dec(lo: str, hi: str, places: int) -> st.SearchStrategy[D]:
    return st.decimals(min_value=D(lo), max_value=D(hi), places=places, allow_nan=False)


@FAST
@given(net=cents, rate=vat_rates)
def test_exclusive_then_inclusive_gives_the_net_back(net: D, rate: D) -> None:
    vat, gross = add_vat(net, rate)
    assert gross - vat == net
    # gross / (1 + r) differs from net by at most 0.005 / (1 + r) < 0.005, so it rounds back exactly
    back_net, back_vat = remove_vat(gross, rate)
    assert back_net == net
    assert back_vat == vat


@FAST
@given(gross=cents, rate=vat_rates)
def test_inclusive_then_exclusive_within_a_cent(gross: D, rate: D) -> None:
    net, vat = remove_vat(gross, rate)
    assert net + vat == gross
    _, gross_again = add_vat(net, rate)
    assert abs(gross_again - gross) <= CENT


@FAST
@given(wet=dec("0.001", "500000", 3), moisture=dec("0", "40", 2))
def test_wet_dry_round_trip(wet: D, moisture: D) -> None:
    dry = wet_to_dry(wet, moisture)
    assert dry <= wet
    back = dry_to_wet(dry, moisture)
    # two roundings to 0.001: the dry error 0.0005 grows by 100 / (100 − H2O) on the way back
    assert abs(back - wet) <= D("0.0005") * 100 / (100 - moisture) + D("0.0005")


def _dce(assay: dict[str, D]) -> D:
    return calculate_price(DCE, assay, index=D("800")).unit_price


@FAST
@given(a=dec("60", "65", 2), b=dec("60", "65", 2))
def test_more_iron_never_lowers_the_price(a: D, b: D) -> None:
    lo, hi = sorted((a, b))
    other = {"SiO2": D("4.0"), "Al2O3": D("2.5"), "P": D("0.07")}
    assert _dce({"Fe": lo, **other}) <= _dce({"Fe": hi, **other})


@FAST
@given(
    a=dec("3.0", "7.0", 2),
    b=dec("3.0", "7.0", 2),
    al=dec("2.0", "3.5", 2),
    p=dec("0.05", "0.10", 3),
)
def test_more_silica_never_raises_the_price(a: D, b: D, al: D, p: D) -> None:
    lo, hi = sorted((a, b))
    other = {"Fe": D("62"), "Al2O3": al, "P": p}
    assert _dce({"SiO2": lo, **other}) >= _dce({"SiO2": hi, **other})


@st.composite
def penalty_tables(draw: st.DrawFn) -> dict[str, Any]:
    """A random cumulative penalty table above a base, in any fraction mode."""
    base = draw(dec("0", "10", 1))
    edges = [base]
    bands: list[dict[str, str | None]] = []
    for _ in range(draw(st.integers(1, 4))):
        hi = edges[-1] + draw(dec("0.1", "3", 1))
        bands.append(
            {
                "from": str(edges[-1]),
                "to": str(hi),
                "step": str(draw(st.sampled_from([D("0.01"), D("0.1"), D("0.5"), D("1")]))),
                "amount": str(-draw(dec("0", "50", 2))),
            }
        )
        edges.append(hi)
    if draw(st.booleans()):
        bands[-1]["to"] = None
    return {
        "base": str(base),
        "fractions": draw(st.sampled_from(["pro_rata", "whole_steps", "part_step_counts"])),
        "amount_type": draw(st.sampled_from(["absolute", "percent"])),
        "bands": bands,
    }


@FAST
@given(table=penalty_tables(), a=dec("0", "25", 3), b=dec("0", "25", 3))
def test_cumulative_penalties_are_monotonic_and_lines_add_up(
    table: dict[str, Any], a: D, b: D
) -> None:
    terms = load_terms(
        {
            "format_version": 1,
            "code": "p",
            "name": "p",
            "currency": "CNY",
            "price_unit": "t",
            "price": {"mode": "fixed", "value": "500"},
            "tiers": {"As": table},
            "vat": {"rate": "13", "included": True},
        }
    )
    assert load_terms(dump_terms(terms)) == terms
    lo, hi = sorted((a, b))
    low = calculate_price(terms, {"As": lo})
    high = calculate_price(terms, {"As": hi})
    assert low.unit_price >= high.unit_price
    for result in (low, high):
        shown = [
            x.amount
            for x in result.lines
            if x.kind in (LineKind.BASE, LineKind.ADJUSTMENT) and x.amount is not None
        ]
        assert sum(shown, D(0)) == result.unit_price
        assert result.unit_price_net + result.unit_vat == result.unit_price_gross
