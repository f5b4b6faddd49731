"""The real client address of a request behind the documented reverse proxy.

X-Forwarded-For is read only when the direct peer (REMOTE_ADDR) is one of the
trusted proxies (settings.OPENOPVANG_TRUSTED_PROXIES, addresses or CIDR
networks). The header is then walked from the right: the first address that is
not itself a trusted proxy is the client. Anything to its left was written by
the client and is not believed. Without trusted proxies the header is ignored,
so a client cannot choose the address the audit log and the login lockout see."""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "OPENOPVANG_TRUSTED_PROXIES", ()) or ()))
    peer = _parse(remote) if remote else None
    if peer is None or not networks or not _trusted(peer, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for part in reversed([p for p in forwarded.split(",") if p.strip()]):
        address = _parse(part)
        if address is None:
            # A garbled entry: stop believing the chain here.
            return remote
        if not _trusted(address, networks):
            return str(address)
    return remote
