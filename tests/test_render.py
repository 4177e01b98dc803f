"""Terminal output: aligned columns for mixed scripts, colour only where it belongs, completion."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import render


def test_harakat_take_no_column_and_wide_characters_two() -> None:
    assert render.width("تُستخدم") == render.width("تستخدم") == 6
    assert render.width("عـــالم") == 7  # tatweel is drawn: it counts
    assert render.width("日本") == 4


def test_cells_are_cut_and_padded_to_the_same_width() -> None:
    cells = [render.fit(t, 12) for t in ("أكدت النيجر استعدادها", "NER", "تُستخدمُ لزعزعة")]
    assert {render.width(c) for c in cells} == {12}
    assert cells[0].endswith("…")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": 1, "status": "broken"}]
    columns = (("id", "id", 3), ("status", "status", 10))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert "\x1b[31m" in render.table(records, columns)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render.table(records, columns)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert "\x1b[" not in render.table(records, columns)


def test_csv_and_json_keep_the_text_whole() -> None:
    records = [{"id": 1, "evidence": "قال: «سنواصل»، وأضاف", "promisors": ["NER", "NGA"]}]
    out = render.render(records, "csv", (), ("id", "evidence", "promisors"), "")
    assert out.splitlines() == ["id,evidence,promisors", "1,قال: «سنواصل»، وأضاف,NER NGA"]
    assert '"NER"' in render.render(records, "json", (), (), "")


def test_shell_completion_is_offered(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "tracker"
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    shown = subprocess.run(
        [str(script), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert "_TRACKER_COMPLETE" in shown.stdout
    installed = subprocess.run(
        [str(script), "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert installed.returncode == 0, installed.stderr
    assert "tracker" in (tmp_path / ".bashrc").read_text()
