"""Benchmark of `teitools validate --schema tei_all` against jing, measured in the same run.

    .venv/bin/python bench/bench_tei_all.py [--copies 4] [--repeat 3] [--persons 4000]

1. ../shared/corpus copied N times, its well-formed files only (148 files, 35 MB for N=4): wall time of
   `teitools validate --schema tei_all` (start-up included, the grammar cache cold and warm) and of
   `jing tei_all.rng` on the same files, in one JVM; then what a cold cache adds, step by step (reading the
   names, preparing the grammar, compiling it), timed in this process. The files that are not well-formed
   are left out of both: jing stops at the first one (a fatal error), so with them it would check only the
   files before it (37 of 152), where teitools reports it and checks the rest;
2. a generated listPerson of 4000 persons: wall time of teitools and of jing;
3. the verdict table, file by file: jing's, teitools' grammar verdict, and the Schematron findings it adds.

Timings on a shared machine are noisy: each command is run --repeat times, interleaved, and the best and the
median are printed; compare the ratios of one run.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from lxml import etree

from teitools import grammar
from teitools.findings import Report
from teitools.load import load_all
from teitools.schemas import TeiAll

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TEI_ALL_RNG = ROOT / "schema" / "tei_all" / "tei_all.rng"
TEITOOLS = Path(sys.executable).parent / "teitools"
JING_ERROR = re.compile(r"^(.+?\.xml):\d+:\d+: (?:fatal )?error:", re.M)


def copy_corpus(target: Path, copies: int) -> list[Path]:
    """The corpus copied, without the files that are not well-formed; the copies' files, sorted."""
    malformed = [path.relative_to(CORPUS) for path in CORPUS.rglob("*.xml") if not well_formed(path)]
    for number in range(copies):
        folder = target / f"copy{number}"
        shutil.copytree(CORPUS, folder)
        for relative in malformed:
            (folder / relative).unlink()
    print(f"left out of the timings: {', '.join(map(str, malformed))} (not well-formed), in each copy")
    return sorted(target.rglob("*.xml"))


def well_formed(path: Path) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.parse(str(path), parser)
    except etree.XMLSyntaxError:
        return False
    return True


def jing_invalid(files: list[Path]) -> set[Path]:
    """The files jing finds invalid, in one JVM. A file that is not well-formed stops jing (the files after
    it go unchecked), so each such file is given to jing alone."""
    checked = [path for path in files if well_formed(path)]
    runs = [checked] + [[path] for path in files if path not in checked]
    invalid = set()
    for run in runs:
        result = subprocess.run(["jing", str(TEI_ALL_RNG), *map(str, run)], capture_output=True, text=True)
        invalid |= {Path(name).resolve() for name in JING_ERROR.findall(result.stdout)}
    return invalid


def list_person(target: Path, persons: int) -> Path:
    entries = "\n".join(
        f'      <person xml:id="person{n}"><persName>Person {n}</persName><birth when="1900"/></person>'
        for n in range(persons)
    )
    path = target / "listperson.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        "  <teiHeader><fileDesc>"
        "<titleStmt><title>Persons</title></titleStmt><publicationStmt><p>Benchmark</p></publicationStmt>"
        "<sourceDesc><p>Generated</p></sourceDesc></fileDesc></teiHeader>\n  <text><body>\n    <listPerson>\n"
        f"{entries}\n    </listPerson>\n  </body></text>\n</TEI>\n",
        encoding="utf-8",
    )
    return path


def wall(command: list[str], environment: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, env=environment, check=False)
    return time.perf_counter() - start


Environment = Callable[[], dict[str, str]]


def measure(commands: dict[str, tuple[list[str], Environment]], repeat: int) -> dict[str, list[float]]:
    """Each command run `repeat` times, interleaved so that load on the machine falls on all of them."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, environment) in commands.items():
            times[name].append(wall(command, environment()))
    return times


def print_times(title: str, times: dict[str, list[float]]) -> None:
    print(title)
    for name, values in times.items():
        print(f"  {name:34} best {min(values):6.2f} s   median {statistics.median(values):6.2f} s")


def cold_cache_environment(base: Path) -> dict[str, str]:
    """A fresh cache folder for every run: the grammar is prepared again each time."""
    folder = Path(tempfile.mkdtemp(dir=base))
    return {**os.environ, "XDG_CACHE_HOME": str(folder)}


def verdict_table(files: list[Path]) -> None:
    invalid_for_jing = jing_invalid(files)
    report = Report()
    documents = load_all([CORPUS], report)
    schema = TeiAll()
    schema.prepare(documents)
    refused = {Path(f.file).resolve(): f.rule for f in report.findings}
    by_path = {document.resolved: document for document in documents}
    print(f"{'file':48} {'jing':8} {'teitools':10} {'same':5} schematron")
    agree = 0
    for path in files:
        resolved = path.resolve()
        if resolved in refused:
            ours, extra = f"({refused[resolved]})", ""
        else:
            document = by_path[resolved]
            ours = "invalid" if schema.grammar.check(document) else "valid"
            rules = schema.schematron.check(document)
            extra = f"{len(rules)} findings" if rules else ""
        theirs = "invalid" if resolved in invalid_for_jing else "valid"
        same = (ours == "valid") == (theirs == "valid")
        agree += same
        print(f"{path.relative_to(CORPUS)!s:48} {theirs:8} {ours:10} {'yes' if same else 'NO':5} {extra}")
    print(f"verdicts agree on {agree} of {len(files)} files (the not-well-formed one is invalid for both)")


def cold_steps(files: list[Path], repeat: int) -> None:
    """What a cold cache adds to a run, step by step, timed in this process (best of `repeat`)."""
    source = TEI_ALL_RNG.read_bytes()
    names = TeiAll().names_to_prepare(files)
    prepared = grammar.prepare(source, names)
    steps: dict[str, Callable[[], object]] = {
        "read the names (one process)": lambda: TeiAll().names_to_prepare(files),
        "prepare the grammar": lambda: grammar.prepare(source, names),
        "compile it (libxml2)": lambda: etree.RelaxNG(etree.fromstring(prepared)),
    }
    print("what a cold cache adds, in one process")
    for name, step in steps.items():
        best = min(seconds(step) for _ in range(repeat))
        print(f"  {name:34} best {best:6.2f} s")


def seconds(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--persons", type=int, default=4000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        files = copy_corpus(base / "corpus", arguments.copies)
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        warm = {**os.environ, "XDG_CACHE_HOME": str(base / "warm-cache")}
        wall(
            [str(TEITOOLS), "validate", "--no-cache", "--schema", "tei_all", str(base / "corpus")], warm
        )  # fills the cache
        teitools = [str(TEITOOLS), "validate", "--no-cache", "--schema", "tei_all", str(base / "corpus")]
        jing = ["jing", str(TEI_ALL_RNG), *map(str, files)]
        times = measure(
            {
                "teitools (grammar cache cold)": (teitools, partial(cold_cache_environment, base)),
                "teitools (grammar cache warm)": (teitools, lambda: warm),
                "jing, one JVM": (jing, lambda: dict(os.environ)),
            },
            arguments.repeat,
        )
        print_times(f"corpus x{arguments.copies}: {len(files)} files, {megabytes:.1f} MB", times)
        cold_steps(files, arguments.repeat)
        persons = list_person(base, arguments.persons)
        times = measure(
            {
                f"teitools, listPerson of {arguments.persons}": (
                    [str(TEITOOLS), "validate", "--no-cache", "--schema", "tei_all", str(persons)],
                    partial(cold_cache_environment, base),
                ),
                f"jing, listPerson of {arguments.persons}": (
                    ["jing", str(TEI_ALL_RNG), str(persons)],
                    lambda: dict(os.environ),
                ),
            },
            arguments.repeat,
        )
        print_times("a generated listPerson (start-up included)", times)
    print()
    verdict_table(sorted(CORPUS.rglob("*.xml")))


if __name__ == "__main__":
    main()
