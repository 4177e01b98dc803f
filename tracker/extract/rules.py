"""Load the YAML rule files, check them, and compile them once into `regex` patterns.

The vocabulary lives in tracker/rules/*.yaml; this module holds only the mechanism: how a verb
stem becomes all its inflected forms, how a noun takes its clitics, how slots join into one
pattern over the normalized text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex
import yaml

from tracker.domain import KINDS, POLARITIES
from tracker.errors import RuleError
from tracker.extract.budget import Timed, timed
from tracker.extract.normalize import normalize_text

# libyaml's loader when PyYAML was built with it: the gazetteer loads ten times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Between two words: blanks, quotes and brackets, but never a clause break (، . : ؛).
SEP = r"[\s\"“”«»'()\[\]]+"
# One word of a gap: anything up to a blank, a quote or a clause break.
WORD = r"[^\s\"“”«»'()\[\]،,.:;؛!?؟]+"
_CLITIC = r"[وف]?"
_OBJECT = r"(?:ه|ها|هما|هم|هن|ك|كم|ني|نا)?"
# The plural past drops its alif before an object pronoun: وعدوا + نا → وعدونا.
_PLURAL_BEFORE_OBJECT = r"و(?=(?:ه|ها|هما|هم|هن|ك|كم|ني|نا)(?!\w))"
_NOUN_PREFIX = r"[وف]?(?:بال|لل|كال|ال|ب|ل|ك)?"
_PRONOUN = r"(?:ه|ها|هما|هم|هن|ي|نا|كم)"
_NOUN_SUFFIX = f"(?:{_PRONOUN}|ا)?"  # singular: استعدادات are preparations

_RULE_KEYS = {
    "id",
    "kind",
    "gloss",
    "polarity",
    "confidence",
    "sequence",
    "not_next",
    "not_after",
    "needs_subject",
    "reported_only",
    "predicate",
    "content",
    "except_words",
    "except_verbs",
    "that_verb",
    "examples",
    "counter_examples",
}
_SLOT_KEYS = {
    "verbs",
    "nouns",
    "words",
    "starts_with",
    "gap",
    "aside_gap",
    "future_verb",
    "indefinite",
}
# Between two words of an aside gap: a blank run, or a comma with the blanks around it
# ("أعلن الرئيس، الاثنين، عزمه"): the gap may cross the commas of an aside, no other break.
_ASIDE_SEP = f"(?:\\s*[،,]\\s*|{SEP})"
# Particles that are not the noun an `indefinite` slot wants.
_PARTICLES = "(?:ان|انه|انها|في|من|علي|الي|عن|مع|كيف|متي|ما|هل|لا|لم|لن|قد|بعد|قبل)"
# Any verb in the future: سيعمل، ستواصل، سنكمل، سيستكملان، سوف يستأنف (the number from its ending);
# سأعمل، سوف أعمل ("I will") read as سا once normalized: find_candidates keeps it only where the
# original has the hamza there (the group `person`; ساعد، سابق are no futures).
_FUTURE = r"[وف]?(?:س|سوف\s+)(?P<person>[يتنا])\w{2,}?(?:(?P<dual>ان)|(?P<plural>ون))?"


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled trigger rule."""

    id: str
    kind: str
    gloss: str
    polarity: str
    confidence: float
    pattern: Timed
    # for each slot, strings one of which any match contains: a rule whose strings are not
    # all in a text cannot match it, and is not run (a substring test costs next to nothing)
    required: tuple[tuple[str, ...], ...]
    starts_with_noun: bool
    needs_subject: bool  # drop the match unless a party is its subject (futures, refusals)
    # a subject named after the verb binds only in reported speech: a narrator's "وسيزور الرئيس
    # باريس" is an itinerary, "قال إن ... وسيزور الرئيس باريس" an announcement
    reported_only: bool
    # an adjective whose subject stands right before it (الصين مستعدة): where that is a noun
    # naming no party and no actor (الأطفال مستعدون), no party is bound
    predicate: bool
    # a future or refusal that, opening the complement clause of a pledge or agreement before
    # it (تعهد بأنه سيبني، تعهد بأنه لن يسمح), is what that one promises, not another commitment
    content: bool
    except_words: frozenset[str]  # normalized trigger words that are not this rule (ستكون)
    except_verbs: Timed | None  # verbs (all forms) that are not this rule
    not_after: frozenset[str]  # normalized words right before the trigger that undo it (ما سنفعله)
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Modifiers:
    """Words that change what a trigger means (modifiers.yaml), compiled."""

    negation_before: frozenset[str]
    negation_after: frozenset[str]
    denial_before: frozenset[str]
    auxiliaries: frozenset[str]
    demand: Timed
    demand_window: int
    doubt: Timed
    doubt_window: int
    hedges: Timed
    both_parties: Timed
    three_parties: Timed
    both_states: Timed
    both_movements: Timed
    speech: Timed
    speaker_words: frozenset[str]
    actor_nouns: frozenset[str]
    prepositions: frozenset[str]
    place_prepositions: frozenset[str]  # before a state named as a place (في سنغافورة)
    subject_fillers: frozenset[str]
    weak_names: frozenset[str]
    weak_name_context: frozenset[str]
    participles: frozenset[str]
    opinion: Timed
    opinion_nouns: Timed  # توقعات بأن، يبدو أن: a noun or word of expectation
    likely: Timed  # على الأرجح، ربما: an adverb of likelihood
    report_denials: Timed  # نفى، رفض: what follows them is denied, not reported
    shared_opinions: frozenset[str]  # اتفقا على أهمية: an opinion, not an act agreed on
    private_nouns: frozenset[str]  # اللاعب، المحامي: a private person, bound as PRIVATE
    company_nouns: frozenset[str]  # الشركة، الصندوق: a company, PRIVATE unless named before


def alternation(words: list[str]) -> str:
    """A regex alternation of normalized words, longest first, blanks matching any blank run."""
    forms = sorted({normalize_text(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(p) for p in f.split()) for f in forms)


def _verb_stems(entry: str) -> tuple[str, str]:
    """(perfect, present) stems of 'perfect' or 'perfect/present'; present '' for none.

    Without a present stem, forms VIII and X lose their initial alif (اتفق → يتفق); others
    keep the perfect (تعهد → يتعهد).
    """
    perfect, slash, present = (normalize_text(p).strip() for p in entry.partition("/"))
    if not slash:
        present = perfect[1:] if perfect.startswith("ا") and len(perfect) >= 4 else perfect
    return perfect, present


def verb_pattern(entry: str) -> str:
    """Every inflected form of a verb given as 'perfect' or 'perfect/present'."""
    perfect, present = _verb_stems(entry)
    if perfect.endswith("ي"):  # weak final: أبدى / أبدت / أبديا / أبدوا
        base = perfect[:-1]
        past = (
            f"(?:{perfect}(?:(?P<dual>ا)|(?P<first>نا))?"
            f"|{base}(?:ت|(?P<dual>تا)|(?P<plural>وا|{_PLURAL_BEFORE_OBJECT})))"
        )
    else:
        plural = f"(?P<plural>وا|تم|{_PLURAL_BEFORE_OBJECT})"
        past = f"{perfect}(?:(?P<dual>تا|ا)|{plural}|(?P<first>نا)|ت)?"
    forms = [past]
    if present:
        if present.endswith("ي"):
            now = f"(?:{present}(?P<dual>ان)?|{present[:-1]}(?P<plural>ون|وا))"
        else:
            now = f"{present}(?:(?P<dual>ان|ا)|(?P<plural>ون|وا)|ين|ن)?"
        forms.append(f"س?(?:[يتا]|(?P<first>ن)){now}")
    return f"{_CLITIC}(?:{'|'.join(forms)}){_OBJECT}"


def noun_pattern(noun: str) -> str:
    """A verbal noun with its prefixes (و ف ب ل ال) and pronoun suffixes.

    A noun ending in ة writes it ت before a pronoun: دعوة، دعوته.
    """
    noun = regex.escape(normalize_text(noun).strip())
    if noun.endswith("ه"):
        return f"{_NOUN_PREFIX}{noun[:-1]}(?:ه|ت{_PRONOUN})"
    return f"{_NOUN_PREFIX}{noun}{_NOUN_SUFFIX}"


def _common(a: str, b: str) -> str:
    """The longest common substring of two short strings."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _cores(slot: dict[str, Any]) -> tuple[str, ...]:
    """Strings that every match of the slot contains, one per alternative."""
    key, value = next(iter(slot.items()))
    if key == "future_verb":
        return ("س",)
    if key == "indefinite":
        return ("",)
    if key == "verbs":
        cores = []
        for entry in value:
            perfect, present = (s.removesuffix("ي") for s in _verb_stems(entry))
            cores.append(_common(perfect, present) or perfect if present else perfect)
        return tuple(cores)
    if key == "starts_with":
        return tuple(normalize_text(v) for v in value)
    if key == "nouns":
        return tuple(normalize_text(v).strip().removesuffix("ه") for v in value)
    return tuple(normalize_text(v).split()[0] for v in value)


def _slot_pattern(slot: dict[str, Any], gap_stop: str, where: str) -> tuple[str, bool]:
    """The regex of one slot, and whether it is a gap (which carries its own separator)."""
    if len(slot) != 1 or next(iter(slot)) not in _SLOT_KEYS:
        raise RuleError(f"{where}: a slot has exactly one of {sorted(_SLOT_KEYS)}, got {slot}")
    key, value = next(iter(slot.items()))
    if key == "future_verb":
        if value is not True:
            raise RuleError(f"{where}: future_verb takes the value true")
        return f"(?:{_FUTURE})(?!\\w)", False
    if key == "indefinite":
        if value is not True:
            raise RuleError(f"{where}: indefinite takes the value true")
        # a word without the article: the noun of a construct (تقرر تمديد), not a definite
        # object (تقرر الموازنة) nor a particle (تقرر أن)
        return f"(?!(?:ال|[وفبلك]ال|لل){WORD})(?!{_PARTICLES}(?!\\w)){WORD}", False
    if key in ("gap", "aside_gap"):
        if not isinstance(value, int) or not 1 <= value <= 12:
            raise RuleError(f"{where}: {key} must be a whole number from 1 to 12")
        word = f"(?!(?:{gap_stop})(?!\\w)){WORD}"
        separator = SEP if key == "gap" else _ASIDE_SEP
        return f"(?P<gap>(?:{word}{separator}){{0,{value}}})", True
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key} must be a non-empty list of words")
    if key == "verbs":
        body = "|".join(verb_pattern(v) for v in value)
    elif key == "nouns":
        body = "|".join(noun_pattern(v) for v in value)
    elif key == "words":
        body = f"{_CLITIC}(?:{alternation(value)})"
    else:  # starts_with
        body = f"{_CLITIC}(?:{alternation(value)})\\w*"
    return f"(?:{body})(?!\\w)", False


def _compile_rule(raw: Any, gap_stop: str, source: str) -> Rule:
    if not isinstance(raw, dict) or "id" not in raw:
        raise RuleError(f"{source}: every rule is a mapping with an id")
    where = f"{source}: rule {raw['id']}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    kind = raw.get("kind")
    polarity = raw.get("polarity", "positive")
    if kind not in KINDS:
        raise RuleError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if polarity not in POLARITIES:
        raise RuleError(f"{where}: polarity must be positive or negative")
    sequence = raw.get("sequence")
    if not isinstance(sequence, list) or not sequence:
        raise RuleError(f"{where}: sequence must be a non-empty list of slots")
    parts: list[str] = []
    required: list[tuple[str, ...]] = []
    for i, slot in enumerate(sequence):
        body, is_gap = _slot_pattern(slot if isinstance(slot, dict) else {}, gap_stop, where)
        if not is_gap:
            required.append(_cores(slot))
        if is_gap and i in (0, len(sequence) - 1):
            raise RuleError(f"{where}: a gap stands between two slots")
        if i == 0:
            body = f"(?P<head>{body})"
            if raw.get("not_next"):
                body += f"(?!{SEP}(?:{alternation(raw['not_next'])})(?!\\w))"
        parts.append(body)
        if i < len(sequence) - 1 and not is_gap:
            # before an aside gap the first comma may follow the word directly (أبدت، الثلاثاء،)
            aside = isinstance(sequence[i + 1], dict) and "aside_gap" in sequence[i + 1]
            parts.append(_ASIDE_SEP if aside else SEP)
    if raw.get("that_verb"):
        # "اتفقا على أن تكون": an act agreed on; "اتفقا على أن الهجوم ...": an opinion shared.
        # After أن the next word must be an imperfect verb (ي ت ن), not a noun.
        parts.append(f"(?!{SEP}ان{SEP}(?![يتن])\\w)")
    try:
        pattern = timed("(?<!\\w)" + "".join(parts), regex.V0)
    except regex.error as exc:
        raise RuleError(f"{where}: does not compile: {exc}") from exc
    return Rule(
        id=raw["id"],
        kind=kind,
        gloss=str(raw.get("gloss", "")),
        polarity=polarity,
        confidence=float(raw.get("confidence", 0.8)),
        pattern=pattern,
        required=tuple(required),
        starts_with_noun="nouns" in sequence[0],
        needs_subject=bool(raw.get("needs_subject", False)),
        reported_only=bool(raw.get("reported_only", False)),
        predicate=bool(raw.get("predicate", False)),
        content=bool(raw.get("content", False)),
        except_words=_with_pronouns(raw.get("except_words") or ()),
        except_verbs=_except_verbs(raw.get("except_verbs")),
        not_after=frozenset(normalize_text(w) for w in raw.get("not_after") or ()),
        examples=tuple(raw.get("examples") or ()),
        counter_examples=tuple(raw.get("counter_examples") or ()),
        source=source,
    )


def _except_verbs(entries: list[str] | None) -> Timed | None:
    """Every form of the listed verbs, also after a conjunction and سوف (وسوف يقرر، فسوف
    يخسرون): the trigger word of a future is then the whole "وسوف + verb"."""
    if not entries:
        return None
    verbs = "|".join(verb_pattern(v) for v in entries)
    return timed(f"(?:[وف]?سوف\\s+)?(?:{verbs})")


def _with_pronouns(written: Iterable[str]) -> frozenset[str]:
    """Except words, normalized, and their forms with a possessive pronoun: a noun listed as not
    a trigger (سيطرة، سياسات) is not one with its owner either (سيطرته، سياساتها). A word
    written with ة is a noun whose ة becomes ت before the pronoun (سيطرة → سيطرته)."""
    out: set[str] = set()
    for raw in written:
        word = normalize_text(raw).strip()
        if not word:
            continue
        out.add(word)
        stem = word[:-1] + "ت" if raw.strip().endswith("ة") else word
        out.update(stem + p for p in ("ه", "ها", "هما", "هم", "هن"))
    return frozenset(out)


def _read_yaml(name: str) -> Any:
    path = resources.files("tracker.rules").joinpath(name)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"rules/{name}: {exc}") from exc


def _words_pattern(words: list[str]) -> Timed:
    return timed(f"(?<!\\w)[وف]?(?:{alternation(words)})(?!\\w)")


@functools.cache
def modifiers() -> Modifiers:
    """The compiled modifiers.yaml."""
    raw = _read_yaml("modifiers.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize_text(w) for w in raw.get(key) or ())

    demand = "|".join(verb_pattern(v) for v in raw["demand_verbs"])
    return Modifiers(
        negation_before=words("negation_before"),
        negation_after=words("negation_after"),
        denial_before=words("denial_before"),
        auxiliaries=words("auxiliaries"),
        demand=timed(f"(?<!\\w)(?:{demand})(?!\\w)"),
        demand_window=int(raw.get("demand_window", 6)),
        doubt=_words_pattern(raw["doubt_before"]),
        doubt_window=int(raw.get("doubt_window", 6)),
        hedges=timed(f"(?<!\\w)(?:{alternation(raw['hedges'])})(?!\\w)"),
        both_parties=_words_pattern(raw["both_parties"]),
        three_parties=_words_pattern(raw["three_parties"]),
        both_states=_words_pattern(raw["both_states"]),
        both_movements=_words_pattern(raw["both_movements"]),
        speech=timed(
            f"(?<!\\w)(?:{'|'.join(verb_pattern(v) for v in raw['speech_verbs'])})(?!\\w)"
        ),
        speaker_words=words("speaker_words"),
        actor_nouns=words("actor_nouns"),
        prepositions=words("prepositions"),
        place_prepositions=words("place_prepositions"),
        subject_fillers=words("subject_fillers"),
        weak_names=words("weak_names"),
        weak_name_context=words("weak_name_context"),
        participles=words("participles"),
        opinion=timed(
            f"(?<!\\w)(?:{'|'.join(verb_pattern(v) for v in raw['opinion_verbs'])})(?!\\w)"
        ),
        opinion_nouns=timed(
            f"(?<!\\w)(?:{'|'.join(noun_pattern(n) for n in raw['opinion_words'])})(?!\\w)"
        ),
        likely=timed(f"(?<!\\w)[وف]?(?:{alternation(raw['forecast_adverbs'])})(?!\\w)"),
        report_denials=timed(
            f"(?<!\\w)(?:{'|'.join(verb_pattern(v) for v in raw['report_denials'])})(?!\\w)"
        ),
        shared_opinions=words("shared_opinions"),
        private_nouns=words("private_nouns"),
        company_nouns=words("company_nouns"),
    )


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every trigger rule of rules/triggers/*.yaml, compiled once, ids checked unique."""
    gap_stop = alternation(_read_yaml("modifiers.yaml")["gap_stop"])
    folder = resources.files("tracker.rules").joinpath("triggers")
    compiled: list[Rule] = []
    seen: set[str] = set()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = _read_yaml(f"triggers/{entry.name}") or []
        if not isinstance(data, list):
            raise RuleError(f"triggers/{entry.name}: the file is a list of rules")
        for raw in data:
            rule = _compile_rule(raw, gap_stop, f"triggers/{entry.name}")
            if rule.id in seen:
                raise RuleError(f"triggers/{entry.name}: duplicate rule id {rule.id}")
            seen.add(rule.id)
            compiled.append(rule)
    return tuple(compiled)
