"""tei_all built in: jing's verdicts on the corpus, TEI's Schematron, declared schemas, XInclude, entities."""

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, EDITION_FILES, TEI_ALL_RNG, TEI_DIR, a_corpus_of_parts
from lxml import etree

from teitools import grammar, schemas, xinclude
from teitools.cli import main
from teitools.expected import Expectations
from teitools.findings import Finding, Report
from teitools.load import load, load_all
from teitools.schemas import (
    PROJECT_SCHEMA_ADDRESS,
    TEI_ALL_ADDRESS,
    TeiAll,
    cache_dir,
    declares_project_schema,
    markup_names,
    markup_names_in,
    named_schema,
    tei_all_version,
)

DATA = Path(__file__).parent / "data" / "tei_all"
TEI = "http://www.tei-c.org/ns/1.0"
SCHEMATRON_CASES = {
    # fixture: (severity, words of the message, the element the finding is at)
    "ptr-target-and-cref.xml": ("error", "Only one of the attributes @target and @cRef", "<ptr "),
    "subst-without-del.xml": ("error", "<subst> must have at least one child <add>", "<subst>"),
    "lg-without-l.xml": ("error", "must contain at least one child <l>, <lg>, or <gap>", "<lg>"),
    "l-holds-p.xml": ("error", "Metrical lines (<l> elements) may not contain", "<q><p>"),
    "when-with-from.xml": ("warning", "@when attribute cannot be used with any other", "<date "),
    "addspan-without-spanto.xml": ("error", "The @spanTo attribute of <addSpan> is required", "<addSpan"),
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def json_findings(*args: str) -> tuple[int, list[dict]]:
    code, output = run("--format", "json", *args)
    return code, json.loads(output)["findings"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test session prepares grammars in its own cache folder, never in the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("TEITOOLS_TEI_ALL", raising=False)


# --- parity with jing -----------------------------------------------------------------------------------


def jing_errors(files: list[Path]) -> Counter[Path]:
    """How many errors jing finds in each file against tei_all.rng, all in one JVM. Its warnings (an
    XInclude falling back) do not make a file invalid."""
    jing = shutil.which("jing")
    assert jing, "jing is needed for the parity test: scripts/install-system-deps.sh installs it"
    result = subprocess.run([jing, str(TEI_ALL_RNG), *map(str, files)], capture_output=True, text=True)
    errors = re.findall(r"^(.+?\.xml):\d+:\d+: (?:fatal )?error:", result.stdout, re.M)
    return Counter(Path(name).resolve() for name in errors)


def jing_invalid_files(files: list[Path]) -> set[Path]:
    return set(jing_errors(files))


def test_verdicts_and_error_counts_are_jings_on_every_well_formed_corpus_file():
    report = Report()
    documents = load_all([CORPUS], report)
    refused = {Path(f.file).resolve() for f in report.findings if f.rule != "not-well-formed"}
    well_formed = sorted({d.resolved for d in documents} | refused)
    assert len(well_formed) == 37
    schema = TeiAll()
    schema.prepare(documents)
    by_us = Counter({d.resolved: len(schema.grammar.check(d)) for d in documents})
    by_jing = jing_errors(well_formed)
    assert refused | set(+by_us) == set(by_jing)
    # And as many errors in each file: what libxml2 leaves unchecked is checked too (CompiledSchema).
    assert +by_us == Counter({file: count for file, count in by_jing.items() if file not in refused})


def test_a_value_an_attribute_may_not_take_is_said_with_those_it_may():
    """jing: 'value of attribute "cert" is invalid; must be a floating-point number or must be equal to
    "high", "low", "medium" or "unknown"'."""
    code, found = json_findings("--schema", "tei_all", str(CORPUS / "schnitzler-briefe" / "L02765.xml"))
    messages = [f["message"] for f in found if "cert" in f["message"]]
    assert code == 1 and messages == [
        'invalid value "strong" of attribute cert on element rs: expecting a number, "high", "medium", "low"'
        ' or "unknown"'
    ]


def test_a_grammar_prepared_for_one_file_gives_the_same_verdict():
    """Pruning to one file's elements keeps the verdict the whole-corpus grammar gives."""
    report = Report()
    documents = load_all([CORPUS], report)
    corpus_wide = TeiAll()
    corpus_wide.prepare(documents)
    for document in documents[::4]:
        alone = TeiAll()
        alone.prepare([document])
        assert bool(alone.grammar.check(document)) == bool(corpus_wide.grammar.check(document)), (
            document.label
        )


def test_schema_findings_keep_position_element_and_expectation():
    code, found = json_findings("--schema", "tei_all", str(CORPUS / "tei-stylesheets-test" / "test32.xml"))
    schema = [f for f in found if f["rule"] == "schema"]
    assert code == 1 and schema
    first = schema[0]
    assert first["line"] > 1 and first["column"] > 1 and first["xpath"].startswith("/")
    assert all(re.search(r"\b(line|reg)\b", f["message"]) for f in schema), schema


LACKING = {
    "no-teiHeader": "<text><body><p>x</p></body></text>",
    "no-sourceDesc": "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>"
    "<publicationStmt><p>p</p></publicationStmt></fileDesc></teiHeader><text><body><p>x</p></body></text>",
}


@pytest.mark.parametrize("lacking", sorted(LACKING))
def test_a_document_that_lacks_a_required_child_is_invalid_as_for_jing(tmp_path, lacking):
    """The absent child is in no file of the run, yet the grammar keeps it as a stub: pruned to
    notAllowed, it would make its parent notAllowed too, and the message and its place would be lost."""
    path = tmp_path / f"{lacking}.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  {LACKING[lacking]}\n</TEI>\n')
    code, found = json_findings("--schema", "tei_all", str(path))
    assert code == 1 and [(f["rule"], f["line"]) for f in found] == [("schema", 2)]
    assert jing_invalid_files([path]) == {path.resolve()}
    # libxml2 names no element here; teitools names the one jing says is missing (teitools.expected).
    missing = {"no-teiHeader": "teiHeader", "no-sourceDesc": "sourceDesc"}[lacking]
    assert (
        found[0]["message"].endswith(f"expecting {missing}")
        or f"missing required element {missing}" in found[0]["message"]
    )
    jing = jing_messages([path])[0]
    assert f'missing required element "{missing}"' in jing and jing.split(":")[1] == str(found[0]["line"])


MISPLACED_THEN_MORE = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
  <sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div><p>A division, then a paragraph where none may follow one.</p></div>
    <p>An unknown element <wibble/> in it,</p>
    <lg><l>and a paragraph</l><p>in verse</p></lg>
    <list><item>and in a list after that <wobble/></item></list>
  </body></text>
</TEI>
"""


def test_what_follows_a_misplaced_child_is_checked_as_jing_checks_it(tmp_path):
    """libxml2 stops checking a parent's content at its first misplaced child (the paragraph after a
    division): teitools goes on as jing does, and says what jing says, where jing says it."""
    path = tmp_path / "misplaced.xml"
    path.write_text(MISPLACED_THEN_MORE)
    code, found = json_findings("--schema", "tei_all", str(path))
    assert code == 1 and {f["rule"] for f in found} == {"schema"}
    said = [(f["line"], re.search(r"element (\w+)", f["message"]).group(1)) for f in found]
    # The later children the body may not hold there either (by their names), and inside each child what
    # may not be there.
    assert said == [(6, "p"), (6, "wibble"), (7, "lg"), (7, "p"), (8, "list"), (8, "wobble")]
    jing = [
        (int(line.split(":")[1]), re.search(r'element "(\w+)"', line).group(1))
        for line in jing_messages([path])
    ]
    assert said == jing
    # Each says what may come there instead, as for the first.
    assert all(": expecting " in f["message"] for f in found)


def test_a_slip_repeated_in_a_document_is_said_at_each_of_its_places(tmp_path):
    """What follows a misplaced child is worked out once for the same names (test32 repeats one slip in 300
    parents): each parent still gets the findings of its own children, on their own lines, as from jing."""
    stanza = "<lg>\n<l>a line</l>\n<p>a paragraph</p>\n<p>and another</p>\n</lg>\n"
    path = tmp_path / "repeated.xml"
    path.write_text(MISPLACED_THEN_MORE.split("<div>")[0] + stanza * 3 + "</body></text>\n</TEI>\n")
    code, found = json_findings("--schema", "tei_all", str(path))
    said = [(f["line"], re.search(r"element (\w+)", f["message"]).group(1)) for f in found]
    first = MISPLACED_THEN_MORE.split("<div>")[0].count("\n") + 1
    assert code == 1 and said == [(first + 5 * n + k, "p") for n in range(3) for k in (2, 3)]
    jing = [
        (int(line.split(":")[1]), re.search(r'element "(\w+)"', line).group(1))
        for line in jing_messages([path])
    ]
    assert said == jing


def test_a_parent_that_lacks_a_required_child_once_its_misplaced_ones_are_left_out_says_so(tmp_path):
    """ELTeC's own elements in a textDesc: misplaced, and the textDesc lacks what tei_all requires."""
    path = tmp_path / "incomplete.xml"
    path.write_text(
        LACKING["no-sourceDesc"]
        .replace("</fileDesc>", "<sourceDesc><p>s</p></sourceDesc></fileDesc>")
        .replace(
            "</teiHeader>",
            "<profileDesc><textDesc>\n<authorGender xmlns='http://distantreading.net/eltec/ns'/>\n"
            "<size xmlns='http://distantreading.net/eltec/ns'/>\n</textDesc></profileDesc></teiHeader>",
        )
        .join(['<TEI xmlns="http://www.tei-c.org/ns/1.0">\n', "\n</TEI>\n"])
    )
    code, found = json_findings("--schema", "tei_all", str(path))
    foreign = "(the schema has no element in namespace http://distantreading.net/eltec/ns)"
    assert code == 1 and [f["message"] for f in found] == [
        f"Did not expect element authorGender there {foreign}: expecting channel",
        f"Did not expect element size there {foreign}: expecting channel",
        "element textDesc incomplete; missing required element channel",
    ]
    jing = jing_messages([path])
    assert len(jing) == 3 and 'element "textDesc" incomplete; missing required element "channel"' in jing[2]
    # Where jing says it: at the end tag, once the element's content has been read.
    lines = path.read_text().splitlines()
    end = next(n for n, line in enumerate(lines, 1) if "</textDesc>" in line)
    assert (found[2]["line"], found[2]["column"]) == (end, lines[end - 1].index("</textDesc>") + 1)
    assert jing[2].split(":")[1] == str(end)


def jing_messages(files: list[Path]) -> list[str]:
    result = subprocess.run(["jing", str(TEI_ALL_RNG), *map(str, files)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def test_a_misplaced_child_is_one_finding_as_for_jing():
    """libxml2 logs "Element formula has extra content: math" beside "Did not expect element math there"."""
    code, found = json_findings("--schema", "tei_all", str(CORPUS / "tei-stylesheets-test" / "maria.xml"))
    misplaced = [f for f in found if f["message"].startswith("Did not expect element math there")]
    assert code == 1 and len(misplaced) >= 3
    assert not [f for f in found if "extra content" in f["message"]]
    jings = [m for m in jing_messages([CORPUS / "tei-stylesheets-test" / "maria.xml"]) if '"math"' in m]
    assert len(jings) == len(misplaced)


def test_the_elements_a_message_says_are_expected_are_those_jing_names():
    """Where libxml2 says "Did not expect element X there", teitools adds what the parent expects there,
    from tei_all whole (teitools.expected): jing's list for the same element, in invalid corpus files."""
    files = [CORPUS / name for name in ("eltec-eng/ENG18530_Dickens.xml", "schnitzler-briefe/L02550.xml")]
    files += [CORPUS / "tei-stylesheets-test" / name for name in ("maria.xml", "test32.xml")]
    jings: dict[tuple[str, int], set[str]] = {}
    for line in jing_messages(files):
        place, _, message = line.partition(": error: ")
        name, number, _ = place.rsplit(":", 2)
        if "; expected " in message:
            listed = message.split("; expected ", 1)[1].split(" (with xmlns")[0]
            jings[Path(name).name, int(number)] = set(re.findall(r'"(?:[\w.-]+:)?([\w.-]+)"', listed))
    code, found = json_findings("--schema", "tei_all", *map(str, files))
    completed = [f for f in found if ": expecting " in f["message"]]
    assert code == 1 and len(completed) >= 4
    for finding in completed:
        ours = finding["message"].split(": expecting ", 1)[1]
        names, more = re.fullmatch(r"(.+?)(?: \(or (\d+) more\))?", ours).groups()
        theirs = jings[Path(finding["file"]).name, finding["line"]]
        assert set(names.split(" or ")) <= theirs and len(theirs) == len(names.split(" or ")) + int(more or 0)


def test_a_refusal_libxml2_gives_no_reason_for_is_still_a_finding(tmp_path):
    """libxml2 refuses every document against a grammar whose start is notAllowed, with an empty log."""
    nothing = b'<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><notAllowed/></start></grammar>'
    schema = schemas.CompiledSchema("nothing.rng", etree.RelaxNG(etree.fromstring(nothing)))
    path = tmp_path / "any.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n')
    found = schema.check(load(path))
    assert [(f.line, f.severity, f.rule) for f in found] == [(1, "error", "schema")]
    assert "nothing.rng" in found[0].message


def expected_in(content_model: str, children: str) -> tuple[str, ...]:
    """What teitools.expected says a doc element expects after these children, under this content model."""
    defines = "".join(f'<define name="{n}"><element name="{n}"><empty/></element></define>' for n in "abcz")
    rng = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0">
      <start><element name="doc">{content_model}</element></start>{defines}</grammar>"""
    document = etree.fromstring(f"<doc>{children}</doc>")
    return Expectations.of(etree.fromstring(rng)).after(document, list(document))


@pytest.mark.parametrize(
    "content_model, children, expected",
    [
        ('<oneOrMore><ref name="a"/></oneOrMore><ref name="z"/>', "<a/><a/>", ("z",)),  # one must come
        ('<zeroOrMore><ref name="a"/></zeroOrMore><optional><ref name="b"/></optional>', "<a/>", ("a", "b")),
        ('<choice><ref name="a"/><optional><ref name="b"/></optional></choice>', "", ("a", "b")),  # may end
        ('<interleave><ref name="a"/><ref name="b"/></interleave>', "<b/>", ("a",)),
        ('<ref name="a"/><choice><ref name="b"/><ref name="c"/></choice>', "<a/>", ("b", "c")),
        ('<ref name="a"/>', "<z/>", ()),  # nothing follows what cannot match
        ('<mixed><ref name="a"/><ref name="b"/></mixed>', "<a/>", ("b",)),  # text matches as it comes
        ('<ref name="a"/><text/><data type="token"/><ref name="b"/>', "<a/>", ("b",)),
    ],
)
def test_what_a_content_model_expects_next(content_model, children, expected):
    assert expected_in(content_model, children) == expected


def test_the_same_point_of_a_content_model_is_derived_once(monkeypatch):
    """A corpus repeats its mistakes: the second letter with a salute out of place costs a lookup."""
    rng = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="doc">
      <zeroOrMore><element name="a"><empty/></element></zeroOrMore><element name="z"><empty/></element>
      </element></start></grammar>"""
    expectations = Expectations.of(etree.fromstring(rng))
    steps = []
    derived = expectations.derived
    monkeypatch.setattr(expectations, "derived", lambda *point: steps.append(point) or derived(*point))
    first, second, other = (
        etree.fromstring(f"<doc>{children}</doc>") for children in ("<a/><a/>", "<a/><a/>", "<a/>")
    )
    assert expectations.after(first, list(first)) == ("z",) and steps == [("doc", ("a", "a"))]
    assert expectations.after(second, list(second)) == ("z",) and len(steps) == 1
    assert expectations.after(other, list(other)) == ("z",) and steps[1:] == [("doc", ("a",))]


def test_the_grammar_is_read_for_expectations_only_when_a_message_needs_them(tmp_path):
    """Reading tei_all whole costs 20 ms a process: a valid document does not ask for it; an attribute that
    libxml2 calls invalid does (not allowed there, or a wrong value?), and so does a missing child."""
    grammar_text = b"""<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
      <start><element name="TEI"><element name="a"><empty/></element><element name="b"><empty/></element>
      </element></start></grammar>"""
    asked = []
    schema = schemas.CompiledSchema(
        "small.rng",
        etree.RelaxNG(etree.fromstring(grammar_text)),
        expectations=lambda: asked.append(1) or Expectations.of(etree.fromstring(grammar_text)),
    )
    path = tmp_path / "doc.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><a/><b/></TEI>')
    assert schema.check(load(path)) == [] and not asked
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><a x="1"/><b/></TEI>')
    assert [f.message for f in schema.check(load(path))] == ["attribute x is not allowed on element a"]
    assert asked == [1]
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><a/></TEI>')
    assert [f.message for f in schema.check(load(path))] == [
        "element TEI incomplete; missing required element b"
    ]
    assert asked == [1, 1]


# --- TEI's Schematron -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMATRON_CASES))
def test_each_schematron_constraint_is_found_at_its_line(name):
    severity, words, start_tag = SCHEMATRON_CASES[name]
    path = DATA / name
    expected_line = next(
        number for number, line in enumerate(path.read_text().splitlines(), 1) if start_tag in line
    )
    code, found = json_findings("--schema", "tei_all", str(path))
    matching = [f for f in found if words in f["message"]]
    assert matching, found
    assert {(f["severity"], f["line"]) for f in matching} == {(severity, expected_line)}
    assert not [f for f in found if f["rule"] == "schema"], "the fixture is valid against the grammar"
    assert code == (1 if severity == "error" else 0)


def test_a_constraint_the_odd_states_in_english_and_french_is_said_once():
    code, found = json_findings("--schema", "tei_all", str(DATA / "addspan-without-spanto.xml"))
    assert code == 1
    assert [f["message"] for f in found] == ["The @spanTo attribute of <addSpan> is required."]


def test_a_clean_document_gives_no_findings():
    assert run("--schema", "tei_all", str(DATA / "clean.xml")) == (
        0,
        "1 file checked, 0 errors, 0 warnings\n",
    )


def test_only_the_rules_for_elements_present_are_compiled():
    schema = TeiAll()
    schema.prepare([load(DATA / "clean.xml")])
    assert 0 < schema.schematron.rules_kept < schema.schematron.rules_total // 2


# --- no configuration, the version, declared schemas -----------------------------------------------------


def test_tei_all_needs_no_configuration_and_the_version_is_reported():
    code, output = run("--schema", "tei_all", "--format", "json", str(DATA / "clean.xml"))
    assert code == 0 and json.loads(output)["tei_version"] == tei_all_version() == "4.12.0"
    version = CliRunner().invoke(main, ["--version"]).output
    assert "TEI P5 4.12.0" in version


def declaring(tmp_path: Path, href: str, body: str = "") -> Path:
    """The clean fixture, declaring a schema, with a paragraph the project schema does not allow."""
    text = (DATA / "clean.xml").read_text()
    declaration = f'<?xml-model href="{href}" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    text = text.replace("<TEI ", declaration + "<TEI ", 1).replace("    </body>", body + "    </body>")
    path = tmp_path / "declared.xml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    "href",
    [
        "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng",
        "https://tei-c.org/Vault/P5/4.12.0/xml/tei/custom/schema/relaxng/tei_all.rng",
        "../schema/tei_all.rng",
    ],
)
def test_a_declared_tei_all_is_the_bundled_copy(tmp_path, href):
    path = declaring(tmp_path, href, "      <lg><label>no line</label></lg>\n")
    code, found = json_findings(str(path))
    assert code == 1 and [f["rule"] for f in found] == ["tei_all-lg-atleast1oflggapl-constraint-rule-22"]
    assert (
        run("--schema", "teitools", str(path))[0] == 1
    )  # the project schema knows no lg: auto chose tei_all


def test_a_declared_schema_that_is_not_bundled_warns_and_falls_back_to_tei_all(tmp_path):
    path = declaring(tmp_path, "https://example.org/my-customisation.rng")
    code, found = json_findings(str(path))
    assert code == 0 and [(f["rule"], f["severity"], f["line"]) for f in found] == [
        ("schema-declared", "warning", 2)
    ]
    assert "is not bundled" in found[0]["message"] and "tei_all" in found[0]["message"]


def test_a_document_that_declares_nothing_gets_tei_all_in_any_edition_folder(tmp_path, monkeypatch):
    """Another project's edition, in its own tei/ folder, run as its editors run teitools: its documents
    are TEI P5, not this edition's customisation (which allows neither the fixture's verse nor its header's
    paragraphs)."""
    (tmp_path / "tei").mkdir()
    shutil.copy(DATA / "clean.xml", tmp_path / "tei" / "theirs.xml")
    monkeypatch.chdir(tmp_path)
    code, output = run("--format", "json")
    assert code == 0 and json.loads(output)["findings"] == []
    code, found = json_findings("--schema", "teitools", "tei")
    assert code == 1 and {f["rule"] for f in found} == {"schema"}


@pytest.mark.parametrize("href", ["../schema/teitools.xsd", "teitools.xsd", "schema/teitools.odd"])
def test_a_declared_project_schema_is_the_bundled_copy(tmp_path, href):
    path = declaring(tmp_path, href)
    code, found = json_findings(str(path))
    assert code == 1 and {f["rule"] for f in found} == {"schema"}
    assert all("This element is not expected" in f["message"] for f in found)  # the XSD's words
    assert run("--schema", "tei_all", str(path))[0] == 0


def locating(tmp_path: Path, location: str) -> Path:
    """The clean fixture, its schema declared as an XSD processor reads it: xsi:schemaLocation on the root."""
    declared = f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{TEI} {location}"'
    text = (DATA / "clean.xml").read_text().replace(f'<TEI xmlns="{TEI}">', f'<TEI xmlns="{TEI}" {declared}>')
    path = tmp_path / "located.xml"
    path.write_text(text)
    return path


def test_a_schema_declared_in_xsi_schema_location_is_one_the_document_declares(tmp_path):
    """Schnitzler's letters name their XSD in xsi:schemaLocation: not bundled, said at the attribute, and
    tei_all checks them (which allows no xsi:schemaLocation, as jing says too)."""
    path = locating(tmp_path, "../meta/their-schema.xsd")
    code, found = json_findings(str(path))
    declared = [f for f in found if f["rule"] == "schema-declared"]
    column = path.read_text().splitlines()[1].index("xsi:schemaLocation") + 1
    assert [(f["severity"], f["line"], f["column"]) for f in declared] == [("warning", 2, column)]
    assert '"../meta/their-schema.xsd" is not bundled' in declared[0]["message"]
    assert code == 1 and {f["rule"] for f in found} == {"schema-declared", "schema"}
    code, found = json_findings(str(locating(tmp_path, "../schema/teitools.xsd")))
    assert code == 1 and all("This element is not expected" in f["message"] for f in found)  # the XSD


def test_the_edition_declares_the_project_schema():
    for path in EDITION_FILES:
        assert declares_project_schema(path), path
    for other in ("https://example.org/teitools.xsd", "my-teitools.xsd", "teitools.rng"):
        assert not PROJECT_SCHEMA_ADDRESS.match(other)


def test_the_catalog_matches_tei_addresses_only():
    assert TEI_ALL_ADDRESS.match(
        "http://www.tei-c.org/Vault/P5/3.1.0/xml/tei/custom/schema/relaxng/tei_all.rng"
    )
    for other in ("https://example.org/tei_all.rng", "https://dracor.org/schema.rng", "tei_lite.rng"):
        assert not TEI_ALL_ADDRESS.match(other)


# --- the prepared grammar -------------------------------------------------------------------------------

LIST = """<element name="list" xmlns="http://relaxng.org/ns/structure/1.0">
  <oneOrMore><oneOrMore><element name="a"><empty/></element></oneOrMore>
  <zeroOrMore><element name="b"><empty/></element></zeroOrMore></oneOrMore></element>"""


def in_grammar(pattern: str) -> bytes:
    return (
        f'<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>{pattern}</start>'
        '<define name="unused"><element name="c"><empty/></element></define></grammar>'
    ).encode()


@pytest.mark.parametrize(
    ("document", "valid"),
    [
        ("<list><a/></list>", True),
        ("<list><a/><b/><a/><a/><b/><b/></list>", True),
        ("<list><b/><a/></list>", False),
        ("<list/>", False),
    ],
)
def test_flattened_repetitions_accept_the_same_documents(document, valid):
    original = in_grammar(LIST)
    prepared = grammar.prepare(original, {"list", "a", "b"})
    assert b"oneOrMore><oneOrMore" not in prepared.replace(b" ", b"").replace(b"\n", b"")
    for source in (original, prepared):
        assert etree.RelaxNG(etree.fromstring(source)).validate(etree.fromstring(document)) is valid


def test_pruning_drops_absent_elements_and_unreachable_definitions():
    prepared = grammar.prepare(in_grammar(LIST), {"list", "a"})
    assert b'name="b"' not in prepared and b'name="unused"' not in prepared
    relaxng = etree.RelaxNG(etree.fromstring(prepared))
    assert relaxng.validate(etree.fromstring("<list><a/><a/></list>"))
    assert not relaxng.validate(etree.fromstring("<list/>"))


ATTRIBUTES = """<element name="list" xmlns="http://relaxng.org/ns/structure/1.0">
  <optional><attribute name="kept"/></optional><optional><attribute name="absent"/></optional>
  <attribute name="required"/><oneOrMore><element name="a"><empty/></element></oneOrMore></element>"""


def test_optional_attributes_no_document_carries_are_pruned_and_required_ones_kept():
    prepared = grammar.prepare(in_grammar(ATTRIBUTES), {"list", "a", "@kept", "@required"})
    assert b'name="absent"' not in prepared and b'name="required"' in prepared
    relaxng = etree.RelaxNG(etree.fromstring(prepared))
    assert relaxng.validate(etree.fromstring('<list kept="1" required="2"><a/></list>'))
    assert not relaxng.validate(etree.fromstring('<list kept="1"><a/></list>'))  # still missing
    # Without attribute names in `present` nothing is known of the attributes: all are kept.
    assert b'name="absent"' in grammar.prepare(in_grammar(ATTRIBUTES), {"list", "a"})


SHARED_CLASS = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="list">
  <ref name="att.shared"/><oneOrMore><element name="a"><ref name="att.shared"/><empty/></element></oneOrMore>
  </element></start><define name="att.shared"><ref name="att.shared.kept"/>
  <optional><attribute name="other"/></optional></define>
  <define name="att.shared.kept"><optional><attribute name="kept"/></optional></define></grammar>"""


def test_each_element_keeps_only_the_optional_attributes_it_carries():
    present = {"list", "a", "@kept", "@other", "list@kept", "a@other"}
    prepared = etree.fromstring(grammar.prepare(SHARED_CLASS.encode(), present))
    offered = {
        element.get("name"): sorted(
            a.get("name")
            for a in element.iter(grammar.rng("attribute"))
            if next(a.iterancestors(grammar.rng("element"))) is element
        )
        for element in prepared.iter(grammar.rng("element"))
    }
    assert offered == {"list": ["kept"], "a": ["other"]}
    assert not prepared.findall(grammar.rng("define"))  # the class lives on in its copies only
    for source in (SHARED_CLASS.encode(), etree.tostring(prepared)):
        relaxng = etree.RelaxNG(etree.fromstring(source))
        assert relaxng.validate(etree.fromstring('<list kept="1"><a other="2"/><a/></list>'))
        assert not relaxng.validate(etree.fromstring('<list kept="1"><b/></list>'))


MIXED = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="p">
  <zeroOrMore><choice><text/><ref name="model.phrase"/><ref name="model.global"/></choice></zeroOrMore>
  </element></start>
  <define name="model.phrase"><choice><ref name="hi"/><ref name="model.name"/></choice></define>
  <define name="model.name"><ref name="name"/></define>
  <define name="model.global"><choice><ref name="pb"/>{also}</choice></define>
  <define name="hi"><element name="hi"><ref name="macro"/></element></define>
  <define name="macro"><zeroOrMore><choice><text/><ref name="name"/></choice></zeroOrMore></define>
  <define name="name"><element name="name"><text/></element></define>
  <define name="pb"><element name="pb"><empty/></element></define></grammar>"""


@pytest.mark.parametrize(
    "document",
    [
        "<p>a <hi>b <name>c</name></hi> <pb/> d</p>",
        "<p><name>a</name><pb/><hi/>b</p>",
        "<p>a <pb>x</pb></p>",
        "<p><hi><pb/></hi></p>",
        "<p>a <other/> b</p>",
    ],
)
def test_mixed_content_becomes_text_or_one_choice_of_elements_with_the_same_verdicts(document):
    """libxml2 compiles mixed content built from nested classes in a time that grows with about the cube of
    their elements, from one choice in about linear time: the language, verdicts and messages are the same."""
    original = MIXED.format(also="").encode()
    prepared = grammar.prepare(original, {"p", "hi", "name", "pb"})
    one_choice = etree.fromstring(prepared).xpath(
        "//r:element[@name='p']/r:zeroOrMore/r:choice[r:text]/r:choice/r:ref/@name",
        namespaces={"r": grammar.RNG},
    )
    assert one_choice == ["hi", "name", "pb"]  # each element once, in the order the classes name them
    verdicts = []
    for source in (original, prepared):
        relaxng = etree.RelaxNG(etree.fromstring(source))
        verdicts.append(
            (relaxng.validate(etree.fromstring(document)), [e.message for e in relaxng.error_log])
        )
    assert verdicts[0] == verdicts[1]


def test_an_element_two_classes_offer_is_offered_once():
    """Offered twice, an element made libxml2's automaton ambiguous: it fell back on its slower interpreter,
    whose message named no element. Offered once, the verdict is the same and the message names it."""
    original = MIXED.format(also='<ref name="hi"/>').encode()
    prepared = grammar.prepare(original, {"p", "hi", "name", "pb"})
    document = etree.fromstring("<p>a <other/> b</p>")
    messages = []
    for source in (original, prepared):
        relaxng = etree.RelaxNG(etree.fromstring(source))
        assert not relaxng.validate(document)
        messages.append([e.message for e in relaxng.error_log])
    assert messages == [["Element p has extra content: text"], ["Did not expect element other there"]]


NAME_TOKEN = (
    '<element name="hi" xmlns="http://relaxng.org/ns/structure/1.0" '
    'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><optional><attribute name="rend">'
    '<data type="token"><param name="pattern">[^\\p{C}\\p{Z}]+</param></data></attribute></optional>'
    "<text/></element>"
)


@pytest.mark.parametrize(
    "rend", ["italic", "small-caps", "x:y", "ö̈ü", "a b", "\u00a0", "\u2028x", "x\u200bx", ""]
)
def test_a_name_token_tried_as_nmtoken_first_gives_the_same_verdicts_and_messages(rend):
    original = in_grammar(NAME_TOKEN)
    prepared = grammar.prepare(original, {"hi", "@rend"})
    assert b'type="NMTOKEN"' in prepared
    outcomes = []
    for source in (original, prepared):
        relaxng = etree.RelaxNG(etree.fromstring(source))
        document = etree.Element("hi", rend=rend)
        outcomes.append((relaxng.validate(document), [e.message for e in relaxng.error_log]))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("spelling", ["\u06dd", "&#x6DD;", "&#1757;"])
def test_u06dd_in_a_name_token_is_taken_as_jing_takes_it(tmp_path, spelling):
    """U+06DD is the one character libxml2's NMTOKEN takes and its pattern [^\\p{C}\\p{Z}]+ refuses; jing
    takes it (a mark in XML Schema's Unicode 3.1): with NMTOKEN tried first, teitools agrees with jing."""
    shutil.copy(DATA / "clean.xml", tmp_path / "other.xml")
    clean = (DATA / "clean.xml").read_text(encoding="utf-8")
    (tmp_path / "typed.xml").write_text(clean.replace("<title>", f'<title type="main{spelling}">', 1))
    code, found = json_findings("--schema", "tei_all", str(tmp_path))
    assert code == 0, found
    assert jing_invalid_files([tmp_path / "typed.xml"]) == set()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_file_in_utf_16_is_read_for_its_names_too(tmp_path, encoding):
    """Its markup is not ASCII bytes: read as bytes, it named nothing, and the grammar prepared for the other
    files of the run rejected its elements."""
    declaration = (
        '<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"?>'
    )
    wide = (
        (DATA / "clean.xml").read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"')
    )
    wide = wide.replace("<TEI ", declaration + "\n<TEI ", 1) if "<?xml-model" not in wide else wide
    (tmp_path / "wide.xml").write_bytes(wide.encode(encoding))
    shutil.copy(CORPUS / "eltec-eng" / "ENG18980_BaringGould.xml", tmp_path / "other.xml")
    assert markup_names(etree.parse(str(tmp_path / "wide.xml"))) <= markup_names_in(
        (tmp_path / "wide.xml").read_bytes()
    )
    for schema in ("tei_all", "auto"):
        result = CliRunner().invoke(main, ["validate", "--schema", schema, "--format", "json", str(tmp_path)])
        findings = json.loads(result.output)["findings"]
        assert [f for f in findings if f["file"].endswith("wide.xml")] == []


def test_the_names_read_from_bytes_hold_every_element_and_attribute_of_the_tree():
    raw = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x"><text>\n'
        b'<p rend="a > b" xml:lang="en"\n  n = \'1\'>Text with a=b</p><x:seg x:type="t"/>'
        b"<!-- <q don't --><hi rend='b'/></text></TEI>"
    )
    names = markup_names_in(raw)
    assert markup_names(etree.fromstring(raw).getroottree()) <= names
    assert {"@rend", "@lang", "@n", "@type", "{urn:x}seg"} <= names and "@a" not in names
    # Which element carries which attribute: a quote in a comment does not hand hi's to another element.
    assert {f"{{{TEI}}}p@rend", f"{{{TEI}}}p@lang", "{urn:x}seg@type", f"{{{TEI}}}hi@rend"} <= names


def test_a_long_list_is_followed_in_linear_time():
    """4000 persons: libxml2 backtracked on tei_all's (X+, Y*)+ for a minute; flattened, it does not."""
    persons = "".join(f'<person xml:id="person{n}"><persName>P {n}</persName></person>' for n in range(4000))
    text = (
        (DATA / "clean.xml")
        .read_text()
        .replace("    <body>", f"    <body>\n      <listPerson>{persons}</listPerson>", 1)
    )
    document = etree.fromstring(text.encode()).getroottree()
    prepared = grammar.prepare(TEI_ALL_RNG.read_bytes(), {e.tag for e in document.iter(etree.Element)})
    assert etree.RelaxNG(etree.fromstring(prepared)).validate(document)


LOADED_MODULES = """import json, sys
from teitools.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(cache: Path, *args: str) -> set[str]:
    """The modules a teitools command has imported by its end, run in a fresh process."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-c", LOADED_MODULES, *args]
    output = subprocess.run(command, capture_output=True, text=True, env=environment, check=True).stdout
    return set(json.loads(output.strip().splitlines()[-1]))


def test_elementpath_is_imported_only_when_an_expression_needs_it(tmp_path):
    """tei_all's Schematron has XPath 2 expressions that libxml2 cannot run (13 for one novel). elementpath
    reads them when the Schematron is compiled, unless an earlier run found it does (the cache, by
    elementpath's release): then a run whose XPath 2 rules do not fire never imports it (a tenth of a second).
    The edition's rules are all XPath 1."""
    novel = [
        "validate",
        "--schema",
        "tei_all",
        "--no-cache",
        str(CORPUS / "eltec-eng" / "ENG18950_Cross.xml"),
    ]
    assert "elementpath" in loaded_modules(tmp_path, *novel)
    assert "elementpath" not in loaded_modules(tmp_path, *novel)
    assert "elementpath" not in loaded_modules(tmp_path / "fresh", "validate", str(TEI_DIR))


def test_validating_loads_neither_saxon_nor_package_metadata(tmp_path):
    """Saxon's native library and importlib.metadata are a fifth of `teitools validate`'s start-up: only
    rendering needs the one, only tei_all's cache key the other."""
    assert not {"saxonche", "importlib.metadata"} & loaded_modules(tmp_path, "validate", str(TEI_DIR))
    rendered = loaded_modules(tmp_path, "render", "--to", "text", "-o", str(tmp_path / "out"), str(TEI_DIR))
    assert "saxonche" in rendered


def test_what_elementpath_reads_is_kept_by_its_release(monkeypatch):
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "1.0")
    one = schemas.readable_path()
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "2.0")
    assert one is not None and one != schemas.readable_path()


def test_an_unwritable_cache_does_not_fail_the_run(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert run("--schema", "tei_all", str(DATA / "clean.xml"))[0] == 0


def test_the_prepared_grammar_is_cached_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    named_schema.cache_clear()  # as in a new process: nothing prepared yet
    assert run("--schema", "tei_all", str(DATA / "clean.xml"))[0] == 0
    cached = list(cache_dir().glob("tei_all-*.rng"))
    assert len(cached) == 1
    cached[0].write_bytes(cached[0].read_bytes().replace(b'name="lg"', b'name="lgX"'))
    named_schema.cache_clear()  # a new run is a new process: its tei_all is prepared afresh, from the cache
    # The cached copy was used (the file is checked again, not its result taken from the cache of results).
    assert run("--schema", "tei_all", "--no-cache", str(DATA / "clean.xml"))[0] == 1


def test_the_names_of_files_unchanged_since_the_last_run_are_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    clean = folder / "clean.xml"
    shutil.copy(DATA / "clean.xml", clean)
    shutil.copy(CORPUS / "gerdracor" / "schnitzler-anatols-groessenwahn.xml", folder)
    read = []
    markup_names_in = schemas.markup_names_in
    monkeypatch.setattr(schemas, "markup_names_in", lambda raw: read.append(raw) or markup_names_in(raw))
    first = run_anew(folder)
    assert len(read) == 2
    assert run_anew(folder) == first
    assert len(read) == 2  # the second run read no file for its names
    # A file rewritten since is read again, and only that one: an element and an attribute it did not hold
    # before are in the grammar (read from the cache, they would have been pruned: "Did not expect element
    # said there").
    clean.write_text(clean.read_text().replace("<l>A line", '<l><said who="#p1">A</said> line'))
    assert run_anew(folder) == first
    assert read[2:] == [clean.read_bytes()]
    # So is a file added since, alone. The names of a file gone stay in the grammar, which says the same of
    # the files left as a grammar prepared for theirs alone: here 66 errors of a letter, some listing the
    # elements that may come where one stands.
    added = folder / "L02550.xml"
    shutil.copy(CORPUS / "schnitzler-briefe" / "L02550.xml", added)
    (folder / "schnitzler-anatols-groessenwahn.xml").unlink()
    kept = run_anew(folder)
    assert read[3:] == [added.read_bytes()]
    assert len([f for f in kept[1] if f["rule"] == "schema"]) == 66
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh"))
    assert run_anew(folder) == kept
    assert len(read) == 6


def run_anew(folder: Path) -> tuple[int, list[dict]]:
    """A run in a new process, as far as the schema goes: nothing prepared, what it knows from the cache."""
    named_schema.cache_clear()
    return json_findings("--schema", "tei_all", str(folder))


# --- XInclude -------------------------------------------------------------------------------------------

INCLUDING = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">
  <xi:include href="{href}">{fallback}</xi:include>
  <text><body><p>Body.</p></body></text>
</TEI>"""

HEADER = """<teiHeader xmlns="http://www.tei-c.org/ns/1.0"><fileDesc>
  <titleStmt><title>Included</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>"""


def including(folder: Path, href: str, fallback: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "main.xml"
    path.write_text(INCLUDING.format(href=href, fallback=fallback))
    return path


def test_an_xinclude_inside_the_tree_resolves(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "header.inc").write_text(HEADER)  # not .xml: not a document of its own
    path = including(tmp_path / "texts", "../parts/header.inc")
    code, found = json_findings("--schema", "tei_all", str(tmp_path))
    assert code == 0, found
    document = load(path, tree_root=tmp_path)
    assert document.root[0].tag.endswith("teiHeader") and document.root[0].sourceline == 3


def test_markup_only_an_xinclude_brings_prepares_the_grammar_again(tmp_path):
    """The names a run prepares for are read from the files' bytes: a typed title and a language that only
    the included header holds must still be allowed."""
    (tmp_path / "header.inc").write_text(HEADER.replace("<title>", '<title type="main" xml:lang="en">'))
    including(tmp_path, "header.inc")
    code, found = json_findings("--schema", "tei_all", str(tmp_path))
    assert code == 0, found


@pytest.mark.parametrize("href", ["../outside.xml", "/etc/hostname", "http://example.org/header.xml"])
def test_an_xinclude_outside_the_tree_is_refused(tmp_path, href):
    (tmp_path / "outside.xml").write_text(HEADER)
    path = including(tmp_path / "edition", href)
    code, found = json_findings("--schema", "tei_all", str(path))
    refusals = [f for f in found if f["rule"] == "xinclude"]
    assert code == 1 and len(refusals) == 1 and "refused" in refusals[0]["message"]
    assert (refusals[0]["line"], refusals[0]["severity"]) == (3, "error")
    assert any(f["rule"] == "schema" for f in found)  # the header was not read: the document lacks it


def test_an_xinclude_loop_is_refused_once(tmp_path):
    path = including(tmp_path, "main.xml")  # the document includes itself
    code, found = json_findings("--schema", "tei_all", str(path))
    loops = [f for f in found if f["rule"] == "xinclude"]
    assert code == 1 and len(loops) == 1 and "loop" in loops[0]["message"] and loops[0]["line"] == 3


def test_a_missing_xinclude_target_takes_the_fallback_as_jing_does(tmp_path):
    path = including(tmp_path, "missing.xml", f"<xi:fallback>{HEADER}</xi:fallback>")
    code, found = json_findings("--schema", "tei_all", str(path))
    assert code == 0 and [(f["rule"], f["severity"]) for f in found] == [("xinclude", "warning")]


def test_a_part_of_a_corpus_points_to_what_the_document_including_it_holds(tmp_path):
    """A sitting's speakers are in the list its corpus root brings in: validated with the root, the pointer
    resolves, and the list is a part, not a refused document. Only what resolves nowhere is an error."""
    files = a_corpus_of_parts(tmp_path)
    code, found = json_findings("--schema", "tei_all", str(tmp_path))
    assert code == 1
    errors = [(Path(f["file"]).name, f["line"], f["rule"]) for f in found]
    # The unknown speaker, in the sitting and where the root brings the sitting in.
    assert sorted(errors) == [("corpus.xml", 5, "ref-resolves"), ("sitting.xml", 7, "ref-resolves")]
    assert all('"#P9"' in f["message"] for f in found)
    # Alone, the sitting's speakers resolve nowhere, and the list is no document.
    code, found = json_findings("--schema", "tei_all", str(files["sitting"]))
    assert [(f["line"], f["rule"]) for f in found] == [(6, "ref-resolves"), (7, "ref-resolves")]
    code, found = json_findings("--schema", "tei_all", str(files["persons"]))
    assert code == 1 and [f["rule"] for f in found] == ["tei-part"]
    assert "listPerson" in found[0]["message"]


def test_which_file_brings_in_which_is_read_from_the_one_parse_of_each(tmp_path, monkeypatch):
    """The sitting's pointers wait for the root that brings it in: what the root brings in comes from the
    map's parse of it, and no file is parsed again for it after the map."""
    a_corpus_of_parts(tmp_path)
    parsed_again: list[Path] = []
    monkeypatch.setattr(xinclude, "parsed_for_includes", lambda file, parser: parsed_again.append(file))
    code, found = json_findings("--schema", "tei_all", "--jobs", "1", str(tmp_path))
    assert code == 1  # the unknown speaker #P9, in the sitting and where the root brings it in
    assert sorted(Path(f["file"]).name for f in found) == ["corpus.xml", "sitting.xml"]
    assert parsed_again == []


def test_a_corpus_root_too_large_to_read_still_answers_for_the_list_it_brings_in(tmp_path, monkeypatch):
    """A large corpus's root brings in more than one document may hold, and is refused: its sittings' speakers
    are still found in the list of persons it brings in, read from the root's bytes."""
    files = a_corpus_of_parts(tmp_path)
    speeches = "".join(f"<u>speech {n}</u>" for n in range(9000))
    for name in ("long1", "long2"):  # each may be read alone, not the three together
        text = files["sitting"].read_text().replace('<u who="#P1">', speeches + '<u who="#P1">')
        (tmp_path / "sittings" / f"{name}.xml").write_text(text)
    root = (
        files["root"]
        .read_text()
        .replace(
            '<xi:include href="sittings/sitting.xml"/>',
            "".join(f'<xi:include href="sittings/{n}.xml"/>' for n in ("sitting", "long1", "long2")),
        )
    )
    files["root"].write_text(root)
    monkeypatch.setenv("TEITOOLS_MEMORY_MB", "10")
    code, found = json_findings("--schema", "tei_all", "--jobs", "1", str(tmp_path))
    assert code == 1
    found = sorted((Path(f["file"]).name, f["rule"], f["message"]) for f in found)
    assert [(name, rule) for name, rule, _ in found] == [
        ("corpus.xml", "too-large"),
        ("long1.xml", "ref-resolves"),
        ("long2.xml", "ref-resolves"),
        ("persons.xml", "tei-part"),  # a part of the root: not checked with it, a warning says so
        ("sitting.xml", "ref-resolves"),
    ]
    assert "with what it includes (XInclude)" in found[0][2]
    assert all('"#P9"' in message for name, _, message in found[1:] if name != "persons.xml")  # P1 is listed
    assert "corpus.xml, which could not be read" in found[3][2]


def test_a_part_whose_corpus_root_is_not_well_formed_is_not_called_a_part_of_nothing(tmp_path):
    """The root's own error says why; its list of persons is a part it brings in (read from what libxml2
    recovers of the root), not checked with it: a warning, not "no document of this run includes it"."""
    files = a_corpus_of_parts(tmp_path)
    files["root"].write_text(files["root"].read_text().replace("</teiHeader>", "</teiHeader><oops>"))
    code, found = json_findings("--schema", "tei_all", str(tmp_path))
    by_file = {Path(f["file"]).name: (f["severity"], f["rule"], f["message"]) for f in found}
    assert code == 1 and by_file["corpus.xml"][:2] == ("error", "not-well-formed")
    severity, rule, message = by_file["persons.xml"]
    assert (severity, rule) == ("warning", "tei-part") and "corpus.xml, which could not be read" in message


# --- entities -------------------------------------------------------------------------------------------


def with_doctype(tmp_path: Path, declarations: str, reference: str) -> Path:
    text = (DATA / "clean.xml").read_text()
    text = text.replace("<TEI ", f"<!DOCTYPE TEI [\n{declarations}\n]>\n<TEI ", 1)
    path = tmp_path / "entities.xml"
    path.write_text(text.replace("A clean paragraph", f"A clean {reference} paragraph"))
    return path


def test_an_internal_entity_doctype_is_accepted_and_expanded(tmp_path):
    declarations = '<!ENTITY % draft "IGNORE">\n<!ENTITY tei "Text Encoding Initiative">'
    path = with_doctype(tmp_path, declarations, "&tei;")
    assert run("--schema", "tei_all", str(path))[0] == 0
    document = load(path)
    assert "A clean Text Encoding Initiative paragraph" in etree.tostring(document.root, encoding="unicode")


def test_an_external_entity_is_refused_at_its_declaration(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("teitools-secret")
    path = with_doctype(tmp_path, f'<!ENTITY fine "ok">\n<!ENTITY leak SYSTEM "file://{secret}">', "&leak;")
    loaded = load(path)
    assert isinstance(loaded, Finding) and loaded.rule == "entity-declaration"
    assert (loaded.line, loaded.column) == (4, 1) and '"leak"' in loaded.message


def test_an_entity_bomb_is_refused(tmp_path):
    levels = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    loaded = load(with_doctype(tmp_path, levels, "&e9;"))
    assert isinstance(loaded, Finding) and loaded.rule == "entity-declaration"
