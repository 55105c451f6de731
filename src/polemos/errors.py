"""The exception tree of polemos; every message says what failed, where (file, line, field) and what to do.

PolemosError
├── InputError            a document or file cannot be read (names the file, and line for JSONL)
│   ├── UnsupportedFormat    extension or content polemos does not read
│   └── BadMetadata          a date, id or other field that does not parse
├── KnowledgeError        a packaged or user data file (actors, lexicons, places) fails its schema
├── ModelError            the spaCy pipeline named in the settings is not installed
└── StoreError            the database cannot be opened, migrated or written
"""

from __future__ import annotations


class PolemosError(Exception):
    """Base of every error polemos raises on purpose."""


class InputError(PolemosError):
    """A document or input file cannot be read."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class UnsupportedFormat(InputError):
    """The file's extension or content is not one polemos reads."""


class BadMetadata(InputError):
    """A metadata field (date, id, ...) does not parse."""


class KnowledgeError(PolemosError):
    """A knowledge file (actors, lexicon, places) does not match its schema."""


class ModelError(PolemosError):
    """The configured spaCy pipeline cannot be loaded."""


class StoreError(PolemosError):
    """The store cannot be opened, migrated or written."""
