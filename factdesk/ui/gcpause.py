"""No garbage collection while a review is read, and what was read kept out of later ones.

Python's cyclic collector walks every tracked object of the oldest generation when it runs a
full collection. A review of 10,000 claims is ~80,000 such objects (claims, anchors, evidence,
passages, the snapshot's maps), and reading one made enough new ones to start full collections:
measured 50-80 ms on the database worker while it read (holding the GIL, so the window stalled
too) and 100-140 ms on the GUI thread a moment later, where they were the longest stalls of
opening. While a review is read, collection is off; afterwards everything alive is moved to the
collector's permanent generation (`gc.freeze`), which collections never walk.

The price: objects frozen there that later become garbage *in reference cycles* are not
reclaimed (those without cycles, which is what a snapshot is made of, are freed as usual when
the last reference goes). Measured while switching between the benchmark reviews, see
benchmarks/README.md ("Scale", "The window").
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def reading() -> Iterator[None]:
    """Collection off while the block runs (in any thread: it is process-wide); then what is
    alive is frozen out of later collections and collection is back as it was."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
