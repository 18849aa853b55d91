"""Drives an Anki collection against ``python -m anki.syncserver`` for ``bench/sync_bench.py``.

Runs in the *Anki* bench venv (``pip install anki==26.9.3``), never in the project's venv, and
imports nothing from MineSales. ``sync_bench.py`` starts it as a subprocess and talks JSON lines:
one command per line on stdin, one JSON answer per line on stdout.

    {"cmd": "setup", "dir": D, "endpoint": URL, "user": U, "password": P, "fields": [...]}
        new collection in D, sign in (``col.sync_login``), a note type "Customer" with the given
        fields and one card template, then the first sync, which Anki makes a *full upload*
        (a new collection, and a new note type changes the schema) — with no notes yet.
    {"cmd": "add", "records": FILE}       add one note per record (a JSON list of field lists)
    {"cmd": "edit", "field": F, "values": FILE}   set field F of the i-th note to values[i]
    {"cmd": "sync"}                       one normal sync (``col.sync_collection``), timed
    {"cmd": "quit"}

Local work (adding, editing) is not timed: only the sync is, as for MineSales. Media sync is
off (``sync_media=False``): there is no media, and a media sync runs in the background after the
collection sync, which would blur the counts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from anki.collection import AddNoteRequest, Collection


class Driver:
    def __init__(self) -> None:
        self.col: Collection | None = None
        self.auth: Any = None
        self.note_ids: list[int] = []
        self.notetype: Any = None
        self.fields: list[str] = []

    def setup(self, msg: dict[str, Any]) -> dict[str, Any]:
        folder = Path(msg["dir"])
        folder.mkdir(parents=True, exist_ok=True)
        col = self.col = Collection(str(folder / "collection.anki2"))
        started = time.perf_counter()
        self.auth = col.sync_login(msg["user"], msg["password"], msg["endpoint"])
        login_s = time.perf_counter() - started
        models = col.models
        notetype = models.new("Customer")
        self.fields = list(msg["fields"])
        for name in self.fields:
            models.add_field(notetype, models.new_field(name))
        template = models.new_template("Card 1")
        first, second, last = self.fields[0], self.fields[1], self.fields[-1]
        template["qfmt"] = "{{" + first + "}}<br>{{" + second + "}}"
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{" + last + "}}"
        models.add_template(notetype, template)
        models.add(notetype)
        self.notetype = models.by_name("Customer")
        started = time.perf_counter()
        out = col.sync_collection(self.auth, False)
        full = out.required in (out.FULL_SYNC, out.FULL_UPLOAD)
        if full:
            col.close_for_full_sync()
            col.full_upload_or_download(
                auth=self.auth, server_usn=out.server_media_usn, upload=True
            )
            col.reopen(after_full_sync=True)
        return {
            "login_s": login_s,
            "seconds": time.perf_counter() - started,
            "required": int(out.required),
            "full_upload": full,
        }

    def add(self, msg: dict[str, Any]) -> dict[str, Any]:
        col = self._col()
        records = json.loads(Path(msg["records"]).read_text(encoding="utf-8"))
        deck_id = col.decks.id("Default")
        started = time.perf_counter()
        requests = []
        for values in records:
            note = col.new_note(self.notetype)
            for name, value in zip(self.fields, values, strict=True):
                note[name] = value
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        self.note_ids.extend(int(r.note.id) for r in requests)
        return {
            "seconds": time.perf_counter() - started,
            "notes": col.note_count(),
            "cards": col.card_count(),
        }

    def edit(self, msg: dict[str, Any]) -> dict[str, Any]:
        col = self._col()
        values = json.loads(Path(msg["values"]).read_text(encoding="utf-8"))
        started = time.perf_counter()
        notes = []
        for note_id, value in zip(self.note_ids, values, strict=True):
            note = col.get_note(note_id)  # type: ignore[arg-type]
            note[msg["field"]] = value
            notes.append(note)
        col.update_notes(notes)
        return {"seconds": time.perf_counter() - started, "edited": len(notes)}

    def sync(self, _msg: dict[str, Any]) -> dict[str, Any]:
        col = self._col()
        started = time.perf_counter()
        out = col.sync_collection(self.auth, False)
        seconds = time.perf_counter() - started
        full = out.required in (out.FULL_SYNC, out.FULL_UPLOAD, out.FULL_DOWNLOAD)
        return {"seconds": seconds, "required": int(out.required), "full": full}

    def _col(self) -> Collection:
        assert self.col is not None, "setup first"
        return self.col

    def close(self) -> None:
        if self.col is not None:
            self.col.close()
            self.col = None


def main() -> int:
    driver = Driver()
    commands = {"setup": driver.setup, "add": driver.add, "edit": driver.edit, "sync": driver.sync}
    try:
        for line in sys.stdin:
            msg = json.loads(line)
            if msg["cmd"] == "quit":
                break
            try:
                answer = commands[msg["cmd"]](msg)
                answer["ok"] = True
            except Exception as exc:  # reported to the bench, which stops
                answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
