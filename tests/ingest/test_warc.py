"""Web archives: HTML response records become articles; damaged records are refused by offset."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storytrail import Store, ingest
from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

WARCIO_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "warcio-fixtures"
CAPTURED = "2024-06-12T08:00:00Z"


def story(n: int, dated: bool = False, extra: str = "") -> bytes:
    meta = '<meta property="article:published_time" content="2024-05-30">' if dated else ""
    return (
        f"<html><head><title>Story {n}</title>{meta}</head><body><article>"
        f"<p>Story number {n}: the minister said the talks on the dam would resume next week.</p>"
        f"{extra}</article></body></html>\n<!-- {'x' * 60} -->"
    ).encode()


def record(
    kind: str = "response",
    uri: str = "https://news.example/1",
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> dict:
    return {"kind": kind, "uri": uri, "body": body, "type": content_type, "status": status}


def write_warc(path: Path, records: list[dict], compress: bool = True) -> list[int]:
    """Write ``records`` with warcio; return the byte offset of each."""
    offsets = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for spec in records:
            offsets.append(out.tell())
            http = None
            if spec["kind"] in ("response", "request"):
                headers = [("Content-Type", spec["type"])] if spec["type"] else []
                http = StatusAndHeaders(spec["status"], headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    spec["uri"],
                    spec["kind"],
                    payload=io.BytesIO(spec["body"]),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": CAPTURED},
                )
            )
    return offsets


def split(items):
    items = list(items)
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Rejection)],
    )


def three_stories(path: Path, compress: bool) -> list[int]:
    return write_warc(
        path,
        [record(uri=f"https://news.example/{n}", body=story(n)) for n in range(3)],
        compress=compress,
    )


# --- what becomes an article -----------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False])
def test_html_responses_become_articles_and_other_records_are_skipped(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    offsets = write_warc(
        path,
        [
            record("warcinfo", uri="", body=b"software: test", content_type=""),
            record("request", body=b"", content_type=""),
            record(uri="https://news.example/dated", body=story(1, dated=True)),
            record(uri="https://news.example/undated", body=story(2)),
            record(uri="https://news.example/logo.png", body=b"\x89PNG", content_type="image/png"),
            record(uri="https://news.example/gone", body=story(3), status="404 Not Found"),
            record(uri="https://news.example/moved", body=b"", status="301 Moved Permanently"),
            record("metadata", body=b"outlinks: none", content_type=""),
        ],
        compress=compress,
    )
    articles, rejections = split(read_sources([path]))
    assert rejections == []
    dated, undated = articles
    assert (dated.url, dated.source) == (
        "https://news.example/dated",
        f"{path}#offset={offsets[2]}",
    )
    assert (dated.published, dated.published_source) == ("2024-05-30", "html-meta")
    assert (undated.published, undated.published_source) == (
        "2024-06-12T08:00:00+00:00",
        "warc-date",
    )
    assert undated.title == "Story 2"


def test_scripts_in_archived_pages_stay_out(tmp_path):
    script = "<script>document.write('ARCHIVED-SCRIPT-TEXT')</script>"
    path = tmp_path / "a.warc.gz"
    write_warc(path, [record(body=story(1, extra=script))])
    (article,) = read_sources([path])
    assert "ARCHIVED-SCRIPT-TEXT" not in article.original
    assert "talks on the dam would resume" in article.original


def test_folders_pick_up_warc_files(tmp_path):
    (tmp_path / "crawl").mkdir()
    three_stories(tmp_path / "crawl" / "part-1.warc.gz", compress=True)
    three_stories(tmp_path / "crawl" / "part-2.warc", compress=False)
    articles, _ = split(read_sources([tmp_path / "crawl"]))
    assert len(articles) == 6


# --- damage ------------------------------------------------------------------------------


def test_truncated_last_record_is_refused_and_earlier_ones_kept(tmp_path):
    whole = tmp_path / "whole.warc"
    offsets = three_stories(whole, compress=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[2] + 400])
    articles, (rejection,) = split(read_sources([cut]))
    assert [a.url for a in articles] == ["https://news.example/0", "https://news.example/1"]
    assert (rejection.source, rejection.line) == (str(cut), offsets[2])
    assert re.fullmatch(
        rf"record at byte {offsets[2]} \(https://news.example/2\): "
        r"truncated: \d+ of its \d+ bytes missing",
        rejection.reason,
    )


def test_cut_gzip_member_at_the_end_is_refused_not_dropped(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    offsets = three_stories(whole, compress=True)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: offsets[2] + 40])
    articles, (rejection,) = split(read_sources([cut]))
    assert len(articles) == 2
    assert (rejection.line, rejection.reason) == (
        offsets[2],
        f"truncated: bytes {offsets[2]}-{offsets[2] + 40} are not a complete record",
    )


def test_damaged_gzip_member_costs_that_record_and_reading_resumes(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    offsets = three_stories(whole, compress=True)
    data = whole.read_bytes()
    middle = (offsets[1] + offsets[2]) // 2
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(data[:middle] + data[middle + 30 :])
    articles, (rejection,) = split(read_sources([damaged]))
    assert [a.url for a in articles] == ["https://news.example/0", "https://news.example/2"]
    assert rejection.line == offsets[1]
    assert rejection.reason == (
        f"unreadable from byte {offsets[1]} to byte {offsets[2] - 30}: "
        "no WARC record here (damaged or truncated data)"
    )


def test_wrong_content_length_costs_that_record_only(tmp_path):
    whole = tmp_path / "whole.warc"
    offsets = three_stories(whole, compress=False)
    data = whole.read_bytes()
    second = data[offsets[1] : offsets[2]]
    match = re.search(rb"Content-Length: (\d+)\r\n", second)
    shorter = str(int(match.group(1)) - 10).encode()
    second = second[: match.start(1)] + shorter + second[match.end(1) :]
    path = tmp_path / "short.warc"
    path.write_bytes(data[: offsets[1]] + second + data[offsets[2] :])
    articles, (rejection,) = split(read_sources([path]))
    assert [a.url for a in articles] == ["https://news.example/0", "https://news.example/2"]
    assert rejection.reason == (
        f"record at byte {offsets[1]} (https://news.example/1): "
        "damaged: its Content-Length does not match the data (truncated or overrun)"
    )


def test_oversized_record_is_skipped_unread_and_the_next_is_read(tmp_path):
    path = tmp_path / "big.warc.gz"
    big = story(1, extra="<p>" + "The committee met again. " * 400 + "</p>")
    offsets = write_warc(
        path, [record(body=big), record(uri="https://news.example/2", body=story(2))]
    )
    articles, (rejection,) = split(read_sources([path], Settings(max_warc_record_bytes=2000)))
    assert [a.url for a in articles] == ["https://news.example/2"]
    assert rejection.line == offsets[0]
    assert re.fullmatch(
        rf"record at byte {offsets[0]} \(https://news.example/1\): "
        r"too large: (\d+) bytes \(cap 2000\)",
        rejection.reason,
    )
    assert int(rejection.reason.split()[-4]) > len(big)  # the HTTP headers count too


def test_whole_file_gzip_is_named(tmp_path):
    plain = tmp_path / "plain.warc"
    three_stories(plain, compress=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    articles, (rejection,) = split(read_sources([path]))
    assert len(articles) == 1  # warcio reads the first record before it notices
    assert rejection.reason == (
        "unreadable from byte 0 to the end: "
        "gzipped as one stream, not record by record (fix: warcio recompress)"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty: no WARC records"),
        (b"this is not an archive\n" * 5, "unreadable from byte 0 to the end: "),
    ],
)
def test_files_that_are_not_archives(tmp_path, content, reason):
    path = tmp_path / "x.warc"
    path.write_bytes(content)
    (rejection,) = read_sources([path])
    assert rejection.reason.startswith(reason)


def test_page_without_text_is_refused_with_its_offset(tmp_path):
    path = tmp_path / "nav.warc.gz"
    offsets = write_warc(
        path, [record(body=story(1)), record(uri="https://news.example/nav", body=b"<html></html>")]
    )
    _, (rejection,) = split(read_sources([path]))
    assert (rejection.line, rejection.reason) == (
        offsets[1],
        f"record at byte {offsets[1]} (https://news.example/nav): "
        "no article text found in the HTML",
    )


def test_damaged_archive_leaves_the_store_consistent_and_reruns_add_nothing(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    offsets = three_stories(whole, compress=True)
    damaged = tmp_path / "damaged.warc.gz"
    data = whole.read_bytes()
    damaged.write_bytes(data[: offsets[1] + 20] + data[offsets[1] + 60 :])
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [damaged])
        second = ingest(store, [damaged])
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (times,) = store.conn.execute("SELECT times FROM rejections").fetchone()
    assert (first.added, len(first.rejections)) == (2, 1)
    assert (second.added, second.duplicates, times) == (0, 2, 2)


# --- warcio's own fixtures (read in place, never copied) ----------------------------------

needs_warcio_data = pytest.mark.skipif(
    not WARCIO_DATA.is_dir(), reason="shared warcio fixture files not present (../shared/data)"
)


def fixture(name: str) -> Path:
    return WARCIO_DATA / "test" / "data" / name


@needs_warcio_data
@pytest.mark.parametrize(
    "name", ["example.warc", "example.warc.gz", "example.arc", "example.arc.gz"]
)
def test_warcio_good_archives_give_the_example_page(name):
    (article,) = read_sources([fixture(name)])
    assert (article.url, article.title) == ("http://example.com/", "Example Domain")
    assert article.published_source == "warc-date"


@needs_warcio_data
def test_warcio_chunked_payload_is_decoded():
    (article,) = read_sources([fixture("example-iana.org-chunked.warc")])
    assert article.url == "http://www.iana.org/"
    assert article.published_source == "html-meta"


@needs_warcio_data
def test_warcio_truncated_record_is_refused_by_offset():
    (rejection,) = read_sources([fixture("example-trunc.warc")])
    assert (rejection.line, rejection.reason) == (
        1197,
        "record at byte 1197 (http://example.com/): "
        "damaged: its Content-Length does not match the data (truncated or overrun)",
    )


@needs_warcio_data
def test_warcio_non_chunked_gzip_is_refused():
    (rejection,) = read_sources([fixture("example-bad-non-chunked.warc.gz")])
    assert "gzipped as one stream" in rejection.reason


@needs_warcio_data
def test_warcio_wrong_chunks_cost_the_record_and_reading_goes_on():
    items = list(read_sources([fixture("example-wrong-chunks.warc.gz")]))
    assert all(isinstance(i, Rejection) and i.reason for i in items)
    assert [i.line for i in items] == [0, 516]


@needs_warcio_data
@pytest.mark.parametrize(
    "name", ["example-digest.warc", "example-resource.warc.gz", "post-test.warc.gz", "bad.arc"]
)
def test_warcio_archives_without_html_responses_give_nothing(name):
    assert list(read_sources([fixture(name)])) == []


def test_record_with_an_unparseable_target_uri_is_refused(tmp_path):
    """Found by the fuzzer: a damaged WARC-Target-URI must not escape as a ValueError."""
    path = tmp_path / "odd.warc.gz"
    offsets = write_warc(
        path, [record(uri="https://news.example:8O80/x", body=story(1)), record(body=story(2))]
    )
    articles, (rejection,) = split(read_sources([path]))
    assert len(articles) == 1
    assert (rejection.line, rejection.reason) == (
        offsets[0],
        f"record at byte {offsets[0]} (https://news.example:8O80/x): invalid URL "
        "'https://news.example:8O80/x': Port could not be cast to integer value as '8O80'",
    )


# --- our own ARC, chunked and wrongly gzipped archives (no ../shared needed) --------------
# Written here, byte by byte, so CI without ../shared/data still tests what warcio's
# fixtures above test: ARC and ARC.gz, a chunked payload, and the two gzip refusals.


def http_response(body: bytes) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body) + body
    )


def arc_records(pages: list[tuple[str, bytes]]) -> list[bytes]:
    """An ARC v1 file as its records: the ``filedesc`` header, then one per page."""
    version = b"1 0 Storytrail fixtures\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://fixture.arc 0.0.0.0 20240612080000 text/plain %d\n" % len(version)
    records = [head + version + b"\n"]
    for url, body in pages:
        response = http_response(body)
        line = b"%s 192.0.2.7 20240612080000 text/html %d\n" % (url.encode(), len(response))
        records.append(line + response + b"\n")
    return records


def chunked(body: bytes, size: int = 40) -> bytes:
    """``body`` in HTTP/1.1 chunked transfer encoding, ``size`` bytes a chunk."""
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


@pytest.mark.parametrize("compress", [False, True], ids=["arc", "arc.gz"])
def test_arc_records_become_articles(tmp_path, compress):
    pages = [("http://news.example/arc-1", story(1)), ("http://news.example/arc-2", story(2, True))]
    records = arc_records(pages)
    path = tmp_path / ("crawl.arc.gz" if compress else "crawl.arc")
    path.write_bytes(
        b"".join(gzip.compress(r, mtime=0) for r in records) if compress else b"".join(records)
    )
    articles, rejections = split(read_sources([path]))
    assert rejections == []
    assert [(a.url, a.title, a.published_source) for a in articles] == [
        ("http://news.example/arc-1", "Story 1", "warc-date"),
        ("http://news.example/arc-2", "Story 2", "html-meta"),
    ]
    assert articles[0].published == "2024-06-12T08:00:00+00:00"


def test_a_chunked_payload_is_decoded(tmp_path):
    path = tmp_path / "chunked.warc.gz"
    body = story(5, dated=True)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/chunked",
                "response",
                payload=io.BytesIO(chunked(body)),
                http_headers=http,
                warc_headers_dict={"WARC-Date": CAPTURED},
            )
        )
    (article,) = read_sources([path])
    assert (article.url, article.published_source) == ("https://news.example/chunked", "html-meta")
    # The sentence crosses 40-byte chunk boundaries: chunk-size lines would break it up.
    sentence = "Story number 5: the minister said the talks on the dam would resume next week."
    assert sentence in article.original
    assert "\r\n28\r\n" not in article.original


def test_an_archive_gzipped_as_one_stream_is_refused_with_the_fix(tmp_path):
    plain = tmp_path / "plain.warc"
    three_stories(plain, compress=False)
    path = tmp_path / "one-stream.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    articles, (rejection,) = split(read_sources([path]))
    assert [a.url for a in articles] == ["https://news.example/0"]
    assert (rejection.line, rejection.reason) == (
        0,
        "unreadable from byte 0 to the end: "
        "gzipped as one stream, not record by record (fix: warcio recompress)",
    )


def test_gzip_members_cut_across_records_cost_those_records_and_reading_goes_on(tmp_path):
    plain = tmp_path / "plain.warc"
    offsets = three_stories(plain, compress=False)
    data = plain.read_bytes()
    cut = offsets[1] + 100  # the second record starts in one gzip member and ends in the next
    first, second = gzip.compress(data[:cut], mtime=0), gzip.compress(data[cut:], mtime=0)
    path = tmp_path / "wrong-members.warc.gz"
    path.write_bytes(first + second)
    articles, rejections = split(read_sources([path]))
    # warcio reads the first two across the seam; the third, in the second member, is lost
    # and said so: no record disappears without a rejection covering its bytes.
    assert [a.url for a in articles] == ["https://news.example/0", "https://news.example/1"]
    inside, rest = rejections
    assert 0 < inside.line < len(first) == rest.line
    assert inside.reason == (
        f"unreadable from byte {inside.line} to byte {len(first)}: "
        "gzipped as one stream, not record by record (fix: warcio recompress)"
    )
    assert rest.reason == (
        f"unreadable from byte {len(first)} to the end: "
        "no WARC record here (damaged or truncated data)"
    )
