"""The SIRENE register as recorded: answers of recherche-entreprises.api.gouv.fr kept under data/."""

import json
from pathlib import Path

import httpx

DATA = Path(__file__).parent / "data"


def recorded(siret):
    """The recorded answer to /search?q=<siret>, or the empty answer of an unknown SIRET."""
    path = DATA / f"sirene_{siret}.json"
    return json.loads((path if path.exists() else DATA / "sirene_empty.json").read_text())


def register():
    """A transport that answers as the register did, with the requests it received."""
    requests = []

    def handler(request):
        requests.append(request)
        return httpx.Response(200, json=recorded(request.url.params.get("q", "")))

    transport = httpx.MockTransport(handler)
    transport.requests = requests
    return transport


def unreachable(error=httpx.ConnectError):
    def handler(request):
        raise error("unreachable", request=request)

    return httpx.MockTransport(handler)
