"""The store as the user sees it, for comparing runs."""

from __future__ import annotations

import io
import json

from storytrail import Store
from storytrail.export import export_json

# Fields that say when, not what: they differ between any two runs.
TIMESTAMPS = {"articles": ("built_at",), "rejections": ("first_seen", "last_seen")}


def exported(store: Store) -> dict[str, list[dict]]:
    """``storytrail export --format json`` of the store, timestamps dropped."""
    out = io.StringIO()
    export_json(store.conn, out)
    tables = json.loads(out.getvalue())
    for table, fields in TIMESTAMPS.items():
        for row in tables[table]:
            for name in fields:
                row.pop(name)
    return tables
