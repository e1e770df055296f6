"""Bounds on what reading a web archive may inflate: a compression bomb costs its
record, or the rest of its file, never the memory of the machine.

warcio reads record and HTTP headers with an unbounded ``readline``: a gzip member
holding a long run without newlines (409 KB of it inflated to 2.7 GB) is read into
memory as one line, and a member of endless short header lines is kept as a list.
``BoundedReader`` takes the place of warcio's reader and counts what it inflates:

- a line longer than ``max_warc_line_bytes`` (no real header line comes close),
- more than ``max_warc_inflated_record_bytes`` inflated for one record (a gzip
  member; the whole record in a plain archive),
- more than ``max_warc_inflated_file_bytes`` inflated for the whole file

raise ``ArchiveBomb``, which ``storytrail.ingest.warc`` turns into a rejection
and, for the first two, resumes at the next record. Memory while reading is
bounded by one inflated block (``WARC_BLOCK_BYTES`` × 1,032, deflate's largest
ratio: about 4 MiB), one line, and the payload cap ``max_warc_record_bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from warcio.bufferedreaders import DecompressingBufferedReader

from storytrail.settings import Settings

# Compressed bytes read at a time. Deflate inflates a block at most ~1,032 times, so
# one read never holds more than ~4 MiB; warcio's own 16 KiB would allow ~16 MiB.
WARC_BLOCK_BYTES = 4096


class ArchiveBomb(Exception):
    """An archive inflating past a cap; ``whole_file`` when the file's own cap is spent."""

    def __init__(self, message: str, whole_file: bool = False) -> None:
        super().__init__(message)
        self.whole_file = whole_file


@dataclass(slots=True)
class Inflated:
    """Bytes inflated so far from one file (shared by the readers of its restarts)."""

    total: int = 0


class BoundedReader(DecompressingBufferedReader):
    """warcio's reader with every inflated block and every line counted against the caps."""

    def __init__(self, stream: BinaryIO, settings: Settings, inflated: Inflated) -> None:
        super().__init__(stream, block_size=WARC_BLOCK_BYTES)
        self.settings = settings
        self.inflated = inflated
        self.record_bytes = 0

    def start_record(self) -> None:
        """A new record begins: its count starts from zero (plain archives have no
        members to say so)."""
        self.record_bytes = 0

    def read_next_member(self) -> bool:
        moved = super().read_next_member()
        if moved:
            self.record_bytes = 0
        return moved

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if not self.buff:
            return
        self.record_bytes += self.buff_size
        self.inflated.total += self.buff_size
        file_cap = self.settings.max_warc_inflated_file_bytes
        if self.inflated.total > file_cap:
            raise ArchiveBomb(
                f"the archive decompresses to over {file_cap} bytes "
                "(cap max_warc_inflated_file_bytes); the rest is not read",
                whole_file=True,
            )
        record_cap = self.settings.max_warc_inflated_record_bytes
        if self.record_bytes > record_cap:
            raise ArchiveBomb(
                f"decompresses to over {record_cap} bytes in one record "
                "(cap max_warc_inflated_record_bytes; a compression bomb?)"
            )

    def readline(self, length: int | None = None) -> bytes:
        """A line of at most ``max_warc_line_bytes`` (or ``length``); ``ArchiveBomb`` for a
        longer one. Collected here across blocks: warcio's own loop shortens its limit by
        the whole line so far at each block, and so can return a line cut in two."""
        cap = self.settings.max_warc_line_bytes
        limit = cap + 1 if length is None else min(length, cap + 1)
        parts: list[bytes] = []
        size = 0
        while size < limit:
            part = super().readline(limit - size)
            if not part:
                break
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
        line = b"".join(parts)
        if len(line) > cap and not line.endswith(b"\n"):
            raise ArchiveBomb(
                f"a line longer than {cap} bytes (cap max_warc_line_bytes; a compression bomb?)"
            )
        return line
