"""Validation's schemas, for the callers that name them here. The schemas themselves are in teitools.schemas;
the run (one pass per document, then the rules across documents) is teitools.run.validate_paths."""

from teitools.schemas import PROJECT_SCHEMA, Schema, load_schema, schema_path, tei_all_version

__all__ = ["PROJECT_SCHEMA", "Schema", "load_schema", "schema_path", "tei_all_version"]
