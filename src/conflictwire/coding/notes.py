"""A one-sentence ACLED-style note for an event, written from its coded fields (never
copied from the evidence), so it says only what the record says.
"""

from __future__ import annotations

import re
from datetime import date

from conflictwire.models import Report

# What each sub-event type says, with {a1} (actor1), {a2} (actor2) and {at} (the place).
_TEMPLATES: dict[str, tuple[str, str, str]] = {
    # (both actors known, only actor1 known, no actor known)
    "Armed clash": ("{a1} clashed with {a2}{at}", "{a1} clashed with an unidentified group{at}",
                    "armed clashes took place{at}"),
    "Government regains territory": ("{a1} regained control of territory from {a2}{at}",
                                     "{a1} regained control of territory{at}",
                                     "government forces regained territory{at}"),
    "Non-state actor overtakes territory": ("{a1} took control of territory from {a2}{at}",
                                            "{a1} took control of territory{at}",
                                            "an armed group took control of territory{at}"),
    "Air/drone strike": ("{a1} conducted an air strike on {a2}{at}",
                         "{a1} conducted an air strike{at}", "an air strike was carried out{at}"),
    "Shelling/artillery/missile attack": ("{a1} shelled {a2}{at}", "{a1} carried out shelling{at}",
                                          "shelling was reported{at}"),
    "Chemical weapon": ("{a1} used chemical weapons against {a2}{at}",
                        "{a1} used chemical weapons{at}", "chemical weapons were used{at}"),
    "Suicide bomb": ("a suicide bomber of {a1} blew himself up targeting {a2}{at}",
                     "a suicide bomber of {a1} blew himself up{at}",
                     "a suicide bomber blew himself up{at}"),
    "Remote explosive/landmine/IED": ("an explosive device of {a1} detonated, hitting {a2}{at}",
                                      "an explosive device of {a1} detonated{at}",
                                      "an explosive device detonated{at}"),
    "Grenade": ("{a1} threw a grenade at {a2}{at}", "{a1} threw a grenade{at}",
                "a grenade was thrown{at}"),
    "Attack": ("{a1} attacked {a2}{at}", "{a1} carried out an attack{at}",
               "civilians were attacked{at}"),
    "Abduction/forced disappearance": ("{a1} abducted {a2}{at}", "{a1} abducted people{at}",
                                       "people were abducted{at}"),
    "Sexual violence": ("{a1} committed sexual violence against {a2}{at}",
                        "{a1} committed sexual violence{at}", "sexual violence was reported{at}"),
    "Peaceful protest": ("{a1} held a demonstration{at}", "{a1} held a demonstration{at}",
                         "people demonstrated{at}"),
    "Protest with intervention": ("{a1} demonstrated{at} and {a2} intervened",
                                  "{a1} demonstrated{at} and were dispersed",
                                  "a demonstration{at} was dispersed"),
    "Excessive force against protesters": ("{a1} used excessive force against {a2}{at}",
                                           "{a1} used excessive force against protesters{at}",
                                           "excessive force was used against protesters{at}"),
    "Violent demonstration": ("{a1} rioted and clashed with {a2}{at}", "{a1} rioted{at}",
                              "a riot broke out{at}"),
    "Mob violence": ("{a1} attacked {a2}{at}", "{a1} attacked people{at}",
                     "a mob attacked people{at}"),
    "Agreement": ("{a1} and {a2} reached an agreement{at}", "{a1} reached an agreement{at}",
                  "an agreement was reached{at}"),
    "Arrests": ("{a1} arrested {a2}{at}", "{a1} made arrests{at}", "arrests were made{at}"),
    "Change to group/activity": ("{a1} changed its activity, involving {a2}{at}",
                                 "{a1} changed its activity{at}",
                                 "an armed group changed its activity{at}"),
    "Disrupted weapons use": ("{a1} disrupted weapons use by {a2}{at}",
                              "{a1} defused or seized weapons{at}",
                              "weapons or explosives were defused or seized{at}"),
    "Headquarters or base established": ("{a1} established a base{at}",
                                         "{a1} established a base{at}",
                                         "a base was established{at}"),
    "Looting/property destruction": ("{a1} looted or destroyed property of {a2}{at}",
                                     "{a1} looted or destroyed property{at}",
                                     "property was looted or destroyed{at}"),
    "Non-violent transfer of territory": ("{a1} took over territory from {a2} without fighting{at}",
                                          "{a1} took over territory without fighting{at}",
                                          "territory changed hands without fighting{at}"),
}
# Only the target known: say what hit it.
_TARGET_ONLY = {
    "Air/drone strike": "an air strike hit {a2}{at}",
    "Shelling/artillery/missile attack": "shelling hit {a2}{at}",
    "Chemical weapon": "chemical weapons were used against {a2}{at}",
    "Remote explosive/landmine/IED": "an explosive device detonated, hitting {a2}{at}",
    "Attack": "{a2} were attacked{at}",
}
_FALLBACK = ("{a1} and {a2} were involved in an event{at}", "{a1} was involved in an event{at}",
             "an event took place{at}")
_COUNTRY_SUFFIX = re.compile(r"\s*\([^)]*\)$")
_LOWER_GENERIC = ("Civilians", "Protesters", "Rioters", "Journalists", "Students", "Teachers",
                  "Farmers", "Health Workers", "Aid Workers", "Refugees/IDPs", "Prisoners",
                  "Women", "Labor Group")


def write_note(report: Report) -> str:
    """One sentence in ACLED's note style: date, who did what to whom, where, fatalities."""
    both, one, none = _TEMPLATES.get(report.sub_event_type, _FALLBACK)
    a1 = _with_group(_actor_phrase(report.actor1), report.actor1, report.assoc_actor_1)
    a2 = _with_group(_actor_phrase(report.actor2), report.actor2, report.assoc_actor_2)
    where = _place(report)
    values = {"a1": a1, "a2": a2, "at": f" {where}" if where else ""}
    if a1 and a2:
        body = both.format(**values)
    elif a1:
        body = one.format(**values)
    elif a2 and report.sub_event_type in _TARGET_ONLY:
        body = _TARGET_ONLY[report.sub_event_type].format(**values)
    else:
        body = none.format(**values)
    when = _when(report.event_date, report.time_precision)
    sentence = f"{when}, {body}." if when else f"{body[:1].upper()}{body[1:]}."
    fatalities = report.fatalities or 0
    return f"{sentence} {fatalities} {'fatality' if fatalities == 1 else 'fatalities'}."


def _actor_phrase(name: str) -> str:
    if not name:
        return ""
    base = _COUNTRY_SUFFIX.sub("", name) if name.startswith(_LOWER_GENERIC) or \
        name.startswith(("Unidentified Armed Group", "Military Forces", "Police Forces")) else name
    if base.startswith(("Military Forces of", "Police Forces of")):
        return base
    if base == "Unidentified Armed Group":
        return "an unidentified armed group"
    if base in _LOWER_GENERIC:
        return base.lower() if base != "Refugees/IDPs" else "refugees or displaced people"
    return base


def _with_group(phrase: str, name: str, assoc: str) -> str:
    """ "civilians (students)": the group an actor of civilians or protesters stands for."""
    if not phrase or not assoc or not name.startswith(("Civilians", "Protesters")):
        return phrase
    groups = [_actor_phrase(a.strip()) for a in assoc.split(";") if a.strip()]
    return f"{phrase} ({', '.join(groups)})" if groups else phrase


def _place(report: Report) -> str:
    loc = report.location
    if loc is None or not loc.name:
        return ""
    prep = "near" if loc.geo_precision == 2 else "in"
    admin = loc.admin1 if loc.admin1 and loc.admin1 != loc.name else ""
    if not admin and loc.country and loc.country != loc.name:
        admin = loc.country
    return f"{prep} {loc.name} ({admin})" if admin else f"{prep} {loc.name}"


def _when(day: date | None, precision: int) -> str:
    if day is None:
        return ""
    if precision >= 3:
        return f"In {day:%B %Y}"
    if precision == 2:
        return f"In the week of {day.day} {day:%B %Y}"
    return f"On {day.day} {day:%B %Y}"
