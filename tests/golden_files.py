"""Reading the hand-written golden answers for the demo corpus (``tests/golden/``)."""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def golden(name: str):
    """Load ``tests/golden/<name>.json``, the hand-written expected answers."""
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def golden_file_key(article_source: str, demo_folder: Path) -> str:
    """The golden files' name for an article: its manifest path, or ``manifest:LINE``."""
    manifest = demo_folder / "manifest.jsonl"
    if article_source.startswith(f"{manifest}:"):
        return "manifest:" + article_source.rsplit(":", 1)[1]
    return Path(article_source).relative_to(demo_folder).as_posix()
