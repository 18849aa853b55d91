"""What a rep does with a saved quote, driven through the pipeline tab: turn the current version
into a contract draft (terms copied, visible in the contracts tab), export it as a PDF and open
it; and how a new quote starts from the catalogue (latest index quote, typical quality).

Real SQLite and the real database worker; the file dialog and the PDF viewer are answered by the
test (they are the desktop's, not ours).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product, QualitySpec
from minesales_desktop.models.contracts import Contract
from minesales_desktop.models.enums import (
    AnalyteBasis,
    ContractStatus,
    ContractType,
    ProductCategory,
    QuantityUnit,
    QuoteStatus,
    Stage,
)
from minesales_desktop.services.catalog import index_quotes, price_indices
from minesales_desktop.services.customers import customers
from minesales_desktop.services.pricing import dump_terms, load_template
from minesales_desktop.services.sales import opportunities, quotes
from minesales_desktop.ui.dialogs import quote_actions
from minesales_desktop.ui.dialogs.quote_actions import ContractDraftDialog
from minesales_desktop.ui.dialogs.quote_editor import QuoteEditor
from minesales_desktop.ui.tabs.contracts_tab import ContractsTab
from minesales_desktop.ui.tabs.pipeline_tab import PipelineTab

ASSAY = {"Fe": "61.2", "SiO2": "4.8", "Al2O3": "2.7", "P": "0.09"}
TODAY = dt.date.today()


@pytest.fixture
def world(session: Session, dept) -> dict[str, Any]:
    """A DCE-priced 61 % Fe product whose default index DCE_I was last published at 800
    yesterday (900 is tomorrow's, not yet known), with its quality spec; an opportunity at
    QUALIFIED for 日照钢铁."""
    index = price_indices.create(
        session, dept.manager,
        {"code": "DCE_I", "name_zh": "大商所铁矿石期货", "name_en": "DCE iron ore",
         "currency": "CNY", "unit": "CNY/t"},
    )  # fmt: skip
    index_quotes.set_quote(session, dept.manager, index.id, TODAY - dt.timedelta(days=4), "790")
    index_quotes.set_quote(session, dept.manager, index.id, TODAY - dt.timedelta(days=1), "800")
    index_quotes.set_quote(session, dept.manager, index.id, TODAY + dt.timedelta(days=1), "900")
    fines = Product(
        code="FE61", name_zh="61%铁矿粉", name_en="61% Fe fines", default_index_id=index.id,
        category=ProductCategory.FE_FINES, unit=QuantityUnit.WMT,
    )  # fmt: skip
    session.add(fines)
    session.flush()
    for order, (analyte, typical) in enumerate(ASSAY.items()):
        session.add(
            QualitySpec(
                product_id=fines.id, analyte=analyte, unit="%", basis=AnalyteBasis.DRY,
                typical=Decimal(typical), sort_order=order,
            )
        )  # fmt: skip
    steel = customers.create(
        session, dept.rep,
        {"code": "C1", "name_zh": "日照钢铁", "short_name": "日钢", "customer_type": "STEEL_MILL"},
    )  # fmt: skip
    opp = opportunities.create(
        session, dept.rep,
        {"title": "2027年长协", "customer_id": steel.id, "product_id": fines.id,
         "quantity": "50000", "estimated_value": "38600000"},
    )  # fmt: skip
    opportunities.move_stage(session, dept.rep, opp.id, Stage.QUALIFIED)
    session.commit()
    return {"product": fines, "customer": steel, "opp": opp}


def _quote(session: Session, dept, world, **extra: Any):
    terms = dump_terms(load_template("dce_iron_ore"))
    terms["quoted_index"] = {"DCE_I": "800"}
    values = {
        "opportunity_id": world["opp"].id, "product_id": world["product"].id,
        "quantity": Decimal(50000), "quantity_unit": QuantityUnit.WMT,
        "tolerance_pct": Decimal(10), "tolerance_option": "BUYER", "incoterm": "DELIVERED",
        "port": "日照港", "currency": "CNY", "fx_rate": Decimal(1), "vat_rate": Decimal(13),
        "vat_included": True, "pricing_method": "INDEX", "price_terms": terms,
        "expected_assay": dict(ASSAY), "unit_price": Decimal("772.00"), "payment_method": "LC",
        "valid_until": TODAY + dt.timedelta(days=14), **extra,
    }  # fmt: skip
    dto = quotes.create(session, dept.rep, values)
    session.commit()
    return dto


@pytest.fixture
def open_pipeline(make_ctx, dept, qtbot, wait_idle) -> Callable[[], PipelineTab]:
    def make() -> PipelineTab:
        tab = PipelineTab(make_ctx(dept.rep))
        qtbot.addWidget(tab)
        tab.resize(1600, 900)
        tab.show()
        tab.activated()
        wait_idle()
        wait_idle()
        return tab

    return make


def _select(tab: PipelineTab, opportunity_id: str, wait_idle) -> None:
    tab.select(opportunity_id)
    wait_idle()
    tab.panel.tabs.setCurrentIndex(2)  # Quotes


def test_contract_draft_from_the_current_quote_copies_its_terms(
    session: Session, dept, world, open_pipeline, make_ctx, qtbot, wait_idle
) -> None:
    quote = _quote(session, dept, world)
    contracts_tab = ContractsTab(make_ctx(dept.rep))
    qtbot.addWidget(contracts_tab)
    contracts_tab.show()
    contracts_tab.activated()
    tab = open_pipeline()
    wait_idle()
    assert contracts_tab.model.rowCount() == 0
    _select(tab, world["opp"].id, wait_idle)
    panel = tab.panel
    assert panel.selected_quote() is not None and panel.selected_quote().id == quote.id
    assert panel.make_contract.isEnabled() and panel.export_quote.isEnabled()

    panel.make_contract.click()
    dialog = tab.last_dialog
    assert isinstance(dialog, ContractDraftDialog) and dialog.isVisible()
    editors = dialog.form.editors
    assert editors["payment_method"].value() == "LC"  # from the quote
    assert editors["provisional_pct"].value() == "100"
    editors["contract_no"].widget.setText("HT-2027-018")
    editors["contract_type"].set_value(ContractType.TERM)
    editors["start_date"].widget.setDate(QDate(2027, 1, 1))
    editors["end_date"].widget.setDate(QDate(2026, 12, 31))  # before the start: refused
    editors["provisional_pct"].widget.setText("90")
    dialog.submit()
    wait_idle()
    assert dialog.isVisible() and editors["end_date"].error.isVisibleTo(dialog)
    assert session.scalar(select(Contract.id)) is None  # nothing half-written

    editors["end_date"].widget.setDate(QDate(2027, 12, 31))
    with qtbot.waitSignal(tab.ctx.tasks.data_changed, timeout=5000) as changed:
        dialog.submit()
    assert "contracts" in changed.args[0]
    wait_idle()
    wait_idle()
    assert not dialog.isVisible()
    assert "Contract draft HT-2027-018 made" in tab.banner.message()

    session.expire_all()
    contract = session.scalar(select(Contract).where(Contract.contract_no == "HT-2027-018"))
    assert contract is not None and contract.status is ContractStatus.DRAFT
    assert contract.quote_id == quote.id and contract.opportunity_id == world["opp"].id
    assert contract.customer_id == world["customer"].id
    assert contract.contract_type is ContractType.TERM
    assert (contract.start_date, contract.end_date) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert contract.provisional_pct == Decimal(90)
    # the terms are the quote's, exactly
    assert contract.price_terms == quote.price_terms
    assert contract.price_terms["quoted_index"] == {"DCE_I": "800"}
    for name in (
        "product_id", "quantity", "quantity_unit", "tolerance_pct", "tolerance_option",
        "incoterm", "port", "currency", "fx_rate", "vat_rate", "vat_included", "pricing_method",
        "unit_price", "payment_method",
    ):  # fmt: skip
        assert getattr(contract, name) == getattr(quote, name), name
    assert contract.total_value == Decimal("38600000.00")

    # …and the contracts tab, told by data_changed, lists the new draft
    wait_idle()
    numbers = [
        contracts_tab.model.index(r, 0).data() for r in range(contracts_tab.model.rowCount())
    ]
    assert numbers == ["HT-2027-018"]


def test_only_the_current_version_becomes_a_contract(
    session: Session, dept, world, open_pipeline, wait_idle
) -> None:
    first = _quote(session, dept, world)
    second = _quote(session, dept, world, unit_price=Decimal("767.00"))
    tab = open_pipeline()
    _select(tab, world["opp"].id, wait_idle)
    panel = tab.panel
    assert panel.selected_quote().id == second.id  # the latest is selected
    assert panel.make_contract.isEnabled()
    panel.select_quote(first.id)
    assert panel.selected_quote().status is QuoteStatus.SUPERSEDED
    assert not panel.make_contract.isEnabled()
    assert "current version" in panel.make_contract.toolTip()
    assert panel.export_quote.isEnabled()  # an old version can still be printed


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_export_quote_pdf_then_open_it(
    session: Session, dept, world, open_pipeline, wait_idle, tmp_path: Path, monkeypatch
) -> None:
    quote = _quote(session, dept, world)
    tab = open_pipeline()
    _select(tab, world["opp"].id, wait_idle)
    asked: list[tuple[str, str]] = []

    def save_as(parent: Any, title: str, start: str, filters: str, selected: str) -> Any:
        asked.append((start, selected))
        english = next(f for f in filters.split(";;") if "English" in f)
        return str(tmp_path / "offer"), english  # no suffix typed: .pdf is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened: list[Path] = []
    monkeypatch.setattr(quote_actions.print_dialogs, "open_pdf", lambda p: opened.append(p) or 1)

    tab.panel.export_quote.click()
    wait_idle()
    assert asked and asked[0][0].endswith(f"{quote.quote_no}.pdf")
    assert "English" in asked[0][1]  # the screen is English: English is offered first
    pdf = tmp_path / "offer.pdf"
    assert pdf.is_file()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Quotation" in text and quote.quote_no in text and "772.00" in text
    box = tab.pdf_export.message
    assert box is not None and box.isVisible() and str(pdf) in box.text()
    button = tab.pdf_export.open_button()
    assert button is not None
    button.click()
    assert opened == [pdf]


def test_a_new_quote_starts_from_the_latest_index_quote_and_typical_quality(
    session: Session, dept, world, open_pipeline, wait_idle
) -> None:
    tab = open_pipeline()
    _select(tab, world["opp"].id, wait_idle)
    tab.quote_action.trigger()
    wait_idle()
    wait_idle()
    editor = tab.last_dialog
    assert isinstance(editor, QuoteEditor)
    assert editor.template.currentData() == "dce_iron_ore"  # from the product category
    edit = editor._index_edits["DCE_I"]
    assert edit.text() == "800"  # yesterday's quote, not tomorrow's 900
    assert (TODAY - dt.timedelta(days=1)).isoformat() in edit.toolTip()
    assay, problems = editor.assay.values()
    assert not problems
    assert assay == {k: Decimal(v) for k, v in ASSAY.items()}
    assert editor.last_result is not None and editor.last_result.unit_price == Decimal("772.00")

    # the rep's own figure wins, and is what the quote records
    edit.setText("805")
    editor.save()
    wait_idle()
    wait_idle()
    saved = quotes.latest(session, world["opp"].id)
    assert saved is not None and saved.unit_price == Decimal("777.00")
    assert saved.price_terms["quoted_index"] == {"DCE_I": "805"}

    # the next version starts from that record, not from the catalogue
    tab.quote_action.trigger()
    wait_idle()
    wait_idle()
    second = tab.last_dialog
    assert isinstance(second, QuoteEditor) and second is not editor
    assert second._index_edits["DCE_I"].text() == "805"
    assert second.last_result is not None and second.last_result.unit_price == Decimal("777.00")
