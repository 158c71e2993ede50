"""Refuse federated queries: ``SERVICE`` would make the server fetch any URL a client names.

pyoxigraph has no switch to turn ``SERVICE`` off, so the query text is
scanned for the keyword outside strings, IRIs and comments. Erring on the
side of refusal is fine: a false positive only costs a rephrased query.
"""

from __future__ import annotations

import re

# What cannot hold a keyword: long and short strings, IRIs (per IRIREF), comments.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""' r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
)
# Not ?service / $service / ex:service / ex:my-service.
_SERVICE = re.compile(r"(?<![?$:\w-])SERVICE(?![\w:-])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query: str) -> bool:
    # SPARQL allows \u escapes anywhere in a query; decode them so they cannot hide the keyword.
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    return _SERVICE.search(_OPAQUE.sub(" ", decoded)) is not None
