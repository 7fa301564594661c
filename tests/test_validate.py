"""teitools validate: the project schema, the rules, and every kind of bad input an editor can give it."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, EDITION_FILES, ROOT
from lxml import etree

from teitools.cli import main
from teitools.odd import compile_odd

MINIMAL = (Path(__file__).parent / "data" / "minimal.xml").read_text(encoding="utf-8")
SECRET = "teitools-secret-marker-7f3a"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    # A traceback is a defect: the command must end with an exit code, never an exception.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def write(tmp_path: Path, content: str | bytes, name: str = "doc.xml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def findings(path: Path, *extra: str) -> tuple[int, list[dict]]:
    code, output = run("--format", "json", *extra, str(path))
    return code, json.loads(output)["findings"]


def the_finding(path: Path, rule: str, *extra: str) -> dict:
    code, found = findings(path, *extra)
    assert code == 1, found
    assert [f["rule"] for f in found] == [rule], found
    assert found[0]["line"] >= 1 and found[0]["column"] >= 1
    return found[0]


def test_the_edition_is_valid():
    assert run() == (0, "3 files checked, 0 errors, 0 warnings\n")


def test_the_minimal_fixture_is_valid(tmp_path):
    code, output = run(str(write(tmp_path, MINIMAL)))
    assert code == 0, output


# --- bad input: each gets one clear finding with its position --------------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "column", "words"),
    [
        (
            MINIMAL.replace("<title>A minimal document</title>", "<title>A minimal document"),
            5,
            55,
            "mismatch",
        ),
        (MINIMAL.replace("Written on", "Written &undefined; on"), 17, 43, "undefined"),
        (MINIMAL.replace('encoding="UTF-8"', 'encoding="no-such-encoding"'), 1, 48, "encoding"),
        ("\ufeff" + MINIMAL.replace("<div>", "<div><oops>"), 19, 13, "mismatch"),
        ("\n\n<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", 3, 53, "premature end"),
    ],
    ids=["unclosed-tag", "undefined-entity", "wrong-encoding-declaration", "bom-then-bad-tag", "truncated"],
)
def test_not_well_formed(tmp_path, content, line, column, words):
    # Syntax errors are placed where libxml2 detects them: just after the offending token.
    found = the_finding(write(tmp_path, content), "not-well-formed")
    assert (found["line"], found["column"]) == (line, column)
    assert words in found["message"].lower()


def test_utf16_byte_order_mark_on_utf8_text(tmp_path):
    found = the_finding(write(tmp_path, b"\xff\xfe" + MINIMAL.encode()), "not-well-formed")
    assert found["line"] == 1


def test_empty_file(tmp_path):
    found = the_finding(write(tmp_path, ""), "not-well-formed")
    assert "empty" in found["message"]


def test_binary_file(tmp_path):
    found = the_finding(write(tmp_path, bytes(range(256)) * 8), "not-well-formed")
    assert found["file"].endswith("doc.xml")


def test_other_root_element(tmp_path):
    found = the_finding(write(tmp_path, "<html><body/></html>"), "not-tei")
    assert "html" in found["message"]


def test_tei_in_the_wrong_namespace(tmp_path):
    found = the_finding(
        write(tmp_path, MINIMAL.replace("http://www.tei-c.org/ns/1.0", "urn:x-other")), "not-tei"
    )
    assert "urn:x-other" in found["message"]


def test_tei_p5_without_its_namespace_is_told_the_namespace_not_called_p4(tmp_path):
    without = MINIMAL.replace(' xmlns="http://www.tei-c.org/ns/1.0"', "", 1)
    found = the_finding(write(tmp_path, without), "not-tei")
    assert "root element TEI is in no namespace" in found["message"]
    assert 'xmlns="http://www.tei-c.org/ns/1.0"' in found["message"] and "P4" not in found["message"]


def test_tei_p4_doctype(tmp_path):
    p4 = '<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main Document Type//EN" "tei2.dtd">\n<TEI.2><text/></TEI.2>'
    found = the_finding(write(tmp_path, p4), "tei-p4")
    assert (found["line"], found["column"]) == (2, 1)


def test_unknown_element(tmp_path):
    found = the_finding(
        write(tmp_path, MINIMAL.replace("Written on", "Written <wibble>on</wibble>")), "schema"
    )
    assert (found["line"], found["column"]) == (17, 32)
    assert "wibble" in found["message"]


def test_an_end_tag_is_found_past_what_only_looks_like_one(tmp_path):
    """Document.end_position: the end tag that closes the element, not one of a nested element of the same
    name, nor "</div>" in a comment, a CDATA section or an attribute value; an empty element ends where it
    starts."""
    from teitools.load import load

    source = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<div n="a>b">\n<!-- </div> -->\n<div>\n'
        "<p><![CDATA[</div>]]></p>\n</div>\n<div/>\n  </div>\n</TEI>\n"
    )
    document = load(write(tmp_path, source))
    outer, inner, empty = document.root.iter("{http://www.tei-c.org/ns/1.0}div")
    assert document.end_position(outer) == (8, 3)
    assert document.end_position(inner) == (6, 1)
    assert document.end_position(empty) == document.position(empty) == (7, 1)


def test_missing_header_part(tmp_path):
    content = re.sub(r"<sourceDesc>.*</sourceDesc>", "", MINIMAL)
    found = the_finding(write(tmp_path, content), "schema")
    lines = content.splitlines()
    end = next(n for n, line in enumerate(lines, 1) if "</fileDesc>" in line)  # where jing says it
    assert found["message"] == "element fileDesc incomplete; missing required element sourceDesc"
    assert (found["line"], found["column"]) == (end, lines[end - 1].index("</fileDesc>") + 1)


def test_impossible_date(tmp_path):
    content = MINIMAL.replace(
        '<date when="1926-01-09">January 9, 1926', '<date when="1926-13-45">13 45, 1926'
    )
    path = write(tmp_path, content)
    found = the_finding(path, "schema", "--schema", "teitools")
    assert (found["line"], found["column"]) == (17, 41)
    assert "1926-13-45" in found["message"]
    # The document declares no schema: auto checks it against tei_all, which refuses the date too.
    assert [f["rule"] for f in findings(path)[1]] == ["schema"]


def test_date_text_disagrees_with_when(tmp_path):
    found = the_finding(
        write(tmp_path, MINIMAL.replace("January 9, 1926", "January 19, 1926")), "date-agrees"
    )
    assert "1926-01-19" in found["message"]


def test_dangling_ref(tmp_path):
    content = MINIMAL.replace("Written on", 'Written <persName ref="#nobody">by X</persName> on')
    found = the_finding(write(tmp_path, content), "ref-resolves")
    assert (found["line"], found["column"]) == (17, 42)
    assert "nobody" in found["message"]


@pytest.mark.parametrize(
    ("written", "valid"),
    [
        ("Q19077", True),
        ("http://www.wikidata.org/entity/Q19077", True),  # DraCor's form
        ("https://www.wikidata.org/wiki/Q19077", True),
        ("https://www.wikidata.org/entity/19077", False),
        ("http://example.org/entity/Q19077", False),
        ("Q19077x", False),
    ],
)
def test_a_wikidata_id_may_be_written_as_its_address(tmp_path, written, valid):
    person = f'<person xml:id="p"><persName>X</persName><idno type="wikidata">{written}</idno></person>'
    content = MINIMAL.replace("Written on", 'Written <persName ref="#p">by X</persName> on').replace(
        "</div>", f"</div><div><listPerson>{person}</listPerson></div>"
    )
    path = write(tmp_path, content)
    if valid:
        assert findings(path) == (0, [])
    else:
        assert written in the_finding(path, "authority-id")["message"]


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1", "utf-16"])
def test_a_column_counts_characters_on_the_line_libxml2_counts(tmp_path, encoding):
    """Lines end where XML ends them (LF, CR LF, CR), not at the line separators (U+2028, NEL) a text
    may hold; the column counts characters, not bytes."""
    separators = "\u2028\x85" if encoding != "iso-8859-1" else "\x85"
    content = MINIMAL.replace("<body>", f"<body><!-- {separators} é -->").replace(
        "Written on", 'Writtén <persName ref="#nobody">by X</persName> on'
    )
    content = content.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    found = the_finding(write(tmp_path, content.replace("\n", "\r\n").encode(encoding)), "ref-resolves")
    assert (found["line"], found["column"]) == (17, 42)


def test_a_start_tag_over_several_lines_is_found_where_it_begins_and_its_attribute_where_it_is(tmp_path):
    """libxml2 gives an element the line where its start tag ends. A tag whose attributes stand on lines of
    their own is found where it is written: each attribute on its own line, and an element after it on the
    same line at its own column."""
    content = MINIMAL.replace(
        "Written on",
        'Written <persName\n     bogus="x"\n     ref="#nobody">by X</persName><rs ref="#none">Y</rs> on',
    )
    lines = content.splitlines()
    code, found = findings(write(tmp_path, content))  # no schema declared: tei_all, which has no @bogus
    assert code == 1 and [f["rule"] for f in found] == ["schema", "ref-resolves", "ref-resolves"]
    assert found[0]["message"] == "attribute bogus is not allowed on element persName"  # as jing: not allowed
    assert [(f["line"], f["column"]) for f in found] == [
        (18, lines[17].index("bogus=") + 1),
        (19, lines[18].index("ref=") + 1),
        (19, lines[18].index('<rs ref="#none"') + len("<rs ") + 1),
    ]


def test_an_attribute_of_another_namespace_is_named_as_the_document_writes_it(tmp_path):
    """libxml2 names f:revType "revType", an attribute the element does not have (the Faust edition's
    <subst f:revType>): the message names the one it has, with its prefix, and where it stands."""
    content = MINIMAL.replace("<TEI ", '<TEI xmlns:f="urn:example:faust" ').replace(
        "Written on", 'Written <seg f:revType="late">on</seg>'
    )
    code, found = findings(write(tmp_path, content))
    assert code == 1
    assert [f["message"] for f in found] == ["attribute f:revType is not allowed on element seg"]
    line = content.splitlines()[found[0]["line"] - 1]
    assert found[0]["column"] == line.index("f:revType=") + 1


def test_an_element_name_the_schema_does_not_have_is_said_so_with_the_closest_it_has(tmp_path):
    content = MINIMAL.replace("Written on", "Written <persname>on</persname> <wibble>x</wibble>")
    code, found = findings(write(tmp_path, content), "--schema", "tei_all")
    assert code == 1 and [f["message"].split(": expecting")[0] for f in found] == [
        "Did not expect element persname there (the schema has no element persname; did you mean persName?)",
        "Did not expect element wibble there (the schema has no element wibble)",
    ]


def test_an_attribute_whose_value_is_not_valid_is_said_so_with_its_value(tmp_path):
    """libxml2 says "Invalid attribute when for element date" of a value as of an attribute not allowed."""
    content = MINIMAL.replace("<text>", '<text xml:lang="en glish">').replace(
        "Written on", 'Written <date when="2020-13-45">on</date>'
    )
    code, found = findings(write(tmp_path, content), "--schema", "tei_all")
    assert code == 1 and [f["message"] for f in found] == [
        'invalid value "en glish" of attribute xml:lang on element text: expecting a language tag'
        ' (BCP 47: en, de-AT) or ""',
        'invalid value "2020-13-45" of attribute when on element date: expecting a date (YYYY-MM-DD),'
        " a year (YYYY), a month (--MM), a day (---DD), a year and month (YYYY-MM), a month and day"
        " (--MM-DD), a time (hh:mm:ss) or a date and time (YYYY-MM-DDThh:mm:ss)",
    ]


def test_duplicate_xml_id(tmp_path):
    found = the_finding(write(tmp_path, MINIMAL.replace('xml:id="p2"', 'xml:id="p1"')), "id-unique")
    assert found["line"] == 18


@pytest.mark.parametrize("schema", ["teitools", "tei_all"])
def test_an_xml_id_used_twice_is_said_once_and_hides_no_other_finding(tmp_path, schema):
    """libxml2 refuses a document that uses an id twice; it is well-formed, and its other findings are
    still given, and the grammar's own word on the id is not said again."""
    content = MINIMAL.replace('xml:id="p2"', 'xml:id="p1"').replace(
        "Written on", "Written <wibble>on</wibble>"
    )
    code, found = findings(write(tmp_path, content), "--schema", schema)
    assert code == 1 and sorted(f["rule"] for f in found) == ["id-unique", "schema"]
    assert "wibble" in next(f["message"] for f in found if f["rule"] == "schema")


def test_duplicate_xml_id_across_the_files_of_one_edition(tmp_path):
    write(tmp_path, MINIMAL.replace('xml:id="p2"', 'xml:id="p3"'), "a.xml")
    write(tmp_path, MINIMAL.replace("Written on", '<ref target="a.xml#p3">See</ref> on'), "b.xml")
    code, found = findings(tmp_path)
    assert code == 1 and [f["rule"] for f in found] == ["id-unique"]
    assert found[0]["file"].endswith("b.xml") and 'xml:id "p1" is used already in' in found[0]["message"]


def test_a_pointer_outside_the_input_folder_is_not_followed(tmp_path):
    """A file beside the input folder is never read: the pointer into it gets a warning, not a check."""
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "elsewhere", MINIMAL.replace('xml:id="p2"', 'xml:id="p3"'), "persons.xml")
    (tmp_path / "edition").mkdir()
    pointing = MINIMAL.replace("Written on", '<ref target="../elsewhere/persons.xml#p3">See</ref> on')
    write(tmp_path / "edition", pointing, "b.xml")
    code, found = findings(tmp_path / "edition")
    assert code == 0 and [(f["rule"], f["severity"]) for f in found] == [("ref-resolves", "warning")]
    assert "outside the input folder" in found[0]["message"] and found[0]["line"] == 17
    # Named together, both files are inside the input: the pointer is followed, and it leads somewhere.
    assert not [f for f in findings(tmp_path)[1] if f["rule"] == "ref-resolves"]


def test_note_numbering_gap(tmp_path):
    content = MINIMAL.replace("with a note.</p>", 'with<note n="3" place="end">Third.</note> two.</p>')
    found = the_finding(write(tmp_path, content), "note-numbering")
    assert "note 2 is missing" in found["message"]


def test_external_entity_is_never_read_nor_printed(tmp_path):
    secret = write(tmp_path, SECRET, "secret.txt")
    doctype = f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
    content = MINIMAL.replace("<TEI ", doctype + "<TEI ", 1).replace("Written on", "Written &leak; on")
    path = write(tmp_path, content)
    found = the_finding(path, "entity-declaration")
    for output_format in ("text", "json"):
        assert SECRET not in run("--format", output_format, str(path))[1]
    assert "refused" in found["message"]


def test_entity_expansion_bomb_is_refused_quickly(tmp_path):
    levels = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    content = MINIMAL.replace("<TEI ", f"<!DOCTYPE TEI [{levels}]>\n<TEI ", 1).replace("Written on", "&e9;")
    the_finding(write(tmp_path, content), "entity-declaration")


def test_very_deep_nesting(tmp_path):
    deep = "<TEI xmlns='http://www.tei-c.org/ns/1.0'>" + "<div>" * 5000 + "</div>" * 5000 + "</TEI>"
    found = the_finding(write(tmp_path, deep), "not-well-formed")
    assert "nested" in found["message"]


def test_huge_text_node(tmp_path):
    huge = MINIMAL.replace("A note.", "x" * 11_000_000)
    found = the_finding(write(tmp_path, huge), "not-well-formed")
    assert "text node" in found["message"]


def test_path_that_does_not_exist(tmp_path):
    code, output = run(str(tmp_path / "missing.xml"))
    assert code == 2 and "no such file" in output


def test_folder_with_no_xml(tmp_path):
    (tmp_path / "notes.txt").write_text("no XML here")
    code, output = run(str(tmp_path))
    assert code == 2 and "no .xml file" in output


def test_unknown_schema_file(tmp_path):
    code, output = run("--schema", str(tmp_path / "nothing.xsd"))
    assert code == 2 and "schema not found" in output


# --- output forms and options ----------------------------------------------------------------------------


def test_text_output_and_grouping(tmp_path):
    content = MINIMAL.replace(
        "Written on", 'W <persName ref="#x">a</persName> <persName ref="#x">b</persName>'
    )
    code, output = run(str(write(tmp_path, content)))
    lines = output.splitlines()
    assert code == 1
    assert re.fullmatch(
        r".*doc\.xml:17:\d+: error: @ref=\"#x\" points to no xml:id \"x\" \[ref-resolves\] "
        r"\(and 1 more at 17:\d+\)",
        lines[0],
    )
    assert lines[-1] == "1 file checked, 2 errors, 0 warnings"


def test_the_summary_counts_one_in_the_singular(tmp_path):
    # A TEI part whose root cannot be read: one error (the root) and one warning (the unchecked part).
    root = MINIMAL.replace(
        "<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/>'
    )
    write(tmp_path, root.replace("</body>", "<p></body>"), "root.xml")
    write(tmp_path, '<div xmlns="http://www.tei-c.org/ns/1.0"><p>A part</p></div>', "part.xml")
    code, output = run(str(tmp_path))
    assert code == 1 and output.splitlines()[-1] == "2 files checked, 1 error, 1 warning", output
    rendered = CliRunner().invoke(main, ["render", "--no-cache", str(tmp_path), "-o", str(tmp_path / "out")])
    assert rendered.stdout.splitlines()[-1] == f"0 of 2 files rendered, 1 file written to {tmp_path / 'out'}"


def test_json_output_has_all_fields_and_the_summary(tmp_path):
    code, output = run("--format", "json", str(write(tmp_path, MINIMAL.replace('n="1"', 'n="2"'))))
    assert code == 1
    document = json.loads(output)
    assert set(document["findings"][0]) == {"file", "line", "column", "severity", "rule", "message", "xpath"}
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0}


def test_warnings_fail_only_with_strict(tmp_path):
    persons = write(
        tmp_path,
        MINIMAL.replace('xml:id="p', 'xml:id="persons-p').replace(
            "</div>",
            '<listPerson><person xml:id="ann"><persName>Ann</persName></person>'
            '<person xml:id="bob"><persName>Bob</persName></person></listPerson></div>',
        ),
        "persons.xml",
    )
    write(
        tmp_path,
        MINIMAL.replace("Written on", '<persName ref="persons.xml#ann">Ann</persName>'),
        "letter.xml",
    )
    code, output = run(str(tmp_path))
    assert code == 0 and 'warning: person "bob" is not referred to' in output
    assert run("--strict", str(tmp_path))[0] == 1
    assert run("--quiet", str(tmp_path)) == (0, "")
    assert persons.exists()


# --- the schema: generated from the ODD, a restriction of tei_all ------------------------------------------


def test_the_xsd_is_compiled_from_the_odd_and_up_to_date():
    assert compile_odd(ROOT / "schema" / "teitools.odd") == (ROOT / "schema" / "teitools.xsd").read_bytes()


def test_odd_and_xsd_declare_the_same_elements():
    odd = etree.parse(str(ROOT / "schema" / "teitools.odd"))
    xsd = etree.parse(str(ROOT / "schema" / "teitools.xsd"))
    tei = {"tei": "http://www.tei-c.org/ns/1.0"}
    included = " ".join(odd.xpath("//tei:moduleRef/@include", namespaces=tei)).split()
    specified = odd.xpath("//tei:elementSpec/@ident", namespaces=tei)
    declared = xsd.xpath("/*/*[local-name()='element']/@name")
    assert sorted(included) == sorted(specified) == sorted(declared)


def test_the_edition_is_valid_against_the_project_schema_and_tei_all(tei_all):
    for path in EDITION_FILES:
        assert run(str(path))[0] == 0
        assert tei_all.validate(etree.parse(str(path)))


def test_the_whole_corpus_gives_positioned_findings_and_no_traceback():
    code, output = run("--format", "json", str(CORPUS))
    document = json.loads(output)
    assert code == 1 and document["summary"]["files"] == 38
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in document["findings"])
    by_rule = {f["rule"] for f in document["findings"]}
    assert {"not-well-formed", "tei-p4", "schema"} <= by_rule


# --- other schemas: any RELAX NG, and XSD 1.1 (which libxml2 cannot compile, so xmlschema runs it) ----------

XSD_11 = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning"
  vc:minVersion="1.1" targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:element name="TEI">
    <xs:complexType>
      <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:assert test="count(*) = 3"/>
    </xs:complexType>
  </xs:element>
</xs:schema>"""

RNG = """<element name="TEI" ns="http://www.tei-c.org/ns/1.0" xmlns="http://relaxng.org/ns/structure/1.0">
  <element name="teiHeader"><text/></element>
</element>"""


def test_an_xsd_11_schema_runs_in_xmlschema_with_positions(tmp_path):
    schema = tmp_path / "rules.xsd"
    schema.write_text(XSD_11)
    found = the_finding(write(tmp_path, MINIMAL), "schema", "--schema", str(schema))
    assert (found["line"], found["column"]) == (2, 1)
    assert "count(*) = 3" in found["message"] or "assert" in found["message"].lower()


def test_a_relax_ng_schema_given_by_path(tmp_path):
    schema = tmp_path / "small.rng"
    schema.write_text(RNG)
    code, found = findings(write(tmp_path, MINIMAL), "--schema", str(schema))
    assert code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("schema", 4, 5), ("schema", 14, 3)]


FLAT_RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
  <start><element name="TEI"><ref name="header"/><element name="text"><text/></element></element></start>
  <define name="header"><element name="teiHeader"><text/></element></define>
</grammar>"""


def test_a_flat_relax_ng_grammar_says_which_element_is_missing(tmp_path):
    """libxml2 names no element in "Expecting an element , got nothing": the grammar does (expected.py)."""
    schema = tmp_path / "flat.rng"
    schema.write_text(FLAT_RNG)
    document = write(tmp_path, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader/>\n</TEI>\n')
    found = the_finding(document, "schema", "--schema", str(schema))
    # At the end tag, where the document's content has all been read, as jing says it.
    assert (found["line"], found["column"], found["message"]) == (
        3,
        1,
        "element TEI incomplete; missing required element text",
    )
