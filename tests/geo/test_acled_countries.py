"""The country table: every code and name resolves to one country with ACLED's name and
region, unknown ones are refused with the closest names; and ACLED's source scale."""

from __future__ import annotations

import pytest

from conflictwire.geo import acled_countries as ac
from conflictwire.geo.outlets import OutletLexicon
from conflictwire.geo.source_scale import combine, source_scale


@pytest.mark.parametrize("form", ["SY", "syr", "760", 760, "Syria", "Syrian Arab Republic",
                                  " syria "])
def test_every_form_of_a_country_is_that_country(form):
    country = ac.resolve_country(form)
    assert (country.alpha2, country.alpha3, country.numeric) == ("SY", "SYR", 760)
    assert country.name == "Syria" and country.region == "Middle East"


@pytest.mark.parametrize(("form", "name", "region"), [
    ("Democratic Republic of the Congo", "Democratic Republic of Congo", "Middle Africa"),
    ("DRC", "Democratic Republic of Congo", "Middle Africa"),
    ("Palestinian Territory", "Palestine", "Middle East"),
    ("Cote d'Ivoire", "Ivory Coast", "Western Africa"),
    ("Swaziland", "eSwatini", "Southern Africa"),
    ("MX", "Mexico", "Central America"),
    ("Myanmar", "Myanmar", "Southeast Asia"),
    ("AF", "Afghanistan", "South Asia"),
    ("GE", "Georgia", "Caucasus and Central Asia"),
    ("729", "Sudan", "Northern Africa"),
    ("XKX", "Kosovo", "Europe"),
])
def test_acled_names_and_regions(form, name, region):
    assert ac.country_name(form) == name and ac.region(form) == region


def test_the_table_is_consistent():
    countries = ac.countries()
    assert len(countries) > 240
    for attr in ("alpha2", "alpha3", "numeric", "name"):
        values = [getattr(c, attr) for c in countries]
        assert len(values) == len(set(values)), attr
    assert {c.region for c in countries} == set(ac.regions())
    assert all(len(c.alpha2) == 2 and len(c.alpha3) == 3 for c in countries)
    assert ac.lookup(0).name == "Kosovo"  # ACLED's iso for Kosovo, which ISO leaves out


def test_codes_win_over_names_that_spell_them():
    assert ac.alpha3("US") == "USA" and ac.alpha3("IN") == "IND" and ac.alpha2("CAR") == "CF"


def test_unknown_countries_are_refused_with_suggestions():
    assert ac.lookup("Narnia") is None and ac.lookup("") is None and ac.lookup(None) is None
    with pytest.raises(ac.UnknownCountry, match="did you mean .*Syria"):
        ac.resolve_country("Syira")
    assert ac.numeric("Atlantis") is None and ac.country_name("Atlantis") == ""


def test_match_keys_cover_every_stored_spelling():
    keys = ac.match_keys("SDN")
    assert {"729", "sd", "sdn", "sudan"} <= set(keys)
    assert ac.match_keys("Exampleland") == ("exampleland",)


@pytest.fixture(scope="module")
def outlets():
    return OutletLexicon.load()


@pytest.mark.parametrize(("source", "url", "country", "scale"), [
    ("Reuters", None, "SY", "International"),
    ("SOHR", None, "SY", "National"),
    ("SOHR", None, "IQ", "Regional"),  # a Syrian monitor on Iraq: the same ACLED region
    ("SOHR", None, "MX", "International"),
    ("SOHR; Reuters", None, "760", "National-International"),
    ("Some Local Paper", None, "SY", "Other"),
    ("Some Local Paper", "https://news.example.sy/a", "SY", "National"),
    ("", "https://news.example.iq/a", "SY", "Regional"),
    ("", None, "SY", ""),
])
def test_source_scale(outlets, source, url, country, scale):
    assert source_scale(source, url, country, outlets=outlets) == scale


def test_scales_combine_in_acleds_order():
    assert combine(["International", "National"]) == "National-International"
    assert combine(["National-Regional", "International"]) == "National-Regional-International"
    assert combine(["Other", "National"]) == "Other-National" and combine([]) == ""
