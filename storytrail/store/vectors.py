"""The sentence-vector cache (``quote_vectors``): a relink embeds only texts it has not seen.

Rows are keyed by the model id and the sha256 of the text as the model reads it
(``storytrail.link.embeddings.text_key``), not by quote id: the same words in
another article, or a rebuilt article, reuse the vector. Vectors are saved as
they are computed, one transaction per encoder batch, so an interrupted first
link keeps what it paid for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping

import numpy as np

from storytrail.link.embeddings import TextEncoder, text_key
from storytrail.store.db import Store

# Keys per look-up (well under SQLite's limit on bound parameters).
_LOOKUP_CHUNK = 500
_DTYPE = np.dtype("<f4")


def stored_vectors(
    conn: sqlite3.Connection, model: str, keys: Iterable[str]
) -> dict[str, np.ndarray]:
    """The cached vectors of ``keys`` under ``model`` (missing keys are left out)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT text_sha256, vector FROM quote_vectors"
            f" WHERE model = ? AND text_sha256 IN ({marks})",
            (model, *chunk),
        )
        for key, blob in rows:
            found[key] = np.frombuffer(blob, dtype=_DTYPE).astype(np.float32)
    return found


def save_vectors(conn: sqlite3.Connection, model: str, vectors: Mapping[str, np.ndarray]) -> None:
    """Add ``vectors`` (key -> vector) under ``model``; call inside a transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO quote_vectors (model, text_sha256, vector) VALUES (?, ?, ?)",
        [(model, key, np.asarray(v, dtype=_DTYPE).tobytes()) for key, v in vectors.items()],
    )


def vectors_through_cache(
    store: Store, encoder: TextEncoder, texts: Collection[str], batch_size: int
) -> tuple[dict[str, np.ndarray], int]:
    """Text -> vector for every text in ``texts``, encoding only those not cached.

    Returns the vectors and how many texts were encoded this time.
    """
    keys = {text: text_key(text) for text in texts}
    cached = stored_vectors(store.conn, encoder.model_id, keys.values())
    missing = sorted(text for text, key in keys.items() if key not in cached)
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        computed = dict(zip((keys[t] for t in batch), encoder.encode(batch), strict=True))
        with store.transaction() as conn:
            save_vectors(conn, encoder.model_id, computed)
        cached.update(computed)
    return {text: cached[key] for text, key in keys.items()}, len(missing)
