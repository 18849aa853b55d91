"""The single database worker and the progress helpers (CONVENTIONS 1, 2, 4, 5).

Widgets never touch the database. They hand a function ``fn(session) -> result`` to
``TaskManager.run``; it runs on the one worker thread in its own transaction and the result (a DTO)
comes back on the GUI thread. After a write, the manager emits ``data_changed(kinds)`` once and
every view refreshes what it shows of those kinds. Long work is ``fn(session, progress)`` with a
``Progress`` that reports and honours cancellation.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from sqlalchemy.orm import Session, sessionmaker

from minesales_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a long task when the user pressed Cancel; its transaction rolls back."""


class Progress(QObject):
    """Thread-safe progress for long tasks: ``report(done, total, text)``, ``cancelled``."""

    changed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.changed.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Job(QObject):
    """One unit of database work; lives on the GUI thread so its signals arrive there."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        fn: Callable[[Session], Any],
        writes: frozenset[str],
        label: str,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.writes = writes
        self.label = label
        self.cancelled = False
        self.elapsed_ms = 0.0

    def cancel(self) -> None:
        """Skip the job if it has not started; drop its result if it has."""
        self.cancelled = True


class _Worker(QObject):
    done = Signal(object, object, bool)  # job, result or exception, ok

    def __init__(self, factory: sessionmaker[Session]) -> None:
        super().__init__()
        self._factory = factory

    @Slot(object)
    def execute(self, job: Job) -> None:
        if job.cancelled:
            # Still answer, so the manager forgets the job and ``idle()`` becomes true again.
            self.done.emit(job, Cancelled(), False)
            return
        started = time.perf_counter()
        session = self._factory()
        try:
            result = job.fn(session)
            if job.writes:
                session.commit()
            else:
                session.rollback()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            session.rollback()
            job.elapsed_ms = (time.perf_counter() - started) * 1000
            self.done.emit(job, exc, False)
            return
        finally:
            session.close()
        job.elapsed_ms = (time.perf_counter() - started) * 1000
        self.done.emit(job, result, True)


def _deliver(callback: Callable[[Any], None], payload: Any, job: Job) -> None:
    """Hand a result to its widget. The widget may have been closed while the job ran (a
    dialog, or the whole window on sign-out or a language switch): then the result is dropped."""
    try:
        callback(payload)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.info("result of %r arrived after its widget was closed", job.label)


class TaskManager(QObject):
    data_changed = Signal(object)  # frozenset[str] of the kinds written
    busy_changed = Signal(bool)
    error = Signal(str)  # an unexpected failure nobody handled: shown by the main window
    _submit = Signal(object)

    def __init__(self, factory: sessionmaker[Session]) -> None:
        super().__init__()
        self._thread = QThread()
        self._thread.setObjectName("db-worker")
        self._worker = _Worker(factory)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._worker.done.connect(self._on_done)
        self._pending: dict[
            int, tuple[Job, Callable[[Any], None] | None, Callable[[BaseException], None] | None]
        ] = {}
        self._latest: dict[str, Job] = {}  # run_latest: the newest job per key
        self._thread.start()

    def run(
        self,
        fn: Callable[[Session], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        writes: Iterable[str] = (),
        label: str = "",
    ) -> Job:
        job = Job(fn, frozenset(writes), label)
        self._pending[id(job)] = (job, on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(job)
        return job

    def run_latest(
        self,
        key: str,
        fn: Callable[[Session], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str = "",
    ) -> Job:
        """Like ``run``, for reads where only the newest request matters (the detail of the
        row just selected): the previous job under ``key`` is cancelled, so a slower, older
        answer never overwrites a newer one. Keys are shared by everything on this manager: a
        widget that can exist twice (tests make several tabs) puts ``id(self)`` in its key."""
        previous = self._latest.get(key)
        if previous is not None:
            previous.cancel()
        job = self.run(fn, on_done, on_error, label=label or key)
        self._latest[key] = job
        return job

    def cancel_latest(self, key: str) -> None:
        """Drop the answer of the newest job under ``key`` (the selection was cleared: nothing
        is to be shown any more)."""
        job = self._latest.pop(key, None)
        if job is not None:
            job.cancel()

    def _on_done(self, job: Job, payload: Any, ok: bool) -> None:
        entry = self._pending.pop(id(job), None)
        if not self._pending:
            self.busy_changed.emit(False)
        if entry is None:
            return
        _, on_done, on_error = entry
        if ok:
            if job.writes:
                self.data_changed.emit(job.writes)
            if not job.cancelled and on_done is not None:
                _deliver(on_done, payload, job)
            return
        if job.cancelled or isinstance(payload, Cancelled):
            return
        if on_error is not None:
            _deliver(on_error, payload, job)
        elif isinstance(payload, ServiceError):
            self.error.emit(str(payload))
        else:
            log.error("database task %r failed", job.label, exc_info=payload)
            self.error.emit(f"{type(payload).__name__}: {payload}")

    def idle(self) -> bool:
        return not self._pending

    def shutdown(self) -> None:
        """Drop what has not started and wait for the running job: destroying a QThread that
        still runs aborts the process, and the database must not be closed under a job."""
        for job, _, _ in self._pending.values():
            job.cancel()
        self._thread.quit()
        self._thread.wait()
