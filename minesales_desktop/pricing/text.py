"""Bilingual texts of the pricing engine, kept as data rather than as Qt translations.

The engine is pure Python (it runs in the CLI, on the DB worker, in the PDF writer and in tests), so
it cannot call ``QCoreApplication.translate``. Every user-visible sentence it produces is instead a
:class:`Text`: a stable message ``code``, its ``params`` (already formatted as strings) and the
rendered ``en`` and ``zh`` sentences. The UI may show ``zh``/``en`` directly, or re-translate from
``code`` + ``params``; a PDF stores the Text it printed. The catalogue below is the single place
where the wording lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MESSAGES", "Text", "fmt", "msg", "signed"]

# code -> (English template, Chinese template). Placeholders are ``str.format`` names.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- base prices --------------------------------------------------------------------------
    "label.base": ("Base price", "基准价"),
    "label.index": ("Index {index}", "指数 {index}"),
    "label.differential": ("Differential", "升贴水"),
    "label.analyte": ("{analyte} {value}{unit}", "{analyte} {value}{unit}"),
    "label.metal": ("Payable {metal}", "计价 {metal}"),
    "label.tc": ("Treatment charge", "加工费 TC"),
    "label.rc": ("Refining charge {metal}", "精炼费 RC {metal}"),
    "label.subtotal": ("Unit price", "单价"),
    "label.fx": ("Converted to {currency}", "折算为 {currency}"),
    "label.quantity": ("Quantity", "数量"),
    "label.dry": ("Dry tonnes", "干吨"),
    "label.settlement_qty": ("Settlement tonnes", "结算吨数"),
    "label.amount": ("Amount", "金额"),
    "label.net": ("Net of VAT", "不含税金额"),
    "label.vat": ("VAT {rate}%", "增值税 {rate}%"),
    "label.total": ("Total", "合计"),
    "label.unit_total": ("Unit price incl. VAT", "含税单价"),
    "label.provisional": ("Provisional invoice", "暂定发票"),
    "label.final": ("Final value", "最终结算金额"),
    "label.provisional_paid": ("Less provisional invoice", "减: 暂定发票"),
    "label.balance": ("Balance due", "尾款"),
    "label.reject": ("REJECT {analyte}", "拒收 {analyte}"),
    "label.warning": ("Note", "注意"),
    "price.fixed": ("fixed price {value}", "固定价 {value}"),
    "price.index": (
        "{index}: {how} = {value}",
        "{index}: {how} = {value}",
    ),
    "price.differential": ("differential {value}", "升贴水 {value}"),
    "price.pro_rata": (
        "{reference} × {analyte} {value} / {base} = {result}",
        "{reference} × {analyte} {value} / {base} = {result}",
    ),
    "price.viu": (
        "({analyte} {value} − {base}) × {per_1pct} per 1% = {result}",
        "({analyte} {value} − {base}) × 每1% {per_1pct} = {result}",
    ),
    "price.calorific": (
        "{reference} × {analyte} {value} / {base} kcal/kg = {result}",
        "{reference} × {analyte} {value} / {base} kcal/kg = {result}",
    ),
    "price.payable": (
        "{metal} {grade}{unit}: payable {payable}{unit} (lesser of {pct}% and grade − {min_ded})"
        " × {price} per {per} = {result}",
        "{metal} {grade}{unit}: 计价含量 {payable}{unit} (取 {pct}% 与 品位 − {min_ded} 之小者)"
        " × {price}/{per} = {result}",
    ),
    "price.tc": (
        "TC {base} per dmt{escalation} = {result}",
        "加工费 {base}/干吨{escalation} = {result}",
    ),
    "price.tc_escalation": (
        "; escalator on {metal} {price} vs basis {basis}: {change}",
        "; 按 {metal} 价格 {price} (基价 {basis}) 调整 {change}",
    ),
    "price.tc_limited": ("; limited to {limit}", "; 限于 {limit}"),
    "price.rc": (
        "RC {rc} per {per} × {qty} {per} payable {metal} = {result}",
        "精炼费 {rc}/{per} × 计价 {metal} {qty} {per} = {result}",
    ),
    "price.coefficient": (
        "{metal} {price} × coefficient {coefficient}{source} × grade {grade}{unit} = {result}",
        "{metal} {price} × 计价系数 {coefficient}{source} × 品位 {grade}{unit} = {result}",
    ),
    "price.coefficient_band": (" (grade band {band})", " (品位区间 {band})"),
    "index.direct": ("given directly", "直接给定"),
    "index.qp": (
        "average of {count} quotes {period}",
        "{period} {count} 个报价的平均值",
    ),
    "qp.quotes_before_bl": (
        "(last {n} quotes before B/L {bl})",
        "(提单日 {bl} 之前最后 {n} 个报价)",
    ),
    "qp.days_before_bl": (
        "({first} to {last}, {n} days before B/L {bl})",
        "(提单日 {bl} 前 {n} 天: {first} 至 {last})",
    ),
    "qp.month": (
        "(month {month}, M{offset} of B/L {bl})",
        "(提单月 M{offset}: {month}, 提单日 {bl})",
    ),
    "qp.direct": (
        "(quote of B/L date {bl} or the last before)",
        "(提单日 {bl} 当日或之前最近报价)",
    ),
    # --- adjustments ---------------------------------------------------------------------------
    "adj.linear": (
        "({value} − {base}) / {per} × {amount} = {result}",
        "({value} − {base}) / {per} × {amount} = {result}",
    ),
    "adj.linear_none": ("within basis {base}: no adjustment", "未超过基准 {base}: 不调整"),
    "tier.none": ("at or within basis {base}: no adjustment", "在基准 {base} 以内: 不调整"),
    "tier.cumulative": ("cumulative: {parts} = {result}", "累进: {parts} = {result}"),
    "tier.part": (
        "{lo}–{hi}: {steps} × {amount}",
        "{lo}–{hi}: {steps} × {amount}",
    ),
    "tier.whole": (
        "whole difference {diff} from {base} at band {lo}–{hi}: {steps} × {amount} = {result}",
        "全差额 {diff} (基准 {base}) 按区间 {lo}–{hi}: {steps} × {amount} = {result}",
    ),
    "tier.percent": (" ({amount}% of base {base} per step)", " (每档为基准价 {base} 的 {amount}%)"),
    "tier.beyond": (
        "{analyte} {value} is outside the table ({edge}); adjusted only up to {edge}",
        "{analyte} {value} 超出计价表范围 ({edge}); 只调整到 {edge}",
    ),
    "tier.worst_dropped": (
        "not applied: only the worst penalty counts ({worst})",
        "不计: 仅扣最大一项 ({worst})",
    ),
    "tier.reject_above": (
        "{analyte} {value} is above the reject limit {limit}",
        "{analyte} {value} 高于拒收限 {limit}",
    ),
    "tier.reject_below": (
        "{analyte} {value} is below the reject limit {limit}",
        "{analyte} {value} 低于拒收限 {limit}",
    ),
    # --- totals, quantity, money ------------------------------------------------------------
    "total.subtotal": ("sum of the lines above", "以上各项之和"),
    "fx.convert": (
        "{price} {from_} × {rate} = {result} {to}",
        "{price} {from_} × 汇率 {rate} = {result} {to}",
    ),
    "qty.given": ("{qty} {unit} given", "给定 {qty} {unit}"),
    "qty.wet_to_dry": (
        "{wet} wmt × (100 − {moisture}%) / 100 = {dry} dmt",
        "{wet} 湿吨 × (100 − {moisture}%) / 100 = {dry} 干吨",
    ),
    "qty.dry_to_wet": (
        "{dry} dmt × 100 / (100 − {moisture}%) = {wet} wmt",
        "{dry} 干吨 × 100 / (100 − {moisture}%) = {wet} 湿吨",
    ),
    "qty.moisture_adjust": (
        "{wet} t × (100 − {moisture}%) / (100 − {base}%) = {result} t",
        "{wet} 吨 × (100 − 全水 {moisture}%) / (100 − 基准 {base}%) = {result} 吨",
    ),
    "qty.moisture_within": (
        "moisture {moisture}% within basis {base}%: no quantity adjustment",
        "全水 {moisture}% 未超过基准 {base}%: 不扣重",
    ),
    "amount.calc": ("{qty} × {price} = {result}", "{qty} × {price} = {result}"),
    "vat.exclusive": ("{net} × {rate}% = {vat}", "{net} × {rate}% = {vat}"),
    "vat.inclusive_net": (
        "{gross} / (1 + {rate}%) = {net} (price includes VAT)",
        "{gross} / (1 + {rate}%) = {net} (价格含税)",
    ),
    "vat.inclusive": ("{gross} − {net} = {vat}", "{gross} − {net} = {vat}"),
    "total.gross": ("net + VAT", "不含税金额 + 增值税"),
    "invoice.provisional": ("{pct}% × {value} = {result}", "{pct}% × {value} = {result}"),
    "invoice.final": ("final value on final assay and price", "按最终化验和最终价格结算"),
    "invoice.paid": ("provisional invoice already issued", "已开暂定发票"),
    "invoice.balance": ("{final} − {paid} = {result}", "{final} − {paid} = {result}"),
}


def fmt(value: Decimal | int | str) -> str:
    """A Decimal as plain text: no exponent, trailing zeros kept as given (800.00 stays 800.00)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            value = value.quantize(Decimal(1))
        text = format(value, "f")
        return "0" if text in ("-0", "+0") else text
    return str(value)


def signed(value: Decimal) -> str:
    """A Decimal with an explicit sign, for adjustments: +1.50, −12.00 (true minus sign)."""
    text = fmt(value)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text[1:]
    return text


@dataclass(frozen=True)
class Text:
    """A user-visible sentence: a message code, its parameters and both renderings."""

    code: str
    params: tuple[tuple[str, str], ...]
    en: str
    zh: str

    def render(self, lang: str = "zh_CN") -> str:
        """The text in ``lang`` (anything starting with ``zh`` is Chinese, else English)."""
        return self.zh if lang.lower().startswith("zh") else self.en

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params), "en": self.en, "zh": self.zh}


def msg(code: str, **params: object) -> Text:
    """Build the :class:`Text` for catalogue entry ``code``; Decimals are formatted exactly.

    Parameters whose value is itself a :class:`Text` are rendered in the matching language, which
    lets one message embed another (a QP description inside an index line).
    """
    en_template, zh_template = MESSAGES[code]
    en_params: dict[str, str] = {}
    zh_params: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, Text):
            en_params[key], zh_params[key] = value.en, value.zh
        else:
            text = fmt(value) if isinstance(value, Decimal | int) else str(value)
            en_params[key] = zh_params[key] = text
    return Text(
        code=code,
        params=tuple(sorted(en_params.items())),
        en=en_template.format(**en_params),
        zh=zh_template.format(**zh_params),
    )
