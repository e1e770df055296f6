"""The docs are part of the interface: they must say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from storytrail.cli import main
from storytrail.export import FIELDS

ROOT = Path(__file__).resolve().parents[1]


def section(doc: str, title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
    assert match, f"docs/export.md has no section '## {title}'"
    return match.group(1)


def test_every_export_field_is_documented_in_its_table():
    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for table, fields in FIELDS.items():
        documented = re.findall(r"^\| `(\w+)` \|", section(doc, table), re.M)
        assert documented == list(fields), table


def test_readme_tour_uses_only_real_commands_and_options():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^\$ storytrail (.*)$", readme, re.M)
    assert len(lines) >= 6
    runner = CliRunner()
    for line in lines:
        words = line.split("#")[0].split("|")[0].split()
        command = next(w for w in words if not w.startswith("-") and not w.endswith(".db"))
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0, line
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            if option != "--db":
                assert option in result.output, f"{option} not an option of {command}"


def test_testing_guide_names_real_test_files_and_tests():
    """docs/testing.md's table of mutations names the tests that catch them: they must exist.

    ``tests/x.py::name`` names a test of that file; a bare ``::name`` continues a file
    named earlier in the same table row.
    """
    doc = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)((?:::\w+)?)`", doc)
    assert len(named) >= 10
    sources = {path: (ROOT / path).read_text(encoding="utf-8") for path, _ in named}
    for path, test in named:
        if test:
            assert f"def {test[2:]}(" in sources[path], f"{path}{test}"
    for test in re.findall(r"`::(\w+)`", doc):
        assert any(f"def {test}(" in source for source in sources.values()), test
