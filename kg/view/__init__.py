"""Self-contained HTML views of claim chains, articles and the outlet network.

    render_claim(graph, articles=...)   one claim: root sources on the left, articles on the right
    render_article(graph, id, text)     one article's text with its attributed statements marked
    render_outlets(graph)               the outlet network, copy chains collapsible
    render_index(rows, pages, outlets)  the audit table linking to the pages above
    write(html, path)                   save a page (UTF-8, atomic)
    write_site(dir, rows, claims, ...)  all of the above as one linked folder (index.html first)

Graphs are networkx DiGraphs in the schema `kg.audit` produces (node `kind`,
`label`, `anonymous`, `hop`, `detail`, `article_id`, `claims`; edge `relation`,
`quote`, `cue`, `article_id`, `start`, `end`, `weight`; graph `claim_id`,
`summary`, `single_source`). Every page works offline: vis-network is inlined
and nothing is fetched; all article text is escaped.

Modules: `chain_page`, `outlets_page` and `index_page` build one kind of page
each; `vis_data` holds what the graph pages hand to vis-network (the graph's
attributes read once, node and edge records, options); `page` the page model
and templates they share; `positions` where the nodes go; `marks` the marked
article text; `style` colours and wording per kind and relation; `assets` the
inlined scripts and the Content-Security-Policy; `files` pages on disk.
"""

from kg.view.chain_page import render_article, render_claim
from kg.view.files import write, write_site
from kg.view.index_page import render_index
from kg.view.outlets_page import render_outlets

__all__ = ["render_article", "render_claim", "render_index", "render_outlets", "write", "write_site"]
