"""The team screen's forms: a training, its attendance sheet, a meeting, an action item, a
suggestion and a manager's answer to it.

The single-record forms are ``FormDialog``s: one ``services.team`` call on the database worker,
validation messages under their fields, any other refusal at the top, nothing written on refusal.

The attendance sheet is a small table editor (one row per person: attended, hours, exam score).
Saving records every changed row in one transaction; if the service refuses any row, the whole
save is rolled back and each refusal is shown in its row, next to the cell it is about — so a
sheet is never half written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.auth import Actor
from minesales_desktop.services.errors import PermissionDenied, ServiceError, ValidationError
from minesales_desktop.services.team import action_items, attendance, feedback, meetings, trainings
from minesales_desktop.services.team_overview import (
    AttendanceSheet,
    FeedbackRow,
    MeetingRow,
    PersonChoice,
    SheetLine,
    TeamChoices,
    TrainingRow,
)
from minesales_desktop.services.vocabulary import FeedbackCategory, MeetingKind, TrainingKind
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.widgets.forms import ERROR_STYLE, Field, FormDialog

AnyIndex = QModelIndex | QPersistentModelIndex

# What each write changes, by the services' ``kind`` names (the performance tab reads training
# hours for the TRAINING_HOURS KPI, so attendance is announced too).
TRAINING_WRITES = ("trainings",)
ATTENDANCE_WRITES = ("training_attendance",)
MEETING_WRITES = ("meetings",)
ACTION_ITEM_WRITES = ("meeting_action_items",)
FEEDBACK_WRITES = ("feedback",)

ERROR_BACKGROUND = QColor("#f8d7da")
READ_ONLY_BACKGROUND = QColor("#f0f0f0")


def _fit(dialog: FormDialog, width: int) -> None:
    """Open tall enough to show every field without scrolling, with room for a banner."""
    height = dialog.form.sizeHint().height() + dialog.buttons.sizeHint().height() + 72
    dialog.resize(width, min(height, 760))


def _heading(dialog: FormDialog, text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    layout = dialog.form.layout()
    assert isinstance(layout, QFormLayout)
    layout.insertRow(0, label)
    return label


# --- training -----------------------------------------------------------------------------------
class TrainingDialog(FormDialog):
    """Record a training, or change one (its organiser and their manager)."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        training: TrainingRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            Field("title", self.tr("Title"), required=True),
            Field("kind", self.tr("Internal / external"), "choice", enum=TrainingKind),
            Field("provider", self.tr("Provider"), placeholder=self.tr("Trainer or institution")),
            Field("held_on", self.tr("Date"), "date", required=True),
            Field("hours", self.tr("Hours"), "decimal", required=True, placeholder="6"),
            Field("description", self.tr("Description"), "multiline"),
        ]
        values: dict[str, Any] = {"kind": TrainingKind.INTERNAL}
        if training is not None:
            values = {
                "title": training.title,
                "kind": training.kind,
                "provider": training.provider,
                "held_on": training.held_on,
                "hours": training.hours,
                "description": training.description,
            }
            training_id = training.id

            def save(session: Any, v: dict[str, Any]) -> Any:
                return trainings.update(session, actor, training_id, v)

        else:

            def save(session: Any, v: dict[str, Any]) -> Any:
                return trainings.create(session, actor, v)

        super().__init__(
            tasks,
            self.tr("Edit training") if training is not None else self.tr("New training"),
            fields,
            save,
            writes=TRAINING_WRITES,
            values=values,
            parent=parent,
        )
        self.setObjectName("training_dialog")
        _fit(self, 480)


class SheetRefused(ServiceError):
    """Some rows of an attendance sheet were refused: user id → field → message."""

    def __init__(self, errors: Mapping[str, Mapping[str, str]]) -> None:
        self.errors = {user: dict(fields) for user, fields in errors.items()}
        super().__init__("; ".join(f"{u}: {f}" for u, f in self.errors.items()))


@dataclass
class SheetEntry:
    """One editable row of the attendance sheet (text as typed, so a refusal can be shown)."""

    line: SheetLine
    attended: bool
    hours: str
    exam_score: str
    changed: bool = False
    errors: dict[str, str] | None = None


def record_sheet(
    session: Any, actor: Actor, training_id: str, entries: Sequence[tuple[str, bool, str, str]]
) -> int:
    """Record every (user, attended, hours, exam score) in one transaction, or none of them:
    each refused row is collected, and ``SheetRefused`` rolls the whole save back."""
    errors: dict[str, dict[str, str]] = {}
    for user_id, attended, hours, score in entries:
        try:
            attendance.record(
                session,
                actor,
                training_id,
                user_id,
                hours=hours or None,
                exam_score=score or None,
                attended=attended,
            )
        except ValidationError as exc:
            errors[user_id] = exc.errors
        except PermissionDenied as exc:
            errors[user_id] = {"user_id": str(exc)}
    if errors:
        raise SheetRefused(errors)
    return len(entries)


def _decimal_text(value: Any) -> str:
    return "" if value is None else format(value.normalize(), "f")


class AttendanceModel(QAbstractTableModel):
    """The sheet's rows: person, attended (a check box), hours, exam score, and a note column
    that says what the service refused in that row."""

    PERSON, ATTENDED, HOURS, SCORE, NOTE = range(5)

    def __init__(self, lines: Sequence[SheetLine], parent: Any = None) -> None:
        super().__init__(parent)
        self.entries = [
            SheetEntry(
                line=line,
                attended=line.attended,
                hours=_decimal_text(line.hours) if line.recorded else "",
                exam_score=_decimal_text(line.exam_score),
            )
            for line in lines
        ]
        self._headers = [
            self.tr("Person"),
            self.tr("Attended"),
            self.tr("Hours"),
            self.tr("Exam score"),
            self.tr("Note"),
        ]
        self.field_of_column = {
            self.ATTENDED: "attended",
            self.HOURS: "hours",
            self.SCORE: "exam_score",
            self.PERSON: "user_id",
        }

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.entries):
            return section + 1
        return None

    def _note(self, entry: SheetEntry) -> str:
        if entry.errors:
            return " ".join(entry.errors.values())
        if not entry.line.may_record:
            return self.tr("Only the organiser, a manager or the attendee can record this.")
        if entry.changed:
            return self.tr("changed — not saved yet")
        return "" if entry.line.recorded else self.tr("not recorded")

    def _error(self, entry: SheetEntry, column: int) -> str | None:
        if not entry.errors:
            return None
        name = self.field_of_column.get(column)
        return entry.errors.get(name) if name else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self.entries[index.row()]
        if not entry.line.may_record:
            return base
        if index.column() == self.ATTENDED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.SCORE or (index.column() == self.HOURS and entry.attended):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.PERSON:
                return entry.line.user_name
            if column == self.HOURS:
                return entry.hours
            if column == self.SCORE:
                return entry.exam_score
            if column == self.NOTE and role == Qt.ItemDataRole.DisplayRole:
                return self._note(entry)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ATTENDED:
            return Qt.CheckState.Checked if entry.attended else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._error(entry, column) or (
                self._note(entry) if column == self.NOTE else None
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._error(entry, column) or (column == self.NOTE and entry.errors):
                return QBrush(ERROR_BACKGROUND)
            if not entry.line.may_record:
                return QBrush(READ_ONLY_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NOTE and entry.errors:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.HOURS, self.SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(  # noqa: N802
        self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or not (self.flags(index) & ~Qt.ItemFlag.ItemIsSelectable):
            return False
        entry = self.entries[index.row()]
        if not entry.line.may_record:
            return False
        column = index.column()
        if column == self.ATTENDED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            entry.attended = checked
            # someone absent has no hours; leaving it blank lets the service credit the whole
            # training to someone who attended
            entry.hours = ""
        elif column == self.HOURS and role == Qt.ItemDataRole.EditRole and entry.attended:
            entry.hours = str(value or "").strip()
        elif column == self.SCORE and role == Qt.ItemDataRole.EditRole:
            entry.exam_score = str(value or "").strip()
        else:
            return False
        entry.changed = True
        entry.errors = None
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.NOTE))
        return True

    def changed_entries(self) -> list[tuple[str, bool, str, str]]:
        return [
            (e.line.user_id, e.attended, e.hours, e.exam_score)
            for e in self.entries
            if e.changed and e.line.may_record
        ]

    def show_errors(self, errors: Mapping[str, Mapping[str, str]]) -> None:
        for entry in self.entries:
            found = errors.get(entry.line.user_id)
            entry.errors = dict(found) if found else None
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, self.NOTE))

    def row_of(self, user_id: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.line.user_id == user_id), -1)


class AttendanceDialog(QDialog):
    """Record who attended a training, for how many hours, and their exam score."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        sheet: AttendanceSheet,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendance_dialog")
        self.setWindowTitle(self.tr("Record attendance"))
        self._tasks = tasks
        self._actor = actor
        self._training_id = sheet.training.id
        self.result_value: Any = None
        t = sheet.training
        heading = QLabel(
            f"{t.title} · {t.kind.label()} · {fmt.date(t.held_on)} · "
            + self.tr("%1 h").replace("%1", fmt.number(t.hours))
        )
        heading.setObjectName("attendance_heading")
        heading.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Tick who attended. Leave the hours blank to credit the whole training "
                "(at most %1 h); exam scores are 0–100."
            ).replace("%1", fmt.number(t.hours))
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.banner = QLabel()
        self.banner.setObjectName("attendance_banner")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.model = AttendanceModel(sheet.lines, self)
        table = QTableView()
        table.setObjectName("attendance_table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        table.resizeColumnsToContents()
        for column in (AttendanceModel.HOURS, AttendanceModel.SCORE):
            header.resizeSection(column, max(header.sectionSize(column), 90))
        header.setSectionResizeMode(AttendanceModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.table = table
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addWidget(table, 1)
        layout.addWidget(self.buttons)
        rows = max(len(sheet.lines), 3)
        self.resize(680, min(200 + rows * 30, 640))

    def submit(self) -> None:
        entries = self.model.changed_entries()
        if not entries:
            self.accept()
            return
        actor, training_id = self._actor, self._training_id
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda session: record_sheet(session, actor, training_id, entries),
            self._saved,
            self._refused,
            writes=ATTENDANCE_WRITES,
            label="record attendance",
        )

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, SheetRefused):
            self.model.show_errors(exc.errors)
            self.table.clearSelection()  # so the red cells show
            self.banner.setText(self.tr("Nothing was saved: correct the rows marked in red."))
            self.banner.show()
        elif isinstance(exc, ServiceError):
            self.banner.setText(str(exc))
            self.banner.show()
        else:
            raise exc


# --- meetings -----------------------------------------------------------------------------------
def _people_choices(people: Sequence[PersonChoice]) -> list[tuple[str, str]]:
    return [(p.id, p.full_name) for p in people]


class MeetingDialog(FormDialog):
    """A team meeting (with the team) or a one-to-one (with the person), with its minutes."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        choices: TeamChoices,
        meeting: MeetingRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        others = [p for p in choices.people if p.id != actor.user_id]
        fields = [
            Field("kind", self.tr("Kind"), "choice", enum=MeetingKind, required=True),
            Field("title", self.tr("Title"), required=True),
            Field("held_at", self.tr("Held at"), "datetime", required=True),
            Field(
                "team_id",
                self.tr("Team"),
                "choice",
                choices=[(t.id, t.name) for t in choices.teams],
                optional_choice=True,
            ),
            Field(
                "with_user_id",
                self.tr("With"),
                "choice",
                choices=_people_choices(others),
                optional_choice=True,
            ),
            Field("minutes", self.tr("Minutes"), "multiline"),
        ]
        values: dict[str, Any] = {"kind": MeetingKind.TEAM, "team_id": actor.team_id}
        if meeting is not None:
            values = {
                "kind": meeting.kind,
                "title": meeting.title,
                "held_at": meeting.held_at,
                "team_id": meeting.team_id,
                "with_user_id": meeting.with_user_id,
                "minutes": meeting.minutes,
            }
            meeting_id = meeting.id

            def save(session: Any, v: dict[str, Any]) -> Any:
                return meetings.update(session, actor, meeting_id, MeetingDialog._clean(v))

        else:

            def save(session: Any, v: dict[str, Any]) -> Any:
                return meetings.create(session, actor, MeetingDialog._clean(v))

        super().__init__(
            tasks,
            self.tr("Edit meeting") if meeting is not None else self.tr("New meeting"),
            fields,
            save,
            writes=MEETING_WRITES,
            values=values,
            parent=parent,
        )
        self.setObjectName("meeting_dialog")
        minutes = self.form.editors["minutes"].widget
        minutes.setMaximumHeight(16777215)
        minutes.setMinimumHeight(120)
        kind_combo = self.form.editors["kind"].widget
        assert isinstance(kind_combo, QComboBox)
        kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        _fit(self, 520)

    @staticmethod
    def _clean(values: dict[str, Any]) -> dict[str, Any]:
        """A team meeting is not with one person, a one-to-one not with a team."""
        kind = MeetingKind(values["kind"]) if values.get("kind") else None
        if kind is MeetingKind.TEAM:
            values["with_user_id"] = None
        elif kind is MeetingKind.ONE_TO_ONE:
            values["team_id"] = None
        return values

    def _kind_changed(self) -> None:
        data = self.form.editors["kind"].value()
        kind = MeetingKind(data) if data else None
        layout = self.form.layout()
        assert isinstance(layout, QFormLayout)
        for name, shown in (
            ("team_id", kind is not MeetingKind.ONE_TO_ONE),
            ("with_user_id", kind is not MeetingKind.TEAM),
        ):
            widget = self.form.editors[name].widget
            for row in range(layout.rowCount()):
                item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                box = item.widget() if item is not None else None
                if box is not None and box.isAncestorOf(widget):
                    layout.setRowVisible(row, shown)


class ActionItemDialog(FormDialog):
    """What the meeting decided someone will do, and by when."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        meeting: MeetingRow,
        people: Sequence[PersonChoice],
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            Field("description", self.tr("Action"), "multiline", required=True),
            Field(
                "assignee_id",
                self.tr("Assignee"),
                "choice",
                choices=_people_choices(people),
                optional_choice=True,
            ),
            Field("due_on", self.tr("Due date"), "date"),
        ]
        meeting_id = meeting.id
        super().__init__(
            tasks,
            self.tr("New action item"),
            fields,
            lambda session, v: action_items.create(session, actor, {**v, "meeting_id": meeting_id}),
            writes=ACTION_ITEM_WRITES,
            values={"due_on": meeting.held_at.astimezone().date()},
            parent=parent,
        )
        self.setObjectName("action_item_dialog")
        _heading(self, f"{meeting.title} · {fmt.date(meeting.held_at)}", "action_item_heading")
        _fit(self, 480)


# --- the suggestion box ---------------------------------------------------------------------------
class FeedbackDialog(FormDialog):
    """Drop a suggestion in the box (or change one's own while nobody has picked it up)."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        item: FeedbackRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            Field("category", self.tr("Category"), "choice", enum=FeedbackCategory, required=True),
            Field("title", self.tr("Title"), required=True),
            Field(
                "content",
                self.tr("Suggestion"),
                "multiline",
                required=True,
                placeholder=self.tr("What should change, and why?"),
            ),
        ]
        values: dict[str, Any] = {"category": FeedbackCategory.OTHER}
        if item is not None:
            values = {"category": item.category, "title": item.title, "content": item.content}
            item_id = item.id

            def save(session: Any, v: dict[str, Any]) -> Any:
                return feedback.update(session, actor, item_id, v)

        else:

            def save(session: Any, v: dict[str, Any]) -> Any:
                return feedback.submit(session, actor, v)

        super().__init__(
            tasks,
            self.tr("Edit suggestion") if item is not None else self.tr("New suggestion"),
            fields,
            save,
            writes=FEEDBACK_WRITES,
            values=values,
            parent=parent,
        )
        self.setObjectName("feedback_dialog")
        content = self.form.editors["content"].widget
        content.setMaximumHeight(16777215)
        content.setMinimumHeight(120)
        _fit(self, 520)


class AnswerDialog(FormDialog):
    """A manager accepts or declines a suggestion under review; the author reads the answer."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        item: FeedbackRow,
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            Field(
                "accepted",
                self.tr("Decision"),
                "choice",
                choices=[(True, self.tr("Accept")), (False, self.tr("Decline"))],
                optional_choice=True,
                required=True,
            ),
            Field(
                "answer",
                self.tr("Answer to the author"),
                "multiline",
                required=True,
                placeholder=self.tr("What will be done, or why not"),
            ),
        ]
        item_id = item.id
        undecided = self.tr("Accept or decline.")

        def save(session: Any, v: dict[str, Any]) -> Any:
            if v.get("accepted") is None:
                raise ValidationError({"accepted": undecided})
            return feedback.answer(session, actor, item_id, bool(v["accepted"]), v["answer"] or "")

        super().__init__(
            tasks,
            self.tr("Answer suggestion"),
            fields,
            save,
            writes=FEEDBACK_WRITES,
            parent=parent,
        )
        self.setObjectName("answer_dialog")
        author = item.author_name or "—"
        _heading(
            self,
            f"{item.title} · {item.category.label()} · {author}\n{item.content}",
            "answer_heading",
        )
        _fit(self, 540)
