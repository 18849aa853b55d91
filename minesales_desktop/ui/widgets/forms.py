"""Forms whose validation messages appear next to the field they are about.

A ``FormDialog`` is declared as a list of ``Field``s. Saving hands the values to a service call on
the database worker; a ``ValidationError`` comes back as field → message and each message is shown
in red under its field, the dialog stays open and nothing was written. Any other refusal
(``ServiceError``) is shown at the top of the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.errors import ServiceError, ValidationError
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.format import display

ERROR_STYLE = "color: #b00020;"


@dataclass
class Field:
    """One input. ``kind``: text, multiline, decimal, int, date, datetime, bool, choice.
    ``choices`` are (value, label) pairs for ``choice``; an ``Enum`` class may be given instead."""

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[Any, str]] | None = None
    enum: type[Enum] | None = None
    required: bool = False
    placeholder: str = ""
    optional_choice: bool = False
    read_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class FieldEditor:
    """Wraps the widget of one field: read and write Python values, show an error."""

    def __init__(self, spec: Field) -> None:
        self.spec = spec
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.widget = self._make()
        self.widget.setObjectName(f"field_{spec.name}")
        self.error.setObjectName(f"error_{spec.name}")
        if spec.read_only:
            self.widget.setEnabled(False)

    def _make(self) -> QWidget:
        s = self.spec
        if s.kind == "multiline":
            w = QPlainTextEdit()
            w.setPlaceholderText(s.placeholder)
            w.setMaximumHeight(90)
            return w
        if s.kind == "choice":
            combo = QComboBox()
            if s.optional_choice:
                combo.addItem("", None)
            pairs = s.choices
            if pairs is None and s.enum is not None:
                pairs = [(m, display(m)) for m in s.enum]
            for value, label in pairs or []:
                combo.addItem(label, value)
            return combo
        if s.kind == "date":
            d = QDateEdit()
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setSpecialValueText(" ")
            d.setMinimumDate(QDate(1900, 1, 1))
            d.setDate(QDate.currentDate())
            return d
        if s.kind == "datetime":
            d2 = QDateTimeEdit()
            d2.setCalendarPopup(True)
            d2.setDisplayFormat("yyyy-MM-dd HH:mm")
            d2.setDateTime(QDateTime.currentDateTime())
            return d2
        if s.kind == "bool":
            return QCheckBox()
        if s.kind == "int":
            spin = QSpinBox()
            spin.setRange(s.extra.get("min", 0), s.extra.get("max", 1_000_000))
            return spin
        line = QLineEdit()
        line.setPlaceholderText(s.placeholder)
        if s.kind == "decimal":
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        return line

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip() or None
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
            qdt = w.dateTime().toTimeZone(QTimeZone.utc())
            d, t = qdt.date(), qdt.time()
            return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=dt.UTC)
        if isinstance(w, QDateEdit):
            d = w.date()
            if w.specialValueText().strip() == "" and d == w.minimumDate():
                return None
            return dt.date(d.year(), d.month(), d.day())
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        assert isinstance(w, QLineEdit)
        text = w.text().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                if w.itemData(i) == value:
                    w.setCurrentIndex(i)
                    return
        elif isinstance(w, QDateTimeEdit) and not isinstance(w, QDateEdit):
            if isinstance(value, dt.datetime):
                local = value.astimezone()
                w.setDateTime(
                    QDateTime(
                        QDate(local.year, local.month, local.day),
                        QTime(local.hour, local.minute),
                    )
                )
        elif isinstance(w, QDateEdit):
            if value is None:
                w.setDate(w.minimumDate())
            else:
                w.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value or 0))
        elif isinstance(w, QLineEdit):
            if isinstance(value, Decimal):
                w.setText(format(value.normalize(), "f") if value == value else "")
            else:
                w.setText("" if value is None else str(value))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class FormWidget(QWidget):
    """The fields of a form laid out with their error labels; reusable inside other screens."""

    def __init__(self, fields: Sequence[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in fields:
            editor = FieldEditor(spec)
            self.editors[spec.name] = editor
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(2)
            inner.addWidget(editor.widget)
            inner.addWidget(editor.error)
            label = spec.label + (" *" if spec.required else "")
            layout.addRow(label, box)

    def values(self) -> dict[str, Any]:
        return {n: e.value() for n, e in self.editors.items() if not e.spec.read_only}

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Show each message under its field; returns messages about fields not on the form."""
        unplaced: list[str] = []
        for name, editor in self.editors.items():
            editor.show_error(errors.get(name))
        for name, message in errors.items():
            if name not in self.editors:
                unplaced.append(message)
        return unplaced


class FormDialog(QDialog):
    """A modal form that saves through a service call and stays open on refusal."""

    def __init__(
        self,
        tasks: TaskManager,
        title: str,
        fields: Sequence[Field],
        save: Callable[[Any, dict[str, Any]], Any],
        *,
        writes: Sequence[str],
        values: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._tasks = tasks
        self._save = save
        self._writes = tuple(writes)
        self.result_value: Any = None
        self.banner = QLabel()
        self.banner.setObjectName("form_banner")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.form = FormWidget(fields)
        if values:
            self.form.set_values(values)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        values = self.form.values()
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda session: self._save(session, values),
            self._saved,
            self._refused,
            writes=self._writes,
            label=self.windowTitle(),
        )

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            rest = self.form.show_errors(exc.errors)
            self.banner.setText("\n".join(rest))
            self.banner.setVisible(bool(rest))
        elif isinstance(exc, ServiceError):
            self.form.show_errors({})
            self.banner.setText(str(exc))
            self.banner.show()
        else:
            raise exc
