"""ISO Schematron on the lxml tree the run already has: no document is parsed a second time.

The document's one walk (load.Document.walk, shared with the rules' facts) collects the elements a rule may
apply to: by name, or, for a wildcard such as `tei:*[@when]`, by an attribute the context requires. Then
each rule is run by the cheapest engine that gives its exact meaning:
1. libxml2 (XPath 1): a context that is a path of name tests with boolean predicates becomes a condition on
   the collected elements, and a test that teitools.xpath1 can rewrite is evaluated on all of them in one
   call (`$nodes[condition][not(test)]` selects where an assert fails);
2. per node: the rule's lets and test evaluated on each node, by libxml2 when they can be rewritten (lets and
   current() bound as variables), else by elementpath (XPath 2.0, or 3.1 for a schema bound to XSLT 3, on a
   node tree of the document built only when first needed); a report is first narrowed in one call by what
   its test needs regardless of its variables. A context that is not such a path is selected from the whole
   document (libxml2, else elementpath), only when the document holds the elements it names;
3. Saxon (teitools.schematron_xslt), for patterns with an expression elementpath cannot read, or a context
   that selects other nodes than elements and attributes: the document is handed to Saxon only when one of
   their rules may match in it.

ISO semantics are kept: within a pattern a node is checked only by the first rule whose context matches it;
the schema's and patterns' lets are evaluated once on the document; messages (value-of, name, diagnostics)
are evaluated only on the nodes where a check fires. Rules whose context can only match elements absent
from the run are left out (`present`).
"""

import locale
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from lxml import etree

from teitools.findings import Finding
from teitools.load import Document
from teitools.schematron_schema import (
    SCH_NS,
    Computed,
    ParsedSchema,
    Rule,
    alternatives,
    can_match,
    full_message,
    kept_rules,
    required_elements,
    rule_id,
    rule_items,
    rule_role,
    severity,
)
from teitools.xpath1 import (
    CURRENT_VARIABLE,
    ROOT_ELEMENT,
    Match,
    attribute_conditions,
    attribute_test,
    classify,
    match_plan,
    report_prefilter,
    selection,
    tokens,
    translate,
)

__all__ = ["Schematron", "can_match"]

NODES_VARIABLE = "teitools_nodes"  # the collected elements a query starts from
NODE_SET_SLICE = 128
ITEM_VARIABLE = "teitools_item"
# XPath's default collation (elementpath would otherwise ask the system for an en_US locale).
CODEPOINTS = "http://www.w3.org/2005/xpath-functions/collation/codepoint"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
# Contexts that may select nodes other than elements and attributes are left to Saxon.
OTHER_NODE_TESTS = ("text()", "comment()", "processing-instruction(", "node()", "document-node(")
EVERY_ELEMENT = "*"


class Attribute(NamedTuple):
    """An attribute as a context node: its element and its name in Clark notation."""

    element: etree._Element
    name: str


Node = etree._Element | Attribute


class NotReadable(Exception):
    """An expression that elementpath cannot read: its pattern is left to Saxon."""


@cache
def elementpath_module() -> ModuleType:
    """elementpath, imported when an expression first needs it: a tenth of a second of start-up that a run
    whose expressions libxml2 reads (the edition's rules, rendering) never spends."""
    import elementpath

    return elementpath


def evaluation_errors() -> tuple[type[Exception], ...]:
    """What evaluating an expression on a node may raise (a failed cast, a type error): reported, never
    raised. Called where such an error is caught, so that elementpath is imported no sooner."""
    return (elementpath_module().ElementPathError, etree.XPathError, ArithmeticError, NotReadable)


@dataclass
class Query:
    """One expression of the schema: for libxml2 when it can be rewritten as XPath 1, and for elementpath
    (parsed when first needed if libxml2 can run it: most never reach elementpath)."""

    source: str
    lxml: etree.XPath | None
    xpath2: str  # the expression for elementpath, current() as a variable
    namespaces: dict[str, str]
    variables: frozenset[str]  # the variables it reads, $teitools_current included
    atomic: bool  # libxml2 gives a string, number or boolean, never a node-set
    xpath3: bool  # the schema's binding is XSLT/XPath 3: elementpath reads it as XPath 3.1, else as 2.0

    @classmethod
    def compile(
        cls,
        source: str,
        namespaces: dict[str, str],
        xpath3: bool,
        xpath2_wrap: str = "{}",
        wrap: str = "{}",
        readable: set[str] | None = None,
    ) -> "Query":
        """`wrap` places the expression in a larger one for both engines ("boolean({})" for a test),
        `xpath2_wrap` for elementpath only. NotReadable when neither engine can read it."""
        translation = translate(source, current=True, positional=False)
        lxml = None
        if translation is not None:
            try:
                lxml = etree.XPath(wrap.format(translation.text), namespaces=namespaces)
            except etree.XPathSyntaxError:
                translation = None
        variables = translation.variables if translation else variables_in(source)
        xpath2 = xpath2_wrap.format(wrap.format(f"({with_current_variable(source)})"))
        atomic = bool(translation and translation.atomic)
        query = cls(source, lxml, xpath2, namespaces, variables, atomic, xpath3)
        if lxml is None:
            query.read_now(readable)
        return query

    def read_now(self, readable: set[str] | None) -> None:
        """Parse for elementpath now (NotReadable: the pattern goes to Saxon), unless `readable` (the
        expressions elementpath is known to read) holds it: then when it is first run."""
        if readable is None or self.xpath2 not in readable:
            self.elementpath  # noqa: B018
            if readable is not None:
                readable.add(self.xpath2)

    @cached_property
    def elementpath(self) -> Any:
        try:
            return xpath_parser(self.xpath3)(namespaces=self.namespaces, default_collation=CODEPOINTS).parse(
                self.xpath2
            )
        except (elementpath_module().ElementPathError, ValueError, TypeError, LookupError, locale.Error) as e:
            raise NotReadable(f"{self.source}: {e}") from e


def xpath_parser(xpath3: bool) -> type:
    """elementpath's parser for the binding, imported when first needed: the XPath 3.1 one takes a tenth of a
    second to import, and a schema bound to XSLT 2 (tei_all's) never needs it."""
    if xpath3:
        from elementpath.xpath31 import XPath31Parser

        return XPath31Parser
    return elementpath_module().XPath2Parser


def variables_in(expression: str) -> frozenset[str]:
    names = {token.text[1:] for token in tokens(expression) if token.kind == "variable"}
    if any(t.kind == "function" and t.text == "current" for t in classify(tokens(expression))):
        names.add(CURRENT_VARIABLE)
    return frozenset(names)


def with_current_variable(expression: str) -> str:
    """current() (XSLT's: the rule's context node) as the variable elementpath is given."""
    items = classify(tokens(expression))
    calls = [i for i, t in enumerate(items) if t.kind == "function" and t.text == "current"]
    if not calls:
        return expression
    parts, skip = [], 0
    for index, token in enumerate(items):
        if skip:
            skip -= 1
        elif index in calls:
            parts.append(f"${CURRENT_VARIABLE}")
            skip = 2  # its ( and )
        else:
            parts.append(token.text)
    return " ".join(parts)


@dataclass(frozen=True)
class AttributesThere:
    """A context condition read in Python, without an XPath call: the element's name (a Clark name; "{ns}"
    for any element of a namespace; "" for any element) and the attributes it carries. `tei:*[@subtype]`
    (att.typed's rule) goes through every element with a @subtype, 14,000 of them in a list of places."""

    name: str
    attributes: tuple[str, ...]

    def select(self, elements: list[etree._Element], carried: str | None) -> list[etree._Element]:
        """The elements the condition holds for, all of which carry `carried` (the attribute they were
        collected by). A comprehension per test, not a call per element: a third of the time."""
        name = self.name
        if name.endswith("}"):
            elements = [element for element in elements if element.tag.startswith(name)]
        elif name:
            elements = [element for element in elements if element.tag == name]
        for attribute in self.attributes:
            if attribute != carried:
                elements = [element for element in elements if element.get(attribute) is not None]
        return elements


@dataclass(frozen=True)
class AttributeTest:
    """A test read in Python: whether an attribute is there (`@type`, `not(@type)`); the check fires on an
    element where that is `fires_when_there`."""

    attribute: str
    fires_when_there: bool

    def fired(self, elements: list[etree._Element]) -> list[etree._Element]:
        attribute = self.attribute
        if self.fires_when_there:
            return [element for element in elements if element.get(attribute) is not None]
        return [element for element in elements if element.get(attribute) is None]


@dataclass
class Candidates:
    """One alternative of a rule's context on the collected elements: which to start from (`element`, Clark
    name or EVERY_ELEMENT or ROOT_ELEMENT; `attribute`, the Clark name of an attribute they must carry) and
    the query selecting the context nodes among them."""

    element: str
    attribute: str | None
    select: etree.XPath
    condition: str  # the XPath 1 step that selects the context nodes from $teitools_nodes
    all_match: bool  # every element collected is a context node (a name test without predicates)
    # The condition read in Python, where it only asks for attributes to be there (see AttributesThere).
    in_python: AttributesThere | None = None


@dataclass
class Check:
    """An assert or a report of a rule."""

    fires_when: bool  # the test's value that makes it fire: False for an assert, True for a report
    test: Query
    at_once: list[etree.XPath] | None  # per alternative, the nodes where it fires, in one libxml2 call
    prefilter: etree.XPath | None  # a report: the nodes that may fire, from $teitools_nodes
    rule: str
    severity: str
    message: list[str | Query]
    in_python: AttributeTest | None = None  # with at_once: where it fires, read in Python


@dataclass
class CompiledRule:
    context: str
    alternatives: list[Candidates] | None  # None: selected from the whole document
    whole_document: etree.XPath | None  # the context in XPath 1 from anywhere, else...
    elementpath_selection: Query | None  # ...for elementpath
    needs: list[set[str] | None]  # the elements each alternative of the context needs (None: unknown)
    lets: list[tuple[str, Query]]
    checks: list[Check] = field(default_factory=list)

    def lets_for(self, variables: frozenset[str]) -> list[tuple[str, Query]]:
        """The lets that variables read, directly or through other lets, in the rule's order."""
        needed = set(variables)
        for name, query in reversed(self.lets):
            if name in needed:
                needed |= query.variables
        return [(name, query) for name, query in self.lets if name in needed]


class Schematron:
    """An ISO Schematron schema compiled for one run; `check` runs it on one document."""

    def __init__(
        self, path: Path, present: Collection[str] | None = None, readable: Collection[str] = ()
    ) -> None:
        """Compile the schema at `path`. With `present` (element names in Clark notation, {ns}local), rules
        whose context can only match elements not in it are left out. readable: expressions elementpath is
        known to read (a cache of earlier runs'), which are then parsed when first run, if ever: a schema
        whose XPath 2 rules do not fire never imports elementpath. Those it reads now join `readable`."""
        self.path = path
        self.readable = set(readable)
        schema = ParsedSchema.read(path)
        self.namespaces = schema.namespaces
        rules = list(kept_rules(schema.root, self.namespaces, present))
        self.rules_total = len(schema.root.findall(".//sch:rule", SCH_NS)) - len(schema.abstract)
        self.rules_kept = len(rules)
        compiler = RuleCompiler(schema, self.readable)
        self.global_lets = compiler.lets
        self.patterns: list[list[CompiledRule]] = []
        left_to_saxon: list[Rule] = []
        for number in sorted({rule.pattern for rule in rules}):
            in_pattern = [rule for rule in rules if rule.pattern == number]
            try:
                self.patterns.append([compiler.rule(rule) for rule in in_pattern])
            except NotReadable:
                left_to_saxon += in_pattern
        self.saxon = None
        self.saxon_needs = [compiler.needs(rule.element.get("context", "")) for rule in left_to_saxon]
        self.collect = Collect.of([rule for pattern in self.patterns for rule in pattern], self.saxon_needs)
        if left_to_saxon:
            from teitools.schematron_xslt import XsltRules  # Saxon only loads when a schema needs it

            self.saxon = XsltRules(path, schema, left_to_saxon)

    def check(self, document: Document) -> list[Finding]:
        if not self.rules_kept:
            return []
        run = DocumentRun(document, self.collect, self.global_lets)
        findings = [finding for pattern in self.patterns for finding in run.pattern_findings(pattern)]
        findings += run.unevaluated
        if self.saxon is not None and any(run.may_hold(needs) for needs in self.saxon_needs):
            findings += self.saxon.check(document)
        return findings


class RuleCompiler:
    """Compiles the rules of one schema."""

    def __init__(self, schema: ParsedSchema, readable: set[str]) -> None:
        self.readable = readable  # the expressions elementpath is known to read: not parsed again now
        self.namespaces = schema.namespaces
        self.xpath3 = schema.xpath3
        self.abstract = schema.abstract
        self.diagnostics = schema.diagnostics
        self.patterns = schema.patterns
        self.lets = self.global_lets(schema.lets)

    def global_lets(self, lets: list[etree._Element]) -> list[tuple[str, Query]]:
        """The schema's and patterns' lets, evaluated once on each document (as in ISO's skeleton)."""
        try:
            self.lets_readable = True
            return [(let.get("name"), self.value(let)) for let in lets]
        except NotReadable:
            self.lets_readable = False  # then Saxon runs every rule, with the lets as its variables
            return []

    def query(self, expression: str, xpath2_wrap: str = "{}", wrap: str = "{}") -> Query:
        return Query.compile(expression, self.namespaces, self.xpath3, xpath2_wrap, wrap, self.readable)

    def for_elementpath(self, expression: str) -> Query:
        """A query only elementpath will run: read now (NotReadable: left to Saxon), unless known readable."""
        query = self.query(expression)
        query.read_now(self.readable)
        return query

    def value(self, let: etree._Element) -> Query:
        if let.get("value") is None:
            raise NotReadable(f"line {let.sourceline}: a <let> without @value")
        return self.query(let.get("value"))

    def rule(self, rule: Rule) -> CompiledRule:
        context = rule.element.get("context", "")
        if "current()" in context.replace(" ", "") or any(test in context for test in OTHER_NODE_TESTS):
            raise NotReadable(context)
        if not self.lets_readable:
            raise NotReadable("the schema's lets")
        plan = match_plan(context)
        select = None if plan else selection(context)
        compiled = CompiledRule(
            context,
            [self.candidates(match) for match in plan] if plan else None,
            self.xpath(select) if select else None,
            None if plan or select else self.for_elementpath(f"//({context})"),
            self.needs(context),
            [],
        )
        pattern = self.patterns[rule.pattern]
        for item in rule_items(rule.element, self.abstract):
            if etree.QName(item).localname == "let":
                compiled.lets.append((item.get("name"), self.value(item)))
            else:
                compiled.checks.append(self.check(item, pattern, rule.element, compiled))
        return compiled

    def candidates(self, match: Match) -> Candidates:
        wildcard = match.element.endswith("*")  # `*` or `prefix:*`: the condition tests the namespace
        if match.element == ROOT_ELEMENT:
            element, attribute = ROOT_ELEMENT, None
        elif wildcard:
            element = EVERY_ELEMENT
            attribute = self.clark(min(match.attributes)) if match.attributes else None
        else:
            element, attribute = self.clark(match.element), None
        condition = f"${NODES_VARIABLE}[{match.condition}]"
        if match.attribute:
            condition += f"/{match.attribute}"
        all_match = not wildcard and not match.attribute and match.condition == f"self::{match.element}"
        in_python = None if match.attribute else self.attributes_there(match.condition)
        return Candidates(element, attribute, self.xpath(condition), condition, all_match, in_python)

    def attributes_there(self, condition: str) -> AttributesThere | None:
        parsed = attribute_conditions(condition)
        if parsed is None:
            return None
        name, attributes = parsed
        try:
            if name == "*":
                clark = ""
            elif name.endswith(":*"):
                clark = f"{{{self.namespace(name[:-2])}}}"
            else:
                clark = self.clark(name)
            return AttributesThere(clark, tuple(self.clark(attribute) for attribute in attributes))
        except NotReadable:
            return None

    def clark(self, name: str) -> str:
        prefix, _, local = name.rpartition(":")
        return f"{{{self.namespace(prefix)}}}{local}" if prefix else local

    def namespace(self, prefix: str) -> str:
        if prefix == "xml":
            return XML_NAMESPACE
        if prefix not in self.namespaces:
            raise NotReadable(f"prefix {prefix} is not declared")
        return self.namespaces[prefix]

    def needs(self, context: str) -> list[set[str] | None]:
        return [required_elements(alternative, self.namespaces) for alternative in alternatives(context)]

    def check(
        self, item: etree._Element, pattern: etree._Element, rule: etree._Element, compiled: CompiledRule
    ) -> Check:
        fires_when = etree.QName(item).localname == "report"
        test = item.get("test")
        query = self.query(test, wrap="boolean({})")
        prefilter = report_prefilter(test) if fires_when else None
        return Check(
            fires_when,
            query,
            self.at_once(compiled.alternatives, test, fires_when),
            self.xpath(f"${NODES_VARIABLE}[{prefilter}]") if prefilter else None,
            rule_id(item, pattern),
            severity(rule_role(item, rule)),
            [self.message_part(part) for part in full_message(item, self.diagnostics)],
            self.attribute_test(test, fires_when),
        )

    def attribute_test(self, test: str, fires_when: bool) -> AttributeTest | None:
        translation = translate(test, positional=False)
        parsed = attribute_test(translation.text) if translation and not translation.variables else None
        if parsed is None:
            return None
        attribute, there = parsed
        try:
            return AttributeTest(self.clark(attribute), there == fires_when)
        except NotReadable:
            return None

    def at_once(self, alternatives: list[Candidates] | None, test: str, fires_when: bool):
        """Per alternative of the context, the query selecting the nodes where a check fires, when the test is
        XPath 1 and reads no variable but the schema's lets."""
        translation = translate(test, positional=False)
        if alternatives is None or translation is None:
            return None
        if not translation.variables <= {name for name, _ in self.lets}:
            return None
        condition = f"boolean({translation.text})" if fires_when else f"not({translation.text})"
        queries = [self.xpath(f"{a.condition}[{condition}]") for a in alternatives]
        return None if None in queries else queries

    def xpath(self, expression: str) -> etree.XPath | None:
        try:
            return etree.XPath(expression, namespaces=self.namespaces)
        except etree.XPathSyntaxError:
            return None

    def message_part(self, part: str | Computed) -> str | Query:
        if isinstance(part, str):
            return part
        if part.kind == "name":
            return self.query(f"name({part.expression})")
        joined = f"string-join(for ${ITEM_VARIABLE} in {{}} return string(${ITEM_VARIABLE}), ' ')"
        return self.query(part.expression, xpath2_wrap=joined)


@dataclass(frozen=True)
class Collect:
    """What is collected from each document: the elements of the names a context starts from or whose
    presence tells whether a rule may match at all (`needs`), and the elements carrying the attributes a
    wildcard context requires."""

    names: frozenset[str]
    attributes: frozenset[str]

    @classmethod
    def of(cls, rules: list[CompiledRule], needs: list[list[set[str] | None]]) -> "Collect":
        alternatives = [a for rule in rules for a in rule.alternatives or []]
        every_needs = [*needs, *(rule.needs for rule in rules)]
        needed = {name for alternatives in every_needs for need in alternatives for name in need or ()}
        names = frozenset(a.element for a in alternatives) | needed
        attributes = frozenset(a.attribute for a in alternatives if a.attribute)
        return cls(names - {EVERY_ELEMENT, ROOT_ELEMENT}, attributes)


class Collected:
    """The elements of one document by name and by the attributes wildcard contexts require, from the
    document's one walk (see load.Document.walk); every element only when a context asks for all."""

    def __init__(self, document: Document, collect: Collect) -> None:
        self.root = document.root
        walk = document.walk(collect.names, collect.attributes)
        self.by_name = walk.elements
        self.by_attribute = {
            attribute: [element for element, _ in walk.carrying.get(attribute, ())]
            for attribute in collect.attributes
        }

    @cached_property
    def every(self) -> list[etree._Element]:
        return list(self.root.iter(etree.Element))

    def elements(self, candidates: Candidates) -> list[etree._Element]:
        if candidates.element == ROOT_ELEMENT:
            return [self.root]
        if candidates.element == EVERY_ELEMENT:
            return self.by_attribute.get(candidates.attribute, []) if candidates.attribute else self.every
        return self.by_name.get(candidates.element, [])


class DocumentRun:
    """One document being checked: its collected elements, its lets, and the elementpath node tree when some
    query needs it."""

    def __init__(self, document: Document, collect: Collect, global_lets: list[tuple[str, Query]]) -> None:
        self.document = document
        self.collected = Collected(document, collect)
        self.unevaluated: list[Finding] = []  # tests that could not be evaluated on a node
        self.globals: dict[str, Any] = {}
        for name, query in global_lets:
            self.globals[name] = self.value(query, None, dict(self.globals), let=True)

    @cached_property
    def node_tree(self) -> Any:
        return elementpath_module().get_node_tree(self.document.tree)

    def may_hold(self, needs: list[set[str] | None]) -> bool:
        """Whether the document holds every element some alternative of a context needs."""
        return any(need is None or need <= self.collected.by_name.keys() for need in needs)

    def pattern_findings(self, rules: list[CompiledRule]) -> Iterator[Finding]:
        """The findings of one pattern: each node is checked by the first rule whose context matches it."""
        earlier: set[Node] = set()
        for number, rule in enumerate(rules):
            if not self.may_hold(rule.needs):
                continue
            nodes: list[Node] | None = None
            for check in rule.checks:
                if check.at_once is not None and all(map(for_lxml, self.globals.values())):
                    fired = self.fired_at_once(rule, check)
                else:
                    nodes = nodes if nodes is not None else self.context_nodes(rule)
                    fired = [n for n in self.may_fire(check, nodes) if self.holds(check, rule, n)]
                for node in fired:
                    if node not in earlier:
                        yield self.finding(check, rule, node)
            if number + 1 < len(rules):
                earlier.update(nodes if nodes is not None else self.context_nodes(rule))

    def fired_at_once(self, rule: CompiledRule, check: Check) -> list[Node]:
        fired: list[Node] = []
        for candidates, query in zip(rule.alternatives, check.at_once, strict=True):
            elements = self.collected.elements(candidates)
            if candidates.in_python and check.in_python:
                # Two filters, the test first: it keeps few elements (most with a @subtype have a @type).
                fired += candidates.in_python.select(check.in_python.fired(elements), candidates.attribute)
            else:
                fired += self.on_elements(query, elements, self.lxml_globals())
        return unique(fired)

    def on_elements(self, query: etree.XPath, elements: list[etree._Element], variables) -> list[Node]:
        """The nodes a query selects from $teitools_nodes, bound to the elements a slice at a time: libxml2
        takes a node-set variable in a time quadratic in its length (each node is checked against the
        others)."""
        nodes: list[Node] = []
        for start in range(0, len(elements), NODE_SET_SLICE):
            slice_variables = {NODES_VARIABLE: elements[start : start + NODE_SET_SLICE], **variables}
            nodes += map(as_node, query(self.document.tree, **slice_variables))
        return nodes

    def context_nodes(self, rule: CompiledRule) -> list[Node]:
        if rule.alternatives is not None:
            nodes: list[Node] = []
            for candidates in rule.alternatives:
                elements = self.collected.elements(candidates)
                if candidates.all_match:
                    nodes += elements
                else:
                    nodes += self.on_elements(candidates.select, elements, self.lxml_globals())
            return unique(nodes)
        if rule.whole_document is not None:
            return [
                as_node(result) for result in rule.whole_document(self.document.tree, **self.lxml_globals())
            ]
        variables = self.elementpath_variables(self.globals)
        context = elementpath_module().XPathContext(self.node_tree, variables=variables)
        return [
            node
            for node in map(from_elementpath, rule.elementpath_selection.elementpath.select(context))
            if node is not None
        ]

    def lxml_globals(self) -> dict[str, Any]:
        return {name: lxml_value(value) for name, value in self.globals.items() if for_lxml(value)}

    def may_fire(self, check: Check, nodes: list[Node]) -> list[Node]:
        """The nodes a report's prefilter keeps (all nodes for an assert, or when some are attributes)."""
        if check.prefilter is None or not nodes or not all(isinstance(n, etree._Element) for n in nodes):
            return nodes
        return self.on_elements(check.prefilter, nodes, {})

    def holds(self, check: Check, rule: CompiledRule, node: Node) -> bool:
        """Whether the check fires on the node. A test that cannot be evaluated there (a cast that fails) is
        a finding of its own, where Saxon would stop the whole document."""
        try:
            value = self.value(check.test, node, self.scope(rule, check.test, node))
        except evaluation_errors() as error:
            test = " ".join(check.test.source.split())
            message = f"the test {test!r} cannot be evaluated here: {first_line(error)}"
            self.unevaluated.append(self.located(node, check.severity, check.rule, message))
            return False
        return bool(value) == check.fires_when

    def scope(self, rule: CompiledRule, query: Query, node: Node) -> dict[str, Any]:
        """The variables a query reads on a node: the schema's lets, the rule's, and current()."""
        variables = {**self.globals, CURRENT_VARIABLE: node}
        for name, let in rule.lets_for(query.variables):
            variables[name] = self.value(let, node, variables, let=True)
        return variables

    def value(self, query: Query, node: Node | None, variables: dict[str, Any], let: bool = False) -> Any:
        """The query's value on the node (None: the document), by libxml2 when it can, else by elementpath.
        A let's value is taken from libxml2 only when it is atomic; elementpath's is kept apart (XPath2Value),
        never to be handed to libxml2, which would read an XPath 2 sequence as something else."""
        read = {name: variables[name] for name in query.variables if name in variables}
        lxml = query.lxml is not None and (query.atomic or not let)
        if lxml and not isinstance(node, Attribute) and all(map(for_lxml, read.values())):
            on = self.document.tree if node is None else node
            return query.lxml(on, **{name: lxml_value(value) for name, value in read.items()})
        context = elementpath_module().XPathContext(
            self.node_tree,
            item=self.elementpath_node(node) if node is not None else None,
            variables=self.elementpath_variables(read),
        )
        value = query.elementpath.evaluate(context)
        return XPath2Value(value) if let else value

    def elementpath_node(self, node: Node) -> Any:
        if isinstance(node, Attribute):
            element = self.node_tree.elements[node.element]
            return next(a for a in element.attributes if a.name == node.name)
        return self.node_tree.elements[node]

    def elementpath_variables(self, variables: dict[str, Any]) -> dict[str, Any]:
        converted = {}
        for name, value in variables.items():
            if isinstance(value, XPath2Value):
                value = value.value
            elif isinstance(value, (etree._Element, Attribute)):
                value = self.elementpath_node(value)
            elif isinstance(value, float) and value.is_integer():
                value = int(value)  # a count or a length from libxml2, an integer in XPath 2
            converted[name] = value
        return converted

    def finding(self, check: Check, rule: CompiledRule, node: Node) -> Finding:
        message = "".join(self.text(part, rule, node) for part in check.message)
        return self.located(node, check.severity, check.rule, " ".join(message.split()))

    def located(self, node: Node, severity: str, rule: str, message: str) -> Finding:
        element, attribute = (node.element, prefixed(node)) if isinstance(node, Attribute) else (node, "")
        return self.document.finding(element, severity, rule, message, attribute)

    def text(self, part: str | Query, rule: CompiledRule, node: Node) -> str:
        if isinstance(part, str):
            return part
        try:
            return xpath_string(self.value(part, node, self.scope(rule, part, node)))
        except evaluation_errors() as error:
            return f"({part.source} cannot be evaluated here: {first_line(error)})"


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class XPath2Value(NamedTuple):
    """A let's value as elementpath gave it."""

    value: Any


def for_lxml(value: Any) -> bool:
    """Whether libxml2 can take a value as a variable (a node-set only as elements it selected itself)."""
    return isinstance(value, (str, bool, int, float, etree._Element))


def lxml_value(value: Any) -> Any:
    return [value] if isinstance(value, etree._Element) else value


def as_node(result: Any) -> Node:
    """A node libxml2 selected, as a context node: an element, or an attribute of its element."""
    if isinstance(result, etree._Element):
        return result
    return Attribute(result.getparent(), result.attrname)


def unique(nodes: list[Node]) -> list[Node]:
    """Nodes once each, in the order given (alternatives of a context may select a node twice)."""
    return list(dict.fromkeys(nodes))


def from_elementpath(node: Any) -> Node | None:
    """A node elementpath selected, as a context node (None for other kinds of nodes)."""
    if isinstance(node, elementpath_module().ElementNode) and isinstance(node.value, etree._Element):
        return node.value
    if isinstance(node, elementpath_module().AttributeNode) and isinstance(node.parent.value, etree._Element):
        return Attribute(node.parent.value, node.name)
    return None


def xpath_string(value: Any) -> str:
    """A message part's value as value-of writes it: elementpath gives a string; libxml2 a string, a
    number, a boolean or nodes (their string values, joined by spaces)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return " ".join(string_value(item) for item in value)
    return str(value)


STRING_VALUE = etree.XPath("string()")


def string_value(node: Any) -> str:
    return STRING_VALUE(node) if isinstance(node, etree._Element) else str(node)


def prefixed(attribute: Attribute) -> str:
    """The attribute's name as written in the source: xml:id, or prefix:local by the element's namespaces."""
    if not attribute.name.startswith("{"):
        return attribute.name
    uri, _, local = attribute.name[1:].partition("}")
    if uri == XML_NAMESPACE:
        return f"xml:{local}"
    prefix = next((p for p, u in attribute.element.nsmap.items() if u == uri and p), None)
    return f"{prefix}:{local}" if prefix else local
