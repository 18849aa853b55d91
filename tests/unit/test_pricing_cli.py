"""``minesales price`` run as a real process reproduces the worked examples with the shipped
templates to the cent, and bad terms give exit code 2 with a sentence naming the problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from minesales_desktop.pricing_cli import price_command

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minesales_desktop.pricing_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"},
        timeout=60,
    )


def run_json(*args: str) -> dict[str, Any]:
    proc = run(*args, "--json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_dce_example_text_output_in_both_languages() -> None:
    args = [
        "dce_iron_ore",
        "--assay",
        "Fe=61.2",
        "SiO2=4.8",
        "Al2O3=2.7",
        "P=0.09",
        "--index",
        "800",
    ]
    en = run(*args, "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert en.stderr == ""
    unit_line = next(x for x in en.stdout.splitlines() if x.strip().startswith("Unit price"))
    assert "772.00 CNY/wmt" in unit_line
    assert "4.0–4.5: 5 × −1.0 + 4.5–4.8: 3 × −2.0 = −11" in en.stdout
    zh = run(*args, "--lang", "zh_CN")
    assert any(x.strip().startswith("单价") and "772.00" in x for x in zh.stdout.splitlines())
    assert "累进" in zh.stdout


def test_dce_example_json() -> None:
    data = run_json(
        "dce_iron_ore", "--assay", "Fe=61.2", "SiO2=4.8", "Al2O3=2.7", "P=0.09", "--index", "800"
    )
    # 800 − 12 − 11 − 3 − 2 = 772
    assert data["unit_price"] == "772.00"
    assert [x["amount"] for x in data["lines"][:5]] == [
        "800.00",
        "-12.00",
        "-11.00",
        "-3.00",
        "-2.00",
    ]


def test_terms_given_as_a_file_path(tmp_path: Path) -> None:
    from minesales_desktop.services.pricing import template_text

    path = tmp_path / "my terms.json"
    path.write_text(template_text("dce_iron_ore"), encoding="utf-8")
    data = run_json(
        str(path), "--assay", "Fe=61.2", "SiO2=4.8", "Al2O3=2.7", "P=0.09", "--index", "800"
    )
    assert data["unit_price"] == "772.00"


def test_viu_with_quotes_over_the_m_plus_1_period(tmp_path: Path) -> None:
    quotes = tmp_path / "iodex.csv"
    quotes.write_text(
        "date,value\n2024-07-31,101.00\n2024-08-01,105.00\n2024-08-02,105.60\n2024-09-02,99\n",
        encoding="utf-8",
    )
    data = run_json(
        "iron_ore_62fe_viu",
        "--assay", "Fe=61.0", "SiO2=5.2", "Al2O3=2.5", "P=0.10",
        "--quotes", str(quotes), "--bl-date", "2024-07-20",
        "--qty", "170000", "--moisture", "8.5",
    )  # fmt: skip
    # M+1 of B/L 2024-07-20 = August: (105.00 + 105.60) / 2 = 105.30; then as in the engine test:
    # 105.30 − 1.50 − 3.00 − 1.05 − 0.60 − 0.50 = 98.65 USD/dmt
    # 170000 × 91.5 % = 155550.000 dmt × 98.65 = 15345007.50; provisional 90 % = 13810506.75
    assert data["index_values"] == {"IODEX62": "105.30"}
    assert data["unit_price"] == "98.65"
    assert data["quantity"] == "155550.000"
    assert data["total"] == "15345007.50"
    assert data["provisional_invoice"] == "13810506.75"


def test_copper_concentrate_with_final_invoice() -> None:
    data = run_json(
        "copper_concentrate_standard",
        "--assay", "Cu=25.0", "Au=3.0", "Ag=80", "As=0.35", "Pb=2.0", "Zn=2.5",
        "--index", "LME_CU=9000", "LBMA_AU=2000", "LBMA_AG=25",
        "--qty", "10000", "--moisture", "9",
        "--provisional-paid", "18000000",
    )  # fmt: skip
    # 2160.00 + 128.60 + 40.19 − 80.00 − 42.33 − 0.32 − 0.64 − 3.00 − 2.25 = 2200.25 USD/dmt
    # 9100.000 dmt × 2200.25 = 20022275.00; balance after 18000000.00 invoiced = 2022275.00
    assert data["unit_price"] == "2200.25"
    assert data["total"] == "20022275.00"
    assert data["final_invoice"]["balance_due"] == "2022275.00"


def test_zinc_concentrate_escalated_tc() -> None:
    data = run_json(
        "zinc_concentrate_tc_escalator",
        "--assay", "Zn=50", "Ag=150", "Fe=9.0", "SiO2=2.5",
        "--index", "LME_ZN=3200", "LBMA_AG=25",
    )  # fmt: skip
    # Zn 0.42 × 3200 = 1344.00; Ag 45.57; TC 250 + 500 × 0.08 + 200 × 0.05 = 300.00; Fe −1.50
    # 1344.00 + 45.57 − 300.00 − 1.50 = 1088.07
    assert data["unit_price"] == "1088.07"


def test_thermal_coal() -> None:
    data = run_json(
        "thermal_coal_5500_nar",
        "--assay",
        "NAR=5300",
        "St=0.8",
        "TM=14",
        "--index",
        "850",
        "--qty",
        "50000",
    )
    # 819.09 − 10.00 = 809.09; 48863.636 t; 39535079.25 incl. VAT
    assert (data["unit_price"], data["quantity"], data["total"]) == (
        "809.09",
        "48863.636",
        "39535079.25",
    )
    assert data["vat_amount"] == "4548283.45"


def test_pci_coal_and_limestone() -> None:
    pci = run_json("pci_coal_tender", "--assay", "Ash=11.2", "St=0.62", "TM=11.5")
    assert pci["unit_price"] == "1264.75"  # 1350 − 45 − 20 − 20.25
    lime = run_json("cement_limestone", "--assay", "CaO=47.5", "MgO=3.7", "--qty", "30000")
    # 68 − 12.50 − 2 = 53.50; 30000 × 53.50 = 1605000.00 incl. VAT; net 1420353.98
    assert (lime["unit_price"], lime["total"], lime["net_amount"]) == (
        "53.50",
        "1605000.00",
        "1420353.98",
    )


def test_domestic_coefficient() -> None:
    data = run_json(
        "domestic_copper_concentrate_coefficient",
        "--assay", "Cu=21.5", "Au=2.0", "As=0.2",
        "--index", "SMM_CU=70000", "SGE_AU=480",
    )  # fmt: skip
    assert data["unit_price"] == "13861.50"  # 70000 × 0.87 × 21.5 % + 2.0 × 480 × 0.80


def test_rejected_lot_exits_1() -> None:
    proc = run(
        "dce_iron_ore", "--assay", "Fe=61.2", "SiO2=6.8", "Al2O3=2.7", "P=0.09",
        "--index", "800", "--lang", "en",
    )  # fmt: skip
    assert proc.returncode == 1
    assert "REJECTED: SiO2 6.8 is above the reject limit 6.5" in proc.stdout


BAD_TERMS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "unknown_analyte.json": (
        lambda d: d["tiers"].update({"Si02": d["tiers"].pop("SiO2")}),
        "tiers.Si02: unknown analyte 'Si02' (did you mean SiO2?)",
    ),
    "overlap.json": (
        lambda d: d["tiers"]["SiO2"]["bands"][0].update({"to": "4.6"}),
        "tiers.SiO2.bands[1]: overlaps band 0 (4.0–4.6 vs 4.5–6.5)",
    ),
    "no_price.json": (lambda d: d.pop("price"), "price: missing price"),
}


@pytest.mark.parametrize("name", sorted(BAD_TERMS))
def test_bad_terms_files_exit_2_naming_the_problem(tmp_path: Path, name: str) -> None:
    from minesales_desktop.services.pricing import template_text

    data = json.loads(template_text("dce_iron_ore"))
    change, message = BAD_TERMS[name]
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run(str(path), "--assay", "Fe=61.2", "SiO2=4.8", "Al2O3=2.7", "P=0.09", "--index", "800")
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_malformed_json_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1, "code": ', encoding="utf-8")
    proc = run(str(path), "--assay", "Fe=61")
    assert proc.returncode == 2
    assert f"{path}: not valid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no_such_template", "--assay", "Fe=1"], "no such file or shipped template"),
        (["dce_iron_ore", "--assay", "Fe=61.2", "--index", "800"], "SiO2 is needed"),
        (["dce_iron_ore", "--assay", "Fe", "--index", "800"], "'Fe' is not NAME=VALUE"),
        (
            ["dce_iron_ore", "--assay", "Fe=abc", "--index", "800"],
            "--assay Fe: 'abc' is not a number",
        ),
        (["dce_iron_ore", "--bogus"], "unrecognized arguments: --bogus"),
        ([], "give the price terms"),
    ],
)
def test_bad_input_exits_2_in_process(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert price_command(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_list_templates_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert price_command(["--list-templates", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "dce_iron_ore\tDCE iron ore delivery quality standard" in out
    assert len(out.splitlines()) == 8


def test_python_dash_c_entry() -> None:
    code = (
        "import sys; from minesales_desktop.pricing_cli import price_command; "
        "sys.exit(price_command(['pci_coal_tender', '--assay', 'Ash=10', 'St=0.5', 'TM=10', "
        "'--json']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["unit_price"] == "1350.00"
