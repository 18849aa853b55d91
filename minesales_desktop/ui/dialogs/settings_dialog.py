"""Settings: the language (applied at once, remembered) and the company name printed on
appraisal sheets and reports."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.settings import COMPANY_NAME, LANGUAGE, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.language = language
        self.language_box = QComboBox()
        self.language_box.setObjectName("language")
        self.language_box.addItem("简体中文", "zh_CN")
        self.language_box.addItem("English", "en")
        self.language_box.setCurrentIndex(0 if language == "zh_CN" else 1)
        self.company = QLineEdit(settings.get(COMPANY_NAME))
        self.company.setObjectName("company")
        self.company.setPlaceholderText(self.tr("Printed on appraisal sheets and reports"))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Company name"), self.company)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.language = str(self.language_box.currentData())
        self._settings.set(LANGUAGE, self.language)
        self._settings.set(COMPANY_NAME, self.company.text().strip())
        self.accept()
