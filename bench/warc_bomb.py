"""A .warc.gz compression bomb read in bounded memory.

Writes an archive of a good record, a gzip member holding ``--mib`` MiB of one byte
without a newline (about 1 KB compressed per MiB), and a second good record, then
reads it with storytrail's reader in a fresh process and prints the refusals, the
time and the peak resident memory, next to the same process reading the two good
records alone. With ``--warcio`` it also runs warcio's own iterator over the bomb
(what storytrail did before the caps): expect its peak to grow with ``--mib``.
Record the output in docs/benchmarks.md.

    python bench/warc_bomb.py [--mib 400] [--warcio]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = (
    "<html><head><title>Story {n}</title></head><body><article><p>Story {n}: the minister "
    "said the talks on the dam would resume next week, after the flood season.</p>"
    "</article></body></html>"
)

READ = """
import json, resource, sys, time
from storytrail.ingest import read_sources
started = time.perf_counter()
items = list(read_sources([sys.argv[1]]))
print(json.dumps({
    "seconds": round(time.perf_counter() - started, 2),
    "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "articles": sum(1 for i in items if hasattr(i, "original")),
    "refused": [i.reason for i in items if not hasattr(i, "original")],
}))
"""

WARCIO = """
import json, resource, sys, time
from warcio.archiveiterator import ArchiveIterator
started = time.perf_counter()
try:
    records = sum(1 for _ in ArchiveIterator(open(sys.argv[1], "rb")))
    outcome = f"{records} records"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {str(exc)[:60]}"
print(json.dumps({
    "seconds": round(time.perf_counter() - started, 2),
    "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "outcome": outcome,
}))
"""


def good_member(n: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        f"https://news.example/{n}",
        "response",
        payload=io.BytesIO(PAGE.format(n=n).encode()),
        http_headers=http,
    )
    writer.write_record(record)
    return out.getvalue()


def bomb_member(mib: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"A" * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(mib)) + packer.flush()


def run(script: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=400, help="MiB the bomb member inflates to")
    parser.add_argument("--warcio", action="store_true", help="also run warcio alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "good.warc.gz"
        good.write_bytes(good_member(1) + good_member(2))
        bomb = Path(folder) / "bomb.warc.gz"
        bomb.write_bytes(good_member(1) + bomb_member(args.mib) + good_member(2))
        print(f"bomb file: {bomb.stat().st_size:,} bytes, inflating to over {args.mib} MiB")
        print(f"storytrail, good records only: {run(READ, good)}")
        print(f"storytrail, with the bomb:     {run(READ, bomb)}")
        if args.warcio:
            print(f"warcio alone, with the bomb:   {run(WARCIO, bomb)}")


if __name__ == "__main__":
    main()
