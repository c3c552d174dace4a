"""Load rule files into resolved pathways, refusing a bad pack with every problem.

The pack is the shipped ``rules/`` folder plus any folders the user adds; a file in a
later folder replaces a shipped file of the same name (the pathway id is the file
stem). A file may ``extends:`` another pathway and give only what differs:
milestones with a known id are patched field by field, new ones are added, and
``remove:`` drops inherited milestones (and the risks on them), ``remove_risks:``
inherited risks.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .agency import EmaCalendar
from .conditions import designations_in
from .errors import InputError, Problem
from .loading import Document, load_document, validate
from .model import (
    DESIGNATIONS,
    EmaCalendarFile,
    Location,
    Milestone,
    MilestoneEntry,
    Pathway,
    PathwayFile,
)
from .resources import builtin_rules_dir


@dataclass
class RulePack:
    """Resolved pathways by id, in a stable order, with where they came from."""

    pathways: dict[str, Pathway]
    dirs: tuple[str, ...] = ()
    designations: frozenset[str] = field(default_factory=frozenset)
    ema: EmaCalendar | None = None  # loaded when a pathway snaps to EMA dates

    def __getitem__(self, pathway_id: str) -> Pathway:
        return self.pathways[pathway_id]

    def __contains__(self, pathway_id: object) -> bool:
        return pathway_id in self.pathways

    def __iter__(self) -> Iterator[str]:
        return iter(self.pathways)

    @property
    def ids(self) -> tuple[str, ...]:
        """Pathway ids in display order (by jurisdiction, baseline after expedited)."""
        return tuple(self.pathways)

    @property
    def checked_on(self) -> date | None:
        """The oldest checked-as-of date of the pathways: the pack is as fresh as that."""
        return min((p.checked_on for p in self.pathways.values()), default=None)

    def unknown(self, pathway_id: str) -> str:
        """A message for an unknown pathway id, with a did-you-mean."""
        close = difflib.get_close_matches(pathway_id, self.ids, n=1, cutoff=0.5)
        text = f'unknown pathway "{pathway_id}"'
        if close:
            text += f' (did you mean "{close[0]}"?)'
        return text


@dataclass
class _Entry:
    file: PathwayFile
    doc: Document
    stem: str


def rule_files(extra_dirs: Sequence[str | Path] = (), *, builtin: bool = True) -> list[Path]:
    """Rule files in load order: shipped ones first, then each extra folder's."""
    problems: list[Problem] = []
    files: list[Path] = []
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    for folder in dirs:
        if not folder.is_dir():
            problems.append(
                Problem(
                    str(folder), "rule folder not found", expected="a folder of *.yaml rule files"
                )
            )
            continue
        files.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))
    if problems:
        raise InputError(problems)
    return files


def load_rules(extra_dirs: Sequence[str | Path] = (), *, builtin: bool = True) -> RulePack:
    """Load, resolve and check the shipped rules plus any extra rule folders."""
    return load_rule_files(rule_files(extra_dirs, builtin=builtin), dirs=extra_dirs)


def load_rule_files(paths: Sequence[str | Path], *, dirs: Sequence[str | Path] = ()) -> RulePack:
    """Load the given rule files (later files replace earlier ones with the same id)."""
    problems: list[Problem] = []
    entries: dict[str, _Entry] = {}
    builtin = builtin_rules_dir().resolve()
    for path in paths:
        stem = Path(path).stem
        try:
            doc = load_document(path)
            if Path(path).resolve().parent == builtin:
                doc.name = f"rules/{Path(path).name}"  # shipped: name it as in the repo
            parsed = validate(PathwayFile, doc)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if parsed.id is not None and parsed.id != stem:
            problems.append(
                doc.problem(
                    ("id",),
                    f'id "{parsed.id}" does not match the file name "{stem}"',
                    expected=f"id: {stem} (or rename the file to {parsed.id}.yaml)",
                )
            )
            continue
        entries[stem] = _Entry(parsed, doc, stem)

    resolved: dict[str, Pathway] = {}
    for stem in entries:
        _resolve(stem, entries, resolved, problems, ())
    for pathway in resolved.values():
        problems.extend(_check(pathway, resolved, entries))
    if problems:
        raise InputError(_dedupe(problems))
    # Milestones in dependency order, once, so that the engine can date them in one pass.
    resolved = {
        pid: replace(p, milestones=tuple(topological_order(p))) for pid, p in resolved.items()
    }
    ordered = dict(sorted(resolved.items(), key=lambda kv: _order_key(kv[1])))
    used: set[str] = set(DESIGNATIONS)
    for p in ordered.values():
        for m in p.milestones:
            used |= designations_in(m.when)
            for case in m.cases:
                used |= designations_in(case.when)
        for c in p.eligibility:
            used |= designations_in(c)
        for r in p.risks:
            used |= designations_in(r.when)
    ema = None
    if any(m.snap in EMA_SNAPS for p in ordered.values() for m in p.milestones):
        ema = load_ema_calendar(dirs)
    return RulePack(ordered, tuple(str(d) for d in dirs), frozenset(used), ema)


_JURISDICTION_ORDER = {"US": 0, "EU": 1, "CN": 2, "JP": 3}


def _order_key(p: Pathway) -> tuple[int, str, int, str]:
    # Group by jurisdiction, each expedited pathway just before its baseline.
    family = p.baseline or p.id
    return (_JURISDICTION_ORDER.get(p.jurisdiction, 9), family, 0 if p.baseline else 1, p.id)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        key = p.format()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _resolve(
    stem: str,
    entries: dict[str, _Entry],
    resolved: dict[str, Pathway],
    problems: list[Problem],
    chain: tuple[str, ...],
) -> Pathway | None:
    if stem in resolved:
        return resolved[stem]
    entry = entries[stem]
    f, doc = entry.file, entry.doc
    parent: Pathway | None = None
    if f.extends is not None:
        if f.extends == stem or f.extends in chain:
            cycle = " -> ".join((*chain, stem, f.extends))
            problems.append(doc.problem(("extends",), f"extends cycle: {cycle}"))
            return None
        if f.extends not in entries:
            close = difflib.get_close_matches(f.extends, list(entries), n=1)
            problems.append(
                doc.problem(
                    ("extends",),
                    f'extends unknown pathway "{f.extends}"'
                    + (f' (did you mean "{close[0]}"?)' if close else ""),
                    expected="the id of another rule file",
                )
            )
            return None
        parent = _resolve(f.extends, entries, resolved, problems, (*chain, stem))
        if parent is None:
            return None

    missing = [
        name
        for name in ("name", "jurisdiction", "agency")
        if getattr(f, name) is None and (parent is None or not getattr(parent, name))
    ]
    if missing:
        for name in missing:
            problems.append(doc.problem((), f'missing required field "{name}"'))
        return None

    milestones = _merge_milestones(f, doc, parent, problems)
    if milestones is None:
        return None
    sources = dict(parent.sources) if parent else {}
    sources.update({s.id: s for s in f.sources})
    # An inherited risk goes when the child names it in remove_risks (a name the parent
    # lacks removes nothing: a user's older parent file may not have it), or with the
    # milestone it delays.
    kept = {m.id for m in milestones}
    risks = {
        r.id: r
        for r in (parent.risks if parent else ())
        if r.id not in f.remove_risks and r.milestone in kept
    }
    own_risks: dict[str, int] = {}
    for i, r in enumerate(f.risks):
        if r.id in own_risks:
            problems.append(
                doc.problem(
                    ("risks", i, "id"),
                    f'duplicate risk id "{r.id}" (first at risks[{own_risks[r.id]}])',
                )
            )
            return None
        if r.id in kept:
            problems.append(
                doc.problem(
                    ("risks", i, "id"),
                    f'risk id "{r.id}" is also a milestone id',
                    expected="a name of its own (--set PATHWAY.ID must say which it means)",
                )
            )
            return None
        own_risks[r.id] = i
    risks.update({r.id: r for r in f.risks})
    pathway = Pathway(
        id=stem,
        name=f.name or (parent.name if parent else ""),
        jurisdiction=f.jurisdiction or (parent.jurisdiction if parent else ""),
        agency=f.agency or (parent.agency if parent else ""),
        baseline=f.baseline if "baseline" in f.model_fields_set else None,
        checked_on=f.checked_on,
        summary=f.summary if f.summary is not None else (parent.summary if parent else None),
        sources=sources,
        eligibility=(parent.eligibility if parent else ()) + tuple(f.eligibility),
        milestones=milestones,
        risks=tuple(risks.values()),
        file=doc.name,
        extends=f.extends,
        files=(parent.files if parent else ()) + (doc.name,),
    )
    resolved[stem] = pathway
    return pathway


def _location(doc: Document, loc: tuple[str | int, ...]) -> Location:
    line, column = doc.where(loc)
    return Location(doc.name, line, column)


def _merge_milestones(
    f: PathwayFile, doc: Document, parent: Pathway | None, problems: list[Problem]
) -> tuple[Milestone, ...] | None:
    ok = True
    own: dict[str, tuple[int, MilestoneEntry]] = {}
    for i, entry in enumerate(f.milestones):
        if entry.id in own:
            problems.append(
                doc.problem(
                    ("milestones", i, "id"),
                    f'duplicate milestone id "{entry.id}" '
                    f"(first at milestones[{own[entry.id][0]}])",
                )
            )
            ok = False
            continue
        own[entry.id] = (i, entry)
    inherited = {m.id: m for m in parent.milestones} if parent else {}
    risks = {r.id for r in parent.risks} if parent else set()
    for i, removed in enumerate(f.remove):
        if removed not in inherited:
            hint = " (it is a risk: use remove_risks)" if removed in risks else ""
            problems.append(
                doc.problem(
                    ("remove", i),
                    f'cannot remove "{removed}": the parent has no such milestone{hint}',
                )
            )
            ok = False
    # Removing a milestone also removes the inherited ones counted only from removed
    # ones (a CAT step before a removed CHMP step), so a child need not name them.
    gone = set(f.remove)
    grew = True
    while grew:
        grew = False
        for m in parent.milestones if parent else ():
            anchors = m.depends_on
            if m.id not in gone and m.id not in own and anchors and set(anchors) <= gone:
                gone.add(m.id)
                grew = True
    result: list[Milestone] = []
    for m in parent.milestones if parent else ():
        if m.id in gone:
            continue
        if m.id not in own:
            result.append(m)
            continue
        i, entry = own.pop(m.id)
        patch = {name: getattr(entry, name) for name in entry.model_fields_set if name != "id"}
        merged = _milestone_from(entry, doc, ("milestones", i), base=m, patch=patch)
        result.append(merged)
    for i, entry in own.values():
        if entry.name is None or entry.kind is None:
            for name in ("name", "kind"):
                if getattr(entry, name) is None:
                    problems.append(
                        doc.problem(
                            ("milestones", i),
                            f'milestone "{entry.id}": missing required field "{name}"',
                        )
                    )
            ok = False
            continue
        result.append(_milestone_from(entry, doc, ("milestones", i)))
    return tuple(result) if ok else None


def _milestone_from(
    entry: MilestoneEntry,
    doc: Document,
    loc: tuple[str | int, ...],
    *,
    base: Milestone | None = None,
    patch: dict[str, object] | None = None,
) -> Milestone:
    values: dict[str, object]
    if base is None:
        values = {n: getattr(entry, n) for n in MilestoneEntry.model_fields}
    else:
        values = {
            "id": base.id,
            "name": base.name,
            "kind": base.kind,
            "after": list(base.after),
            "before": base.before,
            "duration": base.duration,
            "cases": list(base.cases),
            "when": base.when,
            "basis": base.basis,
            "sources": list(base.sources),
            "note": base.note,
            "snap": base.snap,
        }
        values.update(patch or {})
        if "after" in (patch or {}) and "before" not in (patch or {}):
            values["before"] = None
        if "before" in (patch or {}) and "after" not in (patch or {}):
            values["after"] = []
    return Milestone(
        id=str(values["id"]),
        name=str(values["name"]),
        kind=str(values["kind"]),
        after=tuple(values["after"]),  # type: ignore[arg-type]
        before=values["before"],  # type: ignore[arg-type]
        duration=values["duration"],  # type: ignore[arg-type]
        cases=tuple(values["cases"]),  # type: ignore[arg-type]
        when=values["when"],  # type: ignore[arg-type]
        basis=str(values["basis"]),
        sources=tuple(values["sources"]),  # type: ignore[arg-type]
        note=values["note"],  # type: ignore[arg-type]
        snap=values["snap"],  # type: ignore[arg-type]
        location=_location(doc, loc),
        fields={
            **(dict(base.fields) if base is not None else {}),
            **{
                name: _location(doc, (*loc, name))
                for name in entry.model_fields_set
                if name != "id"
            },
        },
    )


def _problem_at(location: Location, message: str, **kwargs: object) -> Problem:
    return Problem(location.file, message, line=location.line, column=location.column, **kwargs)  # type: ignore[arg-type]


def _check(pathway: Pathway, pack: dict[str, Pathway], entries: dict[str, _Entry]) -> list[Problem]:
    """Checks over a resolved pathway that no single field shows."""
    problems: list[Problem] = []
    doc = entries[pathway.id].doc
    ids = pathway.milestone_ids
    by_kind: dict[str, list[Milestone]] = {}
    for m in pathway.milestones:
        by_kind.setdefault(m.kind, []).append(m)
    for kind in ("submission", "approval"):
        found = by_kind.get(kind, [])
        if len(found) != 1:
            where = (
                found[1].where("kind")
                if len(found) > 1
                else Location(doc.name, *doc.where(("milestones",)))
            )
            problems.append(
                _problem_at(
                    where,
                    f'pathway "{pathway.id}" has {len(found)} milestones of kind "{kind}"',
                    expected=f"exactly one milestone with kind: {kind}",
                )
            )
        for m in found:
            if m.when is not None:
                problems.append(
                    _problem_at(
                        m.location, f'milestone "{m.id}": a {kind} cannot be conditional ("when")'
                    )
                )

    for m in pathway.milestones:
        where = m.location
        if m.kind == "submission":
            if m.after or m.before or m.duration is not None:
                problems.append(
                    _problem_at(
                        where,
                        f'milestone "{m.id}": the submission is dated by the profile',
                        expected='no "after", "before" or "duration" on the submission',
                    )
                )
            continue
        if bool(m.after) == bool(m.before):
            problems.append(
                _problem_at(
                    where,
                    f'milestone "{m.id}" needs exactly one of "after" (a list) '
                    'or "before" (one id)',
                )
            )
        if m.duration is None:
            problems.append(
                _problem_at(
                    where,
                    f'milestone "{m.id}" has no duration',
                    expected='duration: e.g. "60 days"',
                )
            )
        elif not m.sources:
            problems.append(
                _problem_at(
                    m.where("duration"),
                    f'milestone "{m.id}": its duration ({m.duration.likely}) cites no source',
                    expected='sources: [id of an entry in the file\'s "sources"]',
                )
            )
        ref_at = m.where("before" if m.before else "after")
        for ref in m.depends_on:
            if ref == m.id:
                problems.append(_problem_at(ref_at, f'milestone "{m.id}" refers to itself'))
            elif ref not in ids:
                close = difflib.get_close_matches(ref, ids, n=1)
                problems.append(
                    _problem_at(
                        ref_at,
                        f'milestone "{m.id}" refers to unknown milestone "{ref}"'
                        + (f' (did you mean "{close[0]}"?)' if close else ""),
                    )
                )
        for ref in m.sources + tuple(s for c in m.cases for s in c.sources):
            if ref not in pathway.sources:
                problems.append(
                    _problem_at(
                        m.where("sources"),
                        f'milestone "{m.id}" cites unknown source "{ref}"',
                        expected="an id listed under sources:",
                    )
                )
    for c in pathway.eligibility:
        for ref in c.sources:
            if ref not in pathway.sources:
                problems.append(
                    doc.problem(("eligibility",), f'eligibility cites unknown source "{ref}"')
                )
    # The milestones the approval is counted from (a risk elsewhere could not move it).
    by_id = {m.id: m for m in pathway.milestones}
    feeding: set[str] = set()
    todo = [m.id for m in pathway.milestones if m.kind == "approval"]
    while todo:
        mid = todo.pop()
        if mid in feeding or mid not in by_id:
            continue
        feeding.add(mid)
        todo.extend(by_id[mid].depends_on)
    for r in pathway.risks:
        if r.milestone not in ids:
            problems.append(
                doc.problem(
                    ("risks",), f'risk "{r.id}" refers to unknown milestone "{r.milestone}"'
                )
            )
        elif r.milestone not in feeding:
            problems.append(
                doc.problem(
                    ("risks",),
                    f'risk "{r.id}" is on "{r.milestone}", which the approval is not '
                    "counted from: it could not move the approval",
                    expected="the milestone the delay happens at, or one before it",
                )
            )
        for ref in r.sources:
            if ref not in pathway.sources:
                problems.append(
                    doc.problem(("risks",), f'risk "{r.id}" cites unknown source "{ref}"')
                )
    if pathway.baseline is not None:
        base = pack.get(pathway.baseline)
        if pathway.baseline == pathway.id:
            problems.append(doc.problem(("baseline",), "a pathway cannot be its own baseline"))
        elif base is None and pathway.baseline not in entries:
            close = difflib.get_close_matches(pathway.baseline, list(entries), n=1)
            problems.append(
                doc.problem(
                    ("baseline",),
                    f'baseline "{pathway.baseline}" is not a known pathway'
                    + (f' (did you mean "{close[0]}"?)' if close else ""),
                )
            )
        elif base is not None and base.jurisdiction != pathway.jurisdiction:
            problems.append(
                doc.problem(
                    ("baseline",),
                    f'baseline "{base.id}" is in {base.jurisdiction}, not {pathway.jurisdiction}',
                )
            )
    if not problems:
        cycle = find_cycle(pathway)
        if cycle:
            first = pathway.milestone(cycle[0])
            problems.append(
                _problem_at(
                    first.where("before" if first.before else "after"),
                    "milestones depend on each other in a cycle: " + " -> ".join(cycle),
                )
            )
    return problems


def find_cycle(pathway: Pathway) -> list[str] | None:
    """A dependency cycle among the milestones, as a list of ids, or None."""
    deps = {m.id: m.depends_on for m in pathway.milestones}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in deps.get(node, ()):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in deps:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def topological_order(pathway: Pathway) -> list[Milestone]:
    """Milestones so that each comes after those it is counted from (file order otherwise)."""
    placed: set[str] = set()
    order: list[Milestone] = []
    pending = list(pathway.milestones)
    while pending:
        progressed = False
        for m in list(pending):
            if all(d in placed for d in m.depends_on):
                order.append(m)
                placed.add(m.id)
                pending.remove(m)
                progressed = True
        if not progressed:  # a cycle: refused before this is called
            raise ValueError(f"dependency cycle in {pathway.id}")
    return order


EMA_SNAPS = ("ema-procedure-start", "chmp-plenary", "chmp-restart-30", "chmp-restart-60")


def load_ema_calendar(extra_dirs: Sequence[str | Path] = ()) -> EmaCalendar:
    """The EMA calendar: rules/calendars/ema.yaml, or the last extra folder's own."""
    candidates = [builtin_rules_dir() / "calendars" / "ema.yaml"]
    candidates += [Path(d) / "calendars" / "ema.yaml" for d in extra_dirs]
    path = [c for c in candidates if c.is_file()][-1]
    doc = load_document(path)
    if path.parent.parent.resolve() == builtin_rules_dir().resolve():
        doc.name = "rules/calendars/ema.yaml"
    data = validate(EmaCalendarFile, doc)
    known = {s.id for s in data.sources}
    cited = [("procedure_starts", i, r.source) for i, r in enumerate(data.procedure_starts)]
    cited += [("chmp_outcomes", i, r.source) for i, r in enumerate(data.chmp_outcomes)]
    unknown = [
        doc.problem((section, i, "source"), f'unknown source "{source}"')
        for section, i, source in cited
        if source not in known
    ]
    if unknown:
        raise InputError(unknown)
    by_id = {s.id: s.url or s.title for s in data.sources}
    status = {s.id: s.status for s in data.sources}
    return EmaCalendar.build(
        [o.date for o in data.chmp_outcomes],
        [s.start for s in data.procedure_starts],
        {o.date: o.url or by_id[o.source] for o in data.chmp_outcomes},
        {o.date: k for o in data.chmp_outcomes if (k := status[o.source])},
        {s.start: by_id[s.source] for s in data.procedure_starts},
        {s.start: k for s in data.procedure_starts if (k := status[s.source])},
    )
