"""Render TEI documents with the XSLT 3.0 stylesheets in xslt/ (saxonche): an HTML page, a plain text and
the index entries per document, and, reduced from those entries (teitools.indexes), the edition index and
the person, place, organisation, work and date indexes (HTML and JSON).

One Saxon processor per run, each stylesheet compiled once (once per worker process with --jobs). Documents
are loaded by teitools.load (no DTD, no entities) and handed to Saxon as text, so Saxon reads no file itself.
Every output is written atomically: a temporary file in the same folder, then a rename.
"""

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path, PurePosixPath

import saxonche
from lxml import etree

from teitools import indexes
from teitools.findings import ERROR, Finding, Report
from teitools.load import TEI_NS, Document, UsageError, load_all
from teitools.resources import XSLT_DIR
from teitools.rules import pointer_targets

FORMATS = ("html", "text", "index")
# Written files get the usual permissions (mkstemp alone would leave them readable by the owner only).
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
STYLESHEET = "style.css"
ENTRIES = "entries"  # the key of a document's index entries among its outputs (kept, not written)


@dataclass
class Source:
    """A document ready for the stylesheets: its output name and its text."""

    name: str
    label: str
    uri: str  # the file's URI: pointers to other files ("persons.xml#x") resolve against it
    xml: str
    links: frozenset[str]  # URIs of the files this document points into
    images: tuple[tuple[Path, str], ...] = ()  # local image files (graphic/@url), their place in the output


@dataclass
class RenderResult:
    report: Report = field(default_factory=Report)
    written: list[Path] = field(default_factory=list)


class Renderer:
    """The compiled stylesheets and the parsed documents of one run."""

    def __init__(self, sources: list[Source], link_indexes: bool) -> None:
        self.processor = saxonche.PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.html = compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / "html.xsl"))
        self.text = compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / "text.xsl"))
        self.entries = compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / "entries.xsl"))
        self.index = compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / "index.xsl"))
        self.sources = sources
        self.nodes = [self.parse(source) for source in sources]
        self.node_by_uri = {source.uri: node for source, node in zip(sources, self.nodes, strict=True)}
        links = self.processor.make_string_value(indexes.links() if link_indexes else "[]")
        edition_index = self.processor.make_string_value(f"{indexes.EDITION_INDEX}.html")
        for executable in (self.html, self.index):
            executable.set_parameter("indexes", links)
            executable.set_parameter("index-href", edition_index)

    def parse(self, source: Source) -> saxonche.PyXdmNode:
        builder = self.processor.new_document_builder()
        builder.set_base_uri(source.uri)
        return builder.parse_xml(xml_text=source.xml)

    def document(self, number: int, formats: Iterable[str]) -> dict[str, str]:
        """The HTML page and/or plain text of one document, by file suffix, and its index entries (the JSON
        of xslt/entries.xsl, under ENTRIES): the map step of the indexes, run where the pages are."""
        linked = [
            self.node_by_uri[uri] for uri in sorted(self.sources[number].links) if uri in self.node_by_uri
        ]
        documents = self.processor.make_array(linked)
        outputs = {}
        for executable in (self.html, self.text, self.entries):
            executable.set_parameter("documents", documents)
        if "html" in formats:
            outputs[".html"] = self.html.transform_to_string(xdm_node=self.nodes[number])
        if "text" in formats:
            outputs[".txt"] = self.text.transform_to_string(xdm_node=self.nodes[number])
        if "index" in formats:
            self.entries.set_parameter("name", self.processor.make_string_value(self.sources[number].name))
            outputs[ENTRIES] = self.entries.transform_to_string(xdm_node=self.nodes[number])
        return outputs

    def index_pages(self, entries_of_documents: list[dict]) -> dict[str, str]:
        """The reduce step: every index (HTML and JSON) and the edition index, from the entries only."""
        built = indexes.build(entries_of_documents)
        edition = indexes.edition(entries_of_documents, built)
        pages = {f"{indexes.EDITION_INDEX}.html": self.page("edition-index", edition)}
        for index in indexes.INDEXES:
            pages[f"{index.name}.html"] = self.page("index-page", built[index.kind])
            pages[f"{index.name}.json"] = indexes.as_json(built[index.kind])
        return pages

    def page(self, template: str, data: dict) -> str:
        self.index.set_parameter("data", self.processor.make_string_value(json.dumps(data)))
        return self.index.call_template_returning_string(template)


def write_atomically(path: Path, content: str) -> None:
    """Write the whole file or nothing: what was there before stays intact until the rename."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content if content.endswith("\n") else content + "\n")
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_names(documents: list[Document]) -> list[str]:
    """Output file stems: the file's stem, or folder-stem where two files share a stem."""
    stems = [d.path.stem for d in documents]
    return [
        f"{d.path.parent.name}-{d.path.stem}" if stems.count(d.path.stem) > 1 else d.path.stem
        for d in documents
    ]


def links_of(document: Document) -> frozenset[str]:
    """The files a document points into (its personography, say): only those are given to its transforms,
    so that rendering each page costs the same however many documents the run holds."""
    files = {target.file for target in pointer_targets(document).values()} - {document.key}
    return frozenset(Path(file).as_uri() for file in files)


def local_images(document: Document) -> tuple[tuple[Path, str], ...]:
    """The image files a document shows (graphic/@url) that are relative paths inside its folder and exist:
    the page links them as they are, so each is copied to the same relative place in the output. Remote URLs
    stay links (the stylesheet decides: t:is-local-image in figures.xsl)."""
    images = []
    for url in sorted(set(document.root.xpath("//tei:graphic/@url", namespaces={"tei": TEI_NS}))):
        url = url.strip()
        relative = PurePosixPath(url)
        if not url or "://" in url or ":" in url or relative.is_absolute() or ".." in relative.parts:
            continue
        file = document.resolved.parent / relative
        if file.is_file():
            images.append((file, str(relative)))
    return tuple(images)


def copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temporary)
    os.chmod(temporary, FILE_MODE)
    os.replace(temporary, target)


def prepare(paths: list[Path], report: Report) -> list[Source]:
    """Load every file safely; what cannot be rendered is reported, the rest becomes a Source."""
    documents = load_all(paths, report)
    return [
        Source(
            name, d.label, d.resolved.as_uri(), etree.tostring(d.root, encoding="unicode"), links_of(d),
            local_images(d),
        )
        for name, d in zip(output_names(documents), documents, strict=True)
    ]


# Worker processes for --jobs: each compiles the stylesheets once and renders the documents it is given.
_worker: Renderer | None = None


def _start_worker(sources: list[Source], link_indexes: bool) -> None:
    global _worker
    _worker = Renderer(sources, link_indexes)


def _render_in_worker(number: int, formats: tuple[str, ...]) -> dict[str, str]:
    assert _worker is not None
    return _worker.document(number, formats)


def render(
    paths: list[Path],
    output_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
) -> RenderResult:
    if not (XSLT_DIR / "html.xsl").is_file():
        raise UsageError(f"the stylesheets are not in {XSLT_DIR}: the teitools installation is incomplete")
    result = RenderResult()
    sources = prepare(paths, result.report)
    output_dir.mkdir(parents=True, exist_ok=True)
    link_indexes = "index" in formats
    renderer = Renderer(sources, link_indexes)
    entries_of_documents: list[dict] = []

    def save(name: str, content: str) -> None:
        path = output_dir / name
        write_atomically(path, content)
        result.written.append(path)

    def failed(source: Source, error: Exception) -> None:
        message = f"cannot be rendered: {' '.join(str(error).split())}"
        result.report.add(Finding(source.label, 1, 1, ERROR, "render", message))

    for done, (source, outputs) in enumerate(_render_all(renderer, sources, formats, jobs, link_indexes), 1):
        if isinstance(outputs, Exception):
            failed(source, outputs)
        else:
            if ENTRIES in outputs:
                entries_of_documents.append(json.loads(outputs.pop(ENTRIES)))
            for suffix, content in outputs.items():
                save(source.name + suffix, content)
            if "html" in formats:
                for image, relative in source.images:
                    copy_atomically(image, output_dir / relative)
                    result.written.append(output_dir / relative)
        if on_progress:
            on_progress(done, len(sources))
    if "index" in formats and sources:
        for name, content in renderer.index_pages(entries_of_documents).items():
            save(name, content)
    if "html" in formats or "index" in formats:
        save(STYLESHEET, (XSLT_DIR / STYLESHEET).read_text(encoding="utf-8"))
    return result


def _render_all(
    renderer: Renderer, sources: list[Source], formats: tuple[str, ...], jobs: int, link_indexes: bool
):
    """(source, outputs or the exception it raised) for each source, in order."""
    if jobs <= 1 or len(sources) < 2:
        for number, source in enumerate(sources):
            try:
                yield source, renderer.document(number, formats)
            except saxonche.PySaxonApiError as error:
                yield source, error
        return
    # Saxon's native runtime must not be forked: workers are spawned and initialise their own processor.
    with ProcessPoolExecutor(jobs, get_context("spawn"), _start_worker, (sources, link_indexes)) as pool:
        futures = [pool.submit(_render_in_worker, number, formats) for number in range(len(sources))]
        for source, future in zip(sources, futures, strict=True):
            try:
                yield source, future.result()
            except saxonche.PySaxonApiError as error:
                yield source, error
