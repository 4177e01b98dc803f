"""Benchmarks of tracker on this machine: one JSON object of figures on stdout, nothing asserted.

    python bench/run.py [--quick] [--profile] [--only cold|extract|ingest|profile ...]
    python bench/run.py --render figures.json      # the figures as a RESULTS.md section

Why a runner of our own rather than hyperfine: the figures need the peak resident memory of
each child (GNU time's %M), fresh databases between runs (untimed set-up) and ratios computed
from one run, on a machine others share. Commands of one group run round-robin
(one of each, then again), so that a burst of someone else's load hits them all alike; every
figure is the median of the runs, with min and max beside it. Progress goes to stderr.

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
SECTIONS = ("cold", "extract", "ingest", "profile")

Json = dict[str, Any]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- timing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_rss_kb: int
    returncode: int
    stderr: str


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time, for the peak RSS of the child


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run `cmd` with stdout to /dev/null; its wall time and its peak resident memory.

    The memory comes from GNU time (`-f %M`): the rusage that os.wait4 returns for a child
    spawned from this Python also counts this runner's own RSS (Linux carries the high-water
    mark of the forking process's memory over the exec), so a 10 MB command would read 50 MB.
    GNU time forks from its own small image. Its start-up adds about a millisecond to every
    command alike. Without it, the wait4 figure is kept and flagged by `rss_source`.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else list(cmd)
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
        peak = usage.ru_maxrss
        if TIME:
            # GNU time writes "Command exited with non-zero status N" before the figure
            figures = re.findall(r"^(\d+)$", rss.read(), re.M)
            peak = int(figures[-1]) if figures else 0
    return Run(seconds, peak, proc.returncode, tail)


def summary(runs: list[Run]) -> Json:
    secs = [r.seconds for r in runs]
    out: Json = {
        "median_s": round(statistics.median(secs), 4),
        "min_s": round(min(secs), 4),
        "max_s": round(max(secs), 4),
        "runs": len(runs),
        "peak_rss_mb": round(statistics.median(r.peak_rss_kb for r in runs) / 1024, 1),
    }
    failed = [r for r in runs if r.returncode != 0]
    if failed:
        out["exit"] = failed[0].returncode
        lines = failed[0].stderr.strip().splitlines()
        out["stderr"] = lines[-1][:300] if lines else ""
    return out


def bench_group(
    commands: dict[str, list[str]],
    runs: int,
    warmup: int = 1,
    setup: dict[str, Callable[[], None]] | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, Json]:
    """Time each command `runs` times, round-robin, after `warmup` untimed runs of each.

    `setup[name]()` runs (untimed) before every run of that command, e.g. a fresh database.
    """
    setup = setup or {}
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for name, cmd in commands.items():
        for _ in range(warmup):
            if name in setup:
                setup[name]()
            run_once(cmd, env)
    for i in range(runs):
        for name, cmd in commands.items():
            if name in setup:
                setup[name]()
            r = run_once(cmd, env)
            results[name].append(r)
            log(f"  {name} run {i + 1}/{runs}: {r.seconds:.3f} s, {r.peak_rss_kb / 1024:.0f} MB")
    return {name: summary(rs) for name, rs in results.items()}


# --- the environment ------------------------------------------------------------------------


def tracker_exe() -> str:
    """The installed console script of the interpreter running this file (the venv's)."""
    found = shutil.which("tracker", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit("error: no `tracker` script beside this Python: pip install -e .")
    return found


def child_env() -> dict[str, str]:
    """The environment of the timed commands: no default database from the caller, and
    bytecode caching on, as for an installed tool (with PYTHONDONTWRITEBYTECODE set, an
    editable install compiles every tracker module from source at every start, while the
    libraries of the floor load their cached bytecode)."""
    env = dict(os.environ)
    env.pop("TRACKER_DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def command_output(cmd: Sequence[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(
            cmd, capture_output=True, text=True, check=True, cwd=cwd
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def pg_url(admin: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(admin).set(database=database).render_as_string(hide_password=False)


class _Autocommit:
    """A psycopg2 connection in autocommit whose execute() returns the cursor."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._cursor = conn.cursor()

    def execute(self, statement: str) -> Any:
        self._cursor.execute(statement)
        return self._cursor


@contextmanager
def pg_connect(url: str) -> Iterator[_Autocommit]:
    import psycopg2
    from sqlalchemy.engine import make_url

    u = make_url(url)
    conn = psycopg2.connect(
        host=u.host or "localhost",
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=u.database,
        connect_timeout=5,
    )
    conn.autocommit = True
    try:
        yield _Autocommit(conn)
    finally:
        conn.close()


def pg_version(admin: str) -> str | None:
    try:
        with pg_connect(admin) as conn:
            row = conn.execute("SELECT version()").fetchone()
            return str(row[0]) if row else None
    except Exception as exc:  # no server: the PostgreSQL figures are null
        log(f"PostgreSQL unavailable ({exc.__class__.__name__}): its figures will be null")
        return None


def pg_recreate(admin: str, database: str) -> None:
    with pg_connect(admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def pg_drop(admin: str, database: str) -> None:
    with pg_connect(admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def machine(admin: str | None) -> Json:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg_version(admin) if admin else None,
        "psql": command_output(["psql", "-V"]) or None,
    }


def commit() -> Json:
    head = command_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT)
    # tracked files changed since the commit (untracked files, e.g. a new bench/, do not count)
    dirty = bool(command_output(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT))
    return {"commit": head or None, "dirty": dirty}


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    path: Path
    articles: int
    text_mb: float  # UTF-8 bytes of the `text` fields / 1e6


def corpus_facts(path: Path) -> Corpus:
    articles = 0
    size = 0
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                text = json.loads(line).get("text") or ""
                articles += 1
                size += len(text.strip().encode("utf-8"))
    return Corpus(path, articles, size / 1e6)


def slice_corpus(source: Path, target: Path, lines: int) -> Path:
    """The first `lines` articles of `source` (rewritten only when missing)."""
    if not target.exists():
        with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= lines:
                    break
                out.write(line)
    return target


def repeat_corpus(source: Path, target: Path, times: int) -> Path:
    """`source` repeated `times` times: the copies after the first are all duplicates."""
    data = source.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    if not target.exists() or target.stat().st_size != len(data) * times:
        target.write_bytes(data * times)
    return target


# --- synthetic databases --------------------------------------------------------------------


def label(n: int) -> str:
    return f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def count_commitments(url: str) -> int | None:
    """COUNT(*) of commitment, or None if the database or table is missing."""
    try:
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                return None
            with sqlite3.connect(path) as conn:
                return int(conn.execute("SELECT count(*) FROM commitment").fetchone()[0])
        with pg_connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM commitment").fetchone()
            return int(row[0]) if row else None
    except Exception:
        return None


def ensure_synth(url: str, n: int, tracker: str, admin: str | None) -> Json:
    """Reuse the database if it holds exactly `n` commitments, else build it with synth.py."""
    found = count_commitments(url)
    if found == n:
        log(f"reusing {url} ({n} commitments); `db upgrade` in case the schema moved on")
        subprocess.run(
            [tracker, "--db", url, "db", "upgrade"],
            check=True,
            capture_output=True,
            env=child_env(),
        )
        return {"reused": True, "commitments": n}
    log(f"building {url} with {n} commitments (found {found})")
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
    else:
        assert admin is not None
        pg_recreate(admin, url.rsplit("/", 1)[1])
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / "synth.py"), "--commitments", str(n), "--db", url],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    line = done.stdout.strip().splitlines()[-1]
    log(line)
    figures = dict(re.findall(r"(\w+)=([\d.]+)", line))
    rows = int(figures.get("rows", 0))
    return {
        "reused": False,
        "commitments": n,
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "size_mb": db_size_mb(url),
    }


def db_size_mb(url: str) -> float | None:
    if url.startswith("sqlite:///"):
        return round(Path(url.removeprefix("sqlite:///")).stat().st_size / 1e6, 1)
    try:
        with pg_connect(url) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return round(row[0] / 1e6, 1) if row else None
    except Exception:
        return None


# --- sections -------------------------------------------------------------------------------


@dataclass
class Config:
    quick: bool
    cache: Path
    corpus: Path
    admin: str | None  # PostgreSQL server URL for creating databases; None: no PostgreSQL
    runs: int
    cold_runs: int
    x10_runs: int
    sizes: tuple[int, int]
    tracker: str


def cold_section(cfg: Config, out: Json) -> None:
    """Start-up time: the floor import, --version, --help, list at two sizes on both databases."""
    small, big = cfg.sizes
    commands: dict[str, list[str]] = {
        "floor": [sys.executable, "-c", "import sqlalchemy.orm, typer"],
        "version": [cfg.tracker, "--version"],
        "help": [cfg.tracker, "--help"],
    }
    synth: Json = out.setdefault("synth", {})
    backends = [("sqlite", lambda n: f"sqlite:///{cfg.cache / f'synth-{label(n)}.db'}")]
    if cfg.admin:
        admin = cfg.admin
        backends.append(("postgresql", lambda n: pg_url(admin, f"tracker_bench_{label(n)}")))
    for backend, url_of in backends:
        for n in (small, big):
            url = url_of(n)
            synth[f"{backend}_{label(n)}"] = ensure_synth(url, n, cfg.tracker, cfg.admin)
            commands[f"list_{backend}_{label(n)}"] = [
                cfg.tracker, "--db", url, "list", "--limit", "20", "--format", "json",
            ]  # fmt: skip
    log(f"cold start: {len(commands)} commands x {cfg.cold_runs} runs, round-robin")
    out["cold_start"] = bench_group(commands, cfg.cold_runs, env=child_env())


def has_workers(tracker: str, command: str) -> bool:
    return "--workers" in command_output([tracker, command, "--help"])


def extract_section(cfg: Config, corpus: Corpus, out: Json) -> None:
    """`tracker extract --json` over the corpus, one process and --workers 2."""
    base = [cfg.tracker, "extract", str(corpus.path), "--json"]
    commands = {"single": base}
    workers = has_workers(cfg.tracker, "extract")
    if workers:
        commands["workers2"] = [*base, "--workers", "2"]
    else:
        log("`tracker extract` has no --workers option yet: its figures are null")
    log(f"extract: {corpus.articles} articles, {corpus.text_mb:.1f} MB, {cfg.runs} runs")
    results = bench_group(commands, cfg.runs, env=child_env())
    section: Json = {"workers_option": workers}
    for name in ("single", "workers2"):
        r = results.get(name)
        if r is not None:
            r["articles_per_s"] = round(corpus.articles / r["median_s"], 1)
            r["mb_per_s"] = round(corpus.text_mb / r["median_s"], 3)
        section[name] = r
    out["extract"] = section


def ingest_section(cfg: Config, corpus: Corpus, out: Json) -> None:
    """`tracker ingest` of the corpus into a fresh SQLite and PostgreSQL database each run,
    and of the corpus repeated ten times (SQLite) for the memory ratio."""
    env = child_env()
    sqlite_path = cfg.cache / "ingest.db"
    sqlite_url = f"sqlite:///{sqlite_path}"

    def fresh_sqlite() -> None:
        for p in (sqlite_path, Path(f"{sqlite_path}-wal"), Path(f"{sqlite_path}-shm")):
            p.unlink(missing_ok=True)
        subprocess.run(
            [cfg.tracker, "--db", sqlite_url, "db", "upgrade"],
            check=True,
            capture_output=True,
            env=env,
        )

    commands = {"sqlite": [cfg.tracker, "--db", sqlite_url, "ingest", str(corpus.path)]}
    setup: dict[str, Callable[[], None]] = {"sqlite": fresh_sqlite}
    if cfg.admin:
        admin = cfg.admin
        pg = pg_url(admin, "tracker_bench_ingest")

        def fresh_pg() -> None:
            pg_recreate(admin, "tracker_bench_ingest")
            subprocess.run(
                [cfg.tracker, "--db", pg, "db", "upgrade"], check=True, capture_output=True, env=env
            )

        commands["postgresql"] = [cfg.tracker, "--db", pg, "ingest", str(corpus.path)]
        setup["postgresql"] = fresh_pg
    log(f"ingest: {corpus.articles} articles into fresh databases, {cfg.runs} runs")
    results = bench_group(commands, cfg.runs, warmup=0, setup=setup, env=env)
    for r in results.values():
        r["articles_per_s"] = round(corpus.articles / r["median_s"], 1)
        r["mb_per_s"] = round(corpus.text_mb / r["median_s"], 3)
    x10 = repeat_corpus(corpus.path, cfg.cache / f"{corpus.path.stem}-x10.jsonl", 10)
    log(f"ingest x10: {10 * corpus.articles} lines (9 in 10 duplicates), {cfg.x10_runs} runs")
    big = bench_group(
        {"sqlite_x10": [cfg.tracker, "--db", sqlite_url, "ingest", str(x10)]},
        cfg.x10_runs,
        warmup=0,
        setup={"sqlite_x10": fresh_sqlite},
        env=env,
    )["sqlite_x10"]
    big["articles_per_s"] = round(10 * corpus.articles / big["median_s"], 1)
    results["sqlite_x10"] = big
    out["ingest"] = results
    for p in (sqlite_path, Path(f"{sqlite_path}-wal"), Path(f"{sqlite_path}-shm")):
        p.unlink(missing_ok=True)
    if cfg.admin:
        pg_drop(cfg.admin, "tracker_bench_ingest")


def flatten(root: Json) -> tuple[dict[str, float], dict[str, float]]:
    """Own and cumulative seconds per function from pyinstrument's JSON call tree.

    A function's cumulative time counts a frame only when no caller above it is the same
    function, so recursion (yaml's composer, regex's parser) is not counted twice; the
    cumulative table keeps tracker's own functions, the CLI wrappers above them say nothing.
    """
    own: dict[str, float] = {}
    cumulative: dict[str, float] = {}
    stack: list[tuple[Json, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        path = frame.get("file_path") or ""
        short = re.sub(r"^.*?/(site-packages|lib/python3\.\d+|main)/", "", path)
        key = f"{frame['function']} ({short}:{frame.get('line_no', 0)})"
        # pyinstrument puts a function's own samples in a child frame named "[self]"
        children = [c for c in frame.get("children") or [] if c["function"] != "[self]"]
        t = float(frame["time"])
        own[key] = own.get(key, 0.0) + t - sum(float(c["time"]) for c in children)
        if key not in above and short.startswith("tracker/"):
            cumulative[key] = cumulative.get(key, 0.0) + t
        inner = above | {key}
        stack.extend((c, inner) for c in children)
    return own, cumulative


def profile_section(cfg: Config, out: Json) -> None:
    """Where the time goes: pyinstrument over `extract` of 1000 articles, and -X importtime."""
    section: Json = {}
    # import time of the CLI module: the top 15 by cumulative microseconds
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import tracker.cli"],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    entries = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            entries.append((m.group(4), int(m.group(2)), int(m.group(1))))
    entries.sort(key=lambda e: -e[1])
    section["importtime_top15"] = [
        {"module": name, "cumulative_ms": round(cum / 1000, 1), "self_ms": round(own / 1000, 1)}
        for name, cum, own in entries[:15]
    ]
    log("python -X importtime -c 'import tracker.cli', top 15 by cumulative time:")
    for e in section["importtime_top15"]:
        log(f"  {e['cumulative_ms']:8.1f} ms  (self {e['self_ms']:6.1f})  {e['module']}")
    # pyinstrument: sampled profile of extract over 1000 articles, flattened through pstats
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        log("pyinstrument is not installed in this venv: pip install pyinstrument")
        section["pyinstrument"] = None
        out["profile"] = section
        return
    sample = slice_corpus(cfg.corpus, cfg.cache / "news-1000.jsonl", 1000)
    section["pyinstrument"] = pyinstrument_profile(
        cfg, "extract-1000", ["extract", str(sample), "--json"]
    )
    # ingest too: where its time goes beyond extraction (a fresh SQLite database)
    db = cfg.cache / "profile-ingest.db"
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    subprocess.run(
        [cfg.tracker, "--db", f"sqlite:///{db}", "db", "upgrade"],
        check=True,
        capture_output=True,
        env=child_env(),
    )
    section["pyinstrument_ingest"] = pyinstrument_profile(
        cfg, "ingest-1000-sqlite", ["--db", f"sqlite:///{db}", "ingest", str(sample)]
    )
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    out["profile"] = section


def pyinstrument_profile(cfg: Config, name: str, args: list[str]) -> Json:
    """pyinstrument over `python -m tracker ARGS`: the top functions, also logged to stderr."""
    profile_file = cfg.cache / f"{name}.pyinstrument.json"
    subprocess.run(
        [
            sys.executable, "-m", "pyinstrument", "-r", "json", "-o", str(profile_file),
            "-p", "processor_options.filter_threshold=0", "-m", "tracker", *args,
        ],
        stdout=subprocess.DEVNULL,
        check=True,
        env=child_env(),
    )  # fmt: skip
    root = json.loads(profile_file.read_text("utf-8"))["root_frame"]
    own, cumulative = flatten(root)
    total = float(root["time"]) or 1.0

    def top(table: dict[str, float], n: int) -> list[Json]:
        rows = sorted(table.items(), key=lambda kv: -kv[1])[:n]
        return [
            {"function": k, "seconds": round(v, 3), "share": round(v / total, 3)} for k, v in rows
        ]

    result = {
        "command": "tracker " + " ".join(args),
        "articles": 1000,
        "total_s": round(total, 2),
        "self_top20": top(own, 20),
        "cumulative_top15": top(cumulative, 15),
    }
    log(f"pyinstrument, {result['command']} ({total:.2f} s sampled):")
    log("  by own time:")
    for e in result["self_top20"]:
        log(f"    {e['seconds']:7.3f} s {100 * e['share']:5.1f} %  {e['function']}")
    log("  by cumulative time, tracker's functions:")
    for e in result["cumulative_top15"]:
        log(f"    {e['seconds']:7.3f} s {100 * e['share']:5.1f} %  {e['function']}")
    return result


# --- ratios ---------------------------------------------------------------------------------


def _get(d: Json, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or d.get(key) is None:
            return None
        d = d[key]
    return d


def ratio(value: float | None, op: str, target: float, of: str) -> Json:
    met = None if value is None else (value <= target if op == "<=" else value >= target)
    return {
        "value": None if value is None else round(value, 3),
        "target": f"{op} {target}",
        "met": met,
        "of": of,
    }


def ratios(out: Json, sizes: tuple[int, int]) -> Json:
    """Part 2 of the issue, from this run's figures; reported, never asserted."""
    small, big = label(sizes[0]), label(sizes[1])
    cold = out.get("cold_start") or {}

    def med(name: str) -> float | None:
        return _get(cold, name, "median_s")

    def div(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    r: Json = {}
    for db in ("sqlite", "postgresql"):
        r[f"list_{big}_over_{small}_{db}"] = ratio(
            div(med(f"list_{db}_{big}"), med(f"list_{db}_{small}")),
            "<=",
            1.3,
            f"list --limit 20 --format json, {big} vs {small} commitments, {db}",
        )
    r["version_over_floor"] = ratio(
        div(med("version"), med("floor")), "<=", 1.5, "tracker --version vs the import floor"
    )
    for db in ("sqlite", "postgresql"):
        for size in (small, big):
            r[f"list_{db}_{size}_over_floor"] = ratio(
                div(med(f"list_{db}_{size}"), med("floor")),
                "<=",
                1.5,
                f"tracker list ({db}, {size}) vs the import floor",
            )
    extract_rate = _get(out, "extract", "single", "articles_per_s")
    for db in ("sqlite", "postgresql"):
        r[f"ingest_over_extract_{db}"] = ratio(
            div(_get(out, "ingest", db, "articles_per_s"), extract_rate),
            ">=",
            0.6,
            f"ingest into fresh {db} vs extract alone, articles per second",
        )
    x10_mb = _get(out, "ingest", "sqlite_x10", "peak_rss_mb")
    r["memory_x10_over_x1_sqlite"] = ratio(
        div(x10_mb, _get(out, "ingest", "sqlite", "peak_rss_mb")),
        "<=",
        1.2,
        "peak RSS of ingesting the corpus x10 vs once, SQLite",
    )
    r["extract_workers2_over_single"] = ratio(
        div(_get(out, "extract", "workers2", "articles_per_s"), extract_rate),
        ">=",
        1.6,
        "extract --workers 2 vs one process, articles per second",
    )
    r["extract_articles_per_s"] = ratio(
        extract_rate, ">=", 1000, "absolute aim: extract articles per second, one process"
    )
    return r


# --- markdown -------------------------------------------------------------------------------


def render(figures: Json) -> str:
    """A RESULTS.md section from a JSON object this script printed."""
    meta = figures["meta"]
    m = meta["machine"]
    dirty = meta["commit"]["dirty"]
    lines = [
        f"## {meta['date']} — {meta['mode']} run",
        "",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['platform']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}, {m['postgresql'] or 'no PostgreSQL'}",
        f"- commit {meta['commit']['commit']}"
        + (" (working tree dirty: others' uncommitted work included)" if dirty else ""),
        f"- corpus: {meta['corpus']['articles']} articles, {meta['corpus']['text_mb']} MB of text"
        f" ({meta['corpus']['path']})",
        f"- runs: {meta['runs']}; peak RSS from {meta.get('rss_source', 'os.wait4')}; "
        f"wall time of the whole run {meta['seconds']} s"
        + (f"; load average at start, end: {meta['load_avg']}" if "load_avg" in meta else ""),
        "",
    ]  # fmt: skip
    if figures.get("synth"):
        lines += [
            "| synthetic database | commitments | rows | seconds | size MB |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, s in figures["synth"].items():
            if s.get("reused"):
                lines.append(f"| {name} | {s['commitments']} | (reused) | | |")
            else:
                lines.append(
                    f"| {name} | {s['commitments']} | {s['rows']} | {s['seconds']} "
                    f"| {s['size_mb']} |"
                )
        lines.append("")

    def timing_table(title: str, rows: dict[str, Json], extra: Sequence[str] = ()) -> None:
        head = f"| {title} | median s | min s | max s | runs | peak RSS MB |"
        sep = "|---|---:|---:|---:|---:|---:|"
        for e in extra:
            head += f" {e} |"
            sep += "---:|"
        lines.extend([head, sep])
        for name, r in rows.items():
            if r is None:
                lines.append(f"| {name} | n/a | | | | |" + " |" * len(extra))
                continue
            row = (
                f"| {name} | {r['median_s']} | {r['min_s']} | {r['max_s']} | {r['runs']} | "
                f"{r['peak_rss_mb']} |"
            )
            for e in extra:
                row += f" {r.get(e, '')} |"
            if r.get("exit"):
                row += f" exit {r['exit']}: {r.get('stderr', '')}"
            lines.append(row)
        lines.append("")

    if figures.get("cold_start"):
        timing_table("cold start", figures["cold_start"])
    if figures.get("extract"):
        ex = {k: v for k, v in figures["extract"].items() if k != "workers_option"}
        timing_table("extract", ex, ("articles_per_s", "mb_per_s"))
    if figures.get("ingest"):
        timing_table("ingest", figures["ingest"], ("articles_per_s",))
    if figures.get("ratios"):
        lines += ["| ratio | value | target | met |", "|---|---:|---|---|"]
        for name, r in figures["ratios"].items():
            met = {True: "yes", False: "**no**", None: "not measured"}[r["met"]]
            lines.append(f"| {name} | {r['value']} | {r['target']} | {met} |")
        lines.append("")
    prof = figures.get("profile")
    if prof:
        lines += ["`python -X importtime -c 'import tracker.cli'`, top 15 cumulative:", "", "```"]
        for e in prof["importtime_top15"]:
            lines.append(f"{e['cumulative_ms']:8.1f} ms (self {e['self_ms']:6.1f})  {e['module']}")
        lines += ["```", ""]
        for key in ("pyinstrument", "pyinstrument_ingest"):
            py = prof.get(key)
            if not py:
                continue
            command = py.get("command", f"tracker extract (first {py['articles']} articles)")
            lines += [
                f"pyinstrument, `{command}` ({py['total_s']} s sampled), top by own time:",
                "",
                "```",
            ]
            for e in py["self_top20"]:
                lines.append(f"{e['seconds']:7.3f} s {100 * e['share']:5.1f} %  {e['function']}")
            lines += ["```", "", "tracker's functions by cumulative time:", "", "```"]
            for e in py["cumulative_top15"]:
                lines.append(f"{e['seconds']:7.3f} s {100 * e['share']:5.1f} %  {e['function']}")
            lines += ["```", ""]
    for note in figures.get("notes", []):
        lines.append(f"- {note}")
    return "\n".join(lines).rstrip() + "\n"


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="10k/100k commitments, 500 articles, 3 runs"
    )
    parser.add_argument("--profile", action="store_true", help="also pyinstrument and importtime")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)"
    )
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5, quick 3)")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache", help="default bench/.cache")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--pg",
        default=os.environ.get("TRACKER_BENCH_POSTGRES_URL", DEFAULT_PG),
        help="PostgreSQL server URL to create the bench databases on; 'none' to skip",
    )
    parser.add_argument("--render", type=Path, help="print a saved JSON as a RESULTS.md section")
    args = parser.parse_args(argv)
    if args.render:
        sys.stdout.write(render(json.loads(args.render.read_text("utf-8"))))
        return

    started = time.perf_counter()
    args.cache.mkdir(parents=True, exist_ok=True)
    cache = args.cache.resolve()
    admin = None if args.pg.lower() == "none" else args.pg
    info = machine(admin)
    if info["postgresql"] is None:
        admin = None
    runs = args.runs or (3 if args.quick else 5)
    corpus_path = args.corpus.resolve()
    if args.quick:
        corpus_path = slice_corpus(corpus_path, cache / "news-500.jsonl", 500)
    cfg = Config(
        quick=args.quick,
        cache=cache,
        corpus=args.corpus.resolve(),
        admin=admin,
        runs=runs,
        cold_runs=runs if args.quick else max(runs, 10),
        x10_runs=runs,
        sizes=(10_000, 100_000) if args.quick else (10_000, 1_000_000),
        tracker=tracker_exe(),
    )
    sections = set(args.only or ("cold", "extract", "ingest"))
    if args.profile:
        sections.add("profile")
    corpus = corpus_facts(corpus_path)
    out: Json = {
        "meta": {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "mode": "quick" if args.quick else "full",
            "sections": sorted(sections),
            "machine": info,
            "commit": commit(),
            "tracker": command_output([cfg.tracker, "--version"]),
            "corpus": {
                "path": str(corpus.path),
                "articles": corpus.articles,
                "text_mb": round(corpus.text_mb, 3),
            },
            "runs": {"cold": cfg.cold_runs, "extract_ingest": cfg.runs, "ingest_x10": cfg.x10_runs},
            "rss_source": "GNU time %M" if TIME else "os.wait4 (includes the runner's RSS)",
            # others' load on a shared machine: 1-minute load average at start and end
            "load_avg": [round(os.getloadavg()[0], 2)],
        }
    }
    notes: list[str] = []
    if "cold" in sections:
        cold_section(cfg, out)
    if "extract" in sections:
        extract_section(cfg, corpus, out)
        if not out["extract"]["workers_option"]:
            notes.append("`tracker extract` had no --workers option: workers2 is null")
    if "ingest" in sections:
        ingest_section(cfg, corpus, out)
    if "profile" in sections:
        profile_section(cfg, out)
    if admin is None:
        notes.append("no PostgreSQL server: its figures are null")
    out["ratios"] = ratios(out, cfg.sizes)
    out["notes"] = notes
    out["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    out["meta"]["load_avg"].append(round(os.getloadavg()[0], 2))
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
