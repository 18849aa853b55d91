"""Stage guides are data: the shipped file is complete, and a bad edit is refused by name."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from minesales_desktop.models.enums import Stage
from minesales_desktop.services.stage_guides import (
    StageGuideError,
    guide_language,
    load_stage_guides,
    parse_stage_guides,
)


def _shipped() -> dict[str, Any]:
    text = (
        resources.files("minesales_desktop")
        .joinpath("resources", "stage_guides.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def test_shipped_file_has_every_stage_in_both_languages() -> None:
    guides = load_stage_guides()
    for stage in Stage:
        zh = guides.for_stage(stage, "zh_CN")
        en = guides.for_stage(stage, "en")
        assert zh.language == "zh" and en.language == "en"
        assert zh.goal and en.goal and zh.do and zh.watch and en.do and en.watch
        # Chinese first: the zh guide is really Chinese, the en one is not.
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.goal)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.goal)
    assert "quote" in " ".join(guides.for_stage(Stage.QUOTED, "en").do).lower()


def test_language_mapping() -> None:
    assert guide_language("zh_CN") == "zh"
    assert guide_language("zh") == "zh"
    assert guide_language("en") == "en"
    assert guide_language("en_US") == "en"


def test_missing_stage_is_refused_naming_it() -> None:
    data = _shipped()
    del data["stages"]["NEGOTIATION"]
    with pytest.raises(StageGuideError) as err:
        parse_stage_guides(data, "my_guides.json")
    assert "my_guides.json" in str(err.value)
    assert "NEGOTIATION" in str(err.value)
    assert "missing" in str(err.value)


def test_missing_language_is_refused_naming_stage_and_language() -> None:
    data = _shipped()
    del data["stages"]["QUOTED"]["en"]
    with pytest.raises(StageGuideError, match=r"stages\.QUOTED: missing the en guide"):
        parse_stage_guides(data, "my_guides.json")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["stages"]["LEAD"]["zh"].pop("watch"), r"stages\.LEAD\.zh\.watch: missing"),
        (
            lambda d: d["stages"]["LEAD"]["en"].__setitem__("do", []),
            r"stages\.LEAD\.en\.do: must be a list of at least one text",
        ),
        (
            lambda d: d["stages"]["WON"]["en"].__setitem__("wacth", ["x"]),
            r"stages\.WON\.en\.wacth: unknown field",
        ),
        (
            lambda d: d["stages"].__setitem__("SIGNED", d["stages"]["WON"]),
            r"stages\.SIGNED: unknown stage",
        ),
        (
            lambda d: d["stages"]["LOST"].__setitem__("fr", d["stages"]["LOST"]["en"]),
            r"stages\.LOST\.fr: unknown language",
        ),
        (
            lambda d: d["stages"]["SAMPLE"]["zh"].__setitem__("goal", "  "),
            r"stages\.SAMPLE\.zh\.goal: must be a non-empty text",
        ),
        (lambda d: d.__setitem__("format_version", 2), r"format_version: .*please update"),
    ],
)
def test_bad_edits_are_refused_with_the_place(edit: Any, expected: str) -> None:
    data = copy.deepcopy(_shipped())
    edit(data)
    with pytest.raises(StageGuideError, match=expected):
        parse_stage_guides(data, "guides.json")


def test_files_load_and_broken_json_says_so(tmp_path: Path) -> None:
    good = tmp_path / "stage_guides.json"
    data = _shipped()
    data["stages"]["LEAD"]["en"]["goal"] = "Our own words."
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_stage_guides(good).for_stage(Stage.LEAD, "en").goal == "Our own words."

    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "stages": {', encoding="utf-8")
    with pytest.raises(StageGuideError, match=r"broken\.json: not valid JSON"):
        load_stage_guides(broken)
    with pytest.raises(StageGuideError, match=r"absent\.json: cannot be read"):
        load_stage_guides(tmp_path / "absent.json")
