"""Shared fixtures: the shipped rule pack and a profile builder."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cgt_timeline import load_rules
from cgt_timeline.engine import Estimate, estimate
from cgt_timeline.model import Profile
from cgt_timeline.rulepack import RulePack

BASE_PROFILE: dict[str, Any] = {
    "name": "Test product",
    "modality": "cell",
    "serious_condition": True,
    "unmet_medical_need": True,
    "orphan": False,
    "preliminary_clinical_evidence": True,
    "designations": [],
    "submission": "2026-06-01",
}


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rules()


@pytest.fixture
def profile() -> Callable[..., Profile]:
    def make(**fields: Any) -> Profile:
        return Profile.model_validate({**BASE_PROFILE, **fields})

    return make


@pytest.fixture
def run(pack: RulePack) -> Callable[..., Estimate]:
    """Estimate one pathway for a profile; returns the Estimate."""

    def go(pathway: str, prof: Profile, overrides: Any = None, odds: Any = None) -> Estimate:
        """``odds``: risk id -> probability for this pathway (as --set gives them)."""
        chosen = {pathway: odds} if odds else None
        return estimate(pack, prof, [pathway], overrides, probabilities=chosen).estimates[0]

    return go


# An EMA calendar whose 23 Feb 2023 is both a procedure start (from one source) and a
# CHMP plenary (from another); tests append more plenaries to it.
TWO_SOURCE_CALENDAR = (
    "checked_on: 2026-11-26\n"
    "sources:\n"
    "  - {id: timetable, title: Timetable, url: https://example.org/t, status: official}\n"
    "  - {id: press, title: Press, status: secondary}\n"
    "procedure_starts:\n  - {deadline: 2023-02-06, start: 2023-02-23, source: timetable}\n"
    "chmp_outcomes:\n"
    "  - {date: 2023-02-23, source: press, url: https://example.org/p}\n"
)


def load_tool(name: str) -> ModuleType:
    """A script of tools/ (``tools/<name>.py``) imported as a module."""
    tools = Path(__file__).resolve().parent.parent / "tools"
    if str(tools) not in sys.path:
        sys.path.insert(0, str(tools))  # as when run: its sibling modules import
    spec = importlib.util.spec_from_file_location(name, tools / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def dates(est: Estimate) -> dict[str, str]:
    """Milestone id -> ISO date."""
    return {m.id: m.date.isoformat() for m in est.milestones}


# The pathway ids SPEC.md promises; scripts rely on them.
SPEC_PATHWAYS = (
    "fda-rmat",
    "fda-standard",
    "ema-prime",
    "ema-standard",
    "nmpa-breakthrough",
    "nmpa-standard",
    "pmda-conditional",
    "pmda-standard",
)
