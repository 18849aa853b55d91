"""Consistent copies of the live SQLite database, and restore from such a copy.

SQLite's online backup API copies a consistent snapshot even while the app has the file open in WAL
mode, so a backup never needs the app closed. Restore checks the copy is a MineSales database before
replacing anything, and keeps the replaced file as a backup of its own.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def database_path(engine: Engine) -> Path:
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        raise ValueError("backups are only made of a local SQLite database file")
    return Path(name)


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_file(db_path: str | Path, target: str | Path | None = None, *, reason: str = "") -> Path:
    """Copy ``db_path`` to ``target`` (default: ``backups/NAME-YYYYmmdd-HHMMSS[-reason].db``)."""
    src_path = Path(db_path)
    if not src_path.exists():
        raise FileNotFoundError(f"no database at {src_path}")
    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        suffix = f"-{reason}" if reason else ""
        target = default_backup_dir(src_path) / f"{src_path.stem}-{stamp}{suffix}.db"
    target_path = Path(target)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = target_path.with_name(target_path.name + ".part")
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target_path)
    return target_path


def backup_database(engine: Engine, target: str | Path | None = None, *, reason: str = "") -> Path:
    return backup_file(database_path(engine), target, reason=reason)


def check_backup(path: str | Path) -> str:
    """The schema revision of a backup file; raises ``ValueError`` if it is not usable."""
    p = Path(path)
    if not p.exists():
        raise ValueError(f"no backup file at {p}")
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()
            if not ok or ok[0] != "ok":
                raise ValueError(f"{p} is damaged: {ok[0] if ok else 'no answer'}")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{p} is not a MineSales database: {exc}") from exc
    if not row:
        raise ValueError(f"{p} is not a MineSales database (no schema version)")
    return str(row[0])


def restore_file(backup: str | Path, db_path: str | Path) -> Path | None:
    """Replace ``db_path`` with ``backup``; returns where the replaced database was saved.

    The database must not be open. The backup is validated first; on any failure the current
    database is left untouched.
    """
    check_backup(backup)
    target = Path(db_path)
    saved: Path | None = None
    if target.exists():
        saved = backup_file(target, reason="before-restore")
    tmp = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup, tmp)
    for side in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        side.unlink(missing_ok=True)
    tmp.replace(target)
    return saved
