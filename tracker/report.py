"""The HTML report: one self-contained right-to-left page (inline CSS and SVG, no script).

Analysts open it offline or mail it around, so everything it needs is inside the file, and every
piece of stored text is escaped: articles and notes come from the outside world.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Commitment, CommitmentParty, Mention, Party, StatusEvent
from tracker.domain import KINDS, OPEN_STATUSES, STATUSES
from tracker.errors import BadInput, NotFound

KEY = (
    '<p class="meta">مفتوحة: مفتوح وقيد التنفيذ ومتعثّر؛ منفّذة: منفَّذ ومنفَّذ جزئياً؛ '
    "متأخرة: مفتوحة تجاوزت موعدها."
    '<br><span class="sub" lang="en" dir="ltr">Open: open, in progress, stalled; kept: fulfilled,'
    " partly fulfilled; overdue: open past its due date.</span></p>"
)
RECENT = 10  # status changes listed; the rest are in `tracker history`
KEPT = ("fulfilled", "partially_fulfilled")
STATUS_LABELS = {
    "open": ("مفتوح", "Open", "#2563eb"),
    "in_progress": ("قيد التنفيذ", "In progress", "#0d9488"),
    "stalled": ("متعثّر", "Stalled", "#d97706"),
    "fulfilled": ("منفَّذ", "Fulfilled", "#15803d"),
    "partially_fulfilled": ("منفَّذ جزئياً", "Partly fulfilled", "#84cc16"),
    "broken": ("منقوض", "Broken", "#dc2626"),
    "retracted": ("مسحوب", "Retracted", "#6b7280"),
}
KIND_LABELS = {
    "pledge": ("تعهّد", "Pledge"),
    "agreement": ("اتفاق", "Agreement"),
    "reaffirmation": ("تأكيد", "Reaffirmation"),
    "intent": ("نيّة", "Intent"),
    "acceptance": ("قبول", "Acceptance"),
}
ROLE_LABELS = {
    "promisor": ("ملتزم", "promisor"),
    "counterparty": ("طرف مقابل", "counterparty"),
    "beneficiary": ("مستفيد", "beneficiary"),
}
FONTS = (
    '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Arabic Typesetting", '
    '"Traditional Arabic", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif'
)
CSS = """
*{box-sizing:border-box}
html{font-family:FONTS;font-size:16px;line-height:1.7;color:#1f2937;background:#f3f4f6}
body{margin:0 auto;padding:16px;max-width:1100px;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.25rem;margin:28px 0 10px}
.en{color:#6b7280;font-size:.85em;unicode-bidi:isolate;white-space:nowrap}
.sub{color:#6b7280;font-size:.85em}
.meta{color:#4b5563;margin:0}table+.meta{margin-top:6px;font-size:.9rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.stat{background:#fff;border-radius:8px;padding:10px 12px;border-inline-start:6px solid var(--c)}
.stat b{display:block;font-size:1.6rem;line-height:1.2}.stat .en,dt .en{display:block}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;table-layout:fixed}
th,td{padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:start;vertical-align:top}
th{background:#e5e7eb;font-weight:600;line-height:1.3;overflow-wrap:normal}
td.n,th.n{text-align:center;width:16%}
.chart{background:#fff;border-radius:8px;padding:12px 32px}
.chart svg{display:block;width:100%;height:220px;overflow:visible;direction:ltr}
.ax{font-size:12px;fill:#4b5563}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:8px 0 0}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-inline-end:6px;
vertical-align:-.1em;background:var(--c)}
.card{background:#fff;border-radius:8px;padding:12px 14px;margin:0 0 12px;
border-inline-start:6px solid var(--c)}
.card header{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline}
.badge{border-radius:999px;padding:0 10px;background:#eef2ff;font-size:.9rem}
.late{background:#fee2e2;color:#991b1b;font-weight:600}.soon{background:#fef3c7}
blockquote{margin:8px 0;padding:8px 12px;background:#f9fafb;border-inline-start:3px solid #d1d5db;
font-size:1.1rem;line-height:1.9}
.changes{list-style:none;padding:0;margin:0}
.changes li{background:#fff;border-radius:8px;padding:8px 12px;margin:0 0 8px}
mark{background:#fde68a;padding:0 2px;border-radius:3px}
dl{display:grid;grid-template-columns:minmax(90px,max-content) 1fr;gap:6px 12px;margin:0}
dt{color:#4b5563;line-height:1.3}dd{margin:0;min-width:0}
.note{white-space:pre-line;text-align:right}
time,.ltr{unicode-bidi:isolate;direction:ltr;display:inline-block}
a{color:#1d4ed8}
@media (max-width:600px){body{padding:10px}h1{font-size:1.3rem}h2{font-size:1.1rem}
dl{grid-template-columns:minmax(64px,max-content) 1fr;gap:6px 8px}.card{padding:10px}
th,td{padding:4px}th{font-size:.8rem}.grid{grid-template-columns:repeat(2,1fr)}
.chart{padding:10px 28px}.thin{display:none}}
""".replace("FONTS", FONTS)


@dataclass
class _Row:
    """One commitment with what the report shows about it, loaded once."""

    c: Commitment
    article: Article
    on: dt.date
    promisors: list[Party]
    others: list[tuple[str, Party]]
    mentions: int = 0
    sentence: str | None = None
    sentence_at: int | None = None
    events: list[StatusEvent] = field(default_factory=list)


def _t(value: object) -> str:
    return escape(str(value), quote=True)


def _en(en: str) -> str:
    return f'<span class="en" lang="en" dir="ltr">{_t(en)}</span>'


def _label(ar: str, en: str) -> str:
    return f"{_t(ar)} {_en(en)}"


def _status(s: str) -> str:
    ar, en, _ = STATUS_LABELS.get(s, (s, s, "#6b7280"))
    return _label(ar, en)


def _h2(ar: str, en: str, count: int | None = None) -> str:
    return f"<h2>{_label(ar, en)}{'' if count is None else f' ({count})'}</h2>"


def _none(ar: str, en: str) -> str:
    return f'<p class="meta">{_label(ar, en)}</p>'


def _span(r: _Row) -> str:
    return r.article.text[r.c.span_start : r.c.span_end]


def _kind(k: str) -> str:
    return _label(*KIND_LABELS.get(k, (k, k)))


def _date(d: dt.date | None) -> str:
    return f'<time datetime="{d.isoformat()}">{d.isoformat()}</time>' if d else "—"


def _days(n: int) -> str:
    """Arabic counts agree with the number: يوم واحد، يومان، 3 أيام، 11 يوماً."""
    if n == 1:
        return "يوم واحد"
    if n == 2:
        return "يومان"
    return f"{n} أيام" if 3 <= n <= 10 else f"{n} يوماً"


def _party(p: Party) -> str:
    name = p.name_ar or p.name_en or p.code
    return f'{_t(name)} <span class="ltr">({_t(p.code)})</span>'


def _load(
    session: Session, party: str | None, since: dt.date | None, statuses: tuple[str, ...]
) -> list[_Row]:
    """The commitments the filters select, with parties, mention counts, sentences, last event."""
    q = select(Commitment, Article).join(Article, Article.id == Commitment.article_id)
    if statuses:
        q = q.where(Commitment.status.in_(statuses))
    if party:
        if session.scalar(select(Party.id).where(Party.code == party)) is None:
            raise NotFound(f"no party with code {party!r}")
        q = q.where(
            Commitment.id.in_(
                select(CommitmentParty.commitment_id)
                .join(Party, Party.id == CommitmentParty.party_id)
                .where(Party.code == party, CommitmentParty.role == "promisor")
            )
        )
    day = func.coalesce(Commitment.made_on, Article.published_on)
    if since:  # rows with neither date are judged below on created_at
        q = q.where(or_(day >= since, and_(Commitment.made_on.is_(None), day.is_(None))))
    rows: dict[int, _Row] = {}
    for c, a in session.execute(q.order_by(Commitment.id)):
        on = c.made_on or a.published_on or c.created_at.date()
        if since is None or on >= since:
            rows[c.id] = _Row(c, a, on, [], [])
    ids = list(rows)
    for start in range(0, len(ids), 500):  # keeps IN lists within every backend's limits
        chunk = ids[start : start + 500]
        links = select(CommitmentParty.commitment_id, CommitmentParty.role, Party)
        links = links.join(Party, Party.id == CommitmentParty.party_id)
        for cid, role, p in session.execute(
            links.where(CommitmentParty.commitment_id.in_(chunk)).order_by(Party.code)
        ):
            if role == "promisor":
                rows[cid].promisors.append(p)
            else:
                rows[cid].others.append((role, p))
        for m in session.scalars(
            select(Mention).where(Mention.commitment_id.in_(chunk)).order_by(Mention.id)
        ):
            r = rows[m.commitment_id]
            r.mentions += 1
            own = m.article_id == r.c.article_id
            if r.sentence is None or (own and r.sentence_at is None):
                at = r.article.text.find(m.sentence) if own else -1
                r.sentence, r.sentence_at = m.sentence, (m.span_start - at if at >= 0 else None)
        for ev in session.scalars(
            select(StatusEvent).where(StatusEvent.commitment_id.in_(chunk)).order_by(StatusEvent.id)
        ):
            rows[ev.commitment_id].events.append(ev)
    return list(rows.values())


def _evidence(r: _Row) -> str:
    """The sentence with the triggering span marked; the span alone when it cannot be placed."""
    span = _span(r)
    s = r.sentence or ""
    at = r.sentence_at
    if at is None or s[at : at + len(span)] != span:
        at = s.find(span) if span else -1
    if at < 0:
        return f"<mark>{_t(span or r.c.action)}</mark>"
    return f"{_t(s[:at])}<mark>{_t(span)}</mark>{_t(s[at + len(span) :])}"


def _link(session: Session, article_id: int | None) -> str:
    """The evidence article's title; a link only for http(s) addresses, never javascript: etc."""
    a = session.get(Article, article_id) if article_id is not None else None
    if a is None:
        return "—"
    title, number = f"<bdi>{_t(a.title or a.id)}</bdi>", f' <span class="ltr">#{a.id}</span>'
    if a.url and urlsplit(a.url.strip()).scheme.lower() in ("http", "https"):
        return f'<a href="{_t(a.url.strip())}" rel="noreferrer">{title}</a>{number}'
    return title + number + (f' <span class="ltr">{_t(a.url)}</span>' if a.url else "")


def _chart(rows: list[_Row]) -> str:
    """Stacked columns per month, oldest on the right as the page reads; % coordinates keep the
    text at its CSS size on any screen width, where a viewBox would shrink it on a phone."""
    if not rows:
        return _none("لا بيانات", "No data")
    per: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for r in rows:
        per[(r.on.year, r.on.month)][r.c.status] += 1
    (y, m), last = min(per), max(per)
    months: list[tuple[int, int]] = []
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    n, top = len(months), max(sum(v.values()) for v in per.values())
    plot, base = 80.0, 88.0  # plot height and baseline, in % of the chart's height
    slot, step = 100.0 / n, max(1, -(-n // 6))
    out = [f'<line x1="0%" x2="100%" y1="{base}%" y2="{base}%" stroke="#9ca3af"/>']
    for tick in sorted({top, top // 2} - {0}):  # whole numbers, in the margin right of the plot
        yy = base - plot * tick / top
        out.append(f'<line x1="0%" x2="100%" y1="{yy}%" y2="{yy}%" stroke="#e5e7eb"/>')
        out.append(f'<text x="100%" dx="4" y="{yy}%" dy="4" class="ax">{tick}</text>')
    for i, (yy_, mm) in enumerate(months):
        x, h0 = 100.0 - slot * (i + 1), base
        for s in STATUSES:
            k = per[(yy_, mm)][s]
            if not k:
                continue
            h = plot * k / top
            h0 -= h
            out.append(
                f'<rect x="{x + slot * 0.15:.3f}%" width="{slot * 0.7:.3f}%" y="{h0:.3f}%" '
                f'height="{h:.3f}%" fill="{STATUS_LABELS[s][2]}"><title>{yy_}-{mm:02d} · '
                f"{_t(STATUS_LABELS[s][1])}: {k}</title></rect>"
            )
        if i % step == 0:  # every other label is hidden on a phone
            out.append(
                f'<text x="{x + slot / 2:.3f}%" y="100%" text-anchor="middle" '
                f'class="ax{" thin" if i % (2 * step) else ""}">'
                f"{yy_}-{mm:02d}</text>"
            )
    legend = "".join(
        f'<li><span class="sw" style="--c:{c}"></span>{_label(ar, en)}</li>'
        for s, (ar, en, c) in STATUS_LABELS.items()
        if any(s in v for v in per.values())
    )
    return (
        '<div class="chart"><svg role="img" aria-label="Commitments per month by status" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'{"".join(out)}</svg><p class="meta">الأقدم على اليمين · '
        f'<span class="en" lang="en">oldest month on the right</span></p>'
        f'<ul class="legend">{legend}</ul></div>'
    )


def _change(session: Session, ev: StatusEvent) -> str:
    """A status change as analysts check it: from, to, when, why, and the article that shows it."""
    note = f'<div class="note" dir="auto">{_t(ev.note)}</div>' if ev.note else ""
    return (
        f"<div>{_status(ev.from_status) if ev.from_status else '—'} ← {_status(ev.to_status)}"
        f' · {_date(ev.occurred_on)}</div>{note}<div>الدليل <span class="en">evidence</span>: '
        f"{_link(session, ev.evidence_article_id)}</div>"
    )


def _card(session: Session, r: _Row, today: dt.date) -> str:
    """One open commitment: what was said, by whom, when, how late, and what last happened."""
    c = r.c
    colour = STATUS_LABELS.get(c.status, ("", "", "#6b7280"))[2]
    due = '<span class="badge">بلا موعد <span class="en">no deadline</span></span>'
    if c.due_on is not None:
        left = (c.due_on - today).days
        if left < 0:
            due = f"<span class='badge late'>متأخر {_days(-left)} {_en(f'{-left} days overdue')}"
        else:
            cls = "badge soon" if left <= 30 else "badge"
            due = f"<span class='{cls}'>باقٍ {_days(left)} {_en(f'{left} days left')}"
        due += "</span>"
    others = "، ".join(
        f"{_party(p)} {_label(*ROLE_LABELS.get(role, (role, role)))}" for role, p in r.others
    )
    last = _change(session, r.events[-1]) if r.events else "—"
    return (
        f'<article class="card" id="c{c.id}" style="--c:{colour}"><header>'
        f'<strong class="ltr">#{c.id}</strong><span class="badge">{_kind(c.kind)}</span>'
        f'<span class="badge">{_status(c.status)}</span>{due}</header>'
        f"<blockquote>{_evidence(r)}</blockquote><dl>"
        f'<dt>الملتزم <span class="en">promisor</span></dt>'
        f"<dd>{'، '.join(_party(p) for p in r.promisors) or '—'}</dd>"
        f'<dt>أطراف أخرى <span class="en">other parties</span></dt><dd>{others or "—"}</dd>'
        f'<dt>التاريخ <span class="en">made on</span></dt><dd>{_date(c.made_on or r.on)}</dd>'
        f'<dt>الموعد <span class="en">due</span></dt><dd>{_date(c.due_on)}</dd>'
        f'<dt>الإشارات <span class="en">mentions</span></dt><dd>{r.mentions}</dd>'
        f'<dt>آخر تغيير <span class="en">last change</span></dt><dd>{last}</dd>'
        f'<dt>المصدر <span class="en">source</span></dt><dd>{_link(session, c.article_id)}</dd>'
        "</dl></article>"
    )


def _table(head: list[str], body: list[list[str]]) -> str:
    """A table whose first column takes the room left by the numeric ones (fits 390 px)."""
    ths = "".join(f"<th{' class=n' if i else ''}>{h}</th>" for i, h in enumerate(head))
    trs = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i else ''}>{v}</td>" for i, v in enumerate(row))
        + "</tr>"
        for row in body
    )
    return f"<table><thead><tr>{ths}</tr></thead><tbody>{trs}</tbody></table>"


def build_report(
    session: Session,
    party: str | None = None,
    since: dt.date | None = None,
    statuses: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> str:
    """The whole HTML page for the commitments the filters select (all of them by default)."""
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise BadInput(f"unknown status {unknown[0]!r}: use one of {', '.join(STATUSES)}")
    today = today or dt.date.today()
    rows = _load(session, party, since, tuple(statuses))
    is_open = [r for r in rows if r.c.status in OPEN_STATUSES]
    late = {r.c.id for r in is_open if r.c.due_on is not None and r.c.due_on < today}
    by_status = Counter(r.c.status for r in rows)
    stats = "".join(
        f'<div class="stat" style="--c:{col}"><b>{n}</b>{_label(ar, en)}</div>'
        for n, ar, en, col in (
            (len(rows), "المجموع", "Total", "#111827"),
            (len(late), "متأخرة", "Overdue", "#991b1b"),
        )
    )
    stats += "".join(
        f'<div class="stat" style="--c:{col}"><b>{by_status[s]}</b>{_label(ar, en)}</div>'
        for s, (ar, en, col) in STATUS_LABELS.items()
    )
    cols = [_label("مفتوحة", "Open"), _label("متأخرة", "Overdue"), _label("منفّذة", "Kept"),
            _label("منقوضة", "Broken")]  # fmt: skip

    def counts(group: list[_Row]) -> list[str]:
        return [
            str(sum(r.c.status in OPEN_STATUSES for r in group)),
            str(sum(r.c.id in late for r in group)),
            str(sum(r.c.status in KEPT for r in group)),
            str(sum(r.c.status == "broken" for r in group)),
        ]

    kinds = [
        [f"{_kind(k)} <b>({len(g)})</b>", *counts(g)]
        for k in KINDS
        if (g := [r for r in rows if r.c.kind == k])
    ]
    groups: dict[str, tuple[Party, list[_Row]]] = {}
    for r in rows:
        for p in r.promisors:
            groups.setdefault(p.code, (p, []))[1].append(r)
    parties = [
        [f'{_party(p)}<br><span class="sub" lang="en" dir="ltr">{_t(p.name_en)}</span>', *counts(g)]
        for p, g in sorted(groups.values(), key=lambda pg: (-len(pg[1]), pg[0].code))
    ]
    no_deadline = dt.date.max
    is_open.sort(key=lambda r: (r.c.due_on or no_deadline, -r.c.id))
    cards = "".join(_card(session, r, today) for r in is_open)
    cards = cards or _none("لا التزامات مفتوحة", "No open commitments")
    moves = sorted(
        ((ev, r) for r in rows for ev in r.events if ev.from_status),
        key=lambda er: (er[0].occurred_on, er[0].id),
        reverse=True,
    )[:RECENT]
    changes = "".join(
        f'<li><strong class="ltr">#{r.c.id}</strong> «<bdi>{_t(_span(r))}</bdi>»'
        f"{_change(session, ev)}</li>"
        for ev, r in moves
    )
    filters = [f"party {party}" if party else "", f"since {since}" if since else "",
               f"status {', '.join(statuses)}" if statuses else ""]  # fmt: skip
    shown = " · ".join(f for f in filters if f) or "كل الالتزامات · all commitments"
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>تقرير الالتزامات · Commitments report {today.isoformat()}</title>"
        f"<style>{CSS}</style></head><body>"
        f"<h1>{_label('تقرير الالتزامات', 'Commitments report')}</h1>"
        f'<p class="meta">{_date(today)} · <bdi>{_t(shown)}</bdi></p>'
        f"{_h2('الإجماليات حسب الحالة', 'Totals by status')}<div class=grid>{stats}</div>"
        f"{_h2('حسب النوع', 'By kind')}{_table([_label('النوع', 'Kind'), *cols], kinds)}{KEY}"
        f"{_h2('الالتزامات عبر الزمن', 'Commitments over time')}{_chart(rows)}"
        f"{_h2('حسب الطرف الملتزم', 'By promisor')}"
        f"{_table([_label('الطرف', 'Party'), *cols], parties)}"
        f"{_h2('آخر تغييرات الحالة', 'Recent status changes')}"
        f"<ul class=changes>{changes or _none('لا تغييرات', 'No changes')}</ul>"
        f"{_h2('الالتزامات المفتوحة', 'Open commitments', len(is_open))}{cards}"
        "</body></html>\n"
    )
