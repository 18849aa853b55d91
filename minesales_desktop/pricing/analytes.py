"""The analytes price terms may refer to, with their units.

Price terms are shared between reps as files; a typo such as ``"Si02"`` (zero for O) would
otherwise price a cargo silently without its silica penalty. So every analyte named in terms or in
an assay must be in this registry (case-insensitive), and combined analytes such as ``Pb+Zn`` are
sums of registered ones with the same unit.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

__all__ = ["ANALYTES", "Analyte", "CALORIFIC", "MOISTURE", "canonical_analyte"]


@dataclass(frozen=True)
class Analyte:
    """One measurable quality parameter; ``unit`` is how assays report it."""

    code: str
    unit: str
    en: str
    zh: str

    @property
    def parts(self) -> tuple[str, ...]:
        """The registered analytes a combined analyte (``Pb+Zn``) adds up; itself otherwise."""
        return tuple(self.code.split("+"))


_PCT = "%"
_LIST = [
    # iron ore, limestone, slag-forming oxides
    Analyte("Fe", _PCT, "iron", "铁"),
    Analyte("SiO2", _PCT, "silica", "二氧化硅"),
    Analyte("Al2O3", _PCT, "alumina", "三氧化二铝"),
    Analyte("P", _PCT, "phosphorus", "磷"),
    Analyte("S", _PCT, "sulphur", "硫"),
    Analyte("Mn", _PCT, "manganese", "锰"),
    Analyte("TiO2", _PCT, "titania", "二氧化钛"),
    Analyte("MgO", _PCT, "magnesia", "氧化镁"),
    Analyte("CaO", _PCT, "lime", "氧化钙"),
    Analyte("Fe2O3", _PCT, "ferric oxide", "三氧化二铁"),
    Analyte("CaCO3", _PCT, "calcium carbonate", "碳酸钙"),
    Analyte("Na2O", _PCT, "sodium oxide", "氧化钠"),
    Analyte("K2O", _PCT, "potassium oxide", "氧化钾"),
    Analyte("LOI", _PCT, "loss on ignition", "烧失量"),
    Analyte("H2O", _PCT, "moisture", "水分"),
    # base and precious metals, concentrate impurities
    Analyte("Cu", _PCT, "copper", "铜"),
    Analyte("Zn", _PCT, "zinc", "锌"),
    Analyte("Pb", _PCT, "lead", "铅"),
    Analyte("Ni", _PCT, "nickel", "镍"),
    Analyte("Co", _PCT, "cobalt", "钴"),
    Analyte("Au", "g/t", "gold", "金"),
    Analyte("Ag", "g/t", "silver", "银"),
    Analyte("As", _PCT, "arsenic", "砷"),
    Analyte("Sb", _PCT, "antimony", "锑"),
    Analyte("Bi", _PCT, "bismuth", "铋"),
    Analyte("Cd", _PCT, "cadmium", "镉"),
    Analyte("Hg", "ppm", "mercury", "汞"),
    Analyte("Cl", "ppm", "chlorine", "氯"),
    Analyte("F", "ppm", "fluorine", "氟"),
    Analyte("Se", "ppm", "selenium", "硒"),
    # coal (as-received unless the contract says otherwise)
    Analyte("NAR", "kcal/kg", "net calorific value, as received", "收到基低位发热量"),
    Analyte("GAR", "kcal/kg", "gross calorific value, as received", "收到基高位发热量"),
    Analyte("TM", _PCT, "total moisture", "全水分"),
    Analyte("IM", _PCT, "inherent moisture", "内水分"),
    Analyte("Ash", _PCT, "ash", "灰分"),
    Analyte("VM", _PCT, "volatile matter", "挥发分"),
    Analyte("FC", _PCT, "fixed carbon", "固定碳"),
    Analyte("St", _PCT, "total sulphur", "全硫"),
    Analyte("HGI", "", "Hardgrove grindability index", "哈氏可磨性指数"),
]

ANALYTES: dict[str, Analyte] = {a.code: a for a in _LIST}
_BY_LOWER = {a.code.lower(): a.code for a in _LIST}

#: Calorific-value bases a coal price may be pro-rated on.
CALORIFIC = ("NAR", "GAR")
#: Analytes that carry the moisture of a lot (ore: H2O; coal: TM), in order of preference.
MOISTURE = ("H2O", "TM")


def canonical_analyte(name: str) -> Analyte:
    """The registered analyte for ``name`` (case-insensitive; ``Pb+Zn`` style sums allowed).

    Raises ``KeyError`` with a sentence naming the analyte and, when there is one, the closest
    registered spelling.
    """
    parts = [p.strip() for p in name.split("+")]
    codes: list[str] = []
    for part in parts:
        code = _BY_LOWER.get(part.lower())
        if code is None:
            close = difflib.get_close_matches(part, list(ANALYTES), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise KeyError(f"unknown analyte {part!r}{hint}")
        codes.append(code)
    if len(codes) == 1:
        return ANALYTES[codes[0]]
    units = {ANALYTES[c].unit for c in codes}
    if len(units) > 1:
        raise KeyError(f"cannot add {name!r}: its parts have different units ({', '.join(units)})")
    if len(set(codes)) != len(codes):
        raise KeyError(f"analyte {name!r} names a part twice")
    return Analyte(
        "+".join(codes),
        units.pop(),
        " + ".join(ANALYTES[c].en for c in codes),
        "+".join(ANALYTES[c].zh for c in codes),
    )
