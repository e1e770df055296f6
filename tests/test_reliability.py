"""Crashes, concurrency, hostile input and fuzzing: the store stays consistent and loses nothing.

The crash test kills real ``storytrail`` processes with SIGKILL (no cleanup, no
rollback handlers run) at 20 random points of an ingest + build of 2,000
articles, checks the store after every kill, and compares the final store with
an uninterrupted run, table by table, by content.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from fixtures.loopback import LoopbackSite, Reply, gzip_bomb
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storytrail import Store, build, clean_text, ingest
from storytrail.api import link
from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PEOPLE = ["Ana Varga", "Jon Arvel", "Mira Holt", "Tomas Reyk", "Elin Sand", "Piet Mol", "Ivo Brand"]
PLACES = ["Lorvik", "Seln", "Kestra", "Valdor", "Harnby", "Osterfjord"]
TOPICS = ["the dam", "the harbour", "the rail link", "fishing quotas", "the power line"]


# --- helpers ------------------------------------------------------------------------------


def synthetic_article(i: int, rng: random.Random) -> dict[str, str]:
    """A short, distinct article with a quote, a speaker and a date."""
    who, other = rng.sample(PEOPLE, 2)
    where, topic, n = rng.choice(PLACES), rng.choice(TOPICS), rng.randint(2, 99)
    text = (
        f"{who} said on Monday that talks on {topic} would resume in {where} within {n} days.\n\n"
        f"\u201cWe will not accept delay number {i},\u201d {who} told reporters.\n\n"
        f"{other}, who leads the opposition in {where}, asked for {n * 3} more inspectors."
    )
    return {
        "text": text,
        "title": f"{topic.capitalize()} talks {i}",
        "url": f"https://synthetic.example/{i}",
        "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "outlet": rng.choice(["Basin Post", "Kestria Wire", "Valdor Daily"]),
    }


def write_manifest(path: Path, numbers: range) -> Path:
    rng = random.Random(8)
    records = [synthetic_article(i, rng) for i in range(numbers.stop)]
    with path.open("w", encoding="utf-8") as out:
        for i in numbers:
            out.write(json.dumps(records[i]) + "\n")
    return path


def assert_consistent(db: Path) -> None:
    """What a store must satisfy whenever no writer is running, even after a SIGKILL."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        # No half articles: every row has its text and its search entry, and nothing more.
        assert one("SELECT COUNT(*) FROM articles WHERE original = '' OR text_hash = ''") == 0
        assert one("SELECT COUNT(*) FROM articles_fts") == one("SELECT COUNT(*) FROM articles")
        assert (
            one(
                "SELECT COUNT(*) FROM articles a LEFT JOIN articles_fts f ON f.rowid = a.rowid"
                " WHERE f.rowid IS NULL"
            )
            == 0
        )
        assert one("SELECT COUNT(*) FROM quotes_fts") == one("SELECT COUNT(*) FROM quotes")
        assert one("SELECT COUNT(*) FROM builds WHERE text = ''") == 0
    finally:
        conn.close()


def content(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, without timestamps and bookkeeping, in a comparable order."""
    conn = sqlite3.connect(db)
    skip = {"rejections", "fetch_state", "watch_rounds"}
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%'"
        )
        if name not in skip
    ]
    dump = {}
    for table in tables:
        cursor = conn.execute(f"SELECT * FROM {table}")
        keep = [i for i, d in enumerate(cursor.description) if not d[0].endswith("_at")]
        dump[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=lambda r: repr(r))
    conn.close()
    return dump


def progress(db: Path) -> int:
    """Articles stored plus articles built, as a second process sees it (0 before the schema)."""
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            built = conn.execute("SELECT COUNT(*) FROM builds").fetchone()[0]
            return articles + built
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def pipeline(db: Path, manifest: Path) -> subprocess.Popen[bytes]:
    """``storytrail ingest`` then ``storytrail build``, as a user runs them, in a new session."""
    run = f'"{sys.executable}" -m storytrail --db "{db}" -q'
    return subprocess.Popen(
        ["sh", "-c", f'{run} ingest "{manifest}" && {run} build'],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# --- SIGKILL at random points ---------------------------------------------------------------


@pytest.mark.timeout(1200)
def test_sigkill_at_20_random_points_of_ingest_and_build_loses_nothing(tmp_path):
    count = 2000
    manifest = write_manifest(tmp_path / "batch.jsonl", range(count))
    reference = tmp_path / "reference.db"
    done = pipeline(reference, manifest)
    assert done.wait(timeout=900) == 0, done.stderr.read().decode()
    expected = content(reference)
    assert len(expected["articles"]) == count and len(expected["builds"]) == count

    rng = random.Random(20)
    # Kill while ingesting (articles 1..1799) and while building (a batch of builds
    # still to come, so the kill lands in the per-article stages, not the linking).
    points = sorted(rng.sample(range(1, 1800), 10)) + sorted(
        count + n for n in rng.sample(range(1, count - 40), 10)
    )
    db = tmp_path / "killed.db"
    landed = []
    for point in points:
        proc = pipeline(db, manifest)
        while progress(db) < point and proc.poll() is None:
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        landed.append(progress(db))
        assert_consistent(db)
    rest = pipeline(db, manifest)
    assert rest.wait(timeout=900) == 0, rest.stderr.read().decode()

    assert_consistent(db)
    assert content(db) == expected
    assert sum(1 for n in landed if n < count) >= 5  # killed mid-ingest
    assert sum(1 for n in landed if count < n < 2 * count) >= 5  # killed mid-build


def test_a_crash_between_building_and_linking_is_repaired_by_the_next_build(tmp_path, write):
    manifest = write_manifest(tmp_path / "batch.jsonl", range(40))
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest(store, [manifest])
        build(store)  # the process dies here, before api.link
    subprocess.run([sys.executable, "-m", "storytrail", "--db", str(db), "-q", "build"], check=True)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        ingest(store, [manifest])
        build(store)
        link(store)
    assert content(db) == content(reference)


def test_two_processes_ingesting_overlapping_manifests_both_succeed(tmp_path):
    first = write_manifest(tmp_path / "a.jsonl", range(0, 3000))
    second = write_manifest(tmp_path / "b.jsonl", range(2000, 5000))
    db = tmp_path / "shared.db"  # created by whichever process opens it first
    go = tmp_path / "go"
    starter = (
        "import sys, time, pathlib\n"
        "from storytrail import Store, ingest\n"
        "go = pathlib.Path(sys.argv[3])\n"
        "while not go.exists(): time.sleep(0.001)\n"
        "with Store(sys.argv[1]) as store:\n"
        "    report = ingest(store, [sys.argv[2]])\n"
        "print(report.added, report.duplicates, len(report.rejections))\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", starter, str(db), str(manifest), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for manifest in (first, second)
    ]
    go.touch()
    results = [proc.communicate(timeout=600) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err for _, err in results]
    reports = [tuple(map(int, out.split())) for out, _ in results]
    assert sum(added for added, _, _ in reports) == 5000
    assert sum(dup for _, dup, _ in reports) == 1000
    assert all(refused == 0 for _, _, refused in reports)
    assert_consistent(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT text_hash) FROM articles").fetchone() == (
        5000,
        5000,
    )
    conn.close()


def test_processes_opening_a_new_store_at_the_same_moment_all_succeed(tmp_path):
    """Regression: the loser of the race to switch a new file to WAL used to get
    "database is locked" at once (SQLite skips the busy handler there)."""
    rounds, racers = 30, 3
    racer = (
        "import sys, time, pathlib\n"
        "from storytrail import Store, StoreError\n"
        "folder, me = pathlib.Path(sys.argv[1]), sys.argv[2]\n"
        "for i in range(int(sys.argv[3])):\n"
        "    while not (folder / f'go{i}').exists(): time.sleep(0.0002)\n"
        "    try:\n"
        "        Store(folder / f's{i}.db').close()\n"
        "        (folder / f'ok{i}.{me}').touch()\n"
        "    except StoreError as exc:\n"
        "        (folder / f'err{i}.{me}').write_text(str(exc))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", racer, str(tmp_path), str(n), str(rounds)])
        for n in range(racers)
    ]
    try:
        for i in range(rounds):
            (tmp_path / f"go{i}").touch()
            while len(list(tmp_path.glob(f"ok{i}.*")) + list(tmp_path.glob(f"err{i}.*"))) < racers:
                assert all(p.poll() in (None, 0) for p in procs), "a racer died"
                time.sleep(0.001)
    finally:
        for proc in procs:
            proc.wait(timeout=60)
    errors = [path.read_text() for path in tmp_path.glob("err*")]
    assert errors == []
    assert len(list(tmp_path.glob("ok*"))) == rounds * racers


def test_an_interrupted_feed_ingest_is_fetched_again_not_skipped(tmp_path):
    """The feed's ETag is saved only after all its articles are: a run that dies after
    the first batch must not turn the next poll into a 304 that hides the rest."""
    items = "".join(
        f"<item><title>T{i}</title><link>https://x.example/{i}</link><content:encoded>"
        f"&lt;p&gt;Entry {i} of the long feed says the talks went on again.&lt;/p&gt;"
        "</content:encoded></item>"
        for i in range(250)
    )
    body = (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Long</title>{items}</channel></rss>"
    ).encode()
    local = Settings(allow_private_addresses=True)

    def die_after_first_batch(n: int) -> None:
        raise KeyboardInterrupt

    with LoopbackSite() as site, Store(tmp_path / "s.db") as store:
        url = site.serve("/rss", Reply(body, content_type="application/rss+xml", etag='"v1"'))
        with pytest.raises(KeyboardInterrupt):
            ingest(store, [url], local, progress=die_after_first_batch)
        assert store.fetch_validators(url) is None
        rerun = ingest(store, [url], local)
        assert (rerun.added, rerun.duplicates, rerun.unchanged) == (50, 200, 0)
        assert "if-none-match" not in site.hits_on("/rss")[1].headers
        assert store.fetch_validators(url) == ('"v1"', None)
    assert_consistent(tmp_path / "s.db")


# --- every hostile input of the issue, in one batch, each with its message ------------------

PAGE = b"""<html><head><title>Dam talks resume</title>
<meta property="article:published_time" content="2024-05-02">
<script>var tracker = "TRACKER-SCRIPT-TEXT";</script></head><body><article>
<p>Minister Ana Varga said on Monday that the talks on the dam would resume next week.</p>
<script>document.write("INJECTED-BY-SCRIPT")</script></article></body></html>"""


def truncated_warc(path: Path) -> int:
    """Two good HTML responses and a third cut short; return the third's offset."""
    offsets = []
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(3):
        offsets.append(buffer.tell())
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        markup = PAGE.replace(b"next week", f"in {n + 2} weeks".encode())
        writer.write_record(
            writer.create_warc_record(
                f"https://archive.example/{n}",
                "response",
                payload=io.BytesIO(markup),
                http_headers=http,
            )
        )
    path.write_bytes(buffer.getvalue()[:-100])  # into the last record's page
    return offsets[2]


def test_every_hostile_input_is_refused_by_name_and_the_store_stays_consistent(tmp_path):
    warc = tmp_path / "cut.warc"
    cut_at = truncated_warc(warc)
    with LoopbackSite("127.0.0.2") as site, LoopbackSite() as internal:
        secret = internal.serve("/admin", Reply(PAGE))
        feed = (FIXTURES / "basin-post.rss").read_bytes()
        bomb = (FIXTURES / "billion-laughs.rss").read_bytes()
        xxe = (FIXTURES / "xxe-file.rss").read_bytes()
        xml = "application/rss+xml"
        urls = {
            "page": site.serve("/page", Reply(PAGE)),
            "feed": site.serve("/feed", Reply(feed, content_type=xml)),
            "loop": site.serve("/loop", Reply(status=302, headers={"Location": "/loop"})),
            "slow": site.serve("/slow", Reply(PAGE, stall=True)),
            "huge": site.serve("/huge", Reply(b"<p>words</p>" * 100, endless=True)),
            "gzip": site.serve("/gzip", Reply(gzip_bomb(64 << 20), raw_encoding="gzip")),
            "bomb": site.serve("/bomb.rss", Reply(bomb, content_type=xml)),
            "xxe": site.serve("/xxe.rss", Reply(xxe, content_type=xml)),
            "redirect": site.serve("/go", Reply(status=302, headers={"Location": secret})),
            "dns": f"http://intranet.test:{internal.port}/admin",
        }
        hosts = {"intranet.test": ["127.0.0.1"]}
        hostile = Settings(
            allowed_networks=("127.0.0.2/32",),  # stands for the public internet here
            resolver=lambda host: hosts.get(host) or [host],
            fetch_read_timeout_s=0.5,
            max_body_bytes=512 * 1024,
        )
        db = tmp_path / "s.db"
        with Store(db) as store:
            report = ingest(store, [*urls.values(), warc], hostile)
            articles = store.conn.execute("SELECT url, original FROM articles").fetchall()
        assert internal.hits == []  # nothing private was ever contacted

    refused = {(r.source, r.line): r.reason for r in report.rejections}
    warc_refusal = refused.pop((str(warc), cut_at))
    loopback = "refused loopback address 127.0.0.1"
    assert refused == {
        (urls["feed"], 2): f"{site.url('/2024/06/water-levels')}: HTTP 404 Not Found",
        (urls["feed"], 3): "entry has neither full text nor a link",
        (urls["loop"], None): f"redirect loop: {urls['loop']} -> {urls['loop']}",
        (urls["slow"], None): "timed out: no data for 0.5 s",
        (urls["huge"], None): f"too large: over {512 * 1024} bytes",
        (urls["gzip"], None): (
            f"too large: decompresses to over {512 * 1024} bytes (a compression bomb?)"
        ),
        (urls["bomb"], None): (
            "unsafe XML: entity declaration 'lol' refused; entity expansion is how XML bombs work"
        ),
        (urls["xxe"], None): (
            "unsafe XML: external entity 'secret' (file:///etc/passwd) refused; "
            "a feed may not pull in other files or URLs (XXE)"
        ),
        (urls["redirect"], None): (
            f"redirect to {secret}: {loopback}; use --allow-private to fetch from it"
        ),
        (urls["dns"], None): (
            f"{loopback} (intranet.test resolves to it); use --allow-private to fetch from it"
        ),
    }
    assert re.fullmatch(
        rf"record at byte {cut_at} \(https://archive.example/2\): "
        r"truncated: \d+ of its \d+ bytes missing",
        warc_refusal,
    )
    stored = {url: text for url, text in articles}
    assert set(stored) == {
        urls["page"],
        "https://basinpost.example/2024/06/dam-talks-resume",
        "https://archive.example/0",
        "https://archive.example/1",
    }
    assert not any("SCRIPT-TEXT" in t or "INJECTED" in t for t in stored.values())
    assert report.added == 4
    assert_consistent(db)


# --- fuzzing: random bytes and random HTML never escape as exceptions ----------------------

SUFFIXES = [".txt", ".html", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".jsonl", ".md"]
FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def only_articles_and_reasoned_refusals(items: list[object]) -> None:
    for item in items:
        assert isinstance(item, Article | Rejection), item
        if isinstance(item, Rejection):
            assert isinstance(item.reason, str) and item.reason.strip()
        else:
            clean_text(item.original)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_in_any_kind_of_file(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        only_articles_and_reasoned_refusals(list(read_sources([path])))


html_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
html_node = st.recursive(
    html_text.map(lambda t: t.replace("<", "&lt;")),
    lambda children: st.tuples(
        st.sampled_from(["p", "div", "article", "script", "style", "span", "a", "table", "b"]),
        st.lists(children, max_size=4),
    ).map(lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"),
    max_leaves=20,
)


@FUZZ
@given(body=html_node, broken=st.booleans())
def test_random_html_as_a_page_and_as_feed_content(body, broken):
    markup = f"<html><head><title>t</title></head><body>{body}</body></html>"
    if broken:
        markup = markup[: len(markup) // 2]
    escaped = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    feed = (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>F</title><item><title>x</title><link>https://x.example/1</link>"
        f"<content:encoded>{escaped}</content:encoded></item></channel></rss>"
    )
    with tempfile.TemporaryDirectory() as folder:
        page, rss = Path(folder) / "page.html", Path(folder) / "feed.rss"
        page.write_text(markup, encoding="utf-8")
        rss.write_text(feed, encoding="utf-8")
        only_articles_and_reasoned_refusals(list(read_sources([page, rss])))


def small_warc(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for n in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://archive.example/{n}",
                "response",
                payload=io.BytesIO(PAGE),
                http_headers=http,
            )
        )
    return buffer.getvalue()


WARCS = {True: small_warc(True), False: small_warc(False)}


@FUZZ
@given(
    compress=st.booleans(),
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255), st.booleans()),
        min_size=1,
        max_size=8,
    ),
)
def test_damaged_warc_files(compress, edits):
    data = bytearray(WARCS[compress])
    for where, value, delete in edits:
        at = int(where * len(data))
        if delete:
            del data[at : at + value]
        elif at < len(data):
            data[at] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("fuzz.warc.gz" if compress else "fuzz.warc")
        path.write_bytes(bytes(data))
        items = list(read_sources([path]))
    only_articles_and_reasoned_refusals(items)
    for item in items:  # a damaged record is named by its offset
        if isinstance(item, Rejection) and not item.reason.startswith("empty"):
            assert item.line is not None, item


# --- the catalogue --------------------------------------------------------------------------


def test_the_catalogue_names_real_tests():
    """docs/reliability.md cites tests as `file::name`; each must exist under tests/."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "reliability.md").read_text("utf-8")
    cited = re.findall(r"`([\w/]+\.py)::(\w+)`", doc)
    assert len(cited) > 100
    for file, name in cited:
        source = Path(__file__).resolve().parent / file
        assert source.is_file(), file
        assert re.search(rf"^def {name}\(", source.read_text("utf-8"), re.M), f"{file}::{name}"
