"""Loading translations: the app's own ``.qm`` (compiled from ``resources/translations/*.ts``)
and Qt's (so the buttons of Qt's own dialogs speak Chinese too).

The source language is English. ``.qm`` files are build products: ``compile_translations()``
runs ``pyside6-lrelease`` and is called by ``dev.sh`` and ``build_installer.py``; the app also
compiles a missing or stale ``.qm`` at start-up when lrelease is available (a development
checkout), so nothing binary is committed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from minesales_desktop.messages import set_language, set_translator

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "resources" / "translations"
_installed: list[QTranslator] = []


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).parent / "pyside6-lrelease"
    return str(candidate) if candidate.exists() else None


def compile_translations(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every ``.ts`` whose ``.qm`` is missing or older; returns the ``.qm`` files."""
    tool = _lrelease()
    out: list[Path] = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if tool and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        if qm.exists():
            out.append(qm)
    return out


def install_language(app: QCoreApplication, language: str) -> str:
    """Switch the running app to ``language`` (zh_CN or en); returns the language in force."""
    if language not in LANGUAGES:
        language = "en"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        try:
            compile_translations()
        except (OSError, subprocess.CalledProcessError):
            log.warning("could not compile translations", exc_info=True)
        own = QTranslator(app)
        if own.load(str(TRANSLATIONS_DIR / f"minesales_{language}.qm")):
            app.installTranslator(own)
            _installed.append(own)
        else:
            log.warning("no compiled translation for %s in %s", language, TRANSLATIONS_DIR)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English,
            QLocale.Country.China if language == "zh_CN" else QLocale.Country.UnitedStates,
        )
    )
    set_language(language)
    set_translator(QCoreApplication.translate)
    return language
