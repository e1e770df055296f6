import storytrail

EXPORTED = [
    "DEFAULTS", "FIELDS", "FORMATS", "Article", "Citation", "CleanText", "Embed", "Entity",
    "Event", "IngestError", "IngestReport", "OffsetMap", "Quote", "Rejection", "Settings",
    "Statement", "Store", "StoreError", "Story", "__version__", "build", "clean_text",
    "demo_corpus", "export", "ingest", "link", "read_sources",
]  # fmt: skip


def test_public_api_is_exactly_the_curated_list():
    assert sorted(storytrail.__all__) == sorted(EXPORTED)
    for name in EXPORTED:
        assert hasattr(storytrail, name), name


def test_public_objects_say_what_they_are_for():
    for name in EXPORTED:
        value = getattr(storytrail, name)
        if callable(value):
            assert value.__doc__, f"{name} has no docstring"
