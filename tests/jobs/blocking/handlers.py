"""The held job: notes each start and each finish in files the test reads (no database writes,
so the count is what the handler did, not what a rolled-back transaction kept)."""

import os
import time
from pathlib import Path


def _note(path: Path) -> None:
    with path.open("a") as notes:
        notes.write(f"{os.getpid()}\n")


def hold(payload: dict) -> None:
    folder = Path(os.environ["EQUITY_WORKER_HOLD_DIR"])
    _note(folder / "started")
    while (folder / "hold").exists():
        time.sleep(0.2)
    _note(folder / "finished")
