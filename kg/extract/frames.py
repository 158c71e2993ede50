"""Speech frames: the words around a claim that say who said it and how.

Each finder looks at one sentence (or one quote) and returns a ``Frame``:
where the claim's words are, who the speaker is, and the cue (the speech
verb or phrase). ``speech.SpeechFinder`` decides which frame wins.

Frames read: ``„…“, sagte X`` / ``so X`` / ``hieß es aus dem Kreml`` after a
quote; ``X sagte: „…“`` / ``X: „…“`` before it; a speech verb followed by a
``dass``/``ob`` clause, a colon, or a comma and a subjunctive verb-second
clause; a sentence-final ``…, sagte der Beamte``; ``X zufolge``, ``laut X``,
``nach Angaben von X``, ``seiner Meinung nach``, ``wie X mitteilte``, ``…,
wonach …``; and a sentence that reports a speech act as a whole.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract import lexicon as lx
from kg.extract.according import SourcePhrases
from kg.extract.coref import Context, Referent
from kg.extract.docindex import doc_offsets
from kg.extract.frame import Frame
from kg.extract.phrases import noun_phrase
from kg.extract.quoteframes import QuoteFrames
from kg.extract.subjects import AUXILIARIES, Subjects
from kg.extract.verbs import SPEECH_WORDS, needs_complement, speech_lemma

_CLAUSE_END = {".", "!", "?", ";"}
# Verbs whose bare use ("sprach", "rief") is not yet a report of what was said; and verbs whose bare
# object names a stance, not content ("kritisierte die Entscheidung", "bestätigte den Vorfall").
_NO_BARE_REPORT = frozenset({
    "heißen", "zufolge", "sagen", "äußern", "sprechen", "rufen", "reagieren", "antworten", "erinnern", "hoffen",
    "begrüßen", "glauben", "meinen", "wissen lassen", "informieren", "verlauten",
    "kritisieren", "ablehnen", "zurückweisen", "verurteilen", "bestreiten", "dementieren", "würdigen",
    "gratulieren", "bestätigen", "einräumen", "gestehen", "melden", "bekanntgeben", "schildern", "drohen",
    "betrachten", "verlangen", "erklären"})


# Words that make a following "dass" adverbial: "für den Fall, dass", "ohne dass", "so dass".
_DASS_CONNECTIVES = frozenset("fall falle bedingung voraussetzung ohne statt anstatt außer so sodass".split())


_SUBORDINATORS = frozenset("falls wenn weil obwohl nachdem bevor damit sofern solange sodass".split())


def _adverbial_dass(doc: Doc, dass_i: int) -> bool:
    k = dass_i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].lower_ in _DASS_CONNECTIVES


class Frames(QuoteFrames):
    """Frame finders over one article; they share the Context and the quote map."""

    def __init__(self, ctx: Context, in_quote: list[bool]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.in_quote = in_quote
        self.subjects = Subjects(ctx, in_quote)
        self.sources = SourcePhrases(self)

    def org_near(self, start: int, end: int) -> Referent | None:
        """``hieß es aus dem Kreml``: the institution, if one is named."""
        for j in range(max(0, start), min(end, len(self.doc))):
            m = self.ctx.by_token.get(j)
            if m is not None and m.label_ == "ORG":
                return Referent.named(m)
        return None

    def heard_from(self, start: int, end: int) -> Referent | None:
        """``hieß es aus dem Kreml`` / ``heißt es in einer Erklärung der Polizei``: the named source, if any."""
        ref = self.org_near(start, end)
        if ref is not None:
            return ref
        doc = self.doc
        for j in range(max(0, start), min(end, len(doc) - 1)):
            if doc[j].lower_ in _SOURCE_PREPOSITIONS and not self.in_quote[j]:
                phrase = noun_phrase(doc, j + 1, 10)
                if phrase is not None:
                    ref = self.ctx.speaker_at(phrase.start, phrase.end - phrase.start)
                    # "hieß es in einer Erklärung": a text with no named author says nothing about who
                    return None if ref is None or ref.type == "agent" and phrase.kind == "source" else ref
        return None

    # -- reported speech in a sentence ----------------------------------------
    def final(self, sent: Span) -> Frame | None:
        """``…, sagte der Beamte.`` / ``…, gab Uschakow zu bedenken.`` / ``…, so der Sprecher.``"""
        toks = self.ctx.words(sent)
        texts, lowers = self.ctx.texts, self.ctx.lowers
        for pos in range(len(toks) - 2, max(0, len(toks) - 12), -1):
            tok = toks[pos]
            before, before2 = toks[pos - 1].i, toks[pos - 2].i
            # "…, teilte die Polizei mit." / "…, das teilte die Polizei mit." / "…, so der Minister im Interview."
            anaphor = lowers[before] in ("das", "dies") and texts[before2] == ","
            if texts[before] not in (",", "–") and not anaphor or pos <= 3 or self.in_quote[tok.i]:
                continue
            lemma = speech_lemma(tok) or ("so" if tok.lower_ == "so" else None)
            if lemma is None:
                continue
            if lemma == "heißen":
                ref = self.heard_from(tok.i + 1, tok.i + 8)
            else:
                ref = self.ctx.speaker_at(tok.i + 1, 10)
                if lemma == "so" and ref is None:
                    ref = self.sources.described_source(tok.i + 1, sent)  # "…, so die Tonbandstimme."
                if lemma == "so" and (ref is None or not self._frame_ends(ref.mention.end, sent)):
                    continue  # "so" is a frame only as "…, so der Minister." (or "… im Interview.")
            comma = toks[pos - 2] if anaphor else toks[pos - 1]
            return Frame(sent.start_char, comma.idx, ref, lemma, (tok.i, tok.i + 1))
        return None

    def _frame_ends(self, i: int, sent: Span) -> bool:
        """After the speaker only the sentence end, or a place or occasion (``im Interview``, ``am Montag``)."""
        doc = self.doc
        if i >= sent.end - 1 or doc[i].text in (".", "!", "?", ",", ":", ";"):
            return True
        return doc[i].lower_ in ("im", "in", "am", "gegenüber", "bei", "beim", "auf", "vor", "nach")

    def according_to(self, sent: Span) -> Frame | None:
        return self.sources.according_to(sent)

    def verb_clauses(self, sent: Span, limit: int) -> list[Frame]:
        """Speech verbs followed by ``dass``/``ob``, a colon, or a comma and a subjunctive clause.

        A sentence may hold several (``X warnte, dass …, während Y verlangte, dass …``): each
        clause ends where the next one's frame begins.
        """
        frames: list[Frame] = []
        tok_i = sent.start
        while tok_i < sent.end:
            found = self._verb_clause(sent, tok_i, limit)
            if found is None:
                break
            frame, next_i = found
            if frames and self._inside_complement(frames[-1], frame):
                tok_i = next_i  # "erklärte, er gehe davon aus, dass …": one claim, the first speaker's
                continue
            if frames and frames[-1].end > frame.begin:
                cut = self._clause_start(frames[-1].begin, frame.cue_tokens[0] if frame.cue_tokens else next_i)
                frames[-1].end = min(frames[-1].end, cut)
            frames.append(frame)
            tok_i = next_i
        return frames

    def _inside_complement(self, outer: Frame, inner: Frame) -> bool:
        """The inner speech verb is the outer complement's own verb: no comma stands between them."""
        if not inner.cue_tokens or outer.mode != "indirect":
            return False
        texts, lowers, offsets = self.ctx.texts, self.ctx.lowers, doc_offsets(self.doc)
        verb_i = inner.cue_tokens[0]
        first = verb_i
        while first > 0 and offsets[first - 1] >= outer.begin:
            first -= 1
        return first < verb_i and not any(t in (",", ";", ":") for t in texts[first:verb_i]) \
            and any(texts[k][:1].islower() and lx.is_subjunctive(lowers[k]) for k in range(first, verb_i + 1))

    def _clause_start(self, begin: int, verb_i: int) -> int:
        """The comma that opens the clause of the verb at ``verb_i`` (char offset), else the verb's offset."""
        doc = self.doc
        for k in range(verb_i - 1, 0, -1):
            if doc[k].idx <= begin:
                break
            if doc[k].text == ",":
                return doc[k].idx
        return doc[verb_i].idx

    def _verb_clause(self, sent: Span, start: int, limit: int) -> tuple[Frame, int] | None:
        doc = self.doc
        lowers = self.ctx.lowers
        for i in range(start, sent.end):
            if lowers[i] not in SPEECH_WORDS:
                continue  # speech_lemma would be None: no Token needed
            tok = doc[i]
            lemma = speech_lemma(tok)
            if lemma is None or self.in_quote[tok.i] or tok.idx >= limit or lemma == "zufolge":
                continue
            if self.conditional(sent, tok.i):
                continue
            clause = self._clause_after(sent, tok.i)
            if clause is not None:
                # The speaker is sought only for a verb that has a clause: most speech verbs here
                # have none (they frame a quote or end the sentence), and the search is costly.
                begin, next_i = clause
                end = self._main_clause_again(next_i, sent, limit)
                return Frame(begin, end, self._clause_speaker(sent, tok.i, lemma), lemma, (tok.i, tok.i + 1)), next_i
        return None

    def _main_clause_again(self, start: int, sent: Span, limit: int) -> int:
        """Where the speaker's own sentence goes on after the reported clause: "sagte Köhler, sie müssten
        … aufgeben und bemühte das Bild vom …" (``und`` + a past verb with no subject of its own)."""
        texts, lowers, offsets = self.ctx.texts, self.ctx.lowers, doc_offsets(self.doc)
        for j in range(start, sent.end - 1):
            if offsets[j] >= limit:
                break
            if lowers[j] == "und" and not self.in_quote[j] and texts[j + 1][:1].islower() \
                    and lx.is_past_verb(lowers[j + 1]):
                return offsets[j]
        return limit

    def _clause_speaker(self, sent: Span, verb_i: int, lemma: str) -> Referent | None:
        if lemma == "heißen":
            # "Aus dem Weißen Haus hieß es, …": the institution, if named; else nobody.
            return self.heard_from(sent.start, verb_i) or self.heard_from(verb_i + 1, verb_i + 8)
        return self.subject(sent, verb_i)

    def _clause_after(self, sent: Span, verb_i: int) -> tuple[int, int] | None:
        """Where the clause a speech verb introduces begins (char offset) and the token after its
        opening word, if the verb has one: ``dass``/``ob``, a colon, or a comma and a complement."""
        doc = self.doc
        texts, lowers = self.ctx.texts, self.ctx.lowers
        commas = 0
        for j in range(verb_i + 1, min(sent.end, verb_i + 24)):
            low, text = lowers[j], texts[j]
            if not self.in_quote[j] and low in SPEECH_WORDS and speech_lemma(doc[j]) is not None:
                break  # a later speech verb is closer to the clause: "im … veröffentlichten Video sagte X, …"
            if low in ("dass", "daß", "ob") and not self.in_quote[j]:
                if _adverbial_dass(doc, j):
                    break  # "für den Fall, dass …" is a condition, not what was said
                return doc[j].idx, j + 1
            if text == ":" and j + 1 < sent.end:
                return doc[j + 1].idx, j + 1
            if text == "," and j + 1 < sent.end:
                if lowers[j + 1] in ("dass", "daß", "ob"):
                    continue  # "geht davon aus, dass …": the clause starts at "dass"
                if commas == 0 and self._complement_clause(j + 1, sent.end):
                    return doc[j + 1].idx, j + 1
                commas += 1  # an apposition may come first: "sagte der Koordinator, Tessema, …, dass"
                if commas > 2:
                    break
            if text in _CLAUSE_END:
                break
        return None

    def _complement_clause(self, start: int, end: int) -> bool:
        """After the comma: a subjunctive clause (``…, die Lage sei ernst``) or a zu-infinitive
        (``versprach, gegen die Randalierer vorzugehen``, ``bestreitet, verwickelt zu sein``)."""
        # Read from the Doc's arrays: asked at every comma after a speech verb.
        texts, lowers = self.ctx.texts, self.ctx.lowers
        end = min(end, len(texts))
        if lowers[start] in _SUBORDINATORS and "," not in texts[start:end]:
            return False  # "informierte über Kürzungen, falls … würden": a condition, no main clause follows
        for r in range(start, min(end, start + 14)):
            if self.in_quote[r]:
                continue
            if texts[r][:1].islower() and lx.is_subjunctive(lowers[r]):  # verbs.is_subjunctive of the token
                return True
            if texts[r] == "," or texts[r] in _CLAUSE_END:
                break
        words = []
        for r in range(start, end):
            if texts[r] in (",", ";", ":") or texts[r] in _CLAUSE_END:
                break
            words.append(lowers[r])
        if len(words) < 2 or any(w in _FINITE_AUXILIARIES for w in words):
            return False  # "…, die Regierung hat keine Pläne zu ändern": a main clause of its own
        return _ZU_INFIX.match(words[-1]) is not None or any(
            w == "zu" and k + 1 < len(words) for k, w in enumerate(words))

    def subject(self, sent: Span, verb_i: int) -> Referent | None:
        return self.subjects.subject(sent, verb_i)

    def speech_act(self, sent: Span) -> Frame | None:
        """``Die Opposition kritisierte den Haushalt scharf.``: the whole sentence reports a speech act."""
        toks = self.ctx.words(sent)
        if len(toks) < 5 or any(self.in_quote[t.i] for t in toks[:2]):
            return None
        # The verb in second position, or a participle at the end after a fronted auxiliary.
        fronted_aux = any(t.lower_ in AUXILIARIES for t in toks[:4])
        for n, tok in enumerate(toks):
            if n >= 8 and not fronted_aux:
                break
            lemma = speech_lemma(tok)
            if lemma is None or self.in_quote[tok.i] or not self._reports_alone(lemma, tok, sent):
                continue
            if self._not_yet_said(toks, tok) or self.conditional(sent, tok.i):
                return None
            ref = self.subject(sent, tok.i)
            if ref is None:
                return None
            return Frame(sent.start_char, sent.end_char, ref, lemma, (tok.i, tok.i + 1), "reported")
        return None

    def _reports_alone(self, lemma: str, verb: Token, sent: Span) -> bool:
        """Whether the verb with just its objects reports what was said; "sprach von einem Erfolg" does."""
        if lemma == "sprechen":
            # "sprach von einem Erfolg", "sprach trotz der Kritik von einer fairen Wahl"
            # but not "sprach mit Vertretern von Verbänden": whom one spoke with is no claim
            window = self.doc[verb.i + 1:min(sent.end, verb.i + 6)]
            return any(t.lower_ in ("von", "vom") for t in window) \
                and not any(t.text == "," or t.lower_ == "mit" for t in window)
        return lemma not in _NO_BARE_REPORT and not needs_complement(lemma)

    def _not_yet_said(self, toks: list[Token], verb: Token) -> bool:
        """``wird am Donnerstag … erläutern``, ``will … aussagen``: announced, not yet said."""
        after = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        if after is not None and after.lower_ in ("haben", "worden", "hat"):
            return False  # "soll … gesagt haben": said, reportedly
        return any(t.lower_ in _FUTURE for t in toks if t.i < verb.i)

    def conditional(self, sent: Span, verb_i: int) -> bool:
        """The verb stands in a ``wenn``/``falls`` clause: a condition, not something said."""
        texts, lowers = self.ctx.texts, self.ctx.lowers
        for k in range(verb_i - 1, sent.start - 1, -1):
            if lowers[k] in _CONDITIONS:
                return True
            if texts[k] in (",", ";", ":"):
                return False
        return False


# "vorzugehen", "aufzulösen", "einzudämmen": separable verbs with "zu" inside.
_ZU_INFIX = re.compile(r"^(?:ab|an|auf|aus|bei|dar|ein|fest|fort|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen|"
                       r"durch|über|um|unter|wieder|weiter|frei|statt|teil|bekannt)zu[a-zäöüß]+e?n$")
_INFINITIVES = frozenset({"haben", "sein", "werden", "sollen", "wollen"})
_FINITE_AUXILIARIES = AUXILIARIES - _INFINITIVES
_SOURCE_PREPOSITIONS = frozenset({"aus", "in", "im", "bei", "beim", "von", "vom", "seitens"})
_FUTURE = frozenset({"wird", "werden", "will", "wollen", "möchte", "möchten", "plant", "planen"})
_CONDITIONS = frozenset({"wenn", "falls", "sofern", "sollte", "sollten"})
