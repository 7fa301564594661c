"""The deposit: a BagIt bag (RFC 8493, built with the bagit library) of the edition and a zip of it, and the
check of a bag.

The edition is validated first with the deposit rules on top of the edition rules; with any error nothing is
written. Otherwise the payload (TEI, schema, rendered outputs, metadata crosswalks, validation report, README,
LICENSE) is staged in a temporary folder, its metadata files are checked against the official schemas of
their formats (again nothing is written if one is invalid), then it is bagged (BagIt 1.0), zipped with fixed
order and timestamps, and moved into place.
Where the edition lives and who to contact come from the headers; --base-url and --doi override them.
The same edition gives the same bag and the same zip bytes: every date comes from the edition, none from the
clock.
"""

import hashlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import bagit

from teitools import __version__
from teitools.deposit_schemas import (
    CMIF_NAME,
    DATACITE_JSON_SUFFIX,
    DATACITE_XML_SUFFIX,
    OAI_DC_SUFFIX,
    metadata_findings,
)
from teitools.findings import ERROR, WARNING, Finding, Report
from teitools.load import UsageError
from teitools.metadata import (
    Edition,
    Record,
    cmif,
    datacite,
    datacite_xml,
    dublin_core,
    unsupported_authorities,
)
from teitools.resources import SCHEMA_DIR
from teitools.run import Check, render, validate_paths
from teitools.schemas import AUTO, declares_project_schema
from teitools.validate import load_schema

BAG_NAME = "teitools-edition"
CHECKSUMS = ["sha256", "sha512"]
SCHEMA_FILES = ("teitools.odd", "teitools.xsd", "xml.xsd", "README.md")
BAGIT_VERSION = "1.0"  # RFC 8493; bagit.py writes 0.97, which the bag is then raised from
# Where the pages and the metadata are in the bag's data/, and so under the edition's address.
PAGES_FOLDER = "outputs"
METADATA_FOLDER = "metadata"
DOI_PREFIX = re.compile(r"10\.[0-9]{4,9}")
CALENDAR_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?![0-9])")


@dataclass
class PackageResult:
    report: Report
    bag: Path | None = None
    archive: Path | None = None
    written: list[Path] = field(default_factory=list)


def edition_date(records: list[Record]) -> str:
    """The latest date the edition records (publication and revision dates): the bag's date, a whole day
    (YYYY-MM-DD, as BagIt's Bagging-Date and a zip entry's date are). A month or a year alone ("2015-02",
    as EEBO-TCP dates its releases) is taken from its first day."""
    days = [
        day
        for record in records
        for when in [record.published.when if record.published else "", *record.revisions]
        if (day := first_day(when))
    ]
    if not days:
        raise UsageError(
            "the edition records no publication or revision date, which the bag's date comes from"
        )
    return max(days)


def first_day(when: str) -> str:
    """The first day of an ISO 8601 date, month or year of the common era ("2015-02" -> "2015-02-01"), or
    "" for another value."""
    date = CALENDAR_DATE.match(when.strip())
    if not date:
        return ""
    year, month, day = date.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


@dataclass
class Overrides:
    """What the command line says instead of the headers."""

    base_url: str = ""  # the edition's address: pages are under outputs/, metadata under metadata/
    doi_prefix: str = ""  # a DataCite prefix: each document's DOI is PREFIX/NAME


def package(edition: Path, output_dir: Path, base_url: str = "", doi_prefix: str = "") -> PackageResult:
    """Validate, render and describe the edition in one pass over its documents, and bag it all. Nothing is
    left in output_dir unless the bag is complete."""
    if doi_prefix and not DOI_PREFIX.fullmatch(doi_prefix):
        raise UsageError(f"--doi takes a DOI prefix such as 10.5281, not {doi_prefix!r}")
    overrides = Overrides(base_url, doi_prefix)
    created = not output_dir.exists()
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".teitools-package-", dir=output_dir))
    try:
        bag_dir = staging / BAG_NAME
        # Each document against the schema it declares (the project schema for this edition), else tei_all.
        check = Check(load_schema(AUTO), ("edition", "deposit"))
        run = render([edition], bag_dir / PAGES_FOLDER, check=check, records=True)
        report = run.report
        if base_url:  # the address is given: headers without one are no longer incomplete
            report.findings = [f for f in report.findings if f.rule != "deposit-address"]
        if report.errors:
            return PackageResult(report)
        date = edition_date(run.records)
        records = stage_payload(bag_dir, run.files, run.records, report, date, overrides)
        if report.errors:
            return PackageResult(report)
        make_bag(bag_dir, records, date)
        write_zip(bag_dir, staging / f"{BAG_NAME}.zip", date)
        return PackageResult(report, *move_into_place(staging, output_dir))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(output_dir.iterdir()):
            output_dir.rmdir()


def stage_payload(
    bag_dir: Path, files: list[Path], records: list[Record], report: Report, date: str, overrides: Overrides
) -> list[Record]:
    """Everything else that goes into the bag's data/ folder beside the pages; returns the header records as
    the deposit gives them. The metadata files are checked against their formats' schemas: their findings
    join the report."""
    for path in ("tei", METADATA_FOLDER):
        (bag_dir / path).mkdir(parents=True)
    for file in files:
        shutil.copyfile(file, bag_dir / "tei" / file.name)
    # The project's customisation goes with the documents that declare it (as ../schema/teitools.xsd, which
    # is then where it is in the bag); another edition's documents are TEI P5 as tei_all defines it.
    with_schema = any(declares_project_schema(file) for file in files)
    if with_schema:
        (bag_dir / "schema").mkdir()
        for name in SCHEMA_FILES:
            shutil.copyfile(SCHEMA_DIR / name, bag_dir / "schema" / name)
    records = deposit_records(records, overrides)
    metadata = bag_dir / METADATA_FOLDER
    for record in records:
        (metadata / f"{record.name}{OAI_DC_SUFFIX}").write_bytes(dublin_core(record))
        (metadata / f"{record.name}{DATACITE_JSON_SUFFIX}").write_text(
            datacite(record) + "\n", encoding="utf-8"
        )
        if record.doi:  # DataCite XML identifies a resource by its DOI: without one there is none
            (metadata / f"{record.name}{DATACITE_XML_SUFFIX}").write_bytes(datacite_xml(record))
    report.extend(write_cmif(metadata, records, date, overrides))
    # Findings on the TEI name its files as they are in the bag; the metadata files' are named so already.
    checked = metadata_findings(metadata, METADATA_FOLDER)
    portable = Report(report.files_checked, [relabel(f) for f in report.findings] + checked)
    report.extend(checked)
    (bag_dir / "validation-report.json").write_text(portable.as_json() + "\n", encoding="utf-8")
    (bag_dir / "README.md").write_text(readme(records, date, with_schema), encoding="utf-8")
    (bag_dir / "LICENSE").write_text(licence_text(records), encoding="utf-8")
    return records


def page_address(base_url: str, name: str) -> str:
    return f"{base_url.rstrip('/')}/{PAGES_FOLDER}/{name}.html"


def deposit_records(records: list[Record], overrides: Overrides) -> list[Record]:
    """The header records (the run's header models), with the addresses and DOIs the command line gives
    instead of the headers'."""
    return [
        replace(
            record,
            url=page_address(overrides.base_url, record.name) if overrides.base_url else record.url,
            doi=f"{overrides.doi_prefix}/{record.name}" if overrides.doi_prefix else record.doi,
        )
        for record in records
    ]


def edition_address(records: list[Record], overrides: Overrides) -> str:
    """The edition's address: --base-url, else the one base under which every header's address is its page
    (BASE/outputs/NAME.html); empty when the headers give none or disagree."""
    if overrides.base_url:
        return overrides.base_url.rstrip("/") + "/"
    pages = [(r.url, f"{PAGES_FOLDER}/{r.name}.html") for r in records]
    bases = {url.removesuffix(page) for url, page in pages if url.endswith("/" + page)}
    return bases.pop() if len(bases) == 1 and all(url.endswith("/" + page) for url, page in pages) else ""


def write_cmif(metadata: Path, records: list[Record], date: str, overrides: Overrides) -> list[Finding]:
    """CMIF for the letters, when the edition's address is known (correspSearch rejects a CMIF file without
    its own URL); the references correspSearch cannot match are reported where the headers make them."""
    letters = [record for record in records if record.correspondence]
    if not letters:
        return []
    address = edition_address(records, overrides)
    if not address:
        message = (
            "no CMIF file written: the edition's address is unknown (give every header its page address, "
            f"BASE/{PAGES_FOLDER}/NAME.html, in publicationStmt/idno[@type='URL'], or use --base-url)"
        )
        return [Finding(*letter.located, WARNING, "cmif-address", message) for letter in letters]
    contact = next((r.contact for r in records if r.contact), None)
    publisher = next((r.publisher for r in records if r.publisher), "")
    edition = Edition(
        edition_title(records), publisher, date, address, f"{address}{METADATA_FOLDER}/{CMIF_NAME}", contact
    )
    (metadata / CMIF_NAME).write_bytes(cmif(records, edition))
    return [
        Finding(
            *agent.located,
            WARNING,
            "cmif-authority",
            f"{agent.name} is referred to in CMIF without an "
            f"authority correspSearch supports ({supported}): it cannot be matched with other editions",
        )
        for record in letters
        for agent, supported in unsupported_authorities(record)
    ]


def relabel(finding: Finding, folder: str = "tei") -> Finding:
    """Findings name files as they are in the bag (tei/NAME), whatever folder the command ran from."""
    return replace(finding, file=f"{folder}/{Path(finding.file).name}")


def edition_title(records: list[Record]) -> str:
    texts = [r for r in records if r.kind != "Personography"]
    authors = sorted({c.name for r in texts for c in r.creators})
    return (
        f"{'; '.join(authors)}: {'; '.join(r.title for r in texts)}"
        if authors
        else "; ".join(r.title for r in texts)
    )


def readme(records: list[Record], date: str, with_schema: bool) -> str:
    lines = [
        f"# {edition_title(records)}",
        "",
        f"A TEI P5 edition, packaged by teitools {__version__} on {date} as a BagIt bag.",
        "",
        "## Contents of data/",
        "",
        "- `tei/`: the TEI P5 documents and the shared personography, the master files of the edition",
        *(
            ["- `schema/`: the project's TEI customisation (ODD), the XSD generated from it, and its rules"]
            if with_schema
            else []
        ),
        "- `outputs/`: the edition rendered to HTML (offline), plain text, and the person index (HTML, JSON)",
        "- `metadata/`: Dublin Core (oai_dc) and DataCite (JSON) of each document, and CMIF for the letters",
        "- `validation-report.json`: the validation of the edition against its schemas and rules",
        "",
        "## Documents",
        "",
    ]
    for record in records:
        who = ", ".join(c.name for c in record.creators)
        lines.append(
            f"- {record.title}"
            + (f" ({who}, {record.created})" if who else "")
            + f": `tei/{record.name}.xml`"
        )
    return "\n".join([*lines, "", "Licences: see LICENSE.", ""])


def licence_text(records: list[Record]) -> str:
    sections = []
    for record in records:
        statements = "\n".join(
            f"- {licence.statement}"
            + (f" <{licence.uri}>" if licence.uri not in ("", licence.statement) else "")
            for licence in record.licences
        )
        sections.append(f"{record.title} (tei/{record.name}.xml):\n{statements}\n")
    return "Licences of the documents in this deposit, as their TEI headers state them.\n\n" + "\n".join(
        sections
    )


def bag_info(records: list[Record], date: str) -> dict[str, str]:
    """bag-info.txt: who holds the edition and who to contact about it, as the headers say."""
    publisher = next((r.publisher for r in records if r.publisher), "")
    contact = next((r.contact for r in records if r.contact), None)
    info = {
        "Source-Organization": publisher,
        "Organization-Address": contact.address if contact else "",
        "Contact-Name": contact.name if contact else "",
        "Contact-Email": contact.email if contact else "",
        "External-Description": f"TEI P5 edition: {edition_title(records)}",
        "External-Identifier": BAG_NAME,
        "Bagging-Date": date,
        "Bag-Software-Agent": f"teitools {__version__} with bagit.py {bagit.VERSION}",
    }
    return {key: value for key, value in info.items() if value}


def make_bag(bag_dir: Path, records: list[Record], date: str) -> None:
    bagit.make_bag(str(bag_dir), bag_info(records, date), processes=1, checksums=CHECKSUMS)
    (bag_dir / "bagit.txt").write_text(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    write_tag_manifests(bag_dir)


def write_tag_manifests(bag_dir: Path) -> None:
    """The tag manifests, for the bagit.txt written above, with tag files in name order (bagit lists them
    in directory order): the bag is the same on every machine."""
    tag_files = sorted(p for p in bag_dir.iterdir() if p.is_file() and not p.name.startswith("tagmanifest-"))
    for algorithm in CHECKSUMS:
        lines = [f"{hashlib.new(algorithm, p.read_bytes()).hexdigest()} {p.name}\n" for p in tag_files]
        (bag_dir / f"tagmanifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")


def write_zip(bag_dir: Path, archive: Path, date: str) -> None:
    """Entries in path order, each dated at the edition's date, with the same permissions: same bytes."""
    timestamp = (*(int(part) for part in date.split("-")), 0, 0, 0)
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(p for p in bag_dir.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(
                f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}", date_time=timestamp
            )
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(entry, path.read_bytes(), compresslevel=9)


def move_into_place(staging: Path, output_dir: Path) -> tuple[Path, Path, list[Path]]:
    """Replace any earlier bag and zip; the old ones stay whole until the new ones are complete."""
    bag, archive = output_dir / BAG_NAME, output_dir / f"{BAG_NAME}.zip"
    retired = staging / "previous"
    if bag.exists():
        bag.rename(retired)
    (staging / BAG_NAME).rename(bag)
    (staging / f"{BAG_NAME}.zip").replace(archive)
    return bag, archive, [bag, archive]


# --- checking a bag ---------------------------------------------------------------------------------------


def check_bag(path: Path) -> Report:
    """Completeness, checksums and the validity of the TEI inside: one finding per file that differs."""
    if not path.exists():
        raise UsageError(f"{path}: no such bag or zip")
    with tempfile.TemporaryDirectory() as extracted:
        bag_dir = unzip_bag(path, Path(extracted)) if path.is_file() else path
        try:
            bag = bagit.Bag(str(bag_dir))
        except bagit.BagError as error:
            raise UsageError(f"{path}: not a BagIt bag: {error}") from error
        report = Report(files_checked=len(bag.entries))
        report.extend(payload_differences(bag, str(path)))
        if not report.findings:
            try:
                bag.validate(processes=1)
            except bagit.BagValidationError as error:
                report.add(Finding(str(path), 1, 1, ERROR, "bag", f"bag is not valid: {error}"))
        report.extend(tei_findings(bag_dir / "data", str(path)))
        report.extend(metadata_findings(bag_dir / "data" / METADATA_FOLDER, f"{path}/data/{METADATA_FOLDER}"))
    return report


def unzip_bag(archive: Path, target: Path) -> Path:
    try:
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
            unsafe = [n for n in names if PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts]
            if unsafe:
                raise UsageError(f"{archive}: refused, the zip holds paths outside itself: {unsafe[0]}")
            zipped.extractall(target)
    except zipfile.BadZipFile as error:
        raise UsageError(f"{archive}: not a zip file: {error}") from error
    roots = {PurePosixPath(n).parts[0] for n in names}
    if len(roots) != 1:
        raise UsageError(f"{archive}: a bag's zip holds one folder, this one holds {len(roots)}")
    return target / roots.pop()


def payload_differences(bag: bagit.Bag, label: str) -> list[Finding]:
    listed = {Path(p).as_posix(): hashes for p, hashes in bag.entries.items() if p.startswith("data/")}
    present = {Path(p).as_posix() for p in bag.payload_files()}
    findings = [
        Finding(f"{label}/{p}", 1, 1, ERROR, "bag-missing", "file in the manifest but missing from the bag")
        for p in sorted(set(listed) - present)
    ]
    findings += [
        Finding(f"{label}/{p}", 1, 1, ERROR, "bag-unexpected", "file in the bag but not in its manifest")
        for p in sorted(present - set(listed))
    ]
    for relative in sorted(present & set(listed)):
        expected = listed[relative].get("sha256")
        actual = hashlib.sha256((Path(bag.path) / relative).read_bytes()).hexdigest()
        if expected and actual != expected:
            message = f"file changed since bagging: sha256 {actual[:16]}… expected {expected[:16]}…"
            findings.append(Finding(f"{label}/{relative}", 1, 1, ERROR, "bag-changed", message))
    return findings


def tei_findings(payload: Path, label: str) -> list[Finding]:
    """The bag's TEI validated as package validated it: each document against the schema it declares, else
    tei_all, with the edition rules."""
    tei_dir = payload / "tei"
    if not tei_dir.is_dir():
        return [Finding(label, 1, 1, ERROR, "bag-content", "the bag holds no data/tei")]
    report = validate_paths([tei_dir], load_schema(AUTO))
    return [relabel(f, f"{label}/data/tei") for f in report.findings]
