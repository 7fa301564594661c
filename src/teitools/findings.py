"""Findings: what every stage reports; a report printed as text or JSON, and its exit code."""

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# How many further places a grouped finding lists before it only counts them.
MAX_GROUPED_PLACES = 5


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    xpath: str = ""

    def as_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"


def counted(number: int, noun: str) -> str:
    """A count with its noun, in the singular for one: "1 error", "2 errors", "0 warnings"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@dataclass
class Report:
    files_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    tei_version: str = ""  # the TEI P5 release bundled as tei_all, named in the JSON report

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def exit_code(self, strict: bool = False) -> int:
        failing = self.errors + (self.warnings if strict else 0)
        return EXIT_FINDINGS if failing else EXIT_OK

    def summary(self) -> str:
        return (
            f"{counted(self.files_checked, 'file')} checked, {counted(self.errors, 'error')}, "
            f"{counted(self.warnings, 'warning')}"
        )

    def as_text(self, quiet: bool = False) -> str:
        """One line per finding; the same message repeated in one file is grouped on its first place."""
        shown = [f for f in sorted(self.findings) if not (quiet and f.severity != ERROR)]
        groups: dict[tuple[str, str, str, str], list[Finding]] = defaultdict(list)
        for finding in shown:
            groups[(finding.file, finding.severity, finding.rule, finding.message)].append(finding)
        lines = []
        for group in sorted(groups.values(), key=lambda g: g[0]):
            line = group[0].as_text()
            if len(group) > 1:
                places = ", ".join(f"{f.line}:{f.column}" for f in group[1 : 1 + MAX_GROUPED_PLACES])
                more = len(group) - 1 - MAX_GROUPED_PLACES
                line += (
                    f" (and {len(group) - 1} more at {places}{f', and {more} others' if more > 0 else ''})"
                )
            lines.append(line)
        if not quiet:
            lines.append(self.summary())
        return "\n".join(lines)

    def as_json(self) -> str:
        document = {
            "findings": [asdict(f) for f in sorted(self.findings)],
            "summary": {"files": self.files_checked, "errors": self.errors, "warnings": self.warnings},
        }
        if self.tei_version:
            document["tei_version"] = self.tei_version
        return json.dumps(document, ensure_ascii=False, indent=2)
