"""A synthetic news corpus for the audit and linking tests and benchmarks (bench/bench_audit.py).

Claims are built from French reporting templates (actor, action, target,
place, date and consequence), so a corpus of any size has as many distinct
claims as it needs, each copied by a heavy-tailed number of articles. Copies
vary the way real ones do: a hedge added (conditionnel), a clause cut, a
synonym, typographic quotes. Each claim has a true source (a named person or
an unnamed official first quoted by one outlet); most copies keep it, some
drop the attribution, and articles travel through republication chains of
up to three outlets, some translated.

Articles are `kg.model.Extraction`s with real spans, mapped to RDF by
`kg.rdf.build.article_graph`: the benchmark's triples have exactly the shape
`kg ingest` writes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Extraction,
    Outlet,
    Speaker,
    SpeakerKind,
    Statement,
    Unattributed,
)

ACTORS = ["les forces russes", "l'armée syrienne", "des milices pro-iraniennes", "la coalition internationale",
          "les troupes américaines", "des combattants kurdes", "le groupe Wagner", "l'aviation turque",
          "les Gardiens de la révolution", "des rebelles soutenus par Ankara", "la police militaire russe",
          "des drones non identifiés", "les forces spéciales britanniques", "le Hezbollah",
          "des mercenaires russes", "l'armée irakienne", "des tribus arabes", "les forces de défense israéliennes"]
ACTIONS = [("ont bombardé", "auraient bombardé"), ("ont attaqué", "auraient attaqué"),
           ("ont encerclé", "auraient encerclé"), ("ont ravitaillé", "auraient ravitaillé"),
           ("ont évacué", "auraient évacué"), ("ont pris le contrôle de", "auraient pris le contrôle de"),
           ("se sont retirés de", "se seraient retirés de"), ("ont survolé", "auraient survolé"),
           ("ont renforcé", "auraient renforcé"), ("ont détruit", "auraient détruit"),
           ("ont visé", "auraient visé"), ("ont intercepté", "auraient intercepté")]
TARGETS = [("un dépôt d'armes", "un entrepôt de munitions"), ("une base américaine", "une garnison américaine"),
           ("un convoi humanitaire", "une colonne d'aide humanitaire"), ("un poste de contrôle", "un checkpoint"),
           ("un champ pétrolier", "un site d'extraction de pétrole"), ("un hôpital de campagne", "un dispensaire"),
           ("une station radar", "une installation radar"), ("un aéroport militaire", "une base aérienne"),
           ("un pont stratégique", "un ouvrage stratégique"), ("un camp de déplacés", "un camp de réfugiés"),
           ("une centrale électrique", "une usine électrique"), ("un poste frontière", "un point de passage")]
PLACES = ["près d'Al-Tanf", "à Deir ez-Zor", "au nord de Raqqa", "dans la province d'Idleb", "à l'est d'Alep",
          "près de Palmyre", "à Abou Kamal", "dans la région de Hassaké", "près de Qamichli", "à Manbij",
          "au sud de Homs", "près de Lattaquié", "dans le désert de la Badia", "à la frontière irakienne",
          "près du Golan", "à Tabqa", "dans la vallée de l'Euphrate", "près de Kobané"]
CONSEQUENCES = ["tuant au moins {n} personnes", "blessant {n} civils", "selon le maire de {name}",
                "provoquant la fuite de {n} familles vers {name}", "avant de se replier sur {name}",
                "d'après un bilan de l'hôpital de {name}", "en représailles à l'attaque de {name}"]
FIRST = ["Jean", "Marie", "Ahmed", "Oleg", "James", "Sarah", "Youssef", "Anna", "David", "Leïla", "Igor", "Karim",
         "Hélène", "Omar", "Pierre", "Sofia", "Mikhaïl", "Nadia", "Thomas", "Rania"]
LAST = ["Martin", "Haddad", "Petrov", "Jeffrey", "Dubois", "Khalil", "Ivanov", "Mansour", "Lefèvre", "Nasser",
        "Volkov", "Bernard", "Saleh", "Morel", "Kuznetsov", "Azizi", "Girard", "Hamdan", "Sokolov", "Roux"]
UNNAMED = ["un responsable du Pentagone", "un haut responsable militaire américain", "une source sécuritaire",
           "un diplomate occidental", "un responsable kurde", "des sources locales", "un officier russe",
           "une source proche du dossier", "un responsable du renseignement", "un commandant rebelle"]
SYLLABLES = ["kaf", "ra", "tel", "ab", "dar", "mu", "sal", "ha", "jeb", "el", "qa", "rum", "bir", "nah", "ash",
             "zor", "ma", "din", "sha", "ya", "bu", "kam", "lu", "ti"]
UNITS = ["de la 4e division", "du secteur nord", "basés à Hama", "venus d'Irak", "du commandement central",
         "de la brigade 93", "en patrouille", "appuyés par des hélicoptères", "de la garde républicaine",
         "de la base de Hmeimim", "récemment déployés", "sous commandement conjoint", "", "", ""]
QUALIFIERS = ["tenu par l'opposition", "récemment construit", "sous contrôle kurde", "utilisé par l'ONU",
              "abandonné depuis 2019", "gardé par des civils armés", "près d'une école", "en bordure de route",
              "réaménagé par l'armée", "", "", ""]
# Each claim words its place and date in its own way, as different reporters do.
LOCATED = ["{place}, au lieu-dit {name}", "{place}, dans le secteur de {name}", "{place} (quartier de {name})",
           "dans la zone de {name}, {place}", "{place}, aux abords de {name}"]
NEAR = ["près de {name}", "non loin de {name}", "à quelques kilomètres de {name}", "en direction de {name}",
        "sur la route de {name}"]
DATED = ["le {d} {m} {y}", "dans la nuit du {d} {m} {y}", "au matin du {d} {m} {y}", "en {m} {y}",
         "vers le {d} {m}", "le {d}/{y}"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def _name(r: random.Random) -> str:
    """A place or person name of its own: two to four syllables."""
    return "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 4))).capitalize()


OUTLETS = ["AFP", "Reuters", "Associated Press", "SANA", "TASS", "RIA Novosti", "Al-Monitor", "The Cradle",
           "Aube Digitale", "Réseau International", "South Front", "MIRASTNEWS", "Al-Akhbar", "Al Jazeera",
           "CNN", "The Telegraph", "Military Times", "Le Monde", "Le Figaro", "Libération", "RT France",
           "Sputnik", "Anadolu", "North Press Agency", "Middle East Eye", "L'Orient-Le Jour", "France 24",
           "BBC", "The Guardian", "Al-Mayadeen"] + [f"Le Courrier de {c}" for c in (
           "l'Est", "Damas", "Beyrouth", "Genève", "Montréal", "Dakar", "Tunis", "Alger", "Bruxelles", "Lyon",
           "Lille", "Marseille", "Nantes", "Rennes", "Toulouse", "Bordeaux", "Nice", "Metz", "Brest", "Caen")]


@dataclass(frozen=True)
class ClaimSeed:
    """One synthetic claim: its wording parts and its true source."""

    actor: str
    action: tuple[str, str]
    target: tuple[str, str]
    place: str
    date: str
    consequence: str
    village: str  # a name of its own, as real claims have: no two claims are one template apart
    speaker: Speaker
    first_outlet: str | None

    def text(self, rng: random.Random) -> tuple[str, bool]:
        """One copy's wording, and whether it hedges."""
        hedged = rng.random() < 0.2
        verb = self.action[1] if hedged else self.action[0]
        target = self.target[1] if rng.random() < 0.2 else self.target[0]
        parts = [self.actor, verb, target, self.place + ",", self.village + ",", self.date]
        parts = [p for p in parts if p]
        if rng.random() < 0.75:  # some copies cut the last clause
            parts[-1] += ", " + self.consequence
        text = " ".join(" ".join(parts).split()).replace(" de un ", " d'un ").replace(" de une ", " d'une ")
        text = text[0].upper() + text[1:]
        if rng.random() < 0.3:
            text = text.replace("'", "’")
        return text, hedged


class Corpus:
    """A reproducible stream of claims and articles."""

    def __init__(self, claims: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.seeds = [self._claim() for _ in range(claims)]

    def _claim(self) -> ClaimSeed:
        r = self.rng
        if r.random() < 0.5:
            speaker = Speaker(name=r.choice(UNNAMED), kind=SpeakerKind.ANONYMOUS, anonymous=True)
            first: str | None = r.choice(OUTLETS)
        else:
            speaker = Speaker(name=f"{r.choice(FIRST)} {r.choice(LAST)}", kind=SpeakerKind.PERSON, anonymous=False)
            first = r.choice(OUTLETS) if r.random() < 0.4 else None
        n = str(r.randint(2, 60))
        village = r.choice(NEAR).format(name=" ".join(_name(r) for _ in range(2)))
        target = r.choice(TARGETS)
        qualifier = r.choice(QUALIFIERS)
        return ClaimSeed(actor=f"{r.choice(ACTORS)} {r.choice(UNITS)}", action=r.choice(ACTIONS),
                         target=(f"{target[0]} {qualifier}", f"{target[1]} {qualifier}"),
                         place=r.choice(LOCATED).format(place=r.choice(PLACES), name=_name(r)),
                         date=r.choice(DATED).format(d=r.randint(1, 28), m=r.choice(MONTHS), y=r.randint(2012, 2024)),
                         consequence=r.choice(CONSEQUENCES).format(n=n, name=_name(r)), village=village,
                         speaker=speaker, first_outlet=first)

    def pick_index(self) -> int:
        # Skewed toward the first claims: the top 1% get a fifth of all copies
        # ("everywhere"), most of the rest appear once or twice.
        return int(len(self.seeds) * self.rng.random() ** 3)

    def pick(self) -> ClaimSeed:
        return self.seeds[self.pick_index()]

    def statements(self, n: int) -> tuple[list[Statement], list[int]]:
        """n statements of the corpus's claims, as linking reads them from a store, and each one's claim."""
        out = []
        truth = []
        for i in range(n):
            k = self.pick_index()
            truth.append(k)
            text, _ = self.seeds[k].text(self.rng)
            out.append(Statement(article_id=f"s{i // 10:06d}", start=(i % 10) * 1000, end=(i % 10) * 1000 + len(text),
                                 text=text))
        return out, truth

    def articles(self) -> Iterator[Extraction]:
        """An endless stream of articles, each with 6-14 statements and its own travel."""
        r = self.rng
        i = 0
        while True:
            yield self._article(f"bench-{i:07d}", r)
            i += 1

    def _article(self, aid: str, r: random.Random) -> Extraction:
        text = ""
        quotes: list[tuple[int, int, bool]] = []  # unattributed copies: start, end, hedged
        said: list[tuple[int, int, int, int, Speaker, str | None]] = []  # quote, cue, speaker, channel
        for _ in range(r.randint(6, 14)):
            seed = self.pick()
            quote, hedged = seed.text(r)
            if hedged and r.random() < 0.5:  # the attribution dropped, the hedge kept
                quotes.append((len(text), len(text) + len(quote), hedged))
                text += quote + ". "
                continue
            keep = r.random() < 0.85  # most copies keep the claim's true source
            speaker = seed.speaker if keep else Speaker(name=r.choice(UNNAMED), kind=SpeakerKind.ANONYMOUS,
                                                        anonymous=True)
            outlet = seed.first_outlet if keep else r.choice(OUTLETS)
            start = len(text) + 2
            text += f"« {quote} », "
            cue = len(text)
            text += "a déclaré" + f" {speaker.name}" + (f" à {outlet}" if outlet else "") + ". "
            said.append((start, start + len(quote), cue, cue + len("a déclaré"), speaker, outlet))
        article = Article(id=aid, text=text, lang="fr")
        attributions = tuple(
            Attribution(speaker=speaker, kind=AttributionKind.DIRECT, cue=article.span(cs, ce),
                        quote=article.span(qs, qe),
                        via=(Channel(outlet, ChannelKind.OUTLET),) if outlet else ())
            for qs, qe, cs, ce, speaker, outlet in said)
        unattributed = tuple(Unattributed(article.span(qs, qe), "auraient") for qs, qe, _ in quotes)
        chain = tuple(Outlet(o) for o in r.sample(OUTLETS, r.choice((0, 0, 1, 1, 2, 3))))
        publisher = Outlet(r.choice(OUTLETS))
        translator = publisher if r.random() < 0.15 else None
        return Extraction(article=article, lang="fr", publisher=publisher, republished_from=chain,
                          translated_by=translator, attributions=attributions, unattributed=unattributed)
