"""Turn the bytes of a text file into the exact string offsets will count in."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Western encodings a German text file plausibly uses when it is not UTF-8.
_LEGACY = ("cp1252", "iso8859_15", "cp850", "mac_roman", "latin_1")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class NotText(ValueError):
    """The bytes are not a text file (binary data)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8" unless a fallback was needed

    @property
    def fallback(self) -> bool:
        return self.encoding != "utf-8"


def decode_text(data: bytes) -> Decoded:
    """Decode as UTF-8, else as UTF-16 with a byte order mark, else as a legacy Western encoding.

    Nothing is stripped or normalised (a UTF-8 byte order mark stays as U+FEFF):
    evaluation counts offsets into the file decoded as plain UTF-8.
    Raises ``NotText`` for binary data.
    """
    return _checked(_decode(data))


def _decode(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if data.startswith(_UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as err:
            raise NotText("starts like UTF-16 but does not decode as UTF-16") from err
    if b"\x00" in data:
        raise NotText("contains NUL bytes, so it is binary, not text")
    return _decode_damaged_utf8(data) or _decode_legacy(data)


# Control characters a text file may hold: tab, line feed, vertical tab, form feed, carriage return.
_TEXT_CONTROLS = frozenset("\t\n\x0b\x0c\r")


def _checked(decoded: Decoded) -> Decoded:
    """Refuse what decoded but is binary all the same: latin-1 turns any bytes into "text".

    A NUL never occurs in text; other control characters may, rarely (a stray escape
    character from a copy and paste), so only a share above 1 % counts as binary.
    """
    text = decoded.text
    if "\x00" in text:
        raise NotText("contains NUL characters, so it is binary, not text")
    controls = sum(1 for ch in text if (ch < " " and ch not in _TEXT_CONTROLS) or ch == "\x7f")
    if controls > 3 and controls > len(text) // 100:
        raise NotText(f"{controls} of its {len(text)} characters are control characters, so it is binary")
    return decoded


def _decode_damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes: replacing those beats turning every umlaut into mojibake."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    intact = sum(1 for ch in text if ord(ch) > 127) - damaged
    return Decoded(text, "utf-8 with replacements") if intact > 2 * damaged else None


def _decode_legacy(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; only then is a guess worth its cost.
    guess = _guess_encoding(data)
    if guess:
        try:
            return Decoded(data.decode(guess), guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("latin_1"), "latin_1")


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, kept only if it is a Western encoding."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return name if name in {codecs.lookup(e).name for e in _LEGACY} else None
