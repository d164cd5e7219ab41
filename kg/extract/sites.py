"""Which site served a copy, from its URL: the publisher a page's address proves.

The address is the strongest evidence a copy carries about who published it
(a byline or a credit line says where the *text* came from, not who is
serving it). A host is looked up in the gazetteer's domain table from the most
specific name down to the registrable domain, so `english.alarabiya.net` finds
Al Arabiya English before `alarabiya.net` finds Al Arabiya, and
`amp.ouest-france.fr` finds Ouest-France. A site the table does not know is
named by its registrable domain (`exemple-info.fr`): a name nobody has to trust,
rather than nothing. On hosting platforms every subdomain is its own site
(`blog-x.over-blog.com`).

The registrable domain comes from tldextract with the public suffix list that
ships inside the package (never fetched), private suffixes included, so
`uroaso.storage.googleapis.com` is one bucket's site and `bbc.co.uk` one site.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from kg.extract.lexicon import domain_table, hosting_platforms
from kg.model import Outlet, OutletKind

# Prefixes that name a rendering of the same site, not another site.
_SAME_SITE = ("www", "www1", "www2", "amp", "m", "mobile", "edition", "beta")


@dataclass(frozen=True, slots=True)
class Site:
    """The site a URL belongs to: its outlet, and whether the domain table knew it."""

    outlet: Outlet
    host: str  # the host as looked up: lower case, without `www.`
    domain: str  # the registrable domain (`lemonde.fr`)
    known: bool


@cache
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    # No suffix list URLs and no cache: the snapshot bundled with the package is used
    # and nothing is fetched or written at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def host_of(url: str | None) -> str | None:
    """The URL's host, lower case, without port, trailing dot or same-site prefixes."""
    if not url:
        return None
    raw = url.strip()
    if "//" not in raw.split("?", 1)[0]:
        raw = "//" + raw  # `lemonde.fr/x` written without a scheme
    try:
        host = urlsplit(raw).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".")
    if host.startswith("xn--") or ".xn--" in host:
        with contextlib.suppress(UnicodeError):  # a malformed punycode label stays as written
            host = host.encode("ascii").decode("idna")
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _SAME_SITE:
        labels = labels[1:]
    return ".".join(labels)


def site_of(url: str | None) -> Site | None:
    """The site serving `url`, or None when the URL has no usable host."""
    host = host_of(url)
    if host is None:
        return None
    parts = _extractor()(host)
    domain = parts.top_domain_under_public_suffix or host
    table = domain_table()
    labels = host.split(".")
    # From the full host down to the registrable domain: the most specific entry wins.
    for i in range(len(labels) - domain.count(".")):
        entry = table.get(".".join(labels[i:]))
        if entry is not None:
            return Site(Outlet(entry.name, entry.kind), host, domain, known=True)
    name = host if _on_hosting_platform(domain) else domain
    return Site(Outlet(name, OutletKind.UNKNOWN), host, domain, known=False)


def _on_hosting_platform(domain: str) -> bool:
    return domain in hosting_platforms()


def spelled_as_domain(name: str, site: Site) -> bool:
    """Whether `name` is the site's own name spelled out: `Les Observateurs` for
    lesobservateurs.ch, `Le Matin d'Algérie` for lematindalgerie.com.

    Compares letters and digits only, accents folded, against the first label
    of the registrable domain (or of the host on a hosting platform).
    """
    label = (site.host if _on_hosting_platform(site.domain) else site.domain).split(".")[0]
    return bool(label) and _letters(name) == _letters(label)


def _letters(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
