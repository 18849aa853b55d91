"""Sync fixtures: a real server process on 127.0.0.1 (SQLite or a throwaway PostgreSQL cluster),
laptop databases copied from one migrated template, and helpers to compare replicas."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session

from minesales_desktop.db.engine import make_engine, make_session_factory
from minesales_desktop.db.migrate import open_database
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import Actor, actor_for
from minesales_desktop.sync.client import Credentials, RetryPolicy, SyncClient, SyncReport
from minesales_desktop.sync.protocol import PullReply, PullRequest
from minesales_desktop.sync.server.auth import add_user
from minesales_desktop.sync.server.store import Store
from minesales_desktop.sync.tables import codec, synced_tables


def _pg_bin() -> Path:
    """The newest PostgreSQL server installed the Debian way (``postgresql``: 15 on bookworm,
    17 on trixie), or ``MINESALES_PG_BIN``."""
    override = os.environ.get("MINESALES_PG_BIN")
    if override:
        return Path(override)
    found = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
PASSWORD = "secret"
FAST_RETRY = RetryPolicy(attempts=8, first_delay=0.02, max_delay=0.2, timeout=10)
# Everyone but the admin: (login, name, role, team)
STAFF = [
    ("admin", "系统管理员", "ADMIN", None),
    ("mgr", "王经理", "MANAGER", "华北钢厂组"),
    ("rep1", "李强", "REP", "华北钢厂组"),
    ("rep2", "赵敏", "REP", "华北钢厂组"),
    ("rep3", "陈刚", "REP", "有色冶炼组"),
]


NO_SUCH_HOST = "http://no-such-host.invalid"


@pytest.fixture
def no_such_host(monkeypatch: pytest.MonkeyPatch) -> str:
    """``NO_SUCH_HOST`` does not resolve, as a resolver says of a name that does not exist
    (EAI_NONAME) — also on a machine without DNS, where a real lookup would fail otherwise."""
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return NO_SUCH_HOST


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- PostgreSQL -------------------------------------------------------------------------------
@dataclass
class PgCluster:
    base: Path
    port: int

    def url(self, db: str) -> str:
        # TCP on 127.0.0.1, not the socket dir: db/migrate.py hands the URL to Alembic's
        # ConfigParser, which chokes on the %-escapes a socket path needs.
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def admin(self, sql: str) -> None:
        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if not (PG_BIN / "initdb").exists():
        message = f"PostgreSQL server binaries not installed at {PG_BIN} (Debian: postgresql)"
        if os.environ.get("MINESALES_REQUIRE_PG"):  # .ci/run: a skip would hide the tests
            pytest.fail(message)
        pytest.skip(message)
    base = Path(tempfile.mkdtemp(prefix="minesales-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        ),
        check=True,
        capture_output=True,
    )
    opts = (
        f"-c fsync=off -c full_page_writes=off -c synchronous_commit=off -p {port}"
        f" -k {base} -c listen_addresses=127.0.0.1"
    )
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-w",
                "-l",
                str(base / "log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    cluster = PgCluster(base, port)
    try:
        cluster.admin("CREATE DATABASE server_template")
        _prepare_server(cluster.url("server_template"))
        yield cluster
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


# --- server databases -------------------------------------------------------------------------
def _prepare_server(url: str) -> None:
    store = Store(url)
    try:
        store.prepare()
        for login, name, role, team in STAFF:
            add_user(store, login, name, role, PASSWORD, team)
    finally:
        store.dispose()


@pytest.fixture(scope="session")
def sqlite_server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server-template") / "server.db"
    _prepare_server(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def client_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("client-template") / "laptop.db"
    open_database(path).dispose()
    return path


class ServerProcess:
    """``python -m minesales_desktop.sync.cli serve`` on a free port of 127.0.0.1."""

    def __init__(self, db_url: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.db_url = db_url
        self.log = log
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, env: dict[str, str] | None = None, port: int | None = None) -> ServerProcess:
        self.port = port or free_port()
        full_env = {**os.environ, **self.env, **(env or {})}
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "minesales_desktop.sync.cli",
                    "serve",
                    "--db",
                    self.db_url,
                    "--port",
                    str(self.port),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=full_env,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def engine(self) -> Engine:
        return make_engine(self.db_url)

    def store(self) -> Store:
        return Store(self.db_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh server database (with the staff accounts) for the chosen backend."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_server_template")
        path = tmp_path / "server.db"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = "t_" + uuid.uuid4().hex[:12]
    cluster.admin(f"CREATE DATABASE {name} TEMPLATE server_template")
    return cluster.url(name)


@pytest.fixture
def server(server_db: str, tmp_path: Path) -> Iterator[ServerProcess]:
    proc = ServerProcess(server_db, tmp_path / "server.log").start()
    try:
        yield proc
    finally:
        proc.stop()


# --- laptops ----------------------------------------------------------------------------------
@dataclass
class Laptop:
    name: str
    path: Path
    engine: Engine
    client: SyncClient
    login: str
    outcomes: list[Any] = field(default_factory=list)

    def sync(self, **kwargs: Any) -> Any:
        report = self.client.sync(**kwargs)
        self.outcomes.extend(report.outcomes)
        return report

    def sql(self, statement: str, **params: Any) -> Any:
        with self.engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else None

    def user_id(self, login: str | None = None) -> str:
        rows = self.sql("SELECT id FROM users WHERE login = :l", l=login or self.login)
        return str(rows[0][0])

    def close(self) -> None:
        self.client.close()
        self.engine.dispose()


@pytest.fixture
def laptops(client_template: Path, tmp_path: Path, server: ServerProcess) -> Iterator[Any]:
    made: list[Laptop] = []

    def make(login: str, name: str | None = None, **kwargs: Any) -> Laptop:
        name = name or f"{login}-{len(made)}"
        path = tmp_path / f"{name}.db"
        shutil.copyfile(client_template, path)
        engine = make_engine(path)
        kwargs.setdefault("retry", FAST_RETRY)
        client = SyncClient(engine, server.url, Credentials(login, PASSWORD), **kwargs)
        laptop = Laptop(name, path, engine, client, login)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


def table_state(
    engine: Engine, tables: list[str] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row as wire values, sorted — comparable between SQLite and PostgreSQL."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for tbl in tables or list(synced_tables()):
            tc = codec(tbl)
            rows = conn.execute(select(tc.storage)).mappings().all()
            encoded = []
            for row in rows:
                values = tc.encode_row({k: v for k, v in row.items() if k != "id"})
                if tbl == "users":
                    values.pop("password_hash", None)
                encoded.append((row["id"], tuple(sorted(values.items()))))
            out[tbl] = sorted(encoded)
    return out


DOMAIN_TABLES = [
    "customers",
    "contacts",
    "activities",
    "opportunities",
    "contracts",
    "payments",
    "users",
    "teams",
]


def server_state(server: ServerProcess, tables: list[str] | None = None) -> dict:
    """``table_state`` of the server's database (the domain tables unless told)."""
    engine = server.engine()
    try:
        return table_state(engine, tables or DOMAIN_TABLES)
    finally:
        engine.dispose()


def converged(server: ServerProcess, *laptops: Laptop, tables: list[str] | None = None) -> None:
    """Every laptop holds exactly the server's rows (the domain tables unless told)."""
    expected = server_state(server, tables)
    for laptop in laptops:
        assert table_state(laptop.engine, tables or DOMAIN_TABLES) == expected, laptop.name


def server_rows(server: ServerProcess, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows a query returns on the server's database."""
    engine = server.engine()
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def new_customer(laptop: Laptop, code: str, owner: str | None = None, **fields: Any) -> str:
    """A customer made the way the services make it (all columns, stored values); its id, unless
    ``id=`` gives one (two laptops making one keyed row)."""
    cid = str(uuid.uuid4())
    values = {
        "id": cid,
        "code": code,
        "name_zh": fields.pop("name_zh", f"客户{code}"),
        "customer_type": "STEEL_MILL",
        "tier": "A",
        "status": "ACTIVE",
        "created_at": "2026-01-01 00:00:00.000000",
        "updated_at": "2026-01-01 00:00:00.000000",
        "is_deleted": 0,
        "name_pinyin": "",
        "name_initials": "",
        "search_text": "",
        "owner_id": owner,
    }
    values.update(fields)
    cols = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    laptop.sql(f"INSERT INTO customers ({cols}) VALUES ({marks})", **values)
    return str(values["id"])


def new_contact(laptop: Laptop, customer_id: str, name: str) -> str:
    kid = str(uuid.uuid4())
    laptop.sql(
        "INSERT INTO contacts (id, customer_id, name, is_primary, created_at, updated_at,"
        " is_deleted) VALUES (:id, :c, :n, 0, '2026-01-01 00:00:00.000000',"
        " '2026-01-01 00:00:00.000000', 0)",
        id=kid,
        c=customer_id,
        n=name,
    )
    return kid


def pull_only(laptop: Laptop) -> None:
    """The pull half of a sync (``SyncClient.sync`` pushes first): another laptop's rows
    arriving while this laptop's own changes are still queued."""
    client = laptop.client
    node = client._ensure_node()
    cursor = client._cursor()
    while True:
        request = PullRequest(node=node, schema=client.schema, cursor=cursor, limit=100)
        page = client._post("/sync/pull", request, PullReply, SyncReport())
        client._apply_page(node, page)
        cursor = page.cursor
        if not page.more:
            return


@contextmanager
def as_user(laptop: Laptop) -> Iterator[tuple[Session, Actor]]:
    """A service call the way the app makes it: one session, one transaction, as the user."""
    with make_session_factory(laptop.engine)() as session:
        user = session.scalars(select(User).where(User.login == laptop.login)).one()
        yield session, actor_for(user)
        session.commit()
