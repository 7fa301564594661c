"""The Schematron engine against another copy of it (main's, by default): the same findings on every
well-formed file, and the CPU time of checking alone, best of N.

    .venv/bin/python bench/bench_schematron.py [--old /work/main/src/teitools/schematron.py] [--copies 4]
        [--repeat 3] [--schema schema/tei_all/tei_all.isosch] [FOLDER ...]

FOLDER defaults to ../shared/corpus and the edition (tei/). With --copies N the folders are copied N times
into a temporary folder first (the timing then covers N times the files; the parity is checked once).
Each engine is built for the elements present in the documents, as tei_all builds it. Timings on a shared
machine are noisy: compare the two figures of one run.
"""

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from teitools import schematron as new_engine
from teitools.findings import Report
from teitools.load import Document, load_all
from teitools.schemas import markup_names

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = [ROOT.parent / "shared" / "corpus", ROOT / "tei"]
DEFAULT_OLD = Path("/work/main/src/teitools/schematron.py")
DEFAULT_SCHEMA = ROOT / "schema" / "tei_all" / "tei_all.isosch"


def engine_at(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_schematron", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents_in(folders: list[Path]) -> list[Document]:
    return load_all(folders, Report())


def best_cpu_time(engine, documents: list[Document], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for document in documents:
            engine.check(document)
        times.append(time.process_time() - start)
    return min(times)


def parity(old, new, documents: list[Document]) -> int:
    differing = 0
    for document in documents:
        before, after = sorted(old.check(document)), sorted(new.check(document))
        if before != after:
            differing += 1
            print(f"DIFFERENT {document.label}")
            for finding in sorted(set(before) - set(after)):
                print(f"  only old: {finding.as_text()}")
            for finding in sorted(set(after) - set(before)):
                print(f"  only new: {finding.as_text()}")
    findings = sum(len(new.check(document)) for document in documents)
    print(
        f"parity: {len(documents) - differing}/{len(documents)} documents give the same findings "
        f"({findings} findings in all)"
    )
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--old", type=Path, default=DEFAULT_OLD)
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    documents = documents_in(arguments.folders)
    present = frozenset().union(*(markup_names(document.tree) for document in documents))
    old = engine_at(arguments.old).Schematron(arguments.schema, present)
    new = new_engine.Schematron(arguments.schema, present)
    print(f"{len(documents)} documents, {new.rules_kept} of {new.rules_total} rules kept")
    differing = parity(old, new, documents)
    if arguments.copies:
        with tempfile.TemporaryDirectory() as folder:
            for number in range(arguments.copies):
                for source in arguments.folders:
                    shutil.copytree(source, Path(folder) / f"copy{number}" / source.name)
            timed = documents_in([Path(folder)])
            print(f"timing on {len(timed)} documents ({arguments.copies} copies), best of {arguments.repeat}")
            for name, engine in (("old", old), ("new", new)):
                print(f"  {name}: {best_cpu_time(engine, timed, arguments.repeat):.3f} s CPU")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
