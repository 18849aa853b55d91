"""What every screen needs: the task manager, who is signed in, settings and paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from minesales_desktop.paths import AppPaths
from minesales_desktop.services.auth import Actor
from minesales_desktop.settings import Settings
from minesales_desktop.tasks import TaskManager


@dataclass
class AppContext:
    tasks: TaskManager
    actor: Actor
    settings: Settings
    paths: AppPaths
    db_path: Path
    language: str

    @property
    def is_manager(self) -> bool:
        return self.actor.is_manager
