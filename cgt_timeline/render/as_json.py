"""JSON output: the SPEC contract, ``schema_version`` 1."""

from __future__ import annotations

import json as _json

from ..engine import Report
from ..output import report_dict


def render(report: Report) -> str:
    """The report as indented JSON text, ending with a newline."""
    return _json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
