"""Who a noun phrase stands for: names, role descriptions (``der Kreml-Sprecher``) and pronouns.

``Context`` wraps a processed Doc and answers "which person or organization
does the phrase starting at token i refer to?". Salience follows news
style: a pronoun or role description refers to the most recent speaker if
there is one nearby, else to the most recent fitting mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon as lx
from kg.extract.docindex import doc_lowers, doc_texts
from kg.extract.names import PersonInfo, role_head
from kg.extract.phrases import Phrase, noun_phrase, noun_phrase_ending_at

# An age before a name or role: "der 33-jährige Bellini", "die 81-Jährige".
_AGE = re.compile(r"^\d+-[Jj]ährige[nrs]?$")
_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen",
                          "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
                          "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine"})
_NATIONALITY = {"russ": "russ", "us": "us", "amerikan": "us", "deutsch": "deutsch", "ukrain": "ukrain",
                "franz": "franz", "chines": "chin", "china": "chin", "brit": "brit", "poln": "pol", "polen": "pol",
                "kreml": "russ", "weißen": "us", "türk": "türk", "ital": "ital", "israel": "israel", "iran": "iran"}

_PREPOSITIONS = frozenset("""an am auf aus bei beim durch für gegen gegenüber hinter in im ins mit nach neben
ohne seit über um unter von vom vor wegen zu zum zur zwischen""".split())  # not "während": mostly a conjunction
# Words that end the search for a subject: a new clause or a conjunction.
_CLAUSE_WORDS = frozenset({"dass", "daß", "ob", "und", "oder", "aber", "weil", "wenn", "als", "der", "die", "das",
                           "den", "dem", "des", "wie", "was", "wer", "sich", "es"})
_INDEFINITE = frozenset({"ein", "eine", "einer", "einem", "einen", "eines"})
# Heads of a phrase whose words are the institution's ("ein Sprecher des Ministeriums").
_SPEAKS_FOR = ("sprecher", "sprecherin", "sprechers", "pressestelle", "mitteilung", "erklärung", "vertreter",
               "vertreterin", "vertreters")


@dataclass
class Referent:
    key: str
    type: str  # "person" or "org"
    mention: Span  # the words that name it here (a name, a role phrase or a pronoun)
    kind: str  # "name", "role", "pronoun", "org", "description"
    label: str | None = None  # for an unnamed agent: the description ("Sprecher der Polizei")

    @classmethod
    def named(cls, m: Span) -> Referent:
        """The person or organization a name mention (``kg_mentions``) stands for, named by it."""
        return cls(m.kb_id_, "org", m, "org") if m.label_ == "ORG" else cls(m.kb_id_, "person", m, "name")

    @classmethod
    def agent(cls, words: Span, label: str | None = None) -> Referent:
        """An unnamed agent the ``words`` describe; ``label`` (default: the words) is its description."""
        label = words.text if label is None else label
        return cls(f"agent:{label}", "agent", words, "description", label)


_MASCULINE_DETS = frozenset("der dem den des ein einem einen eines".split())


def _role_gender(words: list[str]) -> str | None:
    """``die Kanzlerin`` -> female; ``der Regierungschef`` -> male; a plural or bare noun says nothing."""
    noun = words[-1].lower()
    if noun.endswith(("in", "innen")) and role_head(words[-1][:-2]) is not None:
        return "female"
    if words[0].lower() in _MASCULINE_DETS and not noun.endswith(("in", "innen")):
        return "male"
    return None


def _nationality(words: list[str]) -> str | None:
    for w in words:
        low = w.lower()
        for stem, nat in _NATIONALITY.items():
            if low.startswith(stem) or f"{stem}-" in low:
                return nat
    return None


class Context:
    """Mentions of one article and the rules that resolve phrases to them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: dict[str, PersonInfo] = doc.user_data.get("kg_people", {})
        self.mentions = [m for m in doc.spans["kg_mentions"] if m.label_ in ("PER", "ORG")]
        self.by_token: dict[int, Span] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self.agent_labels: dict[str, str] = {}  # unnamed agents' keys -> their descriptions
        self.speakers: list[tuple[int, str]] = []  # (token index, key) of attributed speech, in order
        self.orgs: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.label_ == "ORG":
                self.orgs.setdefault(m.kb_id_, set()).add(m.text)
        self._words: dict[tuple[int, int], list[Token]] = {}
        self._ending_at: dict[tuple[int, int], Phrase | None] = {}
        self._genitive: dict[tuple[int, int], bool] = {}
        # Each token's text and lower case (final once the pipeline has run), for the rules' word tests.
        self.texts, self.lowers = doc_texts(doc), doc_lowers(doc)

    def _phrase_ending_at(self, i: int, earliest: int) -> Phrase | None:
        """``noun_phrase_ending_at``, once per (token, earliest start): a speaker's phrase is sought from
        several frames, and each search tries every start before it."""
        key = (i, earliest)
        if key not in self._ending_at:
            self._ending_at[key] = noun_phrase_ending_at(self.doc, i, earliest)
        return self._ending_at[key]

    def first_word(self, sent: Span) -> int:
        """The index of the sentence's first token that is not whitespace (its start if there is none)."""
        words = self._sentence_words(sent)
        return words[0].i if words else sent.start

    def words(self, sent: Span) -> list[Token]:
        """The sentence's tokens without whitespace tokens; several frame finders read each sentence."""
        return list(self._sentence_words(sent))

    def _sentence_words(self, sent: Span) -> list[Token]:
        key = (sent.start, sent.end)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = [t for t in sent if not t.is_space]
        return found

    # -- bookkeeping ---------------------------------------------------------
    def note_speaker(self, token_index: int, key: str) -> None:
        self.speakers.append((token_index, key))

    def is_genitive(self, mention: Span) -> bool:
        """``Putins Berater``: the name is a possessor, not the subject.

        Asked of every name each rule passes; the mentions never overlap, so their token range
        identifies them, and the answer is kept (``Span.text`` joins the tokens on every read).
        """
        key = (mention.start, mention.end)
        known = self._genitive.get(key)
        if known is None:
            known = self._genitive[key] = self._is_genitive(mention)
        return known

    def _is_genitive(self, mention: Span) -> bool:
        if mention.label_ != "PER" or not mention.text.endswith("s"):
            return False
        info = self.people.get(mention.kb_id_)
        nxt = self.doc[mention.end] if mention.end < len(self.doc) else None
        return info is not None and not mention.text.endswith(info.surname) and nxt is not None and nxt.is_alpha

    # -- resolution ------------------------------------------------------
    def phrase_at(self, i: int, limit: int) -> Referent | None:
        """The referent of a noun phrase starting at token ``i`` (within ``limit`` tokens)."""
        doc = self.doc
        end = min(len(doc), i + limit)
        j = i
        while j < end:
            tok = doc[j]
            m = self.by_token.get(j)
            if m is not None:
                if self.is_genitive(m):
                    j = m.end
                    continue
                return Referent.named(m)
            possessive = tok.lower_ == "ihr" and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()
            if tok.text in lx.SUBJECT_PRONOUNS and not possessive or tok.lower_ in ("ihm", "ihr") and j == i \
                    and not possessive:
                return self.pronoun(tok)
            head = role_head(tok.text) if tok.text[:1].isupper() else None
            if head:
                apposition = self._apposition(j)
                if apposition is not None:
                    return apposition
                nxt = self.by_token.get(j + 1)
                if nxt is not None and nxt.label_ == "PER" and not self.is_genitive(nxt):
                    return Referent.named(nxt)
                return self.description(i, j, head)
            if tok.text in _DETERMINERS or tok.lower_ in ("sich", "auch", "jedoch", "nun", "zudem", "dazu") or (
                    tok.text[:1].islower() and tok.is_alpha and tok.text.endswith(
                    ("e", "en", "er", "es")) and tok.lower_ not in lx.SPEECH_FORMS) or _AGE.match(tok.text):
                j += 1
                continue
            nxt = self.by_token.get(j + 1)
            if tok.text[:1].isupper() and tok.is_alpha and nxt is not None and nxt.label_ == "PER" \
                    and nxt.start == j + 1 and not self.is_genitive(nxt):
                return Referent.named(nxt)  # a title the lexicon lacks: "Verhandlungsführer Frank Bäsler"
            if tok.text[:1].isupper() and tok.text.endswith("s") and tok.is_alpha:
                j += 1  # a genitive before the head: "Russlands Präsident"
                continue
            return None
        return None

    def speaker_at(self, i: int, limit: int) -> Referent | None:
        """Like ``phrase_at``, but a speaker the text only describes becomes an unnamed agent."""
        ref = self.phrase_at(i, limit)
        if ref is not None:
            return ref
        doc = self.doc
        if i < len(doc) and doc[i].text in lx.SUBJECT_PRONOUNS:
            return self._pronoun_agent(doc[i])
        j, end = i, min(len(doc), i + limit)
        while j < end:
            tok = doc[j]
            if tok.is_space:
                j += 1
                continue
            if tok.lower_ in _PREPOSITIONS:
                j = self._after_pp(j)  # "sagte am Montag in Berlin ein Sprecher": not the subject
                continue
            phrase = noun_phrase(doc, j, limit)
            if phrase is not None:
                return self._from_phrase(phrase)
            named = self._name_after(j)
            if named is not None:
                return named
            if tok.is_alpha and tok.text[:1].islower() and tok.lower_ not in _CLAUSE_WORDS or tok.text in _DETERMINERS:
                j += 1  # an adverb, article or adjective: "sagte gestern die kroatische Meteorologin …"
                continue
            return None
        return None

    def _name_after(self, j: int) -> Referent | None:
        """``Projektkoordinator Andreas Grassauer``, ``der zuständige Koordinator, Tobias Krämer,``:
        a capitalised word we do not know as a role, right before a name (or its comma apposition)."""
        doc = self.doc
        if not doc[j].text[:1].isupper():
            return None
        k = j + 2 if j + 1 < len(doc) and doc[j + 1].text == "," else j + 1
        m = self.by_token.get(k)
        return Referent.named(m) if m is not None and m.label_ == "PER" and m.start == k else None

    def _after_pp(self, prep: int) -> int:
        """The token after the prepositional phrase opened at ``prep``."""
        doc = self.doc
        phrase = noun_phrase(doc, prep + 1, 8) if prep + 1 < len(doc) else None
        if phrase is not None:
            return phrase.end
        for k in range(prep + 1, min(len(doc), prep + 5)):
            if doc[k].text[:1].isupper() or doc[k].like_num:
                while k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
                    k += 1  # "am Montag", "in New York"
                return k + 1
            if doc[k].is_punct:
                return k
        return prep + 1

    def phrase_start(self, ref: Referent, last: int, earliest: int) -> int:
        """Where the words naming ``ref`` and ending at token ``last`` begin: a name mention may follow
        its role (``Außenminister Jonas Weber zufolge``)."""
        phrase = self._phrase_ending_at(last, earliest)
        return min(ref.mention.start, phrase.start) if phrase is not None else ref.mention.start

    def in_pp(self, start: int) -> bool:
        """Whether the phrase starting at ``start`` is governed by a preposition (``Über Steve Fossett``)."""
        k = start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return k >= 0 and self.doc[k].lower_ in _PREPOSITIONS

    def speaker_ending_at(self, i: int, earliest: int) -> Referent | None:
        """The speaker phrase whose last token is ``i`` (``der Polizei zufolge``, ``Die Richter sagten``)."""
        m = self.by_token.get(i)
        if m is not None and not self.is_genitive(m) and (m.label_ == "ORG" or m.end == i + 1):
            return Referent.named(m)
        tok = self.doc[i]
        if tok.lower_ in ("ihm", "ihr", "er", "sie"):
            return self.pronoun(tok) or self._pronoun_agent(tok)
        phrase = self._phrase_ending_at(i, earliest)
        if phrase is not None:
            ref = self.phrase_at(phrase.start, phrase.end - phrase.start)
            return ref if ref is not None else self._from_phrase(phrase)
        return None

    def _pronoun_agent(self, tok: Token) -> Referent:
        """A pronoun no named person fits: the last described speaker, else someone known only as "er"."""
        for index, key in reversed(self.speakers):
            if key.startswith("agent:") and tok.i - 80 <= index < tok.i:
                return Referent(key, "agent", self.doc[tok.i:tok.i + 1], "pronoun", self.agent_labels.get(key))
        key = f"agent:{tok.lower_}"
        self.agent_labels[key] = tok.lower_
        return Referent(key, "agent", self.doc[tok.i:tok.i + 1], "pronoun", tok.lower_)

    def org_named(self, word: str) -> str | None:
        """The organization a bare word names (``Kreml`` in ``Kreml-Angaben``), if we know it."""
        if word in lx.ORGANIZATIONS:
            return lx.ORGANIZATIONS[word]
        return next((key for key, names in self.orgs.items() if word in names), None)

    def _from_phrase(self, phrase: Phrase) -> Referent:
        """A described speaker: an institution, the owner of a statement, or an unnamed agent."""
        span = self.doc[phrase.start:phrase.end]
        inside = [self.by_token[j] for j in range(phrase.start, phrase.end) if j in self.by_token]
        orgs = [m for m in inside if m.label_ == "ORG"]
        persons = [m for m in inside if m.label_ == "PER"]
        head = self.doc[phrase.head].lower_
        if phrase.kind == "source" and (persons or orgs):
            m = (persons or orgs)[0]  # "nach Angaben der Polizei": the police said it
            return Referent(m.kb_id_, "person" if m.label_ == "PER" else "org", span, "description")
        speaks_for = head.endswith(_SPEAKS_FOR)  # "ein Sprecher des Ministeriums" speaks for the ministry
        if orgs and (phrase.kind == "org" or speaks_for):
            return Referent(orgs[0].kb_id_, "org", span, "org")
        if phrase.kind == "org":
            return Referent(phrase.label, "org", span, "org")
        if speaks_for:
            owner = noun_phrase(self.doc, phrase.head + 1, phrase.end - phrase.head - 1)
            if owner is not None and owner.kind == "org" and owner.end <= phrase.end:
                return Referent(owner.label, "org", span, "org")
        self.agent_labels[f"agent:{phrase.label}"] = phrase.label
        return Referent.agent(span, phrase.label)

    def _apposition(self, head_index: int) -> Referent | None:
        """``der Leiter des Programms der WHO, Klaus Stöhr,``: a name after the role's comma."""
        doc = self.doc
        for k in range(head_index + 1, min(len(doc), head_index + 9)):
            m = self.by_token.get(k)
            if m is not None and m.label_ == "PER" and not self.is_genitive(m):
                return Referent.named(m)  # "Kreml-Sprecher Dmitri Peskow"
            if doc[k].text == ",":
                m = self.by_token.get(k + 1)
                return Referent.named(m) if m is not None and m.label_ == "PER" else None
            if doc[k].is_punct or doc[k].lower_ in lx.SPEECH_FORMS or doc[k].is_space:
                return None
        return None

    def description(self, start: int, head_index: int, head: str) -> Referent | None:
        """``der russische Präsident`` -> the person in this article with that role, most recent first."""
        words = [t.text for t in self.doc[start:head_index + 1]]
        if words and words[0].lower() in _INDEFINITE:
            return None  # "ein Sprecher" introduces someone new, not the spokesman named before
        nat = _nationality(words)
        span = self.doc[start:head_index + 1]
        gender = _role_gender(words)
        candidates, same_nation = [], []
        for key, info in self.people.items():
            if info.credit_only or (gender and info.gender and info.gender != gender):
                continue  # "die Kanzlerin" is not the man named last
            heads = {role_head(r.split()[-1]) for r in info.roles}
            known = {_nationality(r.split()) for r in info.roles} - {None}
            # A stated nationality rules out only a person known to have another one.
            if head in heads and (nat is None or not known or nat in known):
                candidates.append(key)
                if nat is not None and nat in known:
                    same_nation.append(key)
        # "der polnische Regierungschef": the one known to be Polish, before one whose nation is unknown.
        candidates = same_nation or candidates
        if not candidates:
            return None
        key = self._most_recent(candidates, head_index)
        return Referent(key, "person", span, "role") if key else None

    def pronoun(self, tok: Token) -> Referent | None:
        """``er`` / ``sie`` / ``ihm zufolge``: the last speaker nearby, else the last fitting person."""
        gender = "male" if tok.lower_ in lx.PRONOUNS_MALE else "female" if tok.lower_ in lx.PRONOUNS_FEMALE else None
        fits = [k for k, info in self.people.items() if not info.credit_only
                and (info.gender in (None, gender) or gender is None)]
        sent_start = tok.sent.start
        recent_speakers = [k for i, k in self.speakers if i < tok.i and i >= sent_start - 80 and k in fits]
        key = recent_speakers[-1] if recent_speakers else self._most_recent(fits, tok.i)
        if key is None:
            return None
        return Referent(key, "person", self.doc[tok.i:tok.i + 1], "pronoun")

    def _most_recent(self, keys: list[str], before: int) -> str | None:
        best, best_i = None, -1
        for m in self.mentions:
            if m.kb_id_ in keys and m.start < before and m.start > best_i:
                best, best_i = m.kb_id_, m.start
        if best is None and keys:
            # mentioned only later (cataphora, e.g. a headline role): take the next one
            later = [m for m in self.mentions if m.kb_id_ in keys]
            best = later[0].kb_id_ if later else None
        return best

    def persons_in(self, start: int, end: int) -> list[Referent]:
        """Person referents in a token range: names, resolvable role phrases and pronouns."""
        out: list[Referent] = []
        texts = self.texts
        j = start
        while j < end:
            m = self.by_token.get(j)
            if m is not None:
                if m.label_ == "PER":
                    out.append(Referent.named(m))
                j = m.end
                continue
            text = texts[j]
            if text[:1].isupper() and role_head(text) and not self.by_token.get(j + 1):
                ref = self.phrase_at(max(start, j - 2), 3) if j - 2 >= start else self.phrase_at(j, 1)
                if ref is not None and ref.type == "person":
                    out.append(ref)
            j += 1
        return out
