"""The Gazetteer: an opened gazetteer file, queried through indexed SQLite lookups.

Opening reads only the header; the name automaton is loaded on the first match, and
places, admin names and countries are cached as they are asked for.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import GazetteerError
from ...models import Place
from .build import ABBREVIATION, ALTERNATE, DEMONYM, PRIMARY, SCHEMA_VERSION, build_default
from .normalise import key


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """Facts about a country: names, ISO codes, ACLED region, capital, neighbours."""

    iso2: str
    iso3: str
    isonumeric: str
    name: str
    geonameid: int
    continent: str
    subregion: str
    region: str
    capital: str
    population: int
    neighbours: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, and how the name names it (primary, alternate, demonym)."""

    place: Place
    kind: int

    @property
    def is_primary(self) -> bool:
        return self.kind == PRIMARY

    @property
    def is_alternate(self) -> bool:
        return self.kind == ALTERNATE

    @property
    def is_demonym(self) -> bool:
        return self.kind == DEMONYM

    @property
    def is_abbreviation(self) -> bool:
        return self.kind == ABBREVIATION


# Texts of at most this many words are matched by key lookups while the automaton is not
# loaded (every run of words is looked up: 150 words are 11,325 keys), and at most this many
# texts: by then the lookups have cost about what loading the automaton does.
SQL_MATCH_WORDS = 150
SQL_MATCH_TEXTS = 40


def default_path() -> Path:
    """Where the default gazetteer is cached: $CONFLICTWIRE_HOME or ~/.cache/conflictwire."""
    home = os.environ.get("CONFLICTWIRE_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "conflictwire"
    return base / f"gazetteer-default-v{SCHEMA_VERSION}.sqlite"


class Gazetteer:
    """An opened gazetteer file. Build one with `conflictwire gazetteer build`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._db = db
        self._automaton: Any = None
        self._places: dict[int, Place] = {}
        self._cands: dict[int, tuple[Candidate, ...]] = {}
        self._admin: dict[str, str] = {}
        self._countries: dict[str, CountryInfo | None] = {}
        self._zipf: dict[int, float] = {}
        self._sql_texts = 0
        self.meta = dict(db.execute("SELECT k, v FROM meta WHERE k != 'automaton'").fetchall())

    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """Open a gazetteer file; None opens the default one, building it on first use.

        Raises GazetteerError if the file is missing or is not a gazetteer of this version.
        """
        if path is None:
            path = default_path()
            if not path.exists():
                print(f"conflictwire: building the default gazetteer in {path} "
                      "(once, about a minute)", file=sys.stderr)
                build_default(path)
        path = Path(path)
        if not path.is_file():
            raise GazetteerError(f"no gazetteer file at {path}")
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = db.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{path} is not a gazetteer file ({exc})") from exc
        if not version or version[0] != SCHEMA_VERSION:
            raise GazetteerError(f"{path} has schema {version and version[0]}, "
                                 f"this conflictwire reads {SCHEMA_VERSION}: rebuild it")
        return cls(db, path)

    def close(self) -> None:
        self._db.close()

    @property
    def automaton(self) -> Any:
        """The Aho-Corasick automaton over ' key ' strings, loaded on first use."""
        if self._automaton is None:
            row = self._db.execute("SELECT v FROM meta WHERE k = 'automaton'").fetchone()
            if row is None:
                raise GazetteerError(f"{self.path} has no name automaton: rebuild it")
            self._automaton = pickle.loads(row[0])
        return self._automaton

    def matches(self, folded: str) -> list[tuple[int, int]]:
        """Every name key in `folded` (a folded text, " word word "), as the automaton gives
        them: (index of the space that ends the match, key_id << 8 | len(" key ")).

        A short text is looked up in the indexed key table, every run of its words at once,
        which answers in milliseconds; the automaton (seconds and hundreds of MB to load) is
        loaded only once texts are long, or after enough short ones to repay it."""
        if self._automaton is None and self._sql_texts < SQL_MATCH_TEXTS:
            words = folded.split(" ")[1:-1]
            if len(words) <= SQL_MATCH_WORDS:
                self._sql_texts += 1
                return self._sql_matches(words)
        return list(self.automaton.iter(folded))

    def _sql_matches(self, words: list[str]) -> list[tuple[int, int]]:
        ends = []  # index in the folded text of the space after each word
        at = 0
        for w in words:
            at += 1 + len(w)
            ends.append(at)
        runs: dict[str, list[int]] = {}  # each run of words -> the last word of each place
        for i in range(len(words)):
            for j in range(i, len(words)):
                runs.setdefault(" ".join(words[i:j + 1]), []).append(j)
        names = list(runs)
        out = []
        for k in range(0, len(names), 900):  # SQLite's limit on parameters, with room
            chunk = names[k:k + 900]
            rows = self._db.execute(
                f"SELECT key_id, key FROM keys WHERE key IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
            for key_id, name in rows:
                out.extend((ends[j], key_id << 8 | (len(name) + 2)) for j in runs[name])
        out.sort()
        return out

    def candidates(self, key_id: int) -> tuple[Candidate, ...]:
        """Every place named by the key with this id, most populous first."""
        hit = self._cands.get(key_id)
        if hit is not None:
            return hit
        rows = self._db.execute(
            "SELECT p.*, n.kind FROM names n JOIN places p USING (geonameid) "
            "WHERE n.key_id = ? ORDER BY p.population DESC", (key_id,)).fetchall()
        out = tuple(Candidate(self._place_from_row(r[:10]), r[10]) for r in rows)
        if len(self._cands) > 50000:
            self._cands.clear()
        self._cands[key_id] = out
        return out

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place a name may refer to (the name is normalised first)."""
        row = self._db.execute("SELECT key_id FROM keys WHERE key = ?", (key(name),)).fetchone()
        return self.candidates(row[0]) if row else ()

    def zipf(self, key_id: int) -> float:
        """How common the key is as an English word (wordfreq's Zipf scale, 0 if unknown)."""
        z = self._zipf.get(key_id)
        if z is None:
            row = self._db.execute("SELECT zipf FROM keys WHERE key_id = ?", (key_id,)).fetchone()
            z = self._zipf[key_id] = float(row[0] or 0.0) if row else 0.0
        return z

    def place(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, or None."""
        p = self._places.get(geonameid)
        if p is None:
            row = self._db.execute("SELECT * FROM places WHERE geonameid = ?",
                                   (geonameid,)).fetchone()
            p = self._place_from_row(row) if row else None
        return p

    def admin_name(self, code: str) -> str:
        """The name of an admin1 (`CC.A1`) or admin2 (`CC.A1.A2`) code, '' if unknown."""
        name = self._admin.get(code)
        if name is None:
            row = self._db.execute("SELECT name FROM admin WHERE code = ?", (code,)).fetchone()
            name = self._admin[code] = row[0] if row else ""
        return name

    def admin_place(self, country_code: str, admin1_code: str,
                    admin2_code: str = "") -> Place | None:
        """The admin area feature for these codes, if the gazetteer has it."""
        code = ".".join(c for c in (country_code, admin1_code, admin2_code) if c)
        row = self._db.execute("SELECT geonameid FROM admin WHERE code = ?", (code,)).fetchone()
        return self.place(row[0]) if row and row[0] else None

    def country(self, iso_or_name: str) -> CountryInfo | None:
        """A country by ISO2, ISO3, ISO numeric code or name (None if unknown)."""
        q = (iso_or_name or "").strip()
        if q in self._countries:
            return self._countries[q]
        sql = "SELECT * FROM countries WHERE "
        if len(q) == 2 and q.isalpha():
            row = self._db.execute(sql + "iso2 = ?", (q.upper(),)).fetchone()
        elif len(q) == 3 and q.isalpha():
            row = self._db.execute(sql + "iso3 = ?", (q.upper(),)).fetchone()
        elif q.isdigit():
            row = self._db.execute(sql + "CAST(isonumeric AS INTEGER) = ?", (int(q),)).fetchone()
        else:
            row = self._db.execute(sql + "lower(name) = lower(?)", (q,)).fetchone()
            if row is None:
                cc = next((c.place.country_code for c in self.lookup(q)
                           if c.place.feature_code.startswith("PCL")), None)
                row = self._db.execute(sql + "iso2 = ?", (cc,)).fetchone() if cc else None
        info = None
        if row:
            info = CountryInfo(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                               row[8], row[9] or 0,
                               tuple(n for n in (row[10] or "").split(",") if n),
                               tuple(d for d in (row[11] or "").split("|") if d))
        self._countries[q] = info
        return info

    def demonym(self, word: str) -> str | None:
        """The ISO2 code of the country a demonym names ("Iraqi" -> "IQ"), or None."""
        for c in self.lookup(word):
            if c.is_demonym and c.place.country_code:
                return c.place.country_code
        return None

    def _place_from_row(self, r: tuple) -> Place:
        gid = r[0]
        p = self._places.get(gid)
        if p is not None:
            return p
        cc, a1, a2 = r[4] or "", r[8] or "", r[9] or ""
        country = self.country(cc) if cc else None
        p = Place(geonameid=gid, name=r[1], latitude=r[2], longitude=r[3], country_code=cc,
                  feature_class=r[5], feature_code=r[6], population=r[7] or 0,
                  admin1_code=a1, admin2_code=a2,
                  admin1=self.admin_name(f"{cc}.{a1}") if a1 else "",
                  admin2=self.admin_name(f"{cc}.{a1}.{a2}") if a2 else "",
                  country=country.name if country else "")
        if len(self._places) > 200000:
            self._places.clear()
        self._places[gid] = p
        return p
