"""Stage guides of the standard sales process (标准流程): what to do and what to watch for.

Why data and not code: the department rewrites its guidance as it learns (a new impurity to ask
about, a credit rule), and that must not need a programmer. The texts live in
``resources/stage_guides.json`` inside the package (so a wheel and the frozen app ship them) and a
copy may be edited and loaded from anywhere. Because a half-edited file would otherwise leave a rep
with an empty panel at exactly the stage they need help in, loading is strict: every stage must be
present in Chinese and English with a goal, at least one "do" and one "watch" item, and unknown
keys (a typo such as ``"wacth"``) are refused. A bad file raises :class:`StageGuideError` whose
message names the file and the place of the problem.

Format (``format_version`` 1)::

    {"format_version": 1,
     "stages": {"LEAD": {"zh": {"goal": "…", "do": ["…"], "watch": ["…"]},
                         "en": {"goal": "…", "do": ["…"], "watch": ["…"]}},
                …every Stage code…}}
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from minesales_desktop.messages import translate
from minesales_desktop.models.enums import Stage

__all__ = [
    "FORMAT_VERSION",
    "LANGUAGES",
    "StageGuide",
    "StageGuideError",
    "StageGuides",
    "guide_language",
    "load_stage_guides",
    "parse_stage_guides",
]

FORMAT_VERSION = 1
#: the languages every guide must have, as the file names them
LANGUAGES = ("zh", "en")
_GUIDE_KEYS = ("goal", "do", "watch")
_TOP_KEYS = ("format_version", "about", "stages")


class StageGuideError(ValueError):
    """The stage guides file cannot be used; ``str(err)`` names the file and the problem."""


@dataclass(frozen=True)
class StageGuide:
    """One stage's guide in one language."""

    stage: Stage
    language: str
    goal: str
    do: tuple[str, ...]
    watch: tuple[str, ...]


@dataclass(frozen=True)
class StageGuides:
    """Every stage's guide in every language of :data:`LANGUAGES`."""

    guides: Mapping[tuple[Stage, str], StageGuide]
    source: str

    def for_stage(self, stage: Stage, language: str = "zh_CN") -> StageGuide:
        """The guide of ``stage`` in the user's language (``zh_CN``/``zh`` → zh, else en)."""
        return self.guides[(stage, guide_language(language))]


def guide_language(language: str) -> str:
    """The file's language key for an application language (``zh_CN`` → ``zh``)."""
    return "zh" if language.lower().startswith("zh") else "en"


def _fail(source: str, where: str, problem: str) -> StageGuideError:
    return StageGuideError(f"{source}: {where}: {problem}" if where else f"{source}: {problem}")


def _text(value: object, source: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, translate("StageGuides", "must be a non-empty text"))
    return value.strip()


def _items(value: object, source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(source, where, translate("StageGuides", "must be a list of at least one text"))
    return tuple(_text(item, source, f"{where}[{i}]") for i, item in enumerate(value))


def _guide(stage: Stage, language: str, raw: object, source: str) -> StageGuide:
    where = f"stages.{stage.value}.{language}"
    if not isinstance(raw, dict):
        raise _fail(
            source, where, translate("StageGuides", "must be an object with goal, do and watch")
        )
    for key in raw:
        if key not in _GUIDE_KEYS:
            raise _fail(
                source,
                f"{where}.{key}",
                translate("StageGuides", "unknown field (expected goal, do, watch)"),
            )
    for key in _GUIDE_KEYS:
        if key not in raw:
            raise _fail(source, f"{where}.{key}", translate("StageGuides", "missing"))
    return StageGuide(
        stage=stage,
        language=language,
        goal=_text(raw["goal"], source, f"{where}.goal"),
        do=_items(raw["do"], source, f"{where}.do"),
        watch=_items(raw["watch"], source, f"{where}.watch"),
    )


def parse_stage_guides(data: object, source: str = "stage guides") -> StageGuides:
    """Validate parsed JSON and return the guides, or raise :class:`StageGuideError`."""
    if not isinstance(data, dict):
        raise _fail(source, "", translate("StageGuides", "the file must hold one JSON object"))
    for key in data:
        if key not in _TOP_KEYS:
            raise _fail(source, str(key), translate("StageGuides", "unknown field"))
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise _fail(
                source,
                "format_version",
                translate(
                    "StageGuides", "written by a newer version of the program; please update"
                ),
            )
        raise _fail(
            source,
            "format_version",
            translate("StageGuides", "must be {version}").format(version=FORMAT_VERSION),
        )
    stages = data.get("stages")
    if not isinstance(stages, dict):
        raise _fail(source, "stages", translate("StageGuides", "missing or not an object"))
    known = {s.value for s in Stage}
    for code in stages:
        if code not in known:
            raise _fail(
                source,
                f"stages.{code}",
                translate("StageGuides", "unknown stage (stages are: {stages})").format(
                    stages=", ".join(s.value for s in Stage)
                ),
            )
    missing = [s.value for s in Stage if s.value not in stages]
    if missing:
        raise _fail(
            source,
            "stages",
            translate("StageGuides", "missing the guide of stage(s): {stages}").format(
                stages=", ".join(missing)
            ),
        )
    guides: dict[tuple[Stage, str], StageGuide] = {}
    for stage in Stage:
        entry = stages[stage.value]
        if not isinstance(entry, dict):
            raise _fail(
                source,
                f"stages.{stage.value}",
                translate("StageGuides", "must be an object with zh and en"),
            )
        for language in entry:
            if language not in LANGUAGES:
                raise _fail(
                    source,
                    f"stages.{stage.value}.{language}",
                    translate("StageGuides", "unknown language (expected zh and en)"),
                )
        for language in LANGUAGES:
            if language not in entry:
                raise _fail(
                    source,
                    f"stages.{stage.value}",
                    translate("StageGuides", "missing the {language} guide").format(
                        language=language
                    ),
                )
            guides[(stage, language)] = _guide(stage, language, entry[language], source)
    return StageGuides(guides=guides, source=source)


def _packaged_text() -> str:
    return (
        resources.files("minesales_desktop")
        .joinpath("resources", "stage_guides.json")
        .read_text(encoding="utf-8")
    )


def load_stage_guides(
    source: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> StageGuides:
    """The guides from a file path, an already-parsed mapping, or (``None``) the shipped file."""
    if isinstance(source, Mapping):
        return parse_stage_guides(dict(source), "stage guides")
    if source is None:
        name, text = "stage_guides.json", _packaged_text()
    else:
        path = Path(source)
        name = path.name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(
                name,
                "",
                translate("StageGuides", "cannot be read: {error}").format(error=exc),
            ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            name, "", translate("StageGuides", "not valid JSON: {error}").format(error=exc)
        ) from exc
    return parse_stage_guides(data, name)
