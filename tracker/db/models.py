"""SQLAlchemy 2.x typed models of DESIGN.md section 3. Alembic migrations create exactly this."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tracker.domain import KINDS, POLARITIES, ROLES, STATUSES

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PARTY_KINDS = ("state", "organization", "group", "party", "person")  # party: political party
ALIAS_ORIGINS = ("builtin", "analyst")
FOLLOWUP_STATES = ("suggested", "accepted", "dismissed")


# Search indexes that migration 0003 builds by hand (FTS5 tables, a PostgreSQL expression
# index): they are not in the models, and comparing models with the database skips them.
SEARCH_OBJECTS = ("commitment_fts", "ix_commitment_search")


def managed_by_models(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """Alembic's include_object: everything but the hand-built search objects."""
    return not (name or "").startswith(SEARCH_OBJECTS)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Article(Base):
    """One news document, stored once: the content hash makes re-ingesting a no-op."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Party(Base):
    """A state (ISO alpha-3), organization, group or person that makes or receives commitments."""

    __tablename__ = "party"
    __table_args__ = (CheckConstraint(_one_of("kind", PARTY_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_ar: Mapped[str] = mapped_column(Text, default="")
    name_en: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    # set when an analyst merged this party into another: its links and aliases moved there
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    merged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PartyAlias(Base):
    """A way of writing a party's name; the normalized form is what the extractor matches."""

    __tablename__ = "party_alias"
    __table_args__ = (CheckConstraint(_one_of("origin", ALIAS_ORIGINS), name="origin"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    alias_normalized: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="alias")
    origin: Mapped[str] = mapped_column(String(20), default="builtin")


class Commitment(Base):
    """What a party undertook, as first reported; later reports are mentions."""

    __tablename__ = "commitment"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KINDS), name="kind"),
        CheckConstraint(_one_of("polarity", POLARITIES), name="polarity"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        # list: open commitments newest first; --overdue / --due-before; --kind
        Index("ix_commitment_status_made_on", "status", "made_on", "id"),
        Index("ix_commitment_status_due_on", "status", "due_on", "id"),
        Index("ix_commitment_kind_status", "kind", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    polarity: Mapped[str] = mapped_column(String(10))
    action: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    made_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    rule_id: Mapped[str] = mapped_column(String(80))
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    # stems of the evidence and the act, parties left out: what --search and follow-up
    # matching compare (indexed by SQLite FTS5 / PostgreSQL full text, see migration 0003)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )


class CommitmentParty(Base):
    """Who is bound by (promisor) or receives (counterparty, beneficiary) a commitment."""

    __tablename__ = "commitment_party"
    __table_args__ = (
        CheckConstraint(_one_of("role", ROLES), name="role"),
        Index("ix_commitment_party_party_role", "party_id", "role", "commitment_id"),
    )

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("party.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class Mention(Base):
    """One report of a commitment: which article, which span, which sentence."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("commitment_id", "article_id", "span_start", name="uq_mention_span"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)


class StatusEvent(Base):
    """One change of status. History is appended, never rewritten."""

    __tablename__ = "status_event"
    __table_args__ = (CheckConstraint(_one_of("to_status", STATUSES), name="to_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Followup(Base):
    """A later article that may report progress on an open commitment."""

    __tablename__ = "followup"
    __table_args__ = (
        CheckConstraint(_one_of("state", FOLLOWUP_STATES), name="state"),
        CheckConstraint(_one_of("suggested_status", STATUSES), name="suggested_status"),
        UniqueConstraint("commitment_id", "article_id", name="uq_followup_pair"),
        Index("ix_followup_state_score", "state", "score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    suggested_status: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="suggested")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
