"""Fetching one URL, politely and defensively: ``httpx`` under every limit in ``Settings``.

What a fetch guarantees, whatever the server does:

- it connects only to public addresses (``netguard``), for the URL and for each
  redirect, which are followed one at a time up to ``max_redirects`` (a loop is
  named as one);
- it gives up on a silent connection (``fetch_connect_timeout_s``,
  ``fetch_read_timeout_s``) and on a slow one (``fetch_deadline_s`` in all);
- it never holds more than ``max_body_bytes`` of body, as sent or decompressed:
  the body is streamed, gzip and deflate are inflated here with an output cap,
  so a gzip bomb stops at the cap instead of filling memory;
- it sends ``If-None-Match``/``If-Modified-Since`` when it knows the page's
  validators, and a 304 comes back as None ("unchanged"), not as an error.

Every failure is a ``FetchError`` (an ``IngestError``) with the reason;
``transient`` says whether trying again later may succeed.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpcore
import httpx

from storytrail.ingest.errors import IngestError
from storytrail.ingest.netguard import AddressPolicy, AddressRefused, GuardedBackend
from storytrail.settings import DEFAULTS, Settings

try:
    _VERSION = version("storytrail")
except PackageNotFoundError:  # a source tree that was never installed
    _VERSION = "0+unknown"

USER_AGENT = f"storytrail/{_VERSION} (+https://github.com/storytrail)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
)
# Server answers worth trying again later: overloaded, rate-limited, timed out.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(IngestError):
    """A URL that could not be fetched; ``transient`` when a later try may work."""

    def __init__(
        self, source: str, reason: str, line: int | None = None, *, transient: bool = False
    ) -> None:
        super().__init__(source, reason, line)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies this version of a page (either may be None)."""

    etag: str | None = None
    last_modified: str | None = None

    def request_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class Fetched:
    """A complete response body: ``url`` is where it came from after redirects."""

    url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    validators: Validators


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the address guard as its network backend.

    httpx 0.28 has no public way to pass an httpcore network backend, so the
    connection pool is rebuilt here with one; ``tests/ingest/test_url.py`` would
    fail if the guard ever stopped being the thing that connects.
    """

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(policy),
        )


class Fetcher:
    """One HTTP client for a whole run (connections are reused); close it when done."""

    def __init__(self, settings: Settings = DEFAULTS) -> None:
        self.settings = settings
        self.client = httpx.Client(
            transport=GuardedTransport(AddressPolicy(settings)),
            timeout=httpx.Timeout(
                settings.fetch_read_timeout_s, connect=settings.fetch_connect_timeout_s
            ),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
        )

    def close(self) -> None:
        self.client.close()

    def fetch(
        self,
        url: str,
        source: str,
        line: int | None = None,
        validators: Validators | None = None,
    ) -> Fetched | None:
        """The body at ``url``, or None when the server says it has not changed (304).

        Raises ``FetchError`` naming ``source`` and ``line`` with the reason.
        """
        deadline = time.monotonic() + self.settings.fetch_deadline_s
        headers = validators.request_headers() if validators else {}
        try:
            request = self.client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise FetchError(source, f"invalid URL {url!r}: {exc}", line) from exc
        if not request.url.host:
            raise FetchError(source, f"invalid URL {url!r}: no host", line)
        hops: list[str] = []
        while True:
            hops.append(str(request.url))
            if request.url.scheme not in ("http", "https"):
                where = f"redirect to {request.url}" if len(hops) > 1 else f"URL {url!r}"
                raise FetchError(source, f"{where}: only http and https are fetched", line)
            response = self._send(request, source, line, hops)
            if not response.has_redirect_location:
                break
            response.close()
            request = self._next_hop(response, source, line, hops)
        try:
            return self._complete(response, source, line, deadline, bool(headers))
        finally:
            response.close()

    def _next_hop(
        self, response: httpx.Response, source: str, line: int | None, hops: list[str]
    ) -> httpx.Request:
        following = response.next_request
        if following is None:
            raise FetchError(source, f"HTTP {response.status_code} redirect without a target", line)
        if str(following.url) in hops:
            chain = " -> ".join([*hops, str(following.url)])
            raise FetchError(source, f"redirect loop: {chain}", line)
        if len(hops) > self.settings.max_redirects:
            raise FetchError(
                source, f"too many redirects (more than {self.settings.max_redirects})", line
            )
        return following

    def _send(
        self, request: httpx.Request, source: str, line: int | None, hops: list[str]
    ) -> httpx.Response:
        where = f"redirect to {request.url}: " if len(hops) > 1 else ""
        try:
            return self.client.send(request, stream=True)
        except AddressRefused as exc:
            raise FetchError(source, f"{where}{exc}", line) from exc
        except httpx.TimeoutException as exc:
            reason = where + _timeout_reason(exc, self.settings)
            raise FetchError(source, reason, line, transient=True) from exc
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(source, f"{where}unsupported URL: {exc}", line) from exc
        except httpx.HTTPError as exc:
            reason = f"{where}cannot fetch: {type(exc).__name__}: {exc}"
            raise FetchError(source, reason, line, transient=True) from exc

    def _complete(
        self,
        response: httpx.Response,
        source: str,
        line: int | None,
        deadline: float,
        conditional: bool,
    ) -> Fetched | None:
        status = response.status_code
        if status == 304 and conditional:
            return None
        if status != 200:
            transient = status in TRANSIENT_STATUSES
            reason = f"HTTP {status} {response.reason_phrase}".strip()
            raise FetchError(source, reason, line, transient=transient)
        cap = self.settings.max_body_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(
                source, f"too large: Content-Length {declared} bytes (cap {cap})", line
            )
        body = self._read_body(response, source, line, deadline)
        media_type, _, params = response.headers.get("Content-Type", "").partition(";")
        return Fetched(
            url=str(response.url),
            status=status,
            media_type=media_type.strip().lower(),
            charset=_charset(params),
            body=body,
            validators=Validators(
                response.headers.get("ETag"), response.headers.get("Last-Modified")
            ),
        )

    def _read_body(
        self, response: httpx.Response, source: str, line: int | None, deadline: float
    ) -> bytes:
        cap = self.settings.max_body_bytes
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        try:
            inflate = Inflater(encoding, cap)
        except ValueError as exc:
            raise FetchError(source, str(exc), line) from exc
        received = 0
        parts: list[bytes] = []
        try:
            for chunk in response.iter_raw():  # as received, so the deadline is checked
                received += len(chunk)
                if received > cap:
                    raise FetchError(source, f"too large: over {cap} bytes", line)
                parts.append(inflate.feed(chunk))
                if time.monotonic() > deadline:
                    reason = (
                        f"timed out: the response took over {self.settings.fetch_deadline_s:g} s"
                    )
                    raise FetchError(source, reason, line, transient=True)
            parts.append(inflate.finish())
        except httpx.TimeoutException as exc:
            reason = _timeout_reason(exc, self.settings)
            raise FetchError(source, reason, line, transient=True) from exc
        except httpx.HTTPError as exc:
            reason = f"broken response: {type(exc).__name__}: {exc}"
            raise FetchError(source, reason, line, transient=True) from exc
        except InflateError as exc:
            raise FetchError(source, str(exc), line) from exc
        return b"".join(parts)


class InflateError(Exception):
    """A compressed body that is corrupt or inflates past the cap."""


class Inflater:
    """Streaming gzip/deflate decoder that never produces more than ``cap`` bytes.

    ``zlib``'s ``max_length`` bounds each step's output, so memory stays under
    the cap however well the input compresses.
    """

    def __init__(self, encoding: str, cap: int) -> None:
        if encoding in ("gzip", "x-gzip"):
            self.wbits: int | None = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self.wbits = zlib.MAX_WBITS
        elif encoding in ("identity", ""):
            self.wbits = None
        else:
            raise ValueError(f"unsupported content encoding {encoding!r}")
        self.encoding = encoding
        self.cap = cap
        self.produced = 0
        self.raw_deflate_tried = False
        self.decompressor = zlib.decompressobj(self.wbits) if self.wbits else None

    def feed(self, data: bytes) -> bytes:
        if self.decompressor is None:
            return data
        out = b""
        while data:
            try:
                piece = self.decompressor.decompress(data, self.cap - self.produced + 1)
            except zlib.error as exc:
                if self._retry_as_raw_deflate():
                    continue
                raise InflateError(f"corrupt {self.encoding} body: {exc}") from exc
            self.produced += len(piece)
            if self.produced > self.cap:
                raise InflateError(
                    f"too large: decompresses to over {self.cap} bytes (a compression bomb?)"
                )
            out += piece
            # A new gzip member may follow the one that just ended.
            data = self.decompressor.unused_data if self.decompressor.eof else b""
            if data:
                self.decompressor = zlib.decompressobj(self.wbits)
        return out

    def finish(self) -> bytes:
        if self.decompressor is None:
            return b""
        if not self.decompressor.eof and self.produced:
            raise InflateError(f"truncated {self.encoding} body")
        return self.decompressor.flush()

    def _retry_as_raw_deflate(self) -> bool:
        """Some servers send raw deflate under ``deflate``; allow it once, at the start."""
        if self.encoding != "deflate" or self.raw_deflate_tried or self.produced:
            return False
        self.raw_deflate_tried = True
        self.wbits = -zlib.MAX_WBITS
        self.decompressor = zlib.decompressobj(self.wbits)
        return True


def _timeout_reason(exc: httpx.TimeoutException, settings: Settings) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out: no connection within {settings.fetch_connect_timeout_s:g} s"
    return f"timed out: no data for {settings.fetch_read_timeout_s:g} s"


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
