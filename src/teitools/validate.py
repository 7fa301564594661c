"""Schema validation: the schema is compiled once per run; each error becomes a Finding at a real position.

Schemas: the project's (schema/teitools.xsd, the default), tei_all (by name, from a configured location), or
any XSD or RELAX NG file. XSD 1.0 and RELAX NG run in libxml2 (lxml), which is fast; an XSD that libxml2
cannot compile (XSD 1.1) runs in xmlschema, whose errors carry the element they concern.
"""

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import xmlschema
from lxml import etree

from teitools.findings import ERROR, Finding
from teitools.load import Document, UsageError, safe_parser
from teitools.resources import SCHEMA_DIR

PROJECT_SCHEMA = "teitools"
TEI_ALL = "tei_all"
TEI_ALL_ENVIRONMENT = "TEITOOLS_TEI_ALL"
NAMESPACE_IN_MESSAGE = re.compile(r"\{[^}]*\}")
ATTRIBUTE_IN_MESSAGE = re.compile(r"attribute '([\w:]+)'")


@dataclass
class Schema:
    name: str
    validator: etree.XMLSchema | etree.RelaxNG | xmlschema.XMLSchemaBase
    source: str = ""  # the schema file's path: another process compiles the schema again from it

    def check(self, document: Document) -> list[Finding]:
        if isinstance(self.validator, xmlschema.XMLSchemaBase):
            return list(self._xmlschema_findings(document))
        if self.validator.validate(document.tree):
            return []
        return [self._libxml2_finding(document, entry) for entry in self.validator.error_log]

    def _libxml2_finding(self, document: Document, entry: etree._LogEntry) -> Finding:
        message = tidy(entry.message)
        element = element_at(document, entry.path)
        if element is not None:
            attribute = ATTRIBUTE_IN_MESSAGE.search(message)
            return document.finding(
                element, ERROR, "schema", message, attribute.group(1) if attribute else ""
            )
        return Finding(document.label, max(entry.line, 1), max(entry.column, 1), ERROR, "schema", message)

    def _xmlschema_findings(self, document: Document) -> Iterator[Finding]:
        for error in self.validator.iter_errors(document.tree):
            message = tidy(error.reason or str(error))
            element = error.elem if isinstance(error.elem, etree._Element) else document.root
            yield document.finding(element, ERROR, "schema", message)


def element_at(document: Document, path: str | None) -> etree._Element | None:
    """The element a libxml2 error path names; None when the path cannot be evaluated here."""
    if not path:
        return None
    namespaces = {prefix: uri for prefix, uri in document.root.nsmap.items() if prefix}
    try:
        nodes = document.tree.xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return None
    return nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None


def tidy(message: str) -> str:
    """Messages name elements as in the document (tei:p becomes p), not in Clark notation."""
    return NAMESPACE_IN_MESSAGE.sub("", message).strip()


def schema_path(name_or_path: str) -> Path:
    if name_or_path == PROJECT_SCHEMA:
        return SCHEMA_DIR / "teitools.xsd"
    if name_or_path == TEI_ALL:
        configured = os.environ.get(TEI_ALL_ENVIRONMENT)
        if not configured:
            raise UsageError(
                f"tei_all is not configured: give the path of tei_all.rng (or .xsd) with --schema PATH, "
                f"or set {TEI_ALL_ENVIRONMENT} to it"
            )
        return Path(configured)
    return Path(name_or_path)


def load_schema(name_or_path: str) -> Schema:
    """The schema compiled, once per process and per version of its file, for the whole run."""
    path = schema_path(name_or_path)
    if not path.is_file():
        raise UsageError(f"{path}: schema not found")
    return compile_schema(path.resolve(), path.stat().st_mtime_ns)


@functools.cache
def compile_schema(path: Path, _modified: int) -> Schema:
    try:
        tree = etree.parse(str(path), safe_parser())
    except etree.XMLSyntaxError as error:
        raise UsageError(f"{path}: schema is not well-formed XML: {error.msg}") from error
    if path.suffix == ".rng":
        try:
            return Schema(path.name, etree.RelaxNG(tree), str(path))
        except etree.RelaxNGParseError as error:
            raise UsageError(f"{path}: not a usable RELAX NG schema: {error}") from error
    if path.suffix == ".xsd":
        try:
            return Schema(path.name, etree.XMLSchema(tree), str(path))
        except etree.XMLSchemaParseError:
            return Schema(path.name, xmlschema_validator(path), str(path))
    raise UsageError(f"{path}: unknown schema type: give an .xsd (W3C XML Schema) or .rng (RELAX NG) file")


def xmlschema_validator(path: Path) -> xmlschema.XMLSchemaBase:
    try:
        return xmlschema.XMLSchema11(str(path))
    except (xmlschema.XMLSchemaException, OSError) as error:
        raise UsageError(f"{path}: not a usable XML Schema: {error}") from error
