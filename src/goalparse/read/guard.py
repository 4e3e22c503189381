"""Run one file's parse in a child process with a time and a memory bound.

A hostile PDF can make a parser loop or allocate without end; in a batch that
must cost one file, not the run. The child gets an address-space limit
(RLIMIT_AS) and the parent kills it after the timeout. Results come back as
JSON, errors as (class name, message), so the parent raises the same errors.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
from collections.abc import Callable
from typing import Any

from .. import errors
from ..errors import GoalparseError, TooLargeError

# Seconds to wait for a killed child to go.
_REAP_S = 5.0


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], max_memory_mb: int | None) -> None:
    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(("ok", fn(*args)))
    except MemoryError:
        conn.send(("memory", None))
    except GoalparseError as exc:
        conn.send(("error", (type(exc).__name__, exc.source, exc.problem)))
    except BaseException as exc:
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_bounded(fn: Callable[..., Any], args: tuple[Any, ...], source: str,
                timeout_s: float, max_memory_mb: int | None) -> Any:
    """``fn(*args)`` in a forked child; raises TooLargeError past the time or memory bound.

    ``fn`` must return something picklable (the CLI returns JSON bytes).
    """
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, max_memory_mb), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout_s):
            raise TooLargeError(source, f"gave up after {timeout_s:g} s (time bound)")
        try:
            status, payload = parent.recv()
        except EOFError:
            proc.join(_REAP_S)
            raise TooLargeError(source, f"parser process died (exit code {proc.exitcode}); "
                                f"memory bound {max_memory_mb} MB?") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(_REAP_S)
        parent.close()
    if status == "ok":
        return payload
    if status == "memory":
        raise TooLargeError(source, f"over the memory bound of {max_memory_mb} MB")
    if status == "error":
        name, src, problem = payload
        cls = getattr(errors, name, GoalparseError)
        raise cls(src, problem)
    raise GoalparseError(source, f"internal error ({payload}); please report it")
