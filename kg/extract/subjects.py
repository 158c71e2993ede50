"""The speaker of a speech verb: German word order without a parser.

In a main clause the subject stands right before the finite verb or right
after it; after a fronted auxiliary (``Biden habe Putin versprochen``) the
speech verb is non-finite and the subject sits around the auxiliary; in a
subordinate clause it follows the conjunction.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract import lexicon as lx
from kg.extract.coref import Context, Referent
from kg.extract.verbs import ARTICLES, speech_lemma

_SUBORDINATORS = frozenset({"während", "weil", "nachdem", "obwohl", "als", "da", "wobei", "wohingegen"})
# Finite auxiliaries and modals: a speech verb after one of them is a participle or infinitive.
AUXILIARIES = frozenset("""hat habe hatte hatten haben hätte hätten soll sollen solle sollte sollten will wollen
wolle wollte wird werde werden wurde wurden würde würden ist sei war waren wäre kann könne konnte könnte
muss müsse musste müsste darf dürfe""".split())


class Subjects:
    """Finds subjects in one article; shares the quote map with the frame finders."""

    def __init__(self, ctx: Context, in_quote: list[bool]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.in_quote = in_quote

    def subject(self, sent: Span, verb_i: int) -> Referent | None:
        """The speaker of the verb at ``verb_i``.

        With an auxiliary before it (``Biden habe Putin versprochen``, ``Putin soll … erklärt haben``)
        the verb is non-finite, so the subject is in front of the auxiliary or right after it;
        else it is the phrase right before the verb (``Putin sagte``) or right after it (``sagte
        Peskow``); else the sentence's opening phrase; else the closest name before the verb.
        """
        texts, lowers = self.ctx.texts, self.ctx.lowers
        aux = next((k for k in range(sent.start, verb_i) if lowers[k] in AUXILIARIES and not self.in_quote[k]), None)
        if aux is not None and "," in texts[aux:verb_i]:
            aux = None  # "Der Sprecher, der dort war, sagte": the auxiliary is in another clause
        if aux is not None:
            ref = self._ending_before(sent, aux) or self.ctx.speaker_at(aux + 1, 8)
            if ref is not None:
                return ref
        ref = self._ending_before(sent, verb_i)
        if ref is not None:
            return ref
        if verb_i + 1 < sent.end:
            ref = self.ctx.speaker_at(verb_i + 1, 10) or self.bare_surname(verb_i + 1)
            if ref is not None:
                return ref
        for k in range(verb_i - 1, sent.start, -1):
            if lowers[k] in _SUBORDINATORS and texts[k - 1] == ",":
                # "…, während Putin Garantien verlangt hat": the subject opens the clause
                ref = self.ctx.speaker_at(k + 1, verb_i - k - 1)
                if ref is not None:
                    return ref
                break
            if texts[k] == ",":
                break
        first = self.ctx.first_word(sent)
        ref = self.ctx.speaker_at(first, 8) if not self.in_quote[first] else None
        if ref is not None and ref.mention.end <= verb_i:
            return ref
        ref = self._unknown_name_first(first, aux if aux is not None else verb_i)
        if ref is not None:
            return ref
        for j in range(verb_i - 1, sent.start - 1, -1):
            m = self.ctx.by_token.get(j)
            if m is not None and not self.ctx.is_genitive(m) and not self.in_quote[j]:
                return Referent.named(m)
        return None

    def _unknown_name_first(self, first: int, finite: int) -> Referent | None:
        """``Amnesty International hat …``, ``Die British Broadcasting Corporation teilte mit``: capitalised
        words no word table knows, right before the finite verb in second position, name the speaker."""
        doc = self.doc
        start = first + 1 if doc[first].lower_ in ("der", "die", "das") else first
        words = doc[start:finite]
        if not 0 < len(words) <= 4 or any(self.in_quote[t.i] for t in words) \
                or not all(t.is_alpha and t.text[:1].isupper() for t in words):
            return None
        # A German capital is a noun or a name: a capitalised non-noun after the first word is a name
        # ("Amnesty International"); a lone first word must be unknown ("Heute", "Dabei" are not).
        later = [t for t in words if t.i != first]
        if not any(t.text not in lx.noun_forms() for t in later) \
                and (later or words[0].lower_ in lx.word_probabilities()):
            return None
        return Referent.agent(doc[first:finite], words.text)

    def _ending_before(self, sent: Span, i: int) -> Referent | None:
        """The speaker phrase that ends right before token ``i`` (past an apposition's comma)."""
        doc = self.doc
        k = i - 1
        while k > sent.start and doc[k].is_space:
            k -= 1
        if k >= sent.start and doc[k].text == ",":
            k -= 1  # "Der Leiter des Programms, Klaus Stöhr, sagte"
        if k < sent.start or self.in_quote[k]:
            return None
        ref = self.ctx.speaker_ending_at(k, sent.start)
        if ref is None:
            return self.bare_surname(k)
        start = self.ctx.phrase_start(ref, k, sent.start)
        return None if self.ctx.in_pp(start) else ref  # "Über Steve Fossett sagte Branson"

    def bare_surname(self, k: int) -> Referent | None:
        """``Milinkewitsch sagte``: an unknown capitalised word right before a speech verb names a person."""
        tok = self.doc[k]
        if not (tok.is_alpha and tok.text[:1].isupper() and len(tok.text) > 3) or self.ctx.in_pp(k):
            return None
        # Only a word German does not know: the word tables hold everyday nouns and frequent surnames.
        if tok.lower_ in lx.word_probabilities() or tok.text in lx.inflected_nouns() or tok.text in lx.NOT_NAMES:
            return None
        before = self.doc[k - 1] if k > tok.sent.start else None
        adjective = before is not None and before.is_alpha and before.text[:1].islower() \
            and before.lower_.endswith(("e", "en", "er", "es", "em")) and speech_lemma(before) is None
        if before is not None and (before.lower_ in ARTICLES or adjective):
            return None  # "dem gegenwärtigen Korruptionsskandal": a noun with its article or adjective
        return Referent(tok.text, "person", self.doc[k:k + 1], "name")
