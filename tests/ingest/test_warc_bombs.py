"""WARC and ARC compression bombs: decompressed bytes and header lines are capped per
record and per file, and a bomb costs its record (or the rest of its file), never the
run. warcio alone reads a gzip member holding a run without newlines as one line, in
memory, however long it is."""

from __future__ import annotations

import zlib
from pathlib import Path

from test_warc import record, split, story, write_warc

from storytrail.ingest import read_sources
from storytrail.settings import Settings

MIB = 1024 * 1024


def gzip_member(data: bytes, repeat: int = 1, head: bytes = b"") -> bytes:
    """One gzip member holding ``head`` then ``data`` ``repeat`` times, compressed as it
    streams."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(head)] + [packer.compress(data) for _ in range(repeat)]
    return b"".join(parts) + packer.flush()


def archive_with_a_bomb(path: Path, bomb: bytes) -> tuple[int, int]:
    """A story, the bomb, then another story; returns (bomb offset, last story offset)."""
    first, last = tmp_warc(path.parent / "a.warc.gz", 1), tmp_warc(path.parent / "b.warc.gz", 2)
    path.write_bytes(first + bomb + last)
    return len(first), len(first) + len(bomb)


def tmp_warc(path: Path, n: int) -> bytes:
    write_warc(path, [record(uri=f"https://news.example/{n}", body=story(n))])
    return path.read_bytes()


def test_a_newline_free_gzip_member_costs_that_record_only(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    bomb = gzip_member(b"A" * MIB, repeat=48)  # 48 MiB without a newline, in ~50 KB
    at, resume = archive_with_a_bomb(path, bomb)
    articles, refused = split(read_sources([path], Settings(max_warc_line_bytes=64 * 1024)))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert [(r.line, r.reason) for r in refused] == [
        (
            at,
            f"unreadable from byte {at} to byte {resume}: a line longer than 65536 bytes "
            "(cap max_warc_line_bytes; a compression bomb?)",
        )
    ]


def test_a_member_inflating_past_the_record_cap_costs_that_record_only(tmp_path):
    path = tmp_path / "lines.warc.gz"
    # A WARC header with ~20 MB of short header lines: no long line, but no end either.
    bomb = gzip_member(b"X-Pad: " + b"B" * 1000 + b"\r\n", repeat=20_000, head=b"WARC/1.0\r\n")
    at, resume = archive_with_a_bomb(path, bomb)
    settings = Settings(max_warc_inflated_record_bytes=4 * MIB)
    articles, refused = split(read_sources([path], settings))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert [(r.line, r.reason) for r in refused] == [
        (
            at,
            f"unreadable from byte {at} to byte {resume}: decompresses to over 4194304 bytes "
            "in one record (cap max_warc_inflated_record_bytes; a compression bomb?)",
        )
    ]


def test_a_plain_warc_with_an_endless_header_line_is_refused(tmp_path):
    path = tmp_path / "line.warc"
    write_warc(path, [record(body=story(1))], compress=False)
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: " + b"C" * (2 * MIB))
    articles, refused = split(read_sources([path], Settings(max_warc_line_bytes=64 * 1024)))
    assert len(articles) == 1
    (rejection,) = refused
    assert "a line longer than 65536 bytes (cap max_warc_line_bytes" in rejection.reason


def test_the_whole_file_stops_at_the_file_cap(tmp_path):
    path = tmp_path / "many.warc.gz"
    members = [tmp_warc(tmp_path / f"{n}.warc.gz", n) for n in range(6)]
    path.write_bytes(b"".join(members))
    record_size = len(zlib.decompress(members[0], 31))
    settings = Settings(max_warc_inflated_file_bytes=3 * record_size)
    articles, refused = split(read_sources([path], settings))
    assert 2 <= len(articles) <= 3
    (rejection,) = refused
    assert rejection.reason.endswith(
        f"the archive decompresses to over {3 * record_size} bytes "
        "(cap max_warc_inflated_file_bytes); the rest is not read"
    )
