"""Every article string is untrusted: headers, escaping, read-only access, no file paths."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import httpx
import pytest
from handmade_store import HANDMADE, IMG, SCRIPT
from live_server import EXPECTED_CSP, LiveServer

from storytrail.store import StoreError
from storytrail.store.views import open_readonly
from storytrail.web import create_app
from storytrail.web.config import CONTENT_SECURITY_POLICY


def assert_safety_headers(response: httpx.Response) -> None:
    assert response.headers["content-security-policy"] == EXPECTED_CSP, response.url
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


def test_the_policy_is_the_strict_one():
    assert CONTENT_SECURITY_POLICY == EXPECTED_CSP


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        *[("GET", path, 200) for path in HANDMADE.pages],
        *[("GET", "/api" + path, 200) for path in HANDMADE.pages],
        ("GET", "/", 200),
        ("HEAD", "/stories", 200),
        ("GET", "/static/style.css", 200),
        ("GET", "/static/app.js", 200),
        ("GET", "/static/icon.svg", 200),
        ("GET", "/statements/sta_nope", 404),
        ("GET", "/api/statements/sta_nope", 404),
        ("GET", "/no/such/page", 404),
        ("GET", "/search?q=%22", 400),
        ("POST", "/stories", 405),
        ("POST", "/api/search?q=x", 405),
    ],
)
def test_safety_headers_on_every_response(http, method, path, status):
    response = http.request(method, path)
    assert response.status_code == status
    assert_safety_headers(response)


def test_safety_headers_even_on_a_refused_host(http):
    response = http.get("/stories", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert_safety_headers(response)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path", ["/", f"/statements/{HANDMADE.statement}", "/api/stories", "/static/style.css"]
)
def test_nothing_but_reading_is_allowed(http, method, path):
    response = http.request(method, path, content=b"x=1")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_static_files_are_a_fixed_list_not_a_folder(http):
    for path in (
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/%2e%2e%2fapp.py",
        "/static/templates/base.html",
        "/static/..%2f..%2fstore%2fschema.py",
        "/static/",
    ):
        response = http.get(path)
        assert response.status_code == 404, path
        assert "MIGRATIONS" not in response.text and "Starlette" not in response.text


def test_static_files_have_the_right_types(http):
    assert http.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert http.get("/static/app.js").headers["content-type"].startswith("text/javascript")


# --- escaping -------------------------------------------------------------------------

HOSTILE_PAGES = [
    f"/stories/{HANDMADE.story}",
    "/stories",
    f"/statements/{HANDMADE.evil_statement}",
    f"/statements/{HANDMADE.statement}",
    f"/entities/{HANDMADE.evil_speaker}",
    "/entities",
    f"/articles/{HANDMADE.evil_article}",
    f"/articles/{HANDMADE.evil_article}/original",
    "/search?q=alert",
    "/ingest",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_strings_are_shown_escaped_never_as_markup(http, path):
    body = http.get(path).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body or "&lt;img src=x" in body
    assert "<script>alert" not in body
    assert "<img" not in body.lower()
    assert "onerror=alert(1)>" not in body.replace("&gt;", "")
    assert 'href="javascript:' not in body.lower()
    assert "<b>" not in body


def test_a_javascript_url_is_shown_as_text_and_an_http_url_as_a_link(http):
    evil = http.get(f"/articles/{HANDMADE.evil_article}").text
    assert '<span class="not-a-link">javascript:alert(1)</span>' in evil
    good = http.get(f"/articles/{HANDMADE.article_one}").text
    assert '<a class="external" href="https://fixture.example/one"' in good


def test_hostile_quote_difference_is_escaped_token_by_token(http):
    body = http.get(f"/statements/{HANDMADE.evil_statement}").text
    assert "<del>script&gt;</del>" in body
    assert "<ins>img src=x onerror=</ins>" in body
    document = http.get(f"/api/statements/{HANDMADE.evil_statement}").json()
    segments = document["diffs"][0]["segments"]
    assert "".join(s["text"] for s in segments if s["op"] != "delete") == IMG


def test_json_is_json_even_for_hostile_text(http):
    response = http.get(f"/api/articles/{HANDMADE.evil_article}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["articles"][0]["title"] == SCRIPT


# --- the store stays as it was ----------------------------------------------------------


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_browsing_session_leaves_the_store_file_unchanged(web_db, copy_of):
    db = copy_of(web_db)
    before = fingerprint(db)
    with LiveServer(db) as live, httpx.Client(base_url=live.url) as client:
        for path in HANDMADE.pages:
            assert client.get(path).status_code == 200
            assert client.get("/api" + path).status_code == 200
        assert client.post("/stories", data={"q": "x"}).status_code == 405
    assert fingerprint(db) == before
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_the_app_opens_the_store_read_only(web_db):
    conn = open_readonly(web_db)
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
        conn.execute("DELETE FROM stories")
    conn.close()


def test_a_missing_store_is_refused_not_created(tmp_path):
    missing = tmp_path / "nothing.db"
    with pytest.raises(StoreError, match=r"no storytrail store at .*nothing\.db"):
        create_app(missing)
    assert not missing.exists()


def test_a_store_from_another_schema_version_is_refused(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(StoreError, match="storytrail build"):
        create_app(old)
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database")
    with pytest.raises(StoreError, match="not a usable"):
        create_app(not_sqlite)


def test_a_foreign_host_header_is_refused(http):
    """A page elsewhere cannot read the store by pointing its own name at 127.0.0.1."""
    assert http.get("/api/stories", headers={"Host": "rebind.attacker.example"}).status_code == 400
    for name in ("localhost:1234", "127.0.0.1", "[::1]:8765"):
        assert http.get("/api/stories", headers={"Host": name}).status_code == 200, name


def _templates():
    from importlib import resources

    folder = resources.files("storytrail.web") / "templates"
    return sorted((t.name, t.read_text(encoding="utf-8")) for t in folder.iterdir())


def escape_switches(source: str) -> list[str]:
    """Every place a template turns escaping off, found by Jinja's own parser.

    Any filter named ``safe`` (``|safe``, ``| safe``, ``|  safe``, ``{% filter safe %}``)
    and any ``{% autoescape %}`` block, whatever its argument. Text matching missed
    ``|  safe`` (issue 20, item 1).
    """
    from jinja2 import nodes

    from storytrail.web.app import template_environment

    tree = template_environment().parse(source)
    found = [f"filter {f.name}" for f in tree.find_all(nodes.Filter) if f.name == "safe"]
    for block in tree.find_all(nodes.ScopedEvalContextModifier):
        found += [f"autoescape block ({k.key})" for k in block.options]
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        "{{ x|safe }}",
        "{{ x | safe }}",
        "{{ x |  safe }}",
        "{{ x|e|safe }}",
        "{% filter safe %}{{ x }}{% endfilter %}",
        "{% autoescape false %}{{ x }}{% endautoescape %}",
        "{% autoescape False %}{{ x }}{% endautoescape %}",
        "{% autoescape off_flag %}{{ x }}{% endautoescape %}",
    ],
)
def test_the_template_scan_finds_every_spelling_of_unescaped_output(snippet):
    assert escape_switches(snippet)


def test_the_template_scan_passes_escaped_output():
    assert escape_switches("{{ x }} {{ x|e }} {{ x|join(', ') }} {{ x|seg }}") == []


@pytest.mark.parametrize(("name", "source"), _templates(), ids=[n for n, _ in _templates()])
def test_no_template_turns_escaping_off(name, source):
    assert escape_switches(source) == [], name


def test_no_template_inlines_code_or_styles():
    for name, text in _templates():
        for switch in ("Markup(", 'style="', "<script>"):
            assert switch not in text, (name, switch)
