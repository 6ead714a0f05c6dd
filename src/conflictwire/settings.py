"""One typed tree of the weights and thresholds that tune coding, geoparsing and merging:
defaults in the packaged data/settings.toml (each value with its reason), a user's TOML
file over them (`load_settings`)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from .data import path as data_path
from .errors import ConfigError

PACKAGED = "settings.toml"
# Tables of the settings file that another part reads: `conflictwire serve` reads [web].
_READ_ELSEWHERE = ("web",)

T = TypeVar("T")


class FrozenTable(Mapping[str, Any]):
    """A read-only table of settings (`feature_bonus`). Unlike MappingProxyType it pickles,
    so a Settings can be sent to Dask workers whole."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"FrozenTable({self._items!r})"

    def __reduce__(self) -> tuple[type[FrozenTable], tuple[dict[str, Any]]]:
        return FrozenTable, (self._items,)


@cache
def _packaged_tables() -> dict[str, dict[str, Any]]:
    """The packaged settings file, parsed once per process, values made immutable."""
    tables = tomllib.loads(data_path(PACKAGED).read_text(encoding="utf-8"))
    return {name: {key: _frozen(value) for key, value in table.items()}
            for name, table in tables.items()}


def _frozen(value: Any) -> Any:
    """TOML arrays as tuples and tables as read-only mappings, so a section stays frozen."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return FrozenTable(value)
    return value


def _packaged(section: str, key: str) -> Any:
    return _packaged_tables()[section][key]


def _section(name: str) -> Callable[[type[T]], type[T]]:
    """Make `cls` a frozen dataclass whose fields default to the packaged [name] table, so
    `MatchingSettings(threshold=0.7)` is the packaged matcher with one value changed."""
    def build(cls: type[T]) -> type[T]:
        for key in cls.__annotations__:
            if key not in cls.__dict__:
                setattr(cls, key, field(default_factory=partial(_packaged, name, key)))
        return dataclass(frozen=True, slots=True)(cls)
    return build


@_section("coding")
class CodingSettings:
    """Limits of one article's coding, the order of the coder's components, how far apart
    one event's mentions may be (coding/within_article.py) and how events are ranked."""

    max_events: int
    max_sentences: int
    max_unit_chars: int
    background_days: int
    components: tuple[str, ...]
    spread_bonus: float
    cut_stretch: float
    join_window: int
    continue_window: int
    headline_lead: int
    role_repair_penalty: float


@_section("classify")
class ClassifySettings:
    """When the sentence classifier's belief is an event, and how the codebook damps its
    beliefs (coding/classify/model.py, rules.py)."""

    threshold: float
    lexical_weight: float
    encoder_sentences: int
    precedence_skip: tuple[str, ...]
    damping: float
    non_conflict_damping: float


@_section("recognise")
class RecogniseSettings:
    """Evidence weights for keeping a gazetteer match as a toponym (geo/toponyms.py)."""

    common: float
    common_initial: float
    common_inside: float
    common_run: float
    multiword: float
    locative: float
    admin_word: float
    comma_place: float
    alternate_only: float
    threshold: float
    person_name: float
    surname_rank: int
    first_name_share: float
    dateline: float
    place_noun: float
    listed: float
    speaking_place: float
    demonym: float
    abbreviation: float
    importance_population: float
    importance_town_floor: int
    importance_bonus: Mapping[str, float]


@_section("geoparse")
class GeoparseSettings:
    """Weights of toponym resolution and the thresholds of abstaining and dropping readings
    (geo/resolve.py), of choosing an event's place among those its sentence names
    (geo/event_location.py), with the recogniser's; see data/settings.toml for what each is
    and why."""

    max_candidates: int
    population: float
    town_floor: int
    primary_name: float
    feature_bonus: Mapping[str, float]
    big_city: int
    admin_vs_city: float
    big_alternate: int
    alternate_ratio: float
    admin2_word: float
    admin1_word: float
    admin2_in_name: float
    country_focus: float
    admin1_focus: float
    mention_vote: float
    hint_country: float
    coherence_top: int
    admin1_exists: float
    admin2_exists: float
    admin1_exists_cap: int
    admin2_exists_cap: int
    coherence_names_cap: int
    neighbour_focus: float
    hierarchy: float
    nearby: float
    nearby_km: float
    nearby_far_km: float
    rounds: int
    unsure_margin: float
    unsure_population: int
    far_km: float
    localise_max_population: int
    localise_min_names: int
    stray_max_population: int
    stray_min_names: int
    alternate_max_population: int
    event_specificity: float
    event_dateline: float
    event_focus: float
    event_locative: float
    event_origin: float
    event_speech: float
    event_position_chars: float
    event_context_chars: int
    # Not in the [geoparse] table: the [recognise] section of the same settings, held only
    # here, so `geoparse(settings=...)` carries the recogniser's weights too.
    recognise: RecogniseSettings = field(default_factory=RecogniseSettings)


@_section("matching")
class MatchingSettings:
    """Gates, weights and threshold of the cross-outlet matcher (events/matching.py)."""

    max_km: float
    max_km_near: float
    threshold: float
    w_date: float
    w_place: float
    w_type: float
    w_actor: float
    w_evidence: float
    adjacent_day: float
    same_type: float
    compatible_type: float
    unnamed_actor: float
    actor_word_share: float
    same_story_jaccard: float


@_section("merge")
class MergeSettings:
    """How reports are grouped into events (events/merge.py), with the matcher's settings."""

    max_days: int
    evidence_texts: int
    # Not in the [merge] table: the [matching] section of the same settings, held only here
    # (`Settings.matching` reads it), so the matcher and the merger cannot disagree.
    match: MatchingSettings = field(default_factory=MatchingSettings)

    @property
    def max_km(self) -> float:
        """Farthest apart two reports of one event may be (places "near X")."""
        return self.match.max_km_near

    @property
    def exact_km(self) -> float:
        """Farthest apart for places both known to the town."""
        return self.match.max_km

    @property
    def threshold(self) -> float:
        return self.match.threshold


@dataclass(frozen=True, slots=True)
class Settings:
    """Every section; `load_settings` builds one, `Settings()` is the packaged defaults.

    The [recognise] section lives in `geoparse.recognise`, and [matching] in `merge.match`
    (the merger scores with it); `matching` reads it there, so a changed matcher is
    `replace(settings, merge=replace(settings.merge, match=...))` and reaches the matcher
    and the merger alike.
    """

    coding: CodingSettings = field(default_factory=CodingSettings)
    classify: ClassifySettings = field(default_factory=ClassifySettings)
    geoparse: GeoparseSettings = field(default_factory=GeoparseSettings)
    merge: MergeSettings = field(default_factory=MergeSettings)

    @property
    def matching(self) -> MatchingSettings:
        """The cross-outlet matcher's [matching] section (the one the merger holds)."""
        return self.merge.match


@cache
def packaged_settings() -> Settings:
    """The packaged defaults (loaded once per process): what library calls use unless given
    a section."""
    return _build(_packaged_tables())


def load_settings(path: str | Path | None = None) -> Settings:
    """The packaged settings with the TOML file at `path` over them (None: the packaged ones).

    Raises ConfigError, naming the file, for an unreadable or invalid file, a section or key
    the settings do not have (with the known ones), or a value of the wrong type.
    """
    if path is None:
        return packaged_settings()
    source = str(path)
    try:
        user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {source}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source} is not valid TOML: {exc}") from exc
    return _build(_overlay(_packaged_tables(), user, source))


def _overlay(packaged: dict[str, dict[str, Any]], user: dict[str, Any],
             source: str) -> dict[str, dict[str, Any]]:
    """The packaged tables with the user's values checked and put in their place."""
    known = ", ".join(sorted((*packaged, *_READ_ELSEWHERE)))
    tables = {name: dict(table) for name, table in packaged.items()}
    for name, table in user.items():
        if name in _READ_ELSEWHERE:
            continue
        if name not in packaged:
            raise ConfigError(f"{source}: unknown section [{name}]; known: {known}")
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: {name} must be a [{name}] table")
        for key, value in table.items():
            if key not in packaged[name]:
                raise ConfigError(f"{source}: unknown setting {key!r} in [{name}]; known: "
                                  f"{', '.join(packaged[name])}")
            tables[name][key] = _checked(value, packaged[name][key], f"{source}: [{name}] {key}")
    return tables


def _checked(value: Any, default: Any, where: str) -> Any:
    """`value` in the type of the packaged `default` (an int where a float is due is taken);
    a table is merged key by key into the packaged one."""
    if isinstance(default, Mapping):
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table")
        merged = dict(default)
        for key, item in value.items():
            merged[key] = _checked(item, 0.0, f"{where}.{key}")
        return FrozenTable(merged)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} must be a list of strings")
        return tuple(value)
    if isinstance(default, bool) or isinstance(value, bool):
        if type(value) is not type(default):
            raise ConfigError(f"{where} must be {_type_name(default)}, not {value!r}")
        return value
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    if type(value) is not type(default):
        raise ConfigError(f"{where} must be {_type_name(default)}, not {value!r}")
    return value


def _type_name(value: Any) -> str:
    return {bool: "true or false", int: "an integer", float: "a number",
            str: "a string"}.get(type(value), type(value).__name__)


def _build(tables: Mapping[str, Mapping[str, Any]]) -> Settings:
    return Settings(
        coding=CodingSettings(**tables["coding"]),
        classify=ClassifySettings(**tables["classify"]),
        geoparse=GeoparseSettings(**tables["geoparse"],
                                  recognise=RecogniseSettings(**tables["recognise"])),
        merge=MergeSettings(**tables["merge"], match=MatchingSettings(**tables["matching"])),
    )

