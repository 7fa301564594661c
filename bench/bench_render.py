"""Benchmark of `teitools render`: documents/s and MB/s against a saxonche identity transform (the floor).

    .venv/bin/python bench/bench_render.py [--copies 500] [--jobs 1]

Inputs: the edition in tei/ replicated N times (each copy in its own folder), and ../shared/corpus. Both
sides parse the same files and serialise a result per document; the stylesheets are compiled once, as in a
real run. The render side writes HTML and plain text per document (not the cross-document indexes).
"""

import argparse
import tempfile
import time
from pathlib import Path

import saxonche

from teitools.findings import Report
from teitools.render import prepare, render

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
    """Read and parse the files as render does, then one identity transform per document, written out."""
    processor = saxonche.PySaxonProcessor(license=False)
    identity = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        sources = prepare([folder], Report())
        for source in sources:
            result = identity.transform_to_string(xdm_node=processor.parse_xml(xml_text=source.xml))
            (Path(output) / f"{source.name}.xml").write_text(result, encoding="utf-8")
        elapsed = time.perf_counter() - start
    megabytes = sum(len(s.xml.encode()) for s in sources) / 1e6
    return elapsed, len(sources), megabytes


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        edition = replicate_edition(Path(folder), arguments.copies)
        report(f"edition x{arguments.copies}", edition, arguments.jobs)
    if CORPUS.is_dir():
        report("shared/corpus", CORPUS, arguments.jobs)


if __name__ == "__main__":
    main()
