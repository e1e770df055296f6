from storytrail.model import Rejection, stable_id


def test_stable_id_is_deterministic_and_prefixed():
    assert stable_id("art", "a", "b") == stable_id("art", "a", "b")
    assert stable_id("art", "a").startswith("art_")
    assert len(stable_id("art", "a")) == len("art_") + 16


def test_stable_id_separates_parts():
    assert stable_id("q", "ab", "c") != stable_id("q", "a", "bc")


def test_rejection_names_file_line_and_reason():
    assert str(Rejection("feed.jsonl", "malformed line: invalid JSON", 3)) == (
        "feed.jsonl:3: malformed line: invalid JSON"
    )
    assert str(Rejection("x.txt", "empty: no text in the file")) == (
        "x.txt: empty: no text in the file"
    )
