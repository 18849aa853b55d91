"""The commands IT and scripts use: server-user, sync — one sentence and status 2 on user errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sync.conftest import PASSWORD, ServerProcess

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def run(*args: str, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin"}
    if password is not None:
        env["MINESALES_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "minesales_desktop.sync.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_server_user_and_headless_sync(
    server: ServerProcess, server_db: str, client_template: Path, tmp_path: Path
) -> None:
    added = run(
        "server-user",
        "add",
        "--db",
        server_db,
        "--login",
        "rep9",
        "--name",
        "孙九",
        "--role",
        "REP",
        "--team",
        "西北组",
    )
    assert added.returncode == 0, added.stderr
    again = run(
        "server-user", "add", "--db", server_db, "--login", "rep9", "--name", "x", "--role", "REP"
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    listed = run("server-user", "list", "--db", server_db)
    assert "rep9\t孙九\tREP\t西北组\tactive" in listed.stdout
    laptop = tmp_path / "laptop.db"
    laptop.write_bytes(client_template.read_bytes())
    synced = run("sync", "--db", str(laptop), "--server", server.url, "--user", "rep9")
    assert synced.returncode == 0, synced.stderr
    assert "pending 0" in synced.stdout
    wrong = run(
        "sync", "--db", str(laptop), "--server", server.url, "--user", "rep9", password="nope"
    )
    assert wrong.returncode == 2 and "Wrong user name or password" in wrong.stderr
    assert run("server-user", "disable", "--db", server_db, "--login", "rep9").returncode == 0
    disabled = run("sync", "--db", str(laptop), "--server", server.url, "--user", "rep9")
    assert disabled.returncode == 2
    nodb = run("sync", "--db", str(tmp_path / "none.db"), "--server", server.url, "--user", "x")
    assert nodb.returncode == 2 and "No database" in nodb.stderr
