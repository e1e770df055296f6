"""URLs fetched from a real HTTP server on loopback: pages, limits, hostile servers, the guard."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
import zlib

import pytest
from fixtures.loopback import LoopbackSite, Reply, gzip_bomb

from storytrail import Store, ingest
from storytrail.ingest import read_sources
from storytrail.ingest.fetch import USER_AGENT, Fetcher, InflateError, Inflater
from storytrail.ingest.netguard import address_kind
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

# Tests reach the loopback server only because they allow private addresses.
LOCAL = Settings(allow_private_addresses=True, fetch_read_timeout_s=0.5, max_body_bytes=256 * 1024)

PAGE = b"""<!doctype html><html lang="en"><head><title>Dam talks resume | Basin Post</title>
<meta property="og:site_name" content="Basin Post">
<meta property="article:published_time" content="2024-05-02T08:00:00+00:00">
<script>var tracker = "TRACKER-SCRIPT-TEXT";</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Dam talks resume</h1>
<p>Minister Ana Varga said on Monday that the talks on the Upper Seln Dam would resume next week
in Lorvik, after a month without meetings.</p>
<script>document.write("INJECTED-BY-SCRIPT");</script>
<p>"We will not give up on an agreement," she told reporters outside the ministry.</p>
</article></body></html>"""


@pytest.fixture
def site():
    with LoopbackSite() as running:
        yield running


def read_one(url: str, settings: Settings = LOCAL) -> Article | Rejection:
    (item,) = read_sources([url], settings)
    return item


def refusal(url: str, settings: Settings = LOCAL) -> str:
    item = read_one(url, settings)
    assert isinstance(item, Rejection), item
    assert item.source == url
    return item.reason


# --- pages --------------------------------------------------------------------


def test_page_becomes_an_article_without_its_scripts(site):
    url = site.serve("/dam", Reply(PAGE))
    article = read_one(url)
    assert isinstance(article, Article)
    assert (article.url, article.source, article.outlet) == (url, url, "Basin Post")
    assert (article.published, article.published_source) == ("2024-05-02", "html-meta")
    assert "talks on the Upper Seln Dam would resume" in article.original
    assert "TRACKER-SCRIPT-TEXT" not in article.original
    assert "INJECTED-BY-SCRIPT" not in article.original


def test_request_says_who_we_are_and_what_we_accept(site):
    read_one(site.serve("/dam", Reply(PAGE)))
    (hit,) = site.hits_on("/dam")
    assert hit.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("storytrail/") and "(+https://github.com/storytrail)" in USER_AGENT
    assert hit.headers["accept-encoding"] == "gzip, deflate"


def test_gzip_page_is_inflated(site):
    article = read_one(site.serve("/dam.gz", Reply(PAGE, gzip=True)))
    assert isinstance(article, Article) and "Minister Ana Varga" in article.original


def test_deflate_page_zlib_wrapped_or_raw_is_inflated(site):
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_body = raw.compress(PAGE) + raw.flush()
    for path, body in (("/zlib", zlib.compress(PAGE)), ("/raw", raw_body)):
        article = read_one(site.serve(path, Reply(body, raw_encoding="deflate")))
        assert isinstance(article, Article), article


def test_redirects_are_followed_and_the_final_url_kept(site):
    site.serve("/old", Reply(status=301, headers={"Location": "/mid"}, content_type=None))
    site.serve("/mid", Reply(status=302, headers={"Location": "/dam"}, content_type=None))
    final = site.serve("/dam", Reply(PAGE))
    article = read_one(site.url("/old"))
    assert (article.source, article.url) == (site.url("/old"), final)


def test_declared_charset_is_honoured(site):
    body = PAGE.replace(b"Minister Ana", "Ministre Zoë".encode("latin-1"))
    article = read_one(site.serve("/fr", Reply(body, content_type="text/html; charset=ISO-8859-1")))
    assert "Ministre Zoë" in article.original


# --- refusals -----------------------------------------------------------------


def test_redirect_loop_is_named(site):
    site.serve("/a", Reply(status=302, headers={"Location": "/b"}, content_type=None))
    site.serve("/b", Reply(status=302, headers={"Location": "/a"}, content_type=None))
    reason = refusal(site.url("/a"))
    assert reason == f"redirect loop: {site.url('/a')} -> {site.url('/b')} -> {site.url('/a')}"


def test_too_many_redirects(site):
    for n in range(10):
        site.serve(f"/r{n}", Reply(status=302, headers={"Location": f"/r{n + 1}"}))
    assert refusal(site.url("/r0")) == "too many redirects (more than 5)"
    assert len(site.hits) == 6


def test_redirect_to_another_scheme_is_refused(site):
    site.serve("/file", Reply(status=302, headers={"Location": "file:///etc/passwd"}))
    reason = refusal(site.url("/file"))
    assert reason.startswith("redirect to file://")
    assert reason.endswith("/etc/passwd: only http and https are fetched")


def test_slow_server_times_out(site):
    reason = refusal(site.serve("/slow", Reply(PAGE, stall=True)))
    assert reason == "timed out: no data for 0.5 s"


def test_trickling_server_hits_the_deadline(site):
    settings = Settings(allow_private_addresses=True, fetch_deadline_s=0.3)
    reason = refusal(site.serve("/trickle", Reply(PAGE, trickle=True)), settings)
    assert reason == "timed out: the response took over 0.3 s"


def test_oversized_body_is_cut_off_while_streaming(site):
    reason = refusal(site.serve("/endless", Reply(b"<p>word</p>" * 1000, endless=True)))
    assert reason == f"too large: over {256 * 1024} bytes"


def test_oversized_content_length_is_refused_before_reading(site):
    site.serve("/big", Reply(b"x" * (300 * 1024)))
    assert (
        refusal(site.url("/big"))
        == f"too large: Content-Length {300 * 1024} bytes (cap {256 * 1024})"
    )


def test_gzip_bomb_stops_at_the_cap(site):
    bomb = gzip_bomb(64 * 1024 * 1024)
    assert len(bomb) < 256 * 1024  # small on the wire, 64 MiB inflated
    reason = refusal(site.serve("/bomb", Reply(bomb, raw_encoding="gzip")))
    assert reason == f"too large: decompresses to over {256 * 1024} bytes (a compression bomb?)"


def test_inflater_never_produces_more_than_the_cap():
    inflater = Inflater("gzip", cap=1000)
    with pytest.raises(InflateError, match="decompresses to over 1000 bytes"):
        inflater.feed(gzip_bomb(8 * 1024 * 1024))
    assert inflater.produced == 1001


def test_corrupt_and_truncated_gzip(site):
    site.serve("/corrupt", Reply(b"\x1f\x8b\x08\x00garbage" * 10, raw_encoding="gzip"))
    assert refusal(site.url("/corrupt")).startswith("corrupt gzip body:")
    whole = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    cut = (whole.compress(PAGE * 20) + whole.flush())[:-40]
    assert refusal(site.serve("/cut", Reply(cut, raw_encoding="gzip"))) == "truncated gzip body"


def test_unknown_content_encoding_is_refused(site):
    reason = refusal(site.serve("/br", Reply(b"\x0b\x02\x80", raw_encoding="br")))
    assert reason == "unsupported content encoding 'br'"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.7 ..."),
        ("image/png", b"\x89PNG\r\n"),
        ("application/json", b"{}"),
    ],
)
def test_non_html_content_types_are_refused(site, content_type, body):
    reason = refusal(site.serve("/thing", Reply(body, content_type=content_type)))
    assert reason == f"not an HTML page: content type {content_type}"


def test_http_errors_are_refused_with_the_status(site):
    site.serve("/gone", Reply(b"gone", status=410))
    assert refusal(site.url("/gone")) == "HTTP 410 Gone"
    assert refusal(site.url("/nowhere")) == "HTTP 404 Not Found"


def test_page_without_article_text(site):
    url = site.serve("/blank", Reply(b"<html><head><title>x</title></head><body></body></html>"))
    assert refusal(url) == "no article text found in the HTML"


def test_connection_refused_is_a_clear_refusal(site):
    port = site.port
    site.__exit__()  # nothing listens there any more
    reason = refusal(f"http://127.0.0.1:{port}/dam")
    assert reason.startswith("cannot fetch: ConnectError")


def test_unsupported_scheme_and_invalid_url():
    assert (
        refusal("ftp://example.org/x")
        == "URL 'ftp://example.org/x': only http and https are fetched"
    )
    assert refusal("http://") == "invalid URL 'http://': no host"
    assert refusal("http://[::1").startswith("invalid URL 'http://[::1': ")


def test_one_bad_url_does_not_stop_the_batch(site):
    site.serve("/dam", Reply(PAGE))
    site.serve("/dam2", Reply(PAGE.replace(b"Monday", b"Tuesday")))
    # Only the test server's address is let through: 10.0.0.1 is refused unconnected.
    settings = Settings(allowed_networks=("127.0.0.1/32",))
    urls = [site.url("/dam"), site.url("/nowhere"), "http://10.0.0.1/", site.url("/dam2")]
    items = list(read_sources(urls, settings))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert [i.source for i in items] == urls


# --- the private-address guard -------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("224.0.0.251", "multicast"),
        ("::1", "loopback"),
        ("fc00::1", "private"),
        ("fdab:cdef::1", "private"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::1", "private"),  # 6to4 around 10.0.0.1
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kinds(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1/", "loopback address 127.0.0.1"),
        ("http://10.20.30.40/admin", "private address 10.20.30.40"),
        ("http://192.168.0.1/", "private address 192.168.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://[::1]:8080/", "loopback address ::1"),
        ("http://[fc00::5]/", "private address fc00::5"),
        ("http://[fd00:1::1]/", "private address fd00:1::1"),
        ("http://localhost/", "loopback address 127.0.0.1 (localhost resolves to it)"),
        ("http://2130706433/", "loopback address 127.0.0.1 (2130706433 resolves to it)"),
        ("http://0x7f.1/", "loopback address 127.0.0.1 (0x7f.1 resolves to it)"),
    ],
)
def test_private_addresses_are_refused_by_default(url, shown):
    assert refusal(url, Settings()) == f"refused {shown}; use --allow-private to fetch from it"


def test_the_loopback_test_server_itself_is_refused_by_default(site):
    url = site.serve("/dam", Reply(PAGE))
    assert refusal(url, Settings()).startswith("refused loopback address 127.0.0.1")
    assert site.hits == []  # refused before connecting


def test_a_dns_name_resolving_to_loopback_is_refused():
    fake_dns = {"news.test": ["127.0.0.1"]}
    settings = Settings(resolver=lambda host: fake_dns.get(host, []))
    reason = refusal("http://news.test/story", settings)
    assert reason == (
        "refused loopback address 127.0.0.1 (news.test resolves to it); "
        "use --allow-private to fetch from it"
    )


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    settings = Settings(resolver=lambda host: ["93.184.216.34", "10.0.0.7"])
    assert refusal("http://mixed.test/", settings).startswith("refused private address 10.0.0.7")


def test_the_guard_connects_to_the_address_it_checked(site):
    """With private addresses allowed, a made-up name reaches the loopback server only
    because the guard's own resolution is what the connection uses."""
    site.serve("/dam", Reply(PAGE))
    settings = Settings(allow_private_addresses=True, resolver=lambda host: ["127.0.0.1"])
    article = read_one(f"http://news.test:{site.port}/dam", settings)
    assert isinstance(article, Article)
    assert site.hits_on("/dam")[0].headers["host"] == f"news.test:{site.port}"


def test_a_redirect_from_an_allowed_address_to_a_private_one_is_refused(site):
    """127.0.0.2 stands for a public server (allowed by network); it redirects to
    127.0.0.1, which the guard must refuse on the redirect."""
    target = site.serve("/internal", Reply(PAGE))
    with LoopbackSite("127.0.0.2") as public:
        public.serve("/go", Reply(status=302, headers={"Location": target}))
        settings = Settings(allowed_networks=("127.0.0.2/32",))
        reason = refusal(public.url("/go"), settings)
        assert public.hits_on("/go")  # the allowed first hop was fetched
    assert reason == (
        f"redirect to {target}: refused loopback address 127.0.0.1; "
        "use --allow-private to fetch from it"
    )
    assert site.hits == []  # and the private one never was


def test_allowed_networks_let_one_range_through(site):
    site.serve("/dam", Reply(PAGE))
    article = read_one(site.url("/dam"), Settings(allowed_networks=("127.0.0.0/8",)))
    assert isinstance(article, Article)


# --- conditional requests and the store ------------------------------------------


def test_etag_and_last_modified_make_the_second_fetch_a_304(site, tmp_path):
    stamp = "Mon, 06 May 2024 10:00:00 GMT"
    url = site.serve("/dam", Reply(PAGE, etag='"v1"', last_modified=stamp))
    with Store(tmp_path / "s.db") as store:
        first = ingest(store, [url], LOCAL)
        second = ingest(store, [url], LOCAL)
        state = store.fetch_validators(url)
    assert (first.added, first.unchanged) == (1, 0)
    assert (second.added, second.duplicates, second.unchanged, second.ok) == (0, 0, 1, True)
    assert state == ('"v1"', stamp)
    first_hit, second_hit = site.hits_on("/dam")
    assert "if-none-match" not in first_hit.headers
    assert second_hit.headers["if-none-match"] == '"v1"'
    assert second_hit.headers["if-modified-since"] == stamp


def test_a_changed_page_is_fetched_again(site, tmp_path):
    replies = iter([Reply(PAGE, etag='"v1"'), Reply(PAGE, etag='"v2"')])
    url = site.serve("/dam", lambda: next(replies))
    with Store(tmp_path / "s.db") as store:
        ingest(store, [url], LOCAL)
        again = ingest(store, [url], LOCAL)
        assert store.fetch_validators(url) == ('"v2"', None)
    assert (again.duplicates, again.unchanged) == (1, 0)


def test_nothing_is_remembered_for_a_failed_fetch(site, tmp_path):
    url = site.serve("/slow", Reply(PAGE, stall=True, etag='"v1"'))
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [url], LOCAL)
        assert store.fetch_validators(url) is None
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (row,) = store.conn.execute("SELECT source, reason FROM rejections").fetchall()
    assert not report.ok
    assert tuple(row) == (url, "timed out: no data for 0.5 s")


def test_fetcher_returns_none_only_for_a_conditional_304(site):
    url = site.serve("/dam", Reply(PAGE, etag='"v1"'))
    fetcher = Fetcher(LOCAL)
    try:
        fetched = fetcher.fetch(url, url)
        assert fetched is not None and fetched.validators.etag == '"v1"'
        assert fetcher.fetch(url, url, validators=fetched.validators) is None
    finally:
        fetcher.close()


def test_cli_ingest_of_a_url_then_unchanged(site, tmp_path):
    url = site.serve("/dam", Reply(PAGE, etag='"v1"'))

    def storytrail(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "storytrail", "--db", "s.db", "ingest", *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)

    refused = storytrail(url)
    first = storytrail("--allow-private", url)
    second = storytrail("--allow-private", url)
    assert refused.returncode == 1
    assert f"refused {url}: refused loopback address 127.0.0.1" in refused.stderr
    assert first.stdout.strip() == "1 added, 0 already present, 0 refused"
    assert second.stdout.strip() == "0 added, 0 already present, 1 unchanged, 0 refused"
