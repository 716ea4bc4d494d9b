"""Request routing and JSON error answers (the production server mounts `handle`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from studio.db import IntegrityError
from studio.schemas import ValidationError

ROUTES: list[tuple[str, re.Pattern, object]] = []


@dataclass
class Request:
    method: str
    path: str
    query: dict = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> dict:
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except json.JSONDecodeError as err:
            raise ValidationError("body", f"not JSON: {err.msg}") from None
        if not isinstance(data, dict):
            raise ValidationError("body", "expected a JSON object")
        return data

    def int_arg(self, name: str, default: int) -> int:
        value = self.query.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            raise ValidationError(name, "expected an integer") from None


@dataclass
class Response:
    status: int
    body: object = None
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})

    def encode(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body).encode()


def route(method: str, pattern: str):
    compiled = re.compile("^" + re.sub(r"{(\w+)}", r"(?P<\1>[^/]+)", pattern) + "$")

    def register(handler):
        ROUTES.append((method, compiled, handler))
        return handler

    return register


def error(status: int, code: str, message: str, field_name: str | None = None) -> Response:
    detail = {"code": code, "message": message}
    if field_name:
        detail["field"] = field_name
    return Response(status, {"error": detail})


def handle(session, request: Request) -> Response:
    allowed = []
    for method, pattern, handler in ROUTES:
        match = pattern.match(request.path)
        if not match:
            continue
        if method != request.method:
            allowed.append(method)
            continue
        try:
            return handler(session, request, **match.groupdict())
        except ValidationError as err:
            return error(422, "invalid", str(err), err.field)
        except IntegrityError as err:
            return error(409, "conflict", str(err))
        except KeyError as err:
            return error(404, "not_found", f"no such record: {err}")
    if allowed:
        response = error(405, "method_not_allowed", f"use {', '.join(sorted(allowed))}")
        response.headers["Allow"] = ", ".join(sorted(allowed))
        return response
    return error(404, "not_found", f"no route for {request.path}")


def page(items: list[dict], total: int, skip: int, limit: int) -> dict:
    return {"items": items, "total": total, "skip": skip, "limit": limit,
            "has_more": skip + len(items) < total}  # fmt: skip
