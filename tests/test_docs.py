"""The documentation stays true: the command reference matches the app, the README starts right."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
FRESH_MACHINE = [
    "pip install . && tracker ingest seeds/ && tracker list",
    "pip install '.[test]' && python -m pytest",
]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_commands", ROOT / "scripts" / "gen_commands.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def test_command_reference_is_up_to_date() -> None:
    current = (ROOT / "docs" / "COMMANDS.md").read_text(encoding="utf-8")
    assert current == GEN.render(), (
        "docs/COMMANDS.md is out of date with tracker/cli.py: run python scripts/gen_commands.py"
    )


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "COMMANDS.md").read_text(encoding="utf-8")
    paths = GEN.command_paths()
    assert {"ingest", "list", "show", "mark", "db upgrade", "parties merge"} <= set(paths)
    for path in paths:
        assert f"## `tracker {path}`" in text, path


def test_readme_starts_with_the_fresh_machine_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", readme, flags=re.M | re.S)
    assert [b.strip() for b in blocks[:2]] == FRESH_MACHINE


def test_readme_links_the_command_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/COMMANDS.md" in readme


def test_worked_example_output_is_current() -> None:
    """Every command of the README's worked example prints what the README shows."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "readme_example", Path(__file__).resolve().parents[1] / "scripts" / "readme_example.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    assert module.refreshed(text) == text, "run python scripts/readme_example.py"
