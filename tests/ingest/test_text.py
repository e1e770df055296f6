from storytrail.ingest import read_sources
from storytrail.ingest.text import split_headline
from storytrail.model import Article


def test_short_first_line_without_full_stop_is_the_headline():
    title, body = split_headline("Dam talks stall\n\nThe talks stalled on Monday.")
    assert title == "Dam talks stall"
    assert body == "The talks stalled on Monday."


def test_first_line_that_is_a_sentence_stays_in_the_body():
    text = "The talks stalled on Monday.\n\nNobody knows why."
    assert split_headline(text) == (None, text)


def test_single_line_file_has_no_headline():
    text = "Talks stall as both sides wait for the inspectors to arrive"
    assert split_headline(text) == (None, text)


def test_text_file_becomes_an_article_with_title_and_body(write):
    path = write("a.txt", "Dam talks stall\n\nThe president said the talks would go on.\n")
    (article,) = read_sources([path])
    assert isinstance(article, Article)
    assert article.title == "Dam talks stall"
    assert article.original.startswith("The president said")
    assert article.source == str(path)
    assert article.id.startswith("art_")


def test_windows_1252_file_is_decoded(write):
    path = write("old.txt", "Caf\xe9 talks resume in Lorvik today".encode("cp1252"))
    (article,) = read_sources([path])
    assert "Café talks" in article.original


def test_utf16_file_with_bom_is_decoded(write):
    path = write("w.txt", "Talks resume in Lorvik today after a pause".encode("utf-16"))
    (article,) = read_sources([path])
    assert article.original == "Talks resume in Lorvik today after a pause"
