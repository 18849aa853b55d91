"""The CJK font for ReportLab: the TrueType file ``fonts.find_cjk_font`` chose, embedded.

Why not ReportLab's built-in CID fonts (``STSong-Light``): they are *not* embedded, so a PDF
opened on a machine without the Adobe Asian font pack (most Windows PCs in a mine office, every
printer driver that rasterises) shows empty boxes or substitutes. A registered ``TTFont`` is
subset and embedded into every PDF, so the sheet prints the same everywhere (DESIGN §7).

A ``.ttc`` collection holds several faces; the first (``subfontIndex=0``) is the proportional
regular face in every collection we look for (msyh, simsun, wqy-microhei). CJK fonts rarely ship
a bold face, so the "bold" of the family is the same face: headings get weight from their size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from minesales_desktop.documents.fonts import CjkFontNotFound, find_cjk_font
from minesales_desktop.messages import translate

__all__ = ["PDF_FONT_NAME", "CjkFontNotFound", "PdfFont", "register_pdf_font"]

PDF_FONT_NAME = "MineSalesCJK"


@dataclass(frozen=True)
class PdfFont:
    """What the documents need to know of the registered font."""

    name: str  # the ReportLab font name (use as fontName in styles)
    path: Path  # the file it came from (shown in a report footer and in errors)


@cache
def _register(path: Path) -> PdfFont:
    subfont = 0 if path.suffix.lower() == ".ttc" else None
    try:
        if subfont is None:
            font = TTFont(PDF_FONT_NAME, str(path))
        else:
            font = TTFont(PDF_FONT_NAME, str(path), subfontIndex=subfont)
    except (TTFError, OSError) as exc:
        raise CjkFontNotFound(
            translate(
                "Documents",
                "The font {path} cannot be used for PDFs ({error}). Install WenQuanYi Micro Hei "
                "(Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or put another TrueType "
                "(.ttf/.ttc) Chinese font into the application's fonts folder.",
            ).format(path=path, error=exc)
        ) from exc
    pdfmetrics.registerFont(font)
    # One face for all four styles: <b> in a Paragraph must not fall back to Helvetica (tofu).
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(PDF_FONT_NAME, bold, italic, PDF_FONT_NAME)
    return PdfFont(PDF_FONT_NAME, path)


def register_pdf_font(path: Path | None = None) -> PdfFont:
    """Register the CJK TrueType font with ReportLab (once per process) and return it.

    Raises ``CjkFontNotFound`` — whose message names what to install — when there is no usable
    font; callers show that message instead of producing a PDF full of boxes."""
    return _register(path or find_cjk_font())
