"""Reading bytes safely and deciding whether they are text.

News files arrive as UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools, or
Windows-1252 from old CMSes. We accept those, in that order, and refuse the
rest by name rather than guessing: a wrong guess would put mojibake into the
record that the cleaner could not later undo.

Text that arrives already decoded (a manifest's inline ``text`` or ``html``)
goes through the same checks and the same size cap as a file's bytes
(``checked_inline``): one policy, however an article comes in.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from storytrail.ingest.errors import IngestError
from storytrail.ingest.paths import open_regular
from storytrail.settings import DEFAULTS, Settings

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f"}


def read_capped(path: Path, source: str, settings: Settings = DEFAULTS) -> bytes:
    """Read ``path`` whole, refusing it if it is larger than ``max_file_bytes``."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise IngestError(source, f"too large: {size} bytes (cap {settings.max_file_bytes})")
        with open_regular(path, source) as handle:
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > settings.max_file_bytes:
        raise IngestError(source, f"too large: over {settings.max_file_bytes} bytes")
    return data


def decode_text(data: bytes, source: str, settings: Settings = DEFAULTS) -> str:
    """Decode ``data`` as text or raise ``IngestError`` saying why it is not text."""
    if not data.strip():
        raise IngestError(source, "empty: no text in the file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), source, settings)
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"undecodable: bad {codec} at byte {exc.start}") from exc
    if b"\x00" in data:
        raise IngestError(source, "binary: contains NUL bytes")
    try:
        return _checked(data.decode("utf-8"), source, settings)
    except UnicodeDecodeError as utf8_error:
        try:
            return _checked(data.decode("cp1252"), source, settings)
        except UnicodeDecodeError:
            raise IngestError(
                source,
                f"undecodable: not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
                f"{utf8_error.start}) and not Windows-1252",
            ) from utf8_error


def checked_inline(text: str, source: str, settings: Settings = DEFAULTS) -> str:
    """Text given inline (already a ``str``) under the rules a file's bytes obey:
    the size cap on its UTF-8 bytes, no NUL, not mostly control characters."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.max_file_bytes:
        raise IngestError(source, f"too large: {size} bytes (cap {settings.max_file_bytes})")
    if not text.strip():
        raise IngestError(source, "empty: no text in the file")
    return _checked(text, source, settings)


def _checked(text: str, source: str, settings: Settings) -> str:
    """Refuse decoded text that holds a NUL (no text format has one; it would reach
    snippets and exports) or is mostly control characters (a binary file in disguise)."""
    if "\x00" in text:
        raise IngestError(source, "binary: contains NUL bytes")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > settings.max_control_char_ratio:
        raise IngestError(
            source, f"binary: {controls} control characters in the first {len(sample)} characters"
        )
    if not text.strip():
        raise IngestError(source, "empty: only whitespace")
    return text
