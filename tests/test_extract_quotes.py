"""Quotation marks found by ``kg.extract.quotes.find_quotes``."""

from __future__ import annotations

import pytest

from kg.extract.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.begin:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Weber sagte: „Wir bleiben standhaft.“ Dann ging er.", "„Wir bleiben standhaft.“"),
    ("Hartmann sagte: »Das reicht nicht.« Danach schwieg sie.", "»Das reicht nicht.«"),
    ("Weber sagte: \"Das reicht nicht.\" Danach schwieg er.", "\"Das reicht nicht.\""),
    ("Moreau antwortete: “Wir sind bereit.” Mehr sagte er nicht.", "“Wir sind bereit.”"),
    ("Die Ministerin sagte «Das geht so nicht» am Rande des Treffens.", "«Das geht so nicht»"),
])
def test_quotes_each_mark_style(text: str, expected: str) -> None:
    assert quoted(text) == [expected]


def test_quotes_inner_offsets_leave_out_marks() -> None:
    text = "Weber sagte: „Wir bleiben standhaft.“"
    (q,) = find_quotes(text)
    begin, end = q.inner
    assert text[begin:end] == "Wir bleiben standhaft."
    assert (q.begin, q.end) == (13, len(text))


def test_quotes_single_marks_keep_apostrophe_inside() -> None:
    text = "Er meinte, ‚so geht’s nicht weiter‘ sei das Motto der Opposition."
    assert quoted(text) == ["‚so geht’s nicht weiter‘"]


def test_quotes_several_in_one_text() -> None:
    text = "„Wir helfen“, sagte Weber. »Wir auch«, sagte Hartmann."
    assert quoted(text) == ["„Wir helfen“", "»Wir auch«"]


def test_quotes_unclosed_quote_ends_at_paragraph() -> None:
    text = "Weber rief: „Wir kommen wieder\n\nHartmann sagte: „Das glaube ich gern.“"
    # The unclosed quote is dropped; it does not swallow the next paragraph's quote.
    assert quoted(text) == ["„Das glaube ich gern.“"]


def test_quotes_unclosed_quote_before_new_quote_line() -> None:
    text = "Weber rief: „Wir kommen wieder\n„Das glaube ich gern“, sagte Hartmann."
    assert quoted(text) == ["„Das glaube ich gern“"]


def test_quotes_quote_may_span_single_line_break() -> None:
    text = "Weber sagte: „Wir kommen wieder\nund bleiben lange.“"
    assert quoted(text) == ["„Wir kommen wieder\nund bleiben lange.“"]


def test_quotes_straight_quote_inside_word_does_not_open() -> None:
    text = "Die Zahl 5\" bezeichnet Zoll, sagte der Händler."
    assert quoted(text) == []


def test_quotes_empty_marks_are_no_quote() -> None:
    assert quoted("Er sagte „“ und ging.") == []
