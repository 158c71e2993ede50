"""Article text with marked spans, escaped: the one way pages show text read from articles.

Spans may overlap or nest (a speaker mention inside a sentence inside a claim): the text is cut at
every span boundary and each piece is wrapped in one ``<mark>`` carrying the classes of all spans
that cover it. Every piece is escaped, so nothing an article says can become markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    begin: int
    end: int
    css: str  # class names, e.g. "claim" or "speaker"
    title: str = ""  # tooltip (e.g. who the mention refers to)
    href: str | None = None  # link target for the piece (only the first span with one is used)


def highlight(text: str, marks: Sequence[Mark], begin: int = 0, end: int | None = None) -> Markup:
    """``text[begin:end]`` with ``marks`` (offsets into the whole ``text``) as ``<mark>`` elements."""
    end = len(text) if end is None else min(end, len(text))
    begin = max(0, min(begin, end))
    inside = [m for m in marks if m.begin < end and m.end > begin and m.begin < m.end]
    cuts = sorted({begin, end, *(max(begin, m.begin) for m in inside), *(min(end, m.end) for m in inside)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        covering = [m for m in inside if m.begin <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        css = " ".join(dict.fromkeys(c for m in covering for c in m.css.split()))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        href = next((m.href for m in covering if m.href), None)
        attrs = f' class="{escape(css)}"' + (f' title="{escape(title)}"' if title else "")
        body = f'<a href="{escape(href)}">{piece}</a>' if href else str(piece)
        out.append(f"<mark{attrs}>{body}</mark>")
    return Markup("".join(out))


def window(text: str, begin: int, end: int, context: int = 160) -> tuple[int, int]:
    """A snippet around ``[begin, end)`` that starts and ends at word boundaries."""
    a = max(0, begin - context)
    b = min(len(text), end + context)
    if a > 0:
        space = text.find(" ", a, begin)
        a = space + 1 if space != -1 else a
    if b < len(text):
        space = text.rfind(" ", end, b + 1)
        b = space if space != -1 else b
    return a, b


@dataclass
class Passage:
    """A stretch of article text with marked spans; mark offsets are relative to ``text``."""

    offset: int  # where ``text`` starts in the article
    text: str
    marks: list[Mark]
    cut_before: bool  # the article (or sentence) goes on before / after the passage
    cut_after: bool

    def html(self) -> Markup:
        return highlight(self.text, self.marks)
