"""Run a function over many items on several CPUs, results in the items' order.

Used for the per-file checks by ``scripts/validate.py`` and by ``mkdocs build`` on large sites.
The work is shared by forking, so the function and what it reads need not be picklable, only its
results. Forking a process that runs other threads could copy a lock one of them holds, so with
any other thread alive (as under ``mkdocs serve``) the work stays in this process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

MIN_ITEMS = 400  # annotation files: below this, starting processes costs more than it saves

_function: Callable | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_chunk(items: Sequence) -> list:
    return [_function(item) for item in items]


def map_in_processes(function: Callable, items: Sequence, jobs: int,
                     min_items: int = MIN_ITEMS) -> list:
    """``[function(item) for item in items]``, shared among ``jobs`` forked processes."""
    global _function
    if jobs <= 1 or len(items) < min_items or threading.active_count() > 1:
        return [function(item) for item in items]
    import multiprocessing  # only here: a run whose results are all kept never needs it
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (jobs * 4))  # a few chunks per process evens out slow files
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    _function = function
    try:
        with ProcessPoolExecutor(max_workers=jobs,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]
    finally:
        _function = None
