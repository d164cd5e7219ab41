"""The site a copy's URL belongs to, through the gazetteer's domain table."""

from __future__ import annotations

import pytest

from kg.extract.sites import host_of, site_of, spelled_as_domain
from kg.model import OutletKind


@pytest.mark.parametrize(
    ("url", "name", "known"),
    [
        ("https://www.lemonde.fr/international/article/x.html", "Le Monde", True),
        ("https://amp.ouest-france.fr/faits-divers/x", "Ouest-France", True),  # AMP rendering, same site
        ("https://m.bbc.co.uk/news/world", "BBC", True),  # a country suffix of two labels
        ("https://english.alarabiya.net/News/x", "Al Arabiya English", True),  # the subdomain is its own outlet
        ("https://www.alarabiya.net/x", "Al Arabiya", True),
        ("https://rmc.bfmtv.com/x", "RMC", True),  # the most specific entry wins
        ("https://www.bfmtv.com/x", "BFMTV", True),
        ("HTTPS://WWW.LEMONDE.FR:443/x", "Le Monde", True),  # case and port
        ("lemonde.fr/x", "Le Monde", True),  # written without a scheme
        ("https://www.exemple-info.fr/2024/x", "exemple-info.fr", False),  # unknown: the domain itself
        ("https://news.exemple-info.co.uk/x", "exemple-info.co.uk", False),
        ("https://mon-blog.over-blog.com/2023/x", "mon-blog.over-blog.com", False),  # a hosting platform
        ("https://someone.blogspot.com/x", "someone.blogspot.com", False),  # private suffix of the list
    ],
)
def test_site_of(url: str, name: str, known: bool) -> None:
    site = site_of(url)
    assert site is not None
    assert (site.outlet.name, site.known) == (name, known)
    assert (site.outlet.kind is OutletKind.UNKNOWN) is not known


@pytest.mark.parametrize("url", [None, "", "javascript:alert(1)", "not a url", "https://localhost/x", "mailto:a@b"])
def test_no_site_without_a_dotted_host(url: str | None) -> None:
    assert site_of(url) is None


def test_host_of_strips_only_same_site_prefixes() -> None:
    assert host_of("https://www.amp.example.fr/x") == "example.fr"
    assert host_of("https://news.example.fr/x") == "news.example.fr"
    assert host_of("https://www.example.fr./x") == "example.fr"


@pytest.mark.parametrize(
    ("name", "url", "same"),
    [
        ("Les Observateurs", "https://lesobservateurs.ch/2023/x", True),
        ("Le Matin d'Algérie", "https://lematindalgerie.com/x", True),
        ("Europe Says", "https://www.europesays.com/1", True),
        ("Le Monde", "https://www.lesobservateurs.ch/x", False),
        ("Observateurs", "https://lesobservateurs.ch/x", False),  # part of a name is not the name
    ],
)
def test_spelled_as_domain(name: str, url: str, same: bool) -> None:
    site = site_of(url)
    assert site is not None
    assert spelled_as_domain(name, site) is same
