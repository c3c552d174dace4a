"""Running estimate and check over many products (several files, a folder, a portfolio)."""

import gc
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional, TypeVar

import typer

from .common import Format, console, err, write_output
from .estimate import load_pack

T = TypeVar("T")


def with_progress(items: list[T], what: str) -> Iterator[T]:
    """Items, with a progress bar on standard error for long runs on a terminal."""
    if len(items) < 50 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=what, console=console(stderr=True), transient=True)


def report_problems(problems: Iterable[Any]) -> int:
    """Print input problems to standard error; how many there were."""
    n = 0
    for p in problems:
        err(p.format())
        n += 1
    return n


def estimates(
    products: list[Any], pack: Any, ids: list[str] | None, what: str, errors: list[Any]
) -> Iterator[tuple[Any, Any]]:
    """(product, report) for every product that loaded; the others' problems are printed
    and added to ``errors``."""
    from ..engine import estimate

    for product in with_progress(products, what):
        if product.problems:
            errors += product.problems
            report_problems(product.problems)
            continue
        assert product.loaded is not None
        loaded = product.loaded
        yield (
            product,
            estimate(
                pack,
                loaded.profile,
                ids,
                loaded.overrides,
                source=product.label,
                probabilities=loaded.probabilities,
                risk_dates=False,  # portfolio rows do not show them; keeps batches fast
            ),
        )


def problem_record(p: Any) -> dict[str, Any]:
    """An input problem as JSON: file, line, column, path and message."""
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "path": p.path,
        "message": p.message,
    }


def run_batch(
    inputs: list[str],
    rules: list[Path],
    settings: list[str],
    pathways: list[str],
    fmt: Format,
    output: Optional[Path],
    force: bool,
) -> None:
    """Estimate every product; one row per product and pathway. Exit 1 if any input was bad."""
    from ..batch import read_products
    from ..render import batch as out

    pack = load_pack(rules, pathways)
    ids = list(dict.fromkeys(pathways)) or None
    products = list(read_products(inputs, pack, settings))
    # Thousands of validated profiles stay alive through the run: keep the garbage
    # collector from walking them again and again while the estimates are made.
    gc.freeze()
    chunks: list[str] = []  # kept for -o; streamed to stdout otherwise

    def emit(text: str) -> None:
        if output is not None:
            chunks.append(text)
        else:
            typer.echo(text, nl=False)

    documents: list[dict[str, Any]] = []
    summary: list[tuple[str, Any]] = []
    errors: list[Any] = []
    if fmt is Format.csv:
        emit(out.csv_header())
    for product, report in estimates(products, pack, ids, "Estimating", errors):
        if fmt is Format.jsonl:
            emit(
                "".join(
                    line + "\n" for line in out.jsonl_lines(report, product.source, product.row)
                )
            )
        elif fmt is Format.csv:
            emit(out.csv_lines(report, product.source, product.row))
        elif fmt in (Format.json, Format.yaml):
            documents += out.records(report, product.source, product.row)
        else:
            summary.append((product.label, report))
    problems = [{**problem_record(p), "expected": p.expected} for p in errors]
    if fmt is Format.json:
        emit(out.json_document(documents, problems))
    elif fmt is Format.yaml:
        import json

        import yaml

        emit(
            yaml.safe_dump(
                json.loads(out.json_document(documents, problems)),
                sort_keys=False,
                allow_unicode=True,
                width=100,
            )
        )
    elif fmt is Format.markdown:
        emit(_markdown(summary))
    elif fmt is Format.table:
        if output is None:
            console().print(_table(summary))
        else:
            emit(_plain_table(summary))
    if output is not None:
        write_output(output, "".join(chunks), force=force, inputs=inputs)
        done = sum(1 for p in products if not p.problems)
        err(f"wrote {output} ({fmt.value}, {done} products)")
    if errors:
        bad = sum(1 for p in products if p.problems)
        err(f"{bad} of {len(products)} products could not be estimated (see above).")
        raise typer.Exit(1)


def _rows(summary: list[tuple[str, Any]]) -> Iterator[tuple[str, ...]]:
    from ..render.text import versus_baseline

    for label, report in summary:
        for e in report.estimates:
            approval = (
                e.approval.isoformat()
                if e.approval
                else "not eligible"
                if not e.eligible
                else "no date"
            )
            yield (report.profile.name, label, e.pathway.id, approval, versus_baseline(e))


def _table(summary: list[tuple[str, Any]]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Approval estimates by product", title_justify="left")
    table.add_column("Product (source)", width=26)
    table.add_column("Pathway", width=18, no_wrap=True)
    table.add_column("Approval", width=12, no_wrap=True)
    table.add_column("Against baseline", width=27)
    previous = None
    for name, label, pathway, approval, versus in _rows(summary):
        shown = "" if label == previous else f"{name} ({label})"
        previous = label
        table.add_row(Text(shown), Text(pathway), Text(approval), Text(versus))
    return table


def _plain_table(summary: list[tuple[str, Any]]) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=100, no_color=True, force_terminal=False).print(_table(summary))
    return buffer.getvalue()


def _markdown(summary: list[tuple[str, Any]]) -> str:
    lines = [
        "| Product | Source | Pathway | Approval | Against baseline |",
        "|---|---|---|---|---|",
    ]
    for name, label, pathway, approval, versus in _rows(summary):
        cells = [c.replace("|", "\\|") for c in (name, label, pathway, approval, versus)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
