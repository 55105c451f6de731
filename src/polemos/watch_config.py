"""Read and check a SOURCES.toml for `polemos watch`: feeds to poll, fetch policy, interval, alert rules.

    SourcesConfig.load(path)    schema-checked; every error names the file and the key
    parse_duration("1h30m")     an interval in seconds

polemos.watch polls what this module reads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from polemos.alerts import AlertRule, Near
from polemos.errors import InputError
from polemos.feeds.fetch import FetchPolicy, user_agent
from polemos.feeds.sources import FeedKind
from polemos.taxonomy import EventType, SubEventType

__all__ = ["DEFAULT_EVERY_S", "FeedConfig", "SourcesConfig", "parse_duration"]

DEFAULT_EVERY_S = 15 * 60.0

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Parse an interval such as "30s", "15m", "1h", "1h30m" or "90" (seconds) into seconds."""
    value = text.strip().lower()
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd]?)", value)
    if not value or re.fullmatch(r"(?:\d+(?:\.\d+)?\s*[smhd]?\s*)+", value) is None:
        raise ValueError(f"{text!r} is not a duration; write e.g. 30s, 15m, 1h or 1h30m")
    if len(parts) > 1 and any(not unit for _, unit in parts):
        raise ValueError(f"{text!r} mixes units and bare numbers; write e.g. 1h30m")
    seconds = sum(float(n) * _UNITS[unit or "s"] for n, unit in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return seconds


@dataclass(frozen=True)
class FeedConfig:
    """One source to poll: an RSS/Atom feed or a URL list, at an http(s) URL or (URL lists) a local file."""

    name: str
    kind: FeedKind
    url: str | None = None
    path: Path | None = None
    outlet: str | None = None  # the outlet when a page names none
    refetch_updated: bool = False  # fetch a seen article again when the feed's version stamp of it changes

    @property
    def key(self) -> str:
        """The feed's identity in the store."""
        return self.url or str(self.path)


@dataclass(frozen=True)
class SourcesConfig:
    """A SOURCES.toml: what to poll, how politely, how often, and which events to alert on."""

    path: Path
    feeds: tuple[FeedConfig, ...]
    alerts: tuple[AlertRule, ...] = ()
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    every_s: float = DEFAULT_EVERY_S
    max_attempts: int = 5  # polls a page failing transiently (5xx, timeout) is tried before giving up
    alert_retries: int = 3
    alert_max_attempts: int = 5

    @classmethod
    def load(cls, path: str | Path) -> SourcesConfig:
        """Read and check a SOURCES.toml; raise InputError naming the file and key of any problem."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise InputError(str(path), f"cannot read the sources file: {e.strerror or e}") from e
        except UnicodeDecodeError as e:
            raise InputError(str(path), f"not UTF-8 (byte offset {e.start}); re-save it as UTF-8") from e
        except tomllib.TOMLDecodeError as e:
            raise InputError(str(path), f"not valid TOML: {e}") from e
        return cls.from_mapping(data, path)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], path: Path) -> SourcesConfig:
        """Check and convert parsed TOML; `path` names the file in errors and anchors relative paths."""
        top = _Table(data, "", path, {"watch", "feeds", "alerts"})
        settings = _Table(top.table("watch"), "[watch]", path, _WATCH_KEYS)
        contact = settings.text("contact", required=True)
        policy = FetchPolicy(
            user_agent=user_agent(contact),
            connect_timeout_s=settings.number("connect_timeout_s", 10.0, minimum=0.001),
            read_timeout_s=settings.number("read_timeout_s", 30.0, minimum=0.001),
            retries=int(settings.number("retries", 3, minimum=0, whole=True)),
            backoff_s=settings.number("backoff_s", 2.0, minimum=0),
            max_backoff_s=settings.number("max_backoff_s", 60.0, minimum=0),
            min_interval_s=settings.number("min_interval_s", 5.0, minimum=0),
            max_bytes=int(settings.number("max_bytes", 5 * 1024 * 1024, minimum=1024, whole=True)),
        )
        every = settings.text("every")
        try:
            every_s = parse_duration(every) if every else DEFAULT_EVERY_S
        except ValueError as e:
            raise settings.error("every", str(e)) from None
        feeds = tuple(_feed(t, i, path) for i, t in enumerate(top.tables("feeds", required=True)))
        _unique_names([f.name for f in feeds], "feeds", path)
        rules = tuple(_rule(t, i, path) for i, t in enumerate(top.tables("alerts")))
        _unique_names([r.name for r in rules], "alerts", path)
        return cls(
            path=path,
            feeds=feeds,
            alerts=rules,
            fetch=policy,
            every_s=every_s,
            max_attempts=int(settings.number("max_attempts", 5, minimum=1, whole=True)),
            alert_retries=int(settings.number("alert_retries", 3, minimum=0, whole=True)),
            alert_max_attempts=int(settings.number("alert_max_attempts", 5, minimum=1, whole=True)),
        )


_WATCH_KEYS = {
    "contact", "every", "connect_timeout_s", "read_timeout_s", "retries", "backoff_s", "max_backoff_s",
    "min_interval_s", "max_bytes", "max_attempts", "alert_retries", "alert_max_attempts",
}  # fmt: skip
_FEED_KEYS = {"name", "url", "path", "kind", "outlet", "refetch_updated"}
_RULE_KEYS = {
    "name", "event_types", "sub_event_types", "countries", "admin1", "actors", "min_fatalities", "near",
    "include_background", "webhook", "file", "stdout",
}  # fmt: skip


class _Table:
    """One TOML table being checked: typed reads, and errors that name the file and the key."""

    def __init__(self, data: object, where: str, path: Path, keys: set[str]) -> None:
        self.where, self.path = where, path
        if not isinstance(data, Mapping):
            raise InputError(str(path), f"{where or 'the file'}: expected a table, got {type(data).__name__}")
        self.data: Mapping[str, object] = data
        unknown = sorted(set(data) - keys)
        if unknown:
            raise self.error(unknown[0], f"unknown key; the keys here are {', '.join(sorted(keys))}")

    def error(self, key: str, message: str) -> InputError:
        where = f"{self.where}.{key}" if self.where else key
        return InputError(str(self.path), f"{where}: {message}")

    def table(self, key: str) -> Mapping[str, object]:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(key, f"expected a table ([{key}]), got {type(value).__name__}")
        return value

    def tables(self, key: str, *, required: bool = False) -> list[Mapping[str, object]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.error(key, f"expected an array of tables ([[{key}]])")
        if required and not value:
            raise self.error(key, f"no [[{key}]] given; list at least one")
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"expected a non-empty string, got {value!r}")
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"expected a list of strings, got {value!r}")
        return tuple(v.strip() for v in value)

    def number(self, key: str, default: float, *, minimum: float, whole: bool = False) -> float:
        value = self.data.get(key, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or (whole and not isinstance(value, int)):
            kind = "a whole number" if whole else "a number"
            raise self.error(key, f"expected {kind}, got {value!r}")
        number = float(value)  # type: ignore[arg-type]
        if number < minimum:
            raise self.error(key, f"must be at least {minimum:g}, got {value!r}")
        return number

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {value!r}")
        return value


def _feed(data: Mapping[str, object], index: int, path: Path) -> FeedConfig:
    t = _Table(data, f"feeds[{index}]", path, _FEED_KEYS)
    name = t.text("name", required=True)
    kind_text = t.text("kind") or FeedKind.FEED.value
    try:
        kind = FeedKind(kind_text)
    except ValueError:
        raise t.error("kind", f"{kind_text!r} is not a kind; use 'feed' (RSS/Atom) or 'urls'") from None
    url, local = t.text("url"), t.text("path")
    if (url is None) == (local is None):
        raise t.error("url", "give exactly one of 'url' (http/https) or 'path' (a local URL list)")
    if url is not None and not url.startswith(("http://", "https://")):
        raise t.error("url", f"{url!r} is not an http(s) URL")
    if local is not None and kind is not FeedKind.URLS:
        raise t.error("path", "a local file is read as a URL list: set kind = 'urls'")
    file = (path.parent / local) if local else None
    return FeedConfig(
        name=str(name),
        kind=kind,
        url=url,
        path=file,
        outlet=t.text("outlet"),
        refetch_updated=t.flag("refetch_updated", False),
    )


def _rule(data: Mapping[str, object], index: int, path: Path) -> AlertRule:
    t = _Table(data, f"alerts[{index}]", path, _RULE_KEYS)
    name = str(t.text("name", required=True))
    event_types = t.texts("event_types")
    known = {e.value.casefold() for e in EventType}
    for value in event_types:
        if value.casefold() not in known:
            raise t.error(
                "event_types", f"{value!r} is not an ACLED event type; use one of {_labels(EventType)}"
            )
    sub_types = t.texts("sub_event_types")
    known_sub = {s.value.casefold() for s in SubEventType}
    for value in sub_types:
        if value.casefold() not in known_sub:
            raise t.error("sub_event_types", f"{value!r} is not an ACLED sub-event type")
    minimum = t.data.get("min_fatalities")
    min_fatalities = None if minimum is None else int(t.number("min_fatalities", 0, minimum=0, whole=True))
    targets = []
    webhook = t.text("webhook")
    if webhook is not None:
        if not webhook.startswith(("http://", "https://")):
            raise t.error("webhook", f"{webhook!r} is not an http(s) URL")
        targets.append("webhook:" + webhook)
    file = t.text("file")
    if file is not None:
        targets.append("file:" + str(path.parent / file))
    if t.flag("stdout", False):
        targets.append("stdout")
    if not targets:
        raise t.error("webhook", "no delivery given; set webhook, file or stdout = true")
    return AlertRule(
        name=name,
        targets=tuple(targets),
        event_types=event_types,
        sub_event_types=sub_types,
        countries=t.texts("countries"),
        admin1=t.texts("admin1"),
        actors=t.texts("actors"),
        min_fatalities=min_fatalities,
        near=_near(t),
        include_background=t.flag("include_background", False),
    )


def _near(t: _Table) -> Near | None:
    if "near" not in t.data:
        return None
    near = _Table(t.table("near"), f"{t.where}.near", t.path, {"lat", "lon", "radius_km"})
    for key in ("lat", "lon", "radius_km"):
        if key not in near.data:
            raise near.error(key, "missing; write near = { lat = 32.76, lon = 22.64, radius_km = 50 }")
    lat = near.number("lat", 0, minimum=-90)
    lon = near.number("lon", 0, minimum=-180)
    if lat > 90 or lon > 180:
        raise near.error("lat" if lat > 90 else "lon", "out of range (lat -90..90, lon -180..180)")
    return Near(lat, lon, near.number("radius_km", 0, minimum=0))


def _labels(enum: type[EventType]) -> str:
    return ", ".join(repr(e.value) for e in enum)


def _unique_names(names: Sequence[str], key: str, path: Path) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise InputError(str(path), f"{key}[{i}].name: {name!r} is used twice; names must be unique")
        seen.add(name)
