r"""Prepare a RELAX NG grammar for libxml2: the same verdicts on the documents of a run, much less work.

tei_all declares about 600 elements; libxml2 takes some 15 s to compile all of them, and follows long lists
such as `listPerson` by backtracking. These rewrites keep the language the documents of the run can reach and
cost nothing in verdicts:

- **pruning**: an element that occurs in none of the run's documents cannot match anything in them, so its
  pattern becomes notAllowed; notAllowed then spreads as RELAX NG's simplification says (a choice drops it,
  a group or a oneOrMore holding it becomes notAllowed, an optional or zeroOrMore holding it becomes empty),
  and definitions no longer reachable from the start are dropped;
- **repetitions**: `(X+, Y*)+` becomes `X, (X | Y)*`, the same language, which libxml2 follows in one pass;
- **absent attributes**: when the names present include attributes (as "@" and their local name), an optional
  attribute that no document of the run carries can only match as absent, so it goes. tei_all offers dozens
  of optional attributes on every element, and libxml2 tries each of them, copying its state, on every element
  it validates: a list of 2393 places validates in about a third less time. When they also say which element
  carries which attribute ("{ns}idno@type"), each element gets its own copy of its attribute classes, with
  only the optional attributes it carries (idno keeps 2 of the 29 the run's other elements carry);
- **mixed content**: `(text | model.phrase | model.global ...)*`, a choice of text and of classes of
  elements, becomes `(text | (a | b | c ...))*`, text or one choice of the classes' elements, the same
  language. libxml2 compiles each element's content into an automaton; the classes' nested choices made
  that cost grow with about the cube of the elements they hold (tei_all for the corpus: 0.56 s of the run's
  start), the single choice makes it grow with their number (0.07 s), with the same messages.

- **name tokens**: an attribute value that must match `[^\p{C}\p{Z}]+` (teidata.enumerated: @type,
  @subtype, @rend...) is first tried as an NMTOKEN, a check libxml2 makes in C, where the pattern runs its
  regular expression engine on every value (half of the time a list of 2393 places takes). Every character
  libxml2's NMTOKEN takes, its pattern takes too, but one: U+06DD, a mark in the Unicode of XML Schema 1.0
  (3.1) and a format character since. jing reads the pattern with those tables and takes it: so does NMTOKEN.

Annotations (documentation, embedded Schematron) are dropped too: libxml2 ignores them.

The grammar must be simplified-form-like as tei_all is: one `grammar`, `define`s without `combine`, no
include or externalRef. Anything else is returned unchanged.
"""

from collections.abc import Collection
from copy import deepcopy

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
RNG_PREFIX = f"{{{RNG}}}"
# Patterns that may match nothing and so survive a notAllowed inside them (they become empty).
MAY_BE_EMPTY = {"optional", "zeroOrMore"}
LEAVES = {"text", "empty", "data", "value"}
# How `present` names an attribute: "@" and its local name (any namespace: the test errs towards keeping),
# after the Clark name of an element that carries it, or alone for an attribute carried by some element.
ATTRIBUTE_MARK = "@"
REPEATS = {"oneOrMore", "zeroOrMore", "optional"}
# A name token as tei_all writes teidata.enumerated: no character of Unicode's classes C and Z.
NAME_TOKEN_PATTERN = r"[^\p{C}\p{Z}]+"
# Patterns whose children are read in a row: an empty among them stands for nothing.
SEQUENCES = {"group", "interleave", "element", "define", "start", "mixed", "list", *REPEATS}


def rng(tag: str) -> str:
    return f"{{{RNG}}}{tag}"


def local(element: etree._Element) -> str:
    tag = element.tag  # most are RELAX NG's: sliced, which is much faster than a QName
    return tag[len(RNG_PREFIX) :] if tag.startswith(RNG_PREFIX) else etree.QName(element).localname


class Grammar:
    """A flat RELAX NG grammar (defines and a start), rewritten in place."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.defines = {define.get("name"): define for define in root.iterfind(rng("define"))}
        self.dead: set[str] = set()

    @classmethod
    def usable(cls, root: etree._Element) -> bool:
        unflattened = root.iterdescendants(*map(rng, ("include", "externalRef", "parentRef", "grammar")))
        return (
            root.tag == rng("grammar")
            and root.find(rng("start")) is not None
            and next(unflattened, None) is None
            and all(define.get("combine") is None for define in root.iterdescendants(rng("define")))
        )

    def drop_annotations(self) -> None:
        for element in list(self.root.iter(etree.Element)):
            if not element.tag.startswith(RNG_PREFIX):  # a tag, not a QName per element: a third faster
                parent = element.getparent()
                if parent is not None:
                    parent.remove(element)
        for comment in list(self.root.iter(etree.Comment)):
            comment.getparent().remove(comment)

    def prune(self, present: Collection[str]) -> None:
        """Make every element named but absent from `present` (Clark names) notAllowed, and simplify. An
        absent element whose absence made a present one notAllowed (a document that lacks a required
        child) becomes a stub instead: that keeps the present element, and libxml2's message about what it
        expects."""
        elements: dict[str, str] = {}  # define name -> the Clark name of the element it defines
        placeholders: dict[str, list[etree._Element]] = {}  # an absent element's notAllowed, by its name
        for element in list(self.root.iter(rng("element"))):
            name = element_name(element)
            parent = element.getparent()
            if name is not None and local(parent) == "define":
                elements[parent.get("name")] = name
            if name is not None and name not in present:
                placeholders.setdefault(name, []).append(etree.Element(rng("notAllowed")))
                replace(element, placeholders[name][-1])
        stubbed: set[str] = set()
        referrers = self.referrers()
        while True:
            self.dead = set()
            self.mark_dead(referrers)
            killed = {define for define, name in elements.items() if name in present and define in self.dead}
            needed = {elements[define] for define in self.mentioned(killed) if define in elements}
            needed -= set(present) | stubbed
            if not needed:
                break
            for name in needed:  # stubbed in place of their notAllowed, and the dead reckoned again
                for placeholder in placeholders.get(name, []):
                    replace(placeholder, stub(name))
            stubbed |= needed
        for name in self.dead:
            self.root.remove(self.defines.pop(name))
        start = self.root.find(rng("start"))
        if self.is_dead_group(start):  # no root the grammar allows is present: every document is invalid
            start[:] = [etree.Element(rng("notAllowed"))]
        else:
            self.simplify_children(start)
        for pattern in self.defines.values():
            self.simplify_children(pattern)
        self.drop_unreachable()

    def mark_dead(self, referrers: dict[str, set[str]]) -> None:
        """Add the definitions that cannot match anything to `dead`. referrers: the definitions that refer to
        each (references); a definition is tried again only when one it refers to has died."""
        pending = list(self.defines)
        while pending:
            name = pending.pop()
            if name not in self.dead and self.is_dead_group(self.defines[name]):
                self.dead.add(name)
                pending += referrers.get(name, ())

    def referrers(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for name, define in self.defines.items():
            for ref in define.iter(rng("ref")):
                found.setdefault(ref.get("name"), set()).add(name)
        return found

    def mentioned(self, defines: set[str]) -> set[str]:
        """The definitions the content of these element definitions refers to, through classes and macros
        (definitions that are not elements themselves), down to the first element definitions."""
        found: set[str] = set()
        pending = [ref.get("name") for define in defines for ref in self.defines[define].iter(rng("ref"))]
        while pending:
            name = pending.pop()
            if name in found:
                continue
            found.add(name)
            if self.defines[name].find(rng("element")) is None:
                pending += [ref.get("name") for ref in self.defines[name].iter(rng("ref"))]
        return found

    def is_dead(self, pattern: etree._Element) -> bool:
        """Whether a pattern cannot match anything, given the definitions known dead so far."""
        kind = local(pattern)
        if kind == "notAllowed":
            return True
        if kind == "ref":
            return pattern.get("name") in self.dead
        if kind in LEAVES or kind in MAY_BE_EMPTY:
            return False
        if kind == "choice":
            return all(self.is_dead(child) for child in content(pattern, kind))
        return self.is_dead_group(pattern, kind)  # group, interleave, oneOrMore, mixed, list, element...

    def is_dead_group(self, pattern: etree._Element, kind: str = "") -> bool:
        return any(self.is_dead(child) for child in content(pattern, kind))

    def simplify_children(self, pattern: etree._Element) -> None:
        """Rewrite the live pattern's content so that no dead pattern is left inside it."""
        for child in list(content(pattern)):
            if not self.is_dead(child):
                self.simplify_children(child)
            elif local(pattern) == "choice":
                pattern.remove(child)
            else:  # only an optional or a zeroOrMore is live with a dead pattern inside: it matches nothing
                replace(pattern, etree.Element(rng("empty")))
                return

    def drop_unreachable(self) -> None:
        reached: set[str] = set()
        pending = [self.root.find(rng("start"))]
        while pending:
            for ref in pending.pop().iter(rng("ref")):
                name = ref.get("name")
                if name not in reached:
                    reached.add(name)
                    pending.append(self.defines[name])
        for name in set(self.defines) - reached:
            self.root.remove(self.defines.pop(name))

    def tidy(self) -> None:
        """Drop the empties pruning leaves and fold nested repetitions: libxml2 compiles (X+)+ into an
        automaton that grows exponentially, X+ at once."""
        for pattern in reversed(list(self.root.iter(etree.Element))):
            kind = local(pattern)
            if kind in SEQUENCES:
                drop_empties(pattern)
            children = list(content(pattern))
            if kind in ("group", "choice") and len(children) == 1:
                replace(pattern, children[0])
            elif kind in REPEATS and len(children) == 1:
                inner = local(children[0])
                if inner == "empty":
                    replace(pattern, children[0])
                elif inner in REPEATS:
                    keep = "oneOrMore" if kind == inner == "oneOrMore" else "zeroOrMore"
                    if {kind, inner} == {"optional"}:
                        keep = "optional"
                    children[0].tag = rng(keep)
                    replace(pattern, children[0])

    def prune_attributes(self, present: Collection[str]) -> None:
        """Drop the optional attributes whose local name no document carries, then the references to the
        definitions left empty (tei_all defines each attribute of a class on its own)."""
        for attribute in list(self.root.iter(rng("attribute"))):
            holder = attribute.getparent()
            name = attribute.get("name")
            if (
                name is not None
                and ATTRIBUTE_MARK + name.rpartition(":")[2] not in present
                and local(holder) in MAY_BE_EMPTY
                and len(list(content(holder))) == 1
            ):
                replace(holder, etree.Element(rng("empty")))
        # A definition holding only references to empty ones is empty in turn (att.global.attributes).
        while emptied := {name for name, define in self.defines.items() if is_empty(define)}:
            for ref in list(self.root.iter(rng("ref"))):
                if ref.get("name") in emptied:
                    holder = ref.getparent()
                    replace(ref, etree.Element(rng("empty")))
                    drop_empties(holder)
            self.drop_unreachable()

    def prune_attributes_per_element(self, present: Collection[str]) -> None:
        """Give each element its own copy of the attribute definitions it refers to, keeping only the optional
        attributes that `present` says the element carries."""
        carried: dict[str, set[str]] = {}
        for entry in present:
            holder, mark, attribute = entry.rpartition(ATTRIBUTE_MARK)
            if mark and holder:
                carried.setdefault(holder, set()).add(attribute)
        if not carried:  # nothing says which element carries what
            return
        only_attributes: dict[str, bool] = {}
        flattened: dict[str, list[etree._Element]] = {}
        for element in list(self.root.iter(rng("element"))):
            name = element_name(element)
            # A copy placed under an element that sets its own namespace or datatypes would read them.
            if name is None or element.get("ns") is not None or element.get("datatypeLibrary") is not None:
                continue
            keep = carried.get(name, set())
            for child in list(content(element)):
                if local(child) == "ref" and self.holds_only_attributes(child, only_attributes):
                    patterns = self.attribute_patterns(child.get("name"), flattened)
                    splice(child, [deepcopy(p) for p in patterns if offered(p, keep)])
                elif not offered(child, keep):
                    replace(child, etree.Element(rng("empty")))
            drop_empties(element)
        self.drop_unreachable()

    def attribute_patterns(self, name: str, memo: dict[str, list[etree._Element]]) -> list[etree._Element]:
        """The patterns of a definition that holds only attributes, its references to others replaced by
        theirs (the element they are copied into then refers to none of them)."""
        if name not in memo:
            patterns: list[etree._Element] = []
            for child in content(self.defines[name]):
                is_ref = local(child) == "ref"
                patterns += self.attribute_patterns(child.get("name"), memo) if is_ref else [child]
            memo[name] = patterns
        return memo[name]

    def holds_only_attributes(self, pattern: etree._Element, memo: dict[str, bool]) -> bool:
        kind = local(pattern)
        if kind == "ref":
            name = pattern.get("name")
            if name not in memo:
                memo[name] = False  # a definition that refers to itself holds more than attributes
                memo[name] = self.holds_only_attributes(self.defines[name], memo)
            return memo[name]
        if kind in ("attribute", "empty"):
            return True
        if kind in ("define", "optional", "group", "choice"):
            return all(self.holds_only_attributes(child, memo) for child in content(pattern))
        return False

    def flatten_repetitions(self) -> None:
        """(X+, Y*)+ becomes X, (X | Y)*: one pass for libxml2 instead of a backtracking search."""
        for repeated in list(self.root.iter(rng("oneOrMore"))):
            parts = list(content(repeated))
            if len(parts) == 1 and local(parts[0]) == "group":
                parts = list(content(parts[0]))
            if len(parts) != 2 or [local(p) for p in parts] != ["oneOrMore", "zeroOrMore"]:
                continue
            first, then = (as_one(list(content(p))) for p in parts)
            group = etree.Element(rng("group"))
            group.append(deepcopy(first))
            any_order = etree.SubElement(etree.SubElement(group, rng("zeroOrMore")), rng("choice"))
            any_order.extend([first, then])
            replace(repeated, group)

    def group_mixed_content(self) -> None:
        """A repeated choice of text and of references to elements or to classes of them becomes text or one
        choice of those elements (each once, in the order the classes name them)."""
        classes: dict[str, list[str] | None] = {}
        for repeated in [*self.root.iter(rng("zeroOrMore")), *self.root.iter(rng("oneOrMore"))]:
            choices = list(content(repeated))
            if len(choices) != 1 or local(choices[0]) != "choice":
                continue
            branches = list(content(choices[0]))
            if not any(local(branch) == "text" for branch in branches):
                continue
            elements: list[str] = []
            for branch in branches:
                found = [] if local(branch) == "text" else self.elements_of(branch, classes)
                if found is None:
                    break
                elements += found
            else:
                grouped = etree.Element(rng("choice"))
                etree.SubElement(grouped, rng("text"))
                one_choice = etree.SubElement(grouped, rng("choice"))
                one_choice.extend(etree.Element(rng("ref"), name=name) for name in dict.fromkeys(elements))
                if len(one_choice):
                    replace(choices[0], grouped)

    def try_name_tokens_first(self) -> None:
        """Each attribute value pattern `token` restricted to NAME_TOKEN_PATTERN becomes a choice of NMTOKEN
        (checked first, without a regular expression) and of itself: the values jing takes."""
        for data in list(self.root.iter(rng("data"))):
            params = [(param.get("name"), param.text) for param in data.iterfind(rng("param"))]
            if (
                data.get("type") == "token"
                and params == [("pattern", NAME_TOKEN_PATTERN)]
                and any(local(ancestor) == "attribute" for ancestor in data.iterancestors())
            ):
                choice = etree.Element(rng("choice"))
                name_token = etree.SubElement(choice, rng("data"), type="NMTOKEN")
                if data.get("datatypeLibrary") is not None:
                    name_token.set("datatypeLibrary", data.get("datatypeLibrary"))
                replace(data, choice)
                choice.append(data)

    def elements_of(self, pattern: etree._Element, classes: dict[str, list[str] | None]) -> list[str] | None:
        """The element definitions a reference stands for: itself if it defines an element, those of a class
        (a definition that is a choice of such references); None for anything else."""
        if local(pattern) != "ref":
            return None
        name = pattern.get("name")
        if name not in classes:
            classes[name] = None  # a class that refers to itself is no class
            define = self.defines[name]
            body = list(content(define))
            if len(body) == 1 and local(body[0]) == "element":
                classes[name] = [name]
            elif len(body) == 1 and local(body[0]) in ("ref", "choice"):
                members = [body[0]] if local(body[0]) == "ref" else list(content(body[0]))
                found = [self.elements_of(member, classes) for member in members]
                if all(each is not None for each in found):
                    classes[name] = [element for each in found for element in each]
        return classes[name]

    def serialise(self) -> bytes:
        return etree.tostring(self.root, encoding="UTF-8", xml_declaration=True)


def content(pattern: etree._Element, kind: str = "") -> list[etree._Element]:
    """A pattern's child patterns: not its name class, nor a data pattern's parameters and except. kind: the
    pattern's local name, when the caller has it (reading a tag is most of the cost of a step)."""
    kind = kind or local(pattern)
    if kind in ("data", "value"):
        return []
    children = list(pattern.iterchildren(etree.Element))
    if kind in ("element", "attribute") and children and pattern.get("name") is None:
        return children[1:]
    return children


def element_name(element: etree._Element) -> str | None:
    """The Clark name of an element pattern with a single name, or None for a name class."""
    name = element.get("name")
    if name is None:
        first = next((child for child in element if isinstance(child.tag, str)), None)
        if first is None or local(first) != "name":
            return None
        name, holder = (first.text or "").strip(), first
    else:
        holder = element
    if ":" in name:
        prefix, name = name.split(":", 1)
        return f"{{{holder.nsmap.get(prefix, '')}}}{name}"
    inherited = holder.xpath("ancestor-or-self::*[@ns][1]/@ns")
    return f"{{{inherited[0]}}}{name}" if inherited and inherited[0] else name


def lone_optional_attribute(pattern: etree._Element) -> str | None:
    """The name of the attribute an `<optional><attribute name="..."/></optional>` offers, else None."""
    children = list(content(pattern))
    if local(pattern) != "optional" or len(children) != 1 or local(children[0]) != "attribute":
        return None
    return children[0].get("name")


def offered(pattern: etree._Element, carried: set[str]) -> bool:
    """Whether an element that carries these attributes keeps the pattern: all but an optional attribute
    it never carries."""
    attribute = lone_optional_attribute(pattern)
    return attribute is None or attribute.rpartition(":")[2] in carried


def is_empty(define: etree._Element) -> bool:
    return all(local(child) == "empty" for child in content(define))


def drop_empties(pattern: etree._Element) -> None:
    children = list(content(pattern))
    empties = [child for child in children if local(child) == "empty"]
    for empty in empties[: len(empties) if len(empties) < len(children) else -1]:
        pattern.remove(empty)


def as_one(patterns: list[etree._Element]) -> etree._Element:
    """Several patterns in a row are a group (as RELAX NG reads them inside oneOrMore and the like)."""
    if len(patterns) == 1:
        return patterns[0]
    group = etree.Element(rng("group"))
    group.extend(patterns)
    return group


def stub(clark: str) -> etree._Element:
    """An absent element's pattern, reduced to its name: it matches nothing in the run's documents either, and
    keeps the messages about what a parent expects ("expecting teiHeader") as they would be."""
    namespace, _, name = clark[1:].partition("}") if clark.startswith("{") else ("", "", clark)
    element = etree.Element(rng("element"), name=name, ns=namespace)
    etree.SubElement(element, rng("empty"))
    return element


def splice(old: etree._Element, new: list[etree._Element]) -> None:
    """Put patterns in a row where one stood (an empty for none)."""
    for pattern in new or [etree.Element(rng("empty"))]:
        old.addprevious(pattern)
    old.getparent().remove(old)


def replace(old: etree._Element, new: etree._Element) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def prepare(source: bytes, present: Collection[str]) -> bytes:
    """The grammar, pruned to the elements present (and to the attributes, when `present` names some) and
    with its repetitions flattened."""
    root = etree.fromstring(source, etree.XMLParser(resolve_entities=False, no_network=True))
    if not Grammar.usable(root):
        return source
    grammar = Grammar(root)
    grammar.drop_annotations()
    grammar.prune(present)
    if any(name.startswith(ATTRIBUTE_MARK) for name in present):
        grammar.prune_attributes(present)
        grammar.prune_attributes_per_element(present)
    grammar.tidy()
    grammar.flatten_repetitions()
    grammar.group_mixed_content()
    grammar.try_name_tokens_first()
    return grammar.serialise()
