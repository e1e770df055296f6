from storytrail.link.statements import group_statements
from storytrail.model import Quote


def quote(qid, article, text, kind="direct", speaker="brenner", date=None, granularity="day"):
    return Quote(
        id=qid,
        article_id=article,
        kind=kind,
        text=text,
        start=0,
        end=len(text),
        speaker=speaker and speaker.title(),
        speaker_id=speaker and f"ent_{speaker}",
        date=date,
        date_granularity=granularity if date else None,
    )


PUBLISHED = {"a1": "2023-06-07", "a2": "2023-06-08", "a3": "2024-02-01"}


def statement_sets(quotes):
    statements, linked = group_statements(quotes, PUBLISHED)
    groups = {}
    for q in linked:
        groups.setdefault(q.statement_id, set()).add(q.id)
    return statements, sorted(sorted(g) for k, g in groups.items() if k)


def test_two_translations_of_one_sentence_on_one_day_are_one_statement():
    _, groups = statement_sets(
        [
            quote("q1", "a1", "The situation remains, of course, complicated", date="2023-06-06"),
            quote("q2", "a2", "The situation is still, naturally, difficult", date="2023-06-06"),
        ]
    )
    assert groups == [["q1", "q2"]]


def test_translations_without_a_shared_date_stay_apart():
    _, groups = statement_sets(
        [
            quote("q1", "a1", "The situation remains, of course, complicated", date="2023-06-06"),
            quote("q2", "a2", "The situation is still, naturally, difficult"),
        ]
    )
    assert groups == [["q1"], ["q2"]]


def test_fragment_joins_the_longer_quote_that_contains_it():
    statements, groups = statement_sets(
        [
            quote("q1", "a1", "We will keep the turbines silent until the inspectors arrive"),
            quote("q2", "a2", "turbines silent until the inspectors arrive", kind="fragment"),
        ]
    )
    assert groups == [["q1", "q2"]]
    assert statements[0].text.startswith("We will keep")


def test_indirect_report_of_direct_words_is_the_same_statement():
    _, groups = statement_sets(
        [
            quote("q1", "a1", "We will not open the gates before the inspectors come"),
            quote(
                "q2", "a2", "they would not open the gates before the inspectors came", "indirect"
            ),
        ]
    )
    assert groups == [["q1", "q2"]]


def test_different_remarks_of_one_speaker_stay_apart():
    _, groups = statement_sets(
        [
            quote("q1", "a1", "The dam belongs to the people of Valdoria", date="2023-06-06"),
            quote("q2", "a2", "Our farmers will have water this summer", date="2023-06-06"),
        ]
    )
    assert groups == [["q1"], ["q2"]]


def test_same_words_by_two_speakers_are_two_statements():
    _, groups = statement_sets(
        [
            quote("q1", "a1", "We want a fair share of the river"),
            quote("q2", "a2", "We want a fair share of the river", speaker="dorn"),
        ]
    )
    assert groups == [["q1"], ["q2"]]


def test_statement_is_dated_and_first_reported_by_its_earliest_article():
    statements, _ = statement_sets(
        [
            quote("q3", "a3", "The dam belongs to the people of Valdoria"),
            quote("q1", "a1", "The dam belongs to the people of Valdoria", date="2023-06-06"),
        ]
    )
    (statement,) = statements
    assert (statement.first_reported, statement.date) == ("2023-06-07", "2023-06-06")
    assert statement.quote_ids == ["q1", "q3"]


def test_quote_without_speaker_gets_no_statement():
    statements, linked = group_statements([quote("q1", "a1", "water war", speaker=None)], {})
    assert statements == [] and linked[0].statement_id is None


def test_much_quoted_speaker_still_has_a_fragment_of_common_words_joined():
    others = [
        quote(f"o{i}", f"x{i}", f"We will talk about the dam and item {i} with them today")
        for i in range(60)
    ]
    _, groups = statement_sets(
        [
            *others,
            quote("q1", "a1", "They know we will not give up the river"),
            quote("q2", "a2", "we will not give up", kind="fragment"),
        ]
    )
    assert ["q1", "q2"] in groups
