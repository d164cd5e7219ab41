"""Load the per-language reporting lexicon and the outlet gazetteer.

The knowledge lives in `lexicon/<lang>.yaml` and `lexicon/outlets.yaml`; this
module only turns them into sets and compiled patterns, once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kg.errors import ExtractionError, UnknownNameError
from kg.model import OutletKind
from kg.text import fold

_ER_ENDINGS = ("é", "ée", "és", "ées", "e", "es", "ent", "ait", "aient", "ant", "a", "èrent",
               "era", "eront", "erait", "eraient", "ons", "ez", "er")




_IR_ENDINGS = ("i", "ie", "is", "ies", "it", "issent", "issait", "issaient", "issant", "ira", "irait")


def _ir_forms(lemma: str) -> set[str]:
    """Second-group verbs (`établir` → établit, établi, établissent …)."""
    return {lemma[:-2] + e for e in _IR_ENDINGS}


def _er_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    forms = {stem + e for e in _ER_ENDINGS}
    # -éter/-érer/-eler verbs change their stem vowel in some persons (suggère, rappelle).
    if len(stem) > 2 and stem[-2] in "ée":
        alt = stem[:-2] + "è" + stem[-1]
        forms |= {alt + e for e in ("e", "es", "ent")}
    if stem.endswith("l"):
        forms |= {stem + "l" + e for e in ("e", "es", "ent")}
    return forms


@dataclass(frozen=True)
class Lexicon:
    lang: str
    verb_forms: dict[str, str]  # folded surface form -> infinitive
    phrasal: tuple[str, ...]  # multi-word reporting verbs, folded
    needs_clause: frozenset[str]
    participial_cues: frozenset[str]
    passive_citation: tuple[str, ...]
    source_markers: tuple[str, ...]
    non_statements: tuple[str, ...]
    anonymous_heads: frozenset[str]
    document_heads: frozenset[str]
    anonymous_documents: frozenset[str]
    sourceless_heads: frozenset[str]
    anaphoric_contents: frozenset[str]
    group_adverbials: tuple[str, ...]
    outlet_heads: frozenset[str]
    institution_heads: frozenset[str]
    titles: frozenset[str]
    role_classes: dict[str, frozenset[str]]
    ranks: dict[str, tuple[str, ...]]
    nationality_adjectives: frozenset[str]
    nationality_places: dict[str, tuple[str, ...]]
    pronouns: dict[str, dict[str, str | None]]
    definite_determiners: frozenset[str]
    demonstratives: frozenset[str]
    audiences: dict[str, str]
    channel_openers: dict[str, tuple[str, ...]]
    interview_label: str
    possessor_label: str  # `{owner}'s {thing}`: how the language names what belongs to someone
    occasions: dict[str, str]
    platforms: dict[str, str]
    skippable: frozenset[str]
    months: frozenset[str]
    time_nouns: frozenset[str]
    clause_boundaries: frozenset[str]
    headline_dashes: tuple[str, ...]
    conditional_auxiliaries: frozenset[str]
    conditional_endings: tuple[str, ...]
    forecast_modals: frozenset[str]
    accusation_passives: frozenset[str]
    condition_conjunctions: frozenset[str]
    sourceless_markers: tuple[str, ...]
    boilerplate: tuple[re.Pattern[str], ...]
    comment_openers: tuple[re.Pattern[str], ...]
    travel: dict[str, tuple[re.Pattern[str], ...]]
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    # Conjugated forms of the first-group modal verbs (`peine`, `tente`): the tagger reads
    # some as nouns (`la peine`), which the verb group must still recognise.
    modal_forms: frozenset[str] = frozenset()

    def g(self, name: str) -> frozenset[str]:
        """A closed class of function words (`complementizers`, `datives`, ...).

        The classes are a closed vocabulary shared by every language: a name no
        lexicon defines is a typo and raises, where an empty set would silently
        switch a rule off. A class another language has and this one lacks is
        empty here (English has no inverted clitics).
        """
        words = self.grammar.get(name)
        if words is not None:
            return words
        if name not in grammar_names():
            raise UnknownNameError("grammar class", name, grammar_names())
        return frozenset()

    def verb(self, word: str) -> str | None:
        """Infinitive of a reporting verb form, or None."""
        return self.verb_forms.get(fold(word))

    def role_class(self, word: str) -> set[str]:
        w = fold(word)
        return {name for name, words in self.role_classes.items() if w in words}


def _folded(items: Any) -> frozenset[str]:
    return frozenset(fold(str(i)) for i in items or ())


def _patterns(items: Any) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in items or ())


def _read_yaml(name: str) -> dict[str, Any]:
    try:
        text = resources.files("kg.extract").joinpath("lexicon", name).read_text("utf-8")
    except FileNotFoundError as err:
        raise ExtractionError(f"lexicon file {name} is missing from the package") from err
    try:
        # libyaml's parser when PyYAML was built with it: the same safe loading, ten times faster,
        # paid by every extraction worker at start.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise ExtractionError(f"lexicon file {name} is not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise ExtractionError(f"lexicon file {name} must hold a mapping")
    return data


def available_languages() -> list[str]:
    root = resources.files("kg.extract").joinpath("lexicon")
    return sorted(p.name[:-5] for p in root.iterdir()
                  if p.name.endswith(".yaml") and p.name != "outlets.yaml")


@cache
def load(lang: str) -> Lexicon:
    """The lexicon of a language; an unknown language names the known ones."""
    if lang not in available_languages():
        raise UnknownNameError("language", lang, available_languages())
    d = _read_yaml(f"{lang}.yaml")
    rv = d.get("reporting_verbs", {})
    forms: dict[str, str] = {}
    for lemma in rv.get("regular", []):
        lemma_f = fold(lemma)
        lemma_f = lemma_f.removeprefix("s'").removeprefix("se ")  # pronominal verbs: `s'agacer`
        generated = _er_forms(lemma_f) if lemma_f.endswith("er") else (
            _ir_forms(lemma_f) if lemma_f.endswith("ir") else {lemma_f})
        for f in generated:
            forms.setdefault(f, lemma_f)
    for lemma, fs in (rv.get("irregular") or {}).items():
        for f in [lemma, *fs]:
            forms[fold(f)] = fold(lemma)
    for f in rv.get("forms", []) or []:  # languages without conjugation tables list forms
        forms[fold(f)] = fold(f)
    hedges = d.get("hedges", {})
    travel = {k: _patterns(v) for k, v in (d.get("travel") or {}).items()}
    return Lexicon(
        lang=lang,
        verb_forms=forms,
        phrasal=tuple(fold(p) for p in rv.get("phrasal", []) or []),
        needs_clause=frozenset(fold(v).removeprefix("s'").removeprefix("se ") for v in rv.get("needs_clause", [])),
        participial_cues=_folded(d.get("participial_cues")),
        passive_citation=tuple(fold(p) for p in d.get("passive_citation", [])),
        source_markers=tuple(fold(p) for p in d.get("source_markers", [])),
        non_statements=tuple(fold(p) for p in d.get("non_statements", [])),
        anonymous_heads=_folded(d.get("anonymous_heads")),
        document_heads=_folded(d.get("document_heads")),
        anonymous_documents=_folded(d.get("anonymous_documents")),
        sourceless_heads=_folded(d.get("sourceless_heads")),
        anaphoric_contents=_folded(d.get("anaphoric_contents")),
        group_adverbials=tuple(fold(x) for x in d.get("group_adverbials", [])),
        outlet_heads=_folded(d.get("outlet_heads")),
        institution_heads=_folded(d.get("institution_heads")),
        titles=_folded(d.get("titles")),
        role_classes={k: _folded(v) for k, v in (d.get("role_classes") or {}).items()},
        ranks={k: tuple(fold(x) for x in v) for k, v in (d.get("ranks") or {}).items()},
        nationality_adjectives=_folded(d.get("nationality_adjectives")),
        nationality_places={fold(k): tuple(fold(x) for x in v)
                            for k, v in (d.get("nationality_places") or {}).items()},
        pronouns={fold(k): v for k, v in (d.get("pronouns") or {}).items()},
        definite_determiners=_folded(d.get("definite_determiners")),
        demonstratives=_folded(d.get("demonstratives")),
        audiences={fold(k): v for k, v in (d.get("audiences") or {}).items()},
        channel_openers={k: tuple(fold(x) for x in v)
                         for k, v in (d.get("channel_openers") or {}).items()},
        interview_label=d.get("interview_label", "interview with"),
        possessor_label=d.get("possessor_label", "{thing} of {owner}"),
        occasions={fold(k): v for k, v in (d.get("occasions") or {}).items()},
        platforms={fold(k): v for k, v in (d.get("platforms") or {}).items()},
        skippable=_folded(d.get("skippable_adverbs")),
        months=_folded(d.get("months")),
        time_nouns=_folded(d.get("time_nouns")),
        clause_boundaries=_folded(d.get("clause_boundaries")),
        headline_dashes=tuple(d.get("headline_source_dash", [])),
        conditional_auxiliaries=_folded(hedges.get("conditional_auxiliaries")),
        conditional_endings=tuple(fold(x) for x in hedges.get("conditional_endings", []) or []),
        forecast_modals=_folded(hedges.get("forecast_modals")),
        accusation_passives=_folded(hedges.get("accusation_passives")),
        condition_conjunctions=_folded(hedges.get("condition_conjunctions")),
        sourceless_markers=tuple(fold(x) for x in hedges.get("sourceless_markers", [])),
        boilerplate=_patterns(d.get("boilerplate_lines")),
        comment_openers=_patterns(d.get("comment_section_openers")),
        travel=travel,
        grammar={k: _folded(v) for k, v in (d.get("grammar") or {}).items()},
        modal_forms=frozenset(f for v in _folded((d.get("grammar") or {}).get("modal_verbs"))
                              if v.endswith("er") for f in _er_forms(v)),
    )


@cache
def grammar_names() -> frozenset[str]:
    """Every grammar class some language's lexicon defines."""
    return frozenset(name for lang in available_languages()
                     for name in (_read_yaml(f"{lang}.yaml").get("grammar") or {}))


@dataclass(frozen=True)
class OutletEntry:
    name: str
    kind: OutletKind


@cache
def outlets() -> dict[str, OutletEntry]:
    """Folded alias (without a leading article) -> outlet entry."""
    d = _read_yaml("outlets.yaml")
    table: dict[str, OutletEntry] = {}
    for item in d.get("outlets", []):
        entry = OutletEntry(item["name"], OutletKind(item.get("kind", "unknown")))
        for alias in [item["name"], *(item.get("aliases") or [])]:
            table[fold(alias)] = entry
            if not alias.split()[0].isupper():
                # `LA Times` is Los Angeles, not the article `la`: an acronym stays in the key.
                table[strip_article(fold(alias))] = entry
    return table


_ARTICLE = re.compile(r"^(the|le|la|les|l'|l |du|de la|des|de l')\s*")


def strip_article(folded: str) -> str:
    return _ARTICLE.sub("", folded).strip()


@cache
def domain_table() -> dict[str, OutletEntry]:
    """Host or registrable domain (`lemonde.fr`, `english.alarabiya.net`) -> outlet entry."""
    table: dict[str, OutletEntry] = {}
    for item in _read_yaml("outlets.yaml").get("outlets", []):
        entry = OutletEntry(item["name"], OutletKind(item.get("kind", "unknown")))
        for domain in item.get("domains") or []:
            key = str(domain).lower().strip()
            if key in table:
                raise ExtractionError(f"outlets.yaml: domain {key!r} is given to both "
                                      f"{table[key].name!r} and {entry.name!r}")
            table[key] = entry
    return table


@cache
def hosting_platforms() -> frozenset[str]:
    """Registrable domains whose subdomains are each a site of their own."""
    return frozenset(str(d).lower() for d in _read_yaml("outlets.yaml").get("hosting_platforms") or [])


def lookup_outlet(name: str) -> OutletEntry | None:
    """The gazetteer entry for a surface form (`le Telegraph`, `The Military Times`)."""
    table = outlets()
    folded = fold(name)
    return table.get(folded) or table.get(strip_article(folded))
