"""docs/web.md says what the web app does: every page, every JSON key, the search syntax."""

from __future__ import annotations

import re
from pathlib import Path

from handmade_store import HANDMADE

from storytrail.export import FIELDS
from storytrail.web.app import page_functions
from storytrail.web.config import WEB_DEFAULTS
from storytrail.web.texts import SEARCH_SYNTAX

DOC = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def test_every_page_is_documented():
    for path in page_functions(WEB_DEFAULTS):
        written = re.sub(r"\{\w+\}", "{id}", path)
        assert f"`{written}`" in DOC, written
        assert f"`/api{written}`" in DOC or written in ("/articles/{id}/original",), written


def test_every_search_example_shown_on_the_page_is_in_the_docs():
    for example, meaning in SEARCH_SYNTAX:
        assert f"| `{example}` | {meaning} |" in DOC


def test_every_page_only_json_key_is_documented(http):
    for path in HANDMADE.pages:
        for key in http.get("/api" + path).json():
            if key not in FIELDS:
                assert f"`{key}`" in DOC, (path, key)
