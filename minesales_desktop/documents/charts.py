"""matplotlib charts shared by the performance tab (a Qt canvas) and the PDFs (``savefig``).

Each chart is a ``draw_*(figure, data, …)`` function that clears the figure and draws into it,
so the tab redraws its one canvas and a PDF draws into a fresh ``new_figure()``. No pyplot (no
global figure state), no Qt. Text is drawn in the CJK font of ``fonts.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from matplotlib.figure import Figure

from minesales_desktop.documents.fonts import register_matplotlib_font
from minesales_desktop.messages import translate

__all__ = [
    "BAR_GOOD",
    "BAR_LOW",
    "BAR_WARN",
    "RankedMember",
    "draw_kpi_completion",
    "draw_team_ranking",
    "new_figure",
]

BAR_GOOD = "#2e7d32"  # at or above target
BAR_WARN = "#f9a825"  # 80–99 % of target
BAR_LOW = "#c62828"  # below 80 %
GRID = "#d0d0d0"
DISPLAY_CAP = Decimal(150)  # longer bars are drawn to here; the label shows the real figure


class CompletionLine(Protocol):
    """What the completion chart needs of a KPI line (``KpiLineDTO`` and ``AppraisalLineDTO``)."""

    @property
    def completion_pct(self) -> Decimal | None: ...

    def name(self, lang: str | None = None) -> str: ...


class RankedMember(Protocol):
    """One bar of the team ranking: a name, a total score and a grade."""

    @property
    def label(self) -> str: ...

    @property
    def total_score(self) -> Decimal: ...

    @property
    def grade(self) -> str: ...


def new_figure(width_in: float = 6.4, height_in: float = 4.0, dpi: int = 100) -> Figure:
    """A figure drawn in the CJK font (registered on first use)."""
    register_matplotlib_font()
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")


def _colour(pct: Decimal) -> str:
    if pct >= 100:
        return BAR_GOOD
    return BAR_WARN if pct >= 80 else BAR_LOW


def draw_kpi_completion(
    figure: Figure,
    lines: Sequence[CompletionLine],
    *,
    title: str = "",
    lang: str | None = None,
) -> None:
    """Completion (% of target) per KPI as horizontal bars, first KPI on top, with the 100 %
    line; a KPI without a completion (no target or no data) shows "—" and no bar."""
    register_matplotlib_font()
    figure.clear()
    ax = figure.add_subplot()
    names = [ln.name(lang) for ln in lines]
    values = [ln.completion_pct for ln in lines]
    shown = [float(min(v, DISPLAY_CAP)) if v is not None else 0.0 for v in values]
    colours = [_colour(v) if v is not None else GRID for v in values]
    positions = list(range(len(lines)))
    ax.barh(positions, shown, color=colours, height=0.6)
    ax.set_yticks(positions, labels=names)
    ax.invert_yaxis()
    ax.axvline(100, color="#455a64", linestyle="--", linewidth=1)
    ax.set_xlim(0, float(DISPLAY_CAP) * 1.18)
    ax.set_xlabel(translate("Charts", "Completion (% of target)"))
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    for y, (value, width) in enumerate(zip(values, shown, strict=True)):
        text = "—" if value is None else f"{value:.1f}%"
        ax.text(width + 2, y, text, va="center", fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    if not lines:
        ax.text(
            0.5,
            0.5,
            translate("Charts", "No KPIs are defined."),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )


def draw_team_ranking(
    figure: Figure,
    members: Sequence[RankedMember],
    *,
    band_floors: Sequence[tuple[str, Decimal]] = (),
    title: str = "",
) -> None:
    """Total score per member, best first, with the grade band floors as dotted lines."""
    register_matplotlib_font()
    figure.clear()
    ax = figure.add_subplot()
    labels = [m.label for m in members]
    totals = [float(m.total_score) for m in members]
    positions = list(range(len(members)))
    colours = [_colour(m.total_score) for m in members]
    ax.barh(positions, totals, color=colours, height=0.6)
    ax.set_yticks(positions, labels=labels)
    ax.invert_yaxis()
    top = max([100.0, *totals]) * 1.15
    ax.set_xlim(0, top)
    for grade, floor in band_floors:
        if floor > 0:
            ax.axvline(float(floor), color="#90a4ae", linestyle=":", linewidth=1)
            ax.text(
                float(floor) + 0.8,
                0.99,
                grade,
                ha="left",
                va="top",
                fontsize=8,
                color="#607d8b",
                transform=ax.get_xaxis_transform(),
            )
    for y, member in enumerate(members):
        ax.text(
            float(member.total_score) + 1,
            y,
            f"{member.total_score:.2f} {member.grade}",
            va="center",
            fontsize=8,
        )
    ax.set_xlabel(translate("Charts", "Total score"))
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    if not members:
        ax.text(
            0.5,
            0.5,
            translate("Charts", "Nobody in the team yet."),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
