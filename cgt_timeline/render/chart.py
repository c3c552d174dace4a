"""A Gantt picture for slides (PNG, SVG, PDF), drawn with matplotlib (optional extra)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from ..engine import Estimate
from .gantt import phases

JURISDICTION_COLOURS = {"US": "#1f4e9c", "EU": "#2a9d8f", "CN": "#c0392b", "JP": "#8e44ad"}
PHASE_ALPHA = {
    "designation": 0.25,
    "review": 0.9,
    "clock-stop": 0.35,
    "decision": 0.6,
    "risk": 0.45,
}
HATCHES = {"clock-stop": "///", "risk": "xxx"}
RISK_EDGE = "#b03a2e"  # the delay of a risk event the plan counts
FORMATS = (".png", ".svg", ".pdf")


class MissingMatplotlib(ImportError):
    """matplotlib is not installed."""


def draw(estimates: Sequence[Estimate], path: Path, *, title: str, today: date | None) -> None:
    """Draw one bar per pathway (phases shaded, milestones marked with their dates)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch
    except ImportError as exc:
        raise MissingMatplotlib(str(exc)) from None

    bars = [(e, phases(e)) for e in estimates]
    bars = [(e, segments) for e, segments in bars if segments]
    rows = [e for e, _ in bars]
    height = 1.2 + 0.55 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(11, height), dpi=150)
    for y, (e, segments) in enumerate(reversed(bars)):
        colour = JURISDICTION_COLOURS.get(e.pathway.jurisdiction, "#555555")
        for s in segments:
            ax.barh(
                y,
                (s.end - s.start).days or 1,
                left=mdates.date2num(s.start),
                height=0.5,
                color=colour,
                alpha=PHASE_ALPHA[s.phase],
                hatch=HATCHES.get(s.phase),
                edgecolor=RISK_EDGE if s.phase == "risk" else "white",
                linewidth=0.4,
            )
        for m in e.milestones:
            if m.kind in ("submission", "approval"):
                x = mdates.date2num(m.date)
                ax.plot(
                    x,
                    y,
                    marker="D" if m.kind == "approval" else "o",
                    color="black",
                    markersize=5 if m.kind == "approval" else 3.5,
                    zorder=3,
                )
                label = m.date.strftime("%d %b %Y")
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(0, 9),
                    textcoords="offset points",
                    ha="center",
                    fontsize=6.5,
                    color="#222222",
                )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [f"{e.pathway.id} ({e.pathway.jurisdiction})" for e in reversed(rows)], fontsize=8
    )
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=3))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.tick_params(axis="x", labelsize=7)
    if today is not None:
        ax.axvline(mdates.date2num(today), color="#e67e22", linewidth=1, linestyle="--")
        ax.annotate(
            "today",
            (mdates.date2num(today), len(rows) - 0.4),
            fontsize=6.5,
            color="#e67e22",
            ha="center",
        )
    if rows:
        start = min(s.start for _, segments in bars for s in segments) - timedelta(days=20)
        end = max(e.approval for e in rows if e.approval) + timedelta(days=45)
        ax.set_xlim(mdates.date2num(start), mdates.date2num(end))
    ax.set_ylim(-0.7, len(rows) - 0.2)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=11, loc="left")
    legend = [
        Patch(color=c, label=j)
        for j, c in JURISDICTION_COLOURS.items()
        if any(e.pathway.jurisdiction == j for e in rows)
    ]
    legend += [
        Patch(facecolor="#777777", alpha=PHASE_ALPHA["designation"], label="designation"),
        Patch(facecolor="#777777", alpha=PHASE_ALPHA["review"], label="review"),
        Patch(
            facecolor="#777777", alpha=PHASE_ALPHA["clock-stop"], hatch="///", label="clock stopped"
        ),
        Patch(facecolor="#777777", alpha=PHASE_ALPHA["decision"], label="decision"),
    ]
    if any(s.phase == "risk" for _, segments in bars for s in segments):
        legend.append(
            Patch(
                facecolor="#777777",
                alpha=PHASE_ALPHA["risk"],
                hatch=HATCHES["risk"],
                edgecolor=RISK_EDGE,
                label="risk counted in the plan",
            )
        )
    ax.legend(
        handles=legend,
        fontsize=7,
        loc="lower center",
        bbox_to_anchor=(0.5, -0.02 - 1.1 / height),
        ncol=len(legend),
        frameon=False,
    )
    import warnings

    with warnings.catch_warnings():
        # A name in a script the default font lacks (e.g. CJK) draws as boxes; the
        # picture is still made, so matplotlib's per-glyph warnings are not shown.
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()
        fig.savefig(path, metadata={"Software": "cgt-timeline"} if path.suffix == ".png" else None)
    plt.close(fig)
