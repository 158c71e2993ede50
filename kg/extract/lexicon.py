"""Word lists the rules read. General German news vocabulary, kept in one place.

The first-name list comes from the ``gender-guesser`` package (about 45,000
names from many countries); we drop names that are also everyday German
words (``Bitte``, ``Alle``, ``Will``) using spaCy's German word frequencies.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

# Speech verbs: lemma -> separable particle (or "") ; finite forms are derived below.
SPEECH_VERBS: dict[str, str] = {
    "sagen": "", "erklären": "", "betonen": "", "mitteilen": "mit", "hinzufügen": "hinzu",
    "zitieren": "", "sprechen": "", "äußern": "", "meinen": "", "schreiben": "", "berichten": "",
    "warnen": "", "fordern": "", "kritisieren": "", "unterstreichen": "", "bekräftigen": "",
    "versichern": "", "ankündigen": "an", "bestätigen": "", "zurückweisen": "zurück", "dementieren": "",
    "erinnern": "", "hervorheben": "hervor", "mahnen": "", "appellieren": "", "antworten": "",
    "entgegnen": "", "erwidern": "", "behaupten": "", "vermuten": "", "glauben": "", "hoffen": "",
    "befürchten": "", "fürchten": "", "klagen": "", "beklagen": "", "loben": "", "versprechen": "",
    "bekanntgeben": "bekannt", "verkünden": "", "informieren": "", "twittern": "", "posten": "",
    "zusagen": "zu", "einräumen": "ein", "zugeben": "zu", "bedauern": "", "verlangen": "",
    "drohen": "", "ergänzen": "", "präzisieren": "", "festhalten": "fest",
    "feststellen": "fest", "mutmaßen": "", "argumentieren": "", "bemerken": "", "anmerken": "an",
    "aufrufen": "auf", "bezeichnen": "", "nennen": "", "verweisen": "", "hinweisen": "hin",
    "vorwerfen": "vor", "beschuldigen": "", "ausführen": "aus", "darlegen": "dar", "zufolge": "",
    "zu bedenken geben": "zu bedenken", "wissen lassen": "wissen", "reagieren": "", "verlauten": "",
    "heißen": "", "rufen": "", "erzählen": "", "bestreiten": "", "unterstellen": "",
    # Assuming, expecting, judging ("geht davon aus, dass", "schätzt, dass", "befand das Gericht").
    "ausgehen": "aus", "erwarten": "", "annehmen": "an", "schätzen": "", "rechnen": "", "denken": "",
    "finden": "", "sehen": "", "wissen": "", "spekulieren": "", "folgern": "", "schlussfolgern": "",
    "urteilen": "", "beurteilen": "", "werten": "", "entscheiden": "", "befinden": "", "beschließen": "",
    "anordnen": "an", "bestehen": "", "beharren": "", "prophezeien": "", "vorhersagen": "vorher",
    "voraussagen": "voraus", "prognostizieren": "", "resümieren": "", "bilanzieren": "",
    "konstatieren": "",
    # Explaining and telling.
    "begründen": "", "klarstellen": "klar", "klarmachen": "klar", "verdeutlichen": "", "erläutern": "",
    "schildern": "", "beschreiben": "", "andeuten": "an", "signalisieren": "",
    "kommentieren": "", "verlautbaren": "", "melden": "", "vermelden": "", "verbreiten": "",
    "wiederholen": "", "fragen": "", "verraten": "", "kundtun": "kund", "aussagen": "aus",
    # Proposing, agreeing, objecting, admitting.
    "vorschlagen": "vor", "empfehlen": "", "raten": "", "auffordern": "auf", "ablehnen": "ab",
    "bezweifeln": "", "anzweifeln": "an", "bemängeln": "", "monieren": "", "beanstanden": "",
    "anprangern": "an", "einwenden": "ein", "widersprechen": "", "zustimmen": "zu", "bejahen": "",
    "verneinen": "", "beteuern": "", "gestehen": "", "leugnen": "", "abstreiten": "ab", "kontern": "",
    "bekunden": "", "begrüßen": "", "würdigen": "", "gratulieren": "", "verurteilen": "",
    "anklagen": "an", "angeben": "an", "hervorgehen": "hervor", "bitten": "", "plädieren": "",
    "herausstreichen": "heraus", "einschränken": "ein", "erwähnen": "", "anregen": "an",
    "befürworten": "", "protestieren": "", "skandieren": "", "drängen": "", "beschweren": "", "vertreten": "",
    "erhoffen": "", "formulieren": "", "errechnen": "", "betrachten": "", "zusichern": "zu",
}

# Finite forms (3rd person, present/preterite, Konjunktiv) of the speech verbs.
SPEECH_FORMS: dict[str, str] = {}
# Every lemma a form may belong to: "gab" is "bekanntgeben", "zugeben" or "zu bedenken geben".
SPEECH_LEMMAS: dict[str, list[str]] = {}
# Forms that are also infinitives ("warnen", "mitteilen"): a plural present ("Experten warnen") or, after
# a modal or "zu", no report at all ("konnte das nicht bestätigen"). A caller may require a finite verb.
_INFINITIVES: set[str] = set()
_IRREGULAR = {
    "sprechen": ["spricht", "sprach", "sprachen", "spreche", "gesprochen"],
    "schreiben": ["schreibt", "schrieb", "schrieben", "schreibe", "geschrieben"],
    "hinzufügen": ["fügt", "fügte", "fügten", "füge", "hinzugefügt"],
    "mitteilen": ["teilt", "teilte", "teilten", "teile", "mitgeteilt"],
    "ankündigen": ["kündigt", "kündigte", "kündigten", "kündige", "angekündigt"],
    "zurückweisen": ["weist", "wies", "wiesen", "weise", "zurückgewiesen"],
    "hervorheben": ["hebt", "hob", "hoben", "hebe", "hervorgehoben"],
    "bekanntgeben": ["gibt", "gab", "gaben", "gebe", "bekanntgegeben"],
    "zugeben": ["gibt", "gab", "gaben", "gebe", "zugegeben"],
    "einräumen": ["räumt", "räumte", "räumten", "räume", "eingeräumt"],
    "festhalten": ["hält", "hielt", "hielten", "halte", "festgehalten"],
    "feststellen": ["stellt", "stellte", "stellten", "stelle", "festgestellt"],
    "anmerken": ["merkt", "merkte", "merkten", "merke", "angemerkt"],
    "aufrufen": ["ruft", "rief", "riefen", "rufe", "aufgerufen"],
    "hinweisen": ["weist", "wies", "wiesen", "weise", "hingewiesen"],
    "vorwerfen": ["wirft", "warf", "warfen", "werfe", "vorgeworfen"],
    "ausführen": ["führt", "führte", "führten", "führe", "ausgeführt"],
    "darlegen": ["legt", "legte", "legten", "lege", "dargelegt"],
    "nennen": ["nennt", "nannte", "nannten", "nenne", "genannt"],
    "verweisen": ["verweist", "verwies", "verwiesen", "verweise"],
    "bestreiten": ["bestreitet", "bestritt", "bestritten", "bestreite"],
    "versprechen": ["verspricht", "versprach", "versprachen", "verspreche", "versprochen"],
    "rufen": ["ruft", "rief", "riefen"],
    "heißen": ["heißt", "hieß", "geheißen"],
    "zu bedenken geben": ["gibt", "gab", "gaben", "gebe"],
    "wissen lassen": ["lässt", "ließ", "ließen", "lasse"],
    "verlauten": ["verlautete", "verlautet"],
    "drohen": ["droht", "drohte", "drohten", "drohe"],
    "glauben": ["glaubt", "glaubte", "glaubten", "glaube"],
    "unterstreichen": ["unterstreicht", "unterstrich", "unterstrichen", "unterstreiche"],
    "ausgehen": ["geht", "ging", "gingen", "gehe", "ausgegangen"],
    "annehmen": ["nimmt", "nahm", "nahmen", "nehme", "angenommen"],
    "denken": ["denkt", "dachte", "dachten", "denke", "gedacht"],
    "finden": ["findet", "fand", "fanden", "finde", "gefunden"],
    "sehen": ["sieht", "sah", "sahen", "sehe", "gesehen"],
    # Not "weiß": the colour, and the surname Weiß that names.py must still accept.
    "wissen": ["wusste", "wussten", "wisse", "gewusst"],
    "entscheiden": ["entscheidet", "entschied", "entschieden", "entscheide"],
    "befinden": ["befindet", "befand", "befanden", "befinde"],
    "beschließen": ["beschließt", "beschloss", "beschlossen", "beschließe"],
    "bestehen": ["besteht", "bestand", "bestanden", "bestehe"],
    "beschreiben": ["beschreibt", "beschrieb", "beschrieben", "beschreibe"],
    "verraten": ["verrät", "verriet", "verrieten", "verrate", "verraten"],
    "kundtun": ["tut", "tat", "taten", "tue", "kundgetan"],
    "vorschlagen": ["schlägt", "schlug", "schlugen", "schlage", "vorgeschlagen"],
    "empfehlen": ["empfiehlt", "empfahl", "empfahlen", "empfehle", "empfohlen"],
    # Not "geraten": "in Not geraten", "außer Kontrolle geraten" are far more frequent.
    "raten": ["rät", "riet", "rieten", "rate"],
    "einwenden": ["wendet", "wandte", "wandten", "wendete", "wende", "eingewandt", "eingewendet"],
    "widersprechen": ["widerspricht", "widersprach", "widersprachen", "widerspreche", "widersprochen"],
    # Not "stimmt"/"stimme": "Das stimmt", "stimmt es" would become agreement whenever a "zu" follows.
    "zustimmen": ["stimmte", "stimmten", "zustimmt", "zustimme", "zugestimmt"],
    "gestehen": ["gesteht", "gestand", "gestanden", "gestehe"],
    "abstreiten": ["streitet", "stritt", "stritten", "streite", "abgestritten"],
    # Not "wiederholt": mostly the adverb ("hat wiederholt betont"), which would steal the real verb's cue.
    "wiederholen": ["wiederholte", "wiederholten", "wiederhole"],
    "angeben": ["gibt", "gab", "gaben", "gebe", "angegeben"],
    "hervorgehen": ["geht", "ging", "gingen", "gehe", "hervorgegangen"],
    # Not "bitte": "please".
    "bitten": ["bittet", "bat", "baten", "gebeten"],
    "herausstreichen": ["streicht", "strich", "strichen", "streiche", "herausgestrichen"],
    "vertreten": ["vertritt", "vertrat", "vertraten", "vertrete", "vertreten"],
    # Not "würdige": the adjective ("ein würdiger Abschluss").
    "würdigen": ["würdigt", "würdigte", "würdigten", "gewürdigt"],
}
# Separable verbs whose base is itself a speech verb (or frequent: "sicherte den Tatort") and whose
# particle is a frequent preposition ("zu", "aus", "auf", "an"): the split form "sagte … zu" would take
# any "sagte" with a "zu" later in the sentence. Only the joined forms ("zugesagt", "wie er aussagte")
# are theirs; split, the base verb reads.
# "klar machen" split is read by the caller with "deutlich machen"; "macht" is far too common to list.
_JOINED_ONLY = frozenset({"zusagen", "aussagen", "vorhersagen", "voraussagen", "auffordern", "anklagen",
                          "klarmachen", "zusichern"})
# Plural forms left out: "meinen" is mostly the possessive, "heißen" the adjective ("die heißen Tage");
# "finden", "befinden", "stimmen … zu" mostly stand as infinitives ("zu finden", "sich … befinden",
# "gegen das Gesetz stimmen zu wollen").
_NO_PLURAL = frozenset({"meinen", "heißen", "finden", "befinden", "zustimmen"})
_INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "wider", "hinter", "über", "unter")

# Verbs whose bare use ("Die Kunden schätzen den Service", "Das Treffen fand statt", "Die Polizei hielt
# den Mann fest") is usually not a speech act: they report speech only with a following ``dass``/``ob``
# clause, a colon, or a comma and a subjunctive clause ("Die Polizei geht davon aus, dass …").
NEEDS_COMPLEMENT: frozenset[str] = frozenset({
    "ausgehen", "erwarten", "annehmen", "schätzen", "denken", "finden", "wissen", "spekulieren", "urteilen",
    "entscheiden", "befinden", "beschließen", "anordnen", "bestehen", "verbreiten", "wiederholen", "angeben",
    "hervorgehen", "einschränken", "protestieren", "erhoffen",
    # "wurde angeklagt" is about the accused; the prosecutor is seldom named
    "anklagen",
    # already in the list before: each has a frequent reading that reports nothing
    "glauben", "meinen", "hoffen", "fürchten", "erinnern", "festhalten", "feststellen", "bemerken", "ausführen",
    "verweisen", "rufen", "sprechen", "informieren", "reagieren", "antworten", "verlauten", "wissen lassen",
})
# A word that must be in the clause for the speech reading (any one of the set): "geht davon aus",
# "sieht darin", "wertete … als", "rechnet mit", "bestand darauf". Without it these are going,
# seeing, scoring ("das Tor wurde nicht gewertet"), arithmetic, consisting, looking and representing.
REQUIRES: dict[str, frozenset[str]] = {
    "ausgehen": frozenset({"davon"}),
    "sehen": frozenset({"darin", "dadurch"}),
    "werten": frozenset({"als"}),
    "rechnen": frozenset({"mit", "damit"}),
    "bestehen": frozenset({"darauf"}),
    "betrachten": frozenset({"als"}),
    "vertreten": frozenset({"these", "ansicht", "auffassung", "meinung", "standpunkt", "position", "überzeugung"}),
}
# A word that rules the speech reading out: "befindet sich", "fand … statt", "nahm an … teil", "drängten sich",
# "wurde zu drei Jahren Haft verurteilt", "Ihm drohen zehn Jahre Haft".
EXCLUDES: dict[str, frozenset[str]] = {
    "befinden": frozenset({"sich"}),
    "finden": frozenset({"statt"}),
    "annehmen": frozenset({"teil"}),
    "drängen": frozenset({"sich"}),
    "verurteilen": frozenset({"haft", "haftstrafe", "haftstrafen", "freiheitsstrafe", "geldstrafe", "bewährungsstrafe",
                              "gefängnis", "bewährung", "jahren", "monaten", "lebenslang", "lebenslanger", "gericht",
                              "gerichts", "verfahren", "angeklagte", "angeklagten", "schuldig"}),
    "drohen": frozenset({"haft", "haftstrafe", "haftstrafen", "freiheitsstrafe", "gefängnisstrafe", "insolvenz",
                         "pleite"}),
}


def requires_ok(lemma: str, words: Iterable[str]) -> bool:
    """Whether the clause's words allow the speech reading of ``lemma`` (REQUIRES and EXCLUDES)."""
    need, bad = REQUIRES.get(lemma), EXCLUDES.get(lemma)
    if need is None and bad is None:
        return True
    present = {w.lower() for w in words}
    return (need is None or not need.isdisjoint(present)) and (bad is None or bad.isdisjoint(present))


def _regular_forms(lemma: str) -> list[str]:
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    # "-et" after t/d and after a consonant + m/n ("bezeichnete", "entgegnete", "rechnet"), not "warnte".
    if re.search(r"[td]$|(?:[^aeiouäöülrhmn]|ch)[mn]$", stem):
        forms = [stem + "et", stem + "ete", stem + "eten", stem + "e"]
    else:
        forms = [stem + "t", stem + "te", stem + "ten", stem + "e"]
    # The participle: "gesagt", but "erklärt", "kritisiert" (the same as the present), never "geerklärt".
    if not lemma.startswith(_INSEPARABLE) and not lemma.endswith("ieren"):
        forms.append("ge" + forms[0])
    return forms


def _add_forms(lemma: str, particle: str) -> None:
    joined = bool(particle) and " " not in particle
    forms = _IRREGULAR.get(lemma)
    if forms is None:
        forms = _regular_forms(lemma[len(particle):] if particle else lemma)
        if joined and len(forms) == 5:
            # the participle is always joined: "klargestellt", never "gestellt"
            forms = [*forms[:4], particle + forms[4]]
    # The plural present is the (split) infinitive: "Experten warnen", "Die Ermittler gehen davon aus".
    plural = lemma.split()[-1] if " " in lemma else lemma[len(particle):]
    if lemma not in _NO_PLURAL and plural not in forms:
        forms = [*forms, plural]
    if lemma not in _NO_PLURAL:
        _INFINITIVES.update((plural, particle + plural) if joined else (plural,))
    for form in forms:
        if lemma not in _JOINED_ONLY:
            SPEECH_FORMS.setdefault(form, lemma)
            SPEECH_LEMMAS.setdefault(form, []).append(lemma)
        if joined and not form.startswith(particle):
            # in a subordinate clause the particle is attached: "wie Krüger mitteilte"
            SPEECH_FORMS.setdefault(particle + form, lemma)
        elif lemma in _JOINED_ONLY:
            SPEECH_FORMS.setdefault(form, lemma)


for _lemma, _particle in SPEECH_VERBS.items():
    if _lemma != "zufolge" and (" " not in _lemma or _lemma in _IRREGULAR):
        _add_forms(_lemma, _particle)
INFINITIVE_FORMS: frozenset[str] = frozenset(_INFINITIVES)
# Separable verbs: finite form + particle seen later in the clause.
SEPARABLE: dict[str, str] = {lemma: particle for lemma, particle in SPEECH_VERBS.items() if particle}

# Nouns that name the source in "nach Angaben der Polizei", "laut Medienberichten", "einer Studie
# zufolge", "nach Informationen des NDR". Word forms as they stand after "nach" / "laut".
OPINION_NOUNS: frozenset[str] = frozenset({
    "Meinung", "Ansicht", "Auffassung", "Einschätzung", "Überzeugung", "Darstellung", "Worten", "Sicht",
    "Lesart", "Erachtens", "Urteil",
})
SOURCE_NOUNS: frozenset[str] = OPINION_NOUNS | frozenset({
    "Angaben", "Angabe", "Aussagen", "Aussage", "Auskunft", "Auskünften", "Informationen", "Information",
    "Kenntnis", "Erkenntnissen", "Erkenntnis", "Ermittlungen", "Ermittlungsergebnissen", "Recherchen",
    "Bericht", "Berichten", "Berichts", "Berichtes", "Meldung", "Meldungen", "Mitteilung", "Mitteilungen",
    "Pressemitteilung", "Erklärung", "Erklärungen", "Darstellungen", "Schilderung", "Schilderungen",
    "Einschätzungen", "Schätzung", "Schätzungen", "Berechnung", "Berechnungen", "Hochrechnung",
    "Hochrechnungen", "Prognose", "Prognosen", "Umfrage", "Umfragen", "Studie", "Studien", "Analyse",
    "Analysen", "Gutachten", "Statistik", "Daten", "Zahlen", "Unterlagen", "Dokumenten", "Quellen",
    "Polizeiangaben", "Behördenangaben", "Regierungsangaben", "Unternehmensangaben", "Veranstalterangaben",
    "Ministeriumsangaben", "Militärangaben", "Armeeangaben", "Feuerwehrangaben", "Medienangaben",
    "Medienberichten", "Presseberichten", "Zeitungsberichten", "Agenturberichten", "Agenturmeldungen",
    "Polizeiberichten", "Augenzeugenberichten", "Zeugenaussagen", "Zeugenangaben", "Expertenschätzungen",
})
# Compounds not listed still count when they end in one of these ("Klinikangaben", "Insiderberichten").
_SOURCE_HEADS = ("angaben", "berichten", "schätzungen", "aussagen", "informationen", "meldungen", "erkenntnissen")


def is_source_noun(word: str) -> bool:
    """A noun that names a source after "nach" / "laut" ("Angaben", "Klinikangaben")."""
    return word in SOURCE_NOUNS or word[:1].isupper() and word.lower().endswith(_SOURCE_HEADS)


# -- reported-speech mood ------------------------------------------------------------------
# Konjunktiv II forms that stand in for Konjunktiv I in reported speech. Not "sollte", "wollte",
# "möchte": the first two equal the indicative past, the third is an everyday indicative "would like".
_KONJUNKTIV_2 = frozenset("""
hätte hätten wäre wären würde würden könnte könnten müsste müssten dürfte dürften gäbe gäben käme kämen
wüsste wüssten stünde stünden läge lägen bliebe ginge hieße ließe
""".split())
# Konjunktiv I forms the rule below cannot derive: "sei", "seien" (from "sein"), "tue" (from "tun").
_KONJUNKTIV_1 = frozenset({"sei", "seien", "seiest", "tue", "habest", "werdest"})
# Lowercase words ending in -e that look like a verb's subjunctive but are interjections, adverbs or
# adjectives the lemma table does not decline ("bitte", "schade", "irre").
_NOT_SUBJUNCTIVE = frozenset("""
bitte danke schade haste irre rege öde geile scheiße schräge raue steife stumpfe lichte lahme muntere
willige zumute währe same double arte fache heile
""".split())


@cache
def _lemma_table() -> dict[str, str]:
    data = resources.files("spacy_lookups_data") / "data" / "de_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw) as f:
        return json.load(f)


@cache
def _verb_lemmas() -> frozenset[str]:
    """Infinitives: lowercase lemmas in -n that some "-t" form points to ("hat" -> "haben")."""
    return frozenset(v for k, v in _lemma_table().items() if k != v and k.endswith("t") and v.islower()
                     and v.endswith("n"))


def _infinitives(word: str) -> list[str]:
    """The infinitives a -e form may belong to: "gebe" -> "geben", "handele" -> "handeln", "handle" too."""
    out = [word + "n"]
    if word.endswith(("ele", "ere")):
        out.append(word[:-1] + "n")
    if len(word) > 3 and word[-2] in "lr" and word[-3] not in "aeiouäöüy" + word[-2]:
        out.append(word[:-2] + "e" + word[-2] + "n")
    return out


@cache
def is_subjunctive(word: str) -> bool:
    """A finite verb in reported-speech mood: Konjunktiv I ("sei", "habe", "bestehe", "handele") or the
    Konjunktiv II that replaces it ("hätten", "würde"). Expects the word as it stands, lowercase.

    The first person indicative ("ich habe") looks the same; telling them apart is the caller's task.
    """
    if word in _KONJUNKTIV_1 or word in _KONJUNKTIV_2:
        return True
    if len(word) < 3 or not word.endswith("e") or not word.islower() or word in _NOT_SUBJUNCTIVE:
        return False
    table = _lemma_table()
    if sum(word + ending in table for ending in ("r", "s", "m")) >= 2:
        return False  # declined like an adjective or determiner: "eine"/"einer"/"eines", "große", "reiche"
    infinitives = [inf for inf in _infinitives(word) if inf in _verb_lemmas()]
    # The table knows the word as a form of something else: "alle" -> "all".
    return bool(infinitives) and table.get(word, infinitives[0]) in infinitives


# Nouns that introduce a person: "der Sprecher", "Kanzlerin", "US-Präsident". Compounds count
# when they END in one of these ("Regierungssprecher", "Kreml-Sprecher", "Außenministerin").
ROLE_HEADS: tuple[str, ...] = (
    "präsident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "sprecher", "sprecherin",
    "berater", "beraterin", "chef", "chefin", "trainer", "trainerin", "ceo", "vorsitzende", "vorsitzender",
    "staatschef", "staatschefin", "regierungschef", "regierungschefin", "premier", "premierminister",
    "premierministerin", "senator", "senatorin", "abgeordnete", "abgeordneter", "bürgermeister",
    "bürgermeisterin", "botschafter", "botschafterin", "gouverneur", "gouverneurin", "könig", "königin",
    "papst", "direktor", "direktorin", "leiter", "leiterin", "kommissar", "kommissarin", "generalsekretär",
    "generalsekretärin", "außenamtschef", "amtskollege", "amtskollegin", "kollege", "kollegin", "politiker",
    "politikerin", "kandidat", "kandidatin", "experte", "expertin", "analyst", "analystin", "forscher",
    "forscherin", "professor", "professorin", "anwalt", "anwältin", "richter", "richterin", "staatsanwalt",
    "staatsanwältin", "kapitän", "kapitänin", "spieler", "spielerin", "stürmer", "stürmerin", "torhüter",
    "manager", "managerin", "gründer", "gründerin", "geschäftsführer", "geschäftsführerin", "vizepräsident",
    "vizepräsidentin", "vizekanzler", "vizekanzlerin", "staatssekretär", "staatssekretärin", "diplomat",
    "diplomatin", "general", "admiral", "oberbefehlshaber", "kommandeur", "sänger", "sängerin",
    "schauspieler", "schauspielerin", "autor", "autorin", "journalist", "journalistin", "reporter",
    "reporterin", "ökonom", "ökonomin", "bischof", "kardinal", "chefökonom", "unternehmer", "unternehmerin",
    "athlet", "athletin", "weltmeister", "weltmeisterin", "olympiasieger", "olympiasiegerin", "vertreter",
    "vertreterin", "staatsoberhaupt", "landrat", "landrätin", "ministerpräsident", "ministerpräsidentin",
    "parteichef", "parteichefin", "fraktionschef", "fraktionschefin", "aktivist", "aktivistin", "sprecherin",
    "wissenschaftler", "wissenschaftlerin", "astronaut", "astronautin", "bundestrainer", "herr", "frau", "dr.",
    "prof.", "beauftragte", "beauftragter", "sprecherin", "obmann", "funktionär", "funktionärin", "pfarrer",
    "bischöfin", "rektor", "rektorin", "intendant", "intendantin", "moderator", "moderatorin", "verteidiger",
    "verteidigerin", "ermittler", "ermittlerin", "polizeisprecher", "chefredakteur", "chefredakteurin",
)
TITLE_WORDS = frozenset({"Herr", "Frau", "Dr.", "Prof.", "Professor", "Professorin"})

# Institutions that speak ("hieß es aus dem Kreml", "die Polizei teilte mit").
ORGANIZATIONS: dict[str, str] = {
    "Kreml": "Kreml", "Kremls": "Kreml", "Weiße Haus": "Weißes Haus", "Weißen Haus": "Weißes Haus",
    "Weißen Hauses": "Weißes Haus", "Weißes Haus": "Weißes Haus", "Pentagon": "Pentagon",
    "Polizei": "Polizei", "Bundesregierung": "Bundesregierung", "Regierung": "Regierung",
    "Auswärtige Amt": "Auswärtiges Amt", "Auswärtigen Amt": "Auswärtiges Amt", "Auswärtigen Amtes": "Auswärtiges Amt",
    "Auswärtiges Amt": "Auswärtiges Amt", "Staatsanwaltschaft": "Staatsanwaltschaft", "Nato": "Nato", "NATO": "Nato",
    "UN": "Vereinte Nationen", "Uno": "Vereinte Nationen", "UNO": "Vereinte Nationen", "EU-Kommission": "EU-Kommission",
    "Bundeswehr": "Bundeswehr", "Feuerwehr": "Feuerwehr", "Élysée": "Élysée", "Elysée": "Élysée",
    "Nationale Sicherheitsrat": "Nationaler Sicherheitsrat", "Nationalen Sicherheitsrat": "Nationaler Sicherheitsrat",
    "Nationalen Sicherheitsrats": "Nationaler Sicherheitsrat", "Bundeskanzleramt": "Bundeskanzleramt",
    "Kanzleramt": "Bundeskanzleramt", "Verfassungsgericht": "Verfassungsgericht", "Bundesverfassungsgericht":
    "Bundesverfassungsgericht", "Gericht": "Gericht", "Ministerium": "Ministerium", "Behörde": "Behörde",
    "Unternehmen": "Unternehmen", "Konzern": "Konzern", "Verband": "Verband", "Partei": "Partei",
}
ORG_SUFFIXES: tuple[str, ...] = ("ministerium", "ministeriums", "amt", "amtes", "behörde", "polizei", "regierung",
                                 "gericht", "verband", "partei", "kommission", "rat", "rats", "rates")

PRONOUNS_MALE = frozenset({"er", "ihm", "ihn", "seine", "seiner", "seinem", "seinen"})
PRONOUNS_FEMALE = frozenset({"sie", "ihr", "ihre", "ihrer", "ihrem", "ihren"})
SUBJECT_PRONOUNS = frozenset({"er", "sie", "Er", "Sie"})

# Words that look like names but are not (sentence starts, months, weekdays, places often in names lists).
NOT_NAMES = frozenset("""
Januar Februar März April Mai Juni Juli August September Oktober November Dezember
Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Jahr Jahre Woche Uhr Foto Fotos
Der Die Das Den Dem Des Ein Eine Einer Einem Einen Und Oder Aber Doch Denn Wenn Als Wie Was Wer Wo Nach
Bei Mit Von Vom Zum Zur Auf Aus Für Über Unter Vor Seit Bis Durch Gegen Ohne Um Auch Noch Schon Nur
Dies Diese Dieser Dieses Jetzt Heute Gestern Morgen Damit Dabei Dann Daher Deshalb Trotzdem Zudem
Laut Zufolge Ihm Ihr Ihnen Sein Seine Unser Unsere Wir Ich Es Man Sie Er Alle Viele Beide Beiden
Israel Iran Irak Jordan Houston Jena Basel Halle Paris Berlin Moskau Kiew Washington London Peking
Islam Christ General Kalender Präsident Kanzler Minister Regierung Russland Ukraine Europa Amerika
Deutschland China Frankreich Polen Italien Spanien Türkei Nato Reuters Agence Press Associated
""".split())

MONTHS = {m: i for i, m in enumerate(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(), 1)}

# Calls and meetings: word stem -> (kind, medium). Matched on lowercased tokens by prefix/infix.
CALL_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    ("videokonferenz", "call", "video"), ("video-konferenz", "call", "video"), ("videogespräch", "call", "video"),
    ("video-gespräch", "call", "video"), ("videoanruf", "call", "video"), ("videoschalte", "call", "video"),
    ("videotelefonat", "call", "video"), ("video-telefonat", "call", "video"), ("videocall", "call", "video"),
    ("videoverbindung", "call", "video"), ("online-treffen", "call", "video"), ("online-gespräch", "call", "video"),
    ("virtuelle", "call", "video"), ("virtuellen", "call", "video"), ("virtuelles", "call", "video"),
    ("telefonat", "call", "phone"), ("telefongespräch", "call", "phone"), ("telefonierte", "call", "phone"),
    ("telefonierten", "call", "phone"), ("telefoniert", "call", "phone"), ("telefonieren", "call", "phone"),
    ("telefonkonferenz", "call", "phone"), ("telefonisch", "call", "phone"), ("anruf", "call", "phone"),
    ("treffen", "meeting", "meeting"), ("trafen", "meeting", "meeting"), ("traf", "meeting", "meeting"),
    ("getroffen", "meeting", "meeting"), ("gipfel", "meeting", "meeting"), ("gipfeltreffen", "meeting", "meeting"),
    ("empfing", "meeting", "meeting"), ("empfangen", "meeting", "meeting"), ("zusammentreffen", "meeting", "meeting"),
    ("begegnung", "meeting", "meeting"), ("zusammenkunft", "meeting", "meeting"),
)
# The sentence speaks of a possibility or wish, not of an event.
HYPOTHETICAL = ("offen für", "bereit für", "hoffe", "hofft", "hoffen", "wünsche", "wünscht", "möglicherweise",
                "eventuell", "vielleicht", "könnte", "könnten", "würde gern", "weitere gespräche",
                "weiteres treffen", "weitere treffen", "weiteren treffen", "erneutes treffen", "nicht ausgeschlossen",
                "vorstellbar", "denkbar", "falls", "sollte es")
PLANNED = ("geplant", "planen", "plant", "angekündigt", "kündigte", "wird", "werden", "soll ", "sollen ",
           "vereinbart", "anberaumt", "angesetzt", "bevorstehend", "morgen", "kommende", "nächste")


@cache
def _lexeme_prob() -> dict[str, float]:
    data = resources.files("spacy_lookups_data") / "data" / "de_lexeme_prob.json.gz"
    with data.open("rb") as raw, gzip.open(raw) as f:
        return json.load(f)


def word_probabilities() -> dict[str, float]:
    """spaCy's German word frequencies (log probabilities), lowercase words."""
    return _lexeme_prob()


@cache
def first_names() -> frozenset[str]:
    """Given names that are not also everyday German words."""
    import gender_guesser.detector as gg

    names = gg.Detector(case_sensitive=True).names
    prob = _lexeme_prob()
    keep = {"Max", "Ernst", "Rosa", "Reiner", "Dan", "Matt", "Jo", "Will"}
    out = {
        n for n in names
        if n[:1].isupper() and len(n) > 1 and "+" not in n and n not in NOT_NAMES
        and (n in keep or prob.get(n.lower(), -99.0) <= -12.5)
    }
    return frozenset(out - {"Will"})


@cache
def first_name_gender() -> dict[str, str]:
    """'male' / 'female' for names where the package is sure."""
    import gender_guesser.detector as gg

    d = gg.Detector(case_sensitive=True)
    return {n: g for n, g in ((n, d.get_gender(n)) for n in first_names()) if g in ("male", "female")}


@cache
def common_words() -> frozenset[str]:
    """Frequent German words (capitalized nouns included): a surname candidate that is one is doubtful."""
    prob = _lexeme_prob()
    return frozenset(w for w, p in prob.items() if p > -11.5)


@cache
def inflected_nouns() -> frozenset[str]:
    """Capitalised word forms the German lemma table maps to another lemma ("Telefongespräche")."""
    table = _lemma_table()
    return frozenset(k for k, v in table.items() if k[:1].isupper() and k != v and not k.endswith("s"))
