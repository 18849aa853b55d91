"""The customers tab's forms: customer, contact, reassign owner, and the quick log-a-visit dialog.

Every form saves through a service call on the database worker; a refusal comes back as field →
message and is shown under the field while the dialog stays open, so nothing typed is lost and
nothing half-written. Dialogs are opened with ``open()`` (window-modal, not a nested event loop),
so the GUI keeps painting while the worker saves and tests can drive them like a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import (
    ActivityDTO,
    ContactDTO,
    CustomerDTO,
    FollowUpDTO,
    activities,
    contacts,
    customers,
)
from minesales_desktop.services.errors import ServiceError, ValidationError
from minesales_desktop.services.people import UserDTO
from minesales_desktop.services.vocabulary import (
    ActivityKind,
    ActivityOutcome,
    CustomerStatus,
    CustomerTier,
    CustomerType,
    DecisionRole,
)
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.widgets.forms import ERROR_STYLE, Field, FormDialog, FormWidget

# What the customer form edits (owner_id is changed only by a recorded reassignment).
CUSTOMER_FIELDS = (
    "code", "name_zh", "name_en", "short_name", "uscc", "customer_type", "province", "city",
    "address", "port", "tier", "status", "website", "notes",
)  # fmt: skip
CONTACT_FIELDS = (
    "name", "title", "department", "decision_role", "phone", "mobile", "wechat", "email",
    "is_primary", "notes",
)  # fmt: skip
# A next action is due a week out unless the rep says otherwise: the usual call-back rhythm.
DEFAULT_NEXT_ACTION_DAYS = 7


# The bare name is what pyside6-lupdate extracts outside QObject methods.
translate = QCoreApplication.translate


def customer_fields() -> list[Field]:
    return [
        Field(
            "code",
            translate("CustomerDialog", "Code"),
            required=True,
            placeholder=translate("CustomerDialog", "e.g. C-HB-0001"),
        ),
        Field("name_zh", translate("CustomerDialog", "Name (Chinese)"), required=True),
        Field("name_en", translate("CustomerDialog", "Name (English)")),
        Field("short_name", translate("CustomerDialog", "Short name")),
        Field(
            "uscc",
            translate("CustomerDialog", "USCC"),
            placeholder=translate("CustomerDialog", "18 characters, e.g. 91150200114124953K"),
        ),
        Field(
            "customer_type",
            translate("CustomerDialog", "Customer type"),
            "choice",
            enum=CustomerType,
            required=True,
        ),
        Field("province", translate("CustomerDialog", "Province")),
        Field("city", translate("CustomerDialog", "City")),
        Field("address", translate("CustomerDialog", "Address")),
        Field("port", translate("CustomerDialog", "Discharge port")),
        Field(
            "tier", translate("CustomerDialog", "Tier"), "choice", enum=CustomerTier, required=True
        ),
        Field(
            "status",
            translate("CustomerDialog", "Status"),
            "choice",
            enum=CustomerStatus,
            required=True,
        ),
        Field("website", translate("CustomerDialog", "Website")),
        Field("notes", translate("CustomerDialog", "Notes"), "multiline"),
    ]


class CustomerDialog(FormDialog):
    """New customer, or edit one: ``customer`` is None for a new one."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        customer: CustomerDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.customer = customer
        if customer is None:
            title = translate("CustomerDialog", "New customer")
            values: dict[str, Any] = {
                "tier": CustomerTier.C,
                "status": CustomerStatus.PROSPECT,
            }

            def save(session: Any, form: dict[str, Any]) -> CustomerDTO:
                return customers.create(session, actor, form)

        else:
            title = translate("CustomerDialog", "Edit customer — {name}").format(
                name=customer.name_zh
            )
            values = {name: getattr(customer, name) for name in CUSTOMER_FIELDS}
            customer_id = customer.id

            def save(session: Any, form: dict[str, Any]) -> CustomerDTO:
                return customers.update(session, actor, customer_id, form)

        super().__init__(
            tasks, title, customer_fields(), save, writes=("customers",), values=values,
            parent=parent,
        )  # fmt: skip
        self.setObjectName("customer_dialog")
        self.resize(520, 640)


def contact_fields() -> list[Field]:
    return [
        Field("name", translate("ContactDialog", "Name"), required=True),
        Field("title", translate("ContactDialog", "Job title")),
        Field("department", translate("ContactDialog", "Department")),
        Field(
            "decision_role",
            translate("ContactDialog", "Decision role"),
            "choice",
            enum=DecisionRole,
            optional_choice=True,
        ),
        Field(
            "phone",
            translate("ContactDialog", "Phone"),
            placeholder=translate("ContactDialog", "e.g. 0472-2181234"),
        ),
        Field(
            "mobile",
            translate("ContactDialog", "Mobile"),
            placeholder=translate("ContactDialog", "e.g. 13904721234"),
        ),
        Field("wechat", translate("ContactDialog", "WeChat")),
        Field("email", translate("ContactDialog", "Email")),
        Field("is_primary", translate("ContactDialog", "Primary contact"), "bool"),
        Field("notes", translate("ContactDialog", "Notes"), "multiline"),
    ]


class ContactDialog(FormDialog):
    """New contact of a customer, or edit one."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        customer: CustomerDTO,
        contact: ContactDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        customer_id = customer.id
        if contact is None:
            title = translate("ContactDialog", "New contact — {name}").format(name=customer.name_zh)
            values: dict[str, Any] = {}

            def save(session: Any, form: dict[str, Any]) -> ContactDTO:
                return contacts.create(session, actor, {**form, "customer_id": customer_id})

        else:
            title = translate("ContactDialog", "Edit contact — {name}").format(name=contact.name)
            values = {name: getattr(contact, name) for name in CONTACT_FIELDS}
            contact_id = contact.id

            def save(session: Any, form: dict[str, Any]) -> ContactDTO:
                return contacts.update(session, actor, contact_id, form)

        super().__init__(
            tasks, title, contact_fields(), save, writes=("contacts",), values=values,
            parent=parent,
        )  # fmt: skip
        self.setObjectName("contact_dialog")


class ReassignDialog(FormDialog):
    """Give a customer to another rep (managers only); the reason goes into the history."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        customer: CustomerDTO,
        users: Sequence[UserDTO],
        parent: QWidget | None = None,
    ) -> None:
        choices = [(u.id, f"{u.full_name} ({u.login})") for u in users if u.active]
        fields = [
            Field("current", translate("ReassignDialog", "Current owner"), read_only=True),
            Field(
                "owner_id",
                translate("ReassignDialog", "New owner"),
                "choice",
                choices=choices,
                required=True,
            ),
            Field("reason", translate("ReassignDialog", "Reason"), "multiline", required=True),
        ]
        customer_id = customer.id
        reason_needed = translate(
            "ReassignDialog", "Give a reason; it is kept in the customer's history."
        )

        def save(session: Any, form: dict[str, Any]) -> CustomerDTO:
            if not form.get("reason"):
                raise ValidationError({"reason": reason_needed})
            return customers.reassign(session, actor, customer_id, form["owner_id"], form["reason"])

        super().__init__(
            tasks,
            translate("ReassignDialog", "Reassign owner — {name}").format(name=customer.name_zh),
            fields,
            save,
            writes=("customers",),
            values={"current": customer.owner_name, "owner_id": customer.owner_id},
            parent=parent,
        )
        self.setObjectName("reassign_dialog")


class LogActivityDialog(QDialog):
    """Log a visit or call in two clicks: opened on the selected customer with a default kind,
    everything optional but the kind; the subject defaults to the kind's name.

    An optional next action with a date becomes the customer's new follow-up plan (the service
    does that), and when opened from a plan, saving marks that plan done.
    """

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        customer_id: str,
        customer_name: str,
        *,
        kind: ActivityKind = ActivityKind.VISIT,
        plan: FollowUpDTO | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("log_activity_dialog")
        self.setWindowTitle(self.tr("Log a visit or call — {name}").format(name=customer_name))
        self.setMinimumWidth(480)
        self._tasks = tasks
        self._actor = actor
        self._customer_id = customer_id
        self._plan = plan
        self.result_value: ActivityDTO | None = None
        today = today or dt.date.today()

        self.banner = QLabel()
        self.banner.setObjectName("form_banner")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        heading = QLabel(customer_name)
        heading.setObjectName("log_customer")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)

        self.form = FormWidget(
            [
                Field("kind", self.tr("Kind"), "choice", enum=ActivityKind, required=True),
                Field("occurred_at", self.tr("When"), "datetime", required=True),
                Field("contact_id", self.tr("Contact"), "choice", choices=[], optional_choice=True),
                Field(
                    "subject",
                    self.tr("Subject"),
                    placeholder=self.tr("Optional — the kind is used when left empty"),
                ),
                Field(
                    "outcome",
                    self.tr("Outcome"),
                    "choice",
                    enum=ActivityOutcome,
                    optional_choice=True,
                ),  # fmt: skip
                Field("notes", self.tr("Notes"), "multiline"),
            ]
        )
        self.form.set_values({"kind": plan.kind if plan else kind})
        if plan is not None:
            self.form.set_values({"subject": plan.action})
        self.next_box = QGroupBox(self.tr("Next action (becomes a follow-up plan)"))
        self.next_box.setObjectName("next_action_box")
        self.next_box.setCheckable(True)
        self.next_box.setChecked(False)
        self.next_form = FormWidget(
            [
                Field("next_action", self.tr("Next action")),
                Field("next_action_date", self.tr("Due date"), "date"),
            ]
        )
        self.next_form.set_values(
            {"next_action_date": today + dt.timedelta(days=DEFAULT_NEXT_ACTION_DAYS)}
        )
        box_layout = QVBoxLayout(self.next_box)
        box_layout.setContentsMargins(6, 6, 6, 6)
        box_layout.addWidget(self.next_form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if plan is not None:
            done = QLabel(
                self.tr("Saving marks the follow-up plan “{action}” (due {due}) done.").format(
                    action=plan.action, due=plan.due_date.isoformat()
                )
            )
            done.setObjectName("completes_plan")
            done.setWordWrap(True)
            layout.addWidget(done)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.next_box)
        layout.addWidget(self.buttons)
        self.form.editors["subject"].widget.setFocus()
        self._load_contacts()

    @property
    def contact_combo(self) -> QComboBox:
        widget = self.form.editors["contact_id"].widget
        assert isinstance(widget, QComboBox)
        return widget

    def _load_contacts(self) -> None:
        customer_id = self._customer_id

        def done(found: Any) -> None:
            combo = self.contact_combo
            for contact in found.items:
                label = contact.name + (f" · {contact.title}" if contact.title else "")
                combo.addItem(label, contact.id)

        self._tasks.run(
            lambda s: contacts.list(
                s, PageRequest(limit=200, sort="name"), customer_id=customer_id
            ),
            done,
            label="contacts for activity",
        )

    def values(self) -> dict[str, Any]:
        values = self.form.values()
        kind = values.get("kind")  # a combo hands back the code: str-enums travel as text
        if not values.get("subject") and kind in set(ActivityKind):
            values["subject"] = ActivityKind(kind).label()
        values["customer_id"] = self._customer_id
        if self.next_box.isChecked():
            values.update(self.next_form.values())
        return values

    def submit(self) -> None:
        values = self.values()
        plan_id = self._plan.id if self._plan is not None else None
        actor = self._actor
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda s: activities.log(s, actor, values, complete_plan_id=plan_id),
            self._saved,
            self._refused,
            writes=("activities", "follow_ups"),
            label="log activity",
        )

    def _saved(self, result: ActivityDTO) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.errors)
            self.next_form.show_errors(exc.errors)
            placed = set(self.form.editors) | set(self.next_form.editors)
            unplaced = [m for k, m in exc.errors.items() if k not in placed]
            self.banner.setText("\n".join(unplaced))
            self.banner.setVisible(bool(unplaced))
        elif isinstance(exc, ServiceError):
            self.banner.setText(str(exc))
            self.banner.show()
        else:
            raise exc
