"""A push is answered without FastAPI's routing (``app._InFlight.direct``): the same endpoint,
its errors answered as the app's exception handlers answer them. These tests send the same
requests through the direct path and through FastAPI's route (the direct path switched off on
the same app) and compare the answers byte for byte; and they check that pushes really take the
direct path (FastAPI's router never sees them) while every other request still goes through it.

In process (httpx's ASGI transport on the real app and a real SQLite server database): the two
paths are compared on one app, which a server process could not switch between.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from minesales_desktop.db.migrate import head_revision
from minesales_desktop.sync.protocol import compress, dumps
from minesales_desktop.sync.server.app import _InFlight, create_app
from minesales_desktop.sync.server.auth import add_user
from minesales_desktop.sync.server.store import Store

PASSWORD = "Secret-pass-1"
STAMP = 7_262_512_345_678_901


class _CountingApp:
    """Passes every request on to FastAPI's own stack and counts them, by path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.paths: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


class Client:
    """Requests to the app in this process, one event loop per request (as a test needs)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://sync") as http:
                return await http.request(method, path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)


Served = tuple[Client, _InFlight, _CountingApp, str]


@pytest.fixture()
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    # A batch that follows one that never came waits this long before its 409 (read by create_app)
    monkeypatch.setenv("MINESALES_SYNC_ORDER_WAIT_S", "0.2")
    store = Store(f"sqlite:///{tmp_path / 'server.db'}")
    store.prepare()
    add_user(store, "wang", "王经理", "MANAGER", PASSWORD, "华北钢厂组")
    app = create_app(store)
    client = Client(app)
    try:
        login = dumps({"login": "wang", "password": PASSWORD})
        signed = client.post("/auth/token", content=login)
        assert signed.status_code == 200, signed.text
        # The middleware stack exists once a request went through: find our middleware.
        layer: Any = app.middleware_stack
        while not isinstance(layer, _InFlight):
            layer = layer.app
        counting = _CountingApp(layer.app)
        layer.app = counting
        yield client, layer, counting, signed.json()["token"]
    finally:
        store.dispose()


def _customer(code: str) -> dict[str, Any]:
    return {
        "t": "customers",
        "r": str(uuid.uuid4()),
        "f": "*",
        "v": {
            "code": code,
            "name_zh": f"唐山{code}钢铁有限公司",
            "customer_type": "STEEL_MILL",
            "tier": "B",
            "status": "ACTIVE",
            "created_at": "2026-11-27 08:00:00.000000",
            "updated_at": "2026-11-27 08:00:00.000000",
            "is_deleted": 0,
        },
        "h": STAMP,
        "b": 0,
    }


def _requests(token: str) -> list[tuple[str, bytes, dict[str, str]]]:
    """(what, body, headers): one push of each answer the endpoint gives."""
    schema = head_revision()
    auth = {"Authorization": f"Bearer {token}", "Content-Encoding": "zstd"}

    def body(batch: str, ops: list[dict[str, Any]], schema: str = schema) -> bytes:
        return compress(dumps({"node": "n1", "schema": schema, "batch": batch, "ops": ops}), "zstd")

    too_many = [_customer(f"TM{n}") for n in range(501)]
    return [
        ("not JSON", compress(b"{not json", "zstd"), auth),
        ("not compressed as it says", b"plain bytes", auth),
        ("too many ops", body("b-many", too_many), auth),
        ("no token", body("b-none", [_customer("NT1")]), {"Content-Encoding": "zstd"}),
        (
            "a stale token",
            body("b-stale", [_customer("ST1")]),
            {**auth, "Authorization": "Bearer x"},
        ),
        ("an old laptop", body("b-old", [_customer("OL1")], schema="0001"), auth),
        (
            "a batch that follows one never sent",
            compress(
                dumps(
                    {
                        "node": "n1",
                        "schema": schema,
                        "batch": "b-after",
                        "after": "b-never",
                        "ops": [_customer("AF1")],
                    }
                ),
                "zstd",
            ),
            auth,
        ),
        ("a good batch", body("b-good", [_customer("GD1"), _customer("GD2")]), auth),
    ]


def test_a_push_is_answered_the_same_with_and_without_fastapi_routing(served: Served) -> None:
    client, layer, counting, token = served
    direct = dict(layer.direct)
    assert ("POST", "/sync/push") in direct
    requests = _requests(token)  # the very same bodies both times
    answers: dict[str, list[tuple[int, bytes, str | None]]] = {"direct": [], "routed": []}
    for how in ("direct", "routed"):
        layer.direct = direct if how == "direct" else {}
        counting.paths.clear()
        for what, data, headers in requests:
            r = client.post("/sync/push", content=data, headers=headers)
            answers[how].append((r.status_code, r.content, r.headers.get("content-type")))
            if what == "a good batch":
                assert r.status_code == 200, r.text
        routed = counting.paths.count("/sync/push")
        assert routed == (0 if how == "direct" else len(requests)), (how, routed)
    statuses = [a[0] for a in answers["direct"]]
    assert statuses == [400, 400, 413, 401, 401, 426, 409, 200], statuses
    # The routed run repeats the good batch id: a replay, answered from the stored answer.
    assert answers["direct"] == answers["routed"]


def test_other_requests_still_go_through_fastapi(served: Served) -> None:
    client, _layer, counting, token = served
    counting.paths.clear()
    assert client.get("/health").status_code == 200
    assert client.get("/sync/push").status_code == 405  # only POST is answered directly
    assert "/sync/push" in client.get("/openapi.json").json()["paths"]
    hello = {"node": "n1", "schema": head_revision(), "cursor": 0, "client_ms": 0}
    r = client.post(
        "/sync/hello", content=dumps(hello), headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200, r.text
    assert counting.paths == ["/health", "/sync/push", "/openapi.json", "/sync/hello"]
