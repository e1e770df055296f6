"""storytrail: who said what, when, where, and who reported it.

The public Python API is what this module exports (``__all__`` is pinned by
``tests/test_public_api.py``); everything else is internal and may change::

    from storytrail import Store, ingest, build, export, demo_corpus

    with Store("storytrail.db") as store:
        report = ingest(store, [demo_corpus()])
        build(store)
"""

from importlib.metadata import PackageNotFoundError, version

from storytrail.api import IngestReport, build, demo_corpus, ingest, link
from storytrail.clean import clean_text
from storytrail.export import FIELDS, FORMATS, export
from storytrail.ingest import IngestError, read_sources
from storytrail.model import (
    Article,
    Citation,
    CleanText,
    Embed,
    Entity,
    Event,
    Quote,
    Rejection,
    Statement,
    Story,
)
from storytrail.offsets import OffsetMap
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store, StoreError

try:
    __version__ = version("storytrail")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "DEFAULTS",
    "FIELDS",
    "FORMATS",
    "Article",
    "Citation",
    "CleanText",
    "Embed",
    "Entity",
    "Event",
    "IngestError",
    "IngestReport",
    "OffsetMap",
    "Quote",
    "Rejection",
    "Settings",
    "Statement",
    "Store",
    "StoreError",
    "Story",
    "__version__",
    "build",
    "clean_text",
    "demo_corpus",
    "export",
    "ingest",
    "link",
    "read_sources",
]
