"""Who may call the mutating endpoints (checkpoint confirm / status).

Closed by default, with two doors an operator opens explicitly:

- `TRUSTED_NETWORKS`: a client whose address is inside one of these CIDRs passes without a
  key. This is how the CrunchDAO web app gets in: it sends no credentials.
- `API_KEY`: the key, as `X-API-Key: <key>`, `Authorization: Bearer <key>` or `?api_key=<key>`
  (the forms engine 0.1.85 accepts), compared in constant time.

Dev mode keeps the endpoints open. Anyone else gets 401. Reads never need credentials.
"""

from __future__ import annotations

import hmac
from ipaddress import IPv4Address, IPv6Address, ip_address
from typing import Annotated

from fastapi import HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, APIKeyQuery, HTTPBearer

from coordinator_node.settings import Settings

KEY_HEADER = "x-api-key"
KEY_QUERY = "api_key"
# The three forms of the key, declared so the OpenAPI document states them; none is required
# by itself (a trusted network needs none), the guard below decides.
_KEY_DOC = "API_KEY (not needed from TRUSTED_NETWORKS or in dev mode)"
HEADER_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, description=_KEY_DOC)
BEARER_KEY = HTTPBearer(auto_error=False, description=_KEY_DOC)
QUERY_KEY = APIKeyQuery(name=KEY_QUERY, auto_error=False, description=_KEY_DOC)


def client_address(request: Request) -> IPv4Address | IPv6Address | None:
    """The caller's IP as the server saw it (uvicorn applies X-Forwarded-For only from its
    FORWARDED_ALLOW_IPS); None when it is not an IP (a test client, a unix socket)."""
    if request.client is None:
        return None
    try:
        address = ip_address(request.client.host)
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; match them as IPv4.
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(settings: Settings, request: Request) -> bool:
    address = client_address(request)
    return address is not None and any(
        address.version == network.version and address in network
        for network in settings.trusted_networks)


def presented_keys(request: Request) -> list[str]:
    """Every key the request carries, in any of the accepted forms."""
    keys = [request.headers.get(KEY_HEADER), request.query_params.get(KEY_QUERY)]
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        keys.append(credentials.strip())
    return [key for key in keys if key]


def key_matches(settings: Settings, keys: list[str]) -> bool:
    if settings.api_key is None:
        return False
    expected = settings.api_key.get_secret_value().encode()
    # Every presented key is compared, so the time taken does not tell which form matched.
    results = [hmac.compare_digest(key.encode(), expected) for key in keys]
    return any(results)


async def require_mutation_access(
    request: Request,
    _header: Annotated[str | None, Security(HEADER_KEY)],
    _bearer: Annotated[object, Security(BEARER_KEY)],
    _query: Annotated[str | None, Security(QUERY_KEY)],
) -> None:
    """The guard of confirm / status: dev mode, a trusted network or the key; else 401.
    (The `Security` parameters document the key's forms; `presented_keys` reads them all.)"""
    settings: Settings = request.app.state.settings
    if settings.dev_mode or is_trusted(settings, request):
        return
    keys = presented_keys(request)
    if key_matches(settings, keys):
        return
    if keys:
        detail = "wrong API key"
    elif settings.api_key is None:
        detail = ("this address may not change checkpoints: it is outside TRUSTED_NETWORKS "
                  "and no API_KEY is configured")
    else:
        detail = ("missing API key: send it as X-API-Key, Authorization: Bearer or ?api_key=, "
                  "or call from a network listed in TRUSTED_NETWORKS")
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail,
                        headers={"WWW-Authenticate": "Bearer"})


async def require_json_body(request: Request) -> None:
    """Mutations take JSON only. A body without this content type would be a "simple" request a
    web page may send cross-site without a CORS preflight; refusing it keeps CORS_ORIGINS in
    charge of which pages can reach confirm / status from inside a trusted network."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                            "send the body as JSON with Content-Type: application/json")
