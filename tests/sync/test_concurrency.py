"""Concurrent pushes never make a puller miss a change (the sequence-gap race), and the server's
sequence stays gap-free — on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

from sqlalchemy import text

from tests.sync.conftest import ServerProcess, new_customer


def test_concurrent_pushes_never_hide_a_change_from_a_puller(
    server: ServerProcess, laptops
) -> None:
    pushers = [laptops("admin", batch_size=2) for _ in range(4)]
    puller = laptops("mgr", pull_limit=7)
    for lap in [*pushers, puller]:
        lap.sync()
    owner = puller.user_id("rep1")
    made: set[str] = set()
    for n, lap in enumerate(pushers):
        for i in range(24):
            made.add(new_customer(lap, f"G{n}-{i}", owner=owner))
    done = threading.Event()
    errors: list[BaseException] = []

    def push(lap) -> None:
        try:
            lap.sync()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    def pull() -> None:
        try:
            while not done.is_set():
                puller.sync()
        except BaseException as exc:
            errors.append(exc)

    puller_thread = threading.Thread(target=pull)
    puller_thread.start()
    threads = [threading.Thread(target=push, args=(lap,)) for lap in pushers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    puller_thread.join()
    assert not errors, errors
    puller.sync()
    have = {r[0] for r in puller.sql("SELECT id FROM customers")}
    assert made <= have, f"the puller missed {len(made - have)} customers"
    engine = server.engine()
    try:
        with engine.connect() as conn:
            seqs = [r[0] for r in conn.execute(text("SELECT seq FROM sync_log ORDER BY seq"))]
    finally:
        engine.dispose()
    assert seqs == list(range(1, len(seqs) + 1)), "the sequence has no gaps"
