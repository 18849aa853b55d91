"""Schema migrations with Alembic, configured in code so the frozen executable needs no ini file.

Opening a database: an existing file is backed up, then upgraded to head; a new file is created at
head. Migration scripts live in ``db/migrations/versions`` inside the package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

from minesales_desktop.db.backup import backup_database
from minesales_desktop.db.engine import make_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolates '%': a socket path or an escaped password must not break it.
    url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def is_new_database(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def open_database(path: str | Path, *, backup: bool = True) -> Engine:
    """Engine on the SQLite file at ``path``: created at head if new, else backed up and upgraded.

    Returns the engine with the schema at head. Raises ``MigrationError`` with a readable message
    if the file is not a MineSales database or is newer than this program.
    """
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_HEADER:
                raise MigrationError(f"{path} is not a MineSales database (not an SQLite file).")
    engine = make_engine(path)
    try:
        return _open(engine, path, existed=existed, backup=backup)
    except DBAPIError as exc:
        engine.dispose()
        raise MigrationError(f"{path} cannot be opened: {exc.orig}") from exc


SQLITE_HEADER = b"SQLite format 3\x00"


def _open(engine: Engine, path: Path, *, existed: bool, backup: bool) -> Engine:
    if existed and not is_new_database(engine):
        current = current_revision(engine)
        if current is None:
            engine.dispose()
            raise MigrationError(f"{path} is not a MineSales database (no schema version).")
        script = ScriptDirectory(str(MIGRATIONS_DIR))
        try:
            known = script.get_revision(current) is not None
        except CommandError:
            known = False
        if not known:
            engine.dispose()
            raise MigrationError(
                f"{path} was written by a newer MineSales (schema {current}); please update."
            )
        if current != head_revision():
            if backup:
                target = backup_database(engine, reason=f"pre-upgrade-{current}")
                log.info("backed up %s to %s before upgrading", path, target)
            upgrade(engine)
    else:
        upgrade(engine)
    return engine


class MigrationError(RuntimeError):
    pass
