"""`kg serve`: a SPARQL 1.1 Protocol endpoint and the views, live from the store.

- `app`      the Starlette app and `ServeConfig` (limits and their safe defaults), run under uvicorn
- `sparql`   the protocol endpoint: parameters, content negotiation, refusals, service description
- `pages`    the live views (the same pages `kg view` writes) and the packaged queries over HTTP
- `workers`  the processes that read the store, killed when a query runs over the time limit
- `jobs`     what those processes run
"""

from kg.serve.app import ServeConfig, build_app, check_store, run

__all__ = ["ServeConfig", "build_app", "check_store", "run"]
