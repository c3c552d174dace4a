"""Declarative conditions over a profile, evaluated without eval or exec."""

from __future__ import annotations

from .model import Condition, Profile


def holds(condition: Condition, profile: Profile) -> bool:
    """Whether the profile meets the condition."""
    if condition.all_ is not None:
        return all(holds(c, profile) for c in condition.all_)
    if condition.any_ is not None:
        return any(holds(c, profile) for c in condition.any_)
    if condition.not_ is not None:
        return not holds(condition.not_, profile)
    assert condition.field is not None
    value = profile.value_of(condition.field)
    fields = condition.model_fields_set
    if "equals" in fields:
        return bool(value == condition.equals)
    if "in_" in fields:
        return value in (condition.in_ or [])
    if isinstance(value, (list, tuple, set, frozenset)):
        return condition.contains in value
    return False


def describe(condition: Condition) -> str:
    """The condition in words, e.g. ``serious_condition is true``."""
    if condition.all_ is not None:
        return " and ".join(f"({describe(c)})" for c in condition.all_)
    if condition.any_ is not None:
        return " or ".join(f"({describe(c)})" for c in condition.any_)
    if condition.not_ is not None:
        return f"not ({describe(condition.not_)})"
    fields = condition.model_fields_set
    if "equals" in fields:
        shown = (
            str(condition.equals).lower()
            if isinstance(condition.equals, bool)
            else condition.equals
        )
        return f"{condition.field} is {shown}"
    if "in_" in fields:
        return f"{condition.field} is one of {', '.join(condition.in_ or [])}"
    return f"{condition.field} includes {condition.contains}"


def designations_in(condition: Condition | None) -> set[str]:
    """Designation names a condition tests for (to know which ones a rule pack uses)."""
    if condition is None:
        return set()
    found: set[str] = set()
    for sub in (condition.all_ or []) + (condition.any_ or []):
        found |= designations_in(sub)
    found |= designations_in(condition.not_)
    if condition.field == "designations" and condition.contains:
        found.add(condition.contains)
    return found
