"""The one exception ingest raises for an input it refuses."""

from __future__ import annotations

from storytrail.model import Rejection


class IngestError(Exception):
    """An input that cannot become an article: carries the file, line and reason.

    Readers raise it; ``read_sources`` turns it into a ``Rejection`` and goes on.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        super().__init__(str(self.rejection()))

    def rejection(self) -> Rejection:
        return Rejection(source=self.source, reason=self.reason, line=self.line)
