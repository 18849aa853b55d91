"""Loading translations: the app's own ``.qm`` (compiled from ``resources/translations/*.ts``)
and Qt's (so the buttons of Qt's own dialogs speak Chinese too).

The source language is English. ``.qm`` files are build products: ``compile_translations()``
runs ``pyside6-lrelease`` and is called by ``dev.sh`` and ``build_installer.py``; the app also
compiles a missing or stale ``.qm`` at start-up when lrelease is available (a development
checkout), so nothing binary is committed.

``update_sources()`` (``python -m minesales_desktop.i18n update``) re-extracts the strings into the
``.ts`` files with ``pyside6-lupdate``. The files carry no source locations and their messages are
sorted, so moving code does not churn them; strings that left the code are dropped. English is
the source language, so ``minesales_en.ts`` is filled with the source text and marked finished.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from minesales_desktop.messages import set_language, set_translator

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
PACKAGE_DIR = Path(__file__).resolve().parent
TRANSLATIONS_DIR = PACKAGE_DIR / "resources" / "translations"
# Options shared by update_sources() and the test that checks the committed files are complete.
LUPDATE_OPTIONS = ("-silent", "-no-obsolete", "-locations", "none", "-sort-messages")
_installed: list[QTranslator] = []


def find_tool(name: str) -> str | None:
    """A Qt tool (pyside6-lupdate, pyside6-lrelease) on PATH or beside this Python."""
    found = shutil.which(name)
    if found:
        return found
    for candidate in (Path(sys.executable).parent / n for n in (name, f"{name}.exe")):
        if candidate.exists():
            return str(candidate)
    return None


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The Python files lupdate reads: the whole package except the Alembic migrations."""
    migrations = package_dir / "db" / "migrations"
    return sorted(p for p in package_dir.rglob("*.py") if migrations not in p.parents)


def run_lupdate(
    ts_files: Sequence[Path], sources: Iterable[Path] | None = None, *, language: str | None = None
) -> None:
    """Extract the strings of ``sources`` (default: the package) into ``ts_files``, merging."""
    tool = find_tool("pyside6-lupdate")
    if tool is None:
        raise FileNotFoundError("pyside6-lupdate not found (install PySide6 in this environment)")
    files = list(sources) if sources is not None else source_files()
    # A list file keeps the command line short (Windows limits it to 32 767 characters).
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
        command = [tool, *LUPDATE_OPTIONS, "-source-language", "en"]
        if language:
            command += ["-target-language", language]
        command += [f"@{listing}", "-ts", *(str(ts) for ts in ts_files)]
        subprocess.run(command, check=True)


_PLURAL_MARK = re.compile(r"\((e?s)\)")


def english_plural_forms(source: str) -> list[str]:
    """The singular and plural of a numerus source written with "(s)" (or "(es)") where
    English adds a plural ending: ``"%n follow-up(s) overdue"`` → ``["%n follow-up overdue",
    "%n follow-ups overdue"]``. A source without the mark is both forms as it stands."""
    return [_PLURAL_MARK.sub("", source), _PLURAL_MARK.sub(r"\1", source)]


def _fill_with_source(ts: Path) -> int:
    """Make every message of ``ts`` translate to its own source text, finished; returns changes."""
    tree = ET.parse(ts)
    changed = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            # English has two plural forms, made from the source's "(s)": "%n conflict(s)"
            # reads "1 conflict" and "4 conflicts" (Qt replaces %n and picks the form).
            wanted = english_plural_forms(source)
            if [f.text for f in forms] == wanted and not translation.get("type"):
                continue
            for form in forms:
                translation.remove(form)
            for text in wanted:
                ET.SubElement(translation, "numerusform").text = text
        else:
            if translation.text and not translation.get("type"):
                continue
            translation.text = source
        translation.attrib.pop("type", None)
        changed += 1
    if changed:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return changed


def update_sources(
    languages: Sequence[str] = LANGUAGES, directory: Path = TRANSLATIONS_DIR
) -> list[Path]:
    """Re-extract every translatable string into ``minesales_<lang>.ts``; returns the files.

    Existing translations are kept; new strings arrive unfinished (except in English, which is
    filled with the source text); strings no longer in the code are dropped.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for language in languages:
        ts = directory / f"minesales_{language}.ts"
        run_lupdate([ts], language=language)
        if language == "en" and _fill_with_source(ts):
            # ElementTree writes its own layout; a second pass restores lupdate's.
            run_lupdate([ts], language=language)
        written.append(ts)
    return written


def compile_translations(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every ``.ts`` whose ``.qm`` is missing or older; returns the ``.qm`` files."""
    tool = find_tool("pyside6-lrelease")
    out: list[Path] = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if tool and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        if qm.exists():
            out.append(qm)
    return out


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translators ``install_language`` put in: every text is its source again.

    They are deleted too: each is a child of the app, so each switch of language (and each test)
    would otherwise leave two more behind for the app's lifetime. Taken off the app, Python owns
    them, and they go when the list lets them go."""
    for translator in _installed:
        app.removeTranslator(translator)
        translator.setParent(None)
    _installed.clear()


def install_language(app: QCoreApplication, language: str) -> str:
    """Switch the running app to ``language`` (zh_CN or en); returns the language in force."""
    if language not in LANGUAGES:
        language = "en"
    remove_translations(app)
    try:
        compile_translations()
    except (OSError, subprocess.CalledProcessError):
        log.warning("could not compile translations", exc_info=True)
    # English too: its file carries the plural forms ("1 conflict", "4 conflicts"); without it
    # the source text shows, "(s)" and all.
    own = QTranslator(app)
    if own.load(str(TRANSLATIONS_DIR / f"minesales_{language}.qm")):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("no compiled translation for %s in %s", language, TRANSLATIONS_DIR)
    if language != "en":
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


def _main(argv: Sequence[str]) -> int:
    usage = "usage: python -m minesales_desktop.i18n {update|compile}"
    if len(argv) != 1 or argv[0] not in ("update", "compile"):
        print(usage, file=sys.stderr)
        return 2
    if argv[0] == "update":
        for ts in update_sources():
            print(ts)
    else:
        for qm in compile_translations():
            print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
