"""Actor dictionary, matching and ACLED roles (actor1/actor2, inter and interaction codes)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from conflictwire.coding.actors import (
    COUNTRY_GENERIC,
    DATA_FILE,
    Actor,
    ActorLexicon,
    Roles,
    assign_roles,
    attributes,
    carry,
    claimed_by,
    find_actors,
    home_country,
    interaction_code,
)
from conflictwire.models import Mention


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def names(text: str, lexicon: ActorLexicon) -> list[str]:
    return [m.value.name for m in find_actors(text, lexicon=lexicon)]


def test_state_forces_generated_for_many_countries(lexicon: ActorLexicon) -> None:
    assert names("Nigerian troops repelled the raid.", lexicon) == ["Military Forces of Nigeria"]
    assert names("Kenyan police dispersed the crowd.", lexicon) == ["Police Forces of Kenya"]
    assert names("Colombian soldiers clashed with ELN rebels.", lexicon) == [
        "Military Forces of Colombia", "ELN: National Liberation Army"]
    assert names("US drones struck the camp.", lexicon) == [
        "Military Forces of the United States"]
    assert names("Congolese army units and M23 fought.", lexicon)[0] == (
        "Military Forces of the Democratic Republic of Congo")


def test_acronyms_need_their_case(lexicon: ActorLexicon) -> None:
    assert names("IS fighters attacked the village.", lexicon) == ["Islamic State"]
    assert names("This is what happened.", lexicon) == []
    assert names("The SDF said it captured the town.", lexicon) == [
        "SDF: Syrian Democratic Forces"]


def test_aliases_and_offsets(lexicon: ActorLexicon) -> None:
    text = "Boko Haram insurgents attacked villagers near Maiduguri."
    (group, civ) = find_actors(text, lexicon=lexicon, offset=40)
    assert group.value == Actor("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2,
                                "NG")
    assert text[group.start - 40:group.end - 40] == "Boko Haram insurgents"
    assert (civ.kind, civ.value.name, civ.value.inter) == ("actor", "Civilians", 7)


def test_word_boundaries(lexicon: ActorLexicon) -> None:
    assert names("The regime-held town was quiet.", lexicon) == []
    assert names("Germany's economy grew.", lexicon) == []


def test_generic_names_match_the_code_list() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    generic = {g["name"] for g in data["generic"]} - {"Military Forces", "Police Forces"}
    assert generic == set(COUNTRY_GENERIC)


def test_load_is_fast(lexicon: ActorLexicon) -> None:
    assert len(lexicon.entries) > 5000  # every country's forces, not a handful


@pytest.mark.parametrize(("inter1", "inter2", "code"), [
    (1, 2, 12), (2, 1, 12), (3, 7, 37), (6, None, 60), (1, 1, 11), (None, None, None),
])
def test_interaction_code(inter1: int | None, inter2: int | None, code: int | None) -> None:
    assert interaction_code(inter1, inter2) == code


_PERIOD = re.compile(r" \((?:\d{4})?-?(?:\d{4})?\)$")


def plain(name: str) -> str:
    """A state force's name without the period of the government in power."""
    return _PERIOD.sub("", name)


def roles(lexicon: ActorLexicon, sentence: str, trigger: str, sub: str, cc: str,
          on: date | None = None):
    start = sentence.index(trigger)
    mention = Mention(1000 + start, 1000 + start + len(trigger), trigger, "trigger", sub)
    found = find_actors(sentence, lexicon=lexicon, offset=1000)
    return assign_roles(sentence, found, mention, sub_event_type=sub, country_code=cc,
                        offset=1000, lexicon=lexicon, event_date=on)


ROLE_CASES = [
    ("Four civilians were killed by Russian warplanes in Idlib.", "killed", "Air/drone strike",
     "SY", "Military Forces of Russia (2000-)", 8, "Civilians (Syria)", 7, 78),
    ("Clashes between Islamic State militants and the Iraqi army left 12 dead.", "Clashes",
     "Armed clash", "IQ", "Islamic State (Iraq)", 2, "Military Forces of Iraq (2014-2018)", 1, 12),
    ("Gunmen abducted 20 students from a school in Kaduna.", "abducted",
     "Abduction/forced disappearance", "NG", "Unidentified Armed Group (Nigeria)", 3,
     "Civilians (Nigeria)", 7, 37),
    ("Hundreds of protesters marched in Nairobi against new taxes.", "marched",
     "Peaceful protest", "KE", "Protesters (Kenya)", 6, "", 0, 60),
    ("Riot police fired tear gas at protesters in Dakar.", "fired tear gas",
     "Excessive force against protesters", "SN", "Police Forces of Senegal", 1,
     "Protesters (Senegal)", 6, 16),
    ("Rioters torched a police station in Lagos.", "torched", "Violent demonstration", "NG",
     "Rioters (Nigeria)", 5, "Police Forces of Nigeria (2015-2023)", 1, 15),
    ("A roadside bomb killed three soldiers in Helmand.", "roadside bomb",
     "Remote explosive/landmine/IED", "AF", "Unidentified Armed Group (Afghanistan)", 3,
     "Military Forces of Afghanistan (2014-2021)", 1, 13),
    ("The Taliban ambushed Afghan police in Kunduz.", "ambushed", "Armed clash", "AF",
     "Taliban", 2, "Police Forces of Afghanistan (2014-2021)", 1, 12),
    ("Turkish warplanes struck SDF positions near Kobani.", "struck", "Air/drone strike", "SY",
     "Military Forces of Turkey (2002-)", 8, "SDF: Syrian Democratic Forces", 2, 28),
    ("Al-Shabaab fighters attacked an AMISOM base in Lower Shabelle.", "attacked",
     "Armed clash", "SO", "Al Shabaab", 2, "AMISOM: African Union Mission in Somalia", 8, 28),
    ("Villagers were attacked by Fulani herdsmen in Plateau State.", "attacked", "Attack", "NG",
     "Fulani Ethnic Militia (Nigeria)", 4, "Civilians (Nigeria)", 7, 47),
    ("M23 rebels clashed with the army near Goma.", "clashed", "Armed clash", "CD",
     "M23: March 23 Movement", 2,
     "Military Forces of the Democratic Republic of Congo (2001-2019)", 1, 12),
]


@pytest.mark.parametrize(
    ("sentence", "trigger", "sub", "cc", "a1", "i1", "a2", "i2", "interaction"), ROLE_CASES)
def test_roles(lexicon: ActorLexicon, sentence: str, trigger: str, sub: str, cc: str, a1: str,
               i1: int, a2: str, i2: int | None, interaction: int) -> None:
    got = roles(lexicon, sentence, trigger, sub, cc, on=date(2016, 6, 1))
    assert (got.actor1, got.inter1, got.actor2, got.inter2, got.interaction) == (
        a1, i1, a2, i2, interaction)


def test_civilian_targeting_and_default_victims(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Gunmen shot dead a shopkeeper in Bamako.", "shot dead", "Attack", "ML")
    assert got.actor2 == "Civilians (Mali)"
    assert got.civilian_targeting == "Civilian targeting"
    clash = roles(lexicon, "Soldiers clashed with militants in Gao.", "clashed", "Armed clash",
                  "ML")
    assert clash.civilian_targeting == ""


def test_protest_groups_are_associated(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Teachers protested outside parliament in Accra.", "protested",
                "Peaceful protest", "GH")
    assert (got.actor1, got.assoc_actor_1) == ("Protesters (Ghana)", "Teachers (Ghana)")


def test_regime_period_follows_event_date(lexicon: ActorLexicon) -> None:
    early = roles(lexicon, "The Syrian army shelled Douma.", "shelled",
                  "Shelling/artillery/missile attack", "SY", on=date(2016, 1, 1))
    late = roles(lexicon, "The Syrian army shelled Douma.", "shelled",
                 "Shelling/artillery/missile attack", "SY", on=date(2025, 3, 1))
    assert early.actor1 == "Military Forces of Syria (2000-2024)"
    assert late.actor1 == "Military Forces of Syria (2024-)"


def test_without_lexicon_uses_geonames_country_names(lexicon: ActorLexicon) -> None:
    sentence = "Police arrested five protesters in Kampala."
    found = find_actors(sentence, lexicon=lexicon)
    got = assign_roles(sentence, found, None, sub_event_type="Arrests", country_code="UG")
    assert (got.actor1, got.actor2, got.interaction) == (
        "Police Forces of Uganda", "Protesters (Uganda)", 16)


@pytest.mark.parametrize("text", [
    "Fighters of the so-called Islamic State attacked the checkpoint.",
    "Thirty Islamic State (IS) group militants were killed.",
    "Militants loyal to Islamic State stormed the prison.",
])
def test_generic_words_merge_into_the_named_group(lexicon: ActorLexicon, text: str) -> None:
    assert set(names(text, lexicon)) == {"Islamic State"}


def test_generic_words_stay_when_they_are_another_actor(lexicon: ActorLexicon) -> None:
    got = names("Boko Haram insurgents and unknown gunmen attacked the town.", lexicon)
    assert got == ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
                   "Unidentified Armed Group"]


def test_reporting_source_is_not_a_party(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Gunmen killed five villagers near Kaduna, police said.", "killed",
                "Attack", "NG")
    assert (got.actor1, got.actor2) == ("Unidentified Armed Group (Nigeria)",
                                        "Civilians (Nigeria)")
    source_first = roles(lexicon, "The army said militants attacked a church in Kaduna.",
                         "attacked", "Attack", "NG")
    assert source_first.actor1 == "Unidentified Armed Group (Nigeria)"


def test_source_stands_in_when_no_one_else_acts(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Police said they arrested 14 protesters in Lagos.", "arrested",
                "Arrests", "NG")
    assert (plain(got.actor1), got.actor2) == ("Police Forces of Nigeria", "Protesters (Nigeria)")


def test_coordinated_subjects_of_a_battle(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Houthi fighters and Yemeni troops clashed near Marib.", "clashed",
                "Armed clash", "YE")
    assert (got.actor1, plain(got.actor2), got.interaction) == ("Houthi Movement",
                                                                "Military Forces of Yemen", 12)


def test_civilians_are_not_a_side_in_battles(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Clashes between the army and Maoists killed three villagers in Sukma.",
                "Clashes", "Armed clash", "IN")
    assert (plain(got.actor1), got.actor2, got.interaction) == (
        "Military Forces of India", "CPI (Maoist): Communist Party of India (Maoist)", 12)
    assert got.civilian_targeting == ""


def test_odd_input_keeps_offsets(lexicon: ActorLexicon) -> None:
    for text in ["", "İstanbul police killed 3 İraqi soldiers", "ßß US troops ßß", "IS" * 50]:
        found = find_actors(text, lexicon=lexicon, offset=7)
        assert all(text[m.start - 7:m.end - 7] == m.text for m in found)
        assign_roles(text, found, None, sub_event_type="Attack", country_code=None, offset=7)


def test_arrests_default_to_civilians(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Police arrested 12 suspects in Mombasa.", "arrested", "Arrests", "KE")
    assert (plain(got.actor1), got.actor2, got.interaction) == (
        "Police Forces of Kenya", "Civilians (Kenya)", 17)
    assert got.civilian_targeting == ""
    named = roles(lexicon, "Police arrested 3 journalists in Mombasa.", "arrested", "Arrests",
                  "KE")
    assert (named.actor2, named.assoc_actor_2, named.civilian_targeting) == (
        "Civilians (Kenya)", "Journalists (Kenya)", "")


def test_civilian_groups_are_associated_with_civilians(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Gunmen abducted 20 students from a school in Kaduna.", "abducted",
                "Abduction/forced disappearance", "NG")
    assert (got.actor2, got.assoc_actor_2) == ("Civilians (Nigeria)", "Students (Nigeria)")


def test_subject_of_a_passive_harm_verb_is_the_target(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "IS militants were killed in a coalition airstrike near Raqqa.",
                "coalition airstrike", "Air/drone strike", "SY")
    assert (got.actor1, got.actor2) == ("Global Coalition Against Daesh", "Islamic State (Syria)")


def test_demonym_civilians(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Israeli airstrikes on Gaza City killed 15 Palestinians.", "airstrikes",
                "Air/drone strike", "PS")
    assert (plain(got.actor1), got.actor2, got.civilian_targeting) == (
        "Military Forces of Israel", "Civilians (Palestine)", "Civilian targeting")
    assert names("A Syrian woman and two Afghan children were hurt.", lexicon) == [
        "Civilians", "Civilians"]


def test_agreement_parties(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "M23 rebels and Congolese troops signed a ceasefire in Luanda.", "signed",
                "Agreement", "CD")
    assert (got.actor1, plain(got.actor2)) == (
        "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo")


def test_generic_head_after_a_named_actor_is_that_actor(lexicon: ActorLexicon) -> None:
    assert names("Coalition raids and International Coalition warplanes hit the bridge.",
                 lexicon) == ["Global Coalition Against Daesh", "Global Coalition Against Daesh"]
    assert names("Hezbollah troops entered the valley.", lexicon) == ["Hezbollah"]
    # a comma between them keeps two actors
    assert len(names("Hezbollah, troops and militias entered the valley.", lexicon)) >= 2


@pytest.mark.parametrize(("sentence", "one_side"), [
    ("Hezbollah fighters and regime forces stormed the hill of Tal Sakhr.", True),
    ("Kurdish fighters and regime forces battled for the hill of Tal Sakhr.", False),
    ("Hezbollah fighters and regime forces exchanged fire at Tal Sakhr.", False),
])
def test_coordinated_subjects_are_allies_unless_the_verb_is_reciprocal(
        lexicon: ActorLexicon, sentence: str, one_side: bool) -> None:
    roles = assign_roles(sentence, find_actors(sentence, lexicon=lexicon), None,
                         sub_event_type="Armed clash", country_code="SY", lexicon=lexicon,
                         event_date=date(2016, 5, 1))
    assert roles.actor1
    assert bool(roles.assoc_actor_1) == one_side
    # Allies on one side: a battle's unnamed other side is an unidentified armed group.
    assert roles.actor2.startswith("Unidentified Armed Group") == one_side
    assert bool(roles.repaired) == one_side


def test_sponsor_backed_and_loyalist_groups(lexicon: ActorLexicon) -> None:
    assert names("Ankara-backed factions shelled the village.", lexicon) == ["Syrian National Army"]
    assert names("Turkey-backed militants took the hill.", lexicon) == ["Syrian National Army"]
    assert names("Gunmen loyal to the regime raided the farm.", lexicon) == [
        "NDF: National Defence Forces"]


# --- ACLED's naming scheme --------------------------------------------------------------

@pytest.mark.parametrize(("cc", "on", "name"), [
    ("PK", date(2019, 3, 1), "Military Forces of Pakistan (2018-2022)"),
    ("PK", date(2024, 6, 1), "Military Forces of Pakistan (2024-)"),
    ("US", date(2022, 1, 1), "Military Forces of the United States (2021-2025)"),
    ("RU", date(2024, 7, 9), "Military Forces of Russia (2000-)"),
    ("SY", date(2024, 12, 7), "Military Forces of Syria (2000-2024)"),
    ("SY", date(2024, 12, 8), "Military Forces of Syria (2024-)"),
])
def test_period_of_the_government_in_power(lexicon: ActorLexicon, cc: str, on: date,
                                           name: str) -> None:
    assert lexicon.state_forces("military", cc, on) == name


def test_periods_table_is_versioned_and_ordered() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert data["version"] >= 2 and data["periods_about"]
    for cc, spans in data["periods"].items():
        starts = [date.fromisoformat(s) for s, _, _ in spans]
        assert starts == sorted(starts), cc
        for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
            assert end == start, cc  # no gap, no overlap
        assert spans[-1][1] is None, cc


def test_unnamed_rebels_follow_the_country_and_date(lexicon: ActorLexicon) -> None:
    sentence = "Rebels shelled the government-held district."
    sub = "Shelling/artillery/missile attack"
    assert roles(lexicon, sentence, "shelled", sub, "SY", date(2016, 5, 1)).actor1 == (
        "Opposition Rebels (Syria)")
    assert roles(lexicon, sentence, "shelled", sub, "SY", date(2025, 5, 1)).actor1 == (
        "Unidentified Armed Group (Syria)")
    assert roles(lexicon, sentence, "shelled", sub, "ML", date(2016, 5, 1)).actor1 == (
        "Unidentified Armed Group (Mali)")


def test_groups_across_countries_get_their_local_name_or_none(lexicon: ActorLexicon) -> None:
    sentence = "Islamic State fighters attacked a checkpoint on the highway."
    assert roles(lexicon, sentence, "attacked", "Armed clash", "IQ").actor1 == (
        "Islamic State (Iraq)")
    assert roles(lexicon, sentence, "attacked", "Armed clash", "US").actor1 == "Islamic State"
    yemen = roles(lexicon, "Al-Qaeda militants stormed the outpost.", "stormed", "Armed clash",
                  "YE")
    assert yemen.actor1 == "AQAP: Al Qaeda in the Arabian Peninsula"


def test_a_country_name_acts_only_as_the_subject(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Turkey shelled villages near the border on Monday.", "shelled",
                "Shelling/artillery/missile attack", "SY", date(2019, 10, 1))
    assert got.actor1 == "Military Forces of Turkey (2002-)"
    placed = roles(lexicon, "Three people were killed by shelling in Turkey on Monday.",
                   "shelling", "Shelling/artillery/missile attack", "TR")
    assert not placed.actor1.startswith("Military Forces")
    assert names("Nigeria's economy grew.", lexicon) == []


def test_lower_case_text_still_finds_acronyms(lexicon: ActorLexicon) -> None:
    assert names("fmln units attacked the garrison at dawn.", lexicon) == [
        "FMLN: Farabundo Marti National Liberation Front"]
    assert names("This is what happened.", lexicon) == []


# --- roles from the sentence --------------------------------------------------------------

def test_victims_of_an_encounter_face_the_other_side(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Two soldiers were killed in an encounter with Maoists in the forest.",
                "encounter", "Armed clash", "IN", date(2017, 4, 1))
    assert (got.actor1, plain(got.actor2)) == (
        "CPI (Maoist): Communist Party of India (Maoist)", "Military Forces of India")


def test_a_battle_has_two_sides(lexicon: ActorLexicon) -> None:
    one = roles(lexicon, "Troops fought for hours near the river crossing.", "fought",
                "Armed clash", "CM")
    assert (plain(one.actor1), one.actor2) == (
        "Military Forces of Cameroon", "Unidentified Armed Group (Cameroon)")
    assert one.repaired and one.defaulted == ("actor2",)
    victim = roles(lexicon, "A soldier was shot dead at a checkpoint in the north.", "shot dead",
                   "Armed clash", "CM")
    assert (victim.actor1, plain(victim.actor2)) == (
        "Unidentified Armed Group (Cameroon)", "Military Forces of Cameroon")


def test_explosions_and_their_unnamed_victims(lexicon: ActorLexicon) -> None:
    sentence = "A bomb exploded at a crowded bus stop, killing four."
    mention = Mention(2, 6, "bomb", "trigger", "Remote explosive/landmine/IED")
    got = assign_roles(sentence, find_actors(sentence, lexicon=lexicon), mention,
                       sub_event_type="Remote explosive/landmine/IED", country_code="KE",
                       lexicon=lexicon, casualties=True)
    assert (got.actor1, got.actor2, got.civilian_targeting) == (
        "Unidentified Armed Group (Kenya)", "Civilians (Kenya)", "Civilian targeting")
    assert (got.inter1, got.inter2, got.interaction) == (3, 7, 37)
    track = "A bomb exploded beside a farm track."
    unharmed = assign_roles(track, [], mention, sub_event_type="Remote explosive/landmine/IED",
                            country_code="KE", lexicon=lexicon, casualties=False)
    assert (unharmed.actor2, unharmed.inter2, unharmed.interaction) == ("", 0, 30)


def test_a_strike_on_a_civilian_place_targets_civilians(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Jets struck a hospital in the old town overnight.", "struck",
                "Air/drone strike", "SD")
    assert got.actor2 == "Civilians (Sudan)"


def test_an_unattributed_air_strike(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "An air strike hit the convoy near the border.", "air strike",
                "Air/drone strike", "LY")
    assert (got.actor1, got.inter1, got.defaulted) == (
        "Unidentified Military Forces", 8, ("actor1",))


def test_armed_victims_of_an_attack_stay_its_target(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "A policeman was stabbed to death near the market.", "stabbed",
                "Attack", "KE")
    assert (got.actor1, plain(got.actor2), got.civilian_targeting) == (
        "Unidentified Armed Group (Kenya)", "Police Forces of Kenya", "")


def test_speakers_and_sources_are_no_side(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "A police spokesman confirmed that gunmen killed two farmers.",
                "killed", "Attack", "NG")
    assert (got.actor1, got.actor2) == ("Unidentified Armed Group (Nigeria)",
                                        "Civilians (Nigeria)")
    according = roles(lexicon, "According to the army, militants attacked a church in Kaduna.",
                      "attacked", "Attack", "NG")
    assert according.actor1 == "Unidentified Armed Group (Nigeria)"


def test_arrests_are_made_by_the_state(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Five activists were arrested in the capital overnight.", "arrested",
                "Arrests", "ZW")
    assert (plain(got.actor1), got.actor2) == ("Police Forces of Zimbabwe", "Civilians (Zimbabwe)")
    assert got.defaulted == ("actor1",)  # those arrested are named: activists, civilians


def test_allies_in_support_are_associated(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Russian jets, which fly in support of Syrian government forces, "
                "bombed the market.", "bombed", "Air/drone strike", "SY", date(2020, 1, 5))
    assert (got.actor1, got.assoc_actor_1) == ("Military Forces of Russia (2000-)",
                                               "Military Forces of Syria (2000-2024)")


def test_home_country_of_the_named_groups(lexicon: ActorLexicon) -> None:
    found = find_actors("Maoists and police exchanged fire.", lexicon=lexicon)
    assert home_country(found) == "IN"
    assert home_country(find_actors("Troops advanced.", lexicon=lexicon)) is None
    state = find_actors("Kenyan police dispersed the crowd.", lexicon=lexicon)
    assert (home_country(state), home_country(state, states=True)) == (None, "KE")


def test_carry_fills_only_what_the_sentence_lacks() -> None:
    earlier = Roles(actor1="Military Forces of Syria (2000-2024)", inter1=1,
                    actor2="Civilians (Syria)", inter2=7, interaction=17,
                    civilian_targeting="Civilian targeting")
    bare = Roles(actor1="Unidentified Military Forces", inter1=8, interaction=80,
                 defaulted=("actor1",))
    got = carry(bare, earlier)
    assert (got.actor1, got.actor2, got.interaction, got.civilian_targeting, got.defaulted) == (
        "Military Forces of Syria (2000-2024)", "Civilians (Syria)", 17, "Civilian targeting", ())
    named = Roles(actor1="Military Forces of Russia (2000-)", inter1=8, interaction=80)
    assert carry(named, earlier).actor1 == "Military Forces of Russia (2000-)"
    assert carry(earlier, bare) is earlier


def test_a_later_sentence_takes_the_side_its_event_named_earlier() -> None:
    from conflictwire.coding.frames import carry_actors
    from conflictwire.coding.within_article import Draft

    strike = "Air/drone strike"
    jets = Roles(actor1="Military Forces of Syria (2000-2024)", inter1=1, interaction=10)
    bare = Roles(actor1="Unidentified Military Forces", inter1=8, actor2="Civilians (Syria)",
                 inter2=7, interaction=78, civilian_targeting="Civilian targeting",
                 defaulted=("actor1",))
    other = Roles(actor1="Unidentified Armed Group (Syria)", inter1=3, interaction=30,
                  defaulted=("actor1",))
    drafts = [
        Draft(strike, 0.9, 0, 0, 10, "Syrian jets bombed the town.", roles=jets, headline=True),
        Draft(strike, 0.9, 1, 11, 40, "The strikes killed four civilians.", roles=bare),
        Draft("Remote explosive/landmine/IED", 0.9, 2, 41, 60, "A bomb went off.", roles=other),
    ]
    out = carry_actors(drafts)
    assert (out[1].roles.actor1, out[1].roles.actor2, out[1].roles.interaction) == (
        "Military Forces of Syria (2000-2024)", "Civilians (Syria)", 17)
    assert out[2].roles is other  # another kind of event keeps its own sides


def test_identities_are_associated_with_the_civilians(lexicon: ActorLexicon) -> None:
    got = roles(lexicon, "Gunmen shot dead three Shia pilgrims near the shrine.", "shot dead",
                "Attack", "PK")
    assert (got.actor1, got.actor2, got.assoc_actor_2) == (
        "Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)",
        "Shia Muslim Group (Pakistan)")
    allies = roles(lexicon, "Boko Haram fighters and gunmen attacked the barracks.", "attacked",
                   "Armed clash", "NG")
    assert allies.assoc_actor_1 == ""


@pytest.mark.parametrize(("sentence", "claimant"), [
    ("Hours later, Al-Shabaab claimed responsibility in a statement.", "Al Shabaab"),
    ("The army blamed the bombing on Boko Haram fighters.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Responsibility was claimed by the Taliban.", "Taliban"),
    ("The Taliban said they carried out the raid.", "Taliban"),
])
def test_claims_and_blame_name_the_perpetrator(lexicon: ActorLexicon, sentence: str,
                                                claimant: str) -> None:
    assert attributes(sentence)
    found = claimed_by(sentence, find_actors(sentence, lexicon=lexicon))
    assert found is not None and found.value.name == claimant


def test_no_claim_without_a_cue_or_an_armed_claimant(lexicon: ActorLexicon) -> None:
    quiet = "The Taliban met elders in the district."
    assert not attributes(quiet)
    assert claimed_by(quiet, find_actors(quiet, lexicon=lexicon)) is None
    civilians = "Villagers blamed the attack on the drought."
    assert claimed_by(civilians, find_actors(civilians, lexicon=lexicon)) is None


def test_a_claim_after_the_event_names_its_perpetrator(lexicon: ActorLexicon) -> None:
    from types import SimpleNamespace

    from conflictwire.coding.document import Doc, Unit
    from conflictwire.coding.frames import attribute_claims
    from conflictwire.coding.within_article import Draft
    from conflictwire.models import Article

    claim = "Al-Shabaab claimed responsibility for the attack."
    doc = Doc(Article(id="a", text="A bomb killed two soldiers. " + claim))
    doc.units = [Unit(0, 0, 27, "A bomb killed two soldiers.", False),
                 Unit(1, 28, 28 + len(claim), claim, False)]
    unnamed = Roles(actor1="Unidentified Armed Group (Somalia)", inter1=3,
                    actor2="Military Forces of Somalia (2022-)", inter2=1, interaction=13,
                    defaulted=("actor1",))
    drafts = [Draft("Remote explosive/landmine/IED", 0.9, 0, 0, 27, doc.units[0].text,
                    roles=unnamed)]
    (got,) = attribute_claims(drafts, doc, SimpleNamespace(actors=lexicon))
    assert (got.roles.actor1, got.roles.actor2, got.roles.interaction) == (
        "Al Shabaab", "Military Forces of Somalia (2022-)", 12)


def test_a_territory_without_a_military_has_police_forces(lexicon: ActorLexicon) -> None:
    assert names("Palestinian security forces arrested two men.", lexicon) == [
        "Police Forces of Palestine", "Civilians"]
    assert lexicon.state_forces("military", "PS") == "Police Forces of Palestine"
