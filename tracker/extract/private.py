"""Private persons and companies: parties the gazetteer cannot know, bound as PRIVATE, not as
the state of their nationality.

"اللاعب المصري محمد صلاح"، "محامي كوسبي توم ميسيرو"، "للفتاة الفلسطينية عهد التميمي": a noun of
modifiers.yaml `private_nouns`, the nisba of the person's nationality (which names no state
here: the guide binds a private person by a code of their own) and up to NAME_WORDS words of
the name. A name of two words makes its last word a surname: "التميمي" alone, later in the
article, is the same person. A party named right after the noun (محامي ترامب) is whom the
person acts for: the noun makes no mention, and that party stays the one bound. A company noun
(الشركة، الصندوق, modifiers.yaml `company_nouns`) is PRIVATE too, unless a body that is no
state was named before it: then it names that body again (أرامكو ... الشركة).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable

from tracker.extract.budget import linear, remaining
from tracker.extract.dates import is_month_name
from tracker.extract.parties import Mention, _with_clitics
from tracker.extract.rules import modifiers
from tracker.extract.similarity import _stopwords

PRIVATE = "PRIVATE"
NAME_WORDS = 2  # words of a name after the noun and its nisba: a first name and a surname
ADJECTIVES = 2  # definite words between the noun and the name (الناشطة الحقوقية)
MIN_SURNAME = 3  # letters: a shorter last word is no surname to look for again
MAX_CLITICS = 4  # letters a written form may hold before its core: وبال، فلل
_WORD = linear(r"\w+")


@functools.cache
def _forms() -> tuple[tuple[str, ...], dict[str, str]]:
    """The nouns' cores to look for (without the article), and every written form of each noun
    with its clitics → the noun."""
    mods = modifiers()
    nouns = mods.private_nouns | mods.company_nouns
    forms = {form: noun for noun in nouns for form in _with_clitics(noun)}
    # what every written form of the noun holds: لطالب is in الطالب and للطالب (and not in
    # the far more frequent طالبت "she demanded"); شركه in شركة and بشركة
    cores = {n[1:] if n.startswith("ال") else n for n in nouns}
    # a core that holds another (ممثله holds ممثل) is found by the shorter one's search
    return tuple(c for c in cores if not any(o != c and o in c for o in cores)), forms


def _words_in(
    text: str, cores: tuple[str, ...], forms: dict[str, str], after: int = 0
) -> list[tuple[int, int, str]]:
    """(start, end, what its form stands for) of each word of `text` from `after` on that is one
    of `forms`. Substring search for the cores, then the whole word checked: much faster than a
    pattern with lookarounds tried at every position of every article."""
    found: dict[int, tuple[int, int, str]] = {}
    for core in cores:
        i = text.find(core, after)
        while i >= 0:
            start = i
            while start > 0 and i - start <= MAX_CLITICS and _letter(text[start - 1]):
                start -= 1
            word = _WORD.match(text, start)
            if word is not None and (start == 0 or not _letter(text[start - 1])):
                noun = forms.get(word.group())
                if noun is not None:
                    found[start] = (start, word.end(), noun)
            i = text.find(core, i + len(core))
    return [found[k] for k in sorted(found)]


def _letter(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def private_persons(
    text: str, mentions: list[Mention], triggers: frozenset[int] = frozenset()
) -> list[Mention]:
    """`mentions` with the private persons of the normalized `text` added (code PRIVATE) and
    the nisba adjectives of their nationality taken out, in text order. A name ends before any
    of `triggers` (where a commitment begins: "أن الشركة ستستثمر")."""
    nouns = _words_in(text, *_forms())
    if not nouns:
        return mentions
    by_start = {m.start: m for m in mentions}
    taken = _Spans((m.start, m.end) for m in mentions)
    absorbed: set[int] = set()  # starts of the nisba mentions that describe a private person
    found: list[Mention] = []
    surnames: dict[str, int] = {}  # surname → where its full name ends
    companies = modifiers().company_nouns
    first_body = next((m.start for m in mentions if m.kind not in ("state", "person")), len(text))
    for start, end, noun in nouns:
        remaining()
        if taken.overlaps(start, end):
            continue
        if noun in companies and first_body < start:
            continue  # "أعلنت أرامكو ... وقالت الشركة": the body named before
        # "الشركة ستستثمر": a definite noun is a subject, a commitment may follow; "شركة سيريكا":
        # an indefinite one heads a name, whatever its words look like
        person = _phrase(text, end, by_start, triggers if noun.startswith("ال") else frozenset())
        if person is None:
            continue
        end, nisbas, name = person
        absorbed.update(nisbas)
        found.append(_mention(text, start, end))
        if len(name) == NAME_WORDS and len(name[-1]) >= MIN_SURNAME:
            surnames.setdefault(name[-1], end)
    # the nisbas now inside a person's phrase leave the spans; the persons enter them
    taken = _Spans([(m.start, m.end) for m in mentions if m.start not in absorbed])
    for m in found:
        taken.add(m.start, m.end)
    ends = {m.end for m in mentions}
    for surname, after in surnames.items():
        forms = dict.fromkeys(_with_clitics(surname), surname)
        for start, end, _ in _words_in(text, (surname,), forms, after):
            remaining()
            if taken.overlaps(start, end):
                continue
            # right after a party, the name is the object of its verb: "وأوقفت السلطات المصرية
            # المذبوح" (verb, subject, object)
            k = start
            while k > 0 and text[k - 1] == " ":
                k -= 1
            if k in ends:
                continue
            found.append(_mention(text, start, end))
    kept = [m for m in mentions if m.start not in absorbed]
    return sorted(kept + found, key=lambda m: m.start)


def _phrase(
    text: str, end: int, by_start: dict[int, Mention], triggers: frozenset[int]
) -> tuple[int, list[int], list[str]] | None:
    """Where the phrase of the noun ending at `end` ends, the nisba mentions in it and the words
    of the name; None where a party follows the noun (محامي ترامب: whom the person acts for)."""
    nisbas: list[int] = []
    name: list[str] = []
    skipped = 0
    mods = modifiers()
    for word in _WORD.finditer(text, end, min(len(text), end + 120)):
        if word.start() < end:
            continue  # the second word of a nisba already read (الكوري الشمالي)
        if text[end : word.start()].strip() or word.start() in triggers:
            break  # a comma, a quote, a bracket or a commitment's first word ends the phrase
        mention = by_start.get(word.start())
        if mention is not None:
            if not mention.nisba:
                return None if not name and not nisbas else (end, nisbas, name)
            if name:
                break
            nisbas.append(mention.start)
            end = mention.end
            continue
        w = word.group()
        if w in mods.actor_nouns or w in mods.private_nouns:
            break  # another person or body: "محامي الفتاة"، "المتحدث"
        if not name and w.startswith("ال") and skipped < ADJECTIVES and w not in _stopwords():
            skipped += 1  # "الناشطة الحقوقية نرجس محمدي": an adjective before the name
            end = word.end()
            continue
        if not _name_word(w, first=not name):
            break
        name.append(w)
        end = word.end()
        if len(name) == NAME_WORDS:
            break
    return end, nisbas, name


def _name_word(word: str, first: bool) -> bool:
    """A word that can be part of a person's name: no function word, number, month or verb of
    saying;
    the first one without the article (الشهير، الأمريكي are adjectives), a surname may have it
    (عهد التميمي)."""
    if word in _stopwords() or word.isdigit() or is_month_name(word):
        return False
    if modifiers().speech.fullmatch(word):
        return False
    return not (first and word.startswith("ال"))


def _mention(text: str, start: int, end: int) -> Mention:
    form = " ".join(text[start:end].split())
    return Mention(start, end, (PRIVATE,), False, form, kind="person", person=True)


class _Spans:
    """Disjoint spans kept sorted, so that an overlap test is a bisection, not a scan (an
    article may hold thousands of names)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # the spans that start before `end`
        return i > 0 and self._spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._spans.insert(i, (start, end))
        self._starts.insert(i, start)
