"""Which capitalised German words can name a speaker, and what kind of speaker.

The blank German tokenizer gives no part of speech, so the speaker-capable
nouns are listed here from general German (not from any evaluation text) with
a declension class each; the inflected forms (``Sprechers``, ``Experten``,
``Ministerien``, ``Anwältinnen``) are generated. Compounds count when they end
in a listed head (``Regierungssprecher``, ``Kreml-Sprecher``). Countries come
from Babel's German territory names; nationality nouns (``Kanadier``,
``Amerikaner``) are recognised by their ending after a country-like stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import babel

from kg.extract import lexicon as lx


@dataclass(frozen=True)
class Noun:
    cat: str  # "human" (person or group by number), "group", "org", "source"
    num: str  # "sg", "pl", "?" (same form both), "ae"/"aen" (adjectival noun: -e / -en form)
    proper: bool = False  # a name (country, outlet, acronym): also fine inside a name run
    mod_ok: bool = False  # may stand before another head: "Deutsche Bahn", "US Botschaft", "Schweizer Polizei"


# Entry syntax: "Lemma/class"; "+" before a lemma = only inside a compound ("Parteispitze", not "Spitze"),
# "=" = never inside a compound ("Bahn", not "Autobahn"). Explicit forms: "sg,sg|pl,pl|feminine".
# Classes: er (Sprecher: sg = pl), w (weak: Experte/Experten), e (Kommissar/Kommissare), or (Direktor/Direktoren),
# s (Chef/Chefs), a (adjectival: Abgeordnete/-r/-n), f (feminine, plural -(e)n), n (strong, plural -e),
# um (Ministerium/Ministerien), wn (Ungar/Ungarn).
_HUMAN = """
Sprecher/er Richter/er Ermittler/er Bürgermeister/er Minister/er Kanzler/er Politiker/er Berater/er Leiter/er
Vertreter/er Lehrer/er Forscher/er Wissenschaftler/er Mediziner/er Sportler/er Spieler/er Fahrer/er Trainer/er
Manager/er Gründer/er Inhaber/er Geschäftsführer/er Unternehmer/er Händler/er Arbeiter/er Mitarbeiter/er Anwohner/er
Bewohner/er Einwohner/er Bürger/er Wähler/er Zuschauer/er Besucher/er Teilnehmer/er Veranstalter/er Kritiker/er
Gegner/er Befürworter/er Anhänger/er Unterstützer/er Beobachter/er Insider/er Kläger/er Täter/er Verteidiger/er
Pfleger/er Helfer/er Retter/er Sanitäter/er Schüler/er Sänger/er Schauspieler/er Musiker/er Künstler/er
Schriftsteller/er Botschafter/er Kämpfer/er Kaiser/er Reporter/er Partner/er Verbraucher/er Schützer/er
Gewerkschafter/er Parlamentarier/er Republikaner/er Anleger/er Gläubiger/er Urlauber/er Nutzer/er Vermittler/er
Unterhändler/er Führer/er Befehlshaber/er Wächter/er Sieger/er Meister/er Pfarrer/er Priester/er Rabbiner/er
Opfer/er Bruder,Bruders|Brüder,Brüdern Vater,Vaters|Väter,Vätern Mutter|Mütter,Müttern Tochter|Töchter,Töchtern
Sohn,Sohnes,Sohns|Söhne,Söhnen Schwester|Schwestern Regisseur/e Redakteur/e Gouverneur/e Sekretär/e Funktionär/e
Kommissar/e Offizier/e Kommandeur/e Milizionär/e Häftling/e Flüchtling/e Passagier/e König/e Emir/e Imam/e Kapitän/e
Landwirt/e Aktionär/e Admiral/e Freund/e Muslim/e Moderator/or Autor/or Direktor/or Professor/or Rektor/or
Senator/or Investor/or Organisator/or Inspektor/or Soldat/w Präsident/w Experte/w Kollege/w =Kunde/w Journalist/w
Polizist/w Demonstrant/w Diplomat/w Kandidat/w =Zeuge/w Augenzeuge/w Zeitzeuge/w Kronzeuge/w Analyst/w Ökonom/w
Virologe/w Epidemiologe/w Psychologe/w Soziologe/w Politologe/w Biologe/w Jurist/w Aktivist/w Patient/w Tourist/w
Migrant/w Passant/w Rebell/w Student/w Astronaut/w Pilot/w Athlet/w Fotograf/w Korrespondent/w Repräsentant/w
Protestant/w Katholik/w Separatist/w Islamist/w Extremist/w Terrorist/w Spezialist/w Lobbyist/w Prinz/w Fürst/w
Kommandant/w Agent/w Chirurg/w Mensch/w Christ/w Jude/w +Krat/w Chef/s Fan/s Star/s Premier/s Scheich/s
Abgeordnete/a Vorsitzende/a Beauftragte/a Angehörige/a Verletzte/a Gefangene/a Angeklagte/a Beschuldigte/a
Verdächtige/a Überlebende/a Beschäftigte/a Angestellte/a Delegierte/a Gesandte/a Verantwortliche/a Beteiligte/a
Betroffene/a Studierende/a Reisende/a Bekannte/a Verwandte/a Hinterbliebene/a Geflüchtete/a Freiwillige/a
Jugendliche/a Erwachsene/a Vertraute/a Beamte/a Sachverständige/a Einheimische/a Liberale/a Konservative/a
Demonstrierende/a Deutsche/a Beamtin|Beamtinnen Person|Personen Geisel|Geiseln Witwe|Witwen Frau|Frauen
Kind,Kindes,Kinds|Kinder,Kindern Mann,Mannes,Manns|Männer,Männern
Mitglied,Mitglieds,Mitgliedes|Mitglieder,Mitgliedern Arzt,Arztes,Arzts|Ärzte,Ärzten|Ärztin
Anwalt,Anwalts,Anwaltes|Anwälte,Anwälten|Anwältin Bischof,Bischofs|Bischöfe,Bischöfen|Bischöfin
Papst,Papstes,Papsts|Päpste,Päpsten|Päpstin Kardinal,Kardinals|Kardinäle,Kardinälen
General,Generals|Generäle,Generälen,Generale Landrat,Landrats,Landrates|Landräte,Landräten|Landrätin
Nachbar|Nachbarn|Nachbarin Bauer|Bauern|Bäuerin Boss,Bosses|Bosse,Bossen Ehefrau|Ehefrauen
Ehemann,Ehemannes|Ehemänner,Ehemännern Notarzt,Notarztes|Notärzte,Notärzten|Notärztin
Oberhaupt,Oberhaupts,Oberhauptes|Oberhäupter,Oberhäuptern
"""
# Nationality and inhabitant nouns the ending pattern below cannot derive (umlauts, -e/-en, -i plurals).
_PEOPLE = """
Russe/w Franzose/w Brite/w Chinese/w Türke/w Grieche/w Pole/w Däne/w Schwede/w Finne/w Ire/w Schotte/w Este/w
Lette/w Tscheche/w Slowake/w Kroate/w Serbe/w Bulgare/w Rumäne/w Kurde/w Afghane/w Kasache/w Usbeke/w Asiate/w
Jemenit/w Libanese/w Sudanese/w Vietnamese/w Portugiese/w Senegalese/w Chilene/w Belarusse/w Weißrusse/w Ungar/wn
Israeli/s Saudi/s Katari/s Kosovare/w Venezolaner/er Palästinenser/er Araber/er Europäer/er Niederländer/er
Engländer/er Holländer/er Isländer/er Neuseeländer/er Thailänder/er Ausländer/er Inländer/er Waliser/er Inder/er
Syrer/er Französin|Französinnen
"""
_GROUP = """
Leute|Leuten Eltern|Eltern +Kräfte|Kräften Kreise|Kreisen Truppe/f Taliban|Taliban Familie/f
Geschwister|Geschwistern
"""
_ORG = """
Polizei/f Regierung/f Administration/f Partei/f Fraktion/f Gewerkschaft/f Anwaltschaft/f Kommission/f
Organisation/f Universität/f
Botschaft/f Verwaltung/f Behörde/f Agentur/f Zeitung/f Armee/f Feuerwehr/f Stiftung/f Initiative/f Bewegung/f
Koalition/f Opposition/f Union/f Allianz/f =Nation/f Klinik/f Gemeinde/f Kommune/f Gruppe/f Miliz/f Marine/f
Luftwaffe/f Kammer/f Kirche/f Schule/f Hochschule/f Akademie/f Delegation/f Vereinigung/f Gesellschaft/f
Genossenschaft/f Zentrale/f Direktion/f Justiz/f Garde/f Küstenwache/f Redaktion/f Liga/f Föderation/f Vertretung/f
Bank/f Versicherung/f Plattform/f Regime/s Junta/s Fluggesellschaft/f Airline/s +Aufsicht/f +Spitze/f +Kasse/f
=Bahn/f Geschäftsführung/f Parteiführung/f Konzernführung/f Staatsführung/f Militärführung/f Geschäftsleitung/f
Klinikleitung/f Schulleitung/f Einsatzleitung/f Konzernleitung/f Unternehmensleitung/f Kirchenleitung/f
Beirat,Beirats,Beirates|Beiräte Firma|Firmen Gericht/n Institut/n Parlament/n Konzern/n Verein/n Netzwerk/n
Kabinett/n Konsulat/n Sekretariat/n Kommando/s Magazin/n Portal/n Büro/s Team/s Club/s Klub/s Komitee/s Senat/n
Hauptquartier/n Labor/n Kreis/n Bezirk/n Landkreis/n Bund/n +Dienst/n Sender/er Hersteller/er Anbieter/er
Betreiber/er Herausgeber/er Versorger/er Autobauer/er Discounter/er Ministerium/um Gremium/um Präsidium/um
Konsortium/um Kuratorium/um Direktorium/um Klinikum/um Zentrum/um Kongress,Kongresses|Kongresse,Kongressen
Verband,Verbandes,Verbands|Verbände,Verbänden Rat,Rates,Rats|Räte,Räten Amt,Amtes,Amts|Ämter,Ämtern
Bündnis,Bündnisses|Bündnisse,Bündnissen Unternehmen,Unternehmens Militär,Militärs Kreml,Kremls Pentagon,Pentagons
Vatikan,Vatikans Bundestag,Bundestags,Bundestages Landtag,Landtags,Landtages
Ausschuss,Ausschusses|Ausschüsse,Ausschüssen Vorstand,Vorstands,Vorstandes|Vorstände Verlag,Verlags,Verlages|Verlage
Rundfunk,Rundfunks Fernsehen,Fernsehens =Blatt,Blattes,Blatts Kanal,Kanals|Kanäle,Kanälen
Stab,Stabs,Stabes|Stäbe,Stäben Staat,Staates,Staats|Staaten =Länder,Ländern
Bundesland,Bundeslandes,Bundeslands|Bundesländer,Bundesländern Krankenhaus,Krankenhauses|Krankenhäuser
Rathaus,Rathauses Repräsentantenhaus,Repräsentantenhauses Abgeordnetenhaus,Abgeordnetenhauses Unterhaus,Unterhauses
Oberhaus,Oberhauses Auktionshaus,Auktionshauses Verlagshaus,Verlagshauses Streitkräfte,Streitkräften Bundeswehr
Boulevardblatt,Boulevardblatts Wochenblatt,Wochenblatts
"""
_SOURCE = """
Bericht,Berichts,Berichtes|Berichte,Berichten Angabe/f Meldung/f Studie/f Mitteilung/f Erklärung/f Umfrage/f
Schreiben,Schreibens Website/s Webseite/f Internetseite/f Homepage/s Information/f Schätzung/f Einschätzung/f
Berechnung/f Analyse/f Untersuchung/f Prognose/f Statistik/f =Daten|Daten =Zahlen|Zahlen =Papier/n Positionspapier/n
Strategiepapier/n Brief/n Tweet/s Interview/s Aussage/f Stellungnahme/f Urteil/n
Beschluss,Beschlusses|Beschlüsse,Beschlüssen Gutachten,Gutachtens Protokoll/n Dokument/n Quelle/f Darstellung/f
Erkenntnis|Erkenntnisse,Erkenntnissen Recherche/f Auswertung/f Report/s Kommuniqué/s Verlautbarung/f Anklage/f
Anklageschrift/f =Akten|Akten Unterlagen|Unterlagen Nachricht/f
"""
# Everyday nouns that are never speakers, and words that merely END in a head ("Lautsprecher", "Apparat",
# "Datenbank"): a longer match here beats the head inside it. Inflected forms are derived.
NEVER = frozenset("""
zeit jahr anzahl lage frage computer sommer fehler winter herbst frühling woche monat stunde minute uhr ende anfang
beginn lautsprecher halbleiter blitzableiter ableiter apparat vorrat verrat heirat hausrat unrat zierrat referat
inserat datenbank sandbank parkbank werkbank anklagebank ersatzbank regierungsbank hantelbank gottesdienst
wehrdienst zivildienst militärdienst kriegsdienst schichtdienst nachtdienst bärendienst ehrenamt hauptgericht
nudelgericht fleischgericht fischgericht lieblingsgericht reisgericht druckverband anmeldung abmeldung ummeldung
krankmeldung steuererklärung liebeserklärung einverständniserklärung energiequelle einnahmequelle lichtquelle
fehlerquelle wärmequelle wasserquelle geldquelle nahrungsquelle infektionsquelle gefahrenquelle stromquelle ölquelle
heilquelle rechtsstaat sozialstaat altersgruppe zielgruppe risikogruppe blutgruppe produktgruppe warengruppe
speisekammer dunkelkammer herzkammer lieferkette kühlkette halskette menschenkette fahrradkette teufelskreis umkreis
halbkreis naturkräfte marktkräfte selbstheilungskräfte reiseführer schneemann hampelmann wasserleitung gasleitung
stromleitung rohrleitung ölleitung stadtzentrum ortszentrum einkaufszentrum ladenkasse kriegskasse staatskasse
abendkasse haushaltskasse rückreise rückgrat nitrat substrat quadrat präparat hydrat flatrate gerät maßstab maßstäbe
zauberstab zugspitze fingerspitze tabellenspitze weltspitze kommunion avantgarde schatzkammer brandstiftung
muskelgruppe inselgruppe baugruppe kontrollgruppe schlüsselanhänger wechselrichter gleichrichter drehleiter
plattenspieler rückbank fensterbank schulbank sitzbank nasenspitze südspitze nordspitze brennstab brennstäbe
handbewegung flugbewegung
""".split())
_INFLECTIONS = ("", "s", "es", "e", "en", "n", "er", "ern")
NEVER_FORMS = frozenset(w + e for w in NEVER for e in _INFLECTIONS)

# Media heads: after a speaker, "der Zeitung" is more often the dative addressee than a genitive.
MEDIA = tuple("zeitung zeitungen agentur sender magazin blatt portal fernsehen rundfunk kanal".split())

# News outlets, agencies and parties that speak by name (general knowledge, lowercase token tuples).
_OUTLETS = """
new york times|washington post|wall street journal|financial times|los angeles times|le monde|le figaro|
al jazeera|al arabiya|the guardian|associated press|agence france-presse|deutsche welle|bild am sonntag|
welt am sonntag|frankfurter allgemeine|spiegel|bild|stern|focus|taz|faz|sz|nzz|handelsblatt|tagesspiegel|
reuters|dpa|afp|ap|kna|epd|bloomberg|cnn|bbc|ard|zdf|rtl|ndr|wdr|mdr|swr|orf|srf|tass|interfax|ria|xinhua|
kyodo|yonhap|ukrinform|politico|axios|guardian|telegraph|haaretz|kommersant|iswestija|tagesschau|
deutschlandfunk|anadolu|euronews|nbc|cbs|npr
"""
_PARTIES = "spd|cdu|csu|fdp|afd|bsw|grüne|grünen|linke|linken"
_EXTRA_PLACES = """
usa|großbritannien|england|schottland|wales|nordirland|holland|weißrussland|moldawien|mazedonien|elfenbeinküste|
kongo|korea|palästina|birma|burma|hongkong|macau|tibet|kurdistan|europa|afrika|asien|amerika|lateinamerika|
südamerika|nordamerika|tschechische republik|vereinigte staaten|vereinigten staaten
"""
# Capitals stand for their governments in news ("Moskau wies die Vorwürfe zurück").
_CAPITALS = """
moskau kiew kyjiw washington peking paris london berlin brüssel ankara teheran tokio warschau wien rom madrid
minsk jerusalem riad damaskus kairo bagdad pjöngjang seoul ottawa vilnius riga tallinn prag budapest bern athen
lissabon stockholm oslo helsinki kopenhagen dublin canberra islamabad kabul tiflis eriwan baku doha beirut amman
""".split()
_LOWER_OUTLETS = frozenset({"dpa", "taz", "epd", "kna"})  # written lowercase, unlike adjectives ("linken")
_NOT_ACRONYMS = frozenset({"WM", "EM", "TV", "KI", "PS", "DNA", "PCR", "OK", "PR", "IT", "ID", "SMS", "PDF", "CD"})
_ACRONYM = re.compile(r"^(?:[A-ZÄÖÜ]{2,6}|G\d{1,2})$")
_VERB_PREFIXES = frozenset("ab an auf aus be bei durch ein ent er fort ge her hin miss nach rück über um unter ver vor "
                           "weg wider zer zu zusammen weiter wieder dar".split())
_COUNTRY_ENDINGS = ("", "a", "e", "i", "o", "n", "en", "ia", "ien")
_NATIONALITY_ENDINGS = (("aner", 3), ("ener", 3), ("ier", 3), ("er", 4))  # ending, shortest stem


def _fem(stem: str) -> list[tuple[str, str]]:
    return [(stem + "in", "sg"), (stem + "innen", "pl")]


def _forms(lemma: str, cls: str) -> list[tuple[str, str]]:
    x = lemma.lower()
    if cls == "er":
        return [(x, "?"), (x + "s", "sg"), (x + "n", "pl"), *_fem(x)]
    if cls in ("w", "wn"):
        stem = x[:-1] if x.endswith("e") else x
        oblique = x + "n" if x.endswith("e") or cls == "wn" else x + "en"
        return [(x, "sg"), (oblique, "?"), *_fem(stem)]
    if cls in ("e", "n"):
        return [(x, "sg"), (x + "s", "sg"), (x + "es", "sg"), (x + "e", "pl"), (x + "en", "pl"), *_fem(x)]
    if cls == "or":
        return [(x, "sg"), (x + "s", "sg"), (x + "en", "pl"), *_fem(x)]
    if cls == "s":
        return [(x, "sg"), (x + "s", "?"), *_fem(x)]
    if cls == "a":
        return [(x, "ae"), (x + "n", "aen"), (x + "r", "sg"), (x + "m", "sg")]
    if cls == "f":
        return [(x, "sg"), (x + ("n" if x.endswith(("e", "el", "er")) else "en"), "pl")]
    if cls == "um":
        return [(x, "sg"), (x + "s", "sg"), (x[:-2] + "en", "pl")]
    raise ValueError(f"unknown declension class {cls!r} for {lemma!r}: use one listed in kg/extract/nouns.py")


def _explicit(entry: str) -> list[tuple[str, str]]:
    parts = entry.lower().split("|") + ["", ""]
    out = [(w, "sg") for w in parts[0].split(",") if w] + [(w, "pl") for w in parts[1].split(",") if w]
    return out + (_fem(parts[2][:-2]) if parts[2] else [])


def _build() -> tuple[dict[str, Noun], frozenset[str], frozenset[str], frozenset[str]]:
    heads: dict[str, Noun] = {}
    compound_only: set[str] = set()
    exact_only: set[str] = set()
    hyphen_only: set[str] = set()
    lists = ((_HUMAN, "human", False), (_PEOPLE, "human", True), (_GROUP, "group", False), (_ORG, "org", False),
             (_SOURCE, "source", False))
    for text, cat, people in lists:
        for entry in text.split():
            flag, entry = (entry[0], entry[1:]) if entry[0] in "+=" else ("", entry)
            forms = _explicit(entry) if "/" not in entry else _forms(*entry.split("/"))
            for form, num in forms:
                # adjectival nouns and nationalities double as modifiers: "Deutsche Bahn", "Schweizer Polizei"
                mod_ok = cat == "human" and (people or num in ("ae", "aen"))
                heads.setdefault(form, Noun(cat, "pl" if cat == "group" else num, False, mod_ok))
                if flag == "+":
                    compound_only.add(form)
                elif flag == "=":
                    exact_only.add(form)
                elif people:
                    hyphen_only.add(form)  # "Exil-Russen", but not "Toilette" (Lette) or "Satire" (Ire)
    return heads, frozenset(compound_only), frozenset(exact_only), frozenset(hyphen_only)


HEADS, _COMPOUND_ONLY, _EXACT_ONLY, _HYPHEN_ONLY = _build()


def _split(text: str) -> list[tuple[str, ...]]:
    return [tuple(p.split()) for p in text.replace("\n", "").split("|") if p.strip()]


@cache
def _territories() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    names = [v.lower() for k, v in babel.Locale("de").territories.items()
             if k.isalpha() and len(k) == 2 and k not in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO")]
    names += [" ".join(t) for t in _split(_EXTRA_PLACES)]
    single = {n for n in names if " " not in n} | set(_CAPITALS)
    return frozenset(single), frozenset(tuple(n.split()) for n in names if " " in n)


@cache
def multiword() -> dict[tuple[str, ...], Noun]:
    """Names of several tokens, lowercased: outlets, countries, institutions ("Weiße Haus")."""
    table = {t: Noun("org", "sg", True, True) for t in _split(_OUTLETS) if len(t) > 1}
    table.update({t: Noun("org", "sg", True, True) for t in _territories()[1]})
    table.update({tuple(k.lower().split()): Noun("org", "sg", True, True) for k in lx.ORGANIZATIONS if " " in k})
    return table


@cache
def _proper_orgs() -> frozenset[str]:
    single = {t[0] for t in _split(_OUTLETS + "|" + _PARTIES) if len(t) == 1}
    # lexicon.ORGANIZATIONS also lists common heads ("Polizei"); only its names are proper here.
    named = {k.lower() for k in lx.ORGANIZATIONS if " " not in k and _suffix_head(k.lower()) is None}
    return frozenset(single | named | _territories()[0])


@cache
def _country_stems() -> frozenset[str]:
    # "Kanad" (Kanadier), "Span" (Spanier), "Irak" (Iraker), "Brasili" (Brasilianer): a country less its ending.
    countries = _territories()[0] - set(_CAPITALS)
    return frozenset(c.removesuffix(e) for c in countries for e in _COUNTRY_ENDINGS if c.endswith(e))


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(w for t in _split(_OUTLETS) for w in t)


def is_media(word: str) -> bool:
    """A newspaper, broadcaster or agency word (``Zeitung``, ``Nachrichtenagentur``, ``Times``, ``dpa``)."""
    low = word.lower()
    return low.endswith(MEDIA) or low in _outlet_words()


def is_country(word: str) -> bool:
    return word.lower() in _territories()[0]


def _nationality(low: str) -> Noun | None:
    num = "?"
    if low.endswith("innen"):
        low, num = low[:-5], "pl"
    elif low.endswith("in"):
        low, num = low[:-2], "sg"
    elif low.endswith("ern"):
        low, num = low[:-1], "pl"
    for ending, shortest in _NATIONALITY_ENDINGS:
        stem = low[:-len(ending)]
        if low.endswith(ending) and len(stem) >= shortest and stem in _country_stems():
            return Noun("human", num, False, True)
    return None


def _compound_ok(low: str, k: int) -> bool:
    """May ``low[k:]`` be the head of the compound ``low``?"""
    suffix, modifier = low[k:], low[:k]
    if k == 0:
        return suffix not in _COMPOUND_ONLY
    if suffix in _EXACT_ONLY or modifier in _VERB_PREFIXES:  # "Einführung", "Verdienst" are not compounds
        return False
    if modifier.endswith("-"):
        return True
    # short heads hide in many words ("Stefan", "Heirat", "Sokrates"): they need a longer first part
    return suffix not in _HYPHEN_ONLY and len(modifier) >= (4 if len(suffix) <= 5 else 3)


def _suffix_head(low: str) -> Noun | None:
    # Longest suffix first, so "Lautsprecher" hits NEVER before "sprecher" and "Landrat" beats "rat".
    for k in range(len(low) - 2):
        suffix = low[k:]
        if suffix in NEVER_FORMS:
            return None
        noun = HEADS.get(suffix)
        if noun is not None and _compound_ok(low, k):
            return noun
    return None


@cache
def noun_info(word: str) -> Noun | None:
    """What a capitalised word (or a lowercase outlet like ``dpa``) can name as a speaker, or None."""
    low = word.lower()
    if low in NEVER_FORMS or word in _NOT_ACRONYMS or not word[:1].isalpha():
        return None
    if not word[:1].isupper() and low not in _LOWER_OUTLETS:
        return None
    if low in HEADS and low not in _COMPOUND_ONLY and HEADS[low].cat == "human":
        return HEADS[low]  # "die Polen" are people; the caller makes a bare "Polen" the country
    if low in _proper_orgs():
        return Noun("org", "sg", True, True)
    if _ACRONYM.match(word):
        return Noun("org", "sg", True, True)
    noun = _suffix_head(low)
    if noun is not None:
        return noun
    last = low.rsplit("-", 1)[-1]
    if last != low and last in _proper_orgs():  # "Nord-Korea"
        return Noun("org", "sg", True, True)
    return _nationality(last)
