"""Word lists the rules read. General German news vocabulary, kept in one place.

The first-name list comes from the ``gender-guesser`` package (about 45,000
names from many countries); we drop names that are also everyday German
words (``Bitte``, ``Alle``, ``Will``) using spaCy's German word frequencies.
The speech-verb vocabulary lives in ``kg.extract.speechverbs``; its public names are
re-exported here so callers read every word list as ``lexicon.X``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# Re-exported: frames, speech, coref and the tests read the speech-verb lists as ``lexicon.X``.
from kg.extract.speechverbs import EXCLUDES as EXCLUDES
from kg.extract.speechverbs import INFINITIVE_FORMS as INFINITIVE_FORMS
from kg.extract.speechverbs import NEEDS_COMPLEMENT as NEEDS_COMPLEMENT
from kg.extract.speechverbs import OPINION_NOUNS as OPINION_NOUNS
from kg.extract.speechverbs import REQUIRES as REQUIRES
from kg.extract.speechverbs import SEPARABLE as SEPARABLE
from kg.extract.speechverbs import SOURCE_NOUNS as SOURCE_NOUNS
from kg.extract.speechverbs import SPEECH_FORMS as SPEECH_FORMS
from kg.extract.speechverbs import SPEECH_LEMMAS as SPEECH_LEMMAS
from kg.extract.speechverbs import SPEECH_VERBS as SPEECH_VERBS
from kg.extract.speechverbs import is_source_noun as is_source_noun
from kg.extract.speechverbs import is_subjunctive as is_subjunctive
from kg.extract.speechverbs import requires_ok as requires_ok
from kg.extract.wordtables import lemma_table, lexeme_prob

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


def _declined(names: dict[str, str]) -> dict[str, str]:
    """Every case form of the adjective + noun names: "des Auswärtigen Amts" is the Auswärtiges Amt.

    German declines both words (Auswärtige/Auswärtigen/Auswärtiges, Amt/Amte/Amts/Amtes); listing
    each form by hand missed some, which split one institution into two nodes. Forms that are no
    German word are generated too; they never occur, so they cost nothing.
    """
    out = dict(names)
    for canonical in sorted(set(names.values())):
        words = canonical.split()
        if len(words) != 2 or not words[0][:1].isupper():
            continue
        adjective, noun = words
        stem = re.sub(r"(es|er|e)$", "", adjective)
        if stem == adjective:
            continue
        for ending in ("e", "en", "em", "er", "es"):
            for case in ("", "e", "s", "es"):
                out.setdefault(f"{stem}{ending} {noun}{case}", canonical)
    return out


ORGANIZATIONS = _declined(ORGANIZATIONS)
ORG_SUFFIXES: tuple[str, ...] = ("ministerium", "ministeriums", "amt", "amts", "amtes", "behörde", "polizei",
                                 "regierung", "gericht", "gerichts", "gerichtes", "verband", "verbands", "verbandes",
                                 "partei", "kommission", "rat", "rats", "rates")

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


def word_probabilities() -> dict[str, float]:
    """spaCy's German word frequencies (log probabilities), lowercase words."""
    return lexeme_prob()


@cache
def first_names() -> frozenset[str]:
    """Given names that are not also everyday German words."""
    import gender_guesser.detector as gg

    names = gg.Detector(case_sensitive=True).names
    prob = lexeme_prob()
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
    prob = lexeme_prob()
    return frozenset(w for w, p in prob.items() if p > -11.5)


@lru_cache(maxsize=1 << 14)
def is_past_verb(word: str) -> bool:
    """A weak verb's past form that is no subjunctive of its own: "bemühte", "betonte", "forderte"."""
    lemma = lemma_table().get(word)
    return word.endswith(("te", "ten")) and lemma is not None and lemma != word and lemma.endswith("en") \
        and not is_subjunctive(word)


@cache
def noun_forms() -> frozenset[str]:
    """Capitalised words of the German lemma table, base forms and inflected ("Woche", "Vietnam", "Gründe");
    a capitalised word outside it is likely part of a name ("Amnesty International")."""
    table = lemma_table()
    return frozenset(w for pair in table.items() for w in pair if w[:1].isupper())


@cache
def inflected_nouns() -> frozenset[str]:
    """Capitalised word forms the German lemma table maps to another lemma ("Telefongespräche")."""
    table = lemma_table()
    return frozenset(k for k, v in table.items() if k[:1].isupper() and k != v and not k.endswith("s"))
