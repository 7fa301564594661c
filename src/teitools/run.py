"""A run: a map over documents, then a small reduce.

Map (`map_document`, a plain call on a path and the run's options, in this process or in any worker): the
document is parsed once, safely; that one parse gives its schema findings, the findings of the rules on one
document, its compact facts, its header model (teitools.metadata, given to the stylesheets as JSON) and its
rendered outputs (HTML, text, index entries); then the document is dropped. The schema and the stylesheets
are compiled once per process and kept (validate.load_schema, render.renderer), as are the documents pointed
into.

Reduce (here, in run order): the cross-file rules read the facts of all documents, and the index pages are
built from the entries. What the map held (facts.UnlessIncluded: a sitting's pointer to a person its corpus
root brings in) is judged once it is known which file brings in which (inclusions_of). Memory is the largest
document (per worker) plus the facts, not the corpus.
"""

import gc
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field, replace
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from teitools import distributed, memory, result_cache, rules, saxon, workers, xinclude
from teitools import render as stages
from teitools.distributed import ClusterOptions
from teitools.facts import (
    GATHERED,
    WALKED_ATTRIBUTES,
    DocumentFacts,
    UnlessIncluded,
    gather,
    pointer_targets,
    read_tree,
    through_parts,
)
from teitools.findings import ERROR, Finding, Report
from teitools.load import TEI_PART, Document, find_xml_files, label_for, load, safe_parser
from teitools.metadata import Record, header_model
from teitools.resources import SCHEMA_DIR
from teitools.result_cache import ResultCache
from teitools.schemas import (
    AUTO,
    PROJECT_SCHEMA,
    TEI_ALL,
    NamesRecord,
    Schema,
    load_schema,
    schema_path,
    tei_all_version,
)
from teitools.xinclude import Includes, Inclusions

# Below this much input, starting worker processes (0.7 s each: imports, schema, stylesheets) costs more than
# it saves; rendering goes about four times slower than checking, so it gains from workers sooner.
POOL_MIN_BYTES = {"render": 4_000_000, "check": 16_000_000}
# A rendering worker is replaced once its memory has grown by more than this since it was ready to render
# (about 150 MiB), after a collection of Saxon's heap (teitools.memory): Saxon's heap grows to 300-490 MiB
# in a worker left alone (teitools.saxon). Less is less memory and more restarts. Corpus x20, 2 jobs, peak of
# the process tree (bench/bench_scale.py, on a machine shared with other work): 96 MiB 659-705 MiB (12-20
# workers started), 48 MiB 594-659 MiB (50-60), 32 MiB 612-624 MiB (100, 5-10 % more CPU than 48), 16 MiB
# 571 MiB (175, 20-35 % more CPU). Replacing by 4 MB of input gave 634-694 MiB (32 workers).
WORKER_GROWTH_BYTES = 48 * 2**20
# Workers get consecutive documents in batches of about this much input: a round trip between processes per
# document would leave workers waiting on a busy machine (teitools.workers hands out a few at a time).
BATCH_BYTES = 500_000
# Reading the names the schema prepares for is cheap per file: a few tasks per job, not one per batch.
READING_TASKS_PER_JOB = 4
# Peak memory of one job per byte of its document (lxml's tree, Saxon's tree, the outputs), measured with
# bench/bench_scale.py --large: a 201 MB file took 1.6 GB to check and 4.0 GB to render. A document whose
# estimate exceeds the job's share of memory is refused with a finding.
MEMORY_PER_BYTE = 24
MEMORY_ENVIRONMENT = "TEITOOLS_MEMORY_MB"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunOptions:
    """What the map does with each document. Small and picklable: it goes with every task."""

    schema: str = ""  # the schema to check against, as load_schema names it ("" for none)
    rule_sets: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()  # html, text, entries
    link_indexes: bool = False
    max_document_bytes: int | None = None
    from_client: bool = False  # with --ship-input: the documents pointed into come from the Dask client
    # The markup names the schema prepares for (tei_all), read from the files before the map; None: not yet.
    schema_names: frozenset[str] | None = None
    roots: tuple[str, ...] = ()  # the folders named on the command line: XIncludes resolve inside them
    records: bool = False  # the header model travels back with the outputs (for the deposit's metadata)
    pages: frozenset[str] = frozenset()  # the output names of the pages the run writes: links between them
    # For a file that another brings in with XInclude, the parts around it (xinclude.Inclusions.parts_around).
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def tree_root_or_folder(self, path: Path) -> Path:
        return self.tree_root(path) or path.resolve().parent

    def tree_root(self, path: Path) -> Path | None:
        """The named folder a file was found in (its XIncludes may reach anywhere inside it), else None: the
        file's own folder."""
        resolved = path.resolve()
        return next((Path(root) for root in self.roots if resolved.is_relative_to(root)), None)


@dataclass
class DocumentResult:
    """What one document gives the reduce: compact, picklable, no tree."""

    findings: list[Finding] = field(default_factory=list)
    facts: DocumentFacts | None = None
    held: list[UnlessIncluded] = field(default_factory=list)  # what a document including it may answer
    includes: Includes = ()  # what the file brings in with XInclude (read before they were resolved)
    depends_on: tuple[str, ...] = ()  # the files its XIncludes read or looked for (teitools.result_cache)
    reads: tuple[str, ...] = ()  # what its pages read of other files: documents pointed into, parts, images
    # Refused when loading (too large, not well-formed...): the parts it brings in were not checked with it,
    # and what it brings in is read from its bytes if a held finding asks (inclusions_of).
    unread: bool = False
    outputs: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)  # files a worker wrote into the output folder
    images: tuple[stages.LocalImage, ...] = ()  # local image files the page shows, copied beside it
    related: tuple[str, ...] = ()  # the documents its header relates it to (a letter's previous and next)
    record: Record | None = None  # the header model, when the options ask for it


@dataclass(frozen=True)
class Pages:
    """The pages' names and folder, for the workers that write them: a pool's, or Dask workers that see the
    folder."""

    output_dir: Path
    names: list[str]


def map_document(
    path: Path, options: RunOptions, label: str | None = None, raw: bytes | None = None
) -> DocumentResult:
    """Everything one document gives: parsed once, checked, rendered, then dropped.

    label and raw: how the run names the file, and its bytes, when the run started elsewhere (load)."""
    loaded = load(path, options.max_document_bytes, label, raw, options.tree_root(path))
    if isinstance(loaded, Finding):
        if loaded.rule == TEI_PART:
            return DocumentResult(held=[UnlessIncluded(str(path.resolve()), loaded)])
        return DocumentResult([loaded], unread=True)
    # What loading found (an XInclude refused or fallen back on) is a finding of the check, not of rendering.
    result = DocumentResult(list(loaded.findings) if options.schema or options.rule_sets else [])
    result.includes, result.depends_on = loaded.includes, loaded.depends_on
    if options.schema:
        schema = load_schema(options.schema)
        schema.prepare_names(options.schema_names or frozenset())
        if options.rule_sets:  # one walk over the tree for the schema's Schematron and the rules' facts
            tags, attributes = schema.walk_needs(loaded)
            loaded.walk(tags | GATHERED, attributes | WALKED_ATTRIBUTES)
        result.findings += schema.check(loaded)
    if options.rule_sets:
        gathered = gather(loaded)
        for finding in rules.check_document(gathered, options.rule_sets):
            if isinstance(finding, UnlessIncluded):
                result.held.append(finding)
            else:
                result.findings.append(finding)
        result.facts = gathered.facts()
        targets = gathered.targets
    else:  # rendering alone needs only where the pointers lead
        targets = pointer_targets(loaded)
    if options.formats:
        from saxonche import PySaxonApiError  # loaded here, where rendering starts (teitools.saxon)

        renderer = stages.renderer(options.link_indexes, options.formats)
        try:
            if parts := options.parts.get(loaded.key):
                ids = read_tree(loaded)[1]  # from the walk the targets came from
                targets = through_parts(
                    targets, loaded.key, ids, renderer.part_ids(parts, options.from_client)
                )
            linked = renderer.linked_documents(loaded, targets, options.from_client, parts or ())
            # The header model, read once from this parse: the pages show it as the crosswalks do.
            header = header_model(loaded, targets, {file: each.ids for file, each in linked.items()})
            result.record = header if options.records else None
            images = stages.local_images(loaded)
            result.related = tuple(related.target for related in header.related)
            pages = stages.page_links(result.related, options.pages)
            outputs = renderer.outputs(
                loaded, targets, linked, header.as_json(), options.formats, images=images, pages=pages
            )
        except PySaxonApiError as error:
            message = f"cannot be rendered: {' '.join(str(error).split())}"
            result.findings.append(Finding(loaded.label, 1, 1, ERROR, "render", message))
        else:
            result.outputs = outputs
            result.images = (
                tuple(image for image in images if image.found) if "html" in options.formats else ()
            )
            result.reads = (*stages.pointed_files(loaded, targets), *(parts or ()), *(i.file for i in images))
    return result


def map_documents(
    files: list[Path],
    options: RunOptions,
    jobs: int,
    on_progress: Progress | None = None,
    cluster: ClusterOptions | None = None,
    pages: Pages | None = None,
) -> Iterator[DocumentResult]:
    """The results of map_document for each file, in the order of the files, whatever the number of jobs,
    in this process, in a pool of processes, or on a Dask cluster (which may write the pages itself).
    on_progress hears of each document done: in a pool or on a cluster as soon as it is, whatever its turn."""
    if not files:  # all kept from the last run (teitools.result_cache): nothing to prepare the schema for
        return
    if cluster is not None:
        yield from _on_cluster(files, with_schema_names(options, files), cluster, pages, on_progress)
        return
    total = sum(size_of(f) for f in files)
    # Rendering runs in workers even with one job: a worker that is replaced keeps Saxon's memory bounded.
    workers_pay = jobs > 1 or bool(options.formats)
    if workers_pay and len(files) > 1 and total >= POOL_MIN_BYTES["render" if options.formats else "check"]:
        # Only Saxon holds on to memory: workers that do not render are never replaced.
        budget = memory.Budget(WORKER_GROWTH_BYTES, memory_share(jobs)) if options.formats else None
        yield from _pooled(files, options, jobs, budget, pages, on_progress)
        return
    for done, result in enumerate(_serial(files, with_schema_names(options, files)), 1):
        yield result
        if on_progress:
            on_progress(done, len(files))


def with_schema_names(
    options: RunOptions, files: list[Path], pool: workers.Pool | None = None, jobs: int = 1
) -> RunOptions:
    """The options with the names the schema prepares for: those read before from the same files (the
    user's cache, schemas.NamesRecord), with those of the files added or changed since, read by the workers
    of the pool when there is one (a few tasks per job), else here."""
    if not options.schema or options.schema_names is not None:
        return options
    record = NamesRecord.of(options.schema, files)
    unread = record.unread(files)
    if not unread:
        return replace(options, schema_names=record.names)
    changed = list(unread)
    if pool is None:
        names = names_to_prepare(changed, options.schema)
    else:
        # A few large tasks, the files dealt out in turn so that each gets its share of the large ones.
        tasks = max(1, min(len(changed), READING_TASKS_PER_JOB * jobs))
        read = pool.map(names_to_prepare, [(changed[n::tasks], options.schema) for n in range(tasks)])
        names = frozenset().union(*read)
    record.update(files, unread, names)
    return replace(options, schema_names=record.names)


def with_known_names(options: RunOptions, files: list[Path]) -> RunOptions:
    """The options with the names read before from the same files, when the cache has them all."""
    if not options.schema or options.schema_names is not None:
        return options
    record = NamesRecord.of(options.schema, files)
    return options if record.unread(files) else replace(options, schema_names=record.names)


def names_to_prepare(files: list[Path], schema: str) -> frozenset[str]:
    return load_schema(schema).names_to_prepare(files)


def _serial(files: list[Path], options: RunOptions) -> Iterator[DocumentResult]:
    if options.schema:
        load_schema(options.schema).prepare_names(options.schema_names or frozenset())
    # As in _pooled: what is prepared now (imports, the schema and its Schematron) lives for the whole run
    # and is no garbage; left out of collections, they cost a third as much (tei_all x4: 0.10 -> 0.03 s).
    gc.freeze()
    try:
        for path in files:
            yield map_document(path, options)
    finally:
        gc.unfreeze()


# A worker's run options, set once per worker (use_options, by workers.Pool.share): a run's options hold the
# names of all its pages, which a task per batch would carry again and again (a run of 100,000 files: 1.2 MB
# and 40 ms of pickling per batch, 2,500 batches).
_worker_options: RunOptions | None = None


def use_options(options: RunOptions) -> None:
    global _worker_options
    _worker_options = options


def map_batch(
    paths: list[Path], names: list[str] | None = None, output_dir: Path | None = None
) -> list[DocumentResult]:
    """map_document on a few consecutive files, with the worker's options: one task, one round trip between
    processes. With names and output_dir, each document's pages are written there by the worker that
    rendered them (write_pages): they do not travel back to be written."""
    if _worker_options is None:
        raise RuntimeError("map_batch in a worker whose run options were not shared (use_options)")
    results = [map_document(path, _worker_options) for path in paths]
    if names is not None and output_dir is not None:
        results = [write_pages(result, output_dir, name) for result, name in zip(results, names, strict=True)]
    return results


def batches(files: list[Path]) -> Iterator[list[Path]]:
    """Consecutive files up to BATCH_BYTES of input together (a larger file alone)."""
    batch: list[Path] = []
    size = 0
    for path in files:
        if batch and size + size_of(path) > BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += size_of(path)
    if batch:
        yield batch


def _pooled(
    files: list[Path],
    options: RunOptions,
    jobs: int,
    budget: memory.Budget | None,
    pages: Pages | None = None,
    on_progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    context = worker_context(replaced=budget is not None)
    if options.schema and context.get_start_method() == "fork":
        # The names are read by forked workers (unless the same files were read before), the schema is
        # prepared here, once, and the workers forked next inherit it (and the imports) instead of each
        # preparing its own.
        options = with_known_names(options, files)
        if options.schema_names is None:
            with workers.Pool(jobs, context) as readers:
                options = with_schema_names(options, files, readers, jobs)
        load_schema(options.schema).prepare_names(options.schema_names or frozenset())
        context = worker_context(replaced=budget is not None)  # preparing may have started Saxon here
    # What this process holds now is left out of collections while workers run: forked workers then never
    # touch it (no copy of every inherited page), and none of it is garbage yet.
    gc.freeze()
    try:
        with workers.Pool(jobs, context, budget) as pool:
            options = with_schema_names(options, files, pool, jobs)
            each_batch = list(batches(files))
            costs = [sum(map(size_of, batch)) for batch in each_batch]
            pool.share(use_options, (options,))
            done = 0

            def answered(number: int) -> None:  # a batch's documents are done, whatever its turn
                nonlocal done
                done += len(each_batch[number])
                if on_progress:
                    on_progress(done, len(files))

            answers = pool.map(map_batch, batch_tasks(each_batch, pages), costs, answered)
            for batch, answer in zip(each_batch, answers, strict=True):
                yield from _died(batch) if isinstance(answer, workers.WorkerDied) else answer
    finally:
        gc.unfreeze()
        if pages is not None:  # what a worker that died left half written
            stages.remove_temporary_files(pages.output_dir, pages.names)


def batch_tasks(each_batch: list[list[Path]], pages: Pages | None) -> list[tuple]:
    """map_batch's arguments for each batch: with the pages' names and folder where the workers write them
    (a page then crosses no pipe: in a render of the corpus x20, the main process spent 1.7 to 2.5 s of CPU
    receiving and writing them, beside two busy workers on two cores)."""
    if pages is None:
        return [(batch,) for batch in each_batch]
    starts = list(itertools.accumulate(map(len, each_batch), initial=0))
    return [
        (batch, pages.names[start : start + len(batch)], pages.output_dir)
        for batch, start in zip(each_batch, starts, strict=False)
    ]


def worker_context(replaced: bool = False) -> BaseContext:
    """Forked workers while Saxon has not started in this process: they start at once, with the imports and
    whatever was prepared here. Where workers are replaced (rendering) or Saxon has started here (its
    native runtime must not be forked), workers forked from a server process that has imported teitools and
    never starts Saxon: a fresh worker costs its Saxon processor and stylesheets (0.2 s), not the imports
    too (0.3 to 0.4 s). Spawned ones where there is no such server."""
    methods = get_all_start_methods()
    if not replaced and not saxon.has_started() and "fork" in methods:
        return get_context("fork")
    if "forkserver" not in methods:
        return get_context("spawn")
    context = get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _died(batch: list[Path]) -> list[DocumentResult]:
    message = "a worker process ended abruptly (out of memory?): this document was not processed"
    return [
        DocumentResult([Finding(label_for(path, path.resolve()), 1, 1, ERROR, "worker", message)])
        for path in batch
    ]


def named_folders(paths: list[Path]) -> tuple[str, ...]:
    return tuple(str(path.resolve()) for path in paths if path.is_dir())


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def max_document_bytes(jobs: int) -> int:
    """The largest document one job may take in its share of memory."""
    return memory_share(jobs) // MEMORY_PER_BYTE


def memory_share(jobs: int) -> int:
    """One job's share of the memory there is ($TEITOOLS_MEMORY_MB, else what the system has available),
    shared by the jobs and this process."""
    configured = os.environ.get(MEMORY_ENVIRONMENT)
    available = int(configured) * 1_000_000 if configured else available_memory()
    return available // (jobs + 1)


def available_memory() -> int:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):  # a system without these names: assume a modest machine
        return 4_000_000_000


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --- on a Dask cluster (teitools.distributed) -------------------------------------------------------------


@dataclass(frozen=True)
class WorkerTask:
    """One document as a Dask task, small and picklable; with --ship-input its bytes travel beside it."""

    path: str  # resolved: on a shared filesystem the workers read it there
    label: str  # how this run names the file (a worker's working folder is another)
    output_dir: str | None = None  # the worker writes the pages into this folder
    output_name: str = ""


def map_on_worker(task: WorkerTask, raw: bytes | None, options: RunOptions) -> DocumentResult:
    """Runs on a Dask worker: map_document with the run's options (sent to each worker once), then the pages
    written into the shared folder if asked."""
    result = map_document(Path(task.path), options, task.label, raw)
    if task.output_dir is not None:
        result = write_pages(result, Path(task.output_dir), task.output_name)
    return result


def write_pages(result: DocumentResult, output_dir: Path, name: str) -> DocumentResult:
    """A document's pages written into output_dir where they were rendered: the result keeps the names of
    the files written, and of its outputs only what the reduce reads (the index entries)."""
    for file_name, content in page_files(name, result.outputs).items():
        stages.write_atomically(output_dir / file_name, content)
        result.written.append(file_name)
    result.outputs = without_pages(result.outputs)
    return result


def without_pages(outputs: dict[str, str]) -> dict[str, str]:
    """Of a document's outputs, what the reduce reads (the index entries), not its pages."""
    return {kind: text for kind, text in outputs.items() if kind not in stages.SUFFIXES}


def page_files(name: str, outputs: dict[str, str]) -> dict[str, str]:
    """A document's page files (name.html, name.txt) from its outputs by format."""
    return {name + suffix: outputs[kind] for kind, suffix in stages.SUFFIXES.items() if kind in outputs}


def _on_cluster(
    files: list[Path],
    options: RunOptions,
    cluster: ClusterOptions,
    pages: Pages | None,
    on_progress: Progress | None,
) -> Iterator[DocumentResult]:
    with distributed.cluster(cluster.address) as client:
        limit = distributed.worker_memory_limit(client)
        options = replace(
            options,
            schema=schema_for_workers(options.schema),
            max_document_bytes=limit // MEMORY_PER_BYTE if limit else None,
            from_client=cluster.ship_input,
        )
        on_workers = pages is not None and not cluster.ship_output
        tasks = [
            WorkerTask(
                str(resolved := path.resolve()),
                label_for(path, resolved),
                str(pages.output_dir.resolve()) if on_workers and pages else None,
                pages.names[number] if pages else "",
            )
            for number, path in enumerate(files)
        ]
        outcomes = distributed.map_on_cluster(
            client, map_on_worker, tasks, options, cluster.ship_input, on_progress
        )
        for outcome in outcomes:
            if isinstance(outcome.result, distributed.TaskFailure):
                failure = Finding(outcome.item.label, 1, 1, ERROR, "worker", outcome.result.message)
                yield DocumentResult([failure])
            else:
                yield outcome.result
    if on_workers and pages:
        stages.remove_temporary_files(pages.output_dir, pages.names)


def schema_for_workers(source: str) -> str:
    """The bundled project schema by its name, which each worker finds in its own installation; any other
    schema by its path, which the workers must see."""
    project = schema_path(PROJECT_SCHEMA).resolve()
    return PROJECT_SCHEMA if source and Path(source) == project else source


# --- reduce -----------------------------------------------------------------------------------------------


def cross_file_findings(
    facts: list[DocumentFacts],
    rule_sets: tuple[str, ...],
    held: list[UnlessIncluded],
    inclusions: Inclusions,
    unread: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The corpus rules on the facts; each document a claim is about is opened again, once, to place it.
    Then the held findings that no file including theirs answers."""
    corpus = rules.CorpusFacts(facts)
    by_document: dict[str, list[rules.Claim]] = defaultdict(list)
    for claim in rules.check_corpus(corpus, rule_sets):
        by_document[claim.key].append(claim)
    labels = {f.key: f.label for f in facts if f.key in by_document}
    findings = rules.held_findings(held, inclusions, corpus, unread)
    for key, claims in by_document.items():
        document = load(Path(key))
        if isinstance(document, Document):
            document.label = labels[key]  # named as the run named it, not by its resolved path
            findings += rules.locate(document, claims)
    return findings


def inclusions_of(
    includes: list[tuple[Path, Includes | None]], tree_root_of: Callable[[Path], Path]
) -> Inclusions:
    """Who brings in what, in the run's order of files: as the map read it from each file's tree, and from
    the bytes of a file it could not read (None), parsed again only here."""
    inclusions = Inclusions()
    for file, brought in includes:
        if brought is None:
            brought = xinclude.read_includes(file, tree_root_of(file), safe_parser)
        inclusions.add_all(str(file.resolve()), brought)
    return inclusions


# --- the two commands ---------------------------------------------------------------------------------


def validate_paths(
    paths: list[Path],
    schema: Schema,
    rule_sets: tuple[str, ...] = (rules.EDITION,),
    jobs: int = 1,
    on_progress: Progress | None = None,
    cluster: ClusterOptions | None = None,
    cache: bool = False,
) -> Report:
    """Check every XML file under the paths: well-formedness, TEI P5, the schema, then the rules. With
    cache, the results of files unchanged since the last run are taken from it (teitools.result_cache): with
    a bundled schema only, whose version the cache knows (a schema file of the user's may include others),
    and in this process or its workers only."""
    files = find_xml_files(paths)
    options = RunOptions(
        schema.source,
        rule_sets,
        max_document_bytes=max_document_bytes(jobs),
        roots=named_folders(paths),
    )
    report = Report(files_checked=len(files), tei_version=tei_all_version())
    facts, held, includes, unread = [], [], [], []
    # Not on a cluster: its workers' releases of teitools and its libraries are not this process's.
    kept = kept_results(options, paths) if cache and cluster is None and is_bundled(schema) else None
    unchanged, progress = kept_and_progress(kept, files, options, on_progress)
    if unchanged:  # the names the schema prepares for are those of all the files, as without the cache
        options = with_schema_names(options, files)
    changed = [file for file in files if file not in unchanged]
    # closing: a run that stops half way closes the map at once (and with it any cluster connection).
    with closing(map_documents(changed, options, jobs, progress, cluster)) as mapped:
        for file, result in result_cache.in_order(files, unchanged, mapped):
            if kept and file not in unchanged:
                kept.keep(file, result)
            report.extend(result.findings)
            held += result.held
            if result.includes or result.unread:
                includes.append((file, None if result.unread else result.includes))
            unread += [str(file.resolve())] * result.unread
            if result.facts is not None:
                facts.append(result.facts)
    if kept:
        kept.save(files)
    inclusions = inclusions_of(includes, options.tree_root_or_folder) if held else Inclusions()
    report.extend(cross_file_findings(facts, rule_sets, held, inclusions, frozenset(unread)))
    return report


def kept_and_progress(
    kept: ResultCache | None,
    files: list[Path],
    options: RunOptions,
    on_progress: Progress | None,
    context: Callable[[Path, DocumentResult], object] = lambda file, result: None,
) -> tuple[dict[Path, DocumentResult], Progress | None]:
    """The kept results of the files unchanged since (none without a cache), told at once as done, and the
    progress of the map of the others as that of a run of all the files."""
    unchanged = kept.unchanged(files, options.max_document_bytes, context) if kept else {}
    if on_progress and unchanged:
        on_progress(len(unchanged), len(files))
    progress = on_progress and (lambda done, _: on_progress(len(unchanged) + done, len(files)))
    return unchanged, progress


def keep_rendering(
    kept: ResultCache, file: Path, document: DocumentResult, name: str, output_dir: Path, context: object
) -> None:
    """Keep a document's rendering: its index entries and the names of its pages, with the files written for
    it (its pages and images) as this run leaves them."""
    pages = [*document.written, *page_files(name, document.outputs)]
    written = [output_dir / page for page in pages] + [
        output_dir / image.relative for image in document.images
    ]
    kept.keep(
        file, replace(document, outputs=without_pages(document.outputs), written=pages), written, context
    )


def is_bundled(schema: Schema) -> bool:
    """Whether a schema is one teitools ships (tei_all, the project schema, or the choice between them)."""
    return schema.source in (AUTO, TEI_ALL) or Path(schema.source).resolve().is_relative_to(SCHEMA_DIR)


def kept_pages(options: RunOptions, paths: list[Path], output_dir: Path) -> ResultCache:
    """The renderings kept from the last run with the same options, given the same paths in the same working
    folder, into the same output folder."""
    run = (options.formats, options.link_indexes, options.records)
    return ResultCache.of(repr((*run, [str(p) for p in paths], os.getcwd(), str(output_dir.resolve()))))


def kept_results(options: RunOptions, paths: list[Path]) -> ResultCache:
    """The results kept from the last run with the same options, given the same paths in the same working
    folder: the messages name the files as those paths and that folder do."""
    return ResultCache.of(repr((options.schema, options.rule_sets, [str(p) for p in paths], os.getcwd())))


@dataclass
class Check:
    """What a rendering run also checks, in the same pass (teitools package): a schema and rule sets."""

    schema: Schema
    rule_sets: tuple[str, ...] = (rules.EDITION,)


@dataclass
class RenderResult:
    report: Report = field(default_factory=Report)
    written: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)  # with records=True: each file's, named as its pages
    rendered: int = 0  # the files whose outputs were written (not those refused, nor parts of others)


def render(
    paths: list[Path],
    output_dir: Path,
    formats: tuple[str, ...] = stages.FORMATS,
    jobs: int = 1,
    on_progress: Progress | None = None,
    cluster: ClusterOptions | None = None,
    check: Check | None = None,
    records: bool = False,
    cache: bool = False,
) -> RenderResult:
    """HTML and text per document, and the indexes across them, written into output_dir; with a check,
    the findings of validation too, and with records each document's header model, all from one parse.
    With cache, a document unchanged since the last run (nor what its pages read), whose pages that run
    wrote are still there as it left them, is not rendered again (teitools.result_cache): in this process or
    its workers only, and without a check."""
    stages.check_stylesheets()
    files = find_xml_files(paths)
    names = stages.output_names(files)
    with_index = "index" in formats
    page_formats = tuple(f for f in formats if f in stages.SUFFIXES) + (
        (stages.ENTRIES,) if with_index else ()
    )
    options = RunOptions(
        check.schema.source if check else "",
        check.rule_sets if check else (),
        formats=page_formats,
        link_indexes=with_index,
        max_document_bytes=max_document_bytes(jobs),
        roots=named_folders(paths),
        records=records,
        pages=frozenset(names) if "html" in formats else frozenset(),
    )
    inclusions = xinclude.scan(files, options.tree_root_or_folder, safe_parser)
    parts = {file: parts for file in inclusions.included_by if (parts := inclusions.parts_around(file))}
    options = replace(options, parts=parts)
    result = RenderResult(Report(len(files), tei_version=tei_all_version() if check else ""), files=files)
    output_dir.mkdir(parents=True, exist_ok=True)

    def save(name: str, content: str) -> None:
        path = output_dir / name
        stages.write_atomically(path, content)
        result.written.append(path)

    entries, entry_names, facts, held, unread = [], [], [], [], []
    kept = kept_pages(options, paths, output_dir) if cache and cluster is None and check is None else None

    def context(file: Path, document: DocumentResult) -> tuple:
        """What a page reads of the run: the parts around it, and which of its related documents have
        pages (a letter links to the next one only where the run writes its page)."""
        links = stages.page_links(document.related, options.pages)
        return options.parts.get(str(file.resolve())), sorted(links.items())

    unchanged, progress = kept_and_progress(kept, files, options, on_progress, context)
    changed = [number for number, file in enumerate(files) if file not in unchanged]
    pages = Pages(output_dir, [names[number] for number in changed])
    documents = map_documents([files[number] for number in changed], options, jobs, progress, cluster, pages)
    with closing(documents):
        for name, (file, document) in zip(
            names, result_cache.in_order(files, unchanged, documents), strict=True
        ):
            result.report.extend(document.findings)
            held += document.held
            unread += [str(file.resolve())] * document.unread
            result.rendered += bool(document.outputs or document.written)
            if document.facts is not None:
                facts.append(document.facts)
            if document.record is not None:
                result.records.append(replace(document.record, name=name))
            for file_name, content in page_files(name, document.outputs).items():
                save(file_name, content)
            result.written += [output_dir / file_name for file_name in document.written]
            for image in document.images:
                if file not in unchanged:  # a kept page's images are where it left them
                    stages.copy_atomically(Path(image.file), output_dir / image.relative)
                result.written.append(output_dir / image.relative)
            if stages.ENTRIES in document.outputs:
                entries.append(document.outputs[stages.ENTRIES])
                entry_names.append(name)
            if kept and file not in unchanged:  # once its pages are written
                keep_rendering(kept, file, document, name, output_dir, context(file, document))
    if with_index and entries:
        for name, content in stages.index_pages(entries, entry_names).items():
            save(name, content)
    if kept:
        kept.save(files)
    if "html" in formats or with_index:
        save(stages.STYLESHEET, stages.stylesheet())
    if check:
        result.report.extend(cross_file_findings(facts, check.rule_sets, held, inclusions, frozenset(unread)))
    else:  # a part no document includes is still said to be one
        result.report.extend(rules.held_findings(held, inclusions, rules.CorpusFacts([]), frozenset(unread)))
    return result
