"""Sentences × rules → candidate commitments: kind, polarity, span, and why some are dropped."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from tracker.errors import BadInput
from tracker.extract.budget import linear
from tracker.extract.prefilter import rule_sentences
from tracker.extract.rules import Modifiers, Rule, modifiers

_WORD = linear(r"\w+")
# A clause ends at a comma, a semicolon, a colon or a closing quote.
_CLAUSE_END = linear(r"[،,;؛:”»\n]")
MAX_ACTION_WORDS = 25
_TRAILING = frozenset({"مع", "و", "ثم", "كما", "بل"})
_OTHER_POLARITY = {"positive": "negative", "negative": "positive"}  # a negation after the trigger
# More rule matches than this in one text is not news but noise (a trigger word repeated):
# the text is refused rather than read in time that grows with the square of its length.
MAX_CANDIDATES = 2000
LOOK_BACK = 200  # characters before a trigger in which modifiers are looked for


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule match in the normalized text and what the modifiers made of it."""

    rule: Rule
    start: int
    end: int  # end of the evidence: the trigger and the promised act, within the clause
    trigger_end: int  # end of the rule match
    number: str  # singular | dual | plural | first (we), from the verb's affixes
    sentence: tuple[int, int]
    polarity: str
    confidence: float
    dropped: str | None = None


def find_candidates(
    text: str,
    sentences: list[tuple[int, int]],
    was_hamza: Callable[[int], bool] = lambda offset: False,
) -> list[Candidate]:
    """Every rule match in `text` (normalized), kept ones and dropped ones with the reason.

    `was_hamza(offset)`: the alef at `offset` was أ / إ / آ in the original. Normalization makes
    سأعمل ("I will") begin like ساعد or سالم: a future is read from سا only where it was سأ.
    """
    mods = modifiers()
    starts = [s for s, _ in sentences]
    found: list[Candidate] = []
    # a match stays within a sentence: run the pattern only where its cores are
    for rule, spans in rule_sentences(text, sentences):
        for m in (m for s, e in spans for m in rule.pattern.finditer(text, s, e)):
            if len(found) >= MAX_CANDIDATES:
                raise BadInput(f"more than {MAX_CANDIDATES} commitment phrases: not an article?")
            if _unwritten_i(m, was_hamza):
                continue  # ساعد، سالم: no future, and no candidate to show or to end another
            i = bisect.bisect_right(starts, m.start()) - 1
            found.append(_candidate(rule, m, sentences[i], text, mods))
    return _resolve_overlaps(found, text)


def _unwritten_i(m: regex.Match[str], was_hamza: Callable[[int], bool]) -> bool:
    """A future read as "I will" (سا، سوف ا) whose alef was no أ in the original."""
    groups = m.re.groupindex
    if "person" not in groups or m.group("person") != "ا":
        return False
    return not was_hamza(m.start("person"))


def _candidate(
    rule: Rule, m: regex.Match[str], sentence: tuple[int, int], text: str, mods: Modifiers
) -> Candidate:
    groups = rule.pattern.groupindex
    number = "singular"
    if "first" in groups and m.group("first"):
        number = "first"  # نا / ن: "we", the speaker
    elif "dual" in groups and m.group("dual"):
        number = "dual"
    elif "plural" in groups and m.group("plural"):
        number = "plural"
    before = _WORD.findall(text, max(sentence[0], m.start() - LOOK_BACK), m.start())
    after = _WORD.findall(text, m.end(), min(sentence[1], m.end() + 40))[:2]
    last = _WORD.findall(m.group())[-1:]
    polarity, confidence, dropped = rule.polarity, rule.confidence, None
    head = m.group("head")
    if head in rule.except_words or (head[:1] in "وف" and head[1:] in rule.except_words):
        dropped = f"{head} is not a commitment here (listed in except_words)"
    elif _ends_with(before, rule.not_after):
        dropped = f"{before[-1]} {head}: a relative clause or a question, not a statement"
    elif rule.except_verbs and rule.except_verbs.fullmatch(head.removeprefix("سوف ")):
        dropped = f"{head} tells what will happen to a party, not what it will do (except_verbs)"
    elif rule.kind == "agreement" and after[:1] and _bare(after[0]) in mods.shared_opinions:
        dropped = f"{after[0]}: an opinion shared, not an act agreed on"
    elif _denied(before, mods):
        dropped = "a denial or a past act not done (لم)"
    elif any(mods.demand.fullmatch(w) for w in before[-mods.demand_window :]):
        dropped = "a demand on another party (طالب / دعا / حث)"
    elif mods.doubt.search(" ".join(before[-mods.doubt_window :])):
        dropped = "asked about, not undertaken (ما إذا / هل)"
    elif any(w in mods.negation_before for w in before[-2:]):
        polarity = "negative"
    if any(w in mods.negation_after for w in last + after):
        polarity = _OTHER_POLARITY[polarity]
    if mods.hedges.search(text, max(sentence[0], m.start() - LOOK_BACK), m.start()):
        confidence *= 0.7
    return Candidate(
        rule=rule,
        start=m.start(),
        end=m.end(),
        trigger_end=m.end(),
        number=number,
        sentence=sentence,
        polarity=polarity,
        confidence=confidence,
        dropped=dropped,
    )


def _ends_with(before: list[str], words: frozenset[str]) -> bool:
    """The words before a trigger end with one of `words`: one word (ما سنفعله) or two (صعوبة في
    الاتفاق، إذا ما وافقت)."""
    if not before:
        return False
    if _bare(before[-1]) in words:
        return True
    return len(before) >= 2 and f"{_bare(before[-2])} {before[-1]}" in words


def _bare(word: str) -> str:
    """A word without a leading و or ف (وما → ما)."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 2 else word


def _denied(before: list[str], mods: Modifiers) -> bool:
    """لم right before the trigger, or لم and an auxiliary (لم تتم الموافقة)."""
    if before[-1:] and before[-1] in mods.denial_before:
        return True
    return len(before) >= 2 and before[-1] in mods.auxiliaries and before[-2] in mods.denial_before


def _resolve_overlaps(found: list[Candidate], text: str) -> list[Candidate]:
    """Keep the earliest, longest of overlapping matches; extend each kept one to its clause."""
    found.sort(key=lambda c: (c.start, -(c.end - c.start), -c.confidence))
    out: list[Candidate] = []
    kept: list[Candidate] = []
    for c in found:
        if c.dropped:
            out.append(c)
            continue
        # sorted by start: only the last kept match can overlap this one
        clash = kept[-1] if kept and c.start < kept[-1].trigger_end else None
        if clash:
            out.append(replace(c, dropped=f"overlaps the match of {clash.rule.id}"))
        elif kept and _content_of(kept[-1], c, text):
            out.append(replace(c, dropped=f"what the {kept[-1].rule.id} before it says (بأنه ...)"))
            if c.polarity == "negative":  # "تعهد بأنه لن يسمح": a promise not to
                kept[-1] = replace(kept[-1], polarity="negative")
        else:
            kept.append(c)
    negation = modifiers().negation_after
    for i, c in enumerate(kept):
        limit = c.sentence[1]
        if i + 1 < len(kept) and kept[i + 1].start < limit:
            limit = kept[i + 1].start
        end, aside = _action_end(text, c.trigger_end, limit)
        if aside is not None and aside < end:
            # the act after the aside: "وعد الرئيس، كيم جونغ أون، بعدم ..." is a promise not to
            first = _WORD.findall(text, aside, end)[:1]
            if first and first[0] in negation:
                c = replace(c, polarity=_OTHER_POLARITY[c.polarity])
        out.append(replace(c, end=end))
    out.sort(key=lambda c: c.start)
    return out


# A complement clause opened by these (وعد بأنه سيبني، اتفقا على أنهما سيعملان) says what the
# commitment before it is: a future there is its content, not a second commitment.
_COMPLEMENTIZERS = frozenset(
    f"{p}{a}{s}" for p in ("", "ب") for a in ("ان",) for s in ("", "ه", "ها", "هما", "هم", "نا")
)
_CONTENT_KINDS = ("pledge", "agreement", "reaffirmation")


def _content_of(previous: Candidate, c: Candidate, text: str) -> bool:
    """`c` is a future or a refusal that opens the complement clause of a positive pledge,
    agreement or reaffirmation before it in the same sentence, with no clause break between."""
    if c.sentence != previous.sentence or previous.polarity != "positive":
        return False
    if previous.rule.kind not in _CONTENT_KINDS or not c.rule.content:
        return False
    # "تعهد رئيس الوزراء الكندي، جاستن ترودو، أنه سيستمر": past the name set off by commas
    start = _aside_end(text, previous.trigger_end, c.start) or previous.trigger_end
    between = text[start : c.start]
    words = _WORD.findall(between)
    return bool(words) and words[-1] in _COMPLEMENTIZERS and not _CLAUSE_END.search(between)


ASIDE_WORDS = 4  # words of a name set off by commas after a trigger's subject


def _aside_end(text: str, start: int, limit: int) -> int | None:
    """Where an aside set off by commas after a trigger ends (after its second comma), when the
    first clause break is a comma and all before it is the trigger's subject (الرئيس الفرنسي،
    وزير الخارجية الأمريكي) or nothing: definite words or actor nouns, no act yet. None
    otherwise."""
    first = _CLAUSE_END.search(text, start, limit)
    if first is None or first.group() not in "،,":
        return None
    comma = first.start()
    subject = _WORD.findall(text, start, comma)
    actors = modifiers().actor_nouns
    # "قررت، الاثنين، طرد ..." (no subject: a time or a name right after the verb) or
    # "وعد الزعيم الكوري الشمالي، كيم جونغ أون، بعدم ..." (the subject, then the name)
    if any(not (w.startswith("ال") or w in actors) for w in subject):
        return None
    second = _CLAUSE_END.search(text, comma + 1, limit)
    if second is None or second.group() not in "،,":
        return None
    name = _WORD.findall(text, comma + 1, second.start())
    if not 1 <= len(name) <= ASIDE_WORDS or _new_clause(name[0]):
        return None
    return second.end()


def _new_clause(word: str) -> bool:
    """A word that opens a clause of its own after a comma, not a name (ويليام، وانغ are names):
    و with a verb of saying or a definite word (وقال، والحكومة)."""
    if word[:1] != "و":
        return False
    return word[1:3] == "ال" or modifiers().speech.fullmatch(word) is not None


def _action_end(text: str, start: int, limit: int) -> tuple[int, int | None]:
    """Where the promised act ends: the clause break, the word limit, or `limit`; and where a
    name set off by commas after the subject ends, if there is one (وعد الزعيم الكوري الشمالي،
    كيم جونغ أون، بعدم ...): it is an aside, and the act goes on after it."""
    aside = _aside_end(text, start, limit)
    brk = _CLAUSE_END.search(text, start if aside is None else aside, limit)
    end = brk.start() if brk else limit
    words = list(_WORD.finditer(text, start, end))
    if len(words) > MAX_ACTION_WORDS:
        end = words[MAX_ACTION_WORDS - 1].end()
    elif len(words) > 1 and words[-1].group() in _TRAILING:
        end = words[-1].start()  # "... مع" before the next commitment of the sentence
    while end > start and text[end - 1] in " \t\"“”«»'(.!?؟":
        end -= 1
    return max(end, start), aside
