"""Decode the bytes of an input file into text (sources.py reads the files): byte-order marks, UTF-8, a
page's declared charset, Windows-1252 for mostly-ASCII text, charset-normalizer's detection; and tell
binary content from text.

Text files are decoded as UTF-8 when they are UTF-8; otherwise a byte-order mark, the page's own
`<meta charset>` declaration, or charset-normalizer's detection decides (see `decode_bytes`), and a file
no encoding fits is rejected with the best guess named.
"""

from __future__ import annotations

import codecs
import re

from polemos.model import Rejection

# Magic numbers of the binary formats most often dropped into an input folder by mistake.
_BINARY_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"SQLite format 3\x00": "an SQLite database",
    b"\x7fELF": "a program (ELF)",
}
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded "text" is really binary.
MAX_CONTROL_SHARE = 0.05
# Text that is mostly ASCII (outside markup) and not UTF-8 is Latin-script text in a Windows code page:
# its few accented letters and curly quotes give a detector too little to go on (charset-normalizer reads
# "Peñas" in cp1252 as cp1250 "Peńas", and "café" in Latin-1 as UTF-16), so Windows-1252 decides.
# Russian, Arabic or CJK text in a legacy code page is far below this share.
_LATIN_ASCII_SHARE = 0.7
# charset-normalizer's coherence (how much the decoded text reads like a language it knows) below which
# its guess is not trusted; on a few words it names Korean for Hebrew and Japanese for junk bytes.
_MIN_COHERENCE = 0.1
# UTF-16/32 detection runs only when at least one byte in this many is NUL.
_MIN_WIDE_NUL_SHARE = 8
_ASCII = bytes(range(128))
_MARKUP = re.compile(rb"<[^<>]{0,4000}>")
_DECLARED_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{1,40})"""
    rb"""|<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([a-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)


def binary_kind(data: bytes) -> str | None:
    """Name the binary format `data` starts with; None if it may be text."""
    return next((kind for magic, kind in _BINARY_MAGIC.items() if data.startswith(magic)), None)


def wide_bom(data: bytes) -> str | None:
    """Name the UTF-16/32 codec whose byte-order mark `data` starts with; None if it has none."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding of BOM-less text full of NUL bytes, as charset-normalizer detects it."""
    best = detect_encoding(data)
    return best[0] if best and best[0].startswith(("utf_16", "utf_32")) else None


def detect_encoding(data: bytes) -> tuple[str, str, float] | None:
    """charset-normalizer's best (encoding, text, coherence) for `data`, or None when nothing fits."""
    # Imported here: detection runs only for files that are not UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        return encoding, data.decode(encoding), best.coherence
    except (UnicodeDecodeError, LookupError):  # detection samples the file; the whole may not fit
        return None


def decode_bytes(data: bytes, where: str) -> tuple[str, str] | Rejection:
    """Decode bytes into (text, encoding name), or say why they cannot be.

    In order: a UTF-16/32 byte-order mark, or UTF-16/32 detected (else NUL bytes mean binary); UTF-8
    (a UTF-8 mark is dropped); UTF-8 with a few bad bytes (replaced by U+FFFD, when valid multi-byte
    characters outnumber them); the charset a page declares; Windows-1252 for mostly-ASCII text;
    charset-normalizer's guess when it recognises a language.
    """
    wide = wide_bom(data)
    head = data[:8192]
    if wide is None and b"\x00" in head:
        # UTF-16 without a byte-order mark is full of NUL bytes (every other byte, for Latin script);
        # a few NUL bytes, or any in a file marked as UTF-8, mean binary.
        if head.count(0) * _MIN_WIDE_NUL_SHARE >= len(head) and not data.startswith(codecs.BOM_UTF8):
            wide = _wide_encoding(data)
        if wide is None:
            return Rejection(where, "binary content (NUL bytes), not text")
    if wide:
        try:
            return data.decode(wide), wide.replace("_", "-")
        except UnicodeDecodeError as e:
            name = wide.upper().replace("_", "-")
            return Rejection(where, f"cannot decode as {name} (offset {e.start}); re-save the file as UTF-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired, "utf-8 (invalid bytes replaced)"
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if _ascii_share(data) >= _LATIN_ASCII_SHARE:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # one of its five unassigned bytes: some other code page
    detected = detect_encoding(data)
    if detected and detected[2] >= _MIN_COHERENCE:
        return detected[1], detected[0]
    bad = data[utf8_error.start]
    guess = (
        f"; the best guess (charset-normalizer), {detected[0]}, is too uncertain to use" if detected else ""
    )
    return Rejection(
        where,
        f"cannot decode: not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) and no other encoding "
        f"fits{guess}; re-save the file as UTF-8",
    )


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few corrupt bytes (a truncated or spliced file), repaired; None if it is not."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    return text if valid > bad else None


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or its XML declaration, if Python knows it."""
    m = _DECLARED_CHARSET.search(data[:8192])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # Only a single- or multi-byte ASCII-compatible charset can be declared inside the text itself.
    return None if name.startswith(("utf-16", "utf-32", "utf-8")) else name


def _ascii_share(data: bytes) -> float:
    sample = _MARKUP.sub(b"", data[:65536]) or data[:65536]
    return 1 - len(sample.translate(None, _ASCII)) / len(sample)


def control_share(text: str) -> float:
    """Return the share of control characters (other than whitespace) at the start of `text`."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)
