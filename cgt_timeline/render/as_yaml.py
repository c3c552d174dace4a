"""YAML output: the same data as the JSON contract."""

from __future__ import annotations

from typing import Any

import yaml as _yaml


def render(data: dict[str, Any]) -> str:
    """The report's data as YAML text (keys in contract order)."""
    text: str = _yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text
