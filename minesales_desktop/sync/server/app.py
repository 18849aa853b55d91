"""The HTTP face of the sync server (FastAPI).

Bodies are compressed JSON (``Content-Encoding: zstd`` or ``gzip``), so the endpoints read and
write raw bytes and validate with the shared ``sync.protocol`` models; the OpenAPI document still
describes every message (``/openapi.json``, ``/docs``). Database work runs in the thread pool,
except a push that arrives while no other request is being answered: it runs on the event loop
(``_InFlight``). ``_InFlight`` also dispatches a push itself, past FastAPI's routing, to the
same endpoint that is registered with FastAPI (which documents it).

A laptop may have several push batches in flight (``HelloReply.window``); each names the batch
it follows and waits here until that one is stored (``_Sequence``), so one laptop's batches are
applied in the order it sent them, whichever connection delivers them first.

Errors are one JSON object ``{"error", "message", "update_to"?}``: 401 ``unauthorized`` /
``token_expired`` (sign in again and repeat), 426 ``update_required`` (the laptop must be updated:
nothing was changed), 400 ``bad_request``, 413 ``batch_too_large``, 409 ``out_of_order`` (the
batch this one follows did not arrive or was refused: nothing was changed; send it again once
that one is answered).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson
from fastapi import FastAPI, Request, Response
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import models_json_schema
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from minesales_desktop.db.migrate import head_revision
from minesales_desktop.sync import hlc
from minesales_desktop.sync.protocol import (
    APP_VERSION,
    MAX_BATCH_OPS,
    ORDER_WAIT_S,
    PROTOCOL_VERSION,
    PUSH_WINDOW,
    BatchTooLarge,
    ErrorReply,
    Hello,
    HelloReply,
    PullReply,
    PullRequest,
    PushBatch,
    PushReply,
    PushRequest,
    ResendReply,
    ResendRequest,
    TokenRequest,
    TokenResponse,
    compress,
    decompress,
    dumps,
    parse_push,
    pick_encoding,
)
from minesales_desktop.sync.server.auth import (
    DEFAULT_TOKEN_TTL,
    AuthError,
    issue_token,
    viewer_for_token,
)
from minesales_desktop.sync.server.scopes import Viewer
from minesales_desktop.sync.server.store import FAULT_ENV, LockHeld, Store, Superseded

log = logging.getLogger(__name__)

#: Seconds a batch waits for its predecessor (``_Sequence``); for tests that need it short.
ORDER_WAIT_ENV = "MINESALES_SYNC_ORDER_WAIT_S"


async def _held_by_fault() -> Path | None:
    """Test-only fault (``FAULT_ENV`` = ``hold-push:DIR``): a push that arrives while the file
    DIR/hold exists is held, read but not yet applied, until DIR/release exists — a request
    the laptop has given up on (timed out) while the server still has it. DIR/held tells the
    test that one is held. Returns DIR for a held push (its handler writes how it ended to
    DIR/held-done), else None. A hold never released fails the request after a minute rather
    than carry on unnoticed."""
    fault = os.environ.get(FAULT_ENV, "")
    if not fault.startswith("hold-push:"):
        return None
    folder = Path(fault.removeprefix("hold-push:"))
    if not (folder / "hold").exists():
        return None
    (folder / "held").touch()
    for _ in range(1200):  # a minute at most
        if (folder / "release").exists():
            return folder
        await asyncio.sleep(0.05)
    _held_done(folder, "never released")
    raise RuntimeError("hold-push fault: the held push was never released")


def _held_done(folder: Path, how: str) -> None:
    """Write DIR/held-done whole (a reader never sees it half-written)."""
    part = folder / "held-done.part"
    part.write_text(how)
    part.replace(folder / "held-done")


MESSAGES: list[type[BaseModel]] = [
    TokenRequest,
    TokenResponse,
    Hello,
    HelloReply,
    PushRequest,
    PushReply,
    PullRequest,
    PullReply,
    ResendRequest,
    ResendReply,
    ErrorReply,
]


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, update_to: str | None = None):
        super().__init__(message)
        self.status = status
        self.reply = ErrorReply(error=error, message=message, update_to=update_to)


def _superseded() -> ApiError:
    return ApiError(
        409,
        "superseded",
        "A newer sync of this computer has pushed already; this batch was not applied.",
    )


def _body(schema: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def _answer(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model}, 401: {"model": ErrorReply}, 426: {"model": ErrorReply}}


class _InFlight:
    """Counts the HTTP requests being answered (a plain ASGI middleware: no per-request task).

    A push that is the only request in flight runs on the event loop instead of the thread pool.
    The hop to a worker thread and back, with the two threads taking turns at the GIL, cost the
    server about a tenth of its CPU time per batch (measured with ``bench/sync_bench.py``: a
    push of 10 000 new customers + contacts 0.88–0.95 s of server CPU in the pool, 0.76–0.83 s
    on the loop). While it runs, nothing else waits: a request that arrives meanwhile is read
    when the batch is done (one batch, ~20 ms), and from then on pushes go to the pool again, so
    many laptops at once are served as before. A write lock another *process* holds (an IT
    ``server-user`` command, a backup tool, a ``sqlite3`` shell left in a write transaction)
    is not waited for on the loop: the batch tries it without waiting
    (``Store.push(wait=False)``) and, held, waits for it in the pool like any other, while the
    server goes on answering. The price left: a batch on the loop that goes through the
    per-op path (the database refused it in bulk) holds up the requests that arrive meanwhile.

    ``direct`` answers a push without FastAPI's routing: the same endpoint (``push`` in
    ``create_app``, registered with FastAPI too, which documents it) with its errors answered
    as the app's exception handlers answer them. Routing, dependency solving and the exception
    middleware took ≈ 7 % of the server's samples during a push of 10 000 new customers +
    contacts (py-spy); without them the server's CPU for it was lower in 10 of 14 interleaved
    ``bench/sync_bench.py`` runs, by ≈ 2 % on average. The middlewares outside this one
    (server errors, FastAPI's body limit) still apply.
    """

    def __init__(
        self,
        app: ASGIApp,
        counter: list[int],
        direct: dict[tuple[str, str], Callable[[Request], Awaitable[Response]]] | None = None,
    ) -> None:
        self.app = app
        self.counter = counter
        self.direct = {} if direct is None else direct  # the caller's own dict (filled later)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.counter[0] += 1
        try:
            endpoint = self.direct.get((scope["method"], scope["path"]))
            if endpoint is None:
                await self.app(scope, receive, send)
                return
            response = await endpoint(Request(scope, receive))
            await response(scope, receive, send)
        finally:
            self.counter[0] -= 1


class _Waiting:
    """Batches waiting for one predecessor (usually one; a re-sent batch may join it)."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.count = 0


class _Sequence:
    """Holds a pushed batch until the batch it follows (``PushRequest.after``) is stored.

    Runs on the event loop only (no lock needed: nothing awaits between looking and waiting).
    A batch is *ended* when its push is answered: stored (applied now or a replay), or refused
    (then a batch waiting for it is answered 409 at once instead of at the timeout). A batch
    whose predecessor is neither ended here nor stored in the database waits up to
    ``ORDER_WAIT_S`` — the predecessor's request was cut and its laptop is sending it again.
    """

    KEEP = 10_000  # recently stored batch ids remembered (after that: the database is asked)

    def __init__(self, store: Store, wait_s: float = ORDER_WAIT_S) -> None:
        self.store = store
        self.wait_s = wait_s
        self.stored: OrderedDict[str, None] = OrderedDict()
        self.refused: OrderedDict[str, None] = OrderedDict()
        self.waiting: dict[str, _Waiting] = {}
        self.parked = 0  # requests waiting here now (``_InFlight``: they do no work)

    def _in_database(self, batch_id: str) -> bool:
        with self.store.reader.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM sync_batches WHERE batch_id = :b"), {"b": batch_id}
            ).first()
            return found is not None

    async def follows(self, after: str) -> bool:
        """Wait until batch ``after`` is stored; False if it was refused or never came."""
        if after in self.stored:
            return True
        if after in self.refused:
            return False
        waiting = self.waiting.setdefault(after, _Waiting())  # before the awaits below
        waiting.count += 1
        self.parked += 1
        try:
            if await run_in_threadpool(self._in_database, after):
                return True
            try:
                await asyncio.wait_for(waiting.event.wait(), self.wait_s)
            except TimeoutError:
                return False
            return after in self.stored
        finally:
            self.parked -= 1
            waiting.count -= 1
            if waiting.count == 0 and self.waiting.get(after) is waiting:
                del self.waiting[after]

    def ended(self, batch_id: str, stored: bool) -> None:
        kept = self.stored if stored else self.refused
        kept[batch_id] = None
        while len(kept) > self.KEEP:
            kept.popitem(last=False)
        if stored:
            self.refused.pop(batch_id, None)
        waiting = self.waiting.pop(batch_id, None)
        if waiting is not None:
            waiting.event.set()


def create_app(store: Store, *, token_ttl: dt.timedelta = DEFAULT_TOKEN_TTL) -> FastAPI:
    app = FastAPI(
        title="MineSales sync server",
        version=APP_VERSION,
        description="Offline-first sync for MineSales Desktop (see docs/sync-protocol.md).",
    )
    in_flight = [0]  # requests being answered now (``_InFlight``)
    sequence = _Sequence(store, float(os.environ.get(ORDER_WAIT_ENV) or ORDER_WAIT_S))
    direct: dict[tuple[str, str], Callable[[Request], Awaitable[Response]]] = {}
    app.add_middleware(_InFlight, counter=in_flight, direct=direct)
    schema_head = head_revision()

    async def read(request: Request, model: type[BaseModel]) -> Any:
        raw = await request.body()
        try:
            data = decompress(raw, request.headers.get("content-encoding", "identity").lower())
            return model.model_validate_json(data)
        except (ValueError, ValidationError) as exc:
            if "max_length" in str(exc) or "at most" in str(exc):
                raise ApiError(
                    413, "batch_too_large", f"a batch may carry {MAX_BATCH_OPS} ops"
                ) from None
            raise ApiError(400, "bad_request", f"malformed request: {exc}") from None

    def reply(request: Request, message: BaseModel | dict[str, Any]) -> Response:
        encoding = pick_encoding(request.headers.get("accept-encoding", ""))
        if isinstance(message, dict):
            raw = orjson.dumps(message)
        else:
            raw = dumps(message.model_dump(mode="json", exclude_none=True))
        data = compress(raw, encoding)
        headers = {} if encoding == "identity" else {"Content-Encoding": encoding}
        return Response(content=data, media_type="application/json", headers=headers)

    def bearer(request: Request) -> str:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise ApiError(401, "unauthorized", "Please sign in.")
        return header[7:].strip()

    async def viewer(request: Request) -> Viewer:
        token = bearer(request)
        try:
            return await run_in_threadpool(viewer_for_token, store, token)
        except AuthError as exc:
            raise ApiError(401, exc.code, exc.message) from None

    def push_as(token: str, batch: PushBatch, wait: bool = True) -> tuple[dict[str, Any], Viewer]:
        """Sign-in check and push in one trip to the thread pool (one hop per batch, not two)."""
        who = viewer_for_token(store, token)
        answer, _replayed = store.push(who, batch, wait=wait)
        return answer, who

    def hello_as(token: str, node: str, cursor: int) -> tuple[Viewer, bool, int]:
        """The sign-in check and what a hello answers: anything to pull, and the head."""
        who = viewer_for_token(store, token)
        return who, store.anything_to_pull(node, cursor), store.head()

    def with_page(
        answer: dict[str, Any], who: Viewer, batch: PushBatch, cursor: int, limit: int
    ) -> dict[str, Any]:
        """The answer with the pull page the batch asks for (``PushRequest.pull``), read after
        the batch is stored. The batch is stored whatever happens here: if the page cannot be
        read, the answer goes out without it and the laptop pulls as it would from an older
        server."""
        try:
            if os.environ.get(FAULT_ENV) == "page-unreadable":  # test-only, see tests/sync
                raise RuntimeError("test fault: the page is not read")
            page = store.pull(who, batch.node, cursor, limit)
            return {**answer, "page": page.model_dump(mode="json", exclude_none=True)}
        except Exception:
            log.exception("the pull page asked for with batch %s could not be read", batch.batch)
            return answer

    def check_schema(schema: str, protocol: int = PROTOCOL_VERSION) -> None:
        if protocol != PROTOCOL_VERSION or schema < schema_head:
            raise ApiError(
                426,
                "update_required",
                f"Please update MineSales to version {APP_VERSION} to sync with this server.",
                update_to=APP_VERSION,
            )
        if schema != schema_head:
            raise ApiError(
                426,
                "server_outdated",
                "The sync server runs an older version than this laptop; ask IT to update it.",
            )

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.reply.model_dump(exclude_none=True), status_code=exc.status)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, exc: OperationalError) -> JSONResponse:
        # The database could not be reached or stayed locked: nothing was changed (the
        # transaction rolled back), so the laptop may simply repeat the request later (503 is
        # retried with backoff).
        log.warning("database busy or unavailable: %s", exc.orig)
        reply = ErrorReply(error="busy", message="The sync server is busy; try again shortly.")
        return JSONResponse(reply.model_dump(exclude_none=True), status_code=503)

    @app.get("/health", summary="Liveness and versions")
    def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": APP_VERSION,
            "schema": schema_head,
            "protocol": PROTOCOL_VERSION,
        }

    @app.post(
        "/auth/token",
        summary="Sign in: a bearer token",
        openapi_extra=_body("TokenRequest"),
        responses=_answer(TokenResponse),
    )
    async def token(request: Request) -> Response:
        req: TokenRequest = await read(request, TokenRequest)
        try:
            issued = await run_in_threadpool(issue_token, store, req.login, req.password, token_ttl)
        except AuthError as exc:
            raise ApiError(401, exc.code, exc.message) from None
        return reply(
            request,
            TokenResponse(
                token=issued.token,
                expires_at=issued.expires_at.isoformat(),
                user_id=issued.viewer.user_id,
                role=issued.viewer.role,
            ),
        )

    @app.post(
        "/sync/hello",
        summary="One round trip: versions, clock, anything to pull?",
        openapi_extra=_body("Hello"),
        responses=_answer(HelloReply),
    )
    async def hello(request: Request) -> Response:
        req: Hello = await read(request, Hello)
        check_schema(req.schema_, req.protocol)
        token = bearer(request)
        try:  # one trip to the thread pool, not three (the sign-in check, then two reads)
            who, pull, head = await run_in_threadpool(hello_as, token, req.node, req.cursor)
        except AuthError as exc:
            raise ApiError(401, exc.code, exc.message) from None
        return reply(
            request,
            HelloReply(
                server_ms=hlc.wall_ms(),
                head=head,
                pull=pull,
                user_id=who.user_id,
                role=who.role,
                window=PUSH_WINDOW,
                session=store.begin_session(req.node),
            ),
        )

    @app.post(
        "/sync/push",
        summary="Push one batch of ops (idempotent by batch and op id)",
        openapi_extra=_body("PushRequest"),
        responses=_answer(PushReply),
    )
    async def push(request: Request) -> Response:
        # Validated by ``parse_push`` (the rules of ``PushRequest``, without a model per op).
        raw = await request.body()
        try:
            data = decompress(raw, request.headers.get("content-encoding", "identity").lower())
            batch = parse_push(data)
        except BatchTooLarge:
            message = f"a batch may carry {MAX_BATCH_OPS} ops"
            raise ApiError(413, "batch_too_large", message) from None
        except ValueError as exc:
            raise ApiError(400, "bad_request", f"malformed request: {exc}") from None
        stored = False
        held: Path | None = None
        try:  # however this batch ends, a batch that follows it learns so (``_Sequence``)
            held = await _held_by_fault()
            check_schema(batch.schema)
            token = bearer(request)
            if store.superseded(batch):  # at once, not after waiting for the batch it follows
                raise _superseded()
            if batch.after is not None and not await sequence.follows(batch.after):
                raise ApiError(
                    409,
                    "out_of_order",
                    "The batch this one follows has not reached the server; send that one first.",
                )
            try:
                # The only request doing work (others may wait in ``sequence``): no thread hop
                # — unless another process holds the write lock (an administrator's command, a
                # backup): then the batch waits for it in the pool, not on the event loop,
                # where every other request would wait with it (up to the busy timeout).
                if in_flight[0] - sequence.parked == 1:
                    try:
                        answer, who = push_as(token, batch, wait=False)
                    except LockHeld:
                        answer, who = await run_in_threadpool(push_as, token, batch)
                else:
                    answer, who = await run_in_threadpool(push_as, token, batch)
                stored = True
            except AuthError as exc:
                raise ApiError(401, exc.code, exc.message) from None
            except Superseded:
                raise _superseded() from None
        finally:
            sequence.ended(batch.batch, stored)
            if held is not None:
                _held_done(held, "stored" if stored else "refused")
        if batch.pull is not None:
            # After ``sequence.ended``: the batch that follows is not kept waiting while the
            # page is read, and the reading is done in the pool, not on the event loop.
            answer = await run_in_threadpool(with_page, answer, who, batch, *batch.pull)
        return reply(request, answer)

    async def push_direct(request: Request) -> Response:
        """``push`` as ``_InFlight`` calls it: an error is answered by the app's handler for its
        nearest class, as FastAPI's exception middleware would; one without a handler goes on
        to the server-error middleware (500)."""
        try:
            return await push(request)
        except Exception as exc:
            for kind in type(exc).__mro__:
                handler = app.exception_handlers.get(kind)
                if handler is not None:
                    answer = handler(request, exc)
                    return await answer if inspect.isawaitable(answer) else answer
            raise

    direct[("POST", "/sync/push")] = push_direct

    @app.post(
        "/sync/pull",
        summary="Pull one page of changes after a cursor",
        openapi_extra=_body("PullRequest"),
        responses=_answer(PullReply),
    )
    async def pull(request: Request) -> Response:
        req: PullRequest = await read(request, PullRequest)
        check_schema(req.schema_)
        who = await viewer(request)
        page = await run_in_threadpool(store.pull, who, req.node, req.cursor, req.limit)
        return reply(request, page)

    @app.post(
        "/sync/resend",
        summary="Log rows again for this user (pulled rows the laptop could not apply)",
        openapi_extra=_body("ResendRequest"),
        responses=_answer(ResendReply),
    )
    async def resend(request: Request) -> Response:
        if os.environ.get(FAULT_ENV) == "no-resend":  # test-only: a server from before it
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        req: ResendRequest = await read(request, ResendRequest)
        check_schema(req.schema_)
        who = await viewer(request)
        logged = await run_in_threadpool(store.resend, who, req.rows)
        return reply(request, ResendReply(logged=logged))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        _, defs = models_json_schema(
            [(m, "validation") for m in MESSAGES], ref_template="#/components/schemas/{model}"
        )
        doc.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
    return app
