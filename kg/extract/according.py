"""Source phrases: ``X zufolge``, ``laut X``, ``nach Angaben von X``, ``seiner Meinung nach``,
``wie X mitteilte``, ``…, wonach …``.

Unlike a speech verb, these name the speaker inside the sentence they
attribute, so the claim is the sentence without the phrase.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract import lexicon as lx
from kg.extract.coref import Referent
from kg.extract.dates import DAY_AND_MONTH_NAMES
from kg.extract.frame import Frame
from kg.extract.verbs import ARTICLES, speech_lemma

if TYPE_CHECKING:
    from kg.extract.frames import Frames

_OPINION = frozenset({"meinung", "ansicht", "auffassung", "einschätzung", "überzeugung", "darstellung", "worten"})
_POSSESSIVES = frozenset({"seiner", "ihrer", "seinen", "ihren", "dessen", "deren"})
# Statements and documents that stand for their authors ("nach einer Stellungnahme der Armee").
_SOURCE_WORDS = frozenset(w.lower() for w in lx.SOURCE_NOUNS) | {
    "stellungnahme", "dokument", "entscheidung", "urteil", "beschluss", "papier", "schreiben", "auffassung",
    # views, findings and plans: "nach Ansicht der Kritiker", "nach dem Stand der Ermittlungen"
    "ansicht", "ermittlungen", "untersuchungen", "erfahrungen", "planungen", "plänen", "vorstellungen",
    "stand", "idee", "vorschlag", "willen"}
_ADJ_ENDINGS = ("e", "en", "er", "em", "es")
_PAREN_OPEN = frozenset({",", "–", "—", "-", "("})
_PAREN_CLOSE = frozenset({",", "–", "—", "-", ")"})
_SOURCE_ENDINGS = ("angaben", "berichten", "informationen", "schätzungen", "erkenntnissen",
                   # singular heads of compounds: "nach einem Fernsehbericht", "nach Expertenmeinung"
                   "bericht", "meldung", "mitteilung", "aussage", "aussagen", "nachricht", "vorhersage",
                   "prognose", "meinung", "einschätzung", "erkenntnisstand", "bekunden", "medien",
                   "ankündigung", "darstellung", "auskunft")


_RUMOURS = ("gerücht", "gerüchte", "gerüchten", "umfrage", "umfragen", "meinungsumfragen", "aussagen", "berichte",
            "berichten", "angaben", "informationen", "meldungen", "studie", "studien", "dokument", "dokumente")


def _article_or_adjective(tok: Token) -> bool:
    """``der``, ``einer``, ``ersten``, ``griechischen``: a word that may stand before a source's noun."""
    return tok.is_alpha and tok.text[:1].islower() and (tok.lower_ in ARTICLES or tok.lower_.endswith(_ADJ_ENDINGS))


def _names_a_source(word: str) -> bool:
    return lx.is_source_noun(word) or word[:1].isupper() and word.lower().endswith(_RUMOURS)


# The words a source phrase is found at (``according_to`` tests each token against them).
_OPENERS = frozenset({"zufolge", "laut", "gemäß", "nach", "so", "wie", "wonach"}) | _POSSESSIVES


class SourcePhrases:
    """Finds source phrases for a ``Frames`` (sharing its Context and quote map)."""

    def __init__(self, frames: Frames) -> None:
        # Weak, since the Frames own this: a reference cycle would keep the article's Doc (and
        # every Token the rules cached) alive until the cyclic collector ran, and made every
        # collection walk them.
        self.frames = weakref.proxy(frames)
        self.ctx = frames.ctx
        self.doc = frames.doc
        self.in_quote = frames.in_quote

    def according_to(self, sent: Span) -> Frame | None:
        """``X zufolge``, ``laut X``, ``nach Angaben von X``, ``seiner Meinung nach``, ``wie X mitteilte, …``."""
        doc = self.doc
        lowers = self.ctx.lowers
        toks = [t for t in self.ctx.words(sent) if not self.in_quote[t.i]]
        for idx, tok in enumerate(toks):
            low = lowers[tok.i]
            if low not in _OPENERS:
                continue  # every phrase below starts with one of these words
            if low == "zufolge" and idx > 0:
                ref = self.ctx.speaker_ending_at(toks[idx - 1].i, sent.start)
                if ref is None and toks[idx - 1].is_alpha and toks[idx - 1].text[:1].isupper():
                    ref = self._source_ending_at(toks[idx - 1].i, sent)  # "Überlieferungen zufolge"
                if ref is not None:
                    start = self.ctx.phrase_start(ref, toks[idx - 1].i, sent.start)
                    return self._around(sent, start, tok.i + 1, ref, "zufolge", (tok.i, tok.i + 1))
            elif low in ("laut", "gemäß") and tok.i + 1 < sent.end:
                ref = (self.ctx.speaker_at(tok.i + 1, 10) or self.frames.subjects.bare_surname(tok.i + 1)
                       or self._named_source(tok.i + 1, sent))
                if ref is not None:
                    end = self._past_date(ref.mention.end, sent.end)
                    return self._around(sent, tok.i, end, ref, "laut", (tok.i, tok.i + 1))
            elif low == "nach" and 1 < idx < len(toks) - 3 and toks[idx - 1].text == "," \
                    and toks[idx + 1].lower_ in ("denen", "dem", "der") and _names_a_source(toks[idx - 2].text):
                # "…, Umfragen, nach denen 72 Prozent …": the relative clause is what the source says.
                words = toks[idx + 1]
                ref = self.ctx.speaker_ending_at(toks[idx - 2].i, sent.start) or self._source_agent(
                    doc[toks[idx - 2].i:toks[idx - 2].i + 1])
                return Frame(words.idx + len(words.text), sent.end_char, ref, "nach", (tok.i, words.i + 1))
            elif low in ("nach", "gemäß") and (src := self._source_word(tok, sent)) is not None:
                start = src.i + 1 + (1 if src.i + 1 < sent.end and doc[src.i + 1].lower_ == "von" else 0)
                ref = self.ctx.speaker_at(start, 10) if start < sent.end and self._owner_follows(src) else None
                owner = next((self.ctx.by_token[k] for k in range(tok.i + 1, src.i) if k in self.ctx.by_token), None)
                if ref is None and owner is not None:
                    ref = Referent.named(owner)  # "nach Grupps Meinung": Grupp's
                if ref is None and start < sent.end and self._owner_follows(src):
                    ref = self._owner_phrase(start, sent)  # "Angaben des United States Geological Survey"
                if ref is None:
                    ref = self._source_agent(doc[tok.i + 1:src.i + 1])
                return self._around(sent, tok.i, max(ref.mention.end, src.i + 1), ref, "Angaben", (tok.i, src.i + 1))
            elif low in _POSSESSIVES and idx + 2 < len(toks) and toks[idx + 1].lower_ in _OPINION \
                    and toks[idx + 2].lower_ == "nach":
                ref = self.ctx.pronoun(tok)
                if ref is not None:
                    ref = Referent(ref.key, ref.type, doc[tok.i:toks[idx + 1].i + 1], "pronoun", ref.label)
                    return self._around(sent, tok.i, toks[idx + 2].i + 1, ref, "Meinung",
                                        (toks[idx + 1].i, toks[idx + 2].i + 1))
            elif low == "so" and 0 < idx < len(toks) - 3 and toks[idx - 1].text in _PAREN_OPEN:
                found = self._parenthetical_so(sent, tok)
                if found is not None:
                    return found
            elif low == "wie" and (idx == 0 or toks[idx - 1].text == ","):
                found = self._wie_clause(sent, toks, idx)
                if found is not None:
                    return found
            elif low == "wonach" and idx > 1 and toks[idx - 1].text == ",":
                ref = self.ctx.speaker_ending_at(toks[idx - 2].i, sent.start)
                if ref is not None:
                    return Frame(tok.idx + len(tok.text), sent.end_char, ref, "wonach", (tok.i, tok.i + 1))
        return None

    def _past_date(self, i: int, stop: int) -> int:
        """Past a date that dates the source: "laut einem Bericht vom November 2011", "vom 3. Mai"."""
        doc = self.doc
        if i >= stop or doc[i].lower_ not in ("vom", "von", "aus"):
            return i
        k, dated = i + 1, False
        while k < stop and k - i <= 4:
            low = doc[k].lower_
            if low in DAY_AND_MONTH_NAMES or low.isdigit():
                dated = True
            elif not (low.rstrip(".").isdigit() or low in ("dem", "jahr")):  # "vom 3. Mai", "aus dem Jahr 2010"
                break
            k += 1
        return k if dated else i

    def _parenthetical_so(self, sent: Span, so: Token) -> Frame | None:
        """``Dennoch, so Krämer, habe der Verband …``: a source set off inside the sentence it attributes.
        The claim is the whole sentence (the inserted words are few); a final ``…, so X.`` is ``final``."""
        ref = self.ctx.speaker_at(so.i + 1, 10)
        if ref is None:
            return None
        close = ref.mention.end
        while close < sent.end and self.doc[close].text not in _PAREN_CLOSE and close - ref.mention.end < 10:
            close += 1  # an apposition may follow: "so Frank Karl, Leiter der Abteilung, …"
        rest = [t for t in self.doc[close + 1:sent.end] if t.is_alpha]
        if close >= sent.end or self.doc[close].text not in _PAREN_CLOSE or len(rest) < 2:
            return None
        return Frame(sent.start_char, sent.end_char, ref, "so", (so.i, so.i + 1))

    def _named_source(self, i: int, sent: Span) -> Referent | None:
        """``laut „tagesschau.de“``, ``laut ndr.de``, ``laut einer dpa-Meldung``: a source no lexicon knows,
        named by a quoted title, a web address or a capitalised word after optional article and adjectives."""
        doc = self.doc
        k = i
        while k < sent.end and doc[k].lower_ != "dem" and _article_or_adjective(doc[k]):
            k += 1
        if k >= sent.end:
            return None
        end = k
        if doc[k].text in ("„", "»", "«", '"', "“"):
            close = next((j for j in range(k + 1, min(sent.end, k + 8)) if doc[j].text in ("“", "«", "»", '"', "”")),
                         None)
            end = close + 1 if close is not None else k
        elif "." in doc[k].text.strip(".") or doc[k].text[:1].isupper() and doc[k].is_alpha or "-" in doc[k].text:
            end = k + 1
        if end == k:
            return None
        return Referent.agent(doc[i:end])

    def _owner_phrase(self, i: int, sent: Span) -> Referent | None:
        """``des United States Geological Survey (USGS)``: an owner no lexicon knows, named by an
        article, adjectives and capitalised words, with an abbreviation in brackets."""
        doc = self.doc
        k = i + 1 if doc[i].lower_ in ("von", "vom") else i
        while k < sent.end and _article_or_adjective(doc[k]):
            k += 1
        end = k
        while end < sent.end and end - k < 6 and doc[end].is_alpha and doc[end].text[:1].isupper() \
                and not self.in_quote[end]:
            end += 1
        if end == k:
            return None
        if end + 2 < sent.end and doc[end].text == "(" and doc[end + 2].text == ")":
            end += 3
        return Referent.agent(doc[i:end], doc[k:end].text)

    def described_source(self, i: int, sent: Span) -> Referent | None:
        """``die Tonbandstimme``, ``das Fazit der Betreiber``: an article and a noun no lexicon knows,
        running to the end of the sentence (after a final ``so`` nothing else can stand there)."""
        doc = self.doc
        if i + 1 >= sent.end or doc[i].lower_ not in ARTICLES or not doc[i + 1].is_alpha \
                or not doc[i + 1].text[:1].isupper():
            return None
        end = i + 2
        while end < sent.end and end - i < 9 and not doc[end].is_punct:
            end += 1
        if end < sent.end - 1 or self.in_quote[i + 1]:
            return None
        return Referent.agent(doc[i:end], doc[i + 1:end].text)

    def _source_ending_at(self, i: int, sent: Span) -> Referent:
        """``Überlieferungen``, ``ersten Schätzungen``: a source noun with its article and adjectives."""
        doc, k = self.doc, i
        while k > sent.start and _article_or_adjective(doc[k - 1]):
            k -= 1
        return self._source_agent(doc[k:i + 1])

    def _source_agent(self, words: Span) -> Referent:
        """``nach ersten Angaben``: the source is all the text names; ``nach Kreml-Angaben``: the Kreml's."""
        head = words[-1].text
        if "-" in head:
            owner = self.ctx.org_named(head.split("-")[0])
            if owner is not None:
                return Referent(owner, "org", words, "org")
        return Referent.agent(words)

    def _owner_follows(self, src: Token) -> bool:
        """``Angaben der Polizei``, ``Angaben von Peskow``, ``Angaben Peskows``: whose statement it is."""
        nxt = self.doc[src.i + 1] if src.i + 1 < len(self.doc) else None
        return nxt is not None and (nxt.lower_ in ("der", "des", "von", "vom") or nxt.i in self.ctx.by_token)

    def _source_word(self, nach: Token, sent: Span) -> Token | None:
        """``nach Angaben``, ``nach ersten Angaben``, ``nach Polizeiangaben``: the source noun."""
        for k in range(nach.i + 1, min(sent.end, nach.i + 4)):
            tok = self.doc[k]
            if tok.lower_ in _SOURCE_WORDS or (tok.text[:1].isupper() and tok.lower_.endswith(_SOURCE_ENDINGS)):
                return tok
            genitive = k in self.ctx.by_token and tok.text.endswith("s")  # "nach Grupps Meinung"
            if not (tok.text[:1].islower() and tok.is_alpha) and not genitive:
                return None
        return None

    def _wie_clause(self, sent: Span, toks: list[Token], idx: int) -> Frame | None:
        """``Wie der Sprecher mitteilte, …`` / ``…, wie die Polizei berichtete.``"""
        verb = next((t for t in toks[idx + 1:idx + 12] if speech_lemma(t)), None)
        if verb is None or verb.i + 1 >= len(self.doc):
            return None
        after = self.doc[verb.i + 1]
        if after.text not in (",", ".") and after.i < sent.end - 1:
            return None
        start = toks[idx].i + 1
        ref = self.ctx.speaker_at(start, verb.i - start) or self._named_source(start, sent)  # "Wie die „Zeit“ …"
        if ref is None or ref.mention.end > verb.i:
            return None
        return self._around(sent, toks[idx].i, verb.i + 1, ref, speech_lemma(verb) or "sagen", (verb.i, verb.i + 1))

    def _around(self, sent: Span, f_start: int, f_end: int, ref: Referent, cue: str,
                cue_tokens: tuple[int, int]) -> Frame:
        """The sentence without the frame phrase when it opens or closes it; else the whole sentence."""
        doc = self.doc
        begin, end = sent.start_char, sent.end_char
        first = self.ctx.first_word(sent)
        if f_start <= first:
            begin = doc[f_end].idx if f_end < sent.end else end
        elif f_end >= sent.end - 1 or (f_end < sent.end and doc[f_end].text in (".", "!", "?")):
            end = doc[f_start].idx
        return Frame(begin, end, ref, cue, cue_tokens)
