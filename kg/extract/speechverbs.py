"""The speech-verb vocabulary: which word forms report speech, and what they need around them.

Lemmas and their separable particles, the finite forms derived from them (``SPEECH_FORMS``), the
words a clause must or must not hold for the speech reading, the nouns that name a source after
"nach" / "laut", and the reported-speech mood (``is_subjunctive``). ``kg.extract.lexicon``
re-exports the public names, so callers keep reading them as ``lexicon.X``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from kg.extract.wordtables import lemma_table

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
    "konstatieren": "", "besagen": "",
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
    "besagen", "entscheiden", "befinden", "beschließen", "anordnen", "bestehen", "verbreiten",
    "wiederholen", "angeben",
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
bräuchte bräuchten sähe sähen fände fänden nähme nähmen täte täten gälte gälten zöge zögen trüge trügen
böte böten stände ständen fiele hielte riefe schiene stiege
spräche sprächen träfe träfen bräche brächen läse schlüge schlügen griffe stürbe würfe flöge
""".split())
# Stems of strong-verb Konjunktiv II forms that are words only with a prefix: "verlöre", "hinwiese", "beträfe".
_KONJUNKTIV_2_STEMS = _KONJUNKTIV_2 | frozenset("löre lören wiese wiesen".split())
_VERB_PREFIXES = ("zurück", "hervor", "voraus", "heraus", "hinaus", "vorher", "entgegen",
                  "miss", "über", "unter", "wider", "emp", "ent", "zer", "ver", "auf", "aus", "bei", "ein",
                  "mit", "nach", "vor", "hin", "an", "ab", "be", "er", "ge", "zu")
# Konjunktiv I forms the rule below cannot derive: "sei", "seien" (from "sein"), "tue" (from "tun").
_KONJUNKTIV_1 = frozenset({"sei", "seien", "seiest", "tue", "habest", "werdest"})
# Lowercase words ending in -e that look like a verb's subjunctive but are interjections, adverbs or
# adjectives the lemma table does not decline ("bitte", "schade", "irre").
_NOT_SUBJUNCTIVE = frozenset("""
bitte danke schade haste irre rege öde geile scheiße schräge raue steife stumpfe lichte lahme muntere
willige zumute währe same double arte fache heile
""".split())


@cache
def _verb_lemmas() -> frozenset[str]:
    """Infinitives: lowercase lemmas in -n that some "-t" form points to ("hat" -> "haben")."""
    return frozenset(v for k, v in lemma_table().items() if k != v and k.endswith("t") and v.islower()
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
@lru_cache(maxsize=1 << 16)
def is_subjunctive(word: str) -> bool:
    """A finite verb in reported-speech mood: Konjunktiv I ("sei", "habe", "bestehe", "handele") or the
    Konjunktiv II that replaces it ("hätten", "würde"). Expects the word as it stands, lowercase.

    The first person indicative ("ich habe") looks the same; telling them apart is the caller's task.
    """
    if word in _KONJUNKTIV_1 or word in _KONJUNKTIV_2:
        return True
    if any(word.startswith(p) and word[len(p):] in _KONJUNKTIV_2_STEMS for p in _VERB_PREFIXES):
        return True  # "befänden", "entspräche", "bestünde", "verlöre", "zukäme"
    if len(word) < 3 or not word.endswith("e") or not word.islower() or word in _NOT_SUBJUNCTIVE:
        return False
    table = lemma_table()
    if sum(word + ending in table for ending in ("r", "s", "m")) >= 2:
        return False  # declined like an adjective or determiner: "eine"/"einer"/"eines", "große", "reiche"
    infinitives = [inf for inf in _infinitives(word) if inf in _verb_lemmas()]
    # The table knows the word as a form of something else: "alle" -> "all".
    return bool(infinitives) and table.get(word, infinitives[0]) in infinitives

