"""The per-document map on an existing Dask cluster (dask.distributed); the reduction stays in the client.

teitools does not schedule anything itself: it connects to a running scheduler, submits one task per document
and reads the results back in input order, so the reduction sees exactly what a local run sees.

- Per-worker state: the task calls the same per-process caches as a local worker process (compiled schema,
  compiled stylesheets, the Saxon processor), so each worker process builds them once and reuses them.
  Saxon's native runtime crashes when two threads of one process use it at once, so every document task of a
  worker process runs in one thread of its own (`_document_thread`), whatever the worker's --nthreads.
- Files: workers read each input from its absolute path (a shared filesystem), or receive its bytes from the
  client (`ship_input`). Outputs are written atomically by the workers into a folder they see (the shared
  path), or travel back in the results for the client to write.
- Failures: a worker that dies has its documents rescheduled by Dask (distributed.scheduler.allowed-failures);
  each document's result is read exactly once and outputs are replaced atomically with the same bytes, so
  nothing is lost or doubled. A document that fails, or keeps killing workers (after Dask's retries and one
  more try of ours), becomes a `TaskFailure`, which the caller reports as a finding. A scheduler that cannot
  be reached is a UsageError (exit 2).

Dask is an optional extra: `pip install 'teitools[dask]'`.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import teitools
from teitools.load import NotShipped, UsageError

if TYPE_CHECKING:
    from distributed import Client, Future

    from teitools.dask_plugin import RunShared

DASK_INSTALL = "pip install 'teitools[dask]'"
# Tasks in flight per worker thread: enough to keep every worker busy while the client writes and reduces,
# few enough that shipped inputs and returned outputs stay a small, bounded amount of memory in the client.
TASKS_PER_THREAD = 4
# How often one document may ask for files it was not sent (its worker may restart before the files reach it).
MAX_SHIPPING_ROUNDS = 5


class DocumentInput(Protocol):
    """What the map is given per document: at least where the document is, as an absolute path."""

    path: str


Item = TypeVar("Item", bound=DocumentInput)
# The per-document function: the input, its bytes when the client ships them (None: read the path), and what
# every document needs (the run's options), sent to each worker once.
Task = Callable[[Any, bytes | None, Any], Any]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ClusterOptions:
    """How a run uses the cluster (the command's --scheduler, --ship-input, --ship-output)."""

    address: str
    ship_input: bool = False  # the client sends each document's bytes: workers need not see the input files
    ship_output: bool = False  # outputs come back for the client to write: workers need not see the folder


@dataclass(frozen=True)
class TaskFailure:
    """Why a document has no result: its task raised, or its workers kept dying (even on a second try)."""

    message: str


class WorkersDied(TaskFailure):
    """Dask gave up on a task whose workers kept dying. A document that was only waiting beside the one that
    killed them gets one more try (see map_on_cluster)."""


@dataclass(frozen=True)
class Outcome:
    """One document's result, or why it has none."""

    item: Any
    result: Any | TaskFailure


def dask_distributed() -> Any:
    """The dask.distributed module, or a usage error that says how to install it."""
    try:
        import distributed
    except ImportError as error:
        raise UsageError(f"--scheduler needs Dask, an optional extra: {DASK_INSTALL}") from error
    return distributed


def connect_timeout() -> float:
    """Dask's own connection timeout (distributed.comm.timeouts.connect), in seconds."""
    from dask.utils import parse_timedelta

    return parse_timedelta(get_config("distributed.comm.timeouts.connect"), default="seconds")


def probe(address: str, timeout: float) -> None:
    """Open and close one connection to the scheduler, so that a wrong address is a clear usage error.

    (A Client that fails to connect also leaves an error printed at interpreter exit; a probe does not.)"""
    import asyncio  # here: a run without a cluster does not pay for importing it

    from distributed.comm import connect
    from distributed.security import Security

    async def open_and_close() -> None:
        comm = await connect(address, timeout=timeout, **Security().get_connection_args("client"))
        await comm.close()

    try:
        asyncio.run(open_and_close())
    except ValueError as error:
        raise UsageError(
            f"--scheduler {address}: not a scheduler address ({error}); give one like tcp://host:8786"
        ) from error
    except (OSError, TimeoutError) as error:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s: is it running, "
            "and is the address right? (start one with `dask scheduler`, see the README)"
        ) from error


def worker_version() -> str:
    """Runs on each worker: the teitools it imports."""
    return teitools.__version__


@contextmanager
def cluster(address: str) -> Iterator[Client]:
    """A client of the scheduler at address, checked to have workers that run this teitools."""
    distributed = dask_distributed()
    timeout = connect_timeout()
    probe(address, timeout)
    client = distributed.Client(address, timeout=timeout, set_as_default=False)
    try:
        require_workers(client, address, timeout)
        yield client
    finally:
        client.close()


def require_workers(client: Client, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as error:
        raise UsageError(f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)") from error
    try:
        versions = client.run(worker_version)
    except Exception as error:  # the workers cannot unpickle a teitools function
        raise UsageError(
            f"the Dask workers of {address} cannot run teitools ({type(error).__name__}: {error}): "
            f"install teitools {teitools.__version__} on every worker"
        ) from error
    others = sorted({version for version in versions.values() if version != teitools.__version__})
    if others:
        raise UsageError(
            f"the Dask workers of {address} run teitools {', '.join(others)}, this client "
            f"{teitools.__version__}: install the same version everywhere"
        )


@cache
def _document_thread() -> ThreadPoolExecutor:
    """The one thread in which this worker process runs documents (Saxon must not be used by two at once)."""
    return ThreadPoolExecutor(1, thread_name_prefix="teitools-document")


def _on_worker(task: Task, item: Any, data: bytes | None, run: str | None) -> Any:
    """Runs on a worker, in any of its threads: the document's task, in the process's document thread, with
    what its run shared (RunShared, installed in this process; none without a run).

    A file the task needs and was not sent is an answer, not an error: the client sends it and asks again."""
    from teitools.dask_plugin import SHARED

    try:
        return _document_thread().submit(task, item, data, SHARED[run] if run else None).result()
    except NotShipped as needed:
        return needed


def map_on_cluster(
    client: Client,
    task: Task,
    items: Sequence[Item],
    shared: Any = None,
    ship_input: bool = False,
    on_progress: Progress | None = None,
) -> Iterator[Outcome]:
    """task(item, data, shared) for every item on the cluster, yielded in input order. shared goes to every
    worker process once, as a worker plugin (RunShared), not with each task: a run's options hold the names of
    all its pages, which sent with each document made a run's traffic grow with the square of its files.
    Scattered data would not do: it is lost with the workers that hold it.

    At most TASKS_PER_THREAD tasks per worker thread are in flight or waiting for their turn to be yielded, so
    the client holds a bounded number of inputs and results. Progress counts documents as the cluster
    finishes them, in whatever order that is. With ship_input, a task that needs another file (NotShipped)
    is given it (ShippedFiles) and submitted again. A task that Dask gave up on because its workers died
    (KilledWorker) is submitted once more, alone among such tasks: it may only have been queued beside the
    document that killed them."""
    distributed = dask_distributed()
    window = max(2, TASKS_PER_THREAD * sum(client.nthreads().values()))
    futures: dict[str, tuple[int, Future]] = {}
    finished: dict[int, Outcome] = {}
    completions = distributed.as_completed(loop=client.loop)
    shipped = ShippedFileSet(client)
    asked: dict[int, int] = {}  # documents that asked for files they were not sent, and how often
    # Documents whose workers died get their second try one at a time, so that a document that kills its
    # worker cannot take the same innocent neighbour down with it twice.
    suspects: deque[int] = deque()
    suspect: int | None = None
    submitted = yielded = done = 0
    plugin = share(client, shared) if shared is not None else None
    run = plugin.run if plugin else None

    def submit(number: int) -> None:
        item = items[number]
        data = client.scatter(read_input(item.path), hash=False) if ship_input else None
        future = client.submit(_on_worker, task, item, data, run, pure=False)
        futures[future.key] = (number, future)
        completions.add(future)

    def fill_window() -> None:
        """Submit until the window ahead of the next document to yield is full; a slow document holds back
        new work rather than letting finished results pile up in the client."""
        nonlocal submitted
        while submitted < min(yielded + window, len(items)):
            submit(submitted)
            submitted += 1

    try:  # what the run installed on the workers goes, however the run ends
        fill_window()
        for completed in completions:
            number, future = futures.pop(completed.key)
            result = result_of(future, distributed)
            if isinstance(result, NotShipped):
                asked[number] = asked.get(number, 0) + 1
                if asked[number] <= MAX_SHIPPING_ROUNDS:
                    shipped.send(result.path)
                    submit(number)
                    continue
                result = TaskFailure(f"the Dask workers did not receive {result.path} (sent again and again)")
            if number == suspect:
                suspect = None
            elif isinstance(result, WorkersDied):
                suspects.append(number)
            if suspect is None and suspects:
                suspect = suspects.popleft()
                submit(suspect)
            if number in suspects or number == suspect:
                continue
            asked.pop(number, None)
            finished[number] = Outcome(items[number], result)
            done += 1
            if on_progress:
                on_progress(done, len(items))
            while yielded in finished:
                yield finished.pop(yielded)
                yielded += 1
            fill_window()
    finally:
        shipped.withdraw()
        if plugin is not None:
            client.unregister_worker_plugin(plugin.name)


def share(client: Client, value: Any) -> RunShared:
    """value installed in every worker process of the cluster, now and as they start, for a new run."""
    from teitools.dask_plugin import RunShared

    plugin = RunShared(uuid.uuid4().hex, value)
    client.register_plugin(plugin)
    return plugin


def result_of(future: Future, distributed: Any) -> Any:
    """The task's result, or the failure that becomes its document's finding, or the file it needs.

    A lost scheduler, or a task that finds the run itself unusable (UsageError), ends the run: exit 2."""
    try:
        return future.result()
    except UsageError as error:
        hint = "the workers must see the files named here, or be sent them with --ship-input"
        raise UsageError(f"on a Dask worker: {error} ({hint})") from error
    except distributed.KilledWorker as error:
        return WorkersDied(f"the Dask workers died while working on it, each time it was tried ({error})")
    except distributed.client.FutureCancelledError as error:
        raise UsageError(f"lost the Dask scheduler during the run: {error}") from error
    except Exception as error:  # whatever one document's task raised is that document's finding
        hint = " (do the workers see this path? else use --ship-input)" if isinstance(error, OSError) else ""
        return TaskFailure(f"{type(error).__name__}: {error}{hint}")
    finally:
        future.release()


class ShippedFileSet:
    """The files pointed into that this run sent to its workers (--ship-input), as one worker plugin: Dask
    installs it on every worker, also on those that start or restart later."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.files: dict[str, bytes | None] = {}

    def send(self, path: str) -> None:
        """Send the file to every worker (None when the client has no such file), once."""
        if path not in self.files:
            self.files[path] = Path(path).read_bytes() if Path(path).is_file() else None
            from teitools.dask_plugin import ShippedFiles

            self.client.register_plugin(ShippedFiles(self.files))

    def withdraw(self) -> None:
        if self.files:
            from teitools.dask_plugin import ShippedFiles

            self.client.unregister_worker_plugin(ShippedFiles.name)


def worker_memory_limit(client: Client) -> int:
    """The smallest memory limit of the cluster's workers, in bytes (0: none is set)."""
    limits = [worker.get("memory_limit") or 0 for worker in client.scheduler_info()["workers"].values()]
    return min(limits, default=0)


def read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror}") from error


def get_config(key: str) -> Any:
    from dask.config import get

    return get(key)
