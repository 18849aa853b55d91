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
  and leaves any other reason as the server wrote it;
- ``server_unreachable`` names why the server could not be reached (refused, no such name, timed
  out, certificate, no network) in a translated phrase; the network's own words go to the log.

Texts are translated when called, so they follow the language the app runs in at the time.
"""

from __future__ import annotations

import errno
import logging
import re
import socket
import ssl
from collections.abc import Callable

import httpx
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


# Why a server could not be reached, as ``network_cause`` tells it from the network's error.
REFUSED = "refused"  # nothing listens at that address and port: the server is not running
NAME_NOT_FOUND = "name_not_found"  # no such name: a typo, or off the network or the VPN
NAME_LOOKUP_FAILED = "name_lookup_failed"  # no name server answered: no connection, usually
TIMED_OUT = "timed_out"
TLS_FAILED = "tls_failed"  # the secure connection failed, a certificate not trusted mostly
NETWORK_UNREACHABLE = "network_unreachable"
OTHER = "other"

# getaddrinfo's "this name does not exist" (POSIX EAI_NONAME, EAI_NODATA; Windows
# WSAHOST_NOT_FOUND, WSANO_DATA), as opposed to "no name server could be asked" (EAI_AGAIN …).
_NAME_NOT_FOUND_ERRNOS = {
    socket.EAI_NONAME,
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME),
    11001,
    11004,
}
# ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN and their Windows (WSA) numbers
_UNREACHABLE_ERRNOS = {
    errno.ENETUNREACH,
    errno.EHOSTUNREACH,
    errno.ENETDOWN,
    getattr(errno, "EHOSTDOWN", errno.EHOSTUNREACH),
    10050,
    10051,
    10064,
    10065,
}
# The same causes in the words of the message, for an error whose chain lost the OS error.
_CAUSE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        NAME_NOT_FOUND,
        (
            "name or service not known",
            "nodename nor servname",
            "no address associated with hostname",
            "getaddrinfo failed",
            "no such host",
        ),
    ),
    (NAME_LOOKUP_FAILED, ("temporary failure in name resolution", "name resolution")),
    (TLS_FAILED, ("certificate", "ssl", "tls")),
    (REFUSED, ("connection refused", "actively refused")),
    (NETWORK_UNREACHABLE, ("network is unreachable", "no route to host", "host is unreachable")),
    (TIMED_OUT, ("timed out", "timeout")),
]


def _cause_of_one(error: BaseException) -> str | None:
    if isinstance(error, socket.gaierror):
        return NAME_NOT_FOUND if error.errno in _NAME_NOT_FOUND_ERRNOS else NAME_LOOKUP_FAILED
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return TLS_FAILED
    if isinstance(error, ConnectionRefusedError):
        return REFUSED
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return TIMED_OUT
    if isinstance(error, OSError) and error.errno in _UNREACHABLE_ERRNOS:
        return NETWORK_UNREACHABLE
    return None


def network_cause(error: BaseException | None) -> str:
    """Why a connection failed (one of the names above), from the exception the network raised:
    the operating system's error it was caused by, or else the words of its message."""
    seen: set[int] = set()
    link = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        cause = _cause_of_one(link)
        if cause is not None:
            return cause
        link = link.__cause__ or link.__context__
    words = str(error).lower() if error is not None else ""
    for cause, phrases in _CAUSE_WORDS:
        if any(phrase in words for phrase in phrases):
            return cause
    return OTHER


_CAUSE_TEXTS: dict[str, str] = {
    REFUSED: QT_TRANSLATE_NOOP("Sync", "the connection was refused; the server may not be running"),
    NAME_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Sync",
        "no server with this name was found; check the server address in the sync settings,"
        " the network or the VPN",
    ),
    NAME_LOOKUP_FAILED: QT_TRANSLATE_NOOP(
        "Sync", "the server's name could not be looked up; check the network connection"
    ),
    TIMED_OUT: QT_TRANSLATE_NOOP("Sync", "the server did not answer in time"),
    TLS_FAILED: QT_TRANSLATE_NOOP(
        "Sync", "the secure connection failed; the server's certificate may not be trusted"
    ),
    NETWORK_UNREACHABLE: QT_TRANSLATE_NOOP("Sync", "this computer has no network connection"),
    OTHER: QT_TRANSLATE_NOOP("Sync", "a network error"),
}


def server_unreachable(server_url: str, error: object, cause: str | None = None) -> str:
    """No answer at all after every retry; ``error`` is the network's own (technical) error.

    The sentence names the cause (``network_cause``, unless given) in the user's language; the
    network's own words go to the log only."""
    if cause is None:
        cause = network_cause(error if isinstance(error, BaseException) else None)
        if cause == OTHER and error is not None and not isinstance(error, BaseException):
            cause = network_cause(Exception(str(error)))  # words handed over as text
    log.info("sync server %s unreachable (%s): %r", server_url, cause, error)
    return translate("Sync", "The sync server at {server} cannot be reached ({error}).").format(
        server=server_url, error=translate(_CONTEXT, _CAUSE_TEXTS[cause])
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
        re.compile(r"a value is longer than its field allows \((?P<detail>.*)\)", re.S),
        QT_TRANSLATE_NOOP("Sync", "a value is longer than its field allows ({detail})"),
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
