"""Parquet shards in: one article per row, the manifest's columns, bad rows refused by number."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from storytrail import Article, Rejection, Store, ingest, read_sources

BODY = "The minister said the dam talks would resume in Lorvik after the summer recess."


def shard(path, rows, schema=None):
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def test_good_rows_become_articles_with_their_metadata(tmp_path):
    path = shard(
        tmp_path / "news.parquet",
        [
            {
                "text": BODY,
                "html": None,
                "url": "https://courier.example/talks",
                "title": "Talks to resume",
                "published": "2023-06-21",
                "outlet": "The Valdoria Courier",
                "language": "en",
            },
            {
                "text": None,
                "html": f"<html><body><article><p>{BODY} More.</p></article></body></html>",
                "url": "https://mirror.example/talks",
                "title": None,
                "published": None,
                "outlet": "Kestria Daily Mirror",
                "language": None,
            },
        ],
    )
    first, second = read_sources([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.source, first.url, first.title, first.published, first.published_source) == (
        f"{path}:1",
        "https://courier.example/talks",
        "Talks to resume",
        "2023-06-21",
        "manifest",
    )
    assert (first.outlet, first.language) == ("The Valdoria Courier", "en")
    assert second.source == f"{path}:2" and "More." in second.original
    assert second.outlet == "Kestria Daily Mirror"


def test_a_timestamp_column_is_read_as_an_iso_date(tmp_path):
    schema = pa.schema([("text", pa.string()), ("published", pa.timestamp("s", tz="UTC"))])
    when = datetime(2022, 11, 23, 9, 30, tzinfo=UTC)
    path = shard(tmp_path / "dated.parquet", [{"text": BODY, "published": when}], schema)
    (article,) = read_sources([path])
    assert article.published == "2022-11-23T09:30:00+00:00"


def test_bad_rows_are_refused_with_their_row_number_and_the_rest_read(tmp_path):
    path = shard(
        tmp_path / "mixed.parquet",
        [
            {"text": BODY, "html": None, "published": None},
            {"text": None, "html": None, "published": None},
            {"text": BODY + " Two.", "html": "<p>also html</p>", "published": None},
            {"text": BODY + " Three.", "html": None, "published": "last Tuesday"},
            {"text": "Too short.", "html": None, "published": None},
            {"text": BODY + " Six.", "html": None, "published": None},
        ],
    )
    items = list(read_sources([path]))
    refused = [(r.line, r.reason) for r in items if isinstance(r, Rejection)]
    assert refused == [
        (2, "malformed row: needs exactly one of 'path', 'text' or 'html'"),
        (3, "malformed row: needs exactly one of 'path', 'text' or 'html'"),
        (4, "published: 'last Tuesday' is not an ISO 8601 date"),
        (5, "empty: under 20 characters of text"),
    ]
    assert [a.source for a in items if isinstance(a, Article)] == [f"{path}:1", f"{path}:6"]
    assert all(r.source == str(path) for r in items if isinstance(r, Rejection))


def test_a_column_of_the_wrong_type_is_refused_per_row(tmp_path):
    path = shard(tmp_path / "typed.parquet", [{"text": BODY, "title": 7}])
    (refused,) = read_sources([path])
    assert (refused.line, refused.reason) == (1, "malformed row: 'title' must be a string")


def test_a_row_with_an_oversized_text_is_refused_unparsed(tmp_path):
    from storytrail.settings import Settings

    path = shard(tmp_path / "big.parquet", [{"text": BODY * 3}, {"text": BODY}])
    big, small = read_sources([path], Settings(max_file_bytes=len(BODY) + 10))
    assert (big.line, big.reason) == (1, f"'text' longer than {len(BODY) + 10} bytes")
    assert isinstance(small, Article)


def test_a_file_that_is_not_parquet_or_has_no_text_column_is_refused_whole(tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file")
    untexted = shard(tmp_path / "untexted.parquet", [{"url": "https://a.example/1"}])
    first, second = read_sources([broken, untexted])
    assert first.source == str(broken) and first.line is None
    assert first.reason.startswith("not a readable Parquet file:")
    assert (second.source, second.reason) == (str(untexted), "no 'text', 'html' or 'path' column")


def test_ingest_of_a_folder_reads_parquet_shards_and_records_refusals(tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    shard(folder / "a.parquet", [{"text": BODY}, {"text": ""}])
    shard(folder / "b.parquet", [{"text": BODY + " Again, differently."}])
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [folder])
        assert (report.added, len(report.rejections)) == (2, 1)
        row = store.conn.execute("SELECT source, line, reason FROM rejections").fetchone()
    assert tuple(row) == (
        str(folder / "a.parquet"),
        2,
        "malformed row: needs exactly one of 'path', 'text' or 'html'",
    )
