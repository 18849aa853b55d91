"""Logs and crashes: a rotating log file in the data folder, Qt's own messages routed into it,
uncaught exceptions logged and shown without closing the app, and a faulthandler crash log."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("minesales")
_crash_file: IO[str] | None = None


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "minesales.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(level)
    return path


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_qt_message_handler)


def enable_crash_log(path: Path) -> None:
    """faulthandler writes the Python stacks of every thread here if the process dies hard."""
    global _crash_file
    path.parent.mkdir(parents=True, exist_ok=True)
    _crash_file = path.open("a", encoding="utf-8")
    faulthandler.enable(_crash_file, all_threads=True)


def install_excepthook(show: Callable[[str], None]) -> None:
    """Log an uncaught exception and tell the user, instead of letting the app die."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", text)
        try:
            show(text)
        except Exception:  # noqa: BLE001 - the dialog itself must never take the app down
            log.exception("could not show the error dialog")

    sys.excepthook = hook
