"""Search keys for Chinese and English names: full pinyin, pinyin initials, and one haystack.

A rep types "bg", "baogang", "包钢", "BGSC-0012", part of a USCC or a contact's phone into one box.
Everything is folded into ``Customer.search_text`` (lower-case, separated by ``|``) which SQLite
indexes with an FTS5 trigram table, so a fragment of three or more characters is an index lookup
and a shorter one a scan of one narrow column. pypinyin's phrase dictionary picks the right reading
of polyphonic characters (长沙 → changsha, 重庆 → chongqing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from types import ModuleType

SEPARATOR = "|"
_SPACES = re.compile(r"\s+")
_PHONE_CHARS = re.compile(r"^[\d\s+\-()]+$")
_ALNUM_ONLY = re.compile(r"[^0-9a-z]")
_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def _pypinyin() -> ModuleType:
    """pypinyin loads a 300 ms phrase dictionary: only when a name is actually converted, so
    the app's window does not wait for it."""
    import pypinyin

    return pypinyin


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, single spaces, no separator characters."""
    text = unicodedata.normalize("NFKC", text).lower().replace(SEPARATOR, " ")
    return _SPACES.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def full_pinyin(text: str) -> str:
    """'包头钢铁' → 'baotougangtie' (non-Chinese characters kept, lower-cased, spaces dropped)."""
    if not text:
        return ""
    pinyin = _pypinyin()
    return _ALNUM_ONLY.sub("", "".join(pinyin.lazy_pinyin(normalize(text), errors="default")))


def pinyin_initials(text: str) -> str:
    """'包头钢铁' → 'btgt'; Latin words contribute their first letter, digits are kept."""
    if not text:
        return ""
    out: list[str] = []
    pinyin = _pypinyin()
    letters = pinyin.lazy_pinyin(normalize(text), style=pinyin.Style.FIRST_LETTER, errors="default")
    for syllable in letters:
        for word in syllable.split():
            if word.isdigit():
                out.append(word)
            elif word:
                out.append(word[0])
    return _ALNUM_ONLY.sub("", "".join(out))


def phone_digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")


def normalize_query(query: str) -> str:
    """What the search box sends to SQL: phone-like input keeps only digits."""
    q = normalize(query)
    if q and _PHONE_CHARS.match(q) and any(ch.isdigit() for ch in q):
        return phone_digits(q)
    return q


def customer_search_text(
    *,
    code: str,
    name_zh: str,
    name_en: str | None = None,
    short_name: str | None = None,
    uscc: str | None = None,
    phones: Iterable[str | None] = (),
) -> tuple[str, str, str]:
    """(name_pinyin, name_initials, search_text) for a customer."""
    pinyin = full_pinyin(name_zh)
    initials = pinyin_initials(name_zh)
    parts = [normalize(name_zh), pinyin, initials, normalize(code)]
    if short_name:
        parts += [normalize(short_name), full_pinyin(short_name), pinyin_initials(short_name)]
    if name_en:
        parts.append(normalize(name_en))
    if uscc:
        parts.append(normalize(uscc))
    for phone in phones:
        digits = phone_digits(phone)
        if digits:
            parts.append(digits)
            if digits.startswith("86") and len(digits) == 13:
                parts.append(digits[2:])
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return pinyin, initials, SEPARATOR.join(seen)
