"""The JSON output contract (``schema_version`` 1) as models, for its JSON Schema.

The engine's output is built as plain dicts in :mod:`cgt_timeline.output`; these models
describe that shape so that ``cgt-timeline schema output`` can publish it, and a test
checks real output against the schema. Imported only by the schema command and tests.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .model import Jurisdiction, MilestoneKind


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tool(_Out):
    name: Literal["cgt-timeline"]
    version: str


class ProfileRef(_Out):
    name: str
    source: str = Field(description="The profile file, '-' for standard input.")


class Assumption(_Out):
    value: str = Field(description="The duration used.")
    from_: Literal["profile", "--set"] = Field(alias="from")
    default: Optional[str] = Field(description="The rule's default duration.")


class Holiday(_Out):
    date: str
    name: str


class CalendarNote(_Out):
    holidays_skipped: list[Holiday]
    makeup_days_counted: list[str]
    provisional_years: list[int] = Field(
        description="Years whose official holiday notice the installed data lacks."
    )


class Snapped(_Out):
    rule: str = Field(description="The agency rule that moved the date, e.g. pmda-busy-month.")
    from_: str = Field(alias="from", description="The date before the move.")
    calendar: Optional[Literal["published", "projected", "rule"]] = Field(
        default=None, description="Whether the dates the rule used are published or projected."
    )


class IncludedRisk(_Out):
    risk: str = Field(description="The risk id (see the estimate's risks).")
    adds: str = Field(description='What it adds here, e.g. "4 months".')
    from_: str = Field(alias="from", description="The date before it was added.")


class Milestone(BaseModel):
    # Open to percentile keys (p10, p50, p90, ...) when the run was simulated (--trials).
    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    kind: MilestoneKind
    date: str = Field(description="ISO date, YYYY-MM-DD.")
    after: list[str] = Field(description="Milestones this date is counted after (the latest).")
    duration: Optional[str] = Field(description='e.g. "60 calendar days"; null for inputs.')
    sources: list[str] = Field(description="Ids of the pathway's sources.")
    basis: Literal["statutory", "estimated", "actual", "input"]
    before: Optional[str] = Field(description="The milestone this date is counted back from.")
    counted_from: Optional[str] = Field(description="The date the duration is counted from.")
    assumption: Optional[Assumption]
    calendar: Optional[CalendarNote]
    case: Optional[str] = None
    snapped: Optional[Snapped] = None
    includes_risks: Optional[list[IncludedRisk]] = Field(
        default=None,
        description="Risk events likelier than not, counted in this date at their likely size.",
    )


class Baseline(_Out):
    pathway: str
    approval: Optional[str]
    days_saved: Optional[int] = Field(description="Baseline approval minus this approval, in days.")


class RulesRef(_Out):
    file: str
    checked_on: str


class SourceRef(_Out):
    title: str
    section: Optional[str]
    url: Optional[str]
    status: Literal["official", "secondary", "unconfirmed", "calibration", "assumption"]


class RiskAdds(_Out):
    low: str
    likely: str
    high: str


class _Risk(_Out):
    id: str
    name: str
    milestone: str = Field(description="The milestone the event delays (and every later one).")
    probability: float = Field(description="In force: the rule's, or as set by profile/--set.")
    adds: RiskAdds
    in_plan: bool = Field(
        default=False,
        description="Likelier than not, so counted in the dates at its likely size.",
    )
    approval_if_it_happens: Optional[str] = Field(
        default=None,
        description="The approval if this event happens (likely size), others as planned.",
    )
    approval_if_it_does_not: Optional[str] = Field(
        default=None, description="The approval if this event does not happen, others as planned."
    )


class RiskRef(_Risk):
    sources: list[str]


class Estimate(_Out):
    pathway: str
    name: str
    jurisdiction: Jurisdiction
    agency: str
    eligible: bool
    ineligible_reasons: list[str]
    milestones: list[Milestone]
    submission: Optional[str]
    approval: Optional[str]
    baseline: Optional[Baseline]
    rules: RulesRef
    sources: dict[str, SourceRef]
    warnings: list[str]
    risks: list[RiskRef] = Field(
        default_factory=list,
        description=(
            "Risk events that can move the dates: counted in them when likelier than not "
            "(in_plan), left out otherwise; --trials draws them all."
        ),
    )


class Output(_Out):
    """cgt-timeline estimate --format json, schema_version 1."""

    schema_version: Literal[1]
    tool: Tool
    profile: ProfileRef
    rules_checked_on: Optional[str]
    estimates: list[Estimate]
    warnings: list[str]
    simulation: Optional[dict[str, Any]] = Field(
        default=None, description="With --trials: trials, seed, percentiles, risk hit rates."
    )
    comparison: Optional[dict[str, Any]] = Field(
        default=None, description="From compare: pathways by jurisdiction, days saved."
    )


class BatchMilestone(_Out):
    date: str
    kind: MilestoneKind
    basis: Literal["statutory", "estimated", "input", "actual"]


class BatchRow(_Out):
    """One product and pathway: a JSON Lines line, or an item of a batch JSON's rows."""

    product: str
    source: str = Field(description="The file the product came from.")
    row: Optional[int] = Field(description="The row of a CSV/JSONL portfolio, else null.")
    pathway: str
    jurisdiction: Jurisdiction
    eligible: bool
    submission: Optional[str]
    approval: Optional[str]
    baseline: Optional[str]
    baseline_approval: Optional[str]
    days_saved: Optional[int]
    ineligible_reasons: list[str]
    warnings: list[str]
    risks_in_plan: list[str] = Field(
        default_factory=list,
        description="Risk events the approval counts (likelier than not), by id.",
    )
    approval_without_risks_in_plan: Optional[str] = Field(
        default=None,
        description=(
            "The approval if none of the risks in the plan happens (the approval itself "
            "when the plan counts none)."
        ),
    )
    milestones: dict[str, BatchMilestone] = Field(description="Milestone id -> its date.")


class BatchError(_Out):
    """A bad product (file, line and column where known); the other products still run."""

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    path: Optional[str]
    message: str
    expected: Optional[str] = Field(default=None, description="What would have been valid.")


class BatchOutput(_Out):
    """estimate over several profiles or a portfolio, --format json, schema_version 1."""

    schema_version: Literal[1]
    tool: Tool
    rows: list[BatchRow]
    errors: list[BatchError]


# ---------------------------------------------------------------------------------
# explain --format json


class ExplainPathway(_Out):
    id: str
    name: str
    jurisdiction: Jurisdiction
    agency: str
    files: list[str] = Field(description="The rule files it was built from, parent first.")
    extends: Optional[str]
    baseline: Optional[str]
    checked_on: str


class ExplainSource(_Out):
    id: str
    title: str
    section: Optional[str]
    url: Optional[str]
    status: Literal["official", "secondary", "unconfirmed", "calibration", "assumption"]
    note: Optional[str]


class ExplainCondition(_Out):
    condition: str
    met: bool
    reason: str
    sources: list[ExplainSource]


class CountedFrom(_Out):
    id: str
    date: str
    latest: bool = Field(description="Whether this is the date the duration is counted from.")


class DurationOrigin(_Out):
    from_: Literal["rule", "rule case", "profile", "--set"] = Field(alias="from")
    value: Optional[str]
    case: Optional[str] = None
    rule_default: Optional[str] = None


class ExplainCalendar(_Out):
    jurisdiction: Jurisdiction
    name: str
    holidays_skipped: list[Holiday]
    makeup_days_counted: list[str]
    provisional_years: list[int]
    moved_to_working_day: bool


class ExplainSnapped(_Out):
    rule: Optional[str]
    from_: str = Field(alias="from", description="The date before the move.")
    calendar: Optional[Literal["published", "projected", "rule"]]
    why: Optional[str] = Field(description="A closed day's name, or the plenary aimed at.")
    published_in: Optional[str] = Field(description="Where the published date was found.")
    source_status: Optional[Literal["official", "secondary"]] = Field(
        default=None, description="EMA's own page or document, or a report of it."
    )


class OnCalendar(_Out):
    date: str = Field(description="The EMA calendar date the step rests on.")
    calendar: Literal["published", "projected"]
    published_in: Optional[str]
    source_status: Optional[
        Literal["official", "secondary", "unconfirmed", "calibration", "assumption"]
    ] = Field(default=None, description="Whether the page it was read on is EMA's own or a report.")


class ExplainIncludedRisk(IncludedRisk):
    name: str = Field(description="The risk's name, from its rule file.")


class ExplainMilestone(_Out):
    id: str
    name: str
    kind: MilestoneKind
    date: str
    basis: Literal["statutory", "estimated", "actual", "input"]
    relation: Literal["input", "actual", "after", "before"]
    rule: str = Field(description="How the date was counted, in words.")
    counted_from: list[CountedFrom]
    duration: Optional[DurationOrigin]
    calendar: Optional[ExplainCalendar]
    sources: list[ExplainSource]
    note: Optional[str]
    snapped: Optional[ExplainSnapped]
    on_calendar: Optional[OnCalendar]
    includes_risks: list[ExplainIncludedRisk] = Field(
        default_factory=list,
        description="Risk events likelier than not, counted in this date at their likely size.",
    )


class ExplainRisk(_Risk):
    sources: list[ExplainSource]


class ExplainOutput(_Out):
    """cgt-timeline explain --format json, schema_version 1."""

    schema_version: Literal[1]
    tool: Tool
    profile: ProfileRef
    pathway: ExplainPathway
    eligible: bool
    eligibility: list[ExplainCondition]
    milestones: list[ExplainMilestone]
    approval: Optional[str]
    baseline: Optional[Baseline]
    risks: list[ExplainRisk] = Field(default_factory=list)
    warnings: list[str]
