"""Fill a tracker database with N synthetic commitments, fast, for the scaling benchmarks.

    python bench/synth.py --commitments 1000000 --db sqlite:///bench/.cache/synth.db [--seed S]

Why synthetic: no real corpus yields a million commitments, and `tracker list` at that size is
what the benchmark must show to stay flat. Why realistic: the query plans that matter (open
statuses newest first, the mention count, the evidence substring of the article text, the party
links) depend on the mix of statuses, the spread of dates, the width of the text rows and the
fan-out of the link tables, so every table is filled the way `tracker ingest` would fill it:

- parties: the real gazetteer, loaded by `tracker db upgrade` (run first, in process);
- about N/3 articles of about 600 characters of Arabic-looking text, published over five years
  in id order, each with its new commitments' sentences and re-reports of recent ones;
- N commitments whose span points at their sentence in their first article, with a realistic
  mix of kinds, polarities and statuses (about 70 % open), 30 % with a due date, and the
  fingerprint and search stems ingest computes (the SQLite FTS triggers and the PostgreSQL
  GIN index are fed as ingest feeds them);
- 1-2 promisors and sometimes a counterparty per commitment, skewed towards a few parties;
- 1-3 mentions per commitment (the first report plus re-reports in later articles, each span
  pointing at the same sentence there), 1-2 status events, and follow-ups for some re-reports.

Rows are written with SQLAlchemy Core bulk inserts on SQLite (journal and sync off during the
load, WAL restored after) and with COPY on PostgreSQL (foreign-key triggers off during the
load: the rows are consistent by construction). Ids are explicit; sequences are reset and both
databases are ANALYZEd at the end. Prints one line: rows per table and seconds.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import io
import itertools
import random
import re
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, insert, text

from tracker.db.bulk import copy_field
from tracker.db.models import (
    Article,
    Commitment,
    CommitmentParty,
    Followup,
    Mention,
    StatusEvent,
)
from tracker.domain import KINDS, STATUSES
from tracker.ingest import fingerprint

BATCH_ARTICLES = 3000  # about 10,000 commitments and 40,000 rows of all tables per batch
FIRST_DAY = dt.date(2020, 1, 1)
DAYS = 5 * 365

# kinds and statuses in the proportions the real corpus and a working newsroom would show
KIND_WEIGHTS = {"intent": 40, "reaffirmation": 20, "pledge": 15, "agreement": 15, "acceptance": 10}
STATUS_WEIGHTS = {
    "open": 55,
    "in_progress": 10,
    "stalled": 5,
    "fulfilled": 12,
    "partially_fulfilled": 6,
    "broken": 7,
    "retracted": 5,
}
NEW_PER_ARTICLE = (0, 1, 2, 3, 4, 5, 6)  # new commitments in one article, mean about 3
NEW_WEIGHTS = (10, 10, 15, 20, 20, 15, 10)
EXTRA_MENTIONS = (0, 1, 2)  # re-reports after the first: 1-3 mentions in all
EXTRA_WEIGHTS = (45, 35, 20)
MAX_REREPORTS = 4  # per article

CITIES = ("القاهرة", "بيروت", "دمشق", "بغداد", "الرياض", "عمان", "تونس", "الرباط", "الخرطوم")
OUTLETS = ("العربية", "بي بي سي", "سي إن إن", "فرانس 24", "سكاي نيوز", "جوهرة إف إم")
MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
SUBJECTS = (
    "وزير الخارجية",
    "المتحدث باسم الحكومة",
    "مصادر دبلوماسية",
    "رئيس الوزراء",
    "الأمين العام",
    "مسؤولون أمنيون",
    "المبعوث الخاص",
    "نائب الرئيس",
    "وكالة الأنباء الرسمية",
    "المرصد",
)
VERBS = ("قال", "أعلن", "أكد", "ذكر", "أوضح", "أشار", "نقل", "كشف")
FILLER_OBJECTS = (
    "أن الأوضاع الميدانية شهدت تطورات متسارعة خلال الأيام الماضية",
    "أن الاجتماع ناقش الملفات الإقليمية والتحديات الاقتصادية",
    "أن المباحثات جرت في أجواء إيجابية وبناءة",
    "أن أسعار النفط سجلت ارتفاعا ملحوظا في الأسواق العالمية",
    "أن آلاف النازحين ما زالوا ينتظرون المساعدات في المخيمات",
    "أن القصف استهدف مواقع قرب الحدود الشمالية",
    "أن البرلمان سيناقش مشروع القانون في جلسته المقبلة",
    "أن الوفد وصل إلى العاصمة في زيارة رسمية تستغرق يومين",
    "أن المعارضة دعت إلى التظاهر في الساحات العامة",
    "أن التقرير الأممي حذر من تدهور الوضع الإنساني",
)
ACTS = (
    "تقديم مساعدات إنسانية عاجلة",
    "إعادة إعمار المناطق المتضررة",
    "سحب القوات",
    "الإفراج عن المعتقلين",
    "تعزيز التعاون الاقتصادي",
    "فتح المعابر الحدودية",
    "استئناف المفاوضات",
    "تمويل مشاريع البنية التحتية",
    "إجراء انتخابات حرة ونزيهة",
    "مكافحة الإرهاب والتطرف",
    "خفض إنتاج النفط",
    "دعم اللاجئين والنازحين",
    "تسليم منظومات دفاعية",
    "رفع العقوبات",
    "إنشاء منطقة تجارة حرة",
    "تبادل الأسرى",
    "إصلاح القطاع المصرفي",
    "تنفيذ اتفاق وقف إطلاق النار",
    "بناء محطات لتوليد الكهرباء",
    "حماية المدنيين",
)
PLACES = (
    "في المحافظات الشمالية",
    "على الحدود المشتركة",
    "في قطاع غزة",
    "في المدن الساحلية",
    "في المناطق الريفية",
    "في العاصمة",
    "في الإقليم",
    "في مخيمات اللجوء",
    "في الموانئ الرئيسية",
    "",
)
TIMES = (
    "خلال العام المقبل",
    "قبل نهاية الشهر الجاري",
    "في أقرب وقت ممكن",
    "خلال الأشهر الستة المقبلة",
    "بحلول نهاية العام",
    "في المرحلة المقبلة",
    "خلال أسابيع",
    "",
)
AMOUNTS = ("", "", "", "بقيمة 500 مليون دولار", "بقيمة ملياري دولار", "بقيمة 75 مليون يورو")
# (before the promisors, after them); the action follows
TRIGGERS = {
    "pledge": (("وتعهدت ", " ب"), ("وقطعت ", " وعدا ب"), ("والتزمت ", " ب")),
    "agreement": (
        ("واتفقت ", " على "),
        ("ووقعت ", " اتفاقا يقضي ب"),
        ("وتوصلت ", " إلى اتفاق على "),
    ),
    "reaffirmation": (("وجددت ", " التزامها ب"), ("وأكدت ", " تمسكها ب"), ("وشددت ", " على ")),
    "intent": (("وقالت ", " إنها ستعمل على "), ("وأعلنت ", " عزمها "), ("وقررت ", " ")),
    "acceptance": (("ووافقت ", " على "), ("وقبلت ", " دعوة إلى "), ("ورحبت ", " بمقترح ")),
}
NOTES = (
    "بدأت المحادثات",
    "the visit took place",
    "وصلت الدفعة الأولى من المساعدات",
    "no progress reported",
    "تم تعليق التنفيذ",
    "partly delivered",
    None,
)
FOLLOWUP_STATES = ("suggested", "suggested", "suggested", "accepted", "dismissed")
FOLLOWUP_STATUS = ("in_progress", "fulfilled", "partially_fulfilled", "broken", "stalled")


@dataclass(frozen=True, slots=True)
class PartyRef:
    id: int
    code: str
    name_ar: str


@dataclass(slots=True)
class Pending:
    """A commitment that later articles will re-report (its remaining mentions)."""

    id: int
    sentence: str
    promisors: tuple[str, ...]
    remaining: int
    status: str


@dataclass(slots=True)
class Counts:
    article: int = 0
    commitment: int = 0
    commitment_party: int = 0
    mention: int = 0
    status_event: int = 0
    followup: int = 0

    def total(self) -> int:
        return sum(getattr(self, k) for k in self.__slots__)  # type: ignore[attr-defined]


class Generator:
    """Deterministic rows for a seed; batches of whole articles with everything they hold."""

    def __init__(self, n: int, parties: Sequence[PartyRef], rules: dict[str, list[str]], seed: int):
        self.rng = random.Random(seed)
        self.n = n
        self.parties = list(parties)
        self.rng.shuffle(self.parties)
        # Zipf-like: a few parties (whichever the seed puts first) make most commitments
        self.party_cum = list(itertools.accumulate(1 / (r + 1) ** 1.1 for r in range(len(parties))))
        self.rules = rules
        self.counts_per_article = self._counts_per_article()
        self.n_articles = len(self.counts_per_article)
        self.pending: deque[Pending] = deque()
        self.stem_cache: dict[str, frozenset[str]] = {}
        self.next_commitment = 1
        self.next_mention = 1
        self.next_event = 1
        self.next_followup = 1
        self.kinds = list(KIND_WEIGHTS)
        self.kind_cum = list(itertools.accumulate(KIND_WEIGHTS.values()))
        self.statuses = list(STATUS_WEIGHTS)
        self.status_cum = list(itertools.accumulate(STATUS_WEIGHTS.values()))
        assert set(self.kinds) == set(KINDS) and set(self.statuses) == set(STATUSES)

    def _counts_per_article(self) -> list[int]:
        counts: list[int] = []
        total = 0
        while total < self.n:
            k = self.rng.choices(NEW_PER_ARTICLE, NEW_WEIGHTS)[0]
            k = min(k, self.n - total)
            counts.append(k)
            total += k
        return counts

    def published(self, article_index: int) -> dt.date:
        """Articles are published in id order over five years, several a day."""
        return FIRST_DAY + dt.timedelta(days=article_index * DAYS // max(1, self.n_articles))

    def article_near(self, day: dt.date) -> int | None:
        """The id of an article published about `day`, if the five years reach it."""
        index = (day - FIRST_DAY).days * self.n_articles // DAYS
        return index + 1 if 0 <= index < self.n_articles else None

    def _party(self) -> PartyRef:
        r = self.rng.random() * self.party_cum[-1]
        return self.parties[bisect.bisect(self.party_cum, r)]

    def _pick(self, values: Sequence[str], cum: list[int]) -> str:
        return values[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def _filler(self) -> str:
        r = self.rng
        place = r.choice(PLACES)
        return f"و{r.choice(VERBS)} {r.choice(SUBJECTS)} {r.choice(FILLER_OBJECTS)}" + (
            f" {place}." if place else "."
        )

    def _search_text(self, pieces: tuple[str, ...]) -> str:
        """commitment.search_text as ingest stores it: the stems of evidence and action with
        party names left out. Stemming works word by word, so the union of the stems of the
        sentence's pieces (each cached) is the same set at a hundredth of the cost."""
        from tracker.extract.followups import commitment_stems

        found: set[str] = set()
        for piece in pieces:
            got = self.stem_cache.get(piece)
            if got is None:
                got = self.stem_cache[piece] = commitment_stems(piece, "")
            found |= got
        return " ".join(sorted(found))

    def batches(self) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
        for first in range(0, self.n_articles, BATCH_ARTICLES):
            rows: dict[str, list[tuple[Any, ...]]] = {
                "article": [],
                "commitment": [],
                "commitment_party": [],
                "mention": [],
                "status_event": [],
                "followup": [],
            }
            for index in range(first, min(first + BATCH_ARTICLES, self.n_articles)):
                self._article(index, rows)
            yield rows

    def _article(self, index: int, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        r = self.rng
        article_id = index + 1
        published = self.published(index)
        ingested = dt.datetime.combine(published, dt.time(6), dt.UTC) + dt.timedelta(
            seconds=index % 50_000
        )
        # new commitments: (id, sentence, promisors, counterparties, kind, polarity, action)
        new = []
        for _ in range(self.counts_per_article[index]):
            kind = self._pick(self.kinds, self.kind_cum)
            polarity = "negative" if r.random() < 0.08 else "positive"
            promisors = [self._party()]
            if r.random() < 0.15:
                other = self._party()
                if other.id != promisors[0].id:
                    promisors.append(other)
            counter = None
            if kind == "agreement" or r.random() < 0.3:
                counter = self._party()
                if counter.id in {p.id for p in promisors}:
                    counter = None
            before, after = r.choice(TRIGGERS[kind])
            names = " و".join(p.name_ar for p in promisors)
            act = r.choice(ACTS)
            if polarity == "negative":
                act = "عدم " + act
            extras = tuple(x for x in (r.choice(AMOUNTS), r.choice(PLACES), r.choice(TIMES)) if x)
            action = " ".join((act, *extras))
            if counter is not None:
                action += f" مع {counter.name_ar}"
            sentence = f"{before}{names}{after}{action}"
            search = self._search_text((before, after + act, act, *extras))
            new.append((kind, polarity, promisors, counter, sentence, action, search))
        # re-reports of earlier commitments: the same sentence again, a later day
        rereports: list[Pending] = []
        while self.pending and len(rereports) < MAX_REREPORTS:
            rereports.append(self.pending.popleft())
        # the text: dateline, then the sentences in random order, fillers up to ~600 chars
        day = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
        dateline = f"{r.choice(CITIES)}، {day} ({r.choice(OUTLETS)}) - النشرة {article_id}: "
        pieces: list[tuple[str, int]] = [(c[4], i) for i, c in enumerate(new)]
        pieces += [(p.sentence, -1 - i) for i, p in enumerate(rereports)]
        length = len(dateline) + sum(len(p) + 2 for p, _ in pieces)
        target = 400 + r.randrange(200)
        while length < target:
            filler = self._filler()
            pieces.append((filler, len(new) + 10_000))
            length += len(filler) + 1
        r.shuffle(pieces)
        parts = [dateline]
        offset = len(dateline)
        spans: dict[int, tuple[int, int]] = {}
        for j, (piece, key) in enumerate(pieces):
            if key < 10_000:
                spans[key] = (offset, offset + len(piece))
            body = piece if piece.endswith(".") else piece + "."
            sep = "\n" if j % 3 == 2 else " "
            parts.append(body + sep)
            offset += len(body) + len(sep)
        body_text = "".join(parts).rstrip()
        title = new[0][4][1:70] if new else pieces[0][0][1:70]
        digest = hashlib.sha256(" ".join(body_text.split()).encode("utf-8")).hexdigest()
        rows["article"].append(
            (
                article_id,
                digest,
                f"synth-{article_id}",
                title,
                body_text,
                f"synth:{r.choice(OUTLETS)}",
                f"https://example.org/synth/{article_id}",
                published,
                ingested,
            )
        )
        for i, (kind, polarity, promisors, counter, sentence, action, search) in enumerate(new):
            self._commitment(
                rows, article_id, published, ingested, spans[i], kind, polarity, promisors,
                counter, sentence, action, search,
            )  # fmt: skip
        for i, p in enumerate(rereports):
            start, end = spans[-1 - i]
            rows["mention"].append((self.next_mention, p.id, article_id, start, end, p.sentence))
            self.next_mention += 1
            if p.status != "open" and r.random() < 0.3:
                status = r.choice(FOLLOWUP_STATUS)
                state = r.choice(FOLLOWUP_STATES)
                reason = (
                    f"{', '.join(p.promisors)} named; delivery cue «وصل»; "
                    f"shared words: {'، '.join(p.sentence.split()[2:5])}; sentence: {p.sentence}"
                )
                score = round(0.5 + r.random() / 2, 3)
                rows["followup"].append(
                    (self.next_followup, p.id, article_id, score, reason, status, state, ingested)
                )
                self.next_followup += 1
            p.remaining -= 1
            if p.remaining > 0:
                self.pending.append(p)

    def _commitment(
        self,
        rows: dict[str, list[tuple[Any, ...]]],
        article_id: int,
        published: dt.date,
        ingested: dt.datetime,
        span: tuple[int, int],
        kind: str,
        polarity: str,
        promisors: list[PartyRef],
        counter: PartyRef | None,
        sentence: str,
        action: str,
        search: str,
    ) -> None:
        r = self.rng
        cid = self.next_commitment
        self.next_commitment += 1
        status = self._pick(self.statuses, self.status_cum)
        due = published + dt.timedelta(days=30 + r.randrange(700)) if r.random() < 0.3 else None
        codes = tuple(p.code for p in promisors)
        changed = published + dt.timedelta(days=10 + r.randrange(400))
        updated = ingested if status == "open" else ingested + (changed - published)
        rows["commitment"].append(
            (
                cid,
                kind,
                polarity,
                action,
                status,
                published,
                due,
                round(0.55 + r.random() * 0.4, 2),
                r.choice(self.rules[kind]),
                article_id,
                span[0],
                span[1],
                fingerprint(kind, polarity, codes),
                search,
                ingested,
                updated,
            )
        )
        for p in promisors:
            rows["commitment_party"].append((cid, p.id, "promisor"))
        if counter is not None:
            rows["commitment_party"].append((cid, counter.id, "counterparty"))
        rows["mention"].append((self.next_mention, cid, article_id, span[0], span[1], sentence))
        self.next_mention += 1
        events = rows["status_event"]
        events.append(
            (self.next_event, cid, None, "open", published, "found by the extractor", article_id,
             ingested)
        )  # fmt: skip
        self.next_event += 1
        if status != "open":
            evidence = self.article_near(changed) if r.random() < 0.7 else None
            events.append(
                (self.next_event, cid, "open", status, changed, r.choice(NOTES), evidence, updated)
            )
            self.next_event += 1
        extra = r.choices(EXTRA_MENTIONS, EXTRA_WEIGHTS)[0]
        if extra:
            self.pending.append(Pending(cid, sentence, codes, extra, status))


TABLES = {
    "article": Article.__table__,
    "commitment": Commitment.__table__,
    "commitment_party": CommitmentParty.__table__,
    "mention": Mention.__table__,
    "status_event": StatusEvent.__table__,
    "followup": Followup.__table__,
}
COLUMNS = {
    "article": (
        "id", "content_hash", "external_id", "title", "text", "source", "url", "published_on",
        "ingested_at",
    ),
    "commitment": (
        "id", "kind", "polarity", "action", "status", "made_on", "due_on", "confidence",
        "rule_id", "article_id", "span_start", "span_end", "fingerprint", "search_text",
        "created_at", "updated_at",
    ),
    "commitment_party": ("commitment_id", "party_id", "role"),
    "mention": ("id", "commitment_id", "article_id", "span_start", "span_end", "sentence"),
    "status_event": (
        "id", "commitment_id", "from_status", "to_status", "occurred_on", "note",
        "evidence_article_id", "recorded_at",
    ),
    "followup": (
        "id", "commitment_id", "article_id", "score", "reason", "suggested_status", "state",
        "created_at",
    ),
}  # fmt: skip


def rule_ids() -> dict[str, list[str]]:
    """The real rule ids by kind, read from the packaged trigger files."""
    import tracker.rules

    folder = Path(tracker.rules.__file__).parent / "triggers"
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for path in sorted(folder.glob("*.yaml")):
        for rid in re.findall(r"^\s*-?\s*id:\s*([\w.]+)", path.read_text("utf-8"), re.M):
            out.setdefault(rid.split(".")[0], []).append(rid)
    for kind in KINDS:
        out[kind] = out[kind] or [f"{kind}.synthetic"]
    return out


def migrate(url: str) -> Engine:
    """`tracker db upgrade` in process: schema at head, built-in gazetteer loaded."""
    from tracker import service
    from tracker.db.migrate import upgrade
    from tracker.db.session import make_engine, session_scope

    engine = make_engine(url)
    upgrade(engine, "head")
    with session_scope(engine) as session:
        service.sync_gazetteer(session)
    return engine


def write_sqlite(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    cols = COLUMNS[table]
    for i in range(0, len(rows), 10_000):
        chunk = [dict(zip(cols, row, strict=True)) for row in rows[i : i + 10_000]]
        conn.execute(insert(TABLES[table]), chunk)


def write_postgres(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """COPY the rows in PostgreSQL's text format (psycopg2's copy_expert)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(copy_field(v) for v in row))
        buffer.write("\n")
    buffer.seek(0)
    with raw.cursor() as cur:
        cur.copy_expert(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN", buffer)


def build(url: str, n: int, seed: int) -> tuple[Counts, float]:
    """Migrate, generate and load; the figures of the load."""
    started = time.perf_counter()
    engine = migrate(url)
    postgres = engine.dialect.name == "postgresql"
    if not postgres:
        # tracker's engine begins every transaction with BEGIN IMMEDIATE, and the journal mode
        # cannot change inside one: load through a plain pysqlite engine instead
        engine.dispose()
        engine = create_engine(engine.url)
    with engine.connect() as conn:
        if conn.execute(text("SELECT count(*) FROM commitment")).scalar():
            raise SystemExit(f"error: {engine.url.database}: commitment is not empty")
        parties = [
            PartyRef(pid, code, name or code)
            for pid, code, name in conn.execute(
                text("SELECT id, code, name_ar FROM party WHERE merged_into_id IS NULL")
            )
        ]
        conn.rollback()
        if postgres:
            conn.exec_driver_sql("SET session_replication_role = replica")
            write = write_postgres
        else:
            for pragma in ("foreign_keys=OFF", "journal_mode=OFF", "synchronous=OFF"):
                conn.exec_driver_sql(f"PRAGMA {pragma}")
            conn.exec_driver_sql("PRAGMA cache_size=-500000")
            write = write_sqlite
        gen = Generator(n, parties, rule_ids(), seed)
        counts = Counts()
        tty = sys.stderr.isatty()
        for i, batch in enumerate(gen.batches()):
            for table, rows in batch.items():
                write(conn, table, rows)
                setattr(counts, table, getattr(counts, table) + len(rows))
            conn.commit()
            if tty or i % 10 == 9:
                elapsed = time.perf_counter() - started
                print(
                    f"synth: {counts.commitment}/{n} commitments, {elapsed:.0f} s",
                    file=sys.stderr,
                    end="\r" if tty else "\n",
                )
        if tty:
            print(file=sys.stderr)
        if postgres:
            conn.exec_driver_sql("SET session_replication_role = DEFAULT")
            for table in ("article", "commitment", "mention", "status_event", "followup"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            conn.commit()
        else:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            conn.exec_driver_sql("PRAGMA synchronous=FULL")
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    with engine.connect() as conn:
        if postgres:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()
    return counts, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, required=True, help="how many (N)")
    parser.add_argument("--db", required=True, help="database URL (sqlite:///... or postgresql://)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    counts, seconds = build(args.db, args.commitments, args.seed)
    figures = " ".join(f"{k}={getattr(counts, k)}" for k in counts.__slots__)  # type: ignore[attr-defined]
    print(f"synth: {figures} rows={counts.total()} seconds={seconds:.1f}")


if __name__ == "__main__":
    main()
