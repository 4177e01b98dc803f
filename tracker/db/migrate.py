"""Alembic driven from code, so migrations work from an installed wheel in any directory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from tracker.db.session import make_engine


def alembic_config(engine: Engine | None = None) -> Config:
    """A Config pointing at the packaged migrations, reusing `engine`'s connection if given."""
    cfg = Config()
    cfg.set_main_option("script_location", migrations_path())
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def migrations_path() -> str:
    """The packaged migrations; from a source checkout, the top-level migrations/ folder."""
    try:
        return str(resources.files("tracker.migrations"))
    except ModuleNotFoundError:
        return str(Path(__file__).resolve().parents[2] / "migrations")


def _run(engine: Engine, fn: object, *args: str) -> None:
    own = engine.dialect.name == "sqlite"
    if own:
        # table rebuilds (batch migrations) must not cascade: foreign keys off meanwhile
        engine = make_engine(engine.url.render_as_string(hide_password=False), foreign_keys=False)
    cfg = alembic_config(engine)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            fn(cfg, *args)  # type: ignore[operator]
    finally:
        if own:
            engine.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
