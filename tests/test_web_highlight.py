"""Marked, escaped article text (kg.web.highlight)."""

from __future__ import annotations

from kg.web.highlight import Mark, highlight, window

TEXT = 'Kai <b>Klein</b> sagte: „Wir & ihr“.'


def test_highlight_escapes_text_and_marks() -> None:
    html = str(highlight(TEXT, [Mark(0, 16, "speaker", title='<x "y">')]))
    assert html.startswith('<mark class="speaker" title="&lt;x &#34;y&#34;&gt;">Kai &lt;b&gt;Klein&lt;/b&gt;</mark>')
    assert "&amp; ihr" in html and "<b>" not in html


def test_highlight_nested_spans_carry_both_classes() -> None:
    text = "Er sagte, die Lage sei ernst."
    html = str(highlight(text, [Mark(0, 29, "sentence"), Mark(10, 28, "claim")]))
    assert '<mark class="sentence">Er sagte, </mark><mark class="sentence claim">die Lage sei ernst</mark>' in html


def test_highlight_window_cuts_at_words_and_keeps_marks_inside() -> None:
    text = "eins zwei drei vier fünf sechs sieben"
    a, b = window(text, 15, 19, context=11)
    assert text[a:b] == "zwei drei vier fünf sechs"
    html = str(highlight(text, [Mark(15, 19, "claim", href="/claim/x")], a, b))
    assert html == 'zwei drei <mark class="claim"><a href="/claim/x">vier</a></mark> fünf sechs'


def test_highlight_ignores_spans_outside_and_empty() -> None:
    assert str(highlight("abc", [Mark(5, 9, "x"), Mark(1, 1, "y")])) == "abc"
