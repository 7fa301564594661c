"""The ISO Schematron engine (teitools.schematron), on a small schema that exercises each feature."""

from pathlib import Path

import pytest
from conftest import CORPUS

from teitools import schematron
from teitools.load import UsageError, load
from teitools.schemas import TEI_ALL_SCHEMATRON, markup_names
from teitools.schematron import Schematron, can_match
from teitools.schematron_schema import (
    DEFAULT_RULE_ID,
    SCH_NS,
    ParsedSchema,
    kept_rules,
)
from teitools.schematron_xslt import XsltRules

DATA = Path(__file__).parent / "data" / "schematron"
TEI = "http://www.tei-c.org/ns/1.0"


@pytest.fixture(scope="module")
def sample():
    return load(DATA / "sample.xml")


def found(schematron: Schematron, document) -> list[tuple[int, int, str, str, str]]:
    return [(f.line, f.column, f.severity, f.rule, f.message) for f in sorted(schematron.check(document))]


def test_each_failed_assert_and_successful_report_at_its_context_node(sample):
    assert found(Schematron(DATA / "rules.sch"), sample) == [
        (12, 7, "error", "first-rule-wins", "a p needs two words, this one has 1"),
        (13, 7, "warning", "first-rule-wins", "special paragraph 7 seen by the first rule"),
        (14, 12, "error", "ptr-attributes", "ptr may not have both @target and @cRef"),
        (14, 59, "warning", "targets", "a ref points inside the file, not to http://example.org/"),
        (15, 13, "error", "dates", "date 2030 is in the future (the edition is dated 2026)"),
    ]


def test_rules_for_absent_elements_are_left_out_and_change_nothing(sample):
    everything = Schematron(DATA / "rules.sch")
    pruned = Schematron(DATA / "rules.sch", present=markup_names(sample.tree))
    assert (everything.rules_kept, pruned.rules_kept, pruned.rules_total) == (6, 5, 6)
    assert pruned.check(sample) == everything.check(sample)
    assert Schematron(DATA / "rules.sch", present={f"{{{TEI}}}TEI"}).rules_kept == 0
    assert Schematron(DATA / "rules.sch", present={f"{{{TEI}}}ref"}).rules_kept == 1  # ref/@target


def test_a_rule_is_kept_when_every_element_its_context_names_is_present():
    namespaces = {"tei": TEI}
    line, p = (f"{{{TEI}}}{name}" for name in ("l", "p"))
    cases = [
        ("tei:l//tei:p[tei:q]", {line, p}, True),
        ("tei:l//tei:p[tei:q]", {p}, False),
        ("(tei:a | tei:b)[@x = 'tei:c']/tei:p", {p}, True),
        ("tei:l | descendant::tei:p", {p}, True),
        ("tei:l | tei:rt", {p}, False),
        ("tei:rt/@to", {p}, False),
        ("tei:*[@when]", set(), True),
        ("/*[count(//tei:x) gt 1]", set(), False),  # a step's predicate that wants some x
        ("/*[count(//tei:x) gt 1]", {f"{{{TEI}}}x"}, True),
        ("/*[count(//tei:x) eq 0]", set(), True),
        ("/*[not(tei:a[count(//tei:x) gt 1])]", set(), True),
        ("other:x", set(), True),
        ("tei:l except tei:p", set(), True),
    ]
    for context, present, kept in cases:
        assert can_match(context, namespaces, present) is kept, (context, present)


def test_a_schema_that_cannot_run_is_a_usage_error(tmp_path):
    broken = tmp_path / "broken.sch"
    broken.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern><rule context="*">'
        '<assert test="(((">x</assert></rule></pattern></schema>'
    )
    with pytest.raises(UsageError, match="do not compile"):
        Schematron(broken)
    not_schematron = tmp_path / "not.sch"
    not_schematron.write_text("<schema/>")
    with pytest.raises(UsageError, match="not an ISO Schematron"):
        Schematron(not_schematron)


# --- how each rule is run -------------------------------------------------------------------------------


def test_each_rule_runs_by_the_cheapest_engine_with_the_same_findings(sample):
    routes = Schematron(DATA / "routes.sch")
    xpath1, let_and_current, attribute_let = (rule.checks[0] for [rule] in routes.patterns)
    assert xpath1.at_once is not None  # libxml2, one query over the collected paragraphs
    assert let_and_current.at_once is None and let_and_current.test.lxml is None  # elementpath per node
    assert attribute_let.at_once is None  # an attribute context reads a let: elementpath per node
    assert routes.saxon is not None  # system-property() is XSLT's: the pattern is left to Saxon
    assert found(routes, sample) == [
        (12, 7, "error", "xpath1", "paragraph of 5 characters, 0 before it"),
        (13, 7, "error", "let-and-current", '"Alone" has as few words as the paragraph before it'),
        (13, 7, "error", "xpath1", "paragraph of 5 characters, 1 before it"),
        (14, 29, "error", "attribute-let", 'cRef "x" has no scheme'),
        (15, 49, "error", "saxon", "a date of 1999 seen by XSLT 3.0"),
    ]


def test_saxon_only_sees_a_document_where_its_rules_may_match(monkeypatch, tmp_path):
    routes = Schematron(DATA / "routes.sch")
    undated = tmp_path / "undated.xml"
    undated.write_text(
        (DATA / "sample.xml").read_text().replace("<date", "<name").replace("</date", "</name")
    )

    def refuse(document):
        raise AssertionError(f"Saxon was handed {document.label}")

    monkeypatch.setattr(routes.saxon, "check", refuse)
    assert sorted(f.rule for f in routes.check(load(undated))) == [
        "attribute-let",
        "let-and-current",
        "xpath1",
        "xpath1",
    ]


def test_the_engine_finds_what_the_xslt_translation_finds_for_every_tei_all_pattern():
    """On a document that breaks each of tei_all's 93 patterns, the libxml2 and elementpath routes give
    exactly the findings of every rule translated to XSLT and run by Saxon (today's engine before them)."""
    parsed = ParsedSchema.read(TEI_ALL_SCHEMATRON)
    schema = parsed.root
    everything = XsltRules(TEI_ALL_SCHEMATRON, parsed, list(kept_rules(schema, parsed.namespaces, None)))
    document = load(DATA / "tei-all-rules.xml")
    ours = sorted(Schematron(TEI_ALL_SCHEMATRON).check(document))
    assert ours == sorted(everything.check(document))
    patterns = {p.get("id") or DEFAULT_RULE_ID for p in schema.iterfind("sch:pattern", SCH_NS)}
    # Every pattern fires but the three that restate an English one in French (addSpan, damageSpan and
    # delSpan requires spanTo), whose findings would repeat it.
    french = {p for p in patterns if "-fr-constraint-" in p}
    assert len(french) == 3 and {f.rule for f in ours} == patterns - french


def test_long_runs_of_elements_are_all_checked(tmp_path):
    """libxml2 is handed the collected elements a slice at a time: every slice is checked."""
    paragraphs = "\n".join(
        f"<p>{'short' if n in (0, 127, 128, 299) else 'long enough'}</p>" for n in range(300)
    )
    path = tmp_path / "long.xml"
    path.write_text(f'<TEI xmlns="{TEI}"><text><body>\n{paragraphs}\n</body></text></TEI>')
    findings = [f for f in Schematron(DATA / "routes.sch").check(load(path)) if f.rule == "xpath1"]
    assert [f.line for f in sorted(findings)] == [2, 129, 130, 301]


def test_a_test_that_cannot_be_evaluated_on_a_node_is_a_finding_there(tmp_path):
    schema = tmp_path / "cast.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        f'<ns prefix="tei" uri="{TEI}"/><ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>'
        '<pattern id="cast"><rule context="tei:date"><assert test="@when cast as xs:integer lt 2029">'
        "late</assert></rule></pattern>"
        '<pattern id="saxon"><rule context="tei:date"><assert test="@when cast as xs:integer lt 2029 and '
        "system-property('xsl:version') = '3.0'\">late for XSLT</assert></rule></pattern></schema>"
    )
    undated = tmp_path / "undated.xml"
    undated.write_text((DATA / "sample.xml").read_text().replace('when="1999"', 'when="next"'))
    stopped = (
        "the Schematron rules run by Saxon stopped on this document: "
        'Cannot convert string "next" to an integer'
    )
    cast = (
        "the test '@when cast as xs:integer lt 2029' cannot be evaluated here: 'integer' constructor "
        "function at line 1, column 1: [err:FORG0001] could not convert UntypedAtomic('next') to xs:integer"
    )
    assert found(Schematron(schema), load(undated)) == [
        (2, 1, "error", "schematron", stopped),
        (15, 13, "error", "cast", "late"),
        (15, 49, "error", "cast", cast),
    ]


def test_a_schema_let_only_xslt_can_read_leaves_every_rule_to_saxon(sample, tmp_path):
    schema = tmp_path / "let.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        f'<ns prefix="tei" uri="{TEI}"/><let name="version" value="system-property(\'xsl:version\')"/>'
        '<pattern id="v"><rule context="tei:ptr"><report test="$version = \'3.0\'">XSLT '
        '<value-of select="$version"/></report></rule></pattern></schema>'
    )
    schematron = Schematron(schema)
    assert schematron.patterns == [] and schematron.saxon is not None
    assert found(schematron, sample) == [(14, 12, "error", "v", "XSLT 3.0")]


@pytest.mark.parametrize(("binding", "by_elementpath"), [("xslt3", True), ("xslt2", False)])
def test_elementpath_reads_xpath_3_only_for_a_schema_bound_to_it(sample, tmp_path, binding, by_elementpath):
    """`||` is XPath 3: elementpath runs it for an XSLT 3 schema; for an XSLT 2 one it is Saxon's to refuse
    or accept, as it is in ISO's own XSLT implementation of that binding."""
    schema = tmp_path / "concat.sch"
    schema.write_text(
        f'<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="{binding}">'
        f'<ns prefix="tei" uri="{TEI}"/><pattern id="joined"><rule context="tei:ptr">'
        "<report test=\"(@target || '!') = '#a!'\">joined</report></rule></pattern></schema>"
    )
    schematron = Schematron(schema)
    assert (schematron.saxon is None) == by_elementpath
    assert bool(schematron.patterns) == by_elementpath
    assert [(f.line, f.rule) for f in schematron.check(sample)] == [(14, "joined")]


def test_conditions_only_on_attributes_are_read_in_python_with_the_same_findings(tmp_path, monkeypatch):
    """att.typed's rule (a tei:* with @subtype needs @type) goes through every element with a @subtype, 14,000
    in a list of places: read in Python, without an XPath call, it finds what libxml2 finds."""
    content = (
        f'<TEI xmlns="{TEI}" xmlns:x="urn:x"><text><body><p><idno subtype="a">1</idno>'
        '<idno type="b" subtype="c">2</idno><x:idno subtype="d"/><idno>3</idno></p></body></text></TEI>'
    )
    (tmp_path / "typed.xml").write_text(content)
    documents = [load(tmp_path / "typed.xml"), load(CORPUS / "schnitzler-briefe" / "listplace.xml")]
    fast = Schematron(TEI_ALL_SCHEMATRON)
    [typed] = [rule for rules in fast.patterns for rule in rules if rule.context == "tei:*[@subtype]"]
    assert typed.alternatives[0].in_python and typed.checks[0].in_python
    found = [f for f in fast.check(documents[0]) if "subtypeTyped" in f.rule]
    assert [(f.line, f.column) for f in found] == [(1, content.index('<idno subtype="a"') + 1)]
    monkeypatch.setattr(schematron, "attribute_conditions", lambda condition: None)
    slow = Schematron(TEI_ALL_SCHEMATRON)
    for document in documents:
        assert sorted(fast.check(document)) == sorted(slow.check(document))
