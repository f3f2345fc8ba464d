"""Diagnostics: one object per problem found in the content, and the result of a run.

A `Diagnostic` knows where (file, line, column, field), how bad (`Severity`), what (a stable
`code` from `messages.CATALOG`) and the Danish message a contributor reads. Reporters render it;
nothing else formats it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Danish word contributors see."""
        return "fejl" if self is Severity.ERROR else "advarsel"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    """Path relative to the project root, POSIX style (`content/cases/x.md`)."""
    line: int
    """1-based line in the file; 0 means the whole file."""
    column: int
    """1-based column; 0 when unknown."""
    code: str
    """Stable identifier from the message catalog, e.g. `schema.required`."""
    field: str = ""
    """Dotted path of the front-matter field, e.g. `contact.email` or `results[1].value`."""
    message: str = ""
    """Danish explanation: what is wrong and how to fix it."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity.label}: {subject}{self.message} [{self.code}]"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class Result:
    """Everything one validation run found, over every file it checked."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics) -> None:
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        """Deterministic order, one entry per distinct problem."""
        unique = dict.fromkeys(self.diagnostics)  # keeps first-found order among equals
        return sorted(unique, key=lambda d: (d.file, d.line, d.column))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def invalid_files(self) -> list[str]:
        return sorted({d.file for d in self.diagnostics if d.severity is Severity.ERROR})
