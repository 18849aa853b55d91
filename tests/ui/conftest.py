"""Fixtures for driving real widgets offscreen: an AppContext on a fresh database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from minesales_desktop.db.engine import make_session_factory  # noqa: E402
from minesales_desktop.paths import app_paths  # noqa: E402
from minesales_desktop.settings import Settings  # noqa: E402
from minesales_desktop.tasks import TaskManager  # noqa: E402
from minesales_desktop.ui.context import AppContext  # noqa: E402


@pytest.fixture
def tasks(engine, qapp) -> Iterator[TaskManager]:
    manager = TaskManager(make_session_factory(engine))
    yield manager
    manager.shutdown()


@pytest.fixture
def make_ctx(tasks, tmp_path: Path, db_path: Path) -> Callable[..., AppContext]:
    """``make_ctx(actor)``: the context a signed-in user's window gets."""

    def make(actor, language: str = "en") -> AppContext:
        paths = app_paths(base=tmp_path).ensure()
        return AppContext(
            tasks=tasks,
            actor=actor,
            settings=Settings(paths.settings_file),
            paths=paths,
            db_path=db_path,
            language=language,
        )

    return make


@pytest.fixture
def wait_idle(qtbot, tasks) -> Callable[[], None]:
    """Wait until the database worker has delivered every pending result."""

    def wait(timeout: int = 10_000) -> None:
        qtbot.waitUntil(tasks.idle, timeout=timeout)
        qtbot.wait(10)

    return wait
