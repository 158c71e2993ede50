"""What every frame finder returns: where the claimed words are, who said them, and the cue."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.coref import Referent


@dataclass
class Frame:
    begin: int  # character span of the claim's words
    end: int
    ref: Referent | None
    cue: str | None
    cue_tokens: tuple[int, int] | None = None  # token range of the cue words
    mode: str = "indirect"
    relay: Referent | None = None  # who passed the words on ("zitiert ndr.de X")
