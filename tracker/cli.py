"""The command line: parse options, call one service function, render. No logic, lazy imports.

Importing this module loads Typer only; the database layer is imported by the commands that use
it, and the extractor (regex rules, dateparser) only by the commands that extract.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker import __version__
from tracker.errors import TrackerError

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy import Engine

app = typer.Typer(
    name="tracker",
    help="Find the commitments made in Arabic news and follow each one until it is kept or broken.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
parties_app = typer.Typer(help="The parties (states, organizations, groups) in the database.")
app.add_typer(parties_app, name="parties")


class State:
    db: str | None = None


_state = State()


@contextmanager
def _errors() -> Iterator[None]:
    """Turn a user error or a database failure into one line on stderr and exit 1."""
    try:
        yield
    except TrackerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:
        if not _from_database(exc):
            raise
        orig = getattr(exc, "orig", None) or exc
        line = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        typer.echo(f"error: database: {line}", err=True)
        raise typer.Exit(1) from None


def _from_database(exc: BaseException) -> bool:
    """An error of the database layer: its own exception types, or one the driver raised
    while SQLAlchemy ran a statement (psycopg2 raises ValueError for a NUL in a string)."""
    if type(exc).__module__.split(".")[0] in ("sqlalchemy", "psycopg2", "alembic"):
        return True
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith("sqlalchemy.")


def _engine() -> Engine:
    from tracker.db.session import open_engine

    return open_engine(_state.db)


def _session():  # type: ignore[no-untyped-def]
    from tracker.db.session import session_scope

    engine = _engine()
    return session_scope(engine)


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None  # and no import of tracker.inputs, which list would pay on every run
    from tracker.inputs import parse_date

    return parse_date(value, what)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (else TRACKER_DATABASE_URL, else SQLite in the user data dir).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Global options."""
    _state.db = db


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt .md .html .jsonl), folders, or - for stdin.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) of articles without one.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Where the articles come from.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's address.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes that find commitments (one stores them).")
    ] = 1,
) -> None:
    """Read articles, find their commitments, and store both. Re-ingesting changes nothing."""
    with _errors():
        from tracker import ingest as pipeline
        from tracker.db.session import session_scope
        from tracker.domain import Article
        from tracker.inputs import read_inputs
        from tracker.render import Progress

        defaults = Article(
            text="", source=source, url=url, published=_date(published, "--published")
        )
        engine = _engine()
        progress = Progress()
        articles: list[dict[str, object]] = []  # kept only for --json: memory stays flat

        def seen(outcome: pipeline.Outcome) -> None:
            progress.update(outcome.status)
            if as_json:
                articles.append(outcome.to_json())

        try:
            report = pipeline.ingest(
                lambda: session_scope(engine), read_inputs(paths, defaults), seen, workers
            )
        finally:
            progress.close()
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)
    if as_json:
        typer.echo(json.dumps(report.to_json() | {"articles": articles}, ensure_ascii=False))
    else:
        typer.echo(
            f"{report.new} new, {report.duplicate} duplicate (unchanged), {report.failed} failed; "
            f"{report.commitments} new commitments, {report.mentions} mentions, "
            f"{report.followups} follow-ups suggested"
        )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A file, folder, .jsonl or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines: one line per document.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="Processes that find commitments.")] = 1,
) -> None:
    """Find commitments without storing anything (a dry run)."""
    failed = False
    with _errors():
        from tracker.domain import Article
        from tracker.inputs import read_inputs
        from tracker.parallel import ordered_map
        from tracker.workers import extract_item, init_worker

        defaults = Article(text="", published=_date(published, "--published"))
        items = read_inputs([path], defaults)
        one = functools.partial(extract_item, as_json=as_json)
        for _, (read, output) in ordered_map(one, items, workers, init_worker, ((), False)):
            typer.echo(output, err=not read)
            failed = failed or not read
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    gold: Annotated[
        str, typer.Argument(help="A gold file (JSON Lines, ../shared/eval/FORMAT.md).")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="The figures as one JSON object.")
    ] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every error.")] = False,
) -> None:
    """Score the extractor against hand-annotated articles."""
    with _errors():
        from tracker import evaluate

        report = evaluate.score(evaluate.load_gold(gold))
    if as_json:
        typer.echo(json.dumps(report.to_json()))
    else:
        typer.echo(evaluate.format_report(report))
    if errors:
        typer.echo(evaluate.format_errors(report))


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="A sentence or article, or - to read it from stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
) -> None:
    """Show how the rules read a text: normalization, sentences, matches, parties, dates."""
    with _errors():
        from tracker.errors import BadInput
        from tracker.explain import explain as trace

        if text == "-":
            text = sys.stdin.read()
        if not text.strip():
            raise BadInput("nothing to explain: the text is empty")
        typer.echo(trace(text, _date(published, "--published")))


COMMITMENT_COLUMNS = (
    ("id", "id", 6),
    ("status", "status", 12),
    ("kind", "kind", 13),
    ("negative", "not", 3),
    ("promisors", "promisors", 12),
    ("made_on", "made", 10),
    ("due", "due", 10),
    ("days_left", "days", 5),
    ("evidence", "evidence", 70),
)
COMMITMENT_CSV = (
    "id",
    "kind",
    "status",
    "polarity",
    "promisors",
    "counterparties",
    "made_on",
    "due",
    "days_left",
    "mentions",
    "evidence",
)


def _print_rows(rows: list[Any], fmt: str) -> None:
    from tracker.render import render

    records = [r.to_json() for r in rows]
    if fmt == "table":
        for r in records:
            r["negative"] = "not" if r["polarity"] == "negative" else ""
    typer.echo(render(records, fmt, COMMITMENT_COLUMNS, COMMITMENT_CSV, "no commitments"))


def _check_format(fmt: str) -> None:
    from tracker.errors import BadInput
    from tracker.render import FORMATS

    if fmt not in FORMATS:
        raise BadInput(f"unknown format {fmt!r}: use table, json or csv")


@app.command("list")
def list_(
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help="Repeat for several; default: the open ones."),
    ] = None,
    party: Annotated[
        str | None, typer.Option(help="Promisor party code (NER, EGY, UN...).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="pledge, agreement, reaffirmation, intent or acceptance.")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open commitments past their due date.")
    ] = False,
    due_before: Annotated[str | None, typer.Option(help="Due before this date.")] = None,
    since: Annotated[str | None, typer.Option(help="Made on or after this date.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Words in the action or the article title.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 50,
    sort: Annotated[
        str, typer.Option(help="made (newest first) or due (soonest deadline first).")
    ] = "made",
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List commitments (by default the open ones, newest first)."""
    with _errors():
        from tracker import service
        from tracker.domain import KINDS, OPEN_STATUSES, ListFilter
        from tracker.errors import BadInput

        _check_format(fmt)
        if kind and kind not in KINDS:
            raise BadInput(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        if sort not in ("made", "due"):
            raise BadInput(f"unknown sort {sort!r}: use made or due")
        f = ListFilter(
            statuses=tuple(status) if status else OPEN_STATUSES,
            party=party.upper() if party else None,
            kind=kind,
            overdue=overdue,
            due_before=_date(due_before, "--due-before"),
            since=_date(since, "--since"),
            search=search,
            limit=limit,
            sort=sort,
        )
        with _session() as session:
            rows = service.list_commitments(session, f)
    _print_rows(rows, fmt)


@app.command()
def show(
    commitment_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON.")] = False,
) -> None:
    """One commitment: parties, every mention with its sentence, and its status history."""
    with _errors():
        from tracker import service

        with _session() as session:
            detail = service.show(session, commitment_id)
    if as_json:
        typer.echo(json.dumps(detail.to_json(), ensure_ascii=False, indent=1))
        return
    c = detail.commitment
    typer.echo(f"commitment {c.id}: {c.kind}, {c.polarity}, {c.status}")

    def named(codes: tuple[str, ...]) -> str:
        return ", ".join(
            f"{code} ({' / '.join(detail.names[code])})" if code in detail.names else code
            for code in codes
        )

    typer.echo(f"  promisors:      {named(c.promisors) or '-'}")
    typer.echo(f"  counterparties: {named(c.counterparties) or '-'}")
    typer.echo(f"  made on: {c.made_on or '-'}   due: {c.due or '-'}   rule: {c.rule}")
    typer.echo(f"  evidence: {c.evidence}")
    typer.echo(f"mentions ({len(detail.mentions)}):")
    for m in detail.mentions:
        typer.echo(f"  article {m.article_id} ({m.published or 'undated'}) {m.article_title}")
        typer.echo(f"    {m.sentence}")
    typer.echo("history:")
    for h in detail.history:
        typer.echo(f"  {h.on}  {h.from_status or '-'} → {h.to_status}  {h.note or ''}")
    if detail.followups:
        typer.echo("follow-ups:")
        for f in detail.followups:
            typer.echo(
                f"  {f.id:>5}  {f.state:<9} suggests {f.suggested_status:<12} score {f.score:.2f}  "
                f"article {f.article_id}: {f.article_title}"
            )


def _mark(
    commitment_id: int,
    status: str,
    note: str | None,
    evidence: int | None,
    on: str | None,
    reopen: bool,
) -> None:
    with _errors():
        from tracker import service

        when = _date(on, "--on")
        with _session() as session:
            change = service.mark(session, commitment_id, status, note, evidence, when, reopen)
    typer.echo(
        f"commitment {commitment_id}: {change.from_status} → {change.to_status} on {change.on}"
    )


@app.command()
def mark(
    commitment_id: Annotated[int, typer.Argument(metavar="ID")],
    status: Annotated[
        str,
        typer.Argument(
            help="open, in_progress, stalled, fulfilled, partially_fulfilled, broken, retracted."
        ),
    ],
    note: Annotated[str | None, typer.Option(help="Why: what happened.")] = None,
    evidence: Annotated[int | None, typer.Option(help="Id of the article that shows it.")] = None,
    on: Annotated[str | None, typer.Option(help="When it happened (default today).")] = None,
    reopen: Annotated[
        bool, typer.Option("--reopen", help="Allow changing a fulfilled or retracted commitment.")
    ] = False,
) -> None:
    """Change a commitment's status; the change is kept in its history."""
    _mark(commitment_id, status, note, evidence, on, reopen)


@app.command()
def fulfill(
    commitment_id: Annotated[int, typer.Argument(metavar="ID")],
    note: Annotated[str | None, typer.Option(help="What shows it was kept.")] = None,
    evidence: Annotated[int | None, typer.Option(help="Id of the article that shows it.")] = None,
    on: Annotated[str | None, typer.Option(help="When (default today).")] = None,
) -> None:
    """Mark a commitment fulfilled (same as `mark ID fulfilled`)."""
    _mark(commitment_id, "fulfilled", note, evidence, on, False)


HISTORY_COLUMNS = (
    ("on", "on", 10),
    ("from", "from", 19),
    ("to", "to", 19),
    ("evidence_article_id", "article", 7),
    ("note", "note", 80),
)
HISTORY_CSV = (
    "id",
    "commitment_id",
    "on",
    "from",
    "to",
    "evidence_article_id",
    "note",
    "recorded_at",
)


@app.command()
def history(
    commitment_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """The status changes of one commitment, oldest first."""
    with _errors():
        from tracker import service
        from tracker.render import render

        _check_format(fmt)
        with _session() as session:
            events = service.history(session, commitment_id)
    records = [e.to_json() for e in events]
    fmt = "json" if as_json else fmt
    typer.echo(render(records, fmt, HISTORY_COLUMNS, HISTORY_CSV, "no status changes"))


FOLLOWUP_COLUMNS = (
    ("id", "id", 5),
    ("commitment_id", "commitment", 10),
    ("article_id", "article", 7),
    ("suggested_status", "suggests", 12),
    ("score", "score", 5),
    ("article_title", "article title", 40),
    ("reason", "reason", 60),
)
FOLLOWUP_CSV = (
    "id",
    "commitment_id",
    "article_id",
    "article_title",
    "suggested_status",
    "score",
    "reason",
)


@app.command()
def followups(
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    accept: Annotated[
        int | None, typer.Option(metavar="FID", help="Apply the suggested status.")
    ] = None,
    dismiss: Annotated[
        int | None, typer.Option(metavar="FID", help="Hide this suggestion for good.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
) -> None:
    """Later articles that look like follow-ups of open commitments, best first."""
    with _errors():
        from tracker import service
        from tracker.errors import BadInput
        from tracker.render import render

        _check_format(fmt)
        if accept is not None and dismiss is not None:
            raise BadInput("give --accept or --dismiss, not both")
        with _session() as session:
            if accept is not None:
                change = service.accept_followup(session, accept)
                message = (
                    f"follow-up {accept} accepted: commitment {change.commitment_id} "
                    f"{change.from_status} → {change.to_status}"
                )
            elif dismiss is not None:
                service.dismiss_followup(session, dismiss)
                message = f"follow-up {dismiss} dismissed"
            else:
                rows = service.followups(session, limit=limit)
                message = ""
    if message:
        typer.echo(message)
        return
    records = [r.to_json() for r in rows]
    typer.echo(
        render(records, "json" if as_json else fmt, FOLLOWUP_COLUMNS, FOLLOWUP_CSV, "no follow-ups")
    )


PARTY_COLUMNS = (
    ("code", "code", 10),
    ("kind", "kind", 12),
    ("commitments", "commitments", 11),
    ("name_en", "English", 28),
    ("name_ar", "Arabic", 30),
    ("merged_into", "merged into", 11),
)
PARTY_CSV = ("code", "kind", "commitments", "name_en", "name_ar", "merged_into")


@parties_app.callback(invoke_without_command=True)
def parties_default(ctx: typer.Context) -> None:
    """The parties in the database; with no subcommand, `parties list`."""
    if ctx.invoked_subcommand is None:
        parties_list(all_parties=False, fmt="table")


@parties_app.command("list")
def parties_list(
    all_parties: Annotated[
        bool, typer.Option("--all", help="Also parties with no commitment.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """Parties with the number of commitments that bind them."""
    with _errors():
        from tracker import service
        from tracker.render import render

        _check_format(fmt)
        with _session() as session:
            rows = service.parties(session, all_parties)
    typer.echo(render([r.to_json() for r in rows], fmt, PARTY_COLUMNS, PARTY_CSV, "no parties"))


@parties_app.command("show")
def parties_show(
    code: Annotated[str, typer.Argument(metavar="CODE")],
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON.")] = False,
) -> None:
    """One party: its aliases, and its commitments as promisor and as counterparty."""
    with _errors():
        from tracker import service

        with _session() as session:
            detail = service.party(session, code)
    if as_json:
        typer.echo(json.dumps(detail.to_json(), ensure_ascii=False, indent=1))
        return
    p = detail.party
    merged = f" (merged into {p.merged_into})" if p.merged_into else ""
    typer.echo(f"{p.code}  {p.name_en} / {p.name_ar}  [{p.kind}]{merged}")
    typer.echo(
        "aliases: "
        + "، ".join(
            f"{a} ({kind}{', analyst' if origin == 'analyst' else ''})"
            for a, origin, kind in p.aliases
        )
    )
    for title, rows in (
        ("as promisor", detail.as_promisor),
        ("as counterparty", detail.as_counterparty),
    ):
        typer.echo(f"{title} ({len(rows)}):")
        for r in rows:
            typer.echo(
                f"  {r.id:>6}  {r.status:<12} {r.kind:<13} {' '.join(r.evidence.split())[:80]}"
            )


@parties_app.command("alias")
def parties_alias(
    code: Annotated[str, typer.Argument(metavar="CODE")],
    alias: Annotated[str, typer.Argument(metavar="ALIAS")],
) -> None:
    """Add a spelling of a party's name; later ingests recognise it."""
    with _errors():
        from tracker import service

        with _session() as session:
            normalized = service.add_alias(session, code, alias)
    typer.echo(f"{code.upper()}: alias {alias!r} added (matched as {normalized!r})")


@parties_app.command("merge")
def parties_merge(
    source: Annotated[str, typer.Argument(metavar="FROM")],
    target: Annotated[str, typer.Argument(metavar="INTO")],
) -> None:
    """Merge one party into another: every link and alias moves; the merge is recorded."""
    with _errors():
        from tracker import service

        with _session() as session:
            moved = service.merge_parties(session, source, target)
    typer.echo(f"{source.upper()} merged into {target.upper()}: {moved} links moved")


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (everything) or csv (commitments).")
    ] = "jsonl",
    out: Annotated[
        str | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the whole database as JSON Lines (lossless), or the commitments as CSV."""
    with _errors():
        from tracker import transfer
        from tracker.errors import BadInput

        if fmt not in ("jsonl", "csv"):
            raise BadInput(f"unknown format {fmt!r}: use jsonl or csv")
        write = transfer.export_jsonl if fmt == "jsonl" else transfer.export_csv
        with _session() as session:
            if out is None:
                write(session, sys.stdout)
                return
            try:
                with open(out, "w", encoding="utf-8", newline="") as stream:
                    write(session, stream)
            except OSError as exc:
                raise BadInput(f"cannot write {out}: {exc.strerror or exc}") from exc
    typer.echo(f"exported to {out}", err=True)


@app.command("import")
def import_(
    path: Annotated[
        str, typer.Argument(metavar="FILE", help="A file written by `tracker export`.")
    ],
) -> None:
    """Load a JSON Lines export into an empty database: all of it, or nothing."""
    with _errors():
        from tracker import transfer

        with _session() as session:
            counts = transfer.import_jsonl(session, path)
    typer.echo("imported " + ", ".join(f"{n} {table}" for table, n in counts.items()))


@app.command()
def report(
    out: Annotated[str, typer.Option("--out", help="The HTML file to write.")],
    party: Annotated[str | None, typer.Option(help="Only this promisor (a party code).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only commitments made on or after this date.")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Repeat for several.")
    ] = None,
) -> None:
    """Write one self-contained right-to-left HTML page: totals, a chart, open commitments."""
    with _errors():
        from tracker.errors import BadInput
        from tracker.report import build_report

        when = _date(since, "--since")
        with _session() as session:
            page = build_report(
                session, party.upper() if party else None, when, tuple(status or ())
            )
        try:
            with open(out, "w", encoding="utf-8") as stream:
                stream.write(page)
        except OSError as exc:
            raise BadInput(f"cannot write {out}: {exc.strerror or exc}") from exc
    typer.echo(f"report written to {out}")


def _migration_engine() -> Engine:
    from tracker.db.session import make_engine, resolve_url

    return make_engine(resolve_url(_state.db)[0])


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    with _errors():
        from tracker import service
        from tracker.db.migrate import current, upgrade
        from tracker.db.session import session_scope

        engine = _migration_engine()
        upgrade(engine, revision)
        with session_scope(engine) as session:
            service.sync_gazetteer(session)
        typer.echo(f"database at {current(engine)}")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, or base.")],
) -> None:
    """Migrate the database down to REVISION (base removes every table)."""
    with _errors():
        from tracker.db.migrate import current, downgrade

        engine = _migration_engine()
        downgrade(engine, revision)
        typer.echo(f"database at {current(engine) or 'base'}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision."""
    with _errors():
        from tracker.db.migrate import current

        typer.echo(current(_migration_engine()) or "base (empty)")


def main() -> None:
    """Console-script entry point."""
    app()
