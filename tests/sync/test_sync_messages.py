"""What a sync failure says reaches the person in their language.

The server answers in machine codes with English messages (and refuses changes with English
reasons); the laptop words them. With the Chinese translation installed the way the app installs
it (``install_language``), errors from a real server process — wrong password, account disabled,
update required, unreachable — and a refused change read in Chinese; without it they read in
English. The error codes and reasons the server cannot be made to produce on demand (busy, an
unknown code, the database's own refusals) are checked on the wording functions; busy comes
from a real server whose database another process holds locked.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from minesales_desktop.i18n import install_language
from minesales_desktop.messages import set_language, translate
from minesales_desktop.models.enums import ContractStatus
from minesales_desktop.services import sync_service
from minesales_desktop.sync.client import (
    AuthFailed,
    Credentials,
    SyncClient,
    SyncError,
    SyncUnavailable,
    UpdateRequired,
)
from minesales_desktop.sync.protocol import ErrorReply
from minesales_desktop.sync.reasons import rejection_reason, server_error
from minesales_desktop.sync.server.auth import disable_user
from minesales_desktop.sync.server.store import BUSY_TIMEOUT_ENV
from minesales_desktop.sync.tables import REVOKE_FIELD
from tests.sync.conftest import (
    ServerProcess,
    free_port,
    new_customer,
    server_rows,
)

#: A real server process (``minesales … serve``) on SQLite.
real_server = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _error(laptop: Any, kind: type[SyncError]) -> str:
    with pytest.raises(kind) as caught:
        laptop.sync()
    return str(caught.value)


def _unreachable(laptop: Any) -> SyncClient:
    client: SyncClient = laptop.client
    client.sleep = lambda _s: None
    client.server_url = f"http://127.0.0.1:{free_port()}"
    client.http.base_url = httpx.URL(client.server_url)
    return client


# --- a real server ----------------------------------------------------------------------------
@real_server
def test_errors_of_a_real_server_read_in_chinese(
    chinese: None, server: ServerProcess, laptops: Any
) -> None:
    wrong = laptops("rep1")
    wrong.client.credentials = Credentials("rep1", "not-the-password")
    assert _error(wrong, AuthFailed) == "用户名或密码错误。"
    # what the status bar's tooltip reads later: the last error as it was shown
    assert wrong.sql("SELECT last_error FROM sync_state") == [("用户名或密码错误。",)]

    # Disabled while signed in: the server's "This account is disabled." (code unauthorized).
    rep2 = laptops("rep2")
    rep2.sync()
    store = server.store()
    try:
        disable_user(store, "rep2")
    finally:
        store.dispose()
    assert _error(rep2, AuthFailed) == "此账户已停用，请联系系统管理员。"

    old = laptops("mgr", schema="0002")
    with pytest.raises(UpdateRequired) as update:
        old.sync()
    version = update.value.update_to
    assert version
    assert str(update.value) == f"请将 MineSales 升级到 {version} 版本后再与此服务器同步。"

    gone = laptops("mgr")
    client = _unreachable(gone)
    message = _error(gone, SyncUnavailable)
    assert message.startswith(f"无法连接同步服务器 {client.server_url}（")


@real_server
def test_errors_of_a_real_server_read_in_english(server: ServerProcess, laptops: Any) -> None:
    wrong = laptops("rep1")
    wrong.client.credentials = Credentials("rep1", "not-the-password")
    assert _error(wrong, AuthFailed) == "Wrong user name or password."
    old = laptops("mgr", schema="0002")
    with pytest.raises(UpdateRequired) as update:
        old.sync()
    assert str(update.value) == (
        f"Please update MineSales to version {update.value.update_to} to sync with this server."
    )
    gone = laptops("mgr")
    client = _unreachable(gone)
    assert _error(gone, SyncUnavailable).startswith(
        f"The sync server at {client.server_url} cannot be reached ("
    )


@real_server
def test_an_expired_sign_in_is_renewed_not_shown(
    chinese: None, server: ServerProcess, laptops: Any
) -> None:
    """The client recognises the server's "sign in again" by the server's own words, so the
    translation must not get in the way: an unknown token is renewed silently."""
    a = laptops("rep1")
    a.sync()
    a.client.token = "a-token-the-server-never-issued"
    assert a.sync().cancelled is False
    assert a.client.token != "a-token-the-server-never-issued"


@real_server
def test_a_refused_change_reads_in_chinese_in_the_rejected_list(
    chinese: None, server: ServerProcess, laptops: Any
) -> None:
    rep = laptops("rep1")
    rep.sync()
    rep.sql("UPDATE teams SET region = '东北' WHERE name = '华北钢厂组'")  # a rep may not
    assert rep.sync().rejected == 1
    # the laptop keeps the server's words; the list the window shows words them
    assert [r.reason for r in rep.client.rejected_changes()] == [
        "only an administrator may change users and teams"
    ]
    [shown] = sync_service.list_rejected(rep.path)
    assert shown.reason == "只有管理员可以修改用户和团队"


@real_server
def test_headless_sync_speaks_the_language_asked_for(
    server: ServerProcess, client_template: Path, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.db"
    laptop.write_bytes(client_template.read_bytes())

    def sync(*lang: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "minesales_desktop.sync.cli", *lang, "sync"]
            + ["--db", str(laptop), "--server", server.url, "--user", "rep1"],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "MINESALES_PASSWORD": "nope"},
            stdin=subprocess.DEVNULL,
        )

    chinese = sync("--lang", "zh_CN")
    assert chinese.returncode == 2 and chinese.stderr.strip() == "用户名或密码错误。"
    # The app's own command, the language after the command name as people type it.
    after = subprocess.run(
        [sys.executable, "-m", "minesales_desktop", "sync", "--lang", "zh_CN"]
        + ["--db", str(laptop), "--server", server.url, "--user", "rep1"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "MINESALES_PASSWORD": "nope"},
        stdin=subprocess.DEVNULL,
    )
    assert after.returncode == 2 and after.stderr.strip() == "用户名或密码错误。", after.stderr
    english = sync()
    assert english.returncode == 2 and english.stderr.strip() == "Wrong user name or password."


@real_server
def test_a_busy_server_reads_in_chinese_after_the_retries(
    chinese: None, server: ServerProcess, laptops: Any, tmp_path: Path
) -> None:
    """Another process holds the server database's write lock (an administrator's command, a
    backup): the push is answered 503 busy, retried with backoff, then worded in Chinese;
    nothing is lost, and the next sync takes the change once the lock is gone."""
    server.stop()
    server.start(env={BUSY_TIMEOUT_ENV: "150"})  # the server waits 0.15 s for the lock, not 30
    rep = laptops("rep1")
    rep.sync()
    cid = new_customer(rep, "BUSY1", owner=rep.user_id())
    path = server.db_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        holder.execute("BEGIN IMMEDIATE")  # the write lock, held by another process's connection
        with pytest.raises(SyncUnavailable) as caught:  # still retried, as every 503
            rep.sync()
        assert rep.client.pending_count() > 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(caught.value) == "同步服务器暂时繁忙，请稍后重试。"
    assert server_rows(server, "SELECT id FROM customers WHERE id = :i", i=cid) == []
    rep.sync()
    assert server_rows(server, "SELECT id FROM customers WHERE id = :i", i=cid) == [(cid,)]
    assert rep.client.pending_count() == 0


# --- codes and reasons a server cannot be made to give on demand ------------------------------
@pytest.mark.parametrize(
    ("code", "chinese_text", "english_text"),
    [
        ("busy", "同步服务器暂时繁忙，请稍后重试。", "The sync server is busy at the moment"),
        ("token_expired", "登录已过期，请重新登录。", "Your sign-in has expired"),
        ("server_outdated", "请联系 IT 人员升级服务器", "ask IT to update the server"),
        ("bad_request", "无法识别本机发送的请求", "could not read a request"),
        ("batch_too_large", "拒收了一批更改", "refused a batch of changes"),
        ("out_of_order", "较早的一批更改未送达同步服务器", "did not reach the sync server"),
        ("superseded", "本机的另一次同步在本次发送期间开始", "Another sync of this computer"),
    ],
)
def test_known_codes_are_worded_by_the_laptop(
    qapp: QApplication, code: str, chinese_text: str, english_text: str
) -> None:
    reply = ErrorReply(error=code, message="THE SERVER'S OWN WORDS")
    english = server_error(reply)
    assert english_text in english and reply.message not in english
    locale = QLocale()
    install_language(qapp, "zh_CN")
    try:
        chinese = server_error(reply)
    finally:
        install_language(qapp, "en")
        QLocale.setDefault(locale)
    assert chinese_text in chinese and reply.message not in chinese


def test_an_unknown_code_keeps_the_servers_message(chinese: None) -> None:
    reply = ErrorReply(error="quota_exceeded", message="Daily quota reached.")
    assert server_error(reply) == "同步服务器报告错误：Daily quota reached."


def test_an_unknown_code_in_english() -> None:
    reply = ErrorReply(error="quota_exceeded", message="Daily quota reached.")
    assert server_error(reply) == "The sync server reported an error: Daily quota reached."


def test_rejection_reasons_in_chinese_keep_their_variable_part(chinese: None) -> None:
    set_language("zh_CN")  # the contract status labels follow the user's language too

    def status(code: str) -> str:
        return ContractStatus(code).label()

    assert rejection_reason("your account is disabled") == "你的账户已停用"
    assert (
        rejection_reason("the contract is COMPLETED; its status cannot change", status_label=status)
        == "合同已处于“已完成”状态，不能再更改状态"
    )
    assert (
        rejection_reason(
            "a contract's status cannot move backwards (SIGNED → DRAFT)", status_label=status
        )
        == "合同状态不能回退（已签订 → 草稿）"
    )
    assert (
        rejection_reason("only a manager may change products", table_label=lambda t: "产品")
        == "只有经理可以修改此类记录（产品）"
    )
    detail = "UNIQUE constraint failed: customers.code"
    assert rejection_reason(f"another record already has this value ({detail})") == (
        f"已有其他记录使用此值（{detail}）"
    )
    detail = "value too long for type character varying(200)"
    assert rejection_reason(f"a value is longer than its field allows ({detail})") == (
        f"有数值超出字段允许的长度（{detail}）"
    )
    assert rejection_reason("malformed change: a new row must be an object") == (
        "服务器无法识别此更改：a new row must be an object"
    )
    # a reason this version does not know: the server's words, unchanged
    assert rejection_reason("the moon is in the wrong phase") == "the moon is in the wrong phase"


def test_rejection_reasons_in_english_read_as_the_server_wrote_them() -> None:
    for reason in (
        "only an administrator may change users and teams",
        "outside your rights: you may not see this record",
        "the contract is COMPLETED; its status cannot change",
        "a contract's status cannot move backwards (SIGNED → DRAFT)",
        "a value is out of range (CHECK constraint failed: tier)",
        "something new",
    ):
        assert rejection_reason(reason) == reason
    assert (
        rejection_reason("you may not change password_hash of another user",
                         field_label=lambda f: "Password hash")
        == "you may not change Password hash of another user"
    )  # fmt: skip


def test_inbox_labels_read_in_chinese(chinese: None) -> None:
    """The inbox's own words (field labels, placeholders) are in the translation: they were
    written with a context variable the extractor cannot read, and showed in English."""
    assert sync_service.field_label("quotes", "quote_no") == "报价单号"
    assert sync_service.field_label("customers", REVOKE_FIELD) == "（访问权限已移除）"
    assert translate("SyncLabels", "another user") == "其他用户"
