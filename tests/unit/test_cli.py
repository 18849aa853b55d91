"""The ``minesales`` command run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "minesales_desktop", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def test_migrate_creates_then_reports(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first = run("migrate", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "created at schema" in first.stdout
    second = run("migrate", "--db", str(db))
    assert "is at schema" in second.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name='customers'").fetchone()


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    run("migrate", "--db", str(db))
    env = {"MINESALES_PASSWORD": "admin-pw"}
    with sqlite3.connect(db) as con:
        con.execute(
            "INSERT INTO users (id, login, full_name, role, active, created_at, updated_at,"
            " is_deleted) VALUES ('u1', 'admin', '管理员', 'ADMIN', 1, '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00', 0)"
        )
    assert run("user", "passwd", "--db", str(db), "--login", "admin", env=env).returncode == 0
    backup = tmp_path / "copy.db"
    result = run("backup", "--db", str(db), "--to", str(backup))
    assert result.returncode == 0 and backup.exists(), result.stderr
    added = run(
        "user", "add", "--db", str(db), "--login", "zhangwei", "--name", "张伟",
        "--role", "ADMIN", env=env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "zhangwei" in run("user", "list", "--db", str(db)).stdout
    restored = run("restore", "--db", str(db), "--from", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "zhangwei" not in run("user", "list", "--db", str(db)).stdout
    assert "kept as" in restored.stdout


def test_bad_input_is_one_sentence_exit_2_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    run("migrate", "--db", str(db))
    before = db.read_bytes()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    for args in (
        ("restore", "--db", str(db), "--from", str(junk)),
        ("restore", "--db", str(db), "--from", str(tmp_path / "missing.db")),
        ("migrate", "--db", str(junk)),
        ("backup", "--db", str(tmp_path / "missing.db")),
        ("search", "--db", str(tmp_path / "missing.db"), "bg"),
    ):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("minesales "), result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2
    assert db.read_bytes() == before
    assert junk.read_text() == "not a database"


def test_user_add_refuses_bad_values(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    run("migrate", "--db", str(db))
    env = {"MINESALES_PASSWORD": "pw12345"}
    result = run(
        "user", "add", "--db", str(db), "--login", "x", "--name", "甲", "--role", "REP", env=env
    )
    assert result.returncode == 2 and "No user 'admin'" in result.stderr


def test_price_subcommand_reproduces_the_dce_example() -> None:
    result = run(
        "price", "dce_iron_ore", "--index", "800",
        "--assay", "Fe=61.2", "SiO2=4.8", "Al2O3=2.7", "P=0.09",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "772.00" in result.stdout


@pytest.mark.parametrize("lang,word", [("zh_CN", "单价"), ("en", "Unit price")])
def test_price_speaks_the_language_asked_for(lang: str, word: str) -> None:
    result = run(
        "--lang", lang, "price", "dce_iron_ore", "--index", "800",
        "--assay", "Fe=61.2", "SiO2=4.8", "Al2O3=2.7", "P=0.09",
    )  # fmt: skip
    assert word in result.stdout
