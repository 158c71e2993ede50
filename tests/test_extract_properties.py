"""Property tests: any mix of German news sentences extracts without error, with offsets that hold.

The sentences are invented; hypothesis shuffles and repeats them, so frames,
continuations and fallbacks meet in orders no hand-written test covers (a
subjunctive sentence after a stance verb once crashed the extractor).
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.model import SourceArticle

SENTENCES = [
    "Außenministerin Anna Weber reiste am Montag nach Kiew.",
    "„Wir stehen an der Seite der Ukraine“, sagte Weber.",
    "Die Lage sei ernst.",
    "Er soll die Gespräche abgebrochen haben.",
    "Ein Sprecher der Polizei sagte, dass niemand verletzt worden sei.",
    "Verbandschef Tobias Krämer wies den Vorwurf zurück.",
    "Dies bestätigte ein Sprecher des Ministeriums.",
    "Laut Okonkwo ist die Anlage abgeschaltet.",
    "Nach ersten Angaben gab es keine Verletzten.",
    "Die Opposition forderte eine Senkung der Steuern.",
    "Wenn der Stadtrat zustimmt, könnte der Bau im Mai beginnen.",
    "Sie sprach von einer „historischen Chance“.",
    "Der Film „Das Boot“ lief im Kino.",
    "„Die Zeit drängt“, hieß es aus dem Kreml.",
    "Kanzlerin Sabine Hartmann telefonierte am Dienstag mit Präsident Luc Moreau.",
    "Demnach seien alle Passagiere gerettet worden.",
    "Die Richter erklärten, die Klage sei unzulässig, während der Anwalt verlangte, dass neu verhandelt werde.",
    "„Wir sind uns einig“, zitierte ihr Berater Tobias Krämer die Kanzlerin.",
    "Foto: Max Mustermann/dpa",
    "Ihm zufolge verliefen die Gespräche gut.",
    "",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.sampled_from([" ", "\n", "\n\n"]))
def test_extract_any_sentence_mix_keeps_offsets(extractor: Extractor, parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    x = extractor.extract(SourceArticle(id="mix", text=text, origin="test", published=date(2024, 3, 14)))
    for claim in x.claims:
        assert text[claim.span.begin:claim.span.end] == claim.span.text
        assert claim.span.text.strip()
        for part in (claim.speaker_mention, claim.cue_span, claim.sentence):
            if part is not None:
                assert text[part.begin:part.end] == part.text
        assert claim.speaker is None or claim.speaker in x.entities
        assert claim.relayed_by is None or claim.relayed_by in x.entities
    for event in x.events:
        assert all(p in x.entities for p in event.participants)
