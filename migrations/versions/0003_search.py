"""search: commitment.search_text (stems) with SQLite FTS5 or a PostgreSQL full-text index

The stems let one word find its inflected and cliticized forms (الأسلحة finds بالأسلحة);
FTS5 alone does not fold Arabic. On SQLite an external-content FTS5 table is kept in sync by
triggers; on PostgreSQL a GIN index on to_tsvector('simple', search_text) serves the query.

Revision ID: 0003_search
Revises: 0002_party_merge
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_search"
down_revision: str | None = "0002_party_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000

SQLITE_UP = [
    "CREATE VIRTUAL TABLE commitment_fts USING fts5("
    "search_text, content='commitment', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER commitment_fts_insert AFTER INSERT ON commitment BEGIN "
    "INSERT INTO commitment_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER commitment_fts_delete AFTER DELETE ON commitment BEGIN "
    "INSERT INTO commitment_fts(commitment_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER commitment_fts_update AFTER UPDATE OF search_text ON commitment BEGIN "
    "INSERT INTO commitment_fts(commitment_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO commitment_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS commitment_fts_update",
    "DROP TRIGGER IF EXISTS commitment_fts_delete",
    "DROP TRIGGER IF EXISTS commitment_fts_insert",
    "DROP TABLE IF EXISTS commitment_fts",
]
PG_UP = (
    "CREATE INDEX ix_commitment_search ON commitment USING gin (to_tsvector('simple', search_text))"
)


def upgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _backfill()
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        op.execute("INSERT INTO commitment_fts(commitment_fts) VALUES ('rebuild')")
    elif bind.dialect.name == "postgresql":
        op.execute(PG_UP)


def _backfill() -> None:
    """Stems for the commitments stored before this revision."""
    from tracker.extract.followups import commitment_stems

    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT c.id, c.action, substr(a.text, c.span_start + 1, c.span_end - c.span_start)"
                " FROM commitment c JOIN article a ON a.id = c.article_id"
                " WHERE c.id > :last ORDER BY c.id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        bind.execute(
            sa.text("UPDATE commitment SET search_text = :s WHERE id = :id"),
            [{"id": i, "s": " ".join(sorted(commitment_stems(a, e)))} for i, a, e in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_commitment_search")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_column("search_text")
