"""The local web app: ``storytrail serve`` (``create_app`` for other ASGI servers).

Pages and their JSON twins (``/api/...``) over a store opened read-only; see
``docs/web.md`` for the routes, the JSON documents and the safety rules.
"""

from storytrail.web.app import create_app

__all__ = ["create_app"]
