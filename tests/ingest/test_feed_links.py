"""A feed's hanging links: fetched a few at a time, within a budget per round, and
backed off from once they keep failing. A real loopback server that never answers."""

from __future__ import annotations

import time

import pytest
from fixtures.loopback import LoopbackSite, Reply
from test_feed import linked, page, rss

from storytrail.ingest import read_sources
from storytrail.ingest.feedlinks import LinkFailures, PendingLink, fetch_entry_links
from storytrail.ingest.url import Web
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

HANGING = 12


@pytest.fixture
def site():
    with LoopbackSite() as running:
        yield running


def hanging_feed(site: LoopbackSite, count: int = HANGING) -> str:
    for n in range(count):
        site.serve(f"/hang{n}", Reply(stall=True))
    items = [linked(n, f"/hang{n}") for n in range(count)]
    return site.serve("/rss", Reply(rss(*items), content_type="application/rss+xml"))


def started(site: LoopbackSite, prefix: str = "/hang") -> list[float]:
    return sorted(hit.at for hit in site.hits if hit.path.startswith(prefix))


@pytest.fixture(autouse=True)
def timed_hits(monkeypatch):
    """Stamp each request the loopback site receives with the time it arrived."""
    import fixtures.loopback as loopback

    original = loopback.Hit.__init__

    def stamped(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.at = time.monotonic()

    monkeypatch.setattr(loopback.Hit, "__init__", stamped)


def test_hanging_links_are_fetched_a_few_at_a_time(site):
    settings = Settings(
        allow_private_addresses=True,
        fetch_read_timeout_s=1.0,
        feed_fetch_concurrency=4,
        feed_round_budget_s=60,
    )
    items = list(read_sources([hanging_feed(site)], settings))
    assert [type(i) for i in items] == [Rejection] * HANGING
    assert all("timed out: no data for 1" in r.reason for r in items)
    times = started(site)
    assert len(times) == HANGING
    # Fetched one after another, two requests would start at least the read timeout apart;
    # at most four (the bound) are under way at once.
    assert times[3] - times[0] < 0.9
    assert all(later - earlier >= 0.9 for earlier, later in zip(times, times[4:], strict=False))


def test_what_the_round_budget_leaves_is_refused_as_passing_and_retried(site):
    settings = Settings(
        allow_private_addresses=True,
        fetch_read_timeout_s=1.0,
        feed_fetch_concurrency=2,
        feed_round_budget_s=1.5,
    )
    items = list(read_sources([hanging_feed(site)], settings))
    budget = [r for r in items if "time budget" in r.reason]
    assert len(items) == HANGING and budget
    assert budget[0].reason.endswith(
        "not fetched within the feed's time budget of 1.5 s (feed_round_budget_s); "
        "tried again next round"
    )
    assert len(started(site)) < HANGING  # the rest were never requested this round


def test_a_link_that_keeps_failing_is_backed_off_from(site):
    site.serve("/hang", Reply(stall=True))
    site.serve("/ok", page("The harbour authority said the new quay would open in the spring."))
    settings = Settings(
        allow_private_addresses=True,
        fetch_read_timeout_s=0.5,
        feed_link_backoff_after=2,
        feed_link_backoff_s=1.0,
    )
    failures = LinkFailures()
    pending = [PendingLink(1, site.url("/hang"), {}), PendingLink(2, site.url("/ok"), {})]

    def round_() -> dict:
        web = Web(settings)
        try:
            return fetch_entry_links(pending, "feed", web, failures)
        finally:
            web.close()

    for _ in range(2):  # a first failure is retried at once, like any passing failure
        outcomes = round_()
        assert "timed out" in outcomes[1].item.reason and outcomes[1].transient
    assert len(site.hits_on("/hang")) == 2
    third = round_()
    assert third[1].transient and "not fetched, backing off: it failed 2 times in a row" in (
        third[1].item.reason
    )
    assert len(site.hits_on("/hang")) == 2  # left alone
    assert isinstance(third[2].item, Article)  # the others are still fetched
    time.sleep(1.1)
    round_()
    assert len(site.hits_on("/hang")) == 3  # tried again once the pause is over
