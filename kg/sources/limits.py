"""How big one input may be, and a safe way to read a file within that size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kg.model import SourceError

LIMIT_ENV = "KG_MAX_ARTICLE_BYTES"
# A long news article is 50 KB and a saved web page a few MB; 10 MB leaves room for both and stops
# a stray database dump or video from filling memory and stalling the extractor for an hour.
DEFAULT_MAX_ARTICLE_BYTES = 10_000_000
# A sidecar holds a handful of fields.
MAX_SIDECAR_BYTES = 1_000_000


def max_article_bytes() -> int:
    """The size limit for one article (a .txt or .html file, or one .jsonl line); the environment may override it."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    return DEFAULT_MAX_ARTICLE_BYTES


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def too_big(origin: str, size: int, limit: int, what: str = "one article") -> SourceError:
    return SourceError(
        origin,
        f"{megabytes(size)} is over the {megabytes(limit)} limit for {what}",
        f"split it into articles, or raise {LIMIT_ENV} (bytes) if it really is one article",
    )


def check_regular(path: Path, limit: int, what: str = "one article") -> SourceError | None:
    """An error if ``path`` is not a regular file or is larger than ``limit``; None if it may be read.

    Checked before reading: a FIFO named ``x.txt`` would block a build forever and a
    10 GB file would be read whole into memory before any other check could run.
    """
    try:
        info = path.stat()
    except PermissionError:
        return permission_denied(path)
    except OSError as err:
        return SourceError(str(path), f"cannot read the file: {err.strerror or err}", "check that the file exists")
    if not stat.S_ISREG(info.st_mode):
        return SourceError(str(path), "not a regular file (a pipe, device or socket)", "leave it out of the input")
    if info.st_size > limit:
        return too_big(str(path), info.st_size, limit, what)
    return None


def permission_denied(path: Path) -> SourceError:
    return SourceError(str(path), "permission denied", "make the file readable (chmod +r) or leave it out")
