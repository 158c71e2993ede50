"""spaCy's German lookup tables (``spacy-lookups-data``), each loaded once on first use.

Kept apart so that ``lexicon`` and ``speechverbs`` share one cached copy without importing each other.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from typing import Any


def _load(name: str) -> Any:
    data = resources.files("spacy_lookups_data") / "data" / name
    with data.open("rb") as raw, gzip.open(raw) as f:
        return json.load(f)


@cache
def lemma_table() -> dict[str, str]:
    """Word form -> lemma ("sagte" -> "sagen"), case as in the text."""
    return _load("de_lemma_lookup.json.gz")


@cache
def lexeme_prob() -> dict[str, float]:
    """Lowercase word -> log probability in German text."""
    return _load("de_lexeme_prob.json.gz")
