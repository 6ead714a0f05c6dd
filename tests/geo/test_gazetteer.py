"""Gazetteer: normalisation, the dump-file build path, lookups, and clear errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conflictwire.errors import GazetteerError
from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer.build import build_from_dump
from conflictwire.geo.gazetteer.normalise import fold_text, key, variants
from geo_fixture import PLACES, write_dump


def test_key_folds_case_diacritics_apostrophes_and_hyphens():
    assert key("Tall ‘Afar") == key("Tall 'Afar") == "tall afar"
    assert key("Nīnawá") == "ninawa"
    assert key("Al-Raqqah") == "al raqqah"
    assert key("São Tomé") == "sao tome"


def test_variants_drop_arabic_article_and_transliterate():
    v = variants("Al-Raqqah")
    assert {"al raqqah", "raqqah", "raqqa"} <= v
    assert "st louis" in variants("Saint Louis")


def test_fold_text_keeps_offsets_with_mixed_scripts_and_possessives():
    text = "Iraq's army entered الموصل (Mosul) on Tuesday."
    ft = fold_text(text)
    words = ft.folded.split()
    assert words[0] == "iraq"  # possessive cut
    for (s, e), w in zip(ft.spans, words, strict=True):
        assert key(text[s:e]) == w
    assert text[slice(*ft.spans[words.index("mosul")])] == "Mosul"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("dump")
    places = write_dump(folder)
    out = build_from_dump(folder / "g.sqlite", places, admin1=folder / "admin1CodesASCII.txt",
                          admin2=folder / "admin2Codes.txt")
    return Gazetteer.open(out)


def test_dump_build_indexes_names_and_admin_names(small):
    tal = small.lookup("Tal Afar")
    assert [c.place.geonameid for c in tal] == [90393]
    p = tal[0].place
    assert (p.country_code, p.admin1, p.country) == ("IQ", "Nīnawá", "Iraq")
    assert small.lookup("Raqqa")[0].place.name == "Ar Raqqah"
    assert small.lookup("al-Raqqa")[0].place.name == "Ar Raqqah"
    cambridges = small.lookup("Cambridge")
    assert {c.place.country_code for c in cambridges} == {"US", "GB"}
    assert cambridges[0].place.admin2 in ("Middlesex County", "")
    assert small.place(98182).feature_code == "PPLC"


def test_country_lookups_and_demonyms(small):
    iq = small.country("IQ")
    assert iq is not None and iq.iso3 == "IRQ" and iq.isonumeric == "368"
    assert iq.region == "Middle East"
    assert small.country("IRQ") == iq == small.country("368") == small.country("Iraq")
    assert small.country("XX") is None and small.country("Atlantis") is None
    assert small.demonym("Iraqi") == "IQ"
    assert small.demonym("Syrian") == "SY"
    assert small.demonym("Mosul") is None


def test_gazetteer_opens_fast_without_loading_the_automaton(small):
    g = Gazetteer.open(small.path)
    assert g._automaton is None
    assert g.meta["source"] == "dump:XX.txt"


def test_zipped_place_file(tmp_path):
    txt = write_dump(tmp_path)
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(txt, "XX.txt")
    g = Gazetteer.open(build_from_dump(tmp_path / "z.sqlite", z,
                                       admin1=tmp_path / "admin1CodesASCII.txt", admin2=None))
    assert g.lookup("Mosul")[0].place.geonameid == 99072


def test_corrupt_place_file_is_a_clear_error(tmp_path):
    path = write_dump(tmp_path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("12345\tBroken\tline with too few columns\n")
    with pytest.raises(GazetteerError, match=r"line 13: 3 columns.*19"):
        build_from_dump(tmp_path / "g.sqlite", path, admin1=tmp_path / "admin1CodesASCII.txt",
                        admin2=None)
    assert not (tmp_path / "g.sqlite").exists()


def test_truncated_zip_is_a_clear_error(tmp_path):
    txt = write_dump(tmp_path, PLACES * 200)
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(txt, "XX.txt")
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    with pytest.raises(GazetteerError, match="zip|truncated"):
        build_from_dump(tmp_path / "g.sqlite", z, admin1=tmp_path / "admin1CodesASCII.txt",
                        admin2=None)


def test_missing_admin_file_is_a_clear_error(tmp_path):
    path = write_dump(tmp_path)
    with pytest.raises(GazetteerError, match="missing file .*admin2Codes"):
        build_from_dump(tmp_path / "g.sqlite", path, admin1=tmp_path / "admin1CodesASCII.txt",
                        admin2=tmp_path / "nope" / "admin2Codes.txt")


def test_opening_something_else_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="no gazetteer file"):
        Gazetteer.open(tmp_path / "absent.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="not a gazetteer"):
        Gazetteer.open(junk)


def test_default_path_follows_conflictwire_home(monkeypatch, tmp_path):
    from conflictwire.geo.gazetteer import default_path

    monkeypatch.setenv("CONFLICTWIRE_HOME", str(tmp_path))
    assert default_path().parent == Path(tmp_path)


def test_alternate_names_file_adds_english_names_but_not_historic_ones(tmp_path):
    places = write_dump(tmp_path)
    alt = tmp_path / "alternateNamesV2.txt"
    rows = [("1", "99072", "en", "Nineveh City", "", "", "", ""),
            ("2", "99072", "en", "Old Mosulia", "", "", "", "1"),
            ("3", "99072", "fr", "Mossoul-la-Ville", "", "", "", "")]
    alt.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    g = Gazetteer.open(build_from_dump(tmp_path / "g.sqlite", places,
                                       admin1=tmp_path / "admin1CodesASCII.txt", admin2=None,
                                       alternate_names=alt))
    assert [c.place.geonameid for c in g.lookup("Nineveh City")] == [99072]
    assert g.lookup("Old Mosulia") == () and g.lookup("Mossoul-la-Ville") == ()
