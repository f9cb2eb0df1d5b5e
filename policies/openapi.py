"""The API's OpenAPI 3.1 description, served at ``/api/openapi.json``.

The profile schema is built from the fact catalogue, as ``rules.profile`` checks a
profile, so a fact added to the catalogue is described without editing this file.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django.http import HttpRequest, JsonResponse

from .rules.facts import INPUT_FACTS, Fact, FactType
from .rules.vocabulary import AmountKind, Operator, RouteMode, RouteRole, Status

NULLABLE_STRING = {"type": ["string", "null"]}
REF = "#/components/schemas/"


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _fact_schema(fact: Fact) -> dict[str, object]:
    """One property of the profile: the type, bounds and choices ``parse`` checks."""
    codes = [code for code, _label in fact.choices]
    schema: dict[str, object] = {"description": fact.label}
    if fact.type is FactType.CHOICE:
        return {**schema, "type": "string", "enum": codes}
    if fact.type is FactType.CHOICES:
        items = {"type": "string", "enum": codes}
        return {**schema, "type": "array", "uniqueItems": True, "items": items}
    if fact.type is FactType.BOOLEAN:
        return {**schema, "type": "boolean"}
    if fact.type is FactType.CODE:
        return {**schema, "type": "string", "pattern": f"^{fact.pattern}$"}
    schema["type"] = "integer" if fact.type is FactType.INTEGER else "number"
    for bound in ("minimum", "maximum"):
        if getattr(fact, bound) is not None:
            schema[bound] = _json_number(getattr(fact, bound))
    return schema


def profile_schema() -> dict[str, object]:
    """An enterprise profile: every fact optional, no others allowed."""
    return {
        "type": "object",
        "description": (
            "What an enterprise tells the check about itself. Every fact is optional: "
            "a policy that needs a missing fact comes out needs_info and names it. "
            "Money is in whole CNY, percentages are 0-100."
        ),
        "additionalProperties": False,
        "properties": {fact.name: _fact_schema(fact) for fact in INPUT_FACTS},
    }


def _values(enum: type) -> list[str]:
    return [member.value for member in enum]


def _array(ref: str) -> dict[str, object]:
    return {"type": "array", "items": {"$ref": REF + ref}}


def _nullable(ref: str) -> dict[str, object]:
    return {"oneOf": [{"$ref": REF + ref}, {"type": "null"}]}


def _object(required: dict[str, object], **optional: object) -> dict[str, object]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **optional},
    }


SCHEMAS: dict[str, object] = {
    "Amount": _object(
        {"min": {"type": "integer"}, "max": {"type": "integer"}},
    ),
    "CriterionRule": _object(
        {
            "fact": {"type": "string"},
            "operator": {"type": "string", "enum": _values(Operator)},
            "value": {},
        }
    ),
    "CriterionResult": {
        "allOf": [
            {"$ref": REF + "CriterionRule"},
            _object(
                {
                    "actual": {},
                    "met": {"type": ["boolean", "null"]},
                    "text": {"type": "string"},
                    "route": NULLABLE_STRING,
                }
            ),
        ]
    },
    "NearMiss": _object(
        {
            "fact": {"type": "string"},
            "route": NULLABLE_STRING,
            "shortfall": {"type": ["number", "null"]},
            "text": {"type": "string"},
        }
    ),
    "Outcome": _object(
        {
            "code": {"type": "string"},
            "title": {"type": "string"},
            "region": {"type": "string"},
            "status": {"type": "string", "enum": _values(Status)},
            "amount": _nullable("Amount"),
            "missing": {"type": "array", "items": {"type": "string"}},
            "reference_only": {"type": "boolean"},
            "criteria": _array("CriterionResult"),
        },
        route=NULLABLE_STRING,
        amount_text={"type": "string"},
        displaced_by=NULLABLE_STRING,
        near_miss=_nullable("NearMiss"),
    ),
    "Assessment": _object(
        {
            "results": _array("Outcome"),
            "most_favorable": NULLABLE_STRING,
            "estimate": _nullable("Amount"),
        }
    ),
    "AmountRule": _object(
        {
            "kind": {"type": "string", "enum": _values(AmountKind)},
            "up_to": {"type": "boolean"},
        }
    ),
    "RouteRule": _object(
        {
            "name": {"type": "string"},
            "role": {"type": "string", "enum": _values(RouteRole)},
            "amount": {"$ref": REF + "AmountRule"},
            "criteria": _array("CriterionRule"),
        }
    ),
    "Policy": _object(
        {
            "code": {"type": "string"},
            "title": {"type": "string"},
            "region": {"type": "string"},
            "reference_only": {"type": "boolean"},
            "stacking_group": NULLABLE_STRING,
            "route_mode": {"type": "string", "enum": _values(RouteMode)},
            "band_fact": NULLABLE_STRING,
            "criteria": _array("CriterionRule"),
            "routes": _array("RouteRule"),
            "legal_status": {"type": "string"},
            "valid_from": {"type": ["string", "null"], "format": "date"},
            "valid_until": {"type": ["string", "null"], "format": "date"},
            "headline_benefit": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "PolicyList": _object({"policies": _array("Policy")}),
    "Errors": _object(
        {
            "errors": {
                "type": "object",
                "description": "Messages by field; __all__ for the body as a whole.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        }
    ),
}


def _answer(description: str, schema: str) -> dict[str, object]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF + schema}}},
    }


UNAVAILABLE = _answer("The database is unavailable; try again shortly.", "Errors")
TOO_MANY = {
    **_answer(
        "This client address is over its rate limit; try again after Retry-After.",
        "Errors",
    ),
    "headers": {
        "Retry-After": {
            "description": "Seconds until the client's window ends.",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}


@cache
def document() -> dict[str, object]:
    """The whole description (built once per process: it changes only with code)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Beijing AI Industry Policy Portal API",
            "version": "1.0.0",
            "description": (
                "Assess an enterprise profile against the published support policies, "
                "and read the policies' rules as open data. No authentication, no "
                "cookies; every answer, refusals included, is JSON."
            ),
        },
        "paths": {
            "/api/assess": {
                "post": {
                    "operationId": "assess",
                    "summary": "Assess a profile against every assessable policy",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": REF + "Profile"}}
                        },
                    },
                    "responses": {
                        "200": _answer("The assessment.", "Assessment"),
                        "400": _answer(
                            "The body is not JSON, or the profile breaks the schema.",
                            "Errors",
                        ),
                        "429": TOO_MANY,
                        "503": UNAVAILABLE,
                    },
                }
            },
            "/api/policies": {
                "get": {
                    "operationId": "listPolicies",
                    "summary": "Every published policy with its rules",
                    "responses": {
                        "200": _answer(
                            "The policies in the guide's order.", "PolicyList"
                        ),
                        "429": TOO_MANY,
                        "503": UNAVAILABLE,
                    },
                }
            },
            "/api/policies/{code}": {
                "get": {
                    "operationId": "getPolicy",
                    "summary": "One published policy with its rules",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "description": "The code the guide prints, e.g. DC-2.",
                            "schema": {"type": "string", "pattern": "^[A-Za-z0-9-]+$"},
                        }
                    ],
                    "responses": {
                        "200": _answer("The policy.", "Policy"),
                        "400": _answer(
                            "The code holds a character no code can have.", "Errors"
                        ),
                        "404": _answer("No published policy has this code.", "Errors"),
                        "429": TOO_MANY,
                        "503": UNAVAILABLE,
                    },
                }
            },
        },
        "components": {"schemas": {"Profile": profile_schema(), **SCHEMAS}},
    }


def openapi_json(request: HttpRequest) -> JsonResponse:
    """The description as JSON."""
    return JsonResponse(document())
