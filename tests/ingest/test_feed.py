"""RSS and Atom feeds: entries become articles; hostile and broken XML is refused by name."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from fixtures.loopback import LoopbackSite, Reply

from storytrail import Store, ingest
from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ATTACKS = Path(__file__).resolve().parents[3] / "shared" / "data" / "defusedxml-attacks"
LOCAL = Settings(allow_private_addresses=True, fetch_read_timeout_s=0.5)

PAGE = """<html><head><title>{title} | Basin Post</title>
<meta property="article:published_time" content="2020-01-01"></head>
<body><article><p>{text}</p></article></body></html>"""


def page(text: str, title: str = "Page") -> Reply:
    return Reply(PAGE.format(text=text, title=title).encode())


def rss(*items: str, title: str = "Basin Post") -> bytes:
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://x.example/</link>{body}</channel></rss>"
    ).encode()


def linked(n: int, path: str) -> str:
    return f"<title>Story {n}</title><link>{path}</link><description>teaser {n}</description>"


def full(text: str) -> str:
    """An item carrying its full text as escaped HTML in content:encoded."""
    return f"<title>T</title><content:encoded>&lt;p&gt;{text}&lt;/p&gt;</content:encoded>"


@pytest.fixture
def site():
    with LoopbackSite() as running:
        yield running


def split(items):
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    return articles, rejections


# --- reading feeds ----------------------------------------------------------------


def test_rss_entry_with_full_text_becomes_an_article():
    feed = FIXTURES / "basin-post.rss"
    articles, rejections = split(read_sources([feed]))
    (article,) = articles
    assert article.title == "Dam talks resume in Lorvik"
    assert article.url == "https://basinpost.example/2024/06/dam-talks-resume"
    assert (article.published, article.published_source) == ("2024-06-10T04:30:00+00:00", "feed")
    assert (article.outlet, article.author) == ("Basin Post", "Mira Holt")
    assert article.source == f"{feed}#entry=1"
    assert "talks on the Upper Seln Dam would resume" in article.original
    assert "FEED-SCRIPT-TEXT" not in article.original
    assert [(r.source, r.line, r.reason) for r in rejections] == [
        (
            str(feed),
            2,
            "entry has only a summary and fetching links is off (use --fetch-links)",
        ),
        (str(feed), 3, "entry has neither full text nor a link"),
    ]


def test_atom_entries_html_and_text_content():
    first, second = read_sources([FIXTURES / "kestria-wire.atom"])
    assert (first.title, first.url, first.author) == (
        "Engineers to inspect turbines",
        "https://kestriawire.example/1",
        "Jon Arvel",
    )
    assert (first.published, first.published_source) == ("2024-06-12", "feed")  # bare date kept
    assert first.original.startswith("The Kestrian government said on Wednesday")
    assert second.published == "2024-06-12T14:45:00+00:00"  # published wins over updated
    assert second.original.startswith("The river commission published")
    assert first.outlet == second.outlet == "Kestria Wire"


def test_feed_served_as_a_url_fetches_entry_links(site):
    feed = site.serve("/rss", Reply(rss(linked(1, "/s1")), content_type="application/rss+xml"))
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    (article,) = read_sources([feed], LOCAL)
    assert (article.url, article.title) == (site.url("/s1"), "Story 1")  # relative link resolved
    assert (article.published_source, article.outlet) == ("html-meta", "Basin Post")
    assert "new quay would open" in article.original


def test_feed_date_wins_over_the_page_date(site):
    item = linked(1, "/s1") + "<pubDate>Wed, 12 Jun 2024 10:00:00 GMT</pubDate>"
    feed = site.serve("/rss", Reply(rss(item), content_type="application/rss+xml"))
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    (article,) = read_sources([feed], LOCAL)
    assert (article.published, article.published_source) == ("2024-06-12T10:00:00+00:00", "feed")


def test_feed_file_fetches_links_only_when_asked(site, write):
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    path = write("local.rss", rss(linked(1, site.url("/s1"))))
    (refused,) = read_sources([path], LOCAL)
    assert isinstance(refused, Rejection) and site.hits == []
    (article,) = read_sources([path], Settings(allow_private_addresses=True, fetch_feed_links=True))
    assert isinstance(article, Article)


def test_feed_served_with_a_wrong_content_type_is_still_read(site):
    item = full("The mayor said the bridge is safe to use again.")
    (article,) = read_sources([site.serve("/rss", Reply(rss(item)))], LOCAL)  # text/html
    assert "bridge is safe" in article.original


def test_entry_link_failures_name_the_feed_entry_and_the_link(site):
    items = [
        linked(1, "/missing"),
        linked(2, "http://10.0.0.9/x"),
        linked(3, "/pdf"),
        linked(4, "/ok"),
    ]
    site.serve("/pdf", Reply(b"%PDF-1.7", content_type="application/pdf"))
    site.serve("/ok", page("The port said ferry services would restart on Friday morning."))
    feed = site.serve("/rss", Reply(rss(*items), content_type="application/rss+xml"))
    settings = Settings(allowed_networks=("127.0.0.1/32",))  # the server, and nothing else
    articles, rejections = split(read_sources([feed], settings))
    assert [a.url for a in articles] == [site.url("/ok")]
    assert [(r.source, r.line, r.reason) for r in rejections] == [
        (feed, 1, f"{site.url('/missing')}: HTTP 404 Not Found"),
        (
            feed,
            2,
            "http://10.0.0.9/x: refused private address 10.0.0.9; "
            "use --allow-private to fetch from it",
        ),
        (feed, 3, f"{site.url('/pdf')}: not an HTML page: content type application/pdf"),
    ]


def test_entries_over_the_cap_are_refused_once(write):
    items = [full(f"Entry number {n} says the talks went on.") for n in range(5)]
    path = write("many.rss", rss(*items))
    articles, rejections = split(read_sources([path], Settings(max_feed_entries=3)))
    assert len(articles) == 3
    assert [(r.line, r.reason) for r in rejections] == [(4, "2 entries over the cap of 3 not read")]


def test_an_empty_feed_yields_nothing(write):
    assert list(read_sources([write("empty.rss", rss())])) == []


# --- hostile and broken XML -----------------------------------------------------------


def test_billion_laughs_is_refused_before_any_expansion():
    settings = Settings(max_file_bytes=200_000)  # read_capped allocates the cap up front
    list(read_sources([FIXTURES / "basin-post.rss"], settings))  # first-call allocations
    tracemalloc.start()
    try:
        (rejection,) = read_sources([FIXTURES / "billion-laughs.rss"], settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rejection.reason == (
        "unsafe XML: entity declaration 'lol' refused; entity expansion is how XML bombs work"
    )
    assert peak < 1024 * 1024  # 10^10 "lol"s would be 30 GB


def test_xxe_reading_a_local_file_is_refused():
    (rejection,) = read_sources([FIXTURES / "xxe-file.rss"])
    assert rejection.reason == (
        "unsafe XML: external entity 'secret' (file:///etc/passwd) refused; "
        "a feed may not pull in other files or URLs (XXE)"
    )


def test_xxe_and_external_dtd_fetch_nothing(site, write):
    evil = site.url("/evil.dtd")
    general = f'<!DOCTYPE rss [<!ENTITY e SYSTEM "{evil}">]><rss><channel>&e;</channel></rss>'
    parameter = f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{evil}"> %p;]><rss><channel/></rss>'
    for name, text in (("general.rss", general), ("parameter.rss", parameter)):
        (rejection,) = read_sources([write(name, text)], LOCAL)
        assert rejection.reason.startswith("unsafe XML: external entity"), rejection
    assert site.hits == []


def test_hostile_feed_served_over_http_is_refused(site):
    bomb = (FIXTURES / "billion-laughs.rss").read_bytes()
    url = site.serve("/bomb.rss", Reply(bomb, content_type="application/rss+xml"))
    (rejection,) = read_sources([url], LOCAL)
    assert (rejection.source, rejection.reason.split(";")[0]) == (
        url,
        "unsafe XML: entity declaration 'lol' refused",
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "<rss><channel><item><title>unclosed</channel></rss>",
            "malformed feed: not well-formed XML (mismatched tag: line 1, column 37)",
        ),
        ("", "empty: no text in the file"),
        ("not xml at all", "malformed feed: not well-formed XML (syntax error: line 1, column 0)"),
        (
            '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
            "not an RSS or Atom feed: the root element is <urlset>",
        ),
        (
            "<html><body><p>hello</p></body></html>",
            "not an RSS or Atom feed: the root element is <html>",
        ),
    ],
)
def test_broken_feeds_are_refused_with_the_reason(write, text, reason):
    (rejection,) = read_sources([write("broken.xml", text)])
    assert rejection.reason == reason


def test_oversized_feed_file_is_refused(write):
    path = write("huge.rss", rss(*["<title>x</title>"] * 200))
    (rejection,) = read_sources([path], Settings(max_file_bytes=1000))
    assert rejection.reason.startswith("too large:")


def test_hostile_feeds_leave_the_store_consistent(tmp_path):
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [FIXTURES / "billion-laughs.rss", FIXTURES / "xxe-file.rss"])
        report2 = ingest(store, [FIXTURES / "basin-post.rss"])
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = store.conn.execute("SELECT COUNT(*), SUM(times) FROM rejections").fetchone()
    assert (report.added, len(report.rejections), report2.added) == (0, 2, 1)
    assert tuple(counts) == (4, 4)


# --- the shared defusedxml attack files (read in place, never copied) ----------------

needs_attacks = pytest.mark.skipif(
    not ATTACKS.is_dir(), reason="shared defusedxml attack files not present (../shared/data)"
)


@needs_attacks
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("xmlbomb.xml", "unsafe XML: entity declaration 'a' refused"),
        ("xmlbomb2.xml", "unsafe XML: entity declaration 'a' refused"),
        ("quadratic.xml", "unsafe XML: entity declaration 'a' refused"),
        ("cyclic.xml", "unsafe XML: entity declaration 'a' refused"),
        (
            "external.xml",
            "unsafe XML: external entity 'ee' (http://www.w3schools.com/xml/note.xml) refused",
        ),
        (
            "external_file.xml",
            "unsafe XML: external entity 'ee' (file:///PATH/TO/xmltestdata/simple.xml) refused",
        ),
        ("dtd.xml", "not an RSS or Atom feed: the root element is <html>"),
        ("simple.xml", "not an RSS or Atom feed: the root element is <root>"),
    ],
)
def test_defusedxml_attack_files_are_refused(name, reason):
    path = ATTACKS / "xmltestdata" / name
    (rejection,) = read_sources([path])
    assert (rejection.source, rejection.reason.split(";")[0]) == (str(path), reason)


# --- polling politely ----------------------------------------------------------------


def test_unchanged_feed_is_one_304_and_no_link_fetches(site, tmp_path):
    feed = site.serve(
        "/rss", Reply(rss(linked(1, "/s1")), content_type="application/rss+xml", etag='"f1"')
    )
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [feed], LOCAL)
        second = ingest(store, [feed], LOCAL)
    assert (first.added, second.added, second.unchanged) == (1, 0, 1)
    assert len(site.hits_on("/rss")) == 2 and len(site.hits_on("/s1")) == 1
    assert site.hits_on("/rss")[1].headers["if-none-match"] == '"f1"'


def test_changed_feed_fetches_only_new_links(site, tmp_path):
    versions = {"now": rss(linked(1, "/s1"))}
    site.serve("/rss", lambda: Reply(versions["now"], content_type="application/rss+xml"))
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    site.serve("/s2", page("The ferry company said it would add two crossings a day in June."))
    with Store(tmp_path / "s.db") as store:
        ingest(store, [site.url("/rss")], LOCAL)
        versions["now"] = rss(linked(2, "/s2"), linked(1, "/s1"))
        second = ingest(store, [site.url("/rss")], LOCAL)
    assert (second.added, second.unchanged) == (1, 1)
    assert (len(site.hits_on("/s1")), len(site.hits_on("/s2"))) == (1, 1)


def test_a_feed_with_a_failed_link_is_read_again_next_time(site, tmp_path):
    feed = site.serve(
        "/rss",
        Reply(
            rss(linked(1, "/s1"), linked(2, "/slow")),
            content_type="application/rss+xml",
            etag='"f1"',
        ),
    )
    site.serve("/s1", page("The harbour authority said the new quay would open in the spring."))
    replies = iter([Reply(stall=True), page("The ferry company said it would add two crossings.")])
    site.serve("/slow", lambda: next(replies))
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [feed], LOCAL)
        assert store.fetch_validators(feed) is None  # not remembered: entry 2 may work later
        second = ingest(store, [feed], LOCAL)
        assert store.fetch_validators(feed) == ('"f1"', None)
    assert (first.added, [r.line for r in first.rejections]) == (1, [2])
    assert (second.added, second.unchanged, second.ok) == (1, 1, True)
    assert "if-none-match" not in site.hits_on("/rss")[1].headers
    assert len(site.hits_on("/s1")) == 1  # the link already read is not fetched again


def test_entry_with_an_unparseable_link_is_refused(write):
    item = full("The mayor said the bridge is safe to use again.").replace(
        "<title>T</title>", "<title>T</title><link>http://x.example:abc/1</link>"
    )
    (rejection,) = read_sources([write("odd.rss", rss(item))])
    assert (rejection.line, rejection.reason) == (
        1,
        "invalid URL 'http://x.example:abc/1': Port could not be cast to integer value as 'abc'",
    )
