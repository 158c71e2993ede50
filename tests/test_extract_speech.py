"""Claims (who said what) found by ``kg.extract.speech`` through the Extractor.

Publication date is Thursday 2024-03-14 unless a test says otherwise, so
"am Montag" in a past-tense report is 2024-03-11. Invented German news text.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from kg.extract import Extractor
from kg.extract.coref import Context
from kg.extract.speech import speech_lemma
from kg.model import Claim, Extraction, SourceArticle

WEBER = "Außenminister Jonas Weber reiste am Mittwoch nach Kiew. "
PUBLISHED = date(2024, 3, 14)


def read(extractor: Extractor, text: str, published: date | None = PUBLISHED) -> Extraction:
    return extractor.extract(SourceArticle(id="speech", text=text, origin="test", published=published))


def only_claim(x: Extraction) -> Claim:
    assert len(x.claims) == 1, [c.span.text for c in x.claims]
    claim = x.claims[0]
    text = x.article.text
    assert text[claim.span.begin:claim.span.end] == claim.span.text
    if claim.speaker_mention is not None:
        m = claim.speaker_mention
        assert text[m.begin:m.end] == m.text
    if claim.sentence is not None:
        assert text[claim.sentence.begin:claim.sentence.end] == claim.sentence.text
    return claim


def assert_claim(claim: Claim, text: str, words: str, *, speaker: str | None, direct: bool, cue: str | None) -> None:
    assert claim.span.text == words
    assert claim.span.begin == text.index(words)
    assert (claim.speaker, claim.direct, claim.cue) == (speaker, direct, cue)


# -- direct quotes ---------------------------------------------------------------

def test_speech_quote_then_sagte_name(extractor: Extractor) -> None:
    text = WEBER + "„Wir werden die Ukraine weiter unterstützen“, sagte Weber."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Wir werden die Ukraine weiter unterstützen", speaker="Jonas Weber", direct=True,
                 cue="sagen")
    assert claim.speaker_mention is not None
    assert (claim.speaker_mention.text, claim.speaker_mention.begin) == ("Weber", text.rindex("Weber"))
    assert claim.sentence is not None and claim.sentence.text.startswith("„Wir werden")


def test_speech_quote_then_so_name(extractor: Extractor) -> None:
    text = WEBER + "„Wir werden die Ukraine weiter unterstützen“, so Weber."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Wir werden die Ukraine weiter unterstützen", speaker="Jonas Weber", direct=True,
                 cue="so")


def test_speech_name_sagte_colon_quote(extractor: Extractor) -> None:
    text = "Außenministerin Claire Fontaine sagte: „Wir verhandeln weiter.“"
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Wir verhandeln weiter", speaker="Claire Fontaine", direct=True, cue="sagen")
    assert claim.speaker_mention is not None and claim.speaker_mention.text == "Claire Fontaine"


def test_speech_name_colon_quote(extractor: Extractor) -> None:
    text = WEBER + "Weber: „Wir werden die Ukraine weiter unterstützen.“"
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Wir werden die Ukraine weiter unterstützen", speaker="Jonas Weber", direct=True,
                 cue="sagen")
    assert claim.speaker_mention is not None and claim.speaker_mention.begin == text.rindex("Weber")


def test_speech_guillemets_and_straight_quotes(extractor: Extractor) -> None:
    text = WEBER + "»Die Lage ist ernst«, sagte Weber. \"Wir helfen, wo wir können\", sagte Weber."
    x = read(extractor, text)
    assert [(c.span.text, c.speaker, c.direct) for c in x.claims] == [
        ("Die Lage ist ernst", "Jonas Weber", True), ("Wir helfen, wo wir können", "Jonas Weber", True)]


def test_speech_interrupted_quote_is_one_claim(extractor: Extractor) -> None:
    text = ("Bundeskanzlerin Sabine Hartmann empfing Präsident Luc Moreau in Berlin. "
            "„Wir stehen an Ihrer Seite“, sagte sie, „und zwar so lange wie nötig.“")
    claim = only_claim(read(extractor, text))
    start = text.index("Wir stehen")
    assert claim.span.begin == start
    assert claim.span.text == "Wir stehen an Ihrer Seite“, sagte sie, „und zwar so lange wie nötig"
    # "sie" is Hartmann, not the more recently named Moreau.
    assert (claim.speaker, claim.direct, claim.cue) == ("Sabine Hartmann", True, "sagen")
    assert claim.speaker_mention is not None
    assert (claim.speaker_mention.text, claim.speaker_mention.kind) == ("sie", "pronoun")


def test_speech_fuegte_hinzu(extractor: Extractor) -> None:
    text = WEBER + "„Die Lage ist ernst“, fügte Weber hinzu."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Die Lage ist ernst", speaker="Jonas Weber", direct=True, cue="hinzufügen")


def test_speech_hiess_es_names_the_institution(extractor: Extractor) -> None:
    text = WEBER + "„Die Gespräche waren konstruktiv“, hieß es aus dem Auswärtigen Amt."
    x = read(extractor, text)
    claim = only_claim(x)
    assert_claim(claim, text, "Die Gespräche waren konstruktiv", speaker="Auswärtiges Amt", direct=True,
                 cue="heißen")
    assert x.entities["Auswärtiges Amt"].type == "org"


def test_speech_hiess_es_from_ministry_is_no_person(extractor: Extractor) -> None:
    text = WEBER + "„Die Gespräche waren konstruktiv“, hieß es aus dem Ministerium."
    x = read(extractor, text)
    claim = only_claim(x)
    assert claim.cue == "heißen"
    assert claim.speaker in (None, "Ministerium")
    assert claim.speaker is None or x.entities[claim.speaker].type == "org"


def test_speech_hiess_es_without_source_is_unattributed(extractor: Extractor) -> None:
    text = WEBER + "„Die Gespräche waren konstruktiv“, hieß es am Abend."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Die Gespräche waren konstruktiv", speaker=None, direct=True, cue="heißen")
    assert claim.speaker_mention is None


def test_speech_hiess_es_in_circles_is_no_person(extractor: Extractor) -> None:
    text = WEBER + "„Die Gespräche waren konstruktiv“, hieß es in Regierungskreisen."
    x = read(extractor, text)
    claim = only_claim(x)
    assert claim.speaker is not None and x.entities[claim.speaker].type == "agent"
    assert claim.speaker_mention is not None and claim.speaker_mention.text == "Regierungskreisen"


def test_speech_hiess_es_in_a_statement_without_author_is_unattributed(extractor: Extractor) -> None:
    text = WEBER + "„Die Gespräche waren konstruktiv“, hieß es in einer Erklärung."
    assert only_claim(read(extractor, text)).speaker is None


def test_speech_quote_with_role_and_name_after(extractor: Extractor) -> None:
    text = "„Die Lage ist ernst“, sagte der Kreml-Sprecher Dmitri Orlow."
    x = read(extractor, text)
    claim = only_claim(x)
    assert_claim(claim, text, "Die Lage ist ernst", speaker="Dmitri Orlow", direct=True, cue="sagen")
    assert x.entities["Dmitri Orlow"].roles == {"Kreml-Sprecher"}


def test_speech_cue_span_is_recorded(extractor: Extractor) -> None:
    text = WEBER + "„Die Lage ist ernst“, sagte Weber."
    claim = only_claim(read(extractor, text))
    assert claim.cue_span is not None
    assert claim.cue_span.text == "sagte"
    assert claim.cue_span.begin == text.index("sagte")


# -- reported speech -------------------------------------------------------------

def test_speech_sagte_dass(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber sagte am Montag, dass die Hilfe fortgesetzt werde."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "dass die Hilfe fortgesetzt werde", speaker="Jonas Weber", direct=False, cue="sagen")


def test_speech_verb_second_konjunktiv_clause(extractor: Extractor) -> None:
    text = "Am Montag sagte Außenminister Jonas Weber, die Regierung habe keine Pläne für neue Sanktionen."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "die Regierung habe keine Pläne für neue Sanktionen", speaker="Jonas Weber",
                 direct=False, cue="sagen")


def test_speech_indicative_clause_after_comma_is_no_claim(extractor: Extractor) -> None:
    # Without Konjunktiv, "dass" or a colon, what follows the comma is the reporter's own sentence.
    text = "Außenminister Jonas Weber sagte am Montag nichts, die Regierung hat keine Pläne."
    assert read(extractor, text).claims == []


def test_speech_final_frame_name_sagte(extractor: Extractor) -> None:
    text = WEBER + "Die Sanktionen zeigten bereits Wirkung in der Industrie, sagte Weber."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Die Sanktionen zeigten bereits Wirkung in der Industrie", speaker="Jonas Weber",
                 direct=False, cue="sagen")


def test_speech_final_frame_gab_zu_bedenken(extractor: Extractor) -> None:
    text = ("Berater Juri Uschakow war anwesend. "
            "Die Sanktionen zeigten bereits Wirkung in der Industrie, gab Uschakow zu bedenken.")
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "Die Sanktionen zeigten bereits Wirkung in der Industrie", speaker="Juri Uschakow",
                 direct=False, cue="zu bedenken geben")


def test_speech_zufolge(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber zufolge sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Jonas Weber", direct=False,
                 cue="zufolge")


def test_speech_pronoun_zufolge(extractor: Extractor) -> None:
    text = "Sabine Hartmann ist seit März Kanzlerin. Ihr zufolge ist die Lage ernst."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "ist die Lage ernst", speaker="Sabine Hartmann", direct=False, cue="zufolge")
    assert claim.speaker_mention is not None and claim.speaker_mention.kind == "pronoun"


def test_speech_laut(extractor: Extractor) -> None:
    text = "Laut Außenminister Jonas Weber sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Jonas Weber", direct=False,
                 cue="laut")


def test_speech_nach_angaben_von(extractor: Extractor) -> None:
    text = "Nach Angaben von Jonas Weber sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Jonas Weber", direct=False,
                 cue="Angaben")


def test_speech_wie_x_sagte(extractor: Extractor) -> None:
    text = "Wie Jonas Weber sagte, sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Jonas Weber", direct=False,
                 cue="sagen")


def test_speech_wie_x_mitteilte(extractor: Extractor) -> None:
    text = "Wie Jonas Weber mitteilte, sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Jonas Weber", direct=False,
                 cue="mitteilen")


def test_speech_wie_institution_mitteilte(extractor: Extractor) -> None:
    text = "Wie das Verteidigungsministerium mitteilte, sind die Verhandlungen weit fortgeschritten."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "sind die Verhandlungen weit fortgeschritten", speaker="Verteidigungsministerium",
                 direct=False, cue="mitteilen")


def test_speech_konjunktiv_continuation(extractor: Extractor) -> None:
    text = ("Außenminister Jonas Weber sagte, die Verhandlungen seien weit fortgeschritten. "
            "Eine Einigung sei noch in diesem Monat möglich.")
    x = read(extractor, text)
    assert [(c.span.text, c.speaker, c.direct, c.cue) for c in x.claims] == [
        ("die Verhandlungen seien weit fortgeschritten", "Jonas Weber", False, "sagen"),
        ("Eine Einigung sei noch in diesem Monat möglich", "Jonas Weber", False, None),
    ]
    second = x.claims[1]
    assert second.span.begin == text.index("Eine Einigung")


def test_speech_konjunktiv_after_direct_quote(extractor: Extractor) -> None:
    text = "„Wir kommen gut voran“, sagte Außenminister Jonas Weber. Die Verhandlungen seien auf einem guten Weg."
    x = read(extractor, text)
    assert [(c.speaker, c.direct) for c in x.claims] == [("Jonas Weber", True), ("Jonas Weber", False)]
    assert x.claims[1].span.text == "Die Verhandlungen seien auf einem guten Weg"


def test_speech_indicative_sentence_does_not_continue(extractor: Extractor) -> None:
    text = ("Außenminister Jonas Weber sagte, die Verhandlungen seien weit fortgeschritten. "
            "Am Abend flog er zurück nach Berlin.")
    assert len(read(extractor, text).claims) == 1


def test_speech_soll_erklaert_haben(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber soll erklärt haben, dass die Hilfe fortgesetzt werde."
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "dass die Hilfe fortgesetzt werde", speaker="Jonas Weber", direct=False,
                 cue="erklären")


def test_speech_soll_erklaert_haben_date_is_past(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber soll am Montag erklärt haben, dass die Hilfe fortgesetzt werde."
    claim = only_claim(read(extractor, text))
    assert (claim.said_on, claim.said_on_stated) == ("2024-03-11", True)


def test_speech_role_description_resolves_to_earlier_person(extractor: Extractor) -> None:
    text = ("Kreml-Sprecher Dmitri Orlow äußerte sich am Dienstag in Moskau. Außenminister Jonas Weber reiste "
            "nach Kiew. Der Kreml-Sprecher sagte, die Gespräche seien gescheitert.")
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "die Gespräche seien gescheitert", speaker="Dmitri Orlow", direct=False, cue="sagen")
    assert claim.speaker_mention is not None
    assert (claim.speaker_mention.text, claim.speaker_mention.kind) == ("Der Kreml-Sprecher", "role")
    assert claim.speaker_mention.begin == text.index("Der Kreml-Sprecher")


def test_speech_unresolved_role_is_unnamed_agent(extractor: Extractor) -> None:
    text = "Der Minister sagte, die Lage sei ernst."
    x = read(extractor, text)
    claim = only_claim(x)
    assert_claim(claim, text, "die Lage sei ernst", speaker="agent:Minister", direct=False, cue="sagen")
    assert x.persons == []
    agent = x.entities["agent:Minister"]
    assert (agent.type, agent.label) == ("agent", "Minister")
    assert claim.speaker_mention is not None and claim.speaker_mention.text == "Der Minister"


def test_speech_relayed_by_institution(extractor: Extractor) -> None:
    text = ("Außenminister Jonas Weber sagte, dass die Verhandlungen weit fortgeschritten seien, "
            "teilte das Auswärtige Amt mit.")
    claim = only_claim(read(extractor, text))
    assert_claim(claim, text, "dass die Verhandlungen weit fortgeschritten seien", speaker="Jonas Weber",
                 direct=False, cue="sagen")
    assert claim.relayed_by == "Auswärtiges Amt"


def test_speech_relayed_by_person(extractor: Extractor) -> None:
    text = ("Außenminister Jonas Weber sagte, dass die Verhandlungen weit fortgeschritten seien, "
            "berichtete Bundeskanzlerin Sabine Hartmann.")
    claim = only_claim(read(extractor, text))
    assert (claim.speaker, claim.relayed_by) == ("Jonas Weber", "Sabine Hartmann")


# -- claim dates -------------------------------------------------------------------

def test_speech_claim_date_stated_in_sentence(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber sagte am Montag, dass die Hilfe fortgesetzt werde."
    claim = only_claim(read(extractor, text))
    assert (claim.said_on, claim.said_on_stated) == ("2024-03-11", True)


def test_speech_claim_date_absolute(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber betonte am 11. März 2024, die Hilfe für die Ukraine werde fortgesetzt."
    claim = only_claim(read(extractor, text))
    assert claim.cue == "betonen"
    assert (claim.said_on, claim.said_on_stated) == ("2024-03-11", True)


def test_speech_claim_date_defaults_to_publication(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber sagte, die Gespräche seien gut verlaufen."
    claim = only_claim(read(extractor, text))
    assert (claim.said_on, claim.said_on_stated) == ("2024-03-14", False)


def test_speech_claim_date_inside_quote_is_not_the_utterance_date(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber sagte am Montag: „Am 20. März reisen wir nach Kiew.“"
    claim = only_claim(read(extractor, text))
    assert claim.span.text == "Am 20. März reisen wir nach Kiew"
    assert (claim.said_on, claim.said_on_stated) == ("2024-03-11", True)


def test_speech_claim_date_unknown_without_publication(extractor: Extractor) -> None:
    text = "Außenminister Jonas Weber sagte, die Gespräche seien gut verlaufen."
    claim = only_claim(read(extractor, text, published=None))
    assert (claim.said_on, claim.said_on_stated) == (None, False)


# -- components on Docs ------------------------------------------------------------

def test_speech_lemma_separable_needs_particle(nlp: Language) -> None:
    with_particle = nlp("Das Ministerium teilte am Montag mit, die Lage sei ernst.")
    without = nlp("Das Ministerium teilte die Sorge der Opposition.")
    assert speech_lemma(with_particle[2]) == "mitteilen"
    assert speech_lemma(without[2]) is None


def test_speech_lemma_of_plain_verbs(nlp: Language) -> None:
    doc = nlp("Weber sagte, betonte und erklärte es.")
    assert [speech_lemma(t) for t in doc[1:6]] == ["sagen", None, "betonen", None, "erklären"]


def test_speech_context_pronoun_prefers_gender(nlp: Language) -> None:
    doc = nlp("Bundeskanzlerin Sabine Hartmann empfing Präsident Luc Moreau. Sie sprach, er schwieg.")
    ctx = Context(doc)
    sie = next(t for t in doc if t.text == "Sie")
    er = next(t for t in doc if t.text == "er")
    she, he = ctx.pronoun(sie), ctx.pronoun(er)
    assert she is not None and he is not None
    assert (she.key, he.key) == ("Sabine Hartmann", "Luc Moreau")


def test_speech_verb_inside_the_complement_stays_in_the_claim(extractor: Extractor) -> None:
    # Regression: "davon ausgehen" inside the reported clause took the claim, with "er" as speaker.
    text = ("Bei dem Unglück wurden zwölf Menschen verletzt. Der Einsatzleiter Martin Krebs erklärte, "
            "er gehe nicht davon aus, dass weitere Opfer gefunden würden.")
    assert_claim(only_claim(read(extractor, text)), text,
                 "er gehe nicht davon aus, dass weitere Opfer gefunden würden",
                 speaker="Martin Krebs", direct=False, cue="erklären")


def test_speech_two_frames_with_a_comma_between_stay_two(extractor: Extractor) -> None:
    text = ("Die Ministerin Karin Weber und der Abgeordnete Paul Hartmann stritten am Montag. "
            "Weber warnte, dass die Kosten steigen, während Hartmann verlangte, dass die Steuern sinken.")
    claims = read(extractor, text).claims
    assert [(c.span.text, c.speaker) for c in claims] == [
        ("dass die Kosten steigen", "Karin Weber"), ("dass die Steuern sinken", "Paul Hartmann")]


def test_speech_quote_after_colon_is_the_nearest_verbs(extractor: Extractor) -> None:
    # Regression: the first speech verb of the sentence ("kritisierte") took the quote.
    text = ("Auch die Gewerkschaft kritisierte den Plan scharf: So sagte Jana Richter, Vorsitzende "
            "des Landesverbands: „Man kann den Beschäftigten nicht alles zumuten.“")
    assert_claim(only_claim(read(extractor, text)), text, "Man kann den Beschäftigten nicht alles zumuten",
                 speaker="Jana Richter", direct=True, cue="sagen")


def test_speech_colon_quote_after_a_clause_without_speech_verb(extractor: Extractor) -> None:
    # Regression: "30:25." did not end the sentence, and the quote went to "Der Verein".
    text = ("Der Verein gewann 30:25. Im Fernsehen zeigte sich der Bundestrainer zufrieden: "
            "„Wir haben uns in allen Teilen gesteigert.“")
    claim = only_claim(read(extractor, text))
    assert claim.speaker == "agent:Bundestrainer"
    assert claim.speaker_mention is not None and claim.speaker_mention.text == "der Bundestrainer"


@pytest.mark.parametrize(("opening", "speaker"), [
    ("Amnesty International hat darauf hingewiesen", "agent:Amnesty International"),
    ("Die Westbury Civic Alliance teilte mit", "agent:Westbury Civic Alliance"),
])
def test_speech_unknown_name_before_the_verb_is_the_speaker(extractor: Extractor, opening: str,
                                                            speaker: str) -> None:
    text = f"Haft in Kuba\n\nDie Häftlinge sitzen seit Jahren. {opening}, dass die Haft zu hart sei."
    claim = only_claim(read(extractor, text))
    assert (claim.span.text, claim.speaker) == ("dass die Haft zu hart sei", speaker)


@pytest.mark.parametrize("opening", ["Als Grund nannte der Sprecher", "Letzte Woche erklärte der Sprecher"])
def test_speech_german_words_before_the_verb_are_no_name(extractor: Extractor, opening: str) -> None:
    text = f"Haft in Kuba\n\nDie Häftlinge sitzen seit Jahren. {opening}, dass die Haft zu hart sei."
    assert only_claim(read(extractor, text)).speaker == "agent:Sprecher"
