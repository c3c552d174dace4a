"""``cgt-timeline check``: fail a CI build when a planned approval date is out of reach."""

import json
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from .common import err, handle_errors
from .options import ProfilesArgument, RulesOption, SetOption


class CheckFormat(str, Enum):
    """Formats of check."""

    text = "text"
    json = "json"


@handle_errors
def check(
    profiles: ProfilesArgument = None,
    approval_by: Annotated[
        Optional[list[str]],
        typer.Option(
            "--approval-by",
            help="Deadline: JURISDICTION=DATE (the best eligible pathway there, e.g. "
            "US=2027-06-30) or PATHWAY=DATE (that pathway, e.g. fda-rmat=2027-03-01); with "
            "-p, a bare DATE applies to each given pathway. Repeatable.",
            metavar="KEY=DATE",
            show_default=False,
        ),
    ] = None,
    pathway: Annotated[
        Optional[list[str]],
        typer.Option(
            "-p",
            "--pathway",
            help="Pathway a bare --approval-by DATE applies to.",
            metavar="PATHWAY",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CheckFormat.text
    ),
    planned_only: Annotated[
        bool,
        typer.Option(
            "--planned-only",
            help="For a jurisdiction, count only pathways whose designation (RMAT, PRIME, "
            "NMPA breakthrough) the profile lists as held or planned.",
        ),
    ] = False,
    rules: RulesOption = None,
    settings: SetOption = None,
) -> None:
    """Check planned approval deadlines; exit 3 when one is missed (for CI).

    For a jurisdiction, the deadline is met when its best eligible pathway (the earliest
    approval) meets it; when that pathway needs a designation the profile does not list,
    the line says so, and --planned-only leaves such pathways out. One line per
    deadline says by how many days it is met or missed. The plan counts risk events
    likelier than not (EMA's reversion of accelerated assessment): a missed deadline
    names such a risk when it would be met without it. A met deadline names a risk the
    plan leaves out at even odds or more that would take it away (still met).
    Exit codes: 0 all met, 3 a deadline missed, 1 bad input (a bad row of a portfolio
    is reported and the other products are still checked).

    Examples:

      cgt-timeline check my-product.yaml --approval-by US=2027-06-30 --approval-by EU=2027-12-31

      cgt-timeline check my-product.yaml -p fda-rmat --approval-by 2027-03-01

      cgt-timeline check portfolio.csv --approval-by US=2028-01-01 --format json
    """
    from ..batch import read_products
    from ..deadlines import check as run_check
    from ..deadlines import describe, parse_targets
    from ..engine import approval_with
    from ..profiles import load_profile
    from .batch import estimates, problem_record
    from .estimate import load_pack

    pack = load_pack(rules or [], pathway or [])
    texts = list(approval_by or [])
    bare = [t for t in texts if "=" not in t]
    keyed = [t for t in texts if "=" in t]
    if bare and pathway:
        keyed += [f"{p}={d}" for d in bare for p in pathway]
        bare = []
    targets = parse_targets(keyed + bare, pack)
    needed = {t.key for t in targets if not t.is_jurisdiction}
    needed |= {p for p in pack.ids if pack[p].jurisdiction in {t.key for t in targets}}
    ids = [p for p in pack.ids if p in needed]

    if profiles:
        products = list(read_products(profiles, pack, settings or []))
    else:
        from ..batch import Product

        loaded = load_profile(None, pack, settings or [])
        err(f'note: no PROFILE given; checking the built-in example "{loaded.profile.name}".')
        products = [Product(loaded.source, None, loaded)]
    many = len(products) > 1
    records: list[dict[str, Any]] = []
    errors: list[Any] = []
    missed = 0
    for product, report in estimates(products, pack, ids, "Checking", errors):

        def without(e: Any, risk: str, _loaded: Any = product.loaded) -> Any:
            return approval_with(pack, e, _loaded.profile, _loaded.overrides, risk, 0.0)

        for result in run_check(report, targets, planned_only, without):
            missed += not result.met
            if fmt is CheckFormat.text:
                prefix = f"{report.profile.name} ({product.label}): " if many else ""
                typer.echo(prefix + describe(result))
            records.append(_record(product, report, result))
    if fmt is CheckFormat.json:
        typer.echo(
            json.dumps(
                {
                    "passed": missed == 0 and not errors,
                    "checks": records,
                    "errors": [problem_record(p) for p in errors],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    if errors:
        raise typer.Exit(1)
    if missed:
        if fmt is CheckFormat.text:
            err(f"{missed} deadline{'s' if missed != 1 else ''} missed.")
        raise typer.Exit(3)


def _record(product: Any, report: Any, result: Any) -> dict[str, Any]:
    return {
        "product": report.profile.name,
        "source": product.source,
        "row": product.row,
        "target": result.target.key,
        "deadline": result.target.deadline.isoformat(),
        "pathway": result.pathway,
        "approval": result.approval.isoformat() if result.approval else None,
        "met": result.met,
        "margin_days": result.margin_days,
        "note": result.note or None,
        # Risks at even odds or more, left out of the plan, that would take the deadline
        # away (the plan meets it).
        "at_risk": [rid for rid, _ in result.at_risk],
        # Risks the plan counts (likelier than not) without which the missed deadline
        # would be met.
        "met_without": [rid for rid, _ in result.met_without],
    }
