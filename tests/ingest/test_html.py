import subprocess
import sys

from storytrail.ingest import read_sources
from storytrail.model import Article
from storytrail.settings import Settings

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


def many_attributes(count: int, quoted_spaces: bool = False) -> str:
    value = '"a value with spaces in it"' if quoted_spaces else "v"
    attrs = " ".join(f"data-a{i}={value}" for i in range(count))
    return (
        "<html><body><article>"
        f"<p {attrs}>The minister said the dam would open in the spring after long talks.</p>"
        "<p>More text follows here for the reader of this page.</p></article></body></html>"
    )


def test_an_element_with_too_many_attributes_is_refused_naming_the_cap(write):
    settings = Settings(max_html_attributes_per_element=500)
    (rejection,) = read_sources([write("attrs.html", many_attributes(20_000))], settings)
    assert rejection.reason == (
        "an HTML element with over 500 attributes (cap max_html_attributes_per_element)"
    )


def test_attribute_counting_ignores_spaces_inside_quoted_values(write):
    settings = Settings(max_html_attributes_per_element=500)
    (article,) = read_sources(
        [write("ok.html", many_attributes(400, quoted_spaces=True))], settings
    )
    assert isinstance(article, Article)
    assert article.original.startswith("The minister said")


def test_200k_attributes_on_one_element_do_not_stall_ingest(write):
    """Refused by a linear scan before the parser sees it (it took over 5 minutes); run
    in a child process so a stall fails the test instead of blocking the suite."""
    path = write("bomb.html", many_attributes(200_000))
    script = (
        "import sys; from storytrail.ingest import read_sources\n"
        "print(*(getattr(i, 'reason', 'article') for i in read_sources(sys.argv[1:])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "cap max_html_attributes_per_element" in done.stdout


def test_a_less_than_sign_in_a_script_opens_no_tag(write):
    # A news page's inline script ("i<n[f].indexOf(…) …" over thousands of words) once got
    # a real article refused by the attribute cap.
    code = "for(var i=0;i<n[f].length;i++){" + " x=y;" * 3000 + "}"
    page = (
        "<html><head><script>" + code + "</script><style>a<b{}" + " c d" * 2000 + "</style>"
        "<!-- <x " + " y" * 2000 + " --></head><body><article>"
        "<p>The minister said the dam would open in the spring after long talks.</p>"
        "<p>More text follows here for the reader of this page.</p></article></body></html>"
    )
    settings = Settings(max_html_attributes_per_element=500)
    (article,) = read_sources([write("script.html", page)], settings)
    assert isinstance(article, Article)
