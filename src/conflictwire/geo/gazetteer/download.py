"""Village-level places for the countries a user follows: GeoNames' per-country extracts and
their alternate names, fetched over HTTPS, checked, and built into a gazetteer that holds
them beside the default (PyPI-shipped) places of every other country.

The files are those of https://download.geonames.org/export/dump/: `CC.zip` (every feature
of one country), `alternatenames/CC.zip`, `admin1CodesASCII.txt` and `admin2Codes.txt`.
Nothing is replaced until every file has arrived whole and the new gazetteer is written.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

from ...errors import GazetteerError
from ...ingest.fetch import DEFAULT_USER_AGENT, FetchError, check_url
from . import dump_sources, pypi_sources
from .build import Progress, fill_country_points, write
from .records import AdminRow, Entry

GEONAMES_DUMP = "https://download.geonames.org/export/dump/"
_CHUNK = 1 << 16
_MAX_REDIRECTS = 5
_TIMEOUT = 60.0


class DownloadError(GazetteerError):
    """The GeoNames files could not be downloaded."""


@dataclass(frozen=True, slots=True)
class Downloaded:
    """The checked files of one download, in the cache folder."""

    places: tuple[Path, ...]
    alternates: tuple[Path, ...]
    admin1: Path
    admin2: Path


def country_codes(codes: list[str]) -> list[str]:
    """The ISO2 codes asked for, upper-cased, each once. Raises DownloadError for a code
    that is not two letters."""
    out: list[str] = []
    for c in codes:
        cc = c.strip().upper()
        if len(cc) != 2 or not cc.isalpha():
            raise DownloadError(f"{c!r} is not a two-letter country code (SY, IQ, UA...)")
        if cc not in out:
            out.append(cc)
    if not out:
        raise DownloadError("no country code given")
    return out


def fetch_files(codes: list[str], folder: Path, *, base_url: str = GEONAMES_DUMP,
                allow_private: bool = False,
                progress: Callable[[str, int, int], None] | None = None,
                transport: httpx.BaseTransport | None = None) -> Downloaded:
    """Download the files for `codes` (ISO2) into `folder` (each to a temporary name, renamed
    when it has arrived whole) and check them. Fetches go to public addresses only, unless
    `allow_private`. Raises DownloadError naming the
    file: an HTTP error, a cut-off body, a file that is not a readable zip."""
    codes = country_codes(codes)
    folder.mkdir(parents=True, exist_ok=True)
    base = base_url if base_url.endswith("/") else base_url + "/"
    wanted = [(f"{cc}.zip", f"{cc}.zip") for cc in codes]
    wanted += [(f"alternatenames/{cc}.zip", f"alternatenames-{cc}.zip") for cc in codes]
    wanted += [("admin1CodesASCII.txt", "admin1CodesASCII.txt"),
               ("admin2Codes.txt", "admin2Codes.txt")]
    headers = {"User-Agent": DEFAULT_USER_AGENT}
    with httpx.Client(timeout=_TIMEOUT, follow_redirects=False, headers=headers,
                      transport=transport) as client:
        for remote, local in wanted:
            _fetch(client, urljoin(base, remote), folder / local, allow_private, progress)
    for cc in codes:
        _check_zip(folder / f"{cc}.zip", f"{cc}.txt")
        _check_zip(folder / f"alternatenames-{cc}.zip", f"{cc}.txt")
    return Downloaded(tuple(folder / f"{cc}.zip" for cc in codes),
                      tuple(folder / f"alternatenames-{cc}.zip" for cc in codes),
                      folder / "admin1CodesASCII.txt", folder / "admin2Codes.txt")


def _fetch(client: httpx.Client, url: str, dest: Path, allow_private: bool,
           progress: Callable[[str, int, int], None] | None) -> None:
    part = dest.with_name(dest.name + f".part{os.getpid()}")
    current = url
    try:
        for _ in range(_MAX_REDIRECTS + 1):
            try:
                check_url(current, allow_private=allow_private)
            except FetchError as exc:
                raise DownloadError(str(exc)) from exc
            with client.stream("GET", current) as response:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise DownloadError(f"{current}: redirect without a Location")
                    current = urljoin(current, location)
                    continue
                if response.status_code != 200:
                    raise DownloadError(f"{current}: HTTP {response.status_code}")
                _save(response, current, part, dest.name, progress)
                break
        else:
            raise DownloadError(f"{url}: more than {_MAX_REDIRECTS} redirects")
        os.replace(part, dest)
    except httpx.HTTPError as exc:
        raise DownloadError(f"{current}: {type(exc).__name__}: {exc}") from exc
    finally:
        part.unlink(missing_ok=True)


def _save(response: httpx.Response, url: str, part: Path, name: str,
          progress: Callable[[str, int, int], None] | None) -> None:
    declared = response.headers.get("content-length", "")
    total = int(declared) if declared.isdigit() else 0
    done = 0
    with part.open("wb") as fh:
        for chunk in response.iter_bytes(_CHUNK):
            fh.write(chunk)
            done += len(chunk)
            if progress:
                progress(name, done, total)
    if total and done != total:
        raise DownloadError(f"{url}: cut off after {done} of {total} bytes")


def _check_zip(path: Path, member: str) -> None:
    """A whole, readable zip holding `member` (GeoNames names the text file like the zip)."""
    try:
        with zipfile.ZipFile(path) as zf:
            if member not in zf.namelist():
                raise DownloadError(f"{path.name} holds no {member}")
            bad = zf.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DownloadError(f"{path.name} is not a whole zip file ({exc}): download it "
                            "again") from exc
    if bad is not None:
        raise DownloadError(f"{path.name}: {bad} is damaged (CRC check failed): download it "
                            "again")


def build_with_countries(path: Path, files: Downloaded, codes: list[str], *,
                         progress: Progress | None = None,
                         shipped: tuple[list[Entry], list[AdminRow]] | None = None) -> Path:
    """Write a gazetteer at `path`: every feature GeoNames has for the `codes` countries
    (villages included, with their English and abbreviated alternate names and the admin
    names of admin1CodesASCII.txt and admin2Codes.txt), and the default gazetteer's places
    (or `shipped` places and admin rows) for every other country. Raises GazetteerError
    for a damaged file; `path` is left as it was until the new file is whole."""
    covered = set(codes)
    countries, points = pypi_sources.countries()
    shipped, shipped_admins = shipped if shipped is not None else pypi_sources.places()
    kept = [e for e in shipped if e.country_code not in covered]
    fill_country_points(points, countries, kept)
    admins = [a for a in shipped_admins if a.code.split(".")[0] not in covered]
    for admin_file in (files.admin1, files.admin2):
        admins += [a for a in dump_sources.read_admin_codes(admin_file)
                   if a.code.split(".")[0] in covered]
    extra: dict[int, set[str]] = {}
    for alt in files.alternates:
        for gid, names in dump_sources.read_alternate_names(alt).items():
            extra.setdefault(gid, set()).update(names)

    def stream() -> Iterator[Entry]:
        yield from kept
        for place_file in files.places:
            for e in dump_sources.read_places(place_file):
                if e.country_code in covered:
                    e.names |= extra.get(e.geonameid, set())
                    yield e

    return write(path, stream(), countries, points, admins,
                 source=f"pypi+geonames:{','.join(codes)}", progress=progress)
