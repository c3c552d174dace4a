"""Load product profiles (YAML or JSON) and apply ``--set KEY=VALUE`` overrides."""

from __future__ import annotations

import copy
import difflib
import functools
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .durations import EXAMPLES, Duration, DurationError
from .errors import InputError, Problem
from .loading import Document, format_loc, load_document, parse_yaml, validate
from .model import DurationRange, Profile
from .resources import example_profile_path
from .rulepack import RulePack

SET_FILE = "--set"


@dataclass(frozen=True)
class Override:
    """A duration override for one milestone of one pathway, and who made it."""

    pathway: str
    milestone: str
    duration: Duration
    origin: str  # "profile" or "--set"
    spec: DurationRange | None = None  # a LOW..LIKELY..HIGH range, for simulation


@dataclass
class LoadedProfile:
    """A validated profile with where it came from and its assumption overrides."""

    profile: Profile
    source: str
    document: Document
    overrides: dict[tuple[str, str], Override] = field(default_factory=dict)
    # Risk probabilities set by the profile or --set: pathway -> risk id -> probability.
    probabilities: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Setting:
    """One parsed ``--set KEY=VALUE``."""

    key: str
    value: str


def parse_setting(text: str) -> Setting:
    """Split ``KEY=VALUE``; a missing ``=`` is a bad input."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise InputError.single(
            SET_FILE,
            f'"{text}" is not KEY=VALUE',
            expected=(
                "e.g. --set ema-prime.day-120-clock-stop=2months or --set submission=2026-07-01"
            ),
        )
    return Setting(key.strip(), value.strip())


def load_profile(
    path: str | Path | None,
    pack: RulePack,
    settings: Sequence[str] = (),
    *,
    stdin: typing.BinaryIO | None = None,
) -> LoadedProfile:
    """Read, override and validate a profile; check it against the rule pack.

    With ``path`` None the built-in example profile is used.
    """
    source = str(path) if path is not None else "examples/car-t.yaml"
    doc = load_document(path if path is not None else example_profile_path(), stdin=stdin)
    if path is None:
        doc.name = source
    return profile_from_document(doc, pack, settings, source=source)


def profile_from_document(
    doc: Document, pack: RulePack, settings: Sequence[str] = (), *, source: str
) -> LoadedProfile:
    """Validate parsed profile data (a file, or a row of a portfolio) against the pack."""
    parsed = [parse_setting(s) for s in settings]
    profile_sets = [s for s in parsed if s.key.split(".", 1)[0] not in pack]
    duration_sets = [s for s in parsed if s.key.split(".", 1)[0] in pack]
    set_paths = _apply_profile_settings(doc, profile_sets)
    try:
        profile = validate(Profile, doc)
    except InputError as exc:
        raise InputError([_blame_setting(p, set_paths) for p in exc.problems]) from None
    overrides, probabilities, problems = _overrides(profile, doc, duration_sets, pack)
    problems += _check_designations(profile, doc, pack)
    problems += _check_actuals(profile, doc, pack)
    if problems:
        raise InputError(problems)
    return LoadedProfile(profile, source, doc, overrides, probabilities)


def _apply_profile_settings(doc: Document, settings: Sequence[Setting]) -> dict[str, str]:
    if not isinstance(doc.data, dict):
        return {}
    applied: dict[str, str] = {}
    for s in settings:
        parts = s.key.split(".")
        target: Any = doc.data
        for part in parts[:-1]:
            nxt = target.get(part)
            if not isinstance(nxt, dict):
                nxt = target[part] = {}
            target = nxt
        target[parts[-1]] = copy.deepcopy(_set_value(s.value))
        applied[format_loc(parts)] = s.key
    return applied


@functools.lru_cache(maxsize=256)
def _set_value(text: str) -> Any:
    # Parsed once per run, not once per row of a portfolio (callers copy the result).
    return parse_yaml(text, SET_FILE).data if text else ""


def _blame_setting(problem: Problem, set_paths: Mapping[str, str]) -> Problem:
    if problem.path and any(
        problem.path == path or problem.path.startswith(path + ".") for path in set_paths
    ):
        return replace(problem, file=SET_FILE, line=None, column=None)
    return problem


def _overrides(
    profile: Profile, doc: Document, settings: Sequence[Setting], pack: RulePack
) -> tuple[dict[tuple[str, str], Override], dict[str, dict[str, float]], list[Problem]]:
    overrides: dict[tuple[str, str], Override] = {}
    probabilities: dict[str, dict[str, float]] = {}
    problems: list[Problem] = []
    wanted: list[tuple[str, str, str, Problem | None]] = []
    for key, given in profile.assumptions.items():
        at = doc.problem(("assumptions", key), "", value=True)
        wanted.append((key, str(given), "profile", at))
    for s in settings:
        wanted.append((s.key, s.value, SET_FILE, None))
    for key, value, origin, where in wanted:
        report = functools.partial(_report, problems, key, where)
        pathway_id, dot, item = key.partition(".")
        if not dot or pathway_id not in pack:
            report(
                pack.unknown(pathway_id) if dot else f'"{key}" is not PATHWAY.MILESTONE',
                "PATHWAY.MILESTONE, e.g. ema-prime.day-120-clock-stop",
            )
            continue
        pathway = pack[pathway_id]
        risk_ids = [r.id for r in pathway.risks]
        if item in risk_ids:
            try:
                probability = float(value)
            except ValueError:
                probability = -1.0
            if not 0.0 <= probability <= 1.0:
                report(f'"{value}" is not a probability', "a number from 0 to 1, e.g. 0.25")
                continue
            probabilities.setdefault(pathway_id, {})[item] = probability
            continue
        if item not in pathway.milestone_ids:
            choices = [*pathway.milestone_ids, *risk_ids]
            close = difflib.get_close_matches(item, choices, n=1)
            report(
                f'pathway "{pathway_id}" has no milestone "{item}"'
                + (f' (did you mean "{close[0]}"?)' if close else ""),
                "one of: "
                + ", ".join(
                    [m.id for m in pathway.milestones if m.duration]
                    + [f"{r} (a risk: a probability)" for r in risk_ids]
                ),
            )
            continue
        if pathway.milestone(item).duration is None:
            report(f'milestone "{key}" has no duration to override (it is the submission)')
            continue
        try:
            spec = parse_range(value)
        except DurationError as exc:
            report(str(exc), f"a number and a unit, e.g. {EXAMPLES}, or LOW..LIKELY..HIGH")
            continue
        overrides[(pathway_id, item)] = Override(pathway_id, item, spec.likely, origin, spec)
    return overrides, probabilities, problems


def parse_range(text: str) -> DurationRange:
    """``2 months`` or ``1 month..2 months..4 months`` (low..likely..high)."""
    parts = [p.strip() for p in text.split("..")]
    if len(parts) == 1:
        return DurationRange(likely=Duration.parse(parts[0]))
    if len(parts) != 3:
        raise DurationError(f'"{text}" is not a duration or a LOW..LIKELY..HIGH range')
    low, likely, high = (Duration.parse(p) for p in parts)
    try:
        return DurationRange(low=low, likely=likely, high=high)
    except ValidationError as exc:
        message = str(exc.errors()[0].get("ctx", {}).get("error", "not an ordered range"))
        raise DurationError(f'"{text}": {message}') from None


def _report(
    problems: list[Problem],
    key: str,
    where: Problem | None,
    message: str,
    expected: str | None = None,
) -> None:
    if where is not None:
        problems.append(
            replace(where, message=message, expected=expected, path=f"assumptions.{key}")
        )
    else:
        problems.append(Problem(SET_FILE, message, path=key, expected=expected))


def _check_designations(profile: Profile, doc: Document, pack: RulePack) -> list[Problem]:
    problems = []
    known = sorted(pack.designations)
    for i, name in enumerate(profile.designations):
        if name not in pack.designations:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                doc.problem(
                    ("designations", i),
                    f'unknown designation "{name}"'
                    + (f' (did you mean "{close[0]}"?)' if close else ""),
                    expected="one of: " + ", ".join(known),
                )
            )
    return problems


def _check_actuals(profile: Profile, doc: Document, pack: RulePack) -> list[Problem]:
    """Every recorded date names a milestone of a pathway in its jurisdiction."""
    problems = []
    for code, recorded in profile.actuals.items():
        ids = sorted(
            {m.id for p in pack.pathways.values() if p.jurisdiction == code for m in p.milestones}
        )
        for milestone in recorded:
            if milestone not in ids:
                close = difflib.get_close_matches(milestone, ids, n=1)
                problems.append(
                    doc.problem(
                        ("actuals", code, milestone),
                        f'no {code} pathway has a milestone "{milestone}"'
                        + (f' (did you mean "{close[0]}"?)' if close else ""),
                        expected="one of: " + ", ".join(ids),
                    )
                )
    return problems
