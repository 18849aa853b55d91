"""Translatable messages for code that has no Qt (services, documents, sync, CLI).

Services must speak the user's language without importing Qt. They call
``translate("Context", "English source text")`` exactly like ``QCoreApplication.translate`` so that
``pyside6-lupdate`` extracts the strings into ``resources/translations/*.ts``. By default the
English source is returned; the application (GUI or CLI) installs Qt's translator function with
``set_translator`` once its ``.qm`` files are loaded.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _identity(context: str, text: str) -> str:
    return text


_translator: Translator = _identity
_language = "zh_CN"


def set_translator(func: Translator | None) -> None:
    """Install the function that turns (context, source text) into the user's language."""
    global _translator
    _translator = func or _identity


def translate(context: str, text: str) -> str:
    """Translate ``text`` in ``context``; the name matches what lupdate looks for."""
    return _translator(context, text)


def set_language(language: str) -> None:
    """The language of data labels (enumerations, KPI names): ``zh_CN`` or ``en``."""
    global _language
    _language = language


def current_language() -> str:
    return _language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Marks a string for extraction without translating it yet (translate it when shown)."""
    return text
