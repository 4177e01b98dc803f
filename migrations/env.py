"""Alembic environment: the tracker models are the target; works from alembic.ini or from code."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from tracker.db.models import Base, managed_by_models
from tracker.db.session import make_engine, resolve_url

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: rebuild the table instead
        compare_type=True,
        include_object=managed_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_object=managed_by_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    # alembic.ini leaves the URL out: TRACKER_DATABASE_URL, else the default database.
    # SQLite's foreign keys stay off: a batch migration's table rebuild must not cascade.
    url = config.get_main_option("sqlalchemy.url") or resolve_url(None)[0]
    engine = make_engine(url, foreign_keys=False)
    with engine.begin() as conn:
        _configure(conn)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
