"""The SQLite store: schema and migrations, writes (``db``) and reads (``reads``).

Nothing outside this package writes SQL.
"""

from storytrail.store.db import DEFAULT_DB, AddResult, Store, StoreError

__all__ = ["DEFAULT_DB", "AddResult", "Store", "StoreError"]
