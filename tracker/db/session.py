"""Which database, the engine for it, and one session per command.

The default is SQLite in the user data directory, created and migrated on first use. Any other
URL must be migrated with `tracker db upgrade`; commands refuse an outdated schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from tracker.errors import DatabaseError

ENV_URL = "TRACKER_DATABASE_URL"
# The newest migration. A test checks it against the migrations folder, so that commands can
# compare the schema without importing alembic (330 ms) on every start.
HEAD_REVISION = "0004_due_index"


def default_url() -> str:
    """SQLite in the per-user data directory (~/.local/share/tracker on Linux)."""
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('tracker', appauthor=False)) / 'tracker.db'}"


def resolve_url(url: str | None) -> tuple[str, bool]:
    """The URL to use and whether it is the default one (which migrates itself)."""
    if url:
        return url, False
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL], False
    return default_url(), True


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<malformed URL>"


def make_engine(url: str, foreign_keys: bool = True) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout, foreign keys (off only for
    migrations, whose table rebuilds must not cascade) and write transactions that take the
    write lock when they begin (BEGIN IMMEDIATE), so two writers wait for each other instead
    of failing with "database is locked" when a reader turns writer."""
    try:
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg2")
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database
            if database and database != ":memory:":
                path = Path(database).expanduser()
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not path.exists():
                    path.touch(mode=0o600)
            engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_setup(foreign_keys))
            event.listen(engine, "begin", _begin_immediate)
            return engine
        return create_engine(parsed, pool_pre_ping=False)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise DatabaseError(f"cannot use database URL {safe_url(url)}: {exc}") from exc
    except ImportError as exc:
        raise DatabaseError(
            f"cannot use database URL {safe_url(url)}: the driver is not installed ({exc})"
        ) from exc
    except OSError as exc:
        raise DatabaseError(f"cannot create the database file: {exc}") from exc


def _sqlite_setup(foreign_keys: bool):  # type: ignore[no-untyped-def]
    def setup(dbapi_connection: object, _record: object) -> None:
        # SQLAlchemy, not pysqlite, decides where transactions begin (see _begin_immediate)
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no commit
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return setup


def _begin_immediate(connection: object) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError) as exc:
        if _unreachable(exc):
            raise DatabaseError(f"cannot connect to the database: {_first_line(exc)}") from exc
        return None


def _unreachable(exc: Exception) -> bool:
    message = str(exc).lower()
    missing_table = "no such table" in message or (
        "relation" in message and "does not exist" in message
    )
    return not missing_table


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def open_engine(url: str | None) -> Engine:
    """The engine for a command: migrated if default, checked up to date otherwise."""
    resolved, is_default = resolve_url(url)
    engine = make_engine(resolved)
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return engine
    if is_default:
        from tracker.db.migrate import upgrade

        upgrade(engine, "head")
        return engine
    if revision is None:
        raise DatabaseError(
            f"the database {safe_url(resolved)} has no tracker schema: run `tracker db upgrade`"
        )
    raise DatabaseError(
        f"the database schema is at {revision}, this version needs {HEAD_REVISION}: "
        "run `tracker db upgrade`"
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed if the block succeeds, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
