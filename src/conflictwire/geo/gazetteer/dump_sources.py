"""Gazetteer records from GeoNames dump files the user downloaded.

Reads a place file in the 19-column GeoNames format (allCountries, cities500, or per-country
files such as IQ.txt, plain or zipped), plus admin1CodesASCII.txt, admin2Codes.txt,
countryInfo.txt and, optionally, alternateNamesV2. Every bad line or missing file raises a
GazetteerError that names the file and the line.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ...errors import GazetteerError
from .records import AdminRow, CountryRow, Entry

# Feature classes kept whole, and the codes kept from the other classes: what news names.
_KEEP_CLASSES = frozenset("AP")
_KEEP_CODES = frozenset({"CONT", "RGN", "AREA", "ISL", "ISLS", "PEN", "MT", "MTS", "VAL", "DSRT",
                         "PLN", "STM", "LK", "SEA", "GULF", "BAY", "OCN", "STRT", "CHN", "AIRP",
                         "CMP", "PRK", "RESV"})
_MIN_ALT_LEN = 3


@contextmanager
def open_text(path: Path, member: str | None = None) -> Iterator[IO[str]]:
    """A text stream over a plain file or the .txt member of a GeoNames zip."""
    if not path.is_file():
        raise GazetteerError(f"missing file {path}")
    if path.suffix == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GazetteerError(f"{path} is not a readable zip file ({exc})") from exc
        with zf:
            names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            name = member if member in names else (names[0] if names else None)
            if name is None:
                raise GazetteerError(f"{path} holds no .txt file")
            with zf.open(name) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield fh


def read_places(path: Path) -> Iterator[Entry]:
    """Entries from a 19-column GeoNames place file (allCountries.txt, cities500.txt, XX.zip)."""
    with open_text(path) as fh:
        n = 0
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                f = line.rstrip("\n").split("\t")
                if len(f) != 19:
                    raise GazetteerError(f"{path} line {n}: {len(f)} columns, a GeoNames place "
                                         "file has 19 (corrupt or truncated?)")
                fclass, fcode = f[6], f[7]
                if fclass not in _KEEP_CLASSES and fcode not in _KEEP_CODES:
                    continue
                try:
                    e = Entry(int(f[0]), f[1], float(f[4]), float(f[5]), f[8], fclass, fcode,
                              int(f[14] or 0), f[10], f[11])
                except ValueError as exc:
                    raise GazetteerError(f"{path} line {n}: {exc}") from exc
                e.names.add(f[1])
                if f[2]:
                    e.names.add(f[2])
                e.names.update(a for a in f[3].split(",") if len(a) >= _MIN_ALT_LEN)
                yield e
        except (EOFError, zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
            raise GazetteerError(f"{path} near line {n}: {exc} (corrupt or truncated?)") from exc


def read_admin_codes(path: Path) -> list[AdminRow]:
    """admin1CodesASCII.txt or admin2Codes.txt: code, name, ascii name (the label),
    geonameid."""
    rows: list[AdminRow] = []
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or "." not in f[0]:
                raise GazetteerError(f"{path} line {n}: not an admin code line")
            rows.append(AdminRow(f[0], f[1], int(f[3]) if f[3].strip().isdigit() else 0,
                                 f[2].strip()))
    return rows


def read_country_info(path: Path) -> list[CountryRow]:
    """countryInfo.txt (comment lines start with #)."""
    rows: list[CountryRow] = []
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 17:
                raise GazetteerError(f"{path} line {n}: not a countryInfo line")
            gid = f[16].strip()
            rows.append(CountryRow(
                iso2=f[0], iso3=f[1], isonumeric=f[2], name=f[4], capital=f[5],
                population=int(f[7] or 0), continent=f[8],
                geonameid=int(gid) if gid.isdigit() else 0,
                neighbours=f[17] if len(f) > 17 else "", names={f[4]}))
    return rows


def read_alternate_names(path: Path) -> dict[int, set[str]]:
    """English, abbreviation and untagged Latin names from alternateNamesV2, by geonameid
    (historic names left out: they mislead more than they help)."""
    out: dict[int, set[str]] = {}
    with open_text(path, "alternateNamesV2.txt") as fh:
        for n, line in enumerate(fh, 1):
            f = line.rstrip("\n").split("\t")
            if len(f) < 4:
                raise GazetteerError(f"{path} line {n}: not an alternateNames line")
            if f[2] not in ("", "en", "abbr") or len(f[3]) < _MIN_ALT_LEN:
                continue
            if len(f) > 7 and f[7] == "1":
                continue
            out.setdefault(int(f[1]), set()).add(f[3])
    return out
