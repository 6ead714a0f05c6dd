"""The country a news source covers, from its name ("SOHR", "Premium Times") or its web
address (a known outlet's domain, else a country-code domain such as .iq or .ng)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..data import path as data_path
from ..errors import ConflictwireError

DATA_FILE = data_path("outlets.json")

# Country-code top-level domains that differ from the ISO code of their country.
_TLD_TO_ISO = {"uk": "GB"}
# Country-code domains sold worldwide as generic names (.tv, .io, .co): no country signal.
_GENERIC_TLDS = frozenset({"tv", "io", "co", "me", "ai", "fm", "am", "to", "cc", "ws", "gg",
                           "la", "nu", "eu", "su", "ac", "sh", "ms"})
# Words that open many outlet names and may be left out ("Al-Ahram", "The Irrawaddy").
_ARTICLES = frozenset({"the", "al", "el"})
# Outlet lists are joined with these ("SOHR;Airwars", "Reuters, AFP").
_SEPARATORS = re.compile(r"[;,|]|\s+/\s+")
_TOKEN = re.compile(r"[a-z0-9]+")
_MAX_WORDS = 8
_MAX_COUNTRY_WORDS = 4  # "Democratic Republic of Congo"


class OutletDataError(ConflictwireError):
    """The outlet lexicon file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class OutletLexicon:
    """Known outlets by normalised name and by domain, each with its country (ISO2), or ''
    for an outlet that covers the whole world or a whole region."""

    names: dict[tuple[str, ...], str]
    domains: dict[str, str]

    @classmethod
    def load(cls, path: Path | None = None) -> OutletLexicon:
        """Read the lexicon (default: the packaged one). Raises OutletDataError."""
        try:
            rows = json.loads((path or DATA_FILE).read_text(encoding="utf-8"))["outlets"]
            names: dict[tuple[str, ...], str] = {}
            domains: dict[str, str] = {}
            for row in rows:
                country = (row["country"] or "").upper()
                for name in (row["name"], *row.get("aliases", ())):
                    for k in _name_keys(name):
                        names.setdefault(k, country)
                for d in row.get("domains", ()):
                    domains[d.lower().removeprefix("www.")] = country
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise OutletDataError(f"{path or DATA_FILE}: {exc}") from exc
        return cls(names, domains)

    def countries(self, source: str | None = None, url: str | None = None, *,
                  country_named: Callable[[str], str] | None = None) -> tuple[str, ...]:
        """The ISO2 codes of the countries `source` (an outlet name or a ';'-joined list of
        them) and `url` point to, in order, without repeats; () when nothing is known.

        A known international outlet points nowhere, and a known outlet's domain outranks
        its country-code domain (bbc.co.uk is not British news). An unknown outlet whose
        name holds a country's name or demonym ("Sudan Tribune", "Somali Guardian") points
        to that country when `country_named` (a name -> ISO2 or '' lookup) is given.
        """
        found: list[str] = []
        for part in _SEPARATORS.split(source or ""):
            words = _tokens(part)
            known, whole = self._name_countries(words)
            # "Somali Guardian" is not The Guardian: a country it names outranks a partly
            # matched international outlet.
            if country_named is not None and not any(known) and not whole:
                known = _named_country(words, country_named) or known
            found.extend(known)
        host = url_host(url)
        if host:
            known = self._domain_country(host)
            found.append(known if known is not None else tld_country(host))
        return tuple(dict.fromkeys(c for c in found if c))

    def coverage(self, name: str) -> str | None:
        """What one outlet name covers when the whole name is a known outlet: its country
        (ISO2), '' for the whole world or a whole region, None for an unknown name."""
        words = _tokens(name)
        found, whole = self._name_countries(words)
        return found[0] if whole and len(found) == 1 else None

    def domain_coverage(self, url: str | None) -> str | None:
        """What a web address says an outlet covers: a known outlet's country ('' for an
        international one), else its country-code domain's country; None when neither."""
        host = url_host(url)
        if not host:
            return None
        known = self._domain_country(host)
        return known if known is not None else (tld_country(host) or None)

    def _name_countries(self, words: list[str]) -> tuple[list[str], bool]:
        """The countries of the outlets named in `words` ('' for an international one), and
        whether one outlet's name is all of them."""
        out: list[str] = []
        i = 0
        while i < len(words):
            # The longest known name starting here ("Interfax-Ukraine" before "Interfax").
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                chunk = tuple(words[i:i + n])
                country = self.names.get(chunk)
                if country is None and n > 1:
                    country = self.names.get(("".join(chunk),))
                if country is not None:
                    out.append(country)
                    if n == len(words):
                        return out, True
                    i += n
                    break
            else:
                i += 1
        return out, False

    def _domain_country(self, host: str) -> str | None:
        labels = host.split(".")
        for k in range(len(labels) - 1):
            country = self.domains.get(".".join(labels[k:]))
            if country is not None:
                return country
        # A label that is a national outlet's name run together ("tolonews" in tolonews.af);
        # an international name there ("guardian.co.tt") leaves the country-code domain.
        for label in labels[:-1]:
            country = self.names.get((label,)) if len(label) >= 4 else None
            if country:
                return country
        return None


def _named_country(words: list[str], country_named: Callable[[str], str]) -> list[str]:
    """The first country named in `words` (longest name first); codes such as "in" or "us"
    are words here, so only names of four letters or more count."""
    for i in range(len(words)):
        for n in range(min(_MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
            name = " ".join(words[i:i + n])
            if len(name) >= 4 and not name.isdigit():
                country = country_named(name)
                if country:
                    return [country]
    return []


def tld_country(host: str) -> str:
    """The ISO2 code of a host's country-code domain ('' for .com, .tv and the like)."""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha() or tld in _GENERIC_TLDS:
        return ""
    return _TLD_TO_ISO.get(tld, tld.upper())


def url_host(url: str | None) -> str:
    """The lower-case host of a web address, without "www." ('' if none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # a malformed address gives no hint, it is not an error
        return ""
    return host.lower().removeprefix("www.")


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _TOKEN.findall(folded.lower().replace("'", ""))


def _name_keys(name: str) -> set[tuple[str, ...]]:
    """A name's word sequence, also without its leading article and run together."""
    words = _tokens(name)
    keys = {tuple(words), ("".join(words),)}
    if len(words) > 1 and words[0] in _ARTICLES:
        keys |= {tuple(words[1:]), ("".join(words[1:]),)}
    return {k for k in keys if k and k[0]}
