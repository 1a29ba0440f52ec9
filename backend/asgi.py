"""ASGI entry point for uvicorn: `uvicorn backend.asgi:app`."""

from backend.app import create_app

app = create_app()
