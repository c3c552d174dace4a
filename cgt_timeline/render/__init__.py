"""Renderers: one module per output format, each returning text or a Rich renderable.

Renderers never print; the CLI decides where output goes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Report

FORMATS: tuple[str, ...] = ("table", "json", "yaml", "csv", "markdown")
MACHINE_FORMATS: frozenset[str] = frozenset({"json", "yaml", "csv"})


def _json(report: Report) -> str:
    from .as_json import render

    return render(report)


def _yaml(report: Report) -> str:
    from .as_yaml import render

    return render(report)


def _csv(report: Report) -> str:
    from .as_csv import render

    return render(report)


def _markdown(report: Report) -> str:
    from .markdown import render

    return render(report)


def _table(report: Report) -> str:
    from .table import to_text

    return to_text(report, width=100)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "table": _table,
    "json": _json,
    "yaml": _yaml,
    "csv": _csv,
    "markdown": _markdown,
}


def render_text(report: Report, fmt: str) -> str:
    """The report as text in a format (table as plain 100-column text)."""
    return RENDERERS[fmt](report)
