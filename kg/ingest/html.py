"""Main text and metadata of a news web page, read with trafilatura.

trafilatura (a maintained, well-evaluated extractor) finds the story and drops
menus, share buttons, related links, ads and reader comments; it also gives the
page's title, authors and date. This module adds only what it does not do:

* charset detection for the bytes of a file (`declared_charset`, `codec_for_label`);
* plain paragraphs separated by one blank line, rendered here from its element
  tree, so `HtmlPage.text` is exactly the text the extractor reads and whose
  offsets are stored (no later rewriting of that string anywhere);
* the headline and the story's own credits (byline, `Source : X` in the story's
  footer), which trafilatura files as metadata but which carry attributions;
* the publisher the page declares (`og:site_name`, else the `publisher` of a
  JSON-LD `NewsArticle`/`Article`), the canonical URL and the declared language.

Nothing is ever fetched: trafilatura is handed the markup, never a URL to load.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

# The spec's prescan reads 1024 bytes; some CMSs put the charset after long comments.
_CHARSET_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)

_LANG = re.compile(r"[A-Za-z]{2}")
_SPACE = re.compile(r"\s+")
_JSONLD_ARTICLE = re.compile(r"(?:News|Reportage|Analysis|Opinion|Report|Scholarly|Tech|Satirical|Background)?Article"
                             r"|BlogPosting|LiveBlogPosting|WebPage")

# Elements of trafilatura's output tree: blocks become paragraphs, lb a line break.
_CONTAINERS = frozenset({"body", "div", "quote", "list", "table", "section"})
_BLOCK_TAGS = _CONTAINERS | {"p", "head", "item", "row", "code"}
# Never article prose, even when a fallback extractor returns them whole.
_FURNITURE_TAGS = frozenset({"nav", "aside", "header", "footer", "form", "menu"})

# The story's own credits, which trafilatura drops as metadata: its byline and its footer.
_CREDIT_CLASS = re.compile(r"(?:^|[\s_-])(?:byline|signature|credits?|sources?|article-source)(?:$|[\s_-])", re.I)
_NOT_STORY = re.compile(r"comment|related|share|social|newsletter|promo|teaser", re.I)
_MAX_CREDIT_CHARS = 300


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page says about itself; `text` is the headline, then `body`, then the story's credits."""

    text: str
    body: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    publisher: str | None = None  # declared by the page: og:site_name, else JSON-LD publisher
    sitename: str | None = None  # trafilatura's guess, from any clue (title suffix, domain...)
    authors: tuple[str, ...] = ()
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


def extract_html(markup: str, url: str | None = None) -> HtmlPage:
    """Main text and metadata of a page (decoded markup); `url` is where it was served from, if known."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    # trafilatura rejects a bare fragment ("<p>x</p>") as not-quite-HTML; a wrapper costs nothing.
    tree = load_html(markup) if re.search(r"<(?:html|body)\b", markup[:4096], re.I) else None
    if tree is None:
        tree = load_html(f"<html><body><div>{markup}</div></body></html>")
    if tree is None:
        return HtmlPage(text="", body="")
    extracted = bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, include_images=False,
        with_metadata=True, date_extraction_params={"original_date": True, "extensive_search": False},
    )
    # A dict comes back only with as_dict=True, never asked for here.
    document = extracted if isinstance(extracted, Document) else None
    paragraphs = list(_paragraphs(document.body)) if document is not None and document.body is not None else []
    meta = _meta_tags(tree)
    title = _clean(document.title if document is not None else None) or _clean(meta.get("og:title"))

    credits = [c for c in _story_credits(tree) if not any(c in p for p in paragraphs)]
    body = "\n\n".join([*paragraphs, *credits]) if paragraphs else ""
    # The headline carries claims too, so it leads the text, unless the story already opens with it.
    text = body
    if body and title and title not in paragraphs[:3]:
        text = f"{title}\n\n{body}"

    return HtmlPage(
        text=text,
        body=body,
        title=title,
        url=_clean(_canonical(tree)) or _clean(meta.get("og:url")) or (document.url if document else None) or url,
        date=_date(meta, document.date if document is not None else None),
        publisher=_clean(meta.get("og:site_name")) or _jsonld_publisher(tree),
        sitename=_clean(document.sitename) if document is not None else None,
        authors=tuple(a for a in (_clean(x) for x in (document.author or "").split(";")) if a) if document else (),
        lang=_lang_code(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _lang_code(meta.get("og:locale")) or _lang_code(meta.get("content-language")),
    )


# --- rendering trafilatura's tree ----------------------------------------------


def _paragraphs(root: etree._Element) -> Iterator[str]:
    """One paragraph per block of trafilatura's output; `<lb/>` inside one is a line break."""
    for block in _blocks(root):
        if isinstance(block, str):
            raw = block.replace("\n", " ")
        elif block.tag == "row":
            raw = " ".join(_inline_text(cell) for cell in block)
        else:
            raw = _inline_text(block)
        lines = (_SPACE.sub(" ", line).strip() for line in raw.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            yield paragraph


def _blocks(root: etree._Element) -> Iterator[etree._Element | str]:
    """Leaf blocks in document order; a container's own loose text and its children's tails as text."""
    todo: list[etree._Element | str] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, str) or not isinstance(item.tag, str):
            if isinstance(item, str):
                yield item
            continue
        if item.tag in _FURNITURE_TAGS or item.tag == "graphic":
            continue
        if item is root or (item.tag in _CONTAINERS | {"item"} and any(c.tag in _BLOCK_TAGS for c in item)):
            pending: list[etree._Element | str] = [item.text] if item.text else []
            for child in item:
                pending.append(child)
                if child.tail:
                    pending.append(child.tail)
            todo.extend(reversed(pending))
        else:
            yield item


def _inline_text(element: etree._Element) -> str:
    """The element's text with `<lb/>` as a newline and other whitespace as spaces."""
    parts: list[str] = []
    todo: list[etree._Element | str] = [element]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item.replace("\n", " "))
            continue
        if item.tag == "lb":
            parts.append("\n")
        elif item.tag != "graphic" and item.text:
            parts.append(item.text.replace("\n", " "))
        children = list(item)
        pending: list[etree._Element | str] = []
        for child in children:
            pending.append(child)
            if child.tail:
                pending.append(child.tail)
        if item.tag in {"p", "head", "item"} and item is not element:
            pending.append(" ")
        todo.extend(reversed(pending))
    return "".join(parts)


# --- what trafilatura leaves out: the story's credits --------------------------


def _story_credits(tree: HtmlElement) -> list[str]:
    """Byline and footer lines of the story's `<article>` (`Par X, avec AFP`, `Source : AFP`)."""
    stories = [a for a in tree.iter("article") if not _in_furniture(a)]
    if not stories:
        return []
    story = max(stories, key=lambda a: len(a.text_content()))
    found: list[str] = []
    for element in story.iter():
        if not isinstance(element.tag, str) or element is story or _nested_story(element, story):
            continue
        if element.tag == "footer" or _CREDIT_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"):
            if any(_is_credit_root(parent, story) for parent in element.iterancestors()):
                continue  # an outer credit block is already taken
            lines = [element] if element.tag != "footer" else (list(element.iter("p")) or [element])
            for line in lines:
                text = _clean(_visible_text(line))
                if text and len(text) <= _MAX_CREDIT_CHARS and text not in found:
                    found.append(text)
    return found


def _is_credit_root(element: etree._Element, story: etree._Element) -> bool:
    if element is story or not isinstance(element.tag, str):
        return False
    return element.tag == "footer" or bool(
        _CREDIT_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}")
    )


def _nested_story(element: etree._Element, story: etree._Element) -> bool:
    for parent in element.iterancestors():
        if parent is story:
            return False
        if parent.tag in {"article", "aside", "nav", "form"} or _NOT_STORY.search(parent.get("class", "")):
            return True
    return False


def _in_furniture(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in {"aside", "nav", "form"} or _NOT_STORY.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def _visible_text(element: etree._Element) -> str:
    found = element.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
    # A text() path yields strings; the isinstance narrows lxml's catch-all XPath result type.
    return "".join(t for t in found if isinstance(t, str)) if isinstance(found, list) else ""


# --- metadata -----------------------------------------------------------------


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """`<meta>` contents keyed by lower-cased property/name/itemprop/http-equiv; the first one wins."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (node.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    return found


def _canonical(tree: HtmlElement) -> str | None:
    for node in tree.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split():
            return node.get("href")
    return None


def _date(meta: dict[str, str], found: str | None) -> str | None:
    """The declared publication time as written when it is ISO 8601, else trafilatura's date."""
    for key in ("article:published_time", "datepublished", "date"):
        value = _clean(meta.get(key))
        if value:
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return value
    return _clean(found)


def _jsonld_publisher(tree: HtmlElement) -> str | None:
    """`publisher.name` of the page's JSON-LD `NewsArticle` (or `Article`, `BlogPosting`...)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for item in _jsonld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and _JSONLD_ARTICLE.fullmatch(t) for t in types):
                continue
            publisher = item.get("publisher")
            publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and _clean(name):
                return _clean(name)
    return None


def _jsonld_items(data: Any) -> Iterator[dict[str, Any]]:
    todo, seen = [data], 0
    while todo and seen < 1000:
        item = todo.pop(0)
        seen += 1
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                todo.extend(item["@graph"])


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
