"""XPath 2 rewritten as XPath 1 for libxml2 (teitools.xpath1): what is rewritten, what is refused, and how a
pattern becomes a condition on collected elements."""

from lxml import etree

from teitools.xpath1 import ROOT_ELEMENT, Match, match_plan, report_prefilter, translate

TEI = "http://www.tei-c.org/ns/1.0"


def test_value_comparisons_are_rewritten_for_libxml2_only_where_they_mean_the_same():
    assert translate("@scheme and not(@scheme eq 'free')").text == "@ scheme and not ( @ scheme = 'free' )"
    assert translate("count(tei:lem) lt 2").text == "count ( tei:lem ) < 2"
    assert translate("normalize-space(.) ne ''").text == "normalize-space ( . ) != ''"
    assert translate("@when le '2026'") is None  # XPath 2 compares strings here, XPath 1 numbers
    assert translate("@a = true()") is None  # XPath 1 compares a node-set to a boolean by its emptiness
    assert translate("@mode = ('add', 'change')") is None  # a sequence
    assert translate("tokenize(@a, ' ')[2]") is None  # not an XPath 1 function
    assert translate("a[. = current()]") is None
    assert translate("a[. = current()]", current=True).text == "a [ . = $teitools_current ]"
    assert translate("position() = 1", positional=False) is None
    assert translate("a[position() = 1]", positional=False).text == "a [ position ( ) = 1 ]"


def test_a_pattern_becomes_a_condition_on_the_elements_collected_by_name_or_attribute():
    assert match_plan("tei:l//tei:p") == [Match("tei:p", "self::tei:p[ancestor::tei:l]", None, frozenset())]
    assert match_plan("tei:rt/@target") == [Match("tei:rt", "self::tei:rt", "@target", frozenset({"target"}))]
    [when] = match_plan("tei:*[not(self::tei:x)][starts-with(@when, '1')]")
    assert (when.element, when.attributes) == ("tei:*", frozenset({"when"}))
    [root] = match_plan("/*[@n]")
    assert (root.element, root.condition) == (ROOT_ELEMENT, "self::*[@ n]")
    # a group is distributed over what follows it, unless a predicate counts positions
    assert [m.element for m in match_plan("(tei:a | tei:b)[@x]/tei:c")] == ["tei:c", "tei:c"]
    assert match_plan("(tei:a | tei:b)[1]") is None
    assert match_plan("tei:p[1]") is None  # the position among siblings is not the position in the set
    assert match_plan("tei:p/descendant::tei:q") is None


def test_a_pattern_condition_selects_what_the_pattern_matches():
    root = etree.fromstring(
        f'<TEI xmlns="{TEI}"><l><p n="1"/><q><p n="2"/></q></l><p n="3"/><rt target="a"/><rt/></TEI>'
    )
    namespaces = {"tei": TEI}
    [inside_l] = match_plan("tei:l//tei:p")
    select = etree.XPath(f"$nodes[{inside_l.condition}]", namespaces=namespaces)
    assert [p.get("n") for p in select(root, nodes=root.findall(f".//{{{TEI}}}p"))] == ["1", "2"]
    [child] = match_plan("/tei:TEI/tei:l/tei:p")
    select = etree.XPath(f"$nodes[{child.condition}]", namespaces=namespaces)
    assert [p.get("n") for p in select(root, nodes=root.findall(f".//{{{TEI}}}p"))] == ["1"]
    nested = etree.fromstring(
        f'<TEI xmlns="{TEI}"><l><p n="1"/></l><q><TEI><l><p n="2"/></l></TEI></q></TEI>'
    )
    assert [p.get("n") for p in select(nested, nodes=nested.findall(f".//{{{TEI}}}p"))] == ["1"]
    [target] = match_plan("tei:rt/@target")
    select = etree.XPath(f"$nodes[{target.condition}]/{target.attribute}", namespaces=namespaces)
    assert select(root, nodes=root.findall(f"{{{TEI}}}rt")) == ["a"]


def test_a_report_is_narrowed_by_what_its_test_needs_whatever_its_variables():
    assert report_prefilter("ancestor::tei:l[not(.//tei:l[. = current()])]") == "( ancestor :: tei:l )"
    assert (
        report_prefilter("(self::tei:a | self::tei:b) and $srcs[2]")
        == "( ( self :: tei:a | self :: tei:b ) )"
    )
    assert report_prefilter("@target and @cRef") == "( @ target ) and ( @ cRef )"
    assert report_prefilter("tei:a[@n][. = $v]") == "( tei:a [ @ n ] )"
    assert report_prefilter("not(a[$x])") is None  # leaving out a predicate under not() would narrow it
    assert report_prefilter("$x = 1") is None
