"""Serving the built front end (frontend/dist): three single-page apps and the PWA's files."""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from litestar import Response, Router, get
from litestar.datastructures import CacheControlHeader, State
from litestar.exceptions import NotFoundException
from litestar.response import File, Redirect
from litestar.static_files import create_static_files_router

APPS = ("kiosk", "staff", "admin")
# Files the build writes at the root of dist/: service worker, Workbox runtime, manifest, icons.
_ROOT_FILE = re.compile(r"^[A-Za-z0-9_.-]+\.(js|webmanifest|json|png|svg|ico|txt)$")

_NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Madoguchi</title>
<h1>The front end has not been built yet</h1><p>Run <code>make run</code>, which builds it.</p></html>"""


def _dist(state: State) -> Path:
    return state.settings.frontend_dist


def _app_page(state: State, app: str) -> Response[str] | File:
    index = _dist(state) / app / "index.html"
    if not index.is_file():
        return Response(_NOT_BUILT, media_type="text/html", status_code=503)
    return File(index, media_type="text/html", content_disposition_type="inline")


def _app_handlers(app: str) -> list[object]:
    @get([f"/{app}", f"/{app}/{{rest:path}}"], include_in_schema=False, name=f"{app}-page")
    async def page(state: State) -> Response[str] | File:
        return _app_page(state, app)

    return [page]


@get("/", include_in_schema=False)
async def root() -> Redirect:
    return Redirect("/kiosk/")


@get("/{filename:str}", include_in_schema=False)
async def root_file(state: State, filename: str) -> File:
    path = _dist(state) / filename
    if not _ROOT_FILE.match(filename) or not path.is_file():
        raise NotFoundException(f"No file {filename!r} here.")
    # The service worker must be served as JavaScript or the browser refuses to register it.
    media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return File(path, media_type=media_type, content_disposition_type="inline")


def frontend_router(dist: Path) -> Router:
    handlers: list[object] = [root, root_file]
    for app in APPS:
        handlers += _app_handlers(app)
    # Hashed asset names never change content, so they may be cached for a year.
    handlers.append(
        create_static_files_router(
            path="/assets",
            directories=[dist / "assets"],
            cache_control=CacheControlHeader(public=True, max_age=31_536_000),
            include_in_schema=False,
            name="assets",
        )
    )
    handlers.append(
        create_static_files_router(path="/icons", directories=[dist / "icons"], include_in_schema=False, name="icons")
    )
    # no-cache: the service worker decides about versions, never a stale HTTP cache.
    return Router(path="/", route_handlers=handlers, cache_control=CacheControlHeader(no_cache=True))  # type: ignore[arg-type]
