"""Fixtures: a fresh migrated database per test, on SQLite and (when configured) PostgreSQL.

PostgreSQL tests need TRACKER_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres);
they skip only when it is unset. Each test gets its own database, cloned from a template that
is migrated once per run, and dropped afterwards, so runs never see each other's data.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker import service
from tracker.db.migrate import upgrade
from tracker.db.session import make_engine, session_scope

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_ARTICLE = SHARED / "seed-article" / "article.txt"
SEED_GOLD = SHARED / "seed-article" / "gold.jsonl"
PG_ENV = "TRACKER_TEST_POSTGRES_URL"


def _migrate(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine, "head")
    with session_scope(engine) as session:
        service.sync_gazetteer(session)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    return path


def copy_of(template: Path, path: Path) -> str:
    """A fresh SQLite database at `path`, copied from a migrated template."""
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return copy_of(sqlite_template, tmp_path / "tracker.db")


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    return url


def _pg_url_for(admin: str, name: str) -> str:
    return (
        make_url(admin)
        .set(drivername="postgresql+psycopg2", database=name)
        .render_as_string(hide_password=False)
    )


def _pg_execute(admin: str, statement: str) -> None:
    engine = create_engine(
        _pg_url_for(admin, make_url(admin).database or "postgres"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin = _pg_admin_url()
    name = f"tracker_tmpl_{uuid.uuid4().hex[:10]}"
    _pg_execute(admin, f'CREATE DATABASE "{name}"')
    _migrate(_pg_url_for(admin, name))
    yield name
    _pg_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of `template`, else empty), dropped afterwards."""
    admin = _pg_admin_url()
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    _pg_execute(
        admin, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    )
    yield _pg_url_for(admin, name)
    _pg_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_empty_url() -> Iterator[str]:
    """A new, empty PostgreSQL database (no schema), dropped after the test."""
    yield from pg_database()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    yield from pg_database(pg_template)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh migrated database with the gazetteer loaded, on each backend."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)
