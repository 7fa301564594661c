"""Benchmark: why a rendering worker grows. One process does what a worker does (teitools.run.map_document on
each document, one after another) on ../shared/corpus copied N times, and reports its resident memory and its
peak every 100 documents, each suspect switched on or off in turn:

- parse: the documents loaded (lxml) and their pointers read, no rendering: what lxml and Python keep;
- render: rendered as a worker does (HTML, text, index entries), Saxon's heap left to its collector, with the
  young generation teitools bounds (teitools.saxon.YOUNG_GENERATION);
- unbounded: the same in the isolate SaxonC makes itself (young generation up to 256 MiB);
- collect: rendered, and Saxon's heap collected in full after every document (teitools.saxon).

    .venv/bin/python bench/bench_memory.py [--copies 20] [--modes parse render collect]

Each mode runs in a fresh process (Saxon's heap is one per process). Linux only (/proc/self/clear_refs).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import copies_of_corpus

from teitools import render as stages
from teitools import run, saxon
from teitools.load import find_xml_files

RENDERED = ("html", "text", "entries")
FORMATS = {"parse": (), "render": RENDERED, "unbounded": RENDERED, "collect": RENDERED}


def status_mib(field: str) -> float:
    """A figure of /proc/self/status (VmRSS: now, VmHWM: peak since last reset), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def one_mode(mode: str, folder: Path) -> None:
    files = find_xml_files([folder])
    options = run.RunOptions(formats=FORMATS[mode], link_indexes=True, roots=(str(folder.resolve()),))
    if mode == "unbounded":
        saxon.ISOLATE_LAYOUT_CHECKED = frozenset()  # SaxonC makes the isolate, as for an unchecked release
    stages.renderer(True)  # ready to render, as a worker is before its first document
    print(f"  {mode:8} ready: {status_mib('VmRSS'):5.0f} MiB", flush=True)
    start, cpu, size, peak = time.perf_counter(), time.process_time(), 0, 0.0
    reset_peak()
    for number, path in enumerate(files, 1):
        run.map_document(path, options)
        size += path.stat().st_size
        if mode == "collect":
            saxon.collect_garbage()
        if number % 100 == 0 or number == len(files):
            interval_peak = status_mib("VmHWM")
            peak = max(peak, interval_peak)
            print(
                f"  {mode:8} {number:5d} documents {size / 1e6:6.1f} MB: now {status_mib('VmRSS'):5.0f} MiB,"
                f" peak since the last line {interval_peak:5.0f} MiB",
                flush=True,
            )
            reset_peak()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {mode:8} peak {peak:5.0f} MiB   {elapsed:5.1f} s   cpu {used:5.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--modes", nargs="*", default=list(FORMATS), choices=list(FORMATS))
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)  # one mode, in this process
    arguments = parser.parse_args()
    if arguments.folder:
        one_mode(arguments.modes[0], arguments.folder)
        return
    with tempfile.TemporaryDirectory() as work:
        folder = copies_of_corpus(Path(work) / f"corpus-x{arguments.copies}", arguments.copies)
        print(f"one worker's memory, corpus x{arguments.copies}", flush=True)
        for mode in arguments.modes:
            command = [sys.executable, __file__, "--modes", mode, "--folder", str(folder)]
            subprocess.run(command, check=True, env=os.environ | {"PYTHONPATH": str(Path(__file__).parent)})


if __name__ == "__main__":
    main()
