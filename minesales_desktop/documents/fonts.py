"""The one CJK TrueType font every chart and PDF uses (DESIGN §7: PDFs embed a TrueType CJK
font; charts use the same font).

Where it is looked for, first found wins:

1. the bundled folder ``minesales_desktop/resources/fonts/`` (the installer puts a redistributable
   font there, with its licence), known names first, then any ``.ttf``/``.ttc`` in it;
2. the operating system: Windows Microsoft YaHei (``msyh.ttc``) or SimSun (``simsun.ttc``);
   Linux WenQuanYi Micro Hei (Debian/Ubuntu package ``fonts-wqy-microhei``).

Only TrueType outlines are accepted (``.ttf``/``.ttc``): ReportLab cannot embed CFF-based
OpenType fonts such as Noto Sans CJK. Nothing found → ``CjkFontNotFound`` whose message says what
to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from minesales_desktop.messages import translate

__all__ = [
    "BUNDLED_FONT_DIR",
    "CjkFontNotFound",
    "SYSTEM_FONT_CANDIDATES",
    "find_cjk_font",
    "matplotlib_font_family",
    "register_matplotlib_font",
]

BUNDLED_FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# Preferred file names inside the bundled folder (a redistributable font the build fetches).
BUNDLED_NAMES = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansSC-Regular.ttf")

SYSTEM_FONT_CANDIDATES: tuple[Path, ...] = (
    Path("C:/Windows/Fonts/msyh.ttc"),
    Path("C:/Windows/Fonts/simsun.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)

_TRUETYPE = (".ttf", ".ttc")


class CjkFontNotFound(RuntimeError):
    """No Chinese TrueType font on this machine: charts and PDFs cannot show Chinese."""


def _windows_fonts() -> list[Path]:
    windir = os.environ.get("WINDIR")
    if not windir:
        return []
    return [Path(windir) / "Fonts" / name for name in ("msyh.ttc", "simsun.ttc")]


def _bundled(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    known = [folder / name for name in BUNDLED_NAMES]
    others = sorted(p for p in folder.iterdir() if p.suffix.lower() in _TRUETYPE)
    return known + [p for p in others if p not in known]


def _candidates(bundled_dir: Path, system: Iterable[Path]) -> list[Path]:
    return _bundled(bundled_dir) + _windows_fonts() + list(system)


def find_cjk_font(
    *,
    bundled_dir: Path = BUNDLED_FONT_DIR,
    system: Sequence[Path] = SYSTEM_FONT_CANDIDATES,
) -> Path:
    """The path of the CJK TrueType font to use (see the module docstring for the order)."""
    tried = _candidates(bundled_dir, system)
    for path in tried:
        if path.suffix.lower() in _TRUETYPE and path.is_file():
            return path
    raise CjkFontNotFound(
        translate(
            "Documents",
            "No Chinese TrueType font was found, so charts and PDFs cannot show Chinese. "
            "Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), "
            "or on Windows make sure Microsoft YaHei (msyh.ttc) or SimSun (simsun.ttc) is in "
            "C:\\Windows\\Fonts, or put a .ttf/.ttc font into {folder}. Looked for: {paths}",
        ).format(folder=bundled_dir, paths=", ".join(str(p) for p in tried))
    )


@cache
def _register(path: Path) -> str:
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    # The CJK font first, DejaVu Sans as the per-glyph fallback for anything it lacks.
    rcParams["font.family"] = ["sans-serif"]
    rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    # Draw "-" for negative numbers: U+2212 is missing from some CJK fonts ("Glyph missing").
    rcParams["axes.unicode_minus"] = False
    return family


def register_matplotlib_font(path: Path | None = None) -> str:
    """Make matplotlib draw text in the CJK font (once per process); returns its family name."""
    return _register(path or find_cjk_font())


def matplotlib_font_family() -> str:
    """The family name charts use, registering the font on first use."""
    return register_matplotlib_font()
