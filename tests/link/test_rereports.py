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


def test_article_with_one_new_statement_has_news():
    quotes = [q("q1", "old", "s1"), q("q2", "mixed", "s1"), q("q3", "mixed", "s2")]
    assert find_rereports(quotes, STATEMENTS, PUBLISHED) == []


def test_follow_up_within_the_window_is_not_a_rereport():
    quotes = [q("q1", "old", "s1"), q("q2", "same", "s1")]
    assert find_rereports(quotes, STATEMENTS, PUBLISHED) == []
