"""Where the shipped data lives, installed as a wheel or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel the data is copied into the package; in a checkout or an editable
    # install it sits beside the package, at the top of the repository.
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    return _HERE / name


def builtin_rules_dir() -> Path:
    """The folder of shipped rule files."""
    return _find("rules")


def example_profile_path() -> Path:
    """The built-in example profile (used when no profile is given)."""
    return _find("examples") / "car-t.yaml"


def profile_template_path() -> Path:
    """The annotated profile that ``cgt-timeline init`` writes."""
    return _find("examples") / "profile-template.yaml"
