"""What an element's content accepts next, read from a flat RELAX NG grammar (tei_all): the names libxml2
leaves out of some of its messages. For an element that lacks a required child it says "Expecting an element
, got nothing", where jing says which ("missing required element sourceDesc").

The content model is read as RELAX NG's own validation algorithm reads it, by derivatives: the pattern that
is left once a child has matched (J. Clark, "An algorithm for RELAX NG validation", 2002). Only the order of
the child elements is followed: each child is taken to match by its name alone, and text and attributes are
taken to match. Patterns are tuples; a reference is resolved when it is first reached, and what is known of
it (whether it may match nothing, the elements it may begin with, those it needs) is kept.
"""

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from lxml import etree

from teitools.grammar import RNG_PREFIX, Grammar, content, element_name, local, rng
from teitools.load import XML_NS

Pattern = tuple
EMPTY: Pattern = ("empty",)
NOT_ALLOWED: Pattern = ("notAllowed",)
TEXT: Pattern = ("text",)  # text, a data type, a value or a list: nothing an element child can match
ANY_NAME = "*"  # an element pattern with a name class (anyName, nsName, a choice of names)
MOST_CHILDREN = 10_000  # beyond this many children before the point of error, nothing is said
MOST_NAMES = 8  # the names a message lists
# XML Schema's data types as a message names what they take (those tei_all's attributes use).
DATA_KINDS = {
    "double": "a number",
    "decimal": "a number",
    "float": "a number",
    "integer": "a whole number",
    "nonNegativeInteger": "a whole number",
    "positiveInteger": "a whole number above 0",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "gYear": "a year (YYYY)",
    "gYearMonth": "a year and month (YYYY-MM)",
    "gMonthDay": "a month and day (--MM-DD)",
    "gMonth": "a month (--MM)",
    "gDay": "a day (---DD)",
    "dateTime": "a date and time (YYYY-MM-DDThh:mm:ss)",
    "time": "a time (hh:mm:ss)",
    "duration": "a duration (P1Y2M, PT3H)",
    "anyURI": "a URI",
    "language": "a language tag (BCP 47: en, de-AT)",
    "ID": "an identifier (an XML name)",
    "IDREF": "an identifier (an XML name)",
    "NCName": "an XML name without a colon",
    "Name": "an XML name",
    "NMTOKEN": "a word without spaces",
    "token": "a word without spaces",
}


class Expectations:
    """The elements a grammar expects next inside an element, given the children before."""

    def __init__(self, root: etree._Element) -> None:
        self.defines = {define.get("name"): define for define in root.iterfind(rng("define"))}
        self.elements: dict[str, list[etree._Element]] = defaultdict(list)
        for element in root.iter(rng("element")):
            self.elements[element_name(element) or ANY_NAME].append(element)
        self.resolved: dict[str, Pattern] = {}
        self.known: dict[tuple[str, str], object] = {}  # (question, reference) -> answer
        self.models: dict[str, Pattern] = {}  # an element's content model, by its Clark name
        self.expected: dict[Pattern, tuple[str, ...]] = {}
        # The answer for an element's name and the names of the children before: the same point of the same
        # content model, met again in the next document of a corpus, is not derived again.
        self.answers: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self.allowed_attributes: dict[str, frozenset[str] | None] = {}
        self.unknown_names: dict[str, str] = {}
        # What is left of a definition once a child of a name has matched: model classes are referred to
        # from every content model, and their choices of hundreds of elements derived once.
        self.derived_references: dict[tuple[str, str], Pattern] = {}

    @classmethod
    def of(cls, root: etree._Element) -> "Expectations | None":
        """The expectations of a grammar if it is flat (teitools.grammar)."""
        return cls(root) if Grammar.usable(root) else None

    def after(self, parent: etree._Element, children: list[etree._Element]) -> tuple[str, ...]:
        """The names of the elements that may come next after these children of parent (Clark names, or
        ANY_NAME): those one of which must come, if the content cannot end there, else all that may. None
        at all (an empty tuple) where the grammar does not define parent, or after too many children."""
        if len(children) > MOST_CHILDREN:
            return ()
        point = (parent.tag, tuple(child.tag for child in children))
        if point not in self.answers:
            self.answers[point] = self.derived(*point)
        return self.answers[point]

    def attributes(self, name: str) -> frozenset[str] | None:
        """The attributes (Clark names) the grammar allows on an element of this name (Clark): None where it
        does not define the element, or allows attributes of any name on it."""
        if name not in self.allowed_attributes:
            self.allowed_attributes[name] = self.attributes_in(self.elements.get(name, []))
        return self.allowed_attributes[name]

    def attributes_in(self, patterns: list[etree._Element]) -> frozenset[str] | None:
        names = [attribute_name(attribute) for attribute in self.attribute_patterns(patterns)]
        return None if not patterns or None in names else frozenset(names)  # type: ignore[arg-type]

    def attribute_patterns(self, patterns: list[etree._Element]) -> Iterator[etree._Element]:
        """The attribute patterns inside element patterns, through references, not into child elements."""
        pending, seen = [child for pattern in patterns for child in pattern], set()
        while pending:
            node = pending.pop()
            kind = local(node) if isinstance(node.tag, str) else "element"  # a comment: nothing in it
            if kind == "attribute":
                yield node
            elif kind == "ref" and node.get("name") not in seen and node.get("name") in self.defines:
                seen.add(node.get("name"))
                pending += list(self.defines[node.get("name")])
            elif kind not in ("element", "ref"):  # the attributes of child elements are theirs
                pending += list(node)

    def attribute_values(self, element: str, attribute: str) -> list[str]:
        """What an attribute of an element may hold, as a message lists it: its values (quoted) and the
        kinds of its data types ("a number"); none where any text goes, or the grammar does not say."""
        accepted: list[str] = []
        for pattern in self.attribute_patterns(self.elements.get(element, [])):
            if attribute_name(pattern) == attribute:
                kinds = self.value_kinds(list(pattern)[1:] if pattern.get("name") is None else list(pattern))
                if kinds is None:
                    return []
                accepted += [kind for kind in kinds if kind not in accepted]
        return accepted

    def value_kinds(self, nodes: list[etree._Element]) -> list[str] | None:
        """The values and data kinds of an attribute's content; None when it takes any text."""
        kinds: list[str] = []
        pending, seen = list(nodes), set()
        while pending:
            node = pending.pop(0)
            kind = local(node) if isinstance(node.tag, str) else ""
            if kind == "value":
                kinds.append(f'"{node.text or ""}"')
            elif kind == "data":
                kinds.append(DATA_KINDS.get(node.get("type", ""), node.get("type", "")))
            elif kind in ("text", "list") or (kind == "data" and node.get("type") == "string"):
                return None
            elif kind == "ref" and node.get("name") not in seen and node.get("name") in self.defines:
                seen.add(node.get("name"))
                pending += list(self.defines[node.get("name")])
            elif kind in ("choice", "group", "optional", "oneOrMore", "zeroOrMore", "define"):
                pending += list(node)
        return kinds

    def unknown_name(self, name: str) -> str | None:
        """For an element of a name the grammar defines nowhere, what to say of it: that it has none of that
        name, and the name it has that is closest, if one is close (a slip of case or of a letter); None for
        a name it defines."""
        if name in self.elements:
            return None
        if name not in self.unknown_names:  # a name met again (a vocabulary of its own): said as before
            self.unknown_names[name] = self.said_of_unknown(name)
        return self.unknown_names[name]

    def said_of_unknown(self, name: str) -> str:
        namespace, _, local_name = name.rpartition("}")
        candidates = {
            n.rpartition("}")[2].lower(): n.rpartition("}")[2]
            for n in self.elements
            if n.rpartition("}")[0] == namespace
        }
        if not candidates:  # a vocabulary of its own (ELTeC's <authorGender>): no name of it is a slip
            return f"the schema has no element in {namespace_named(namespace)}"
        close = difflib.get_close_matches(local_name.lower(), candidates, n=1, cutoff=0.75)
        meant = f"; did you mean {candidates[close[0]]}?" if close else ""
        return f"the schema has no element {local_name}{meant}"

    def model(self, name: str) -> Pattern | None:
        """The content model of an element of this name (Clark), None where the grammar does not define it:
        follow its children with derivative, and ask next_names what may come at a point."""
        if name not in self.elements:
            return None
        if name not in self.models:
            self.models[name] = choice(map(self.content_of, self.elements[name]))
        return self.models[name]

    def past_misplaced(self, left: Pattern, name: str) -> Pattern:
        """Where a content model is once a child of this name that may not come here has been read as jing
        reads it: one that may come only after a required child ("not allowed yet; missing required element
        teiHeader") as though that child were there; any other left out."""
        for required in sorted(self.required(left)):
            after = self.derivative(self.derivative(left, required), name)
            if after != NOT_ALLOWED:
                return after
        return left

    def next_names(self, left: Pattern) -> tuple[str, ...]:
        """At a point of a content model: the elements one of which must come, if it cannot end there,
        else all that may."""
        if left not in self.expected:  # the same content model at the same point: one answer
            self.expected[left] = tuple(sorted(self.required(left) or self.first(left)))
        return self.expected[left]

    def derived(self, name: str, before: tuple[str, ...]) -> tuple[str, ...]:
        left = self.model(name) or NOT_ALLOWED
        for child in before:
            left = self.derivative(left, child)
        return self.next_names(left)

    def content_of(self, element: etree._Element) -> Pattern:
        return group(self.patterns_in(element))

    def patterns_in(self, node: etree._Element, kind: str = "") -> list[Pattern]:
        """The patterns a pattern holds, its annotations (elements of other namespaces) left out: the grammar
        is read as it is, not cleaned first."""
        return [self.pattern(child) for child in content(node, kind) if child.tag.startswith(RNG_PREFIX)]

    def pattern(self, node: etree._Element) -> Pattern:
        """A pattern of the grammar as a tuple; an element pattern without its content."""
        kind = local(node)
        if kind in ("empty", "attribute"):
            return EMPTY
        if kind in ("text", "data", "value", "list"):
            return TEXT
        if kind == "element":
            return ("element", element_name(node) or ANY_NAME)
        if kind == "ref":
            return ("ref", node.get("name"))
        children = self.patterns_in(node, kind)
        if kind == "choice":
            return choice(children)
        if kind == "interleave":
            return interleave(children)
        if kind == "mixed":
            return interleave([TEXT, group(children)])
        if kind == "oneOrMore":
            return one_or_more(group(children))
        if kind == "zeroOrMore":
            return choice([one_or_more(group(children)), EMPTY])
        if kind == "optional":
            return choice([group(children), EMPTY])
        if kind == "group":
            return group(children)
        return NOT_ALLOWED  # notAllowed, or nothing a flat grammar holds

    def resolve(self, name: str) -> Pattern:
        if name not in self.resolved:
            define = self.defines.get(name)
            self.resolved[name] = NOT_ALLOWED if define is None else self.content_of(define)
        return self.resolved[name]

    def of_reference(self, question: Callable, name: str, unknown: object) -> object:
        """A question about a definition, answered once; `unknown` while it is being answered (a
        definition reached again before an element is reached adds nothing)."""
        key = (question.__name__, name)
        if key not in self.known:
            self.known[key] = unknown
            self.known[key] = question(self.resolve(name))
        return self.known[key]

    def nullable(self, pattern: Pattern) -> bool:
        """Whether the pattern may match no element at all."""
        kind = pattern[0]
        if kind in ("empty", "text"):
            return True
        if kind in ("notAllowed", "element"):
            return False
        if kind == "ref":
            return bool(self.of_reference(self.nullable, pattern[1], False))
        if kind == "choice":
            return any(self.nullable(each) for each in pattern[1])
        if kind == "oneOrMore":
            return self.nullable(pattern[1])
        return all(self.nullable(each) for each in pattern[1:])  # group, interleave

    def first(self, pattern: Pattern) -> frozenset[str]:
        """The names of the elements the pattern may begin with."""
        kind = pattern[0]
        if kind == "element":
            return frozenset([pattern[1]])
        if kind == "ref":
            return self.of_reference(self.first, pattern[1], frozenset())  # type: ignore[return-value]
        if kind == "choice":
            return frozenset().union(*map(self.first, pattern[1]))
        if kind == "oneOrMore":
            return self.first(pattern[1])
        if kind == "group":
            head, tail = pattern[1], pattern[2]
            return self.first(head) | (self.first(tail) if self.nullable(head) else frozenset())
        if kind == "interleave":
            return self.first(pattern[1]) | self.first(pattern[2])
        return frozenset()

    def required(self, pattern: Pattern) -> frozenset[str]:
        """The names of the elements one of which the pattern cannot do without, first (none if it may
        match nothing)."""
        kind = pattern[0]
        if kind == "element":
            return frozenset([pattern[1]])
        if kind == "ref":
            return self.of_reference(self.required, pattern[1], frozenset())  # type: ignore[return-value]
        if kind == "choice":
            members = [self.required(each) for each in pattern[1]]
            return frozenset().union(*members) if all(members) else frozenset()
        if kind == "oneOrMore":
            return self.required(pattern[1])
        if kind == "group":
            head, tail = pattern[1], pattern[2]
            return self.required(tail) if self.nullable(head) else self.required(head)
        if kind == "interleave":
            return self.required(pattern[1]) | self.required(pattern[2])
        return frozenset()

    def derivative(self, pattern: Pattern, name: str) -> Pattern:
        """What is left of the pattern once an element of this name has matched."""
        kind = pattern[0]
        if kind == "element":
            return EMPTY if pattern[1] in (name, ANY_NAME) else NOT_ALLOWED
        if kind == "ref":
            key = (pattern[1], name)
            if key not in self.derived_references:
                self.derived_references[key] = self.derivative(self.resolve(pattern[1]), name)
            return self.derived_references[key]
        if kind == "choice":
            return choice([self.derivative(each, name) for each in pattern[1]])
        if kind == "oneOrMore":
            return group([self.derivative(pattern[1], name), choice([pattern, EMPTY])])
        if kind == "group":
            head, tail = pattern[1], pattern[2]
            after_head = group([self.derivative(head, name), tail])
            return choice([after_head, self.derivative(tail, name)]) if self.nullable(head) else after_head
        if kind == "interleave":
            left, right = pattern[1], pattern[2]
            return choice(
                [
                    interleave([self.derivative(left, name), right]),
                    interleave([left, self.derivative(right, name)]),
                ]
            )
        return NOT_ALLOWED  # empty, text, notAllowed


def choice(patterns: Iterable[Pattern]) -> Pattern:
    members: set[Pattern] = set()
    for pattern in patterns:
        members |= pattern[1] if pattern[0] == "choice" else {pattern}
    members.discard(NOT_ALLOWED)
    if not members:
        return NOT_ALLOWED
    return next(iter(members)) if len(members) == 1 else ("choice", frozenset(members))


def group(patterns: list[Pattern]) -> Pattern:
    return in_a_row("group", patterns)


def interleave(patterns: list[Pattern]) -> Pattern:
    return in_a_row("interleave", patterns)


def in_a_row(kind: str, patterns: list[Pattern]) -> Pattern:
    """Patterns in a row (or interleaved) as nested pairs: notAllowed wins, empty stands for nothing."""
    kept = [pattern for pattern in patterns if pattern != EMPTY]
    if NOT_ALLOWED in kept:
        return NOT_ALLOWED
    if not kept:
        return EMPTY
    result = kept[-1]
    for pattern in reversed(kept[:-1]):
        result = (kind, pattern, result)
    return result


def one_or_more(pattern: Pattern) -> Pattern:
    return pattern if pattern in (EMPTY, NOT_ALLOWED) else ("oneOrMore", pattern)


@cache
def listed(names: tuple[str, ...]) -> str:
    """Names as a message gives them: local names (as libxml2's messages do), "any element" for a name
    class, at most MOST_NAMES of them."""
    shown = sorted({"any element" if name == ANY_NAME else name.rpartition("}")[2] for name in names})
    more = len(shown) - MOST_NAMES
    return " or ".join(shown[:MOST_NAMES]) + (f" (or {more} more)" if more > 0 else "")


def namespace_named(namespace: str) -> str:
    """A namespace as a message names it: "namespace http://…", or "no namespace"."""
    return f"namespace {namespace.lstrip('{')}" if namespace else "no namespace"


def attribute_name(attribute: etree._Element) -> str | None:
    """The Clark name of an attribute pattern with a single name, or None for a name class. Unlike an
    element's, an attribute's name is in no namespace unless it says so (RELAX NG's ns is not inherited)."""
    name = attribute.get("name")
    holder = attribute
    if name is None:
        first = next((child for child in attribute if isinstance(child.tag, str)), None)
        if first is None or local(first) != "name":
            return None
        name, holder = (first.text or "").strip(), first
    if ":" in name:  # the xml prefix is bound without a declaration
        prefix, name = name.split(":", 1)
        namespace = XML_NS if prefix == "xml" else holder.nsmap.get(prefix, "")
        return f"{{{namespace}}}{name}"
    return f"{{{holder.get('ns')}}}{name}" if holder.get("ns") else name
