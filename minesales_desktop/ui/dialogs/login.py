"""Sign-in (offline, against the argon2 hash on this laptop) and the first-start admin form."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop import APP_NAME_ZH
from minesales_desktop.services.auth import Actor, sign_in
from minesales_desktop.services.errors import ServiceError
from minesales_desktop.services.people import bootstrap_admin
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.widgets.forms import ERROR_STYLE


class LoginDialog(QDialog):
    def __init__(
        self, tasks: TaskManager, database: str, last_login: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in — %1").replace("%1", APP_NAME_ZH))
        self._tasks = tasks
        self.actor: Actor | None = None
        self.login = QLineEdit(last_login)
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("login_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Password"), self.password)
        info = QLabel(self.tr("Database: %1").replace("%1", database))
        info.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if last_login else self.login).setFocus()

    def submit(self) -> None:
        login, password = self.login.text(), self.password.text()
        self.buttons.setEnabled(False)
        self._tasks.run(lambda s: sign_in(s, login, password), self._ok, self._refused)

    def _ok(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ServiceError):
            raise exc
        self.message.setText(str(exc))
        self.message.show()
        self.password.selectAll()
        self.password.setFocus()


class FirstRunDialog(QDialog):
    """A new database has no users: create the administrator who will add everyone else."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create the administrator"))
        self._tasks = tasks
        self.created_login = ""
        self.login = QLineEdit("admin")
        self.login.setObjectName("login")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("first_run_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        intro = QLabel(
            self.tr(
                "This database is new. Create the administrator account; the administrator "
                "then adds the sales team."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self._show(self.tr("The two passwords differ."))
            return
        login = self.login.text().strip()
        name = self.full_name.text().strip() or login
        password = self.password.text()
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda s: bootstrap_admin(s, login, name, password),
            self._ok,
            self._refused,
            writes=("users",),
        )

    def _ok(self, user: Any) -> None:
        self.buttons.setEnabled(True)
        self.created_login = user.login
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ServiceError):
            raise exc
        errors = getattr(exc, "errors", None)
        self._show("\n".join(errors.values()) if errors else str(exc))

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
