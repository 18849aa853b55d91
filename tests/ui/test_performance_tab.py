"""The performance tab driven like a person: pick a period, read the KPIs and the chart, pick
another rep as manager, do the self-assessment as the rep, the manager review and confirmation
as the manager — on a real SQLite file, offscreen."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.orm import Session

from minesales_desktop.messages import set_language
from minesales_desktop.services.appraisals import find_appraisal
from minesales_desktop.services.performance import (
    ensure_default_kpis,
    kpi_definitions,
    kpi_targets,
)
from minesales_desktop.services.vocabulary import AppraisalStatus, PeriodType
from minesales_desktop.ui.dialogs.appraisal_dialogs import (
    COL_MANAGER,
    COL_SELF,
    AppraisalDialog,
)
from minesales_desktop.ui.tabs.performance_tab import PerformanceTab
from tests.conftest import Department
from tests.unit.test_kpi_engine import Q3, build_quarter

TARGETS = {
    "SALES_VOLUME": "15000",
    "SALES_REVENUE": "2000000",
    "COLLECTION_RATE": "80",
    "OVERDUE_RATIO": "5",
    "NEW_CUSTOMERS": "2",
    "FOLLOW_UPS": "4",
    "SATISFACTION": "4.5",
    "CLAIM_TIMELINESS": "90",
    "TRAINING_HOURS": "10",
    "DATA_TIMELINESS": "80",
}


@pytest.fixture
def records(session: Session, dept: Department) -> None:
    ensure_default_kpis(session)
    build_quarter(session, dept.rep.user_id)
    for code, value in TARGETS.items():
        kpi = kpi_definitions.by_code(session, code)
        assert kpi is not None
        kpi_targets.set_target(session, dept.manager, kpi.id, dept.rep.user_id, Q3.text, value)
    session.commit()


def _open_tab(qtbot, make_ctx, wait_idle, actor, language: str = "en") -> PerformanceTab:
    tab = PerformanceTab(make_ctx(actor, language))
    qtbot.addWidget(tab)
    tab.resize(1400, 820)
    tab.show()
    tab.activated()
    wait_idle()
    return tab


def _cell(tab: PerformanceTab, row: int, header: str) -> str:
    model = tab.model
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == header:
            return str(model.data(model.index(row, column)))
    raise AssertionError(header)


def _row_of(tab: PerformanceTab, kpi_name: str) -> int:
    for row in range(tab.model.rowCount()):
        if _cell(tab, row, "KPI") == kpi_name:
            return row
    raise AssertionError(kpi_name)


def test_rep_reads_kpis_and_chart_for_a_quarter_and_a_month(
    qtbot, qtmodeltester, make_ctx, wait_idle, dept, records
):
    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    assert tab.person_combo.count() == 1 and not tab.person_combo.isEnabled()
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(PeriodType.QUARTER))
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    wait_idle()

    assert tab.model.rowCount() == 10
    volume = _row_of(tab, "Sales volume")
    assert (
        _cell(tab, volume, "Target"),
        _cell(tab, volume, "Actual"),
        _cell(tab, volume, "Completion"),
        _cell(tab, volume, "Score"),
        _cell(tab, volume, "Weighted"),
        _cell(tab, volume, "YoY growth"),
    ) == ("15,000", "17,500.50", "116.67%", "116.67", "23.33", "25.00%")
    collection = _row_of(tab, "Collection rate")
    assert _cell(tab, collection, "Actual") == "59.25"
    assert "84.59" in tab.summary.text() and "grade <b>B</b>" in tab.summary.text()
    qtmodeltester.check(tab.model)

    # The chart: one axes, a bar per KPI, labelled with the KPI names, really rendered.
    qtbot.waitUntil(lambda: tab.chart.draw_count > 0, timeout=5000)
    (axes,) = tab.chart.figure.axes
    assert [t.get_text() for t in axes.get_yticklabels()][0] == "Sales volume"
    assert len(axes.patches) == 10

    # A month: September holds only the lot shipped on its last day.
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(PeriodType.MONTH))
    tab.select_period(PeriodType.MONTH, "2026-09")
    wait_idle()
    assert tab.period.text == "2026-09"
    volume = _row_of(tab, "Sales volume")
    assert _cell(tab, volume, "Actual") == "5,500.50"
    assert _cell(tab, volume, "Target") == "—"  # no monthly target set
    assert _cell(tab, volume, "Completion") == "—"


def test_rep_with_no_data_sees_dashes(qtbot, make_ctx, wait_idle, dept, records):
    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.rep2)
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    wait_idle()
    row = _row_of(tab, "Collection rate")
    assert (_cell(tab, row, "Actual"), _cell(tab, row, "Completion")) == ("—", "—")
    assert _cell(tab, _row_of(tab, "Sales volume"), "Actual") == "0"
    qtbot.waitUntil(lambda: tab.chart.draw_count > 0, timeout=5000)


def test_manager_picks_another_rep_and_the_whole_team(
    qtbot, qtmodeltester, make_ctx, wait_idle, dept, records
):
    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    labels = [tab.person_combo.itemText(i) for i in range(tab.person_combo.count())]
    assert labels[0] == "王经理 (me)"
    assert "李强" in labels and "赵敏" in labels and "Whole team: 华北钢厂组" in labels
    assert not any("陈刚" in label for label in labels)  # another team's rep
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    tab.person_combo.setCurrentIndex(tab.person_combo.findText("李强"))
    wait_idle()
    assert "李强" in tab.summary.text()
    assert _cell(tab, _row_of(tab, "Sales revenue"), "Actual") == "1,670,000"
    assert tab.appraisal_button.text() == "Start appraisal…"

    tab.person_combo.setCurrentIndex(tab.person_combo.findText("Whole team: 华北钢厂组"))
    wait_idle()
    assert tab.members_box.isVisible()
    assert tab.members_model.rowCount() == 3
    qtmodeltester.check(tab.members_model)
    qtmodeltester.check(tab.model)
    assert not tab.appraisal_box.isVisible()
    qtbot.waitUntil(lambda: tab.chart.draw_count > 0, timeout=5000)
    # Double-clicking a member opens that person.
    first = tab.members_model.index(0, 0)
    tab.members_table.doubleClicked.emit(first)
    wait_idle()
    assert tab.report is not None and tab.report.person.full_name == "李强"


def _fill(dialog: AppraisalDialog, column: int, value: str) -> None:
    for row in range(dialog.table.rowCount()):
        item = dialog.table.item(row, column)
        assert item is not None
        item.setText(value)


def test_rep_does_the_self_assessment_and_cannot_do_the_managers_step(
    qtbot, session: Session, make_ctx, wait_idle, dept, records
):
    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    wait_idle()
    assert tab.appraisal_button.text() == "Start self-assessment…"
    qtbot.mouseClick(tab.appraisal_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = tab.appraisal_dialog
    assert dialog is not None and dialog.isVisible()
    self_item = dialog.table.item(0, COL_SELF)
    manager_item = dialog.table.item(0, COL_MANAGER)
    assert self_item is not None and manager_item is not None
    assert self_item.flags() & Qt.ItemFlag.ItemIsEditable
    assert not manager_item.flags() & Qt.ItemFlag.ItemIsEditable
    assert dialog.comments.isReadOnly() and not dialog.self_text.isReadOnly()
    assert not dialog.confirm_button.isVisible()

    # Submitting without the text is refused with a message; nothing closes.
    _fill(dialog, COL_SELF, "85")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.banner.isVisible() and "self-assessment" in dialog.banner.text()
    # A score out of range is shown against its KPI.
    item = dialog.table.item(0, COL_SELF)
    assert item is not None
    item.setText("130")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert "Sales volume: A score from 0 to 120." in dialog.banner.text()
    item.setText("95")
    qtbot.keyClicks(dialog.self_text, "New customer Tangshan; collection must improve.")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert tab.appraisal_dialog is None  # closed after submitting
    wait_idle()
    assert "Self-assessment" in tab.appraisal_status.text()
    assert tab.appraisal_button.text() == "View appraisal…"
    stored = find_appraisal(session, dept.rep, dept.rep.user_id, Q3)
    assert stored is not None and stored.status is AppraisalStatus.SELF
    assert stored.lines[0].self_score == 95

    # Reopened by the rep: read-only, no manager action offered.
    qtbot.mouseClick(tab.appraisal_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = tab.appraisal_dialog
    assert dialog is not None
    assert not dialog.submit_button.isVisible() and not dialog.confirm_button.isVisible()
    assert not dialog.return_button.isVisible()
    dialog.reject()
    wait_idle()

    # Even a dialog tricked into the manager's mode is refused by the service.
    assert tab.appraisal is not None
    forced = AppraisalDialog(
        make_ctx(dept.rep), dataclasses.replace(tab.appraisal, may_review=True), parent=tab
    )
    qtbot.addWidget(forced)
    _fill(forced, COL_MANAGER, "100")
    forced.comments.setPlainText("给自己满分")
    forced.save(submit=True)
    wait_idle()
    assert "Only the person's manager" in forced.banner.text()
    session.expire_all()
    again = find_appraisal(session, dept.rep, dept.rep.user_id, Q3)
    assert again is not None and again.status is AppraisalStatus.SELF
    assert again.lines[0].manager_score is None


def test_manager_reviews_and_confirms(qtbot, session: Session, make_ctx, wait_idle, dept, records):
    rep_tab = _open_tab(qtbot, make_ctx, wait_idle, dept.rep)
    rep_tab.select_period(PeriodType.QUARTER, "2026Q3")
    wait_idle()
    qtbot.mouseClick(rep_tab.appraisal_button, Qt.MouseButton.LeftButton)
    wait_idle()
    rep_dialog = rep_tab.appraisal_dialog
    assert rep_dialog is not None
    _fill(rep_dialog, COL_SELF, "90")
    rep_dialog.self_text.setPlainText("完成目标。")
    rep_dialog.save(submit=True)
    wait_idle()

    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.manager)
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    tab.select_person(dept.rep.user_id)
    wait_idle()
    assert tab.appraisal_button.text() == "Manager review…"
    qtbot.mouseClick(tab.appraisal_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = tab.appraisal_dialog
    assert dialog is not None
    # The manager starts from the system scores.
    first = dialog.table.item(0, COL_MANAGER)
    assert first is not None and first.text() == "116.67"
    dialog.comments.setPlainText("业绩达标,回款需加强。")
    dialog.plan.setPlainText("每周核对逾期应收。")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert tab.appraisal_dialog is None
    wait_idle()
    qtbot.mouseClick(tab.appraisal_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = tab.appraisal_dialog
    assert dialog is not None and dialog.confirm_button.isVisible()
    dialog.ask_confirm = lambda: True  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert "(frozen)" in dialog.header.text()
    assert not dialog.confirm_button.isVisible()
    dialog.reject()
    wait_idle()
    assert "frozen" in tab.appraisal_status.text() and "84.59" in tab.appraisal_status.text()


def test_chinese_renders_without_missing_glyphs(
    qtbot, make_ctx, wait_idle, dept, records, request
) -> None:
    set_language("zh_CN")
    tab = _open_tab(qtbot, make_ctx, wait_idle, dept.manager, language="zh_CN")
    tab.select_period(PeriodType.QUARTER, "2026Q3")
    tab.select_person(dept.rep.user_id)
    wait_idle()
    qtbot.waitUntil(lambda: tab.chart.draw_count > 0, timeout=5000)
    tab.chart.canvas.draw()  # a full render: a missing glyph would warn (= error here)
    (axes,) = tab.chart.figure.axes
    assert [t.get_text() for t in axes.get_yticklabels()][:2] == ["销售量", "销售额"]
    assert "2026年第3季度" in tab.summary.text()
    shoot: Callable[[], None] | None = getattr(request.config, "performance_shot", None)
    if shoot:
        shoot()


def test_cjk_font_lookup_order_and_a_clear_error(tmp_path) -> None:
    from minesales_desktop.documents.fonts import CjkFontNotFound, find_cjk_font

    bundled = tmp_path / "fonts"
    bundled.mkdir()
    system_font = tmp_path / "system.ttc"
    system_font.write_bytes(b"")
    assert find_cjk_font(bundled_dir=bundled, system=[system_font]) == system_font
    (bundled / "notocjk.otf").write_bytes(b"")  # CFF OpenType: ReportLab cannot embed it
    (bundled / "my-font.ttf").write_bytes(b"")
    assert find_cjk_font(bundled_dir=bundled, system=[system_font]) == bundled / "my-font.ttf"
    with pytest.raises(CjkFontNotFound, match="fonts-wqy-microhei"):
        find_cjk_font(bundled_dir=tmp_path / "none", system=[tmp_path / "missing.ttc"])
