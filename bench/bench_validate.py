"""Benchmark of `teitools validate`: files/s and MB/s against lxml parsing alone (the floor).

    .venv/bin/python bench/bench_validate.py [--copies 500]

Inputs: the edition in tei/ replicated N times (each copy in its own folder, so its pointers resolve),
and ../shared/corpus. The schema is compiled once, outside the timed part, as in a real run.
"""

import argparse
import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from teitools.load import find_xml_files, safe_parser
from teitools.run import validate_paths
from teitools.validate import PROJECT_SCHEMA, load_schema

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def replicate_edition(target: Path, copies: int) -> Path:
    for number in range(copies):
        shutil.copytree(ROOT / "tei", target / f"copy{number:04d}")
    return target


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def parse_all(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(etree.XMLSyntaxError):  # the corpus holds one malformed file on purpose
            etree.fromstring(path.read_bytes(), safe_parser())


def report(name: str, folder: Path) -> None:
    files = find_xml_files([folder])
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    schema = load_schema(PROJECT_SCHEMA)
    floor = timed(lambda: parse_all(files))
    full = timed(lambda: validate_paths([folder], schema, jobs=1))
    print(f"{name}: {len(files)} files, {megabytes:.1f} MB")
    print(f"  lxml parse only    {len(files) / floor:8.0f} files/s {megabytes / floor:7.1f} MB/s")
    print(f"  teitools validate  {len(files) / full:8.0f} files/s {megabytes / full:7.1f} MB/s")
    print(f"  ratio to parsing   {full / floor:8.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=500)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report(f"edition x{arguments.copies}", replicate_edition(Path(folder), arguments.copies))
    if CORPUS.is_dir():
        report("shared/corpus", CORPUS)


if __name__ == "__main__":
    main()
