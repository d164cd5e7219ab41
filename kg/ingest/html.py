"""Main text and metadata of a news web page, with the standard library only.

The page is parsed into a small tree (html.parser does the tokenising and the
entity decoding), the story's container is chosen (`<article>`, else `<main>`,
else `<body>`), page furniture is pruned, and the rest is rendered as plain
paragraphs separated by one blank line. No network access, no scoring model:
the rules are the ones a reader would state ("menus, share buttons and reader
comments are not the article"), so a wrong result can be explained.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements that never hold article prose: code, styling, page chrome, widgets.
# `head`/`title` matter only when a fragment has no <body>: the title is added
# to the text separately, once.
_DROP = frozenset({
    "script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "template",
    "button", "select", "textarea", "object", "embed", "canvas", "dialog", "head", "title",
})

# A <header>/<footer> of the page is chrome; one inside the story carries its
# standfirst, byline and "Source : X" credits, which the extractor reads.
_CHROME_OUTSIDE_STORY = frozenset({"header", "footer"})
_STORY = frozenset({"article", "main"})

_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
})

_BLOCK = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "tr", "ul",
})
_CELL = frozenset({"td", "th"})

# Opening one of these closes an open <p>, as browsers do; without it an unclosed
# <p> would swallow the next block and a pruned <div> inside it.
_CLOSES_P = _BLOCK - {"body", "html", "caption", "dd", "dt", "li", "tr"}
_P_SCOPE_LIMIT = frozenset({"table", "td", "th", "caption", "button", "object", "template", "html"})
_LIST_SCOPE_LIMIT = frozenset({"ul", "ol", "menu"})

# class/id words that mark furniture. A token matches when it starts with one of
# the prefixes (navbar, menuitem, sharebar, commentaires, relatedposts...) or is
# one of the exact words (too short or too common to use as a prefix).
_FURNITURE_PREFIXES = (
    "nav", "menu", "share", "sharing", "social", "comment", "sidebar", "cookie", "consent",
    "newsletter", "related", "advert", "breadcrumb", "sponsor", "outbrain", "taboola",
)
_FURNITURE_WORDS = frozenset({"ad", "ads", "adsbygoogle", "pub", "publicite", "gdpr", "rgpd", "submenu"})
# Multi-word class names that only make sense joined ("lire-aussi" is French for "see also").
_FURNITURE_JOINED = frozenset({"lireaussi", "voiraussi", "readmore", "readalso", "seealso"})
_FURNITURE_ROLES = frozenset({"navigation", "complementary", "search", "menu", "menubar"})
_CHROME_ROLES = frozenset({"banner", "contentinfo"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these; NBSP is meaningful in French
_SPACE_RUN = re.compile(r" {2,}")
_LANG = re.compile(r"[A-Za-z]{2}")

# The spec's prescan reads 1024 bytes; some CMSs put the charset after long comments.
_CHARSET_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page says about itself; `text` is the title paragraph followed by `body`."""

    text: str
    body: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    publisher: str | None = None
    lang: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The charset label the page declares in `<meta charset>` or http-equiv, as written."""
    match = _META_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, or None if Python does not know it.

    Latin-1 and ASCII labels mean windows-1252, as in every browser (WHATWG
    Encoding): pages labelled ISO-8859-1 routinely contain its curly quotes.
    """
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in {"iso8859-1", "ascii"} else name


def extract_html(markup: str) -> HtmlPage:
    """Parse a page and return its main text and metadata."""
    doc = _parse(markup)
    root = _story_root(doc)
    paragraphs = _render(root, prune_furniture=True)
    if not paragraphs:
        # A layout wrapper named e.g. "has-sidebar" around everything would prune
        # the whole page; losing the furniture filter beats losing the article.
        paragraphs = _render(root, prune_furniture=False)
    body = "\n\n".join(paragraphs)

    meta = _meta_tags(doc)
    title = (
        _clean(meta.get("og:title"))
        or _clean(_plain_text(_first(doc, "title")))
        or _clean(_plain_text(_first(root, "h1") or _first(doc, "h1")))
    )
    # The headline carries claims too, so it leads the text, unless the story
    # already opens with it (an <h1> inside <article>).
    text = body
    if title and title not in paragraphs[:3]:
        text = f"{title}\n\n{body}" if body else title

    return HtmlPage(
        text=text,
        body=body,
        title=title,
        url=_clean(_canonical(doc)) or _clean(meta.get("og:url")),
        date=_clean(meta.get("article:published_time"))
        or _clean(meta.get("datepublished"))
        or _clean(_time_datetime(root))
        or _clean(_time_datetime(doc)),
        publisher=_clean(meta.get("og:site_name")),
        lang=_lang_code(_html_lang(doc)) or _lang_code(meta.get("og:locale")),
    )


# --- the tree -----------------------------------------------------------------


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = _Node("#document", {}, None)
        self._open: list[_Node] = [self.doc]
        # How many elements of each tag are open: lets the implied-close and
        # end-tag searches skip the stack walk, which made deep pages quadratic.
        self._open_tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_within("p", _P_SCOPE_LIMIT)
        if tag == "li":
            self._close_within("li", _LIST_SCOPE_LIMIT)
        parent = self._open[-1]
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value or "")  # the first of a repeated attribute wins, as in browsers
        node = _Node(tag, attributes, parent)
        parent.children.append(node)
        if tag not in _VOID:
            self._open.append(node)
            self._open_tags[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        # Pop back to the matching open element; a stray end tag is ignored.
        self._close_within(tag, frozenset())

    def handle_data(self, data: str) -> None:
        children = self._open[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def _close_within(self, tag: str, limits: frozenset[str]) -> None:
        """Close the innermost open `tag` and what is open inside it, unless a `limits` element is nearer."""
        if not self._open_tags[tag]:
            return
        for depth in range(len(self._open) - 1, 0, -1):
            current = self._open[depth].tag
            if current == tag:
                for node in self._open[depth:]:
                    self._open_tags[node.tag] -= 1
                del self._open[depth:]
                return
            if current in limits:
                return


def _parse(markup: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.doc


def _walk(node: _Node) -> Iterator[_Node]:
    """Elements under `node` in document order (iterative: pages can nest deeply)."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        todo.extend(child for child in reversed(current.children) if isinstance(child, _Node))


def _first(node: _Node, tag: str) -> _Node | None:
    return next((n for n in _walk(node) if n.tag == tag), None)


def _inside_story(node: _Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _STORY:
            return True
        parent = parent.parent
    return False


def _is_furniture(node: _Node) -> bool:
    """Whether the element's class, id or ARIA role names it as page furniture."""
    role = node.attrs.get("role", "").lower()
    if role in _FURNITURE_ROLES or (role in _CHROME_ROLES and not _inside_story(node)):
        return True
    for name in (node.attrs.get("class", ""), node.attrs.get("id", "")):
        if not name:
            continue
        for value in name.split():
            lowered = _CAMEL.sub("-", value).lower()
            if _NON_ALNUM.sub("", lowered) in _FURNITURE_JOINED:
                return True
            for token in _NON_ALNUM.split(lowered):
                if token in _FURNITURE_WORDS or token.startswith(_FURNITURE_PREFIXES):
                    return True
    return False


def _is_pruned(node: _Node, *, prune_furniture: bool) -> bool:
    if node.tag in _DROP or "hidden" in node.attrs:
        return True
    if node.tag in _CHROME_OUTSIDE_STORY and not _inside_story(node):
        return True
    return prune_furniture and _is_furniture(node)


def _story_root(doc: _Node) -> _Node:
    """The element holding the story: the fullest `<article>`, else `<main>`, else `<body>`."""
    articles = [n for n in _walk(doc) if n.tag == "article" and not _pruned_with_ancestors(n)]
    if articles:
        # Listing pages and comment threads use <article> too; the story is the longest.
        # max() keeps the first of equals, i.e. document order.
        return max(articles, key=lambda n: sum(map(len, _render(n, prune_furniture=True))))
    return _first(doc, "main") or _first(doc, "body") or doc


def _pruned_with_ancestors(node: _Node) -> bool:
    current: _Node | None = node
    while current is not None and current.tag not in {"body", "html", "#document"}:
        if _is_pruned(current, prune_furniture=True):
            return True
        current = current.parent
    return False


# --- rendering ----------------------------------------------------------------

_END_BLOCK = object()  # marker pushed after a block's children, to close its paragraph


def _render(root: _Node, *, prune_furniture: bool) -> list[str]:
    """The paragraphs under `root`: one per block element, `<br>` kept as a newline."""
    paragraphs: list[str] = []
    pending: list[str] = []

    def close_paragraph() -> None:
        if not pending:
            return
        lines = "".join(pending).split("\n")
        pending.clear()
        group: list[str] = []
        for line in lines:
            line = _SPACE_RUN.sub(" ", line).strip()
            if line:
                group.append(line)
            elif group:  # <br><br> inside one element: CMSs use it as a paragraph break
                paragraphs.append("\n".join(group))
                group = []
        if group:
            paragraphs.append("\n".join(group))

    todo: list[_Node | str | object] = [root]
    while todo:
        item = todo.pop()
        if item is _END_BLOCK:
            close_paragraph()
        elif isinstance(item, str):
            pending.append(_HTML_SPACE.sub(" ", item))
        elif isinstance(item, _Node):
            if item is not root and _is_pruned(item, prune_furniture=prune_furniture):
                continue
            if item.tag == "br":
                pending.append("\n")
                continue
            if item.tag in _BLOCK:
                close_paragraph()
                todo.append(_END_BLOCK)
            elif item.tag in _CELL:
                todo.append(" ")  # keep adjacent cells from gluing their words together
            todo.extend(reversed(item.children))
    close_paragraph()
    return paragraphs


def _plain_text(node: _Node | None) -> str | None:
    if node is None:
        return None
    parts: list[str] = []
    todo: list[_Node | str] = [node]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item is node or item.tag not in _DROP:
            todo.extend(reversed(item.children))
    return "".join(parts)


# --- metadata -----------------------------------------------------------------


def _meta_tags(doc: _Node) -> dict[str, str]:
    """`<meta>` contents keyed by lower-cased property/name/itemprop; the first one wins."""
    found: dict[str, str] = {}
    for node in _walk(doc):
        if node.tag != "meta" or "content" not in node.attrs:
            continue
        for attr in ("property", "name", "itemprop"):
            key = node.attrs.get(attr, "").strip().lower()
            if key:
                found.setdefault(key, node.attrs["content"])
    return found


def _canonical(doc: _Node) -> str | None:
    for node in _walk(doc):
        if node.tag == "link" and "canonical" in node.attrs.get("rel", "").lower().split():
            return node.attrs.get("href")
    return None


def _time_datetime(root: _Node) -> str | None:
    for node in _walk(root):
        if node.tag == "time" and node.attrs.get("datetime", "").strip():
            return node.attrs["datetime"]
    return None


def _html_lang(doc: _Node) -> str | None:
    node = _first(doc, "html")
    if node is None:
        return None
    return node.attrs.get("lang") or node.attrs.get("xml:lang")


def _lang_code(value: str | None) -> str | None:
    """The first two letters, lower-cased: "fr-FR", "fr_FR", "FRA" -> "fr"; "" or "1x" -> None."""
    if not value:
        return None
    match = _LANG.match(value.strip())
    return match.group(0).lower() if match else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(value.split())
    return cleaned or None
