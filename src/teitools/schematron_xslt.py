"""The Schematron's last resort: rules that neither libxml2 nor elementpath can run, translated once into an
XSLT 3.0 stylesheet for saxonche, compiled once per run, and run on a document only when one of those rules
may match in it. Every failed assert and successful report becomes a Finding at the file:line:col of its
context node.

The translation: one mode per pattern, one template per rule (earlier rules win, as ISO requires: a node is
checked by the first rule of a pattern whose context matches it), lets as variables, value-of and name in the
messages. Each result names its context node by the child positions from the root ("1/3/2"), which finds the
same element in the lxml tree, whose elements know their source line.
"""

from functools import cache
from pathlib import Path

import saxonche
from lxml import etree

from teitools import saxon
from teitools.findings import ERROR, Finding
from teitools.load import Document, UsageError
from teitools.schematron_schema import (
    DEFAULT_RULE_ID,
    XSL,
    Computed,
    ParsedSchema,
    Rule,
    full_message,
    rule_id,
    rule_items,
    rule_role,
    severity,
)

RESULTS = "urn:teitools:schematron"  # the namespace of the stylesheet's own result elements and function
RESULTS_PREFIX = "teitools-sch"


@cache
def processor() -> saxonche.PySaxonProcessor:
    """One Saxon processor per process, shared by every Schematron of the run."""
    return saxon.new_processor()


class XsltRules:
    """Rules compiled into one stylesheet; `check` runs it on a document."""

    def __init__(self, path: Path, schema: ParsedSchema, rules: list[Rule]):
        stylesheet = Translator(schema).stylesheet(rules)
        self.executable = compile_stylesheet(path, etree.tostring(stylesheet, encoding="unicode"))

    def check(self, document: Document) -> list[Finding]:
        builder = processor().new_document_builder()
        builder.set_base_uri(document.resolved.as_uri())
        node = builder.parse_xml(xml_text=document.xml_text(), encoding="UTF-8")
        try:
            output = self.executable.transform_to_string(xdm_node=node)
        except saxonche.PySaxonApiError as error:  # a dynamic error (a failed cast) stops the stylesheet
            reason = (str(error).strip().splitlines() or ["a dynamic error"])[0]
            message = f"the Schematron rules run by Saxon stopped on this document: {reason}"
            return [document.finding(document.root, ERROR, DEFAULT_RULE_ID, message)]
        return [finding(document, result) for result in etree.fromstring(output.encode())]


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

    def __init__(self, schema: ParsedSchema) -> None:
        self.schema = schema
        self.namespaces = schema.namespaces
        self.abstract = schema.abstract
        self.diagnostics = schema.diagnostics

    def stylesheet(self, rules: list[Rule]) -> etree._Element:
        own = {"xsl": XSL, RESULTS_PREFIX: RESULTS}
        nsmap = {**own, **{p: u for p, u in self.namespaces.items() if p not in own}}
        root = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap, version="3.0")
        root.set("exclude-result-prefixes", " ".join(p for p in nsmap if p != RESULTS_PREFIX))
        etree.SubElement(root, f"{{{XSL}}}output", method="xml", indent="no")
        # Lets of the schema and of its patterns are global, evaluated on the document (as in ISO's skeleton).
        for let in self.schema.lets:
            self.variable(root, let)
        patterns = self.schema.patterns
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
            for item in rule_items(rule.element, self.abstract):
                if etree.QName(item).localname == "let":
                    self.variable(template, item)
                else:
                    self.check(template, item, pattern, rule.element)

    def check(
        self, template: etree._Element, item: etree._Element, pattern: etree._Element, rule: etree._Element
    ) -> None:
        test = item.get("test")
        condition = f"not({test})" if etree.QName(item).localname == "assert" else f"boolean({test})"
        branch = self.xsl(template, "if", test=condition)
        result = etree.SubElement(branch, f"{{{RESULTS}}}result")
        result.set("role", rule_role(item, rule))
        result.set("id", rule_id(item, pattern))
        self.xsl(result, "attribute", name="path", select=f"{RESULTS_PREFIX}:path(.)")
        for part in full_message(item, self.diagnostics):
            if isinstance(part, Computed) and part.kind == "value-of":
                self.xsl(result, "value-of", select=part.expression)
            elif isinstance(part, Computed):
                self.xsl(result, "value-of", select=f"name({part.expression})")
            else:
                self.xsl(result, "text").text = part


def compile_stylesheet(path: Path, stylesheet: str) -> saxonche.PyXsltExecutable:
    compiler = processor().new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_text=stylesheet)
    except saxonche.PySaxonApiError as error:
        raise UsageError(f"{path}: the Schematron's queries do not compile: {error}") from error


def finding(document: Document, result: etree._Element) -> Finding:
    element, attribute = node_at(document.root, result.get("path", ""))
    message = " ".join((result.text or "").split())
    return document.finding(element, severity(result.get("role")), result.get("id"), message, attribute)


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
