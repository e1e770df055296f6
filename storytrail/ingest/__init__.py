"""Ingest: turn sources (files, folders, manifests, feeds, web archives, URLs) into
``Article`` objects.

One module per kind of source; ``read_sources`` in ``storytrail.ingest.sources``
walks paths and dispatches. URLs are fetched under the limits and the
private-address guard of ``fetch`` and ``netguard`` (see docs/reliability.md).
Every reader yields either an ``Article`` or a ``Rejection`` naming the file,
the line and the reason: one bad input never stops a batch.
"""

from storytrail.ingest.errors import IngestError
from storytrail.ingest.sources import read_sources

__all__ = ["IngestError", "read_sources"]
