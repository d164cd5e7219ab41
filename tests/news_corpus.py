"""Realistic French and English news articles at any size, streamed to JSONL (bench/bench_scale.py).

`tests/synthetic_corpus.py` builds extractions directly, for the audit; this
module writes the article *texts* a crawl would hand to `kg ingest`, so every
stage runs on them: reading, language, extraction, RDF, store, linking, audit.

Each article is planned first (which claims, who says them, which reactions,
background and hedges), then rendered in French or English with the
constructions reporters use:

- direct quotes (`« … », a déclaré X`, `X said: "…"`, `« … », a-t-elle ajouté`),
  indirect speech (`X a affirmé que …`, `X told Reuters …`), `selon X`,
  `d'après X`, `according to X`, a statement given to an outlet
  (`a déclaré à l'AFP`), mixed speech (`a jugé la décision « brutale »`);
- anonymous sources (`une source proche du dossier`, `who spoke on condition
  of anonymity`) and an outlet as the source (`rapporte Reuters`);
- hedged claims with no source (`auraient été blessées`, `reportedly`);
- the article's own travel: a wire dateline (`Lyon, 3 mars (AFP) -`),
  republication credits (`Source : X via Y`, `(Avec AFP)`, `This article was
  originally published by X`), translation credits.

Claims live in a sliding window, as a news cycle does: most articles take up a
claim already told (skewed toward recent ones), so the same claim reaches
many outlets. A quarter of the articles are copies of a recent one: credited
republications, uncredited copies (word for word, or reworded: the same plan
rendered again with other constructions) and translations into the other
language. Everything the generator keeps is bounded (the window, the recent
plans), so writing 100k articles uses the same memory as writing 1k.

Every sentence is composed from the templates below; names of companies are
invented, place names are real. Reproducible: the same seed and size give
the same file.

    python tests/news_corpus.py corpus.jsonl --articles 10000 [--seed 5]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Pairs are (French, English) throughout.
CITIES = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes", "Strasbourg", "Bordeaux", "Rennes",
          "Grenoble", "Bruxelles", "Genève", "Montréal", "Dakar", "Abidjan", "Tunis", "Rabat", "Liège",
          "Lausanne", "Québec", "Rouen", "Metz", "Dijon", "Brest", "Nice", "Namur", "Sherbrooke", "Bamako"]
COUNTRIES = [("en France", "in France"), ("en Belgique", "in Belgium"), ("en Allemagne", "in Germany"),
             ("en Espagne", "in Spain"), ("en Italie", "in Italy"), ("au Canada", "in Canada"),
             ("au Maroc", "in Morocco"), ("en Suisse", "in Switzerland"), ("au Sénégal", "in Senegal")]
MONTHS = [("janvier", "January"), ("février", "February"), ("mars", "March"), ("avril", "April"),
          ("mai", "May"), ("juin", "June"), ("juillet", "July"), ("août", "August"),
          ("septembre", "September"), ("octobre", "October"), ("novembre", "November"),
          ("décembre", "December")]
WEEKDAYS = [("lundi", "Monday"), ("mardi", "Tuesday"), ("mercredi", "Wednesday"), ("jeudi", "Thursday"),
            ("vendredi", "Friday"), ("samedi", "Saturday"), ("dimanche", "Sunday")]
MINISTRIES = [("de l'Économie", "Economy"), ("de la Santé", "Health"), ("de l'Intérieur", "Interior"),
              ("de la Transition écologique", "Environment"), ("de l'Agriculture", "Agriculture"),
              ("des Affaires étrangères", "Foreign"), ("du Travail", "Labour"), ("des Transports", "Transport")]
TOPICS = [("la fin de vie", "end-of-life care"), ("l'assurance chômage", "unemployment insurance"),
          ("la sécurité routière", "road safety"), ("le logement social", "social housing"),
          ("la protection des données", "data protection"), ("l'immigration", "immigration")]
DISEASES = [("dengue", "dengue"), ("choléra", "cholera"), ("rougeole", "measles"), ("grippe aviaire", "bird flu")]
INSTITUTES = [("l'Inserm", "Inserm"), ("l'université de Lyon", "the University of Lyon"),
              ("Sciences Po", "Sciences Po"), ("l'Institut Pasteur", "the Pasteur Institute"),
              ("l'université Laval", "Laval University"),
              ("l'université libre de Bruxelles", "the Free University of Brussels")]
UNIONS = ["CGT", "CFDT", "FO", "Unsa", "SUD"]
FIRST_M = ["Jean", "Pierre", "Ahmed", "Thomas", "Karim", "Luc", "Mamadou", "Nicolas", "Olivier", "Youssef",
           "David", "Marc", "Antoine", "Samir", "Julien", "François", "Didier", "Hugo", "Omar", "Paul"]
FIRST_F = ["Marie", "Sophie", "Leïla", "Claire", "Nadia", "Isabelle", "Aminata", "Julie", "Fatima", "Anne",
           "Camille", "Sarah", "Hélène", "Inès", "Laure", "Chloé", "Rania", "Valérie", "Agnès", "Emma"]
LAST = ["Martin", "Dubois", "Haddad", "Lefèvre", "Moreau", "Diallo", "Garnier", "Benali", "Roux", "Fontaine",
        "Mercier", "Chevalier", "Traoré", "Lambert", "Bonnet", "Girard", "Mansouri", "Perrin", "Leclerc",
        "Gauthier", "Tremblay", "Nguyen", "Rousseau", "Faure", "Blanc", "Guérin", "Baptiste", "Colin"]
SYLLABLES = ["van", "tor", "mer", "idel", "sol", "kar", "ia", "nex", "ora", "pli", "dis", "tel", "ve", "quan",
             "lys", "gro", "via", "ren", "sto", "ax"]
ORG_KINDS = [("le groupe {}", "the {} group"), ("la société {}", "{}"), ("l'assureur {}", "insurer {}"),
             ("le constructeur {}", "carmaker {}"), ("l'opérateur {}", "operator {}"),
             ("le distributeur {}", "retailer {}"), ("le laboratoire {}", "drugmaker {}")]
WIRES = ["AFP", "Reuters", "Associated Press", "Belga", "Anadolu", "la Presse canadienne"]
OUTLETS = ["Le Monde", "Le Figaro", "Libération", "Ouest-France", "La Voix du Nord", "Le Soir", "La Libre",
           "Le Temps", "La Presse", "Le Devoir", "Jeune Afrique", "France 24", "RFI", "Euronews",
           "The Guardian", "The Independent", "CBC News", "The Globe and Mail", "Politico Europe",
           "Le Courrier de l'Ouest", "L'Écho du Rhône", "Info Hebdo Sud", "La Gazette du Nord",
           "Réseau Citoyen", "Le Relais Info", "Nouvelles du Jour", "Daily Wire Digest", "World News Now"]

# Roles as (masculine French, feminine French, English); {org}, {city}, … are filled per person.
ROLES = [("porte-parole de {org}", "porte-parole de {org}", "a spokesperson for {org}"),
         ("directeur général de {org}", "directrice générale de {org}", "chief executive of {org}"),
         ("président de {org}", "présidente de {org}", "chair of {org}"),
         ("ministre {ministry}", "ministre {ministry}", "{ministry_en} minister"),
         ("maire de {city}", "maire de {city}", "mayor of {city}"),
         ("économiste chez {org}", "économiste chez {org}", "an economist at {org}"),
         ("secrétaire général de la {union}", "secrétaire générale de la {union}", "head of the {union} union"),
         ("chercheur à {institute}", "chercheuse à {institute}", "a researcher at {institute_en}"),
         ("procureur de {city}", "procureure de {city}", "the {city} prosecutor"),
         ("préfet de {city}", "préfète de {city}", "the state's representative in {city}")]
ANONYMOUS = [("une source proche du dossier", "a source familiar with the matter"),
             ("un responsable du ministère", "a ministry official"),
             ("un diplomate européen", "a European diplomat"),
             ("un cadre de {org}", "an executive at {org}"),
             ("une source syndicale", "a union source"),
             ("un haut fonctionnaire", "a senior official"),
             ("une source gouvernementale", "a government source"),
             ("un enquêteur", "an investigator")]

# Claims: French proposition, English proposition, and the first-person wording an insider uses.
CLAIMS = [
    ("{org} va supprimer {k} postes {country} d'ici {year}", "{org_en} will cut {k} jobs {country_en} by {year}",
     "Nous allons supprimer {k} postes {country} d'ici {year}", "We will cut {k} jobs {country_en} by {year}"),
    ("{org} prévoit d'investir {n} millions d'euros dans une usine à {city}",
     "{org_en} plans to invest {n} million euros in a plant in {city}",
     "Nous investirons {n} millions d'euros dans une usine à {city}",
     "We will invest {n} million euros in a plant in {city}"),
    ("le gouvernement compte relever le salaire minimum de {p} % au 1er {month}",
     "the government intends to raise the minimum wage by {p}% on {month_en} 1",
     "Nous relèverons le salaire minimum de {p} % au 1er {month}",
     "We will raise the minimum wage by {p}% on {month_en} 1"),
    ("la banque centrale devrait maintenir ses taux inchangés en {month}",
     "the central bank is expected to keep its rates unchanged in {month_en}", None, None),
    ("l'épidémie de {disease} a fait {n} morts dans la région de {city} depuis {month}",
     "the {disease_en} outbreak has killed {n} people in the {city} region since {month_en}", None, None),
    ("les pluies torrentielles ont contraint {k} habitants de {city} à quitter leur domicile",
     "torrential rain has forced {k} residents of {city} to leave their homes", None, None),
    ("la manifestation prévue {weekday} à {city} a été interdite",
     "the protest planned for {weekday_en} in {city} has been banned",
     "Nous avons interdit la manifestation prévue {weekday} à {city}",
     "We have banned the protest planned for {weekday_en} in {city}"),
    ("{org} a reçu une offre de rachat de {k} millions d'euros",
     "{org_en} has received a {k} million euro takeover offer",
     "Nous avons reçu une offre de rachat de {k} millions d'euros",
     "We have received a {k} million euro takeover offer"),
    ("les négociations entre {org} et les syndicats ont échoué {weekday}",
     "talks between {org_en} and the unions broke down on {weekday_en}", None, None),
    ("le projet de loi sur {topic} sera présenté en Conseil des ministres en {month}",
     "the bill on {topic_en} will be presented to the cabinet in {month_en}",
     "Nous présenterons le projet de loi sur {topic} en Conseil des ministres en {month}",
     "We will present the bill on {topic_en} to the cabinet in {month_en}"),
    ("{n} personnes ont été interpellées en marge de la manifestation de {city}",
     "{n} people were arrested on the sidelines of the protest in {city}", None, None),
    ("le trafic ferroviaire restera perturbé jusqu'à {weekday} entre {city} et {city2}",
     "rail traffic between {city} and {city2} will remain disrupted until {weekday_en}", None, None),
    ("{org} a enregistré une perte nette de {n} millions d'euros au premier semestre",
     "{org_en} posted a net loss of {n} million euros in the first half",
     "Nous avons enregistré une perte nette de {n} millions d'euros au premier semestre",
     "We posted a net loss of {n} million euros in the first half"),
    ("l'incendie a détruit plus de {k} hectares de forêt près de {city}",
     "the fire has destroyed more than {k} hectares of forest near {city}", None, None),
    ("les prix de l'énergie devraient baisser de {p} % d'ici la fin de l'année",
     "energy prices should fall by {p}% by the end of the year", None, None),
    ("{org} a été visé par une cyberattaque qui a paralysé ses services pendant {n} heures",
     "{org_en} was hit by a cyberattack that paralysed its services for {n} hours",
     "Nous avons été visés par une cyberattaque qui a paralysé nos services pendant {n} heures",
     "We were hit by a cyberattack that paralysed our services for {n} hours"),
    ("l'enquête porte sur des soupçons de corruption autour d'un contrat de {n} millions d'euros",
     "the investigation concerns suspected corruption over a {n} million euro contract", None, None),
    ("le taux de chômage a reculé à {p},{d} % au troisième trimestre",
     "the unemployment rate fell to {p}.{d}% in the third quarter", None, None),
    ("{org} compte ouvrir {n} magasins {country} l'an prochain",
     "{org_en} plans to open {n} stores {country_en} next year",
     "Nous ouvrirons {n} magasins {country} l'an prochain", "We will open {n} stores {country_en} next year"),
    ("la ligne de tramway de {city} ne sera pas livrée avant {year}",
     "the {city} tram line will not be completed before {year}", None, None),
]
REACTIONS = [("C'est une décision inacceptable pour les salariés", "This decision is unacceptable for workers"),
             ("Nous ne laisserons pas faire", "We will not let this happen"),
             ("La situation reste très préoccupante", "The situation remains very worrying"),
             ("Il faut attendre les conclusions de l'enquête", "We must wait for the findings of the investigation"),
             ("Personne n'a été prévenu à l'avance", "Nobody was warned in advance"),
             ("Nous avons fait tout ce qui était possible", "We did everything we could"),
             ("Les chiffres parlent d'eux-mêmes", "The figures speak for themselves"),
             ("Ce n'est que le début", "This is only the beginning"),
             ("On nous avait promis exactement le contraire", "We were promised exactly the opposite"),
             ("Le dialogue reste ouvert", "The door to dialogue remains open")]
ADJECTIVES = [("irresponsable", "irresponsible"), ("historique", "historic"), ("brutale", "brutal"),
              ("prématurée", "premature"), ("courageuse", "courageous")]
HEDGES = [("{org} aurait déjà engagé des discussions avec plusieurs repreneurs",
           "{org_en} has reportedly already held talks with several buyers"),
          ("plusieurs dizaines de personnes auraient été blessées lors des affrontements",
           "dozens of people were reportedly injured in the clashes"),
          ("des documents internes auraient été transmis à la justice",
           "internal documents have reportedly been handed to prosecutors"),
          ("le ministre aurait envisagé de démissionner", "the minister reportedly considered resigning"),
          ("les forces de l'ordre auraient fait usage de gaz lacrymogène", "police reportedly used tear gas")]
FILLERS = [("La réunion doit reprendre {weekday} à {city}.", "The meeting is due to resume on {weekday_en} in {city}."),
           ("{org_cap} emploie environ {k} salariés dans le monde.",
            "{org_en_cap} employs about {k} people worldwide."),
           ("Le texte doit ensuite être examiné par le Sénat.", "The text must then go before the Senate."),
           ("Aucun incident n'avait été signalé en fin de journée.", "No incidents had been reported by evening."),
           ("Une nouvelle réunion est prévue en {month}.", "A further meeting is scheduled for {month_en}."),
           ("Les secours ont été mobilisés toute la nuit.", "Emergency services worked through the night."),
           ("Le dossier suscite de vives tensions au sein de la majorité.",
            "The issue has caused sharp tensions within the ruling majority."),
           ("L'action a clôturé en baisse de {p} % à la Bourse.", "Its shares closed down {p}% on the stock market."),
           ("Le bilan pourrait encore s'alourdir.", "The toll could still rise."),
           ("Cette annonce intervient après plusieurs mois de discussions.",
            "The announcement follows several months of talks."),
           ("Les syndicats ont appelé à une journée de mobilisation le {day} {month}.",
            "Unions have called for a day of action on {month_en} {day}."),
           ("Le site de {city} compte {k} salariés.", "The {city} site employs {k} people."),
           ("L'opposition réclame l'ouverture d'une commission d'enquête.",
            "The opposition is calling for a parliamentary inquiry."),
           ("Les autorités ont ouvert une cellule d'aide psychologique.",
            "The authorities have set up a support unit for those affected."),
           ("Plusieurs routes restaient coupées {weekday} matin.",
            "Several roads were still closed on {weekday_en} morning."),
           ("Le conseil d'administration doit se prononcer en {month}.", "The board is due to decide in {month_en}."),
           ("Les discussions avaient été suspendues à la fin de l'été.",
            "Talks had been suspended at the end of the summer."),
           ("Le chantier avait déjà pris {n} mois de retard.", "The project was already {n} months behind schedule.")]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    feminine: bool
    role: tuple[str, str]  # French, English; already filled

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Claim:
    prop: tuple[str, str]  # third person, lower-case start unless a name
    insider: tuple[str, str] | None  # the same claim in the speaker's own voice
    person: Person | None  # None: an anonymous source
    anonymous: tuple[str, str]
    wire: str  # the agency that first reported it


@dataclass(frozen=True)
class Item:
    """One paragraph of a plan: a claim told, a reaction, a hedge or background; rendered per language."""

    kind: str  # claim | reaction | hedge | filler
    claim: Claim | None = None
    person: Person | None = None
    text: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Plan:
    items: tuple[Item, ...]
    city: str
    day: int
    month: int
    year: int


def _fr(text: str) -> str:
    """French contractions a template cannot know in advance (`de le groupe` → `du groupe`)."""
    text = re.sub(r"\bde le\b", "du", text)
    text = re.sub(r"\bde les\b", "des", text)
    text = re.sub(r"\bà le\b", "au", text)
    text = re.sub(r"\bà les\b", "aux", text)
    text = re.sub(r"\b(que|de|jusque|lorsque) ([aeiouéèêhAEIOUÉ])", r"\1'\2", text)
    return re.sub(r"\b(qu|d|jusqu|lorsqu)e'", r"\1'", text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class NewsCorpus:
    """A reproducible, endless stream of article records (dicts ready for one JSONL line)."""

    def __init__(self, seed: int = 5, window: int = 3000, english: float = 0.3) -> None:
        self.rng = random.Random(seed)
        self.english = english
        r = random.Random(seed + 1)
        names = sorted({"".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))).capitalize()
                        for _ in range(120)})
        self.orgs = [(fr.format(n), en.format(n), n) for n in names for fr, en in [r.choice(ORG_KINDS)]]
        self.claims: deque[Claim] = deque(maxlen=window)  # the news cycle: old claims drop out
        self.recent: deque[tuple[Plan, str, str, str]] = deque(maxlen=200)  # plan, lang, body, publisher

    # ------------------------------------------------------------------ planning

    def _slots(self) -> dict[str, str]:
        r = self.rng
        org = r.choice(self.orgs)
        month, weekday, country, topic = r.choice(MONTHS), r.choice(WEEKDAYS), r.choice(COUNTRIES), r.choice(TOPICS)
        disease, ministry, institute = r.choice(DISEASES), r.choice(MINISTRIES), r.choice(INSTITUTES)
        return {"org": org[0], "org_en": org[1], "org_cap": _cap(org[0]), "org_en_cap": _cap(org[1]),
                "org_name": org[2], "n": str(r.randint(2, 90)), "k": str(r.randint(12, 250) * 10),
                "p": str(r.randint(1, 12)), "d": str(r.randint(0, 9)), "day": str(r.randint(1, 28)),
                "year": str(r.randint(2025, 2030)),
                "city": r.choice(CITIES), "city2": r.choice(CITIES), "month": month[0], "month_en": month[1],
                "weekday": weekday[0], "weekday_en": weekday[1], "country": country[0], "country_en": country[1],
                "topic": topic[0], "topic_en": topic[1], "disease": disease[0], "disease_en": disease[1],
                "ministry": ministry[0], "ministry_en": ministry[1], "union": r.choice(UNIONS),
                "institute": institute[0], "institute_en": institute[1]}

    def _person(self, s: dict[str, str], insider: bool) -> Person:
        r = self.rng
        feminine = r.random() < 0.45
        role = ROLES[r.choice([0, 1, 2])] if insider else r.choice(ROLES[3:])
        slots = {**s, "org": s["org_name"]}
        return Person(r.choice(FIRST_F if feminine else FIRST_M), r.choice(LAST), feminine,
                      (_fr(role[1 if feminine else 0].format(**slots)), role[2].format(**slots)))

    def _claim(self) -> Claim:
        r = self.rng
        s = self._slots()
        fr, en, ifr, ien = r.choice(CLAIMS)
        insider = ifr is not None and r.random() < 0.5
        person = None if r.random() < 0.3 else self._person(s, insider)
        anon = r.choice(ANONYMOUS)
        return Claim(prop=(_fr(fr.format(**s)), en.format(**s)),
                     insider=(_fr(ifr.format(**s)), ien.format(**s)) if insider and ifr and ien else None,
                     person=person, anonymous=(_fr(anon[0].format(**s)), anon[1].format(**s)),
                     wire=r.choice(WIRES))

    def _pick_claim(self) -> Claim:
        r = self.rng
        if not self.claims or r.random() < 0.35:
            self.claims.append(self._claim())
            return self.claims[-1]
        # Recent claims are retold most; a few old ones come back.
        return self.claims[-1 - int(len(self.claims) * r.random() ** 4)]

    def _plan(self) -> Plan:
        r = self.rng
        lead = self._pick_claim()
        items: list[Item] = [Item("claim", claim=lead)]
        if lead.person is not None and r.random() < 0.6:  # the lead's speaker goes on (`a-t-il ajouté`)
            items.append(Item("reaction", person=lead.person, text=r.choice(REACTIONS)))
        told = {lead.prop}
        for _ in range(r.randint(7, 12)):
            x = r.random()
            if x < 0.45:
                claim = self._pick_claim()
                if claim.prop not in told:  # a claim is told once an article
                    told.add(claim.prop)
                    items.append(Item("claim", claim=claim))
            elif x < 0.7:
                items.append(Item("reaction", person=self._person(self._slots(), False), text=r.choice(REACTIONS)))
            elif x < 0.78:
                s = self._slots()
                fr, en = r.choice(HEDGES)
                items.append(Item("hedge", text=(_fr(fr.format(**s)), en.format(**s))))
            else:
                s = self._slots()
                picked = r.sample(FILLERS, r.randint(1, 3))  # background comes a few sentences at a time
                items.append(Item("filler", text=(" ".join(_fr(f.format(**s)) for f, _ in picked),
                                                  " ".join(e.format(**s) for _, e in picked))))
        return Plan(tuple(items), r.choice(CITIES), r.randint(1, 28), r.randint(0, 11), r.randint(2024, 2026))

    # ------------------------------------------------------------------ rendering

    def _render(self, plan: Plan, lang: str) -> list[str]:
        """The plan's paragraphs in one language; the constructions are drawn afresh at each call."""
        r = self.rng
        seen: set[str] = set()
        paragraphs: list[str] = []
        last: Person | None = None
        for item in plan.items:
            if item.kind == "claim" and item.claim is not None:
                text, last = self._say(item.claim, lang, seen, last)
            elif item.kind == "reaction" and item.person is not None:
                text = self._react(item.person, item.text, lang, seen, last)
                last = item.person
            elif item.kind == "hedge":
                text = _cap(item.text[lang == "en"]) + "."
            else:
                text = item.text[lang == "en"]
            # Reporters group two or three sentences a paragraph.
            if paragraphs and r.random() < 0.35:
                paragraphs[-1] += " " + text
            else:
                paragraphs.append(text)
        return paragraphs

    def _who(self, p: Person, lang: str, seen: set[str]) -> str:
        """First mention: name and role; later: civility and surname, as papers write them."""
        if p.name in seen:
            if lang == "en":
                return p.last
            return f"{'Mme' if p.feminine else 'M.'} {p.last}"
        seen.add(p.name)
        if lang == "en":
            return f"{p.name}, {p.role[1]},"
        if self.rng.random() < 0.6:
            return f"{p.name}, {p.role[0]},"
        return f"{'la' if p.feminine else 'le'} {p.role[0]}, {p.name},"

    def _say(self, c: Claim, lang: str, seen: set[str], last: Person | None) -> tuple[str, Person | None]:
        r = self.rng
        en = lang == "en"
        prop = c.prop[en]
        outlet = c.wire if r.random() < 0.4 else None
        if c.person is None:  # an anonymous source, or the outlet itself
            anon = c.anonymous[en]
            if en:
                wire = _wire_en(c.wire)
                forms = [f"{_cap(prop)}, {anon} said.", f"According to {anon}, {prop}.",
                         f"\"{_cap(prop)},\" said {anon}, who spoke on condition of anonymity.",
                         f"{_cap(anon)} told {wire} that {prop}.", f"{_cap(wire)} reported that {prop}."]
            else:
                forms = [f"Selon {anon}, {prop}.", f"{_cap(prop)}, a indiqué {anon} sous couvert d'anonymat.",
                         f"« {_cap(prop)} », a confié à {_wire_fr(c.wire)} {anon}.",
                         f"{_cap(anon)}, qui a requis l'anonymat, a affirmé que {prop}.",
                         f"{_cap(prop)}, rapporte {_wire_fr(c.wire, subject=True)}."]
            return _fr(r.choice(forms)) if not en else r.choice(forms), None
        who = self._who(c.person, lang, seen)
        bare = who.rstrip(",")
        quote = _cap(c.insider[en]) if c.insider else _cap(prop)
        pron = ("she" if c.person.feminine else "he") if en else ("elle" if c.person.feminine else "il")
        if en:
            to = f" told {_wire_en(outlet)}" if outlet else " said"
            forms = [f"{_cap(who)}{to} that {prop}.", f"According to {bare}, {prop}.",
                     f"\u201c{quote},\u201d {who} said.", f"{_cap(who)} said: \"{quote}.\"",
                     f"{_cap(prop)}, {who} said on {r.choice(WEEKDAYS)[1]}."]
            if last == c.person:
                forms.append(f"\u201c{quote},\u201d {pron} added.")
        else:
            to = f" à {_wire_fr(outlet)}" if outlet else ""
            verb = r.choice(["a déclaré", "a affirmé", "a assuré", "a indiqué", "a annoncé"])
            forms = [f"{_cap(who)} {verb}{to} que {prop}.", f"Selon {bare}, {prop}.", f"D'après {bare}, {prop}.",
                     f"« {quote} », {verb} {who if to else bare}{to}.", f"{_cap(who)} {verb}{to} : « {quote} ».",
                     f"{_cap(prop)}, {r.choice(['a annoncé', 'a précisé', 'a fait savoir'])} {bare}.",
                     f"« {quote} », estime {bare}."]
            if last == c.person:
                forms.append(f"« {quote} », a-t-{pron} ajouté.")
        text = r.choice(forms)
        return (text if en else _fr(text)), c.person

    def _react(self, p: Person, words: tuple[str, str], lang: str, seen: set[str], last: Person | None) -> str:
        r = self.rng
        if last == p and r.random() < 0.8:  # the same speaker goes on: a pronoun is enough
            if lang == "en":
                return f"\u201c{words[1]},\u201d {'she' if p.feminine else 'he'} added."
            verb = r.choice(["ajouté", "poursuivi", "insisté"])
            return f"« {words[0]} », a-t-{'elle' if p.feminine else 'il'} {verb}."
        who = self._who(p, lang, seen)
        bare = who.rstrip(",")
        adj = r.choice(ADJECTIVES)
        if lang == "en":
            return r.choice([f"\u201c{words[1]},\u201d {who} said.", f"{_cap(who)} said: \u201c{words[1]}.\u201d",
                             f"{_cap(who)} called the decision \u201c{adj[1]}\u201d."])
        return _fr(r.choice([f"« {words[0]} », a réagi {bare}.", f"{_cap(who)} a dénoncé : « {words[0]} ».",
                             f"« {words[0]} », a lancé {bare}.",
                             f"{_cap(who)} a jugé la décision « {adj[0]} »."]))

    # ------------------------------------------------------------------ articles

    def _credit(self, lang: str, chain: list[str], translator: str | None) -> str:
        """The closing lines naming where the text came from; `chain` runs from the origin to the outlet copied."""
        r = self.rng
        parts: list[str] = []
        if translator is not None:
            parts.append(f"Traduit de l'anglais par {translator}." if lang == "fr"
                         else f"Translated from French by {translator}.")
        colon = " :" if lang == "fr" else ":"
        if len(chain) >= 2:  # taken from chain[1], which had it from chain[0]
            parts.append(f"Source{colon} {chain[0]} via {chain[1]}")
        elif chain and lang == "fr":
            parts.append(r.choice([f"Source : {chain[0]}", f"(Avec {chain[0]})",
                                   f"Cet article a été publié initialement par {chain[0]}."]))
        elif chain:
            parts.append(r.choice([f"Source: {chain[0]}", f"This article was originally published by {chain[0]}."]))
        return "\n\n".join(parts)

    def _record(self, i: int, plan: Plan, lang: str, body: str, publisher: str, credit: str) -> dict[str, str]:
        r = self.rng
        month = MONTHS[plan.month][lang == "en"]
        title = plan.items[0].claim.prop[lang == "en"] if plan.items[0].claim else ""
        lines = [_cap(title.split(", ")[0]) + ("" if r.random() < 0.5 else " (" + plan.city + ")")]
        if r.random() < 0.5:  # a site's byline
            lines.append(f"Par {r.choice(FIRST_F + FIRST_M)} {r.choice(LAST)}" if lang == "fr"
                         else f"By {r.choice(FIRST_F + FIRST_M)} {r.choice(LAST)}")
            lines.append(f"Publié le {plan.day} {month} {plan.year}" if lang == "fr"
                         else f"Published {month} {plan.day}, {plan.year}")
        text = "\n".join(lines) + "\n\n" + body + ("\n\n" + credit if credit else "")
        if r.random() < 0.3:
            text += f"\n\n© {publisher} {plan.year}"
        slug = re.sub(r"[^a-z0-9]+", "", publisher.lower().replace("é", "e").replace("è", "e")) or "news"
        record = {"id": f"news-{i:07d}", "lang": lang, "title": lines[0], "text": text,
                  "url": f"https://www.{slug}.{'fr' if lang == 'fr' else 'com'}/actu/{plan.year}/{i:07d}.html",
                  "date": f"{plan.year}-{plan.month + 1:02d}-{plan.day:02d}"}
        if r.random() < 0.3:  # some crawls carry the site's name
            record["publisher"] = publisher
        return record

    def _dateline(self, plan: Plan, lang: str, wire: str) -> str:
        month = MONTHS[plan.month][lang == "en"]
        return f"{plan.city}, {plan.day} {month} ({wire}) - " if lang == "fr" else f"{plan.city.upper()} ({wire}) - "

    def records(self) -> Iterator[dict[str, str]]:
        r = self.rng
        i = 0
        while True:
            publisher = r.choice(OUTLETS + WIRES)
            if self.recent and r.random() < 0.25:
                plan, lang, body, origin = self.recent[int(len(self.recent) * r.random())]
                way = r.random()
                translator = None
                if way < 0.45:  # credited republication, sometimes of a republication
                    chain = [origin] + ([r.choice(OUTLETS)] if r.random() < 0.3 else [])
                elif way < 0.65:  # copied word for word, source left out
                    chain = []
                elif way < 0.85:  # reworded, source left out
                    body, chain = "\n\n".join(self._render(plan, lang)), []
                else:  # translated
                    lang = "en" if lang == "fr" else "fr"
                    body, chain, translator = "\n\n".join(self._render(plan, lang)), [origin], publisher
                credit = self._credit(lang, chain, translator)
            else:
                plan = self._plan()
                lang = "en" if r.random() < self.english else "fr"
                paragraphs = self._render(plan, lang)
                if publisher in WIRES or r.random() < 0.3:  # a wire's dateline, kept by those who copy it
                    wire = publisher if publisher in WIRES else r.choice(WIRES)
                    paragraphs[0] = self._dateline(plan, lang, _wire_fr(wire, subject=True) if lang == "fr"
                                                   else _wire_en(wire)) + paragraphs[0]
                body = "\n\n".join(paragraphs)
                credit = ""
                self.recent.append((plan, lang, body, publisher))
            yield self._record(i, plan, lang, body, publisher, credit)
            i += 1


def _wire_fr(wire: str | None, subject: bool = False) -> str:
    """`à l'AFP`, `à Reuters`: French puts an article before the agencies that take one."""
    if wire is None:
        return ""
    if wire == "AFP":
        return "l'AFP"
    if wire == "Associated Press":
        return "l'agence Associated Press" if not subject else "Associated Press"
    return wire


def _wire_en(wire: str) -> str:
    return "The Canadian Press" if wire == "la Presse canadienne" else wire


def write_jsonl(path: Path, articles: int, seed: int = 5) -> Path:
    """`articles` records to `path`, one JSON object a line, written as they are made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = NewsCorpus(seed).records()
    with path.open("w", encoding="utf-8") as out:
        for _ in range(articles):
            out.write(json.dumps(next(stream), ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    write_jsonl(args.out, args.articles, args.seed)


if __name__ == "__main__":
    main()
