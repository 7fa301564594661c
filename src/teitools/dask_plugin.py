"""The Dask worker plugin of teitools, imported only when a run uses a cluster (Dask is an optional extra)."""

from typing import Any

from distributed import WorkerPlugin

from teitools.load import SHIPPED_FILES


class ShippedFiles(WorkerPlugin):
    """The files pointed into that the client sent (--ship-input), installed in each worker process."""

    name = "teitools-shipped-files"

    def __init__(self, files: dict[str, bytes | None]) -> None:
        self.files = dict(files)

    def setup(self, worker: Any) -> None:
        SHIPPED_FILES.clear()
        SHIPPED_FILES.update(self.files)

    def teardown(self, worker: Any) -> None:
        SHIPPED_FILES.clear()


# What runs gave every worker process once (RunShared), by run: a worker may serve several runs at once.
SHARED: dict[str, Any] = {}


class RunShared(WorkerPlugin):
    """What every task of a run needs (its options), installed in each worker process once, and in those that
    start or restart later, instead of travelling with each task."""

    def __init__(self, run: str, value: Any) -> None:
        self.name = f"teitools-run-{run}"
        self.run, self.value = run, value

    def setup(self, worker: Any) -> None:
        SHARED[self.run] = self.value

    def teardown(self, worker: Any) -> None:
        SHARED.pop(self.run, None)
