"""Benchmark of `teitools render`: documents/s and MB/s against a saxonche identity transform (the floor).

    .venv/bin/python bench/bench_render.py [--copies 500] [--jobs 1]

Inputs: the edition in tei/ replicated N times (each copy in its own folder), and ../shared/corpus. Both
sides parse the same files and serialise a result per document; the stylesheets are compiled once, as in a
real run. The render side writes HTML and plain text per document (not the cross-document indexes);
bench_scale.py measures whole runs at corpus scale.
"""

import argparse
import tempfile
import time
from pathlib import Path

import saxonche

from teitools.load import find_xml_files
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
