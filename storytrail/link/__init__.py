"""Linking: the corpus-wide stages (near-duplicates, statements, events, stories,
citations, re-reports). Each is a pure function over what the per-article stages
produced; ``storytrail.api.link`` reads those from the store and saves the result."""
