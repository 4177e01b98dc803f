"""Run the worked example of README.md and refresh the output printed under each `$ tracker` line.

The README shows real output; this keeps it real. `--check` exits 1 when the README is stale
(tests/test_docs.py runs the check).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "## A worked example", "## Writing and testing a rule"


def _tracker() -> list[str]:
    return [sys.executable, "-m", "tracker"]


def refreshed(text: str) -> str:
    """`text` with the worked example's outputs replaced by what the commands print now."""
    start, end = text.index(START), text.index(END)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TRACKER_DATABASE_URL=f"sqlite:///{tmp}/example.db", NO_COLOR="1")
        subprocess.run([*_tracker(), "db", "upgrade"], env=env, capture_output=True, check=True)
        lines = text[start:end].split("\n")
        out: list[str] = []
        i = 0
        while i < len(lines):
            out.append(lines[i])
            if lines[i].startswith("$ tracker "):
                args = shlex.split(lines[i].removeprefix("$ tracker "))
                run = subprocess.run(
                    [*_tracker(), *args], env=env, capture_output=True, text=True, cwd=ROOT
                )
                out += (run.stdout + run.stderr).rstrip("\n").split("\n")
                i += 1
                while i < len(lines) and not lines[i].startswith(("$ ", "```")):
                    i += 1
                continue
            i += 1
    return text[:start] + "\n".join(out) + text[end:]


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = refreshed(text)
    if "--check" in sys.argv[1:]:
        if new != text:
            print("README.md's worked example is stale: run python scripts/readme_example.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print("README.md refreshed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
