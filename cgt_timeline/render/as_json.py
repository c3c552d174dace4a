"""JSON output: the SPEC contract, ``schema_version`` 1."""

from __future__ import annotations

import json as _json
from typing import Any


def render(data: dict[str, Any]) -> str:
    """The report's data as indented JSON text, ending with a newline."""
    return _json.dumps(data, indent=2, ensure_ascii=False) + "\n"
