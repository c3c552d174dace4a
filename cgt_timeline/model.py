"""Typed models of rule files, product profiles and resolved pathways.

Rule files and profiles are validated by pydantic models that are frozen and forbid
unknown fields (``PathwayFile``, ``Profile``). A pathway that ``extends`` another is
resolved into a plain :class:`Pathway` with its parent's milestones merged in; the
engine works only on resolved pathways.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictFloat,
    WithJsonSchema,
    model_validator,
)

from .durations import EXAMPLES, Duration, DurationError

Jurisdiction = Literal["US", "EU", "CN", "JP"]
JURISDICTIONS: tuple[str, ...] = get_args(Jurisdiction)

MilestoneKind = Literal[
    "designation-request",
    "designation-decision",
    "meeting",
    "submission",
    "filing",
    "review-start",
    "clock-stop",
    "clock-restart",
    "opinion",
    "goal-date",
    "approval",
    "post-approval",
]
MILESTONE_KINDS: tuple[str, ...] = get_args(MilestoneKind)
# Agency rules that move a counted date (cgt_timeline.agency applies them).
SnapRule = Literal[
    "pmda-busy-month",
    "ema-procedure-start",
    "chmp-plenary",
    "chmp-restart-30",
    "chmp-restart-60",
    "working-day-on-or-before",
    "working-day-on-or-after",
    "weekday-on-or-before",
    "weekday-on-or-after",
    "friday-on-or-before",
]
Modality = Literal["cell", "gene", "gene-editing", "tissue", "other"]

# Profile fields that rule conditions may test.
ConditionField = Literal[
    "modality",
    "serious_condition",
    "unmet_medical_need",
    "orphan",
    "preliminary_clinical_evidence",
    "designations",
]

CONDITION_FIELDS: tuple[str, ...] = get_args(ConditionField)

# Designations a profile may list; rule packs may use more (see known_designations).
DESIGNATIONS: tuple[str, ...] = (
    "rmat",
    "breakthrough",
    "fast-track",
    "priority-review",
    "orphan",
    "prime",
    "accelerated-assessment",
    "conditional-ma",
    "nmpa-breakthrough",
    "nmpa-priority-review",
    "nmpa-conditional-approval",
    "sakigake",
)

# Dates a plan may use: the engine adds up to a decade to them, and the holiday data
# is meaningful only from the mid-20th century.
EARLIEST = date(1980, 1, 1)
LATEST = date(2100, 12, 31)


def _in_range(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(
            f"{value.isoformat()} is outside the dates cgt-timeline plans with; "
            f"expected a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
    return value


PlanDate = Annotated[date, AfterValidator(_in_range)]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]


def _parse_duration(value: object) -> Duration:
    try:
        return Duration.parse(value)
    except DurationError as exc:
        raise ValueError(f"{exc}; expected a number and a unit, e.g. {EXAMPLES}") from None


DURATION_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\s*\d+\s*(days?|d|calendar days?|cd|working days?|wd|"
    r"business days?|weeks?|w|months?|mo|years?|y)\s*$",
    "description": "A whole number and a unit: calendar days, working days, weeks, months, years.",
    "examples": ["60 days", "130 working days", "2 weeks", "6 months", "7 years"],
}
DurationValue = Annotated[
    Duration,
    PlainValidator(_parse_duration),
    PlainSerializer(str),
    WithJsonSchema(DURATION_SCHEMA),
]
DurationText = Annotated[str, WithJsonSchema(DURATION_SCHEMA)]


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


IdList = Annotated[
    list[Id], BeforeValidator(_one_or_many, json_schema_input_type=Union[Id, list[Id]])
]


class Frozen(BaseModel):
    """Base of every input model: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# ---------------------------------------------------------------------------------
# Rule files


class Source(Frozen):
    """A document a rule file cites: regulation, guidance, performance goal, data."""

    id: Id
    title: str
    url: str | None = None
    section: str | None = None
    status: Literal["official", "secondary", "unconfirmed", "calibration", "assumption"] = (
        "official"
    )
    note: str | None = None


def _range_from_text(value: object) -> object:
    return value if isinstance(value, dict) else {"likely": value}


class DurationRange(Frozen):
    """A duration, optionally with a low / likely / high range for uncertainty analysis.

    The deterministic estimate uses ``likely``. ``low`` and ``high`` must use the same
    unit, so that a range can be sampled without converting units.
    """

    likely: DurationValue
    low: DurationValue | None = None
    high: DurationValue | None = None
    distribution: Literal["pert", "triangular"] = "pert"
    at_likely: float | None = Field(
        default=None,
        ge=0,
        lt=1,
        description=(
            "Share of cases that take exactly the likely duration (a step that usually "
            "comes on its day: FDA acting on the goal date); the others are drawn from "
            "the range. Simulation only."
        ),
    )

    @model_validator(mode="after")
    def _ordered(self) -> "DurationRange":
        for bound in (self.low, self.high):
            if bound is not None and bound.unit is not self.likely.unit:
                raise ValueError(
                    f'low, likely and high must use the same unit ("{bound}" vs "{self.likely}")'
                )
        if self.low is not None and self.low.amount > self.likely.amount:
            raise ValueError(f'low "{self.low}" is longer than likely "{self.likely}"')
        if self.high is not None and self.high.amount < self.likely.amount:
            raise ValueError(f'high "{self.high}" is shorter than likely "{self.likely}"')
        if self.at_likely and self.low is None and self.high is None:
            raise ValueError("at_likely needs a range (low or high) to share with")
        return self


DurationSpec = Annotated[
    DurationRange,
    BeforeValidator(_range_from_text, json_schema_input_type=Union[DurationText, DurationRange]),
]


class Condition(Frozen):
    """A declarative test over the profile; no code is ever evaluated.

    Either a field test (``field`` with exactly one of ``equals``, ``in``,
    ``contains``) or a combination (``all``, ``any``, ``not``).
    """

    field: ConditionField | None = None
    equals: StrictBool | str | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    contains: str | None = None
    all_: "list[Condition] | None" = Field(default=None, alias="all")
    any_: "list[Condition] | None" = Field(default=None, alias="any")
    not_: "Condition | None" = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        tests = [n for n in ("equals", "in_", "contains") if n in self.model_fields_set]
        combos = [n for n in ("all_", "any_", "not_") if n in self.model_fields_set]
        if self.field is not None:
            if len(tests) != 1 or combos:
                raise ValueError(
                    f'field "{self.field}" needs exactly one of "equals", "in", "contains"'
                )
        elif len(combos) != 1 or tests:
            raise ValueError('a condition is a "field" test or exactly one of "all", "any", "not"')
        return self


class Criterion(Condition):
    """An eligibility condition with the reason shown when the profile fails it."""

    reason: str
    sources: IdList = []


class DurationCase(Frozen):
    """A duration that applies when a condition holds (e.g. orphan: priority review)."""

    when: Condition
    duration: DurationSpec
    reason: str
    sources: IdList


class MilestoneEntry(Frozen):
    """A milestone as a rule file writes it; in an ``extends`` file, only what differs."""

    id: Id
    name: str | None = None
    kind: MilestoneKind | None = None
    after: IdList = []
    before: Id | None = None
    duration: DurationSpec | None = None
    cases: list[DurationCase] = []
    when: Condition | None = None
    basis: Literal["statutory", "estimated"] = "statutory"
    sources: IdList = []
    note: str | None = None
    # An agency rule that moves the counted date, e.g. PMDA's busy-month start.
    snap: SnapRule | None = None


class Risk(Frozen):
    """A probabilistic event that adds time to a milestone (used by uncertainty analysis)."""

    id: Id
    name: str
    probability: Annotated[float, Field(ge=0.0, le=1.0)]
    milestone: Id
    adds: DurationSpec
    sources: IdList
    note: str | None = None
    when: Condition | None = Field(
        default=None,
        description=(
            "The risk applies only to profiles that meet this condition (for example "
            "SAKIGAKE products); without it, to every profile."
        ),
    )


class PathwayFile(Frozen):
    """One rule file: a pathway, or the differences from the pathway it extends."""

    id: Id | None = None
    extends: Id | None = None
    name: str | None = None
    jurisdiction: Jurisdiction | None = None
    agency: str | None = None
    baseline: Id | None = None
    checked_on: PlanDate
    summary: str | None = None
    sources: list[Source] = []
    eligibility: list[Criterion] = []
    milestones: list[MilestoneEntry] = []
    remove: IdList = []  # inherited milestones to drop (with the risks on them)
    remove_risks: IdList = []  # inherited risks to drop; a name the parent lacks is ignored
    risks: list[Risk] = []


@dataclass(frozen=True)
class Location:
    """Where something was written: file and, when known, line and column."""

    file: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Milestone:
    """A resolved milestone of a pathway."""

    id: str
    name: str
    kind: str
    after: tuple[str, ...]
    before: str | None
    duration: DurationRange | None
    cases: tuple[DurationCase, ...]
    when: Condition | None
    basis: str
    sources: tuple[str, ...]
    note: str | None
    location: Location
    fields: Mapping[str, Location] = field(default_factory=dict)
    snap: str | None = None

    def where(self, name: str) -> Location:
        """Where a field of this milestone was written (the milestone if not known)."""
        return self.fields.get(name, self.location)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The milestones whose dates this one is counted from."""
        return self.after + ((self.before,) if self.before else ())


@dataclass(frozen=True)
class Pathway:
    """A resolved pathway: milestones in dependency order, sources by id."""

    id: str
    name: str
    jurisdiction: str
    agency: str
    baseline: str | None
    checked_on: date
    summary: str | None
    sources: dict[str, Source]
    eligibility: tuple[Criterion, ...]
    milestones: tuple[Milestone, ...]
    risks: tuple[Risk, ...]
    file: str
    extends: str | None = None
    files: tuple[str, ...] = field(default=())

    def milestone(self, milestone_id: str) -> "Milestone":
        """The milestone with this id (KeyError if none)."""
        for m in self.milestones:
            if m.id == milestone_id:
                return m
        raise KeyError(milestone_id)

    @property
    def milestone_ids(self) -> tuple[str, ...]:
        """Ids of all milestones, in dependency order."""
        return tuple(m.id for m in self.milestones)


# ---------------------------------------------------------------------------------
# Profiles


class Profile(Frozen):
    """A product profile: what the product is and when it will be submitted where."""

    name: Annotated[str, Field(min_length=1, max_length=300)]
    indication: str | None = None
    modality: Modality
    serious_condition: StrictBool = False
    unmet_medical_need: StrictBool = False
    orphan: StrictBool = False
    preliminary_clinical_evidence: StrictBool = False
    designations: list[Id] = []
    submission: PlanDate | None = None
    submissions: dict[Jurisdiction, PlanDate] = {}
    # PATHWAY.MILESTONE: a duration ("2 months") or a range ("1 month..2 months..4
    # months"); PATHWAY.RISK: a probability (0.25). Checked against the rules on loading.
    assumptions: dict[str, Union[StrictFloat, str]] = {}
    actuals: dict[Jurisdiction, dict[Id, PlanDate]] = {}
    notes: str | None = None

    @model_validator(mode="after")
    def _has_a_submission(self) -> "Profile":
        if self.submission is None and not self.submissions:
            raise ValueError(
                'no submission date: give "submission" (all jurisdictions) or '
                '"submissions" (per jurisdiction, e.g. EU: 2026-09-01)'
            )
        return self

    def submission_for(self, jurisdiction: str) -> date | None:
        """The planned submission date in a jurisdiction, or None if not planned."""
        found: date | None = self.submissions.get(jurisdiction, self.submission)  # type: ignore[call-overload]
        return found

    def value_of(self, name: str) -> Any:
        """A profile field by name (for conditions)."""
        return getattr(self, name)


class ProcedureStart(Frozen):
    """A published EMA submission deadline and the procedure start (Day 1) it leads to."""

    deadline: date
    start: date
    source: Id


class PlenaryOutcome(Frozen):
    """A published CHMP outcome day."""

    date: date
    source: Id
    # The page for this one meeting, where the source is a series (one page a plenary).
    url: str | None = None


class EmaCalendarFile(Frozen):
    """rules/calendars/ema.yaml: published EMA dates (the rest is projected)."""

    checked_on: PlanDate
    sources: list[Source]
    procedure_starts: list[ProcedureStart]
    # At least one published plenary: the projections are made from them.
    chmp_outcomes: list[PlenaryOutcome] = Field(min_length=1)
