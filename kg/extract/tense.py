"""The tense of a German clause or sentence, from a few readable rules (no parser).

Which Tuesday "am Dienstag" means depends on it: a report picks the latest Tuesday, an announcement the
next one (``kg.extract.dates``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Tense = Literal["past", "present", "future"]

# "morgen" after one of these is the morning ("am Morgen", "jeden Morgen"), not tomorrow.
MORNING_DETERMINERS = frozenset("am den dem des jeden diesen diesem einen einem frühen späten vom zum".split())
WORD = re.compile(r"\w+")
PUNCT_SPLIT = re.compile(r"[,;:!?()\[\]„“”\"»«–—]|(?<=[a-zäöüß]{4})\.")  # "Dez." and "7." do not end a clause
CONJ_SPLIT = re.compile(rf"{PUNCT_SPLIT.pattern}|\b(?:und|aber|sondern|doch|oder)\b")

_FUTURE_AUX = frozenset("wird werden werde wirst werdet soll sollen solle sollst will wollen wolle willst "
                        "möchte möchten".split())
_HABEN = frozenset("hat haben habe hast habt".split())
_SEIN = frozenset("ist sind sei seien bin bist seid".split())
_PLANNING = frozenset("geplant plant planen vorgesehen angesetzt anberaumt terminiert".split())
_PRETERITE = frozenset(
    "war waren wurde wurden hatte hatten sagte sagten erklärte erklärten teilte teilten mitteilte traf trafen "
    "führte führten sprach sprachen betonte betonten kam kamen reiste reisten fand fanden gab gaben ging gingen "
    "forderte forderten warnte warnten meldete meldeten berichtete berichteten bestätigte bestätigten äußerte "
    "äußerten schrieb schrieben hieß verkündete verkündeten unterzeichnete unterzeichneten empfing empfingen "
    "besuchte besuchten kündigte kündigten nannte nannten wies wiesen begann begannen endete endeten stand "
    "standen lag lagen zeigte zeigten beschloss beschlossen entschied einigte einigten vereinbarte vereinbarten "
    "verließ starb wählte wählten lehnte lehnten versprach stieg stiegen sank sanken griff griffen fiel fielen "
    "trat traten rief riefen hielt hielten sah ließ gewann gewannen verlor verloren regnete".split())
_FUTURE_WORDS = frozenset("übermorgen kommende kommenden kommender kommendes nächste nächsten nächster nächstes "
                          "künftig demnächst".split())
_PAST_WORDS = frozenset("gestern vorgestern vergangene vergangenen vergangener vergangenes letzte letzten letzter "
                        "letztes vorige vorigen zuvor damals kürzlich jüngst".split())
# Words that look like an infinitive or participle by their ending but are not verbs.
_NOT_VERBS = frozenset("den einen wegen gegen zwischen unten oben offen morgen gestern vorgestern übermorgen "
                       "intern extern modern recht nicht jetzt bereit weit seit mit selbst meist zuletzt erst "
                       "sonst bisher".split())
_SEPARABLE_PREFIXES = sorted("ab an auf aus bei dar ein fest fort her hin los mit nach statt teil vor weg weiter "
                             "wieder zu zurück zusammen".split() + [""], key=len, reverse=True)
# Verbs whose stem itself starts with "ge", so "abgeben" is an infinitive, not a participle.
_GE_VERBS = frozenset("geben gehen gelten gewinnen genießen gehören geschehen gestehen gefallen gelingen gewähren "
                      "gestalten gewöhnen genehmigen gedenken gebrauchen gefährden".split())


def _is_ge_participle(word: str) -> bool:
    w = word.lower()
    for prefix in _SEPARABLE_PREFIXES:
        if w.startswith(prefix + "ge"):
            stem = w[len(prefix):]
            return stem not in _GE_VERBS and len(stem) >= 5 and stem.endswith(("t", "en"))
    return False


def _is_infinitive(word: str) -> bool:
    # German nouns are capitalised, so a lowercase "-en" word at the end of a clause is almost always a verb.
    if not word[:1].islower() or word in _NOT_VERBS:
        return False
    return word in ("sein", "tun") or (word.endswith(("en", "rn", "ln")) and not _is_ge_participle(word))


def _is_perfect_participle(words: list[str], i: int) -> bool:
    w = words[i]
    return (w[:1].islower() and w.endswith(("t", "en")) and w not in _NOT_VERBS
            and (i == 0 or words[i - 1].lower() != "zu"))  # "hat nichts zu sagen" is not perfect


def _aux_with_verb(words: list[str], lowers: list[str], auxiliaries: frozenset[str],
                   is_verb: Callable[[list[str], int], bool]) -> bool:
    """Main clause "wird ... führen" (auxiliary first, verb last) or subordinate "..., dass sie führen wird".

    ``lowers`` are ``words`` in lower case, made once per clause for the four auxiliary tests.
    """
    if len(words) < 2:
        return False
    if lowers[-1] in auxiliaries and is_verb(words, len(words) - 2):
        return True
    # One C-level set test: most clauses hold none of the auxiliaries.
    return not auxiliaries.isdisjoint(lowers[:-1]) and is_verb(words, len(words) - 1)


def _zu_infinitive_tense(words: list[str]) -> Tense | None:
    """'..., am Freitag nach Kiew zu reisen' announces; '..., dort gewesen zu sein' looks back."""
    if len(words) < 2 or words[-2].lower() != "zu" or not _is_infinitive(words[-1]):
        return None
    if words[0].lower() in ("um", "ohne", "statt", "anstatt"):  # purpose clauses say nothing about when
        return None
    if any(w.lower() in _HABEN | _SEIN for w in words):  # "hat nichts zu verlieren" is about obligation
        return None
    if words[-1] in ("sein", "haben") and len(words) >= 3 and _is_ge_participle(words[-3]):
        return "past"
    return "future"


def _mentions_tomorrow(words: list[str]) -> bool:
    return any(w == "morgen" and (i == 0 or words[i - 1].lower() not in MORNING_DETERMINERS)
               for i, w in enumerate(words))


def _perfect_infinitive(words: list[str], i: int) -> bool:
    """``erklärt haben``, ``abgereist sein``: after a modal ("soll … erklärt haben") it reports the past."""
    return words[i] in ("haben", "sein") and i > 0 and (_is_perfect_participle(words, i - 1)
                                                        or _is_ge_participle(words[i - 1]))


def _future_infinitive(words: list[str], i: int) -> bool:
    """An infinitive after a modal, but not a perfect one."""
    return not _perfect_infinitive(words, i) and _is_infinitive(words[i])


def _has_ierte_verb(clause: str, words: list[str]) -> bool:
    """A lowercase preterite of an -ieren verb ("kritisierte"); the substring test spares the word loop
    in almost every clause."""
    return "ierte" in clause and any(w[:1].islower() and w.endswith(("ierte", "ierten")) for w in words)


def clause_tense(clause: str) -> Tense | None:
    """The tense a clause shows by itself, or None when it has no marker."""
    words = WORD.findall(clause)
    if not words:
        return None
    lowers = [w.lower() for w in words]
    lower = set(lowers)
    if lower & _PLANNING or _aux_with_verb(words, lowers, _FUTURE_AUX, _future_infinitive):
        return "future"
    if (not _PRETERITE.isdisjoint(words) or _has_ierte_verb(clause, words)
            or _aux_with_verb(words, lowers, _HABEN, _is_perfect_participle)
            or _aux_with_verb(words, lowers, _FUTURE_AUX, _perfect_infinitive)
            or _aux_with_verb(words, lowers, _SEIN, lambda ws, i: _is_ge_participle(ws[i]) or ws[i].endswith("iert"))):
        return "past"
    zu_tense = _zu_infinitive_tense(words)
    if zu_tense:
        return zu_tense
    if lower & _FUTURE_WORDS or _mentions_tomorrow(words):
        return "future"
    if lower & _PAST_WORDS:
        return "past"
    return None


def sentence_tense(sentence: str) -> Tense:
    """Guess whether a German sentence reports, announces or describes the present.

    A clause that announces wins, because reports of announcements ("sagte, man werde ...") are common
    and the announced date is the one worth resolving correctly.
    """
    tenses = {clause_tense(clause) for clause in PUNCT_SPLIT.split(sentence)}
    if "future" in tenses:
        return "future"
    if "past" in tenses:
        return "past"
    return clause_tense(sentence) or "present"  # a marker split across clauses: "haben, so X, telefoniert"
