"""Where teitools finds what it ships, and where it works by default.

The stylesheets and schemas are package data (teitools.xslt, teitools.schema), read through
importlib.resources, so an installed wheel and an editable checkout find them the same way. The edition and
the outputs are folders of the current working folder, as Sphinx or MkDocs use theirs.
"""

from importlib.resources import files
from pathlib import Path


def _package_folder(package: str) -> Path:
    # pip installs wheels unpacked, so package data is a real folder that lxml and Saxon can read by path.
    return Path(str(files(package)))


XSLT_DIR = _package_folder("teitools.xslt")
SCHEMA_DIR = _package_folder("teitools.schema")

# Defaults of the commands, relative to the folder they run in.
EDITION_DIR = Path("tei")
OUTPUT_DIR = Path("outputs")
DEPOSIT_DIR = Path("deposit")
