"""One error hierarchy for everything a user can get wrong.

Library code raises these; only the CLI turns them into messages and exit codes.
A :class:`Problem` is one thing wrong at one place (``file:line:column``); an
:class:`InputError` carries every problem found in one run, so that a user fixes
them all at once instead of one per try.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None
    expected: str | None = None
    hint: str | None = None
    level: str = "error"

    @property
    def location(self) -> str:
        """``file:line:column`` (or as much of it as is known)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """The problem as yamllint-style text, with what was expected on its own line."""
        head = f"{self.location}: {self.level}: "
        if self.path:
            head += f"{self.path}: "
        lines = [head + self.message]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


class CgtError(Exception):
    """Base class of every error cgt-timeline raises on purpose."""

    exit_code = 1


class InputError(CgtError):
    """Bad input: a rule file, a profile, an option value. Exit code 1."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.format())

    @classmethod
    def single(cls, file: str, message: str, **kwargs: object) -> InputError:
        """An error with a single problem."""
        return cls([Problem(file, message, **kwargs)])  # type: ignore[arg-type]

    def format(self) -> str:
        """Every problem, then a count line such as ``2 errors in 2 files.``."""
        body = "\n".join(p.format() for p in self.problems)
        n = len(self.problems)
        files = len({p.file for p in self.problems})
        tail = f"{n} error{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}."
        return f"{body}\n{tail}" if n > 1 else body


class OutputError(CgtError):
    """An output file could not be written (exists, missing folder, no permission)."""


def raise_if(problems: Iterable[Problem]) -> None:
    """Raise one :class:`InputError` for all problems, if there are any."""
    found = list(problems)
    if found:
        raise InputError(found)
