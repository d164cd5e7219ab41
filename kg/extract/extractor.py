"""The extraction pipeline: one article in, one `Extraction` out.

layout → travel → tokens → cues per sentence → drafts (continuations, pull
quotes) → resolution → hedges → model objects. Each step is a function of its
own module; this one only wires them and turns drafts into the domain model.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache
from importlib import resources

from kg import __version__
from kg.extract import nlp
from kg.extract.channels import ChannelRef
from kg.extract.cues import Complement, Context, Cue, find_cues, subject_mention
from kg.extract.cues.following import setting_channels
from kg.extract.hedges import hedge_marker
from kg.extract.layout import Layout, Role, Unit, layout
from kg.extract.lexicon import Lexicon, available_languages, fold, load
from kg.extract.quotes import Quote, find_quotes, inside
from kg.extract.resolve import Draft, resolve_drafts
from kg.extract.speakers import Mention
from kg.extract.travel import find_travel
from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Extraction,
    Span,
    Speaker,
    SpeakerKind,
    Unattributed,
)

_WORD = re.compile(r"\w+")


def _language(article: Article) -> str:
    from kg.ingest.langid import detect

    lang = article.lang or detect(article.text)
    return lang if lang in available_languages() and lang in nlp.MODELS else "fr"


@cache
def fingerprint() -> str:
    """A digest of the extractor itself (its code and its lexicons): stored with each
    article so that re-ingesting after an upgrade re-reads what the old rules read."""
    h = hashlib.sha256(__version__.encode())
    root = resources.files("kg.extract")
    for entry in sorted([*root.iterdir(), *root.joinpath("lexicon").iterdir()], key=lambda e: e.name):
        if entry.name.endswith((".py", ".yaml")) and entry.is_file():
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()[:16]


# Long texts are read in windows of at most WINDOW_CHARS characters and WINDOW_MARKS
# quotation marks, cut at a paragraph end outside any quote, each with up to
# CONTEXT_CHARS of the paragraphs before it (for the speakers that pronouns and `le
# responsable` refer back to). The language model's memory grows with the text it is
# given at once, and some layout rules with the quotes of a text times its sentences:
# windows bound both, whatever the article's size, and every offset stays exact.
# Articles within both limits (any ordinary one) are read whole, as before.
WINDOW_CHARS = 50_000
WINDOW_MARKS = 1_000
CONTEXT_CHARS = 2_000
_MARKS = re.compile("[" + re.escape(nlp.QUOTE_CHARS) + "]")


def _needs_windows(text: str) -> bool:
    return len(text) > WINDOW_CHARS or sum(map(text.count, nlp.QUOTE_CHARS)) > WINDOW_MARKS


def extract(article: Article) -> Extraction:
    lang = _language(article)
    if _needs_windows(article.text):
        return _extract_windows(article, lang)
    toks = nlp.analyse(article.text, lang)
    return extract_tokens(article, lang, toks)


def windows(text: str, size: int | None = None, marks: int | None = None,
            context: int | None = None) -> list[tuple[int, int, int]]:
    """`(context_start, start, end)` for each window: `text[start:end]` pieces that tile the text,
    each read with `text[context_start:start]` before it (limits: the module's constants)."""
    size = WINDOW_CHARS if size is None else size
    marks = WINDOW_MARKS if marks is None else marks
    context = CONTEXT_CHARS if context is None else context
    out: list[tuple[int, int, int]] = []
    start, n = 0, len(text)
    while start < n:
        hi = min(n, start + size)
        for k, m in enumerate(_MARKS.finditer(text, start, hi)):
            if k == marks:
                hi = m.start()
                break
        end = n if hi == n else _cut(text, start, hi)
        p = text.find("\n", max(0, start - context), start) if start else -1
        out.append((p + 1 if p != -1 else start, start, end))
        start = end
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    """Where a window `text[lo:hi]` too long for one piece ends: after a paragraph, outside quotes,
    else after a sentence, else at a space, in the second half of the window; else at `hi`."""
    half = lo + (hi - lo) // 2
    quotes = find_quotes(text, lo, hi)
    for sep, after in (("\n\n", 2), ("\n", 1)):
        p = text.rfind(sep, half, hi)
        while p != -1:
            if inside(quotes, p) is None:
                return p + after
            p = text.rfind(sep, half, p)
    for sep in (". ", "? ", "! ", " "):
        p = text.rfind(sep, half, hi)
        if p != -1:
            return p + len(sep)
    return hi


def _extract_windows(article: Article, lang: str) -> Extraction:
    """A long article, window by window: what each finds in its own piece, shifted to article offsets.

    The travel of the text: the publisher from the first window that names one (masthead,
    byline), the republication chain and translator from the last that names them (footers)."""
    text = article.text
    attributions: list[Attribution] = []
    unattributed: list[Unattributed] = []
    boiler: list[Span] = []
    ends: list[Extraction] = []
    spans = windows(text)
    for ctx, start, end in spans:
        x = extract_tokens(replace(article, text=text[ctx:end]), lang, nlp.analyse(text[ctx:end], lang))
        own = range(start - ctx, end - ctx)
        attributions += [_shift_attribution(a, ctx) for a in x.attributions if a.quote.start in own]
        unattributed += [replace(u, span=_shift(u.span, ctx)) for u in x.unattributed if u.span.start in own]
        boiler += [_shift(b, ctx) for b in x.boilerplate if b.start in own]
        ends.append(replace(x, article=article, attributions=(), unattributed=(), boilerplate=()))
    head = next((x for x in ends if x.publisher is not None), ends[0])
    tail = next((x for x in reversed(ends) if x.republished_from or x.translated_by), ends[-1])
    return Extraction(article=article, lang=lang, publisher=head.publisher,
                      publisher_evidence=head.publisher_evidence, republished_from=tail.republished_from,
                      translated_by=tail.translated_by,
                      attributions=tuple(_dedupe(sorted(attributions, key=lambda a: a.quote.start))),
                      unattributed=tuple(unattributed), boilerplate=tuple(boiler))


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.text)


def _shift_attribution(a: Attribution, by: int) -> Attribution:
    mention = a.speaker.mention
    return replace(a, speaker=replace(a.speaker, mention=_shift(mention, by) if mention else None),
                   cue=_shift(a.cue, by), quote=_shift(a.quote, by),
                   via=tuple(replace(c, span=_shift(c.span, by) if c.span else None) for c in a.via))


def extract_all(articles: Iterable[Article], jobs: int = 1) -> Iterator[Extraction]:
    """Extract many articles in input order; `jobs > 1` spreads them over processes."""
    if jobs <= 1:
        batch: list[Article] = []
        for a in articles:
            batch.append(a)
            if len(batch) >= 16:
                yield from _batch(batch)
                batch = []
        if batch:
            yield from _batch(batch)
        return
    # Load the models once here: forked workers share them instead of loading their own.
    items = list(articles)
    for lang in sorted({_language(a) for a in items}):
        nlp.model(lang)
    chunks = [items[k:k + 8] for k in range(0, len(items), 8)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        for result in pool.map(_extract_chunk, chunks):
            yield from result


def _die_with_parent(parent: int) -> None:
    """Run in each worker: end it when the process that started it ends, however that ends.

    Killed with SIGKILL, the parent cannot shut its pool down, and the workers would
    run on for good. Linux sends them SIGKILL when their parent dies (prctl
    PR_SET_PDEATHSIG); elsewhere, or should the parent die before that is set, a
    thread watches the parent's pid and ends the worker within a second.
    """
    import ctypes
    import signal
    import threading
    import time

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _extract_chunk(articles: list[Article]) -> list[Extraction]:
    return list(_batch(articles))


def _batch(articles: list[Article]) -> Iterator[Extraction]:
    by_lang: dict[str, list[int]] = {}
    langs = [_language(a) for a in articles]
    for k, lang in enumerate(langs):
        by_lang.setdefault(lang, []).append(k)
    results: dict[int, Extraction] = {}
    for lang, idx in by_lang.items():
        for k in [k for k in idx if _needs_windows(articles[k].text)]:
            results[k] = _extract_windows(articles[k], lang)
        idx = [k for k in idx if k not in results]
        for k, toks in zip(idx, nlp.analyse_many((articles[k].text for k in idx), lang), strict=True):
            results[k] = extract_tokens(articles[k], lang, toks)
    for k in range(len(articles)):
        yield results[k]


def extract_tokens(article: Article, lang: str, toks: tuple[nlp.Tok, ...]) -> Extraction:
    """The rule pipeline over an already analysed text (pure: no model call)."""
    lex = load(lang)
    text = article.text
    lay = layout(text, lex)
    trav = find_travel(lay, lex, article.publisher, article.url)
    starts = [t.start for t in toks]
    drafts: list[Draft] = []
    unit_drafts: dict[int, list[Draft]] = {}
    for ui, unit in enumerate(lay.units):
        utoks = _slice(toks, starts, unit.start, unit.end)
        if not utoks:
            continue
        quotes = [q for q in lay.quotes if q.end > unit.start and q.start < unit.end]
        ctx = Context(text, utoks, quotes, lex)
        is_title = lay.lines[unit.line].role is Role.TITLE
        for cue in find_cues(ctx, unit, is_title=is_title):
            d = _draft(text, cue, quotes, lex, unit)
            if d is not None:
                drafts.append(d)
                unit_drafts.setdefault(ui, []).append(d)
    drafts += _continuations(lay, unit_drafts)
    drafts += _salient_subjects(text, lay, toks, starts, unit_drafts, lex)
    drafts += _pull_quotes(lay, drafts)
    resolve_drafts(drafts, lex, _person_names(text, toks))
    attributions = [_attribution(article, d) for d in sorted(drafts, key=lambda d: d.content[0])
                    if not d.event_only and d.entity is not None]
    unattributed = _unattributed(article, lay, toks, starts, drafts, lex)
    boiler = tuple(article.span(ln.start, ln.end) for ln in lay.lines
                   if ln.role in (Role.BOILERPLATE, Role.COMMENTS, Role.TRAVEL, Role.BANNER))
    return Extraction(article=article, lang=lang, publisher=trav.publisher, publisher_evidence=trav.publisher_evidence,
                      republished_from=trav.republished_from, translated_by=trav.translated_by,
                      attributions=tuple(_dedupe(attributions)), unattributed=tuple(unattributed),
                      boilerplate=boiler)


def _slice(toks: tuple[nlp.Tok, ...], starts: list[int], s: int, e: int) -> tuple[nlp.Tok, ...]:
    from bisect import bisect_left

    i = bisect_left(starts, s)
    j = bisect_left(starts, e)
    return toks[i:j]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:–—"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.–—"):
        e -= 1
    return s, e


def _draft(text: str, cue: Cue, quotes: list[Quote], lex: Lexicon, unit: Unit) -> Draft | None:
    s, e = _trim(text, cue.content_start, cue.content_end)
    own = list(cue.speaker.via) if cue.speaker is not None else []
    sp = cue.speaker
    if sp is not None and sp.anonymous and sp.outlets and sp.head in lex.g("informant_heads"):
        # `les sources du NYT`, `the Journal's sources`: an outlet's own sources spoke to it
        # (`un responsable du Monde` is one of the paper's staff, not a source it reached).
        own.append(ChannelRef(sp.outlets[-1], ChannelKind.OUTLET, sp.start, sp.end))
    channels = [*own, *cue.channels, *cue.relays]
    words = _WORD.findall(text[s:e])
    head = fold(words[0]) if words else ""
    # `a révélé cette information lors d'un entretien avec …`: the content is a
    # pointer back to words already quoted; only the channel is news.
    opening = " ".join(fold(w) for w in words[:2])
    # `a révélé cette information` only points back; `conteste ces affirmations` is a denial,
    # and the denial is the statement.
    event = not words or ((head in lex.anaphoric_contents or opening in lex.anaphoric_contents)
                          and "que" not in map(fold, words) and not any(q.start >= s for q in quotes)
                          and fold(cue.verb) not in lex.g("denial_verbs"))
    if event and not channels:
        return None
    if head in lex.g("relative_pronouns"):
        return None  # `parmi lesquels …`: a relative clause is not a statement
    # Quotes are counted against the untrimmed content: `"…,"` ends with the mark.
    cs, ce = cue.content_start, cue.content_end
    inside = [q for q in quotes if q.start >= min(s, cs) - 1 and q.end <= max(e, ce) + 1]
    outside = text[s:e]
    for q in reversed(inside):
        outside = outside[:q.start - s] + outside[q.end - s:] if q.start >= s else outside
    bare = _WORD.findall(outside)
    if not inside:
        kind = AttributionKind.INDIRECT
    elif not bare:
        kind = AttributionKind.MIXED if cue.complement is Complement.QUE else AttributionKind.DIRECT
    else:
        kind = AttributionKind.MIXED
    if cue.tail_end > 0 and kind is AttributionKind.DIRECT:
        inside += [q for q in quotes if q.end == cue.tail_end]
    if kind is AttributionKind.DIRECT:
        s, e = inside[0].inner[0], inside[-1].inner[1]
        s, e = _trim(text, s, e)
        while e > s and text[e - 1] in "»”\"":
            e -= 1
        s, e = _trim(text, s, e)
    if s >= e or not _WORD.search(text[s:e]):
        return None
    return Draft(cue.speaker, (cue.cue_start, cue.cue_end), (s, e), kind, channels, event_only=event,
                 line=unit.line)


def _bare_quote_units(lay: Layout, unit_drafts: dict[int, list[Draft]]) -> Iterator[tuple[int, Unit, Quote]]:
    """Sentences that are a quote and nothing else, with no cue of their own."""
    for ui, unit in enumerate(lay.units):
        if ui not in unit_drafts and (q := _bare_quote(lay, unit)) is not None:
            yield ui, unit, q


def _bare_quote(lay: Layout, unit: Unit) -> Quote | None:
    """The quote a sentence is made of, when it holds nothing else."""
    text = lay.text
    qs = [q for q in lay.quotes if q.start >= unit.start and q.end <= unit.end]
    if not qs:
        return None
    rest = text[unit.start:qs[0].start] + text[qs[-1].end:unit.end]
    if len(_WORD.findall(rest)) > 1:
        return None
    return qs[0] if len(qs) == 1 else Quote(qs[0].start, qs[-1].end, True)


def _continuations(lay: Layout, unit_drafts: dict[int, list[Draft]]) -> list[Draft]:
    """A quote standing alone right after a quoted statement continues it."""
    out: list[Draft] = []
    for ui, unit, q in _bare_quote_units(lay, unit_drafts):
        prev = unit_drafts.get(ui - 1)
        if not prev or ui == 0:
            continue
        p = prev[-1]
        prev_unit = lay.units[ui - 1]
        same_line = prev_unit.line == unit.line
        # A quote paragraph right after a paragraph that reports someone continues them.
        next_line = prev_unit.line + 1 == unit.line
        if not (same_line or next_line):
            continue
        s, e = _trim(lay.text, *q.inner)
        if not _WORD.search(lay.text[s:e]):
            continue
        d = Draft(None, p.cue, (s, e), AttributionKind.DIRECT, [], line=unit.line)
        unit_drafts[ui] = [d]
        out.append(d)
    return out


def _pull_quotes(lay: Layout, drafts: list[Draft]) -> list[Draft]:
    """A quote on a line of its own with no cue, repeated later with one (a pull quote)."""
    out: list[Draft] = []
    covered = {d.content for d in drafts}
    text = lay.text
    for line in lay.lines:
        if line.role not in (Role.CONTENT, Role.TITLE):
            continue
        qs = [q for q in lay.quotes if q.start >= line.start and q.end <= line.end]
        before = _WORD.findall(text[line.start:qs[0].start]) if len(qs) == 1 else []
        after = _WORD.findall(text[qs[0].end:line.end]) if len(qs) == 1 else []
        # A quote alone on its line, or a headline `Sujet : « … »`.
        headline = line.role is Role.TITLE and text[line.start:qs[0].start].rstrip().endswith(":") \
            if len(qs) == 1 else False
        if len(qs) != 1 or after or (before and not headline):
            continue
        s, e = _trim(text, *qs[0].inner)
        if any(a <= s < b for a, b in covered) or not _WORD.search(text[s:e]):
            continue
        words = {fold(w) for w in _WORD.findall(text[s:e])}
        best, score = None, 0.0
        for d in drafts:
            other = {fold(w) for w in _WORD.findall(text[d.content[0]:d.content[1]])}
            j = len(words & other) / max(1, len(words | other))
            if j > score and d.content[0] > e:
                best, score = d, j
        if best is not None and score >= 0.5:
            out.append(Draft(best.mention, (qs[0].start, qs[0].start), (s, e), AttributionKind.DIRECT,
                             [], line=best.line, same_as=best))
    return out


def _salient_subjects(text: str, lay: Layout, toks: tuple[nlp.Tok, ...], starts: list[int],
                      unit_drafts: dict[int, list[Draft]], lex: Lexicon) -> list[Draft]:
    """People a sentence is about, though it quotes nobody (`Des habitants, joints par
    téléphone, étaient sous le choc.`): the antecedents of a later `ils` or `elle`, with
    the interview the sentence places them in (`au micro de Ligue 1+`)."""
    out = []
    for ui, unit in enumerate(lay.units):
        if ui in unit_drafts:
            continue
        utoks = _slice(toks, starts, unit.start, unit.end)
        ctx = Context(text, utoks, [q for q in lay.quotes if q.end > unit.start and q.start < unit.end], lex)
        m = subject_mention(ctx)
        if m is not None and m.kind in (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS) and not m.pronoun:
            out.append(Draft(m, (m.start, m.start), (m.start, m.start), AttributionKind.INDIRECT,
                             setting_channels(ctx), event_only=True, line=unit.line))
            out += _quote_after_subject(lay, unit_drafts, ui, m)
    return out


def _quote_after_subject(lay: Layout, unit_drafts: dict[int, list[Draft]], ui: int, m: Mention) -> list[Draft]:
    """`Laurent Bador n'est pas surpris. « On avait senti que ça n'allait pas bien. »`: a
    quote standing alone right after a sentence about a person, in the same paragraph,
    gives that person's words."""
    nxt = ui + 1
    if nxt >= len(lay.units) or nxt in unit_drafts or lay.units[nxt].line != lay.units[ui].line \
            or m.kind is not SpeakerKind.PERSON:
        return []
    q = _bare_quote(lay, lay.units[nxt])
    if q is None:
        return []
    s, e = _trim(lay.text, *q.inner)
    if not _WORD.search(lay.text[s:e]):
        return []
    d = Draft(m, (m.start, m.end), (s, e), AttributionKind.DIRECT, [], line=lay.units[nxt].line)
    unit_drafts[nxt] = [d]
    return [d]


def _person_names(text: str, toks: tuple[nlp.Tok, ...]) -> list[tuple[int, str]]:
    names: list[tuple[int, str]] = []
    k = 0
    while k < len(toks):
        if toks[k].ent == "PER":
            s = k
            while k < len(toks) and toks[k].ent == "PER":
                k += 1
            start, name = toks[s].start, text[toks[s].start:toks[k - 1].end]
            if "\n" in name:  # the tagger ran a name across a line break: a name is on one line
                cut = name.rindex("\n") + 1
                start, name = start + cut, name[cut:]
            if name.strip():
                names.append((start, name))
        else:
            k += 1
    return names


def _attribution(article: Article, d: Draft) -> Attribution:
    ent = d.entity
    assert ent is not None  # filtered by the caller
    mention = d.mention
    speaker = Speaker(
        name=ent.name,
        kind=ent.kind,
        anonymous=ent.anonymous,
        org=ent.org if ent.kind is not SpeakerKind.OUTLET else ent.name,
        role=ent.role,
        institution=ent.org if ent.anonymous else None,
        rank=ent.rank,
        mention=article.span(mention.start, mention.end) if mention else None,
    )
    seen: set[str] = set()
    via = []
    for c in d.channels:
        if c.label and fold(c.label) not in seen and fold(c.label) != fold(ent.name):
            seen.add(fold(c.label))
            via.append(Channel(c.label, c.kind, article.span(c.start, c.end)))
    return Attribution(speaker=speaker, kind=d.kind, cue=article.span(*d.cue),
                       quote=article.span(*d.content), via=tuple(via))


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One statement, one attribution: drop a statement lying inside another's span."""
    out: list[Attribution] = []
    for a in atts:
        if out and out[-1].quote.start <= a.quote.start and a.quote.end <= out[-1].quote.end:
            continue
        out.append(a)
    return out


def _unattributed(article: Article, lay: Layout, toks: tuple[nlp.Tok, ...], starts: list[int],
                  drafts: list[Draft], lex: Lexicon) -> list[Unattributed]:
    out = []
    spans = [span for d in drafts if not d.event_only for span in (d.content, d.cue) if span[1] > span[0]]
    for unit in lay.units:
        if any(s < unit.end and unit.start < e for s, e in spans):
            continue
        utoks = [t for t in _slice(toks, starts, unit.start, unit.end)
                 if not any(q.start <= t.start < q.end for q in lay.quotes)]
        if not utoks:
            continue
        marker = hedge_marker(article.text[utoks[0].start:utoks[-1].end], utoks, lex)
        if marker:
            s, e = _trim(article.text, unit.start, unit.end)
            out.append(Unattributed(article.span(s, e), marker))
    return out
