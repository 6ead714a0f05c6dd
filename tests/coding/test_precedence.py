"""ACLED's precedence rules after the model (coding/classify/precedence.py): each rule both
ways, behind a stand-in ranking (so the rules hold behind any model), and through the
packaged classifier at its one call site. Every sentence was written for these tests."""

from __future__ import annotations

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import Classifier, find_triggers
from conflictwire.coding.classify.precedence import decide


def _decide(sentence: str, model_says: str):
    """The decision for `sentence` when a model ranked `model_says` first and every other
    type after it, in the taxonomy's order (a stand-in for any model's full ranking)."""
    rest = [t for t in tx.SUB_EVENT_TYPES if t != model_says]
    ranked = ((model_says, 0.5), *((t, 0.4 / len(rest)) for t in rest))
    return decide(sentence, find_triggers(sentence), ranked)


def _check(sentence: str, model_says: str, expected: str | None) -> None:
    got = _decide(sentence, model_says)
    assert got.sub_event_type == expected, (sentence, got.rules, got.reason)
    if expected == model_says:
        assert not got.rules, got.reason
    else:
        assert got.rules and got.reason


# --- an armed target makes an attack a clash -----------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Insurgents ambushed a police patrol on the road to the district centre, killing three.",
    "Gunmen stormed an army outpost at dawn and killed four soldiers.",
    "Two soldiers were shot dead when attackers opened fire on their vehicle near the market.",
    "Jihadists raided an observation post on the ridge, wounding two guards.",
    "Unknown gunmen killed three off-duty policemen in a roadside cafe.",
    "Militants attacked the barracks of the 12th battalion with rifles and mortars.",
    "Bandits opened fire on a military convoy escorting fuel tankers.",
])
def test_an_attack_on_an_armed_target_is_an_armed_clash(sentence: str) -> None:
    _check(sentence, tx.ATTACK, tx.ARMED_CLASH)


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked a wedding party in the hills, killing nine guests.",
    "Soldiers killed five villagers they accused of feeding the rebels.",
    "Militants executed two captured soldiers in the town square.",
    "Gunmen shot dead a former police officer outside his home.",
    "Assailants killed a police informant on the outskirts of the village.",
    "Rebels killed four farmers and a soldier on leave near the river.",
])
def test_an_attack_on_civilians_or_captives_stays_an_attack(sentence: str) -> None:
    _check(sentence, tx.ATTACK, tx.ATTACK)


# --- who takes the place decides -----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Government troops captured the village from the insurgents after a day of fighting.",
     tx.NSA_OVERTAKES, tx.GOV_REGAINS),
    ("The rebels recaptured the border town from the army on Friday.",
     tx.GOV_REGAINS, tx.NSA_OVERTAKES),
    ("The provincial capital fell to the militants after a three-day assault.",
     tx.GOV_REGAINS, tx.NSA_OVERTAKES),
    ("The town was retaken by government forces after a week-long siege.",
     tx.NSA_OVERTAKES, tx.GOV_REGAINS),
    ("The army and allied militias seized the hilltop after heavy clashes.",
     tx.NSA_OVERTAKES, tx.GOV_REGAINS),
    ("Separatist fighters took control of the airport after a gun battle with police.",
     tx.ARMED_CLASH, tx.NSA_OVERTAKES),
    ("Russian forces captured a village near the reservoir after Ukrainian troops pulled "
     "back under fire.", tx.GOV_REGAINS, tx.NSA_OVERTAKES),
    ("Militia fighters entered and took control of the town unopposed.",
     tx.NSA_OVERTAKES, tx.NONVIOLENT_TRANSFER),
    ("Armed men seized three aid workers at a roadblock outside the camp.",
     tx.NSA_OVERTAKES, tx.ABDUCTION),
    ("Fighters seized cattle and motorbikes from herders near the river.",
     tx.NSA_OVERTAKES, tx.LOOTING),
])
def test_the_taker_and_what_is_taken_decide(sentence: str, model_says: str,
                                             expected: str) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("Rebels fought government troops for control of the bridge all night.", tx.ARMED_CLASH),
    ("The mutineers seized power and suspended the constitution.", tx.OTHER),
    ("The crew of the seized tanker was freed under a deal brokered by the emirate.",
     tx.AGREEMENT),
    ("Insurgents captured the town after three days of fighting with the army.",
     tx.NSA_OVERTAKES),
    ("Soldiers retook the pass from the rebels.", tx.GOV_REGAINS),
])
def test_no_taking_or_a_taker_the_model_read_right_stays(sentence: str,
                                                        model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- what protesters did and what was done to them -----------------------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Demonstrators hurled rocks at the police, who answered with tear gas.",
     tx.PROTEST_INTERVENTION, tx.VIOLENT_DEMONSTRATION),
    ("The march turned violent when students set a police car on fire.",
     tx.PEACEFUL_PROTEST, tx.VIOLENT_DEMONSTRATION),
    ("Riots broke out in the capital after the election result was announced.",
     tx.LOOTING, tx.VIOLENT_DEMONSTRATION),
    ("Police fired water cannon at protesters who were throwing petrol bombs.",
     tx.PROTEST_INTERVENTION, tx.VIOLENT_DEMONSTRATION),
    ("Troops opened fire on the crowd of marchers in the main square, killing six.",
     tx.ATTACK, tx.EXCESSIVE_FORCE),
    ("A demonstrator was shot dead by police during the rally against the fuel levy.",
     tx.ATTACK, tx.EXCESSIVE_FORCE),
    ("Police used live ammunition to break up the sit-in outside the ministry.",
     tx.PROTEST_INTERVENTION, tx.EXCESSIVE_FORCE),
    ("Police fired tear gas at the demonstrators and arrested twelve of them.",
     tx.EXCESSIVE_FORCE, tx.PROTEST_INTERVENTION),
    ("Police dispersed the march of retired teachers with batons.",
     tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION),
    ("Police detained forty people taking part in a march against the new tax.",
     tx.ARRESTS, tx.PROTEST_INTERVENTION),
    ("Police arrested the chairman of the opposition party on sedition charges.",
     tx.PROTEST_INTERVENTION, tx.ARRESTS),
])
def test_protest_types_follow_what_happened(sentence: str, model_says: str,
                                            expected: str) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("Riot police used water cannon on the marchers outside parliament.",
     tx.PROTEST_INTERVENTION),
    ("Protesters were pelted with stones by supporters of the governor.",
     tx.PROTEST_INTERVENTION),
    ("Armed men torched a bus on the highway at night.", tx.LOOTING),
    ("Hundreds marched in the capital after soldiers killed a student last week.",
     tx.PEACEFUL_PROTEST),
    ("Families of soldiers killed in the north held a vigil outside the ministry.",
     tx.PEACEFUL_PROTEST),
    ("The rally dispersed peacefully in the evening.", tx.PEACEFUL_PROTEST),
    ("Police arrested the chairman of the opposition party on sedition charges.",
     tx.ARRESTS),
])
def test_protests_the_model_read_right_stay(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- weapons found are no weapons used -----------------------------------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Soldiers found a cache of rifles and grenades buried in a farmyard.",
     tx.GRENADE, tx.DISRUPTED_WEAPONS),
    ("Bomb disposal experts defused an explosive device left near the bus depot.",
     tx.REMOTE_EXPLOSIVE, tx.DISRUPTED_WEAPONS),
    ("Air defences intercepted two drones over the city; no one was hurt.",
     tx.AIR_STRIKE, tx.DISRUPTED_WEAPONS),
    ("Customs officers seized a shipment of assault rifles hidden in a container.",
     tx.NSA_OVERTAKES, tx.DISRUPTED_WEAPONS),
    ("Coalition jets bombed a car-bomb workshop on the edge of the city.",
     tx.REMOTE_EXPLOSIVE, tx.AIR_STRIKE),
    ("A missile strike hit a drone factory in the industrial zone.",
     tx.AIR_STRIKE, tx.SHELLING),
    ("The plant assembles drones for export.", tx.AIR_STRIKE, None),
])
def test_weapons_found_or_made_are_not_weapons_used(sentence: str, model_says: str,
                                                    expected: str | None) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("A roadside bomb exploded as police tried to defuse it, killing two officers.",
     tx.REMOTE_EXPLOSIVE),
    ("Police arrested two men and seized pistols from their car.", tx.ARRESTS),
    ("A drone struck a car carrying two commanders on the coast road.", tx.AIR_STRIKE),
])
def test_weapons_used_stay_their_type(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- no new event, no political violence ---------------------------------------------------

@pytest.mark.parametrize(("sentence", "model_says"), [
    ("The group claimed responsibility for Tuesday's ambush in a statement online.",
     tx.ATTACK),
    ("A little-known faction claimed the bombing, which killed eleven people.",
     tx.REMOTE_EXPLOSIVE),
    ("A gas cylinder explosion in a crowded restaurant killed seven diners.",
     tx.REMOTE_EXPLOSIVE),
    ("A blast at a fireworks factory on the outskirts killed twelve workers.",
     tx.REMOTE_EXPLOSIVE),
    ("Flash floods swept away homes in the valley, killing fourteen people.", tx.ATTACK),
    ("The country test-fired a ballistic missile into the sea on Sunday.", tx.SHELLING),
    ("The council imposed new sanctions over the missile launches.", tx.SHELLING),
    ("Coast guards intercepted a boat carrying 60 migrants off the cape.",
     tx.DISRUPTED_WEAPONS),
    ("Police seized two tonnes of cocaine smuggled in a fruit shipment.", tx.NSA_OVERTAKES),
])
def test_claims_accidents_disasters_tests_and_trafficking_are_no_events(
        sentence: str, model_says: str) -> None:
    _check(sentence, model_says, None)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("A suicide bomber killed eleven people at a checkpoint, and the group claimed "
     "responsibility.", tx.SUICIDE_BOMB),
    ("A gas cylinder bomb planted by militants exploded at the bus station.",
     tx.REMOTE_EXPLOSIVE),
    ("Gunmen killed six farmers as they returned from flood-hit fields.", tx.ATTACK),
    ("A ballistic missile hit an apartment block, killing five.", tx.SHELLING),
    ("Border guards intercepted a truck smuggling rifles and ammunition.",
     tx.DISRUPTED_WEAPONS),
])
def test_the_same_words_with_an_attack_stay_events(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- strategic developments ----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Forty militants surrendered to the army with their weapons.",
     tx.CHANGE_TO_GROUP, tx.AGREEMENT),
    ("The army withdrew two brigades from the eastern region to rest and regroup.",
     tx.NONVIOLENT_TRANSFER, tx.CHANGE_TO_GROUP),
    ("The government deployed three more battalions and heavy artillery to the border.",
     tx.SHELLING, tx.CHANGE_TO_GROUP),
])
def test_surrenders_withdrawals_and_deployments(sentence: str, model_says: str,
                                                expected: str) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("The commander refused to surrender, and the group named a new leader.",
     tx.CHANGE_TO_GROUP),
    ("Rebels withdrew from the town, and government troops moved in.",
     tx.NONVIOLENT_TRANSFER),
    ("The militia pulled its fighters out of the village under a local agreement.",
     tx.NONVIOLENT_TRANSFER),
    ("Troops deployed to the area shelled rebel positions overnight.", tx.SHELLING),
])
def test_strategic_words_with_more_told_stay(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- who struck, and what a crowd did ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Coalition raids on the old city killed nine militants.", tx.ATTACK, tx.AIR_STRIKE),
    ("A US-led strike hit a meeting of commanders near the river.", tx.ATTACK,
     tx.AIR_STRIKE),
    ("Monitors recorded 35 explosions near the front line east of the town.",
     tx.REMOTE_EXPLOSIVE, tx.SHELLING),
    ("Villagers lynched a man they suspected of stealing a goat.", tx.ATTACK,
     tx.MOB_VIOLENCE),
    ("Soldiers beat a shopkeeper to death during a search of the market.",
     tx.MOB_VIOLENCE, tx.ATTACK),
])
def test_aerial_actors_front_lines_and_perpetrators(sentence: str, model_says: str,
                                                    expected: str) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("Soldiers raided a house in the village and arrested three men.", tx.ATTACK),
    ("Two explosions tore through a busy market in the city centre.", tx.REMOTE_EXPLOSIVE),
    ("Residents found the body of a trader killed by bandits on the farm road.",
     tx.ATTACK),
    ("Dock workers went on strike as air force helicopters flew over the port.",
     tx.PEACEFUL_PROTEST),
])
def test_no_aerial_actor_no_front_no_crowd_stays(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)


# --- the decision itself ------------------------------------------------------------------

def test_a_changed_type_carries_its_rule_reason_and_deciding_words() -> None:
    sentence = "Gunmen stormed an army outpost at dawn and killed four soldiers."
    got = decide(sentence, find_triggers(sentence, offset=50),
                 ((tx.ATTACK, 0.5), (tx.ARMED_CLASH, 0.3)), offset=50)
    assert got.rules == ("armed_target",) and "armed" in got.reason
    assert got.confidence == pytest.approx(0.8)
    assert got.trigger is not None and got.trigger.value == tx.ARMED_CLASH
    assert sentence[got.trigger.start - 50:got.trigger.end - 50] == got.trigger.text


def test_a_vetoed_event_and_an_empty_ranking_give_no_type() -> None:
    sentence = "A gas cylinder explosion in a crowded restaurant killed seven diners."
    got = decide(sentence, find_triggers(sentence), ((tx.REMOTE_EXPLOSIVE, 0.7),))
    assert got.sub_event_type is None and got.rules == ("accident",)
    assert got.confidence == pytest.approx(0.3)
    assert decide(sentence, find_triggers(sentence), ()).sub_event_type is None


# --- through the packaged classifier -----------------------------------------------------

@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Insurgents ambushed a police patrol on the road to the district centre, killing "
     "three constables.", tx.ARMED_CLASH),
    ("Soldiers opened fire on the crowd of marchers in the main square, killing six.",
     tx.EXCESSIVE_FORCE),
    ("Soldiers found a cache of rifles and grenades buried in a farmyard.",
     tx.DISRUPTED_WEAPONS),
    ("A gas cylinder explosion in a crowded restaurant killed seven diners.", None),
    ("The group claimed responsibility for Tuesday's ambush in a statement online.", None),
])
def test_the_classifier_applies_the_rules(classifier: Classifier, sentence: str,
                                          expected: str | None) -> None:
    label = classifier.classify(sentence, offset=10)
    assert label.sub_event_type == expected
    if expected is not None:
        assert label.trigger is not None
        assert sentence[label.trigger.start - 10:label.trigger.end - 10] == label.trigger.text


# --- the act decides: agents, consequences and what a type needs -------------------------

@pytest.mark.parametrize(("sentence", "model_says", "expected"), [
    ("Helicopters dropped barrel bombs filled with chlorine on the northern district.",
     tx.AIR_STRIKE, tx.CHEMICAL),
    ("Rebels fired mortar rounds at the headquarters of the monitoring mission.",
     tx.HQ_ESTABLISHED, tx.SHELLING),
    ("Soldiers set fire to dozens of houses in the village after residents fled.",
     tx.OTHER, tx.LOOTING),
    ("A landmine destroyed a minibus on the mountain road, killing all six passengers.",
     tx.LOOTING, tx.REMOTE_EXPLOSIVE),
    ("A coup attempt was thwarted when the presidential guard surrounded the barracks.",
     tx.DISRUPTED_WEAPONS, tx.OTHER),
    ("The militants executed four shepherds accused of spying.", tx.ARMED_CLASH,
     tx.ATTACK),
    ("Fighters of the two factions clashed near the crossing, leaving five dead.",
     tx.CHANGE_TO_GROUP, tx.ARMED_CLASH),
])
def test_the_act_told_decides(sentence: str, model_says: str, expected: str) -> None:
    _check(sentence, model_says, expected)


@pytest.mark.parametrize(("sentence", "model_says"), [
    ("Inspectors oversaw the destruction of the chlorine stockpile at the port.",
     tx.CHEMICAL),
    ("The rebels established a new headquarters in the liberated district.",
     tx.HQ_ESTABLISHED),
    ("Thousands of families fled the valley after fighting between rival militias.",
     tx.OTHER),
    ("Militiamen burned the market stalls of the town overnight.", tx.LOOTING),
    ("Border guards foiled an attempt to smuggle rifles across the river.",
     tx.DISRUPTED_WEAPONS),
    ("Government troops and rebels fought for hours before the rebels executed two "
     "prisoners.", tx.ARMED_CLASH),
    ("The armed group announced it had merged with two smaller factions.",
     tx.CHANGE_TO_GROUP),
])
def test_the_model_stands_where_the_act_agrees(sentence: str, model_says: str) -> None:
    _check(sentence, model_says, model_says)
