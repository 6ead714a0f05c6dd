"""`conflictwire gazetteer download`: GeoNames' per-country files fetched from a server on
127.0.0.1 (zips written here), checked, and built into a gazetteer with the villages of
those countries beside the other countries' places; damaged or missing files are clear
errors that leave the old gazetteer as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwire.cli.app import app
from conflictwire.geo.gazetteer import Gazetteer, villages_path
from conflictwire.geo.gazetteer.download import (
    DownloadError,
    build_with_countries,
    country_codes,
    fetch_files,
)
from conflictwire.geo.gazetteer.records import AdminRow, Entry
from geo_fixture import place_line
from loopback_servers import http_server, static

# Made-up villages in the 19-column GeoNames format (population 0, as most villages have).
_SY = [
    (163843, "Syria", "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "", "00", "", "", "",
     17000000),
    (170000, "Muḩāfaẓat Idlib", "Muhafazat Idlib", "Idlib Governorate", 35.8, 36.6, "A",
     "ADM1", "SY", "", "12", "", "", "", 1500000),
    (9000001, "Tall Zaytūn", "Tall Zaytun", "", 35.71, 36.52, "P", "PPL", "SY", "", "12",
     "SY1203", "", "", 0),
    (9000002, "Kafr Tuffāḩ", "Kafr Tuffah", "Kfar Tuffah", 35.62, 36.71, "P", "PPL", "SY", "",
     "12", "SY1203", "", "", 0),
]
# alternateNameId, geonameid, language, name, preferred, short, colloquial, historic
_ALTERNATES = [(1, 9000001, "en", "Tal Zeitoun", "", "", "", ""),
               (2, 9000002, "ar", "كفر تفاح", "", "", "", ""),
               (3, 9000001, "", "Tell Zaytoun Old", "", "", "", "1")]
_ADMIN1 = "SY.12\tMuḩāfaẓat Idlib\tIdlib\t170000\nUS.CA\tCalifornia\tCalifornia\t5332921\n"
_ADMIN2 = "SY.12.SY1203\tMinţaqat Ḩārim\tHarim District\t170010\n"
# The default gazetteer's places stand in for the PyPI data: one town abroad, one in Syria
# that the download replaces.
_SHIPPED = ([Entry(5391959, "Springfield", 37.2, -93.3, "US", "P", "PPL", 160000, "MO", "",
                   {"Springfield"}),
             Entry(8000000, "Old Shipped Town", 35.5, 36.5, "SY", "P", "PPL", 9000, "12", "",
                   {"Old Shipped Town"})],
            [AdminRow("US.MO", "Missouri", 4398678, "Missouri"),
             AdminRow("SY.12", "Idlib", 169387, "Idlib")])


def _zip(member: str, text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, text)
    return buf.getvalue()


def _files() -> dict[str, bytes]:
    places = "\n".join(place_line(r) for r in _SY) + "\n"
    alternates = "".join("\t".join(map(str, r)) + "\t\t\n" for r in _ALTERNATES)
    return {"/dump/SY.zip": _zip("SY.txt", places),
            "/dump/alternatenames/SY.zip": _zip("SY.txt", alternates),
            "/dump/admin1CodesASCII.txt": _ADMIN1.encode(),
            "/dump/admin2Codes.txt": _ADMIN2.encode()}


def _serve(served, files: dict[str, bytes]) -> str:
    for path, body in files.items():
        served.add(path, static(body, "application/octet-stream"))
    return served.base + "/dump/"


def test_downloaded_villages_are_found_beside_the_other_countries(tmp_path: Path):
    with http_server() as served:
        files = fetch_files(["sy"], tmp_path / "cache", base_url=_serve(served, _files()),
                            allow_private=True)
    out = build_with_countries(tmp_path / "v.sqlite", files, ["SY"], shipped=_SHIPPED)
    gaz = Gazetteer.open(out)
    village = gaz.lookup("Tall Zaytun")[0].place
    assert (village.geonameid, village.country_code, village.admin1) == (
        9000001, "SY", "Muḩāfaẓat Idlib")
    assert gaz.admin_label("SY.12") == "Idlib"  # the admin file's ASCII name
    assert gaz.admin_label("SY.12.SY1203") == "Harim District"
    assert gaz.lookup("Tal Zeitoun")[0].place.geonameid == 9000001  # English alternate
    assert not gaz.lookup("Tell Zaytoun Old")  # historic names are left out
    assert gaz.lookup("Kfar Tuffah")[0].place.geonameid == 9000002
    assert gaz.lookup("Springfield")[0].place.country_code == "US"  # other countries stay
    assert not gaz.lookup("Old Shipped Town")  # the country's own data replaces the default
    assert gaz.meta["source"] == "pypi+geonames:SY"


@pytest.mark.parametrize(("damage", "message"), [
    ("truncated", "not a whole zip"),
    ("missing", "HTTP 404"),
    ("cut_off", "alternatenames/SY.zip"),
])
def test_a_damaged_or_missing_file_is_a_clear_error_and_the_old_gazetteer_stays(
        tmp_path: Path, damage: str, message: str):
    files = _files()
    if damage == "truncated":
        files["/dump/SY.zip"] = files["/dump/SY.zip"][:-40]
    elif damage == "missing":
        del files["/dump/admin2Codes.txt"]
    target = tmp_path / "villages.sqlite"
    target.write_bytes(b"the old gazetteer")
    with http_server() as served:
        base = _serve(served, files)
        if damage == "cut_off":  # the server says more bytes than it sends, then hangs up
            body = files["/dump/alternatenames/SY.zip"]
            served.add("/dump/alternatenames/SY.zip", lambda h: _cut_off(h, body))
        result = CliRunner().invoke(app, ["gazetteer", "download", "SY", "-o", str(target),
                                          "--folder", str(tmp_path / "cache"),
                                          "--base-url", base, "--allow-private"])
    assert isinstance(result.exception, DownloadError)  # the CLI's one-line error
    assert message in str(result.exception)
    assert target.read_bytes() == b"the old gazetteer"
    assert not list((tmp_path / "cache").glob("*.part*"))  # no half-written file left


def _cut_off(handler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body) * 2))
    handler.end_headers()
    handler.wfile.write(body)
    handler.close_connection = True


def test_a_mirror_on_loopback_needs_the_opt_in(tmp_path: Path):
    with http_server() as served, pytest.raises(DownloadError, match="private or local"):
        fetch_files(["SY"], tmp_path, base_url=_serve(served, _files()))


def test_country_codes_are_checked():
    assert country_codes(["sy", "IQ", "SY"]) == ["SY", "IQ"]
    with pytest.raises(DownloadError, match="two-letter"):
        country_codes(["Syria"])


def test_the_downloaded_gazetteer_is_used_in_place_of_the_default(tmp_path: Path,
                                                                    monkeypatch):
    monkeypatch.setenv("CONFLICTWIRE_HOME", str(tmp_path))
    with http_server() as served:
        files = fetch_files(["SY"], tmp_path / "cache", base_url=_serve(served, _files()),
                            allow_private=True)
    build_with_countries(villages_path(), files, ["SY"], shipped=_SHIPPED)
    gaz = Gazetteer.open()
    assert gaz.path == villages_path() and gaz.lookup("Tall Zaytun")


@pytest.mark.slow  # builds with the full PyPI-shipped places (about 30 s)
def test_the_command_builds_a_gazetteer_with_the_countrys_villages(tmp_path: Path):
    target = tmp_path / "villages.sqlite"
    with http_server() as served:
        result = CliRunner().invoke(app, ["gazetteer", "download", "SY", "-o", str(target),
                                          "--folder", str(tmp_path / "cache"),
                                          "--base-url", _serve(served, _files()),
                                          "--allow-private"])
    assert result.exit_code == 0, result.output
    gaz = Gazetteer.open(target)
    assert gaz.lookup("Kafr Tuffah")[0].place.geonameid == 9000002
    assert any(c.place.country_code == "IQ" for c in gaz.lookup("Mosul"))
