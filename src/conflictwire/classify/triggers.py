"""The trigger lexicon: words that signal each ACLED sub-event type, and argument cues.

A trigger names the kind of event ("shelled", "abducted"); a cue says something about its
arguments (the target is civilian, the actor is the state, police intervened). Both become
features of the linear model and constrain the final type in `rules.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import taxonomy as tx
from ..models import Mention


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


# Ordered from the most specific to the most general, because the first trigger of a
# sentence is the one reported as its evidence when several types match.
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (tx.CHEMICAL, _rx(
        r"chemical (?:weapon|attack|agent|munition)s?", r"chlorine(?: gas)?", r"sarin",
        r"nerve (?:agent|gas)", r"mustard gas", r"toxic gas attack", r"poison(?:ous)? gas",
    )),
    (tx.SUICIDE_BOMB, _rx(
        r"suicide[- ](?:bomb|attack|blast|car|vest|truck|explosion)\w*", r"blew (?:him|her)self up",
        r"detonated (?:his|her) (?:explosive )?(?:vest|belt)", r"self-immolat\w+ bomb",
        r"suicide bomber", r"explosive(?:s)?[- ]laden (?:vest|belt)",
    )),
    (tx.GRENADE, _rx(
        r"(?:hand )?grenades?", r"lobbed an? \w* ?explosive", r"threw an? (?:explosive|bomb)",
        r"petrol bombs? (?:was|were) hurled",
    )),
    (tx.AIR_STRIKE, _rx(
        r"air ?strikes?", r"air[- ]raids?", r"airstrik\w*", r"drone (?:strike|attack)s?",
        r"(?:war|fighter|military|enemy|russian|regime|coalition) ?(?:jets?|planes?|aircraft)",
        r"warplanes?", r"helicopter gunships?", r"barrel bombs?", r"bombed from the air",
        r"aerial (?:bombardment|attack|bombing|strike)s?", r"helicopters? (?:fired|dropped|struck)",
        r"drones? (?:struck|hit|fired|targeted|bombed|dropped)", r"unmanned aerial vehicle",
        r"uavs?", r"(?:jets|planes|aircraft) (?:struck|bombed|pounded|hit|targeted)",
        r"kamikaze drones?", r"combat drones?", r"armed drones?",
    )),
    (tx.SHELLING, _rx(
        r"shell(?:ed|ing|s)\b", r"artillery", r"mortars?", r"rockets?", r"missiles?",
        r"howitzer", r"bombard\w*", r"katyusha", r"grad (?:rockets?|launchers?)",
        r"projectiles?", r"tank (?:fire|shells?|rounds?)", r"cross-border fire",
        r"heavy weapons? fire", r"mlrs", r"ballistic",
    )),
    (tx.REMOTE_EXPLOSIVE, _rx(
        r"(?:roadside|car|truck|motorcycle|parcel|magnetic|sticky|pipe|remote[- ]controlled) bombs?",
        r"i\.?e\.?d\.?s?", r"improvised explosive", r"landmines?", r"land mines?", r"mines?\b",
        r"explosive device", r"bomb (?:blast|explosion|went off|exploded)", r"booby[- ]trap\w*",
        r"(?:blast|explosion) (?:ripped|tore|struck|hit|killed|wounded|injured|occurred)",
        r"explosions?", r"blasts?", r"detonat\w+", r"car bomb\w*", r"vbied", r"bomb attack",
        r"unexploded ordnance", r"explosives? (?:planted|hidden|placed)", r"bombings?",
    )),
    (tx.SEXUAL_VIOLENCE, _rx(
        r"rap(?:ed|es|ing|ist)\b", r"rape\b", r"gang[- ]rap\w*", r"sexual(?:ly)? (?:assault|abus|violen|exploit)\w*",
        r"sexual slavery", r"molest\w*", r"forced marriage",
    )),
    (tx.ABDUCTION, _rx(
        r"abduct\w*", r"kidnap\w*", r"taken hostage", r"held hostage", r"hostages?",
        r"forcibly disappeared", r"forced disappearance", r"whereabouts (?:remain|are|is) unknown",
        r"seized (?:a|two|three|several|\d+) (?:civilians|villagers|passengers|people)",
        r"snatched", r"taken away by (?:gunmen|armed men|militants)", r"went missing after",
    )),
    (tx.EXCESSIVE_FORCE, _rx(
        r"(?:opened fire|fired live (?:rounds|ammunition|bullets)|shot (?:dead|and killed)) (?:on|at)? ?"
        r"(?:the )?(?:peaceful )?(?:protesters|demonstrators|marchers|crowd)",
        r"(?:protesters|demonstrators) (?:were|was) (?:shot|killed|shot dead)",
        r"killed (?:\w+ )?(?:protesters|demonstrators)", r"live (?:ammunition|rounds|fire) (?:at|on|against)",
        r"crackdown on (?:protesters|demonstrators)",
    )),
    (tx.PROTEST_INTERVENTION, _rx(
        r"tear ?gas", r"teargas", r"water cannons?", r"rubber bullets", r"dispers\w+",
        r"baton[- ]charg\w*", r"broke up (?:a|the) (?:protest|rally|demonstration|march|sit-in)",
        r"arrested (?:\w+ )?(?:protesters|demonstrators|activists|marchers)", r"pepper spray",
        r"(?:protesters|demonstrators) (?:were )?(?:detained|arrested)", r"stun grenades?",
        r"riot police", r"forcibly removed",
    )),
    (tx.PEACEFUL_PROTEST, _rx(
        r"protest\w*", r"demonstrat(?:ion|ors?|ed|ing)\w*", r"rall(?:y|ies|ied)", r"marched",
        r"march(?:es)? (?:to|through|in|against|on|from)", r"sit-ins?", r"picket\w*",
        r"strikes? (?:by|over|to demand)", r"went on strike", r"walk-?outs?", r"vigils?",
        r"hunger strike", r"boycott\w*", r"gathered (?:outside|in front|at|to demand)",
        r"chant\w*", r"petition\w*", r"placards?", r"banners?", r"shutdowns?", r"bandh",
        r"hartal", r"strike action", r"downed tools", r"blockad\w+ (?:a|the) (?:road|highway)",
    )),
    (tx.MOB_VIOLENCE, _rx(
        r"mobs?\b", r"lynch\w*", r"vigilantes?", r"angry (?:crowd|residents|villagers)",
        r"(?:crowd|residents|villagers) (?:beat|lynched|burned|stoned|attacked)",
        r"beaten to death by", r"jungle justice", r"mob justice", r"stoned to death",
        r"set ablaze by (?:a )?(?:mob|crowd)", r"communal (?:clash|violence|riot)\w*",
    )),
    (tx.VIOLENT_DEMONSTRATION, _rx(
        r"riot\w*", r"rioters", r"pelted", r"stone[- ]pelting", r"threw (?:stones|rocks|petrol bombs)",
        r"hurled (?:stones|rocks|petrol bombs|molotov)", r"molotov", r"torched", r"set (?:fire|ablaze)",
        r"burn(?:ed|t|ing) (?:tyres|tires)", r"violent (?:protest|demonstration)s?",
        r"vandali[sz]\w*", r"ransacked", r"clashed with (?:police|security forces)",
    )),
    (tx.GOV_REGAINS, _rx(
        r"recaptur\w*", r"retook", r"retaken", r"regain(?:ed|s)? (?:control|territory)",
        r"liberat\w*", r"reclaim\w*", r"took back", r"back under (?:government|army|state) control",
        r"wrested (?:back )?control", r"restored (?:state|government) control", r"cleared of",
    )),
    (tx.NSA_OVERTAKES, _rx(
        r"(?:seized|took|gained|captured|taken) (?:full |total )?control", r"overr(?:an|un)",
        r"captur(?:ed|es|ing) (?:the )?(?:town|city|village|district|base|area|hill|airport|border)",
        r"fell to", r"stormed and (?:seized|took)", r"took over", r"seiz(?:ed|ure of) (?:the )?"
        r"(?:town|city|village|district|base|area|border crossing)", r"advanced into",
        r"under (?:the )?control of (?:the )?(?:rebels|militants|insurgents|jihadists)",
    )),
    (tx.NONVIOLENT_TRANSFER, _rx(
        r"handed (?:over )?(?:control|positions|the town|the base)", r"withdr(?:ew|awn|awal|aw) from",
        r"pulled out of", r"without a fight", r"handover of", r"evacuated (?:their|its) positions",
        r"redeploy\w*", r"vacated",
    )),
    (tx.DISRUPTED_WEAPONS, _rx(
        r"defus\w*", r"intercept\w*", r"shot down", r"foiled", r"thwarted", r"dismantl\w*",
        r"seized (?:a )?(?:cache|weapons|arms|explosives|ammunition)", r"weapons? cache",
        r"arms cache", r"bomb disposal", r"neutrali[sz]ed (?:a|an|the|two) (?:bomb|ied|explosive|device)",
        r"recovered (?:a|an|the|two|three)? ?(?:bomb|ied|explosive|device|landmine)s?",
        r"air defen[cs]es? (?:downed|destroyed)", r"(?:bomb|ied|explosive|device) (?:was|were) (?:found|discovered|recovered)",
    )),
    (tx.ARRESTS, _rx(
        r"arrest\w*", r"detain\w*", r"apprehend\w*", r"taken into custody", r"rounded up",
        r"nabbed", r"held for questioning", r"custody", r"raids? (?:on|in) (?:the )?homes?",
        r"detention",
    )),
    (tx.AGREEMENT, _rx(
        r"ceasefire (?:agreement|deal)", r"signed (?:a|an|the) \w*\s?(?:agreement|accord|deal|truce|pact)",
        r"peace (?:agreement|deal|accord|pact)", r"truce", r"prisoner (?:exchange|swap)",
        r"agreed (?:to|on) (?:a )?(?:ceasefire|truce|exchange|release)", r"reconciliation deal",
        r"memorandum of understanding", r"swap of (?:prisoners|bodies|detainees)",
        r"exchanged (?:prisoners|bodies|detainees)", r"settlement (?:agreement|deal)",
        r"accord\b", r"agreement\b",
    )),
    (tx.HQ_ESTABLISHED, _rx(
        r"(?:established|set up|opened|built|erected) (?:a |an |its |their |new )*(?:military |"
        r"new )?(?:base|headquarters|camp|outpost|checkpoint|office|garrison|training camp)",
        r"headquarters", r"new (?:base|outpost|military post)",
    )),
    (tx.LOOTING, _rx(
        r"loot\w*", r"pillag\w*", r"plunder\w*", r"burn(?:ed|t) down", r"razed",
        r"demolish\w*", r"destroy(?:ed|ing) (?:\w+ )?(?:houses|homes|property|shops|crops|granaries|properties)",
        r"set (?:houses|homes|shops|cars|vehicles) on fire", r"arson", r"sabotag\w*",
        r"bulldoz\w*", r"confiscat\w*", r"stole", r"extort\w*", r"ransack\w*",
    )),
    (tx.CHANGE_TO_GROUP, _rx(
        r"defect\w*", r"merg\w*", r"disband\w*", r"split from", r"new (?:armed )?(?:group|faction|"
        r"militia|coalition)", r"pledged allegiance", r"rebrand\w*", r"join(?:ed|s)? (?:the )?"
        r"(?:rebels|militants|group|insurgency)", r"recruit\w*", r"renamed", r"surrender\w*",
        r"laid down (?:their|its) arms", r"announced (?:its|their) formation", r"dissolved",
        r"demobili[sz]\w*", r"disarm\w*", r"curfew", r"state of emergency", r"martial law",
    )),
    (tx.ATTACK, _rx(
        r"shot (?:dead|and killed|at|in)", r"gunned down", r"gunmen", r"armed men", r"opened fire",
        r"killed", r"kills?\b", r"murder\w*", r"massacre\w*", r"execut\w*", r"assassinat\w*",
        r"beheaded", r"stabbed", r"hacked to death", r"attack\w*", r"ambush\w*", r"raid\w*",
        r"tortur\w*", r"beat(?:en)? (?:to death|up)", r"assault\w*", r"targeted killing",
        r"slain", r"slaughter\w*", r"bodies", r"body of", r"shooting", r"fired (?:on|at)",
        r"dead\b", r"wounded", r"injured",
    )),
    (tx.ARMED_CLASH, _rx(
        r"clash\w*", r"fighting", r"fought", r"gun ?battles?", r"firefights?", r"fire ?fights?",
        r"exchange(?:d)? (?:of )?(?:fire|gunfire)", r"skirmish\w*", r"battl\w*", r"encounters?",
        r"offensive", r"combat", r"engag(?:ed|ement)", r"hostilities", r"counter-?attack\w*",
        r"repel\w*", r"repuls\w*", r"infiltration attempt", r"confrontations?", r"front ?lines?",
        r"losses", r"casualties", r"advances?\b", r"advanced", r"assault on (?:the )?(?:positions|base)",
    )),
)

# Argument cues: who is involved, what happened to them. Names are feature names.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("civilian", _rx(
        r"civilians?", r"villagers?", r"residents?", r"farmers?", r"herders?", r"women",
        r"children", r"child", r"students?", r"teachers?", r"worshipp?ers", r"passengers?",
        r"traders?", r"shopkeepers?", r"journalists?", r"aid workers?", r"health workers?",
        r"family", r"families", r"man\b", r"woman", r"boy", r"girl", r"people", r"worker",
        r"local (?:chief|leader|official)", r"teacher", r"priest", r"imam", r"displaced",
        r"refugees?", r"pilgrims?", r"motorists?", r"fishermen", r"miners?", r"doctor",
        r"nurse", r"market", r"mosque", r"church", r"school", r"hospital", r"homes?\b",
        r"unarmed", r"infant", r"elderly", r"truck driver", r"councillor", r"candidate",
    )),
    ("armed_state", _rx(
        r"soldiers?", r"troops?", r"army", r"military", r"security forces?", r"police\w*",
        r"forces", r"armed forces", r"gendarm\w*", r"national guard", r"government forces",
        r"regime", r"marines?", r"paramilitar\w*", r"fardc", r"sandf", r"idf", r"saa\b",
        r"battalion", r"brigade", r"officers?", r"commandos?", r"special forces",
        r"border guards?", r"patrol", r"checkpoint", r"convoy", r"constables?", r"jawans?",
        r"crpf", r"bsf",
    )),
    ("armed_nonstate", _rx(
        r"rebels?", r"militants?", r"insurgents?", r"jihadists?", r"fighters", r"militias?",
        r"militiamen", r"gunmen", r"armed (?:men|group|groups)", r"bandits?", r"terrorists?",
        r"islamic state", r"isis", r"isil", r"daesh", r"al-shabaab", r"al-shabab", r"boko haram",
        r"taliban", r"maoists?", r"naxal\w*", r"hezbollah", r"hamas", r"houthis?", r"ansar",
        r"al-qaeda", r"sdf\b", r"ypg", r"pkk", r"fsa\b", r"hts\b", r"nusra", r"opposition",
        r"cartel", r"gang\b", r"gangs", r"separatists?", r"guerrill\w*", r"anti-balaka",
        r"ex-seleka", r"adf\b", r"m23", r"cadres?", r"extremists?", r"iswap", r"jnim",
    )),
    ("protest_actor", _rx(
        r"protesters?", r"demonstrators?", r"marchers", r"activists?", r"supporters",
        r"unions?", r"strikers", r"crowds?", r"students", r"rally", r"opposition supporters",
    )),
    ("killing", _rx(
        r"killed", r"kills?\b", r"dead\b", r"died", r"deaths?", r"fatalit\w*", r"slain",
        r"lost their lives", r"bodies", r"corpses?", r"casualt\w*",
    )),
    ("injury", _rx(r"wounded", r"injured", r"injuries", r"hurt\b", r"hospitali[sz]ed")),
    ("state_actor", _rx(
        r"government", r"army", r"military", r"regime", r"state forces", r"security forces",
        r"troops", r"soldiers", r"police", r"forces loyal", r"federal",
    )),
    ("territory", _rx(
        r"control", r"town", r"village", r"city", r"area", r"territory", r"district", r"hill",
        r"positions?", r"base", r"neighbou?rhood", r"region", r"countryside", r"outskirts",
    )),
    ("unarmed", _rx(r"unarmed", r"civilians? were", r"innocent", r"defenceless", r"defenseless")),
    ("mutual", _rx(
        r"between", r"each other", r"both sides", r"rival", r"exchange", r"retaliat\w*",
        r"return(?:ed)? fire", r"fought back", r"responded",
    )),
    ("future", _rx(
        r"will\b", r"would\b", r"plans? to", r"planned", r"threaten\w*", r"warn\w*",
        r"could\b", r"may\b", r"might\b", r"vowed", r"intends?", r"expected to", r"calls? for",
        r"called for", r"urged",
    )),
    ("negation", _rx(r"no\b", r"not\b", r"never\b", r"denied", r"without", r"nobody", r"none")),
    ("background", _rx(
        r"since 20\d\d", r"since the (?:war|conflict)", r"has (?:raged|killed|displaced)",
        r"have been killed", r"conflict (?:began|started)", r"years? of (?:war|conflict)",
        r"last year", r"in recent (?:weeks|months|years)",
    )),
)


@dataclass(frozen=True, slots=True)
class LexiconHits:
    """What the lexicon found in one sentence: triggers (first first) and cue names."""

    triggers: tuple[Mention, ...]
    cues: frozenset[str]

    def types(self) -> frozenset[str]:
        return frozenset(m.value for m in self.triggers)


def find_triggers(sentence: str, *, offset: int = 0) -> LexiconHits:
    """Trigger mentions (kind "trigger", value a sub-event type) and argument cues."""
    found: list[Mention] = []
    for sub_event_type, pattern in TRIGGERS:
        m = pattern.search(sentence)
        if m:
            found.append(Mention(
                start=offset + m.start(), end=offset + m.end(), text=m.group(0),
                kind="trigger", value=sub_event_type,
            ))
    found.sort(key=lambda m: m.start)
    cues = frozenset(name for name, pattern in CUES if pattern.search(sentence))
    return LexiconHits(tuple(found), cues)
