"""An ISO Schematron schema read: its namespaces, its rules (abstract ones expanded), the rules kept for the
elements of a run, and its messages as parts to evaluate. Both engines (teitools.schematron and its XSLT
last resort) read schemas through this module.

Rules whose context can only match elements that are absent from the run are left out before compiling
(`present`), which keeps the run small. Abstract patterns and includes are not supported and say so.
"""

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teitools.findings import ERROR, WARNING
from teitools.load import UsageError, safe_parser

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SCH_NS = {"sch": SCH}
# Roles that make a failed assert or successful report a warning; any other role (or none) is an error.
WARNING_ROLES = {"warning", "warn", "info", "information", "nonfatal"}
DEFAULT_RULE_ID = "schematron"
QUERY_BINDINGS = {"", "xslt", "xslt2", "xslt3", "xpath", "xpath2", "xpath3", "xpath31"}
XPATH3_BINDINGS = {"xslt3", "xpath3", "xpath31"}

# For the context analysis: string literals and predicates are set aside; what is left names the nodes.
STRING_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")
COUNTED = re.compile(r"count\s*\(\s*//\s*([\w.-]+(?::[\w.-]+)?)\s*\)\s*(gt|>|ge|>=|eq|=)\s*(\d+)")
SET_OPERATOR = re.compile(r"\s(?:union|intersect|except)\s")
NAME_TEST = re.compile(r"(@)?((?:[\w.-]+:)?(?:\*|[\w.-]+)|\*:[\w.-]+)(\s*(?:\(|::))?")


@dataclass(frozen=True)
class Rule:
    """A rule kept for the run: the number of its pattern, and its element."""

    pattern: int
    element: etree._Element


@dataclass(frozen=True)
class Computed:
    """A part of a message computed on the node: `value-of` (its select) or `name` (of its path)."""

    kind: str  # "value-of" or "name"
    expression: str


def severity(role: str | None) -> str:
    return WARNING if (role or "").lower() in WARNING_ROLES else ERROR


def parse_schema(path: Path) -> etree._Element:
    try:
        schema = etree.parse(str(path), safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise UsageError(f"{path}: not a readable Schematron schema: {error}") from error
    if schema.tag != f"{{{SCH}}}schema":
        raise UsageError(f"{path}: not an ISO Schematron schema (root {schema.tag})")
    binding = query_binding(schema)
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


@dataclass(frozen=True)
class ParsedSchema:
    """A Schematron schema, read once with what each of its compilers reads (teitools.schematron's, and
    teitools.schematron_xslt's for what that one cannot read)."""

    root: etree._Element
    namespaces: dict[str, str]
    abstract: dict[str, etree._Element]  # abstract rules by id
    diagnostics: dict[str, etree._Element]
    lets: list[etree._Element]  # the schema's and its patterns': global, evaluated on the document (ISO)
    patterns: list[etree._Element]
    xpath3: bool  # bound to XSLT/XPath 3

    @classmethod
    def read(cls, path: Path) -> "ParsedSchema":
        root = parse_schema(path)
        return cls(
            root,
            declared_namespaces(root),
            abstract_rules(root),
            diagnostics(root),
            root.xpath("sch:let | sch:pattern/sch:let", namespaces=SCH_NS),
            list(root.iterfind("sch:pattern", SCH_NS)),
            uses_xpath3(root),
        )


def query_binding(schema: etree._Element) -> str:
    return (schema.get("queryBinding") or "").lower()


def uses_xpath3(schema: etree._Element) -> bool:
    return query_binding(schema) in XPATH3_BINDINGS


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
    seen: set[tuple] = set()
    for number, pattern in enumerate(schema.iterfind("sch:pattern", SCH_NS)):
        if (checks := pattern_checks(pattern)) in seen:
            continue  # the same constraint in another language: its finding would be said twice
        seen.add(checks)
        for rule in pattern.iterfind("sch:rule", SCH_NS):
            if rule.get("abstract") == "true":
                continue
            context = rule.get("context", "")
            if present is None or can_match(context, namespaces, present):
                yield Rule(number, rule)


# What an item of a rule checks or names; its message and its id are words.
CHECK_ATTRIBUTES = ("test", "role", "flag", "rule", "name", "value")


def pattern_checks(pattern: etree._Element) -> tuple:
    """What a pattern checks, without its words: its lets, each rule's context, and each of its asserts,
    reports, lets and extensions with what it tests or names. TEI's ODD states some constraints twice, in
    English and in French (addSpan-requires-spanTo and addSpan-requires-spanTo-fr): the same checks, once is
    enough."""
    return tuple(
        (
            rule.get("context"),
            rule.get("abstract"),
            tuple(
                (item.tag, *(item.get(name) for name in CHECK_ATTRIBUTES))
                for item in rule
                if isinstance(item.tag, str)
            ),
        )
        for rule in pattern.iterfind("sch:rule", SCH_NS)
    ) + tuple((let.get("name"), let.get("value")) for let in pattern.iterfind("sch:let", SCH_NS))


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
    empty brackets (so that `f(...)` still reads as a call). A predicate of a step that counts elements
    anywhere and wants some, `/*[count(//tei:constraintDecl) gt 1]`, leaves their name after its brackets:
    the alternative needs them."""
    kept, parts, depth, inside = [], [], 0, []
    for character in STRING_LITERAL.sub("''", context):
        if character in ")]":
            depth -= 1
        if depth == 0:
            if character == "|":
                parts.append("".join(kept))
                kept = []
            else:
                kept.append(character)
            if character == "]":
                kept.append(counted_name("".join(inside)))
        elif depth >= 1:
            inside.append(character)
        if character in "([":
            depth += 1
            inside = [] if depth == 1 else inside
    return [*parts, "".join(kept)]


def counted_name(predicate: str) -> str:
    """The element a predicate `count(//name) gt N` (or ge, eq with N > 0) needs, with spaces around; ""
    for any other predicate."""
    counted = COUNTED.fullmatch(predicate.strip())
    if not counted:
        return ""
    name, operator, number = counted.groups()
    return f" {name} " if operator in ("gt", ">") or int(number) > 0 else ""


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


def rule_items(rule: etree._Element, abstract: dict[str, etree._Element]) -> Iterator[etree._Element]:
    """The lets, asserts and reports of a rule, with those of the abstract rules it extends in place."""
    for item in rule:
        name = etree.QName(item).localname if isinstance(item.tag, str) else ""
        if name in ("let", "assert", "report"):
            yield item
        elif name == "extends":
            yield from rule_items(abstract[item.get("rule")], abstract)


def message_parts(source: etree._Element, lead: str = "") -> Iterator[str | Computed]:
    """The parts of a message: its text, and its value-of and name to evaluate; other markup (emph, span)
    gives its own parts."""
    if lead + (source.text or ""):
        yield lead + (source.text or "")
    for child in source:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "value-of":
                yield Computed("value-of", child.get("select"))
            elif name == "name":
                yield Computed("name", child.get("path") or ".")
            else:
                yield from message_parts(child)
        if child.tail:
            yield child.tail


def diagnostics(schema: etree._Element) -> dict[str, etree._Element]:
    return {d.get("id"): d for d in schema.iterfind(".//sch:diagnostic", SCH_NS)}


def full_message(item: etree._Element, diagnosed: dict[str, etree._Element]) -> list[str | Computed]:
    """An assert's or report's message with its diagnostics, each after a space."""
    parts = list(message_parts(item))
    for reference in (item.get("diagnostics") or "").split():
        if reference in diagnosed:
            parts += message_parts(diagnosed[reference], " ")
    return parts


def rule_id(item: etree._Element, pattern: etree._Element) -> str:
    return item.get("id") or pattern.get("id") or DEFAULT_RULE_ID


def rule_role(item: etree._Element, rule: etree._Element) -> str:
    return (item.get("role") or rule.get("role") or "").lower()
