"""Typed readers for environment variables.

Every reader fails loudly and names the variable, so a typo in a deployment stops start-up
instead of silently running with a default.
"""

import os
from ipaddress import IPv4Network, IPv6Network, ip_network
from urllib.parse import urlparse


class ConfigurationError(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    normalised = value.strip().lower()
    if normalised in _TRUE:
        return True
    if normalised in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be 1 or 0 (true/false), not {value!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...], default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        allowed = ", ".join(f"{scheme}://" for scheme in schemes)
        raise ConfigurationError(f"{name} must be a URL starting with {allowed}, not {value!r}")
    return value


def env_networks(name: str) -> list[IPv4Network | IPv6Network]:
    """Comma-separated addresses or CIDR ranges (`10.0.0.5, 192.168.0.0/24, ::1`); a lone
    address is a range of one. Empty or unset: no ranges."""
    networks: list[IPv4Network | IPv6Network] = []
    for item in env_list(name, []):
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError:
            raise ConfigurationError(
                f"{name} must list IP addresses or CIDR ranges separated by commas, not {item!r}"
            ) from None
    return networks


NEVER = "never"


def env_days(name: str, default: int | None) -> int | None:
    """A number of days, or "never" (None) for data a plan keeps for ever."""
    value = os.environ.get(name)
    if value is not None and value.strip().lower() == NEVER:
        return None
    if value is None or value.strip() == "":
        return default
    return env_int(name, 0)


def origin(url: str) -> str:
    """scheme://host[:port] of an address, as a Content-Security-Policy source names a site."""
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"
