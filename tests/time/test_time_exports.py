"""The time stage's public names: what the pipeline may import from storytrail.time."""

import storytrail.time


def test_time_stage_exports_exactly_its_public_functions_and_records():
    assert sorted(storytrail.time.__all__) == [
        "PublicationDate",
        "TimeExpression",
        "UtteranceDate",
        "anchor_in_quotes",
        "date_quotes",
        "publication_date",
        "time_expressions",
        "utterance_dates",
    ]
    for name in storytrail.time.__all__:
        assert getattr(storytrail.time, name).__doc__, name


def test_the_store_and_export_keep_each_expressions_timeml_type_beside_its_value(tmp_path):
    """A real store: ingest a plain text, build, export JSON Lines; every time expression
    row carries ``timex_type`` and its TimeML value, and the record's own ``type`` is
    still the table's (the column is not called ``type`` for that reason)."""
    import io
    import json

    from storytrail import Store, build, ingest
    from storytrail.export import export_jsonl

    article = tmp_path / "dam.txt"
    article.write_text(
        "The harbour council met on Tuesday evening and agreed a two-year survey.\n\n"
        "It has met every year since 2019 and now meets weekly.",
        encoding="utf-8",
    )
    with Store(tmp_path / "s.db") as store:
        assert ingest(store, [article]).ok
        build(store)
        out = io.StringIO()
        export_jsonl(store.conn, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    found = {
        r["text"]: (r["timex_type"], r["value"]) for r in rows if r["type"] == "time_expression"
    }
    assert found["two-year"] == ("DURATION", "P2Y")
    assert found["every year"] == ("SET", "P1Y")
    assert found["weekly"] == ("SET", "P1W")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["2019"] == ("DATE", "2019")
    assert found["Tuesday evening"] == ("TIME", None)  # no publication day to place it
