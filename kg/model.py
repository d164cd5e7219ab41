"""The domain model: plain frozen dataclasses, no rdflib, no spaCy.

Every fact the extractor produces points back to the article text through a
`Span` whose `text` is exactly `article.text[start:end]`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum


class SpeakerKind(str, Enum):
    """What sort of agent a speaker is; drives the RDF class and the view colour."""

    PERSON = "person"
    ORGANIZATION = "organization"
    OUTLET = "outlet"
    DOCUMENT = "document"
    ANONYMOUS = "anonymous"  # a person or group whose name the text withholds


class AttributionKind(str, Enum):
    DIRECT = "direct"  # the content is all inside quotation marks
    INDIRECT = "indirect"  # reported speech
    MIXED = "mixed"  # reported speech carrying quoted fragments


class ChannelKind(str, Enum):
    OUTLET = "outlet"  # a newspaper, agency, broadcaster or site
    AUDIENCE = "audience"  # "aux journalistes", "to reporters"
    INTERVIEW = "interview"  # "dans un entretien avec ..."
    DOCUMENT = "document"  # a book, report or transcript the words were taken from
    RELAY = "relay"  # a person or body who passed the words on (`selon X, Y a dit`)


class OutletKind(str, Enum):
    NEWSPAPER = "newspaper"
    AGENCY = "agency"
    BROADCASTER = "broadcaster"
    WEBSITE = "website"
    BLOG = "blog"
    AGGREGATOR = "aggregator"
    UNKNOWN = "unknown"


class PublisherEvidence(str, Enum):
    """How the publisher of a copy was known, strongest first."""

    METADATA = "metadata"  # the page or container declared it (og:site_name, JSON-LD, a JSONL field)
    DOMAIN = "domain"  # the site its URL belongs to
    TEXT = "text"  # what the text says of itself (masthead, `© X`, a staff byline)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != {self.end - self.start}")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a file: its text and what its container says of it."""

    id: str
    text: str
    lang: str | None = None
    url: str | None = None
    date: str | None = None
    publisher: str | None = None  # declared by the container (JSONL), not found in the text
    title: str | None = None
    source: str | None = None  # the file it came from

    @property
    def digest(self) -> str:
        """Stable hash of the content, so unchanged articles are recognised on re-ingest."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.lang or "", self.url or "", self.date or "",
                     self.publisher or "", self.title or ""):
            # surrogatepass: the same bytes as UTF-8 for any real text, and no error on a lone
            # surrogate (JSON can escape one), so a digest never fails.
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: OutletKind = OutletKind.UNKNOWN


@dataclass(frozen=True, slots=True)
class Channel:
    """Something a statement passed through between its speaker and the article."""

    label: str
    kind: ChannelKind
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """The agent a statement is attributed to, after resolution.

    `name` is a proper name for named speakers and the text's own description
    for anonymous ones (`un responsable du Pentagone`).
    """

    name: str
    kind: SpeakerKind
    anonymous: bool
    org: str | None = None
    role: str | None = None
    institution: str | None = None  # anonymous sources: the body they belong to
    rank: str | None = None  # anonymous sources: senior, junior, ...
    mention: Span | None = None  # the words of this attribution that refer to the speaker


@dataclass(frozen=True, slots=True)
class Attribution:
    """One statement and who it is attributed to."""

    speaker: Speaker
    kind: AttributionKind
    cue: Span
    quote: Span
    via: tuple[Channel, ...] = ()

    @property
    def via_labels(self) -> list[str]:
        return [c.label for c in self.via]


@dataclass(frozen=True, slots=True)
class Unattributed:
    """A hedged claim the text makes without naming any source."""

    span: Span
    marker: str  # the hedge as written: "auraient été", "ont été accusés", ...


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    lang: str
    publisher: Outlet | None = None
    publisher_evidence: PublisherEvidence | None = None
    republished_from: tuple[Outlet, ...] = ()  # nearest first
    translated_by: Outlet | None = None
    attributions: tuple[Attribution, ...] = ()
    unattributed: tuple[Unattributed, ...] = ()
    boilerplate: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """A pointer to one attributed or unattributed statement in one article."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class InferredCopy:
    """Article `copy` takes its text from article `original`, though no credit line says so:
    found from their texts (`kg.link.copies`), not read in them."""

    copy: str
    original: str
    how: str  # "text reuse" or "translation"
    share: float  # share of the copy's sentences (reuse) or statements (translation) found in the original

    def describe(self) -> str:
        return f"{self.copy} copies {self.original} ({self.how}, {round(self.share * 100)} % of it)"


@dataclass(frozen=True, slots=True)
class Claim:
    """The same content carried by statements in one or more articles."""

    id: str
    summary: str
    statements: tuple[Statement, ...] = field(default_factory=tuple)

    @property
    def article_ids(self) -> list[str]:
        return sorted({s.article_id for s in self.statements})
