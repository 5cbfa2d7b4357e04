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


FAIL_IN_A_WORKER = """
import threading
from gereedschapskist import batch

def items():
    yield "x"  # int("x") fails in a worker
    for number in range(40):
        yield str(number)

try:
    for _ in batch.pool_map(int, items(), workers=2, tasks_per_worker=3):
        pass
except ValueError:
    pass
alive = [t.name for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread" and t.is_alive()]
print("managers alive:", len(alive))
"""


def test_an_error_in_a_worker_leaves_no_pool_thread_running() -> None:
    # The pool's manager thread still ran when kmg exited with a template error, and Python's
    # exit hook then printed "OSError: [Errno 9] Bad file descriptor" with a traceback under
    # kmg's Dutch message (CI, kmg build --jobs 2 with an ANSI stylesheet). A pool shut down
    # without waiting was never waited for later: its thread must be joined before pool_map ends.
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", FAIL_IN_A_WORKER], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "managers alive: 0", result.stdout
        assert "Traceback" not in result.stderr, result.stderr
