"""The settings tree: packaged defaults are the values the code used before they moved to
data/settings.toml, a user file overrides them one value at a time, and a bad file is a
one-line ConfigError that names what is wrong."""

from __future__ import annotations

import pickle
import tomllib
from dataclasses import fields, replace
from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.within_article import Draft, merge
from conflictwire.data import path as data_path
from conflictwire.errors import ConfigError
from conflictwire.events.matching import match, score
from conflictwire.geo.geoparse import geoparse, locate_event
from conflictwire.geo.toponyms import recognise
from conflictwire.models import Article, Event, Location, Report
from conflictwire.settings import (
    ClassifySettings,
    CodingSettings,
    GeoparseSettings,
    MatchingSettings,
    MergeSettings,
    RecogniseSettings,
    Settings,
    load_settings,
    packaged_settings,
)
from geo_fixture import small_gazetteer

# The values as they were written in the code before the settings file (issue 14); the
# [classify] section is the encoder's (issue 15), tuned on the real dev split.
BEFORE = {
    "coding": dict(max_events=25, max_sentences=400, max_unit_chars=300, components=(
        "sentences", "triggers", "factuality", "coreference", "actors", "places", "dates",
        "tolls", "frames", "within_article", "reports"), spread_bonus=0.3, cut_stretch=1.5,
        join_window=3, continue_window=2, headline_lead=2),
    "classify": dict(threshold=0.3, lexical_weight=0.25, encoder_sentences=3,
                     precedence_skip=("armed_target", "lethal_force", "untold_development"),
                     damping=0.15, non_conflict_damping=0.02),
    "geoparse": dict(
        population=0.45, primary_name=1.0, country_focus=5.0, admin1_focus=6.0, hierarchy=4.0,
        nearby=1.0, hint_country=1.5, max_candidates=40, town_floor=1000, big_city=100000,
        coherence_top=15, admin1_exists=0.5, admin2_exists=2.0, neighbour_focus=1.0,
        admin_vs_city=2.5, big_alternate=20000, alternate_ratio=5.0, mention_vote=1.0,
        unsure_margin=0.5, unsure_population=100000, far_km=161.0,
        feature_bonus={"PCLI": 3.5, "CONT": 3.0, "ADM1": 2.0, "PPLC": 1.5, "ADM2": -0.5},
        admin2_word=4.0, admin1_word=4.0, admin2_in_name=2.0, rounds=3, nearby_km=50.0,
        nearby_far_km=200.0, admin1_exists_cap=3, admin2_exists_cap=2, coherence_names_cap=3,
        localise_max_population=500000, stray_max_population=20000, stray_min_names=3,
        alternate_max_population=100000, event_specificity=2.0, event_dateline=5.0,
        event_focus=1.5, event_locative=2.0, event_origin=4.0, event_speech=3.0,
        event_position_chars=10000.0, localise_min_names=2, event_context_chars=600),
    "matching": dict(
        max_km=10.0, max_km_near=30.0, threshold=0.62, adjacent_day=0.5, w_date=0.14,
        w_place=0.19, w_type=0.14, w_actor=0.24, w_evidence=0.29, same_type=0.7,
        compatible_type=0.4, unnamed_actor=0.5, same_story_jaccard=0.4, actor_word_share=0.5),
    "merge": dict(max_days=1, evidence_texts=20),
}
# The recogniser's evidence weights, as geo/toponyms.py's RecogniserWeights had them, and
# the numbers its demonyms, abbreviations and `_importance` had.
RECOGNISE = dict(
    common=1.3, common_initial=3.0, common_inside=4.5, common_run=3.0, multiword=1.0,
    locative=1.5, admin_word=1.5, comma_place=1.0, alternate_only=1.0, threshold=2.75,
    person_name=1.5, surname_rank=3000, first_name_share=80.0, dateline=3.0, place_noun=1.0,
    listed=1.5, speaking_place=4.5, demonym=4.0, abbreviation=3.0, importance_population=0.5,
    importance_town_floor=1000,
    importance_bonus={"PCLI": 3.0, "CONT": 3.0, "ADM1": 2.0, "PPLC": 1.5, "ADM2": 0.5})


def _write(tmp_path, text: str):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    return path


def test_the_packaged_defaults_are_the_values_the_code_had():
    settings = load_settings()
    for section, values in [*BEFORE.items(), ("geoparse.recognise", RECOGNISE)]:
        got = settings
        for name in section.split("."):
            got = getattr(got, name)
        for key, value in values.items():
            assert getattr(got, key) == value, (section, key)
            assert type(getattr(got, key)) is type(value) or isinstance(value, dict), (section, key)
    # The merger's distances and threshold are the matcher's, as before.
    merge = settings.merge
    assert (merge.max_km, merge.exact_km, merge.threshold) == (30.0, 10.0, 0.62)
    assert merge.match is settings.matching


def test_every_field_has_one_packaged_value_and_every_value_a_field():
    tables = tomllib.loads(data_path("settings.toml").read_text())
    for name, cls in [("coding", CodingSettings), ("classify", ClassifySettings),
                      ("geoparse", GeoparseSettings), ("recognise", RecogniseSettings),
                      ("matching", MatchingSettings), ("merge", MergeSettings)]:
        names = {f.name for f in fields(cls)} - {"match", "recognise"}
        assert names == set(tables[name]), name
    assert set(tables) == {"coding", "classify", "geoparse", "recognise", "matching", "merge"}


def test_packaged_settings_are_loaded_once_and_are_what_empty_constructors_give():
    assert packaged_settings() is packaged_settings() is load_settings(None)
    assert Settings() == packaged_settings()
    assert MatchingSettings(threshold=0.7) == replace(packaged_settings().matching, threshold=0.7)


def test_the_matcher_settings_are_one_copy_the_merger_shares():
    settings = packaged_settings()
    strict = replace(settings, merge=replace(settings.merge, match=MatchingSettings(threshold=0.9)))
    assert strict.matching.threshold == strict.merge.threshold == 0.9
    with pytest.raises(TypeError):  # no second copy to set apart from the merger's
        replace(settings, matching=MatchingSettings(threshold=0.9))


def test_settings_pickle_whole_so_dask_workers_can_be_sent_them(tmp_path):
    path = _write(tmp_path, "[matching]\nthreshold = 0.8\n[geoparse]\n"
                            "feature_bonus = { PPLA = 1.0 }\n[coding]\nmax_events = 3\n")
    settings = load_settings(path)
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings != packaged_settings()
    assert copy.geoparse.feature_bonus["PPLA"] == 1.0 and copy.merge.threshold == 0.8
    assert copy.matching is copy.merge.match


def test_a_user_file_overrides_one_value_and_keeps_the_rest(tmp_path):
    path = _write(tmp_path, "[matching]\nthreshold = 0.8\n[geoparse]\nfar_km = 100\n"
                            "feature_bonus = { PPLA = 1.0 }\n")
    settings = load_settings(path)
    assert settings.matching == replace(packaged_settings().matching, threshold=0.8)
    assert settings.merge.threshold == 0.8  # the merger scores with the same matcher
    assert settings.geoparse.far_km == 100.0 and isinstance(settings.geoparse.far_km, float)
    assert settings.geoparse.feature_bonus == {**BEFORE["geoparse"]["feature_bonus"], "PPLA": 1.0}
    assert settings.coding == packaged_settings().coding
    assert load_settings(str(path)) == settings


def test_the_web_table_is_left_to_the_web_app(tmp_path):
    assert load_settings(_write(tmp_path, "[web]\napi_token = 't'\n")) == packaged_settings()


@pytest.mark.parametrize(("text", "says"), [
    ("[matching]\nthreshhold = 0.5\n", "unknown setting 'threshhold' in [matching]; known: "
                                       "max_km, max_km_near, threshold,"),
    ("[matcher]\nthreshold = 0.5\n", "unknown section [matcher]; known: classify, coding, "
                                     "geoparse, matching, merge, recognise, web"),
    ("[matching]\nthreshold = 'high'\n", "[matching] threshold must be a number, not 'high'"),
    ("[coding]\nmax_events = 2.5\n", "[coding] max_events must be an integer, not 2.5"),
    ("[coding]\nmax_events = true\n", "[coding] max_events must be an integer, not True"),
    ("[coding]\ncomponents = 'sentences'\n", "[coding] components must be a list of strings"),
    ("[geoparse]\nfeature_bonus = 1\n", "[geoparse] feature_bonus must be a table"),
    ("matching = 1\n", "matching must be a [matching] table"),
    ("[matching\n", "is not valid TOML"),
])
def test_a_bad_file_is_a_one_line_error_naming_what_is_wrong(tmp_path, text, says):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    message = str(err.value)
    assert says in message and str(path) in message and "\n" not in message.strip()


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")


def _report(report_id: str, evidence: str) -> Report:
    return Report(
        report_id=report_id, article_id=report_id, event_date=date(2025, 2, 3), time_precision=1,
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", actor1="Rapid Support Forces",
        location=Location("Omdurman", 15.645, 32.478, 1, country="Sudan", admin1="Khartoum"),
        evidence=evidence)


def test_a_changed_matcher_threshold_changes_a_matching_decision(tmp_path):
    stored = _report("r1", "An RSF drone hit a bus station in Omdurman, killing five travellers.")
    event = Event("ev1", stored.record("ev1"), ("r1",))
    new = _report("r2", "Eleven travellers died when a drone struck the Omdurman bus station.")
    found, score = match(new, [event])
    assert found is event and score < 0.99
    strict = load_settings(_write(tmp_path, "[matching]\nthreshold = 0.99\n"))
    assert match(new, [event], options=strict.matching) == (None, score)


def test_a_changed_actor_word_share_changes_whether_two_names_are_one_actor():
    stored = replace(_report("r1", "IS fighters attacked a village."), actor1="IS Sahel")
    record = stored.record("ev1")
    new = replace(_report("r2", "Islamic State fighters attacked a village."),
                  actor1="Islamic State Sahel Province")
    # One of the two distinctive words ("sahel" of "sahel", "province") is half of them.
    assert score(new, record).actor == 1.0
    assert score(new, record, options=MatchingSettings(actor_word_share=0.75)).actor == 0.0


def _mention(sub: str, unit: int, **kw: object) -> Draft:
    return Draft(sub_event_type=sub, confidence=0.9, unit=unit, start=unit * 10,
                 end=unit * 10 + 9, evidence=f"s{unit}", **kw)


def test_a_changed_join_window_changes_which_mentions_are_one_event():
    douma = Location("Douma", 33.57, 36.4, 1, iso="SYR", admin1="Rif Dimashq", geonameid=170654)
    drafts = [_mention(tx.AIR_STRIKE, 1, location=douma),
              _mention(tx.ATTACK, 4, generic=True)]  # "four people were killed", no place
    assert len(merge(drafts)) == 1
    assert len(merge(drafts, settings=CodingSettings(join_window=2))) == 2
    # A headline's vague place ("northwest Syria"): the lead's mention in the country joins it.
    northwest = Location("Idlib", 35.8, 36.6, 3, iso="SYR", admin1="Idlib", geonameid=169387)
    title = _mention(tx.AIR_STRIKE, 0, headline=True, location=northwest)
    lead = _mention(tx.AIR_STRIKE, 2, location=douma)
    assert len(merge([title, lead])) == 1
    assert len(merge([title, lead], settings=CodingSettings(headline_lead=1))) == 2


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    return small_gazetteer(tmp_path_factory.mktemp("settings"))


def test_changed_recognise_settings_change_which_names_are_places(gaz):
    def kept(text, **changed):
        found = recognise(text, gaz, settings=RecogniseSettings(**changed))
        return [(t.text, t.evidence) for t in found]

    assert kept("Fighting in Mass. went on.") == [("Mass", 3.0)]
    assert kept("Fighting in Mass. went on.", abbreviation=2.5) == []
    assert kept("Iraqi forces advanced.") == [("Iraqi", 4.0)]
    assert kept("Iraqi forces advanced.", demonym=2.5) == []
    # A country's name is kept on its importance alone.
    assert [t for t, _ in kept("Iraq is at war.")] == ["Iraq"]
    assert kept("Iraq is at war.", importance_bonus={"PCLI": -3.0}) == []
    assert kept("Iraq is at war.", importance_population=0.0) == []


def test_a_changed_event_context_reach_changes_the_place_of_a_sentence_naming_none(gaz):
    filler = "The fighting went on for hours. " * 25
    text = f"Clashes in Mosul. Shelling hit Tal Afar. {filler}Five people were killed."
    article = Article(id="t", text=text)
    toponyms = geoparse(article, gazetteer=gaz)
    span = (text.index("Five"), len(text))
    # Both places are more than 600 characters before: the article's first, dominant one.
    assert locate_event(article, span, toponyms, gazetteer=gaz).geonameid == 99072  # Mosul
    wide = GeoparseSettings(event_context_chars=2000)
    nearest = locate_event(article, span, toponyms, gazetteer=gaz, settings=wide)
    assert nearest.geonameid == 90393  # Tal Afar, the last named before the sentence
