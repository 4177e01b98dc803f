"""Do two texts speak of the same act? Stems of the content words, compared as sets.

Used to fold repeats of a commitment (in one article, or across outlets) and to find later
articles that report on it. Light stemming: normalization, clitics and the article off the
front, pronoun and plural endings off the back; words of stopwords.yaml left out.
"""

from __future__ import annotations

import functools

from tracker.extract.budget import linear
from tracker.extract.normalize import normalize_text
from tracker.extract.rules import _read_yaml

_WORD = linear(r"\w+")
_ARTICLES = ("بال", "كال", "لل", "ال")
# endings, longest first; each is cut only where a stem of MIN_STEM + 1 letters remains for
# the plural and dual endings (تعاون keeps its ون) and MIN_STEM letters for the others
_PLURALS = ("ات", "ون", "ين", "ان")
_ENDINGS = ("هما", "كما", "ها", "هم", "هن", "نا", "يه", "يا", "ه", "ي", "ا")
MIN_STEM = 3
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")  # a stopword with one of these is one too: بهذا، وذلك
SAME_ACT_SHARED = 2
SAME_ACT_SHARE = 0.5


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in _read_yaml("stopwords.yaml")["stopwords"])


@functools.lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A light stem: زيارة، بزيارته، الزيارات → زيار."""
    return _stem(normalize_text(word))


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """The stem of a normalized word: plain string work, cached, since it runs for every word
    compared and news repeats its words."""
    if word[:1] in ("و", "ف") and len(word) >= 5:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article):
            word = word[len(article) :]
            break
    else:
        if word[:1] in ("ب", "ل", "ك") and len(word) >= 5:
            word = word[1:]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            if ending[0] == "ه" and word.endswith("ت") and len(word) > MIN_STEM:
                word = word[:-1]  # زيارته → زيارت → زيار (the ة of a noun before a pronoun)
            break
    for ending in _PLURALS:
        if word.endswith(ending) and len(word) - len(ending) > MIN_STEM:
            return word[: -len(ending)]
    return word


def stems(text: str, normalized: bool = False) -> frozenset[str]:
    """The stems of the content words of `text` (`normalized`: it went through normalize_text)."""
    stop = _stopwords()
    out = set()
    for w in _WORD.findall(text if normalized else normalize_text(text)):
        if w in stop or w.isdigit() or len(w) < MIN_STEM:
            continue
        if w[:1] in _PROCLITICS and w[1:] in stop:
            continue  # بهذا، وذلك، لهذه
        out.add(_stem(w))
    return frozenset(out)


def future_stem(head: str) -> str | None:
    """The stem of the verb of a future (normalized): وسأتحدث، سيتحدثون، سوف نتحدث → تحدث, so that
    "I will talk to them" and "he promised to talk to them" share it. None for no future."""
    word = head[1:] if head[:1] in ("و", "ف") else head
    if word.startswith("سوف "):
        word = word[4:].lstrip()
    elif word.startswith("س"):
        word = word[1:]
    else:
        return None
    if word[:1] not in ("ي", "ت", "ن", "ا") or len(word) < MIN_STEM + 1:
        return None
    return _stem(word[1:])


def told_again(a: frozenset[str], b: frozenset[str]) -> bool:
    """In one article, two reports of one act: the same act by their stems, or by their stems'
    skeletons, so that a verb and its verbal noun meet (سيزور، زيارة → زر)."""
    return same_act(a, b) or same_act(_skeletons(a), _skeletons(b))


def _skeletons(stems: frozenset[str]) -> frozenset[str]:
    """The stems without their long vowels after the first letter (يزور، زيارة → زر): what a verb
    and its verbal noun often share. The first letter stays: without it, short skeletons (عد،
    فرض) meet across different acts."""
    return frozenset(w[0] + w[1:].replace("ا", "").replace("و", "").replace("ي", "") for w in stems)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How much the smaller set is contained in the larger: 1.0 when one says all the other does."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def same_act(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two reports of one act: at least two stems shared, and half of the shorter one."""
    if a == b:
        return True
    return len(a & b) >= SAME_ACT_SHARED and similarity(a, b) >= SAME_ACT_SHARE
