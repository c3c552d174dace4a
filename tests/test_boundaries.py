"""Import boundaries: the core knows nothing of the terminal; only cli/ uses Typer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cgt_timeline"
if not PACKAGE.is_dir():  # running against an installed wheel only
    import cgt_timeline

    PACKAGE = Path(cgt_timeline.__file__).parent

CORE = [
    "engine.py",
    "durations.py",
    "calendars.py",
    "conditions.py",
    "model.py",
    "loading.py",
    "rulepack.py",
    "profiles.py",
    "errors.py",
    "output.py",
]


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_no_terminal_libraries(module: str) -> None:
    assert not imported(PACKAGE / module) & {"typer", "rich", "click"}


@pytest.mark.parametrize("module", ["engine.py", "durations.py", "calendars.py", "conditions.py"])
def test_engine_does_no_io(module: str) -> None:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert not imported(PACKAGE / module) & {"yaml", "json", "os", "sys", "pathlib"}
    assert "open(" not in source and "print(" not in source


def test_only_render_and_cli_import_rich() -> None:
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if "rich" in imported(path):
            assert rel.startswith(("render/", "cli/")), rel
        if "typer" in imported(path):
            assert rel.startswith("cli/"), rel
