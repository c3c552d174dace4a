"""YAML output: the same data as the JSON contract."""

from __future__ import annotations

import yaml as _yaml

from ..engine import Report
from ..output import report_dict


def render(report: Report) -> str:
    """The report as YAML text (keys in contract order)."""
    text: str = _yaml.safe_dump(report_dict(report), sort_keys=False, allow_unicode=True, width=100)
    return text
