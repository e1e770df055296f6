"""Every way an input can be refused, each with a message naming the file and the reason."""

from pathlib import Path

import pytest

from storytrail.ingest import read_sources
from storytrail.model import Rejection
from storytrail.settings import Settings


def refused(path: Path, settings: Settings | None = None) -> Rejection:
    items = list(read_sources([path], settings) if settings else read_sources([path]))
    assert len(items) == 1
    assert isinstance(items[0], Rejection), items[0]
    assert items[0].source == str(path)
    return items[0]


def test_empty_file(write):
    assert refused(write("empty.txt", b"")).reason == "empty: no text in the file"


def test_whitespace_only_file(write):
    assert refused(write("blank.txt", b" \n\t\n")).reason == "empty: no text in the file"


def test_too_short_to_be_an_article(write):
    assert refused(write("short.txt", "Hi there")).reason == "empty: under 20 characters of text"


def test_binary_file_with_nul_bytes(write):
    reason = refused(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)).reason
    assert reason == "binary: contains NUL bytes"


def test_binary_file_of_control_characters(write):
    reason = refused(write("blob.txt", bytes(range(1, 32)) * 20 + b"some text")).reason
    assert reason.startswith("binary:") and "control characters" in reason


def test_undecodable_utf16(write):
    reason = refused(write("bad16.txt", b"\xff\xfe" + b"\x00\xd8" + b"a")).reason
    assert reason.startswith("undecodable: bad utf-16")


def test_over_the_size_cap(write):
    path = write("huge.txt", "word " * 1000)
    reason = refused(path, Settings(max_file_bytes=1000)).reason
    assert reason == "too large: 5000 bytes (cap 1000)"


def test_missing_path(tmp_path):
    reason = refused(tmp_path / "nope.txt").reason
    assert reason == "not found"


@pytest.mark.parametrize("name", ["a.txt", "b.html"])
def test_one_bad_file_does_not_stop_the_folder(write, tmp_path, name):
    write(f"folder/{name}", b"\x00\x01\x02")
    write("folder/good.txt", "Dam talks stall\n\nThe talks stalled again on Monday.")
    items = list(read_sources([tmp_path / "folder"]))
    assert sorted(type(i).__name__ for i in items) == ["Article", "Rejection"]


def test_nul_bytes_after_the_first_8_kib_are_refused(write):
    text = ("The minister said the dam would open. " * 300).encode() + b"\x00 more words here"
    assert len(text) > 8192
    assert refused(write("late-nul.txt", text)).reason == "binary: contains NUL bytes"


def test_utf16_text_carrying_nul_characters_is_refused(write):
    text = "The minister said the dam would open. " * 300 + "\x00 more"
    reason = refused(write("nul16.txt", text.encode("utf-16"))).reason
    assert reason == "binary: contains NUL bytes"


def test_an_article_longer_than_one_parse_is_refused_at_ingest_naming_the_cap(write):
    settings = Settings(max_article_chars=5000)
    reason = refused(write("long.txt", "The dam is open. " * 400), settings).reason
    assert reason == f"too long: {17 * 400} characters of text (cap max_article_chars=5000)"
