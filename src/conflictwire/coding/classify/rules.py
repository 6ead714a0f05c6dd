"""Codebook constraints applied to the model's probabilities before a type is chosen.

Some sub-event types are defined by a weapon or act that must be named in the text
(a chemical agent, a suicide bomber, a grenade, aircraft, rape, abduction): without a
trigger for them the model's belief in them is damped. Attack versus armed clash turns on
whether the target was armed, so a civilian target with no fighting words moves mass
from clash to attack, and armed opponents on both sides move it back.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ... import taxonomy as tx
from ...settings import ClassifySettings, packaged_settings
from .examples import NO_EVENT
from .triggers import LexiconHits

# Types that ACLED defines by what was used or done, which the text must say.
NEEDS_TRIGGER: frozenset[str] = frozenset({
    tx.CHEMICAL, tx.SUICIDE_BOMB, tx.GRENADE, tx.AIR_STRIKE, tx.SEXUAL_VIOLENCE, tx.ABDUCTION,
    tx.EXCESSIVE_FORCE, tx.PROTEST_INTERVENTION, tx.PEACEFUL_PROTEST, tx.MOB_VIOLENCE,
    tx.GOV_REGAINS, tx.NSA_OVERTAKES, tx.NONVIOLENT_TRANSFER, tx.AGREEMENT, tx.ARRESTS,
    tx.DISRUPTED_WEAPONS, tx.HQ_ESTABLISHED, tx.LOOTING,
})
# A protest trigger licenses the protest family, since intervention is often in a later clause.
_FAMILY_TRIGGERS: dict[str, frozenset[str]] = {
    tx.PROTEST_INTERVENTION: frozenset({tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION}),
    tx.EXCESSIVE_FORCE: frozenset({tx.PEACEFUL_PROTEST, tx.EXCESSIVE_FORCE}),
    tx.PEACEFUL_PROTEST: frozenset({tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION}),
    tx.ARRESTS: frozenset({tx.ARRESTS, tx.PROTEST_INTERVENTION}),
    tx.MOB_VIOLENCE: frozenset({tx.MOB_VIOLENCE, tx.VIOLENT_DEMONSTRATION}),
    tx.DISRUPTED_WEAPONS: frozenset({tx.DISRUPTED_WEAPONS}),
}
# Deaths from disasters, accidents, disease or ordinary crime are not political violence;
# when such a cause is named and no armed or political actor is, events are damped.
_NON_CONFLICT = frozenset({"disaster", "crime", "sport"})
_CONFLICT_ACTORS = frozenset({"armed_state", "armed_nonstate", "protest_actor"})


def constrain(probs: np.ndarray, labels: tuple[str, ...], hits: LexiconHits, *,
              settings: ClassifySettings | None = None) -> np.ndarray:
    """Probabilities re-weighted by the codebook constraints and re-normalised, damped by
    the [classify] damping and non_conflict_damping of `settings` (default: packaged)."""
    settings = settings or packaged_settings().classify
    found = hits.types()
    needs, none = _plan(labels)
    factor = np.ones(len(labels))
    for i, licensed_by in needs:
        if not found & licensed_by:
            factor[i] = settings.damping
    if hits.cues & _NON_CONFLICT and not hits.cues & _CONFLICT_ACTORS:
        factor *= settings.non_conflict_damping
        factor[none] = 1.0
    p = probs * factor
    _by_actor(p, labels, hits.cues, settings.damping)
    total = p.sum()
    return p / total if total > 0 else probs


def _by_actor(p: np.ndarray, labels: tuple[str, ...], cues: frozenset[str],
              damping: float) -> None:
    """Burning and smashing by demonstrators is a riot; by armed groups, property
    destruction (codebook: riots are demonstrations turned violent). Moves the belief of
    the one type into the other, in place, when the actor cues say which it is."""
    if tx.VIOLENT_DEMONSTRATION not in labels or tx.LOOTING not in labels:
        return
    i, j = labels.index(tx.VIOLENT_DEMONSTRATION), labels.index(tx.LOOTING)
    armed = bool(cues & {"armed_nonstate", "armed_state"})
    protest = "protest_actor" in cues
    if armed and not protest:
        p[j], p[i] = p[j] + p[i] * (1 - damping), p[i] * damping
    elif protest and not armed:
        p[i], p[j] = p[i] + p[j] * (1 - damping), p[j] * damping


@lru_cache(maxsize=8)
def _plan(labels: tuple[str, ...]) -> tuple[tuple[tuple[int, frozenset[str]], ...], int]:
    needs = tuple(
        (i, _FAMILY_TRIGGERS.get(label, frozenset({label})))
        for i, label in enumerate(labels) if label in NEEDS_TRIGGER
    )
    return needs, labels.index(NO_EVENT)
