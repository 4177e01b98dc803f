"""list by due date: the (status, due_on) index carries the id too, as (status, made_on, id) does

So a page of `tracker list --sort due` is one ordered index scan per status.

Revision ID: 0004_due_index
Revises: 0003_search
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_due_index"
down_revision: str | None = "0003_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_commitment_status_due_on", table_name="commitment")
    op.create_index("ix_commitment_status_due_on", "commitment", ["status", "due_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_commitment_status_due_on", table_name="commitment")
    op.create_index("ix_commitment_status_due_on", "commitment", ["status", "due_on"])
