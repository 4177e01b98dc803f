"""The layers stay apart (DESIGN.md section 2), checked on the sources with ast."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tracker

PACKAGE = Path(tracker.__file__).parent


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_extract_never_imports_the_database() -> None:
    for path in (PACKAGE / "extract").glob("*.py"):
        assert not any(n.startswith(("tracker.db", "sqlalchemy")) for n in _imports(path)), path


def test_db_never_imports_the_extractor() -> None:
    for path in (PACKAGE / "db").glob("*.py"):
        assert not any(n.startswith("tracker.extract") for n in _imports(path)), path


def test_cli_imports_neither_at_module_level() -> None:
    names = _imports(PACKAGE / "cli.py", top_level_only=True)
    assert not any(n.startswith(("sqlalchemy", "tracker.extract", "tracker.db")) for n in names)


def test_list_does_not_load_the_extractor(tmp_path: Path) -> None:
    """`tracker list` runs without importing dateparser or compiling rules."""
    db = tmp_path / "t.db"
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        "try:\n"
        f"    app(['--db', 'sqlite:///{db}', 'list', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('dateparser', 'tracker.extract', 'tracker.extract.rules')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    # the database is not migrated yet: migrate it first in its own process
    subprocess.run(
        [sys.executable, "-m", "tracker", "--db", f"sqlite:///{db}", "db", "upgrade"],
        check=True,
        capture_output=True,
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_extract_does_not_load_the_database(tmp_path: Path) -> None:
    """`tracker extract` stores nothing: SQLAlchemy and the models stay unimported."""
    feed = tmp_path / "a.txt"
    feed.write_text("تعهدت مصر بدعم السودان.", encoding="utf-8")
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        "try:\n"
        f"    app(['extract', {str(feed)!r}, '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('sqlalchemy', 'tracker.db.models') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert '"EGY"' in lines[0], out.stdout + out.stderr  # it did extract
    assert lines[-1] == "[]", out.stdout + out.stderr
