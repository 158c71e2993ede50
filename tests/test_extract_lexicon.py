"""The word lists in ``kg.extract.lexicon``: speech-verb forms, subjunctive mood, source nouns.

Example sentences are invented German news text.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import lexicon as lx
from kg.extract import speechverbs as sv
from kg.extract.speech import speech_lemma

# -- speech-verb forms ---------------------------------------------------------------


@pytest.mark.parametrize(("form", "lemma"), [
    ("klarstellte", "klarstellen"), ("klargestellt", "klarstellen"), ("ausgeht", "ausgehen"),
    ("ausgegangen", "ausgehen"), ("empfahl", "empfehlen"), ("empfiehlt", "empfehlen"),
    ("widersprach", "widersprechen"), ("prognostizierte", "prognostizieren"), ("bemängelte", "bemängeln"),
    ("monierte", "monieren"), ("beteuerte", "beteuern"), ("prophezeite", "prophezeien"),
    ("bezweifelt", "bezweifeln"), ("angezweifelt", "anzweifeln"), ("gestand", "gestehen"),
    ("leugnete", "leugnen"), ("verneinte", "verneinen"), ("signalisierte", "signalisieren"),
    ("verdeutlichte", "verdeutlichen"), ("resümierte", "resümieren"), ("bilanzierte", "bilanzieren"),
    ("folgerte", "folgern"), ("urteilte", "urteilen"), ("entschied", "entscheiden"), ("befand", "befinden"),
    ("beschloss", "beschließen"), ("angeordnet", "anordnen"), ("wusste", "wissen"), ("wisse", "wissen"),
    ("dachte", "denken"), ("fand", "finden"), ("sah", "sehen"), ("riet", "raten"), ("rät", "raten"),
    ("beschrieb", "beschreiben"), ("schilderte", "schildern"), ("erläuterte", "erläutern"),
    ("begründete", "begründen"), ("meldete", "melden"), ("wiederholte", "wiederholen"),
    ("vorhergesagt", "vorhersagen"), ("aussagte", "aussagen"), ("aufgefordert", "auffordern"),
    ("zugestimmt", "zustimmen"), ("eingeräumt", "einräumen"), ("angedeutet", "andeuten"),
    ("abgelehnt", "ablehnen"), ("vorgeschlagen", "vorschlagen"), ("verlautbarte", "verlautbaren"),
    ("kommentierte", "kommentieren"), ("spekulierte", "spekulieren"), ("bat", "bitten"),
    ("verriet", "verraten"), ("geheißen", "heißen"),
    # the epenthetic -e- after consonant + n: these were "entgegnte", "bezeichnte" before
    ("entgegnete", "entgegnen"), ("bezeichnete", "bezeichnen"), ("rechnet", "rechnen"),
    ("unterstrich", "unterstreichen"),
])
def test_lexicon_form_maps_to_lemma(form: str, lemma: str) -> None:
    assert lemma in lx.SPEECH_LEMMAS.get(form, [lx.SPEECH_FORMS.get(form)])


@pytest.mark.parametrize(("form", "particle", "lemma"), [
    ("stellte", "klar", "klarstellen"), ("geht", "aus", "ausgehen"), ("gehen", "aus", "ausgehen"),
    ("nahm", "an", "annehmen"), ("schlug", "vor", "vorschlagen"), ("wandte", "ein", "einwenden"),
    ("lehnte", "ab", "ablehnen"), ("deutete", "an", "andeuten"), ("ordnete", "an", "anordnen"),
    ("stimmte", "zu", "zustimmen"), ("tat", "kund", "kundtun"), ("gab", "an", "angeben"),
    ("prangerte", "an", "anprangern"), ("zweifelte", "an", "anzweifeln"), ("strich", "heraus", "herausstreichen"),
])
def test_lexicon_split_form_needs_its_particle(form: str, particle: str, lemma: str) -> None:
    assert lemma in lx.SPEECH_LEMMAS[form]
    assert lx.SEPARABLE[lemma] == particle


@pytest.mark.parametrize(("form", "lemma"), [
    ("warnen", "warnen"), ("gehen", "ausgehen"), ("mitteilen", "mitteilen"), ("berichten", "berichten"),
])
def test_lexicon_plural_present_is_a_form(form: str, lemma: str) -> None:
    # "Experten warnen, …", "Die Ermittler gehen davon aus, …", "wie die Behörden mitteilen"
    assert lemma in lx.SPEECH_LEMMAS.get(form, [lx.SPEECH_FORMS.get(form)])
    assert form in lx.INFINITIVE_FORMS


@pytest.mark.parametrize(("form", "base_only"), [
    ("sagte", ["sagen"]), ("forderte", ["fordern"]), ("klagte", ["klagen"]),
])
def test_lexicon_split_form_of_a_speech_base_keeps_the_base(form: str, base_only: list[str]) -> None:
    # "sagte …, er sei bereit, zu verhandeln" is "sagen", not "zusagen"
    assert lx.SPEECH_LEMMAS[form] == base_only


@pytest.mark.parametrize(("form", "lemma"), [
    ("zugesagt", "zusagen"), ("aufforderte", "auffordern"), ("angeklagt", "anklagen"), ("klarmachte", "klarmachen"),
    ("zugesichert", "zusichern"),
])
def test_lexicon_joined_only_verbs_keep_their_joined_forms(form: str, lemma: str) -> None:
    assert lx.SPEECH_FORMS[form] == lemma


@pytest.mark.parametrize("word", [
    "weiß", "geraten", "stimmt", "stimmen", "wiederholt", "macht", "gemacht", "gestellt", "würdige", "bitte",
    "meinen", "heißen", "finden", "befinden", "geerklärt", "gekritisiert",
])
def test_lexicon_ambiguous_words_are_no_speech_forms(word: str) -> None:
    assert word not in lx.SPEECH_LEMMAS
    assert word not in lx.SPEECH_FORMS


def test_lexicon_every_verb_has_forms() -> None:
    lemmas = set(lx.SPEECH_FORMS.values()).union(*lx.SPEECH_LEMMAS.values())
    missing = [v for v in lx.SPEECH_VERBS if v != "zufolge" and v not in lemmas]
    assert missing == []


def test_lexicon_forms_are_lowercase_single_words() -> None:
    bad = [f for f in lx.SPEECH_FORMS if f != f.lower() or " " in f]
    assert bad == []
    assert set(lx.SPEECH_LEMMAS) <= set(lx.SPEECH_FORMS)


def test_lexicon_word_rules_name_known_verbs() -> None:
    named = set(lx.NEEDS_COMPLEMENT) | set(lx.REQUIRES) | set(lx.EXCLUDES)
    assert named - set(lx.SPEECH_VERBS) == set()


@pytest.mark.parametrize("lemma", ["ausgehen", "erwarten", "schätzen", "finden", "befinden", "entscheiden",
                                   "wissen", "denken", "annehmen", "glauben", "festhalten"])
def test_lexicon_needs_complement_marks_ambiguous_verbs(lemma: str) -> None:
    assert lemma in lx.NEEDS_COMPLEMENT


@pytest.mark.parametrize("lemma", ["sagen", "kritisieren", "betonen", "fordern", "warnen", "ablehnen", "loben"])
def test_lexicon_needs_complement_leaves_plain_speech_acts(lemma: str) -> None:
    assert lemma not in lx.NEEDS_COMPLEMENT


@pytest.mark.parametrize(("lemma", "sentence", "ok"), [
    ("ausgehen", "Die Polizei geht davon aus , dass", True),
    ("ausgehen", "Der Minister geht aus dem Saal", False),
    ("sehen", "Weber sieht darin einen Versuch der Spaltung", True),
    ("sehen", "Weber sah den Unfall", False),
    ("befinden", "Das Gericht befand , die Klage sei unbegründet", True),
    ("befinden", "Der Verletzte befindet sich im Krankenhaus", False),
    ("finden", "Die Ministerin findet , das sei richtig", True),
    ("finden", "Das Treffen fand in Berlin statt", False),
    ("werten", "Die Regierung wertete den Besuch als Erfolg", True),
    ("werten", "Das Tor wurde nicht gewertet", False),
    ("verurteilen", "Die Ministerin verurteilte den Angriff scharf", True),
    ("verurteilen", "Das Gericht verurteilte den Mann zu drei Jahren Haft", False),
    ("sagen", "Weber sagte nichts", True),
])
def test_lexicon_requires_ok_reads_companion_words(lemma: str, sentence: str, ok: bool) -> None:
    assert lx.requires_ok(lemma, sentence.split()) is ok


# -- on a parsed sentence, through the extractor's reading of the forms -----------------------

@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("Der Sprecher stellte am Montag klar, dass die Lage ernst sei.", "stellte", "klarstellen"),
    ("Wie die Sprecherin klarstellte, ist die Lage ernst.", "klarstellte", "klarstellen"),
    ("Die Polizei geht davon aus, dass der Brand gelegt wurde.", "geht", "ausgehen"),
    ("Die Ermittler gehen davon aus, dass der Brand gelegt wurde.", "gehen", "ausgehen"),
    ("Die Ministerin lehnte den Vorschlag der Opposition ab.", "lehnte", "ablehnen"),
    ("Der Verband bemängelte die langen Wartezeiten.", "bemängelte", "bemängeln"),
    ("Der Kanzler bezeichnete den Angriff als feige.", "bezeichnete", "bezeichnen"),
])
def test_lexicon_speech_lemma_reads_new_verbs(nlp: Language, text: str, word: str, lemma: str) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert speech_lemma(tok) == lemma


# -- subjunctive mood -------------------------------------------------------------------

@pytest.mark.parametrize("word", [
    "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge", "gebe", "bestehe",
    "handele", "handle", "befinde", "liege", "wisse", "gehe", "tue", "ändere", "verhandele", "ermittle",
    "erkläre", "fordere", "komme", "hätte", "hätten", "wäre", "wären", "würde", "würden", "könnte", "könnten",
    "müsste", "müssten", "dürfte", "gäbe", "käme", "bräuchte", "bräuchten", "fände", "sähe", "nähmen", "stünden",
    # Konjunktiv II of prefixed strong verbs
    "befänden", "entspräche", "bestünde", "verlöre", "zukäme", "ergäbe", "beträfe", "hinwiese",
])
def test_lexicon_is_subjunctive_true_for_konjunktiv(word: str) -> None:
    assert lx.is_subjunctive(word)


@pytest.mark.parametrize("word", [
    "ist", "hat", "wird", "kann", "muss", "soll", "will", "sagte", "sagten", "sind", "haben", "werden",
    "eine", "keine", "alle", "große", "meine", "einige", "andere", "reiche", "sichere", "bessere", "äußere",
    "nahe", "weise", "liebe", "lange", "gleiche", "dunkle", "heile", "Seite", "seite", "ohne", "gerade", "heute",
    "diese", "neue", "beide", "zufolge", "bitte", "danke", "schade", "sollte", "wollte", "möchte", "Sei",
    "brauchten", "fanden", "sahen", "nahmen", "blieben",  # indicative past: plural Konjunktiv II looks the same
    "befanden", "vorlage", "anlage", "auflage", "wiese",  # a prefix does not make a noun or a past a subjunctive
])
def test_lexicon_is_subjunctive_false_for_indicative_and_other_words(word: str) -> None:
    assert not lx.is_subjunctive(word)


def test_lexicon_is_subjunctive_derives_verbs_from_the_lemma_table() -> None:
    # None of these is in a fixed list: they come from "-e" + an infinitive the table knows.
    derived = ["bestehe", "verhandele", "ermittle", "befinde", "erkläre"]
    assert all(lx.is_subjunctive(w) for w in derived)
    assert not any(w in sv._KONJUNKTIV_1 or w in sv._KONJUNKTIV_2 for w in derived)


# -- source nouns -----------------------------------------------------------------------

@pytest.mark.parametrize("word", [
    "Angaben", "Aussagen", "Auskunft", "Worten", "Meinung", "Ansicht", "Einschätzung", "Darstellung",
    "Informationen", "Berichten", "Bericht", "Schätzungen", "Erkenntnissen", "Ermittlungen", "Polizeiangaben",
    "Medienberichten", "Augenzeugenberichten", "Mitteilung", "Erklärung", "Umfrage", "Studie",
])
def test_lexicon_source_nouns_list_the_usual_sources(word: str) -> None:
    assert word in lx.SOURCE_NOUNS
    assert lx.is_source_noun(word)


@pytest.mark.parametrize(("word", "expected"), [
    ("Klinikangaben", True), ("Insiderberichten", True), ("Angaben", True), ("angaben", False),
    ("Kiew", False), ("Montag", False), ("Polizei", False),
])
def test_lexicon_is_source_noun_accepts_compounds(word: str, expected: bool) -> None:
    assert lx.is_source_noun(word) is expected


def test_lexicon_opinion_nouns_are_source_nouns() -> None:
    assert {"Meinung", "Ansicht", "Auffassung"} <= lx.OPINION_NOUNS <= lx.SOURCE_NOUNS


# -- the rest of the lexicon still works ---------------------------------------------------

def test_lexicon_first_names_still_filter_common_words() -> None:
    names = lx.first_names()
    assert {"Jonas", "Sabine", "Claire"} <= names
    assert not {"Bitte", "Alle", "Will"} & names
    assert lx.first_name_gender()["Sabine"] == "female"


def test_lexicon_surnames_are_not_speech_forms() -> None:
    # names.is_name_word rejects a capitalised word whose lowercase is a speech form
    assert not {"weiß", "weber", "hartmann", "krüger", "schmidt"} & set(lx.SPEECH_FORMS)


def test_lexicon_inflected_nouns_come_from_the_shared_table() -> None:
    nouns = lx.inflected_nouns()
    assert "Gespräche" in nouns
    assert all(n[:1].isupper() for n in list(nouns)[:1000])
