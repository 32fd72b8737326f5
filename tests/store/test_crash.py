"""Kill -9 at random moments while edits are being saved: every edit reported saved survives.

A child process applies a long, reproducible sequence of edits (tests/store/crash_child.py) and
prints the number of each edit after ``apply`` returns. The test kills it with SIGKILL at a
random moment (sometimes while it is still opening the file, or rolling back the previous
journal), reopens the file, checks its integrity, and replays the same sequence in memory: the
file must hold exactly the edits reported, or those plus the one in flight, never half an edit.
"""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from socle_desktop.domain.edit_checks import apply_checked
from socle_desktop.store import DossierFile, create_dossier_file
from tests.store.conftest import integrity
from tests.store.edit_sequence import EditGenerator

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 50


pytestmark = [
    pytest.mark.slow,  # slow but required: not deselected in CI
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL does not exist on Windows"),
]


def _run_and_kill(path: Path, seed: str, rng: random.Random) -> tuple[list[str], bool]:
    """Start the child, kill it at a random moment; the lines it printed, and whether it had
    finished opening the file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), seed, "1000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for raw in child.stdout:
            if raw.endswith(b"\n"):  # a line cut by the kill was never reported
                lines.append(raw.decode().strip())
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0.0, 0.25))  # while starting, opening, recovering
    else:
        assert ready.wait(10), child.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.2))  # while saving edits
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    assert child.returncode == -signal.SIGKILL, child.stderr.read().decode()
    return lines, bool(lines)


def _replay(state, seed: str, count: int):
    """The dossier after ``count`` edits of the sequence, and after ``count + 1``."""
    generator, dossier = EditGenerator(seed), copy.deepcopy(state)
    for _ in range(count):
        apply_checked(dossier, generator.next(dossier))
    after_next = copy.deepcopy(dossier)
    apply_checked(after_next, generator.next(after_next))
    return dossier, after_next


def test_every_reported_edit_survives_sigkill(tmp_path, example_dossier, campaign):
    path = tmp_path / "crash.socle"
    create_dossier_file(path, example_dossier, campaign)
    rng = random.Random(20210114)
    state = copy.deepcopy(example_dossier)
    started, saved, in_flight_kept = time.monotonic(), 0, 0
    for kill in range(KILLS):
        seed = f"tour-{kill}"
        lines, _opened = _run_and_kill(path, seed, rng)
        reported = [line for line in lines if line.isdigit()]
        assert reported == [str(i) for i in range(len(reported))]  # in order, none skipped
        with DossierFile.open(path) as reopened:  # recovers the journal of the killed write
            assert not reopened.read_only
            found = reopened.dossier
        assert integrity(path) == "ok"
        expected, with_in_flight = _replay(state, seed, len(reported))
        if found == with_in_flight and found != expected:
            in_flight_kept += 1
        else:
            assert found == expected, f"kill {kill}: the file lost an edit reported saved"
        saved += len(reported)
        state = found
    elapsed = time.monotonic() - started
    print(
        f"\n{KILLS} kills, {saved} edits reported saved, {in_flight_kept} in-flight edits "
        f"committed, {elapsed:.1f} s"
    )
    assert saved > KILLS * 5  # the kills really fell among saves, not only during start-up
