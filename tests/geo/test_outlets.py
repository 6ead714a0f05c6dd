"""The outlet lexicon: which country a source's name or web address points to."""

from __future__ import annotations

import json

import pytest

from conflictwire.geo.outlets import OutletDataError, OutletLexicon, tld_country
from paths import REPO


@pytest.fixture(scope="module")
def outlets() -> OutletLexicon:
    return OutletLexicon.load()


@pytest.mark.parametrize(("source", "expected"), [
    ("SOHR", ("SY",)),
    ("sohr", ("SY",)),
    ("Syrian Observatory for Human Rights", ("SY",)),
    ("The Syrian Observatory for Human Rights", ("SY",)),
    ("Premium Times", ("NG",)),
    ("TOLOnews", ("AF",)),
    ("Tolo News", ("AF",)),
    ("The Irrawaddy", ("MM",)),
    ("Irrawaddy", ("MM",)),
    ("Kyiv Independent", ("UA",)),
    ("Dawn", ("PK",)),
    ("Rudaw English", ("IQ",)),
    ("Al-Ahram", ("EG",)),
    ("ahram", ("EG",)),
    ("dailysabah", ("TR",)),
    ("L’Orient-Le Jour", ("LB",)),
])
def test_an_outlet_is_known_by_acronym_full_name_or_run_together(outlets, source, expected):
    assert outlets.countries(source) == expected


@pytest.mark.parametrize("source", ["Reuters", "Reuters News", "AP", "AFP",
                                    "Agence France Presse", "BBC Monitoring Middle East",
                                    "Al Jazeera English", "Airwars", "Air Wars", "HRW",
                                    "Human Rights Watch", "Amnesty International"])
def test_an_international_outlet_points_nowhere(outlets, source):
    assert outlets.countries(source) == ()


def test_lists_give_each_country_once_in_order(outlets):
    assert outlets.countries("SOHR;Airwars") == ("SY",)
    assert outlets.countries("SOHR;SOHR;SOHR") == ("SY",)
    assert outlets.countries("Reuters; Rudaw, Fars News Agency") == ("IQ", "IR")
    assert outlets.countries("Reuters;AFP") == ()


def test_the_longest_known_name_wins(outlets):
    assert outlets.countries("Interfax-Ukraine") == ("UA",)
    assert outlets.countries("Interfax") == ("RU",)
    # The Guardian is international, its Nigerian namesake is not.
    assert outlets.countries("The Guardian") == ()
    assert outlets.countries("The Guardian Nigeria") == ("NG",)


def test_unknown_names_and_words_inside_names_point_nowhere(outlets):
    assert outlets.countries("Springfield Gazette") == ()
    assert outlets.countries("") == ()
    assert outlets.countries(None) == ()
    # "map" inside "Syria Live Map" is no acronym of anything; the whole name is known.
    assert outlets.countries("Syria Live Map") == ("SY",)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.premiumtimesng.com/news/headlines/1.html", ("NG",)),
    ("https://english.ahram.org.eg/News/1.aspx", ("EG",)),
    ("https://www.ina.iq/eng/1", ("IQ",)),          # a known outlet's own domain
    ("http://www.example.iq/a", ("IQ",)),           # any country-code domain
    ("https://news.example.com.ng/x", ("NG",)),
    ("https://www.example.sy/x", ("SY",)),
    ("https://example.ua/x", ("UA",)),
    ("https://example.mm/x", ("MM",)),
    ("https://example.af/x", ("AF",)),
    ("https://example.ye/x", ("YE",)),
    ("https://example.so/x", ("SO",)),
    ("https://example.ml/x", ("ML",)),
    ("https://www.bbc.co.uk/news/world", ()),       # international, whatever its domain
    ("https://syria.liveuamap.com/en/2016/1", ("SY",)),
    ("https://liveuamap.com/en/2016/1", ()),
    ("https://www.tolonews.af/x", ("AF",)),
    ("https://example.com/x", ()),
    ("https://example.tv/x", ()),                   # a country code sold as a generic name
    ("not a url at all", ()),
    ("http://[::1", ()),                            # malformed: no hint, no error
])
def test_web_addresses_point_to_countries(outlets, url, expected):
    assert outlets.countries(url=url) == expected


def test_name_and_address_together(outlets):
    assert outlets.countries("Reuters", "https://www.reuters.com/world/") == ()
    assert outlets.countries("Premium Times", "https://www.premiumtimesng.com/a") == ("NG",)
    assert outlets.countries("SOHR", "https://example.iq/a") == ("SY", "IQ")


def test_tld_country():
    assert tld_country("www.example.co.uk") == "GB"
    assert tld_country("example.ng") == "NG"
    assert tld_country("example.org") == ""
    assert tld_country("") == ""


def test_the_lexicon_is_broad_and_well_formed():
    rows = json.loads((REPO / "src" / "conflictwire" / "data"
                       / "outlets.json").read_text(encoding="utf-8"))["outlets"]
    national = [r for r in rows if r["country"]]
    assert len(national) >= 80
    assert len({r["country"] for r in national}) >= 40
    assert all(len(r["country"]) == 2 and r["country"].isupper() for r in national)


def test_a_broken_lexicon_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "outlets.json"
    bad.write_text('{"outlets": [{"name": "X"}]}', encoding="utf-8")
    with pytest.raises(OutletDataError):
        OutletLexicon.load(bad)
    with pytest.raises(OutletDataError):
        OutletLexicon.load(tmp_path / "missing.json")


def test_a_host_named_like_an_international_outlet_keeps_its_country_code(outlets):
    assert outlets.countries(url="https://www.guardian.co.tt/news/1") == ("TT",)
    assert outlets.countries(url="https://www.theguardian.com/world/1") == ()
