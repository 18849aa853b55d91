"""Sync benchmark: MineSales against the Anki sync server, side by side (issue 6, "Must show").

    .venv/bin/python bench/sync_bench.py [--records 10000] [--cut-records 2000]
                                         [--link-records 1000] [--skip-anki] [--rounds 1]

One command; about 1.5–3 minutes here, ≈ 20 s more per extra round (the run stops itself after
--deadline seconds, default 540 and 150 more per extra round).
The first run also makes the Anki bench venv (``--anki-venv``, default /tmp/anki-bench-venv:
``python3 -m venv`` + ``pip install anki==26.9.3``, a minute); later runs reuse it. Anki is
*not* a project dependency. Everything listens on 127.0.0.1 only; every process and temp dir
made here is removed at the end (also on Ctrl-C). A benchmark: figures, not pass/fail; not a
test, not in CI.

What is measured, the same way for both
    Both clients talk to their server through one counting TCP proxy on 127.0.0.1 (this file,
    run in a process of its own, with TCP_NODELAY so it adds no Nagle delay), so bytes are what
    goes over the wire — HTTP headers, bodies as compressed by each protocol (MineSales JSON at
    zstd level 3; Anki its own zstd-compressed bodies) — and a *round trip* is one request burst
    followed by its answer burst on a connection. Each client runs in a process of its own
    (``minesales_driver.py``, ``anki_driver.py``), and each server too. Time is the wall time of
    the sync call alone (``SyncClient.sync()``; Anki ``col.sync_collection()``), timed inside
    the driver; making the local edits is not timed on either side. Everything runs on this
    machine (2 cores shared by client, server and proxy), so time is CPU and disk cost, not link
    latency; on a satellite link (≈600 ms RTT, ~100 kB/s) round trips and bytes dominate: see
    the "link" column (an estimate: round trips × RTT + bytes / throughput, as if one request
    were on its way at a time) and the runs over a *simulated* satellite link (--link-records,
    both systems again through a proxy that delays every byte by half the RTT each way and
    passes 100 kB/s each way): time measured there, with MineSales' batches in flight.

The workload
    MineSales: a REP laptop inserts N customers, each with one contact, with every column a
    service would fill (names, pinyin search keys, USCC, address, phones …; keys are UUIDv7 as
    the app makes them), captured by the sync triggers: 2N ops (one ``*`` op per new row). The
    pinyin search keys are local fields (protocol 3): the laptop has them, the wire does not.
    Then N one-field updates (the customer's address, plain SQL: one op each). Then a sync with
    nothing to do.
    Anki: a note type "Customer" whose fields carry exactly the same text values (the customer's
    and its contact's content columns, 24 fields); N notes (Anki also makes one card per note),
    then the same address field edited in every note, then a sync with nothing to do.

What cannot be measured exactly the same way
    - Anki's first sync of a new collection (and after adding a note type) must be a *full
      upload*. The bench therefore full-uploads the empty collection with the note type first
      (shown as "setup", not compared) and measures the 10 000 adds as a normal incremental
      sync, which is what a rep's laptop does after days offline.
    - Ids and timestamps are each protocol's own: MineSales ships UUID keys, owner/customer ids
      and timestamps as columns of the rows; Anki ships integer ids, guid, mtime, usn and a card
      per note. The *content* is byte-for-byte the same (``content`` line).
    - An Anki note edit re-sends the whole note; a MineSales update sends the one field.

Rounds
    Times on this machine wander by ±20 % from run to run (2 cores shared by everything), so one
    run cannot tell whether 0.95× or 1.05× Anki is a difference. ``--rounds K`` repeats the
    pushes (a fresh server and laptop for both systems each round, which system goes first
    alternating) K − 1 more times and prints every round's times and their ratio to Anki, then
    the median of the ratios; the goals' verdicts ("met"/"MISSED") for time are then taken from
    the median ratio, not from the first round.

The cut
    Separate MineSales runs of --cut-records customers against a fresh server each: one clean,
    one where the proxy closes the connection after N bytes *up* (mid-way through the third push
    batch), one where it closes after N bytes *down* (mid-way through the third push answer: the
    server has committed, the answer is lost). The client retries with backoff inside the same
    sync. Reported: the bytes lost in flight (what had to be sent again), the batches re-sent,
    the extra bytes up/down against the clean run (the same to within a few bytes: the runs'
    stamps and batch ids differ) and the push batch size; the server must hold every row
    exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import SimpleQueue
from types import SimpleNamespace
from typing import Any

import httpx
from sqlalchemy import Engine, text

from minesales_desktop.db.engine import make_engine
from minesales_desktop.db.migrate import open_database
from minesales_desktop.ids import IdFactory
from minesales_desktop.textsearch import customer_search_text

ANKI_VERSION = "26.9.3"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LOGIN, PASSWORD = "rep1", "bench-secret"
ANKI_USER, ANKI_PASSWORD = "bench", "bench-secret"
# A satellite link for the "link" column: round trip and throughput each way.
LINK_RTT_S, LINK_BYTES_PER_S = 0.6, 100_000
EDIT_FIELD = "address"


# --- the counting (and cutting) proxy ----------------------------------------------------------
@dataclass
class Exchange:
    """One request burst and its answer on one connection."""

    conn: int
    path: str
    up: int = 0
    down: int = 0
    cut: bool = False


@dataclass
class Tally:
    up: int = 0
    down: int = 0
    round_trips: int = 0
    connections: int = 0
    exchanges: list[Exchange] = field(default_factory=list)


class LinkDirection:
    """One direction of a simulated link: bytes leave one after the other at ``rate`` bytes/s
    (shared by every connection, as one satellite channel is) and arrive ``delay`` seconds
    later. ``due(n)``: when n bytes handed over now arrive at the other end."""

    def __init__(self, delay: float, rate: float) -> None:
        self.delay, self.rate = delay, rate
        self.lock = threading.Lock()
        self.free_at = 0.0

    def due(self, n: int) -> float:
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + n / self.rate
            return self.free_at + self.delay


class Proxy:
    """A TCP proxy on 127.0.0.1 that counts bytes and round trips, and can cut once.

    ``arm(after, direction)`` closes the connection that carries the byte number ``after``
    (counted from the arming) in that direction, after forwarding exactly that many bytes.
    ``link=(rtt, bytes_per_s)`` makes it a satellite link: half the round trip each way and that
    throughput each way (``LinkDirection``); bytes are counted as they leave.
    """

    def __init__(self, target_port: int, link: tuple[float, float] | None = None) -> None:
        self.target_port = target_port
        self.links = (
            None
            if link is None
            else {d: LinkDirection(link[0] / 2, link[1]) for d in ("up", "down")}
        )
        self.lock = threading.Lock()
        self.tally = Tally()
        self.cut_at: tuple[str, int] | None = None
        self.cut_log: list[Exchange] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.closed = False
        self.sockets: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset(self) -> Tally:
        with self.lock:
            old, self.tally = self.tally, Tally()
            return old

    def arm(self, after: int, direction: str) -> None:
        with self.lock:
            base = self.tally.up if direction == "up" else self.tally.down
            self.cut_at = (direction, base + after)

    def _accept(self) -> None:
        number = 0
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            # A proxy must not add Nagle's delay: a request forwarded in two writes (headers,
            # then body) would otherwise wait for the server's delayed ACK, ~40 ms a request.
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            number += 1
            with self.lock:
                self.tally.connections += 1
                self.sockets.update((client, server))
            state: dict[str, Any] = {"last": None, "ex": None, "n": number}
            for src, dst, direction in ((client, server, "up"), (server, client, "down")):
                threading.Thread(
                    target=self._pump,
                    args=(src, dst, direction, state, client, server),
                    daemon=True,
                ).start()

    def _pump(
        self,
        src: socket.socket,
        dst: socket.socket,
        direction: str,
        state: dict[str, Any],
        client: socket.socket,
        server: socket.socket,
    ) -> None:
        queue: SimpleQueue[tuple[float, bytes] | None] | None = None
        writer: threading.Thread | None = None
        if self.links is not None:
            queue = SimpleQueue()
            writer = threading.Thread(target=self._deliver, args=(queue, dst), daemon=True)
            writer.start()
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                cut = False
                with self.lock:
                    t = self.tally
                    if direction == "up" and state["last"] != "up":
                        first_line = data.split(b"\r\n", 1)[0].decode("latin-1")
                        parts = first_line.split(" ")
                        ex = Exchange(state["n"], parts[1] if len(parts) > 1 else first_line)
                        t.exchanges.append(ex)
                        t.round_trips += 1
                        state["ex"] = ex
                    state["last"] = direction
                    total = t.up if direction == "up" else t.down
                    if self.cut_at and self.cut_at[0] == direction:
                        limit = self.cut_at[1]
                        if total + len(data) >= limit:
                            data = data[: max(0, limit - total)]
                            cut = True
                            self.cut_at = None
                    if direction == "up":
                        t.up += len(data)
                    else:
                        t.down += len(data)
                    ex = state["ex"]
                    if ex is not None:
                        if direction == "up":
                            ex.up += len(data)
                        else:
                            ex.down += len(data)
                        if cut:
                            ex.cut = True
                            self.cut_log.append(ex)
                if data and queue is not None and self.links is not None:
                    queue.put((self.links[direction].due(len(data)), data))
                elif data:
                    dst.sendall(data)
                if cut:
                    break
        except OSError:
            pass
        finally:
            if queue is not None and writer is not None:
                queue.put(None)
                writer.join()
            for s in (client, server):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            with self.lock:
                self.sockets.discard(client)
                self.sockets.discard(server)

    @staticmethod
    def _deliver(queue: SimpleQueue[tuple[float, bytes] | None], dst: socket.socket) -> None:
        """The far end of a simulated link: each chunk is handed on when it is due."""
        while (item := queue.get()) is not None:
            due, data = item
            time.sleep(max(0.0, due - time.monotonic()))
            try:
                dst.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self.closed = True
        self.listener.close()
        with self.lock:
            socks = list(self.sockets)
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def json_line_call(
    proc: subprocess.Popen[str], who: str, cmd: str, args: dict[str, Any]
) -> dict[str, Any]:
    """One command to a helper process that speaks JSON lines on stdin/stdout, and its answer."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"{who} died")
    answer: dict[str, Any] = json.loads(line)
    return answer


class ProxyProcess:
    """``Proxy`` in a process of its own (``sync_bench.py --proxy-serve PORT``), driven over
    JSON lines on its stdin/stdout. Both clients then share the machine with the proxy the same
    way: the Anki client runs in its own process, and the MineSales client — which runs in this
    one — does not share its interpreter (and its GIL) with the proxy's pumping threads."""

    def __init__(
        self, procs: Processes, target_port: int, link: tuple[float, float] | None = None
    ) -> None:
        shape = [] if link is None else [str(link[0]), str(link[1])]
        self.proc = procs.start(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--proxy-serve",
                str(target_port),
                *shape,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.port = int(self._call("port")["port"])

    def _call(self, cmd: str, **args: Any) -> dict[str, Any]:
        return json_line_call(self.proc, "the proxy process", cmd, args)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @staticmethod
    def _tally(data: dict[str, Any]) -> Tally:
        ex = [Exchange(**e) for e in data.pop("exchanges")]
        return Tally(**data, exchanges=ex)

    @property
    def tally(self) -> Tally:
        return self._tally(self._call("peek")["tally"])

    def reset(self) -> Tally:
        return self._tally(self._call("reset")["tally"])

    def arm(self, after: int, direction: str) -> None:
        self._call("arm", after=after, direction=direction)

    @property
    def cut_log(self) -> list[Exchange]:
        return [Exchange(**e) for e in self._call("cut_log")["cut_log"]]

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self._call("close")
                self.proc.wait(10)
            except (OSError, RuntimeError, subprocess.TimeoutExpired):
                self.proc.kill()


def serve_proxy(target_port: int, link: tuple[float, float] | None) -> int:
    """The ``--proxy-serve`` mode: one Proxy, commands on stdin (see ``ProxyProcess``)."""
    proxy = Proxy(target_port, link)
    for line in sys.stdin:
        msg = json.loads(line)
        cmd = msg["cmd"]
        answer: dict[str, Any] = {}
        if cmd == "port":
            answer["port"] = proxy.port
        elif cmd in ("peek", "reset"):
            with proxy.lock:
                t = proxy.tally
                if cmd == "reset":
                    proxy.tally = Tally()
            answer["tally"] = {
                "up": t.up, "down": t.down, "round_trips": t.round_trips,
                "connections": t.connections, "exchanges": [vars(e) for e in t.exchanges],
            }  # fmt: skip
        elif cmd == "arm":
            proxy.arm(int(msg["after"]), str(msg["direction"]))
        elif cmd == "cut_log":
            answer["cut_log"] = [vars(e) for e in proxy.cut_log]
        elif cmd == "close":
            proxy.close()
            print(json.dumps(answer), flush=True)
            return 0
        print(json.dumps(answer), flush=True)
    proxy.close()
    return 0


# --- results ----------------------------------------------------------------------------------
@dataclass
class Row:
    system: str
    phase: str
    seconds: float
    up: int
    down: int
    round_trips: int
    note: str = ""
    cpu: tuple[float, float] = (0.0, 0.0)  # (client process, server process) CPU seconds

    @property
    def link_s(self) -> float:
        return self.round_trips * LINK_RTT_S + (self.up + self.down) / LINK_BYTES_PER_S


def measured(
    system: str,
    phase: str,
    proxy: Proxy,
    seconds: float,
    note: str = "",
    cpu: CpuMeter | None = None,
) -> Row:
    t = proxy.reset()
    used = cpu.take() if cpu is not None else (0.0, 0.0)
    return Row(system, phase, seconds, t.up, t.down, t.round_trips, note, used)


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far, all its threads (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU the client's and the server's processes used since the last ``take``: tells how much
    of a phase's wall time each end worked (on this 2-core machine both share the cores)."""

    def __init__(self, client_pid: int, server_pid: int) -> None:
        self.pids = (client_pid, server_pid)
        self.last = self._now()

    def _now(self) -> tuple[float, float]:
        return (process_cpu(self.pids[0]), process_cpu(self.pids[1]))

    def take(self) -> tuple[float, float]:
        now = self._now()
        spent = (now[0] - self.last[0], now[1] - self.last[1])
        self.last = now
        return spent


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB" if n >= 1024 else f"{n} B"


# --- processes and deadline -------------------------------------------------------------------
class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def check(self, what: str) -> None:
        if self.left() <= 0:
            raise TimeoutError(f"the bench ran out of time before {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Processes:
    """Every child started here, stopped in reverse order at the end."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[Any]] = []

    def start(self, cmd: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
        proc = subprocess.Popen(cmd, **kwargs)
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[Any]) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in reversed(list(self.procs)):
            self.stop(proc)


def wait_for_port(port: int, proc: subprocess.Popen[Any], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


# --- the data (same text for both systems) ----------------------------------------------------
PLACES = [
    ("河北省", "唐山市", "丰南区"),
    ("河北省", "邯郸市", "复兴区"),
    ("山东省", "日照市", "岚山区"),
    ("江苏省", "南京市", "六合区"),
    ("辽宁省", "鞍山市", "铁西区"),
    ("内蒙古自治区", "包头市", "昆都仑区"),
    ("湖北省", "武汉市", "青山区"),
    ("安徽省", "马鞍山市", "雨山区"),
    ("江西省", "鹰潭市", "贵溪市"),
    ("云南省", "昆明市", "安宁市"),
]
WORDS = ["金峰", "鑫达", "宏兴", "华创", "恒通", "盛隆", "永昌", "瑞丰", "通达", "天元", "东方"]
KINDS = [
    ("STEEL_MILL", "钢铁"),
    ("CU_SMELTER", "铜业"),
    ("ZN_PB_SMELTER", "铅锌冶炼"),
    ("COKING_PLANT", "焦化"),
    ("TRADER", "矿产贸易"),
]
ROADS = ["钢城大街", "工业路", "港前路", "冶金路", "滨海大道", "建设北路"]
PORTS = ["京唐港", "日照港", "连云港", "营口港", None]
SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen")]
GIVEN = [("建国", "jianguo"), ("海涛", "haitao"), ("丽华", "lihua"), ("志强", "zhiqiang")]
TITLES = [("采购部经理", "采购部", "PURCHASER"), ("总经理", "总经理办公室", "DECISION_MAKER")]
STAMP = "2026-03-02 08:15:00.000000"

CUSTOMER_TEXT = [
    "code", "name_zh", "name_en", "short_name", "uscc", "customer_type", "province", "city",
    "address", "port", "tier", "status", "website", "name_pinyin", "name_initials", "search_text",
]  # fmt: skip
CONTACT_TEXT = [
    "name",
    "title",
    "department",
    "decision_role",
    "phone",
    "mobile",
    "wechat",
    "email",
]
ANKI_FIELDS = CUSTOMER_TEXT + ["contact_" + f for f in CONTACT_TEXT]


def make_records(
    n: int, seed: int, owner_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``n`` customers and one contact each, every column a service would fill. Keys are the
    app's own: UUIDv7 made on the device (``ids.IdFactory``: the same seed gives the same ids),
    one customer a minute and its contact right after it, as a rep enters them."""
    rng = random.Random(seed)
    ids = IdFactory(seed)
    ms = 1_772_439_300_000  # STAMP, in Unix milliseconds
    alnum = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    customers, contacts = [], []
    for i in range(n):
        province, city, district = rng.choice(PLACES)
        word = rng.choice(WORDS)
        kind, kind_zh = rng.choice(KINDS)
        name_zh = f"{city[:-1]}{word}{kind_zh}有限公司"
        code = f"C{seed % 10}{i:06d}"
        surname, py_s = rng.choice(SURNAMES)
        given, py_g = rng.choice(GIVEN)
        title, dept, role = rng.choice(TITLES)
        phone = f"0315-{rng.randrange(10**7, 10**8)}"
        mobile = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
        uscc = "91" + "".join(rng.choice(alnum) for _ in range(16))
        short = f"{city[:-1]}{word}"
        name_en = f"{city[:-1]} {word} {kind.title().replace('_', ' ')} Co., Ltd."
        pinyin, initials, search = customer_search_text(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            short_name=short,
            uscc=uscc,
            phones=[phone, mobile],
        )
        ms += 60_000
        cid = ids.make(ms)
        customers.append(
            {
                "id": cid,
                "code": code,
                "name_zh": name_zh,
                "name_en": name_en,
                "short_name": short,
                "uscc": uscc,
                "customer_type": kind,
                "province": province,
                "city": city,
                "address": f"{province}{city}{district}{rng.choice(ROADS)}{rng.randrange(999)}号",
                "port": rng.choice(PORTS),
                "tier": rng.choice("ABCD"),
                "status": rng.choice(["ACTIVE", "PROSPECT"]),
                "website": f"www.{initials}{i}.com.cn",
                "notes": None,
                "created_at": STAMP,
                "updated_at": STAMP,
                "is_deleted": 0,
                "owner_id": owner_id,
                "name_pinyin": pinyin,
                "name_initials": initials,
                "search_text": search,
            }
        )
        contacts.append(
            {
                "id": ids.make(ms + 1),
                "customer_id": cid,
                "name": surname + given,
                "title": title,
                "department": dept,
                "decision_role": role,
                "phone": phone,
                "mobile": mobile,
                "wechat": f"wx_{py_s}{py_g}{rng.randrange(100, 999)}",
                "email": f"{py_s}.{py_g}@{initials}{i}.com.cn",
                "is_primary": 1,
                "notes": None,
                "created_at": STAMP,
                "updated_at": STAMP,
                "is_deleted": 0,
                "owner_id": owner_id,
            }
        )
    return customers, contacts


def new_addresses(customers: list[dict[str, Any]], seed: int) -> list[str]:
    rng = random.Random(seed + 1000)
    return [
        f"{c['province']}{c['city']}经济开发区{rng.choice(ROADS)}{rng.randrange(1, 999)}号"
        for c in customers
    ]


def anki_record(customer: dict[str, Any], contact: dict[str, Any]) -> list[str]:
    values = [customer[f] for f in CUSTOMER_TEXT] + [contact[f] for f in CONTACT_TEXT]
    return ["" if v is None else str(v) for v in values]


def content_bytes(customers: list[dict[str, Any]], contacts: list[dict[str, Any]]) -> int:
    return sum(
        len(v.encode()) for c, k in zip(customers, contacts, strict=True) for v in anki_record(c, k)
    )


# --- MineSales --------------------------------------------------------------------------------
def minesales_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> None:
    subprocess.run(
        [sys.executable, "-m", "minesales_desktop", *args],
        check=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=REPO,
        timeout=timeout,
    )


class MineSalesServer:
    def __init__(self, procs: Processes, db: Path, log: Path) -> None:
        self.port = free_port()
        with log.open("ab") as out:
            self.proc = procs.start(
                [sys.executable, "-m", "minesales_desktop", "serve", "--db", f"sqlite:///{db}",
                 "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
            )  # fmt: skip
        wait_for_port(self.port, self.proc, log)
        deadline = time.monotonic() + 30
        while httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=2).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the MineSales server is not healthy")
            time.sleep(0.1)


def insert_records(
    engine: Engine, customers: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> None:
    """Insert through plain SQL in one transaction, each customer followed by its contact (as a
    rep enters them); the sync triggers capture every row."""
    statements = []
    for table, rows in (("customers", customers), ("contacts", contacts)):
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        statements.append((sql, cols))
    with engine.begin() as conn:
        for pair in zip(customers, contacts, strict=True):
            for (sql, cols), row in zip(statements, pair, strict=True):
                conn.exec_driver_sql(sql, tuple(row[c] for c in cols))


class Laptop:
    """A laptop database whose sync client runs in its own process (``minesales_driver.py``),
    as the Anki client does; the bench writes the laptop's records into the file itself."""

    def __init__(self, procs: Processes, path: Path, url: str) -> None:
        self.path = path
        self.engine: Engine = make_engine(path)
        self.procs = procs
        self.proc = procs.start(
            [sys.executable, str(HERE / "minesales_driver.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        self._call("open", db=str(path), url=url, login=LOGIN, password=PASSWORD)

    def _call(self, cmd: str, **args: Any) -> dict[str, Any]:
        answer = json_line_call(self.proc, "the MineSales driver", cmd, args)
        if not answer.get("ok"):
            raise RuntimeError(f"MineSales driver, {cmd}: {answer.get('error')}")
        return answer

    def sync(self) -> tuple[SimpleNamespace, float]:
        answer = self._call("sync")
        return SimpleNamespace(**answer["report"]), float(answer["seconds"])

    def pending_count(self) -> int:
        return int(self._call("pending")["pending"])

    def user_id(self) -> str:
        with self.engine.connect() as conn:
            return str(
                conn.execute(text("SELECT id FROM users WHERE login = :l"), {"l": LOGIN}).scalar()
            )

    def close(self) -> None:
        try:
            self._call("quit")
            self.proc.wait(20)
        except (OSError, RuntimeError, subprocess.TimeoutExpired):
            self.procs.stop(self.proc)
        self.engine.dispose()


def make_laptop(procs: Processes, template: Path, path: Path, url: str) -> Laptop:
    shutil.copyfile(template, path)
    return Laptop(procs, path, url)


def server_counts(db: Path) -> tuple[int, int, int]:
    """(customers, contacts, log entries for them) on a server database."""
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            c = conn.execute(text("SELECT count(*) FROM customers")).scalar_one()
            k = conn.execute(text("SELECT count(*) FROM contacts")).scalar_one()
            n = conn.execute(
                text("SELECT count(*) FROM sync_log WHERE tbl IN ('customers', 'contacts')")
            ).scalar_one()
            return int(c), int(k), int(n)
    finally:
        engine.dispose()


def prepare_minesales(work: Path) -> tuple[Path, Path]:
    """A server database with the REP account, and a migrated laptop database."""
    server_db = work / "server-template.db"
    minesales_cli(
        "server-user", "add", "--db", f"sqlite:///{server_db}", "--login", LOGIN,
        "--name", "李强", "--role", "REP", "--team", "华北钢厂组",
        env={"MINESALES_PASSWORD": PASSWORD},
    )  # fmt: skip
    laptop_db = work / "laptop-template.db"
    open_database(laptop_db).dispose()
    return server_db, laptop_db


def run_minesales(
    work: Path,
    procs: Processes,
    templates: tuple[Path, Path],
    n: int,
    dl: Deadline,
    link: tuple[float, float] | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    server_template, laptop_template = templates
    db = work / "server-main.db"
    shutil.copyfile(server_template, db)
    server = MineSalesServer(procs, db, work / "server-main.log")
    proxy = ProxyProcess(procs, server.port, link)
    laptop = make_laptop(procs, laptop_template, work / "laptop-main.db", proxy.url)
    rows: list[Row] = []
    info: dict[str, Any] = {}
    cpu = CpuMeter(laptop.proc.pid, server.proc.pid)
    try:
        report, seconds = laptop.sync()
        rows.append(measured("MineSales", "setup: sign in + first pull", proxy, seconds, cpu=cpu))
        customers, contacts = make_records(n, 1, laptop.user_id())
        info["content"] = content_bytes(customers, contacts)
        insert_records(laptop.engine, customers, contacts)
        ops = laptop.pending_count()
        dl.check("the MineSales push")
        cpu.take()
        report, seconds = laptop.sync()
        assert report.applied == ops == 2 * n, (report, ops)
        info["push_requests"] = [e for e in proxy.tally.exchanges if e.path == "/sync/push"]
        rows.append(
            measured(
                "MineSales", f"push {n:,} new customers + contacts", proxy, seconds,
                f"{ops:,} ops, {report.batches_sent} batches, client counted"
                f" {report.round_trips} requests", cpu,
            )
        )  # fmt: skip
        addresses = new_addresses(customers, 1)
        with laptop.engine.begin() as conn:
            conn.execute(
                text(f"UPDATE customers SET {EDIT_FIELD} = :v WHERE id = :i"),
                [{"v": a, "i": c["id"]} for a, c in zip(addresses, customers, strict=True)],
            )
        ops = laptop.pending_count()
        dl.check("the MineSales update push")
        cpu.take()
        report, seconds = laptop.sync()
        assert report.applied + report.merged == ops == n, (report, ops)
        rows.append(
            measured(
                "MineSales", f"push {n:,} one-field updates", proxy, seconds,
                f"{ops:,} ops, {report.batches_sent} batches, client counted"
                f" {report.round_trips} requests", cpu,
            )
        )  # fmt: skip
        report, seconds = laptop.sync()
        assert report.pushed == 0 and report.pulled == 0
        rows.append(
            measured(
                "MineSales", "no-op sync", proxy, seconds,
                f"client counted {report.round_trips} request(s)", cpu,
            )
        )  # fmt: skip
        c, k, logged = server_counts(db)
        info["server"] = (c, k, logged)
    finally:
        laptop.close()
        proxy.close()
        procs.stop(server.proc)
    return rows, info


@dataclass
class CutResult:
    label: str
    up: int
    down: int
    round_trips: int
    seconds: float
    retries: int
    resent_batches: int
    lost: Exchange | None
    server: tuple[int, int, int]


def run_cut(
    work: Path,
    procs: Processes,
    templates: tuple[Path, Path],
    n: int,
    label: str,
    arm: Callable[[Proxy], None] | None,
) -> tuple[CutResult, list[Exchange]]:
    server_template, laptop_template = templates
    tag = label.split()[0]
    db = work / f"server-cut-{tag}.db"
    shutil.copyfile(server_template, db)
    server = MineSalesServer(procs, db, work / f"server-cut-{tag}.log")
    proxy = ProxyProcess(procs, server.port)
    laptop = make_laptop(procs, laptop_template, work / f"laptop-cut-{tag}.db", proxy.url)
    try:
        laptop.sync()
        customers, contacts = make_records(n, 7, laptop.user_id())
        insert_records(laptop.engine, customers, contacts)
        proxy.reset()
        if arm is not None:
            arm(proxy)
        report, seconds = laptop.sync()
        assert laptop.pending_count() == 0
        tally = proxy.reset()
        lost = proxy.cut_log[0] if proxy.cut_log else None
        result = CutResult(
            label, tally.up, tally.down, tally.round_trips, seconds, report.retries,
            report.batches_resent, lost, server_counts(db),
        )  # fmt: skip
        return result, tally.exchanges
    finally:
        laptop.close()
        proxy.close()
        procs.stop(server.proc)


# --- Anki -------------------------------------------------------------------------------------
def ensure_anki_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import importlib.metadata as m; print(m.version('anki'))"]
    if python.exists():
        got = subprocess.run(probe, capture_output=True, text=True)
        if got.returncode == 0 and got.stdout.strip() == ANKI_VERSION:
            return python
    print(f"making the Anki bench venv {venv} (anki=={ANKI_VERSION}) …", flush=True)
    base = shutil.which("python3") or sys.executable
    subprocess.run([base, "-m", "venv", "--clear", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"anki=={ANKI_VERSION}"],
        check=True,
        timeout=300,
    )
    return python


class AnkiDriver:
    def __init__(self, procs: Processes, python: Path, log: Path) -> None:
        self.err = log.open("wb")
        self.proc = procs.start(
            [str(python), str(HERE / "anki_driver.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.err,
            text=True,
            encoding="utf-8",
        )
        self.log = log

    def call(self, timeout: float, **msg: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(msg) + "\n")
        self.proc.stdin.flush()
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout=max(1.0, timeout)):
                raise TimeoutError(f"the Anki driver did not answer {msg['cmd']!r} in time")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the Anki driver died: {self.log.read_text(errors='replace')}")
        answer: dict[str, Any] = json.loads(line)
        if not answer.get("ok"):
            raise RuntimeError(f"Anki driver, {msg['cmd']}: {answer.get('error')}")
        return answer

    def close(self) -> None:
        if self.proc.poll() is None and self.proc.stdin is not None:
            try:
                self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(20)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.err.close()


def run_anki(
    work: Path,
    procs: Processes,
    python: Path,
    n: int,
    dl: Deadline,
    link: tuple[float, float] | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    base = work / "anki-server"
    base.mkdir()
    port = free_port()
    log = work / "anki-server.log"
    env = {
        **os.environ,
        "SYNC_USER1": f"{ANKI_USER}:{ANKI_PASSWORD}",
        "SYNC_HOST": "127.0.0.1",
        "SYNC_PORT": str(port),
        "SYNC_BASE": str(base),
        "RUST_LOG": "warn",
    }
    with log.open("wb") as out:
        server = procs.start(
            [str(python), "-m", "anki.syncserver"], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    wait_for_port(port, server, log)
    proxy = ProxyProcess(procs, port, link)
    driver = AnkiDriver(procs, python, work / "anki-driver.log")
    rows: list[Row] = []
    info: dict[str, Any] = {}
    cpu = CpuMeter(driver.proc.pid, server.pid)
    try:
        customers, contacts = make_records(n, 1, str(uuid.UUID(int=1)))
        info["content"] = content_bytes(customers, contacts)
        records = work / "anki-records.json"
        records.write_text(
            json.dumps([anki_record(c, k) for c, k in zip(customers, contacts, strict=True)]),
            encoding="utf-8",
        )
        edits = work / "anki-edits.json"
        edits.write_text(json.dumps(new_addresses(customers, 1)), encoding="utf-8")
        got = driver.call(
            dl.left(), cmd="setup", dir=str(work / "anki-client"), endpoint=proxy.url + "/",
            user=ANKI_USER, password=ANKI_PASSWORD, fields=ANKI_FIELDS,
        )  # fmt: skip
        note = "full upload of the empty collection" if got["full_upload"] else "normal sync"
        rows.append(
            measured(
                "Anki",
                "setup: sign in + first sync",
                proxy,
                got["login_s"] + got["seconds"],
                note,
                cpu,
            )
        )
        added = driver.call(dl.left(), cmd="add", records=str(records))
        dl.check("the Anki push")
        cpu.take()
        got = driver.call(dl.left(), cmd="sync")
        assert not got["full"], "Anki asked for a full sync instead of a normal one"
        rows.append(
            measured(
                "Anki", f"push {n:,} new notes", proxy, got["seconds"],
                f"{added['notes']:,} notes + {added['cards']:,} cards, normal sync", cpu,
            )
        )  # fmt: skip
        driver.call(dl.left(), cmd="edit", field=EDIT_FIELD, values=str(edits))
        dl.check("the Anki update push")
        cpu.take()
        got = driver.call(dl.left(), cmd="sync")
        rows.append(
            measured("Anki", f"push {n:,} one-field note edits", proxy, got["seconds"],
                     "whole notes are sent", cpu)
        )  # fmt: skip
        got = driver.call(dl.left(), cmd="sync")
        rows.append(measured("Anki", "no-op sync", proxy, got["seconds"], cpu=cpu))
    finally:
        driver.close()
        procs.stop(driver.proc)
        proxy.close()
        procs.stop(server)
    return rows, info


# --- report -----------------------------------------------------------------------------------
def print_table(rows: list[Row]) -> None:
    head = (
        f"| {'system':<9} | {'phase':<38} | {'time':>8} | {'up':>11} | {'down':>11} |"
        f" {'round trips':>11} | {'link':>7} | {'CPU client + server':>19} | note"
    )
    print(head)
    print("|" + "|".join("-" * len(c) for c in head.split("|")[1:-1]) + "|---|")
    for r in rows:
        print(
            f"| {r.system:<9} | {r.phase:<38} | {r.seconds:>6.2f} s | {kb(r.up):>11} |"
            f" {kb(r.down):>11} | {r.round_trips:>11} | {r.link_s:>5.0f} s |"
            f" {r.cpu[0]:>6.2f} + {r.cpu[1]:>5.2f} s   | {r.note}"
        )


def compare(
    ms: list[Row], anki: list[Row], time_ratios: dict[str, float] | None = None
) -> list[str]:
    """The goals' verdicts; ``time_ratios`` (adds/updates → median ratio over rounds) replaces
    the first round's time ratio when several rounds ran."""
    lines = []
    for m, a, what in zip(ms[1:3], anki[1:3], ["adds", "updates"], strict=True):
        verdicts = []
        for name, mv, av in (
            ("time", m.seconds, a.seconds),
            ("bytes", m.up + m.down, a.up + a.down),
            ("round trips", m.round_trips, a.round_trips),
        ):
            ratio = mv / av if av else float("inf")
            label = name
            if name == "time" and time_ratios is not None:
                ratio, label = time_ratios[what], "time (median of the rounds)"
            verdicts.append(f"{label} {ratio:.2f}× Anki ({'met' if ratio <= 1 else 'MISSED'})")
        lines.append(f"push {what}: " + ", ".join(verdicts))
    noop = ms[3]
    ok = noop.round_trips == 1 and noop.up + noop.down < 1024
    lines.append(
        f"no-op sync: {noop.round_trips} round trip, {noop.up + noop.down} B"
        f" ({'met' if ok else 'MISSED'}: one round trip under 1 KB)"
    )
    return lines


def run_rounds(
    work: Path,
    procs: Processes,
    templates: tuple[Path, Path],
    anki_python: Path,
    n: int,
    first: tuple[list[Row], list[Row]],
    rounds: int,
    dl: Deadline,
) -> tuple[dict[str, float], list[str]]:
    """Rounds 2 … ``rounds`` of both systems' pushes (``--rounds``): the median ratio to Anki
    of the adds' and the updates' times, and the lines that show every round."""
    pairs = [first]
    for k in range(2, rounds + 1):
        dl.check(f"round {k}")
        print(f"Round {k} of {rounds} …", flush=True)
        rwork = work / f"round-{k}"
        rwork.mkdir()
        if k % 2:  # MineSales first, as in round 1
            ms = run_minesales(rwork, procs, templates, n, dl)[0]
            anki = run_anki(rwork, procs, anki_python, n, dl)[0]
        else:
            anki = run_anki(rwork, procs, anki_python, n, dl)[0]
            ms = run_minesales(rwork, procs, templates, n, dl)[0]
        pairs.append((ms, anki))
    lines = [
        f"Rounds ({rounds}; a fresh server and laptop for each system in each round):",
        "",
        "| round | MineSales adds | Anki adds | ratio | MineSales updates | Anki updates | ratio |",
        "|------:|---------------:|----------:|------:|------------------:|-------------:|------:|",
    ]
    ratios: dict[str, list[float]] = {"adds": [], "updates": []}
    for k, (ms, anki) in enumerate(pairs, start=1):
        cells = []
        for what, m, a in (("adds", ms[1], anki[1]), ("updates", ms[2], anki[2])):
            ratios[what].append(m.seconds / a.seconds)
            cells.append(f"{m.seconds:.2f} s | {a.seconds:.2f} s | {ratios[what][-1]:.2f}×")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    medians = {what: statistics.median(values) for what, values in ratios.items()}
    for what, values in ratios.items():
        at_or_below = sum(1 for r in values if r <= 1)
        lines.append(
            f"{what}: median {medians[what]:.2f}× Anki, {min(values):.2f}–{max(values):.2f}×,"
            f" at or below Anki in {at_or_below} of {len(values)} rounds"
        )
    lines.append("")
    return medians, lines


@contextmanager
def interrupts_raise() -> Iterator[None]:
    def _raise(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    old = {sig: signal.signal(sig, _raise) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def main() -> int:
    if len(sys.argv) in (3, 5) and sys.argv[1] == "--proxy-serve":
        link = (float(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) == 5 else None
        return serve_proxy(int(sys.argv[2]), link)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000, help="customers / notes (10000)")
    parser.add_argument(
        "--cut-records", type=int, default=2_000, help="customers per cut run (2000; at least 501)"
    )
    parser.add_argument("--anki-venv", type=Path, default=Path("/tmp/anki-bench-venv"))
    parser.add_argument("--skip-anki", action="store_true", help="MineSales and the cut only")
    parser.add_argument(
        "--link-records",
        type=int,
        default=1_000,
        help="customers / notes for the runs over a simulated satellite link (1000; 0: none)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat the pushes of both systems this many times in all; time verdicts from the"
        " median ratio (1)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=None,
        help="stop after this many s (540, and 150 more per extra round)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (for debugging)")
    args = parser.parse_args()
    # The cut is made in the third push batch (500 ops, two per customer): fewer customers would
    # fail only after the timed runs, or on an empty insert.
    if args.cut_records < 501:
        parser.error("--cut-records must be at least 501: the cut needs three push batches")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    dl = Deadline(args.deadline or 540 + 150 * max(0, args.rounds - 1))
    work = Path(tempfile.mkdtemp(prefix="minesales-sync-bench-"))
    procs = Processes()
    with interrupts_raise():
        try:
            return run(args, work, procs, dl)
        finally:
            procs.stop_all()
            if args.keep:
                print(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path, procs: Processes, dl: Deadline) -> int:
    n = args.records
    started = time.perf_counter()
    anki_python = None if args.skip_anki else ensure_anki_venv(args.anki_venv)
    templates = prepare_minesales(work)
    print(f"MineSales: {n:,} customers + contacts …", flush=True)
    ms_rows, ms_info = run_minesales(work, procs, templates, n, dl)
    anki_rows: list[Row] = []
    anki_info: dict[str, Any] = {}
    if anki_python is not None:
        dl.check("Anki")
        print(f"Anki {ANKI_VERSION}: {n:,} notes …", flush=True)
        anki_rows, anki_info = run_anki(work, procs, anki_python, n, dl)
    medians: dict[str, float] | None = None
    round_lines: list[str] = []
    if anki_python is not None and args.rounds > 1:
        medians, round_lines = run_rounds(
            work, procs, templates, anki_python, n, (ms_rows, anki_rows), args.rounds, dl
        )

    link_rows: list[Row] = []
    if args.link_records:
        link = (LINK_RTT_S, LINK_BYTES_PER_S)
        print(f"Both over a simulated satellite link: {args.link_records:,} records …", flush=True)
        dl.check("the link runs")
        lwork = work / "link"
        lwork.mkdir()
        ms_link = run_minesales(lwork, procs, templates, args.link_records, dl, link)[0]
        link_rows = ms_link
        if anki_python is not None:
            dl.check("Anki over the link")
            anki_link = run_anki(lwork, procs, anki_python, args.link_records, dl, link)[0]
            link_rows = [r for pair in zip(ms_link, anki_link, strict=True) for r in pair]

    print(f"MineSales cut runs: {args.cut_records:,} customers + contacts each …", flush=True)
    dl.check("the cut runs")
    clean, exchanges = run_cut(work, procs, templates, args.cut_records, "clean", None)
    pushes = [e for e in exchanges if e.path == "/sync/push"]
    if len(pushes) < 3:
        raise SystemExit("--cut-records is too small: the cut needs at least three push batches")
    up_before = sum(e.up for e in exchanges[: exchanges.index(pushes[2])])
    down_before = sum(e.down for e in exchanges[: exchanges.index(pushes[2])])
    cut_up_at = up_before + pushes[2].up // 2
    cut_down_at = down_before + pushes[2].down // 2
    dl.check("the up cut")
    cut_up, up_exchanges = run_cut(
        work, procs, templates, args.cut_records, "up-cut mid-request",
        lambda p: p.arm(cut_up_at, "up"),
    )  # fmt: skip
    dl.check("the down cut")
    cut_down, down_exchanges = run_cut(
        work, procs, templates, args.cut_records, "down-cut mid-answer (committed)",
        lambda p: p.arm(cut_down_at, "down"),
    )  # fmt: skip

    print()
    print(
        f"Sync benchmark, {n:,} records — MineSales {__import__('minesales_desktop').__version__}"
        f" vs Anki {ANKI_VERSION} sync server, both on 127.0.0.1 behind the same counting proxy"
    )
    print(f"link = round trips × {LINK_RTT_S * 1000:.0f} ms + bytes at {LINK_BYTES_PER_S // 1000}"
          " kB/s (a satellite link, computed, not measured)")  # fmt: skip
    print()
    rows = [r for pair in zip(ms_rows, anki_rows, strict=False) for r in pair] or ms_rows
    if len(ms_rows) != len(anki_rows):
        rows = ms_rows + anki_rows
    print_table(rows)
    print()
    content = ms_info["content"]
    print(
        f"content: {kb(content)} of text values in both ({content / n:.0f} B per customer +"
        " contact = per note); MineSales rows add UUID keys, owner/customer ids and timestamps"
    )
    mpush = ms_info["push_requests"]
    sizes = sorted(e.up for e in mpush)
    print(
        f"MineSales push batches: {len(mpush)} × ≤500 ops, request {kb(sizes[0])} … {kb(sizes[-1])}"
        f" (mean {kb(sum(sizes) // len(sizes))})"
    )
    c, k, logged = ms_info["server"]
    print(
        f"MineSales server after the run: {c:,} customers, {k:,} contacts, {logged:,} log entries"
    )
    if anki_rows:
        print()
        for line in round_lines:
            print(line)
        for line in compare(ms_rows, anki_rows, medians):
            print(line)
    if link_rows:
        print()
        print(
            f"Over a simulated satellite link ({args.link_records:,} records; the proxy delays"
            f" every byte by half of a {LINK_RTT_S * 1000:.0f} ms round trip each way and passes"
            f" {LINK_BYTES_PER_S // 1000} kB/s each way; time measured, the link column is the"
            " estimate above for comparison):"
        )
        print()
        print_table(link_rows)

    print()
    batch_sizes = sorted(e.up for e in pushes)
    batch_answers = sorted(e.down for e in pushes)
    print(
        f"Cut mid-push ({args.cut_records:,} customers + contacts = {2 * args.cut_records:,} ops in"
        f" {len(pushes)} batches; push request {kb(batch_sizes[0])} … {kb(batch_sizes[-1])},"
        f" answer {kb(batch_answers[0])} … {kb(batch_answers[-1])})"
    )
    head = (
        f"| {'run':<33} | {'time':>8} | {'up':>10} | {'down':>10} | {'round trips':>11} |"
        f" {'lost in flight':>21} | {'extra up':>10} | {'extra down':>10} | {'resent':>6} |"
        " server rows / log entries"
    )
    print(head)
    print("|" + "|".join("-" * len(c) for c in head.split("|")[1:-1]) + "|---|")
    for r in (clean, cut_up, cut_down):
        lost = "-" if r.lost is None else f"{kb(r.lost.up)} up, {kb(r.lost.down)} dn"
        print(
            f"| {r.label:<33} | {r.seconds:>6.2f} s | {kb(r.up):>10} | {kb(r.down):>10} |"
            f" {r.round_trips:>11} | {lost:>21} | {kb(max(0, r.up - clean.up)):>10} |"
            f" {kb(max(0, r.down - clean.down)):>10} | {r.resent_batches:>6} |"
            f" {r.server[0]:,} + {r.server[1]:,} / {r.server[2]:,}"
        )
    print()
    # One batch = the biggest push request of the runs compared (the compressed size of a batch
    # differs by a few bytes between runs: its random batch id and the records' own ids).
    biggest = max(e.up for e in (*pushes, *up_exchanges, *down_exchanges) if e.path == "/sync/push")
    # What had to be sent again is what the cut wasted: the bytes of the exchange it cut (the
    # client then re-sends that one batch). "extra up" against the clean run says the same to
    # within a few bytes: the runs' stamps and batch ids differ, so their bodies compress a
    # little differently.
    for r in (cut_up, cut_down):
        wasted = r.lost.up if r.lost is not None else 0
        ok = wasted <= biggest and r.resent_batches <= 1 and r.server == clean.server
        print(
            f"{r.label}: batches re-sent {r.resent_batches}, {kb(wasted)} up lost in flight"
            f" against a {kb(biggest)} batch; extra up against the clean run {kb(r.up - clean.up)}"
            f" ({'met' if ok else 'MISSED'}: at most one batch, nothing lost or doubled)"
        )
    print(f"\nbench wall time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
