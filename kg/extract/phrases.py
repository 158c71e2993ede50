"""The noun phrase that names a speaker, on tokens alone (``spacy.blank("de")``: no tags, no parser).

Used where a speech frame expects a speaker and no known name was found
(``ein Sprecher des Ministeriums sagte``, ``der Polizei zufolge``), so the
speaker can still be recorded as an unnamed agent, an institution or a
source. A phrase is: determiners, adjectives, a head noun from
``kg.extract.nouns``, then what belongs to the speaker (a name, genitive
attributes, ``von/aus/in/für`` + place or institution, ``(Grüne)``, and a
comma apposition that is a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract import lexicon as lx
from kg.extract.docindex import doc_lowers
from kg.extract.nouns import NEVER_FORMS, Noun, is_country, is_media, multiword, noun_info


@dataclass(frozen=True)
class Phrase:
    start: int  # first token index (including a leading determiner)
    end: int  # token index after the phrase
    head: int  # token index of the head noun
    kind: str  # "person", "group", "org" or "source"
    label: str  # readable label without the leading determiner


_ARTICLES = frozenset("der die das den dem des ein eine einer einem einen eines".split())
_POSSESSIVE = frozenset(p + e for p in ("mein", "dein", "sein", "ihr", "unser", "euer", "dies", "jen", "jed")
                        for e in ("", "e", "er", "em", "en", "es") if p + e not in ("dies", "jen", "jed"))
_QUANTIFIERS = frozenset(w + e for w in ("einig", "mehrer", "viel", "zahlreich", "etlich", "manch", "all", "beid",
                                         "wenig", "sämtlich", "weiter", "verschieden", "hundert", "tausend", "dutzend")
                         for e in ("e", "en")) | frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend dutzend".split())
DETERMINERS = _ARTICLES | _POSSESSIVE | _QUANTIFIERS
_SINGULAR_DETS = frozenset("der des dem ein eines einem einen einer".split()) | frozenset(
    w for w in _POSSESSIVE if not w.endswith(("e", "en")))
_SINGULAR_OBLIQUE = frozenset("des dem einem eines einen".split()) | frozenset(
    w for w in _POSSESSIVE if w.endswith(("em", "es")))

# Lowercase words that end a phrase or start a clause; attributive adjectives never look like these.
FUNCTION_WORDS = frozenset("""
und oder aber sondern denn doch dass daß weil wenn als wie ob obwohl während nachdem bevor damit sodass so also
auch noch schon nur sehr nicht kein keine keinen keiner man es er sie wir ich ihr du sich am im zum zur vom beim
ins ans aufs mit nach bei von aus zu für über unter vor hinter neben zwischen gegen ohne um durch seit bis laut
zufolge gemäß trotz wegen dank statt in an auf hier dort da dann jetzt heute gestern morgen bereits zudem jedoch
allerdings sogar etwa rund fast knapp mehr weniger ebenfalls außerdem deshalb daher dabei darauf darüber dazu
davon wieder immer nie oft bisher zuvor später erst selbst einander welche welcher welches welchen welchem deren
dessen denen was wer wo warum wann ist sind war waren hat haben hatte hatten wird werden wurde wurden worden sei
seien habe hätte hätten wäre wären würde würden kann können konnte konnten muss müssen musste mussten soll sollen
sollte sollten will wollen wollte wollten darf dürfen durfte gibt gab geben gegeben ging gingen kam kamen lange
gerne eher lieber ohnehin insgesamt derzeit zunächst zuletzt inzwischen unterdessen indes nun ja nein
gegenüber außer seither vorher nachher ferner gerade alleine weiter bitte ohne heute
""".split())
# Capitalised words that are never part of a name run: dates, units, everyday nouns.
_STOP_CAPS = frozenset("""
Januar Februar März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag Mittwoch
Donnerstag Freitag Samstag Sonntag Montags Sonntags Jahr Jahre Jahren Jahres Woche Wochen Monat Monate Monaten
Monats Tag Tage Tagen Tages Uhr Nacht Abend Abends Morgen Mittag Wochenende Wochenendes Prozent Euro Dollar
Millionen Milliarden Foto Fotos Video Videos Bild Anfang Ende Mitte Beginn Zeit Zeitpunkt Sorge Angst Protest
Furcht Wut Haft Zivil Kürze Zukunft Gründen Folge Sicht Hinsicht Anbetracht Bezug Hinblick Richtung Respekt
Rücksicht Sachen Summe Teil Teilen Prinzip Interview Gespräch Telefonat Radio Internet Netz Namen Auftrag
""".split())
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "al", "el", "bin", "ben", "da", "di", "le", "zu", "ter"})
_GENITIVE = frozenset({"des", "der", "eines", "einer", "seines", "seiner", "ihres", "ihrer"})
_PREPOSITIONS = frozenset({"von", "vom", "aus", "in", "für"})
_OPEN_QUOTES = frozenset({"„", "“", '"', "»", "«", "‚", "‘"})
_CLOSE_QUOTES = frozenset({"“", "”", '"', "«", "»", "‘", "’"})
_APPOSITION_END = frozenset({",", ".", "!", "?", ";", ":"})
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜÉ][\w'’.]*(?:-[\w'’]+)*"
                        r"|(?:al|el|as|ad|ar|at|an|ben|bin|abu|da|de|di|du|la|le|van|von)-[A-ZÄÖÜ][\w'’]*)$")
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_COMMON_SUFFIXES = ("ung", "heit", "keit", "schaft", "tät", "ion", "nis", "ismus", "tum")  # abstract nouns, not names
_AUX_SINGULAR = frozenset({"hat", "ist", "war", "wurde", "hatte"})
_AUX_PLURAL = frozenset({"haben", "sind", "waren", "wurden", "hatten"})


def _is_determiner(tok: Token) -> bool:
    low = tok.lower_
    return low in DETERMINERS or (low.isdigit() and low != "1")


def _is_adjective(tok: Token) -> bool:
    """An attributive adjective or participle: lowercase and inflected (``stellvertretende``, ``23-jährige``)."""
    last = tok.text.rsplit("-", 1)[-1]
    low = tok.lower_
    if not last[:1].islower() or low in FUNCTION_WORDS or low in DETERMINERS or low in lx.SPEECH_FORMS:
        return False
    return len(last) > 2 and last.isalpha() and last.endswith(_ADJ_ENDINGS)


def _info(tok: Token) -> Noun | None:
    if tok.lower_ in FUNCTION_WORDS or tok.lower_ in DETERMINERS:
        return None
    return noun_info(tok.text)


def _is_namey(tok: Token) -> bool:
    """A word that can be part of a name: ``Campact``, ``Riad``, ``el-Baradei``, ``IAEO``, ``dpa``."""
    text = tok.text
    noun = _info(tok)
    if noun is not None:
        return noun.proper
    if _INITIAL.match(text):
        return True
    low = tok.lower_
    if not _NAME_WORD.match(text) or text in _STOP_CAPS or low in NEVER_FORMS or low.endswith(_COMMON_SUFFIXES):
        return False
    return low not in FUNCTION_WORDS and low not in DETERMINERS and low not in lx.SPEECH_FORMS


def _is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text not in _STOP_CAPS and tok.lower_ not in FUNCTION_WORDS \
        and tok.lower_ not in DETERMINERS and tok.lower_ not in NEVER_FORMS


def _multiword(doc: Doc, k: int, stop: int) -> int:
    """End of a known multi-token name (``New York Times``, ``Weißen Hauses``) at k, or k."""
    table = multiword()
    lowers = doc_lowers(doc)
    for n in (4, 3, 2):
        if k + n <= stop and tuple(lowers[k:k + n]) in table:
            return k + n
    return k


def _name_run(doc: Doc, k: int, stop: int, longest: int = 4) -> int:
    e = k
    while e < stop and e - k < longest:
        if _is_namey(doc[e]):
            e += 1
        elif doc[e].text in _PARTICLES and e > k and e + 1 < stop and _is_namey(doc[e + 1]):
            e += 1
        else:
            break
    return e


def _core(doc: Doc, j: int, stop: int) -> tuple[int, int, Noun] | None:
    """(head, end, noun) of adjectives/modifiers + head noun starting at j."""
    k = j
    while k < stop and k - j <= 4:
        end = _multiword(doc, k, stop)
        if end > k:
            return end - 1, end, Noun("org", "sg", True, True)
        tok = doc[k]
        noun = _info(tok)
        if noun is not None:
            # "Deutsche Bahn", "US Botschaft": the first word only modifies the next head
            while noun.mod_ok and k + 1 < stop and (nxt := _info(doc[k + 1])) is not None and not nxt.proper:
                k, noun = k + 1, nxt
            return k, k + 1, noun
        if not (_is_adjective(tok) or _is_namey(tok) or tok.text[0].isdigit()):
            return None
        k += 1
    return None


def _quoted(doc: Doc, k: int, stop: int) -> int:
    """End of a quoted name (``„Bild“``) at k, or k."""
    if k >= stop or doc[k].text not in _OPEN_QUOTES:
        return k
    e = _name_run(doc, k + 1, stop)
    return e + 1 if k + 1 < e < stop and doc[e].text in _CLOSE_QUOTES else k


def _parenthesis(doc: Doc, e: int, stop: int) -> int:
    if e < stop and doc[e].text == "(":
        k = _name_run(doc, e + 1, stop)
        if e + 1 < k < stop and doc[k].text == ")":
            return k + 1
    return e


def _genitive(doc: Doc, e: int, stop: int, guard_media: bool) -> int:
    """``des saudi-arabischen Gesundheitsministeriums``, ``der New York Times`` after a head."""
    if e >= stop or doc[e].text not in _GENITIVE:
        return e
    k = e + 1
    while k < stop and _is_adjective(doc[k]):
        k += 1
    first = k
    while k < stop and k - first < 4 and (_is_capitalised(doc[k]) or _is_namey(doc[k])):
        k += 1
    if k == first:
        return e
    if guard_media and doc[e].text in ("der", "einer") and any(is_media(t.text) for t in doc[first:k]):
        return e  # "sagte ein Sprecher der Polizei der Zeitung": the paper was told, it did not speak
    return k


def _prepositional(doc: Doc, e: int, stop: int) -> int:
    """``in Berlin``, ``vom Online-Netzwerk Campact``, ``aus dem Kreml`` after a head or a name."""
    if e >= stop or doc[e].text not in _PREPOSITIONS:
        return e
    k = e + 1
    has_det = k < stop and doc[k].lower_ in _ARTICLES
    k += has_det
    core = _core(doc, k, stop)
    if core is not None and core[2].cat != "source":
        return _name_run(doc, core[1], stop)
    end = _name_run(doc, k, stop)
    return end if end > k and not has_det else e


def _apposition(doc: Doc, e: int, stop: int) -> int:
    """``, Mohammed el-Baradei,``: a name between commas after the description."""
    if e + 1 >= stop or doc[e].text != ",":
        return e
    k = _name_run(doc, e + 1, stop)
    closed = k == len(doc) or (k < len(doc) and doc[k].text in _APPOSITION_END)
    is_name = doc[e + 1].text in lx.first_names() or k - (e + 1) >= 2
    return k if k > e + 1 and closed and is_name else e


def _postmodifiers(doc: Doc, e: int, stop: int, has_name: bool) -> int:
    has_genitive = False
    while True:
        before = e
        if (noun := _info(doc[e - 1])) is not None and noun.cat == "org":
            e = _quoted(doc, e, stop)  # "die Zeitung „Bild“"
        e = _parenthesis(doc, e, stop)
        nxt = _genitive(doc, e, stop, guard_media=has_name or has_genitive)
        has_genitive = has_genitive or nxt > e
        e = _prepositional(doc, nxt, stop)
        if e == before:
            return e


def _verb_number(doc: Doc, start: int, end: int) -> str | None:
    """``Experten sagten`` / ``sagte Regierungssprecher``: the finite verb next to a bare phrase."""
    for k in (end, start - 1):
        if 0 <= k < len(doc) and doc[k].text[:1].islower():
            low = doc[k].lower_
            if low in _AUX_PLURAL or (low in lx.SPEECH_FORMS and low.endswith("en")):
                return "pl"
            if low in _AUX_SINGULAR or (low in lx.SPEECH_FORMS and low.endswith(("t", "te"))):
                return "sg"
    return None


def _kind(doc: Doc, noun: Noun, span: tuple[int, int, int, int], has_name: bool) -> str:
    """person or group for a human head, from its form, the determiner and the verb."""
    start, j, head, end = span
    if noun.cat != "human":
        return noun.cat
    if noun.num in ("sg", "pl"):
        return "person" if noun.num == "sg" else "group"
    dets = [t.lower_ for t in doc[start:j]]
    if has_name:
        return "person"  # "Sprecher Hans Meier"
    if any(d in _QUANTIFIERS or d.isdigit() for d in dets):
        return "group"
    if not dets:
        if j < head and doc[j].text[:1].islower() and doc[j].lower_.endswith("er"):
            return "person"  # "stellvertretender Sprecher": a strong singular adjective
        return "person" if _verb_number(doc, start, end) == "sg" else "group"
    if noun.num == "ae":
        return "person"  # "der/die Abgeordnete"; bare "Abgeordnete" is plural (handled above)
    if noun.num == "aen":
        return "person" if dets[0] in _SINGULAR_OBLIQUE else "group"
    if dets[0] == "der" and start > 0 and _is_capitalised(doc[start - 1]):
        return "group"  # "Angaben der Ermittler": a genitive plural
    return "person" if dets[0] in _SINGULAR_DETS else "group"


def _label(doc: Doc, start: int, end: int) -> str:
    k = start
    while k < end - 1 and doc[k].lower_ in DETERMINERS:
        k += 1
    text = doc[k:end].text
    if text[:1] in _OPEN_QUOTES and text[-1:] in _CLOSE_QUOTES:
        text = text[1:-1]  # laut „Spiegel“ -> Spiegel
    return text


def _is_outlet_start(doc: Doc, k: int, stop: int) -> bool:
    """A quoted speaker must be a known outlet: „Spiegel“, „New York Times“ (not „Frieden“)."""
    return _multiword(doc, k, stop) > k or ((noun := _info(doc[k])) is not None and noun.proper)


def _bare_name(doc: Doc, j: int, stop: int) -> int | None:
    """End of ``Hans Müller`` (first name + more name words) at j, or None."""
    if doc[j].text not in lx.first_names():
        return None
    end = _name_run(doc, j, stop)
    if end - j < 2:
        return None
    nxt = _info(doc[end]) if end < stop else None
    if nxt is not None and not nxt.proper and doc[end - 1].text.endswith("s"):
        return None  # "Angela Merkels Sprecher": the name is a genitive before the head
    return end


def noun_phrase(doc: Doc, i: int, limit: int = 12) -> Phrase | None:
    """The speaker-capable noun phrase starting at token i (allowing a determiner/possessive/numeral/adjectives
    first), or None."""
    if not 0 <= i < len(doc) or limit < 1:
        return None
    stop = min(len(doc), i + limit)
    j = i
    while j < stop and _is_determiner(doc[j]):
        j += 1
    if j >= stop:
        return None
    if j == i and _multiword(doc, j, stop) == j and (name_end := _bare_name(doc, j, stop)) is not None:
        end = _postmodifiers(doc, name_end, stop, has_name=True)
        return Phrase(i, end, name_end - 1, "person", _label(doc, i, end))
    quoted = _quoted(doc, j, stop)
    if quoted > j and _is_outlet_start(doc, j + 1, stop):
        end = _postmodifiers(doc, quoted, stop, has_name=True)
        return Phrase(i, end, quoted - 2, "org", _label(doc, i, end))
    core = _core(doc, j, stop)
    if core is None:
        return None
    head, end, noun = core
    if j == i and noun.cat == "human" and is_country(doc[head].text):
        noun = Noun("org", "sg", True, True)  # "Polen" without article is the country, "die Polen" the people
    has_name = False
    if noun.cat != "source":
        named = _name_run(doc, end, stop)
        has_name, end = named > end, named
    end = _postmodifiers(doc, end, stop, has_name)
    appended = _apposition(doc, end, stop)
    kind = _kind(doc, noun, (i, j, head, appended), has_name)
    return Phrase(i, appended, head, kind, _label(doc, i, appended))


def noun_phrase_ending_at(doc: Doc, i: int, earliest: int) -> Phrase | None:
    """The speaker-capable noun phrase whose last token is i (for "X zufolge", "wie X mitteilte"), starting no
    earlier than token `earliest`."""
    if not 0 <= i < len(doc):
        return None
    for start in range(max(0, earliest), i + 1):
        phrase = noun_phrase(doc, start, limit=i + 1 - start)
        if phrase is not None and phrase.end == i + 1:
            return phrase
    return None
