"""Renderers: one module per output format, each returning text or a Rich renderable.

Renderers never print; the CLI decides where output goes. Each takes the report and,
when the run was simulated, the simulation (percentiles are added, nothing else moves).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..engine import Report

if TYPE_CHECKING:
    from ..simulation import Simulation

FORMATS: tuple[str, ...] = ("table", "json", "yaml", "csv", "markdown")
MACHINE_FORMATS: frozenset[str] = frozenset({"json", "yaml", "csv"})

Renderer = Callable[[Report, "Simulation | None", "date | None"], str]


def data(report: Report, sim: Simulation | None, approval_by: date | None) -> dict[str, Any]:
    """The JSON contract as a dict, with percentiles when simulated."""
    from ..output import report_dict

    out = report_dict(report)
    if sim is not None:
        from ..simulation import annotate

        annotate(out, sim, report, approval_by)
    return out


def _json(report: Report, sim: Simulation | None, approval_by: date | None) -> str:
    from .as_json import render

    return render(data(report, sim, approval_by))


def _yaml(report: Report, sim: Simulation | None, approval_by: date | None) -> str:
    from .as_yaml import render

    return render(data(report, sim, approval_by))


def _csv(report: Report, sim: Simulation | None, approval_by: date | None) -> str:
    from .as_csv import render

    return render(report, sim)


def _markdown(report: Report, sim: Simulation | None, approval_by: date | None) -> str:
    from .markdown import render

    return render(report, sim)


def _table(report: Report, sim: Simulation | None, approval_by: date | None) -> str:
    from .table import to_text

    return to_text(report, width=100, sim=sim, approval_by=approval_by)


RENDERERS: dict[str, Renderer] = {
    "table": _table,
    "json": _json,
    "yaml": _yaml,
    "csv": _csv,
    "markdown": _markdown,
}


def render_text(
    report: Report, fmt: str, sim: Simulation | None = None, approval_by: date | None = None
) -> str:
    """The report as text in a format (table as plain 100-column text)."""
    return RENDERERS[fmt](report, sim, approval_by)
