"""The views, live from the store, and the packaged queries over HTTP.

    /                   the audit: claims, most suspicious first, filter and search (as `kg demo`'s index.html)
    /claim/{id}         one claim's chain (as `kg view claim`)
    /article/{id}       one article's statements and where each came from (as `kg view article`)
    /outlets            the outlet network (as `kg view outlets`)
    /outlet/{name}      one outlet and its neighbours in that network
    /query              the packaged queries, and a form for any SPARQL
    /query/{name}       a packaged query with `?param=value` bound as `kg query --name … --param` does

The pages are rendered by `kg.site` and `kg.view` in a worker process
(`kg.serve.jobs`): the same HTML `kg view` writes, with the same
Content-Security-Policy. The few pages of the server's own (the query list,
result tables, errors) are Jinja templates with autoescape and no script.
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.serve.endpoint import (
    FORMAT_PARAMS,
    RESULT_TYPES,
    Limits,
    ProtocolError,
    answer,
    error,
    negotiate,
    negotiate_accept,
    run_job,
)

# The server's own pages run no script and load nothing: forms post to this server only.
OWN_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
           "frame-ancestors 'self'")
# The views carry their own policy in a <meta> tag; this adds what only a header can say.
VIEW_CSP = "frame-ancestors 'self'"
# Examples shown first on /query, with a parameter to try (the README's table).
EXAMPLES = {"anonymous_statements": {}, "republication_chain": {}, "quoted_via_outlet": {"outlet": "Al-Monitor"}}

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1d2330; }
a { color: #1f5fbf; } code, textarea, td { font-family: ui-monospace, Menlo, Consolas, monospace; }
textarea { width: 100%; min-height: 9rem; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #d5d9e2; padding: .3rem .5rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f2f4f8; } .muted { color: #5b6475; } nav a { margin-right: 1rem; }
"""

_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} — kg</title><style>{{ style }}</style></head>
<body><nav><a href="/">Audit</a><a href="/outlets">Outlets</a><a href="/query">Queries</a></nav>
<h1>{{ title }}</h1>
{% block body %}{% endblock %}
</body></html>"""

_TEMPLATES = {
    "layout.html": _LAYOUT,
    "error.html": """{% extends "layout.html" %}{% block body %}
<p>{{ message }}</p><p class="muted">HTTP {{ status }}</p>{% endblock %}""",
    "queries.html": """{% extends "layout.html" %}{% block body %}
<p>Packaged SPARQL queries, run with bound parameters (<code>?name=value</code> binds <code>?name</code>,
as <code>kg query --name … --param name=value</code>). Add <code>format=json</code>, <code>csv</code>,
<code>tsv</code> or <code>xml</code> for the W3C results formats.</p>
<table><tr><th>query</th><th>what it answers</th></tr>
{% for q in queries %}<tr><td><a href="{{ q.href }}">{{ q.name }}</a></td><td>{{ q.description }}</td></tr>
{% endfor %}</table>
<h2>Any SPARQL</h2>
<p>The endpoint is <a href="/sparql">/sparql</a> (SPARQL 1.1 Protocol, read-only; GET without a query
gives its service description).</p>
<form action="/sparql" method="get">
<textarea name="query" aria-label="SPARQL query">{{ example }}</textarea>
<p><label>format <select name="format">
{% for f in formats %}<option>{{ f }}</option>{% endfor %}</select></label>
<button type="submit">Run</button></p></form>{% endblock %}""",
    "results.html": """{% extends "layout.html" %}{% block body %}
<p class="muted">{{ description }}</p>
{% if bound %}<p>Bound: {% for k, v in bound %}<code>?{{ k }}</code> = <code>{{ v }}</code>{% if not loop.last %},
{% endif %}{% endfor %}</p>{% endif %}
<p>{{ count }} row{{ "" if count == 1 else "s" }}{% if truncated %} (cut at the server's limit){% endif %} ·
{% for f in formats %}<a href="{{ f.href }}">{{ f.name }}</a> {% endfor %}</p>
{% if boolean is not none %}<p><strong>{{ "true" if boolean else "false" }}</strong></p>{% else %}
<table><tr>{% for v in variables %}<th>{{ v }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endif %}{% endblock %}""",
}

_EXAMPLE_QUERY = """PREFIX cp: <https://w3id.org/claimprov#>
SELECT ?attribution ?p ?o WHERE {
  ?attribution a cp:Attribution ; ?p ?o .
} LIMIT 20"""


def _environment() -> Environment:
    from jinja2 import DictLoader

    return Environment(loader=DictLoader(_TEMPLATES), autoescape=True, undefined=StrictUndefined)


_ENV = _environment()


def own_page(template: str, code: int = 200, **values: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(style=Markup(_STYLE), **values)
    return HTMLResponse(html, status_code=code, headers={"Content-Security-Policy": OWN_CSP})


def error_page(status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 400: "Bad request", 503: "Busy", 500: "Server error"}
    return own_page("error.html", status, title=titles.get(status, "Error"), status=status,
                    message=" ".join(message.split()))


async def not_found(request: Request, exc: Exception) -> Response:
    """Starlette's handler for unknown paths (and any HTTPException): a page for people, text for clients."""
    # Starlette types every handler as taking any Exception; this one is registered for HTTPException.
    status, detail = (exc.status_code, exc.detail) if isinstance(exc, HTTPException) else (500, str(exc))
    message = f"nothing at {request.url.path}" if status == 404 else str(detail)
    if _wants_html(request):
        return error_page(status, message)
    return error(status, message, headers=getattr(exc, "headers", None))


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return negotiate_accept(accept, {"text/html": "html", **RESULT_TYPES}, "json") == "html"


# ---------------------------------------------------------------------- the views


async def _view(request: Request, page: str, ident: str = "", min_articles: int = 1) -> Response:
    try:
        html = await run_job(request, "page", {"page": page, "ident": ident, "min_articles": min_articles})
    except ProtocolError as err:
        return error_page(err.status, err.message)
    return HTMLResponse(html, headers={"Content-Security-Policy": VIEW_CSP})


def _min_articles(request: Request, default: int) -> int:
    value = request.query_params.get("min_articles", "")
    if value.isdigit() and int(value) >= 1:
        return int(value)
    return default


async def audit_page(request: Request) -> Response:
    # Two articles at least, as `kg audit` and `kg demo`: a claim in one article has no copies to audit.
    return await _view(request, "index", min_articles=_min_articles(request, 2))


async def claim_page(request: Request) -> Response:
    return await _view(request, "claim", request.path_params["claim_id"])


async def article_page(request: Request) -> Response:
    return await _view(request, "article", request.path_params["article_id"])


async def outlets_page(request: Request) -> Response:
    return await _view(request, "outlets", min_articles=_min_articles(request, 1))


async def outlet_page(request: Request) -> Response:
    return await _view(request, "outlet", request.path_params["name"])


# ---------------------------------------------------------------------- the packaged queries


async def queries_page(request: Request) -> Response:
    from urllib.parse import urlencode

    from kg import queries

    names = sorted(queries.names(), key=lambda n: (n not in EXAMPLES, n))
    rows = [{"name": n, "description": queries.describe(n),
             "href": f"query/{n}" + (f"?{urlencode(EXAMPLES[n])}" if EXAMPLES.get(n) else "")} for n in names]
    return own_page("queries.html", title="Queries", queries=rows, example=_EXAMPLE_QUERY,
                    formats=["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld"])


async def named_query(request: Request) -> Response:
    """`/query/{name}?param=value`: the packaged query with its parameters bound, never pasted."""
    from urllib.parse import urlencode

    from kg import queries

    name = request.path_params["name"]
    limits: Limits = request.app.state.limits
    params = list(request.query_params.multi_items())
    bindings: dict[str, str] = {}
    for key, value in params:
        if key in FORMAT_PARAMS:
            continue
        if key in bindings:
            return error(400, f"parameter {key!r} given twice: bind each variable once")
        bindings[key] = value
    html = not any(k in FORMAT_PARAMS for k, _ in params) and _wants_html(request)
    try:
        results, graph = ("json", "turtle") if html else negotiate(params, request.headers.get("accept", ""))
    except ProtocolError as err:
        return error(err.status, err.message)
    job = {"name": name, "bindings": bindings, "results_format": results, "graph_format": graph,
           "max_rows": limits.max_rows}
    if not html:
        return await answer(request, "named", job)
    try:
        out = await run_job(request, "named", job)
    except ProtocolError as err:
        return error_page(err.status, err.message)
    variables, rows, boolean = [], [], None
    if out["kind"] == "select":
        document = json.loads(out["body"])
        variables = document["head"]["vars"]
        rows = [[b.get(v, {}).get("value", "") for v in variables] for b in document["results"]["bindings"]]
    elif out["kind"] == "ask":
        boolean = json.loads(out["body"]).get("boolean")
    else:  # a CONSTRUCT: show its Turtle
        variables, rows = ["turtle"], [[out["body"].decode("utf-8")]]
    formats = [{"name": f, "href": "?" + urlencode([*bindings.items(), ("format", f)])}
               for f in ("json", "csv", "tsv", "xml")]
    return own_page("results.html", title=name, description=queries.describe(name), bound=list(bindings.items()),
                    variables=variables, rows=rows, boolean=boolean, count=out["rows"],
                    truncated=out["truncated"], formats=formats)
