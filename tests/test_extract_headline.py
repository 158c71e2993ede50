"""A headline (the article's first line, without closing punctuation) sums up the body: its speech
act is no claim; the body under it keeps its claims. Invented German news text."""

from __future__ import annotations

from datetime import date

from kg.extract import Extractor
from kg.model import Extraction, SourceArticle

BODY = ("Verkehrsministerin Petra Lindner hat am Dienstag in Hannover schärfere Regeln für E-Scooter "
        "gefordert. Lindner sagte, die Städte bräuchten klare Vorgaben für das Abstellen der Roller.")


def read(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(SourceArticle(id="headline", text=text, origin="test", published=date(2024, 5, 8)))


def claim_texts(x: Extraction) -> list[str]:
    return [c.span.text for c in x.claims]


def test_headline_speech_act_with_blank_lines_after_is_no_claim(extractor: Extractor) -> None:
    # Regression: the headline's sentence carried the blank lines after it and was not recognised.
    text = "Lindner fordert strengere Regeln für E-Scooter in den Innenstädten\n\n\n" + BODY
    texts = claim_texts(read(extractor, text))
    assert not any(t.startswith("Lindner fordert strengere") for t in texts), texts
    assert "die Städte bräuchten klare Vorgaben für das Abstellen der Roller" in texts


def test_headline_single_line_break_is_no_claim(extractor: Extractor) -> None:
    text = "Lindner fordert strengere Regeln für E-Scooter\n" + BODY
    texts = claim_texts(read(extractor, text))
    assert not any(t.startswith("Lindner fordert strengere") for t in texts), texts


def test_headline_first_sentence_with_full_stop_keeps_its_claim(extractor: Extractor) -> None:
    # A first line that ends like a sentence is the body's lead, not a headline.
    text = "Lindner fordert strengere Regeln für E-Scooter in den Innenstädten.\n\n" + BODY
    texts = claim_texts(read(extractor, text))
    assert any(t.startswith("Lindner fordert strengere") for t in texts), texts


def test_speech_konjunktiv_ii_clause_after_sagte_is_claimed(extractor: Extractor) -> None:
    # Regression: "bräuchten" was not read as reported-speech mood, so the clause after "sagte," was lost.
    texts = claim_texts(read(extractor, BODY))
    assert "die Städte bräuchten klare Vorgaben für das Abstellen der Roller" in texts
