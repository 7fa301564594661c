"""The deposit: a BagIt bag (RFC 8493, built with the bagit library) of the edition and a zip of it, and the
check of a bag.

The edition is validated first with the deposit rules on top of the edition rules; with any error nothing is
written. Otherwise the payload (TEI, schema, rendered outputs, metadata crosswalks, validation report, README,
LICENSE) is staged in a temporary folder, bagged, zipped with fixed order and timestamps, then moved into
place.
The same edition gives the same bag and the same zip bytes: every date comes from the edition, none from the
clock.
"""

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import bagit

from teitools import __version__
from teitools.findings import ERROR, Finding, Report
from teitools.load import TEI_NS, Document, UsageError, load_all
from teitools.metadata import Personography, Record, cmif, datacite, dublin_core, read_record
from teitools.render import output_names
from teitools.resources import SCHEMA_DIR
from teitools.run import render, validate_paths
from teitools.validate import PROJECT_SCHEMA, load_schema

BAG_NAME = "teitools-edition"
CHECKSUMS = ["sha256", "sha512"]
SCHEMA_FILES = ("teitools.odd", "teitools.xsd", "xml.xsd", "README.md")


@dataclass
class PackageResult:
    report: Report
    bag: Path | None = None
    archive: Path | None = None
    written: list[Path] = field(default_factory=list)


def edition_date(documents: list[Document]) -> str:
    """The latest date the edition records (publication and revision dates): the bag's date."""
    dates = [
        str(value)
        for d in documents
        for value in d.root.xpath(
            "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when | "
            "tei:teiHeader/tei:revisionDesc/tei:change/@when",
            namespaces={"tei": TEI_NS},
        )
    ]
    if not dates:
        raise UsageError(
            "the edition records no publication or revision date, which the bag's date comes from"
        )
    return max(dates)[:10]


def package(edition: Path, output_dir: Path, base_url: str = "") -> PackageResult:
    schema = load_schema(PROJECT_SCHEMA)
    report = validate_paths([edition], schema, ("edition", "deposit"))
    if report.errors:
        return PackageResult(report)
    documents = load_all([edition], Report())  # an edition to deposit: small enough to hold at once
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".teitools-package-", dir=output_dir))
    try:
        bag_dir = staging / BAG_NAME
        date = edition_date(documents)
        records = stage_payload(bag_dir, edition, documents, report, date, base_url)
        make_bag(bag_dir, records, date)
        write_zip(bag_dir, staging / f"{BAG_NAME}.zip", date)
        return PackageResult(report, *move_into_place(staging, output_dir))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def stage_payload(
    bag_dir: Path, edition: Path, documents: list[Document], report: Report, date: str, base_url: str
) -> list[Record]:
    """Everything that goes into the bag's data/ folder; returns the header records."""
    for path in ("tei", "schema", "metadata"):
        (bag_dir / path).mkdir(parents=True)
    for document in documents:
        shutil.copyfile(document.path, bag_dir / "tei" / document.path.name)
    for name in SCHEMA_FILES:
        shutil.copyfile(SCHEMA_DIR / name, bag_dir / "schema" / name)
    rendered = render([edition], bag_dir / "outputs")
    report.extend(rendered.report.findings)
    personography = Personography(documents)
    records = [
        read_record(d, name, personography)
        for d, name in zip(documents, output_names([d.path for d in documents]), strict=True)
    ]
    for record in records:
        (bag_dir / "metadata" / f"{record.name}.oai_dc.xml").write_bytes(dublin_core(record))
        (bag_dir / "metadata" / f"{record.name}.datacite.json").write_text(
            datacite(record) + "\n", encoding="utf-8"
        )
    publisher = next((r.publisher for r in records if r.publisher), "")
    if any(r.correspondence for r in records):
        (bag_dir / "metadata" / "cmif.xml").write_bytes(
            cmif(records, edition_title(records), publisher, date, base_url)
        )
    portable = Report(report.files_checked, [relabel(f) for f in report.findings])
    (bag_dir / "validation-report.json").write_text(portable.as_json() + "\n", encoding="utf-8")
    (bag_dir / "README.md").write_text(readme(records, date), encoding="utf-8")
    (bag_dir / "LICENSE").write_text(licence_text(records), encoding="utf-8")
    return records


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


def readme(records: list[Record], date: str) -> str:
    lines = [
        f"# {edition_title(records)}",
        "",
        f"A TEI P5 edition, packaged by teitools {__version__} on {date} as a BagIt bag.",
        "",
        "## Contents of data/",
        "",
        "- `tei/`: the TEI P5 documents and the shared personography, the master files of the edition",
        "- `schema/`: the project's TEI customisation (ODD), the XSD generated from it, and its rules",
        "- `outputs/`: the edition rendered to HTML (offline), plain text, and the person index (HTML, JSON)",
        "- `metadata/`: Dublin Core (oai_dc) and DataCite (JSON) of each document, and CMIF for the letters",
        "- `validation-report.json`: the validation of the edition against its schema and rules",
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
            f"- {statement}" + (f" <{uri}>" if uri else "") for statement, uri in record.licences
        )
        sections.append(f"{record.title} (tei/{record.name}.xml):\n{statements}\n")
    return "Licences of the documents in this deposit, as their TEI headers state them.\n\n" + "\n".join(
        sections
    )


def make_bag(bag_dir: Path, records: list[Record], date: str) -> None:
    publisher = next((r.publisher for r in records if r.publisher), "")
    bag_info = {
        "Source-Organization": publisher,
        "Contact-Name": publisher,
        "External-Description": f"TEI P5 edition: {edition_title(records)}",
        "External-Identifier": BAG_NAME,
        "Bagging-Date": date,
        "Bag-Software-Agent": f"teitools {__version__} with bagit.py {bagit.VERSION}",
    }
    bagit.make_bag(str(bag_dir), bag_info, processes=1, checksums=CHECKSUMS)
    # bagit lists tag files in directory order; sorted, the bag is the same on every machine.
    for tag_manifest in bag_dir.glob("tagmanifest-*.txt"):
        lines = tag_manifest.read_text(encoding="utf-8").splitlines()
        tag_manifest.write_text(
            "".join(f"{line}\n" for line in sorted(lines, key=lambda line: line.split(" ", 1)[1]))
        )


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
    """The bag's TEI validated against the schema the bag carries, with the edition rules."""
    schema_file = payload / "schema" / "teitools.xsd"
    tei_dir = payload / "tei"
    if not tei_dir.is_dir() or not schema_file.is_file():
        return [
            Finding(
                label, 1, 1, ERROR, "bag-content", "the bag holds no data/tei or data/schema/teitools.xsd"
            )
        ]
    report = validate_paths([tei_dir], load_schema(str(schema_file)))
    return [relabel(f, f"{label}/data/tei") for f in report.findings]
