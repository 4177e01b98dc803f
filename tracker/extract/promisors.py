"""Who is bound by a trigger: the party codes of its promisors.

Arabic puts the subject after the verb (تعهدت مصر بـ) or, in reported speech, before it (إن
إسرائيل ستوطن); dual and plural verbs, "الطرفان" and agreements without a named side bind the
parties in focus; a verbal noun without a subject (مع التعهد بـ) continues the sentence's
previous commitment; an agreement "with" a party binds that party too.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterator

import regex

from tracker.extract.budget import linear, timed
from tracker.extract.parties import Mention
from tracker.extract.private import PRIVATE
from tracker.extract.rules import modifiers
from tracker.extract.triggers import Candidate

_WORD = linear(r"\w+")
# سنواصل، سوف نعمل، لن نسمح: "we will (not)"; سوف أعمل، لن أسمح: "I will (not)"
_WE = timed(r"[وف]?(?:س[نا]|سوف\s+[نا]|لن\s+[نا])")
_CLAUSE_START = timed(r"[،,;؛:]|(?<!\w)[وف]?(?:ان|بان|لان)(?!\w)")
# Words after a verb that end the search for its subject: prepositions and complementizers.
# Where what is said begins after a verb of saying: a complementizer, a colon or a quote.
_SAID = timed(r"[:\"“«]|(?<!\w)[وف]?[بل]?(?:ان|انه|انها|انهم|انهما|اننا|انني)(?!\w)")
# "بيد أن / إلا أن / غير أن": "however", a connector, not what opens reported speech
_HOWEVER = timed(r"(?<!\w)[وف]?(?:بيد|الا|غير)\s+$")
_COMPLEMENTIZER = timed(r"(?<!\w)[وف]?[بل]?ان(?!\w)")
# "أن" with a pronoun too (توقعوا أنها ستفعل): what a verb of opinion governs
_THAT = timed(r"(?<!\w)[وف]?[بل]?ان(?:ه|ها|هم|هما|نا)?(?!\w)")
_BREAK = linear(r"[،,;؛:]")
_SENTENCE_ENDS = (".", "!", "?", "؟", "؛", "\n")
_SENTENCE_TAIL = frozenset(" \t\n\"“”«»'.!?؟؛")
PREVIOUS_SENTENCES = 6  # how far back a pronoun subject is looked for
COMPLEMENT_WINDOW = 8  # words from the subject after أن to its verb (titles, appositions)
_STOP_SUBJECT = frozenset({"ان", "علي", "الي", "من", "في", "مع", "عن", "حتي", "بعد", "قبل"})
SUBJECT_WINDOW = 2  # words before a trigger in which a party is its subject (إن إسرائيل ستوطن)
PARTNER_WINDOW = 6  # words after an agreement in which "مع X" names the other side
# a trigger that opens with the agreement itself, not a verb (اتفاق تم التوصل إليه، صفقة تقضي)
_NOUN_OF_AGREEMENT = timed(r"[وف]?[بل]?(?:ال)?(?:اتفاق|صفق|تسوي|تفاهم)")
BETWEEN_WINDOW = 10  # words from an agreement's noun in which "بين X و Y" names its sides
_MOVEMENTS = ("group", "party", "organization")
CHAIN_WORDS = 2  # definite words between an actor noun and its nisba (هيئة الموانئ المصرية)
_CHAIN_BREAKS = '.،,;؛:()"“”«»\n-'
_WITH = frozenset({"مع", "لدي"})
# "الرباط، المغرب (وكالات)-- وصف الوزير ...": where the article was filed names no
# actor of its first sentence
DATELINE_CHARS = 100
_DATELINE = timed(r"[^.\n()]{1,100}\([^()\n]{1,30}\)\s*[-–—:]+")


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
            # "وقع مع الرئيس الفرنسي اتفاقية": the other side is the party in focus;
            # "اتفقنا مع الوزيرة": the speaker is
            others = [m for m in mentions if not set(m.bound) & set(partners)]
            found = ()
            if c.number == "first":
                found = _speaker(c, others, text, _before(c, others))
            if not found:
                found = _promisors(c, mentions, text, same_sentence, exclude=partners)
            return tuple(dict.fromkeys(found[:1] + partners))
        if _unnamed(c, mentions, text):
            # "اتفاق تم التوصل إليه بين روسيا وتركيا"، "توقيع اتفاقية بين بنما وكولومبيا": the
            # sides are named after بين, not before the noun
            sides = _between(c, mentions, text)
            if sides:
                # "وافقت كندا على توقيع اتفاقية بين ...": who consents to it is bound too
                clause = max(
                    (m.end() for m in _CLAUSE_START.finditer(text, c.sentence[0], c.start)),
                    default=c.sentence[0],
                )
                own = [
                    m
                    for m in _before(c, mentions)
                    if m.start >= clause
                    and _names_an_actor(m, text)
                    and not _after_preposition(m, text)
                ]
                return tuple(dict.fromkeys(own[-1].bound + sides)) if own else sides
    if c.number == "first":
        speaker = _speaker(c, mentions, text, _before(c, mentions))
        if speaker:
            return speaker
    if _circumstantial(c, text):
        main = _main_clause_party(c.sentence[0], c.start, mentions, text)
        if main:
            return main
        before = _before(c, mentions)
        if not any(_names_an_actor(m, text) and not _after_preposition(m, text) for m in before):
            # "وأشاد بالوساطة في مالي، واعدا بـ": a pronoun subject, from an earlier sentence
            return previous_subject(c, mentions, text)
    return _promisors(c, mentions, text, same_sentence)


def _circumstantial(c: Candidate, text: str) -> bool:
    """The trigger is, or follows, a circumstantial participle (معربا عن استعداده، واعدا بـ):
    its subject is the subject of the sentence's main clause."""
    participles = modifiers().participles

    def participle(word: str) -> bool:  # واعدا is one, not و + اعدا
        return word in participles or _strip_conjunction(word) in participles

    first = _WORD.search(text, c.start, c.trigger_end)
    if first is not None and participle(first.group()):
        return True
    previous = _WORD.findall(text, max(c.sentence[0], c.start - 30), c.start)[-1:]
    return bool(previous) and participle(previous[0])


def _main_clause_party(start: int, end: int, mentions: list[Mention], text: str) -> tuple[str, ...]:
    """The first party named as an actor in the main clause of text[start:end], before
    anything it reports (إن / أن / a colon / a quote) and not as the object of a preposition."""
    said = _SAID.search(text, start, end)
    while said and _HOWEVER.search(text, max(start, said.start() - 6), said.start()):
        said = _SAID.search(text, said.end(), end)  # "بيد أن X قال": the main clause goes on
    limit = said.start() if said else end
    if start < DATELINE_CHARS:
        dateline = _DATELINE.match(text)
        start = max(start, dateline.end()) if dateline else start
    for m in mentions:
        if m.start >= limit:
            break
        inside = start <= m.start and m.end <= limit
        if inside and _names_an_actor(m, text) and not _after_preposition(m, text):
            return m.bound
    return ()


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
        mentions = [m for m in mentions if not set(m.bound) & set(exclude)]
    named = [x for m in mentions if c.start <= m.start and m.end <= c.trigger_end for x in m.bound]
    if not named and not c.rule.starts_with_noun:
        named = subject_after(c, mentions, text)
    if named:
        return tuple(dict.fromkeys(named))
    if c.number == "plural" and not c.rule.starts_with_noun:
        people = _people_of(c, mentions, text)
        if people:
            return people
    size, kinds = _group(c, text)
    focus = _focus(mentions, c.start, max(size, 2), kinds, text)
    if size and len(focus) >= size:
        return tuple(focus[:size])
    if c.rule.starts_with_noun and same_sentence:
        return same_sentence
    before = _before(c, mentions)
    if before:
        # an adjective of a thing (التهديد الإيراني) names no actor: pass over it
        actors = [m for m in before if _names_an_actor(m, text)]
        return _coordinated((actors or before)[-1], mentions, text, c.number != "singular")
    previous = previous_subject(c, mentions, text)
    if previous:
        return previous
    inside = [m.bound for m in mentions if c.trigger_end <= m.start and m.end <= c.end]
    return inside[0] if inside else ()


def _people_of(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...]:
    """A plural verb right after a plural nisba (المسؤولون اللبنانيون اتفقوا، القادة الأفارقة
    تعهدوا): the people of one party act among themselves, and bind that party alone."""
    before = _before(c, mentions)
    if not before or not before[-1].nisba or not before[-1].form.endswith(("يين", "يون")):
        return ()
    m = before[-1]
    if _WORD.search(text, m.end, c.start) or _BREAK.search(text, m.end, c.start):
        return ()
    if text[m.start] == "و" and not m.form.startswith("و"):
        return ()  # the last of several: "الأمريكيون والبريطانيون والفرنسيون اتفقوا"
    return (m.codes[0],)


def not_undertaken(c: Candidate, text: str) -> bool:
    """What the trigger says is a forecast or belief (توقع أن، يبدو أن) or denied (نفى أن، لم
    يقل إنه): no party undertakes it, whoever its subject is."""
    return _forecast(c, text) or _denied_report(c, text)


def first_person(c: Candidate, text: str) -> bool:
    """The trigger speaks as "we" or "I" (سنواصل، لن أسمح، سوف نعمل)."""
    return c.number == "first" or _WE.match(text[c.start : c.trigger_end]) is not None


def own_words(c: Candidate, text: str) -> bool:
    """The trigger is told in its party's own words: in the first person, or reported after a
    verb of saying (قال إنه سيطعن)."""
    return first_person(c, text) or bool(modifiers().speech.search(text, c.sentence[0], c.start))


def subject_names_no_actor(c: Candidate, mentions: list[Mention], text: str) -> bool:
    """A predicate adjective whose clause opens with a definite noun that names no party and no
    actor (إن "الأطفال مستعدون"، قال: "(المتطرفون) مستعدون"): the subject is a thing or people
    who bind no party. An actor noun (إن الإدارة مصممة) or a party (الصين مستعدة) may be one; an
    adjective joined by و (ومستعدة) shares the subject of the one before."""
    if text[c.start] in "وف":
        return False
    words = list(_WORD.finditer(text, max(c.sentence[0], c.start - 40), c.start))
    if not words or _BREAK.search(text, words[-1].end(), c.start):
        return False
    noun = words[-1]
    if not noun.group().startswith("ال") or _among(noun.group(), modifiers().actor_nouns):
        return False
    if any(m.start < noun.end() and noun.start() < m.end for m in mentions):
        return False
    # the noun opens its clause: after أن / إن, a quote, a bracket or a break
    opener = words[-2] if len(words) >= 2 else None
    if opener is None or text[opener.end() : noun.start()].strip():
        return True
    return _COMPLEMENTIZER.fullmatch(opener.group()) is not None


def bound_subject(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...] | None:
    """For rules that need one: the party that is the trigger's grammatical subject, or None.

    A future verb or a refusal binds a party only when that party is its subject: named right
    before it (إن إسرائيل ستوطن, أن وزير الدفاع الأمريكي لن يزور), through the speaker of
    reported speech (قال الوزير الكويتي إن بلاده ستقدم، أعلن أنه سيزور), as "we" (سنواصل), named
    after the verb inside reported speech (قال إن ... وستواصل مصر), or in a clause joined by و
    to one whose subject is named. A future the narrator tells in verb-first order (وسيزور
    الرئيس باريس) is an itinerary or a forecast, and binds no one.
    """
    if not_undertaken(c, text):
        return None
    words = list(_WORD.finditer(text, c.sentence[0], c.start))
    before = _before(c, mentions)
    head = text[c.start : c.trigger_end]
    if first_person(c, text):
        # "we" is the speaker named with its verb of saying, else the subject of what is
        # reported (أن طهران "لن تتفاوض ..." و"سنصنع"), never a party named right before the
        # verb as an object (وفق قواعد منظمة التجارة العالمية وسنستمر)
        found = _speaker(c, mentions, text, before, local=True)
        if not found:
            subject = _complement_subject(c, before, text)
            found = subject.bound if subject else _speaker(c, mentions, text, before)
        return found or None
    subject = _adjacent_subject(c, before, words, text) or _complement_subject(c, before, text)
    if subject is not None:
        return _coordinated(subject, mentions, text, c.number in ("dual", "plural"))
    last_word = words[-1].group() if words else ""
    speaker = _among(last_word, modifiers().speaker_words)
    if speaker:
        return _speaker(c, mentions, text, before) or None
    if _among(last_word, _BUT_HE) and modifiers().speech.search(text, c.sentence[0], c.start):
        # "قال إنه سيدعم الاقتراح، لكنه لن يؤيد ترشيحه": the speaker goes on; only after a
        # verb of saying (alone, "لكنها" may be anything: لكنها ستلقي بظلالها)
        return _speaker(c, mentions, text, before, local=True) or None
    reported = not c.rule.reported_only or bool(
        modifiers().speech.search(text, c.sentence[0], c.start)
    )
    after = subject_after(c, mentions, text)
    if after:
        return tuple(dict.fromkeys(after)) if reported else None
    size, kinds = _group(c, text, by_number=False)
    if size:
        focus = _focus(mentions, c.start, size, kinds, text)
        return tuple(focus) if focus and reported else None
    if _bare_actor(c, words, text) and modifiers().speech.search(text, c.sentence[0], c.start):
        # "قال الوزير الأردني إن الحكومة قررت", "وأضاف: ستتولى الهيئة": the speaker's own body
        return _speaker(c, mentions, text, before) or None
    if head[:1] in ("و", "ف") or last_word in ("و", "ف"):
        clause = max(
            (m.end() for m in _CLAUSE_START.finditer(text, c.sentence[0], c.start)),
            default=c.sentence[0],
        )
        # the subject of the clause it is joined to: a party named as an actor, not the
        # object of a preposition ("بعمليات ضد إيران وستزيد": not Iran)
        joined = [
            m
            for m in before
            if m.start >= clause and _names_an_actor(m, text) and not _after_preposition(m, text)
        ]
        if joined:
            return joined[-1].bound
    return None


_NOT_SAID = frozenset({"لم", "لن", "ولم", "فلم", "ولن", "فلن"})  # ولم is too short to strip
_BUT_HE = frozenset({"لكنه", "لكنها", "لكنهم", "لكنهما"})  # ولكنه through _among
_SAY_JUSSIVE = frozenset({"يقل", "تقل", "يقولوا", "يقولا"})  # قال after لم: لم يقل إنه
DENIAL_WORDS = 3  # words between a denial and the أن it governs (نفى بوتين التكهنات بأنه)


def _denied_report(c: Candidate, text: str) -> bool:
    """The clause of the future is what a negated verb of saying does not say (لم يقل إنه
    سيدرس) or what a denial denies (نفى أن، نفى التكهنات بأنه، رفض المتحدث تأكيد أن)."""
    mods = modifiers()
    before = text[c.sentence[0] : c.start]
    negated = "لم " in before or "لن " in before
    if not negated and mods.report_denials.search(text, c.sentence[0], c.start) is None:
        return False  # the usual case: no negation and no denial before the trigger
    that = _last(_THAT.finditer(text, c.sentence[0], c.start))  # the clause's own أن
    if that is None:
        return False
    words = _WORD.findall(text, max(c.sentence[0], that.start() - 60), that.start())
    said = words[-1] if words else ""
    if len(words) >= 2 and (mods.speech.fullmatch(said) or said in _SAY_JUSSIVE):
        return words[-2] in _NOT_SAID
    denial = _last(mods.report_denials.finditer(text, c.sentence[0], that.start()))
    if denial is None or _BREAK.search(text, denial.end(), that.start()):
        return False
    return len(_WORD.findall(text, denial.end(), that.start())) <= DENIAL_WORDS


# a future: سيفعل، سوف يفعل، لن يفعل (with و or ف before it)
_FUTURE = timed(r"[وف]?(?:س|سوف\s|لن\s)")
ADVERB_AFTER = 3  # words after a future's verb in which "على الأرجح" makes it a forecast


def _likely(c: Candidate, text: str) -> bool:
    """ "ستلغي على الأرجح الاتفاق"، "ربما سنعيد": an adverb of likelihood in the future's own
    clause, right before its verb or among the first words after it."""
    adverbs = modifiers().likely
    if adverbs.search(text, c.sentence[0], c.sentence[1]) is None:
        return False  # the usual case, and one search: no adverb of likelihood in the sentence
    clause = max(
        (m.end() for m in _CLAUSE_START.finditer(text, c.sentence[0], c.start)),
        default=c.sentence[0],
    )
    words = _WORD.finditer(text, c.trigger_end, c.sentence[1])
    after = list(itertools.islice(words, ADVERB_AFTER + 1))
    end = after[-1].end() if after else c.trigger_end
    return adverbs.search(text, clause, end) is not None


def _forecast(c: Candidate, text: str) -> bool:
    """The future is what someone expects or believes (رأى لافروف أن واشنطن لن تغادر، توقع
    المحللون أن الحكومة سترفع، وسط توقعات بأن البنك سيخفض، يبدو أنها ستؤجل): a verb or noun of
    opinion governs the clause, no verb of saying after it; or the clause says it is likely."""
    # a predicate (الصين مستعدة) is governed like a future: "يبدو أن الصين مستعدة"
    future = c.rule.predicate or _FUTURE.match(text, c.start) is not None
    if future and _likely(c, text):
        return True
    mods = modifiers()
    opinion = _last(mods.opinion.finditer(text, c.sentence[0], c.start))
    # a noun of expectation governs a future, not a decision told in the past (بعدما قرر)
    # and runs on to it: "كما يبدو، فيما قالت الوزارة إنها ستحقق" is an aside
    for found in mods.opinion_nouns.finditer(text, c.sentence[0], c.start) if future else ():
        if _BREAK.search(text, found.end(), c.start):
            continue
        if opinion is None or found.start() > opinion.start():
            opinion = found
    if opinion is None:
        return False
    if mods.speech.search(text, opinion.end(), c.start):
        return False
    said = _WORD.findall(text, opinion.end(), c.start)
    if any(w in mods.participles or _strip_conjunction(w) in mods.participles for w in said):
        return False  # "رأى ...، مضيفا أن": what follows is said, not believed
    previous = _WORD.findall(text, max(c.sentence[0], opinion.start() - 20), opinion.start())
    if previous and _strip_conjunction(previous[-1]) in ("اذا", "لو", "ان"):
        return False  # "إذا اعتقد أن ...": a condition, not the speaker's forecast
    # the verb of opinion governs the clause of the trigger: one complementizer between them
    # ("رأى ... مبينا أن الوفد سيقوم" reports another clause)
    return len(_THAT.findall(text, opinion.end(), c.start)) == 1


def _adjacent_subject(
    c: Candidate, before: list[Mention], words: list[regex.Match[str]], text: str
) -> Mention | None:
    """The party named right before the trigger, in its clause, as its subject (إن مصر ستعمل).

    Only a filler may stand between them (مصر بدورها ستعمل); a party after a preposition is an
    object or a place (طرد العمال في السعودية سيضخم), and one before a comma ends another clause.
    """
    if not before:
        return None
    m = before[-1]
    between = [w.group() for w in words if w.start() >= m.end]
    fillers = modifiers().subject_fillers
    if len(between) > 1 or any(not _among(w, fillers) for w in between):
        return None
    if _BREAK.search(text, m.end, c.start) or _after_preposition(m, text):
        return None
    return m if _names_an_actor(m, text) else None


def _bare_actor(c: Candidate, words: list[regex.Match[str]], text: str) -> bool:
    """What is reported opens with an actor noun and no party named: "إن الحكومة قررت"، "أن
    السلطات ستقوم"، or with the verb and then the actor noun: "وأضافت البلدية: ستتولى الهيئة"."""
    actors = modifiers().actor_nouns
    if len(words) >= 2 and _among(words[-1].group(), actors):
        # "أن وزير الدفاع سيعقد": a title with its ministry is a person, not the speaker's body
        return _COMPLEMENTIZER.fullmatch(words[-2].group()) is not None
    # "إن هيئة الرقابة ستتولى"، "أن القوات الخاصة ستنتشر": an actor noun and the definite word
    # that completes it
    if (
        len(words) >= 3
        and words[-1].group().startswith("ال")
        and words[-1].group() not in _STOP_SUBJECT
        and _among(words[-2].group(), actors)
        and not _BREAK.search(text, words[-3].end(), c.start)
    ):
        return _COMPLEMENTIZER.fullmatch(words[-3].group()) is not None
    said = list(_SAID.finditer(text, c.sentence[0], c.start))
    if not said or _WORD.search(text, said[-1].end(), c.start):
        return False
    first = _WORD.search(text, c.trigger_end, c.end)
    return first is not None and _among(first.group(), actors)


def _complement_subject(c: Candidate, before: list[Mention], text: str) -> Mention | None:
    """The party right after the last "أن / إن" before the trigger: the subject of the reported
    clause (أعلن البيت الأبيض أن الرئيس دونالد ترامب، لن يلتقي ...), titles allowed between."""
    comps = list(_COMPLEMENTIZER.finditer(text, c.sentence[0], c.start))
    if not comps:
        return None
    k = comps[-1]
    first = next((m for m in before if m.start >= k.end()), None)
    if first is None or not _names_an_actor(first, text):
        return None
    actors = modifiers().actor_nouns
    titles = _WORD.findall(text, k.end(), first.start)
    if any(not _among(w, actors) for w in titles):
        return None
    if len(_WORD.findall(text, first.end, c.start)) > COMPLEMENT_WINDOW:
        return None
    return first


def _after_preposition(m: Mention, text: str) -> bool:
    """A party named as the object of a preposition: في مصر، لإسرائيل، بالسعودية."""
    surface = _strip_conjunction(text[m.start : m.end].split()[0])
    form = m.form.split()[0]
    if surface != form and surface[:1] in ("ب", "ل", "ك") and not form.startswith(surface[:1]):
        return True
    if surface.startswith("لل") and form.startswith("ال"):
        return True
    return _preceded_by(m, text, modifiers().prepositions)


def _preceded_by(m: Mention, text: str, words: frozenset[str]) -> bool:
    """The word right before the mention is one of `words` (a leading و or ف aside)."""
    previous = _WORD.findall(text, max(0, m.start - 20), m.start)[-1:]
    return bool(previous) and _among(previous[0], words)


def _addressee(m: Mention, text: str) -> bool:
    """A party named after a verb of saying as whom it met with or where it is accredited, not
    who says it: "أعلن بعد لقائه مع كيم"، "قال سفيرها لدى واشنطن". (Not ل: in "قيادة القوات
    لتحالف ..." it joins the speaker's own title.)"""
    return _preceded_by(m, text, _WITH)


def _speaker(
    c: Candidate, mentions: list[Mention], text: str, before: list[Mention], local: bool = False
) -> tuple[str, ...]:
    """The party of whoever speaks in "قال X إن ...".

    The speaker stands between the last verb of saying and what is said (إن / أن / a colon / a
    quote), or right before the verb (الوزير قال). A verb of saying with no one there has the
    subject of the previous sentence as its speaker (وقال إن ... / لكنه أكد أنه ...). Without a
    verb of saying: the nearest party before the trigger, else the previous subject.
    `local`: only a speaker named in the sentence itself, with its verb of saying (else ()).
    """
    verbs = list(modifiers().speech.finditer(text, c.sentence[0], c.start))
    if verbs:
        v = verbs[-1]
        said = _SAID.search(text, v.end(), c.start)
        limit = said.start() if said else c.start
        after_verb = [
            m for m in before if m.start >= v.end() and m.end <= limit and not _addressee(m, text)
        ]
        ahead = [m for m in before if m.end <= v.start()]
        fillers = modifiers().subject_fillers
        # "بريطانيا لا تخشى روسيا، وقال": a verb with و starts a new clause, whose subject is
        # the main clause's ("وكان بوتن قد أعلن ...، وقال ...، وأوضح أنه")
        joined = v.group()[:1] in ("و", "ف") and modifiers().speech.fullmatch(v.group()[1:])
        subject = (
            ahead
            and not joined
            and all(w in fillers for w in _WORD.findall(text, ahead[-1].end, v.start()))
        )
        # a place is the speaker only where no one else can be: "وكان ترامب قد أعلن في
        # سنغافورة إنه"، "وقال الوزير أثناء زيارة إلى فرنسا مرافقا ولي العهد"
        actors = [m for m in after_verb if not _venue(m, text)]
        if actors:
            return actors[0].bound
        if after_verb and not subject:
            return after_verb[0].bound
        if subject:
            return ahead[-1].bound  # الوزير قال، مسؤولون أمريكيون قد قالوا
        if said and not local:
            main = _main_clause_party(c.sentence[0], v.start(), before, text) if joined else ()
            # "وقالت الشرطة المحلية إنها": a public body speaks, and no private person is it
            actors_named = _WORD.findall(text, v.end(), limit)
            if any(_among(w, modifiers().actor_nouns) for w in actors_named):
                mentions = [m for m in mentions if m.codes != (PRIVATE,)]
            return main or previous_subject(c, mentions, text)
    if local:
        return ()
    if before:
        return before[-1].bound
    return previous_subject(c, mentions, text)


def previous_subject(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...]:
    """Who a pronoun subject (وأضاف أنه، ووعد بـ) refers to: the subject of an earlier sentence.

    Going back sentence by sentence (at most PREVIOUS_SENTENCES), the first party named as an
    actor in a sentence's main clause, before anything it reports (إن / أن / a colon / a quote):
    in "وقال المتحدث باسم الوزارة إن السوريين ..." no party is, so the search goes on to the
    sentence before. Failing that, the last party named.
    """
    prior = [m for m in mentions if m.end <= c.sentence[0]]
    if not prior:
        return ()
    end = c.sentence[0]
    for _ in range(PREVIOUS_SENTENCES):
        while end > 0 and text[end - 1] in _SENTENCE_TAIL:
            end -= 1
        if end <= 0:
            break
        start = max(text.rfind(ch, 0, end) for ch in _SENTENCE_ENDS) + 1
        found = _main_clause_party(start, end, prior, text)
        if found:
            return found
        end = start
    return prior[-1].bound


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
            codes.extend(m.bound)
            continue
        word = w.group()
        if codes and word != "و":
            break
        if word in _STOP_SUBJECT or (word[0] in "بل" and word not in actors):
            break
        if _among(word, actors):
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
    return after[0].bound if after and after[0].start - with_word.end() < 40 else ()


def _unnamed(c: Candidate, mentions: list[Mention], text: str) -> bool:
    """An agreement told as a noun or in the passive, no party named in its own words."""
    first = _WORD.search(text, c.start, c.trigger_end)
    if not c.rule.starts_with_noun and (
        first is None or not _NOUN_OF_AGREEMENT.match(first.group())
    ):
        return False
    return not any(c.start <= m.start and m.end <= c.trigger_end for m in mentions)


def _between(c: Candidate, mentions: list[Mention], text: str) -> tuple[str, ...]:
    """The two sides of "بين X و Y" in or just after an agreement's words: X is named right
    after بين (a title or two allowed before it), Y after the و that joins it."""
    end = c.sentence[1]
    words = list(_WORD.finditer(text, c.start, end))[:BETWEEN_WINDOW]
    between = next((w for w in words if w.group() == "بين"), None)
    if between is None:
        return ()
    after = [m for m in mentions if between.end() <= m.start and m.end <= end]
    if not after:
        return ()
    first = after[0]
    actors = modifiers().actor_nouns
    titles = _WORD.findall(text, between.end(), first.start)
    if len(titles) > 2 or any(not _among(w, actors) for w in titles):
        return ()
    sides = list(first.bound)
    last = first
    for m in after[1:]:
        gap = text[last.end : m.start]
        if set(m.bound) <= set(sides) and not regex.search(r"[.،,؛;:()]", gap.strip("، ")):
            last = m  # the same side named again: a title, then the name (الرئيس الكيني روتو)
            continue
        gap_words = _WORD.findall(text, last.end, m.start)
        if gap_words[:2] == ["من", "جهه"]:
            gap_words = gap_words[2:]  # "بين X من جهة و Y من جهة أخرى"
        joined = text[m.start] == "و" and not m.form.startswith("و")
        titled = (
            bool(gap_words)
            and gap_words[0][:1] == "و"
            and len(gap_words) <= 2
            and all(_among(w, actors) for w in gap_words)
        )
        if not ((joined and not gap_words) or titled):
            break
        sides.extend(x for x in m.bound if x not in sides)
        last = m
    return tuple(sides) if len(sides) >= 2 else ()


def _venue(m: Mention, text: str) -> bool:
    """A state named as a place: after في / إلى / داخل, or with ب on it (في سنغافورة، بالقاهرة)."""
    if m.nisba or m.person or m.kind != "state":
        return False
    surface = _strip_conjunction(text[m.start : m.end].split()[0])
    if surface[:1] == "ب" and not m.form.startswith("ب"):
        return True
    return _preceded_by(m, text, modifiers().place_prepositions)


def _names_an_actor(m: Mention, text: str) -> bool:
    """A party named outright, or an adjective of an actor noun (القوات الأمريكية).

    Also of an actor noun that heads a construct (أن سلطة الطيران المدنية الأردنية، وأعلنت
    هيئة الموانئ المصرية): up to CHAIN_WORDS definite words between them, and the head opens
    its clause, after a complementizer, a verb of saying or a comma, so that it is no genitive
    of another noun (زيارة ولي العهد السعودي ستنطلق: the visit, not the prince).
    """
    if not m.nisba:
        return True
    actors = modifiers().actor_nouns
    start = max(0, m.start - 120)
    cut = max(text.rfind(ch, start, m.start) for ch in _CHAIN_BREAKS)
    opened = cut >= 0 or start == 0
    words = _WORD.findall(text, max(start, cut + 1), m.start)
    if not words:
        return False
    if _among(words[-1], actors):
        return True
    for k in range(len(words) - 1, max(0, len(words) - 1 - CHAIN_WORDS), -1):
        # each word between is definite (الآثار، الطيران المدنية)
        if not words[k].startswith("ال") or words[k] in _STOP_SUBJECT:
            return False
        if _among(words[k - 1], actors):
            return _opens_clause(words[: k - 1], opened)
    return False


def _opens_clause(words: list[str], opened: bool) -> bool:
    """What stands before an actor noun lets it be a subject: nothing after a break, a
    complementizer (أن، إن، بأن) or a verb of saying (وأعلنت)."""
    if not words:
        return opened
    last = words[-1]
    if _COMPLEMENTIZER.fullmatch(last):
        return True
    return modifiers().speech.fullmatch(last) is not None


def _group(c: Candidate, text: str, by_number: bool = True) -> tuple[int, tuple[str, ...] | None]:
    """How many parties in focus the trigger binds (0: none) and of which kinds (None: any).

    `by_number`: a dual or plural verb (or an agreement) alone binds two; without it, only words
    naming the group (الطرفان، البلدان) do.
    """
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
    if by_number and (c.number != "singular" or c.rule.kind == "agreement"):
        return 2, None
    return 0, None


def _focus(
    mentions: list[Mention],
    before: int,
    n: int,
    kinds: tuple[str, ...] | None,
    text: str,
) -> list[str]:
    """The last `n` distinct parties (of the given kinds) named before an offset, places of
    meetings passed over (القمة التي عقدت في سنغافورة: the leaders, not Singapore)."""
    focus: list[str] = []
    for m in reversed(mentions):
        if m.end <= before and (kinds is None or m.kind in kinds) and not _venue(m, text):
            focus.extend(x for x in m.bound if x not in focus)
            if len(focus) >= n:
                break
    return focus


def _coordinated(m: Mention, mentions: list[Mention], text: str, plural: bool) -> tuple[str, ...]:
    """The parties of `m` and of the mentions joined to it by و with nothing else between.

    Two adjectives of one noun name two parties (السلطات التركية واليونانية، القوات التركية
    والأمريكية): they are one subject whatever the verb's number. Two names joined by و (مون
    وكيم، مصر والسودان) are one subject only before a dual or plural verb (`plural`).
    """
    i = next((k for k, o in enumerate(mentions) if o is m), None)
    if i is None:
        return m.bound

    def joined(a: Mention, b: Mention) -> bool:
        if a.nisba != b.nisba or (not a.nisba and not plural):
            return False
        if text[b.start] != "و" or b.form.startswith("و") or b.start - a.end > 2:
            return False
        return not text[a.end : b.start].strip()

    first = last = i
    while first > 0 and joined(mentions[first - 1], mentions[first]):
        first -= 1
    while last + 1 < len(mentions) and joined(mentions[last], mentions[last + 1]):
        last += 1
    if not plural and first == last:
        # "بريطانيا وفرنسا وألمانيا وروسيا تعهدت": a list of three or more names is one
        # subject whatever the verb's number (it may agree with the list as a group)
        chain = _chain(i, mentions, text)
        if len(chain) >= LIST_SUBJECT:
            return tuple(dict.fromkeys(x for o in chain for x in o.bound))
    return tuple(dict.fromkeys(x for o in mentions[first : last + 1] for x in o.bound))


LIST_SUBJECT = 3  # names joined by commas and و that are one subject even before a singular verb


def _chain(i: int, mentions: list[Mention], text: str) -> list[Mention]:
    """The names of states or bodies listed up to mentions[i] (X، Y و Z): each separated from
    the next by و or a comma alone."""
    chain = [mentions[i]]
    k = i
    while k > 0:
        a, b = mentions[k - 1], mentions[k]
        gap = text[a.end : b.start].strip()
        joined_by_and = text[b.start] == "و" and not b.form.startswith("و") and not gap
        if a.nisba or b.nisba or not (joined_by_and or gap in ("،", ",")):
            break
        chain.insert(0, a)
        k -= 1
    return chain


def _among(word: str, words: frozenset[str]) -> bool:
    """`word` is one of `words`, as written or after a conjunction و / ف (وزير is not و + زير,
    وقال is و + قال): both readings are tried."""
    return word in words or _strip_conjunction(word) in words


def _last(matches: Iterator[regex.Match[str]]) -> regex.Match[str] | None:
    """The last of `matches`, None if there is none."""
    tail = collections.deque(matches, maxlen=1)
    return tail[0] if tail else None


def _strip_conjunction(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
