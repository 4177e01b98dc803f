"""Who is bound: gazetteer mentions in the text, and the promisors of a trigger.

Names are looked up word by word (longest phrase first) in a dictionary of normalized forms,
after stripping the clitics و ف ب ل ك; nisba adjectives get their article and plural forms.
A nisba that names two states (نيجيري: Nigeria or Niger) is resolved by context.
A person's bare surname (الأسد، ماي) names the party only after the full name in the same text:
the press writes the full name first, and alone the surname is often a common word.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from importlib import resources

import regex
import yaml

from tracker.errors import RuleError
from tracker.extract.budget import linear
from tracker.extract.normalize import normalize_text
from tracker.extract.rules import _LOADER, modifiers
from tracker.gazetteer import builtin_parties

_WORD = linear(r"\w+")
_NISBA_SUFFIXES = (
    "",
    "ه",
    "ون",
    "ين",
    "يين",
    "ان",
    "ات",
    "تان",
    "تين",
)  # masculine base: all forms


@dataclass(frozen=True, slots=True)
class Mention:
    """A party named at [start, end) of the normalized text; `codes` has >1 entry if ambiguous."""

    start: int
    end: int
    codes: tuple[str, ...]
    nisba: bool
    form: str  # the gazetteer form that matched, without clitics
    kind: str = "state"  # state | organization | group | party
    joint: bool = False  # a name of several parties together (الكوريتان): `codes` are all named
    person: bool = False  # a person's name (ترامب، كيم جونغ أون), not a state's or a body's

    @property
    def ambiguous(self) -> bool:
        return len(self.codes) > 1 and not self.joint

    @property
    def bound(self) -> tuple[str, ...]:
        """The parties this mention names: every code of a joint name, else the first."""
        return self.codes if self.joint else self.codes[:1]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    forms: dict[str, tuple[tuple[str, ...], bool]]  # normalized phrase -> (codes, is nisba)
    first_words: dict[str, int]  # first word of a name → words in the longest such name
    prefixes: frozenset[str]  # the first two or more words of a longer name: read on
    # every first word with each clitic it can carry → the first words it can be read as:
    # a token not in it names no party, and the clitics are stripped once, here
    token_firsts: dict[str, tuple[str, ...]]
    weak: frozenset[str]  # names that are also common words: they need context
    weak_context: frozenset[str]
    names: dict[str, str]  # code -> normalized name, for ranking ambiguous nisba
    kinds: dict[str, str]  # code -> party kind
    # bare surname -> the parties of the persons bearing it: a mention only once a longer name
    # of one of them, holding the surname, was named earlier in the text (that one wins)
    surnames: dict[str, tuple[str, ...]]
    joint: frozenset[str] = frozenset()  # forms that name all their codes together
    persons: frozenset[str] = frozenset()  # forms that are persons' names (and surnames)


def gazetteer(extra: tuple[tuple[str, str], ...] = ()) -> Gazetteer:
    """The compiled gazetteer; `extra` adds (alias, code) pairs an analyst recorded.

    Compiled once per process for each `extra`: gazetteer() and gazetteer(()) are the same
    one (a cache on this function would key them apart and compile it twice)."""
    return _compiled(tuple(extra))


@functools.cache
def _compiled(extra: tuple[tuple[str, str], ...]) -> Gazetteer:
    forms: dict[str, tuple[list[str], bool]] = {}

    def add(form: str, code: str, nisba: bool) -> None:
        form = " ".join(normalize_text(form).split())
        if not form:
            return
        codes, _ = forms.setdefault(form, ([], nisba))
        if code not in codes:
            codes.append(code)

    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    surnames: dict[str, list[str]] = {}
    persons: set[str] = set()
    for party in builtin_parties():
        names[party.code] = normalize_text(party.name_ar).removeprefix("ال")
        kinds[party.code] = party.kind
        for alias in party.aliases:
            if alias.kind == "surname":
                form = " ".join(normalize_text(alias.written).split())
                if party.code not in surnames.setdefault(form, []):
                    surnames[form].append(party.code)
                continue
            if alias.kind != "nisba":
                add(alias.written, party.code, False)
                if alias.kind == "person":
                    persons.add(" ".join(normalize_text(alias.written).split()))
                continue
            for form in _nisba_forms(normalize_text(alias.written)):
                add(form, party.code, True)
    for alias, code in extra:
        add(alias, code, False)
    joint: set[str] = set()
    for entry in _joint_names():
        for name in entry["names"]:
            form = " ".join(normalize_text(name).split())
            if form and form not in forms:  # a party's own name wins over a joint one
                forms[form] = (list(entry["codes"]), False)
                joint.add(form)
    # a surname that is also a full name of some party is that name, not an anaphor
    anaphors = {k: tuple(v) for k, v in surnames.items() if k and k not in forms}
    for surname, codes in anaphors.items():
        for code in codes:
            add(surname, code, False)
    frozen = {k: (tuple(v), n) for k, (v, n) in forms.items()}
    mods = modifiers()
    firsts: dict[str, int] = {}
    prefixes: set[str] = set()
    for k in frozen:
        words = k.split()
        firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        prefixes.update(" ".join(words[:n]) for n in range(2, len(words)))
    return Gazetteer(
        forms=frozen,
        first_words=firsts,
        prefixes=frozenset(prefixes),
        token_firsts=_token_firsts(firsts),
        weak=mods.weak_names,
        weak_context=mods.weak_name_context,
        names=names,
        kinds=kinds,
        surnames=anaphors,
        joint=frozenset(joint),
        persons=frozenset(persons | set(anaphors)),
    )


def _joint_names() -> list[dict[str, list[str]]]:
    """rules/parties/joint.yaml: names of several parties together, checked."""
    path = resources.files("tracker.rules").joinpath("parties", "joint.yaml")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"rules/parties/joint.yaml: {exc}") from exc
    for entry in data if isinstance(data, list) else [None]:
        ok = isinstance(entry, dict) and set(entry) == {"codes", "names"}
        lists = ok and all(
            isinstance(entry[k], list) and all(isinstance(v, str) for v in entry[k])
            for k in ("codes", "names")
        )
        if not lists or len(entry["codes"]) < 2:
            raise RuleError(
                f"rules/parties/joint.yaml: an entry has codes (two or more) and names: {entry}"
            )
    return data


def _nisba_forms(base: str) -> list[str]:
    """Every form of a nisba adjective: its endings (number, gender) and the article.

    A two-word nisba (كوري شمالي، غيني استوائي) agrees in both words: each word that is itself
    an adjective in ي takes the same ending and, when definite, the article (الكوري الشمالي،
    الكوريون الشماليون، كوريين شماليين); the article on the first word alone stays a form too.
    """
    words = base.split()
    suffixes = _NISBA_SUFFIXES if not base.endswith("ه") else ("",)
    forms: list[str] = []
    for suffix in suffixes:
        forms += [base + suffix, "ال" + base + suffix]
        if len(words) < 2:
            continue
        adjective = [w.endswith(("ي", "ه")) for w in words]
        agreeing = [w + suffix if a else w for w, a in zip(words, adjective, strict=True)]
        forms.append(" ".join(agreeing))
        forms.append(
            " ".join("ال" + w if a else w for w, a in zip(agreeing, adjective, strict=True))
        )
    return list(dict.fromkeys(forms))


def _token_firsts(firsts: dict[str, int]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for token in {t for f in firsts for t in _with_clitics(f)}:
        readings = tuple(f for f in _stripped(token) if f in firsts)
        if readings:
            out[token] = readings
    return out


def _with_clitics(word: str) -> list[str]:
    """The spellings of `word` with the clitics `_stripped` takes off (the inverse)."""
    bases = [word] + ([f"ل{word[1:]}"] if word.startswith("ال") else [])
    bases += [c + w for w in list(bases) for c in ("ب", "ل", "ك")]
    return bases + [c + w for w in bases for c in ("و", "ف")]


def _stripped(word: str) -> list[str]:
    """The word and its readings without leading clitics (و ف, then ب ل ك; لل = ل + ال)."""
    out = [word]
    rest = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    if rest is not word:
        out.append(rest)
    if rest[:2] == "لل" and len(rest) > 4:
        out.append("ال" + rest[2:])
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        out.append(rest[1:])
    return out


def find_mentions(text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Every party mention in the normalized `text`, left to right, longest phrase first.

    Only a word that can begin a name (with its clitics) starts a lookup, so most words cost a
    set test; the words after it are read only then.
    """
    gaz = gaz or gazetteer()
    mentions: list[Mention] = []
    taken = 0  # end of the last mention: its words start no other
    full_names: dict[str, str] = {}  # word of a longer name met so far → its party
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        firsts = gaz.token_firsts.get(m.group())
        if firsts is None or m.start() < taken:
            continue
        for first in firsts:
            hit = _longest(gaz, first, words, i + 1)
            if hit and hit[2] in gaz.weak and not _weak_name_fits(text, m, first, gaz):
                continue
            if hit and hit[2] in gaz.surnames:
                code = _named_before(hit[2], gaz, full_names)
                if code is None:
                    continue
                hit = (hit[0], ((code,), False), hit[2])
            if hit:
                n, (codes, nisba), phrase = hit
                if n > 1:
                    full_names.update((w, codes[0]) for w in phrase.split())
                end = words[i + n - 1].end()
                kind = gaz.kinds.get(codes[0], "organization")
                joint = phrase in gaz.joint
                person = phrase in gaz.persons
                mentions.append(Mention(m.start(), end, codes, nisba, phrase, kind, joint, person))
                taken = end
                break
    return mentions


def _named_before(surname: str, gaz: Gazetteer, full_names: dict[str, str]) -> str | None:
    """The party of the person whose longer name, holding the surname, came last before."""
    code = full_names.get(surname.rsplit(" ", 1)[-1])
    return code if code in gaz.surnames[surname] else None


def _weak_name_fits(text: str, m: regex.Match[str], first: str, gaz: Gazetteer) -> bool:
    """A name that is also a common word counts after a place word or with ب / ل on it."""
    clitics = m.group()[: len(m.group()) - len(first)]
    if "ب" in clitics or "ل" in clitics:
        return True
    previous = _WORD.findall(text, max(0, m.start() - 30), m.start())[-1:]
    return bool(previous) and previous[0] in gaz.weak_context


def _longest(
    gaz: Gazetteer, first: str, words: list[regex.Match[str]], after: int
) -> tuple[int, tuple[tuple[str, ...], bool], str] | None:
    """The longest gazetteer phrase of `first` and the words from `after` on: (words, entry,
    phrase). The next word is read only while the phrase so far begins some longer name."""
    found = gaz.forms.get(first)
    best = (1, found, first) if found else None
    phrase = first
    for n in range(2, gaz.first_words[first] + 1):
        if after + n - 2 >= len(words):
            break
        phrase = f"{phrase} {words[after + n - 2].group()}"
        found = gaz.forms.get(phrase)
        if found:
            best = (n, found, phrase)
        elif phrase not in gaz.prefixes:
            break
    return best


def resolve_ambiguous(
    mentions: list[Mention], sentences: list[tuple[int, int]], gaz: Gazetteer | None = None
) -> list[Mention]:
    """Give each ambiguous nisba one code.

    A state already named outright in the same sentence is usually the other side (رئيس أركان
    القوات المسلحة النيجيرية ... لزيارة نيجيريا is Niger's chief), so a candidate named there
    is passed over; otherwise the state whose name the adjective is built on wins (نيجيري →
    نيجيريا).
    """
    gaz = gaz or gazetteer()
    starts = [a for a, _ in sentences]

    def sentence_of(m: Mention) -> int:
        return bisect.bisect_right(starts, m.start) - 1

    named_in: dict[int, set[str]] = {}  # sentence → states named outright in it
    for o in mentions:
        if not o.ambiguous and not o.nisba:
            named_in.setdefault(sentence_of(o), set()).add(o.codes[0])
    resolved: list[Mention] = []
    for m in mentions:
        if not m.ambiguous:
            resolved.append(m)
            continue
        named = named_in.get(sentence_of(m), set())
        candidates = [c for c in m.codes if c not in named] or list(m.codes)
        if len(candidates) > 1:
            candidates.sort(key=lambda c: -_shared_prefix(gaz, m, c))
        resolved.append(Mention(m.start, m.end, (candidates[0],), m.nisba, m.form, m.kind))
    return resolved


def _shared_prefix(gaz: Gazetteer, m: Mention, code: str) -> int:
    """How many letters the adjective's stem shares with the state's name."""
    name = gaz.names.get(code, "")
    stem = m.form.removeprefix("ال")
    for suffix in ("يين", "يون", "يه", "ي"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    n = 0
    while n < min(len(name), len(stem)) and name[n] == stem[n]:
        n += 1
    return n
