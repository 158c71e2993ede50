"""Word lists for site chrome and dates, kept together so they are easy to extend.

Every entry is lower case; lines are compared after ``casefold()`` and with
surrounding punctuation removed (see ``boilerplate.normalize``). Add general
German news-site patterns here, not phrases that only one site uses.
"""

from __future__ import annotations

# Dense on purpose: one phrase a line would make the lists hard to scan.
# fmt: off

# A line that is exactly one of these (after normalising) is chrome.
CHROME_LINES: tuple[str, ...] = (
    # subscriptions, sharing, ads
    "abonnieren", "jetzt abonnieren", "abo", "abonnement", "newsletter", "podcast",
    "teilen", "share", "teile diesen artikel", "teilen sie diesen artikel", "diesen artikel teilen",
    "artikel teilen", "beitrag teilen", "seite teilen", "share this article", "link kopieren", "link kopiert",
    "werbung", "anzeige", "sponsored", "gesponsert", "advertorial", "werbefrei lesen",
    "e-mail", "mail", "drucken", "merken", "artikel merken", "gefällt mir", "antworten", "melden",
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "xing", "pinterest", "instagram",
    "youtube", "tiktok", "reddit", "flipboard", "threads", "bluesky", "mastodon", "rss",
    # comment, ticker and teaser widgets
    "kommentare", "leserkommentare", "kommentieren", "jetzt kommentieren", "kommentar schreiben",
    "kommentare anzeigen", "kommentare lesen", "zu den kommentaren", "diskussion",
    "newsticker", "liveticker", "live-ticker", "ticker", "live", "liveblog", "chats", "loader",
    "alle meldungen", "mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant",
    "das könnte sie auch interessieren", "das könnte sie interessieren", "empfehlungen",
    "empfohlene artikel", "weitere artikel", "verwandte artikel", "verwandte themen", "themen",
    "schlagwörter", "schlagworte", "tags", "trending", "meistgelesen", "meistgelesene artikel",
    "top-themen", "neueste oben", "älteste oben", "eilmeldung",
    # publication stubs without a date
    "veröffentlicht", "aktualisiert", "zuletzt aktualisiert", "on", "by", "von", "am",
    # navigation and consent
    "startseite", "zur startseite", "home", "menü", "menu", "suche", "navigation", "zurück", "weiter",
    "nach oben", "zum seitenanfang", "login", "anmelden", "abmelden", "registrieren", "einloggen",
    "mein konto", "video", "videos", "audio", "bilder", "fotos", "galerie", "bildergalerie",
    "anhören", "artikel anhören", "vorlesen", "impressum", "datenschutz", "datenschutzerklärung",
    "kontakt", "agb", "nutzungsbedingungen", "cookie-einstellungen", "cookies", "einstellungen",
    "privatsphäre", "schließen", "ok", "akzeptieren", "alle akzeptieren", "zustimmen", "ablehnen",
    "mehr erfahren", "weiterlesen", "mehr lesen", "mehr anzeigen", "mehr", "alle anzeigen",
    "inhalt", "inhaltsverzeichnis", "feedback", "hilfe",
    # section names standing alone on a line (a site's menu, not a heading of the article)
    "politik", "ausland", "inland", "wirtschaft", "sport", "kultur", "panorama", "meinung",
    "nachrichten", "news", "international", "regional", "lokales", "wissen", "gesellschaft",
    "digital", "finanzen", "börse",
)

# A line that starts with one of these is chrome (registration, consent, widgets).
CHROME_PREFIXES: tuple[str, ...] = (
    "registrierung erfolgreich", "klicken sie bitte den link", "bitte klicken sie auf den link",
    "bitte bestätigen sie ihre", "vielen dank für ihre registrierung", "vielen dank für ihre anmeldung",
    "sie haben sich erfolgreich", "vernetzen sie sich mit uns", "folgen sie uns", "folge uns",
    "abonnieren sie", "jetzt abonnieren", "hier abonnieren", "newsletter abonnieren",
    "melden sie sich für", "jetzt anmelden", "jetzt registrieren", "jetzt kostenlos registrieren",
    "um an der diskussion teilzunehmen", "loggen sie sich ein", "um kommentare", "um zu kommentieren",
    "kommentar schreiben", "kommentare anzeigen", "zu den kommentaren",
    "wir verwenden ihre anmeldung", "wir verwenden cookies", "wir nutzen cookies", "wir setzen cookies",
    "diese website verwendet cookies", "diese webseite verwendet cookies", "diese seite verwendet cookies",
    "wir und unsere partner", "cookie-einstellungen", "mit ihrer zustimmung", "durch die nutzung dieser",
    "teile diesen artikel", "teilen sie diesen artikel", "diesen artikel teilen", "artikel teilen",
    "share:", "share this", "lesezeit", "lesedauer", "neueste oben", "älteste oben", "sortieren nach",
    "haftungsausschluss", "disclaimer:", "alle rechte vorbehalten", "dieser artikel wurde automatisch",
)

# Teaser markers: only chrome when followed by ':' or a line end ("Lesen Sie auch: <headline>"),
# because "Lesen Sie auch ..." can open a real sentence.
TEASER_PREFIXES: tuple[str, ...] = (
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "lesen sie hier", "auch interessant",
    "das könnte sie auch interessieren", "alle meldungen", "zum thema", "passend dazu", "siehe auch",
)

# Phrases that mark a line as chrome wherever they stand in it.
CHROME_PHRASES: tuple[str, ...] = (
    "link aus der e-mail", "sie können sich jederzeit abmelden", "jederzeit widerrufen",
    "nicht unbedingt die von", "nicht unbedingt die meinung der redaktion",
    "geben nicht unbedingt die meinung", "in diesen artikeln vertretenen positionen",
    # a site talking about itself: disclaimers, not news
    "auf dieser website", "auf dieser webseite", "auf dieser internetseite",
)

# After one of these lines, late in the text, everything is comments or teasers.
TAIL_MARKERS: tuple[str, ...] = (
    "kommentare", "leserkommentare", "newsticker", "trending", "meistgelesen", "meistgelesene artikel",
    "das könnte sie auch interessieren", "empfohlene artikel", "weitere artikel", "verwandte artikel",
    "um an der diskussion teilzunehmen",
)

# Words that may surround a date or time on a line that is only a timestamp.
TIMESTAMP_WORDS: tuple[str, ...] = (
    "veröffentlicht", "aktualisiert", "zuletzt", "stand", "erstellt", "geändert", "publiziert",
    "erschienen", "datum", "am", "um", "uhr", "vor", "seit", "sekunden", "sekunde", "minuten", "minute",
    "min", "stunden", "stunde", "std", "tagen", "tag", "tage", "gestern", "heute", "mez", "mesz", "cet",
    "cest", "utc", "gmt",
)

# Words on a line that make a date on it the publication date rather than a date in prose.
DATELINE_CUES: tuple[str, ...] = (
    "veröffentlicht", "aktualisiert", "stand", "erstellt", "publiziert", "erschienen", "datum",
)

WEEKDAYS: tuple[str, ...] = (
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "mo", "di", "mi", "do", "fr", "sa", "so",
)

# Month names and common abbreviations -> month number.
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "maerz": 3,
    "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}

# fmt: on

# Letters that re.IGNORECASE matches to an ASCII letter of these words but str.lower() keeps apart:
# a pattern may match "auguſt" or "Dİenstag", whose lower() is no key of the tables above.
_IGNORECASE_ODD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def word_key(word: str) -> str:
    """The table key for a word an IGNORECASE pattern matched."""
    return word.translate(_IGNORECASE_ODD).lower()
