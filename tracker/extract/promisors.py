"""Who is bound by a trigger: the party codes of its promisors.

Arabic puts the subject after the verb (تعهدت مصر بـ) or, in reported speech, before it (إن
إسرائيل ستوطن); dual and plural verbs, "الطرفان" and agreements without a named side bind the
parties in focus; a verbal noun without a subject (مع التعهد بـ) continues the sentence's
previous commitment; an agreement "with" a party binds that party too.
"""

from __future__ import annotations

from tracker.extract.budget import timed
from tracker.extract.parties import Mention
from tracker.extract.rules import modifiers
from tracker.extract.triggers import Candidate

_WORD = timed(r"\w+")
_WE = timed(r"[وف]?(?:سن|سوف\s+ن)")  # سنواصل، سوف نعمل: "we will"
_CLAUSE_START = timed(r"[،,;؛:]|(?<!\w)[وف]?(?:ان|بان|لان)(?!\w)")
# Words after a verb that end the search for its subject: prepositions and complementizers.
_STOP_SUBJECT = frozenset({"ان", "علي", "الي", "من", "في", "مع", "عن", "حتي", "بعد", "قبل"})
SUBJECT_WINDOW = 2  # words before a trigger in which a party is its subject (إن إسرائيل ستوطن)
PARTNER_WINDOW = 6  # words after an agreement in which "مع X" names the other side
_MOVEMENTS = ("group", "party", "organization")


def promisors(
    c: Candidate, mentions: list[Mention], text: str, same_sentence: tuple[str, ...] | None
) -> tuple[str, ...]:
    """Who is bound by the candidate, from the strongest evidence to the weakest.

    1. a party named in the trigger's own words or right after its verb (verb-first order);
    2. "الطرفان" / "الحركتان" / "الدول الثلاث", a dual or plural verb, or an agreement with no
       named side: the two (three) parties in focus, the last ones named before the trigger;
    3. a verbal noun with no subject (مع التعهد بـ): the sentence's previous promisors;
    4. the nearest party named before the trigger in the same sentence (subject-first order);
    5. the party in focus; failing that, the first party named in the evidence itself.
    An agreement adds the party it is made "with" (اتفاق مع المفوضية).
    """
    if c.rule.kind == "agreement":
        partners = _partners(c, mentions, text)
        if partners:
            # "وقع مع الرئيس الفرنسي اتفاقية": the other side is the party in focus
            found = _promisors(c, mentions, text, same_sentence, exclude=partners)
            return tuple(dict.fromkeys(found[:1] + partners))
    if c.number == "first":
        speaker = _speaker(c, mentions, text, _before(c, mentions))
        if speaker:
            return speaker
    return _promisors(c, mentions, text, same_sentence)


def _before(c: Candidate, mentions: list[Mention]) -> list[Mention]:
    """The parties named in the trigger's sentence before it."""
    return [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]


def _promisors(
    c: Candidate,
    mentions: list[Mention],
    text: str,
    same_sentence: tuple[str, ...] | None,
    exclude: tuple[str, ...] = (),
) -> tuple[str, ...]:
    if exclude:
        mentions = [m for m in mentions if m.codes[0] not in exclude]
    named = [m.codes[0] for m in mentions if c.start <= m.start and m.end <= c.trigger_end]
    if not named and not c.rule.starts_with_noun:
        named = subject_after(c, mentions, text)
    if named:
        return tuple(dict.fromkeys(named))
    size, kinds = _group(c, text)
    focus = _focus(mentions, c.start, max(size, 2), kinds)
    if size and len(focus) >= size:
        return tuple(focus[:size])
    if c.rule.starts_with_noun and same_sentence:
        return same_sentence
    before = [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]
    if before:
        return (before[-1].codes[0],)
    if focus:
        return tuple(focus[:1])
    inside = [m.codes[0] for m in mentions if c.trigger_end <= m.start and m.end <= c.end]
    return tuple(inside[:1])


def bound_subject(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...] | None:
    """For rules that need one: the party that is the trigger's grammatical subject, or None.

    A future verb or a refusal binds a party only when that party is its subject: named right
    after the verb, right before it (إن إسرائيل ستوطن), through the speaker of reported speech
    (قال الوزير الكويتي إن بلاده ستقدم، أعلن أنه سيزور), in a clause joined by و to one whose
    subject is named (نيجيريا معروفة ... ولن تُستخدم), or as "we" (سنواصل). Otherwise it is a
    forecast or a plain future event, and nothing is bound.
    """
    after = subject_after(c, mentions, text)
    if after:
        return tuple(dict.fromkeys(after))
    size, kinds = _group(c, text)
    if size:
        focus = _focus(mentions, c.start, size, kinds)
        return tuple(focus) if focus else None
    words = list(_WORD.finditer(text, c.sentence[0], c.start))
    window_start = words[-SUBJECT_WINDOW].start() if len(words) >= SUBJECT_WINDOW else c.sentence[0]
    before = [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]
    if before and before[-1].end > window_start and _names_an_actor(before[-1], text):
        return (before[-1].codes[0],)
    head = text[c.start : c.trigger_end]
    last_word = words[-1].group() if words else ""
    speaker = _strip_conjunction(last_word) in modifiers().speaker_words
    first_person = c.number == "first" or _WE.match(head) is not None
    if speaker or first_person:
        who = _speaker(c, mentions, text, before)
        if who:
            return who
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


def _speaker(
    c: Candidate, mentions: list[Mention], text: str, before: list[Mention]
) -> tuple[str, ...]:
    """The party of whoever speaks in "قال X إن ...": the first party after the last verb of
    saying before the trigger; else the nearest party before the trigger."""
    verbs = list(modifiers().speech.finditer(text, c.sentence[0], c.start))
    if verbs:
        after_verb = [m for m in before if m.start >= verbs[-1].end()]
        if after_verb:
            return (after_verb[0].codes[0],)
    return (before[-1].codes[0],) if before else ()


def subject_after(c: Candidate, mentions: list[Mention], text: str) -> list[str]:
    """The parties that are a verb's subject in verb-first order.

    Within the words after the verb and before any preposition: a party named outright
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


def _partners(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...]:
    """The party an agreement is made with: "مع X" in or just after the trigger's words."""
    words = list(_WORD.finditer(text, c.start, c.end))[: PARTNER_WINDOW + 4]
    with_word = next((w for w in words if w.group() in ("مع", "ومع")), None)
    if with_word is None:
        return ()
    after = [m for m in mentions if with_word.end() <= m.start < c.end]
    return (after[0].codes[0],) if after and after[0].start - with_word.end() < 40 else ()


def _names_an_actor(m: Mention, text: str) -> bool:
    """A party named outright, or an adjective of an actor noun (القوات الأمريكية)."""
    if not m.nisba:
        return True
    previous = _WORD.findall(text, max(0, m.start - 40), m.start)[-1:]
    return bool(previous) and _strip_conjunction(previous[0]) in modifiers().actor_nouns


def _group(c: Candidate, text: str) -> tuple[int, tuple[str, ...] | None]:
    """How many parties in focus the trigger binds (0: none) and of which kinds (None: any)."""
    mods = modifiers()
    words = list(_WORD.finditer(text, c.trigger_end, c.end))[:3]
    end = words[-1].end() if words else c.trigger_end
    if mods.three_parties.search(text, c.start, end):
        return 3, None
    if mods.both_states.search(text, c.start, end):
        return 2, ("state",)
    if mods.both_movements.search(text, c.start, end):
        return 2, _MOVEMENTS
    if mods.both_parties.search(text, c.start, end):
        return 2, None
    if c.number != "singular" or c.rule.kind == "agreement":
        return 2, None
    return 0, None


def _focus(
    mentions: list[Mention], before: int, n: int, kinds: tuple[str, ...] | None = None
) -> list[str]:
    """The last `n` distinct parties (of the given kinds) named before an offset."""
    focus: list[str] = []
    for m in reversed(mentions):
        if m.end <= before and m.codes[0] not in focus and (kinds is None or m.kind in kinds):
            focus.append(m.codes[0])
            if len(focus) == n:
                break
    return focus


def _strip_conjunction(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
