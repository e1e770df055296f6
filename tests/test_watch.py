"""Watch mode: rounds that ingest and build only what is new, politely, and stop cleanly."""

from __future__ import annotations

import json
import select
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fixtures.loopback import LoopbackSite, Reply

from storytrail.settings import Settings
from storytrail.watch import parse_interval, watch, watch_round

LOCAL = Settings(allow_private_addresses=True)


def item(n: int, text: str) -> str:
    return (
        f"<item><title>Story {n}</title><link>https://basin.example/{n}</link>"
        f"<pubDate>Mon, {10 + n} Jun 2024 08:00:00 GMT</pubDate>"
        f"<content:encoded>&lt;p&gt;{text}&lt;/p&gt;</content:encoded></item>"
    )


def feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Basin Post</title><link>https://basin.example/</link>{''.join(items)}"
        "</channel></rss>"
    ).encode()


FIRST = item(1, "Minister Ana Varga said on Monday that the dam talks would resume in Lorvik.")
SECOND = item(2, "The river commission said on Tuesday that water levels had fallen again.")


class ChangingFeed:
    """A feed whose content (and ETag) a test changes between rounds."""

    def __init__(self, *items: str) -> None:
        self.version = 1
        self.body = feed(*items)

    def update(self, *items: str) -> None:
        self.version += 1
        self.body = feed(*items)

    def __call__(self) -> Reply:
        return Reply(self.body, content_type="application/rss+xml", etag=f'"v{self.version}"')


@pytest.fixture
def site():
    with LoopbackSite() as running:
        yield running


def test_rounds_ingest_and_build_only_what_is_new(site, store):
    rss = ChangingFeed(FIRST)
    url = site.serve("/rss", rss)
    first = watch_round(store, [url], LOCAL)
    second = watch_round(store, [url], LOCAL)
    rss.update(SECOND, FIRST)
    third = watch_round(store, [url], LOCAL)

    assert (first.ingest.added, first.built, first.changes["articles"]) == (1, 1, 1)
    assert (second.ingest.added, second.ingest.unchanged, second.built) == (0, 1, 0)
    assert second.changes == {} and second.summary().endswith("; nothing new")
    assert (third.ingest.added, third.ingest.duplicates, third.built) == (1, 1, 1)
    assert third.changes["articles"] == 1 and third.changes["built"] == 1
    assert [h.headers.get("if-none-match") for h in site.hits_on("/rss")] == [None, '"v1"', '"v1"']

    rows = store.conn.execute(
        "SELECT id, added, duplicates, unchanged, rejected, built, changes FROM watch_rounds"
    ).fetchall()
    assert [tuple(r)[:6] for r in rows] == [
        (1, 1, 0, 0, 0, 1),
        (2, 0, 0, 1, 0, 0),
        (3, 1, 1, 0, 0, 1),
    ]
    assert json.loads(rows[2]["changes"])["articles"] == 1


def test_round_summary_says_what_the_store_gained(site, store):
    url = site.serve("/rss", ChangingFeed(FIRST))
    done = watch_round(store, [url], LOCAL)
    text = done.summary()
    assert text.startswith(f"round 1 ({done.started_at}): 1 added, 0 already present, 0 unchanged")
    assert "+1 articles" in text and "+1 built" in text
    assert done.as_dict()["ingest"]["added"] == 1


def test_folders_are_polled_too(tmp_path, store, write):
    write("inbox/a.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    first = watch_round(store, [tmp_path / "inbox"])
    write("inbox/b.txt", "Water levels fall\n\nThe commission said water levels fell on Tuesday.")
    second = watch_round(store, [tmp_path / "inbox"])
    assert (first.ingest.added, second.ingest.added, second.ingest.duplicates) == (1, 1, 1)
    assert second.built == 1


def test_refusals_are_counted_per_round(tmp_path, store, write):
    write("inbox/bad.txt", b"\x00\x01\x02")
    done = watch_round(store, [tmp_path / "inbox"])
    assert [r.reason for r in done.ingest.rejections] == ["binary: contains NUL bytes"]
    assert "1 refused" in done.summary()


def test_watch_runs_rounds_until_stopped(tmp_path, store, write):
    write("inbox/a.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    stop = threading.Event()
    seen = []

    def on_round(done):
        seen.append(done.number)
        if len(seen) == 3:
            stop.set()

    quick = Settings(min_watch_interval_s=0)
    assert watch(store, [tmp_path / "inbox"], 0, on_round, stop=stop, settings=quick) == 3
    assert seen == [1, 2, 3]


def test_watch_refuses_to_poll_too_often(store):
    with pytest.raises(ValueError, match="too often"):
        watch(store, ["x"], 5, lambda done: None)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90),
        ("90s", 90),
        ("15m", 900),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1d", 86400),
        ("2.5m", 150),
    ],
)
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "m15", "1h 30m", "-5m"])
def test_parse_interval_refuses_nonsense(text):
    with pytest.raises(ValueError, match="is not an interval like"):
        parse_interval(text)


# --- the command line -----------------------------------------------------------------------


def storytrail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storytrail", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_watch_once(site, tmp_path):
    rss = ChangingFeed(FIRST)
    url = site.serve("/rss", rss)
    args = ("--db", "w.db", "watch", "--once", "--allow-private", url)
    first = storytrail(*args, cwd=tmp_path)
    second = storytrail(*args, "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("round 1 (") and "1 added" in first.stdout
    report = json.loads(second.stdout)
    assert (report["round"], report["ingest"]["unchanged"], report["changes"]) == (2, 1, {})


def test_cli_watch_default_refuses_the_loopback_feed(site, tmp_path):
    url = site.serve("/rss", ChangingFeed(FIRST))
    done = storytrail("--db", "w.db", "watch", "--once", url, cwd=tmp_path)
    assert done.returncode == 1
    assert f"refused {url}: refused loopback address 127.0.0.1" in done.stderr
    assert site.hits == []


@pytest.mark.parametrize(
    ("every", "message"),
    [("5s", "polling every 5 s is too often"), ("soon", "'soon' is not an interval like")],
)
def test_cli_watch_bad_intervals(tmp_path, every, message):
    done = storytrail("--db", "w.db", "watch", "--every", every, str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_cli_watch_stops_cleanly_on_a_signal(tmp_path, write, stop_signal):
    write("inbox/a.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    proc = subprocess.Popen(
        [sys.executable, "-m", "storytrail", "--db", "w.db", "watch", "--every", "1h", "inbox"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 300)
        assert ready, "no round reported"
        assert proc.stdout.readline().startswith("round 1 (")
        proc.send_signal(stop_signal)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert "storytrail: watch stopped" in stderr and "Traceback" not in stderr
    conn = sqlite3.connect(tmp_path / "w.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM watch_rounds").fetchone()[0] == 1
    conn.close()


# --- a hostile afternoon (issue 16, item 12) --------------------------------------------------


def test_a_store_locked_by_another_process_delays_the_round_and_says_so(tmp_path, write):
    from storytrail.store import Store

    write("inbox/a.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    patient = Settings(min_watch_interval_s=0, sqlite_busy_timeout_s=0.2)
    holder = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
    delays: list[str] = []
    rounds = []
    with Store(tmp_path / "w.db", patient) as store:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock

        def delayed(reason: str) -> None:
            delays.append(reason)
            if len(delays) == 2:
                holder.execute("COMMIT")  # ... and lets go after two tries

        done = watch(
            store, [tmp_path / "inbox"], 0, rounds.append, rounds=1, settings=patient,
            on_delay=delayed,
        )  # fmt: skip
        count = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    holder.close()
    assert done == 1 and [r.number for r in rounds] == [1]
    assert rounds[0].ingest.added == 1 and count == 1
    assert len(delays) == 2
    assert delays[0] == (
        "round 1 delayed: the store is locked by another process (waited 0.2 s); "
        "trying again in 0 s"
    )


@pytest.mark.parametrize("every", ["1000000d", "31d", "9" * 400 + "s"])
def test_cli_watch_refuses_absurd_intervals_up_front(tmp_path, every):
    done = storytrail("--db", "w.db", "watch", "--every", every, str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "between rounds is too long (at most 2.592e+06 s, 30 days" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "w.db").exists()
