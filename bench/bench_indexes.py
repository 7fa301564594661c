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

from teitools.facts import pointer_targets
from teitools.load import Document, find_xml_files, load
from teitools.metadata import header_model
from teitools.render import ENTRIES, Renderer, index_pages
from teitools.run import render

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
        files = find_xml_files([corpus])
        documents = [document for file in files if isinstance(document := load(file), Document)]
        megabytes = sum(len(document.raw) for document in documents) / 1e6
        print(f"shared/corpus x{arguments.copies}: {len(documents)} documents, {megabytes:.1f} MB")

        pages = best(arguments.repeat, lambda: timed_render(corpus, ("html", "text")))
        whole = best(arguments.repeat, lambda: timed_render(corpus, ("html", "text", "index")))
        print(f"  render html,text        {pages:6.2f} s")
        print(f"  render html,text,index  {whole:6.2f} s  ({whole / pages:4.2f}x)")

        renderer = Renderer(link_indexes=True)
        prepared = []  # what the map step takes as given: pointers, linked documents, header, Saxon's tree
        for document in documents:
            targets = pointer_targets(document)
            linked = renderer.linked_documents(document, targets)
            header = header_model(document, targets, {f: each.ids for f, each in linked.items()}).as_json()
            prepared.append((document, targets, linked, header, renderer.parse(document)))
        entries: list[str] = []

        def map_step() -> None:
            entries.clear()
            for document, targets, linked, header, node in prepared:
                entries.append(renderer.outputs(document, targets, linked, header, (ENTRIES,), node)[ENTRIES])

        mapped = best(arguments.repeat, map_step)
        names = [document.path.stem + str(number) for number, document in enumerate(documents)]
        reduced = best(arguments.repeat, lambda: index_pages(entries, names))
        entries_read = [json.loads(text) for text in entries]
        kept = sum(len(json.dumps(e, ensure_ascii=False).encode()) for e in entries_read) / 1e6
        mentions = sum(len(e["mentions"]) for e in entries_read)
        print(f"  map (entries.xsl)       {mapped:6.2f} s  {len(documents) / mapped:7.1f} docs/s")
        print(f"  reduce (all indexes)    {reduced:6.2f} s  {mentions} mentions")
        print(f"  entries kept            {kept:6.2f} MB  ({kept / megabytes:.1%} of the documents)")


if __name__ == "__main__":
    main()
