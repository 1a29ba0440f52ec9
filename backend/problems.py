"""Domain errors and their one mapping to RFC 9457 problem documents.

Services raise these; the app turns every error — ours, Litestar's, or an unexpected one — into
`application/problem+json` with a plain sentence, and never a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

log = logging.getLogger("madoguchi")

PROBLEM_JSON = "application/problem+json"


class FieldError(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class DomainError(Exception):
    status = 400
    slug = "bad-request"
    title = "The request could not be handled"

    def __init__(self, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class InvalidInput(DomainError):
    status = 422
    slug = "invalid-input"
    title = "Some values need correcting"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, [FieldError(field=field, message=message)])


class NotSignedIn(DomainError):
    status = 401
    slug = "not-signed-in"
    title = "Please sign in"


class TerminalNotEnrolled(DomainError):
    status = 401
    slug = "terminal-not-enrolled"
    title = "This terminal is not enrolled"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"
    title = "You are not allowed to do this"


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Someone else changed this first"


class Gone(DomainError):
    status = 410
    slug = "gone"
    title = "This link is no longer valid"


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[Problem]:
    return Response(problem, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def _problem(status: int, slug: str, title: str, detail: str, errors: list[FieldError] | None = None) -> Problem:
    return Problem(type=f"/problems/{slug}", title=title, status=status, detail=detail, errors=errors or [])


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[Problem]:
    return problem_response(_problem(exc.status, exc.slug, exc.title, exc.detail, exc.errors))


def _field_name(key: str, message: str) -> tuple[str, str]:
    """Point at the field itself: msgspec says "... - at `$.credential.id`" or "missing required field `code`"."""
    if " - at `$" in message:
        message, _, path = message.partition(" - at `$")
        return path.rstrip("`").lstrip(".") or key, message
    if "missing required field `" in message:
        return message.split("`")[1], "is required"
    return key, message


def _field_errors(exc: ValidationException) -> list[FieldError]:
    errors: list[FieldError] = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            key = str(item.get("key") or item.get("source") or "body")
            field, message = _field_name(key, str(item.get("message", "is not valid")))
            errors.append(FieldError(field=field, message=message))
    return errors


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    status = exc.status_code
    if isinstance(exc, ValidationException):
        errors = _field_errors(exc)
        if errors:
            detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
            return problem_response(_problem(422, "invalid-input", "Some values need correcting", detail, errors))
        return problem_response(_problem(400, "malformed-request", "The request could not be read", exc.detail))
    titles = {
        401: ("not-signed-in", "Please sign in"),
        403: ("forbidden", "You are not allowed to do this"),
        404: ("not-found", "Not found"),
        405: ("method-not-allowed", "This method is not allowed here"),
        429: ("too-many-requests", "Too many attempts; please wait a minute and try again"),
    }
    slug, title = titles.get(status, ("http-error", "The request could not be handled"))
    return problem_response(_problem(status, slug, title, exc.detail or title), headers=exc.headers)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        _problem(
            HTTP_500_INTERNAL_SERVER_ERROR,
            "internal-error",
            "Something went wrong on our side",
            "The error has been logged. Nothing you entered was lost; please try again.",
        )
    )


exception_handlers: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    HTTPException: http_exception_handler,
    Exception: internal_error_handler,
}

__all__ = ["PROBLEM_JSON", "Problem", "exception_handlers"]
