from storytrail.ingest import read_sources
from storytrail.model import Article

PAGE = """<!doctype html>
<html lang="en"><head>
<title>Treaty signed at last | Basin Post</title>
<meta property="og:title" content="Treaty signed at last">
<meta property="og:site_name" content="Basin Post">
<meta name="author" content="Mira Castell">
<meta property="article:published_time" content="2024-05-02T10:00:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Treaty signed at last</h1>
<p>Valdoria and Kestria signed the Seln water-sharing treaty in Lorvik on Thursday,
ending two years of talks over the Upper Seln Dam.</p>
<script>document.write("tracking pixel text");</script>
<p>"This is a beginning, not an end," President Tomas Brenner told reporters after
the ceremony, which lasted less than an hour.</p>
<p>Foreign Minister Anneliese Dorn said the inspectors would arrive within a month.</p>
</article>
<footer>Copyright 2024 Basin Post. All rights reserved.</footer>
</body></html>"""


def test_html_page_gives_main_text_and_metadata(write):
    (article,) = read_sources([write("treaty.html", PAGE)])
    assert isinstance(article, Article)
    assert article.title == "Treaty signed at last"
    assert article.outlet == "Basin Post"
    assert article.author == "Mira Castell"
    assert article.published == "2024-05-02"
    assert article.published_source == "html-meta"
    assert "signed the Seln water-sharing treaty" in article.original
    assert "Dorn said the inspectors" in article.original


def test_html_furniture_and_script_do_not_reach_the_text(write):
    (article,) = read_sources([write("treaty.html", PAGE)])
    assert "tracking pixel" not in article.original
    assert "document.write" not in article.original
    assert "Home" not in article.original
    assert "All rights reserved" not in article.original
    assert not article.original.startswith("Treaty signed at last")


def test_html_without_main_text_is_refused(write):
    (rejection,) = read_sources([write("nav.html", "<html><body><nav>Home</nav></body></html>")])
    assert rejection.source.endswith("nav.html")
    assert "empty" in rejection.reason or "no main text" in rejection.reason
