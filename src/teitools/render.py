"""Render TEI documents with the XSLT 3.0 stylesheets in xslt/ (saxonche): per document an HTML page, a
plain text and its index entries; across documents, reduced from the entries only (teitools.indexes), the
edition index and the person, place, organisation, work and date indexes (HTML and JSON).

One Saxon processor per process, and the stylesheet of each output the run asks for compiled once per
process (`renderer`). A document reaches Saxon as the bytes the safe loader cleared (teitools.load), so
Saxon reads no file itself. The documents a document points into (its personography) are loaded once per
process and kept. Every output is written atomically: a temporary file in the same folder, then a rename.
The stylesheets never read the teiHeader for the page's header block: they get the document's header model
(teitools.metadata.Record) as JSON.
"""

from __future__ import annotations

import filecmp
import functools
import json
import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from teitools import indexes, memory, saxon
from teitools.facts import Target, index_ids
from teitools.load import SHIPPED_FILES, TEI_NS, Document, NotShipped, UsageError, load
from teitools.metadata import FIELDS, citation_table
from teitools.resources import XSLT_DIR
from teitools.xinclude import begins_document, is_document

if TYPE_CHECKING:
    import saxonche

FORMATS = ("html", "text", "index")
# What each page format is written as, per document; "entries" is kept for the indexes, never written.
SUFFIXES = {"html": ".html", "text": ".txt"}
ENTRIES = "entries"
# Written files get the usual permissions (mkstemp alone would leave them readable by the owner only).
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
STYLESHEET = "style.css"
# Documents pointed into (personographies) kept per process; a run rarely has more than a few.
LINKED_DOCUMENTS_KEPT = 16


def check_stylesheets() -> None:
    if not (XSLT_DIR / "html.xsl").is_file():
        raise UsageError(f"the stylesheets are not in {XSLT_DIR}: the teitools installation is incomplete")


class Linked(NamedTuple):
    """A document pointed into, as the process keeps it: Saxon's tree for the stylesheets, and its entries by
    xml:id for the header model (teitools.metadata.header_model)."""

    node: saxonche.PyXdmNode
    ids: dict[str, etree._Element]


class Renderer:
    """The Saxon processor and compiled stylesheets of one process, and the documents pointed into."""

    def __init__(self, link_indexes: bool) -> None:
        self.processor = saxon.new_processor()
        self.link_indexes = link_indexes
        self.compiler = stylesheet_compiler(self.processor)
        # Compiled on first use (executable): a run asks for some outputs only, and a stylesheet is a
        # tenth of a second to compile, in each worker, before its first document.
        self.executables: dict[str, saxonche.PyXsltExecutable] = {}
        self.linked: dict[tuple[str, int | None, bool], Linked | None] = {}

    def executable(self, name: str) -> saxonche.PyXsltExecutable:
        """The compiled stylesheet of an output (html, text, entries), compiled once per process."""
        if name not in self.executables:
            executable = self.compiler.compile_stylesheet(stylesheet_file=str(XSLT_DIR / f"{name}.xsl"))
            if name == "html" and self.link_indexes:  # else the pages link to no index: none is written
                links = self.processor.make_string_value(indexes.links())
                executable.set_parameter("indexes", links)
                edition_index = self.processor.make_string_value(f"{indexes.EDITION_INDEX}.html")
                executable.set_parameter("index-href", edition_index)
            self.executables[name] = executable
        return self.executables[name]

    def parse(self, document: Document) -> saxonche.PyXdmNode:
        builder = self.processor.new_document_builder()
        builder.set_base_uri(document.resolved.as_uri())
        return builder.parse_xml(xml_text=document.xml_text(), encoding="UTF-8")

    def linked_document(self, path: str, from_client: bool = False, own: bool = False) -> Linked | None:
        """A document pointed into, loaded safely and parsed once per process for as long as it is unchanged
        (a Dask worker outlives runs); None if it is not usable. from_client: its bytes come from the run's
        client (teitools.load.SHIPPED_FILES), not from this machine's files. own: its own content only, its
        XIncludes unresolved (linked_around)."""
        if from_client:
            if path not in SHIPPED_FILES:
                raise NotShipped(path)
            raw = SHIPPED_FILES[path]
            version = hash(raw)
        else:
            raw, version = None, modified(path)
        if (path, version, own) not in self.linked:
            if len(self.linked) >= LINKED_DOCUMENTS_KEPT:
                del self.linked[next(iter(self.linked))]
            usable = version is not None and (raw is not None or not from_client)
            loaded = load(Path(path), raw=raw, part=True, includes=not own) if usable else None
            self.linked[path, version, own] = (
                Linked(self.parse(loaded), index_ids(loaded.tree)) if isinstance(loaded, Document) else None
            )
        return self.linked[path, version, own]

    def linked_around(self, path: str, from_client: bool = False) -> Linked | None:
        """A file around a document (xinclude.Inclusions.parts_around): a part with what it brings in; a
        document that brings the document in (its corpus root) with its own content only, the persons its
        header lists: what it brings in is the corpus (the document among it), and its parts are around the
        document already."""
        try:
            head = (SHIPPED_FILES.get(path) or b"") if from_client else None
            document = begins_document(head) if head is not None else is_document(Path(path))
        except OSError:
            document = False
        return self.linked_document(path, from_client, own=document)

    def part_ids(
        self, parts: tuple[str, ...], from_client: bool = False
    ) -> dict[str, dict[str, etree._Element]]:
        """The ids of the parts around a document (xinclude.Inclusions.parts_around), by file, in order."""
        return {file: linked.ids for file in parts if (linked := self.linked_around(file, from_client))}

    def linked_documents(
        self,
        document: Document,
        targets: dict[str, Target],
        from_client: bool = False,
        around: tuple[str, ...] = (),
    ) -> dict[str, Linked]:
        """The usable documents a document points into inside its input tree, by file, in a stable order
        (their URIs). around: the files around it (parts_around), read as linked_around reads them."""
        return {
            file: linked
            for file in pointed_files(document, targets)
            if (
                linked := self.linked_around(file, from_client)
                if file in around
                else self.linked_document(file, from_client)
            )
            is not None
        }

    def outputs(
        self,
        document: Document,
        targets: dict[str, Target],
        linked: dict[str, Linked],
        header: str,
        formats: tuple[str, ...],
        node: saxonche.PyXdmNode | None = None,
        images: tuple[LocalImage, ...] | None = None,
        pages: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        """The outputs of one document by format (html, text, entries), each from one transform. The
        stylesheets get the documents it points into (linked_documents), for each of its pointers where it
        leads, its header model as JSON (teitools.metadata.Record.as_json), its local images, each with
        whether its file was found (local_images, found here unless given), and the pages of other documents
        it links to (page_links; none unless given). node: Saxon's tree of the document if the caller has
        parsed it already (bench/bench_render.py times the transforms alone)."""
        number_of = {document.key: 0} | {file: number for number, file in enumerate(linked, 1)}
        parameters = {
            "header": self.processor.make_string_value(header),
            "repeated-ids": self.processor.make_string_value(" ".join(sorted(document.repeated_ids))),
            "documents": self.processor.make_array([each.node for each in linked.values()]),
            "images": self.processor.make_map2(
                {
                    image.url: self.processor.make_boolean_value(image.found)
                    for image in (local_images(document) if images is None else images)
                },
                encoding="UTF-8",
            ),
            "pages": self.processor.make_map2(
                {target: self.processor.make_string_value(href) for target, href in (pages or {}).items()},
                encoding="UTF-8",
            ),
            "targets": self.processor.make_map2(
                {
                    value: self.processor.make_string_value(f"{number_of[target.file]}#{target.fragment}")
                    for value, target in targets.items()
                    if target.fragment and target.file in number_of
                },
                encoding="UTF-8",
            ),
        }
        node = node if node is not None else self.parse(document)
        outputs = {}
        for name in formats:
            executable = self.executable(name)
            for parameter, value in parameters.items():
                executable.set_parameter(parameter, value)
            output = executable.transform_to_string(xdm_node=node)
            outputs[name] = html_page(output) if name == "html" else output
        return outputs


# Saxon's HTML output writes a carriage return of the text (Beta maṣāḥǝft's "are loose (…).&#xD; Cuts") as a
# character reference, a control character HTML does not allow: it is white space, and the page says so. Here,
# not in a character map of the stylesheets, which made every page's output 3 to 7 % slower.
CARRIAGE_RETURN = "&#xD;"


def html_page(serialized: str) -> str:
    """A page as Saxon's HTML output serialised it, its carriage returns read as spaces."""
    return serialized.replace(CARRIAGE_RETURN, " ") if CARRIAGE_RETURN in serialized else serialized


def stylesheet_compiler(processor: saxonche.PySaxonProcessor) -> saxonche.PyXslt30Processor:
    """A compiler for the stylesheets that import common.xsl, with its static parameters: the elements that
    their rules match by name (a pattern built when they are compiled), and the table of citations."""
    compiler = processor.new_xslt30_processor()
    compiler.set_parameter("fields", processor.make_string_value(" ".join(FIELDS)))
    compiler.set_parameter("citation", processor.make_string_value(citation_table()))
    return compiler


def pointed_files(document: Document, targets: dict[str, Target]) -> list[str]:
    """The other files a document points into inside its input tree (whether they are there or not), in a
    stable order (their URIs): what its pages read of other files. Nothing outside the input is read."""
    files = sorted({t.file for t in targets.values()} - {document.key}, key=lambda f: Path(f).as_uri())
    return [file for file in files if document.inside_tree(file)]


def modified(path: str) -> int | None:
    """When a file last changed (nanoseconds), or None when it is not a file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns if stat.S_ISREG(status.st_mode) else None


def renderer(link_indexes: bool, formats: Iterable[str] = (*SUFFIXES, ENTRIES)) -> Renderer:
    """The process's renderer, made on first use (Saxon objects cannot be sent to another process), with
    the stylesheets of these outputs compiled: the worker's memory budget is counted from then on."""
    made = process_renderer(link_indexes)
    for name in formats:
        made.executable(name)
    memory.note_ready()
    return made


@functools.cache
def process_renderer(link_indexes: bool) -> Renderer:
    """The one renderer of this process for each kind of run (with or without the indexes linked)."""
    return Renderer(link_indexes)


def index_pages(entries: list[str], names: list[str]) -> dict[str, str]:
    """The reduce step: every index (HTML and JSON) and the edition index, built from the documents' entries
    (JSON texts, in run order, with their output names) only, never from the documents."""
    entries_of_documents = [json.loads(text) for text in entries]
    for entry, name in zip(entries_of_documents, names, strict=True):
        entry["document"]["name"] = name
    built = indexes.build(entries_of_documents)
    edition = indexes.edition(entries_of_documents, built)
    # A processor of its own: the reduce runs where no document was rendered, and the renderer's three
    # stylesheets (0.13 s to compile) are not needed for it.
    processor = saxon.new_processor()
    index = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(XSLT_DIR / "index.xsl"))
    index.set_parameter("indexes", processor.make_string_value(indexes.links()))
    index.set_parameter("index-href", processor.make_string_value(f"{indexes.EDITION_INDEX}.html"))

    def page(template: str, data: dict) -> str:
        index.set_parameter("data", processor.make_string_value(json.dumps(data)))
        return html_page(index.call_template_returning_string(template))

    pages = {f"{indexes.EDITION_INDEX}.html": page("edition-index", edition)}
    for each in indexes.INDEXES:
        pages[f"{each.name}.html"] = page("index-page", built[each.kind])
        pages[f"{each.name}.json"] = indexes.as_json(built[each.kind])
    return pages


# A pointer to another document of the edition by its name alone ("L00529", "L00529.xml"), as a letter's
# correspContext names the letters before and after it.
DOCUMENT_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def page_links(targets: Iterable[str], pages: frozenset[str]) -> dict[str, str]:
    """Where pointers to other documents' pages lead: a web address as it is, a document's name to its page
    where the run writes that page (pages: the run's output names). A pointer to a page that is not written
    (a letter outside the sample rendered) leads nowhere: the page shows its label without a link."""
    links = {}
    for target in targets:
        name = target.removesuffix(".xml")
        if target.startswith(("http://", "https://")):
            links[target] = target
        elif DOCUMENT_NAME.fullmatch(target) and name in pages:
            links[target] = f"{name}{SUFFIXES['html']}"
    return links


class LocalImage(NamedTuple):
    file: str  # the image file beside the document
    relative: str  # where the page finds it, and so where it is copied in the output
    url: str  # as graphic/@url writes it (normalize-space), which is what the stylesheets compare
    found: bool  # whether the file exists


def local_images(document: Document) -> tuple[LocalImage, ...]:
    """The images a document shows (graphic/@url) that are relative paths inside its folder: the one place
    that tells a local image from a remote one. The page links a local one as it is written, so its file is
    copied to the same relative place in the output; one whose file is missing is said to be missing (not
    drawn as a broken image). The stylesheets get each URL and whether it was found; any other is a link."""
    images = []
    # lxml's iteration by tag, in C: an XPath "//" query is several times slower on a large document.
    urls = {graphic.get("url") for graphic in document.root.iter(f"{{{TEI_NS}}}graphic")} - {None}
    for url in sorted(" ".join(url.split()) for url in urls):
        relative = PurePosixPath(url)
        if not url or "://" in url or ":" in url or relative.is_absolute() or ".." in relative.parts:
            continue
        file = document.resolved.parent / relative
        images.append(LocalImage(str(file), str(relative), url, file.is_file()))
    return tuple(images)


def copy_atomically(source: Path, target: Path) -> None:
    """Copy a file whole or not at all; a copy already there, the same byte for byte, is left as it is (an
    image two pages show is not written again for each, and the pages kept by teitools.result_cache find it
    as they left it)."""
    if target.is_file() and filecmp.cmp(source, target, shallow=False):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, temporary)
    os.chmod(temporary, FILE_MODE)
    os.replace(temporary, target)


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


def remove_temporary_files(folder: Path, stems: list[str]) -> None:
    """What writes left half done when their process was killed (a Dask worker): the temporary files of
    write_atomically for the given output stems. One listing of the folder, for any number of outputs."""
    if not folder.is_dir():
        return
    wanted = set(stems)
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
            output = entry.name[1:].rsplit(".", 2)[0]  # .NAME.SUFFIX.RANDOM.tmp -> NAME
            if output.rsplit(".", 1)[0] in wanted or output in wanted:
                Path(entry.path).unlink(missing_ok=True)


def output_names(paths: list[Path]) -> list[str]:
    """Output file stems, one per file and none an index's: the file's stem, or, where that is another
    file's too or an index's, the stem after as many of its folders as tell it apart (folder-stem,
    folder-folder-stem). A page must never be written over by another's."""
    folders = {path: path.resolve().parent.parts[1:] for path in paths}
    depth = dict.fromkeys(paths, 0)
    taken = indexes.page_stems()
    while True:
        names = ["-".join((*folders[path][len(folders[path]) - depth[path] :], path.stem)) for path in paths]
        counts = Counter(names)
        clashing = [
            path for path, name in zip(paths, names, strict=True) if counts[name] > 1 or name in taken
        ]
        deeper = [path for path in clashing if depth[path] < len(folders[path])]
        if not deeper:
            return numbered(names, taken)
        for path in deeper:
            depth[path] += 1


def numbered(names: list[str], taken: frozenset[str]) -> list[str]:
    """Names still the same as another's (the same file named twice over) or an index's, numbered apart."""
    seen = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        clash = seen[name] > 1 or name in taken
        unique.append(f"{name}-{seen[name]}" if clash else name)
    return unique


def stylesheet() -> str:
    return (XSLT_DIR / STYLESHEET).read_text(encoding="utf-8")
