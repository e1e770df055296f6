"""Reading speed of the web sources: a WARC file, an RSS feed, and pages fetched over loopback.

Each corpus is synthetic (one short news page repeated with a number in it), so
the figures measure storytrail's readers (warcio, defusedxml + feedparser,
httpx with the address guard, trafilatura on every page), not a network.
Record the output in docs/benchmarks.md.

    python bench/sources.py [--records 2000] [--pages 300]
"""

from __future__ import annotations

import argparse
import io
import platform
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storytrail import read_sources
from storytrail.model import Article
from storytrail.settings import Settings

PAGE = (
    "<html><head><title>Dam talks {n}</title></head><body><article>"
    "<p>Minister Ana Varga said on Monday that round {n} of the talks on the Upper Seln Dam "
    "would resume next week in Lorvik, after a month without meetings.</p>"
    "<p>&#8220;We will not give up on an agreement,&#8221; she told reporters.</p>"
    "</article></body></html>"
)


def write_warc(path: Path, count: int) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(count):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            payload = io.BytesIO(PAGE.format(n=n).encode())
            record = writer.create_warc_record(
                f"https://bench.example/{n}", "response", payload=payload, http_headers=http
            )
            writer.write_record(record)


def write_feed(path: Path, count: int) -> None:
    items = "".join(
        f"<item><title>T{n}</title><link>https://bench.example/{n}</link>"
        f"<pubDate>Mon, 10 Jun 2024 08:00:00 GMT</pubDate><content:encoded><![CDATA["
        f"{PAGE.format(n=n)}]]></content:encoded></item>"
        for n in range(count)
    )
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Bench</title>{items}</channel></rss>",
        encoding="utf-8",
    )


class Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers, then body, wait 40 ms for an ACK

    def do_GET(self) -> None:
        body = PAGE.format(n=self.path.strip("/")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def timed(label: str, sources: list, count: int, settings: Settings | None = None) -> None:
    started = time.perf_counter()
    items = list(read_sources(sources, settings or Settings()))
    seconds = time.perf_counter() - started
    articles = sum(isinstance(i, Article) for i in items)
    print(
        f"{label:<18} {count} in {seconds:.1f} s  {count / seconds:,.0f}/s  ({articles} articles)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    print(f"machine            {platform.machine()}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        write_warc(folder / "bench.warc.gz", args.records)
        timed("WARC records", [folder / "bench.warc.gz"], args.records)
        write_feed(folder / "bench.rss", args.records)
        big = Settings(max_file_bytes=64 * 1024 * 1024, max_feed_entries=args.records)
        timed("feed entries", [folder / "bench.rss"], args.records, big)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        urls = [f"http://{host}:{port}/{n}" for n in range(args.pages)]
        timed("URLs (loopback)", urls, args.pages, Settings(allow_private_addresses=True))
    finally:
        server.shutdown()
    print(
        f"peak memory (RSS)  {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
