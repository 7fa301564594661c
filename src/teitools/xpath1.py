"""XPath 2 expressions rewritten as XPath 1, for libxml2, where the two mean the same.

Schematron's queries are XPath 2, but most of them are XPath 1 plus value comparisons. libxml2 evaluates
XPath 1 over a whole document in one call, which is what makes the Schematron fast; an expression only
XPath 2 can read goes to elementpath instead. The rewriting works on tokens and refuses (returns None)
whatever it cannot prove to mean the same in XPath 1:

- `eq ne` become `= !=`: for singletons and empty sequences both give the same boolean;
- `lt le gt ge < <= > >=` are kept only when one side is a number (a literal or a numeric function): XPath 1
  compares numbers there, XPath 2 compares strings when neither side is numeric;
- `= != eq ne` next to a boolean function are refused (XPath 1 compares a node-set to a boolean by its
  emptiness, XPath 2 by the nodes' values);
- `union` becomes `|`;
- `current()` becomes the variable $teitools_current when the caller binds it (`current=True`);
- functions outside XPath 1's library, sequences (a comma outside a call), `for some every if cast
  castable instance treat intersect except is to idiv`, `<< >> || !`, comments, `*:name`, exponents,
  doubled quotes in literals and a parenthesised step (`a/(b|c)`) are refused;
- with `positional=False`, position() and last() outside a predicate are refused: the test of a rule is
  evaluated in a predicate over all the rule's nodes, where they would count those nodes.
"""

import re
from dataclasses import dataclass

CURRENT_VARIABLE = "teitools_current"
ROOT_ELEMENT = "/"  # a Match of the document's root element only

XPATH1_FUNCTIONS = {
    "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat",
    "starts-with", "contains", "substring-before", "substring-after", "substring", "string-length",
    "normalize-space", "translate", "boolean", "not", "true", "false", "lang", "number", "sum", "floor",
    "ceiling", "round",
}  # fmt: skip
KIND_TESTS = {"node", "text", "comment", "processing-instruction"}
NUMERIC_FUNCTIONS = {
    "count",
    "string-length",
    "sum",
    "number",
    "floor",
    "ceiling",
    "round",
    "position",
    "last",
}
BOOLEAN_FUNCTIONS = {"true", "false", "not", "boolean", "lang", "starts-with", "contains"}
# The functions that return an atomic value (never a node-set): libxml2 can take it back as a variable.
ATOMIC_FUNCTIONS = XPATH1_FUNCTIONS - {"id"}
VALUE_COMPARISONS = {"eq": "=", "ne": "!="}
ORDER_COMPARISONS = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}
KEPT_OPERATORS = {"and", "or", "div", "mod"}
REFUSED_SYMBOLS = {"<<", ">>", "||", ":=", "!", "?", "#", "{", "}", ":", "(:"}

NAME = r"[^\W\d][\w.\-]*"
TOKEN = re.compile(
    rf"""(?P<space>\s+)
    |(?P<string>"(?:[^"]|"")*"|'(?:[^']|'')*')
    |(?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<variable>\$(?:{NAME}:)?{NAME})
    |(?P<name>(?:\*|{NAME})(?::(?:\*|{NAME}))?)
    |(?P<symbol>\(:|//|::|\.\.|!=|<=|>=|<<|>>|\|\||:=|[/.@()\[\],|=<>+\-*!?#{{}}:])
    |(?P<other>.)""",
    re.X | re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string, number, variable, name, symbol, other
    text: str


@dataclass(frozen=True)
class Translation:
    text: str  # the XPath 1 expression
    variables: frozenset[str]  # the variables it reads (without $), $teitools_current included
    atomic: bool  # it returns a string, number or boolean (never a node-set)


def tokens(expression: str) -> list[Token]:
    return [
        Token(match.lastgroup, match.group())
        for match in TOKEN.finditer(expression)
        if match.lastgroup != "space"
    ]


def ends_operand(token: Token | None) -> bool:
    """Whether a token closes an operand, so that a name after it is an operator (XPath 1, 3.7)."""
    if token is None:
        return False
    if token.kind in ("string", "number", "variable", "name"):
        return True
    return token.text in (")", "]", ".", "..", "*")


def classify(items: list[Token]) -> list[Token]:
    """Names told apart: operator, function, axis or name test (kind `operator`, `function`, `axis`)."""
    classified: list[Token] = []
    for index, token in enumerate(items):
        following = items[index + 1].text if index + 1 < len(items) else ""
        previous = classified[-1] if classified else None
        if token.text == "*" and ends_operand(previous):
            token = Token("operator", "*")
        elif token.kind == "name" and ends_operand(previous):
            token = Token("operator", token.text)
        elif token.kind == "name" and following == "(":
            token = Token("function", token.text)
        elif token.kind == "name" and following == "::":
            token = Token("axis", token.text)
        classified.append(token)
    return classified


def translate(expression: str, current: bool = False, positional: bool = True) -> Translation | None:
    """The XPath 1 expression that means what the XPath 2 `expression` means, or None."""
    items = classify(tokens(expression))
    out: list[str] = []
    stack: list[str] = []  # "call", "group" or "predicate" for each open bracket
    variables: set[str] = set()
    index = 0
    while index < len(items):
        token = items[index]
        previous = items[index - 1] if index else None
        text = token.text
        if token.kind == "other" or text in REFUSED_SYMBOLS:
            return None
        if token.kind == "string" and (text.count(text[0]) != 2):
            return None
        if token.kind == "number" and re.search("[eE]", text):
            return None
        if token.kind == "name" and text.startswith("*:"):
            return None
        if token.kind == "variable":
            variables.add(text[1:])
        if token.kind == "operator":
            if text in VALUE_COMPARISONS or text in ORDER_COMPARISONS:
                text = VALUE_COMPARISONS.get(text) or ORDER_COMPARISONS[text]
            elif text == "union":
                text = "|"
            elif text not in KEPT_OPERATORS and text != "*":
                return None
        sides = {operand_function(items, index, -1), operand_function(items, index, 1)}
        if text in ("=", "!=") and token.kind in ("symbol", "operator") and BOOLEAN_FUNCTIONS & sides:
            return None
        if text in ("<", "<=", ">", ">=") and not numeric_operand(items, index):
            return None
        if token.kind == "function":
            if text == "current" and current and index + 2 < len(items) and items[index + 2].text == ")":
                out.append(f"${CURRENT_VARIABLE}")
                variables.add(CURRENT_VARIABLE)
                index += 3
                continue
            if text not in XPATH1_FUNCTIONS and text not in KIND_TESTS:
                return None
            if text in ("position", "last") and not positional and "predicate" not in stack:
                return None
        if text == "(":
            if previous is not None and previous.text in ("/", "//"):
                return None  # a parenthesised step is XPath 2
            stack.append("call" if previous is not None and previous.kind == "function" else "group")
        elif text == "[":
            stack.append("predicate")
        elif text in (")", "]"):
            if not stack:
                return None
            stack.pop()
        elif text == ",":
            if not stack or stack[-1] != "call":
                return None  # a sequence
        elif token.kind == "name" and index + 1 < len(items) and items[index + 1].kind == "variable":
            return None  # for $x, some $x, every $x
        out.append(text)
        index += 1
    if stack or not out:
        return None
    return Translation(" ".join(out), frozenset(variables), is_atomic(items))


def closing(items: list[Token], start: int) -> int:
    """The index of the bracket closing the one at `start`."""
    depth = 0
    for index in range(start, len(items)):
        if items[index].text in ("(", "["):
            depth += 1
        elif items[index].text in (")", "]"):
            depth -= 1
            if depth == 0:
                return index
    return len(items)


def opening(items: list[Token], end: int) -> int:
    """The index of the bracket opening the one closed at `end`."""
    depth = 0
    for index in range(end, -1, -1):
        if items[index].text in (")", "]"):
            depth += 1
        elif items[index].text in ("(", "["):
            depth -= 1
            if depth == 0:
                return index
    return -1


def operand_function(items: list[Token], index: int, side: int) -> str:
    """The function called by the operand just left (side -1) or right (side 1) of the operator at `index`,
    "number" for a number literal, or ""."""
    if side < 0:
        if index == 0:
            return ""
        last = items[index - 1]
        if last.kind == "number":
            return "number"
        if last.text == ")":
            start = opening(items, index - 1)
            if start > 0 and items[start - 1].kind == "function":
                return items[start - 1].text
        return ""
    following = items[index + 1 : index + 3]
    if following and following[0].text == "-":
        following = following[1:]
    if following and following[0].kind == "number":
        return "number"
    if following and following[0].kind == "function":
        return following[0].text
    return ""


def numeric_operand(items: list[Token], index: int) -> bool:
    sides = {operand_function(items, index, -1), operand_function(items, index, 1)}
    return bool(sides & (NUMERIC_FUNCTIONS | {"number"}))


def is_atomic(items: list[Token]) -> bool:
    """A literal, or one call of a function that returns an atomic value."""
    if len(items) == 1:
        return items[0].kind in ("string", "number")
    return (
        len(items) > 2
        and items[0].kind == "function"
        and items[0].text in ATOMIC_FUNCTIONS
        and closing(items, 1) == len(items) - 1
    )


def selection(pattern: str) -> str | None:
    """An XPath 1 expression selecting, from anywhere in a document, the nodes an XSLT pattern matches
    (XSLT 2 defines `root(.)//(P)`), or None. Text, comment and document-node patterns are refused."""
    translation = translate(pattern, positional=False)
    if translation is None or translation.variables:
        return None
    items = classify(tokens(translation.text))
    if any(t.kind == "function" and t.text in KIND_TESTS for t in items) or pattern.strip() == "/":
        return None
    alternatives = [selected(part) for part in split_union(items)]
    return None if None in alternatives else " | ".join(alternatives)


def split_union(items: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in items:
        depth += token.text in ("(", "[")
        depth -= token.text in (")", "]")
        if token.text == "|" and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def selected(items: list[Token]) -> str | None:
    """One alternative of a pattern as a selection from anywhere."""
    text = " ".join(t.text for t in items)
    if not items:
        return None
    if items[0].text in ("/", "//"):
        return text
    if items[0].text == "(":
        end = closing(items, 0)
        rest = items[end + 1 :]
        if rest and rest[0].text == "[" and positional_predicate(rest[1 : closing(rest, 0)]):
            return None
        inner = [selected(part) for part in split_union(items[1:end])]
        if None in inner:
            return None
        return f"({' | '.join(inner)}) {' '.join(t.text for t in rest)}".strip()
    return f"//{text}"


def positional_predicate(items: list[Token]) -> bool:
    """Whether a predicate may depend on the position (a number, position(), last()): after a group of
    alternatives, XPath 1 would count over the whole document."""
    return any(t.text in ("position", "last") for t in items) or (bool(items) and items[0].kind == "number")


@dataclass(frozen=True)
class Match:
    """How to find the nodes one alternative of an XSLT pattern matches, starting from elements the caller
    collects in one pass over the document: elements named `element` (a name test, `*` or `prefix:*`), of
    which those satisfying `condition` (an XPath 1 predicate on the element) match; with `attribute`, the
    attribute of that name (as written, `@target`) of each matching element is the node instead. A wildcard
    lists `attributes` the element must carry (what its predicates require), so that only elements with one
    of them need to be collected."""

    element: str  # a name test, or ROOT_ELEMENT
    condition: str
    attribute: str | None
    attributes: frozenset[str]  # names as written (no @)


def match_plan(pattern: str) -> list[Match] | None:
    """The pattern as Matches, one per alternative, or None when it is not a path of child and attribute
    steps with name tests and boolean predicates (`tei:l//tei:p`, `tei:rt/@target`, `tei:*[@when]`)."""
    translation = translate(pattern, positional=False)
    if translation is None or translation.variables:
        return None
    plans = [match_alternative(part) for part in distributed(classify(tokens(translation.text)))]
    return None if None in plans else plans


def distributed(items: list[Token]) -> list[list[Token]]:
    """The alternatives of a pattern, with a group of alternatives distributed over what follows it:
    `(a | b)[p]/c` is `a[p]/c | b[p]/c` when p does not depend on the position (else the group is kept,
    and refused later)."""
    parts = []
    for part in split_union(items):
        if part and part[0].text == "(":
            end = closing(part, 0)
            rest = part[end + 1 :]
            if not (rest and rest[0].text == "[" and positional_predicate(rest[1 : closing(rest, 0)])):
                parts += [inner + rest for inner in distributed(part[1:end])]
                continue
        parts.append(part)
    return parts


def match_alternative(items: list[Token]) -> Match | None:
    absolute = bool(items) and items[0].text == "/"
    if items and items[0].text in ("/", "//"):
        items = items[1:]
    steps, separators = split_steps(items)
    parsed = [parse_step(step) for step in steps]
    if not parsed or None in parsed:
        return None
    attribute = None
    if parsed[-1][0] == "@":
        _, name, predicates = parsed.pop()
        if predicates or not name or "*" in name:
            return None
        attribute = f"@{name}"
        separators = separators[:-1]
        if not parsed:
            return Match("*", "true()", attribute, frozenset({name}))
    if any(axis == "@" for axis, _, _ in parsed):
        return None
    if absolute and len(parsed) == 1:
        _, name, predicates = parsed[0]
        condition = f"self::{name}{''.join(f'[{p}]' for p in predicates)}"
        return Match(ROOT_ELEMENT, condition, attribute, frozenset())
    condition = ""
    for index, (_, name, predicates) in enumerate(parsed):
        inner = f"[{condition}]" if condition else ""
        anchor = "[not(parent::*)]" if absolute and index == 0 else ""
        step = f"{name}{''.join(f'[{p}]' for p in predicates)}{anchor}{inner}"
        last = index == len(parsed) - 1
        condition = (
            f"self::{step}" if last else f"{'parent' if separators[index] == '/' else 'ancestor'}::{step}"
        )
    required = required_attributes(parsed[-1][2]) | ({attribute[1:]} if attribute else set())
    return Match(parsed[-1][1], condition, attribute, frozenset(required))


def split_steps(items: list[Token]) -> tuple[list[list[Token]], list[str]]:
    steps: list[list[Token]] = [[]]
    separators: list[str] = []
    depth = 0
    for token in items:
        depth += token.text in ("(", "[")
        depth -= token.text in (")", "]")
        if token.text in ("/", "//") and depth == 0:
            steps.append([])
            separators.append(token.text)
        else:
            steps[-1].append(token)
    return steps, separators


def parse_step(items: list[Token]) -> tuple[str, str, list[str]] | None:
    """A step as (axis: "" or "@", its name test, its predicates), or None when it is not that simple."""
    axis = ""
    if items[:2] and items[0].text == "@":
        axis, items = "@", items[1:]
    elif len(items) > 2 and items[0].kind == "axis" and items[1].text == "::":
        if items[0].text not in ("child", "attribute"):
            return None
        axis, items = ("@" if items[0].text == "attribute" else ""), items[2:]
    if not items or items[0].kind != "name":
        return None
    predicates, index = [], 1
    while index < len(items):
        if items[index].text != "[":
            return None
        end = closing(items, index)
        inside = items[index + 1 : end]
        if not inside or positional_predicate(inside):
            return None
        predicates.append(" ".join(t.text for t in inside))
        index = end + 1
    return axis, items[0].text, predicates


def required_attributes(predicates: list[str]) -> set[str]:
    """Attributes the predicates need: a conjunct `@name`, or `starts-with(@name, 'x')`/`contains(@name,
    'x')` with a literal that is not empty."""
    required = set()
    for predicate in predicates:
        for conjunct in split_operator(classify(tokens(predicate)), "and"):
            texts = [t.text for t in conjunct]
            if len(texts) == 2 and texts[0] == "@":
                required.add(texts[1])
            elif (
                len(texts) == 7
                and texts[0] in ("starts-with", "contains")
                and texts[2] == "@"
                and texts[4] == ","
                and len(texts[5]) > 2
            ):
                required.add(texts[3])
    return required


def attribute_conditions(condition: str) -> tuple[str, list[str]] | None:
    """(the name test, the attributes) of a condition that only asks for attributes to be there,
    `self::tei:*[@subtype]`; None for any other."""
    texts = [t.text for t in classify(tokens(condition))]
    if texts[:2] != ["self", "::"] or len(texts) < 3:
        return None
    name, rest, attributes = texts[2], texts[3:], []
    while rest:
        if len(rest) < 4 or rest[:2] != ["[", "@"] or rest[3] != "]":
            return None
        attributes.append(rest[2])
        rest = rest[4:]
    return name, attributes


def attribute_test(expression: str) -> tuple[str, bool] | None:
    """(the attribute, whether it must be there) of a test that is `@name` or `not(@name)`; None for any
    other."""
    texts = [t.text for t in classify(tokens(expression))]
    if len(texts) == 2 and texts[0] == "@":
        return texts[1], True
    if len(texts) == 5 and texts[:3] == ["not", "(", "@"] and texts[4] == ")":
        return texts[3], False
    return None


def split_operator(items: list[Token], operator: str) -> list[list[Token]]:
    """The operands of an operator at the top level of an expression (`a and b and c`)."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in items:
        depth += token.text in ("(", "[")
        depth -= token.text in (")", "]")
        if token.kind == "operator" and token.text == operator and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def report_prefilter(test: str) -> str | None:
    """A condition every node a report fires on satisfies, in XPath 1 without variables, or None: the
    conjuncts of the test that are paths, with their top-level predicates that read variables or current()
    left out (a path with fewer predicates selects more). Nodes failing it need no further look."""
    kept = []
    for conjunct in split_operator(classify(tokens(test)), "and"):
        widened = widened_path(conjunct)
        if widened is not None:
            kept.append(widened)
    condition = " and ".join(f"({c})" for c in kept)
    translation = translate(condition, positional=False) if condition else None
    return translation.text if translation and not translation.variables else None


def widened_path(items: list[Token]) -> str | None:
    """A union of paths with the predicates that read variables or current() left out, or None when the
    expression is not a union of paths at its top level."""
    out: list[str] = []
    index = 0
    while index < len(items):
        token = items[index]
        if token.text == "[":
            end = closing(items, index)
            inside = items[index + 1 : end]
            if not any(
                t.kind == "variable" or (t.kind == "function" and t.text == "current") for t in inside
            ):
                out += [t.text for t in items[index : end + 1]]
            index = end + 1
            continue
        if token.text == "(" and (index == 0 or items[index - 1].kind != "function"):
            end = closing(items, index)
            inner = widened_path(items[index + 1 : end])
            if inner is None:
                return None
            out.append(f"( {inner} )")
            index = end + 1
            continue
        if token.kind in ("operator", "function", "variable", "string", "number") or token.text in ("(", ","):
            return None
        out.append(token.text)
        index += 1
    return " ".join(out) if out else None


def reads_variable(token: Token) -> bool:
    return token.kind == "variable" or (token.kind == "function" and token.text == "current")
