"""Who a noun phrase stands for: names, role descriptions (``der Kreml-Sprecher``) and pronouns.

``Context`` wraps a processed Doc and answers "which person or organization
does the phrase starting at token i refer to?". Salience follows news
style: a pronoun or role description refers to the most recent speaker if
there is one nearby, else to the most recent fitting mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon as lx
from kg.extract.names import PersonInfo, role_head

_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen",
                          "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
                          "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine"})
_NATIONALITY = {"russ": "russ", "us": "us", "amerikan": "us", "deutsch": "deutsch", "ukrain": "ukrain",
                "franz": "franz", "chines": "chin", "china": "chin", "brit": "brit", "poln": "pol", "polen": "pol",
                "kreml": "russ", "weißen": "us", "türk": "türk", "ital": "ital", "israel": "israel", "iran": "iran"}


@dataclass
class Referent:
    key: str
    type: str  # "person" or "org"
    mention: Span  # the words that name it here (a name, a role phrase or a pronoun)
    kind: str  # "name", "role", "pronoun", "org"


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
        self.speakers: list[tuple[int, str]] = []  # (token index, key) of attributed speech, in order
        self.orgs: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.label_ == "ORG":
                self.orgs.setdefault(m.kb_id_, set()).add(m.text)

    # -- bookkeeping ---------------------------------------------------------
    def note_speaker(self, token_index: int, key: str) -> None:
        self.speakers.append((token_index, key))

    def is_genitive(self, mention: Span) -> bool:
        """``Putins Berater``: the name is a possessor, not the subject."""
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
                if m.label_ == "ORG":
                    return Referent(m.kb_id_, "org", m, "org")
                return Referent(m.kb_id_, "person", m, "name")
            if tok.text in lx.SUBJECT_PRONOUNS or tok.lower_ in ("ihm", "ihr") and j == i:
                return self.pronoun(tok)
            head = role_head(tok.text) if tok.text[:1].isupper() else None
            if head:
                apposition = self._apposition(j)
                if apposition is not None:
                    return apposition
                nxt = self.by_token.get(j + 1)
                if nxt is not None and nxt.label_ == "PER" and not self.is_genitive(nxt):
                    return Referent(nxt.kb_id_, "person", nxt, "name")
                return self.description(i, j, head)
            if tok.text in _DETERMINERS or tok.lower_ in ("sich", "auch", "jedoch", "nun", "zudem", "dazu") or (
                    tok.text[:1].islower() and tok.is_alpha and tok.text.endswith(
                    ("e", "en", "er", "es")) and tok.lower_ not in lx.SPEECH_FORMS):
                j += 1
                continue
            if tok.text[:1].isupper() and tok.text.endswith("s") and tok.is_alpha:
                j += 1  # a genitive before the head: "Russlands Präsident"
                continue
            return None
        return None

    def _apposition(self, head_index: int) -> Referent | None:
        """``der Leiter des Programms der WHO, Klaus Stöhr,``: a name after the role's comma."""
        doc = self.doc
        for k in range(head_index + 1, min(len(doc), head_index + 9)):
            m = self.by_token.get(k)
            if m is not None and m.label_ == "PER" and not self.is_genitive(m):
                return Referent(m.kb_id_, "person", m, "name")  # "Kreml-Sprecher Dmitri Peskow"
            if doc[k].text == ",":
                m = self.by_token.get(k + 1)
                if m is not None and m.label_ == "PER":
                    return Referent(m.kb_id_, "person", m, "name")
                return None
            if doc[k].is_punct or doc[k].lower_ in lx.SPEECH_FORMS or doc[k].is_space:
                return None
        return None

    def description(self, start: int, head_index: int, head: str) -> Referent | None:
        """``der russische Präsident`` -> the person in this article with that role, most recent first."""
        words = [t.text for t in self.doc[start:head_index + 1]]
        nat = _nationality(words)
        span = self.doc[start:head_index + 1]
        candidates = []
        for key, info in self.people.items():
            if info.credit_only:
                continue
            heads = {role_head(r.split()[-1]) for r in info.roles}
            if head in heads and (nat is None or nat in {_nationality(r.split()) for r in info.roles}):
                candidates.append(key)
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
        j = start
        while j < end:
            m = self.by_token.get(j)
            if m is not None:
                if m.label_ == "PER":
                    out.append(Referent(m.kb_id_, "person", m, "name"))
                j = m.end
                continue
            tok = self.doc[j]
            if tok.text[:1].isupper() and role_head(tok.text) and not self.by_token.get(j + 1):
                ref = self.phrase_at(max(start, j - 2), 3) if j - 2 >= start else self.phrase_at(j, 1)
                if ref is not None and ref.type == "person":
                    out.append(ref)
            j += 1
        return out
