"""teitools validate keeps the results of unchanged files: a second run over a corpus reads only what changed
since (a file, or a file it brings in with XInclude), and reports exactly what a run without the cache
reports."""

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, TEI_NS, a_corpus_of_parts

from teitools import result_cache, run
from teitools.cli import main
from teitools.schemas import cache_dir

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>"""


def document(title: str, body: str = "<p>Body.</p>", header: str = HEADER) -> str:
    return (
        f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
        f"{header.format(title=title)}<text><body>{body}</body></text></TEI>"
    )


@pytest.fixture
def mapped(monkeypatch, tmp_path) -> list[str]:
    """The names of the files the runs map (parse and check), in a cache of the test's own. A file written
    by the test is at once older than the run: the wait for the file system's clock is not needed here."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(result_cache, "RACY_SECONDS", -1)
    names: list[str] = []
    map_document = run.map_document
    monkeypatch.setattr(
        run, "map_document", lambda path, *rest: names.append(path.name) or map_document(path, *rest)
    )
    return names


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def a_corpus(folder: Path) -> Path:
    """Letters pointing into their list of places (cross-file rules), a drama, and a text that brings in
    its header with XInclude."""
    folder.mkdir()
    for name in ("L02550.xml", "L02765.xml", "listplace.xml"):
        shutil.copy(CORPUS / "schnitzler-briefe" / name, folder)
    shutil.copy(CORPUS / "gerdracor" / "schnitzler-anatols-groessenwahn.xml", folder)
    (folder / "header.inc").write_text(
        HEADER.format(title="Included").replace("<teiHeader>", f'<teiHeader xmlns="{TEI_NS}">')
    )
    (folder / "including.xml").write_text(document("", header='<xi:include href="header.inc"/>'))
    return folder


def test_a_second_run_maps_no_unchanged_file_and_reports_the_same(tmp_path, mapped):
    corpus = a_corpus(tmp_path / "corpus")
    first = [validate(*form, str(corpus)) for form in ([], ["--format", "json"])]
    assert first[0][0] == 1 and "[schema]" in first[0][1]
    assert sorted(mapped) == sorted(p.name for p in corpus.glob("*.xml"))  # the JSON run mapped none
    mapped.clear()
    assert [validate(*form, str(corpus)) for form in ([], ["--format", "json"])] == first
    assert mapped == []
    assert [validate("--no-cache", *form, str(corpus)) for form in ([], ["--format", "json"])] == first
    assert len(mapped) == 2 * 5


def test_a_changed_file_and_a_file_whose_included_file_changed_are_mapped_again(tmp_path, mapped):
    corpus = a_corpus(tmp_path / "corpus")
    validate(str(corpus))
    mapped.clear()
    drama = corpus / "schnitzler-anatols-groessenwahn.xml"
    drama.write_text(drama.read_text().replace("<body>", "<body><bogus/>", 1))
    (corpus / "header.inc").write_text(
        (corpus / "header.inc").read_text().replace("<title>", "<title><bogus/>")
    )
    output = validate(str(corpus))[1]
    assert sorted(mapped) == ["including.xml", "schnitzler-anatols-groessenwahn.xml"]
    assert "Did not expect element bogus there" in "".join(
        line for line in output.splitlines() if "anatol" in line
    )
    assert "bogus" in "".join(line for line in output.splitlines() if "including.xml" in line)


def test_a_file_an_xinclude_looked_for_in_vain_is_read_once_it_is_there(tmp_path, mapped):
    (tmp_path / "texts").mkdir()
    including = tmp_path / "texts" / "main.xml"
    fallback = '<xi:include href="../parts/header.inc"><xi:fallback>' + HEADER + "</xi:fallback></xi:include>"
    including.write_text(document("Main", header=fallback))
    assert "not found: its xi:fallback is used" in validate(str(tmp_path))[1]
    (tmp_path / "parts").mkdir()  # the folder was not there either
    (tmp_path / "parts" / "header.inc").write_text(
        HEADER.replace("<teiHeader>", f'<teiHeader xmlns="{TEI_NS}">')
    )
    mapped.clear()
    code, output = validate(str(tmp_path))
    assert (code, "xinclude" in output, mapped) == (0, False, ["main.xml"])


def test_a_file_changed_just_before_the_run_is_mapped_again(tmp_path, mapped, monkeypatch):
    """Its identity may not show a change made within the same tick of the file system's clock."""
    monkeypatch.setattr(result_cache, "RACY_SECONDS", 3)
    (tmp_path / "new.xml").write_text(document("New"))
    validate(str(tmp_path))
    validate(str(tmp_path))
    assert mapped == ["new.xml", "new.xml"]


def test_the_results_kept_are_those_of_the_same_kind_of_run(tmp_path, mapped, monkeypatch):
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "doc.xml").write_text(document("Doc", "<p><bogus/></p>"))
    edition = str(tmp_path / "edition")
    monkeypatch.chdir(tmp_path)
    assert validate(edition)[1].startswith("edition/doc.xml:")
    validate("--schema", "tei_all", edition)  # another schema
    monkeypatch.chdir(tmp_path / "edition")
    assert validate(edition)[1].startswith("doc.xml:")  # another working folder: the files are named from it
    assert mapped == ["doc.xml"] * 3
    validate(edition)
    assert len(mapped) == 3


def test_a_file_now_too_large_for_the_memory_is_refused_not_taken_from_the_cache(
    tmp_path, mapped, monkeypatch
):
    big = tmp_path / "big.xml"
    big.write_text(document("Big", "".join(f"<p>paragraph {n}</p>" for n in range(20000))))
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1000")
    assert validate(str(big))[0] == 0
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "10")
    code, output = validate(str(big))
    assert code == 1 and "[too-large]" in output


def test_a_damaged_or_unwritable_cache_costs_only_time(tmp_path, mapped, monkeypatch):
    (tmp_path / "doc.xml").write_text(document("Doc", "<p><bogus/></p>"))
    first = validate(str(tmp_path))
    [kept] = cache_dir().glob("results-*")
    kept.write_bytes(b"not a pickle")
    assert validate(str(tmp_path)) == first
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert validate(str(tmp_path)) == first
    assert mapped == ["doc.xml"] * 3


ANYTHING = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>
<ref name="any"/></choice></zeroOrMore></element></define></grammar>"""


def test_a_schema_file_of_the_users_is_not_cached(tmp_path, mapped):
    """It may include others, whose changes the cache would not see."""
    (tmp_path / "anything.rng").write_text(ANYTHING)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "doc.xml").write_text(document("Doc"))
    for _ in range(2):
        validate("--schema", str(tmp_path / "anything.rng"), str(tmp_path / "texts"))
    assert mapped == ["doc.xml"] * 2
    assert not list(cache_dir().glob("results-*"))


def test_json_of_a_kept_run_is_the_json_of_a_fresh_one(tmp_path, mapped):
    corpus = a_corpus(tmp_path / "corpus")
    fresh = json.loads(validate("--no-cache", "--format", "json", str(corpus))[1])
    validate(str(corpus))
    kept = json.loads(validate("--format", "json", str(corpus))[1])
    assert kept == fresh


def test_a_file_changed_while_the_run_read_it_is_mapped_again(tmp_path, mapped, monkeypatch):
    doc = tmp_path / "doc.xml"
    doc.write_text(document("Doc"))
    map_document = run.map_document

    def then_edited(path, *rest):
        result = map_document(path, *rest)
        doc.write_text(document("Doc", "<p><bogus/></p>"))  # saved by the editor as the run checks it
        return result

    monkeypatch.setattr(run, "map_document", then_edited)
    assert validate(str(tmp_path))[0] == 0
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert validate(str(tmp_path))[0] == 1


def test_the_files_are_named_as_this_run_names_them(tmp_path, mapped, monkeypatch):
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "doc.xml").write_text(document("Doc", "<p><bogus/></p>"))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    relative = validate("../edition")[1]
    absolute = validate(str(tmp_path / "edition"))[1]
    assert relative.startswith("../edition/doc.xml:") and absolute.startswith(f"{tmp_path}/edition/doc.xml:")
    assert validate("../edition")[1] == relative
    assert mapped == ["doc.xml"] * 2


def test_what_an_unchanged_file_points_to_is_judged_anew(tmp_path, mapped):
    """The rules across files run on every result, kept or not: a letter taken from the cache points to a
    person the changed list of persons no longer has, and is told so."""
    persons = "".join(f'<person xml:id="person{k}"><persName>P{k}</persName></person>' for k in range(3))
    list_of = f"<listPerson>{persons}</listPerson>"
    (tmp_path / "persons.xml").write_text(document("Persons", list_of))
    letter = '<p>To <persName ref="persons.xml#person2">a friend</persName>.</p>'
    (tmp_path / "letter.xml").write_text(document("Letter", letter))
    assert "[ref-resolves]" not in validate(str(tmp_path))[1]
    (tmp_path / "persons.xml").write_text(
        document("Persons", list_of.replace('xml:id="person2"', 'xml:id="x"'))
    )
    [told] = [line for line in validate(str(tmp_path))[1].splitlines() if "[ref-resolves]" in line]
    assert "letter.xml:2:" in told and '@ref="persons.xml#person2" points to no xml:id' in told
    assert mapped == ["letter.xml", "persons.xml", "persons.xml"]


# --- render ---------------------------------------------------------------------------------------------


def render(folder: Path, output: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["render", "--jobs", "1", "-o", str(output), *args, str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def letters_and_persons(folder: Path) -> Path:
    """A letter that names a person of the list it points into, and one that shows an image beside it."""
    folder.mkdir()
    persons = "".join(f'<person xml:id="p{k}"><persName>Person {k}</persName></person>' for k in range(2))
    (folder / "persons.xml").write_text(document("Persons", f"<listPerson>{persons}</listPerson>"))
    named = '<p>To <persName ref="persons.xml#p0">a friend</persName>.</p>'
    (folder / "letter0.xml").write_text(document("Letter 0", named))
    (folder / "letter1.xml").write_text(
        document("Letter 1", '<p>See</p><figure><graphic url="scan.png"/></figure>')
    )
    return folder


def pages_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_second_rendering_renders_no_unchanged_file_and_writes_the_same_pages(tmp_path, mapped):
    corpus = letters_and_persons(tmp_path / "corpus")
    said = render(corpus, tmp_path / "out")
    assert sorted(mapped) == ["letter0.xml", "letter1.xml", "persons.xml"]
    first = pages_of(tmp_path / "out")
    assert render(corpus, tmp_path / "out") == said  # the kept pages are counted as the run's
    assert len(mapped) == 3 and pages_of(tmp_path / "out") == first
    render(corpus, tmp_path / "fresh", "--no-cache")
    assert len(mapped) == 6 and pages_of(tmp_path / "fresh") == first


def test_a_page_is_rendered_again_when_what_it_reads_changes_or_it_is_gone(tmp_path, mapped):
    corpus = letters_and_persons(tmp_path / "corpus")
    out = tmp_path / "out"
    render(corpus, out)
    mapped.clear()
    persons = corpus / "persons.xml"
    persons.write_text(persons.read_text().replace("Person 0", "Renamed Person"))  # what letter0 points into
    render(corpus, out)
    assert sorted(mapped) == ["letter0.xml", "persons.xml"]
    assert "Renamed Person" in (out / "letter0.html").read_text()
    mapped.clear()
    (corpus / "scan.png").write_bytes(b"\\x89PNG")  # the image letter1 shows, there now
    (out / "letter0.txt").unlink()  # a page gone
    render(corpus, out)
    assert sorted(mapped) == ["letter0.xml", "letter1.xml"]
    assert (out / "letter0.txt").is_file() and (out / "scan.png").is_file()
    assert '<img src="scan.png"' in (out / "letter1.html").read_text()


def test_a_rendering_of_other_documents_or_into_another_folder_keeps_its_own(tmp_path, mapped):
    corpus = letters_and_persons(tmp_path / "corpus")
    render(corpus, tmp_path / "out")
    render(corpus, tmp_path / "elsewhere")
    render(corpus, tmp_path / "plain", "--to", "text")
    render(corpus, tmp_path / "plain", "--to", "html")  # other formats: other outputs
    assert len(mapped) == 4 * 3 and (tmp_path / "plain" / "letter0.html").is_file()


NEXT = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>Test</p>
</publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc><profileDesc><correspDesc><correspContext>
<ref type="withinCorrespondence" subtype="next_letter" target="L2">The next letter</ref></correspContext>
</correspDesc></profileDesc></teiHeader>"""


def test_a_letter_is_rendered_again_when_the_next_one_it_names_gets_a_page(tmp_path, mapped):
    """A letter links to the next one where the run writes that one's page: the letter that names it is
    rendered again when it comes, the others are not."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "L1.xml").write_text(document("Letter 1", header=NEXT))
    (tmp_path / "letters" / "other.xml").write_text(document("Another letter"))
    render(tmp_path / "letters", tmp_path / "out", "--to", "html")
    assert 'href="L2.html"' not in (tmp_path / "out" / "L1.html").read_text()
    (tmp_path / "letters" / "L2.xml").write_text(document("Letter 2"))
    mapped.clear()
    render(tmp_path / "letters", tmp_path / "out", "--to", "html")
    assert sorted(mapped) == ["L1.xml", "L2.xml"]
    assert 'href="L2.html"' in (tmp_path / "out" / "L1.html").read_text()


def test_a_part_is_rendered_again_when_what_its_corpus_root_brings_in_changes(tmp_path, mapped):
    """A sitting names its speakers from the list its corpus root brings in: the root stops bringing it in,
    and the sitting, itself unchanged, names them by their ids."""
    (tmp_path / "corpus").mkdir()
    corpus = a_corpus_of_parts(tmp_path / "corpus")
    render(tmp_path / "corpus", tmp_path / "out", "--to", "text")
    assert "Berger Anna" in (tmp_path / "out" / "sitting.txt").read_text()
    root = corpus["root"]
    root.write_text(root.read_text().replace('<xi:include href="persons.xml"/>', ""))
    mapped.clear()
    render(tmp_path / "corpus", tmp_path / "out", "--to", "text")
    assert sorted(mapped) == ["corpus.xml", "sitting.xml"]  # the list of persons is read, not rendered
    assert "\n\nP1\n\nGood morning." in (tmp_path / "out" / "sitting.txt").read_text()


def test_a_part_is_rendered_again_when_the_persons_its_corpus_roots_header_lists_change(tmp_path, mapped):
    """The root's own header names the sitting's speakers (a list of its own, no part): a new name there is
    the sitting's too."""
    (tmp_path / "corpus").mkdir()
    corpus = a_corpus_of_parts(tmp_path / "corpus")
    root = corpus["root"]
    person = '<listPerson><person xml:id="P1"><persName>Anna Berger</persName></person></listPerson>'
    root.write_text(root.read_text().replace('<xi:include href="persons.xml"/>', person))
    corpus["persons"].unlink()
    render(tmp_path / "corpus", tmp_path / "out", "--to", "text")
    assert "\n\nAnna Berger\n\nGood morning." in (tmp_path / "out" / "sitting.txt").read_text()
    root.write_text(root.read_text().replace("Anna Berger", "Anna Berger-Huber"))
    mapped.clear()
    render(tmp_path / "corpus", tmp_path / "out", "--to", "text")
    assert sorted(mapped) == ["corpus.xml", "sitting.xml"]
    assert "\n\nAnna Berger-Huber\n\nGood morning." in (tmp_path / "out" / "sitting.txt").read_text()


def test_an_image_two_pages_show_keeps_both_pages_kept(tmp_path, mapped):
    """The image is copied once: rewritten for the page rendered again, it would no longer be as the other
    page's run left it, and that page would be rendered again at every run."""
    corpus = letters_and_persons(tmp_path / "corpus")
    (corpus / "scan.png").write_bytes(b"image")
    (corpus / "letter2.xml").write_text(
        document("Letter 2", '<p>Also</p><figure><graphic url="scan.png"/></figure>')
    )
    render(corpus, tmp_path / "out")
    letter2 = corpus / "letter2.xml"
    letter2.write_text(letter2.read_text().replace("Also", "As well"))
    render(corpus, tmp_path / "out")
    mapped.clear()
    render(corpus, tmp_path / "out")
    assert mapped == []


def test_the_kinds_of_run_used_last_keep_their_results(tmp_path, mapped, monkeypatch):
    """A few kinds of run keep results (each a file of the cache): a new kind drops the one least recently
    used, and a run that only reads its results counts as a use."""
    monkeypatch.setattr(result_cache, "RESULTS_KEPT", 2)
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.xml").write_text(document(name))
    validate(str(tmp_path / "a"))
    [of_a] = cache_dir().glob("results-*")
    validate(str(tmp_path / "b"))
    [of_b] = set(cache_dir().glob("results-*")) - {of_a}
    os.utime(of_a, (1, 1))  # a's results written long ago, b's after them...
    os.utime(of_b, (2, 2))
    validate(str(tmp_path / "a"))  # ...but a's used now
    validate(str(tmp_path / "c"))
    mapped.clear()
    validate(str(tmp_path / "a"))
    validate(str(tmp_path / "b"))
    assert mapped == ["b.xml"]


def test_pages_a_pools_workers_wrote_are_kept_where_they_are(tmp_path, monkeypatch):
    """In a pool, each worker writes the pages it renders: the next run finds them as they were written,
    and writes none of them again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(result_cache, "RACY_SECONDS", -1)
    monkeypatch.setattr(run, "POOL_MIN_BYTES", {"render": 0, "check": 0})
    corpus = letters_and_persons(tmp_path / "corpus")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "--jobs", "2", "-o", str(out), str(corpus)])
    assert result.exit_code == 0, result.output
    pages = {p: (p.stat().st_ino, p.read_bytes()) for p in out.glob("letter*")}
    assert len(pages) == 4
    CliRunner().invoke(main, ["render", "--jobs", "2", "-o", str(out), str(corpus)])
    assert {p: (p.stat().st_ino, p.read_bytes()) for p in out.glob("letter*")} == pages


def test_what_a_page_reads_besides_its_document_does_not_count_against_the_memory_bound(
    tmp_path, mapped, monkeypatch
):
    """Only the document and what it brings in with XInclude count towards the bytes one document may have
    (teitools.load): an image larger than that bound beside a small letter leaves the letter's page kept."""
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1")  # about 20 kB a document with one job
    corpus = letters_and_persons(tmp_path / "corpus")
    (corpus / "scan.png").write_bytes(b"x" * 100_000)
    render(corpus, tmp_path / "out")
    mapped.clear()
    render(corpus, tmp_path / "out")
    assert mapped == []


def test_a_small_file_that_now_brings_in_too_much_for_the_memory_is_refused(tmp_path, mapped, monkeypatch):
    """What a file brings in with XInclude counts towards the bound, kept or not: a root of a few hundred
    bytes whose included header is large is refused once the memory shrinks."""
    large = HEADER.format(title="Included").replace("<teiHeader>", f'<teiHeader xmlns="{TEI_NS}">')
    large = large.replace(
        "<p>Test</p></publicationStmt>", "<p>" + "word " * 10_000 + "</p></publicationStmt>"
    )
    (tmp_path / "header.inc").write_text(large)
    (tmp_path / "root.xml").write_text(document("", header='<xi:include href="header.inc"/>'))
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1000")
    assert "[too-large]" not in validate(str(tmp_path))[1]
    monkeypatch.setenv(run.MEMORY_ENVIRONMENT, "1")  # about 20 kB: the root alone is within it
    assert "with what it includes (XInclude)" in validate(str(tmp_path))[1]
