"""Stopping the pool (the first Ctrl-C): queued tasks are dropped, running ones are yielded, then KeyboardInterrupt."""

from __future__ import annotations

import subprocess
import sys

STOP_WHILE_WORKERS_START = """
import threading, time
from gereedschapskist import batch

stop = threading.Event()

def items():
    for number in range(12):
        if number == 3:
            stop.set()  # Ctrl-C while the first tasks are handed out and the workers still start
        yield 0.1

got = 0
try:
    # the workers take 3 s to start: one task is still queued in the pool when stop is noticed
    for _ in batch.pool_map(time.sleep, items(), workers=2, initializer=time.sleep, initargs=(3,), stop=stop):
        got += 1
except KeyboardInterrupt:
    print("stopped after", got)
"""


def test_stopping_while_workers_start_does_not_hang() -> None:
    # A task cancelled before it started is never "done" for concurrent.futures.wait: waiting
    # for it hung the build for ever.
    result = subprocess.run(
        [sys.executable, "-c", STOP_WHILE_WORKERS_START], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stopped after "), result.stdout
    assert 0 < int(result.stdout.split()[-1]) < 12
