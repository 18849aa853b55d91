"""The pipeline board: one column per stage, cards dragged between columns to move a deal.

Why it is built this way: a column is a ``QListView`` over a small list model with a painting
delegate, not a stack of card widgets, so a column of 50 cards costs one widget and repaints fast.
A drop does **not** move the card: the model only announces ``drop_requested(id, stage)``; the tab
asks the service, and the board is redrawn from the database after a successful move. A refused
move therefore leaves the card exactly where it was, with no undo to get wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.pipeline_overview import Board, BoardColumn, OpportunityCard
from minesales_desktop.services.vocabulary import Currency, Stage
from minesales_desktop.ui import format as fmt

AnyIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-minesales-opportunity"
CARD_ROLE = Qt.ItemDataRole.UserRole
CURRENCY_SIGN = {Currency.CNY: "¥", Currency.USD: "$"}

#: a quiet colour per stage for the column's top edge; won green, lost grey
STAGE_COLORS: dict[Stage, str] = {
    Stage.LEAD: "#8aa4c8",
    Stage.QUALIFIED: "#5b8fd1",
    Stage.SAMPLE: "#4aa3a2",
    Stage.QUOTED: "#d8a23a",
    Stage.NEGOTIATION: "#d9793b",
    Stage.AWARDED: "#8c6bc8",
    Stage.WON: "#3c9a5f",
    Stage.LOST: "#9aa0a6",
}
STALE_DAYS = 30  # days in one stage after which the badge turns orange


def compact_money(value: Decimal, language: str) -> str:
    """A large amount short enough for a card or a column header, in the reader's habit:
    万/亿 in Chinese (¥5,322.3万, ¥6.91亿), M/B in English; smaller amounts in full."""
    size = abs(value)
    if language.lower().startswith("zh"):
        if size >= Decimal("1e8"):
            return f"{value / Decimal('1e8'):,.2f}亿"
        if size >= Decimal("1e5"):
            return f"{value / Decimal('1e4'):,.1f}万"
    else:
        if size >= Decimal("1e9"):
            return f"{value / Decimal('1e9'):,.2f}B"
        if size >= Decimal("1e6"):
            return f"{value / Decimal('1e6'):,.1f}M"
    return fmt.money(value, 0)


def money_by_currency(
    values: dict[Currency, Decimal], places: int = 0, language: str | None = None
) -> str:
    """Amounts per currency side by side (¥19,300,000 · $40,000), never added together.
    With ``language`` the amounts are compact (万/亿 or M/B)."""
    parts = [
        CURRENCY_SIGN.get(c, c.value)
        + (
            compact_money(values[c], language)
            if language is not None
            else fmt.money(values[c], places)
        )
        for c in (Currency.CNY, Currency.USD)
        if c in values
    ]
    return " · ".join(parts) if parts else "—"


def card_value(card: OpportunityCard, language: str | None = None) -> str:
    if card.estimated_value is None:
        return "—"
    amount = (
        compact_money(card.estimated_value, language)
        if language is not None
        else fmt.money(card.estimated_value, 0)
    )
    return f"{CURRENCY_SIGN.get(card.currency, '')}{amount}"


class CardListModel(QAbstractListModel):
    """The cards of one stage. Drag source and drop target; a drop only asks for a move."""

    drop_requested = Signal(str, object)  # opportunity id, target Stage

    def __init__(self, stage: Stage, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._cards: list[OpportunityCard] = []

    def set_cards(self, cards: Sequence[OpportunityCard]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    @property
    def cards(self) -> list[OpportunityCard]:
        return list(self._cards)

    def row_of(self, opportunity_id: str) -> int:
        return next((i for i, c in enumerate(self._cards) if c.id == opportunity_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._cards)):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.code} {card.customer_short}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.title
        if role == CARD_ROLE:
            return card
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- drag and drop -------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self._cards)]
        if rows:
            card = self._cards[rows[0]]
            payload = {"id": card.id, "stage": card.stage.value, "code": card.code}
            mime.setData(MIME_TYPE, json.dumps(payload).encode("utf-8"))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    @staticmethod
    def _payload(mime: QMimeData) -> dict[str, str] | None:
        if not mime.hasFormat(MIME_TYPE):
            return None
        try:
            data = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) and "id" in data else None

    def canDropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        payload = self._payload(data)
        return payload is not None and payload.get("stage") != self.stage.value

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        """Ask for the move and report "nothing dropped": the card stays until the database
        says the move happened (the board is then reloaded)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        payload = self._payload(data)
        if payload is None or payload.get("stage") == self.stage.value:
            return False
        self.drop_requested.emit(payload["id"], self.stage)
        return False


class CardDelegate(QStyledItemDelegate):
    """Paints a card: code and days in stage; customer; product and quantity; value, close
    date and owner. Overdue expected closes are red, long stays in a stage orange."""

    HEIGHT = 92

    def __init__(
        self,
        language: Callable[[], str],
        today: Callable[[], dt.date],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        return QSize(max(option.rect.width(), 160), self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, OpportunityCard):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor("#2f6fdd" if selected else "#d5dae1"), 2 if selected else 1))
        painter.setBrush(QColor("#eef4ff" if selected else "#ffffff"))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(
            QRect(rect.left() + 1, rect.top() + 6, 3, rect.height() - 12),
            QColor(STAGE_COLORS.get(card.stage, "#999")),
        )

        base = QFont(option.font)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 7.0))
        bold = QFont(base)
        bold.setBold(True)
        inner = rect.adjusted(10, 6, -8, -6)
        line = QFontMetrics(base).height() + 2
        top = inner.top()

        # 1: code … days in stage
        days = card.days_in_stage()
        closed = card.stage in (Stage.WON, Stage.LOST)
        if closed and card.closed_at is not None:
            badge = card.closed_at.astimezone().strftime("%m-%d")  # when it was decided
        else:
            badge = self.tr("%n d", "days in stage", days)
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        badge_w = small_metrics.horizontalAdvance(badge) + 10
        badge_rect = QRect(inner.right() - badge_w, top, badge_w, small_metrics.height() + 2)
        stale = days >= STALE_DAYS and card.stage not in (Stage.WON, Stage.LOST)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#fde8d4" if stale else "#eceff3"))
        painter.drawRoundedRect(badge_rect, 4, 4)
        painter.setPen(QColor("#a64b00" if stale else "#4a5563"))
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.setPen(QColor("#5f6b7a"))
        code_rect = QRect(inner.left(), top, inner.width() - badge_w - 6, line)
        painter.drawText(
            code_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(card.code, Qt.TextElideMode.ElideRight, code_rect.width()),
        )
        top += line

        # 2: customer
        painter.setFont(bold)
        painter.setPen(QColor("#1f2933"))
        bold_metrics = QFontMetrics(bold)
        painter.drawText(
            QRect(inner.left(), top, inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bold_metrics.elidedText(
                card.customer_short, Qt.TextElideMode.ElideRight, inner.width()
            ),
        )
        top += line

        # 3: product · quantity
        painter.setFont(base)
        metrics = QFontMetrics(base)
        painter.setPen(QColor("#4a5563"))
        what = card.product_name(self._language()) or self.tr("(no product)")
        if card.quantity is not None:
            what += f" · {fmt.quantity(card.quantity)} {card.quantity_unit.label()}"
        painter.drawText(
            QRect(inner.left(), top, inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(what, Qt.TextElideMode.ElideRight, inner.width()),
        )
        top += line

        # 4: value, expected close … owner (the owner gets what is left)
        value = card_value(card, self._language())
        value_w = min(bold_metrics.horizontalAdvance(value) + 2, inner.width())
        painter.setFont(bold)
        painter.setPen(QColor("#1f2933"))
        painter.drawText(
            QRect(inner.left(), top, value_w, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bold_metrics.elidedText(value, Qt.TextElideMode.ElideRight, value_w),
        )
        x = inner.left() + value_w + 6
        owner_full = metrics.horizontalAdvance(card.owner_name) + 2 if card.owner_name else 0
        if card.expected_close is not None and not closed:
            overdue = card.is_overdue(self._today())
            close = ("⚠" if overdue else "→") + card.expected_close.strftime("%m-%d")
            close_w = small_metrics.horizontalAdvance(close) + 2
            if x + close_w + 6 + owner_full <= inner.right():
                painter.setFont(small)
                painter.setPen(QColor("#b00020" if overdue else "#6b7785"))
                painter.drawText(
                    QRect(x, top, close_w, line),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    close,
                )
                x += close_w + 6
        owner_w = inner.right() - x
        if owner_w > 12 and card.owner_name:
            painter.setFont(base)
            painter.setPen(QColor("#6b7785"))
            painter.drawText(
                QRect(x, top, owner_w, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(card.owner_name, Qt.TextElideMode.ElideRight, owner_w),
            )
        painter.restore()


class BoardColumnWidget(QFrame):
    """One stage: a header with its count and weighted value, its cards and "+ k more"."""

    more_clicked = Signal(object)  # Stage

    def __init__(
        self,
        stage: Stage,
        delegate: CardDelegate,
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self._language = language
        self.setObjectName(f"column_{stage.value}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            f"#column_{stage.value} {{ background: #f3f5f8; border-radius: 8px;"
            f" border-top: 3px solid {STAGE_COLORS[stage]}; }}"
        )
        self.setMinimumWidth(178)
        self.title = QLabel()
        self.title.setObjectName(f"column_title_{stage.value}")
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.count = QLabel()
        self.count.setObjectName(f"column_count_{stage.value}")
        self.count.setStyleSheet(
            "background: #dfe4ea; color: #333; border-radius: 8px; padding: 0 7px;"
        )
        self.weighted = QLabel()
        self.weighted.setObjectName(f"column_weighted_{stage.value}")
        self.weighted.setStyleSheet("color: #4a5563;")
        self.weighted.setWordWrap(True)  # two currencies take two lines in a narrow column
        self.weighted.setFixedHeight(2 * self.weighted.fontMetrics().height() + 2)
        self.weighted.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.model = CardListModel(stage, self)
        self.view = QListView()
        self.view.setObjectName(f"column_view_{stage.value}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(delegate)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setStyleSheet(
            "QListView { background: transparent; }"
            " QScrollBar:vertical { width: 8px; background: transparent; margin: 0; }"
            " QScrollBar::handle:vertical { background: #c3cad3; border-radius: 4px;"
            " min-height: 24px; }"
            " QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            " QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical"
            " { background: transparent; }"
        )
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setUniformItemSizes(True)
        self.more = QPushButton()
        self.more.setObjectName(f"column_more_{stage.value}")
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setStyleSheet("QPushButton { color: #2f6fdd; text-align: left; }")
        self.more.clicked.connect(lambda: self.more_clicked.emit(self.stage))
        self.more.hide()

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.weighted)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        self.set_column(None)

    def set_column(self, column: BoardColumn | None, probability: Decimal | None = None) -> None:
        self.title.setText(self.stage.label())
        count = column.count if column is not None else 0
        self.count.setText(fmt.number(Decimal(count)))
        lang = self._language()
        if column is None or self.stage is Stage.LOST:
            text = self.tr("Value %1").replace(
                "%1", money_by_currency(column.value if column else {}, language=lang)
            )
        else:
            text = self.tr("Weighted %1").replace(
                "%1", money_by_currency(column.weighted, language=lang)
            )
        self.weighted.setText(text)
        if column is not None:
            self.weighted.setToolTip(
                self.tr("Estimated value %1\nWeighted by probability %2")
                .replace("%1", money_by_currency(column.value, 2))
                .replace("%2", money_by_currency(column.weighted, 2))
            )
        self.model.set_cards(column.cards if column is not None else ())
        more = column.more if column is not None else 0
        self.more.setText(
            self.tr("+ %1 more — show in list").replace("%1", fmt.number(Decimal(more)))
        )
        self.more.setVisible(more > 0)


class PipelineBoard(QWidget):
    """The board. Signals carry ids and stages; it never talks to the database itself."""

    move_requested = Signal(str, object)  # opportunity id, target Stage
    card_selected = Signal(object)  # OpportunityCard | None
    card_activated = Signal(object)  # OpportunityCard (double-click: edit)
    more_requested = Signal(object)  # Stage

    def __init__(
        self,
        stages: Sequence[Stage],
        language: Callable[[], str],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.delegate = CardDelegate(language, today, self)
        self.columns: dict[Stage, BoardColumnWidget] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        holder = QWidget()
        holder.setLayout(row)
        for stage in stages:
            column = BoardColumnWidget(stage, self.delegate, language)
            column.model.drop_requested.connect(self.move_requested)
            column.more_clicked.connect(self.more_requested)
            column.view.selectionModel().currentChanged.connect(
                lambda current, _previous, s=stage: self._current_changed(s, current)
            )
            column.view.doubleClicked.connect(
                lambda index: self.card_activated.emit(index.data(CARD_ROLE))
            )
            self.columns[stage] = column
            row.addWidget(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._selected: OpportunityCard | None = None

    def set_board(self, board: Board) -> None:
        """Show ``board``; the selected card stays selected if it is still shown."""
        keep = self._selected.id if self._selected is not None else None
        for column in board.columns:
            widget = self.columns.get(column.stage)
            if widget is not None:
                widget.set_column(column)
        self._selected = None
        if keep is not None:
            self.select(keep)

    def select(self, opportunity_id: str) -> bool:
        for column in self.columns.values():
            row = column.model.row_of(opportunity_id)
            if row >= 0:
                column.view.setCurrentIndex(column.model.index(row, 0))
                return True
        return False

    def selected_card(self) -> OpportunityCard | None:
        return self._selected

    def _current_changed(self, stage: Stage, current: QModelIndex) -> None:
        card = current.data(CARD_ROLE) if current.isValid() else None
        if card is None:
            return
        for other, column in self.columns.items():
            if other is not stage:
                column.view.selectionModel().clear()
        self._selected = card
        self.card_selected.emit(card)
