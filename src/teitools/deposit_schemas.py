"""The deposit's metadata files checked against the official schemas of their formats, bundled in
schema/deposit/ (see its README for their provenance and licences): oai_dc (XSD), DataCite 4.5 (XSD for the
XML, the JSON schema for the JSON), CMIF (RELAX NG and Schematron, as correspSearch checks it).

`package` runs this on what it is about to write, `package --check` on what a bag holds.
"""

import json
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema
from lxml import etree

from teitools.findings import ERROR, Finding
from teitools.load import Document, safe_parser
from teitools.resources import SCHEMA_DIR
from teitools.schematron import Schematron
from teitools.validate import Schema, load_schema

DEPOSIT_SCHEMA_DIR = SCHEMA_DIR / "deposit"
OAI_DC_XSD = DEPOSIT_SCHEMA_DIR / "oai_dc" / "oai_dc.xsd"
DATACITE_XSD = DEPOSIT_SCHEMA_DIR / "datacite-4.5" / "metadata.xsd"
DATACITE_JSON_SCHEMA = DEPOSIT_SCHEMA_DIR / "datacite-4.5" / "datacite-v4.5.json"
CMIF_RNG = DEPOSIT_SCHEMA_DIR / "cmif" / "cmi-customization.rng"
CMIF_SCHEMATRON = DEPOSIT_SCHEMA_DIR / "cmif" / "cmif.sch"
# The metadata files of a deposit by the end of their name (the names package gives them).
OAI_DC_SUFFIX = ".oai_dc.xml"
DATACITE_JSON_SUFFIX = ".datacite.json"
DATACITE_XML_SUFFIX = ".datacite.xml"
CMIF_NAME = "cmif.xml"


@cache
def compiled(path: Path) -> Schema:
    """Each schema compiled once per process."""
    return load_schema(str(path))


@cache
def cmif_schematron() -> Schematron:
    return Schematron(CMIF_SCHEMATRON)


@cache
def datacite_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(DATACITE_JSON_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def xml_document(path: Path, label: str) -> Document | Finding:
    raw = path.read_bytes()
    try:
        root = etree.fromstring(raw, safe_parser(), base_url=str(path))
    except etree.XMLSyntaxError as error:
        return Finding(label, error.lineno or 1, error.offset or 1, ERROR, "not-well-formed", error.msg)
    return Document(path, label, root.getroottree(), raw, path.resolve())


def xml_findings(path: Path, label: str, kind: str, checks: list[Callable[[Document], list[Finding]]]):
    document = xml_document(path, label)
    if isinstance(document, Finding):
        return [document]
    return [replace(f, rule=f"{kind}-{f.rule}") for check in checks for f in check(document)]


def oai_dc_findings(path: Path, label: str) -> list[Finding]:
    return xml_findings(path, label, "oai_dc", [compiled(OAI_DC_XSD).check])


def datacite_xml_findings(path: Path, label: str) -> list[Finding]:
    return xml_findings(path, label, "datacite", [compiled(DATACITE_XSD).check])


def cmif_findings(path: Path, label: str) -> list[Finding]:
    return xml_findings(path, label, "cmif", [compiled(CMIF_RNG).check, cmif_schematron().check])


def datacite_json_findings(path: Path, label: str) -> list[Finding]:
    """The attributes of the JSON:API envelope against the DataCite 4.5 JSON schema."""
    try:
        attributes = json.loads(path.read_text(encoding="utf-8"))["data"]["attributes"]
    except (ValueError, KeyError, TypeError) as error:
        message = f"not DataCite JSON in the REST API's envelope (data.attributes): {error}"
        return [Finding(label, 1, 1, ERROR, "datacite-schema", message)]
    return [
        Finding(
            label, 1, 1, ERROR, "datacite-schema", f"at /{'/'.join(map(str, error.path))}: {error.message}"
        )
        for error in sorted(datacite_validator().iter_errors(attributes), key=lambda e: list(e.path))
    ]


def checker(name: str) -> Callable[[Path, str], list[Finding]] | None:
    if name == CMIF_NAME:
        return cmif_findings
    checkers = {
        OAI_DC_SUFFIX: oai_dc_findings,
        DATACITE_JSON_SUFFIX: datacite_json_findings,
        DATACITE_XML_SUFFIX: datacite_xml_findings,
    }
    return next((check for suffix, check in checkers.items() if name.endswith(suffix)), None)


def metadata_findings(folder: Path, label: str) -> list[Finding]:
    """Every metadata file of a folder against its format's schema; files are named `label/NAME`."""
    findings = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        check = checker(path.name)
        if check is not None:
            findings += check(path, f"{label}/{path.name}")
    return findings
