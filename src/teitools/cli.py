"""The command line: parse options, call a pipeline stage, print, set the exit code."""

import click

from teitools import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teitools")
def main() -> None:
    """Validate, render and package TEI P5 editions."""
