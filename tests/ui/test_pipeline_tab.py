"""The pipeline tab driven like a person: read the board, move deals, get refused, quote."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.enums import LostReason, ProductCategory, QuantityUnit, Stage
from minesales_desktop.models.sales import Opportunity, Quote
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.pipeline_overview import PipelineFilter, list_page, product_choices
from minesales_desktop.services.sales import opportunities, quotes
from minesales_desktop.ui.dialogs import opportunity_dialogs
from minesales_desktop.ui.dialogs.quote_editor import AssayModel, BreakdownModel, QuoteEditor
from minesales_desktop.ui.tabs.pipeline_tab import PipelineTab
from minesales_desktop.ui.widgets.pipeline_board import MIME_TYPE

TODAY = dt.date.today()


@pytest.fixture
def world(session: Session, dept):
    fines = Product(
        code="FE62", name_zh="62%铁矿粉", name_en="62% Fe fines",
        category=ProductCategory.FE_FINES, unit=QuantityUnit.WMT,
    )  # fmt: skip
    session.add(fines)
    session.flush()
    steel = customers.create(
        session, dept.rep,
        {"code": "C1", "name_zh": "日照钢铁", "short_name": "日钢", "customer_type": "STEEL_MILL"},
    )  # fmt: skip
    session.commit()

    def opp(value: str, **extra):
        dto = opportunities.create(
            session, dept.rep,
            {"title": "2027年长协", "customer_id": steel.id, "product_id": fines.id,
             "quantity": "50000", "estimated_value": value, **extra},
        )  # fmt: skip
        session.commit()
        return dto

    lead_a = opp("1000000")
    lead_b = opp("2000000")
    qualified = opp("3000000")
    opportunities.move_stage(session, dept.rep, qualified.id, Stage.QUALIFIED)
    session.commit()
    return {"product": fines, "customer": steel, "a": lead_a, "b": lead_b, "q": qualified}


@pytest.fixture
def tab(make_ctx, dept, world, qtbot, wait_idle):
    widget = PipelineTab(make_ctx(dept.rep))
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()
    widget.activated()
    wait_idle()
    wait_idle()
    return widget


def _stage_in_db(session: Session, opportunity_id: str) -> Stage:
    session.expire_all()
    return session.scalar(select(Opportunity.stage).where(Opportunity.id == opportunity_id))


def test_column_headers_show_counts_and_weighted_values(tab: PipelineTab) -> None:
    lead = tab.board.columns[Stage.LEAD]
    assert lead.count.text() == "2"
    assert lead.weighted.text() == "Weighted ¥300,000"  # (1 000 000 + 2 000 000) × 10 %
    qualified = tab.board.columns[Stage.QUALIFIED]
    assert qualified.count.text() == "1"
    assert qualified.weighted.text() == "Weighted ¥600,000"  # 3 000 000 × 20 %
    assert tab.board.columns[Stage.WON].count.text() == "0"
    assert tab.summary.text() == "3 open · weighted ¥900,000"
    assert not tab.board.columns[Stage.LEAD].more.isVisible()


def test_select_card_shows_guide_history_and_next_gate(tab: PipelineTab, world, wait_idle) -> None:
    assert tab.board.select(world["q"].id)
    wait_idle()
    panel = tab.panel
    assert panel.title.text().startswith(world["q"].code)
    assert "Qualified" in panel.stage.text()
    assert "Pin the need down" in panel.guide.text()  # the QUALIFIED guide, in English
    assert "Ready for <b>Sample/trial</b>" in panel.gate.text()
    assert panel.history.rowCount() == 2
    assert panel.history.data(panel.history.index(0, 1)) == "Lead → Qualified"
    assert panel.history.data(panel.history.index(0, 2)) == "李强"


def test_forbidden_move_by_button_names_what_is_missing(
    tab: PipelineTab, world, session: Session, wait_idle
) -> None:
    tab.board.select(world["q"].id)
    wait_idle()
    # Qualified → … → Quoted in one go: the gate wants a quote first.
    quoted = next(a for a in tab.move_menu.actions() if a.data() == "QUOTED")
    quoted.trigger()
    wait_idle()
    message = tab.banner.message()
    assert message.startswith("Cannot move to Quoted yet. Missing:")
    assert "• a quote" in message
    assert _stage_in_db(session, world["q"].id) is Stage.QUALIFIED
    column = tab.board.columns[Stage.QUALIFIED]
    assert column.model.row_of(world["q"].id) == 0  # the card stayed where it was


def test_forbidden_drop_names_what_is_missing(
    tab: PipelineTab, world, session: Session, wait_idle
) -> None:
    source = tab.board.columns[Stage.LEAD].model
    row = source.row_of(world["a"].id)
    mime = source.mimeData([source.index(row, 0)])
    assert mime.hasFormat(MIME_TYPE)
    target = tab.board.columns[Stage.WON].model
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    accepted = target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert accepted is False  # the card is never moved by the drop itself
    wait_idle()
    message = tab.banner.message()
    assert message.startswith("Cannot move to Won yet. Missing:")
    for missing in ("• a quote", "• a signed contract"):
        assert missing in message
    assert _stage_in_db(session, world["a"].id) is Stage.LEAD
    assert source.row_of(world["a"].id) >= 0
    assert target.rowCount() == 0
    # A drop on its own column is not offered.
    assert not source.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())


def test_valid_moves_update_the_board(
    tab: PipelineTab, world, session: Session, wait_idle, monkeypatch
) -> None:
    source = tab.board.columns[Stage.LEAD].model
    mime = source.mimeData([source.index(source.row_of(world["a"].id), 0)])
    tab.board.columns[Stage.QUALIFIED].model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    wait_idle()
    wait_idle()
    assert _stage_in_db(session, world["a"].id) is Stage.QUALIFIED
    assert tab.board.columns[Stage.LEAD].count.text() == "1"
    assert tab.board.columns[Stage.QUALIFIED].count.text() == "2"
    assert tab.board.columns[Stage.QUALIFIED].weighted.text() == "Weighted ¥800,000"
    assert "moved to Qualified" in tab.banner.message()

    # Advance ▶ by button
    tab.board.select(world["a"].id)
    wait_idle()
    tab.advance_action.trigger()
    wait_idle()
    wait_idle()
    assert _stage_in_db(session, world["a"].id) is Stage.SAMPLE
    assert tab.board.columns[Stage.SAMPLE].model.row_of(world["a"].id) == 0

    # Mark lost with a reason (the dialog is answered by the test)
    monkeypatch.setattr(
        opportunity_dialogs,
        "ask_lost_reason",
        lambda parent, code: opportunity_dialogs.LostAnswer(LostReason.PRICE, "力拓", "差 8 元"),
    )
    tab.board.select(world["b"].id)
    wait_idle()
    tab.lost_action.trigger()
    wait_idle()
    wait_idle()
    assert _stage_in_db(session, world["b"].id) is Stage.LOST
    assert tab.board.columns[Stage.LOST].count.text() == "1"
    assert "Lost: Price" in tab.panel.gate.text()


def test_moving_back_asks_why_and_cancel_changes_nothing(
    tab: PipelineTab, world, session: Session, wait_idle, monkeypatch
) -> None:
    monkeypatch.setattr(opportunity_dialogs, "ask_move_back_note", lambda *a: None)
    tab.board.select(world["q"].id)
    wait_idle()
    tab.move_opportunity(world["q"].id, Stage.LEAD)
    wait_idle()
    assert _stage_in_db(session, world["q"].id) is Stage.QUALIFIED
    monkeypatch.setattr(opportunity_dialogs, "ask_move_back_note", lambda *a: "客户推迟采购")
    tab.move_opportunity(world["q"].id, Stage.LEAD)
    wait_idle()
    wait_idle()
    assert _stage_in_db(session, world["q"].id) is Stage.LEAD
    assert tab.panel.history.data(tab.panel.history.index(0, 4)) == "客户推迟采购"


def test_list_view_sorts_and_filters(tab: PipelineTab, world, qtbot, wait_idle, qtmodeltester):
    tab.toggle_action.trigger()
    wait_idle()
    model = tab.list_model
    assert model.rowCount() == 3
    # as a header click does (sortByColumn would sort twice, see the report on TaskManager)
    tab.list_view.horizontalHeader().setSortIndicator(5, Qt.SortOrder.DescendingOrder)
    wait_idle()
    assert model.data(model.index(0, 0)) == world["q"].code
    assert model.data(model.index(0, 5)) == "¥3,000,000"
    assert model.data(model.index(0, 3)) == "Qualified"
    qtmodeltester.check(model)
    tab.show_stage_in_list(Stage.LEAD)
    wait_idle()
    assert model.rowCount() == 2
    tab.list_view.selectRow(0)
    wait_idle()
    assert tab.selected_card() is not None and tab.selected_card().stage is Stage.LEAD


def test_board_models_pass_the_model_tester(tab: PipelineTab, qtmodeltester) -> None:
    for column in tab.board.columns.values():
        qtmodeltester.check(column.model)
    qtmodeltester.check(tab.panel.history)
    qtmodeltester.check(tab.panel.quotes)


def test_board_limits_cards_per_column(tab: PipelineTab, world, monkeypatch, wait_idle) -> None:
    monkeypatch.setattr("minesales_desktop.ui.tabs.pipeline_tab.CARDS_PER_COLUMN", 1)
    tab.refresh()
    wait_idle()
    lead = tab.board.columns[Stage.LEAD]
    assert lead.model.rowCount() == 1 and lead.count.text() == "2"
    assert lead.more.isVisible() and lead.more.text() == "+ 1 more — show in list"


def _editor(ctx, session: Session, dept, world, previous=None) -> QuoteEditor:
    card = next(
        c
        for c in list_page(session, dept.rep, PipelineFilter(), PageRequest(0, 10)).items
        if c.id == world["q"].id
    )
    return QuoteEditor(ctx, card, product_choices(session), previous=previous)


def test_quote_editor_live_breakdown_and_versions(
    make_ctx, dept, world, session: Session, qtbot, wait_idle, qtmodeltester
) -> None:
    ctx = make_ctx(dept.rep)
    editor = _editor(ctx, session, dept, world)
    qtbot.addWidget(editor)
    editor.set_template("dce_iron_ore")
    assert editor.index_names() == ["DCE_I"]
    assert not editor.save_button.isEnabled()  # no index, no assay yet: no price
    assert "Enter the DCE_I index value." in editor.message.text()
    # Type like a rep: the price follows every keystroke.
    qtbot.keyClicks(editor._index_edits["DCE_I"], "800")
    for analyte, value in (("Fe", "61.2"), ("SiO2", "4.8"), ("Al2O3", "2.7"), ("P", "0.09")):
        editor.assay.set_value(analyte, value)
    rows = editor.breakdown.rows
    per_tonne_total = next(r for r in rows if r.kind is not None and r.kind.value == "total")
    assert per_tonne_total.amount == "772.00" and per_tonne_total.unit == "CNY/wmt"
    labels = [r.label for r in rows]
    assert "SiO2 4.8%" in labels and "Unit price" in labels
    sio2 = next(r for r in rows if r.label == "SiO2 4.8%")
    assert sio2.amount == "-11.00" and "cumulative" in sio2.rule
    assert editor.headline.text().startswith("772.00 CNY/wmt")
    assert editor.subline.text() == "Total 38,600,000.00 CNY for 50,000 wmt"
    qtmodeltester.check(editor.breakdown)
    qtmodeltester.check(editor.assay)

    # An assay beyond a reject limit blocks the save and says why.
    editor.assay.set_value("P", "0.12")
    assert not editor.save_button.isEnabled() and "reject" in editor.message.text()
    editor.assay.set_value("P", "0.09")
    assert editor.save_button.isEnabled()

    saved = []
    editor.quote_saved.connect(saved.append)
    editor.save()
    wait_idle()
    assert saved and saved[0].version == 1 and saved[0].unit_price == Decimal("772.00")
    assert saved[0].total_amount == Decimal("38600000.00")
    assert saved[0].expected_assay == {"Fe": "61.2", "SiO2": "4.8", "Al2O3": "2.7", "P": "0.09"}
    assert saved[0].price_terms["code"] == "dce_iron_ore"

    # The next version starts from the previous one and prices the same.
    previous = quotes.latest(session, world["q"].id)
    second = _editor(ctx, session, dept, world, previous=previous)
    qtbot.addWidget(second)
    assert second.save_button.text() == "Save as version 2"
    second.set_index("DCE_I", "800")
    assert second.last_result is not None and second.last_result.unit_price == Decimal("772.00")
    second.notes.setText("让价 5 元")
    second.set_index("DCE_I", "795")
    second.save()
    wait_idle()
    session.expire_all()
    versions = session.execute(
        select(Quote.version, Quote.unit_price, Quote.status)
        .where(Quote.opportunity_id == world["q"].id)
        .order_by(Quote.version)
    ).all()
    assert [(v, p) for v, p, _ in versions] == [(1, Decimal("772.00")), (2, Decimal("767.00"))]
    assert versions[0][2].value == "SUPERSEDED"


def test_quote_then_move_to_quoted_succeeds(
    tab: PipelineTab, world, session: Session, wait_idle, qtbot
) -> None:
    tab.board.select(world["q"].id)
    wait_idle()
    assert "still needs" not in tab.panel.gate.text()
    tab.quote_action.trigger()
    wait_idle()
    editor = tab.last_dialog
    assert isinstance(editor, QuoteEditor)
    editor.set_template("dce_iron_ore")
    editor.set_index("DCE_I", "800")
    for analyte, value in (("Fe", "61.2"), ("SiO2", "4.8"), ("Al2O3", "2.7"), ("P", "0.09")):
        editor.assay.set_value(analyte, value)
    editor.save()
    wait_idle()
    wait_idle()
    assert tab.panel.quotes.rowCount() == 1
    quoted = next(a for a in tab.move_menu.actions() if a.data() == "QUOTED")
    quoted.trigger()
    wait_idle()
    wait_idle()
    assert _stage_in_db(session, world["q"].id) is Stage.QUOTED
    assert tab.board.columns[Stage.QUOTED].count.text() == "1"


def test_new_opportunity_dialog_shows_field_errors_then_saves(
    tab: PipelineTab, world, session: Session, wait_idle
) -> None:
    tab.new_action.trigger()
    dialog = tab.last_dialog
    assert isinstance(dialog, opportunity_dialogs.OpportunityDialog)
    dialog.form.editors["quantity"].widget.setText("-5")
    dialog.submit()
    wait_idle()
    assert dialog.isVisible()
    assert dialog.picker.error.text()  # no customer picked
    assert dialog.form.editors["title"].error.isVisibleTo(dialog)
    dialog.form.editors["title"].widget.setText("2027年球团矿招标")
    dialog.form.editors["quantity"].widget.setText("120000")
    dialog.form.editors["estimated_value"].widget.setText("96000000")
    dialog.picker.set_customer(world["customer"].id, "日照钢铁")
    dialog.submit()
    wait_idle()
    wait_idle()
    assert not dialog.isVisible()
    assert tab.board.columns[Stage.LEAD].count.text() == "3"
    created = session.scalar(select(Opportunity).where(Opportunity.title == "2027年球团矿招标"))
    assert created is not None and created.quantity == Decimal("120000")


def test_assay_mime_payload_is_json() -> None:
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps({"id": "x", "stage": "LEAD"}).encode())
    model = AssayModel()
    assert model.rowCount() == 0
    assert BreakdownModel().columnCount() == 4
