"""The built-in party gazetteer as plain records, read from tracker/rules/parties/*.yaml.

Shared by the extractor (which compiles it for matching) and the database (which stores it in
the party tables); it imports neither.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from tracker.errors import RuleError

# libyaml's loader when PyYAML was built with it: the gazetteer loads ten times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Alias:
    """One way the press writes a party: `kind` is name, alias, nisba, capital, person or
    surname (a person's bare surname: it names the party only after the full name in the same
    text, because alone it is often a common word or another person)."""

    written: str
    kind: str


@dataclass(frozen=True, slots=True)
class PartyRecord:
    code: str
    kind: str  # state | organization | group | person
    name_en: str
    name_ar: str
    aliases: tuple[Alias, ...]
    listed: bool = True  # a state or an actor of actors.tsv; False for other.yaml's parties


def _read(name: str) -> list[dict[str, object]]:
    path = resources.files("tracker.rules").joinpath("parties", name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"rules/parties/{name}: {exc}") from exc
    if not isinstance(data, list):
        raise RuleError(f"rules/parties/{name}: the file is a list of entries")
    return data


def _strings(entry: dict[str, object], key: str, where: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key} must be a list of names")
    return value


@functools.cache
def builtin_parties() -> tuple[PartyRecord, ...]:
    """Every party of the gazetteer files, with the persons' names folded into their party.

    States and the actors of actors.tsv are `listed`; the parties of other.yaml are not, so
    evaluation counts their codes as OTHER, as it does the annotators' own codes for them."""
    records: dict[str, PartyRecord] = {}
    files = (
        ("states.yaml", "state"),
        ("organizations.yaml", "organization"),
        ("other.yaml", "organization"),
    )
    for file, default_kind in files:
        for entry in _read(file):
            code = str(entry.get("code", ""))
            where = f"rules/parties/{file}: {code or entry}"
            if not code or code in records:
                raise RuleError(f"{where}: missing or duplicate code")
            name_ar = str(entry.get("name_ar", ""))
            aliases = [Alias(name_ar, "name")] if name_ar else []
            for key, kind in (("aliases", "alias"), ("nisba", "nisba"), ("capitals", "capital")):
                aliases += [Alias(a, kind) for a in _strings(entry, key, where)]
            records[code] = PartyRecord(
                code=code,
                kind=str(entry.get("kind", default_kind)),
                name_en=str(entry.get("name_en", "")),
                name_ar=name_ar,
                aliases=tuple(aliases),
                listed=file != "other.yaml",
            )
    for entry in _read("persons.yaml"):
        code = str(entry.get("party", ""))
        where = f"rules/parties/persons.yaml: {entry.get('name_en')}"
        if code not in records:
            raise RuleError(f"{where}: unknown party {code!r}")
        old = records[code]
        extra = tuple(Alias(a, "person") for a in _strings(entry, "aliases", where))
        extra += tuple(Alias(a, "surname") for a in _strings(entry, "surnames", where))
        records[code] = PartyRecord(
            old.code, old.kind, old.name_en, old.name_ar, old.aliases + extra, old.listed
        )
    return tuple(records.values())
