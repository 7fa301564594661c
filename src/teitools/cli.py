"""The command line: parse options, call a pipeline stage, print, set the exit code. No logic here."""

import sys
from pathlib import Path

import click

from teitools import __version__
from teitools.findings import EXIT_USAGE
from teitools.load import UsageError
from teitools.resources import EDITION_DIR
from teitools.validate import PROJECT_SCHEMA, load_schema, validate_paths


def fail_usage(message: str) -> None:
    click.echo(f"teitools: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teitools")
def main() -> None:
    """Validate, render and package TEI P5 editions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schema_name",
    default=PROJECT_SCHEMA,
    show_default=True,
    help="teitools (the project schema), tei_all (path from $TEITOOLS_TEI_ALL), or an .xsd/.rng file.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, without warnings and the summary line.")
def validate(
    paths: tuple[Path, ...], schema_name: str, output_format: str, strict: bool, quiet: bool
) -> None:
    """Check TEI files (or folders of them; default: the edition in tei/) against the schema and the rules.

    Exit codes: 0 valid, 1 errors (or warnings with --strict), 2 usage or I/O error."""
    try:
        schema = load_schema(schema_name)
        report, _ = validate_paths(list(paths) or [EDITION_DIR], schema)
    except UsageError as error:
        fail_usage(str(error))
    output = report.as_json() if output_format == "json" else report.as_text(quiet=quiet)
    if output:
        click.echo(output)
    sys.exit(report.exit_code(strict))
