"""The command line: parse options, call a pipeline stage, print, set the exit code. No logic here."""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from teitools import __version__
from teitools.distributed import ClusterOptions
from teitools.findings import EXIT_USAGE, counted
from teitools.load import UsageError
from teitools.render import FORMATS
from teitools.resources import DEPOSIT_DIR, EDITION_DIR, OUTPUT_DIR
from teitools.run import Progress, default_jobs, render, validate_paths
from teitools.schemas import AUTO, tei_all_version
from teitools.validate import load_schema


def fail_usage(message: str) -> None:
    click.echo(f"teitools: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def require_edition(folder: Path) -> Path:
    """The edition folder, with a usage error that says what to do when the default ./tei is not here."""
    if folder == EDITION_DIR and not folder.is_dir():
        fail_usage(
            f"no {EDITION_DIR}/ folder in {Path.cwd()}: run teitools in the folder that holds your edition's "
            f"{EDITION_DIR}/ folder, or name the TEI files or folders to work on"
        )
    return folder


def inputs_or_edition(paths: tuple[Path, ...]) -> list[Path]:
    """The paths given, or the edition folder ./tei of the current folder."""
    return list(paths) or [require_edition(EDITION_DIR)]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, prog_name="teitools", message=f"%(prog)s %(version)s (TEI P5 {tei_all_version()} as tei_all)"
)
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

scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run the documents on the Dask cluster of this scheduler (tcp://host:8786); needs teitools[dask].",
)
ship_input_option = click.option(
    "--ship-input",
    is_flag=True,
    help="With --scheduler: send each file from here; the workers need not see the input files.",
)


no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Work on every file again, even those unchanged since the last run (whose results are kept in the "
    "user's cache: validate's with the bundled schemas; render's while its pages are still as it wrote "
    "them). Not with --scheduler.",
)


def cluster_of(scheduler: str | None, ship_input: bool, ship_output: bool = False) -> ClusterOptions | None:
    if scheduler is None:
        if ship_input or ship_output:
            fail_usage("--ship-input and --ship-output go with --scheduler ADDRESS")
        return None
    return ClusterOptions(scheduler, ship_input, ship_output)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schema_name",
    default=AUTO,
    show_default=True,
    help="auto (the schema a document declares in <?xml-model?>, else tei_all), teitools (the project "
    "schema, which its edition declares), tei_all (bundled TEI P5 with its Schematron), or an .xsd/.rng "
    "file.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, without warnings and the summary line.")
@no_cache_option
@jobs_option
@scheduler_option
@ship_input_option
def validate(
    paths: tuple[Path, ...],
    schema_name: str,
    output_format: str,
    strict: bool,
    quiet: bool,
    no_cache: bool,
    jobs: int,
    scheduler: str | None,
    ship_input: bool,
) -> None:
    """Check TEI files (or folders of them; default: the edition in tei/) against the schema and the rules.

    Exit codes: 0 valid, 1 errors (or warnings with --strict), 2 usage or I/O error."""
    cluster = cluster_of(scheduler, ship_input)
    try:
        schema = load_schema(schema_name)
        with progress_bar("validating") as advance:
            report = validate_paths(
                inputs_or_edition(paths),
                schema,
                jobs=jobs,
                on_progress=advance,
                cluster=cluster,
                cache=not no_cache,
            )
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
@scheduler_option
@ship_input_option
@click.option(
    "--ship-output",
    is_flag=True,
    help="With --scheduler: the pages come back here to be written; the workers need not see the folder.",
)
@no_cache_option
def render_command(
    paths: tuple[Path, ...],
    formats: str,
    output_dir: Path | None,
    jobs: int,
    scheduler: str | None,
    ship_input: bool,
    ship_output: bool,
    no_cache: bool,
) -> None:
    """Render TEI files (default: the edition in tei/, into outputs/) to HTML, plain text and the indexes.

    With --scheduler, the workers write the pages straight into the output folder, which they must see (a
    shared filesystem), unless --ship-output. Exit codes: 0 all rendered, 1 a file could not be rendered (the
    others are), 2 usage or I/O error."""
    try:
        chosen = parse_formats(formats)
    except click.BadParameter as error:
        fail_usage(str(error))
    cluster = cluster_of(scheduler, ship_input, ship_output)
    inputs = inputs_or_edition(paths)
    target = output_dir or OUTPUT_DIR
    try:
        with progress_bar("rendering") as advance:
            result = render(inputs, target, chosen, jobs, advance, cluster, cache=not no_cache)
    except UsageError as error:
        fail_usage(str(error))
    except OSError as error:
        fail_usage(f"cannot write into {target}: {error.strerror or error}")
    if result.report.findings:
        click.echo(result.report.as_text(quiet=True), err=True)
    checked, written = result.report.files_checked, len(result.written)
    rendered = f"{result.rendered} of {counted(checked, 'file')} rendered"
    click.echo(f"{rendered}, {counted(written, 'file')} written to {target}")
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
        # A pool reports a batch of documents at once: the bar moves by what is new.
        bars[0].update(done - bars[0].pos, done / elapsed if elapsed > 0 else None)

    yield advance
    if bars:
        bars[0].render_finish()


@main.command("package")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=DEPOSIT_DIR,
    show_default=True,
    help="Folder to write the bag and its zip into.",
)
@click.option("--check", "bag", type=click.Path(path_type=Path), help="Verify a bag (folder or zip) instead.")
@click.option(
    "--base-url",
    default="",
    help="Where the edition is published, instead of the headers' addresses (BASE/outputs/NAME.html).",
)
@click.option(
    "--doi",
    "doi_prefix",
    default="",
    metavar="PREFIX",
    help="A DataCite DOI prefix (10.NNNN): each document's DOI becomes PREFIX/NAME, instead of the headers'.",
)
@click.option(
    "--edition",
    type=click.Path(path_type=Path),
    default=EDITION_DIR,
    show_default="tei/",
    help="The folder of the edition to package (default: tei/ in the current folder).",
)
def package_command(
    output_dir: Path, bag: Path | None, base_url: str, doi_prefix: str, edition: Path
) -> None:
    """Package the edition for deposit: a BagIt bag with metadata (Dublin Core, DataCite, CMIF), and a zip.

    Refuses, writing nothing, when the edition or its metadata does not validate; warnings (a missing
    address, references correspSearch cannot match) are printed. With --check, verifies a bag and its
    metadata.
    Exit codes: 0 done or intact, 1 findings (invalid edition, changed bag), 2 usage or I/O error."""
    # Imported here: the deposit's schemas and libraries (jsonschema, bagit) cost validate and render a third
    # of a second of start-up that they do not need.
    from teitools.package import check_bag, package

    try:
        if bag is not None:
            report = check_bag(bag)
            click.echo(
                report.as_text(quiet=True)
                if report.findings
                else f"{bag}: intact, {report.files_checked} files verified"
            )
            sys.exit(report.exit_code())
        result = package(require_edition(edition), output_dir, base_url, doi_prefix)
    except UsageError as error:
        fail_usage(str(error))
    except OSError as error:
        fail_usage(f"cannot write into {output_dir}: {error.strerror or error}")
    if result.report.errors:
        click.echo(result.report.as_text(), err=True)
        click.echo("teitools: the edition or its metadata does not validate: nothing was packaged", err=True)
        sys.exit(result.report.exit_code())
    if result.report.warnings:
        click.echo(result.report.as_text(), err=True)
    click.echo(f"bag written to {result.bag}, zip to {result.archive}")
