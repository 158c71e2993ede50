"""Article metadata from a sidecar ``.json`` or a JSON-lines record."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from kg.model import SourceError
from kg.sources.decode import NotText, decode_text
from kg.sources.limits import MAX_SIDECAR_BYTES, check_regular

_TEXT_FIELDS = ("title", "source", "url", "language")
# A date, optionally followed by a time: "2024-03-12" or "2024-03-12T14:05:00+01:00".
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


@dataclass
class Metadata:
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    errors: list[SourceError] = field(default_factory=list)

    def merged_over(self, base: Metadata) -> Metadata:
        """These values where present, else those of ``base`` (sidecar over page metadata)."""
        values = {f.name: getattr(self, f.name) or getattr(base, f.name) for f in fields(self) if f.name != "errors"}
        return Metadata(**values, errors=[*base.errors, *self.errors])


def parse_published(value: str) -> date | None:
    """``YYYY-MM-DD`` (a time after it is ignored) as a date, or None if it is not one."""
    match = _PUBLISHED.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_metadata(record: Mapping[str, Any], origin: str) -> Metadata:
    """Read the metadata fields of ``record``; a bad field is dropped and reported, the rest kept."""
    meta = Metadata()
    published = record.get("published")
    if isinstance(published, str) and published.strip():
        meta.published = parse_published(published)
        if meta.published is None:
            meta.errors.append(
                SourceError(origin, f"'published' is {published!r}, not a date", "write it as YYYY-MM-DD",
                            fatal=False)
            )
    elif published not in (None, ""):
        meta.errors.append(
            SourceError(origin, f"'published' is {published!r}, not a date", "write it as a string YYYY-MM-DD",
                        fatal=False)
        )
    for name in _TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            setattr(meta, name, value.strip() or None)
        elif value is not None:
            meta.errors.append(SourceError(origin, f"'{name}' is {value!r}, not a string", f"write '{name}' as text",
                                           fatal=False))
    return meta


def sidecar_path(article: Path) -> Path | None:
    """The ``STEM.json`` beside an article file, if there is one."""
    for suffix in (".json", ".JSON"):
        candidate = article.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(article: Path) -> Metadata:
    """Metadata from the sidecar of ``article``; a broken sidecar gives errors, never an exception."""
    path = sidecar_path(article)
    if path is None:
        return Metadata()
    origin = str(path)
    problem = check_regular(path, MAX_SIDECAR_BYTES, "a sidecar")
    if problem is not None:
        return _failed(origin, problem.problem, f"{problem.hint}; the article was built without its metadata")
    try:
        data = path.read_bytes()
    except OSError as err:
        return _failed(origin, f"cannot read the sidecar: {err.strerror or err}",
                       "check the file's permissions; the article was built without its metadata")
    decoded = _sidecar_text(data, origin)
    if isinstance(decoded, Metadata):
        return decoded
    text, warnings = decoded
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return _failed(
            origin,
            f"the sidecar is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
            "fix the JSON; the article was built without its metadata",
        )
    except RecursionError:
        return _failed(origin, "the sidecar's JSON is nested too deeply", 'write {"published": "YYYY-MM-DD", ...}')
    if not isinstance(record, dict):
        return _failed(origin, "the sidecar is not a JSON object", 'write {"published": "YYYY-MM-DD", ...}')
    meta = parse_metadata(record, origin)
    meta.errors[:0] = warnings
    return meta


def _sidecar_text(data: bytes, origin: str) -> tuple[str, list[SourceError]] | Metadata:
    """The sidecar as text (a byte order mark dropped), trying legacy encodings like the article itself."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        decoded = decode_text(data)
    except NotText as err:
        return _failed(origin, f"the sidecar is not text: {err}", "save the .json file as UTF-8")
    warning = SourceError(origin, f"the sidecar is not valid UTF-8; read as {decoded.encoding}",
                          "re-save the .json file as UTF-8", fatal=False)
    return decoded.text.lstrip("\ufeff"), [warning]


def _failed(origin: str, problem: str, hint: str) -> Metadata:
    # The article is still built from its text, but without its date and title: a build with a
    # broken sidecar must not look like a clean one, so the error counts (non-zero exit).
    return Metadata(errors=[SourceError(origin, problem, hint, fatal=True)])
