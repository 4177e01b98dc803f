"""The open commitments an ingest run compares its articles with, held in memory for the run.

Reading them from the database for every batch cost more than finding the commitments: each
party's most recent open commitments are read once per run, and what the run stores is added
once its transaction commits. The pool is then what the database would answer, except for
commitments another process stores during the run (the next run compares with those).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from sqlalchemy.orm import Session

from tracker.db import queries
from tracker.db.queries import OpenCommitment


class OpenPool:
    """Per promisor code, its `limit` most recent open commitments, oldest first."""

    def __init__(self, limit: int = queries.FOLLOWUP_CANDIDATES) -> None:
        self._limit = limit
        self._by_party: dict[str, deque[OpenCommitment]] = {}

    def load(self, session: Session, codes: Iterable[str], party_ids: dict[str, int]) -> None:
        """Read the open commitments of the parties not read yet in this run (one query each)."""
        missing = {c for c in codes if c not in self._by_party and c in party_ids}
        if not missing:
            return
        for code in missing:
            self._by_party[code] = deque(maxlen=self._limit)
        found = queries.open_commitments_of(session, (party_ids[c] for c in missing))
        self._append(sorted(found, key=lambda c: c.id), missing)

    def add(self, stored: Iterable[OpenCommitment]) -> None:
        """Commitments this run has stored and committed, newer than all the pool holds."""
        self._append(stored, self._by_party.keys())

    def of(self, codes: Iterable[str]) -> list[OpenCommitment]:
        """The open commitments of any of these promisors, each once."""
        out: dict[int, OpenCommitment] = {}
        for code in codes:
            for c in self._by_party.get(code, ()):
                out[c.id] = c
        return list(out.values())

    def _append(self, commitments: Iterable[OpenCommitment], codes: Iterable[str]) -> None:
        wanted = set(codes)
        for c in commitments:
            for code in wanted.intersection(c.promisors):
                self._by_party[code].append(c)  # the oldest falls out at the limit
