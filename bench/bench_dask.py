"""Benchmark of validate and render on a Dask cluster: documents/s at 1, 2 and 4 workers.

    .venv/bin/python bench/bench_dask.py [--copies 4] [--repeat 2] [--workers 1,2,4]

Input: ../shared/corpus copied N times (each copy in its own folder). For each worker count, a LocalCluster of
single-threaded worker processes on 127.0.0.1 (nothing listens or connects beyond it) is started, warmed up
by one run (each worker compiles the schema and the stylesheets once), then timed; the best of --repeat runs
counts. The local runs (--jobs 1 and the default --jobs) are measured in the same session, for the ratio.
Figures on a shared machine are noisy: compare the ratios of one session, and repeat.
"""

import argparse
import os
import shutil
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from distributed import LocalCluster

from teitools.distributed import ClusterOptions
from teitools.load import find_xml_files
from teitools.run import default_jobs, render, validate_paths
from teitools.validate import PROJECT_SCHEMA, load_schema

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LOOPBACK = "127.0.0.1"


def replicate_corpus(target: Path, copies: int) -> Path:
    for number in range(copies):
        shutil.copytree(CORPUS, target / f"copy{number:02d}")
    return target


def runs(folder: Path, output: Path, cluster: ClusterOptions | None, jobs: int) -> dict[str, Callable]:
    schema = load_schema(PROJECT_SCHEMA)
    return {
        "validate": lambda: validate_paths([folder], schema, jobs=jobs, cluster=cluster),
        "render html,text": lambda: render([folder], output, ("html", "text"), jobs, cluster=cluster),
    }


def measure(
    folder: Path, output: Path, cluster: ClusterOptions | None, jobs: int, repeat: int
) -> list[float]:
    timings = []
    for action in runs(folder, output, cluster, jobs).values():
        action()  # warm-up: compiled schema and stylesheets, file cache
        timings.append(min(timeit.repeat(action, number=1, repeat=repeat)))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", default="1,2,4")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = replicate_corpus(Path(scratch) / "corpus", arguments.copies)
        output = Path(scratch) / "outputs"
        documents = len(find_xml_files([folder]))
        megabytes = sum(p.stat().st_size for p in find_xml_files([folder])) / 1e6
        print(f"{documents} documents, {megabytes:.1f} MB ({arguments.copies} copies of ../shared/corpus)")
        print(f"this machine: {os.cpu_count()} CPUs; best of {arguments.repeat} runs after a warm-up\n")
        rows = [("local, --jobs 1", measure(folder, output, None, 1, arguments.repeat))]
        jobs = default_jobs()
        rows.append((f"local, --jobs {jobs}", measure(folder, output, None, jobs, arguments.repeat)))
        for workers in (int(n) for n in arguments.workers.split(",")):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                host=LOOPBACK,
                dashboard_address=f"{LOOPBACK}:0",
                silence_logs=40,
            ) as lan:
                timings = measure(folder, output, ClusterOptions(lan.scheduler_address), 1, arguments.repeat)
                rows.append((f"Dask, {workers} workers", timings))
        print(f"| run | {' | '.join(f'{name} (documents/s)' for name in runs(folder, output, None, 1))} |")
        print("|---|" + "---:|" * len(rows[0][1]))
        for name, timings in rows:
            print(f"| {name} | {' | '.join(f'{documents / seconds:.1f}' for seconds in timings)} |")


if __name__ == "__main__":
    main()
