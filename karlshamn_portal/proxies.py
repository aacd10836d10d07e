"""Who the client is when the portal runs behind a reverse proxy.

A proxy's own headers (X-Forwarded-For, X-Forwarded-Proto) are believed only when the direct peer
is one of `TRUSTED_PROXIES` (or, with `TRUSTED_PROXY_SOCKET`, the peer on gunicorn's Unix
socket): anyone else can write any header, so without a trusted proxy a forged one changes
nothing.
"""

from collections.abc import Callable
from ipaddress import IPv4Address, IPv6Address, ip_address

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

Address = IPv4Address | IPv6Address


def _parse(text: str) -> Address | None:
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 client seen through a dual-stack socket is the same client as over IPv4.
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def peer_is_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the direct peer of this request is a proxy whose headers we believe."""
    remote = request.META.get("REMOTE_ADDR") or ""
    if not remote:
        # gunicorn on a Unix socket: only processes on this machine can connect.
        return bool(settings.TRUSTED_PROXY_SOCKET)
    peer = _parse(remote)
    return peer is not None and _is_trusted(peer)


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, for rate limits and the login lock-out (django-axes'
    AXES_CLIENT_IP_CALLABLE); None when no address can be known (a request made in code, a
    Unix socket without TRUSTED_PROXY_SOCKET).

    The direct peer, unless it is a trusted proxy: then the right-most address in
    X-Forwarded-For that is not itself a trusted proxy (every proxy appends the address it saw,
    so addresses left of the first untrusted one are whatever the client chose to write).
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    if not peer_is_trusted_proxy(request):
        peer = _parse(remote)
        return str(peer) if peer is not None else None
    # The header survives a proxy that joins repeated headers with commas, as gunicorn does.
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    nearest = _parse(remote)
    closest_known = str(nearest) if nearest is not None else None
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A trusted proxy passed on something that is no address: the client is beyond what
            # we can know, and the last proxy that spoke is the best we have.
            return closest_known
        if not _is_trusted(address):
            return str(address)
        closest_known = str(address)
    return closest_known


class ForwardedProtoMiddleware:
    """Drops X-Forwarded-Proto unless a trusted proxy sent it, so SECURE_PROXY_SSL_HEADER (HTTPS
    detection, secure redirects, CSRF's origin checks) is honoured only from TRUSTED_PROXIES."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "HTTP_X_FORWARDED_PROTO" in request.META and not peer_is_trusted_proxy(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
