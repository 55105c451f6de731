"""A coding process settles its heap once: what it loaded frozen, the collector's thresholds raised."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
from polemos.process_heap import OLDER_THRESHOLDS, YOUNG_THRESHOLD, settle_heap
before = gc.get_threshold()
loaded = [[i] for i in range(1000)]  # state loaded before coding starts
settle_heap()
frozen = gc.get_freeze_count()
settle_heap()  # a second load freezes no more of the heap
assert gc.get_freeze_count() == frozen >= 1000, (frozen, gc.get_freeze_count())
assert before == (700, 10, 10), before
assert gc.get_threshold() == (YOUNG_THRESHOLD, *OLDER_THRESHOLDS), gc.get_threshold()
print("ok")
"""


def test_settle_heap_freezes_once_and_raises_thresholds() -> None:
    # A fresh interpreter: the test process's own collector is left as it is.
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_load_coder_settles_the_heap() -> None:
    script = (
        "import gc\nfrom polemos.config import Settings\nfrom polemos.pipeline import load_coder\n"
        "from polemos.process_heap import YOUNG_THRESHOLD\nload_coder(Settings())\n"
        "assert gc.get_freeze_count() > 0 and gc.get_threshold()[0] == YOUNG_THRESHOLD\nprint('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
