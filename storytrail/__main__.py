"""``python -m storytrail`` is the ``storytrail`` command."""

from storytrail.cli import main

main(prog_name="storytrail")
