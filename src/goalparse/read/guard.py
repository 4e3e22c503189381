"""Run one file's parse in a child process with a time and a memory bound.

A hostile PDF can make a parser loop or allocate without end; in a batch that
must cost one file, not the run. The child gets an address-space limit
(RLIMIT_AS) and the parent kills it after the timeout. Results come back as
JSON, errors as (class name, message), so the parent raises the same errors.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from .. import errors
from ..errors import BoundError, GoalparseError

# Seconds to wait for a killed child to go.
_REAP_S = 5.0
# prctl(2) option: the signal this process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def exit_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent (pid ``parent``) dies (Linux); elsewhere, nothing.

    A parser process whose parent was killed (``kill -9`` of a batch) would otherwise
    live on as an orphan. If the parent is already gone, exit now.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request took effect


# True in a bounded child: a bounded call made there (parse_file inside a bounded job) runs
# directly under the bounds already in force.
_IN_CHILD: list[bool] = []


def _mapped_bytes() -> int:
    """The address space this process maps now (0 where /proc is missing: the bound is then absolute)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], max_memory_mb: int | None,
           parent: int, steps: bool) -> None:
    _IN_CHILD.append(True)
    exit_with_parent(parent)
    if max_memory_mb:
        # The bound is what the parse may add: a forked child starts with every mapping of its parent
        # (a caller that imported pyarrow or lxml maps hundreds of MB it never touches).
        limit = _mapped_bytes() + max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def step(done: int, total: int) -> None:
        conn.send(("step", (done, total)))

    try:
        conn.send(("ok", fn(*args, progress=step) if steps else fn(*args)))
    except MemoryError:
        conn.send(("memory", None))
    except GoalparseError as exc:
        conn.send(("error", (type(exc).__name__, exc.source, exc.problem)))
    except BaseException as exc:
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _gave_up(source: str, timeout_s: float, steps: int, step_s: float) -> BoundError:
    bound = f"{timeout_s:g} s" if not steps else f"{timeout_s:g} s + {steps} slow steps of {step_s:g} s"
    return BoundError(source, f"gave up after {bound} (time bound)")


def run_bounded(fn: Callable[..., Any], args: tuple[Any, ...], source: str,
                timeout_s: float, max_memory_mb: int | None, *,
                progress: Callable[[int, int], None] | None = None, step_s: float = 0.0) -> Any:
    """``fn(*args)`` in a forked child; raises BoundError past the time or memory bound.

    ``fn`` must return something picklable (the CLI returns JSON bytes). With ``progress`` or
    ``step_s``, ``fn`` is also given ``progress=``: each ``progress(done, total)`` it makes (a page
    read by OCR, say) reaches the caller's ``progress`` and adds ``step_s`` to the time bound.
    """
    steps = progress is not None or step_s > 0
    if _IN_CHILD:
        return fn(*args, progress=progress) if steps else fn(*args)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, max_memory_mb, os.getpid(), steps), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + timeout_s
    taken = 0
    try:
        while True:
            if not parent.poll(max(0.0, deadline - time.monotonic())):
                raise _gave_up(source, timeout_s, taken, step_s)
            try:
                status, payload = parent.recv()
            except EOFError:
                proc.join(_REAP_S)
                raise BoundError(source, f"parser process died (exit code {proc.exitcode}); "
                                    f"memory bound {max_memory_mb} MB?") from None
            if status != "step":
                break
            taken += 1
            deadline += step_s
            if progress is not None:
                progress(*payload)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(_REAP_S)
        parent.close()
    if status == "ok":
        return payload
    if status == "memory":
        raise BoundError(source, f"over the memory bound of {max_memory_mb} MB")
    if status == "error":
        name, src, problem = payload
        cls = getattr(errors, name, GoalparseError)
        if not (isinstance(cls, type) and issubclass(cls, GoalparseError)):
            cls = GoalparseError
        raise cls.rebuilt(src, problem)
    raise GoalparseError(source, f"internal error ({payload}); please report it")


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` on the way swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _TimeUp


def run_timed(fn: Callable[..., Any], args: tuple[Any, ...], source: str, timeout_s: float) -> Any:
    """``fn(*args)`` in this process, stopped with BoundError after ``timeout_s`` seconds.

    For text parses in batch workers (a child process per text file would cost more than
    the parse). It needs the main thread (signals); elsewhere ``fn`` runs unbounded. The
    alarm is taken when the interpreter next runs Python code, so a single call into C that
    never returns is not stopped: the parse's own bounds (bounds.py) keep those short.
    """
    if timeout_s <= 0 or threading.current_thread() is not threading.main_thread():
        return fn(*args)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # an alarm just before this is still caught below
    except _TimeUp:
        raise _gave_up(source, timeout_s, 0, 0.0) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
