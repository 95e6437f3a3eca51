"""Keep freed memory for reuse instead of handing it back to the system at once.

A forecast makes and frees many arrays of a few hundred kilobytes each turn of its
futures (a row per future and indicator). glibc's malloc serves blocks that size with
fresh memory maps, or gives freed memory back by shrinking the heap, so each new array
is new memory to the kernel and its first touch of every page is a page fault: about
3,000 per forecast on `framework_decade`, a tenth of its time on the machines measured
(docs/performance.md). `keep_freed_memory` raises the two thresholds so that blocks up
to 4 MiB come from the heap and up to 32 MiB of freed heap is kept for the next ones.

It is a setting of the process, made once by the entry points (`python -m game` and
the window's helper process; the window raises both further for its surfaces, see
`game.ui.pixels.keep_pixel_memory`), only where the C library is glibc (on Linux);
`CONVERGENCE_MALLOC=system` leaves the C library's own settings.
"""

from __future__ import annotations

import ctypes
import os
import sys

ENV = "CONVERGENCE_MALLOC"
_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 4 << 20  # blocks up to this size come from the heap
TRIM_THRESHOLD = 32 << 20  # freed memory kept at the heap's top before it is returned


def keep_freed_memory(
    mmap_threshold: int = MMAP_THRESHOLD, trim_threshold: int = TRIM_THRESHOLD
) -> bool:
    """Set the thresholds, in bytes (see the module's text; the window asks for more, see
    `game.ui.pixels.keep_pixel_memory`); True if they were set."""
    if os.environ.get(ENV, "").strip().lower() == "system" or not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
        mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        mallopt.restype = ctypes.c_int
        return (
            mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1
            and mallopt(_M_TRIM_THRESHOLD, trim_threshold) == 1
        )
    except (OSError, AttributeError, TypeError):  # another C library (musl has no mallopt)
        return False
