"""OIDC_GROUP_MAP: which groups of the identity provider give which portal groups and departments.

Read at start-up by settings.py, so a malformed map stops the portal with a message naming the
variable. The value is JSON: an object whose keys are the provider's group names or ids (Entra ID
sends object ids) and whose values name portal groups and department short names:

    {"sg-naringsliv": {"groups": ["Liaison officers"]},
     "sg-bygglov": {"groups": ["Officials"], "departments": ["bygglov"]}}

A plain string value is a single portal group: {"sg-naringsliv": "Liaison officers"}.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from karlshamn_portal.env import ConfigurationError

GroupMap = dict[str, dict[str, list[str]]]


@dataclass(frozen=True)
class Grant:
    """What a set of provider groups gives a person in the portal."""

    groups: frozenset[str] = field(default_factory=frozenset)
    departments: frozenset[str] = field(default_factory=frozenset)


def _names(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigurationError(f"OIDC_GROUP_MAP: {where} must be a list of names")
    return list(value)


def parse_group_map(text: str) -> GroupMap:
    try:
        raw = json.loads(text or "{}")
    except json.JSONDecodeError as error:
        raise ConfigurationError(f"OIDC_GROUP_MAP must be a JSON object: {error}") from None
    if not isinstance(raw, dict):
        raise ConfigurationError("OIDC_GROUP_MAP must be a JSON object of provider group → portal groups")
    parsed: GroupMap = {}
    for provider_group, value in raw.items():
        if isinstance(value, str):
            value = {"groups": [value]}
        if not isinstance(value, dict) or set(value) - {"groups", "departments"}:
            raise ConfigurationError(
                f"OIDC_GROUP_MAP: {provider_group!r} must map to a group name or to "
                '{"groups": [...], "departments": [...]}'
            )
        parsed[provider_group] = {
            "groups": _names(value.get("groups", []), f"{provider_group!r} groups"),
            "departments": _names(value.get("departments", []), f"{provider_group!r} departments"),
        }
    return parsed


def grant_for(provider_groups: Iterable[str], group_map: GroupMap) -> Grant:
    groups: set[str] = set()
    departments: set[str] = set()
    for provider_group in provider_groups:
        entry = group_map.get(provider_group)
        if entry:
            groups.update(entry["groups"])
            departments.update(entry["departments"])
    return Grant(frozenset(groups), frozenset(departments))
