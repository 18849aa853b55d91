"""What the sync server says, worded on the laptop in the user's language.

The server is language-neutral. An error reply carries a machine code (``ErrorReply.error``:
``unauthorized``, ``token_expired``, ``bad_request``, ``batch_too_large``, ``busy``,
``update_required``, ``server_outdated``, ``out_of_order``, ``superseded``) beside an English
message meant for logs and IT; a refused change carries an English reason
(``sync/server/store.py``). The laptop translates both:

- ``server_error`` turns a code into one translated sentence; the server's own message is kept
  only as the detail of a code this version does not know (it goes to the log otherwise);
- ``rejection_reason`` turns the reasons the server is known to give into translated sentences,
  keeping their variable part (a field, a table, a contract status, the database's own words),
  and leaves any other reason as the server wrote it.

Texts are translated when called, so they follow the language the app runs in at the time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError

from minesales_desktop.messages import QT_TRANSLATE_NOOP, translate
from minesales_desktop.sync.protocol import ErrorReply

log = logging.getLogger(__name__)
_CONTEXT = "Sync"

Label = Callable[[str], str]


def _same(value: str) -> str:
    return value


# --- error replies ----------------------------------------------------------------------------
def server_error(reply: ErrorReply) -> str:
    """The sentence to show for an error reply of the server, in the user's language."""
    code, message = reply.error, reply.message
    if code == "unauthorized":
        # One code for several causes; the server's wording tells them apart (as the client's
        # "sign in again" check does), and its messages are part of the protocol.
        if message == "Wrong user name or password.":
            return translate("Sync", "Wrong user name or password.")
        if message == "This account is disabled.":
            return translate("Sync", "This account is disabled; ask your administrator.")
        return translate("Sync", "Please sign in again.")
    log.info("sync server error %s: %s", code, message)  # the server's words, for IT
    if code == "token_expired":
        return translate("Sync", "Your sign-in has expired; please sign in again.")
    if code == "busy":
        return server_busy()
    if code == "update_required":
        if reply.update_to:
            return translate(
                "Sync", "Please update MineSales to version {version} to sync with this server."
            ).format(version=reply.update_to)
        return translate("Sync", "Please update MineSales to sync with this server.")
    if code == "server_outdated":
        return translate(
            "Sync",
            "The sync server runs an older version of MineSales than this computer; "
            "ask IT to update the server.",
        )
    if code == "bad_request":
        return translate(
            "Sync", "The sync server could not read a request from this computer; please tell IT."
        )
    if code == "out_of_order":
        return translate(
            "Sync",
            "An earlier batch of changes from this computer did not reach the sync server; "
            "please sync again.",
        )
    if code == "superseded":
        return translate(
            "Sync",
            "Another sync of this computer started while this one was still sending, so this "
            "one stopped. Nothing is lost: changes it did not send go with the next sync.",
        )
    if code == "batch_too_large":
        return translate(
            "Sync", "The sync server refused a batch of changes as too large; please tell IT."
        )
    return translate("Sync", "The sync server reported an error: {message}").format(
        message=message or code
    )


def server_busy() -> str:
    return translate("Sync", "The sync server is busy at the moment; please try again shortly.")


def server_status(status: int) -> str:
    """An error answer that is not the server's error reply (a proxy's page, say)."""
    return translate("Sync", "The sync server answered with an error (HTTP {status}).").format(
        status=status
    )


def server_unavailable(server_url: str, status: int, content: bytes) -> str:
    """A 502/503/504 answer, still so after every retry: busy, or the server is not there."""
    try:
        code = ErrorReply.model_validate_json(content).error
    except ValidationError:
        code = ""
    if code == "busy":
        return server_busy()
    return translate(
        "Sync", "The sync server at {server} is not available at the moment (HTTP {status})."
    ).format(server=server_url, status=status)


def server_unreachable(server_url: str, error: object) -> str:
    """No answer at all after every retry; ``error`` is the network's own (technical) words."""
    return translate("Sync", "The sync server at {server} cannot be reached ({error}).").format(
        server=server_url, error=error
    )


def unreadable_answer(error: object) -> str:
    """An answer this version cannot read (a newer or broken server); ``error`` says what."""
    return translate(
        "Sync", "The server sent an answer this version of MineSales cannot read: {error}"
    ).format(error=error)


# --- rejected changes -------------------------------------------------------------------------
# The reasons of store.py word for word (English source = the server's text, so an English
# laptop shows what it always showed).
_FIXED: dict[str, str] = {
    "your account is disabled": QT_TRANSLATE_NOOP("Sync", "your account is disabled"),
    "only an administrator may change users and teams": QT_TRANSLATE_NOOP(
        "Sync", "only an administrator may change users and teams"
    ),
    "approving a contract needs the manager role": QT_TRANSLATE_NOOP(
        "Sync", "approving a contract needs the manager role"
    ),
    "outside your rights: you may not see this record": QT_TRANSLATE_NOOP(
        "Sync", "outside your rights: you may not see this record"
    ),
    "outside your rights: you could not see this record": QT_TRANSLATE_NOOP(
        "Sync", "outside your rights: you could not see this record"
    ),
    "outside your rights: the change would move the record out of your view": QT_TRANSLATE_NOOP(
        "Sync", "outside your rights: the change would move the record out of your view"
    ),
    "the record does not exist on the server": QT_TRANSLATE_NOOP(
        "Sync", "the record does not exist on the server"
    ),
    "duplicate op id": QT_TRANSLATE_NOOP("Sync", "the same change was sent twice"),
    # the client's own word when a rejection came without a reason
    "refused": QT_TRANSLATE_NOOP("Sync", "refused by the server"),
}

# (the server's pattern, the translatable text with the same named parts)
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"unknown table (?P<table>.+)", re.S),
        QT_TRANSLATE_NOOP("Sync", "the server does not know this kind of record ({table})"),
    ),
    (
        re.compile(r"malformed change: (?P<detail>.*)", re.S),
        QT_TRANSLATE_NOOP("Sync", "the server could not read the change: {detail}"),
    ),
    (
        re.compile(r"you may not change (?P<field>.+) of another user", re.S),
        QT_TRANSLATE_NOOP("Sync", "you may not change {field} of another user"),
    ),
    (
        re.compile(r"only a manager may change (?P<table>.+)", re.S),
        QT_TRANSLATE_NOOP("Sync", "only a manager may change this kind of record ({table})"),
    ),
    (
        re.compile(r"the contract is (?P<status>.+); its status cannot change", re.S),
        QT_TRANSLATE_NOOP("Sync", "the contract is {status}; its status cannot change"),
    ),
    (
        re.compile(
            r"a contract's status cannot move backwards \((?P<old>.+) → (?P<new>.+)\)", re.S
        ),
        QT_TRANSLATE_NOOP("Sync", "a contract's status cannot move backwards ({old} → {new})"),
    ),
    (
        re.compile(r"another record already has this value \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "another record already has this value ({detail})"),
    ),
    (
        re.compile(r"it refers to a record the server does not have \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "it refers to a record the server does not have ({detail})"),
    ),
    (
        re.compile(r"a value is out of range \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "a value is out of range ({detail})"),
    ),
    (
        re.compile(r"a required value is missing \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "a required value is missing ({detail})"),
    ),
    (
        re.compile(r"the database refused it \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "the server's database refused it ({detail})"),
    ),
]


def database_words(exc: DBAPIError) -> str:
    """The database's own words for a statement it refused: the first line of the driver's
    message (PostgreSQL adds a DETAIL line), as reasons quote them."""
    return str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)


def duplicate_value_reason(detail: str) -> str:
    """The reason of a change refused on a unique value, worded as the server words it
    (``store._integrity_reason``; ``detail``: the database's own words) — for a new row the
    laptop refuses itself when a pulled row already holds the value (``client``): stored as the
    server's reasons are, and shown through ``rejection_reason`` like them."""
    return f"another record already has this value ({detail})"


def rejection_reason(
    reason: str,
    *,
    table_label: Label = _same,
    field_label: Label = _same,
    status_label: Label = _same,
) -> str:
    """The server's reason for refusing a change, in the user's language.

    The labels word the variable parts (the server names tables, fields and contract statuses
    by their codes); details quoted from the server's database are kept as they are. A reason
    this version does not know is returned unchanged.
    """
    fixed = _FIXED.get(reason)
    if fixed is not None:
        return translate(_CONTEXT, fixed)
    for pattern, text in _PATTERNS:
        found = pattern.fullmatch(reason)
        if found is None:
            continue
        parts = found.groupdict()
        if "table" in parts:
            parts["table"] = table_label(parts["table"])
        if "field" in parts:
            parts["field"] = field_label(parts["field"])
        for name in ("status", "old", "new"):
            if name in parts:
                parts[name] = status_label(parts[name])
        return translate(_CONTEXT, text).format(**parts)
    return reason
