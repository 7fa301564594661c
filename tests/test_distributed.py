"""validate and render --scheduler: the same findings and bytes on a Dask cluster as in one process.

Each cluster here is a LocalCluster of two worker processes on the loopback interface, started by the test and
stopped at its end; nothing listens or connects beyond 127.0.0.1.
"""

import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner
from conftest import CORPUS, TEI_DIR

from teitools.cli import main
from teitools.run import render, schema_for_workers
from teitools.validate import PROJECT_SCHEMA, schema_path

distributed = pytest.importorskip("distributed")
dask_config = pytest.importorskip("dask.config")

from teitools.distributed import ClusterOptions, TaskFailure, cluster, map_on_cluster  # noqa: E402
from teitools.render import process_renderer, remove_temporary_files  # noqa: E402

LOOPBACK = "127.0.0.1"
SOURCES = {"edition": TEI_DIR, "corpus": CORPUS}


def local_cluster() -> "distributed.LocalCluster":
    """Two single-threaded worker processes; every address, the scheduler's web page too, on the loopback
    interface, on ports the system chooses."""
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host=LOOPBACK, dashboard_address=f"{LOOPBACK}:0"
    )


def addresses_of(lan: "distributed.LocalCluster") -> list[str]:
    info = lan.scheduler_info
    workers = info["workers"].values()
    return [info["address"], *info["workers"], *(w["nanny"] for w in workers)]


@pytest.fixture(scope="module")
def scheduler() -> str:
    with local_cluster() as lan:
        assert {urlparse(a).hostname for a in addresses_of(lan)} == {LOOPBACK}
        yield lan.scheduler_address


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, hidden ones too (a leftover temporary file would show)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- the same findings and bytes ------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shipping", [(), ("--ship-input",)], ids=["shared", "shipped"])
def test_validate_on_the_cluster_gives_the_local_findings(scheduler, source, shipping, monkeypatch):
    # Run from another folder than the workers': files are named as this run names them, not as they would.
    monkeypatch.chdir(SOURCES[source].parent)
    name = SOURCES[source].name
    local = invoke("validate", "--format", "json", "--jobs", "1", name)
    remote = invoke("validate", "--format", "json", "--scheduler", scheduler, *shipping, name)
    assert remote == local
    assert local[0] == (0 if source == "edition" else 1)


@pytest.fixture(scope="module")
def rendered_locally(tmp_path_factory) -> dict[str, tuple[int, str, str, dict[str, bytes]]]:
    runs = {}
    for source, path in SOURCES.items():
        output = tmp_path_factory.mktemp(f"local-{source}")
        code, stdout, stderr = invoke("render", "--jobs", "1", "-o", str(output), str(path))
        runs[source] = (code, stdout.replace(str(output), "OUT"), stderr, files_of(output))
    return runs


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    "shipping",
    [(), ("--ship-input",), ("--ship-output",), ("--ship-input", "--ship-output")],
    ids=["shared", "input-shipped", "output-shipped", "both-shipped"],
)
def test_render_on_the_cluster_gives_the_local_bytes(scheduler, rendered_locally, tmp_path, source, shipping):
    code, stdout, stderr = invoke(
        "render", "--scheduler", scheduler, *shipping, "-o", str(tmp_path), str(SOURCES[source])
    )
    assert (code, stdout.replace(str(tmp_path), "OUT"), stderr, files_of(tmp_path)) == rendered_locally[
        source
    ]


def renderers_made_and_reused() -> tuple[int, int]:
    """Runs on a worker: how often its renderer (Saxon, compiled stylesheets) was made, and reused."""
    info = process_renderer.cache_info()
    return info.misses, info.hits


def test_each_worker_compiles_the_stylesheets_once(scheduler, tmp_path):
    invoke("render", "--scheduler", scheduler, "--to", "html", "-o", str(tmp_path), str(CORPUS))
    with distributed.Client(scheduler, set_as_default=False) as client:
        counts = client.run(renderers_made_and_reused).values()
    assert sum(hits for _, hits in counts) >= 30  # 36 documents rendered, on two workers
    assert all(made <= 2 for made, _ in counts)  # once per kind of run (with or without the person index)


class HiddenFolders(distributed.WorkerPlugin):
    """Makes folders unreadable and unwritable to a worker process, as on a machine that does not see them."""

    def __init__(self, *folders: Path) -> None:
        self.folders = tuple(str(folder) for folder in folders)

    def setup(self, worker) -> None:
        def refuse(event: str, args: tuple) -> None:
            if event == "open" and isinstance(args[0], str | Path) and str(args[0]).startswith(self.folders):
                raise PermissionError(13, "hidden from this worker", str(args[0]))

        sys.addaudithook(refuse)  # for the life of the process: the cluster is this test's own


def test_workers_that_cannot_see_the_files_work_with_shipping(tmp_path):
    edition, local, remote = tmp_path / "tei", tmp_path / "local", tmp_path / "remote"
    shutil.copytree(TEI_DIR, edition)
    local_run = invoke("render", "--jobs", "1", "-o", str(local), str(edition))
    with local_cluster() as lan, distributed.Client(lan.scheduler_address, set_as_default=False) as client:
        client.register_plugin(HiddenFolders(tmp_path))
        on_cluster = ("render", "--scheduler", lan.scheduler_address, "-o", str(remote))
        blind = invoke(*on_cluster, str(edition))
        shipped = invoke(*on_cluster, "--ship-input", "--ship-output", str(edition))
    assert blind[0] == 2
    assert "cannot read: hidden from this worker" in blind[2] and "--ship-input" in blind[2]
    assert shipped[0] == local_run[0] == 0
    assert shipped[2] == local_run[2]
    assert files_of(remote) == files_of(local)


def test_what_killed_writes_leave_behind_is_removed(tmp_path):
    for name in (".letter.html.k2j4h1.tmp", ".letter.txt.aa_9z.tmp", ".other.html.k2j4h1.tmp", "letter.html"):
        (tmp_path / name).write_text("x")
    remove_temporary_files(tmp_path, ["letter"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.html.k2j4h1.tmp", "letter.html"]


# --- failures -------------------------------------------------------------------------------------------


def test_a_worker_killed_during_the_run_loses_and_doubles_nothing(rendered_locally, tmp_path):
    """One worker is killed while it holds documents; Dask gives them to a worker again, and every output
    is there exactly once, byte for byte as in a local run, with no temporary file left behind."""
    killed: list[tuple[str, int]] = []
    with local_cluster() as lan, distributed.Client(lan.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)

        def kill_a_busy_worker(done: int, total: int) -> None:
            if killed:
                return
            worker, tasks = max(client.processing().items(), key=lambda held: len(held[1]))
            os.kill(pids[worker], signal.SIGKILL)
            killed.append((worker, len(tasks)))

        options = ClusterOptions(lan.scheduler_address)
        result = render([CORPUS], tmp_path, cluster=options, on_progress=kill_a_busy_worker)
        assert killed and killed[0][1] >= 1, "the killed worker held a document"
        restarted = client.run(os.getpid)
    assert set(restarted.values()) - set(pids.values()), "the nanny started a new worker process"
    code, _, _, local_files = rendered_locally["corpus"]
    assert files_of(tmp_path) == local_files
    assert sorted(result.written) == sorted(set(result.written)) == sorted(tmp_path / n for n in local_files)
    assert result.report.exit_code() == code
    assert len(result.report.findings) == 2  # the corpus's two unrenderable files, each reported once


def crash_on_the_marked_document(item: "Item", data: bytes | None, shared: None) -> str:
    """Runs on a worker: kills its process on the marked document, as a native crash would."""
    if item.path.endswith("crash"):
        os._exit(70)
    time.sleep(0.02 * (5 - int(item.path[-1])))  # later documents finish first
    return item.path


class Item:
    def __init__(self, path: str) -> None:
        self.path = path


def shared_and_process(item: "Item", data: bytes | None, shared: str) -> tuple[str, int]:
    """Runs on a worker: what the run shared, and this process; kills its process on the marked document."""
    if item.path.endswith("crash"):
        os._exit(70)
    time.sleep(0.25 if item.path.startswith("after") else 0)  # time for the crashed worker to restart
    return shared, os.getpid()


def test_what_a_run_shares_reaches_every_worker_and_those_that_restart():
    """The run's options go to each worker process once (a worker plugin), not with each task: a worker that
    restarts after a crash has them too."""
    items = [Item(f"doc{n}") for n in range(4)] + [Item("doc-crash")] + [Item(f"after{n}") for n in range(16)]
    no_second_try = dask_config.set({"distributed.scheduler.allowed-failures": 0})
    with no_second_try, local_cluster() as lan, cluster(lan.scheduler_address) as client:
        before = set(client.run(os.getpid).values())
        outcomes = list(map_on_cluster(client, shared_and_process, items, shared="the options"))
        plugins = client.run(lambda dask_worker: list(dask_worker.plugins)).values()
        assert not any(name.startswith("teitools-run") for names in plugins for name in names)  # withdrawn
    answers = [o.result for n, o in enumerate(outcomes) if n != 4]
    assert isinstance(outcomes[4].result, TaskFailure)
    assert {shared for shared, _ in answers} == {"the options"}
    assert {process for _, process in answers} - before  # a restarted worker answered, with the options


def test_a_document_that_kills_every_worker_becomes_a_failure_and_order_is_kept():
    """The documents queued beside the one that kills its workers still come through, in input order."""
    items = [Item("doc-crash")] + [Item(f"doc{n}") for n in range(5)]
    no_second_try = dask_config.set({"distributed.scheduler.allowed-failures": 0})  # Dask gives up at once
    with no_second_try, local_cluster() as lan, cluster(lan.scheduler_address) as client:
        outcomes = list(map_on_cluster(client, crash_on_the_marked_document, items))
    assert [o.item for o in outcomes] == items
    assert isinstance(outcomes[0].result, TaskFailure)
    assert "workers died while working on it" in outcomes[0].result.message
    assert [o.result for o in outcomes[1:]] == [f"doc{n}" for n in range(5)]


# --- usage errors ---------------------------------------------------------------------------------------


def a_closed_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_a_usage_error():
    address = f"tcp://{LOOPBACK}:{a_closed_port()}"
    with dask_config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, _, stderr = invoke("validate", "--scheduler", address, str(TEI_DIR))
    assert code == 2
    assert f"cannot reach the Dask scheduler at {address}" in stderr


def test_a_malformed_address_is_a_usage_error():
    code, _, stderr = invoke("render", "--scheduler", "nowhere", str(TEI_DIR))
    assert code == 2
    assert "not a scheduler address" in stderr


def test_shipping_without_a_scheduler_is_a_usage_error():
    code, _, stderr = invoke("render", "--ship-input", str(TEI_DIR))
    assert code == 2
    assert "--scheduler" in stderr


def test_without_dask_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    code, _, stderr = invoke("validate", "--scheduler", f"tcp://{LOOPBACK}:8786", str(TEI_DIR))
    assert code == 2
    assert "pip install 'teitools[dask]'" in stderr


def test_the_bundled_schema_goes_to_the_workers_by_name_other_schemas_by_path(tmp_path):
    bundled = str(schema_path(PROJECT_SCHEMA).resolve())
    assert schema_for_workers(bundled) == PROJECT_SCHEMA
    assert schema_for_workers(str(tmp_path / "teitools.xsd")) == str(tmp_path / "teitools.xsd")
    assert schema_for_workers("") == ""
