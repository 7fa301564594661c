"""Compile the project's ODD (schema/teitools.odd) into a W3C XML Schema (schema/teitools.xsd).

The ODD is the single source of the schema. This compiler understands the small pure-ODD vocabulary the
project uses (sequence, alternate, elementRef, macroRef, textNode, empty; attDef with a TEI datatype or a
closed valList), which keeps it short; anything else in a content model is an error, not a silent skip.

    python -m teitools.odd schema/teitools.odd schema/teitools.xsd
"""

import sys
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
XS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI}

# TEI datatypes used by the ODD, and the XSD simple types that implement them.
DATATYPES = {
    "teidata.pointer": "tei:tei.pointers",
    "teidata.temporal.w3c": "tei:tei.temporal",
    "teidata.word": "xs:token",
    "teidata.text": "xs:string",
    "teidata.language": "xs:language",
}
# Attributes in the xml: namespace are declared in xml.xsd and referenced.
XML_ATTRIBUTES = {"xml:id", "xml:lang"}


def xs(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    element = (
        etree.Element(f"{{{XS}}}{tag}") if parent is None else etree.SubElement(parent, f"{{{XS}}}{tag}")
    )
    for name, value in attributes.items():
        element.set(name, value)
    return element


def occurrence(odd_node: etree._Element, xsd_node: etree._Element) -> None:
    for attribute in ("minOccurs", "maxOccurs"):
        if odd_node.get(attribute) is not None:
            xsd_node.set(attribute, odd_node.get(attribute))


class OddCompiler:
    def __init__(self, odd: etree._ElementTree) -> None:
        self.odd = odd
        self.macros = {
            m.get("ident"): m.find("tei:content", NS) for m in odd.iterfind(".//tei:macroSpec", NS)
        }

    def compile(self) -> etree._Element:
        schema = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS, "tei": TEI})
        schema.set("targetNamespace", TEI)
        schema.set("elementFormDefault", "qualified")
        schema.append(
            etree.Comment(" Generated from teitools.odd by teitools.odd: edit the ODD, not this file. ")
        )
        xs("import", schema, namespace=XML_NS, schemaLocation="xml.xsd")
        self.simple_types(schema)
        self.global_attributes(schema)
        for spec in self.odd.iterfind(".//tei:elementSpec", NS):
            self.element(schema, spec)
        return schema

    def simple_types(self, schema: etree._Element) -> None:
        pointers = xs("simpleType", schema, name="tei.pointers")
        xs("list", pointers, itemType="xs:anyURI")
        temporal = xs("simpleType", schema, name="tei.temporal")
        members = "xs:date xs:gYear xs:gYearMonth xs:dateTime xs:time xs:gMonth xs:gMonthDay xs:gDay"
        xs("union", temporal, memberTypes=members)

    def global_attributes(self, schema: etree._Element) -> None:
        group = xs("attributeGroup", schema, name="att.global")
        for att_def in self.odd.iterfind(".//tei:classSpec[@ident='att.global']//tei:attDef", NS):
            self.attribute(group, att_def)

    def attribute(self, parent: etree._Element, att_def: etree._Element) -> None:
        name = att_def.get("ident")
        if name in XML_ATTRIBUTES:
            xs("attribute", parent, ref=name)
            return
        attribute = xs("attribute", parent, name=name)
        if att_def.get("usage") == "req":
            attribute.set("use", "required")
        values = att_def.findall("tei:valList[@type='closed']/tei:valItem", NS)
        if values:
            restriction = xs("restriction", xs("simpleType", attribute), base="xs:token")
            for value in values:
                xs("enumeration", restriction, value=value.get("ident"))
            return
        data_ref = att_def.find("tei:datatype/tei:dataRef", NS)
        attribute.set("type", DATATYPES[data_ref.get("key")] if data_ref is not None else "xs:string")

    def element(self, schema: etree._Element, spec: etree._Element) -> None:
        element = xs("element", schema, name=spec.get("ident"))
        content = spec.find("tei:content", NS)
        attributes = spec.findall("tei:attList/tei:attDef", NS)
        if self.is_text_only(content):
            extension = xs("extension", xs("simpleContent", xs("complexType", element)), base="xs:string")
            self.attributes(extension, attributes)
            return
        complex_type = xs("complexType", element)
        children = self.expand(list(content))
        if any(self.mentions_text(child) for child in children):
            complex_type.set("mixed", "true")
            choice = xs("choice", complex_type, minOccurs="0", maxOccurs="unbounded")
            for key in self.element_keys(children):
                xs("element", choice, ref=f"tei:{key}")
        elif any(etree.QName(child).localname != "empty" for child in children):
            sequence = xs("sequence", complex_type)
            for child in children:
                self.particle(sequence, child)
        self.attributes(complex_type, attributes)

    def attributes(self, parent: etree._Element, attributes: list[etree._Element]) -> None:
        for att_def in attributes:
            self.attribute(parent, att_def)
        xs("attributeGroup", parent, ref="tei:att.global")

    def is_text_only(self, content: etree._Element) -> bool:
        return [etree.QName(c).localname for c in content] == ["textNode"]

    def expand(self, nodes: list[etree._Element]) -> list[etree._Element]:
        """Replace each macroRef by the content of its macro."""
        expanded = []
        for node in nodes:
            if etree.QName(node).localname == "macroRef":
                expanded += self.expand(list(self.macros[node.get("key")]))
            else:
                expanded.append(node)
        return expanded

    def mentions_text(self, node: etree._Element) -> bool:
        name = etree.QName(node).localname
        if name == "textNode":
            return True
        if name == "macroRef":
            return any(self.mentions_text(c) for c in self.macros[node.get("key")])
        return any(self.mentions_text(c) for c in node)

    def element_keys(self, nodes: list[etree._Element]) -> list[str]:
        """All element names a mixed content model admits, in order, without repeats."""
        keys: list[str] = []
        for node in nodes:
            name = etree.QName(node).localname
            if name == "elementRef":
                found = [node.get("key")]
            elif name == "macroRef":
                found = self.element_keys(list(self.macros[node.get("key")]))
            else:
                found = self.element_keys(list(node))
            keys += [k for k in found if k not in keys]
        return keys

    def particle(self, parent: etree._Element, node: etree._Element) -> None:
        name = etree.QName(node).localname
        if name == "empty":
            return
        if name == "elementRef":
            occurrence(node, xs("element", parent, ref=f"tei:{node.get('key')}"))
            return
        if name in ("sequence", "alternate"):
            group = xs("sequence" if name == "sequence" else "choice", parent)
            occurrence(node, group)
            for child in self.expand(list(node)):
                self.particle(group, child)
            return
        raise ValueError(f"teitools.odd cannot compile <{name}> in a content model")


def compile_odd(odd_path: Path) -> bytes:
    odd = etree.parse(str(odd_path), etree.XMLParser(resolve_entities=False, no_network=True))
    schema = OddCompiler(odd).compile()
    etree.indent(schema, space="  ")
    return etree.tostring(schema, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def main(argv: list[str]) -> int:
    odd_path, xsd_path = (Path(a) for a in argv)
    xsd_path.write_bytes(compile_odd(odd_path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
