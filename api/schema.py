"""What the generated schema cannot know by itself, added after generation: the error answers
every operation may give (JSON with a `detail`, or field errors for 400), and the form of a case
reference in paths. Clients, and the schemathesis run in CI, hold the API to them."""

from typing import Any

ERRORS = {
    "400": "Invalid input: an object of field name → list of messages",
    "401": "No token, or one that is unknown, expired or revoked",
    "403": "The token lacks the scope, or its account may not see or change this",
    "404": "No such case, referral, company, visit or follow-up",
    "409": "The change is not possible in the current status",
    "429": "Too many requests for this token; wait and retry",
}


# The <reference:…> converter of liaison/urls_staff.py.
REFERENCE_PATTERN = r"^[A-Z]{2}-\d{4}-\d{4,}$"


def complete_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") == "reference":
                    parameter["schema"] = {"type": "string", "pattern": REFERENCE_PATTERN}
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "409" and method == "get":
                    continue  # reading changes nothing
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
