from storytrail.link.rereports import find_rereports
from storytrail.model import Quote, Statement


def q(qid, article, statement):
    return Quote(qid, article, "direct", "words", 0, 5, statement_id=statement)


STATEMENTS = [Statement("s1", "B", "e", "old words"), Statement("s2", "B", "e", "new words")]
PUBLISHED = {"old": "2023-06-07", "copy": "2025-03-01", "mixed": "2025-03-02", "same": "2023-06-20"}


def test_article_repeating_only_year_old_statements_is_a_rereport():
    quotes = [q("q1", "old", "s1"), q("q2", "copy", "s1")]
    (flag,) = find_rereports(quotes, STATEMENTS, PUBLISHED)
    assert (flag.article_id, flag.statement_ids, flag.original_date) == (
        "copy",
        ("s1",),
        "2023-06-07",
    )


def test_article_mixing_old_and_new_statements_is_flagged_for_the_old_ones():
    quotes = [q("q1", "old", "s1"), q("q2", "mixed", "s1"), q("q3", "mixed", "s2")]
    (flag,) = find_rereports(quotes, STATEMENTS, PUBLISHED)
    assert (flag.article_id, flag.statement_ids) == ("mixed", ("s1",))
    assert "1 other statement(s) are new" in flag.reason


def test_old_words_recalled_with_their_date_are_not_a_rereport():
    recalled = q("q2", "copy", "s1")
    recalled.date, recalled.date_granularity = "2023-06-06", "day"
    assert find_rereports([q("q1", "old", "s1"), recalled], STATEMENTS, PUBLISHED) == []


def test_follow_up_within_the_window_is_not_a_rereport():
    quotes = [q("q1", "old", "s1"), q("q2", "same", "s1")]
    assert find_rereports(quotes, STATEMENTS, PUBLISHED) == []
