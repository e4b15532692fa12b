"""The OpenAPI 3.1 document for the companion. A test checks it lists exactly the real routes."""

from __future__ import annotations

from functools import cache
from typing import Any

from aiohttp import web

from companion import __version__
from companion.schema import generated_schema

routes = web.RouteTableDef()


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Malformed JSON, a schema violation (``path`` names the field) or a bad parameter",
        403: "Host is not the companion's loopback address, or Origin is not allowed",
        405: "Method not allowed (state changes are never GET)",
        413: "Body over the size limit (--max-body)",
        415: "Content-Type is not application/json",
        422: "The snapshot could not be analysed in bounded time",
        503: "Too many analyses queued; retry after Retry-After seconds",
    }
    return {str(c): _json(_ref("Error"), text[c]) for c in codes}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


_TIME = {"oneOf": [{"type": "number"}, {"type": "string", "format": "date-time"}]}
_SINCE = _query("since", _TIME, "Only visits at or after this time (epoch seconds or ISO 8601)")
_UNTIL = _query("until", _TIME, "Only visits before this time (epoch seconds or ISO 8601)")


def _schemas() -> dict[str, Any]:
    snapshot = generated_schema()
    defs = snapshot.pop("$defs", {})
    snapshot.pop("$schema", None)
    snapshot = {k: v for k, v in snapshot.items() if k not in ("$id",)}
    # msgspec refers to "#/$defs/X"; in OpenAPI components those live under schemas.
    schemas = _rewrite_refs({**defs, "SnapshotDocument": snapshot})
    finding = {
        "type": "object",
        "required": ["rule", "severity", "message"],
        "properties": {
            "rule": {"type": "string"},
            "severity": {"enum": ["high", "medium", "low", "info"]},
            "message": {"type": "string"},
            "evidence": {"type": "object"},
        },
    }
    schemas.update(
        {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["status", "message"],
                        "properties": {
                            "status": {"type": "integer"},
                            "message": {"type": "string"},
                            "path": {"type": "string",
                                     "description": "JSON path of the offending field"},
                        },
                    }
                },
            },
            "FindingOut": finding,
            "Rule": {
                "type": "object",
                "required": ["id", "severity", "title", "why"],
                "properties": {
                    "id": {"type": "string"},
                    "severity": {"enum": ["high", "medium", "low", "info"]},
                    "concern": {"type": "string"},
                    "title": {"type": "string"},
                    "why": {"type": "string"},
                    "references": {"type": "array", "items": {"type": "object"}},
                },
            },
            "Verdict": {
                "type": "object",
                "properties": {
                    "worst": {"type": ["string", "null"]},
                    "count": {"type": "integer"},
                    "by_severity": {"type": "object"},
                },
            },
            "Analysis": {
                "type": "object",
                "required": ["url", "phase", "site", "findings", "rules", "verdict", "trackers"],
                "properties": {
                    "url": {"type": "string"},
                    "site": {"type": "string"},
                    "phase": {"type": "string"},
                    "findings": {"type": "array", "items": _ref("FindingOut")},
                    "rules": {"type": "array", "items": _ref("Rule"),
                              "description": "Catalog entries of the rules the findings use"},
                    "verdict": _ref("Verdict"),
                    "banner": {"type": ["object", "null"]},
                    "trackers": {"type": "array", "items": {"type": "object"}},
                    "errors": {"type": "array", "items": {"type": "object"}},
                    "duration_ms": {"type": "number"},
                },
            },
            "Visit": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "site": {"type": "string"},
                    "url": {"type": "string", "description": "Page address without query"},
                    "phase": {"type": "string"},
                    "source": {"type": "string"},
                    "time": {"type": "number"},
                    "worst": {"type": ["string", "null"]},
                    "finding_count": {"type": "integer"},
                    "findings": {"type": "array", "items": _ref("FindingOut")},
                    "trackers": {"type": "array", "items": {"type": "object"}},
                },
            },
            "HistoryPage": {
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": _ref("Visit")},
                    "total": {"type": "integer"},
                    "limit": {"type": "integer"},
                    "offset": {"type": "integer"},
                    "next_offset": {"type": ["integer", "null"]},
                },
            },
            "Deleted": {
                "type": "object",
                "properties": {"deleted": {"type": "integer"}, "site": {"type": "string"}},
            },
        }
    )
    return schemas


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _rewrite_refs(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


@cache
def document() -> dict[str, Any]:
    site_param = {"name": "site", "in": "path", "required": True, "schema": {"type": "string"},
                  "description": "Registrable domain, for example example.com"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Brightline companion",
            "version": __version__,
            "description": "Local, loopback-only API used by the Brightline extension.",
        },
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "paths": {
            "/api/v1/analyze": {"post": {
                "summary": "Analyse a page snapshot and record it in the history",
                "parameters": [_query("record", {"type": "boolean", "default": True},
                                      "Set false to analyse without recording")],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": _ref("SnapshotDocument")}}},
                "responses": {"200": _json(_ref("Analysis"), "Findings and verdict"),
                              **_errors(400, 403, 413, 415, 422, 503)},
            }},
            "/api/v1/rules": {"get": {
                "summary": "The rule catalog",
                "responses": {"200": _json({"type": "object", "properties": {
                    "rules": {"type": "array", "items": _ref("Rule")}}}, "All rules"),
                    **_errors(403)},
            }},
            "/api/v1/history": {
                "get": {
                    "summary": "Visits, newest first, filtered and paginated",
                    "parameters": [
                        _query("site", {"type": "string"}, "Only this registrable domain"),
                        _SINCE, _UNTIL,
                        _query("limit", {"type": "integer", "minimum": 1, "maximum": 500,
                                         "default": 50}, "Page size"),
                        _query("offset", {"type": "integer", "minimum": 0, "default": 0},
                               "Visits to skip"),
                    ],
                    "responses": {"200": _json(_ref("HistoryPage"), "A page of visits"),
                                  **_errors(400, 403)},
                },
                "delete": {
                    "summary": "Forget the whole history",
                    "responses": {"200": _json(_ref("Deleted"), "Visits deleted"),
                                  **_errors(403)},
                },
            },
            "/api/v1/history/{site}": {"delete": {
                "summary": "Forget one site",
                "parameters": [site_param],
                "responses": {"200": _json(_ref("Deleted"), "Visits deleted"),
                              **_errors(400, 403)},
            }},
            "/api/v1/summary": {"get": {
                "summary": "Dashboard aggregates: sites, who follows you around, timeline",
                "parameters": [_SINCE, _UNTIL],
                "responses": {"200": _json({"type": "object", "properties": {
                    "sites": {"type": "array"}, "trackers": {"type": "array"},
                    "timeline": {"type": "array"}}}, "Aggregates"), **_errors(400, 403)},
            }},
            "/api/v1/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")},
            }},
            "/healthz": {"get": {
                "summary": "Liveness and version",
                "responses": {"200": _json({"type": "object"}, "Healthy")},
            }},
            "/": {"get": {
                "summary": "The dashboard (HTML)",
                "responses": {"200": {"description": "HTML page",
                                      "content": {"text/html": {}}}},
            }},
            "/static/{filename}": {"get": {
                "summary": "Dashboard assets",
                "parameters": [{"name": "filename", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": {"description": "A CSS or JavaScript file"},
                              "404": {"description": "No such file"}},
            }},
        },
        "components": {"schemas": _schemas()},
    }


@routes.get("/api/v1/openapi.json")
async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(document())
