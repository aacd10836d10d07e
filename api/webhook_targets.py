"""Where a webhook may be posted: the one rule, used when an endpoint is saved (the model field's
validator, so the admin form, `full_clean` and any serializer of the model run it) and again by
every delivery, because a name's DNS answer can change after it was saved.

A URL is refused when its scheme is not https (http only with settings.WEBHOOK_ALLOW_HTTP), when
it carries a user name or password, or when its host is, or resolves to, an address that is not
public: loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16 with the clouds'
metadata service, fe80::/10), unspecified, multicast, reserved or otherwise not global, in IPv4,
IPv6 and IPv4 inside IPv6 (mapped, 6to4, NAT64). Networks in
settings.WEBHOOK_ALLOWED_PRIVATE_NETWORKS are allowed on purpose (an internal diarium).

A delivery connects to the very addresses that were checked (`post_checked`): the HTTP library
never looks the name up a second time, so a second DNS answer cannot point it elsewhere, while
TLS still sends the URL's host name (SNI) and checks the certificate against it. What remains:
behind an outgoing proxy (HTTPS_PROXY) the proxy makes the connection, to the checked address,
and NO_PROXY is matched against that address rather than the name.
"""

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 prefixes that carry an IPv4 address in their last 32 bits and reach it through a gateway.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class TargetRefused(Exception):
    """The URL must never be posted to; a delivery to it fails at once, without retries."""

    def __init__(self, reason: str | Promise) -> None:
        super().__init__(str(reason))
        self.reason = reason


class TargetUnresolved(Exception):
    """The host name could not be looked up now; a delivery tries again later."""


@dataclass(frozen=True)
class Target:
    url: SplitResult
    host: str  # the URL's host name in ASCII, for the Host header, SNI and the certificate
    port: int
    addresses: tuple[IPAddress, ...]  # the checked addresses, in the resolver's order


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: IPAddress) -> str | Promise | None:
    """Why `address` is not a webhook's destination, or None when it may be posted to."""
    if any(address in network for network in settings.WEBHOOK_ALLOWED_PRIVATE_NETWORKS):
        return None
    if isinstance(address, ipaddress.IPv6Address) and (inner := _embedded_ipv4(address)):
        # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the address that is really reached.
        return address_refusal(inner)
    if address.is_unspecified:
        return _("%(address)s is the unspecified address.") % {"address": address}
    if address.is_loopback:
        return _("%(address)s is a loopback address of the portal's own server.") % {"address": address}
    if address.is_link_local:
        return _("%(address)s is a link-local address (such as a cloud metadata service).") % {
            "address": address
        }
    if address.is_multicast:
        return _("%(address)s is a multicast address.") % {"address": address}
    if address.is_reserved:
        return _("%(address)s is a reserved address, not a public one.") % {"address": address}
    if address.is_private:
        return _("%(address)s is an address in a private network.") % {"address": address}
    if not address.is_global:
        return _("%(address)s is a reserved address, not a public one.") % {"address": address}
    return None


def _split(url: str) -> tuple[SplitResult, str, int]:
    """The URL's parts, ASCII host and port, after the checks that need no DNS."""
    parts = urlsplit(url)
    allowed = ("https", "http") if settings.WEBHOOK_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused(_("Webhooks are posted over https only."))
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(_("The URL must not contain a user name or password."))
    if not parts.hostname:
        raise TargetRefused(_("The URL has no host."))
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (UnicodeError, ValueError):
        raise TargetRefused(_("The URL's host or port is not valid.")) from None
    return parts, host, port


def resolve_target(url: str) -> Target:
    """The checked target of `url`: every address its host resolves to must pass, since the
    order of DNS answers is not ours to choose. Raises TargetRefused or TargetUnresolved."""
    parts, host, port = _split(url)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise TargetUnresolved(f"{host}: {error}") from None
        # The fourth item's first element is the address; an IPv6 one may end in %zone.
        found = (ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers)
        addresses = list(dict.fromkeys(found))
        if not addresses:
            raise TargetUnresolved(host)
    for address in addresses:
        if (reason := address_refusal(address)) is not None:
            raise TargetRefused(reason)
    return Target(url=parts, host=host, port=port, addresses=tuple(addresses))


def validate_webhook_url(url: str) -> None:
    """The endpoint's URL field validator: the message appears next to the field."""
    try:
        resolve_target(url)
    except TargetRefused as refusal:
        raise ValidationError(str(refusal.reason), code="webhook_target_refused") from None
    except TargetUnresolved:
        raise ValidationError(
            _("The host name could not be looked up; check the spelling and the DNS."),
            code="webhook_target_unresolved",
        ) from None


class _CheckedAddressAdapter(HTTPAdapter):
    """Sends TLS's server name and checks the certificate for the URL's host name, while the
    connection itself goes to the address in the request's URL (the checked one)."""

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        # The override point requests documents for changing how a connection is made.
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self.host
            pool_kwargs["assert_hostname"] = self.host
        return host_params, pool_kwargs


def _never_connected(error: requests.ConnectionError) -> bool:
    """The connection was refused or timed out before it was made: nothing was sent."""
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, ConnectTimeoutError)  # NewConnectionError is one too


def post_checked(url: str, body: bytes, headers: dict[str, str], timeout: float) -> requests.Response:
    """Post `body` to `url` after the check, connected to an address that passed it: the next
    one when a connection cannot be made (a host with an IPv6 address this server cannot
    reach), as the HTTP library would do with the name. Raises TargetRefused, TargetUnresolved
    or requests' RequestException. Redirects are not followed: one would lead to a URL that was
    never checked."""
    target = resolve_target(url)
    host_header = f"[{target.host}]" if ":" in target.host else target.host  # an IPv6 literal
    if target.port != (443 if target.url.scheme == "https" else 80):
        host_header = f"{host_header}:{target.port}"
    with requests.Session() as session:
        session.mount(f"{target.url.scheme}://", _CheckedAddressAdapter(target.host))

        def post_to(address: IPAddress) -> requests.Response:
            netloc = f"[{address}]" if address.version == 6 else str(address)
            return session.post(
                target.url._replace(netloc=f"{netloc}:{target.port}").geturl(),
                data=body,
                headers={**headers, "Host": host_header},
                timeout=timeout,
                allow_redirects=False,
            )

        for address in target.addresses[:-1]:
            try:
                return post_to(address)
            except requests.ConnectionError as error:
                if not _never_connected(error):
                    raise
        return post_to(target.addresses[-1])
