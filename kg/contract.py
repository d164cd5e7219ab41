"""The public JSON shape of an extraction (see CONTRACT.md of the evaluation kit).

Fields listed in the contract keep their names and meaning; extra fields
(`title`, `roles`, spans of cues and speakers) are additions, never changes.
"""

from __future__ import annotations

from typing import Any

from kg.model import Attribution, Extraction


def attribution_json(a: Attribution) -> dict[str, Any]:
    s = a.speaker
    return {
        "speaker": s.name,
        "anonymous": s.anonymous,
        "speaker_org": s.org,
        "speaker_kind": s.kind.value,
        "speaker_role": s.role,
        "kind": a.kind.value,
        "cue": a.cue.text,
        "via": a.via_labels,
        "quote": a.quote.text,
        "start": a.quote.start,
        "end": a.quote.end,
        "cue_start": a.cue.start,
        "cue_end": a.cue.end,
    }


def extraction_json(x: Extraction) -> dict[str, Any]:
    """One article object of `kg extract --format json`."""
    return {
        "id": x.article.id,
        "lang": x.lang,
        "publisher": x.publisher.name if x.publisher else None,
        "republished_from": [o.name for o in x.republished_from],
        "translated_by": x.translated_by.name if x.translated_by else None,
        "attributions": [attribution_json(a) for a in x.attributions],
        "unattributed": [u.span.text for u in x.unattributed],
    }
