"""Many products at once: several profile files, a folder, or a CSV / JSONL portfolio.

Each product is read and validated on its own, so that a bad row is reported with its
row number while the others are still estimated. The rule pack is loaded once.

CSV columns (header row required, any order, unknown columns refused):

    name, indication, modality, serious_condition, unmet_medical_need, orphan,
    preliminary_clinical_evidence, designations, submission, submission_us,
    submission_eu, submission_cn, submission_jp, assumptions, notes

Booleans are true/false, yes/no or 1/0 (empty: false); designations are separated by
spaces, commas or semicolons; ``assumptions`` is ``PATHWAY.MILESTONE=DURATION``
separated by semicolons. JSONL: one JSON object per line, with the fields of a profile.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .loading import Document, load_document, read_text
from .profiles import LoadedProfile, profile_from_document
from .rulepack import RulePack

# A portfolio of ten thousand products is about 1.5 MB.
MAX_PORTFOLIO_BYTES = 20 * 1024 * 1024

CSV_COLUMNS: tuple[str, ...] = (
    "name",
    "indication",
    "modality",
    "serious_condition",
    "unmet_medical_need",
    "orphan",
    "preliminary_clinical_evidence",
    "designations",
    "submission",
    "submission_us",
    "submission_eu",
    "submission_cn",
    "submission_jp",
    "assumptions",
    "notes",
)
_BOOLEANS = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
}
_BOOLEAN_COLUMNS = (
    "serious_condition",
    "unmet_medical_need",
    "orphan",
    "preliminary_clinical_evidence",
)
PROFILE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Product:
    """One product of a batch: its profile, or the problems that stopped it."""

    source: str  # the file, e.g. "portfolio.csv"
    row: int | None  # the data row (1-based) in a CSV or JSONL file
    loaded: LoadedProfile | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``portfolio.csv row 3`` or the profile file's name (no folders)."""
        name = Path(self.source).name if self.source != "-" else "-"
        return f"{name} row {self.row}" if self.row is not None else name


def is_batch(inputs: Sequence[str]) -> bool:
    """Whether the inputs are a batch (several files, a folder, a CSV or JSONL file)."""
    if len(inputs) > 1:
        return True
    return bool(inputs) and (
        Path(inputs[0]).suffix.lower() in (".csv", ".jsonl") or Path(inputs[0]).is_dir()
    )


def expand(inputs: Sequence[str]) -> list[str]:
    """Folders replaced by the profile and portfolio files in them (sorted)."""
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in (*PROFILE_SUFFIXES, ".csv", ".jsonl")
            )
            if not found:
                raise InputError.single(
                    item,
                    "folder has no profiles",
                    expected="*.yaml, *.json, *.csv or *.jsonl files",
                )
            files += [str(p) for p in found]
        else:
            files.append(item)
    return files


def read_products(
    inputs: Sequence[str], pack: RulePack, settings: Sequence[str] = ()
) -> Iterator[Product]:
    """Every product of the inputs, validated one by one (in input order)."""
    for item in expand(inputs):
        suffix = Path(item).suffix.lower()
        if suffix == ".csv":
            yield from _csv_products(item, pack, settings)
        elif suffix == ".jsonl":
            yield from _jsonl_products(item, pack, settings)
        else:
            try:
                doc = load_document(item)
                loaded = profile_from_document(doc, pack, settings, source=item)
                yield Product(item, None, loaded)
            except InputError as exc:
                yield Product(item, None, problems=exc.problems)


def _product(
    doc: Document, source: str, row: int, pack: RulePack, settings: Sequence[str]
) -> Product:
    try:
        return Product(source, row, profile_from_document(doc, pack, settings, source=source))
    except InputError as exc:
        return Product(source, row, problems=[_in_row(p, row) for p in exc.problems])


def _in_row(problem: Problem, row: int) -> Problem:
    path = f"row {row}" + (f" {problem.path}" if problem.path else "")
    return Problem(
        problem.file,
        problem.message,
        problem.line,
        problem.column,
        path,
        problem.expected,
        problem.hint,
        problem.level,
    )


def _csv_products(path: str, pack: RulePack, settings: Sequence[str]) -> Iterator[Product]:
    name, text = read_text(path, limit=MAX_PORTFOLIO_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError.single(
            name,
            "the CSV file is empty",
            line=1,
            expected="a header row: " + ", ".join(CSV_COLUMNS),
        ) from None
    problems: list[Problem] = []
    for index, column in enumerate(header, 1):
        if column not in CSV_COLUMNS:
            close = difflib.get_close_matches(column, CSV_COLUMNS, n=1)
            problems.append(
                Problem(
                    name,
                    f'unknown column "{column}"'
                    + (f' (did you mean "{close[0]}"?)' if close else ""),
                    line=1,
                    column=index,
                    expected=None if problems else "columns among: " + ", ".join(CSV_COLUMNS),
                )
            )
    if len(set(header)) != len(header):
        problems.append(Problem(name, "a column appears twice in the header", line=1))
    if problems:
        raise InputError(problems)
    for row, cells in enumerate(reader, 1):
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield Product(
                name,
                row,
                problems=[
                    Problem(
                        name,
                        f"has {len(cells)} cells, the header has {len(header)}",
                        line=line,
                        path=f"row {row}",
                    )
                ],
            )
            continue
        data, positions = _csv_row(dict(zip(header, cells, strict=True)), header, line)
        yield _product(Document(name, data, positions), name, row, pack, settings)


def _csv_row(
    cells: dict[str, str], header: list[str], line: int
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], tuple[int, int]]]:
    data: dict[str, Any] = {}
    positions: dict[tuple[str | int, ...], tuple[int, int]] = {(): (line, 1)}
    column_of = {h: i + 1 for i, h in enumerate(header)}
    submissions: dict[str, str] = {}
    for key, raw in cells.items():
        value = raw.strip()
        if not value:
            continue
        where = (line, column_of[key])
        if key in _BOOLEAN_COLUMNS:
            data[key] = _BOOLEANS.get(value.lower(), value)
            positions[(key,)] = where
        elif key == "designations":
            names = value.replace(",", " ").replace(";", " ").split()
            data[key] = names
            positions[(key,)] = where
            for i in range(len(names)):
                positions[(key, i)] = where
        elif key.startswith("submission_"):
            code = key.removeprefix("submission_").upper()
            submissions[code] = value
            positions[("submissions", code)] = where
        elif key == "assumptions":
            pairs = [p.split("=", 1) for p in value.split(";") if p.strip()]
            data[key] = {k.strip(): v.strip() for k, *rest in pairs for v in (rest or [""])}
            positions[(key,)] = where
            for k in data[key]:
                positions[(key, k)] = where
        else:
            data[key] = value
            positions[(key,)] = where
    if submissions:
        data["submissions"] = submissions
        positions[("submissions",)] = (line, column_of.get("submission_us", 1))
    return data, positions


def _jsonl_products(path: str, pack: RulePack, settings: Sequence[str]) -> Iterator[Product]:
    name, text = read_text(path, limit=MAX_PORTFOLIO_BYTES)
    row = 0
    for line, content in enumerate(text.splitlines(), 1):
        if not content.strip():
            continue
        row += 1
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            yield Product(
                name,
                row,
                problems=[
                    Problem(
                        name,
                        f"not valid JSON: {exc.msg}",
                        line=line,
                        column=exc.colno,
                        path=f"row {row}",
                    )
                ],
            )
            continue
        positions: dict[tuple[str | int, ...], tuple[int, int]] = {(): (line, 1)}
        if isinstance(data, dict):
            positions.update({(k,): (line, 1) for k in data})
        yield _product(Document(name, data, positions), name, row, pack, settings)
