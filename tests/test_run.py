"""The run: one pass per document and a small reduce. Same findings and bytes as before the redesign, the
same whatever the number of jobs, memory that does not grow with the number of files, and files too large
for the memory refused with a finding.

tests/data/baseline/ holds what the implementation before the redesign (commit cd9e278, which kept every
document loaded) gave on ../shared/corpus: its findings (JSON, file names relative to the corpus) and the
sha256 of every file it rendered. When rendering or a rule changes on purpose, regenerate them with
`.venv/bin/python tests/test_run.py` and say why in the commit.
"""

import gc
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT, TEI_NS

from teitools import run
from teitools.cli import main
from teitools.findings import Report
from teitools.load import Walk
from teitools.rules import EDITION
from teitools.schemas import TEI_ALL
from teitools.validate import PROJECT_SCHEMA, load_schema

BASELINE = ROOT / "tests" / "data" / "baseline"


def corpus_findings(jobs: int) -> dict:
    report = run.validate_paths([CORPUS], load_schema(PROJECT_SCHEMA), jobs=jobs)
    data = json.loads(report.as_json())
    for finding in data["findings"]:
        finding["file"] = str(Path(finding["file"]).relative_to(CORPUS))
    return data


def output_hashes(folder: Path) -> str:
    return "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in sorted(folder.iterdir())
    )


# (jobs, least input for workers): all in this process, one worker, two workers.
WAYS = [(1, 10**12), (1, 0), (2, 0)]


@pytest.mark.parametrize(("jobs", "pool_min"), WAYS)
def test_corpus_findings_are_those_before_the_redesign(jobs, pool_min, monkeypatch):
    monkeypatch.setattr(run, "POOL_MIN_BYTES", {"render": pool_min, "check": pool_min})
    expected = json.loads((BASELINE / "corpus-findings.json").read_text(encoding="utf-8"))
    assert corpus_findings(jobs) == expected


@pytest.mark.parametrize(("jobs", "pool_min"), WAYS)
def test_corpus_outputs_are_the_bytes_before_the_redesign(jobs, pool_min, monkeypatch, tmp_path):
    monkeypatch.setattr(run, "POOL_MIN_BYTES", {"render": pool_min, "check": pool_min})
    run.render([CORPUS], tmp_path, jobs=jobs)
    assert output_hashes(tmp_path) == (BASELINE / "corpus-outputs.sha256").read_text(encoding="utf-8")


# A fresh process, where Saxon has not started: its checking workers are forked (this test process has long
# started Saxon, so its own pooled runs do not fork them), its rendering workers come from a fork server
# (they are replaced).
IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
from teitools import run
from teitools.schemas import load_schema

assert run.worker_context().get_start_method() == "fork"
assert run.worker_context(replaced=True).get_start_method() == "forkserver"
run.POOL_MIN_BYTES = {"render": 0, "check": 0}
if sys.argv[1] == "render":
    run.render([Path(sys.argv[2])], Path(sys.argv[3]), jobs=2)
else:
    print(run.validate_paths([Path(sys.argv[2])], load_schema(sys.argv[1]), jobs=2).as_json())
"""


def in_a_fresh_process(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", IN_A_FRESH_PROCESS, *args], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("schema", [PROJECT_SCHEMA, "tei_all"])
def test_forked_workers_find_what_one_process_finds(schema):
    forked = json.loads(in_a_fresh_process(schema, str(CORPUS)))
    assert forked == json.loads(run.validate_paths([CORPUS], load_schema(schema), jobs=1).as_json())


def test_pooled_rendering_from_a_fresh_process_gives_the_bytes_before_the_redesign(tmp_path):
    in_a_fresh_process("render", str(CORPUS), str(tmp_path))
    assert output_hashes(tmp_path) == (BASELINE / "corpus-outputs.sha256").read_text(encoding="utf-8")


def test_progress_counts_every_document_in_order():
    seen = []
    run.validate_paths([ROOT / "tei"], load_schema(PROJECT_SCHEMA), on_progress=lambda *p: seen.append(p))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_run_in_one_process_leaves_what_it_prepared_out_of_collections_until_it_ends():
    files = sorted((CORPUS / "schnitzler-briefe").glob("L0*.xml"))[:3]
    options = run.RunOptions(TEI_ALL, (EDITION,))
    results = run.map_documents(files, options, jobs=1)
    next(results)
    assert gc.get_freeze_count() > 0
    assert len(list(results)) == len(files) - 1 and gc.get_freeze_count() == 0


def test_jobs_default_to_the_number_of_cpus():
    assert run.default_jobs() == len(os.sched_getaffinity(0))


# --- memory ---------------------------------------------------------------------------------------------

LETTER = """<TEI xmlns="{ns}"><teiHeader><fileDesc><titleStmt><title>Letter {n}</title></titleStmt>
<publicationStmt><p>Generated</p></publicationStmt><sourceDesc><p>Generated</p></sourceDesc></fileDesc>
</teiHeader><text><body><p xml:id="p{n}">To <persName ref="persons.xml#person{k}">a friend</persName>,
on <date when="1926-01-09">January 9, 1926</date>.<note n="1">A note.</note></p></body></text></TEI>"""
PERSONS = """<TEI xmlns="{ns}"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
<publicationStmt><p>Generated</p></publicationStmt><sourceDesc><p>Generated</p></sourceDesc></fileDesc>
</teiHeader><text><body><listPerson>{persons}</listPerson></body></text></TEI>"""
MEASURE = """
import resource, subprocess, sys
limit = int(sys.argv[1]) * 2**20
def limited():
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
done = subprocess.run(sys.argv[2:], preexec_fn=limited, capture_output=True, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
sys.stderr.write(done.stderr[-2000:])
"""


def letters(folder: Path, count: int) -> Path:
    folder.mkdir()
    persons = "".join(
        f'<person xml:id="person{k}"><persName>Person {k}</persName></person>' for k in range(50)
    )
    (folder / "persons.xml").write_text(PERSONS.format(ns=TEI_NS, persons=persons))
    for n in range(count):
        (folder / f"letter{n:05d}.xml").write_text(LETTER.format(ns=TEI_NS, n=n, k=n % 50))
    return folder


def peak_megabytes(command: list[str], limit_mb: int, cwd: Path) -> int:
    """Peak memory (MB) of the command, run under a data limit: over the limit, it fails."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(limit_mb), *command], capture_output=True, text=True, cwd=cwd
    )
    code, peak = done.stdout.split()
    assert code in ("0", "1"), done.stderr
    return int(peak)


@pytest.mark.parametrize(
    ("command", "growth"), [(["validate", "-j", "1"], 1.4), (["render", "-j", "2", "-o", "out"], 1.45)]
)
def test_memory_does_not_grow_with_the_number_of_files(tmp_path, command, growth):
    """Ten times the files: the facts, the report and the index pages grow a little, the documents are
    never kept. Keeping them took 1.6 to 2 times the memory here (validate 51 -> 100 MB, render 132 -> 207:
    some 18 KB a document). Without, validate takes 1.27 times (30 -> 38 MB since its start-up got lighter:
    the facts and findings of 2,700 more documents, 3 KB each), render 1.28 to 1.33 (122 -> 161 MB: the index
    pages, built at the end from the entries of every document, and Saxon's heap in a bounded young
    generation, which fills more slowly). Validate's limit was 1.3, which its lighter start-up made flaky."""
    teitools = str(Path(sys.executable).with_name("teitools"))
    few = letters(tmp_path / "few", 300)
    many = letters(tmp_path / "many", 3000)
    peak_few = peak_megabytes([teitools, *command, str(few)], 700, tmp_path)
    peak_many = peak_megabytes([teitools, *command, str(many)], 700, tmp_path)
    assert peak_many < peak_few * growth, (peak_few, peak_many)
    if command[0] == "render":
        assert len(list((tmp_path / "out").glob("letter*.html"))) == 3000


def test_a_file_too_large_for_the_memory_is_a_finding(tmp_path, monkeypatch):
    big = tmp_path / "big.xml"
    paragraphs = "".join(f"<p>paragraph {n}</p>" for n in range(20000))
    big.write_text(LETTER.format(ns=TEI_NS, n=0, k=0).replace("<body>", "<body>" + paragraphs))
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "10")
    result = CliRunner().invoke(main, ["validate", "-j", "1", str(big)])
    assert result.exit_code == 1
    assert "file too large: 0.4 MB" in result.output and "[too-large]" in result.output
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1000")
    assert "too-large" not in CliRunner().invoke(main, ["validate", "-j", "1", str(big)]).output


def test_a_small_file_that_brings_in_too_much_is_a_finding(tmp_path, monkeypatch):
    """A corpus root of a few hundred bytes may bring in a whole corpus with XInclude: what it brings in
    counts towards the bound, and the root is refused before it is all in memory. Each part alone is
    checked."""
    paragraphs = "".join(f"<p>paragraph {n}</p>" for n in range(8000))
    for n in range(3):
        part = LETTER.format(ns=TEI_NS, n=n, k=0).replace("<body>", "<body>" + paragraphs)
        (tmp_path / f"sitting{n}.xml").write_text(part)
    includes = "".join(f'<xi:include href="sitting{n}.xml"/>' for n in range(3))
    (tmp_path / "corpus.xml").write_text(
        f'<teiCorpus xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{includes}</teiCorpus>'
    )
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "10")
    result = CliRunner().invoke(main, ["validate", "-j", "1", "--format", "json", str(tmp_path)])
    too_large = [f for f in json.loads(result.output)["findings"] if f["rule"] == "too-large"]
    assert [Path(f["file"]).name for f in too_large] == ["corpus.xml"]
    assert "MB with what it includes (XInclude)" in too_large[0]["message"]
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1000")
    result = CliRunner().invoke(main, ["validate", "-j", "1", "--format", "json", str(tmp_path)])
    assert not [f for f in json.loads(result.output)["findings"] if f["rule"] == "too-large"]


def test_saxon_never_sees_a_document_type_declaration(tmp_path):
    """A DTD the safe loader does not read is not read by Saxon either (here one that is not even XML)."""
    (tmp_path / "broken.dtd").write_text("this is <not a DTD")
    text = LETTER.format(ns=TEI_NS, n=0, k=0).replace('ref="persons.xml#person0"', "")
    (tmp_path / "doc.xml").write_text(f'<!DOCTYPE TEI SYSTEM "broken.dtd">\n{text}')
    result = run.render([tmp_path / "doc.xml"], tmp_path / "out", ("text",), jobs=1)
    assert result.report.findings == []
    assert "To a friend, on January 9, 1926." in (tmp_path / "out" / "doc.txt").read_text()


def test_cross_file_findings_name_the_file_as_the_run_did(tmp_path, monkeypatch):
    folder = letters(tmp_path / "edition", 2)
    (folder / "letter00001.xml").write_text(
        LETTER.format(ns=TEI_NS, n=1, k=99).replace('xml:id="p1"', 'xml:id="p0"')
    )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    report: Report = run.validate_paths([Path("../edition")], load_schema(PROJECT_SCHEMA), jobs=1)
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["ref-resolves"].file == "../edition/letter00001.xml"
    assert by_rule["ref-resolves"].message == '@ref="persons.xml#person99" points to no xml:id "person99"'
    assert (by_rule["ref-resolves"].line, by_rule["ref-resolves"].column) == (3, 53)  # its @ref
    assert by_rule["id-unique"].message.startswith('xml:id "p0" is used already in ')
    assert by_rule["entry-used"].severity == "warning"


def regenerate() -> None:
    """Write the baseline from the implementation at hand (see the module's docstring)."""
    (BASELINE / "corpus-findings.json").write_text(
        json.dumps(corpus_findings(1), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    output = BASELINE / "outputs"
    run.render([CORPUS], output, jobs=1)
    (BASELINE / "corpus-outputs.sha256").write_text(output_hashes(output), encoding="utf-8")
    for path in output.iterdir():
        path.unlink()
    output.rmdir()


if __name__ == "__main__":
    regenerate()


def test_the_stylesheets_follow_the_pointers_as_the_rules_resolve_them(tmp_path):
    """A name pointing into its own document by file name ("self.xml#p1") resolves for the rules, so it
    resolves for the pages too: the stylesheets look up facts.py's resolution rather than resolving again."""
    person = '<listPerson><person xml:id="p1"><persName type="normalized">Bukharin, N. I.</persName></person>'
    text = LETTER.format(ns=TEI_NS, n=0, k=0).replace('ref="persons.xml#person0"', 'ref="self.xml#p1"')
    (tmp_path / "self.xml").write_text(text.replace("</body>", f"{person}</listPerson></body>"))
    report = run.validate_paths([tmp_path], load_schema(PROJECT_SCHEMA), jobs=1)
    assert not [f for f in report.findings if f.rule == "ref-resolves"]
    run.render([tmp_path], tmp_path / "out", ("html",), jobs=1)
    assert 'title="Bukharin, N. I."' in (tmp_path / "out" / "self.html").read_text()


def test_the_schematron_and_the_rules_share_one_walk_over_each_document(monkeypatch):
    """Walking a tree in Python is the costliest part of both: the map asks once for what both read."""
    walks = []
    walk_of = Walk.of.__func__

    def counted(cls, root, tags, attributes):
        walks.append(root)
        return walk_of(cls, root, tags, attributes)

    monkeypatch.setattr(Walk, "of", classmethod(counted))
    path = CORPUS / "schnitzler-briefe" / "L02765.xml"
    options = run.RunOptions(schema="tei_all", rule_sets=(run.rules.EDITION,))
    options = run.with_schema_names(options, [path])
    result = run.map_document(path, options)
    assert len(walks) == 1
    assert result.facts is not None and result.facts.ids  # the rules read their facts from that walk


def test_a_pools_worker_writes_the_pages_it_renders(tmp_path, monkeypatch):
    """A page crosses no pipe: the worker that rendered it writes it where the run writes (map_batch with
    the pages' names and folder), and sends back the names of the files and the index entries only."""
    letter = ROOT / "tei" / "trotsky-1926-01-09-letter-to-bukharin.xml"
    options = run.RunOptions(formats=("html", "text", "entries"), pages=frozenset(["letter"]))
    monkeypatch.setattr(run, "_worker_options", options)
    [result] = run.map_batch([letter], ["letter"], tmp_path)
    assert result.written == ["letter.html", "letter.txt"] and list(result.outputs) == ["entries"]
    assert (tmp_path / "letter.html").read_text(encoding="utf-8").upper().startswith("<!DOCTYPE HTML>")
    assert "Bukharin" in (tmp_path / "letter.txt").read_text(encoding="utf-8")
    # Without them, the pages travel back to be written by the run.
    [result] = run.map_batch([letter])
    assert result.written == [] and set(result.outputs) == {"html", "text", "entries"}
    # A pool's tasks carry each batch's page names, in the order of its files.
    a, b, c = (tmp_path / f"{name}.xml" for name in "abc")
    tasks = run.batch_tasks([[a, b], [c]], run.Pages(tmp_path, ["pa", "pb", "pc"]))
    assert tasks == [([a, b], ["pa", "pb"], tmp_path), ([c], ["pc"], tmp_path)]
    assert run.batch_tasks([[a, b], [c]], None) == [([a, b],), ([c],)]
