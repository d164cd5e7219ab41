"""Extraction workers die with their parent: `kill -9` of `kg ingest --jobs 2` leaves no process behind.

For real: a `kg ingest` subprocess, its worker processes found in /proc, the parent
killed, then the workers must be gone within a few seconds. Whatever happens, the
test kills what it started before it ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")]

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None and st[1] == pid and st[0] != "Z":
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] != "Z"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_ingest_leaves_no_worker_behind(tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    for k in range(24):  # three chunks of eight: both workers busy for a while
        (folder / f"a{k:02d}.txt").write_text(texts[k % len(texts)] + f"\n\nCopie {k}.", encoding="utf-8")
    proc = subprocess.Popen([str(KG), "ingest", str(folder), "--jobs", "2", "--store", str(tmp_path / "st")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the workers never started"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
