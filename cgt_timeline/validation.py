"""Check rule files and profiles without estimating: every problem in one run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem
from .loading import load_document
from .profiles import load_profile
from .rulepack import RulePack, load_rule_files, rule_files

RULE_KEYS = frozenset({"milestones", "extends", "checked_on", "eligibility", "remove", "risks"})
PROFILE_KEYS = frozenset({"modality", "submission", "submissions", "designations", "actuals"})


@dataclass
class Validation:
    """What was checked and what was found."""

    rule_files: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pathways: int = 0

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the input unusable (warnings excluded)."""
        return [p for p in self.problems if p.level == "error"]


def classify(path: str | Path) -> str | None:
    """``rules`` or ``profile`` by the top-level keys of the file; None if unclear."""
    try:
        doc = load_document(path)
    except InputError:
        return None
    if not isinstance(doc.data, dict):
        return None
    keys = set(doc.data)
    if keys & RULE_KEYS:
        return "rules"
    if keys & PROFILE_KEYS:
        return "profile"
    return None


def unused_sources(pack: RulePack) -> list[Problem]:
    """Sources a rule file lists but nothing cites (a warning: the reader may wonder why)."""
    found = []
    for p in pack.pathways.values():
        cited = {s for m in p.milestones for s in m.sources}
        cited |= {s for m in p.milestones for c in m.cases for s in c.sources}
        cited |= {s for c in p.eligibility for s in c.sources}
        cited |= {s for r in p.risks for s in r.sources}
        inherited = pack[p.extends].sources if p.extends and p.extends in pack else {}
        for sid in p.sources:
            if sid not in cited and sid not in inherited:
                found.append(
                    Problem(p.file, f'source "{sid}" is listed but not cited', level="warning")
                )
    return found


def validate(
    files: Sequence[str | Path] = (),
    *,
    rule_dirs: Sequence[str | Path] = (),
    kind: str | None = None,
) -> Validation:
    """Validate rule files and profiles; with no files, the shipped rules and ``rule_dirs``."""
    result = Validation()
    rules: list[str | Path] = []
    profiles: list[str | Path] = []
    portfolios: list[str | Path] = []
    for f in _expand_folders(files, result):
        if Path(f).suffix.lower() in (".csv", ".jsonl"):
            portfolios.append(f)  # one product per row: checked as profiles
            continue
        what = kind or classify(f)
        if what == "rules":
            rules.append(f)
        elif what == "profile":
            profiles.append(f)
        else:
            try:
                load_document(f)
            except InputError as exc:
                result.problems.extend(exc.problems)
                continue
            result.problems.append(
                Problem(
                    str(f),
                    "cannot tell whether this is a rule file or a profile",
                    expected=(
                        "a rule file (with milestones: or extends:) or a profile (with modality:)"
                    ),
                    hint="say which with --as rules or --as profile",
                )
            )
    pack: RulePack | None = None
    try:
        given = {Path(r).resolve() for r in rules}
        # A shipped file given by name (validate rules/) is checked once, as given.
        base = [p for p in rule_files(rule_dirs) if p.resolve() not in given]
        result.rule_files = [str(p) for p in base] + [str(p) for p in rules]
        pack = load_rule_files([*base, *rules], dirs=rule_dirs)
        result.pathways = len(pack.ids)
        result.problems.extend(
            w for w in unused_sources(pack) if not files or w.file in {str(r) for r in rules}
        )
    except InputError as exc:
        result.problems.extend(exc.problems)
    for prof in profiles:
        result.profiles.append(str(prof))
        try:
            load_profile(prof, pack if pack is not None else _shipped())
        except InputError as exc:
            result.problems.extend(exc.problems)
    if portfolios:
        from .batch import read_products

        try:
            for product in read_products(
                [str(p) for p in portfolios], pack if pack is not None else _shipped()
            ):
                result.profiles.append(product.label)
                result.problems.extend(product.problems)
        except InputError as exc:
            result.problems.extend(exc.problems)
    return result


def _expand_folders(files: Sequence[str | Path], result: Validation) -> list[str | Path]:
    """The files, each folder replaced by the files in it, so that a folder of rule
    files is checked as rules and a folder of profiles as profiles (each file by its
    fields, or by --as)."""
    from .batch import expand

    out: list[str | Path] = []
    for f in files:
        if not Path(f).is_dir():
            out.append(f)
            continue
        try:
            out += expand([str(f)])
        except InputError:
            result.problems.append(
                Problem(
                    str(f),
                    "folder has no rule files or profiles",
                    expected="*.yaml, *.json, *.csv or *.jsonl files",
                )
            )
    return out


def _shipped() -> RulePack:
    from .rulepack import load_rules

    return load_rules()
