"""From bytes to validated models, with every problem located at file:line:column.

YAML is composed with a safe loader into nodes that keep their marks; walking the
nodes we refuse what PyYAML would silently accept (duplicate keys, aliases that can
blow up into "billion laughs", deep nesting, ``yes``/``no`` read as booleans, custom
tags), then validate with pydantic and map each error back to the line it came from.
"""

from __future__ import annotations

import difflib
import sys
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_constructor = yaml.constructor.SafeConstructor()
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {_STR, _BOOL, _NULL, _INT, _FLOAT, _TIMESTAMP}


@dataclass
class Document:
    """Parsed data with the position of every key and item, by path."""

    name: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(
        self, loc: Sequence[str | int], *, value: bool = False
    ) -> tuple[int | None, int | None]:
        """Line and column of the deepest known part of ``loc`` (its key, or its value)."""
        path = tuple(loc)
        if value and path in self.value_positions:
            return self.value_positions[path]
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return None, None
            path = path[:-1]

    def problem(
        self, loc: Sequence[str | int], message: str, *, value: bool = False, **kwargs: Any
    ) -> Problem:
        """A problem located at ``loc`` in this document (at its value if ``value``)."""
        line, column = self.where(loc, value=value)
        return Problem(
            self.name, message, line=line, column=column, path=format_loc(loc) or None, **kwargs
        )


def format_loc(loc: Iterable[str | int]) -> str:
    """``("milestones", 3, "duration")`` -> ``milestones[3].duration``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


# ---------------------------------------------------------------------------------
# Reading bytes


def read_text(
    path: str | Path, *, stdin: typing.BinaryIO | None = None, limit: int = MAX_BYTES
) -> tuple[str, str]:
    """Read a UTF-8 text file (or ``-`` for standard input) as (display name, text)."""
    name = str(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        name = "<stdin>"
        raw = stream.read(limit + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError.single(
                    name, "is a folder, not a file", expected="a YAML or JSON file"
                )
            size = p.stat().st_size
            if size > limit:
                raise InputError.single(
                    name,
                    f"file is too large ({size / 1_048_576:.1f} MB; the limit is "
                    f"{limit // 1_048_576} MB)",
                    expected="a rule file or profile of a few kilobytes",
                )
            with p.open("rb") as handle:
                raw = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError.single(name, "file not found") from None
        except PermissionError:
            raise InputError.single(name, "permission denied: cannot read the file") from None
        except OSError as exc:
            raise InputError.single(name, f"cannot read the file ({exc.strerror})") from None
    if len(raw) > limit:
        raise InputError.single(
            name,
            f"input is too large (over {limit // 1_048_576} MB)",
            expected="a rule file or profile of a few kilobytes",
        )
    return name, decode(name, raw)


def decode(name: str, raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), refusing binary data."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError.single(
            name,
            "contains NUL bytes: this is binary data, not text",
            line=line,
            expected="a UTF-8 YAML or JSON file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.single(
            name,
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            line=line,
            column=column,
            expected="a UTF-8 encoded text file",
        ) from None


# ---------------------------------------------------------------------------------
# YAML to data with positions


def parse_yaml(text: str, name: str) -> Document:
    """Compose YAML (or JSON) text into plain data and a map of positions."""
    if name.endswith(".json") or text.lstrip()[:1] in ("{", "["):
        # JSON is YAML, except that YAML refuses tabs as indentation. A literal tab in
        # valid JSON can only be whitespace, so it is safe to turn into a space.
        text = text.replace("\t", " ")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark: Any = exc.problem_mark or exc.context_mark
        what = exc.problem or "not valid YAML"
        lines = text.splitlines()
        line_text = lines[mark.line][: mark.column + 1] if mark and mark.line < len(lines) else ""
        if "\t" in line_text or "\\t" in what:
            what += " (a tab: YAML does not allow tabs for indentation; use spaces)"
        raise InputError.single(
            name,
            f"not valid YAML: {what}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.single(name, f"not valid YAML: {exc}") from None
    if node is None:
        raise InputError.single(name, "file is empty", line=1, column=1)
    walker = _Walker(name)
    data = walker.walk(node, (), 0)
    if walker.alias:
        walker.problems.append(_alias_problem(text, name))
    if walker.problems:
        raise InputError(walker.problems)
    return Document(name, data, walker.positions, walker.value_positions)


def _alias_problem(text: str, name: str) -> Problem:
    line: int | None = None
    column: int | None = None
    for event in yaml.parse(text, Loader=_Loader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            line, column = mark.line + 1, mark.column + 1
            break
    return Problem(
        name,
        "YAML aliases (*name) are not supported: write the value out",
        line=line,
        column=column,
        hint="aliases can expand a small file into a huge one",
    )


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.value_positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0
        self.alias = False

    def _problem(self, node: yaml.Node, message: str, **kwargs: Any) -> None:
        self.problems.append(
            Problem(
                self.name,
                message,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                **kwargs,
            )
        )

    def walk(self, node: yaml.Node, path: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._problem(
                    node, f"more than {MAX_NODES} values: too large for a rule file or profile"
                )
            return None
        if depth > MAX_DEPTH:
            self._problem(node, f"nested deeper than {MAX_DEPTH} levels", expected="a flat file")
            return None
        if id(node) in self.seen:
            # The composer hands back the anchored node for every alias; where the alias
            # itself was written is found afterwards (see parse_yaml).
            self.alias = True
            return None
        self.seen.add(id(node))
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.positions.setdefault(path, mark)
        self.value_positions[path] = mark
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, "a key must be plain text, not a list or mapping")
                    continue
                key = key_node.value
                if key == "<<":
                    self._problem(key_node, "YAML merge keys (<<) are not supported")
                    continue
                if key in result or key in first_line:
                    self._problem(
                        key_node,
                        f'duplicate key "{key}" (first at line {first_line[key]})',
                        hint="YAML keeps only the last value of a repeated key",
                    )
                    continue
                first_line[key] = key_node.start_mark.line + 1
                self.positions[path + (key,)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                result[key] = self.walk(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag not in _PLAIN_TAGS:
            self._problem(node, f"YAML tag {tag} is not supported")
            return None
        if tag == _STR:
            return value
        if tag == _BOOL:
            # YAML 1.1 reads yes/no/on/off as booleans; only true/false count here, the
            # rest stay text so that validation can say what was meant.
            lowered = value.lower()
            return lowered == "true" if lowered in ("true", "false") else value
        if tag == _NULL:
            return None
        try:
            if tag == _INT:
                return _constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                return _constructor.construct_yaml_float(node)
            return _constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return value  # e.g. 2026-02-30: validation reports it as a bad date


# ---------------------------------------------------------------------------------
# Validation with located, readable errors


def validate(model: type[M], doc: Document, *, prefix: Loc = ()) -> M:
    """Validate ``doc.data`` against ``model``; raise InputError with every problem."""
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else f"a single value ({doc.data!r:.40})"
        raise InputError([doc.problem(prefix, f"expected a mapping of fields, found {found}")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, model, prefix=prefix)) from None


def problems_from(
    exc: ValidationError, doc: Document, model: type[BaseModel], *, prefix: Loc = ()
) -> list[Problem]:
    """Turn pydantic errors into located problems in plain words."""
    problems: list[Problem] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False):
        loc = prefix + _clean_loc(err["loc"])
        message, expected, hint = _describe(err, model, _clean_loc(err["loc"]))
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        at_value = err["type"] not in ("extra_forbidden", "missing")
        problems.append(doc.problem(loc, message, value=at_value, expected=expected, hint=hint))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # Drop pydantic's internal steps (union members, validator names).
    out: list[str | int] = []
    for part in loc:
        internal = ("function-", "bool", "str", "list[")
        if isinstance(part, int) or not str(part).startswith(internal):
            out.append(part)
    return tuple(out)


def _describe(err: Any, model: type[BaseModel], loc: Loc) -> tuple[str, str | None, str | None]:
    kind: str = err["type"]
    value = err.get("input")
    shown = _show(value)
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        options = fields_at(model, loc[:-1])
        close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
        hint = f'did you mean "{close[0]}"?' if close else None
        expected = "one of: " + ", ".join(options) if options else None
        return (
            f'unknown field "{name}"' + (f' (did you mean "{close[0]}"?)' if close else ""),
            (expected if not close else None),
            None if close else hint,
        )
    if kind == "missing":
        return f'missing required field "{loc[-1] if loc else "?"}"', None, None
    if kind in ("bool_type", "bool_parsing"):
        hint = None
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            hint = "YAML 1.1 reads yes/no/on/off as booleans; write true or false"
        return f"{shown} is not true or false", "true or false", hint
    if kind.startswith(("date_", "datetime_")):
        return f"{shown} is not a valid date", "a real calendar date written YYYY-MM-DD", None
    if kind == "literal_error":
        ctx_expected = str(err.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in ctx_expected.replace(" or ", ", ").split(",")]
        options = [o for o in options if o]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        return (
            f"{shown} is not allowed" + (f' (did you mean "{close[0]}"?)' if close else ""),
            "one of: " + ", ".join(options),
            None,
        )
    if kind == "string_pattern_mismatch":
        return f"{shown} is not an id", "lower-case words joined by hyphens, e.g. bla-filing", None
    if kind in ("string_type",):
        return f"{shown} is not text", "text", None
    if kind in ("list_type", "tuple_type"):
        return f"{shown} is not a list", "a list (one item per line, each starting with -)", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} is not a mapping", "a mapping of fields (key: value)", None
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return f"{shown} is not a number", "a number", None
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{shown} is out of range ({err['msg'].lower()})", None, None
    if kind in ("string_too_short", "string_too_long"):
        return f"{shown}: {err['msg'].lower()}", None, None
    if kind == "value_error":
        text = str(err.get("ctx", {}).get("error", err["msg"]))
        message, _, expected = text.partition("; expected ")
        return message, expected or None, None
    return f"{shown}: {err['msg']}", None, None


def _show(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str):
        return f'"{value[:60]}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return repr(value)[:60]


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names (as written in files) of the model found at ``loc`` under ``model``."""
    current: Any = model
    skip_key = False
    for part in loc:
        if isinstance(part, int):
            continue
        if skip_key:
            skip_key = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = _field_by_name(current, part)
        if info is None:
            return []
        current, skip_key = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _field_by_name(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def _inner_model(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin is dict:
        inner, _ = _inner_model(typing.get_args(annotation)[1])
        return inner, True
    if origin in (list, tuple, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner, skip = _inner_model(arg)
            if inner is not None:
                return inner, skip
    return None, False


def load_document(path: str | Path, *, stdin: typing.BinaryIO | None = None) -> Document:
    """Read and parse one YAML/JSON file (``-`` for standard input)."""
    name, text = read_text(path, stdin=stdin)
    return parse_yaml(text, name)
