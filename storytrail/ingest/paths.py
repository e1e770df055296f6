"""Which files ingest may open: regular files, and for a manifest only those inside
its own folder.

A manifest is data, often from someone else. Without a fence, one line with
``../../etc/passwd``, an absolute path or a symlink pointing out of the folder
reads a private file into the store, where ``serve`` and the exports show it;
``/proc/self/status`` reads the process's own secrets. And opening a FIFO
blocks until someone writes to it, so a named pipe would hang ``ingest``
forever. So: paths in a manifest must resolve (links followed) inside the
manifest's folder unless ``allow_outside_paths`` (``--allow-outside-paths``)
says otherwise, and anything that is not a regular file, or lives under a
kernel filesystem (``/proc``, ``/sys``, ``/dev``), is refused by kind wherever it
is named, the command line included.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from storytrail.ingest.errors import IngestError
from storytrail.settings import DEFAULTS, Settings

# Kernel filesystems: their files look regular but are views of the running system.
KERNEL_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def special_kind(path: Path) -> str | None:
    """What makes ``path`` a special file ("FIFO", "in /proc" ...); None for a regular
    file, a folder or a path that does not exist."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return _kind_of_mode(mode) or _kernel_folder(path)


def refuse_special(path: Path, source: str, line: int | None = None) -> None:
    """Raise ``IngestError`` when ``path`` is a special file (see ``special_kind``)."""
    kind = special_kind(path)
    if kind:
        raise IngestError(source, f"a special file ({kind}), not an article", line)


def open_regular(path: Path, source: str) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file outside the kernel folders.

    Opened without blocking and checked on the open descriptor, so a FIFO put in
    the file's place after a check still cannot hang the reader.
    """
    kernel = _kernel_folder(path)
    if kernel:
        raise IngestError(source, f"a special file ({kernel}), not an article")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    kind = _kind_of_mode(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise IngestError(source, f"a special file ({kind}), not an article")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def confined(
    written: str, folder: Path, source: str, line: int, settings: Settings = DEFAULTS
) -> Path:
    """The file a manifest line names (``written``, relative to the manifest's
    ``folder`` or absolute), refused when it resolves outside ``folder`` (links
    followed) and outside paths are not allowed, or when it is a special file."""
    target = Path(written)
    target = target if target.is_absolute() else folder / target
    resolved = target.resolve()
    if not settings.allow_outside_paths and not resolved.is_relative_to(folder.resolve()):
        raise IngestError(
            source,
            f"{written}: outside the manifest's folder (it is {resolved}); "
            "use --allow-outside-paths to read it",
            line,
        )
    kind = special_kind(target)
    if kind:
        raise IngestError(source, f"{written}: a special file ({kind}), not an article", line)
    return target


def _kind_of_mode(mode: int) -> str | None:
    return next((name for test, name in _KINDS if test(mode)), None)


def _kernel_folder(path: Path) -> str | None:
    resolved = path.resolve()
    return next((f"in {k}" for k in KERNEL_FOLDERS if resolved.is_relative_to(k)), None)
