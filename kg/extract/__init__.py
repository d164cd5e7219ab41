"""Extraction: article text in, attributions and the text's own travel out.

`extract(article)` is the single entry point; `extract_all` runs it over many
articles, on several processes when `jobs > 1`. The steps live one per module:

- `layout`    paragraphs, sentences, boilerplate and footer lines
- `travel`    publisher, republication chain and translator of the text itself
- `quotes`    quotation-mark spans, nested and over several paragraphs
- `cues`      reporting verbs, `selon X`, inversions and colon lead-ins
- `speakers`  the speaker's noun phrase: name, role, organisation, anonymity
- `channels`  the outlets and audiences a statement passed through
- `resolve`   pronouns and definite descriptions to the speaker they mean
- `hedges`    claims the text makes without a source
"""

from kg.extract.extractor import extract, extract_all, fingerprint

__all__ = ["extract", "extract_all", "fingerprint"]
