"""Names and titles in quotation marks: tells „Der Schrei“ the film apart from someone's quoted words.

German papers put names of works, products, ships, organisations and terms in quotation marks
too. is_title tells those apart from quoted words; a wrong True drops a real quotation, so only
clear cues count and anything that reads like speech stays a quote.
"""

from __future__ import annotations

import re

from kg.extract.quotes import PAIRS, Quote, find_quotes

# Nouns that introduce a name (der Film „…“, die Kartoffelsorte „…“). Matched as the last part of a
# compound, so Fernsehserie, Tageszeitung and Fährschiff count too.
NAMING_NOUNS: frozenset[str] = frozenset("""
    film kinofilm buch roman werk titel album single song lied hit oper musical gedicht gemälde
    stück serie reihe sendung show episode folge ausstellung drama komödie thriller krimi
    dokumentation doku reportage spiel enzyklika zeitung zeitschrift magazin blatt sender
    agentur portal website webseite internetseite plattform blog dienst kanal homepage site
    illustrierte marke sorte modell produkt software programm betriebssystem app browser
    fahrzeug flugzeug hubschrauber rakete sonde satellit teleskop kapsel modul raumfähre shuttle
    schiff frachter tanker fähre jacht yacht boot zug lok lokomotive medikament präparat pille
    restaurant hotel café club klub lokal kneipe gaststätte diskothek kino theater museum
    stadion arena halle kaufhaus gasthaus gasthof wirtshaus quartier camp lager denkmal
    firma unternehmen konzern gruppe bewegung initiative kampagne aktion bündnis stiftung
    institut gewerkschaft verlag label band ensemble chor orchester verein verband vereinigung
    organisation partei fraktion miliz einheit brigade kommando clan fluggesellschaft airline
    operation mission projekt festival messe wettbewerb turnier tour preis award auszeichnung
    orden kategorie klasse rubrik prädikat motto slogan begriff name bezeichnung kürzel
    abkürzung pseudonym hashtag domain stichwort schlagwort unwort überschrift thema studie
    gesetz klassiker hurrikan orkan sturm taifun zyklon virus variante
""".split())
# Short naming nouns count only as the whole word: as a compound ending they are too often
# something else (Nachbar, Zeitungsente does not end in one, but Anzug would end in zug).
SHORT_NAMING_NOUNS: frozenset[str] = frozenset({"typ", "tief", "hoch", "bar", "lp", "cd", "dvd", "ep"})
# Words that end like a naming noun but introduce someone's words (Antwort, Beispiel, Spruch).
NOT_NAMING: frozenset[str] = frozenset({
    "antwort", "aussage", "vorname", "beispiel", "spruch", "reaktion", "redaktion",
})
# Inflection endings stripped before the lookup (Typs, Sendern, Lieder, Namen).
_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern", "nen")
# Words right before the quote that say a name follows.
NAMING_CUES: frozenset[str] = frozenset({"namens", "genannt", "betitelt", "titel", "heißt", "heißen"})
# Words before a colon or inside brackets that introduce a translation or short form (etwa: „…“).
TRANSLATION_CUES: frozenset[str] = frozenset({
    "etwa", "übersetzt", "kurz", "deutsch", "englisch", "engl", "dt", "wörtlich", "sinngemäß",
})
# Determiners that go with names (die „Cessna“); the words in SCARE_BEFORE go with scare quotes and
# judgements (eine „Ente“, als „falsch“, sehr „positiv“).
DEFINITE: frozenset[str] = frozenset({
    "der", "die", "das", "dem", "den", "des", "im", "am", "vom", "zum", "zur", "beim", "ins",
})
SCARE_BEFORE: frozenset[str] = frozenset({
    "ein", "eine", "einen", "einem", "einer", "eines", "als", "kein", "keine", "keinen", "keinem",
    "keiner", "so", "sehr", "zu", "wie", "von",
})
# Prepositions naming a source: laut „Reuters“, gegenüber dem „Tagesspiegel“.
SOURCE_BEFORE: frozenset[str] = frozenset({"laut", "lt", "gegenüber"})
# Speech and judgement verbs: a quote later in their clause is most likely the speaker's words.
_SPEECH_STEMS = (
    r"(sag|sprach|sprich|nann|nenn|bezeichn|erklär|beton|meint|meinte|warf|wirf|warn|kritisier|"
    r"forder|lobt|lobte|schrieb|schreib|zitier|antwort|entgegn|erwider|äußer|sieht|sah|hält|hielt|"
    r"beschrieb|beschreib|urteil|bewert|kommentier|beklag|befürcht|bekräftig|unterstrich|versicher|"
    r"verteidig|begründ|rief|ruft|droht|drohte|bescheinig|attestier|attackier|würdig|spottet|"
    r"appellier|mahnt|bemängel|gab|zeigte?n?\s+sich|teilt|wies|verwies|hinweis|verweis|kündigt|"
    r"fügt|räumt|begrüß|empört|verurteil|dementier|bestätig|bestritt|bestreit|erzählt|ergänzt|"
    r"berichtet|meldet|titelt|gesagt|gesprochen|gewarnt|gefordert|gelobt|gemahnt|hingewiesen|"
    r"verwiesen|angekündigt|mitgeteilt|geäußert|vorgeworfen|zugegeben|eingeräumt)\w*\b"
)
SPEECH_VERB_RE = re.compile(r"\b" + _SPEECH_STEMS)
# Words that attribute a sentence to someone without a verb (laut Weber, nach Angaben der Polizei).
REPORT_CUE_RE = re.compile(r"\b([Ll]aut|zufolge|[Nn]ach (Angaben|Ansicht|Meinung|Auffassung|Einschätzung|Worten))\b")
# After the quote: a speech frame („…“, sagte er / „…“, so Weber) makes it someone's words ...
_SPEECH_AFTER_RE = re.compile(r"\s*[,–—-]\s*((so|wie|hieß|heißt)\b|" + _SPEECH_STEMS + ")")
# Subjunctive forms mark reported speech (der Pilot trage die „…“): a quote in such a sentence may be
# the speaker's own word even without a speech verb nearby.
KONJUNKTIV_RE = re.compile(
    r"\b(sei|seien|habe|hätte|hätten|werde|würde|würden|könne|könnten|müsse|müssten|solle|sollten|"
    r"wolle|dürfe|dürften|möge|gebe|gäbe|wäre|wären|trage|stehe|gehe|komme|bleibe|liege|brauche)\b",
    re.IGNORECASE)
# A speech verb directly before the quote, at most with an article between (sagte der „…“).
_SPEECH_VERB_NEXT_RE = re.compile(SPEECH_VERB_RE.pattern + r"\s+(der|die|das|dem|den|zum|zur|im)\s+$")
# ... while "also called" and a reporting verb without a comma make it a name (wie „Heise“ berichtet).
_NAMED_AFTER_RE = re.compile(
    r"\s*(\)\s*)?(,\s*wie\s+(\w+\s+){1,4}genannt\s+(wird|wurde)\b|berichtet\b|berichtete\b|"
    r"meldet\b|meldete\b)")
# Function words of English and Romance languages that German does not share: a quote with them
# is a foreign name (National Hurricane Centre, People's Alliance for Democracy).
FOREIGN_WORDS: frozenset[str] = frozenset({
    "the", "of", "and", "for", "with", "from", "is", "are", "this", "that", "by", "to", "at", "on",
    "my", "your", "our", "its", "not", "you", "we", "la", "le", "les", "du", "del", "della", "di",
    "el", "los", "las", "y", "et", "pour", "por", "para", "con", "de",
})
# Lowercase joiners allowed inside a title-case foreign name (Bank of America, Casa de la Cultura).
_FOREIGN_JOINERS = frozenset({"of", "for", "and", "the", "de", "la", "le", "les", "du", "del", "di",
                              "da", "do", "dos", "y", "et", "on", "in", "&", "–", "-", "+"})
_FOREIGN_LETTERS = frozenset("ãõçñåøłčšžřęąőűğışéèêëàâáíìîóòôúùûý")
# Abbreviations a name may end with; their dot does not end a sentence.
_NAME_DOT_END_RE = re.compile(r"\b(Inc|Corp|Ltd|Co|e\.V|S\.A|S\.E|Jr|Sr)\.$")
_LIST_JOIN_RE = re.compile(r"\s*(,|und|oder|sowie|bzw\.|beziehungsweise)\s*")
_WORD_RE = re.compile(r"[\w'’.&+-]+")
_ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-ZÄÖÜ][\w&./-]*[A-Z0-9][\w&./-]*)\)")
_TRANSLATION_AFTER_RE = re.compile(r"\s*\((„|\"|»|etwa|übersetzt|dt\.|deutsch|engl\.|englisch|wörtlich)")


def _paragraph_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _text_before(text: str, q: Quote, limit: int = 120) -> str:
    return text[max(_paragraph_start(text, q.begin), q.begin - limit):q.begin]


def _words_before(text: str, q: Quote, n: int) -> list[str]:
    return _WORD_RE.findall(_text_before(text, q, 40 * n))[-n:]


def _is_naming_noun(word: str) -> bool:
    head = word.split("-")[-1]
    if not head[:1].isupper():
        return False
    low = head.lower()
    for ending in _ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[:len(low) - len(ending)] if ending else low
        if stem in NOT_NAMING:
            return False
        if stem in SHORT_NAMING_NOUNS or stem in NAMING_NOUNS:
            return True
        if any(stem.endswith(noun) for noun in NAMING_NOUNS if len(noun) >= 4):
            return True
    return False


def _named_before(text: str, q: Quote) -> bool:
    """A naming noun or cue right before the quote (Film „…“, Lieder wie „…“, so genannte „…“)."""
    words = _words_before(text, q, 3)
    if not words:
        return False
    last = words[-1].lower()
    if text[q.begin - 1:q.begin] == "(":
        return _is_naming_noun(words[-1])  # Clan („…“), but not so genannte („…“)
    if last in NAMING_CUES or last.startswith("sogenannt") or (
            last.startswith("genannt") and len(words) > 1 and words[-2].lower() == "so"):
        return True
    if last in {"wie", "namens"} and len(words) > 1:
        return _is_naming_noun(words[-2])
    return _is_naming_noun(words[-1])


def _translation_before(text: str, q: Quote) -> bool:
    """(übersetzt etwa: „…“), engl. „…“, kurz „…“: another name for something just named."""
    before = _text_before(text, q, 60).rstrip()
    bracket = before.rfind("(")
    if bracket >= 0 and ")" not in before[bracket:]:
        inside = _WORD_RE.findall(before[bracket:])
        return bool(inside) and inside[0].lower().rstrip(".") in TRANSLATION_CUES
    words = _WORD_RE.findall(before)
    # Outside brackets "etwa:" is "for example:" and may well introduce a quotation.
    return bool(words) and words[-1].lower().rstrip(".") in TRANSLATION_CUES - {"etwa"} and not _speech_clause(text, q)


def _sentence_start(text: str, q: Quote) -> bool:
    before = _text_before(text, q, 20).rstrip()
    return not before or before[-1] in ".!?:;"


def _speech_clause(text: str, q: Quote) -> bool:
    """A speech or judgement verb earlier in the quote's clause (nannte den Bericht eine „…“)."""
    clause = re.split(r"[.!?;:]\s", _text_before(text, q))[-1]
    return bool(SPEECH_VERB_RE.search(clause))


def _reported_sentence(text: str, q: Quote, verbs: bool = True) -> bool:
    """The quote's sentence has a subjunctive, a laut/zufolge or (if verbs) a speech verb outside the marks."""
    start = max(_paragraph_start(text, q.begin), q.begin - 300)
    ends = [m.start() for m in re.finditer(r"[.!?]\s", text[start:q.begin])]
    before = text[start + ends[-1] + 1 if ends else start:q.begin]
    after = re.split(r"[.!?](\s|$)|\n", text[q.end:q.end + 300])[0]
    sentence = before + " " + after
    cues = (SPEECH_VERB_RE, KONJUNKTIV_RE, REPORT_CUE_RE) if verbs else (KONJUNKTIV_RE, REPORT_CUE_RE)
    return any(rx.search(sentence) for rx in cues)


def _inside_other_quote(text: str, q: Quote) -> bool:
    """A closing mark later in the paragraph with no opening one first: q sits inside a quotation."""
    # German single marks nest inside „…“, so a stray “ after ‚…‘ is the outer quote closing.
    opener = "„" if text[q.begin] == "‚" else text[q.begin]
    if opener == "\"":
        return False  # straight marks open and close alike; nothing to tell from
    end = text.find("\n", q.end)
    for ch in text[q.end:end if end >= 0 else len(text)]:
        if ch == opener:
            return False
        if ch in PAIRS[opener] and ch != "\"":
            return True
    return False


def _looks_foreign(words: list[str]) -> bool:
    low = [w.lower().strip(".,") for w in words]
    if any(w in FOREIGN_WORDS for w in low) or any("'s" in w or "’s" in w for w in low):
        return True
    return any(ch in _FOREIGN_LETTERS for w in low for ch in w)


def _is_title_case(words: list[str]) -> bool:
    """Every word capitalised (or a number / foreign joiner): Moskauer Nächte, Jungle World."""
    content = [w for w in words if w not in _FOREIGN_JOINERS]
    if len(words) < 2 or not content or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _strong_name_shape(word: str) -> bool:
    """No German word looks like this: iPod, tagesschau.de, U2, Mi-8, BBC."""
    w = word.strip(".,")
    if re.search(r"[a-zäöü][A-Z]", w) or re.search(r"\w\.(de|com|net|org|eu|at|ch|info)$", w):
        return True
    if re.search(r"[^\W\d_]", w) and re.search(r"\d", w):
        return True
    return len(w) >= 2 and w.isupper()


def _weak_name_shape(word: str) -> bool:
    """Unusual for a German word, usual for names: Cessna, Troika, Tranquility, Škoda."""
    low = word.strip(".,").lower()
    return low[-1:] in set("aiouy") or "y" in low or any(ch in _FOREIGN_LETTERS for ch in low)


def _name_shaped(words: list[str]) -> bool:
    """Shaped like a name whatever the context: Der Schrei, iPod nano, Cessna, Jungle World."""
    if len(words) > 1:
        return _is_title_case(words) or (_looks_foreign(words) and words[0][:1].isupper())
    return _strong_name_shape(words[0]) or (words[0][:1].isupper() and _weak_name_shape(words[0]))


def _shape_says_name(inner: str, text: str, q: Quote) -> bool:
    """Name-like shape, if nothing around the quote says it is someone's words."""
    words = inner.split()
    if not words or len(words) > 8:
        return False
    strong = _strong_name_shape(words[0])
    if not (words[0][:1].isupper() or strong):
        return False
    before = _words_before(text, q, 2)
    prev = "" if _sentence_start(text, q) else before[-1] if before else ""
    if prev.lower() in DEFINITE and len(before) > 1 and before[-2].lower() in SOURCE_BEFORE:
        prev = before[-2]
    multiword_name = len(words) > 1 and _name_shaped(words)
    if prev.lower() in SOURCE_BEFORE:
        return len(words) <= 4
    if prev.lower() == "von" and strong and len(words) <= 4:
        return True  # von „BBC News“
    if prev.lower() in SCARE_BEFORE:
        return False
    if _speech_clause(text, q):
        # sagte der „Berliner Zeitung“ / schrieb „Die Zeit“: the verb's addressee or subject. With
        # neither article the verb most likely introduces its own words (rief „Hoch Die Tassen“).
        article = " die " if words[0].lower() in {"der", "die", "das", "the"} else ""
        adjacent = _SPEECH_VERB_NEXT_RE.search(_text_before(text, q, 40).rstrip() + article + " ")
        return multiword_name and adjacent is not None
    if strong and len(words) <= 4:
        return True
    if text[q.begin - 1:q.begin] == "(" and text[q.end:q.end + 1] == ")" and len(words) <= 3:
        return True  # a term explained in brackets: Kapitelzeichen („Bookmarks“)
    if len(words) > 1 and words[0][:1].isupper() and _looks_foreign(words):
        return True  # Nuestra Señora, Friends of the Earth: nobody's German words
    if multiword_name:
        # A speech verb later in the sentence is often the name's own (die „Süddeutsche Zeitung“
        # berichtete); a subjunctive or laut/zufolge makes the sentence someone's words.
        return not _reported_sentence(text, q, verbs=False)
    if _reported_sentence(text, q):
        return False  # der Pilot trage die „Schuld“; laut Weber ist das „Drama“ nicht vorbei
    if len(words) == 1 and _weak_name_shape(words[0]):
        return not prev or prev.lower() in DEFINITE or prev[:1].isupper()
    return len(words) == 1 and prev.lower() in DEFINITE  # die „Lindenstraße“


def _names_itself(words: list[str], text: str, q: Quote) -> bool:
    """A name that says its own kind: Süddeutsche Zeitung, Aktion Deutschland hilft, Gesetz zur …"""
    if not 2 <= len(words) <= 12:
        return False
    before = _words_before(text, q, 1)
    if before and before[-1].lower() in SCARE_BEFORE or _speech_clause(text, q):
        return False
    if _is_title_case(words) and _is_naming_noun(words[-1]):
        return True
    return _is_naming_noun(words[0]) and not _reported_sentence(text, q)


def _previous_quote(text: str, q: Quote) -> Quote | None:
    start = _paragraph_start(text, q.begin)
    found = find_quotes(text[start:q.begin])
    if not found:
        return None
    prev = Quote(start + found[-1].begin, start + found[-1].end)
    return prev if _LIST_JOIN_RE.fullmatch(text[prev.end:q.begin]) else None


def _reads_as_speech(inner: str, text: str, q: Quote) -> bool:
    """A full sentence, a speech frame after it, or a quote nested in a longer quotation."""
    ends_sentence = inner[-1] in ".!?…" and not _NAME_DOT_END_RE.search(inner)
    if ends_sentence and (inner[-1] in ".…" or not _named_before(text, q)):
        return True
    if _SPEECH_AFTER_RE.match(text, q.end) and not _NAMED_AFTER_RE.match(text, q.end):
        return True
    return _inside_other_quote(text, q)


def is_title(text: str, q: Quote) -> bool:
    """True when the quotation marks hold a name or title (der Film „Der Schrei“), not someone's words."""
    inner = text[q.begin + 1:q.end - 1].strip()
    if not inner or _reads_as_speech(inner, text, q):
        return False
    words = inner.split()
    if _translation_before(text, q):
        return True
    if _text_before(text, q).rstrip().endswith(":"):
        return False
    if _named_before(text, q):
        if _speech_clause(text, q) and not _name_shaped(words):
            return False  # nannte den Film „großartig“: a judgement, not the film's title
        return len(words) <= 3 or (inner[:1].isupper() and len(words) <= 12)
    if re.match(r"-\w", text[q.end:q.end + 2]):
        return True  # „Thalys“-Schnellzüge
    if inner[:1].isupper() and _ACRONYM_AFTER_RE.match(text, q.end):
        return True  # „Allianz für den Wandel“ (AfW)
    if (inner[:1].isupper() or len(words) <= 3) and _NAMED_AFTER_RE.match(text, q.end):
        return True
    also = _words_before(text, q, 1)
    if also == ["auch"] and re.match(r"\s*genannt\b", text[q.end:]):
        return True  # das Profil 2.0, auch „BD-Live“ genannt
    if _TRANSLATION_AFTER_RE.match(text, q.end) and not _speech_clause(text, q):
        return True
    if _shape_says_name(inner, text, q) or _names_itself(words, text, q):
        return True
    prev = _previous_quote(text, q)
    return prev is not None and is_title(text, prev)
