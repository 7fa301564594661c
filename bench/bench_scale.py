"""Benchmark of a run at corpus scale: time and peak memory of `teitools validate` and `teitools render`
against the floors, all measured in the same run on the same files.

    .venv/bin/python bench/bench_scale.py [--copies 20 40] [--tei-copies 4] [--large] [--rounds 3]

Inputs: ../shared/corpus copied N times (each copy in its own folder). For each N:
- floors, in this process, on the well-formed files (all but one): an lxml parse of every file (the safe
  parser), a single-process saxonche identity transform of every file (parse, transform, write), and for
  render a second one, a naive HTML and plain text of every file (NAIVE_HTML, NAIVE_TEXT: what any rendering
  that keeps every word does);
- `teitools validate` and `teitools render --to html,text,index`, both with --no-cache (every file checked
  and rendered, as in a first run), with the default number of jobs and with --jobs 1, each as a command:
  wall time and the peak memory (RSS) of its whole process tree, polled;
- `teitools validate` and `teitools render` once a run before has kept every file's result
  (teitools.result_cache), for scale.
On the --tei-copies copy: the TEI Stylesheets (html/html.xsl and txt/tei-to-text.xsl from
../shared/reference/tei-stylesheets, compiled once, run in this process with saxonche) against
`teitools render --to html,text`. With --large: 10,000 small files and one file of 200 MB.
The machine is shared: compare the ratios of one run, and repeat. CPU times (of all processes of a command)
are given beside wall times: on a loaded machine they say more about the work done. With --rounds N, every
figure is measured N times, in rounds, and its best round kept (the peaks: their largest). Only the first
round's validate reads the files' names (schemas.NamesRecord): the next ones find them in the user's cache, as
a second run on the same files does.
"""

import argparse
import contextlib
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import saxonche
from lxml import etree

from teitools.load import find_xml_files, safe_parser

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TEI_STYLESHEETS = ROOT.parent / "shared" / "reference" / "tei-stylesheets"
TEITOOLS = str(Path(sys.executable).with_name("teitools"))
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""
# The least a rendering that keeps every word does, as a second floor for render: each element a div named by
# its class (its text copied), and the document's text as plain text; each file parsed once, both written.
NAIVE_HTML = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" html-version="5"/>
  <xsl:template match="*"><div class="{local-name()}"><xsl:apply-templates/></div></xsl:template>
</xsl:stylesheet>"""
NAIVE_TEXT = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="normalize-space(.)"/></xsl:template>
</xsl:stylesheet>"""
MIB = 2**20
POLL = 0.05  # s between two readings of a command's processes
PSS_EVERY = 20  # polls: PSS once a second (command_figures)


def copies_of_corpus(target: Path, copies: int) -> Path:
    for number in range(copies):
        shutil.copytree(CORPUS, target / f"copy{number:03d}")
    return target


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall time and CPU time (s) of an action in this process."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def well_formed(files: list[Path]) -> list[Path]:
    """The files the floors and the TEI Stylesheets read: the corpus holds one malformed file on purpose,
    which Saxon would refuse with a message on the terminal in every round."""
    kept = []
    for path in files:
        with contextlib.suppress(etree.XMLSyntaxError):
            etree.fromstring(path.read_bytes(), safe_parser())
            kept.append(path)
    return kept


def lxml_floor(files: list[Path]) -> None:
    for path in files:
        etree.fromstring(path.read_bytes(), safe_parser())


def saxon_floor(files: list[Path], output: Path) -> None:
    """One process: parse each file with Saxon, transform it with the identity stylesheet, write it."""
    processor = saxonche.PySaxonProcessor(license=False)
    identity = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    for number, path in enumerate(files):
        with contextlib.suppress(saxonche.PySaxonApiError):
            result = identity.transform_to_string(xdm_node=processor.parse_xml(xml_file_name=str(path)))
            (output / f"{number}.xml").write_text(result, encoding="utf-8")


def naive_floor(files: list[Path], output: Path) -> None:
    """One process: parse each file with Saxon once, render it with NAIVE_HTML and NAIVE_TEXT, write both."""
    processor = saxonche.PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    looks = {
        suffix: compiler.compile_stylesheet(stylesheet_text=text)
        for suffix, text in ((".html", NAIVE_HTML), (".txt", NAIVE_TEXT))
    }
    for number, path in enumerate(files):
        with contextlib.suppress(saxonche.PySaxonApiError):
            node = processor.parse_xml(xml_file_name=str(path))
            for suffix, look in looks.items():
                rendered = look.transform_to_string(xdm_node=node)
                (output / f"{number}{suffix}").write_text(rendered, encoding="utf-8")


def tei_stylesheets(files: list[Path], output: Path) -> None:
    """The TEI Stylesheets' HTML and plain text of each file, compiled once, in this process."""
    processor = saxonche.PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    to_html = compiler.compile_stylesheet(stylesheet_file=str(TEI_STYLESHEETS / "html" / "html.xsl"))
    to_text = compiler.compile_stylesheet(stylesheet_file=str(TEI_STYLESHEETS / "txt" / "tei-to-text.xsl"))
    for number, path in enumerate(files):
        with contextlib.suppress(saxonche.PySaxonApiError):
            node = processor.parse_xml(xml_file_name=str(path))
            (output / f"{number}.html").write_text(
                to_html.transform_to_string(xdm_node=node), encoding="utf-8"
            )
            (output / f"{number}.txt").write_text(
                to_text.transform_to_string(xdm_node=node), encoding="utf-8"
            )


def command_peak(arguments: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time of all its processes (s) and the peak memory of all its processes (MiB)
    of a command, polled every 50 ms."""
    figures = command_figures(arguments)
    return figures.elapsed, figures.cpu, figures.peak


@dataclass
class Figures:
    elapsed: float  # s
    cpu: float  # s, of all its processes, each as last seen (one that lived less than 50 ms may be missed)
    peak: float  # MiB, the largest sum of its processes' resident memory (RSS)
    shared_peak: float  # MiB, the same with each page shared by processes counted once (PSS, each second)
    processes: int  # started while polled: the rendering workers it replaced show here


def command_figures(arguments: list[str]) -> Figures:
    """A command's figures, polled every 50 ms (POLL). The processes' CPU is read while they run: workers
    forked by a fork server are not this process's children, so RUSAGE_CHILDREN would miss them. The sum of
    RSS counts a page that processes share (the libraries, what a fork server's workers inherit from it) once
    per process; PSS shares it out between them. PSS is read every PSS_EVERY polls only: it walks each
    process's page map, about 10 ms a poll, and read every 50 ms it took 1.3 s of CPU from an 8.6 s render
    on two cores, which the command was then measured with (7.0 to 7.4 s unpolled)."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(process.pid)
    peak = shared_peak = 0
    cpu_of: dict[int, float] = {}
    for poll in itertools.count():
        if process.poll() is not None:
            break
        total = shared = 0
        with contextlib.suppress(psutil.NoSuchProcess):
            for member in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    with member.oneshot():
                        total += member.memory_info().rss
                        if poll % PSS_EVERY == 0:
                            shared += member.memory_full_info().pss
                        times = member.cpu_times()
                    cpu_of[member.pid] = times.user + times.system
        peak, shared_peak = max(peak, total), max(shared_peak, shared)
        time.sleep(POLL)
    return Figures(
        time.perf_counter() - start, sum(cpu_of.values()), peak / MIB, shared_peak / MIB, len(cpu_of) - 1
    )


def scale(folder: Path, work: Path, rounds: int = 1) -> dict[str, float]:
    """The floors and the commands on a folder, each measured once per round, the rounds one after the other
    (a slow spell of the machine then touches every figure of a round, not all runs of one figure); each
    figure is its best round, the peaks their largest."""
    files = find_xml_files([folder])
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"\n{folder.name}: {len(files)} files, {megabytes:.0f} MB", flush=True)
    rendering = ["render", "--no-cache", "--to", "html,text,index", "-o", str(work / "out"), str(folder)]
    # Each file checked and rendered, as a first run does: what a run before kept is not used.
    commands = {
        "validate": ["validate", "--no-cache", str(folder)],
        "validate --jobs 1": ["validate", "--no-cache", "--jobs", "1", str(folder)],
        "render": rendering,
        "render --jobs 1": [*rendering[:-1], "--jobs", "1", str(folder)],
    }
    readable = well_formed(files)
    floors: dict[str, list[tuple[float, float]]] = {"lxml": [], "saxon": [], "naive": []}
    runs: dict[str, list[Figures]] = {name: [] for name in commands}
    floor_out = work / "floor"
    for _ in range(rounds):
        floor_out.mkdir()
        floors["lxml"].append(timed(lambda: lxml_floor(readable)))
        floors["saxon"].append(timed(lambda: saxon_floor(readable, floor_out)))
        floors["naive"].append(timed(lambda: naive_floor(readable, floor_out)))
        shutil.rmtree(floor_out)
        for name, arguments in commands.items():
            shutil.rmtree(work / "out", ignore_errors=True)
            runs[name].append(command_figures([TEITOOLS, *arguments]))
    shutil.rmtree(work / "out", ignore_errors=True)
    unchanged = unchanged_runs(folder, work, rounds)
    (lxml, lxml_cpu), (saxon, saxon_cpu), (naive, naive_cpu) = (
        min(floors[f]) for f in ("lxml", "saxon", "naive")
    )
    print(f"  floor: lxml parse {lxml:6.1f} s (cpu {lxml_cpu:5.1f} s)", flush=True)
    print(f"  floor: saxonche identity, 1 process {saxon:6.1f} s (cpu {saxon_cpu:5.1f} s)", flush=True)
    print(f"  floor: saxonche naive HTML, text {naive:6.1f} s (cpu {naive_cpu:5.1f} s)", flush=True)
    figures = {}
    for name, measured in runs.items():
        floor, floor_cpu = (lxml, lxml_cpu) if name.startswith("validate") else (saxon, saxon_cpu)
        run = min(measured, key=lambda figures: figures.elapsed)
        figures[name] = max(each.peak for each in measured)
        shared = max(each.shared_peak for each in measured)
        against_naive = f"   {run.elapsed / naive:5.2f}x naive" if name.startswith("render") else ""
        times = " ".join(f"{each.elapsed:.1f}" for each in measured)
        print(
            f"  teitools {name:18} {run.elapsed:6.1f} s  {run.elapsed / floor:5.2f}x floor{against_naive}"
            f"   cpu {run.cpu:6.1f} s  {run.cpu / floor_cpu:5.2f}x floor's cpu"
            f"   peak {figures[name]:5.0f} MiB (pss {shared:4.0f})   processes {run.processes}"
            + (f"   rounds {times} s" if rounds > 1 else ""),
            flush=True,
        )
    for name, elapsed in unchanged.items():
        print(
            f"  teitools {name}, no file changed since the last run (result_cache) {elapsed:6.2f} s",
            flush=True,
        )
    return figures


def unchanged_runs(folder: Path, work: Path, rounds: int) -> dict[str, float]:
    """The wall time of `validate` and of `render` when the run before kept every file's result (the best
    round of each)."""
    commands = {
        "validate": ["validate", str(folder)],
        "render": ["render", "--to", "html,text,index", "-o", str(work / "kept"), str(folder)],
    }
    times = {}
    for name, arguments in commands.items():
        subprocess.run([TEITOOLS, *arguments], capture_output=True, check=False)
        times[name] = min(command_figures([TEITOOLS, *arguments]).elapsed for _ in range(rounds))
    shutil.rmtree(work / "kept", ignore_errors=True)
    return times


def against_tei_stylesheets(folder: Path, work: Path, rounds: int = 1) -> None:
    files = find_xml_files([folder])
    readable = well_formed(files)
    print(f"\nTEI Stylesheets vs teitools, HTML + text, {folder.name}: {len(files)} files", flush=True)
    measured = []
    for _ in range(rounds):
        (work / "tei").mkdir()
        measured.append(timed(lambda: tei_stylesheets(readable, work / "tei")))
        shutil.rmtree(work / "tei")
    reference, reference_cpu = min(measured)
    label = "TEI Stylesheets html.xsl + tei-to-text.xsl (saxonche, 1 process)"
    print(f"  {label:64} {reference:6.1f} s  cpu {reference_cpu:6.1f} s")
    for jobs in ([], ["--jobs", "1"]):
        arguments = [TEITOOLS, "render", "--no-cache", "--to", "html,text", *jobs, "-o", str(work / "out")]
        arguments.append(str(folder))
        elapsed, cpu, _ = min(command_peak(arguments) for _ in range(rounds))
        label = " ".join(["teitools render --to html,text", *jobs])
        print(
            f"  {label:64} {elapsed:6.1f} s  cpu {cpu:6.1f} s  {reference / elapsed:4.1f}x faster"
            f" ({reference_cpu / cpu:4.1f}x in cpu)",
            flush=True,
        )
        shutil.rmtree(work / "out", ignore_errors=True)


def large_inputs(work: Path) -> None:
    """10,000 small files, and one file of 200 MB (Dickens's text repeated in one document)."""
    small = work / "small"
    small.mkdir()
    letter = (CORPUS / "isicily-epidoc" / "ISic001301.xml").read_bytes()
    for number in range(10_000):
        (small / f"doc{number:05d}.xml").write_bytes(letter)
    big_folder = work / "big"
    big_folder.mkdir()
    dickens = (CORPUS / "eltec-eng" / "ENG18530_Dickens.xml").read_text(encoding="utf-8")
    head, rest = dickens.split("<body>", 1)
    body, tail = rest.split("</body>", 1)
    body = body.replace(' xml:id="', ' n="')  # ids stay unique in the one document
    repeats = 200_000_000 // len(body.encode()) + 1
    with (big_folder / "big.xml").open("w", encoding="utf-8") as stream:
        stream.write(head + "<body>")
        for _ in range(repeats):
            stream.write(body)
        stream.write("</body>" + tail)
    size = (big_folder / "big.xml").stat().st_size / 1e6
    print("\nlarge inputs", flush=True)
    for label, folder in (("10,000 small files", small), (f"one file of {size:.0f} MB", big_folder)):
        for command in (["validate", "--no-cache"], ["render", "--no-cache", "-o", str(work / "out")]):
            elapsed, cpu, peak = command_peak([TEITOOLS, *command, str(folder)])
            figures = f"{elapsed:6.1f} s  cpu {cpu:6.1f} s  peak {peak:5.0f} MiB"
            print(f"  {label:22} teitools {command[0]:9} {figures}", flush=True)
            shutil.rmtree(work / "out", ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, nargs="*", default=[20, 40])
    parser.add_argument("--tei-copies", type=int, default=4)
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="measure each figure this many times: the best")
    arguments = parser.parse_args()
    peaks = {}
    for copies in arguments.copies:
        with tempfile.TemporaryDirectory() as folder:
            corpus = copies_of_corpus(Path(folder) / f"corpus-x{copies}", copies)
            peaks[copies] = scale(corpus, Path(folder), arguments.rounds)
    if len(peaks) > 1:
        smallest, largest = min(peaks), max(peaks)
        for name in peaks[smallest]:
            growth = peaks[largest][name] / peaks[smallest][name] - 1
            print(f"  peak of {name} on x{largest} vs x{smallest}: {growth:+.0%}")
    if arguments.tei_copies:
        with tempfile.TemporaryDirectory() as folder:
            corpus = copies_of_corpus(Path(folder) / f"corpus-x{arguments.tei_copies}", arguments.tei_copies)
            against_tei_stylesheets(corpus, Path(folder), arguments.rounds)
    if arguments.large:
        with tempfile.TemporaryDirectory() as folder:
            large_inputs(Path(folder))


if __name__ == "__main__":
    main()
