"""Store work done in child processes that can be killed: the only way to stop a runaway query.

A pyoxigraph query runs in Rust until it has produced its answer; a thread
running it cannot be interrupted, and a cross join over a large store runs for
hours. So every read of the store (SPARQL, named queries, the pages) happens
in one of a few worker processes, each holding its own read-only handle on the
store (no lock: `kg ingest` may write meanwhile). The server waits for the
answer at most `timeout` seconds; past that the worker is killed and a fresh
one started, while the other workers keep answering.

A worker reopens the store when the folder changed since it last opened it, so
answers follow what `kg ingest` wrote without restarting the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# The worker's own entry points (`kg.serve.jobs`) are imported in the child only.

_READY = "ready"
_START_SECONDS = 120.0  # importing kg's view and audit modules on a slow machine


class WorkerTimeout(Exception):
    """The job ran past the time limit; its worker was killed."""


class WorkersBusy(Exception):
    """No worker came free within the time limit."""


class WorkerCrashed(Exception):
    """The worker died while running the job (out of memory, a crash in the store)."""


class JobFailure(Exception):
    """The job raised: `kind` says which family (syntax, input, notfound, query, store, internal)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    jobs: int = 0

    def call(self, job: tuple[str, dict[str, Any]], timeout: float) -> Any:
        """Send one job and wait for its answer (in a thread: this blocks)."""
        self.jobs += 1
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                raise WorkerTimeout(f"over the {timeout:g} s time limit")
            status, payload = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            raise WorkerCrashed(f"the worker process died ({type(err).__name__})") from err
        if status == "ok":
            return payload
        raise JobFailure(*payload)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


@dataclass(eq=False)
class WorkerPool:
    """`size` worker processes reading the store at `store`; `run` is awaited by the request handlers."""

    store: Path
    size: int = 2
    timeout: float = 20.0
    settings: dict[str, Any] = field(default_factory=dict)
    kills: int = 0

    def __post_init__(self) -> None:
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._pending: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------------ lifetime

    async def start(self) -> None:
        """Start every worker and wait until each has opened the store (or failed to)."""
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(asyncio.to_thread(self._spawn) for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._pending):
            task.cancel()
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            with contextlib.suppress(Exception):
                w.conn.send(("stop", {}))
            w.process.join(1)
            w.kill()

    def _spawn(self) -> _Worker:
        ctx = mp.get_context("spawn")  # not fork: the server has threads and an event loop
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, str(self.store), self.settings),
                              name="kg-serve-worker", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            if not parent.poll(_START_SECONDS):
                raise WorkerCrashed(f"a worker did not start within {_START_SECONDS:g} s")
            status, payload = parent.recv()
        except (EOFError, OSError) as err:
            worker.kill()
            raise WorkerCrashed("a worker process died while starting") from err
        except WorkerCrashed:
            worker.kill()
            raise
        if status != _READY:
            worker.kill()
            raise JobFailure(*payload)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._replace())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _replace(self) -> None:
        delay = 0.5
        while not self._closed:
            try:
                worker = await asyncio.to_thread(self._spawn)
            except Exception:  # keep trying: the pool must not shrink for good
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                worker.kill()
                return
            assert self._idle is not None
            self._idle.put_nowait(worker)
            return

    # ------------------------------------------------------------------ work

    async def run(self, kind: str, **args: Any) -> Any:
        """Run one job in a worker within the time limit (waiting for a free worker counts)."""
        if self._idle is None:
            raise RuntimeError("the worker pool is not started")
        started = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError:
            raise WorkersBusy(f"every worker stayed busy for {self.timeout:g} s") from None
        left = max(0.1, self.timeout - (time.monotonic() - started))
        try:
            answer = await asyncio.to_thread(worker.call, (kind, args), left)
        except (WorkerTimeout, WorkerCrashed):
            self.kills += 1
            self._retire(worker)
            raise
        except asyncio.CancelledError:
            # The request went away mid-job: the worker's answer would arrive out of turn.
            self._retire(worker)
            raise
        except BaseException:
            self._idle.put_nowait(worker)
            raise
        self._idle.put_nowait(worker)
        return answer


def _worker_main(conn: Connection, store: str, settings: dict[str, Any]) -> None:
    """A worker's loop: open the store, say ready, then answer jobs until told to stop."""
    try:
        from kg.serve import jobs

        state = jobs.WorkerState(Path(store), settings)
        state.open()
    except BaseException as err:  # reported to the parent, which fails to start
        conn.send(("error", ("store", f"{err}")))
        return
    conn.send((_READY, None))
    while True:
        try:
            kind, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if kind == "stop":
            return
        try:
            reply: tuple[str, Any] = ("ok", jobs.run(state, kind, args))
        except BaseException as err:  # every failure goes back as an answer
            kind_, message = jobs.failure(err)
            # The store's path is the server's business, not the client's.
            reply = ("error", (kind_, message.replace(store, "the store")))
            if kind_ == "internal" and os.environ.get("KG_DEBUG"):
                traceback.print_exc()
        try:
            conn.send(reply)
        except (OSError, BrokenPipeError):
            return
