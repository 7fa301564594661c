"""Validation: every document is loaded, checked against its schema (teitools.schemas), then the rules."""

from pathlib import Path

from teitools import rules
from teitools.findings import Report
from teitools.load import Document, load_all
from teitools.schemas import PROJECT_SCHEMA, Schema, load_schema, tei_all_version

__all__ = ["PROJECT_SCHEMA", "Schema", "load_schema", "validate_paths"]


def validate_paths(
    paths: list[Path], schema: Schema, rule_sets: tuple[str, ...] = ("edition",)
) -> tuple[Report, list[Document]]:
    """Check every XML file under the paths: well-formedness, TEI P5, the schema, then the edition rules.

    Returns the report and the documents that loaded (the later stages work on those)."""
    report = Report(tei_version=tei_all_version())
    documents = load_all(paths, report)
    schema.prepare(documents)
    for document in documents:
        report.extend(document.findings)
        report.extend(schema.check(document))
    report.extend(rules.check(rules.Corpus(documents), rule_sets))
    return report, documents
