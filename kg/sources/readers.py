"""One reader per file format; each yields articles and errors, never raises for bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.model import SourceArticle, SourceError
from kg.sources.boilerplate import boilerplate_spans
from kg.sources.decode import NotText, decode_text
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


def read_bytes(path: Path) -> bytes | SourceError:
    try:
        return path.read_bytes()
    except PermissionError:
        return SourceError(str(path), "permission denied", "make the file readable (chmod +r) or leave it out")
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
    """JSON lines: one ``{"id", "text", ...metadata}`` object per line; a bad line is skipped and reported."""
    data = read_bytes(path)
    if isinstance(data, SourceError):
        yield data
        return
    if not data.strip():
        yield _empty(path)
        return
    # Split on LF only: a record's text may hold U+2028 or other characters str.splitlines() breaks on.
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield from _read_record(raw, f"{path}:{number}")


def _read_record(raw: bytes, origin: str) -> Iterator[Item]:
    try:
        record: Any = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        yield SourceError(origin, "the line is not UTF-8", "save the .jsonl file as UTF-8")
        return
    except json.JSONDecodeError as err:
        yield SourceError(origin, f"not valid JSON ({err.msg}, column {err.colno})", "fix or remove the line")
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
    text = record.get("text")
    if not isinstance(text, str):
        problem = "the record has no 'text'" if text is None else f"'text' is {type(text).__name__}, not a string"
        yield SourceError(origin, problem, "give every record the article text as a string 'text'")
        return
    if not text.strip():
        yield SourceError(origin, "'text' is empty", "put the article text in 'text', or remove the line")
        return
    meta = parse_metadata(record, origin)
    yield from meta.errors
    yield make_article(article_id, text, origin, meta)


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
