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
