"""Word lists the rules read. General German news vocabulary, kept in one place.

The first-name list comes from the ``gender-guesser`` package (about 45,000
names from many countries); we drop names that are also everyday German
words (``Bitte``, ``Alle``, ``Will``) using spaCy's German word frequencies.
"""

from __future__ import annotations

import gzip
import json
import re
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
}

# Finite forms (3rd person, present/preterite, Konjunktiv) of the speech verbs.
SPEECH_FORMS: dict[str, str] = {}
# Every lemma a form may belong to: "gab" is "bekanntgeben", "zugeben" or "zu bedenken geben".
SPEECH_LEMMAS: dict[str, list[str]] = {}
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
    "zusagen": ["sagt", "sagte", "sagten", "zugesagt"],
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
    "heißen": ["heißt", "hieß"],
    "zu bedenken geben": ["gibt", "gab", "gaben", "gebe"],
    "wissen lassen": ["lässt", "ließ", "ließen", "lasse"],
    "verlauten": ["verlautete", "verlautet"],
    "drohen": ["droht", "drohte", "drohten", "drohe"],
    "glauben": ["glaubt", "glaubte", "glaubten", "glaube"],
}


def _regular_forms(lemma: str) -> list[str]:
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    if re.search(r"[td]$", stem):
        return [stem + "et", stem + "ete", stem + "eten", stem + "e", "ge" + stem + "et", stem + "et"]
    return [stem + "t", stem + "te", stem + "ten", stem + "e", "ge" + stem + "t", stem + "t"]


for _lemma, _particle in SPEECH_VERBS.items():
    if _lemma == "zufolge" or " " in _lemma and _lemma not in _IRREGULAR:
        continue
    _forms = _IRREGULAR.get(_lemma) or _regular_forms(_lemma[len(_particle):] if _particle else _lemma)
    for _form in _forms:
        SPEECH_FORMS.setdefault(_form, _lemma)
        SPEECH_LEMMAS.setdefault(_form, []).append(_lemma)
        if _particle and " " not in _particle and not _form.startswith(_particle):
            # in a subordinate clause the particle is attached: "wie Krüger mitteilte"
            SPEECH_FORMS.setdefault(_particle + _form, _lemma)
# Separable verbs: finite form + particle seen later in the clause.
SEPARABLE: dict[str, str] = {lemma: particle for lemma, particle in SPEECH_VERBS.items() if particle}

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
    data = resources.files("spacy_lookups_data") / "data" / "de_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw) as f:
        table: dict[str, str] = json.load(f)
    return frozenset(k for k, v in table.items() if k[:1].isupper() and k != v and not k.endswith("s"))
