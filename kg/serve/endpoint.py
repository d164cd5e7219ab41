"""The SPARQL 1.1 Protocol endpoint (`/sparql`): read-only, bounded in time, rows and body size.

- Query by GET (`?query=`), by POST `application/x-www-form-urlencoded` (`query=`) or by POST
  `application/sparql-query` (the query is the body); `default-graph-uri` / `named-graph-uri`
  set the dataset (they replace the store's and any FROM in the query).
- The answer's format follows the Accept header (or `format=` / `output=`, as many clients send):
  SPARQL JSON, XML, CSV, TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD, RDF/XML for
  CONSTRUCT and DESCRIBE.
- Updates (`update=`, `application/sparql-update`, `INSERT DATA`, `DROP ALL`, `LOAD`…) are
  answered 403: the store is opened read-only anyway. `SERVICE` is refused (403) unless the server
  was started with `--allow-service`: it would make the server send requests to other hosts.
- GET with no parameter answers the service description (Turtle, `sd:` vocabulary).

Errors are one line of plain text: 400 for a bad request or query (with the parser's message),
403 refused, 404, 406 no acceptable format, 413 body too large, 415 unsupported media type,
503 over the time limit or every worker busy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.serve.workers import JobFailure, WorkerCrashed, WorkersBusy, WorkerTimeout

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"

# Media types a client may ask for → the name `kg.serve.jobs` writes it under.
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "text/n3": "turtle", "text/rdf+n3": "turtle",  # Turtle is N3 too
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "application/json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
DEFAULT_RESULTS, DEFAULT_GRAPH = "json", "turtle"
# `format=` / `output=` values (SPARQLWrapper sends both) → (results format, graph format).
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "json-ld": (None, "jsonld"), "jsonld": (None, "jsonld"),
    "rdf+xml": (None, "rdfxml"), "rdfxml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}
FORMAT_PARAMS = ("format", "output", "results")

UPDATE_REFUSED = ("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, "
                  "ADD, MOVE, COPY) is refused; change the store with `kg ingest`")
SERVICE_REFUSED = ("SERVICE is disabled on this endpoint: it would make the server send requests to other "
                   "hosts; start it with `kg serve --allow-service` to allow federated queries")
_UPDATE_WORDS = {"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"}


class ProtocolError(Exception):
    """A request the protocol refuses: answered with `status` and the one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    timeout: float
    max_rows: int
    max_body: int
    allow_service: bool


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(" ".join(message.split()) + "\n", status_code=status, headers=headers)


# ---------------------------------------------------------------------- reading the query text

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<var>[?$]\w+)
  | (?P<pname>[^\W\d]?[\w.-]*:[\w.:%\\-]*)
  | (?P<word>[^\W\d][\w-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def words(text: str) -> list[str]:
    """The bare words of a SPARQL text (keywords), lower-cased; strings, IRIs, comments and names skipped.

    An unterminated string is not skipped, so a keyword hidden after one is still seen: the
    checks below refuse too much rather than too little.
    """
    return [m.group().lower() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def operation(text: str) -> str:
    """The first keyword after the prologue (PREFIX, BASE): select, ask, insert, drop…"""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("space", "comment")]
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "word" and value.lower() == "prefix":
            i += 3  # PREFIX name: <iri>
        elif kind == "word" and value.lower() == "base":
            i += 2
        elif kind == "word":
            return value.lower()
        else:
            return ""
    return ""


def is_update(text: str) -> bool:
    return operation(text) in _UPDATE_WORDS


def uses_service(text: str) -> bool:
    return "service" in words(text)


# ---------------------------------------------------------------------- the request


async def read_params(request: Request, max_body: int) -> list[tuple[str, str]]:
    """Every protocol parameter of the request, the POSTed query included, in order."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    header = request.headers.get("content-type", "")
    media, _, rest = header.partition(";")
    media = media.strip().lower()
    charset = _charset(rest)
    if not media:
        raise ProtocolError(400, f"a POST needs a Content-Type: {FORM} (query=…) or {DIRECT} (the query "
                                 "as the body)")
    if media == UPDATE:
        raise ProtocolError(403, UPDATE_REFUSED)
    if media not in (FORM, DIRECT):
        raise ProtocolError(415, f"unsupported Content-Type {media!r}: send {FORM} (query=…) or {DIRECT}")
    if charset not in ("", "utf-8", "utf8"):
        raise ProtocolError(415, f"unsupported charset {charset!r}: the query must be UTF-8")
    body = await read_body(request, max_body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, f"the request body is not UTF-8 ({err.reason} at byte {err.start})") from err
    if media == FORM:
        try:
            params += parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError) as err:
            raise ProtocolError(400, f"the form body is not UTF-8 URL-encoded text: {err}") from err
    else:
        params.append(("query", text))
    return params


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 past `limit` bytes (read and dropped, so the client gets the answer)."""
    declared = request.headers.get("content-length")
    too_big = ProtocolError(413, f"request body over the {limit:,}-byte limit (kg serve --max-body)")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        await _drain(request, limit)
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            await _drain(request, limit)
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _drain(request: Request, limit: int) -> None:
    # Reading what the client still sends costs little and lets it read the 413; past 64 times
    # the limit the connection is simply dropped after the answer.
    seen = 0
    try:
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > 64 * limit:
                return
    except Exception:  # the client gave up first: nothing to drain
        return


def _charset(parameters: str) -> str:
    for part in parameters.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def negotiate(params: list[tuple[str, str]], accept: str) -> tuple[str | None, str | None]:
    """(results format, graph format) for this request: `format=`/`output=` first, then Accept."""
    results = negotiate_accept(accept, RESULT_TYPES, DEFAULT_RESULTS)
    graph = negotiate_accept(accept, GRAPH_TYPES, DEFAULT_GRAPH)
    asked = [v.strip().lower() for k, v in params if k in FORMAT_PARAMS and v.strip()]
    if asked:
        name = asked[0]
        if name in FORMAT_NAMES:
            r, g = FORMAT_NAMES[name]
        elif name in RESULT_TYPES or name in GRAPH_TYPES:
            r, g = RESULT_TYPES.get(name), GRAPH_TYPES.get(name)
        else:
            raise ProtocolError(400, f"unknown format {name!r}; known: {', '.join(FORMAT_NAMES)}")
        results, graph = r or results, g or graph
    return results, graph


def negotiate_accept(accept: str, table: dict[str, str], default: str) -> str | None:
    """The format of the client's most preferred media type that `table` can write; None if none."""
    if not accept.strip():
        return default
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, _, rest = item.partition(";")
        q = 1.0
        for p in rest.split(";"):
            k, _, v = p.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if q > 0 and media.strip():
            ranked.append((-q, position, media.strip().lower()))
    for _, _, media in sorted(ranked):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            prefix = media[:-1]
            choices = [name for mt, name in table.items() if mt.startswith(prefix)]
            if choices:
                return default if default in choices else choices[0]
        elif media in table:
            return table[media]
    return None


# ---------------------------------------------------------------------- answering


async def sparql_endpoint(request: Request) -> Response:
    state = request.app.state
    limits: Limits = state.limits
    try:
        params = await read_params(request, limits.max_body)
        if any(k == "update" for k, _ in params):
            raise ProtocolError(403, UPDATE_REFUSED)
        texts = [v for k, v in params if k == "query"]
        if not texts:
            if request.method == "GET" and not params:
                return service_description(request, limits)
            raise ProtocolError(400, "missing query: give one `query` parameter (GET ?query=… or POST "
                                     f"query=…) or POST the query as {DIRECT}")
        if len(texts) > 1:
            raise ProtocolError(400, f"{len(texts)} queries given: the protocol takes exactly one `query`")
        text = texts[0]
        if is_update(text):
            raise ProtocolError(403, UPDATE_REFUSED)
        if uses_service(text) and not limits.allow_service:
            raise ProtocolError(403, SERVICE_REFUSED)
        results, graph = negotiate(params, request.headers.get("accept", ""))
        defaults = [v for k, v in params if k == "default-graph-uri"]
        named = [v for k, v in params if k == "named-graph-uri"]
        job = {"query": text, "results_format": results, "graph_format": graph, "max_rows": limits.max_rows,
               "default_graphs": defaults if defaults or named else None,
               "named_graphs": named if defaults or named else None}
    except ProtocolError as err:
        return error(err.status, err.message)
    return await answer(request, "sparql", job)


async def answer(request: Request, kind: str, job: dict[str, Any]) -> Response:
    """Run a query job in a worker and write its answer, or the error it met, as an HTTP response."""
    try:
        out = await run_job(request, kind, job)
    except ProtocolError as err:
        return error(err.status, err.message)
    headers = {"Vary": "Accept"}
    if out["truncated"]:
        headers["X-SPARQL-MaxRows"] = str(job["max_rows"])
    return Response(out["body"], media_type=out["media_type"], headers=headers)


_FAILURE_STATUS = {"syntax": 400, "input": 400, "query": 400, "notfound": 404, "notacceptable": 406,
                   "store": 500, "internal": 500}


async def run_job(request: Request, kind: str, job: dict[str, Any]) -> Any:
    """Run a job in the worker pool; failures become ProtocolErrors with the status they deserve."""
    state = request.app.state
    limits: Limits = state.limits
    try:
        return await state.pool.run(kind, **job)
    except WorkerTimeout as err:
        raise ProtocolError(503, f"stopped: the query ran over the {limits.timeout:g} s time limit "
                                 "(kg serve --timeout); narrow it down or add a LIMIT") from err
    except WorkersBusy as err:
        raise ProtocolError(503, f"the server is busy: {err}; try again shortly") from err
    except WorkerCrashed as err:
        raise ProtocolError(500, f"the query could not be answered: {err}") from err
    except JobFailure as err:
        raise ProtocolError(_FAILURE_STATUS.get(err.kind, 500), err.message) from err


# ---------------------------------------------------------------------- service description

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(request: Request, limits: Limits) -> Response:
    """What the endpoint offers, in the SPARQL 1.1 Service Description vocabulary."""
    fmt = negotiate_accept(request.headers.get("accept", ""), GRAPH_TYPES, DEFAULT_GRAPH) or DEFAULT_GRAPH
    try:
        endpoint = ox.NamedNode(str(request.url.replace(query="", fragment="")))
    except ValueError:
        endpoint = ox.NamedNode(f"http://127.0.0.1:{request.url.port or 80}/sparql")
    service, dataset, graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, _RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), endpoint),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, _RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, _RDF_TYPE, sd("Graph")),
        ox.Triple(service, _RDFS_COMMENT, ox.Literal(
            "kg claim-provenance graph, read-only: one named graph per article, and the default graph is their "
            f"union. Each query is stopped after {limits.timeout:g} s (503) and answers at most "
            f"{limits.max_rows} rows or triples (header X-SPARQL-MaxRows when cut); request bodies over "
            f"{limits.max_body} bytes are refused (413); updates are refused (403)"
            + ("." if limits.allow_service else "; SERVICE is disabled (403)."))),
    ]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in _SD_FORMATS]
    if limits.allow_service:
        triples.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    from kg.serve.jobs import GRAPH_FORMATS

    rdf_format = GRAPH_FORMATS[fmt]
    prefixes = {"sd": SD, "formats": FORMATS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    body = (ox.serialize(triples, format=rdf_format, prefixes=prefixes) if fmt in ("turtle", "rdfxml")
            else ox.serialize(triples, format=rdf_format))
    return Response(body or b"", media_type=rdf_format.media_type, headers={"Vary": "Accept"})
