"""Per-partition Parquet out, shards in: built articles survive the trip whole."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from exported_tables import exported
from poisoned_stage import POISON

from storytrail import DEFAULTS, Article, Store, build, demo_corpus, ingest, read_sources
from storytrail.api import link
from storytrail.engines import EngineError
from storytrail.engines.batches import in_order
from storytrail.engines.parts import from_plain, read_part, to_plain, write_part
from storytrail.engines.shards import build_shards, load_shards
from storytrail.model import Annotations, BuiltArticle, CleanText, Quote
from storytrail.pipeline import PIPELINE_VERSION, build_batch


@pytest.fixture(scope="module")
def demo_articles_built():
    articles = [a for a in read_sources([demo_corpus()]) if isinstance(a, Article)]
    return articles, build_batch(articles[:6], DEFAULTS)


def test_a_built_article_round_trips_through_a_part_unchanged(tmp_path, demo_articles_built):
    articles, built = demo_articles_built
    path = tmp_path / "part-00000.parquet"
    assert write_part(path, zip(articles, built, strict=False), PIPELINE_VERSION) == 6
    rows = list(read_part(path))
    assert [article for article, _, _ in rows] == articles[:6]
    assert [b for _, b, _ in rows] == built
    assert {version for _, _, version in rows} == {PIPELINE_VERSION}
    assert not list(tmp_path.glob("*.partial"))


def test_plain_form_keeps_tuples_optionals_and_nested_classes():
    clean = CleanText("ab", [(0, 0, 2)], 2, offset_ends=[(1, 3)])
    quote = Quote("q_1", "art_1", "direct", "ab", 0, 2, speaker=None)
    built = BuiltArticle("art_1", clean, Annotations())
    built.quotes.append(quote)
    again = from_plain(BuiltArticle, json.loads(json.dumps(to_plain(built, BuiltArticle))))
    assert again == built
    assert again.clean.offset_runs[0] == (0, 0, 2)


def test_only_storytrail_classes_are_rebuilt_from_a_type_tag():
    with pytest.raises(ValueError, match="not a storytrail class"):
        from_plain(object, {"__type__": "os:system", "name": "x"})


class Promise:
    """A future that counts when its result is taken."""

    taken = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def result(self) -> int:
        Promise.taken += 1
        return self.value


def test_engines_keep_a_bounded_number_of_batches_in_flight_and_yield_in_order():
    read = 0
    most_in_flight = 0

    def batches():
        nonlocal read
        for n in range(10):
            read += 1
            yield [n]

    def submit(batch: list[int]) -> Promise:
        nonlocal most_in_flight
        most_in_flight = max(most_in_flight, read - Promise.taken)
        return Promise(batch[0] * 10)

    results = []
    for batch, result in in_order(submit, batches(), in_flight=4):
        assert read - Promise.taken <= 3  # read lazily: never more than in flight
        results.append((batch, result))
    assert results == [([n], n * 10) for n in range(10)]
    assert most_in_flight == 4


def test_shards_build_on_dask_into_parts_that_load_into_a_store(tmp_path, dask_cluster):
    from distributed import Client

    seeds = [a for a in read_sources([demo_corpus()]) if isinstance(a, Article)]
    manifest = tmp_path / "in" / "first.jsonl"
    manifest.parent.mkdir()
    records = [
        {"text": a.original, "title": a.title, "outlet": a.outlet, "published": a.published}
        for a in seeds[:9]
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    rows = [
        {"text": a.original, "title": a.title, "outlet": a.outlet, "published": a.published}
        for a in seeds[9:]
    ] + [{"text": "", "title": None, "outlet": None, "published": None}]
    parquet = tmp_path / "in" / "second.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)

    out = tmp_path / "built"
    with Client(dask_cluster.scheduler_address) as client:
        results = build_shards(client, [manifest, parquet], out)
        with pytest.raises(EngineError, match="already holds Parquet parts"):
            build_shards(client, [manifest], out)
    assert [(r.shard, r.built) for r in results] == [(str(manifest), 9), (str(parquet), 9)]
    assert results[0].rejections == []
    (refused,) = results[1].rejections
    assert (refused.source, refused.line) == (str(parquet), 10)
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]

    with Store(tmp_path / "from-parts.db") as store:
        assert load_shards(store, results) == 18
        assert store.count_to_build(PIPELINE_VERSION) == 0
        link(store)
        tables = exported(store)
    with Store(tmp_path / "direct.db") as store:
        ingest(store, [manifest, parquet])
        build(store)
        link(store)
        direct = exported(store)
    assert tables["quotes"] and tables == direct


def test_a_shard_with_a_failing_article_still_writes_the_rest(tmp_path, dask_cluster):
    from distributed import Client
    from poisoned_stage import poisoned_build

    manifest = tmp_path / "shard.jsonl"
    lines = [
        {"text": f"Officials met in Lorvik on Monday. {POISON} They said little."},
        {"text": "Officials met in Teshavel on Tuesday and said the dam was safe."},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with Client(dask_cluster.scheduler_address) as client:
        (result,) = build_shards(client, [manifest], tmp_path / "out", build=poisoned_build)
    assert result.built == 1
    (failure,) = result.rejections
    assert failure.source == f"{manifest}:1" and "ValueError" in failure.reason
