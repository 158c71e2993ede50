"""Persons and organizations without a statistical NER.

A stateful spaCy component: ``initialize()`` loads the first-name lexicon.
It writes ``doc.spans["kg_mentions"]`` (label ``PER``, ``ORG`` or ``CREDIT``,
``kb_id_`` = the canonical name) and ``doc.user_data["kg_people"]``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon as lx
from kg.extract.docindex import doc_text, doc_texts, index_sentences

_LOWER = "a-zäöüßéèáàóòíìúùçñšžčćłńśźżğıôâêîû'’"
_UPPER = "A-ZÄÖÜÉÈÁÀÓÒÍÌÚÙÇÑŠŽČĆŁŃŚŹŻĞÂÊÎÔÛ"
_CAP_WORD = re.compile(rf"^(?:[{_UPPER}]['’])?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*$")  # also "O’Keefe"
_INITIAL = re.compile(rf"^[{_UPPER}]\.$")
_PARTICLES = frozenset({"von", "van", "de", "der", "al", "bin", "da", "di", "le", "zu"})
_MEMO_MAX = 1 << 16  # words remembered per memo before it starts afresh
_CREDIT_START = re.compile(
    r"^\s*(©|\(c\)|Foto:|Fotos:|Bild:|Bilder:|Quelle:|Copyright|Foto |Von |Text:|Autor:|Autorin:)", re.I)
# Words for one office: "der Regierungschef" may be the Kanzlerin, the Ministerpräsident or the Premier.
_ROLE_SYNONYMS = {"staatschef": "präsident", "staatsoberhaupt": "präsident", "kanzler": "regierungschef",
                  "ministerpräsident": "regierungschef", "premier": "regierungschef",
                  "premierminister": "regierungschef", "amtskollege": "präsident", "außenamtschef": "außenminister"}


@lru_cache(maxsize=1 << 14)
def translit_key(name: str) -> str:
    """One key for transliteration variants: Peskow/Peskov, Sergej/Sergey, Juri/Yuri, Aleksej/Alexei."""
    s = name.lower()
    for a, b in (("sch", "sh"), ("tsch", "ch"), ("ks", "x"), ("w", "v"), ("j", "y"), ("ij", "iy"), ("ej", "ey"),
                 ("ei", "ey"), ("ii", "i"), ("yy", "y")):
        s = s.replace(a, b)
    return re.sub(r"(.)\1", r"\1", s)


@cache
def role_head(word: str) -> str | None:
    """The role a (compound) noun names: ``Kreml-Sprecherin`` -> ``sprecher``."""
    low = word.lower()
    for w in (low, low[:-1], low[:-2]):  # inflected: "Präsidenten", "Sprechers", "Ministerinnen"
        head = _role_head(w)
        if head:
            return head
    return None


_HEADS_LONGEST_FIRST = sorted(set(lx.ROLE_HEADS), key=len, reverse=True)


def _role_head(w: str) -> str | None:
    # Longest first, so "Staatschef" is a head of state and not just any "Chef".
    for head in _HEADS_LONGEST_FIRST:
        if w.endswith(head) and (len(w) == len(head) or w[-len(head) - 1] == "-" or len(w) > len(head) + 2):
            base = head[:-2] if head.endswith("in") and head[:-2] in lx.ROLE_HEADS else head
            return _ROLE_SYNONYMS.get(base, base)
    return None


def is_name_word(tok: Token) -> bool:
    return name_word(tok.text)


# Common German surnames that are also role words; after a given name they are the surname.
_ROLE_SURNAMES = frozenset({"Richter", "König", "Bischof", "Pfarrer"})
_DETERMINERS = frozenset({"der", "die", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines", "einer"})


@lru_cache(maxsize=1 << 16)
def name_word(text: str) -> bool:
    """A capitalised word that may be (part of) a name: no role, speech verb, organization or stop word."""
    if not _CAP_WORD.match(text) or text in lx.NOT_NAMES or text.rstrip("s") in lx.NOT_NAMES:
        return False
    return role_head(text) is None and text.lower() not in lx.SPEECH_FORMS and text not in lx.ORGANIZATIONS


@lru_cache(maxsize=1 << 16)
def _org_suffix(low: str) -> str | None:
    return next((s for s in lx.ORG_SUFFIXES if low.endswith(s) and len(low) > len(s) + 3), None)


@dataclass
class PersonInfo:
    key: str
    surname: str
    gender: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    credit_only: bool = True


class NameFinder:
    """Finds person and organization mentions in a German news Doc."""

    def __init__(self, nlp: Language, name: str = "kg_names") -> None:
        self.name = name
        self.first_names: frozenset[str] = frozenset()
        self.genders: dict[str, str] = {}
        self.nouns: frozenset[str] = frozenset()
        # Per word, over the whole build: the answers depend on the lexicon only.
        self._first: dict[str, bool] = {}
        self._common: dict[str, bool] = {}

    def initialize(self, get_examples: object = None, nlp: Language | None = None) -> None:
        self.first_names = lx.first_names()
        self.genders = lx.first_name_gender()
        self.nouns = lx.inflected_nouns()
        self._first.clear()
        self._common.clear()

    def __call__(self, doc: Doc) -> Doc:
        if not self.first_names:
            self.initialize()
        # Sentence starts are final here (this component runs last); the rules ask tok.sent thousands of times.
        index_sentences(doc)
        people: dict[str, PersonInfo] = {}
        spans: list[Span] = []
        taken = [False] * len(doc)
        texts = doc_texts(doc)
        credit_zone = self._credit_zones(doc)
        for start, end in self._full_names(doc, texts) + self._role_names(doc, texts) + self._model_names(doc):
            if any(taken[start:end]):
                continue
            name = " ".join(texts[start:end])
            spans.append(self._person_span(doc, start, end, name, people, credit=start in credit_zone))
            taken[start:end] = [True] * (end - start)
        spans += self._surname_mentions(doc, texts, people, taken, credit_zone)
        spans += self._organizations(doc, texts, taken)
        for span in spans:
            if span.label_ == "PER":
                self._add_role(doc, span, people[span.kb_id_])
        doc.spans["kg_mentions"] = sorted(spans, key=lambda s: s.start)
        doc.user_data["kg_people"] = people
        return doc

    # -- candidates ------------------------------------------------------
    def _full_names(self, doc: Doc, texts: list[str]) -> list[tuple[int, int]]:
        """First name (+ middle names or initials) + surname."""
        found = []
        i, n = 0, len(texts)
        while i < n:
            if self.is_first(texts[i]) and _CAP_WORD.match(texts[i]):
                j = i + 1
                while j < n and (self.is_first(texts[j]) or _INITIAL.match(texts[j])) \
                        and j + 1 < n and (name_word(texts[j + 1]) or self.is_first(texts[j + 1])):
                    j += 1
                while j < n and texts[j] in _PARTICLES and j + 1 < n and name_word(texts[j + 1]):
                    j += 1
                if j < n and (name_word(texts[j]) or texts[j] in _ROLE_SURNAMES) and doc[j].idx - doc[j - 1].idx < 40 \
                        and "\n" not in doc[j - 1].whitespace_:
                    found.append((i, j + 1))
                    i = j + 1
                    continue
            i += 1
        return found

    def _role_names(self, doc: Doc, texts: list[str]) -> list[tuple[int, int]]:
        """A role or title word right before a capitalised surname: ``Präsident Kennedy``, ``Frau Weber``."""
        found = []
        # Only a role or title word can open one: found in one pass (map runs the cached test in C).
        for i in [i for i, role in enumerate(map(_role_or_title, texts[:-1])) if role]:
            nxt = texts[i + 1]
            if name_word(nxt) and not doc[i].whitespace_.count("\n") \
                    and not self._common_noun(nxt):
                after = texts[i + 2] if i + 2 < len(texts) else None
                # "Präsident Kennedy" but not "Sprecher Außenministerium Meyer" or a noun compound run.
                if after is None or not (after[:1].isupper() and name_word(after)):
                    found.append((i + 1, i + 2))
                elif not self._common_noun(after) and not doc[i + 1].whitespace_.count("\n") \
                        and not role_head(nxt) and not _org_suffix(nxt.lower()):
                    # "Außenministerin Condoleezza Rice": a given name the lexicon lacks, then a surname.
                    found.append((i + 1, i + 3))
        return found

    def is_first(self, word: str) -> bool:
        """A given name; accents are optional in the lexicon (``Étienne`` / ``Etienne``)."""
        known = self._first.get(word)
        if known is None:
            if len(self._first) >= _MEMO_MAX:
                self._first.clear()  # years of news bring new words without end
            known = self._first[word] = self._in_lexicon(word) or (
                # "Hans-Jürgen", "Marie-Luise": double names the lexicon lists only in parts.
                "-" in word and all(part[:1].isupper() and self._in_lexicon(part) for part in word.split("-")))
        return known

    def _german_word(self, tok: Token) -> bool:
        return self._common_noun(tok.text) or role_head(tok.text) is not None or tok.lower_ in lx.word_probabilities()

    def _in_lexicon(self, word: str) -> bool:
        return word in self.first_names or _strip_accents(word) in self.first_names

    def _common_noun(self, word: str) -> bool:
        """An inflected German noun, or a compound ending in one ("Telefongespräche")."""
        known = self._common.get(word)
        if known is None:
            if len(self._common) >= _MEMO_MAX:
                self._common.clear()
            known = self._common[word] = any(word[i:].capitalize() in self.nouns
                                             for i in range(0, max(1, len(word) - 4)))
        return known

    def _model_names(self, doc: Doc) -> list[tuple[int, int]]:
        """Person entities from a user's statistical model, when one is loaded."""
        return [(e.start, e.end) for e in doc.ents if e.label_ in ("PER", "PERSON")]

    def _credit_zones(self, doc: Doc) -> set[int]:
        """Token indices of photo credits and bylines: the first name after ``©``, ``Foto:``, ``Von``."""
        zone: set[int] = set()
        text = doc_text(doc)
        for sent in doc.sents:
            line = text[sent.start_char:sent.end_char]
            if not _CREDIT_START.match(line):
                continue
            if line.lstrip().startswith("Von ") and len(sent) > 8:
                continue  # "Von Montag an ..." is prose, a byline is short
            seen_name = False
            for tok in sent[:12]:
                if self.is_first(tok.text) or is_name_word(tok):
                    zone.add(tok.i)
                    seen_name = True
                elif seen_name:
                    break
        return zone

    # -- building mentions -----------------------------------------------
    def _person_span(self, doc: Doc, start: int, end: int, name: str,
                     people: dict[str, PersonInfo], credit: bool) -> Span:
        texts = doc_texts(doc)
        surname = texts[end - 1]
        # "Angela Merkels Regierung": an -s name before a noun is a genitive; "Étienne Dubois sagte" is not,
        # nor is "Hilda Morales Trujillo" (a second surname, no German noun).
        genitive = end < len(doc) and doc[end].is_alpha and texts[end][:1].isupper() \
            and not self.is_first(texts[end]) and self._german_word(doc[end])
        key = self._key_for(name, surname, people, genitive)
        gender = self.genders.get(texts[start]) or self.genders.get(_strip_accents(texts[start]))
        info = people.setdefault(key, PersonInfo(key=key, surname=surname, gender=gender))
        info.aliases.add(name)
        info.credit_only = info.credit_only and credit
        return Span(doc, start, end, label="CREDIT" if credit else "PER", kb_id=key)

    def _key_for(self, name: str, surname: str, people: dict[str, PersonInfo], genitive: bool = False) -> str:
        """Join a name to a person already seen (genitive, transliteration, middle name), else a new key."""
        bare = surname[:-1] if surname.endswith("s") and not surname.endswith("ss") else surname
        for key, info in people.items():
            if translit_key(info.surname) in (translit_key(surname), translit_key(bare)):
                first_new, first_old = name.split()[0], key.split()[0]
                if len(name.split()) == 1 or len(key.split()) == 1 or \
                        translit_key(first_new)[:3] == translit_key(first_old)[:3]:
                    if len(name.split()) > len(key.split()) and len(key.split()) == 1:
                        people[name] = people.pop(key)
                        people[name].key = name
                        return name
                    return key
        if genitive and bare != surname and len(name.split()) > 1:
            return name[: -1]  # "Angela Merkels Regierung" -> "Angela Merkel"
        return name

    def _surname_mentions(self, doc: Doc, texts: list[str], people: dict[str, PersonInfo], taken: list[bool],
                          credit_zone: set[int]) -> list[Span]:
        index: dict[str, list[str]] = {}
        for key, info in people.items():
            index.setdefault(translit_key(info.surname), []).append(key)
        spans = []
        # Only a capitalised word can be a surname: the pattern runs over all words in one C-level pass.
        for i in [i for i, cap in enumerate(map(_CAP_WORD.match, texts)) if cap is not None and not taken[i]]:
            text = texts[i]
            candidates = index.get(translit_key(text)) or (
                index.get(translit_key(text[:-1])) if text.endswith("s") else None)
            if not candidates or len(candidates) > 1:
                continue  # unknown, or two persons share the surname: do not guess
            if text in _ROLE_SURNAMES and i > 0 and texts[i - 1].lower() in _DETERMINERS:
                continue  # "der Richter" is the judge, even in an article about Jana Richter
            key = candidates[0]
            taken[i] = True
            people[key].aliases.add(text[:-1] if not index.get(translit_key(text)) else text)
            credit = i in credit_zone
            people[key].credit_only = people[key].credit_only and credit
            spans.append(Span(doc, i, i + 1, label="CREDIT" if credit else "PER", kb_id=key))
        return spans

    def _organizations(self, doc: Doc, texts: list[str], taken: list[bool]) -> list[Span]:
        spans = []
        n = len(texts)
        free = 0  # the first token not inside an organization found already
        # Only a word that names an organization, or opens a two-word name, can start a mention:
        # found in one pass (map runs the cached test in C), the others are never visited.
        for i in [i for i, key in enumerate(map(_org_word, texts)) if key is not None or texts[i] in _ORG_NAME_STARTS]:
            if i < free:
                continue
            text = texts[i]
            two = f"{text} {texts[i + 1]}" if i + 1 < n and text in _ORG_NAME_STARTS else ""
            if two in lx.ORGANIZATIONS and not any(taken[i:i + 2]):
                spans.append(Span(doc, i, i + 2, label="ORG", kb_id=lx.ORGANIZATIONS[two]))
                free = i + 2
                continue
            key = None if taken[i] else _org_word(text)
            if key is not None:
                spans.append(Span(doc, i, i + 1, label="ORG", kb_id=key))
        return spans

    def _add_role(self, doc: Doc, span: Span, info: PersonInfo) -> None:
        """Role words right before a name, or in an apposition right after: ``Kreml-Sprecher Peskow``."""
        texts = doc_texts(doc)  # every name asks: the words come from the array, not from new Tokens
        sent_start = span.sent.start
        k = span.start - 1
        if k >= sent_start and texts[k] == ",":
            k -= 1
        if k >= sent_start and role_head(texts[k]):
            first = k
            while first - 1 >= max(sent_start, k - 2) and _is_modifier(doc[first - 1]):
                first -= 1
            info.roles.add(doc[first:k + 1].text)
        after = span.end
        if after + 1 < len(doc) and texts[after] == "," and role_head(texts[after + 1] or ""):
            info.roles.add(texts[after + 1])


@lru_cache(maxsize=1 << 16)
def _role_or_title(text: str) -> bool:
    """A capitalised role or title word (``Präsident``, ``Frau``), which may stand before a surname."""
    return text[:1].isupper() and bool(role_head(text) or text in lx.TITLE_WORDS)


# Every text before a space in an organization's name: "Weißes" of "Weißes Haus".
_ORG_NAME_STARTS = frozenset(name[:k] for name in lx.ORGANIZATIONS for k, ch in enumerate(name) if ch == " ")
# Known organization words that alone name no one organization.
_GENERIC_ORGS = frozenset({"Regierung", "Partei", "Unternehmen", "Konzern", "Verband", "Gericht", "Behörde"})


@lru_cache(maxsize=1 << 16)
def _org_word(text: str) -> str | None:
    """The organization one word names (its key), if any: a known name, or a word with an
    institution's ending (``Finanzamts``); asked of every word of every article."""
    if text in lx.ORGANIZATIONS and text not in _GENERIC_ORGS:
        return lx.ORGANIZATIONS[text]
    if _CAP_WORD.match(text) and role_head(text) is None and _org_suffix(text.lower()):
        return _org_key(text)
    return None


@lru_cache(maxsize=1 << 16)
def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _is_modifier(tok: Token) -> bool:
    """An adjective (``russische``) or a genitive name (``Putins``, ``Russlands``) before a role noun."""
    text = tok.text
    if text.lower() in lx.SPEECH_FORMS or text in ("der", "die", "den", "dem", "des", "eine", "einer", "seine"):
        return False
    if text[:1].islower():
        return text.endswith(("ische", "ischen", "ischer", "e", "en", "er")) and len(text) > 3
    return text.endswith("s") and bool(_CAP_WORD.match(text))


# Genitive endings of institution nouns -> nominative: "des Finanzamts" is the Finanzamt.
_ORG_GENITIVES = {"ums": "um", "amtes": "amt", "amts": "amt", "rates": "rat", "rats": "rat",
                  "gerichtes": "gericht", "gerichts": "gericht", "verbandes": "verband", "verbands": "verband"}


def _org_key(text: str) -> str:
    for ending, nominative in _ORG_GENITIVES.items():
        if text.endswith(ending):
            return text[: -len(ending)] + nominative
    return text


@Language.factory("kg_names")
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    return NameFinder(nlp, name)
