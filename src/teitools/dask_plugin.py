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
