"""The Starlette app: routes, rendering, errors and the safety headers.

Every page is served twice from one page function (``pages``, ``texts``): as
HTML at its path and as JSON at ``/api`` + its path. The store is opened
read-only for each request (``mode=ro``); the only routes are GET (and
HEAD), so anything else is answered 405. No part of a URL reaches the file
system: templates and static files are named in code and static files are
read into memory when the app is made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storytrail.store.views import connect_readonly, open_readonly
from storytrail.web import markup, pages, texts
from storytrail.web.config import LOOPBACK_HOSTS, SECURITY_HEADERS, WEB_DEFAULTS, WebSettings
from storytrail.web.pages import BadRequest, NotFound, Page

PageFunction = Callable[[sqlite3.Connection, Request], Page]

STATIC_TYPES = {
    "style.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
}


def _int(request: Request, name: str, default: int = 1, most: int = WEB_DEFAULTS.max_page) -> int:
    """A page number from the query string: 400 for anything but a whole number from 1 to
    ``most`` (a bigger one would overflow SQLite's OFFSET and answer 500)."""
    value = request.query_params.get(name)
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= most:
        raise BadRequest(f"{name}: {value!r} is not a whole number from 1 to {most:,}")
    return int(value)


def page_functions(settings: WebSettings) -> dict[str, PageFunction]:
    """Path -> page, for every page; each is also served as JSON under ``/api``."""
    return {
        "/stories": lambda c, r: pages.stories_list(c, _int(r, "page"), settings),
        "/stories/{story_id}": lambda c, r: pages.story_timeline(
            c,
            r.path_params["story_id"],
            r.query_params.get("speaker"),
            r.query_params.get("from"),
            r.query_params.get("to"),
        ),
        "/statements/{statement_id}": lambda c, r: pages.statement_page(
            c, r.path_params["statement_id"]
        ),
        "/entities": lambda c, r: pages.entities_index(c),
        "/entities/{entity_id}": lambda c, r: pages.entity_page(
            c, r.path_params["entity_id"], _int(r, "page"), settings
        ),
        "/articles/{article_id}": lambda c, r: texts.article_page(c, r.path_params["article_id"]),
        "/articles/{article_id}/original": lambda c, r: texts.original_page(
            c, r.path_params["article_id"]
        ),
        "/search": lambda c, r: texts.search_page(
            c, r.query_params.get("q"), r.query_params.get("in"), settings
        ),
        "/ingest": lambda c, r: pages.ingest_page(c),
    }


def segment(value: object) -> str:
    """``value`` quoted for use as one path segment of a link (``/`` included)."""
    return quote(str(value), safe="")


def template_environment() -> jinja2.Environment:
    folder = resources.files("storytrail.web") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["seg"] = segment
    env.globals.update(markup.GLOBALS)
    return env


def static_files() -> dict[str, bytes]:
    folder = resources.files("storytrail.web") / "static"
    return {name: (folder / name).read_bytes() for name in STATIC_TYPES}


@dataclass(slots=True)
class WebApp:
    """What the routes share: the store's path, the templates and the static files."""

    db: Path
    env: jinja2.Environment
    static: dict[str, bytes]

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn = connect_readonly(self.db)
        try:
            yield conn
        finally:
            conn.close()

    def render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> Response:
        api = "/api" + (request.url.path if request.url.path != "/" else "/stories")
        if request.url.query:
            api += "?" + request.url.query
        html = self.env.get_template(template).render(
            {"store_name": self.db.name, "json_url": api, "query": ""} | context
        )
        return HTMLResponse(html, status_code=status)

    def html(self, build: PageFunction) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            with self.connection() as conn:
                page = build(conn, request)
            return self.render(
                request, page.template, page.status, title=page.title, **page.context
            )

        return endpoint

    def api(self, build: PageFunction) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            with self.connection() as conn:
                page = build(conn, request)
            return JSONResponse(page.document, page.status)

        return endpoint

    def static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.static:
            raise HTTPException(404, f"no static file {name!r}")
        return Response(
            self.static[name],
            media_type=STATIC_TYPES[name],
            headers={"Cache-Control": "max-age=300"},
        )

    def error(self, request: Request, status: int, message: str, headers: Any = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": status, "detail": message}, status, headers=headers)
        response = self.render(request, "error.html", status, title=str(status), message=message)
        if headers:
            response.headers.update(headers)
        return response


def create_app(
    db: str | Path,
    *,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    settings: WebSettings = WEB_DEFAULTS,
) -> ASGIApp:
    """The web app over the store at ``db``, opened read-only.

    Raises ``StoreError`` at once when ``db`` is missing or unusable.
    ``allowed_hosts`` are the Host headers answered (others get 400); pass
    ``["*"]`` only when serving beyond this machine on purpose.
    """
    open_readonly(db).close()
    web = WebApp(Path(db).resolve(), template_environment(), static_files())
    routes = [Route("/", web.html(page_functions(settings)["/stories"]))]
    for path, build in page_functions(settings).items():
        routes.append(Route(path, web.html(build)))
        routes.append(Route("/api" + path, web.api(build)))
    routes.append(Route("/static/{name}", web.static_file))

    def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return web.error(request, exc.status_code, str(exc.detail), exc.headers)

    def not_found(request: Request, exc: Exception) -> Response:
        return web.error(request, 404, str(exc))

    def bad_request(request: Request, exc: Exception) -> Response:
        return web.error(request, 400, str(exc))

    def server_error(request: Request, exc: Exception) -> Response:
        return web.error(request, 500, "something went wrong reading the store")

    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: http_error,
            NotFound: not_found,
            BadRequest: bad_request,
            Exception: server_error,
        },
    )
    return SecurityHeaders(TrustedHostMiddleware(app, allowed_hosts=list(allowed_hosts)))


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response, whichever layer produced it."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] = SECURITY_HEADERS) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def allowed_hosts_for(bind_host: str) -> list[str]:
    """Host headers to answer when listening on ``bind_host``: loopback names, the
    address itself, or any host when bound to all interfaces (the user asked for it)."""
    if bind_host in ("0.0.0.0", "::", "[::]", ""):
        return ["*"]
    address = bind_host.strip("[]")
    return list(dict.fromkeys([*LOOPBACK_HOSTS, f"[{address}]" if ":" in address else address]))
