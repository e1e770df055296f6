"""Ingest: turn sources (files, folders, manifests) into ``Article`` objects.

One module per kind of source; ``read_sources`` in ``storytrail.ingest.sources``
walks paths and dispatches. Every reader yields either an ``Article`` or a
``Rejection`` naming the file, the line and the reason: one bad input never
stops a batch.
"""

from storytrail.ingest.errors import IngestError
from storytrail.ingest.sources import read_sources

__all__ = ["IngestError", "read_sources"]
