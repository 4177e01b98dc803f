"""Migrations: up, down to base, up again, on both databases; models and migrations agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tracker.db.migrate import current, downgrade, head, upgrade
from tracker.db.models import Base, managed_by_models
from tracker.db.session import HEAD_REVISION, make_engine

TABLES = {
    "article",
    "party",
    "party_alias",
    "commitment",
    "commitment_party",
    "mention",
    "status_event",
    "followup",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return request.getfixturevalue("pg_empty_url")


def test_head_constant_matches_the_migrations() -> None:
    assert head() == HEAD_REVISION


def test_upgrade_downgrade_upgrade(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine, "head")
    assert current(engine) == HEAD_REVISION
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "base")
    assert current(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine, "head")
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_models_and_migrations_do_not_drift(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine, "head")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": managed_by_models})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrading_builds_the_search_index_for_existing_rows(empty_url: str) -> None:
    from typer.testing import CliRunner

    from tests.conftest import SEED_ARTICLE
    from tracker.cli import app

    def run(*args: str) -> str:
        result = CliRunner().invoke(app, ["--db", empty_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("db", "upgrade")
    run("ingest", str(SEED_ARTICLE))
    before = run("list", "--search", "الأسلحة", "--format", "json")
    run("db", "downgrade", "0002_party_merge")
    run("db", "upgrade")
    assert run("list", "--search", "الأسلحة", "--format", "json") == before != "[]"
