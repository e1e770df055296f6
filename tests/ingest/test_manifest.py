"""JSON Lines manifests: one article per line; bad lines refused by number."""

import json

from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

BODY = "The president said the talks would go on after the summer."


def manifest(write, *records, name="m.jsonl"):
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return write(name, "\n".join(lines) + "\n")


def test_path_text_and_html_lines(write):
    write("docs/a.txt", "Talks go on\n\n" + BODY)
    path = manifest(
        write,
        {
            "path": "docs/a.txt",
            "url": "https://a.example/1",
            "outlet": "A",
            "published": "2023-01-02",
        },
        {"text": BODY + " Second.", "title": "Inline", "language": "en"},
        {"html": f"<html><body><article><p>{BODY} Third one here.</p></article></body></html>"},
    )
    a, b, c = read_sources([path])
    assert a.source == str(write("docs/a.txt", "Talks go on\n\n" + BODY))
    assert (a.title, a.url, a.outlet, a.published, a.published_source) == (
        "Talks go on",
        "https://a.example/1",
        "A",
        "2023-01-02",
        "manifest",
    )
    assert (b.title, b.language, b.source) == ("Inline", "en", f"{path}:2")
    assert "Third one here." in c.original


def test_manifest_metadata_overrides_the_file(write):
    write("a.txt", "Old headline\n\n" + BODY)
    path = manifest(write, {"path": "a.txt", "title": "New headline"})
    (article,) = read_sources([path])
    assert article.title == "New headline"
    assert article.original.startswith("Old headline")


def test_datetime_published_keeps_its_offset(write):
    path = manifest(write, {"text": BODY, "published": "2022-03-16T09:30:00+01:00"})
    (article,) = read_sources([path])
    assert article.published == "2022-03-16T09:30:00+01:00"


def test_malformed_lines_are_refused_with_line_and_reason(write):
    write("a.txt", BODY)
    path = manifest(
        write,
        {"text": BODY},
        "{not json",
        "[1, 2]",
        {"url": "https://a.example/no-content"},
        {"text": BODY, "path": "a.txt"},
        {"text": BODY, "title": 42},
        {"path": "missing.txt"},
        {"text": BODY, "published": "last Tuesday"},
        "",
        {"text": BODY + " Still read after the bad lines."},
    )
    items = list(read_sources([path]))
    rejections = {r.line: r.reason for r in items if isinstance(r, Rejection)}
    assert rejections == {
        2: "malformed line: invalid JSON (Expecting property name enclosed in double quotes)",
        3: "malformed line: expected a JSON object",
        4: "malformed line: needs exactly one of 'path', 'text' or 'html'",
        5: "malformed line: needs exactly one of 'path', 'text' or 'html'",
        6: "malformed line: 'title' must be a string",
        7: "path not found: missing.txt",
        8: "published: 'last Tuesday' is not an ISO 8601 date",
    }
    assert all(r.source == str(path) for r in items if isinstance(r, Rejection))
    assert [a.original for a in items if isinstance(a, Article)][-1].endswith("bad lines.")


def test_bad_file_named_by_a_manifest_is_refused_on_that_line(write):
    write("bin.txt", b"\x00\x00\x00")
    (rejection,) = read_sources([manifest(write, {"path": "bin.txt"})])
    assert (rejection.line, rejection.reason) == (1, "bin.txt: binary: contains NUL bytes")


def test_overlong_line_is_refused_and_the_next_is_read(write):
    path = manifest(write, {"text": "x" * 500}, {"text": BODY})
    items = list(read_sources([path], Settings(max_manifest_line_bytes=100)))
    assert isinstance(items[0], Rejection)
    assert items[0].reason == "line longer than 100 bytes"
    assert isinstance(items[1], Article)


def test_non_utf8_line(write):
    path = write("m.jsonl", b'{"text": "caf\xe9 ' + b"x" * 40 + b'"}\n')
    (rejection,) = read_sources([path])
    assert rejection.reason.startswith("malformed line: not UTF-8")


def test_folder_reads_manifests_then_files_they_do_not_name(write, tmp_path):
    write("corpus/sub/a.txt", "Named headline\n\n" + BODY)
    write("corpus/sub/b.txt", "Loose headline\n\n" + BODY + " Loose.")
    write("corpus/.hidden/c.txt", "Hidden headline\n\n" + BODY + " Hidden.")
    write("corpus/notes.csv", "a,b\n1,2\n")
    manifest(write, {"path": "sub/a.txt", "outlet": "A"}, name="corpus/m.jsonl")
    items = list(read_sources([tmp_path / "corpus"]))
    assert [(i.title, i.outlet) for i in items] == [
        ("Named headline", "A"),
        ("Loose headline", None),
    ]


def test_url_with_a_bad_port_is_kept_as_metadata_not_a_crash(write):
    path = manifest(write, {"text": BODY, "url": "http://x.example:abc/story"})
    (article,) = read_sources([path])
    assert isinstance(article, Article)
    assert article.url == "http://x.example:abc/story"


def test_a_bad_url_costs_its_line_only(write):
    path = manifest(
        write,
        {"text": BODY + " First."},
        {"text": BODY + " Second.", "url": "http://[::1"},
        {"text": BODY + " Third.", "url": "https://ok.example/3"},
    )
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert (items[1].line, items[1].reason) == (
        2,
        "url: 'http://[::1' is not a URL (Invalid IPv6 URL)",
    )


def test_cli_ingest_of_a_manifest_with_a_bad_url_keeps_the_good_lines(write, tmp_path):
    from click.testing import CliRunner

    from storytrail import Store
    from storytrail.cli import main

    path = manifest(
        write,
        {"text": BODY, "url": "http://[::1"},
        {"text": BODY + " Kept.", "url": "https://k.ex/"},
    )
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"refused {path}:1: url: 'http://[::1' is not a URL" in result.output
    with Store(db) as store:
        (url,) = [row[0] for row in store.conn.execute("SELECT url FROM articles")]
    assert url == "https://k.ex/"


MARKUP = "<html><body><p></p></body></html>"


def test_inline_text_obeys_the_file_size_cap(write):
    settings = Settings(max_file_bytes=1000)
    path = manifest(
        write,
        {"text": BODY + " " + "word " * 300},
        {"html": MARKUP.replace("<p>", "<p>" + BODY + " " + "word " * 300)},
        {"text": BODY},
    )
    items = list(read_sources([path], settings))
    assert [(i.line, i.reason) for i in items[:2]] == [
        (1, f"too large: {len(BODY) + 1 + 1500} bytes (cap 1000)"),
        (
            2,
            f"too large: {len(MARKUP) + len(BODY) + 1501} bytes (cap 1000)",
        ),
    ]
    assert isinstance(items[2], Article)


def test_inline_text_with_a_nul_character_is_refused_like_a_file(write):
    path = manifest(write, {"text": BODY + " " + "x" * 9000 + "\u0000 tail"}, {"text": BODY})
    rejection, article = read_sources([path])
    assert (rejection.line, rejection.reason) == (1, "binary: contains NUL bytes")
    assert isinstance(article, Article)
