"""The project schema, tei_all and their sources: a data package edited here, installed as teitools.schema."""
