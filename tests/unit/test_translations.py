"""The committed translations cover the code: every string lupdate finds has a finished Chinese
translation that keeps its placeholders, and both ``.ts`` files compile and load.

A new ``self.tr("…")`` without a Chinese translation fails here; run
``python -m minesales_desktop.i18n update``, translate the new messages in
``resources/translations/minesales_zh_CN.ts`` (Qt Linguist, or by hand) and commit the ``.ts``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from minesales_desktop.i18n import (
    PACKAGE_DIR,
    TRANSLATIONS_DIR,
    english_plural_forms,
    find_tool,
    install_language,
    remove_translations,
    run_lupdate,
    source_files,
)

ZH_TS = TRANSLATIONS_DIR / "minesales_zh_CN.ts"
EN_TS = TRANSLATIONS_DIR / "minesales_en.ts"

# Sources whose Chinese is rightly the same text: abbreviations a Chinese user reads as they are.
SAME_IN_CHINESE = {"SLA", "PDF (*.pdf)"}

# {name}, {text!r}, %1…%9 (also %L1), %n / %Ln, and HTML tags.
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%L?[1-9]|%L?n|</?[a-zA-Z][^<>]*>")
LETTERS = re.compile(r"[A-Za-z]")
CJK = re.compile(r"[\u3400-\u9fff]")

# Files whose strings lupdate cannot see yet (reported to their owners): a helper such as
# ``_tr(text)`` that calls ``translate("Context", text)``, or ``self.tr('…')`` inside an f-string.
# Remove a file once it passes literals straight to tr()/translate().
KNOWN_INVISIBLE: set[str] = set()

needs_tools = pytest.mark.skipif(
    find_tool("pyside6-lupdate") is None or find_tool("pyside6-lrelease") is None,
    reason="pyside6-lupdate/lrelease not installed",
)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    finished: bool
    forms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def where(self) -> str:
        note = f" ({self.comment})" if self.comment else ""
        return f"{self.context}: {self.source!r}{note}"


def read_ts(path: Path) -> dict[tuple[str, str, str], Message]:
    messages: dict[tuple[str, str, str], Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None, f"{path.name}: a message without <translation>"
            numerus = m.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            message = Message(
                context=name,
                source=m.findtext("source") or "",
                comment=m.findtext("comment") or "",
                numerus=numerus,
                finished=translation.get("type") not in ("unfinished", "vanished", "obsolete"),
                forms=forms,
            )
            messages[message.key] = message
    return messages


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def accelerators(text: str) -> int:
    return text.replace("&&", "").count("&")


@pytest.fixture(scope="module")
def zh() -> dict[tuple[str, str, str], Message]:
    return read_ts(ZH_TS)


@needs_tools
def test_every_string_in_the_code_has_a_finished_chinese_translation(
    tmp_path: Path, zh: dict[tuple[str, str, str], Message]
) -> None:
    extracted = tmp_path / "extracted_zh_CN.ts"
    run_lupdate([extracted], language="zh_CN")
    in_code = read_ts(extracted)
    assert len(in_code) > 100, "lupdate found suspiciously few strings"
    missing = sorted(
        m.where()
        for key, m in in_code.items()
        if key not in zh or not zh[key].finished or not all(f.strip() for f in zh[key].forms)
    )
    assert not missing, (
        f"{len(missing)} string(s) in the code have no finished Chinese translation; run "
        "`python -m minesales_desktop.i18n update` and translate them in "
        f"{ZH_TS.name}:\n  " + "\n  ".join(missing)
    )
    stale = sorted(m.where() for key, m in zh.items() if key not in in_code)
    assert not stale, (
        "no longer in the code; run `python -m minesales_desktop.i18n update`:\n  "
        + "\n  ".join(stale)
    )


def test_english_is_complete() -> None:
    en, zh_keys = read_ts(EN_TS), set(read_ts(ZH_TS))
    assert set(en) == zh_keys, "minesales_en.ts and minesales_zh_CN.ts list different messages"
    unfinished = [m.where() for m in en.values() if not m.finished or not all(m.forms)]
    assert not unfinished, "unfinished in minesales_en.ts:\n  " + "\n  ".join(unfinished)
    numerus = [m for m in en.values() if m.numerus]
    assert all(len(m.forms) == 2 for m in numerus), "English needs a singular and a plural form"


def test_chinese_keeps_the_placeholders_of_the_source(
    zh: dict[tuple[str, str, str], Message],
) -> None:
    wrong = []
    for m in zh.values():
        expected = placeholders(m.source)
        for form in m.forms:
            if placeholders(form) != expected:
                wrong.append(f"{m.where()} → {form!r}")
            elif accelerators(form) != accelerators(m.source):
                wrong.append(f"{m.where()} → {form!r} (the & accelerator)")
    assert not wrong, "placeholders differ from the source:\n  " + "\n  ".join(wrong)


def test_chinese_numerus_messages_have_one_form(zh: dict[tuple[str, str, str], Message]) -> None:
    # Chinese has no plural: lrelease expects exactly one form per numerus message.
    wrong = [m.where() for m in zh.values() if m.numerus and len(m.forms) != 1]
    assert not wrong, "\n  ".join(wrong)


def test_chinese_is_not_left_in_english(zh: dict[tuple[str, str, str], Message]) -> None:
    untranslated = []
    for m in zh.values():
        if m.source in SAME_IN_CHINESE or not LETTERS.search(PLACEHOLDER.sub("", m.source)):
            continue
        for form in m.forms:
            if form == m.source or not CJK.search(form):
                untranslated.append(f"{m.where()} → {form!r}")
    assert not untranslated, "still English in Chinese:\n  " + "\n  ".join(untranslated)


@needs_tools
def test_both_files_compile_and_chinese_loads(tmp_path: Path) -> None:
    tool = find_tool("pyside6-lrelease")
    assert tool is not None
    for ts in (ZH_TS, EN_TS):
        qm = tmp_path / ts.with_suffix(".qm").name
        done = subprocess.run(
            [tool, str(ts), "-qm", str(qm)], capture_output=True, text=True, check=True
        )
        assert "untranslated" not in done.stdout.replace(" 0 untranslated", ""), done.stdout
        assert qm.stat().st_size > 1000

    chinese = QTranslator()
    assert chinese.load(str(tmp_path / "minesales_zh_CN.qm"))
    assert chinese.translate("Validation", "Required.") == "必填。"
    assert chinese.translate("MainWindow", "&File") == "文件(&F)"
    assert chinese.translate("PipelineTab", "Pipeline") == "销售管道"
    assert chinese.translate("CustomersTab", "%Ln customer(s)", "", 3) == "%Ln 个客户"
    assert chinese.translate("CardDelegate", "%n d", "days in stage", 5) == "%n 天"

    english = QTranslator()
    assert english.load(str(tmp_path / "minesales_en.qm"))
    assert english.translate("MainWindow", "&File") == "&File"
    # English plurals from the source's "(s)", not "4 conflict(s)".
    assert english.translate("CustomersTab", "%Ln customer(s)", "", 1) == "%Ln customer"
    assert english.translate("CustomersTab", "%Ln customer(s)", "", 3) == "%Ln customers"


def test_the_english_app_reads_its_plurals(qapp) -> None:  # noqa: ANN001 - pytest-qt's app
    """The app installs the English file too (``install_language``): "1 customer", "7
    customers", where the source reads "customer(s)"."""
    assert install_language(qapp, "en") == "en"
    try:
        assert QCoreApplication.translate("CustomersTab", "%Ln customer(s)", "", 1) == "1 customer"
        assert QCoreApplication.translate("CustomersTab", "%Ln customer(s)", "", 7) == "7 customers"
    finally:
        remove_translations(qapp)
    assert QCoreApplication.translate("CustomersTab", "%Ln customer(s)", "", 7) == "7 customer(s)"


def test_switching_language_leaves_no_translators_behind(qapp) -> None:  # noqa: ANN001
    """Each switch installs new translators (children of the app); the old ones are deleted, not
    left to pile up over the app's lifetime (or a test run)."""
    try:
        for _ in range(4):
            install_language(qapp, "zh_CN")
            install_language(qapp, "en")
        assert len(qapp.findChildren(QTranslator)) == 1  # the English file in force
        install_language(qapp, "zh_CN")
        assert len(qapp.findChildren(QTranslator)) == 2  # the app's and Qt's own Chinese
    finally:
        remove_translations(qapp)
    assert qapp.findChildren(QTranslator) == []
    assert QCoreApplication.translate("CustomersTab", "%Ln customer(s)", "", 7) == "7 customer(s)"


def test_the_rep_counts_their_own_suggestions_in_english(qapp) -> None:  # noqa: ANN001
    """Not "1 of my suggestion": the suggestion box's count reads right for one and for many."""
    assert install_language(qapp, "en") == "en"
    try:
        count = [
            QCoreApplication.translate("FeedbackPage", "My suggestions: %n", "", n) for n in (1, 4)
        ]
    finally:
        remove_translations(qapp)
    assert count == ["My suggestions: 1", "My suggestions: 4"]
    zh = read_ts(ZH_TS)[("FeedbackPage", "My suggestions: %n", "")]
    assert zh.forms == ("我的建议 %n 条",)


def test_english_plurals_come_from_the_sources_plural_mark() -> None:
    assert english_plural_forms("%n follow-up(s) overdue") == [
        "%n follow-up overdue",
        "%n follow-ups overdue",
    ]
    assert english_plural_forms("%n day(s) since %1") == ["%n day since %1", "%n days since %1"]
    assert english_plural_forms("%n rejected") == ["%n rejected", "%n rejected"]
    en = read_ts(EN_TS)
    marked = [m for m in en.values() if m.numerus and "(s)" in m.source]
    assert marked, "the app has plural messages written with (s)"
    wrong = [m.where() for m in marked if list(m.forms) != english_plural_forms(m.source)]
    assert not wrong, "English plural forms not made from (s):\n  " + "\n  ".join(wrong)
    # "%n of my suggestion(s)" would read "1 of my suggestion": a part of many is plural always
    part_of = re.compile(r"%L?n of [^%]*\(e?s\)")
    singular_parts = [m.where() for m in marked if part_of.search(m.source)]
    assert not singular_parts, "“1 of … <singular>”:\n  " + "\n  ".join(singular_parts)


def invisible_to_lupdate(path: Path) -> list[str]:
    """Calls of tr()/translate() whose text lupdate cannot extract: the text is not a literal,
    or the call sits inside an f-string (lupdate reads an f-string as one opaque string)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_fstrings = {
        id(call)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "tr":
            text = node.args[0] if node.args else None
        elif name == "translate" and node.args and _is_text(node.args[0]):
            # translate("Context", text); a QPainter/canvas translate(x, y) has no context.
            text = node.args[1] if len(node.args) > 1 else None
        else:
            continue
        if id(node) in in_fstrings:
            found.append(f"{node.lineno}: {ast.unparse(node)} inside an f-string")
        elif text is not None and not _is_text(text):
            found.append(f"{node.lineno}: {ast.unparse(node)} (the text is not a literal)")
    return found


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_lupdate_sees_every_translated_string() -> None:
    problems = []
    for path in source_files():
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        if relative in KNOWN_INVISIBLE:
            continue
        problems += [f"{relative}:{line}" for line in invisible_to_lupdate(path)]
    assert not problems, (
        "lupdate cannot extract these strings, so they are never translated; pass the English "
        'text as a literal: self.tr("…") / translate("Context", "…"), outside f-strings:\n  '
        + "\n  ".join(problems)
    )
