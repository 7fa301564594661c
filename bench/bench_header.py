"""Benchmark of the header model in the run's map: what reading each teiHeader into a Record (and its JSON,
the stylesheets' `header` parameter) costs, against rendering the same documents.

    .venv/bin/python bench/bench_header.py [--repeat 5]

Input: ../shared/corpus, loaded once. The header side is metadata.header_model on the documents already
parsed, with their pointers resolved and the documents they point into kept (as the map has them); the
render side is the renderer's transforms (HTML, text, index entries) of the same documents. Best of N.
"""

import argparse
import time
from pathlib import Path

from teitools import render
from teitools.facts import pointer_targets
from teitools.load import Document, find_xml_files, load
from teitools.metadata import header_model

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = ("html", "text", "entries")


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    documents = [d for d in map(load, find_xml_files([CORPUS])) if isinstance(d, Document)]
    renderer = render.renderer(False)
    prepared = []
    for document in documents:
        targets = pointer_targets(document)
        linked = renderer.linked_documents(document, targets)
        prepared.append((document, targets, linked, {file: each.ids for file, each in linked.items()}))
    headers = {}

    def read_headers() -> None:
        for document, targets, _, ids in prepared:
            headers[document.key] = header_model(document, targets, ids).as_json()

    def render_pages() -> None:
        for document, targets, linked, _ in prepared:
            renderer.outputs(document, targets, linked, headers[document.key], FORMATS)

    header_time = best_of(arguments.repeat, read_headers)
    render_time = best_of(arguments.repeat, render_pages)
    print(f"{len(prepared)} documents of {CORPUS}, best of {arguments.repeat}")
    print(f"header model + JSON: {header_time * 1000:8.1f} ms")
    print(f"render (3 formats):  {render_time * 1000:8.1f} ms")
    print(f"header / render:     {header_time / render_time:8.1%}")


if __name__ == "__main__":
    main()
