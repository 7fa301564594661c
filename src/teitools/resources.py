"""Where the project's schema and stylesheets are: the source tree (the package is installed editable),
or the folder named by TEITOOLS_HOME."""

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("TEITOOLS_HOME") or Path(__file__).resolve().parents[2])
SCHEMA_DIR = PROJECT_ROOT / "schema"
XSLT_DIR = PROJECT_ROOT / "xslt"
EDITION_DIR = PROJECT_ROOT / "tei"
OUTPUT_DIR = PROJECT_ROOT / "outputs"
