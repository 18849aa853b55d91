"""Where the app keeps its database, settings, logs and backups.

Per-user folders by default (platformdirs); in portable mode everything lives in a ``data`` folder
beside the executable, so IT can run it from a USB stick at a mine site.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_DIR_NAME = "MineSales"


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent


def bundle_dir() -> Path:
    """Read-only files shipped with the app (PyInstaller unpacks them under ``_MEIPASS``)."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    portable: bool

    @property
    def default_database(self) -> Path:
        return self.data_dir / "minesales.db"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def crash_log(self) -> Path:
        return self.log_dir / "crash.log"

    def ensure(self) -> AppPaths:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(portable: bool = False, base: Path | None = None) -> AppPaths:
    if portable or base is not None:
        root = (base or executable_dir()) / "data"
        return AppPaths(data_dir=root, log_dir=root / "logs", portable=True)
    return AppPaths(
        data_dir=Path(user_data_dir(APP_DIR_NAME, appauthor=False)),
        log_dir=Path(user_log_dir(APP_DIR_NAME, appauthor=False)),
        portable=False,
    )
