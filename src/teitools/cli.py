"""The command line: parse options, call a pipeline stage, print, set the exit code. No logic here."""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from teitools import __version__
from teitools.findings import EXIT_USAGE
from teitools.load import UsageError
from teitools.package import check_bag, package
from teitools.render import FORMATS
from teitools.resources import EDITION_DIR, OUTPUT_DIR
from teitools.run import Progress, default_jobs, render, validate_paths
from teitools.validate import PROJECT_SCHEMA, load_schema


def fail_usage(message: str) -> None:
    click.echo(f"teitools: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teitools")
def main() -> None:
    """Validate, render and package TEI P5 editions."""


jobs_option = click.option(
    "--jobs",
    "-j",
    default=default_jobs,
    show_default="the number of CPUs",
    type=click.IntRange(1, 256),
    help="Documents worked on at once, in worker processes; 1: one after the other. The output is the same.",
)


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
@jobs_option
def validate(
    paths: tuple[Path, ...], schema_name: str, output_format: str, strict: bool, quiet: bool, jobs: int
) -> None:
    """Check TEI files (or folders of them; default: the edition in tei/) against the schema and the rules.

    Exit codes: 0 valid, 1 errors (or warnings with --strict), 2 usage or I/O error."""
    try:
        schema = load_schema(schema_name)
        with progress_bar("validating") as advance:
            report = validate_paths(list(paths) or [EDITION_DIR], schema, jobs=jobs, on_progress=advance)
    except UsageError as error:
        fail_usage(str(error))
    output = report.as_json() if output_format == "json" else report.as_text(quiet=quiet)
    if output:
        click.echo(output)
    sys.exit(report.exit_code(strict))


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose among {', '.join(FORMATS)} (comma-separated), not {value!r}")
    return formats


@main.command("render")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--to", "formats", default=",".join(FORMATS), show_default=True, help="What to write: html,text,index."
)
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path), help="Folder to write into.")
@jobs_option
def render_command(paths: tuple[Path, ...], formats: str, output_dir: Path | None, jobs: int) -> None:
    """Render TEI files (default: the edition in tei/, into outputs/) to HTML, plain text and the indexes.

    Exit codes: 0 all rendered, 1 a file could not be rendered (the others are), 2 usage or I/O error."""
    try:
        chosen = parse_formats(formats)
    except click.BadParameter as error:
        fail_usage(str(error))
    target = output_dir or (OUTPUT_DIR if not paths else Path("outputs"))
    try:
        with progress_bar("rendering") as advance:
            result = render(list(paths) or [EDITION_DIR], target, chosen, jobs, advance)
    except UsageError as error:
        fail_usage(str(error))
    except OSError as error:
        fail_usage(f"cannot write into {target}: {error.strerror or error}")
    if result.report.findings:
        click.echo(result.report.as_text(quiet=True), err=True)
    checked, written = result.report.files_checked, len(result.written)
    click.echo(
        f"{checked - result.report.errors} of {checked} files rendered, {written} files written to {target}"
    )
    sys.exit(result.report.exit_code())


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """On a terminal, a bar of documents done with their rate; nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    bars = []
    started = time.perf_counter()

    def advance(done: int, total: int) -> None:
        if not bars:
            bars.append(
                click.progressbar(
                    length=total,
                    label=label,
                    file=sys.stderr,
                    show_pos=True,
                    item_show_func=lambda rate: f"{rate:.1f} documents/s" if rate is not None else "",
                )
            )
        elapsed = time.perf_counter() - started
        bars[0].update(1, done / elapsed if elapsed > 0 else None)

    yield advance
    if bars:
        bars[0].render_finish()


@main.command("package")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=Path("deposit"),
    show_default=True,
    help="Folder to write the bag and its zip into.",
)
@click.option("--check", "bag", type=click.Path(path_type=Path), help="Verify a bag (folder or zip) instead.")
@click.option("--base-url", default="", help="Where the deposit will be published (CMIF needs its own URL).")
@click.option(
    "--edition",
    type=click.Path(path_type=Path),
    default=EDITION_DIR,
    show_default="tei/",
    help="The folder of the edition to package.",
)
def package_command(output_dir: Path, bag: Path | None, base_url: str, edition: Path) -> None:
    """Package the edition for deposit: a BagIt bag with metadata (Dublin Core, DataCite, CMIF), and a zip.

    Refuses, writing nothing, when the edition does not validate. With --check, verifies a bag.
    Exit codes: 0 done or intact, 1 findings (invalid edition, changed bag), 2 usage or I/O error."""
    try:
        if bag is not None:
            report = check_bag(bag)
            click.echo(
                report.as_text(quiet=True)
                if report.findings
                else f"{bag}: intact, {report.files_checked} files verified"
            )
            sys.exit(report.exit_code())
        result = package(edition, output_dir, base_url)
    except UsageError as error:
        fail_usage(str(error))
    except OSError as error:
        fail_usage(f"cannot write into {output_dir}: {error.strerror or error}")
    if result.report.errors:
        click.echo(result.report.as_text(), err=True)
        click.echo("teitools: the edition does not validate: nothing was packaged", err=True)
        sys.exit(result.report.exit_code())
    click.echo(f"bag written to {result.bag}, zip to {result.archive}")
