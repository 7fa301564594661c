"""The XSLT 3.0 stylesheets, a data package: edited here, installed as teitools.xslt."""
