"""The ISO Schematron engine (teitools.schematron), on a small schema that exercises each feature."""

from pathlib import Path

import pytest

from teitools.load import UsageError, load
from teitools.schematron import Schematron, context_elements, element_names

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
    assert Schematron(DATA / "rules.sch", present={f"{{{TEI}}}TEI"}).rules_kept == 1  # the attribute rule


def test_context_analysis_names_elements_outside_predicates_only():
    namespaces = {"tei": TEI}
    assert context_elements("tei:l//tei:p[tei:q]", namespaces) == {f"{{{TEI}}}l", f"{{{TEI}}}p"}
    assert context_elements("(tei:a | tei:b)[@x = 'tei:c']", namespaces) == {f"{{{TEI}}}a", f"{{{TEI}}}b"}
    assert context_elements("descendant::tei:note", namespaces) == {f"{{{TEI}}}note"}
    for anything in ("tei:*[@when]", "/*", "tei:rt/@to", "text()", "other:x"):
        assert context_elements(anything, namespaces) is None


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
