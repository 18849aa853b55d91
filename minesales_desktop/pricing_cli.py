"""``minesales price``: price a lot from the command line and print the breakdown.

Why a CLI: reps and managers check a quote against the contract's worked example without opening
the app, IT can script it, and the tests run the exact code path users run. The main CLI wires
``price_command`` in as the ``price`` subcommand; ``python -m minesales_desktop.pricing_cli`` runs
it standalone.

Exit codes: 0 priced; 1 priced, but an assay value is beyond a reject limit (the breakdown says
which); 2 the terms, an input or the command line is wrong (one sentence on stderr naming the
problem, never a traceback).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from minesales_desktop.pricing.engine import (
    BreakdownLine,
    InvoiceSettlement,
    LineKind,
    PriceResult,
    calculate_price,
    settle_final_invoice,
)
from minesales_desktop.pricing.templates import list_templates, load_template
from minesales_desktop.pricing.terms import PricingError, PricingInputError, Terms, load_terms

__all__ = ["main", "price_command"]

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_ERROR = 2


class _Usage(Exception):
    """An argparse complaint, turned into exit code 2 instead of ``SystemExit``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _Usage(message)


def _parser() -> _Parser:
    p = _Parser(
        prog="minesales price",
        description="Price a lot under price terms (a JSON file or a shipped template name) "
        "and print the breakdown line by line.",
    )
    p.add_argument("terms", nargs="?", help="price terms: a .json path or a template name")
    p.add_argument(
        "--assay",
        nargs="+",
        action="extend",
        default=[],
        metavar="ANALYTE=VALUE",
        help="assay values, e.g. Fe=61.2 SiO2=4.8 (units as in the terms: %%, g/t, kcal/kg)",
    )
    p.add_argument(
        "--index",
        nargs="+",
        action="extend",
        default=[],
        metavar="[NAME=]VALUE",
        help="index value(s) given directly; NAME= is needed when the terms use several",
    )
    p.add_argument("--quotes", type=Path, help="CSV of index quotes: [index,]date,value")
    p.add_argument("--bl-date", help="bill of lading date YYYY-MM-DD (for quotational periods)")
    p.add_argument("--qty", help="quantity in wet tonnes (dry with --dry)")
    p.add_argument("--dry", action="store_true", help="--qty is in dry tonnes")
    p.add_argument("--moisture", help="moisture %% (default: H2O or TM of the assay)")
    p.add_argument("--fx", help="exchange rate, settlement currency per terms currency")
    p.add_argument(
        "--provisional-paid",
        metavar="AMOUNT",
        help="amount already invoiced provisionally; prints the final invoice's balance due",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="language of the text")
    p.add_argument("--list-templates", action="store_true", help="list the shipped templates")
    return p


def _default_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def _decimal(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise PricingInputError(f"{what}: {text!r} is not a number") from None
    if not value.is_finite():
        raise PricingInputError(f"{what}: {text!r} is not a finite number")
    return value


def _pairs(items: Sequence[str], what: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise PricingInputError(f"{what}: {item!r} is not NAME=VALUE")
        if name.strip() in out:
            raise PricingInputError(f"{what}: {name.strip()} is given twice")
        out[name.strip()] = _decimal(value, f"{what} {name.strip()}")
    return out


def _index_arg(items: Sequence[str]) -> Decimal | dict[str, Decimal] | None:
    if not items:
        return None
    if len(items) == 1 and "=" not in items[0]:
        return _decimal(items[0], "--index")
    return _pairs(items, "--index")


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PricingInputError(f"{what}: {text!r} is not a date YYYY-MM-DD") from None


def _read_quotes(path: Path, terms: Terms) -> dict[str, dict[dt.date, Decimal]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PricingInputError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    names = terms.index_names()
    out: dict[str, dict[dt.date, Decimal]] = {}
    for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if lineno == 1 and cells[-1].lower() in ("value", "price", "close"):
            continue  # header
        where = f"{path} line {lineno}"
        if len(cells) == 2:
            if len(names) != 1:
                raise PricingInputError(
                    f"{where}: the terms use several indices; add an index column"
                )
            name = names[0]
            day, value = cells
        elif len(cells) == 3:
            name, day, value = cells
        else:
            raise PricingInputError(f"{where}: expected [index,]date,value")
        series = out.setdefault(name, {})
        quote_date = _date(day, where)
        if quote_date in series:
            raise PricingInputError(f"{where}: {name} has two quotes on {quote_date}")
        series[quote_date] = _decimal(value, where)
    return out


def _load(terms_arg: str) -> Terms:
    """A file when ``terms_arg`` is one (or looks like a path), else a shipped template name."""
    path = Path(terms_arg)
    if path.is_file() or os.sep in terms_arg or "/" in terms_arg:
        return load_terms(path)
    return load_template(terms_arg)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _format_lines(lines: Sequence[BreakdownLine], lang: str) -> list[str]:
    label_width = max([_width(line.label.render(lang)) for line in lines] + [10]) + 2
    amount_width = max([len(line.render(lang)[2]) for line in lines] + [8])
    out: list[str] = []
    for line in lines:
        label, rule, amount = line.render(lang)
        if line.kind in (LineKind.SUBTOTAL, LineKind.TOTAL):
            out.append("  " + "-" * (label_width + amount_width + 12))
        if line.amount is None:
            out.append(f"  {_pad(label, label_width)}{' ' * amount_width}  {rule}")
            continue
        mark = "" if line.applied else " *"
        unit = line.unit
        out.append(
            f"  {_pad(label, label_width)}{amount.rjust(amount_width)} {_pad(unit, 10)}{rule}{mark}"
        )
    return out


def _render(result: PriceResult, final: InvoiceSettlement | None, lang: str) -> str:
    zh = lang.startswith("zh")
    head = f"{result.terms_name.render(lang)} ({result.terms_code})"
    lines = [head, *_format_lines(result.lines, lang)]
    if final is not None:
        lines.append("")
        lines.extend(_format_lines(final.lines, lang))
    if result.rejected:
        lines.append("")
        lines.append(
            ("拒收: " if zh else "REJECTED: ")
            + "; ".join(t.render(lang) for t in result.rejections)
        )
    return "\n".join(lines) + "\n"


def _emit(text: str, stream: TextIO) -> None:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, errors="replace").decode(encoding))
    stream.flush()


def price_command(argv: list[str]) -> int:
    """Run ``minesales price`` with ``argv`` (the words after ``price``); returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _Usage as exc:
        _emit(f"{parser.format_usage()}minesales price: error: {exc}\n", sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    lang: str = args.lang or _default_lang()
    if args.list_templates:
        for name in list_templates():
            terms = load_template(name)
            _emit(f"{name}\t{terms.name.render(lang)}\n", sys.stdout)
        return EXIT_OK
    if not args.terms:
        _emit(
            "minesales price: error: give the price terms (a .json file or template name)\n",
            sys.stderr,
        )
        return EXIT_ERROR
    try:
        terms = _load(args.terms)
        quotes = _read_quotes(args.quotes, terms) if args.quotes else None
        result = calculate_price(
            terms,
            _pairs(args.assay, "--assay"),
            index=_index_arg(args.index),
            quotes=quotes,
            bl_date=_date(args.bl_date, "--bl-date") if args.bl_date else None,
            quantity=_decimal(args.qty, "--qty") if args.qty else None,
            quantity_is_dry=args.dry,
            moisture=_decimal(args.moisture, "--moisture") if args.moisture else None,
            fx_rate=_decimal(args.fx, "--fx") if args.fx else None,
        )
        final = None
        if args.provisional_paid:
            final = settle_final_invoice(
                result, _decimal(args.provisional_paid, "--provisional-paid")
            )
    except PricingError as exc:
        _emit(f"minesales price: error: {exc}\n", sys.stderr)
        return EXIT_ERROR
    if args.json:
        data = result.to_dict()
        if final is not None:
            data["final_invoice"] = final.to_dict()
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", sys.stdout)
    else:
        _emit(_render(result, final, lang), sys.stdout)
    return EXIT_REJECTED if result.rejected else EXIT_OK


def main() -> None:
    """Entry point of ``python -m minesales_desktop.pricing_cli``."""
    sys.exit(price_command(sys.argv[1:]))


if __name__ == "__main__":
    main()
