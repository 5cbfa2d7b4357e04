"""A finding of `kmg check`: what is wrong or worth a second look, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]

LEVEL_LABELS: dict[str, str] = {"error": "fout", "warning": "waarschuwing"}


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    level: Level
    message: str
    hint: str = ""
    reason: str = ""  # the seed's words behind the rule, shown to people, not in JSON

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "hint": self.hint,
        }
