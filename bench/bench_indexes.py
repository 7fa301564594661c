"""Benchmark of the indexes: what the map step (xslt/entries.xsl per document) and the reduce step
(teitools.indexes and index.xsl) cost, and how compact the per-document entries are.

    .venv/bin/python bench/bench_indexes.py [--copies 4] [--repeat 3]

Input: ../shared/corpus copied N times (each copy in its own folder). Reported, for one process:
- render --to html,text against render --to html,text,index (the whole cost of the indexes in a run);
- the map step alone (entries of every document) and the reduce step alone (all index pages and JSON);
- the size of the entries kept across documents against the size of the documents.
Each figure is the best of --repeat runs, so that the machine's noise weighs less.
"""

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from teitools.findings import Report
from teitools.render import ENTRIES, Renderer, prepare, render

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def replicate(target: Path, copies: int) -> Path:
    for number in range(copies):
        shutil.copytree(CORPUS, target / f"copy{number:03d}")
    return target


def best(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def timed_render(folder: Path, formats: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as output:
        render([folder], Path(output), formats, jobs=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = replicate(Path(folder), arguments.copies)
        sources = prepare([corpus], Report())
        megabytes = sum(len(s.xml.encode()) for s in sources) / 1e6
        print(f"shared/corpus x{arguments.copies}: {len(sources)} documents, {megabytes:.1f} MB")

        pages = best(arguments.repeat, lambda: timed_render(corpus, ("html", "text")))
        whole = best(arguments.repeat, lambda: timed_render(corpus, ("html", "text", "index")))
        print(f"  render html,text        {pages:6.2f} s")
        print(f"  render html,text,index  {whole:6.2f} s  ({whole / pages:4.2f}x)")

        renderer = Renderer(sources, link_indexes=True)
        entries: list[dict] = []

        def map_step() -> None:
            entries.clear()
            for number in range(len(sources)):
                entries.append(json.loads(renderer.document(number, ("index",))[ENTRIES]))

        mapped = best(arguments.repeat, map_step)
        reduced = best(arguments.repeat, lambda: renderer.index_pages(entries))
        kept = sum(len(json.dumps(e, ensure_ascii=False).encode()) for e in entries) / 1e6
        mentions = sum(len(e["mentions"]) for e in entries)
        print(f"  map (entries.xsl)       {mapped:6.2f} s  {len(sources) / mapped:7.1f} docs/s")
        print(f"  reduce (all indexes)    {reduced:6.2f} s  {mentions} mentions")
        print(f"  entries kept            {kept:6.2f} MB  ({kept / megabytes:.1%} of the documents)")


if __name__ == "__main__":
    main()
