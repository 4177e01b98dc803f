"""Who is bound by a trigger: the party codes of its promisors.

Arabic puts the subject after the verb (تعهدت مصر بـ) or, in reported speech, before it (إن
إسرائيل ستوطن); dual and plural verbs, "الطرفان" and agreements without a named side bind the
parties in focus; a verbal noun without a subject (مع التعهد بـ) continues the sentence's
previous commitment.
"""

from __future__ import annotations

import regex

from tracker.extract.parties import Mention
from tracker.extract.rules import modifiers
from tracker.extract.triggers import Candidate

_WORD = regex.compile(r"\w+")
_CLAUSE_START = regex.compile(r"[،,;؛:]|(?<!\w)[وف]?(?:ان|بان|لان)(?!\w)")
# Words after a verb that end the search for its subject: prepositions and complementizers.
_STOP_SUBJECT = frozenset({"ان", "علي", "الي", "من", "في", "مع", "عن", "حتي", "بعد", "قبل"})
SUBJECT_WINDOW = 2  # words before a trigger in which a party is its subject (إن إسرائيل ستوطن)


def promisors(
    c: Candidate, mentions: list[Mention], text: str, same_sentence: tuple[str, ...] | None
) -> tuple[str, ...]:
    """Who is bound by the candidate, from the strongest evidence to the weakest.

    1. a party named in the trigger's own words or right after its verb (verb-first order);
    2. "الطرفان" / "الدول الثلاث", a dual or plural verb, or an agreement with no named side:
       the two (three) parties in focus, the last ones named before the trigger;
    3. a verbal noun with no subject (مع التعهد بـ): the sentence's previous promisors;
    4. the nearest party named before the trigger in the same sentence (subject-first order);
    5. the party in focus.
    """
    named = [m.codes[0] for m in mentions if c.start <= m.start and m.end <= c.trigger_end]
    if not named and not c.rule.starts_with_noun:
        named = subject_after(c, mentions, text)
    if named:
        return tuple(dict.fromkeys(named))
    group = _group_size(c, text)
    focus = _focus(mentions, c.start, max(group, 2))
    if group and len(focus) >= group:
        return tuple(focus[:group])
    if c.rule.starts_with_noun and same_sentence:
        return same_sentence
    before = [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]
    if before:
        return (before[-1].codes[0],)
    return tuple(focus[:1])


def bound_subject(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...] | None:
    """For rules that need one: the party that is the trigger's grammatical subject, or None.

    A future verb or a refusal binds a party only when that party is its subject: named right
    after the verb, right before it (إن إسرائيل ستوطن), through the speaker of reported speech
    (قال الوزير إن بلاده ستقدم، أعلن أنه سيزور), in a clause joined by و to one whose subject
    is named (نيجيريا معروفة ... ولن تُستخدم), or as "we" (سنواصل). Otherwise it is a forecast
    or a plain future event, and nothing is bound.
    """
    after = subject_after(c, mentions, text)
    if after:
        return tuple(dict.fromkeys(after))
    if _group_size(c, text):
        focus = _focus(mentions, c.start, _group_size(c, text))
        return tuple(focus) if focus else None
    words = list(_WORD.finditer(text, c.sentence[0], c.start))
    window_start = words[-SUBJECT_WINDOW].start() if len(words) >= SUBJECT_WINDOW else c.sentence[0]
    before = [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]
    if before and before[-1].end > window_start and _names_an_actor(before[-1], text):
        return (before[-1].codes[0],)
    head = text[c.start : c.trigger_end]
    last_word = words[-1].group() if words else ""
    speaker = _strip_conjunction(last_word) in modifiers().speaker_words
    first_person = regex.match(r"[وف]?(?:سن|سوف\s+ن)", head) is not None
    if speaker or first_person:
        if before:
            return (before[-1].codes[0],)
        focus = _focus(mentions, c.start, 1)
        return tuple(focus) if focus else None
    if head[:1] in ("و", "ف") or last_word in ("و", "ف"):
        clause = max(
            (m.end() for m in _CLAUSE_START.finditer(text, c.sentence[0], c.start)),
            default=c.sentence[0],
        )
        joined = [m for m in before if m.start >= clause]
        if joined:
            return (joined[-1].codes[0],)
    return None


def subject_after(c: Candidate, mentions: list[Mention], text: str) -> list[str]:
    """The parties that are a verb's subject in verb-first order.

    Within the three words after the verb and before any preposition: a party named outright
    (تعهدت مصر), or one that qualifies an actor noun (تعهدت الحكومة المصرية). An adjective of
    any other noun is not the subject (سيبطئ الاقتصاد الكندي).
    """
    by_start = {m.start: m for m in mentions}
    actors = modifiers().actor_nouns
    codes: list[str] = []
    actor_seen = False
    for w in list(_WORD.finditer(text, c.trigger_end, c.end))[:4]:
        m = by_start.get(w.start())
        if m and (not m.nisba or actor_seen):
            codes.append(m.codes[0])
            continue
        word = w.group()
        if codes and word != "و":
            break
        if word in _STOP_SUBJECT or (word[0] in "بل" and word not in actors):
            break
        if _strip_conjunction(word) in actors:
            actor_seen = True
        elif not actor_seen:
            break
    return codes


def _names_an_actor(m: Mention, text: str) -> bool:
    """A party named outright, or an adjective of an actor noun (القوات الأمريكية)."""
    if not m.nisba:
        return True
    previous = _WORD.findall(text, max(0, m.start - 40), m.start)[-1:]
    return bool(previous) and _strip_conjunction(previous[0]) in modifiers().actor_nouns


def _group_size(c: Candidate, text: str) -> int:
    """2 or 3 when the trigger or the words right after it name a group of parties, else 0."""
    mods = modifiers()
    words = list(_WORD.finditer(text, c.trigger_end, c.end))[:3]
    end = words[-1].end() if words else c.trigger_end
    if mods.three_parties.search(text, c.start, end):
        return 3
    if mods.both_parties.search(text, c.start, end):
        return 2
    if c.number != "singular" or c.rule.kind == "agreement":
        return 2
    return 0


def _focus(mentions: list[Mention], before: int, n: int) -> list[str]:
    """The last `n` distinct parties named before an offset, most recent first."""
    focus: list[str] = []
    for m in reversed(mentions):
        if m.end <= before and m.codes[0] not in focus:
            focus.append(m.codes[0])
            if len(focus) == n:
                break
    return focus


def _strip_conjunction(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
