"""Attribution extraction on short hand-written news paragraphs, one construction each.

Each case is a small French (or English) text and the attributions a careful
reader finds in it: speaker (as resolved), anonymity, kind, the start of the
content and the channels. Negative cases expect nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kg.extract import extract
from kg.model import Article, Extraction

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Expect:
    speaker: str
    kind: str
    starts: str  # the content starts with this
    anonymous: bool = False
    via: tuple[str, ...] = ()


def _run(text: str, lang: str = "fr") -> Extraction:
    return extract(Article(id="t", text="Titre de test\n" + text, lang=lang))


CASES: list[tuple[str, str, list[Expect]]] = [
    ("inversion-direct",
     "« Nous ne céderons pas », a déclaré la ministre de la Santé Claire Vautrin à l'AFP.",
     [Expect("Claire Vautrin", "direct", "Nous ne céderons pas", via=("AFP",))]),
    ("preposed-que-indirect",
     "Le porte-parole du gouvernement, Paul Martin, a affirmé mardi que le texte serait voté avant l'été.",
     [Expect("Paul Martin", "indirect", "le texte serait voté")]),
    ("colon-lead-in",
     "Le président de la fédération a déclaré aux journalistes : « La saison reprendra en mars. »",
     [Expect("Le président de la fédération", "direct", "La saison reprendra", anonymous=True,
             via=("journalists",))]),
    ("selon-start",
     "Selon l'Organisation mondiale de la santé, le nombre de cas a doublé en une semaine.",
     [Expect("Organisation mondiale de la santé", "indirect", "le nombre de cas a doublé")]),
    ("selon-end",
     "Les négociations ont échoué dans la nuit, selon une source proche du dossier.",
     [Expect("une source proche du dossier", "indirect", "Les négociations ont échoué", anonymous=True)]),
    ("clitic-inversion-and-pronoun",
     "Le maire de Lyon, Grégoire Dubois, a annoncé la fermeture des parcs. « C'est une mesure de "
     "précaution », a-t-il ajouté.",
     [Expect("Grégoire Dubois", "indirect", "la fermeture des parcs"),
      Expect("Grégoire Dubois", "direct", "C'est une mesure de précaution")]),
    ("mixed-que-with-fragment",
     "Le ministre a estimé que la situation restait « extrêmement préoccupante » dans le nord du pays.",
     [Expect("Le ministre", "mixed", "la situation restait", anonymous=True)]),
    ("anonymous-definite-description",
     "Un haut responsable américain a indiqué que les frappes allaient se poursuivre. Le responsable, "
     "qui s'exprimait sous couvert d'anonymat, a précisé que les cibles étaient militaires.",
     [Expect("Un haut responsable américain", "indirect", "les frappes allaient", anonymous=True),
      Expect("Un haut responsable américain", "indirect", "les cibles étaient militaires", anonymous=True)]),
    ("continuation-quote",
     "« Le dialogue reste ouvert », a déclaré le diplomate européen. « Mais nos conditions n'ont pas changé. »",
     [Expect("le diplomate européen", "direct", "Le dialogue reste ouvert", anonymous=True),
      Expect("le diplomate européen", "direct", "Mais nos conditions", anonymous=True)]),
    ("outlet-speaker",
     "Le Monde rapporte que plusieurs ministres ont menacé de démissionner.",
     [Expect("Le Monde", "indirect", "plusieurs ministres ont menacé")]),
    ("cite-par-channel",
     "Un témoin, cité par Reuters, a affirmé que les tirs avaient duré une heure.",
     [Expect("Un témoin", "indirect", "les tirs avaient duré", anonymous=True, via=("Reuters",))]),
    ("nested-carrier",
     "Selon Le Figaro, le préfet a déclaré que la manifestation était interdite.",
     [Expect("le préfet", "indirect", "la manifestation était interdite", anonymous=True, via=("Le Figaro",))]),
    ("interview-channel",
     "Dans un entretien accordé à France Inter, la Première ministre a reconnu que le calendrier était serré.",
     [Expect("la Première ministre", "indirect", "le calendrier était serré", anonymous=True)]),
    ("document-speaker",
     "Un rapport de l'OMS publié jeudi indique que la pollution tue sept millions de personnes par an.",
     [Expect("OMS", "indirect", "la pollution tue")]),
    ("fronted-interview-channel",
     "Dans un entretien accordé à RTL mardi, le maire de Nantes, Luc Perrin, a assuré que le tramway serait prêt.",
     [Expect("Luc Perrin", "indirect", "le tramway serait prêt", via=("RTL",))]),
    ("press-conference-occasion",
     "Le procureur a précisé lors d'une conférence de presse que l'enquête était ouverte.",
     [Expect("Le procureur", "indirect", "l'enquête était ouverte", anonymous=True, via=("press conference",))]),
    ("platform-channel",
     "Le député Marc Blanc a écrit sur X que le texte était « une honte ».",
     [Expect("Marc Blanc", "mixed", "le texte était", via=("X (social network, formerly Twitter)",))]),
    ("phrasal-verb",
     "La Banque de France a mis en garde contre un ralentissement de la croissance au printemps.",
     [Expect("Banque de France", "indirect", "contre un ralentissement")]),
    ("coordinated-verbs-share-subject",
     "La ministre Anne Roux s'est rendue à Calais et a dénoncé : « Ces réseaux tuent. »",
     [Expect("Anne Roux", "direct", "Ces réseaux tuent")]),
    ("bare-infinitive-complement",
     "Le groupe nie avoir financé la campagne du candidat.",
     [Expect("groupe", "indirect", "avoir financé la campagne")]),
    ("relative-source-selon-lequel",
     "Le quotidien Sud Ouest cite un pompier selon lequel le feu est désormais fixé.",
     [Expect("un pompier", "indirect", "le feu est désormais fixé", anonymous=True, via=("Sud Ouest",))]),
    ("citing-keeps-the-subject-as-speaker",
     "Les négociations ont repris à Doha, affirme Al Jazeera, citant un diplomate qatari.",
     [Expect("Al Jazeera", "indirect", "Les négociations ont repris")]),
    ("english-time-phrase-between-subject-and-verb",
     "Carlos Ghosn on Tuesday said he was in Lebanon.",
     [Expect("Carlos Ghosn", "indirect", "he was in Lebanon")]),
    ("english-adverb-before-the-verb",
     "The Financial Times earlier reported that a deal is close.",
     [Expect("Financial Times", "indirect", "a deal is close")]),
    ("english-relative-apposition-after-the-subject",
     "Carlos Ghosn, who was barred from leaving Japan, said he was in Lebanon.",
     [Expect("Carlos Ghosn", "indirect", "he was in Lebanon")]),
    ("relative-apposition-after-the-subject",
     "Carlos Ghosn, qui était assigné à résidence, a affirmé qu'il était au Liban.",
     [Expect("Carlos Ghosn", "indirect", "il était au Liban")]),
    ("headline-topic-quote-then-the-speaker",
     "PSG - OM : « On va parler avec la direction », Roberto De Zerbi dépité après la défaite",
     [Expect("De Zerbi", "direct", "On va parler avec la direction")]),
    ("inverted-subject-after-a-time-aside-and-a-channel",
     "« C'est un choc terrible », réagit, mardi 5 novembre, sur franceinfo Laurent Bador, délégué syndical.",
     [Expect("Laurent Bador", "direct", "C'est un choc terrible", via=("Franceinfo",))]),
    ("time-phrase-after-the-verb",
     "La porte-parole Maria Zakharova a estimé dans la soirée que « les fuites » étaient organisées.",
     [Expect("Maria Zakharova", "mixed", "« les fuites »")]),
    ("que-clause-after-sur-le-fait",
     "La Russie a insisté sur le fait qu'elle n'avait rien à se reprocher.",
     [Expect("Russie", "indirect", "elle n'avait rien à se reprocher")]),
    ("dash-apposition-after-the-subject",
     "Seymour Hersh – journaliste lauréat du prix Pulitzer – écrit que des plongeurs ont posé des explosifs.",
     [Expect("Seymour Hersh", "indirect", "des plongeurs ont posé")]),
    ("incise-opening-the-sentence-before-its-quote",
     "Le délégué Paul Roux a parlé aux salariés. Mais, poursuit-il, « il faut que l'employeur suive ».",
     [Expect("Paul Roux", "direct", "il faut que l'employeur suive")]),
    ("quoted-words-in-the-object-of-a-clause-verb",
     "La procureure Laure Beccuau avait évoqué une somme « extrêmement spectaculaire ».",
     [Expect("Laure Beccuau", "mixed", "une somme")]),
    ("english-zero-that-after-a-clause-verb",
     "Swedish officials suspected the blasts were the result of sabotage.",
     [Expect("Swedish officials", "indirect", "the blasts were the result", anonymous=True)]),
    ("english-aside-in-brackets-after-the-name",
     "Sen. John Cole (R-Texas) said the deal was dead.",
     [Expect("John Cole", "indirect", "the deal was dead")]),
    ("english-quote-then-name-and-description",
     "“We don’t need it,” Carlos Tavares, the chief executive, said on Monday.",
     [Expect("Carlos Tavares", "direct", "We don’t need it")]),
    ("inverted-incise-whatever-the-tag-and-a-belief-inside",
     "Washington considérait que Nord Stream donnait à la Russie un moyen de pression, avance Seymour Hersh.",
     [Expect("Seymour Hersh", "indirect", "Washington considérait")]),
    ("english-a-belief-reported-by-a-person-is-theirs",
     "Two U.S. officials said Washington believed the vessel had been seized.",
     [Expect("officials", "indirect", "Washington believed", anonymous=True)]),
    ("a-denial-of-what-was-said-before",
     "Selon Seymour Hersh, les États-Unis seraient coupables. La Maison Blanche conteste ces affirmations.",
     [Expect("Seymour Hersh", "indirect", "les États-Unis"), Expect("Maison Blanche", "indirect", "ces affirmations")]),
    ("a-relative-clause-speaks-for-its-antecedent",
     "Les responsables ont rejeté le rapport d'un journaliste chevronné qui a affirmé que Washington était coupable.",
     [Expect("Les responsables", "indirect", "le rapport d'un journaliste", anonymous=True),
      Expect("journaliste", "indirect", "Washington était coupable", anonymous=True)]),
    ("adverbs-after-a-group-adverbial",
     "Les autorités américaines ont de leur côté fermement démenti les affirmations du journaliste.",
     [Expect("autorités américaines", "indirect", "les affirmations du journaliste")]),
    ("negation-of-the-infinitive-after-the-verb",
     "Son avocat, Junichiro Hironaka, affirme ne pas avoir été contacté par son client.",
     [Expect("Junichiro Hironaka", "indirect", "ne pas avoir été contacté")]),
    ("english-time-phrase-between-verb-and-that",
     "Some investors have speculated for several years that Fiat Chrysler was hunting for a partner.",
     [Expect("investors", "indirect", "Fiat Chrysler was hunting", anonymous=True)]),
    ("english-coordinated-verb-shares-the-subject",
     "Chief executive Mike Manley left the door open for talks, but said the automaker could go it alone.",
     [Expect("Mike Manley", "indirect", "the automaker could go it alone")]),
    ("participle-after-a-clause-that-reports-nothing",
     "Le groupe a fermé deux usines, ajoutant que d'autres suivraient.",
     [Expect("groupe", "indirect", "d'autres suivraient")]),
    ("an-outlet-learned-it-from-a-source",
     "Il voulait partir pour Alger, a appris France Inter auprès d'une source proche de l'enquête.",
     [Expect("une source proche de l'enquête", "indirect", "Il voulait partir", anonymous=True,
             via=("France Inter",))]),
    ("coordinated-verb-after-a-que-clause-keeps-the-main-subject",
     "La présidente Claire Morel a précisé que les documents avaient été transmis, mais a insisté sur "
     "le fait que la plainte ne visait pas les journalistes.",
     [Expect("Claire Morel", "indirect", "les documents avaient été transmis"),
      Expect("Claire Morel", "indirect", "la plainte ne visait pas")]),
    ("what-a-person-says-another-found-is-theirs",
     "La porte-parole Anne Roux précise que le musée a constaté que des documents avaient fuité.",
     [Expect("Anne Roux", "indirect", "le musée a constaté")]),
    ("plural-article-des-opens-a-quoted-object",
     "La chaîne CNN évoque aussi des capacités militaires « extrêmement préoccupantes ».",
     [Expect("CNN", "mixed", "des capacités militaires")]),
    ("english-possessive-after-the-verb",
     "\"The traces lead in the direction of Ukraine,\" Die Zeit wrote in its article.",
     [Expect("Die Zeit", "direct", "The traces lead")]),
    ("english-incise-inside-the-clause-it-reports",
     "The attack, the newspaper said, benefitted Ukraine by damaging Russia's gas trade.",
     [Expect("newspaper", "indirect", "The attack")]),
    ("a-statement-made-by-someone-names-its-source",
     "Selon un communiqué publié par la préfecture, trois personnes ont été blessées.",
     [Expect("préfecture", "indirect", "trois personnes ont été blessées")]),
    ("english-a-statement-released-by-someone",
     "According to a statement released by the ministry, three people were hurt.",
     [Expect("ministry", "indirect", "three people were hurt")]),
    ("english-subordinate-clause-after-the-incise",
     "“We don’t need it,” Carlos Tavares said when asked whether he was still interested in a deal.",
     [Expect("Carlos Tavares", "direct", "We don’t need it")]),
    ("a-participle-after-a-statement-is-a-second-statement",
     "La présidente a précisé avoir saisi la justice, tout en affirmant que cette action ne visait pas les médias.",
     [Expect("présidente", "indirect", "avoir saisi la justice", anonymous=True),
      Expect("présidente", "indirect", "cette action ne visait pas", anonymous=True)]),
    ("a-gerund-right-after-the-verb-goes-on-with-its-subject",
     "Seymour Hersh a poursuivi en affirmant que la marine avait mené cette opération.",
     [Expect("Seymour Hersh", "indirect", "la marine avait mené")]),
    ("english-citing-keeps-the-subject",
     "The companies are in talks to merge, the Wall Street Journal reported, citing people familiar with the matter.",
     [Expect("The Wall Street Journal", "indirect", "The companies are in talks")]),
    ("channel-participle-in-subject",
     "Des habitants joints par l'AFP ont affirmé que les tirs avaient cessé.",
     [Expect("Des habitants", "indirect", "les tirs avaient cessé", anonymous=True, via=("AFP",))]),
    ("comme-l-a-souligne",
     "Comme l'a souligné le ministre Paul Girard, la réforme entrera en vigueur en mai.",
     [Expect("Paul Girard", "indirect", "la réforme entrera en vigueur")]),
    ("modal-before-reporting-infinitive",
     "Le porte-parole de la SNCF a tenu à préciser que les trains circuleraient normalement.",
     [Expect("porte-parole de la SNCF", "indirect", "les trains circuleraient", anonymous=True)]),
    ("aside-inside-the-verb-group",
     "Le syndicat a, de son côté, assuré que la grève serait reconduite.",
     [Expect("syndicat", "indirect", "la grève serait reconduite")]),
    ("prepositional-modifier-in-subject",
     "Une source au sein du ministère a confié à RIA Novosti que l'accord était prêt.",
     [Expect("Une source au sein du ministère", "indirect", "l'accord était prêt", anonymous=True,
             via=("RIA Novosti",))]),
    ("present-tense-inversion-with-clitic",
     "« Nous irons jusqu'au bout », poursuit-elle. La ministre Anne Vial a été claire.",
     []),
    ("incise-inside-the-quote-marks",
     "Le maire de Brest, Yann Le Goff, était furieux. « C'est inacceptable, explique-t-il. Nous porterons plainte. »",
     [Expect("Yann Le Goff", "direct", "C'est inacceptable")]),
    ("impersonal-learned-from-a-source",
     "Trois personnes ont été interpellées, a-t-on appris de source policière.",
     [Expect("source policière", "indirect", "Trois personnes ont été interpellées", anonymous=True)]),
    ("english-said-after-quote",
     '"We will not back down," the minister said on Tuesday.',
     [Expect("the minister", "direct", "We will not back down", anonymous=True)]),
    ("english-told-outlet",
     "A senior official told Reuters that the talks had collapsed.",
     [Expect("A senior official", "indirect", "the talks had collapsed", anonymous=True, via=("Reuters",))]),
    ("english-according-to",
     "According to the Associated Press, three people were arrested.",
     [Expect("Associated Press", "indirect", "three people were arrested")]),
    ("apposition-outlet-then-time",
     "La ministre du Travail, qui s'exprimait sur RTL jeudi matin, a affirmé que la réforme serait retirée.",
     [Expect("La ministre du Travail", "indirect", "la réforme serait retirée", anonymous=True, via=("RTL",))]),
    ("apposition-outlet-with-a-number",
     "Le président de région, Marc Duval, qui s'exprimait sur France 3 Bretagne, a dénoncé « une "
     "décision brutale ».",
     [Expect("Marc Duval", "direct", "une décision brutale", via=("France 3",))]),
    ("statement-passed-to-an-agency",
     "Le constructeur a indiqué dans un communiqué transmis à l'AFP que la production reprendrait lundi.",
     [Expect("constructeur", "indirect", "la production reprendrait", via=("AFP",))]),
    ("apposition-outlet-tagged-as-a-number",  # the tagger reads BFMTV as NUM here
     "La ministre de la Culture, qui s'exprimait sur BFMTV lundi soir, a assuré que « les musées rouvriront ».",
     [Expect("La ministre de la Culture", "mixed", "« les musées rouvriront", anonymous=True, via=("BFMTV",))]),
    ("source-questioned-by-an-agency",  # a participle aside after the source names who asked
     "D'après une source proche du dossier, interrogée par l'AFP, le suspect tentait de quitter le pays.",
     [Expect("une source proche du dossier", "indirect", "le suspect tentait", anonymous=True, via=("AFP",))]),
    ("this-source-is-whoever-just-spoke",
     "Le musée a porté plainte, a indiqué à l'AFP une porte-parole du musée. « Les documents ont fuité », "
     "a précisé cette source.",
     [Expect("une porte-parole du musée", "indirect", "Le musée a porté plainte", anonymous=True, via=("AFP",)),
      Expect("une porte-parole du musée", "direct", "Les documents ont fuité", anonymous=True, via=("AFP",))]),
    ("an-outlets-own-sources-spoke-to-it",
     "Dans le même temps, les sources du Monde soulignent que l'enquête avance.",
     [Expect("les sources du Monde", "indirect", "l'enquête avance", anonymous=True, via=("Le Monde",))]),
    ("apposition-between-inverted-subject-and-channel",
     "« L'enquête avance », a indiqué Paul Morel, chef de la police, dans les colonnes du Figaro. « Tout se "
     "joue maintenant », a-t-il ajouté dans cet entretien.",
     [Expect("Paul Morel", "direct", "L'enquête avance", via=("Le Figaro",)),
      Expect("Paul Morel", "direct", "Tout se joue maintenant", via=("Le Figaro",))]),
    ("a-sentence-sets-the-interview-its-subject-speaks-in",
     "Après le match, Paul Morel est apparu abattu au micro de RMC. « C'est une humiliation », a-t-il lancé.",
     [Expect("Paul Morel", "direct", "C'est une humiliation", via=("RMC",))]),
    ("statement-passed-on-by-spokespeople",
     "Paul Morel est au Liban. « Je suis libre », écrit-il dans un document transmis par ses porte-parole.",
     [Expect("Paul Morel", "direct", "Je suis libre", via=("porte-parole de Paul Morel",))]),
    ("a-speaking-participle-describes-the-subject",  # and `le responsable` is not the resident named before
     "Paul Morel, un habitant, a dit que tout avait brûlé. Un haut responsable américain s'exprimant sous "
     "couvert d'anonymat a averti qu'une escalade menaçait la région. Le responsable a ajouté que Washington "
     "avait transmis des messages.",
     [Expect("Paul Morel", "indirect", "tout avait brûlé"),
      Expect("Un haut responsable américain", "indirect", "une escalade menaçait", anonymous=True),
      Expect("Un haut responsable américain", "indirect", "Washington avait transmis", anonymous=True)]),
    ("an-apposition-to-an-inverted-subject-gives-its-role",
     "« L'enquête avance », a indiqué Paul Morel, patron de la police judiciaire, dans les colonnes du Figaro. "
     "« Il faut frapper fort », souligne le responsable policier.",
     [Expect("Paul Morel", "direct", "L'enquête avance", via=("Le Figaro",)),
      Expect("Paul Morel", "direct", "Il faut frapper fort", via=("Le Figaro",))]),
    ("a-quote-after-a-sentence-about-a-person-is-theirs",  # `croit` is a present, not a participle
     "Le ministre a déclaré que des aides arriveraient. Sur le barrage, Paul Morel, éleveur de 34 ans, ne croit "
     "plus aux annonces. « On nous a déjà fait le coup l'an dernier. »",
     [Expect("Le ministre", "indirect", "des aides arriveraient", anonymous=True),
      Expect("Paul Morel", "direct", "On nous a déjà fait le coup")]),
    ("a-relative-after-an-inverted-subject-goes-on-with-it",
     "L'accord pourrait être signé lundi, a dit la même source, qui a néanmoins averti que les choses "
     "pouvaient encore évoluer.",
     [Expect("la même source", "indirect", "L'accord pourrait être signé", anonymous=True),
      Expect("la même source", "indirect", "les choses pouvaient", anonymous=True)]),
    ("what-information-shows-is-what-the-source-says",
     "De nouveaux renseignements suggèrent que les explosions ont été perpétrées par un groupe, ont déclaré "
     "des sources au Monde.",
     [Expect("des sources", "indirect", "De nouveaux renseignements suggèrent", anonymous=True,
             via=("Le Monde",))]),
    ("english-what-intelligence-suggests-is-what-the-outlet-reports",
     "The intelligence suggested that the perpetrators were opponents of the government, the New York Times "
     "reported.",
     [Expect("The New York Times", "indirect", "The intelligence suggested")]),
    ("english-statement-released-by-a-firm",
     "“I am now in Lebanon,” Paul Morel said in a statement released by his public relations firm.",
     [Expect("Paul Morel", "direct", "I am now in Lebanon", via=("Paul Morel's public relations firm",))]),
    ("english-participle-with-zero-that-and-a-pronoun",
     "Tiffany rebuffed the offer, arguing it significantly undervalued the company.",
     [Expect("Tiffany", "indirect", "it significantly undervalued")]),
    ("english-second-verb-after-a-hyphenated-compound",
     "Mike Manley left the door open for talks with would-be partners, but said the automaker could go it "
     "alone.",
     [Expect("Mike Manley", "indirect", "the automaker could go it alone")]),
    # A name right after a body's head noun names the body: its officer is described, not named.
    ("role-holder-of-a-named-body",
     "« Les deux groupes ont besoin d'une alliance », a déclaré mardi le secrétaire général du syndicat "
     "Fim-Cisl.",
     [Expect("le secrétaire général du syndicat Fim-Cisl", "direct", "Les deux groupes", anonymous=True)]),
    ("named-officer-of-a-named-body",
     "Le patron du groupe Michelin, Florent Menegaux, a jugé la fermeture « inéluctable ».",
     [Expect("Florent Menegaux", "mixed", "la fermeture")]),
    # An outlet described by its kind points back to the outlet named before it.
    ("outlet-described-by-its-kind-after-its-name",
     "Le Wall Street Journal a révélé mardi que les deux groupes discutaient. Le patron de PSA "
     "deviendrait directeur général, avance le quotidien américain.",
     [Expect("The Wall Street Journal", "indirect", "les deux groupes"),
      Expect("The Wall Street Journal", "indirect", "Le patron de PSA")]),
    # `ainsi que` after a noun joins two speakers; right after the verb, `ainsi` is an adverb.
    ("inverted-subjects-joined-by-ainsi-que",
     "Le bateau a été loué par une société basée en Pologne, affirment l'hebdomadaire Die Zeit ainsi que "
     "les chaînes publiques ARD et SWR.",
     [Expect("Die Zeit", "indirect", "Le bateau a été loué")]),
    ("adverb-ainsi-before-the-clause",
     "Le ministre a déclaré ainsi que la réforme serait votée avant l'été.",
     [Expect("Le ministre", "indirect", "la réforme serait votée", anonymous=True)]),
    ("control-verb-hands-its-subject-to-the-reporting-infinitive",
     "Le ministre s'est empressé de rappeler que la réforme serait votée avant l'été.",
     [Expect("Le ministre", "indirect", "la réforme serait votée", anonymous=True)]),
    # French typography spaces a closing guillemet: `pourquoi. » De Zerbi …` starts a sentence.
    ("quote-closing-after-a-spaced-guillemet-ends-the-sentence",
     "Le ministre a déclaré : « Nous ne céderons pas. Il faut tenir. » Paul Morel souligne ainsi "
     "l'incohérence du texte.",
     [Expect("Le ministre", "direct", "Nous ne céderons pas", anonymous=True),
      Expect("Paul Morel", "indirect", "l'incohérence du texte")]),
    # A coach's epithet is the person the story quotes; the tagger's noun `peine` is the verb here.
    ("epithet-of-the-coach-quoted-before",
     "« Il faut se reprendre », a déclaré Roberto De Zerbi. Le technicien italien peine à expliquer "
     "la défaite : « Je ne suis pas dans la tête des joueurs. »",
     [Expect("Roberto De Zerbi", "direct", "Il faut se reprendre"),
      Expect("Roberto De Zerbi", "direct", "Je ne suis pas dans la tête")]),
    ("straight-quotes-before-an-inverted-description",
     '"On a fait de bonnes prestations contre Rennes", a confié le coach marseillais.',
     [Expect("le coach marseillais", "direct", "On a fait de bonnes prestations", anonymous=True)]),
    # Information owned by someone met before: the owner is the source.
    ("possessive-source-plural",
     "Plusieurs médias allemands ont mené une enquête conjointe. Selon leurs données, le bateau était un "
     "yacht loué en Pologne.",
     [Expect("Plusieurs médias allemands", "indirect", "le bateau était un yacht", anonymous=True)]),
    ("possessive-source-of-a-paper",
     "Le Parisien a révélé que deux hommes avaient été arrêtés. Selon ses informations, l'un des suspects "
     "a été arrêté à Roissy.",
     [Expect("Le Parisien", "indirect", "deux hommes avaient été arrêtés"),
      Expect("Le Parisien", "indirect", "l'un des suspects")]),
    # A title set off by commas after the source describes it; a clause's own subject does not.
    ("english-title-apposed-to-according-to",
     "According to Jean Martin, the mayor of Cholet, the plant will close by 2026.",
     [Expect("Jean Martin", "indirect", "the plant will close")]),
    ("title-apposed-to-selon",
     "Selon Jean Martin, maire de Cholet, l'usine fermera en 2026.",
     [Expect("Jean Martin", "indirect", "l'usine fermera")]),
    ("the-clause-subject-after-selon-is-content",
     "Selon le ministre, les habitants, inquiets, ont quitté la ville.",
     [Expect("le ministre", "indirect", "les habitants, inquiets", anonymous=True)]),
    ("english-name-and-title-between-the-clause-and-said",
     "The plant will close by 2026, Jean Martin, the mayor of Cholet, said on Friday.",
     [Expect("Jean Martin", "indirect", "The plant will close")]),
    ("name-and-title-between-the-clause-and-its-verb",
     "L'usine fermera en 2026, Jean Martin, maire de Cholet, a déclaré vendredi.",
     [Expect("Jean Martin", "indirect", "L'usine fermera")]),
    # A wire dateline opening the paragraph is no part of what anyone said.
    ("wire-dateline-before-a-quote",
     "Dijon, 12 janvier (Belga) - « L'usine fermera en 2026 », a déclaré le maire.",
     [Expect("le maire", "direct", "L'usine fermera", anonymous=True)]),
    ("english-wire-dateline-before-reported-speech",
     "WASHINGTON (Reuters) - The deal is close, two people familiar with the talks said.",
     [Expect("two people familiar with the talks", "indirect", "The deal is close", anonymous=True)]),
    ("english-bare-plural-source-with-its-modifier",
     "The deal is close, people familiar with the talks said.",
     [Expect("people familiar with the talks", "indirect", "The deal is close", anonymous=True)]),
    ("a-bracket-and-dash-inside-a-sentence-is-no-dateline",
     "Le groupe (Michelin) - qui emploie 1200 personnes - ferme, a dit le maire.",
     [Expect("le maire", "indirect", "Le groupe (Michelin)", anonymous=True)]),
    # `soupçonner que` reports a suspicion; `soupçonnés d'avoir` (a negative row) accuses.
    ("suspicion-with-a-clause",
     "Les enquêteurs suédois ont soupçonné que les explosions étaient le résultat d'un sabotage.",
     [Expect("Les enquêteurs suédois", "indirect", "les explosions étaient", anonymous=True)]),
    # A claim's owner is its source: `l'affirmation de X selon laquelle …`.
    ("owner-of-a-claim-noun-before-selon-laquelle",
     "Le texte reprend l'affirmation de Hersh selon laquelle Oslo soutenait l'opération.",
     [Expect("Hersh", "indirect", "Oslo soutenait l'opération")]),
    # Once a paper is named in full, its last words name it again (not the London Times).
    ("english-short-name-of-a-paper-named-before",
     "The New York Times reported that officials had seen new intelligence. The Times report said "
     "officials had no evidence implicating the president.",
     [Expect("The New York Times", "indirect", "officials had seen"),
      Expect("The New York Times", "indirect", "officials had no evidence")]),
    ("english-a-paper-named-alone-is-the-gazetteer-s",
     "The Times reported that officials had seen new intelligence.",
     [Expect("The Times", "indirect", "officials had seen")]),
]

NEGATIVE: list[tuple[str, str]] = [
    ("refused-to-comment", "Le ministère a refusé de commenter ces informations."),
    ("no-speaker", "La réunion s'est tenue à huis clos pendant trois heures."),
    ("scare-quotes", "Le texte, qualifié de « historique » par ses partisans, entre en vigueur lundi."),
    ("pronoun-without-antecedent", "Il pense que la réforme est nécessaire."),
    ("passive-accusation", "Les deux hommes ont été accusés de corruption."),
    ("english-declined", "The ministry declined to comment."),
    ("sourceless-selon", "Trois blessés seraient à déplorer, selon des informations non confirmées."),
    ("setting-is-not-content",
     "Sur le parking de l'usine, Paul Morel, ouvrier de 40 ans, ne croit plus aux promesses."),
    ("apposition-is-not-an-incise", "La mairie, fermée depuis lundi, a rouvert ses portes."),
    ("clause-verb-with-a-plain-object", "Le ministre a évoqué la situation au Liban."),
    ("revealing-what-was-said-before-points-back", "Le journal a révélé cette information."),
    ("a-suspect-is-not-a-speaker", "Deux hommes soupçonnés d'avoir participé au vol ont été arrêtés."),
    ("an-interview-setting-alone-states-nothing", "Paul Morel est apparu abattu au micro de RMC."),
    ("a-quote-after-a-sentence-about-a-place-is-nobodys",
     "Le village de Carbonne est sous la neige. « Un hiver comme on n'en avait pas vu. »"),
    ("english-released-figures-are-no-statement", "The company released figures showing a 5% rise in sales."),
    # The outlet's own reporting, or an owner never met: nobody to credit.
    ("our-own-information", "Selon nos informations, l'un des suspects a été arrêté à Roissy."),
    ("suspicion-with-an-infinitive-accuses", "La police soupçonne le voisin d'avoir menti."),
    ("a-claim-nobody-owns", "Le texte reprend l'hypothèse selon laquelle Oslo soutenait l'opération."),
    ("possessive-without-an-owner", "Selon ses informations, l'un des suspects a été arrêté à Roissy."),
]


def _match(got: Extraction, want: list[Expect]) -> None:
    atts = got.attributions
    summary = [(a.speaker.name, a.kind.value, a.quote.text[:40], a.via_labels) for a in atts]
    assert len(atts) == len(want), summary
    for a, w in zip(atts, want, strict=True):
        assert w.speaker.lower() in a.speaker.name.lower(), summary
        assert a.kind.value == w.kind, summary
        assert a.quote.text.startswith(w.starts), summary
        assert a.speaker.anonymous is w.anonymous, summary
        for v in w.via:
            assert v in a.via_labels, summary


@pytest.mark.parametrize(("name", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_attribution_table(name: str, text: str, want: list[Expect]) -> None:
    lang = "en" if name.startswith("english") else "fr"
    _match(_run(text, lang), want)


@pytest.mark.parametrize(("name", "text"), NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_no_attribution(name: str, text: str) -> None:
    lang = "en" if name.startswith("english") else "fr"
    assert _run(text, lang).attributions == ()


def test_hedges_go_to_unattributed() -> None:
    x = _run("Plusieurs soldats auraient été blessés lors de l'attaque. Les deux hommes ont été accusés "
             "de corruption. Le ministre a déclaré que trois soldats auraient été blessés. Parmi les morts "
             "figureraient deux enfants. La hausse pourrait atteindre 3 %.")
    texts = [u.span.text for u in x.unattributed]
    assert texts == ["Plusieurs soldats auraient été blessés lors de l'attaque",
                     "Les deux hommes ont été accusés de corruption",
                     "Parmi les morts figureraient deux enfants"]


def test_offsets_point_at_the_words_in_the_text() -> None:
    x = _run("« Nous partons », a déclaré le chef. Selon la police, trois personnes ont été arrêtées.")
    text = x.article.text

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    assert [((a.quote.start, a.quote.end), (a.cue.start, a.cue.end)) for a in x.attributions] == [
        (at("Nous partons"), at("a déclaré")),
        (at("trois personnes ont été arrêtées"), at("Selon la police")),
    ]
    assert [(m.start, m.end) for a in x.attributions if (m := a.speaker.mention)] == [at("le chef"), at("la police")]


def test_word_salad_gives_quotes_apart_from_their_cue_and_speaker() -> None:
    """Random reporting words in random order: whatever is found is a trimmed, non-empty quote that
    overlaps neither its cue nor its speaker's mention."""
    import random

    rng = random.Random(7)
    words = [
        "le", "la", "un", "responsable", "a", "déclaré", "selon", "«", "»", ",", ".", ":", "que", "il",
        "elle", "Paul", "Martin", "AFP", "Reuters", "qu'", "a-t-il", "dit", "-t", "-il", "ajouté", "cité",
        "par", "citant",
    ]
    for _ in range(150):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        x = extract(Article(id="salad", text=text, lang="fr"))
        for a in x.attributions:
            q = a.quote
            assert q.text.strip() and q.text == q.text.strip(), text
            for other in (a.cue, a.speaker.mention):
                assert other is None or other.end <= q.start or q.end <= other.start, (text, q, other)


def test_headline_opening_on_a_name_gives_it_the_quote_after_the_colon() -> None:
    x = extract(Article(id="t", text="Carlos Ghosn en fuite au Liban : « Je me suis libéré de l'injustice »\n"
                        "Il se trouve à Beyrouth depuis lundi.\n", lang="fr"))
    assert [(a.speaker.name, a.kind.value, a.quote.text) for a in x.attributions] == [
        ("Carlos Ghosn", "direct", "Je me suis libéré de l'injustice")]
    # In running text the same shape is a topic, not a speaker's line.
    assert _run("Carlos Ghosn en fuite au Liban : la police enquête.").attributions == ()


def test_headline_opening_on_an_outlet_and_a_colon_is_what_that_outlet_reports() -> None:
    x = extract(Article(id="t", text="WSJ: Fiat Chrysler and PSA in talks to combine\nThe talks go on.\n", lang="en"))
    assert [(a.speaker.name, a.quote.text) for a in x.attributions] == [
        ("The Wall Street Journal", "Fiat Chrysler and PSA in talks to combine")]
    # A topic before the colon is no source.
    assert extract(Article(id="t", text="Nord Stream: the inquiry goes on\nText.\n", lang="en")).attributions == ()
