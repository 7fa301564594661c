"""ISO Schematron on saxonche (XPath 3.1): a schema is translated once into an XSLT 3.0 stylesheet, compiled
once per run, and run on each document; every failed assert and successful report becomes a Finding at the
file:line:col of its context node.

The translation: one mode per pattern, one template per rule (earlier rules win, as ISO requires: a node is
checked by the first rule of a pattern whose context matches it), lets as variables, value-of and name in the
messages. Each result names its context node by the child positions from the root ("1/3/2"), which finds the
same element in the lxml tree, whose elements know their source line.

Rules whose context can only match elements that are absent from the run are left out before compiling
(`present`), which keeps the stylesheet, and the run, small. Abstract patterns and includes are not
supported and say so.
"""

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import saxonche
from lxml import etree

from teitools.findings import ERROR, WARNING, Finding
from teitools.load import Document, UsageError, safe_parser

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
RESULTS = "urn:teitools:schematron"  # the namespace of the stylesheet's own result elements and function
RESULTS_PREFIX = "teitools-sch"
SCH_NS = {"sch": SCH}
# Roles that make a failed assert or successful report a warning; any other role (or none) is an error.
WARNING_ROLES = {"warning", "warn", "info", "information", "nonfatal"}
DEFAULT_RULE_ID = "schematron"
QUERY_BINDINGS = {"", "xslt", "xslt2", "xslt3", "xpath", "xpath2", "xpath3", "xpath31"}

# For the context analysis: string literals and predicates are set aside; what is left names the nodes.
STRING_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")
SET_OPERATOR = re.compile(r"\s(?:union|intersect|except)\s")
NAME_TEST = re.compile(r"(@)?((?:[\w.-]+:)?(?:\*|[\w.-]+)|\*:[\w.-]+)(\s*(?:\(|::))?")


@dataclass(frozen=True)
class Rule:
    """A rule kept for the stylesheet: the number of its pattern, and its element."""

    pattern: int
    element: etree._Element


@cache
def processor() -> saxonche.PySaxonProcessor:
    """One Saxon processor per process, shared by every Schematron of the run."""
    return saxonche.PySaxonProcessor(license=False)


class Schematron:
    """An ISO Schematron schema compiled for one run; `check` runs it on one document."""

    def __init__(self, path: Path, present: Collection[str] | None = None) -> None:
        """Compile the schema at `path`. With `present` (element names in Clark notation, {ns}local), rules
        whose context can only match elements not in it are left out."""
        self.path = path
        schema = parse_schema(path)
        self.namespaces = declared_namespaces(schema)
        rules = list(kept_rules(schema, self.namespaces, present))
        self.rules_total = len(schema.findall(".//sch:rule", SCH_NS)) - len(abstract_rules(schema))
        self.rules_kept = len(rules)
        stylesheet = Translator(schema, self.namespaces).stylesheet(rules)
        self.executable = compile_stylesheet(path, etree.tostring(stylesheet, encoding="unicode"))

    def check(self, document: Document) -> list[Finding]:
        if not self.rules_kept:
            return []
        builder = processor().new_document_builder()
        builder.set_base_uri(document.resolved.as_uri())
        node = builder.parse_xml(xml_text=document.xml_text(), encoding="UTF-8")
        output = self.executable.transform_to_string(xdm_node=node)
        return [finding(document, result) for result in etree.fromstring(output.encode())]


def parse_schema(path: Path) -> etree._Element:
    try:
        schema = etree.parse(str(path), safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise UsageError(f"{path}: not a readable Schematron schema: {error}") from error
    if schema.tag != f"{{{SCH}}}schema":
        raise UsageError(f"{path}: not an ISO Schematron schema (root {schema.tag})")
    binding = (schema.get("queryBinding") or "").lower()
    if binding not in QUERY_BINDINGS:
        raise UsageError(
            f"{path}: Schematron query binding {binding!r} is not supported (XPath/XSLT 1-3 are)"
        )
    unsupported = schema.xpath(
        ".//sch:include | .//sch:extends[@href] | .//sch:pattern[@abstract='true'] | .//sch:pattern[@is-a]",
        namespaces=SCH_NS,
    )
    if unsupported:
        name = etree.QName(unsupported[0]).localname
        raise UsageError(f"{path}:{unsupported[0].sourceline}: Schematron <{name}> is not supported")
    return schema


def declared_namespaces(schema: etree._Element) -> dict[str, str]:
    """The prefixes queries may use: sch:ns first, then any namespace declared on the schema's elements."""
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iterfind("sch:ns", SCH_NS)}
    for element in schema.iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            if prefix and uri not in (SCH, XSL):
                namespaces.setdefault(prefix, uri)
    return namespaces


def abstract_rules(schema: etree._Element) -> dict[str, etree._Element]:
    return {rule.get("id"): rule for rule in schema.iterfind(".//sch:rule[@abstract='true']", SCH_NS)}


def kept_rules(
    schema: etree._Element, namespaces: dict[str, str], present: Collection[str] | None
) -> Iterator[Rule]:
    present = set(present) if present is not None else None
    for number, pattern in enumerate(schema.iterfind("sch:pattern", SCH_NS)):
        for rule in pattern.iterfind("sch:rule", SCH_NS):
            if rule.get("abstract") == "true":
                continue
            context = rule.get("context", "")
            if present is None or can_match(context, namespaces, present):
                yield Rule(number, rule)


def can_match(context: str, namespaces: dict[str, str], present: Collection[str]) -> bool:
    """Whether a rule context can match a node of documents holding only the elements `present` (Clark
    names). Each alternative of the context (split at | outside brackets) needs every element its name tests
    outside predicates and parentheses name: `tei:l//tei:p` needs an l and a p. Wildcards, attributes, kind
    tests, functions and what is inside parentheses need nothing (the answer errs towards keeping a rule)."""
    return any(
        required is None or required <= present
        for required in (required_elements(a, namespaces) for a in alternatives(context))
    )


def alternatives(context: str) -> list[str]:
    """The context's top-level alternatives, with string literals emptied and bracketed parts reduced to
    empty brackets (so that `f(...)` still reads as a call)."""
    kept, parts, depth = [], [], 0
    for character in STRING_LITERAL.sub("''", context):
        if character in ")]":
            depth -= 1
        if depth == 0:
            if character == "|":
                parts.append("".join(kept))
                kept = []
            else:
                kept.append(character)
        if character in "([":
            depth += 1
    return [*parts, "".join(kept)]


def required_elements(alternative: str, namespaces: dict[str, str]) -> set[str] | None:
    """The Clark names the alternative's element name tests need; None when that cannot be told (a prefix
    not declared, an operator between paths)."""
    if SET_OPERATOR.search(alternative):
        return None
    names: set[str] = set()
    for match in NAME_TEST.finditer(alternative):
        attribute, name, call = match.groups()
        if attribute or call or "*" in name:
            continue  # an attribute, an axis, a function or kind test, a wildcard: no element needed
        prefix, _, local = name.rpartition(":")
        if prefix and prefix not in namespaces:
            return None
        names.add(f"{{{namespaces[prefix]}}}{local}" if prefix else local)
    return names


def candidates(rules: list[Rule]) -> str:
    """The nodes a pattern's rules are tried on, each once and in document order. XSLT defines a node as
    matching a pattern P when root(.)//(P) selects it, so the union of those expressions selects exactly the
    nodes some rule matches, without walking the others through template dispatch. A context that reads
    current() means something else in a select: then every node is tried."""
    selections = []
    for rule in rules:
        context = rule.element.get("context", "")
        if "current()" in context:
            return "(/, //node(), //@*)"
        selections.append(f"({context})" if context.lstrip().startswith("/") else f"//({context})")
    return " | ".join(selections)


class Translator:
    """Writes the XSLT 3.0 stylesheet that runs a Schematron schema."""

    def __init__(self, schema: etree._Element, namespaces: dict[str, str]) -> None:
        self.schema = schema
        self.namespaces = namespaces
        self.abstract = abstract_rules(schema)
        self.diagnostics = {d.get("id"): d for d in schema.iterfind(".//sch:diagnostic", SCH_NS)}

    def stylesheet(self, rules: list[Rule]) -> etree._Element:
        own = {"xsl": XSL, RESULTS_PREFIX: RESULTS}
        nsmap = {**own, **{p: u for p, u in self.namespaces.items() if p not in own}}
        root = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap, version="3.0")
        root.set("exclude-result-prefixes", " ".join(p for p in nsmap if p != RESULTS_PREFIX))
        etree.SubElement(root, f"{{{XSL}}}output", method="xml", indent="no")
        # Lets of the schema and of its patterns are global, evaluated on the document (as in ISO's skeleton).
        for let in self.schema.xpath("sch:let | sch:pattern/sch:let", namespaces=SCH_NS):
            self.variable(root, let)
        patterns = list(self.schema.iterfind("sch:pattern", SCH_NS))
        used = sorted({rule.pattern for rule in rules})
        main = self.xsl(root, "template", match="/")
        results = etree.SubElement(main, f"{{{RESULTS}}}results")
        for number in used:
            select = candidates([r for r in rules if r.pattern == number])
            self.xsl(results, "apply-templates", select=select, mode=f"p{number}")
        self.path_function(root)
        for number in used:
            self.pattern(root, number, patterns[number], [r for r in rules if r.pattern == number])
        return root

    def xsl(self, parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{XSL}}}{tag}", attributes)

    def variable(self, parent: etree._Element, let: etree._Element) -> None:
        if let.get("value") is None:
            raise UsageError(f"line {let.sourceline}: a Schematron <let> without @value is not supported")
        self.xsl(parent, "variable", name=let.get("name"), select=let.get("value"))

    def path_function(self, root: etree._Element) -> None:
        """path($node): the child positions of the node's element from the root, and its attribute name."""
        function = self.xsl(root, "function", name=f"{RESULTS_PREFIX}:path", visibility="private")
        self.xsl(function, "param", name="node", **{"as": "node()"})
        element = "$node/ancestor-or-self::*[1]"
        self.xsl(
            function,
            "sequence",
            select=f"string-join(for $e in {element}/ancestor-or-self::* "
            "return string(count($e/preceding-sibling::*) + 1), '/')"
            " || (if ($node instance of attribute()) then '@' || name($node) else '')",
        )

    def pattern(self, root: etree._Element, number: int, pattern: etree._Element, rules: list[Rule]) -> None:
        mode = f"p{number}"
        self.xsl(root, "mode", name=mode, **{"on-no-match": "deep-skip"})
        for position, rule in enumerate(rules):
            template = self.xsl(
                root,
                "template",
                match=rule.element.get("context"),
                mode=mode,
                priority=str(len(rules) - position),
            )
            for item in self.rule_items(rule.element):
                if etree.QName(item).localname == "let":
                    self.variable(template, item)
                else:
                    self.check(template, item, pattern, rule.element)

    def rule_items(self, rule: etree._Element) -> Iterator[etree._Element]:
        """The lets, asserts and reports of a rule, with those of the abstract rules it extends in place."""
        for item in rule:
            name = etree.QName(item).localname if isinstance(item.tag, str) else ""
            if name in ("let", "assert", "report"):
                yield item
            elif name == "extends":
                yield from self.rule_items(self.abstract[item.get("rule")])

    def check(
        self, template: etree._Element, item: etree._Element, pattern: etree._Element, rule: etree._Element
    ) -> None:
        test = item.get("test")
        condition = f"not({test})" if etree.QName(item).localname == "assert" else f"boolean({test})"
        branch = self.xsl(template, "if", test=condition)
        result = etree.SubElement(branch, f"{{{RESULTS}}}result")
        result.set("role", (item.get("role") or rule.get("role") or "").lower())
        result.set("id", item.get("id") or pattern.get("id") or DEFAULT_RULE_ID)
        self.xsl(result, "attribute", name="path", select=f"{RESULTS_PREFIX}:path(.)")
        self.message(result, item)
        for reference in (item.get("diagnostics") or "").split():
            if reference in self.diagnostics:
                self.message(result, self.diagnostics[reference], " ")

    def message(self, parent: etree._Element, source: etree._Element, lead: str = "") -> None:
        """The message's text, its value-of and name evaluated; other markup (emph, span) gives its text."""
        self.text(parent, lead + (source.text or ""))
        for child in source:
            if isinstance(child.tag, str):
                name = etree.QName(child).localname
                if name == "value-of":
                    self.xsl(parent, "value-of", select=child.get("select"))
                elif name == "name":
                    self.xsl(parent, "value-of", select=f"name({child.get('path') or '.'})")
                else:
                    self.message(parent, child)
            self.text(parent, child.tail or "")

    def text(self, parent: etree._Element, text: str) -> None:
        if text:
            self.xsl(parent, "text").text = text


def compile_stylesheet(path: Path, stylesheet: str) -> saxonche.PyXsltExecutable:
    compiler = processor().new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_text=stylesheet)
    except saxonche.PySaxonApiError as error:
        raise UsageError(f"{path}: the Schematron's queries do not compile: {error}") from error


def finding(document: Document, result: etree._Element) -> Finding:
    element, attribute = node_at(document.root, result.get("path", ""))
    severity = WARNING if result.get("role") in WARNING_ROLES else ERROR
    message = " ".join((result.text or "").split())
    return document.finding(element, severity, result.get("id"), message, attribute)


def node_at(root: etree._Element, path: str) -> tuple[etree._Element, str]:
    """The element a path of child positions names ("1/3/2", the first being the root), and an attribute."""
    steps, _, attribute = path.partition("@")
    element = root
    for step in steps.split("/")[1:]:
        children = [child for child in element if isinstance(child.tag, str)]
        position = int(step) - 1
        if not 0 <= position < len(children):
            break
        element = children[position]
    return element, attribute


def element_names(trees: Iterable[etree._ElementTree | etree._Element]) -> set[str]:
    """The names (Clark notation) of the elements in the trees: what `present` is made of."""
    names: set[str] = set()
    for tree in trees:
        names.update(element.tag for element in tree.iter(etree.Element))
    return names
