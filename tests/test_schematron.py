"""The ISO Schematron engine (teitools.schematron), on a small schema that exercises each feature."""

from pathlib import Path

import pytest

from teitools.load import UsageError, load
from teitools.schematron import Schematron, can_match, element_names

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
    pruned = Schematron(DATA / "rules.sch", present=element_names([sample.tree]))
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
        ("/*[count(//tei:x) gt 1]", set(), True),
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
