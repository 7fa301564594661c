"""Benchmark of `teitools render`: documents/s and MB/s against a saxonche identity transform (the floor).

    .venv/bin/python bench/bench_render.py [--copies 500] [--jobs 1]
    .venv/bin/python bench/bench_render.py --per-stylesheet [--corpus-copies 1 4] [--compare OTHER/xslt]

Inputs: the edition in tei/ replicated N times (each copy in its own folder), and ../shared/corpus. Both
sides parse the same files and serialise a result per document; the stylesheets are compiled once, as in a
real run. The render side writes HTML and plain text per document (not the cross-document indexes);
bench_scale.py measures whole runs at corpus scale.

--per-stylesheet: the CPU time (user, best of 3) of each stylesheet (html, text, entries) alone on
../shared/corpus copied N times, each document parsed once beforehand, against the identity transform of the
same parsed documents. --compare gives another xslt folder (a checkout of main, say) measured in the same run.
"""

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import saxonche

from teitools import render as stages
from teitools.facts import pointer_targets
from teitools.load import Document, find_xml_files, load
from teitools.metadata import header_model
from teitools.run import render

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


def replicate_edition(target: Path, copies: int) -> Path:
    for number in range(copies):
        folder = target / f"copy{number:04d}"
        folder.mkdir()
        for path in (ROOT / "tei").glob("*.xml"):
            (folder / path.name).write_bytes(path.read_bytes())
    return target


def identity_floor(folder: Path) -> tuple[float, int, float]:
    """Saxon parses each file and transforms it with the identity stylesheet; the result is written out."""
    processor = saxonche.PySaxonProcessor(license=False)
    identity = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    files = find_xml_files([folder])
    rendered = 0
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        for number, path in enumerate(files):
            try:
                result = identity.transform_to_string(xdm_node=processor.parse_xml(xml_file_name=str(path)))
            except saxonche.PySaxonApiError:  # the corpus holds one malformed file on purpose
                continue
            (Path(output) / f"{number}.xml").write_text(result, encoding="utf-8")
            rendered += 1
        elapsed = time.perf_counter() - start
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    return elapsed, rendered, megabytes


def timed_render(folder: Path, formats: tuple[str, ...], jobs: int) -> float:
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        render([folder], Path(output), formats, jobs)
        return time.perf_counter() - start


def report(name: str, folder: Path, jobs: int) -> None:
    floor, documents, megabytes = identity_floor(folder)
    print(f"{name}: {documents} documents, {megabytes:.1f} MB")
    print(f"  saxonche identity   {documents / floor:7.1f} docs/s {megabytes / floor:6.2f} MB/s")
    for formats in (("html",), ("text",), ("html", "text")):
        elapsed = timed_render(folder, formats, jobs)
        label = "render " + "+".join(formats)
        print(
            f"  {label:18}  {documents / elapsed:7.1f} docs/s {megabytes / elapsed:6.2f} MB/s"
            f"  {elapsed / floor:5.2f}x identity, {elapsed / floor / len(formats):5.2f}x per output"
        )


def user_seconds() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = user_seconds()
        work()
        times.append(user_seconds() - start)
    return min(times)


def stylesheet_times(folder: Path, xslt_dir: Path, runs: int = 3) -> dict[str, float]:
    """CPU seconds of each stylesheet over the folder's documents (each parsed once, not timed)."""
    stages.XSLT_DIR = xslt_dir  # the renderer compiles from this module's XSLT_DIR
    renderer = stages.Renderer(link_indexes=False)
    identity = renderer.processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    prepared = []
    for path in find_xml_files([folder]):
        document = load(path)
        if not isinstance(document, Document):
            continue
        targets = pointer_targets(document)
        linked = renderer.linked_documents(document, targets)
        header = header_model(document, targets, {file: each.ids for file, each in linked.items()}).as_json()
        prepared.append((document, targets, linked, header, renderer.parse(document)))

    def transform(name: str) -> None:
        for document, targets, linked, header, node in prepared:
            renderer.outputs(document, targets, linked, header, (name,), node)

    def floor() -> None:
        for *_, node in prepared:
            identity.transform_to_string(xdm_node=node)

    times = {"identity": best_of(runs, floor)}
    for name in ("html", "text", stages.ENTRIES):
        times[name] = best_of(runs, lambda name=name: transform(name))
    return times


def report_stylesheets(copies: list[int], xslt_dirs: list[Path]) -> None:
    for count in copies:
        with tempfile.TemporaryDirectory() as folder:
            for number in range(count):
                shutil.copytree(CORPUS, Path(folder) / f"copy{number}")
            for xslt_dir in xslt_dirs:
                times = stylesheet_times(Path(folder), xslt_dir)
                floor = times["identity"]
                figures = "  ".join(
                    f"{name} {seconds:6.2f} s ({seconds / floor:4.1f}x)" for name, seconds in times.items()
                )
                print(f"corpus x{count} {xslt_dir}: {figures}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--per-stylesheet", action="store_true")
    parser.add_argument("--corpus-copies", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--compare", type=Path, action="append", default=[])
    arguments = parser.parse_args()
    if arguments.per_stylesheet:
        report_stylesheets(arguments.corpus_copies, [*arguments.compare, stages.XSLT_DIR])
        return
    with tempfile.TemporaryDirectory() as folder:
        edition = replicate_edition(Path(folder), arguments.copies)
        report(f"edition x{arguments.copies}", edition, arguments.jobs)
    if CORPUS.is_dir():
        report("shared/corpus", CORPUS, arguments.jobs)


if __name__ == "__main__":
    main()
