"""``TaskManager.run_latest`` / ``cancel_latest`` on the real database worker thread: only the
newest read under a key is delivered, and a cancelled one never is (the tabs rely on it so that
a slow, older answer never replaces what the user asked for last)."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import text


def test_only_the_newest_job_under_a_key_is_delivered(tasks, wait_idle) -> None:
    release = threading.Event()
    delivered: list[str] = []
    failed: list[BaseException] = []

    def slow(session: Any) -> str:
        release.wait(5)  # still running on the worker when the newer job is asked for
        return str(session.execute(text("SELECT 'old'")).scalar_one())

    def fast(session: Any) -> str:
        return str(session.execute(text("SELECT 'new'")).scalar_one())

    tasks.run_latest("detail", slow, delivered.append, failed.append)
    tasks.run_latest("detail", fast, delivered.append, failed.append)
    tasks.run_latest("other key", fast, delivered.append, failed.append)
    release.set()
    wait_idle()
    assert delivered == ["new", "new"] and failed == []


def test_a_cancelled_latest_job_is_never_delivered(tasks, wait_idle) -> None:
    release = threading.Event()
    delivered: list[str] = []

    def slow(session: Any) -> str:
        release.wait(5)
        return "answer"

    def boom(session: Any) -> str:
        release.wait(5)
        raise RuntimeError("a failure nobody should hear about")

    errors: list[str] = []
    tasks.error.connect(errors.append)
    tasks.run_latest("detail", slow, delivered.append)
    tasks.run_latest("failing", boom, delivered.append, lambda exc: delivered.append(str(exc)))
    tasks.cancel_latest("detail")
    tasks.cancel_latest("failing")
    tasks.cancel_latest("never used")  # nothing under it: nothing happens
    release.set()
    wait_idle()
    assert delivered == [] and errors == []
