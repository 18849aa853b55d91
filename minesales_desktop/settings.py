"""One typed registry of user settings over ``QSettings`` (an INI file in the data folder).

Each setting is declared once with its key, type and default; code reads ``settings.language``
rather than spelling keys and casting strings all over the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QLocale, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


LANGUAGE = Setting[str]("ui/language", "")
LAST_DATABASE = Setting[str]("db/last_path", "")
LAST_LOGIN = Setting[str]("auth/last_login", "")
WINDOW_GEOMETRY = Setting[bytes]("ui/window_geometry", b"")
WINDOW_STATE = Setting[bytes]("ui/window_state", b"")
CURRENT_TAB = Setting[int]("ui/current_tab", 0)
COMPANY_NAME = Setting[str]("org/company_name", "")


class Settings:
    def __init__(self, path: Path) -> None:
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw = self._qs.value(setting.key)
        if raw is None:
            return setting.default
        default = setting.default
        if isinstance(default, bool):
            return cast(T, str(raw).lower() in ("1", "true", "yes"))
        if isinstance(default, int):
            try:
                return cast(T, int(raw))
            except (TypeError, ValueError):
                return default
        if isinstance(default, bytes):
            if isinstance(raw, QByteArray):
                return cast(T, bytes(raw.data()))
            return cast(T, bytes(raw) if isinstance(raw, bytes | bytearray) else default)
        return cast(T, str(raw))

    def set(self, setting: Setting[T], value: T) -> None:
        if isinstance(value, bytes):
            self._qs.setValue(setting.key, QByteArray(value))
        else:
            self._qs.setValue(setting.key, value)
        self._qs.sync()

    @property
    def language(self) -> str:
        return self.get(LANGUAGE) or system_language()


# --- sync (ui/sync_ui.py) ---------------------------------------------------------------------
# The password is never stored: it is asked at sync time and at most kept in memory for the
# session. The server and login here are the user's choice; a database that has synced once
# remembers its own server in ``sync_state`` and the settings dialog warns if they differ.
SYNC_SERVER_URL = Setting[str]("sync/server_url", "")
SYNC_LOGIN = Setting[str]("sync/login", "")
