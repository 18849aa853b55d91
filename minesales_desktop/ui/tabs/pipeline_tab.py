"""The pipeline tab (销售管道): the board by stage, the sortable list, and the opportunity file.

Why it looks like this: the board answers "where is every deal and what is it worth, weighted",
the side panel answers "what do I do next with this one" (the stage guide, what the next gate
still needs, its history and quotes), and the list answers "show me all of them, sorted". Every
figure comes from SQL through ``services.pipeline_overview`` on the database worker; moves go
through ``services.sales.opportunities.move_stage`` and a refusal is shown in a banner that names
what is missing, while the card stays where it was.

A saved quote is acted on from the panel's Quotes tab (``ui/dialogs/quote_actions.py``): export
it as a PDF (Chinese or English), and turn the current version into a contract draft with its
terms copied.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services import pipeline_overview as overview
from minesales_desktop.services.crud import Page
from minesales_desktop.services.errors import ServiceError
from minesales_desktop.services.people import users
from minesales_desktop.services.pipeline_overview import (
    BOARD_STAGES,
    Board,
    HistoryEntry,
    OpportunityCard,
    OpportunityDetail,
    Period,
    PipelineFilter,
    ProductChoice,
)
from minesales_desktop.services.sales import STAGE_ORDER, opportunities, quotes, stage_rank
from minesales_desktop.services.stage_guides import StageGuideError, StageGuides, load_stage_guides
from minesales_desktop.services.vocabulary import Role, Stage
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs import opportunity_dialogs
from minesales_desktop.ui.dialogs.quote_actions import (
    ContractDraftDialog,
    QuotePdfExport,
    can_make_contract,
)
from minesales_desktop.ui.dialogs.quote_editor import QuoteEditor
from minesales_desktop.ui.item_models.paged import Column, PagedTableModel, RowsTableModel
from minesales_desktop.ui.tabs.base import BaseTab
from minesales_desktop.ui.widgets.pipeline_board import (
    STAGE_COLORS,
    PipelineBoard,
    card_value,
    money_by_currency,
)

log = logging.getLogger(__name__)
CARDS_PER_COLUMN = 50
#: an edited copy of the guides in the data folder wins over the shipped file
GUIDES_OVERRIDE = "stage_guides.json"


@dataclass(frozen=True)
class _Choices:
    owners: list[tuple[str, str]]
    products: list[ProductChoice]


class Banner(QFrame):
    """A message across the top of the tab: refusals in red, confirmations in green."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipeline_banner")
        self.text = QLabel()
        self.text.setObjectName("pipeline_banner_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, error: bool = True) -> None:
        colors = ("#fdecee", "#e7a1a9", "#8a1020") if error else ("#e9f6ee", "#9fd3b1", "#1d5e36")
        self.setStyleSheet(
            f"#pipeline_banner {{ background: {colors[0]}; border: 1px solid {colors[1]};"
            f" border-radius: 6px; }} #pipeline_banner QLabel {{ color: {colors[2]}; }}"
        )
        self.text.setText(text)
        self.show()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""


class OpportunityPanel(QWidget):
    """The selected opportunity: facts, the next gate, the stage guide, history and quotes."""

    new_quote_requested = Signal()
    export_quote_requested = Signal(object)  # QuoteDTO
    contract_requested = Signal(object)  # QuoteDTO

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opportunity_panel")
        self.language = language
        self.title = QLabel(self.tr("Select an opportunity"))
        self.title.setObjectName("panel_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600; color: #1f2933;")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("panel_subtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #4a5563;")
        self.stage = QLabel()
        self.stage.setObjectName("panel_stage")
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(3)
        self._fact_labels: dict[str, QLabel] = {}
        names = (
            ("product", self.tr("Product")),
            ("quantity", self.tr("Quantity")),
            ("value", self.tr("Estimated value")),
            ("weighted", self.tr("Weighted")),
            ("close", self.tr("Expected close")),
            ("owner", self.tr("Owner")),
            ("days", self.tr("Time in stage")),
            ("deadline", self.tr("Bid deadline")),
        )
        for i, (key, text) in enumerate(names):
            caption = QLabel(text)
            caption.setStyleSheet("color: #6b7785;")
            value = QLabel()
            value.setObjectName(f"panel_{key}")
            value.setWordWrap(True)
            self._fact_labels[key] = value
            self.facts.addWidget(caption, i, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(value, i, 1)
        self.facts.setColumnStretch(1, 1)
        self.gate = QLabel()
        self.gate.setObjectName("panel_gate")
        self.gate.setWordWrap(True)
        self.guide = QLabel()
        self.guide.setObjectName("panel_guide")
        self.guide.setWordWrap(True)
        self.guide.setTextFormat(Qt.TextFormat.RichText)
        self.guide.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        guide_scroll = QScrollArea()
        guide_scroll.setWidgetResizable(True)
        guide_scroll.setFrameShape(QFrame.Shape.NoFrame)
        guide_box = QWidget()
        guide_layout = QVBoxLayout(guide_box)
        guide_layout.setContentsMargins(8, 8, 8, 8)
        guide_layout.addWidget(self.guide)
        guide_layout.addStretch(1)
        guide_scroll.setWidget(guide_box)

        self.history = RowsTableModel(
            [
                Column(self.tr("When"), lambda h: fmt.date(h.changed_at)),
                Column(self.tr("Stage"), self._move_text),
                Column(self.tr("By"), lambda h: h.changed_by),
                Column(self.tr("Days"), lambda h: h.days, align_right=True),
                Column(self.tr("Note"), lambda h: h.note or "", tooltip=lambda h: h.note or ""),
            ],
            parent=self,
        )
        self.history_view = self._table(self.history, "panel_history")
        self.quotes = RowsTableModel(
            [
                Column(self.tr("Version"), lambda q: f"V{q.version}"),
                Column(self.tr("Status"), lambda q: q.status),
                Column(
                    self.tr("Unit price"),
                    lambda q: f"{fmt.money(q.unit_price)} {q.currency.value}",
                    align_right=True,
                ),
                Column(self.tr("Total"), lambda q: fmt.money(q.total_amount), align_right=True),
                Column(self.tr("Valid until"), lambda q: q.valid_until),
            ],
            parent=self,
        )
        self.quotes_view = self._table(self.quotes, "panel_quotes")
        self.new_quote = QPushButton(self.tr("New quote version…"))
        self.new_quote.setObjectName("panel_new_quote")
        self.new_quote.clicked.connect(self.new_quote_requested)
        self.export_quote = QPushButton(self.tr("Export quote PDF…"))
        self.export_quote.setObjectName("panel_export_quote")
        self.export_quote.clicked.connect(self._export_clicked)
        self.make_contract = QPushButton(self.tr("Make contract draft…"))
        self.make_contract.setObjectName("panel_make_contract")
        self.make_contract.clicked.connect(self._contract_clicked)
        self.quotes_view.selectionModel().currentRowChanged.connect(
            lambda *_: self.update_quote_buttons()
        )
        self.quotes_view.doubleClicked.connect(lambda _i: self._export_clicked())
        quotes_box = QWidget()
        quotes_layout = QVBoxLayout(quotes_box)
        quotes_layout.setContentsMargins(0, 4, 0, 0)
        quotes_layout.addWidget(self.quotes_view, 1)
        quote_buttons = QGridLayout()
        quote_buttons.setContentsMargins(0, 0, 0, 0)
        quote_buttons.addWidget(self.new_quote, 0, 0)
        quote_buttons.addWidget(self.export_quote, 0, 1)
        quote_buttons.addWidget(self.make_contract, 1, 0, 1, 2)
        quotes_layout.addLayout(quote_buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("panel_tabs")
        self.tabs.addTab(guide_scroll, self.tr("Stage guide"))
        self.tabs.addTab(self.history_view, self.tr("History"))
        self.tabs.addTab(quotes_box, self.tr("Quotes"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.stage, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.facts)
        layout.addWidget(self.gate)
        layout.addWidget(self.tabs, 1)
        self.show_detail(None, None)

    @staticmethod
    def _table(model: RowsTableModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    @staticmethod
    def _move_text(entry: HistoryEntry) -> str:
        if entry.from_stage is None:
            return str(entry.to_stage.label())
        return f"{entry.from_stage.label()} → {entry.to_stage.label()}"

    # --- the selected quote ----------------------------------------------------------------------
    def selected_quote(self) -> Any | None:
        """The quote (QuoteDTO) selected in the Quotes tab, if any."""
        index = self.quotes_view.currentIndex()
        return self.quotes.row_object(index.row()) if index.isValid() else None

    def select_quote(self, quote_id: str) -> None:
        for row, quote in enumerate(self.quotes.rows):
            if quote.id == quote_id:
                self.quotes_view.selectRow(row)
                return

    def _latest_version(self) -> int:
        return max((q.version for q in self.quotes.rows), default=0)

    def update_quote_buttons(self) -> None:
        quote = self.selected_quote()
        self.export_quote.setEnabled(quote is not None)
        ok = quote is not None and can_make_contract(quote, self._latest_version())
        self.make_contract.setEnabled(ok)
        self.make_contract.setToolTip(
            ""
            if ok or quote is None
            else self.tr("Only the current version of the quote becomes a contract.")
        )

    def _export_clicked(self) -> None:
        quote = self.selected_quote()
        if quote is not None:
            self.export_quote_requested.emit(quote)

    def _contract_clicked(self) -> None:
        quote = self.selected_quote()
        if quote is not None and can_make_contract(quote, self._latest_version()):
            self.contract_requested.emit(quote)

    def show_guide_problem(self, text: str) -> None:
        self.guide.setText(f"<p style='color:#b00020'>{html.escape(text)}</p>")

    def show_detail(self, info: OpportunityDetail | None, guides: StageGuides | None) -> None:
        has = info is not None
        for widget in (self.stage, self.gate, self.tabs):
            widget.setVisible(has)
        for label in self._fact_labels.values():
            label.setText("")
        self.new_quote.setEnabled(False)
        self.export_quote.setEnabled(False)
        self.make_contract.setEnabled(False)
        if info is None:
            self.title.setText(self.tr("Select an opportunity"))
            self.subtitle.setText(
                self.tr("Pick a card on the board or a row in the list to see its guide.")
            )
            self.history.set_rows([])
            self.quotes.set_rows([])
            return
        card = info.card
        self.title.setText(f"{card.code} · {card.title}")
        self.subtitle.setText(card.customer_name)
        color = STAGE_COLORS.get(card.stage, "#999")
        self.stage.setText(f"{card.stage.label()}  ·  {fmt.number(card.probability)}%")
        self.stage.setStyleSheet(
            f"background: {color}; color: white; border-radius: 9px; padding: 2px 10px;"
            " font-weight: 600;"
        )
        facts = self._fact_labels
        facts["product"].setText(card.product_name(self.language) or "—")
        facts["quantity"].setText(
            f"{fmt.quantity(card.quantity)} {card.quantity_unit.label()}"
            if card.quantity is not None
            else "—"
        )
        facts["value"].setText(card_value(card))
        weighted = card.weighted_value
        facts["weighted"].setText(
            money_by_currency({card.currency: weighted}) if weighted is not None else "—"
        )
        close = fmt.date(card.expected_close) or "—"
        if card.is_overdue(dt.date.today()):
            close = f"<span style='color:#b00020'>{close} ⚠</span>"
        facts["close"].setText(close)
        facts["owner"].setText(card.owner_name or "—")
        facts["days"].setText(
            self.tr("%n day(s) since %1", "", card.days_in_stage()).replace(
                "%1", card.stage_entered_at.astimezone().date().isoformat()
            )
        )
        facts["deadline"].setText(fmt.date(card.bid_deadline) or "—")
        self.gate.setText(self._gate_html(info))
        self.gate.setStyleSheet(
            "background: %s; border-radius: 6px; padding: 6px 8px;"
            % ("#fff4e0" if info.next_missing else "#eef6f0")
        )
        self.gate.setVisible(info.next_stage is not None or card.stage is Stage.LOST)
        if guides is not None:
            self.guide.setText(self._guide_html(guides, card.stage))
        self.history.set_rows(info.history)
        selected = self.selected_quote()
        known = {q.id for q in self.quotes.rows}
        self.quotes.set_rows(info.quotes)
        self.new_quote.setEnabled(card.stage not in (Stage.WON, Stage.LOST))
        # A refresh keeps the rep's choice; a new version (or another opportunity) selects the
        # current, latest version, so its actions are one click away.
        latest = max(info.quotes, key=lambda q: q.version, default=None)
        fresh = any(q.id not in known for q in info.quotes)
        if selected is not None and not fresh and any(q.id == selected.id for q in info.quotes):
            self.select_quote(selected.id)
        elif latest is not None:
            self.select_quote(latest.id)
        self.update_quote_buttons()

    def _gate_html(self, info: OpportunityDetail) -> str:
        if info.card.stage is Stage.LOST:
            reason = info.lost_reason.label() if info.lost_reason is not None else "—"
            text = self.tr("Lost: %1").replace("%1", html.escape(reason))
            if info.lost_note:
                text += "<br>" + html.escape(info.lost_note)
            return text
        if info.next_stage is None:
            return ""
        stage = html.escape(info.next_stage.label())
        if not info.next_missing:
            return self.tr("Ready for <b>%1</b>: every gate condition holds.").replace("%1", stage)
        items = "".join(f"<li>{html.escape(m)}</li>" for m in info.next_missing)
        return (
            self.tr("<b>%1</b> still needs:").replace("%1", stage)
            + f"<ul style='margin:2px 0 0 -20px'>{items}</ul>"
        )

    def _guide_html(self, guides: StageGuides, stage: Stage) -> str:
        guide = guides.for_stage(stage, self.language)

        def items(lines: tuple[str, ...]) -> str:
            return "".join(f"<li>{html.escape(line)}</li>" for line in lines)

        what_to_do = self.tr("What to do")
        watch_for = self.tr("Watch for")
        return (
            f"<p><b>{html.escape(guide.goal)}</b></p>"
            f"<p style='color:#2f4a6d;margin-bottom:0'><b>{what_to_do}</b></p>"
            f"<ul style='margin-top:2px'>{items(guide.do)}</ul>"
            f"<p style='color:#a64b00;margin-bottom:0'><b>{watch_for}</b></p>"
            f"<ul style='margin-top:2px'>{items(guide.watch)}</ul>"
        )


class PipelineTab(BaseTab):
    """The pipeline: board or list, filters, stage moves, opportunities and their quotes."""

    kinds: ClassVar[frozenset[str]] = frozenset(
        {"opportunities", "quotes", "contracts", "customers", "products"}
    )
    #: re-emitted from the quote editor (QuoteDTO): the seam for the quote PDF and the contract
    quote_saved = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("pipeline_tab")
        self.products: list[ProductChoice] = []
        self.board_data: Board | None = None
        self.detail_data: OpportunityDetail | None = None
        self._selected_id: str | None = None
        self._choices_loaded = False
        self.guides, guide_problem = self._load_guides()
        self._build()
        if guide_problem:
            self.panel.show_guide_problem(guide_problem)

    def title(self) -> str:
        return self.tr("Pipeline")

    # --- guides -----------------------------------------------------------------------------------
    def _load_guides(self) -> tuple[StageGuides | None, str]:
        """The department's edited guides if there are any, else the shipped ones. A broken
        edit is reported (and the shipped guides used) rather than leaving the panel empty."""
        override = self.ctx.paths.data_dir / GUIDES_OVERRIDE
        problem = ""
        if override.exists():
            try:
                return load_stage_guides(override), ""
            except StageGuideError as exc:
                problem = self.tr("The edited stage guides were not used: %1").replace(
                    "%1", str(exc)
                )
                log.warning("stage guides override refused: %s", exc)
        try:
            return load_stage_guides(), problem
        except StageGuideError as exc:
            return None, str(exc)

    # --- construction -----------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str, slot: Any, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setObjectName("button_" + action.objectName())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _build(self) -> None:
        self.new_action = self._action(
            self.tr("New opportunity"), "Ctrl+Shift+N", self.new_opportunity, "new_opportunity"
        )
        self.edit_action = self._action(self.tr("Edit"), "F2", self.edit_opportunity, "edit")
        self.quote_action = self._action(
            self.tr("New quote version"), "Ctrl+Shift+Q", self.new_quote, "new_quote"
        )
        self.advance_action = self._action(
            self.tr("Advance ▶"), "Ctrl+Shift+Right", self.advance, "advance"
        )
        self.lost_action = self._action(
            self.tr("Mark lost…"), "Ctrl+Shift+L", self.mark_lost, "mark_lost"
        )
        self.refresh_action = self._action(self.tr("Refresh"), "F5", self.refresh, "refresh")
        self.toggle_action = self._action(
            self.tr("List view"), "Ctrl+Shift+B", self.toggle_view, "toggle_view"
        )
        self.toggle_action.setCheckable(True)

        self.move_menu = QMenu(self)
        self.move_menu.setObjectName("move_menu")
        for stage in (*STAGE_ORDER, Stage.LOST):
            act = self.move_menu.addAction(stage.label())
            act.setData(stage.value)
            act.triggered.connect(lambda _=False, s=stage: self.move_selected(s))
        self.move_button = QToolButton()
        self.move_button.setObjectName("button_move_to")
        self.move_button.setText(self.tr("Move to…"))
        self.move_button.setMenu(self.move_menu)
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        toolbar = QHBoxLayout()
        toolbar.setSpacing(4)
        for action in (self.new_action, self.edit_action, self.quote_action):
            toolbar.addWidget(self._button(action))
        toolbar.addSpacing(12)
        toolbar.addWidget(self._button(self.advance_action))
        toolbar.addWidget(self.move_button)
        toolbar.addWidget(self._button(self.lost_action))
        toolbar.addStretch(1)
        toolbar.addWidget(self._button(self.toggle_action))
        toolbar.addWidget(self._button(self.refresh_action))

        self.owner = QComboBox()
        self.owner.setObjectName("filter_owner")
        self.owner.setMinimumContentsLength(8)
        self.product = QComboBox()
        self.product.setObjectName("filter_product")
        self.product.setMinimumContentsLength(12)
        self.product.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.product.addItem(self.tr("All products"), None)
        self.period = QComboBox()
        self.period.setObjectName("filter_period")
        for period, label in (
            (Period.MONTH, self.tr("Closing this month")),
            (Period.QUARTER, self.tr("Closing this quarter")),
            (Period.YEAR, self.tr("Closing this year")),
            (Period.ALL, self.tr("Any time")),
        ):
            self.period.addItem(label, period.value)
        self.period.setCurrentIndex(3)
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("filter_stage")
        self.stage_filter.addItem(self.tr("All stages"), None)
        for stage in BOARD_STAGES:
            self.stage_filter.addItem(stage.label(), stage.value)
        self.stage_filter.hide()
        self._fill_owner_placeholder()
        for combo in (self.owner, self.product, self.period, self.stage_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.summary = QLabel()
        self.summary.setObjectName("pipeline_summary")
        self.summary.setStyleSheet("color: #4a5563;")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel(self.tr("Owner")))
        filters.addWidget(self.owner)
        filters.addWidget(QLabel(self.tr("Product")))
        filters.addWidget(self.product)
        filters.addWidget(QLabel(self.tr("Period")))
        filters.addWidget(self.period)
        filters.addWidget(self.stage_filter)
        filters.addStretch(1)
        filters.addWidget(self.summary)

        self.banner = Banner()
        self.board = PipelineBoard(BOARD_STAGES, lambda: self.ctx.language)
        self.board.setObjectName("pipeline_board")
        self.board.move_requested.connect(self.move_opportunity)
        self.board.card_selected.connect(self._card_selected)
        self.board.card_activated.connect(lambda _card: self.edit_opportunity())
        self.board.more_requested.connect(self.show_stage_in_list)

        self.list_model = PagedTableModel(
            self.ctx.tasks,
            [
                Column(self.tr("Code"), lambda c: c.code, "code"),
                Column(self.tr("Customer"), lambda c: c.customer_name, "customer"),
                Column(self.tr("Product"), lambda c: c.product_name(self.ctx.language), "product"),
                Column(self.tr("Stage"), lambda c: c.stage, "stage"),
                Column(
                    self.tr("Quantity"),
                    lambda c: (
                        f"{fmt.quantity(c.quantity)} {c.quantity_unit.label()}"
                        if c.quantity is not None
                        else ""
                    ),
                    "quantity",
                    align_right=True,
                ),
                Column(self.tr("Value"), card_value, "value", align_right=True),
                Column(
                    self.tr("Weighted"),
                    lambda c: (
                        money_by_currency({c.currency: c.weighted_value})
                        if c.weighted_value is not None
                        else ""
                    ),
                    "weighted",
                    align_right=True,
                ),
                Column(
                    self.tr("Prob."),
                    lambda c: f"{fmt.number(c.probability)}%",
                    "probability",
                    align_right=True,
                ),  # fmt: skip
                Column(self.tr("Expected close"), lambda c: c.expected_close, "expected_close"),
                Column(
                    self.tr("Days in stage"),
                    lambda c: c.days_in_stage(),
                    "stage_entered_at",
                    align_right=True,
                ),
                Column(self.tr("Owner"), lambda c: c.owner_name, "owner"),
            ],
            lambda _session, request: Page([], 0, request.offset, request.limit),
            parent=self,
        )
        self.list_model.loaded.connect(self._list_loaded)
        self.list_view = QTableView()
        self.list_view.setObjectName("pipeline_list")
        self.list_view.setModel(self.list_model)
        # Indicator first, then sorting: enabling sorting sorts (= queries) once, and a second
        # query right after would cancel the first before the worker started it.
        self.list_view.horizontalHeader().setSortIndicator(8, Qt.SortOrder.AscendingOrder)
        self.list_view.setSortingEnabled(True)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().hide()
        header = self.list_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultSectionSize(96)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the customer
        header.resizeSection(0, 120)
        header.resizeSection(2, 140)
        header.resizeSection(3, 80)
        self.list_view.verticalHeader().setDefaultSectionSize(
            self.list_view.fontMetrics().height() + 10
        )
        self.list_view.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.list_view.doubleClicked.connect(lambda _i: self.edit_opportunity())

        self.stack = QStackedWidget()
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.list_view)

        self.panel = OpportunityPanel(self.ctx.language)
        self.panel.new_quote_requested.connect(self.new_quote)
        self.panel.export_quote_requested.connect(self.export_quote)
        self.panel.contract_requested.connect(self.make_contract_draft)
        self.pdf_export = QuotePdfExport(self.ctx, self)
        self.pdf_export.failed.connect(self.banner.show_message)
        self.panel.setMinimumWidth(320)
        splitter = QSplitter()
        splitter.setObjectName("pipeline_splitter")
        splitter.addWidget(self.stack)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([1300, 340])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def _fill_owner_placeholder(self) -> None:
        self.owner.blockSignals(True)
        self.owner.clear()
        actor = self.ctx.actor
        if actor.role is Role.ADMIN:
            self.owner.addItem(self.tr("Everyone"), None)
        elif actor.role is Role.MANAGER:
            self.owner.addItem(self.tr("My team"), None)
        else:
            self.owner.addItem(actor.full_name or actor.login, actor.user_id)
            self.owner.setEnabled(False)
        self.owner.blockSignals(False)

    # --- filters ----------------------------------------------------------------------------------
    def current_filter(self, *, for_list: bool = False) -> PipelineFilter:
        stage = self.stage_filter.currentData() if for_list else None
        return PipelineFilter(
            owner_id=self.owner.currentData(),
            product_id=self.product.currentData(),
            period=Period(self.period.currentData()),
            stage=Stage(stage) if stage else None,
        )

    def _list_fetch(self) -> Any:
        flt = self.current_filter(for_list=True)
        actor = self.ctx.actor
        return lambda session, request: overview.list_page(session, actor, flt, request)

    def _filters_changed(self) -> None:
        if self._loaded:
            self.refresh()

    def set_period(self, period: Period) -> None:
        self.period.setCurrentIndex(self.period.findData(period.value))

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._choices_loaded:
            self._load_choices()
            return
        if self.stack.currentWidget() is self.list_view:
            self.list_model.set_fetch(self._list_fetch())
        self._load_board()
        self._load_detail()

    def _load_choices(self) -> None:
        actor = self.ctx.actor

        def fetch(session: Any) -> _Choices:
            owners = []
            if actor.role in (Role.ADMIN, Role.MANAGER):
                owners = [(u.id, u.full_name) for u in users.reps_visible_to(session, actor)]
            return _Choices(owners=owners, products=overview.product_choices(session))

        self.ctx.tasks.run(fetch, self._choices_done, self._failed, label="pipeline choices")

    def _choices_done(self, choices: _Choices) -> None:
        self._choices_loaded = True
        self.products = choices.products
        for combo in (self.owner, self.product):
            combo.blockSignals(True)
        for owner_id, name in choices.owners:
            self.owner.addItem(name, owner_id)
        for p in self.products:
            self.product.addItem(f"{p.code} · {p.name(self.ctx.language)}", p.id)
        for combo in (self.owner, self.product):
            combo.blockSignals(False)
        self.refresh()

    def _load_board(self) -> None:
        flt = self.current_filter()
        actor = self.ctx.actor
        self.ctx.tasks.run_latest(  # a newer filter's board is the one shown
            f"pipeline board {id(self)}",
            lambda session: overview.board(session, actor, flt, CARDS_PER_COLUMN),
            self._board_loaded,
            self._failed,
            label="pipeline board",
        )

    def _board_loaded(self, board: Board) -> None:
        self.board_data = board
        self.board.set_board(board)
        if self._selected_id is not None and self.stack.currentWidget() is self.board:
            self.board.select(self._selected_id)
        weighted = money_by_currency(board.open_weighted, language=self.ctx.language)
        text = (
            self.tr("%1 open · weighted %2")
            .replace("%1", fmt.number(Decimal(board.open_count)))
            .replace("%2", weighted)
        )
        self.summary.setText(text)
        self.summary_changed.emit(text)

    def _list_loaded(self, total: int) -> None:
        if self._selected_id is not None:
            row = self.list_model.find_row(lambda c: c.id == self._selected_id)
            if row >= 0:
                self.list_view.selectRow(row)

    def _load_detail(self) -> None:
        opportunity_id = self._selected_id
        if opportunity_id is None:
            self.ctx.tasks.cancel_latest(f"opportunity detail {id(self)}")
            self.detail_data = None
            self.panel.show_detail(None, self.guides)
            self._update_actions()
            return
        actor = self.ctx.actor

        def done(info: OpportunityDetail) -> None:
            self.detail_data = info
            self.panel.show_detail(info, self.guides)
            self._update_actions()

        def failed(exc: BaseException) -> None:
            self._selected_id = None
            self.detail_data = None
            self.panel.show_detail(None, self.guides)
            self._update_actions()
            self._failed(exc)

        self.ctx.tasks.run_latest(  # the row selected last is the one shown
            f"opportunity detail {id(self)}",
            lambda session: overview.detail(session, actor, opportunity_id),
            done,
            failed,
            label="opportunity detail",
        )

    # --- selection --------------------------------------------------------------------------------
    def _card_selected(self, card: OpportunityCard | None) -> None:
        self.select(card.id if card is not None else None)

    def _list_row_changed(self, current: Any, _previous: Any) -> None:
        card = self.list_model.row_object(current.row()) if current.isValid() else None
        if card is not None:
            self.select(card.id)

    def select(self, opportunity_id: str | None) -> None:
        """Show ``opportunity_id`` in the side panel (and select its card if shown)."""
        if opportunity_id == self._selected_id and self.detail_data is not None:
            return
        self._selected_id = opportunity_id
        if opportunity_id is not None and self.stack.currentWidget() is self.board:
            selected = self.board.selected_card()
            if selected is None or selected.id != opportunity_id:
                self.board.select(opportunity_id)
        self._load_detail()

    def selected_card(self) -> OpportunityCard | None:
        if self.detail_data is not None and self.detail_data.card.id == self._selected_id:
            return self.detail_data.card
        return None

    def _update_actions(self) -> None:
        card = self.selected_card()
        open_ = card is not None and card.stage not in (Stage.WON, Stage.LOST)
        self.edit_action.setEnabled(open_)
        self.quote_action.setEnabled(open_)
        self.advance_action.setEnabled(open_)
        self.lost_action.setEnabled(open_)
        self.move_button.setEnabled(card is not None and card.stage is not Stage.WON)
        if card is not None:
            for act in self.move_menu.actions():
                act.setEnabled(act.data() != card.stage.value)

    # --- views ------------------------------------------------------------------------------------
    def toggle_view(self) -> None:
        self.set_list_view(self.stack.currentWidget() is self.board)

    def set_list_view(self, on: bool) -> None:
        self.toggle_action.setChecked(on)
        self.stack.setCurrentWidget(self.list_view if on else self.board)
        self.stage_filter.setVisible(on)
        if on:
            self.list_model.set_fetch(self._list_fetch())
        elif self._selected_id is not None:
            self.board.select(self._selected_id)

    def show_stage_in_list(self, stage: Stage) -> None:
        """ "+ k more" on a column: every opportunity of that stage, in the list."""
        self.stage_filter.blockSignals(True)
        self.stage_filter.setCurrentIndex(self.stage_filter.findData(stage.value))
        self.stage_filter.blockSignals(False)
        self.set_list_view(True)

    # --- moves ------------------------------------------------------------------------------------
    def advance(self) -> None:
        card = self.selected_card()
        if card is None:
            return
        target = overview.next_stage(card.stage)
        if target is not None:
            self.move_opportunity(card.id, target)

    def mark_lost(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.move_opportunity(card.id, Stage.LOST)

    def move_selected(self, stage: Stage) -> None:
        card = self.selected_card()
        if card is not None:
            self.move_opportunity(card.id, stage)

    def _card(self, opportunity_id: str) -> OpportunityCard | None:
        if self.detail_data is not None and self.detail_data.card.id == opportunity_id:
            return self.detail_data.card
        if self.board_data is not None:
            for column in self.board_data.columns:
                for card in column.cards:
                    if card.id == opportunity_id:
                        return card
        return None

    def move_opportunity(self, opportunity_id: str, stage: Stage) -> None:
        """Ask the service to move the opportunity (drop, button or menu all come here).

        The questions a move needs are asked first (why lost; why back a stage); the service
        decides, and a refusal is shown in the banner naming what is missing."""
        card = self._card(opportunity_id)
        code = card.code if card is not None else ""
        extra: dict[str, Any] = {}
        if stage is Stage.LOST:
            answer = opportunity_dialogs.ask_lost_reason(self, code)
            if answer is None:
                return
            extra = {
                "lost_reason": answer.reason,
                "lost_note": answer.note,
                "competitor": answer.competitor,
            }
        elif (
            card is not None
            and card.stage is not Stage.LOST
            and stage_rank(stage) < stage_rank(card.stage)
        ):
            note = opportunity_dialogs.ask_move_back_note(self, code, stage)
            if note is None:
                return
            extra = {"note": note}
        actor = self.ctx.actor
        self.banner.hide()

        def done(moved: Any) -> None:
            self._selected_id = moved.id
            self.banner.show_message(
                self.tr("%1 moved to %2.")
                .replace("%1", moved.code)
                .replace("%2", moved.stage.label()),
                error=False,
            )

        self.ctx.tasks.run(
            lambda session: opportunities.move_stage(
                session, actor, opportunity_id, stage, **extra
            ),
            done,
            self._failed,
            writes=("opportunities",),
            label="move stage",
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.banner.show_message(str(exc))
            return
        log.error("pipeline task failed", exc_info=exc)
        self.banner.show_message(self.tr("Something went wrong: %1").replace("%1", str(exc)))
        self.ctx.tasks.error.emit(f"{type(exc).__name__}: {exc}")

    # --- opportunities and quotes -----------------------------------------------------------------
    def _owner_choices(self) -> list[tuple[str, str]]:
        return [
            (self.owner.itemData(i), self.owner.itemText(i))
            for i in range(self.owner.count())
            if self.owner.itemData(i)
        ]

    def new_opportunity(self) -> None:
        owners = self._owner_choices() if self.ctx.actor.is_manager else []
        dialog = opportunity_dialogs.OpportunityDialog(
            self.ctx, self.products, owners=owners, parent=self
        )
        dialog.accepted.connect(lambda: self._opportunity_saved(dialog.result_value))
        self.last_dialog: QWidget = dialog
        dialog.open()

    def edit_opportunity(self) -> None:
        card = self.selected_card()
        if card is None or card.stage in (Stage.WON, Stage.LOST):
            return
        opportunity_id = card.id

        def open_dialog(existing: Any) -> None:
            dialog = opportunity_dialogs.OpportunityDialog(
                self.ctx, self.products, existing=existing, parent=self
            )
            dialog.accepted.connect(lambda: self._opportunity_saved(dialog.result_value))
            self.last_dialog = dialog
            dialog.open()

        self.ctx.tasks.run(
            lambda session: opportunities.get(session, opportunity_id),
            open_dialog,
            self._failed,
            label="load opportunity",
        )

    def _opportunity_saved(self, dto: Any) -> None:
        if dto is not None:
            self._selected_id = dto.id
            self.detail_data = None

    def new_quote(self) -> None:
        card = self.selected_card()
        if card is None or card.stage in (Stage.WON, Stage.LOST):
            return
        opportunity_id = card.id

        def open_editor(previous: Any) -> None:
            editor = QuoteEditor(self.ctx, card, self.products, previous=previous, parent=self)
            editor.quote_saved.connect(self.quote_saved)
            self.last_dialog = editor
            editor.open()

        self.ctx.tasks.run(
            lambda session: quotes.latest(session, opportunity_id),
            open_editor,
            self._failed,
            label="latest quote",
        )

    # --- quote PDF and contract draft -------------------------------------------------------------
    def export_quote(self, quote: Any | None = None) -> None:
        """Save the selected (or given) quote as a PDF, then offer to open it."""
        quote = quote or self.panel.selected_quote()
        if quote is not None:
            self.banner.hide()
            self.pdf_export.export(quote)

    def make_contract_draft(self, quote: Any | None = None) -> None:
        """The small contract form for the current quote; the draft copies the quote's terms."""
        quote = quote or self.panel.selected_quote()
        if quote is None:
            return
        dialog = ContractDraftDialog(self.ctx, quote, parent=self)
        dialog.accepted.connect(lambda: self._contract_made(dialog.result_value))
        self.last_dialog = dialog
        dialog.open()

    def _contract_made(self, contract: Any) -> None:
        if contract is None:
            return
        self.banner.show_message(
            self.tr("Contract draft %1 made from the quote; it is in the Contracts tab.").replace(
                "%1", contract.contract_no
            ),
            error=False,
        )
