"""One reader per file format; each yields articles and errors, never raises for bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kg.model import SourceArticle, SourceError
from kg.sources.boilerplate import boilerplate_spans
from kg.sources.decode import NotText, decode_text
from kg.sources.limits import check_regular, max_article_bytes, permission_denied, too_big
from kg.sources.metadata import Metadata, parse_metadata, parse_published, read_sidecar

Item = SourceArticle | SourceError

_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_HTML_HEAD_BYTES = 4096


def make_article(article_id: str, text: str, origin: str, meta: Metadata) -> SourceArticle:
    """An article with its metadata and its boilerplate lines found."""
    return SourceArticle(
        id=article_id,
        text=text,
        origin=origin,
        published=meta.published,
        title=meta.title,
        source=meta.source,
        url=meta.url,
        language=meta.language,
        boilerplate=boilerplate_spans(text),
    )


def read_bytes(path: Path, limit: int | None = None) -> bytes | SourceError:
    """The file's bytes, or an error if it cannot be read or is larger than ``limit`` (default: one article's)."""
    problem = check_regular(path, max_article_bytes() if limit is None else limit)
    if problem is not None:
        return problem
    try:
        return path.read_bytes()
    except PermissionError:
        return permission_denied(path)
    except OSError as err:
        return SourceError(str(path), f"cannot read the file: {err.strerror or err}", "check that the file exists")


def _empty(path: Path) -> SourceError:
    return SourceError(str(path), "the file is empty", "put the article text in it, or remove the file")


def read_txt(path: Path) -> Iterator[Item]:
    """A plain text article: the whole file is the text; metadata from ``STEM.json`` beside it."""
    data = read_bytes(path)
    if isinstance(data, SourceError):
        yield data
        return
    if not data.strip():
        yield _empty(path)
        return
    try:
        decoded = decode_text(data)
    except NotText as err:
        yield SourceError(str(path), f"not a text file: {err}", "save the article as UTF-8 text, or remove the file")
        return
    if decoded.fallback:
        yield SourceError(
            str(path),
            f"not valid UTF-8; read as {decoded.encoding}",
            "the article was read, but re-save it as UTF-8 so offsets match what other tools read",
            fatal=False,
        )
    meta = read_sidecar(path)
    yield from meta.errors
    yield make_article(path.stem, decoded.text, str(path), meta)


def read_jsonl(path: Path) -> Iterator[Item]:
    """JSON lines: one ``{"id", "text", ...metadata}`` object per line; a bad line is skipped and reported.

    The file is read line by line, so a feed may be larger than memory; the size
    limit applies to each line (one article).
    """
    limit = max_article_bytes()
    problem = check_regular(path, limit=2**63)
    if problem is not None:
        yield problem
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head in _UTF16_BOMS:
                yield from _read_utf16_jsonl(path, handle.read(), limit)
                return
            found = False
            for number, raw in _raw_lines(handle, limit):
                origin = f"{path}:{number}"
                if isinstance(raw, int):
                    found = True
                    yield too_big(origin, raw, limit, "one line (article)")
                elif raw.strip():
                    found = True
                    yield from _read_record(_decode_line(raw, origin, first=number == 1), origin)
    except PermissionError:
        yield permission_denied(path)
        return
    except OSError as err:
        yield SourceError(str(path), f"cannot read the file: {err.strerror or err}", "check that the file exists")
        return
    if not found:
        yield _empty(path)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _raw_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) per LF-separated line; (line number, size) for a line over ``limit`` bytes."""
    number = 0
    while True:
        # Split on LF only: a record's text may hold U+2028 or other characters str.splitlines() breaks on.
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            # Skip the rest of the oversized line without holding it in memory.
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                size += len(line)
            yield number, size
        else:
            yield number, line


def _read_utf16_jsonl(path: Path, data: bytes, limit: int) -> Iterator[Item]:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        yield SourceError(str(path), "starts like UTF-16 but does not decode as UTF-16",
                          "save the .jsonl file as UTF-8")
        return
    yield SourceError(str(path), "the file is UTF-16, not UTF-8; it was read",
                      "re-save it as UTF-8, the encoding JSON lines are meant to use", fatal=False)
    for number, line in enumerate(text.split("\n"), start=1):
        origin = f"{path}:{number}"
        if len(line.encode("utf-8")) > limit:
            yield too_big(origin, len(line.encode("utf-8")), limit, "one line (article)")
        elif line.strip():
            yield from _read_record(line, origin)


def _decode_line(raw: bytes, origin: str, first: bool) -> str | SourceError:
    """The line as UTF-8 text (a byte order mark on line 1 dropped).

    No legacy-encoding guess here, unlike .txt files: JSON lines are UTF-8 by definition
    (RFC 8259), and a guessed line among UTF-8 ones would be mojibake more often than not.
    """
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as err:
        return SourceError(origin, f"the line is not UTF-8 (byte {err.start + 1})",
                           "save the .jsonl file as UTF-8; this record was skipped")


def _read_record(line: str | SourceError, origin: str) -> Iterator[Item]:
    if isinstance(line, SourceError):
        yield line
        return
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as err:
        yield SourceError(origin, f"not valid JSON ({err.msg}, column {err.colno}); is the line cut short?",
                          "fix or remove the line")
        return
    except RecursionError:
        yield SourceError(origin, "the JSON is nested too deeply", 'write {"id": "...", "text": "..."}')
        return
    if not isinstance(record, dict):
        yield SourceError(origin, "the line is not a JSON object", 'write {"id": "...", "text": "..."}')
        return
    article_id = record.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id.strip():
        yield SourceError(origin, "the record has no 'id'", "give every record a non-empty string 'id'")
        return
    if _has_surrogates(article_id):
        yield SourceError(origin, "the 'id' holds an unpaired \\ud800-\\udfff escape", "use a plain text 'id'")
        return
    text = record.get("text")
    if not isinstance(text, str):
        problem = "the record has no 'text'" if text is None else f"'text' is {type(text).__name__}, not a string"
        yield SourceError(origin, problem, "give every record the article text as a string 'text'")
        return
    if not text.strip():
        yield SourceError(origin, "'text' is empty", "put the article text in 'text', or remove the line")
        return
    if _has_surrogates(text):
        # JSON allows "\ud800" escapes that are no character; UTF-8 (and so the store) cannot hold them.
        # One replacement character for one keeps every offset where it was.
        text = _SURROGATE.sub("\ufffd", text)
        yield SourceError(origin, "'text' holds unpaired surrogate escapes (\\ud800-\\udfff); replaced by U+FFFD",
                          "fix the tool that wrote the feed", fatal=False)
    meta = parse_metadata(record, origin)
    yield from meta.errors
    yield make_article(article_id, text, origin, meta)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(value: str) -> bool:
    return _SURROGATE.search(value) is not None


def read_html(path: Path) -> Iterator[Item]:
    """A web page: trafilatura finds the main text and the page's metadata; a sidecar overrides it."""
    data = read_bytes(path)
    if isinstance(data, SourceError):
        yield data
        return
    if not data.strip():
        yield _empty(path)
        return
    page = _extract_html(data, str(path))
    if isinstance(page, SourceError):
        yield page
        return
    text, page_meta = page
    meta = read_sidecar(path).merged_over(page_meta)
    yield from meta.errors
    yield make_article(path.stem, text, str(path), meta)


def _extract_html(data: bytes, origin: str) -> tuple[str, Metadata] | SourceError:
    # Imported here: trafilatura takes a second to load and most builds read only .txt files.
    import trafilatura
    from lxml.etree import LxmlError

    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,  # reader comments are not the article
            # Metadata and URL only: a date guessed from the body could be any date in the text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, LxmlError) as err:
        return SourceError(origin, f"cannot parse the page: {err}", "check it is an HTML file")
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        return SourceError(
            origin, "no article text found in the page", "save the article text as .txt (with a .json sidecar) instead"
        )
    meta = Metadata(
        published=parse_published(doc.date) if isinstance(doc.date, str) else None,
        title=doc.title or None,
        source=doc.sitename or None,
        url=doc.url or None,
        language=doc.language or _html_lang(data),
    )
    return text, meta


def _html_lang(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:_HTML_HEAD_BYTES])
    return match.group(1).decode("ascii").lower() if match else None
