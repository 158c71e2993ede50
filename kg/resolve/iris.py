"""Readable, stable IRIs for instance data.

The same input gives the same IRI on any machine and in any build order:
IRIs depend only on canonical names, dates and article ids, never on
counters or hashes of build state.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from kg.vocab import DEFAULT_BASE

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


@lru_cache(maxsize=1 << 14)
def slug(text: str) -> str:
    """``Wladimir Putin`` -> ``wladimir-putin``; ``Weißes Haus`` -> ``weisses-haus``."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or "x"


@lru_cache(maxsize=1024)
def _quoted(article_id: str) -> str:
    """The article id as one path segment; each of an article's claims and mentions needs it."""
    return quote(article_id, safe="")


class Minter:
    """Mints IRIs under one base (configurable at build time)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{_quoted(article_id)}"

    def person(self, name: str) -> str:
        return f"{self.base}person/{slug(name)}"

    def organization(self, name: str) -> str:
        return f"{self.base}org/{slug(name)}"

    def agent(self, article_id: str, label: str) -> str:
        # Scoped to its article: "ein Sprecher" in two articles is not one person.
        return f"{self.base}agent/{_quoted(article_id)}/{slug(label)}"

    def claim(self, article_id: str, begin: int, end: int) -> str:
        return f"{self.base}claim/{_quoted(article_id)}-{begin}-{end}"

    def mention(self, article_id: str, begin: int, end: int) -> str:
        # NIF 2.0 / RFC 5147 style fragment on the article.
        return f"{self.article(article_id)}#char={begin},{end}"

    def resolution_graph(self) -> str:
        """The named graph of what is decided across articles: labels, redirects, candidate links."""
        return f"{self.base}graph/resolution"

    def event(self, kind: str, date: str | None, participants: list[str], article_id: str) -> str:
        people = "-".join(slug(p) for p in sorted(participants))
        # An undated event cannot be told apart from others of the same people,
        # so it stays within its article rather than merging blindly.
        when = date if date else f"undated-{slug(article_id)}"
        return f"{self.base}event/{when}-{kind}-{people}"
